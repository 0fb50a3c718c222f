// What every command does alike, through the real binary: paths after "--",
// --color before or after the command, a "schema" in every JSON output,
// control characters shown instead of sent to the terminal, one notation per
// file whatever the current directory.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/store/repository.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

using test::record_proposal;

// A small negotiation: Japan proposes A/01.md and B/01.md, Sweden brackets
// a word of A/01.md.
class Conventions : public ::testing::Test {
  protected:
    void SetUp() override {
        Repository repo = Repository::init(dir.path());
        record_proposal(repo,
                        {"Japan",
                         "2014-02-07",
                         {{"accord.yaml",
                           "negotiation: test\ndelegations:\n  - name: Japan\n  - name: Sweden\n"},
                          {"A/01.md", "To implement the approach (revisit).\n"},
                          {"B/01.md", "Another text.\n"}}});
        record_proposal(
            repo,
            {"Sweden", "2014-02-20", {{"A/01.md", "To implement the [approach] (revisit).\n"}}});
    }

    test::RunResult run(const std::vector<std::string>& args) const {
        return test::accord(args, test::in(dir.path()));
    }

    test::TempDir dir;
};

TEST_F(Conventions, EveryCommandThatTakesPathsTakesThemAfterDashes) {
    struct Case {
        std::vector<std::string> positional, dashes;
    };
    const std::vector<Case> cases = {
        {{"check", "A/01.md"}, {"check", "--", "A/01.md"}},
        {{"log", "A/01.md"}, {"log", "--", "A/01.md"}},
        {{"status", "A"}, {"status", "--", "A"}},
        {{"stats", "A"}, {"stats", "--", "A"}},
        {{"blame", "A/01.md"}, {"blame", "--", "A/01.md"}},
        {{"show", "A/01.md"}, {"show", "--", "A/01.md"}},
        {{"positions", "A"}, {"positions", "--", "A"}},
    };
    for (const Case& c : cases) {
        const test::RunResult positional = run(c.positional), dashes = run(c.dashes);
        EXPECT_EQ(positional.exit_code, 0) << c.positional[0] << ": " << positional.err;
        EXPECT_EQ(dashes.exit_code, 0) << c.dashes[0] << ": " << dashes.err;
        EXPECT_EQ(dashes.out, positional.out) << c.dashes[0];
    }
    // Not ignored: a path after "--" narrows the report.
    EXPECT_EQ(run({"check", "--", "A/01.md"}).out.find("B/01.md"), std::string::npos);
    EXPECT_NE(run({"check"}).out.find("B/01.md"), std::string::npos);
}

