// diff_sequences and diff_sequences_anchored: every script they give turns
// the first sequence into the second, on random inputs small enough to hit
// every branch (no element unique to both sides, empty sides, repeats).
#include <gtest/gtest.h>

#include <random>

#include "merge/diff/sequence_diff.hpp"

namespace accord {
namespace {

using Sequence = std::vector<std::uint32_t>;

// Walks the script: each element of `a` once, removed or common, each of
// `b` once, added or common, in order, commons equal.
void expect_valid_script(const Sequence& a, const Sequence& b, const std::vector<Edit>& script) {
    std::uint32_t i = 0, j = 0;
    for (const Edit& e : script) {
        switch (e.kind) {
            case EditKind::common:
                ASSERT_EQ(e.old_index, i);
                ASSERT_EQ(e.new_index, j);
                ASSERT_EQ(a[i], b[j]);
                ++i, ++j;
                break;
            case EditKind::removed:
                ASSERT_EQ(e.old_index, i);
                ++i;
                break;
            case EditKind::added:
                ASSERT_EQ(e.new_index, j);
                ++j;
                break;
        }
    }
    EXPECT_EQ(i, a.size());
    EXPECT_EQ(j, b.size());
}

TEST(SequenceDiff, NoElementUniqueToBothSides) {
    const Sequence a = {1, 1, 2, 2}, b = {2, 2, 1, 1, 1};
    expect_valid_script(a, b, diff_sequences_anchored(a, b));
    expect_valid_script(a, b, diff_sequences(a, b));
}

TEST(SequenceDiff, RandomSmallSequences) {
    std::mt19937 rng(7);
    for (int round = 0; round < 20000; ++round) {
        Sequence a(rng() % 8), b(rng() % 8);
        for (auto& x : a) x = rng() % 5;
        for (auto& x : b) x = rng() % 5;
        SCOPED_TRACE("round " + std::to_string(round));
        expect_valid_script(a, b, diff_sequences_anchored(a, b));
        expect_valid_script(a, b, diff_sequences(a, b));
        if (HasFatalFailure()) return;
    }
}

// Paragraph-like input: mostly unique elements, a few changed.
TEST(SequenceDiff, AnchoredKeepsEveryUnchangedParagraph) {
    Sequence a(400), b;
    for (std::uint32_t k = 0; k < a.size(); ++k) a[k] = k;
    for (std::uint32_t k = 0; k < a.size(); ++k) {
        if (k % 10 == 3) continue;                // deleted
        b.push_back(k % 10 == 7 ? 1000 + k : k);  // replaced
        if (k % 50 == 0) b.push_back(5000 + k);   // added
    }
    const std::vector<Edit> script = diff_sequences_anchored(a, b);
    expect_valid_script(a, b, script);
    std::size_t common = 0;
    for (const Edit& e : script) common += e.kind == EditKind::common;
    EXPECT_EQ(common, 400u - 40u - 40u);
}

}  // namespace
}  // namespace accord
