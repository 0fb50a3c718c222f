#include "core/import/docx/line_marks.hpp"

#include <string>

namespace accord::docx {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

// scan_line_marks with every escape written as typed.
std::optional<std::vector<LineByte>> scan_escapes_typed(std::string_view line) {
    std::vector<LineByte> out(line.size());
    Format f;
    for (std::size_t i = 0; i < line.size();) {
        auto take = [&](std::size_t n) {
            for (std::size_t k = 0; k < n; ++k) out[i + k].consumed = true;
            i += n;
        };
        if (line[i] == '\\' && i + 1 < line.size()) {
            out[i].format = out[i + 1].format = f;
            i += 2;
            continue;
        }
        if (line.compare(i, 2, "~~") == 0) {
            f.strike = !f.strike;
            take(2);
            continue;
        }
        if (line.compare(i, 2, "**") == 0) {
            f.bold = !f.bold;
            take(2);
            continue;
        }
        if (line[i] == '*') {
            const bool opens = !f.italic && i + 1 < line.size() && !is_space(line[i + 1]);
            const bool closes = f.italic && i > 0 && !is_space(line[i - 1]);
            if (opens || closes) {
                f.italic = !f.italic;
                take(1);
                continue;
            }
        }
        if (f.baseline == Baseline::normal && line.compare(i, 5, "<sup>") == 0) {
            f.baseline = Baseline::superscript;
            take(5);
            continue;
        }
        if (f.baseline == Baseline::superscript && line.compare(i, 6, "</sup>") == 0) {
            f.baseline = Baseline::normal;
            take(6);
            continue;
        }
        if (f.baseline == Baseline::normal && line.compare(i, 5, "<sub>") == 0) {
            f.baseline = Baseline::subscript;
            take(5);
            continue;
        }
        if (f.baseline == Baseline::subscript && line.compare(i, 6, "</sub>") == 0) {
            f.baseline = Baseline::normal;
            take(6);
            continue;
        }
        out[i].format = f;
        ++i;
    }
    if (f.strike || f.bold || f.italic || f.baseline != Baseline::normal) return std::nullopt;
    return out;
}

}  // namespace

std::optional<std::vector<LineByte>> scan_line_marks(std::string_view line, bool line_start,
                                                     bool escapes_read_back) {
    std::optional<std::vector<LineByte>> out = scan_escapes_typed(line);
    if (!out || !escapes_read_back) return out;
    // The escapes the reader could write again: a backslash before a
    // character that can be a mark.
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        if (line[i] != '\\') continue;
        const char c = line[i + 1];
        if (c == '*' || c == '~' || c == '<' || (c == '#' && i == 0 && line_start))
            candidates.push_back(i);
        ++i;  // the escaped byte is no backslash of an escape
    }
    if (candidates.empty()) return out;
    // The line as Word would show it with these backslashes left out, and
    // which of its escaped characters the reader escapes again: those
    // backslashes are left out, the others written; until that settles (a
    // backslash written can change what the reader escapes), at most a few
    // rounds: a line that still does not read back is written as typed
    // by the renderer's own check.
    std::vector<std::size_t> dropped = candidates;
    for (int round = 0; round < 4 && !dropped.empty(); ++round) {
        std::string shown;
        std::vector<bool> typed;
        std::vector<std::size_t> at_escaped;  // per dropped backslash: its character in `shown`
        std::size_t d = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (d < dropped.size() && dropped[d] == i) {
                at_escaped.push_back(shown.size());
                ++d;
                continue;
            }
            shown += line[i];
            typed.push_back(!(*out)[i].consumed);
        }
        const std::vector<bool> escaped = escape_typed_marks(shown, typed, line_start);
        std::vector<std::size_t> kept;
        for (std::size_t k = 0; k < dropped.size(); ++k)
            if (!escaped.empty() && escaped[at_escaped[k]]) kept.push_back(dropped[k]);
        if (kept == dropped) break;
        dropped = std::move(kept);
    }
    for (const std::size_t i : dropped) (*out)[i].consumed = true;
    return out;
}

std::uint32_t heading_level(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == '#') ++n;
    if (n == 0 || n > 6 || n + 1 >= line.size() || line[n] != ' ') return 0;
    return static_cast<std::uint32_t>(n);
}

std::vector<bool> escape_typed_marks(std::string_view line, const std::vector<bool>& typed,
                                     bool line_start) {
    std::vector<bool> escaped(line.size(), false);
    bool any = false;
    if (line_start && !line.empty() && typed[0] && heading_level(line) > 0) {
        escaped[0] = true;
        any = true;
    }
    // Escaping a byte can free another to pair (a '*' typed, then "**"
    // typed, then ...): escape, read again, until no typed byte is a mark.
    // Each round escapes at least one more byte, so this ends.
    std::string current;
    for (;;) {
        current.clear();
        std::vector<std::size_t> at;  // per byte of `current`: its byte in `line`, or npos
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (escaped[i]) {
                current += '\\';
                at.push_back(std::string::npos);
            }
            current += line[i];
            at.push_back(i);
        }
        const std::optional<std::vector<LineByte>> bytes = scan_escapes_typed(current);
        if (!bytes) return {};
        bool more = false;
        for (std::size_t k = 0; k < current.size(); ++k) {
            const std::size_t i = at[k];
            if (i == std::string::npos || !(*bytes)[k].consumed || !typed[i] || escaped[i])
                continue;
            // One backslash undoes a "~~" or a tag: its first byte's.
            const bool first_of_mark = line[i] == '*' || k == 0 || !(*bytes)[k - 1].consumed ||
                                       at[k - 1] == std::string::npos || !typed[at[k - 1]];
            if (!first_of_mark) continue;
            escaped[i] = true;
            more = true;
        }
        if (!more) break;
        any = true;
    }
    if (!any) return {};
    return escaped;
}

}  // namespace accord::docx
