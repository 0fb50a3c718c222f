#include "merge/merge3/merge3_numbering.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/notation/front_matter.hpp"

namespace accord {

namespace {

// Larger numbers are no paragraph numbers (a year opening a paragraph).
constexpr std::size_t kMostDigits = 3;

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A paragraph's leading number: "3. ", after any opening brackets ("[3. ").
struct Number {
    std::size_t digits_begin = 0, digits_end = 0;  // in the text
    std::uint32_t value = 0;
};

std::optional<Number> number_at(std::string_view text, std::size_t line_begin) {
    std::size_t at = line_begin;
    while (at < text.size() && text[at] == '[') ++at;
    Number n;
    n.digits_begin = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
        if (at - n.digits_begin == kMostDigits) return std::nullopt;
        n.value = n.value * 10 + static_cast<std::uint32_t>(text[at] - '0');
        ++at;
    }
    n.digits_end = at;
    if (at == n.digits_begin || text[n.digits_begin] == '0') return std::nullopt;
    if (at + 1 >= text.size() || text[at] != '.' || (text[at + 1] != ' ' && text[at + 1] != '\t'))
        return std::nullopt;
    return n;
}

// A paragraph number that says the text is not numbered by position: one
// inserted between two others ("2bis.", "2 ter.", "2a)"), as working
// groups number a paragraph added while they keep the others' numbers.
// (Read broadly: "2 degrees " counts too, which only leaves the numbers to
// the merge.)
bool inserted_number_at(std::string_view text, std::size_t line_begin) {
    std::size_t at = line_begin;
    while (at < text.size() && text[at] == '[') ++at;
    const std::size_t digits = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == digits) return false;
    // A number of a level below ("2.1."): the paragraphs are numbered in
    // levels, not by position through the text.
    if (at + 1 < text.size() && text[at] == '.' && text[at + 1] >= '0' && text[at + 1] <= '9')
        return true;
    if (at < text.size() && text[at] == ' ') ++at;
    const std::size_t letters = at;
    while (at < text.size() && text[at] >= 'a' && text[at] <= 'z' && at - letters < 10) ++at;
    return at > letters && at < text.size() &&
           (text[at] == '.' || text[at] == ')' || text[at] == ' ');
}

// A number in the paragraph's first line after its start, opening a
// bracket ("[3. A][3. B]": alternatives of a numbered paragraph on one
// line): each alternative carries the number, which one placeholder per
// paragraph cannot stand for.
bool number_in_a_later_bracket(std::string_view line) {
    std::size_t at = 0;
    while (at < line.size() && line[at] == '[') ++at;
    for (at = line.find('[', at); at != std::string_view::npos; at = line.find('[', at + 1)) {
        std::size_t d = at + 1;
        while (d < line.size() && line[d] >= '0' && line[d] <= '9') ++d;
        if (d > at + 1 && d < line.size() && line[d] == '.') return true;
    }
    return false;
}

// One paragraph as this pass reads it: where it starts, its number if it
// opens with one, and whether it is a heading.
struct NumberedParagraph {
    std::size_t begin = 0, end = 0;  // the paragraph's lines, in the text
    std::optional<Number> number;
    bool heading = false;
    bool inserted_number = false;  // inserted_number_at
};

std::vector<NumberedParagraph> paragraphs_of(std::string_view text) {
    std::vector<NumberedParagraph> out;
    bool in_paragraph = false;
    for (std::size_t at = front_matter_end(text); at < text.size();) {
        std::size_t end = text.find('\n', at);
        end = end == std::string_view::npos ? text.size() : end + 1;
        const std::string_view line = text.substr(at, end - at);
        if (is_blank(line)) {
            in_paragraph = false;
        } else if (!in_paragraph || line.starts_with('#')) {
            // A heading line stands apart even without a blank line after it.
            NumberedParagraph p;
            p.begin = at;
            p.heading = line.starts_with('#');
            if (!p.heading) {
                p.number = number_at(text, at);
                p.inserted_number =
                    (!p.number && inserted_number_at(text, at)) || number_in_a_later_bracket(line);
            }
            out.push_back(p);
            in_paragraph = !p.heading;
        }
        if (!out.empty() && !is_blank(line)) out.back().end = end;  // blank lines apart
        at = end;
    }
    return out;
}

