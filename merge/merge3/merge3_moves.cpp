#include "merge/merge3/merge3_moves.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/notation/front_matter.hpp"
#include "core/util/text.hpp"
#include "merge/diff/sequence_diff.hpp"

namespace accord {

namespace {

constexpr std::uint32_t kAbsent = UINT32_MAX;

// A text as paragraphs (runs of non-blank lines, the last line's end
// included) and, by position, the blank lines before the first and after
// each. A move changes which paragraph stands at a position, never the
// blank lines between positions, so the text keeps its shape.
struct Paragraphs {
    std::string head;  // the front matter, kept as it is (merged apart)
    std::string lead;
    std::vector<std::string> lines;
    std::vector<std::string> gaps;  // gaps[k]: the blank lines after position k

    std::string text() const {
        std::string t = head + lead;
        for (std::size_t k = 0; k < lines.size(); ++k) t += lines[k] + gaps[k];
        return t;
    }
};

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A line that opens an item of a list written line under line, without a
// blank line between ("(a) Requests ...;" under "(b) Invites ..."), as UN
// texts set out subparagraphs: a label "(a)", "(iv)", "(12)", "a)", or a
// number of up to three digits "3." / "3)", then a space. Such an item moves
// on its own, like a paragraph (a hard-wrapped line that happens to open
// with "(a) " is read as one too: it moves only if a side moved it).
bool opens_item(std::string_view line) {
    std::size_t at = 0;
    const bool parenthesis = !line.empty() && line[0] == '(';
    if (parenthesis) ++at;
    const std::size_t label = at;
    while (at < line.size() && at - label < 4 &&
           std::isalnum(static_cast<unsigned char>(line[at])) != 0)
        ++at;
    if (at == label || at >= line.size()) return false;
    const bool digits = std::all_of(line.begin() + static_cast<std::ptrdiff_t>(label),
                                    line.begin() + static_cast<std::ptrdiff_t>(at),
                                    [](char c) { return c >= '0' && c <= '9'; });
    const char close = line[at];
    const bool closed = close == ')' || (!parenthesis && digits && close == '.');
    if (!closed || (digits && !parenthesis && at - label > 3)) return false;
    return at + 1 < line.size() && (line[at + 1] == ' ' || line[at + 1] == '\t');
}

// nullopt for a text this pass leaves alone: one that does not end its last
// line, or opens with a "---" that closes no front matter. Front matter
// stays as it is, before the paragraphs (the merge reads its fields apart).
// A paragraph of list items line under line (opens_item) is one position
// per item, with no blank line between them.
std::optional<Paragraphs> paragraphs_of(std::string_view text) {
    if (text.empty() || text.back() != '\n') return std::nullopt;
    Paragraphs p;
    const std::size_t body = front_matter_end(text);
    if (body == 0 && (text.starts_with("---") || text.starts_with("\xEF\xBB\xBF---")))
        return std::nullopt;
    p.head = std::string(text.substr(0, body));
    bool in_paragraph = false;
    for (std::size_t at = body; at < text.size();) {
        const std::size_t end = text.find('\n', at) + 1;
        const std::string_view line = text.substr(at, end - at);
        if (is_blank(line)) {
            (p.lines.empty() ? p.lead : p.gaps.back()) += line;
            in_paragraph = false;
        } else {
            if (!in_paragraph || opens_item(line)) {
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

// A paragraph without its leading number ("1. ", "12.3) ", "(a) "): one
// group renumbers the paragraphs it reorders, and a paragraph moved from 2
// to 1 is still the same paragraph.
std::string_view without_number(std::string_view paragraph) {
    std::size_t at = 0;
    const auto digits = [&] {
        const std::size_t from = at;
        while (at < paragraph.size() && paragraph[at] >= '0' && paragraph[at] <= '9') ++at;
        return at > from;
    };
    if (at < paragraph.size() && paragraph[at] == '(') {
        const std::size_t close = paragraph.find(')');
        if (close == std::string_view::npos || close > 6) return paragraph;
        at = close + 1;
    } else {
        if (!digits()) return paragraph;
        while (at + 1 < paragraph.size() && paragraph[at] == '.' && paragraph[at + 1] >= '0' &&
               paragraph[at + 1] <= '9') {
            ++at;
            digits();
        }
        if (at >= paragraph.size() || (paragraph[at] != '.' && paragraph[at] != ')'))
            return paragraph;
        ++at;
    }
    if (at >= paragraph.size() || (paragraph[at] != ' ' && paragraph[at] != '\t')) return paragraph;
    return paragraph.substr(at + 1);
}

// Words and marks of a paragraph without its number, for telling whether a
// new paragraph is an old one rewritten: runs of letters and digits (any
// byte of a multi-byte character counts as a letter), and each other mark
// alone.
std::vector<std::string_view> words_of(std::string_view paragraph) {
    std::vector<std::string_view> words;
    for (std::size_t at = 0; at < paragraph.size();) {
        const char c = paragraph[at];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++at;
        } else if (is_word_byte(c)) {
            std::size_t end = at;
            while (end < paragraph.size() && is_word_byte(paragraph[end])) ++end;
            words.push_back(paragraph.substr(at, end - at));
            at = end;
        } else {
            words.push_back(paragraph.substr(at, 1));
            ++at;
        }
    }
    return words;
}

// How much of two paragraphs' words they share, counted within a budget
// of words read: twice the words in common (as many times as both have
// them) over both counts, 1 for the same words. Once the budget is spent
// (a text rewritten whole, paragraphs of tens of thousands of words), no
// more paragraphs are compared, and the merge reads them where they stand.
class Likeness {
  public:
    std::optional<double> of(std::string_view a, std::string_view b) {
        const std::vector<std::string_view> x = words_of(without_number(a)),
                                            y = words_of(without_number(b));
        if (x.size() + y.size() > words_left_) {
            words_left_ = 0;
            return std::nullopt;
        }
        words_left_ -= x.size() + y.size();
        if (x.empty() || y.empty()) return 0.0;
        std::unordered_map<std::string_view, std::int64_t> count;
        for (const std::string_view w : x) ++count[w];
        std::size_t common = 0;
        for (const std::string_view w : y) {
            if (std::int64_t& c = count[w]; c > 0) {
                --c;
                ++common;
            }
        }
        return 2.0 * static_cast<double>(common) / static_cast<double>(x.size() + y.size());
    }

  private:
    std::size_t words_left_ = std::size_t{1} << 21;
};

// A new paragraph at least this alike to an old one the same side no longer
// has is that one rewritten (moved and edited, when it stands elsewhere).
constexpr double kRewrittenLikeness = 0.6;

// A paragraph the editor has where the base had one, with other words, is
// that one rewritten in place when at least this alike (its place says the
// rest): a new paragraph less alike is something else written there.
constexpr double kRewrittenInPlaceLikeness = 0.5;

// Ids of paragraphs, one per wording without the leading number: a
// paragraph renumbered is the same paragraph. The views point into the
// texts' paragraphs, which outlive it.
class ParagraphIds {
  public:
    std::vector<std::uint32_t> operator()(const std::vector<std::string>& lines) {
        std::vector<std::uint32_t> numbers;
        for (const std::string& l : lines)
            numbers.push_back(
                ids_.try_emplace(without_number(l), static_cast<std::uint32_t>(ids_.size()))
                    .first->second);
        return numbers;
    }

  private:
    std::unordered_map<std::string_view, std::uint32_t> ids_;
};

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

std::size_t common_count(const Alignment& a) {
    return static_cast<std::size_t>(std::count_if(a.to_side.begin(), a.to_side.end(),
                                                  [](std::uint32_t s) { return s != kAbsent; }));
}

std::vector<std::uint32_t> without(const std::vector<std::uint32_t>& ids, std::size_t at) {
    std::vector<std::uint32_t> out = ids;
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(at));
    return out;
}

// The editor's paragraphs [lo, hi) between those it kept of the base
// paragraphs around base paragraph i: where i stood, in the editor.
std::pair<std::size_t, std::size_t> editor_span(const Alignment& be, std::size_t i,
                                                std::size_t editor_size) {
    std::size_t lo = 0, hi = editor_size;
    for (std::size_t k = i; k-- > 0;) {
        if (be.to_side[k] != kAbsent) {
            lo = be.to_side[k] + 1;
            break;
        }
    }
    for (std::size_t k = i + 1; k < be.to_side.size(); ++k) {
        if (be.to_side[k] != kAbsent) {
            hi = be.to_side[k];
            break;
        }
    }
    return {lo, hi};
}

// Whether the editor deleted base paragraph i: it has it nowhere, and
// between the paragraphs it kept around it only paragraphs of the base or
// new ones unlike it (added there, not it rewritten).
bool deleted_by_editor(const Paragraphs& base, const Paragraphs& editor,
                       const std::vector<std::uint32_t>& b, const std::vector<std::uint32_t>& e,
                       const Alignment& be, const std::unordered_map<std::uint32_t, int>& in_base,
                       std::size_t i, Likeness& likeness) {
    if (std::find(e.begin(), e.end(), b[i]) != e.end()) return false;
    const auto [lo, hi] = editor_span(be, i, e.size());
    for (std::size_t x = lo; x < hi; ++x) {
        if (in_base.count(e[x]) != 0) continue;
        const std::optional<double> alike = likeness.of(base.lines[i], editor.lines[x]);
        if (!alike || *alike >= kRewrittenInPlaceLikeness) return false;
    }
    return true;
}

// Which of a side's new paragraphs rewrite which base paragraph it no
// longer has (wordings without numbers, side's to base's): found once per
// merge, on the texts as given, since the moves followed change the order
// of paragraphs, not their wording. Where the side's paragraphs stand
// between the same kept paragraphs as the base's (a rewrite where it
// stood), each two most alike to each other are paired, at least
// kRewrittenInPlaceLikeness; then the rest (moved and edited) so, at least
// kRewrittenLikeness. Nothing more is paired
// once the likeness budget is spent, or where there are too many pairs to compare.
using Rewrites = std::unordered_map<std::string, std::string>;

constexpr std::size_t kMostPairsCompared = 4096;

Rewrites find_rewrites(const Paragraphs& base, const Paragraphs& side, Likeness& likeness) {
    Rewrites out;
    ParagraphIds numbered;
    const std::vector<std::uint32_t> b = numbered(base.lines), s = numbered(side.lines);
    std::unordered_map<std::uint32_t, int> in_base, in_side;
    for (const std::uint32_t id : b) ++in_base[id];
    for (const std::uint32_t id : s) ++in_side[id];
    std::vector<bool> dropped(b.size()), added(s.size());
    for (std::size_t k = 0; k < b.size(); ++k)
        dropped[k] = in_side[b[k]] == 0 && in_base[b[k]] == 1 && balanced(base.lines[k]);
    for (std::size_t y = 0; y < s.size(); ++y)
        added[y] = in_base[s[y]] == 0 && in_side[s[y]] == 1 && balanced(side.lines[y]);
    // Pairs, of base paragraphs `ks` and side paragraphs `ys` not paired
    // yet, each two most alike to each other, at least `least`; false once
    // the likeness budget is spent.
    const auto pair_most_alike = [&](const std::vector<std::size_t>& ks,
                                     const std::vector<std::size_t>& ys, double least) {
        if (ks.empty() || ys.empty() || ks.size() * ys.size() > kMostPairsCompared) return true;
        std::vector<double> alike(ks.size() * ys.size());
        for (std::size_t d = 0; d < ks.size(); ++d) {
            for (std::size_t w = 0; w < ys.size(); ++w) {
                const std::optional<double> l = likeness.of(base.lines[ks[d]], side.lines[ys[w]]);
                if (!l) return false;
                alike[d * ys.size() + w] = *l;
            }
        }
        const auto at = [&](std::size_t d, std::size_t w) { return alike[d * ys.size() + w]; };
        for (std::size_t d = 0; d < ks.size(); ++d) {
            std::size_t best = 0;
            for (std::size_t w = 1; w < ys.size(); ++w)
                if (at(d, w) > at(d, best)) best = w;
            if (at(d, best) < least) continue;
            bool mutual = true;
            for (std::size_t other = 0; other < ks.size() && mutual; ++other)
                mutual = other == d || at(other, best) < at(d, best);
            if (!mutual) continue;
            out.emplace(without_number(side.lines[ys[best]]), without_number(base.lines[ks[d]]));
            dropped[ks[d]] = added[ys[best]] = false;
        }
        return true;
    };
    const auto unpaired = [](const std::vector<bool>& open, std::size_t from, std::size_t to) {
        std::vector<std::size_t> out;
        for (std::size_t k = from; k < to; ++k)
            if (open[k]) out.push_back(k);
        return out;
    };
    // Rewrites where they stood: between the same kept paragraphs.
    const Alignment a = align(b, s);
    for (std::size_t i = 0, y = 0; i < b.size() || y < s.size();) {
        if (i < b.size() && y < s.size() && a.to_side[i] == y) {
            ++i;
            ++y;
            continue;
        }
        std::size_t i_end = i, y_end = y;
        while (i_end < b.size() && a.to_side[i_end] == kAbsent) ++i_end;
        while (y_end < s.size() && a.to_base[y_end] == kAbsent) ++y_end;
        if (!pair_most_alike(unpaired(dropped, i, i_end), unpaired(added, y, y_end),
                             kRewrittenInPlaceLikeness))
            return out;
        i = i_end;
        y = y_end;
    }
    // Moved and edited: the rest.
    pair_most_alike(unpaired(dropped, 0, b.size()), unpaired(added, 0, s.size()),
                    kRewrittenLikeness);
    return out;
}

// A side's paragraph ids (as `s` gives them), each of its rewrites of a
// base paragraph it no longer has given that paragraph's id; `rewrites[y]`
// says which were so given. A side that moved a paragraph and edited it
// then reads as moving it, and one that edited it in place as keeping it.
struct SideIds {
    std::vector<std::uint32_t> ids;
    std::vector<bool> rewrites;
};

SideIds with_rewrites(const Paragraphs& base, const Paragraphs& side,
                      const std::vector<std::uint32_t>& b, const std::vector<std::uint32_t>& s,
                      const Rewrites& rewrites) {
    SideIds out{s, std::vector<bool>(s.size(), false)};
    if (rewrites.empty()) return out;
    std::unordered_map<std::string_view, std::size_t> base_at;
    for (std::size_t k = 0; k < b.size(); ++k) base_at.emplace(without_number(base.lines[k]), k);
    std::unordered_map<std::uint32_t, int> in_side;
    for (const std::uint32_t id : s) ++in_side[id];
    for (std::size_t y = 0; y < s.size(); ++y) {
        const auto r = rewrites.find(std::string(without_number(side.lines[y])));
        if (r == rewrites.end()) continue;
        const auto k = base_at.find(r->second);
        if (k == base_at.end() || in_side[b[k->second]] != 0) continue;
        out.ids[y] = b[k->second];
        out.rewrites[y] = true;
    }
    return out;
}

// The mover reordered the base's paragraphs (renumbered perhaps, some
// edited where it put them, none deleted), and perhaps added paragraphs of
// its own, which stay where it put them: the base and the editor take the
// mover's order first, each of the editor's changes going with the
// paragraph it changed, so that what the editor deleted or rewrote stays
// deleted or rewritten wherever the mover put that paragraph. A paragraph
// the editor added (not alike to one it dropped there) goes after the one
// it followed, or at the start or the end of the text when it stood there.
// (Read against the base's order instead, a paragraph both sides added
// would stand twice: the diff takes the mover's copy for part of a move.)
// False, and nothing changed, when the mover did not reorder or deleted a
// paragraph, or the editor moved paragraphs too.
bool follow_reorder(Paragraphs& base, const Paragraphs& mover, Paragraphs& editor,
                    const Rewrites& mover_rewrites, const Rewrites& editor_rewrites) {
    const std::size_t n = base.lines.size();
    // (An editor that changed nothing merges as the mover's text already.)
    if (mover.lines.size() < n || n < 2 || editor.lines == base.lines) return false;
    ParagraphIds numbered;
    const std::vector<std::uint32_t> b = numbered(base.lines);
    // The mover's and the editor's rewrites of base paragraphs count as
    // those paragraphs: a mover that reordered and edited some paragraphs
    // where it put them reordered them, and an editor that moved one and
    // edited it moved it.
    const SideIds mover_ids = with_rewrites(base, mover, b, numbered(mover.lines), mover_rewrites);
    const std::vector<std::uint32_t>& m = mover_ids.ids;
    const std::vector<std::uint32_t> plain_e = numbered(editor.lines);
    const std::vector<std::uint32_t> e =
        with_rewrites(base, editor, b, plain_e, editor_rewrites).ids;
    // Each base paragraph once (which copy moved is unknown otherwise), and
    // the mover's the same ones, each once, besides paragraphs of its own.
    std::unordered_map<std::uint32_t, std::uint32_t> base_index;
    for (std::size_t i = 0; i < n; ++i) {
        if (!base_index.emplace(b[i], static_cast<std::uint32_t>(i)).second) return false;
        if (!balanced(base.lines[i])) return false;
    }
    std::vector<std::uint32_t> order;      // the base's paragraphs in the mover's order
    std::vector<bool> rewritten;           // per entry of `order`: the mover edited it
    std::vector<std::size_t> mover_at(n);  // per base paragraph: where the mover has it
    std::vector<bool> taken(n, false);
    for (std::size_t y = 0; y < m.size(); ++y) {
        const auto it = base_index.find(m[y]);
        if (it == base_index.end()) continue;  // added by the mover
        if (taken[it->second]) return false;
        taken[it->second] = true;
        mover_at[it->second] = y;
        order.push_back(it->second);
        rewritten.push_back(mover_ids.rewrites[y]);
    }
    if (order.size() != n || std::is_sorted(order.begin(), order.end())) return false;
    // A paragraph the mover moved and edited lands between paragraphs the
    // editor kept as they were: its edit beside one of the editor's would
    // read as one change against the other, each paragraph's wording set
    // against both (follow_one_move says the same of one move).
    const Alignment kept = align(b, plain_e);
    std::vector<std::size_t> moved_and_edited;  // positions in `order`
    for (std::size_t y = 0; y < n; ++y) {
        if (!rewritten[y]) continue;
        // (Between the neighbours it had, it did not move.)
        const std::uint32_t was = order[y];
        const bool same_before = y == 0 ? was == 0 : order[y - 1] + 1 == was;
        const bool same_after = y + 1 == n ? was + 1 == n : order[y + 1] == was + 1;
        if (same_before && same_after) continue;
        if ((y > 0 && kept.to_side[order[y - 1]] == kAbsent) ||
            (y + 1 < n && kept.to_side[order[y + 1]] == kAbsent))
            return false;
        moved_and_edited.push_back(y);
    }
    // The editor's paragraphs: each it kept or rewrote goes with its base
    // paragraph (its rewrites count as those paragraphs: with_rewrites).
    const Alignment be = align(b, e);
    for (std::size_t x = 0; x < e.size(); ++x)
        if (be.to_base[x] == kAbsent && base_index.count(e[x]) != 0) return false;  // moved too
    // Where a paragraph stands among the base's paragraphs in a text: the
    // base paragraph before it and the one after it (SIZE_MAX: none, the
    // start or the end of the text).
    struct Place {
        std::size_t before = SIZE_MAX, after = SIZE_MAX;
    };
    const auto places = [](const std::vector<std::uint32_t>& ids, auto base_paragraph) {
        std::vector<Place> out(ids.size());
        for (std::size_t k = 0, before = SIZE_MAX; k < ids.size(); ++k) {
            out[k].before = before;
            if (const std::size_t p = base_paragraph(k); p != SIZE_MAX) before = p;
        }
        for (std::size_t k = ids.size(), after = SIZE_MAX; k-- > 0;) {
            out[k].after = after;
            if (const std::size_t p = base_paragraph(k); p != SIZE_MAX) after = p;
        }
        return out;
    };
    const std::vector<Place> in_mover = places(m, [&](std::size_t y) {
        const auto it = base_index.find(m[y]);
        return it == base_index.end() ? SIZE_MAX : std::size_t{it->second};
    });
    const std::vector<Place> in_editor = places(e, [&](std::size_t x) {
        return be.to_base[x] == kAbsent ? SIZE_MAX : std::size_t{be.to_base[x]};
    });
    // The paragraphs the mover added, each it has once, and where.
    std::unordered_map<std::uint32_t, int> mover_count, editor_count;
    for (const std::uint32_t id : m) ++mover_count[id];
    for (const std::uint32_t id : e) ++editor_count[id];
    std::unordered_map<std::uint32_t, std::size_t> mover_added;
    for (std::size_t y = 0; y < m.size(); ++y)
        if (base_index.count(m[y]) == 0 && mover_count[m[y]] == 1) mover_added[m[y]] = y;
    // Whether the mover's paragraph at y stands where the editor put its
    // own copy: between the two paragraphs the editor has around it, as
    // the mover ordered them, or beside one of them.
    const auto same_place = [&](std::size_t y, const Place& editors) {
        const Place& movers = in_mover[y];
        if (movers.before == editors.before || movers.after == editors.after) return true;
        const std::size_t from = editors.before == SIZE_MAX ? 0 : mover_at[editors.before] + 1;
        const std::size_t to = editors.after == SIZE_MAX ? m.size() : mover_at[editors.after];
        return from <= y && y < to;
    };
    // A paragraph the editor added (beside any it dropped there, which none
    // of them rewrites: find_rewrites would have paired it) goes after the
    // paragraph it kept before it, or first, or last where that one ended
    // the text. One the mover added too, word for word, at the same place
    // (same_place), goes where the mover put it: both added it there, and
    // the mover's order alone can tell just where once the editor's
    // neighbours no longer stand together (added after the base's last
    // paragraph, which the mover moved up, it is both "after that
    // paragraph" and "at the end"); put apart, the two copies would both
    // stand. The editor's own paragraphs added with it go along, in the
    // editor's order: after it, or before the first of them.
    using Spot = std::vector<std::uint32_t>;  // the editor's additions at one spot
    std::vector<Spot> after(n);
    Spot at_start, at_end;
    for (std::size_t x = 0; x < e.size();) {
        if (be.to_base[x] != kAbsent) {
            ++x;
            continue;
        }
        const std::size_t run = x;  // the editor's paragraphs added here: [run, run_end)
        std::size_t run_end = run;
        while (run_end < e.size() && be.to_base[run_end] == kAbsent) ++run_end;
        const Place& place = in_editor[run];
        std::vector<Spot*> shared_at(run_end - run, nullptr);
        for (std::size_t k = run; k < run_end; ++k) {
            const auto shared = mover_added.find(e[k]);
            if (shared == mover_added.end() || editor_count[e[k]] != 1 ||
                !same_place(shared->second, place))
                continue;
            const std::size_t before = in_mover[shared->second].before;
            shared_at[k - run] = before == SIZE_MAX ? &at_start : &after[before];
        }
        Spot* to = place.before == SIZE_MAX ? &at_start
                   : place.before + 1 == n  ? &at_end
                                            : &after[place.before];
        for (Spot* const spot : shared_at) {
            if (spot) {
                to = spot;
                break;
            }
        }
        for (; x < run_end; ++x) {
            if (shared_at[x - run]) to = shared_at[x - run];
            to->push_back(static_cast<std::uint32_t>(x));
        }
    }
    // Nor anything the editor added right before or after it.
    for (const std::size_t y : moved_and_edited) {
        if (!(y == 0 ? at_start : after[order[y - 1]]).empty() ||
            !(y + 1 == n ? at_end : after[order[y]]).empty())
            return false;
    }
    Paragraphs reordered_base = base, reordered_editor = editor;
    reordered_base.lines.clear();
    reordered_editor.lines.clear();
    const auto put = [&](const std::vector<std::uint32_t>& xs) {
        for (const std::uint32_t k : xs) reordered_editor.lines.push_back(editor.lines[k]);
    };
    put(at_start);
    for (const std::uint32_t k : order) {
        reordered_base.lines.push_back(base.lines[k]);
        if (be.to_side[k] != kAbsent) reordered_editor.lines.push_back(editor.lines[be.to_side[k]]);
        put(after[k]);
    }
    put(at_end);
    base = std::move(reordered_base);
    editor = std::move(reordered_editor);
    return true;
}

// Makes one move of the mover's in the base and the editor; false when
// there is none to make. The mover moved base paragraph i when it has it
// once, unchanged but perhaps renumbered (without_number) or rewritten
// (with_rewrites), and the rest of the two texts align as well without it
// as with it (it stands out of order; an edit elsewhere on the mover's side
// may leave the alignment with nothing better to pair than the moved
// paragraph itself). The editor rewrote it in place, deleted it, or moved
// it to the same place; or it kept it word for word where it stood but
// added or edited paragraphs right beside it (then, read where they stand,
// the mover's deletion of the old place and the editor's changes beside it
// would meet as one change, the paragraph kept in the editor's alternative
// as well as where the mover put it).
// The paragraphs one search tries as moved (each an alignment of the text).
constexpr std::size_t kMostTried = 64;
// Paragraphs a text has before "mostly reordered" says it was shuffled.
constexpr std::size_t kFewestForAShuffle = 32;

bool follow_one_move(Paragraphs& base, const Paragraphs& mover, Paragraphs& editor,
                     const Rewrites& mover_rewrites, const Rewrites& editor_rewrites,
                     Likeness& likeness, std::unordered_set<std::string>& followed) {
    ParagraphIds numbered;
    const std::vector<std::uint32_t> b = numbered(base.lines), e = numbered(editor.lines);
    // The mover's rewrites of base paragraphs count as those paragraphs
    // (moved and edited is moved), and the editor's are known.
    const SideIds mover_ids = with_rewrites(base, mover, b, numbered(mover.lines), mover_rewrites);
    const std::vector<std::uint32_t>& m = mover_ids.ids;
    const std::vector<std::uint32_t> editor_ids =
        with_rewrites(base, editor, b, e, editor_rewrites).ids;
    const Alignment bm = align(b, m), be = align(b, e);
    const std::size_t aligned = common_count(bm);
    // Which base paragraph each of the editor's stands for, its rewrites
    // included: where the editor has the paragraph a kept one goes after.
    std::optional<Alignment> be_rewrites;
    // A long text the mover mostly reordered (fewer than half the base's
    // paragraphs still in order: a shuffle) moved no paragraph that can be
    // told apart; trying each would align the whole text once per
    // paragraph (3,000 shuffled paragraphs took 20 s). Its merge then
    // reads the two texts as they are. (In a short text one move and one
    // edit may leave most paragraphs out of order.)
    if (b.size() > kFewestForAShuffle && 2 * aligned < b.size()) return false;
    // (Paragraphs the editor kept are tried apart, as many again: an editor
    // that added a paragraph after each would spend the search on them.)
    std::size_t tried = 0, tried_kept = 0;
    std::unordered_map<std::uint32_t, int> in_base, in_mover;
    for (const std::uint32_t id : b) ++in_base[id];
    for (const std::uint32_t id : m) ++in_mover[id];
    const std::size_t n = b.size();
    for (std::size_t i = 0; i < n; ++i) {
        // The editor did not keep it as it was, or kept it with paragraphs
        // of its own (or its edits of the base's) right beside it; the mover
        // has it once, as the base had it once.
        const bool kept = be.to_side[i] != kAbsent;
        if (kept) {
            const std::uint32_t at = be.to_side[i];
            const bool same_before =
                i == 0 ? at == 0 : be.to_side[i - 1] != kAbsent && be.to_side[i - 1] + 1 == at;
            const bool same_after = i + 1 == n ? at + 1 == e.size() : be.to_side[i + 1] == at + 1;
            if (same_before && same_after) continue;
            // What stands beside it there the editor added or edited: a base
            // paragraph it moved beside it keeps it company where it is.
            const auto moved_there = [&](std::size_t x) {
                return x < e.size() && be.to_base[x] == kAbsent && in_base.count(e[x]) != 0;
            };
            if ((at > 0 && moved_there(at - 1)) || moved_there(at + 1)) continue;
        }
        if (in_base[b[i]] != 1 || in_mover[b[i]] > 1) continue;
        // The editor rewrote just this paragraph: it kept the neighbours on
        // both sides, with one paragraph of its own between them, alike to
        // it. Or it deleted it: the paragraph is nowhere in the editor, and
        // nothing alike to it stands where it stood (a move and a deletion:
        // the deletion holds, as the paragraph was only moved, not changed).
        std::uint32_t first =
            i == 0 ? 0 : (be.to_side[i - 1] == kAbsent ? kAbsent : be.to_side[i - 1] + 1);
        const std::uint32_t end =
            i + 1 == n ? static_cast<std::uint32_t>(e.size()) : be.to_side[i + 1];
        bool rewritten = !kept && first != kAbsent && end != kAbsent && end == first + 1;
        if (rewritten) {
            // Something else written in its place is no rewrite of it.
            const std::optional<double> alike = likeness.of(base.lines[i], editor.lines[first]);
            rewritten = alike && *alike >= kRewrittenInPlaceLikeness;
        }
        // Its rewrite (with_rewrites) among the editor's paragraphs where it
        // stood, beside other changes there: rewritten where it stood too.
        const auto copy = std::find(editor_ids.begin(), editor_ids.end(), b[i]);
        if (!kept && !rewritten && copy != editor_ids.end()) {
            const auto [lo, hi] = editor_span(be, i, e.size());
            const auto at = static_cast<std::size_t>(copy - editor_ids.begin());
            if (at >= lo && at < hi) {
                rewritten = true;
                first = static_cast<std::uint32_t>(at);
            }
        }
        // The editor has it elsewhere, word for word or rewritten: it moved
        // it too. Where the mover put it as well, the two meet there; put
        // elsewhere, the base alone takes the mover's move, and the
        // editor's place is kept: read as they stand, each side's move would
        // keep its own copy, and the text would hold the paragraph twice.
        const bool moved_by_editor = !kept && !rewritten && copy != editor_ids.end();
        // Moved once already, and the editor keeps it elsewhere: both sides
        // moved it, and one move is followed (the two would take turns).
        if ((moved_by_editor || kept) &&
            followed.count(std::string(without_number(base.lines[i]))) != 0)
            continue;
        if (!kept && !rewritten && !moved_by_editor &&
            !deleted_by_editor(base, editor, b, e, be, in_base, i, likeness))
            continue;
        if (!balanced(base.lines[i]) || (rewritten && !balanced(editor.lines[first]))) continue;
        // Where the mover has it: word for word, or rewritten (moved and edited).
        const std::size_t j =
            static_cast<std::size_t>(std::find(m.begin(), m.end(), b[i]) - m.begin());
        if (j == m.size()) continue;
        // Out of order in the mover: the rest aligns as well without it.
        if (kept && ++tried_kept > kMostTried) continue;
        if (!kept && ++tried > kMostTried) return false;
        const Alignment rest = align(without(b, i), without(m, j));
        if (common_count(rest) < aligned) continue;
        // Where the mover put it: after a paragraph the base and the editor
        // both have, or first.
        std::size_t base_before = 0, editor_before = 0;
        if (j > 0) {
            const std::uint32_t q = rest.to_base[j - 1];  // mover j-1 is rest's j-1
            if (q == kAbsent) continue;
            const std::uint32_t p = q >= i ? q + 1 : q;  // back to the base's numbering
            if (rewritten && be.to_side[p] == kAbsent) continue;
            base_before = p + 1;
            if (rewritten) editor_before = be.to_side[p] + 1;
            if (kept) {
                if (!be_rewrites) be_rewrites = align(b, editor_ids);
                if (be_rewrites->to_side[p] == kAbsent) continue;
                editor_before = be_rewrites->to_side[p] + 1;
            }
        }
        if (base_before == i || base_before == i + 1) continue;  // it stands where it stood
        // A paragraph the mover edited too lands between the paragraphs it
        // has around it, kept by the editor, so that its edit stands apart
        // from other changes there (beside a paragraph the mover deleted, the
        // two changes would read as one, the editor's deletion of the
        // paragraph and the mover's of its neighbour as alternatives).
        if (mover_ids.rewrites[j]) {
            if (base_before > 0 && be.to_side[base_before - 1] == kAbsent) continue;
            if (j + 1 < m.size()) {
                const std::uint32_t q = rest.to_base[j];  // mover j+1 is rest's j
                if (q == kAbsent) continue;
                const std::uint32_t p = q >= i ? q + 1 : q;
                if (p != base_before || be.to_side[p] == kAbsent ||
                    ((rewritten || kept) && be.to_side[p] != editor_before))
                    continue;
            } else if (base_before != n || ((rewritten || kept) && editor_before != e.size())) {
                continue;
            }
        }
        followed.emplace(without_number(base.lines[i]));
        move_paragraph(base.lines, i, base_before);
        if (rewritten) move_paragraph(editor.lines, first, editor_before);
        if (kept) move_paragraph(editor.lines, be.to_side[i], editor_before);
        return true;
    }
    return false;
}

// A paragraph both sides moved apart: it stands once in the base and each
// side (as written, or rewritten: find_rewrites), each side's order of the
// paragraphs standing once in all three keeps it out of its longest run in
// the base's order (it moved), and the two put it among different
// paragraphs that both kept in that run (its place counted by those before
// it): the same place, neighbours added or deleted around it, is no
// disagreement; nor is a paragraph that follows the same one on both sides
// (moved along with it). At most kMostMovedApart are named (a text both
// sides shuffled would name every paragraph).
constexpr std::size_t kMostMovedApart = 64;

std::vector<MovedApart> moved_apart(const Paragraphs& base, const Paragraphs& ours,
                                    const Paragraphs& theirs, const Rewrites& ours_rewrites,
                                    const Rewrites& theirs_rewrites) {
    ParagraphIds numbered;
    const std::vector<std::uint32_t> b = numbered(base.lines);
    const std::vector<std::uint32_t> o =
        with_rewrites(base, ours, b, numbered(ours.lines), ours_rewrites).ids;
    const std::vector<std::uint32_t> t =
        with_rewrites(base, theirs, b, numbered(theirs.lines), theirs_rewrites).ids;
    std::unordered_map<std::uint32_t, std::array<int, 3>> count;
    for (const std::uint32_t id : b) ++count[id][0];
    for (const std::uint32_t id : o) ++count[id][1];
    for (const std::uint32_t id : t) ++count[id][2];
    const auto once_in_all = [&](std::uint32_t id) {
        const std::array<int, 3>& c = count[id];
        return c[0] == 1 && c[1] == 1 && c[2] == 1;
    };
    // The paragraphs standing once in all three, in each text's order, with
    // where each stands in that text.
    struct Shared {
        std::vector<std::uint32_t> ids;
        std::vector<std::size_t> at;
    };
    const auto shared = [&](const std::vector<std::uint32_t>& ids) {
        Shared s;
        for (std::size_t k = 0; k < ids.size(); ++k) {
            if (!once_in_all(ids[k])) continue;
            s.ids.push_back(ids[k]);
            s.at.push_back(k);
        }
        return s;
    };
    const Shared sb = shared(b), so = shared(o), st = shared(t);
    if (sb.ids.size() < 2) return {};
    // Each side's order against the base's over every paragraph the two
    // share (one the other side deleted or rewrote still tells this side's
    // order), read for the paragraphs all three share.
    const Alignment full_o = align(b, o), full_t = align(b, t);
    const auto kept_by = [&](const Alignment& a, std::size_t k) {
        return a.to_side[sb.at[k]] != kAbsent;
    };
    // Kept in the base's order by both: the paragraphs places are counted by.
    std::unordered_set<std::uint32_t> kept;
    for (std::size_t k = 0; k < sb.ids.size(); ++k)
        if (kept_by(full_o, k) && kept_by(full_t, k)) kept.insert(sb.ids[k]);
    // Where each paragraph stands in a side, as the kept paragraphs before it.
    const auto places = [&](const Shared& side) {
        std::unordered_map<std::uint32_t, std::pair<std::size_t, std::size_t>>
            out;  // id -> (place, at)
        std::size_t before = 0;
        for (std::size_t k = 0; k < side.ids.size(); ++k) {
            out[side.ids[k]] = {before, side.at[k]};
            if (kept.count(side.ids[k]) != 0) ++before;
        }
        return out;
    };
    const auto in_ours = places(so), in_theirs = places(st);
    std::vector<MovedApart> out;
    for (std::size_t k = 0; k < sb.ids.size() && out.size() < kMostMovedApart; ++k) {
        if (kept_by(full_o, k) || kept_by(full_t, k)) continue;  // one kept it in order
        const auto& [ours_place, ours_at] = in_ours.at(sb.ids[k]);
        const auto& [theirs_place, theirs_at] = in_theirs.at(sb.ids[k]);
        if (ours_place == theirs_place) continue;
        // After the same paragraph on both sides: moved with it (a block
        // moved apart is named by its first paragraph).
        if (ours_at > 0 && theirs_at > 0 && o[ours_at - 1] == t[theirs_at - 1]) continue;
        const auto after = [](const Paragraphs& side, std::size_t at) {
            return at == 0 ? std::string() : std::string(without_number(side.lines[at - 1]));
        };
        const std::string& as_base = base.lines[sb.at[k]];
        out.push_back({ours.lines[ours_at], theirs.lines[theirs_at], after(ours, ours_at),
                       after(theirs, theirs_at), as_base, std::string(without_number(as_base))});
    }
    return out;
}

// A paragraph both sides added, word for word (numbers aside), at
// different places: among different paragraphs of the base that both kept
// in its order (its place counted by those before it). Read where they
// stand, each side's copy would be an addition of its own, and the merged
// text would hold the paragraph twice. It stands once, at the first of the
// two places, whichever side is ours: the later copy is taken out of its
// side (the other carries the same words), and the places are a
// disagreement, as for a paragraph both moved apart. A paragraph a side
// wrote twice, or either side's rewrite of a base paragraph
// (find_rewrites: an edit, not an addition), is left as it stands; so is
// one added at the same place, which the merge keeps once. One both put
// beside the same paragraph of the base, which one side moved, is at one
// place too: it goes with that paragraph, the other side's copy taken out.
std::vector<MovedApart> take_out_added_apart(const Paragraphs& base, Paragraphs& ours,
                                             Paragraphs& theirs, const Rewrites& ours_rewrites,
                                             const Rewrites& theirs_rewrites) {
    ParagraphIds numbered;
    const std::vector<std::uint32_t> b = numbered(base.lines), o = numbered(ours.lines),
                                     t = numbered(theirs.lines);
    std::unordered_map<std::uint32_t, std::array<int, 3>> count;
    for (const std::uint32_t id : b) ++count[id][0];
    for (const std::uint32_t id : o) ++count[id][1];
    for (const std::uint32_t id : t) ++count[id][2];
    // A side's rewrite of a base paragraph stands for that paragraph
    // (with_rewrites): a paragraph added beside one edited is beside it.
    const std::vector<std::uint32_t> o_kept = with_rewrites(base, ours, b, o, ours_rewrites).ids,
                                     t_kept =
                                         with_rewrites(base, theirs, b, t, theirs_rewrites).ids;
    const Alignment bo = align(b, o_kept), bt = align(b, t_kept);
    // Where each paragraph stands in a side: how many base paragraphs both
    // sides kept (perhaps edited) in the base's order stand before it.
    const auto places = [&](const Alignment& side) {
        std::vector<std::size_t> out(side.to_base.size() + 1, 0);
        for (std::size_t k = 0; k < side.to_base.size(); ++k) {
            const std::uint32_t i = side.to_base[k];
            const bool kept_by_both =
                i != kAbsent && bo.to_side[i] != kAbsent && bt.to_side[i] != kAbsent;
            out[k + 1] = out[k] + (kept_by_both ? 1 : 0);
        }
        return out;
    };
    const std::vector<std::size_t> ours_place = places(bo), theirs_place = places(bt);
    const auto rewrite = [](const Rewrites& rewrites, std::string_view paragraph) {
        return rewrites.count(std::string(without_number(paragraph))) != 0;
    };
    const auto after = [](const Paragraphs& side, std::size_t at) {
        return at == 0 ? std::string() : std::string(without_number(side.lines[at - 1]));
    };
    // Where a paragraph of the base stands in it (nullopt: it is none, or
    // the base has it twice).
    std::unordered_map<std::uint32_t, std::size_t> in_base_at;
    for (std::size_t i = 0; i < b.size(); ++i) in_base_at.emplace(b[i], i);
    const auto base_at = [&](std::uint32_t id) -> std::optional<std::size_t> {
        const auto found = in_base_at.find(id);
        if (found == in_base_at.end() || count[id][0] != 1) return std::nullopt;
        return found->second;
    };
    std::vector<MovedApart> out;
    std::vector<bool> out_of_ours(o.size(), false), out_of_theirs(t.size(), false);
    for (std::size_t y = 0; y < t.size(); ++y) {
        const std::array<int, 3>& c = count[t[y]];
        if (c[0] != 0 || c[1] != 1 || c[2] != 1) continue;
        const std::size_t x =
            static_cast<std::size_t>(std::find(o.begin(), o.end(), t[y]) - o.begin());
        if (ours_place[x] == theirs_place[y]) continue;
        if (!balanced(theirs.lines[y]) || rewrite(ours_rewrites, ours.lines[x]) ||
            rewrite(theirs_rewrites, theirs.lines[y]))
            continue;
        // Beside the same base paragraph on both sides, which one side moved:
        // added to it, and it goes with it where that side put it (the
        // other side's copy is taken out). No disagreement: both put it there.
        const auto beside = [&]() -> std::optional<std::size_t> {
            if (x > 0 && y > 0 && o_kept[x - 1] == t_kept[y - 1]) return base_at(o_kept[x - 1]);
            if (x + 1 < o.size() && y + 1 < t.size() && o_kept[x + 1] == t_kept[y + 1])
                return base_at(o_kept[x + 1]);
            return std::nullopt;
        }();
        if (beside) {
            const bool ours_moved = bo.to_side[*beside] == kAbsent,
                       theirs_moved = bt.to_side[*beside] == kAbsent;
            if (ours_moved != theirs_moved) (ours_moved ? out_of_theirs[y] : out_of_ours[x]) = true;
            continue;
        }
        (ours_place[x] < theirs_place[y] ? out_of_theirs[y] : out_of_ours[x]) = true;
        // After the same paragraph on both sides: added with it (a block
        // added apart is named by its first paragraph).
        if (x > 0 && y > 0 && o_kept[x - 1] == t_kept[y - 1]) continue;
        const std::string shown(without_number(ours.lines[x]));
        out.push_back({ours.lines[x], theirs.lines[y], after(ours, x), after(theirs, y),
                       ours.lines[x], shown});
    }
    const auto take_out = [](Paragraphs& side, const std::vector<bool>& taken) {
        for (std::size_t y = taken.size(); y-- > 0;) {
            if (!taken[y] || side.lines.size() < 2) continue;
            // The blank lines after it go with it; after the last paragraph,
            // what ended the text ends the one before it.
            if (y + 1 == side.lines.size()) side.gaps[y - 1] = side.gaps[y];
            side.lines.erase(side.lines.begin() + static_cast<std::ptrdiff_t>(y));
            side.gaps.erase(side.gaps.begin() + static_cast<std::ptrdiff_t>(y));
        }
    };
    take_out(ours, out_of_ours);
    take_out(theirs, out_of_theirs);
    return out;
}

}  // namespace

std::optional<MergeTexts> follow_moves(std::string_view base, std::string_view ours,
                                       std::string_view theirs) {
    std::optional<Paragraphs> b = paragraphs_of(base), o = paragraphs_of(ours),
                              t = paragraphs_of(theirs);
    if (!b || !o || !t) return std::nullopt;
    Likeness likeness;
    const Rewrites ours_rewrites = find_rewrites(*b, *o, likeness),
                   theirs_rewrites = find_rewrites(*b, *t, likeness);
    std::unordered_set<std::string> followed;  // the paragraphs moved, without their numbers
    const std::size_t sides_had = o->lines.size() + t->lines.size();
    std::vector<MovedApart> apart =
        take_out_added_apart(*b, *o, *t, ours_rewrites, theirs_rewrites);
    const bool added_apart = o->lines.size() + t->lines.size() != sides_had;
    for (MovedApart& m : moved_apart(*b, *o, *t, ours_rewrites, theirs_rewrites))
        apart.push_back(std::move(m));
    bool moved = follow_reorder(*b, *o, *t, ours_rewrites, theirs_rewrites) ||
                 follow_reorder(*b, *t, *o, theirs_rewrites, ours_rewrites);
    moved = moved || added_apart;
    // Each move makes the base agree with the mover about that paragraph,
    // so the moves run out; the bound keeps a pathological text cheap.
    for (int k = 0; k < 64; ++k) {
        if (follow_one_move(*b, *o, *t, ours_rewrites, theirs_rewrites, likeness, followed) ||
            follow_one_move(*b, *t, *o, theirs_rewrites, ours_rewrites, likeness, followed)) {
            moved = true;
        } else {
            break;
        }
    }
    if (!moved && apart.empty()) return std::nullopt;
    return MergeTexts{b->text(), o->text(), t->text(), std::move(apart)};
}

namespace {

// Whether a merged paragraph is one a copy of which may be taken out: a
// sentence, not a heading ("## Finance" opens each of two sections both
// sides wrote) nor a label or chapeau ending in ':' ("**Option 1:**"
// above each of two options), with its marks closed in it.
bool sentence_paragraph(std::string_view paragraph) {
    std::string_view wording = trim(without_number(paragraph));
    while (!wording.empty() && (wording.back() == '*' || wording.back() == '_'))
        wording.remove_suffix(1);
    if (wording.empty() || wording.front() == '#' || wording.back() == ':') return false;
    if (!balanced(wording)) return false;
    std::size_t words = 0;
    for (const std::string_view w : words_of(wording))
        if (is_word_byte(w.front())) ++words;
    return words >= 3;
}

// How many brackets a text leaves open (escaped ones aside), and whether it
// leaves a strike open.
struct OpenMarks {
    std::ptrdiff_t brackets = 0;
    bool strike = false;
    void read(std::string_view text) {
        for (std::size_t at = 0; at < text.size(); ++at) {
            if (text[at] == '\\') {
                ++at;
            } else if (text[at] == '[') {
                ++brackets;
            } else if (text[at] == ']') {
                --brackets;
            } else if (text.substr(at, 2) == "~~") {
                strike = !strike;
                ++at;
            }
        }
    }
    bool none() const { return brackets == 0 && !strike; }
};

}  // namespace

std::optional<StandingOnce> stand_once(std::string_view merged, std::string_view base,
                                       std::string_view ours, std::string_view theirs) {
    std::string text(merged);
    if (text.empty() || text.back() != '\n') return std::nullopt;
    std::optional<Paragraphs> m = paragraphs_of(text), b = paragraphs_of(base),
                              o = paragraphs_of(ours), t = paragraphs_of(theirs);
    if (!m || !b || !o || !t) return std::nullopt;
    ParagraphIds numbered;
    const std::vector<std::uint32_t> mi = numbered(m->lines), oi = numbered(o->lines),
                                     ti = numbered(t->lines);
    // Per paragraph: how many times the merged text, ours, theirs and the
    // base have it.
    std::unordered_map<std::uint32_t, std::array<int, 4>> count;
    for (const std::uint32_t id : mi) ++count[id][0];
    for (const std::uint32_t id : oi) ++count[id][1];
    for (const std::uint32_t id : ti) ++count[id][2];
    for (const std::uint32_t id : numbered(b->lines)) ++count[id][3];
    // A heading, a label or a word or two the base and both sides have
    // once is one paragraph too: a second copy of it is the merge's.
    const auto one_everywhere = [&](std::uint32_t id) {
        const std::array<int, 4>& c = count[id];
        return c[1] == 1 && c[2] == 1 && c[3] == 1;
    };
    const auto too_many = [&](std::uint32_t id) {
        const std::array<int, 4>& c = count[id];
        return c[0] >= 2 && c[1] <= 1 && c[2] <= 1 && c[1] + c[2] >= 1;
    };
    // Per paragraph: whether it stands alone, outside every bracket and
    // strike. A copy inside a bracket is part of what one side wrote there
    // (each of two alternatives holds the paragraphs its side has around
    // its change): it stays, as do the marks around it.
    std::vector<bool> alone(mi.size(), false);
    OpenMarks open;
    open.read(m->lead);
    for (std::size_t k = 0; k < mi.size(); ++k) {
        const bool before = open.none();
        open.read(m->lines[k]);
        open.read(m->gaps[k]);
        alone[k] = before && open.none() && balanced(m->lines[k]) &&
                   (sentence_paragraph(m->lines[k]) || one_everywhere(mi[k]));
    }
    // The copy that stays: the first standing alone; the later ones go.
    std::unordered_set<std::uint32_t> seen;
    std::vector<bool> out(mi.size(), false);
    for (std::size_t k = 0; k < mi.size(); ++k) {
        if (!too_many(mi[k]) || !alone[k]) continue;
        out[k] = !seen.insert(mi[k]).second;
    }
    if (std::find(out.begin(), out.end(), true) == out.end()) return std::nullopt;
    StandingOnce once;
    // The lines each copy taken out held, as lines of the merged text.
    std::size_t line =
        1 + static_cast<std::size_t>(std::count(m->head.begin(), m->head.end(), '\n') +
                                     std::count(m->lead.begin(), m->lead.end(), '\n'));
    std::unordered_set<std::uint32_t> named;
    for (std::size_t k = 0; k < mi.size(); ++k) {
        const std::size_t lines =
            static_cast<std::size_t>(std::count(m->lines[k].begin(), m->lines[k].end(), '\n') +
                                     std::count(m->gaps[k].begin(), m->gaps[k].end(), '\n'));
        if (out[k]) once.taken_out.push_back({line, lines});
        line += lines;
        // Where each side put it, when both have it: the paragraphs before
        // and after it there. The same paragraph before it or after it on
        // both sides is one place.
        if (!out[k] || count[mi[k]][1] != 1 || count[mi[k]][2] != 1 || !named.insert(mi[k]).second)
            continue;
        const std::size_t x = static_cast<std::size_t>(std::find(oi.begin(), oi.end(), mi[k]) -
                                                       oi.begin()),
                          y = static_cast<std::size_t>(std::find(ti.begin(), ti.end(), mi[k]) -
                                                       ti.begin());
        const auto before = [](const std::vector<std::uint32_t>& ids, std::size_t at) {
            return at == 0 ? kAbsent : ids[at - 1];
        };
        const auto after = [](const std::vector<std::uint32_t>& ids, std::size_t at) {
            return at + 1 == ids.size() ? kAbsent : ids[at + 1];
        };
        if (before(oi, x) == before(ti, y) || after(oi, x) == after(ti, y)) continue;
        const auto put_after = [](const Paragraphs& side, std::size_t at) {
            return at == 0 ? std::string() : std::string(without_number(side.lines[at - 1]));
        };
        once.moved_apart.push_back({o->lines[x], t->lines[y], put_after(*o, x), put_after(*t, y),
                                    o->lines[x], std::string(without_number(o->lines[x]))});
    }
    // Taken out last to first; after the last paragraph, what ended the text
    // ends the one before it (a copy that stays stands before it).
    for (std::size_t k = out.size(); k-- > 0;) {
        if (!out[k]) continue;
        if (k + 1 == m->lines.size()) m->gaps[k - 1] = m->gaps[k];
        m->lines.erase(m->lines.begin() + static_cast<std::ptrdiff_t>(k));
        m->gaps.erase(m->gaps.begin() + static_cast<std::ptrdiff_t>(k));
    }
    once.text = m->text();
    return once;
}

std::size_t line_of_moved(std::string_view merged, const MovedApart& moved) {
    std::string text(merged);
    if (!text.empty() && text.back() != '\n') text += '\n';
    const std::optional<Paragraphs> m = paragraphs_of(text);
    if (!m || m->lines.empty()) return 1;
    // Each paragraph's first line, and how alike it is to the moved one as
    // either side or the base has it: the same wording (without numbers)
    // first, else the most alike, the first of equals.
    std::vector<std::size_t> first_line;
    std::size_t line =
        1 + static_cast<std::size_t>(std::count(m->head.begin(), m->head.end(), '\n') +
                                     std::count(m->lead.begin(), m->lead.end(), '\n'));
    for (std::size_t k = 0; k < m->lines.size(); ++k) {
        first_line.push_back(line);
        line += static_cast<std::size_t>(std::count(m->lines[k].begin(), m->lines[k].end(), '\n') +
                                         std::count(m->gaps[k].begin(), m->gaps[k].end(), '\n'));
    }
    const std::array<std::string_view, 3> wordings{without_number(moved.as_theirs),
                                                   without_number(moved.as_ours),
                                                   without_number(moved.as_base)};
    // (The first paragraph of any of the wordings: which side is ours
    // does not change the line.)
    for (std::size_t k = 0; k < m->lines.size(); ++k)
        for (const std::string_view wording : wordings)
            if (without_number(m->lines[k]) == wording) return first_line[k];
    Likeness likeness;
    std::size_t best = 0;
    double best_alike = -1;
    for (std::size_t k = 0; k < m->lines.size(); ++k) {
        for (const std::string_view wording : wordings) {
            const std::optional<double> alike = likeness.of(m->lines[k], wording);
            if (!alike) return first_line[best];  // past the budget: the best so far
            if (*alike > best_alike) {
                best_alike = *alike;
                best = k;
            }
        }
    }
    return first_line[best];
}

}  // namespace accord
