#pragma once
// A Word document as read, in plain structs: the stories (the body, each
// footnote and endnote) as paragraphs of runs and tables, the tracked changes
// as revisions the runs point to, the comments with their anchors and
// threads, and the document's properties. No library type appears here.
//
// Runs are kept as Word wrote them (not merged), so that every mark Word put
// between two runs (a comment's start or end) has an exact place: a Position
// is "before run `run` of paragraph `paragraph` of story `story`".
#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/import/docx/numbering.hpp"

namespace accord::docx {

inline constexpr std::uint32_t kNoIndex = UINT32_MAX;

enum class RevisionKind : std::uint8_t {
    insertion,  // w:ins
    deletion,   // w:del
    move_to,    // w:moveTo: text moved here, an insertion
    move_from,  // w:moveFrom: text moved away, a deletion
    format,     // w:rPrChange: the formatting of runs changed, their text kept
};

inline bool inserts(RevisionKind kind) {
    return kind == RevisionKind::insertion || kind == RevisionKind::move_to;
}

enum class Baseline : std::uint8_t { normal, superscript, subscript };

struct Format {
    bool bold = false;
    bool italic = false;
    bool strike = false;  // strikethrough formatting (single or double)
    Baseline baseline = Baseline::normal;
    friend bool operator==(const Format&, const Format&) = default;
};

// One tracked change, as Word records it.
struct Revision {
    RevisionKind kind = RevisionKind::insertion;
    std::string author;
    std::string date;             // as written: "2024-11-18T22:32:00Z"; may be empty
    std::string word_id;          // w:id
    std::uint32_t story = 0;      // 0 the body, n the story of notes[n - 1]
    bool paragraph_mark = false;  // a paragraph break inserted or deleted
    bool table_row = false;       // a whole table row inserted or deleted
};

enum class RunKind : std::uint8_t {
    text,            // `text` holds the wording; tabs as '\t'
    line_break,      // w:br, w:cr
    note_reference,  // a footnote or endnote mark; `note` says which
};

struct Run {
    RunKind kind = RunKind::text;
    std::string text;
    Format format;
    std::uint32_t inserted = kNoIndex;  // the revision that inserted it
    std::uint32_t deleted = kNoIndex;   // the revision that deleted it
    std::uint32_t note = kNoIndex;      // index into Package::notes
    // The revision that changed its formatting (RevisionKind::format), as
    // far as the notation carries formatting; until that revision is shown,
    // the run reads with format_before.
    std::uint32_t reformatted = kNoIndex;
    Format format_before;
};

struct Paragraph {
    std::string style;          // style id; empty for the default style
    std::uint32_t heading = 0;  // Markdown heading level 1-6; 0 for body text
    NumberingRef numbering;     // Word's automatic numbering, styles resolved
    std::vector<Run> runs;
    // The paragraph break that ends it was inserted or deleted.
    std::uint32_t mark_inserted = kNoIndex;
    std::uint32_t mark_deleted = kNoIndex;
    bool in_table = false;
    // The revision that changed its number or heading level (a w:pPrChange
    // of RevisionKind::format); until that revision is shown, the paragraph
    // reads with numbering_before and heading_before.
    std::uint32_t reformatted = kNoIndex;
    NumberingRef numbering_before;
    std::uint32_t heading_before = 0;
};

struct Cell {
    std::vector<std::uint32_t> paragraphs;  // indices into the story's paragraphs
    std::uint32_t span = 1;                 // columns it spans (gridSpan)
    bool merged_with_above = false;         // continues a vertical merge: shown empty
};

struct Row {
    std::vector<Cell> cells;
    std::uint32_t inserted = kNoIndex;  // the revision that inserted the whole row
    std::uint32_t deleted = kNoIndex;
};

struct Table {
    std::vector<Row> rows;
};

enum class BlockKind : std::uint8_t { paragraph, table };

struct Block {
    BlockKind kind = BlockKind::paragraph;
    std::uint32_t index = 0;  // into Story::paragraphs or Story::tables
};

struct Story {
    std::vector<Block> blocks;          // in document order
    std::vector<Paragraph> paragraphs;  // in document order, table cells' included
    std::vector<Table> tables;
};

enum class NoteKind : std::uint8_t { footnote, endnote };

struct Note {
    NoteKind kind = NoteKind::footnote;
    std::string word_id;
    Story story;
};

struct Position {
    std::uint32_t story = 0;  // 0 the body, n the story of notes[n - 1]
    std::uint32_t paragraph = 0;
    std::uint32_t run = 0;  // before this run; runs.size() is the paragraph's end
    friend auto operator<=>(const Position&, const Position&) = default;
};

struct Comment {
    std::string word_id;
    std::string author;  // who wrote it in Word: usually staff noting a speaker
    std::string date;
    std::string initials;
    // Its paragraphs joined by '\n'; line breaks inside a paragraph are '\n'
    // too. Text deleted as a tracked change inside the comment is left out.
    std::string text;
    std::uint32_t parent = kNoIndex;  // the comment this one replies to
    bool done = false;                // marked resolved in Word
    bool has_range = false;           // both ends of commentRangeStart/End were found
    Position start, end;              // the anchored range
    bool has_reference = false;       // the commentReference mark was found
    Position reference;
};

struct Properties {
    std::string title;
    std::string creator;
    std::string last_modified_by;
    std::string created;  // W3C date-time as written: "2024-11-17T23:01:00Z"
    std::string modified;
    // Custom document properties (docProps/custom.xml), name -> value as
    // written. Word keeps them through editing.
    std::map<std::string, std::string> custom;
};

// A bookmark accord put in a document it wrote ("_accord_text_3"), marking
// where one text of a compilation begins and ends. Word keeps bookmarks
// through editing; others are not read.
struct Bookmark {
    std::string name;
    Position start, end;
    bool has_end = false;
};

// The custom property that says a document was written by accord, its
// paragraphs one line of notation each (see ConvertOptions).
inline constexpr const char* kAccordNotationProperty = "accord-notation";
// The custom property that says accord wrote a document's changes as
// tracked changes (compile --changes-since): a line with a change inside it
// may then hold marks typed as characters, which the reader takes as marks.
inline constexpr const char* kAccordTrackedChangesProperty = "accord-tracked-changes";
// Bookmarks accord writes start with this.
inline constexpr const char* kAccordBookmarkPrefix = "_accord_";

struct Package {
    Story body;
    std::vector<Note> notes;  // footnotes, then endnotes, as found in their parts
    std::vector<Revision> revisions;
    std::vector<Comment> comments;  // in comments.xml order
    Properties properties;
    std::vector<Bookmark> bookmarks;  // accord's, in the order they start
    Numbering numbering;
    // What could not be carried into text, by kind ("images", "field codes",
    // "colours"): counted so that one warning can say what was left behind.
    std::map<std::string, std::size_t> dropped;

    const Story& story(std::uint32_t index) const {
        return index == 0 ? body : notes[index - 1].story;
    }
    std::uint32_t story_count() const { return static_cast<std::uint32_t>(notes.size() + 1); }
    // Written by accord: each body paragraph is one line of notation, its
    // characters as typed.
    bool accord_notation() const {
        const auto it = properties.custom.find(kAccordNotationProperty);
        return it != properties.custom.end() && it->second == "1";
    }
    // Written by accord with tracked changes of its own (kAccordTrackedChangesProperty).
    bool accord_tracked_changes() const {
        const auto it = properties.custom.find(kAccordTrackedChangesProperty);
        return it != properties.custom.end() && it->second == "1";
    }
};

// "3 images, 9 field codes, 46 colours" (largest first), or "".
std::string describe_dropped(const Package& package);

}  // namespace accord::docx
