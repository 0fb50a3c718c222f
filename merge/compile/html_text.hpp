#pragma once
// A negotiated text's body as HTML, every word carrying who proposed it:
// the pieces of the compiled HTML page that know the notation.
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/document.hpp"
#include "merge/blame/blame.hpp"

namespace accord {

// How one proposal (a blamed version) is shown on the words it introduced.
struct OriginLabel {
    std::string css_class;  // the colour class of its first proposer ("p3")
    std::string proposers;  // "Brazil, Mexico"
    std::string day;        // YYYY-MM-DD
    std::string commit;     // full id
    std::string subject;    // first line of the proposal's message
};

// Text for HTML content and attribute values: &, <, >, " and ' escaped, and
// invalid UTF-8 replaced by U+FFFD so that the page is always valid UTF-8.
std::string html_escape(std::string_view text);

// A name made fit for a class or an id: ASCII letters lower-cased and digits
// kept, every other run of characters one '-' ("no consensus" → "no-consensus").
std::string slug(std::string_view text);

// "2014-02-07" → "7 Feb 2014"; anything else is returned as given.
std::string human_date(std::string_view day);

// The body's paragraphs as <p> elements. Each run of bytes that one proposal
// introduced becomes <span class="a pN ..." data-proposer data-date
// data-commit title="...">, where the title says what it is (wording,
// bracket, option separator, strike) and who proposed it when, and who
// restored it if it was deleted before. Classes carry the notation: b1..b3
// bracket depth, o inside an alternatives group, mb/ms/mk bracket, separator
// and strike marks, st struck text, em Markdown bold (its ** hidden), it italic (its * hidden), lbl
// an Alt/Option label, tag and t-<status> a status tag; paragraphs with a label get class "alt",
// Markdown headings "hd". `spans` may be empty (no attribution); `origins` is indexed by
// BlameSpan::origin.
std::string render_body_html(const Document& document, const std::vector<BlameSpan>& spans,
                             const std::vector<OriginLabel>& origins);

// The words (and numbers) of `document` each origin introduced, indexed by
// BlameSpan::origin (`origins` entries): what the legend's "words in the
// text" counts. Words as the tokens of the notation read them ("2°C" is a
// number and a word); marks and punctuation are no words.
std::vector<std::size_t> words_per_origin(const Document& document,
                                          const std::vector<BlameSpan>& spans, std::size_t origins);

}  // namespace accord