// Whether the numbered paragraphs count up by one from `first` (through),
// or from 1 under each heading (by_heading).
bool numbered_by_position(const std::vector<NumberedParagraph>& paragraphs, Numbering numbering,
                          std::uint32_t first) {
    std::uint32_t next = first;
    for (const NumberedParagraph& p : paragraphs) {
        if (p.inserted_number) return false;
        if (p.heading && numbering == Numbering::by_heading) next = 1;
        if (!p.number) continue;
        if (p.number->value != next) return false;
        ++next;
    }
    return true;
}

// The paragraph's text after its number, its opening brackets kept: the
// same paragraph renumbered reads the same.
std::string body_without_number(std::string_view text, const NumberedParagraph& p) {
    std::string out(text.substr(p.begin, p.number->digits_begin - p.begin));
    out += text.substr(p.number->digits_end, p.end - p.number->digits_end);
    return out;
}

std::string with_placeholders(std::string_view text,
                              const std::vector<NumberedParagraph>& paragraphs) {
    std::string out;
    std::size_t at = 0;
    for (const NumberedParagraph& p : paragraphs) {
        if (!p.number) continue;
        out += text.substr(at, p.number->digits_begin - at);
        out += '1';
        at = p.number->digits_end;
    }
    out += text.substr(at);
    return out;
}

// The words of `text`: runs of letters and digits.
std::vector<std::string_view> words_of(std::string_view text) {
    std::vector<std::string_view> out;
    const auto is_word = [](char c) {
        return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
    };
    for (std::size_t at = 0; at < text.size();) {
        while (at < text.size() && !is_word(text[at])) ++at;
        const std::size_t start = at;
        while (at < text.size() && is_word(text[at])) ++at;
        if (at > start) out.push_back(text.substr(start, at - start));
    }
    return out;
}

}  // namespace

std::optional<NumbersSetAside> set_numbers_aside(std::string_view base, std::string_view ours,
                                                 std::string_view theirs) {
    const std::array<std::string_view, 3> texts{base, ours, theirs};
    std::array<std::vector<NumberedParagraph>, 3> paragraphs;
    for (std::size_t k = 0; k < 3; ++k) paragraphs[k] = paragraphs_of(texts[k]);
    bool numbered = false;
    for (const auto& ps : paragraphs) {
        for (const NumberedParagraph& p : ps) {
            // "2bis.", "2.1.", a number in each alternative: not one number
            // per paragraph, which one placeholder could stand for.
            if (p.inserted_number) return std::nullopt;
            numbered = numbered || p.number;
        }
    }
    if (!numbered) return std::nullopt;
    // Paragraphs written alike ("[Text to be provided.]" three times) would
    // be told apart by their numbers alone: the numbers stay.
    for (std::size_t k = 0; k < 3; ++k) {
        std::unordered_set<std::string> bodies;
        for (const NumberedParagraph& p : paragraphs[k])
            if (p.number && !bodies.insert(body_without_number(texts[k], p)).second)
                return std::nullopt;
    }
    // A side renumbered a paragraph: it stands there, word for word, under
    // another number than in the base.
    std::unordered_map<std::string, std::uint32_t> base_numbers;
    for (const NumberedParagraph& p : paragraphs[0])
        if (p.number) base_numbers.emplace(body_without_number(base, p), p.number->value);
    bool renumbered = false;
    for (std::size_t k = 1; k < 3 && !renumbered; ++k) {
        for (const NumberedParagraph& p : paragraphs[k]) {
            if (!p.number) continue;
            const auto found = base_numbers.find(body_without_number(texts[k], p));
            if (found != base_numbers.end() && found->second != p.number->value) {
                renumbered = true;
                break;
            }
        }
    }
    // Or both added a paragraph under different numbers: each number says
    // where that side put it, and merged as written the one paragraph
    // would stand twice, once under each number.
    if (!renumbered) {
        std::unordered_map<std::string, std::uint32_t> ours_added;
        for (const NumberedParagraph& p : paragraphs[1]) {
            std::string body = body_without_number(ours, p);
            if (p.number && base_numbers.count(body) == 0)
                ours_added.emplace(std::move(body), p.number->value);
        }
        for (const NumberedParagraph& p : paragraphs[2]) {
            if (!p.number) continue;
            const auto found = ours_added.find(body_without_number(theirs, p));
            if (found != ours_added.end() && found->second != p.number->value) {
                renumbered = true;
                break;
            }
        }
    }
    if (!renumbered) return std::nullopt;
    NumbersSetAside out;
    out.texts = {with_placeholders(base, paragraphs[0]),
                 with_placeholders(ours, paragraphs[1]),
                 with_placeholders(theirs, paragraphs[2]),
                 {}};
    // By position when all three number so, from the first number they
    // share (an excerpt may start at 5); else each number as a label.
    // The two sides decide: a base with a gap that both sides closed is
    // numbered by position as both now number it.
    out.numbering = Numbering::labels;
    std::optional<std::uint32_t> first;
    bool same_first = true;
    for (std::size_t k = 1; k < 3; ++k) {
        for (const NumberedParagraph& p : paragraphs[k]) {
            if (!p.number) continue;
            same_first = same_first && (!first || *first == p.number->value);
            first = p.number->value;
            break;
        }
    }
    for (const Numbering way : {Numbering::through, Numbering::by_heading}) {
        const std::uint32_t start = way == Numbering::through ? first.value_or(1) : 1;
        if (way == Numbering::through && !same_first) continue;
        if (std::all_of(paragraphs.begin() + 1, paragraphs.end(),
                        [&](const auto& ps) { return numbered_by_position(ps, way, start); })) {
            out.numbering = way;
            out.first = start;
            break;
        }
    }
    return out;
}

