#pragma once
// The diff `accord diff` names and shows: paragraphs paired first
// (paragraph_pairing), then the words of each pairing compared on their
// own, so that no change runs from one pairing into another. Unchanged
// words at either end of a change are given back to the text around it.
//
// Unlike diff_interned (which merge and blame use, in the order of both
// texts), a moved paragraph is compared with where it was: its tokens map
// to tokens out of order.
#include <utility>
#include <vector>

#include "core/notation/document.hpp"
#include "core/notation/tokens.hpp"
#include "merge/diff/paragraph_pairing.hpp"
#include "merge/diff/sequence_diff.hpp"
#include "merge/diff/token_diff.hpp"

namespace accord {

// One pairing and its edits. The tokens before the first paragraph (front
// matter, leading blank lines) are a block of their own, kind kept or
// edited, with empty paragraph ranges.
struct DiffBlock {
    ParagraphPairing pairing;
    std::uint32_t old_begin = 0, old_end = 0;  // its tokens in each text
    std::uint32_t new_begin = 0, new_end = 0;
    std::uint32_t script_begin = 0, script_end = 0;  // its edits in ParagraphDiff::script
};

struct ParagraphDiff {
    std::vector<Token> old_tokens, new_tokens;
    std::vector<std::uint32_t> old_ids, new_ids;  // equal ids, equal tokens
    ParagraphTokens old_paragraphs, new_paragraphs;
    std::vector<DiffBlock> blocks;  // in reading order (pair_paragraphs)
    // Block after block; within a block in the order of both texts, each
    // run of changes removals first.
    std::vector<Edit> script;
    std::vector<std::uint32_t> old_to_new, new_to_old;  // kNone where removed, added
};

ParagraphDiff diff_paragraphs(const Document& before, const Document& after);

struct ParagraphDiffOptions {
    // A common run of at most this many words between two changes is
    // folded into one change, as a reader of a diff wants (see
    // fold_coincidences). Word's tracked changes, credited to proposers,
    // fold white space and punctuation alone: a word that stayed is no
    // one's insertion ("Stakeholders should" -> "All stakeholders should
    // fully" keeps "should").
    std::size_t most_folded_words = 3;
};
ParagraphDiff diff_paragraphs(const Document& before, const Document& after,
                              const ParagraphDiffOptions& options);
// The same, from the two texts' tokens interned already by one interner
// (the ids are renumbered, so the diff is the same whatever else that
// interner had seen): a caller diffing a file's versions one after another
// interns each version once (log).
ParagraphDiff diff_paragraphs(const Document& before, const Document& after,
                              InternedTokens before_tokens, InternedTokens after_tokens);

// The same for a stretch of two longer texts (merge/diff/diff_window.hpp),
// whose tokens' ids are numbered by first appearance already (see
// number_by_first_appearance): `around` tells how many paragraphs around
// the stretch both texts hold alike and which words they hold, so that the
// pairing of paragraphs weighs words as when the whole texts are compared.
ParagraphDiff diff_paragraphs(const Document& before, const Document& after,
                              InternedTokens before_tokens, InternedTokens after_tokens,
                              const SharedParagraphs& around);

// The two texts' tokens, interned as diff_paragraphs(before, after) interns
// them (one fresh interner, the newer text through the older).
std::pair<InternedTokens, InternedTokens> intern_for_diff(const Document& before,
                                                          const Document& after);

// Renumbers ids in order of first appearance, in the older text then the
// newer, from kFirstWordId on (the marks' ids, below, are kept), as the diff
// numbers them.
inline constexpr std::uint32_t kFirstWordId = 5;
void number_by_first_appearance(std::vector<std::uint32_t>& old_ids,
                                std::vector<std::uint32_t>& new_ids);

// The paragraph a token lies in (with the white space after it), or kNone
// for the tokens before the first paragraph.
std::uint32_t paragraph_of(const ParagraphTokens& paragraphs, std::uint32_t token);

}  // namespace accord
