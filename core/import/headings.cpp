#include "core/import/headings.hpp"

#include <algorithm>
#include <array>

#include "core/import/text.hpp"

namespace accord::importer {

namespace {

// `low` starts with one of the kind words, after an optional qualifier.
bool starts_with_kind_word(std::string_view low) {
    for (std::string_view qualifier : {"draft ", "revised ", "common ", "joint ", "amended "}) {
        if (starts_with(low, qualifier)) {
            low.remove_prefix(qualifier.size());
            break;
        }
    }
    for (std::string_view word :
         {"recommendation", "statement", "opinion", "proposal", "contribution", "submission"}) {
        if (!starts_with(low, word)) continue;
        std::size_t end = word.size();
        if (end < low.size() && low[end] == 's') ++end;
        if (end == low.size() || !is_alnum(low[end])) return true;
    }
    return false;
}

}  // namespace

std::vector<SourceParagraph> split_paragraphs(std::string_view source) {
    std::vector<SourceParagraph> paragraphs;
    SourceParagraph current;
    bool open = false;
    std::size_t line = 1;
    for (std::size_t at = 0; at < source.size(); ++line) {
        std::size_t newline = source.find('\n', at);
        if (newline == std::string_view::npos) newline = source.size();
        std::size_t end = newline;
        if (end > at && source[end - 1] == '\r') --end;
        const std::string_view text = source.substr(at, end - at);
        const bool blank = std::all_of(text.begin(), text.end(), is_blank);
        if (blank) {
            if (open) paragraphs.push_back(current);
            open = false;
        } else if (!open) {
            current = SourceParagraph{at, end, line, true};
            open = true;
        } else {
            current.end = end;
            current.single_line = false;
        }
        at = newline + 1;
    }
    if (open) paragraphs.push_back(current);
    return paragraphs;
}

std::optional<GroupHeading> read_group_heading(std::string_view paragraph) {
    const std::string_view text = trim(paragraph);
    if (text.find('\n') != std::string_view::npos || text.size() > 300) return std::nullopt;
    if (ascii_lower(text.substr(0, 6)) != "group ") return std::nullopt;
    std::size_t at = 6;
    while (at < text.size() && is_blank(text[at])) ++at;
    const std::size_t letter_begin = at;
    while (at < text.size() && (is_upper(text[at]) || is_digit(text[at]))) ++at;
    if (at == letter_begin || at - letter_begin > 3) return std::nullopt;
    GroupHeading heading{std::string(text.substr(letter_begin, at - letter_begin)), ""};
    if (at < text.size() &&
        !(text[at] == ':' || text[at] == '.' || text[at] == '-' || is_blank(text[at]))) {
        return std::nullopt;
    }
    while (at < text.size() &&
           (text[at] == ':' || text[at] == '.' || text[at] == '-' || is_blank(text[at]))) {
        ++at;
    }
    heading.title = std::string(text.substr(at));
    return heading;
}

bool is_separator(std::string_view paragraph) {
    const std::string_view text = trim(paragraph);
    if (text.empty() || text.find('\n') != std::string_view::npos) return false;
    const char mark = text[0];
    if (mark != '*' && mark != '-' && mark != '_') return false;
    std::size_t marks = 0;
    for (char c : text) {
        if (c == mark) {
            ++marks;
        } else if (!is_blank(c)) {
            return false;
        }
    }
    return marks >= 3;
}

std::string_view trim_heading(std::string_view text) {
    text = trim(text);
    for (bool changed = true; changed && !text.empty();) {
        changed = false;
        if (const std::size_t m = mark_before(text, text.size())) {
            text.remove_suffix(m);
            changed = true;
        } else if (text.back() == ':' || is_blank(text.back())) {
            text.remove_suffix(1);
            changed = true;
        }
    }
    return text;
}

std::optional<ItemHeading> read_item_heading(std::string_view paragraph) {
    std::string_view text = trim(paragraph);
    if (text.empty() || text.size() > 400 || text.find('\n') != std::string_view::npos) {
        return std::nullopt;
    }
    ItemHeading heading;
    std::size_t digits = 0;
    while (digits < text.size() && digits < 4 && is_digit(text[digits])) ++digits;
    if (digits > 0 && digits <= 3 && digits + 1 < text.size() &&
        (text[digits] == '.' || text[digits] == ')') && is_blank(text[digits + 1])) {
        heading.number = std::stoi(std::string(text.substr(0, digits)));
        text = trim(text.substr(digits + 1));
    }
    heading.message = std::string(trim_heading(text));
    const std::string low = ascii_lower(heading.message);
    heading.attribution = read_attribution(heading.message);
    heading.date = find_date(heading.message);
    heading.kind = low.find("opinion") != std::string::npos     ? "opinion"
                   : low.find("statement") != std::string::npos ? "statement"
                                                                : "recommendation";
    bool later = false;
    for (std::string_view lead : {"resubmission", "re-submission", "resubmitted", "re-submitted",
                                  "revised ", "revision", "proposal by ", "proposals by "}) {
        if (starts_with(low, lead)) later = true;
    }
    for (std::string_view phrase : {"re-submitted by", "resubmitted by", " on this recommendation",
                                    " on these recommendations", " on this statement"}) {
        if (low.find(phrase) != std::string::npos) later = true;
    }
    for (std::string_view lead :
         {"resubmission", "re-submission", "resubmitted", "re-submitted", "revised", "revision"}) {
        if (starts_with(low, lead)) heading.revision = true;
    }
    if (low.find("re-submitted") != std::string::npos ||
        low.find("resubmitted") != std::string::npos ||
        low.find("revised by") != std::string::npos) {
        heading.revision = true;
    }
    const bool named = !heading.attribution.names.empty();
    if (heading.number >= 0) {
        if (!named) return std::nullopt;
        heading.form = HeadingForm::item;
    } else if (later && named) {
        heading.form = HeadingForm::later_proposal;
    } else if (starts_with_kind_word(low) && named) {
        heading.form = HeadingForm::item;
    } else if (starts_with_kind_word(low) && !named && count_words(low) <= 3 && !heading.date) {
        heading.form = HeadingForm::bare_item;
    } else {
        return std::nullopt;
    }
    return heading;
}

std::string_view footnote_mark(std::string_view paragraph) {
    const std::size_t m = mark_at(paragraph, 0);
    if (m == 0 || m >= paragraph.size() || !is_blank(paragraph[m])) return {};
    return paragraph.substr(0, m);
}

bool cites(std::string_view paragraph, std::string_view mark) {
    return !mark.empty() && paragraph.find(mark, 1) != std::string_view::npos;
}

std::vector<std::string_view> cited_marks(std::string_view paragraph) {
    std::vector<std::string_view> out;
    for (std::string_view mark : kMarks) {
        if (cites(paragraph, mark)) out.push_back(mark);
    }
    return out;
}

std::string slug(std::string_view text, std::size_t max) {
    std::string out;
    for (char c : text) {
        if (is_alnum(c)) {
            out += lower(c);
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    if (out.size() > max) {
        const std::size_t cut = out.rfind('-', max);
        out.resize(cut == std::string::npos || cut == 0 ? max : cut);
    }
    return out;
}

std::string section_slug(std::string_view heading) {
    const std::string low = ascii_lower(heading);
    const auto has = [&](std::string_view word) { return low.find(word) != std::string::npos; };
    if (has("statement") || has("opinion")) return "statements";
    if (has("consensus") && (has("not") || has("no ") || has("without"))) return "no-consensus";
    if (has("agreed")) return "agreed";
    if (has("meeting")) {
        static constexpr std::array<std::string_view, 10> kOrdinals = {
            "first", "second",  "third",  "fourth", "fifth",
            "sixth", "seventh", "eighth", "ninth",  "tenth"};
        for (std::size_t k = 0; k < kOrdinals.size(); ++k) {
            const std::size_t at = low.find(kOrdinals[k]);
            if (at != std::string::npos && word_boundary_before(low, at)) {
                return "meeting-" + std::to_string(k + 1);
            }
        }
        // "4th", "4 th", "3rd".
        for (std::size_t at = 0; at < low.size(); ++at) {
            if (!is_digit(low[at]) || !word_boundary_before(low, at)) continue;
            std::size_t end = at;
            while (end < low.size() && is_digit(low[end])) ++end;
            std::size_t suffix = end;
            if (suffix < low.size() && low[suffix] == ' ') ++suffix;
            for (std::string_view ordinal : {"st", "nd", "rd", "th"}) {
                if (low.substr(suffix, 2) == ordinal) return "meeting-" + low.substr(at, end - at);
            }
        }
    }
    const std::string out = slug(heading, 30);
    return out.empty() ? "section" : out;
}

}  // namespace accord::importer