bool numbered_inside_a_bracket(std::string_view merged) {
    const std::vector<NumberedParagraph> paragraphs = paragraphs_of(merged);
    // Brackets open where each paragraph starts, counted over the text:
    // the merge keeps them paired.
    long open = 0;
    std::size_t at = 0;
    for (const NumberedParagraph& p : paragraphs) {
        for (; at < p.begin; ++at) open += merged[at] == '[' ? 1 : merged[at] == ']' ? -1 : 0;
        if (p.number && open > 0) return true;
    }
    return false;
}

std::optional<std::string> number_as_labels(std::string_view merged, std::string_view base,
                                            std::string_view ours, std::string_view theirs) {
    // Each text's number per paragraph, by its wording after the number,
    // and by that wording without its brackets: a paragraph one side
    // bracketed is still the paragraph the other renumbered.
    struct Numbers {
        std::unordered_map<std::string, std::uint32_t> exact, unbracketed;
    };
    const auto without_brackets = [](std::string body) {
        std::erase_if(body, [](char c) { return c == '[' || c == ']'; });
        return body;
    };
    const auto numbers_of = [&](std::string_view text) {
        Numbers out;
        for (const NumberedParagraph& p : paragraphs_of(text)) {
            if (!p.number) continue;
            std::string body = body_without_number(text, p);
            out.unbracketed.emplace(without_brackets(body), p.number->value);
            out.exact.emplace(std::move(body), p.number->value);
        }
        return out;
    };
    const Numbers b = numbers_of(base), o = numbers_of(ours), t = numbers_of(theirs);
    // The base paragraphs' words, for base_counterpart.
    struct Candidate {
        const std::string* body;
        std::unordered_set<std::string_view> words;
    };
    std::vector<Candidate> candidates;
    for (const auto& entry : b.exact) {
        const std::vector<std::string_view> words = words_of(entry.first);
        candidates.push_back({&entry.first, {words.begin(), words.end()}});
    }
    // Comparisons of a paragraph with a base paragraph allowed in all: a
    // text of thousands of paragraphs, all edited, is not searched
    // quadratically (its numbers are then merged as written).
    std::size_t comparisons_left = std::size_t{1} << 20;
    // The base paragraph a side edited into `body`: the one that shares
    // the largest part of the words of each, at least half (nullopt when
    // none does, or two share as much).
    const auto base_counterpart = [&](const std::string& body) -> std::optional<std::string> {
        if (candidates.size() > comparisons_left) return std::nullopt;
        comparisons_left -= candidates.size();
        const std::vector<std::string_view> listed = words_of(body);
        const std::unordered_set<std::string_view> words(listed.begin(), listed.end());
        const Candidate* found = nullptr;
        double best = 0, second = 0;
        for (const Candidate& candidate : candidates) {
            std::size_t shared = 0;
            for (const std::string_view w : words) shared += candidate.words.count(w);
            const double part = static_cast<double>(shared) /
                                static_cast<double>(std::max<std::size_t>(
                                    {words.size(), candidate.words.size(), std::size_t{1}}));
            if (part > best) {
                second = best, best = part, found = &candidate;
            } else {
                second = std::max(second, part);
            }
        }
        if (!found || best < 0.5 || best <= second) return std::nullopt;
        return *found->body;
    };
    const auto number_in = [&](const Numbers& numbers, const std::string& body) {
        auto found = numbers.exact.find(body);
        if (found == numbers.exact.end()) {
            found = numbers.unbracketed.find(without_brackets(body));
            if (found == numbers.unbracketed.end()) return std::optional<std::uint32_t>();
        }
        return std::optional<std::uint32_t>(found->second);
    };
    std::string out;
    std::size_t at = 0;
    for (const NumberedParagraph& p : paragraphs_of(merged)) {
        if (!p.number) continue;
        const std::string body = body_without_number(merged, p);
        std::optional<std::uint32_t> in_base = number_in(b, body), in_ours = number_in(o, body),
                                     in_theirs = number_in(t, body);
        // Wording a side edited: its numbers are those of the base
        // paragraph it edited, as each text numbers that paragraph.
        if (!in_base && (in_ours || in_theirs)) {
            if (const std::optional<std::string> edited = base_counterpart(body)) {
                in_base = number_in(b, *edited);
                if (!in_ours) in_ours = number_in(o, *edited);
                if (!in_theirs) in_theirs = number_in(t, *edited);
            }
        }
        std::optional<std::uint32_t> number;
        if (in_ours && in_theirs) {
            // Each side's number as a label: the one that changed it wins.
            if (*in_ours == *in_theirs || in_theirs == in_base)
                number = in_ours;
            else if (in_ours == in_base)
                number = in_theirs;
        } else if ((in_ours || in_theirs) && !in_base) {
            number = in_ours ? in_ours : in_theirs;  // added by one side
        }
        // Changed differently, or wording neither side wrote as it stands:
        // no one number says what both sides meant.
        if (!number) return std::nullopt;
        out += merged.substr(at, p.number->digits_begin - at);
        out += std::to_string(*number);
        at = p.number->digits_end;
    }
    out += merged.substr(at);
    return out;
}

