// A list of delegations in the front matter, merged name by name.
#include "merge/merge3/merge3_front_matter_lists.hpp"

#include <algorithm>
#include <vector>

#include "core/notation/front_matter.hpp"

namespace accord::token_merge {

namespace {

// One name of a list: as written (quotes kept) and as YAML reads it.
struct Name {
    std::string_view written;
    std::string_view value;
};

// A list as one side wrote it, with what a list in its style is written
// with: a flow list "KEY: [" NAMES "]" on one line, or a block list, the
// key alone on its line and one "- NAME" line below it per name.
struct WrittenList {
    bool flow = true;
    std::string_view opening;    // flow: "sponsors: [" ; block: "sponsors:"
    std::string_view separator;  // flow: between names (", ")
    std::string_view closing;    // flow: "]" and the spaces before it
    std::string_view dash;       // block: what comes before each name ("  - ")
    std::string_view line_end;   // "\n", "\r\n", or "" on a last line without one
    std::vector<Name> names;
};

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// `written` is one name YAML reads as plain text: a plain scalar that no
// YAML indicator can make into anything else (no flow marks, comment,
// anchor, alias, tag, block scalar, key), or a quoted one without escapes.
std::optional<Name> name_of(std::string_view written) {
    if (written.empty()) return std::nullopt;
    const char q = written.front();
    if (q == '"' || q == '\'') {
        if (written.size() < 2 || written.back() != q) return std::nullopt;
        const std::string_view inner = written.substr(1, written.size() - 2);
        if (inner.find(q) != std::string_view::npos || inner.find('\\') != std::string_view::npos)
            return std::nullopt;  // escapes: left to the one-value merge
        return Name{written, inner};
    }
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(q) != std::string_view::npos)
        return std::nullopt;
    if (written.find_first_of(",[]{}#\t\"") != std::string_view::npos ||
        written.find(": ") != std::string_view::npos || written.back() == ':')
        return std::nullopt;
    return Name{written, written};
}

// The line end `line` closes with, and the line without it.
std::string_view cut_line_end(std::string_view& line) {
    std::size_t end = line.size();
    if (end > 0 && line[end - 1] == '\n') --end;
    if (end > 0 && line[end - 1] == '\r') --end;
    const std::string_view line_end = line.substr(end);
    line = line.substr(0, end);
    return line_end;
}

// A flow list on one line: "KEY: [a, 'b c', d]".
std::optional<WrittenList> read_flow(std::string_view line) {
    WrittenList list;
    list.line_end = cut_line_end(line);
    const std::size_t open = line.find('[');
    const std::size_t close = line.rfind(']');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return std::nullopt;
    const std::string_view key = trim_spaces(line.substr(0, open));
    if (key.size() < 2 || key.back() != ':' || !trim_spaces(line.substr(close + 1)).empty())
        return std::nullopt;
    std::size_t first = open + 1, last = close;  // the names' extent
    while (first < close && is_space(line[first])) ++first;
    while (last > first && is_space(line[last - 1])) --last;
    list.opening = line.substr(0, first);
    list.closing = line.substr(last, close + 1 - last);
    for (std::size_t at = first; at < last;) {
        std::size_t end = at;
        if (line[at] == '"' || line[at] == '\'') {  // to its closing quote
            end = line.find(line[at], at + 1);
            if (end == std::string_view::npos || end >= last) return std::nullopt;
            ++end;
        } else {
            end = std::min(line.find(',', at), last);
        }
        std::optional<Name> name = name_of(trim_spaces(line.substr(at, end - at)));
        if (!name) return std::nullopt;
        list.names.push_back(*name);
        std::size_t next = end;
        while (next < last && is_space(line[next])) ++next;
        if (next == last) break;
        if (line[next] != ',') return std::nullopt;
        std::size_t after = next + 1;
        while (after < last && is_space(line[after])) ++after;
        if (after == last) return std::nullopt;  // "[a, ]": left to YAML
        if (list.names.size() == 1) list.separator = line.substr(end, after - end);
        at = after;
    }
    return list;
}

// A block list: "KEY:" alone, then "- NAME" lines, indented alike.
std::optional<WrittenList> read_block(std::string_view lines) {
    WrittenList list;
    list.flow = false;
    std::vector<std::string_view> each;
    for (std::size_t at = 0; at < lines.size();) {
        const std::size_t end = std::min(lines.find('\n', at), lines.size() - 1) + 1;
        each.push_back(lines.substr(at, end - at));
        at = end;
    }
    if (each.size() < 2) return std::nullopt;
    std::string_view key = each[0];
    list.line_end = cut_line_end(key);
    key = trim_spaces(key);
    if (key.size() < 2 || key.back() != ':') return std::nullopt;
    list.opening = key;
    for (std::size_t k = 1; k < each.size(); ++k) {
        std::string_view line = each[k];
        cut_line_end(line);
        const std::size_t dash = line.find_first_not_of(" ");
        if (dash == std::string_view::npos || line[dash] != '-' || dash + 1 >= line.size() ||
            !is_space(line[dash + 1]))
            return std::nullopt;
        std::size_t name = dash + 1;
        while (name < line.size() && is_space(line[name])) ++name;
        const std::string_view prefix = line.substr(0, name);
        if (k == 1) list.dash = prefix;
        if (prefix != list.dash) return std::nullopt;  // indented otherwise: not one list
        std::optional<Name> read = name_of(trim_spaces(line.substr(name)));
        if (!read) return std::nullopt;
        list.names.push_back(*read);
    }
    return list;
}

// A front matter holding `names` alone, as a list in the style given:
// YAML keeps a list's style in what it reads (a block list reads as
// "- a\n- b"), so the reader's names are checked against the side's own
// value in the side's style.
std::string list_text(std::string_view key, const std::vector<Name>& names, bool flow) {
    std::string out = "---\n" + std::string(key) + (flow ? ": [" : ":\n");
    for (std::size_t k = 0; k < names.size(); ++k) {
        if (flow) out += (k ? ", " : "") + std::string(names[k].written);
        if (!flow) out += "- " + std::string(names[k].written) + "\n";
    }
    return out + (flow ? "]\n---\n" : "---\n");
}

// The side's key read as a list of names, when YAML reads `field` as the
// very list this reader found (the check that no YAML feature the reader
// does not know of changed what the names are), each name once.
std::optional<WrittenList> read_list(std::string_view lines, const FrontMatterField& field) {
    const std::size_t first_end = lines.find('\n');
    const bool one_line = first_end == std::string_view::npos || first_end + 1 == lines.size();
    std::optional<WrittenList> list = one_line ? read_flow(lines) : read_block(lines);
    if (!list || field.scalar) return std::nullopt;
    for (std::size_t k = 0; k < list->names.size(); ++k)
        for (std::size_t j = 0; j < k; ++j)
            if (list->names[j].value == list->names[k].value) return std::nullopt;
    std::vector<Diagnostic> diagnostics;
    const FrontMatter read =
        read_front_matter(list_text(field.key, list->names, list->flow), diagnostics);
    const FrontMatterField* again = read.find(field.key);
    if (!diagnostics.empty() || !again || again->value != field.value) return std::nullopt;
    return list;
}

bool holds(const std::vector<Name>& names, std::string_view value) {
    return std::any_of(names.begin(), names.end(), [&](const Name& n) { return n.value == value; });
}

// The base's names `side` kept stand in it in the base's order.
bool in_base_order(const std::vector<Name>& base, const std::vector<Name>& side) {
    std::size_t next = 0;
    for (const Name& name : side) {
        if (!holds(base, name.value)) continue;
        while (next < base.size() && base[next].value != name.value) ++next;
        if (next == base.size()) return false;
        ++next;
    }
    return true;
}

const Name* find(const std::vector<Name>& names, std::string_view value) {
    for (const Name& n : names)
        if (n.value == value) return &n;
    return nullptr;
}

std::string written_in_style(const WrittenList& style, const std::vector<Name>& names) {
    const std::string line_end(style.line_end.empty() ? "\n" : style.line_end);
    if (style.flow) {
        std::string out(style.opening);
        const std::string_view separator = style.separator.empty() ? ", " : style.separator;
        for (std::size_t k = 0; k < names.size(); ++k)
            out += std::string(k ? separator : "") + std::string(names[k].written);
        return out + std::string(style.closing) + line_end;
    }
    if (names.empty()) return std::string(style.opening) + " []" + line_end;
    std::string out = std::string(style.opening) + line_end;
    for (const Name& name : names)
        out += std::string(style.dash) + std::string(name.written) + line_end;
    return out;
}

}  // namespace

