#include "core/store/config_append.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "core/store/config.hpp"
#include "core/util/errors.hpp"

namespace accord {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kKey = "delegations";

// ---------------------------------------------------------------- lines

// Where the line holding `at` begins.
std::size_t line_begin(std::string_view text, std::size_t at) {
    if (at == 0) return 0;
    const std::size_t newline = text.rfind('\n', at - 1);
    return newline == std::string_view::npos ? 0 : newline + 1;
}

// Where the line holding `at` ends: its '\n', or the end of the text.
std::size_t line_end(std::string_view text, std::size_t at) {
    return std::min(text.find('\n', at), text.size());
}

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The line break the file uses ("\r\n" when its first line ends so).
std::string file_line_break(std::string_view text) {
    const std::size_t newline = text.find('\n');
    return newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r' ? "\r\n"
                                                                                         : "\n";
}

// `text` with `line` added after the line that ends at `end` (its '\n', or
// the end of the text), ended as that line is. A file without a final line
// break keeps lacking one.
std::string with_line_after(std::string_view text, std::size_t end, const std::string& line) {
    if (end >= text.size()) return std::string(text) + file_line_break(text) + line;
    const std::string line_break = end > 0 && text[end - 1] == '\r' ? "\r\n" : "\n";
    return std::string(text.substr(0, end + 1)) + line + line_break +
           std::string(text.substr(end + 1));
}

// `text` with `insert` at `at`.
std::string with_text_at(std::string_view text, std::size_t at, const std::string& insert) {
    return std::string(text.substr(0, at)) + insert + std::string(text.substr(at));
}

// ---------------------------------------------------------------- names

// `delegation` as one entry of the list, on one line, that reads back as it
// both in a flow list and in a block one: its name alone when it has no
// alias or kind, else a flow mapping "{name: N, aliases: [A, B], kind: K}".
// A name is plain where YAML reads it so, quoted otherwise, as yaml-cpp's
// emitter decides for a flow list (the stricter context: "Korea, Republic
// of" is quoted there). Nullopt when it cannot be written on one line.
std::optional<std::string> entry_text(const Delegation& delegation) {
    YAML::Emitter out;
    out << YAML::Flow << YAML::BeginSeq;
    if (delegation.aliases.empty() && delegation.kind.empty()) {
        out << delegation.name;
    } else {
        out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << delegation.name;
        if (!delegation.aliases.empty())
            out << YAML::Key << "aliases" << YAML::Value << delegation.aliases;
        if (!delegation.kind.empty()) out << YAML::Key << "kind" << YAML::Value << delegation.kind;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    const std::string_view list = out.c_str();
    if (!out.good() || list.size() < 3 || list.front() != '[' || list.back() != ']')
        return std::nullopt;
    const std::string_view item = list.substr(1, list.size() - 2);
    if (item.find_first_of("\r\n") != std::string_view::npos) return std::nullopt;
    return std::string(item);
}

// ---------------------------------------------------------------- refusals

// How to add `names` by hand: "as a line '- Ghana' (in a list written
// [A, B], as ', Ghana')", each name written as YAML reads it back.
std::string how_to_write(const std::vector<Delegation>& added) {
    std::string lines, items;
    for (std::size_t i = 0; i < added.size(); ++i) {
        const std::string item = entry_text(added[i]).value_or(added[i].name);
        if (i > 0) lines += i + 1 == added.size() ? " and " : ", ";
        lines += "'- " + item + "'";
        items += ", " + item;
    }
    return std::string(added.size() == 1 ? "as a line " : "as lines ") + lines +
           " (in a list written [A, B], as '" + items + "')";
}

// "PATH:LINE:COLUMN: cannot add ...: WHY; add it by hand ...", for the byte
// `at` of `text` (columns counted as yaml-cpp counts them, without the
// byte-order mark).
[[noreturn]] void refuse(std::string_view text, std::size_t at, const std::string& path,
                         const std::vector<Delegation>& names, const std::string& why) {
    at = std::min(at, text.size());
    const std::size_t line = 1 + std::count(text.begin(), text.begin() + at, '\n');
    std::size_t column = at - line_begin(text, at) + 1;
    if (line == 1 && text.starts_with(kByteOrderMark) && column > kByteOrderMark.size())
        column -= kByteOrderMark.size();
    std::string joined;
    for (std::size_t i = 0; i < names.size(); ++i)
        joined += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i].name;
    throw usage_error(
        path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": cannot add " +
        joined + " to the delegations list as it is written: " + why + "; add " +
        (names.size() == 1 ? "it" : "them") + " by hand at the end of the delegations list in " +
        path + ", " + how_to_write(names) + "; the file is left as it is");
}

// ---------------------------------------------------------------- one name

// Where the quoted scalar opening at `open` (' or ") closes; npos when it
// does not.
std::size_t closing_quote(std::string_view text, std::size_t open) {
    const char quote = text[open];
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        if (quote == '"' && text[i] == '\\') {
            ++i;  // the escaped character
        } else if (text[i] == quote) {
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
                ++i;  // '' is a quote inside '...'
                continue;
            }
            return i;
        }
    }
    return std::string_view::npos;
}

