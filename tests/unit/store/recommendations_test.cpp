// The negotiation read as recommendations (core/recommendations) and the
// proposal index (merge/proposal_index), on texts in memory and on a real
// repository in a temporary directory.
#include "core/store/recommendations.hpp"

#include <gtest/gtest.h>

#include "core/store/workspace.hpp"
#include "core/util/date.hpp"
#include "merge/report/proposal_index.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

std::vector<std::string> paths_of(const std::vector<Recommendation>& recommendations) {
    std::vector<std::string> out;
    for (const Recommendation& r : recommendations) out.push_back(r.path);
    return out;
}

TEST(Recommendations, DescriptionComesFromFrontMatterWithFallbacks) {
    const Recommendation described = read_recommendation(
        "agreed/A/01-japan.md",
        "---\nid: agreed-A-1\ngroup: A\nstatus: revisit\ntitle: \"Tunis\"\n---\n"
        "Maintains [the] [democratic] approach.\n",
        {});
    EXPECT_EQ(described.id, "agreed-A-1");
    EXPECT_EQ(described.kind, "recommendation");
    EXPECT_EQ(described.group, "A");
    EXPECT_EQ(described.status, "revisit");
    EXPECT_EQ(described.title, "Tunis");
    EXPECT_EQ(described.counts.brackets, 2u);

    const Recommendation bare =
        read_recommendation("art/2.md", "Parties [shall][should] act. (agreed)\n", {});
    EXPECT_EQ(bare.id, "2");
    EXPECT_EQ(bare.status, "agreed") << "the status of its tags when they agree";
    EXPECT_EQ(bare.counts.alternatives_groups, 1u);

    const Recommendation mixed =
        read_recommendation("art/3.md", "One. (agreed)\n\nTwo. (revisit)\n", {});
    EXPECT_EQ(mixed.status, "") << "tags that differ give no one status";

    const Recommendation partly = read_recommendation(
        "art/4.md", "1. States [should][shall] act.\n\n2. All participate. (agreed)\n", {});
    EXPECT_EQ(partly.status, "") << "a paragraph without a tag: the text is not agreed";
    const Recommendation headed = read_recommendation(
        "art/5.md", "## Article 5\n\n1. States act. (agreed)\n\n2. All act. (agreed)\n", {});
    EXPECT_EQ(headed.status, "agreed") << "headings carry no tag";
}

TEST(Recommendations, CompilationOrderFollowsTheOutline) {
    const ParseOptions options;
    std::vector<Recommendation> all;
    auto add = [&](std::string path, std::string section, std::string group) {
        std::string text = "---\n";
        if (!section.empty()) text += "section: \"" + section + "\"\n";
        if (!group.empty()) text += "group: " + group + "\n";
        text += "---\nText.\n";
        all.push_back(read_recommendation(std::move(path), text, options));
    };
    add("z-unknown/01.md", "Appendix", "");
    add("statements/B/01.md", "Statements", "B");
    add("agreed/B/01.md", "Agreed", "B");
    add("statements/01.md", "Statements", "");
    add("agreed/A/02.md", "Agreed", "A");
    add("agreed/A/01.md", "Agreed", "A");
    all.push_back(read_recommendation(
        "outline.md", "---\nkind: outline\n---\nAgreed\n\nGROUP A\n\nStatements\n", options));
    sort_for_compilation(all);
    EXPECT_EQ(paths_of(all), (std::vector<std::string>{
                                 "outline.md", "agreed/A/01.md", "agreed/A/02.md", "agreed/B/01.md",
                                 "statements/01.md", "statements/B/01.md", "z-unknown/01.md"}));
}

