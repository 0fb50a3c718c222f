#pragma once
// Redraft branches: a chair sends a text to a small group, which redrafts it
// on its own branch `redraft/NAME`; `accord merge` brings the groups' work
// back (merge/merge3/branch_merge.hpp).
//
// Where a redraft's metadata lives: in the file .accord/redrafts/NAME.yaml,
// committed as the first commit of the branch (its "start commit", marked by
// a `Redraft-started: NAME` trailer). A committed file, rather than the
// branch description in .git/config, because it travels with the branch on
// push, fetch and clone, and because merging the redraft brings it into the
// main text's history as a record of who redrafted what:
//
//   redraft: informal-a
//   from: main                 # the branch it was started from
//   fork: <commit id>          # where it started (the start commit's parent)
//   started: 2014-02-25        # the day, in the local time zone
//   started-by: Secretariat    # the git identity that started it
//   members: [Japan, Sweden]   # canonical names where accord.yaml knows them
//   paths: [recs/A-1.md]       # the texts it redrafts (empty: any)
//
// The start commit is not a proposal: attribution, `accord redraft list` and
// `accord merge` skip it. Proposals on the branch are ordinary proposals.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/workspace.hpp"

namespace accord {

inline constexpr std::string_view kRedraftBranchPrefix = "redraft/";
inline constexpr std::string_view kRedraftStartedTrailer = "Redraft-started";

struct RedraftRecord {
    std::string name;
    std::string from;
    std::string fork;
    std::string started;
    std::string started_by;
    std::vector<std::string> members;
    std::vector<std::string> paths;
    bool operator==(const RedraftRecord&) const = default;
};

// "redraft/NAME"
std::string redraft_branch(std::string_view name);
// ".accord/redrafts/NAME.yaml"
std::string redraft_record_path(std::string_view name);
// The redraft name of a branch "redraft/NAME", or nullopt for other branches.
std::optional<std::string> redraft_name_of_branch(std::string_view branch);
// Usage error unless `name` is a usable redraft name: ASCII letters, digits,
// '-', '_' and '.', not starting with '-' or '.', at most 64 bytes.
void validate_redraft_name(std::string_view name);

// The file's YAML, block style; parse_redraft_record(emit(r)) == r.
std::string emit_redraft_record(const RedraftRecord& record);
// Malformed YAML or a wrong type: usage error "PATH:LINE:COLUMN: what".
RedraftRecord parse_redraft_record(std::string_view yaml_text, const std::string& path);

// True for a commit message carrying the Redraft-started: trailer.
bool is_redraft_start(const std::string& message);

// "A, B,C" given once or several times -> "A", "B", "C" (trimmed, empty dropped).
std::vector<std::string> split_names(const std::vector<std::string>& given);

struct StartRedraftRequest {
    std::string name;
    std::vector<std::string> members;  // names or aliases, each possibly "A,B"
    std::vector<std::string> paths;    // absolute, or relative to the current directory
    bool switch_to = true;             // make it the current branch
};

struct StartRedraftResult {
    std::string branch;  // "redraft/NAME"
    std::string commit;  // the start commit
    RedraftRecord record;
    bool switched = false;
    std::vector<std::string> warnings;  // members accord.yaml does not know
};

// Creates branch redraft/NAME at HEAD with the start commit on it and, when
// asked, switches to it: HEAD names the new branch, the record file is in the
// work tree and the index, and uncommitted work stays as it was (the branch
// starts at HEAD's commit, as `git switch -c` does). Refused (usage error,
// nothing changed): an invalid or taken name, no commit yet, a path that is
// not in HEAD's tree, HEAD detached.
StartRedraftResult start_redraft(Workspace& workspace, const StartRedraftRequest& request);

}  // namespace accord
