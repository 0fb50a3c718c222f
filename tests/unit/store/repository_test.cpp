// The repository layer against real repositories in temporary directories:
// what a proposal records, how it reads back, and that concurrent recorders
// never lose an update or corrupt the repository.
#include "core/store/repository.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

using test::TempDir;

Signature at(const std::string& name, const std::string& day, int hour = 12, int offset = 0) {
    const std::int64_t time = day_start_utc(*parse_iso_date(day)) + hour * 3600 - offset * 60;
    return {name, name.substr(0, name.find(' ')) + "@example.org", time, offset};
}

CommitRequest proposal(const std::string& path, std::optional<std::string> contents,
                       const std::string& by, const std::string& day) {
    CommitRequest request;
    request.files = {{path, std::move(contents)}};
    request.author = at(by, day);
    request.committer = at("Secretariat", "2014-06-01");
    request.message = "Proposal by " + by + "\n\nProposed-by: " + by + "\n";
    request.write_worktree = true;
    return request;
}

test::RunResult git(const std::string& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"git", "-C", dir};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run(argv);
}

void expect_consistent(const std::string& dir) {
    const test::RunResult fsck = git(dir, {"fsck", "--strict", "--no-dangling"});
    EXPECT_EQ(fsck.exit_code, 0) << fsck.out << fsck.err;
    EXPECT_EQ(fsck.err, "");
    const test::RunResult status = git(dir, {"status", "--porcelain"});
    EXPECT_EQ(status.exit_code, 0) << status.err;
    EXPECT_EQ(status.out, "") << "git status is not clean";
}

// The error `f` throws, or a failed expectation.
template <typename F>
Error error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no accord::Error thrown";
    return Error(0, "");
}

TEST(Repository, InitCreatesAnUnbornBranch) {
    TempDir tmp;
    const Repository repo = Repository::init(tmp.file("neg"));
    EXPECT_TRUE(repo.is_empty_branch());
    EXPECT_EQ(repo.current_branch(), "main");
    EXPECT_EQ(repo.head(), std::nullopt);
    EXPECT_EQ(repo.workdir().back(), '/');
    EXPECT_TRUE(std::filesystem::is_directory(repo.git_dir()));
    EXPECT_EQ(git(tmp.file("neg"), {"symbolic-ref", "HEAD"}).out, "refs/heads/main\n");
}

// libgit2 reads no certificate authorities: accord makes no connection
// through it, and parsing the system's took most of libgit2's start.
TEST(Repository, OpeningARepositoryReadsNoCertificateAuthorities) {
    TempDir tmp;
    Repository::init(tmp.path());
    const Repository repo = Repository::open(tmp.path());
    EXPECT_EQ(git::certificate_stores_declined(), 1);
}

TEST(Repository, InitRefusesAnExistingRepository) {
    TempDir tmp;
    Repository::init(tmp.path());
    const Error e = error_of([&] { Repository::init(tmp.path()); });
    EXPECT_EQ(e.exit_code(), kExitUsage);
    EXPECT_NE(std::string(e.what()).find(tmp.path()), std::string::npos) << e.what();
}

TEST(Repository, OpenDiscoversTheRepositoryFromASubdirectory) {
    TempDir tmp;
    Repository::init(tmp.path(), "trunk");
    std::filesystem::create_directories(tmp.file("A/deep"));
    const Repository repo = Repository::open(tmp.file("A/deep"));
    EXPECT_EQ(repo.current_branch(), "trunk");
    EXPECT_EQ(std::filesystem::canonical(repo.workdir()), std::filesystem::canonical(tmp.path()));
}

TEST(Repository, OpenOutsideAnyRepositoryIsAUsageError) {
    TempDir tmp;
    const Error e = error_of([&] { Repository::open(tmp.path()); });
    EXPECT_EQ(e.exit_code(), kExitUsage);
    EXPECT_NE(std::string(e.what()).find("not inside a git repository"), std::string::npos);
    const Error missing = error_of([&] { Repository::open(tmp.file("nowhere")); });
    EXPECT_NE(std::string(missing.what()).find("nowhere"), std::string::npos);
}

