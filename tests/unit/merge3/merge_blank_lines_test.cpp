// Paragraphs stand one blank line apart in the merged text where they do in
// every text: a last paragraph deleted against one appended after it, or a
// paragraph one side moved first against one the other moved last, left
// two (merge3's last step, one_blank_line_between_paragraphs).
#include <gtest/gtest.h>

#include "merge/merge3/merge3.hpp"

namespace accord {
namespace {

TEST(MergeBlankLines, ALastParagraphDeletedAgainstOneAppendedLeavesOneBlankLine) {
    const std::string base = "Alpha one.\n\nBeta two.\n";
    const std::string appended = "Alpha one.\n\nBeta two.\n\nGamma three.\n";
    EXPECT_EQ(merge3(base, "Alpha one.\n", appended, MergeOptions{}).text,
              "Alpha one.\n\nGamma three.\n");
    EXPECT_EQ(merge3(base, appended, "Alpha one.\n", MergeOptions{}).text,
              "Alpha one.\n\nGamma three.\n");
    EXPECT_EQ(merge3_whole_text(base, "Alpha one.\n", appended, MergeOptions{}).text,
              "Alpha one.\n\nGamma three.\n");
    // Paragraphs moved to either end by each side.
    EXPECT_EQ(merge3("Alpha one.\n\nBeta two.\n\nGamma three.\n",
                     "Gamma three.\n\nAlpha one.\n\nBeta two.\n",
                     "Beta two.\n\nGamma three.\n\nAlpha one.\n", MergeOptions{})
                  .text,
              "Gamma three.\n\nBeta two.\n\nAlpha one.\n");
}

// One side emptied the text, the other appended a paragraph: the
// paragraph, with no more blank lines before it than a text starts with.
TEST(MergeBlankLines, NoBlankLineBeforeTheFirstParagraphWhereNoTextHasOne) {
    const MergeResult r =
        merge3("Recalling A,\n", "", "Recalling A,\n\n1. Decides B;\n", MergeOptions{});
    EXPECT_EQ(r.text, "1. Decides B;\n");
    // Emptied to one line end: no more blank lines before it than that.
    EXPECT_EQ(merge3("A a.\n", "\n", "A a.\n\nB b.\n", MergeOptions{}).text, "\nB b.\n");
}

TEST(MergeBlankLines, ATextWithTwoBlankLinesSomewhereKeepsWhatTheMergeGives) {
    const std::string base = "Alpha one.\n\n\nBeta two.\n";
    const MergeResult r = merge3(base, "Alpha one x.\n\n\nBeta two.\n",
                                 "Alpha one.\n\n\nBeta two.\n\nGamma three.\n", MergeOptions{});
    EXPECT_NE(r.text.find("\n\n\n"), std::string::npos) << r.text;
    // A last paragraph one side deleted, the other appending after it: the
    // paragraph appended, one blank line before it as after the others.
    EXPECT_EQ(
        merge3(base, "Alpha one.\n", "Alpha one.\n\n\nBeta two.\n\nGamma three.\n", MergeOptions{})
            .text,
        "Alpha one.\n\nGamma three.\n");
}

// The disagreements' lines follow the lines taken out.
TEST(MergeBlankLines, DisagreementsAfterTheLinesTakenOutMoveUpWithThem) {
    MergeResult r;
    r.text = "Alpha.\n\n\n\nBeta [ours][theirs].\n\n\nGamma [x][y].\n";
    r.disagreements.push_back({DisagreementKind::alternatives, 1, "a", "b", ""});
    r.disagreements.push_back({DisagreementKind::alternatives, 5, "ours", "theirs", ""});
    r.disagreements.push_back({DisagreementKind::alternatives, 8, "x", "y", ""});
    one_blank_line_between_paragraphs(r, "A.\n", "B.\n", "C.\n");
    EXPECT_EQ(r.text, "Alpha.\n\nBeta [ours][theirs].\n\nGamma [x][y].\n");
    EXPECT_EQ(r.disagreements[0].line, 1u);
    EXPECT_EQ(r.disagreements[1].line, 3u);
    EXPECT_EQ(r.disagreements[2].line, 5u);
}

}  // namespace
}  // namespace accord
