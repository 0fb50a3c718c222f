#pragma once
// Private to core/store/repository*.cpp: the libgit2 handles and error
// helpers the repository layer shares. Nothing else may include this file:
// it brings in git2.h, which stays inside the repository layer.
#include "core/store/git_api.hpp"

#include <atomic>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/store/repository.hpp"
#include "core/util/errors.hpp"

namespace accord::git {

// Owning handles: each libgit2 object is freed by its own function, named
// by its member of the loaded table (core/store/git_api.hpp).
template <typename T, void (*Api::*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { (api().*Free)(p); }
};
template <typename T, void (*Api::*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

// While it lives, libgit2 may not allocate more than `bytes` at once on
// this thread: a read that would is refused (fails), and refused() says
// the largest allocation it refused. Every allocation libgit2 makes goes
// through the C library as before (ensure_initialised sets this up).
class ReadCeiling {
  public:
    explicit ReadCeiling(std::size_t bytes);
    ~ReadCeiling();
    ReadCeiling(const ReadCeiling&) = delete;
    ReadCeiling& operator=(const ReadCeiling&) = delete;
    std::size_t refused() const;
    // Whether libgit2 took the allocator that sets ceilings (it does
    // unless a libgit2 refuses GIT_OPT_SET_ALLOCATOR): if not, none holds.
    static bool holds();

  private:
    std::size_t previous_ceiling_, previous_refused_;
};

using RepositoryPtr = Handle<git_repository, &Api::git_repository_free>;
using ObjectPtr = Handle<git_object, &Api::git_object_free>;
using CommitPtr = Handle<git_commit, &Api::git_commit_free>;
using TreePtr = Handle<git_tree, &Api::git_tree_free>;
using TreeEntryPtr = Handle<git_tree_entry, &Api::git_tree_entry_free>;
using BlobPtr = Handle<git_blob, &Api::git_blob_free>;
using ReferencePtr = Handle<git_reference, &Api::git_reference_free>;
using IndexPtr = Handle<git_index, &Api::git_index_free>;
using ConfigPtr = Handle<git_config, &Api::git_config_free>;
using SignaturePtr = Handle<git_signature, &Api::git_signature_free>;
using RevwalkPtr = Handle<git_revwalk, &Api::git_revwalk_free>;
using OdbPtr = Handle<git_odb, &Api::git_odb_free>;
using OdbObjectPtr = Handle<git_odb_object, &Api::git_odb_object_free>;
using FilterListPtr = Handle<git_filter_list, &Api::git_filter_list_free>;

// A git_buf that frees itself.
struct Buffer {
    git_buf buf = GIT_BUF_INIT;
    Buffer() = default;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer() { git_buf_dispose(&buf); }
    std::string str() const { return buf.ptr ? std::string(buf.ptr, buf.size) : std::string(); }
};

// `bytes` of the work tree file `path` through git's built-in filters in
// `mode` (Repository::as_stored, as_checked_out say which and why); a bare
// repository has none.
std::string filtered(git_repository* repo, const std::string& path, std::string bytes,
                     git_filter_mode_t mode);

// git_libgit2_init once per process, git_libgit2_shutdown at exit.
void ensure_initialised();

// A new repository at `dir` (created if missing) whose HEAD is the unborn
// `initial_branch`, with libgit2's init `flags` besides MKPATH and
// NO_REINIT: an existing repository there is refused (usage error).
git_repository* init_repository(const std::string& dir, const std::string& initial_branch,
                                std::uint32_t flags = 0);

// A shallow clone was opened at `where`: libgit2 cannot walk its history
// past the oldest commit it holds, and fail() then says so.
void note_shallow_clone(const std::string& where);
// Remembers `repo` as a partial clone (git clone --filter: a remote with
// promisor = true), so that an object missing from it is said to be so.
void note_if_partial_clone(git_repository* repo, const std::string& where);

// libgit2's explanation of the last failure on this thread.
std::string last_message();

// Throw failure (exit 3) / usage error (exit 2): "<what>: <libgit2 message>".
// An object missing from a shallow clone (see note_shallow_clone) is said
// as such, with how to fetch the rest.
[[noreturn]] void fail(const std::string& what);
[[noreturn]] void fail_usage(const std::string& what);
inline void check(int rc, const char* what) {
    if (rc < 0) fail(what);
}

std::string hex(const git_oid& id);

// A file accord reads as a text: a blob that is not a symbolic link. A link's
// blob holds its target ("/etc/passwd"), which is not a text of the
// negotiation; a submodule is not a blob at all.
inline bool is_file_entry(const git_tree_entry* entry) {
    return git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
           git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK;
}
inline bool is_link_entry(const git_tree_entry* entry) {
    return git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK;
}
// A name a work tree can hold: not empty, ".", ".." or ".git" in any case.
// git refuses to check such a tree out, but a hostile commit can hold one,
// and a path "../secret.md" would name a file outside the work tree. Tree
// walks skip such an entry, and everything below it.
inline bool is_safe_entry_name(std::string_view n) {
    if (n.empty() || n.find('/') != std::string_view::npos ||
        n.find('\0') != std::string_view::npos)
        return false;
    if (n == "." || n == "..") return false;
    if (n.size() == 4 && n[0] == '.' && (n[1] | 0x20) == 'g' && (n[2] | 0x20) == 'i' &&
        (n[3] | 0x20) == 't')
        return false;
    return true;
}
inline bool is_safe_entry_name(const git_tree_entry* entry) {
    const char* name = git_tree_entry_name(entry);
    return name != nullptr && is_safe_entry_name(std::string_view(name));
}
// How many trees deep a commit's tree may nest: git's own limit
// (core.maxTreeDepth, 4096 by default since git 2.44). Every tree walk
// descends one call per level, and a hostile commit nesting 30,000
// directories overflowed the stack; a deeper tree is refused instead.
inline constexpr std::size_t kMaxTreeDepth = 4096;

// The failure (exit 3) for a tree nested deeper than kMaxTreeDepth: names
// `what` (the commit, "of commit X in REPO") and the path where the walk
// stopped (shortened), and says how to be rid of it.
[[noreturn]] void fail_too_deep(const std::string& what, std::string_view path);

// git_tree_walk in pre-order over `tree`, refusing (fail_too_deep, naming
// `what`) a tree nested deeper than kMaxTreeDepth before libgit2 descends
// into it. `callback` is libgit2's: return 1 to skip what lies below an
// entry, negative to stop; a stop or a failure of libgit2 is
// git::fail("cannot list the files " + what).
void walk_tree(const git_tree* tree, git_treewalk_cb callback, void* payload,
               const std::string& what);

// While one lives, libgit2 reads objects without hashing them again to
// check their ids, which nearly doubles the cost of reading a long history
// (git fsck is what checks objects). The option is process-wide and has no
// getter: holders are counted, and the check comes back when the last goes.
class UnverifiedReads {
  public:
    UnverifiedReads();
    ~UnverifiedReads();
    UnverifiedReads(const UnverifiedReads&) = delete;
    UnverifiedReads& operator=(const UnverifiedReads&) = delete;
};

// While one lives, libgit2 keeps no tree in its object cache. A history
// walk reads hundreds of thousands of trees once each (it keeps the last
// commit's at hand itself): stored in the cache, they were evicted again
// by the thousand, and the cache's hash table, full of their tombstones,
// was probed at length for every later object (a walk of 100,000 commits
// through 10,000 texts took a quarter more time). Lookups by path keep the
// cache otherwise. Process-wide and counted, as UnverifiedReads is.
class UncachedTrees {
  public:
    UncachedTrees();
    ~UncachedTrees();
    UncachedTrees(const UncachedTrees&) = delete;
    UncachedTrees& operator=(const UncachedTrees&) = delete;
};

// What a history walk reads with: neither checked again nor cached.
struct WalkReads {
    UnverifiedReads unverified;
    UncachedTrees uncached;
};

// A full 40-digit id; usage error naming `what` otherwise.
git_oid parse_id(const std::string& text, const std::string& what);

// A libgit2 signature as accord reads it: its time within the dates accord
// runs over (readable_time in core/util/date; a hostile commit dated INT64_MAX
// overflowed the day's calculation).
Signature from_git(const git_signature* signature);
SignaturePtr to_git(const Signature& signature, const char* role);

}  // namespace accord::git

namespace accord {

struct Repository::Impl {
    git::RepositoryPtr repo;
    std::string where;                  // the work tree (or git dir) for messages
    mutable bool unborn_noted = false;  // is_empty_branch said where the proposals are
    // Commits read whose author date lies outside 1970..9999, for the notes
    // that say so (ten named, then one line for the rest).
    mutable std::atomic<int> unreadable_dates{0};

