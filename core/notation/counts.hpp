#pragma once
// What a document holds, counted: the figures `accord check` reports and that
// `accord status` will total.
#include <cstddef>
#include <map>
#include <string>

#include "core/notation/document.hpp"

namespace accord {

struct DocumentCounts {
    std::size_t paragraphs = 0;
    std::size_t brackets = 0;             // matched pairs
    std::size_t spanning_brackets = 0;    // of those, open across paragraphs
    std::size_t max_depth = 0;            // deepest nesting; 1 for "[a]"
    std::size_t alternatives_groups = 0;  // "[a][b]" and longer runs
    // Choices offered: each member of an alternatives group counts its own
    // options (1, or "[a / b]" 2), and a lone bracket with separators counts
    // separators + 1. "[a][b / c]" offers 3; a lone "[a]" offers none.
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

}  // namespace accord
