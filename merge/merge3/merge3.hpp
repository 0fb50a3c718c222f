#pragma once
// Three-way merge of negotiated texts. Diff3 over two
// token edit scripts against the base, computed in memory, then resolved with
// the negotiation rules instead of stopping at the first conflict:
//   same change on both sides              taken once
//   changes in different places            both taken
//   both add options / paragraphs at one spot   union, ours first, each once
//   one lifts brackets, the other edits inside  the edit, still bracketed
//   one deletes text, the other edits it   the edited text, bracketed
//   both replace the same text differently an alternatives group [ours][theirs]
// Front matter merges key by key. `strict` gives git-style conflict markers
// around whole paragraphs instead of alternatives.
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/parse.hpp"

namespace accord {

struct MergeOptions {
    bool strict = false;
    ParseOptions parse;
    std::string ours_label = "ours";
    std::string theirs_label = "theirs";
};

enum class DisagreementKind : std::uint8_t {
    alternatives,    // both replaced the same text: now [ours][theirs]
    kept_bracketed,  // one lifted brackets, the other edited inside: still bracketed
    edited_deleted,  // one deleted text the other edited: the edit, bracketed
    status,          // both changed a paragraph's status tag differently
    metadata,        // both changed a front-matter key differently
    conflict,        // --strict: left as conflict markers
};
std::string_view to_string(DisagreementKind kind);

struct Disagreement {
    DisagreementKind kind;
    std::size_t line = 0;  // in the merged text, 1-based
    std::string ours, theirs;
    std::string key;  // metadata: the front-matter key
};

struct MergeResult {
    std::string text;
    std::vector<Disagreement> disagreements;
    bool has_conflict_markers = false;
    bool clean() const { return disagreements.empty(); }
};

// Compares the texts paragraph by paragraph first (merge3_sections.hpp) and
// merges by token only the sections both sides changed.
MergeResult merge3(std::string_view base, std::string_view ours, std::string_view theirs,
                   const MergeOptions& options);

// The token-level merge of the whole texts, without the paragraph pass: for
// texts the paragraph pass cannot cut, and for tests. It mostly gives
// merge3's text (merge3_sections.hpp says where it does not); merge3 names
// an undone lift at its section's first line rather than the text's.
MergeResult merge3_whole_text(std::string_view base, std::string_view ours, std::string_view theirs,
                              const MergeOptions& options);

}  // namespace accord
