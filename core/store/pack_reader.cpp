#include "core/store/pack_reader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>

#include "core/util/file.hpp"

namespace accord::git {

namespace {

constexpr std::uint64_t kChecksum = 20;  // a pack ends with its SHA-1

// Reads up to `size` bytes at `offset`, fewer only at the end of the
// file; -1 on an error.
ssize_t read_bytes(int fd, char* out, std::size_t size, std::uint64_t offset) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, out + done, size - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(done);
}

}  // namespace

// A pack, read through windows mapped a few at a time (a pack mapped whole
// would count in the process's memory page by page as the walk touched
// it), and its index, mapped whole (a tenth of the pack's size, searched
// at a score of places per object).
struct PackReader::Pack {
    int fd = -1;
    std::uint64_t data_end = 0;  // where the entries end and the checksum starts
    std::int64_t modified = 0;   // the pack file's time, in nanoseconds
    std::unique_ptr<MappedFile> index_file;
    pack::Index index;

    ~Pack() {
        if (fd >= 0) ::close(fd);
    }

    // The pack of index `name` in `dirfd`, if both read and match.
    static std::unique_ptr<Pack> open(int dirfd, const std::string& name) {
        auto pack = std::make_unique<Pack>();
        pack->index_file = MappedFile::open(dirfd, name);
        if (!pack->index_file) return nullptr;
        std::optional<pack::Index> index = pack::Index::parse(pack->index_file->bytes());
        if (!index) return nullptr;
        pack->index = *index;

        pack->fd = open_regular_file(dirfd, name.substr(0, name.size() - 4) + ".pack");
        struct stat info {};
        if (pack->fd < 0 || ::fstat(pack->fd, &info) != 0) return nullptr;
        const auto pack_size = static_cast<std::uint64_t>(info.st_size);
        if (pack_size < 12 + kChecksum) return nullptr;
        // "PACK", version 2 or 3, as many objects as the index lists, and
        // the checksum the index was written for.
        char head[12], tail[kChecksum];
        if (read_bytes(pack->fd, head, sizeof head, 0) != sizeof head ||
            read_bytes(pack->fd, tail, sizeof tail, pack_size - kChecksum) != sizeof tail)
            return nullptr;
        const auto* h = reinterpret_cast<const unsigned char*>(head);
        const std::uint32_t version = h[7] | (std::uint32_t{h[6]} << 8);
        const std::uint64_t count = (std::uint64_t{h[8]} << 24) | (std::uint64_t{h[9]} << 16) |
                                    (std::uint64_t{h[10]} << 8) | h[11];
        if (std::memcmp(head, "PACK", 4) != 0 || h[4] != 0 || h[5] != 0 ||
            (version != 2 && version != 3) || count != pack->index.count())
            return nullptr;
        if (std::string_view(tail, sizeof tail) != pack->index.pack_checksum()) return nullptr;
        pack->data_end = pack_size - kChecksum;
        pack->modified =
            static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
        return pack;
    }
};

namespace {

// Why the index `name` in the open directory `packs` is damaged, or "".
std::string index_problem_of(int packs, const std::string& name) {
    const int fd = ::openat(packs, name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return std::string("cannot open it: ") + std::strerror(errno);
    struct stat info {};
    std::string head(pack::kIndexHead, '\0');
    std::string problem;
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        problem = "not a regular file";
    } else if (const ssize_t n = read_bytes(fd, head.data(), head.size(), 0); n < 0) {
        problem = std::string("cannot read it: ") + std::strerror(errno);
    } else {
        head.resize(static_cast<std::size_t>(n));
        problem = pack::index_problem(head, static_cast<std::uint64_t>(info.st_size));
    }
    ::close(fd);
    return problem;
}

}  // namespace

std::optional<DamagedIndex> damaged_pack_index(const std::string& objects_dir) {
    const std::string dir = objects_dir + "/pack";
    const int packs = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (packs < 0) return std::nullopt;  // no packs: libgit2 reads none either
    std::optional<DamagedIndex> damaged;
    for (const std::string& name : names_ending_in(packs, ".idx")) {
        const std::string pack = name.substr(0, name.size() - 4) + ".pack";
        struct stat info {};
        if (::fstatat(packs, pack.c_str(), &info, 0) != 0) continue;  // libgit2 skips it too
        if (std::string problem = index_problem_of(packs, name); !problem.empty()) {
            damaged = DamagedIndex{dir + "/" + name, std::move(problem)};
            break;
        }
    }
    ::close(packs);
    return damaged;
}

