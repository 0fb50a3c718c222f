#include "merge/report/proposal_index.hpp"

#include <algorithm>
#include <filesystem>

namespace accord {

namespace {

std::map<std::string, std::string> text_ids(const Repository& repo, const std::string& commit) {
    std::map<std::string, std::string> ids = repo.file_ids(commit);
    std::erase_if(ids, [](const auto& entry) { return !is_text_path(entry.first); });
    return ids;
}

}  // namespace

std::vector<ProposalTouch> index_proposals(const Workspace& workspace,
                                           const ProposalIndexOptions& options) {
    std::vector<ProposalTouch> out;
    const Repository& repo = workspace.repo();
    if (repo.is_empty_branch()) return out;
    std::vector<CommitInfo> commits = repo.history(repo.resolve(options.from), {}, options.walk);
    std::reverse(commits.begin(), commits.end());
    // Each tree is listed once: the previous commit's listing is kept for the
    // next one whenever it is that commit's first parent (always, on the mainline).
    std::string listed_commit;
    std::map<std::string, std::string> listed;
    for (const CommitInfo& commit : commits) {
        std::map<std::string, std::string> before;
        if (!commit.parents.empty()) {
            before = commit.parents.front() == listed_commit
                         ? std::move(listed)
                         : text_ids(repo, commit.parents.front());
        }
        std::map<std::string, std::string> after = text_ids(repo, commit.id);
        ProposalTouch touch;
        for (const auto& [path, id] : after) {
            const auto old = before.find(path);
            if (old == before.end() || old->second != id) touch.paths.push_back(path);
        }
        for (const auto& [path, id] : before) {
            if (!after.count(path)) touch.paths.push_back(path);
        }
        std::sort(touch.paths.begin(), touch.paths.end());
        if (!touch.paths.empty() || options.keep_untouching) {
            touch.proposal = read_proposal(commit, workspace.config());
            out.push_back(std::move(touch));
        }
        listed_commit = commit.id;
        listed = std::move(after);
    }
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
