// accord import on the real WGEC 2013-14 compilation and on the bundled
// excerpt, through the real binary, checked with plain git and accord's own
// commands; and the promise that a refused import writes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>

#include "support/matchers.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

std::string wgec() {
    return test::corpus_file("wgec-2013-14/draft-recommendations.txt");
}

std::string excerpt() {
    return test::source_dir() + "/examples/wgec-excerpt.txt";
}

using test::HasSubstr;
using test::Not;

using test::in;

test::RunResult git(const std::string& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"git", "-C", dir};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run(argv, in(dir));
}

// Everything under `dir`, hidden entries included: what a refused import must
// leave as it was.
std::vector<std::string> listing(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        names.push_back(fs::relative(entry.path(), dir).string());
    std::sort(names.begin(), names.end());
    return names;
}

// The WGEC compilation imported once for the tests that only read it.
class WgecImport : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        tmp_ = new test::TempDir();
        result_ = new test::RunResult(
            test::accord({"import", wgec(), "--into", dir()}, in(tmp_->path())));
    }
    static void TearDownTestSuite() {
        delete result_;
        delete tmp_;
    }
    static std::string dir() { return tmp_->file("wgec"); }
    static test::RunResult git(const std::vector<std::string>& args) {
        return accord::git(dir(), args);
    }
    static test::RunResult accord(const std::vector<std::string>& args) {
        return test::accord(args, in(dir()));
    }
    void SetUp() override {
        ACCORD_REQUIRE_CORPUS("wgec-2013-14/draft-recommendations.txt");
        ASSERT_EQ(result_->exit_code, 0) << result_->err << result_->out;
    }

    static test::TempDir* tmp_;
    static test::RunResult* result_;
};
test::TempDir* WgecImport::tmp_ = nullptr;
test::RunResult* WgecImport::result_ = nullptr;

TEST_F(WgecImport, NigeriasRecommendationHasBothProposals) {
    EXPECT_EQ(git({"log", "--format=%ad|%an|%ae|%cn", "--date=short", "--",
                   "no-consensus/C/04-nigeria.md"})
                  .out,
              "2014-05-01|Nigeria|nigeria@delegations.accord|Secretariat\n"
              "2014-02-24|Nigeria|nigeria@delegations.accord|Secretariat\n");
    // The proposal day at noon UTC, as `accord propose --date` records it.
    EXPECT_EQ(git({"log", "-1", "--format=%aI", "--", "no-consensus/C/04-nigeria.md"}).out,
              "2014-05-01T12:00:00+00:00\n");
    const std::string text = test::read_all(dir() + "/no-consensus/C/04-nigeria.md");
    EXPECT_THAT(text, HasSubstr("Resubmission by Nigeria (1 May 2014)"));
    const test::RunResult first =
        accord({"show", "no-consensus/C/04-nigeria.md", "--at", "2014-02-24"});
    EXPECT_EQ(first.exit_code, 0) << first.err;
    EXPECT_THAT(first.out, Not(HasSubstr("Resubmission")));
}

TEST_F(WgecImport, CommonProposalHasThreeProposers) {
    const test::RunResult log =
        git({"log", "--grep=^Common Proposal of the Russian Federation, Japan and Ms. Avri Doria",
             "--format=%an|%(trailers:key=Proposed-by,valueonly,separator=%x2C)"});
    EXPECT_EQ(log.out, "Russian Federation|Russian Federation,Japan,Avri Doria\n");
}

