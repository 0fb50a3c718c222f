#pragma once
// The repository layer: everything accord does to a git repository goes
// through this class, and its files (with git_api.*, which loads libgit2) are
// the only code that includes git2.h, so that the rest of accord deals in
// plain structs. Objects are named by their hexadecimal ids; paths inside the
// repository are relative to the work tree and use '/'.
//
// Every failure is an accord::Error whose message says what failed and where
// (repository, revision, path) followed by libgit2's own explanation: bad
// input from the user (an unknown revision, a path outside the repository)
// exits 2, anything else (I/O, a corrupt repository, a lost race) exits 3.
//
// A Repository is not thread-safe: give each thread its own (libgit2 rule).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accord {

struct Signature {
    std::string name;
    std::string email;
    std::int64_t time = 0;   // seconds since the epoch
    int offset_minutes = 0;  // the signer's offset from UTC, east positive
};

struct CommitInfo {
    std::string id;
    std::vector<std::string> parents;  // first parent first
    Signature author;                  // the proposer; its time is the proposal date
    Signature committer;               // who recorded it
    std::string message;               // full message, trailers included
};

// The trailers of a commit message ("Proposed-by: Japan"), in order, as git
// interprets them (git_message_trailers): only the last paragraph counts.
using Trailers = std::vector<std::pair<std::string, std::string>>;
Trailers trailers(const std::string& message);
// The values of the trailers named `key`, compared case-insensitively as git does,
// trimmed; an empty one ("Proposed-by:" alone) is left out.
std::vector<std::string> trailer_values(const Trailers& all, std::string_view key);

// Signs a commit: given the commit object as git would write it unsigned
// (format_commit_object's output), returns its signature as the value of
// a gpgsig header (an armored SSH signature, without a final newline).
// Throws accord::Error when it cannot sign; nothing is recorded then.
using CommitSigner = std::function<std::string(std::string_view commit_content)>;

// One recorded change: files to set (relative path -> new contents) or delete
// (nullopt), on top of the tree of `parent`.
struct CommitRequest {
    std::vector<std::pair<std::string, std::optional<std::string>>> files;
    Signature author;
    Signature committer;
    std::string message;
    // The commit the change was prepared against (for example the version the
    // proposal checks ran on). The branch moves only if it still points there;
    // otherwise the request is refused with a "retry" error. nullopt: the
    // branch as commit_files finds it (an unborn branch must still be unborn).
    std::optional<std::string> parent;
    // Further parents after the first, for merge commits.
    std::vector<std::string> merged;
    bool allow_empty = false;     // record even if the tree does not change
    bool write_worktree = false;  // also write/delete the files in the work tree
    // The branch to record on (a short name, "redraft/a"); nullopt: the
    // current branch. Recording on a branch that HEAD does not name touches
    // neither the work tree nor the index (write_worktree is then refused),
    // unless switch_head.
    std::optional<std::string> branch;
    // Empty: the commit is not signed. Otherwise it is written with the
    // signature this returns, as `git commit -S` writes it.
    CommitSigner signer;
    // `branch` does not exist yet: it is created at the new commit, whose
    // parent is `parent` (required). If it appears meanwhile: "retry" error.
    bool create_branch = false;
    // Once recorded, HEAD names `branch`, and the index and the work tree
    // follow it as they follow the current branch. Only for a branch that
    // starts from HEAD's commit (as `git switch -c` does): `parent` is HEAD.
    bool switch_head = false;
    // What the user ran ("propose", "merge"), for the messages of a recovery
    // after the command was killed.
    std::string operation = "record";
};

// What Repository::recover found and did about a command killed while it
// moved a branch (core/store/journal.hpp tells the whole story).
struct Recovery {
    enum class Outcome {
        finished,      // the branch had moved: HEAD, the index and work tree now follow it
        not_recorded,  // the branch had not moved: nothing was recorded, nothing changed
        left_alone,    // the branch moved since, or the journal was unreadable: nothing touched
        pending,       // recorded, but the index could not be written yet (locked, disk full)
    };
    Outcome outcome = Outcome::left_alone;
    std::string operation;  // "propose", "merge", ...
    std::string branch;
    std::string commit;             // the commit the command was recording
    std::vector<std::string> kept;  // work tree files left as someone changed them since
    std::string message;            // all of that, for the user
};