// A repository another user owns is refused, as git refuses it; the error
// says so and how to trust it, not that there is no repository. (Owning a
// file as another user takes root, as CI runs.)
TEST(Repository, OpenARepositoryOwnedByAnotherUserSaysWhoseItIs) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the repository to another user";
    TempDir tmp;
    Repository::init(tmp.path(), "trunk");
    std::filesystem::create_directories(tmp.file("A"));
    for (const auto& entry : std::filesystem::recursive_directory_iterator(tmp.path()))
        ASSERT_EQ(::lchown(entry.path().c_str(), 65534, 65534), 0) << entry.path();
    ASSERT_EQ(::lchown(tmp.path().c_str(), 65534, 65534), 0);
    const Error e = error_of([&] { Repository::open(tmp.file("A")); });
    EXPECT_EQ(e.exit_code(), kExitUsage);
    const std::string what = e.what();
    EXPECT_NE(what.find("belongs to another user"), std::string::npos) << what;
    EXPECT_NE(what.find("safe.directory '" +
                        std::filesystem::path(tmp.path()).lexically_normal().string() + "'"),
              std::string::npos)
        << what;
}

TEST(Repository, RecordsAuthorDateAndCommitterAndReadsBack) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    CommitRequest first =
        proposal("recs/A-1.md", "Maintains [the] approach.\n", "Japan", "2014-02-07");
    first.author = at("Japan", "2014-02-07", 12, 60);
    const std::string one = repo.commit_files(first);
    const std::string two = repo.commit_files(
        proposal("recs/A-1.md", "Maintains the approach.\n", "Sweden", "2014-02-25"));

    EXPECT_EQ(repo.head(), two);
    EXPECT_EQ(repo.resolve("HEAD~1"), one);
    EXPECT_EQ(repo.resolve("main"), two);
    EXPECT_EQ(repo.resolve(one.substr(0, 10)), one);
    EXPECT_EQ(repo.read_file_at("HEAD", "recs/A-1.md"), "Maintains the approach.\n");
    EXPECT_EQ(repo.read_file_at(one, "recs/A-1.md"), "Maintains [the] approach.\n");
    EXPECT_EQ(repo.read_file_at(one, "recs/B-1.md"), std::nullopt);
    EXPECT_EQ(repo.read_file_at(one, "recs"), std::nullopt);  // a directory
    EXPECT_NE(repo.blob_id_at(one, "recs/A-1.md"), repo.blob_id_at(two, "recs/A-1.md"));
    EXPECT_EQ(repo.list_files(two), std::vector<std::string>{"recs/A-1.md"});

    const CommitInfo info = repo.commit(one);
    EXPECT_EQ(info.id, one);
    EXPECT_TRUE(info.parents.empty());
    EXPECT_EQ(info.author.name, "Japan");
    EXPECT_EQ(info.author.offset_minutes, 60);
    EXPECT_EQ(format_iso_timestamp(info.author.time, info.author.offset_minutes),
              "2014-02-07T12:00:00+01:00");
    EXPECT_EQ(info.committer.name, "Secretariat");
    EXPECT_EQ(repo.commit(two).parents, std::vector<std::string>{one});

    // Plain git sees the same: delegations as authors, proposal dates, a clean tree.
    const test::RunResult log = git(tmp.path(), {"log", "--format=%an|%ad|%cn", "--date=short"});
    EXPECT_EQ(log.out, "Sweden|2014-02-25|Secretariat\nJapan|2014-02-07|Secretariat\n");
    expect_consistent(tmp.path());
}

TEST(Repository, CallerWrittenWorkTreeLeavesStatusClean) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    tmp.write("a.md", "one\n");
    tmp.write("untouched.md", "draft\n");
    CommitRequest request = proposal("a.md", "one\n", "Japan", "2014-01-01");
    request.write_worktree = false;
    repo.commit_files(request);
    EXPECT_EQ(git(tmp.path(), {"status", "--porcelain"}).out, "?? untouched.md\n");
    EXPECT_EQ(git(tmp.path(), {"diff", "--cached", "--stat"}).out, "");
}

