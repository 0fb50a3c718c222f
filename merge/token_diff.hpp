#pragma once
// Token-level diff of two parsed documents. Tokens are interned to integers
// (markup by kind, words by text); paragraphs that did not change are matched
// whole first, so the sequence diff only sees the paragraphs that changed.
#include <memory>
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
    // Copy both sides' tokens into the result (old_tokens, new_tokens). A
    // caller holding the InternedTokens already (blame) turns it off.
    bool copy_tokens = true;
};

TokenDiff diff_tokens(const Document& before, const Document& after,
                      const TokenDiffOptions& options = {});

// One document's tokens interned to integers, with its paragraph units: what
// a diff needs of a side. Made once per document and reused across diffs
// (blame diffs every version against its parent).
struct InternedTokens {
    std::vector<Token> tokens;
    std::vector<std::uint32_t> ids;         // per token
    std::vector<std::uint32_t> unit_ids;    // per paragraph unit
    std::vector<std::uint32_t> unit_first;  // first token of each unit, then the token count
};

// Interns tokens (markup by kind, words by text) and whole paragraphs. It
// keeps its own copy of each distinct text, so documents may go before it.
class TokenInterner {
  public:
    TokenInterner();
    ~TokenInterner();
    TokenInterner(const TokenInterner&) = delete;
    TokenInterner& operator=(const TokenInterner&) = delete;

    InternedTokens intern(const Document& document);
    // The same as intern(document), made cheaper by an earlier version of
    // the text interned by this interner: tokens and paragraphs lying wholly
    // in the bytes the two texts share at their start and end take their ids
    // from `earlier` (same bytes, same kind: same id) instead of being hashed.
    InternedTokens intern(const Document& document, const Document& earlier_document,
                          const InternedTokens& earlier);

  private:
    struct Tables;
    std::unique_ptr<Tables> tables_;
};

// The diff of two interned documents (interned by the same interner).
TokenDiff diff_interned(const InternedTokens& before, const InternedTokens& after,
                        const TokenDiffOptions& options = {});

}  // namespace accord
