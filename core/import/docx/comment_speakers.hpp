#pragma once
// Who speaks in a comment: staff note Parties' interventions in Word
// comments as they listen, in many shapes —
//   "US: Delete “authorized”"
//   "LMDC, Pakistan,  against, Russia not in the mandate; Arab Group against"
//   "Grupo Sur\nconcerned on the scope ..." (the speaker on a line of its own)
//   "16 November – IC\nEU: ..." (a meeting line heading what follows)
//   "Japan, Canada, U.S, NZ, (Norway): restrictive measure"
// — and this splits a comment into segments, each with its speakers and what
// they said. Pure string functions; the names come from the caller (a
// negotiation's registry of delegations) with a built-in table of the usual
// UN names and abbreviations as a fallback.
//
// Matching promises: case and accents do not matter ("CFRN" = "CfRN",
// "Turkiye" = "Türkiye"), nor do full stops ("U.S" = "US" = "U.S."); a
// name of three letters or fewer must be written in capitals, so that "us"
// and "can" stay words; a long name misspelt by one letter still matches
// ("Gurpo Sur"), and says so.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace accord::docx {

struct SpeakerNames {
    std::string name;  // as the registry names the delegation
    std::vector<std::string> aliases;
};

enum class SpeakerSource : std::uint8_t {
    registry,  // a name or alias the caller gave
    builtin,   // the built-in table of UN names, no registry entry
    unknown,   // written like a speaker ("Xyz: ...") but matching nothing
};

struct Speaker {
    std::string written;  // as the comment writes it: "U.S", "Groupo Sur"
    std::string name;     // the registry's name, or the built-in one; "" when unknown
    SpeakerSource source = SpeakerSource::unknown;
    bool approximate = false;  // matched despite a one-letter misspelling
    bool tentative = false;    // written in parentheses: "(Norway)"
};

class SpeakerMatcher {
  public:
    explicit SpeakerMatcher(const std::vector<SpeakerNames>& registry = {});

    // The longest name written at `at` (up to six words, ending at a word's
    // end), or nothing; `length` is set to the bytes it takes.
    std::optional<Speaker> match_at(std::string_view text, std::size_t at,
                                    std::size_t& length) const;

  private:
    struct Entry {
        std::string name;
        SpeakerSource source;
    };
    const Entry* find(const std::string& key, bool& approximate) const;

    std::unordered_map<std::string, Entry> by_key_;  // normalized spelling -> name
    // Keys long enough for approximate matching, by their length.
    std::unordered_map<std::size_t, std::vector<std::string>> long_keys_;
    // Short names as the registry or the table spell them ("FoC"): matched
    // as written even when not in capitals.
    std::unordered_map<std::string, bool> short_spellings_;
};

struct Segment {
    std::vector<Speaker> speakers;  // empty: a note of the comment's author
    std::string text;               // what they said, after the names and any ':' or '–'
    std::string session;            // the meeting line above it: "16 November – IC"
    std::string topic;              // a bracketed line above it: "[EI perspectives]"
};

// A comment is read up to kMaxAnalysed bytes; what follows is kept, unread,
// in the last segment's text (real comments are a few hundred bytes).
inline constexpr std::size_t kMaxAnalysed = 100'000;

std::vector<Segment> split_speakers(std::string_view comment, const SpeakerMatcher& matcher);

// The day a meeting line names ("18 November – IC": month 11, day 18), or
// nothing when the line is no meeting line. The day is as written (1 to 99):
// whether it is a day of the calendar is the caller's to check.
struct SessionDay {
    int month = 0;  // 1 to 12
    int day = 0;
};
std::optional<SessionDay> session_day(std::string_view line);

// Case, accents, full stops, apostrophes, hyphens and spaces removed:
// "U.S." -> "us", "Côte d’Ivoire" -> "cotedivoire".
std::string normalize_name(std::string_view name);

}  // namespace accord::docx
