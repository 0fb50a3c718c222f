#include "merge/diff/revision_diff.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "core/store/revision.hpp"
#include "core/util/errors.hpp"
#include "core/util/notice.hpp"
#include "core/util/parallel.hpp"
#include "core/util/terminal.hpp"
#include "merge/diff/renames.hpp"

namespace accord {

namespace {

bool is_revision(const Workspace& ws, const std::string& name) {
    try {
        ws.resolve(name);
        return true;
    } catch (const Error&) {
        return false;
    }
}

// A file of the work tree, or one HEAD holds (deleted, not yet proposed).
bool names_a_file(const Workspace& ws, const std::string& arg) {
    if (std::filesystem::exists(arg)) return true;
    try {
        const std::vector<std::string> tracked = ws.texts("");
        return std::find(tracked.begin(), tracked.end(), ws.repo().relative_path(arg)) !=
               tracked.end();
    } catch (const Error&) {
        return false;  // outside the work tree: no file of it
    }
}

std::optional<std::string> id_of(const std::map<std::string, std::string>& ids,
                                 const std::string& path) {
    const auto found = ids.find(path);
    if (found == ids.end()) return std::nullopt;
    return found->second;
}

void refuse_uncomparable(const std::string& label, const std::string& text) {
    if (looks_binary(text)) {
        throw usage_error("diff: " + label +
                          " is a binary file; accord compares negotiation texts (UTF-8 Markdown)");
    }
    if (!comparable_word_by_word(text))
        throw usage_error("diff: " + too_large_to_compare(label, text.size()));
}

// Texts described together: enough to keep two threads busy, few enough
// that a whole tree's texts are never held at once.
constexpr std::size_t kBatch = 32;

// Describes batches on two threads while the calling thread reads the
// next batch, and visits each in order on the calling thread.
class BatchDescriber {
  public:
    BatchDescriber(const RevisionDiffOptions& options,
                   const std::function<void(const DescribedPair&)>& visit)
        : options_(options), visit_(visit) {}
    ~BatchDescriber() {
        if (running_.joinable()) running_.join();
    }
    BatchDescriber(const BatchDescriber&) = delete;
    BatchDescriber& operator=(const BatchDescriber&) = delete;

    // Hands `batch` over (visiting the one before first).
    void add(std::vector<TextPair> batch) {
        finish();
        current_ = Batch{};
        current_.pairs = std::move(batch);
        running_ = std::thread([this] { describe(current_); });
    }
    // Visits the batch handed over last; rethrows the first pair's error
    // once the pairs before it were visited.
    void finish() {
        if (!running_.joinable()) return;
        running_.join();
        for (std::size_t k = 0; k < current_.pairs.size(); ++k) {
            if (current_.errors[k]) std::rethrow_exception(current_.errors[k]);
            visit_(*current_.described[k]);
        }
        current_ = Batch{};
    }

  private:
    struct Batch {
        std::vector<TextPair> pairs;
        std::vector<std::optional<DescribedPair>> described;
        std::vector<std::exception_ptr> errors;
    };

    // On the batch's thread and one helper.
    void describe(Batch& batch) const {
        batch.described.resize(batch.pairs.size());
        batch.errors.resize(batch.pairs.size());
        for_each_index(batch.pairs.size(), [&](std::size_t k) {
            try {
                batch.described[k] = describe_pair(std::move(batch.pairs[k]), options_.parse);
                if (options_.render)
                    batch.described[k]->rendered = options_.render(*batch.described[k]);
            } catch (...) {
                batch.errors[k] = std::current_exception();
            }
        });
    }

