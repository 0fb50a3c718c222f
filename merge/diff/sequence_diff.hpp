#pragma once
// Diff of two integer sequences: the only code in accord that includes dtl.
// Common prefix and suffix are stripped, long inputs are split at elements
// unique to both sides (patience anchors) so dtl's O(NP) algorithm only sees
// what changed; dtl's own Diff3 is not used (it stops at the first conflict
// and mis-merges, cubicdaiya/dtl#14).
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace accord {

enum class EditKind : std::uint8_t { common, removed, added };

struct Edit {
    EditKind kind;
    std::uint32_t old_index;  // valid for common and removed
    std::uint32_t new_index;  // valid for common and added
};

// An edit script turning `a` into `b`, in order; for each hunk, removals
// come before additions.
std::vector<Edit> diff_sequences(const std::vector<std::uint32_t>& a,
                                 const std::vector<std::uint32_t>& b);

// The same, anchored at elements unique to both sides however short the
// inputs: for sequences of mostly unique elements (paragraphs), where it
// finds the same common runs in a fraction of the time.
std::vector<Edit> diff_sequences_anchored(const std::vector<std::uint32_t>& a,
                                          const std::vector<std::uint32_t>& b);

// The longest chain of `pairs` (in increasing first position) whose second
// positions increase too, found by patience sorting: the anchors two
// sequences keep in order.
using PositionPair = std::pair<std::uint32_t, std::uint32_t>;
std::vector<PositionPair> longest_increasing_chain(const std::vector<PositionPair>& pairs);

// Within each run of changes, removals before additions, each kind keeping
// its order: hunks read "old, then new".
void order_hunks(std::vector<Edit>& script);

// The stretch script[left, right) of kept tokens around the run
// script[begin, end) of one side's tokens only removed (`removal`) or only
// added, as far as the kept tokens go on each side; nullopt where this
// side's tokens do not run consecutively through it (an earlier step left
// them out of order), so that the run cannot be slid.
std::optional<std::pair<std::size_t, std::size_t>> stretch_around(const std::vector<Edit>& script,
                                                                  std::size_t begin,
                                                                  std::size_t end, bool removal);

// Rewrites script[left, right), kept tokens around one run of one side's
// tokens only removed (`removal`) or only added, consecutive on that side,
// with the run standing at that side's tokens [run_begin, run_begin +
// run_size) instead: the other side's kept tokens, in order, paired with
// this side's tokens but the run's. A run slid where it reads better.
void put_run_at(std::vector<Edit>& script, std::size_t left, std::size_t right, bool removal,
                std::uint32_t run_begin, std::uint32_t run_size);

}  // namespace accord
