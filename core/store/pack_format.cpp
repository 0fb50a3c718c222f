#include "core/store/pack_format.hpp"

#include <algorithm>
#include <cstring>

namespace accord::git::pack {

namespace {

constexpr std::size_t kIdSize = 20;
constexpr std::size_t kFanout = 8;               // after the magic and version
constexpr std::size_t kIds = kFanout + 256 * 4;  // the first id
constexpr std::size_t kTrailer = 2 * kIdSize;    // pack checksum, index checksum

std::uint32_t load32(const char* at) {
    const auto* b = reinterpret_cast<const unsigned char*>(at);
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           std::uint32_t{b[3]};
}

std::uint64_t load64(const char* at) {
    return (std::uint64_t{load32(at)} << 32) | load32(at + 4);
}

// A delta's size: seven bits a byte, least significant first.
std::optional<std::uint64_t> delta_size(std::string_view delta, std::size_t& at) {
    std::uint64_t size = 0;
    for (unsigned shift = 0;; shift += 7) {
        if (at >= delta.size() || shift > 63) return std::nullopt;
        const auto byte = static_cast<unsigned char>(delta[at++]);
        const std::uint64_t bits = byte & 0x7f;
        if (shift > 0 && bits > (UINT64_MAX >> shift)) return std::nullopt;
        size |= bits << shift;
        if ((byte & 0x80) == 0) return size;
    }
}

}  // namespace

std::optional<EntryHeader> parse_entry_header(std::string_view bytes) {
    EntryHeader header;
    std::size_t at = 0;
    if (bytes.empty()) return std::nullopt;
    auto byte = static_cast<unsigned char>(bytes[at++]);
    header.type = (byte >> 4) & 7;
    header.size = byte & 0x0f;
    for (unsigned shift = 4; byte & 0x80; shift += 7) {
        if (at >= bytes.size() || shift > 60) return std::nullopt;
        byte = static_cast<unsigned char>(bytes[at++]);
        const std::uint64_t bits = byte & 0x7f;
        if (bits > (UINT64_MAX >> shift)) return std::nullopt;
        header.size |= bits << shift;
    }
    switch (header.type) {
        case kCommit:
        case kTree:
        case kBlob:
        case kTag:
            break;
        case kOffsetDelta: {
            // Git's offset encoding: each further byte adds one before shifting,
            // so that no distance has two spellings.
            if (at >= bytes.size()) return std::nullopt;
            byte = static_cast<unsigned char>(bytes[at++]);
            std::uint64_t distance = byte & 0x7f;
            while (byte & 0x80) {
                if (at >= bytes.size() || distance >= (UINT64_MAX >> 7)) return std::nullopt;
                byte = static_cast<unsigned char>(bytes[at++]);
                distance = ((distance + 1) << 7) | (byte & 0x7f);
            }
            if (distance == 0) return std::nullopt;  // an entry is not its own base
            header.base_distance = distance;
            break;
        }
        case kReferenceDelta:
            if (bytes.size() - at < kIdSize) return std::nullopt;
            header.base_id = bytes.substr(at, kIdSize);
            at += kIdSize;
            break;
        default:
            return std::nullopt;
    }
    header.length = at;
    return header;
}

bool apply_delta(std::string_view base, std::string_view delta, std::string& out,
                 std::uint64_t max_size) {
    std::size_t at = 0;
    const std::optional<std::uint64_t> base_size = delta_size(delta, at);
    const std::optional<std::uint64_t> result_size = delta_size(delta, at);
    if (!base_size || !result_size || *base_size != base.size() || *result_size > max_size)
        return false;
    out.clear();
    out.reserve(static_cast<std::size_t>(*result_size));
    while (at < delta.size()) {
        const auto op = static_cast<unsigned char>(delta[at++]);
        if (op & 0x80) {
            // Copy from the base: the offset's bytes flagged by bits 0-3, the
            // length's by bits 4-6 (a length of 0 means 64 KiB).
            std::uint64_t offset = 0, length = 0;
            for (unsigned bit = 0; bit < 7; ++bit) {
                if ((op & (1u << bit)) == 0) continue;
                if (at >= delta.size()) return false;
                const std::uint64_t value = static_cast<unsigned char>(delta[at++]);
                if (bit < 4) {
                    offset |= value << (8 * bit);
                } else {
                    length |= value << (8 * (bit - 4));
                }
            }
            if (length == 0) length = 0x10000;
            if (offset > base.size() || length > base.size() - offset) return false;
            if (length > *result_size - out.size()) return false;
            out.append(
                base.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(length)));
        } else if (op != 0) {
            // Insert the next `op` bytes of the delta.
            if (op > delta.size() - at || op > *result_size - out.size()) return false;
            out.append(delta.substr(at, op));
            at += op;
        } else {
            return false;  // reserved
        }
    }
    return out.size() == *result_size;
}

