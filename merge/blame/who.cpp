#include "merge/blame/who.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

#include "core/notation/front_matter.hpp"
#include "core/notation/parse.hpp"
#include "core/store/proposal_record.hpp"
#include "core/util/errors.hpp"
#include "core/util/parallel.hpp"
#include "merge/blame/phrase_standing.hpp"

namespace accord {

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

// Looked up by std::string_view without building a std::string.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
        return std::hash<std::string_view>{}(text);
    }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// Where the phrase stands in one version of a text: read, and parsed only
// when its bytes may hold the phrase, for its structure alone (no
// diagnostics), with the front matter of the text's version read before it
// reused when unchanged.
class StandingReader {
  public:
    StandingReader(const Repository& repo, const ParseOptions& options, const std::string& phrase)
        : repo_(repo), options_(options), phrase_(phrase), sieve_(phrase) {
        options_.diagnostics = false;
    }
    Standing read(const std::string& blob_id, std::size_t text) {
        const std::string bytes = repo_.read_blob_unverified(blob_id);
        if (!sieve_.may_stand_in(bytes)) return Standing::absent;
        if (front_matter_.size() <= text) front_matter_.resize(text + 1);
        if (!front_matter_[text]) front_matter_[text] = std::make_unique<FrontMatterMemo>();
        return standing_of(parse(bytes, options_, *front_matter_[text]), phrase_);
    }

  private:
    const Repository& repo_;
    ParseOptions options_;
    const std::string& phrase_;
    PhraseSieve sieve_;
    std::vector<std::unique_ptr<FrontMatterMemo>> front_matter_;  // per text, once parsed
};

// The standings of `blobs` (each with the number of a text it is a
// version of), read on two threads, each with its own repository handle:
// reading every version of every text is most of who's work on a long
// history, as it is of git log -S.
StringMap<Standing> read_standings(const Workspace& ws, const std::string& phrase,
                                   const std::vector<std::pair<std::string, std::size_t>>& blobs) {
    constexpr std::size_t kThreads = 2;
    // Opened here, one after the other: opening one notes things in the
    // process (a shallow clone, a journal to recover) that two threads must
    // not write at once.
    std::vector<Repository> repos;
    for (std::size_t k = 0; k < kThreads && k < blobs.size(); ++k)
        repos.push_back(Repository::open(ws.repo().git_dir()));
    std::vector<std::vector<Standing>> found(repos.size());
    const ParseOptions options = ws.parse_options();
    for_each_index(
        repos.size(),
        [&](std::size_t k) {
            StandingReader reader(repos[k], options, phrase);
            for (std::size_t b = k; b < blobs.size(); b += repos.size())
                found[k].push_back(reader.read(blobs[b].first, blobs[b].second));
        },
        kThreads);
    StringMap<Standing> out;
    out.reserve(blobs.size());
    for (std::size_t b = 0; b < blobs.size(); ++b)
        out.emplace(blobs[b].first, found[b % repos.size()][b / repos.size()]);
    return out;
}

// Where the phrase stands in each blob, remembered by blob id: those a
// walk met (read_standings), and any other read here.
class BlobStandings {
  public:
    BlobStandings(const Workspace& ws, const std::string& phrase, StringMap<Standing> known)
        : reader_(ws.repo(), ws.parse_options(), phrase), known_(std::move(known)) {}

    // The standing in blob `blob_id`, a version of text number `text`.
    Standing of(const std::string& blob_id, std::size_t text) {
        const auto [it, added] = known_.try_emplace(blob_id, Standing::absent);
        if (added) it->second = reader_.read(blob_id, text);
        return it->second;
    }

  private:
    StandingReader reader_;
    StringMap<Standing> known_;
};

// One version of one text: made by commit `commit` (an index into the
// walk's commits, newest first), where the phrase stands in it.
struct Version {
    std::uint32_t commit;
    std::uint32_t path;
    Standing standing;
};

