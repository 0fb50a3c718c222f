// Repository::commit_files and commit_series: recording proposals without
// losing anyone's, and without leaving a half-recorded one behind.
//
// Two guards, because two kinds of writer share a repository:
// - accord processes serialise on .git/accord.lock (core/store/repository_lock),
//   so between reading the branch and updating the index no other accord
//   command can interleave; a request prepared against an older commit
//   (CommitRequest::parent) is refused inside the lock;
// - plain git knows nothing of that lock, so the branch itself moves by
//   compare-and-swap (git_reference_create_matching with the old id), and a
//   branch moved by someone else refuses the update instead of losing theirs.
// Both refusals say to retry and leave refs, index and work tree untouched.
//
// And one journal, because a process can die at any moment: what the index
// and the work tree must become is written before the branch moves
// (core/store/journal.hpp), so that the next accord command can finish what
// a killed one started.
//
// The steps, in order, each below under its own heading: the request
// checked; the branch as it is; the trees; the commits; the journal and the
// move; the index and the work tree.
#include <sys/stat.h>

#include <cerrno>
#include <map>
#include <set>

#include "core/store/commit_object.hpp"
#include "core/store/repository.hpp"
#include "core/store/repository_git.hpp"
#include "core/store/repository_journal.hpp"
#include "core/store/repository_lock.hpp"
#include "core/util/commit_signature.hpp"
#include "core/util/file.hpp"
#include "core/util/notice.hpp"

