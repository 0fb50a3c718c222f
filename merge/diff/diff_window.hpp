#pragma once
// Where two versions of a text differ, as a stretch of whole paragraphs
// that the structural diff can compare on their own: most proposals change
// a few words of a long text, and the paragraphs before and after the
// change are the same bytes in both versions. Comparing only the stretch
// makes describing a change cost what the change is, not what the text is
// (a log of 2,000 one-word proposals to a 100 KB agreement compared the
// whole agreement 2,000 times).
//
// The stretch is cut where both parsed versions agree that nothing runs
// across the cut, and with a paragraph of context on each side:
//  - the front matter and the paragraphs before the stretch are the same
//    bytes in both, as are the paragraphs after it (and where they start,
//    counted from the end);
//  - no bracket, alternatives group or strike crosses a cut, in either text;
//  - a cut does not fall next to an alternative paragraph ("Option 2:"),
//    whose group is read as a whole;
//  - both texts define the same link labels.
// A cut falls where the text of a paragraph ends (the blank lines after it
// belong to the stretch after the cut), or at either end of the text.
// The words of the paragraphs around count in the pairing of paragraphs
// as in the whole comparison (the same weights, summed in another order,
// which could move a last bit in an exact tie; no test has met one).
// Each version's stretch is a Document of its own: the full parse's
// paragraphs, brackets, groups, separators and strikes that lie in it, at
// offsets within it (sliced, not parsed again, so it reads exactly as in
// the whole text).
#include <cstddef>
#include <optional>

#include "core/notation/document.hpp"

namespace accord {

struct DiffWindow {
    std::size_t begin = 0;              // the same offset in both texts
    std::size_t old_end = 0;            // the stretch of the older text: [begin, old_end)
    std::size_t new_end = 0;            // of the newer: [begin, new_end)
    std::uint32_t first_paragraph = 0;  // in both texts
    std::uint32_t old_paragraphs = 0, new_paragraphs = 0;  // in the stretch
};

// The stretch, or nullopt when the texts must be compared whole (the cut
// would save little, or nothing can be cut safely).
std::optional<DiffWindow> find_diff_window(const Document& before, const Document& after);

// The stretch [begin, end) of `document`, paragraphs [first, first + count),
// as a Document of its own (offsets from `begin`; the front matter only
// when `begin` is 0).
Document slice_document(const Document& document, std::size_t begin, std::size_t end,
                        std::uint32_t first, std::uint32_t count);

}  // namespace accord
