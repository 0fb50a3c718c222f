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

// No base text: each side's text is a position, kept as an alternative (set
// one after the other, both would read as agreed).
// Both sides inserted the same words, and one also bracketed beside them
// or offered an option: the words stand once (found by a tester: "[provide]
// new new resources", silently). The diff read each side's insertion at
// another end of the space between "provide" and "resources".
TEST(MergeInsertions, TheSameWordsInsertedByBothStandOnceBesideTheOthersBrackets) {
    const std::string base = "Urges Parties to provide resources.\n";
    for (const auto& [ours, theirs] : std::vector<std::pair<std::string, std::string>>{
             {"Urges Parties to provide new resources.\n",
              "Urges Parties to [provide] new resources.\n"},
             {"Urges Parties to provide [new] resources.\n",
              "Urges Parties to [provide] [new] resources.\n"},
             {"Urges Parties to provide [new][additional] resources.\n",
              "Urges Parties to [provide] [new][additional] resources.\n"},
             {"Urges Parties to provide new and additional resources.\n",
              "Urges Parties to [provide][mobilize] new and additional resources.\n"},
         }) {
        for (const bool swapped : {false, true}) {
            const MergeResult r = swapped ? merged(base, theirs, ours) : merged(base, ours, theirs);
            EXPECT_EQ(r.text, theirs) << ours;
            EXPECT_THAT(r.disagreements, IsEmpty());
        }
    }
    // Words run together made options are another wording: a disagreement.
    const MergeResult options = merged(base, "Urges Parties to provide new additional resources.\n",
                                       "Urges Parties to provide [new][additional] resources.\n");
    EXPECT_EQ(options.disagreements.size(), 1u);
}

// The same change laid out otherwise by one side (a line wrapped inside
// it) is one change, as ours lays it out: never two alternatives of the
// same words (found by a tester's generator).
TEST(MergeInsertions, TheSameChangeWrappedOtherwiseIsOneChange) {
    const std::string base = "Parties shall provide resources to developing countries.\n";
    const std::string ours =
        "Parties shall provide [new and additional] resources to developing "
        "countries.\n";
    const std::string theirs =
        "Parties shall provide [new and\nadditional] resources to "
        "developing countries.\n";
    EXPECT_EQ(merged(base, ours, theirs).text, ours);
    EXPECT_EQ(merged(base, theirs, ours).text, theirs);
    EXPECT_THAT(merged(base, ours, theirs).disagreements, IsEmpty());
}

