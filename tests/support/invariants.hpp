#pragma once
// Structural promises of a parsed document, checked on any input: lossless
// printing, tokens that tile the source, well-formed ranges, positions that
// agree with the source map. Returns the first broken promise, or "".
#include <string>

#include "core/notation/document.hpp"

namespace accord::test {

std::string broken_invariant(const Document& document, std::string_view input);

}  // namespace accord::test
