#pragma once
// Myers' O((N+M)D) difference in linear space, with git's bound on its cost:
// for stretches too long or too different for an exact search, a search that
// has spent `max_cost` steps without finding the middle snake splits at the
// furthest point it reached (as xdiff's xdl_split does). The script it gives
// is always a valid one (every common pair equal, in order on both sides);
// it is minimal whenever the bound is not reached.
#include <cstdint>
#include <vector>

namespace accord {

struct MyersChanges {
    std::vector<std::uint8_t> removed;  // per element of a: not common
    std::vector<std::uint8_t> added;    // per element of b: not common
};

// Which elements of a[a_begin, a_end) and b[b_begin, b_end) are not common;
// the vectors are indexed from a_begin and b_begin. `max_cost` 0 chooses
// git's bound (the square root of the stretch's diagonals, at least 256),
// lowered for stretches so long that it would cost minutes (at least 64).
MyersChanges bounded_myers(const std::vector<std::uint32_t>& a, std::uint32_t a_begin,
                           std::uint32_t a_end, const std::vector<std::uint32_t>& b,
                           std::uint32_t b_begin, std::uint32_t b_end, std::int64_t max_cost = 0);

}  // namespace accord
