#include "core/notation/tokens.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/notation/print.hpp"
#include "core/util/utf8.hpp"

namespace accord {

std::string_view to_string(TokenKind kind) {
    switch (kind) {
        case TokenKind::word:
            return "word";
        case TokenKind::number:
            return "number";
        case TokenKind::punctuation:
            return "punctuation";
        case TokenKind::emphasis:
            return "emphasis";
        case TokenKind::space:
            return "space";
        case TokenKind::line_break:
            return "line-break";
        case TokenKind::paragraph_break:
            return "paragraph-break";
        case TokenKind::front_matter:
            return "front-matter";
        case TokenKind::label:
            return "label";
        case TokenKind::status_tag:
            return "status-tag";
        case TokenKind::bracket_open:
            return "bracket-open";
        case TokenKind::bracket_close:
            return "bracket-close";
        case TokenKind::separator:
            return "separator";
        case TokenKind::strike_open:
            return "strike-open";
        case TokenKind::strike_close:
            return "strike-close";
    }
    return "?";
}

bool is_markup(TokenKind kind) {
    return kind >= TokenKind::front_matter;
}

namespace {

TokenKind markup_token(MarkupKind kind) {
    switch (kind) {
        case MarkupKind::front_matter:
            return TokenKind::front_matter;
        case MarkupKind::label:
            return TokenKind::label;
        case MarkupKind::status_tag:
            return TokenKind::status_tag;
        case MarkupKind::bracket_open:
            return TokenKind::bracket_open;
        case MarkupKind::bracket_close:
            return TokenKind::bracket_close;
        case MarkupKind::separator:
            return TokenKind::separator;
        case MarkupKind::strike_open:
            return TokenKind::strike_open;
        case MarkupKind::strike_close:
            return TokenKind::strike_close;
    }
    return TokenKind::punctuation;
}

bool is_ascii_letter(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

// Non-ASCII characters that are punctuation or space, not letters: they must
// split words ("cooperation—to", "“authorized”"). Chinese and Japanese are
// written without spaces: each ideograph or kana is a word of its own, so
// that two edits in one sentence are two changes, not the whole sentence
// against itself.
enum class Wide { letter, ideograph, punctuation, space };

char32_t code_point(std::string_view text, std::size_t at, std::size_t length) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
    if (length == 3)
        return (char32_t{byte(0)} & 0x0F) << 12 | (byte(1) & 0x3F) << 6 | (byte(2) & 0x3F);
    if (length == 4)
        return (char32_t{byte(0)} & 0x07) << 18 | (byte(1) & 0x3F) << 12 | (byte(2) & 0x3F) << 6 |
               (byte(3) & 0x3F);
    return 0;
}

Wide classify_east_asian(char32_t c) {
    if (c == 0x3000) return Wide::space;                       // ideographic space
    if (c >= 0x3001 && c <= 0x303F) return Wide::punctuation;  // 、。「」《》【】 ...
    if ((c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
        (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65))
        return Wide::punctuation;  // fullwidth ，：；！？（）
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0x20000 && c <= 0x3FFFF))
        return Wide::ideograph;  // kana, CJK ideographs and their extensions
    return Wide::letter;
}

Wide classify_wide(std::string_view text, std::size_t at, std::size_t length) {
    if (length == 2 && static_cast<unsigned char>(text[at]) == 0xC2) {
        const unsigned char c = static_cast<unsigned char>(text[at + 1]);
        if (c == 0xA0) return Wide::space;                                 // no-break space
        if (c < 0xC0 && c != 0xAA && c != 0xBA) return Wide::punctuation;  // ° « » ¹ ...
    }
    if (length == 3 && static_cast<unsigned char>(text[at]) == 0xE2 &&
        static_cast<unsigned char>(text[at + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[at + 1]) <= 0x81) {
        return Wide::punctuation;  // U+2000..U+207F: dashes, quotes, ellipsis, ...
    }
    if (length == 3 && text.substr(at, 3) == "\xEF\xBB\xBF") return Wide::punctuation;  // BOM
    if (length >= 3) return classify_east_asian(code_point(text, at, length));
    return Wide::letter;
}

class Tokenizer {
  public:
    Tokenizer(std::string_view source, std::vector<Token>& out) : text_(source), out_(out) {
        if (source.size() >= UINT32_MAX)
            throw std::length_error("a text of 4 GiB or more cannot be compared word by word");
    }

    // Literal text between markup pieces.
    void text(std::size_t begin, std::size_t end) {
        std::size_t i = begin;
        while (i < end) {
            const unsigned char c = static_cast<unsigned char>(text_[i]);
            const std::size_t start = i;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                std::size_t newlines = 0;
                while (i < end && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\r' ||
                                   text_[i] == '\n')) {
                    newlines += text_[i] == '\n';
                    ++i;
                }
                push(start, i,
                     newlines >= 2   ? TokenKind::paragraph_break
                     : newlines == 1 ? TokenKind::line_break
                                     : TokenKind::space);
            } else if (is_digit(c)) {
                while (i < end && (is_digit(text_[i]) || ((text_[i] == '.' || text_[i] == ',') &&
                                                          i + 1 < end && is_digit(text_[i + 1])))) {
                    ++i;
                }
                push(start, i, TokenKind::number);
            } else if (c == '*') {
                while (i < end && text_[i] == '*') ++i;
                push(start, i, TokenKind::emphasis);
            } else if (is_ascii_letter(c) || c >= 0x80) {
                const std::size_t length = c >= 0x80 ? utf8::sequence_length(text_, i) : 1;
                if (length == 0) {  // a byte that is not UTF-8 stands alone
                    push(start, i + 1, TokenKind::punctuation);
                    ++i;
                    continue;
                }
                const Wide wide = c >= 0x80 ? classify_wide(text_, i, length) : Wide::letter;
                if (wide == Wide::ideograph) {
                    push(start, i + length, TokenKind::word);
                    i += length;
                    continue;
                }
                if (wide != Wide::letter) {
                    push(start, i + length,
                         wide == Wide::space ? TokenKind::space : TokenKind::punctuation);
                    i += length;
                    continue;
                }
                i += length;
                while (i < end) {
                    const unsigned char d = static_cast<unsigned char>(text_[i]);
                    if (is_ascii_letter(d)) {
                        ++i;
                    } else if (d >= 0x80) {
                        const std::size_t n = utf8::sequence_length(text_, i);
                        if (n == 0 || classify_wide(text_, i, n) != Wide::letter) break;
                        i += n;
                    } else {
                        break;
                    }
                }
                push(start, i, TokenKind::word);
            } else {
                push(start, i + 1, TokenKind::punctuation);
                ++i;
            }
        }
    }

