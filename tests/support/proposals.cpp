#include "support/proposals.hpp"

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

}  // namespace accord::test