enum class Walk {
    full,          // every ancestor, as `git log`
    first_parent,  // the mainline only, as `git log --first-parent`
};

class Repository {
  public:
    // The repository containing `path_inside` (a work tree path or below).
    // Not inside any repository: usage error (exit 2). A command killed while
    // it moved a branch there is finished or rolled back first (see
    // commit_files), unless a running accord command holds its lock.
    static Repository open(const std::string& path_inside);
    // A new repository with a work tree at `dir` (created if missing) whose
    // HEAD is the unborn `initial_branch`. An existing repository there is
    // refused (usage error) rather than re-initialised.
    static Repository init(const std::string& dir, const std::string& initial_branch = "main");

    // ---- Servers and signed commits (core/store/repository_server.cpp).

    // A new bare repository at `dir` (a server's copy: no work tree), HEAD
    // the unborn `initial_branch`; an existing repository there is refused.
    static Repository init_bare(const std::string& dir, const std::string& initial_branch = "main");
    // The repository at `git_dir` as git's pre-receive hook sees it: the
    // objects of the push being received (kept apart by git until the hook
    // accepts it, in $GIT_QUARANTINE_PATH) are readable with the others.
    static Repository open_receiving(const std::string& git_dir);
    bool is_bare() const;
    // The commit object as git stores it (headers, a blank line, the
    // message), for checking its signature. Usage error if it is no commit.
    std::string raw_commit(const std::string& commit_id) const;

    Repository(Repository&&) noexcept;
    Repository& operator=(Repository&&) noexcept;
    ~Repository();

    std::string workdir() const;  // absolute, ends with '/'
    std::string git_dir() const;  // the .git directory, absolute, ends with '/'
    // True while HEAD names a branch that has no commit yet.
    bool is_empty_branch() const;
    // The branch HEAD names ("main"); usage error if HEAD is detached.
    std::string current_branch() const;
    // HEAD's commit id, nullopt on an unborn branch.
    std::optional<std::string> head() const;

    // `path` (absolute, or relative to the current directory) relative to the
    // work tree, '/'-separated; "" for the work tree itself. Usage error if it
    // lies outside the work tree or inside .git.
    std::string relative_path(const std::string& path) const;

    // The commit `rev` names, as git revparse reads it (HEAD~2, a branch, a
    // tag, a sha prefix). Usage error "unknown revision 'X'" otherwise.
    std::string resolve(const std::string& rev) const;
    CommitInfo commit(const std::string& commit_id) const;

    // The contents / blob id of `path` at a commit; nullopt if absent there
    // (or a directory).
    std::optional<std::string> read_file_at(const std::string& commit_id,
                                            const std::string& path) const;
    std::optional<std::string> blob_id_at(const std::string& commit_id,
                                          const std::string& path) const;
    // The contents of the blob `blob_id`, the file `path` at a commit (as
    // file_ids lists them): read_file_at without looking the path up again.
    std::string read_file_blob(const std::string& blob_id, const std::string& path,
                               const std::string& commit_id) const;
    // What the commit's tree holds at `path`: why read_file_at found no file
    // there, for an error that says so.
    enum class EntryKind { absent, file, link, directory, other };
    EntryKind entry_kind_at(const std::string& commit_id, const std::string& path) const;
    // read_blob as git reads objects: without hashing the object again to
    // check its id, which nearly doubles the cost of reading a long history
    // (blame reads every version; git fsck is what checks objects). `path`,
    // when given, names the text in an error (a blob too large to read).
    std::string read_blob_unverified(const std::string& blob_id, std::string_view path = {}) const;
    // history(from_commit, {path}) with the blob id of `path` in each of
    // those commits (nullopt where it is absent or not a file), objects read
    // as read_blob_unverified reads them.
    struct FileCommit {
        CommitInfo commit;
        std::optional<std::string> blob;
    };
    // `found`, when given, sees each as the walk finds it (newest first).
    std::vector<FileCommit> file_commits(
        const std::string& from_commit, const std::string& path,
        const std::function<void(const FileCommit&)>& found = {}) const;
    // Every file in the commit's tree, sorted, '/'-separated. Symbolic links
    // are not files here (nor for blob_id_at, read_file_at, file_commits and
    // file_ids): accord never reads a link as a text.
    std::vector<std::string> list_files(const std::string& commit_id) const;
    // The symbolic links the commit's tree holds, sorted: what the commands
    // that read every text skip, with a note.
    std::vector<std::string> list_links(const std::string& commit_id) const;

