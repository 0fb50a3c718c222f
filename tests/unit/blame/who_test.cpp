// accord who on real repositories written by the test: the story of a
// wording through marks, deletion and other texts, read in one walk.
#include "merge/blame/who.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/store/repository.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

class Who : public ::testing::Test {
  protected:
    void SetUp() override { repo_.emplace(Repository::init(dir.path())); }

    // One proposal by `by` on day `day` of December 2015; a file given
    // without contents is deleted.
    void propose(const std::string& by, int day,
                 std::vector<std::pair<std::string, std::optional<std::string>>> files) {
        CommitRequest request;
        request.files = std::move(files);
        const std::int64_t time = day_start_utc(*parse_iso_date("2015-12-01")) + day * 86400;
        request.author = {"Secretariat", "secretariat@example.org", time, 0};
        request.committer = request.author;
        request.message = "Proposal by " + by + "\n\nProposed-by: " + by + "\n";
        request.write_worktree = true;
        repo_->commit_files(request);
    }

    std::optional<WhoReport> who(const std::string& phrase,
                                 const std::vector<std::string>& paths = {}) {
        const Workspace ws = Workspace::open(dir.path());
        return who_proposed(ws, phrase, paths);
    }

    // "state by Proposer in path", one line per event.
    static std::string story(const WhoReport& report) {
        std::string out;
        for (const WordingEvent& e : report.events) {
            out += std::string(to_string(e.state)) + " by ";
            for (const std::string& name : e.proposal.proposers) out += name;
            out += " in " + e.path + "\n";
        }
        return out;
    }

    test::TempDir dir;
    std::optional<Repository> repo_;
};

// A phrase copied from the text as it reads asks for its wording: marks
// within a word join it, marks between words or options part them.
TEST(WhoPhrase, BracketsAndStrikeMarksAreMarksNotWording) {
    EXPECT_EQ(wording_of_phrase("shall [strengthen]"), "shall strengthen");
    EXPECT_EQ(wording_of_phrase("[strengthen]."), "strengthen.");
    EXPECT_EQ(wording_of_phrase("en[hanced] cooperation"), "enhanced cooperation");
    EXPECT_EQ(wording_of_phrase("~~pertaining to~~ the Internet"), "pertaining to the Internet");
    EXPECT_EQ(wording_of_phrase("[[new and] additional]"), "new and additional");
    EXPECT_EQ(wording_of_phrase("[enhance][improve] cooperation"), "enhance improve cooperation");
    EXPECT_EQ(wording_of_phrase("  enhanced   cooperation "), "enhanced cooperation");
    EXPECT_EQ(wording_of_phrase("1/CP.21"), "1/CP.21");
    EXPECT_EQ(wording_of_phrase("[]"), "");
}

// Found as the text holds it, bracketed.
TEST_F(Who, APhraseGivenWithItsBracketsIsFoundByItsWording) {
    propose("Japan", 0, {{"A.md", "Parties shall [strengthen] cooperation.\n"}});
    const std::optional<WhoReport> report = who("shall [strengthen]");
    ASSERT_TRUE(report);
    EXPECT_EQ(report->phrase, "shall strengthen");
    EXPECT_EQ(report->current_state, "bracketed");
}

TEST_F(Who, FollowsAWordingThroughMarksDeletionAndAnotherText) {
    propose("Japan", 0,
            {{"A.md", "We support enhanced\ncooperation among States.\n"},
             {"B.md", "Other matters.\n"}});
    propose("Sweden", 1, {{"A.md", "We support [enhanced cooperation] among States.\n"}});
    propose("Brazil", 2, {{"A.md", "We support ~~enhanced cooperation~~ among States.\n"}});
    propose("Kenya", 3, {{"A.md", "We support cooperation among States.\n"}});
    propose("India", 4, {{"B.md", "Other matters, and en[hanced] cooperation.\n"}});
    propose("Chair", 5, {{"B.md", "Other matters, and enhanced cooperation.\n"}});
    const std::optional<WhoReport> report = who("enhanced  cooperation");
    ASSERT_TRUE(report);
    EXPECT_EQ(report->phrase, "enhanced cooperation");
    EXPECT_EQ(story(*report),
              "proposed by Japan in A.md\n"
              "bracketed by Sweden in A.md\n"
              "struck by Brazil in A.md\n"
              "deleted by Kenya in A.md\n"
              "restored by India in B.md\n"
              "agreed by Chair in B.md\n");
    EXPECT_EQ(report->events.front().proposal.day, "2015-12-01");
    EXPECT_TRUE(report->stands);
    EXPECT_EQ(report->current_state, "agreed");
    EXPECT_EQ(report->current_path, "B.md");
}

