// The merge invariants (no wording lost, no error neither side had), on 10,000 generated merges
// and on redrafts of the Paris text:
// the output parses with no new diagnostics; every word either side added is
// in it; no word both sides kept is lost; the same inputs give the same bytes;
// merging a side with itself or with the base gives that side.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "core/notation/tokens.hpp"
#include "merge/merge3/merge3.hpp"
#include "merge/diff/token_diff.hpp"
#include "support/merge_scenarios.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

std::map<std::string, int> word_counts(const std::string& text) {
    const Document d = parse(text);
    std::map<std::string, int> counts;
    for (const Token& t : tokenize(d)) {
        if (t.kind == TokenKind::word || t.kind == TokenKind::number)
            ++counts[std::string(d.text(t.range))];
    }
    return counts;
}

int at(const std::map<std::string, int>& m, const std::string& k) {
    const auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
}

// Every word either side added is in the merged text, and every word both
// token diffs keep (occurrences, not counts); the same inputs give the same
// bytes.
void expect_nothing_lost(const std::string& base_text, const std::string& ours_text,
                         const std::string& theirs_text, const MergeResult& r,
                         const MergeOptions& options) {
    const auto base = word_counts(base_text), ours = word_counts(ours_text),
               theirs = word_counts(theirs_text), merged = word_counts(r.text);
    for (const auto* side : {&ours, &theirs}) {
        for (const auto& [word, n] : *side) {
            const int added = n - at(base, word);
            if (added > 0) {
                ASSERT_GE(at(merged, word), added) << "added word lost: " << word;
            }
        }
    }
    const Document b = parse(base_text), o = parse(ours_text), t = parse(theirs_text);
    TokenDiffOptions raw;
    raw.fold_coincidences = false;
    const TokenDiff to_ours = diff_tokens(b, o, raw), to_theirs = diff_tokens(b, t, raw);
    std::map<std::string, int> kept;
    for (std::size_t i = 0; i < to_ours.old_tokens.size(); ++i) {
        if (to_ours.old_tokens[i].kind != TokenKind::word) continue;
        if (to_ours.old_to_new[i] != kNone && to_theirs.old_to_new[i] != kNone) {
            ++kept[std::string(b.text(to_ours.old_tokens[i].range))];
        }
    }
    for (const auto& [word, n] : kept) {
        ASSERT_GE(at(merged, word), n) << "word both sides kept is lost: " << word;
    }
    ASSERT_EQ(merge3(base_text, ours_text, theirs_text, options).text, r.text)
        << "not deterministic";
}

TEST(MergeProperties, TenThousandGeneratedMerges) {
    const MergeOptions options;
    std::size_t disagreements = 0, clean = 0;
    for (std::uint64_t seed = 1; seed <= 10000; ++seed) {
        const test::MergeScenario s = test::random_scenario(seed);
        const MergeResult r = merge3(s.base, s.ours, s.theirs, options);
        SCOPED_TRACE("seed " + std::to_string(seed) + "\n--- base\n" + s.base + "\n--- ours\n" +
                     s.ours + "\n--- theirs\n" + s.theirs + "\n--- merged\n" + r.text);
        (r.clean() ? clean : disagreements) += 1;

        ASSERT_EQ(count_errors(parse(r.text).diagnostics), 0u);
        ASSERT_FALSE(r.has_conflict_markers);
        expect_nothing_lost(s.base, s.ours, s.theirs, r, options);
        if (HasFatalFailure()) return;
        if (seed % 10 == 0) {
            ASSERT_EQ(merge3(s.base, s.ours, s.ours, options).text, s.ours);
            ASSERT_EQ(merge3(s.base, s.ours, s.base, options).text, s.ours);
            ASSERT_EQ(merge3(s.base, s.base, s.theirs, options).text, s.theirs);
        }
    }
    std::cout << "[ merges ] " << clean << " clean, " << disagreements
              << " with disagreements made alternatives\n";
    EXPECT_GT(clean, 1000u);
    EXPECT_GT(disagreements, 1000u);
}

// Two small groups each make 100 negotiation edits to the 4 December 2015
// Paris text, which has 23 unmatched brackets of its own. A paragraph with
// one can stand in both alternatives of a disagreement, so the merge may
// hold an error twice; it makes none that neither side's wording had, and
// it loses no one's wording.
TEST(MergeProperties, RedraftsOfTheParisText) {
    ACCORD_REQUIRE_CORPUS("paris-2015/agreement-4-dec-2015.md");
    const std::string base =
        test::read_all(test::corpus_file("paris-2015/agreement-4-dec-2015.md"));
    auto redraft = [&](std::uint64_t seed) {
        std::mt19937_64 rng(seed);
        std::string text = base;
        for (int k = 0; k < 100; ++k) text = test::random_edit(text, rng);
        return text;
    };
    const MergeOptions options;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        const std::string ours = redraft(2 * seed), theirs = redraft(2 * seed + 1);
        const MergeResult r = merge3(base, ours, theirs, options);
        SCOPED_TRACE("seed " + std::to_string(seed));
        EXPECT_FALSE(r.clean());
        ASSERT_LE(count_errors(parse(r.text).diagnostics),
                  count_errors(parse(ours).diagnostics) + count_errors(parse(theirs).diagnostics));
        expect_nothing_lost(base, ours, theirs, r, options);
        if (HasFatalFailure()) return;
        if (seed == 1) {
            ASSERT_EQ(merge3(base, ours, ours, options).text, ours);
            ASSERT_EQ(merge3(base, ours, base, options).text, ours);
            ASSERT_EQ(merge3(base, base, theirs, options).text, theirs);
        }
    }
}

}  // namespace
}  // namespace accord
