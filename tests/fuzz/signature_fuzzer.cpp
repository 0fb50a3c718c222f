// libFuzzer target for what a pushed commit or a registry can hand to the
// signature code: any byte string is read as base64, as an authorized_keys
// line, as a wire-encoded key and as an SSH signature (armored and bare)
// without a crash or a read out of bounds; what base64 accepts has exactly
// one spelling, and a key that parses prints back to the same key.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/util/base64.hpp"
#include "core/util/ssh_keys.hpp"
#include "core/util/ssh_signature.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    const accord::Base64Decoded decoded = accord::base64_decode(input);
    if (decoded.bytes && accord::base64_encode(*decoded.bytes) != input) std::abort();
    accord::Base64Options armored;
    armored.allow_line_breaks = true;
    (void)accord::base64_decode(input, armored);

    const accord::SshKeyParse line = accord::parse_ssh_public_key(input);
    if (line.key) {
        const accord::SshKeyParse again = accord::parse_ssh_public_key(line.key->to_line());
        if (!again.key || !again.key->same_key(*line.key)) std::abort();
    }
    const accord::SshKeyParse blob = accord::parse_ssh_public_key_blob(input);
    if (blob.key) {
        const accord::SshKeyParse as_line = accord::parse_ssh_public_key(blob.key->to_line());
        if (!as_line.key || !as_line.key->same_key(*blob.key)) std::abort();
    }

    // Checking runs libcrypto, so only on signatures that parse.
    const accord::SshSignatureParse bare = accord::parse_ssh_signature_blob(input);
    if (bare.signature) {
        if (accord::verify_ssh_signature(*bare.signature, "message").good()) std::abort();
    }
    const accord::SshSignatureParse armor = accord::parse_ssh_signature(input);
    if (armor.signature) (void)accord::verify_ssh_signature(*armor.signature, "message");
    return 0;
}