TEST(MergeInsertions, DifferentTextsOnAnEmptyBaseBecomeAlternativesAndAreReported) {
    const MergeResult r = merged("", "Ours proposes a text.\n", "Theirs proposes another.\n");
    EXPECT_EQ(r.text, "[Ours proposes a text.]\n\n[Theirs proposes another.]\n");
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

// One side adds an option to a group (flush against it), the other a
// bracket of its own after it (set apart by a space): "closely" is no third
// alternative to "cooperate", and both additions stand, either way round.
// A group of 20,000 options, each edited by both sides: every edit stands,
// each named once as the two sides' alternatives. (Each dropped option was
// compared with every added one, re-read each time: such a group took
// minutes, in the merge driver of a pull as much as in merge-file.)
TEST(MergeInsertions, AGroupOfThousandsOfOptionsEditedByBothMergesEveryEditOnce) {
    std::string base, ours, theirs;
    constexpr int kOptions = 20000;
    for (int k = 0; k < kOptions; ++k) {
        const std::string n = std::to_string(k);
        base += "[option " + n + " base]";
        ours += "[option " + n + " ours]";
        theirs += "[option " + n + " theirs]";
    }
    const MergeResult r = merged(base + "\n", ours + "\n", theirs + "\n");
    EXPECT_NE(r.text.find("[option 0 ours]"), std::string::npos);
    EXPECT_NE(r.text.find("[option 19999 theirs]"), std::string::npos);
    EXPECT_EQ(r.text.find("base]"), std::string::npos);
    ASSERT_EQ(r.disagreements.size(), static_cast<std::size_t>(kOptions));
    EXPECT_EQ(r.disagreements[0].kind, DisagreementKind::alternatives);
    EXPECT_EQ(r.disagreements.back().ours, "option 19999 ours");
}

TEST(MergeInsertions, AnOptionForAGroupAndABracketApartFromItBothStand) {
    for (const bool swap : {false, true}) {
        const std::string base = "1. Parties shall [cooperate].\n",
                          option = "1. Parties shall [cooperate][collaborate].\n",
                          apart = "1. Parties shall [cooperate] [closely].\n";
        const MergeResult r = swap ? merged(base, apart, option) : merged(base, option, apart);
        EXPECT_EQ(r.text, "1. Parties shall [cooperate][collaborate] [closely].\n") << swap;
        EXPECT_THAT(r.disagreements, IsEmpty());
    }
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

// Theirs kept base's unclosed "[Pursue" and edited the paragraph; ours
// rewrote it. Wrapped as an option, theirs' wording paired the option's ']'
// with its own stray '[' and left the option's '[' open: as many errors as
// the inputs had, but no alternatives group at all ("][[below 2 C]"). A
// side whose wording holds a bracket that does not pair within it cannot
// stand as an option: that paragraph, as each side wrote it, between
// conflict markers on lines of their own; the rest merges as usual.
TEST(MergeFallback, ASideWhoseStrayBracketWouldCloseAnOptionGivesConflictMarkers) {
    const std::string base =
        "## Article 2\n\n1. Hold the increase in temperature [below 2 C] by deep cuts;\n2. [Pursue "
        "a transformation [towards sustainable development], to foster resilience;\n\n"
        "## Article 3\n\nParties act.\n";
    std::string ours =
        "## Article 2\n\n1. To hold the increase in the global average temperature to well below "
        "2 C;\n2. To pursue sustainable development;\n\n## Article 3\n\nParties act.\n";
    std::string theirs = base;
    theirs.replace(theirs.find("[below 2 C]"), 11, "[below 2 C] [or 1.5 C]");
    // And each side one more change the other did not touch, to be merged.
    ours.replace(ours.find("Parties act."), 12, "Parties act now.");
    theirs.replace(theirs.find("## Article 3"), 12, "## Article 3 (Finance)");
    MergeOptions options;
    options.ours_label = "ours.md";
    options.theirs_label = "theirs.md";
    for (const bool swap : {false, true}) {
        const MergeResult r =
            swap ? merged(base, theirs, ours, options) : merged(base, ours, theirs, options);
        EXPECT_TRUE(r.has_conflict_markers) << r.text;
        EXPECT_NE(r.text.find("\n<<<<<<< "), std::string::npos) << "markers on lines of their own";
        EXPECT_NE(r.text.find("to well below 2 C;\n2. To pursue sustainable development;"),
                  std::string::npos)
            << r.text;
        EXPECT_NE(r.text.find("[below 2 C] [or 1.5 C] by deep cuts;\n2. [Pursue a transformation"),
                  std::string::npos)
            << r.text;
        EXPECT_EQ(r.text.find("]["), std::string::npos) << "no option wraps a stray '['\n"
                                                        << r.text;
        EXPECT_NE(r.text.find("## Article 3 (Finance)\n\nParties act now.\n"), std::string::npos)
            << "the other paragraphs merge\n"
            << r.text;
        ASSERT_EQ(r.disagreements.size(), 1u) << r.text;
        EXPECT_EQ(r.disagreements[0].kind, DisagreementKind::conflict);
    }
}

// The same in an indented paragraph (an Option paragraph of a list, as in
// the Paris texts): the markers stand at the start of their lines, and each
// side's text keeps the indentation it was written with.
TEST(MergeFallback, ConflictMarkersInAnIndentedParagraphStartTheirLines) {
    const std::string base =
        "Intro.\n\n    **Option 2:** Hold [below 2 C] by cuts; [Pursue a transformation "
        "[towards x], to foster resilience;\n\nEnd.\n";
    const std::string ours =
        "Intro.\n\n    **Option 2:** To hold well below 2 C; pursue "
        "development;\n\nEnd.\n";
    std::string theirs = base;
    theirs.replace(theirs.find("[below 2 C]"), 11, "[below 2 C] [or 1.5 C]");
    MergeOptions options;
    options.ours_label = "ours.md";
    options.theirs_label = "theirs.md";
    const MergeResult r = merged(base, ours, theirs, options);
    EXPECT_EQ(r.text,
              "Intro.\n\n<<<<<<< ours.md\n    **Option 2:** To hold well below 2 C; pursue "
              "development;\n\n=======\n    **Option 2:** Hold [below 2 C] [or 1.5 C] by cuts; "
              "[Pursue a transformation [towards x], to foster resilience;\n\n>>>>>>> "
              "theirs.md\nEnd.\n");
}

// A text that already has a stray '[' (an imported compilation, a text
// proposed with --allow-errors) merges as any other where no side's
// wording around it has to stand as an option: the edit of a word beside
// it is taken, the stray left as it was.
TEST(MergeFallback, AStrayBracketNoOptionHoldsLeavesAMergeClean) {
    const std::string base = "1. Parties [shall act on finance;\n\n2. Parties report.\n";
    std::string ours = base, theirs = base;
    ours.replace(ours.find("act on"), 6, "act promptly on");
    theirs.replace(theirs.find("report."), 7, "report annually.");
    const MergeResult r = merged(base, ours, theirs);
    EXPECT_EQ(r.text,
              "1. Parties [shall act promptly on finance;\n\n2. Parties report annually.\n");
    EXPECT_FALSE(r.has_conflict_markers);
    EXPECT_TRUE(r.disagreements.empty());
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

// --- strikes: every word a side proposed to delete stays struck ---------------

// Each way round: the same merge whichever side is ours.
void expect_strikes_united(const std::string& base, const std::string& one,
                           const std::string& other, const std::string& expected) {
    for (const bool swapped : {false, true}) {
        const MergeResult r = swapped ? merged(base, other, one) : merged(base, one, other);
        EXPECT_EQ(r.text, expected) << (swapped ? "swapped" : "as given");
        EXPECT_THAT(r.disagreements, IsEmpty()) << (swapped ? "swapped" : "as given");
    }
}

TEST(MergeStrikes, OverlappingStrikesBecomeOneStrikeOverBoth) {
    // "communicate", struck by both, stays struck; no literal "~~~~".
    expect_strikes_united("Parties shall prepare communicate maintain contributions.\n",
                          "Parties shall ~~prepare communicate~~ maintain contributions.\n",
                          "Parties shall prepare ~~communicate maintain~~ contributions.\n",
                          "Parties shall ~~prepare communicate maintain~~ contributions.\n");
    expect_strikes_united(
        "1. Parties shall regularly prepare, communicate and maintain successive contributions.\n",
        "1. Parties shall ~~regularly prepare, communicate~~ and maintain successive "
        "contributions.\n",
        "1. Parties shall regularly prepare, ~~communicate and maintain~~ successive "
        "contributions.\n",
        "1. Parties shall ~~regularly prepare, communicate and maintain~~ successive "
        "contributions.\n");
}

TEST(MergeStrikes, AStrikeWithinTheOthersIsTheWiderStrike) {
    expect_strikes_united("Parties shall prepare communicate maintain contributions.\n",
                          "Parties shall ~~prepare communicate~~ maintain contributions.\n",
                          "Parties shall ~~prepare communicate maintain~~ contributions.\n",
                          "Parties shall ~~prepare communicate maintain~~ contributions.\n");
    expect_strikes_united("Parties shall prepare communicate maintain contributions.\n",
                          "Parties shall prepare ~~communicate~~ maintain contributions.\n",
                          "Parties shall ~~prepare communicate maintain~~ contributions.\n",
                          "Parties shall ~~prepare communicate maintain~~ contributions.\n");
}

TEST(MergeStrikes, AStrikeOverlappingOneOfTheOthersLeavesItsNextStrikeAsItWas) {
    // Ours' strike takes in theirs' first; theirs' second strike, beside it,
    // reads the same apart, and theirs' new word after it stands unstruck.
    expect_strikes_united("Parties shall prepare communicate maintain contributions.\n",
                          "Parties shall ~~prepare communicate~~ maintain contributions.\n",
                          "Parties shall prepare ~~communicate~~ ~~maintain~~ national "
                          "contributions.\n",
                          "Parties shall ~~prepare communicate~~ ~~maintain~~ national "
                          "contributions.\n");
}

TEST(MergeStrikes, AWordOneSideUnstruckStaysUnstruck) {
    // The base struck "prepare communicate"; ours rejects striking
    // "prepare" while theirs, within the base's strike, strikes "maintain"
    // too: the union would strike "prepare" again, which ours took back.
    const MergeResult r = merged("Parties shall ~~prepare communicate~~ maintain contributions.\n",
                                 "Parties shall prepare ~~communicate~~ maintain contributions.\n",
                                 "Parties shall ~~prepare communicate maintain~~ contributions.\n");
    EXPECT_EQ(r.text, "Parties shall prepare ~~communicate maintain~~ contributions.\n");
}

// --- a deleted paragraph beside a change to the paragraph before it ------------

TEST(MergeDeletedParagraphs, ATagOnThePreviousParagraphStaysApartFromTheDeletion) {
    const std::string base =
        "1. Parties shall strengthen cooperation.\n\n2. Parties shall report regularly.\n\n"
        "3. The CMA shall review.\n";
    const std::string tagged_and_deleted =
        "1. Parties shall strengthen cooperation. (agreed)\n\n3. The CMA shall review.\n";
    const std::string edited =
        "1. Parties shall strengthen cooperation.\n\n2. Parties shall report annually.\n\n"
        "3. The CMA shall review.\n";
    const std::string expected =
        "1. Parties shall strengthen cooperation. (agreed)\n\n[2. Parties shall report "
        "annually.]\n\n3. The CMA shall review.\n";
    const MergeResult r = merged(base, tagged_and_deleted, edited);
    EXPECT_EQ(r.text, expected);
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::edited_deleted, 3)));
    const MergeResult swapped = merged(base, edited, tagged_and_deleted);
    EXPECT_EQ(swapped.text, expected);
    EXPECT_THAT(swapped.disagreements,
                ElementsAre(IsDisagreement(DisagreementKind::edited_deleted, 3)));
}

