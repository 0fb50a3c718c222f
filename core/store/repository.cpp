#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>

#include <sys/stat.h>
#include <unistd.h>

#include "core/store/cache.hpp"
#include "core/store/pack_reader.hpp"
#include "core/store/repository.hpp"
#include "core/store/repository_git.hpp"
#include "core/util/date.hpp"
#include "core/util/file.hpp"
#include "core/util/notice.hpp"
#include "core/util/terminal.hpp"

namespace accord {

namespace git {

namespace {

// The largest tree libgit2 keeps in its object cache (see ensure_initialised).
constexpr std::size_t kCachedTreeLimit = std::size_t{4} << 20;

// libgit2's memory comes from the C library, through these functions, so
// that a read can be given a ceiling (ReadCeiling): past it an allocation
// on that thread fails, and libgit2 reports the read as failed.
bool ceilings_hold = false;  // the allocator below is libgit2's (set once, before any thread)
thread_local std::size_t allocation_ceiling = SIZE_MAX;
thread_local std::size_t refused_allocation = 0;

bool within_ceiling(std::size_t bytes) {
    if (bytes <= allocation_ceiling) return true;
    refused_allocation = std::max(refused_allocation, bytes);
    return false;
}
void* ceiling_malloc(std::size_t n, const char*, int) {
    return within_ceiling(n) ? std::malloc(n) : nullptr;
}
void* ceiling_calloc(std::size_t count, std::size_t size, const char*, int) {
    std::size_t bytes = 0;
    if (__builtin_mul_overflow(count, size, &bytes) || !within_ceiling(bytes)) return nullptr;
    return std::calloc(count, size);
}
char* ceiling_strdup(const char* text, const char*, int) {
    return ::strdup(text);
}
char* ceiling_strndup(const char* text, std::size_t n, const char*, int) {
    return ::strndup(text, n);
}
char* ceiling_substrdup(const char* text, std::size_t n, const char*, int) {
    if (n == SIZE_MAX || !within_ceiling(n + 1)) return nullptr;
    auto* out = static_cast<char*>(std::malloc(n + 1));
    if (out == nullptr) return nullptr;
    std::memcpy(out, text, n);
    out[n] = '\0';
    return out;
}
void* ceiling_realloc(void* p, std::size_t n, const char*, int) {
    return within_ceiling(n) ? std::realloc(p, n) : nullptr;
}
void* ceiling_reallocarray(void* p, std::size_t count, std::size_t size, const char*, int) {
    std::size_t bytes = 0;
    if (__builtin_mul_overflow(count, size, &bytes) || !within_ceiling(bytes)) return nullptr;
    return std::realloc(p, bytes);
}
void* ceiling_mallocarray(std::size_t count, std::size_t size, const char*, int) {
    std::size_t bytes = 0;
    if (__builtin_mul_overflow(count, size, &bytes) || !within_ceiling(bytes)) return nullptr;
    return std::malloc(bytes);
}
void ceiling_free(void* p) {
    std::free(p);
}

}  // namespace

bool ReadCeiling::holds() {
    ensure_initialised();
    return ceilings_hold;
}

ReadCeiling::ReadCeiling(std::size_t bytes)
    : previous_ceiling_(allocation_ceiling), previous_refused_(refused_allocation) {
    allocation_ceiling = bytes;
    refused_allocation = 0;
}
ReadCeiling::~ReadCeiling() {
    allocation_ceiling = previous_ceiling_;
    refused_allocation = previous_refused_;
}
std::size_t ReadCeiling::refused() const {
    return refused_allocation;
}

void ensure_initialised() {
    struct Library {
        Library() {
            // Before init, which keeps an allocator set before it.
            git_allocator allocator{ceiling_malloc,       ceiling_calloc,      ceiling_strdup,
                                    ceiling_strndup,      ceiling_substrdup,   ceiling_realloc,
                                    ceiling_reallocarray, ceiling_mallocarray, ceiling_free};
            ceilings_hold = git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, &allocator) == 0;
            git_libgit2_init();
            // Memory that stays bounded on long histories: libgit2 would map
            // packs in windows of 1 GiB up to 8 GiB and keep 256 MiB of
            // objects; a walk over 100,000 commits touches all of them. A
            // walk reads each commit and tree once or twice in a row (as a
            // commit, then as the parent of the one before), so a small
            // cache serves it; what it keeps stays for the whole command,
            // beside the texts that command then attributes. The windows
            // are small, so that the walk (commits, trees) and the threads
            // reading versions (blobs, and their delta bases anywhere in
            // the pack) each keep theirs mapped: with two windows of 32 MiB,
            // a log of 100,000 proposals unmapped and mapped them again all
            // along (a fifth of its time in the kernel).
            git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, std::size_t{4} << 20);
            git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, std::size_t{64} << 20);
            git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, std::ptrdiff_t{16} << 20);
            // Trees of any size are cached: libgit2 keeps none over 4 KiB by
            // default, and a directory of 3,000 texts (a 100 KiB tree) was
            // read and inflated again for each of its texts looked up by
            // path (diff, compile, who: time growing with the square).
            git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, kCachedTreeLimit);
            // No commit is cached: a walk reads each commit once (as the
            // parent of the one before, kept at hand), and caching tens of
            // thousands of them only grew the heap (a fifth more page
            // faults, and time, for a walk of 10,000 commits).
            git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, std::size_t{0});
        }
        ~Library() { git_libgit2_shutdown(); }
    };
    static const Library library;
}

