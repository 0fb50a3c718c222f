// Paragraph numbers kept by position: set aside when every text numbers its
// paragraphs by position and a side renumbered, merged texts numbered again;
// every other numbering left to the merge as words.
#include <gtest/gtest.h>

#include "merge/merge3/merge3.hpp"
#include "merge/merge3/merge3_numbering.hpp"

namespace accord {
namespace {

const std::string kBase = "1. Alpha.\n\n2. Beta.\n\n3. Gamma.\n";

TEST(MergeNumbering, NumbersAreSetAsideWhenASideRenumbered) {
    const std::string ours = "1. New.\n\n2. Alpha.\n\n3. Beta.\n\n4. Gamma.\n";
    const std::string theirs = "1. Alpha.\n\n2. Beta, edited.\n\n3. Gamma.\n";
    const std::optional<NumbersSetAside> aside = set_numbers_aside(kBase, ours, theirs);
    ASSERT_TRUE(aside);
    EXPECT_EQ(aside->texts.base, "1. Alpha.\n\n1. Beta.\n\n1. Gamma.\n");
    EXPECT_EQ(aside->texts.ours, "1. New.\n\n1. Alpha.\n\n1. Beta.\n\n1. Gamma.\n");
    EXPECT_EQ(aside->numbering, Numbering::through);
    EXPECT_EQ(merge3(kBase, ours, theirs, MergeOptions{}).text,
              "1. New.\n\n2. Alpha.\n\n3. Beta, edited.\n\n4. Gamma.\n");
}

TEST(MergeNumbering, NoSideRenumberedLeavesTheNumbersToTheMerge) {
    // Deleting the last paragraph or editing words renumbers nothing.
    EXPECT_FALSE(set_numbers_aside(kBase, "1. Alpha.\n\n2. Beta.\n",
                                   "1. Alpha.\n\n2. Beta, edited.\n\n3. Gamma.\n"));
}

TEST(MergeNumbering, ATextNotNumberedByPositionLeavesTheNumbersToTheMerge) {
    const std::string renumbered = "1. New.\n\n2. Alpha.\n\n3. Beta.\n\n4. Gamma.\n";
    // An inserted "2bis.".
    EXPECT_FALSE(
        set_numbers_aside(kBase, renumbered, "1. Alpha.\n\n2. Beta.\n\n2bis. B2.\n\n3. Gamma.\n"));
    EXPECT_FALSE(
        set_numbers_aside(kBase, renumbered, "1. Alpha.\n\n2 ter) B2.\n\n2. Beta.\n\n3. Gamma.\n"));
    // Numbers in levels, a number in each alternative of a paragraph,
    // paragraphs written alike (told apart by their numbers alone).
    EXPECT_FALSE(set_numbers_aside("1. A.\n\n1.1. B.\n\n2. C.\n",
                                   "1. New.\n\n2. A.\n\n2.1. B.\n\n3. C.\n", "1. A.\n\n1.1. B.\n"));
    EXPECT_FALSE(set_numbers_aside("1. A.\n\n[2. B.][2. C.]\n",
                                   "1. New.\n\n2. A.\n\n[3. B.][3. C.]\n", "1. A.\n"));
    EXPECT_FALSE(set_numbers_aside("1. [Text.]\n\n2. [Text.]\n",
                                   "1. New.\n\n2. [Text.]\n\n3. [Text.]\n",
                                   "1. [Text.]\n\n2. [Text.]\n"));
    // Nothing numbered at all.
    EXPECT_FALSE(set_numbers_aside("Alpha.\n", "Beta.\n", "Gamma.\n"));
}

TEST(MergeNumbering, AnExcerptKeepsItsFirstNumber) {
    const std::string base = "5. Alpha.\n\n6. Beta.\n";
    const std::string ours = "5. New.\n\n6. Alpha.\n\n7. Beta.\n";
    const std::string theirs = "5. Alpha.\n\n6. Beta.\n\n7. Gamma.\n";
    EXPECT_EQ(merge3(base, ours, theirs, MergeOptions{}).text,
              "5. New.\n\n6. Alpha.\n\n7. Beta.\n\n8. Gamma.\n");
    // Texts that start at different numbers are not one list renumbered:
    // each number is a label of its paragraph.
    const std::optional<NumbersSetAside> labels =
        set_numbers_aside(base, ours, "1. Alpha.\n\n2. Beta.\n");
    ASSERT_TRUE(labels);
    EXPECT_EQ(labels->numbering, Numbering::labels);
}

// A side that keeps a deleted paragraph's number (a gap) numbers by label:
// each paragraph's number is merged on its own, the side's that changed it.
TEST(MergeNumbering, NumbersKeptWithAGapAreMergedAsLabels) {
    const std::string ours = "1. Alpha.\n\n3. Gamma.\n";  // Beta deleted, numbers kept
    const std::string theirs = "1. New.\n\n2. Alpha.\n\n3. Beta.\n\n4. Gamma.\n";
    const std::optional<NumbersSetAside> aside = set_numbers_aside(kBase, ours, theirs);
    ASSERT_TRUE(aside);
    EXPECT_EQ(aside->numbering, Numbering::labels);
    // So does a number given twice.
    EXPECT_EQ(set_numbers_aside(kBase, theirs, "1. Alpha.\n\n2. Beta.\n\n2. Gamma.\n")->numbering,
              Numbering::labels);
    EXPECT_EQ(merge3(kBase, ours, theirs, MergeOptions{}).text,
              "1. New.\n\n2. Alpha.\n\n4. Gamma.\n");
    // Both sides changed one number differently: no label says what both
    // meant, and the numbers are merged as written.
    EXPECT_FALSE(number_as_labels("1. Alpha.\n", "1. Alpha.\n", "2. Alpha.\n", "3. Alpha.\n"));
    // Wording neither side wrote as it stands (both edited it): the same.
    EXPECT_FALSE(
        number_as_labels("1. Alpha [x][y].\n", "1. Alpha.\n", "2. Alpha x.\n", "1. Alpha y.\n"));
    EXPECT_EQ(number_as_labels("1. Alpha.\n\n1. Beta.\n", "1. Alpha.\n\n2. Beta.\n",
                               "1. Alpha.\n\n3. Beta.\n", "1. Alpha.\n\n2. Beta.\n"),
              "1. Alpha.\n\n3. Beta.\n");
    // A paragraph one side edited keeps the number the other side gave it:
    // its numbers are those of the base paragraph it was.
    EXPECT_EQ(number_as_labels("1. Alpha.\n\n1. Beta gamma delta, edited.\n",
                               "1. Alpha.\n\n2. Beta gamma delta.\n",
                               "1. Alpha.\n\n2. Beta gamma delta, edited.\n",
                               "1. Alpha.\n\n3. Beta gamma delta.\n"),
              "1. Alpha.\n\n3. Beta gamma delta, edited.\n");
    // Among paragraphs written much alike, the one it shares most with.
    EXPECT_EQ(number_as_labels("1. Parties shall strengthen cooperation on finance.\n",
                               "1. Parties shall strengthen their cooperation on finance.\n\n"
                               "2. Parties shall strengthen their cooperation on adaptation.\n",
                               "1. Parties shall strengthen cooperation on finance.\n\n"
                               "2. Parties shall strengthen their cooperation on adaptation.\n",
                               "2. Parties shall strengthen their cooperation on finance.\n\n"
                               "3. Parties shall strengthen their cooperation on adaptation.\n"),
              "2. Parties shall strengthen cooperation on finance.\n");
}

TEST(MergeNumbering, NumbersStartAgainUnderEachHeadingWhereTheTextsDoSo) {
    const std::string base = "# A\n\n1. Alpha.\n\n2. Beta.\n\n# B\n\n1. Gamma.\n\n2. Delta.\n";
    const std::string ours =
        "# A\n\n1. New.\n\n2. Alpha.\n\n3. Beta.\n\n# B\n\n1. Gamma.\n\n2. Delta.\n";
    const std::string theirs = "# A\n\n1. Alpha.\n\n2. Beta.\n\n# B\n\n1. Delta.\n";
    const std::optional<NumbersSetAside> aside = set_numbers_aside(base, ours, theirs);
    ASSERT_TRUE(aside);
    EXPECT_EQ(aside->numbering, Numbering::by_heading);
    EXPECT_EQ(merge3(base, ours, theirs, MergeOptions{}).text,
              "# A\n\n1. New.\n\n2. Alpha.\n\n3. Beta.\n\n# B\n\n1. Delta.\n");
}

TEST(MergeNumbering, BracketedParagraphsAreNumberedAndFrontMatterIsNot) {
    const std::string base = "---\nn: 1\n---\n1. Alpha.\n\n[2. Beta.]\n\n3. Gamma.\n";
    const std::string ours = "---\nn: 1\n---\n1. Alpha.\n\n[2. Beta.]\n\n3. New.\n\n4. Gamma.\n";
    const std::string theirs = "---\nn: 1\n---\n1. Alpha.\n\n2. Gamma.\n";
    // Theirs deleted the bracketed paragraph and renumbered Gamma; ours
    // inserted before Gamma and renumbered it.
    EXPECT_EQ(merge3(base, ours, theirs, MergeOptions{}).text,
              "---\nn: 1\n---\n1. Alpha.\n\n2. New.\n\n3. Gamma.\n");
}

// A year is no paragraph number; a decimal opening a paragraph reads as a
// number in levels ("2.5" as "2.1."), which leaves the numbers to the merge.
TEST(MergeNumbering, AYearOrADecimalOpeningAParagraphIsNoNumber) {
    const std::string base = "1. Alpha.\n\n2.5 degrees.\n\n2. Beta.\n";
    EXPECT_FALSE(
        set_numbers_aside(base, "1. New.\n\n2. Alpha.\n\n2.5 degrees.\n\n3. Beta.\n", base));
    EXPECT_EQ(merge3("1. Alpha.\n\n2030. Target.\n", "1. New.\n\n2. Alpha.\n\n2030. Target.\n",
                     "1. Alpha.\n\n2030. Target, met.\n", MergeOptions{})
                  .text,
              "1. New.\n\n2. Alpha.\n\n2030. Target, met.\n");
}

TEST(MergeNumbering, MergedParagraphsAreNumberedInTheOrderTheyStand) {
    EXPECT_EQ(number_by_position("Intro.\n\n1. A.\n\n[1. B.]\n\n1. C.\n", Numbering::through, 1),
              "Intro.\n\n1. A.\n\n[2. B.]\n\n3. C.\n");
    EXPECT_EQ(number_by_position("1. A.\n\n## H\n\n1. B.\n\n1. C.\n", Numbering::by_heading, 1),
              "1. A.\n\n## H\n\n1. B.\n\n2. C.\n");
}

// Numbered paragraphs set side by side as alternatives have no one
// position: such a merge keeps the numbers each side wrote.
TEST(MergeNumbering, NumberedParagraphsInsideAlternativesAreNotRenumbered) {
    EXPECT_TRUE(numbered_inside_a_bracket("1. A.\n\n[1. X.\n\n1. Y.][1. Z.]\n\n1. W.\n"));
    EXPECT_FALSE(numbered_inside_a_bracket("1. A.\n\n[1. X.]\n\n[1. Z.]\n\n1. W [x].\n"));
    const std::string base = "1. A.\n\n2. B.\n\n3. C.\n";
    const std::string ours = "1. A.\n\n2. New one.\n\n3. New two.\n\n4. C.\n";
    const std::string theirs = "1. A.\n\n2. B, edited at length by theirs.\n\n3. C.\n";
    const std::string merged = merge3(base, ours, theirs, MergeOptions{}).text;
    EXPECT_EQ(merged.find("[2. New one."), std::string::npos) << merged;
    EXPECT_NE(merged.find("4. C."), std::string::npos) << merged;
}

TEST(MergeNumbering, ADisagreementShowsTheNumbersEachSideWrote) {
    const std::string side = "1. Alpha.\n\n2. Beta is long.\n\n3. Gamma.\n";
    EXPECT_EQ(with_side_numbers("1. Beta is long.", side), "2. Beta is long.");
    EXPECT_EQ(with_side_numbers("1. Gamma.\n\n1. Alpha.", side), "3. Gamma.\n\n1. Alpha.");
    // Wording no paragraph of the side opens with keeps the placeholder.
    EXPECT_EQ(with_side_numbers("1. Delta.", side), "1. Delta.");
    EXPECT_EQ(with_side_numbers("(deleted)", side), "(deleted)");
}

TEST(MergeNumbering, ADisagreementAfterRenumberingReportsTheSidesNumbers) {
    const std::string base = "1. Alpha.\n\n2. Beta.\n\n3. Gamma.\n";
    const std::string ours = "1. Alpha.\n\n2. Beta, edited.\n\n3. Gamma.\n";
    const std::string theirs = "1. Alpha.\n\n2. Gamma.\n";
    const MergeResult merged = merge3(base, ours, theirs, MergeOptions{});
    EXPECT_EQ(merged.text, "1. Alpha.\n\n[2. Beta, edited.]\n\n3. Gamma.\n");
    ASSERT_EQ(merged.disagreements.size(), 1u);
    EXPECT_EQ(merged.disagreements[0].ours, "2. Beta, edited.");
}

}  // namespace
}  // namespace accord
