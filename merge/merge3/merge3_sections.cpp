#include "merge/merge3/merge3_sections.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "core/notation/parse.hpp"
#include "core/util/string_table.hpp"
#include "merge/diff/sequence_diff.hpp"

namespace accord {

namespace {

// A text cut into units: runs of non-blank lines with the blank lines after
// them (the front matter belongs to the first). `starts` has one more entry
// than there are units: the text's size.
struct Units {
    std::vector<std::size_t> starts;
    std::vector<bool> cuttable;  // per entry of `starts`: may a section begin here?
    std::size_t count() const { return starts.size() - 1; }
    std::string_view unit(std::string_view text, std::size_t u) const {
        return text.substr(starts[u], starts[u + 1] - starts[u]);
    }
};

// Unit starts in (from, to] cannot begin a section.
void block(Units& units, std::size_t from, std::size_t to) {
    auto u = std::upper_bound(units.starts.begin(), units.starts.end(), from);
    for (; u != units.starts.end() && *u <= to; ++u)
        units.cuttable[static_cast<std::size_t>(u - units.starts.begin())] = false;
}

// The text's units; a unit may begin a section unless a bracket or an
// alternatives group the parser found spans its start, or it opens with a
// line "---" (which would read as front matter on its own).
Units cut_units(const Document& doc) {
    const std::string_view text = doc.source;
    Units units;
    units.starts.push_back(0);
    units.cuttable.push_back(true);
    // The parser's paragraphs are the runs of non-blank lines (a heading
    // split from the line after it is not a unit of its own): a unit starts
    // at a paragraph with a blank line before it, that is with two line ends
    // since the last paragraph's end (one, before the first paragraph).
    std::size_t gap = doc.body.begin;
    std::ptrdiff_t line_ends = 1;
    for (const Paragraph& paragraph : doc.paragraphs) {
        const std::size_t begin = paragraph.range.begin;
        if (std::count(text.begin() + static_cast<std::ptrdiff_t>(gap),
                       text.begin() + static_cast<std::ptrdiff_t>(begin), '\n') >= line_ends) {
            std::string_view first = text.substr(begin, paragraph.range.end - begin);
            first = first.substr(0, first.find('\n'));
            while (!first.empty() &&
                   (first.back() == '\r' || first.back() == ' ' || first.back() == '\t'))
                first.remove_suffix(1);
            units.starts.push_back(begin);
            units.cuttable.push_back(first != "---");
        }
        gap = paragraph.range.end;
        line_ends = 2;
    }
    units.starts.push_back(text.size());
    units.cuttable.push_back(true);
    for (const Bracket& bracket : doc.brackets) {
        if (bracket.spans_paragraphs()) block(units, bracket.open, bracket.close);
    }
    for (const AlternativesGroup& group : doc.groups) {
        const Bracket &first = doc.brackets[group.brackets.front()],
                      &last = doc.brackets[group.brackets.back()];
        if (first.open_paragraph != last.close_paragraph) block(units, first.open, last.close);
    }
    return units;
}

// Units are long (a paragraph): hashed eight bytes at a time.
struct UnitHash {
    std::size_t operator()(std::string_view unit) const {
        return static_cast<std::size_t>(hash_bytes(unit));
    }
};

// For each unit of `a`, the unit of `b` it stays as, or UINT32_MAX.
std::vector<std::uint32_t> unit_alignment(const std::vector<std::uint32_t>& a,
                                          const std::vector<std::uint32_t>& b) {
    std::vector<std::uint32_t> to_b(a.size(), UINT32_MAX);
    for (const Edit& e : diff_sequences_anchored(a, b)) {
        if (e.kind == EditKind::common) to_b[e.old_index] = e.new_index;
    }
    return to_b;
}

// The places in a side, between its hunks, that correspond to the place
// before base unit i: after the side's copy of unit i-1 and before its copy
// of unit i (the same place unless the side added units there).
struct Places {
    std::size_t after_previous, before_next;
};

std::optional<Places> places_between_hunks(const std::vector<std::uint32_t>& base_to_side,
                                           std::size_t i, std::size_t side_units) {
    const std::size_t n = base_to_side.size();
    std::optional<std::size_t> after, before;
    if (i == 0) after = 0;
    if (i > 0 && base_to_side[i - 1] != UINT32_MAX) after = base_to_side[i - 1] + 1;
    if (i == n) before = side_units;
    if (i < n && base_to_side[i] != UINT32_MAX) before = base_to_side[i];
    if (!after && !before) return std::nullopt;  // inside a hunk
    return Places{after.value_or(*before), before.value_or(*after)};
}

// The side replaced base unit i (it is inside a hunk there) with more
// units than the hunk takes from the base: it added paragraphs somewhere
// in it, maybe right at the place before unit i.
bool hunk_adds_units_at(const std::vector<std::uint32_t>& base_to_side, std::size_t i,
                        std::size_t side_units) {
    const std::size_t n = base_to_side.size();
    if (i == n || base_to_side[i] != UINT32_MAX) return false;
    const std::size_t side_from = i == 0 ? 0 : base_to_side[i - 1] + 1;
    std::size_t end = i;
    while (end < n && base_to_side[end] == UINT32_MAX) ++end;
    const std::size_t side_to = end < n ? base_to_side[end] : side_units;
    return side_to - side_from > end - i;
}

// Where the side's hunk that ends at the place before base unit i (it
// replaced unit i-1, and maybe more, and kept unit i, or i is the end of
// the text) holds a paragraph the other side added at that place, word for
// word: the first of `added` (the other side's units there) it holds, as
// (index in `added`, index in the side). Both put it there, the one beside
// the base's paragraph, the other with its edit ("Cc" made "Cc edited",
// "Dd" and "Ee" added after it, against "Dd" added after "Cc").
std::optional<std::pair<std::size_t, std::size_t>> hunk_closing_holding(
    const std::vector<std::uint32_t>& base_to_side, const std::vector<std::uint32_t>& side,
    std::size_t i, const std::vector<std::uint32_t>& added) {
    const std::size_t n = base_to_side.size();
    if (i == 0 || base_to_side[i - 1] != UINT32_MAX) return std::nullopt;
    const std::size_t side_to = i == n ? side.size() : base_to_side[i];
    if (side_to == UINT32_MAX) return std::nullopt;
    std::size_t start = i - 1;
    while (start > 0 && base_to_side[start - 1] == UINT32_MAX) --start;
    const std::size_t side_from = start == 0 ? 0 : base_to_side[start - 1] + 1;
    for (std::size_t a = 0; a < added.size(); ++a) {
        for (std::size_t u = side_from; u < side_to; ++u)
            if (side[u] == added[a]) return std::pair{a, u};
    }
    return std::nullopt;
}

// Where the side's hunk at base unit i (as hunk_adds_units_at) starts,
// when its first unit is `first` (the blank lines after it aside): the
// paragraph the other side added at the place before unit i, which this
// side made of the base's next ("Cc" replaced by "Hh" against "Hh" added
// before "Cc").
std::optional<std::size_t> hunk_opening_with(const std::vector<std::uint32_t>& base_to_side,
                                             const std::vector<std::uint32_t>& side, std::size_t i,
                                             std::uint32_t first) {
    const std::size_t n = base_to_side.size();
    if (i == n || base_to_side[i] != UINT32_MAX) return std::nullopt;
    const std::size_t side_from = i == 0 ? 0 : base_to_side[i - 1] + 1;
    if (side_from < side.size() && side[side_from] == first) return side_from;
    return std::nullopt;
}

// Where the side's hunk that ends at the place before base unit i (it
// replaced unit i-1, and maybe more, and kept unit i, or i is the end of
// the text) closes with a unit of its own: that unit's index; nullopt when
// the side kept unit i-1, or when the unit before its copy of unit i (its
// last unit, at the end) is one it kept from the base.
std::optional<std::size_t> hunk_closing(const std::vector<std::uint32_t>& base_to_side,
                                        std::size_t i, std::size_t side_units) {
    const std::size_t n = base_to_side.size();
    if (i == 0 || base_to_side[i - 1] != UINT32_MAX) return std::nullopt;
    const std::size_t next = i == n ? side_units : base_to_side[i];
    if (next == UINT32_MAX || next == 0) return std::nullopt;
    const std::size_t at = next - 1;
    for (std::size_t p = i - 1; p-- > 0;) {
        if (base_to_side[p] == UINT32_MAX) continue;
        if (base_to_side[p] >= at) return std::nullopt;  // kept from the base
        break;
    }
    return at;
}

}  // namespace

std::optional<MergeSections> split_sections(std::string_view base, std::string_view ours,
                                            std::string_view theirs, const ParseOptions& options) {
    // Each text is parsed for its brackets alone and dropped once cut into
    // units, so the next parse reuses its memory.
    ParseOptions structure = options;
    structure.diagnostics = false;
    std::vector<std::string> labels[3];
    auto units_of = [&](std::string_view text, int k) {
        Document doc = parse(text, structure);
        labels[k] = std::move(doc.link_labels);
        return cut_units(doc);
    };
    const Units bu = units_of(base, 0), ou = units_of(ours, 1), tu = units_of(theirs, 2);
    if (labels[1] != labels[0] || labels[2] != labels[0]) return std::nullopt;
    MergeSections result;
    result.link_labels.insert(labels[0].begin(), labels[0].end());

    // Units as numbers: equal bytes, equal number.
    std::unordered_map<std::string_view, std::uint32_t, UnitHash> numbers;
    numbers.reserve(bu.count() + ou.count() + tu.count());
    auto number = [&](std::string_view text, const Units& units) {
        std::vector<std::uint32_t> ids(units.count());
        for (std::size_t u = 0; u < units.count(); ++u) {
            ids[u] =
                numbers.try_emplace(units.unit(text, u), static_cast<std::uint32_t>(numbers.size()))
                    .first->second;
        }
        return ids;
    };
    const std::vector<std::uint32_t> b = number(base, bu), o = number(ours, ou),
                                     t = number(theirs, tu);
    const std::vector<std::uint32_t> bo = unit_alignment(b, o), bt = unit_alignment(b, t);
    // The units again as numbers, the blank lines after them left out: one
    // paragraph last in one text and followed by another in the other.
    std::unordered_map<std::string_view, std::uint32_t, UnitHash> words;
    auto number_words = [&](std::string_view text, const Units& units) {
        std::vector<std::uint32_t> ids(units.count());
        for (std::size_t u = 0; u < units.count(); ++u) {
            std::string_view unit = units.unit(text, u);
            while (!unit.empty() && (unit.back() == '\n' || unit.back() == '\r' ||
                                     unit.back() == ' ' || unit.back() == '\t'))
                unit.remove_suffix(1);
            ids[u] =
                words.try_emplace(unit, static_cast<std::uint32_t>(words.size())).first->second;
        }
        return ids;
    };
    const std::vector<std::uint32_t> ow = number_words(ours, ou), tw = number_words(theirs, tu);

    // A section may end before base unit i where each side's edit script
    // passes between hunks: the side kept unit i-1 or unit i. Units a side
    // added there lie between the place after i-1 and the place before i:
    // the section ending at the first place and the one at the second hold
    // just those additions.
    std::size_t from_b = 0, from_o = 0, from_t = 0;
    auto cut = [&](std::size_t i, std::size_t j, std::size_t k) {
        if (!bu.cuttable[i] || !ou.cuttable[j] || !tu.cuttable[k]) return;
        if (j < from_o || k < from_t) return;
        if (i == from_b && j == from_o && k == from_t) return;
        MergeSection s;
        s.base = base.substr(bu.starts[from_b], bu.starts[i] - bu.starts[from_b]);
        s.ours = ours.substr(ou.starts[from_o], ou.starts[j] - ou.starts[from_o]);
        s.theirs = theirs.substr(tu.starts[from_t], tu.starts[k] - tu.starts[from_t]);
        s.contested = s.ours != s.base && s.theirs != s.base && s.ours != s.theirs;
        result.sections.push_back(s);
        from_b = i, from_o = j, from_t = k;
    };
    for (std::size_t i = 0; i <= b.size(); ++i) {
        const std::optional<Places> in_ours = places_between_hunks(bo, i, o.size());
        const std::optional<Places> in_theirs = places_between_hunks(bt, i, t.size());
        if (!in_ours || !in_theirs) continue;
        const bool ours_adds = in_ours->after_previous < in_ours->before_next,
                   theirs_adds = in_theirs->after_previous < in_theirs->before_next;
        // A paragraph one side added here that the other's hunk ending here
        // holds stands once, in a section of its own: both put it there (the
        // one after the base's paragraph, the other after its edit of it, or
        // in place of it). What each put after it merges as paragraphs both
        // added at one place. The mirror of hunk_opening_with below.
        const auto added = [](const std::vector<std::uint32_t>& side, const Places& places) {
            return std::vector<std::uint32_t>(
                side.begin() + static_cast<std::ptrdiff_t>(places.after_previous),
                side.begin() + static_cast<std::ptrdiff_t>(places.before_next));
        };
        if (ours_adds) {
            if (const auto held = hunk_closing_holding(bt, tw, i, added(ow, *in_ours))) {
                const std::size_t j = in_ours->after_previous + held->first, k = held->second;
                cut(i, j, k);
                cut(i, j + 1, k + 1);
                continue;
            }
        }
        if (theirs_adds) {
            if (const auto held = hunk_closing_holding(bo, ow, i, added(tw, *in_theirs))) {
                const std::size_t j = held->second, k = in_theirs->after_previous + held->first;
                cut(i, j, k);
                cut(i, j + 1, k + 1);
                continue;
            }
        }
        // So too where the other side's hunk starting here opens with it.
        if (const auto k = hunk_closing(bt, i, t.size())) {
            if (const auto j = hunk_opening_with(bo, ow, i, tw[*k])) {
                cut(i, *j, *k);
                cut(i, *j + 1, *k + 1);
                continue;
            }
        }
        if (const auto j = hunk_closing(bo, i, o.size())) {
            if (const auto k = hunk_opening_with(bt, tw, i, ow[*j])) {
                cut(i, *j, *k);
                cut(i, *j + 1, *k + 1);
                continue;
            }
        }
        cut(i, in_ours->after_previous, in_theirs->after_previous);
        // A paragraph one side added here that opens the other's hunk here
        // too stands once, in a section of its own: both put it there (the
        // one beside the base's next paragraph, the other in its place).
        // Cut after it on both sides, the rest merges as it would without it.
        if (ours_adds) {
            if (const auto k = hunk_opening_with(bt, tw, i, ow[in_ours->after_previous])) {
                cut(i, in_ours->after_previous + 1, *k + 1);
                continue;
            }
        }
        if (theirs_adds) {
            if (const auto j = hunk_opening_with(bo, ow, i, tw[in_theirs->after_previous])) {
                cut(i, *j + 1, in_theirs->after_previous + 1);
                continue;
            }
        }
        // Paragraphs one side added here and a hunk of the other's that
        // starts here and adds paragraphs too stay in one section: both may
        // have added at this one place, which the token merge reports.
        if ((ours_adds && hunk_adds_units_at(bt, i, t.size())) ||
            (theirs_adds && hunk_adds_units_at(bo, i, o.size())))
            continue;
        cut(i, in_ours->before_next, in_theirs->before_next);
    }
    // The last section ends where the texts do (after a paragraph both
    // added at the end, in a section of its own, the rest each added).
    cut(b.size(), o.size(), t.size());
    return result;
}

}  // namespace accord
