#pragma once
// What a document holds, counted: the figures `accord check` reports and that
// `accord status` will total.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "core/notation/document.hpp"

namespace accord {

struct DocumentCounts {
    std::size_t paragraphs = 0;
    std::size_t brackets = 0;           // matched pairs
    std::size_t spanning_brackets = 0;  // of those, open across paragraphs
    std::size_t max_depth = 0;          // deepest nesting; 1 for "[a]"
    // "[a][b]" and longer runs, and groups of alternative paragraphs
    // ("**Option 1:**", "**Option 2:**"; a paragraph and its "Alt:").
    std::size_t alternatives_groups = 0;
    // Choices offered: each member of an alternatives group counts its own
    // options (1, or "[a / b]" 2), and a lone bracket with separators counts
    // separators + 1. "[a][b / c]" offers 3; a lone "[a]" offers none. A
    // group of alternative paragraphs offers one per paragraph (an unnumbered
    // "Alt:" the paragraph before it too).
    std::size_t options = 0;
    std::size_t strikes = 0;
    std::size_t alternative_paragraphs = 0;  // paragraphs with an "Alt"/"Option" label
    std::map<std::string, std::size_t> paragraphs_by_status;
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t notes = 0;

    DocumentCounts& operator+=(const DocumentCounts& other);
};

DocumentCounts count(const Document& document);

// The number an alternative paragraph's label gives it, and how it is
// written: "Alt1:" and "**Option 1:**" 1, "Option II" 2 (roman), "Option B"
// 2 (letter), "Alt:" none (value 0).
struct LabelOrdinal {
    enum class Kind { none, number, roman, letter } kind = Kind::none;
    std::size_t value = 0;
    friend bool operator==(const LabelOrdinal&, const LabelOrdinal&) = default;
};
LabelOrdinal label_ordinal(std::string_view label);

}  // namespace accord