namespace accord {

namespace {

// ---------------------------------------------------------------- the request

// A path as a tree entry: relative, '/'-separated, no empty, "." or ".."
// components, not inside .git.
void validate_path(const std::string& path) {
    if (path.empty() || path.front() == '/' || path.back() == '/') {
        throw usage_error("cannot record '" + path +
                          "': give a file path relative to the work tree");
    }
    std::size_t begin = 0;
    while (begin <= path.size()) {
        std::size_t end = path.find('/', begin);
        if (end == std::string::npos) end = path.size();
        const std::string part = path.substr(begin, end - begin);
        if (part.empty() || part == "." || part == ".." || (begin == 0 && part == ".git")) {
            throw usage_error("cannot record '" + path +
                              "': give a file path relative to the work tree, without '.', '..' "
                              "or .git");
        }
        begin = end + 1;
    }
}

void validate_request(const CommitRequest& request) {
    std::set<std::string> seen;
    for (const auto& [path, contents] : request.files) {
        validate_path(path);
        if (!seen.insert(path).second) {
            throw usage_error("cannot record '" + path + "' twice in one proposal");
        }
    }
    for (const auto& [signature, role] :
         {std::pair{&request.author, "author"}, std::pair{&request.committer, "committer"}}) {
        if (const std::string problem = signature_problem(*signature, role); !problem.empty())
            throw usage_error("cannot record: " + problem);
    }
}

// Where the series is recorded, and whether the index follows it.
struct Target {
    std::string branch;
    std::string ref_name;
    bool on_current = false;  // HEAD names the branch now
    bool sync_index = false;  // HEAD names it now, or will (switch_head)
    std::string head_before;  // the branch HEAD names; "" when detached
};

// A git merge, rebase, cherry-pick or revert stopped half way in this work
// tree (a conflict in `git pull`, say): the index and the files hold the
// other side's wording too, and a single-parent commit of them would credit
// it to this proposal while the merge it belongs to is lost. bisect is no
// such operation: it leaves nothing staged.
void refuse_during_git_operation(git_repository* repo, const std::string& where) {
    std::string what, finish;
    switch (git_repository_state(repo)) {
        case GIT_REPOSITORY_STATE_MERGE:
            what = "a git merge ('git pull' or 'git merge' stopped on a conflict)";
            finish =
                "finish it with 'git commit' (the merge then records both sides' "
                "proposals as they were made) or drop it with 'git merge --abort'";
            break;
        case GIT_REPOSITORY_STATE_REBASE:
        case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
        case GIT_REPOSITORY_STATE_REBASE_MERGE:
        case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
        case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
            what = "a git rebase (or git am)";
            finish = "finish it with 'git rebase --continue' or drop it with 'git rebase --abort'";
            break;
        case GIT_REPOSITORY_STATE_CHERRYPICK:
        case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
            what = "a git cherry-pick";
            finish =
                "finish it with 'git cherry-pick --continue' or drop it with 'git "
                "cherry-pick --abort'";
            break;
        case GIT_REPOSITORY_STATE_REVERT:
        case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
            what = "a git revert";
            finish = "finish it with 'git revert --continue' or drop it with 'git revert --abort'";
            break;
        default:
            return;
    }
    throw usage_error(what + " is in progress in " + where + "; " + finish +
                      ", then run the command again. Nothing was recorded");
}

Target resolve_target(const Repository& repository, git_repository* repo,
                      const CommitRequest& first, const std::string& where) {
    Target target;
    try {
        target.head_before = repository.current_branch();
    } catch (const Error&) {  // HEAD detached: not on any branch
    }
    if (!first.branch && target.head_before.empty()) repository.current_branch();  // throws
    target.branch = first.branch ? *first.branch : target.head_before;
    target.ref_name = "refs/heads/" + target.branch;
    target.on_current = target.head_before == target.branch;
    if (first.create_branch && !Repository::is_valid_branch_name(target.branch)) {
        throw usage_error("'" + target.branch + "' is not a valid branch name");
    }
    if (first.create_branch && !first.parent) {
        throw usage_error("cannot create branch '" + target.branch +
                          "' without the commit it starts from");
    }
    if (first.switch_head && !target.on_current) {
        const std::optional<std::string> head = repository.head();
        if (!first.parent || !head || *head != *first.parent) {
            throw usage_error("cannot switch to branch '" + target.branch + "' in " + where +
                              ": it must start from HEAD's commit");
        }
    }
    target.sync_index = target.on_current || first.switch_head;
    if (first.write_worktree && !target.sync_index) {
        throw usage_error("cannot write the work tree for branch '" + target.branch +
                          "': it is not the current branch of " + where);
    }
    if (git_repository_workdir(repo) == nullptr && first.write_worktree)
        repository.workdir();  // throws: bare repository
    return target;
}

// ---------------------------------------------------------------- the branch as it is

std::string retry_message(const std::string& branch, const std::string& where,
                          const std::string& detail) {
    return "could not record the proposal: branch '" + branch + "' in " + where + " " + detail +
           "; nothing was recorded. Retry the command (accord log shows what landed first)";
}

std::string short_id(const std::optional<git_oid>& id) {
    return id ? git::hex(*id).substr(0, 12) : std::string("(no commit)");
}

std::optional<git_oid> read_tip(git_repository* repo, const Target& target,
                                const std::string& where) {
    git_oid id;
    const int rc = git_reference_name_to_id(&id, repo, target.ref_name.c_str());
    if (rc == GIT_ENOTFOUND) return std::nullopt;
    if (rc < 0) git::fail("cannot read branch '" + target.branch + "' in " + where);
    return id;
}

// The branch is where the caller prepared the request, or the request is refused.
void check_expected_tip(const CommitRequest& first, const std::optional<git_oid>& tip,
                        const Target& target, const std::string& where) {
    if (first.create_branch) {
        if (tip) {
            throw failure(retry_message(
                target.branch, where,
                "was created by another command meanwhile (at " + short_id(tip) + ")"));
        }
        return;
    }
    if (!first.parent) return;
    const git_oid expected = git::parse_id(*first.parent, "the proposal's parent commit");
    if (!tip || !git_oid_equal(&*tip, &expected)) {
        throw failure(retry_message(target.branch, where,
                                    "is now at " + short_id(tip) + ", not at " +
                                        first.parent->substr(0, 12) +
                                        " where this proposal was prepared"));
    }
}

// ---------------------------------------------------------------- the trees

// The final state of a path over the whole series: its entry, or deleted.
struct FinalEntry {
    std::optional<git_index_entry> entry;  // nullopt: deleted
    const std::string* contents = nullptr;
};

// An in-memory index holding the tip's tree, to which each request's
// changes are applied in turn.
class TreeBuilder {
  public:
    TreeBuilder(Repository::Impl& impl, const std::optional<git_oid>& tip, std::string branch)
        : impl_(impl), branch_(std::move(branch)) {
        git_index* raw = nullptr;
        git::check(git_index_new(&raw), "cannot create an in-memory index");
        index_.reset(raw);
        if (tip) {
            const git::CommitPtr commit = impl_.lookup_commit(git::hex(*tip));
            const git::TreePtr tree = impl_.tree_of(commit.get());
            tree_ = *git_tree_id(tree.get());
            if (git_index_read_tree(raw, tree.get()) < 0) {
                git::fail("cannot read the tree of " + git::hex(*tip) + " in " + impl_.where);
            }
        }
    }

