// A paragraph each side has once never stands twice in the merge: where
// both sides moved or changed the paragraphs around one they both have, the
// diffs read each side's copy as its own addition (found by a randomized
// merge checker: shapes shrunk from its failing merges).
#include <gtest/gtest.h>

#include <string>

#include "merge/merge3/merge3.hpp"
#include "merge/merge3/merge3_moves.hpp"

namespace accord {
namespace {

// How many times `paragraph` stands as a whole paragraph of `text`, its
// number aside.
int standing(const std::string& text, const std::string& paragraph) {
    int n = 0;
    for (std::size_t at = text.find(paragraph); at != std::string::npos;
         at = text.find(paragraph, at + 1)) {
        const bool starts =
            at == 0 || text[at - 1] == '\n' || text[at - 1] == ' ' || text[at - 1] == '[';
        const std::size_t end = at + paragraph.size();
        const bool ends = end == text.size() || text[end] == '\n' || text[end] == ']';
        if (starts && ends) ++n;
    }
    return n;
}

MergeResult merged(const std::string& base, const std::string& ours, const std::string& theirs,
                   bool swap) {
    return swap ? merge3(base, theirs, ours, MergeOptions{})
                : merge3(base, ours, theirs, MergeOptions{});
}

const std::string kRecalls = "Recalls its decision 1/CP.19.";
const std::string kDecides = "Decides to review progress at its next session.";
const std::string kWelcomes = "Welcomes the regional initiatives on enhanced cooperation.";
const std::string kUrges = "Urges Parties to communicate their contributions.";

std::string text(std::initializer_list<std::string> paragraphs) {
    std::string t;
    for (const std::string& p : paragraphs) t += (t.empty() ? "" : "\n\n") + p;
    return t + "\n";
}

// Both moved the first paragraph to the end, and both added one beside it:
// one before it, the other after it. The added paragraph stood twice; it
// stands once, the two places a moved-apart disagreement.
TEST(MergeStandingOnce, AParagraphBothAddedBesideOneBothMovedStandsOnce) {
    const std::string base = text({kRecalls, kDecides});
    const std::string ours = text({kDecides, kWelcomes, kRecalls});
    const std::string theirs = text({kDecides, kRecalls, kWelcomes});
    for (const bool swap : {false, true}) {
        SCOPED_TRACE(swap ? "swapped" : "as given");
        const MergeResult result = merged(base, ours, theirs, swap);
        EXPECT_EQ(result.text, text({kDecides, kWelcomes, kRecalls}));
        ASSERT_EQ(result.disagreements.size(), 1u);
        EXPECT_EQ(result.disagreements[0].kind, DisagreementKind::moved_apart);
        EXPECT_EQ(result.disagreements[0].key, kWelcomes);
        EXPECT_EQ(result.disagreements[0].line, 3u);
    }
}

// One side put a new paragraph in place of the last one; the other moved
// the first to the end and added the same new paragraph first. Numbered or
// not, it stood twice.
TEST(MergeStandingOnce, AParagraphAddedInPlaceOfOneAndBeforeAMovedOneStandsOnce) {
    for (const bool numbered : {false, true}) {
        SCOPED_TRACE(numbered ? "numbered" : "plain");
        const auto n = [&](int k, const std::string& p) {
            return numbered ? std::to_string(k) + ". " + p : p;
        };
        const std::string base = text({n(1, kRecalls), n(2, kUrges)});
        const std::string ours = text({n(1, kRecalls), n(2, kWelcomes)});
        const std::string theirs = text({n(1, kWelcomes), n(2, kUrges), n(3, kRecalls)});
        for (const bool swap : {false, true}) {
            SCOPED_TRACE(swap ? "swapped" : "as given");
            const MergeResult result = merged(base, ours, theirs, swap);
            EXPECT_EQ(standing(result.text, kWelcomes), 1) << result.text;
            EXPECT_EQ(standing(result.text, kRecalls), 1) << result.text;
        }
    }
}

// A heading the base and both sides have once: one side moved the heading
// above it up and swapped two paragraphs, the other deleted one of them and
// moved the paragraph after the heading above it. The heading stood twice,
// the second copy last.
TEST(MergeStandingOnce, AHeadingEveryTextHasOnceStandsOnce) {
    const std::string option = "Option 3: Invites Parties to submit their views.";
    const std::string base = text({"1. " + kWelcomes, "## Finance", "2. " + kDecides,
                                   "3. " + kUrges, "## Adaptation", "4. " + option});
    const std::string ours = text({"## Finance", "1. " + kWelcomes, "2. " + kUrges,
                                   "3. " + kDecides, "## Adaptation", "4. " + option});
    const std::string theirs =
        text({"1. " + kWelcomes, "## Finance", "2. " + kDecides, "3. " + option, "## Adaptation"});
    for (const bool swap : {false, true}) {
        SCOPED_TRACE(swap ? "swapped" : "as given");
        const MergeResult result = merged(base, ours, theirs, swap);
        EXPECT_EQ(standing(result.text, "## Adaptation"), 1) << result.text;
        for (const std::string& kept : {kWelcomes, kDecides, kUrges, option})
            EXPECT_EQ(standing(result.text, kept), 1) << kept << "\n" << result.text;
    }
}

// What is not a copy the merge made stays: a paragraph a side has twice,
// labels both sides wrote over options of their own, a copy a strike runs
// across.
TEST(MergeStandingOnce, OnlyCopiesNeitherSideWroteAreTakenOut) {
    const std::string twice = text({kRecalls, kWelcomes, kDecides, kWelcomes});
    EXPECT_FALSE(stand_once(twice, text({kRecalls}), twice, text({kRecalls, kWelcomes})));
    const std::string labels = text({"**Option 1:**", kWelcomes, "**Option 1:**", kUrges});
    EXPECT_FALSE(stand_once(labels, text({kRecalls}), text({"**Option 1:**", kWelcomes}),
                            text({"**Option 1:**", kUrges})));
    // Each of two alternatives holds the paragraphs its side has around its
    // change: the copy in the second is theirs' wording, not a copy.
    const std::string ours = text({kRecalls, kWelcomes, kDecides}),
                      theirs = text({kUrges, kWelcomes, kDecides});
    const std::string alternatives =
        text({"[" + kRecalls, kWelcomes, kDecides + "][" + kUrges, kWelcomes, kDecides + "]"});
    EXPECT_FALSE(stand_once(alternatives, text({kWelcomes, kDecides}), ours, theirs));
    const std::string struck = text({kWelcomes, "~~" + kRecalls, kWelcomes, kDecides + "~~"});
    EXPECT_FALSE(stand_once(struck, text({kRecalls}), text({kRecalls, kWelcomes}),
                            text({kWelcomes, kDecides})));
    // A copy taken out: its lines are reported, the text closes up.
    const std::optional<StandingOnce> once =
        stand_once(text({kWelcomes, kRecalls, kWelcomes}), text({kRecalls}),
                   text({kWelcomes, kRecalls}), text({kRecalls, kWelcomes}));
    ASSERT_TRUE(once);
    EXPECT_EQ(once->text, text({kWelcomes, kRecalls}));
    ASSERT_EQ(once->taken_out.size(), 1u);
    EXPECT_EQ(once->taken_out[0].first, 5u);
    EXPECT_EQ(once->taken_out[0].count, 1u);
    ASSERT_EQ(once->moved_apart.size(), 1u);
    EXPECT_EQ(once->moved_apart[0].theirs_after, kRecalls + "\n");
}

}  // namespace
}  // namespace accord
