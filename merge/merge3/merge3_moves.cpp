#include "merge/merge3/merge3_moves.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "merge/diff/sequence_diff.hpp"

namespace accord {

namespace {

constexpr std::uint32_t kAbsent = UINT32_MAX;

// A text as paragraphs (runs of non-blank lines, the last line's end
// included) and, by position, the blank lines before the first and after
// each. A move changes which paragraph stands at a position, never the
// blank lines between positions, so the text keeps its shape.
struct Paragraphs {
    std::string lead;
    std::vector<std::string> lines;
    std::vector<std::string> gaps;  // gaps[k]: the blank lines after position k

    std::string text() const {
        std::string t = lead;
        for (std::size_t k = 0; k < lines.size(); ++k) t += lines[k] + gaps[k];
        return t;
    }
};

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// nullopt for a text this pass leaves alone: one that does not end its last
// line, or opens with front matter.
std::optional<Paragraphs> paragraphs_of(std::string_view text) {
    if (text.empty() || text.back() != '\n' || text.starts_with("---")) return std::nullopt;
    Paragraphs p;
    bool in_paragraph = false;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = text.find('\n', at) + 1;
        const std::string_view line = text.substr(at, end - at);
        if (is_blank(line)) {
            (p.lines.empty() ? p.lead : p.gaps.back()) += line;
            in_paragraph = false;
        } else {
            if (!in_paragraph) {
                p.lines.emplace_back();
                p.gaps.emplace_back();
                in_paragraph = true;
            }
            p.lines.back() += line;
        }
        at = end;
    }
    return p;
}

// Brackets and strikes closed within the paragraph: moving it cuts no mark
// that spans paragraphs.
bool balanced(std::string_view paragraph) {
    const auto brackets_open = std::count(paragraph.begin(), paragraph.end(), '[');
    const auto brackets_closed = std::count(paragraph.begin(), paragraph.end(), ']');
    std::size_t strikes = 0;
    for (std::size_t at = paragraph.find("~~"); at != std::string_view::npos;
         at = paragraph.find("~~", at + 2))
        ++strikes;
    return brackets_open == brackets_closed && strikes % 2 == 0;
}

// For each base paragraph the side's paragraph it stays as, and back.
struct Alignment {
    std::vector<std::uint32_t> to_side, to_base;
};

Alignment align(const std::vector<std::uint32_t>& base, const std::vector<std::uint32_t>& side) {
    Alignment a{std::vector<std::uint32_t>(base.size(), kAbsent),
                std::vector<std::uint32_t>(side.size(), kAbsent)};
    for (const Edit& e : diff_sequences_anchored(base, side)) {
        if (e.kind != EditKind::common) continue;
        a.to_side[e.old_index] = e.new_index;
        a.to_base[e.new_index] = e.old_index;
    }
    return a;
}

// Moves the paragraph at `from` to stand before the one now at `before`.
void move_paragraph(std::vector<std::string>& lines, std::size_t from, std::size_t before) {
    std::string moved = std::move(lines[from]);
    lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(from));
    if (before > from) --before;
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(before), std::move(moved));
}

// Makes one move of the mover's in the base and the editor; false when
// there is none to make.
bool follow_one_move(Paragraphs& base, const Paragraphs& mover, Paragraphs& editor) {
    std::unordered_map<std::string_view, std::uint32_t> ids;
    auto numbered = [&](const std::vector<std::string>& lines) {
        std::vector<std::uint32_t> numbers;
        for (const std::string& l : lines)
            numbers.push_back(
                ids.try_emplace(l, static_cast<std::uint32_t>(ids.size())).first->second);
        return numbers;
    };
    const std::vector<std::uint32_t> b = numbered(base.lines), m = numbered(mover.lines),
                                     e = numbered(editor.lines);
    const Alignment bm = align(b, m), be = align(b, e);
    std::unordered_map<std::uint32_t, int> in_base, new_in_mover;
    for (const std::uint32_t id : b) ++in_base[id];
    for (std::size_t j = 0; j < m.size(); ++j) {
        if (bm.to_base[j] == kAbsent) ++new_in_mover[m[j]];
    }
    const std::size_t n = b.size();
    for (std::size_t i = 0; i < n; ++i) {
        // The mover took it from here, unchanged, to one place of its own;
        // the editor did not keep it as it was.
        if (bm.to_side[i] != kAbsent || be.to_side[i] != kAbsent) continue;
        if (in_base[b[i]] != 1 || new_in_mover[b[i]] != 1) continue;
        // The editor rewrote just this paragraph: it kept the neighbours on
        // both sides, with one paragraph of its own between them.
        const std::uint32_t first =
            i == 0 ? 0 : (be.to_side[i - 1] == kAbsent ? kAbsent : be.to_side[i - 1] + 1);
        const std::uint32_t end =
            i + 1 == n ? static_cast<std::uint32_t>(e.size()) : be.to_side[i + 1];
        if (first == kAbsent || end == kAbsent || end != first + 1) continue;
        if (!balanced(base.lines[i]) || !balanced(editor.lines[first])) continue;
        // Where the mover put it: after a paragraph the base and the editor
        // both have, or first.
        std::size_t j = 0;
        while (m[j] != b[i] || bm.to_base[j] != kAbsent) ++j;
        std::size_t base_before = 0, editor_before = 0;
        if (j > 0) {
            const std::uint32_t p = bm.to_base[j - 1];
            if (p == kAbsent || be.to_side[p] == kAbsent) continue;
            base_before = p + 1;
            editor_before = be.to_side[p] + 1;
        }
        move_paragraph(base.lines, i, base_before);
        move_paragraph(editor.lines, first, editor_before);
        return true;
    }
    return false;
}

}  // namespace

std::optional<MergeTexts> follow_moves(std::string_view base, std::string_view ours,
                                       std::string_view theirs) {
    std::optional<Paragraphs> b = paragraphs_of(base), o = paragraphs_of(ours),
                              t = paragraphs_of(theirs);
    if (!b || !o || !t) return std::nullopt;
    bool moved = false;
    // Each move makes the base agree with the mover about that paragraph,
    // so the moves run out; the bound keeps a pathological text cheap.
    for (int k = 0; k < 64; ++k) {
        if (follow_one_move(*b, *o, *t) || follow_one_move(*b, *t, *o)) {
            moved = true;
        } else {
            break;
        }
    }
    if (!moved) return std::nullopt;
    return MergeTexts{b->text(), o->text(), t->text()};
}

}  // namespace accord
