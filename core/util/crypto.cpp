#include "core/util/crypto.hpp"

#include <dlfcn.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/param_build.h>

#include <memory>
#include <vector>

#include "core/util/errors.hpp"

namespace accord::crypto {

namespace {

#define ACCORD_STRINGIFY2(x) #x
#define ACCORD_STRINGIFY(x) ACCORD_STRINGIFY2(x)
// libcrypto's SONAME for the headers accord was built against.
constexpr const char* kLibrary = "libcrypto.so." ACCORD_STRINGIFY(OPENSSL_SHLIB_VERSION);

// The libcrypto functions used here, one X-macro line each.
#define ACCORD_CRYPTO_FUNCTIONS(X)      \
    X(BN_bin2bn)                        \
    X(BN_free)                          \
    X(ECDSA_SIG_free)                   \
    X(ECDSA_SIG_new)                    \
    X(ECDSA_SIG_set0)                   \
    X(ERR_clear_error)                  \
    X(EVP_Digest)                       \
    X(EVP_DigestVerify)                 \
    X(EVP_DigestVerifyInit)             \
    X(EVP_MD_CTX_free)                  \
    X(EVP_MD_CTX_new)                   \
    X(EVP_PKEY_CTX_free)                \
    X(EVP_PKEY_CTX_new_from_name)       \
    X(EVP_PKEY_free)                    \
    X(EVP_PKEY_fromdata)                \
    X(EVP_PKEY_fromdata_init)           \
    X(EVP_PKEY_new_raw_public_key)      \
    X(EVP_sha256)                       \
    X(EVP_sha384)                       \
    X(EVP_sha512)                       \
    X(OSSL_PARAM_BLD_free)              \
    X(OSSL_PARAM_BLD_new)               \
    X(OSSL_PARAM_BLD_push_BN)           \
    X(OSSL_PARAM_BLD_push_octet_string) \
    X(OSSL_PARAM_BLD_push_utf8_string)  \
    X(OSSL_PARAM_BLD_to_param)          \
    X(OSSL_PARAM_free)                  \
    X(i2d_ECDSA_SIG)

struct Api {
#define ACCORD_CRYPTO_MEMBER(name) decltype(&::name) name = nullptr;
    ACCORD_CRYPTO_FUNCTIONS(ACCORD_CRYPTO_MEMBER)
#undef ACCORD_CRYPTO_MEMBER
};

Api load() {
    void* library = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* why = dlerror();
        throw failure(std::string("cannot load ") + kLibrary +
                      ", which accord needs to check signatures (" +
                      (why ? why : "unknown reason") + "); install it: apt-get install libssl" +
                      ACCORD_STRINGIFY(OPENSSL_SHLIB_VERSION));
    }
    Api api;
    std::string missing;
#define ACCORD_CRYPTO_LOAD(name)                                            \
    api.name = reinterpret_cast<decltype(api.name)>(dlsym(library, #name)); \
    if (api.name == nullptr) missing += missing.empty() ? #name : ", " #name;
    ACCORD_CRYPTO_FUNCTIONS(ACCORD_CRYPTO_LOAD)
#undef ACCORD_CRYPTO_LOAD
    if (!missing.empty()) {
        throw failure(std::string(kLibrary) + " lacks functions accord needs (" + missing +
                      "); install OpenSSL " OPENSSL_VERSION_STR " or a compatible release");
    }
    return api;  // the library stays loaded until the process ends
}

const Api& api() {
    static const Api table = load();
    return table;
}

// RAII for the OpenSSL objects used below.
struct Deleter {
    void operator()(EVP_PKEY* p) const { api().EVP_PKEY_free(p); }
    void operator()(EVP_PKEY_CTX* p) const { api().EVP_PKEY_CTX_free(p); }
    void operator()(EVP_MD_CTX* p) const { api().EVP_MD_CTX_free(p); }
    void operator()(OSSL_PARAM_BLD* p) const { api().OSSL_PARAM_BLD_free(p); }
    void operator()(OSSL_PARAM* p) const { api().OSSL_PARAM_free(p); }
    void operator()(BIGNUM* p) const { api().BN_free(p); }
    void operator()(ECDSA_SIG* p) const { api().ECDSA_SIG_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Deleter>;

const unsigned char* bytes_of(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

const EVP_MD* message_digest(Digest algorithm) {
    switch (algorithm) {
        case Digest::sha256:
            return api().EVP_sha256();
        case Digest::sha384:
            return api().EVP_sha384();
        case Digest::sha512:
            return api().EVP_sha512();
    }
    return nullptr;
}

Owned<BIGNUM> big_number(std::string_view magnitude) {
    return Owned<BIGNUM>(
        api().BN_bin2bn(bytes_of(magnitude), static_cast<int>(magnitude.size()), nullptr));
}

// A public key of `type` ("RSA", "EC") from the parameters `push` adds.
template <typename Push>
Owned<EVP_PKEY> key_from_parameters(const char* type, Push push) {
    const Api& c = api();
    Owned<OSSL_PARAM_BLD> builder(c.OSSL_PARAM_BLD_new());
    if (!builder || !push(builder.get())) return nullptr;
    Owned<OSSL_PARAM> parameters(c.OSSL_PARAM_BLD_to_param(builder.get()));
    Owned<EVP_PKEY_CTX> context(c.EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    if (!parameters || !context || c.EVP_PKEY_fromdata_init(context.get()) <= 0) return nullptr;
    EVP_PKEY* key = nullptr;
    if (c.EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, parameters.get()) <= 0) {
        return nullptr;
    }
    return Owned<EVP_PKEY>(key);
}

// Verifies with `key`, hashing with `md` (null for Ed25519, which hashes itself).
bool verify_with(EVP_PKEY* key, const EVP_MD* md, std::string_view message,
                 std::string_view signature) {
    const Api& c = api();
    if (key == nullptr) return false;
    Owned<EVP_MD_CTX> context(c.EVP_MD_CTX_new());
    if (!context || c.EVP_DigestVerifyInit(context.get(), nullptr, md, nullptr, key) != 1) {
        return false;
    }
    return c.EVP_DigestVerify(context.get(), bytes_of(signature), signature.size(),
                              bytes_of(message), message.size()) == 1;
}

// OpenSSL keeps its failures in a per-thread queue; a false result here is
// an answer, not an error to leave behind for the next caller.
struct ClearErrorsAfter {
    ~ClearErrorsAfter() { api().ERR_clear_error(); }
};

}  // namespace

std::string digest(Digest algorithm, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (api().EVP_Digest(data.data(), data.size(), out, &size, message_digest(algorithm),
                         nullptr) != 1) {
        api().ERR_clear_error();
        throw failure("libcrypto could not compute a digest");
    }
    return std::string(reinterpret_cast<const char*>(out), size);
}

bool verify_ed25519(std::string_view public_key, std::string_view message,
                    std::string_view signature) {
    if (public_key.size() != 32 || signature.size() != 64) return false;
    ClearErrorsAfter clear;
    Owned<EVP_PKEY> key(
        api().EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes_of(public_key), 32));
    return verify_with(key.get(), nullptr, message, signature);
}

bool verify_rsa_pkcs1(std::string_view modulus, std::string_view exponent, Digest algorithm,
                      std::string_view message, std::string_view signature) {
    if (modulus.empty() || exponent.empty() || signature.size() > modulus.size()) return false;
    ClearErrorsAfter clear;
    Owned<BIGNUM> n = big_number(modulus);
    Owned<BIGNUM> e = big_number(exponent);
    if (!n || !e) return false;
    Owned<EVP_PKEY> key = key_from_parameters("RSA", [&](OSSL_PARAM_BLD* builder) {
        return api().OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, n.get()) == 1 &&
               api().OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, e.get()) == 1;
    });
    // OpenSSL wants the signature exactly as long as the modulus.
    std::string padded(modulus.size() - signature.size(), '\0');
    padded.append(signature);
    return verify_with(key.get(), message_digest(algorithm), message, padded);
}

bool verify_ecdsa(Curve curve, std::string_view point, Digest algorithm, std::string_view message,
                  std::string_view r, std::string_view s) {
    const char* group = curve == Curve::p256 ? "P-256" : curve == Curve::p384 ? "P-384" : "P-521";
    ClearErrorsAfter clear;
    const Api& c = api();
    Owned<EVP_PKEY> key = key_from_parameters("EC", [&](OSSL_PARAM_BLD* builder) {
        return c.OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, group, 0) ==
                   1 &&
               c.OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                                  point.size()) == 1;
    });
    if (!key) return false;
    // EVP wants the signature DER-encoded.
    Owned<ECDSA_SIG> sig(c.ECDSA_SIG_new());
    BIGNUM* r_number = c.BN_bin2bn(bytes_of(r), static_cast<int>(r.size()), nullptr);
    BIGNUM* s_number = c.BN_bin2bn(bytes_of(s), static_cast<int>(s.size()), nullptr);
    if (!sig || !r_number || !s_number || c.ECDSA_SIG_set0(sig.get(), r_number, s_number) != 1) {
        c.BN_free(r_number);
        c.BN_free(s_number);
        return false;
    }
    const int size = c.i2d_ECDSA_SIG(sig.get(), nullptr);
    if (size <= 0) return false;
    std::string der(static_cast<std::size_t>(size), '\0');
    unsigned char* out = reinterpret_cast<unsigned char*>(der.data());
    if (c.i2d_ECDSA_SIG(sig.get(), &out) != size) return false;
    return verify_with(key.get(), message_digest(algorithm), message, der);
}

}  // namespace accord::crypto
