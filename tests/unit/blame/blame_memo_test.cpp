// Blame results remembered in the repository's cache: a second blame of the
// same history reads the first one's result (shown by taking away the old
// versions' blobs, which attributing again would need), a new proposal to a
// text walked is attributed afresh, a proposal no walk reads keeps the
// remembered result, and a damaged cache is never believed.
#include "merge/blame/blame_memo.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "merge/blame/blame_history.hpp"
#include "merge/blame/blame_many.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

class BlameMemoTest : public ::testing::Test {
  protected:
    void SetUp() override {
        repo_.emplace(Repository::init(dir.path()));
        record("Chair", "2014-01-01",
               {{"a.md", "Parties shall cooperate.\n\nStates report on their progress.\n"},
                {"b.md", "The fund is open.\n"}});
        record("Japan", "2014-01-02",
               {{"a.md",
                 "Parties shall [cooperate closely / work together] on adaptation.\n\n"
                 "States report on their progress.\n"}});
        // Sweden moves a paragraph from a.md to b.md.
        record("Sweden", "2014-01-03",
               {{"a.md", "Parties shall [cooperate closely / work together] on adaptation.\n"},
                {"b.md", "The fund is open.\n\nStates report on their progress.\n"}});
        record("Brazil", "2014-01-04",
               {{"a.md", "Parties shall cooperate closely on adaptation ~~finance~~.\n"}});
    }

    void record(const std::string& by, const std::string& day, test::FileTexts files) {
        test::record_proposal(*repo_, {by, day, std::move(files), "Proposal by " + by});
    }

    fs::path cache_dir() const { return fs::path(dir.path()) / ".git" / "accord" / "cache"; }

    test::TempDir dir;
    std::optional<Repository> repo_;
};

void expect_same(const FileBlame& first, const FileBlame& again) {
    SCOPED_TRACE(first.path);
    EXPECT_EQ(again.result.document.source, first.result.document.source);
    EXPECT_EQ(again.result.document.brackets.size(), first.result.document.brackets.size());
    // Byte ranges, kinds, origins and restorations, span by span.
    EXPECT_TRUE(again.result.spans == first.result.spans);
    ASSERT_EQ(again.history.proposals.size(), first.history.proposals.size());
    for (std::size_t k = 0; k < first.history.proposals.size(); ++k)
        EXPECT_EQ(again.history.proposals[k].commit, first.history.proposals[k].commit);
}

TEST_F(BlameMemoTest, ASecondBlameReadsTheFirstOnesResult) {
    const Workspace ws = Workspace::open(dir.path());
    const std::string head = ws.resolve("HEAD");
    for (const bool across : {false, true}) {
        const FileBlame a = blame_file(ws, "a.md", head, {.across_texts = across, .at_label = {}});
        const FileBlame b = blame_file(ws, "b.md", head, {.across_texts = across, .at_label = {}});
        // Brazil struck "finance", Sweden's move kept the Chair's wording.
        EXPECT_GE(a.result.spans.size(), 4u);
        EXPECT_EQ(b.history.proposals.at(b.result.spans.back().origin).proposers,
                  std::vector<std::string>{"Chair"});
    }
    const FileBlame a = blame_file(ws, "a.md", head);
    const FileBlame b = blame_file(ws, "b.md", head);
    ASSERT_TRUE(fs::exists(cache_dir()));
    ASSERT_GE(test::remove_blobs_before_head(ws.repo()), 3u);
    EXPECT_THROW(file_history(ws, "a.md", head), Error);  // the old versions are gone
    expect_same(a, blame_file(ws, "a.md", head));
    expect_same(b, blame_file(ws, "b.md", head));
    // --across-texts was remembered on its own.
    blame_file(ws, "a.md", head, {.across_texts = true, .at_label = {}});
}

