#include "merge/blame/blame_history.hpp"

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <set>

#include "core/util/errors.hpp"
#include "core/notation/tokens.hpp"
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

FileBlame blame_file(const Workspace& ws, const std::string& path, const std::string& commit) {
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
    // The proposals are read on a thread of their own while the versions are
    // attributed, which reads neither proposers nor dates.
    std::future<std::vector<Proposal>> proposals =
        std::async(std::launch::async, [&] { return read_proposals(commits, ws.config()); });
    // The texts the prefetcher has not read yet are read while earlier
    // versions are attributed (on the engine's reader thread; nothing else
    // uses this handle meanwhile).
    std::vector<BlameVersion>& versions = out.history.versions;
    const ReadText read = [&](std::size_t v) {
        versions[v].text = prefetch.take(blob_ids[v], ws.repo());
        return std::string_view(versions[v].text);
    };
    out.result = blame_versions(versions, versions.size() - 1, ws.parse_options(), read);
    std::vector<Proposal> read_ones = proposals.get();
    for (std::size_t v = 0; v < read_ones.size(); ++v)
        add_proposal(out.history, v, std::move(read_ones[v]));
    return out;
}

std::string_view to_string(WordingState state) {
    switch (state) {
        case WordingState::proposed:
            return "proposed";
        case WordingState::bracketed:
            return "bracketed";
        case WordingState::struck:
            return "struck";
        case WordingState::agreed:
            return "agreed";
        case WordingState::deleted:
            return "deleted";
        case WordingState::restored:
            return "restored";
        case WordingState::standing:
            return "standing";
    }
    return "?";
}

namespace {

std::string collapse(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// Where the phrase stands in a text: absent, in (or partly in) a bracket,
// struck, or free. The phrase is looked for in the words alone: brackets and
// strike marks are left out, so "the approach" is found in "[the] approach".
enum class Standing { absent, bracketed, struck, free };

struct PlainText {
    std::string text;                 // white space collapsed, marks left out
    std::vector<std::size_t> source;  // per character: its offset in the document
};

PlainText plain_words(const Document& doc) {
    PlainText out;
    bool space = false;
    for (const Token& t : tokenize(doc)) {
        switch (t.kind) {
            case TokenKind::front_matter:
            case TokenKind::bracket_open:
            case TokenKind::bracket_close:
            case TokenKind::strike_open:
            case TokenKind::strike_close:
                continue;
            case TokenKind::space:
            case TokenKind::line_break:
            case TokenKind::paragraph_break:
                space = !out.text.empty();
                continue;
            default:
                break;
        }
        if (space) out.text += ' ', out.source.push_back(t.range.begin);
        space = false;
        out.text += doc.text(t.range);
        for (std::size_t i = t.range.begin; i < t.range.end; ++i) out.source.push_back(i);
    }
    return out;
}

Standing standing_in(const Document& doc, const std::string& phrase) {
    const PlainText plain = plain_words(doc);
    const std::size_t found = plain.text.find(phrase);
    if (found == std::string::npos) return Standing::absent;
    const std::size_t begin = plain.source[found],
                      end = plain.source[found + phrase.size() - 1] + 1;
    for (const Strike& s : doc.strikes) {
        if (s.open < end && begin < s.close) return Standing::struck;
    }
    for (const Bracket& b : doc.brackets) {
        if (b.open < end && begin < b.close) return Standing::bracketed;
    }
    return Standing::free;
}

}  // namespace

std::optional<WhoReport> who_proposed(const Workspace& ws, const std::string& phrase_in,
                                      const std::vector<std::string>& paths_in) {
    const std::string phrase = collapse(phrase_in);
    if (phrase.empty())
        throw usage_error(
            "who: give the wording to look for, e.g. accord who \"enhanced cooperation\"");
    if (ws.repo().is_empty_branch()) return std::nullopt;
    const std::string head = ws.repo().resolve("HEAD");
    std::vector<std::string> paths = paths_in;
    if (paths.empty()) paths = ws.texts(head);

    // The earliest version, over all files, that holds the phrase.
    struct Found {
        std::string path;
        FileHistory history;
        std::size_t first;
    };
    std::optional<Found> best;
    const ParseOptions options = ws.parse_options();
    for (const std::string& path : paths) {
        FileHistory history = file_history(ws, path, head);
        for (std::size_t v = 0; v < history.versions.size(); ++v) {
            if (plain_words(parse(history.versions[v].text, options)).text.find(phrase) ==
                std::string::npos)
                continue;
            if (!best || history.proposals[v].date < best->history.proposals[best->first].date) {
                best = Found{path, std::move(history), v};
            }
            break;
        }
    }
    if (!best) return std::nullopt;

    WhoReport report;
    report.phrase = phrase;
    const FileHistory& h = best->history;
    Standing previous = Standing::absent;
    bool was_deleted = false;
    for (std::size_t v = best->first; v < h.versions.size(); ++v) {
        const Standing now = standing_in(parse(h.versions[v].text, options), phrase);
        if (v == best->first) {
            report.events.push_back({WordingState::proposed, h.proposals[v], best->path});
            previous = now;
            continue;
        }
        if (now == previous) continue;
        WordingState state = WordingState::standing;
        switch (now) {
            case Standing::absent:
                state = WordingState::deleted, was_deleted = true;
                break;
            case Standing::bracketed:
                state = was_deleted ? WordingState::restored : WordingState::bracketed;
                break;
            case Standing::struck:
                state = WordingState::struck;
                break;
            case Standing::free:
                state = was_deleted ? WordingState::restored
                        : previous == Standing::bracketed || previous == Standing::struck
                            ? WordingState::agreed
                            : WordingState::standing;
                break;
        }
        if (now != Standing::absent) was_deleted = false;
        report.events.push_back({state, h.proposals[v], best->path});
        previous = now;
    }
    report.stands = previous != Standing::absent;
    report.current_state = previous == Standing::absent      ? "absent"
                           : previous == Standing::bracketed ? "bracketed"
                           : previous == Standing::struck    ? "struck"
                                                             : "agreed";
    return report;
}

}  // namespace accord
