#include "support/proposals.hpp"

#include <filesystem>
#include <set>

#include "core/util/date.hpp"

namespace accord::test {

CommitRequest proposal_request(const ProposalRecord& proposal) {
    CommitRequest request;
    request.files = proposal.files;
    const std::int64_t time =
        day_start_utc(*parse_iso_date(proposal.day)) + std::int64_t{proposal.hour} * 3600;
    request.author = {"Secretariat", "secretariat@example.org", time, 0};
    request.committer = request.author;
    request.message = proposal.subject + "\n\nProposed-by: " + proposal.by + "\n";
    request.write_worktree = true;
    return request;
}

std::string record_proposal(Repository& repo, const ProposalRecord& proposal) {
    return repo.commit_files(proposal_request(proposal));
}

std::size_t remove_blobs_before_head(const Repository& repo) {
    return remove_blobs_but(repo, {"HEAD"});
}

std::size_t remove_blobs_but(const Repository& repo, const std::vector<std::string>& revisions) {
    const std::string head = repo.resolve("HEAD");
    std::set<std::string> kept;
    for (const std::string& revision : revisions) {
        for (const auto& [path, blob] : repo.file_ids(repo.resolve(revision))) kept.insert(blob);
    }
    std::set<std::string> removed;
    for (const CommitInfo& commit : repo.commits_between(head, {})) {
        for (const auto& [path, blob] : repo.file_ids(commit.id)) {
            if (kept.count(blob) || !removed.insert(blob).second) continue;
            std::filesystem::remove(std::filesystem::path(repo.git_dir()) / "objects" /
                                    blob.substr(0, 2) / blob.substr(2));
        }
    }
    return removed.size();
}

}  // namespace accord::test
