#include "core/notation/blocks.hpp"

#include <cctype>

namespace accord {

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}
bool is_ascii_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_ascii_alnum(char c) {
    return is_ascii_alpha(c) || is_ascii_digit(c);
}
char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool is_blank_line(std::string_view line) {
    for (char c : line) {
        if (!is_blank(c)) return false;
    }
    return true;
}

bool is_atx_heading(std::string_view line) {
    std::size_t i = 0;
    while (i < 3 && i < line.size() && line[i] == ' ') ++i;
    std::size_t hashes = 0;
    while (i < line.size() && line[i] == '#') ++i, ++hashes;
    return hashes >= 1 && hashes <= 6 && (i == line.size() || is_blank(line[i]));
}

// "[label]: destination" with at most three spaces of indentation.
bool link_definition_label(std::string_view line, std::string_view& label) {
    std::size_t i = 0;
    while (i < 3 && i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size() || line[i] != '[') return false;
    const std::size_t close = line.find(']', i + 1);
    if (close == std::string_view::npos || close == i + 1) return false;
    if (close + 1 >= line.size() || line[close + 1] != ':') return false;
    const std::string_view inside = line.substr(i + 1, close - i - 1);
    if (inside.find('[') != std::string_view::npos) return false;
    std::size_t j = close + 2;
    while (j < line.size() && is_blank(line[j])) ++j;
    if (j == line.size()) return false;  // a destination is required
    label = inside;
    return true;
}

bool starts_with_keyword(std::string_view text, std::size_t at, std::string_view keyword) {
    if (at + keyword.size() > text.size()) return false;
    for (std::size_t k = 0; k < keyword.size(); ++k) {
        if (lower(text[at + k]) != keyword[k]) return false;
    }
    return true;
}

// An option identifier: "1", "12bis", "A", "IV", "E.1", "0".
std::size_t identifier_length(std::string_view text, std::size_t at, std::size_t end) {
    std::size_t i = at;
    if (i < end && is_ascii_digit(text[i])) {
        while (i < end && is_ascii_digit(text[i])) ++i;
        std::size_t letters = 0;
        while (i < end && text[i] >= 'a' && text[i] <= 'z' && letters < 6) ++i, ++letters;
    } else if (i < end && text[i] >= 'A' && text[i] <= 'Z') {
        std::size_t letters = 0;
        while (i < end && text[i] >= 'A' && text[i] <= 'Z' && letters < 4) ++i, ++letters;
    } else {
        return 0;
    }
    while (i + 1 < end && text[i] == '.' && is_ascii_alnum(text[i + 1])) {
        std::size_t j = i + 1;
        while (j < end && is_ascii_alnum(text[j])) ++j;
        i = j;
    }
    if (i < end && is_ascii_alnum(text[i])) return 0;  // "Approaches", "Ab1c": a word, not an id
    return i - at;
}

}  // namespace

std::string normalize_link_label(std::string_view label) {
    std::string out;
    bool space = false;
    for (char c : label) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += lower(c);
    }
    return out;
}

BlockScan scan_blocks(std::string_view source, ByteRange body) {
    BlockScan scan;
    std::size_t paragraph_begin = std::string_view::npos;
    std::size_t paragraph_end = 0;
    auto finish = [&] {
        if (paragraph_begin != std::string_view::npos) {
            scan.paragraphs.push_back(
                Paragraph{{paragraph_begin, paragraph_end}, {}, {}, {}, false});
        }
        paragraph_begin = std::string_view::npos;
    };
    for (std::size_t at = body.begin; at < body.end;) {
        std::size_t newline = source.find('\n', at);
        if (newline == std::string_view::npos || newline > body.end) newline = body.end;
        const std::string_view line = source.substr(at, newline - at);
        const std::size_t next = newline < body.end ? newline + 1 : body.end;
        if (is_blank_line(line)) {
            finish();
        } else if (is_atx_heading(line)) {
            finish();
            scan.paragraphs.push_back(Paragraph{{at, newline}, {}, {}, {}, true});
        } else {
            if (paragraph_begin == std::string_view::npos) paragraph_begin = at;
            paragraph_end = newline;
            std::string_view label;
            if (link_definition_label(line, label) && label[0] != '^') {
                scan.link_labels.insert(normalize_link_label(label));
                scan.link_definition_lines.insert(at);
            }
        }
        at = next;
    }
    finish();
    return scan;
}

