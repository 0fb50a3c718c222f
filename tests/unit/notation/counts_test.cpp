#include "core/notation/counts.hpp"

#include <gtest/gtest.h>

#include "core/notation/parse.hpp"

namespace accord {
namespace {

TEST(Counts, OptionsFollowTheDocumentedRule) {
    // group of [a] and [b / c]: 1 + 2 = 3; lone [d / e / f]: 3; lone [g]: 0.
    const DocumentCounts c = count(parse("[a][b / c] [d / e / f] [g]"));
    EXPECT_EQ(c.brackets, 4u);
    EXPECT_EQ(c.alternatives_groups, 1u);
    EXPECT_EQ(c.options, 6u);
}

TEST(Counts, EverythingCounted) {
    const DocumentCounts c =
        count(parse("P1 [a [b]] ~~c~~ (agreed)\n\nAlt: x (revisit)\n\nOption 2: y (agreed)\n\n]"));
    EXPECT_EQ(c.paragraphs, 4u);
    EXPECT_EQ(c.brackets, 2u);
    EXPECT_EQ(c.max_depth, 2u);
    EXPECT_EQ(c.strikes, 1u);
    EXPECT_EQ(c.alternative_paragraphs, 2u);
    EXPECT_EQ(c.paragraphs_by_status.at("agreed"), 2u);
    EXPECT_EQ(c.paragraphs_by_status.at("revisit"), 1u);
    EXPECT_EQ(c.errors, 1u);
}

TEST(Counts, Sum) {
    DocumentCounts a = count(parse("[a] (agreed)"));
    a += count(parse("[b][c] (agreed)"));
    EXPECT_EQ(a.brackets, 3u);
    EXPECT_EQ(a.paragraphs_by_status.at("agreed"), 2u);
}

TEST(Counts, LabelOrdinal) {
    using Kind = LabelOrdinal::Kind;
    EXPECT_EQ(label_ordinal("Alt1:"), (LabelOrdinal{Kind::number, 1}));
    EXPECT_EQ(label_ordinal("Alt0:"), (LabelOrdinal{Kind::number, 0}));
    EXPECT_EQ(label_ordinal("**Option 12:**"), (LabelOrdinal{Kind::number, 12}));
    EXPECT_EQ(label_ordinal("**Option I:**"), (LabelOrdinal{Kind::roman, 1}));
    EXPECT_EQ(label_ordinal("**Option IV:**"), (LabelOrdinal{Kind::roman, 4}));
    EXPECT_EQ(label_ordinal("Option A"), (LabelOrdinal{Kind::letter, 1}));
    EXPECT_EQ(label_ordinal("Option b:"), (LabelOrdinal{Kind::letter, 2}));
    EXPECT_EQ(label_ordinal("Alt 2."), (LabelOrdinal{Kind::number, 2}));
    EXPECT_EQ(label_ordinal("ALT E.1:"), (LabelOrdinal{Kind::number, 1}));
    EXPECT_EQ(label_ordinal("ALT E.2:"), (LabelOrdinal{Kind::number, 2}));
    EXPECT_EQ(label_ordinal("Alt:"), LabelOrdinal{});
    EXPECT_EQ(label_ordinal("Alt."), LabelOrdinal{});
}

// Alternative paragraphs are alternatives too: Options 1-3 (the first one
// continued by an unlabelled paragraph) are one group of three; a paragraph
// and the "Alt:" after it, one group of two; Options A-B nested in Option 2
// of an outer group, a group of their own.
TEST(Counts, GroupsOfAlternativeParagraphs) {
    const DocumentCounts options = count(
        parse("1. To hold the increase to\n\n**Option 1:** below 2 degrees,\n\ntaking into "
              "account science;\n\n**Option 2:** well below 2 degrees,\n\n**Option 3:** below "
              "1.5 degrees,\n"));
    EXPECT_EQ(options.alternative_paragraphs, 3u);
    EXPECT_EQ(options.alternatives_groups, 1u);
    EXPECT_EQ(options.options, 3u);

    const DocumentCounts alt =
        count(parse("To assess [regularly][periodically] the implementation.\n\nAlt: To "
                    "identify best practices.\n\nNext recommendation.\n\nAlt: Another.\n"));
    EXPECT_EQ(alt.alternatives_groups, 3u);  // the bracket group and two paragraph groups
    EXPECT_EQ(alt.options, 2u + 2u + 2u);

    const DocumentCounts nested =
        count(parse("Option 1: one.\n\nOption 2: two, either\n\nOption A: a\n\nOption B: b\n"));
    EXPECT_EQ(nested.alternatives_groups, 2u);
    EXPECT_EQ(nested.options, 4u);

    // Alt0, Alt1, Alt2 (the WGEC compilation numbers from 0): one group.
    const DocumentCounts from_zero =
        count(parse("Base.\n\nAlt0: zero.\n\nAlt1: one.\n\nAlt2. two.\n\nLater text.\n"));
    EXPECT_EQ(from_zero.alternatives_groups, 1u);
    EXPECT_EQ(from_zero.options, 3u);
}

}  // namespace
}  // namespace accord
