#pragma once
// How a position is written in git. A position is what a delegation said
// about the text without asking to change it ("A unilateral approach is not
// supported"): it belongs in the negotiation's history beside the proposals,
// with its speaker, its date and the wording it speaks of, but it changes no
// text. So it is a commit that changes no file:
//
//  - author: the first speaker by canonical name (delegation_email), at the
//    date it was said; committer: whoever recorded it;
//  - message: "Position of X on PATH: what they said" (shortened), a blank
//    line, what they said in full, a blank line, then trailers:
//    `Position-of: NAME` per speaker (none when the note names no one),
//    `Position-on: PATH`, `Wording: the anchored wording` on one line,
//    `Section: yes` when it speaks of the section under a heading,
//    `Anchor: BEGIN-END` (its bytes in PATH at that commit), `Noted-by:`
//    (who wrote it down), `Comment:` and `Thread:` (the Word comment and the
//    comment its thread starts with), `Session:`, `Topic:`, `Source:`.
//
// Why commits and not a file under .accord/: a position is an event of the
// negotiation, dated and attributed like a proposal; as a commit it is
// ordered with the proposals, shown by `accord log`, carried by every clone,
// signed when commits are signed, and two redraft branches that each record
// positions merge without a conflict, which one shared file would not.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/document.hpp"

namespace accord {

inline constexpr std::string_view kPositionOfTrailer = "Position-of";
inline constexpr std::string_view kPositionOnTrailer = "Position-on";
inline constexpr std::string_view kWordingTrailer = "Wording";
inline constexpr std::string_view kSectionTrailer = "Section";
inline constexpr std::string_view kAnchorTrailer = "Anchor";
inline constexpr std::string_view kNotedByTrailer = "Noted-by";
inline constexpr std::string_view kCommentTrailer = "Comment";
inline constexpr std::string_view kThreadTrailer = "Thread";
inline constexpr std::string_view kSessionTrailer = "Session";
inline constexpr std::string_view kTopicTrailer = "Topic";

struct PositionRecord {
    std::vector<std::string> speakers;  // canonical names; empty: a note of `noted_by`
    std::string path;                   // the text it speaks of
    std::string said;                   // what they said, as written
    std::string wording;                // the anchored wording, on one line
    bool section = false;               // about the section under the heading `wording`
    std::optional<ByteRange> anchor;    // in `path` at the commit that records it
    std::string noted_by;
    std::string comment;  // the Word comment's id
    std::string thread;   // the id of the comment the thread starts with; empty at its root
    std::string session;
    std::string topic;
    std::string source;         // the document it came from
    std::string source_digest;  // its git blob id (kSourceDigestTrailer)
};

// The commit message, subject first.
std::string format_position_message(const PositionRecord& position);

// The position a commit message records; nullopt when it records none (no
// Position-on trailer). Trailers are read from the message's last paragraph.
std::optional<PositionRecord> read_position_message(const std::string& message);

}  // namespace accord
