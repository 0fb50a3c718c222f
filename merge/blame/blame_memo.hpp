#pragma once
// Blame results remembered under .git/accord/cache/ (core/store/cache.hpp),
// so that blaming the same history again reads the answer instead of
// attributing every version once more: a chair blames a text, a delegation
// compiles the attributed page, survival reports are made of every text,
// mostly of histories that did not change since the last run.
//
// Promises:
//  - Keyed by everything the attribution depends on: each text walked (the
//    blamed ones and those they may take wording from), each of its
//    versions' commit, blob and parents, and the order of their proposals;
//    plus the options (notation, across_texts, the restored-run length) and
//    the program, in the table's fingerprint. A key names its walk by a
//    SHA-1 of all that. A new proposal to a text walked, or to a text that
//    becomes a donor, gives a new key; a proposal to a text not walked does
//    not.
//  - A remembered result is checked before it is used: the blamed blob
//    must be the one named, every span must lie within its text, in order,
//    and every origin must name a proposal of the walk; else it is computed
//    again.
//  - The document of a result read back is parsed from the blamed version's
//    text, as blame parses it.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/cache.hpp"
#include "core/store/workspace.hpp"
#include "merge/blame/blame.hpp"

namespace accord {

// Everything of the options a blame's result depends on, as bytes: the
// fingerprint of what is remembered of blames made under them.
std::string blame_options_key(const BlameOptions& options);

// How a walk numbers its origins: as blame_versions does (a version's own
// index, one text) or as blame_texts does (the versions' `proposal`).
enum class BlameOrigins { version_indices, proposals };

class BlameMemo {
  public:
    // The walk of `texts` (each version's `id` a commit id, its `proposal`
    // set for BlameOrigins::proposals), the blob of each version in
    // `blob_ids` (per text, per version), blamed under `options`.
    BlameMemo(const Workspace& workspace, const BlameOptions& options,
              std::span<const TextVersions> texts,
              const std::vector<std::vector<std::string>>& blob_ids, BlameOrigins origins);
    ~BlameMemo();  // saves what put() added
    BlameMemo(const BlameMemo&) = delete;
    BlameMemo& operator=(const BlameMemo&) = delete;

    // The result remembered for texts[text], its document parsed from
    // `last_text` (the bytes of its last version's blob); nullopt when
    // absent or when it does not fit that text.
    std::optional<BlameResult> find(std::size_t text, std::string_view last_text) const;
    // Whether a result is remembered for texts[text] (find may still turn
    // it down, should it not fit the text).
    bool has(std::size_t text) const;
    // Remembers texts[text]'s result (origins numbered as the walk numbers them).
    void put(std::size_t text, const BlameResult& result);

  private:
    // The spans remembered for texts[text], checked against the walk and,
    // when given, the size of the text.
    std::optional<std::vector<BlameSpan>> spans(std::size_t text,
                                                std::optional<std::size_t> size) const;

    CacheTable table_;
    std::string walk_key_;                 // 20 bytes
    std::vector<std::size_t> proposals_;   // every origin the walk can give, ascending
    std::vector<std::string> last_blobs_;  // per text
    ParseOptions parse_;
};

// What the walk of a blamed text found: its versions (first) and those of
// the texts that may give it wording, each version's `id` its commit,
// `proposal` its place in the walk's order of proposals, with the blob of
// each version.
struct BlameWalk {
    struct Text {
        std::vector<BlameVersion> versions;  // texts left empty
        std::vector<std::string> blob_ids;
        // The commits that made the versions, when the walk was just made
        // (not remembered: a walk read back has none, and they are read then).
        std::vector<CommitInfo> commits;
    };
    std::vector<Text> texts;
};

// The walk blame_file made from `commit` for `path`, remembered by the
// commit (whose id fixes the whole history behind it), the path and
// across_texts: blaming the text again at the same commit walks nothing.
std::optional<BlameWalk> find_blame_walk(const Workspace& workspace, const std::string& commit,
                                         const std::string& path, bool across_texts);
void remember_blame_walk(const Workspace& workspace, const std::string& commit,
                         const std::string& path, bool across_texts, const BlameWalk& walk);

}  // namespace accord
