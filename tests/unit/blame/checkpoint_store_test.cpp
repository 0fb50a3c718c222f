// Blame checkpoints remembered in a real repository: after a new proposal,
// blame goes on from where the last blame of the text ended (shown by
// taking away the blobs of the versions before it, which a whole walk would
// read) and gives what a blame with nothing remembered gives; with a text
// that gives wording too; and a remembered checkpoint that does not fit is
// never believed.
#include "merge/blame/checkpoint_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "merge/blame/blame_history.hpp"
#include "support/blame_accuracy.hpp"
#include "support/negotiation_generator.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

class CheckpointStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        repo_.emplace(Repository::init(dir.path()));
        record("Chair", "2014-01-01",
               {{"a.md", "Parties shall cooperate.\n\nStates report on their progress.\n"}});
        record("Chair", "2014-01-01", {{"b.md", "The fund is open.\n"}});
        record("Japan", "2014-01-02",
               {{"a.md",
                 "Parties shall [cooperate closely / work together] on adaptation.\n\n"
                 "States report on their progress.\n"}});
        record("Brazil", "2014-01-03",
               {{"a.md",
                 "Parties shall [cooperate closely / work together] on adaptation ~~finance~~.\n\n"
                 "States report on their progress.\n"}});
    }

    void record(const std::string& by, const std::string& day, test::FileTexts files) {
        test::record_proposal(*repo_, {by, day, std::move(files), "Proposal by " + by});
    }

    // What blaming `path` at HEAD gives with nothing remembered (in a copy
    // of the repository, so that this one keeps its cache).
    FileBlame blame_afresh(const std::string& path) {
        const fs::path copy = fs::path(scratch.path()) / "copy";
        fs::remove_all(copy);
        fs::copy(dir.path(), copy, fs::copy_options::recursive);
        fs::remove_all(copy / ".git" / "accord");
        const Workspace ws = Workspace::open(copy.string());
        return blame_file(ws, path, ws.resolve("HEAD"));
    }

    test::TempDir dir, scratch;
    std::optional<Repository> repo_;
};

void expect_same(const FileBlame& got, const FileBlame& expected) {
    EXPECT_EQ(got.result.document.source, expected.result.document.source);
    EXPECT_TRUE(got.result.spans == expected.result.spans);
    ASSERT_EQ(got.history.proposals.size(), expected.history.proposals.size());
    for (std::size_t k = 0; k < expected.history.proposals.size(); ++k)
        EXPECT_EQ(got.history.proposals[k].commit, expected.history.proposals[k].commit);
}

std::vector<std::string> proposers_of(const FileBlame& blame, std::string_view words) {
    const std::string& source = blame.result.document.source;
    for (const BlameSpan& span : blame.result.spans) {
        if (source.substr(span.range.begin, span.range.size()).find(words) != std::string::npos)
            return blame.history.proposals.at(span.origin).proposers;
    }
    return {};
}

TEST_F(CheckpointStoreTest, ANewProposalIsAttributedFromWhereTheLastBlameEnded) {
    blame_file(Workspace::open(dir.path()), "a.md", repo_->resolve("HEAD"));
    record("Kenya", "2014-01-04",
           {{"a.md",
             "Parties shall [cooperate closely / work together] on adaptation ~~finance~~.\n\n"
             "States report on their progress and needs.\n"}});
    record("Chair", "2014-01-05",
           {{"a.md",
             "Parties shall cooperate closely on adaptation ~~finance~~.\n\n"
             "States report on their progress and needs.\n"}});
    const FileBlame expected = blame_afresh("a.md");
    // Only the version the last blame ended at and the new ones are left to
    // read (a.md alone: no other text gives it wording).
    ASSERT_GE(test::remove_blobs_but(*repo_, {"HEAD", "HEAD~1", "HEAD~2"}), 2u);
    const Workspace ws = Workspace::open(dir.path());
    EXPECT_THROW(file_history(ws, "a.md", ws.resolve("HEAD")), Error);  // the old versions are gone
    const FileBlame resumed = blame_file(ws, "a.md", ws.resolve("HEAD"));
    expect_same(resumed, expected);
    EXPECT_EQ(proposers_of(resumed, "and needs"), std::vector<std::string>{"Kenya"});
    EXPECT_EQ(proposers_of(resumed, "closely"), std::vector<std::string>{"Japan"});
}

