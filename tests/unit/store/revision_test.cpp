#include "core/store/revision.hpp"

#include <gtest/gtest.h>

#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/notice.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

Config wgec() {
    return parse_config(
        "meetings:\n"
        "  - {name: WGEC-3, from: 2014-02-24, to: 2014-02-26}\n"
        "  - {name: main, from: 2014-05-01, to: 2014-05-02}\n",
        "accord.yaml");
}

std::string usage_message(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), kExitUsage) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "no error";
    return "";
}

// ---------------------------------------------------------------- pure part

TEST(RevisionSpec, ClassifiesDatesMeetingsAndGitRevisions) {
    const Config config = wgec();
    const RevisionSpec date = classify_revision("2014-02-25", config);
    EXPECT_EQ(date.kind, RevisionKind::date);
    EXPECT_EQ(date.day, "2014-02-25");
    const RevisionSpec meeting = classify_revision("wgec-3", config);
    EXPECT_EQ(meeting.kind, RevisionKind::meeting);
    EXPECT_EQ(meeting.day, "2014-02-26");
    EXPECT_EQ(meeting.text, "wgec-3");
    // A meeting named like a branch is the meeting.
    EXPECT_EQ(classify_revision("main", config).kind, RevisionKind::meeting);
    for (const char* rev : {"HEAD~2", "small-group", "a1b2c3d", "2014-02", "WGEC-4"}) {
        const RevisionSpec spec = classify_revision(rev, config);
        EXPECT_EQ(spec.kind, RevisionKind::git) << rev;
        EXPECT_EQ(spec.text, rev);
    }
    EXPECT_EQ(usage_message([&] { classify_revision("2014-02-30", config); }),
              "'2014-02-30' is written as a date (YYYY-MM-DD) but is no day of the calendar");
}

TEST(RevisionSpec, ARangeNamesItsTwoEnds) {
    using Ends = std::pair<std::string, std::string>;
    EXPECT_EQ(revision_range("HEAD~3..HEAD~1"), Ends("HEAD~3", "HEAD~1"));
    EXPECT_EQ(revision_range("2014-02-24..2014-05-01"), Ends("2014-02-24", "2014-05-01"));
    EXPECT_EQ(revision_range("WGEC-3.."), Ends("WGEC-3", "HEAD"));
    EXPECT_EQ(revision_range("..main"), Ends("HEAD", "main"));
    EXPECT_FALSE(revision_range("main...side"));  // git's symmetric difference: not two ends
    EXPECT_FALSE(revision_range("HEAD~2"));
}

TEST(RevisionSpec, TheCutOffIsTheLastSecondOfTheDayOnTheAuthorsClock) {
    const std::int64_t cutoff = end_of_day("2014-02-25");
    const std::int64_t midnight = day_start_utc(*parse_iso_date("2014-02-26"));
    EXPECT_EQ(cutoff, midnight - 1);
    // 23:30 in New York on the 25th is 04:30 UTC on the 26th: still the 25th.
    EXPECT_TRUE(authored_by({"US", "", midnight + 4 * 3600 + 1800, -300}, cutoff));
    // 00:30 in Geneva on the 26th is 23:30 UTC on the 25th: already the 26th.
    EXPECT_FALSE(authored_by({"CH", "", midnight - 1800, 60}, cutoff));
    EXPECT_TRUE(authored_by({"X", "", midnight - 1, 0}, cutoff));
    EXPECT_FALSE(authored_by({"X", "", midnight, 0}, cutoff));
}

// ---------------------------------------------------------------- repository

class RevisionInRepository : public ::testing::Test {
  protected:
    test::TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    Config config = wgec();

