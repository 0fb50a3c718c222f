// accord.yaml merged by line as git would, both sides' new entries kept where
// that is what the entry-by-entry merge means, everything else as git leaves it.
#include <gtest/gtest.h>

#include "merge/merge3/registry_merge.hpp"

namespace accord {
namespace {

const std::string kBase =
    "negotiation: WGEC\n"
    "# States first, then groups.\n"
    "delegations:\n"
    "  - name: Japan\n"
    "    aliases: [JP]\n"
    "  - name: Sweden\n"
    "meetings:\n"
    "  - {name: WGEC-3, from: 2013-12-02, to: 2013-12-04}\n";

std::string with_delegation(const std::string& base, const std::string& entry) {
    const std::size_t at = base.find("meetings:");
    return base.substr(0, at) + entry + base.substr(at);
}

TEST(RegistryMerge, BothSitesRegisteringADelegationKeepBothAndTheLayout) {
    const std::string ours = with_delegation(kBase, "  - name: Brazil  # joined in May\n");
    const std::string theirs = with_delegation(kBase, "  - name: India\n    aliases: [IN]\n");
    const RegistryMerge merged = merge_registry(kBase, ours, theirs);
    EXPECT_TRUE(merged.clean()) << merged.text << merged.problem;
    EXPECT_EQ(merged.united, 1u);
    EXPECT_EQ(merged.text, with_delegation(kBase,
                                           "  - name: Brazil  # joined in May\n"
                                           "  - name: India\n    aliases: [IN]\n"));
}

TEST(RegistryMerge, LineEndsOfTheFileAreKept) {
    auto crlf = [](std::string text) {
        std::string out;
        for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
        return out;
    };
    const RegistryMerge merged =
        merge_registry(crlf(kBase), crlf(with_delegation(kBase, "  - name: Brazil\n")),
                       crlf(with_delegation(kBase, "  - name: India\n")));
    EXPECT_TRUE(merged.clean()) << merged.text;
    EXPECT_EQ(merged.text, crlf(with_delegation(kBase, "  - name: Brazil\n  - name: India\n")));
}

TEST(RegistryMerge, ChangesAtDifferentPlacesMergeAsGitWould) {
    std::string ours = kBase;
    ours.replace(0, std::string("negotiation: WGEC").size(), "negotiation: WGEC (2013-14)");
    const std::string theirs = with_delegation(kBase, "  - name: India\n");
    const RegistryMerge merged = merge_registry(kBase, ours, theirs);
    EXPECT_TRUE(merged.clean());
    EXPECT_EQ(merged.united, 0u);
    EXPECT_EQ(merged.text, with_delegation(ours, "  - name: India\n"));
}

TEST(RegistryMerge, OneSettingChangedTwoWaysStandsBetweenMarkers) {
    std::string ours = kBase, theirs = kBase;
    ours.replace(0, 17, "negotiation: WGEC-A");
    theirs.replace(0, 17, "negotiation: WGEC-B");
    const RegistryMerge merged = merge_registry(kBase, ours, theirs);
    EXPECT_FALSE(merged.clean());
    EXPECT_EQ(merged.conflicts, 1u);
    EXPECT_EQ(merged.text,
              "<<<<<<< ours\nnegotiation: WGEC-A\n=======\nnegotiation: WGEC-B\n"
              ">>>>>>> theirs\n" +
                  kBase.substr(kBase.find('\n') + 1));
}

TEST(RegistryMerge, TheSameDelegationAddedTwoWaysIsNotListedTwice) {
    const std::string ours = with_delegation(kBase, "  - name: Brazil\n    aliases: [BR]\n");
    const std::string theirs = with_delegation(kBase, "  - name: Brazil\n    aliases: [BRA]\n");
    const RegistryMerge merged = merge_registry(kBase, ours, theirs);
    EXPECT_EQ(merged.united, 0u);
    EXPECT_EQ(merged.conflicts, 1u);
    EXPECT_NE(merged.text.find("<<<<<<< ours\n  - name: Brazil\n"), std::string::npos)
        << merged.text;
}

TEST(RegistryMerge, AdditionsThatWouldChangeAKeyAreNotUnited) {
    // Both add a top-level setting at the end: united, it would be written twice.
    const RegistryMerge merged = merge_registry(kBase, kBase + "policy: {signatures: required}\n",
                                                kBase + "policy: {signatures: optional}\n");
    EXPECT_EQ(merged.united, 0u);
    EXPECT_EQ(merged.conflicts, 1u);
}

TEST(RegistryMerge, ALineMergeThatDoesNotLoadIsReported) {
    // Each side adds Brazil at another place: the lines merge, the registry
    // would list Brazil twice.
    std::string ours = kBase;
    ours.insert(ours.find("  - name: Sweden"), "  - name: Brazil\n");
    const std::string theirs = with_delegation(kBase, "  - name: Brazil\n");
    const RegistryMerge merged = merge_registry(kBase, ours, theirs);
    EXPECT_EQ(merged.conflicts, 0u);
    EXPECT_FALSE(merged.clean());
    EXPECT_NE(merged.problem.find("Brazil"), std::string::npos) << merged.problem;
}

TEST(RegistryMerge, ALastLineWithoutItsLineEndIsNotJoinedToTheNext) {
    const std::string base = "negotiation: X\ndelegations:\n  - name: Japan";
    const RegistryMerge merged =
        merge_registry(base, base + "\n  - name: Brazil", base + "\n  - name: India");
    EXPECT_TRUE(merged.clean()) << merged.text << merged.problem;
    EXPECT_EQ(merged.text, base + "\n  - name: Brazil\n  - name: India");
}

}  // namespace
}  // namespace accord
