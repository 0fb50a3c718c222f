// diff_revisions in a real repository: the texts that differ between two
// proposals (or a proposal and the work tree), each described, in path
// order, batches and threads notwithstanding; texts that did not change are
// not read; errors as the command gives them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/store/repository.hpp"
#include "core/store/workspace.hpp"
#include "core/util/errors.hpp"
#include "merge/diff/revision_diff.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

std::string numbered(int k) {
    std::string name = std::to_string(k);
    return "recs/" + std::string(3 - name.size(), '0') + name + ".md";
}

class RevisionDiff : public ::testing::Test {
  protected:
    void SetUp() override {
        repo_.emplace(Repository::init(dir.path()));
        // 80 texts, then a proposal changing 70 of them (more than one
        // batch) and adding one, then one changing a single text.
        test::FileTexts first;
        for (int k = 0; k < 80; ++k)
            first.push_back({numbered(k), "Text [" + std::to_string(k) + "].\n"});
        base_ = test::record_proposal(*repo_, {"Chair", "2014-01-01", first});
        test::FileTexts lifted;
        for (int k = 0; k < 70; ++k)
            lifted.push_back({numbered(k), "Text " + std::to_string(k) + ".\n"});
        lifted.push_back({"recs/new.md", "A new text.\n"});
        lifted_ = test::record_proposal(*repo_, {"Japan", "2014-01-02", lifted});
        last_ = test::record_proposal(
            *repo_, {"Brazil", "2014-01-03", {{numbered(75), "Text 75, amended.\n"}}});
    }

    std::vector<std::string> visited(const RevisionDiffRequest& request) const {
        const Workspace ws = Workspace::open(dir.path());
        std::vector<std::string> out;
        diff_revisions(ws, request, RevisionDiffOptions{}, [&](const DescribedPair& pair) {
            std::string line = pair.texts.path + " " + pair.texts.old_label + " > " +
                               pair.texts.new_label + " " + std::to_string(pair.changes.size());
            out.push_back(line);
        });
        return out;
    }
    // The paths visited before the diff failed with an error saying `error`.
    std::vector<std::string> visited_before_error(const RevisionDiffRequest& request,
                                                  const std::string& error) const {
        const Workspace ws = Workspace::open(dir.path());
        std::vector<std::string> seen;
        try {
            diff_revisions(ws, request, RevisionDiffOptions{},
                           [&](const DescribedPair& pair) { seen.push_back(pair.texts.path); });
            ADD_FAILURE() << "no error";
        } catch (const Error& e) {
            EXPECT_THAT(e.what(), testing::HasSubstr(error));
        }
        return seen;
    }
    RevisionDiffRequest between(const std::string& from, const std::string& to) const {
        return {from, to, "A", "B", {}, {}, {}, {}, {}};
    }
    // A proposal changing all 70 texts, text `binary` to bytes that are no text.
    std::string record_every_text_with_a_binary_one(int binary) {
        test::FileTexts texts;
        for (int k = 0; k < 70; ++k)
            texts.push_back({numbered(k), "Version " + std::to_string(k) + ".\n"});
        texts[binary].second = std::string("Text\0 ", 6) + std::to_string(binary) + ".\n";
        return test::record_proposal(*repo_, {"Chair", "2014-01-04", texts});
    }

    test::TempDir dir;
    std::optional<Repository> repo_;
    std::string base_, lifted_, last_;
};

TEST_F(RevisionDiff, EachChangedTextInPathOrderAcrossBatches) {
    const std::vector<std::string> lines = visited(between(base_, lifted_));
    ASSERT_EQ(lines.size(), 71u);
    for (int k = 0; k < 70; ++k) {
        EXPECT_EQ(lines[k], numbered(k) + " A:" + numbered(k) + " > B:" + numbered(k) + " 1")
            << k;  // one bracket lifted each
    }
    EXPECT_EQ(lines[70], "recs/new.md /dev/null > B:recs/new.md 1");
}

TEST_F(RevisionDiff, AProposalOfOneTextDescribesThatTextAlone) {
    EXPECT_THAT(
        visited(between(lifted_, last_)),
        testing::ElementsAre(numbered(75) + " A:" + numbered(75) + " > B:" + numbered(75) + " 2"));
    // Backwards: the new text deleted.
    const std::vector<std::string> back = visited(between(lifted_, base_));
    ASSERT_EQ(back.size(), 71u);
    EXPECT_EQ(back.back(), "recs/new.md A:recs/new.md > /dev/null 1");
}

