#pragma once
// Word-level blame: who proposed each word, bracket, option separator and
// strike mark of a text.
//
// A word's proposer is the delegation whose proposal first put that word in
// the text. Bracketing it, striking it, lifting its brackets or choosing its
// option does not change that: those acts are attributed to the marks they
// add. In a merge, a word takes its origin from the parent it came from;
// wording that only one line added (the same words tabled on both lines,
// each unaware of the other: the first proposer's) is that line's.
// Wording deleted on one line is never restored by a proposal on another.
//
// Wording deleted and later brought back keeps its first proposer, and
// `restored_by` names the proposal that brought it back, but only on
// evidence that it is the same wording, not new wording that happens to use
// the same words:
//  - a run of at least kRestoredRunWords words (numbers count, punctuation
//    rides along) found among the words deleted before; or
//  - the whole of what one proposal deleted there (the words of a bracket,
//    an option, a sentence, a replaced phrase) coming back in the place it
//    left: next to the word that stood before it or after it then. A single
//    word comes back only if both of its neighbours are the same (at a
//    paragraph's start or end, the one it has must be the very occurrence,
//    Origin::serial, not another word of the same text and proposer). Never
//    punctuation alone.
// Wording a proposal deletes in one place and puts in another (of the same
// text, or of another text blamed with it) is a move: it keeps its proposer
// and is no restoration. With BlameOptions::across_texts, wording deleted
// from another text by an earlier proposal is also found: a run of
// kRestoredRunWords words, or the whole of what was deleted coming back
// whole between marks (a bracket deleted there, bracketed here).
//
// Entry points (versions and proposals in, attribution out):
//  - blame_versions: one text's versions, as a proposal index per version.
//  - blame_texts: several texts whose versions share one order of
//    proposals, attributed in one walk, so that wording moved between them
//    is followed. Every text is attributed through the last version given.
// Neither reads a repository: merge/blame/blame_history.hpp does that.
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/notation/document.hpp"
#include "core/notation/parse.hpp"
#include "merge/blame/blame_prepare.hpp"

namespace accord {

// The fewest words a restored run may have without more evidence (the
// place it came back to, or a whole bracket): below it, runs found among
// deleted wording on generated histories are mostly new wording that
// repeats common words; from it on, nearly never (see
// tests/unit/blame/blame_accuracy_test.cpp).
inline constexpr std::size_t kRestoredRunWords = 4;

// One version of a text: what a proposal made of it.
struct BlameVersion {
    std::string id;                    // the commit id (any unique id in tests)
    std::vector<std::size_t> parents;  // indices of earlier versions; first parent first
    std::string text;
    std::vector<std::string> proposers;
    std::string date;  // RFC 3339
    // The proposal that made it: an index into an order of proposals (oldest
    // first) shared by every text blamed together; a text's versions have
    // increasing proposals. Ignored by blame_versions, where a version's
    // proposal is its own index.
    std::size_t proposal = 0;
};

enum class SpanKind : std::uint8_t { text, bracket, separator, strike };
std::string_view to_string(SpanKind kind);

struct BlameSpan {
    ByteRange range;  // byte offsets into the blamed version's text
    SpanKind kind;
    std::size_t origin;  // the proposal that introduced it (blame_versions: a version index)
    std::optional<std::size_t>
        restored_by;  // the proposal that brought it back, if it was deleted before
    friend bool operator==(const BlameSpan&, const BlameSpan&) = default;
};

struct BlameResult {
    Document document;             // the blamed version, parsed
    std::vector<BlameSpan> spans;  // ordered, disjoint; every non-space byte of the body is in one
    // With BlameOptions::count_own_words, per version of the text: the words
    // (and numbers) blame gives that version's own proposal there, as their
    // first proposer or as the one that restored them (kUnknownCount for a
    // version gone on from a checkpoint). Empty otherwise.
    static constexpr std::uint32_t kUnknownCount = 0xFFFFFFFF;
    std::vector<std::uint32_t> own_words;
};

struct BlameOptions {
    ParseOptions parse;
    // Also find wording deleted from another text by an earlier proposal
    // (blame_texts); moves within one proposal are followed either way.
    bool across_texts = false;
    // The fewest words a restored run may have without more evidence.
    std::size_t restored_run_words = kRestoredRunWords;
    // Count BlameResult::own_words: what each proposal worded, as blame
    // reads it, for `accord survival` to set against what still stands.
    bool count_own_words = false;
};

// Blames versions[target]. Versions must be in an order where parents come
// before children (oldest first). Origins are version indices.
BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const ParseOptions& options);

// As above, with each version's text given by read_text(v) instead of taken
// from versions[v].text. It is called once per version up to `target`, in
// order, on a thread of its own while earlier versions are attributed, so that
// reading a history overlaps with attributing it.
BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const ParseOptions& options, const ReadText& read_text);
BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const BlameOptions& options, const ReadText& read_text = {});

struct BlameCheckpoints;  // blame_checkpoint.hpp
// As above, going on from a checkpoint and leaving one (either pointer may
// be null); throws BlameCheckpointMismatch when the one to go on from does
// not fit these versions.
BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const BlameOptions& options, const ReadText& read_text,
                           const BlameCheckpoints& checkpoints);

// One text for blame_texts: its versions, oldest first, through the one to
// blame; parents index this list; each version's `proposal` is set.
struct TextVersions {
    std::span<const BlameVersion> versions;
};

// Gives the text of versions[version] of texts[text]; see blame_texts.
using ReadVersionText = std::function<std::string(std::size_t text, std::size_t version)>;

// Blames the last version of each text, walking all of them in the order of
// their proposals; origins and restored_by are proposal indices. A proposal
// that changes several texts is taken as one step: what it deletes in one is
// found where it adds the same wording in another. read_text, when given, is
// called once per version in that order, on a thread of its own (as for
// blame_versions); otherwise the versions' `text` is read.
std::vector<BlameResult> blame_texts(std::span<const TextVersions> texts,
                                     const BlameOptions& options,
                                     const ReadVersionText& read_text = {});

// Receives one text's result (with the text's index) from the walk below.
using BlameTextDone = std::function<void(std::size_t text, BlameResult&& result)>;

// As above, each text's result handed to `done` as soon as its last version
// is attributed, in the order the texts' last versions come (not the order
// given), and the text let go of then: the working data and the results of
// all the texts are never held at once.
void blame_texts(std::span<const TextVersions> texts, const BlameOptions& options,
                 const ReadVersionText& read_text, const BlameTextDone& done);
// As above, with checkpoints (as blame_versions takes them).
void blame_texts(std::span<const TextVersions> texts, const BlameOptions& options,
                 const ReadVersionText& read_text, const BlameTextDone& done,
                 const BlameCheckpoints& checkpoints);

}  // namespace accord
