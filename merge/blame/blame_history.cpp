#include "merge/blame/blame_history.hpp"

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <set>

#include "core/util/errors.hpp"
#include "merge/blame/blob_prefetch.hpp"

namespace accord {

namespace {

void add_proposal(FileHistory& history, std::size_t v, Proposal proposal);

// file_history, with the texts left unread when `blob_ids` is given: it gets
// each version's blob id instead, for the caller to read; and with the
// proposals left unread when `unread` is given: it gets each version's
// commit instead, for read_proposals.
FileHistory walk_history(const Workspace& ws, const std::string& path, const std::string& commit,
                         std::vector<std::string>* blob_ids,
                         std::vector<CommitInfo>* unread = nullptr,
                         BlobPrefetcher* prefetch = nullptr) {
    FileHistory out;
    std::vector<Repository::FileCommit> commits =
        ws.repo().file_commits(commit, path, [&](const Repository::FileCommit& found) {
            if (prefetch && found.blob) prefetch->announce(*found.blob);
        });
    if (prefetch) prefetch->walk_done();
    std::reverse(commits.begin(), commits.end());  // oldest first
    std::map<std::string, std::size_t> version_of_commit;
    std::map<std::string, std::size_t> latest_with_blob;
    for (const auto& [c, blob] : commits) {
        if (!blob) continue;  // the file was deleted here
        BlameVersion v;
        v.id = c.id;
        for (const std::string& parent : c.parents) {
            std::optional<std::size_t> index;
            if (const auto it = version_of_commit.find(parent); it != version_of_commit.end()) {
                index = it->second;
            } else if (const auto parent_blob = ws.repo().blob_id_at(parent, path)) {
                if (const auto it2 = latest_with_blob.find(*parent_blob);
                    it2 != latest_with_blob.end()) {
                    index = it2->second;
                }
            }
            if (index && std::find(v.parents.begin(), v.parents.end(), *index) == v.parents.end()) {
                v.parents.push_back(*index);
            }
        }
        if (blob_ids) {
            blob_ids->push_back(*blob);
        } else {
            v.text = ws.repo().read_blob_unverified(*blob);
        }
        version_of_commit[c.id] = out.versions.size();
        latest_with_blob[*blob] = out.versions.size();
        out.versions.push_back(std::move(v));
        if (unread) {
            unread->push_back(c);
        } else {
            add_proposal(out, out.versions.size() - 1, read_proposal(c, ws.config()));
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
    for (const CommitInfo& c : commits) out.push_back(read_proposal(c, config));
    return out;
}

}  // namespace

FileHistory file_history(const Workspace& ws, const std::string& path, const std::string& commit) {
    return walk_history(ws, path, commit, nullptr);
}

namespace {

// The commits that changed `path` besides other texts: per other text, the
// commits among `commits` (oldest first) whose tree holds it changed from
// their first parent's.
std::map<std::string, std::set<std::string>> texts_changed_with(
    const Workspace& ws, const std::string& path, const std::vector<CommitInfo>& commits) {
    std::map<std::string, std::set<std::string>> out;
    for (const CommitInfo& c : commits) {
        const std::map<std::string, std::string> after = ws.repo().file_ids(c.id);
        std::map<std::string, std::string> before;
        if (!c.parents.empty()) before = ws.repo().file_ids(c.parents.front());
        for (const auto& [file, blob] : after) {
            if (file == path || !is_text_path(file)) continue;
            const auto it = before.find(file);
            if (it == before.end() || it->second != blob) out[file].insert(c.id);
        }
        for (const auto& [file, blob] : before) {
            if (file != path && is_text_path(file) && !after.count(file)) out[file].insert(c.id);
        }
    }
    return out;
}

// Another text walked with the blamed one: its versions through the last
// one that may give it wording, with their blob ids.
struct Donor {
    FileHistory history;
    std::vector<std::string> blob_ids;
    std::vector<CommitInfo> commits;
};

}  // namespace

FileBlame blame_file(const Workspace& ws, const std::string& path, const std::string& commit,
                     const BlameFileOptions& options) {
    FileBlame out;
    out.path = path;
    out.revision = commit;
    const auto text = ws.repo().read_file_at(commit, path);
    if (!text)
        throw usage_error("blame: '" + path + "' is not in the repository at " +
                          commit.substr(0, 10));
    if (looks_binary(*text)) throw usage_error("blame: '" + path + "' is a binary file");
    std::vector<std::string> blob_ids;
    std::vector<CommitInfo> commits;
    // The texts are read from the start of the walk, on a second handle.
    BlobPrefetcher prefetch(ws.repo().git_dir());
    out.history = walk_history(ws, path, commit, &blob_ids, &commits, &prefetch);
    if (out.history.versions.empty())
        throw usage_error("blame: no proposal recorded '" + path + "'");
    std::vector<BlameVersion>& versions = out.history.versions;

    // The other texts that may give this one wording: those its proposals
    // changed too, and with across_texts every other text.
    std::vector<Donor> donors;
    std::vector<CommitInfo> order;  // every commit, oldest first: the proposals' order
    {
        // Texts the revision no longer holds are not looked at.
        std::set<std::string> candidates;
        for (const std::string& other : ws.texts(commit))
            if (other != path) candidates.insert(other);
        std::map<std::string, std::set<std::string>> shared;
        if (!options.across_texts && !candidates.empty()) {
            shared = texts_changed_with(ws, path, commits);
            std::erase_if(candidates,
                          [&](const std::string& other) { return !shared.count(other); });
        }
        if (!candidates.empty()) {
            order = ws.repo().history(commit);
            std::reverse(order.begin(), order.end());
        }
        std::map<std::string, std::size_t> index;
        for (std::size_t k = 0; k < order.size(); ++k) index[order[k].id] = k;
        for (std::size_t v = 0; v < versions.size(); ++v)
            versions[v].proposal = index[commits[v].id];
        for (const std::string& other : candidates) {
            Donor donor;
            donor.history = walk_history(ws, other, commit, &donor.blob_ids, &donor.commits);
            // Through its last version that can give wording: one made by a
            // proposal of the blamed text, or (across_texts) any before its last.
            std::size_t keep = 0;
            for (std::size_t v = 0; v < donor.commits.size(); ++v) {
                const std::string& id = donor.commits[v].id;
                const bool useful = options.across_texts ? index[id] <= versions.back().proposal
                                                         : shared[other].count(id) > 0;
                if (useful) keep = v + 1;
            }
            if (keep == 0) continue;
            donor.history.versions.resize(keep);
            donor.blob_ids.resize(keep);
            donor.commits.resize(keep);
            for (std::size_t v = 0; v < keep; ++v)
                donor.history.versions[v].proposal = index[donor.commits[v].id];
            donors.push_back(std::move(donor));
        }
    }

    // The proposals are read on a thread of their own while the versions are
    // attributed, which reads neither proposers nor dates.
    std::future<std::vector<Proposal>> proposals =
        std::async(std::launch::async, [&] { return read_proposals(commits, ws.config()); });
    // The texts the prefetcher has not read yet are read while earlier
    // versions are attributed (on the engine's reader thread; nothing else
    // uses this handle meanwhile).
    BlameOptions blame;
    blame.parse = ws.parse_options();
    blame.across_texts = options.across_texts;
    if (donors.empty()) {
        const ReadText read = [&](std::size_t v) {
            versions[v].text = prefetch.take(blob_ids[v], ws.repo());
            return std::string_view(versions[v].text);
        };
        out.result = blame_versions(versions, versions.size() - 1, blame, read);
    } else {
        std::vector<TextVersions> texts{{versions}};
        for (const Donor& donor : donors) texts.push_back({donor.history.versions});
        const ReadVersionText read = [&](std::size_t text, std::size_t v) {
            if (text == 0) {
                versions[v].text = prefetch.take(blob_ids[v], ws.repo());
                return std::string_view(versions[v].text);
            }
            Donor& donor = donors[text - 1];
            donor.history.versions[v].text = ws.repo().read_blob_unverified(donor.blob_ids[v]);
            return std::string_view(donor.history.versions[v].text);
        };
        out.result = std::move(blame_texts(texts, blame, read).front());
    }
    std::vector<Proposal> read_ones = proposals.get();
    for (std::size_t v = 0; v < read_ones.size(); ++v)
        add_proposal(out.history, v, std::move(read_ones[v]));
    if (donors.empty()) return out;

    // Origins are proposal indices: this text's own become version indices,
    // other texts' are added after them.
    std::map<std::size_t, std::size_t> local;
    for (std::size_t v = 0; v < versions.size(); ++v) local[versions[v].proposal] = v;
    const auto localise = [&](std::size_t proposal) {
        const auto [it, added] = local.try_emplace(proposal, out.history.proposals.size());
        if (added) out.history.proposals.push_back(read_proposal(order[proposal], ws.config()));
        return it->second;
    };
    for (BlameSpan& span : out.result.spans) {
        span.origin = localise(span.origin);
        if (span.restored_by) span.restored_by = localise(*span.restored_by);
    }
    return out;
}

}  // namespace accord
