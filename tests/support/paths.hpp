#pragma once
// Where tests find the corpus, the project and the built binary, and a
// temporary directory that cleans up after itself.
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace accord::test {

std::string source_dir();
std::string corpus_dir();  // ../shared/corpus beside the project
std::string corpus_file(const std::string& relative);
// "" when every one of the corpus files (relative to corpus_dir(); a
// directory counts too) is there, else a message naming those missing and
// where they were looked for. A clone without the corpus beside it skips
// the tests that read it (ACCORD_REQUIRE_CORPUS); CI fails on any skip.
std::string missing_corpus(const std::vector<std::string>& relative);
std::string accord_binary();
std::string read_all(const std::string& path);

class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }
    // Writes `contents` to `name` inside the directory; returns its path.
    std::string write(const std::string& name, const std::string& contents) const;

  private:
    std::string path_;
};

}  // namespace accord::test

// Skips the current test, saying which corpus files are missing, unless all
// of them are there: ACCORD_REQUIRE_CORPUS("paris-2015/agreement-4-dec-2015.md").
#define ACCORD_REQUIRE_CORPUS(...)                                                            \
    do {                                                                                      \
        if (const std::string accord_missing = ::accord::test::missing_corpus({__VA_ARGS__}); \
            !accord_missing.empty())                                                          \
            GTEST_SKIP() << accord_missing;                                                   \
    } while (false)
