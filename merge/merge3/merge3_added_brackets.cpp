#include "merge/merge3/merge3_added_brackets.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/notation/front_matter.hpp"

namespace accord {

namespace {

constexpr std::size_t kRepeated = static_cast<std::size_t>(-1);
// Brackets both sides added to one paragraph, at most: joining them
// compares each two (a delegation brackets a few phrases at a time).
constexpr std::size_t kMostAdded = 64;

// A paragraph of a text: a run of lines that are not blank, as bytes of the
// text (its last line ending left out).
struct Span {
    std::size_t begin = 0, end = 0;
};

std::vector<Span> paragraphs_of(std::string_view text) {
    std::vector<Span> out;
    bool in_paragraph = false;
    for (std::size_t at = front_matter_end(text); at < text.size();) {
        const std::size_t line_end = std::min(text.find('\n', at), text.size());
        const std::string_view line = text.substr(at, line_end - at);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            in_paragraph = false;
        } else {
            const std::size_t end = line.ends_with('\r') ? line_end - 1 : line_end;
            if (!in_paragraph) out.push_back({at, end});
            out.back().end = end;
            in_paragraph = true;
        }
        at = line_end + 1;
    }
    return out;
}

std::string without_brackets(std::string_view paragraph) {
    std::string key;
    for (const char c : paragraph)
        if (c != '[' && c != ']') key += c;
    return key;
}

// Each paragraph's index by its wording without brackets; kRepeated for a
// wording that stands more than once.
std::unordered_map<std::string, std::size_t> by_wording(std::string_view text,
                                                        const std::vector<Span>& spans) {
    std::unordered_map<std::string, std::size_t> out;
    for (std::size_t k = 0; k < spans.size(); ++k) {
        const auto [at, added] = out.try_emplace(
            without_brackets(text.substr(spans[k].begin, spans[k].end - spans[k].begin)), k);
        if (!added) at->second = kRepeated;
    }
    return out;
}

// A bracket added to the base's wording: its '[' stands before the base's
// byte `open`, its ']' before the base's byte `close`.
struct Added {
    std::size_t open = 0, close = 0;
    friend bool operator==(const Added&, const Added&) = default;
    friend auto operator<=>(const Added&, const Added&) = default;
};

// The brackets `side` added to `base`: nullopt unless `side` is `base` with
// '[' and ']' added and nothing else, each added '[' closing on an added
// ']' and each of the base's on one of the base's (a backslash, which
// makes a bracket literal, is not read: nullopt).
std::optional<std::vector<Added>> added_brackets(std::string_view base, std::string_view side) {
    if (base.find('\\') != std::string_view::npos || side.find('\\') != std::string_view::npos)
        return std::nullopt;
    std::vector<std::size_t> base_at(side.size());
    std::vector<bool> added(side.size(), false);
    std::size_t i = 0;
    for (std::size_t j = 0; j < side.size(); ++j) {
        base_at[j] = i;
        if (i < base.size() && side[j] == base[i]) {
            ++i;
        } else if (side[j] == '[' || side[j] == ']') {
            added[j] = true;
        } else {
            return std::nullopt;
        }
    }
    if (i != base.size()) return std::nullopt;
    std::vector<Added> out;
    std::vector<std::size_t> open;
    for (std::size_t j = 0; j < side.size(); ++j) {
        if (side[j] == '[') {
            open.push_back(j);
        } else if (side[j] == ']') {
            if (open.empty() || added[open.back()] != added[j]) return std::nullopt;
            if (added[j]) out.push_back({base_at[open.back()], base_at[j]});
            open.pop_back();
        }
    }
    if (!open.empty()) return std::nullopt;
    return out;
}

bool cross(const Added& x, const Added& y) {
    return (x.open < y.open && y.open < x.close && x.close < y.close) ||
           (y.open < x.open && x.open < y.close && y.close < x.close);
}

// Every bracket of either side, once; brackets that cross joined into one
// over the wording of both (until none crosses another).
std::vector<Added> joined(std::vector<Added> all) {
    for (bool again = true; again;) {
        again = false;
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        for (std::size_t x = 0; x < all.size() && !again; ++x) {
            for (std::size_t y = x + 1; y < all.size() && !again; ++y) {
                if (!cross(all[x], all[y])) continue;
                all[x] = {std::min(all[x].open, all[y].open), std::max(all[x].close, all[y].close)};
                all.erase(all.begin() + static_cast<std::ptrdiff_t>(y));
                again = true;
            }
        }
    }
    return all;
}

// `base` with the brackets added: before each byte, the brackets closing
// there, then those opening there. (Where several close or open at one
// byte, which closes or opens first makes no difference to the marks.)
std::string with_brackets(std::string_view base, const std::vector<Added>& brackets) {
    std::vector<std::size_t> closes, opens;
    for (const Added& b : brackets) {
        closes.push_back(b.close);
        opens.push_back(b.open);
    }
    std::sort(closes.begin(), closes.end());
    std::sort(opens.begin(), opens.end());
    std::string out;
    std::size_t c = 0, o = 0;
    for (std::size_t at = 0; at <= base.size(); ++at) {
        for (; c < closes.size() && closes[c] == at; ++c) out += ']';
        for (; o < opens.size() && opens[o] == at; ++o) out += '[';
        if (at < base.size()) out += base[at];
    }
    return out;
}

// How many times brackets stand side by side ("][": an alternatives group).
std::size_t options_marks(std::string_view paragraph) {
    std::size_t n = 0;
    for (std::size_t at = paragraph.find("]["); at != std::string_view::npos;
         at = paragraph.find("][", at + 1))
        ++n;
    return n;
}

// The paragraph both sides are given, or nullopt.
std::optional<std::string> joined_paragraph(std::string_view base, std::string_view ours,
                                            std::string_view theirs) {
    // Brackets side by side ("[a][b]") are alternatives, not brackets: a
    // side that made some proposed options.
    const std::size_t options_in_base = options_marks(base);
    if (options_marks(ours) != options_in_base || options_marks(theirs) != options_in_base)
        return std::nullopt;
    const std::optional<std::vector<Added>> o = added_brackets(base, ours),
                                            t = added_brackets(base, theirs);
    if (!o || !t || o->size() + t->size() > kMostAdded) return std::nullopt;
    std::vector<Added> all = *o;
    all.insert(all.end(), t->begin(), t->end());
    // A side's own brackets twice over one wording ("[[a]]"), or empty: left
    // to the merge as it is.
    for (const std::vector<Added>* side : {&*o, &*t}) {
        std::vector<Added> sorted = *side;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return std::nullopt;
        for (const Added& b : sorted)
            if (b.open == b.close) return std::nullopt;
    }
    const std::vector<Added> brackets = joined(std::move(all));
    std::string paragraph = with_brackets(base, brackets);
    // Read back, the paragraph must pair its brackets as meant: a joined
    // bracket crossing one of the base's would pair otherwise.
    const std::optional<std::vector<Added>> back = added_brackets(base, paragraph);
    if (!back) return std::nullopt;
    std::vector<Added> read = *back;
    std::sort(read.begin(), read.end());
    if (read != brackets || options_marks(paragraph) != options_in_base) return std::nullopt;
    return paragraph;
}

}  // namespace

