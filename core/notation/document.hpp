#pragma once
// The parsed form of a negotiated text: paragraphs, brackets, alternatives,
// strikes and status tags, each located in the source.
//
// Promises:
//  - Lossless: every node records byte ranges into `source`; print(document)
//    rebuilds the identical bytes from those ranges.
//  - Flat: no recursion anywhere, so a million nested brackets cost memory
//    proportional to their number and never the stack.
//  - Brackets may span paragraphs, so they are not children of paragraphs:
//    paragraphs are the block structure, brackets, strikes and separators the
//    inline structure, each pointing at the paragraphs it lies in.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/diagnostic.hpp"

namespace accord {

inline constexpr std::uint32_t kNone = UINT32_MAX;

struct ByteRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::size_t size() const { return end - begin; }
    bool empty() const { return begin == end; }
    friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

struct FrontMatterField {
    std::string key;
    std::string value;   // a scalar as written; other nodes in YAML flow style
    bool scalar = true;  // false when `value` is YAML flow text (a list or a map)
};

struct FrontMatter {
    bool present = false;
    ByteRange range;  // from the opening "---" through the closing line's newline
    ByteRange yaml;   // the YAML text between the fences
    std::vector<FrontMatterField> fields;  // in file order; unknown keys kept
    const FrontMatterField* find(std::string_view key) const;
};

struct Paragraph {
    ByteRange range;       // first byte of its first line to the end of its last line
    ByteRange label;       // "Alt1:", "**Option 1:**", ... ; empty when none
    ByteRange status_tag;  // "(agreed)", "**(agreed)**", ... ; empty when none
    std::string status;    // the tag's status in its vocabulary spelling ("agreed")
    bool heading = false;  // a Markdown ATX heading ("## Article 2")
    bool is_alternative() const { return !label.empty(); }
};

// A matched pair of square brackets: text not agreed.
struct Bracket {
    std::size_t open = 0;          // offset of '['
    std::size_t close = 0;         // offset of ']'
    std::uint32_t parent = kNone;  // enclosing bracket
    std::uint32_t depth = 0;       // 0 for a bracket not inside another
    std::uint32_t group = kNone;   // its alternatives group, when it is in one
    std::uint32_t separators = 0;  // option separators directly inside it
    std::uint32_t open_paragraph = 0;
    std::uint32_t close_paragraph = 0;
    bool spans_paragraphs() const { return open_paragraph != close_paragraph; }
    ByteRange inner() const { return {open + 1, close}; }
    ByteRange outer() const { return {open, close + 1}; }
};

// Brackets written side by side with nothing between them: "[a][b][c]".
struct AlternativesGroup {
    std::vector<std::uint32_t> brackets;  // in order
};

// A '/' that separates options inside a bracket ("[a / b]").
struct Separator {
    std::size_t at = 0;  // offset of the '/'
    std::uint32_t bracket = 0;
};

// "~~text~~": a proposed deletion. Strikes pair within one paragraph.
struct Strike {
    std::size_t open = 0;   // offset of the opening "~~"
    std::size_t close = 0;  // offset of the closing "~~"
    std::uint32_t paragraph = 0;
    ByteRange inner() const { return {open + 2, close}; }
};

struct Document {
    std::string source;
    // The normalised labels of its "[label]: url" definitions, sorted: they
    // decide what reads as a link rather than a bracket anywhere in it.
    std::vector<std::string> link_labels;
    FrontMatter front_matter;
    ByteRange body;                          // everything after the front matter
    std::vector<Paragraph> paragraphs;       // in order
    std::vector<Bracket> brackets;           // in order of their '['
    std::vector<AlternativesGroup> groups;   // in order
    std::vector<Separator> separators;       // in order
    std::vector<Strike> strikes;             // in order of their opening "~~"
    std::vector<Diagnostic> diagnostics;     // in order of offset
    std::size_t suppressed_diagnostics = 0;  // beyond the cap: counted, not kept
    // All diagnostics found, kept or not, by severity (indexed by Severity).
    std::size_t diagnostic_totals[3] = {0, 0, 0};

    std::string_view text(ByteRange range) const {
        return std::string_view(source).substr(range.begin, range.size());
    }
    // Options a bracket offers: its separators + 1 ("[a / b]" offers 2).
    static std::uint32_t options_in(const Bracket& bracket) { return bracket.separators + 1; }
};

}  // namespace accord
