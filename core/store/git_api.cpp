#include "core/store/git_api.hpp"

#include <dlfcn.h>

#include <atomic>
#include <string>

#include "core/store/repository.hpp"
#include "core/util/errors.hpp"

namespace accord::git {

namespace {

// libgit2's SONAME for the headers accord was built against: a library of
// another ABI is never loaded in its place.
constexpr const char* kLibrary = "libgit2.so." LIBGIT2_SOVERSION;

Api load() {
    void* library = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* why = dlerror();
        throw failure(std::string("cannot load ") + kLibrary + ", which accord needs to read " +
                      "and write repositories (" + (why ? why : "unknown reason") +
                      "); install it: apt-get install libgit2-" LIBGIT2_SOVERSION);
    }
    Api api;
    std::string missing;
#define ACCORD_GIT_LOAD(name)                                               \
    api.name = reinterpret_cast<decltype(api.name)>(dlsym(library, #name)); \
    if (api.name == nullptr) missing += missing.empty() ? #name : ", " #name;
    ACCORD_GIT_FUNCTIONS(ACCORD_GIT_LOAD)
#undef ACCORD_GIT_LOAD
    if (!missing.empty()) {
        throw failure(std::string(kLibrary) + " lacks functions accord needs (" + missing +
                      "); install libgit2 " LIBGIT2_VERSION " or a compatible release");
    }
    return api;  // the library stays loaded until the process ends
}

}  // namespace

const Api& api() {
    static const Api table = load();
    return table;
}

namespace {
std::atomic<int> declined_stores{0};
}  // namespace

int certificate_stores_declined() {
    return declined_stores.load();
}

}  // namespace accord::git

// libgit2 built with mbedTLS (Debian's) parses every certificate authority
// of the system (/etc/ssl/certs/ca-certificates.crt, about 140 in PEM) when
// it is initialised, for the HTTPS connections it might make: 5.5 of the
// 7.3 ms git_libgit2_init takes, on every command that opens a repository
// (a tenth of a `blame` that git does in 75 ms). accord never connects
// anywhere through libgit2: no remote, fetch, clone or push function is in
// ACCORD_GIT_FUNCTIONS. So the binaries export this definition
// (--export-dynamic-symbol, core/store/CMakeLists.txt), which the dynamic
// loader binds libgit2's call to ahead of mbedTLS's own, and the store
// stays empty. It fails safe: a connection made with no authority to trust
// would be refused, never trusted. With libgit2 built against OpenSSL
// nothing calls it, and nothing changes.
extern "C" int mbedtls_x509_crt_parse_file(void* /*chain*/, const char* /*path*/) {
    accord::git::declined_stores.fetch_add(1);
    return 0;  // success, with nothing added to the chain
}
