// BlobPrefetcher: every blob's text comes back whole, whether the prefetch
// thread read it, the caller read it before the thread got there, or it was
// never announced; a blob two versions share is read again, not lost; and
// it never holds much more than kMostHeld bytes of texts read ahead.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

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

TEST(BlobPrefetch, TextsReadAheadAreHeldUpToABound) {
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    constexpr std::size_t kTextSize = 1 << 20;
    std::vector<std::string> texts, blobs;
    for (int k = 0; k < 12; ++k) {  // 12 MiB in all, three times the bound
        texts.push_back(std::string(kTextSize - 20, static_cast<char>('a' + k)) + "\n");
        const std::string id = test::record_proposal(
            repo, {"Japan", "2014-01-0" + std::to_string(1 + k % 9), {{"A-1.md", texts.back()}}});
        blobs.push_back(*repo.blob_id_at(id, "A-1.md"));
    }
    BlobPrefetcher prefetch(repo.git_dir());
    for (std::size_t k = blobs.size(); k-- > 0;) prefetch.announce(blobs[k]);
    prefetch.walk_done();
    // It reads ahead until it holds the bound, then waits for takes.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (prefetch.most_held() < BlobPrefetcher::kMostHeld &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // room to read on, were it to
    EXPECT_GE(prefetch.most_held(), BlobPrefetcher::kMostHeld);
    EXPECT_LT(prefetch.most_held(), BlobPrefetcher::kMostHeld + kTextSize);
    for (std::size_t k = 0; k < blobs.size(); ++k)
        EXPECT_EQ(prefetch.take(blobs[k], repo), texts[k]);
}

}  // namespace
}  // namespace accord
