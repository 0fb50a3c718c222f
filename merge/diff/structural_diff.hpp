#pragma once
// The structural diff: the token edit script lifted into changes named in
// negotiation terms (the kinds README.md lists under `accord diff`). Lifting
// "[continuing]" to "[continuing][full]" is one option-added with text "full";
// lifting brackets is bracket-removed, not a deletion and an insertion.
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/document.hpp"

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
};

// The stable string other tools rely on ("bracket-added", ...).
std::string_view to_string(ChangeKind kind);

struct Change {
    ChangeKind kind;
    std::string text;     // the wording concerned (the new wording for a replacement)
    ByteRange old_range;  // in the old document; empty at the spot for an insertion
    ByteRange new_range;  // in the new document; empty at the spot for a removal
    std::string before;   // text-replaced: old wording; status/metadata: old value
    std::string after;    // status/metadata: new value
};

std::vector<Change> structural_diff(const Document& before, const Document& after);

}  // namespace accord
