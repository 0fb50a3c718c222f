#pragma once
// The SSH wire encoding (RFC 4251 section 5) that keys and signatures are
// made of: big-endian uint32, and "string" as a uint32 length followed by
// that many bytes. Reading never goes past the end of the input: a length
// that claims more than is left is an error, not a read.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accord {

class SshReader {
  public:
    explicit SshReader(std::string_view bytes) : rest_(bytes) {}

    std::optional<std::uint32_t> u32();
    std::optional<std::string_view> string();
    // An mpint that must be positive (RSA e and n, ECDSA r and s): its
    // magnitude, big-endian, without leading zero bytes. Negative values and
    // non-minimal encodings (RFC 4251: no unnecessary leading zero) are refused.
    std::optional<std::string_view> positive_mpint();
    // `count` raw bytes.
    std::optional<std::string_view> bytes(std::size_t count);

    bool at_end() const { return rest_.empty(); }
    std::size_t remaining() const { return rest_.size(); }

  private:
    std::string_view rest_;
};

class SshWriter {
  public:
    SshWriter& u32(std::uint32_t value);
    SshWriter& string(std::string_view bytes);
    SshWriter& raw(std::string_view bytes);
    const std::string& bytes() const { return out_; }
    std::string take() { return std::move(out_); }

  private:
    std::string out_;
};

}  // namespace accord
