#include "merge/report/proposal_index.hpp"

#include <algorithm>
#include <filesystem>

#include "core/store/proposal_record.hpp"

namespace accord {

Repository::WalkOptions text_walk(const Repository& repo, const ProposalIndexOptions& options) {
    Repository::WalkOptions walk;
    walk.from = repo.resolve(options.from);
    walk.walk = options.walk;
    walk.keep = [](std::string_view path) { return is_text_path(path); };
    return walk;
}

std::vector<ProposalTouch> index_proposals(const Workspace& workspace,
                                           const ProposalIndexOptions& options) {
    std::vector<ProposalTouch> out;
    const Repository& repo = workspace.repo();
    if (repo.is_empty_branch()) return out;
    // One walk, newest first, each commit's texts found by a tree diff
    // against its first parent; then turned oldest first.
    repo.walk_history(text_walk(repo, options), [&](Repository::WalkStep& step) {
        if (step.changes.empty() && !options.keep_untouching) return true;
        if (is_plain_merge(step.commit.parents.size(), step.commit.message)) return true;
        ProposalTouch touch;
        touch.proposal = read_proposal(step.commit, workspace.config());
        for (Repository::FileChange& change : step.changes) {
            touch.paths.push_back(std::move(change.path));
            if (options.blobs)
                touch.blobs.push_back({std::move(change.old_blob), std::move(change.new_blob)});
        }
        out.push_back(std::move(touch));
        return true;
    });
    std::reverse(out.begin(), out.end());
    return out;
}

std::map<std::string, const ProposalTouch*> last_touch_by_path(
    const std::vector<ProposalTouch>& index) {
    std::map<std::string, const ProposalTouch*> last;
    for (const ProposalTouch& touch : index) {
        for (const std::string& path : touch.paths) last[path] = &touch;
    }
    return last;
}

}  // namespace accord
