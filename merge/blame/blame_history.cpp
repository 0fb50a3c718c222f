#include "merge/blame/blame_history.hpp"

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <set>
#include <unordered_map>

#include "core/store/cache.hpp"
#include "core/util/errors.hpp"
#include "merge/blame/blame_memo.hpp"
#include "merge/blame/blob_prefetch.hpp"
#include "merge/blame/checkpoint_store.hpp"
#include "merge/blame/text_moves.hpp"

namespace accord {

namespace {

void add_proposal(FileHistory& history, std::size_t v, Proposal proposal);

// The versions of a text made by `commits` (oldest first; a commit whose
// blob is nullopt deleted it), as make_versions makes them from the text's
// `names` (the first its path; `name_of`, when given, names each commit's
// path, else the first); with the texts left unread when `blob_ids` is
// given: it gets each version's blob id instead, for the caller to read;
// and with the proposals left unread when `unread` is given: it gets each
// version's commit instead, for read_proposals.
// `first_parent_blobs`, when given, holds the text's blob in each commit's
// first parent (as the walk found it), which is then not looked up again.
// `made_by`, when given, gets the index into `commits` of each version.
FileHistory versions_of(const Workspace& ws, const std::vector<std::string>& names,
                        std::vector<Repository::FileCommit> commits,
                        std::vector<std::string>* blob_ids,
                        std::vector<CommitInfo>* unread = nullptr,
                        const std::vector<std::optional<std::string>>* first_parent_blobs = nullptr,
                        bool deletions = false, const std::vector<std::size_t>* name_of = nullptr,
                        std::vector<std::size_t>* made_by = nullptr) {
    std::vector<VersionChange> changes(commits.size());
    for (std::size_t i = 0; i < commits.size(); ++i) {
        changes[i].commit = &commits[i].commit;
        changes[i].new_blob = commits[i].blob;
        if (first_parent_blobs) changes[i].first_parent_blob = (*first_parent_blobs)[i];
        if (name_of) changes[i].name = (*name_of)[i];
    }
    MadeVersions made = make_versions(ws.repo(), names, changes, deletions);
    if (made_by) *made_by = made.made_by;
    FileHistory out;
    out.versions = std::move(made.versions);
    if (blob_ids) blob_ids->reserve(out.versions.size());
    if (unread) unread->reserve(out.versions.size());
    for (std::size_t v = 0; v < out.versions.size(); ++v) {
        auto& [c, blob] = commits[made.made_by[v]];
        if (blob_ids) {
            blob_ids->push_back(blob.value_or(""));
        } else if (blob) {
            out.versions[v].text = ws.repo().read_blob_unverified(*blob);
        }
        if (unread) {
            unread->push_back(std::move(c));  // the last use of this commit
        } else {
            add_proposal(out, v, credited_for_own_wording(read_proposal(c, ws.config())));
        }
    }
    return out;
}

// Fills in what version `v` of `history` takes from its proposal.
void add_proposal(FileHistory& history, std::size_t v, Proposal proposal) {
    history.versions[v].proposers = proposal.proposers;
    history.versions[v].date = proposal.date;
    history.proposals.push_back(std::move(proposal));
}

std::vector<Proposal> read_proposals(const std::vector<CommitInfo>& commits, const Config& config) {
    std::vector<Proposal> out;
    out.reserve(commits.size());
    for (const CommitInfo& c : commits)
        out.push_back(credited_for_own_wording(read_proposal(c, config)));
    return out;
}

}  // namespace

FileHistory file_history(const Workspace& ws, const std::string& path, const std::string& commit) {
    std::vector<Repository::FileCommit> commits = ws.repo().file_commits(commit, path);
    std::reverse(commits.begin(), commits.end());  // oldest first
    return versions_of(ws, {path}, std::move(commits), nullptr);
}

namespace {

// The history up to a commit, walked once (tree diffs, each commit once):
// every commit, and for each text of interest the commits that changed it.
// Blame reads the blamed text's versions and those of the texts that may
// give it wording from this one walk, not one walk per text.
struct WalkedTexts {
    std::vector<CommitInfo> order;  // every commit, oldest first: the proposals' order
    // Per text: for each commit whose entry differs from its first
    // parent's, oldest first, the commit's index into order, and the blob
    // there and in the first parent (nullopt: absent, or not a file).
    struct Change {
        std::size_t commit;
        std::optional<std::string> old_blob, new_blob;
    };
    std::map<std::string, std::vector<Change>> changes;
    // The commits (indices into order) that created a text found to give
    // wording: a rename or split whose old texts give wording in turn.
    std::set<std::size_t> creations;