TEST_F(WgecImport, HistoryRunsFromTheUnitedStatesInNovemberToMay) {
    const test::RunResult log = accord({"log", "--reverse"});
    ASSERT_EQ(log.exit_code, 0) << log.err;
    const std::regex entry(R"(^[0-9a-f]{10}  (\d{4}-\d{2}-\d{2})  (.*)$)");
    std::vector<std::pair<std::string, std::string>> entries;  // date, proposers
    std::size_t begin = 0;
    while (begin < log.out.size()) {
        std::size_t end = log.out.find('\n', begin);
        if (end == std::string::npos) end = log.out.size();
        std::smatch m;
        const std::string line = log.out.substr(begin, end - begin);
        if (std::regex_match(line, m, entry)) entries.emplace_back(m[1], m[2]);
        begin = end + 1;
    }
    ASSERT_FALSE(entries.empty()) << log.out;
    EXPECT_EQ(entries.front(),
              std::make_pair(std::string("2013-11-09"), std::string("United States of America")));
    EXPECT_EQ(entries.back().first.substr(0, 7), "2014-05") << entries.back().first;
    // One entry per commit, and the commits are in date order.
    const test::RunResult dates = git({"log", "--reverse", "--format=%ad", "--date=short"});
    EXPECT_EQ(std::count(dates.out.begin(), dates.out.end(), '\n'),
              static_cast<std::ptrdiff_t>(entries.size()));
    std::string previous;
    for (const auto& [date, proposers] : entries) {
        EXPECT_LE(previous, date) << proposers;
        previous = date;
    }
    EXPECT_THAT(log.out, HasSubstr("\n    Draft recommendations submitted by the United States of "
                                   "America (9 November 2013)\n"))
        << log.out.substr(0, 400);
}

TEST_F(WgecImport, RepositoryIsCleanAndMatchesTheWorkTree) {
    const test::RunResult fsck = git({"fsck", "--strict", "--no-dangling"});
    EXPECT_EQ(fsck.exit_code, 0) << fsck.out << fsck.err;
    EXPECT_EQ(fsck.err, "");
    EXPECT_EQ(git({"status", "--porcelain"}).out, "");
    // Recorded by whoever ran the import (GIT_COMMITTER_NAME here).
    const std::string committers = git({"log", "--format=%cn"}).out;
    const std::string dates = git({"log", "--format=%ad"}).out;
    std::string expected;
    for (std::size_t i = std::count(dates.begin(), dates.end(), '\n'); i > 0; --i)
        expected += "Secretariat\n";
    EXPECT_EQ(committers, expected);
    // accord.yaml came with the first proposal, and the import left no
    // staging directory beside the repository.
    std::string first = git({"log", "--max-parents=0", "--name-only", "--format="}).out;
    if (first.rfind(".gitattributes\n", 0) == 0) first.erase(0, 15);  // when init writes one
    EXPECT_EQ(first, "accord.yaml\nagreed/D/01-united-states-of-america.md\n");
    EXPECT_EQ(listing(tmp_->path()).front(), "wgec");
    EXPECT_EQ(std::count_if(fs::directory_iterator(tmp_->path()), fs::directory_iterator(),
                            [](const auto&) { return true; }),
              1);
}

TEST_F(WgecImport, RegistryListsTheDelegationsWithTheirAliases) {
    const std::string yaml = test::read_all(dir() + "/accord.yaml");
    EXPECT_THAT(yaml, HasSubstr("negotiation: Draft recommendations WGEC 2013-14\n"));
    EXPECT_THAT(yaml, HasSubstr("  - name: Russian Federation\n    aliases: [RF, Russia]\n"));
    EXPECT_THAT(yaml, HasSubstr("  - name: United States of America\n    aliases: [US, USA]\n"));
    EXPECT_THAT(yaml, HasSubstr("  - name: Japan\n    aliases: [JP]\n"));
    EXPECT_THAT(yaml, HasSubstr("  - name: Saudi Arabia\n    aliases: [SA]\n"));
    EXPECT_THAT(yaml, HasSubstr("  - name: Marilyn Cade\n    aliases: [M Cade, MCade]\n"));
    EXPECT_THAT(yaml, HasSubstr("slash-options: any\n"));
    // Every proposer in the history is a registered delegation (the hooks
    // would refuse the next proposal otherwise).
    const test::RunResult names =
        git({"log", "--format=%(trailers:key=Proposed-by,valueonly,separator=%x0A)"});
    std::size_t begin = 0;
    while (begin < names.out.size()) {
        const std::size_t end = names.out.find('\n', begin);
        const std::string name = names.out.substr(begin, end - begin);
        if (!name.empty()) {
            EXPECT_THAT(yaml, HasSubstr("- name: " + name + "\n")) << name;
        }
        begin = end + 1;
    }
}