TEST(MergeDeletedParagraphs, ADeletedAltParagraphKeepsItsLabelBesideATagBeforeIt) {
    const std::string base =
        "1. Parties shall strengthen cooperation.\n\nAlt1: Parties shall [strengthen][improve] "
        "cooperation.\n\n2. Parties shall report.\n";
    const std::string tagged_and_deleted =
        "1. Parties shall strengthen cooperation. (agreed)\n\n2. Parties shall report.\n";
    const std::string edited =
        "1. Parties shall strengthen cooperation.\n\nAlt1: Parties shall "
        "[strengthen][improve][enhance] cooperation.\n\n2. Parties shall report.\n";
    const std::string expected =
        "1. Parties shall strengthen cooperation. (agreed)\n\n[Alt1: Parties shall "
        "[strengthen][improve][enhance] cooperation.]\n\n2. Parties shall report.\n";
    EXPECT_EQ(merged(base, tagged_and_deleted, edited).text, expected);
    EXPECT_EQ(merged(base, edited, tagged_and_deleted).text, expected);
}

// --- a bracket one side lifted, the other inserting beside it -----------------

// Wording one side inserted just before (or after) a bracket the other
// lifted is no edit inside it: the lift stands and the insertion with it,
// in either order of the sides (found by a tester: "[starting in 2020]"
// inserted before "[in accordance with decision 1/CP.21]", which the chair
// had lifted, was read as an edit inside, the bracket put back and the
// merge reported kept-bracketed).
TEST(MergeLiftBesideInsertion, AnInsertionBesideALiftedBracketLeavesTheLift) {
    const std::string base = "Parties shall act [in accordance with 1/CP.21] now.\n";
    const std::string lifted = "Parties shall act in accordance with 1/CP.21 now.\n";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Parties shall act [from 2020] [in accordance with 1/CP.21] now.\n",
         "Parties shall act [from 2020] in accordance with 1/CP.21 now.\n"},
        {"Parties shall act from 2020 [in accordance with 1/CP.21] now.\n",
         "Parties shall act from 2020 in accordance with 1/CP.21 now.\n"},
        {"Parties shall act [in accordance with 1/CP.21] [from 2020] now.\n",
         "Parties shall act in accordance with 1/CP.21 [from 2020] now.\n"}};
    for (const auto& [inserted, expected] : cases) {
        const MergeResult r = merged(base, lifted, inserted);
        EXPECT_EQ(r.text, expected) << inserted;
        EXPECT_THAT(r.disagreements, IsEmpty()) << inserted;
        const MergeResult swapped = merged(base, inserted, lifted);
        EXPECT_EQ(swapped.text, expected) << inserted;
        EXPECT_THAT(swapped.disagreements, IsEmpty()) << inserted;
    }
    // Words inserted inside the bracket are an edit inside: it keeps its marks.
    const MergeResult inside = merged(
        base, lifted, "Parties shall act [from 2020] [also in accordance with 1/CP.21] now.\n");
    EXPECT_EQ(inside.text,
              "Parties shall act [from 2020] [also in accordance with 1/CP.21] now.\n");
    EXPECT_THAT(inside.disagreements,
                ElementsAre(IsDisagreement(DisagreementKind::kept_bracketed, 1)));
}

