#pragma once
// The positions recorded in a negotiation's history (core/store/
// position_record.hpp): who said what about which wording, and whether that
// wording still stands in the text.
#include <string>
#include <string_view>
#include <vector>

#include "core/store/position_record.hpp"
#include "core/store/workspace.hpp"
#include "merge/report/history.hpp"

namespace accord {

// What became of the wording a position speaks of, in the text now. (Not
// "Standing": blame's phrase standing has that name in this namespace, and
// two types of one name break the one-definition rule.)
enum class WordingStanding : std::uint8_t {
    stands,   // in the text, not struck
    struck,   // in the text, but only inside a proposed deletion
    gone,     // no longer in the text
    no_text,  // the text itself is gone
    unknown,  // the position names no wording
};
std::string_view to_string(WordingStanding standing);

// Where `wording` is in `text`, compared as a reader sees them: markup
// (brackets, emphasis, strike marks, escapes) left aside and white space
// collapsed.
WordingStanding wording_standing(std::string_view text, std::string_view wording);

// Every place `wording` is in `text`, compared as wording_standing compares
// (struck wording included), as the bytes of `text` from the first
// character found to the last: "Decides that" is in "*Decides* that ..."
// as "Decides* that". Empty when the wording is not there or is empty.
std::vector<ByteRange> wording_places(std::string_view text, std::string_view wording);

struct PositionEntry {
    Proposal recorded;  // the commit: its date, author, committer
    PositionRecord position;
    WordingStanding standing = WordingStanding::unknown;
};

struct PositionsOptions {
    std::vector<std::string> paths;  // texts or directories; empty: all
    std::vector<std::string> by;     // delegations (names or aliases)
    std::string at = "HEAD";         // a revision, a date or a meeting
};

// Oldest first. An unknown delegation in `by` is a usage error.
std::vector<PositionEntry> list_positions(const Workspace& workspace,
                                          const PositionsOptions& options);

std::string render_positions_text(const std::vector<PositionEntry>& entries);
// Schema accord.positions/1.
std::string render_positions_json(const std::vector<PositionEntry>& entries);

}  // namespace accord