std::string last_message() {
    const git_error* error = git_error_last();
    if (error == nullptr || error->message == nullptr) return "unknown libgit2 error";
    std::string message = error->message;
    while (!message.empty() && (message.back() == '\n' || message.back() == '.'))
        message.pop_back();
    return message;
}

namespace {

// The shallow clone opened in this process, if any: libgit2 does not walk a
// shallow history, and its "object not found" should say why.
std::string& shallow_clone() {
    static std::string where;
    return where;
}

bool missing_object() {
    const git_error* error = git_error_last();
    return error != nullptr && error->klass == GIT_ERROR_ODB && error->message != nullptr &&
           (std::string_view(error->message).find("not found") != std::string_view::npos ||
            std::string_view(error->message).find("no match") != std::string_view::npos);
}

}  // namespace

void note_shallow_clone(const std::string& where) {
    shallow_clone() = where;
}

namespace {

// The partial clone opened in this process, if any, and its remote: git
// fetches what such a clone lacks on demand; libgit2 cannot.
std::pair<std::string, std::string>& partial_clone() {
    static std::pair<std::string, std::string> where_and_remote;
    return where_and_remote;
}

}  // namespace

void note_if_partial_clone(git_repository* repo, const std::string& where) {
    git_config* raw = nullptr;
    if (git_repository_config_snapshot(&raw, repo) < 0) return;
    const ConfigPtr config(raw);
    git_config_iterator* iterator = nullptr;
    if (git_config_iterator_glob_new(&iterator, config.get(), "^remote\\..*\\.promisor$") < 0)
        return;
    git_config_entry* entry = nullptr;
    while (git_config_next(&entry, iterator) == 0) {
        int yes = 0;
        if (git_config_parse_bool(&yes, entry->value) == 0 && yes) {
            std::string name = entry->name;  // remote.NAME.promisor
            name = name.substr(7, name.size() - 7 - 9);
            partial_clone() = {where, name};
            break;
        }
    }
    git_config_iterator_free(iterator);
}

void fail(const std::string& what) {
    if (!partial_clone().first.empty() && missing_object()) {
        const auto& [where, remote] = partial_clone();
        throw failure(what + ": " + where +
                      " is a partial clone (made with git clone --filter): git fetches the file "
                      "versions it lacks when it needs them, which accord cannot do, and accord "
                      "reads the history of the texts. Fetch them once: 'git config --unset "
                      "remote." +
                      remote + ".partialclonefilter' then 'git fetch --refetch " + remote +
                      "' (or clone again without --filter)");
    }
    if (!shallow_clone().empty() && missing_object()) {
        throw failure(what + ": " + shallow_clone() +
                      " is a shallow clone (made with git clone --depth): the history before its "
                      "oldest commit is missing, and accord reads the history of the texts. Run "
                      "'git fetch --unshallow' to fetch the rest, then run the command again");
    }
    if (missing_object())
        throw failure(what + ": " + last_message() + cache_suspect_note("its id"));
    throw failure(what + ": " + last_message());
}
void fail_usage(const std::string& what) {
    throw usage_error(what + ": " + last_message());
}

std::string hex(const git_oid& id) {
    char buffer[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buffer, sizeof buffer, &id);
    return buffer;
}

void fail_too_deep(const std::string& what, std::string_view path) {
    std::string shown(path);
    if (shown.size() > 80) shown = shown.substr(0, 40) + "..." + shown.substr(shown.size() - 30);
    throw failure("the tree " + what + " nests directories more than " +
                  std::to_string(kMaxTreeDepth) + " deep (at '" + escape_controls(shown) +
                  "'), deeper than git itself reads (core.maxTreeDepth): no work tree can hold "
                  "it. Remove that directory in a new commit (git rm -r), or rewrite the history "
                  "that holds it");
}

void walk_tree(const git_tree* tree, git_treewalk_cb callback, void* payload,
               const std::string& what) {
    struct Walk {
        git_treewalk_cb callback;
        void* payload;
        std::optional<std::string> too_deep;  // where the walk stopped
    } walk{callback, payload, std::nullopt};
    // `root` ends in '/' once per tree above the entry: a tree entry at
    // depth kMaxTreeDepth would be one more.
    auto capped = [](const char* root, const git_tree_entry* entry, void* data) -> int {
        Walk& w = *static_cast<Walk*>(data);
        if (git_tree_entry_type(entry) == GIT_OBJECT_TREE &&
            static_cast<std::size_t>(std::count(root, root + std::strlen(root), '/')) + 1 >
                kMaxTreeDepth) {
            w.too_deep = std::string(root) + git_tree_entry_name(entry);
            return -1;
        }
        return w.callback(root, entry, w.payload);
    };
    const int rc = git_tree_walk(tree, GIT_TREEWALK_PRE, capped, &walk);
    if (walk.too_deep) fail_too_deep(what, *walk.too_deep);
    if (rc < 0) fail("cannot list the files " + what);
}

git_oid parse_id(const std::string& text, const std::string& what) {
    git_oid id;
    if (text.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, text.c_str()) < 0) {
        throw usage_error(what + ": '" + text + "' is not a full object id" +
                          cache_suspect_note("it"));
    }
    return id;
}

Signature from_git(const git_signature* signature) {
    const auto time = static_cast<std::int64_t>(signature->when.time);
    const std::int64_t readable = readable_time(time);
    // A time brought in is read in UTC, as note_unreadable_date says.
    return {signature->name ? signature->name : "", signature->email ? signature->email : "",
            readable, readable == time ? signature->when.offset : 0};
}