// --- a heading among paragraphs one side deleted and the other edited ----------

// One side deleted a whole Article, heading and paragraphs, the other
// edited a paragraph of it: the edit stands bracketed, the heading a
// heading still, its words bracketed ("## [Article 8]"), for a bracket
// cannot run across a heading (found by a tester: "[## Article 8 ...]"
// made the heading a paragraph).
TEST(MergeDeletedHeading, AHeadingInADeletionAgainstAnEditStaysAHeading) {
    const std::string base =
        "## Article 8\n\n1. Parties recognize loss and damage.\n\n2. Parties shall cooperate.\n\n"
        "## Article 9\n\n1. Parties shall provide finance.\n";
    const std::string deleted = "## Article 9\n\n1. Parties shall provide finance.\n";
    const std::string edited =
        "## Article 8\n\n1. Parties recognize averting loss and damage.\n\n2. Parties shall "
        "cooperate.\n\n## Article 9\n\n1. Parties shall provide finance.\n";
    const std::string expected =
        "## [Article 8]\n\n[1. Parties recognize averting loss and damage.\n\n2. Parties shall "
        "cooperate.]\n\n## Article 9\n\n1. Parties shall provide finance.\n";
    const MergeResult r = merged(base, deleted, edited);
    EXPECT_EQ(r.text, expected);
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::edited_deleted, 1)));
    const MergeResult swapped = merged(base, edited, deleted);
    EXPECT_EQ(swapped.text, expected);
    EXPECT_THAT(swapped.disagreements,
                ElementsAre(IsDisagreement(DisagreementKind::edited_deleted, 1)));
}

