#pragma once
// Paragraphs moved on one side and edited in place on the other. Compared
// where they stand, a move reads as the paragraph deleted in one place and
// added in another: the edit would stay at the old place, bracketed as an
// edit of deleted text, and the paragraph would stand twice. When one side
// moved a paragraph (the same words, found once in the base and once among
// that side's paragraphs, or a rewrite of it: most of its words) and the
// other side rewrote or deleted just that paragraph where it was, the base
// and the editing side are given the same move first, so that the edit or
// deletion lands where the paragraph went. A text one side only reordered
// (adding paragraphs perhaps, deleting none) is given that order first,
// the other side's changes going with the paragraphs they changed, and a
// paragraph both added at one place stands once. A paragraph both added at
// different places stands once too, at the first of them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord {

// A paragraph both sides moved, to different places (each out of the
// order the base and both sides share, among different paragraphs), or
// both added, word for word, at different places. The merge keeps it where
// it can (once, where one side put it, when a move can be followed; one
// both added at the first place); the places are a disagreement.
struct MovedApart {
    // The paragraph as each side has it (one may have edited it too): the
    // merged text holds one of the two.
    std::string as_ours, as_theirs;
    // The paragraph each side put it after, without its number (a side may
    // renumber); empty: first.
    std::string ours_after, theirs_after;
    // As the base had it (a side may have edited it); one both added: as
    // ours has it.
    std::string as_base;
    std::string shown;  // as_base without its number
};

struct MergeTexts {
    std::string base, ours, theirs;
    std::vector<MovedApart> moved_apart;
};

// The three texts with every such move made in the base and the editing
// side too, and the paragraphs both sides moved apart; nullopt when there
// is neither.
std::optional<MergeTexts> follow_moves(std::string_view base, std::string_view ours,
                                       std::string_view theirs);

// Lines of a merged text taken out: [first, first + count), 1-based.
struct LinesTakenOut {
    std::size_t first = 0, count = 0;
};

// A merged text with no paragraph standing more times than the sides have
// it, as `stand_once` makes it.
struct StandingOnce {
    std::string text;
    std::vector<LinesTakenOut> taken_out;  // in order, as lines of the text given
    std::vector<MovedApart> moved_apart;   // copies the two sides put at different places
};

// A paragraph each side has at most once (its wording without its number)
// that stands two or more times in `merged` is a copy neither side wrote:
// the diffs read each side's copy as an addition of its own where the
// sides also moved or changed the paragraphs around it. Of the copies that
// stand alone (whole paragraphs with no bracket or strike open across
// them; a sentence rather than a heading or a label, unless the base and
// both sides have it once) the first stays and the others are taken out,
// their words standing in it. A copy inside a bracket is part of what one
// side wrote there, an alternative, and stays. Where both sides have it at
// different places (before and after other paragraphs), the places are a
// disagreement, as for a paragraph both added apart. nullopt when no copy is taken out.
std::optional<StandingOnce> stand_once(std::string_view merged, std::string_view base,
                                       std::string_view ours, std::string_view theirs);

// The line of `merged` where the paragraph `moved` is: the paragraph of the
// same wording (as theirs, ours or the base has it, without numbers), else
// the one most alike (both sides' edits may meet in it as alternatives).
std::size_t line_of_moved(std::string_view merged, const MovedApart& moved);

}  // namespace accord
