#include "merge/blame/text_moves.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "merge/diff/renames.hpp"

namespace accord {

void CommitMoves::add(std::size_t commit, const std::string& path,
                      const std::optional<std::string>& old_blob,
                      const std::optional<std::string>& new_blob) {
    if (old_blob && !new_blob) commits_[commit].deleted.emplace(path, *old_blob);
    if (!old_blob && new_blob) commits_[commit].made.emplace(path, *new_blob);
}

std::optional<std::string> CommitMoves::moved_from(std::size_t commit, const std::string& path) {
    const auto it = commits_.find(commit);
    if (it == commits_.end() || it->second.deleted.empty()) return std::nullopt;
    Sides& sides = it->second;
    if (!sides.moves) {
        sides.moves.emplace();
        for (Rename& rename : find_renames(sides.deleted, sides.made, read_))
            sides.moves->emplace(std::move(rename.to), std::move(rename.from));
    }
    const auto move = sides.moves->find(path);
    if (move == sides.moves->end()) return std::nullopt;
    return move->second;
}

FollowedText follow_text_moves(const std::string& path, const TextMoveSource& source) {
    const auto unfollowed = [&] {
        FollowedText out;
        out.names.push_back(path);
        for (PathChange& change : source.changes_of(path))
            out.changes.push_back({std::move(change), 0});
        return out;
    };
    FollowedText out;
    out.names.push_back(path);
    std::vector<std::vector<PathChange>> kept;  // per name, its changes that are the text's
    std::set<std::size_t> moved_away;           // the commits that moved it from the name
    std::vector<PathChange> all = source.changes_of(path);
    for (std::size_t n = 0;; ++n) {
        // At an old name, the text's life there: back from each move away
        // to the creation before it, and after it the edits a line that
        // had not moved it made there, up to another text made there.
        std::vector<PathChange> own;
        if (n == 0) {
            own = std::move(all);
        } else {
            const auto created = [](const PathChange& c) { return c.new_blob && !c.old_blob; };
            std::vector<bool> take(all.size(), false);
            for (const std::size_t away : moved_away) {
                const std::size_t at = static_cast<std::size_t>(
                    std::find_if(all.begin(), all.end(),
                                 [&](const PathChange& c) { return c.commit >= away; }) -
                    all.begin());
                for (std::size_t j = at; j-- > 0;) {
                    take[j] = true;
                    if (created(all[j])) break;
                }
                for (std::size_t j = at; j < all.size() && !created(all[j]); ++j) take[j] = true;
            }
            for (std::size_t j = 0; j < all.size(); ++j) {
                if (take[j] && !moved_away.count(all[j].commit)) own.push_back(std::move(all[j]));
            }
        }
        // Where each creation of this name brought the text from.
        std::optional<std::string> from;
        std::set<std::size_t> arrivals;
        bool made_here = false;
        for (const PathChange& change : own) {
            if (!change.new_blob || change.old_blob) continue;
            const std::optional<std::string> old = source.moved_from(change.commit, out.names[n]);
            if (!old) {
                made_here = true;
            } else if (from && *from != *old) {
                return unfollowed();  // brought from two names
            } else {
                from = old;
                arrivals.insert(change.commit);
            }
        }
        kept.push_back(std::move(own));
        if (!from) break;  // the text's first name
        if (made_here || std::find(out.names.begin(), out.names.end(), *from) != out.names.end())
            return unfollowed();  // made here and moved here too; or moved back
        out.names.push_back(*from);
        moved_away = std::move(arrivals);
        all = source.changes_of(*from);
    }
    // One history, oldest first; a commit changes the text once.
    std::map<std::size_t, FollowedText::Change> by_commit;
    for (std::size_t n = 0; n < kept.size(); ++n) {
        for (PathChange& change : kept[n]) {
            const std::size_t commit = change.commit;
            if (!by_commit.count(commit))
                by_commit.emplace(commit, FollowedText::Change{std::move(change), n});
        }
    }
    out.changes.reserve(by_commit.size());
    for (auto& [commit, change] : by_commit) out.changes.push_back(std::move(change));
    return out;
}

MadeVersions make_versions(const Repository& repo, const std::vector<std::string>& names,
                           const std::vector<VersionChange>& changes, bool deletions) {
    MadeVersions out;
    out.versions.reserve(changes.size());
    std::unordered_map<std::string, std::size_t> version_of_commit;
    std::unordered_map<std::string, std::size_t> latest_with_blob;
    version_of_commit.reserve(changes.size());
    latest_with_blob.reserve(changes.size());
    std::optional<std::size_t> deleted;  // the last version, when it is a deletion
    const auto holding = [&](const std::optional<std::string>& blob) -> std::optional<std::size_t> {
        if (!blob) return std::nullopt;
        const auto it = latest_with_blob.find(*blob);
        if (it == latest_with_blob.end()) return std::nullopt;
        return it->second;
    };
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const VersionChange& change = changes[i];
        // The text was deleted here: an empty version, or none.
        if (!change.new_blob && (!deletions || out.versions.empty() || deleted)) continue;
        BlameVersion v;
        v.id = change.commit->id;
        const std::vector<std::string>& parents = change.commit->parents;
        for (std::size_t k = 0; k < parents.size(); ++k) {
            std::optional<std::size_t> index;
            if (const auto it = version_of_commit.find(parents[k]); it != version_of_commit.end()) {
                index = it->second;
            } else {
                index = holding(k == 0 && change.first_parent_blob
                                    ? *change.first_parent_blob
                                    : repo.blob_id_at(parents[k], names[change.name]));
                // The parent holds the text at another of its names: before
                // a move, or where the other line has not moved it.
                for (std::size_t m = 0; !index && m < names.size(); ++m) {
                    if (m != change.name) index = holding(repo.blob_id_at(parents[k], names[m]));
                }
            }
            // Made again after its deletion: the text goes on from the deletion.
            if (!index && k == 0 && deleted) index = *deleted;
            if (index && std::find(v.parents.begin(), v.parents.end(), *index) == v.parents.end())
                v.parents.push_back(*index);
        }
        version_of_commit[v.id] = out.versions.size();
        if (change.new_blob) latest_with_blob[*change.new_blob] = out.versions.size();
        deleted = change.new_blob ? std::nullopt : std::optional<std::size_t>(out.versions.size());
        out.versions.push_back(std::move(v));
        out.made_by.push_back(i);
    }
    return out;
}

}  // namespace accord
