// Blaming many texts in one walk gives each text what blaming it alone gives:
// the same spans, origins and proposals, on a history with wording moved
// between texts, a merged redraft branch, a text deleted and tabled again,
// and a proposal that changed several texts at once.
#include "merge/blame/blame_many.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"

namespace accord {
namespace {

class BlameMany : public ::testing::Test {
  protected:
    void SetUp() override {
        repo_.emplace(Repository::init(dir.path()));
        record("Chair", "2014-01-01",
               {{"a.md", "Parties shall cooperate.\n\nStates report on their progress yearly.\n"},
                {"b.md", "The fund is open.\n"},
                {"c.md", "Observers attend.\n"},
                {"notes.txt", "Minutes of the first meeting.\n"}});
        record("Japan", "2014-01-02",
               {{"a.md",
                 "Parties shall cooperate closely on adaptation finance.\n\n"
                 "States report on their progress yearly.\n"}});
        // Sweden moves a paragraph from a.md to b.md in one proposal.
        record("Sweden", "2014-01-03",
               {{"a.md", "Parties shall cooperate closely on adaptation finance.\n"},
                {"b.md", "The fund is open.\n\nStates report on their progress yearly.\n"}});
        // A redraft branch, merged back.
        const std::string base = repo_->resolve("HEAD");
        CommitRequest side = test::proposal_request(
            {"Brazil", "2014-01-04", {{"c.md", "Observers attend [all] sessions.\n"}}});
        side.parent = base;
        side.branch = "redraft/a";
        side.create_branch = true;
        side.write_worktree = false;
        const std::string side_commit = repo_->commit_files(side);
        record("Nigeria", "2014-01-05",
               {{"b.md",
                 "The fund is open to [all] developing countries.\n\n"
                 "States report on their progress yearly.\n"}});
        CommitRequest merge = test::proposal_request(
            {"Chair", "2014-01-06", {{"c.md", "Observers attend [all] sessions.\n"}}});
        merge.merged = {side_commit};
        repo_->commit_files(merge);
        // c.md withdrawn and tabled again; Japan's wording deleted from a.md
        // and brought back in c.md by the same proposal.
        record("Chair", "2014-01-07", {{"c.md", std::nullopt}});
        record("Japan", "2014-01-08",
               {{"c.md", "Observers attend [all] sessions on adaptation finance.\n"},
                {"a.md", "Parties shall cooperate closely.\n"}});
        record("Sweden", "2014-01-09",
               {{"b.md",
                 "The fund is open to [all] developing countries.\n\n"
                 "States report on their progress yearly, ~~in writing~~.\n"},
                {"notes.txt", "Minutes of the first and second meetings.\n"}});
    }

    void record(const std::string& by, const std::string& day, test::FileTexts files) {
        test::record_proposal(*repo_, {by, day, std::move(files), "Proposal by " + by});
    }

