#include "core/util/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace accord {

FileResult read_file(const std::string& path) {
    // One read into a string of the file's size: no stream buffers, no copy.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {std::nullopt, path + ": " + std::strerror(errno)};
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0) return {std::nullopt, path + ": " + std::strerror(errno)};
    if (S_ISDIR(info.st_mode)) return {std::nullopt, path + ": is a directory"};
    std::string contents;
    if (S_ISREG(info.st_mode)) contents.resize(static_cast<std::size_t>(info.st_size));
    std::size_t filled = 0;
    for (;;) {
        // Past the size fstat gave (a pipe, a file still growing): in chunks.
        char more[4096];
        const bool sized = filled < contents.size();
        const ssize_t n = sized ? ::read(fd, contents.data() + filled, contents.size() - filled)
                                : ::read(fd, more, sizeof more);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return {std::nullopt, path + ": read failed: " + std::strerror(errno)};
        if (n == 0) break;
        if (!sized) contents.append(more, static_cast<std::size_t>(n));
        filled += static_cast<std::size_t>(n);
    }
    contents.resize(filled);
    return {std::move(contents), ""};
}

std::string write_file_atomically(const std::string& path, const std::string& contents) {
    const std::string temporary = path + ".accord-tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return temporary + ": " + std::strerror(errno);
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        out.flush();
        if (!out) {
            std::remove(temporary.c_str());
            return temporary + ": write failed: " + std::strerror(errno);
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::remove(temporary.c_str());
        return path + ": " + ec.message();
    }
    return "";
}

}  // namespace accord
