#include "support/zlib_stored.hpp"

#include <algorithm>
#include <cstdint>

namespace accord::test {

std::string zlib_stored(const std::string& bytes) {
    std::string out = "\x78\x01";
    std::size_t at = 0;
    do {
        const std::size_t length = std::min<std::size_t>(bytes.size() - at, 65535);
        const bool last = at + length == bytes.size();
        out.push_back(last ? '\x01' : '\x00');
        const auto len = static_cast<std::uint16_t>(length);
        const auto nlen = static_cast<std::uint16_t>(~len);
        out.push_back(static_cast<char>(len & 0xff));
        out.push_back(static_cast<char>(len >> 8));
        out.push_back(static_cast<char>(nlen & 0xff));
        out.push_back(static_cast<char>(nlen >> 8));
        out.append(bytes, at, length);
        at += length;
    } while (at < bytes.size());
    std::uint32_t a = 1, b = 0;
    for (const char c : bytes) {
        a = (a + static_cast<unsigned char>(c)) % 65521;
        b = (b + a) % 65521;
    }
    const std::uint32_t adler = (b << 16) | a;
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(adler >> shift));
    return out;
}

}  // namespace accord::test