// --- whole texts added at one path ---------------------------------------

// Two texts whose front matter gives different ids, added where no text
// was (git's add/add): two texts, not two positions on one. Both as they
// stand, between conflict markers, never one id taken and the other's text
// joined to it.
TEST(MergeAddedTexts, DifferentIdsAreLeftBetweenConflictMarkers) {
    MergeOptions options;
    options.ours_label = "main";
    options.theirs_label = "g1";
    const std::string ours = "---\nid: B-1\n---\nAlpha text about water.\n",
                      theirs = "---\nid: B-2\n---\nOceans and fisheries.\n";
    const MergeResult r = merged("", ours, theirs, options);
    EXPECT_EQ(r.text, "<<<<<<< main\n" + ours + "=======\n" + theirs + ">>>>>>> g1\n");
    EXPECT_TRUE(r.has_conflict_markers);
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::conflict, 1)));
    // The same id: one text, its two wordings as alternatives.
    const MergeResult same = merged("", ours, "---\nid: B-1\n---\nOceans and fisheries.\n");
    EXPECT_EQ(same.text,
              "---\nid: B-1\n---\n[Alpha text about water.]\n\n[Oceans and fisheries.]\n");
    EXPECT_FALSE(same.has_conflict_markers);
    // The same id written quoted, or with a comment after it, as YAML reads it.
    for (const std::string id : {"'B-1'", "\"B-1\"", "B-1  # water", "B-1\t"}) {
        const MergeResult quoted =
            merged("", ours, "---\nid: " + id + "\n---\nOceans and fisheries.\n");
        EXPECT_FALSE(quoted.has_conflict_markers) << id << ": " << quoted.text;
    }
}

}  // namespace
}  // namespace accord
