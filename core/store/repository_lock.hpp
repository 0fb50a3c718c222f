#pragma once
// .git/accord.lock: accord processes that record in one repository take
// turns, so that between reading a branch and bringing the index in line
// with it no other accord command interleaves.
//
// The lock is a file created exclusively (O_EXCL), holding who took it:
//   pid 12345
//   host delegate-laptop
//   boot <the kernel's boot id>
//   start <the process's start time, in clock ticks since boot>
// A process killed while holding it (kill -9, a crash) leaves the file
// behind. Such a lock is taken over, with a note saying so, when its holder
// is provably gone: same host, and the process no longer runs (no such pid,
// a pid now used by a process that started later, or a machine rebooted
// since). A lock from another host, or whose holder may still run, is
// waited for and then refused with a message naming the holder.
//
// Taking over is serialised by an flock(2) on a second file
// (accord.lock.guard), so that two processes finding the same stale lock
// cannot remove each other's fresh one.
#include <chrono>
#include <optional>
#include <string>

namespace accord {

struct LockHolder {
    long pid = 0;
    std::string host;   // empty: not recorded (a lock from an older accord)
    std::string boot;   // empty: not recorded
    std::string start;  // empty: not recorded
};

// The holder a lock file's text names; nullopt for an empty or unreadable text.
std::optional<LockHolder> parse_lock_holder(const std::string& text);
// The lock file's text for this process.
std::string this_process_lock_text();
// True when `holder` is provably not running any more (see above).
bool lock_holder_is_gone(const LockHolder& holder);

class RepositoryLock {
  public:
    // Takes the lock at `path`, waiting up to `wait` for a live holder; a
    // stale lock is taken over (with a notice). Held past the wait: failure
    // (exit 3) naming the holder; `where` names the repository in messages.
    static RepositoryLock acquire(const std::string& path, const std::string& where,
                                  std::chrono::milliseconds wait = std::chrono::seconds(5));
    // The same without waiting: nullopt when a live process holds it.
    static std::optional<RepositoryLock> try_acquire(const std::string& path,
                                                     const std::string& where);

    RepositoryLock(RepositoryLock&& other) noexcept;
    RepositoryLock& operator=(RepositoryLock&&) = delete;
    RepositoryLock(const RepositoryLock&) = delete;
    RepositoryLock& operator=(const RepositoryLock&) = delete;
    ~RepositoryLock();

  private:
    explicit RepositoryLock(std::string path) : path_(std::move(path)) {}
    std::string path_;  // empty once moved from
};

}  // namespace accord