TEST_F(Conventions, CommandsWithoutPathsRefuseThemInsteadOfIgnoringThem) {
    const std::vector<std::vector<std::string>> refused = {
        {"compile", "--", "A/01.md"},
        {"survival", "--by", "Japan", "--", "A/01.md"},
        {"redraft", "list", "--", "A/01.md"},
        {"merge-file", "A/01.md", "A/01.md", "A/01.md", "--", "A/01.md"},
        {"hooks", "--", "A/01.md"},
    };
    for (const auto& args : refused) {
        const test::RunResult r = run(args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.out;
        EXPECT_NE(r.err.find("takes no paths"), std::string::npos) << args[0] << ": " << r.err;
    }
    const test::RunResult two = run({"blame", "A/01.md", "--", "A/01.md"});
    EXPECT_EQ(two.exit_code, 2);
    EXPECT_NE(two.err.find("blame takes one file"), std::string::npos) << two.err;
}

TEST_F(Conventions, ColourIsChosenBeforeOrAfterTheCommand) {
    dir.write("A/01.md", "To implement the [approach] (agreed).\n");
    for (const auto& args : std::vector<std::vector<std::string>>{{"diff", "--color", "never"},
                                                                  {"--color", "never", "diff"},
                                                                  {"diff", "--colour=never"}}) {
        const test::RunResult r = run(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.out.find("status-changed"), std::string::npos) << r.out;
        EXPECT_EQ(r.out.find('\033'), std::string::npos);
    }
    EXPECT_NE(run({"diff", "--color", "always"}).out.find("\033[1m"), std::string::npos);
    EXPECT_NE(run({"redraft", "list", "--color", "always"}).exit_code, 2);
    EXPECT_EQ(run({"diff", "--color", "sometimes"}).exit_code, 2);
}

// A word an option does not take, or a command that does not exist, is an
// error like any other: it says which words there are, whatever the case
// of the one given.
TEST_F(Conventions, AChoiceMistypedNamesTheChoices) {
    const test::RunResult format = run({"compile", "--format", "pdf"});
    EXPECT_EQ(format.exit_code, 2);
    EXPECT_EQ(format.err.rfind("accord: error: --format: 'pdf' is not one of: md, markdown, html, "
                               "docx\n",
                               0),
              0u)
        << format.err;
    EXPECT_NE(run({"stats", "--format", "pdf"}).err.find("'pdf' is not one of: json, svg"),
              std::string::npos);
    EXPECT_EQ(run({"log", "--format", "JSON"}).exit_code, 0) << "case is ignored";
    const test::RunResult behind = run({"--colour", "never", "lgo"});
    EXPECT_NE(behind.err.find("'lgo' is not an accord command"), std::string::npos) << behind.err;
    const test::RunResult command = run({"lgo"});
    EXPECT_EQ(command.exit_code, 2);
    EXPECT_EQ(command.err,
              "accord: error: 'lgo' is not an accord command; 'accord --help' lists them\n");
}

// An option the command does not take is named, with the one meant when it
// is near or git spells it so, before a required option CLI11 would say is
// missing (which hid the mistyped one).
TEST_F(Conventions, AnUnknownOptionIsNamedWithTheOneMeant) {
    const test::RunResult author = run({"log", "--author", "Japan"});
    EXPECT_EQ(author.exit_code, 2);
    EXPECT_EQ(author.err.rfind("accord: error: 'accord log' has no option --author (did you mean "
                               "--by?)\n",
                               0),
              0u)
        << author.err;
    const test::RunResult delegation = run({"propose", "A/01.md", "--delegation", "Japan"});
    EXPECT_EQ(delegation.exit_code, 2);
    EXPECT_NE(
        delegation.err.find("'accord propose' has no option --delegation (did you mean --by?)"),
        std::string::npos)
        << delegation.err;
    EXPECT_NE(run({"blame", "A/01.md", "--across-text"})
                  .err.find("has no option --across-text (did you mean --across-texts?)"),
              std::string::npos);
    EXPECT_NE(run({"redraft", "start", "g", "--memberz", "Japan"})
                  .err.find("'accord redraft start' has no option --memberz (did you mean "
                            "--members?)"),
              std::string::npos);
    const test::RunResult far = run({"diff", "--stat"});
    EXPECT_NE(far.err.find("'accord diff' has no option --stat\n"), std::string::npos) << far.err;
}

// `log` of a path that is not in the work tree and that no proposal ever
// touched is a mistyped path: an error, not an empty history.
TEST_F(Conventions, LogOfAPathThatNeverWasSaysSo) {
    const test::RunResult typo = run({"log", "A/10.md"});
    EXPECT_EQ(typo.exit_code, 2);
    EXPECT_NE(typo.err.find("no text at A/10.md: not in the work tree, and no proposal ever "
                            "touched it"),
              std::string::npos)
        << typo.err;
    EXPECT_EQ(run({"log", "A/01.md"}).exit_code, 0);
    EXPECT_EQ(run({"log", "A/01.md", "A/10.md"}).exit_code, 0) << "one of them has a history";
    EXPECT_EQ(run({"log", "A/10.md", "--by", "Japan"}).exit_code, 0) << "filtered: may be empty";
}

TEST_F(Conventions, EveryJsonOutputNamesItsSchemaFirst) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> outputs = {
        {"accord.check/1", {"check", "--format", "json"}},
        {"accord.log/1", {"log", "--format", "json"}},
        {"accord.diff/1", {"diff", "HEAD~1", "HEAD", "--format", "json"}},
        {"accord.blame/1", {"blame", "A/01.md", "--format", "json"}},
        {"accord.who/1", {"who", "implement", "--format", "json"}},
        {"accord.status/1", {"status", "--format", "json"}},
        {"accord.stats/1", {"stats"}},
        {"accord.survival/1", {"survival", "--by", "Japan", "--format", "json"}},
        {"accord.redrafts/1", {"redraft", "list", "--format", "json"}},
        {"accord.verify/1", {"verify", "--format", "json"}},
        {"accord.positions/1", {"positions", "--format", "json"}},
    };
    for (const auto& [schema, args] : outputs) {
        const test::RunResult r = run(args);
        // verify finds something here (exit 1): these proposals were written
        // with the secretariat as their author, not their first proposer.
        EXPECT_EQ(r.exit_code, args[0] == "verify" ? 1 : 0) << args[0] << ": " << r.err;
        EXPECT_EQ(r.out.rfind("{\n  \"schema\": \"" + schema + "\",\n", 0), 0u)
            << args[0] << ":\n"
            << r.out.substr(0, 200);
        EXPECT_EQ(r.out.back(), '\n') << args[0];
    }
}