TEST(Repository, DeletesFilesAndRefusesEmptyProposals) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    repo.commit_files(proposal("a.md", "a\n", "Japan", "2014-01-01"));
    repo.commit_files(proposal("b/c.md", "c\n", "Japan", "2014-01-02"));

    const Error same =
        error_of([&] { repo.commit_files(proposal("a.md", "a\n", "Japan", "2014-01-03")); });
    EXPECT_EQ(same.exit_code(), kExitUsage);
    EXPECT_NE(std::string(same.what()).find("nothing to record"), std::string::npos);
    EXPECT_NE(std::string(same.what()).find("a.md"), std::string::npos);

    repo.commit_files(proposal("a.md", std::nullopt, "Japan", "2014-01-04"));
    EXPECT_EQ(repo.read_file_at("HEAD", "a.md"), std::nullopt);
    EXPECT_FALSE(std::filesystem::exists(tmp.file("a.md")));
    EXPECT_EQ(repo.list_files("HEAD"), std::vector<std::string>{"b/c.md"});
    expect_consistent(tmp.path());

    const Error gone =
        error_of([&] { repo.commit_files(proposal("a.md", std::nullopt, "Japan", "2014-01-05")); });
    EXPECT_NE(std::string(gone.what()).find("cannot delete 'a.md'"), std::string::npos);
    const Error below =
        error_of([&] { repo.commit_files(proposal("b/c.md/x", "x", "Japan", "2014-01-05")); });
    EXPECT_NE(std::string(below.what()).find("'b/c.md' is a file"), std::string::npos);
    const Error over =
        error_of([&] { repo.commit_files(proposal("b", "x", "Japan", "2014-01-05")); });
    EXPECT_NE(std::string(over.what()).find("is a directory"), std::string::npos);
    for (const char* bad : {"../x", "/abs", ".git/config", "a//b", "./a"}) {
        const Error e =
            error_of([&] { repo.commit_files(proposal(bad, "x", "Japan", "2014-01-05")); });
        EXPECT_EQ(e.exit_code(), kExitUsage) << bad;
    }
}

// The work tree must have room for every file before the branch moves: an
// untracked file, a link (never followed) or a directory where a file or a
// directory on its way goes is refused, and the branch, index and work tree
// stay as they were (found by a tester: the branch moved, then the writing
// failed). A tracked file the same commit deletes makes room.
TEST(Repository, AWorkTreeWithoutRoomForAFileRefusesTheCommitBeforeTheBranchMoves) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    repo.commit_files(proposal("a.md", "a\n", "Japan", "2014-01-01"));
    const std::string head = *repo.head();
    const std::string index = test::read_all(tmp.file(".git/index"));
    std::filesystem::create_directories(tmp.file("elsewhere"));
    tmp.write("sub", "untracked\n");
    std::filesystem::create_symlink(tmp.file("elsewhere"), tmp.file("link"));
    std::filesystem::create_directories(tmp.file("dir.md/inside"));
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"sub/x.md", "'sub' is a file in the work tree, where 'sub/x.md' needs a directory"},
        {"link/deep/x.md", "'link' is a symbolic link (never followed) in the work tree"},
        {"dir.md", "'dir.md' is a directory in the work tree, where a file is to be written"},
    };
    for (const auto& [path, message] : cases) {
        const Error e =
            error_of([&] { repo.commit_files(proposal(path, "x\n", "Japan", "2014-01-02")); });
        EXPECT_EQ(e.exit_code(), kExitUsage) << path;
        EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("Nothing was recorded"), std::string::npos);
        EXPECT_EQ(repo.head(), head);
        EXPECT_EQ(test::read_all(tmp.file(".git/index")), index);
        EXPECT_FALSE(std::filesystem::exists(tmp.file(".git/accord-journal")));
    }
    EXPECT_TRUE(std::filesystem::is_empty(tmp.file("elsewhere")));

    // A tracked file deleted in the same commit leaves room for a directory.
    CommitRequest replace = proposal("a.md", std::nullopt, "Japan", "2014-01-03");
    replace.files.emplace_back("a.md/x.md", "x\n");
    repo.commit_files(replace);
    EXPECT_EQ(test::read_all(tmp.file("a.md/x.md")), "x\n");
}

