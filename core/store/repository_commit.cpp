// Repository::commit_files: recording a proposal without losing anyone's.
//
// Two guards, because two kinds of writer share a repository:
// - accord processes serialise on .git/accord.lock (created with O_EXCL,
//   waited for a few seconds), so between reading the branch and updating the
//   index no other accord command can interleave; a request prepared against
//   an older commit (CommitRequest::parent) is refused inside the lock;
// - plain git knows nothing of that lock, so the branch itself moves by
//   compare-and-swap (git_reference_create_matching with the old id), and a
//   branch moved by someone else refuses the update instead of losing theirs.
// Both refusals say to retry and leave refs, index and work tree untouched.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "core/store/repository.hpp"
#include "core/store/repository_git.hpp"
#include "core/util/file.hpp"

namespace accord {

namespace {

constexpr auto kLockWait = std::chrono::seconds(5);
constexpr auto kPoll = std::chrono::milliseconds(10);

// .git/accord.lock, held for the lifetime of the object.
class CommitLock {
  public:
    CommitLock(std::string path, const std::string& where) : path_(std::move(path)) {
        const auto deadline = std::chrono::steady_clock::now() + kLockWait;
        for (;;) {
            const int fd = ::open(path_.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
            if (fd >= 0) {
                const std::string pid = std::to_string(::getpid()) + "\n";
                [[maybe_unused]] const auto written = ::write(fd, pid.data(), pid.size());
                ::close(fd);
                return;
            }
            if (errno != EEXIST) {
                throw failure("cannot create the lock file " + path_ + ": " + std::strerror(errno));
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                throw failure("another accord command is recording a proposal in " + where +
                              " (lock file " + path_ +
                              "); retry when it has finished, or delete the lock file if no "
                              "accord command is running");
            }
            std::this_thread::sleep_for(kPoll);
        }
    }
    CommitLock(const CommitLock&) = delete;
    CommitLock& operator=(const CommitLock&) = delete;
    ~CommitLock() { ::unlink(path_.c_str()); }

  private:
    std::string path_;
};

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

std::string retry_message(const std::string& branch, const std::string& where,
                          const std::string& detail) {
    return "could not record the proposal: branch '" + branch + "' in " + where + " " + detail +
           "; nothing was recorded. Retry the command (accord log shows what landed first)";
}

std::string short_id(const std::optional<git_oid>& id) {
    return id ? git::hex(*id).substr(0, 12) : std::string("(no commit)");
}

// Fills the stat fields of `entry` from the work tree file when it holds
// exactly `contents`, so that `git status` need not re-read it. Otherwise
// they stay zero, which git and libgit2 read as "compare the contents".
void fill_stat(git_index_entry& entry, const std::string& root, const std::string& path,
               const std::string& contents) {
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

}  // namespace

std::string Repository::commit_files(const CommitRequest& request) {
    git_repository* repo = impl_->repo.get();
    const std::string& where = impl_->where;
    std::set<std::string> seen;
    for (const auto& [path, contents] : request.files) {
        validate_path(path);
        if (!seen.insert(path).second) {
            throw usage_error("cannot record '" + path + "' twice in one proposal");
        }
    }
    const std::string branch = request.branch ? *request.branch : current_branch();
    // Only the branch HEAD names has its work tree and index kept in line.
    bool on_current = !request.branch;
    if (request.branch) {
        try {
            on_current = current_branch() == *request.branch;
        } catch (const Error&) {  // HEAD detached: not on any branch
            on_current = false;
        }
    }
    if (request.write_worktree && !on_current) {
        throw usage_error("cannot write the work tree for branch '" + branch +
                          "': it is not the current branch of " + where);
    }
    const std::string ref_name = "refs/heads/" + branch;
    const char* workdir_path = git_repository_workdir(repo);
    const std::string root = workdir_path ? workdir_path : "";
    if (request.write_worktree && root.empty()) workdir();  // throws: bare repository

    const CommitLock lock(std::string(git_repository_commondir(repo)) + "accord.lock", where);

    // The branch as it is now, and as the caller expects it.
    std::optional<git_oid> tip;
    {
        git_oid id;
        const int rc = git_reference_name_to_id(&id, repo, ref_name.c_str());
        if (rc == 0) tip = id;
        if (rc < 0 && rc != GIT_ENOTFOUND)
            git::fail("cannot read branch '" + branch + "' in " + where);
    }
    if (request.parent) {
        const git_oid expected = git::parse_id(*request.parent, "the proposal's parent commit");
        if (!tip || !git_oid_equal(&*tip, &expected)) {
            throw failure(retry_message(branch, where,
                                        "is now at " + short_id(tip) + ", not at " +
                                            request.parent->substr(0, 12) +
                                            " where this proposal was prepared"));
        }
    }

    // The new tree: the tip's tree plus the changes, in an in-memory index.
    git_index* raw_index = nullptr;
    git::check(git_index_new(&raw_index), "cannot create an in-memory index");
    const git::IndexPtr index(raw_index);
    git::CommitPtr tip_commit;
    git::TreePtr tip_tree;
    if (tip) {
        tip_commit = impl_->lookup_commit(git::hex(*tip));
        tip_tree = impl_->tree_of(tip_commit.get());
        if (git_index_read_tree(raw_index, tip_tree.get()) < 0) {
            git::fail("cannot read the tree of " + git::hex(*tip) + " in " + where);
        }
    }
    std::map<std::string, git_index_entry> staged;  // path -> entry (mode, blob id)
    for (const auto& [path, contents] : request.files) {
        const git_index_entry* existing = git_index_get_bypath(raw_index, path.c_str(), 0);
        if (!contents) {
            if (existing == nullptr) {
                throw usage_error("cannot delete '" + path + "': it is not in branch '" + branch +
                                  "' of " + where);
            }
            git::check(git_index_remove(raw_index, path.c_str(), 0),
                       "cannot remove an index entry");
            continue;
        }
        // A file may not replace a directory or sit below a file.
        for (std::size_t slash = path.find('/'); slash != std::string::npos;
             slash = path.find('/', slash + 1)) {
            if (git_index_get_bypath(raw_index, path.substr(0, slash).c_str(), 0) != nullptr) {
                throw usage_error("cannot record '" + path + "': '" + path.substr(0, slash) +
                                  "' is a file in branch '" + branch + "'");
            }
        }
        std::size_t at = 0;
        if (git_index_find_prefix(&at, raw_index, (path + "/").c_str()) == 0) {
            throw usage_error("cannot record '" + path + "': it is a directory in branch '" +
                              branch + "'");
        }
        if (existing != nullptr && existing->mode == GIT_FILEMODE_LINK) {
            throw usage_error("cannot record '" + path + "': it is a symbolic link in branch '" +
                              branch + "', and accord records only texts");
        }
        git_index_entry entry{};
        entry.mode = existing != nullptr ? existing->mode : std::uint32_t{GIT_FILEMODE_BLOB};
        entry.path = path.c_str();
        if (git_blob_create_from_buffer(&entry.id, repo, contents->data(), contents->size()) < 0) {
            git::fail("cannot store the contents of '" + path + "' in " + where);
        }
        if (git_index_add(raw_index, &entry) < 0) git::fail("cannot stage '" + path + "'");
        staged[path] = entry;
    }
    git_oid tree_id;
    if (git_index_write_tree_to(&tree_id, raw_index, repo) < 0) {
        git::fail("cannot write the new tree in " + where);
    }
    if (!request.allow_empty && request.merged.empty()) {
        const bool unchanged =
            tip_tree ? git_oid_equal(&tree_id, git_tree_id(tip_tree.get())) : request.files.empty();
        if (unchanged) {
            std::string names;
            for (const auto& file : request.files)
                names += (names.empty() ? "" : ", ") + file.first;
            throw usage_error("nothing to record in " + where + ": " +
                              (names.empty() ? std::string("no files given")
                                             : names + " unchanged since the last proposal"));
        }
    }

    // The commit.
    git_tree* raw_tree = nullptr;
    if (git_tree_lookup(&raw_tree, repo, &tree_id) < 0) git::fail("cannot read the new tree");
    const git::TreePtr tree(raw_tree);
    std::vector<git::CommitPtr> parents;
    if (tip_commit) parents.push_back(std::move(tip_commit));
    for (const std::string& merged : request.merged)
        parents.push_back(impl_->lookup_commit(merged));
    std::vector<const git_commit*> parent_pointers;
    for (const auto& parent : parents) parent_pointers.push_back(parent.get());
    const git::SignaturePtr author = git::to_git(request.author, "author");
    const git::SignaturePtr committer = git::to_git(request.committer, "committer");
    std::string message = request.message;
    if (message.empty() || message.back() != '\n') message += '\n';
    const git_oid commit_id =
        git::create_commit(repo, request.signer, author.get(), committer.get(), message, tree.get(),
                           parent_pointers, where);

    // Compare-and-swap the branch.
    const std::string summary = "accord: " + message.substr(0, message.find('\n'));
    git_reference* moved = nullptr;
    const int rc =
        git_reference_create_matching(&moved, repo, ref_name.c_str(), &commit_id, tip ? 1 : 0,
                                      tip ? &*tip : nullptr, summary.c_str());
    git::ReferencePtr owned_ref(moved);
    if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ELOCKED) {
        throw failure(retry_message(branch, where,
                                    "was moved by another command while this proposal was being "
                                    "recorded (" +
                                        git::last_message() + ")"));
    }
    if (rc < 0) git::fail("cannot move branch '" + branch + "' in " + where);
    const std::string id = git::hex(commit_id);

