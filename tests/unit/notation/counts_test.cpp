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

}  // namespace
}  // namespace accord
