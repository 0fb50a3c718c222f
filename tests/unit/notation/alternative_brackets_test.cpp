// Brackets and alternative paragraphs: a '[' left open in one Option or Alt
// paragraph may run into the paragraphs that continue it, never into the
// next alternative, whose ']' cannot close it.
#include <gtest/gtest.h>

#include "core/notation/parse.hpp"

namespace accord {
namespace {

std::vector<std::string> codes(const Document& d) {
    std::vector<std::string> out;
    for (const auto& diagnostic : d.diagnostics) out.push_back(diagnostic.code);
    return out;
}

// The shape of the 23 October 2015 Paris text: Option 1 of one paragraph
// leaves "[The" open, and Option 2 of a later one has a stray ']'. Both are
// errors, each at its own line; the ']' does not close Option 1's '['.
TEST(AlternativeBrackets, OpenBracketDoesNotRunIntoTheNextOption) {
    const Document d = parse(
        "**Option 1:** [The Committee shall be facilitative.\n\n"
        "**Option 2:** The measures range from advice to a statement of concern].\n");
    EXPECT_TRUE(d.brackets.empty());
    EXPECT_EQ(codes(d), (std::vector<std::string>{"unclosed-bracket", "unmatched-bracket"}));
    ASSERT_EQ(d.diagnostics.size(), 2u);
    EXPECT_EQ(d.diagnostics[0].line, 1u);
    EXPECT_NE(d.diagnostics[0].message.find("next alternative begins, at line 3"),
              std::string::npos)
        << d.diagnostics[0].message;
    EXPECT_EQ(d.diagnostics[1].line, 3u);
}

TEST(AlternativeBrackets, AltLabelsAreAlternativesToo) {
    const Document d = parse("Alt1: [To continue\n\nAlt2: To strengthen]\n");
    EXPECT_TRUE(d.brackets.empty());
    EXPECT_EQ(codes(d), (std::vector<std::string>{"unclosed-bracket", "unmatched-bracket"}));
}

TEST(AlternativeBrackets, OpenBracketMayRunIntoTheParagraphsThatContinueItsOption) {
    const Document d = parse(
        "**Option 1:** [The Committee may consider issues on the basis of:\n\n"
        "    1. written submissions;\n\n"
        "    2. reports.]\n\n"
        "**Option 2:** No text\n");
    ASSERT_EQ(d.brackets.size(), 1u);
    EXPECT_EQ(d.brackets[0].open_paragraph, 0u);
    EXPECT_EQ(d.brackets[0].close_paragraph, 2u);
    EXPECT_EQ(count_errors(d.diagnostics), 0u);
}

// A bracket opened before the options may still hold all of them.
TEST(AlternativeBrackets, BracketOpenedBeforeTheOptionsMayHoldThemAll) {
    const Document d = parse(
        "[4. The Committee shall consist of:\n\n"
        "**Option 1:** [X] members;\n\n"
        "**Option 2:** two branches.]\n");
    ASSERT_EQ(d.brackets.size(), 2u);
    EXPECT_EQ(d.brackets[0].open_paragraph, 0u);
    EXPECT_EQ(d.brackets[0].close_paragraph, 2u);
    EXPECT_EQ(count_errors(d.diagnostics), 0u);
}

// What an alternative paragraph left open ends before the next one, and so
// does a bracket opened inside it in a continuing paragraph.
TEST(AlternativeBrackets, BracketsOpenedInsideTheOptionEndWithIt) {
    const Document d = parse(
        "**Option 1:** [The Committee may consider:\n\n"
        "[1. written submissions;\n\n"
        "**Option 2:** reports.]]\n");
    EXPECT_TRUE(d.brackets.empty());
    EXPECT_EQ(codes(d), (std::vector<std::string>{"unclosed-bracket", "unclosed-bracket",
                                                  "unmatched-bracket", "unmatched-bracket"}));
}

}  // namespace
}  // namespace accord
