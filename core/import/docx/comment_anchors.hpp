#pragma once
// Where each Word comment points in the converted text: the wording it is
// anchored on, and when that wording is part of a heading, the section under
// the heading, which is what a comment there speaks about ("Delete whole
// section", "Whole section lacks clarity").
#include <string>
#include <vector>

#include "core/import/docx/docx_model.hpp"
#include "core/import/docx/to_notation.hpp"
#include "core/notation/document.hpp"

namespace accord::docx {

struct CommentAnchor {
    std::uint32_t story = 0;      // 0 the body, n the note notes[n - 1]
    std::uint32_t paragraph = 0;  // the paragraph its range starts in
    // The anchored bytes of the text, markup inside included; empty when
    // the comment marks a point, or its wording is not in this text.
    ByteRange range;
    // The anchored wording as it reads, without markup (white space at its
    // ends trimmed): what a reader sees highlighted in Word.
    std::string quoted;
    // The paragraph the range starts in, heading marks and label included,
    // and its wording alone.
    ByteRange paragraph_range;
    ByteRange paragraph_content;
    // The range starts at the first word of its paragraph's wording: staff
    // anchor on "Decides" to mean the whole paragraph.
    bool at_paragraph_start = false;
    // The range starts or ends inside a word (the "r" of "reports"): it
    // marks a place, not wording.
    bool inside_word = false;
    // Anchored in a heading: `section` runs from the heading to the next
    // heading of the same or a higher level (or the end of the body).
    bool on_heading = false;
    std::uint32_t heading_level = 0;
    ByteRange section;
};

// One anchor per comment, in Package::comments order.
std::vector<CommentAnchor> anchor_comments(const Package& package, const Converted& converted,
                                           const ConvertOptions& options);

}  // namespace accord::docx
