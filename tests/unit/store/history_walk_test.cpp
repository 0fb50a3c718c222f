// Repository::walk_history along some paths: a first walk diffs only along
// them (nothing remembered yet), and gives exactly the steps and changes a
// walk over commits remembered whole gives, on a history with directories,
// a deletion, a text tabled again and a merged redraft branch.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/util/errors.hpp"
#include "support/run.hpp"

#include "core/store/repository.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

class HistoryWalk : public ::testing::Test {
  protected:
    void SetUp() override {
        repo_.emplace(Repository::init(dir.path()));
        record("Chair", "2014-01-01",
               {{"a/x.md", "One.\n"},
                {"a/y.md", "Two.\n"},
                {"b/z.md", "Three.\n"},
                {"c.md", "Four.\n"}});
        record("Japan", "2014-01-02", {{"a/x.md", "One more.\n"}, {"b/z.md", "Three more.\n"}});
        record("Sweden", "2014-01-03", {{"b/z.md", "Three, and more.\n"}});
        const std::string base = repo_->resolve("HEAD");
        CommitRequest side =
            test::proposal_request({"Brazil", "2014-01-04", {{"a/x.md", "One [more].\n"}}});
        side.parent = base;
        side.branch = "redraft/x";
        side.create_branch = true;
        side.write_worktree = false;
        const std::string side_commit = repo_->commit_files(side);
        record("Nigeria", "2014-01-05", {{"a/y.md", "Two, said Nigeria.\n"}});
        CommitRequest merge =
            test::proposal_request({"Chair", "2014-01-06", {{"a/x.md", "One [more].\n"}}});
        merge.merged = {side_commit};
        repo_->commit_files(merge);
        record("Chair", "2014-01-07", {{"a/x.md", std::nullopt}});
        record("Japan", "2014-01-08", {{"a/x.md", "One, again.\n"}, {"c.md", "Four!\n"}});
    }

    void record(const std::string& by, const std::string& day, test::FileTexts files) {
        test::record_proposal(*repo_, {by, day, std::move(files), "Proposal by " + by});
    }

    // Each step as one line: the commit, then its changes.
    std::vector<std::string> walk(const std::vector<std::string>& paths) const {
        Repository::WalkOptions options;
        options.paths = paths;
        std::vector<std::string> out;
        repo_->walk_history(options, [&](Repository::WalkStep& step) {
            std::string line = step.commit.id.substr(0, 10);
            for (const Repository::FileChange& c : step.changes)
                line += " " + c.path + ":" + c.old_blob.value_or("-").substr(0, 7) + ">" +
                        c.new_blob.value_or("-").substr(0, 7);
            out.push_back(line);
            return true;
        });
        return out;
    }

    test::TempDir dir;
    std::optional<Repository> repo_;
};

TEST_F(HistoryWalk, AWalkAlongPathsGivesWhatAWalkOfWholeCommitsGives) {
    const std::vector<std::vector<std::string>> cases = {
        {"a/x.md"}, {"a"}, {"b/z.md", "c.md"}, {"a/y.md", "b"}, {"nowhere.md"}};
    std::vector<std::vector<std::string>> first;
    for (const auto& paths : cases) first.push_back(walk(paths));  // nothing remembered yet
    const std::vector<std::string> everything = walk({});          // every commit remembered whole
    EXPECT_EQ(everything.size(), 8u);
    for (std::size_t k = 0; k < cases.size(); ++k) {
        SCOPED_TRACE(cases[k].front());
        EXPECT_EQ(first[k], walk(cases[k]));
    }
    // The steps themselves, for the file: its three versions, the merge, the
    // deletion and the text tabled again.
    EXPECT_EQ(first[0].size(), 6u);
    EXPECT_TRUE(first[4].empty());
    // Removing what was remembered gives the same again.
    std::filesystem::remove_all(std::filesystem::path(dir.path()) / ".git" / "accord");
    for (std::size_t k = 0; k < cases.size(); ++k) EXPECT_EQ(first[k], walk(cases[k]));
}

// A narrowed walk reads only the headers of the commits it passes by: with
// info_without_changes off, those steps carry the id and parents alone; the
// steps with changes carry the whole info, read first and again from what
// the walk remembered, and the same as a walk of whole commits gives.
TEST_F(HistoryWalk, StepsWithoutChangesMayCarryTheCommitsIdAndParentsAlone) {
    const auto narrowed = [&](bool info_without_changes) {
        Repository::WalkOptions options;
        options.info_without_changes = info_without_changes;
        options.narrow.emplace();
        options.narrow->may_hold = [](std::string_view directory) { return directory == "b"; };
        options.narrow->wants = [](std::string_view file) { return file == "b/z.md"; };
        options.narrow->remember_as = "b/z.md";
        std::vector<std::string> out;
        repo_->walk_history(options, [&](Repository::WalkStep& step) {
            std::string line = step.commit.id.substr(0, 10) + " parents " +
                               std::to_string(step.commit.parents.size()) + " by '" +
                               step.commit.author.name + "' " + step.commit.message;
            for (const Repository::FileChange& c : step.changes) line += " " + c.path;
            out.push_back(line);
            return true;
        });
        return out;
    };
    const std::vector<std::string> first = narrowed(false);
    ASSERT_EQ(first.size(), 8u);
    std::size_t with_changes = 0;
    for (const std::string& line : first) {
        SCOPED_TRACE(line);
        if (line.ends_with("b/z.md")) {
            ++with_changes;
            EXPECT_THAT(line, testing::HasSubstr("Proposal by"));
            EXPECT_THAT(line, testing::Not(testing::HasSubstr("by ''")));
        } else {
            EXPECT_THAT(line, testing::HasSubstr("by '' "));  // passed by: not read
        }
    }
    EXPECT_EQ(with_changes, 3u);        // created, then Japan's and Sweden's versions
    EXPECT_EQ(narrowed(false), first);  // read back from what the walk remembered
    // With the info asked for every step, every step has it, and the steps
    // with changes are those above.
    const std::vector<std::string> whole = narrowed(true);
    ASSERT_EQ(whole.size(), first.size());
    for (std::size_t k = 0; k < whole.size(); ++k) {
        EXPECT_THAT(whole[k], testing::Not(testing::HasSubstr("by ''")));
        if (first[k].ends_with("b/z.md")) {
            EXPECT_EQ(whole[k], first[k]);
        }
    }
}

