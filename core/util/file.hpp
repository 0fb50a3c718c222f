#pragma once
// Reading and writing whole files, with errors that name the file and the
// reason instead of exceptions.
#include <optional>
#include <string>

namespace accord {

struct FileResult {
    std::optional<std::string> contents;
    std::string error;  // "path: reason" when contents is empty
};

FileResult read_file(const std::string& path);

// Writes through a temporary file in the same directory and renames it, so a
// reader never sees a half-written file. Returns an error message or "".
std::string write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace accord
