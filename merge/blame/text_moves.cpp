#include "merge/blame/text_moves.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "merge/diff/renames.hpp"

namespace accord {

FollowedText follow_text_moves(const std::string& path, const TextMoveSource& source) {
    FollowedText out;
    out.names.push_back(path);
    // Per name found, the commits that moved the text away from it.
    std::map<std::string, std::set<std::size_t>> moved_away;
    std::vector<std::vector<PathChange>> kept;  // per name, its changes that are the text's
    for (std::size_t n = 0; n < out.names.size(); ++n) {
        std::vector<PathChange> all = source.changes_of(out.names[n]);
        std::vector<PathChange> own;
        const std::set<std::size_t>* moves = n == 0 ? nullptr : &moved_away[out.names[n]];
        for (PathChange& change : all) {
            if (moves && moves->count(change.commit)) continue;  // the move away itself
            // Made again at the old path after the text left it: another
            // text tabled under the old name, not this one's past.
            if (moves && change.commit > *moves->begin() && change.new_blob && !change.old_blob)
                break;
            own.push_back(std::move(change));
        }
        // Each creation of this name that deleted a text elsewhere in the
        // same commit with half its words in common: a move to here.
        for (const PathChange& change : own) {
            if (!change.new_blob || change.old_blob) continue;
            TreeFiles before, after;
            for (auto& [from, blob] : source.deleted_at(change.commit)) {
                if (std::find(out.names.begin(), out.names.end(), from) == out.names.end())
                    before.emplace(std::move(from), std::move(blob));
            }
            if (before.empty()) continue;
            after.emplace(out.names[n], *change.new_blob);
            for (const Rename& rename : find_renames(before, after, source.read)) {
                auto [it, fresh] = moved_away.try_emplace(rename.from);
                it->second.insert(change.commit);
                if (fresh) out.names.push_back(rename.from);
            }
        }
        kept.push_back(std::move(own));
    }
    // One history, oldest first; a commit changes the text once: where it
    // deleted one name and made another (a move back to a name it had
    // before), at the name it made; else at the name found first.
    std::map<std::size_t, FollowedText::Change> by_commit;
    for (std::size_t n = 0; n < kept.size(); ++n) {
        for (PathChange& change : kept[n]) {
            const auto it = by_commit.find(change.commit);
            if (it == by_commit.end()) {
                const std::size_t commit = change.commit;
                by_commit.emplace(commit, FollowedText::Change{std::move(change), n});
            } else if (!it->second.change.new_blob && change.new_blob) {
                it->second = FollowedText::Change{std::move(change), n};
            }
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
