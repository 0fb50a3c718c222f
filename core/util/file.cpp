#include "core/util/file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <vector>

namespace accord {

namespace {

// A file descriptor closed when it goes out of scope.
class Descriptor {
  public:
    explicit Descriptor(int fd = -1) : fd_(fd) {}
    Descriptor(Descriptor&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Descriptor& operator=(Descriptor&& other) noexcept {
        if (this != &other) {
            reset();
            fd_ = other.fd_;
            other.fd_ = -1;
        }
        return *this;
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor() { reset(); }
    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    // Closes now, reporting what close(2) said (0 or an errno).
    int close() {
        const int rc = fd_ >= 0 ? ::close(fd_) : 0;
        fd_ = -1;
        return rc == 0 ? 0 : errno;
    }

  private:
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    int fd_;
};

std::string reason(int error) {
    return std::strerror(error);
}

FileResult failed(const std::string& path, const std::string& why, FileProblem problem) {
    FileResult result;
    result.error = path + ": " + why;
    result.problem = problem;
    return result;
}

FileProblem problem_of(int error) {
    if (error == ENOENT || error == ENOTDIR) return FileProblem::missing;
    if (error == ELOOP) return FileProblem::link;
    return FileProblem::other;
}

// Everything `fd` holds: one read into a string of the file's size when it is
// a regular file, then in chunks (a pipe, a file still growing). `what`
// names the kind of file the reader expects, in the message for one too large.
FileResult read_descriptor(int fd, const std::string& path, std::string_view what = "text") {
    struct stat info {};
    if (::fstat(fd, &info) != 0) return failed(path, reason(errno), FileProblem::other);
    if (S_ISDIR(info.st_mode)) return failed(path, "is a directory", FileProblem::not_regular);
    auto too_large = [&] {
        return failed(path,
                      "larger than " + std::to_string(kMaxReadBytes >> 20) +
                          " MiB, more than accord reads (is it a " + std::string(what) + "?)",
                      FileProblem::too_large);
    };
    if (S_ISREG(info.st_mode) && static_cast<std::uint64_t>(info.st_size) > kMaxReadBytes)
        return too_large();
    std::string contents;
    if (S_ISREG(info.st_mode)) contents.resize(static_cast<std::size_t>(info.st_size));
    std::size_t filled = 0;
    for (;;) {
        if (filled > kMaxReadBytes) return too_large();
        char more[4096];
        const bool sized = filled < contents.size();
        const ssize_t n = sized ? ::read(fd, contents.data() + filled, contents.size() - filled)
                                : ::read(fd, more, sizeof more);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return failed(path, "read failed: " + reason(errno), FileProblem::other);
        if (n == 0) break;
        if (!sized) contents.append(more, static_cast<std::size_t>(n));
        filled += static_cast<std::size_t>(n);
    }
    contents.resize(filled);
    FileResult result;
    result.contents = std::move(contents);
    return result;
}

// `relative` cut at '/', refusing empty, "." and ".." parts (which could climb
// out of the directory they are taken below).
std::optional<std::vector<std::string>> path_parts(std::string_view relative) {
    std::vector<std::string> parts;
    std::size_t begin = 0;
    while (begin <= relative.size()) {
        std::size_t end = relative.find('/', begin);
        if (end == std::string_view::npos) end = relative.size();
        const std::string_view part = relative.substr(begin, end - begin);
        if (part.empty() || part == "." || part == "..") return std::nullopt;
        parts.emplace_back(part);
        begin = end + 1;
    }
    return parts;
}

struct OpenedDirectory {
    Descriptor fd;
    std::string error;  // set when fd is not valid
    FileProblem problem = FileProblem::none;
};

// Opens `within` (following links: the caller chose it), then each of
// `parts` below it without following a link, creating missing ones when asked.
OpenedDirectory open_directories(const std::string& within, const std::vector<std::string>& parts,
                                 bool create) {
    OpenedDirectory out;
    out.fd = Descriptor(
        ::open(within.empty() ? "." : within.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!out.fd.valid()) {
        out.error = within + ": " + reason(errno);
        out.problem = problem_of(errno);
        return out;
    }
    std::string walked = within;
    if (!walked.empty() && walked.back() != '/') walked += '/';
    for (const std::string& part : parts) {
        walked += part;
        int next =
            ::openat(out.fd.get(), part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0 && errno == ENOENT && create) {
            if (::mkdirat(out.fd.get(), part.c_str(), 0777) != 0 && errno != EEXIST) {
                out.error = walked + ": cannot make the directory: " + reason(errno);
                out.problem = FileProblem::other;
                out.fd = Descriptor();
                return out;
            }
            next = ::openat(out.fd.get(), part.c_str(),
                            O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (next < 0) {
            const int error = errno;
            struct stat info {};
            const bool link =
                ::fstatat(out.fd.get(), part.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 &&
                S_ISLNK(info.st_mode);
            out.problem = link ? FileProblem::link : problem_of(error);
            out.error = link ? walked +
                                   ": is a symbolic link; accord does not follow links "
                                   "inside a work tree"
                             : walked + ": " + reason(error);
            out.fd = Descriptor();
            return out;
        }
        out.fd = Descriptor(next);
        walked += '/';
    }
    return out;
}

// `path` cut into the directory to open and the file's name: below `within`
// when it is given (then the directories are opened without following links).
struct Placement {
    std::string within;
    std::vector<std::string> directories;
    std::string name;
    std::string error;
};

Placement place(const std::string& path, const std::string& within) {
    Placement out;
    if (within.empty()) {
        const std::filesystem::path p(path);
        out.within = p.has_parent_path() ? p.parent_path().string() : ".";
        out.name = p.filename().string();
        if (out.name.empty() || out.name == "." || out.name == "..")
            out.error = path + ": not a file name";
        return out;
    }
    std::string root = within;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    if (path.size() <= root.size() + 1 || path.compare(0, root.size(), root) != 0 ||
        path[root.size()] != '/') {
        out.error = path + ": not below " + root;
        return out;
    }
    const std::optional<std::vector<std::string>> parts = path_parts(path.substr(root.size() + 1));
    if (!parts) {
        out.error = path + ": not a plain path below " + root + " (empty, '.' or '..' parts)";
        return out;
    }
    out.within = root;
    out.directories.assign(parts->begin(), parts->end() - 1);
    out.name = parts->back();
    return out;
}

// A name no other file has yet: ".<name>.accord-<16 hex digits>".
std::string random_temporary_name(const std::string& name) {
    unsigned char bytes[8] = {};
    if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
        // No entropy source: time and pid still make a clash unlikely, and
        // O_EXCL makes one harmless.
        const auto seed = static_cast<unsigned long long>(::getpid()) * 0x9E3779B97F4A7C15ULL ^
                          static_cast<unsigned long long>(std::time(nullptr));
        std::memcpy(bytes, &seed, sizeof bytes);
    }
    static const char* digits = "0123456789abcdef";
    std::string out = "." + name.substr(0, 200) + ".accord-";
    for (const unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::string write_all(int fd, std::string_view contents) {
    std::size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return reason(errno);
        written += static_cast<std::size_t>(n);
    }
    return "";
}

// Pieces gathered into writes of at least kChunk bytes (a page comes in
// many small pieces); the first error is kept and what follows it dropped.
class BufferedWriter {
  public:
    explicit BufferedWriter(int fd) : fd_(fd) {}
    void write(std::string_view piece) {
        if (!error_.empty()) return;
        if (buffer_.size() + piece.size() < kChunk) {
            buffer_.append(piece);
            return;
        }
        flush();
        if (piece.size() >= kChunk) {
            if (error_.empty()) error_ = write_all(fd_, piece);
        } else {
            buffer_.append(piece);
        }
    }
    // Writes what is left; the first error, or "".
    std::string finish() {
        flush();
        return error_;
    }

  private:
    static constexpr std::size_t kChunk = std::size_t{1} << 16;
    void flush() {
        if (error_.empty() && !buffer_.empty()) error_ = write_all(fd_, buffer_);
        buffer_.clear();
    }
    int fd_;
    std::string buffer_;
    std::string error_;
};

}  // namespace

FileResult read_file(const std::string& path) {
    const Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) return failed(path, reason(errno), problem_of(errno));
    return read_descriptor(fd.get(), path);
}

namespace {

// What a file that is not a regular one is, for the message refusing it.
std::string_view file_kind(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO (a named pipe)";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    if (S_ISSOCK(mode)) return "a socket";
    return "a special file";
}

}  // namespace

FileResult read_regular_file(const std::string& path, std::string_view what) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer. A regular
    // file's reads ignore it.
    const Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid()) return failed(path, reason(errno), problem_of(errno));
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) return failed(path, reason(errno), FileProblem::other);
    if (!S_ISREG(info.st_mode))
        return failed(path,
                      "is " + std::string(file_kind(info.st_mode)) +
                          ", not a regular file; name the " + std::string(what) + " itself",
                      FileProblem::not_regular);
    return read_descriptor(fd.get(), path, what);
}

FileResult read_file_within(const std::string& within, const std::string& relative) {
    std::string root = within;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    const std::string shown = root + "/" + relative;
    const std::optional<std::vector<std::string>> parts = path_parts(relative);
    if (!parts)
        return failed(shown, "not a plain path (empty, '.' or '..' parts)", FileProblem::other);
    const std::vector<std::string> directories(parts->begin(), parts->end() - 1);
    const OpenedDirectory dir = open_directories(root, directories, false);
    if (!dir.fd.valid()) return FileResult{std::nullopt, dir.error, dir.problem};
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    const Descriptor fd(::openat(dir.fd.get(), parts->back().c_str(),
                                 O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid()) {
        if (errno == ELOOP)
            return failed(
                shown, "is a symbolic link; accord does not read through links inside a work tree",
                FileProblem::link);
        return failed(shown, reason(errno), problem_of(errno));
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) return failed(shown, reason(errno), FileProblem::other);
    if (!S_ISREG(info.st_mode))
        return failed(shown, "is not a regular file", FileProblem::not_regular);
    return read_descriptor(fd.get(), shown);
}

bool is_link_within(const std::string& within, const std::string& relative) {
    const std::optional<std::vector<std::string>> parts = path_parts(relative);
    if (!parts) return false;
    const OpenedDirectory dir =
        open_directories(within, std::vector<std::string>(parts->begin(), parts->end() - 1), false);
    if (!dir.fd.valid()) return dir.problem == FileProblem::link;
    struct stat info {};
    return ::fstatat(dir.fd.get(), parts->back().c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 &&
           S_ISLNK(info.st_mode);
}

std::vector<std::string> links_within(const std::string& within,
                                      std::vector<std::string> relatives) {
    std::sort(relatives.begin(), relatives.end());
    // The directories of the path looked at last, each opened once below the
    // one before without following a link: sorted paths share them.
    enum class State { directory, link, other };
    struct Level {
        std::string name;
        Descriptor fd;
        State state = State::directory;
    };
    Level root;
    root.fd = Descriptor(
        ::open(within.empty() ? "." : within.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root.fd.valid()) return {};
    std::vector<Level> open;  // below the root
    std::vector<std::string> found;
    for (const std::string& relative : relatives) {
        const std::optional<std::vector<std::string>> parts = path_parts(relative);
        if (!parts) continue;
        const std::size_t depth = parts->size() - 1;  // directories above the file
        std::size_t shared = 0;
        while (shared < open.size() && shared < depth && open[shared].name == (*parts)[shared])
            ++shared;
        open.resize(shared);
        for (std::size_t k = shared; k < depth; ++k) {
            const Level& above = k == 0 ? root : open[k - 1];
            Level level;
            level.name = (*parts)[k];
            level.state = above.state;
            if (above.state == State::directory) {
                level.fd = Descriptor(::openat(above.fd.get(), level.name.c_str(),
                                               O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
                if (!level.fd.valid()) {
                    struct stat info {};
                    level.state = ::fstatat(above.fd.get(), level.name.c_str(), &info,
                                            AT_SYMLINK_NOFOLLOW) == 0 &&
                                          S_ISLNK(info.st_mode)
                                      ? State::link
                                      : State::other;
                }
            }
            open.push_back(std::move(level));
        }
        const Level& dir = depth == 0 ? root : open[depth - 1];
        bool link = dir.state == State::link;
        if (dir.state == State::directory) {
            struct stat info {};
            link =
                ::fstatat(dir.fd.get(), parts->back().c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 &&
                S_ISLNK(info.st_mode);
        }
        if (link) found.push_back(relative);
    }
    return found;
}

std::string write_file_atomically(const std::string& path, std::string_view contents,
                                  const WriteOptions& options) {
    return write_file_atomically(
        path, [&](const PieceSink& write) { write(contents); }, options);
}

std::string write_file_atomically(const std::string& path, const ContentProducer& produce,
                                  const WriteOptions& options) {
    const Placement placement = place(path, options.within);
    if (!placement.error.empty()) return placement.error;
    std::vector<std::string> directories = placement.directories;
    if (options.within.empty() && options.create_directories) {
        std::error_code ec;
        std::filesystem::create_directories(placement.within, ec);
    }
    const OpenedDirectory dir =
        open_directories(placement.within, directories, options.create_directories);
    if (!dir.fd.valid()) return dir.error;
    const int dirfd = dir.fd.get();
    const char* name = placement.name.c_str();

    // What stands at the target now: a regular file keeps its permissions;
    // a link or anything else is refused rather than replaced.
    mode_t mode = 0;
    struct stat existing {};
    if (::fstatat(dirfd, name, &existing, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(existing.st_mode))
            return path +
                   ": is a symbolic link; accord does not write through links (remove "
                   "it, or write elsewhere)";
        if (!S_ISREG(existing.st_mode)) return path + ": exists and is not a regular file";
        mode = existing.st_mode & 07777;
    } else if (errno != ENOENT) {
        return path + ": " + reason(errno);
    }

    std::string temporary;
    Descriptor fd;
    for (int attempt = 0; attempt < 16 && !fd.valid(); ++attempt) {
        temporary = random_temporary_name(placement.name);
        fd = Descriptor(::openat(dirfd, temporary.c_str(),
                                 O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
        if (!fd.valid() && errno != EEXIST)
            return path + ": cannot create a temporary file: " + reason(errno);
    }
    if (!fd.valid()) return path + ": cannot create a temporary file: too many name clashes";
    auto abandon = [&](const std::string& error) {
        ::unlinkat(dirfd, temporary.c_str(), 0);
        return error;
    };
    std::string error;
    try {
        BufferedWriter writer(fd.get());
        produce([&](std::string_view piece) { writer.write(piece); });
        error = writer.finish();
    } catch (...) {
        abandon("");
        throw;
    }
    if (!error.empty()) return abandon(path + ": write failed: " + error);
    if (mode != 0 && ::fchmod(fd.get(), mode) != 0)
        return abandon(path + ": cannot keep its permissions: " + reason(errno));
    if (const int error = fd.close(); error != 0)
        return abandon(path + ": write failed: " + reason(error));
    if (::renameat(dirfd, temporary.c_str(), dirfd, name) != 0)
        return abandon(path + ": " + reason(errno));
    return "";
}

std::string remove_file_within(const std::string& within, const std::string& relative) {
    const std::optional<std::vector<std::string>> parts = path_parts(relative);
    if (!parts) return within + relative + ": not a plain path (empty, '.' or '..' parts)";
    const OpenedDirectory dir =
        open_directories(within, std::vector<std::string>(parts->begin(), parts->end() - 1), false);
    if (!dir.fd.valid()) return dir.problem == FileProblem::missing ? "" : dir.error;
    if (::unlinkat(dir.fd.get(), parts->back().c_str(), 0) != 0 && errno != ENOENT)
        return within + relative + ": " + reason(errno);
    return "";
}

std::string temporary_name(const std::string& name) {
    return random_temporary_name(name);
}

bool is_temporary_name_of(std::string_view candidate, std::string_view name) {
    const std::string prefix = "." + std::string(name.substr(0, 200)) + ".accord-";
    if (candidate.size() != prefix.size() + 16 || candidate.substr(0, prefix.size()) != prefix)
        return false;
    for (const char c : candidate.substr(prefix.size())) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

int remove_leftover_temporaries(const std::string& within, const std::string& relative) {
    const std::optional<std::vector<std::string>> parts = path_parts(relative);
    if (!parts) return 0;
    const OpenedDirectory dir =
        open_directories(within, std::vector<std::string>(parts->begin(), parts->end() - 1), false);
    if (!dir.fd.valid()) return 0;
    const int listing_fd = ::openat(dir.fd.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (listing_fd < 0) return 0;
    DIR* listing = ::fdopendir(listing_fd);
    if (listing == nullptr) {
        ::close(listing_fd);
        return 0;
    }
    std::vector<std::string> found;
    while (const dirent* entry = ::readdir(listing)) {
        if (is_temporary_name_of(entry->d_name, parts->back())) found.emplace_back(entry->d_name);
    }
    ::closedir(listing);
    int removed = 0;
    for (const std::string& name : found) {
        struct stat info {};
        if (::fstatat(dir.fd.get(), name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (!S_ISREG(info.st_mode)) continue;  // accord only ever made regular files
        if (::unlinkat(dir.fd.get(), name.c_str(), 0) == 0) ++removed;
    }
    return removed;
}

std::optional<std::string> work_tree_around(const std::string& path) {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::absolute(path, ec);
    if (ec) return std::nullopt;
    for (; !dir.empty(); dir = dir.parent_path()) {
        if (std::filesystem::exists(dir / ".git", ec)) {
            std::string top = dir.string();
            if (top.empty() || top.back() != '/') top += '/';
            return top;
        }
        if (dir == dir.parent_path()) break;
    }
    return std::nullopt;
}

namespace {

// The first symbolic link met below `root` on the way to `path` (the final
// name included), as the part of `path` that names it; nullopt when there is
// none. Links above the root, or outside it (the user's own), are followed
// as the kernel would; only a link inside the root is one a repository may
// have brought.
std::optional<std::string> link_below(const std::string& path, const std::string& root) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path top = fs::weakly_canonical(root, ec);
    if (ec || top.empty()) return std::nullopt;
    const auto inside = [&](const fs::path& dir) {
        const std::string at = dir.string() + "/", prefix = top.string();
        return at.compare(0, prefix.size(), prefix) == 0 &&
               (prefix.back() == '/' || at[prefix.size()] == '/');
    };
    const fs::path given(path);
    fs::path current = given.is_absolute() ? fs::path("/") : fs::current_path(ec);
    if (ec) return std::nullopt;
    fs::path written;  // the part of `path` walked so far
    for (const fs::path& part : given.relative_path()) {
        written /= part;
        if (part == ".") continue;
        if (part == "..") {
            current = current.parent_path();
            continue;
        }
        const fs::path next = current / part;
        struct stat info {};
        if (::lstat(next.c_str(), &info) != 0) return std::nullopt;  // the rest is new
        if (S_ISLNK(info.st_mode)) {
            if (inside(current)) return (given.is_absolute() ? "/" / written : written).string();
            current = fs::weakly_canonical(next, ec);
            if (ec) return std::nullopt;
        } else {
            current = next;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string write_output(const std::string& path, std::string_view contents,
                         const OutputOptions& options) {
    return write_output(
        path, [&](const PieceSink& write) { write(contents); }, options);
}

std::string write_output(const std::string& path, const ContentProducer& produce,
                         const OutputOptions& options) {
    if (path == "-") {
        bool failed = false;
        produce([&](std::string_view piece) {
            failed = failed || std::fwrite(piece.data(), 1, piece.size(), stdout) != piece.size();
        });
        if (failed || std::fflush(stdout) != 0) return "standard output: " + reason(errno);
        return "";
    }
    if (!options.refuse_links_below.empty()) {
        if (const std::optional<std::string> link = link_below(path, options.refuse_links_below))
            return path + ": " +
                   (*link == path ? std::string("is") : "goes through " + *link + ", which is") +
                   " a symbolic link inside the repository; accord does not write through it "
                   "(remove it, or give another path)";
    }
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) return write_file_atomically(path, produce);
        return path + ": " + reason(errno);
    }
    if (S_ISREG(info.st_mode)) return write_file_atomically(path, produce);
    if (S_ISDIR(info.st_mode)) return path + ": is a directory";
    // A device, a FIFO, or a link the user made outside the repository:
    // written into, never replaced.
    const Descriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666));
    if (!fd.valid()) return path + ": " + reason(errno);
    BufferedWriter writer(fd.get());
    produce([&](std::string_view piece) { writer.write(piece); });
    if (const std::string error = writer.finish(); !error.empty())
        return path + ": write failed: " + error;
    return "";
}

bool output_reader_gone(int fd) {
    pollfd watched{};
    watched.fd = fd;
    watched.events = 0;  // errors and hang-ups are reported whatever is asked
    return ::poll(&watched, 1, 0) == 1 && (watched.revents & (POLLERR | POLLHUP)) != 0;
}

std::vector<std::string> names_ending_in(int dirfd, std::string_view suffix) {
    std::vector<std::string> names;
    const int copy = ::dup(dirfd);
    if (copy < 0) return names;
    DIR* dir = ::fdopendir(copy);
    if (dir == nullptr) {
        ::close(copy);
        return names;
    }
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view name = entry->d_name;
        if (name.size() > suffix.size() && name.ends_with(suffix)) names.emplace_back(name);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
}

int open_regular_file(int dirfd, const std::string& name) {
    const int fd = ::openat(dirfd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return -1;
    }
    return fd;
}

std::unique_ptr<MappedFile> MappedFile::open(int dirfd, const std::string& name) {
    const int fd = open_regular_file(dirfd, name);
    if (fd < 0) return nullptr;
    struct stat info {};
    const bool sized = ::fstat(fd, &info) == 0 && info.st_size > 0;
    const auto size = sized ? static_cast<std::size_t>(info.st_size) : 0;
    void* mapped = sized ? ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    ::close(fd);
    if (mapped == MAP_FAILED) return nullptr;
    return std::unique_ptr<MappedFile>(new MappedFile(static_cast<const char*>(mapped), size));
}

MappedFile::~MappedFile() {
    ::munmap(const_cast<char*>(data_), size_);
}

}  // namespace accord
