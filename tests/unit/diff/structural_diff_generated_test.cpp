// The diff on generated negotiation histories, where what each proposal
// did is known: a bracket is called lifted (agreement) only by a proposal
// that lifted one or chose an option, and every proposal that lifted one
// is called so.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/notation/parse.hpp"
#include "merge/diff/structural_diff.hpp"
#include "support/negotiation_generator.hpp"

namespace accord {
namespace {

using test::Operation;

struct Found {
    std::size_t proposals = 0, false_lifts = 0, lifts_missed = 0;
    std::string first_false, first_missed;
};

// History `seed` of 20: ordinary ones, then with stock phrases, repeated
// adjacent words, preamble openers, compact slashes and wrapped lines.
test::GeneratorOptions history_options(std::uint64_t seed) {
    test::GeneratorOptions options;
    options.seed = seed;
    options.proposals = 150;
    options.initial_paragraphs = 1 + seed % 5;
    if (seed > 8 && seed <= 11) options.phrase_share = 0.2;
    if (seed > 11 && seed <= 14) options.repeat_share = 0.35;
    if (seed > 14 && seed <= 17) {
        options.opener_share = 0.8;
        options.weights[static_cast<std::size_t>(Operation::swap_opener)] = 3;
    }
    options.compact_slashes = seed % 4 == 2;
    options.wrap_column = seed % 4 == 1 ? 80 : 0;
    return options;
}

Found lifts(const test::GeneratorOptions& options) {
    const test::GeneratedHistory history = test::generate_history(options);
    Found found;
    for (std::size_t v = 1; v < history.versions.size(); ++v) {
        const Operation operation = history.operations[v];
        const Document before = parse(history.versions[v - 1].text, history.parse_options);
        const Document after = parse(history.versions[v].text, history.parse_options);
        bool lifted = false;
        for (const Change& change : structural_diff(before, after))
            lifted = lifted || change.kind == ChangeKind::bracket_removed;
        ++found.proposals;
        const bool may_lift = operation == Operation::lift_bracket ||
                              operation == Operation::choose_option ||
                              operation == Operation::move_wording;
        if (lifted && !may_lift) {
            if (found.false_lifts++ == 0)
                found.first_false = "seed " + std::to_string(options.seed) + " version " +
                                    std::to_string(v) + " (" +
                                    std::string(test::to_string(operation)) + ")";
        }
        if (operation == Operation::lift_bracket && !lifted && found.lifts_missed++ == 0)
            found.first_missed =
                "seed " + std::to_string(options.seed) + " version " + std::to_string(v);
    }
    return found;
}

TEST(StructuralDiffOnGeneratedHistories, OnlyAProposalThatLiftedABracketIsSaidToHave) {
    Found all;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const Found found = lifts(history_options(seed));
        all.proposals += found.proposals;
        if (found.lifts_missed > 0 && all.lifts_missed == 0) all.first_missed = found.first_missed;
        all.lifts_missed += found.lifts_missed;
        if (found.false_lifts > 0 && all.false_lifts == 0) all.first_false = found.first_false;
        all.false_lifts += found.false_lifts;
    }
    EXPECT_GT(all.proposals, 2500u);
    EXPECT_EQ(all.false_lifts, 0u) << "first: " << all.first_false;
    EXPECT_EQ(all.lifts_missed, 0u) << "first: " << all.first_missed;
}

// The Chair's choice ("[a][b]" -> "a", "[a / b]" -> "[b]"), options
// holding brackets of their own included, is said as a choice: an option
// chosen, or options removed when the one kept stays bracketed; never a
// bracket deleted or lifted, or words deleted, besides.
TEST(StructuralDiffOnGeneratedHistories, AChoiceIsSaidAsAChoiceAndNothingElse) {
    std::size_t choices = 0, chosen = 0;
    std::string first_other;
    std::size_t others = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const test::GeneratedHistory history = test::generate_history(history_options(seed));
        for (std::size_t v = 1; v < history.versions.size(); ++v) {
            if (history.operations[v] != Operation::choose_option) continue;
            ++choices;
            const Document before = parse(history.versions[v - 1].text, history.parse_options);
            const Document after = parse(history.versions[v].text, history.parse_options);
            const std::vector<Change> changes = structural_diff(before, after);
            bool other = changes.empty();
            for (const Change& change : changes) {
                chosen += change.kind == ChangeKind::option_chosen;
                other = other || (change.kind != ChangeKind::option_chosen &&
                                  change.kind != ChangeKind::option_removed);
            }
            if (other && others++ == 0)
                first_other = "seed " + std::to_string(seed) + " version " + std::to_string(v);
        }
    }
    EXPECT_GT(choices, 150u);
    EXPECT_GT(chosen, choices / 2);
    EXPECT_EQ(others, 0u) << "first: " << first_other;
}

}  // namespace
}  // namespace accord
