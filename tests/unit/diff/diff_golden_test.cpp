// Golden cases for the diff view: tests/cases/diff/<name>/{old.md,new.md,expected.txt},
// expected.txt being what `accord diff --no-index old.md new.md` prints.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/notation/parse.hpp"
#include "merge/diff/diff_view.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

std::vector<std::string> diff_cases() {
    std::vector<std::string> names;
    for (const auto& entry :
         std::filesystem::directory_iterator(test::source_dir() + "/tests/cases/diff")) {
        if (entry.is_directory()) names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

class DiffGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(DiffGolden, ViewMatchesExpected) {
    const std::string dir = test::source_dir() + "/tests/cases/diff/" + GetParam() + "/";
    const Document before = parse(test::read_all(dir + "old.md")),
                   after = parse(test::read_all(dir + "new.md"));
    const std::string view = render_diff_text(before, after, structural_diff(before, after),
                                              "old.md", "new.md", DiffViewOptions{});
    const std::string expected = test::read_all(dir + "expected.txt");
    EXPECT_EQ(view, expected) << "--- expected\n" << expected << "--- actual\n" << view;
}

INSTANTIATE_TEST_SUITE_P(Cases, DiffGolden, ::testing::ValuesIn(diff_cases()),
                         [](const auto& info) {
                             std::string name = info.param;
                             for (char& c : name)
                                 c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

}  // namespace
}  // namespace accord
