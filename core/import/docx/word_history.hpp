#pragma once
// The history a Word document tells, planned without a repository: the base
// text (every tracked change rejected), then in date order each tracked
// change as a proposal of its author, each comment segment that asks for a
// text change as a proposal of its speakers at the place it points to, and
// every other segment as a position (who said what, when, about which
// wording). Nothing of a comment is dropped: a request that cannot be placed
// (its wording is not where it points) is kept as a position that says so.
//
// The text after each event is given whole, so that a caller records the
// events one commit each, in order, and the last gives `text`. Requests are
// placed as insertions of marks (comment_edits.hpp), kept apart from the
// tracked changes so that changes made later in Word still land where they
// belong and the marks move with the wording around them.
#include <cstdint>
#include <string>
#include <vector>

#include "core/import/docx/comment_edits.hpp"
#include "core/import/docx/word_import.hpp"

namespace accord::docx {

enum class EventKind : std::uint8_t {
    tracked_change,   // a w:ins or w:del of one author
    comment_request,  // a speaker's segment asking for a text change, placed
    position,         // any other segment, or a request that could not be placed
};

struct HistoryEvent {
    EventKind kind = EventKind::position;
    std::string date;  // as Word writes it: "2024-11-18T22:32:00Z"; may be empty
    // Tracked change: its Word author. Comment: the speakers, by the name
    // the registry or the built-in table gives, or as written when unknown;
    // empty when the segment names no one (a note of whoever wrote it).
    std::vector<std::string> authors;
    std::vector<bool> known;            // per author: matched a name (registry or built-in)
    std::string subject;                // one line saying what it is: "WHO: ACTION"
    std::string action;                 // the subject's ACTION (WHO may hold ": " itself)
    std::string text;                   // the whole text after it
    std::uint32_t revision = kNoIndex;  // tracked change: index into Package::revisions
    // Comments.
    std::uint32_t comment = kNoIndex;  // index into Package::comments
    std::uint32_t segment = 0;         // which of its speakers' segments
    std::string noted_by;              // the comment's Word author (staff)
    std::string comment_id;            // its w:id
    std::string thread;                // the w:id of the comment it replies to, at the root
    std::string said;                  // the segment's words
    std::string session, topic;        // the meeting and topic lines above it
    std::string quoted;                // the anchored wording; a heading's wording for a section
    bool on_section = false;           // speaks of the section under a heading
    ByteRange anchor;                  // in `text`
    RequestKind request = RequestKind::position;  // what the segment asked
    std::string where;                            // a placed request: what it touches
    std::string unplaced;  // a request kept as a position: why it could not be placed
};

struct WordHistoryCounts {
    std::size_t tracked_changes = 0;
    std::size_t requests_placed = 0;    // segments that became text proposals
    std::size_t requests_unplaced = 0;  // asked for a change, kept as positions
    std::size_t positions = 0;          // segments kept as positions (unplaced included)
    std::size_t comments = 0;
    std::size_t replies = 0;  // comments kept in their thread
};

struct WordHistory {
    std::string base;
    std::vector<HistoryEvent> events;  // oldest first; document order within a minute
    std::string text;                  // after the last event
    WordImport plan;                   // the reading it is built on: summary, comments
    WordHistoryCounts counts;
};

WordHistory plan_word_history(const Package& package, const WordImportOptions& options = {});

}  // namespace accord::docx
