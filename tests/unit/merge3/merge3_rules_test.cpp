// The negotiation rules of the token merge on small texts, one rule each:
// the status rule reads the parsed status, and wording both sides inserted
// at one place is a disagreement unless it is options for one bracket or
// whole paragraphs.
#include <gtest/gtest.h>

#include "merge/merge3/merge3.hpp"
#include "support/matchers.hpp"

namespace accord {
namespace {

using test::ElementsAre;
using test::IsDisagreement;
using test::IsEmpty;

MergeResult merged(const std::string& base, const std::string& ours, const std::string& theirs,
                   const MergeOptions& options = {}) {
    return merge3(base, ours, theirs, options);
}

// --- status: agreement needs both -----------------------------------------

MergeOptions with_status_vocabulary(std::vector<std::string> vocabulary) {
    MergeOptions options;
    options.parse.notation.status_vocabulary = std::move(vocabulary);
    return options;
}

TEST(MergeStatus, AConfiguredStatusThatSpellsAgreedInsideIsNotAgreement) {
    const MergeOptions options =
        with_status_vocabulary({"agreed", "not agreed", "revisit", "no consensus"});
    const MergeResult r = merged("Recommends it (revisit).\n", "Recommends it (not agreed).\n",
                                 "Recommends it (no consensus).\n", options);
    EXPECT_EQ(r.text, "Recommends it (not agreed).\n");  // ours stands: it did not agree
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::status, 1)));
}

TEST(MergeStatus, AgreedGivesWayToTheOtherSidesStatus) {
    const MergeOptions options =
        with_status_vocabulary({"agreed", "not agreed", "revisit", "no consensus"});
    EXPECT_EQ(merged("Recommends it (revisit).\n", "Recommends it (agreed).\n",
                     "Recommends it (not agreed).\n", options)
                  .text,
              "Recommends it (not agreed).\n");
    EXPECT_EQ(merged("Recommends it (revisit).\n", "Recommends it (not agreed).\n",
                     "Recommends it (agreed).\n", options)
                  .text,
              "Recommends it (not agreed).\n");
}

TEST(MergeStatus, AgreedAdReferendumIsNotAgreement) {
    const MergeResult r = merged("Recommends it (revisit).\n", "Recommends it (agreed ad ref).\n",
                                 "Recommends it (no consensus).\n");
    EXPECT_EQ(r.text, "Recommends it (agreed ad ref).\n");
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::status, 1)));
}

// --- both sides inserted at one place ------------------------------------------

TEST(MergeInsertions, DifferentTextsOnAnEmptyBaseAreBothKeptAndReported) {
    const MergeResult r = merged("", "Ours proposes a text.\n", "Theirs proposes another.\n");
    EXPECT_EQ(r.text, "Ours proposes a text.\n\nTheirs proposes another.\n");
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::both_added, 1)));
}

TEST(MergeInsertions, DifferentWordsStartingAParagraphBecomeAlternatives) {
    const MergeResult r =
        merged("First.\n\nstakeholders participate.\n", "First.\n\nAll stakeholders participate.\n",
               "First.\n\nSome stakeholders participate.\n");
    EXPECT_EQ(r.text, "First.\n\n[All][Some] stakeholders participate.\n");
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::alternatives, 3)));
}

TEST(MergeInsertions, DifferentWordsEndingAParagraphBecomeAlternatives) {
    const MergeResult r = merged("First.\n\nLast.\n", "First. Ours adds.\n\nLast.\n",
                                 "First. Theirs adds.\n\nLast.\n");
    EXPECT_EQ(r.text, "First. [Ours adds.][Theirs adds.]\n\nLast.\n");
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::alternatives, 1)));
}

TEST(MergeInsertions, DifferentBracketsInsertedWhereThereWasNoneAreReportedAlternatives) {
    const MergeResult r = merged("Encourages stakeholders.\n", "Encourages [all] stakeholders.\n",
                                 "Encourages [relevant] stakeholders.\n");
    EXPECT_EQ(r.text, "Encourages [all][relevant] stakeholders.\n");
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::alternatives, 1)));
}

TEST(MergeInsertions, OptionsBothAddedToOneGroupAreUnitedCleanly) {
    const MergeResult r =
        merged("Encourages [all] stakeholders.\n", "Encourages [all][relevant] stakeholders.\n",
               "Encourages [all][interested] stakeholders.\n");
    EXPECT_EQ(r.text, "Encourages [all][relevant][interested] stakeholders.\n");
    EXPECT_THAT(r.disagreements, IsEmpty());
}

TEST(MergeInsertions, OptionsBothAddedToOneBracketAreUnitedCleanly) {
    MergeOptions options;
    const MergeResult r =
        merged("Parties [shall / should] act.\n", "Parties [shall / should / may] act.\n",
               "Parties [shall / should / will] act.\n", options);
    EXPECT_EQ(r.text, "Parties [shall / should / may / will] act.\n");
    EXPECT_THAT(r.disagreements, IsEmpty());
}

