#include "core/store/cache.hpp"

#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/util/file.hpp"
#include "core/util/string_table.hpp"

namespace accord {

// ---------------------------------------------------------------- values

CacheWriter& CacheWriter::number(std::uint64_t value) {
    while (value >= 0x80) {
        out_ += static_cast<char>((value & 0x7F) | 0x80);
        value >>= 7;
    }
    out_ += static_cast<char>(value);
    return *this;
}

CacheWriter& CacheWriter::text(std::string_view value) {
    number(value.size());
    out_.append(value);
    return *this;
}

std::uint64_t CacheReader::number() {
    std::uint64_t value = 0;
    for (int shift = 0; ok_; shift += 7) {
        if (at_ >= bytes_.size() || shift > 63) {
            ok_ = false;
            break;
        }
        const auto byte = static_cast<unsigned char>(bytes_[at_++]);
        value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) return value;
    }
    return 0;
}

std::string CacheReader::text() {
    const std::uint64_t size = number();
    if (!ok_ || size > bytes_.size() - at_) {
        ok_ = false;
        return {};
    }
    std::string out(bytes_.substr(at_, size));
    at_ += size;
    return out;
}

// ---------------------------------------------------------------- files
//
// A table file: the magic, the fingerprint, the number of entries, an index
// of fixed-size records sorted by key, then keys and values:
//   "ACCORDC2" | u64 fingerprint size | fingerprint | u64 count |
//   count x {u64 key offset, u64 key size, u64 value offset, u64 value size,
//            u64 checksum of key and value} | data
// All integers little-endian.

namespace {

constexpr char kMagic[8] = {'A', 'C', 'C', 'O', 'R', 'D', 'C', '2'};
constexpr std::size_t kRecord = 40;
// More files than this and they are merged into one.
constexpr std::size_t kMostFiles = 8;
// New entries past this many bytes are written out before the run ends:
// a first walk of 100,000 commits remembers 31 MB of commit records, and
// held in memory until the end they cost twice that, in small pieces
// among what the command keeps.
constexpr std::size_t kMostPending = 8 << 20;
// Tables kept for other fingerprints (other accord versions, other notations).
constexpr std::size_t kMostFingerprints = 3;

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ULL) {
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

// Read at every lookup (an entry is checked each time it is found), so
// eight bytes at a time.
std::uint64_t checksum(std::string_view key, std::string_view value) {
    const std::uint64_t k = hash_bytes(key) * 0x9E3779B97F4A7C15ULL;
    return hash_bytes(value) ^ k ^ (k >> 29);
}

std::uint64_t load64(const char* at) {
    std::uint64_t value = 0;
    for (int k = 7; k >= 0; --k) value = (value << 8) | static_cast<unsigned char>(at[k]);
    return value;
}

std::string hex64(std::uint64_t value) {
    static const char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int k = 15; k >= 0; --k, value >>= 4)
        out[static_cast<std::size_t>(k)] = digits[value & 15];
    return out;
}

