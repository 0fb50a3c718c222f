#pragma once
// A text's body as Word's tracked changes show it: the body as it stood and
// as it stands, as unchanged, deleted and inserted segments.
//
// Paragraphs are paired first and words compared within each pairing, as
// `accord diff` compares them (merge/diff/paragraph_diff): no tracked change
// runs from one paragraph into another, and a paragraph that stands as it
// stood is never deleted and inserted again, whatever was deleted or added
// around it. A moved paragraph is deleted where it stood and inserted where
// it stands.
//
// The segments' texts, the deleted ones left out, are the new body byte for
// byte; the inserted ones left out, the old body. A token the paragraph diff
// keeps whose bytes differ (a paragraph break with a blank line more) is
// kept as far as both sides' bytes agree and changed beyond.
#include <functional>
#include <vector>

#include "core/notation/document.hpp"
#include "merge/compile/render_docx.hpp"
#include "merge/report/history.hpp"

namespace accord {

// Who a change is credited to, and dated by (nullptr: "accord", undated).
struct ChangeCredits {
    // The proposal that took out the old body's wording at a byte.
    std::function<const Proposal*(std::size_t old_byte)> deleted_by;
    // The proposal that brought in the new body's wording at a byte; nullptr
    // when the wording is older than the revision (moved, not new). White
    // space, and such wording, take the credit of the wording beside them
    // in the same insertion, else `otherwise`.
    std::function<const Proposal*(std::size_t new_byte)> inserted_by;
    const Proposal* otherwise = nullptr;
};

std::vector<DocxSegment> tracked_segments(const Document& old_body, const Document& new_body,
                                          const ChangeCredits& credits);

}  // namespace accord
