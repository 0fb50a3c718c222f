// config_may_apply (core/workspace.hpp): true wherever an accord.yaml is in
// the directory or above it, so that skipping Workspace::open when it is
// false never loses a registry.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/config.hpp"
#include "core/workspace.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

TEST(Workspace, ConfigMayApplyFindsAnAccordYamlAbove) {
    const test::TempDir dir;
    const std::string inner = dir.path() + "/a/b";
    std::filesystem::create_directories(inner);
    // Nothing above a fresh temporary directory names a registry.
    EXPECT_FALSE(config_may_apply(inner));
    dir.write(kConfigFileName, "notation: {}\n");
    EXPECT_TRUE(config_may_apply(dir.path()));
    EXPECT_TRUE(config_may_apply(inner));
}

}  // namespace
}  // namespace accord
