// Move pairing over blobs of a real repository: a text too large to compare
// word by word reads as empty for the pairing (never paired by its words,
// never the end of the command), the same blob still pairs.
#include "merge/diff/renames.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/store/repository.hpp"
#include "merge/diff/token_diff.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

TEST(RenameBlobs, ATextTooLargeToCompareReadsAsEmptyAndPairsOnlyWithItself) {
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    const std::string line = "Parties shall provide financial support to developing countries.\n";
    std::string huge;
    while (huge.size() <= kMaxWordComparedBytes) huge += line;
    const std::string edited = huge + "A last paragraph.\n";
    CommitRequest request;
    request.files = {{"a.md", huge}, {"b.md", edited}, {"c.md", line}};
    request.author = {"S", "s@example.org", 1449000000, 0};
    request.committer = request.author;
    request.message = "texts\n";
    const std::string commit = repo.commit_files(request);
    const std::string huge_id = *repo.blob_id_at(commit, "a.md");
    const std::string edited_id = *repo.blob_id_at(commit, "b.md");

    RenameBlobs blobs(repo);
    EXPECT_EQ(blobs(huge_id), "");
    EXPECT_EQ(blobs(*repo.blob_id_at(commit, "c.md")), line);
    // Nearly the same words, but too large to count: not paired.
    EXPECT_TRUE(find_renames({{"a.md", huge_id}}, {{"b.md", edited_id}}, std::ref(blobs)).empty());
    // The very same blob moved: paired.
    const std::vector<Rename> same =
        find_renames({{"a.md", huge_id}}, {{"z.md", huge_id}}, std::ref(blobs));
    ASSERT_EQ(same.size(), 1u);
    EXPECT_EQ(same.front().to, "z.md");
}

}  // namespace
}  // namespace accord