// A text and where in the text before it the edit went.
struct Appended {
    std::string text;
    std::size_t at = 0;
};

// The flow list opening at `open` ("[A, B]", over one line or several) with
// `item` after its last entry, on that entry's line: ", ITEM", or "ITEM" in
// an empty list, or " ITEM," after a trailing comma.
Appended append_to_flow_list(std::string_view text, std::size_t open, const std::string& item,
                             const std::string& path, const std::vector<Delegation>& names) {
    int depth = 0;
    bool scalar_may_start = true;  // a quote opens a scalar only where one begins
    std::size_t last = open;       // the list's last byte that is neither blank nor a comment
    for (std::size_t i = open; i < text.size(); ++i) {
        const char c = text[i];
        if (is_blank(c)) continue;
        if (c == '#' && i > 0 && is_blank(text[i - 1])) {  // a comment, to the end of its line
            i = line_end(text, i);
            continue;
        }
        if (scalar_may_start && (c == '\'' || c == '"')) {
            const std::size_t close = closing_quote(text, i);
            if (close == std::string_view::npos)
                refuse(text, i, path, names, "a quoted entry of the list is not closed");
            i = last = close;
            scalar_may_start = false;
            continue;
        }
        if (c == ']' || c == '}') {
            if (--depth == 0) {
                if (c != ']') break;
                if (last == open) return {with_text_at(text, last + 1, item), last + 1};
                if (text[last] == ',')
                    return {with_text_at(text, last + 1, " " + item + ","), last + 1};
                return {with_text_at(text, last + 1, ", " + item), last + 1};
            }
            last = i;
            scalar_may_start = false;
            continue;
        }
        last = i;
        if (c == '[' || c == '{') {
            ++depth;
            scalar_may_start = true;
        } else {
            // After ',' or a flow mapping's ": " another scalar begins.
            scalar_may_start =
                c == ',' ||
                (c == ':' && (i + 1 == text.size() || is_blank(text[i + 1]) || text[i + 1] == ','));
        }
    }
    refuse(text, open, path, names, "the end of the list '[...]' could not be found");
}

// The block list whose first entry's '-' is at `dash` with a line
// "- ITEM" at its indentation after its last line: the last line, after
// the dash, that is more indented than the dash or starts another entry
// ("- ..."), blank lines and comments not counted, so that a comment that
// follows the list stays after it.
Appended append_to_block_list(std::string_view text, std::size_t dash, const std::string& item,
                              const std::string& path, const std::vector<Delegation>& names) {
    const std::size_t begin = line_begin(text, dash);
    if (text.substr(begin, dash - begin).find_first_not_of(' ') != std::string_view::npos)
        refuse(text, dash, path, names, "its first entry does not begin its line");
    const std::size_t indent = dash - begin;
    std::size_t last_end = line_end(text, dash);
    for (std::size_t end = last_end; end < text.size();) {
        const std::size_t start = end + 1;
        end = line_end(text, start);
        std::string_view line = text.substr(start, end - start);
        if (line.ends_with('\r')) line.remove_suffix(1);
        const std::size_t content = line.find_first_not_of(" \t");
        if (content == std::string_view::npos || line[content] == '#') continue;
        const std::size_t spaces = line.find_first_not_of(' ');
        const bool deeper = spaces > indent;
        const bool next_entry =
            spaces == indent && line[spaces] == '-' &&
            (spaces + 1 == line.size() || line[spaces + 1] == ' ' || line[spaces + 1] == '\t');
        if (!deeper && !next_entry) break;
        last_end = end;
    }
    const std::size_t at = std::min(last_end + 1, text.size());
    return {with_line_after(text, last_end, std::string(indent, ' ') + "- " + item), at};
}