    std::string propose(const std::string& day, int hour, int offset, const std::string& text) {
        CommitRequest r;
        r.files = {{"A/1.md", text}};
        r.author = {"Japan", "jp@example.org",
                    day_start_utc(*parse_iso_date(day)) + hour * 3600 - offset * 60, offset};
        r.committer = {"Secretariat", "s@example.org", 1'400'000'000, 0};
        r.message = "proposal of " + day + "\n";
        r.write_worktree = true;
        return repo.commit_files(r);
    }
};

TEST_F(RevisionInRepository, DatesAndMeetingsPickTheStateAtTheEndOfTheDay) {
    const std::string nov = propose("2013-11-09", 10, 0, "v1\n");
    const std::string feb7 = propose("2014-02-07", 10, 0, "v2\n");
    const std::string feb25 = propose("2014-02-25", 23, 60, "v3\n");  // 22:00Z
    const std::string may = propose("2014-05-01", 9, 120, "v4\n");

    EXPECT_EQ(resolve_revision(repo, config, "2013-11-09"), nov);
    EXPECT_EQ(resolve_revision(repo, config, "2014-02-24"), feb7);
    EXPECT_EQ(resolve_revision(repo, config, "2014-02-25"), feb25);
    EXPECT_EQ(resolve_revision(repo, config, "WGEC-3"), feb25);
    EXPECT_EQ(resolve_revision(repo, config, "2014-04-30"), feb25);
    EXPECT_EQ(resolve_revision(repo, config, "2099-01-01"), may);
    EXPECT_EQ(resolve_revision(repo, config, "HEAD~2"), feb7);
    EXPECT_EQ(resolve_revision(repo, config, "2014-02-25", feb7), feb7);  // from an older tip
    EXPECT_EQ(repo.read_file_at(resolve_revision(repo, config, "WGEC-3"), "A/1.md"), "v3\n");

    EXPECT_EQ(usage_message([&] { resolve_revision(repo, config, "2013-01-01"); }),
              "no proposal on or before 2013-01-01; the history starts on 2013-11-09");
    Config early =
        parse_config("meetings: [{name: WGEC-1, from: 2013-06-01, to: 2013-06-02}]\n", "a");
    EXPECT_EQ(usage_message([&] { resolve_revision(repo, early, "WGEC-1"); }),
              "no proposal on or before the end of WGEC-1 (2013-06-02); the history starts on "
              "2013-11-09");
    EXPECT_NE(usage_message([&] {
                  resolve_revision(repo, config, "nonsense");
              }).find("unknown revision 'nonsense'"),
              std::string::npos);
    // A mistyped meeting: the meetings accord.yaml lists are named.
    EXPECT_NE(usage_message([&] {
                  resolve_revision(repo, config, "WGEC-9");
              }).find("nor a meeting of accord.yaml (its meetings: "),
              std::string::npos);
    // Past the start of the history: how far back it goes, in place of
    // libgit2's "parent 0 does not exist".
    EXPECT_NE(usage_message([&] {
                  resolve_revision(repo, config, "HEAD~99");
              }).find("'HEAD~99' goes back further than the history: HEAD has "),
              std::string::npos);
}

// A proposal recorded late with an earlier date (propose --backdate) stands
// on the text as recorded, which holds a proposal dated after the day asked
// for: the date resolves as before, and a note says so. Commits dated later
// below every proposal (the negotiation set up on the day its past was
// recorded) are no reason for a note.
TEST_F(RevisionInRepository, AStateHoldingALaterDatedProposalIsSaidToHoldIt) {
    propose("2026-12-04", 9, 0, "set up\n");
    const std::string jan10 = propose("2014-01-10", 10, 0, "v1\n");
    propose("2014-02-10", 10, 0, "v2\n");
    const std::string late = propose("2014-01-20", 10, 0, "v3\n");
    {
        NoticeCollector notes;
        EXPECT_EQ(resolve_revision(repo, config, "2014-01-15"), jan10);
        EXPECT_TRUE(notes.notices().empty());
    }
    NoticeCollector notes;
    EXPECT_EQ(resolve_revision(repo, config, "2014-01-25"), late);
    ASSERT_EQ(notes.notices().size(), 1U);
    EXPECT_NE(notes.notices()[0].find("recorded after a proposal dated later (2014-02-10"),
              std::string::npos)
        << notes.notices()[0];
}

// The merge `git pull` makes is dated the day it was made and names no
// proposer: a proposal recorded after it is no proposal "recorded after a
// proposal dated later", and no note says so.
TEST_F(RevisionInRepository, APullsMergeDatedTodayIsNoLaterProposal) {
    const std::string base = propose("2015-10-01", 10, 0, "base\n");
    const std::string side = propose("2015-10-03", 10, 0, "site\n");
    ASSERT_EQ(test::run({"git", "-C", tmp.path(), "branch", "site"}).exit_code, 0);
    ASSERT_EQ(test::run({"git", "-C", tmp.path(), "reset", "-q", "--hard", base}).exit_code, 0);
    propose("2015-10-02", 10, 0, "main\n");
    CommitRequest merge;
    merge.files = {{"A/1.md", std::string("merged\n")}};
    merge.author = {"Sec", "s@example.org", day_start_utc(*parse_iso_date("2026-12-07")), 0};
    merge.committer = merge.author;
    merge.message = "Merge branch 'main' of ../jp\n";
    merge.merged = {side};
    merge.write_worktree = true;
    repo.commit_files(merge);
    const std::string after = propose("2015-10-05", 10, 0, "after\n");
    {
        NoticeCollector notes;
        EXPECT_EQ(resolve_revision(repo, config, "2015-10-05"), after);
        EXPECT_TRUE(notes.notices().empty()) << notes.notices()[0];
    }
    // A merge that names its proposer is a proposal, dated as any.
    merge.message = "Merge of the small group\n\nProposed-by: Chair\n";
    merge.files = {{"A/1.md", std::string("merged again\n")}};
    ASSERT_EQ(test::run({"git", "-C", tmp.path(), "branch", "-f", "site2", side}).exit_code, 0);
    repo.commit_files(merge);
    const std::string last = propose("2015-10-06", 10, 0, "last\n");
    NoticeCollector notes;
    EXPECT_EQ(resolve_revision(repo, config, "2015-10-06"), last);
    ASSERT_EQ(notes.notices().size(), 1U);
    EXPECT_NE(notes.notices()[0].find("recorded after a proposal dated later (2026-12-07"),
              std::string::npos)
        << notes.notices()[0];
}

TEST_F(RevisionInRepository, AnEmptyBranchHasNoStateAtAnyDate) {
    EXPECT_NE(usage_message([&] {
                  resolve_revision(repo, config, "2014-02-25");
              }).find("has no commits yet"),
              std::string::npos);
}

TEST_F(RevisionInRepository, DatesFollowTheMainlineNotSideBranches) {
    const std::string base = propose("2014-01-01", 10, 0, "base\n");
    const std::string side = propose("2014-01-10", 10, 0, "small group\n");
    ASSERT_EQ(test::run({"git", "-C", tmp.path(), "branch", "side"}).exit_code, 0);
    ASSERT_EQ(test::run({"git", "-C", tmp.path(), "reset", "-q", "--hard", base}).exit_code, 0);
    CommitRequest merge;
    merge.files = {{"A/1.md", std::string("merged\n")}};
    merge.author = {"Chair", "c@example.org", day_start_utc(*parse_iso_date("2014-02-01")), 0};
    merge.committer = merge.author;
    merge.message = "merge small group\n";
    merge.merged = {side};
    merge.write_worktree = true;
    const std::string merged = repo.commit_files(merge);
    // On 15 January the small group's text was not yet the negotiation's.
    EXPECT_EQ(resolve_revision(repo, config, "2014-01-15"), base);
    EXPECT_EQ(resolve_revision(repo, config, "2014-02-01"), merged);
}

}  // namespace
}  // namespace accord