    git::CommitPtr lookup_commit(const std::string& commit_id) const;
    git::TreePtr tree_of(const git_commit* commit) const;
    // The entry at `path` in the commit's tree, or null when there is none.
    git::TreeEntryPtr entry_at(const std::string& commit_id, const std::string& path) const;
    // The id of the entry at `path` in `tree` (blob or subtree), if any.
    std::optional<git_oid> entry_id(const git_tree* tree, const std::string& path) const;
    CommitInfo info(const git_commit* commit) const;
    // The value of `key` in the repository's configuration (all levels, as
    // git reads them), if set.
    std::optional<std::string> config_value(const std::string& key) const;
    // The blob `id`, read as a text: one larger than kMaxReadBytes (what
    // accord reads of a file) is refused before it is read, naming `what`
    // (a hostile repository's history may hold a blob of gigabytes).
    git::BlobPtr text_blob(const git_oid& id, const std::string& what) const;
    // The repository's object database (opened on first use), for reads
    // that need no parsed object and no place in libgit2's object cache.
    git_odb* object_database() const;
    mutable git::OdbPtr odb;  // made by object_database on first use
    // Finishes a command killed while it moved a branch, if one was and no
    // running accord command holds the lock (core/store/repository_journal).
    void recover_on_open();
    // Visits the commits reachable from `from_commit`, newest first
    // (topological, ties by commit time), as `git log` lists them, until
    // `visit` returns false.
    void walk_commits(const std::string& from_commit, Walk walk,
                      const std::function<bool(const git_commit*)>& visit) const;
};

}  // namespace accord
