#include "merge/compile/html_text.hpp"

#include <array>
#include <cstdint>

#include "core/notation/tokens.hpp"
#include "core/util/markup_escape.hpp"

namespace accord {

namespace {

enum Style : std::uint16_t {
    kMarkBracket = 1 << 0,
    kMarkSeparator = 1 << 1,
    kMarkStrike = 1 << 2,
    kStruck = 1 << 3,
    kOption = 1 << 4,
    kBold = 1 << 5,
    kLabel = 1 << 6,
    kTag = 1 << 7,
    kHidden = 1 << 8,  // markup shown by styling instead: "**", "*", "#" of headings
    kItalic = 1 << 9,
};

// What the page needs to know about one byte of the source.
struct Cell {
    std::int32_t origin = -1;  // index into origins; -1 unattributed
    std::int32_t restored = -1;
    std::uint16_t style = 0;
    std::uint8_t depth = 0;  // bracket nesting, capped at 3
    bool same_run(const Cell& o) const {
        return origin == o.origin && restored == o.restored &&
               (style & ~kHidden) == (o.style & ~kHidden) && depth == o.depth;
    }
};

std::vector<Cell> describe_bytes(const Document& doc, const std::vector<BlameSpan>& spans) {
    std::vector<Cell> cells(doc.source.size());
    for (const BlameSpan& span : spans) {
        for (std::size_t at = span.range.begin; at < span.range.end && at < cells.size(); ++at) {
            cells[at].origin = static_cast<std::int32_t>(span.origin);
            cells[at].restored =
                span.restored_by ? static_cast<std::int32_t>(*span.restored_by) : -1;
        }
    }
    // White space between two spans of one proposal belongs to the run, so
    // that a phrase is one element, not one per word.
    for (std::size_t k = 1; k < spans.size(); ++k) {
        const BlameSpan& a = spans[k - 1];
        const BlameSpan& b = spans[k];
        if (a.origin != b.origin || a.restored_by != b.restored_by) continue;
        for (std::size_t at = a.range.end; at < b.range.begin && at < cells.size(); ++at)
            cells[at] = cells[a.range.begin];
    }
    // Bracket depth and the innermost bracket, in one sweep (brackets nest).
    std::vector<std::uint32_t> open;
    std::size_t next = 0;
    for (std::size_t at = 0; at < cells.size(); ++at) {
        while (!open.empty() && doc.brackets[open.back()].close < at) open.pop_back();
        while (next < doc.brackets.size() && doc.brackets[next].open <= at)
            open.push_back(static_cast<std::uint32_t>(next++));
        while (!open.empty() && doc.brackets[open.back()].close < at) open.pop_back();
        cells[at].depth = static_cast<std::uint8_t>(std::min<std::size_t>(open.size(), 3));
        if (!open.empty() && doc.brackets[open.back()].group != kNone) cells[at].style |= kOption;
    }
    for (const Bracket& b : doc.brackets) {
        cells[b.open].style |= kMarkBracket;
        cells[b.close].style |= kMarkBracket;
    }
    for (const Separator& s : doc.separators) cells[s.at].style |= kMarkSeparator;
    for (const Strike& s : doc.strikes) {
        for (std::size_t at : {s.open, s.open + 1, s.close, s.close + 1})
            if (at < cells.size()) cells[at].style |= kMarkStrike;
        for (std::size_t at = s.open + 2; at < s.close; ++at) cells[at].style |= kStruck;
    }
    const std::string& src = doc.source;
    for (const Paragraph& p : doc.paragraphs) {
        for (const auto& [range, style] :
             {std::pair{p.label, kLabel}, std::pair{p.status_tag, kTag}}) {
            for (std::size_t at = range.begin; at < range.end; ++at) {
                cells[at].style |= style;
                if (src[at] == '*') cells[at].style |= kHidden;
            }
        }
        if (p.heading) {
            std::size_t at = p.range.begin;
            while (at < p.range.end && (src[at] == '#' || src[at] == ' '))
                cells[at++].style |= kHidden;
        }
        // "**bold**" outside labels and tags: pairs of markers, hidden, the text between bold.
        std::vector<std::size_t> markers;
        for (std::size_t at = p.range.begin; at + 1 < p.range.end; ++at) {
            if (src[at] != '*' || src[at + 1] != '*' || (cells[at].style & (kLabel | kTag)))
                continue;
            markers.push_back(at);
            ++at;
        }
        for (std::size_t k = 0; k + 1 < markers.size(); k += 2) {
            for (std::size_t at = markers[k]; at < markers[k + 1] + 2; ++at)
                cells[at].style |= kBold;
            for (std::size_t at : {markers[k], markers[k] + 1, markers[k + 1], markers[k + 1] + 1})
                cells[at].style |= kHidden;
        }
        // "*italic*": a lone '*' that opens before a non-space, paired with the
        // next lone '*' that closes after one.
        auto lone = [&](std::size_t at) {
            return src[at] == '*' && !(cells[at].style & (kHidden | kLabel | kTag)) &&
                   (at == p.range.begin || src[at - 1] != '*') &&
                   (at + 1 >= p.range.end || src[at + 1] != '*');
        };
        auto space = [&](std::size_t at) {
            return at < p.range.begin || at >= p.range.end || src[at] == ' ' || src[at] == '\n' ||
                   src[at] == '\t';
        };
        std::size_t opened = std::string::npos;
        for (std::size_t at = p.range.begin; at < p.range.end; ++at) {
            if (!lone(at)) continue;
            if (opened == std::string::npos) {
                if (!space(at + 1)) opened = at;
            } else if (!space(at - 1)) {
                for (std::size_t k = opened; k <= at; ++k) cells[k].style |= kItalic;
                cells[opened].style |= kHidden;
                cells[at].style |= kHidden;
                opened = std::string::npos;
            }
        }
    }
    return cells;
}

std::string classes_of(const Cell& cell, const std::string& tag_class) {
    static constexpr std::array<std::pair<std::uint16_t, const char*>, 9> names = {{
        {kMarkBracket, "mb"},
        {kMarkSeparator, "ms"},
        {kMarkStrike, "mk"},
        {kStruck, "st"},
        {kOption, "o"},
        {kBold, "em"},
        {kItalic, "it"},
        {kLabel, "lbl"},
        {kTag, "tag"},
    }};
    std::string out;
    if (cell.depth > 0) out += " b" + std::to_string(cell.depth);
    for (const auto& [bit, name] : names)
        if (cell.style & bit) out += std::string(" ") + name;
    if ((cell.style & kTag) && !tag_class.empty()) out += " " + tag_class;
    return out;
}

std::string what_it_is(const Cell& cell) {
    if (cell.style & kMarkBracket) return "Bracket";
    if (cell.style & kMarkSeparator) return "Option separator";
    if (cell.style & kMarkStrike) return "Strike (proposed deletion)";
    return "Wording";
}

}  // namespace

std::string html_escape(std::string_view text) {
    return escape_markup(text);
}

std::string human_date(std::string_view day) {
    static constexpr std::array<const char*, 12> months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return std::string(day);
    const int month = (day[5] - '0') * 10 + (day[6] - '0');
    const int date = (day[8] - '0') * 10 + (day[9] - '0');
    if (month < 1 || month > 12 || date < 1 || date > 31) return std::string(day);
    return std::to_string(date) + " " + months[static_cast<std::size_t>(month - 1)] + " " +
           std::string(day.substr(0, 4));
}

std::string slug(std::string_view text) {
    std::string out;
    for (char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (alnum)
            out += c;
        else if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

std::string render_body_html(const Document& doc, const std::vector<BlameSpan>& spans,
                             const std::vector<OriginLabel>& origins) {
    const std::vector<Cell> cells = describe_bytes(doc, spans);
    std::string out;
    for (const Paragraph& p : doc.paragraphs) {
        if (p.range.begin < doc.body.begin) continue;
        const std::string tag_class = p.status.empty() ? "" : "t-" + slug(p.status);
        // dir="auto": a paragraph in Arabic reads right to left, its
        // numbers and brackets at the ends a reader of Arabic expects.
        out += p.heading            ? "<p class=\"hd\" dir=\"auto\">"
               : p.is_alternative() ? "<p class=\"alt\" dir=\"auto\">"
                                    : "<p dir=\"auto\">";
        std::size_t end = p.range.end;
        while (end > p.range.begin && (doc.source[end - 1] == '\n' || doc.source[end - 1] == '\r'))
            --end;
        for (std::size_t at = p.range.begin; at < end;) {
            const Cell& cell = cells[at];
            std::string text;
            std::size_t stop = at;
            for (; stop < end && cells[stop].same_run(cell); ++stop)
                if (!(cells[stop].style & kHidden)) text += doc.source[stop];
            at = stop;
            if (text.empty()) continue;
            const std::string classes = classes_of(cell, tag_class);
            if (cell.origin < 0 || static_cast<std::size_t>(cell.origin) >= origins.size()) {
                out += classes.empty() ? html_escape(text)
                                       : "<span class=\"" + classes.substr(1) + "\">" +
                                             html_escape(text) + "</span>";
                continue;
            }
            const OriginLabel& who = origins[static_cast<std::size_t>(cell.origin)];
            std::string title =
                what_it_is(cell) + " proposed by " + who.proposers + " on " + human_date(who.day);
            if (!who.subject.empty()) title += "\n" + who.subject;
            if (cell.restored >= 0 && static_cast<std::size_t>(cell.restored) < origins.size()) {
                const OriginLabel& by = origins[static_cast<std::size_t>(cell.restored)];
                title += "\nRestored by " + by.proposers + " on " + human_date(by.day);
            }
            out += "<span class=\"a " + who.css_class + classes + "\" data-proposer=\"" +
                   html_escape(who.proposers) + "\" data-date=\"" + who.day + "\" data-commit=\"" +
                   who.commit + "\" title=\"" + html_escape(title) + "\">" + html_escape(text) +
                   "</span>";
        }
        out += "</p>\n";
    }
    return out;
}

std::vector<std::size_t> words_per_origin(const Document& document,
                                          const std::vector<BlameSpan>& spans,
                                          std::size_t origins) {
    std::vector<std::size_t> out(origins, 0);
    std::size_t span = 0;
    for (const Token& token : tokenize(document)) {
        if (token.kind != TokenKind::word && token.kind != TokenKind::number) continue;
        while (span < spans.size() && spans[span].range.end <= token.range.begin) ++span;
        if (span == spans.size()) break;
        const BlameSpan& s = spans[span];
        if (s.range.begin > token.range.begin || s.kind != SpanKind::text) continue;
        if (s.origin < out.size()) ++out[s.origin];
    }
    return out;
}

}  // namespace accord
