// The series behind `accord stats` (merge/stats): walked incrementally, they
// must equal what a full reading of every text at each proposal gives; and
// their JSON and SVG renderings.
#include "merge/report/stats.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "core/store/recommendations.hpp"
#include "core/util/date.hpp"
#include "support/paths.hpp"
#include "support/xml_check.hpp"

namespace accord {
namespace {

Signature on(const std::string& name, const std::string& day, int hour = 12) {
    return {name, "x@example.org", day_start_utc(*parse_iso_date(day)) + hour * 3600, 0};
}

class Stats : public ::testing::Test {
  protected:
    void SetUp() override {
        dir = tmp.file("neg");
        Repository repo = Repository::init(dir);
        auto record = [&](std::vector<std::pair<std::string, std::optional<std::string>>> files,
                          const std::string& by, const std::string& day, int hour = 12) {
            CommitRequest request;
            request.files = std::move(files);
            request.author = on(by, day, hour);
            request.committer = on("Secretariat", day, hour);
            request.message = "Proposal by " + by + "\n\nProposed-by: " + by + "\n";
            request.write_worktree = true;
            repo.commit_files(request);
        };
        record({{"outline.md", "---\nkind: outline\n---\nGROUP A\n"},
                {"A/a.md", "---\nid: A-1\ngroup: A\n---\nA [one] [x][y].\n"},
                {"A/b.md", "---\nid: A-2\ngroup: A\n---\nB.\n"}},
               "Japan", "2014-02-07");
        record({{"accord.yaml", "negotiation: test\n"}}, "Secretariat", "2014-02-08");
        record({{"A/b.md", "---\nid: A-2\ngroup: A\n---\nB [two] ~~three~~.\n"}}, "Sweden",
               "2014-02-10");
        record({{"A/a.md", std::nullopt}}, "Chair", "2014-02-11", 10);
        record({{"A/b.md", "---\nid: A-2\ngroup: A\n---\nB two ~~three~~.\n"}}, "Chair",
               "2014-02-11", 16);
    }

