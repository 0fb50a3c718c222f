#pragma once
// Recording a delegation's proposal in a test repository in one call, the
// way the secretariat records them: author and committer "Secretariat", the
// proposal date as author date, the delegation in a Proposed-by trailer, the
// files written to the work tree too.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/store/repository.hpp"

namespace accord::test {

// Paths (relative to the work tree) to their new text; nullopt deletes.
using FileTexts = std::vector<std::pair<std::string, std::optional<std::string>>>;

struct ProposalRecord {
    std::string by;   // the Proposed-by trailer
    std::string day;  // YYYY-MM-DD, valid
    FileTexts files;
    std::string subject = "Proposal";
    int hour = 12;  // on `day`, UTC
};

CommitRequest proposal_request(const ProposalRecord& proposal);

// Records it on the current branch; returns the commit id.
std::string record_proposal(Repository& repo, const ProposalRecord& proposal);

// Removes from `repo`'s object store (loose objects, as a test repository
// keeps them) every blob that some commit reachable from HEAD held and HEAD
// does not: what attributing or diffing the history again would have to
// read. Returns how many were removed. For tests that show a second run
// reads what the first remembered.
std::size_t remove_blobs_before_head(const Repository& repo);
// The same, keeping the blobs every one of `revisions` holds.
std::size_t remove_blobs_but(const Repository& repo, const std::vector<std::string>& revisions);

}  // namespace accord::test