// A change of standing: after proposal `commit` (oldest first), the phrase
// stands so in text `path`.
struct Sighting {
    std::size_t commit;
    std::size_t path;
    Standing standing;
};

// `path` is `root` or lies below the directory `root`; "" is the whole tree.
bool within(std::string_view path, std::string_view root) {
    if (root.empty()) return true;
    return path.substr(0, root.size()) == root &&
           (path.size() == root.size() || path[root.size()] == '/');
}

// Where the phrase stands in each text after each proposal that changed its
// standing there, oldest first: the versions of `paths` up to `head`, read in
// one walk of the history, and of every text the history held below `roots`
// (all texts when there are none), which the walk adds to `paths`: wording
// renamed or moved out of a text since deleted is followed there. A deleted
// text no longer holds the phrase. `commits` gets the ids the sightings
// index, and `at_head` where the phrase stands in each text of `head`
// (absent in a text it no longer holds).
std::vector<Sighting> sightings_of(const Workspace& ws, const std::string& head,
                                   const std::string& phrase, std::vector<std::string>& paths,
                                   const std::vector<std::string>& roots,
                                   std::vector<std::string>& commits,
                                   std::vector<Standing>& at_head) {
    StringMap<std::uint32_t> index;
    for (std::size_t p = 0; p < paths.size(); ++p)
        index.try_emplace(paths[p], static_cast<std::uint32_t>(p));
    const auto index_of = [&](std::string_view path) -> std::optional<std::uint32_t> {
        if (const auto it = index.find(path); it != index.end()) return it->second;
        if (!is_text_path(path)) return std::nullopt;
        if (!roots.empty() && std::none_of(roots.begin(), roots.end(),
                                           [&](const std::string& r) { return within(path, r); }))
            return std::nullopt;
        paths.emplace_back(path);
        return index.try_emplace(paths.back(), static_cast<std::uint32_t>(paths.size() - 1))
            .first->second;
    };
    // The walk records each step's changes of the texts and the blobs they
    // hold; those are read on two threads once it ends, and then where the
    // phrase's standing changed is worked out.
    struct TextChange {
        std::uint32_t text;
        std::optional<std::string> old_blob, new_blob;
    };
    struct Step {
        std::string commit;
        std::vector<std::string> parents;
        std::vector<TextChange> changes;
    };
    std::vector<Step> steps;                                 // newest first
    std::vector<std::pair<std::string, std::size_t>> blobs;  // each blob once, with a text of it
    StringMap<bool> wanted;
    const auto want = [&](const std::optional<std::string>& blob, std::uint32_t text) {
        if (blob && wanted.try_emplace(*blob, true).second) blobs.emplace_back(*blob, text);
    };
    Repository::WalkOptions walk;
    walk.from = head;
    walk.paths = roots;
    walk.keep = [&](std::string_view path) { return index_of(path).has_value(); };
    ws.repo().walk_history(walk, [&](Repository::WalkStep& step) {
        Step recorded;
        for (Repository::FileChange& change : step.changes) {
            const std::optional<std::uint32_t> text = index_of(change.path);
            if (!text) continue;
            want(change.new_blob, *text);
            want(change.old_blob, *text);
            recorded.changes.push_back(
                {*text, std::move(change.old_blob), std::move(change.new_blob)});
        }
        if (recorded.changes.empty()) return true;
        recorded.commit = std::move(step.commit.id);
        recorded.parents = std::move(step.commit.parents);
        steps.push_back(std::move(recorded));
        return true;
    });
    wanted = {};
    BlobStandings standings(ws, phrase, read_standings(ws, phrase, blobs));
    blobs = {};
    std::vector<Version> versions;  // newest first
    for (const Step& step : steps) {
        bool listed = false;
        for (const TextChange& change : step.changes) {
            const std::uint32_t text = change.text;
            const std::string& path = paths[text];
            const auto standing_of = [&](const std::optional<std::string>& blob) {
                return blob ? standings.of(*blob, text) : Standing::absent;
            };
            const Standing standing = standing_of(change.new_blob);
            // A proposal changes the phrase's standing only where it differs
            // from every parent's: on parallel branches, a proposal that
            // never saw a word did not delete it, and a merge that keeps one
            // side's wording neither deleted nor restored it. Unless the
            // first side had changed it since the two forked (Sweden's
            // wording on main, Japan's on the branch) and the merge took
            // the other side's: that choice was the merge's.
            const std::vector<std::string>& parents = step.parents;
            const Standing first = standing_of(change.old_blob);
            bool as_a_parent = first == standing;
            for (std::size_t k = 1; k < parents.size() && !as_a_parent; ++k) {
                if (standing_of(ws.repo().blob_id_at(parents[k], path)) != standing) continue;
                const std::optional<std::string> fork =
                    ws.repo().merge_base({parents.front(), parents[k]});
                as_a_parent = !fork || standing_of(ws.repo().blob_id_at(*fork, path)) == first;
            }
            if (as_a_parent) continue;
            if (!listed) commits.push_back(step.commit);
            listed = true;
            versions.push_back({static_cast<std::uint32_t>(commits.size() - 1), text, standing});
        }
    }
    at_head.assign(paths.size(), Standing::absent);
    for (std::size_t p = 0; p < paths.size(); ++p) {
        if (const std::optional<std::string> blob = ws.repo().blob_id_at(head, paths[p]))
            at_head[p] = standings.of(*blob, p);
    }
    // Oldest first: a text's standing changes where a version's differs
    // from the version before it.
    std::reverse(commits.begin(), commits.end());
    std::vector<Standing> previous(paths.size(), Standing::absent);
    std::vector<Sighting> out;
    for (auto v = versions.rbegin(); v != versions.rend(); ++v) {
        if (v->standing == previous[v->path]) continue;
        previous[v->path] = v->standing;
        out.push_back({commits.size() - 1 - v->commit, v->path, v->standing});
    }
    return out;
}

