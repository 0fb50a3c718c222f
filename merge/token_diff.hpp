#pragma once
// Token-level diff of two parsed documents. Tokens are interned to integers
// (markup by kind, words by text); paragraphs that did not change are matched
// whole first, so the sequence diff only sees the paragraphs that changed.
#include <vector>

#include "core/document.hpp"
#include "core/tokens.hpp"
#include "merge/sequence_diff.hpp"

namespace accord {

struct TokenDiff {
    std::vector<Token> old_tokens;
    std::vector<Token> new_tokens;
    std::vector<Edit> script;               // over token indices, in order
    std::vector<std::uint32_t> old_to_new;  // kNone where the token was removed
    std::vector<std::uint32_t> new_to_old;  // kNone where the token was added
};

struct TokenDiffOptions {
    // Fold short common runs between rewordings into the change (readable
    // diffs). Blame turns it off: a coincidentally kept word keeps its author.
    bool fold_coincidences = true;
};

TokenDiff diff_tokens(const Document& before, const Document& after,
                      const TokenDiffOptions& options = {});

}  // namespace accord