TEST(Repository, HistoryOfAPathSkipsCommitsThatLeaveItUnchanged) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    const std::string a1 = repo.commit_files(proposal("A/1.md", "v1\n", "Japan", "2014-01-01"));
    const std::string b1 = repo.commit_files(proposal("B/1.md", "b\n", "Brazil", "2014-01-02"));
    const std::string a2 = repo.commit_files(proposal("A/1.md", "v2\n", "Sweden", "2014-01-03"));
    const std::string b2 = repo.commit_files(proposal("B/1.md", "b2\n", "Brazil", "2014-01-04"));
    // Changed and changed back: two commits touching the path, same blob as before.
    const std::string a3 = repo.commit_files(proposal("A/1.md", "v1\n", "Japan", "2014-01-05"));

    auto ids = [](const std::vector<CommitInfo>& commits) {
        std::vector<std::string> out;
        for (const CommitInfo& c : commits) out.push_back(c.id);
        return out;
    };
    const std::string head = repo.resolve("HEAD");
    EXPECT_EQ(ids(repo.history(head)), (std::vector<std::string>{a3, b2, a2, b1, a1}));
    EXPECT_EQ(ids(repo.history(head, {"A/1.md"})), (std::vector<std::string>{a3, a2, a1}));
    EXPECT_EQ(ids(repo.history(head, {"B"})), (std::vector<std::string>{b2, b1}));
    EXPECT_EQ(ids(repo.history(head, {"A/1.md", "B/1.md"})).size(), 5u);
    EXPECT_EQ(ids(repo.history(b2, {"A/1.md"})), (std::vector<std::string>{a2, a1}));
    EXPECT_TRUE(repo.history(head, {"C/none.md"}).empty());
    EXPECT_EQ(repo.history(head, {"A/1.md"})[1].author.name, "Sweden");
}

TEST(Repository, HistoryFollowsMergesOrTheFirstParent) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    const std::string base = repo.commit_files(proposal("a.md", "a\n", "Japan", "2014-01-01"));
    const std::string side = repo.commit_files(proposal("b.md", "b\n", "Brazil", "2014-01-02"));
    ASSERT_EQ(git(tmp.path(), {"branch", "side"}).exit_code, 0);
    ASSERT_EQ(git(tmp.path(), {"reset", "-q", "--hard", base}).exit_code, 0);
    const std::string main2 = repo.commit_files(proposal("a.md", "a2\n", "Sweden", "2014-01-03"));
    CommitRequest merge = proposal("b.md", "b\n", "Chair", "2014-01-04");
    merge.merged = {side};
    const std::string merged = repo.commit_files(merge);

    EXPECT_EQ(repo.commit(merged).parents, (std::vector<std::string>{main2, side}));
    EXPECT_EQ(repo.history(merged).size(), 4u);
    const std::vector<CommitInfo> mainline = repo.history(merged, {}, Walk::first_parent);
    ASSERT_EQ(mainline.size(), 3u);
    EXPECT_EQ(mainline[1].id, main2);
    // b.md differs from the merge's first parent, so the merge counts for it.
    const std::vector<CommitInfo> of_b = repo.history(merged, {"b.md"});
    ASSERT_EQ(of_b.size(), 2u);
    EXPECT_EQ(of_b[0].id, merged);
    EXPECT_EQ(of_b[1].id, side);
    expect_consistent(tmp.path());
}

TEST(Repository, TrailersAreReadAsGitReadsThem) {
    const Trailers t = trailers(
        "Common proposal\n\nBody text: not a trailer\nbecause it is not the last paragraph.\n\n"
        "Proposed-by: Russian Federation\nProposed-by: Japan\nMeeting: WGEC-3\n");
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0], (std::pair<std::string, std::string>{"Proposed-by", "Russian Federation"}));
    EXPECT_EQ(t[2], (std::pair<std::string, std::string>{"Meeting", "WGEC-3"}));
    EXPECT_EQ(trailer_values(t, "proposed-BY"),
              (std::vector<std::string>{"Russian Federation", "Japan"}));
    EXPECT_TRUE(trailer_values(t, "Source").empty());
    EXPECT_TRUE(trailers("Just a subject\n").empty());
    EXPECT_TRUE(trailers("").empty());
}

TEST(Repository, AnEmptyTrailerNamesNoOne) {
    // git keeps "Proposed-by:" with nothing after it as a trailer whose value
    // is empty (or the line break); it names no proposer.
    const Trailers t = trailers("x\n\nProposed-by:\n");
    EXPECT_TRUE(trailer_values(t, "Proposed-by").empty());
    const Trailers two = trailers("x\n\nProposed-by:  Sweden \nProposed-by:\n");
    EXPECT_EQ(trailer_values(two, "Proposed-by"), std::vector<std::string>{"Sweden"});
}