TEST(MergeInsertions, WholeParagraphsBothAddedAtOnePlaceAreBothKeptAndReported) {
    const MergeResult r =
        merged("First.\n\nLast.\n", "First.\n\nOurs.\n\nLast.\n", "First.\n\nTheirs.\n\nLast.\n");
    EXPECT_EQ(r.text, "First.\n\nOurs.\n\nTheirs.\n\nLast.\n");
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::both_added, 3)));
}

TEST(MergeInsertions, AParagraphBothAddedAtOnePlaceIsKeptOnceBesideTheOthers) {
    const MergeResult r = merged("First.\n\nLast.\n", "First.\n\nOurs.\n\nBoth.\n\nLast.\n",
                                 "First.\n\nBoth.\n\nTheirs.\n\nLast.\n");
    EXPECT_EQ(r.text, "First.\n\nOurs.\n\nBoth.\n\nTheirs.\n\nLast.\n");
    ASSERT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::both_added, 3)));
    EXPECT_EQ(r.disagreements[0].ours, "Ours.");
    EXPECT_EQ(r.disagreements[0].theirs, "Theirs.");
}

TEST(MergeInsertions, ASideThatAddedTheOthersParagraphsAndMoreIsTakenAsItStands) {
    const MergeResult r = merged("First.\n\nLast.\n", "First.\n\nBoth.\n\nLast.\n",
                                 "First.\n\nBoth.\n\nTheirs.\n\nLast.\n");
    EXPECT_EQ(r.text, "First.\n\nBoth.\n\nTheirs.\n\nLast.\n");
    EXPECT_THAT(r.disagreements, IsEmpty());
}

TEST(MergeInsertions, ANewParagraphBesideWordsStartingTheNextOneTakesBoth) {
    const MergeResult r =
        merged("First.\n\nLast.\n", "First.\n\nMiddle.\n\nLast.\n", "First.\n\nReally Last.\n");
    EXPECT_EQ(r.text, "First.\n\nMiddle.\n\nReally Last.\n");
}

// --- a merge that could not keep its brackets paired --------------------------

// A bracket opened in one paragraph and closed in the next, edited on one
// side and cut away on the other, past the label both kept: the edit stands
// as written, its own bracket around it (it stood in conflict markers).
TEST(MergeFallback, ABracketOverParagraphsEditedAndCutAwayIsTheEdit) {
    const std::string base = "**Option 1:** [Parties shall report.\n\nParties shall review.]\n";
    const std::string ours =
        "**Option 1:** [Parties shall report.\n\nParties shall review.][Parties may report.]\n";
    const std::string theirs = "**Option 1:**\n";
    const MergeResult r = merged(base, ours, theirs);
    EXPECT_EQ(r.text, ours);
    EXPECT_FALSE(r.has_conflict_markers);
    ASSERT_EQ(r.disagreements.size(), 1u);
    EXPECT_EQ(r.disagreements[0].kind, DisagreementKind::edited_deleted);
    // Swapped, the same.
    const MergeResult swapped = merged(base, theirs, ours);
    EXPECT_EQ(swapped.text, ours);
    ASSERT_EQ(swapped.disagreements.size(), 1u);
    EXPECT_EQ(swapped.disagreements[0].kind, DisagreementKind::edited_deleted);
}

// Merged chunk by chunk, then paragraph by paragraph, the brackets still
// would not pair (theirs left a stray ']' of its own, ours lifted the
// bracket into an option over two paragraphs). Such a text is never given
// as merged: both sides stand between conflict markers, each as it was
// written (not with the brackets the merge put back in ours to see a lift),
// with no text lost.
TEST(MergeFallback, BracketsThatWouldNotPairGiveConflictMarkersAroundBothTexts) {
    const std::string base = "[Parties shall act.]\n";
    const std::string ours = "**Option 1:** Parties.\n\nshall act. (agreed)\n";
    const std::string theirs = "shall act.]\n";
    MergeOptions options;
    options.ours_label = "ours.md";
    options.theirs_label = "theirs.md";
    const MergeResult r = merged(base, ours, theirs, options);
    EXPECT_EQ(r.text, "<<<<<<< ours.md\n" + ours + "=======\n" + theirs + ">>>>>>> theirs.md\n");
    EXPECT_TRUE(r.has_conflict_markers);
    ASSERT_EQ(r.disagreements.size(), 1u);
    EXPECT_EQ(r.disagreements[0].kind, DisagreementKind::conflict);
    EXPECT_EQ(r.disagreements[0].key, "brackets would not pair");
}

// Both sides replaced 40,000 bracketed paragraphs: each bracket was checked
// for a lift by copying the whole deleted stretch around it (quadratic: 9 s).
// Each side's text, and its words, are kept.
TEST(MergeInsertions, ThousandsOfBracketedParagraphsReplacedOnBothSides) {
    std::string base;
    for (int i = 0; i < 40000; ++i) base += "[p" + std::to_string(i) + "] x\n\n";
    const MergeResult r = merged(base, "hello\n", "Hello [alt 5] text.\n");
    EXPECT_NE(r.text.find("hello"), std::string::npos) << r.text.substr(0, 200);
    EXPECT_NE(r.text.find("Hello [alt 5] text."), std::string::npos) << r.text.substr(0, 200);
    EXPECT_FALSE(r.disagreements.empty());
}

}  // namespace
}  // namespace accord
