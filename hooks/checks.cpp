#include "hooks/checks.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "core/notation/source_map.hpp"
#include "core/util/date.hpp"

namespace accord::hooks {

std::string render(const Problem& p) {
    std::string out;
    if (!p.path.empty()) {
        out += p.path;
        if (p.line > 0) out += ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
        out += ": ";
    }
    out += "error[" + p.code + "]: " + p.message + "\n";
    out += p.quote;
    if (!p.help.empty()) {
        // Under the quote's '|' when there is one, as diagnostics print it.
        const std::string gutter =
            p.quote.empty() ? std::string(1, ' ') : std::string(std::to_string(p.line).size(), ' ');
        out += " " + gutter + " = help: " + p.help + "\n";
    }
    return out;
}

std::string render(const std::vector<Problem>& problems) {
    std::string out;
    for (const Problem& p : problems) out += render(p);
    return out;
}

bool is_negotiation_text(std::string_view path) {
    auto ends_with = [&](std::string_view suffix) {
        return path.size() > suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
    };
    return ends_with(".md") || ends_with(".txt");
}

ParseOptions check_parse_options(const NotationOptions& notation) {
    ParseOptions options;
    options.notation = notation;
    options.max_diagnostics = SIZE_MAX;
    return options;
}

namespace {

bool is_front_matter(const Diagnostic& d) {
    return d.code.rfind("front-matter-", 0) == 0;
}

// The diagnostic's line quoted with a caret, as `accord check` shows it.
std::string quote_of(const Diagnostic& d, const std::string& path, const SourceMap& map) {
    Diagnostic bare = d;
    bare.help.clear();
    const std::string rendered = accord::render(bare, path, map);
    const std::size_t first_line_end = rendered.find('\n');
    return first_line_end == std::string::npos ? std::string()
                                               : rendered.substr(first_line_end + 1);
}

Problem from_diagnostic(const Diagnostic& d, const std::string& path, const SourceMap& map,
                        std::string message, std::string help) {
    Problem p;
    p.code = d.code;
    p.path = path;
    p.line = d.line;
    p.column = d.column;
    p.message = std::move(message);
    p.help = std::move(help);
    p.quote = quote_of(d, path, map);
    return p;
}

}  // namespace

std::vector<Problem> check_text_change(const std::string& path,
                                       const std::optional<std::string>& before,
                                       std::string_view after, const ParseOptions& options) {
    std::vector<Problem> problems;
    const Document proposed = parse(after, options);
    const SourceMap map(proposed.source);

    // The old version's error diagnostics, as (code, line text), with repeats.
    std::map<std::pair<std::string, std::string>, std::size_t> old_errors;
    if (before) {
        const Document previous = parse(*before, options);
        const SourceMap previous_map(previous.source);
        for (const Diagnostic& d : previous.diagnostics) {
            if (d.severity != Severity::error || is_front_matter(d)) continue;
            ++old_errors[{d.code, std::string(previous_map.line_text(d.offset))}];
        }
    }

    for (const Diagnostic& d : proposed.diagnostics) {
        if (d.severity != Severity::error) continue;
        if (is_front_matter(d)) {
            problems.push_back(from_diagnostic(
                d, path, map, d.message + " (the front matter must be valid to record a proposal)",
                d.help));
            continue;
        }
        auto old = old_errors.find({d.code, std::string(map.line_text(d.offset))});
        if (old != old_errors.end() && old->second > 0) {
            --old->second;  // present before this proposal: not its doing
            continue;
        }
        const std::string fix = d.help.empty() ? "fix it" : d.help;
        problems.push_back(from_diagnostic(
            d, path, map, d.message + (before ? " (new in this proposal)" : " (in a new file)"),
            fix + "; then propose again ('accord check " + path + "' lists every diagnostic)"));
    }
    return problems;
}

Proposers resolve_proposers(const Config& registry, const std::vector<std::string>& given) {
    Proposers out;
    for (const std::string& name : given) {
        if (const std::optional<std::string> canonical = registry.resolve_delegation(name)) {
            if (std::find(out.names.begin(), out.names.end(), *canonical) == out.names.end())
                out.names.push_back(*canonical);
            continue;
        }
        Problem p;
        p.code = "unknown-proposer";
        p.message = "unknown proposer '" + name + "': no delegation in " + kConfigFileName +
                    " has that name or alias";
        const std::vector<std::string> near = registry.suggest(name);
        if (!near.empty()) {
            std::string list;
            for (std::size_t i = 0; i < near.size(); ++i) {
                if (i > 0) list += i + 1 == near.size() ? " or " : ", ";
                list += near[i];
            }
            p.message += "; did you mean " + list + "?";
        }
        p.help = "use a name or alias listed under 'delegations' in " +
                 std::string(kConfigFileName) +
                 ", or register a new delegation deliberately with --add-delegation '" + name + "'";
        out.problems.push_back(std::move(p));
    }
    return out;
}

std::optional<Problem> check_date(const std::string& path, std::int64_t day,
                                  const std::optional<LastProposal>& last, bool backdate) {
    if (!last || backdate || day >= last->day) return std::nullopt;
    Problem p;
    p.code = "date-before-last-proposal";
    p.path = path;
    p.message = "the proposal date " + format_iso_date(day) +
                " is earlier than the file's last proposal (" + format_iso_date(last->day) +
                ", commit " + last->commit.substr(0, 12) + ")";
    p.help =
        "check the date; to record an earlier proposal on purpose (a late entry in the "
        "record), add --backdate";
    return p;
}

}  // namespace accord::hooks
