// TokenView (merge/diff/token_view.hpp): each bracket's marks are the tokens
// at its offsets, and a token's innermost bracket is the one whose marks lie
// nearest around it, on every shape of document, whichever way the view is
// made (one sweep for the usual nested brackets, tables otherwise).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/notation/parse.hpp"
#include "core/notation/tokens.hpp"
#include "merge/diff/token_view.hpp"

namespace accord {
namespace {

// The token holding byte `offset`.
std::uint32_t token_holding(const std::vector<Token>& tokens, std::size_t offset) {
    for (std::uint32_t k = 0; k < tokens.size(); ++k) {
        if (tokens[k].range.begin <= offset && offset < tokens[k].range.end) return k;
    }
    return kNone;
}

void expect_view_holds(const std::string& text) {
    SCOPED_TRACE(text);
    const Document doc = parse(text);
    const std::vector<Token> tokens = tokenize(doc);
    const std::vector<std::uint32_t> mapping(tokens.size(), kNone);
    const TokenView view(doc, tokens, mapping);
    const auto brackets = static_cast<std::uint32_t>(doc.brackets.size());
    ASSERT_EQ(view.open_token.size(), brackets);
    for (std::uint32_t b = 0; b < brackets; ++b) {
        EXPECT_EQ(view.open_token[b], token_holding(tokens, doc.brackets[b].open)) << b;
        EXPECT_EQ(view.close_token[b], token_holding(tokens, doc.brackets[b].close)) << b;
        EXPECT_EQ(view.bracket_opening_at(view.open_token[b]), b);
        // The bracket around a bracket's own '[' is the one the parser nests it in.
        EXPECT_EQ(view.innermost(view.open_token[b]), doc.brackets[b].parent) << b;
    }
    for (std::uint32_t k = 0; k < tokens.size(); ++k) {
        std::uint32_t around = kNone;  // the latest-opening bracket whose marks enclose k
        for (std::uint32_t b = 0; b < brackets; ++b) {
            if (view.open_token[b] < k && k < view.close_token[b]) around = b;
        }
        EXPECT_EQ(view.innermost(k), around) << "token " << k;
    }
}

TEST(TokenView, MarksAndInnermostBracketsOnEveryShapeOfDocument) {
    for (const std::string& text : std::vector<std::string>{
             "",
             "No brackets at all.\n",
             "Recalls [the [agreed [outcome]] of] Tunis [and Geneva].\n",
             "[a][b][c] side by side, [x / y / z] options, ~~[struck]~~ and [~~inner~~].\n",
             "Alt1: [first] option.\n\nAlt2: [second / third] option.\n",
             "A bracket [that spans\n\ntwo paragraphs] here.\n",
             "Unmatched ] close and [ open, escaped \\[not a bracket\\].\n",
             "[label] is a link here.\n\n[label]: https://example.org\n",
             "[[[[[[deep]]]]]] and [[a][b]] and [a [b [c] d] e].\n",
             "---\nid: A-1\n---\n[front matter] before [brackets].\n",
             "**Option 1:** [one]\n\n**Option 2:** [two (agreed)]\n",
         }) {
        expect_view_holds(text);
    }
}

}  // namespace
}  // namespace accord
