#pragma once
// Character helpers shared by the import planner's readers. ASCII only, on
// purpose: names and headings are matched on their ASCII letters, and any
// other byte (UTF-8 included) is neither a letter nor a space here.
#include <array>
#include <string>
#include <string_view>

#include "core/util/text.hpp"

namespace accord::importer {

inline bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}
inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
inline bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
inline bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
inline bool is_alnum(char c) {
    return is_digit(c) || is_upper(c) || is_lower(c);
}
inline char lower(char c) {
    return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = lower(c);
    return out;
}

// Superscript digits as UTF-8: the footnote marks of word-processed documents.
inline constexpr std::array<std::string_view, 10> kMarks = {"\u2070", "\u00B9", "\u00B2", "\u00B3",
                                                            "\u2074", "\u2075", "\u2076", "\u2077",
                                                            "\u2078", "\u2079"};

inline std::size_t mark_at(std::string_view text, std::size_t at) {
    for (std::string_view mark : kMarks) {
        if (text.substr(at, mark.size()) == mark) return mark.size();
    }
    return 0;
}

inline std::size_t mark_before(std::string_view text, std::size_t end) {
    for (std::string_view mark : kMarks) {
        if (end >= mark.size() && text.substr(end - mark.size(), mark.size()) == mark) {
            return mark.size();
        }
    }
    return 0;
}

inline bool word_boundary_before(std::string_view text, std::size_t at) {
    return at == 0 || !is_alnum(text[at - 1]);
}

inline bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

inline std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : text) {
        const bool space = is_blank(c);
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

}  // namespace accord::importer