// The texts the given paths name: a directory of the revision (or "", the
// whole tree) stands for the texts of `texts` below it, in their order; any
// other path (a text, or one the revision no longer holds) for itself.
std::vector<std::string> texts_named(const std::vector<std::string>& given,
                                     const std::vector<std::string>& texts) {
    std::vector<std::string> out;
    StringMap<bool> added;
    const auto add = [&](const std::string& path) {
        if (added.try_emplace(path, true).second) out.push_back(path);
    };
    for (const std::string& root : given) {
        const bool is_text = std::find(texts.begin(), texts.end(), root) != texts.end();
        const bool is_directory =
            !is_text && std::any_of(texts.begin(), texts.end(),
                                    [&](const std::string& text) { return within(text, root); });
        if (!is_directory) {
            add(root);
            continue;
        }
        for (const std::string& text : texts)
            if (within(text, root)) add(text);
    }
    return out;
}

}  // namespace

std::string wording_of_phrase(std::string_view phrase) {
    // A run of marks goes. Within a word ("en[hanced]", "[strengthen].") it
    // joins what it parted; between options ("[a][b]") or beside white
    // space it stands for a space.
    std::string words;
    for (std::size_t k = 0; k < phrase.size();) {
        const auto mark_at = [&](std::size_t at) {
            if (at >= phrase.size()) return std::size_t{0};
            if (phrase[at] == '[' || phrase[at] == ']') return std::size_t{1};
            return phrase.substr(at, 2) == "~~" ? std::size_t{2} : std::size_t{0};
        };
        std::size_t end = k;
        while (const std::size_t length = mark_at(end)) end += length;
        if (end == k) {
            words += phrase[k++];
            continue;
        }
        const std::string_view run = phrase.substr(k, end - k);
        const bool within_word = !words.empty() && words.back() != ' ' && end < phrase.size() &&
                                 phrase[end] != ' ' && run.find("][") == std::string_view::npos;
        if (!within_word) words += ' ';
        k = end;
    }
    return collapse_white_space(words);
}

