// accord stats through the real binary: JSON by default, SVG to a file,
// paths after "--", an empty repository, and bad usage.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "core/store/repository.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"
#include "support/run.hpp"
#include "support/xml_check.hpp"

namespace accord {
namespace {

class StatsCli : public ::testing::Test {
  protected:
    void SetUp() override {
        repo_.emplace(Repository::init(dir.path()));
        propose("Japan", "2014-02-07",
                {{"accord.yaml", "negotiation: WGEC test\n"},
                 {"A/01.md", "Maintains [the] approach [and][or] [more].\n"},
                 {"B/01.md", "Encourages [all] stakeholders.\n"}});
        propose("Sweden", "2014-02-20", {{"A/01.md", "Maintains the approach [and][or].\n"}});
        propose("Chair", "2014-05-01",
                {{"A/01.md", "Maintains the approach and.\n"},
                 {"B/01.md", "Encourages all stakeholders.\n"}});
    }

    void propose(const std::string& by, const std::string& day,
                 std::vector<std::pair<std::string, std::optional<std::string>>> files) {
        test::record_proposal(*repo_, {by, day, std::move(files)});
    }

    test::RunResult run(const std::vector<std::string>& args) {
        test::RunOptions options;
        options.cwd = dir.path();
        return test::accord(args, options);
    }

    static std::vector<int> total_brackets(const std::string& json) {
        std::vector<int> out;
        const std::regex totals("\"totals\": \\{\\s*\"brackets\": (\\d+)");
        for (auto it = std::sregex_iterator(json.begin(), json.end(), totals);
             it != std::sregex_iterator(); ++it)
            out.push_back(std::stoi((*it)[1]));
        return out;
    }

