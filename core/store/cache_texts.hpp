#pragma once
// What `status`, `stats` and the compilation's order need of a text, without
// its parsed document: its front matter description and its counts (a
// Recommendation whose document is left empty), remembered by blob id in the
// cache (core/store/cache.hpp), so that a version of a text is parsed once
// in the life of a repository, not once per command.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/cache.hpp"
#include "core/store/recommendations.hpp"

namespace accord {

class TextSummaries {
  public:
    // The summaries of `workspace`'s texts under its notation (accord.yaml).
    explicit TextSummaries(const Workspace& workspace);
    // Remembers what this run computed (save()).
    ~TextSummaries();
    TextSummaries(const TextSummaries&) = delete;
    TextSummaries& operator=(const TextSummaries&) = delete;

    // `path` holding blob `blob_id`, read from the repository only when the
    // cache does not know it; nullopt for a binary file. The document is left
    // empty, but an outline's (the compilation order reads its body).
    std::optional<Recommendation> at_blob(const std::string& path, const std::string& blob_id);
    // The same for bytes at hand (a work tree file), found by their blob id.
    std::optional<Recommendation> of_bytes(const std::string& path, std::string_view bytes);

    // read_recommendations(workspace, commit) with documents left empty (but
    // the outline's): the texts of `commit` or, for "", of the work tree.
    // `blobs`, when given, receives each text's blob id by path (for the work
    // tree, the id its bytes there would have).
    std::vector<Recommendation> recommendations(
        const std::string& commit, std::map<std::string, std::string>* blobs = nullptr);

    void save();
    const CacheTable& table() const { return table_; }

  private:
    std::optional<Recommendation> from_cache(const std::string& path, const std::string& key);
    std::optional<Recommendation> of_bytes(const std::string& path, std::string_view bytes,
                                           const std::string& blob_id);
    std::optional<Recommendation> compute(const std::string& path, const std::string& key,
                                          std::string_view bytes, bool remember);

    const Workspace& workspace_;
    ParseOptions options_;
    CacheTable table_;
};

}  // namespace accord
