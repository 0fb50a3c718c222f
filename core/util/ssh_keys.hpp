#pragma once
// SSH public keys as people hand them over: one line of an authorized_keys
// or .pub file, "ssh-ed25519 AAAAC3Nza... jane@laptop". A key is identified
// by its wire encoding (the base64 part, decoded): two keys are the same key
// when those bytes are equal, whatever their comments say. Its fingerprint
// is the one `ssh-keygen -l` prints ("SHA256:" and unpadded base64).
//
// Accepted: ssh-ed25519, ssh-rsa (2048 to 16384 bits) and
// ecdsa-sha2-nistp256/384/521. Refused, each with a message saying why and
// what to give instead: DSA keys, security-key (sk-) keys, certificates,
// authorized_keys options, private keys, RFC 4716 ("SSH2") files.
#include <optional>
#include <string>
#include <string_view>

namespace accord {

enum class SshKeyType { ed25519, rsa, ecdsa_p256, ecdsa_p384, ecdsa_p521 };

// "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", ...
std::string_view ssh_key_type_name(SshKeyType type);

constexpr int kMinimumRsaBits = 2048;
constexpr int kMaximumRsaBits = 16384;

struct SshPublicKey {
    SshKeyType type = SshKeyType::ed25519;
    std::string blob;     // the wire encoding: what identifies the key
    std::string comment;  // from the line it was read from; not part of the key

    // The key material, read from the blob (only the fields of its type are set).
    std::string ed25519;      // 32 bytes
    std::string rsa_e;        // big-endian magnitude
    std::string rsa_n;        // big-endian magnitude
    std::string ecdsa_point;  // uncompressed: 0x04 || X || Y

    std::string_view type_name() const { return ssh_key_type_name(type); }
    int bits() const;
    // "SHA256:" followed by the unpadded base64 of the blob's SHA-256.
    std::string fingerprint() const;
    // "TYPE BASE64" and, when there is one, " COMMENT": an authorized_keys
    // line (and the key part of an allowed-signers line).
    std::string to_line() const;
    bool same_key(const SshPublicKey& other) const { return blob == other.blob; }
};

struct SshKeyParse {
    std::optional<SshPublicKey> key;
    std::string error;  // what is wrong and what to give instead, when key is empty
    // The key is well-formed but of a kind refused here (DSA, sk-, a
    // certificate, RSA of too few or too many bits), rather than damaged.
    bool refused = false;
};

// One key in authorized_keys form: "TYPE BASE64 [COMMENT]", surrounding
// blanks ignored. The callers add where the line came from to the error.
SshKeyParse parse_ssh_public_key(std::string_view line);

// A key in wire encoding (as a signature carries its signer's key).
SshKeyParse parse_ssh_public_key_blob(std::string_view blob);

// The fingerprint of a wire-encoded key, as ssh-keygen -l prints it.
std::string ssh_fingerprint(std::string_view blob);

}  // namespace accord
