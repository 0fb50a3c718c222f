#pragma once
// One side of a token diff, with the lookups the engines share: the token at
// a byte offset, the bracket whose mark a token is, the innermost bracket
// around a token, and which old bracket is which new bracket.
#include <vector>

#include "core/notation/document.hpp"
#include "core/notation/tokens.hpp"

namespace accord {

// `tokens` are the document's (tokenize). Made in time proportional to its
// brackets, not its tokens: blame makes one per version whose marks moved.
struct TokenView {
    TokenView(const Document& document, const std::vector<Token>& tokens,
              const std::vector<std::uint32_t>& mapping);

    const Document& doc;
    const std::vector<Token>& tokens;
    const std::vector<std::uint32_t>& mapping;           // to the other side; kNone when changed
    std::vector<std::uint32_t> open_token, close_token;  // per bracket: its marks' tokens

    std::uint32_t token_at(std::size_t offset) const;
    bool changed(std::uint32_t token) const { return mapping[token] == kNone; }
    // The bracket whose open mark this token is, or kNone.
    std::uint32_t bracket_opening_at(std::uint32_t token) const;
    // The innermost bracket around this token (its own marks excluded), or kNone.
    std::uint32_t innermost(std::uint32_t token) const;

  private:
    // The common case in one sweep over the tokens: the k-th '[' token is
    // bracket k's and each ']' token closes the innermost bracket open, at
    // the offsets the document gives. Fills the marks' tokens, parents and
    // the innermost table; false (and left half made) otherwise.
    bool read_nested(const std::vector<Token>& t);

    // Brackets as the parser makes them, numbered in the order they open
    // and nested, are looked up by their marks' tokens (parent_: the bracket
    // directly around). Others get per-token tables (at_token_, innermost_).
    bool nested_ = true;
    std::vector<std::uint32_t> parent_;
    std::vector<std::uint32_t> at_token_;
    mutable std::vector<std::uint32_t> innermost_;  // nested: made on first use
};

inline bool is_space_token(TokenKind k) {
    return k == TokenKind::space || k == TokenKind::line_break || k == TokenKind::paragraph_break;
}

struct BracketPairs {
    std::vector<std::uint32_t>
        old_to_new;  // per old bracket: the same bracket in the new text, or kNone
    std::vector<std::uint32_t> new_to_old;
};

// Which old bracket is which new bracket. First by their marks (both survive
// and land on one bracket); then by content, because the token diff may align
// a '[' with a neighbour's: "[improve]" -> "[strengthen][improve]" can match
// the old '[' with the first new one.
BracketPairs pair_brackets(const TokenView& before, const TokenView& after);

}  // namespace accord
