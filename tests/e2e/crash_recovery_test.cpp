// Commands that move a branch, killed at each step of it (the real binary,
// stopped by SIGKILL where ACCORD_TEST_CRASH_AT names), and the next accord
// command finishing or rolling back what they left: afterwards the branch,
// the index and the work tree agree, and an innocent `git add && git commit`
// reverts nothing. tests/slow/kill_test.cpp kills at random moments instead.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/repo_fixture.hpp"

namespace accord {
namespace {

constexpr int kKilled = 128 + 9;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::vector<std::string> crash_at(const std::string& point) {
    return {"ACCORD_TEST_CRASH_AT=" + point};
}

// A repository with a.md, accord.yaml and .gitattributes recorded by Japan.
struct Recorded : test::NegotiationRepo {
    Recorded() {
        write("a.md", "The Parties [shall] cooperate.\n");
        const test::RunResult r = accord({"propose", "accord.yaml", ".gitattributes", "a.md",
                                          "--by", "Japan", "--date", "2014-01-01"});
        if (r.exit_code != 0) ADD_FAILURE() << r.err;
    }
};

// What a user does without thinking after an interruption: stage everything
// and commit. It must not record an old text again.
void innocent_commit(const test::NegotiationRepo& repo) {
    repo.write("notes.md", "A note.\n");
    repo.git({"add", "-A"});
    const test::RunResult commit = repo.git({"commit", "-q", "-m", "A note"});
    EXPECT_EQ(commit.exit_code, 0) << commit.out << commit.err;
}

TEST(CrashRecovery, ProposeKilledAfterTheBranchMovedIsFinishedByTheNextCommand) {
    Recorded repo;
    const std::string before = repo.head();
    repo.write("a.md", "The Parties [must] cooperate.\n");
    const test::RunResult killed = repo.accord(
        {"propose", "a.md", "--by", "Sweden", "--date", "2014-01-02"}, crash_at("branch-moved"));
    ASSERT_EQ(killed.exit_code, kKilled) << killed.err;
    // The window the journal closes: the branch moved, the index did not.
    EXPECT_NE(repo.head(), before);
    EXPECT_EQ(repo.status(), "MM a.md\n");

    const test::RunResult next = repo.accord({"status"});
    EXPECT_TRUE(contains(next.err, "finished the interrupted 'accord propose'")) << next.err;
    EXPECT_TRUE(contains(next.err, "the index now matches it")) << next.err;
    EXPECT_EQ(repo.status(), "");
    EXPECT_FALSE(std::filesystem::exists(repo.path(".git/accord-journal")));
    EXPECT_FALSE(std::filesystem::exists(repo.path(".git/accord.lock")));

    innocent_commit(repo);
    EXPECT_EQ(repo.show("HEAD:a.md"), "The Parties [must] cooperate.\n");
    const test::RunResult log = repo.accord({"log", "a.md"});
    EXPECT_TRUE(contains(log.out, "Sweden")) << log.out;
}

// git's lock on the index (a git command running, or one killed) is seen
// before anything is recorded: the proposal fails and changes nothing, and
// once the lock is gone the same command records it. (Recorded first and
// failing after, the advice "run it again" would then say "no change".)
TEST(CrashRecovery, ProposeWhileGitHoldsTheIndexRecordsNothing) {
    Recorded repo;
    const std::string before = repo.head();
    repo.write("a.md", "The Parties [must] cooperate.\n");
    repo.write(".git/index.lock", "");
    const std::vector<std::string> propose = {"propose", "a.md",   "--by",
                                              "Sweden",  "--date", "2014-01-02"};
    const test::RunResult locked = repo.accord(propose);
    EXPECT_EQ(locked.exit_code, 3) << locked.err;
    EXPECT_TRUE(contains(locked.err, "index.lock")) << locked.err;
    EXPECT_TRUE(contains(locked.err, "Nothing was recorded")) << locked.err;
    EXPECT_EQ(repo.head(), before);
    EXPECT_FALSE(std::filesystem::exists(repo.path(".git/accord-journal")));
    EXPECT_FALSE(std::filesystem::exists(repo.path(".git/accord.lock")));

    std::filesystem::remove(repo.path(".git/index.lock"));
    const test::RunResult again = repo.accord(propose);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(repo.head(), before);
    EXPECT_EQ(repo.status(), "");
}

TEST(CrashRecovery, ProposeKilledBeforeTheBranchMovedRecordedNothing) {
    Recorded repo;
    const std::string before = repo.head();
    repo.write("a.md", "The Parties [must] cooperate.\n");
    const test::RunResult killed = repo.accord(
        {"propose", "a.md", "--by", "Sweden", "--date", "2014-01-02"}, crash_at("journal-written"));
    ASSERT_EQ(killed.exit_code, kKilled) << killed.err;
    EXPECT_EQ(repo.head(), before);

    const test::RunResult recover = repo.accord({"recover"});
    EXPECT_EQ(recover.exit_code, 0) << recover.err;
    EXPECT_TRUE(contains(recover.out, "had not recorded anything")) << recover.out;
    EXPECT_TRUE(contains(recover.out, "run it again")) << recover.out;
    EXPECT_EQ(repo.head(), before);
    EXPECT_EQ(repo.status(), " M a.md\n");  // the edit is still there, to propose again

    const test::RunResult again =
        repo.accord({"propose", "a.md", "--by", "Sweden", "--date", "2014-01-02"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(repo.status(), "");
}

TEST(CrashRecovery, RecoverSaysWhenThereIsNothingToDo) {
    Recorded repo;
    const test::RunResult recover = repo.accord({"recover"});
    EXPECT_EQ(recover.exit_code, 0) << recover.err;
    EXPECT_EQ(recover.out, "nothing to recover: no accord command was interrupted here\n");
}

// git re-reads the index after its pre-commit hook, and the hook is an accord
// command like any other: it finishes the interrupted proposal first, so the
// commit lands on top of it instead of undoing it.
TEST(CrashRecovery, ACommitAfterAnInterruptedCommandKeepsWhatItRecorded) {
    Recorded repo;
    repo.write("a.md", "The Parties [must] cooperate.\n");
    ASSERT_EQ(repo.accord({"propose", "a.md", "--by", "Sweden", "--date", "2014-01-02"},
                          crash_at("branch-moved"))
                  .exit_code,
              kKilled);
    const std::string recorded = repo.head();
    repo.write("notes.md", "A note.\n");
    repo.git({"add", "notes.md"});
    const test::RunResult commit = repo.git({"commit", "-q", "-m", "A note"});
    EXPECT_EQ(commit.exit_code, 0) << commit.err;
    EXPECT_TRUE(contains(commit.err, "finished the interrupted 'accord propose'")) << commit.err;
    EXPECT_EQ(repo.git({"rev-parse", "HEAD~1"}).out, recorded + "\n");
    EXPECT_EQ(repo.show("HEAD:a.md"), "The Parties [must] cooperate.\n");
    EXPECT_EQ(repo.show("HEAD:notes.md"), "A note.\n");
    EXPECT_EQ(repo.status(), "");
}

// A redraft branch g (started by Japan) with one proposal, and main checked out.
struct WithRedraft : Recorded {
    WithRedraft() {
        expect_ok(accord({"redraft", "start", "g", "--members", "Japan,Sweden", "a.md"}));
        write("a.md", "The Parties [shall] cooperate closely.\n");
        expect_ok(accord({"propose", "a.md", "--by", "Sweden", "--date", "2014-01-03"}));
        expect_ok(git({"switch", "-q", "main"}));
    }
    static void expect_ok(const test::RunResult& r) {
        if (r.exit_code != 0) ADD_FAILURE() << r.out << r.err;
    }
};

TEST(CrashRecovery, MergeKilledAfterTheBranchMovedIsFinished) {
    for (const char* point : {"branch-moved", "worktree-written"}) {
        SCOPED_TRACE(point);
        WithRedraft repo;
        const test::RunResult killed = repo.accord({"merge", "g"}, crash_at(point));
        ASSERT_EQ(killed.exit_code, kKilled) << killed.err;
        EXPECT_NE(repo.status(), "");

        const test::RunResult recover = repo.accord({"recover"});
        EXPECT_TRUE(contains(recover.out, "finished the interrupted 'accord merge'"))
            << recover.out;
        EXPECT_TRUE(contains(recover.out, "the index and the work tree now match it"))
            << recover.out;
        EXPECT_EQ(repo.status(), "");
        EXPECT_EQ(repo.read("a.md"), "The Parties [shall] cooperate closely.\n");
        EXPECT_EQ(repo.git({"rev-list", "--count", "--merges", "HEAD"}).out, "1\n");
        const test::RunResult again = repo.accord({"merge", "g"});
        EXPECT_TRUE(contains(again.err, "already merged")) << again.err;
        innocent_commit(repo);
        EXPECT_EQ(repo.show("HEAD:a.md"), "The Parties [shall] cooperate closely.\n");
    }
}

TEST(CrashRecovery, MergeKilledBeforeTheBranchMovedCanBeRunAgain) {
    WithRedraft repo;
    const std::string before = repo.head();
    ASSERT_EQ(repo.accord({"merge", "g"}, crash_at("journal-written")).exit_code, kKilled);
    const test::RunResult next = repo.accord({"merge", "g"});
    EXPECT_TRUE(contains(next.err, "had not recorded anything")) << next.err;
    EXPECT_EQ(next.exit_code, 0) << next.err;
    EXPECT_NE(repo.head(), before);
    EXPECT_EQ(repo.status(), "");
    EXPECT_EQ(repo.read("a.md"), "The Parties [shall] cooperate closely.\n");
}

TEST(CrashRecovery, RedraftStartKilledIsFinishedOrLeavesNothing) {
    {
        Recorded repo;
        ASSERT_EQ(
            repo.accord({"redraft", "start", "g", "a.md"}, crash_at("branch-moved")).exit_code,
            kKilled);
        const test::RunResult recover = repo.accord({"recover"});
        EXPECT_TRUE(contains(recover.out, "switched to branch 'redraft/g'")) << recover.out;
        EXPECT_EQ(repo.git({"symbolic-ref", "--short", "HEAD"}).out, "redraft/g\n");
        EXPECT_TRUE(std::filesystem::exists(repo.path(".accord/redrafts/g.yaml")));
        EXPECT_EQ(repo.status(), "");
    }
    {
        Recorded repo;
        ASSERT_EQ(
            repo.accord({"redraft", "start", "g", "a.md"}, crash_at("journal-written")).exit_code,
            kKilled);
        EXPECT_EQ(repo.accord({"recover"}).exit_code, 0);
        EXPECT_EQ(repo.git({"symbolic-ref", "--short", "HEAD"}).out, "main\n");
        EXPECT_EQ(repo.git({"branch", "--list", "redraft/*"}).out, "");
        const test::RunResult again = repo.accord({"redraft", "start", "g", "a.md"});
        EXPECT_EQ(again.exit_code, 0) << again.err;
    }
}

TEST(CrashRecovery, ImportIntoAnExistingRepositoryIsWholeOrNothing) {
    const std::string excerpt = test::source_dir() + "/examples/wgec-excerpt.txt";
    {
        test::NegotiationRepo repo;
        ASSERT_EQ(repo.accord({"import", excerpt}, crash_at("branch-moved")).exit_code, kKilled);
        const test::RunResult recover = repo.accord({"recover"});
        EXPECT_TRUE(contains(recover.out, "finished the interrupted 'accord import'"))
            << recover.out;
        EXPECT_EQ(repo.status(), "");
        EXPECT_TRUE(std::filesystem::exists(repo.path("agreed/C/04-nigeria.md")));
        innocent_commit(repo);
        EXPECT_NE(repo.show("HEAD:agreed/C/04-nigeria.md"), "");
    }
    {
        test::NegotiationRepo repo;
        const std::string registry = repo.read("accord.yaml");
        const std::string start = repo.head();  // accord init's first commit
        ASSERT_EQ(repo.accord({"import", excerpt}, crash_at("journal-written")).exit_code, kKilled);
        EXPECT_EQ(repo.accord({"recover"}).exit_code, 0);
        EXPECT_EQ(repo.head(), start);  // the branch has no proposal
        EXPECT_EQ(repo.read("accord.yaml"), registry);
        EXPECT_FALSE(std::filesystem::exists(repo.path("agreed")));
        const test::RunResult again = repo.accord({"import", excerpt});
        EXPECT_EQ(again.exit_code, 0) << again.err;
        EXPECT_EQ(repo.status(), "");
    }
}

// Anyone who can write into .git can write a journal (a repository handed
// over as an archive): recovery writes only what the recorded commit holds,
// at work tree paths. A journal naming .git/config, which would make git run
// a program, or contents the commit does not hold, is set aside untouched.
TEST(CrashRecovery, AForgedJournalWritesNothing) {
    Recorded repo;
    const std::string config = repo.read(".git/config");
    const std::string evil = config + "[core]\n\tfsmonitor = \"touch pwned; false\"\n";
    repo.write(".git/evil-config", evil);
    const auto id = [&](const std::vector<std::string>& args) {
        std::string out = repo.git(args).out;
        while (!out.empty() && out.back() == '\n') out.pop_back();
        return out;
    };
    const std::string evil_blob = id({"hash-object", "-w", ".git/evil-config"});
    const std::string head = repo.head();
    for (const std::string& target : {std::string(".git/config"), std::string("a.md")}) {
        const std::string before = id({"hash-object", target});
        repo.write(".git/accord-journal",
                   "accord-journal 1\noperation propose\npid 999999\nbranch main\nold -\nnew " +
                       head + "\nhead-before -\nswitch-head no\nsync-index yes\nfile 100644 " +
                       evil_blob + " yes " + before + " " + target + "\nend\n");
        const test::RunResult next = repo.accord({"log"});
        EXPECT_EQ(next.exit_code, 0) << next.err;
        EXPECT_TRUE(contains(next.err, "that no accord command wrote")) << next.err;
        EXPECT_TRUE(contains(next.err, "'" + target + "'")) << next.err;
        EXPECT_FALSE(std::filesystem::exists(repo.path(".git/accord-journal")));
    }
    EXPECT_EQ(repo.read(".git/config"), config);
    EXPECT_EQ(repo.read("a.md"), "The Parties [shall] cooperate.\n");
    EXPECT_EQ(repo.status(), "");
}

TEST(CrashRecovery, AWorkTreeFileChangedAfterTheInterruptionIsKept) {
    WithRedraft repo;
    ASSERT_EQ(repo.accord({"merge", "g"}, crash_at("branch-moved")).exit_code, kKilled);
    repo.write("a.md", "Someone's own edit, made before recovering.\n");
    const test::RunResult recover = repo.accord({"recover"});
    EXPECT_TRUE(contains(recover.out, "kept the work tree's a.md")) << recover.out;
    EXPECT_EQ(repo.read("a.md"), "Someone's own edit, made before recovering.\n");
    EXPECT_EQ(repo.status(), " M a.md\n");  // the edit, unstaged; the index holds the merge
    EXPECT_EQ(repo.git({"show", ":a.md"}).out, "The Parties [shall] cooperate closely.\n");
}

}  // namespace
}  // namespace accord
