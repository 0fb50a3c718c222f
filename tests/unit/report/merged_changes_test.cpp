// Telling what a merge made of its own from what its branches brought:
// edits of two branches side by side, read as one change by the merge's
// comparison, are the branches'; the brackets a merge draws around a
// disagreement, and edits two branches made of the same words, are the
// merge's. The disagreements a merge's message lists are read back.
#include "merge/report/merged_changes.hpp"

#include <gtest/gtest.h>

#include "core/notation/parse.hpp"

namespace accord {
namespace {

// The merge's changes against its first parent, each told whether the
// branches brought it.
std::vector<bool> brought(const std::string& first_parent, const std::string& merged,
                          const std::vector<std::string>& branches,
                          const std::vector<std::size_t>& lines = {}) {
    const Document before = parse(first_parent), after = parse(merged);
    std::vector<Document> others;
    for (const std::string& b : branches) others.push_back(parse(b));
    const BranchEvidence evidence(before, after, others, lines);
    std::vector<bool> out;
    for (const Change& c : structural_diff(before, after)) out.push_back(evidence.brought(c));
    return out;
}

TEST(MergedChanges, TwoBranchesEditsSideBySideAreTheBranches) {
    const std::string main = "1. Parties shall report every five years. Finance follows.\n";
    const std::string a = "1. Parties shall report every ten years. Finance follows.\n";
    const std::string b =
        "1. Parties shall report every five years, as appropriate. Finance follows.\n";
    const std::string merged =
        "1. Parties shall report every ten years, as appropriate. Finance follows.\n";
    const std::vector<bool> told = brought(main, merged, {a, b});
    ASSERT_FALSE(told.empty());
    for (const bool t : told) EXPECT_TRUE(t);
    // The same change on a line the merge listed as a disagreement is its own.
    for (const bool t : brought(main, merged, {a, b}, {1})) EXPECT_FALSE(t);
    // Without the branch that put ", as appropriate" in, it is nobody's.
    for (const bool t : brought(main, merged, {a})) EXPECT_FALSE(t);
}

TEST(MergedChanges, AlternativesTheMergeDrewAreItsOwn) {
    const std::string main = "1. States should [strengthen] cooperation.\n";
    const std::string a = "1. States should [improve] cooperation.\n";
    const std::string b = "1. States should [enhance] cooperation.\n";
    // Every word and mark stands in a branch, but both took out "strengthen".
    const std::vector<bool> told =
        brought(main, "1. States should [improve][enhance] cooperation.\n", {a, b});
    ASSERT_FALSE(told.empty());
    for (const bool t : told) EXPECT_FALSE(t);
    // Marks no branch had.
    const std::vector<bool> marks = brought("1. Parties shall report every five years.\n",
                                            "1. Parties shall report every [ten][three] years.\n",
                                            {"1. Parties shall report every ten years.\n",
                                             "1. Parties shall report every three years.\n"});
    ASSERT_FALSE(marks.empty());
    for (const bool t : marks) EXPECT_FALSE(t);
}

TEST(MergedChanges, ListedDisagreementsAreReadBackPerPath) {
    const ListedDisagreements listed = listed_disagreements(
        "Merge redrafts a, b into main\n\nDisagreements kept in the text:\n"
        "recs/A-1.md:9: alternatives: ours (main) \"improve\", theirs (redraft/b) \"enhance\"\n"
        "odd: name.md:12: both-added: \"x\"\n"
        "recs/A-1.md:30: moved-apart: \"y\"\n"
        "not a line\n\nProposed-by: Japan\n");
    EXPECT_TRUE(listed.complete);
    ASSERT_EQ(listed.lines.size(), 2u);
    EXPECT_EQ(listed.lines.at("recs/A-1.md"), (std::vector<std::size_t>{9, 30}));
    EXPECT_EQ(listed.lines.at("odd: name.md"), (std::vector<std::size_t>{12}));

    const ListedDisagreements cut = listed_disagreements(
        "Merge\n\nDisagreements kept in the text:\na.md:1: alternatives: \"x\"\nand 3 more\n");
    EXPECT_FALSE(cut.complete);
    EXPECT_TRUE(listed_disagreements("Merge redraft a into main").lines.empty());
}

}  // namespace
}  // namespace accord
