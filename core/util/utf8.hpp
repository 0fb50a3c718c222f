#pragma once
// UTF-8 helpers with no knowledge of accord. Invalid bytes are never an error
// here: each one counts as a single character, so positions stay meaningful on
// any byte string.
#include <cstddef>
#include <string>
#include <string_view>

namespace accord::utf8 {

// Length in bytes of the well-formed UTF-8 sequence starting at `at`, or 0 when
// the byte there does not start one (a stray continuation byte, an overlong or
// truncated sequence, a surrogate, a value past U+10FFFF).
std::size_t sequence_length(std::string_view text, std::size_t at);

// Number of characters in text[begin, end): each well-formed sequence and each
// invalid byte counts as one.
std::size_t count_chars(std::string_view text, std::size_t begin, std::size_t end);

// Offset of the first byte that is not part of well-formed UTF-8, or npos.
std::size_t first_invalid(std::string_view text, std::size_t from = 0);

// `text` in the form in which two spellings of one name are compared, so
// that "Côte d’Ivoire", "Cote d'Ivoire" and "Côte d'Ivoire" followed by a
// no-break space meet:
// each Latin letter with an accent or stroke (U+00C0 to U+017F) made its
// plain lower-case letter or letters ("Ö" → "o", "Œ" → "oe", "ß" → "ss"),
// and so are Romanian "Ș" and "Ț"; combining accents (U+0300 to U+036F)
// dropped, so that "e" followed by U+0301 meets "é"; no-break and
// typographic spaces made a space; a byte order mark, zero-width
// characters and soft hyphens dropped; typographic apostrophes
// and primes made "'". Everything else, invalid bytes included, is kept
// as it is.
std::string fold_for_comparison(std::string_view text);

}  // namespace accord::utf8
