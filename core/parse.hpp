#pragma once
// The notation parser. Total: any byte string parses; what it cannot match
// becomes literal text with a diagnostic. Linear in the input, no recursion.
#include <string_view>

#include "core/document.hpp"
#include "core/notation.hpp"

namespace accord {

struct ParseOptions {
    NotationOptions notation;
    // Diagnostics kept per document; the rest are counted in
    // Document::suppressed_diagnostics, so hostile input cannot flood memory.
    std::size_t max_diagnostics = 1000;
};

Document parse(std::string_view bytes, const ParseOptions& options = {});

}  // namespace accord
