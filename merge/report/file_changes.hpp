#pragma once
// What changed in one file between two of its versions, told in negotiation
// terms (the structural diff, with the front matter status before and
// after), from the two blobs alone: the same pair of blobs always gets the
// same description, wherever it appears in the history. So descriptions are
// remembered by the pair of blob ids (core/store/cache.hpp), and a version
// parsed for one change is kept for the next change of the same file.
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/notation/front_matter.hpp"
#include "core/store/cache.hpp"
#include "core/store/workspace.hpp"
#include "merge/diff/token_diff.hpp"
#include "merge/report/history.hpp"

namespace accord {

class ChangeDescriber {
  public:
    // Versions are read from `workspace`'s repository and parsed under its
    // notation; `repository` (default: the workspace's) is the handle to read
    // them with, so that another thread can describe with its own.
    explicit ChangeDescriber(const Workspace& workspace, const Repository* repository = nullptr);
    // How much it keeps: the defaults suit a history of any length; a test
    // makes them small to see the describer let go and start afresh.
    struct Limits {
        std::size_t version_bytes = std::size_t{64} << 20;  // parsed, interned versions
        // The bytes of versions let go of unparsed: with thousands of
        // texts, a text's next change comes after the parsed versions of
        // thousands of others, and reading its version again from a large
        // pack (a chain of deltas, its bases long out of libgit2's cache)
        // cost more than all else (log at 10,000 texts x 100,000 proposals).
        std::size_t source_bytes = std::size_t{96} << 20;
        std::uint32_t interned_ids = 1u << 22;  // ids, before the interner starts afresh
    };
    ChangeDescriber(const Workspace& workspace, const Repository* repository, Limits limits);
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

    // The version `blob` of `path` as it is described (nullopt: the empty
    // text), a copy.
    Document document(const std::string& path, const std::optional<std::string>& blob);

    void save();
    const CacheTable& table() const { return table_; }

  private:
    // A parsed version and its tokens, interned by interner_ once asked for.
    struct Version {
        Document document;
        InternedTokens tokens;
        bool interned = false;
        std::size_t counted = 0;  // its bytes as version_bytes_ counts them
    };
    Version& version(const std::string& path, const std::string& blob);
    // Interns `version` through `other`, a version interned already (the
    // bytes both share take its tokens), or alone without one.
    void intern(Version& version, const Version* other);
    // A fresh interner once this one has given out too many ids (before a
    // change's versions are interned, so that both have one interner).
    void start_afresh_if_full();
    void forget(const std::string& blob);

    const Repository& repository_;
    Limits limits_;
    ParseOptions options_;
    CacheTable table_;
    // Parsed versions by blob id, the most recently used first, up to a
    // budget of bytes: a file's newer version is usually its next change's
    // older one.
    std::list<std::pair<std::string, Version>> versions_;
    std::unordered_map<std::string, std::list<std::pair<std::string, Version>>::iterator> by_id_;
    std::size_t version_bytes_ = 0;
    // The bytes of versions let go of, by blob id, the most recent first.
    void keep_source(const std::string& blob, std::string&& bytes);
    // 0 when version `blob` is comparable word by word (comparable_word_by_word),
    // its size otherwise. Its bytes are read (and kept, for version()) unless
    // parsed or kept already.
    std::size_t size_if_too_large(const std::string& path, const std::string& blob);
    std::list<std::pair<std::string, std::string>> sources_;
    std::unordered_map<std::string, std::list<std::pair<std::string, std::string>>::iterator>
        source_by_id_;
    std::size_t source_bytes_ = 0;
    // One interner for every version this describer reads: a version is
    // interned once, through the newer version of its file, and serves as
    // the older side of one change and the newer side of the next. The diff
    // renumbers ids per change, so a description does not depend on what
    // was interned before it.
    std::unique_ptr<TokenInterner> interner_;
    Version absent_;  // the side of a change where the file is not
    // The front matter last read per file: versions of a text mostly share
    // it, and reading YAML costs more than parsing the rest of the text.
    // Dropped once the file's first version is described (walking newest
    // first, a file's added change is its last).
    std::unordered_map<std::string, FrontMatterMemo> front_matter_;
};

}  // namespace accord
