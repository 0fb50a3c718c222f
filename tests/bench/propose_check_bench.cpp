// The proposal checks on hostile texts, and how they scale: run on demand with
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BENCH=ON
//   cmake --build build-bench --target accord_propose_bench
//   build-bench/tests/bench/accord_propose_bench
// A text of N unclosed '[' against the same text with one more: the time per
// diagnostic should stay flat from 10 000 to 1 000 000 (it grew with the
// square of N when errors were compared by the text of their lines).
#include <benchmark/benchmark.h>

#include <string>

#include "hooks/checks.hpp"

namespace {

void BM_CheckUnclosedBrackets(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const std::string before = "Intro.\n\n" + std::string(n, '[') + "\n";
    const std::string after = "Intro, edited.\n\n" + std::string(n + 1, '[') + "\n";
    const accord::ParseOptions options = accord::hooks::check_parse_options({});
    for (auto _ : state) {
        const accord::hooks::TextCheck check = accord::hooks::check_text(
            "a.md", before, after, options, accord::hooks::kMaxProblemsShown);
        if (check.new_errors != 1) state.SkipWithError("expected one new error");
        benchmark::DoNotOptimize(check);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_CheckUnclosedBrackets)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(200000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