    // The tree after `request`'s changes; refuses an unchanged tree unless allowed.
    git_oid apply(const CommitRequest& request) {
        git_index* raw = index_.get();
        for (const auto& [path, contents] : request.files) {
            if (!contents) {
                remove(path);
                continue;
            }
            add(path, *contents);
        }
        git_oid tree_id;
        if (git_index_write_tree_to(&tree_id, raw, impl_.repo.get()) < 0) {
            journal::fail_write(impl_.repo.get(), "cannot write the new tree", impl_.where, 0);
        }
        if (!request.allow_empty && request.merged.empty()) {
            const bool unchanged = tree_ ? git_oid_equal(&tree_id, &*tree_) : request.files.empty();
            if (unchanged) {
                std::string names;
                for (const auto& file : request.files)
                    names += (names.empty() ? "" : ", ") + file.first;
                throw usage_error("nothing to record in " + impl_.where + ": " +
                                  (names.empty() ? std::string("no files given")
                                                 : names + " unchanged since the last proposal"));
            }
        }
        tree_ = tree_id;
        return tree_id;
    }

    const std::map<std::string, FinalEntry>& final_entries() const { return final_; }

  private:
    void remove(const std::string& path) {
        if (git_index_get_bypath(index_.get(), path.c_str(), 0) == nullptr) {
            throw usage_error("cannot delete '" + path + "': it is not in branch '" + branch_ +
                              "' of " + impl_.where);
        }
        git::check(git_index_remove(index_.get(), path.c_str(), 0), "cannot remove an index entry");
        final_[path] = FinalEntry{};
    }

    void add(const std::string& path, const std::string& contents) {
        git_index* raw = index_.get();
        // A file may not replace a directory or sit below a file.
        for (std::size_t slash = path.find('/'); slash != std::string::npos;
             slash = path.find('/', slash + 1)) {
            if (const git_index_entry* above =
                    git_index_get_bypath(raw, path.substr(0, slash).c_str(), 0)) {
                const char* what = above->mode == GIT_FILEMODE_LINK
                                       ? "a symbolic link, never followed,"
                                       : "a file";
                throw usage_error("cannot record '" + path + "': '" + path.substr(0, slash) +
                                  "' is " + what + " in branch '" + branch_ + "'");
            }
        }
        std::size_t at = 0;
        if (git_index_find_prefix(&at, raw, (path + "/").c_str()) == 0) {
            throw usage_error("cannot record '" + path + "': it is a directory in branch '" +
                              branch_ + "'");
        }
        const git_index_entry* existing = git_index_get_bypath(raw, path.c_str(), 0);
        if (existing != nullptr && existing->mode == GIT_FILEMODE_LINK) {
            throw usage_error("cannot record '" + path + "': it is a symbolic link in branch '" +
                              branch_ + "', and accord records only texts");
        }
        git_index_entry entry{};
        entry.mode = existing != nullptr ? existing->mode : std::uint32_t{GIT_FILEMODE_BLOB};
        entry.path = path.c_str();
        if (git_blob_create_from_buffer(&entry.id, impl_.repo.get(), contents.data(),
                                        contents.size()) < 0) {
            journal::fail_write(impl_.repo.get(), "cannot store the contents of '" + path + "'",
                                impl_.where, contents.size());
        }
        if (git_index_add(raw, &entry) < 0) git::fail("cannot stage '" + path + "'");
        entry.path = nullptr;  // the index keeps its own copy; FinalEntry names it by key
        final_[path] = FinalEntry{entry, &contents};
    }