SignaturePtr to_git(const Signature& signature, const char* role) {
    git_signature* out = nullptr;
    if (git_signature_new(&out, signature.name.c_str(), signature.email.c_str(),
                          static_cast<git_time_t>(signature.time), signature.offset_minutes) < 0) {
        fail_usage(std::string("invalid ") + role + " '" + signature.name + " <" + signature.email +
                   ">'");
    }
    return SignaturePtr(out);
}

}  // namespace git

// ---------------------------------------------------------------- Impl

git::CommitPtr Repository::Impl::lookup_commit(const std::string& commit_id) const {
    git_oid id;
    if (commit_id.size() == GIT_OID_HEXSZ && git_oid_fromstr(&id, commit_id.c_str()) == 0) {
        git_commit* commit = nullptr;
        if (git_commit_lookup(&commit, repo.get(), &id) < 0) {
            git::fail("cannot read commit " + commit_id + " in " + where);
        }
        return git::CommitPtr(commit);
    }
    // Not a full id: accept any revision, so callers may pass "HEAD".
    git_object* object = nullptr;
    if (git_revparse_single(&object, repo.get(), commit_id.c_str()) < 0) {
        git::fail_usage("unknown revision '" + commit_id + "' in " + where);
    }
    git::ObjectPtr owned(object);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) < 0) {
        git::fail_usage("revision '" + commit_id + "' in " + where + " is not a commit");
    }
    return git::CommitPtr(reinterpret_cast<git_commit*>(peeled));
}

git::TreePtr Repository::Impl::tree_of(const git_commit* commit) const {
    git_tree* tree = nullptr;
    if (git_commit_tree(&tree, commit) < 0) {
        git::fail("cannot read the tree of commit " + git::hex(*git_commit_id(commit)) + " in " +
                  where);
    }
    return git::TreePtr(tree);
}

std::optional<git_oid> Repository::Impl::entry_id(const git_tree* tree,
                                                  const std::string& path) const {
    if (path.empty()) return *git_tree_id(tree);
    git_tree_entry* entry = nullptr;
    const int rc = git_tree_entry_bypath(&entry, tree, path.c_str());
    if (rc == GIT_ENOTFOUND) return std::nullopt;
    if (rc < 0) git::fail("cannot look up '" + path + "' in " + where);
    git::TreeEntryPtr owned(entry);
    return *git_tree_entry_id(entry);
}

namespace {

// Says once that a commit's author date lies outside the dates accord runs
// over, and what it is read as (from_git brings it in): the proposal's
// date is shown, and ordered, as that. Ten such commits are named (`said`
// counts them), then one line for the rest: a hostile history of many is
// not a note per commit.
void note_unreadable_date(const std::string& id, const git_signature* author,
                          const std::string& where, std::atomic<int>& said) {
    const auto time = static_cast<std::int64_t>(author->when.time);
    if (time == readable_time(time)) return;
    const int n = said.fetch_add(1);
    if (n == 10)
        notice("more commits in " + where +
               " have author dates outside 1970-01-01 to 9999-12-31: each is read as the "
               "nearest of those dates");
    if (n >= 10) return;
    notice("commit " + id + " in " + where + " has the author date " + std::to_string(time) +
           " (seconds since 1970), outside the dates accord reads (1970-01-01 to 9999-12-31): "
           "it is read as " +
           format_iso_timestamp(readable_time(time), 0));
}

}  // namespace

CommitInfo Repository::Impl::info(const git_commit* commit) const {
    CommitInfo info;
    info.id = git::hex(*git_commit_id(commit));
    const unsigned count = git_commit_parentcount(commit);
    for (unsigned i = 0; i < count; ++i)
        info.parents.push_back(git::hex(*git_commit_parent_id(commit, i)));
    info.author = git::from_git(git_commit_author(commit));
    info.committer = git::from_git(git_commit_committer(commit));
    note_unreadable_date(info.id, git_commit_author(commit), where, unreadable_dates);
    const char* message = git_commit_message(commit);
    info.message = message ? message : "";
    return info;
}

