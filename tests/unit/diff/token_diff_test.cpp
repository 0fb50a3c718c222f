// Interning in two steps (merge/diff/token_diff.hpp): interning only the units
// the paragraph diff leaves unmatched gives the diff that interning
// everything gives.
#include <gtest/gtest.h>

#include "core/notation/parse.hpp"
#include "merge/diff/token_diff.hpp"
#include "support/merge_scenarios.hpp"

namespace accord {
namespace {

void expect_same(const TokenDiff& x, const TokenDiff& y) {
    ASSERT_EQ(x.script.size(), y.script.size());
    for (std::size_t k = 0; k < x.script.size(); ++k) {
        EXPECT_EQ(x.script[k].kind, y.script[k].kind) << k;
        EXPECT_EQ(x.script[k].old_index, y.script[k].old_index) << k;
        EXPECT_EQ(x.script[k].new_index, y.script[k].new_index) << k;
    }
    EXPECT_EQ(x.old_to_new, y.old_to_new);
    EXPECT_EQ(x.new_to_old, y.new_to_old);
}

// Both sides' changed units interned, as merge3 does.
TokenDiff diff_changed_only(TokenInterner& interner, const Document& before,
                            const Document& after) {
    InternedTokens b = interner.intern_units(before), a = interner.intern_units(after);
    const ChangedUnits changed = changed_units(b, a);
    for (std::uint32_t u = 0; u < changed.before.size(); ++u) {
        if (changed.before[u]) interner.intern_unit_tokens(before, b, u);
    }
    for (std::uint32_t u = 0; u < changed.after.size(); ++u) {
        if (changed.after[u]) interner.intern_unit_tokens(after, a, u);
    }
    return diff_interned(b, a);
}

TEST(TokenDiff, InternUnitsLeavesTokenIdsUnset) {
    const Document d = parse("One [two] three.\n\nFour five.\n");
    TokenInterner interner;
    InternedTokens t = interner.intern_units(d);
    ASSERT_EQ(t.unit_ids.size(), 2u);
    ASSERT_EQ(t.unit_first.size(), 3u);
    for (std::uint32_t id : t.ids) EXPECT_EQ(id, kNone);
    interner.intern_unit_tokens(d, t, 1);
    for (std::uint32_t k = 0; k < t.ids.size(); ++k)
        EXPECT_EQ(t.ids[k] == kNone, k < t.unit_first[1]) << k;
}

TEST(TokenDiff, ChangedUnitsAreTheUnmatchedParagraphs) {
    // A unit is a paragraph with the break after it.
    const Document before = parse("Alpha.\n\nBeta [gamma].\n\nDelta.\n\nOmega.\n");
    const Document after = parse("Alpha.\n\nBeta [gamma][epsilon].\n\nDelta.\n\nZeta.\n\nOmega.\n");
    TokenInterner interner;
    const ChangedUnits changed =
        changed_units(interner.intern_units(before), interner.intern_units(after));
    EXPECT_EQ(changed.before, (std::vector<bool>{false, true, false, false}));
    EXPECT_EQ(changed.after, (std::vector<bool>{false, true, false, true, false}));
}

TEST(TokenDiff, InterningChangedUnitsOnlyGivesTheSameDiff) {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        const test::MergeScenario s = test::random_scenario(seed);
        const Document base = parse(s.base), ours = parse(s.ours);
        TokenInterner all, some;
        expect_same(diff_interned(all.intern(base), all.intern(ours)),
                    diff_changed_only(some, base, ours));
    }
}

}  // namespace
}  // namespace accord

namespace accord {
namespace {

// Paragraphs keyed by their digest get the very ids keying them by their
// bytes gives, for versions that share some paragraphs and not others.
TEST(TokenInterner, UnitsKeyedByDigestGetTheIdsTheirBytesGet) {
    const Document versions[] = {parse("One [two].\n\nThree four.\n\nFive.\n"),
                                 parse("One [two].\n\nThree, four.\n\nFive.\n"),
                                 parse("Five.\n\nOne [two].\n\nThree four.\n"),
                                 parse("One [two].\n\nSix.\n")};
    TokenInterner by_bytes, by_digest;
    by_digest.key_units_by_digest();
    for (const Document& d : versions) {
        const InternedTokens a = by_bytes.intern(d), b = by_digest.intern(d);
        EXPECT_EQ(a.unit_ids, b.unit_ids);
        EXPECT_EQ(a.ids, b.ids);
    }
    EXPECT_EQ(by_bytes.ids_given(), by_digest.ids_given());
    TokenInterner used;
    used.intern(versions[0]);
    EXPECT_THROW(used.key_units_by_digest(), std::logic_error);
}

}  // namespace
}  // namespace accord
