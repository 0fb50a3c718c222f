#pragma once
// The blame graveyard's index: 64-bit hashes of runs of word ids, each to
// the positions recorded under it, oldest first. Looked up once per word of
// every run a version adds to, so it is one array probed in place (open
// addressing) with the positions chained through one array, with no node
// per entry as std::unordered_map has.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace accord {

class PositionChains {
  public:
    static constexpr std::uint32_t kEnd = UINT32_MAX;

    // Records `at` under `key`. Positions are added in increasing order.
    void add(std::uint64_t key, std::uint32_t at) {
        if ((count_ + 1) * 2 > slots_.size()) grow();
        if (next_.size() <= at) next_.resize(std::max<std::size_t>(at + 1, next_.size() * 2), kEnd);
        next_[at] = kEnd;
        Slot& slot = slots_[probe(key)];
        if (slot.first == kEnd) {
            slot = {key, at, at};
            ++count_;
            return;
        }
        next_[slot.last] = at;
        slot.last = at;
    }

    // The oldest position recorded under `key`, or kEnd.
    std::uint32_t first(std::uint64_t key) const {
        if (slots_.empty()) return kEnd;
        return slots_[probe(key)].first;
    }
    // The position recorded under the same key after `at`, or kEnd.
    std::uint32_t next(std::uint32_t at) const { return next_[at]; }

  private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t first = kEnd;  // kEnd: empty
        std::uint32_t last = kEnd;
    };

    // The slot holding `key`, or the empty one where it would go. The table
    // is never more than half full, so there is one.
    std::size_t probe(std::uint64_t key) const {
        const std::size_t mask = slots_.size() - 1;
        std::size_t k = static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ull) >> 32) & mask;
        while (slots_[k].first != kEnd && slots_[k].key != key) k = (k + 1) & mask;
        return k;
    }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        for (const Slot& slot : old) {
            if (slot.first != kEnd) slots_[probe(slot.key)] = slot;
        }
    }

    std::vector<Slot> slots_;  // a power of two in size
    std::vector<std::uint32_t> next_;
    std::size_t count_ = 0;
};

}  // namespace accord
