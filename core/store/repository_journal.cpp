// The journal of a command that moves a branch, as the repository layer
// writes, applies and recovers it (core/store/journal.hpp says why).
#include "core/store/repository_journal.hpp"

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <tuple>

#include "core/store/repository_lock.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/notice.hpp"

namespace accord {

namespace journal {

namespace {

std::string short_id(const std::string& id) {
    return id.empty() ? std::string("(no commit)") : id.substr(0, 12);
}

std::optional<std::string> ref_target(git_repository* repo, const std::string& ref_name) {
    git_oid id;
    const int rc = git_reference_name_to_id(&id, repo, ref_name.c_str());
    if (rc == GIT_ENOTFOUND) return std::string();
    if (rc < 0) return std::nullopt;
    return git::hex(id);
}

// The branch HEAD names, "" when detached or unreadable.
std::string head_branch(git_repository* repo) {
    git_reference* head = nullptr;
    if (git_reference_lookup(&head, repo, "HEAD") < 0) return "";
    const git::ReferencePtr owned(head);
    if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) return "";
    const std::string target = git_reference_symbolic_target(head);
    const std::string prefix = "refs/heads/";
    return target.rfind(prefix, 0) == 0 ? target.substr(prefix.size()) : "";
}

std::string blob_text(git_repository* repo, const std::string& id) {
    const git_oid oid = git::parse_id(id, "the journal's blob");
    git_blob* blob = nullptr;
    if (git_blob_lookup(&blob, repo, &oid) < 0) git::fail("cannot read blob " + id);
    const git::BlobPtr owned(blob);
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob)),
                       static_cast<std::size_t>(git_blob_rawsize(blob)));
}

std::string hash_of(std::string_view contents) {
    git_oid id;
    if (git_odb_hash(&id, contents.data(), contents.size(), GIT_OBJECT_BLOB) < 0)
        git::fail("cannot hash a file");
    return git::hex(id);
}

// Fills the stat fields of `entry` from the work tree file when it holds
// exactly `contents`, so that `git status` need not re-read it. Otherwise
// they stay zero, which git and libgit2 read as "compare the contents".
void fill_stat(git_index_entry& entry, const std::string& root, const std::string& path,
               std::string_view contents) {
    const std::string file = root + path;
    struct stat st {};
    if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
    if (static_cast<std::size_t>(st.st_size) != contents.size()) return;
    const FileResult on_disk = read_file_within(root, path);
    if (!on_disk.contents || *on_disk.contents != contents) return;
    entry.ctime.seconds = static_cast<std::int32_t>(st.st_ctim.tv_sec);
    entry.ctime.nanoseconds = static_cast<std::uint32_t>(st.st_ctim.tv_nsec);
    entry.mtime.seconds = static_cast<std::int32_t>(st.st_mtim.tv_sec);
    entry.mtime.nanoseconds = static_cast<std::uint32_t>(st.st_mtim.tv_nsec);
    entry.dev = static_cast<std::uint32_t>(st.st_dev);
    entry.ino = static_cast<std::uint32_t>(st.st_ino);
    entry.uid = static_cast<std::uint32_t>(st.st_uid);
    entry.gid = static_cast<std::uint32_t>(st.st_gid);
    entry.file_size = static_cast<std::uint32_t>(st.st_size);
}

// The work tree file as the journal wants it; false when someone changed it
// since the command started (then it is left as it is).
// Written as git checks it out (git::filtered: CRLF on a Windows clone), and
// a file already holding the recorded text in that form is left alone.
bool write_worktree_file(git_repository* repo, const std::string& root, const JournalFile& file,
                         const ContentsOf& contents) {
    const FileResult current = read_file_within(root, file.path);
    if (current.problem == FileProblem::link || current.problem == FileProblem::not_regular)
        return false;  // never written through, never replaced
    if (!current.contents && current.problem != FileProblem::missing)
        throw failure("cannot read " + current.error);
    const std::string current_id = current.contents ? hash_of(*current.contents) : "";
    const std::string stored_id =
        current.contents
            ? hash_of(git::filtered(repo, file.path, *current.contents, GIT_FILTER_TO_ODB))
            : "";
    if (stored_id == file.blob) return true;  // already as recorded (or absent as deleted)
    if (current_id != file.worktree_before) return false;
    if (file.blob.empty()) {
        if (const std::string error = remove_file_within(root, file.path); !error.empty())
            throw failure("cannot delete " + error);
        return true;
    }
    WriteOptions where;
    where.within = root;
    where.create_directories = true;
    const std::string checked_out =
        git::filtered(repo, file.path, contents(file), GIT_FILTER_TO_WORKTREE);
    if (const std::string error = write_file_atomically(root + file.path, checked_out, where);
        !error.empty())
        throw failure("cannot write " + error);
    return true;
}