// The order is libgit2's topological one with ties by commit time, and it
// starts streaming at once: a commit with one parent (every commit, on the
// mainline) is the only commit left to list once its children are listed,
// so the commits down to the first merge come first, one by one, as their
// parents are read. From a merge on, the rest is exactly a walk from that
// merge, which libgit2 sorts (reading everything below it first).
void Repository::Impl::walk_commits(const std::string& from_commit, Walk walk,
                                    const std::function<bool(const git_commit*)>& visit) const {
    git::CommitPtr start = lookup_commit(from_commit);
    while (walk == Walk::first_parent || git_commit_parentcount(start.get()) <= 1) {
        if (!visit(start.get())) return;
        if (git_commit_parentcount(start.get()) == 0) return;
        git_commit* parent = nullptr;
        if (git_commit_parent(&parent, start.get(), 0) < 0) {
            git::fail("cannot read the parent of " + git::hex(*git_commit_id(start.get())) +
                      " in " + where);
        }
        start.reset(parent);
    }
    git_revwalk* raw_walk = nullptr;
    if (git_revwalk_new(&raw_walk, repo.get()) < 0)
        git::fail("cannot walk the history of " + where);
    git::RevwalkPtr walker(raw_walk);
    git_revwalk_sorting(raw_walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    if (walk == Walk::first_parent) git_revwalk_simplify_first_parent(raw_walk);
    if (git_revwalk_push(raw_walk, git_commit_id(start.get())) < 0) {
        git::fail("cannot walk the history from " + from_commit + " in " + where);
    }
    git_oid id;
    int rc = 0;
    while ((rc = git_revwalk_next(&id, raw_walk)) == 0) {
        git_commit* raw_commit = nullptr;
        if (git_commit_lookup(&raw_commit, repo.get(), &id) < 0) {
            git::fail("cannot read commit " + git::hex(id) + " in " + where);
        }
        const git::CommitPtr commit(raw_commit);
        if (!visit(raw_commit)) return;
    }
    if (rc != GIT_ITEROVER) git::fail("cannot walk the history of " + where);
}

// ---------------------------------------------------------------- Repository

Repository::Repository(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

namespace {

// The nearest directory at or above `path` holding a `.git` owned by
// another user than this process's: libgit2 (as git) refuses to open such
// a repository, and says only that it found none.
std::optional<std::string> foreign_repository_above(const std::string& path) {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::absolute(path, ec).lexically_normal();
    if (ec) return std::nullopt;
    if (!dir.has_filename()) dir = dir.parent_path();  // "/a/b/" is "/a/b"
    for (int depth = 0; depth < 256; ++depth, dir = dir.parent_path()) {
        struct stat info {};
        if (::lstat((dir / ".git").c_str(), &info) == 0) {
            if (info.st_uid != ::geteuid()) return dir.string();
            return std::nullopt;
        }
        if (dir == dir.parent_path()) break;
    }
    return std::nullopt;
}

std::string describe(git_repository* repo) {
    const char* workdir = git_repository_workdir(repo);
    std::string where = workdir ? workdir : git_repository_path(repo);
    if (where.size() > 1 && where.back() == '/') where.pop_back();
    return where;
}

// A repository copied as files (a tarball, a shared disk) can bring a
// damaged pack index, which libgit2 1.5 reads past its end: refused when
// the repository is opened, before libgit2 reads an object, as git refuses
// it, naming the file and how to write it again.
void refuse_damaged_pack_index(git_repository* repo, const std::string& where) {
    std::string objects = git_repository_commondir(repo);
    if (!objects.empty() && objects.back() != '/') objects += '/';
    const std::optional<git::DamagedIndex> damaged = git::damaged_pack_index(objects + "objects");
    if (!damaged) return;
    const std::string pack = damaged->path.substr(0, damaged->path.size() - 4) + ".pack";
    throw failure("the pack index " + damaged->path + " of " + where + " is damaged (" +
                  damaged->problem +
                  "), and git refuses it too; nothing was read. Write it again from its pack "
                  "with 'git index-pack " +
                  pack + "', or clone the repository again");
}

}  // namespace

Repository Repository::open(const std::string& path_inside) {
    git::ensure_initialised();
    std::error_code ec;
    if (!std::filesystem::exists(path_inside, ec)) {
        throw usage_error("cannot open a repository at '" + path_inside +
                          "': no such file or directory");
    }
    git_repository* repo = nullptr;
    const int rc = git_repository_open_ext(&repo, path_inside.c_str(), 0, nullptr);
    if (rc == GIT_ENOTFOUND || rc == GIT_EOWNER) {
        if (const std::optional<std::string> foreign = foreign_repository_above(path_inside)) {
            throw usage_error("the git repository at '" + *foreign +
                              "' belongs to another user, and is not opened (as git does "
                              "not): if you trust it, run git config --global --add "
                              "safe.directory '" +
                              *foreign + "'");
        }
        throw usage_error("'" + path_inside +
                          "' is not inside a git repository; create one with 'accord init'");
    }
    if (rc < 0) git::fail("cannot open the repository containing '" + path_inside + "'");
    auto impl = std::make_unique<Impl>();
    impl->repo.reset(repo);
    impl->where = describe(repo);
    if (git_repository_is_shallow(repo) == 1) git::note_shallow_clone(impl->where);
    git::note_if_partial_clone(repo, impl->where);
    refuse_damaged_pack_index(repo, impl->where);
    impl->recover_on_open();
    return Repository(std::move(impl));
}

git_repository* git::init_repository(const std::string& dir, const std::string& initial_branch,
                                     std::uint32_t flags) {
    ensure_initialised();
    // The init function rather than the _INIT macro: clang flags the macro's
    // partial initializer (-Wmissing-field-initializers).
    git_repository_init_options options;
    git_repository_init_options_init(&options, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
    options.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT | flags;
    options.initial_head = initial_branch.c_str();
    git_repository* repo = nullptr;
    const int rc = git_repository_init_ext(&repo, dir.c_str(), &options);
    if (rc == GIT_EEXISTS) fail_usage("cannot create a repository at '" + dir + "'");
    if (rc < 0) fail("cannot create a repository at '" + dir + "'");
    return repo;
}

Repository Repository::init(const std::string& dir, const std::string& initial_branch) {
    git_repository* repo = git::init_repository(dir, initial_branch);
    auto impl = std::make_unique<Impl>();
    impl->repo.reset(repo);
    impl->where = describe(repo);
    return Repository(std::move(impl));
}

std::string Repository::workdir() const {
    const char* workdir = git_repository_workdir(impl_->repo.get());
    if (workdir == nullptr) {
        throw usage_error("the repository at " + impl_->where +
                          " is bare; accord needs one with a work tree");
    }
    return workdir;
}

std::string Repository::git_dir() const {
    return git_repository_path(impl_->repo.get());
}

bool Repository::is_empty_branch() const {
    const int rc = git_repository_head_unborn(impl_->repo.get());
    if (rc < 0) git::fail("cannot read HEAD in " + impl_->where);
    if (rc == 1 && !impl_->unborn_noted) {
        // Proposals on other branches while HEAD is on one without commits (a
        // branch deleted, a mistyped symbolic-ref): "no proposals" alone would mislead.
        impl_->unborn_noted = true;
        const std::vector<std::string> others = branches();
        if (!others.empty()) {
            std::string list;
            for (std::size_t k = 0; k < others.size() && k < 5; ++k)
                list += (k ? ", " : "") + others[k];
            if (others.size() > 5) list += ", ...";
            notice("HEAD is on branch '" + current_branch() +
                   "', which has no commits yet; the proposals are on " + list + " ('git switch " +
                   others.front() + "' to go back)");
        }
    }
    return rc == 1;
}

std::string Repository::current_branch() const {
    git_reference* head = nullptr;
    if (git_reference_lookup(&head, impl_->repo.get(), "HEAD") < 0) {
        git::fail("cannot read HEAD in " + impl_->where);
    }
    git::ReferencePtr owned(head);
    if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
        throw usage_error("HEAD is detached in " + impl_->where +
                          "; check out a branch first (git switch main)");
    }
    const std::string target = git_reference_symbolic_target(head);
    const std::string prefix = "refs/heads/";
    if (target.rfind(prefix, 0) != 0) {
        throw usage_error("HEAD in " + impl_->where + " points at '" + target +
                          "', which is not a branch");
    }
    return target.substr(prefix.size());
}

std::optional<std::string> Repository::head() const {
    git_oid id;
    const int rc = git_reference_name_to_id(&id, impl_->repo.get(), "HEAD");
    if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) return std::nullopt;
    if (rc < 0) git::fail("cannot read HEAD in " + impl_->where);
    return git::hex(id);
}

std::string Repository::relative_path(const std::string& path) const {
    namespace fs = std::filesystem;
    std::string root_text = workdir();
    while (root_text.size() > 1 && root_text.back() == '/') root_text.pop_back();
    // Links inside the work tree are not resolved: a tracked link `pw.md`
    // is the path pw.md (which the caller may refuse), not its target. Only
    // the way to the work tree is resolved (a current directory reached
    // through /tmp -> /private/tmp), by canonical directories.
    auto below = [](const fs::path& target, const fs::path& root) {
        const fs::path relative = target.lexically_relative(root);
        const std::string text = relative.generic_string();
        const bool outside = relative.empty() || text == ".." || text.rfind("../", 0) == 0;
        return outside ? std::optional<fs::path>() : std::optional<fs::path>(relative);
    };
    std::optional<fs::path> found;
    try {
        const fs::path absolute = fs::absolute(fs::path(path)).lexically_normal();
        const fs::path root = fs::path(root_text);
        const fs::path canonical_root = fs::weakly_canonical(root);
        found = below(absolute, root);
        if (!found) found = below(absolute, canonical_root);
        if (!found && absolute.has_filename()) {
            found = below(fs::weakly_canonical(absolute.parent_path()) / absolute.filename(),
                          canonical_root);
        }
        if (!found) found = below(fs::weakly_canonical(absolute), canonical_root);
    } catch (const fs::filesystem_error& e) {
        throw failure("cannot resolve the path '" + path + "': " + e.code().message());
    }
    const fs::path relative = found.value_or(fs::path());
    std::string text = relative.generic_string();
    while (text.size() > 1 && text.back() == '/') text.pop_back();
    if (relative.empty() || text == ".." || text.rfind("../", 0) == 0) {
        throw usage_error("'" + path + "' is outside the repository at " + impl_->where);
    }
    if (text == ".") return "";
    if (text == ".git" || text.rfind(".git/", 0) == 0) {
        throw usage_error("'" + path + "' is inside .git of the repository at " + impl_->where +
                          "; name a file of the work tree");
    }
    return text;
}

std::string Repository::resolve(const std::string& rev) const {
    if (rev.empty()) throw usage_error("unknown revision '': give a revision, a date or a meeting");
    git_object* object = nullptr;
    const int rc = git_revparse_single(&object, impl_->repo.get(), rev.c_str());
    if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC || rc == GIT_EAMBIGUOUS) {
        std::string message = std::string(rc == GIT_EAMBIGUOUS ? "ambiguous" : "unknown") +
                              " revision '" + rev + "' in " + impl_->where;
        if (rc != GIT_EAMBIGUOUS && is_empty_branch()) {
            message += ": branch '" + current_branch() + "' has no commits yet";
        } else {
            message += ": " + git::last_message();
        }
        throw usage_error(message);
    }
    if (rc < 0) git::fail("cannot resolve revision '" + rev + "' in " + impl_->where);
    git::ObjectPtr owned(object);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) < 0) {
        git::fail_usage("revision '" + rev + "' in " + impl_->where + " does not name a commit");
    }
    git::ObjectPtr commit(peeled);
    return git::hex(*git_object_id(peeled));
}

