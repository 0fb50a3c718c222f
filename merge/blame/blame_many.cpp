#include "merge/blame/blame_many.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/store/cache.hpp"
#include "core/util/errors.hpp"
#include "core/util/memory.hpp"
#include "core/util/notice.hpp"
#include "merge/blame/blame_history.hpp"
#include "merge/blame/blame_memo.hpp"
#include "merge/blame/text_moves.hpp"
#include "merge/diff/token_diff.hpp"

namespace accord {

namespace {

// One change of one text, as the walk met it.
// The note for a text left out of the attribution: `path`, or with
// `earlier` a version of it, is `size` bytes.
std::string left_out(const std::string& path, std::size_t size, bool earlier = false) {
    return beyond_word_by_word(earlier ? "a version of '" + path + "'" : "'" + path + "'", size) +
           ": it is left out of the attribution";
}

struct TextChange {
    std::size_t commit = 0;               // index into the commits that changed a text
    std::optional<std::string> old_blob;  // at its first parent
    std::optional<std::string> new_blob;  // nullopt: deleted here
};

}  // namespace

void blame_files(const Workspace& ws, const std::vector<std::string>& given,
                 const std::string& commit, const BlameManyOptions& options,
                 const std::function<void(std::size_t, FileBlame&&)>& each) {
    const Repository& repo = ws.repo();
    std::vector<std::string> paths;                        // those blamed
    std::vector<std::size_t> given_at;                     // their indices into `given`
    std::unordered_map<std::string, std::size_t> text_of;  // path -> index into paths
    // The commit's files from one walk of its tree (read by path, each text
    // would read every tree on its way again: quadratic in a directory of
    // many texts).
    const std::map<std::string, std::string> ids =
        given.size() > 1 ? repo.file_ids(commit) : std::map<std::string, std::string>{};
    for (std::size_t k = 0; k < given.size(); ++k) {
        const auto id = ids.find(given[k]);
        const std::optional<std::string> text =
            id != ids.end()
                ? std::optional<std::string>(repo.read_file_blob(id->second, given[k], commit))
                : repo.read_file_at(commit, given[k]);
        if (!text) throw_no_text(ws, commit, given[k]);
        if (looks_binary(*text)) {
            if (options.skip_binary) continue;
            throw usage_error("blame: '" + given[k] + "' is a binary file");
        }
        if (!comparable_word_by_word(*text)) {
            notice(left_out(given[k], text->size()));
            continue;
        }
        text_of.emplace(given[k], paths.size());
        paths.push_back(given[k]);
        given_at.push_back(k);
    }
    if (paths.empty()) return;
    const std::size_t blamed = paths.size();  // paths[blamed...]: texts deleted by `commit`

    // One walk, newest first: the commits that changed one of the texts, and
    // each text's changes.
    std::vector<CommitInfo> commits;  // the revision and those that changed a text, newest first
    std::vector<std::size_t> commit_step;                        // their steps in the walk
    std::vector<std::vector<TextChange>> changes(paths.size());  // per text, newest first
    std::size_t steps = 0;
    Repository::WalkOptions walk;
    walk.from = commit;
    walk.walk = Walk::full;
    // Texts the revision no longer holds (renamed, or merged into another and
    // deleted) are walked too, for the wording they gave: as blame_file
    // walks them, and never handed on.
    std::set<std::string, std::less<>> held;
    for (const std::string& path : ws.texts(commit)) held.insert(path);
    walk.keep = [&](std::string_view path) {
        return text_of.count(std::string(path)) > 0 || (is_text_path(path) && !held.count(path));
    };
    repo.walk_history(walk, [&](Repository::WalkStep& step) {
        const std::size_t at = steps++;
        // The revision itself is kept: it may be a text's last version
        // (see below).
        if (step.changes.empty() && at != 0) return true;
        for (Repository::FileChange& change : step.changes) {
            if (!text_of.count(change.path)) {
                text_of.emplace(change.path, paths.size());
                paths.push_back(change.path);
                changes.emplace_back();
            }
            changes[text_of.at(change.path)].push_back(
                {commits.size(), std::move(change.old_blob), std::move(change.new_blob)});
        }
        commits.push_back(std::move(step.commit));
        commit_step.push_back(at);
        return true;
    });
    held = {};
    // A merge at the revision that kept one parent's text against another
    // parent's later version (git merge -s ours, a conflict settled with
    // one side's file) differs from no first parent: the walk made no
    // version for it, and a text's last version may be the one it set
    // aside. The revision is then a version of the text, made from the one
    // its first parent holds (as blame_file makes it).
    if (!commits.empty() && commit_step.front() == 0) {
        for (std::size_t t = 0; t < blamed; ++t) {
            if (changes[t].empty() || changes[t].front().commit == 0) continue;
            const auto id = ids.find(paths[t]);
            const std::optional<std::string> blob = id != ids.end()
                                                        ? std::optional<std::string>(id->second)
                                                        : repo.blob_id_at(commit, paths[t]);
            if (blob && changes[t].front().new_blob != blob)
                changes[t].insert(changes[t].begin(), TextChange{0, blob, blob});
        }
    }
    std::vector<FileBlame> out(paths.size());
    // The order of proposals, oldest first, as blame_file numbers them.
    const auto proposal_of = [&](std::size_t c) { return steps - 1 - commit_step[c]; };

    // Each text's versions, oldest first, parents mapped as blame_file maps
    // them (make_versions), a text followed back across its moves.
    // Walk indices run newest first; PathChange's run oldest first.
    const auto age = [&](std::size_t c) { return commits.size() - 1 - c; };
    RenameBlobs blobs(repo);
    CommitMoves moves(std::ref(blobs));
    for (std::size_t t = 0; t < paths.size(); ++t) {
        for (const TextChange& change : changes[t])
            moves.add(age(change.commit), paths[t], change.old_blob, change.new_blob);
    }
    TextMoveSource source;
    source.changes_of = [&](const std::string& path) {
        std::vector<PathChange> out;
        if (const auto it = text_of.find(path); it != text_of.end()) {
            for (auto c = changes[it->second].rbegin(); c != changes[it->second].rend(); ++c)
                out.push_back({age(c->commit), c->old_blob, c->new_blob});
        }
        return out;
    };
    source.moved_from = [&](std::size_t key, const std::string& path) {
        return moves.moved_from(key, path);
    };
    std::vector<std::vector<std::string>> blob_ids(paths.size());
    std::vector<std::vector<std::size_t>> version_commits(paths.size());
    for (std::size_t t = 0; t < paths.size(); ++t) {
        FileBlame& blame = out[t];
        blame.path = paths[t];
        blame.revision = commit;
        // A text the revision holds is followed across its moves; one it no
        // longer holds is walked for the wording it gave, at its path alone.
        FollowedText followed =
            t < blamed ? follow_text_moves(paths[t], source) : FollowedText{{paths[t]}, {}};
        if (t >= blamed) {
            for (auto c = changes[t].rbegin(); c != changes[t].rend(); ++c)
                followed.changes.push_back({{age(c->commit), c->old_blob, c->new_blob}, 0});
        }
        std::vector<VersionChange> made;
        made.reserve(followed.changes.size());
        for (FollowedText::Change& change : followed.changes) {
            const std::size_t c = age(change.change.commit);
            made.push_back({&commits[c], std::move(change.change.new_blob),
                            std::move(change.change.old_blob), change.name});
        }
        MadeVersions versions = make_versions(repo, followed.names, made, true);
        for (std::size_t v = 0; v < versions.versions.size(); ++v) {
            const VersionChange& change = made[versions.made_by[v]];
            const std::size_t c = static_cast<std::size_t>(change.commit - commits.data());
            versions.versions[v].proposal = proposal_of(c);
            blob_ids[t].push_back(change.new_blob.value_or(""));
            version_commits[t].push_back(c);
            blame.version_names.push_back(change.name);
        }
        blame.names = std::move(followed.names);
        blame.history.versions = std::move(versions.versions);
        if (blame.history.versions.empty() && t < blamed)
            throw usage_error("blame: no proposal recorded '" + paths[t] + "'" +
                              cache_suspect_note("its history"));
    }
    text_of = {};
    changes = {};

    BlameOptions blame;
    blame.parse = ws.parse_options();
    blame.across_texts = options.across_texts;
    blame.count_own_words = options.count_own_words;
    std::vector<TextVersions> texts;
    texts.reserve(paths.size());
    for (const FileBlame& b : out) texts.push_back({b.history.versions});
    // A text with a version too large to compare word by word (a file of
    // another kind, committed past accord's checks) is read as empty there,
    // so that the other texts are attributed, and is itself left out.
    auto too_large = std::make_unique<std::atomic<std::size_t>[]>(paths.size());
    const ReadVersionText read = [&](std::size_t t, std::size_t v) -> std::string {
        if (blob_ids[t][v].empty()) return "";  // deleted there
        std::string text = repo.read_blob_unverified(blob_ids[t][v]);
        if (!comparable_word_by_word(text)) {
            too_large[t] = text.size();
            return "";
        }
        if (options.version_texts) out[t].history.versions[v].text = text;
        return text;
    };
    // Proposals read once per commit; origins made local as blame_file makes
    // them: the text's own versions first, then other texts' proposals in
    // the order the spans name them.
    std::unordered_map<std::size_t, Proposal> proposals;  // by index into commits
    const auto proposal_at = [&](std::size_t c) -> const Proposal& {
        auto it = proposals.find(c);
        if (it == proposals.end())
            it = proposals
                     .emplace(c, credited_for_own_wording(read_proposal(commits[c], ws.config())))
                     .first;
        return it->second;
    };
    const auto commit_of_proposal = [&](std::size_t proposal) {
        const std::size_t step = steps - 1 - proposal;
        return static_cast<std::size_t>(
            std::lower_bound(commit_step.begin(), commit_step.end(), step) - commit_step.begin());
    };
    // A text is done with once its result is handed on: the walk reads its
    // versions (the span in `texts`, the reads above) no more.
    std::size_t finished = 0;
    constexpr std::size_t kTrimEvery = 500;
    std::vector<bool> handed_on(paths.size(), false);
    const auto hand_on = [&](std::size_t t, BlameResult&& result) {
        handed_on[t] = true;
        if (t >= blamed) return;  // a deleted text, walked for the wording it gave
        if (const std::size_t size = too_large[t]; size > 0) {
            notice(left_out(paths[t], size, true));
            return;
        }
        FileBlame& b = out[t];
        std::vector<BlameVersion>& versions = b.history.versions;
        for (std::size_t v = 0; v < versions.size(); ++v) {
            const Proposal& p = proposal_at(version_commits[t][v]);
            versions[v].proposers = p.proposers;
            versions[v].date = p.date;
            b.history.proposals.push_back(p);
        }
        b.result = std::move(result);
        std::map<std::size_t, std::size_t> local;
        for (std::size_t v = 0; v < versions.size(); ++v) local[versions[v].proposal] = v;
        const auto localise = [&](std::size_t proposal) {
            const auto [it, added] = local.try_emplace(proposal, b.history.proposals.size());
            if (added) b.history.proposals.push_back(proposal_at(commit_of_proposal(proposal)));
            return it->second;
        };
        for (BlameSpan& span : b.result.spans) {
            span.origin = localise(span.origin);
            if (span.restored_by) span.restored_by = localise(*span.restored_by);
        }
        each(given_at[t], std::move(b));
        b = FileBlame{};
        if (++finished % kTrimEvery == 0) release_free_memory();
    };

    // When this walk was blamed before (the same versions of the same
    // texts), its results are read back, in the order the walk would give
    // them; the texts' versions are then never read.
    BlameMemo memo(ws, blame, texts, blob_ids, BlameOrigins::proposals);
    bool remembered = !options.version_texts && !options.count_own_words;
    for (std::size_t t = 0; remembered && t < paths.size(); ++t) remembered = memo.has(t);
    if (remembered) {
        std::vector<std::size_t> by_last_proposal(paths.size());
        std::iota(by_last_proposal.begin(), by_last_proposal.end(), 0);
        std::stable_sort(
            by_last_proposal.begin(), by_last_proposal.end(), [&](std::size_t a, std::size_t b) {
                return texts[a].versions.back().proposal < texts[b].versions.back().proposal;
            });
        for (const std::size_t t : by_last_proposal) {
            // A text the revision no longer holds ends in an empty version.
            std::optional<BlameResult> result = memo.find(t, read(t, blob_ids[t].size() - 1));
            if (!result) break;  // the rest are attributed below
            hand_on(t, std::move(*result));
        }
        if (finished == blamed) return;
    }
    blame_texts(texts, blame, read, [&](std::size_t t, BlameResult&& result) {
        if (handed_on[t]) return;
        if (too_large[t] == 0) memo.put(t, result);  // left out again next time
        hand_on(t, std::move(result));
    });
}

std::vector<FileBlame> blame_files(const Workspace& ws, const std::vector<std::string>& paths,
                                   const std::string& commit, const BlameManyOptions& options) {
    std::vector<FileBlame> out(paths.size());
    blame_files(ws, paths, commit, options,
                [&](std::size_t t, FileBlame&& blame) { out[t] = std::move(blame); });
    return out;
}

}  // namespace accord