// Two texts holding the same bytes (one blob): each keeps its own story.
// When one loses the wording it was deleted there, not moved: it stood in
// the other already (a move is the wording leaving one text for another in
// one proposal), and it stands there still.
TEST_F(Who, TextsSharingABlobEachCount) {
    const std::string text = "Requests the secretariat to report on progress.\n";
    propose("Japan", 0, {{"A.md", text}, {"B.md", text}});
    propose("Sweden", 1, {{"A.md", "Requests the secretariat to act.\n"}});
    const std::optional<WhoReport> report = who("report on progress");
    ASSERT_TRUE(report);
    EXPECT_EQ(story(*report),
              "proposed by Japan in A.md\n"
              "deleted by Sweden in A.md\n");
    EXPECT_TRUE(report->stands);
    EXPECT_EQ(report->current_path, "B.md");
}

// With paths, only those texts are read.
// Two redrafts from one text, merged one after the other: a proposal on one
// branch did not delete what the other branch added (it never saw it), and
// the merges, which only took each side's wording, neither deleted nor
// restored anything.
TEST_F(Who, ParallelRedraftsAndTheirMergesTellNoFalseStory) {
    propose("Japan", 0, {{"A.md", "Recognizes the role of governments.\n"}});
    const std::string base = repo_->resolve("HEAD");
    const auto record = [&](const std::string& by, int day, const std::string& text,
                            const std::string& branch, const std::string& parent,
                            std::vector<std::string> merged = {}) {
        CommitRequest request;
        request.files = {{"A.md", text}};
        const std::int64_t time = day_start_utc(*parse_iso_date("2015-12-01")) + day * 86400;
        request.author = {"Secretariat", "secretariat@example.org", time, 0};
        request.committer = request.author;
        request.message = "Proposal by " + by + "\n\nProposed-by: " + by + "\n";
        request.branch = branch;
        request.parent = parent;
        request.merged = std::move(merged);
        request.create_branch = branch != "main";
        return repo_->commit_files(request);
    };
    const std::string sweden =
        record("Sweden", 1, "Recognizes the essential role of governments.\n", "g1", base);
    const std::string brazil =
        record("Brazil", 2, "Recognizes the role of governments and parliaments.\n", "g2", base);
    const std::string first = record("Chair", 3, "Recognizes the essential role of governments.\n",
                                     "main", base, {sweden});
    record("Chair", 4, "Recognizes the essential role of governments and parliaments.\n", "main",
           first, {brazil});
    for (const std::string phrase : {"essential", "parliaments"}) {
        SCOPED_TRACE(phrase);
        const std::optional<WhoReport> report = who(phrase);
        ASSERT_TRUE(report);
        EXPECT_EQ(story(*report), std::string("proposed by ") +
                                      (phrase == "essential" ? "Sweden" : "Brazil") + " in A.md\n");
        EXPECT_TRUE(report->stands);
    }
}

TEST_F(Who, PathsNarrowTheSearch) {
    const std::string text = "Requests the secretariat to report on progress.\n";
    propose("Japan", 0, {{"A.md", text}});
    propose("Sweden", 1, {{"B.md", text}});
    propose("Brazil", 2, {{"A.md", "Requests the secretariat to act.\n"}});
    std::optional<WhoReport> report = who("report on progress", {"B.md"});
    ASSERT_TRUE(report);
    EXPECT_EQ(story(*report), "proposed by Sweden in B.md\n");
    report = who("report on progress", {"A.md"});
    ASSERT_TRUE(report);
    EXPECT_EQ(story(*report), "proposed by Japan in A.md\ndeleted by Brazil in A.md\n");
    EXPECT_FALSE(report->stands);
    EXPECT_EQ(report->current_state, "absent");
    EXPECT_FALSE(who("report on progress", {"C.md"}));
}

