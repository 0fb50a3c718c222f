#include "merge/blame/blame_history.hpp"

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <set>

#include "core/notation/tokens.hpp"
#include "core/util/errors.hpp"
#include "merge/blame/blob_prefetch.hpp"

namespace accord {

namespace {

void add_proposal(FileHistory& history, std::size_t v, Proposal proposal);

// The versions of a file made by `commits` (oldest first; a commit whose
// blob is nullopt deleted the file), as file_history describes them; with
// the texts left unread when `blob_ids` is given: it gets each version's
// blob id instead, for the caller to read; and with the proposals left
// unread when `unread` is given: it gets each version's commit instead, for
// read_proposals.
FileHistory versions_of(const Workspace& ws, const std::string& path,
                        const std::vector<Repository::FileCommit>& commits,
                        std::vector<std::string>* blob_ids,
                        std::vector<CommitInfo>* unread = nullptr) {
    FileHistory out;
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
    std::vector<Repository::FileCommit> commits = ws.repo().file_commits(commit, path);
    std::reverse(commits.begin(), commits.end());  // oldest first
    return versions_of(ws, path, commits, nullptr);
}

namespace {

// The history up to a commit, walked once (tree diffs, each commit once):
// every commit, and for each text of interest the commits that changed it.
// Blame reads the blamed text's versions and those of the texts that may
// give it wording from this one walk, not one walk per text.
struct WalkedTexts {
    std::vector<CommitInfo> order;  // every commit, oldest first: the proposals' order
    // Per text: (index into order, its blob there; nullopt: deleted or not a
    // file) for each commit whose entry differs from its first parent's,
    // oldest first.
    using Changes = std::vector<std::pair<std::size_t, std::optional<std::string>>>;
    std::map<std::string, Changes> changes;