    Repository::Impl& impl_;
    std::string branch_;
    git::IndexPtr index_;
    std::optional<git_oid> tree_;  // the tree as it stands so far
    std::map<std::string, FinalEntry> final_;
};

// ---------------------------------------------------------------- the work tree's room

// What stands where the work tree needs a directory on the way to `path`
// (or where `path` itself goes): a file, a symbolic link (never followed) or
// anything else that is not a real directory; looked at with lstat, from the
// top down, stopping at the first part that is absent. A file the series
// deletes is out of the way by then (the journal deletes before it writes
// below: shorter paths come first), so it is not in the way. "" when the
// path has room. Checked before the branch moves: found only while the
// journal is applied, the branch would have moved with the files unwritten.
std::string in_the_way(const std::string& root, const std::string& path,
                       const std::map<std::string, FinalEntry>& entries) {
    for (std::size_t end = path.find('/'); end != std::string::npos;
         end = path.find('/', end + 1)) {
        const std::string above = path.substr(0, end);
        struct stat info {};
        if (::lstat((root + above).c_str(), &info) != 0) return "";  // absent: made when written
        if (S_ISDIR(info.st_mode)) continue;
        const auto deleted = entries.find(above);
        if (S_ISREG(info.st_mode) && deleted != entries.end() && !deleted->second.entry) return "";
        const char* what = S_ISLNK(info.st_mode)   ? "a symbolic link (never followed)"
                           : S_ISREG(info.st_mode) ? "a file"
                                                   : "something other than a directory";
        return "'" + above + "' is " + what + " in the work tree, where '" + path +
               "' needs a directory";
    }
    struct stat info {};
    if (::lstat((root + path).c_str(), &info) == 0 && S_ISDIR(info.st_mode))
        return "'" + path + "' is a directory in the work tree, where a file is to be written";
    return "";
}

// Refuses, before anything moves, a series whose files the work tree has no
// room for (in_the_way), naming each and the fix.
void refuse_blocked_paths(const std::string& root, const std::map<std::string, FinalEntry>& entries,
                          const std::string& where) {
    std::vector<std::string> blocked;
    for (const auto& [path, final] : entries) {
        if (!final.entry) continue;
        if (std::string why = in_the_way(root, path, entries); !why.empty())
            blocked.push_back(std::move(why));
    }
    if (blocked.empty()) return;
    std::string list;
    for (std::size_t i = 0; i < blocked.size() && i < 3; ++i) list += (i ? "; " : "") + blocked[i];
    if (blocked.size() > 3) list += "; and " + std::to_string(blocked.size() - 3) + " more";
    throw usage_error("cannot write the files in " + where + ": " + list +
                      ". Move it away (or delete it) and run the command again. Nothing was "
                      "recorded, and the work tree, the index and the branch are as they were");
}

// ---------------------------------------------------------------- the commits

// The commit object, written by accord (core/store/commit_object.hpp says
// why). A signed one carries what request.signer returns for the unsigned
// object as its gpgsig header, where `git commit -S` puts it
// (core/util/commit_signature.hpp). The signer may refuse (no key,
// ssh-keygen failing): it throws before the journal is written, and nothing
// but blobs and trees that no reference names is left behind.
git_oid write_commit(Repository::Impl& impl, const git_oid& tree,
                     const std::vector<std::string>& parents, const CommitRequest& request) {
    std::string object = format_commit_object(git::hex(tree), parents, request.author,
                                              request.committer, request.message);
    if (request.signer) object = add_signature_header(object, request.signer(object));
    git_odb* raw = nullptr;
    if (git_repository_odb(&raw, impl.repo.get()) < 0)
        git::fail("cannot open the object database of " + impl.where);
    const git::OdbPtr odb(raw);
    git_oid id;
    errno = 0;
    if (git_odb_write(&id, raw, object.data(), object.size(), GIT_OBJECT_COMMIT) < 0 ||
        git_odb_exists(raw, &id) != 1) {
        journal::fail_write(impl.repo.get(), "cannot write the commit", impl.where, object.size());
    }
    return id;
}

// ---------------------------------------------------------------- the journal and the move

Journal make_journal(const Repository::Impl& impl, const CommitRequest& first, const Target& target,
                     const std::optional<git_oid>& tip, const git_oid& new_tip,
                     const std::map<std::string, FinalEntry>& entries) {
    Journal j;
    j.operation = first.operation;
    j.branch = target.branch;
    j.old_tip = tip ? git::hex(*tip) : "";
    j.new_tip = git::hex(new_tip);
    j.head_before = target.head_before;
    j.switch_head = first.switch_head && !target.on_current;
    j.sync_index = target.sync_index;
    j.pid = static_cast<std::int64_t>(::getpid());
    const char* workdir = git_repository_workdir(impl.repo.get());
    const std::string root = workdir ? workdir : "";
    for (const auto& [path, final] : entries) {
        JournalFile f;
        f.path = path;
        if (final.entry) {
            f.blob = git::hex(final.entry->id);
            f.mode = final.entry->mode;
        }
        f.write_worktree = first.write_worktree && !root.empty();
        if (f.write_worktree) {
            const FileResult current = read_file_within(root, path);
            if (current.contents) f.worktree_before = Repository::hash_blob(*current.contents);
        }
        j.files.push_back(std::move(f));
    }
    return j;
}

// Compare-and-swap of the branch; a branch moved meanwhile is refused.
void move_branch(git_repository* repo, const Target& target, const std::optional<git_oid>& tip,
                 const git_oid& new_tip, const std::string& message, const std::string& where) {
    const std::string summary = "accord: " + message.substr(0, message.find('\n'));
    git_reference* moved = nullptr;
    const int rc =
        git_reference_create_matching(&moved, repo, target.ref_name.c_str(), &new_tip, tip ? 1 : 0,
                                      tip ? &*tip : nullptr, summary.c_str());
    const git::ReferencePtr owned(moved);
    if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ELOCKED) {
        throw failure(retry_message(target.branch, where,
                                    "was moved by another command while this proposal was being "
                                    "recorded (" +
                                        git::last_message() + ")"));
    }
    if (rc < 0) journal::fail_write(repo, "cannot move branch '" + target.branch + "'", where, 0);
}

// ---------------------------------------------------------------- the index and the work tree

void finish(Repository::Impl& impl, const Journal& j,
            const std::map<std::string, FinalEntry>& entries) {
    const journal::ContentsOf contents = [&](const JournalFile& f) -> std::string {
        return *entries.at(f.path).contents;
    };
    journal::Applied applied;
    try {
        applied = journal::apply(impl, j, contents, true);
    } catch (const Error& e) {
        // The journal stays: the next accord command finishes the step.
        throw Error(e.exit_code(), "recorded " + j.new_tip.substr(0, 12) + " on branch '" +
                                       j.branch + "' in " + impl.where +
                                       ", but could not bring the index and the work tree in "
                                       "line: " +
                                       e.what() +
                                       "; once that is solved, 'accord recover' (or any accord "
                                       "command) finishes it. Commit nothing with git before");
    }
    journal::remove(impl.repo.get());
    if (!applied.kept.empty()) {
        std::string names;
        for (const std::string& p : applied.kept) names += (names.empty() ? "" : ", ") + p;
        notice("left " + names +
               " in the work tree as it was changed meanwhile; git diff shows "
               "the change against what was recorded");
    }
}

}  // namespace

