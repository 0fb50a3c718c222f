#include "merge/report/survival.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>

#include "core/notation/front_matter.hpp"
#include "core/notation/tokens.hpp"
#include "core/store/cache.hpp"
#include "core/store/config.hpp"
#include "core/util/crypto.hpp"
#include "core/util/errors.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/text.hpp"
#include "merge/blame/blame_history.hpp"
#include "merge/blame/blame_many.hpp"
#include "merge/blame/blame_memo.hpp"
#include "merge/diff/token_diff.hpp"
#include "merge/report/proposal_index.hpp"

namespace accord {

std::string_view to_string(Outcome outcome) {
    switch (outcome) {
        case Outcome::kept:
            return "kept";
        case Outcome::modified:
            return "modified";
        case Outcome::bracketed:
            return "bracketed";
        case Outcome::struck:
            return "struck";
        case Outcome::deleted:
            return "deleted";
        case Outcome::no_wording:
            return "no-wording";
    }
    return "no-wording";
}

WordFates& WordFates::operator+=(const WordFates& other) {
    proposed += other.proposed;
    standing += other.standing;
    bracketed += other.bracketed;
    struck += other.struck;
    gone += other.gone;
    return *this;
}

Outcome outcome_of(const WordFates& words) {
    if (words.proposed == 0) return Outcome::no_wording;
    if (words.gone >= words.proposed) return Outcome::deleted;
    if (words.struck > 0) return Outcome::struck;
    if (words.bracketed > 0) return Outcome::bracketed;
    if (words.gone == 0) return Outcome::kept;
    return Outcome::modified;
}

namespace {

bool is_word(const Token& token) {
    return token.kind == TokenKind::word || token.kind == TokenKind::number;
}

// Where the current text's words stand, per proposal: the words blame gives
// to a commit (as their first proposer, or as the one that restored them),
// each in the state the text's brackets and strikes put it in. `proposed`
// is left 0: the current text does not know how many words a proposal added.
using WordsByCommit = std::map<std::string, WordFates>;

WordsByCommit current_words(const FileBlame& blame) {
    const Document& doc = blame.result.document;
    // Depth of brackets and strikes at each byte, by difference arrays.
    std::vector<int> in_bracket(doc.source.size() + 1, 0), in_strike(doc.source.size() + 1, 0);
    for (const Bracket& b : doc.brackets) {
        ++in_bracket[b.open];
        --in_bracket[b.close + 1];
    }
    for (const Strike& s : doc.strikes) {
        ++in_strike[s.open];
        --in_strike[s.close + 2];
    }
    for (std::size_t k = 1; k < in_bracket.size(); ++k) {
        in_bracket[k] += in_bracket[k - 1];
        in_strike[k] += in_strike[k - 1];
    }

    WordsByCommit out;
    const auto& proposals = blame.history.proposals;
    const auto& spans = blame.result.spans;
    std::size_t span = 0;
    for (const Token& token : tokenize(doc)) {
        if (!is_word(token)) continue;
        while (span < spans.size() && spans[span].range.end <= token.range.begin) ++span;
        if (span == spans.size()) break;
        const BlameSpan& s = spans[span];
        if (s.kind != SpanKind::text || s.range.begin > token.range.begin) continue;
        auto file_under = [&](WordFates& fates) {
            if (in_strike[token.range.begin] > 0) {
                ++fates.struck;
            } else if (in_bracket[token.range.begin] > 0) {
                ++fates.bracketed;
            } else {
                ++fates.standing;
            }
        };
        file_under(out[proposals[s.origin].commit]);
        if (s.restored_by) file_under(out[proposals[*s.restored_by].commit]);
    }
    return out;
}

// The words (and numbers) of `after` that none of `befores` holds, by the
// token diff without folding (a merge's words come from one of its parents),
// leaving out whole paragraphs that a `before` holds verbatim elsewhere, or
// that `moved_in` holds (taken out of another text in the same proposal):
// moved, not worded; blame keeps them with their first proposer.
std::size_t inserted_words(const std::vector<Document>& befores, const Document& after,
                           const std::set<std::string>& moved_in = {}) {
    TokenDiffOptions options;
    options.fold_coincidences = false;
    options.words_first = true;  // aligned as blame aligns them (merge/blame/blame_diff)
    options.paragraph_edges = false;
    std::vector<bool> matched;
    std::set<std::string_view> old_paragraphs;
    std::vector<Token> tokens;
    for (const Document& before : befores) {
        TokenDiff diff = diff_tokens(before, after, options);
        matched.resize(diff.new_tokens.size(), false);
        for (std::size_t k = 0; k < diff.new_to_old.size(); ++k)
            if (diff.new_to_old[k] != kNone) matched[k] = true;
        for (const Paragraph& p : before.paragraphs) old_paragraphs.insert(before.text(p.range));
        tokens = std::move(diff.new_tokens);
    }
    std::size_t words = 0, paragraph = 0;
    // Whether a paragraph was moved is asked once per paragraph (asked per
    // word, a 200,000-word paragraph was copied for each of its words).
    std::size_t asked = kNone;
    bool moved = false;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        const Token& token = tokens[k];
        if (!is_word(token) || matched[k]) continue;
        while (paragraph < after.paragraphs.size() &&
               after.paragraphs[paragraph].range.end <= token.range.begin) {
            ++paragraph;
        }
        const bool in_paragraph = paragraph < after.paragraphs.size() &&
                                  after.paragraphs[paragraph].range.begin <= token.range.begin;
        if (!in_paragraph) {
            ++words;
            continue;
        }
        if (asked != paragraph) {
            const std::string_view text = after.text(after.paragraphs[paragraph].range);
            moved = old_paragraphs.count(text) || moved_in.count(std::string(text));
            asked = paragraph;
        }
        if (!moved) ++words;
    }
    return words;
}

// What `proposal` put into `path` (whose blobs the index gives) that none
// of its parents had. A proposal with one parent (or none) is answered from
// `remembered`, by the pair of blobs, or worked out and remembered there; a
// merge from its parents' texts. `memo` remembers the front matter last
// read of this path (most proposals change the body alone).
// `moves_key`: a digest of the blobs of every text the proposal changed
// (part of what the count is remembered by; empty when it changed no other
// text), for the paragraphs it took out of another may be what it put here
// (a move between texts, no wording of its own); `lost` gives those
// paragraphs, worked out once per proposal, and only when a count is not
// remembered. (A digest, not the blob ids: a proposal touching thousands of
// texts made every text's key list all the others, and memory grow with the
// square of their number.)
// `removed` gives the texts the proposal deleted: a text it created is
// compared with the one it was renamed or moved from, edited in the same
// proposal, as blame follows it there: the deleted text of the same file
// name, or the only one deleted. (Not with every deleted text: a proposal
// that moves thousands of texts would compare each with all the others.)
struct RemovedText {
    std::string path, text;
};
using LostParagraphs = std::function<const std::set<std::string>&()>;
using RemovedTexts = std::function<const std::vector<RemovedText>&()>;
std::size_t proposed_words(const Workspace& workspace, const Proposal& proposal,
                           const std::string& path, const ProposalTouch::Blobs& blobs,
                           const std::string& moves_key, const LostParagraphs& lost,
                           const RemovedTexts& removed, CacheTable& remembered,
                           FrontMatterMemo& memo) {
    if (!blobs.after) return 0;  // deleted here
    const ParseOptions options = workspace.parse_options();
    if (proposal.parents.size() > 1) {
        const std::optional<std::string> after = workspace.read(proposal.commit, path);
        if (!after || looks_binary(*after)) return 0;
        std::vector<Document> befores;
        for (const std::string& parent : proposal.parents)
            befores.push_back(parse(workspace.read(parent, path).value_or(""), options, memo));
        return inserted_words(befores, parse(*after, options, memo));
    }
    std::string key = (blobs.before ? CacheTable::id_key(*blobs.before) : std::string(20, '\0')) +
                      CacheTable::id_key(*blobs.after);
    key += moves_key;  // the moves it may hold
    if (const std::optional<std::string> value = remembered.find(key)) {
        CacheReader in(*value);
        const std::uint64_t words = in.number();
        if (in.complete()) return static_cast<std::size_t>(words);
    }
    const Repository& repo = workspace.repo();
    const std::string after = repo.read_blob_unverified(*blobs.after);
    std::string before = blobs.before ? repo.read_blob_unverified(*blobs.before) : "";
    std::size_t words = 0;
    // A side too large to compare word by word is left out of the
    // attribution (blame_files), and so of what the proposal proposed.
    if (!looks_binary(after) && comparable_word_by_word(after) && comparable_word_by_word(before)) {
        std::vector<Document> befores;
        befores.push_back(parse(std::move(before), options, memo));
        if (!blobs.before && !moves_key.empty()) {
            const std::vector<RemovedText>& gone = removed();
            const auto name = [](std::string_view p) { return p.substr(p.rfind('/') + 1); };
            for (const RemovedText& r : gone) {
                if (gone.size() == 1 || name(r.path) == name(path))
                    befores.push_back(parse(r.text, options));
            }
        }
        static const std::set<std::string> kNone;
        words = inserted_words(befores, parse(after, options, memo),
                               moves_key.empty() ? kNone : lost());
    }
    remembered.put(key, CacheWriter().number(words).take());
    return words;
}

// proposed_words's moves_key: a digest of the blobs of every text the
// proposal changed, or empty when it changed one text only.
std::string moves_key_of(const ProposalTouch& touch) {
    std::string ids;
    std::size_t texts = 0;
    for (std::size_t k = 0; k < touch.paths.size(); ++k) {
        if (!is_text_path(touch.paths[k])) continue;
        ++texts;
        const ProposalTouch::Blobs& blobs = touch.blobs.at(k);
        ids += blobs.before ? CacheTable::id_key(*blobs.before) : std::string(20, '\0');
        ids += blobs.after ? CacheTable::id_key(*blobs.after) : std::string(20, '\0');
    }
    return texts > 1 ? crypto::digest(crypto::Digest::sha256, ids) : std::string();
}

// The texts the proposal deleted, as they were in its first parent.
std::vector<RemovedText> removed_texts(const Workspace& workspace, const ProposalTouch& touch) {
    std::vector<RemovedText> out;
    for (std::size_t k = 0; k < touch.paths.size(); ++k) {
        const ProposalTouch::Blobs& blobs = touch.blobs.at(k);
        if (!is_text_path(touch.paths[k]) || !blobs.before || blobs.after) continue;
        std::string text = workspace.repo().read_blob_unverified(*blobs.before);
        if (!looks_binary(text)) out.push_back({touch.paths[k], std::move(text)});
    }
    return out;
}

// The paragraphs the proposal's texts lost (in their first parent, not in
// the proposal): what a move between them took out.
std::set<std::string> lost_paragraphs(const Workspace& workspace, const ProposalTouch& touch) {
    const Repository& repo = workspace.repo();
    ParseOptions plain = workspace.parse_options();
    plain.diagnostics = false;
    std::set<std::string> out;
    for (std::size_t k = 0; k < touch.paths.size(); ++k) {
        const ProposalTouch::Blobs& blobs = touch.blobs.at(k);
        if (!is_text_path(touch.paths[k]) || !blobs.before) continue;
        const Document was = parse(repo.read_blob_unverified(*blobs.before), plain);
        const Document now =
            parse(blobs.after ? repo.read_blob_unverified(*blobs.after) : "", plain);
        std::set<std::string_view> kept;
        for (const Paragraph& p : now.paragraphs) kept.insert(now.text(p.range));
        for (const Paragraph& p : was.paragraphs)
            if (!kept.count(was.text(p.range))) out.emplace(was.text(p.range));
    }
    return out;
}

bool names(const Proposal& proposal, const std::string& delegation) {
    const std::string wanted = normalise_name(delegation);
    return std::any_of(proposal.proposers.begin(), proposal.proposers.end(),
                       [&](const std::string& n) { return normalise_name(n) == wanted; });
}

// The canonical name: the registry's, else a proposer's name as the history
// spells it (repositories without accord.yaml), else nullopt.
std::optional<std::string> find_delegation(const Workspace& workspace,
                                           const std::vector<ProposalTouch>& index,
                                           const std::string& name) {
    if (auto resolved = workspace.config().resolve_delegation(name)) return resolved;
    for (const ProposalTouch& touch : index) {
        for (const std::string& proposer : touch.proposal.proposers)
            if (normalise_name(proposer) == normalise_name(name)) return proposer;
    }
    return std::nullopt;
}

// Words counted gone from the texts a proposal changed that stand in
// another text (`moved`) are counted where they now stand, file by file,
// never more than a file's gone words.
void take_back_moved(std::vector<FileSurvival>& files, WordFates moved) {
    for (FileSurvival& file : files) {
        const auto take = [&](std::size_t& from, std::size_t& into) {
            const std::size_t n = std::min(from, file.words.gone);
            from -= n, into += n, file.words.gone -= n;
        };
        take(moved.standing, file.words.standing);
        take(moved.bracketed, file.words.bracketed);
        take(moved.struck, file.words.struck);
    }
}

}  // namespace

