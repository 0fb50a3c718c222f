#include "core/util/encoding.hpp"

#include <cstdint>

namespace accord {

namespace {

bool starts_with(std::string_view bytes, std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
}

void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

}  // namespace

ByteOrderMark byte_order_mark(std::string_view bytes) {
    using namespace std::string_view_literals;
    if (starts_with(bytes, "\xFF\xFE\x00\x00"sv)) return ByteOrderMark::utf32_le;
    if (starts_with(bytes, "\x00\x00\xFE\xFF"sv)) return ByteOrderMark::utf32_be;
    if (starts_with(bytes, "\xEF\xBB\xBF"sv)) return ByteOrderMark::utf8;
    if (starts_with(bytes, "\xFF\xFE"sv)) return ByteOrderMark::utf16_le;
    if (starts_with(bytes, "\xFE\xFF"sv)) return ByteOrderMark::utf16_be;
    return ByteOrderMark::none;
}

std::string_view encoding_name(ByteOrderMark mark) {
    switch (mark) {
        case ByteOrderMark::none:
            return "no byte-order mark";
        case ByteOrderMark::utf8:
            return "UTF-8";
        case ByteOrderMark::utf16_le:
            return "UTF-16 (little-endian)";
        case ByteOrderMark::utf16_be:
            return "UTF-16 (big-endian)";
        case ByteOrderMark::utf32_le:
            return "UTF-32 (little-endian)";
        case ByteOrderMark::utf32_be:
            return "UTF-32 (big-endian)";
    }
    return "";
}

std::optional<std::string> utf16_to_utf8(std::string_view bytes) {
    const ByteOrderMark mark = byte_order_mark(bytes);
    if (mark != ByteOrderMark::utf16_le && mark != ByteOrderMark::utf16_be) return std::nullopt;
    if (bytes.size() % 2 != 0) return std::nullopt;
    const bool little = mark == ByteOrderMark::utf16_le;
    auto unit = [&](std::size_t at) -> std::uint32_t {
        const auto a = static_cast<unsigned char>(bytes[at]);
        const auto b = static_cast<unsigned char>(bytes[at + 1]);
        return little ? (std::uint32_t{b} << 8 | a) : (std::uint32_t{a} << 8 | b);
    };
    std::string out;
    out.reserve(bytes.size() / 2 + bytes.size() / 8);
    for (std::size_t at = 2; at < bytes.size(); at += 2) {
        const std::uint32_t first = unit(at);
        if (first >= 0xDC00 && first <= 0xDFFF) return std::nullopt;  // a lone low surrogate
        if (first >= 0xD800 && first <= 0xDBFF) {
            if (at + 4 > bytes.size()) return std::nullopt;
            const std::uint32_t second = unit(at + 2);
            if (second < 0xDC00 || second > 0xDFFF) return std::nullopt;
            append_utf8(out, 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00));
            at += 2;
            continue;
        }
        append_utf8(out, first);
    }
    return out;
}

std::optional<std::string> windows1252_to_utf8(std::string_view bytes, std::size_t* at) {
    // 0x80 to 0x9F; 0 where Windows-1252 defines no character.
    static constexpr std::uint16_t kHigh[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto byte = static_cast<unsigned char>(bytes[i]);
        const std::uint32_t code = byte >= 0x80 && byte < 0xA0 ? kHigh[byte - 0x80] : byte;
        if (code == 0 && byte != 0) {
            if (at != nullptr) *at = i;
            return std::nullopt;
        }
        append_utf8(out, code);
    }
    return out;
}

namespace {

// Lines end with a carriage return alone: there is one, and no line feed.
bool has_bare_cr_lines(std::string_view text) {
    return text.find('\r') != std::string_view::npos && text.find('\n') == std::string_view::npos;
}

}  // namespace

std::optional<ConvertedText> convert_to_recorded(std::string_view bytes) {
    ConvertedText out;
    const ByteOrderMark mark = byte_order_mark(bytes);
    if (mark == ByteOrderMark::utf16_le || mark == ByteOrderMark::utf16_be) {
        std::optional<std::string> text = utf16_to_utf8(bytes);
        if (!text) return std::nullopt;
        out.text = std::move(*text);
        out.from = "in " + std::string(encoding_name(mark));
        out.as = "as UTF-8";
    } else if (has_bare_cr_lines(bytes)) {
        out.text = bytes;
    } else {
        return std::nullopt;
    }
    if (has_bare_cr_lines(out.text)) {
        for (char& c : out.text)
            if (c == '\r') c = '\n';
        out.from += out.from.empty() ? "with carriage-return line endings"
                                     : " with carriage-return line endings";
        out.as += out.as.empty() ? "with line feeds" : " with line feeds";
    }
    return out;
}

MergeInput as_merge_input(std::string bytes) {
    if (std::optional<ConvertedText> converted = convert_to_recorded(bytes))
        return with_line_feeds(std::move(converted->text));
    return with_line_feeds(std::move(bytes));
}

MergeInput with_line_feeds(std::string text) {
    MergeInput out;
    std::size_t crlf = 0, lf = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n') continue;
        (i > 0 && text[i - 1] == '\r' ? crlf : lf) += 1;
    }
    out.crlf = crlf > lf;
    if (crlf == 0) {
        out.text = std::move(text);
        return out;
    }
    out.text.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        out.text += text[i];
    }
    return out;
}

bool merge_writes_crlf(const MergeInput& base, const MergeInput& ours, const MergeInput& theirs) {
    return ours.crlf != base.crlf ? ours.crlf : theirs.crlf;
}

std::string with_crlf_line_ends(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
        out += text[i];
    }
    return out;
}

}  // namespace accord
