#include "core/util/ssh_signature.hpp"

#include "core/util/base64.hpp"
#include "core/util/crypto.hpp"
#include "core/util/ssh_wire.hpp"

namespace accord {

namespace {

constexpr std::string_view kBegin = "-----BEGIN SSH SIGNATURE-----";
constexpr std::string_view kEnd = "-----END SSH SIGNATURE-----";
constexpr std::string_view kMagic = "SSHSIG";
constexpr std::uint32_t kVersion = 1;
// Far more than any signature made by an accepted key (a 16384-bit RSA
// signature armors to under 6 KB).
constexpr std::size_t kMaximumArmoredSize = 65536;

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

SshSignatureParse failed(std::string message, bool unsupported = false) {
    SshSignatureParse result;
    result.error = std::move(message);
    result.unsupported = unsupported;
    return result;
}

std::optional<crypto::Digest> message_digest(std::string_view hash_algorithm) {
    if (hash_algorithm == "sha256") return crypto::Digest::sha256;
    if (hash_algorithm == "sha512") return crypto::Digest::sha512;
    return std::nullopt;
}

crypto::Digest curve_digest(SshKeyType type) {
    switch (type) {
        case SshKeyType::ecdsa_p384:
            return crypto::Digest::sha384;
        case SshKeyType::ecdsa_p521:
            return crypto::Digest::sha512;
        default:
            return crypto::Digest::sha256;
    }
}

crypto::Curve curve_of(SshKeyType type) {
    switch (type) {
        case SshKeyType::ecdsa_p384:
            return crypto::Curve::p384;
        case SshKeyType::ecdsa_p521:
            return crypto::Curve::p521;
        default:
            return crypto::Curve::p256;
    }
}

// Checks that the signature algorithm fits the key; "" when it does.
std::string algorithm_problem(const SshPublicKey& key, std::string_view algorithm,
                              bool& unsupported) {
    const std::string named = "`" + std::string(algorithm) + "`";
    switch (key.type) {
        case SshKeyType::ed25519:
            if (algorithm == "ssh-ed25519") return "";
            break;
        case SshKeyType::rsa:
            if (algorithm == "rsa-sha2-256" || algorithm == "rsa-sha2-512") return "";
            if (algorithm == "ssh-rsa") {
                unsupported = true;
                return "the RSA signature uses SHA-1 (ssh-rsa), which is refused: sign again with "
                       "a current ssh-keygen (it uses rsa-sha2-512)";
            }
            break;
        default:
            if (algorithm == key.type_name()) return "";
            break;
    }
    return "the signature algorithm " + named + " does not fit the " +
           std::string(key.type_name()) + " key that signed";
}

}  // namespace

SshSignatureParse parse_ssh_signature_blob(std::string_view blob) {
    SshReader reader(blob);
    const auto magic = reader.bytes(kMagic.size());
    if (!magic || *magic != kMagic) {
        return failed(
            "the signature's data does not start with SSHSIG: it is not an SSH "
            "signature, or it is damaged");
    }
    const auto version = reader.u32();
    if (!version) return failed("the signature is cut short after SSHSIG");
    if (*version != kVersion) {
        return failed("the signature is of SSHSIG version " + std::to_string(*version) +
                          ", and only version 1 is known",
                      true);
    }
    const auto key_blob = reader.string();
    const auto name_space = key_blob ? reader.string() : std::nullopt;
    const auto reserved = name_space ? reader.string() : std::nullopt;
    const auto hash_algorithm = reserved ? reader.string() : std::nullopt;
    const auto wrapped = hash_algorithm ? reader.string() : std::nullopt;
    if (!wrapped) return failed("the signature's data is cut short");
    if (!reader.at_end()) {
        return failed("the signature's data has " + std::to_string(reader.remaining()) +
                      " bytes too many at its end");
    }
    // The reserved string is ignored, as PROTOCOL.sshsig asks: it is not
    // part of what the key signs.
    if (name_space->empty()) return failed("the signature's namespace is empty");
    if (!message_digest(*hash_algorithm)) {
        return failed("the signature hashes with `" + std::string(hash_algorithm->substr(0, 40)) +
                          "`; only sha256 and sha512 are known",
                      true);
    }
    SshKeyParse key = parse_ssh_public_key_blob(*key_blob);
    if (!key.key) {
        return failed("the key in the signature: " + key.error, key.refused);
    }
    SshReader inner(*wrapped);
    const auto algorithm = inner.string();
    const auto raw = algorithm ? inner.string() : std::nullopt;
    if (!raw || !inner.at_end()) return failed("the signature proper is malformed");
    bool unsupported = false;
    const std::string problem = algorithm_problem(*key.key, *algorithm, unsupported);
    if (!problem.empty()) return failed(problem, unsupported);

    SshSignature out;
    out.signer = std::move(*key.key);
    out.name_space = std::string(*name_space);
    out.hash_algorithm = std::string(*hash_algorithm);
    out.signature_algorithm = std::string(*algorithm);
    out.signature = std::string(*raw);
    SshSignatureParse result;
    result.signature = std::move(out);
    return result;
}

SshSignatureParse parse_ssh_signature(std::string_view armored) {
    if (armored.size() > kMaximumArmoredSize) {
        return failed("the signature is " + std::to_string(armored.size()) +
                      " bytes long, longer than any SSH signature");
    }
    std::string_view text = armored;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' ||
                             text.back() == '\t'))
        text.remove_suffix(1);
    if (starts_with(text, "-----BEGIN PGP SIGNATURE-----")) {
        return failed(
            "this is an OpenPGP signature; accord checks SSH signatures (git config "
            "gpg.format ssh)",
            true);
    }
    if (starts_with(text, "-----BEGIN SIGNED MESSAGE-----")) {
        return failed(
            "this is an X.509 signature; accord checks SSH signatures (git config "
            "gpg.format ssh)",
            true);
    }
    if (!starts_with(text, kBegin)) {
        return failed("the signature does not start with " + std::string(kBegin));
    }
    text.remove_prefix(kBegin.size());
    if (starts_with(text, "\r\n")) {
        text.remove_prefix(2);
    } else if (starts_with(text, "\n")) {
        text.remove_prefix(1);
    } else {
        return failed("the line " + std::string(kBegin) + " is not followed by a line break");
    }
    if (!ends_with(text, kEnd)) {
        return failed("the signature has no end line (" + std::string(kEnd) +
                      "): it was cut short");
    }
    text.remove_suffix(kEnd.size());
    if (!text.empty() && text.back() != '\n') {
        return failed("the end line " + std::string(kEnd) + " does not start a line");
    }
    if (text.empty() || text == "\n" || text == "\r\n") {
        return failed("there is nothing between the signature's begin and end lines");
    }
    Base64Options options;
    options.allow_line_breaks = true;
    const Base64Decoded blob = base64_decode(text, options);
    if (!blob.bytes) return failed("the signature's base64 is damaged: " + blob.error);
    return parse_ssh_signature_blob(*blob.bytes);
}