SurvivalReport wording_survival(const Workspace& workspace, const SurvivalOptions& options) {
    SurvivalReport report;
    report.delegation = options.delegation;
    const bool empty = workspace.repo().is_empty_branch();
    if (!empty) report.revision = workspace.resolve(options.at);
    ProposalIndexOptions index_options;
    index_options.from = empty ? "HEAD" : report.revision;
    index_options.walk = Walk::full;  // proposals on merged redraft branches count too
    index_options.blobs = true;
    std::vector<ProposalTouch> index =
        empty ? std::vector<ProposalTouch>{} : index_proposals(workspace, index_options);

    const std::optional<std::string> delegation =
        find_delegation(workspace, index, options.delegation);
    if (!delegation) {
        if (empty) return report;
        // Near names from the registry, else from the proposers the history names.
        std::vector<std::string> near = workspace.config().suggest(options.delegation);
        if (near.empty()) {
            Config seen;
            for (const ProposalTouch& touch : index) {
                for (const std::string& name : touch.proposal.proposers) {
                    if (std::none_of(seen.delegations.begin(), seen.delegations.end(),
                                     [&](const Delegation& d) { return d.name == name; }))
                        seen.delegations.push_back({name, {}, {}});
                }
            }
            near = seen.suggest(options.delegation);
        }
        std::string hint;
        for (const std::string& s : near) hint += (hint.empty() ? "" : ", ") + s;
        throw usage_error(
            "survival: unknown delegation '" + options.delegation + "'" +
            (hint.empty() ? "; accord.yaml lists the delegations, 'accord log' shows who proposed"
                          : "; did you mean " + hint + "?"));
    }
    report.delegation = *delegation;
    // Only its proposals are looked at from here on: the others are let go
    // before every text is blamed.
    std::erase_if(index, [&](const ProposalTouch& touch) {
        return !names(touch.proposal, report.delegation);
    });
    index.shrink_to_fit();

    std::vector<std::string> texts;
    if (!empty) texts = workspace.texts(report.revision);

    // Every text of the current revision blamed once, all in one walk of the
    // history, when the first proposal asks; its words per text, and the
    // texts each proposal's words stand in.
    std::map<std::string, WordsByCommit> current;  // per path
    std::map<std::string, std::vector<std::pair<std::string, WordFates>>> standing_in;
    // What each of its proposals worded in each current text, as blame reads
    // it (its version there, BlameResult::own_words), by commit id and the
    // path the text had then (a text renamed since is blamed under its new
    // name, its versions at the old one among its own, wording moved into
    // it there from another text its first proposer's): the words standing
    // now are set against these. (Against the words a
    // plain token diff counts, a rewording's coincidentally kept words, which
    // blame credits to the rewording, hid as many later deletions.)
    // Remembered, as blame's results are; counted by blaming the texts again
    // when one is not.
    BlameOptions blamed_as;
    blamed_as.parse = workspace.parse_options();
    blamed_as.across_texts = options.across_texts;
    CacheTable worded_table(workspace.repo().git_dir(), "own-words",
                            "own-words/3|" + blame_options_key(blamed_as));
    // A text blame leaves out (binary, or too large to compare) is
    // remembered as not counted (blame's kUnknownCount), so that it does not
    // send every later run to blame all the texts again: its proposals'
    // wording is then the diff's.
    constexpr std::uint64_t kNotCounted = BlameResult::kUnknownCount;
    std::map<std::pair<std::string, std::string>, std::size_t> worded;
    std::vector<std::pair<std::string, std::string>> unknown;  // (commit, path) not remembered
    {
        // Every text a proposal left standing is asked about: one the
        // revision no longer holds may be a current text at an old name.
        // One blame does not reach (deleted since) is remembered as not
        // counted, and its words are the diff's.
        for (const ProposalTouch& touch : index) {
            for (std::size_t k = 0; k < touch.paths.size(); ++k) {
                const std::string& path = touch.paths[k];
                if (!touch.blobs.at(k).after || !is_text_path(path)) continue;
                const std::optional<std::string> value =
                    worded_table.find(CacheTable::id_key(touch.proposal.commit) + path);
                CacheReader in(value.value_or(""));
                const std::uint64_t words = in.number();
                if (!value || !in.complete() || words > kNotCounted) {
                    unknown.emplace_back(touch.proposal.commit, path);
                } else if (words != kNotCounted) {
                    worded[{touch.proposal.commit, path}] = static_cast<std::size_t>(words);
                }
            }
        }
    }
    const bool all_worded = unknown.empty();
    bool blamed = false;
    const auto blame_all = [&] {
        if (blamed) return;
        blamed = true;
        BlameManyOptions blame;
        blame.across_texts = options.across_texts;
        blame.skip_binary = true;  // a binary file holds no wording
        blame.count_own_words = !all_worded;
        blame_files(workspace, texts, report.revision, blame, [&](std::size_t, FileBlame&& b) {
            const std::vector<std::uint32_t>& own = b.result.own_words;
            for (std::size_t v = 0; v < own.size() && v < b.history.versions.size(); ++v) {
                if (own[v] == kNotCounted) continue;
                const std::string& commit = b.history.versions[v].id;
                const std::string& path =
                    v < b.version_names.size() ? b.names.at(b.version_names[v]) : b.path;
                worded[{commit, path}] = own[v];
                worded_table.put(CacheTable::id_key(commit) + path,
                                 CacheWriter().number(own[v]).take());
            }
            WordsByCommit words = current_words(b);
            for (const auto& [commit, fates] : words)
                standing_in[commit].emplace_back(b.path, fates);
            current.emplace(b.path, std::move(words));
        });
    };
    const auto remember_uncounted = [&] {
        for (const auto& key : unknown) {
            if (!worded.count(key))
                worded_table.put(CacheTable::id_key(key.first) + key.second,
                                 CacheWriter().number(kNotCounted).take());
        }
        unknown.clear();
    };
    const WordsByCommit none;
    const auto current_for = [&](const std::string& path) -> const WordsByCommit& {
        blame_all();
        remember_uncounted();
        const auto found = current.find(path);
        return found == current.end() ? none : found->second;
    };

    // A proposal's words standing in texts it did not change: moved there
    // (or, with across_texts, tabled again there) by a later proposal.
    const auto elsewhere = [&](const std::vector<std::string>& changed, const std::string& commit) {
        blame_all();
        WordFates out;
        const auto found = standing_in.find(commit);
        if (found == standing_in.end()) return out;
        for (const auto& [path, fates] : found->second) {
            if (std::find(changed.begin(), changed.end(), path) == changed.end()) out += fates;
        }
        return out;
    };

    std::map<std::string, FrontMatterMemo> front_matter;  // per path
    CacheTable remembered(workspace.repo().git_dir(), "proposed-words",
                          "proposed-words/6|" + reading_key(workspace.parse_options()));
    for (const ProposalTouch& touch : index) {
        const Proposal& p = touch.proposal;
        ProposalSurvival survival;
        survival.proposal = p;
        // Words of this proposal standing in one of its texts beyond what it
        // proposed there: moved there from another of its texts since.
        WordFates moved_between;
        std::optional<std::set<std::string>> lost;  // worked out at most once
        const LostParagraphs lost_once = [&]() -> const std::set<std::string>& {
            if (!lost) lost = lost_paragraphs(workspace, touch);
            return *lost;
        };
        std::optional<std::vector<RemovedText>> removed;
        const RemovedTexts removed_once = [&]() -> const std::vector<RemovedText>& {
            if (!removed) removed = removed_texts(workspace, touch);
            return *removed;
        };
        const std::string moves_key = moves_key_of(touch);
        for (std::size_t k = 0; k < touch.paths.size(); ++k) {
            const std::string& path = touch.paths[k];
            FileSurvival file;
            file.path = path;
            const WordsByCommit& now = current_for(path);
            // As blame counts it where blame walked the text (one the revision
            // holds); a text deleted since by the token diff.
            if (const auto counted = worded.find({p.commit, path}); counted != worded.end()) {
                file.words.proposed = counted->second;
            } else {
                file.words.proposed =
                    proposed_words(workspace, p, path, touch.blobs.at(k), moves_key, lost_once,
                                   removed_once, remembered, front_matter[path]);
            }
            if (const auto own = now.find(p.commit); own != now.end()) {
                // Never more than it proposed, should the diff and blame ever differ.
                const WordFates& w = own->second;
                file.words.struck = std::min(w.struck, file.words.proposed);
                file.words.bracketed =
                    std::min(w.bracketed, file.words.proposed - file.words.struck);
                file.words.standing = std::min(
                    w.standing, file.words.proposed - file.words.struck - file.words.bracketed);
                moved_between.struck += w.struck - file.words.struck;
                moved_between.bracketed += w.bracketed - file.words.bracketed;
                moved_between.standing += w.standing - file.words.standing;
            }
            file.words.gone = file.words.proposed - file.words.struck - file.words.bracketed -
                              file.words.standing;
            survival.files.push_back(std::move(file));
        }
        WordFates moved = elsewhere(touch.paths, p.commit);
        moved += moved_between;
        take_back_moved(survival.files, moved);
        for (FileSurvival& file : survival.files) {
            file.outcome = outcome_of(file.words);
            survival.words += file.words;
        }
        survival.outcome = outcome_of(survival.words);
        // A merge of redrafts names the proposers of what it merged; their
        // proposals are listed each on its own. With no wording of its own
        // it is none of theirs (it was counted as one more proposal each).
        if (p.parents.size() > 1 && survival.words.proposed == 0) continue;
        report.words += survival.words;
        ++report.outcomes[survival.outcome];
        report.proposals.push_back(std::move(survival));
    }
    remembered.save();
    worded_table.save();
    return report;
}

