#pragma once
// Small text helpers for the text views, with no knowledge of accord. Widths
// count characters (UTF-8 sequences; an invalid byte counts as one), so that
// "Côte d'Ivoire" lines up like "Japan".
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace accord {

// Whether byte `c` belongs to a word: an ASCII letter or digit, or any byte
// of a multi-byte UTF-8 character ("Côte", "温室"). Punctuation, marks and
// white space do not. One rule for every "whole word" test: the merge's,
// the Word import's and the comment readers'.
inline bool is_word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

// `text` with ASCII letters in lower case; other bytes (UTF-8 included) as they are.
inline std::string ascii_lowercase(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator = ", ");

// "1 file", "3 files": the count and the word, with an "s" unless n is 1.
std::string plural(std::size_t n, std::string_view word);

// `text` without the spaces, tabs, carriage returns and line feeds at either end.
std::string_view trim(std::string_view text);

// `text` on one line: line breaks become spaces, spaces and tabs at either
// end go. For commit subjects, trailer values and headings.
std::string one_line(std::string_view text);
// `text` with each run of spaces, tabs and line endings made one space, and
// none at either end: the form in which a phrase is looked for.
std::string collapse_white_space(std::string_view text);

std::size_t display_width(std::string_view text);

// `text` followed (pad_right) or preceded (pad_left) by spaces up to `width`
// characters; text already that wide is returned as it is.
std::string pad_right(std::string_view text, std::size_t width);
std::string pad_left(std::string_view text, std::size_t width);
// `text` cut to at most `width` characters (whole UTF-8 characters), the cut
// marked with an ellipsis; text that fits is returned as it is.
std::string clip_to_width(std::string_view text, std::size_t width);

// Levenshtein distance between `a` and `b` in bytes (insertions, deletions
// and substitutions of one byte each cost 1): how far a mistyped name is
// from a known one.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace accord
