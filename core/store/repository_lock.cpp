#include "core/store/repository_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <thread>

#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/notice.hpp"

namespace accord {

namespace {

constexpr auto kPoll = std::chrono::milliseconds(10);
// A lock file still empty after this long was left by a process killed
// between creating it and writing its name in it.
constexpr std::time_t kEmptyLockAge = 10;

std::string first_line_of(const std::string& path) {
    const FileResult file = read_file(path);
    if (!file.contents) return "";
    return file.contents->substr(0, file.contents->find('\n'));
}

std::string host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return "";
    return name;
}

std::string boot_id() {
    return first_line_of("/proc/sys/kernel/random/boot_id");
}

// Field 22 of /proc/PID/stat: when the process started, in clock ticks
// since boot. "" when it cannot be read.
std::string start_time(long pid) {
    const FileResult file = read_file("/proc/" + std::to_string(pid) + "/stat");
    if (!file.contents) return "";
    const std::string& stat = *file.contents;
    // The command name (field 2) is in parentheses and may hold anything.
    std::size_t at = stat.rfind(')');
    if (at == std::string::npos) return "";
    int field = 2;
    while (field < 22) {
        at = stat.find(' ', at + 1);
        if (at == std::string::npos) return "";
        ++field;
    }
    const std::size_t end = stat.find(' ', at + 1);
    return stat.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
}

std::string describe(const LockHolder& holder) {
    std::string out = "process " + std::to_string(holder.pid);
    if (holder.host.empty() || holder.host == host_name()) return out + " on this machine";
    return out + " on host " + holder.host;
}

std::string age_of(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return "";
    const long seconds = static_cast<long>(std::time(nullptr) - info.st_mtime);
    if (seconds < 120) return std::to_string(seconds < 0 ? 0 : seconds) + " s ago";
    if (seconds < 7200) return std::to_string(seconds / 60) + " min ago";
    return std::to_string(seconds / 3600) + " h ago";
}

bool write_all(int fd, const std::string& text) {
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        written += static_cast<std::size_t>(n);
    }
    return true;
}

enum class Attempt { taken, held, stale_removed };

// One try: create the lock, or find out whether its holder is gone and, if
// so, remove the stale file (under the guard) so that the next try takes it.
// The lock file appears whole: its text is written to a temporary file
// beside it, which link(2) then makes the lock, failing if one exists. So a
// process killed at any point leaves either no lock or one naming it.
Attempt attempt(const std::string& path, std::optional<LockHolder>& holder_seen) {
    const std::size_t slash = path.rfind('/');
    const std::string directory = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    const std::string temporary =
        directory + temporary_name(slash == std::string::npos ? path : path.substr(slash + 1));
    const int fd =
        ::open(temporary.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        throw failure("cannot create the lock file " + path + ": " + std::strerror(errno));
    }
    const bool written = write_all(fd, this_process_lock_text());
    const bool closed = ::close(fd) == 0;
    if (!written || !closed) {
        const int error = errno;
        ::unlink(temporary.c_str());
        throw failure("cannot write the lock file " + path + ": " + std::strerror(error));
    }
    const int linked = ::link(temporary.c_str(), path.c_str());
    const int link_error = errno;
    ::unlink(temporary.c_str());
    if (linked == 0) return Attempt::taken;
    if (link_error != EEXIST) {
        throw failure("cannot create the lock file " + path + ": " + std::strerror(link_error));
    }
    const FileResult file = read_file(path);
    if (!file.contents) return Attempt::held;  // released meanwhile: the next try takes it
    holder_seen = parse_lock_holder(*file.contents);
    bool stale = false;
    if (holder_seen) {
        stale = lock_holder_is_gone(*holder_seen);
    } else {
        struct stat info {};
        stale =
            ::stat(path.c_str(), &info) == 0 && std::time(nullptr) - info.st_mtime > kEmptyLockAge;
    }
    if (!stale) return Attempt::held;

    // Under the guard, the file is removed only if it still holds what was
    // found stale: another process may have taken it over and locked afresh.
    const std::string guard_path = path + ".guard";
    const int guard = ::open(guard_path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (guard < 0) {
        throw failure("cannot create " + guard_path + ": " + std::strerror(errno));
    }
    while (::flock(guard, LOCK_EX) != 0 && errno == EINTR) {
    }
    bool removed = false;
    const FileResult again = read_file(path);
    if (again.contents && *again.contents == *file.contents) removed = ::unlink(path.c_str()) == 0;
    ::close(guard);  // releases the flock
    if (!removed) return Attempt::held;
    return Attempt::stale_removed;
}

void say_taken_over(const std::string& path, const std::optional<LockHolder>& holder) {
    notice("took over the lock " + path + " left by " +
           (holder ? describe(*holder) + ", which is no longer running"
                   : std::string("a process that never wrote its name in it")) +
           " (an accord command was interrupted there)");
}

[[noreturn]] void refuse(const std::string& path, const std::string& where,
                         const std::optional<LockHolder>& holder) {
    std::string message = "another accord command is recording in " + where + " (lock file " + path;
    if (holder) message += ", taken by " + describe(*holder) + " " + age_of(path);
    message += "); retry when it has finished";
    if (holder && !holder->host.empty() && holder->host != host_name()) {
        message += ", or delete the lock file if no accord command runs on " + holder->host;
    } else {
        message += ", or delete the lock file if no accord command is running";
    }
    throw failure(message);
}

}  // namespace

