#pragma once
// Lists of options merged option by option. Where both sides changed one
// alternatives group of the base ("[a][b]") or one bracket's slash options
// ("[a / b]"), the chunk by chunk merge would see two unrelated edits (one
// side's "[c]" added after the group, the other's "b" replaced by "c") and
// apply both: a duplicated option, a separator left outside its bracket.
// Merged as lists instead, the way negotiators read them: an option stays
// while both sides keep it, goes when either drops it, and every option
// either side added comes in once, ours first.
#include <optional>
#include <string>
#include <vector>

#include "merge/merge3/disagreement.hpp"
#include "merge/merge3/merge3_chunks.hpp"
#include "merge/merge3/merge3_inputs.hpp"

namespace accord::token_merge {

// Joins the chunks over each option list of the base that both sides
// changed into one chunk covering the list (a stable chunk across its edge
// is cut there), so that the list is merged whole. Returns, per chunk of
// the new list, whether it is such a list.
std::vector<bool> gather_option_lists(const MergeInputs& in, std::vector<Chunk>& chunks);

// The merged list of a chunk gather_option_lists made, in the form of the
// side with more than one option (ours first), its white space around as
// ours has it; nullopt when a side's part is no longer a list of options,
// or when no option is left (each side dropped the other's: a real
// disagreement, for the usual rules).
// `disagreements` gets an edited-deleted one for each option one side
// dropped and the other edited (line 0: the caller places them).
std::optional<std::string> merge_option_list(const MergeInputs& in, const Chunk& x,
                                             std::vector<Disagreement>& disagreements);

}  // namespace accord::token_merge
