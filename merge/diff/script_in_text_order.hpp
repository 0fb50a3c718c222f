#pragma once
// The paragraph diff as one pass through both texts, for a reader who sees
// a single text with its changes marked (Word's tracked changes): every
// token of the old text in its order, kept or removed, and every token of
// the new text in its order, kept or added, so that the changes rejected
// give the old text and accepted the new.
//
// Each pairing's edits are those of paragraph_diff (paragraphs paired
// first, words compared within each pairing): no change runs from one
// paragraph into another, and a paragraph that stands as it stood is kept.
// A moved paragraph, which the paragraph diff compares with where it was
// (out of order), is removed where it stood and added where it stands.
#include <vector>

#include "merge/diff/paragraph_diff.hpp"
#include "merge/diff/sequence_diff.hpp"

namespace accord {

// Over diff.old_tokens and diff.new_tokens; in each run of changes,
// removals before additions.
std::vector<Edit> script_in_text_order(const ParagraphDiff& diff);

}  // namespace accord
