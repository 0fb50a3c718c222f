#pragma once
// Strings to numbers, for interning: a flat open-addressed table (no node
// per key), the keys copied into chunks it owns (no allocation per key), so
// the strings it was given may go before it does.
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace accord {

// A fast 64-bit hash of bytes, eight at a time; not for adversaries.
std::uint64_t hash_bytes(std::string_view bytes);

class StringTable {
  public:
    static constexpr std::uint32_t kMissing = UINT32_MAX;

    // The number stored for `key`; if there is none, stores `number` for it
    // and returns that.
    std::uint32_t find_or_add(std::string_view key, std::uint32_t number);
    // The number stored for `key`, or kMissing.
    std::uint32_t find(std::string_view key) const;

    // Calls visit(key, number) for every key stored, in no particular order.
    template <typename Visit>
    void for_each(Visit visit) const {
        for (const Slot& slot : slots_) {
            if (slot.number != kMissing)
                visit(std::string_view(slot.data, slot.length), slot.number);
        }
    }
    std::size_t size() const { return size_; }

  private:
    struct Slot {
        std::uint64_t hash = 0;
        const char* data = nullptr;
        std::uint32_t length = 0;
        std::uint32_t number = kMissing;  // kMissing: empty slot
    };
    std::size_t slot_of(std::string_view key, std::uint64_t hash) const;
    const char* keep(std::string_view key);
    void grow();

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
    std::vector<std::unique_ptr<char[]>> chunks_;
    std::size_t chunk_used_ = 0, chunk_size_ = 0;
};

}  // namespace accord
