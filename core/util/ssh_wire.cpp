#include "core/util/ssh_wire.hpp"

namespace accord {

std::optional<std::uint32_t> SshReader::u32() {
    if (rest_.size() < 4) return std::nullopt;
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(rest_[i]);
    rest_.remove_prefix(4);
    return value;
}

std::optional<std::string_view> SshReader::bytes(std::size_t count) {
    if (rest_.size() < count) return std::nullopt;
    const std::string_view out = rest_.substr(0, count);
    rest_.remove_prefix(count);
    return out;
}

std::optional<std::string_view> SshReader::string() {
    const std::string_view before = rest_;
    const auto length = u32();
    if (!length) return std::nullopt;
    auto out = bytes(*length);
    if (!out) rest_ = before;
    return out;
}

std::optional<std::string_view> SshReader::positive_mpint() {
    const std::string_view before = rest_;
    auto value = string();
    if (!value) return std::nullopt;
    std::string_view magnitude = *value;
    const auto first = [&] { return static_cast<unsigned char>(magnitude[0]); };
    if (magnitude.empty() || (first() & 0x80) != 0) {  // zero or negative
        rest_ = before;
        return std::nullopt;
    }
    if (first() == 0) {
        // A leading zero is only there to keep the sign bit clear.
        if (magnitude.size() < 2 || (static_cast<unsigned char>(magnitude[1]) & 0x80) == 0) {
            rest_ = before;
            return std::nullopt;
        }
        magnitude.remove_prefix(1);
    }
    return magnitude;
}

SshWriter& SshWriter::u32(std::uint32_t value) {
    out_ += char(value >> 24);
    out_ += char(value >> 16);
    out_ += char(value >> 8);
    out_ += char(value);
    return *this;
}

SshWriter& SshWriter::string(std::string_view bytes) {
    u32(static_cast<std::uint32_t>(bytes.size()));
    out_.append(bytes);
    return *this;
}

SshWriter& SshWriter::raw(std::string_view bytes) {
    out_.append(bytes);
    return *this;
}

}  // namespace accord