CommitInfo Repository::commit(const std::string& commit_id) const {
    return impl_->info(impl_->lookup_commit(commit_id).get());
}

git::TreeEntryPtr Repository::Impl::entry_at(const std::string& commit_id,
                                             const std::string& path) const {
    const git::TreePtr tree = tree_of(lookup_commit(commit_id).get());
    git_tree_entry* entry = nullptr;
    const int rc = git_tree_entry_bypath(&entry, tree.get(), path.c_str());
    if (rc == GIT_ENOTFOUND) return nullptr;
    if (rc < 0) git::fail("cannot look up '" + path + "' at " + commit_id + " in " + where);
    return git::TreeEntryPtr(entry);
}

std::optional<std::string> Repository::blob_id_at(const std::string& commit_id,
                                                  const std::string& path) const {
    if (path.empty()) return std::nullopt;
    const git::TreeEntryPtr entry = impl_->entry_at(commit_id, path);
    if (!entry || !git::is_file_entry(entry.get())) return std::nullopt;
    return git::hex(*git_tree_entry_id(entry.get()));
}

Repository::EntryKind Repository::entry_kind_at(const std::string& commit_id,
                                                const std::string& path) const {
    if (path.empty()) return EntryKind::directory;
    const git::TreeEntryPtr entry = impl_->entry_at(commit_id, path);
    if (!entry) return EntryKind::absent;
    if (git::is_file_entry(entry.get())) return EntryKind::file;
    if (git::is_link_entry(entry.get())) return EntryKind::link;
    if (git_tree_entry_type(entry.get()) == GIT_OBJECT_TREE) return EntryKind::directory;
    return EntryKind::other;
}