TEST_F(WgecImport, WarningsNameTheSourceFileAndLine) {
    EXPECT_THAT(result_->err,
                HasSubstr("draft-recommendations.txt:47: warning: 'Draft recommendation submitted "
                          "by Ms. Avri Doria' gives no date"));
    EXPECT_THAT(result_->out, HasSubstr("46 files, 53 proposals from 2013-11-09 to 2014-05-06"));
    EXPECT_THAT(result_->out, HasSubstr("next:\n  cd "));
}

// counts by name from the "totals" object of `accord check --format json`.
std::map<std::string, std::string> totals(const std::string& json) {
    std::map<std::string, std::string> out;
    const std::size_t at = json.find("\"totals\"");
    if (at == std::string::npos) return out;
    const std::string block = json.substr(at, json.find("\"unreadable\"", at) - at);
    const std::regex number(R"re("(\w+)": (\d+))re");
    for (auto it = std::sregex_iterator(block.begin(), block.end(), number);
         it != std::sregex_iterator(); ++it)
        out[(*it)[1]] = (*it)[2];
    const std::size_t status = block.find("\"paragraphs_by_status\"");
    out["paragraphs_by_status"] = block.substr(status, block.find('}', status) - status);
    return out;
}

// Every bracket, option, strike, alternative paragraph and status tag of the
// source is in the imported files, and no error diagnostic more or less.
// Paragraphs differ by exactly the item headings that went into the front
// matter (`heading:`) instead of the body; resubmission headings stay in the
// body as the paragraphs that introduce what they added.
TEST_F(WgecImport, CheckFindsTheSameNotationAsInTheSource) {
    const test::RunResult source =
        test::accord({"check", "--format", "json", "--slash-options", "any", wgec()});
    std::vector<std::string> args = {"check", "--format", "json", "--slash-options", "any"};
    std::size_t headings = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir())) {
        const std::string relative = fs::relative(entry.path(), dir()).string();
        if (entry.path().extension() != ".md" || relative.rfind(".git", 0) == 0) continue;
        args.push_back(relative);
        if (test::read_all(entry.path().string()).find("\nheading: ") != std::string::npos)
            ++headings;
    }
    const test::RunResult imported = accord(args);
    std::map<std::string, std::string> expected = totals(source.out);
    std::map<std::string, std::string> actual = totals(imported.out);
    ASSERT_FALSE(expected.empty()) << source.out << source.err;
    ASSERT_GT(headings, 40u);
    EXPECT_EQ(std::stoul(expected.at("paragraphs")),
              std::stoul(actual.at("paragraphs")) + headings);
    expected.erase("paragraphs");
    actual.erase("paragraphs");
    EXPECT_EQ(actual, expected);
    EXPECT_EQ(expected.at("brackets"), "74");
    EXPECT_EQ(source.exit_code, imported.exit_code);
}

TEST(ImportCli, DryRunPrintsThePlanAndWritesNothing) {
    ACCORD_REQUIRE_CORPUS("wgec-2013-14/draft-recommendations.txt");
    test::TempDir tmp;
    const test::RunResult r =
        test::accord({"import", wgec(), "--dry-run", "--into", "wgec"}, in(tmp.path()));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("2013-11-09  agreed/D/01-united-states-of-america.md", 0), 0u)
        << r.out.substr(0, 200);
    EXPECT_THAT(r.out, HasSubstr("2014-05-01  no-consensus/C/04-nigeria.md"));
    EXPECT_THAT(r.out, HasSubstr("46 files, 53 proposals, 21 delegations"));
    EXPECT_TRUE(listing(tmp.path()).empty());
}

