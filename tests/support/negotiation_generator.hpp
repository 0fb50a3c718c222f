#pragma once
// Negotiation histories with known ground truth, for measuring blame.
//
// generate_history() plays a negotiation over one file or several: a first
// proposal drafts each text, and each later proposal makes one change in the
// notation (or a few, with edits_per_proposal), as delegations and the Chair
// do (insert bracketed wording, add options, bracket, strike, replace, lift
// brackets, pick options, delete, restore, add paragraphs, set status tags,
// move wording within a text or to another one, table again wording deleted
// from another text). The texts are kept as a model in which every word and
// every mark carries the index of the proposal that first put it in a text,
// and each version is rendered from that model, so the true origin of every
// byte of interest is known exactly.
//
// Promises:
//  - Deterministic: the same options give the same bytes, on every platform
//    (std::mt19937_64 with no std:: distributions, whose output is not fixed).
//  - Valid: every version parses with no error diagnostics (under
//    parse_options(options)): brackets balance, strikes close, options are
//    never empty, labels and status tags are where the parser looks for them.
//  - A linear history: version k's only parent is k-1, it has one proposer and
//    its date is one day after k-1's ("2013-06-03T12:00:00Z", ...). With
//    several texts, proposal k is dated so, and each text's versions are the
//    proposals that changed it.
//  - Every version differs from its parent.
//  - Each option that adds a behaviour draws nothing from the generator
//    while it is off, so that turning one on changes only what it does.
//  - Whose word it is follows the rule: bracketing, striking, lifting
//    brackets or choosing an option never changes a word's origin; those acts
//    own only the marks they add. Restored wording keeps its first origin and
//    records the restoring version in `restored_by`. Replacement wording never
//    repeats a word it replaces, and only runs of two words or more are
//    restored, so that the truth is not ambiguous about a lone common word.
//    Wording moved (within a text or to another one, in one proposal) keeps
//    its origin and its restored_by, as blame's rule for moves says; the
//    marks of a moved bracket are the mover's, who wrote them there. Wording
//    tabled again in another text keeps its origin, with restored_by the
//    proposal that tabled it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/document.hpp"
#include "core/notation/parse.hpp"
#include "merge/blame/blame.hpp"

namespace accord::test {

// The changes a proposal can make, one per proposal.
enum class Operation : std::uint8_t {
    draft,                      // version 0: the first text
    insert_bracketed,           // "[new wording]" at a word boundary
    add_option,                 // "[old]" -> "[old][new]" (or "[old / new]")
    bracket_existing,           // "a b" -> "[a b]"
    strike,                     // "a b" -> "~~a b~~"
    replace,                    // 1-3 words -> 1-3 new words
    lift_bracket,               // the Chair: "[a]" -> "a"
    choose_option,              // the Chair: "[a][b]" -> "a" or "[a]"
    delete_bracket,             // "[a]" and its text removed, or one option of a group
    accept_strike,              // "~~a~~" removed
    restore,                    // wording deleted earlier comes back near where it was
    add_paragraph,              // a new main paragraph
    add_alternative_paragraph,  // "Alt: ..." after a main paragraph
    set_status,                 // "(revisit)" set, or changed to "(agreed)" by the Chair
    move_wording,  // words, a bracket or a paragraph cut and put elsewhere, maybe in another text
    table_again,   // wording deleted from another text proposed again in this one
    swap_opener,   // "Recognizing the ..." -> "Noting the ...", or back (see opener_share)
};
inline constexpr std::size_t kOperationCount = 17;
std::string_view to_string(Operation operation);

// Relative weights of the operations a proposal draws from (draft is ignored).
// An operation with nothing to act on (no bracket to lift) is redrawn.
// move_wording, table_again and swap_opener weigh 0 by default.
using OperationWeights = std::array<double, kOperationCount>;
OperationWeights default_weights();

struct GeneratorOptions {
    std::uint64_t seed = 1;
    std::size_t proposals = 150;         // versions, the first draft included
    std::size_t initial_paragraphs = 3;  // 1-5 is realistic
    std::vector<std::string> delegations = {"Japan", "Sweden", "Russian Federation", "Brazil",
                                            "India", "Kenya",  "United States",      "Egypt"};
    std::string chair = "Chair";  // lifts brackets, picks options, agrees paragraphs
    OperationWeights weights = default_weights();
    // Options may also be added inside one bracket, "[a / b]", besides groups "[a][b]".
    bool slash_options = true;
    // Write such options "[a/b]" as the WGEC texts do; they then parse only
    // with slash-options: any (parse_options() says so).
    bool compact_slashes = false;
    // How often new wording (of two words or more) is a stock phrase ("all
    // stakeholders", "as appropriate"), which real texts repeat everywhere.
    // Harder for blame, and partly beyond any blame: when "loss and damage"
    // is inserted next to another "loss and damage", the text alone cannot
    // say which copy is new, though the truth does. 0: words only.
    double phrase_share = 0;
    // Soft cap on the number of words: above it no operation that adds wording
    // is drawn. 0: none.
    std::size_t max_words = 0;
    // Front matter "id: ..." at the top of the file; "" for none.
    std::string document_id = "A-1";
    std::string first_date = "2013-06-03";  // the draft's day; one day per proposal after it
    // Paragraphs are one line each (as the compilations write them) when 0;
    // otherwise lines are broken between words near this column.
    std::size_t wrap_column = 0;
    // Ground truth for every version, not only the last (memory grows with
    // proposals x words; benchmarks turn it off). One text only.
    bool truth_for_every_version = true;

