#include "merge/diff/diff_view.hpp"

#include <algorithm>
#include <map>

#include "core/notation/source_map.hpp"
#include "merge/diff/paragraph_diff.hpp"
#include "merge/diff/token_view.hpp"

namespace accord {

namespace {

// The wording on one line: each run of white space (a line or paragraph
// break and the indent after it) is one space; cut at `limit` bytes.
std::string quoted(std::string_view text, std::size_t limit = 70) {
    std::string flat;
    for (char c : text) {
        const bool blank = c == '\n' || c == '\r' || c == '\t' || c == ' ';
        if (!blank) {
            flat += c;
        } else if (flat.empty() || flat.back() != ' ') {
            flat += ' ';
        }
    }
    if (flat.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80)
            --cut;  // whole characters
        flat = flat.substr(0, cut) + "…";
    }
    return "\"" + escape_controls(flat) + "\"";
}

// A paragraph break as the reader sees it: a blank line where the text has
// one (or more), a line break where paragraphs follow line by line (list
// items, a heading); the indent after it is not shown.
std::string paragraph_break(std::string_view text) {
    return std::count(text.begin(), text.end(), '\n') >= 2 ? "\n\n" : "\n";
}

bool is_blank(TokenKind k) {
    return k == TokenKind::space || k == TokenKind::line_break;
}

// Edits [begin, end) of the script, the removed in [-...-] (red), the added
// in {+...+} (green). White space between two changes of one kind stays
// inside their marker, whether the space itself changed or not.
// A run of changes to white space alone (a line ending become a paragraph
// break) is no change a reader looks for: `blank_only` marks its edits,
// shown as the new white space, unmarked.
void write_hunk(std::string& out, const Document& before, const Document& after,
                const ParagraphDiff& diff, const std::vector<bool>& blank_only, std::size_t begin,
                std::size_t end, const TerminalStyle& style) {
    const bool colour = style.colour();
    const std::string open_removed = colour ? std::string(style.red()) : "[-";
    const std::string close_removed = colour ? std::string(style.reset()) : "-]";
    const std::string open_added = colour ? std::string(style.green()) : "{+";
    const std::string close_added = colour ? std::string(style.reset()) : "+}";
    const auto& script = diff.script;
    EditKind state = EditKind::common;
    auto switch_to = [&](EditKind next) {
        if (next == state) return;
        if (state == EditKind::removed) out += close_removed;
        if (state == EditKind::added) out += close_added;
        if (next == EditKind::removed) out += open_removed;
        if (next == EditKind::added) out += open_added;
        state = next;
    };
    // Kept tokens as the new text has them (white space may differ).
    auto token_of = [&](const Edit& edit) -> const Token& {
        return edit.kind == EditKind::removed ? diff.old_tokens[edit.old_index]
                                              : diff.new_tokens[edit.new_index];
    };
    for (std::size_t e = begin; e < end; ++e) {
        const Edit& edit = script[e];
        const Token& token = token_of(edit);
        const Document& doc = edit.kind == EditKind::removed ? before : after;
        if (blank_only[e]) {
            if (edit.kind == EditKind::removed) continue;
            switch_to(EditKind::common);
        } else if (is_blank(token.kind) && state != EditKind::common) {
            std::size_t next = e + 1;
            while (next < end && is_blank(token_of(script[next]).kind)) ++next;
            if (edit.kind == state ||
                (edit.kind == EditKind::common && next < end && script[next].kind == state)) {
                out += escape_controls(doc.text(token.range));
                continue;
            }
        }
        switch_to(edit.kind);
        out += token.kind == TokenKind::paragraph_break ? paragraph_break(doc.text(token.range))
                                                        : escape_controls(doc.text(token.range));
    }
    switch_to(EditKind::common);
    out += "\n";
}

// The changes, one line each: where in the new text (a removal where it was
// taken out), the kind, the wording.
void write_change_lines(std::string& out, const Document& before, const Document& after,
                        const std::vector<Change>& changes, const TerminalStyle& style) {
    const SourceMap old_map(before.source), new_map(after.source);
    for (const Change& c : changes) {
        const std::size_t line = new_map.locate(c.new_range.begin).line;
        std::string kind(to_string(c.kind));
        kind.resize(std::max<std::size_t>(kind.size(), 30), ' ');
        out += "  " + std::string(style.cyan()) + "line " + std::to_string(line) +
               std::string(style.reset());
        out.append(line < 10 ? 4 : line < 100 ? 3 : line < 1000 ? 2 : 1, ' ');
        out += kind + " ";
        if (c.kind == ChangeKind::status_changed || c.kind == ChangeKind::metadata_changed) {
            if (c.kind == ChangeKind::metadata_changed) out += escape_controls(c.text) + ": ";
            out += escape_controls((c.before.empty() ? "(none)" : c.before) + " → " +
                                   (c.after.empty() ? "(none)" : c.after));
        } else if (c.kind == ChangeKind::text_replaced) {
            out += quoted(c.before, 40) + " → " + quoted(c.text, 40);
        } else {
            out += quoted(c.text);
        }
        if (c.kind == ChangeKind::paragraph_moved)
            out +=
                " (from old line " + std::to_string(old_map.locate(c.old_range.begin).line) + ")";
        out += "\n";
    }
}

// The context around a change starts and ends at white space: it never cuts
// a word or a run of marks in two ("## Article" shown as "# Article", ", or"
// for "ratification, or"), reaching at most a few tokens further, and it
// neither starts nor ends with unchanged white space.
void align_to_white_space(const ParagraphDiff& diff, std::vector<bool>& show) {
    constexpr std::size_t kReach = 8;
    const auto& script = diff.script;
    auto blank = [&](std::size_t e) {
        const Edit& edit = script[e];
        return is_space_token(edit.kind == EditKind::removed
                                  ? diff.old_tokens[edit.old_index].kind
                                  : diff.new_tokens[edit.new_index].kind);
    };
    auto kept_blank = [&](std::size_t e) { return script[e].kind == EditKind::common && blank(e); };
    for (std::size_t k = 0; k < script.size(); ++k) {
        if (!show[k] || (k > 0 && show[k - 1])) continue;
        std::size_t first = k;
        for (std::size_t reach = 0;
             first > 0 && !show[first - 1] && !blank(first) && !blank(first - 1) && reach < kReach;
             ++reach)
            show[--first] = true;
        while (first < script.size() && show[first] && kept_blank(first)) show[first++] = false;
    }
    for (std::size_t k = script.size(); k-- > 0;) {
        if (!show[k] || (k + 1 < script.size() && show[k + 1])) continue;
        std::size_t last = k;
        for (std::size_t reach = 0; last + 1 < script.size() && !show[last + 1] && !blank(last) &&
                                    !blank(last + 1) && reach < kReach;
             ++reach)
            show[++last] = true;
        while (show[last] && kept_blank(last)) {
            show[last] = false;
            if (last-- == 0) break;
        }
    }
}

// The changed words in context, git's --word-diff style: each run of
// visible edits (the changes and `context` unchanged tokens around them) is
// a hunk headed by its line.
void write_words_in_context(std::string& out, const Document& before, const Document& after,
                            std::size_t context, const TerminalStyle& style) {
    const ParagraphDiff diff = diff_paragraphs(before, after);
    const auto& script = diff.script;
    std::vector<bool> blank_only(script.size(), false);
    for (std::size_t k = 0; k < script.size();) {
        std::size_t end = k;
        while (end < script.size() && script[end].kind != EditKind::common) ++end;
        const bool blank =
            std::all_of(script.begin() + k, script.begin() + end, [&](const Edit& e) {
                return is_space_token(e.kind == EditKind::added
                                          ? diff.new_tokens[e.new_index].kind
                                          : diff.old_tokens[e.old_index].kind);
            });
        std::fill(blank_only.begin() + k, blank_only.begin() + end, blank);
        k = end == k ? k + 1 : end;
    }
    std::vector<bool> show(script.size(), false);
    for (std::size_t k = 0; k < script.size(); ++k) {
        if (script[k].kind == EditKind::common || blank_only[k]) continue;
        const std::size_t from = k > context ? k - context : 0;
        const std::size_t to = std::min(script.size(), k + context + 1);
        for (std::size_t e = from; e < to; ++e) show[e] = true;
    }
    align_to_white_space(diff, show);
    const SourceMap old_map(before.source), new_map(after.source);
    for (std::size_t k = 0; k < script.size();) {
        if (!show[k]) {
            ++k;
            continue;
        }
        std::size_t end = k;
        while (end < script.size() && show[end]) ++end;
        const Edit& first = script[k];
        const std::size_t line =
            first.kind == EditKind::removed
                ? old_map.locate(diff.old_tokens[first.old_index].range.begin).line
                : new_map.locate(diff.new_tokens[first.new_index].range.begin).line;
        out += std::string(style.cyan()) + "@@ line " + std::to_string(line) + " @@" +
               std::string(style.reset()) + "\n";
        write_hunk(out, before, after, diff, blank_only, k, end, style);
        k = end;
    }
}

}  // namespace

