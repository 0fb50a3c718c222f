// Each command that moves a branch, killed with SIGKILL at random moments,
// over a hundred times each; after the next accord command the branch, the
// index and the work tree agree, no proposal is lost, and an innocent
// `git add -A && git commit` reverts nothing. tests/e2e/crash_recovery_test.cpp
// kills at each named step; here the moments are wherever the kill lands.
// (ctest label slow: about a minute.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <thread>

#include "support/repo_fixture.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kTries = 100;

std::string trim(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

test::RunResult git(const std::string& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {
        "git", "-C", dir, "-c", "user.name=Secretariat", "-c", "user.email=secretariat@un.org"};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run(argv);
}

// Starts the accord binary in `dir`, output discarded; returns its pid.
pid_t start(const std::string& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {test::accord_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t pid = fork();
    if (pid == 0) {
        if (chdir(dir.c_str()) != 0) _exit(126);
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        setenv("GIT_COMMITTER_NAME", "Secretariat", 1);
        setenv("GIT_COMMITTER_EMAIL", "secretariat@un.org", 1);
        std::vector<char*> raw;
        for (std::string& a : argv) raw.push_back(a.data());
        raw.push_back(nullptr);
        execv(raw[0], raw.data());
        _exit(127);
    }
    return pid;
}

// Runs the command to the end; its duration.
Clock::duration timed_run(const std::string& dir, const std::vector<std::string>& args) {
    const auto begin = Clock::now();
    const pid_t pid = start(dir, args);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) <= 1) << "the command failed untouched";
    return Clock::now() - begin;
}

struct Scenario {
    std::string name;
    std::function<void(const std::string& dir)> prepare;  // a repository ready for the command
    std::vector<std::string> command;
    // The files the command records, by path, with their recorded contents.
    std::vector<std::pair<std::string, std::string>> recorded;
};

struct Outcomes {
    int recorded = 0;
    int not_recorded = 0;
};

// One try: a fresh copy of the template, the command killed after `delay`,
// the next accord command, then the checks.
void one_try(const Scenario& s, const std::string& template_dir, Clock::duration delay,
             Outcomes& outcomes) {
    test::TempDir tmp;
    const std::string dir = tmp.file("repo");
    fs::copy(template_dir, dir, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    const std::string before = trim(git(dir, {"rev-parse", "-q", "--verify", "HEAD"}).out);

    const pid_t pid = start(dir, s.command);
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);

    const test::RunResult next = test::accord({"status"}, test::in(dir));
    SCOPED_TRACE(s.name + ": " + next.err);
    // Killed while libgit2 held git's own lock on the index or HEAD: the
    // lock file stays, as after any killed git command. The proposal is
    // recorded, the journal kept, and git itself refuses to commit until the
    // user, as told, deletes the lock file and runs accord recover.
    if (fs::exists(dir + "/.git/accord-journal")) {
        EXPECT_THAT(next.err, ::testing::HasSubstr("run 'accord recover'"));
        bool git_lock = false;
        for (const char* lock : {"/.git/index.lock", "/.git/HEAD.lock"}) {
            if (fs::exists(dir + lock)) {
                git_lock = true;
                EXPECT_THAT(next.err, ::testing::HasSubstr(lock + 6));
            }
        }
        ASSERT_TRUE(git_lock) << "the journal was kept without a reason";
        EXPECT_NE(git(dir, {"commit", "-q", "--allow-empty", "-m", "too early"}).exit_code, 0);
        fs::remove(dir + "/.git/index.lock");
        fs::remove(dir + "/.git/HEAD.lock");
        const test::RunResult recover = test::accord({"recover"}, test::in(dir));
        EXPECT_EQ(recover.exit_code, 0) << recover.err;
    }
    EXPECT_FALSE(fs::exists(dir + "/.git/accord-journal"));
    EXPECT_FALSE(fs::exists(dir + "/.git/accord.lock"));
    const std::string after = trim(git(dir, {"rev-parse", "-q", "--verify", "HEAD"}).out);
    const std::string porcelain = git(dir, {"status", "--porcelain"}).out;
    EXPECT_EQ(porcelain.find("MM"), std::string::npos) << porcelain;
    // The index matches the branch: nothing staged that a commit would record.
    EXPECT_EQ(git(dir, {"diff", "--cached", "--quiet"}).exit_code, 0) << porcelain;

    const bool moved = after != before;
    if (moved) {
        ++outcomes.recorded;
        for (const auto& [path, contents] : s.recorded) {
            EXPECT_EQ(git(dir, {"show", "HEAD:" + path}).out, contents) << path;
            EXPECT_EQ(test::read_all(dir + "/" + path), contents) << path;
        }
        EXPECT_EQ(porcelain, "");
    } else {
        ++outcomes.not_recorded;
    }
    // The innocent commit.
    tmp.write("repo/innocent.md", "A note.\n");
    git(dir, {"add", "-A"});
    const test::RunResult commit = git(dir, {"commit", "-q", "--no-verify", "-m", "A note"});
    EXPECT_EQ(commit.exit_code, 0) << commit.err;
    if (moved) {
        for (const auto& [path, contents] : s.recorded)
            EXPECT_EQ(git(dir, {"show", "HEAD:" + path}).out, contents) << path << " reverted";
    }
}