std::optional<WhoReport> who_proposed(const Workspace& ws, const std::string& phrase_in,
                                      const std::vector<std::string>& paths_in) {
    const std::string phrase = wording_of_phrase(phrase_in);
    if (phrase.empty())
        throw usage_error(
            "who: give the wording to look for, e.g. accord who \"enhanced cooperation\"");
    if (ws.repo().is_empty_branch()) return std::nullopt;
    const std::string head = ws.repo().resolve("HEAD");
    std::vector<std::string> roots;  // the paths given, without a trailing '/'
    for (std::string path : paths_in) {
        while (!path.empty() && path.back() == '/') path.pop_back();
        roots.push_back(std::move(path));
    }
    const std::vector<std::string> texts = ws.texts(head);
    std::vector<std::string> paths = roots.empty() ? texts : texts_named(roots, texts);

    std::vector<std::string> commits;
    std::vector<Standing> at_head;
    const std::vector<Sighting> sightings =
        sightings_of(ws, head, phrase, paths, roots, commits, at_head);

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
        std::vector<std::size_t> changed;  // the texts this proposal changed it in
        for (; k < sightings.size() && sightings[k].commit == first.commit; ++k) {
            in_text[sightings[k].path] = sightings[k].standing;
            changed.push_back(sightings[k].path);
        }
        const std::size_t now_at = best();
        const Standing now = in_text[now_at];
        const CommitInfo commit = ws.repo().commit(commits[first.commit]);
        const auto proposal = [&] {
            return credited_for_own_wording(read_proposal(commit, ws.config()));
        };
        if (seen && is_plain_merge(commit.parents.size(), commit.message)) {
            // The merge `git pull` makes proposes nothing: what it brought
            // was told at the other side's own proposals.
            standing = now;
            if (now != Standing::absent) where = now_at;
            continue;
        }
        if (!seen) {
            if (now == Standing::absent) continue;
            report.events.push_back({WordingState::proposed, proposal(), paths[now_at]});
            seen = true;
        } else if (now != standing && standing != Standing::absent && now_at != where &&
                   in_text[where] == standing &&
                   std::find(changed.begin(), changed.end(), where) == changed.end()) {
            // Better standing in another text, the text it stood in left as
            // it was: tabled there on its own (no one lifted the first
            // text's brackets), a proposal of the wording again.
            report.events.push_back({WordingState::proposed, proposal(), paths[now_at]});
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
                case Standing::unbracketed:  // free of marks, its status not agreement
                    state = was_deleted ? WordingState::restored : WordingState::standing;
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
                {state, proposal(), paths[now == Standing::absent ? left_from : now_at]});
        } else if (now != Standing::absent && now_at != where && in_text[where] != standing) {
            // A move is the phrase leaving one text for another in one
            // proposal; where it stood in the other text already (tabled
            // there on its own), this proposal only took it out of the first.
            const bool arrived = std::find(changed.begin(), changed.end(), now_at) != changed.end();
            report.events.push_back({arrived ? WordingState::moved : WordingState::deleted,
                                     proposal(), paths[arrived ? now_at : where]});
        }
        standing = now;
        if (now != Standing::absent) where = now_at;
    }
    if (!seen) return std::nullopt;
    // Where it stands now is read from the revision itself: the story above
    // runs through parallel branches one proposal after another, and a
    // merge that took one side's wording changed nothing to tell.
    in_text = std::move(at_head);
    where = best();
    standing = in_text[where];
    report.stands = standing != Standing::absent;
    report.current_state = std::string(state_name(standing));
    if (report.stands) report.current_path = paths[where];
    return report;
}

}  // namespace accord
