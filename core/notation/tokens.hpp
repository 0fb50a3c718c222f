#pragma once
// Tokens for the engines (diff, merge, blame): words, numbers, punctuation,
// white space and each markup mark as its own token, with byte ranges. The
// tokens of a document tile it: their bytes, in order, are the document.
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/notation/document.hpp"

namespace accord {

enum class TokenKind : std::uint8_t {
    word,             // letters, including any non-ASCII letters
    number,           // "2", "1.5", "2,000"
    punctuation,      // one character; unmatched '[' ']' and literal '~' '/' too
    emphasis,         // a run of '*' (formatting, no negotiation meaning)
    space,            // spaces and tabs
    line_break,       // one line ending inside a paragraph
    paragraph_break,  // line endings and blank lines between paragraphs
    front_matter,
    label,       // "Alt1:", "**Option 2:**"
    status_tag,  // "(agreed)"
    bracket_open,
    bracket_close,
    separator,  // an option '/'
    strike_open,
    strike_close,
};

std::string_view to_string(TokenKind kind);
bool is_markup(TokenKind kind);
// A bracket, an option separator or a strike: the marks of the notation.
inline bool is_mark(TokenKind kind) {
    return kind == TokenKind::bracket_open || kind == TokenKind::bracket_close ||
           kind == TokenKind::separator || kind == TokenKind::strike_open ||
           kind == TokenKind::strike_close;
}
// A word or a number: what counts of wording are counted in.
inline bool is_word_or_number(TokenKind kind) {
    return kind == TokenKind::word || kind == TokenKind::number;
}

// A token's bytes: as ByteRange, in 32 bits, for the engines hold a token
// per word and space of every version they keep (a third of blame's memory
// on a large negotiation went to 64-bit offsets). tokenize refuses a text
// of 4 GiB or more.
struct TokenRange {
    // No default member values: a trivial type, which vectors copy with
    // memmove (blame copies most of a version's tokens from the one before);
    // TokenRange{} and value-initialised vectors are zeros.
    std::uint32_t begin;
    std::uint32_t end;
    TokenRange() = default;
    TokenRange(std::uint32_t b, std::uint32_t e) : begin(b), end(e) {}
    // From offsets known to be within a tokenized text (below 4 GiB).
    explicit TokenRange(const ByteRange& r)
        : begin(static_cast<std::uint32_t>(r.begin)), end(static_cast<std::uint32_t>(r.end)) {}
    std::uint32_t size() const { return end - begin; }
    bool empty() const { return begin == end; }
    operator ByteRange() const { return {begin, end}; }  // NOLINT(google-explicit-constructor)
    friend bool operator==(const TokenRange&, const TokenRange&) = default;
};

struct Token {
    TokenRange range;
    TokenKind kind;
};
static_assert(sizeof(Token) == 12);
static_assert(std::is_trivial_v<Token>);

std::vector<Token> tokenize(const Document& document);

// The length in bytes of the Chinese or Japanese character (an ideograph or
// kana, a word of its own to tokenize) that starts at `at`; 0 when none does.
std::size_t ideograph_length_at(std::string_view text, std::size_t at);
// Whether such a character ends right before `at`.
bool ideograph_ends_at(std::string_view text, std::size_t at);
// Whether a letter or digit of a word or number (as tokenize reads them: not
// a Chinese or Japanese character, a word of its own) starts at `at`, or
// ends right before it. Wording found in a text stands there as whole words
// where no such pair meets at either of its edges.
bool letter_at(std::string_view text, std::size_t at);
bool letter_ends_at(std::string_view text, std::size_t at);

// The pieces of tokenize, for callers that tokenize a text in parts (blame
// reuses the tokens of an earlier version where the text did not change):
// tokenize(document) is, for each of markup_pieces(document) in order, the
// literal text before it, then the piece as one token of markup_token_kind;
// then the literal text after the last piece, and last
// mark_paragraph_ends(document, tokens). The tokens of literal text
// source[begin, end) depend only on source[begin, end + 3) (a UTF-8 sequence
// is read whole) and are appended to `out`.
struct MarkupPiece;
TokenKind markup_token_kind(const MarkupPiece& piece);
void tokenize_text(std::string_view source, std::size_t begin, std::size_t end,
                   std::vector<Token>& out);
// A heading may follow a paragraph's last line with no blank line between
// ("A,\n## Article 1"): the parser reads two paragraphs there, and so must
// every token diff, or the heading is compared as words of the paragraph
// before it. The single line break between two paragraphs of `document` is
// made a paragraph break.
void mark_paragraph_ends(const Document& document, std::vector<Token>& tokens);

}  // namespace accord
