#pragma once
// Word styles as plain data, and what a paragraph or run inherits from them:
// numbering, outline level, bold, italic and strikethrough follow the chain
// of basedOn styles until one says.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/import/docx/numbering.hpp"

namespace accord::docx {

struct StyleDefinition {
    std::string name;       // "heading 1", "Reg_H_1_G"
    std::string based_on;   // a style id, or empty
    bool paragraph = true;  // false for character (run) styles
    std::optional<std::uint32_t> num_id;
    std::optional<std::uint32_t> level;    // ilvl
    std::optional<std::uint32_t> outline;  // outlineLvl, 0 = top
    std::optional<bool> bold, italic, strike;
};

struct Styles {
    std::unordered_map<std::string, StyleDefinition> by_id;
    std::string default_paragraph;  // the style of paragraphs that name none
};

// Formatting as written on a run or in a style: unset when it does not say.
struct FormatSettings {
    std::optional<bool> bold, italic, strike;
};

struct ResolvedFormat {
    bool bold = false, italic = false, strike = false;
};

// A run's formatting: its own, then its character style's chain, then its
// paragraph style's chain.
ResolvedFormat resolve_format(const Styles& styles, const std::string& paragraph_style,
                              const std::string& run_style, const FormatSettings& direct);

// A paragraph's numbering: its own numPr (either part may be missing), then
// its style chain's. numId 0 switches numbering off.
NumberingRef resolve_numbering(const Styles& styles, const std::string& paragraph_style,
                               std::optional<std::uint32_t> num_id,
                               std::optional<std::uint32_t> level);

// The Markdown heading level (1-6) a paragraph's style gives it, from an
// outline level (its own or its style chain's) or a "heading N" style name;
// 0 when the style does not make it a heading.
std::uint32_t heading_level_from_style(const Styles& styles, const std::string& paragraph_style,
                                       std::optional<std::uint32_t> outline);

}  // namespace accord::docx