std::string number_by_position(std::string_view merged, Numbering numbering, std::uint32_t first) {
    const std::vector<NumberedParagraph> paragraphs = paragraphs_of(merged);
    std::uint32_t next = first;
    std::string out;
    std::size_t at = 0;
    for (const NumberedParagraph& p : paragraphs) {
        if (p.heading && numbering == Numbering::by_heading) next = 1;
        if (!p.number) continue;
        out += merged.substr(at, p.number->digits_begin - at);
        out += std::to_string(next++);
        at = p.number->digits_end;
    }
    out += merged.substr(at);
    return out;
}

std::string with_side_numbers(std::string_view wording, std::string_view side) {
    const std::vector<NumberedParagraph> paragraphs = paragraphs_of(side);
    std::string out;
    std::size_t at = 0;
    for (std::size_t line = 0; line < wording.size();) {
        std::size_t end = wording.find('\n', line);
        end = end == std::string_view::npos ? wording.size() : end;
        const std::optional<Number> placeholder = number_at(wording, line);
        if (placeholder && placeholder->value == 1 && placeholder->digits_end <= end) {
            // The rest of the line, as the side's paragraph goes on after its number.
            const std::string_view rest =
                wording.substr(placeholder->digits_end, end - placeholder->digits_end);
            std::optional<std::uint32_t> number;
            bool several = false;
            for (const NumberedParagraph& p : paragraphs) {
                if (!p.number) continue;
                const std::string_view after =
                    side.substr(p.number->digits_end, p.end - p.number->digits_end);
                if (!after.starts_with(rest)) continue;
                several = several || (number && *number != p.number->value);
                number = p.number->value;
            }
            if (number && !several) {
                out += wording.substr(at, placeholder->digits_begin - at);
                out += std::to_string(*number);
                at = placeholder->digits_end;
            }
        }
        line = end + 1;
    }
    out += wording.substr(std::min(at, wording.size()));
    return out;
}

}  // namespace accord
