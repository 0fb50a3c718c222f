// BlobPrefetcher: every blob's text comes back whole, whether the prefetch
// thread read it, the caller read it before the thread got there, or it was
// never announced; a blob two versions share is read again, not lost.
#include <gtest/gtest.h>

#include "merge/blame/blob_prefetch.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"

namespace accord {
namespace {

TEST(BlobPrefetch, EveryTextComesBackWhateverReadIt) {
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    std::vector<std::string> texts, blobs;
    for (int k = 0; k < 40; ++k) {
        texts.push_back("Version " + std::to_string(k) + " of [the] text.\n");
        const std::string id = test::record_proposal(
            repo, {"Japan", "2014-01-0" + std::to_string(1 + k % 9), {{"A-1.md", texts.back()}}});
        blobs.push_back(*repo.blob_id_at(id, "A-1.md"));
    }
    for (const bool announce_all : {true, false}) {
        BlobPrefetcher prefetch(repo.git_dir());
        // Newest first, as the walk finds them; half of them only when not all.
        for (std::size_t k = blobs.size(); k-- > 0;) {
            if (announce_all || k % 2 == 0) prefetch.announce(blobs[k]);
        }
        prefetch.walk_done();
        for (std::size_t k = 0; k < blobs.size(); ++k) {  // oldest first, as blame reads
            EXPECT_EQ(prefetch.take(blobs[k], repo), texts[k]) << k;
        }
        EXPECT_EQ(prefetch.take(blobs[0], repo), texts[0]) << "a blob taken twice";
    }
}

}  // namespace
}  // namespace accord
