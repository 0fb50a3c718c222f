#pragma once
// The structural diff: the paragraph-paired token diff (paragraph_diff)
// lifted into changes named in negotiation terms (the kinds README.md lists
// under `accord diff`). Lifting "[continuing]" to "[continuing][full]" is one
// option-added with text "full"; lifting brackets is bracket-removed, not a
// deletion and an insertion. Each change is reported once: the words of an
// added paragraph are not also an insertion, a text change stays inside one
// paragraph of each text, and no replacement starts or ends with words that
// did not change.
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/document.hpp"
#include "merge/diff/token_diff.hpp"

namespace accord {

enum class ChangeKind : std::uint8_t {
    text_inserted,
    text_deleted,
    text_replaced,
    bracket_added,            // existing text put in brackets
    bracket_removed,          // brackets lifted: agreed
    bracketed_text_inserted,  // new text, in brackets
    bracket_deleted,          // a bracket and its text removed
    option_added,
    option_removed,
    option_chosen,        // an alternatives group resolved to one of its options
    strike_added,         // deletion proposed
    strike_removed,       // deletion withdrawn
    struck_text_deleted,  // deletion accepted
    paragraph_added,
    paragraph_deleted,
    alternative_paragraph_added,
    alternative_paragraph_removed,
    status_changed,
    metadata_changed,
    paragraph_moved,   // a paragraph standing elsewhere, perhaps edited
    paragraph_split,   // part of a paragraph now a paragraph of its own
    paragraph_merged,  // a paragraph joined to the one before it
};

// The stable string other tools rely on ("bracket-added", ...).
std::string_view to_string(ChangeKind kind);

struct Change {
    ChangeKind kind;
    std::string text;     // the wording concerned (the new wording for a replacement)
    ByteRange old_range;  // in the old document; empty at the spot for an insertion
    ByteRange new_range;  // in the new document; empty at the spot for a removal
    // A moved paragraph: old_range where it was, new_range where it is. A
    // split: new_range the new paragraph, old_range the old words it took.
    // A merge: old_range the old paragraph, new_range where its words are.
    std::string before;  // text-replaced: old wording; status/metadata: old value
    std::string after;   // status/metadata: new value
};

// Where the texts share paragraphs before and after the change, only the
// stretch between is compared (merge/diff/diff_window.hpp): the changes are
// those of the whole comparison, found in the time the change takes.
std::vector<Change> structural_diff(const Document& before, const Document& after);
// The same, the whole texts always compared: what the stretch must agree
// with (tests, benchmarks).
std::vector<Change> structural_diff_whole(const Document& before, const Document& after);
// The same, from both texts' tokens interned already by one interner, which
// may have interned anything else (diff_paragraphs).
std::vector<Change> structural_diff(const Document& before, const Document& after,
                                    const InternedTokens& before_tokens,
                                    const InternedTokens& after_tokens);

}  // namespace accord
