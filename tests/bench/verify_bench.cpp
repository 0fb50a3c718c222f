// `accord verify` over 10,000 signed proposals, side by side with what git
// pays for the same question, `git log --show-signature` on the same
// history (git starts ssh-keygen for every signed commit; accord checks the
// signatures in-process). Target: accord in at most a tenth of git's time.
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BENCH=ON
//   cmake --build build-bench --target accord accord_verify_bench
//   build-bench/tests/bench/accord_verify_bench
// The history is made once (10,000 signatures by ssh-keygen take a few
// minutes) and kept in $ACCORD_BENCH_CACHE (default /tmp) for later runs.
// Each benchmark runs the whole history once per iteration and reports
// seconds; the git one reports "x_accord", how many times accord is faster.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/store/commit_signer.hpp"
#include "core/store/proposal_record.hpp"
#include "core/store/repository.hpp"
#include "hooks/verify.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/ssh_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kProposals = 10000;
constexpr int kTexts = 40;

struct History {
    std::string dir, repo, allowed_signers;
};

std::string text(int file, int version) {
    return "---\nid: R-" + std::to_string(file) + "\n---\n" + "1. Parties [shall][should] act on " +
           std::to_string(version) + " matters.\n\n2. The secretariat [will] report.\n";
}

// The history: the secretariat's registry, then kProposals proposals by
// Japan, each signed by Japan's key, spread over kTexts texts.
History make_history() {
    const char* cache = std::getenv("ACCORD_BENCH_CACHE");
    History h;
    h.dir = std::string(cache && *cache ? cache : "/tmp") + "/accord-verify-bench-" +
            std::to_string(kProposals);
    h.repo = h.dir + "/repo";
    h.allowed_signers = h.dir + "/allowed_signers";
    if (fs::exists(h.dir + "/complete")) return h;
    fs::remove_all(h.dir);
    fs::create_directories(h.dir);
    std::cerr << "making " << kProposals << " signed proposals in " << h.repo
              << " (once; a few minutes)...\n";
    const accord::test::SshKeyFiles clerk =
        accord::test::make_ssh_key(h.dir, "clerk", "ed25519", 0, "clerk@unctad.org");
    const accord::test::SshKeyFiles japan =
        accord::test::make_ssh_key(h.dir, "japan", "ed25519", 0, "japan@delegations.accord");
    accord::test::run({"sh", "-c",
                       "printf '%s\\n%s\\n' 'clerk@unctad.org namespaces=\"git\" " +
                           clerk.public_line + "' 'japan@delegations.accord namespaces=\"git\" " +
                           japan.public_line + "' > '" + h.allowed_signers + "'"});
    accord::Repository repo = accord::Repository::init(h.repo);
    const std::string registry =
        "negotiation: Bench\n"
        "delegations:\n"
        "  - name: Japan\n"
        "    keys: [" +
        japan.public_line +
        "]\n"
        "secretariat:\n"
        "  - {name: Secretariat, keys: [" +
        clerk.public_line +
        "]}\n"
        "policy: {signatures: required}\n";
    const std::int64_t start = 1392811200;  // 2014-02-19
    accord::CommitRequest first;
    first.files = {{"accord.yaml", registry}};
    first.author = {"Secretariat", "clerk@unctad.org", start, 0};
    first.committer = first.author;
    first.message = "Start the negotiation Bench\n";
    first.signer = accord::ssh_commit_signer({clerk.private_path});
    repo.commit_files(first);
    const accord::CommitSigner sign = accord::ssh_commit_signer({japan.private_path});
    for (int i = 0; i < kProposals; ++i) {
        accord::CommitRequest request;
        request.files = {{"recs/R-" + std::to_string(i % kTexts) + ".md", text(i % kTexts, i)}};
        request.author = {"Japan", accord::delegation_email("Japan"), start + 60 * (i + 1), 0};
        request.committer = {"Clerk", "clerk@unctad.org", start + 60 * (i + 1), 0};
        accord::ProposalMessage message;
        message.text = "Proposal " + std::to_string(i);
        message.proposers = {"Japan"};
        request.message = accord::format_proposal_message(message);
        request.parent = repo.head();
        request.signer = sign;
        repo.commit_files(request);
        if (i % 1000 == 999) std::cerr << "  " << i + 1 << "\n";
    }
    accord::test::run({"git", "-C", h.repo, "gc", "-q"});
    accord::test::run({"touch", h.dir + "/complete"});
    return h;
}

const History& history() {
    static const History h = make_history();
    return h;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double g_accord_seconds = 0;

// The real binary, as a user runs it.
void BM_AccordVerify(benchmark::State& state) {
    const History& h = history();
    const std::string command = "cd '" + h.repo + "' && '" + accord::test::accord_binary() +
                                "' verify --format json > /dev/null";
    double total = 0;
    for (auto _ : state) {
        const auto start = Clock::now();
        if (std::system(command.c_str()) != 0) state.SkipWithError("accord verify failed");
        total += seconds_since(start);
    }
    g_accord_seconds = total / static_cast<double>(state.iterations());
    state.counters["seconds"] = g_accord_seconds;
    state.counters["proposals"] = kProposals;
}
BENCHMARK(BM_AccordVerify)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// The library alone: what the command adds is process start and printing.
void BM_VerifyRangeInProcess(benchmark::State& state) {
    const History& h = history();
    const accord::Repository repo = accord::Repository::open(h.repo);
    for (auto _ : state) {
        const accord::hooks::VerifyReport report = accord::hooks::verify_range(repo, "");
        if (!report.ok() || report.verified != static_cast<std::size_t>(kProposals) + 1)
            state.SkipWithError("the history does not verify");
        benchmark::DoNotOptimize(report.commits.size());
    }
}
BENCHMARK(BM_VerifyRangeInProcess)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// git's own check of the same signatures, with an allowed-signers file.
void BM_GitLogShowSignature(benchmark::State& state) {
    const History& h = history();
    const std::string command = "cd '" + h.repo + "' && git -c gpg.ssh.allowedSignersFile='" +
                                h.allowed_signers +
                                "' log --show-signature --format=%G? main > /dev/null 2>&1";
    double total = 0;
    for (auto _ : state) {
        const auto start = Clock::now();
        if (std::system(command.c_str()) != 0) state.SkipWithError("git log failed");
        total += seconds_since(start);
    }
    const double git_seconds = total / static_cast<double>(state.iterations());
    state.counters["seconds"] = git_seconds;
    if (g_accord_seconds > 0) state.counters["x_accord"] = git_seconds / g_accord_seconds;
}
BENCHMARK(BM_GitLogShowSignature)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
