#pragma once
// An option one side added flush against a bracket of the base ("[shall]"
// and its new "[should]") is an alternative to that bracket. Where the other
// side no longer has the bracket (it took its marks away, or redrew it with
// none of its words: one bracket removed, another added, as the structural
// diff reads it), the chunk by chunk merge would set the option beside
// whatever now stands there ("must [now][should]"): an alternative to
// wording it was never offered against, and nobody told. Such a chunk is
// grown over the bracket, so that the negotiation rules see both sides'
// wording of the place and settle it as they settle any change both made
// there (a disagreement, reported, each side's wording kept).
#include <cstddef>
#include <vector>

#include "merge/merge3/merge3_chunks.hpp"
#include "merge/merge3/merge3_inputs.hpp"

namespace accord::token_merge {

// When chunks[c] is one side's new option for a base bracket the other side
// no longer has, grows it over that bracket (grow_to_cover) and returns
// true; otherwise leaves the chunks as they are.
bool take_in_bracket_of_option(const MergeInputs& in, std::vector<Chunk>& chunks, std::size_t c);

}  // namespace accord::token_merge
