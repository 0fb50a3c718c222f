#pragma once
// How a compilation document marks its structure, read one paragraph at a
// time: group headings ("GROUP A: ..."), separators ("* * *"), item headings
// ("3. Draft recommendation submitted by Mexico (24 February 2014)"), later
// proposals on an item ("Resubmission by Nigeria (1 May 2014)"), and
// footnotes. Pure functions over text; which of them is tried where is
// import_structure's business.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/import/attribution.hpp"
#include "core/import/dates.hpp"

namespace accord::importer {

// A run of non-blank lines, as byte offsets into the source.
struct SourceParagraph {
    std::size_t begin = 0;
    std::size_t end = 0;   // end of its last line, before the line ending
    std::size_t line = 0;  // 1-based, of its first line
    bool single_line = true;
};

// Paragraphs split on blank lines (lines of spaces and tabs only).
std::vector<SourceParagraph> split_paragraphs(std::string_view source);

struct GroupHeading {
    std::string letter;  // "A"
    std::string title;   // "Implementation of the Tunis Agenda (Questions 2 and 3)"
};

// "GROUP A: Implementation of the Tunis Agenda (Questions 2 and 3)", on one line.
std::optional<GroupHeading> read_group_heading(std::string_view paragraph);

// "* * *", "***", "---": one mark repeated at least three times, on one line.
bool is_separator(std::string_view paragraph);

enum class HeadingForm {
    item,            // starts a new item
    bare_item,       // "Opinion A": starts an item only where none is open
    later_proposal,  // a resubmission, revision or proposal on the open item
};

struct ItemHeading {
    HeadingForm form = HeadingForm::item;
    int number = -1;        // as printed ("3."), or -1
    std::string message;    // without its number, trailing ':' and footnote marks
    std::string kind;       // recommendation, statement or opinion
    bool revision = false;  // "Revised", "Resubmission", "re-submitted": made after what it revises
    Attribution attribution;
    std::optional<WrittenDate> date;
};

// The paragraph read as an item heading, or nothing. It is one line of at most
// 400 bytes, and
//  - numbered ("3. ...") and naming a proposer: an item;
//  - "Resubmission ...", "Re-submission ...", "Revised ...", "Proposal by ...",
//    "... re-submitted by ...", "... on this recommendation", naming a
//    proposer: a later proposal;
//  - starting with a kind word ("Draft recommendations", "Statements",
//    "Opinion") and naming a proposer: an item;
//  - a kind word and at most two more words, naming no one ("Opinion A",
//    "Recommendation 3"): a bare item.
std::optional<ItemHeading> read_item_heading(std::string_view paragraph);

// The footnote mark ("¹", "²", ...) a footnote paragraph starts with ("¹ Comment
// by the author ..."), or "".
std::string_view footnote_mark(std::string_view paragraph);

// Whether `paragraph` cites `mark` anywhere but at its start.
bool cites(std::string_view paragraph, std::string_view mark);

// The footnote marks `paragraph` cites anywhere but at its start.
std::vector<std::string_view> cited_marks(std::string_view paragraph);

// `text` without white space, footnote marks and ':' at its ends.
std::string_view trim_heading(std::string_view text);

// A file-name part: lower-case ASCII letters and digits joined by '-', cut at
// a '-' to at most `max` bytes. Other characters separate words.
std::string slug(std::string_view text, std::size_t max = 40);

// The directory for a section heading: "agreed" (Agreed recommendations ...),
// "statements" (Statements and Opinions), "no-consensus" (... did not enjoy
// consensus ...), "meeting-4" (... discussed in 4th WGEC meeting ...), else a
// slug of its first words.
std::string section_slug(std::string_view heading);

}  // namespace accord::importer