// git's own lock files that the killed command provably left: the branch's
// holding the commit the journal names, HEAD's naming the journal's branch.
// libgit2 writes such a file, then renames it into place; killed between the
// two, the file stays and git refuses every commit until it is gone. Another
// program's lock never holds exactly this text, so it is never removed.
// An empty one (killed between creating and writing it) counts when it is
// no older than the journal: git writes its lock files at once.
bool no_older_than(const std::string& path, const std::string& journal) {
    struct stat lock {
    }, written{};
    if (::lstat(path.c_str(), &lock) != 0 || ::lstat(journal.c_str(), &written) != 0) return false;
    return std::tie(lock.st_mtim.tv_sec, lock.st_mtim.tv_nsec) >=
           std::tie(written.st_mtim.tv_sec, written.st_mtim.tv_nsec);
}

void remove_locks_left_by(git_repository* repo, const Journal& j) {
    const std::string journal = path_of(repo);
    const std::string common = git_repository_commondir(repo);
    const std::string branch_lock = "refs/heads/" + j.branch + ".lock";
    const FileResult branch = read_file_within(common, branch_lock);
    if (branch.contents &&
        (branch.contents->rfind(j.new_tip, 0) == 0 ||
         (branch.contents->empty() && no_older_than(common + branch_lock, journal))))
        remove_file_within(common, branch_lock);
    const std::string own = git_repository_path(repo);
    const FileResult head = read_file_within(own, "HEAD.lock");
    if (head.contents && (*head.contents == "ref: refs/heads/" + j.branch + "\n" ||
                          (head.contents->empty() && no_older_than(own + "HEAD.lock", journal))))
        remove_file_within(own, "HEAD.lock");
}

std::string describe_operation(const Journal& j) {
    std::string out = "the interrupted 'accord " + j.operation + "'";
    if (j.pid > 0) out += " (process " + std::to_string(j.pid) + ")";
    return out;
}

}  // namespace

std::string path_of(git_repository* repo) {
    return std::string(git_repository_path(repo)) + "accord-journal";
}

std::string lock_path_of(git_repository* repo) {
    return std::string(git_repository_commondir(repo)) + "accord.lock";
}

void fail_write(git_repository* repo, const std::string& what, const std::string& where,
                std::size_t wanted_bytes, const std::string& reason_given) {
    const int error = errno;
    const std::string reason = reason_given.empty() ? git::last_message() : reason_given;
    struct statvfs space {};
    const bool full = error == ENOSPC || error == EDQUOT ||
                      reason.find(std::strerror(ENOSPC)) != std::string::npos ||
                      reason.find(std::strerror(EDQUOT)) != std::string::npos ||
                      (::statvfs(git_repository_path(repo), &space) == 0 &&
                       static_cast<unsigned long long>(space.f_bavail) * space.f_frsize <
                           (1ULL << 20) + wanted_bytes);
    if (full) {
        throw failure("no space left on the device that holds " +
                      std::string(git_repository_path(repo)) + " (" + what +
                      "); nothing was recorded in " + where +
                      ". Free some space and run the command again");
    }
    if (error == EFBIG || reason.find(std::strerror(EFBIG)) != std::string::npos) {
        throw failure("a file size limit stopped the writing (" + what +
                      ": file too large); nothing was recorded in " + where);
    }
    throw failure(what + " in " + where + ": " + reason + "; nothing was recorded");
}

void write(const Repository::Impl& impl, const Journal& journal) {
    const std::string path = path_of(impl.repo.get());
    errno = 0;
    if (const std::string error = write_file_atomically(path, format_journal(journal));
        !error.empty()) {
        fail_write(impl.repo.get(), "cannot write the journal " + path, impl.where, 0, error);
    }
}

void remove(git_repository* repo) {
    ::unlink(path_of(repo).c_str());
}