PackReader::PackReader(const std::string& objects_dir, Limits limits)
    : limits_(limits), room_(std::min(limits.first_cached_bytes, limits.cached_bytes)) {
    if (!inflater_.usable()) return;
    const int objects =
        ::open(objects_dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (objects < 0) return;
    const int packs = ::openat(objects, "pack", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    ::close(objects);
    if (packs < 0) return;
    for (const std::string& name : names_ending_in(packs, ".idx")) {
        if (std::unique_ptr<Pack> pack = Pack::open(packs, name)) packs_.push_back(std::move(pack));
        // Open packs hold their index mapped and a descriptor each.
        if (packs_.size() > 4 * limits_.packs) break;
    }
    ::close(packs);
    // The newest packs first, in the order libgit2 mostly looks them up in
    // (where two packs hold one id, only a hostile clone's copies differ,
    // and neither reader checks them against the id on a walk).
    std::stable_sort(packs_.begin(), packs_.end(),
                     [](const auto& a, const auto& b) { return a->modified > b->modified; });
    if (packs_.size() > limits_.packs) packs_.resize(limits_.packs);
}

PackReader::~PackReader() = default;

std::optional<PackReader::Object> PackReader::read(const unsigned char* id,
                                                   std::uint64_t max_size) {
    max_size = std::min<std::uint64_t>(max_size, kLargest);
    try {
        return find_and_read(id, max_size);
    } catch (const std::bad_alloc&) {
        return std::nullopt;  // libgit2 reads it, under its own ceiling, or names the fault
    } catch (const std::length_error&) {
        return std::nullopt;
    }
}

std::optional<PackReader::Key> PackReader::find(const unsigned char* id) {
    for (std::size_t k = 0; k < packs_.size(); ++k) {
        // The pack that held the last object first: a walk's objects
        // mostly lie in one pack.
        const std::size_t pack = k == 0 ? last_found_ : (k == last_found_ ? 0 : k);
        if (const std::optional<std::uint64_t> offset = packs_[pack]->index.find(id)) {
            last_found_ = pack;
            return Key{pack, *offset};
        }
    }
    return std::nullopt;
}

std::optional<PackReader::Object> PackReader::find_and_read(const unsigned char* id,
                                                            std::uint64_t max_size) {
    const std::optional<Key> found = find(id);
    if (!found) return std::nullopt;
    return read_at(found->first, found->second, max_size);
}

std::optional<PackReader::Object> PackReader::read_prefix(const unsigned char* id,
                                                          std::size_t prefix,
                                                          std::uint64_t max_size) {
    max_size = std::min<std::uint64_t>(max_size, kLargest);
    try {
        const std::optional<Key> found = find(id);
        if (!found) return std::nullopt;
        const auto [pack_number, at] = *found;
        if (const Cached* hit = cached(*found)) {
            if (hit->bytes->size() > max_size) return std::nullopt;
            return Object{hit->type, hit->bytes};
        }
        if (at < 12) return std::nullopt;  // within the pack's header
        const std::string_view read = bytes_at(pack_number, at);
        if (read.empty()) return std::nullopt;
        const std::optional<pack::EntryHeader> header = pack::parse_entry_header(read);
        if (!header) return std::nullopt;
        if (header->type == pack::kOffsetDelta || header->type == pack::kReferenceDelta)
            return read_at(pack_number, at, max_size);
        if (header->size > max_size) return std::nullopt;
        std::string inflated;
        if (!inflate(pack_number, at + header->length, read.substr(header->length), header->size,
                     inflated, prefix))
            return std::nullopt;
        return Object{header->type, std::make_shared<const std::string>(std::move(inflated))};
    } catch (const std::bad_alloc&) {
        return std::nullopt;
    } catch (const std::length_error&) {
        return std::nullopt;
    }
}

std::optional<PackReader::Object> PackReader::read_at(std::size_t pack_number, std::uint64_t offset,
                                                      std::uint64_t max_size) {
    const Pack& pack = *packs_[pack_number];
    // Where each delta on the way lies: each is inflated only when applied,
    // one at a time, so that a chain costs the memory of one link.
    struct Link {
        std::uint64_t offset, data, size;
    };
    std::vector<Link> chain;  // from the object down to the last delta before its base
    // A base on an offset lies before its delta, so only a delta naming its
    // base by id can close a loop.
    bool by_id = false;
    // All the deltas of one read together: an honest chain's deltas are
    // small beside what they make.
    std::uint64_t delta_bytes = 0;
    const std::uint64_t most_delta_bytes = 4 * max_size + (std::uint64_t{1} << 20);
    int type = 0;
    std::shared_ptr<const std::string> bytes;
    bool regretted = false;
    for (std::uint64_t at = offset;;) {
        if (const Cached* hit = cached({pack_number, at})) {
            if (hit->bytes->size() > max_size) return std::nullopt;
            type = hit->type;
            bytes = hit->bytes;
            break;
        }
        if (!regretted && !evicted_keys_.empty()) {
            if (const auto let_go = evicted_keys_.find({pack_number, at});
                let_go != evicted_keys_.end()) {
                regretted = true;
                regret(let_go->second);
            }
        }
        if (at < 12) return std::nullopt;                         // within the pack's header
        const std::string_view read = bytes_at(pack_number, at);  // none past the entries
        if (read.empty()) return std::nullopt;
        const std::optional<pack::EntryHeader> header = pack::parse_entry_header(read);
        if (!header) return std::nullopt;
        if (header->type == pack::kOffsetDelta || header->type == pack::kReferenceDelta) {
            delta_bytes += header->size;
            if (chain.size() >= limits_.chain || header->size > max_size ||
                delta_bytes > most_delta_bytes)
                return std::nullopt;
            std::optional<std::uint64_t> base;
            if (header->type == pack::kOffsetDelta) {
                if (header->base_distance <= at) base = at - header->base_distance;
            } else {
                // A base in another pack (a thin pack completed elsewhere):
                // libgit2 reads the object.
                base =
                    pack.index.find(reinterpret_cast<const unsigned char*>(header->base_id.data()));
                by_id = true;
            }
            if (!base) return std::nullopt;
            chain.push_back({at, at + header->length, header->size});
            // A base met before on the way is a loop, which no git writes.
            if (by_id && std::any_of(chain.begin(), chain.end(),
                                     [&](const Link& link) { return link.offset == *base; }))
                return std::nullopt;
            at = *base;
            continue;
        }
        if (header->size > max_size) return std::nullopt;
        type = header->type;
        std::string inflated;
        if (!inflate(pack_number, at + header->length, read.substr(header->length), header->size,
                     inflated))
            return std::nullopt;
        bytes = keep({pack_number, at}, type, std::move(inflated));
        break;
    }
    for (std::size_t k = chain.size(); k-- > 0;) {
        std::string made;
        if (!inflate(pack_number, chain[k].data, {}, chain[k].size, delta_) ||
            !pack::apply_delta(*bytes, delta_, made, max_size))
            return std::nullopt;
        // Kept: the next older version of a tree or text is mostly a delta
        // on this one, or on one made on the way to it.
        bytes = keep({pack_number, chain[k].offset}, type, std::move(made));
    }
    if (delta_.capacity() > (64 << 10)) std::string().swap(delta_);  // no large buffer kept
    return Object{type, std::move(bytes)};
}

bool PackReader::inflate(std::size_t pack_number, std::uint64_t offset, std::string_view read,
                         std::uint64_t size, std::string& out, std::uint64_t prefix) {
    if (prefix < size)
        inflater_.start_prefix(out, static_cast<std::size_t>(size),
                               static_cast<std::size_t>(prefix));
    else
        inflater_.start(out, static_cast<std::size_t>(size));
    for (std::uint64_t at = offset + read.size();;) {
        switch (inflater_.feed(read)) {
            case Inflater::Step::done:
                return true;
            case Inflater::Step::failed:
                return false;
            case Inflater::Step::more:
                break;
        }
        read = bytes_at(pack_number, at);
        if (read.empty()) return false;
        at += read.size();
    }
}

void PackReader::Window::unmap() {
    if (data != nullptr) ::munmap(const_cast<char*>(data), size);
    data = nullptr;
    size = 0;
    pack = SIZE_MAX;
}

std::string_view PackReader::bytes_at(std::size_t pack_number, std::uint64_t offset) {
    const Pack& pack = *packs_[pack_number];
    if (offset >= pack.data_end) return {};
    ++clock_;
    Window* oldest = &windows_[0];
    for (Window& window : windows_) {
        // A window that ends within a few bytes of `offset` is mapped again
        // from there, so that an entry's header is never cut short.
        const std::uint64_t end = window.start + window.size;
        if (window.pack == pack_number && window.start <= offset && offset < end &&
            (end - offset >= 64 || end == pack.data_end)) {
            window.used = clock_;
            return std::string_view(window.data + (offset - window.start),
                                    static_cast<std::size_t>(end - offset));
        }
        if (window.used < oldest->used) oldest = &window;
    }
    // A window from the page `offset` lies in, never past the entries (the
    // pack's size was read when it was opened; git writes a pack whole and
    // renames it into place, never cutting one short under a reader).
    oldest->unmap();
    const std::uint64_t start = offset & ~std::uint64_t{4095};
    const auto length =
        static_cast<std::size_t>(std::min<std::uint64_t>(kWindow, pack.data_end - start));
    void* mapped =
        ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, pack.fd, static_cast<off_t>(start));
    if (mapped == MAP_FAILED) return {};
    oldest->data = static_cast<const char*>(mapped);
    oldest->size = length;
    oldest->pack = pack_number;
    oldest->start = start;
    oldest->used = clock_;
    return std::string_view(oldest->data + (offset - start), length - (offset - start));
}

const PackReader::Cached* PackReader::cached(const Key& key) {
    const auto found = by_key_.find(key);
    if (found == by_key_.end()) return nullptr;
    recent_.splice(recent_.begin(), recent_, found->second);
    return &found->second->second;
}

std::shared_ptr<const std::string> PackReader::keep(const Key& key, int type, std::string bytes) {
    // An inflated object's buffer grew by doubling: what is kept is its size.
    if (bytes.capacity() > bytes.size() + bytes.size() / 8 + 64) bytes.shrink_to_fit();
    auto shared = std::make_shared<const std::string>(std::move(bytes));
    // No one object takes more than a quarter of the largest room; one
    // larger than a quarter of the room now is let go of at once, so that
    // needing it again is a regret (it would have evicted the rest).
    if (shared->size() > limits_.cached_bytes / 4 || by_key_.count(key) != 0) return shared;
    if (kEntryCost + shared->size() > room_ / 4) {
        let_go(key, kEntryCost + shared->size());
        return shared;
    }
    recent_.emplace_front(key, Cached{type, shared});
    try {
        by_key_.emplace(key, recent_.begin());
    } catch (...) {
        recent_.pop_front();  // as it was
        throw;
    }
    if (!evicted_keys_.empty()) evicted_keys_.erase(key);  // cached, no longer let go of
    cached_bytes_ += kEntryCost + shared->size();
    while (cached_bytes_ > room_ && !recent_.empty()) {
        const std::size_t cost = kEntryCost + recent_.back().second.bytes->size();
        cached_bytes_ -= cost;
        const Key evicted = recent_.back().first;
        by_key_.erase(evicted);
        recent_.pop_back();
        let_go(evicted, cost);
    }
    return shared;
}

void PackReader::let_go(const Key& key, std::size_t cost) {
    if (room_ >= limits_.cached_bytes) return;  // the room grows no more: no regret counts
    try {
        evicted_.emplace_back(key, cost);
        evicted_bytes_ += cost;
        evicted_keys_[key] = cost;
    } catch (const std::bad_alloc&) {
        // Only the growth of the room is lost.
    }
    // The newest stays, however large.
    while (evicted_bytes_ > room_ && evicted_.size() > 1) {
        // A key let go of again since has a later entry: forgetting it
        // here only makes a regret less likely.
        evicted_bytes_ -= evicted_.front().second;
        evicted_keys_.erase(evicted_.front().first);
        evicted_.pop_front();
    }
}

void PackReader::regret(std::size_t cost) {
    // Doubling the room costs a page fault per 4 KiB filled, once; a regret
    // costs a base made again from the pack: its bytes inflated or rebuilt,
    // at least a few tens of faults' time. So the room doubles once regrets
    // have cost as many bytes as it has, each counted as at least 32 KiB
    // (128 regrets of small trees at 4 MiB): a walk that needed it so far
    // will go on needing it.
    regretted_bytes_ += std::max(cost, std::size_t{32} << 10);
    if (regretted_bytes_ < room_) return;
    room_ = std::min(std::max(2 * room_, std::size_t{64} << 10), limits_.cached_bytes);
    regretted_bytes_ = 0;
    if (room_ >= limits_.cached_bytes) {
        evicted_.clear();
        evicted_keys_.clear();
        evicted_bytes_ = 0;
    }
}

}  // namespace accord::git
