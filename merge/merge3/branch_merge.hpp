#pragma once
// `accord merge`: small-group redraft branches merged into the current branch
// as one attributed merge commit.
//
// Two separate steps (engines compute; applying a result is separate, as
// git's merge-ort keeps merge_incore apart from
// writing): plan_branch_merge computes the whole merge in memory and touches
// nothing; record_branch_merge writes it as one commit. The issue speaks of
// merging "through libgit2 with accord's merge driver registered": libgit2's
// own merge would only call back into the same engine (merge3) file by file,
// so accord computes the merge itself, with the notation of accord.yaml, and
// uses libgit2 (core/store/repository*) to read the trees and record the result.
//
// How the merge is computed, for each branch in the order given (an octopus
// folded one branch at a time):
//  - its merge base with the result so far (HEAD and the branches before it,
//    as `git merge-base TIP HEAD TIP1...` finds it);
//  - for every file changed on either side since that base: unchanged on one
//    side, the other side's version (added, edited or deleted); changed on
//    both, a negotiation text (.md, .txt) merges with merge3, its
//    disagreements becoming bracketed alternatives (or, strict, conflict
//    markers); a text deleted on one side and edited on the other keeps the
//    edit (no one's wording is lost); any other file changed differently on
//    both sides cannot be merged and the plan says so;
//  - a text one side moved to another path (merge/diff/renames) and the other
//    kept where it was merges at the new path, as git's merge follows a
//    rename; moved to two different paths, it is refused.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/store/workspace.hpp"
#include "merge/merge3/merge3.hpp"

namespace accord {

struct BranchMergeRequest {
    // "informal-a" (a redraft), "redraft/informal-a", any local branch, or a
    // revision such as origin/redraft/informal-a.
    std::vector<std::string> branches;
    bool strict = false;
};

struct MergedBranch {
    std::string given;    // as the user named it
    std::string ref;      // the local branch ("redraft/informal-a") or the revision given
    std::string redraft;  // the name in the Merged-redraft: trailer ("informal-a")
    std::string tip;      // its commit
    std::string base;     // its common ancestor with what was merged before it
    // Its proposals that the current branch lacks (start and merge commits
    // left out) and their distinct proposers, in the order they proposed.
    std::size_t proposals = 0;
    std::vector<std::string> proposers;
};

// A disagreement of the merge, placed in the final text.
struct MergeNote {
    std::string path;
    Disagreement disagreement;  // line: in the merged file as recorded
    std::string theirs;         // the branch whose wording is "theirs"
    // The side whose wording is "ours": the current branch, and the redrafts
    // folded into it before ("main + redraft/informal-a").
    std::string ours;
};

struct BranchMergePlan {
    std::string head;    // the commit merged into
    std::string branch;  // the current branch
    std::vector<MergedBranch> merged;
    std::vector<std::string> already_merged;  // branches given whose work HEAD has
    // The result as changes to HEAD's tree (nullopt: delete), by path.
    std::vector<std::pair<std::string, std::optional<std::string>>> files;
    std::vector<MergeNote> notes;
    // Texts one side moved while the other kept them at the old path: merged
    // at the new one. "OLD -> NEW (on BRANCH)", in the order found.
    std::vector<std::string> followed_moves;
    std::vector<std::string> refused;  // "PATH: why it cannot be merged"
    bool has_conflict_markers = false;
    std::vector<std::string> proposers;  // of all the merged branches, distinct

    // A plan with refused files or conflict markers is not recorded.
    bool can_record() const { return refused.empty() && !has_conflict_markers; }
};

// Computes the merge, touching nothing. Usage errors (exit 2): a branch that
// names nothing ("unknown branch"), the current branch itself, no common
// history, or nothing to merge (every branch already merged).
BranchMergePlan plan_branch_merge(const Workspace& workspace, const BranchMergeRequest& request);

// The commit message: `message` (default "Merge redrafts A, B into main"),
// the disagreements kept in the text as the merge lists them (at most 50),
// a blank line, one `Proposed-by:` per proposer and one `Merged-redraft:`
// per branch.
std::string merge_commit_message(const BranchMergePlan& plan, const std::string& message);

struct RecordMergeRequest {
    std::string message;            // empty: the default subject
    std::optional<std::string> by;  // the author's name (a chair); default: the user
    // The merge's day, YYYY-MM-DD, recorded at 12:00 UTC as propose records
    // one; default: now. Not before the day of a proposal it merges.
    std::optional<std::string> date;
    // Signs the merge commit (commit_signer_for); empty: unsigned. Under
    // `signatures: required` the server accepts only signed merges.
    CommitSigner signer;
};

// Records `plan` as one merge commit on the current branch: the branch tips
// as further parents, the committer the user, the author `by` or the user,
// and writes the merged files to the work tree and the index. Refused with
// nothing changed (usage error) when the plan cannot be recorded or when
// uncommitted work in a merged file would be overwritten; a branch moved
// since the plan was made refuses with "retry" (exit 3). Returns the commit.
std::string record_branch_merge(Workspace& workspace, const BranchMergePlan& plan,
                                const RecordMergeRequest& request);

// The line of `after` (1-based) where line `line` of `before` went, so that
// a disagreement found by an early step of the fold is reported where it is
// in the final text: an unchanged line maps to itself, a changed one to the
// first line of what replaced it.
std::size_t map_line(std::string_view before, std::string_view after, std::size_t line);

}  // namespace accord
