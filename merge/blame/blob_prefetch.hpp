#pragma once
// Reading blame's versions while the history walk is still finding them.
// The walk is serial and finds versions newest first; blame reads them
// oldest first once it ends. A prefetcher, on a thread and a repository
// handle of its own (libgit2 objects are used by one thread at a time),
// reads the blobs the walk announces; take() then gives a version's text
// from it or, for the blobs it has not reached, reads it on the caller's
// handle. Each blob is read once either way. It holds at most kMostHeld
// bytes of texts not yet taken: the newest versions it reads first are
// taken last, and a long history's texts would otherwise all be held at once.
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/store/repository.hpp"

namespace accord {

class BlobPrefetcher {
  public:
    // Opens its own handle on the repository at `git_dir`.
    explicit BlobPrefetcher(const std::string& git_dir);
    static constexpr std::size_t kMostHeld = 512 << 10;
    ~BlobPrefetcher();  // stops and joins the thread
    BlobPrefetcher(const BlobPrefetcher&) = delete;
    BlobPrefetcher& operator=(const BlobPrefetcher&) = delete;

    // Stops reading ahead (the answer was found elsewhere); take() still
    // gives every blob, reading on the caller's handle what was not read.
    void stop();

    // From the walk: a blob a version holds (called on the walking thread).
    void announce(const std::string& blob_id);
    // The walk ended: nothing more will be announced.
    void walk_done();
    // The text of `blob_id`: the prefetched one (waited for if it is being
    // read), else read on `repository`, the caller's handle.
    std::string take(const std::string& blob_id, const Repository& repository);
    // The most bytes of texts it held at once so far (for tests).
    std::size_t most_held();

  private:
    void run(std::string git_dir);

    enum class State { announced, reading, read, taken };
    struct Blob {
        State state = State::announced;
        std::string text;
    };
    std::mutex mutex_;
    std::condition_variable changed_;
    std::unordered_map<std::string, Blob> blobs_;
    std::vector<std::string> queue_;  // announced, newest first
    std::size_t next_ = 0;            // the next of queue_ to read
    std::size_t held_ = 0;            // bytes of texts read and not taken
    std::size_t most_held_ = 0;
    bool walk_done_ = false, stop_ = false;
    std::thread thread_;
};

}  // namespace accord
