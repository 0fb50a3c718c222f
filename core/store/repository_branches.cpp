// Repository: branches, the commit graph, trees by blob id and the state of
// the work tree, as redraft branches and `accord merge` need them. Like the
// rest of core/store/repository*, the only code that talks to libgit2.

#include <algorithm>
#include <cstring>

#include "core/store/repository.hpp"
#include "core/store/repository_git.hpp"
#include "core/util/terminal.hpp"

namespace accord {

namespace {

using BranchIteratorPtr = git::Handle<git_branch_iterator, &git::Api::git_branch_iterator_free>;
using StatusListPtr = git::Handle<git_status_list, &git::Api::git_status_list_free>;

}  // namespace

bool Repository::is_valid_branch_name(const std::string& name) {
    git::ensure_initialised();
    int valid = 0;
    if (git_branch_name_is_valid(&valid, name.c_str()) < 0) return false;
    return valid != 0 && name != "HEAD";
}

bool Repository::branch_exists(const std::string& name) const {
    if (!is_valid_branch_name(name)) return false;
    git_reference* ref = nullptr;
    const int rc = git_branch_lookup(&ref, impl_->repo.get(), name.c_str(), GIT_BRANCH_LOCAL);
    git::ReferencePtr owned(ref);
    if (rc == GIT_ENOTFOUND) return false;
    if (rc < 0) git::fail("cannot look up branch '" + name + "' in " + impl_->where);
    return true;
}

std::vector<std::string> Repository::branches(std::string_view prefix) const {
    return branch_names(GIT_BRANCH_LOCAL, prefix, false);
}

std::vector<std::string> Repository::remote_branches(std::string_view prefix) const {
    return branch_names(GIT_BRANCH_REMOTE, prefix, true);
}

std::vector<std::string> Repository::branch_names(int kind, std::string_view prefix,
                                                  bool after_remote) const {
    git_branch_iterator* raw = nullptr;
    if (git_branch_iterator_new(&raw, impl_->repo.get(), static_cast<git_branch_t>(kind)) < 0) {
        git::fail("cannot list the branches of " + impl_->where);
    }
    const BranchIteratorPtr iterator(raw);
    std::vector<std::string> names;
    git_reference* ref = nullptr;
    git_branch_t type;
    int rc = 0;
    while ((rc = git_branch_next(&ref, &type, raw)) == 0) {
        const git::ReferencePtr owned(ref);
        const char* name = nullptr;
        if (git_branch_name(&name, ref) < 0) continue;
        std::string_view compared(name);
        if (after_remote) {
            if (git_reference_type(ref) != GIT_REFERENCE_DIRECT) continue;  // origin/HEAD
            const std::size_t slash = compared.find('/');
            if (slash == std::string_view::npos) continue;
            compared.remove_prefix(slash + 1);
        }
        if (compared.substr(0, prefix.size()) == prefix) names.emplace_back(name);
    }
    if (rc != GIT_ITEROVER) git::fail("cannot list the branches of " + impl_->where);
    std::sort(names.begin(), names.end());
    return names;
}

void Repository::create_branch(const std::string& name, const std::string& commit_id) {
    if (!is_valid_branch_name(name)) {
        throw usage_error("'" + name + "' is not a valid branch name");
    }
    const git::CommitPtr commit = impl_->lookup_commit(commit_id);
    git_reference* ref = nullptr;
    const int rc = git_branch_create(&ref, impl_->repo.get(), name.c_str(), commit.get(), 0);
    git::ReferencePtr owned(ref);
    if (rc == GIT_EEXISTS) {
        throw usage_error("branch '" + name + "' already exists in " + impl_->where);
    }
    if (rc < 0) git::fail("cannot create branch '" + name + "' in " + impl_->where);
}

void Repository::delete_branch(const std::string& name) {
    git_reference* ref = nullptr;
    const int rc = git_branch_lookup(&ref, impl_->repo.get(), name.c_str(), GIT_BRANCH_LOCAL);
    git::ReferencePtr owned(ref);
    if (rc == GIT_ENOTFOUND) return;
    if (rc < 0 || git_reference_delete(ref) < 0) {
        git::fail("cannot delete branch '" + name + "' in " + impl_->where);
    }
}

void Repository::point_head_at(const std::string& branch) {
    const std::string ref = "refs/heads/" + branch;
    if (git_repository_set_head(impl_->repo.get(), ref.c_str()) < 0) {
        git::fail("cannot switch to branch '" + branch + "' in " + impl_->where);
    }
}

std::optional<std::string> Repository::merge_base(const std::vector<std::string>& commits) const {
    std::vector<git_oid> ids;
    for (const std::string& commit : commits)
        ids.push_back(*git_commit_id(impl_->lookup_commit(commit).get()));
    if (ids.empty()) return std::nullopt;
    if (ids.size() == 1) return git::hex(ids.front());
    git_oid base;
    const int rc = git_merge_base_many(&base, impl_->repo.get(), ids.size(), ids.data());
    if (rc == GIT_ENOTFOUND) return std::nullopt;
    if (rc < 0) git::fail("cannot find the common ancestor of commits in " + impl_->where);
    return git::hex(base);
}

bool Repository::is_ancestor(const std::string& ancestor, const std::string& descendant) const {
    const git_oid a = *git_commit_id(impl_->lookup_commit(ancestor).get());
    const git_oid d = *git_commit_id(impl_->lookup_commit(descendant).get());
    if (git_oid_equal(&a, &d)) return true;
    const int rc = git_graph_descendant_of(impl_->repo.get(), &d, &a);
    if (rc < 0) git::fail("cannot compare the histories of two commits in " + impl_->where);
    return rc == 1;
}

std::vector<CommitInfo> Repository::commits_between(const std::string& from,
                                                    const std::vector<std::string>& hide) const {
    git_revwalk* raw_walk = nullptr;
    if (git_revwalk_new(&raw_walk, impl_->repo.get()) < 0) {
        git::fail("cannot walk the history of " + impl_->where);
    }
    const git::RevwalkPtr walker(raw_walk);
    git_revwalk_sorting(raw_walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    if (git_revwalk_push(raw_walk, git_commit_id(impl_->lookup_commit(from).get())) < 0) {
        git::fail("cannot walk the history from " + from + " in " + impl_->where);
    }
    for (const std::string& commit : hide) {
        if (git_revwalk_hide(raw_walk, git_commit_id(impl_->lookup_commit(commit).get())) < 0) {
            git::fail("cannot walk the history from " + from + " in " + impl_->where);
        }
    }
    std::vector<CommitInfo> result;
    git_oid id;
    int rc = 0;
    while ((rc = git_revwalk_next(&id, raw_walk)) == 0) {
        result.push_back(impl_->info(impl_->lookup_commit(git::hex(id)).get()));
    }
    if (rc != GIT_ITEROVER) git::fail("cannot walk the history of " + impl_->where);
    return result;
}

std::map<std::string, std::string> Repository::file_ids(const std::string& commit_id) const {
    const git::TreePtr tree = impl_->tree_of(impl_->lookup_commit(commit_id).get());
    std::map<std::string, std::string> files;
    auto collect = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
        if (!git::is_safe_entry_name(entry)) return 1;  // nor what lies below it
        if (git::is_file_entry(entry)) {
            // (A name a hostile tree lists twice: the first, as a lookup by
            // path finds it.)
            static_cast<std::map<std::string, std::string>*>(payload)->emplace(
                std::string(root) + git_tree_entry_name(entry),
                git::hex(*git_tree_entry_id(entry)));
        }
        return 0;
    };
    git::walk_tree(tree.get(), collect, &files, "of commit " + commit_id + " in " + impl_->where);
    return files;
}

std::map<std::string, std::uint32_t> Repository::special_entries(
    const std::string& commit_id) const {
    const git::TreePtr tree = impl_->tree_of(impl_->lookup_commit(commit_id).get());
    std::map<std::string, std::uint32_t> entries;
    auto collect = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
        if (!git::is_safe_entry_name(entry)) return 1;  // nor what lies below it
        const git_filemode_t mode = git_tree_entry_filemode(entry);
        if (mode == GIT_FILEMODE_LINK || mode == GIT_FILEMODE_BLOB_EXECUTABLE ||
            mode == GIT_FILEMODE_COMMIT) {
            (*static_cast<std::map<std::string, std::uint32_t>*>(
                payload))[std::string(root) + git_tree_entry_name(entry)] =
                static_cast<std::uint32_t>(mode);
        }
        return 0;
    };
    git::walk_tree(tree.get(), collect, &entries, "of commit " + commit_id + " in " + impl_->where);
    return entries;
}

