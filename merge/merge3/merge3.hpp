#pragma once
// Three-way merge of negotiated texts. Diff3 over two token edit scripts
// against the base, computed in memory, then resolved with the negotiation
// rules instead of stopping at the first conflict (merge3_rules.hpp):
//   same change on both sides                  taken once
//   changes in different places                both taken
//   both add options to one bracket or group   united, ours first, each once
//   both add whole paragraphs at one place     each once, ours first; reported
//   one moves a paragraph, the other edits it  the edit, where it moved
//                                              (merge3_moves.hpp)
//   one lifts brackets, the other edits inside the edit, still bracketed
//   one deletes text, the other edits it       the edited text, bracketed
//   both put different wording in one place    an alternatives group [ours][theirs]
// Front matter merges key by key, lists of sponsors united name by name.
// `strict` gives git-style conflict markers around whole paragraphs (and
// around a front-matter key both changed differently) instead of
// alternatives.
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/parse.hpp"
#include "core/util/encoding.hpp"
#include "merge/merge3/disagreement.hpp"

namespace accord {

struct MergeOptions {
    bool strict = false;
    ParseOptions parse;
    std::string ours_label = "ours";
    std::string theirs_label = "theirs";
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

// merge3 of texts as they were written (as_merge_input, with_line_feeds):
// merged with line feeds, so that sides written with different line ends
// merge line for line, and the result written with CRLF line ends when
// merge_writes_crlf says so.
MergeResult merge3_line_ends(const MergeInput& base, const MergeInput& ours,
                             const MergeInput& theirs, const MergeOptions& options);

// Two blank lines the merge left between paragraphs, where no text has
// more than one anywhere (a last paragraph one side deleted, taking the
// line end after it, against a paragraph the other appended after it
// leaves the break before the deleted one and the appended one's own),
// made one, as every text has them; and no more blank lines before the
// first paragraph than a text starts with (one side emptied the text, the
// other appended to it). The disagreements' lines move up with the
// lines taken out. The last step of merge3 and merge3_whole_text.
void one_blank_line_between_paragraphs(MergeResult& result, std::string_view base,
                                       std::string_view ours, std::string_view theirs);

// The token-level merge of the whole texts, without the paragraph pass: for
// texts the paragraph pass cannot cut, and for tests. It mostly gives
// merge3's text (merge3_sections.hpp says where it does not); merge3 names
// an undone lift at its section's first line rather than the text's.
MergeResult merge3_whole_text(std::string_view base, std::string_view ours, std::string_view theirs,
                              const MergeOptions& options);

}  // namespace accord
