#pragma once
// The shape of a compiled negotiation, shared by its Markdown and HTML
// renderings: the title, the outline's preamble, then section, group and text
// headings in compilation order, each text exactly once.
#include <cstddef>
#include <string>
#include <vector>

#include "core/store/recommendations.hpp"

namespace accord {

struct LayoutEntry {
    // separator: the break ("* * *") that closes a group before texts of
    // its section with no group (the opinions after GROUP E).
    enum class Kind { section, group, text, separator };
    Kind kind = Kind::text;
    int level = 2;         // heading level: 1 is the title
    std::string heading;   // as the outline (or the front matter) words it; may be empty
    std::size_t text = 0;  // Kind::text: index into the texts given to lay_out_compilation
};

struct CompilationLayout {
    std::string title;
    std::vector<std::string> preamble;  // the outline's paragraphs before its first section
    std::vector<LayoutEntry> entries;   // in document order
};

// Lays out `texts` (in compilation order, outline excluded) under the
// outline's headings. The title is the outline's front-matter title, else
// `fallback_title`. A section heading opens whenever the section changes, a
// group heading whenever the group changes within it; a group is headed as
// the outline words it ("GROUP A: Implementation of ...") or, when the
// outline does not name it, "Group A: <the text's title>". A text is headed by
// its front matter's heading, else its title, else its id; but a text with no
// heading whose title is already its group heading's stays unheaded (empty
// heading), as the secretariat's compilation prints it. The preamble leaves
// out the outline's table of contents (lines ending in page numbers, and its
// "Table of contents" line): its page numbers do not survive compilation,
// and the headings follow anyway.
CompilationLayout lay_out_compilation(const Recommendation* outline,
                                      const std::vector<const Recommendation*>& texts,
                                      const std::string& fallback_title);

// The paragraphs of a text's body, each trimmed of surrounding white space.
std::vector<std::string> body_paragraphs(const Document& document);

}  // namespace accord