std::optional<MergeTexts> join_added_brackets(std::string_view base, std::string_view ours,
                                              std::string_view theirs) {
    // Cheap first: the sides must add brackets somewhere.
    if (ours.find('[') == std::string_view::npos || theirs.find('[') == std::string_view::npos)
        return std::nullopt;
    const std::vector<Span> b = paragraphs_of(base), o = paragraphs_of(ours),
                            t = paragraphs_of(theirs);
    const auto in_ours = by_wording(ours, o), in_theirs = by_wording(theirs, t);
    const auto in_base = by_wording(base, b);
    const auto text_of = [](std::string_view text, const Span& s) {
        return text.substr(s.begin, s.end - s.begin);
    };
    // The paragraphs to give both sides: (ours' span, theirs' span, text).
    struct Joined {
        Span ours, theirs;
        std::string text;
    };
    std::vector<Joined> found;
    // The wording without brackets of the paragraph `k` of `spans` in `text`,
    // or "" past either end: a paragraph's neighbours, to compare.
    const auto wording_at = [&](std::string_view text, const std::vector<Span>& spans,
                                std::size_t k, int step) {
        if ((step < 0 && k == 0) || (step > 0 && k + 1 >= spans.size())) return std::string();
        return without_brackets(text_of(text, spans[step < 0 ? k - 1 : k + 1]));
    };
    for (std::size_t k = 0; k < b.size(); ++k) {
        const std::string_view paragraph = text_of(base, b[k]);
        const std::string key = without_brackets(paragraph);
        const auto kb = in_base.find(key), ko = in_ours.find(key), kt = in_theirs.find(key);
        if (kb->second == kRepeated || ko == in_ours.end() || ko->second == kRepeated ||
            kt == in_theirs.end() || kt->second == kRepeated)
            continue;
        // Both sides bracketed it, differently (most paragraphs of a merge
        // are as the base has them on one side at least).
        const Span &so = o[ko->second], &st = t[kt->second];
        const std::string_view as_ours = text_of(ours, so), as_theirs = text_of(theirs, st);
        if (as_ours == as_theirs || as_ours == paragraph || as_theirs == paragraph) continue;
        // Between the same paragraphs on all three (brackets aside): a
        // neighbour one side deleted, edited or moved makes the merge read
        // the bracketing with that change, and two identical bracketings
        // beside it would meet it as alternatives. Left to the merge.
        bool same_neighbours = true;
        for (const int step : {-1, 1}) {
            const std::string beside = wording_at(base, b, k, step);
            same_neighbours = same_neighbours && wording_at(ours, o, ko->second, step) == beside &&
                              wording_at(theirs, t, kt->second, step) == beside;
        }
        if (!same_neighbours) continue;
        if (std::optional<std::string> text = joined_paragraph(paragraph, as_ours, as_theirs))
            found.push_back({so, st, std::move(*text)});
    }
    if (found.empty()) return std::nullopt;
    const auto replaced = [&](std::string_view text, Span Joined::*span) {
        std::vector<const Joined*> order;
        for (const Joined& j : found) order.push_back(&j);
        std::sort(order.begin(), order.end(), [&](const Joined* x, const Joined* y) {
            return (x->*span).begin < (y->*span).begin;
        });
        std::string out;
        std::size_t at = 0;
        for (const Joined* j : order) {
            out.append(text.substr(at, (j->*span).begin - at));
            out += j->text;
            at = (j->*span).end;
        }
        out.append(text.substr(at));
        return out;
    };
    return MergeTexts{
        std::string(base), replaced(ours, &Joined::ours), replaced(theirs, &Joined::theirs), {}};
}

}  // namespace accord
