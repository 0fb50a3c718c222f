#pragma once
// Where a blame walk stood once it had attributed every version up to some
// proposal: enough to go on from there with the proposals after it, as if
// the walk had been made whole. A chair who blames a text after each new
// proposal then attributes the new versions alone, not the whole history
// again (blame_memo.hpp remembers whole results; this remembers the means to
// make the next one).
//
// Promises:
//  - Going on from a checkpoint gives the very result a whole walk gives
//    (same word ids, same graveyard, same origins): tests compare the two.
//  - A checkpoint that does not fit the walk it is offered to (another
//    number of texts, a later version whose parent came before the
//    checkpoint, a version whose tokens are not those it remembers, a
//    proposal named past it) is refused with BlameCheckpointMismatch before
//    any result is made; the caller walks whole instead. That the versions
//    up to the checkpoint are those it was made from is the caller's to
//    make sure of (checkpoint_store.hpp keys them by their commits and blobs).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "merge/blame/graveyard.hpp"
#include "merge/diff/token_diff.hpp"

namespace accord {

struct BlameCheckpoint {
    // Every version with a proposal up to this one was attributed (proposals
    // numbered as the walk numbers them: version indices in blame_versions).
    std::uint32_t last_proposal = 0;
    std::uint32_t next_serial = 1;  // of the next token added (Origin::serial)
    TokenInterner::State interner;
    blame_detail::Graveyard::State graveyard;
    // Per text walked: its last version up to last_proposal and the origin
    // of each of that version's tokens.
    struct Text {
        static constexpr std::uint32_t kNoVersion = UINT32_MAX;  // none came by then
        std::uint32_t version = kNoVersion;
        std::vector<blame_detail::Origin> origins;
        std::uint64_t ids_hash = 0;  // of that version's token ids: the same tokens come again
    };
    std::vector<Text> texts;
};

struct BlameCheckpointMismatch : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What a walk does with checkpoints: goes on from one (when it fits), and
// leaves where it stands at its end in another.
struct BlameCheckpoints {
    const BlameCheckpoint* resume_from = nullptr;
    BlameCheckpoint* save_to = nullptr;
};

}  // namespace accord