    test::TempDir dir;
    std::optional<Repository> repo_;
};

void expect_same(const FileBlame& alone, const FileBlame& together) {
    SCOPED_TRACE(alone.path);
    EXPECT_EQ(together.path, alone.path);
    EXPECT_EQ(together.revision, alone.revision);
    EXPECT_EQ(together.result.document.source, alone.result.document.source);
    ASSERT_EQ(together.result.spans.size(), alone.result.spans.size());
    for (std::size_t k = 0; k < alone.result.spans.size(); ++k) {
        const BlameSpan& a = alone.result.spans[k];
        const BlameSpan& t = together.result.spans[k];
        EXPECT_EQ(t.range.begin, a.range.begin);
        EXPECT_EQ(t.range.end, a.range.end);
        EXPECT_EQ(t.kind, a.kind);
        EXPECT_EQ(t.origin, a.origin);
        EXPECT_EQ(t.restored_by, a.restored_by);
    }
    ASSERT_EQ(together.history.proposals.size(), alone.history.proposals.size());
    for (std::size_t k = 0; k < alone.history.proposals.size(); ++k)
        EXPECT_EQ(together.history.proposals[k].commit, alone.history.proposals[k].commit);
    ASSERT_EQ(together.history.versions.size(), alone.history.versions.size());
    for (std::size_t v = 0; v < alone.history.versions.size(); ++v) {
        EXPECT_EQ(together.history.versions[v].id, alone.history.versions[v].id);
        EXPECT_EQ(together.history.versions[v].parents, alone.history.versions[v].parents);
        EXPECT_EQ(together.history.versions[v].proposers, alone.history.versions[v].proposers);
        EXPECT_EQ(together.history.versions[v].date, alone.history.versions[v].date);
    }
}

TEST_F(BlameMany, EachTextIsBlamedAsBlamingItAloneDoes) {
    const Workspace ws = Workspace::open(dir.path());
    const std::string head = ws.resolve("HEAD");
    const std::vector<std::string> paths = ws.texts(head);
    ASSERT_EQ(paths.size(), 4u);
    for (const bool across : {false, true}) {
        SCOPED_TRACE(across ? "across texts" : "moves only");
        BlameManyOptions options;
        options.across_texts = across;
        const std::vector<FileBlame> together = blame_files(ws, paths, head, options);
        ASSERT_EQ(together.size(), paths.size());
        for (std::size_t k = 0; k < paths.size(); ++k)
            expect_same(blame_file(ws, paths[k], head, {.across_texts = across, .at_label = {}}),
                        together[k]);
    }
}

TEST_F(BlameMany, MovedWordingKeepsItsProposer) {
    const Workspace ws = Workspace::open(dir.path());
    const std::string head = ws.resolve("HEAD");
    const std::vector<FileBlame> blames = blame_files(ws, {"b.md"}, head);
    // Walked alone, b.md cannot know that "States report on their progress yearly" came from a.md.
    const FileBlame& b = blames.front();
    const std::string& source = b.result.document.source;
    const std::size_t states = source.find("States");
    bool found = false;
    for (const BlameSpan& span : b.result.spans) {
        if (span.range.begin > states || span.range.end <= states) continue;
        found = true;
        EXPECT_EQ(b.history.proposals.at(span.origin).proposers,
                  std::vector<std::string>{"Sweden"});
    }
    EXPECT_TRUE(found);
    const std::vector<FileBlame> with_a = blame_files(ws, {"a.md", "b.md"}, head);
    for (const BlameSpan& span : with_a[1].result.spans) {
        if (span.range.begin > states || span.range.end <= states) continue;
        EXPECT_EQ(with_a[1].history.proposals.at(span.origin).proposers,
                  std::vector<std::string>{"Chair"});
    }
}

// b.md renamed after Sweden moved a.md's paragraph into it: blaming the
// renamed text alone finds the paragraph's first proposer as blaming every
// text together does (its versions at b.md are its own, and what a.md lost
// in the same proposal is what it gained there), and the versions say at
// which name each stood.
TEST_F(BlameMany, WordingMovedIntoATextRenamedSinceKeepsItsProposer) {
    const std::string b_text =
        "The fund is open to [all] developing countries.\n\n"
        "States report on their progress yearly, ~~in writing~~.\n";
    record("Chair", "2014-01-10", {{"b.md", std::nullopt}, {"fund.md", b_text}});
    const Workspace ws = Workspace::open(dir.path());
    const std::string head = ws.resolve("HEAD");
    const std::vector<std::string> paths = ws.texts(head);
    const std::vector<FileBlame> together = blame_files(ws, paths, head);
    const auto fund = std::find(paths.begin(), paths.end(), "fund.md");
    ASSERT_NE(fund, paths.end());
    const FileBlame& renamed = together.at(static_cast<std::size_t>(fund - paths.begin()));
    const FileBlame alone = blame_file(ws, "fund.md", head);
    expect_same(alone, renamed);
    const std::size_t states = alone.result.document.source.find("States");
    for (const BlameSpan& span : alone.result.spans) {
        if (span.range.begin > states || span.range.end <= states) continue;
        EXPECT_EQ(alone.history.proposals.at(span.origin).proposers,
                  std::vector<std::string>{"Chair"});
    }
    EXPECT_EQ(renamed.names, (std::vector<std::string>{"fund.md", "b.md"}));
    ASSERT_EQ(renamed.version_names.size(), renamed.history.versions.size());
    for (std::size_t v = 0; v < renamed.history.versions.size(); ++v) {
        const bool last = v + 1 == renamed.history.versions.size();
        EXPECT_EQ(renamed.names.at(renamed.version_names[v]), last ? "fund.md" : "b.md");
    }
}

TEST_F(BlameMany, VersionTextsAreKeptOnlyWhenAsked) {
    const Workspace ws = Workspace::open(dir.path());
    const std::string head = ws.resolve("HEAD");
    const FileBlame alone = blame_file(ws, "b.md", head);
    BlameManyOptions options;
    EXPECT_TRUE(
        blame_files(ws, {"b.md"}, head, options).front().history.versions.front().text.empty());
    options.version_texts = true;
    const FileBlame kept = blame_files(ws, {"b.md"}, head, options).front();
    ASSERT_EQ(kept.history.versions.size(), alone.history.versions.size());
    for (std::size_t v = 0; v < alone.history.versions.size(); ++v) {
        // blame_file keeps no text; each kept one is the file at its commit.
        EXPECT_TRUE(alone.history.versions[v].text.empty());
        EXPECT_EQ(kept.history.versions[v].text,
                  ws.read(alone.history.versions[v].id, "b.md").value_or("(absent)"));
    }
}

TEST_F(BlameMany, AMissingOrBinaryTextIsRefusedByNameOrBinaryLeftOutOnRequest) {
    record("Chair", "2014-01-10", {{"logo.md", std::string("PNG\0\0\0binary", 12)}});
    const Workspace ws = Workspace::open(dir.path());
    const std::string head = ws.resolve("HEAD");
    try {
        blame_files(ws, {"a.md", "gone.md"}, head);
        FAIL() << "a missing text was blamed";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("'gone.md' is not in the repository"),
                  std::string::npos)
            << e.what();
    }
    try {
        blame_files(ws, {"logo.md"}, head);
        FAIL() << "a binary text was blamed";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("'logo.md' is a binary file"), std::string::npos)
            << e.what();
    }
    EXPECT_TRUE(blame_files(ws, {}, head).empty());
    // Left out on request: the others are blamed as before.
    BlameManyOptions skip;
    skip.skip_binary = true;
    std::vector<std::size_t> handed;
    blame_files(ws, {"logo.md", "b.md"}, head, skip, [&](std::size_t index, FileBlame&& blame) {
        handed.push_back(index);
        EXPECT_EQ(blame.path, "b.md");
    });
    EXPECT_EQ(handed, std::vector<std::size_t>{1});
}

}  // namespace
}  // namespace accord

