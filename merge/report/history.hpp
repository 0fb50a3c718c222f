#pragma once
// The history of a negotiation told in its own terms: each commit read as a
// proposal (who, when, at which meeting) with, per file it touched, the
// changes named in the diff vocabulary.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/store/workspace.hpp"
#include "merge/diff/revision_diff.hpp"
#include "merge/diff/structural_diff.hpp"

namespace accord {

struct Proposal {
    std::string commit;
    std::vector<std::string> parents;
    std::vector<std::string> proposers;  // Proposed-by: trailers, else the author; canonical names
    std::string date;                    // the author date, RFC 3339 in its own offset
    std::string day;                     // YYYY-MM-DD of that date
    std::string meeting;                 // Meeting: trailer
    std::string on_behalf_of;            // On-behalf-of: trailer
    std::string source;                  // Source: trailer (document symbol)
    std::string subject;                 // first line of the message
    std::string message;                 // the message without its trailers
    std::string recorded_by;             // the committer
    std::size_t notation_errors = 0;     // Notation-errors: trailer (recorded on purpose)
    // A merge of redrafts (several parents): who merged them, the author
    // (the merged proposals' proposers are `proposers`); "" otherwise.
    std::string merged_by;
    // An `accord merge` of redrafts: its message names them (Merged-redraft:).
    bool merges_redrafts = false;
};

// Reads a commit as a proposal; proposer names resolve through the registry.
Proposal read_proposal(const CommitInfo& commit, const Config& config);

// A proposal as the wording it wrote itself is credited (blame, `who`, the
// HTML compilation): an `accord merge` of redrafts (`merges_redrafts`)
// names the merged
// proposals' proposers, whose wording is credited at their own commits;
// what the merge wrote itself (the brackets around the disagreements it
// kept, paragraphs numbered again) is credited to who merged. Any other
// proposal as it is: a merge git made names the proposer its author wrote
// (Proposed-by:), or none (kPlainMergeProposer).
Proposal credited_for_own_wording(Proposal proposal);

// When `path` is no text the history ever held but names a revision (`accord
// show HEAD`, as git shows a commit): a message that says to give the text
// and the revision with --at; nullopt otherwise.
std::optional<std::string> revision_not_text(const Workspace& workspace, const std::string& path);

// Why `path` is no text at `commit` (named `at` as the user gave it), for
// an error message: a symbolic link; deleted before it (by whom, when, and
// the commit where it last stood); never proposed; or proposed only later
// (its first proposal's day to try instead).
std::string why_no_text(const Workspace& workspace, const std::string& path,
                        const std::string& commit, const std::string& at);

struct FileChanges {
    std::string path;
    bool added = false;
    bool deleted = false;
    // A side is no text (NUL bytes, an encoding accord does not read), as
    // `diff` and `status` tell: no change is described.
    bool binary = false;
    // The larger side's bytes, when it is larger than accord compares word
    // by word (kMaxWordComparedBytes, as `diff` and `blame`): no change is
    // described; 0 otherwise.
    std::size_t too_large = 0;
    std::string status_before, status_after;  // front matter "status", if any
    // The text's path before this proposal moved it here (a log of a text
    // follows it across moves, as git log --follow), or "".
    std::string moved_from;
    // Where this proposal moved the text to, when the log names the old
    // path (or a directory holding it, not the new one), or "". Its changes
    // are then those made on the way.
    std::string moved_to;
    std::vector<Change> changes;
    // In the entry of a merge (`accord merge`): the changes a merged branch
    // had made already, left out of `changes`, which then hold what the
    // merge made of its own (alternatives where the branches disagreed);
    // the branches' proposals are listed on their own. 0 otherwise.
    std::size_t from_merged = 0;
    // In the entry of a merge: the status changed as a merged branch had
    // changed it (told in the branch's proposal, not again here).
    bool status_from_merged = false;
};

struct LogEntry {
    Proposal proposal;
    std::vector<FileChanges> files;
    // Who signed it, as `accord verify` marks it ("verified", "unsigned",
    // "bad"), when the caller checked signatures; "" otherwise (the walk
    // below leaves it empty). The text view shows it in brackets after the
    // header line, the JSON as "signature" (null when not checked).
    std::string signature;
};

struct LogOptions {
    std::vector<std::string> paths;           // files or directories; empty: the whole negotiation
    std::optional<std::string> since, until;  // YYYY-MM-DD, inclusive, by proposal day
    std::vector<std::string> by;              // proposer names or aliases
    std::string from = "HEAD";
    // Asked now and then while entries are being described (on the calling
    // thread): true stops the log as `emit` returning false does. What the
    // command gives when the reader of its output went away.
    std::function<bool()> abandoned;
};

// A log of texts follows each one named across the moves that brought it
// to its path (recs/A-1.md moved to agreed/A-1.md, in a proposal or a
// merge): walking back from `from`, a commit where a named text appears
// while a text that shares half its words (merge/diff/renames) leaves is a
// move, and the old path is followed in turn. Directories are not followed.
struct FollowedMoves {
    std::vector<std::string> paths;  // those named, and every path they had before
    std::map<std::string, std::map<std::string, std::string>> moves;  // commit -> new -> old path
    // For each path the text had before: the commits that changed it then
    // (a text later written at that name is another's).
    std::map<std::string, std::set<std::string>> earlier_commits;
};
FollowedMoves follow_moves(const Workspace& workspace, const std::string& from,
                           const std::vector<std::string>& paths);

// The path the text now at `path` (in HEAD) had at `commit`, following its
// moves back as a log of it does: `path` itself when the commit holds a
// file there; else the old path that held the text then (not another text
// tabled later at that name); else nullopt. So `show` and `diff` of a moved
// text at a date before its move find it where it stood.
std::optional<std::string> path_of_text_at(const Workspace& workspace, const std::string& path,
                                           const std::string& commit);
// For each text path of `request` that a side does not hold, the path the
// text had there (request.old_paths, new_paths): a diff of a moved text
// since a date before its move compares it with the text as it stood then.
void follow_moved_paths(const Workspace& workspace, RevisionDiffRequest& request);

// Newest first, like git log: the history walked once (Repository::walk_history),
// each change described from its two blobs (merge/report/file_changes.hpp,
// remembered in the cache). `emit` receives each entry as soon as it is known;
// the walk stops when it returns false. Bad options (a date that is not one,
// an unknown delegation) throw before anything is emitted.
void stream_proposal_log(const Workspace& workspace, const LogOptions& options,
                         const std::function<bool(LogEntry&& entry)>& emit);
// The same, collected.
std::vector<LogEntry> proposal_log(const Workspace& workspace, const LogOptions& options);

// After a log that found no proposal: the paths of `options` when every one
// of them is mistyped (not in the work tree, and no proposal touched it),
// else none. A filtered log (dates, delegations) may be empty without that.
std::vector<std::string> paths_that_never_were(const Workspace& workspace,
                                               const LogOptions& options);

// After a log that found no proposal: for the first path of `options` that
// goes through a symbolic link of the work tree ("out/a.md" with "out" a
// link), that link ("out"). A link is never followed, so no proposal is
// found under it; the user is told so rather than "no proposals".
std::optional<std::string> link_on_the_way(const Workspace& workspace, const LogOptions& options);

}  // namespace accord