// The empty flow list "[]" from `open` to `close` (its brackets, blanks
// between them) as a block list holding `item`, so that
// the delegations added to a new registry are one line each: "[]" on a line
// of its own becomes "- ITEM" there; after the key ("delegations: []") it
// is taken away, the rest of that line (a comment) kept, and "- ITEM"
// follows at `indent`.
Appended start_block_list(std::string_view text, std::size_t colon, std::size_t open,
                          std::size_t close, std::size_t indent, const std::string& item) {
    const std::size_t begin = line_begin(text, open);
    if (text.substr(begin, open - begin).find_first_not_of(' ') == std::string_view::npos)
        return {
            std::string(text.substr(0, open)) + "- " + item + std::string(text.substr(close + 1)),
            open};
    const std::string without =
        std::string(text.substr(0, colon + 1)) + std::string(text.substr(close + 1));
    const std::size_t end = line_end(without, colon);
    return {with_line_after(without, end, std::string(indent, ' ') + "- " + item),
            std::min(end + 1, without.size())};
}

// `text` with `name` added to its delegations list, or a refusal saying why
// the list's shape is not one this handles.
Appended append_one(std::string_view text, const Delegation& delegation, const std::string& path,
                    const std::vector<Delegation>& names) {
    const std::optional<std::string> item = entry_text(delegation);
    if (!item)
        refuse(text, 0, path, names, "YAML cannot write '" + delegation.name + "' on one line");
    // yaml-cpp's marks count bytes, but not a byte-order mark.
    const std::size_t bom = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
    const auto offset = [&](const YAML::Node& node) {
        return bom + static_cast<std::size_t>(std::max(node.Mark().pos, 0));
    };
    const YAML::Node root = YAML::Load(std::string(text));

    std::optional<std::pair<YAML::Node, YAML::Node>> entry;  // the key and the list
    if (root.IsMap()) {
        for (const auto& pair : root) {
            if (pair.first.IsScalar() && pair.first.Scalar() == kKey) {
                entry.emplace(pair.first, pair.second);
                break;
            }
        }
    }
    if (!entry) {
        // No list yet: one at the end of the file (empty, comments only, or
        // a block mapping of the other settings).
        if (root.IsMap() && root.Style() == YAML::EmitterStyle::Flow)
            refuse(text, offset(root), path, names, "the file is one flow mapping {...}");
        const std::string line_break = file_line_break(text);
        const std::string list = std::string(kKey) + ":" + line_break + "  - " + *item;
        if (text.empty() || text.ends_with('\n'))
            return {std::string(text) + list + line_break, text.size()};
        return {std::string(text) + line_break + list, text.size()};  // still no final break
    }
    const auto& [key, list] = *entry;
    const std::size_t key_at = offset(key);
    std::size_t colon = key_at + kKey.size();
    while (colon < text.size() && (text[colon] == ' ' || text[colon] == '\t')) ++colon;
    if (text.compare(key_at, kKey.size(), kKey) != 0 || colon >= text.size() || text[colon] != ':')
        refuse(text, key_at, path, names, "the key 'delegations' is not written plainly");

    // The list's items go two columns right of its key (a byte-order mark
    // before a key on the first line is no column).
    const std::size_t key_line = line_begin(text, key_at);
    const std::size_t indent = key_at - key_line - (key_line == 0 ? bom : 0) + 2;
    if (list.IsNull()) {
        // "delegations:" with nothing, or a comment, after it: a block list
        // under it. "delegations: ~" (or null) is a value to change, not to extend.
        std::size_t after = colon + 1;
        while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
        if (after < text.size() && text[after] != '\n' && text[after] != '\r' && text[after] != '#')
            refuse(text, after, path, names, "the list is written as an empty value");
        const std::size_t end = line_end(text, colon);
        return {with_line_after(text, end, std::string(indent, ' ') + "- " + *item),
                std::min(end + 1, text.size())};
    }
    const std::size_t list_at = offset(list);
    if (!list.IsSequence() || list_at <= key_at || list_at >= text.size())
        refuse(text, key_at, path, names,
               "the list is written elsewhere and named here by an alias (*name)");
    if (list.Style() == YAML::EmitterStyle::Flow && text[list_at] == '[') {
        std::size_t close = list_at + 1;
        while (close < text.size() && (text[close] == ' ' || text[close] == '\t')) ++close;
        if (close < text.size() && text[close] == ']')
            return start_block_list(text, colon, list_at, close, indent, *item);
    }
    if (list.Style() == YAML::EmitterStyle::Flow && text[list_at] == '[')
        return append_to_flow_list(text, list_at, *item, path, names);
    if (list.Style() == YAML::EmitterStyle::Block && text[list_at] == '-')
        return append_to_block_list(text, list_at, *item, path, names);
    refuse(text, list_at, path, names, "the list carries an anchor (&name) or a tag (!tag)");
}

}  // namespace