    // The commits reachable from `from_commit`, newest first (topological,
    // ties by commit time). With `paths`, only the commits whose entry for
    // one of the paths (a file or a directory) differs from their first
    // parent's, compared by object id; a root commit counts if it has one.
    std::vector<CommitInfo> history(const std::string& from_commit,
                                    const std::vector<std::string>& paths = {},
                                    Walk walk = Walk::full) const;

    // ---- The history walked once (core/store/repository_walk.cpp).
    //
    // The views that follow many texts through the history (log, status,
    // stats, and the attribution of blame, who, survival and the HTML
    // compilation) read it in one walk: each commit once, newest first, with
    // the files it changed found by comparing its tree with its first
    // parent's, descending only into subtrees whose ids differ (as git's
    // tree diff does), so a commit costs what it changed, not the size of
    // the tree. A caller that needs the versions of many files takes them
    // from the steps (FileChange's blob ids) instead of walking once per file:
    // a blob read once serves every file and commit that holds it.
    //
    // Files only: symbolic links and submodules are never reported (a path
    // that is a link on one side reports that side as absent). Blob ids, not
    // contents: reading them is the caller's choice (read_blob_unverified).

    // One file whose blob differs between a commit and its first parent (or
    // the empty tree, for a root commit).
    struct FileChange {
        std::string path;                     // '/'-separated
        std::optional<std::string> old_blob;  // nullopt: absent from the parent, or not a file
        std::optional<std::string> new_blob;  // nullopt: deleted, or no longer a file
    };
    struct WalkStep {
        CommitInfo commit;
        std::vector<FileChange> changes;  // sorted by path
    };
    struct WalkOptions {
        std::string from = "HEAD";  // a commit id, or any revision git reads
        Walk walk = Walk::full;
        // Empty: every commit. Otherwise only the commits history(from, paths)
        // selects (an entry for one of the paths differs from the first
        // parent's), and only changes at or below those paths are reported.
        std::vector<std::string> paths;
        // When set, only files it accepts are reported (for example texts).
        std::function<bool(std::string_view path)> keep;
        // False: the steps carry no changes (a walk of commits only, cheaper).
        bool changes = true;
        // False: a step without changes (a commit the walk passes by) may
        // carry the commit's id and parents alone, author, committer and
        // message empty; a walk along a few files then reads only the
        // headers of the other commits.
        bool info_without_changes = true;
        // When set, a commit whose changes are not remembered yet is diffed
        // only along the files `narrow.wants` takes (entering only the
        // directories `narrow.may_hold` says may hold one), and that partial
        // diff is not remembered: a first walk that follows a few files
        // reads a few trees per commit, not every changed one. A commit
        // where a file `narrow.whole` takes changed is diffed whole (and
        // remembered); `created` says the file is new there (no file at its
        // path in the first parent). Both are asked at each commit, so the set may grow
        // as the walk goes. Changes outside `paths` and `keep` are never
        // reported either way. With `paths` (and no narrow), the walk is
        // narrowed to them, and the partial diffs are remembered for them.
        struct Narrow {
            std::function<bool(std::string_view directory)> may_hold;
            std::function<bool(std::string_view file)> wants;
            // May be empty: none.
            std::function<bool(std::string_view file, bool created)> whole;
            // Non-empty: the partial diffs are remembered under this name
            // (the same name must always mean the same files).
            std::string remember_as;
        };
        std::optional<Narrow> narrow;
    };
    // Calls `visit` for each commit as soon as it is known, in history()'s
    // order; the walk stops when `visit` returns false. Memory stays that of
    // one step, whatever the length of the history.
    void walk_history(const WalkOptions& options,
                      const std::function<bool(WalkStep& step)>& visit) const;
    // The files and symbolic links whose entries differ between two
    // commits' trees, sorted by path, found as the walk finds a commit's
    // changes: only the subtrees whose ids differ are read, so two
    // neighbouring commits of a repository of thousands of texts cost what
    // changed between them (as git diff A B). A path that is a file on one
    // side and a link on the other is reported once, with both.
    struct EntryChange {
        std::string path;
        std::optional<std::string> old_file, new_file;  // blob ids of files
        bool old_link = false, new_link = false;
    };
    std::vector<EntryChange> changed_entries(const std::string& old_commit,
                                             const std::string& new_commit) const;
    // commit(id) for each of `ids`, read from what walk_history remembers of
    // each commit when it can (no commit object is then read).
    std::vector<CommitInfo> commits(const std::vector<std::string>& ids) const;