TEST(Repository, UnknownRevisionIsAUsageErrorNamingIt) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    const Error unborn = error_of([&] { repo.resolve("HEAD"); });
    EXPECT_EQ(unborn.exit_code(), kExitUsage);
    EXPECT_NE(std::string(unborn.what()).find("has no commits yet"), std::string::npos);
    repo.commit_files(proposal("a.md", "a\n", "Japan", "2014-01-01"));
    for (const char* rev : {"no-such-branch", "HEAD~5", "deadbeef", ""}) {
        const Error e = error_of([&] { repo.resolve(rev); });
        EXPECT_EQ(e.exit_code(), kExitUsage) << rev;
        EXPECT_NE(std::string(e.what()).find("unknown revision '" + std::string(rev) + "'"),
                  std::string::npos)
            << e.what();
    }
    const Error blob = error_of([&] { repo.resolve("HEAD:a.md"); });
    EXPECT_NE(std::string(blob.what()).find("does not name a commit"), std::string::npos);
}

TEST(Repository, RelativePathsAndPathsOutsideTheRepository) {
    TempDir tmp;
    const Repository repo = Repository::init(tmp.file("neg"));
    EXPECT_EQ(repo.relative_path(tmp.file("neg/A/1.md")), "A/1.md");
    EXPECT_EQ(repo.relative_path(tmp.file("neg/A/../B/./2.md")), "B/2.md");
    EXPECT_EQ(repo.relative_path(tmp.file("neg")), "");
    for (const std::string& outside :
         {tmp.file("other.md"), tmp.file("neg/../x.md"), std::string("/")}) {
        const Error e = error_of([&] { repo.relative_path(outside); });
        EXPECT_EQ(e.exit_code(), kExitUsage);
        EXPECT_NE(std::string(e.what()).find("is outside the repository"), std::string::npos)
            << e.what();
    }
    const Error inside_git = error_of([&] { repo.relative_path(tmp.file("neg/.git/config")); });
    EXPECT_NE(std::string(inside_git.what()).find(".git"), std::string::npos);
}

TEST(Repository, ConfigAndDefaultSignature) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    repo.set_config("user.name", "Secretariat WGEC");
    repo.set_config("user.email", "wgec@unctad.example");
    EXPECT_EQ(repo.get_config("user.name"), "Secretariat WGEC");
    EXPECT_EQ(repo.get_config("accord.nothing"), std::nullopt);
    EXPECT_NE(test::read_all(repo.git_dir() + "config").find("Secretariat WGEC"),
              std::string::npos);
    const Signature me = repo.default_signature();
    if (std::getenv("GIT_COMMITTER_NAME") == nullptr) {
        EXPECT_EQ(me.name, "Secretariat WGEC");
    }
    EXPECT_GT(me.time, 1'600'000'000);
    EXPECT_EQ(error_of([&] { repo.set_config("no dots", "x"); }).exit_code(), kExitUsage);
}

// Two recorders prepared against the same HEAD: one lands, the other is told
// to retry, and the repository stays consistent.
TEST(Repository, ConcurrentProposalsOnTheSameParentNeverLoseAnUpdate) {
    TempDir tmp;
    Repository setup = Repository::init(tmp.path());
    const std::string start = setup.commit_files(proposal("a.md", "a\n", "Japan", "2014-01-01"));

    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::string results[2];
    auto record = [&](int who) {
        Repository mine = Repository::open(tmp.path());  // one handle per thread
        CommitRequest request =
            proposal(who == 0 ? "a.md" : "b.md", who == 0 ? "a0\n" : "b1\n", "Japan", "2014-01-02");
        request.parent = start;
        ++ready;
        while (!go) std::this_thread::yield();
        try {
            results[who] = "ok " + mine.commit_files(request);
        } catch (const Error& e) {
            results[who] = std::to_string(e.exit_code()) + " " + e.what();
        }
    };
    std::thread first(record, 0), second(record, 1);
    while (ready < 2) std::this_thread::yield();
    go = true;
    first.join();
    second.join();

    const int wins = (results[0].rfind("ok ", 0) == 0) + (results[1].rfind("ok ", 0) == 0);
    ASSERT_EQ(wins, 1) << results[0] << "\n" << results[1];
    const std::string& lost = results[0].rfind("ok ", 0) == 0 ? results[1] : results[0];
    EXPECT_EQ(lost.rfind("3 ", 0), 0u) << lost;
    EXPECT_NE(lost.find("Retry"), std::string::npos) << lost;
    const std::string& won = results[0].rfind("ok ", 0) == 0 ? results[0] : results[1];
    EXPECT_EQ(setup.head(), won.substr(3));
    EXPECT_EQ(setup.history(won.substr(3)).size(), 2u);
    // The loser wrote nothing: the work tree and index match the winner.
    expect_consistent(tmp.path());
    EXPECT_FALSE(std::filesystem::exists(setup.git_dir() + "accord.lock"));
}

