// accord status's engine and views on a repository the test writes: rows in
// compilation order under their group, figures as core/counts gives them,
// the last proposal per text, --at and path filters, the work tree.
#include "merge/report/status.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"

namespace accord {
namespace {

class Status : public ::testing::Test {
  protected:
    void SetUp() override {
        repo_.emplace(Repository::init(dir.path()));
        record("Chair", "2014-01-01",
               {{"outline.md", "---\nkind: outline\n---\nAgreed\n\nStatements\n"},
                {"agreed/B/01.md",
                 "---\nid: B-1\ngroup: B\nsection: Agreed\nstatus: revisit\n---\n"
                 "Parties [shall][should] act ~~now~~.\n"},
                {"agreed/A/01.md",
                 "---\nid: A-1\ngroup: A\nsection: Agreed\n---\nAll [good] [things]. (agreed)\n"},
                {"agreed/A/02.md", "---\nid: A-2\ngroup: A\nsection: Agreed\n---\nMore [text.\n"}});
        record("Japan", "2014-02-01",
               {{"agreed/A/01.md",
                 "---\nid: A-1\ngroup: A\nsection: Agreed\n---\nAll good [things]. (agreed)\n"}});
        record("Sweden", "2014-03-01",
               {{"statements/01.md", "---\nid: S-1\nsection: Statements\n---\nSaid.\n"}});
    }

    void record(const std::string& by, const std::string& day,
                std::vector<std::pair<std::string, std::optional<std::string>>> files) {
        test::record_proposal(*repo_, {by, day, std::move(files)});
    }

    StatusReport status(const StatusOptions& options = {}) {
        return negotiation_status(Workspace::open(dir.path()), options);
    }

