// accord log, show and diff on a negotiation repository built in the test
// (real libgit2 commits), run through the real binary.
#include <gtest/gtest.h>

#include "core/store/repository.hpp"
#include "core/util/date.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

using test::accord;

Signature on(const std::string& name, const std::string& day) {
    return {name, "proposals@accord.invalid", day_start_utc(*parse_iso_date(day)) + 12 * 3600, 0};
}

// Japan proposes A-1 on 7 Feb; Sweden (alias SE) adds an option at WGEC-3 on
// 25 Feb; the Chair lifts brackets and agrees it on 1 May; Nigeria proposes C-4.
class History : public ::testing::Test {
  protected:
    void SetUp() override {
        Repository repo = Repository::init(dir.path());
        dir.write("accord.yaml",
                  "negotiation: WGEC 2013-14\n"
                  "delegations:\n  - name: Japan\n  - name: Sweden\n    aliases: [SE]\n  - name: "
                  "Nigeria\n"
                  "  - name: Chair\n"
                  "meetings:\n  - name: WGEC-3\n    from: 2014-02-24\n    to: 2014-02-26\n"
                  "notation:\n  slash-options: any\n");
        commit(repo, "Japan", "2014-02-07", "Draft recommendation submitted by Japan",
               {{"accord.yaml", read("accord.yaml")},
                {"A/01-japan.md",
                 "---\nid: A-1\nstatus: revisit\n---\nTo [continuing] implement the "
                 "[multistakeholder] approach (revisit).\n"}});
        commit(repo, "Secretariat", "2014-02-25",
               "Sweden adds an option\n\nProposed-by: SE\nMeeting: WGEC-3\n",
               {{"A/01-japan.md",
                 "---\nid: A-1\nstatus: revisit\n---\nTo [continuing][full] implement the "
                 "[multistakeholder] approach (revisit).\n"}});
        commit(
            repo, "Nigeria", "2014-02-24", "Draft recommendation submitted by Nigeria",
            {{"C/04-nigeria.md", "That cooperation be sustained /optimizing/ (no consensus).\n"}});
        commit(repo, "Secretariat", "2014-05-01", "Chair's text\n\nProposed-by: Chair\n",
               {{"A/01-japan.md",
                 "---\nid: A-1\nstatus: agreed\n---\nTo [continuing][full] implement the "
                 "multistakeholder approach (agreed).\n"}});
    }

    std::string read(const std::string& name) { return test::read_all(dir.file(name)); }

    void commit(Repository& repo, const std::string& author, const std::string& day,
                const std::string& message,
                const std::vector<std::pair<std::string, std::string>>& files) {
        CommitRequest request;
        for (const auto& [path, text] : files) request.files.push_back({path, text});
        request.author = on(author, day);
        request.committer = on("Secretariat", day);
        request.message = message;
        request.write_worktree = true;
        repo.commit_files(request);
    }

    test::RunResult run(const std::vector<std::string>& args) {
        test::RunOptions options;
        options.cwd = dir.path();
        return accord(args, options);
    }

    test::TempDir dir;
};

