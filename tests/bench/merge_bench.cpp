// Merge speed: two redrafts of the 4 December 2015 Paris text
// (about 107 KB), each made of 100 random negotiation edits (brackets added,
// lifted or deleted, options added, words bracketed, struck or replaced,
// paragraphs added; support/merge_scenarios.hpp, fixed seeds), merged three
// ways in the same run:
//   BM_AccordMerge3              accord::merge3 in this process
//   BM_GitMergeFileProcess       `git merge-file -p OURS BASE THEIRS`, a fresh process each time
//   BM_AccordMergeFileProcess    `accord merge-file BASE OURS THEIRS`, a fresh process each time
//   BM_AccordMergeLargeGroup     one alternatives group of N options both sides changed
//                                (an option added on each side, one edited): the cost
//                                must grow with N, not N squared (40,000 options took
//                                15 s before the option-list merge was made linear)
// And a hostile diff: two long one-line texts of random words from a
// vocabulary of twelve, sharing nothing but those words (N words each):
//   BM_GitWordDiffUnrelated      `git diff --no-index --word-diff=porcelain A B`
//   BM_AccordDiffUnrelated       `accord diff --no-index A B`
// The search is bounded as git's is, and its bound shrinks past some 450,000
// tokens in all, so that such a file costs seconds, not minutes.
// The target: accord no slower than twice git merge-file.
//   build-bench/tests/bench/accord_merge_bench
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>

#include "merge/merge3/merge3.hpp"
#include "support/merge_scenarios.hpp"
#include "support/paths.hpp"

extern char** environ;

namespace {

constexpr int kEdits = 100;

struct Redrafts {
    accord::test::TempDir dir;
    std::string base, ours, theirs;
    std::string base_path, ours_path, theirs_path;

    Redrafts() {
        base =
            accord::test::read_all(accord::test::corpus_file("paris-2015/agreement-4-dec-2015.md"));
        ours = redraft(base, 2015);
        theirs = redraft(base, 1204);
        base_path = dir.write("base.md", base);
        ours_path = dir.write("ours.md", ours);
        theirs_path = dir.write("theirs.md", theirs);
    }

    static std::string redraft(std::string text, std::uint64_t seed) {
        std::mt19937_64 rng(seed);
        for (int k = 0; k < kEdits; ++k) text = accord::test::random_edit(text, rng);
        return text;
    }
};

Redrafts& redrafts() {
    static Redrafts r;
    return r;
}

// Runs argv with its output thrown away; false if it could not be run, died
// or exited above `max_exit`. No shell: the figure is the program's own start
// and work.
bool run_quietly(const std::vector<std::string>& argv, int max_exit) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return false;
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) return false;
    return WIFEXITED(status) && WEXITSTATUS(status) <= max_exit;
}

void BM_AccordMerge3(benchmark::State& state) {
    const Redrafts& r = redrafts();
    accord::MergeOptions options;
    std::size_t disagreements = 0;
    for (auto _ : state) {
        accord::MergeResult result = accord::merge3(r.base, r.ours, r.theirs, options);
        disagreements = result.disagreements.size();
        benchmark::DoNotOptimize(result.text.data());
    }
    state.counters["bytes"] = static_cast<double>(r.base.size());
    state.counters["disagreements"] = static_cast<double>(disagreements);
}
BENCHMARK(BM_AccordMerge3)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AccordMergeLargeGroup(benchmark::State& state) {
    std::string options;
    for (std::int64_t k = 0; k < state.range(0); ++k)
        options += "[option " + std::to_string(k) + "]";
    const std::string base = "Parties " + options + " act.\n";
    const std::string ours = "Parties " + options + "[ours new] act.\n";
    std::string edited = options;
    edited.replace(edited.find("[option 5]"), 10, "[option five]");
    const std::string theirs = "Parties [theirs new]" + edited + " act.\n";
    for (auto _ : state) {
        accord::MergeResult result = accord::merge3(base, ours, theirs, accord::MergeOptions{});
        benchmark::DoNotOptimize(result.text.data());
    }
    state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_AccordMergeLargeGroup)
    ->RangeMultiplier(4)
    ->Range(2500, 40000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Complexity();

void BM_GitMergeFileProcess(benchmark::State& state) {
    const Redrafts& r = redrafts();
    const std::vector<std::string> argv = {"git",       "merge-file", "-p",
                                           r.ours_path, r.base_path,  r.theirs_path};
    for (auto _ : state) {
        // Its exit status is the number of conflicts (at most 127).
        if (!run_quietly(argv, 127)) state.SkipWithError("git merge-file could not be run");
    }
    state.counters["bytes"] = static_cast<double>(r.base.size());
}
BENCHMARK(BM_GitMergeFileProcess)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AccordMergeFileProcess(benchmark::State& state) {
    const Redrafts& r = redrafts();
    const std::vector<std::string> argv = {accord::test::accord_binary(), "merge-file", r.base_path,
                                           r.ours_path, r.theirs_path};
    for (auto _ : state) {
        // 1: disagreements became alternatives, a result like git's conflicts.
        if (!run_quietly(argv, 1)) state.SkipWithError("accord merge-file could not be run");
    }
    state.counters["bytes"] = static_cast<double>(r.base.size());
}
BENCHMARK(BM_AccordMergeFileProcess)->Unit(benchmark::kMillisecond)->UseRealTime();

// Two one-line texts of `words` random words each, from twelve, written once per size.
struct UnrelatedTexts {
    accord::test::TempDir dir;
    std::string a_path, b_path;

    explicit UnrelatedTexts(std::int64_t words) {
        static const char* const kWords[] = {"the",     "Parties",    "shall",   "cooperate",
                                             "on",      "climate",    "finance", "[agreed]",
                                             "support", "adaptation", "of",      "and"};
        std::mt19937_64 rng(static_cast<std::uint64_t>(words));
        const auto text = [&] {
            std::string out;
            for (std::int64_t k = 0; k < words; ++k) {
                out += kWords[rng() % 12];
                out += k + 1 < words ? ' ' : '\n';
            }
            return out;
        };
        a_path = dir.write("a.md", text());
        b_path = dir.write("b.md", text());
    }
};

const UnrelatedTexts& unrelated_texts(std::int64_t words) {
    static std::map<std::int64_t, std::unique_ptr<UnrelatedTexts>> made;
    auto& texts = made[words];
    if (!texts) texts = std::make_unique<UnrelatedTexts>(words);
    return *texts;
}

void BM_GitWordDiffUnrelated(benchmark::State& state) {
    const UnrelatedTexts& t = unrelated_texts(state.range(0));
    const std::vector<std::string> argv = {"git",    "diff",  "--no-index", "--word-diff=porcelain",
                                           t.a_path, t.b_path};
    for (auto _ : state) {
        if (!run_quietly(argv, 1)) state.SkipWithError("git diff could not be run");
    }
}
BENCHMARK(BM_GitWordDiffUnrelated)
    ->Arg(100'000)
    ->Arg(800'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_AccordDiffUnrelated(benchmark::State& state) {
    const UnrelatedTexts& t = unrelated_texts(state.range(0));
    const std::vector<std::string> argv = {accord::test::accord_binary(), "diff", "--no-index",
                                           t.a_path, t.b_path};
    for (auto _ : state) {
        if (!run_quietly(argv, 1)) state.SkipWithError("accord diff could not be run");
    }
}
BENCHMARK(BM_AccordDiffUnrelated)
    ->Arg(100'000)
    ->Arg(800'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