git_odb* Repository::Impl::object_database() const {
    if (!odb) {
        git_odb* raw = nullptr;
        if (git_repository_odb(&raw, repo.get()) < 0)
            git::fail("cannot open the object database of " + where);
        odb.reset(raw);
    }
    return odb.get();
}

// A blob larger than any text is refused before it is read: libgit2 makes
// an object's buffer whole, at the size its header (or its last delta's)
// declares, and the ceiling refuses that buffer, so a blob of gigabytes
// packed in a megabyte is never inflated. (Asking for the size first, with
// git_odb_read_header, cost as much as the read itself: a zlib stream set up
// for each delta of the chain.)
git::BlobPtr Repository::Impl::text_blob(const git_oid& id, const std::string& what) const {
    const auto too_large = [&](std::size_t size) {
        return usage_error(
            what + " is " + std::to_string(size >> 20) +
            " MiB, larger than the 128 MiB accord reads as a text; a negotiated text is "
            "never that large (remove the file from the history, or read it with git)");
    };
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    // A libgit2 that would not take the allocator: its size asked first.
    if (!git::ReadCeiling::holds() &&
        git_odb_read_header(&size, &type, object_database(), &id) == 0 && size > kMaxReadBytes)
        throw too_large(size);
    git_blob* blob = nullptr;
    {
        const git::ReadCeiling ceiling(kMaxReadBytes + 1);  // the text and its closing NUL
        if (git_blob_lookup(&blob, repo.get(), &id) < 0) {
            if (ceiling.refused() > 0) throw too_large(ceiling.refused() - 1);
            git::fail("cannot read " + what);
        }
    }
    git::BlobPtr owned(blob);
    size = static_cast<std::size_t>(git_blob_rawsize(blob));
    if (size > kMaxReadBytes) throw too_large(size);
    return owned;
}

std::optional<std::string> Repository::read_file_at(const std::string& commit_id,
                                                    const std::string& path) const {
    const std::optional<std::string> blob_id = blob_id_at(commit_id, path);
    if (!blob_id) return std::nullopt;
    return read_file_blob(*blob_id, path, commit_id);
}

std::string Repository::read_file_blob(const std::string& blob_id, const std::string& path,
                                       const std::string& commit_id) const {
    const git_oid id = git::parse_id(blob_id, "blob");
    const git::BlobPtr owned =
        impl_->text_blob(id, "'" + path + "' at " + commit_id + " in " + impl_->where);
    const git_blob* blob = owned.get();
    const auto* data = static_cast<const char*>(git_blob_rawcontent(blob));
    return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob)));
}

namespace git {

namespace {
// A libgit2 setting that holds while any holder lives: the first holder sets
// it, the last puts back accord's default.
class CountedSetting {
  public:
    explicit CountedSetting(std::function<void(bool held)> apply) : apply_(std::move(apply)) {}
    void hold() {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (holders_++ == 0) apply_(true);
    }
    void release() {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (--holders_ == 0) apply_(false);
    }

  private:
    std::function<void(bool held)> apply_;
    std::mutex mutex_;
    int holders_ = 0;  // guarded by mutex_
};

// Accord leaves the check at libgit2's default (on) everywhere else.
CountedSetting unverified([](bool held) {
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, held ? 0 : 1);
});
CountedSetting uncached_trees([](bool held) {
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
                     held ? std::size_t{0} : kCachedTreeLimit);
});
}  // namespace

UnverifiedReads::UnverifiedReads() {
    unverified.hold();
}
UnverifiedReads::~UnverifiedReads() {
    unverified.release();
}
UncachedTrees::UncachedTrees() {
    uncached_trees.hold();
}
UncachedTrees::~UncachedTrees() {
    uncached_trees.release();
}

}  // namespace git

using Unverified = git::UnverifiedReads;

namespace {

// The same walk, visiting only the commits whose `key_of` (what they hold
// at some paths) differs by `same` from their first parent's; a root commit
// is compared with `absent`, the key of a commit that holds none of them.
// The walk usually visits a commit's first parent next, so the parent's key
// is kept for it and each tree is read once.
template <typename Key, typename KeyOf, typename Same, typename Visit>
void walk_changes(const Repository::Impl& impl, const std::string& from_commit, Walk walk,
                  const Key& absent, KeyOf key_of, Same same, Visit visit) {
    std::optional<git_oid> cached_id;
    Key cached = absent;
    impl.walk_commits(from_commit, walk, [&](const git_commit* commit) {
        const git_oid* id = git_commit_id(commit);
        const Key mine = cached_id && git_oid_equal(&*cached_id, id) ? cached : key_of(commit);
        Key parent_key = absent;
        cached_id.reset();
        if (git_commit_parentcount(commit) > 0) {
            git_commit* parent = nullptr;
            if (git_commit_parent(&parent, commit, 0) < 0) {
                git::fail("cannot read the parent of " + git::hex(*id) + " in " + impl.where);
            }
            const git::CommitPtr owned(parent);
            parent_key = key_of(parent);
            cached_id = *git_commit_id(parent);
            cached = parent_key;
        }
        if (!same(mine, parent_key)) visit(commit, mine);
        return true;
    });
}

}  // namespace

