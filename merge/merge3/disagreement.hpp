#pragma once
// What a merge reports where the two sides disagreed, and the one way accord
// prints it. The kinds are a stable vocabulary: `merge-file`, the merge
// driver and `accord merge` print them, and other tools read them, so a
// word never changes meaning and is never reused (README.md lists them).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/parse.hpp"

namespace accord {

enum class DisagreementKind : std::uint8_t {
    alternatives,    // both put different wording in one place: now [ours][theirs]
    kept_bracketed,  // one lifted brackets, the other edited inside: still bracketed
    edited_deleted,  // one deleted text the other edited: the edit, bracketed
    status,          // both changed a paragraph's status tag differently
    metadata,        // both changed a front-matter key differently
    conflict,        // left as conflict markers (--strict, or brackets that would not pair)
    both_added,      // both added different whole paragraphs at one place: both kept
    edited_struck,   // one struck text, the other added words inside: those not struck
    moved_apart,     // both moved (or added) a paragraph, to different places: once, where
                     // one put it
};

// Every kind, in the order above.
inline constexpr std::array kDisagreementKinds = {
    DisagreementKind::alternatives,   DisagreementKind::kept_bracketed,
    DisagreementKind::edited_deleted, DisagreementKind::status,
    DisagreementKind::metadata,       DisagreementKind::conflict,
    DisagreementKind::both_added,     DisagreementKind::edited_struck,
    DisagreementKind::moved_apart,
};

// The kind's word: "alternatives", "kept-bracketed", "edited-deleted",
// "status", "metadata", "conflict", "both-added", "edited-struck",
// "moved-apart".
std::string_view to_string(DisagreementKind kind);

// The kind a word names (as to_string spells it), or nullopt.
std::optional<DisagreementKind> parse_disagreement_kind(std::string_view word);

struct Disagreement {
    DisagreementKind kind;
    std::size_t line = 0;  // in the merged text, 1-based
    std::string ours, theirs;
    // metadata: the front-matter key; kept_bracketed: the bracketed text;
    // moved_apart: the paragraph (ours and theirs then say where each put it).
    std::string key;
};

// One line, ending in a newline, naming where the disagreement is and what
// each side wrote:
//   PATH:LINE: KIND 'KEY': ours "WORDING", theirs "WORDING"
// ('KEY' only when there is one; each wording on one line, cut to 60
// bytes; control characters in the path, the names and the wordings are
// shown, as \x1b, not sent to the terminal). `theirs_name`, when given, names the side whose
// wording is theirs ("theirs (redraft/informal-b) ..."), and `ours_name` the
// side whose wording is ours ("ours (main + redraft/informal-a) ...").
std::string render_disagreement(std::string_view path, const Disagreement& disagreement,
                                std::string_view theirs_name = {}, std::string_view ours_name = {});

// render_disagreement of each, in order.
std::string render_disagreements(std::string_view path,
                                 const std::vector<Disagreement>& disagreements);

// When some are left as conflict markers, one line saying how many places
// and what to do ("PATH: 2 places left between conflict markers ..."), so
// that they are not read as alternatives made; else "".
std::string conflict_markers_note(std::string_view path,
                                  const std::vector<Disagreement>& disagreements);

// When the merged text does not pass `accord check` (other than conflict
// markers, which conflict_markers_note names): one line naming the first
// error where it stands, and how many more, so that a side's unclosed
// bracket carried into the result is not taken for a clean merge; else "".
// The merge keeps the brackets it writes paired: such an error is a side's
// own, carried as written, or one that conflict markers cut.
// `path`: the merged file's ("" when the merged text went to standard
// output). Errors the base had already (as many of each kind) are no news:
// no note then.
std::string notation_errors_note(std::string_view path, std::string_view merged,
                                 std::string_view base, const ParseOptions& options);

}  // namespace accord
