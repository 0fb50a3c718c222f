#pragma once
// Where tests find the corpus, the project and the built binary, and a
// temporary directory that cleans up after itself.
#include <string>

namespace accord::test {

std::string source_dir();
std::string corpus_dir();  // ../shared/corpus beside the project
std::string corpus_file(const std::string& relative);
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
