#pragma once
// Whole paragraphs of each side written as alternatives, headings among
// them. A bracket may not run across a heading (it would not pair: the
// notation closes every bracket before the next section), so a heading
// never stands inside the brackets: the sections under the same headings
// are set side by side, and two headings that differ become one heading
// holding both wordings ("## [Article 5][Article 6]").
#include <string>
#include <string_view>

#include "core/notation/parse.hpp"

namespace accord::token_merge {

// "[ours]\n\n[theirs]" for paragraphs without headings; with headings, as
// above. Both are trimmed texts of whole paragraphs; neither is empty.
std::string paragraph_alternatives(std::string_view ours, std::string_view theirs,
                                   const ParseOptions& options);

}  // namespace accord::token_merge
