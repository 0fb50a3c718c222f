#pragma once
// Word's automatic numbering: the definitions of numbering.xml as plain data,
// and the counter that turns a run of numbered paragraphs into the labels
// Word shows ("I.", "1.", "(a)", "1.2", "9 bis").
//
// How Word counts, and so how this does (checked against Word's own text of
// real documents):
//  - Counters belong to the abstract definition: two numbering instances
//    (w:num) of one definition continue each other's counts.
//  - An instance with a start override restarts an overridden level the
//    first time a paragraph of that instance uses that level.
//  - Using a level restarts the deeper levels, unless a deeper level's
//    lvlRestart says otherwise (0: never; n: only after levels above n),
//    and counts the levels above it as begun when they were not: after (i),
//    (ii) with no (a) before them, the next item of the level above is (b).
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace accord::docx {

enum class NumberFormat : std::uint8_t {
    decimal,
    decimal_zero,  // 01, 02, ...
    lower_letter,  // a ... z, aa, bb, ...
    upper_letter,
    lower_roman,
    upper_roman,
    ordinal,        // 1st, 2nd
    cardinal_text,  // one, two
    ordinal_text,   // first, second
    bullet,         // written as "-"
    none,
};

inline constexpr std::size_t kLevels = 9;

// Word's labels are a few characters ("%1.", "(%2)", "Article %1", "%1.%2.%3")
// and its lists start at small numbers. The label is written before every
// paragraph of the list, so a numbering.xml of a few kilobytes holding a
// lvlText of thousands of characters made a 13 KB document a 132 MB text:
// the reader refuses a level whose lvlText is longer than kMaxLevelTextChars
// characters, or that starts past kMaxNumberingStart, naming the document.
inline constexpr std::size_t kMaxLevelTextChars = 64;
inline constexpr std::uint32_t kMaxNumberingStart = 1'000'000;

struct NumberingLevel {
    std::uint32_t start = 1;
    NumberFormat format = NumberFormat::decimal;
    std::string text;           // lvlText: "%1.", "(%2)", "%1.%2", "Article %1"
    std::int32_t restart = -1;  // lvlRestart: -1 absent, 0 never, n after levels 1..n
    bool legal = false;         // isLgl: every level written as a decimal number
};

struct AbstractNumbering {
    std::array<NumberingLevel, kLevels> levels;
    std::string num_style_link;  // numStyleLink: the definition is the one of this style's list
};

struct NumberingInstance {
    std::uint32_t abstract = 0;
    std::array<std::optional<std::uint32_t>, kLevels> start_override;
    std::array<std::optional<NumberingLevel>, kLevels> level_override;
};

struct Numbering {
    std::map<std::uint32_t, AbstractNumbering> abstracts;  // by abstractNumId
    std::map<std::uint32_t, NumberingInstance> instances;  // by numId
    // numStyleLink: a numbering style's id -> the numId its definition names.
    std::map<std::string, std::uint32_t> style_instances;
};

// Which list and level a paragraph is numbered with; num_id 0 is none.
struct NumberingRef {
    std::uint32_t num_id = 0;
    std::uint32_t level = 0;
    bool numbered() const { return num_id != 0; }
};

// One counter per document story, fed the numbered paragraphs in order.
class NumberingCounter {
  public:
    explicit NumberingCounter(const Numbering& numbering) : numbering_(numbering) {}
    // The label of the next paragraph numbered `ref`, advancing the counts:
    // "" for an unknown list or a level whose format writes nothing.
    std::string next(NumberingRef ref);
    // The level's format, so callers can tell chapter-like numbering (I., A.).
    std::optional<NumberFormat> format(NumberingRef ref) const;

  private:
    struct Counts {
        std::array<std::int64_t, kLevels> value{};
        std::array<bool, kLevels> used{};
    };
    const AbstractNumbering* abstract_for(const NumberingInstance& instance) const;
    const NumberingLevel* level(NumberingRef ref) const;

    const Numbering& numbering_;
    std::map<const AbstractNumbering*, Counts> counts_;
    std::map<std::uint64_t, bool> instance_started_;  // by numId * kLevels + level
};

// A number written in a format: (3, lower_roman) -> "iii".
std::string format_number(std::int64_t value, NumberFormat format);

}  // namespace accord::docx