    // The work tree, if asked, then the index entries of the recorded paths.
    auto after = [&](const std::string& what) {
        return "recorded " + id.substr(0, 12) + " on branch '" + branch + "' in " + where +
               ", but " + what;
    };
    if (request.write_worktree) {
        for (const auto& [path, contents] : request.files) {
            if (contents) {
                WriteOptions where_to;
                where_to.within = root;
                where_to.create_directories = true;
                const std::string error = write_file_atomically(root + path, *contents, where_to);
                if (!error.empty()) throw failure(after("could not write " + error));
            } else if (const std::string error = remove_file_within(root, path); !error.empty()) {
                throw failure(after("could not delete " + error));
            }
        }
    }
    if (root.empty()) return id;  // a bare repository has no index to keep in line
    if (!on_current) return id;   // another branch's commit: not what the index holds
    git_index* raw_disk = nullptr;
    if (git_repository_index(&raw_disk, repo) < 0) git::fail(after("could not open the index"));
    const git::IndexPtr disk(raw_disk);
    if (git_index_read(raw_disk, 1) < 0) git::fail(after("could not read the index"));
    for (const auto& [path, contents] : request.files) {
        git_index_conflict_remove(raw_disk, path.c_str());  // no conflict there is fine
        if (!contents) {
            git_index_remove(raw_disk, path.c_str(), 0);  // not in the index is fine too
            continue;
        }
        git_index_entry entry = staged.at(path);
        entry.path = path.c_str();
        fill_stat(entry, root, path, *contents);
        if (git_index_add(raw_disk, &entry) < 0) git::fail(after("could not stage '" + path + "'"));
    }
    int written_rc = 0;
    for (int attempt = 0; attempt < 50; ++attempt) {
        written_rc = git_index_write(raw_disk);
        if (written_rc != GIT_ELOCKED) break;
        std::this_thread::sleep_for(kPoll * 10);
    }
    if (written_rc < 0) {
        git::fail(after("could not update the index (run 'git reset -q' to bring it in line)"));
    }
    return id;
}

}  // namespace accord