    // New words are drawn from the first `vocabulary` content words (and a
    // fifth as many function words), not from all of them: long histories
    // over a small vocabulary, where any new word has been deleted before
    // somewhere. 0: the whole vocabulary.
    std::size_t vocabulary = 0;
    // The number of texts (recommendations). Proposals 0..texts-1 draft one
    // each; every later proposal works in one text, chosen at random, except
    // that a move may carry wording to another. Paths "recs/A-1.md", ...;
    // front matter ids "A-1", ... (none when document_id is "").
    std::size_t texts = 1;
    // Operations per proposal: each proposal makes 1 to this many changes
    // to its text (a proposal that redrafts several places).
    std::size_t edits_per_proposal = 1;
    // How often new wording starts with the word just before it or ends with
    // the word just after ("coverage of [of the parties]"): repeated
    // adjacent words whose copies have different proposers. 0: never.
    double repeat_share = 0;
    // How often a new paragraph opens as a preamble's do, with a stock
    // opening word and "the" ("Recognizing the ...", "Noting the ..."):
    // swap_opener then puts another opener in a paragraph's place (new
    // wording, though other paragraphs hold that word before the same
    // "the" of the same proposer), or puts back the one it had while the
    // word after it is still the one that followed it: a single word
    // restored in its place. 0: never.
    double opener_share = 0;
};

// What the parser must be told to read the generated text.
ParseOptions parse_options(const GeneratorOptions& options);

// What the ground truth says about one word or mark of a version.
enum class TruthRole : std::uint8_t {
    word,         // a vocabulary word (kind "text")
    punctuation,  // a paragraph's final full stop (kind "text")
    label,        // "Alt:" (kind "text")
    status_tag,   // "(revisit)" (kind "text")
    mark,         // "[", "]", "/", "~~" (kinds "bracket", "separator", "strike")
};

struct TruthItem {
    ByteRange range;   // into the version's text
    std::string kind;  // "text", "bracket", "separator", "strike", as blame names them
    TruthRole role = TruthRole::word;
    std::size_t origin = 0;                  // the version that first put it in the text
    std::optional<std::size_t> restored_by;  // the version that last brought it back
    bool travelled =
        false;  // a word moved or tabled again (move_wording, table_again) at some point
};

// One text of a history of several: the proposals that changed it.
struct GeneratedText {
    std::string path;                    // "recs/A-2.md"
    std::vector<BlameVersion> versions;  // oldest first; parents index this list
    std::vector<std::size_t> proposals;  // versions[k] is what proposal proposals[k] made of it
    std::vector<TruthItem> truth;        // of its last version; origins are proposal indices
};

struct GeneratedHistory {
    // One text: its versions, oldest first; versions[k].parents == {k - 1},
    // and version k is proposal k. Empty when there are several texts.
    std::vector<BlameVersion> versions;
    std::vector<Operation>
        operations;                // operations[k]: what proposal k did (the first of its edits)
    std::vector<TruthItem> truth;  // of the last version, in byte order (one text)
    // truth_by_version[k] for every k when truth_for_every_version; empty otherwise.
    std::vector<std::vector<TruthItem>> truth_by_version;
    // Every text, when there are several (one text: empty; see versions).
    std::vector<GeneratedText> texts;
    ParseOptions parse_options;  // how to read the versions
};

GeneratedHistory generate_history(const GeneratorOptions& options);

// The stock opening words of paragraphs (GeneratorOptions::opener_share).
const std::vector<std::string_view>& paragraph_openers();

// The vocabulary new wording is drawn from: a few hundred lower-case words of
// negotiated texts, letters only (each is one word token).
const std::vector<std::string_view>& negotiation_vocabulary();

}  // namespace accord::test
