#pragma once
// `accord redraft list`: the redraft branches (core/store/redraft.hpp) with their
// members, the texts they redraft and what the group has proposed since the
// fork, read from the repository's history.
#include <optional>
#include <string>
#include <vector>

#include "core/store/redraft.hpp"
#include "core/store/workspace.hpp"
#include "core/util/json_writer.hpp"

namespace accord {

struct RedraftSummary {
    std::string name;    // "informal-a"
    std::string branch;  // "redraft/informal-a", or "origin/redraft/informal-a" (`remote`)
    // A remote's branch this clone has no branch of its own for (fetched by
    // git pull): `accord merge origin/redraft/NAME` merges it.
    bool remote = false;
    std::string tip;  // the branch's commit
    // From the record file; members, paths, from and started are empty when
    // the branch has none (a redraft branch made with plain git).
    RedraftRecord record;
    bool has_record = false;
    std::string fork;  // where the branch left `record.from` (or the current branch)
    // The proposals on the branch since the fork (start commit and merge
    // commits left out), their distinct proposers in order of first proposal,
    // and the date (RFC 3339) and day of the latest one; empty when none.
    std::size_t proposals = 0;
    std::vector<std::string> proposers;
    std::string last_proposal;
    std::string last_day;
    // True once everything on the branch is in the branch it came from.
    bool merged = false;
    std::vector<std::string> warnings;  // an unreadable record file, and why
};

// Every local branch redraft/*, sorted by name.
std::vector<RedraftSummary> list_redrafts(const Workspace& workspace);

// The JSON report, schema accord.redrafts/1:
// {"schema", "redrafts": [{"name", "branch", "tip", "from", "fork", "started",
//  "started_by", "members": [], "paths": [], "proposals", "proposers": [],
//  "last_proposal" (RFC 3339 or null), "merged"}]}
std::string redrafts_json(const std::vector<RedraftSummary>& redrafts);

}  // namespace accord