std::vector<std::string> Repository::unsafe_entries(const std::string& commit_id) const {
    const git::TreePtr tree = impl_->tree_of(impl_->lookup_commit(commit_id).get());
    // A file system holds names of at most 255 bytes, and the system calls
    // that write a file take paths of fewer than 4,096 bytes, the work
    // tree's own path and its '/' included: a checkout of a longer one fails
    // half done, after the branch has moved.
    constexpr std::size_t kLongestName = 255, kLongestPath = 4095;
    const char* const workdir = git_repository_workdir(impl_->repo.get());
    struct Found {
        std::vector<std::string> unsafe;
        std::map<std::string, std::string> last_name;  // per tree walked, by its path
        std::size_t longest_path = 0;                  // relative to the work tree
    } found;
    const std::size_t workdir_bytes = workdir == nullptr ? 0 : std::strlen(workdir);
    found.longest_path = workdir_bytes < kLongestPath ? kLongestPath - workdir_bytes : 0;
    auto collect = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
        Found& out = *static_cast<Found*>(payload);
        const char* raw = git_tree_entry_name(entry);
        const std::string name = raw == nullptr ? "" : raw;
        std::string& last = out.last_name[root];
        const bool twice = !last.empty() && last == name;
        last = name;
        const bool too_long =
            name.size() > kLongestName || std::strlen(root) + name.size() > out.longest_path;
        if (git::is_safe_entry_name(entry) && !twice && !too_long) return 0;
        std::string path = std::string(root) + name;
        if (path.size() > 120) path = path.substr(0, 60) + "..." + path.substr(path.size() - 40);
        out.unsafe.push_back(escape_controls(path) +
                             (too_long ? " (" + std::to_string(std::strlen(root) + name.size()) +
                                             " bytes, too long for a file system)"
                                       : ""));
        return 1;  // nor what lies below it
    };
    git::walk_tree(tree.get(), collect, &found, "of commit " + commit_id + " in " + impl_->where);
    return found.unsafe;
}