void run_scenario(const Scenario& s) {
    test::TempDir templates;
    const std::string template_dir = templates.file("template");
    s.prepare(template_dir);
    // How long the command takes when it is left alone (the slowest of three).
    Clock::duration longest{};
    for (int i = 0; i < 3; ++i) {
        test::TempDir tmp;
        fs::copy(template_dir, tmp.file("repo"), fs::copy_options::recursive);
        longest = std::max(longest, timed_run(tmp.file("repo"), s.command));
    }
    // Kills up to half as long again: a try the machine's load slows past
    // the longest run measured is still killed, and some tries finish (a
    // window of 1.1 times the longest run, measured while other tests ran
    // beside it, once let none of 100 imports finish).
    std::mt19937 random(20261203);
    std::uniform_int_distribution<long long> when(
        0, std::chrono::duration_cast<std::chrono::microseconds>(longest).count() * 3 / 2);
    Outcomes outcomes;
    for (int i = 0; i < kTries && !::testing::Test::HasFailure(); ++i)
        one_try(s, template_dir, std::chrono::microseconds(when(random)), outcomes);
    std::printf("%s: %d tries killed within %lld ms: %d recorded, %d not recorded\n",
                s.name.c_str(), kTries,
                static_cast<long long>(
                    std::chrono::duration_cast<std::chrono::milliseconds>(longest).count()),
                outcomes.recorded, outcomes.not_recorded);
    EXPECT_GT(outcomes.recorded, 0);
    EXPECT_GT(outcomes.not_recorded, 0);
}

// A repository at `dir` with a.md, accord.yaml and .gitattributes recorded.
void recorded_repository(const std::string& dir) {
    ASSERT_EQ(test::accord({"init", dir}).exit_code, 0);
    std::ofstream(dir + "/accord.yaml") << test::kFixtureRegistry;
    std::ofstream(dir + "/a.md") << "The Parties [shall] cooperate.\n";
    const test::RunResult r = test::accord({"propose", "accord.yaml", ".gitattributes", "a.md",
                                            "--by", "Japan", "--date", "2014-01-01"},
                                           test::in(dir));
    ASSERT_EQ(r.exit_code, 0) << r.err;
}

const std::string kEdited = "The Parties [must] cooperate on finance.\n";

TEST(KilledAtRandom, Propose) {
    run_scenario({"propose",
                  [](const std::string& dir) {
                      recorded_repository(dir);
                      std::ofstream(dir + "/a.md") << kEdited;
                  },
                  {"propose", "a.md", "--by", "Sweden", "--date", "2014-01-02"},
                  {{"a.md", kEdited}}});
}

TEST(KilledAtRandom, ProposeRegisteringADelegation) {
    run_scenario(
        {"propose --add-delegation",
         [](const std::string& dir) {
             recorded_repository(dir);
             std::ofstream(dir + "/a.md") << kEdited;
         },
         {"propose", "a.md", "--by", "Ghana", "--add-delegation", "Ghana", "--date", "2014-01-02"},
         {{"a.md", kEdited}}});
}

TEST(KilledAtRandom, Merge) {
    const std::string merged = "The Parties [shall] cooperate closely.\n";
    run_scenario(
        {"merge",
         [&](const std::string& dir) {
             recorded_repository(dir);
             const test::RunOptions here = test::in(dir);
             ASSERT_EQ(test::accord({"redraft", "start", "g", "a.md"}, here).exit_code, 0);
             std::ofstream(dir + "/a.md") << merged;
             ASSERT_EQ(
                 test::accord({"propose", "a.md", "--by", "Sweden", "--date", "2014-01-03"}, here)
                     .exit_code,
                 0);
             ASSERT_EQ(git(dir, {"switch", "-q", "main"}).exit_code, 0);
         },
         {"merge", "g"},
         {{"a.md", merged}}});
}

TEST(KilledAtRandom, ImportIntoAnExistingRepository) {
    const std::string excerpt = test::source_dir() + "/examples/wgec-excerpt.txt";
    run_scenario({"import",
                  [](const std::string& dir) {
                      ASSERT_EQ(test::accord({"init", dir}).exit_code, 0);
                  },
                  {"import", excerpt},
                  {}});
}

TEST(KilledAtRandom, RedraftStart) {
    run_scenario({"redraft start",
                  [](const std::string& dir) { recorded_repository(dir); },
                  {"redraft", "start", "g", "--members", "Japan", "a.md"},
                  {}});
}

}  // namespace
}  // namespace accord