std::optional<LockHolder> parse_lock_holder(const std::string& text) {
    LockHolder holder;
    bool have_pid = false;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(at, end - at);
        at = end + 1;
        const std::size_t space = line.find(' ');
        const std::string key = space == std::string::npos ? "" : line.substr(0, space);
        const std::string value = space == std::string::npos ? line : line.substr(space + 1);
        if (key.empty() || key == "pid") {
            // "12345": the whole text of a lock from an older accord.
            char* stop = nullptr;
            const long pid = std::strtol(value.c_str(), &stop, 10);
            if (value.empty() || *stop != '\0' || pid <= 0) return std::nullopt;
            holder.pid = pid;
            have_pid = true;
        } else if (key == "host") {
            holder.host = value;
        } else if (key == "boot") {
            holder.boot = value;
        } else if (key == "start") {
            holder.start = value;
        }
    }
    if (!have_pid) return std::nullopt;
    return holder;
}

std::string this_process_lock_text() {
    const long pid = static_cast<long>(::getpid());
    std::string text = "pid " + std::to_string(pid) + "\n";
    if (const std::string host = host_name(); !host.empty()) text += "host " + host + "\n";
    if (const std::string boot = boot_id(); !boot.empty()) text += "boot " + boot + "\n";
    if (const std::string start = start_time(pid); !start.empty()) text += "start " + start + "\n";
    return text;
}

bool lock_holder_is_gone(const LockHolder& holder) {
    if (!holder.host.empty() && holder.host != host_name()) return false;  // cannot tell
    if (holder.pid == static_cast<long>(::getpid())) return false;
    if (!holder.boot.empty()) {
        const std::string boot = boot_id();
        if (!boot.empty() && boot != holder.boot) return true;  // rebooted since
    }
    if (::kill(static_cast<pid_t>(holder.pid), 0) != 0 && errno == ESRCH) return true;
    if (!holder.start.empty()) {
        const std::string start = start_time(holder.pid);
        if (!start.empty() && start != holder.start) return true;  // the pid was reused
    }
    return false;
}

RepositoryLock RepositoryLock::acquire(const std::string& path, const std::string& where,
                                       std::chrono::milliseconds wait) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        std::optional<LockHolder> holder;
        switch (attempt(path, holder)) {
            case Attempt::taken:
                return RepositoryLock(path);
            case Attempt::stale_removed:
                say_taken_over(path, holder);
                continue;
            case Attempt::held:
                break;
        }
        if (std::chrono::steady_clock::now() >= deadline) refuse(path, where, holder);
        std::this_thread::sleep_for(kPoll);
    }
}

std::optional<RepositoryLock> RepositoryLock::try_acquire(const std::string& path,
                                                          const std::string&) {
    for (int tries = 0; tries < 3; ++tries) {
        std::optional<LockHolder> holder;
        switch (attempt(path, holder)) {
            case Attempt::taken:
                return RepositoryLock(path);
            case Attempt::stale_removed:
                say_taken_over(path, holder);
                continue;
            case Attempt::held:
                return std::nullopt;
        }
    }
    return std::nullopt;
}

RepositoryLock::RepositoryLock(RepositoryLock&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
}

RepositoryLock::~RepositoryLock() {
    if (!path_.empty()) ::unlink(path_.c_str());
}

}  // namespace accord
