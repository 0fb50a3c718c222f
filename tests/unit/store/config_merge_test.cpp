// Two redrafts' registries merged entry by entry.
#include "core/store/config_merge.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

Config registry(std::vector<std::string> delegations) {
    Config c;
    c.negotiation = "WGEC";
    for (std::string& name : delegations) {
        Delegation d;
        d.name = std::move(name);
        c.delegations.push_back(std::move(d));
    }
    return c;
}

TEST(ConfigMerge, EachSidesNewDelegationsAreListedOursFirst) {
    const Config base = registry({"Japan"});
    const std::optional<Config> merged =
        merge_configs(base, registry({"Japan", "Ghana"}), registry({"Japan", "Chile"}));
    ASSERT_TRUE(merged);
    ASSERT_EQ(merged->delegations.size(), 3u);
    EXPECT_EQ(merged->delegations[0].name, "Japan");
    EXPECT_EQ(merged->delegations[1].name, "Ghana");
    EXPECT_EQ(merged->delegations[2].name, "Chile");
}

TEST(ConfigMerge, OneSidesChangeStandsAndTheSameChangeIsTakenOnce) {
    Config ours = registry({"Japan"}), theirs = registry({"Japan"});
    theirs.delegations[0].aliases = {"JP"};
    ours.meetings.push_back({"WGEC-3", "2014-02-24", "2014-02-28"});
    theirs.meetings.push_back({"WGEC-3", "2014-02-24", "2014-02-28"});
    const std::optional<Config> merged = merge_configs(registry({"Japan"}), ours, theirs);
    ASSERT_TRUE(merged);
    EXPECT_EQ(merged->delegations[0].aliases, std::vector<std::string>{"JP"});
    EXPECT_EQ(merged->meetings.size(), 1u);
}

// One delegation given two different aliases, or one setting two values:
// a person decides.
TEST(ConfigMerge, BothChangingOneEntryDifferentlyIsNoMerge) {
    Config ours = registry({"Japan"}), theirs = registry({"Japan"});
    ours.delegations[0].aliases = {"JP"};
    theirs.delegations[0].aliases = {"JPN"};
    EXPECT_FALSE(merge_configs(registry({"Japan"}), ours, theirs));
    Config slash_ours = registry({"Japan"}), slash_theirs = registry({"Japan"});
    slash_ours.negotiation = "WGEC 2014";
    slash_theirs.negotiation = "WGEC II";
    EXPECT_FALSE(merge_configs(registry({"Japan"}), slash_ours, slash_theirs));
}

}  // namespace
}  // namespace accord
