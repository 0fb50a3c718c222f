// The real binary, as a user runs it.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/store/repository.hpp"
#include "support/paths.hpp"
#include "support/repo_fixture.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

using test::accord;

using test::in;

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
    test::TempDir outside_any_repository;
    const auto no_paths = accord({"check"}, in(outside_any_repository.path()));
    EXPECT_EQ(no_paths.exit_code, 2);
    EXPECT_NE(no_paths.err.find("name the files to check"), std::string::npos) << no_paths.err;
    EXPECT_EQ(accord({"check", "--format", "xml", "x"}).exit_code, 2);
    EXPECT_EQ(accord({"no-such-command"}).exit_code, 2);
}

// A directory stands for the texts the repository tracks below it, as
// `accord status DIR` reads it; one outside any repository names no text.
TEST(CheckCli, ADirectoryIsTheTrackedTextsBelowIt) {
    test::NegotiationRepo repo;
    repo.write("A/01.md", "Maintains [the approach.\n");
    repo.write("A/02.md", "Clean [text].\n");
    repo.write("B/01.md", "Other [text].\n");
    ASSERT_EQ(repo.accord({"propose", "accord.yaml", ".gitattributes", "A/01.md", "A/02.md",
                           "B/01.md", "--by", "Japan", "--allow-errors"})
                  .exit_code,
              0);
    repo.write("A/untracked.md", "Not [proposed.\n");
    std::filesystem::create_directories(repo.path("empty"));
    for (const std::string& dir : {std::string("A"), std::string("A/"), repo.path("A")}) {
        const test::RunResult r = repo.accord({"check", dir});
        EXPECT_EQ(r.exit_code, 1) << dir << r.err;
        EXPECT_NE(r.out.find("checked 2 files: 1 error"), std::string::npos) << dir << r.out;
        EXPECT_EQ(r.out.find("B/01.md"), std::string::npos) << r.out;
        EXPECT_EQ(r.out.find("untracked"), std::string::npos) << r.out;
    }
    const test::RunResult empty = repo.accord({"check", "empty"});
    EXPECT_EQ(empty.exit_code, 2);
    EXPECT_NE(empty.err.find("'empty' holds no text"), std::string::npos) << empty.err;
    test::TempDir outside;
    outside.write("x.md", "Text.\n");
    const test::RunResult away = accord({"check", outside.path()});
    EXPECT_EQ(away.exit_code, 2);
    EXPECT_NE(away.err.find("is a directory outside any repository"), std::string::npos)
        << away.err;
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
    ACCORD_REQUIRE_CORPUS("wgec-2013-14/draft-recommendations.txt");
    const auto r = accord({"check", "--slash-options", "any",
                           test::corpus_file("wgec-2013-14/draft-recommendations.txt")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("; 5 errors, 0 warnings"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(":268:4: note[bracket-spans-paragraphs]"), std::string::npos) << r.out;
}

// The registry's notation governs the files of its negotiation: with
// slash-options: any, "[continuing/full]" offers two options.
TEST(CheckCli, ReadsTheNotationOfTheFilesRegistry) {
    test::TempDir dir;
    dir.write("neg/accord.yaml", "negotiation: t\nnotation:\n  slash-options: any\n");
    const std::string inside = dir.write("neg/recs/A-1.md", "To [continuing/full] cooperation.\n");
    const std::string outside = dir.write("loose.md", "To [continuing/full] cooperation.\n");
    const auto governed = accord({"check", "--format", "json", inside});
    EXPECT_NE(governed.out.find("\"options\": 2"), std::string::npos) << governed.out;
    const auto loose = accord({"check", "--format", "json", outside});
    EXPECT_NE(loose.out.find("\"options\": 0"), std::string::npos) << loose.out;
    const auto forced = accord({"check", "--format", "json", "--slash-options", "spaced", inside});
    EXPECT_NE(forced.out.find("\"options\": 0"), std::string::npos) << forced.out;

    dir.write("bad/accord.yaml", "notation:\n  slash-options: sometimes\n");
    const std::string governed_badly = dir.write("bad/A-1.md", "Text.\n");
    const auto bad = accord({"check", governed_badly});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("accord.yaml:2:18: slash-options must be"), std::string::npos)
        << bad.err;
}

TEST(CheckCli, WithoutPathsChecksEveryTextOfTheRepository) {
    test::TempDir dir;
    const std::string top = dir.file("neg");
    {
        Repository repo = Repository::init(top);
        CommitRequest request;
        request.files = {{"A/01.md", "Open [bracket here.\n"},
                         {"B/01.md", "To [strengthen][improve] it.\n"},
                         {"accord.yaml", "negotiation: t\n"}};
        request.author = request.committer = {"Secretariat", "s@example.org", 1400000000, 0};
        request.message = "Texts\n";
        request.write_worktree = true;
        repo.commit_files(request);
    }
    const auto r = accord({"check"}, in(top + "/B"));
    EXPECT_EQ(r.exit_code, 1) << "A/01.md has an unclosed bracket\n" << r.out << r.err;
    EXPECT_NE(r.out.find("../A/01.md:1:6: error[unclosed-bracket]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\n01.md: 1 paragraph, 2 brackets"), std::string::npos)
        << "paths relative to the current directory, as git gives them\n"
        << r.out;
    EXPECT_EQ(r.out.find("accord.yaml"), std::string::npos) << "only texts are checked\n" << r.out;
}

// A text deleted in the work tree (the first step of proposing its
// deletion), or turned into a directory, is named in a note and not
// checked: the others are, and the run does not fail for it.
TEST(CheckCli, WithoutPathsATextDeletedInTheWorkTreeIsNotedNotUnreadable) {
    test::TempDir dir;
    const std::string top = dir.file("neg");
    {
        Repository repo = Repository::init(top);
        CommitRequest request;
        request.files = {
            {"a.md", "Text [a].\n"}, {"b.md", "Text [b].\n"}, {"accord.yaml", "negotiation: t\n"}};
        request.author = request.committer = {"Secretariat", "s@example.org", 1400000000, 0};
        request.message = "Texts\n";
        request.write_worktree = true;
        repo.commit_files(request);
    }
    std::filesystem::remove(top + "/a.md");
    const auto deleted = accord({"check"}, in(top));
    EXPECT_EQ(deleted.exit_code, 0) << deleted.out << deleted.err;
    EXPECT_NE(deleted.err.find("a.md: deleted in the work tree, not yet proposed"),
              std::string::npos)
        << deleted.err;
    EXPECT_NE(deleted.out.find("b.md: 1 paragraph, 1 bracket"), std::string::npos) << deleted.out;

    std::filesystem::create_directory(top + "/a.md");
    const auto directory = accord({"check"}, in(top));
    EXPECT_EQ(directory.exit_code, 0) << directory.out << directory.err;
    EXPECT_NE(directory.err.find("a.md: a directory in the work tree now"), std::string::npos)
        << directory.err;

    // Named, it is still an error: the user asked for that file.
    EXPECT_EQ(accord({"check", "a.md"}, in(top)).exit_code, 2);
}

}  // namespace
}  // namespace accord
