#pragma once
// The whole negotiation at one revision, gathered for `accord compile`: every
// text in compilation order under the outline's headings and, for the HTML
// view, who proposed each word (blame) and each text's timeline of proposals.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/store/recommendations.hpp"
#include "core/store/workspace.hpp"
#include "merge/blame/blame_history.hpp"
#include "merge/compile/compilation_layout.hpp"
#include "merge/report/history.hpp"
#include "merge/report/positions.hpp"

namespace accord {

struct CompiledText {
    Recommendation text;
    // With CompilationOptions::attribute: the text blamed at the revision (its
    // spans index blame->history.proposals, the text's timeline, oldest first).
    // Its spans are byte ranges of text.document; blame->result.document is
    // left empty (the same text, not held twice).
    std::optional<FileBlame> blame;
    // Why it was not blamed although attribution was asked: "" when it was.
    std::string unattributed;
    // With CompilationOptions::attribute: the positions recorded on this
    // text up to the revision, oldest first.
    std::vector<PositionEntry> positions;
};

struct Compilation {
    std::string negotiation;           // accord.yaml's name, may be empty
    std::string revision;              // the commit compiled; empty: no proposals yet
    std::optional<Proposal> proposal;  // the proposal that made `revision`
    std::optional<Recommendation> outline;
    std::vector<CompiledText> texts;    // compilation order, the outline excluded
    CompilationLayout layout;           // indexes `texts`
    std::vector<std::string> registry;  // delegation names in accord.yaml's order
};

// Texts longer than this are not attributed word by word: blaming them and
// writing an element per run of one proposer's words would take memory in
// the gigabytes (the HTML of an attributed text is some thirty times its
// size); the page says so instead, and `accord blame` still attributes them.
inline constexpr std::size_t kMaxAttributedBytes = std::size_t{8} << 20;

// What becomes of a text more than accord reads word by word
// (comparable_word_by_word): rendering it as HTML or Word would take some
// forty to two hundred times its size in memory.
enum class OversizedText {
    kept,     // the Markdown compilation prints it as it is
    noted,    // the HTML view shows a note in its place (in `unattributed`)
    refused,  // a Word document, which imports back, is not written without it
};

struct CompilationOptions {
    std::string at = "HEAD";  // a revision, a date (YYYY-MM-DD) or a meeting
    OversizedText oversized = OversizedText::kept;
    bool attribute = false;  // blame every text (the HTML view needs it)
    std::size_t max_attributed_bytes = kMaxAttributedBytes;
    bool across_texts = false;  // blame as accord blame --across-texts does
    // Keep each blamed version's text in blame->history.versions (the Word
    // document's tracked changes read them); the HTML view needs none.
    bool version_texts = false;
};

// An unborn branch gives an empty compilation (no revision, no texts), not an
// error; an `at` that names nothing is a usage error naming it.
Compilation compile_negotiation(const Workspace& workspace, const CompilationOptions& options);

}  // namespace accord
