#pragma once
// Zip archives, read with hard limits and written in order. Knows nothing of
// what the entries hold.
//
// Reading promises, for hostile archives:
//  - Entries are looked up by name and returned as bytes; nothing is ever
//    extracted to disk, so names such as "../../etc/passwd" mean nothing.
//  - An entry whose declared size is over a limit, or whose declared size is
//    far beyond what its compressed data could honestly hold, is refused
//    before a byte of it is inflated; inflating stops at the declared size,
//    so an entry that lies about its size is refused too, never read whole.
//  - Errors say which archive and which entry, and what is wrong: not a zip,
//    truncated or damaged, encrypted, over which limit.
// libzip is loaded on first use, so commands that never open an archive do not
// pay for loading it and the libraries it pulls in.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace accord::zip {

struct ReadLimits {
    std::size_t max_entries = 10'000;
    std::uint64_t max_entry_size = 256ull << 20;  // uncompressed bytes of one entry
    std::uint64_t max_total_size = 1ull << 30;    // uncompressed bytes of all entries read
    // Uncompressed : compressed. Text compresses 5-20 times; zip bombs a
    // thousand. Entries under `ratio_floor` bytes are not checked: a run of
    // spaces, or a long text repeating one phrase (a compiled document of a
    // few megabytes can compress 500 times), harms no one at that size.
    std::uint64_t max_ratio = 200;
    std::uint64_t ratio_floor = 32ull << 20;
};

enum class ErrorKind {
    none,
    io,                // the file cannot be opened or read
    not_a_zip,         // no zip signature at all
    truncated,         // starts like a zip, but its directory is missing or cut short
    damaged,           // inconsistent headers, checksum or data
    too_many_entries,  // over ReadLimits::max_entries
    duplicate_entry,   // two entries with one name: which one is meant is ambiguous
    missing_entry,     // no entry by that name
    encrypted,         // an entry is encrypted
    unsupported,       // a compression method libzip cannot inflate
    entry_too_large,   // over ReadLimits::max_entry_size, declared or inflated
    total_too_large,   // over ReadLimits::max_total_size
    ratio_too_high,    // over ReadLimits::max_ratio
    library,           // libzip cannot be loaded
};

struct Error {
    ErrorKind kind = ErrorKind::none;
    std::string message;  // "NAME: what is wrong" or "NAME: ENTRY: what is wrong"
    explicit operator bool() const { return kind != ErrorKind::none; }
};

struct EntryInfo {
    std::string name;
    std::uint64_t size = 0;             // uncompressed, as declared
    std::uint64_t compressed_size = 0;  // as declared
    bool encrypted = false;
};

struct ReadResult {
    std::string bytes;
    Error error;
    bool ok() const { return !error; }
};

class Archive {
  public:
    ~Archive();
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    // In the archive's order.
    const std::vector<EntryInfo>& entries() const;
    const EntryInfo* find(std::string_view name) const;
    // The whole entry, within the limits; what it reads counts toward
    // max_total_size.
    ReadResult read(std::string_view name);
    // Uncompressed bytes read so far.
    std::uint64_t total_read() const;

    struct Impl;
    explicit Archive(std::unique_ptr<Impl> impl);

  private:
    std::unique_ptr<Impl> impl_;
};

struct OpenResult {
    std::unique_ptr<Archive> archive;  // null when error is set
    Error error;
};

// `display_name` names the archive in messages ("submission.docx").
OpenResult open_file(const std::string& path, const ReadLimits& limits = {});
OpenResult open_memory(std::string bytes, std::string display_name, const ReadLimits& limits = {});

// A new archive, entries deflated and stored in the order they are added,
// every date set to 1980-01-01 so that the same entries give the same bytes.
class Writer {
  public:
    void add(std::string name, std::string bytes);
    struct Result {
        std::string bytes;  // the archive
        Error error;
    };
    Result finish() const;

  private:
    std::vector<std::pair<std::string, std::string>> entries_;
};

}  // namespace accord::zip
