#pragma once
// Where a wording stands in one version of a text (what `accord who` follows
// from proposal to proposal), and a test on a version's raw bytes that tells,
// without parsing it, that the wording cannot stand there at all.
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/document.hpp"
#include "core/util/text.hpp"

namespace accord {

// Where a phrase stands in a text, from worst to best: absent, struck, in
// (or partly in) a bracket, in one of several Option or Alt paragraphs,
// unbracketed in a paragraph whose status (its tag, else the text's front
// matter) is not agreement ("(no consensus)", "status: revisit"), or free.
enum class Standing { absent, struck, bracketed, option, unbracketed, free };

// The best standing of any occurrence of `phrase` (white space collapsed) in
// the document, or (bracketed) in a reading of it with one option of a group
// or slash bracket in place of the others ("provide [new][adequate]
// finance" holds "provide adequate finance"), where the group stands as
// whole words. The phrase is looked for in the words alone: the front
// matter, brackets and strike marks are left out and white space (line
// breaks and no-break spaces too) is collapsed, so "the approach" is found in
// "[the] approach", in "the ~~approach~~" and across a line ending.
Standing standing_of(const Document& doc, std::string_view phrase);

// "absent", "struck", "bracketed", "option", "unbracketed" or "agreed".
std::string_view state_name(Standing standing);

// A necessary condition for standing_of(parse(text), phrase) != absent that
// reads the raw bytes only, as `git log -S` reads them: most versions of most
// texts never held the phrase, and they need no parsing.
//
// standing_of looks for the phrase in the text with some bytes left out or
// changed: the front matter, '[' ']' and "~~" marks, and white space (spaces,
// tabs, line endings, the no-break space U+00A0), each run made one space.
// The sieve drops every byte that can be left out or changed that way (those
// characters and the two bytes of U+00A0, wherever they stand) from both
// the phrase and the text and looks for the one in the other. Whatever
// standing_of finds is therefore found here too; the converse need not hold.
class PhraseSieve {
  public:
    explicit PhraseSieve(std::string_view phrase);
    // False only when the phrase cannot stand anywhere in `text`.
    bool may_stand_in(std::string_view text) const;

  private:
    // Whether `key` is in `text` with the dropped bytes skipped, searched
    // from its byte at `anchor`.
    static bool holds(std::string_view text, std::string_view key, std::size_t anchor);

    std::string key_;                 // the phrase with those bytes dropped
    std::size_t anchor_ = 0;          // where in key_ its rarest byte stands
    std::vector<std::string> words_;  // the phrase's words, so dropped
};

}  // namespace accord
