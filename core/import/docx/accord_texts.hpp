#pragma once
// The texts of a compilation accord wrote as a Word document: each text's
// paragraphs lie between two bookmarks ("_accord_text_N"), its path is the
// custom property "accord-text-N", and each of its paragraphs is one line
// of its body. Word keeps bookmarks and custom properties through editing,
// so a compilation sent out and edited comes back with its texts found.
#include <cstdint>
#include <optional>
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
// Its front matter at the revision a compilation's tracked changes run from,
// where that differs from the front matter now ("" for none then).
std::string accord_text_front_before_property(std::size_t n);

struct AccordText {
    std::string path;
    // Of the body, inclusive: the bookmarked paragraphs, and the paragraphs a
    // tracked change added next to them (take_in_new_paragraphs).
    std::uint32_t first_paragraph = 0;
    std::uint32_t last_paragraph = 0;
    bool final_newline = true;
    std::string front_matter;  // bytes before the body, "---\n...\n---\n"; may be empty
    // The front matter with every tracked change rejected, where it differs.
    std::optional<std::string> front_matter_before;
    // The body as `converted` gives it (its lines, each ending in a newline
    // but the last when final_newline is false); empty when `converted` was
    // not given.
    std::string body;
};

// In bookmark order; bookmarks without their end, their property, or
// paragraphs are left out. Nothing when the document is not accord's.
//
// A paragraph a tracked change added next to a text is the text's, though
// Word leaves it outside the bookmark: one after the text's last paragraph
// (a delegation pressing Enter at the end of the text), up to the next text
// or heading accord wrote, and one between the text's heading and its first
// paragraph. Between two texts with no heading between them, such a
// paragraph is the earlier text's.
std::vector<AccordText> accord_texts(const Package& package, const Converted* converted = nullptr);

// Wholly made by tracked changes: every run of paragraph `p` inserted, and
// its break inserted, or the break before it (Word's, when a paragraph is
// added after another: the earlier paragraph's break is the new one).
// With every change rejected, it is not there.
bool new_paragraph(const Story& body, std::uint32_t p);

// What a compilation holds outside every text: the tracked changes and
// comments on the headings, title and separators accord wrote, which no text
// holds and no import records. Indices into Package::revisions and
// Package::comments, in document order, each once.
struct OutsideTexts {
    std::vector<std::uint32_t> revisions;
    std::vector<std::uint32_t> comments;
};
OutsideTexts outside_texts(const Package& package, const std::vector<AccordText>& texts);

// One line for each change and comment `outside` holds: who, what it says,
// and where, so that a message can name what is left out ("Jane Doe
// inserted “x” in the heading “b” above texts/b.md"). Names and wording are
// cut to a line.
std::vector<std::string> describe_outside_texts(const Package& package,
                                                const std::vector<AccordText>& texts,
                                                const OutsideTexts& outside);

}  // namespace accord::docx

namespace accord::docx {

// The package with only the body's paragraphs first..last (inclusive): the
// tracked changes and comments in them kept (renumbered), the others left
// out, notes and properties as they are. For importing one text of a
// compilation accord wrote. A break inserted just before `first` (Word's,
// for paragraphs added under a heading) goes with the new paragraphs that
// open the slice, each of which then has its break inserted: rejected, they
// leave no empty line.
Package slice_body(const Package& package, std::uint32_t first, std::uint32_t last);

}  // namespace accord::docx
