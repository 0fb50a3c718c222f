#pragma once
// The blame graveyard's index: 64-bit hashes of runs of word ids, each to
// the first position recorded under it. Looked up once per word of every
// run a version adds to, so it is one array probed in place (open
// addressing), with no node per entry as std::unordered_map has.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace accord {

class FirstPositions {
  public:
    // Records `at` under `key`, unless the key has a position already.
    void insert_first(std::uint64_t key, std::size_t at) {
        if ((count_ + 1) * 2 > slots_.size()) grow();
        Slot& slot = slots_[probe(key)];
        if (slot.at_plus_one != 0) return;
        slot = {key, at + 1};
        ++count_;
    }

    // The position recorded under `key`, if any.
    std::optional<std::size_t> find(std::uint64_t key) const {
        if (slots_.empty()) return std::nullopt;
        const Slot& slot = slots_[probe(key)];
        if (slot.at_plus_one == 0) return std::nullopt;
        return slot.at_plus_one - 1;
    }

  private:
    struct Slot {
        std::uint64_t key = 0;
        std::size_t at_plus_one = 0;  // 0: empty
    };

    // The slot holding `key`, or the empty one where it would go. The table
    // is never more than half full, so there is one.
    std::size_t probe(std::uint64_t key) const {
        const std::size_t mask = slots_.size() - 1;
        std::size_t k = static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ull) >> 32) & mask;
        while (slots_[k].at_plus_one != 0 && slots_[k].key != key) k = (k + 1) & mask;
        return k;
    }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        for (const Slot& slot : old) {
            if (slot.at_plus_one != 0) slots_[probe(slot.key)] = slot;
        }
    }

    std::vector<Slot> slots_;  // a power of two in size
    std::size_t count_ = 0;
};

}  // namespace accord