    // The changes of `path` as file_commits gives them, oldest first.
    std::vector<Repository::FileCommit> commits_of(const std::string& path) const {
        std::vector<Repository::FileCommit> out;
        const auto it = changes.find(path);
        if (it == changes.end()) return out;
        out.reserve(it->second.size());
        for (const Change& change : it->second)
            out.push_back({order[change.commit], change.new_blob});
        return out;
    }
    // The blob of `path` in the first parent of each of those commits.
    std::vector<std::optional<std::string>> first_parent_blobs(const std::string& path) const {
        std::vector<std::optional<std::string>> out;
        if (const auto it = changes.find(path); it != changes.end()) {
            for (const Change& change : it->second) out.push_back(change.old_blob);
        }
        return out;
    }
};

// The text `path` holds at `commit` as its last version: a merge there
// that kept one parent's text against another parent's later version (git
// merge -s ours, a conflict settled with one side's file) differs from no
// first parent, so the walk made no version for it, and the last version
// it made may be the text the merge set aside. The revision is then a
// version of its own, made from the version its first parent holds (every
// word of it goes to that parent's proposers, as git blame reads it).
void end_at_the_revision(const Repository& repo, const std::string& commit, const std::string& path,
                         WalkedTexts& walked) {
    const auto changes = walked.changes.find(path);
    if (walked.order.empty() || changes == walked.changes.end() || changes->second.empty()) return;
    const std::size_t head = walked.order.size() - 1;
    const WalkedTexts::Change& last = changes->second.back();
    const std::optional<std::string> blob = repo.blob_id_at(commit, path);
    if (!blob || last.commit == head || last.new_blob == blob) return;
    changes->second.push_back({head, blob, blob});
    // Its proposal is read like any version's (the walk read its id alone).
    walked.order[head] = repo.commits({walked.order[head].id}).front();
}

// Walks the history from `commit` once, keeping the changes of `blamed`
// (its blobs handed to `prefetch` as found) and of the other texts (any
// path a text may have, those deleted since too) that can give it wording: every change, newest
// first, from the blamed text's last version on (all of them with across_texts), else from a text's
// last change in a proposal that made a version of the blamed text. The changes left out are those
// newer than any a donor is read for.
WalkedTexts walk_texts(const Workspace& ws, const std::string& commit, const std::string& blamed,
                       bool across_texts, BlobPrefetcher& prefetch) {
    WalkedTexts out;
    Repository::WalkOptions walk;
    walk.from = commit;
    walk.keep = [&](std::string_view path) { return path == blamed || is_text_path(path); };
    walk.info_without_changes = false;          // the proposals read are those of changes
    std::set<std::string, std::less<>> donors;  // texts whose changes are kept from here on
    // The names the blamed text had before the moves the walk has passed
    // (paired as follow_moves pairs them): a proposal that changed it there
    // made a version of it, and the texts it changed with it may have given
    // it wording (moved in from another text) as they may at its name now.
    std::set<std::string, std::less<>> former_names;
    RenameBlobs rename_blobs(ws.repo());
    const auto is_blamed_text = [&](std::string_view file) {
        return file == blamed || former_names.count(file) > 0;
    };
    bool blamed_seen = false;
    if (!across_texts) {
        // Only the blamed text and its donors so far matter: a commit not
        // remembered yet is diffed along them alone, and whole where it
        // changed the blamed text (its other texts become donors).
        const auto holds = [](std::string_view directory, std::string_view file) {
            return file.size() > directory.size() && file.starts_with(directory) &&
                   file[directory.size()] == '/';
        };
        Repository::WalkOptions::Narrow narrow;
        narrow.may_hold = [&, holds](std::string_view directory) {
            if (holds(directory, blamed)) return true;
            const std::string below = std::string(directory) + "/";
            const auto next = donors.lower_bound(below);
            return next != donors.end() && holds(directory, *next);
        };
        narrow.wants = [&](std::string_view file) {
            return is_blamed_text(file) || donors.count(file) > 0;
        };
        // A commit that created a donor is read whole too: there (a rename,
        // a text split off) the texts it took the wording from give wording
        // in turn, however many renames back. A commit that changed the
        // blamed text at a former name is read whole as one at its name now.
        // A commit that only changed a donor is read along the walked texts
        // alone: its other texts give nothing.
        narrow.whole = [&](std::string_view file, bool created) {
            return is_blamed_text(file) || (created && donors.count(file) > 0);
        };
        walk.narrow = std::move(narrow);
    }
    ws.repo().walk_history(walk, [&](Repository::WalkStep& step) {
        const std::size_t newest_first = out.order.size();
        const auto made_version = std::find_if(
            step.changes.begin(), step.changes.end(),
            [&](const Repository::FileChange& c) { return c.path == blamed && c.new_blob; });
        const bool made_former_version = std::any_of(
            step.changes.begin(), step.changes.end(), [&](const Repository::FileChange& c) {
                return c.new_blob && former_names.count(c.path) > 0;
            });
        const bool created_donor =
            !across_texts && std::any_of(step.changes.begin(), step.changes.end(),
                                         [&](const Repository::FileChange& c) {
                                             return c.new_blob && !c.old_blob &&
                                                    donors.count(c.path) > 0;
                                         });
        if (made_version != step.changes.end()) {
            prefetch.announce(*made_version->new_blob);
            blamed_seen = true;
        }
        if (created_donor) out.creations.insert(newest_first);
        if (!across_texts &&
            (made_version != step.changes.end() || made_former_version || created_donor)) {
            for (const Repository::FileChange& change : step.changes) donors.insert(change.path);
        }
        // Made here at one of its names by a move: the name it was moved
        // from is a former name, read as the text itself further back.
        const bool made_blamed_text = std::any_of(
            step.changes.begin(), step.changes.end(), [&](const Repository::FileChange& c) {
                return c.new_blob && !c.old_blob && is_blamed_text(c.path);
            });
        if (!across_texts && made_blamed_text) {
            TreeFiles deleted, made;
            for (const Repository::FileChange& c : step.changes) {
                if (!is_text_path(c.path)) continue;
                if (c.old_blob && !c.new_blob) deleted.emplace(c.path, *c.old_blob);
                if (!c.old_blob && c.new_blob) made.emplace(c.path, *c.new_blob);
            }
            if (!deleted.empty()) {
                for (const Rename& rename : find_renames(deleted, made, std::ref(rename_blobs))) {
                    if (is_blamed_text(rename.to)) former_names.insert(rename.from);
                }
            }
        }
        for (Repository::FileChange& change : step.changes) {
            const bool kept = change.path == blamed ||
                              (across_texts ? blamed_seen : donors.count(change.path) > 0);
            if (kept) {
                out.changes[change.path].push_back(
                    {newest_first, std::move(change.old_blob), std::move(change.new_blob)});
            }
        }
        out.order.push_back(std::move(step.commit));
        return true;
    });
    prefetch.walk_done();
    const std::size_t n = out.order.size();
    std::reverse(out.order.begin(), out.order.end());
    for (auto& [path, changes] : out.changes) {
        std::reverse(changes.begin(), changes.end());
        for (WalkedTexts::Change& change : changes) change.commit = n - 1 - change.commit;
    }
    std::set<std::size_t> creations;
    for (std::size_t k : out.creations) creations.insert(n - 1 - k);
    out.creations = std::move(creations);
    end_at_the_revision(ws.repo(), commit, blamed, out);
    return out;
}

// `path` followed back across its moves (text_moves), from the walked
// changes. A walk narrowed to the blamed text and its donors met an old
// path's changes only from the move on: where a merge joins a line that
// edited the text at its old path, the old path is walked again whole, and
// the commits that walk met are put in `met` (by index into walked.order):
// the narrowed walk passed them by, and read no more than their ids.
FollowedText follow_moves(const Workspace& ws, const std::string& commit, const std::string& path,
                          const WalkedTexts& walked, bool across_texts,
                          std::unordered_map<std::size_t, CommitInfo>& met) {
    const bool merges = std::any_of(walked.order.begin(), walked.order.end(),
                                    [](const CommitInfo& c) { return c.parents.size() > 1; });
    std::unordered_map<std::string, std::size_t> index_of;  // commit id -> index into order
    RenameBlobs blobs(ws.repo());
    CommitMoves moves(std::ref(blobs));
    for (const auto& [file, changes] : walked.changes) {
        if (!is_text_path(file)) continue;
        for (const WalkedTexts::Change& change : changes)
            moves.add(change.commit, file, change.old_blob, change.new_blob);
    }
    // An old name is walked again at most this many times: past that, a
    // long chain of moves is followed through what the narrowed walk met
    // (each old name from the move away on).
    constexpr std::size_t kWalksAgain = 8;
    std::size_t walked_again = 0;
    TextMoveSource source;
    source.changes_of = [&](const std::string& file) {
        std::vector<PathChange> out;
        if (file != path && merges && !across_texts && walked_again++ < kWalksAgain) {
            if (index_of.empty()) {
                for (std::size_t i = 0; i < walked.order.size(); ++i)
                    index_of.emplace(walked.order[i].id, i);
            }
            Repository::WalkOptions walk;
            walk.from = commit;
            walk.paths = {file};
            walk.keep = [&](std::string_view p) { return p == file; };
            ws.repo().walk_history(walk, [&](Repository::WalkStep& step) {
                const auto at = index_of.find(step.commit.id);
                for (Repository::FileChange& change : step.changes) {
                    if (change.path != file || at == index_of.end()) continue;
                    out.push_back({at->second, change.old_blob, change.new_blob});
                    met.emplace(at->second, step.commit);
                }
                return true;
            });
            std::reverse(out.begin(), out.end());
            return out;
        }
        if (const auto it = walked.changes.find(file); it != walked.changes.end()) {
            for (const WalkedTexts::Change& change : it->second)
                out.push_back({change.commit, change.old_blob, change.new_blob});
        }
        return out;
    };
    source.moved_from = [&](std::size_t c, const std::string& file) {
        return moves.moved_from(c, file);
    };
    return follow_text_moves(path, source);
}

// The walk of the history for `path` from `commit`: the blamed text's
// versions, then those of the texts that may give it wording (those its
// proposals changed too, and with across_texts every other text), each
// through its last version that can, texts the revision no longer holds
// among them (a rename's old path, a text merged into another). The blamed text's blobs are
// announced to `prefetch` as they are found.
BlameWalk walk_for_blame(const Workspace& ws, const std::string& commit, const std::string& path,
                         bool across_texts, BlobPrefetcher& prefetch) {
    const WalkedTexts walked = walk_texts(ws, commit, path, across_texts, prefetch);
    // The blamed text, followed back across its moves (its old paths'
    // versions are its own, not another text's).
    std::unordered_map<std::size_t, CommitInfo> met;
    const FollowedText followed = follow_moves(ws, commit, path, walked, across_texts, met);
    // Every text the walk kept can give wording, those the revision no
    // longer holds too (renamed, or merged into another and deleted).
    std::set<std::string, std::less<>> candidates;
    for (const auto& [other, changes] : walked.changes) {
        if (std::find(followed.names.begin(), followed.names.end(), other) == followed.names.end())
            candidates.insert(other);
    }
    BlameWalk out;
    // Proposals are read by the caller, for the versions it keeps.
    const auto text_of = [&](const std::string& file) {
        BlameWalk::Text text;
        const std::vector<std::optional<std::string>> first_parents =
            walked.first_parent_blobs(file);
        std::vector<std::size_t> made_by;
        text.versions =
            std::move(versions_of(ws, {file}, walked.commits_of(file), &text.blob_ids,
                                  &text.commits, &first_parents, true, nullptr, &made_by)
                          .versions);
        const auto it = walked.changes.find(file);
        for (std::size_t v = 0; v < text.versions.size(); ++v)
            text.versions[v].proposal = it->second.at(made_by[v]).commit;
        return text;
    };
    {
        BlameWalk::Text text;
        std::vector<Repository::FileCommit> commits;
        std::vector<std::optional<std::string>> first_parents;
        std::vector<std::size_t> name_of, made_by;
        for (const FollowedText::Change& c : followed.changes) {
            const auto read = met.find(c.change.commit);
            commits.push_back({read != met.end() ? read->second : walked.order.at(c.change.commit),
                               c.change.new_blob});
            first_parents.push_back(c.change.old_blob);
            name_of.push_back(c.name);
        }
        text.versions =
            std::move(versions_of(ws, followed.names, std::move(commits), &text.blob_ids,
                                  &text.commits, &first_parents, true, &name_of, &made_by)
                          .versions);
        for (std::size_t v = 0; v < text.versions.size(); ++v)
            text.versions[v].proposal = followed.changes.at(made_by[v]).change.commit;
        out.texts.push_back(std::move(text));
    }
    if (out.texts.front().versions.empty()) return out;
    // The proposals that made a version of the blamed text.
    std::set<std::size_t> blamed_proposals;
    for (const BlameVersion& v : out.texts.front().versions) blamed_proposals.insert(v.proposal);
    const std::size_t last_proposal = *blamed_proposals.rbegin();
    // And those that created a text giving it wording (see walk_texts).
    const auto shared = [&](std::size_t k) {
        return blamed_proposals.count(k) > 0 || walked.creations.count(k) > 0;
    };
    for (const std::string& other : candidates) {
        const auto changes = walked.changes.find(other);
        if (changes == walked.changes.end()) continue;
        // Without across_texts, only a text that changed in a proposal that
        // made a version of this one can give it wording.
        if (!across_texts &&
            std::none_of(changes->second.begin(), changes->second.end(),
                         [&](const auto& change) { return shared(change.commit); }))
            continue;
        BlameWalk::Text donor = text_of(other);
        // Through its last version that can give wording: one made by a
        // proposal of the blamed text, or (across_texts) any before its last.
        std::size_t keep = 0;
        for (std::size_t v = 0; v < donor.versions.size(); ++v) {
            const std::size_t k = donor.versions[v].proposal;
            if (across_texts ? k <= last_proposal : shared(k)) keep = v + 1;
        }
        if (keep == 0) continue;
        donor.versions.resize(keep);
        donor.blob_ids.resize(keep);
        donor.commits.clear();  // only the blamed text's proposals are read
        out.texts.push_back(std::move(donor));
    }
    return out;
}

}  // namespace

void throw_no_text(const Workspace& ws, const std::string& commit, const std::string& path,
                   const std::string& at_label) {
    const std::string at = at_label.empty() ? commit.substr(0, 10) : at_label;
    // A text recorded once: why it is not there (deleted, by whom, when it
    // last stood; or not made yet), a link, a directory or a submodule, as
    // `accord show` says it.
    if (ws.repo().entry_kind_at(commit, path) == Repository::EntryKind::link)
        throw usage_error("blame: '" + path + "' is a symbolic link at " + at +
                          "; accord never reads a link as a text (blame the text it points to)");
    if (std::optional<std::string> why = revision_not_text(ws, path))
        throw usage_error("blame: " + *why);
    if (ws.repo().history(ws.repo().resolve("HEAD"), {path}).empty() &&
        ws.repo().entry_kind_at(commit, path) == Repository::EntryKind::absent)
        throw usage_error("blame: '" + path + "' is not in the repository at " + at +
                          " (a new text is blamed once 'accord propose' has recorded it)");
    throw usage_error("blame: " + why_no_text(ws, path, commit, at));
}

FileBlame blame_file(const Workspace& ws, const std::string& path, const std::string& commit,
                     const BlameFileOptions& options) {
    FileBlame out;
    out.path = path;
    out.revision = commit;
    const auto text = ws.repo().read_file_at(commit, path);
    if (!text) throw_no_text(ws, commit, path, options.at_label);
    if (looks_binary(*text)) throw usage_error("blame: '" + path + "' is a binary file");
    if (!comparable_word_by_word(*text))
        throw usage_error("blame: " + too_large_to_compare("'" + path + "'", text->size()));
    // The texts are read from the start of the walk, on a second handle; a
    // walk remembered from an earlier run is not made again.
    BlameOptions blame;
    blame.parse = ws.parse_options();
    blame.across_texts = options.across_texts;
    BlameCheckpointStore checkpoints(ws, blame);
    BlobPrefetcher prefetch(ws.repo().git_dir());
    // Going on from a checkpoint reads two versions or so: none read ahead.
    if (checkpoints.has(path)) prefetch.stop();
    std::optional<BlameWalk> walk = find_blame_walk(ws, commit, path, options.across_texts);
    if (walk) {
        const std::vector<std::string>& blobs = walk->texts.front().blob_ids;
        for (auto blob = blobs.rbegin(); blob != blobs.rend(); ++blob) {
            if (!blob->empty()) prefetch.announce(*blob);
        }
        prefetch.walk_done();
    } else {
        walk = walk_for_blame(ws, commit, path, options.across_texts, prefetch);
        remember_blame_walk(ws, commit, path, options.across_texts, *walk);
    }
    std::vector<BlameVersion>& versions = walk->texts.front().versions;
    const std::vector<std::string>& blob_ids = walk->texts.front().blob_ids;
    if (versions.empty())
        throw usage_error("blame: no proposal recorded '" + path + "'" +
                          cache_suspect_note("its history"));
    const bool donors = walk->texts.size() > 1;

    // The proposals are read on a thread of their own while the versions are
    // attributed, which reads neither proposers nor dates (their commits are
    // read here: the repository handle serves one thread at a time).
    std::vector<CommitInfo> commits = std::move(walk->texts.front().commits);
    if (commits.size() != versions.size()) {  // a walk read back: its commits read here
        std::vector<std::string> version_commits;
        for (const BlameVersion& v : versions) version_commits.push_back(v.id);
        commits = ws.repo().commits(version_commits);
    }
    std::future<std::vector<Proposal>> proposals = std::async(
        std::launch::async,
        [&, commits = std::move(commits)] { return read_proposals(commits, ws.config()); });
    std::vector<TextVersions> texts;
    std::vector<std::vector<std::string>> text_blobs;
    for (const BlameWalk::Text& t : walk->texts) {
        texts.push_back({t.versions});
        text_blobs.push_back(t.blob_ids);
    }
    BlameMemo memo(ws, blame, texts, text_blobs,
                   donors ? BlameOrigins::proposals : BlameOrigins::version_indices);
    if (std::optional<BlameResult> remembered = memo.find(0, *text)) {
        prefetch.stop();
        out.result = std::move(*remembered);
    } else {
        // Not remembered: attributed from where the last walk of this text
        // ended, when its versions up to there are those it walked, else
        // from the first version; where this walk ends is remembered next.
        const BlameOrigins origins =
            donors ? BlameOrigins::proposals : BlameOrigins::version_indices;
        std::optional<BlameCheckpoint> resume = checkpoints.find(path, origins, texts, text_blobs);
        BlameCheckpoint saved;
        const auto attribute = [&](const BlameCheckpoint* from) {
            const BlameCheckpoints use{from, &saved};
            if (!donors) {
                // The texts the prefetcher has not read yet are read while
                // earlier versions are attributed (on the engine's reader
                // thread; nothing else uses this handle meanwhile).
                const ReadText read = [&](std::size_t v) {
                    if (blob_ids[v].empty()) return std::string();  // deleted there
                    return prefetch.take(blob_ids[v], ws.repo());
                };
                out.result = blame_versions(versions, versions.size() - 1, blame, read, use);
                return;
            }
            const ReadVersionText read = [&](std::size_t t, std::size_t v) {
                const std::string& id = walk->texts[t].blob_ids[v];
                if (id.empty()) return std::string();  // deleted there
                if (t == 0) return prefetch.take(id, ws.repo());
                std::string text = ws.repo().read_blob_unverified(id);
                // Another text's version too large to compare word by word
                // gives no wording: read as empty, as blame_files reads it.
                if (!comparable_word_by_word(text)) return std::string();
                return text;
            };
            // The donors' own results are not wanted: only the blamed text's is kept.
            blame_texts(
                texts, blame, read,
                [&](std::size_t t, BlameResult&& result) {
                    if (t == 0) out.result = std::move(result);
                },
                use);
        };
        try {
            attribute(resume ? &*resume : nullptr);
        } catch (const TextTooLarge& e) {
            throw usage_error("blame: " +
                              too_large_to_compare("a version of '" + path + "'", e.size));
        } catch (const BlameCheckpointMismatch&) {
            if (!resume) throw;
            saved = BlameCheckpoint{};
            attribute(nullptr);  // the checkpoint did not fit after all: the whole walk
        }
        memo.put(0, out.result);
        checkpoints.put(path, origins, texts, text_blobs, saved);
    }
    out.history.versions = std::move(versions);
    std::vector<Proposal> read_ones = proposals.get();
    for (std::size_t v = 0; v < read_ones.size(); ++v)
        add_proposal(out.history, v, std::move(read_ones[v]));
    if (!donors) return out;

    // Origins are proposal indices: this text's own become version indices,
    // other texts' are added after them, read from the commits that made them.
    std::map<std::size_t, std::size_t> local;
    for (std::size_t v = 0; v < out.history.versions.size(); ++v)
        local[out.history.versions[v].proposal] = v;
    std::map<std::size_t, const std::string*> commit_of;  // other texts' proposals
    for (std::size_t t = 1; t < walk->texts.size(); ++t) {
        for (const BlameVersion& v : walk->texts[t].versions) commit_of.emplace(v.proposal, &v.id);
    }
    std::vector<std::size_t> added;  // other texts' proposals, in the order first named
    const auto localise = [&](std::size_t proposal) {
        const auto [it, fresh] =
            local.try_emplace(proposal, out.history.versions.size() + added.size());
        if (fresh) added.push_back(proposal);
        return it->second;
    };
    for (BlameSpan& span : out.result.spans) {
        span.origin = localise(span.origin);
        if (span.restored_by) span.restored_by = localise(*span.restored_by);
    }
    std::vector<std::string> added_commits;
    for (const std::size_t proposal : added) added_commits.push_back(*commit_of.at(proposal));
    for (const CommitInfo& c : ws.repo().commits(added_commits))
        out.history.proposals.push_back(credited_for_own_wording(read_proposal(c, ws.config())));
    return out;
}

}  // namespace accord
