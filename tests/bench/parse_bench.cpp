// Parser speed on the Paris texts, and how it scales: run on demand with
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BENCH=ON
//   cmake --build build-bench --target accord_bench && build-bench/tests/bench/accord_bench
// Targets: 100 MB/s or more; ten times the input within eleven times the time.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "core/notation/parse.hpp"
#include "core/notation/tokens.hpp"

namespace {

std::string read_corpus(const std::string& name) {
    std::ifstream in(std::string(ACCORD_SOURCE_DIR) + "/../shared/corpus/paris-2015/" + name,
                     std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (buffer.str().empty()) throw std::runtime_error("corpus file missing: " + name);
    return buffer.str();
}

const char* const kParisTexts[] = {"agreement-23-oct-2015.md", "agreement-4-dec-2015.md",
                                   "agreement-9-dec-2015.md",  "agreement-12-dec-2015.md",
                                   "agreement-final.md",       "decision-6-nov-2015.md"};

void BM_ParseParis(benchmark::State& state) {
    const std::string text = read_corpus(kParisTexts[state.range(0)]);
    for (auto _ : state) benchmark::DoNotOptimize(accord::parse(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.SetLabel(kParisTexts[state.range(0)]);
}
BENCHMARK(BM_ParseParis)->DenseRange(0, 5)->Unit(benchmark::kMicrosecond);

// The 4 December text repeated N times: time per byte should stay flat.
void BM_ParseScaling(benchmark::State& state) {
    const std::string one = read_corpus("agreement-4-dec-2015.md");
    std::string text;
    for (int k = 0; k < state.range(0); ++k) text += one;
    for (auto _ : state) benchmark::DoNotOptimize(accord::parse(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseScaling)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
    const accord::Document doc = accord::parse(read_corpus("agreement-4-dec-2015.md"));
    for (auto _ : state) benchmark::DoNotOptimize(accord::tokenize(doc));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc.source.size()));
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMicrosecond);

}  // namespace