// Bad input is refused before anything exists: no DIR, no staging directory
// beside it, no parent directory made on the way.
TEST(ImportCli, BadInputExitsTwoAndLeavesNothing) {
    test::TempDir tmp;
    tmp.write("empty.txt", "");
    tmp.write("blank.txt", "\n  \n\t\n");
    tmp.write("prose.txt", "Some notes on the weather.\n\nNothing to import here.\n");
    fs::create_directory(tmp.file("adir"));
    const std::vector<std::string> before = listing(tmp.path());
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"missing.txt", "missing.txt"},
        {"adir", "adir: it is a directory"},
        {"empty.txt", "empty.txt: the file is empty"},
        {"blank.txt", "blank.txt: the file is empty"},
        {"prose.txt", "prose.txt: no recommendations found"},
    };
    for (const auto& [file, message] : cases) {
        const test::RunResult r =
            test::accord({"import", file, "--into", "out/wgec"}, in(tmp.path()));
        EXPECT_EQ(r.exit_code, 2) << file << ": " << r.out << r.err;
        EXPECT_THAT(r.err, HasSubstr(message)) << file << ": " << r.err;
        EXPECT_EQ(r.out, "") << file;
        EXPECT_EQ(listing(tmp.path()), before) << file;
    }
}

TEST(ImportCli, TargetsThatCannotTakeAnImportAreRefusedUntouched) {
    ACCORD_REQUIRE_CORPUS("wgec-2013-14/draft-recommendations.txt");
    test::TempDir tmp;
    // A non-empty directory that is not a repository.
    tmp.write("notes/a.txt", "mine\n");
    // A git repository without accord.yaml.
    ASSERT_EQ(test::run({"git", "init", "-q", "-b", "main", tmp.file("plain")}).exit_code, 0);
    // An accord repository that already has a proposal.
    ASSERT_EQ(test::accord({"init", tmp.file("used")}).exit_code, 0);
    tmp.write("used/recs/A-1.md", "Text.\n");
    tmp.write("used/accord.yaml", "negotiation: used\ndelegations: [Japan]\n");
    const test::RunResult proposed = test::accord(
        {"propose", "recs/A-1.md", "accord.yaml", "--by", "Japan", "--date", "2014-01-01"},
        in(tmp.file("used")));
    ASSERT_EQ(proposed.exit_code, 0) << proposed.err;
    // An accord repository whose work tree already has a planned file.
    ASSERT_EQ(test::accord({"init", tmp.file("busy")}).exit_code, 0);
    tmp.write("busy/outline.md", "my own outline\n");
    tmp.write("a-file", "x\n");
    const std::vector<std::string> before = listing(tmp.path());

    const std::vector<std::tuple<std::vector<std::string>, std::string, std::string>> cases = {
        {{"--into", "notes"}, "", "exists and is not empty"},
        {{"--into", "a-file"}, "", "is not a directory"},
        {{"--into", "plain"}, "", "is not an accord repository"},
        {{}, "plain", "is not an accord repository"},
        {{}, "used", "already has proposals"},
        {{"--into", "used"}, "", "already has proposals"},
        {{}, "busy", "would overwrite outline.md"},
        {{}, "", "with --into DIR"},  // the temporary directory is in no repository
    };
    for (const auto& [options, cwd, message] : cases) {
        std::vector<std::string> args = {"import", wgec()};
        args.insert(args.end(), options.begin(), options.end());
        const test::RunResult r = test::accord(args, in(tmp.path() + "/" + cwd));
        EXPECT_EQ(r.exit_code, 2) << message << ": " << r.out << r.err;
        EXPECT_THAT(r.err, HasSubstr(message));
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;  // no warnings
        EXPECT_EQ(listing(tmp.path()), before) << message;
    }
}