namespace {

std::string figures(const WordFates& w) {
    return pad_left(std::to_string(w.proposed), 8) + pad_left(std::to_string(w.standing), 10) +
           pad_left(std::to_string(w.bracketed), 11) + pad_left(std::to_string(w.struck), 8) +
           pad_left(std::to_string(w.gone), 6);
}

void write_words(JsonWriter& json, const WordFates& w) {
    json.begin_object()
        .field("proposed", w.proposed)
        .field("standing", w.standing)
        .field("bracketed", w.bracketed)
        .field("struck", w.struck)
        .field("gone", w.gone)
        .end_object();
}

constexpr Outcome kOutcomes[] = {Outcome::kept,   Outcome::modified, Outcome::bracketed,
                                 Outcome::struck, Outcome::deleted,  Outcome::no_wording};

}  // namespace

std::string render_survival_text(const SurvivalReport& report, const SurvivalViewOptions& options) {
    const std::string bold(options.style.bold()), dim(options.style.dim()),
        reset(options.style.reset());
    if (report.proposals.empty()) {
        return "no proposals by " + escape_controls(report.delegation) +
               (report.revision.empty() ? "" : " up to " + report.revision.substr(0, 10)) + "\n";
    }
    std::string out = bold + "What became of " + escape_controls(report.delegation) +
                      "'s wording in the text at " + report.revision.substr(0, 10) + reset + "\n\n";
    out += bold + "day         outcome     proposed  standing  bracketed  struck  gone  files" +
           reset + "\n";
    for (const ProposalSurvival& s : report.proposals) {
        std::vector<std::string> paths;
        for (const FileSurvival& f : s.files) paths.push_back(f.path);
        out += s.proposal.day + "  " + pad_right(to_string(s.outcome), 12) + figures(s.words) +
               "  " + escape_controls(join(paths, ", ")) + "\n";
        std::string detail = s.proposal.commit.substr(0, 10) + "  " + s.proposal.subject;
        std::vector<std::string> others;
        for (const std::string& n : s.proposal.proposers)
            if (n != report.delegation) others.push_back(n);
        if (!others.empty()) detail += " (with " + join(others, ", ") + ")";
        out += dim + "            " + escape_controls(detail) + reset + "\n";
    }
    out += "\n" + bold + pad_right("total", 24) + figures(report.words) + reset + "\n";
    std::vector<std::string> outcomes;
    for (Outcome o : kOutcomes) {
        const auto n = report.outcomes.find(o);
        if (n != report.outcomes.end())
            outcomes.push_back(std::to_string(n->second) + " " + std::string(to_string(o)));
    }
    out += std::to_string(report.proposals.size()) +
           (report.proposals.size() == 1 ? " proposal: " : " proposals: ") + join(outcomes, ", ") +
           "\n";
    return out;
}

