#pragma once
// The compilation as a Word document (.docx): the title, the outline's
// preamble, section, group and text headings as Word headings, and each
// text's body one Word paragraph per line, brackets and status tags as
// typed, strikes (~~x~~) as strikethrough, **bold**, *italic*, <sup> and
// <sub> as Word formats them, and a Markdown heading line ("## Article 2")
// as a Word heading.
//
// Round trip: reading the document back (core/import/docx, which knows the
// documents accord writes) gives every text's body byte for byte, with its
// tracked changes accepted. The renderer checks this itself: it reads what
// it wrote, and a line that would not come back as it is (marks Word cannot
// carry apart, such as "**~~x~~**") is written with its marks as typed
// instead; a line that still would not (control characters XML forbids) is
// named in a warning.
//
// Tracked changes: a text may come as segments, unchanged, inserted or
// deleted, each change with its author and date; Word shows them as its own
// tracked changes ("Nigeria inserted ..."), to accept or reject. A heading
// line changed inside ("# Section [first] one") is a Word heading holding
// the change, its marks formatted as on any changed line. Positions become
// Word comments by who noted them (or their speakers), each covering the standing bytes of its
// range and no more (a range that ends its paragraph ends with it).
#include <optional>
#include <string>
#include <vector>

#include "merge/compile/compilation.hpp"

namespace accord {

struct DocxSegment {
    enum class Change : std::uint8_t { none, inserted, deleted };
    std::string text;
    Change change = Change::none;
    std::string author;  // the delegation that made the change
    std::string date;    // RFC 3339
};

struct DocxComment {
    std::size_t text = 0;  // index into Compilation::texts
    ByteRange range;       // in that text's body (as it stands), the wording it speaks of
    std::string author;    // who noted it, or the speakers, "Pakistan" or "Japan, Canada"
    std::string date;
    std::string words;  // what the comment says
};

struct DocxRenderOptions {
    // Per text (index into Compilation::texts): its body as segments, the
    // deleted ones between the others; an empty list (or a text past the
    // end) is the body unchanged.
    std::vector<std::vector<DocxSegment>> changes;
    // Per text: its front matter at the revision the changes run from, where
    // it differs from the front matter now (which is no tracked change);
    // written for the import, so that the text with its tracked changes
    // rejected is that revision's, byte for byte.
    std::vector<std::optional<std::string>> front_matter_before;
    std::vector<DocxComment> comments;
    std::string created;  // RFC 3339, the document's creation date; empty: none
};

struct DocxRendering {
    std::string bytes;
    std::vector<std::string> warnings;
};

DocxRendering render_compilation_docx(const Compilation& compilation,
                                      const DocxRenderOptions& options = {});

}  // namespace accord