// git's commit-graph (written by git gc) gives the tree and parents of the
// commits a walk along some paths passes by: with it, such a walk reads
// none of them. Shown by removing one from the object database: the walk
// still gives the same steps, and without the graph it cannot pass it. A
// graph that does not hold together (cut short, positions out of range, ids
// twice or out of order) is not used (the same error, no crash).
TEST_F(HistoryWalk, AWalkAlongAPathTakesThePassedCommitsFromGitsCommitGraph) {
    const std::vector<std::string> before = walk({"b/z.md"});
    ASSERT_EQ(before.size(), 3u);
    const fs::path git_dir = fs::path(dir.path()) / ".git";
    const test::RunResult wrote =
        test::run({"git", "-C", dir.path(), "commit-graph", "write", "--reachable"});
    ASSERT_EQ(wrote.exit_code, 0) << wrote.err;
    const fs::path graph = git_dir / "objects" / "info" / "commit-graph";
    ASSERT_TRUE(fs::exists(graph));
    const std::string good = test::read_all(graph.string());
    const auto be64 = [&](std::size_t at) {
        std::uint64_t value = 0;
        for (std::size_t k = 0; k < 8; ++k)
            value = (value << 8) | static_cast<unsigned char>(good[at + k]);
        return static_cast<std::size_t>(value);
    };
    const std::size_t cdat = good.find("CDAT");
    ASSERT_NE(cdat, std::string::npos);
    // Each commit its own first parent (a loop the positions can write):
    // no such entry is taken, the commits are read, and the walk ends.
    std::string own_parents = good;
    for (std::size_t at = be64(cdat + 4), k = 0; at + 36 <= be64(cdat + 16); at += 36, ++k) {
        for (int b = 0; b < 4; ++b)
            own_parents[at + 20 + b] = static_cast<char>((k >> (8 * (3 - b))) & 0xFF);
    }
    fs::remove(graph);
    std::ofstream(graph, std::ios::binary) << own_parents;
    fs::remove_all(git_dir / "accord");
    EXPECT_EQ(walk({"b/z.md"}), before);
    fs::remove(graph);
    std::ofstream(graph, std::ios::binary) << good;

    // The Chair's deletion of a/x.md, passed by on the way down to b/z.md.
    const std::string passed = repo_->resolve("HEAD~1");
    fs::remove_all(git_dir / "accord");
    ASSERT_TRUE(fs::remove(git_dir / "objects" / passed.substr(0, 2) / passed.substr(2)));

    EXPECT_EQ(walk({"b/z.md"}), before);
    // Turned off as git's own setting says, it is not read.
    ASSERT_EQ(test::run({"git", "-C", dir.path(), "config", "core.commitGraph", "false"}).exit_code,
              0);
    fs::remove_all(git_dir / "accord");
    EXPECT_THROW(walk({"b/z.md"}), Error);
    ASSERT_EQ(test::run({"git", "-C", dir.path(), "config", "core.commitGraph", "true"}).exit_code,
              0);
    fs::remove_all(git_dir / "accord");
    EXPECT_EQ(walk({"b/z.md"}), before);

    const auto without_the_graph_it_fails = [&](const std::string& contents) {
        fs::remove_all(git_dir / "accord");
        fs::remove(graph);
        std::ofstream(graph, std::ios::binary) << contents;
        EXPECT_THROW(walk({"b/z.md"}), Error);
    };
    without_the_graph_it_fails("");                                         // empty
    without_the_graph_it_fails(good.substr(0, good.size() / 2));            // cut short
    without_the_graph_it_fails("CGPH\x01\x01\xff" + std::string(64, 'x'));  // chunks past its end
    // Every first parent out of range: no entry is taken.
    std::string bad_parents = good;
    for (std::size_t at = be64(cdat + 4); at + 36 <= be64(cdat + 16); at += 36)
        bad_parents.replace(at + 20, 4, "\x6f\xff\xff\xff");
    without_the_graph_it_fails(bad_parents);
    // One id written twice (the one before it copied over it, a commit other
    // than the one passed by), or two ids out of order: the file is not used.
    const std::size_t oidl = be64(good.find("OIDL") + 4);
    std::string passed_raw;
    for (std::size_t k = 0; k + 1 < passed.size(); k += 2)
        passed_raw += static_cast<char>(std::stoi(passed.substr(k, 2), nullptr, 16));
    std::size_t twice_at = 1;
    while (good.compare(oidl + 20 * twice_at, 20, passed_raw) == 0) ++twice_at;
    std::string twice = good;
    twice.replace(oidl + 20 * twice_at, 20, good.substr(oidl + 20 * (twice_at - 1), 20));
    without_the_graph_it_fails(twice);
    std::string swapped = good;
    swapped.replace(oidl, 40, good.substr(oidl + 20, 20) + good.substr(oidl, 20));
    without_the_graph_it_fails(swapped);
    fs::remove(graph);
    fs::remove_all(git_dir / "accord");
    EXPECT_THROW(walk({"b/z.md"}), Error);
}

}  // namespace
}  // namespace accord
