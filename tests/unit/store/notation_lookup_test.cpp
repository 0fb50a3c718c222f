// core/store/notation_lookup: one file, one notation, wherever it is read from.
#include "core/store/notation_lookup.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/util/errors.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

// A work tree whose accord.yaml reads any '/' as an option separator and
// knows one extra status, with a nested negotiation under sub/ that does not.
class NotationFor : public ::testing::Test {
  protected:
    void SetUp() override {
        std::filesystem::create_directories(dir.file(".git"));
        dir.write("accord.yaml",
                  "negotiation: outer\nnotation:\n  slash-options: any\n"
                  "  status: [agreed, pending]\n");
        dir.write("A/01.md", "[continuing/full]\n");
        dir.write("sub/accord.yaml", "negotiation: inner\n");
        dir.write("sub/B/01.md", "[continuing/full]\n");
    }
    test::TempDir dir;
};

TEST_F(NotationFor, TheNearestRegistryGovernsAFile) {
    const NotationOptions outer = notation_for(dir.file("A/01.md"));
    EXPECT_EQ(outer.slash_options, SlashOptions::any);
    EXPECT_EQ(outer.status_vocabulary, (std::vector<std::string>{"agreed", "pending"}));
    EXPECT_EQ(notation_for(dir.file("sub/B/01.md")).slash_options, SlashOptions::spaced);
}

TEST_F(NotationFor, TheSameWhateverTheCurrentDirectory) {
    const std::filesystem::path before = std::filesystem::current_path();
    std::filesystem::current_path(dir.file("sub"));
    const NotationOptions from_sub = notation_for("../A/01.md");
    std::filesystem::current_path(before);
    EXPECT_EQ(from_sub.slash_options, SlashOptions::any);
    EXPECT_EQ(notation_for(dir.file("A/01.md")).status_vocabulary, from_sub.status_vocabulary);
}

TEST_F(NotationFor, AnOverrideReplacesOnlyTheSlashSetting) {
    const NotationOptions spaced = notation_for(dir.file("A/01.md"), SlashOptions::spaced);
    EXPECT_EQ(spaced.slash_options, SlashOptions::spaced);
    EXPECT_EQ(spaced.status_vocabulary, (std::vector<std::string>{"agreed", "pending"}));
    EXPECT_EQ(notation_for(dir.file("sub/B/01.md"), SlashOptions::any).slash_options,
              SlashOptions::any);
}

TEST_F(NotationFor, ALookupOverManyFilesAgreesWithNotationForFileByFile) {
    for (const std::optional<SlashOptions> override :
         {std::optional<SlashOptions>{}, std::optional<SlashOptions>{SlashOptions::any}}) {
        NotationLookup lookup(override);
        // Twice each, in turns: what the lookup remembers (per directory) is
        // still right, for a directory named (looked up as itself, not as
        // its parent's file) and a file not there yet.
        for (int round = 0; round < 2; ++round) {
            for (const char* file :
                 {"A/01.md", "sub/B/01.md", "sub", "sub/B", "A", "sub/new.md", "sub/B/01.md"}) {
                const NotationOptions alone = notation_for(dir.file(file), override);
                const NotationOptions looked_up = lookup.of(dir.file(file));
                EXPECT_EQ(looked_up.slash_options, alone.slash_options) << file;
                EXPECT_EQ(looked_up.status_vocabulary, alone.status_vocabulary) << file;
            }
        }
    }
}

TEST(NotationForOutside, AFileOutsideAnyNegotiationGetsTheDefaults) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file(".git"));
    const NotationOptions notation = notation_for(dir.write("draft.md", "[a/b]\n"));
    EXPECT_EQ(notation.slash_options, NotationOptions{}.slash_options);
    EXPECT_EQ(notation.status_vocabulary, NotationOptions{}.status_vocabulary);
}

TEST(NotationForOutside, AMalformedRegistryIsNamed) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file(".git"));
    dir.write("accord.yaml", "notation:\n  slash-options: sometimes\n");
    try {
        notation_for(dir.write("draft.md", "text\n"));
        FAIL() << "a malformed accord.yaml was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("accord.yaml"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace accord