std::string ssh_signed_data(std::string_view name_space, std::string_view hash_algorithm,
                            std::string_view message) {
    const auto algorithm = message_digest(hash_algorithm);
    SshWriter out;
    out.raw(kMagic).string(name_space).string("").string(hash_algorithm);
    out.string(algorithm ? crypto::digest(*algorithm, message) : std::string());
    return out.take();
}

SignatureCheck verify_ssh_signature(const SshSignature& signature, std::string_view message,
                                    std::string_view expected_namespace) {
    SignatureCheck check;
    check.signer = signature.signer;
    check.fingerprint = signature.signer.fingerprint();
    if (signature.name_space != expected_namespace) {
        check.verdict = SignatureVerdict::bad;
        check.error = "the signature was made for `" + signature.name_space.substr(0, 40) +
                      "`, not for `" + std::string(expected_namespace) + "`";
        return check;
    }
    if (!message_digest(signature.hash_algorithm)) {
        check.verdict = SignatureVerdict::unsupported;
        check.error = "unknown hash algorithm `" + signature.hash_algorithm.substr(0, 40) + "`";
        return check;
    }
    const std::string signed_data =
        ssh_signed_data(expected_namespace, signature.hash_algorithm, message);
    const SshPublicKey& key = signature.signer;
    bool valid = false;
    switch (key.type) {
        case SshKeyType::ed25519:
            valid = crypto::verify_ed25519(key.ed25519, signed_data, signature.signature);
            break;
        case SshKeyType::rsa:
            valid = crypto::verify_rsa_pkcs1(key.rsa_n, key.rsa_e,
                                             signature.signature_algorithm == "rsa-sha2-256"
                                                 ? crypto::Digest::sha256
                                                 : crypto::Digest::sha512,
                                             signed_data, signature.signature);
            break;
        default: {
            SshReader reader(signature.signature);
            const auto r = reader.positive_mpint();
            const auto s = r ? reader.positive_mpint() : std::nullopt;
            valid = s && reader.at_end() &&
                    crypto::verify_ecdsa(curve_of(key.type), key.ecdsa_point,
                                         curve_digest(key.type), signed_data, *r, *s);
            break;
        }
    }
    if (valid) {
        check.verdict = SignatureVerdict::good;
    } else {
        check.verdict = SignatureVerdict::bad;
        check.error =
            "the signature does not match: what it signs was changed after signing, "
            "or the signature was";
    }
    return check;
}

SignatureCheck verify_ssh_signature(std::string_view armored, std::string_view message,
                                    std::string_view expected_namespace) {
    const SshSignatureParse parsed = parse_ssh_signature(armored);
    if (!parsed.signature) {
        SignatureCheck check;
        check.verdict =
            parsed.unsupported ? SignatureVerdict::unsupported : SignatureVerdict::malformed;
        check.error = parsed.error;
        return check;
    }
    return verify_ssh_signature(*parsed.signature, message, expected_namespace);
}

}  // namespace accord