    const RevisionDiffOptions& options_;
    const std::function<void(const DescribedPair&)>& visit_;
    Batch current_;
    std::thread running_;
};

}  // namespace

RevisionDiffRequest revision_diff_request(const Workspace& ws, std::vector<std::string> revisions,
                                          const std::vector<std::string>& paths) {
    if (ws.repo().is_empty_branch()) throw usage_error("diff: the repository has no proposals yet");
    std::vector<std::string> given_paths = paths;
    if (given_paths.empty()) {
        while (!revisions.empty() && !is_revision(ws, revisions.back()) &&
               names_a_file(ws, revisions.back())) {
            given_paths.insert(given_paths.begin(), revisions.back());
            revisions.pop_back();
        }
    }
    if (revisions.size() == 1) {  // git's range form, A..B
        if (const auto range = revision_range(revisions.front()))
            revisions = {range->first, range->second};
    }
    if (revisions.size() > 2) {
        throw usage_error(
            "diff takes at most two revisions; put paths after '--': accord diff HEAD~1 -- "
            "recs/A-1.md");
    }
    RevisionDiffRequest request;
    request.old_commit = ws.resolve(revisions.empty() ? "HEAD" : revisions[0]);
    request.new_commit = revisions.size() == 2 ? ws.resolve(revisions[1]) : "";
    request.old_name = revisions.empty() ? "HEAD" : revisions[0];
    request.new_name = revisions.size() == 2 ? revisions[1] : "working tree";
    for (const std::string& path : given_paths)
        request.paths.push_back(ws.repo().relative_path(path));
    if (!request.new_commit.empty() && request.paths.empty()) {
        // Two commits, every text: the links among the entries that differ
        // between them, as the texts compared are those (diff_revisions).
        // A link standing alike at both is no part of their difference.
        request.changed = ws.repo().changed_entries(request.old_commit, request.new_commit);
        for (const Repository::EntryChange& change : *request.changed) {
            if ((change.old_link || change.new_link) && is_text_path(change.path))
                request.skipped_links.push_back(change.path);
        }
    } else {
        request.skipped_links = ws.skipped_links(request.old_commit);
        for (const std::string& path : ws.skipped_links(request.new_commit))
            request.skipped_links.push_back(path);
    }
    std::sort(request.skipped_links.begin(), request.skipped_links.end());
    request.skipped_links.erase(
        std::unique(request.skipped_links.begin(), request.skipped_links.end()),
        request.skipped_links.end());
    return request;
}

DescribedPair describe_pair(TextPair pair, const ParseOptions& options) {
    refuse_uncomparable(pair.old_label, pair.old_text);
    refuse_uncomparable(pair.new_label, pair.new_text);
    DescribedPair out;
    out.before = parse(pair.old_text, options);
    out.after = parse(pair.new_text, options);
    out.changes = structural_diff(out.before, out.after);
    out.texts = std::move(pair);
    return out;
}

namespace {

// The texts the old side has and the new side lacks, paired with those the
// new side added, as find_renames pairs them (half their words in common).
// The work tree's added texts are read as they would be recorded.
std::vector<Rename> moved_texts(const Workspace& ws, const RevisionDiffRequest& request,
                                const std::map<std::string, std::string>& old_ids,
                                const std::map<std::string, std::string>& new_ids) {
    const bool work_tree = request.new_commit.empty();
    const auto skipped = [&](const std::string& path) {
        return !is_text_path(path) ||
               std::binary_search(request.skipped_links.begin(), request.skipped_links.end(), path);
    };
    RenameBlobs blobs(ws.repo());
    TreeFiles removed, added;
    if (work_tree) {
        for (const std::string& path : ws.texts("")) {
            if (skipped(path) || old_ids.count(path) != 0) continue;
            std::optional<std::string> text = ws.read("", path);
            if (!text) continue;
            const std::string id = Repository::hash_blob(*text);
            blobs.put(id, std::move(*text));
            added.emplace(path, id);
        }
        if (added.empty()) return {};
        for (const auto& [path, id] : old_ids) {
            if (!skipped(path) && !ws.read("", path)) removed.emplace(path, id);
        }
    } else {
        for (const auto& [path, id] : new_ids)
            if (!skipped(path) && old_ids.count(path) == 0) added.emplace(path, id);
        for (const auto& [path, id] : old_ids)
            if (!skipped(path) && new_ids.count(path) == 0) removed.emplace(path, id);
    }
    if (removed.empty() || added.empty()) return {};
    return find_renames(removed, added, std::ref(blobs));
}

}  // namespace

void diff_revisions(const Workspace& ws, const RevisionDiffRequest& request,
                    const RevisionDiffOptions& options,
                    const std::function<void(const DescribedPair&)>& visit) {
    const bool work_tree = request.new_commit.empty();
    std::map<std::string, std::string> old_ids, new_ids;
    if (!work_tree && request.paths.empty()) {
        // Two commits, every text: the files whose entries differ, read
        // from the subtrees that differ alone; the texts alike on both sides
        // would be passed over below anyway.
        const std::vector<Repository::EntryChange> changed =
            request.changed ? std::vector<Repository::EntryChange>()
                            : ws.repo().changed_entries(request.old_commit, request.new_commit);
        for (const Repository::EntryChange& change : request.changed ? *request.changed : changed) {
            if (change.old_file) old_ids.emplace(change.path, *change.old_file);
            if (change.new_file) new_ids.emplace(change.path, *change.new_file);
        }
    } else {
        old_ids = ws.repo().file_ids(request.old_commit);
        if (!work_tree) new_ids = ws.repo().file_ids(request.new_commit);
    }
    // Every text compared: a text moved between the sides (renamed, perhaps
    // edited on the way) is one text at its new path, compared with itself
    // at the old one, as log and merge pair moves: not one text's
    // paragraphs all deleted and another's all added.
    std::map<std::string, std::string> old_paths = request.old_paths;
    std::set<std::string> moved_away;  // old paths whose text stands elsewhere now
    if (request.paths.empty()) {
        for (const Rename& rename : moved_texts(ws, request, old_ids, new_ids)) {
            old_paths[rename.to] = rename.from;
            moved_away.insert(rename.from);
        }
    }
    // The path a text had on each side: where it stood before a move.
    const auto path_on = [](const std::map<std::string, std::string>& moved,
                            const std::string& path) -> const std::string& {
        const auto it = moved.find(path);
        return it == moved.end() ? path : it->second;
    };
    const auto old_path_of = [&](const std::string& path) -> const std::string& {
        return path_on(old_paths, path);
    };
    const auto new_path_of = [&](const std::string& path) -> const std::string& {
        return path_on(request.new_paths, path);
    };
    const auto on_new_side = [&](const std::string& path) {
        return work_tree ? ws.read("", path).has_value() : new_ids.count(new_path_of(path)) > 0;
    };

    const std::vector<std::string>& links = request.skipped_links;
    std::vector<std::string> paths = request.paths;
    if (paths.empty()) {
        // The texts of either side (the work tree's: those HEAD holds).
        for (const auto& [path, id] : old_ids) {
            if (is_text_path(path)) paths.push_back(path);
        }
        const std::vector<std::string> new_texts =
            work_tree ? ws.texts("") : std::vector<std::string>();
        for (const auto& [path, id] : new_ids) {
            if (is_text_path(path) && old_ids.count(path) == 0) paths.push_back(path);
        }
        for (const std::string& path : new_texts) {
            if (old_ids.count(path) == 0) paths.push_back(path);
        }
        std::sort(paths.begin(), paths.end());
        paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    } else {
        // A path on neither side is the user's mistake: said before any
        // output. (A link on either side is named in the note, and skipped.)
        for (const std::string& path : paths) {
            if (std::binary_search(links.begin(), links.end(), path)) continue;
            if (old_ids.count(old_path_of(path)) == 0 && !on_new_side(path)) {
                throw usage_error("diff: '" + path + "' is in neither " + request.old_name +
                                  " nor " + request.new_name);
            }
        }
    }
    BatchDescriber describer(options, visit);
    std::vector<TextPair> batch;
    for (const std::string& path : paths) {
        if (std::binary_search(links.begin(), links.end(), path)) continue;
        if (moved_away.count(path) != 0) continue;  // compared at its new path
        const std::string& old_path = old_path_of(path);
        const std::optional<std::string> old_id = id_of(old_ids, old_path);
        const std::string& new_path = new_path_of(path);
        // (A text moved word for word is still shown: it moved.)
        const bool moved = old_path != path;
        if (!work_tree && old_id && old_id == id_of(new_ids, new_path) && !moved) continue;
        // By blob id where the side is a commit: no second look-up by path,
        // nor hashing the object again (as git diff reads objects).
        const auto read_side = [&](const std::string& commit, const std::optional<std::string>& id,
                                   const std::string& side_path) {
            if (commit.empty() || !id) return ws.read(commit, side_path);
            return std::optional<std::string>(ws.repo().read_blob_unverified(*id, side_path));
        };
        const std::optional<std::string> new_text = read_side(
            request.new_commit, work_tree ? std::nullopt : id_of(new_ids, new_path), new_path);
        // The work tree's text as it would be recorded, hashed: unchanged
        // texts are not read from the repository.
        if (work_tree && old_id && new_text && !moved &&
            Repository::hash_blob(*new_text) == *old_id)
            continue;
        const std::optional<std::string> old_text = read_side(request.old_commit, old_id, old_path);
        if (!old_text && !new_text) {
            throw usage_error("diff: '" + path + "' is in neither " + request.old_name + " nor " +
                              request.new_name);
        }
        if (old_text == new_text && !moved) continue;
        // Every text compared, none named: a binary file among them (a
        // '.md' of other bytes, committed with git) is said and skipped, as
        // a link is, not the end of the whole comparison.
        if (request.paths.empty() &&
            ((old_text && looks_binary(*old_text)) || (new_text && looks_binary(*new_text)))) {
            notice("diff: " + escape_line(path) +
                   " is a binary file, not a negotiation text (UTF-8 Markdown); skipped");
            continue;
        }
        batch.push_back({path, old_text ? request.old_name + ":" + old_path : "/dev/null",
                         new_text ? request.new_name + ":" + new_path : "/dev/null",
                         old_text.value_or(""), new_text.value_or(""),
                         old_text && new_text && moved ? old_path : std::string()});
        if (batch.size() == kBatch) describer.add(std::exchange(batch, {}));
    }
    if (!batch.empty()) describer.add(std::move(batch));
    describer.finish();
}

}  // namespace accord
