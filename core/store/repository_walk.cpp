// The history walked once: commits newest first, each with the files it
// changed against its first parent, found by a tree diff that enters only
// the subtrees whose ids differ, and remembered by commit id.
#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "core/store/cache.hpp"
#include "core/store/repository_commit_graph.hpp"
#include "core/store/repository_raw_objects.hpp"

#include "core/store/repository.hpp"
#include "core/store/repository_git.hpp"
#include "core/util/date.hpp"

namespace accord {

namespace {

// `path` is `root` or lies below the directory `root`; "" takes in everything.
bool within(std::string_view path, std::string_view root) {
    if (root.empty()) return true;
    return path.substr(0, root.size()) == root &&
           (path.size() == root.size() || path[root.size()] == '/');
}

// Which files a walk reports: all, or those at or below some paths (files
// or directories).
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
    bool takes(std::string_view file) const {
        if (roots_.empty()) return true;
        return std::any_of(roots_.begin(), roots_.end(),
                           [&](const std::string& root) { return within(file, root); });
    }
    // Whether a file it takes may lie below `directory`.
    bool may_hold(std::string_view directory) const {
        if (roots_.empty()) return true;
        return std::any_of(roots_.begin(), roots_.end(), [&](const std::string& root) {
            return within(root, directory) || within(directory, root);
        });
    }
    bool everything() const { return roots_.empty(); }
    // The roots, sorted, one per line: a name for what it takes.
    std::string name() const {
        std::vector<std::string> sorted = roots_;
        std::sort(sorted.begin(), sorted.end());
        std::string out;
        for (const std::string& root : sorted) out += root + "\n";
        return out;
    }

  private:
    std::vector<std::string> roots_;
};

using RawTree = git::RawTree;
using RawTreePtr = std::shared_ptr<const RawTree>;

// Entries in git's order: by name, a tree's name read as if it ended in '/'.
int compare_entries(const RawTree::Entry& a, const RawTree::Entry& b) {
    const std::size_t common = std::min(a.name.size(), b.name.size());
    if (const int c = std::memcmp(a.name.data(), b.name.data(), common); c != 0) return c;
    const unsigned char a_next = a.name.size() > common ? static_cast<unsigned char>(a.name[common])
                                 : a.is_tree()          ? '/'
                                                        : 0;
    const unsigned char b_next = b.name.size() > common ? static_cast<unsigned char>(b.name[common])
                                 : b.is_tree()          ? '/'
                                                        : 0;
    return static_cast<int>(a_next) - static_cast<int>(b_next);
}

// The trees a walk read at its last commit, by id: the next commit down is
// mostly that one's parent, whose trees it reads again (as the newer side).
// Trees not kept are read from the repository's packs where they can be
// (git::PackReader, opened on the first), and through libgit2 otherwise.
class TreeMemo {
  public:
    explicit TreeMemo(const Repository::Impl& impl) : impl_(impl) {}

    // The tree `id`: kept from the last step, or read (`what()` names it
    // if it cannot be); kept for the next step either way.
    template <typename What>
    RawTreePtr get(git_odb* odb, const git_oid& id, const What& what) {
        RawTreePtr tree;
        if (const auto it = last_.find(key(id)); it != last_.end()) {
            tree = it->second;
        } else {
            tree = std::make_shared<const RawTree>(packs(), odb, id, what());
        }
        current_.emplace(key(id), tree);
        return tree;
    }
    // The repository's packs, read directly (opened on first use); commits
    // are read from them too.
    git::PackReader* packs() {
        if (!packs_) {
            std::string objects = git_repository_commondir(impl_.repo.get());
            if (!objects.empty() && objects.back() != '/') objects += '/';
            packs_ =
                std::make_unique<git::PackReader>(objects + "objects", git::PackReader::Limits{});
        }
        return packs_.get();
    }
    // A step ends: what it read is what the next one may find.
    void next_step() {
        last_.swap(current_);
        current_.clear();
    }