TEST_F(CheckpointStoreTest, ATextThatGaveWordingIsGoneOnFromToo) {
    // Sweden moves a paragraph from a.md to b.md: b.md is a.md's donor.
    record(
        "Sweden", "2014-01-04",
        {{"a.md", "Parties shall [cooperate closely / work together] on adaptation ~~finance~~.\n"},
         {"b.md", "The fund is open.\n\nStates report on their progress.\n"}});
    for (const std::string path : {"a.md", "b.md"})
        blame_file(Workspace::open(dir.path()), path, repo_->resolve("HEAD"));
    record("India", "2014-01-05", {{"b.md", "The fund is open.\n\nStates report on progress.\n"}});
    const FileBlame expected = blame_afresh("b.md");
    test::remove_blobs_but(*repo_, {"HEAD", "HEAD~1"});
    const Workspace ws = Workspace::open(dir.path());
    const FileBlame resumed = blame_file(ws, "b.md", ws.resolve("HEAD"));
    expect_same(resumed, expected);
    // The moved paragraph kept the Chair's wording.
    EXPECT_EQ(proposers_of(resumed, "States report"), std::vector<std::string>{"Chair"});
}

TEST_F(CheckpointStoreTest, ACheckpointThatDoesNotFitIsNeverBelieved) {
    const Workspace ws = Workspace::open(dir.path());
    const std::string head = ws.resolve("HEAD");
    const FileBlame first = blame_file(ws, "a.md", head);
    record("Kenya", "2014-01-04",
           {{"a.md",
             "Parties shall [cooperate closely / work together] on adaptation ~~finance~~.\n\n"
             "States report.\n"}});
    const FileBlame expected = blame_afresh("a.md");
    const Workspace again = Workspace::open(dir.path());
    // A checkpoint that reads back whole and names the walk, but gives every
    // word of the last version to the first proposal and claims a proposal
    // past it: refused (the result is the whole walk's).
    {
        BlameOptions options;
        options.parse = again.parse_options();
        BlameCheckpointStore store(again, options);
        std::vector<BlameVersion> versions = file_history(again, "a.md", head).versions;
        std::vector<std::string> blobs;
        for (const BlameVersion& v : versions) blobs.push_back(Repository::hash_blob(v.text));
        const std::vector<TextVersions> texts = {{versions}};
        std::optional<BlameCheckpoint> remembered =
            store.find("a.md", BlameOrigins::version_indices, texts, {blobs});
        ASSERT_TRUE(remembered.has_value());
        for (blame_detail::Origin& origin : remembered->texts.front().origins) origin.proposal = 0;
        remembered->texts.front().origins.front().restored_by = 9;
        store.put("a.md", BlameOrigins::version_indices, texts, {blobs}, *remembered);
    }
    const FileBlame resumed = blame_file(again, "a.md", again.resolve("HEAD"));
    expect_same(resumed, expected);
    EXPECT_EQ(proposers_of(resumed, "States report"), std::vector<std::string>{"Chair"});
    EXPECT_EQ(proposers_of(resumed, "closely"), std::vector<std::string>{"Japan"});
    (void)first;
}

TEST(BlameCheckpointBytes, ReadBackWholeOrNotAtAll) {
    const test::GeneratedHistory history = test::generate_history(test::ordinary(5, 0));
    BlameCheckpoint made;
    blame_versions(history.versions, history.versions.size() - 1, BlameOptions{}, {},
                   BlameCheckpoints{nullptr, &made});
    const std::string bytes = encode_blame_checkpoint("walk", made);
    const auto named = [](std::uint32_t) { return std::string("walk"); };
    const std::optional<BlameCheckpoint> back = decode_blame_checkpoint(bytes, named);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->last_proposal, made.last_proposal);
    EXPECT_EQ(back->graveyard.words.size(), made.graveyard.words.size());
    EXPECT_EQ(back->graveyard.runs.size(), made.graveyard.runs.size());
    ASSERT_EQ(back->texts.size(), 1u);
    EXPECT_TRUE(back->texts.front().origins == made.texts.front().origins);
    EXPECT_EQ(back->texts.front().ids_hash, made.texts.front().ids_hash);
    // The interner comes back whole (its paragraphs by their digests).
    EXPECT_EQ(back->interner.entries.size(), made.interner.entries.size());
    EXPECT_EQ(back->interner.next, made.interner.next);
    // Another walk's checkpoint, or one cut short anywhere: none.
    EXPECT_FALSE(
        decode_blame_checkpoint(bytes, [](std::uint32_t) { return std::string("other"); }));
    for (std::size_t size = 0; size < bytes.size(); size += 1 + size / 16)
        EXPECT_FALSE(decode_blame_checkpoint(bytes.substr(0, size), named)) << size;
    // A count made huge: refused without making anything that large.
    std::string huge = encode_blame_checkpoint("walk", BlameCheckpoint{});
    huge.pop_back();  // the text count, last: now 2^32 texts in a value that holds none
    huge += std::string("\x80\x80\x80\x80\x10", 5);
    EXPECT_FALSE(decode_blame_checkpoint(huge, named));
    // Any byte altered: read back or refused, never a crash (the sanitizers watch).
    for (std::size_t at = 0; at < bytes.size(); at += 1 + at / 8) {
        std::string altered = bytes;
        altered[at] = static_cast<char>(altered[at] ^ 0x5a);
        (void)decode_blame_checkpoint(altered, named);
    }
}

}  // namespace
}  // namespace accord
