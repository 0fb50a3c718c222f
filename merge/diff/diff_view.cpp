#include "merge/diff/diff_view.hpp"

#include <map>

#include "core/notation/source_map.hpp"
#include "merge/diff/token_diff.hpp"

namespace accord {

namespace {

std::string quoted(std::string_view text, std::size_t limit = 70) {
    std::string flat;
    for (char c : text) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    if (flat.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80)
            --cut;  // whole characters
        flat = flat.substr(0, cut) + "…";
    }
    return "\"" + escape_controls(flat) + "\"";
}

bool is_blank(TokenKind k) {
    return k == TokenKind::space || k == TokenKind::line_break;
}

}  // namespace

std::string render_diff_text(const Document& before, const Document& after,
                             const std::vector<Change>& changes, std::string_view old_path,
                             std::string_view new_path, const DiffViewOptions& options) {
    const std::string_view bold = options.style.bold(), reset = options.style.reset();
    const std::string_view cyan = options.style.cyan();
    std::string out;
    out += std::string(bold) + "--- " + escape_controls(old_path) + "\n+++ " +
           escape_controls(new_path) + std::string(reset) + "\n";
    if (changes.empty()) return out + "no changes in wording or structure\n";

    const SourceMap old_map(before.source), new_map(after.source);
    out += std::to_string(changes.size()) + (changes.size() == 1 ? " change" : " changes") + ": " +
           escape_controls(summarize_changes(changes)) + "\n";
    for (const Change& c : changes) {
        // Lines of the new text throughout (a removal is shown where it was taken out).
        const std::size_t line = new_map.locate(c.new_range.begin).line;
        std::string kind(to_string(c.kind));
        kind.resize(std::max<std::size_t>(kind.size(), 30), ' ');
        out += "  " + std::string(cyan) + "line " + std::to_string(line) + std::string(reset);
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
        out += "\n";
    }

    // The words in context.
    const TokenDiff diff = diff_tokens(before, after);
    const auto& script = diff.script;
    std::vector<bool> show(script.size(), false);
    for (std::size_t k = 0; k < script.size(); ++k) {
        if (script[k].kind == EditKind::common) continue;
        const std::size_t from = k > options.context_tokens ? k - options.context_tokens : 0;
        const std::size_t to = std::min(script.size(), k + options.context_tokens + 1);
        for (std::size_t e = from; e < to; ++e) show[e] = true;
    }
    const bool colour = options.style.colour();
    const std::string open_removed = colour ? std::string(options.style.red()) : "[-";
    const std::string close_removed = colour ? std::string(reset) : "-]";
    const std::string open_added = colour ? std::string(options.style.green()) : "{+";
    const std::string close_added = colour ? std::string(reset) : "+}";
    EditKind state = EditKind::common;
    auto switch_to = [&](EditKind next) {
        if (next == state) return;
        if (state == EditKind::removed) out += close_removed;
        if (state == EditKind::added) out += close_added;
        if (next == EditKind::removed) out += open_removed;
        if (next == EditKind::added) out += open_added;
        state = next;
    };
    for (std::size_t k = 0; k < script.size();) {
        if (!show[k]) {
            ++k;
            continue;
        }
        // A hunk of visible tokens.
        std::size_t end = k;
        while (end < script.size() && show[end]) ++end;
        const Edit& first = script[k];
        const std::size_t line =
            first.kind == EditKind::removed
                ? old_map.locate(diff.old_tokens[first.old_index].range.begin).line
                : new_map.locate(diff.new_tokens[first.new_index].range.begin).line;
        out += std::string(cyan) + "@@ line " + std::to_string(line) + " @@" + std::string(reset) +
               "\n";
        for (std::size_t e = k; e < end; ++e) {
            const Edit& edit = script[e];
            const Token& token = edit.kind == EditKind::added ? diff.new_tokens[edit.new_index]
                                                              : diff.old_tokens[edit.old_index];
            const Document& doc = edit.kind == EditKind::added ? after : before;
            // White space between two changes of one kind stays inside the
            // marker, whether the space itself changed or not.
            if (is_blank(token.kind) && state != EditKind::common) {
                std::size_t next = e + 1;
                while (next < end) {
                    const Edit& n = script[next];
                    const Token& nt = n.kind == EditKind::added ? diff.new_tokens[n.new_index]
                                                                : diff.old_tokens[n.old_index];
                    if (!is_blank(nt.kind)) break;
                    ++next;
                }
                if (edit.kind != EditKind::common || (next < end && script[next].kind == state)) {
                    out += escape_controls(doc.text(token.range));
                    continue;
                }
            }
            switch_to(edit.kind);
            std::string text = escape_controls(doc.text(token.range));
            if (token.kind == TokenKind::paragraph_break) text = "\n";
            out += text;
        }
        switch_to(EditKind::common);
        out += "\n";
        k = end;
    }
    return out;
}

void write_diff_json(JsonWriter& json, std::string_view path, const Document& before,
                     const Document& after, const std::vector<Change>& changes) {
    const SourceMap old_map(before.source), new_map(after.source);
    json.begin_object().field("path", path);
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
    return out.empty() ? "no changes" : out;
}

}  // namespace accord
