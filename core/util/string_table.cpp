#include "core/util/string_table.hpp"

#include <algorithm>
#include <cstring>

namespace accord {

std::uint64_t hash_bytes(std::string_view bytes) {
    std::uint64_t h = bytes.size() * 0x9E3779B97F4A7C15u;
    std::size_t at = 0;
    for (; at + 8 <= bytes.size(); at += 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes.data() + at, 8);
        h = (h ^ word) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
    }
    if (at < bytes.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + at, bytes.size() - at);
        h = (h ^ word) * 0x94D049BB133111EBu;
        h ^= h >> 31;
    }
    return h ^ (h >> 29);
}

std::size_t StringTable::slot_of(std::string_view key, std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
        const Slot& slot = slots_[at];
        if (slot.number == kMissing) return at;
        if (slot.hash == hash && slot.length == key.size() &&
            std::memcmp(slot.data, key.data(), key.size()) == 0)
            return at;
    }
}

std::uint32_t StringTable::find_or_add(std::string_view key, std::uint32_t number) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    const std::uint64_t hash = hash_bytes(key);
    Slot& slot = slots_[slot_of(key, hash)];
    if (slot.number != kMissing) return slot.number;
    slot = {hash, keep(key), static_cast<std::uint32_t>(key.size()), number};
    ++size_;
    return number;
}

std::uint32_t StringTable::find(std::string_view key) const {
    if (slots_.empty()) return kMissing;
    return slots_[slot_of(key, hash_bytes(key))].number;
}

const char* StringTable::keep(std::string_view key) {
    if (key.empty()) return "";
    if (chunk_used_ + key.size() > chunk_size_) {
        chunk_size_ = std::max<std::size_t>(key.size(), 16 * 1024);
        chunks_.push_back(std::make_unique<char[]>(chunk_size_));
        chunk_used_ = 0;
    }
    char* at = chunks_.back().get() + chunk_used_;
    std::memcpy(at, key.data(), key.size());
    chunk_used_ += key.size();
    return at;
}

void StringTable::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.number == kMissing) continue;
        std::size_t at = slot.hash & mask;
        while (slots_[at].number != kMissing) at = (at + 1) & mask;
        slots_[at] = slot;
    }
}

}  // namespace accord
