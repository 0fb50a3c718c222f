#pragma once
// What changed in one file between two of its versions, told in negotiation
// terms (the structural diff, with the front matter status before and
// after), from the two blobs alone: the same pair of blobs always gets the
// same description, wherever it appears in the history. So descriptions are
// remembered by the pair of blob ids (core/store/cache.hpp), and a version
// parsed for one change is kept for the next change of the same file.
#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/notation/front_matter.hpp"
#include "core/store/cache.hpp"
#include "core/store/workspace.hpp"
#include "merge/report/history.hpp"

namespace accord {

class ChangeDescriber {
  public:
    // Versions are read from `workspace`'s repository and parsed under its
    // notation; `repository` (default: the workspace's) is the handle to read
    // them with, so that another thread can describe with its own.
    explicit ChangeDescriber(const Workspace& workspace, const Repository* repository = nullptr);
    ~ChangeDescriber();  // remembers what it computed (save())
    ChangeDescriber(const ChangeDescriber&) = delete;
    ChangeDescriber& operator=(const ChangeDescriber&) = delete;

    // `path` went from `old_blob` to `new_blob` (nullopt: absent on that side).
    FileChanges describe(const std::string& path, const std::optional<std::string>& old_blob,
                         const std::optional<std::string>& new_blob);
    // The same, computed without asking the cache first (a caller that asked
    // already), and remembered.
    FileChanges compute(const std::string& path, const std::optional<std::string>& old_blob,
                        const std::optional<std::string>& new_blob);
    // The description if the cache has it, without reading or parsing anything.
    std::optional<FileChanges> remembered(const std::string& path,
                                          const std::optional<std::string>& old_blob,
                                          const std::optional<std::string>& new_blob) const;

    void save();
    const CacheTable& table() const { return table_; }

  private:
    const Document& document(const std::string& path, const std::optional<std::string>& blob);
    void forget(const std::string& blob);

    const Repository& repository_;
    ParseOptions options_;
    CacheTable table_;
    // Parsed versions by blob id, the most recently used first, up to a
    // budget of source bytes: a file's newer version is usually its next
    // change's older one.
    std::list<std::pair<std::string, Document>> documents_;
    std::unordered_map<std::string, std::list<std::pair<std::string, Document>>::iterator> by_id_;
    std::size_t document_bytes_ = 0;
    // The front matter last read per file: versions of a text mostly share
    // it, and reading YAML costs more than parsing the rest of the text.
    // Dropped once the file's first version is described (walking newest
    // first, a file's added change is its last).
    std::unordered_map<std::string, FrontMatterMemo> front_matter_;
};

}  // namespace accord
