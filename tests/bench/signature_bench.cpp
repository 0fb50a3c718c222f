// Checking SSH signatures: in-process (core/util/ssh_signature, OpenSSL's
// libcrypto) against what git pays, which is one ssh-keygen process per
// signature (git log --show-signature runs ssh-keygen -Y find-principals
// and -Y verify for every signed commit).
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BENCH=ON
//   cmake --build build-bench --target accord_signature_bench
//   build-bench/tests/bench/accord_signature_bench
// Each benchmark reports the time for one signature (or one commit); the
// ssh-keygen and git ones also report how many times the in-process check
// of the same signatures is faster ("x_in_process"), and the projection to
// 10,000 signed proposals. Target: in-process checking of 10,000 proposals
// in at most a tenth of git log --show-signature's time.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <sstream>

#include "core/util/commit_signature.hpp"
#include "core/util/ssh_signature.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/ssh_fixture.hpp"

extern char** environ;

namespace {

using accord::test::TempDir;

constexpr int kSignatures = 64;  // distinct messages, verified in turn
constexpr int kCommits = 200;    // signed commits in the git history

struct Fixture {
    TempDir dir;
    accord::test::SshKeyFiles key;
    std::vector<std::string> messages, signatures, message_paths, signature_paths;
    std::string allowed_signers;
    std::string repo;
    std::vector<accord::SignedCommit> commits;  // the history's commits, split as git splits them

    Fixture() {
        key = accord::test::make_ssh_key(dir.path(), "delegation", "ed25519");
        allowed_signers =
            dir.write("allowed_signers", "delegate@example.org " + key.public_line + "\n");
        for (int i = 0; i < kSignatures; ++i) {
            std::ostringstream message;
            message << "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
                    << "author Japan <japan@example.org> " << 1700000000 + i << " +0900\n"
                    << "committer Japan <japan@example.org> " << 1700000000 + i << " +0900\n\n"
                    << "Propose: [shall][should] in paragraph " << i << "\n\nProposed-by: Japan\n";
            messages.push_back(message.str());
            signatures.push_back(accord::test::ssh_keygen_sign(key, messages.back()));
            message_paths.push_back(dir.write("m" + std::to_string(i), messages.back()));
            signature_paths.push_back(
                dir.write("m" + std::to_string(i) + ".sig", signatures.back()));
        }
        make_history();
    }