namespace accord {
namespace {

// Wording moved from a.md to b.md by one proposal and from b.md to c.md by a
// later one: walked together, c.md's wording goes back to its first
// proposer; blame_file of c.md walks only the texts c.md's own proposals
// changed (b.md), so it stops at the proposal that moved it into b.md.
TEST(BlameManyChain, WordingMovedAlongAChainOfTextsGoesBackToItsFirstProposer) {
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    const auto record = [&](const std::string& by, const std::string& day, test::FileTexts files) {
        test::record_proposal(repo, {by, day, std::move(files), "Proposal by " + by});
    };
    record("Chair", "2014-01-01", {{"a.md", "Intro.\n"}, {"b.md", "Fund.\n"}, {"c.md", "End.\n"}});
    record("Japan", "2014-01-02",
           {{"a.md", "Intro.\n\nParties shall cooperate closely on adaptation finance.\n"}});
    record("Sweden", "2014-01-03",
           {{"a.md", "Intro.\n"},
            {"b.md", "Fund.\n\nParties shall cooperate closely on adaptation finance.\n"}});
    record("Brazil", "2014-01-04",
           {{"b.md", "Fund.\n"},
            {"c.md", "End.\n\nParties shall cooperate closely on adaptation finance.\n"}});
    const Workspace ws = Workspace::open(dir.path());
    const std::string head = ws.resolve("HEAD");
    const auto proposer_of = [](const FileBlame& blame, const std::string& word) {
        const std::size_t at = blame.result.document.source.find(word);
        for (const BlameSpan& span : blame.result.spans) {
            if (span.range.begin <= at && at < span.range.end)
                return blame.history.proposals.at(span.origin).proposers.front();
        }
        return std::string("(none)");
    };
    // Before Brazil's move, blame_file of b.md follows a.md, which Sweden's
    // move changed, back through Japan's proposal to a.md alone (first, while
    // nothing of the history is remembered: its walk reads it afresh).
    EXPECT_EQ(proposer_of(blame_file(ws, "b.md", ws.resolve("HEAD~1")), "cooperate"), "Japan");
    EXPECT_EQ(proposer_of(blame_files(ws, {"a.md", "b.md", "c.md"}, head)[2], "cooperate"),
              "Japan");
    EXPECT_EQ(proposer_of(blame_file(ws, "c.md", head), "cooperate"), "Sweden");
}

}  // namespace
}  // namespace accord
