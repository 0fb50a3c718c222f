// The real binary, as a user runs it.
#include <gtest/gtest.h>

#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

using test::accord;

TEST(CheckCli, CleanFileExitsZeroWithCounts) {
    test::TempDir dir;
    const std::string path =
        dir.write("A-1.md", "---\nid: A-1\n---\nTo [strengthen][improve] it (agreed)\n");
    const auto r = accord({"check", path});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2 brackets, 1 alternatives group, 2 options"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("1 agreed"), std::string::npos) << r.out;
}

TEST(CheckCli, ErrorsPrintLikeACompilerAndExitOne) {
    test::TempDir dir;
    const std::string path =
        dir.write("draft.md", "First paragraph.\n\nSecond [open and\nmore text.\n");
    const auto r = accord({"check", path});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find(path + ":3:8: error[unclosed-bracket]: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(" 3 | Second [open and\n   |        ^\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("= help: "), std::string::npos);
    EXPECT_EQ(r.out.find('\033'), std::string::npos) << "no colour when not on a terminal";
}

TEST(CheckCli, JsonGivesDiagnosticsAndCounts) {
    test::TempDir dir;
    const std::string path = dir.write("x.md", "[a / b] ~~c~~ ]\n");
    const auto r = accord({"check", "--format", "json", path});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("\"schema\": \"accord.check/1\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"code\": \"unmatched-bracket\""), std::string::npos);
    EXPECT_NE(r.out.find("\"line\": 1"), std::string::npos);
    EXPECT_NE(r.out.find("\"column\": 15"), std::string::npos);
    EXPECT_NE(r.out.find("\"options\": 2"), std::string::npos);
    EXPECT_NE(r.out.find("\"strikes\": 1"), std::string::npos);
}

TEST(CheckCli, UnreadableFileIsNamedAndExitsTwo) {
    const auto r = accord({"check", "/nonexistent/draft.md"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("/nonexistent/draft.md: No such file or directory"), std::string::npos)
        << r.out;
}

TEST(CheckCli, BadUsageExitsTwo) {
    EXPECT_EQ(accord({"check"}).exit_code, 2);
    EXPECT_EQ(accord({"check", "--format", "xml", "x"}).exit_code, 2);
    EXPECT_EQ(accord({"no-such-command"}).exit_code, 2);
}

TEST(CheckCli, HelpTeaches) {
    const auto r = accord({"check", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Examples:"), std::string::npos);
    EXPECT_NE(r.out.find("--slash-options"), std::string::npos);
}

TEST(CheckCli, ColourOnlyWhenForcedAndNeverWithNoColor) {
    test::TempDir dir;
    const std::string path = dir.write("x.md", "]\n");
    EXPECT_NE(accord({"--color", "always", "check", path}).out.find('\033'), std::string::npos);
    test::RunOptions no_color;
    no_color.environment = {"NO_COLOR=1"};
    EXPECT_EQ(accord({"check", path}, no_color).out.find('\033'), std::string::npos);
}

TEST(CheckCli, WgecCorpusReportsFiveErrors) {
    const auto r = accord({"check", "--slash-options", "any",
                           test::corpus_file("wgec-2013-14/draft-recommendations.txt")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("; 5 errors, 0 warnings"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(":268:4: note[bracket-spans-paragraphs]"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace accord
