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

// The same, reading the front matter through `memo`: for a caller parsing
// many versions of one text in order (blame), which mostly share it.
class FrontMatterMemo;
Document parse(std::string_view bytes, const ParseOptions& options, FrontMatterMemo& memo);

}  // namespace accord
