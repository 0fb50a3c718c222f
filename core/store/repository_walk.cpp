// The history walked once: commits newest first, each with the files it
// changed against its first parent, found by a tree diff that enters only
// the subtrees whose ids differ.
#include <algorithm>
#include <cstring>

#include "core/store/repository.hpp"
#include "core/store/repository_git.hpp"

namespace accord {

namespace {

// `path` is `root` or lies below the directory `root`; "" takes in everything.
bool within(std::string_view path, std::string_view root) {
    if (root.empty()) return true;
    return path.substr(0, root.size()) == root &&
           (path.size() == root.size() || path[root.size()] == '/');
}

// Which part of the tree a walk looks at: everything, or some paths (files or
// directories) and what lies below them.
class PathFilter {
  public:
    explicit PathFilter(const std::vector<std::string>& paths) {
        for (std::string root : paths) {
            while (!root.empty() && root.back() == '/') root.pop_back();
            if (root.empty() || root == ".") {
                roots_.clear();
                return;
            }
            roots_.push_back(std::move(root));
        }
    }
    // The directory `dir` holds a root, or lies at or below one.
    bool enters(std::string_view dir) const {
        if (roots_.empty()) return true;
        return std::any_of(roots_.begin(), roots_.end(), [&](const std::string& root) {
            return within(dir, root) || within(root, dir);
        });
    }
    bool takes(std::string_view file) const {
        if (roots_.empty()) return true;
        return std::any_of(roots_.begin(), roots_.end(),
                           [&](const std::string& root) { return within(file, root); });
    }

  private:
    std::vector<std::string> roots_;
};

bool is_tree(const git_tree_entry* entry) { return git_tree_entry_type(entry) == GIT_OBJECT_TREE; }

// Entries in git's order: by name, a tree's name read as if it ended in '/'.
int compare_entries(const git_tree_entry* a, const git_tree_entry* b) {
    const char* a_name = git_tree_entry_name(a);
    const char* b_name = git_tree_entry_name(b);
    const std::size_t a_size = std::strlen(a_name), b_size = std::strlen(b_name);
    const std::size_t common = std::min(a_size, b_size);
    if (const int c = std::memcmp(a_name, b_name, common); c != 0) return c;
    const unsigned char a_next =
        a_size > common ? static_cast<unsigned char>(a_name[common]) : (is_tree(a) ? '/' : 0);
    const unsigned char b_next =
        b_size > common ? static_cast<unsigned char>(b_name[common]) : (is_tree(b) ? '/' : 0);
    return static_cast<int>(a_next) - static_cast<int>(b_next);
}

// The files that differ between two trees (either may be null: empty).
class TreeDiff {
  public:
    TreeDiff(const Repository::Impl& impl, const PathFilter& filter,
             const std::function<bool(std::string_view)>& keep,
             std::vector<Repository::FileChange>& out)
        : impl_(impl), filter_(filter), keep_(keep), out_(out) {}

    void diff(const git_tree* old_tree, const git_tree* new_tree) {
        const std::size_t old_count = old_tree ? git_tree_entrycount(old_tree) : 0;
        const std::size_t new_count = new_tree ? git_tree_entrycount(new_tree) : 0;
        std::size_t i = 0, j = 0;
        while (i < old_count || j < new_count) {
            const git_tree_entry* a = i < old_count ? git_tree_entry_byindex(old_tree, i) : nullptr;
            const git_tree_entry* b = j < new_count ? git_tree_entry_byindex(new_tree, j) : nullptr;
            const int order = !a ? 1 : !b ? -1 : compare_entries(a, b);
            if (order < 0) {
                entry(a, nullptr);
                ++i;
            } else if (order > 0) {
                entry(nullptr, b);
                ++j;
            } else {
                if (!git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) ||
                    git::is_file_entry(a) != git::is_file_entry(b)) {
                    entry(a, b);
                }
                ++i;
                ++j;
            }
        }
    }

