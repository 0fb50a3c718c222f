#pragma once
// The first pass of import planning: what each paragraph of a compilation is.
// One walk over the paragraphs keeps the section, group and item it is in and
// puts every paragraph in exactly one place: a proposal of an item, the
// outline, or the unclassified text. Names and dates are read here as
// written; import_plan resolves them.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/import/headings.hpp"
#include "core/import/plan.hpp"

namespace accord::importer {

inline constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

struct DraftProposal {
    ItemHeading heading;                  // as read; an unattributed item's is empty
    std::size_t line = 0;                 // of its heading, or of its first paragraph without one
    std::size_t date_line = 0;            // where its date and names were read (a lead-in sentence)
    std::vector<std::size_t> paragraphs;  // indices into Structure::paragraphs, in file order
};

struct DraftItem {
    std::size_t section = kNoIndex;  // into Structure::sections
    std::string group;               // "A", or ""
    std::string group_title;
    // With no group: the last group its section held before it ("E" for
    // opinions after a separator that closed GROUP E), or "".
    std::string after_group;
    std::string heading;  // the heading line as written ("" when unattributed)
    std::size_t heading_paragraph = kNoIndex;
    int number = -1;                       // as printed, or -1
    bool unattributed = false;             // text a group holds without any item heading
    std::vector<DraftProposal> proposals;  // the first is the item's own submission
};

struct Structure {
    std::vector<SourceParagraph> paragraphs;
    std::vector<std::string> sections;  // section headings as written
    std::vector<DraftItem> items;       // in document order
    std::vector<std::size_t> outline;  // preamble, contents, section and group headings, separators
    std::vector<std::size_t> unclassified;
    std::vector<ImportWarning> warnings;
};

// Paragraph by paragraph:
//  - before the first heading: the preamble, to the outline;
//  - a GROUP heading, a separator, a section heading (a line directly followed
//    by a GROUP heading): to the outline; each closes the open item;
//  - a footnote ("¹ ...", with the paragraphs that continue it after a ':' or
//    inside an open quotation) whose mark an earlier proposal cites: to that
//    proposal;
//  - an item heading: a new item; a later-proposal heading: a new proposal of
//    the open item; anything else: the open item's last proposal;
//  - text outside any item waits for the next item heading. If that heading
//    names no one ("Opinion A") and the text does ("... received from Mr. X
//    on 28 February 2014"), the text leads the item in and names its
//    proposer and date. Otherwise text with a status tag becomes an
//    unattributed item of its group, and the rest goes to unclassified.
Structure read_structure(std::string_view source,
                         const std::vector<std::string>& status_vocabulary);

}  // namespace accord::importer
