#pragma once
// The paragraph pass of the three-way merge. Most of a redraft is the base's
// paragraphs, byte for byte: the three texts are compared paragraph by
// paragraph first (runs of non-blank lines and the blank lines after them)
// and cut into sections where both sides' paragraph diffs pass between
// hunks. A section only one side changed is that side's; only a section both
// sides changed needs the token-level merge, on its own bytes.
//
// A cut never falls where the parts could read differently alone than in
// the whole text:
//  - inside a bracket or an alternatives group that spans paragraphs in any
//    of the three parsed texts;
//  - before a line "---", which would open front matter; the front matter
//    is always in the first section;
//  - anywhere, when the texts define different Markdown link labels
//    ("[label]: url"), which decide what reads as a link and what as a
//    bracket everywhere in a text: no sections then (nullopt).
// Merging section by section then gives the whole-text merge's result, but
// where that merge saw a disagreement between neighbouring paragraphs each
// side changed alone, or grew one over a paragraph all three share
// (tests/unit/merge_sections_test.cpp counts them).
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/notation/parse.hpp"

namespace accord {

struct MergeSection {
    std::string_view base, ours, theirs;  // the same stretch of each text
    // Both sides changed it, differently: it needs the token-level merge.
    bool contested = false;
    // When not contested: the side that changed it, else the base.
    std::string_view settled() const { return ours == base ? theirs : ours; }
};

struct MergeSections {
    // In order; each text is the concatenation of its parts.
    std::vector<MergeSection> sections;
    // The link labels all three texts define, for parsing a section alone.
    std::unordered_set<std::string> link_labels;
};

// Sections of the three texts (views into them), or nullopt when they
// define different link labels. `options` is how the texts are parsed.
std::optional<MergeSections> split_sections(std::string_view base, std::string_view ours,
                                            std::string_view theirs, const ParseOptions& options);

}  // namespace accord