    test::TempDir dir;
    std::optional<Repository> repo_;
};

std::vector<std::string> ids(const StatusReport& report) {
    std::vector<std::string> out;
    for (const GroupStatus& g : report.groups)
        for (const RecommendationStatus& r : g.recommendations) out.push_back(r.id);
    return out;
}

// Opinions printed after a group (after-group, as import writes it) stand
// in a block of their own after it, which says whose texts they follow.
TEST_F(Status, TextsAfterAGroupAreABlockThatSaysSo) {
    record("Chair", "2014-04-01",
           {{"statements/B/01.md", "---\nid: S-B-1\nsection: Statements\ngroup: B\n---\nX.\n"},
            {"statements/02.md",
             "---\nid: O-1\nsection: Statements\nafter-group: B\n---\nOpinion.\n"}});
    const StatusReport report = status();
    EXPECT_EQ(ids(report), (std::vector<std::string>{"A-1", "A-2", "B-1", "S-1", "S-B-1", "O-1"}));
    ASSERT_EQ(report.groups.size(), 5u);
    EXPECT_EQ(report.groups[4].after_group, "B");
    const std::string text = render_status_text(report);
    EXPECT_NE(text.find("\nStatements — after group B\n"), std::string::npos) << text;
    EXPECT_NE(render_status_json(report).find("\"after_group\": \"B\""), std::string::npos);
}

TEST_F(Status, RowsFollowTheCompilationUnderTheirGroups) {
    const StatusReport report = status();
    EXPECT_EQ(ids(report), (std::vector<std::string>{"A-1", "A-2", "B-1", "S-1"}))
        << "the outline is not a recommendation";
    ASSERT_EQ(report.groups.size(), 3u);
    EXPECT_EQ(report.groups[0].group, "A");
    EXPECT_EQ(report.groups[1].group, "B");
    EXPECT_EQ(report.groups[2].section, "Statements");
    EXPECT_EQ(report.recommendations, 4u);

    const RecommendationStatus& a1 = report.groups[0].recommendations[0];
    EXPECT_EQ(a1.status, "agreed");
    EXPECT_EQ(a1.counts.brackets, 1u);
    ASSERT_TRUE(a1.last);
    EXPECT_EQ(a1.last->proposers, std::vector<std::string>{"Japan"});
    EXPECT_EQ(a1.last->day, "2014-02-01");

    const RecommendationStatus& a2 = report.groups[0].recommendations[1];
    EXPECT_EQ(a2.counts.errors, 1u) << "the unclosed bracket";
    EXPECT_EQ(a2.counts.brackets, 0u);
    EXPECT_EQ(report.groups[0].totals.brackets, 1u);
    EXPECT_EQ(report.groups[0].totals.errors, 1u);

    const RecommendationStatus& b1 = report.groups[1].recommendations[0];
    EXPECT_EQ(b1.status, "revisit");
    EXPECT_EQ(b1.counts.alternatives_groups, 1u);
    EXPECT_EQ(b1.counts.strikes, 1u);
    EXPECT_EQ(b1.last->proposers, std::vector<std::string>{"Chair"});

    EXPECT_EQ(report.totals.brackets, 3u);
    EXPECT_EQ(report.totals.alternatives_groups, 1u);
    EXPECT_EQ(report.totals.strikes, 1u);
    EXPECT_EQ(report.by_status.at("agreed"), 1u);
    EXPECT_EQ(report.by_status.at(""), 2u);
}

TEST_F(Status, AtARevisionAndForSomePaths) {
    StatusOptions earlier;
    earlier.at = "2014-01-15";
    const StatusReport before = status(earlier);
    EXPECT_EQ(ids(before), (std::vector<std::string>{"A-1", "A-2", "B-1"}));
    EXPECT_EQ(before.groups[0].recommendations[0].counts.brackets, 2u);
    EXPECT_FALSE(before.revision.empty());

    StatusOptions some;
    some.paths = {"agreed/A/", "statements/01.md"};
    EXPECT_EQ(ids(status(some)), (std::vector<std::string>{"A-1", "A-2", "S-1"}));

    StatusOptions none;
    none.paths = {"agreed/C"};
    EXPECT_THROW(status(none), Error) << "a path that names no text is a mistake";
}

TEST_F(Status, TheWorkTreeShowsAnEditNotYetProposed) {
    std::ofstream(dir.file("statements/01.md"))
        << "---\nid: S-1\nsection: Statements\n---\nSaid [loudly].\n";
    const StatusReport report = status();
    EXPECT_TRUE(report.revision.empty());
    const RecommendationStatus& edited = report.groups.back().recommendations.back();
    EXPECT_EQ(edited.counts.brackets, 1u);
    EXPECT_TRUE(edited.edited);
    EXPECT_FALSE(report.groups.front().recommendations.front().edited);
    EXPECT_NE(render_status_text(report).find("edited, not yet proposed"), std::string::npos);
}

TEST_F(Status, TextIsAnAlignedTableAndJsonCarriesItsSchema) {
    const StatusReport report = status();
    const std::string text = render_status_text(report);
    EXPECT_NE(text.find("Agreed — group A\n"), std::string::npos) << text;
    EXPECT_NE(text.find("2014-02-01 Japan"), std::string::npos) << text;
    EXPECT_EQ(text.find("\033["), std::string::npos) << "no colour unless asked";
    // Every recommendation row puts its figures in the same columns.
    std::size_t brackets_column = text.find("brackets");
    for (const std::string id : {"A-1 ", "B-1 ", "S-1 "}) {
        const std::size_t row = text.find("\n" + id) + 1;
        const std::size_t end = text.find('\n', row);
        EXPECT_GE(end - row, brackets_column + 8) << text;
    }
    const std::string json = render_status_json(report);
    EXPECT_NE(json.find("\"schema\": \"accord.status/1\""), std::string::npos);
    EXPECT_NE(json.find("\"revision\": null"), std::string::npos);
    EXPECT_NE(json.find("\"last_proposal\": {"), std::string::npos);
}

TEST(StatusEmpty, AnEmptyRepositoryGivesAnEmptyReport) {
    test::TempDir dir;
    Repository::init(dir.path());
    const StatusReport report = negotiation_status(Workspace::open(dir.path()));
    EXPECT_EQ(report.recommendations, 0u);
    EXPECT_EQ(render_status_text(report), "no recommendations\n");
    EXPECT_NE(render_status_json(report).find("\"groups\": []"), std::string::npos);
}

}  // namespace
}  // namespace accord