// A text moved (renamed, a bracket lifted on the way) is compared with
// itself at its old path, as log pairs it: not deleted there and tabled
// anew here. A text deleted and an unrelated one added stay what they are.
TEST_F(RevisionDiff, ATextMovedBetweenTheSidesIsComparedWithItself) {
    const std::string moved = test::record_proposal(
        *repo_, {"Chair",
                 "2014-01-04",
                 {{numbered(75), std::nullopt},
                  {"agreed/075.md", "Text 75, amended.\n"},
                  {numbered(76), std::nullopt},
                  {"recs/other.md", "Something else entirely, on finance.\n"}}});
    EXPECT_THAT(visited(between(last_, moved)),
                testing::ElementsAre("agreed/075.md A:" + numbered(75) + " > B:agreed/075.md 0",
                                     numbered(76) + " A:" + numbered(76) + " > /dev/null 1",
                                     "recs/other.md /dev/null > B:recs/other.md 1"));
    // With a bracket lifted on the way, and backwards.
    const std::string lifted = test::record_proposal(
        *repo_, {"Chair", "2014-01-05", {{"agreed/075.md", "Text 75, [amended].\n"}}});
    EXPECT_THAT(visited(between(lifted, last_)),
                testing::ElementsAre(numbered(75) + " A:agreed/075.md > B:" + numbered(75) + " 1",
                                     numbered(76) + " /dev/null > B:" + numbered(76) + " 1",
                                     "recs/other.md A:recs/other.md > /dev/null 1"));
}

// Unchanged texts are not read: with the blob of one the two proposals
// share gone from the object database, the diff of the one text changed
// still works (and reading the text at either proposal fails).
TEST_F(RevisionDiff, UnchangedTextsAreNotRead) {
    const std::optional<std::string> shared = repo_->blob_id_at(last_, numbered(79));
    ASSERT_TRUE(shared);
    ASSERT_EQ(repo_->blob_id_at(lifted_, numbered(79)), shared);
    ASSERT_TRUE(fs::remove(fs::path(dir.path()) / ".git" / "objects" / shared->substr(0, 2) /
                           shared->substr(2)));
    EXPECT_THROW(repo_->read_file_at(last_, numbered(79)), Error);
    EXPECT_EQ(visited(between(lifted_, last_)).size(), 1u);
}

TEST_F(RevisionDiff, TheWorkTreeAgainstAProposal) {
    const fs::path root = dir.path();
    // Unchanged but written with carriage returns alone: recorded with line
    // feeds, so the same text (and not read from the repository: hashed).
    std::ofstream(root / numbered(1), std::ios::binary) << "Text 1.\r";
    std::ofstream(root / numbered(2), std::ios::binary) << "Text [2] again.\n";
    fs::remove(root / numbered(3));
    EXPECT_THAT(visited({last_, "", "HEAD", "working tree", {}, {}, {}, {}, {}}),
                testing::ElementsAre(
                    numbered(2) + " HEAD:" + numbered(2) + " > working tree:" + numbered(2) + " 2",
                    numbered(3) + " HEAD:" + numbered(3) + " > /dev/null 1"));
}

// A text replaced by a link in the work tree, and the texts below a
// directory replaced by one, are named as skipped and never read; a text
// edited in place is still compared.
TEST_F(RevisionDiff, LinksInTheWorkTreeAreNamedAndNeverRead) {
    const std::string head =
        test::record_proposal(*repo_, {"Chair", "2014-01-05", {{"other/x.md", "Other.\n"}}});
    const fs::path root = dir.path();
    const test::TempDir outside;
    outside.write("secret.md", "SECRET\n");
    outside.write("x.md", "SECRET\n");
    fs::remove(root / numbered(2));
    fs::create_symlink(fs::path(outside.path()) / "secret.md", root / numbered(2));
    fs::remove_all(root / "other");
    fs::create_symlink(outside.path(), root / "other");
    std::ofstream(root / numbered(3), std::ios::binary) << "Text 3, edited.\n";

    const fs::path cwd = fs::current_path();
    fs::current_path(root);
    const Workspace ws = Workspace::open(dir.path());
    const RevisionDiffRequest request = revision_diff_request(ws, {}, {});
    fs::current_path(cwd);
    EXPECT_EQ(request.old_commit, head);
    EXPECT_THAT(request.skipped_links, testing::ElementsAre("other/x.md", numbered(2)));
    std::vector<std::string> seen;
    diff_revisions(ws, request, RevisionDiffOptions{}, [&](const DescribedPair& pair) {
        EXPECT_EQ(pair.texts.new_text.find("SECRET"), std::string::npos) << pair.texts.path;
        seen.push_back(pair.texts.path);
    });
    EXPECT_THAT(seen, testing::ElementsAre(numbered(3)));
}

