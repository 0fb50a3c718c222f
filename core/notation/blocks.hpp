#pragma once
// Block structure: paragraphs, their alternative labels and status tags, and
// Markdown link reference definitions. Pure functions over the source bytes.
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/notation/document.hpp"

namespace accord {

struct BlockScan {
    std::vector<Paragraph> paragraphs;  // ranges and heading flags only
    // Normalised labels of "[label]: url" definitions, so that "[text][label]"
    // and "[label]" read as links, not brackets.
    std::unordered_set<std::string> link_labels;
    // Offsets of the lines that are such definitions (their '[' is not a bracket).
    std::unordered_set<std::size_t> link_definition_lines;
};

// Splits `body` into paragraphs: runs of non-blank lines; an ATX heading line
// ("## Article 2") is always a paragraph of its own.
BlockScan scan_blocks(std::string_view source, ByteRange body);

// The alternative label at the start of a paragraph ("Alt1:", "ALT E.1:",
// "Alternative 1 to last sentence:", "**Option 1:**", "Alt 3"), or an empty
// range. "Alternatively," and "Alternative approaches" are not labels.
ByteRange find_alternative_label(std::string_view source, ByteRange paragraph);

struct StatusTag {
    ByteRange range;     // empty when there is none
    std::string status;  // as spelled in the vocabulary
};

// A status tag closing the paragraph: "(agreed)", "**(agreed)**",
// "(**agreed**)", optionally followed by a full stop. Matched without regard
// to case against `vocabulary`. A remark after a comma or semicolon is part
// of the tag: "(no consensus, issue contained in TA)" is "no consensus".
StatusTag find_status_tag(std::string_view source, ByteRange paragraph,
                          const std::vector<std::string>& vocabulary);

// Lower-cased, white space collapsed: how Markdown compares link labels.
std::string normalize_link_label(std::string_view label);

}  // namespace accord
