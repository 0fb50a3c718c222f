#include "core/store/git_api.hpp"

#include <dlfcn.h>

#include <string>

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

}  // namespace accord::git
