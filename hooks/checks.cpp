#include "hooks/checks.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include "core/notation/source_map.hpp"
#include "core/store/workspace.hpp"
#include "core/util/date.hpp"
#include "core/util/encoding.hpp"

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

std::string render(const std::vector<Problem>& problems, std::size_t more) {
    std::string out;
    std::size_t shown = 0;
    for (const Problem& p : problems) {
        if (shown == kMaxProblemsShown) break;
        out += render(p);
        ++shown;
    }
    more += problems.size() - shown;
    if (more > 0) {
        out += std::to_string(more) + (more == 1 ? " more problem" : " more problems") +
               " not shown ('accord check' lists every diagnostic)\n";
    }
    return out;
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

// ---------------------------------------------------------------- what an error is

// An error is known by what it is, not by where it sits: its code, the mark
// it is about ('[', ']', '~~') and the words around the mark on its line.
// An old defect then travels with its text when other paragraphs move or
// when words further along its own line are edited.
//
// The words are looked for within kContextBytes of the mark, so that
// identifying every error of a hostile text (200 000 '[' on one line) takes
// time in proportion to their number.
constexpr std::size_t kContextBytes = 256;
constexpr std::size_t kContextWords = 3;

bool is_word_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
           (byte >= 'A' && byte <= 'Z') || byte >= 0x80;
}

struct ErrorIdentity {
    std::string code;
    std::string mark;
    std::vector<std::string_view> before;  // nearest first
    std::vector<std::string_view> after;   // nearest first
};

ErrorIdentity identify(const Diagnostic& d, std::string_view source) {
    ErrorIdentity id;
    id.code = d.code;
    const std::size_t at = std::min(d.offset, source.size());
    const std::size_t mark_size = source.substr(at, 2) == "~~" ? 2 : (at < source.size() ? 1 : 0);
    id.mark = std::string(source.substr(at, mark_size));
    // Backwards, on the mark's line.
    const std::size_t floor = at > kContextBytes ? at - kContextBytes : 0;
    std::size_t i = at;
    while (i > floor && id.before.size() < kContextWords && source[i - 1] != '\n') {
        if (!is_word_byte(source[i - 1])) {
            --i;
            continue;
        }
        const std::size_t end = i;
        while (i > floor && is_word_byte(source[i - 1])) --i;
        id.before.push_back(source.substr(i, end - i));
    }
    // Forwards.
    const std::size_t ceiling = std::min(source.size(), at + mark_size + kContextBytes);
    std::size_t j = at + mark_size;
    while (j < ceiling && id.after.size() < kContextWords && source[j] != '\n') {
        if (!is_word_byte(source[j])) {
            ++j;
            continue;
        }
        const std::size_t begin = j;
        while (j < ceiling && is_word_byte(source[j])) ++j;
        id.after.push_back(source.substr(begin, j - begin));
    }
    return id;
}

// The identity with `before` and `after` words on each side, as one key.
std::string key_of(const ErrorIdentity& id, std::size_t before, std::size_t after) {
    std::string key = id.code;
    key += '\0';
    key += id.mark;
    key += '\0';
    for (std::size_t k = std::min(before, id.before.size()); k > 0; --k)
        key.append(id.before[k - 1]).append(" ");
    key += '\0';
    for (std::size_t k = 0; k < std::min(after, id.after.size()); ++k)
        key.append(id.after[k]).append(" ");
    return key;
}

// From the closest likeness to the loosest: three words on each side, one,
// then one on either side alone (an edit right against the mark).
constexpr std::pair<std::size_t, std::size_t> kLikenesses[] = {
    {kContextWords, kContextWords}, {1, 1}, {1, 0}, {0, 1}};

