#pragma once
// A Word document's model written as accord notation: Markdown-compatible
// text that reads as it would have been typed.
//
//  - Paragraphs separated by blank lines; headings as "#" lines; Word's
//    automatic numbering written out as each paragraph's label ("1.", "(a)",
//    "IV."), counted as Word counts it in the text being written.
//  - Bold and italic as "**" and "*", strikethrough as "~~", superscript and
//    subscript as <sup> and <sub>, line breaks as Markdown hard breaks,
//    hyperlinks as their text.
//  - Footnotes and endnotes as "[^n]", numbered in order of first reference,
//    with their definitions after the body.
//  - Tables as pipe tables, a cell's paragraphs joined by "<br>".
//  - Tracked changes rejected (the base text), accepted, or shown as a
//    secretariat marks pending proposals: an insertion as [bracketed text], a
//    deletion as a ~~proposed strike~~. A subset of the revisions can be
//    shown and the rest rejected, to replay changes one at a time.
//  - A map from model positions to offsets in the text, so that comment
//    anchors and revisions point at exact wording.
#include <cstdint>
#include <string>
#include <vector>

#include "core/import/docx/docx_model.hpp"
#include "core/notation/document.hpp"

namespace accord::docx {

enum class TrackedChanges : std::uint8_t {
    reject,   // every change undone: the text before them, the base
    accept,   // every change made
    bracket,  // insertions [in brackets], deletions ~~struck~~
};

struct ConvertOptions {
    TrackedChanges changes = TrackedChanges::reject;
    // Which revisions (indices into Package::revisions) `changes` applies
    // to; the others are rejected. Empty: all of them.
    std::vector<bool> shown;
    // false: no emphasis, <sup>/<sub> or escapes, only the wording with the
    // same paragraphs, labels, headings, strikes and change marks: the text
    // as a typist would have typed it, to compare the notation against.
    bool formatting = true;
};

// How a run appears under some options.
struct RunView {
    bool visible = true;
    bool bracketed = false;  // an insertion shown in brackets
    bool struck = false;     // a deletion shown as a proposed strike
};
RunView view_of(const Run& run, const ConvertOptions& options);

// Where a run's own bytes landed: markup around them (brackets, "~~",
// emphasis) excluded. begin == end when none of it is in the text; then both
// are where it would have been.
struct RunPlace {
    std::size_t begin = 0;
    std::size_t end = 0;
};

struct ParagraphPlace {
    bool written = false;  // false when it has no visible wording (or joined the next)
    ByteRange range;       // its whole text: heading marks and label included
    ByteRange content;     // its wording, after heading marks and label
    std::vector<RunPlace> runs;
};

struct TextMap {
    std::vector<std::vector<ParagraphPlace>> stories;  // [story][paragraph]
    std::size_t body_end = 0;                          // the notes' definitions follow

    // Where a range starting at `at` begins: the first byte of the first run
    // at or after it that is in the text, within its paragraph.
    std::size_t start_offset(const Position& at) const;
    // Where a range ending at `at` ends: one past the last byte of the last
    // run before it that is in the text, within its paragraph.
    std::size_t end_offset(const Position& at) const;
};

struct Converted {
    std::string text;
    TextMap map;
    // Per revision: the bytes of its runs in the text (empty when none is
    // shown). For a paragraph mark, the end of that paragraph's wording.
    std::vector<ByteRange> revisions;
    // Per note: its number in "[^n]", 0 when the text does not refer to it.
    std::vector<std::uint32_t> note_numbers;
};

Converted to_notation(const Package& package, const ConvertOptions& options = {});

}  // namespace accord::docx
