#include "core/util/file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace accord {

FileResult read_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return {std::nullopt, path + ": is a directory"};
    std::ifstream in(path, std::ios::binary);
    if (!in) return {std::nullopt, path + ": " + std::strerror(errno)};
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return {std::nullopt, path + ": read failed: " + std::strerror(errno)};
    return {buffer.str(), ""};
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
