#pragma once
// The cryptography that checking SSH signatures needs: digests and the
// verification of Ed25519, RSA (PKCS #1 v1.5) and ECDSA signatures over raw
// key material. The one place that talks to OpenSSL.
//
// libcrypto is loaded the first time one of these functions runs, not when
// the program starts: linking it would cost every run of accord (git starts
// the merge driver once per merged file) about 0.6 ms of dynamic loading,
// for the few commands that check signatures. If it cannot be loaded, the
// call throws accord::Error (exit 3) naming the library and the package.
#include <string>
#include <string_view>

namespace accord::crypto {

enum class Digest { sha256, sha384, sha512 };

std::string digest(Digest algorithm, std::string_view data);

// Each returns true only when `signature` is a valid signature of `message`
// under the given public key; a malformed key or signature is just false.

// public_key: the 32-byte Ed25519 key; signature: 64 bytes. The message is
// signed as it is (Ed25519 hashes internally).
bool verify_ed25519(std::string_view public_key, std::string_view message,
                    std::string_view signature);

// modulus and exponent: big-endian magnitudes. The message is hashed with
// `algorithm`; signature: as long as the modulus or shorter (leading zeros
// dropped, as some signers do).
bool verify_rsa_pkcs1(std::string_view modulus, std::string_view exponent, Digest algorithm,
                      std::string_view message, std::string_view signature);

enum class Curve { p256, p384, p521 };

// point: the uncompressed public point (0x04 || X || Y); r and s: big-endian
// magnitudes. The message is hashed with `algorithm`.
bool verify_ecdsa(Curve curve, std::string_view point, Digest algorithm, std::string_view message,
                  std::string_view r, std::string_view s);

}  // namespace accord::crypto
