#pragma once
// What accord computed from git objects, remembered under .git/accord/cache/
// so that a second run reads it instead of computing it again, as git's
// commit-graph remembers what commits say.
//
// Promises:
//  - Keyed by what determines the answer: object ids (a blob's counts, the
//    changes between two blobs, a commit's summary), never a path or a
//    branch, so an entry can never be stale for its key. Each table also has
//    a fingerprint (the accord program that wrote it and the options the
//    answers depend on, such as the notation of accord.yaml): a table whose
//    fingerprint differs is not read at all.
//  - Safe to delete, in whole or in part, at any time: a missing entry is
//    computed again and remembered again.
//  - Never trusted blindly: each entry carries a checksum of its key and
//    value, and every offset and length is checked against the file, so a
//    truncated, overwritten or garbage file gives misses, never wrong
//    answers or a crash. Files are opened without following links.
//  - Written atomically (a temporary file renamed into place), new entries
//    as one more file per run; when the files grow many they are merged into
//    one, streaming (memory does not grow with the size of the cache). Two
//    processes may read and write at once: each writes its own files.
//  - Failing to write is not an error: the command's answer does not depend
//    on the cache, only its speed.
//
// Memory: files are mapped, and a lookup touches a few pages (binary search
// over a sorted index), so a large cache costs little resident memory.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord {

// Builds a value: unsigned integers (variable length) and strings.
class CacheWriter {
  public:
    CacheWriter& number(std::uint64_t value);
    CacheWriter& text(std::string_view value);
    CacheWriter& flag(bool value) { return number(value ? 1 : 0); }
    std::string take() { return std::move(out_); }

  private:
    std::string out_;
};

// Reads a value back; every read checks the bounds, and ok() turns false
// (for good) at the first thing that does not fit.
class CacheReader {
  public:
    explicit CacheReader(std::string_view bytes) : bytes_(bytes) {}
    std::uint64_t number();
    std::string text();
    bool flag() { return number() != 0; }
    // Nothing failed and everything was read.
    bool complete() const { return ok_ && at_ == bytes_.size(); }
    bool ok() const { return ok_; }

  private:
    std::string_view bytes_;
    std::size_t at_ = 0;
    bool ok_ = true;
};

// Whether a table of this process served a value read from its files (an
// earlier run's). A checksum tells damage, not a file written by hand: an
// object a remembered value names that the repository lacks, or a history
// that cannot be, then points at the cache, and the error says so.
bool cache_values_were_read();
// "" unless cache_values_were_read(); then "; accord may have read ... from
// its cache ...: delete .git/accord/cache/ ...", to end such an error with.
std::string cache_suspect_note(std::string_view what);

class CacheTable {
  public:
    // The table `name` ("summaries", "changes") of the repository whose git
    // directory is `git_dir`, for answers computed under `options` (any
    // bytes the answers depend on besides the key). Reading starts here;
    // unreadable files are skipped.
    CacheTable(const std::string& git_dir, std::string_view name, std::string_view options);
    ~CacheTable();
    CacheTable(const CacheTable&) = delete;
    CacheTable& operator=(const CacheTable&) = delete;

    // The value remembered for `key`, from the files or from put() in this
    // run; nullopt when absent or invalid. Safe to call from several threads.
    std::optional<std::string> find(std::string_view key) const;
    // Remembers `value` for `key` (kept in memory until save()). Safe to
    // call from several threads.
    void put(std::string_view key, std::string value);
    // Writes what put() added since the last save as one more file, merging
    // the files when there are many. Returns false if it could not (the
    // cache is then simply not updated).
    bool save();

    // The directory holding this table's files (for tests).
    std::string directory() const { return git_dir_ + relative_; }
    // What find() found and did not find so far (for tests and benchmarks).
    std::size_t hits() const { return hits_; }
    std::size_t misses() const { return misses_; }

    // An object id (40 hexadecimal digits) as a key: its 20 bytes.
    static std::string id_key(std::string_view hex);

  private:
    struct File;
    void merge_files();
    void remove_other_tables();

    std::string name_;
    std::string git_dir_;   // ends with '/'
    std::string relative_;  // accord/cache/<name>-<fingerprint hash>
    std::string fingerprint_;
    std::vector<std::unique_ptr<File>> files_;  // newest first
    mutable std::mutex mutex_;
    std::map<std::string, std::string, std::less<>> pending_;
    std::size_t pending_bytes_ = 0;
    // The keys put in this run, as a Bloom filter: a key it has not seen is
    // in none of the files this run saved (the first `saved_files_` of
    // files_) nor pending, so that a first walk of a long history, which
    // misses on every commit, searches only the files it found.
    bool maybe_put(std::string_view key) const;
    std::vector<std::uint64_t> put_filter_;  // empty until the first put
    std::size_t saved_files_ = 0;
    mutable std::size_t hits_ = 0, misses_ = 0;
    bool enabled_ = true;
};

// The accord program that is running, as bytes that change whenever its
// code does (its GNU build id, else the size and time of its file): part of
// every fingerprint, so that answers computed by another version of the
// parser or the diff are never read. Empty when it cannot be told: the
// cache is then not used.
const std::string& program_identity();

}  // namespace accord