std::string render_diff_text(const Document& before, const Document& after,
                             const std::vector<Change>& changes, std::string_view old_path,
                             std::string_view new_path, const DiffViewOptions& options) {
    const TerminalStyle& style = options.style;
    std::string out;
    out += std::string(style.bold()) + "--- " + escape_controls(old_path) + "\n+++ " +
           escape_controls(new_path) + std::string(style.reset()) + "\n";
    if (changes.empty()) return out + "no changes in wording or structure\n";
    out += std::to_string(changes.size()) + (changes.size() == 1 ? " change" : " changes") + ": " +
           escape_controls(summarize_changes(changes)) + "\n";
    write_change_lines(out, before, after, changes, style);
    write_words_in_context(out, before, after, options.context_tokens, style);
    return out;
}

void write_diff_json(JsonWriter& json, std::string_view path, const Document& before,
                     const Document& after, const std::vector<Change>& changes,
                     std::string_view moved_from) {
    const SourceMap old_map(before.source), new_map(after.source);
    json.begin_object().field("path", path);
    if (!moved_from.empty()) json.field("moved_from", moved_from);
    json.key("changes").begin_array();
    for (const Change& c : changes) {
        json.begin_object().field("kind", to_string(c.kind)).field("text", c.text);
        json.key("old")
            .begin_object()
            .field("start", c.old_range.begin)
            .field("end", c.old_range.end);
        json.field("line", old_map.locate(c.old_range.begin).line).end_object();
        json.key("new")
            .begin_object()
            .field("start", c.new_range.begin)
            .field("end", c.new_range.end);
        json.field("line", new_map.locate(c.new_range.begin).line).end_object();
        if (!c.before.empty() || c.kind == ChangeKind::status_changed ||
            c.kind == ChangeKind::metadata_changed) {
            json.field("before", c.before);
        }
        if (c.kind == ChangeKind::status_changed || c.kind == ChangeKind::metadata_changed)
            json.field("after", c.after);
        json.end_object();
    }
    json.end_array().end_object();
}