// A hostile repository: a file named to clear the screen, a delegation whose
// name turns the terminal red, a text that sets the window title.
class ControlCharacters : public Conventions {
  protected:
    void SetUp() override {
        Repository repo = Repository::init(dir.path());
        record_proposal(repo,
                        {"Evil\x1b[31mParty",
                         "2014-02-07",
                         {{"accord.yaml",
                           "negotiation: test\ndelegations:\n  - name: \"Evil\\x1b[31mParty\"\n"},
                          {kFile, "Text that \x1b]0;owned\x07 sets the title [open.\n"}}});
    }

    static constexpr const char* kFile = "\x1b[2J.md";

    // No raw ESC or BEL of the repository's, with or without colour.
    static void expect_shown_not_sent(const test::RunResult& r, const std::string& what) {
        for (const std::string_view raw : {"\x1b[2J", "\x1b[31mParty", "\x1b]0;", "\x07"}) {
            EXPECT_EQ(r.out.find(raw), std::string::npos) << what << ":\n" << r.out;
            EXPECT_EQ(r.err.find(raw), std::string::npos) << what << ":\n" << r.err;
        }
    }
};

TEST_F(ControlCharacters, LogShowsThemEscaped) {
    for (const char* colour : {"never", "always"}) {
        const test::RunResult r = run({"log", "--color", colour});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        expect_shown_not_sent(r, std::string("log --color ") + colour);
        EXPECT_NE(r.out.find("Evil\\x1b[31mParty"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("\\x1b[2J.md"), std::string::npos) << r.out;
    }
}

TEST_F(ControlCharacters, StatusShowsThemEscaped) {
    for (const char* colour : {"never", "always"}) {
        const test::RunResult r = run({"status", "--color", colour});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        expect_shown_not_sent(r, std::string("status --color ") + colour);
        EXPECT_NE(r.out.find("\\x1b[2J"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("Evil\\x1b[31mParty"), std::string::npos) << r.out;
    }
}

TEST_F(ControlCharacters, BlameShowsThemEscaped) {
    for (const char* colour : {"never", "always"}) {
        const test::RunResult r = run({"blame", kFile, "--color", colour});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        expect_shown_not_sent(r, std::string("blame --color ") + colour);
        EXPECT_NE(r.out.find("Evil\\x1b[31mParty"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("\\x1b]0;owned\\x07"), std::string::npos) << r.out;
    }
}

TEST_F(ControlCharacters, CheckShowsThemEscaped) {
    for (const char* colour : {"never", "always"}) {
        const test::RunResult r = run({"check", "--color", colour});
        EXPECT_EQ(r.exit_code, 1) << r.err;  // the unclosed bracket
        expect_shown_not_sent(r, std::string("check --color ") + colour);
        EXPECT_NE(r.out.find("\\x1b[2J.md:1:"), std::string::npos) << r.out;
    }
}

TEST_F(ControlCharacters, ErrorsAndJsonShowThemEscaped) {
    const test::RunResult missing = run({"show", "\x1b[2Jmissing.md"});
    EXPECT_EQ(missing.exit_code, 2);
    expect_shown_not_sent(missing, "show of a missing file");
    EXPECT_NE(missing.err.find("\\x1b[2Jmissing.md"), std::string::npos) << missing.err;

    const test::RunResult json = run({"log", "--format", "json"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    expect_shown_not_sent(json, "log --format json");
    EXPECT_NE(json.out.find("Evil\\u001b[31mParty"), std::string::npos) << json.out;
}

// The same text read by check and by merge-file, from inside its
// negotiation and from elsewhere: one notation, that of its accord.yaml.
TEST(OneNotation, CheckAndMergeFileReadAFileWithItsOwnRegistry) {
    test::TempDir negotiation, elsewhere;
    negotiation.write("accord.yaml", "negotiation: test\nnotation:\n  slash-options: any\n");
    const std::string base = negotiation.write("base.md", "We [continue/stop] now.\n");
    const std::string ours = negotiation.write("ours.md", "We [continue/stop/pause] now.\n");
    const std::string theirs = negotiation.write("theirs.md", "We [continue/stop/halt] now.\n");

    const test::RunResult check = test::accord({"check", base}, test::in(elsewhere.path()));
    EXPECT_NE(check.out.find("2 options"), std::string::npos) << check.out;

    const test::RunResult inside =
        test::accord({"merge-file", base, ours, theirs}, test::in(negotiation.path()));
    const test::RunResult outside =
        test::accord({"merge-file", base, ours, theirs}, test::in(elsewhere.path()));
    const test::RunResult spaced =
        test::accord({"merge-file", "--slash-options", "spaced", base, ours, theirs},
                     test::in(elsewhere.path()));
    EXPECT_NE(inside.out, spaced.out) << "the notation makes no difference to this merge";
    EXPECT_EQ(outside.out, inside.out);
    EXPECT_EQ(outside.exit_code, inside.exit_code);
}

}  // namespace
}  // namespace accord
