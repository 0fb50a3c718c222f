#pragma once
// Blame's working data, shared by its attribution steps (blame.cpp) and its
// graveyard (graveyard.cpp): one parsed version with the origin of each of
// its tokens.
#include <cstdint>
#include <memory>
#include <vector>

#include "core/notation/tokens.hpp"
#include "merge/blame/blame_prepare.hpp"
#include "merge/diff/token_view.hpp"

namespace accord::blame_detail {

// Proposals are numbered in 32 bits in an origin: every version's origins
// are copied from its parent's, and half the bytes copy in half the time.
inline constexpr std::uint32_t kNoProposal = UINT32_MAX;

struct Origin {
    std::uint32_t proposal = kNoProposal;     // the proposal that first put it in
    std::uint32_t restored_by = kNoProposal;  // the one that brought it back, if any
    // Which occurrence it is: each word (or number) a proposal adds gets a
    // serial of its own, carried with it from version to version (and back
    // from the graveyard), so that "the word that stood beside it then" is
    // that very word, not one of the same text and proposer ("the" of the
    // first draft stands in every paragraph). 0 for marks, spaces and
    // punctuation: only words are neighbours (Graveyard::Neighbour).
    std::uint32_t serial = 0;
    bool operator==(const Origin&) const = default;
};

// One flag per token; bytes, not std::vector<bool>'s bits, which cost more
// to test and set in the per-token loops of every version.
using Flags = std::vector<std::uint8_t>;

// What the graveyard counts as wording: words, numbers and punctuation (not
// white space, not the marks of the notation).
inline bool is_wording(TokenKind k) {
    return !is_space_token(k) && !is_markup(k);
}
// What a run's length is counted in: words and numbers (is_word_or_number,
// core/notation/tokens).
inline bool is_bracket_mark(TokenKind k) {
    return k == TokenKind::bracket_open || k == TokenKind::bracket_close;
}

// One parsed version with the origin of each of its tokens.
struct Attributed {
    explicit Attributed(std::shared_ptr<const PreparedVersion> p)
        : prepared(std::move(p)), document(prepared->document), interned(prepared->interned) {}
    std::shared_ptr<const PreparedVersion> prepared;
    const Document& document;
    const InternedTokens& interned;  // its tokens and their ids, made once
    std::vector<Origin> origins;
    std::uint32_t proposal = kNoProposal;  // the proposal that made it
    const std::vector<Token>& tokens() const { return interned.tokens; }

    // Its TokenView over `mapping` (a side of the diff at hand). The view's
    // lookups depend on the version alone, so it is made once and kept: a
    // version is the new side of one diff and the old side of the next.
    const TokenView& view(const std::vector<std::uint32_t>& mapping) const {
        view_mapping_ = mapping;
        if (!view_) view_ = std::make_unique<TokenView>(document, tokens(), view_mapping_);
        return *view_;
    }

    // Lets go of the mapping the view was last given, once the diff at hand
    // is done with: a version may wait long for its next diff, and every
    // text's latest version waits at once.
    void forget_mapping() const { std::vector<std::uint32_t>().swap(view_mapping_); }

  private:
    mutable std::vector<std::uint32_t> view_mapping_;  // what view_ reads as its mapping
    mutable std::unique_ptr<TokenView> view_;
};

}  // namespace accord::blame_detail
