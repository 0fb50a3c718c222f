#pragma once
// Paragraph numbers kept by position. A group that inserts, deletes or
// moves an operative paragraph renumbers the ones after it, so that its
// numbers say where each paragraph stands. Two groups doing so in parallel
// change the same numbers differently: merged number by number, that is a
// disagreement over "3." against "4." on every paragraph both renumbered
// (or `[1][3].`), and a paragraph the number tokens tie to the wrong place.
//
// When a side renumbered at least one paragraph (or both added one under
// different numbers), the numbers are set aside (each written as one
// placeholder) and the texts merged. Where both sides number their
// paragraphs by position (1, 2, 3... through the text, or afresh under
// each heading; a gap in the base both closed), the numbers
// say nothing either side chose, and the merged paragraphs are numbered
// again by position, as both sides number theirs. Otherwise (a side keeps
// a deleted paragraph's number, leaving a gap) each number is merged as a
// label of its own paragraph (number_as_labels), or, where that says
// nothing, the texts are merged with their numbers as written, as they are
// too where that merge has fewer conflict markers or notation errors.
// Texts numbered "2bis.", "2.1.", with a number in each alternative of a
// paragraph, or with paragraphs written alike are merged as they are, and
// so is a merge that sets numbered paragraphs side by side as alternatives
// (numbered_inside_a_bracket).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "merge/merge3/merge3_moves.hpp"

namespace accord {

// How the texts number their paragraphs: by position (through the text,
// or afresh under each heading), or each number a label of its paragraph.
enum class Numbering { through, by_heading, labels };

struct NumbersSetAside {
    MergeTexts texts;  // each numbered paragraph's number written as "1."
    Numbering numbering = Numbering::through;
    std::uint32_t first = 1;  // through: the first paragraph's number (an excerpt may start at 5)
};

// The three texts with their numbers set aside, or nullopt when they are
// not all numbered by position one way or no side renumbered a paragraph.
std::optional<NumbersSetAside> set_numbers_aside(std::string_view base, std::string_view ours,
                                                 std::string_view theirs);

// Whether a numbered paragraph of `merged` stands inside a bracket opened
// in a paragraph before it (whole paragraphs set side by side as
// alternatives): numbered by position, each alternative would take the
// numbers of the other's paragraphs.
bool numbered_inside_a_bracket(std::string_view merged);

// `merged` (made from set_numbers_aside's texts) with each numbered
// paragraph's number merged as a label of its own: the number of the side
// that changed it (a side's renumbering, the other's numbers kept), or of
// the side that added the paragraph; nullopt where a paragraph's wording
// stands in neither side as merged, or both sides changed its number
// differently.
std::optional<std::string> number_as_labels(std::string_view merged, std::string_view base,
                                            std::string_view ours, std::string_view theirs);

// `merged` (made from set_numbers_aside's texts) with its numbered
// paragraphs numbered by position, as `numbering` says, from `first`.
std::string number_by_position(std::string_view merged, Numbering numbering, std::uint32_t first);

// A disagreement's wording from one side, taken from set_numbers_aside's
// text of that side: each paragraph opening with the placeholder given the
// number it has in `side` (what the side wrote), where one paragraph of
// `side` reads so.
std::string with_side_numbers(std::string_view wording, std::string_view side);

}  // namespace accord
