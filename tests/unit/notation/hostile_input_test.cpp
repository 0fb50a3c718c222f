// No crash, hang, stack overflow or quadratic blow-up on hostile input. The
// ctest timeout turns a hang into a failure; sizes are large enough that a
// quadratic algorithm would not finish.
#include <gtest/gtest.h>

#include "core/notation/counts.hpp"
#include "core/notation/parse.hpp"
#include "core/notation/print.hpp"
#include "core/notation/tokens.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

TEST(HostileInput, MillionNestedOpenBrackets) {
    const std::string input(1'000'000, '[');
    const Document d = parse(input);
    EXPECT_TRUE(d.brackets.empty());
    EXPECT_EQ(d.diagnostics.size(), 1000u) << "kept diagnostics are capped";
    EXPECT_EQ(d.diagnostic_totals[static_cast<int>(Severity::error)], 1'000'000u);
    EXPECT_EQ(print(d), input);
}

TEST(HostileInput, MillionNestedBalancedBrackets) {
    const std::string input = std::string(1'000'000, '[') + "x" + std::string(1'000'000, ']');
    const Document d = parse(input);
    EXPECT_EQ(d.brackets.size(), 1'000'000u);
    EXPECT_EQ(count(d).max_depth, 1'000'000u);
    EXPECT_TRUE(d.diagnostics.empty());
    EXPECT_EQ(tokenize(d).size(), 2'000'001u);
}

TEST(HostileInput, MillionNestedBracketsAcrossParagraphs) {
    std::string input;
    for (int k = 0; k < 200'000; ++k) input += "[a:\n\n";
    const Document d = parse(input);
    EXPECT_EQ(d.paragraphs.size(), 200'000u);
    EXPECT_EQ(d.diagnostic_totals[static_cast<int>(Severity::error)], 200'000u);
}

TEST(HostileInput, OnlyTildes) {
    for (std::size_t n : {1u, 2u, 3u, 10'000'001u}) {
        const std::string input(n, '~');
        const Document d = parse(input);
        EXPECT_EQ(print(d), input);
        EXPECT_EQ(d.strikes.size(), 0u);
    }
    const Document alternating = parse([] {
        std::string s;
        for (int k = 0; k < 1'000'000; ++k) s += "~~ ";
        return s;
    }());
    EXPECT_EQ(alternating.strikes.size(), 500'000u);
}

TEST(HostileInput, RepeatedLinkAndFootnoteOpeners) {
    std::string links, footnotes, references;
    for (int k = 0; k < 300'000; ++k) links += "[a](";
    for (int k = 0; k < 300'000; ++k) footnotes += "[^";
    for (int k = 0; k < 300'000; ++k) references += "[a][";
    references += "\n\n[a]: http://x";
    for (const std::string& input : {links, footnotes, references})
        EXPECT_EQ(print(parse(input)), input);
}

TEST(HostileInput, LongLinesOfSpacesBeforeBrackets) {
    const std::string input = std::string(2'000'000, ' ') + std::string(100'000, '[');
    const Document d = parse(input);
    EXPECT_EQ(d.diagnostic_totals[static_cast<int>(Severity::error)], 100'000u);
}

TEST(HostileInput, HundredMegabytes) {
    ACCORD_REQUIRE_CORPUS("paris-2015/agreement-4-dec-2015.md");
    const std::string paris =
        test::read_all(test::corpus_file("paris-2015/agreement-4-dec-2015.md"));
    std::string input;
    input.reserve(100'000'000 + paris.size());
    while (input.size() < 100'000'000) input += paris;
    const Document d = parse(input);
    EXPECT_EQ(d.source.size(), input.size());
    EXPECT_GT(d.brackets.size(), 900'000u);
    EXPECT_EQ(print(d), input);
}

TEST(HostileInput, FrontMatterNeverClosedOverAHugeFile) {
    const std::string input = "---\n" + std::string(5'000'000, '\n');
    const Document d = parse(input);
    EXPECT_FALSE(d.front_matter.present);
    EXPECT_EQ(print(d), input);
}

}  // namespace
}  // namespace accord