    // The changes of `path` as file_commits gives them, oldest first.
    std::vector<Repository::FileCommit> commits_of(const std::string& path) const {
        std::vector<Repository::FileCommit> out;
        const auto it = changes.find(path);
        if (it == changes.end()) return out;
        out.reserve(it->second.size());
        for (const auto& [k, blob] : it->second) out.push_back({order[k], blob});
        return out;
    }
};

// Walks the history from `commit` once, keeping the changes of `blamed`
// (its blobs handed to `prefetch` as found) and of the texts in `others`
// that can give it wording: every change, newest first, from the blamed
// text's last version on (all of them with across_texts), else from a
// text's last change in a proposal that made a version of the blamed text.
// The changes left out are those newer than any a donor is read for.
WalkedTexts walk_texts(const Workspace& ws, const std::string& commit, const std::string& blamed,
                       const std::set<std::string, std::less<>>& others, bool across_texts,
                       BlobPrefetcher& prefetch) {
    WalkedTexts out;
    Repository::WalkOptions walk;
    walk.from = commit;
    walk.keep = [&](std::string_view path) { return path == blamed || others.count(path) > 0; };
    std::set<std::string, std::less<>> donors;  // texts whose changes are kept from here on
    bool blamed_seen = false;
    ws.repo().walk_history(walk, [&](Repository::WalkStep& step) {
        const std::size_t newest_first = out.order.size();
        const auto made_version = std::find_if(
            step.changes.begin(), step.changes.end(),
            [&](const Repository::FileChange& c) { return c.path == blamed && c.new_blob; });
        if (made_version != step.changes.end()) {
            prefetch.announce(*made_version->new_blob);
            blamed_seen = true;
            if (!across_texts) {
                for (const Repository::FileChange& change : step.changes)
                    donors.insert(change.path);
            }
        }
        for (Repository::FileChange& change : step.changes) {
            const bool kept = change.path == blamed ||
                              (across_texts ? blamed_seen : donors.count(change.path) > 0);
            if (kept)
                out.changes[change.path].emplace_back(newest_first, std::move(change.new_blob));
        }
        out.order.push_back(std::move(step.commit));
        return true;
    });
    prefetch.walk_done();
    const std::size_t n = out.order.size();
    std::reverse(out.order.begin(), out.order.end());
    for (auto& [path, changes] : out.changes) {
        std::reverse(changes.begin(), changes.end());
        for (auto& change : changes) change.first = n - 1 - change.first;
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
    // The other texts that may give this one wording: those its proposals
    // changed too, and with across_texts every other text. Texts the
    // revision no longer holds are not looked at.
    std::set<std::string, std::less<>> candidates;
    for (const std::string& other : ws.texts(commit))
        if (other != path) candidates.insert(other);
    // The texts are read from the start of the walk, on a second handle.
    BlobPrefetcher prefetch(ws.repo().git_dir());
    const WalkedTexts walked =
        walk_texts(ws, commit, path, candidates, options.across_texts, prefetch);
    const std::vector<CommitInfo>& order = walked.order;
    std::vector<std::string> blob_ids;
    std::vector<CommitInfo> commits;
    out.history = versions_of(ws, path, walked.commits_of(path), &blob_ids, &commits);
    if (out.history.versions.empty())
        throw usage_error("blame: no proposal recorded '" + path + "'");
    std::vector<BlameVersion>& versions = out.history.versions;

    std::vector<Donor> donors;
    {
        std::map<std::string, std::size_t> index;
        for (std::size_t k = 0; k < order.size(); ++k) index[order[k].id] = k;
        for (std::size_t v = 0; v < versions.size(); ++v)
            versions[v].proposal = index[commits[v].id];
        // The proposals that made a version of the blamed text.
        std::set<std::size_t> blamed_proposals;
        for (const BlameVersion& v : versions) blamed_proposals.insert(v.proposal);
        for (const std::string& other : candidates) {
            const auto changes = walked.changes.find(other);
            if (changes == walked.changes.end()) continue;
            // Without across_texts, only a text that changed in a proposal
            // that made a version of this one can give it wording.
            const auto shared = [&](std::size_t k) { return blamed_proposals.count(k) > 0; };
            if (!options.across_texts &&
                std::none_of(changes->second.begin(), changes->second.end(),
                             [&](const auto& change) { return shared(change.first); }))
                continue;
            Donor donor;
            donor.history =
                versions_of(ws, other, walked.commits_of(other), &donor.blob_ids, &donor.commits);
            // Through its last version that can give wording: one made by a
            // proposal of the blamed text, or (across_texts) any before its last.
            std::size_t keep = 0;
            for (std::size_t v = 0; v < donor.commits.size(); ++v) {
                const std::size_t k = index[donor.commits[v].id];
                const bool useful =
                    options.across_texts ? k <= versions.back().proposal : shared(k);
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
        case WordingState::option:
            return "option";
        case WordingState::moved:
            return "moved";
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

// Where the phrase stands in a text, from worst to best: absent, struck,
// in (or partly in) a bracket, in one of several Option or Alt paragraphs,
// or free. The phrase is looked for in the words alone: brackets and strike
// marks are left out, so "the approach" is found in "[the] approach".
enum class Standing { absent, struck, bracketed, option, free };

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

// "**Alt1:**" -> true: a paragraph written as an alternative to the main
// paragraph before it (not one of a numbered list of options).
bool is_alt_label(std::string_view label) {
    while (!label.empty() && (label.front() == '*' || label.front() == ' ')) label.remove_prefix(1);
    return label.substr(0, 3) == "Alt";
}

// Whether paragraph `p` is one of several alternatives standing side by
// side: Option or Alt paragraphs next to one another, or a paragraph with
// the Alt paragraphs that follow it.
bool among_options(const Document& doc, std::size_t p) {
    const auto& paragraphs = doc.paragraphs;
    const auto labelled = [&](std::size_t k) {
        return k < paragraphs.size() && paragraphs[k].is_alternative();
    };
    const auto alt = [&](std::size_t k) {
        return labelled(k) && is_alt_label(doc.text(paragraphs[k].label));
    };
    if (labelled(p)) return (p > 0 && labelled(p - 1)) || labelled(p + 1) || (alt(p) && p > 0);
    return alt(p + 1);
}

Standing standing_at(const Document& doc, std::size_t begin, std::size_t end) {
    for (const Strike& s : doc.strikes) {
        if (s.open < end && begin < s.close) return Standing::struck;
    }
    for (const Bracket& b : doc.brackets) {
        if (b.open < end && begin < b.close) return Standing::bracketed;
    }
    for (std::size_t p = 0; p < doc.paragraphs.size(); ++p) {
        const ByteRange& range = doc.paragraphs[p].range;
        if (range.begin <= begin && begin < range.end)
            return among_options(doc, p) ? Standing::option : Standing::free;
    }
    return Standing::free;
}

// The best standing of any occurrence of the phrase.
Standing standing_in(const Document& doc, const std::string& phrase) {
    const PlainText plain = plain_words(doc);
    Standing best = Standing::absent;
    for (std::size_t found = plain.text.find(phrase); found != std::string::npos;
         found = plain.text.find(phrase, found + 1)) {
        const std::size_t begin = plain.source[found],
                          end = plain.source[found + phrase.size() - 1] + 1;
        best = std::max(best, standing_at(doc, begin, end));
        if (best == Standing::free) break;
    }
    return best;
}

std::string_view state_name(Standing standing) {
    switch (standing) {
        case Standing::absent:
            return "absent";
        case Standing::struck:
            return "struck";
        case Standing::bracketed:
            return "bracketed";
        case Standing::option:
            return "option";
        case Standing::free:
            return "agreed";
    }
    return "absent";
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

    // The proposals in order, and where the phrase stands in each text
    // after each proposal that changed that text.
    std::vector<CommitInfo> order = ws.repo().history(head);
    std::reverse(order.begin(), order.end());
    std::map<std::string, std::size_t> index;
    for (std::size_t k = 0; k < order.size(); ++k) index[order[k].id] = k;
    struct Sighting {
        std::size_t proposal, path;
        Standing standing;
        const Proposal* record;
    };
    std::vector<FileHistory> histories;
    histories.reserve(paths.size());
    std::vector<Sighting> sightings;
    const ParseOptions options = ws.parse_options();
    for (std::size_t p = 0; p < paths.size(); ++p) {
        histories.push_back(file_history(ws, paths[p], head));
        const FileHistory& history = histories.back();
        Standing previous = Standing::absent;
        for (std::size_t v = 0; v < history.versions.size(); ++v) {
            const Standing now = standing_in(parse(history.versions[v].text, options), phrase);
            if (now == previous) continue;
            sightings.push_back(
                {index[history.proposals[v].commit], p, now, &history.proposals[v]});
            previous = now;
        }
    }
    std::stable_sort(sightings.begin(), sightings.end(),
                     [](const Sighting& a, const Sighting& b) { return a.proposal < b.proposal; });

    // After each proposal, the phrase stands as well as its best text says.
    std::vector<Standing> in_text(paths.size(), Standing::absent);
    const auto best = [&] {
        std::size_t at = 0;
        for (std::size_t p = 1; p < paths.size(); ++p)
            if (in_text[p] > in_text[at]) at = p;
        return at;
    };
    WhoReport report;
    report.phrase = phrase;
    Standing standing = Standing::absent;
    std::size_t where = 0;
    bool seen = false, was_deleted = false;
    for (std::size_t k = 0; k < sightings.size();) {
        const Sighting& first = sightings[k];
        std::size_t left_from = where;
        for (; k < sightings.size() && sightings[k].proposal == first.proposal; ++k)
            in_text[sightings[k].path] = sightings[k].standing;
        const std::size_t now_at = best();
        const Standing now = in_text[now_at];
        const Proposal& proposal = *first.record;
        if (!seen) {
            if (now == Standing::absent) continue;
            report.events.push_back({WordingState::proposed, proposal, paths[now_at]});
            seen = true;
        } else if (now != standing) {
            WordingState state = WordingState::standing;
            switch (now) {
                case Standing::absent:
                    state = WordingState::deleted, was_deleted = true;
                    break;
                case Standing::struck:
                    state = WordingState::struck;
                    break;
                case Standing::bracketed:
                    state = was_deleted ? WordingState::restored : WordingState::bracketed;
                    break;
                case Standing::option:
                    state = was_deleted ? WordingState::restored : WordingState::option;
                    break;
                case Standing::free:  // after brackets, a strike or other options
                    state = was_deleted ? WordingState::restored : WordingState::agreed;
                    break;
            }
            if (now != Standing::absent) was_deleted = false;
            report.events.push_back(
                {state, proposal, paths[now == Standing::absent ? left_from : now_at]});
        } else if (now != Standing::absent && now_at != where && in_text[where] != standing) {
            report.events.push_back({WordingState::moved, proposal, paths[now_at]});
        }
        standing = now;
        if (now != Standing::absent) where = now_at;
    }
    if (!seen) return std::nullopt;
    report.stands = standing != Standing::absent;
    report.current_state = std::string(state_name(standing));
    if (report.stands) report.current_path = paths[where];
    return report;
}

}  // namespace accord
