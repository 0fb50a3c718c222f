#include "support/zip_bytes.hpp"

#include <stdexcept>

namespace accord::test {

namespace {

std::uint32_t read_u32(const std::string& zip, std::size_t at) {
    std::uint32_t value = 0;
    for (int k = 3; k >= 0; --k) value = (value << 8) | static_cast<unsigned char>(zip.at(at + k));
    return value;
}
std::uint16_t read_u16(const std::string& zip, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(zip.at(at)) |
                                      (static_cast<unsigned char>(zip.at(at + 1)) << 8));
}
void write_u32(std::string& zip, std::size_t at, std::uint32_t value) {
    for (int k = 0; k < 4; ++k) zip.at(at + k) = static_cast<char>((value >> (8 * k)) & 0xff);
}
void write_u16(std::string& zip, std::size_t at, std::uint16_t value) {
    zip.at(at) = static_cast<char>(value & 0xff);
    zip.at(at + 1) = static_cast<char>(value >> 8);
}

struct Headers {
    std::size_t central = 0;  // offset of the entry's central directory record
    std::size_t local = 0;    // offset of its local header
};

Headers find_entry(const std::string& zip, std::string_view entry) {
    if (zip.size() < 22 || zip.compare(zip.size() - 22, 4, "PK\x05\x06") != 0)
        throw std::runtime_error("zip_bytes: no end record without comment");
    const std::size_t end = zip.size() - 22;
    const std::uint16_t count = read_u16(zip, end + 10);
    std::size_t at = read_u32(zip, end + 16);
    for (std::uint16_t i = 0; i < count; ++i) {
        if (zip.compare(at, 4, "PK\x01\x02") != 0)
            throw std::runtime_error("zip_bytes: bad central record");
        const std::uint16_t name_length = read_u16(zip, at + 28);
        const std::uint16_t extra = read_u16(zip, at + 30);
        const std::uint16_t comment = read_u16(zip, at + 32);
        if (std::string_view(zip).substr(at + 46, name_length) == entry)
            return {at, read_u32(zip, at + 42)};
        at += 46 + name_length + extra + comment;
    }
    throw std::runtime_error("zip_bytes: no entry " + std::string(entry));
}

}  // namespace

void set_declared_size(std::string& zip, std::string_view entry, std::uint32_t size) {
    const Headers h = find_entry(zip, entry);
    write_u32(zip, h.central + 24, size);
    if ((read_u16(zip, h.local + 6) & 0x8) == 0) write_u32(zip, h.local + 22, size);
}

void set_encrypted_flag(std::string& zip, std::string_view entry) {
    const Headers h = find_entry(zip, entry);
    write_u16(zip, h.central + 8, read_u16(zip, h.central + 8) | 1);
    write_u16(zip, h.local + 6, read_u16(zip, h.local + 6) | 1);
}

void rename_entry(std::string& zip, std::string_view from, std::string_view to) {
    if (from.size() != to.size()) throw std::runtime_error("zip_bytes: names differ in length");
    const Headers h = find_entry(zip, from);
    zip.replace(h.central + 46, to.size(), to);
    zip.replace(h.local + 30, to.size(), to);
}

}  // namespace accord::test
