// diff_sequences and diff_sequences_anchored: every script they give turns
// the first sequence into the second, on random inputs small enough to hit
// every branch (no element unique to both sides, empty sides, repeats).
#include <gtest/gtest.h>

#include <random>

#include "merge/diff/bounded_myers.hpp"
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

// A paragraph of 3,200 words from a vocabulary of 200, rewritten: no word is
// unique, so nothing anchors, and dtl's search restarted twice and gave
// common pairs of unequal words (blame then looped forever on the mapping).
TEST(SequenceDiff, LongRepetitiveRewriteGivesAValidScript) {
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        std::mt19937 rng(seed);
        Sequence a, b;
        constexpr std::uint32_t kSpace = 100000;
        for (int k = 0; k < 3200; ++k) a.push_back(rng() % 200), a.push_back(kSpace);
        for (int k = 0; k < 3200 + int(rng() % 50); ++k)
            b.push_back(rng() % 200), b.push_back(kSpace);
        SCOPED_TRACE("seed " + std::to_string(seed));
        const std::vector<Edit> script = diff_sequences(a, b);
        expect_valid_script(a, b, script);
        std::size_t common = 0;
        for (const Edit& e : script) common += e.kind == EditKind::common;
        EXPECT_GE(common, 3200u);  // at least the spaces between the words
    }
}

// Just within dtl's size, stretches sharing little make its search record
// more than 2,000,000 points and restart once: the script still holds.
TEST(SequenceDiff, HeavilyChangedStretchesAtDtlsSizeGiveAValidScript) {
    std::mt19937 rng(11);
    Sequence a, b;
    for (int k = 0; k < 2040; ++k) a.push_back(rng() % 40), b.push_back(40 + rng() % 40);
    for (int k = 0; k < 2040; k += 7) b[k] = a[k];
    expect_valid_script(a, b, diff_sequences(a, b));
}

std::size_t common_count(const MyersChanges& changes, std::size_t size_a) {
    std::size_t removed = 0;
    for (auto r : changes.removed) removed += r;
    return size_a - removed;
}

std::size_t longest_common_subsequence(const Sequence& a, const Sequence& b) {
    std::vector<std::size_t> row(b.size() + 1, 0), next(b.size() + 1, 0);
    for (std::size_t i = a.size(); i-- > 0;) {
        for (std::size_t j = b.size(); j-- > 0;)
            next[j] = a[i] == b[j] ? row[j + 1] + 1 : std::max(row[j], next[j + 1]);
        std::swap(row, next);
    }
    return row[0];
}

// Unbounded, the search is exact: as many common elements as the longest
// common subsequence. Bounded, it is still a valid script (the same number of
// elements kept on both sides, each pair equal is checked by diff_sequences).
TEST(BoundedMyers, ExactWhenUnboundedValidWhenBounded) {
    std::mt19937 rng(5);
    for (int round = 0; round < 300; ++round) {
        Sequence a(rng() % 120), b(rng() % 120);
        const std::uint32_t vocabulary = 1 + rng() % 12;
        for (auto& x : a) x = rng() % vocabulary;
        for (auto& x : b) x = rng() % vocabulary;
        SCOPED_TRACE("round " + std::to_string(round));
        const auto exact = bounded_myers(a, 0, std::uint32_t(a.size()), b, 0,
                                         std::uint32_t(b.size()), std::int64_t(1) << 40);
        EXPECT_EQ(common_count(exact, a.size()), longest_common_subsequence(a, b));
        const auto bounded =
            bounded_myers(a, 0, std::uint32_t(a.size()), b, 0, std::uint32_t(b.size()), 2);
        std::size_t added = 0;
        for (auto x : bounded.added) added += x;
        EXPECT_EQ(common_count(bounded, a.size()), b.size() - added);
        // The common elements, in order, are equal.
        Sequence kept_a, kept_b;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!bounded.removed[i]) kept_a.push_back(a[i]);
        for (std::size_t j = 0; j < b.size(); ++j)
            if (!bounded.added[j]) kept_b.push_back(b[j]);
        EXPECT_EQ(kept_a, kept_b);
        if (HasFailure()) return;
    }
}

// Between dtl's size and the bounded search's, the exact Myers search: as
// many common elements as the longest common subsequence (dtl's vector of
// search points made 200 rewritten paragraphs of a small vocabulary take 18 s).
TEST(SequenceDiff, MidSizeStretchesAreDiffedExactly) {
    std::mt19937 rng(3);
    for (int round = 0; round < 3; ++round) {
        Sequence a(400 + rng() % 200), b(400 + rng() % 200);
        for (auto& x : a) x = rng() % 8;
        for (auto& x : b) x = rng() % 8;
        const std::vector<Edit> script = diff_sequences(a, b);
        expect_valid_script(a, b, script);
        std::size_t common = 0;
        for (const Edit& e : script) common += e.kind == EditKind::common;
        EXPECT_EQ(common, longest_common_subsequence(a, b));
    }
}

// A long stretch replaced by a short one (a 100,000-word paragraph by a
// sentence sharing its spaces): Myers' search alone costs the square of the
// length; dtl, or Myers over the elements both sides hold, does not.
TEST(SequenceDiff, ALongStretchAgainstAShortOne) {
    constexpr std::uint32_t kSpace = 7;
    Sequence a, b = {100, kSpace, 101, kSpace, 102};
    for (std::uint32_t k = 0; k < 100000; ++k) a.push_back(1000 + k), a.push_back(kSpace);
    for (const auto& [x, y] : {std::pair{a, b}, std::pair{b, a}}) {
        const std::vector<Edit> script = diff_sequences(x, y);
        expect_valid_script(x, y, script);
        std::size_t common = 0;
        for (const Edit& e : script) common += e.kind == EditKind::common;
        EXPECT_EQ(common, 2u);  // the two spaces
    }
    // The same search without dtl: Myers over what both hold.
    const MyersChanges changes = bounded_myers(a, 0, std::uint32_t(a.size()), b, 0,
                                               std::uint32_t(b.size()), std::int64_t(1) << 40);
    EXPECT_EQ(common_count(changes, a.size()), 2u);
}

}  // namespace
}  // namespace accord
