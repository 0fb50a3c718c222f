#pragma once
// Git's pack files read as bytes, without libgit2: an index (.idx, version
// 2), an entry's header, and a delta applied to its base. Pure functions
// over bytes a cloned repository hands over, so fuzzed on their own
// (tests/fuzz/git_objects_fuzzer.cpp): none reads outside its input, and
// what does not read as git writes it is refused (nullopt, false), for the
// caller to read through libgit2 instead.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accord::git::pack {

// The types an entry's header gives (git's numbers).
enum EntryType : int {
    kCommit = 1,
    kTree = 2,
    kBlob = 3,
    kTag = 4,
    kOffsetDelta = 6,     // a delta whose base lies earlier in the same pack
    kReferenceDelta = 7,  // a delta whose base is named by id
};

struct EntryHeader {
    int type = 0;
    std::uint64_t size = 0;           // inflated: the object's, or the delta's
    std::size_t length = 0;           // of the header, its base's offset or id included
    std::uint64_t base_distance = 0;  // kOffsetDelta: this entry's offset minus its base's
    std::string_view base_id;         // kReferenceDelta: 20 bytes within the input
};

// The header at the start of `bytes` (which may run on into the entry's
// data); nullopt when it is cut short, names no type above, or gives a size
// or distance past 64 bits.
std::optional<EntryHeader> parse_entry_header(std::string_view bytes);

// `delta` applied to `base` into `out`: false when the delta is not
// well formed, expects a base of another size, copies from outside it, or
// makes anything but the size it announces, or more than `max_size` bytes.
bool apply_delta(std::string_view base, std::string_view delta, std::string& out,
                 std::uint64_t max_size);

// The bytes index_problem looks at: the version header and the fan-out table.
inline constexpr std::size_t kIndexHead = 8 + 256 * 4;

// Why git would refuse a pack index (.idx, version 1 or 2) of `file_size`
// bytes whose first kIndexHead bytes (all of a shorter file) are `head`,
// worded as git's check_packed_git_idx words it ("wrong index v2 file
// size"); "" when git reads it. The fan-out's last count is the number of
// objects, which fixes the file's size, so a damaged fan-out is found from
// the header alone: libgit2 1.5 computes that size in 32 bits and reads
// such an index far past its end (a fan-out of 0xff.. crashed every command).
std::string index_problem(std::string_view head, std::uint64_t file_size);

// A pack index of version 2 over bytes the caller keeps alive and unchanged.
class Index {
  public:
    // Nullopt when the bytes are no index of version 2 or their tables do
    // not fit them.
    static std::optional<Index> parse(std::string_view bytes);

    std::size_t count() const { return count_; }
    // The offset of object `id` (20 bytes) in the pack; nullopt when the
    // index does not list it, or gives an offset outside its table.
    std::optional<std::uint64_t> find(const unsigned char* id) const;
    // The pack's own checksum, as the index recorded it (20 bytes).
    std::string_view pack_checksum() const;

  private:
    std::string_view bytes_;
    std::size_t count_ = 0;
    std::size_t large_offsets_ = 0;  // entries of the 64-bit offset table
};

}  // namespace accord::git::pack
