#pragma once
// Paragraphs both sides only bracketed. Two delegations bracketing
// overlapping wording in parallel ("[shall cooperate] on finance" and
// "shall [cooperate on finance]") dispute no word: each says the wording it
// bracketed is not agreed. Merged token by token, the marks interleave into
// a bracket nested where neither side nested one ("[shall [cooperate] on
// finance]"), or, where both open a bracket at one place, the paragraph
// stands twice as alternatives. Before the merge, such a paragraph is given
// to both sides as one: the base's wording with every bracket either side
// added, brackets that cross joined into one over the wording of both, and
// brackets that nest kept nested.
#include <optional>
#include <string_view>

#include "merge/merge3/merge3_moves.hpp"

namespace accord {

// The three texts with each such paragraph made the same on both sides, or
// nullopt when there is none. A paragraph qualifies when it stands once in
// each text (told apart by its wording without brackets), between the same
// paragraphs in all three (brackets aside), and each side's copy is the
// base's with pairs of '[' and ']' added, nothing else changed, each pair
// closing on itself, none side by side with another ("[a][b]" proposes
// options). Front matter is left alone.
std::optional<MergeTexts> join_added_brackets(std::string_view base, std::string_view ours,
                                              std::string_view theirs);

}  // namespace accord
