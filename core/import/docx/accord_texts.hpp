#pragma once
// The texts of a compilation accord wrote as a Word document: each text's
// paragraphs lie between two bookmarks ("_accord_text_N"), its path is the
// custom property "accord-text-N", and each of its paragraphs is one line
// of its body. Word keeps bookmarks and custom properties through editing,
// so a compilation sent out and edited comes back with its texts found.
#include <cstdint>
#include <string>
#include <vector>

#include "core/import/docx/docx_model.hpp"
#include "core/import/docx/to_notation.hpp"

namespace accord::docx {

// The names accord gives text N's bookmark and properties.
std::string accord_text_bookmark(std::size_t n);
std::string accord_text_property(std::size_t n);
// Set to "no" when the text's last line has no newline.
std::string accord_text_newline_property(std::size_t n);
// The text's front matter, as its bytes: it is not in the document's body.
std::string accord_text_front_property(std::size_t n);

struct AccordText {
    std::string path;
    std::uint32_t first_paragraph = 0;  // of the body, inclusive
    std::uint32_t last_paragraph = 0;   // inclusive
    bool final_newline = true;
    std::string front_matter;  // bytes before the body, "---\n...\n---\n"; may be empty
    // The body as `converted` gives it (its lines, each ending in a newline
    // but the last when final_newline is false); empty when `converted` was
    // not given.
    std::string body;
};

// In bookmark order; bookmarks without their end, their property, or
// paragraphs are left out. Nothing when the document is not accord's.
std::vector<AccordText> accord_texts(const Package& package, const Converted* converted = nullptr);

}  // namespace accord::docx

namespace accord::docx {

// The package with only the body's paragraphs first..last (inclusive): the
// tracked changes and comments in them kept (renumbered), the others left
// out, notes and properties as they are. For importing one text of a
// compilation accord wrote.
Package slice_body(const Package& package, std::uint32_t first, std::uint32_t last);

}  // namespace accord::docx
