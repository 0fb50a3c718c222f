#include "merge/diff/diff_window.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace accord {

namespace {

// Below this many paragraphs cut away, the whole texts are compared: the
// stretch saves little, and the whole comparison is the reference.
constexpr std::uint32_t kLeastCut = 2;

// Bytes compared a block at a time first (memcmp's wide compares), then
// one at a time within the block that differs.
constexpr std::size_t kBlock = 64;

std::size_t common_prefix(std::string_view a, std::string_view b) {
    const std::size_t limit = std::min(a.size(), b.size());
    std::size_t n = 0;
    while (n + kBlock <= limit && std::memcmp(a.data() + n, b.data() + n, kBlock) == 0) n += kBlock;
    while (n < limit && a[n] == b[n]) ++n;
    return n;
}

std::size_t common_suffix(std::string_view a, std::string_view b, std::size_t limit) {
    const char* const a_end = a.data() + a.size();
    const char* const b_end = b.data() + b.size();
    std::size_t n = 0;
    while (n + kBlock <= limit && std::memcmp(a_end - n - kBlock, b_end - n - kBlock, kBlock) == 0)
        n += kBlock;
    while (n < limit &&
           a_end[-1 - static_cast<std::ptrdiff_t>(n)] == b_end[-1 - static_cast<std::ptrdiff_t>(n)])
        ++n;
    return n;
}

// Per boundary k, between paragraphs k - 1 and k: whether a bracket or an
// alternatives group of `doc` runs across it. Counted once for all
// boundaries (a text whose brackets each span two paragraphs would
// otherwise be read again at every boundary the cut moves past).
std::vector<bool> boundaries_crossed(const Document& doc) {
    std::vector<std::int64_t> starts(doc.paragraphs.size() + 2, 0);
    auto span = [&](std::uint32_t open_paragraph, std::uint32_t close_paragraph) {
        if (open_paragraph >= close_paragraph || close_paragraph >= doc.paragraphs.size()) return;
        ++starts[open_paragraph + 1];
        --starts[close_paragraph + 1];
    };
    for (const Bracket& b : doc.brackets) span(b.open_paragraph, b.close_paragraph);
    for (const AlternativesGroup& g : doc.groups) {
        if (g.brackets.empty()) continue;
        span(doc.brackets[g.brackets.front()].open_paragraph,
             doc.brackets[g.brackets.back()].close_paragraph);
    }
    std::vector<bool> crossed(doc.paragraphs.size() + 1, false);
    std::int64_t open = 0;
    for (std::size_t k = 0; k <= doc.paragraphs.size(); ++k) {
        open += starts[k];
        crossed[k] = open > 0;
    }
    return crossed;
}

bool alternative(const Document& doc, std::size_t paragraph) {
    return paragraph < doc.paragraphs.size() && doc.paragraphs[paragraph].is_alternative();
}

ByteRange shifted(ByteRange range, std::size_t begin) {
    if (range.empty() && range.begin < begin) return ByteRange{};  // none
    return {range.begin - begin, range.end - begin};
}

}  // namespace