// Between two commits, only what differs is read (the subtrees whose ids
// differ), and only the links among the differing entries are named: a
// link standing alike at both is no part of the diff. A text replaced by a
// link, and a link added, are named and never read.
TEST_F(RevisionDiff, BetweenTwoCommitsOnlyTheLinksThatDifferAreNamed) {
    const auto git = [&](std::vector<std::string> args) {
        std::vector<std::string> command = {
            "git", "-C", dir.path(), "-c", "user.name=T", "-c", "user.email=t@example.org"};
        command.insert(command.end(), args.begin(), args.end());
        ASSERT_EQ(test::run(command).exit_code, 0) << args[0];
    };
    const fs::path root = dir.path();
    fs::create_symlink("/etc/passwd", root / "recs/standing.md");
    git({"add", "recs/standing.md"});
    git({"commit", "-q", "--no-verify", "-m", "a link"});
    const std::string before = Repository::open(dir.path()).resolve("HEAD");
    fs::remove(root / numbered(7));
    fs::create_symlink("/etc/passwd", root / numbered(7));
    fs::create_symlink("/etc/passwd", root / "recs/added.md");
    fs::create_directories(root / "deep/er");
    std::ofstream(root / "deep/er/new.md", std::ios::binary) << "New [text].\n";
    std::ofstream(root / numbered(9), std::ios::binary) << "Text 9, amended.\n";
    git({"add", "-A", "recs", "deep"});
    git({"commit", "-q", "--no-verify", "-m", "links and texts"});
    const std::string after = Repository::open(dir.path()).resolve("HEAD");

    const Workspace ws = Workspace::open(dir.path());
    std::vector<std::string> entries;
    for (const Repository::EntryChange& e : ws.repo().changed_entries(before, after)) {
        entries.push_back(e.path + (e.old_file ? " file" : "") + (e.old_link ? " link" : "") +
                          " >" + (e.new_file ? " file" : "") + (e.new_link ? " link" : ""));
    }
    EXPECT_THAT(entries,
                testing::ElementsAre("deep/er/new.md > file", numbered(7) + " file > link",
                                     numbered(9) + " file > file", "recs/added.md > link"));

    const RevisionDiffRequest request = revision_diff_request(ws, {before, after}, {});
    EXPECT_THAT(request.skipped_links, testing::ElementsAre(numbered(7), "recs/added.md"));
    std::vector<std::string> seen;
    diff_revisions(ws, request, RevisionDiffOptions{}, [&](const DescribedPair& pair) {
        EXPECT_EQ(pair.texts.new_text.find("root:"), std::string::npos) << pair.texts.path;
        seen.push_back(pair.texts.path + " " + pair.texts.old_label + " > " + pair.texts.new_label);
    });
    EXPECT_THAT(
        seen, testing::ElementsAre("deep/er/new.md /dev/null > " + after + ":deep/er/new.md",
                                   numbered(9) + " " + before + ":" + numbered(9) + " > " + after +
                                       ":" + numbered(9)));
}

// The work tree is read as propose would record it, whatever git's index
// says: a file marked assume-unchanged (or hidden by a filter, autocrlf or
// stale stat data) that was edited is still shown.
TEST_F(RevisionDiff, TheWorkTreeIsReadNotTakenFromGitsIndex) {
    ASSERT_EQ(
        test::run({"git", "-C", dir.path(), "update-index", "--assume-unchanged", numbered(4)})
            .exit_code,
        0);
    std::ofstream(fs::path(dir.path()) / numbered(4), std::ios::binary) << "Text 4, edited.\n";
    EXPECT_THAT(visited({last_, "", "HEAD", "working tree", {}, {}, {}, {}, {}}),
                testing::ElementsAre(numbered(4) + " HEAD:" + numbered(4) +
                                     " > working tree:" + numbered(4) + " 1"));
}