    // Records `request` as a commit on the current branch and returns its id.
    // The tree is HEAD's (or the parent's) plus the changes, built in memory.
    // The branch moves by compare-and-swap, and accord processes take
    // .git/accord.lock around the whole step, so two concurrent recorders
    // never lose an update: the one that lost gets an error that says to retry.
    // Afterwards the on-disk index holds the new blobs for those paths (other
    // entries, and other staged work, are untouched). The work tree is the
    // caller's: write the files before calling, or set write_worktree. Nothing
    // changed (and !allow_empty): usage error "nothing to record".
    //
    // Crash safety: before the branch moves, a journal of what the index and
    // the work tree must become is written to .git/accord-journal, and it is
    // removed once they are. A command killed in between leaves it, and the
    // next accord command that opens the repository (or records, or `accord
    // recover`) finishes the step or, when the branch had not moved, drops
    // it, saying which (core/store/journal.hpp).
    std::string commit_files(const CommitRequest& request);
    // Several commits in a row as one step: each request recorded on top of
    // the one before, the branch moved once, to the last (whose id is
    // returned), and the index and work tree brought in line with it once.
    // The first request's parent, branch, create_branch, switch_head,
    // write_worktree and operation apply to the whole series.
    std::string commit_series(const std::vector<CommitRequest>& requests);

    // Finishes or rolls back a command killed while it moved a branch (see
    // commit_files), waiting for a running accord command's lock; nullopt
    // when no command was interrupted. Says what it did (core/util/notice)
    // and returns it.
    std::optional<Recovery> recover();
    // True while the journal of an interrupted command waits for recovery.
    bool has_interrupted_command() const;

    // The user's git identity (user.name / user.email from the git config,
    // overridden by GIT_COMMITTER_NAME / GIT_COMMITTER_EMAIL as git does), at
    // the current time in the local offset. With no identity configured it
    // falls back to "accord" <accord@localhost> so that a fresh machine can
    // still record proposals; the author is the delegation anyway.
    Signature default_signature() const;

    // ---- Branches and the commit graph (core/store/repository_branches.cpp), for
    // redraft branches and `accord merge`.

    // True if `name` ("redraft/a") is a valid local branch name for git.
    static bool is_valid_branch_name(const std::string& name);
    bool branch_exists(const std::string& name) const;
    // Local branch names starting with `prefix`, sorted.
    std::vector<std::string> branches(std::string_view prefix = "") const;
    // Remote-tracking branches ("origin/redraft/a") whose name after the
    // remote's starts with `prefix`, sorted.
    std::vector<std::string> remote_branches(std::string_view prefix) const;
    // A new local branch at `commit_id`; usage error if it exists already or
    // the name is not valid.
    void create_branch(const std::string& name, const std::string& commit_id);
    void delete_branch(const std::string& name);
    // Makes HEAD name `branch`, touching neither the work tree nor the index:
    // only for switching to a branch that points at HEAD's commit (as
    // `git switch -c` does), where both are already right.
    void point_head_at(const std::string& branch);

