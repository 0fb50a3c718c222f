#pragma once
// The notation parser. Total: any byte string parses; what it cannot match
// becomes literal text with a diagnostic. Linear in the input, no recursion.
#include <string_view>
#include <unordered_set>

#include "core/notation/document.hpp"
#include "core/notation/notation.hpp"

namespace accord {

struct ParseOptions {
    NotationOptions notation;
    // Diagnostics kept per document; the rest are counted in
    // Document::suppressed_diagnostics, so hostile input cannot flood memory.
    std::size_t max_diagnostics = 1000;
    // false: the structure alone, for callers that only need where the marks
    // are; the encoding is not checked and no diagnostic is kept or counted.
    bool diagnostics = true;
    // false: Document::groups is left empty and every Bracket::group kNone,
    // for callers that read brackets alone (blame's versions before the one
    // it shows: a heavily bracketed text has a hundred groups, each a vector
    // to make and free, in every version).
    bool groups = true;
    // Link labels defined outside the bytes parsed, when they are a section
    // of a larger text ("[label]: url" decides what reads as a link in the
    // whole text); added to the labels the bytes define themselves.
    const std::unordered_set<std::string>* link_labels = nullptr;
};

Document parse(std::string_view bytes, const ParseOptions& options = {});

// What of `options` changes what parse() makes of a text (the notation), as
// bytes, after the version of the parser's reading: part of the key of
// anything remembered from parsed texts, so that a cache written by an older
// reading is not read back.
std::string reading_key(const ParseOptions& options);

// The same, reading the front matter through `memo`: for a caller parsing
// many versions of one text in order (blame), which mostly share it.
class FrontMatterMemo;
Document parse(std::string_view bytes, const ParseOptions& options, FrontMatterMemo& memo);
// The same, taking the bytes over instead of copying them.
Document parse(std::string&& bytes, const ParseOptions& options, FrontMatterMemo& memo);

}  // namespace accord