    test::TempDir tmp;
    std::string dir;
};

Tally full_reading(const Workspace& workspace, const std::string& commit) {
    Tally total;
    for (const Recommendation& r : read_recommendations(workspace, commit))
        total += Tally::of(r.counts);
    return total;
}

TEST_F(Stats, IncrementalTotalsEqualAFullReadingAtEveryProposal) {
    const Workspace workspace = Workspace::open(dir);
    const StatsReport report = compute_stats(workspace);
    ASSERT_EQ(report.proposals.size(), 4u) << "the accord.yaml commit changes no count";
    for (const StatsProposal& p : report.proposals) {
        EXPECT_EQ(p.totals, full_reading(workspace, p.proposal.commit)) << p.proposal.subject;
        EXPECT_EQ(p.text_count, read_recommendations(workspace, p.proposal.commit).size());
    }
    EXPECT_EQ(report.revision, report.proposals.back().proposal.commit);
    EXPECT_EQ(report.proposals[0].totals.brackets, 3u);
    EXPECT_EQ(report.proposals[0].totals.alternatives_groups, 1u);
    EXPECT_EQ(report.proposals[1].totals.strikes, 1u);
    EXPECT_EQ(report.proposals[3].totals.brackets, 0u);
}

TEST_F(Stats, SameDayProposalsAreSeparatePointsInTimeOrder) {
    const StatsReport report = compute_stats(Workspace::open(dir));
    ASSERT_EQ(report.proposals.size(), 4u);
    EXPECT_EQ(report.proposals[2].proposal.day, report.proposals[3].proposal.day);
    EXPECT_EQ(report.proposals[3].time - report.proposals[2].time, 6 * 3600);
    EXPECT_EQ(report.proposals[0].time, on("", "2014-02-07").time);
}

TEST_F(Stats, TextsInCompilationOrderThenTheDeletedOnes) {
    const StatsReport report = compute_stats(Workspace::open(dir));
    ASSERT_EQ(report.texts.size(), 3u);
    EXPECT_EQ(report.texts[0].path, "outline.md");
    EXPECT_TRUE(report.texts[0].outline);
    EXPECT_EQ(report.texts[1].id, "A-2");
    EXPECT_EQ(report.texts[1].group, "A");
    const TextSeries& deleted = report.texts[2];
    EXPECT_EQ(deleted.path, "A/a.md");
    EXPECT_EQ(deleted.id, "A-1") << "its description as last seen";
    ASSERT_EQ(deleted.points.size(), 2u);
    EXPECT_TRUE(deleted.points[0].present);
    EXPECT_FALSE(deleted.points[1].present);
    EXPECT_EQ(deleted.points[1].proposal, 2u);
    EXPECT_EQ(deleted.peak.brackets, 3u);
    EXPECT_EQ(deleted.last, Tally{});

    const TextSeries& b = report.texts[1];
    ASSERT_EQ(b.points.size(), 3u) << "one point per proposal that touched it";
    EXPECT_EQ(b.points[1].counts.brackets, 1u);
    EXPECT_EQ(b.last.brackets, 0u);
    EXPECT_EQ(b.peak.strikes, 1u);
}

TEST_F(Stats, PathsLimitTheTextsAndTheProposals) {
    StatsOptions only_b;
    only_b.paths = {"A/b.md"};
    const StatsReport report = compute_stats(Workspace::open(dir), only_b);
    EXPECT_EQ(report.proposals.size(), 3u) << "the deletion of A/a.md is not about A/b.md";
    ASSERT_EQ(report.texts.size(), 1u);
    EXPECT_EQ(report.proposals[0].totals.brackets, 0u);
    EXPECT_EQ(report.proposals[1].totals.brackets, 1u);

    StatsOptions directory;
    directory.paths = {"A"};
    EXPECT_EQ(compute_stats(Workspace::open(dir), directory).texts.size(), 2u);
}

TEST_F(Stats, JsonCarriesSchemaProposalsAndPoints) {
    const std::string json = render_stats_json(compute_stats(Workspace::open(dir)));
    EXPECT_NE(json.find("\"schema\": \"accord.stats/1\""), std::string::npos);
    EXPECT_TRUE(std::regex_search(json, std::regex("\"proposers\": \\[\\s*\"Sweden\"\\s*\\]")))
        << json;
    EXPECT_NE(json.find("\"present\": false"), std::string::npos);
    EXPECT_NE(json.find("\"alternatives_groups\": 1"), std::string::npos);
    EXPECT_NE(json.find("\"path\": \"A/a.md\""), std::string::npos);
}

TEST_F(Stats, SvgShowsTheTotalAndTheTopTexts) {
    const StatsReport report = compute_stats(Workspace::open(dir));
    StatsChartOptions options;
    options.name = "test & co";
    const std::string svg = render_stats_svg(report, options);
    EXPECT_EQ(test::xml_problem(svg), "") << svg;
    EXPECT_NE(svg.find("Open brackets over time: test &amp; co"), std::string::npos);
    EXPECT_NE(svg.find(">All texts</text>"), std::string::npos);
    EXPECT_NE(svg.find(">A-2</text>"), std::string::npos);
    EXPECT_NE(svg.find(">A-1</text>"), std::string::npos) << "the deleted text";
    EXPECT_EQ(svg.find(">outline</text>"), std::string::npos) << "never had a bracket";

    options.top = 1;
    const std::string top = render_stats_svg(report, options);
    EXPECT_NE(top.find(">A-1</text>"), std::string::npos) << "the highest peak";
    EXPECT_EQ(top.find(">A-2</text>"), std::string::npos);
    EXPECT_NE(top.find("lines for the 1 of 2 texts with the highest peak"), std::string::npos);

    options.metric = Metric::strikes;
    EXPECT_NE(render_stats_svg(report, options).find("Proposed deletions"), std::string::npos);
}

TEST(StatsTime, AProposalsTimeIsItsAuthorTimeWhateverItsOffset) {
    test::TempDir tmp;
    Repository repo = Repository::init(tmp.file("neg"));
    std::vector<std::int64_t> times;
    for (int offset : {60, -300, 0, 330}) {
        CommitRequest request;
        request.files = {{"a.md", "Text [" + std::to_string(offset) + "].\n"}};
        request.author = on("Japan", "2015-12-12", 18);
        request.author.time += static_cast<std::int64_t>(times.size()) * 60;
        request.author.offset_minutes = offset;
        request.committer = request.author;
        request.message = "Proposal\n";
        repo.commit_files(request);
        times.push_back(request.author.time);
    }
    const StatsReport report = compute_stats(Workspace::open(tmp.file("neg")));
    ASSERT_EQ(report.proposals.size(), times.size());
    for (std::size_t i = 0; i < times.size(); ++i)
        EXPECT_EQ(report.proposals[i].time, times[i]) << report.proposals[i].proposal.date;
}

TEST(StatsEmpty, EmptyRepositoryGivesAnEmptyReport) {
    test::TempDir tmp;
    Repository::init(tmp.file("neg"));
    const StatsReport report = compute_stats(Workspace::open(tmp.file("neg")));
    EXPECT_TRUE(report.proposals.empty());
    EXPECT_TRUE(report.texts.empty());
    const std::string json = render_stats_json(report);
    EXPECT_NE(json.find("\"proposals\": []"), std::string::npos) << json;
    const std::string svg = render_stats_svg(report);
    EXPECT_EQ(test::xml_problem(svg), "");
    EXPECT_NE(svg.find(">no proposals</text>"), std::string::npos);
}

}  // namespace
}  // namespace accord
