// Paragraphs both sides only bracketed (merge3_added_brackets): one
// paragraph with every bracket, crossing brackets joined, nested ones kept,
// whichever side is ours; anything more than brackets is left to the merge.
#include <gtest/gtest.h>

#include "merge/merge3/merge3.hpp"
#include "merge/merge3/merge3_added_brackets.hpp"

namespace accord {
namespace {

const std::string kBase = "The Parties shall cooperate on finance and technology.\n";

// The merge both ways round; the text must not depend on which is ours.
MergeResult merged(const std::string& base, const std::string& ours, const std::string& theirs) {
    MergeResult one = merge3(base, ours, theirs, MergeOptions{});
    const MergeResult other = merge3(base, theirs, ours, MergeOptions{});
    EXPECT_EQ(one.text, other.text) << "depends on the sides";
    return one;
}

TEST(MergeAddedBrackets, CrossingBracketsAreJoinedOverTheWordingOfBoth) {
    const MergeResult r =
        merged(kBase, "The Parties [shall cooperate on] finance and technology.\n",
               "The Parties shall [cooperate on finance] and technology.\n");
    EXPECT_EQ(r.text, "The Parties [shall cooperate on finance] and technology.\n");
    EXPECT_TRUE(r.disagreements.empty());
    // Several at once: each crossing pair joined, the rest kept as added.
    EXPECT_EQ(merged("A b c d e f.\n", "[A b] c [d] e f.\n", "A [b c] d [e f].\n").text,
              "[A b c] [d] [e f].\n");
    // A joined bracket that crosses a third is joined with it too.
    EXPECT_EQ(merged("A b c d e f.\n", "[A b] c [d e] f.\n", "A [b c d] e f.\n").text,
              "[A b c d e] f.\n");
}

// A side that also dropped the text's last line end has it dropped in the
// merge (before, the joined paragraph took the other side's back).
TEST(MergeAddedBrackets, ALastLineEndOneSideDroppedStaysDropped) {
    EXPECT_EQ(merged(kBase, "The Parties [shall cooperate] on finance and technology.",
                     "The Parties shall cooperate on [finance] and technology.\n")
                  .text,
              "The Parties [shall cooperate] on [finance] and technology.");
}

TEST(MergeAddedBrackets, BracketsOpenedAtOnePlaceNestAndTheParagraphStandsOnce) {
    const MergeResult r =
        merged(kBase, "The Parties [shall cooperate] on finance and technology.\n",
               "The Parties [shall cooperate on finance] and technology.\n");
    EXPECT_EQ(r.text, "The Parties [[shall cooperate] on finance] and technology.\n");
    EXPECT_TRUE(r.disagreements.empty());
}

TEST(MergeAddedBrackets, TheBasesBracketsStayAsTheyWere) {
    const std::string base = "The Parties shall cooperate on [finance] and technology.\n";
    EXPECT_EQ(merged(base, "The [Parties shall cooperate] on [finance] and technology.\n",
                     "The Parties shall [cooperate on [finance] and] technology.\n")
                  .text,
              "The [Parties shall cooperate on [finance] and] technology.\n");
    // Joined, a bracket would cross one of the base's: left to the merge.
    const std::string crossing = "A b [c d] e f.\n";
    EXPECT_FALSE(join_added_brackets(crossing, "[A b [c] d] e f.\n", "A [b [c d] e] f.\n"));
}

TEST(MergeAddedBrackets, OnlyParagraphsBothSidesOnlyBracketedAreMadeOne) {
    // A word changed beside the bracket: not brackets only.
    EXPECT_FALSE(join_added_brackets(kBase,
                                     "The Parties [shall cooperate] on funding and technology.\n",
                                     "The Parties shall [cooperate on finance] and technology.\n"));
    // Options are more than brackets.
    EXPECT_FALSE(join_added_brackets(kBase,
                                     "The Parties [shall][should] cooperate on finance and "
                                     "technology.\n",
                                     "The Parties shall [cooperate on finance] and technology.\n"));
    // One side only, or both the same: the merge has nothing to join.
    EXPECT_FALSE(join_added_brackets(kBase, kBase, "The Parties [shall] cooperate.\n"));
    const std::string same = "The Parties [shall] cooperate on finance and technology.\n";
    EXPECT_FALSE(join_added_brackets(kBase, same, same));
    // A literal bracket (after a backslash) is not read.
    EXPECT_FALSE(join_added_brackets("See \\[1] for a b c.\n", "See \\[1] for [a b] c.\n",
                                     "See \\[1] for a [b c].\n"));
    // A bracket the side leaves open, or closes on one of the base's.
    EXPECT_FALSE(join_added_brackets("A b c.\n", "[A b c.\n", "A [b] c.\n"));
}

// Found by a tester: a neighbour one side deleted (or edited) beside the
// paragraph both bracketed made the two identical bracketings meet the
// deletion as alternatives, the paragraph twice. Such a paragraph is left to
// the merge, which takes each side's brackets where it put them.
TEST(MergeAddedBrackets, AParagraphWhoseNeighbourASideChangedIsLeftToTheMerge) {
    const std::string base =
        "[Recalling its decision 1/CP.21,]\n\nDecides that Parties shall cooperate on finance;\n";
    const std::string ours =
        "[Recalling its decision 1/CP.21,]\n\n[Decides] that Parties shall cooperate on finance;\n";
    const std::string theirs = "Decides that Parties shall cooperate [on finance];\n";
    EXPECT_FALSE(join_added_brackets(base, ours, theirs));
    const MergeResult r = merged(base, ours, theirs);
    EXPECT_EQ(r.text, "[Decides] that Parties shall cooperate [on finance];\n");
    EXPECT_TRUE(r.disagreements.empty());
    // An edited neighbour, after: the same.
    EXPECT_FALSE(
        join_added_brackets("A b c.\n\nD e.\n", "[A b] c.\n\nD e f.\n", "A [b c].\n\nD e.\n"));
    // Neighbours both bracketed too are the same paragraphs: both joined.
    const MergeResult both =
        merged("A b c.\n\nD e f.\n", "[A b] c.\n\n[D e] f.\n", "A [b c].\n\nD [e f].\n");
    EXPECT_EQ(both.text, "[A b c].\n\n[D e f].\n");
}

// Brackets side by side are alternatives ("[a][b]"): a side that put two
// of its brackets so, or a join that would, is left to the merge.
TEST(MergeAddedBrackets, BracketsSideBySideAreOptionsNotBrackets) {
    EXPECT_FALSE(join_added_brackets("A b c d.\n", "[A b][c] d.\n", "A [b c d].\n"));
    // Chinese has no spaces: "[缔约方]" and "[应当]" would touch.
    EXPECT_FALSE(join_added_brackets(
        "\xe7\xbc\x94\xe7\xba\xa6\xe6\x96\xb9\xe5\xba\x94\xe5\xbd\x93\xe5\x90\x88\xe4\xbd\x9c\n",
        "[\xe7\xbc\x94\xe7\xba\xa6\xe6\x96\xb9]\xe5\xba\x94\xe5\xbd\x93\xe5\x90\x88\xe4\xbd\x9c\n",
        "\xe7\xbc\x94\xe7\xba\xa6\xe6\x96\xb9[\xe5\xba\x94\xe5\xbd\x93]"
        "\xe5\x90\x88\xe4\xbd\x9c\n"));
}

TEST(MergeAddedBrackets, EachParagraphIsFoundByItsWordingWherePlacesDiffer) {
    const std::string base =
        "---\nid: a-1\n---\nFirst paragraph stays.\n\n"
        "The Parties shall cooperate on finance.\n\nLast one.\n";
    const std::string ours =
        "---\nid: a-1\n---\nA paragraph of ours.\n\nFirst paragraph stays.\n\n"
        "The Parties [shall cooperate] on finance.\n\nLast one.\n";
    const std::string theirs =
        "---\nid: a-1\n---\nFirst paragraph stays.\n\n"
        "The Parties shall [cooperate on finance].\n\nLast one.\n";
    const MergeResult r = merged(base, ours, theirs);
    EXPECT_EQ(r.text,
              "---\nid: a-1\n---\nA paragraph of ours.\n\nFirst paragraph stays.\n\n"
              "The Parties [shall cooperate on finance].\n\nLast one.\n");
    EXPECT_TRUE(r.disagreements.empty());
    // A wording standing twice is not told apart: left to the merge.
    const std::string twice = "A b c.\n\nA b c.\n";
    EXPECT_FALSE(join_added_brackets(twice, "[A b] c.\n\nA b c.\n", "A [b c].\n\nA b c.\n"));
}

// A paragraph of thousands of brackets added by each side is not joined
// (each two would be compared): the merge reads it as it is.
TEST(MergeAddedBrackets, ManyBracketsAreLeftToTheMerge) {
    std::string base, ours, theirs;
    for (int k = 0; k < 200; ++k) {
        base += "a b c ";
        ours += "[a b] c ";
        theirs += "a [b c] ";
    }
    EXPECT_FALSE(join_added_brackets(base + "\n", ours + "\n", theirs + "\n"));
}

}  // namespace
}  // namespace accord
