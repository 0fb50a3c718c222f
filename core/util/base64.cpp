#include "core/util/base64.hpp"

#include <array>
#include <cstdint>

namespace accord {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_values() {
    std::array<std::int8_t, 256> values{};
    for (auto& v : values) v = -1;
    for (int i = 0; i < 64; ++i) values[static_cast<unsigned char>(kAlphabet[i])] = std::int8_t(i);
    return values;
}
constexpr std::array<std::int8_t, 256> kValues = make_values();

std::string describe(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f) return std::string("'") + c + "'";
    static const char hex[] = "0123456789abcdef";
    return std::string("byte 0x") + hex[u >> 4] + hex[u & 15];
}

}  // namespace

std::string base64_encode(std::string_view bytes, bool pad) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t n = std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16 |
                                std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                                std::uint32_t(static_cast<unsigned char>(bytes[i + 2]));
        out += kAlphabet[n >> 18];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += kAlphabet[n & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t n = std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2) n |= std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += kAlphabet[n >> 18];
        out += kAlphabet[(n >> 12) & 63];
        if (rest == 2) out += kAlphabet[(n >> 6) & 63];
        if (pad) out.append(rest == 1 ? "==" : "=");
    }
    return out;
}

Base64Decoded base64_decode(std::string_view text, const Base64Options& options) {
    Base64Decoded result;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t accumulator = 0;
    int pending = 0;  // characters of the current group of four
    int padding = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (options.allow_line_breaks &&
            (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n'))) {
            continue;
        }
        if (c == '=') {
            if (pending < 2) {
                result.error = "misplaced '=' at character " + std::to_string(i + 1);
                return result;
            }
            ++padding;
            ++pending;
            if (pending == 4) pending = 0;
            continue;
        }
        const std::int8_t value = kValues[static_cast<unsigned char>(c)];
        if (value < 0) {
            result.error =
                "not a base64 character: " + describe(c) + " at character " + std::to_string(i + 1);
            return result;
        }
        if (padding > 0) {
            result.error =
                "characters after the '=' padding, at character " + std::to_string(i + 1);
            return result;
        }
        accumulator = accumulator << 6 | std::uint32_t(value);
        ++pending;
        if (pending == 4) {
            out += char(accumulator >> 16);
            out += char(accumulator >> 8);
            out += char(accumulator);
            accumulator = 0;
            pending = 0;
        }
    }
    if (pending != 0) {
        result.error = padding > 0 ? "incomplete '=' padding at the end"
                                   : "the length is not a multiple of four (missing '=' padding?)";
        return result;
    }
    // A padded last group: its 4 - padding characters hold whole bytes, and
    // the bits beyond them must be zero.
    if (padding > 0) {
        const int bits = (4 - padding) * 6;
        const int keep = (3 - padding) * 8;
        if ((accumulator & ((1u << (bits - keep)) - 1)) != 0) {
            result.error = "the last character before '=' carries bits beyond the last byte";
            return result;
        }
        const std::uint32_t value = accumulator >> (bits - keep);
        if (padding == 1) out += char(value >> 8);
        out += char(value);
    }
    result.bytes = std::move(out);
    return result;
}

}  // namespace accord
