// Golden cases for the diff view: tests/cases/diff/<name>/{old.md,new.md,expected.txt},
// expected.txt being what `accord diff --no-index old.md new.md` prints.
#include <gtest/gtest.h>

#include "core/notation/parse.hpp"
#include "merge/diff/diff_view.hpp"
#include "support/golden_cases.hpp"

namespace accord {
namespace {

class DiffGolden : public ::testing::TestWithParam<test::GoldenCase> {};

TEST_P(DiffGolden, ViewMatchesExpected) {
    const test::GoldenCase& c = GetParam();
    const Document before = parse(c.read("old.md")), after = parse(c.read("new.md"));
    const std::string view = render_diff_text(before, after, structural_diff(before, after),
                                              "old.md", "new.md", DiffViewOptions{});
    const std::string expected = c.read("expected.txt");
    EXPECT_EQ(view, expected) << "--- expected\n" << expected << "--- actual\n" << view;
}

INSTANTIATE_TEST_SUITE_P(Cases, DiffGolden, ::testing::ValuesIn(test::golden_cases("diff")),
                         [](const auto& info) { return test::golden_test_name(info.param); });

}  // namespace
}  // namespace accord