// For each of `errors` (of the proposed text), whether it matches one of
// `previous` (each used once): a multiset match, closest likeness first.
std::vector<bool> match_previous(const std::vector<ErrorIdentity>& errors,
                                 const std::vector<ErrorIdentity>& previous) {
    std::vector<bool> matched(errors.size(), false);
    std::vector<bool> used(previous.size(), false);
    for (const auto& [before, after] : kLikenesses) {
        std::unordered_map<std::string, std::vector<std::size_t>> unused;
        for (std::size_t k = previous.size(); k-- > 0;) {
            if (!used[k]) unused[key_of(previous[k], before, after)].push_back(k);
        }
        if (unused.empty()) break;
        for (std::size_t k = 0; k < errors.size(); ++k) {
            if (matched[k]) continue;
            const auto found = unused.find(key_of(errors[k], before, after));
            if (found == unused.end() || found->second.empty()) continue;
            used[found->second.back()] = true;
            found->second.pop_back();
            matched[k] = true;
        }
    }
    return matched;
}

}  // namespace

TextCheck check_text(const std::string& path, const std::optional<std::string>& before,
                     std::string_view after, const ParseOptions& options,
                     std::size_t max_problems) {
    TextCheck out;
    const Document proposed = parse(after, options);
    std::optional<SourceMap> map;  // only for the problems shown

    std::vector<const Diagnostic*> errors;
    std::vector<ErrorIdentity> identities;
    for (const Diagnostic& d : proposed.diagnostics) {
        if (d.severity != Severity::error || is_front_matter(d)) continue;
        errors.push_back(&d);
        identities.push_back(identify(d, proposed.source));
    }
    std::vector<bool> old(errors.size(), false);
    if (before && !errors.empty()) {
        const Document previous = parse(*before, options);
        std::vector<ErrorIdentity> previous_identities;
        for (const Diagnostic& d : previous.diagnostics) {
            if (d.severity == Severity::error && !is_front_matter(d))
                previous_identities.push_back(identify(d, previous.source));
        }
        old = match_previous(identities, previous_identities);
    }

    auto add = [&](const Diagnostic& d, std::string message, std::string help) {
        if (out.problems.size() >= max_problems) {
            ++out.more;
            return;
        }
        if (!map) map.emplace(proposed.source);
        out.problems.push_back(from_diagnostic(d, path, *map, std::move(message), std::move(help)));
    };
    std::size_t next_error = 0;
    for (const Diagnostic& d : proposed.diagnostics) {
        if (d.severity != Severity::error) continue;
        if (is_front_matter(d)) {
            ++out.front_matter_errors;
            add(d, d.message + " (the front matter must be valid to record a proposal)", d.help);
            continue;
        }
        if (old[next_error++]) continue;  // present before this proposal: not its doing
        ++out.new_errors;
        const std::string fix = d.help.empty() ? "fix it" : d.help;
        add(d, d.message + (before ? " (new in this proposal)" : " (in a new file)"),
            fix + "; then propose again ('accord check " + path + "' lists every diagnostic)");
    }
    return out;
}

std::vector<Problem> check_text_change(const std::string& path,
                                       const std::optional<std::string>& before,
                                       std::string_view after, const ParseOptions& options) {
    return check_text(path, before, after, options).problems;
}

TextBytes check_text_bytes(const std::string& path, std::string_view bytes) {
    TextBytes out;
    const ByteOrderMark mark = byte_order_mark(bytes);
    Problem p;
    p.code = "not-a-text";
    p.path = path;
    if (std::optional<ConvertedText> converted = convert_to_recorded(bytes)) {
        out.converted = std::move(converted->text);
        out.converted_from = std::move(converted->from);
        out.converted_as = std::move(converted->as);
        return out;
    }
    if (mark == ByteOrderMark::utf16_le || mark == ByteOrderMark::utf16_be) {
        p.message = "the file starts with a " + std::string(encoding_name(mark)) +
                    " byte-order mark but is not well-formed UTF-16";
        p.help = "save it again as UTF-8 text (or as UTF-16 with its byte-order mark)";
    } else if (mark == ByteOrderMark::utf32_le || mark == ByteOrderMark::utf32_be) {
        p.message =
            "the file is in " + std::string(encoding_name(mark)) + ", which accord does not read";
        p.help = "save it as UTF-8 text";
    } else if (looks_binary(bytes)) {
        p.message =
            "the file is not text: it holds NUL bytes (a binary file, or text saved as UTF-16 "
            "without a byte-order mark), which the reports could not read";
        p.help = "save it as UTF-8 text; accord records texts";
    } else {
        return out;
    }
    out.problem = std::move(p);
    return out;
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