Applied apply(Repository::Impl& impl, const Journal& j, const ContentsOf& contents, bool patient) {
    git_repository* repo = impl.repo.get();
    Applied applied;
    if (j.switch_head && head_branch(repo) == j.head_before) {
        const std::string ref = "refs/heads/" + j.branch;
        if (git_repository_set_head(repo, ref.c_str()) < 0)
            git::fail("cannot switch to branch '" + j.branch + "' in " + impl.where);
        applied.head_switched = true;
    }
    const char* workdir = git_repository_workdir(repo);
    if (!j.sync_index || workdir == nullptr) return applied;  // a bare repository has no index
    if (head_branch(repo) != j.branch) {
        applied.skipped_why = "HEAD no longer names branch '" + j.branch + "'";
        return applied;
    }
    const std::string root = workdir;
    for (const JournalFile& file : j.files) {
        if (file.write_worktree && !write_worktree_file(repo, root, file, contents))
            applied.kept.push_back(file.path);
    }
    crash_point("worktree-written");

    git_index* raw = nullptr;
    if (git_repository_index(&raw, repo) < 0) git::fail("cannot open the index of " + impl.where);
    const git::IndexPtr index(raw);
    if (git_index_read(raw, 1) < 0) git::fail("cannot read the index of " + impl.where);
    for (const JournalFile& file : j.files) {
        git_index_conflict_remove(raw, file.path.c_str());  // no conflict there is fine
        if (file.blob.empty()) {
            git_index_remove(raw, file.path.c_str(), 0);  // not in the index is fine too
            continue;
        }
        git_index_entry entry{};
        entry.mode = file.mode;
        entry.id = git::parse_id(file.blob, "the journal's blob");
        entry.path = file.path.c_str();
        fill_stat(entry, root, file.path, contents(file));
        if (git_index_add(raw, &entry) < 0) git::fail("cannot stage '" + file.path + "'");
    }
    const int tries = patient ? 50 : 3;
    int rc = 0;
    for (int attempt = 0; attempt < tries; ++attempt) {
        rc = git_index_write(raw);
        if (rc != GIT_ELOCKED) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (rc == GIT_ELOCKED) {
        throw failure(index_locked(repo, impl.where));
    }
    if (rc < 0) git::fail("cannot write the index of " + impl.where);
    applied.index_synced = true;
    return applied;
}

std::string index_locked(git_repository* repo, const std::string& where) {
    return "the index of " + where + " is locked (" + git_repository_path(repo) +
           "index.lock exists): a git command is running there, or one that was killed left "
           "it; when no git command runs, delete that file";
}

// Why the journal cannot be what an accord command wrote, or "". A command
// journals the files of the commit it records, so each path is a work tree
// path (no "..", no .git in any case) and the new commit's tree holds it as
// journaled: that blob in that mode, or nothing for a deletion. Anyone who
// can write into .git can write a journal, and recovery writes the files it
// names: without this check a forged one could write .git/config (and so
// make git run a program) or a file outside the work tree.
std::string forged_journal(const Repository::Impl& impl, const Journal& j) {
    for (const JournalFile& file : j.files) {
        std::size_t begin = 0;
        while (true) {
            const std::size_t end = std::min(file.path.find('/', begin), file.path.size());
            if (!git::is_safe_entry_name(std::string_view(file.path).substr(begin, end - begin)))
                return "it names '" + file.path + "', which is no path of a work tree";
            if (end == file.path.size()) break;
            begin = end + 1;
        }
    }
    const git::CommitPtr commit = impl.lookup_commit(j.new_tip);
    const git::TreePtr tree = impl.tree_of(commit.get());
    for (const JournalFile& file : j.files) {
        git_tree_entry* raw = nullptr;
        const int rc = git_tree_entry_bypath(&raw, tree.get(), file.path.c_str());
        const git::TreeEntryPtr entry(rc == 0 ? raw : nullptr);
        const bool as_journaled =
            file.blob.empty()
                ? rc == GIT_ENOTFOUND
                : rc == 0 && git::hex(*git_tree_entry_id(entry.get())) == file.blob &&
                      static_cast<std::uint32_t>(git_tree_entry_filemode(entry.get())) == file.mode;
        if (!as_journaled)
            return "it has '" + file.path + "' otherwise than commit " + short_id(j.new_tip) +
                   " holds it";
    }
    return "";
}

std::optional<Recovery> recover_locked(Repository::Impl& impl, bool patient) {
    git_repository* repo = impl.repo.get();
    const std::string path = path_of(repo);
    // The lock is ours, so no accord command writes now: temporary files
    // are what a killed one left (the journal's, and the work tree's below).
    remove_leftover_temporaries(git_repository_path(repo), "accord-journal");
    const FileResult file = read_file(path);
    if (!file.contents && file.problem == FileProblem::missing) return std::nullopt;
    Recovery recovery;
    const std::optional<Journal> parsed =
        file.contents ? parse_journal(*file.contents) : std::nullopt;
    if (!parsed) {
        const std::string aside = path + ".unreadable";
        ::rename(path.c_str(), aside.c_str());
        recovery.outcome = Recovery::Outcome::left_alone;
        recovery.message = "found an unreadable journal of an interrupted accord command in " +
                           impl.where + "; moved it to " + aside +
                           " and changed nothing (check 'git status')";
        notice(recovery.message);
        return recovery;
    }
    const Journal& j = *parsed;
    remove_locks_left_by(repo, j);
    recovery.operation = j.operation;
    recovery.branch = j.branch;
    recovery.commit = j.new_tip;
    const std::optional<std::string> tip = ref_target(repo, "refs/heads/" + j.branch);
    if (!tip) git::fail("cannot read branch '" + j.branch + "' in " + impl.where);

    if (*tip == j.old_tip) {
        remove(repo);
        recovery.outcome = Recovery::Outcome::not_recorded;
        recovery.message = describe_operation(j) + " had not recorded anything on branch '" +
                           j.branch + "' in " + impl.where +
                           ": the branch, the index and the work tree are as they were before "
                           "it; run it again";
        notice(recovery.message);
        return recovery;
    }
    if (*tip != j.new_tip) {
        remove(repo);
        recovery.outcome = Recovery::Outcome::left_alone;
        recovery.message = describe_operation(j) + " had prepared commit " + short_id(j.new_tip) +
                           " for branch '" + j.branch + "' in " + impl.where +
                           ", but the branch has moved since (now at " + short_id(*tip) +
                           "); nothing was changed (check 'git status')";
        notice(recovery.message);
        return recovery;
    }

    if (const std::string forged = forged_journal(impl, j); !forged.empty()) {
        const std::string aside = path + ".refused";
        ::rename(path.c_str(), aside.c_str());
        recovery.outcome = Recovery::Outcome::left_alone;
        recovery.message = "found a journal of an interrupted accord command in " + impl.where +
                           " that no accord command wrote (" + forged + "); moved it to " + aside +
                           " and changed nothing (check 'git status')";
        notice(recovery.message);
        return recovery;
    }
    if (const char* workdir = git_repository_workdir(repo)) {
        for (const JournalFile& f : j.files) {
            if (f.write_worktree) remove_leftover_temporaries(workdir, f.path);
        }
    }
    const ContentsOf contents = [&](const JournalFile& f) { return blob_text(repo, f.blob); };
    Applied applied;
    try {
        applied = apply(impl, j, contents, patient);
    } catch (const Error& e) {
        recovery.outcome = Recovery::Outcome::pending;
        recovery.message = describe_operation(j) + " recorded " + short_id(j.new_tip) +
                           " on branch '" + j.branch + "' in " + impl.where +
                           ", but the index and the work tree could not be brought in line yet (" +
                           e.what() +
                           "); run 'accord recover' when that is solved, and commit nothing with "
                           "git before";
        notice(recovery.message);
        return recovery;
    }
    remove(repo);
    recovery.outcome = Recovery::Outcome::finished;
    recovery.kept = applied.kept;
    std::string message = "finished " + describe_operation(j) + ": it had recorded " +
                          short_id(j.new_tip) + " on branch '" + j.branch + "' in " + impl.where;
    if (applied.head_switched) message += "; switched to branch '" + j.branch + "'";
    if (applied.index_synced) {
        message += "; the index";
        bool any_worktree = false;
        for (const JournalFile& f : j.files) any_worktree = any_worktree || f.write_worktree;
        message += any_worktree ? " and the work tree now match it" : " now matches it";
    } else if (!applied.skipped_why.empty()) {
        message += "; the index was left alone: " + applied.skipped_why;
    }
    if (!applied.kept.empty()) {
        std::string names;
        for (const std::string& p : applied.kept) names += (names.empty() ? "" : ", ") + p;
        message += "; kept the work tree's " + names +
                   " as changed since (git diff shows the change against what was recorded)";
    }
    recovery.message = message;
    notice(recovery.message);
    return recovery;
}

}  // namespace journal