std::optional<DiffWindow> find_diff_window(const Document& before, const Document& after) {
    const std::string_view a = before.source, b = after.source;
    const std::size_t na = before.paragraphs.size(), nb = after.paragraphs.size();
    if (na < kLeastCut + 1 || nb < kLeastCut + 1) return std::nullopt;
    if (before.link_labels != after.link_labels) return std::nullopt;
    const std::size_t prefix = common_prefix(a, b);
    if (prefix == a.size() && prefix == b.size()) return std::nullopt;
    // The front matter and what precedes the first paragraph, the same.
    if (before.body.begin != after.body.begin || prefix < before.body.begin) return std::nullopt;
    const std::size_t suffix = common_suffix(a, b, std::min(a.size(), b.size()) - prefix);

    // Paragraphs [0, lead) are the same bytes, with the blank lines after
    // them: the next paragraph starts at one offset in both, within the prefix.
    std::size_t lead = 0;
    while (lead + 1 < na && lead + 1 < nb) {
        const std::size_t next = before.paragraphs[lead + 1].range.begin;
        if (next != after.paragraphs[lead + 1].range.begin || next > prefix) break;
        ++lead;
    }
    // The last `trail` paragraphs are the same bytes, as is the byte before
    // each (so that both texts start a paragraph there, as far from their ends).
    std::size_t trail = 0;
    while (trail < na && trail < nb) {
        const std::size_t from_end_a = a.size() - before.paragraphs[na - 1 - trail].range.begin;
        const std::size_t from_end_b = b.size() - after.paragraphs[nb - 1 - trail].range.begin;
        if (from_end_a != from_end_b || from_end_a + 1 > suffix) break;
        ++trail;
    }
    // Copies of a paragraph at the edge of the change can count among both
    // ends: the texts are compared whole then.
    if (lead + trail > std::min(na, nb)) return std::nullopt;
    // A paragraph of context each side of the change. The cuts fall where
    // the paragraph before the stretch ends (its text: the blank lines and
    // the indentation after it are the stretch's) and where the stretch's
    // last paragraph ends, at a token's edge: or at either end of the text.
    std::size_t first = lead > 0 ? lead - 1 : 0;
    std::size_t after_count = trail > 0 ? trail - 1 : 0;
    auto begin_at = [&] { return first > 0 ? before.paragraphs[first - 1].range.end : 0; };
    auto end_of = [&](const Document& doc, std::size_t n) {
        return after_count ? doc.paragraphs[n - after_count - 1].range.end : doc.source.size();
    };
    // Move the cuts outwards until nothing runs across them.
    const std::vector<bool> old_crossed = boundaries_crossed(before);
    const std::vector<bool> new_crossed = boundaries_crossed(after);
    for (bool moved = true; moved;) {
        moved = false;
        if (first + after_count + kLeastCut > std::min(na, nb)) return std::nullopt;
        if (first > 0 && (old_crossed[first] || new_crossed[first] || alternative(before, first) ||
                          alternative(before, first - 1) || alternative(after, first) ||
                          alternative(after, first - 1))) {
            --first;
            moved = true;
        }
        if (after_count > 0 &&
            (old_crossed[na - after_count] || new_crossed[nb - after_count] ||
             alternative(before, na - after_count) || alternative(before, na - after_count - 1) ||
             alternative(after, nb - after_count) || alternative(after, nb - after_count - 1))) {
            --after_count;
            moved = true;
        }
    }
    if (first + after_count < kLeastCut) return std::nullopt;
    DiffWindow window;
    window.begin = begin_at();
    window.old_end = end_of(before, na);
    window.new_end = end_of(after, nb);
    window.first_paragraph = static_cast<std::uint32_t>(first);
    window.old_paragraphs = static_cast<std::uint32_t>(na - after_count - first);
    window.new_paragraphs = static_cast<std::uint32_t>(nb - after_count - first);
    return window;
}

Document slice_document(const Document& document, std::size_t begin, std::size_t end,
                        std::uint32_t first, std::uint32_t count) {
    Document out;
    out.source = document.source.substr(begin, end - begin);
    out.link_labels = document.link_labels;
    out.body = {0, out.source.size()};
    if (begin == 0) {  // from the start of the text, front matter included
        out.front_matter = document.front_matter;
        out.body.begin = document.body.begin;
    }
    out.paragraphs.reserve(count);
    for (std::uint32_t p = first; p < first + count; ++p) {
        Paragraph paragraph = document.paragraphs[p];
        paragraph.range = shifted(paragraph.range, begin);
        paragraph.label = shifted(paragraph.label, begin);
        paragraph.status_tag = shifted(paragraph.status_tag, begin);
        out.paragraphs.push_back(std::move(paragraph));
    }
    // Brackets, separators and strikes lie in order: those in the stretch
    // are one run of each.
    const auto brackets_begin =
        std::lower_bound(document.brackets.begin(), document.brackets.end(), begin,
                         [](const Bracket& b, std::size_t at) { return b.open < at; });
    const auto brackets_end =
        std::lower_bound(brackets_begin, document.brackets.end(), end,
                         [](const Bracket& b, std::size_t at) { return b.open < at; });
    const auto first_bracket =
        static_cast<std::uint32_t>(brackets_begin - document.brackets.begin());
    std::uint32_t first_group = kNone, last_group = 0;
    for (auto it = brackets_begin; it != brackets_end; ++it) {
        Bracket bracket = *it;
        bracket.open -= begin;
        bracket.close -= begin;
        if (bracket.parent != kNone) bracket.parent -= first_bracket;
        if (bracket.group != kNone) {
            first_group = std::min(first_group, bracket.group);
            last_group = std::max(last_group, bracket.group);
        }
        bracket.open_paragraph -= first;
        bracket.close_paragraph -= first;
        out.brackets.push_back(bracket);
    }
    if (first_group != kNone) {
        for (std::uint32_t g = first_group; g <= last_group; ++g) {
            AlternativesGroup group = document.groups[g];
            for (std::uint32_t& k : group.brackets) k -= first_bracket;
            out.groups.push_back(std::move(group));
        }
        for (Bracket& bracket : out.brackets)
            if (bracket.group != kNone) bracket.group -= first_group;
    }
    for (auto s = std::lower_bound(document.separators.begin(), document.separators.end(), begin,
                                   [](const Separator&x, std::size_t at) { return x.at < at; });
         s != document.separators.end() && s->at < end; ++s)
        out.separators.push_back({s->at - begin, s->bracket - first_bracket});
    for (auto s = std::lower_bound(document.strikes.begin(), document.strikes.end(), begin,
                                   [](const Strike&x, std::size_t at) { return x.open < at; });
         s != document.strikes.end() && s->open < end; ++s)
        out.strikes.push_back({s->open - begin, s->close - begin, s->paragraph - first});
    return out;
}

}  // namespace accord
