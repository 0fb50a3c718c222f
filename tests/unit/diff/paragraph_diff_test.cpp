// The paragraph diff from tokens interned elsewhere (merge/diff/paragraph_diff.hpp):
// an interner that has seen other texts first, in any order, gives the
// very diff a fresh interner gives, ids included, so that `accord log`
// (one interner for a whole history) and `accord diff` (one per pair) say
// the same of a pair of versions.
#include "merge/diff/paragraph_diff.hpp"

#include <gtest/gtest.h>

#include "core/notation/parse.hpp"
#include "merge/diff/structural_diff.hpp"

namespace accord {
namespace {

const char* const kBefore =
    "---\nstatus: draft\n---\n"
    "1. The Parties [shall][should] hold the increase [well below 2 °C][below 1.5 °C].\n\n"
    "2. Each Party shall communicate a ~~nationally~~ determined contribution.\n\n"
    "Option 1: The purpose of this Agreement is to strengthen the response.\n\n"
    "Option 2: [Deleted]\n";
const char* const kAfter =
    "---\nstatus: open\n---\n"
    "1. The Parties shall hold the increase well below 2 °C and pursue efforts.\n\n"
    "Option 1: The purpose of this Agreement is to strengthen the global response.\n\n"
    "2. Each Party shall communicate a nationally determined contribution [every five years].\n\n"
    "3. Finance flows shall be made consistent with a pathway.\n";
// What the interner sees first: other texts, other words, in another order.
const char* const kElsewhere =
    "Zeta epsilon delta [gamma] beta alpha. Finance pathway consistent increase.\n\n"
    "**Option 3:** 1.5 °C below the [Deleted] response purpose.\n";

void expect_same(const ParagraphDiff& x, const ParagraphDiff& y) {
    EXPECT_EQ(x.old_ids, y.old_ids);
    EXPECT_EQ(x.new_ids, y.new_ids);
    EXPECT_EQ(x.old_to_new, y.old_to_new);
    EXPECT_EQ(x.new_to_old, y.new_to_old);
    ASSERT_EQ(x.script.size(), y.script.size());
    for (std::size_t k = 0; k < x.script.size(); ++k) {
        EXPECT_EQ(x.script[k].kind, y.script[k].kind) << k;
        EXPECT_EQ(x.script[k].old_index, y.script[k].old_index) << k;
        EXPECT_EQ(x.script[k].new_index, y.script[k].new_index) << k;
    }
    ASSERT_EQ(x.blocks.size(), y.blocks.size());
    for (std::size_t b = 0; b < x.blocks.size(); ++b)
        EXPECT_EQ(x.blocks[b].pairing.kind, y.blocks[b].pairing.kind) << b;
}

TEST(ParagraphDiff, TokensInternedByAnInternerThatSawOtherTextsGiveTheSameDiff) {
    const Document before = parse(kBefore), after = parse(kAfter), other = parse(kElsewhere);
    const ParagraphDiff fresh = diff_paragraphs(before, after);
    // The ids are numbered in order of first appearance, the older text first.
    ASSERT_FALSE(fresh.old_ids.empty());
    std::uint32_t next = 5;
    for (const auto* ids : {&fresh.old_ids, &fresh.new_ids}) {
        for (const std::uint32_t id : *ids) {
            ASSERT_LE(id, next);
            if (id == next) ++next;
        }
    }

    // The newer text first, the older through it (as log does), after another text.
    TokenInterner log_like;
    log_like.skip_unit_ids();
    log_like.intern(other);
    const InternedTokens newer = log_like.intern(after);
    const InternedTokens older = log_like.intern(before, after, newer);
    expect_same(diff_paragraphs(before, after, older, newer), fresh);

    // Units interned too, the older text first, another text between.
    TokenInterner with_units;
    const InternedTokens a = with_units.intern(before);
    with_units.intern(other);
    const InternedTokens b = with_units.intern(after);
    expect_same(diff_paragraphs(before, after, a, b), fresh);

    const auto told = [](const std::vector<Change>& changes) {
        std::string out;
        for (const Change& c : changes)
            out += std::string(to_string(c.kind)) + " '" + c.text + "' " +
                   std::to_string(c.old_range.begin) + " " + std::to_string(c.new_range.begin) +
                   " '" + c.before + "'\n";
        return out;
    };
    const std::string expected = told(structural_diff(before, after));
    EXPECT_NE(expected.find("option-chosen"), std::string::npos) << expected;
    EXPECT_EQ(told(structural_diff(before, after, older, newer)), expected);
}

TEST(ParagraphDiff, SkippedUnitsAreFoundButNotInterned) {
    const Document d = parse("One [two] three.\n\nFour five.\n");
    TokenInterner interner;
    interner.skip_unit_ids();
    const InternedTokens t = interner.intern(d);
    ASSERT_EQ(t.unit_ids.size(), 2u);
    for (const std::uint32_t id : t.unit_ids) EXPECT_EQ(id, kNone);
    EXPECT_EQ(t.unit_first,
              (std::vector<std::uint32_t>{0, t.unit_first[1], std::uint32_t(t.tokens.size())}));
    for (const std::uint32_t id : t.ids) EXPECT_NE(id, kNone);
    EXPECT_THROW(interner.keep_unit_digests(), std::logic_error);
    TokenInterner used;
    used.intern(d);
    EXPECT_THROW(used.skip_unit_ids(), std::logic_error);
}

}  // namespace
}  // namespace accord