// `accord init` first, then the import into it: the registry there is
// extended, not replaced, and names it already uses win.
TEST(ImportCli, ImportsIntoTheCurrentAccordRepository) {
    ACCORD_REQUIRE_CORPUS("wgec-2013-14/draft-recommendations.txt");
    test::TempDir tmp;
    ASSERT_EQ(test::accord({"init", tmp.file("wgec"), "--negotiation", "WGEC"}).exit_code, 0);
    tmp.write("wgec/accord.yaml",
              "negotiation: WGEC\n"
              "delegations:\n"
              "  - name: USA\n"
              "    kind: state\n"
              "meetings:\n"
              "  - {name: WGEC-3, from: 2014-02-24, to: 2014-02-26}\n");
    const test::RunResult r = test::accord({"import", wgec()}, in(tmp.file("wgec")));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("negotiation 'WGEC'"));
    EXPECT_THAT(r.out, Not(HasSubstr("  cd ")));
    const std::string yaml = test::read_all(tmp.file("wgec/accord.yaml"));
    EXPECT_THAT(yaml, HasSubstr("negotiation: WGEC\n"));
    EXPECT_THAT(yaml, HasSubstr("  - name: USA\n    aliases: [United States of America, US]\n"
                                "    kind: state\n"));
    EXPECT_THAT(yaml, HasSubstr("WGEC-3"));
    EXPECT_THAT(yaml, HasSubstr("slash-options: any"));
    const std::string dir = tmp.file("wgec");
    // accord init's first commit, then the import's, which records the registry it extended.
    EXPECT_EQ(git(dir, {"log", "--max-parents=0", "--format=%s"}).out,
              "Start the negotiation WGEC\n");
    const std::string first_import = git(dir, {"rev-list", "--reverse", "HEAD"}).out.substr(41, 40);
    EXPECT_EQ(
        git(dir, {"log", "-1", "--format=%an|%(trailers:key=Proposed-by,valueonly)", first_import})
            .out,
        "USA|USA\n\n");
    EXPECT_EQ(git(dir, {"show", "--name-only", "--format=", first_import, "--", "accord.yaml"}).out,
              "accord.yaml\n");
    EXPECT_EQ(git(dir, {"status", "--porcelain"}).out, "");
    // The hooks accord init installed still guard plain git commits.
    EXPECT_TRUE(fs::exists(dir + "/.git/hooks/pre-commit"));

    // A second import finds the branch taken.
    const test::RunResult again = test::accord({"import", wgec()}, in(dir));
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_THAT(again.err, HasSubstr("already has proposals"));
}

// A file or a link where the import needs a directory ('agreed/A' for
// agreed/A/01-japan.md) is in the way as much as a file at a planned path:
// refused before anything is written (found by a tester: the branch moved,
// then the writing failed, leaving the journal and a half-updated index).
TEST(ImportCli, AFileOrLinkWhereAPlannedDirectoryGoesIsRefusedUntouched) {
    test::TempDir tmp;
    const std::string dir = tmp.file("busy");
    ASSERT_EQ(test::accord({"init", dir}).exit_code, 0);
    fs::create_directories(tmp.file("elsewhere"));
    for (const bool link : {false, true}) {
        fs::create_directories(dir + "/agreed");
        if (link)
            fs::create_symlink(tmp.file("elsewhere"), dir + "/agreed/A");
        else
            tmp.write("busy/agreed/A", "mine\n");
        const std::vector<std::string> before = listing(tmp.path());
        const std::string head = git(dir, {"rev-parse", "HEAD"}).out;
        const test::RunResult r = test::accord({"import", excerpt()}, in(dir));
        EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
        EXPECT_THAT(r.err, HasSubstr("the import would overwrite agreed/A in "));
        EXPECT_EQ(listing(tmp.path()), before);
        EXPECT_EQ(git(dir, {"rev-parse", "HEAD"}).out, head);
        fs::remove(dir + "/agreed/A");
    }
}

