#pragma once
// git's SSH signatures, as `ssh-keygen -Y sign -n git` makes them and git
// stores them in a commit's gpgsig header (the SSHSIG format of OpenSSH's
// PROTOCOL.sshsig): an armored block
//
//   -----BEGIN SSH SIGNATURE-----
//   (base64, wrapped)
//   -----END SSH SIGNATURE-----
//
// around a blob holding "SSHSIG", a version (1), the signer's public key, a
// namespace ("git" for commits), a reserved string, the hash algorithm
// (sha256 or sha512) and the signature proper. The key signs not the
// message but "SSHSIG" || namespace || reserved || hash algorithm ||
// H(message), each as an SSH string.
//
// Checked here, in-process: Ed25519, RSA with rsa-sha2-256 or rsa-sha2-512
// (the SHA-1 "ssh-rsa" algorithm is refused, as OpenSSH refuses it), and
// ECDSA on P-256, P-384 and P-521. A signature says which key made it;
// whether that key may speak for anyone is the caller's question.
#include <optional>
#include <string>
#include <string_view>

#include "core/util/ssh_keys.hpp"

namespace accord {

struct SshSignature {
    SshPublicKey signer;              // the key the signature names as its maker
    std::string name_space;           // what it was made for: "git" for commits
    std::string hash_algorithm;       // "sha256" or "sha512"
    std::string signature_algorithm;  // "ssh-ed25519", "rsa-sha2-512", ...
    std::string signature;            // the raw signature of the key's algorithm
};

struct SshSignatureParse {
    std::optional<SshSignature> signature;
    std::string error;  // what is wrong, when signature is empty
    // The signature was read but uses something not checked here (SHA-1
    // RSA, an unknown hash or key type): refused rather than malformed.
    bool unsupported = false;
};

// The armored form. Blank space after the end line is allowed, nothing else.
SshSignatureParse parse_ssh_signature(std::string_view armored);

// The blob inside the armor.
SshSignatureParse parse_ssh_signature_blob(std::string_view blob);

// The bytes the key signs for `message` under `name_space` with
// `hash_algorithm` ("sha256" or "sha512").
std::string ssh_signed_data(std::string_view name_space, std::string_view hash_algorithm,
                            std::string_view message);

enum class SignatureVerdict {
    good,         // made by `signer` for this message and namespace
    bad,          // readable, but not a signature of this message in this namespace
    malformed,    // not a readable SSH signature
    unsupported,  // readable, but of a kind refused here (see above)
};

struct SignatureCheck {
    SignatureVerdict verdict = SignatureVerdict::malformed;
    std::optional<SshPublicKey> signer;  // the key it names, when it could be read
    std::string fingerprint;             // the signer's, "" when unknown
    std::string error;                   // why it is not good
    bool good() const { return verdict == SignatureVerdict::good; }
};

// Whether `armored` is a signature of `message` made for `expected_namespace`.
SignatureCheck verify_ssh_signature(std::string_view armored, std::string_view message,
                                    std::string_view expected_namespace = "git");
SignatureCheck verify_ssh_signature(const SshSignature& signature, std::string_view message,
                                    std::string_view expected_namespace = "git");

}  // namespace accord
