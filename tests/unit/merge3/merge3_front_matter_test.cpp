// The front matter's lists of delegations (`sponsors`) merged name by name:
// what is united, in what order and style, and what is left to the
// one-value merge (a disagreement, the other side's value kept as a
// comment). The golden cases front-matter-sponsors-* show the whole texts.
#include <gtest/gtest.h>

#include "merge/merge3/merge3.hpp"
#include "support/matchers.hpp"

namespace accord {
namespace {

using test::ElementsAre;
using test::IsDisagreement;
using test::IsEmpty;

std::string text_with(const std::string& front_matter_lines) {
    return "---\nid: A-1\n" + front_matter_lines + "---\nRecognizes the role of [governments].\n";
}

MergeResult merged(const std::string& base, const std::string& ours, const std::string& theirs,
                   const MergeOptions& options = {}) {
    return merge3(text_with(base), text_with(ours), text_with(theirs), options);
}

TEST(MergeSponsors, EachSidesAdditionsAreUnitedAfterTheBasesNames) {
    const MergeResult r =
        merged("sponsors: [Japan, Sweden]\n", "sponsors: [Japan, Sweden, Brazil]\n",
               "sponsors: [Japan, Sweden, India]\n");
    EXPECT_EQ(r.text, text_with("sponsors: [Japan, Sweden, Brazil, India]\n"));
    EXPECT_THAT(r.disagreements, IsEmpty());
}

TEST(MergeSponsors, AWithdrawalStandsThoughTheOtherSideKeptTheName) {
    const MergeResult r =
        merged("sponsors: [Japan, Sweden, Norway]\n", "sponsors: [Japan, Norway, Brazil]\n",
               "sponsors: [Japan, Sweden, Norway, India]\n");
    EXPECT_EQ(r.text, text_with("sponsors: [Japan, Norway, Brazil, India]\n"));
    EXPECT_THAT(r.disagreements, IsEmpty());
}

TEST(MergeSponsors, BothWithdrawingANameRemoveItOnce) {
    const MergeResult r =
        merged("sponsors: [Japan, Sweden, Norway]\n", "sponsors: [Japan, Norway, Brazil]\n",
               "sponsors: [Japan, Norway]\n"
               "title: Cooperation\n");
    EXPECT_EQ(r.text, text_with("sponsors: [Japan, Norway, Brazil]\ntitle: Cooperation\n"));
    EXPECT_THAT(r.disagreements, IsEmpty());
}

TEST(MergeSponsors, ANameBothAddedComesInOnce) {
    const MergeResult r = merged("sponsors: [Japan]\n", "sponsors: [Japan, Brazil, India]\n",
                                 "sponsors: [Japan, \"India\", Chile]\n");
    EXPECT_EQ(r.text, text_with("sponsors: [Japan, Brazil, India, Chile]\n"));
    EXPECT_THAT(r.disagreements, IsEmpty());
}

TEST(MergeSponsors, AKeyTheBaseLackedIsUnitedFromNothing) {
    const MergeResult r = merged("", "sponsors: [Brazil]\n", "sponsors:\n  - India\n");
    EXPECT_EQ(r.text, text_with("sponsors: [Brazil, India]\n"));
    EXPECT_THAT(r.disagreements, IsEmpty());
}

TEST(MergeSponsors, OursSpacingAndBlockStyleAreKept) {
    EXPECT_EQ(merged("sponsors: [ Japan ]\n", "sponsors: [ Japan,Brazil ]\n",
                     "sponsors: [Japan, India]\n")
                  .text,
              text_with("sponsors: [ Japan,Brazil,India ]\n"));
    EXPECT_EQ(merged("sponsors: [Japan]\n", "sponsors:\n- Japan\n- Brazil\n",
                     "sponsors: [Japan, India]\n")
                  .text,
              text_with("sponsors:\n- Japan\n- Brazil\n- India\n"));
}

TEST(MergeSponsors, AllWithdrawnLeavesAnEmptyList) {
    const MergeResult r = merged("sponsors:\n  - Japan\n  - Sweden\n", "sponsors:\n  - Sweden\n",
                                 "sponsors:\n  - Japan\n  - Norway\n");
    EXPECT_EQ(r.text, text_with("sponsors:\n  - Norway\n"));
    EXPECT_EQ(merged("sponsors:\n  - Japan\n  - Sweden\n", "sponsors:\n  - Sweden\n",
                     "sponsors:\n  - Japan\n")
                  .text,
              text_with("sponsors: []\n"));
}

// What the list reader does not read as plain names, or a change the union
// would drop, is settled as any key both changed: ours, theirs as a comment.
TEST(MergeSponsors, WhatIsNotAPlainListOfNamesStaysADisagreement) {
    const char* const ours_values[] = {
        "sponsors: [Sweden, Japan, Brazil]\n",     // the base's names reordered
        "sponsors: &s [Japan, Sweden, Brazil]\n",  // an anchor
        "sponsors: [Japan, Sweden, [Brazil, Chile]]\n",
        "sponsors: [Japan, Sweden, \"Bra\\u007ail\"]\n",  // an escape
        "sponsors: [Japan, Sweden, Brazil]  # joined on the 25th\n",
        "sponsors: [Japan, Sweden,\n  Brazil]\n",  // a flow over two lines
        "sponsors: [Japan, Sweden, Brazil, Brazil]\n",
        "sponsors: Japan, Sweden and Brazil\n",
        "sponsors:\n  - Japan\n  - Sweden\n\n  - Brazil\n",
        "sponsors:\n  - Japan\n  - Sweden\n  - {name: Brazil}\n",
    };
    for (const char* ours : ours_values) {
        SCOPED_TRACE(ours);
        const MergeResult r =
            merged("sponsors: [Japan, Sweden]\n", ours, "sponsors: [Japan, Sweden, India]\n");
        EXPECT_EQ(r.text, text_with(std::string(ours) +
                                    "# sponsors, as the other side proposed: [Japan, Sweden, "
                                    "India]\n"));
        EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::metadata, 1)));
    }
}

TEST(MergeSponsors, ASideThatDeletedTheKeyStaysADisagreement) {
    const MergeResult r =
        merged("sponsors: [Japan]\n", "title: Cooperation\n", "sponsors: [Japan, India]\n");
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::metadata, 1)));
}

// Only the key the notation names a list of delegations is united: other
// lists are one value each, whatever their names.
TEST(MergeSponsors, OtherListsAreNotUnited) {
    for (const std::string key : {"tags", "supporters", "co-sponsors", "objections"}) {
        SCOPED_TRACE(key);
        const MergeResult r = merged(key + ": [a]\n", key + ": [a, b]\n", key + ": [a, c]\n");
        EXPECT_EQ(r.text,
                  text_with(key + ": [a, b]\n# " + key + ", as the other side proposed: [a, c]\n"));
        EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::metadata, 1)));
    }
}

}  // namespace
}  // namespace accord