std::string append_delegation_entries(std::string_view yaml_text, const std::string& path,
                                      const std::vector<Delegation>& added) {
    Config expected = parse_config(yaml_text, path);
    std::string text(yaml_text);
    std::optional<std::size_t> first_at;  // where the first one went, in `yaml_text`
    for (const Delegation& delegation : added) {
        Appended appended = append_one(text, delegation, path, added);
        // Later ones go after the earlier ones: in `yaml_text`, all at one place.
        if (!first_at) first_at = appended.at;
        text = std::move(appended.text);
        expected.delegations.push_back(delegation);
        // What is written must read as the registry plus the new delegations,
        // and nothing else: an edit that a shape of the file led astray is
        // refused here rather than recorded. (Checked for each one, so that
        // the next one is placed in a text that reads.)
        std::string why;
        try {
            if (parse_config(text, path) == expected) continue;
            why =
                "the file would then read as another registry than the one it holds plus the new "
                "delegations";
        } catch (const Error& e) {
            why = std::string("the file would then not read (") + e.what() + ")";
        }
        refuse(yaml_text, *first_at, path, added, why);
    }
    return text;
}

std::optional<std::string> with_slash_options(std::string_view yaml_text, const std::string& path,
                                              SlashOptions value) {
    Config expected = parse_config(yaml_text, path);
    expected.notation.slash_options = value;
    const std::string written = value == SlashOptions::any ? "any" : "spaced";
    const std::size_t bom = yaml_text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
    std::string text;
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    if (!root.IsMap()) return std::nullopt;
    const YAML::Node notation = root["notation"];
    if (!notation) {
        if (root.Style() == YAML::EmitterStyle::Flow) return std::nullopt;
        const std::string line_break = file_line_break(yaml_text);
        text = std::string(yaml_text);
        if (!text.empty() && !text.ends_with('\n')) text += line_break;
        text += "notation:" + line_break + "  slash-options: " + written + line_break;
    } else {
        const YAML::Node setting = notation.IsMap() ? notation["slash-options"] : YAML::Node();
        if (!setting || !setting.IsScalar() || setting.Mark().pos < 0) return std::nullopt;
        const std::size_t at = bom + static_cast<std::size_t>(setting.Mark().pos);
        // The value as written: plain, or in quotes.
        std::size_t end = at;
        if (at < yaml_text.size() && (yaml_text[at] == '\'' || yaml_text[at] == '"')) {
            end = closing_quote(yaml_text, at);
            if (end == std::string_view::npos) return std::nullopt;
            ++end;
        } else {
            while (
                end < yaml_text.size() &&
                (std::isalnum(static_cast<unsigned char>(yaml_text[end])) || yaml_text[end] == '-'))
                ++end;
        }
        if (end == at) return std::nullopt;
        text = std::string(yaml_text.substr(0, at)) + written + std::string(yaml_text.substr(end));
    }
    try {
        if (parse_config(text, path) == expected) return text;
    } catch (const Error&) {
    }
    return std::nullopt;
}

std::string append_delegations(std::string_view yaml_text, const std::string& path,
                               const std::vector<std::string>& names) {
    std::vector<Delegation> added;
    for (const std::string& name : names) added.push_back(Delegation{name, {}, ""});
    return append_delegation_entries(yaml_text, path, added);
}

}  // namespace accord
