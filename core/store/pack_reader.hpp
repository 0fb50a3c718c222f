#pragma once
// Private to core/store/repository*: objects read straight from a
// repository's pack files, for history walks that read hundreds of
// thousands of trees once each.
//
// Why: libgit2 keeps 16 MiB of delta bases for all packs and all threads
// (not a setting), and sets a zlib stream up for every object and base it
// inflates. A walk of 100,000 commits through 10,000 texts read each tree
// version down a chain of deltas whose bases had left that cache: half of
// the walk's time went into libgit2's reads of trees. This reader keeps
// its own bases (least recently used go first) and one zlib stream.
//
// Promises: it reads what the packs say, as libgit2 reads them for a walk
// (ids not hashed again: git fsck checks objects). Anything it does not
// find or cannot read as git writes it (a loose object, a pack that does
// not match its index, a base in another pack, a corrupt entry) is nullopt:
// the caller reads that object through libgit2, which reads it or names
// the fault. It follows no link: packs are opened as regular files only.
// One reader serves one thread.
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/store/pack_format.hpp"
#include "core/util/inflate.hpp"

namespace accord::git {

class PackReader {
  public:
    struct Limits {
        // Of delta bases kept: the cache starts with first_cached_bytes of
        // room and doubles it, up to cached_bytes, once reads have often
        // needed again a base it let go of (see regret()). A short walk, a
        // blame or a log of one text, then never fills memory it does not
        // need: each page it fills is a page fault, and at 1,000 texts 32
        // MiB of room made a cold `status` a sixth slower than 4 MiB.
        std::size_t first_cached_bytes = std::size_t{4} << 20;
        std::size_t cached_bytes = std::size_t{32} << 20;
        std::size_t packs = 64;     // read; libgit2 reads the rest
        std::size_t chain = 10000;  // deltas on the way to a base
    };

    // The packs of `objects_dir` (the repository's objects/) whose index
    // and pack read and match; none when there are none or zlib is missing.
    explicit PackReader(const std::string& objects_dir, Limits limits);
    PackReader(const PackReader&) = delete;
    PackReader& operator=(const PackReader&) = delete;
    ~PackReader();

    struct Object {
        int type = 0;  // pack::kCommit, kTree, kBlob or kTag
        // Shared with the cache, which may keep it: never copied.
        std::shared_ptr<const std::string> bytes;
    };

    // The object `id` (20 bytes) if a pack here holds it and it reads whole
    // in at most `max_size` bytes (its bases too); nullopt otherwise.
    std::optional<Object> read(const unsigned char* id, std::uint64_t max_size);

    // The first `prefix` bytes of the object `id` (all of it when smaller),
    // for a reader of headers: an object stored whole is inflated that far
    // and no further, and not kept (a commit is no tree's base); one stored
    // as a delta is read whole, as read() reads it, if it fits `max_size`.
    std::optional<Object> read_prefix(const unsigned char* id, std::size_t prefix,
                                      std::uint64_t max_size);

    std::size_t packs() const { return packs_.size(); }
    // The room the cache has now (see Limits).
    std::size_t cache_room() const { return room_; }

  private:
    struct Pack;
    using Key = std::pair<std::size_t, std::uint64_t>;  // pack, offset
    struct Cached {
        int type;
        std::shared_ptr<const std::string> bytes;
    };

    // No object read here is larger, whatever a caller allows.
    static constexpr std::uint64_t kLargest = std::uint64_t{1} << 32;
    // What an entry of the cache costs besides its bytes.
    static constexpr std::size_t kEntryCost = 128;

    // The pack holding `id` first, and where in it.
    std::optional<Key> find(const unsigned char* id);
    std::optional<Object> find_and_read(const unsigned char* id, std::uint64_t max_size);
    std::optional<Object> read_at(std::size_t pack, std::uint64_t offset, std::uint64_t max_size);
    // Inflates the entry data at `offset` of pack `pack_number`, of which
    // `read` holds the first bytes, to exactly `size` bytes into `out`;
    // with `prefix` below `size`, to that many bytes only.
    bool inflate(std::size_t pack_number, std::uint64_t offset, std::string_view read,
                 std::uint64_t size, std::string& out, std::uint64_t prefix = UINT64_MAX);
    // The pack's bytes from `offset` to the end of a window read around it
    // (none past the entries, or when the pack cannot be read).
    std::string_view bytes_at(std::size_t pack_number, std::uint64_t offset);
    const Cached* cached(const Key& key);
    // `bytes`, shared, and kept under `key` if there is room.
    std::shared_ptr<const std::string> keep(const Key& key, int type, std::string bytes);

    Limits limits_;
    std::vector<std::unique_ptr<Pack>> packs_;
    std::size_t last_found_ = 0;  // the pack that held the object read last
    Inflater inflater_;
    std::string delta_;  // the delta applied last
    // The last windows of the packs read, each a mapping of 4 MiB: a walk
    // reads an entry and then its base a few kilobytes before it, mostly,
    // and the next commit's entries near the last's. Mapped, not copied
    // (a window read with pread cost a system call and a copy of the whole
    // window per object: a tenth of a cold blame's time); at most eight
    // are mapped, and a window let go of is unmapped, so that the pages a
    // walk touches (the page cache's, counted in the process's resident
    // set) stay within 32 MiB however large the pack. (Windows of 1 MiB
    // cost more in mapping than pread saved; of 16 MiB, a few percent less
    // than 4 MiB, for four times the pages.)
    static constexpr std::uint64_t kWindow = std::uint64_t{4} << 20;
    struct Window {
        std::size_t pack = SIZE_MAX;  // none
        std::uint64_t start = 0;
        const char* data = nullptr;  // mapped, `size` bytes
        std::size_t size = 0;
        std::uint64_t used = 0;
        Window() = default;
        Window(const Window&) = delete;
        Window& operator=(const Window&) = delete;
        ~Window() { unmap(); }
        void unmap();
    };
    Window windows_[8];
    std::uint64_t clock_ = 0;

    struct KeyHash {
        std::size_t operator()(const Key& key) const {
            return std::hash<std::uint64_t>()(key.second * 1021 + key.first);
        }
    };
    std::list<std::pair<Key, Cached>> recent_;  // most recently used first
    std::unordered_map<Key, std::list<std::pair<Key, Cached>>::iterator, KeyHash> by_key_;
    std::size_t cached_bytes_ = 0;
    std::size_t room_ = 0;  // what cached_bytes_ may reach now

    // The keys let go of last, room_ bytes of them: those a cache twice as
    // large would still hold. A read that misses one of them is a regret.
    std::deque<std::pair<Key, std::size_t>> evicted_;  // oldest first; may name a key cached again
    std::unordered_map<Key, std::size_t, KeyHash> evicted_keys_;  // and what each cost
    std::size_t evicted_bytes_ = 0;
    std::size_t regretted_bytes_ = 0;  // what regrets cost since the room last grew
    void let_go(const Key& key, std::size_t cost);
    void regret(std::size_t cost);
};

// A pack index git would refuse: its path and why (pack::index_problem).
struct DamagedIndex {
    std::string path;
    std::string problem;
};

// The first damaged index among those libgit2 loads from `objects_dir`/pack
// (each *.idx beside its .pack), or nullopt. libgit2 trusts an index's
// fan-out table and reads past the end of one whose table is damaged, so
// the repository is checked before libgit2 reads an object. Cheap for many
// packs: each index's header and size are read, nothing more. An index
// that is a link is read through it, as libgit2 reads it; one that is no
// regular file is damaged.
std::optional<DamagedIndex> damaged_pack_index(const std::string& objects_dir);

}  // namespace accord::git
