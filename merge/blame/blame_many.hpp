#pragma once
// Blame of many texts at once, for the views that attribute every text of a
// revision (survival, the attributed HTML compilation): the history walked
// once for all of them (Repository::walk_history), each version read once,
// and every text attributed in one pass (blame_texts), instead of one walk
// and one blame per text.
#include <functional>
#include <string>
#include <vector>

#include "core/store/workspace.hpp"
#include "merge/blame/blame_history.hpp"

namespace accord {

struct BlameManyOptions {
    // Also find wording deleted from any other of the texts by an earlier
    // proposal (as accord blame --across-texts).
    bool across_texts = false;
    // Keep each version's text in the results' history.versions (what the
    // Word document's tracked changes read); otherwise they are left empty
    // and only a few versions are held in memory at a time.
    bool version_texts = false;
    // Binary texts are left out (the callback below is not called for them;
    // the vector's entries stay empty) instead of refused.
    bool skip_binary = false;
    // Each result's own_words counted (BlameOptions::count_own_words): the
    // texts are attributed again rather than read back from the cache,
    // which does not keep the counts.
    bool count_own_words = false;
};

// Blames each of `paths` at `commit` (a commit id), walked together so that
// wording a proposal moved from one of them to another keeps its proposer,
// as blame_file follows it between the texts a proposal changed together.
// A text's result is blame_file's, except for wording moved along a
// chain of the texts (from one to a second by a proposal, from there to a
// third by a later one): walked together, it goes back to its first
// proposer, where blame_file of the third, which walks only the texts its
// own proposals changed, credits the proposal that moved it into the
// second. Each result is laid out as blame_file's: its history holds its own
// versions' proposals first, then those of other texts its wording came
// from; span origins index them. Results are in the order of `paths`.
//
// A path the commit does not hold, or (unless skip_binary) that is binary:
// usage error, as blame_file says it.
std::vector<FileBlame> blame_files(const Workspace& workspace,
                                   const std::vector<std::string>& paths, const std::string& commit,
                                   const BlameManyOptions& options = {});
// The same, each result handed to `each` (with its index into `paths`) as
// soon as it is made: when the walk has passed the text's last version, so
// in the order of their last proposals, not of `paths`. For callers that
// keep only a summary of each (or less than all of it): neither the results
// nor the walk's working data of every text are held at once.
void blame_files(const Workspace& workspace, const std::vector<std::string>& paths,
                 const std::string& commit, const BlameManyOptions& options,
                 const std::function<void(std::size_t index, FileBlame&& blame)>& each);

}  // namespace accord
