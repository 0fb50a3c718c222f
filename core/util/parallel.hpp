#pragma once
// Independent pieces of work spread over the cores there are (at most two
// threads by default: the machines accord runs on are laptops and small
// servers), the calling thread among them.
#include <cstddef>
#include <functional>

namespace accord {

// Calls work(k) once for each k in [0, count), on up to `threads` threads
// (the calling one included; fewer when the machine has fewer cores, or a
// thread cannot be started), and returns once every call returned. work(k)
// must only touch what belongs to k. The exception of the lowest k that
// threw, if any, is rethrown after all calls ended.
void for_each_index(std::size_t count, const std::function<void(std::size_t)>& work,
                    unsigned threads = 2);

}  // namespace accord
