#include "merge/survival.hpp"

#include <algorithm>
#include <optional>

#include "core/config.hpp"
#include "core/errors.hpp"
#include "core/tokens.hpp"
#include "core/util/json_writer.hpp"
#include "merge/blame_history.hpp"
#include "merge/proposal_index.hpp"

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

// Per origin commit, the states of the words a blamed version holds.
using FatesByCommit = std::map<std::string, WordFates>;

// Walks the blamed version's words (and numbers) and files each under the
// commit blame gives it, in the state the version's brackets and strikes put
// it in. `proposed` counts every word; standing/bracketed/struck say where.
FatesByCommit word_fates(const FileBlame& blame) {
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

    FatesByCommit out;
    const auto& spans = blame.result.spans;
    std::size_t span = 0;
    for (const Token& token : tokenize(doc)) {
        if (token.kind != TokenKind::word && token.kind != TokenKind::number) continue;
        while (span < spans.size() && spans[span].range.end <= token.range.begin) ++span;
        if (span == spans.size()) break;
        const BlameSpan& s = spans[span];
        if (s.kind != SpanKind::text || s.range.begin > token.range.begin) continue;
        WordFates& fates = out[blame.history.proposals[s.origin].commit];
        ++fates.proposed;
        if (in_strike[token.range.begin] > 0) {
            ++fates.struck;
        } else if (in_bracket[token.range.begin] > 0) {
            ++fates.bracketed;
        } else {
            ++fates.standing;
        }
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

}  // namespace

SurvivalReport wording_survival(const Workspace& workspace, const SurvivalOptions& options) {
    SurvivalReport report;
    report.delegation = options.delegation;
    const bool empty = workspace.repo().is_empty_branch();
    if (!empty) report.revision = workspace.resolve(options.at);
    ProposalIndexOptions index_options;
    index_options.from = empty ? "HEAD" : report.revision;
    index_options.walk = Walk::full;  // proposals on merged redraft branches count too
    const std::vector<ProposalTouch> index =
        empty ? std::vector<ProposalTouch>{} : index_proposals(workspace, index_options);

    const std::optional<std::string> delegation =
        find_delegation(workspace, index, options.delegation);
    if (!delegation) {
        if (empty) return report;
        std::string hint;
        for (const std::string& s : workspace.config().suggest(options.delegation))
            hint += (hint.empty() ? "" : ", ") + s;
        throw usage_error("survival: unknown delegation '" + options.delegation + "'" +
                          (hint.empty() ? "; accord.yaml lists the delegations"
                                        : "; did you mean " + hint + "?"));
    }
    report.delegation = *delegation;

    std::map<std::string, FatesByCommit> current;  // per path, blamed once
    auto current_fates = [&](const std::string& path) -> const FatesByCommit& {
        auto found = current.find(path);
        if (found == current.end()) {
            FatesByCommit fates;
            if (workspace.read(report.revision, path))
                fates = word_fates(blame_file(workspace, path, report.revision));
            found = current.emplace(path, std::move(fates)).first;
        }
        return found->second;
    };

    for (const ProposalTouch& touch : index) {
        const Proposal& p = touch.proposal;
        if (!names(p, report.delegation)) continue;
        ProposalSurvival survival;
        survival.proposal = p;
        for (const std::string& path : touch.paths) {
            FileSurvival file;
            file.path = path;
            if (workspace.read(p.commit, path)) {
                const FatesByCommit then = word_fates(blame_file(workspace, path, p.commit));
                if (const auto own = then.find(p.commit); own != then.end())
                    file.words.proposed = own->second.proposed;
            }
            const FatesByCommit& now = current_fates(path);
            if (const auto own = now.find(p.commit); own != now.end()) {
                // Never more than it proposed, should the two blames ever differ.
                const WordFates& w = own->second;
                file.words.struck = std::min(w.struck, file.words.proposed);
                file.words.bracketed =
                    std::min(w.bracketed, file.words.proposed - file.words.struck);
                file.words.standing = std::min(
                    w.standing, file.words.proposed - file.words.struck - file.words.bracketed);
            }
            file.words.gone = file.words.proposed - file.words.struck - file.words.bracketed -
                              file.words.standing;
            file.outcome = outcome_of(file.words);
            survival.words += file.words;
            survival.files.push_back(std::move(file));
        }
        survival.outcome = outcome_of(survival.words);
        report.words += survival.words;
        ++report.outcomes[survival.outcome];
        report.proposals.push_back(std::move(survival));
    }
    return report;
}

namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

std::string pad_left(const std::string& text, std::size_t width) {
    return std::string(width - std::min(width, text.size()), ' ') + text;
}

std::string pad(std::string_view text, std::size_t width) {
    return std::string(text) + std::string(width - std::min(width, text.size()), ' ');
}

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
    const std::string bold = options.colour ? "\033[1m" : "", dim = options.colour ? "\033[2m" : "",
                      reset = options.colour ? "\033[0m" : "";
    if (report.proposals.empty()) {
        return "no proposals by " + report.delegation +
               (report.revision.empty() ? "" : " up to " + report.revision.substr(0, 10)) + "\n";
    }
    std::string out = bold + "What became of " + report.delegation + "'s wording in the text at " +
                      report.revision.substr(0, 10) + reset + "\n\n";
    out += bold + "day         outcome     proposed  standing  bracketed  struck  gone  files" +
           reset + "\n";
    for (const ProposalSurvival& s : report.proposals) {
        std::vector<std::string> paths;
        for (const FileSurvival& f : s.files) paths.push_back(f.path);
        out += s.proposal.day + "  " + pad(to_string(s.outcome), 10) + figures(s.words) + "  " +
               join(paths, ", ") + "\n";
        std::string detail = s.proposal.commit.substr(0, 10) + "  " + s.proposal.subject;
        std::vector<std::string> others;
        for (const std::string& n : s.proposal.proposers)
            if (n != report.delegation) others.push_back(n);
        if (!others.empty()) detail += " (with " + join(others, ", ") + ")";
        out += dim + "            " + detail + reset + "\n";
    }
    out += "\n" + bold + pad("total", 12) +
           pad(std::to_string(report.proposals.size()) +
                   (report.proposals.size() == 1 ? " proposal" : " proposals"),
               10) +
           figures(report.words) + reset + "\n";
    std::vector<std::string> outcomes;
    for (Outcome o : kOutcomes) {
        const auto n = report.outcomes.find(o);
        if (n != report.outcomes.end())
            outcomes.push_back(std::to_string(n->second) + " " + std::string(to_string(o)));
    }
    out += join(outcomes, ", ") + "\n";
    return out;
}

std::string render_survival_json(const SurvivalReport& report) {
    JsonWriter json(true);
    json.begin_object()
        .field("schema", "accord.survival/1")
        .field("delegation", report.delegation)
        .key("revision");
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
    json.end_object().end_object();
    return json.str() + "\n";
}

}  // namespace accord