    void make_history() {
        repo = dir.path() + "/repo";
        accord::test::RunOptions options = accord::test::in(dir.path());
        options.environment.insert(
            options.environment.end(),
            {"GIT_AUTHOR_NAME=Japan", "GIT_AUTHOR_EMAIL=japan@example.org", "SSH_AUTH_SOCK="});
        accord::test::run({"git", "init", "-q", "-b", "main", repo}, options);
        options.cwd = repo;
        for (int i = 0; i < kCommits; ++i) {
            accord::test::run({"git", "-c", "gpg.format=ssh", "-c",
                               "user.signingkey=" + key.private_path, "commit", "-q", "-S",
                               "--allow-empty", "-m", "Propose: paragraph " + std::to_string(i)},
                              options);
        }
        const accord::test::RunResult ids = accord::test::run({"git", "rev-list", "main"}, options);
        std::istringstream lines(ids.out);
        for (std::string id; std::getline(lines, id);) {
            const accord::test::RunResult raw =
                accord::test::run({"git", "cat-file", "commit", id}, options);
            if (auto parts = accord::split_signed_commit(raw.out)) {
                commits.push_back(std::move(*parts));
            }
        }
        if (commits.size() != static_cast<std::size_t>(kCommits)) {
            throw std::runtime_error("the signed history was not made");
        }
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

// Seconds per in-process check of the fixture's signatures, timed apart
// from the benchmark loop so that the process benchmarks can give a ratio.
double in_process_seconds_per_signature() {
    Fixture& f = fixture();
    const int rounds = 2000;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) {
        const int k = i % kSignatures;
        if (!accord::verify_ssh_signature(f.signatures[k], f.messages[k]).good()) {
            throw std::runtime_error("a fixture signature does not verify");
        }
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / rounds;
}

// Runs argv with standard input from `input_path` and output discarded, as
// git runs ssh-keygen (no shell in between); returns the exit status.
int spawn(const std::vector<std::string>& argv, const std::string& input_path) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, input_path.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void BM_VerifyInProcess(benchmark::State& state) {
    Fixture& f = fixture();
    int k = 0;
    const auto start = Clock::now();
    for (auto _ : state) {
        const accord::SignatureCheck check =
            accord::verify_ssh_signature(f.signatures[k], f.messages[k]);
        if (!check.good()) state.SkipWithError("a signature did not verify");
        k = (k + 1) % kSignatures;
    }
    const double per_signature = seconds_since(start) / static_cast<double>(state.iterations());
    state.SetItemsProcessed(state.iterations());
    state.counters["ms_for_10000"] = per_signature * 10000 * 1e3;
}
BENCHMARK(BM_VerifyInProcess)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_VerifyWithSshKeygenProcess(benchmark::State& state) {
    Fixture& f = fixture();
    int k = 0;
    const auto start = Clock::now();
    for (auto _ : state) {
        if (spawn({"ssh-keygen", "-Y", "verify", "-f", f.allowed_signers, "-I",
                   "delegate@example.org", "-n", "git", "-s", f.signature_paths[k]},
                  f.message_paths[k]) != 0) {
            state.SkipWithError("ssh-keygen -Y verify refused a good signature");
        }
        k = (k + 1) % kSignatures;
    }
    const double per_signature = seconds_since(start) / static_cast<double>(state.iterations());
    state.SetItemsProcessed(state.iterations());
    state.counters["x_in_process"] = per_signature / in_process_seconds_per_signature();
    state.counters["ms_for_10000"] = per_signature * 10000 * 1e3;
}
BENCHMARK(BM_VerifyWithSshKeygenProcess)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2.0);

// Splitting raw commits and checking their signatures, per commit (reading
// the objects is not counted: a later benchmark of `accord verify` will).
void BM_VerifyCommitsInProcess(benchmark::State& state) {
    Fixture& f = fixture();
    const auto start = Clock::now();
    for (auto _ : state) {
        for (const accord::SignedCommit& commit : f.commits) {
            if (!accord::verify_commit_signature(commit.signature, commit.payload).good()) {
                state.SkipWithError("a commit signature did not verify");
            }
        }
    }
    const double per_commit =
        seconds_since(start) / static_cast<double>(state.iterations() * kCommits);
    state.SetItemsProcessed(state.iterations() * kCommits);
    state.counters["ms_for_10000"] = per_commit * 10000 * 1e3;
}
BENCHMARK(BM_VerifyCommitsInProcess)->Unit(benchmark::kMillisecond)->UseRealTime();

// git log --show-signature over the same signed commits, per run (kCommits each).
void BM_GitLogShowSignature(benchmark::State& state) {
    Fixture& f = fixture();
    const std::string command = "cd '" + f.repo + "' && git -c gpg.ssh.allowedSignersFile='" +
                                f.allowed_signers +
                                "' log --show-signature --format=%G? main >/dev/null 2>&1";
    const auto start = Clock::now();
    for (auto _ : state) {
        if (std::system(command.c_str()) != 0) state.SkipWithError("git log failed");
    }
    const double per_commit =
        seconds_since(start) / static_cast<double>(state.iterations() * kCommits);
    state.SetItemsProcessed(state.iterations() * kCommits);
    state.counters["x_in_process"] = per_commit / in_process_seconds_per_signature();
    state.counters["ms_for_10000"] = per_commit * 10000 * 1e3;
}
BENCHMARK(BM_GitLogShowSignature)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

}  // namespace
