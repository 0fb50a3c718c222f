#pragma once
// Where a comment's request for a text change lands, written as a
// secretariat marks a pending proposal. Every placement only adds marks and
// wording; it never removes a byte of the text, so that requests made one
// after another nest, and the wording each speaker saw stays readable:
//
//   delete “X”                 ~~X~~ (parts already struck stay as they are)
//   delete the paragraph(s)    each paragraph's wording struck, its label kept
//   delete the section         the heading's and each paragraph's wording struck
//   replace “X” with “Y”       [X][Y]
//   add “Y”                    [Y] after the anchored wording
//   proposed language: Y       [X][Y] on wording; on a whole paragraph (or
//                              offered as a new one, "50 bis ...") a new
//                              paragraph [Y] after it
//
// Wording a request names ("delete “authorized”") is looked for in the
// anchored range, then in its paragraph, then in the section under it, as a
// whole word ("throughout the text": in every paragraph). A strike takes
// exactly the words named, case aside: "recall" strikes no "Recalls", and a
// request whose words are not found is refused, so that it stays a
// position. Only a replacement finds them inflected ("check" in "checks"),
// as its alternatives keep the wording found beside the Party's. A placement that would break the
// notation (a strike or bracket crossing a bracket's edge) is refused rather than written.
#include <cstdint>
#include <string>
#include <vector>

#include "core/import/docx/comment_requests.hpp"
#include "core/notation/document.hpp"

namespace accord::docx {

// Which way an insertion faces, so that marks at one offset nest: marks that
// close come first, then insertions at a point, then marks that open.
enum class MarkSide : std::uint8_t { close, point, open };

struct Insertion {
    std::size_t at = 0;  // offset in the text the placement was given
    std::string text;
    MarkSide side = MarkSide::point;
};

// A paragraph of the text, in the text's offsets.
struct ParagraphSpan {
    ByteRange range;    // heading marks and label included
    ByteRange content;  // its wording
    bool heading = false;
    bool in_table = false;
};

// Where the comment points, in the offsets of `text`.
struct PlacementContext {
    const std::string* text = nullptr;
    ByteRange range;              // the anchored bytes; empty for a point
    std::uint32_t paragraph = 0;  // index into `paragraphs` of the anchored one
    bool on_heading = false;
    std::uint32_t section_end = 0;  // one past the last paragraph of the section (on a heading)
    bool inside_word = false;
    // Anchored on the paragraph's first words: staff mark "Decides" to mean
    // the whole paragraph.
    bool at_paragraph_start = false;
    std::vector<ParagraphSpan> paragraphs;  // the story's paragraphs, in order
};

struct Placement {
    std::vector<Insertion> insertions;  // sorted by offset; empty when refused
    std::string where;    // what it touches, for a message: "“authorized”", "paragraph 44."
    std::string refusal;  // why it could not be placed; empty when placed
    bool placed() const { return refusal.empty(); }
};

Placement place_request(const Request& request, const PlacementContext& context);

// `text` with `insertions` (sorted by offset, stable) applied.
std::string apply_insertions(const std::string& text, const std::vector<Insertion>& insertions);

}  // namespace accord::docx
