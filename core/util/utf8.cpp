#include "core/util/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace accord::utf8 {

std::size_t sequence_length(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // no overlong forms
        if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;  // nothing past U+10FFFF
    } else {
        return 0;
    }
    if (at + length > text.size()) return 0;
    if (byte(at + 1) < low || byte(at + 1) > high) return 0;
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
    }
    return length;
}

std::size_t count_chars(std::string_view text, std::size_t begin, std::size_t end) {
    std::size_t chars = 0;
    for (std::size_t i = begin; i < end; ++chars) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = sequence_length(text, i);
        i += length == 0 ? 1 : length;
    }
    return chars;
}

std::size_t first_invalid(std::string_view text, std::size_t from) {
    for (std::size_t i = from; i < text.size();) {
        // Eight ASCII bytes at a time: most text is ASCII.
        if (std::uint64_t word = 0; i + sizeof word <= text.size()) {
            std::memcpy(&word, text.data() + i, sizeof word);
            if ((word & 0x8080808080808080u) == 0) {
                i += sizeof word;
                continue;
            }
        }
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = sequence_length(text, i);
        if (length == 0) return i;
        i += length;
    }
    return std::string_view::npos;
}

namespace {

// The plain lower-case letter of each code point from U+00C0 to U+017F,
// sixteen to a row; '*' where it is not one letter (see latin_folded).
constexpr std::string_view kLatinBase =
    "aaaaaa*ceeeeiiii"   // U+00C0 À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    "dnooooo*ouuuuy**"   // U+00D0 Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    "aaaaaa*ceeeeiiii"   // U+00E0 à á â ã ä å æ ç è é ê ë ì í î ï
    "dnooooo*ouuuuy*y"   // U+00F0 ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    "aaaaaaccccccccdd"   // U+0100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
    "ddeeeeeeeeeegggg"   // U+0110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
    "gggghhhhiiiiiiii"   // U+0120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
    "ii**jjkkklllllll"   // U+0130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "lllnnnnnnnnnoooo"   // U+0140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    "oo**rrrrrrssssss"   // U+0150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
    "ssttttttuuuuuuuu"   // U+0160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
    "uuuuwwyyyzzzzzzs";  // U+0170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ
static_assert(kLatinBase.size() == 0x180 - 0xC0);

// The plain lower-case letters of a Latin letter from U+00C0 to U+017F, or
// "" for × and ÷ (no letters: kept as they are).
std::string_view latin_folded(std::uint32_t c) {
    switch (c) {
        case 0xC6:
        case 0xE6:
            return "ae";
        case 0xDE:
        case 0xFE:
            return "th";
        case 0xDF:
            return "ss";
        case 0x132:
        case 0x133:
            return "ij";
        case 0x152:
        case 0x153:
            return "oe";
        case 0xD7:
        case 0xF7:
            return "";
        default:
            return kLatinBase.substr(c - 0xC0, 1);
    }
}

std::uint32_t code_point(std::string_view text, std::size_t at, std::size_t length) {
    const auto byte = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(text[at + i]));
    };
    if (length == 2) return (byte(0) & 0x1F) << 6 | (byte(1) & 0x3F);
    if (length == 3) return (byte(0) & 0x0F) << 12 | (byte(1) & 0x3F) << 6 | (byte(2) & 0x3F);
    return (byte(0) & 0x07) << 18 | (byte(1) & 0x3F) << 12 | (byte(2) & 0x3F) << 6 |
           (byte(3) & 0x3F);
}

}  // namespace

std::string fold_for_comparison(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequence_length(text, i);
        if (length <= 1) {  // ASCII, or a byte that starts no character
            out += text[i++];
            continue;
        }
        const std::uint32_t c = code_point(text, i, length);
        if (c >= 0xC0 && c < 0x180 && !latin_folded(c).empty()) {
            out += latin_folded(c);
        } else if (c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
                   c == 0x3000) {
            out += ' ';
        } else if (c >= 0x218 && c <= 0x21B) {  // Ș ș Ț ț (Romanian, comma below)
            out += c < 0x21A ? 's' : 't';
        } else if ((c >= 0x300 && c <= 0x36F) || c == 0xAD || (c >= 0x200B && c <= 0x200D) ||
                   c == 0x2060 || c == 0xFEFF) {
            // combining accents ("e" and U+0301 meets "é") and invisible characters: dropped
        } else if (c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x2032) {
            out += '\'';
        } else {
            out.append(text, i, length);
        }
        i += length;
    }
    return out;
}

}  // namespace accord::utf8
