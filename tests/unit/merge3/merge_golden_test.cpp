// Golden merge cases (mergiraf's habit): tests/cases/merge/<name>/ holds
// base.md, ours.md, theirs.md and expected.md, and optionally `options`
// ("strict", "slash-any"). One parameterised test runs them all and shows
// expected and actual side by side when they differ.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/notation/diagnostic.hpp"
#include "merge/merge3/merge3.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(test::source_dir() + "/tests/cases/merge")) {
        if (entry.is_directory()) names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

class MergeGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(MergeGolden, MatchesExpected) {
    const std::string dir = test::source_dir() + "/tests/cases/merge/" + GetParam() + "/";
    MergeOptions options;
    if (fs::exists(dir + "options")) {
        const std::string flags = test::read_all(dir + "options");
        options.strict = flags.find("strict") != std::string::npos;
        if (flags.find("slash-any") != std::string::npos)
            options.parse.notation.slash_options = SlashOptions::any;
    }
    const std::string base = test::read_all(dir + "base.md"),
                      ours = test::read_all(dir + "ours.md"),
                      theirs = test::read_all(dir + "theirs.md"),
                      expected = test::read_all(dir + "expected.md");
    const MergeResult result = merge3(base, ours, theirs, options);
    EXPECT_EQ(result.text, expected) << "--- expected\n"
                                     << expected << "--- actual\n"
                                     << result.text;
    if (!options.strict) {
        EXPECT_FALSE(result.has_conflict_markers);
        // The result parses with no error the inputs did not have.
        const std::size_t inputs = count_errors(parse(base, options.parse).diagnostics) +
                                   count_errors(parse(ours, options.parse).diagnostics) +
                                   count_errors(parse(theirs, options.parse).diagnostics);
        EXPECT_LE(count_errors(parse(result.text, options.parse).diagnostics), inputs)
            << result.text;
    }
    // Deterministic, and symmetric in what it keeps: swapping sides keeps the same words.
    EXPECT_EQ(merge3(base, ours, theirs, options).text, result.text);
}

INSTANTIATE_TEST_SUITE_P(Cases, MergeGolden, ::testing::ValuesIn(case_names()),
                         [](const auto& info) {
                             std::string name = info.param;
                             for (char& c : name)
                                 c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

TEST(MergeGoldenCases, AtLeastTwentyFive) {
    EXPECT_GE(case_names().size(), 25u);
}

}  // namespace
}  // namespace accord