    // The best common ancestor of `commits[0]` and a merge of all the others
    // (`git merge-base A B C`); nullopt when they share no history.
    std::optional<std::string> merge_base(const std::vector<std::string>& commits) const;
    // True if `ancestor` is `descendant` or one of its ancestors.
    bool is_ancestor(const std::string& ancestor, const std::string& descendant) const;
    // The commits reachable from `from` but from none of `hide` (`git log
    // from ^hide...`), newest first (topological, ties by commit time).
    std::vector<CommitInfo> commits_between(const std::string& from,
                                            const std::vector<std::string>& hide) const;

    // Every file of a commit's tree with its blob id, '/'-separated paths.
    std::map<std::string, std::string> file_ids(const std::string& commit_id) const;
    // The entries of a commit's tree that file_ids leaves out or reads as
    // plain files: symbolic links, executable files and submodules, with
    // their git modes (0120000, 0100755, 0160000).
    std::map<std::string, std::uint32_t> special_entries(const std::string& commit_id) const;
    // The entries of a commit's tree that no work tree can hold and that
    // file_ids leaves out ("..", ".git", a name with '/'), and a name a tree
    // lists twice, as paths (control characters escaped); git fsck refuses
    // such trees, which only a hostile hand writes. Also a name of more
    // than 255 bytes, or a path that would be 4,096 bytes or more with the
    // work tree's in front (the path shortened, its length said).
    std::vector<std::string> unsafe_entries(const std::string& commit_id) const;
    // The contents of a blob by id.
    std::string read_blob(const std::string& blob_id) const;
    // The blob id `contents` would have, without storing it.
    static std::string hash_blob(std::string_view contents);
    // Of `paths`, those whose work tree file or index entry differs from
    // HEAD, or that are untracked files in the work tree: what writing those
    // paths would lose.
    std::vector<std::string> unclean_paths(const std::vector<std::string>& paths) const;
    // The paths HEAD holds that the index no longer does (staged by git rm,
    // or as the old path of git mv), sorted.
    std::vector<std::string> staged_deletions() const;

    // Repository-local configuration (.git/config).
    void set_config(const std::string& key, const std::string& value);
    // Removes a key from the repository-local configuration; absent is fine.
    void unset_config(const std::string& key);
    // Looked up through every level (local, global, system).
    std::optional<std::string> get_config(const std::string& key) const;
    // The git attribute `name` of `path` as git would read it now (the work
    // tree's .gitattributes files, .git/info/attributes, the global and
    // system ones): its value, "set" or "unset" ("-name"); nullopt when no
    // line gives it.
    std::optional<std::string> attribute(const std::string& path, const std::string& name) const;
    // A work tree file's bytes as git stores them for `path`, and a blob's
    // bytes as git writes them into the work tree: git's own line-ending
    // conversion (core.autocrlf, the text and eol attributes: a Windows
    // clone holds CRLF, the repository LF) and $Id$. So a proposal made on
    // such a clone records what `git commit` would, and leaves the work tree
    // clean. Only these built-in filters apply: a filter driver that
    // .gitattributes names (filter=...) is a program, and is never run.
    std::string as_stored(const std::string& path, std::string bytes) const;
    std::string as_checked_out(const std::string& path, std::string bytes) const;

    struct Impl;

  private:
    explicit Repository(std::unique_ptr<Impl> impl);
    // Branches of one kind (git_branch_t) named with `prefix`, after the
    // remote's name when `after_remote`.
    std::vector<std::string> branch_names(int kind, std::string_view prefix,
                                          bool after_remote) const;
    std::unique_ptr<Impl> impl_;
};

namespace git {
// How many times libgit2 asked for the system's certificate authorities and
// was given none (core/store/git_api.cpp): once in a process that opened a
// repository, with libgit2 built against mbedTLS as Debian's is.
int certificate_stores_declined();
}  // namespace git

}  // namespace accord
