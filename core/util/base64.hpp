#pragma once
// Base64 (RFC 4648, standard alphabet) as SSH keys, SSH signatures and their
// fingerprints use it. Decoding is strict: a stray character, bad padding or
// leftover bits is an error, so that one key or signature has one spelling.
#include <optional>
#include <string>
#include <string_view>

namespace accord {

// `bytes` in base64, with '=' padding unless `pad` is false (fingerprints
// are printed without it).
std::string base64_encode(std::string_view bytes, bool pad = true);

struct Base64Decoded {
    std::optional<std::string> bytes;
    std::string error;  // what is wrong and where, when bytes is empty
};

struct Base64Options {
    // Line breaks ('\n', "\r\n") between characters are skipped, as in an
    // armored block; any other whitespace is an error.
    bool allow_line_breaks = false;
};

Base64Decoded base64_decode(std::string_view text, const Base64Options& options = {});

}  // namespace accord