std::string summarize_changes(const std::vector<Change>& changes) {
    // In the order a negotiator reads them: agreement first, then new text.
    static const std::vector<std::pair<ChangeKind, std::pair<const char*, const char*>>> phrases = {
        {ChangeKind::bracket_removed, {"bracket lifted", "brackets lifted"}},
        {ChangeKind::option_chosen, {"option chosen", "options chosen"}},
        {ChangeKind::option_added, {"option added", "options added"}},
        {ChangeKind::option_removed, {"option removed", "options removed"}},
        {ChangeKind::bracket_added, {"bracket added", "brackets added"}},
        {ChangeKind::bracketed_text_inserted, {"bracketed insertion", "bracketed insertions"}},
        {ChangeKind::bracket_deleted, {"bracket deleted", "brackets deleted"}},
        {ChangeKind::strike_added, {"strike added", "strikes added"}},
        {ChangeKind::strike_removed, {"strike withdrawn", "strikes withdrawn"}},
        {ChangeKind::struck_text_deleted, {"struck text deleted", "struck texts deleted"}},
        {ChangeKind::text_inserted, {"insertion", "insertions"}},
        {ChangeKind::text_deleted, {"deletion", "deletions"}},
        {ChangeKind::text_replaced, {"replacement", "replacements"}},
        {ChangeKind::paragraph_added, {"paragraph added", "paragraphs added"}},
        {ChangeKind::paragraph_deleted, {"paragraph deleted", "paragraphs deleted"}},
        {ChangeKind::alternative_paragraph_added,
         {"alternative paragraph added", "alternative paragraphs added"}},
        {ChangeKind::alternative_paragraph_removed,
         {"alternative paragraph removed", "alternative paragraphs removed"}},
        {ChangeKind::paragraph_moved, {"paragraph moved", "paragraphs moved"}},
        {ChangeKind::paragraph_split, {"paragraph split off", "paragraphs split off"}},
        {ChangeKind::paragraph_merged, {"paragraph merged", "paragraphs merged"}},
        {ChangeKind::metadata_changed, {"metadata change", "metadata changes"}},
    };
    std::map<ChangeKind, std::size_t> counts;
    for (const Change& c : changes) ++counts[c.kind];
    std::string out;
    auto append = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
    for (const auto& [kind, words] : phrases) {
        const auto it = counts.find(kind);
        if (it == counts.end()) continue;
        append(std::to_string(it->second) + " " + (it->second == 1 ? words.first : words.second));
    }
    for (const Change& c : changes) {
        if (c.kind == ChangeKind::status_changed) {
            append("status " + (c.before.empty() ? std::string("(none)") : c.before) + " → " +
                   (c.after.empty() ? std::string("(none)") : c.after));
        }
    }
    return out.empty() ? "no changes in wording or structure" : out;
}

}  // namespace accord
