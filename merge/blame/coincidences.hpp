#pragma once
// Rewordings, as blame reads them. When a proposal rewrites a sentence, the
// token diff keeps the common words of the old and the new one ("the", "of
// the Convention") as if they had stood still, and a word-by-word blame
// then gives a new sentence to three proposals. A short kept run between
// two changes, at least one of which rewords (removes and adds words), with
// no more words than the smaller change around it and no mark or paragraph
// break in it, is a coincidence of the rewording: it is folded into it (the
// rule of diff-match-patch's semantic clean-up, which the diff view applies
// too). A paragraph rewritten whole (most of its words new, more old words
// removed than kept, the kept ones scattered in short runs) has all its short
// kept runs folded at once. A paragraph where something was folded is a
// rewrite: wording in it counts as restored only on stronger evidence
// (graveyard.hpp).
#include <cstdint>
#include <vector>

#include "merge/blame/attributed.hpp"
#include "merge/blame/blame_diff.hpp"

namespace accord::blame_detail {

// Folds the coincidences of `diff` (from `before` to `after`) between old
// tokens [first, old_end) and new tokens [first, new_end): their pairs
// become a removed and an added token. Returns, per token of `after`,
// whether it lies in a paragraph where something was folded; empty when
// nothing was.
Flags fold_coincidences(const std::vector<Token>& before, const std::vector<Token>& after,
                        TokenMapping& diff, std::uint32_t first, std::uint32_t old_end,
                        std::uint32_t new_end);

}  // namespace accord::blame_detail
