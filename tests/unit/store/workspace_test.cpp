// Finding a negotiation from a path without git (core/store/config.hpp find_config,
// core/store/workspace.hpp inside_work_tree): what `accord check` and `accord
// merge-file` rely on to read the right notation without starting libgit2.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/store/config.hpp"
#include "core/store/repository.hpp"
#include "core/store/workspace.hpp"
#include "core/util/errors.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

TEST(FindConfig, TheNearestAccordYamlAboveUpToTheWorkTreeTop) {
    const test::TempDir dir;
    const std::string inner = dir.path() + "/neg/a/b";
    std::filesystem::create_directories(inner);
    // Nothing above a fresh temporary directory names a registry.
    EXPECT_EQ(find_config(inner), std::nullopt);

    dir.write("neg/accord.yaml", "notation: {}\n");
    const std::string expected = dir.path() + "/neg/accord.yaml";
    EXPECT_EQ(find_config(inner), expected);
    EXPECT_EQ(find_config(dir.write("neg/a/b/draft.md", "Text.\n")), expected) << "from a file";
    EXPECT_EQ(find_config(dir.path() + "/neg"), expected);

    // A work tree's top ends the search: a registry above it is another negotiation's.
    std::filesystem::create_directories(inner + "/repo/.git");
    EXPECT_EQ(find_config(inner + "/repo"), std::nullopt);
}

TEST(InsideWorkTree, LooksForDotGitAbove) {
    const test::TempDir dir;
    std::filesystem::create_directories(dir.path() + "/plain/sub");
    EXPECT_FALSE(inside_work_tree(dir.path() + "/plain/sub"));
    std::filesystem::create_directories(dir.path() + "/repo/.git");
    std::filesystem::create_directories(dir.path() + "/repo/sub");
    EXPECT_TRUE(inside_work_tree(dir.path() + "/repo/sub"));
    // A linked work tree or a submodule has a .git file.
    dir.write("linked/.git", "gitdir: /elsewhere\n");
    EXPECT_TRUE(inside_work_tree(dir.path() + "/linked"));
}

// `accord check DIR`: the texts the repository tracks below the directory,
// named from the current directory; an untracked file is no text of it.
TEST(TrackedTextsBelow, TheTrackedTextsOfADirectoryAndNothingElse) {
    namespace fs = std::filesystem;
    const test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    CommitRequest request;
    request.files = {{"agreed/A/01.md", "One.\n"},
                     {"agreed/B/01.md", "Two.\n"},
                     {"open/01.md", "Three.\n"},
                     {"agreed/notes.yaml", "x: 1\n"}};
    request.author = {"Secretariat", "s@example.org", 1391774400, 0};
    request.committer = request.author;
    request.message = "Texts\n";
    request.write_worktree = true;
    repo.commit_files(request);
    dir.write("agreed/A/02.md", "Not proposed yet.\n");
    fs::create_directories(dir.path() + "/empty");

    std::vector<std::string> found;
    for (const std::string& path : tracked_texts_below(dir.path() + "/agreed/").paths)
        found.push_back(fs::weakly_canonical(fs::absolute(path)).string());
    const std::string root = fs::weakly_canonical(dir.path()).string();
    EXPECT_EQ(found,
              (std::vector<std::string>{root + "/agreed/A/01.md", root + "/agreed/B/01.md"}));

    EXPECT_THROW(tracked_texts_below(dir.path() + "/empty"), Error);
    const test::TempDir outside;
    EXPECT_THROW(tracked_texts_below(outside.path()), Error);
}

TEST(PathWithin, AFileOrADirectoryOfTheWorkTree) {
    EXPECT_TRUE(path_within("agreed/A/01.md", "agreed"));
    EXPECT_TRUE(path_within("agreed/A/01.md", "agreed/A/"));
    EXPECT_TRUE(path_within("agreed/A/01.md", "agreed/A/01.md"));
    EXPECT_FALSE(path_within("agreed-old/A/01.md", "agreed")) << "a prefix is not a directory";
    EXPECT_FALSE(path_within("agreed", "agreed/A"));
    for (const char* everything : {"", ".", "/"}) EXPECT_TRUE(path_within("a/b.md", everything));
    EXPECT_TRUE(path_within_any("a/b.md", {}));
    EXPECT_TRUE(path_within_any("a/b.md", {"c", "a"}));
    EXPECT_FALSE(path_within_any("a/b.md", {"c"}));
    EXPECT_TRUE(is_text_path("A/01-japan.md"));
    EXPECT_TRUE(is_text_path("draft.txt"));
    EXPECT_FALSE(is_text_path("accord.yaml"));
    EXPECT_FALSE(is_text_path(".accord/redrafts/a.yaml"));
    EXPECT_FALSE(is_text_path(".md"));
    EXPECT_FALSE(is_text_path("notes/.md"));
    EXPECT_FALSE(is_text_path("notes.mdx"));
    // A name that could forge a line of a listing is no text's.
    EXPECT_FALSE(is_text_path("A/x\n    A/01-japan.md: all brackets lifted.md"));
    EXPECT_FALSE(is_text_path("A/x\r.md"));
    EXPECT_TRUE(is_text_path("A/\x1b[2Jx.md"));  // shown escaped
}

}  // namespace
}  // namespace accord
