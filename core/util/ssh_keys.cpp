#include "core/util/ssh_keys.hpp"

#include <array>

#include "core/util/base64.hpp"
#include "core/util/crypto.hpp"
#include "core/util/ssh_wire.hpp"
#include "core/util/text.hpp"

namespace accord {

namespace {

// Longer than any key accepted here (a 16384-bit RSA key is under 3 KB).
constexpr std::size_t kMaximumLineLength = 16384;

constexpr std::string_view kAccepted =
    "ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521 (the contents of a .pub file)";

struct TypeInfo {
    SshKeyType type;
    std::string_view name;
    std::string_view curve;      // ECDSA: the curve's name inside the blob
    std::size_t point_size = 0;  // ECDSA: uncompressed point length
};
constexpr std::array<TypeInfo, 5> kTypes = {{
    {SshKeyType::ed25519, "ssh-ed25519", "", 0},
    {SshKeyType::rsa, "ssh-rsa", "", 0},
    {SshKeyType::ecdsa_p256, "ecdsa-sha2-nistp256", "nistp256", 65},
    {SshKeyType::ecdsa_p384, "ecdsa-sha2-nistp384", "nistp384", 97},
    {SshKeyType::ecdsa_p521, "ecdsa-sha2-nistp521", "nistp521", 133},
}};

const TypeInfo* find_type(std::string_view name) {
    for (const TypeInfo& info : kTypes) {
        if (info.name == name) return &info;
    }
    return nullptr;
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}
bool is_blank(char c) {
    return c == ' ' || c == '\t';
}
std::string_view next_field(std::string_view& rest) {
    std::size_t end = 0;
    while (end < rest.size() && !is_blank(rest[end])) ++end;
    const std::string_view field = rest.substr(0, end);
    rest.remove_prefix(end);
    while (!rest.empty() && is_blank(rest.front())) rest.remove_prefix(1);
    return field;
}

// Why a key type that is not accepted is refused, or "" when it is not a key type at all.
std::string refused_type(std::string_view type) {
    const std::string quoted = "`" + std::string(type) + "`";
    if (ends_with(type, "-cert-v01@openssh.com")) {
        return quoted + " is a certificate: give the plain public key it certifies";
    }
    if (starts_with(type, "sk-")) {
        return quoted +
               " is a security-key (FIDO) key, which accord does not check yet: give an "
               "ssh-ed25519 key (ssh-keygen -t ed25519)";
    }
    if (type == "ssh-dss") {
        return "DSA keys (ssh-dss) are refused, as OpenSSH refuses them: make an Ed25519 key "
               "(ssh-keygen -t ed25519)";
    }
    if (starts_with(type, "ssh-") || starts_with(type, "ecdsa-")) {
        return "unknown key type " + quoted + ": expected " + std::string(kAccepted);
    }
    return "";
}

SshKeyParse failed(std::string message, bool refused = false) {
    SshKeyParse result;
    result.error = std::move(message);
    result.refused = refused;
    return result;
}

}  // namespace

std::string_view ssh_key_type_name(SshKeyType type) {
    for (const TypeInfo& info : kTypes) {
        if (info.type == type) return info.name;
    }
    return "unknown";
}

int SshPublicKey::bits() const {
    switch (type) {
        case SshKeyType::ed25519:
            return 256;
        case SshKeyType::rsa: {
            if (rsa_n.empty()) return 0;
            int top = 0;
            for (unsigned char c = static_cast<unsigned char>(rsa_n[0]); c != 0; c >>= 1) ++top;
            return static_cast<int>(rsa_n.size() - 1) * 8 + top;
        }
        case SshKeyType::ecdsa_p256:
            return 256;
        case SshKeyType::ecdsa_p384:
            return 384;
        case SshKeyType::ecdsa_p521:
            return 521;
    }
    return 0;
}

std::string SshPublicKey::fingerprint() const {
    return ssh_fingerprint(blob);
}

std::string SshPublicKey::to_line() const {
    std::string line = std::string(type_name()) + " " + base64_encode(blob);
    if (!comment.empty()) line += " " + comment;
    return line;
}

std::string ssh_fingerprint(std::string_view blob) {
    return "SHA256:" + base64_encode(crypto::digest(crypto::Digest::sha256, blob), false);
}

SshKeyParse parse_ssh_public_key_blob(std::string_view blob) {
    SshReader reader(blob);
    const auto type_name = reader.string();
    if (!type_name) return failed("the key data is too short to hold a key type");
    const TypeInfo* info = find_type(*type_name);
    if (info == nullptr) {
        const std::string why = refused_type(*type_name);
        if (why.empty()) return failed("the key data does not start with a known key type");
        return failed(why, true);
    }
    SshPublicKey key;
    key.type = info->type;
    key.blob = std::string(blob);
    const std::string name(info->name);
    switch (info->type) {
        case SshKeyType::ed25519: {
            const auto point = reader.string();
            if (!point) return failed("the " + name + " key data is cut short");
            if (point->size() != 32) {
                return failed("the " + name + " key is " + std::to_string(point->size()) +
                              " bytes long instead of 32");
            }
            key.ed25519 = std::string(*point);
            break;
        }
        case SshKeyType::rsa: {
            const auto e = reader.positive_mpint();
            const auto n = e ? reader.positive_mpint() : std::nullopt;
            if (!e || !n) {
                return failed("the ssh-rsa key data is cut short or its numbers are malformed");
            }
            key.rsa_e = std::string(*e);
            key.rsa_n = std::string(*n);
            const int bits = key.bits();
            if (bits < kMinimumRsaBits) {
                return failed("this RSA key has " + std::to_string(bits) +
                                  " bits, too few to be trusted (at least " +
                                  std::to_string(kMinimumRsaBits) +
                                  "): make an Ed25519 key (ssh-keygen -t ed25519)",
                              true);
            }
            if (bits > kMaximumRsaBits) {
                return failed("this RSA key has " + std::to_string(bits) + " bits, more than the " +
                                  std::to_string(kMaximumRsaBits) + " OpenSSH accepts",
                              true);
            }
            if (key.rsa_e.size() > 8 || (static_cast<unsigned char>(key.rsa_e.back()) & 1) == 0 ||
                (key.rsa_e.size() == 1 && static_cast<unsigned char>(key.rsa_e[0]) < 3)) {
                return failed("this RSA key's public exponent is not a valid one");
            }
            break;
        }
        default: {
            const auto curve = reader.string();
            const auto point = curve ? reader.string() : std::nullopt;
            if (!curve || !point) return failed("the " + name + " key data is cut short");
            if (*curve != info->curve) {
                return failed("the key says " + name + " but names the curve `" +
                              std::string(*curve) + "`");
            }
            if (point->size() != info->point_size || (*point)[0] != '\x04') {
                return failed("the " + name +
                              " key's public point is not an uncompressed point of its curve");
            }
            key.ecdsa_point = std::string(*point);
            break;
        }
    }
    if (!reader.at_end()) {
        return failed("the " + name + " key data has " + std::to_string(reader.remaining()) +
                      " bytes too many at its end");
    }
    return SshKeyParse{std::move(key), ""};
}

SshKeyParse parse_ssh_public_key(std::string_view line) {
    if (line.size() > kMaximumLineLength) {
        return failed("the key is " + std::to_string(line.size()) +
                      " bytes long, longer than any SSH public key");
    }
    std::string_view rest = trim(line);
    if (rest.empty()) {
        return failed(
            "no key given: expected a public key such as `ssh-ed25519 AAAAC3Nza... "
            "name@host`, " +
            std::string(kAccepted));
    }
    if (starts_with(rest, "-----BEGIN") && rest.find("PRIVATE KEY") != std::string_view::npos) {
        return failed(
            "this is a private key, which must never leave its owner: give the public "
            "key (the .pub file beside it)");
    }
    if (starts_with(rest, "---- BEGIN SSH2 PUBLIC KEY")) {
        return failed(
            "this is an RFC 4716 (SSH2) key file: convert it with ssh-keygen -i -f FILE "
            "and give the line that prints");
    }
    if (rest.find('\n') != std::string_view::npos) {
        return failed("more than one line: give one key per entry");
    }
    const std::string_view type_name = next_field(rest);
    const TypeInfo* info = find_type(type_name);
    if (info == nullptr) {
        const std::string why = refused_type(type_name);
        if (!why.empty()) return failed(why, true);
        // authorized_keys lets options come first (from="...",no-pty ssh-ed25519 ...).
        std::string_view after = rest;
        const std::string_view second = next_field(after);
        if (find_type(second) != nullptr || !refused_type(second).empty() ||
            type_name.find('=') != std::string_view::npos) {
            return failed("the line starts with authorized_keys options (`" +
                          std::string(type_name.substr(0, 40)) +
                          "`): give the key alone, from its type on");
        }
        return failed("this is not an SSH public key: expected " + std::string(kAccepted) +
                      ", found `" + std::string(type_name.substr(0, 40)) + "`");
    }
    const std::string_view encoded = next_field(rest);
    if (encoded.empty()) {
        return failed("the key type `" + std::string(type_name) +
                      "` is not followed by the key itself (the base64 part)");
    }
    const Base64Decoded decoded = base64_decode(encoded);
    if (!decoded.bytes) return failed("the key's base64 part is damaged: " + decoded.error);
    SshKeyParse parsed = parse_ssh_public_key_blob(*decoded.bytes);
    if (!parsed.key) return parsed;
    if (parsed.key->type != info->type) {
        return failed("the line says `" + std::string(type_name) + "` but the key in it is `" +
                      std::string(parsed.key->type_name()) +
                      "`: the line was edited or pasted "
                      "together from two keys");
    }
    parsed.key->comment = std::string(trim(rest));
    return parsed;
}

}  // namespace accord