std::string render_survival_json(const SurvivalReport& report) {
    JsonWriter json = JsonWriter::with_schema("accord.survival/1");
    json.field("delegation", report.delegation).key("revision");
    if (report.revision.empty()) {
        json.null();
    } else {
        json.value(report.revision);
    }
    json.key("proposals").begin_array();
    for (const ProposalSurvival& s : report.proposals) {
        const Proposal& p = s.proposal;
        json.begin_object()
            .field("commit", p.commit)
            .field("date", p.date)
            .field("day", p.day)
            .key("proposers")
            .begin_array();
        for (const std::string& n : p.proposers) json.value(n);
        json.end_array()
            .field("subject", p.subject)
            .field("outcome", to_string(s.outcome))
            .key("words");
        write_words(json, s.words);
        json.key("files").begin_array();
        for (const FileSurvival& f : s.files) {
            json.begin_object().field("path", f.path).field("outcome", to_string(f.outcome));
            json.key("words");
            write_words(json, f.words);
            json.end_object();
        }
        json.end_array().end_object();
    }
    json.end_array().key("totals").begin_object().field("proposals", report.proposals.size());
    json.key("outcomes").begin_object();
    for (Outcome o : kOutcomes) {
        const auto n = report.outcomes.find(o);
        json.field(to_string(o), n == report.outcomes.end() ? std::size_t{0} : n->second);
    }
    json.end_object().key("words");
    write_words(json, report.words);
    json.end_object();
    return json.finish();
}

}  // namespace accord