TEST_F(BlameMemoTest, ManyTextsAreReadBackInTheOrderTheWalkGivesThem) {
    const Workspace ws = Workspace::open(dir.path());
    const std::string head = ws.resolve("HEAD");
    const std::vector<std::string> paths = {"a.md", "b.md"};
    std::vector<std::size_t> first_order, again_order;
    std::vector<FileBlame> first(2), again(2);
    blame_files(ws, paths, head, {}, [&](std::size_t k, FileBlame&& blame) {
        first_order.push_back(k);
        first[k] = std::move(blame);
    });
    test::remove_blobs_before_head(ws.repo());
    blame_files(ws, paths, head, {}, [&](std::size_t k, FileBlame&& blame) {
        again_order.push_back(k);
        again[k] = std::move(blame);
    });
    EXPECT_EQ(again_order, first_order);
    for (std::size_t k = 0; k < paths.size(); ++k) expect_same(first[k], again[k]);
}

TEST_F(BlameMemoTest, ANewProposalToTheTextIsAttributedAfresh) {
    const Workspace ws = Workspace::open(dir.path());
    blame_file(ws, "a.md", ws.resolve("HEAD"));
    record("Nigeria", "2014-01-05",
           {{"a.md", "Parties shall cooperate closely on adaptation ~~finance~~ and loss.\n"}});
    const Workspace again = Workspace::open(dir.path());
    const std::string head = again.resolve("HEAD");
    const FileBlame a = blame_file(again, "a.md", head);
    const std::string& source = a.result.document.source;
    bool nigeria = false;
    for (const BlameSpan& span : a.result.spans) {
        if (source.substr(span.range.begin, span.range.size()).find("loss") != std::string::npos)
            nigeria = a.history.proposals.at(span.origin).proposers ==
                      std::vector<std::string>{"Nigeria"};
    }
    EXPECT_TRUE(nigeria);
    fs::remove_all(cache_dir());
    expect_same(blame_file(again, "a.md", head), a);
}

TEST_F(BlameMemoTest, AProposalToATextNotWalkedKeepsTheRememberedResult) {
    const Workspace ws = Workspace::open(dir.path());
    const FileBlame before = blame_file(ws, "a.md", ws.resolve("HEAD"));
    // b.md gave a.md nothing after Sweden's proposal; a new proposal to it
    // alone is not in a.md's walk.
    record("Chair", "2014-01-06", {{"b.md", "The fund is open to all.\n"}});
    const Workspace again = Workspace::open(dir.path());
    const std::string head = again.resolve("HEAD");
    test::remove_blobs_before_head(again.repo());
    const FileBlame after = blame_file(again, "a.md", head);
    EXPECT_EQ(after.revision, head);
    expect_same(before, after);
}

TEST_F(BlameMemoTest, ADamagedCacheIsNeverBelieved) {
    const Workspace ws = Workspace::open(dir.path());
    const std::string head = ws.resolve("HEAD");
    const FileBlame a = blame_file(ws, "a.md", head);
    std::size_t damaged = 0;
    for (const fs::directory_entry& table : fs::directory_iterator(cache_dir())) {
        if (table.path().filename().string().rfind("blame-", 0) != 0) continue;
        for (const fs::directory_entry& file : fs::directory_iterator(table.path())) {
            const auto size = fs::file_size(file.path());
            std::fstream bytes(file.path(), std::ios::in | std::ios::out | std::ios::binary);
            // Every byte of the second half turned over: keys, values, checksums.
            for (auto at = size / 2; at < size; ++at) {
                bytes.seekg(static_cast<std::streamoff>(at));
                const int c = bytes.get();
                bytes.seekp(static_cast<std::streamoff>(at));
                bytes.put(static_cast<char>(~c));
            }
            ++damaged;
        }
    }
    ASSERT_GE(damaged, 1u);
    expect_same(a, blame_file(ws, "a.md", head));
    for (const fs::directory_entry& table : fs::directory_iterator(cache_dir())) {
        for (const fs::directory_entry& file : fs::directory_iterator(table.path()))
            fs::resize_file(file.path(), fs::file_size(file.path()) / 3);
    }
    expect_same(a, blame_file(ws, "a.md", head));
}

}  // namespace
}  // namespace accord