  private:
    static std::string key(const git_oid& id) {
        return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
    }
    const Repository::Impl& impl_;
    std::unique_ptr<git::PackReader> packs_;
    std::unordered_map<std::string, RawTreePtr> last_, current_;
};

// One entry that differs between a commit's tree and its first parent's: a
// leaf (anything but a tree) present on either side or both, with its id and
// mode on each side (mode 0: absent).
struct Leaf {
    std::string path;
    git_oid old_id{}, new_id{};
    std::uint32_t old_mode = 0, new_mode = 0;
};

bool is_file_mode(std::uint32_t mode) {
    return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

// Every leaf that differs between two trees (either may be null: empty), in
// git's order, which is the byte order of the paths. A tree nested deeper
// than git::kMaxTreeDepth is refused (git::fail_too_deep names `what`, the
// commits compared): the walk descends one call per level.
class TreeDiff {
  public:
    // With `narrow`, only the files it wants, in the directories it may hold them.
    TreeDiff(const Repository::Impl& impl, TreeMemo& trees, std::vector<Leaf>& out,
             std::string what, const Repository::WalkOptions::Narrow* narrow = nullptr)
        : impl_(impl), trees_(trees), out_(out), narrow_(narrow), what_(std::move(what)) {}

    void diff(const RawTree* old_tree, const RawTree* new_tree) {
        static const std::vector<RawTree::Entry> none;
        const std::vector<RawTree::Entry>& olds = old_tree ? old_tree->entries() : none;
        const std::vector<RawTree::Entry>& news = new_tree ? new_tree->entries() : none;
        std::size_t i = 0, j = 0;
        while (i < olds.size() || j < news.size()) {
            const RawTree::Entry* a = i < olds.size() ? &olds[i] : nullptr;
            const RawTree::Entry* b = j < news.size() ? &news[j] : nullptr;
            const int order = !a ? 1 : !b ? -1 : compare_entries(*a, *b);
            if (order < 0) {
                entry(a, nullptr);
                ++i;
            } else if (order > 0) {
                entry(nullptr, b);
                ++j;
            } else {
                if (!git_oid_equal(a->id, b->id) || a->mode != b->mode) entry(a, b);
                ++i;
                ++j;
            }
        }
    }

  private:
    // One name present on either side or both (same kind), known to differ.
    void entry(const RawTree::Entry* a, const RawTree::Entry* b) {
        const RawTree::Entry& any = a ? *a : *b;
        if (!git::is_safe_entry_name(any.name)) return;  // "..", ".git": no path of a work tree
        const std::size_t mark = prefix_.size();
        prefix_ += any.name;
        if (narrow_ && !(any.is_tree() ? narrow_->may_hold(prefix_) : narrow_->wants(prefix_))) {
            prefix_.resize(mark);
            return;
        }
        if (any.is_tree()) {
            if (depth_ == git::kMaxTreeDepth) git::fail_too_deep(what_, prefix_);
            const RawTreePtr old_tree = a ? subtree(*a) : nullptr;
            const RawTreePtr new_tree = b ? subtree(*b) : nullptr;
            prefix_ += '/';
            ++depth_;
            diff(old_tree.get(), new_tree.get());
            --depth_;
        } else {
            Leaf leaf;
            leaf.path = prefix_;
            if (a) {
                leaf.old_id = *a->id;
                leaf.old_mode = a->mode;
            }
            if (b) {
                leaf.new_id = *b->id;
                leaf.new_mode = b->mode;
            }
            out_.push_back(std::move(leaf));
        }
        prefix_.resize(mark);
    }

    RawTreePtr subtree(const RawTree::Entry& entry) {
        return trees_.get(impl_.object_database(), *entry.id,
                          [&] { return "'" + prefix_ + "' in " + impl_.where; });
    }

    const Repository::Impl& impl_;
    TreeMemo& trees_;
    std::vector<Leaf>& out_;
    const Repository::WalkOptions::Narrow* narrow_;
    std::string what_;
    std::string prefix_;
    std::size_t depth_ = 0;  // trees below the root that prefix_ names
};

// What the walk needs of a commit: what git_commit gives, and the leaves
// that differ from its first parent. Remembered by commit id in the cache
// (the table "commits"), like git's commit-graph: a commit's id fixes its
// parents, its trees and so its record, so a walk that finds the records
// reads no commit or tree again. A walk along some paths reads only the
// headers of the commits it passes by (tree and parents): their info then
// holds the id and parents alone, and is read when a step needs it.
struct CommitRecord {
    CommitInfo info;
    bool has_info = true;  // false: author, committer and message not read
    std::vector<Leaf> leaves;
};

void put_signature(CacheWriter& out, const Signature& s) {
    out.text(s.name).text(s.email);
    out.number(static_cast<std::uint64_t>(s.time));
    out.number(static_cast<std::uint64_t>(static_cast<std::int64_t>(s.offset_minutes)));
}

Signature get_signature(CacheReader& in) {
    Signature s;
    s.name = in.text();
    s.email = in.text();
    const auto time = static_cast<std::int64_t>(in.number());
    s.time = readable_time(time);
    s.offset_minutes = static_cast<int>(static_cast<std::int64_t>(in.number()));
    if (s.time != time) s.offset_minutes = 0;  // as from_git reads it
    return s;
}

void put_id(CacheWriter& out, const git_oid& id) {
    out.text(std::string_view(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ));
}

bool get_id(CacheReader& in, git_oid& id) {
    const std::string raw = in.text();
    if (raw.size() != GIT_OID_RAWSZ) return false;
    std::memcpy(id.id, raw.data(), GIT_OID_RAWSZ);
    return true;
}

std::string encode(const CommitRecord& record) {
    CacheWriter out;
    out.number(record.info.parents.size());
    for (const std::string& parent : record.info.parents) out.text(CacheTable::id_key(parent));
    out.number(record.has_info ? 1 : 0);
    if (record.has_info) {
        put_signature(out, record.info.author);
        put_signature(out, record.info.committer);
        out.text(record.info.message);
    }
    out.number(record.leaves.size());
    for (const Leaf& leaf : record.leaves) {
        out.text(leaf.path).number(leaf.old_mode).number(leaf.new_mode);
        if (leaf.old_mode) put_id(out, leaf.old_id);
        if (leaf.new_mode) put_id(out, leaf.new_id);
    }
    return out.take();
}

std::optional<CommitRecord> decode(std::string_view bytes, const std::string& id) {
    CacheReader in(bytes);
    CommitRecord record;
    record.info.id = id;
    const std::uint64_t parents = in.number();
    for (std::uint64_t k = 0; k < parents && in.ok(); ++k) {
        git_oid parent;
        if (!get_id(in, parent)) return std::nullopt;
        record.info.parents.push_back(git::hex(parent));
    }
    const std::uint64_t has_info = in.number();
    if (has_info > 1) return std::nullopt;
    record.has_info = has_info == 1;
    if (record.has_info) {
        record.info.author = get_signature(in);
        record.info.committer = get_signature(in);
        record.info.message = in.text();
    }
    const std::uint64_t leaves = in.number();
    for (std::uint64_t k = 0; k < leaves && in.ok(); ++k) {
        Leaf leaf;
        leaf.path = in.text();
        leaf.old_mode = static_cast<std::uint32_t>(in.number());
        leaf.new_mode = static_cast<std::uint32_t>(in.number());
        if (leaf.old_mode && !get_id(in, leaf.old_id)) return std::nullopt;
        if (leaf.new_mode && !get_id(in, leaf.new_id)) return std::nullopt;
        record.leaves.push_back(std::move(leaf));
    }
    if (!in.complete()) return std::nullopt;
    return record;
}

// Whether git's commit-graph is to be read: as git, unless core.commitGraph
// says false (someone who distrusts the file turned it off).
bool commit_graph_wanted(const Repository::Impl& impl) {
    const std::optional<std::string> value = impl.config_value("core.commitGraph");
    int yes = 0;
    // Unset, or a bare `commitGraph` line (true to git): wanted.
    return !value || value->empty() ||
           (git_config_parse_bool(&yes, value->c_str()) == 0 && yes != 0);
}

// Commit records from the cache, or read from git and remembered.
class CommitRecords {
  public:
    explicit CommitRecords(const Repository::Impl& impl)
        : impl_(impl),
          table_(git_repository_path(impl.repo.get()), "commits", "commits/2"),
          trees_(impl) {}
    ~CommitRecords() { table_.save(); }
    CommitRecords(const CommitRecords&) = delete;
    CommitRecords& operator=(const CommitRecords&) = delete;

    // The author, message and parents of the commit `hex`, for a record
    // read without them (its header alone).
    CommitInfo info_of(const std::string& hex) {
        return impl_.info(commit_of(git::parse_id(hex, "commit"), hex).get());
    }

    // The record of commit `id`: remembered, or diffed whole and
    // remembered. With `narrow`, a commit not remembered whole is diffed
    // along the files it wants (remembered under its name, if it has one),
    // and whole after all when a file it wants whole changed.
    CommitRecord of(const git_oid& id, const Repository::WalkOptions::Narrow* narrow = nullptr) {
        const std::string key(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
        const std::string hex = git::hex(id);
        if (std::optional<CommitRecord> record = remembered(key, hex)) return std::move(*record);
        if (narrow) {
            const std::string narrow_key =
                narrow->remember_as.empty() ? "" : key + "/" + narrow->remember_as;
            std::optional<CommitRecord> record;
            if (!narrow_key.empty()) record = remembered(narrow_key, hex);
            if (!record) {
                record = read(id, hex, narrow);
                if (!narrow_key.empty()) table_.put(narrow_key, encode(*record));
            }
            const bool whole =
                narrow->whole &&
                std::any_of(record->leaves.begin(), record->leaves.end(), [&](const Leaf& leaf) {
                    const bool created =
                        !is_file_mode(leaf.old_mode) && is_file_mode(leaf.new_mode);
                    return narrow->whole(leaf.path, created);
                });
            if (!whole) return std::move(*record);
        }
        CommitRecord record = read(id, hex, nullptr);
        table_.put(key, encode(record));
        return record;
    }

  private:
    std::optional<CommitRecord> remembered(const std::string& key, const std::string& hex) const {
        if (const std::optional<std::string> bytes = table_.find(key)) return decode(*bytes, hex);
        return std::nullopt;
    }

    CommitRecord read(const git_oid& id, const std::string& hex,
                      const Repository::WalkOptions::Narrow* narrow) {
        // The walk goes from child to parent: the commit at hand is mostly
        // the parent of the one read last (read then for its tree), and its
        // trees those that one read. Along some paths only the commits'
        // headers are read; whole, the commits (for their info).
        git_odb* const odb = impl_.object_database();
        CommitRecord record;
        git_oid tree_id;
        std::vector<git_oid> parents;
        std::optional<git::CommitHeader> header;
        if (narrow) header = header_of(odb, id);
        if (header) {
            record.has_info = false;
            record.info.id = hex;
            for (const git_oid& parent : header->parents)
                record.info.parents.push_back(git::hex(parent));
            tree_id = header->tree;
            parents = std::move(header->parents);
        } else {
            const git::CommitPtr commit = commit_of(id, hex);
            record.info = impl_.info(commit.get());
            tree_id = *git_commit_tree_id(commit.get());
            for (unsigned k = 0; k < git_commit_parentcount(commit.get()); ++k)
                parents.push_back(*git_commit_parent_id(commit.get(), k));
        }
        const RawTreePtr tree =
            trees_.get(odb, tree_id, [&] { return "of commit " + hex + " in " + impl_.where; });
        RawTreePtr parent_tree;
        if (!parents.empty()) {
            const git_oid& parent = parents.front();
            std::optional<git::CommitHeader> parent_header;
            if (narrow) parent_header = header_of(odb, parent);
            git_oid parent_tree_id;
            if (parent_header) {
                parent_tree_id = parent_header->tree;
                last_header_ = {parent, std::move(*parent_header)};
            } else {
                last_commit_ = commit_of(parent, git::hex(parent));
                parent_tree_id = *git_commit_tree_id(last_commit_.get());
            }
            parent_tree = trees_.get(odb, parent_tree_id, [&] {
                return "of commit " + git::hex(parent) + " in " + impl_.where;
            });
        }
        TreeDiff(impl_, trees_, record.leaves,
                 "of commit " + hex + " (or its first parent) in " + impl_.where, narrow)
            .diff(parent_tree.get(), tree.get());
        trees_.next_step();
        return record;
    }

    // The header of commit `id`: the one read last (as a parent), or
    // git's commit-graph's, or read.
    std::optional<git::CommitHeader> header_of(git_odb* odb, const git_oid& id) {
        if (last_header_ && git_oid_equal(&last_header_->first, &id)) {
            std::optional<git::CommitHeader> out = std::move(last_header_->second);
            last_header_.reset();
            return out;
        }
        if (!graph_) {
            graph_ = commit_graph_wanted(impl_)
                         ? git::CommitGraph::open(git_repository_commondir(impl_.repo.get()))
                         : git::CommitGraph();
        }
        if (std::optional<git::CommitHeader> header = graph_->find(id)) return header;
        return git::read_commit_header(trees_.packs(), odb, id);
    }

    // The commit `id`: the one read last (as a parent), or read.
    git::CommitPtr commit_of(const git_oid& id, const std::string& hex) {
        if (last_commit_ && git_oid_equal(git_commit_id(last_commit_.get()), &id))
            return std::move(last_commit_);
        git_commit* raw = nullptr;
        if (git_commit_lookup(&raw, impl_.repo.get(), &id) < 0)
            git::fail("cannot read commit " + hex + " in " + impl_.where);
        return git::CommitPtr(raw);
    }

    const Repository::Impl& impl_;
    CacheTable table_;
    // The first parent of the commit read last, read whole or its header.
    git::CommitPtr last_commit_;
    std::optional<std::pair<git_oid, git::CommitHeader>> last_header_;
    std::optional<git::CommitGraph> graph_;  // opened by the first header looked for
    TreeMemo trees_;                         // the trees read for the commit read last
};

// The entry at `path` (a file or a directory, "" for the root) differs
// between the commit and its first parent, as history() compares entries:
// by id, so a file whose mode alone changed has not changed.
bool entry_changed(const std::vector<Leaf>& leaves, std::string_view path) {
    for (const Leaf& leaf : leaves) {
        if (leaf.path == path) {
            if (leaf.old_mode == 0 || leaf.new_mode == 0) return true;
            if (!git_oid_equal(&leaf.old_id, &leaf.new_id)) return true;
            continue;
        }
        // Below a directory at `path`: its tree differs (an entry came, went or
        // changed in id or mode). A file at `path` on one side only, with a
        // directory on the other, shows as leaves on both.
        if (within(leaf.path, path)) return true;
    }
    return false;
}

}  // namespace

void Repository::walk_history(const WalkOptions& options,
                              const std::function<bool(WalkStep& step)>& visit) const {
    const git::WalkReads walk_reads;
    const PathFilter filter(options.paths);
    CommitRecords records(*impl_);
    // A walk that follows some paths diffs only along them (remembered for them).
    std::optional<WalkOptions::Narrow> narrow = options.narrow;
    if (!narrow && !filter.everything()) {
        narrow.emplace();
        narrow->may_hold = [&](std::string_view directory) { return filter.may_hold(directory); };
        narrow->wants = [&](std::string_view file) { return filter.takes(file); };
        narrow->remember_as = filter.name();
    }
    const WalkOptions::Narrow* const narrowed = narrow ? &*narrow : nullptr;
    // One commit: selected as history() selects (with paths, when the entry
    // of one of them differs from the first parent's), its changed files
    // reported, visited. False when the visitor stops the walk.
    auto step = [&](CommitRecord record) {
        if (!options.paths.empty() &&
            std::none_of(options.paths.begin(), options.paths.end(),
                         [&](const std::string& p) { return entry_changed(record.leaves, p); })) {
            return true;
        }
        WalkStep out;
        if (options.changes) {
            for (const Leaf& leaf : record.leaves) {
                const bool old_file = is_file_mode(leaf.old_mode);
                const bool new_file = is_file_mode(leaf.new_mode);
                if (!old_file && !new_file) continue;
                if (old_file && new_file && git_oid_equal(&leaf.old_id, &leaf.new_id)) continue;
                if (!filter.takes(leaf.path) || (options.keep && !options.keep(leaf.path)))
                    continue;
                FileChange change;
                change.path = leaf.path;
                if (old_file) change.old_blob = git::hex(leaf.old_id);
                if (new_file) change.new_blob = git::hex(leaf.new_id);
                out.changes.push_back(std::move(change));
            }
        }
        if (!record.has_info && (options.info_without_changes || !out.changes.empty()))
            record.info = records.info_of(record.info.id);
        out.commit = std::move(record.info);
        return visit(out);
    };

    // The order of history(): libgit2's topological one, ties by commit time.
    // Down to the first merge it is the chain of parents (a commit with one
    // parent is the only one left to list once its children are listed), so
    // it is followed record by record, reading nothing from git once the
    // records are remembered; the first-parent walk is that chain all along.
    // From a merge on, the rest is a walk from that merge, which libgit2 sorts.
    git_oid id = *git_commit_id(impl_->lookup_commit(options.from).get());
    // Commit ids cannot form a loop, but what a walk reads of a commit's
    // parents may come from files beside the objects (accord's cache, git's
    // commit-graph), which a copied repository can bring: a commit met again
    // ends the walk with an error instead of looping for ever.
    std::unordered_set<std::string> seen;
    for (;;) {
        if (!seen.emplace(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ).second) {
            throw failure("cannot walk the history of " + impl_->where + ": commit " +
                          git::hex(id) +
                          " comes back as its own ancestor; a file read beside the objects "
                          "is corrupt (delete .git/accord/cache and .git/objects/info/"
                          "commit-graph, then run again: both are rebuilt)");
        }
        CommitRecord record = records.of(id, narrowed);
        if (options.walk == Walk::full && record.info.parents.size() > 1) break;
        const std::optional<std::string> parent =
            record.info.parents.empty() ? std::nullopt
                                        : std::optional<std::string>(record.info.parents.front());
        if (!step(std::move(record)) || !parent) return;
        id = git::parse_id(*parent, "parent");
    }
    impl_->walk_commits(git::hex(id), Walk::full, [&](const git_commit* commit) {
        return step(records.of(*git_commit_id(commit), narrowed));
    });
}

std::vector<Repository::EntryChange> Repository::changed_entries(
    const std::string& old_commit, const std::string& new_commit) const {
    const git::UnverifiedReads unverified;
    git_odb* const odb = impl_->object_database();
    TreeMemo trees(*impl_);
    const auto root = [&](const std::string& commit) {
        const git::CommitPtr read = impl_->lookup_commit(commit);
        return trees.get(odb, *git_commit_tree_id(read.get()),
                         [&] { return "of commit " + commit + " in " + impl_->where; });
    };
    const RawTreePtr old_tree = root(old_commit), new_tree = root(new_commit);
    std::vector<Leaf> leaves;
    TreeDiff(*impl_, trees, leaves,
             "of commit " + old_commit + " or " + new_commit + " in " + impl_->where)
        .diff(old_tree.get(), new_tree.get());
    std::vector<EntryChange> out;
    for (const Leaf& leaf : leaves) {
        // A path that is a file or link on one side and a directory on the
        // other comes once per side's leaves; merged here into one entry.
        if (out.empty() || out.back().path != leaf.path) out.push_back({leaf.path, {}, {}});
        EntryChange& change = out.back();
        if (is_file_mode(leaf.old_mode)) change.old_file = git::hex(leaf.old_id);
        if (is_file_mode(leaf.new_mode)) change.new_file = git::hex(leaf.new_id);
        change.old_link = change.old_link || leaf.old_mode == GIT_FILEMODE_LINK;
        change.new_link = change.new_link || leaf.new_mode == GIT_FILEMODE_LINK;
    }
    return out;
}

std::vector<CommitInfo> Repository::commits(const std::vector<std::string>& ids) const {
    const git::UnverifiedReads unverified;
    CommitRecords records(*impl_);
    std::vector<CommitInfo> out;
    out.reserve(ids.size());
    for (const std::string& id : ids) out.push_back(records.of(git::parse_id(id, "commit")).info);
    return out;
}

}  // namespace accord