bool is_delegation_list(std::string_view key) {
    return key == "sponsors";
}

std::optional<std::string> united_delegation_list(
    const std::string_view* base_lines, std::string_view ours_lines, std::string_view theirs_lines,
    const FrontMatterField* base, const FrontMatterField& ours, const FrontMatterField& theirs) {
    if (!base_lines != !base) return std::nullopt;
    std::optional<WrittenList> b;
    if (base_lines && !(b = read_list(*base_lines, *base))) return std::nullopt;
    const std::vector<Name> base_names = b ? b->names : std::vector<Name>{};
    const std::optional<WrittenList> o = read_list(ours_lines, ours);
    const std::optional<WrittenList> t = read_list(theirs_lines, theirs);
    if (!o || !t || !in_base_order(base_names, o->names) || !in_base_order(base_names, t->names))
        return std::nullopt;
    std::vector<Name> united;
    for (const Name& name : base_names)
        if (const Name* kept = find(o->names, name.value); kept && holds(t->names, name.value))
            united.push_back(*kept);
    for (const std::vector<Name>* side : {&o->names, &t->names})
        for (const Name& name : *side)
            if (!holds(base_names, name.value) && !holds(united, name.value))
                united.push_back(name);
    return written_in_style(*o, united);
}

}  // namespace accord::token_merge