    void push(std::size_t begin, std::size_t end, TokenKind kind) {
        out_.push_back(
            {{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)}, kind});
    }

  private:
    std::string_view text_;
    std::vector<Token>& out_;
};

}  // namespace

void mark_paragraph_ends(const Document& doc, std::vector<Token>& tokens) {
    for (std::size_t p = 0; p + 1 < doc.paragraphs.size(); ++p) {
        const std::size_t end = doc.paragraphs[p].range.end,
                          next = doc.paragraphs[p + 1].range.begin;
        if (next <= end) continue;
        const std::string_view gap = std::string_view(doc.source).substr(end, next - end);
        if (std::count(gap.begin(), gap.end(), '\n') >= 2)
            continue;  // a blank line: a break already
        const auto token = std::lower_bound(
            tokens.begin(), tokens.end(), end,
            [](const Token& t, std::size_t offset) { return t.range.end <= offset; });
        if (token != tokens.end() && token->kind == TokenKind::line_break &&
            token->range.begin <= end && token->range.end >= next)
            token->kind = TokenKind::paragraph_break;
    }
}

std::vector<Token> tokenize(const Document& doc) {
    std::vector<Token> tokens;
    tokens.reserve(doc.source.size() / 3 + 16);
    Tokenizer tokenizer(doc.source, tokens);
    std::size_t at = 0;
    for (const MarkupPiece& piece : markup_pieces(doc)) {
        tokenizer.text(at, piece.range.begin);
        tokenizer.push(piece.range.begin, piece.range.end, markup_token(piece.kind));
        at = piece.range.end;
    }
    tokenizer.text(at, doc.source.size());
    mark_paragraph_ends(doc, tokens);
    return tokens;
}

TokenKind markup_token_kind(const MarkupPiece& piece) {
    return markup_token(piece.kind);
}

void tokenize_text(std::string_view source, std::size_t begin, std::size_t end,
                   std::vector<Token>& out) {
    Tokenizer(source, out).text(begin, end);
}

std::size_t ideograph_length_at(std::string_view text, std::size_t at) {
    if (at >= text.size() || static_cast<unsigned char>(text[at]) < 0xE0) return 0;
    const std::size_t length = utf8::sequence_length(text, at);
    if (length < 3) return 0;
    return classify_east_asian(code_point(text, at, length)) == Wide::ideograph ? length : 0;
}

bool ideograph_ends_at(std::string_view text, std::size_t at) {
    for (std::size_t back = 3; back <= 4 && back <= at; ++back)
        if (ideograph_length_at(text, at - back) == back) return true;
    return false;
}

bool letter_at(std::string_view text, std::size_t at) {
    if (at >= text.size()) return false;
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (c < 0x80) return is_ascii_letter(c) || is_digit(c);
    const std::size_t length = utf8::sequence_length(text, at);
    return length > 0 && classify_wide(text, at, length) == Wide::letter;
}

bool letter_ends_at(std::string_view text, std::size_t at) {
    if (at == 0 || at > text.size()) return false;
    if (static_cast<unsigned char>(text[at - 1]) < 0x80) return letter_at(text, at - 1);
    for (std::size_t back = 2; back <= 4 && back <= at; ++back)
        if (utf8::sequence_length(text, at - back) == back) return letter_at(text, at - back);
    return false;
}

}  // namespace accord
