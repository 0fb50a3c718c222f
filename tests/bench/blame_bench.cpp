// Blame speed: one recommendation of about 1,300 words over a
// history of 2,000 proposals, written to a real git repository once per run;
// accord's word-level blame against line-level `git blame` on the same file
// in the same run, each as a user runs it (a fresh process, no cache from an
// earlier run). Also: diffing the 4 and 9 December 2015 Paris texts.
//   build-bench/tests/bench/accord_blame_bench
// With ACCORD_BLAME_BENCH_KEEP set, the history repository is left in
// $TMPDIR/accord-blame-bench at exit (to profile `accord blame` in it).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "blame_bench_data.hpp"
#include "core/notation/parse.hpp"
#include "core/store/workspace.hpp"
#include "merge/blame/blame_history.hpp"
#include "merge/diff/structural_diff.hpp"

namespace {

struct Fixture {
    std::string dir;
    accord::bench::BenchRepository repo;
    std::size_t words = 0;

    Fixture() {
        dir = (std::filesystem::temp_directory_path() / "accord-blame-bench").string();
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        const accord::test::GeneratedHistory history =
            accord::test::generate_history(accord::bench::blame_bench_options(1));
        repo = accord::bench::write_history_repository(history, dir);
        std::istringstream in(history.versions.back().text);
        for (std::string w; in >> w;) ++words;
    }
    ~Fixture() {
        if (!std::getenv("ACCORD_BLAME_BENCH_KEEP")) std::filesystem::remove_all(dir);
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

void run_or_fail(benchmark::State& state, const std::string& command) {
    if (std::system(command.c_str()) != 0) state.SkipWithError(("failed: " + command).c_str());
}

void BM_GitBlameProcess(benchmark::State& state) {
    Fixture& f = fixture();
    const std::string command =
        "cd '" + f.repo.workdir + "' && git blame --line-porcelain " + f.repo.path + " >/dev/null";
    for (auto _ : state) run_or_fail(state, command);
    state.counters["words"] = static_cast<double>(f.words);
    state.counters["proposals"] = static_cast<double>(f.repo.commits.size());
}
BENCHMARK(BM_GitBlameProcess)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AccordBlameProcess(benchmark::State& state) {
    Fixture& f = fixture();
    const std::string command = "cd '" + f.repo.workdir +
                                "' && '" ACCORD_BINARY "' blame --format json " + f.repo.path +
                                " >/dev/null";
    for (auto _ : state) run_or_fail(state, command);
}
BENCHMARK(BM_AccordBlameProcess)->Unit(benchmark::kMillisecond)->UseRealTime();

// The engine alone, in process: reading the history and attributing.
void BM_AccordBlameInProcess(benchmark::State& state) {
    Fixture& f = fixture();
    for (auto _ : state) {
        const accord::Workspace ws = accord::Workspace::open(f.repo.workdir);
        benchmark::DoNotOptimize(accord::blame_file(ws, f.repo.path, ws.repo().resolve("HEAD")));
    }
}
BENCHMARK(BM_AccordBlameInProcess)->Unit(benchmark::kMillisecond)->UseRealTime();

std::string paris(const std::string& name) {
    std::ifstream in(std::string(ACCORD_SOURCE_DIR) + "/../shared/corpus/paris-2015/" + name,
                     std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// Parsing both texts included; target under 100 ms.
void BM_DiffParis4To9December(benchmark::State& state) {
    const std::string a = paris("agreement-4-dec-2015.md"), b = paris("agreement-9-dec-2015.md");
    for (auto _ : state) {
        const accord::Document before = accord::parse(a), after = accord::parse(b);
        benchmark::DoNotOptimize(accord::structural_diff(before, after));
    }
}
BENCHMARK(BM_DiffParis4To9December)->Unit(benchmark::kMillisecond);

}  // namespace