TEST(ImportCli, IntoAnEmptyDirectoryAndNewParents) {
    test::TempDir tmp;
    fs::create_directory(tmp.file("empty"));
    const test::RunResult r = test::accord(
        {"import", excerpt(), "--into", "empty", "--negotiation", "WGEC excerpt"}, in(tmp.path()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(test::read_all(tmp.file("empty/accord.yaml")),
                HasSubstr("negotiation: WGEC excerpt\n"));
    const test::RunResult deep =
        test::accord({"import", excerpt(), "--into", "a/b/c"}, in(tmp.path()));
    ASSERT_EQ(deep.exit_code, 0) << deep.err;
    EXPECT_EQ(listing(tmp.file("a")).front(), "b");
    EXPECT_EQ(git(tmp.file("a/b/c"), {"status", "--porcelain"}).out, "");
}

// The README's tour, on the bundled excerpt.
TEST(ImportCli, ExampleExcerptGivesTheTour) {
    test::TempDir tmp;
    const std::string dir = tmp.file("accord-example");
    const test::RunResult r = test::accord({"import", excerpt(), "--into", dir}, in(tmp.path()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("7 files, 8 proposals from 2014-02-07 to 2014-05-01"));
    const std::string nigeria = "agreed/C/04-nigeria.md";
    EXPECT_EQ(git(dir, {"log", "--format=%ad|%an", "--date=short", "--", nigeria}).out,
              "2014-05-01|Nigeria\n2014-02-24|Nigeria\n");
    EXPECT_EQ(git(dir, {"log", "--grep=^Common Proposal",
                        "--format=%(trailers:key=Proposed-by,valueonly,separator=%x2C)"})
                  .out,
              "Russian Federation,Japan,Avri Doria\n");

    const test::RunResult log = test::accord({"log"}, in(dir));
    EXPECT_EQ(log.exit_code, 0) << log.err;
    EXPECT_THAT(log.out,
                HasSubstr("2014-05-01  Nigeria\n    Resubmission by Nigeria (1 May 2014)\n"));
    const test::RunResult then = test::accord({"show", nigeria, "--at", "2014-02-24"}, in(dir));
    EXPECT_EQ(then.exit_code, 0) << then.err;
    EXPECT_THAT(then.out, HasSubstr("(no consensus).\n"));
    EXPECT_THAT(then.out, Not(HasSubstr("Encourages")));
    const test::RunResult diff =
        test::accord({"diff", "2014-02-24", "2014-05-01", "--", nigeria}, in(dir));
    EXPECT_EQ(diff.exit_code, 0) << diff.err;
    EXPECT_THAT(diff.out, HasSubstr("paragraph-added"));
    const test::RunResult blame =
        test::accord({"blame", "agreed/C/01-russian-federation-japan-avri-doria.md"}, in(dir));
    EXPECT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_THAT(blame.out, HasSubstr("Russian Federation"));
}

// The source's own notation errors (Japan's unclosed bracket) are recorded
// as the document gave them, and the commit says so, as propose
// --allow-errors does: a server made with init --bare takes the push.
TEST(ImportCli, AnImportWithTheSourcesErrorsCanBePushedToAServer) {
    test::TempDir tmp;
    const std::string dir = tmp.file("neg");
    ASSERT_EQ(test::accord({"import", excerpt(), "--into", dir}, in(tmp.path())).exit_code, 0);
    const std::string declared =
        git(dir, {"log", "--format=%(trailers:key=Notation-errors,valueonly,separator=%x2C)|%an"})
            .out;
    EXPECT_THAT(declared, HasSubstr("\n1|Japan\n"));
    EXPECT_THAT(declared, HasSubstr("\n|Mexico\n"));           // no error, no trailer
    EXPECT_EQ(test::accord({"check"}, in(dir)).exit_code, 1);  // the errors are there

    const std::string server = tmp.file("server.git");
    ASSERT_EQ(test::accord({"init", "--bare", server}).exit_code, 0);
    ASSERT_EQ(git(dir, {"remote", "add", "origin", server}).exit_code, 0);
    const test::RunResult push = git(dir, {"push", "origin", "HEAD:main"});
    EXPECT_EQ(push.exit_code, 0) << push.err;
    EXPECT_EQ(git(server, {"rev-parse", "main"}).out, git(dir, {"rev-parse", "HEAD"}).out);
}

}  // namespace
}  // namespace accord
