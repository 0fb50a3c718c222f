#include "support/paths.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace accord::test {

std::string source_dir() {
    return ACCORD_SOURCE_DIR;
}
std::string corpus_dir() {
    return source_dir() + "/../shared/corpus";
}
std::string corpus_file(const std::string& relative) {
    return corpus_dir() + "/" + relative;
}
std::string missing_corpus(const std::vector<std::string>& relative) {
    std::string missing;
    for (const std::string& name : relative) {
        std::error_code ec;
        if (std::filesystem::exists(corpus_file(name), ec)) continue;
        missing += (missing.empty() ? "" : ", ") + name;
    }
    if (missing.empty()) return "";
    std::error_code ec;
    const std::string where =
        std::filesystem::weakly_canonical(std::filesystem::path(corpus_dir()), ec).string();
    return "the corpus is missing " + missing + " (looked for in " + where +
           ", ../shared/corpus beside the project): skipped";
}

std::string accord_binary() {
    return ACCORD_BINARY;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "accord-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& contents) const {
    const std::filesystem::path target = std::filesystem::path(path_) / name;
    std::filesystem::create_directories(target.parent_path());
    std::ofstream out(target, std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    if (!out) throw std::runtime_error("cannot write " + target.string());
    return target.string();
}

}  // namespace accord::test
