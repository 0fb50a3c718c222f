#include "merge/merge3/disagreement.hpp"

#include <algorithm>
#include <map>

#include "core/util/terminal.hpp"

namespace accord {

std::string_view to_string(DisagreementKind kind) {
    switch (kind) {
        case DisagreementKind::alternatives:
            return "alternatives";
        case DisagreementKind::kept_bracketed:
            return "kept-bracketed";
        case DisagreementKind::edited_deleted:
            return "edited-deleted";
        case DisagreementKind::status:
            return "status";
        case DisagreementKind::metadata:
            return "metadata";
        case DisagreementKind::conflict:
            return "conflict";
        case DisagreementKind::both_added:
            return "both-added";
        case DisagreementKind::edited_struck:
            return "edited-struck";
        case DisagreementKind::moved_apart:
            return "moved-apart";
    }
    return "?";
}

std::optional<DisagreementKind> parse_disagreement_kind(std::string_view word) {
    for (const DisagreementKind kind : kDisagreementKinds) {
        if (to_string(kind) == word) return kind;
    }
    return std::nullopt;
}

namespace {

// `text` quoted on one line, cut to 60 bytes (never inside a UTF-8
// sequence), its control characters shown rather than sent.
std::string excerpt(std::string_view text) {
    constexpr std::size_t kLongest = 60, kKept = 57;
    std::string line(text);
    for (char& c : line) c = c == '\n' ? ' ' : c;
    if (line.size() > kLongest) {
        std::size_t cut = kKept;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        line = line.substr(0, cut) + "...";
    }
    return "\"" + escape_controls(line) + "\"";
}

}  // namespace

std::string render_disagreement(std::string_view path, const Disagreement& disagreement,
                                std::string_view theirs_name, std::string_view ours_name) {
    std::string line = escape_controls(path) + ":" + std::to_string(disagreement.line) + ": " +
                       std::string(to_string(disagreement.kind));
    if (!disagreement.key.empty()) line += " '" + excerpt(disagreement.key) + "'";
    line += ": ours ";
    if (!ours_name.empty()) line += "(" + escape_controls(ours_name) + ") ";
    line += excerpt(disagreement.ours) + ", theirs ";
    if (!theirs_name.empty()) line += "(" + escape_controls(theirs_name) + ") ";
    return line + excerpt(disagreement.theirs) + "\n";
}

std::string render_disagreements(std::string_view path,
                                 const std::vector<Disagreement>& disagreements) {
    std::string lines;
    for (const Disagreement& d : disagreements) lines += render_disagreement(path, d);
    return lines;
}

std::string conflict_markers_note(std::string_view path,
                                  const std::vector<Disagreement>& disagreements) {
    const auto places =
        std::count_if(disagreements.begin(), disagreements.end(),
                      [](const Disagreement& d) { return d.kind == DisagreementKind::conflict; });
    if (places == 0) return "";
    return escape_controls(path) + ": " + std::to_string(places) +
           (places == 1 ? " place" : " places") +
           " left between conflict markers (<<<<<<< to >>>>>>>), each side as written: keep "
           "the wording to record, delete the markers, then run accord check\n";
}

std::string notation_errors_note(std::string_view path, std::string_view merged,
                                 std::string_view base, const ParseOptions& options) {
    const auto errors_of = [&](std::string_view text) {
        std::vector<Diagnostic> errors;
        for (Diagnostic& d : parse(text, options).diagnostics)
            if (d.severity == Severity::error && d.code != "conflict-marker")
                errors.push_back(std::move(d));
        return errors;
    };
    const std::vector<Diagnostic> errors = errors_of(merged);
    if (errors.empty()) return "";
    // Errors the base had already, as many of each kind: a text recorded
    // with them on purpose, which neither side touched, is no news.
    std::map<std::string, long> in_base;
    for (const Diagnostic& d : errors_of(base)) ++in_base[d.code];
    for (const Diagnostic& d : errors) --in_base[d.code];
    if (std::all_of(in_base.begin(), in_base.end(), [](const auto& c) { return c.second >= 0; }))
        return "";
    const Diagnostic& first = errors.front();
    const std::string where = std::to_string(first.line) + ":" + std::to_string(first.column);
    std::string note = path.empty()
                           ? "merged text (standard output):" + where + ": has error["
                           : escape_controls(path) + ":" + where + ": the merged text has error[";
    note += first.code + "]: " + escape_controls(first.message);
    if (errors.size() > 1) note += " (and " + std::to_string(errors.size() - 1) + " more)";
    return note + ": correct it in the merged file, then run accord check on it\n";
}

}  // namespace accord