std::vector<Repository::FileCommit> Repository::file_commits(
    const std::string& from_commit, const std::string& path,
    const std::function<void(const FileCommit&)>& found) const {
    const Unverified unverified;
    std::vector<FileCommit> out;
    if (path.empty()) {  // the work tree itself: history's entry is the root tree, no blob
        for (CommitInfo& commit : history(from_commit, {path})) {
            out.push_back({std::move(commit), std::nullopt});
            if (found) found(out.back());
        }
        return out;
    }
    // history's walk for one path, keeping the entry it finds in each commit
    // so that the blob id needs no second lookup.
    struct Entry {
        git_oid id;
        bool blob;
    };
    auto entry_of = [&](const git_commit* commit) -> std::optional<Entry> {
        const git::TreePtr tree = impl_->tree_of(commit);
        git_tree_entry* entry = nullptr;
        const int rc = git_tree_entry_bypath(&entry, tree.get(), path.c_str());
        if (rc == GIT_ENOTFOUND) return std::nullopt;
        if (rc < 0) git::fail("cannot look up '" + path + "' in " + impl_->where);
        git::TreeEntryPtr owned(entry);
        return Entry{*git_tree_entry_id(entry), git::is_file_entry(entry)};
    };
    auto same = [](const std::optional<Entry>& a, const std::optional<Entry>& b) {
        if (a.has_value() != b.has_value()) return false;
        return !a || git_oid_equal(&a->id, &b->id);
    };
    walk_changes(*impl_, from_commit, Walk::full, std::optional<Entry>(), entry_of, same,
                 [&](const git_commit* commit, const std::optional<Entry>& mine) {
                     std::optional<std::string> blob;
                     if (mine && mine->blob) blob = git::hex(mine->id);
                     out.push_back({impl_->info(commit), std::move(blob)});
                     if (found) found(out.back());
                 });
    return out;
}

std::string Repository::read_blob_unverified(const std::string& blob_id,
                                             std::string_view path) const {
    const git_oid id = git::parse_id(blob_id, "blob");
    git::BlobPtr owned;
    {
        const Unverified unverified;
        const std::string what =
            path.empty() ? "blob " + blob_id : "'" + std::string(path) + "' (blob " + blob_id + ")";
        owned = impl_->text_blob(id, what + " in " + impl_->where);
    }
    const git_blob* blob = owned.get();
    const auto* data = static_cast<const char*>(git_blob_rawcontent(blob));
    return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob)));
}

std::vector<std::string> Repository::list_files(const std::string& commit_id) const {
    const git::TreePtr tree = impl_->tree_of(impl_->lookup_commit(commit_id).get());
    std::vector<std::string> files;
    auto collect = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
        if (!git::is_safe_entry_name(entry)) return 1;  // nor what lies below it
        if (git::is_file_entry(entry)) {
            static_cast<std::vector<std::string>*>(payload)->push_back(std::string(root) +
                                                                       git_tree_entry_name(entry));
        }
        return 0;
    };
    git::walk_tree(tree.get(), collect, &files, "of commit " + commit_id + " in " + impl_->where);
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::string> Repository::list_links(const std::string& commit_id) const {
    const git::TreePtr tree = impl_->tree_of(impl_->lookup_commit(commit_id).get());
    std::vector<std::string> links;
    auto collect = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
        if (!git::is_safe_entry_name(entry)) return 1;  // nor what lies below it
        if (git::is_link_entry(entry)) {
            static_cast<std::vector<std::string>*>(payload)->push_back(std::string(root) +
                                                                       git_tree_entry_name(entry));
        }
        return 0;
    };
    git::walk_tree(tree.get(), collect, &links, "of commit " + commit_id + " in " + impl_->where);
    std::sort(links.begin(), links.end());
    return links;
}

std::vector<CommitInfo> Repository::history(const std::string& from_commit,
                                            const std::vector<std::string>& paths,
                                            Walk walk) const {
    std::vector<CommitInfo> result;
    if (paths.empty()) {
        impl_->walk_commits(from_commit, walk, [&](const git_commit* commit) {
            result.push_back(impl_->info(commit));
            return true;
        });
        return result;
    }
    using Entries = std::vector<std::optional<git_oid>>;
    auto entries_of = [&](const git_commit* commit) {
        const git::TreePtr tree = impl_->tree_of(commit);
        Entries entries;
        for (const std::string& path : paths) entries.push_back(impl_->entry_id(tree.get(), path));
        return entries;
    };
    auto same = [](const Entries& a, const Entries& b) {
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i].has_value() != b[i].has_value()) return false;
            if (a[i] && !git_oid_equal(&*a[i], &*b[i])) return false;
        }
        return true;
    };
    walk_changes(
        *impl_, from_commit, walk, Entries(paths.size()), entries_of, same,
        [&](const git_commit* commit, const Entries&) { result.push_back(impl_->info(commit)); });
    return result;
}

Signature Repository::default_signature() const {
    std::string name = get_config("user.name").value_or("");
    std::string email = get_config("user.email").value_or("");
    if (const char* env = std::getenv("GIT_COMMITTER_NAME"); env && *env) name = env;
    if (const char* env = std::getenv("GIT_COMMITTER_EMAIL"); env && *env) email = env;
    if (name.empty()) name = "accord";
    if (email.empty()) email = "accord@localhost";
    git_signature* now = nullptr;
    if (git_signature_now(&now, name.c_str(), email.c_str()) < 0) {
        git::fail("invalid git identity '" + name + " <" + email + ">' (user.name, user.email)");
    }
    git::SignaturePtr owned(now);
    return git::from_git(now);
}

