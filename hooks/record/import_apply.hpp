#pragma once
// `accord import`, the step after planning (core/import/plan.hpp): the plan
// recorded as a repository's history, one attributed commit per proposal.
// As with merge-ort's merge_incore and its checkout, the commits are computed
// in memory first (prepare_import, pure) and then applied (import_compilation).
//
// What the history looks like:
//  - one commit per planned proposal, in date_order (by date across the
//    whole repository; each file's proposals in their order);
//  - author: the first proposer under its registered name, with propose's
//    address (japan@delegations.accord), at 12:00 UTC of the proposal day, as
//    `accord propose --date` records it; committer: the user's git identity;
//  - message: the heading as the compilation wrote it ("Draft recommendation
//    submitted by Nigeria (24 February 2014)"), a blank line, one
//    `Proposed-by:` trailer per proposer and `On-behalf-of:` when the heading
//    says so;
//  - accord.yaml (core/import/registry.hpp) in the first commit, and with
//    it the .gitattributes `accord init` writes, if git does not track one
//    yet. outline.md
//    and unclassified.md are the compiler's proposals and take their place
//    in date order like any other (the plan dates them on the compilation's
//    last day): filing them with the first proposal would make its
//    delegation the author of the table of contents.
//
// Where it goes, and the promise that a refused or failed import leaves
// nothing behind:
//  - into a new directory (--into DIR, missing or empty): the repository is
//    made by init_negotiation in a hidden sibling directory, filled, and
//    renamed to DIR at the end; any failure removes it (and any parent
//    directory the import created), so DIR never exists half imported;
//  - into an existing repository (the current one, or --into an existing
//    repository's top): it must be an accord repository (accord.yaml at its
//    top) whose branch has no commit yet, and no planned file may exist in
//    its work tree. All of that is checked before the first write. The
//    registry there is extended (see import_registry.hpp). An I/O failure
//    half-way cannot be undone there; the error says what was recorded.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/import/plan.hpp"
#include "core/import/registry.hpp"
#include "core/store/repository.hpp"

namespace accord {

// Reads the compilation at `path` and plans it with `options` (its
// source_name set to `path`). Unreadable (missing, a directory, no
// permission), empty, or without any recognisable item: usage error (exit 2)
// naming the file.
ImportPlan plan_import_file(const std::string& path, ImportOptions options = {});

// One commit of the import.
struct PreparedCommit {
    std::vector<std::pair<std::string, std::string>> files;  // path -> whole new contents
    std::vector<std::string> proposers;                      // registered names, author first
    std::string date;                                        // YYYY-MM-DD
    std::string message;                                     // trailers included
    std::string path;                                        // the plan file it records
    std::size_t line = 0;                                    // its heading's source line
};

// Pure: the commits that record `plan` on an empty branch, in date_order, with
// `registry` (its accord.yaml in the first commit, its names in the trailers).
std::vector<PreparedCommit> prepare_import(const ImportPlan& plan, const ImportRegistry& registry);

// The delegations of a plan as the registry step takes them.
std::vector<FoundDelegation> found_delegations(const ImportPlan& plan);

struct ImportRequest {
    // A new repository at this directory, or the existing repository whose
    // top it is. nullopt: the repository around `cwd`.
    std::optional<std::string> into;
    std::string cwd = ".";
    std::optional<std::string> negotiation;  // default: the plan's title, else DIR's name
    std::string accord_path;                 // the binary the git hooks call
    std::string source_name = "input";       // the compilation, for messages ("draft.txt:12: ...")
};

struct ImportResult {
    std::string workdir;  // absolute, ends with '/'
    bool created_repository = false;
    std::string branch;
    std::string head;  // the last commit
    std::string negotiation;
    std::size_t files = 0;
    std::size_t commits = 0;
    std::size_t delegations = 0;     // named in the registry after the import
    std::vector<std::string> added;  // delegations new to an existing registry
    std::string first_date, last_date;
    // For the suggested next commands: the file with the most proposals (the
    // first such) and the day of its first proposal.
    std::string busiest_path;
    std::string busiest_first_date;
    std::vector<std::string> warnings;  // from init (hooks left alone), not from the plan
};

// Records `plan` as described at the top. Bad target (a non-empty directory
// that is not a repository's top, a repository that is not accord's, a
// branch with commits, a planned file already in the work tree) or a date
// git cannot hold (before 1970): usage error (exit 2), nothing written. I/O
// or repository failure: exit 3.
//
// A killed import leaves nothing half done: into an existing repository the
// branch moves once, journaled (Repository::commit_series), and a new
// repository's hidden directory is removed by the next import into the same
// place (saying so) once the process that built it is gone.
ImportResult import_compilation(const ImportPlan& plan, const ImportRequest& request);

// What `accord init` sets up in the work tree besides accord.yaml and that
// the negotiation's clones need too (.gitattributes routing texts through
// accord's merge and diff drivers), when git does not track it yet: an
// import records it with its first commit. Paths and contents; a symbolic
// link is left out.
std::vector<std::pair<std::string, std::string>> setup_files(const Repository& repo);

}  // namespace accord