// Separate processes recording at the same moment without naming a parent:
// both land, one after the other (or one is told to retry), never a lost update.
TEST(Repository, ConcurrentProcessesBothLandOrRetry) {
    TempDir tmp;
    Repository setup = Repository::init(tmp.path());
    setup.commit_files(proposal("start.md", "s\n", "Japan", "2014-01-01"));

    constexpr int kProcesses = 4;
    int gate[2];
    ASSERT_EQ(pipe(gate), 0);
    std::vector<pid_t> children;
    for (int i = 0; i < kProcesses; ++i) {
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            close(gate[1]);
            char byte;
            [[maybe_unused]] const auto n = read(gate[0], &byte, 1);  // returns at EOF: go
            int code = 0;
            try {
                Repository mine = Repository::open(tmp.path());
                const std::string name = "p" + std::to_string(i) + ".md";
                mine.commit_files(
                    proposal(name, "text " + std::to_string(i) + "\n", "Japan", "2014-01-02"));
            } catch (const Error& e) {
                code = std::string(e.what()).find("Retry") != std::string::npos ? 10 : 20;
            } catch (...) {
                code = 30;
            }
            _exit(code);
        }
        children.push_back(pid);
    }
    close(gate[0]);
    close(gate[1]);
    int landed = 0;
    for (const pid_t pid : children) {
        int status = 0;
        ASSERT_EQ(waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFEXITED(status));
        const int code = WEXITSTATUS(status);
        EXPECT_TRUE(code == 0 || code == 10) << "child exit " << code;
        landed += code == 0;
    }
    EXPECT_GE(landed, 1);
    // Every proposal that landed is in the history; nothing else is.
    const std::vector<CommitInfo> history = setup.history(setup.resolve("HEAD"));
    EXPECT_EQ(history.size(), static_cast<std::size_t>(landed) + 1);
    EXPECT_EQ(setup.list_files("HEAD").size(), static_cast<std::size_t>(landed) + 1);
    const test::RunResult fsck = git(tmp.path(), {"fsck", "--strict", "--no-dangling"});
    EXPECT_EQ(fsck.exit_code, 0) << fsck.out << fsck.err;
    if (landed == kProcesses) expect_consistent(tmp.path());
}

TEST(Repository, AProposalPreparedOnAnOldHeadIsRefused) {
    TempDir tmp;
    Repository repo = Repository::init(tmp.path());
    const std::string start = repo.commit_files(proposal("a.md", "a\n", "Japan", "2014-01-01"));
    tmp.write("b.md", "plain git\n");
    ASSERT_EQ(git(tmp.path(), {"add", "b.md"}).exit_code, 0);
    ASSERT_EQ(git(tmp.path(), {"-c", "user.name=X", "-c", "user.email=x@example.org", "commit",
                               "-q", "-m", "by hand"})
                  .exit_code,
              0);
    const std::string moved = *repo.head();
    CommitRequest request = proposal("a.md", "a2\n", "Japan", "2014-01-02");
    request.parent = start;
    const Error e = error_of([&] { repo.commit_files(request); });
    EXPECT_EQ(e.exit_code(), kExitFailure);
    EXPECT_NE(std::string(e.what()).find("Retry"), std::string::npos) << e.what();
    EXPECT_EQ(repo.head(), moved);
    EXPECT_EQ(test::read_all(tmp.file("a.md")), "a\n");  // the work tree is untouched
    expect_consistent(tmp.path());
}

}  // namespace
}  // namespace accord