std::string index_problem(std::string_view head, std::uint64_t file_size) {
    // The smallest index: a fan-out table and the two checksums.
    if (file_size < 256 * 4 + kTrailer || head.size() < 256 * 4) return "index file is too small";
    const bool v2 = std::memcmp(head.data(), "\377tOc", 4) == 0;
    if (v2 && load32(head.data() + 4) != 2)
        return "index file is version " + std::to_string(load32(head.data() + 4)) +
               " and is not supported";
    if (v2 && head.size() < kIndexHead) return "index file is too small";
    const char* const fanout = head.data() + (v2 ? kFanout : 0);
    std::uint32_t previous = 0;
    for (std::size_t k = 0; k < 256; ++k) {
        const std::uint32_t upto = load32(fanout + 4 * k);
        if (upto < previous) return "non-monotonic index";
        previous = upto;
    }
    // In 64 bits: 2^32 objects of 28 bytes each do not overflow them.
    const std::uint64_t count = previous;
    if (!v2) {
        if (file_size != 256 * 4 + count * (kIdSize + 4) + kTrailer)
            return "wrong index v1 file size";
        return "";
    }
    const std::uint64_t least = kIds + count * (kIdSize + 8) + kTrailer;
    const std::uint64_t most = least + (count > 0 ? (count - 1) * 8 : 0);
    if (file_size < least || file_size > most) return "wrong index v2 file size";
    return "";
}

std::optional<Index> Index::parse(std::string_view bytes) {
    if (bytes.size() < kIds + kTrailer) return std::nullopt;
    if (std::memcmp(bytes.data(), "\377tOc", 4) != 0 || load32(bytes.data() + 4) != 2)
        return std::nullopt;
    std::uint32_t previous = 0;
    for (std::size_t k = 0; k < 256; ++k) {
        const std::uint32_t upto = load32(bytes.data() + kFanout + 4 * k);
        if (upto < previous) return std::nullopt;
        previous = upto;
    }
    const std::size_t count = previous;
    // Per object: its id, a CRC and a 32-bit offset.
    const std::size_t tables = bytes.size() - kIds - kTrailer;
    if (count > tables / (kIdSize + 8)) return std::nullopt;
    const std::size_t rest = tables - count * (kIdSize + 8);
    // git and libgit2 take at most one 64-bit offset fewer than objects.
    if (rest % 8 != 0 || rest / 8 > std::max<std::size_t>(count, 1) - 1) return std::nullopt;
    Index index;
    index.bytes_ = bytes;
    index.count_ = count;
    index.large_offsets_ = rest / 8;
    return index;
}

std::optional<std::uint64_t> Index::find(const unsigned char* id) const {
    const char* const fanout = bytes_.data() + kFanout;
    std::size_t lo = id[0] == 0 ? 0 : load32(fanout + 4 * (id[0] - 1));
    std::size_t hi = load32(fanout + 4 * id[0]);
    const char* const ids = bytes_.data() + kIds;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const int order = std::memcmp(ids + mid * kIdSize, id, kIdSize);
        if (order < 0) {
            lo = mid + 1;
        } else if (order > 0) {
            hi = mid;
        } else {
            const char* const offsets = ids + count_ * (kIdSize + 4);
            const std::uint32_t small = load32(offsets + 4 * mid);
            if ((small & 0x80000000u) == 0) return small;
            const std::size_t large = small & 0x7fffffffu;
            if (large >= large_offsets_) return std::nullopt;
            return load64(offsets + 4 * count_ + 8 * large);
        }
    }
    return std::nullopt;
}

std::string_view Index::pack_checksum() const {
    return bytes_.substr(bytes_.size() - kTrailer, kIdSize);
}

}  // namespace accord::git::pack
