#pragma once
// Printing a document from its parts, and the ordered list of markup those
// parts are made of (shared with the tokenizer).
#include <string>
#include <vector>

#include "core/notation/document.hpp"

namespace accord {

enum class MarkupKind : std::uint8_t {
    front_matter,
    label,
    status_tag,
    bracket_open,
    bracket_close,
    separator,
    strike_open,
    strike_close,
};

struct MarkupPiece {
    ByteRange range;
    MarkupKind kind;
};

// Every structural element of the document, ordered by position. Pieces never
// overlap; the bytes between them are literal text.
std::vector<MarkupPiece> markup_pieces(const Document& document);

// The document's bytes rebuilt from its parts: front matter, paragraphs and
// the gaps between them, and within paragraphs the markup pieces and the
// literal text between them. Equal to document.source for every input; a
// difference would mean the model lost or invented bytes (see the tests).
std::string print(const Document& document);

}  // namespace accord