TEST_F(History, LogTellsEachProposalInNegotiationTerms) {
    const auto r = run({"log"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2014-05-01  Chair\n    Chair's text\n    A/01-japan.md: 1 bracket "
                         "lifted, 1 metadata change, "
                         "status revisit → agreed"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("2014-02-25  Sweden  at WGEC-3\n    Sweden adds an option\n    "
                         "A/01-japan.md: 1 option added"),
              std::string::npos)
        << r.out;
    EXPECT_LT(r.out.find("2014-05-01"), r.out.find("2014-02-07")) << "newest first";
}

// A proposal that changes a text's bytes but none of its wording, marks or
// metadata (a comment in its front matter, lines wrapped) says so, as diff
// does, rather than "no changes" beside a file it lists.
TEST_F(History, ALogEntryChangingNoWordingSaysSo) {
    Repository repo = Repository::open(dir.path());
    commit(repo, "Nigeria", "2014-05-02", "A comment for the secretariat",
           {{"A/01-japan.md",
             "---\nid: A-1\nstatus: agreed # confirmed at WGEC-4\n---\nTo [continuing][full] "
             "implement the multistakeholder approach (agreed).\n"}});
    const auto r = run({"log", "-1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("A/01-japan.md: no changes in wording or structure\n"), std::string::npos)
        << r.out;
}

TEST_F(History, LogFiltersByPathDelegationAndDates) {
    auto r = run({"log", "C"});
    EXPECT_NE(r.out.find("Nigeria"), std::string::npos);
    EXPECT_EQ(r.out.find("Japan"), std::string::npos) << r.out;

    r = run({"log", "--by", "SE"});
    EXPECT_NE(r.out.find("Sweden"), std::string::npos);
    EXPECT_EQ(r.out.find("Chair"), std::string::npos) << r.out;

    r = run({"log", "--since", "2014-02-20", "--until", "2014-02-28", "--reverse"});
    // Oldest first in the order proposals were recorded.
    EXPECT_LT(r.out.find("2014-02-25"), r.out.find("2014-02-24")) << r.out;
    EXPECT_EQ(r.out.find("2014-05-01"), std::string::npos);
    EXPECT_EQ(r.out.find("2014-02-07"), std::string::npos);

    // --by takes one name; a path after it is a path.
    r = run({"log", "--by", "SE", "C"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find("Chair"), std::string::npos) << r.out;

    r = run({"log", "--by", "Swedn"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("did you mean Sweden"), std::string::npos) << r.err;
}

// As in git: -n N or -N, the newest N (with --reverse the oldest N); a
// file named "-2" is still a path.
TEST_F(History, LogShowsAtMostNProposals) {
    auto r = run({"log", "-2"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2014-05-01  Chair"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2014-02-24  Nigeria"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Sweden"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Japan"), std::string::npos) << r.out;

    r = run({"log", "-n", "1", "--reverse"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2014-02-07  Japan"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Sweden"), std::string::npos) << r.out;

    r = run({"log", "--max-count", "0"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find("Japan"), std::string::npos) << r.out;

    // After "--", a path, whether or not a file of that name is there.
    r = run({"log", "--", "-2"});
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("no text at -2"), std::string::npos) << r.err;
    dir.write("-2", "not a text\n");
    r = run({"log", "--", "-2"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("no proposals"), std::string::npos) << r.out;
}

TEST_F(History, LogJsonNamesTheChanges) {
    const auto r = run({"log", "--format", "json", "--", "A/01-japan.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"schema\": \"accord.log/1\""), std::string::npos);
    EXPECT_NE(r.out.find("\"kind\": \"option-added\""), std::string::npos);
    EXPECT_NE(r.out.find("\"text\": \"full\""), std::string::npos);
    EXPECT_NE(r.out.find("\"kind\": \"bracket-removed\""), std::string::npos);
    EXPECT_NE(r.out.find("\"meeting\": \"WGEC-3\""), std::string::npos);
    EXPECT_NE(r.out.find("\"date\": \"2014-02-25T12:00:00Z\""), std::string::npos);
    // No keys in accord.yaml: signatures are not checked.
    EXPECT_NE(r.out.find("\"signature\": null"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("\"signature\": \""), std::string::npos) << r.out;
}

TEST_F(History, ShowAtDateMeetingAndRevision) {
    auto r = run({"show", "A/01-japan.md", "--at", "2014-02-10"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("To [continuing] implement"), std::string::npos) << r.out;

    r = run({"show", "A/01-japan.md", "--at", "WGEC-3"});
    EXPECT_NE(r.out.find("[continuing][full]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[multistakeholder]"), std::string::npos);

    r = run({"show", "A/01-japan.md"});
    EXPECT_NE(r.out.find("the multistakeholder approach (agreed)"), std::string::npos);

    r = run({"show", "A/01-japan.md", "--at", "HEAD~3"});
    EXPECT_NE(r.out.find("To [continuing] implement"), std::string::npos);
}

TEST_F(History, ShowBeforeTheFileExistedIsAClearError) {
    auto r = run({"show", "C/04-nigeria.md", "--at", "2014-02-10"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("did not exist at 2014-02-10; its first proposal is dated 2014-02-24"),
              std::string::npos)
        << r.err;
    // blame says so in the same words, naming the date as given.
    r = run({"blame", "C/04-nigeria.md", "--at", "2014-02-10"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("did not exist at 2014-02-10; its first proposal is dated 2014-02-24"),
              std::string::npos)
        << r.err;
    r = run({"show", "A/01-japan.md", "--at", "2013-12-01"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("history starts on 2014-02-07"), std::string::npos) << r.err;
}

TEST_F(History, ShowAfterTheFileWasDeletedSaysWhoDeletedItAndWhen) {
    Repository repo = Repository::open(dir.path());
    CommitRequest request;
    request.files.push_back({"C/04-nigeria.md", std::nullopt});
    request.author = on("Sweden", "2014-05-02");
    request.committer = on("Secretariat", "2014-05-02");
    request.message = "Withdrawn\n\nProposed-by: Sweden\n";
    request.write_worktree = true;
    repo.commit_files(request);
    const auto r = run({"show", "C/04-nigeria.md", "--at", "2014-05-03"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("'C/04-nigeria.md' did not stand at 2014-05-03: Sweden deleted it on "
                         "2014-05-02"),
              std::string::npos)
        << r.err;
    // The revision it names shows the text.
    const std::size_t at = r.err.find("(try --at ");
    ASSERT_NE(at, std::string::npos) << r.err;
    const std::string before = r.err.substr(at + 10, 10);
    const auto shown = run({"show", "C/04-nigeria.md", "--at", before});
    EXPECT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_NE(shown.out.find("cooperation be sustained"), std::string::npos);
}

// As show says it: blame of a deleted text names who deleted it and where
// it last stood (it said the text had never been recorded); one never
// proposed is said to be that, and blame at the revision it names works.
TEST_F(History, BlameAfterTheFileWasDeletedSaysWhoDeletedItAndWhen) {
    Repository repo = Repository::open(dir.path());
    CommitRequest request;
    request.files.push_back({"C/04-nigeria.md", std::nullopt});
    request.author = on("Sweden", "2014-05-02");
    request.committer = on("Secretariat", "2014-05-02");
    request.message = "Withdrawn\n\nProposed-by: Sweden\n";
    request.write_worktree = true;
    repo.commit_files(request);
    auto r = run({"blame", "C/04-nigeria.md"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("Sweden deleted it on 2014-05-02"), std::string::npos) << r.err;
    const std::size_t at = r.err.find("(try --at ");
    ASSERT_NE(at, std::string::npos) << r.err;
    r = run({"blame", "C/04-nigeria.md", "--at", r.err.substr(at + 10, 10)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Nigeria"), std::string::npos) << r.out;

    r = run({"blame", "C/05-new.md"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("a new text is blamed once 'accord propose' has recorded it"),
              std::string::npos)
        << r.err;
}

// `accord show HEAD`, as git shows a commit: the revision is named as one,
// with the --at that shows a text as it stood then.
TEST_F(History, ARevisionGivenForATextSaysToUseAt) {
    for (const std::string command : {"show", "blame"}) {
        for (const std::string revision : {"HEAD", "HEAD~1", "2014-02-25"}) {
            const auto r = run({command, revision});
            EXPECT_EQ(r.exit_code, 2) << r.out;
            EXPECT_NE(r.err.find(command + ": '" + revision +
                                 "' is a revision, not a text: name the text and give the "
                                 "revision with --at (TEXT --at " +
                                 revision + ")"),
                      std::string::npos)
                << r.err;
        }
        const auto missing = run({command, "C/99-none.md"});
        EXPECT_EQ(missing.err.find("is a revision"), std::string::npos) << missing.err;
    }
}

TEST_F(History, HeadOnABranchWithoutCommitsSaysWhereTheProposalsAre) {
    test::RunOptions options;
    options.cwd = dir.path();
    ASSERT_EQ(test::run({"git", "symbolic-ref", "HEAD", "refs/heads/gone"}, options).exit_code, 0);
    const auto r = run({"log"});
    EXPECT_NE(r.err.find("HEAD is on branch 'gone', which has no commits yet; the proposals are "
                         "on main ('git switch main' to go back)"),
              std::string::npos)
        << r.err;
}

TEST_F(History, DiffBetweenMeetingAndNow) {
    const auto r = run({"diff", "WGEC-3", "HEAD", "--", "A/01-japan.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("bracket-removed                \"multistakeholder\""), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("status-changed                 revisit → agreed"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("[-[-]multistakeholder[-]-]"), std::string::npos) << r.out;
    // git's range form gives the same diff.
    const auto range = run({"diff", "WGEC-3..HEAD", "--", "A/01-japan.md"});
    ASSERT_EQ(range.exit_code, 0) << range.err;
    EXPECT_EQ(range.out, r.out);
    const auto open_end = run({"diff", "WGEC-3..", "--", "A/01-japan.md"});
    EXPECT_EQ(open_end.out, r.out);
}

// Nigeria's proposal of 24 February was recorded after Sweden's of 25
// February: the text on 24 February holds Sweden's wording, and the diff
// says so once, however often it resolves that date.
TEST_F(History, ANoteOnABackdatedProposalIsSaidOnce) {
    const auto r = run({"diff", "2014-02-24", "2014-02-24"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string note = "recorded after a proposal dated later";
    const std::size_t first = r.err.find(note);
    ASSERT_NE(first, std::string::npos) << r.err;
    EXPECT_EQ(r.err.find(note, first + 1), std::string::npos) << r.err;
}

TEST_F(History, DiffOfTheWorkingTree) {
    dir.write("A/01-japan.md",
              "---\nid: A-1\nstatus: agreed\n---\nTo full implement the multistakeholder approach "
              "(agreed).\n");
    const auto r = run({"diff", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"kind\": \"option-chosen\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"text\": \"full\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"path\": \"A/01-japan.md\""), std::string::npos);
}

// As with git, a file of the work tree needs no '--' before it.
TEST_F(History, DiffOfOneFileNeedsNoDashes) {
    dir.write("A/01-japan.md",
              "---\nid: A-1\nstatus: agreed\n---\nTo full implement the multistakeholder approach "
              "(agreed).\n");
    auto r = run({"diff", "A/01-japan.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("option-chosen"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("+++ working tree:A/01-japan.md"), std::string::npos) << r.out;
    r = run({"diff", "WGEC-3", "A/01-japan.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("--- WGEC-3:A/01-japan.md"), std::string::npos) << r.out;
}

TEST_F(History, BadInputExitsTwo) {
    auto r = run({"diff", "no-such-rev"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("unknown revision 'no-such-rev'"), std::string::npos) << r.err;

    r = run({"show", "A/nothing.md"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("A/nothing.md"), std::string::npos) << r.err;

    r = run({"show", "/etc/passwd"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("outside"), std::string::npos) << r.err;

    dir.write("bin.md", std::string("PK\0\x03\x04 binary", 12));
    r = run({"diff", "--no-index", dir.file("bin.md"), dir.file("A/01-japan.md")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("binary"), std::string::npos) << r.err;
}

TEST(DiffCli, ParisFourthToNinthDecemberReadsAsANegotiatorWouldSayIt) {
    ACCORD_REQUIRE_CORPUS("paris-2015/agreement-4-dec-2015.md",
                          "paris-2015/agreement-9-dec-2015.md");
    const auto r = accord({"diff", "--no-index", "--format", "json",
                           test::corpus_file("paris-2015/agreement-4-dec-2015.md"),
                           test::corpus_file("paris-2015/agreement-9-dec-2015.md")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The preamble: "[relevant][evolving economic and emission] trends" became
    // "evolving economic and emission trends".
    EXPECT_NE(
        r.out.find(
            "\"kind\": \"option-chosen\",\n          \"text\": \"evolving economic and emission\""),
        std::string::npos);
    // "[in the light of different national circumstances]" was agreed.
    EXPECT_NE(r.out.find("\"kind\": \"bracket-removed\",\n          \"text\": \"in the light of "
                         "different national "
                         "circumstances\""),
              std::string::npos);
    // The definitions article, "Parties present and voting", was deleted.
    EXPECT_NE(r.out.find("\"kind\": \"paragraph-deleted\",\n          \"text\": \"1. \\\"Parties "
                         "present and voting\\\""),
              std::string::npos);
    // "[best available] [reliable] scientific knowledge": both bracketed qualifiers went.
    EXPECT_NE(r.out.find("\"kind\": \"bracket-deleted\",\n          \"text\": \"reliable\""),
              std::string::npos);
}

}  // namespace
}  // namespace accord
