#pragma once
// Blame checkpoints (blame_checkpoint.hpp) remembered under .git/accord/cache/
// (the table "blame-checkpoints"): one per blamed path and options, where
// the latest walk of that path ended. The next blame of the path, after new
// proposals, goes on from there and attributes the new versions alone.
//
// Promises:
//  - A checkpoint is handed out only for a walk whose versions up to the
//    checkpoint's proposal are those it was made from: the texts, each
//    version's commit, blob, proposal and parents (a SHA-1 of all that is
//    kept with it and compared). Any other walk (another revision, a
//    rewritten history, a new text giving wording) gets none.
//  - A value that does not read back whole (cut short, altered) is ignored.
//  - Only the latest checkpoint per path is kept: the table grows with the
//    number of texts blamed, not with the number of runs.
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/workspace.hpp"
#include "merge/blame/blame.hpp"
#include "merge/blame/blame_checkpoint.hpp"
#include "merge/blame/blame_memo.hpp"

namespace accord {

class BlameCheckpointStore {
  public:
    // The checkpoints of walks blamed under `options`.
    BlameCheckpointStore(const Workspace& workspace, const BlameOptions& options);
    ~BlameCheckpointStore();  // saves what put() added
    BlameCheckpointStore(const BlameCheckpointStore&) = delete;
    BlameCheckpointStore& operator=(const BlameCheckpointStore&) = delete;

    // Whether a checkpoint is remembered for `path` (find may still find it
    // made from another walk). A blame that may go on from one reads no
    // version ahead before it knows.
    bool has(const std::string& path) const;
    // The checkpoint remembered for `path` if it was made from this walk's
    // versions up to its proposal, its origins numbered as `origins` says
    // (texts and blob_ids as BlameMemo takes them).
    std::optional<BlameCheckpoint> find(
        const std::string& path, BlameOrigins origins, std::span<const TextVersions> texts,
        const std::vector<std::vector<std::string>>& blob_ids) const;
    // Remembers `checkpoint`, made at the end of this walk, for `path`.
    void put(const std::string& path, BlameOrigins origins, std::span<const TextVersions> texts,
             const std::vector<std::vector<std::string>>& blob_ids,
             const BlameCheckpoint& checkpoint);

  private:
    CacheTable table_;
};

// A checkpoint as the table keeps it, named by the walk it was made from;
// and back: nullopt unless the bytes read back whole and name the walk that
// walk_name(its proposal) names. Counts are checked against the size of the
// bytes before anything is made that large.
std::string encode_blame_checkpoint(const std::string& walk_name,
                                    const BlameCheckpoint& checkpoint);
std::optional<BlameCheckpoint> decode_blame_checkpoint(
    std::string_view bytes, const std::function<std::string(std::uint32_t)>& walk_name);

}  // namespace accord