ByteRange find_alternative_label(std::string_view source, ByteRange paragraph) {
    const std::size_t end = paragraph.end;
    std::size_t i = paragraph.begin;
    while (i < end && (source[i] == ' ' || source[i] == '\t')) ++i;
    const std::size_t start = i;
    std::size_t emphasis = 0;
    while (i < end && source[i] == '*' && emphasis < 2) ++i, ++emphasis;

    std::size_t keyword = 0;
    for (std::string_view word : {"alternative", "option", "alt"}) {
        if (starts_with_keyword(source, i, word) &&
            (i + word.size() >= end || !is_ascii_alpha(source[i + word.size()]))) {
            keyword = word.size();
            break;
        }
    }
    if (keyword == 0) return {};
    std::size_t p = i + keyword;
    std::size_t q = p;
    while (q < end && source[q] == ' ') ++q;
    const std::size_t id = identifier_length(source, q, end);

    std::size_t label_end = 0;
    if (id == 0) {
        if (q < end && source[q] == ':') label_end = q + 1;  // "Alt:", "Option :"
    } else {
        p = q + id;
        // "Alternative 1 to last sentence:": lower-case words up to a colon.
        if (p < end && source[p] == ' ') {
            std::size_t r = p;
            while (r < end && r - p < 60 &&
                   (source[r] == ' ' || (source[r] >= 'a' && source[r] <= 'z')))
                ++r;
            if (r < end && source[r] == ':' && r > p + 1) p = r;
        }
        if (p >= end) {
            label_end = p;
        } else if (source[p] == ':' || source[p] == ')') {
            label_end = p + 1;
        } else if (source[p] == '.' &&
                   (p + 1 >= end || source[p + 1] == ' ' || source[p + 1] == '*' ||
                    source[p + 1] == '\r' || source[p + 1] == '\n')) {
            label_end = p + 1;
        } else if (source[p] == ' ' || source[p] == '\t' || source[p] == '[' || source[p] == '*' ||
                   source[p] == '\r' || source[p] == '\n') {
            label_end = p;
        }
    }
    if (label_end == 0) return {};
    if (emphasis > 0) {
        std::size_t closing = 0;
        while (label_end + closing < end && source[label_end + closing] == '*' &&
               closing < emphasis)
            ++closing;
        if (closing == emphasis) return {start, label_end + closing};
        return {start + emphasis, label_end};  // "**Option 1: text**": the emphasis is the text's
    }
    return {start, label_end};
}

StatusTag find_status_tag(std::string_view source, ByteRange paragraph,
                          const std::vector<std::string>& vocabulary) {
    std::size_t end = paragraph.end;
    while (end > paragraph.begin && (is_blank(source[end - 1]))) --end;
    if (end > paragraph.begin && source[end - 1] == '.') --end;
    std::size_t tag_end = end;
    std::size_t stars = 0;
    while (tag_end > paragraph.begin && source[tag_end - 1] == '*' && stars < 2) --tag_end, ++stars;
    if (tag_end == paragraph.begin || source[tag_end - 1] != ')') return {};
    const std::size_t close = tag_end - 1;
    std::size_t open = close;
    while (open > paragraph.begin && close - open < 48 && source[open - 1] != '(' &&
           source[open - 1] != ')' && source[open - 1] != '\n') {
        --open;
    }
    if (open == paragraph.begin || source[open - 1] != '(') return {};
    std::string inside;
    for (std::size_t k = open; k < close; ++k) {
        if (source[k] != '*') inside += source[k];
    }
    const std::string normal = normalize_link_label(inside);
    // "(no consensus, issue contained in TA)": a status with the
    // compiler's remark after a comma or semicolon is that status.
    // A remark holding a bracket or a strike is wording, never a tag's.
    const std::size_t remark = inside.find_first_of(",;");
    const bool plain_remark =
        remark != std::string::npos && inside.find_first_of("[]~", remark) == std::string::npos;
    const std::string before_remark =
        plain_remark ? normalize_link_label(inside.substr(0, remark)) : std::string();
    for (const std::string& status : vocabulary) {
        const std::string wanted = normalize_link_label(status);
        if (normal == wanted || (!before_remark.empty() && before_remark == wanted)) {
            std::size_t begin = open - 1;
            std::size_t lead = 0;
            while (begin > paragraph.begin && source[begin - 1] == '*' && lead < stars)
                --begin, ++lead;
            const std::size_t tag_finish = lead == stars ? end : close + 1;
            if (lead != stars) begin = open - 1;
            return {{begin, tag_finish}, status};
        }
    }
    return {};
}

}  // namespace accord