std::string Repository::commit_files(const CommitRequest& request) {
    return commit_series({request});
}

std::string Repository::commit_series(const std::vector<CommitRequest>& requests) {
    if (requests.empty()) throw usage_error("nothing to record: no commit requested");
    git_repository* repo = impl_->repo.get();
    const std::string& where = impl_->where;
    const CommitRequest& first = requests.front();
    for (const CommitRequest& request : requests) validate_request(request);
    const Target target = resolve_target(*this, repo, first, where);

    if (target.sync_index) refuse_during_git_operation(repo, where);

    const RepositoryLock lock = RepositoryLock::acquire(journal::lock_path_of(repo), where);
    // A journal a killed command left is finished first; one that cannot be
    // finished yet must not be overwritten by this command's own.
    if (const std::optional<Recovery> earlier = journal::recover_locked(*impl_, true);
        earlier && earlier->outcome == Recovery::Outcome::pending) {
        throw failure(earlier->message + "; nothing more was recorded");
    }

    // git's lock on the index, held by a git command running there or left
    // by one killed: the index could not follow the branch, so nothing is
    // recorded (checked again when the index is written, for a lock taken
    // in between: the journal then finishes the step).
    if (target.sync_index) {
        const std::string index_lock = std::string(git_repository_path(repo)) + "index.lock";
        struct stat held {};
        if (::lstat(index_lock.c_str(), &held) == 0) {
            throw failure(journal::index_locked(repo, where) +
                          " and run the command again. Nothing was recorded");
        }
    }

    const std::optional<git_oid> tip = read_tip(repo, target, where);
    check_expected_tip(first, tip, target, where);

    // A new branch starts at the commit the caller named; an existing one at its tip.
    const std::optional<git_oid> start =
        first.create_branch
            ? std::optional<git_oid>(git::parse_id(*first.parent, "the new branch's start"))
            : tip;
    TreeBuilder trees(*impl_, start, target.branch);
    std::optional<git_oid> last = start;
    for (const CommitRequest& request : requests) {
        const git_oid tree = trees.apply(request);
        std::vector<std::string> parents;
        if (last) parents.push_back(git::hex(*last));
        for (const std::string& merged : request.merged)
            parents.push_back(git::hex(*git_commit_id(impl_->lookup_commit(merged).get())));
        last = write_commit(*impl_, tree, parents, request);
    }

    if (first.write_worktree) refuse_blocked_paths(workdir(), trees.final_entries(), where);
    const Journal j = make_journal(*impl_, first, target, tip, *last, trees.final_entries());
    journal::write(*impl_, j);
    crash_point("journal-written");
    try {
        move_branch(repo, target, tip, *last, requests.back().message, where);
    } catch (...) {
        journal::remove(repo);
        throw;
    }
    crash_point("branch-moved");
    finish(*impl_, j, trees.final_entries());
    return j.new_tip;
}

}  // namespace accord