  private:
    // One name present on either side or both (same kind), known to differ.
    void entry(const git_tree_entry* a, const git_tree_entry* b) {
        const git_tree_entry* any = a ? a : b;
        const std::size_t mark = prefix_.size();
        prefix_ += git_tree_entry_name(any);
        if (is_tree(any)) {
            if (filter_.enters(prefix_)) {
                const git::TreePtr old_tree = a ? subtree(a) : nullptr;
                const git::TreePtr new_tree = b ? subtree(b) : nullptr;
                prefix_ += '/';
                diff(old_tree.get(), new_tree.get());
            }
        } else {
            const bool old_file = a && git::is_file_entry(a), new_file = b && git::is_file_entry(b);
            if ((old_file || new_file) && filter_.takes(prefix_) && (!keep_ || keep_(prefix_))) {
                Repository::FileChange change;
                change.path = prefix_;
                if (old_file) change.old_blob = git::hex(*git_tree_entry_id(a));
                if (new_file) change.new_blob = git::hex(*git_tree_entry_id(b));
                out_.push_back(std::move(change));
            }
        }
        prefix_.resize(mark);
    }

    git::TreePtr subtree(const git_tree_entry* entry) {
        git_tree* tree = nullptr;
        if (git_tree_lookup(&tree, impl_.repo.get(), git_tree_entry_id(entry)) < 0) {
            git::fail("cannot read the tree '" + prefix_ + "' in " + impl_.where);
        }
        return git::TreePtr(tree);
    }

    const Repository::Impl& impl_;
    const PathFilter& filter_;
    const std::function<bool(std::string_view)>& keep_;
    std::vector<Repository::FileChange>& out_;
    std::string prefix_;
};

}  // namespace

void Repository::walk_history(const WalkOptions& options,
                              const std::function<bool(WalkStep& step)>& visit) const {
    const git::UnverifiedReads unverified;
    const PathFilter filter(options.paths);
    // With paths, the commits history() selects: those whose entry for one
    // of the paths differs from their first parent's. The walk usually goes
    // to a commit's first parent next, so the parent's entries are kept.
    using Entries = std::vector<std::optional<git_oid>>;
    auto entries_of = [&](const git_tree* tree) {
        Entries entries;
        for (const std::string& path : options.paths)
            entries.push_back(impl_->entry_id(tree, path));
        return entries;
    };
    auto same = [](const Entries& a, const Entries& b) {
        for (std::size_t k = 0; k < a.size(); ++k) {
            if (a[k].has_value() != b[k].has_value()) return false;
            if (a[k] && !git_oid_equal(&*a[k], &*b[k])) return false;
        }
        return true;
    };
    std::optional<git_oid> kept_id;
    Entries kept;
    impl_->walk_commits(options.from, options.walk, [&](const git_commit* commit) {
        const git_oid* id = git_commit_id(commit);
        const git::TreePtr tree = impl_->tree_of(commit);
        git::CommitPtr parent;
        git::TreePtr parent_tree;
        if (git_commit_parentcount(commit) > 0) {
            git_commit* raw = nullptr;
            if (git_commit_parent(&raw, commit, 0) < 0) {
                git::fail("cannot read the parent of " + git::hex(*id) + " in " + impl_->where);
            }
            parent.reset(raw);
            parent_tree = impl_->tree_of(raw);
        }
        if (!options.paths.empty()) {
            const Entries mine =
                kept_id && git_oid_equal(&*kept_id, id) ? std::move(kept) : entries_of(tree.get());
            Entries before(options.paths.size());
            kept_id.reset();
            if (parent) {
                before = entries_of(parent_tree.get());
                kept_id = *git_commit_id(parent.get());
                kept = before;
            }
            if (same(mine, before)) return true;
        }
        WalkStep step;
        step.commit = impl_->info(commit);
        if (options.changes) {
            TreeDiff(*impl_, filter, options.keep, step.changes).diff(parent_tree.get(), tree.get());
            std::sort(step.changes.begin(), step.changes.end(),
                      [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
        }
        return visit(step);
    });
}

}  // namespace accord
