#pragma once
// Which paragraphs of the old text became which of the new, decided before
// any word is compared, so that the word diff never pairs the end of one
// paragraph with the start of an unrelated one.
//
// Paragraphs kept byte for byte are matched first, in order. Between two
// such anchors, paragraphs are paired by the words they share, rare words
// weighing more than common ones: one to one when a paragraph was edited,
// one to several when it was split, several to one when paragraphs were
// merged. A paragraph left unpaired in one place that stands, nearly the
// same, in another place is moved. What is left was added or deleted.
//
// An alternative paragraph ("**Option 2:** ...") that appears inside a
// paragraph being split is a new alternative, never a part of the old
// paragraph: its words are not matched against the old ones, however many
// it shares with them (and likewise for one that disappears in a merge).
#include <cstdint>
#include <vector>

#include "core/notation/document.hpp"
#include "core/notation/tokens.hpp"

namespace accord {

enum class PairingKind : std::uint8_t {
    kept,     // the same paragraph, byte for byte, in the same order
    edited,   // one old paragraph, one new, words changed
    split,    // one old paragraph, several new
    merged,   // several old paragraphs, one new
    moved,    // one old paragraph, one new, standing elsewhere
    added,    // new paragraphs only
    deleted,  // old paragraphs only
};

struct ParagraphPairing {
    PairingKind kind;
    // Paragraphs [first, last) of each text; an empty range on the side a
    // paragraph was added to or deleted from.
    std::uint32_t old_first = 0, old_last = 0;
    std::uint32_t new_first = 0, new_last = 0;
    // Paragraphs inside the ranges that take no part in the pairing: new
    // alternatives among the parts of a split, or alternatives that
    // disappeared among the parts of a merge. In order, each in its range.
    std::vector<std::uint32_t> old_apart, new_apart;
};

// One text's paragraphs as token ranges: paragraph p is tokens
// [first[p], first[p + 1]), its own tokens and the white space after it;
// tokens before first[0] (front matter, leading blank lines) belong to no
// paragraph. first has one entry more than the document has paragraphs.
struct ParagraphTokens {
    std::vector<std::uint32_t> first;
};
ParagraphTokens paragraph_tokens(const Document& document, const std::vector<Token>& tokens);

struct PairingInput {
    const Document& document;
    const std::vector<Token>& tokens;
    const std::vector<std::uint32_t>& ids;  // per token, interned with the other side's
    const ParagraphTokens& paragraphs;
};

// Paragraphs around those compared that both texts hold alike, when the
// texts compared are a stretch of two longer ones (merge/diff/diff_window):
// they count in how rare a word is, as when the whole texts are compared.
struct SharedParagraphs {
    std::uint32_t count = 0;             // in each text
    std::vector<std::uint32_t> holders;  // per word id: how many of them hold the word
};

// The pairings in reading order: ordered by both texts, except that a moved
// paragraph stands where it is in the new text (and no longer where it was).
// Every paragraph of each text is in exactly one pairing.
std::vector<ParagraphPairing> pair_paragraphs(const PairingInput& before, const PairingInput& after,
                                              const SharedParagraphs* around = nullptr);

}  // namespace accord
