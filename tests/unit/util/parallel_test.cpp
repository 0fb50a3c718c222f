// for_each_index: every index once, on more than one thread when asked and
// there are cores, the lowest index's exception rethrown after all ran.
#include "core/util/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace accord {
namespace {

TEST(ForEachIndex, EveryIndexOnce) {
    for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{1000}}) {
        std::vector<int> calls(count, 0);
        for_each_index(count, [&](std::size_t k) { ++calls[k]; });
        for (std::size_t k = 0; k < count; ++k) EXPECT_EQ(calls[k], 1) << k;
    }
}

TEST(ForEachIndex, TwoThreadsWhereThereAreTwoCores) {
    const std::size_t threads = std::thread::hardware_concurrency() >= 2 ? 2 : 1;
    std::mutex mutex;
    std::set<std::thread::id> seen;
    std::atomic<int> waiting{0};
    // Each of the first two calls waits (a short while) for the other: with
    // two threads they meet; with one, the first gives up and goes on.
    for_each_index(64, [&](std::size_t k) {
        if (k < 2) {
            ++waiting;
            for (int spin = 0; spin < 2000 && waiting < 2; ++spin)
                std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
        const std::lock_guard lock(mutex);
        seen.insert(std::this_thread::get_id());
    });
    EXPECT_EQ(seen.size(), threads);
    EXPECT_EQ(waiting, 2);
    seen.clear();
    for_each_index(
        8,
        [&](std::size_t) {
            const std::lock_guard lock(mutex);
            seen.insert(std::this_thread::get_id());
        },
        1);
    EXPECT_EQ(seen, std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST(ForEachIndex, TheLowestIndexsErrorAfterAllRan) {
    std::atomic<int> ran{0};
    try {
        for_each_index(100, [&](std::size_t k) {
            ++ran;
            if (k == 70) throw std::runtime_error("seventy");
            if (k == 30) throw std::runtime_error("thirty");
        });
        FAIL() << "no error";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "thirty");
    }
    EXPECT_EQ(ran, 100);
}

}  // namespace
}  // namespace accord