// Opinions the compilation printed after its last group (import writes
// "after-group: E") stand after that group's texts, not before the groups.
TEST(Recommendations, ATextAfterAGroupStandsAfterItsTexts) {
    std::vector<Recommendation> all;
    auto add = [&](std::string path, std::string front) {
        all.push_back(
            read_recommendation(std::move(path), "---\nsection: S\n" + front + "---\nText.\n", {}));
    };
    add("s/01-opinion.md", "after-group: E\n");
    add("s/00-foreword.md", "");
    add("s/E/01.md", "group: E\n");
    add("s/F/01.md", "group: F\n");
    add("s/A/01.md", "group: A\n");
    add("s/02-grouped.md", "group: B\nafter-group: E\n");  // its group wins
    add("s/E1/01.md", "group: E1\n");                      // a group named like E, and more
    sort_for_compilation(all);
    EXPECT_EQ(paths_of(all), (std::vector<std::string>{
                                 "s/00-foreword.md", "s/A/01.md", "s/02-grouped.md", "s/E/01.md",
                                 "s/01-opinion.md", "s/E1/01.md", "s/F/01.md"}));
}

Signature on(const std::string& name, const std::string& day) {
    return {name, "x@example.org", day_start_utc(*parse_iso_date(day)) + 12 * 3600, 0};
}

TEST(ProposalIndex, NamesTheTextsEachProposalChangedOldestFirst) {
    test::TempDir tmp;
    const std::string dir = tmp.file("neg");
    {
        Repository repo = Repository::init(dir);
        auto record = [&](std::vector<std::pair<std::string, std::optional<std::string>>> files,
                          const std::string& by, const std::string& day) {
            CommitRequest request;
            request.files = std::move(files);
            request.author = on(by, day);
            request.committer = on("Secretariat", day);
            request.message = "Proposal\n\nProposed-by: " + by + "\n";
            request.write_worktree = true;
            repo.commit_files(request);
        };
        record({{"a.md", "A [one].\n"}, {"b.md", "B.\n"}}, "Japan", "2014-02-07");
        record({{"accord.yaml", "negotiation: x\n"}}, "Secretariat", "2014-02-08");
        record({{"b.md", "B [two].\n"}}, "Sweden", "2014-02-10");
        record({{"a.md", std::nullopt}}, "Chair", "2014-02-11");
    }
    const Workspace workspace = Workspace::open(dir);
    const std::vector<ProposalTouch> index = index_proposals(workspace);
    ASSERT_EQ(index.size(), 3u) << "the accord.yaml commit touches no text";
    EXPECT_EQ(index[0].proposal.proposers, std::vector<std::string>{"Japan"});
    EXPECT_EQ(index[0].paths, (std::vector<std::string>{"a.md", "b.md"}));
    EXPECT_EQ(index[1].paths, std::vector<std::string>{"b.md"});
    EXPECT_EQ(index[2].paths, std::vector<std::string>{"a.md"}) << "a deletion is a touch";

    ProposalIndexOptions all;
    all.keep_untouching = true;
    EXPECT_EQ(index_proposals(workspace, all).size(), 4u);

    const auto last = last_touch_by_path(index);
    EXPECT_EQ(last.at("b.md")->proposal.proposers, std::vector<std::string>{"Sweden"});
    EXPECT_EQ(last.at("a.md")->proposal.day, "2014-02-11");

    const std::vector<Recommendation> now = read_recommendations(workspace, "");
    EXPECT_EQ(paths_of(now), std::vector<std::string>{"b.md"});
    EXPECT_EQ(now[0].counts.brackets, 1u);
    const std::vector<Recommendation> first =
        read_recommendations(workspace, index[0].proposal.commit);
    EXPECT_EQ(paths_of(first), (std::vector<std::string>{"a.md", "b.md"}));
}

TEST(ProposalIndex, EmptyRepositoryGivesNothing) {
    test::TempDir tmp;
    Repository::init(tmp.file("neg"));
    const Workspace workspace = Workspace::open(tmp.file("neg"));
    EXPECT_TRUE(index_proposals(workspace).empty());
    EXPECT_TRUE(read_recommendations(workspace, "").empty());
}

}  // namespace
}  // namespace accord
