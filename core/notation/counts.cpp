#include "core/notation/counts.hpp"

#include <algorithm>

namespace accord {

DocumentCounts& DocumentCounts::operator+=(const DocumentCounts& o) {
    paragraphs += o.paragraphs;
    brackets += o.brackets;
    spanning_brackets += o.spanning_brackets;
    max_depth = std::max(max_depth, o.max_depth);
    alternatives_groups += o.alternatives_groups;
    options += o.options;
    strikes += o.strikes;
    alternative_paragraphs += o.alternative_paragraphs;
    for (const auto& [status, n] : o.paragraphs_by_status) paragraphs_by_status[status] += n;
    errors += o.errors;
    warnings += o.warnings;
    notes += o.notes;
    return *this;
}

LabelOrdinal label_ordinal(std::string_view label) {
    auto is_alpha = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); };
    auto is_digit = [](char ch) { return ch >= '0' && ch <= '9'; };
    std::size_t at = 0;
    auto skip = [&](auto&& what) {
        while (at < label.size() && what(label[at])) ++at;
    };
    skip([](char ch) { return ch == '*' || ch == '_' || ch == ' ' || ch == '\t'; });
    skip(is_alpha);  // Alt, Alternative, Option
    skip([](char ch) { return ch == ' ' || ch == '\t'; });
    const std::size_t begin = at;
    auto number_at = [&]() {
        std::size_t value = 0;
        for (; at < label.size() && is_digit(label[at]); ++at)
            value = std::min<std::size_t>(value * 10 + static_cast<std::size_t>(label[at] - '0'),
                                          1000000);
        return value;
    };
    // "ALT E.1", "Option 2.3": the last part numbers the alternative.
    auto dotted = [&](LabelOrdinal ordinal) {
        while (at + 1 < label.size() && label[at] == '.' && is_digit(label[at + 1])) {
            ++at;
            ordinal = {LabelOrdinal::Kind::number, number_at()};
        }
        return ordinal;
    };
    if (at < label.size() && is_digit(label[at]))
        return dotted({LabelOrdinal::Kind::number, number_at()});
    skip(is_alpha);
    const std::string_view word = label.substr(begin, at - begin);
    if (word.empty()) return {};
    auto roman_digit = [](char ch) -> std::size_t {
        switch (ch) {
            case 'I':
            case 'i':
                return 1;
            case 'V':
            case 'v':
                return 5;
            case 'X':
            case 'x':
                return 10;
            case 'L':
            case 'l':
                return 50;
            case 'C':
            case 'c':
                return 100;
            default:
                return 0;
        }
    };
    const bool roman = word.size() <= 8 && std::all_of(word.begin(), word.end(), [&](char ch) {
                           return roman_digit(ch) > 0;
                       });
    if (roman && (word.size() > 1 || roman_digit(word[0]) <= 10)) {  // single L, C: letters
        std::size_t value = 0;
        for (std::size_t k = 0; k < word.size(); ++k) {
            const std::size_t digit = roman_digit(word[k]);
            const std::size_t next = k + 1 < word.size() ? roman_digit(word[k + 1]) : 0;
            value = digit < next ? value - digit : value + digit;
        }
        return dotted({LabelOrdinal::Kind::roman, value});
    }
    if (word.size() == 1) {
        const char ch = static_cast<char>(word[0] | 0x20);
        return dotted({LabelOrdinal::Kind::letter, static_cast<std::size_t>(ch - 'a' + 1)});
    }
    return {};  // a word, not an ordinal ("Alt proposal")
}

namespace {

// Groups of alternative paragraphs: one starts where the numbering starts
// again or changes its kind ("Option 1" after "Option 3", "Option A" inside
// an "Option 2"), at a label with no number not right after another
// labelled paragraph (an "Alt:" stands against the paragraph before it),
// and at any label when none is open yet; a label numbered on ("Option 2")
// joins the group open, however many unlabelled paragraphs continue the
// option before it.
void count_paragraph_groups(const Document& doc, DocumentCounts& c) {
    bool open = false, previous_labelled = false;
    LabelOrdinal last;  // the open group's last label
    for (const Paragraph& p : doc.paragraphs) {
        if (!p.is_alternative()) {
            previous_labelled = false;
            continue;
        }
        const LabelOrdinal ordinal = label_ordinal(doc.text(p.label));
        const bool unnumbered = ordinal.kind == LabelOrdinal::Kind::none;
        const bool unnumbered_alone = unnumbered && !previous_labelled;
        const bool numbered_on =
            !unnumbered && ordinal.kind == last.kind && ordinal.value > last.value;
        const bool continues = unnumbered ? !unnumbered_alone : numbered_on;
        if (!open || !continues) {
            ++c.alternatives_groups;
            // An unnumbered "Alt:" is offered against the paragraph before it.
            c.options += unnumbered_alone && &p != &doc.paragraphs.front() ? 2 : 1;
        } else {
            ++c.options;
        }
        open = true;
        previous_labelled = true;
        last = ordinal;
    }
}

}  // namespace

DocumentCounts count(const Document& doc) {
    DocumentCounts c;
    c.paragraphs = doc.paragraphs.size();
    c.brackets = doc.brackets.size();
    c.alternatives_groups = doc.groups.size();
    c.strikes = doc.strikes.size();
    for (const Bracket& b : doc.brackets) {
        c.spanning_brackets += b.spans_paragraphs();
        c.max_depth = std::max<std::size_t>(c.max_depth, b.depth + 1);
        // A member of an alternatives group offers its options; a lone
        // bracket only when it has separators (a lone "[a]" offers none).
        if (b.group != kNone || b.separators > 0) c.options += Document::options_in(b);
    }
    for (const Paragraph& p : doc.paragraphs) {
        c.alternative_paragraphs += p.is_alternative();
        if (!p.status.empty()) ++c.paragraphs_by_status[p.status];
    }
    count_paragraph_groups(doc, c);
    c.errors = doc.diagnostic_totals[static_cast<int>(Severity::error)];
    c.warnings = doc.diagnostic_totals[static_cast<int>(Severity::warning)];
    c.notes = doc.diagnostic_totals[static_cast<int>(Severity::note)];
    return c;
}

}  // namespace accord