std::optional<Recovery> Repository::recover() {
    const RepositoryLock lock =
        RepositoryLock::acquire(journal::lock_path_of(impl_->repo.get()), impl_->where);
    return journal::recover_locked(*impl_, true);
}

bool Repository::has_interrupted_command() const {
    struct stat info {};
    return ::lstat(journal::path_of(impl_->repo.get()).c_str(), &info) == 0;
}

void Repository::Impl::recover_on_open() {
    // Nothing to do, the common case: two lstat calls. A lock left without a
    // journal (a command killed before it wrote one) is taken over and
    // released, so that it does not stand in the next command's way.
    struct stat info {};
    const bool has_journal = ::lstat(journal::path_of(repo.get()).c_str(), &info) == 0;
    if (!has_journal && ::lstat(journal::lock_path_of(repo.get()).c_str(), &info) != 0) return;
    // A live holder of the lock is the command the journal belongs to (or
    // one that will recover it first thing): leave it to that command.
    // Reading commands still work when recovery cannot (a read-only
    // repository, say): they say so and go on.
    try {
        const std::optional<RepositoryLock> lock =
            RepositoryLock::try_acquire(journal::lock_path_of(repo.get()), where);
        if (lock) journal::recover_locked(*this, false);
    } catch (const Error& e) {
        notice(std::string("could not finish an interrupted accord command in ") + where + ": " +
               e.what() + "; run 'accord recover'");
    }
}

}  // namespace accord