// A directory stands for the texts in it, with or without a trailing '/'.
TEST_F(Who, ADirectoryStandsForItsTexts) {
    const std::string text = "Requests the secretariat to report on progress.\n";
    propose("Japan", 0, {{"A/01.md", text}, {"B/01.md", "Other matters.\n"}});
    propose("Sweden", 1, {{"B/01.md", text}});
    for (const char* root : {"B", "B/", "B//"}) {
        const std::optional<WhoReport> report = who("report on progress", {root});
        ASSERT_TRUE(report) << root;
        EXPECT_EQ(story(*report), "proposed by Sweden in B/01.md\n") << root;
    }
    const std::optional<WhoReport> everywhere = who("report on progress", {""});
    ASSERT_TRUE(everywhere);
    EXPECT_EQ(story(*everywhere), "proposed by Japan in A/01.md\n");
}

// A renamed text keeps its wording's story: the rename is a move in one
// proposal, and a text since deleted is walked as well as the current ones.
TEST_F(Who, FollowsAWordingAcrossARename) {
    const std::string text = "The Parties [shall] cooperate on capacity building.\n";
    propose("France", 0, {{"a.md", text}});
    propose("Chair", 1, {{"a.md", std::nullopt}, {"b.md", text}});
    propose("Brazil", 2, {{"b.md", "The Parties shall cooperate on [capacity building].\n"}});
    std::optional<WhoReport> report = who("capacity building");
    ASSERT_TRUE(report);
    EXPECT_EQ(story(*report),
              "proposed by France in a.md\n"
              "moved by Chair in b.md\n"
              "bracketed by Brazil in b.md\n");
    EXPECT_EQ(report->current_path, "b.md");
    EXPECT_EQ(report->current_state, "bracketed");
    // A text deleted without a successor: the wording was deleted with it.
    propose("Kenya", 3, {{"b.md", std::nullopt}, {"c.md", "Other matters.\n"}});
    report = who("capacity building");
    ASSERT_TRUE(report);
    EXPECT_EQ(story(*report),
              "proposed by France in a.md\n"
              "moved by Chair in b.md\n"
              "bracketed by Brazil in b.md\n"
              "deleted by Kenya in b.md\n");
    EXPECT_FALSE(report->stands);
}

// The same words written free in another text, the bracketed ones left as
// they were: proposed there again, not agreed (no one lifted the brackets).
TEST_F(Who, WordingTabledFreeElsewhereIsProposedAgainNotAgreed) {
    propose("Russian Federation", 0,
            {{"a.md", "Parties should [strengthen enhanced cooperation] at all levels.\n"}});
    propose("Japan", 1, {{"b.md", "We strengthen enhanced cooperation.\n"}});
    const std::optional<WhoReport> report = who("strengthen enhanced cooperation");
    ASSERT_TRUE(report);
    EXPECT_EQ(story(*report),
              "proposed by Russian Federation in a.md\n"
              "proposed by Japan in b.md\n");
    EXPECT_EQ(report->current_path, "b.md");
}

TEST_F(Who, NeverHeldOrNothingToLookFor) {
    propose("Japan", 0, {{"A.md", "Requests the secretariat to act.\n"}});
    EXPECT_FALSE(who("report on progress"));
    EXPECT_THROW(who(" \n "), Error);
}

// The versions are read on other threads while the history is walked: a
// version that cannot be read is an error for the caller, as it was when
// read in turn, not the end of the process.
TEST_F(Who, AVersionThatCannotBeReadIsAnError) {
    for (int day = 0; day < 6; ++day) {
        propose("Japan", day,
                {{"A.md", "Requests [enhanced cooperation] " + std::to_string(day) + ".\n"},
                 {"B.md", "Notes the report " + std::to_string(day) + ".\n"}});
    }
    ASSERT_TRUE(who("enhanced cooperation"));
    const std::string old_commit = repo_->resolve("HEAD~3");
    const std::optional<std::string> blob = repo_->blob_id_at(old_commit, "A.md");
    ASSERT_TRUE(blob);
    const std::filesystem::path object =
        std::filesystem::path(dir.path()) / ".git/objects" / blob->substr(0, 2) / blob->substr(2);
    ASSERT_TRUE(std::filesystem::exists(object)) << object;
    std::filesystem::remove(object);
    std::filesystem::remove_all(std::filesystem::path(dir.path()) / ".git/accord");
    EXPECT_THROW(who("enhanced cooperation"), Error);
}

TEST(WhoEmpty, AnUnbornBranchHoldsNothing) {
    test::TempDir dir;
    Repository::init(dir.path());
    const Workspace ws = Workspace::open(dir.path());
    EXPECT_FALSE(who_proposed(ws, "anything", {}));
}

}  // namespace
}  // namespace accord