    test::TempDir dir;
    std::optional<Repository> repo_;
};

TEST_F(StatsCli, JsonByDefaultWithTotalsAtEachProposal) {
    const auto r = run({"stats"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"schema\": \"accord.stats/1\""), std::string::npos);
    EXPECT_EQ(total_brackets(r.out), (std::vector<int>{5, 3, 0}));
    EXPECT_NE(r.out.find("\"path\": \"A/01.md\""), std::string::npos);
    EXPECT_NE(r.out.find("\"day\": \"2014-02-20\""), std::string::npos);
}

TEST_F(StatsCli, PathsAfterDashesFollowOnlyThoseTexts) {
    const auto r = run({"stats", "--", "B"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(total_brackets(r.out), (std::vector<int>{1, 0})) << "Sweden's proposal left B alone";
    EXPECT_EQ(r.out.find("\"path\": \"A/01.md\""), std::string::npos);
    const auto head = run({"stats"});
    const std::regex revision("\"revision\": \"([0-9a-f]+)\"");
    std::smatch all, some;
    ASSERT_TRUE(std::regex_search(head.out, all, revision));
    ASSERT_TRUE(std::regex_search(r.out, some, revision));
    EXPECT_EQ(all[1].str(), some[1].str()) << "the walk's start, whichever texts are followed";

    const auto unknown = run({"stats", "--", "C/nothing.md"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("C/nothing.md"), std::string::npos) << unknown.err;
}

TEST_F(StatsCli, SvgToAFile) {
    const auto r = run({"stats", "--format", "svg", "-o", "chart.svg"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string svg = test::read_all(dir.file("chart.svg"));
    EXPECT_EQ(test::xml_problem(svg), "") << svg;
    EXPECT_NE(svg.find("Open brackets over time: WGEC test"), std::string::npos);
    EXPECT_NE(svg.find(">All texts</text>"), std::string::npos);
    EXPECT_NE(svg.find(">01</text>"), std::string::npos) << "a line per text, by id";

    const auto alternatives = run({"stats", "--format", "SVG", "--metric", "Alternatives"});
    ASSERT_EQ(alternatives.exit_code, 0) << alternatives.err;
    EXPECT_NE(alternatives.out.find("Alternatives groups over time"), std::string::npos);
}

TEST_F(StatsCli, FromARevision) {
    const auto r = run({"stats", "--from", "HEAD~1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(total_brackets(r.out), (std::vector<int>{5, 3}));
    const auto by_date = run({"stats", "--from", "2014-02-10"});
    EXPECT_EQ(total_brackets(by_date.out), (std::vector<int>{5}));
}

TEST_F(StatsCli, BadUsageNamesTheChoices) {
    const auto format = run({"stats", "--format", "png"});
    EXPECT_EQ(format.exit_code, 2);
    EXPECT_NE(format.err.find("svg"), std::string::npos) << format.err;
    const auto revision = run({"stats", "--from", "no-such-branch"});
    EXPECT_EQ(revision.exit_code, 2) << revision.err;
}

TEST_F(StatsCli, HelpTeachesWithExamples) {
    const auto r = run({"stats", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("accord stats --format svg -o"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("accord.stats/1"), std::string::npos);
}

// The real WGEC compilation imported: after the last proposal, the totals
// are what `accord check` counts in the texts of the work tree.
TEST(StatsCliWgec, LastTotalsAgreeWithCheckAndTheChartShowsTheTopTexts) {
    ACCORD_REQUIRE_CORPUS("wgec-2013-14/draft-recommendations.txt");
    test::TempDir tmp;
    test::RunOptions options;
    options.cwd = tmp.path();
    const auto imported = test::accord(
        {"import", test::corpus_file("wgec-2013-14/draft-recommendations.txt"), "--into", "wgec"},
        options);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    options.cwd = tmp.file("wgec");

    const auto stats = test::accord({"stats"}, options);
    ASSERT_EQ(stats.exit_code, 0) << stats.err;
    const std::string proposals = stats.out.substr(0, stats.out.find("\"texts\": ["));
    const std::regex totals(
        "\"totals\": \\{\\s*\"brackets\": (\\d+),\\s*\"alternatives_groups\": (\\d+),\\s*"
        "\"options\": \\d+,\\s*\"strikes\": (\\d+)");
    std::vector<std::smatch> found;
    for (auto it = std::sregex_iterator(proposals.begin(), proposals.end(), totals);
         it != std::sregex_iterator(); ++it)
        found.push_back(*it);
    ASSERT_GE(found.size(), 40u) << "one point per proposal of the import";

    std::vector<std::string> check = {"check", "--format", "json"};
    const auto files = test::run({"git", "ls-files", "*.md", "*.txt"}, options);
    std::istringstream lines(files.out);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) check.push_back(line);
    ASSERT_GT(check.size(), 40u);
    const auto checked = test::accord(check, options);
    const std::string checked_totals = checked.out.substr(checked.out.rfind("\"totals\""));
    auto figure = [&](const std::string& key) {
        std::smatch m;
        std::regex_search(checked_totals, m, std::regex("\"" + key + "\": (\\d+)"));
        return m[1].str();
    };
    EXPECT_EQ(found.back()[1].str(), figure("brackets"));
    EXPECT_EQ(found.back()[2].str(), figure("alternatives_groups"));
    EXPECT_EQ(found.back()[3].str(), figure("strikes"));

    const auto svg = test::accord({"stats", "--format", "svg", "--top", "5"}, options);
    ASSERT_EQ(svg.exit_code, 0) << svg.err;
    EXPECT_EQ(test::xml_problem(svg.out), "");
    EXPECT_NE(svg.out.find("lines for the 5 of "), std::string::npos);
    std::size_t lines_drawn = 0;
    for (std::size_t at = svg.out.find("stroke-linejoin"); at != std::string::npos;
         at = svg.out.find("stroke-linejoin", at + 1))
        ++lines_drawn;
    EXPECT_EQ(lines_drawn, 6u) << "the total and the top five";
}

TEST(StatsCliEmpty, EmptyRepositoryGivesAnEmptyReport) {
    test::TempDir dir;
    Repository::init(dir.path());
    test::RunOptions options;
    options.cwd = dir.path();
    const auto json = test::accord({"stats"}, options);
    EXPECT_EQ(json.exit_code, 0) << json.err;
    EXPECT_NE(json.out.find("\"proposals\": []"), std::string::npos) << json.out;
    const auto svg = test::accord({"stats", "--format", "svg"}, options);
    EXPECT_EQ(svg.exit_code, 0) << svg.err;
    EXPECT_EQ(test::xml_problem(svg.out), "");
    EXPECT_NE(svg.out.find(">no proposals</text>"), std::string::npos);
}

}  // namespace
}  // namespace accord
