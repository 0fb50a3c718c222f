#pragma once
// What a speaker's segment of a comment asks for: a change to the text, or a
// position. Pure string functions over the segment's words and where the
// comment is anchored.
//
// Text requests, as staff write them (typographic or straight quotes):
//   delete “X”                     "US: Delete “authorized”"
//   delete the anchored wording    "CAN, UK delete", "AILAC suggested deleting these words"
//   delete the paragraph(s)        "Delete the recalling paras", "Remove this para",
//                                  "proposed to delete paras 44, 45 and 46 and 48",
//                                  a bare "delete" on a paragraph's first words
//   delete the section             "Delete whole section in its entirety", "del section 2",
//                                  a bare "delete" on a heading
//   replace “X” with “Y”           "change “shall” to “should”", "Replace it with OR",
//                                  "not “check”, but “review”", "Clarifies not decides",
//                                  "instead of X, Y", a modal alone ("should") or a short
//                                  quoted wording alone on other wording
//   add “Y”                        "add “in particular”", "insert: ..."
//   proposed language: Y           "Proposed language: that are ...", a long quoted
//                                  passage offered as an alternative or new paragraph
// Anything else is a position: "Whole section lacks clarity", "US ok". So is
// a segment that speaks against a change, or only concedes it: a negation,
// opposition, wish to keep the text, concession or condition before a word
// asking for a change in its clause ("against the deletion", "cannot accept
// deletion of this", "we object to deleting “by 2025”", "do not add “urgent”",
// "prefer to retain", "could accept deleting", "if kept, add ..."), after a
// change named as a thing ("deletion not acceptable"), or a change asked
// about ("delete?"), or one offered as either this or that for a list of
// speakers ("Remove/concern"). When in doubt a segment is a position: a position keeps
// the comment's words, a wrong proposal would put words in a Party's mouth.
// Words inside quotes are the wording spoken of, never read as the speaker's.
#include <string>
#include <string_view>
#include <vector>

namespace accord::docx {

enum class RequestKind : std::uint8_t {
    position,           // no change to the text is asked for
    delete_wording,     // `target`, or the anchored wording when `target` is empty
    delete_paragraph,   // the anchored paragraph, or those numbered in `paragraphs`
    delete_section,     // the section under the anchored heading, or `section`
    replace,            // `target` (or the anchored wording) by `replacement`
    insert,             // `replacement` at the anchor
    proposed_language,  // `replacement` offered for the anchored wording or paragraph
};

std::string_view to_string(RequestKind kind);

// Where the comment is anchored, as far as reading a request needs.
struct AnchorContext {
    std::string quoted;               // the anchored wording
    bool on_heading = false;          // the comment speaks of the section under a heading
    bool at_paragraph_start = false;  // anchored on a paragraph's first words
    bool inside_word = false;         // anchored on a letter or two: a place, not wording
};

struct Request {
    RequestKind kind = RequestKind::position;
    std::string target;       // wording to delete or replace; "" means the anchored wording
    std::string replacement;  // wording to put in (replace, insert, proposed language)
    std::vector<std::string> paragraphs;  // numbers named: "44", "50 bis"
    std::string section;                  // a section named: "2"
    bool everywhere = false;              // "throughout the text"
};

Request read_request(std::string_view segment_text, const AnchorContext& anchor);

}  // namespace accord::docx
