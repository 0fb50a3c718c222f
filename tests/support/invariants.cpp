#include "support/invariants.hpp"

#include "core/notation/print.hpp"
#include "core/notation/source_map.hpp"
#include "core/notation/tokens.hpp"

namespace accord::test {

std::string broken_invariant(const Document& d, std::string_view input) {
    if (d.source != input) return "source differs from input";
    if (print(d) != input) return "print(parse(x)) != x";

    std::size_t at = 0;
    for (const Token& t : tokenize(d)) {
        if (t.range.begin != at || t.range.end <= t.range.begin)
            return "tokens do not tile the source";
        at = t.range.end;
    }
    if (at != input.size()) return "tokens stop before the end";

    std::size_t previous_end = d.body.begin;
    for (const Paragraph& p : d.paragraphs) {
        if (p.range.begin < previous_end || p.range.end > input.size() || p.range.empty())
            return "paragraph range";
        if (!p.label.empty() && (p.label.begin < p.range.begin || p.label.end > p.range.end))
            return "label range";
        if (!p.status_tag.empty() &&
            (p.status_tag.begin < p.range.begin || p.status_tag.end > p.range.end))
            return "status tag range";
        previous_end = p.range.end;
    }
    for (std::size_t k = 0; k < d.brackets.size(); ++k) {
        const Bracket& b = d.brackets[k];
        if (input[b.open] != '[' || input[b.close] != ']' || b.open >= b.close)
            return "bracket marks";
        if (k > 0 && d.brackets[k - 1].open >= b.open) return "brackets out of order";
        if (b.parent != kNone) {
            const Bracket& parent = d.brackets[b.parent];
            if (!(parent.open < b.open && b.close < parent.close))
                return "parent does not enclose child";
            if (b.depth != parent.depth + 1) return "depth";
        } else if (b.depth != 0) {
            return "depth of a top-level bracket";
        }
        if (b.open_paragraph > b.close_paragraph) return "bracket paragraphs";
    }
    for (const AlternativesGroup& g : d.groups) {
        if (g.brackets.size() < 2) return "group of fewer than two";
        for (std::size_t k = 1; k < g.brackets.size(); ++k) {
            if (d.brackets[g.brackets[k - 1]].close + 1 != d.brackets[g.brackets[k]].open)
                return "group not adjacent";
        }
    }
    for (const Separator& s : d.separators) {
        const Bracket& b = d.brackets[s.bracket];
        if (input[s.at] != '/' || s.at <= b.open || s.at >= b.close)
            return "separator outside its bracket";
    }
    for (const Strike& s : d.strikes) {
        if (input.substr(s.open, 2) != "~~" || input.substr(s.close, 2) != "~~" ||
            s.open + 2 > s.close)
            return "strike marks";
    }
    const SourceMap map(input);
    std::size_t last_offset = 0;
    for (const Diagnostic& diagnostic : d.diagnostics) {
        if (diagnostic.offset < last_offset) return "diagnostics out of order";
        last_offset = diagnostic.offset;
        const Position position = map.locate(diagnostic.offset);
        if (position.line != diagnostic.line || position.column != diagnostic.column)
            return "diagnostic position";
        if (diagnostic.code.empty() || diagnostic.message.empty())
            return "diagnostic without code or message";
    }
    return "";
}

}  // namespace accord::test
