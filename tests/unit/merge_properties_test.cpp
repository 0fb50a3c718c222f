// The merge invariants of DESIGN.md section 5, on 10,000 generated merges:
// the output parses with no new diagnostics; every word either side added is
// in it; no word both sides kept is lost; the same inputs give the same bytes;
// merging a side with itself or with the base gives that side.
#include <gtest/gtest.h>

#include <map>

#include "core/tokens.hpp"
#include "merge/merge3.hpp"
#include "merge/token_diff.hpp"
#include "support/merge_scenarios.hpp"

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

        const auto base = word_counts(s.base), ours = word_counts(s.ours),
                   theirs = word_counts(s.theirs), merged = word_counts(r.text);
        for (const auto* side : {&ours, &theirs}) {
            for (const auto& [word, n] : *side) {
                const int added = n - at(base, word);
                if (added > 0) {
                    ASSERT_GE(at(merged, word), added) << "added word lost: " << word;
                }
            }
        }
        // Occurrences, not counts: a base word both token diffs keep.
        const Document b = parse(s.base), o = parse(s.ours), t = parse(s.theirs);
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
        ASSERT_EQ(merge3(s.base, s.ours, s.theirs, options).text, r.text) << "not deterministic";
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

}  // namespace
}  // namespace accord
