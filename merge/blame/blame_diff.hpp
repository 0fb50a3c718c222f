#pragma once
// Which tokens of one version stand in the next: the mapping blame reads of
// a token diff, made without the edit script that a diff view needs.
#include <cstdint>
#include <vector>

#include "merge/diff/token_diff.hpp"

namespace accord {

struct TokenMapping {
    std::vector<std::uint32_t> old_to_new;  // kNone where the token was removed
    std::vector<std::uint32_t> new_to_old;  // kNone where the token was added
};

// The old_to_new and new_to_old of diff_interned(before, after) with
// fold_coincidences off and words_first on (words aligned before white
// space), equal to them token for token. Cheaper on texts
// that share most paragraphs: the paragraphs both share at the start and
// end are mapped one to one without passing through an edit script, as
// diff_interned's sequence diff strips them before diffing the rest.
TokenMapping map_tokens(const InternedTokens& before, const InternedTokens& after);

// Paragraphs that stand word for word in both versions but that `mapping`
// did not keep whole (moved: the diff keeps one order, and may pair a moved
// paragraph's words with a neighbour alike, "Requests Party B..." with
// "Requests Party D..."): each is mapped whole to its copy, equal ones in
// order, and whatever the mapping paired into or out of them is let go.
// Returns how many were moved so.
std::size_t map_moved_paragraphs(const InternedTokens& before, const InternedTokens& after,
                                 TokenMapping& mapping);

}  // namespace accord
