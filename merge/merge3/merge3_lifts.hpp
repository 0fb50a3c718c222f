#pragma once
// Agreement does not cover new text: a bracket one
// side lifted while the other edited inside it keeps its marks. merge3 finds
// such lifts on its two token diffs against the base and undoes each in the
// lifting side's text before merging, so that every later step sees the
// bracket. Pure functions over the parsed base and the two diffs.
#include <string>
#include <vector>

#include "core/notation/document.hpp"
#include "core/notation/tokens.hpp"
#include "merge/diff/token_diff.hpp"
#include "merge/merge3/disagreement.hpp"

namespace accord {

// One side of a merge: its document and tokens, and the token diff from the
// base to it (whose own token copies are not needed).
struct MergeSide {
    const Document& doc;
    const std::vector<Token>& tokens;
    const TokenDiff& diff;
};

struct LiftsOverEdits {
    // Base mark tokens ('[' and ']') to put back in each side's text.
    std::vector<std::uint32_t> in_ours, in_theirs;
    // One kept_bracketed disagreement per bracket, in the base's order.
    std::vector<Disagreement> disagreements;
};

// The base brackets one side lifted while the other edited inside them. For
// a bracket of an alternatives group (a choice), an option the other side
// added to the group counts as an edit inside.
LiftsOverEdits find_lifts_over_edits(const Document& base, const std::vector<Token>& base_tokens,
                                     const MergeSide& ours, const MergeSide& theirs);

// `side`'s text with the given base marks put back where they stood: a '['
// before the side's copy of the next base token it kept, a ']' after its
// copy of the previous one, so each mark holds on to the words it bracketed.
// With `in_each_paragraph`, a bracket whose wording the side has cut into
// paragraphs is put back in each of them (for where one bracket would not
// pair: it may run across paragraphs only from a paragraph's start).
std::string put_back_marks(const std::vector<Token>& base_tokens, const MergeSide& side,
                           const std::vector<std::uint32_t>& marks, bool in_each_paragraph = false);

}  // namespace accord
