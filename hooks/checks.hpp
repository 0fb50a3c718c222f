#pragma once
// The checks a proposal passes before it is recorded, as pure functions over parsed data so that
// `accord propose`, the installed git hooks and the tests share one definition:
//  (a) a changed text parses with no NEW error diagnostic compared with its
//      previous version: old defects do not block new work, but a proposal
//      may not add one (a brand-new file must have none), unless it records
//      them on purpose (propose --allow-errors);
//  (b) its front matter is valid (no front-matter-* error, old or new);
//  (c) every proposer is a delegation the registry knows, by name or alias;
//  (d) the proposal date is not earlier than the file's last proposal,
//      unless backdating is asked for.
// Each refusal is a Problem that names the file, the place where there is
// one, what is wrong and what to do.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/parse.hpp"
#include "core/store/config.hpp"

namespace accord::hooks {

struct Problem {
    // Stable: a diagnostic code ("unclosed-bracket", "front-matter-invalid")
    // for (a) and (b), "unknown-proposer" for (c), "date-before-last-proposal"
    // for (d), "pre-propose-refused" for the repository's own hook.
    std::string code;
    std::string path;        // the file, relative to the work tree; "" if about the proposal
    std::size_t line = 0;    // 1-based; 0 when the problem has no place in the file
    std::size_t column = 0;  // 1-based, in characters
    std::string message;     // what is wrong
    std::string help;        // what to do about it
    std::string quote;       // the line quoted with a caret under the spot, when there is one
};

// Compiler style, as `accord check` prints diagnostics:
//   recs/A-1.md:3:8: error[unclosed-bracket]: '[' opened here ... (new in this proposal)
//    3 | Second [open and
//      |        ^
//      = help: ...
std::string render(const Problem& problem);
// At most this many problems are printed, as `accord check` prints at most
// this many diagnostics: a text with 200 000 unclosed brackets must not
// bury the terminal.
inline constexpr std::size_t kMaxProblemsShown = 1000;
// The problems one after the other, the first kMaxProblemsShown of them,
// then how many more (those beyond, plus `more` the caller left out).
std::string render(const std::vector<Problem>& problems, std::size_t more = 0);

// The parse options the checks use: the registry's notation, with the
// diagnostic cap lifted so that a new defect cannot hide behind old ones.
ParseOptions check_parse_options(const NotationOptions& notation);

// (a) and (b) for one file: `before` is its previous version (nullopt for a
// new file), `after` the version proposed. An error is known by what it is
// (its code, its mark and up to three words on either side of the mark on
// its line), not by where it sits, and the errors of the two versions are
// matched as multisets, closest likeness first (three words each side, then
// one, then one on either side alone): an old defect travels with its text
// when paragraphs move or words further along its line are edited, and a
// second copy of an old defect is still new. Linear in the number of
// diagnostics; only the first `max_problems` become Problems (quoted lines
// cost time), the rest are counted.
struct TextCheck {
    std::vector<Problem> problems;  // in the order of the text
    std::size_t more = 0;           // problems beyond max_problems, not made
    std::size_t new_errors = 0;     // notation errors this version adds
    std::size_t front_matter_errors = 0;
};
TextCheck check_text(const std::string& path, const std::optional<std::string>& before,
                     std::string_view after, const ParseOptions& options,
                     std::size_t max_problems = SIZE_MAX);
// The problems of check_text, all of them.
std::vector<Problem> check_text_change(const std::string& path,
                                       const std::optional<std::string>& before,
                                       std::string_view after, const ParseOptions& options);

// (e) for one file accord reads as a text: what it records is UTF-8. Bytes
// in UTF-16 with a byte-order mark, or with lines ended by a carriage return
// alone, are `converted` (the same text in UTF-8 with line feeds,
// convert_to_recorded);
// bytes the reports could not read (NUL bytes: a binary file, or UTF-16
// without a byte-order mark; UTF-32; malformed UTF-16) are a "not-a-text"
// problem saying what they are.
struct TextBytes {
    std::optional<std::string> converted;
    std::string converted_from, converted_as;  // ConvertedText::from and ::as
    std::optional<Problem> problem;
};
TextBytes check_text_bytes(const std::string& path, std::string_view bytes);

// (c): the canonical names of `given` (aliases resolved, repeats dropped,
// order kept) and one "unknown-proposer" problem per name the registry does
// not know, with "did you mean ...?" from Config::suggest and how to register
// a delegation deliberately.
struct Proposers {
    std::vector<std::string> names;
    std::vector<Problem> problems;
};
Proposers resolve_proposers(const Config& registry, const std::vector<std::string>& given);

// (d): the file's last proposal, as found in the history.
struct LastProposal {
    std::string commit;    // its id
    std::int64_t day = 0;  // its author date's calendar day (days since 1970-01-01)
};
// `day` is the proposal's calendar day. A proposal on the same day as the
// last one is fine; an earlier one is refused unless `backdate`.
std::optional<Problem> check_date(const std::string& path, std::int64_t day,
                                  const std::optional<LastProposal>& last, bool backdate);

}  // namespace accord::hooks
