// Dates as git can hold them: a commit dated after 2106-02-07 (past what an
// unsigned 32-bit time holds) reads back exactly, and one before 1970-01-01
// (which git cannot hold) is refused before anything is written. And
// identities git cannot hold ('<' in a name) are refused by name.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/store/commit_object.hpp"
#include "core/store/repository.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/notice.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

Signature on(const std::string& day, int offset = 0) {
    return {"Japan", "japan@delegations.accord", day_start_utc(*parse_iso_date(day)) + 12 * 3600,
            offset};
}

CommitRequest request_on(const std::string& day, const std::string& text) {
    CommitRequest request;
    request.files = {{"a.md", text}};
    request.author = on(day, 330);
    request.committer = on("2014-06-01");
    request.message = "Proposal\n\nProposed-by: Japan\n";
    request.write_worktree = true;
    return request;
}

TEST(CommitDates, DatesAfter2106ReadBackExactly) {
    test::TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    for (const char* day : {"2106-02-08", "2200-03-01", "9999-12-31", "1970-01-01"}) {
        const std::string id = repo.commit_files(request_on(day, std::string("text of ") + day));
        const CommitInfo info = repo.commit(id);
        EXPECT_EQ(info.author.time, on(day).time) << day;
        EXPECT_EQ(info.author.offset_minutes, 330) << day;
        EXPECT_EQ(format_iso_date(local_day(info.author.time, 0)), day);
        // git reads the same date.
        const test::RunResult git = test::run(
            {"git", "-C", tmp.path(), "log", "-1", "--format=%ad", "--date=format:%Y-%m-%d", id});
        EXPECT_EQ(git.out, std::string(day) + "\n") << git.err;
    }
    const test::RunResult fsck = test::run({"git", "-C", tmp.path(), "fsck", "--strict"});
    EXPECT_EQ(fsck.exit_code, 0) << fsck.out << fsck.err;
}

TEST(CommitDates, DatesBefore1970AreRefusedAndNothingIsWritten) {
    test::TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    for (const char* day : {"1969-12-31", "1948-12-10"}) {
        try {
            repo.commit_files(request_on(day, "text"));
            ADD_FAILURE() << day << " was recorded";
        } catch (const Error& e) {
            EXPECT_EQ(e.exit_code(), kExitUsage);
            EXPECT_NE(std::string(e.what()).find("before 1970-01-01"), std::string::npos)
                << e.what();
        }
    }
    EXPECT_TRUE(repo.is_empty_branch());
    EXPECT_FALSE(std::filesystem::exists(tmp.file("a.md")));
}

// A commit git accepts with a date outside the dates accord runs over (a
// hand-written INT64_MAX with +1400, or a negative time) is read as the
// nearest end of them, in UTC, and said once, naming the commit; the
// day's calculation overflowed before, showing the year -292277022657
// (found by a tester).
TEST(CommitDates, ADateOutsideWhatAccordReadsIsReadAsItsNearestEndAndSaid) {
    test::TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    const std::string first = repo.commit_files(request_on("2014-02-01", "text"));
    const std::string tree =
        test::run({"git", "-C", tmp.path(), "rev-parse", first + "^{tree}"}).out.substr(0, 40);
    for (const auto& [date, read_as] :
         {std::pair{std::string("9223372036854775807 +1400"), kLatestTime},
          std::pair{std::string("-9223372036854775808 -1200"), std::int64_t{0}}}) {
        test::RunOptions options;
        options.input = "tree " + tree + "\nparent " + first + "\nauthor Japan <j@x> " + date +
                        "\ncommitter Japan <j@x> " + date + "\n\nFar\n\nProposed-by: Japan\n";
        const test::RunResult written = test::run({"git", "-C", tmp.path(), "hash-object", "-w",
                                                   "--literally", "-t", "commit", "--stdin"},
                                                  options);
        ASSERT_EQ(written.exit_code, 0) << written.err;
        const std::string id = written.out.substr(0, 40);
        const NoticeCollector notices;
        const CommitInfo info = repo.commit(id);
        EXPECT_EQ(info.author.time, read_as) << date;
        EXPECT_EQ(info.author.offset_minutes, 0) << date;
        EXPECT_EQ(info.committer.time, read_as) << date;
        ASSERT_EQ(notices.notices().size(), 1u) << date;
        EXPECT_NE(notices.notices()[0].find("commit " + id), std::string::npos);
        EXPECT_NE(notices.notices()[0].find("it is read as " + format_iso_timestamp(read_as, 0)),
                  std::string::npos)
            << notices.notices()[0];
    }
}

// A history of many such commits gives ten notes naming them and one line
// for the rest, not a note per commit.
TEST(CommitDates, ManyDatesOutsideWhatAccordReadsAreSaidTenTimesThenOnce) {
    test::TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    const std::string first = repo.commit_files(request_on("2014-02-01", "text"));
    const std::string tree =
        test::run({"git", "-C", tmp.path(), "rev-parse", first + "^{tree}"}).out.substr(0, 40);
    std::vector<std::string> ids;
    for (int k = 0; k < 14; ++k) {
        test::RunOptions options;
        const std::string date = std::to_string(kLatestTime + 1 + k) + " +0000";
        options.input = "tree " + tree + "\nparent " + first + "\nauthor Japan <j@x> " + date +
                        "\ncommitter Japan <j@x> " + date + "\n\nFar\n";
        const test::RunResult written = test::run({"git", "-C", tmp.path(), "hash-object", "-w",
                                                   "--literally", "-t", "commit", "--stdin"},
                                                  options);
        ASSERT_EQ(written.exit_code, 0) << written.err;
        ids.push_back(written.out.substr(0, 40));
    }
    const NoticeCollector notices;
    for (const std::string& id : ids) EXPECT_EQ(repo.commit(id).author.time, kLatestTime);
    ASSERT_EQ(notices.notices().size(), 11u);
    EXPECT_NE(notices.notices()[9].find("commit " + ids[9]), std::string::npos);
    EXPECT_NE(notices.notices()[10].find("more commits"), std::string::npos);
}

TEST(CommitDates, TheCommitObjectIsWrittenAsGitWritesIt) {
    Signature author{"Côte d'Ivoire", "cote-d-ivoire@delegations.accord", 4102444800, -90};
    Signature committer{"Secretariat", "secretariat@un.org", 1393243200, 60};
    EXPECT_EQ(format_commit_object(std::string(40, 'a'), {std::string(40, 'b')}, author, committer,
                                   "Subject"),
              "tree " + std::string(40, 'a') + "\nparent " + std::string(40, 'b') +
                  "\nauthor Côte d'Ivoire <cote-d-ivoire@delegations.accord> 4102444800 -0130\n"
                  "committer Secretariat <secretariat@un.org> 1393243200 +0100\n\nSubject\n");
    EXPECT_EQ(signature_problem(author, "author"), "");
    author.name = "G77 <and China>";
    EXPECT_NE(signature_problem(author, "author").find("holds '<', '>'"), std::string::npos);
    author.name = "";
    EXPECT_EQ(signature_problem(author, "author"), "author has no name");
}

}  // namespace
}  // namespace accord