namespace {

// The repository-local level of the configuration (.git/config).
git::ConfigPtr local_config(git_repository* repo, const std::string& where) {
    git_config* all = nullptr;
    if (git_repository_config(&all, repo) < 0)
        git::fail("cannot open the configuration of " + where);
    git::ConfigPtr owned_all(all);
    git_config* local = nullptr;
    if (git_config_open_level(&local, all, GIT_CONFIG_LEVEL_LOCAL) < 0) {
        git::fail("cannot open the configuration of " + where);
    }
    return git::ConfigPtr(local);
}

}  // namespace

void Repository::set_config(const std::string& key, const std::string& value) {
    const git::ConfigPtr local = local_config(impl_->repo.get(), impl_->where);
    const int rc = git_config_set_string(local.get(), key.c_str(), value.c_str());
    if (rc == GIT_EINVALIDSPEC) git::fail_usage("invalid configuration key '" + key + "'");
    if (rc < 0) git::fail("cannot set " + key + " in the configuration of " + impl_->where);
}

void Repository::unset_config(const std::string& key) {
    const git::ConfigPtr local = local_config(impl_->repo.get(), impl_->where);
    const int rc = git_config_delete_entry(local.get(), key.c_str());
    if (rc == GIT_ENOTFOUND) return;
    if (rc == GIT_EINVALIDSPEC) git::fail_usage("invalid configuration key '" + key + "'");
    if (rc < 0) git::fail("cannot unset " + key + " in the configuration of " + impl_->where);
}

std::optional<std::string> Repository::Impl::config_value(const std::string& key) const {
    git_config* all = nullptr;
    if (git_repository_config_snapshot(&all, repo.get()) < 0) {
        git::fail("cannot open the configuration of " + where);
    }
    git::ConfigPtr owned(all);
    git::Buffer value;
    const int rc = git_config_get_string_buf(&value.buf, all, key.c_str());
    if (rc == GIT_ENOTFOUND) return std::nullopt;
    if (rc == GIT_EINVALIDSPEC) git::fail_usage("invalid configuration key '" + key + "'");
    if (rc < 0) git::fail("cannot read " + key + " from the configuration of " + where);
    return value.str();
}

std::optional<std::string> Repository::get_config(const std::string& key) const {
    return impl_->config_value(key);
}

std::optional<std::string> Repository::attribute(const std::string& path,
                                                 const std::string& name) const {
    const char* value = nullptr;
    if (git_attr_get(&value, impl_->repo.get(), GIT_ATTR_CHECK_FILE_THEN_INDEX, path.c_str(),
                     name.c_str()) < 0) {
        git::fail("cannot read the git attribute " + name + " of " + path);
    }
    switch (git_attr_value(value)) {
        case GIT_ATTR_VALUE_STRING:
            return std::string(value);
        case GIT_ATTR_VALUE_TRUE:
            return "set";
        case GIT_ATTR_VALUE_FALSE:
            return "unset";
        default:
            return std::nullopt;
    }
}

std::string git::filtered(git_repository* repo, const std::string& path, std::string bytes,
                          git_filter_mode_t mode) {
    if (git_repository_workdir(repo) == nullptr) return bytes;  // a bare repository: none
    git_filter_list* raw = nullptr;
    if (git_filter_list_load(&raw, repo, nullptr, path.c_str(), mode, GIT_FILTER_DEFAULT) < 0)
        git::fail("cannot read which line endings git gives " + path);
    const git::FilterListPtr filters(raw);
    if (!filters) return bytes;  // no conversion applies to this path
    git::Buffer out;
    if (git_filter_list_apply_to_buffer(&out.buf, raw, bytes.data(), bytes.size()) < 0)
        git::fail("cannot convert the line endings of " + path);
    return out.str();
}

std::string Repository::as_stored(const std::string& path, std::string bytes) const {
    return git::filtered(impl_->repo.get(), path, std::move(bytes), GIT_FILTER_TO_ODB);
}

std::string Repository::as_checked_out(const std::string& path, std::string bytes) const {
    return git::filtered(impl_->repo.get(), path, std::move(bytes), GIT_FILTER_TO_WORKTREE);
}

// ---------------------------------------------------------------- trailers

Trailers trailers(const std::string& message) {
    git::ensure_initialised();
    git_message_trailer_array array{};
    if (git_message_trailers(&array, message.c_str()) < 0) {
        git::fail("cannot read the trailers of a commit message");
    }
    Trailers out;
    for (std::size_t i = 0; i < array.count; ++i) {
        out.emplace_back(array.trailers[i].key, array.trailers[i].value);
    }
    git_message_trailer_array_free(&array);
    return out;
}

std::vector<std::string> trailer_values(const Trailers& all, std::string_view key) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    std::vector<std::string> values;
    for (const auto& [k, v] : all) {
        if (!std::equal(k.begin(), k.end(), key.begin(), key.end(),
                        [&](char a, char b) { return lower(a) == lower(b); }))
            continue;
        // "Proposed-by:" with nothing after it names no one.
        const std::size_t begin = v.find_first_not_of(" \t\r\n");
        if (begin == std::string::npos) continue;
        values.push_back(v.substr(begin, v.find_last_not_of(" \t\r\n") + 1 - begin));
    }
    return values;
}

}  // namespace accord