// A path the user names that either side holds as a link is skipped (the
// command's note names it), not an error.
TEST_F(RevisionDiff, ANamedPathThatIsALinkIsSkippedNotAnError) {
    RevisionDiffRequest request = between(lifted_, last_);
    request.paths = {"recs/link.md", numbered(75)};
    request.skipped_links = {"recs/link.md"};
    EXPECT_THAT(visited(request), testing::ElementsAre(numbered(75) + " A:" + numbered(75) +
                                                       " > B:" + numbered(75) + " 2"));
}

TEST_F(RevisionDiff, GivenPathsAloneAndOneOnNeitherSideIsAnErrorBeforeAnyOutput) {
    RevisionDiffRequest request = between(base_, lifted_);
    request.paths = {numbered(5), numbered(79)};  // 79 did not change
    EXPECT_THAT(visited(request), testing::ElementsAre(numbered(5) + " A:" + numbered(5) +
                                                       " > B:" + numbered(5) + " 1"));
    request.paths = {numbered(5), "recs/absent.md"};
    const Workspace ws = Workspace::open(dir.path());
    std::size_t seen = 0;
    try {
        diff_revisions(ws, request, RevisionDiffOptions{}, [&](const DescribedPair&) { ++seen; });
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), testing::HasSubstr("'recs/absent.md' is in neither A nor B"));
    }
    EXPECT_EQ(seen, 0u);
}

// Every text compared: a binary side (a '.md' of other bytes) is skipped
// (the command says so in a note), the batches before and after it are
// shown, in order.
TEST_F(RevisionDiff, ABinarySideAmongEveryTextIsSkippedAndTheRestShown) {
    const std::string binary = record_every_text_with_a_binary_one(50);
    const std::vector<std::string> lines = visited(between(last_, binary));
    ASSERT_EQ(lines.size(), 69u);
    for (int k = 0, at = 0; k < 70; ++k) {
        if (k == 50) continue;
        EXPECT_EQ(lines[at++].substr(0, numbered(k).size()), numbered(k)) << k;
    }
}

// Texts named: a binary one among them is refused, naming it, once the
// texts before it were shown (a later batch ends the diff there).
TEST_F(RevisionDiff, ABinarySideNamedIsRefusedAfterTheTextsBeforeIt) {
    const std::string binary = record_every_text_with_a_binary_one(50);
    RevisionDiffRequest named = between(last_, binary);
    for (int k = 0; k < 70; ++k) named.paths.push_back(numbered(k));
    const std::vector<std::string> seen =
        visited_before_error(named, "B:" + numbered(50) + " is a binary file");
    ASSERT_EQ(seen.size(), 50u);
    for (int k = 0; k < 50; ++k) EXPECT_EQ(seen[k], numbered(k));
}

TEST_F(RevisionDiff, RenderRunsForEachTextDescribed) {
    const Workspace ws = Workspace::open(dir.path());
    RevisionDiffOptions options;
    options.render = [](const DescribedPair& pair) { return "rendered " + pair.texts.path; };
    std::vector<std::string> rendered;
    diff_revisions(ws, between(base_, lifted_), options,
                   [&](const DescribedPair& pair) { rendered.push_back(pair.rendered); });
    ASSERT_EQ(rendered.size(), 71u);
    EXPECT_EQ(rendered.front(), "rendered " + numbered(0));
    EXPECT_EQ(rendered.back(), "rendered recs/new.md");
}

TEST_F(RevisionDiff, RequestFromArgumentsAsGitReadsThem) {
    const Workspace ws = Workspace::open(dir.path());
    const fs::path cwd = fs::current_path();
    fs::current_path(dir.path());
    const RevisionDiffRequest range = revision_diff_request(ws, {"HEAD~2..HEAD"}, {});
    EXPECT_EQ(range.old_commit, base_);
    EXPECT_EQ(range.new_commit, last_);
    const RevisionDiffRequest file = revision_diff_request(ws, {"HEAD~1", numbered(4)}, {});
    EXPECT_EQ(file.old_commit, lifted_);
    EXPECT_EQ(file.new_commit, "");
    EXPECT_EQ(file.new_name, "working tree");
    EXPECT_THAT(file.paths, testing::ElementsAre(numbered(4)));
    EXPECT_THROW(revision_diff_request(ws, {"HEAD", "HEAD~1", "HEAD~2"}, {}), Error);
    fs::current_path(cwd);
}

}  // namespace
}  // namespace accord
