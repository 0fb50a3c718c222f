// Golden merge cases (mergiraf's habit). tests/cases/merge/<name>/ holds
// base.md, ours.md and theirs.md, and what merging them gives, as
// `accord merge-file base.md ours.md theirs.md` run in that directory
// prints it:
//   expected.md         the merged text (standard output)
//   disagreements.txt   the disagreements reported (standard error; empty: none)
//   swapped.md          the merged text with the sides swapped (merge-file
//                       base.md theirs.md ours.md), only where it differs
//                       from expected.md
//   options             optional: "strict", "slash-any"
// Symmetry: swapping the sides gives the same disagreements (same kind,
// line and key, each side's wording exchanged) and the same text, except
// the order of what each side wrote at one place (alternatives, options and
// paragraphs both added: ours first, in ours' white space) and what a rule
// lets ours decide (status, metadata): swapped.md records that text.
//
// failing/<name>/ cases are known to merge wrongly: expected.md is what they
// should give, actual.md and actual-disagreements.txt what they give today,
// and README says what is wrong. They must still give exactly that: a fix
// makes them fail, and the case then moves out of failing/.
#include <gtest/gtest.h>

#include <utility>

#include "core/notation/diagnostic.hpp"
#include "merge/merge3/merge3.hpp"
#include "support/golden_cases.hpp"

namespace accord {
namespace {

using test::GoldenCase;

// As merge-file sets them when run in the case's directory: the conflict
// markers name the files.
MergeOptions options_of(const GoldenCase& c) {
    MergeOptions options;
    options.ours_label = "ours.md";
    options.theirs_label = "theirs.md";
    const std::string flags = c.read_if_present("options").value_or("");
    options.strict = flags.find("strict") != std::string::npos;
    if (flags.find("slash-any") != std::string::npos)
        options.parse.notation.slash_options = SlashOptions::any;
    return options;
}

struct Inputs {
    std::string base, ours, theirs;
};

Inputs inputs_of(const GoldenCase& c) {
    return {c.read("base.md"), c.read("ours.md"), c.read("theirs.md")};
}

// As merge-file reports them when run in the case's directory.
std::string reported(const MergeResult& result) {
    return render_disagreements("ours.md", result.disagreements);
}

std::string side_by_side(const std::string& expected, const std::string& actual) {
    return "--- expected\n" + expected + "--- actual\n" + actual;
}

class MergeGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(MergeGolden, MatchesExpected) {
    const GoldenCase& c = GetParam();
    const MergeOptions options = options_of(c);
    const Inputs in = inputs_of(c);
    const MergeResult result = merge3(in.base, in.ours, in.theirs, options);
    const std::string expected = c.read("expected.md");
    EXPECT_EQ(result.text, expected) << side_by_side(expected, result.text);
    const std::string disagreements = c.read("disagreements.txt");
    EXPECT_EQ(reported(result), disagreements) << side_by_side(disagreements, reported(result));
    EXPECT_EQ(result.has_conflict_markers, options.strict && !result.clean());
    if (!options.strict) {
        // The result parses with no error the inputs did not have.
        const std::size_t inputs = count_errors(parse(in.base, options.parse).diagnostics) +
                                   count_errors(parse(in.ours, options.parse).diagnostics) +
                                   count_errors(parse(in.theirs, options.parse).diagnostics);
        EXPECT_LE(count_errors(parse(result.text, options.parse).diagnostics), inputs)
            << result.text;
    }
    EXPECT_EQ(merge3(in.base, in.ours, in.theirs, options).text, result.text)
        << "not deterministic";
}

TEST_P(MergeGolden, SwappingSidesSwapsOnlyTheirOrder) {
    const GoldenCase& c = GetParam();
    const MergeOptions options = options_of(c);
    const Inputs in = inputs_of(c);
    const MergeResult result = merge3(in.base, in.ours, in.theirs, options);
    MergeOptions swapped_options = options;
    std::swap(swapped_options.ours_label, swapped_options.theirs_label);
    const MergeResult swapped = merge3(in.base, in.theirs, in.ours, swapped_options);
    const std::string expected = c.read_if_present("swapped.md").value_or(c.read("expected.md"));
    EXPECT_EQ(swapped.text, expected) << side_by_side(expected, swapped.text);
    ASSERT_EQ(swapped.disagreements.size(), result.disagreements.size()) << reported(swapped);
    for (std::size_t k = 0; k < result.disagreements.size(); ++k) {
        const Disagreement &d = result.disagreements[k], &s = swapped.disagreements[k];
        SCOPED_TRACE(render_disagreement("ours.md", d));
        EXPECT_EQ(s.kind, d.kind);
        EXPECT_EQ(s.line, d.line);
        EXPECT_EQ(s.key, d.key);
        EXPECT_EQ(s.ours, d.theirs);
        EXPECT_EQ(s.theirs, d.ours);
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, MergeGolden, ::testing::ValuesIn(test::golden_cases("merge")),
                         [](const auto& info) { return test::golden_test_name(info.param); });

class MergeGoldenFailing : public ::testing::TestWithParam<GoldenCase> {};
// No merge is known to go wrong when failing/ is empty.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(MergeGoldenFailing);

TEST_P(MergeGoldenFailing, StillGivesWhatItGaveBefore) {
    const GoldenCase& c = GetParam();
    const Inputs in = inputs_of(c);
    const MergeResult result = merge3(in.base, in.ours, in.theirs, options_of(c));
    EXPECT_NE(result.text, c.read("expected.md"))
        << c.name << " now merges as expected.md: move it out of failing/, with its "
        << "disagreements.txt (and swapped.md if needed)";
    const std::string actual = c.read("actual.md");
    EXPECT_EQ(result.text, actual) << side_by_side(actual, result.text);
    const std::string actual_reported = c.read("actual-disagreements.txt");
    EXPECT_EQ(reported(result), actual_reported) << side_by_side(actual_reported, reported(result));
}

INSTANTIATE_TEST_SUITE_P(Cases, MergeGoldenFailing,
                         ::testing::ValuesIn(test::failing_golden_cases("merge")),
                         [](const auto& info) { return test::golden_test_name(info.param); });

TEST(MergeGoldenCases, AtLeastTwentyFive) {
    EXPECT_GE(test::golden_cases("merge").size(), 25u);
}

}  // namespace
}  // namespace accord