// A directory below `parent` opened without following a link; -1 if absent
// or not a directory.
int open_directory_at(int parent, const char* name) {
    return ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

// The directory `relative` ("a/b/c") below `git_dir`, opened step by step
// without following a link, and made where missing when `create`; -1 when
// it is absent (and not made) or not a plain directory.
int open_below(const std::string& git_dir, const std::string& relative, bool create) {
    int fd = ::open(git_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    std::size_t start = 0;
    while (fd >= 0 && start < relative.size()) {
        const std::size_t slash = relative.find('/', start);
        const std::string part =
            relative.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        int next = open_directory_at(fd, part.c_str());
        if (next < 0 && create && errno == ENOENT &&
            (::mkdirat(fd, part.c_str(), 0777) == 0 || errno == EEXIST))
            next = open_directory_at(fd, part.c_str());
        ::close(fd);
        fd = next;
        start = slash == std::string::npos ? relative.size() : slash + 1;
    }
    return fd;
}

using Entry = std::pair<std::string_view, std::string_view>;  // key, value

// Output to a file descriptor through a buffer, hashing what it writes.
class HashingOutput {
  public:
    explicit HashingOutput(int fd) : fd_(fd) { buffer_.reserve(kSize); }
    void put(std::string_view bytes) {
        hash_ = fnv1a(bytes, hash_);
        while (!bytes.empty()) {
            const std::size_t room = kSize - buffer_.size();
            buffer_.append(bytes.substr(0, room));
            bytes.remove_prefix(std::min(room, bytes.size()));
            if (buffer_.size() == kSize) flush();
        }
    }
    void put64(std::uint64_t value) {
        char bytes[8];
        for (int k = 0; k < 8; ++k) bytes[k] = static_cast<char>((value >> (8 * k)) & 0xFF);
        put(std::string_view(bytes, 8));
    }
    bool flush() {
        std::string_view rest = buffer_;
        while (ok_ && !rest.empty()) {
            const ssize_t wrote = ::write(fd_, rest.data(), rest.size());
            if (wrote < 0 && errno == EINTR) continue;
            if (wrote <= 0)
                ok_ = false;
            else
                rest.remove_prefix(static_cast<std::size_t>(wrote));
        }
        buffer_.clear();
        return ok_;
    }
    std::uint64_t hash() const { return hash_; }

  private:
    static constexpr std::size_t kSize = 1 << 20;
    int fd_;
    std::string buffer_;
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
    bool ok_ = true;
};

// Writes a table file of `entries` (sorted by key, each key once) into the
// directory `dirfd`, streaming: memory stays the size of a buffer whatever
// the size of the table. Written under a temporary name (not read, as it does
// not end in ".cache") and renamed to the hash of its bytes, so readers see a
// whole file or none. Returns its name, or "" if it could not.
std::string write_table_file(int dirfd, std::string_view fingerprint,
                             const std::vector<Entry>& entries) {
    static std::atomic<unsigned> counter{0};
    const std::string temporary = "tmp-" + std::to_string(::getpid()) + "-" +
                                  std::to_string(counter++) + "-" +
                                  std::to_string(reinterpret_cast<std::uintptr_t>(&entries));
    const int fd = ::openat(dirfd, temporary.c_str(),
                            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return "";
    HashingOutput out(fd);
    out.put(std::string_view(kMagic, sizeof kMagic));
    out.put64(fingerprint.size());
    out.put(fingerprint);
    out.put64(entries.size());
    std::uint64_t at = 8 + 8 + fingerprint.size() + 8 + entries.size() * kRecord;
    for (const auto& [key, value] : entries) {
        out.put64(at);
        out.put64(key.size());
        out.put64(at + key.size());
        out.put64(value.size());
        out.put64(checksum(key, value));
        at += key.size() + value.size();
    }
    for (const auto& [key, value] : entries) {
        out.put(key);
        out.put(value);
    }
    const bool written = out.flush();
    const bool closed = ::close(fd) == 0;
    const std::string name = hex64(out.hash()) + ".cache";
    if (!written || !closed || ::renameat(dirfd, temporary.c_str(), dirfd, name.c_str()) != 0) {
        ::unlinkat(dirfd, temporary.c_str(), 0);
        return "";
    }
    return name;
}

}  // namespace

struct CacheTable::File {
    std::string name;
    std::unique_ptr<MappedFile> mapping;
    const char* data = nullptr;  // the mapping's
    std::size_t size = 0;
    std::size_t count = 0;
    std::size_t index = 0;  // offset of the first index record

    // Opens `name` in `dirfd` if it is a regular file whose header is whole and
    // whose fingerprint is `fingerprint`.
    static std::unique_ptr<File> open(int dirfd, const std::string& name,
                                      std::string_view fingerprint) {
        auto file = std::make_unique<File>();
        file->mapping = MappedFile::open(dirfd, name);
        if (!file->mapping || file->mapping->bytes().size() < 24) return nullptr;
        file->name = name;
        file->data = file->mapping->bytes().data();
        file->size = file->mapping->bytes().size();
        const std::size_t size = file->size;
        if (std::memcmp(file->data, kMagic, sizeof kMagic) != 0) return nullptr;
        const std::uint64_t fingerprint_size = load64(file->data + 8);
        if (fingerprint_size != fingerprint.size() || fingerprint_size > size - 24) return nullptr;
        if (std::string_view(file->data + 16, fingerprint_size) != fingerprint) return nullptr;
        const std::size_t count_at = 16 + fingerprint_size;
        const std::uint64_t count = load64(file->data + count_at);
        file->index = count_at + 8;
        if (count > (size - file->index) / kRecord) return nullptr;
        file->count = static_cast<std::size_t>(count);
        return file;
    }

    // The key of record `k`, or nullopt when its bounds do not fit the file.
    std::optional<std::string_view> key(std::size_t k) const {
        const char* record = data + index + k * kRecord;
        const std::uint64_t offset = load64(record), length = load64(record + 8);
        if (offset > size || length > size - offset) return std::nullopt;
        return std::string_view(data + offset, length);
    }

    std::optional<std::string_view> value(std::size_t k) const {
        const char* record = data + index + k * kRecord;
        const std::uint64_t offset = load64(record + 16), length = load64(record + 24);
        if (offset > size || length > size - offset) return std::nullopt;
        return std::string_view(data + offset, length);
    }

    bool valid(std::size_t k, std::string_view key_bytes, std::string_view value_bytes) const {
        return load64(data + index + k * kRecord + 32) == checksum(key_bytes, value_bytes);
    }

    std::optional<std::string_view> find(std::string_view wanted) const {
        std::size_t lo = 0, hi = count;
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            const std::optional<std::string_view> k = key(mid);
            if (!k) return std::nullopt;  // a broken record: a miss
            if (*k < wanted) {
                lo = mid + 1;
            } else if (wanted < *k) {
                hi = mid;
            } else {
                const std::optional<std::string_view> v = value(mid);
                if (!v || !valid(mid, *k, *v)) return std::nullopt;
                return v;
            }
        }
        return std::nullopt;
    }
};

CacheTable::CacheTable(const std::string& git_dir, std::string_view name, std::string_view options)
    : name_(name) {
    const std::string& program = program_identity();
    if (program.empty() || git_dir.empty()) {
        enabled_ = false;
        return;
    }
    git_dir_ = git_dir;
    if (git_dir_.back() != '/') git_dir_ += '/';
    fingerprint_ = std::string(name) + '\0' + program + '\0' + std::string(options);
    relative_ = "accord/cache/" + std::string(name) + "-" + hex64(fnv1a(fingerprint_));
    // Open accord/cache/<table> below the git directory, never through a link.
    const int fd = open_below(git_dir_, relative_, false);
    if (fd < 0) return;  // nothing remembered yet (or not a plain directory: ignored)
    std::vector<std::pair<std::int64_t, std::string>> by_age;
    for (const std::string& file_name : names_ending_in(fd, ".cache")) {
        struct stat info {};
        if (::fstatat(fd, file_name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
        by_age.emplace_back(static_cast<std::int64_t>(info.st_mtime), file_name);
    }
    std::sort(by_age.rbegin(), by_age.rend());
    for (const auto& [age, file_name] : by_age) {
        if (std::unique_ptr<File> file = File::open(fd, file_name, fingerprint_))
            files_.push_back(std::move(file));
    }
    ::close(fd);
}

CacheTable::~CacheTable() = default;

std::string CacheTable::id_key(std::string_view hex) {
    std::string out;
    auto digit = [](char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10;
    };
    for (std::size_t k = 0; k + 1 < hex.size(); k += 2)
        out += static_cast<char>(digit(hex[k]) * 16 + digit(hex[k + 1]));
    return out;
}

namespace {
constexpr std::size_t kFilterWords = std::size_t{1} << 14;  // a million bits, 128 KiB

// Two bit positions in the filter for `key`.
std::pair<std::size_t, std::size_t> filter_bits(std::string_view key) {
    const std::uint64_t hash = std::hash<std::string_view>()(key);
    const std::uint64_t mixed = (hash ^ (hash >> 29)) * 0x9E3779B97F4A7C15ULL;
    const std::size_t bits = kFilterWords * 64;
    return {static_cast<std::size_t>(hash % bits), static_cast<std::size_t>((mixed >> 40) % bits)};
}
}  // namespace

bool CacheTable::maybe_put(std::string_view key) const {
    if (put_filter_.empty()) return false;
    const auto [a, b] = filter_bits(key);
    return ((put_filter_[a / 64] >> (a % 64)) & 1) != 0 &&
           ((put_filter_[b / 64] >> (b % 64)) & 1) != 0;
}

static std::atomic<bool>& values_read_from_files() {
    static std::atomic<bool> read{false};
    return read;
}

bool cache_values_were_read() {
    return values_read_from_files().load(std::memory_order_relaxed);
}

std::string cache_suspect_note(std::string_view what) {
    if (!cache_values_were_read()) return "";
    return "; accord may have read " + std::string(what) +
           " from its cache (.git/accord/cache/ of the repository), damaged or written by hand: "
           "delete that directory (accord builds it again as it needs it) and run the command "
           "again";
}

std::optional<std::string> CacheTable::find(std::string_view key) const {
    if (!enabled_) return std::nullopt;
    const std::lock_guard<std::mutex> lock(mutex_);
    const bool put = maybe_put(key);
    for (std::size_t k = put ? 0 : saved_files_; k < files_.size(); ++k) {
        if (const std::optional<std::string_view> value = files_[k]->find(key)) {
            ++hits_;
            values_read_from_files().store(true, std::memory_order_relaxed);
            return std::string(*value);
        }
    }
    if (put) {
        if (const auto found = pending_.find(key); found != pending_.end()) {
            ++hits_;
            return found->second;
        }
    }
    ++misses_;
    return std::nullopt;
}

void CacheTable::put(std::string_view key, std::string value) {
    if (!enabled_) return;
    bool full = false;
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        // In the filter first: should the entry then fail to go in, a bit
        // set for nothing costs a search, not an answer.
        if (put_filter_.empty()) put_filter_.assign(kFilterWords, 0);
        const auto [a, b] = filter_bits(key);
        put_filter_[a / 64] |= std::uint64_t{1} << (a % 64);
        put_filter_[b / 64] |= std::uint64_t{1} << (b % 64);
        pending_bytes_ += key.size() + value.size();
        pending_[std::string(key)] = std::move(value);
        full = pending_bytes_ > kMostPending;
    }
    if (full) save();
}

bool CacheTable::save() {
    if (!enabled_) return false;
    std::map<std::string, std::string, std::less<>> entries;
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        entries.swap(pending_);
        pending_bytes_ = 0;
    }
    if (entries.empty()) return true;
    const int dirfd = open_below(git_dir_, relative_, true);
    if (dirfd < 0) return false;
    const std::string written =
        write_table_file(dirfd, fingerprint_, std::vector<Entry>(entries.begin(), entries.end()));
    // What was written stays findable in this run (a save in the middle of
    // a long walk must not make its entries be computed again); the mapping
    // outlives the file should merging remove it.
    std::unique_ptr<File> file =
        written.empty() ? nullptr : File::open(dirfd, written, fingerprint_);
    ::close(dirfd);
    if (written.empty()) return false;
    if (file) {
        const std::lock_guard<std::mutex> lock(mutex_);
        files_.insert(files_.begin(), std::move(file));
        ++saved_files_;
    }
    merge_files();
    return true;
}

// When the files grow many, their valid entries (the newest file's for a key
// in several) are written as one file and the others removed; tables of other
// fingerprints (other accord versions, other notations) beyond a few are
// removed too.
void CacheTable::merge_files() {
    const int dirfd = open_below(git_dir_, relative_, false);
    if (dirfd < 0) return;
    std::vector<std::pair<std::int64_t, std::unique_ptr<File>>> all;
    for (const std::string& name : names_ending_in(dirfd, ".cache")) {
        struct stat info {};
        if (::fstatat(dirfd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (std::unique_ptr<File> file = File::open(dirfd, name, fingerprint_))
            all.emplace_back(static_cast<std::int64_t>(info.st_mtime), std::move(file));
    }
    if (all.size() <= kMostFiles) {
        ::close(dirfd);
        return;
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    // Views into the mapped files, not copies: memory grows by a few words
    // per entry, not with the size of the cache. For a key in several files
    // the newest file's entry wins.
    struct Candidate {
        std::string_view key, value;
        std::size_t age;  // larger is newer
    };
    std::vector<Candidate> candidates;
    for (std::size_t age = 0; age < all.size(); ++age) {
        const File& file = *all[age].second;
        for (std::size_t k = 0; k < file.count; ++k) {
            const auto key = file.key(k);
            const auto value = file.value(k);
            if (key && value && file.valid(k, *key, *value))
                candidates.push_back({*key, *value, age});
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return a.key != b.key ? a.key < b.key : a.age > b.age;
    });
    std::vector<Entry> merged;
    merged.reserve(candidates.size());
    for (const Candidate& c : candidates)
        if (merged.empty() || merged.back().first != c.key) merged.emplace_back(c.key, c.value);
    candidates = {};
    const std::string written = write_table_file(dirfd, fingerprint_, merged);
    if (!written.empty()) {
        for (const auto& [age, file] : all)
            if (file->name != written) ::unlinkat(dirfd, file->name.c_str(), 0);
    }
    ::close(dirfd);
    if (!written.empty()) remove_other_tables();
}

void CacheTable::remove_other_tables() {
    namespace fs = std::filesystem;
    const std::string prefix = name_ + "-";
    const std::string mine = fs::path(relative_).filename().string();
    std::vector<std::pair<fs::file_time_type, fs::path>> others;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(git_dir_ + "accord/cache", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || name == mine) continue;
        if (!entry.is_directory(ec) || entry.is_symlink(ec)) continue;
        others.emplace_back(entry.last_write_time(ec), entry.path());
    }
    if (others.size() < kMostFingerprints) return;
    std::sort(others.rbegin(), others.rend());
    for (std::size_t k = kMostFingerprints - 1; k < others.size(); ++k)
        fs::remove_all(others[k].second, ec);  // never follows links
}

// ---------------------------------------------------------------- program identity

namespace {

// The GNU build id of the main program, from its PT_NOTE segments.
int find_build_id(dl_phdr_info* info, std::size_t, void* out) {
    auto* id = static_cast<std::string*>(out);
    // The main program comes first, with an empty name.
    for (ElfW(Half) k = 0; k < info->dlpi_phnum; ++k) {
        const ElfW(Phdr)& segment = info->dlpi_phdr[k];
        if (segment.p_type != PT_NOTE) continue;
        const char* at = reinterpret_cast<const char*>(info->dlpi_addr + segment.p_vaddr);
        const char* end = at + segment.p_memsz;
        while (at + sizeof(ElfW(Nhdr)) <= end) {
            const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(at);
            const char* name = at + sizeof(ElfW(Nhdr));
            const char* desc = name + ((note->n_namesz + 3) & ~3U);
            const char* next = desc + ((note->n_descsz + 3) & ~3U);
            if (next > end) break;
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
                std::memcmp(name, "GNU", 4) == 0) {
                id->assign(desc, note->n_descsz);
                return 1;
            }
            at = next;
        }
    }
    return 1;  // only the main program
}

}  // namespace

const std::string& program_identity() {
    static const std::string identity = [] {
        std::string id;
        dl_iterate_phdr(find_build_id, &id);
        if (!id.empty()) return "build-id:" + id;
        struct stat info {};
        if (::stat("/proc/self/exe", &info) == 0) {
            return "file:" + std::to_string(info.st_size) + ":" +
                   std::to_string(static_cast<long long>(info.st_mtime)) + ":" +
                   std::to_string(static_cast<long long>(info.st_ino));
        }
        return std::string();
    }();
    return identity;
}

}  // namespace accord