std::string Repository::read_blob(const std::string& blob_id) const {
    const git_oid id = git::parse_id(blob_id, "blob");
    const git::BlobPtr owned = impl_->text_blob(id, "blob " + blob_id + " in " + impl_->where);
    const git_blob* blob = owned.get();
    const auto* data = static_cast<const char*>(git_blob_rawcontent(blob));
    return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob)));
}

std::string Repository::hash_blob(std::string_view contents) {
    git::ensure_initialised();
    git_oid id;
    if (git_odb_hash(&id, contents.data(), contents.size(), GIT_OBJECT_BLOB) < 0) {
        git::fail("cannot hash a blob");
    }
    return git::hex(id);
}

std::vector<std::string> Repository::unclean_paths(const std::vector<std::string>& paths) const {
    if (paths.empty()) return {};
    // One status pass over exactly these paths (no pathspec matching).
    std::vector<const char*> specs;
    for (const std::string& path : paths) specs.push_back(path.c_str());
    git_status_options options;
    git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH |
                    GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
    options.pathspec.strings = const_cast<char**>(specs.data());
    options.pathspec.count = specs.size();
    git_status_list* raw = nullptr;
    if (git_status_list_new(&raw, impl_->repo.get(), &options) < 0) {
        git::fail("cannot read the status of the work tree of " + impl_->where);
    }
    const StatusListPtr list(raw);
    std::vector<std::string> unclean;
    const std::size_t count = git_status_list_entrycount(raw);
    for (std::size_t i = 0; i < count; ++i) {
        const git_status_entry* entry = git_status_byindex(raw, i);
        if (entry == nullptr || entry->status == GIT_STATUS_CURRENT ||
            (entry->status & GIT_STATUS_IGNORED) != 0) {
            continue;
        }
        const git_diff_delta* delta =
            entry->index_to_workdir ? entry->index_to_workdir : entry->head_to_index;
        if (delta == nullptr) continue;
        const char* path = delta->new_file.path ? delta->new_file.path : delta->old_file.path;
        if (path != nullptr) unclean.emplace_back(path);
    }
    std::sort(unclean.begin(), unclean.end());
    unclean.erase(std::unique(unclean.begin(), unclean.end()), unclean.end());
    return unclean;
}

std::vector<std::string> Repository::staged_deletions() const {
    git_status_options options;
    git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
    options.show = GIT_STATUS_SHOW_INDEX_ONLY;
    options.flags = 0;  // no untracked files, no rename detection
    git_status_list* raw = nullptr;
    if (git_status_list_new(&raw, impl_->repo.get(), &options) < 0) {
        git::fail("cannot read the index of " + impl_->where);
    }
    const StatusListPtr list(raw);
    std::vector<std::string> deleted;
    const std::size_t count = git_status_list_entrycount(raw);
    for (std::size_t i = 0; i < count; ++i) {
        const git_status_entry* entry = git_status_byindex(raw, i);
        if (entry == nullptr || (entry->status & GIT_STATUS_INDEX_DELETED) == 0 ||
            entry->head_to_index == nullptr || entry->head_to_index->old_file.path == nullptr)
            continue;
        deleted.emplace_back(entry->head_to_index->old_file.path);
    }
    std::sort(deleted.begin(), deleted.end());
    return deleted;
}

}  // namespace accord
