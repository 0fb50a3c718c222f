#include "core/util/memory.hpp"

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace accord {

void limit_allocation_arenas() {
#if defined(__GLIBC__)
    // A limit the user set (MALLOC_ARENA_MAX, or glibc.malloc.arena_max in
    // GLIBC_TUNABLES) is theirs to keep.
    if (std::getenv("MALLOC_ARENA_MAX") != nullptr) return;
    if (const char* tunables = std::getenv("GLIBC_TUNABLES");
        tunables != nullptr && std::strstr(tunables, "arena_max") != nullptr)
        return;
    ::mallopt(M_ARENA_MAX, 2);
#endif
}

void release_free_memory() {
#if defined(__GLIBC__)
    ::malloc_trim(0);
#endif
}

}  // namespace accord
