// Blame speed against line-level `git blame --line-porcelain` of the same
// file over the same history, side by side in one run: each iteration runs
// git blame, then accord blame (`--format json`), each as a user runs it (a
// fresh process), and reports accord's time with the ratio to git's, page
// faults and peak memory of both. accord runs four times: as the first run
// in a clone (ratio_first: nothing under .git/accord), attributing every
// version with the commits known (ratio, the time reported: the blame
// results, walks and checkpoints removed), again (ratio_again: the result
// remembered), and after a new proposal (ratio_next: the text blamed at the
// commit before HEAD first, untimed, so that the timed blame of HEAD goes on
// from that blame's checkpoint). Histories,
// written to real git repositories once per run:
//   benchmark  one recommendation of about 1,300 words, 2,000 proposals
//   bracketed  one of about 1,800 words and 470 brackets after 2,000
//              proposals, many options, the Chair lifting few
//   texts      four recommendations over 2,000 proposals with wording moved
//              between them and tabled again; accord blame --across-texts
// each as recorded (one loose object per blob, tree and commit) and packed
// by `git gc` (*_packed), as a repository with thousands of objects is once
// git has run in it: git blame reads a pack far faster than loose objects.
// Peak memory (the *_MB counters) is measured by /usr/bin/time when it is
// installed.
// The *Busy variants keep a second thread spinning meanwhile (the second
// core taken). Also: the engine alone in process, diffing the 4 and 9
// December 2015 Paris texts, and blame's accuracy per behaviour of the
// generated histories (the accuracy tests' figures, as counters: words,
// restored_by, moved or tabled again, moved only, repeated and marks right,
// in per cent), with the shortest restored run at the length blame uses and
// one word less.
//   build-bench/tests/bench/accord_blame_bench
// With ACCORD_BLAME_BENCH_KEEP set, the history repositories are left in
// $TMPDIR/accord-blame-bench-* at exit (to profile `accord blame` in them).
// ACCORD_BENCH_BINARY names another accord binary to measure (an earlier
// build, for a before/after figure).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "blame_bench_data.hpp"
#include "core/notation/parse.hpp"
#include "core/store/workspace.hpp"
#include "merge/blame/blame_history.hpp"
#include "merge/diff/structural_diff.hpp"
#include "merge/diff/token_diff.hpp"
#include "support/blame_accuracy.hpp"

extern char** environ;

namespace {

struct Fixture {
    std::string dir;
    accord::bench::BenchRepository repo;
    std::size_t words = 0, brackets = 0;
    bool across_texts = false;

    // `name`: benchmark, bracketed or texts, each with "-packed" after it
    // for the same history packed by `git gc` (as git packs a repository
    // once it holds thousands of loose objects) instead of one loose object
    // per blob, tree and commit as recorded.
    explicit Fixture(const std::string& full_name) {
        const std::string packed_suffix = "-packed";
        const bool packed = full_name.ends_with(packed_suffix);
        const std::string name =
            packed ? full_name.substr(0, full_name.size() - packed_suffix.size()) : full_name;
        dir =
            (std::filesystem::temp_directory_path() / ("accord-blame-bench-" + full_name)).string();
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        std::string last;
        if (name == "texts") {
            const accord::test::GeneratedHistory history =
                accord::test::generate_history(accord::bench::texts_bench_options(1));
            repo = accord::bench::write_texts_repository(history, dir);
            last = history.texts.front().versions.back().text;
            across_texts = true;
        } else {
            const accord::test::GeneratedHistory history = accord::test::generate_history(
                name == "bracketed" ? accord::bench::bracketed_bench_options(1)
                                    : accord::bench::blame_bench_options(1));
            repo = accord::bench::write_history_repository(history, dir);
            last = history.versions.back().text;
        }
        std::istringstream in(last);
        for (std::string w; in >> w;) ++words;
        brackets = accord::parse(last).brackets.size();
        if (packed) pack(repo.workdir);
    }
    static void pack(const std::string& workdir);
    ~Fixture() {
        if (!std::getenv("ACCORD_BLAME_BENCH_KEEP")) std::filesystem::remove_all(dir);
    }
};

Fixture& fixture(const std::string& name) {
    static std::map<std::string, std::unique_ptr<Fixture>> all;
    auto& f = all[name];
    if (!f) f = std::make_unique<Fixture>(name);
    return *f;
}

// What one run of a program cost, as wait4 reports it.
struct Run {
    double wall_ms = 0, cpu_ms = 0;
    long minor_faults = 0, max_rss_kb = 0;
    bool ok = false;
};

// GNU time, when installed: the peak memory a child reports through wait4
// includes what this process held when it spawned the child (exec records
// the old address space's high-water mark), so the peak is taken from
// /usr/bin/time, whose own child starts small.
constexpr const char* kTime = "/usr/bin/time";

// Runs argv in `cwd` with its output thrown away; no shell, so the figures
// are the program's own (under /usr/bin/time, which costs a fork and an
// exec, for the peak memory).
Run run_measured(const std::vector<std::string>& program, const std::string& cwd) {
    const bool timed = access(kTime, X_OK) == 0;
    const std::string peak_file =
        (std::filesystem::temp_directory_path() / "accord-blame-bench-peak").string();
    std::vector<std::string> argv;
    if (timed) argv = {kTime, "-f", "%M", "-o", peak_file};
    argv.insert(argv.end(), program.begin(), program.end());
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    Run out;
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return out;
    }
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    out.wall_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const auto ms = [](const timeval& t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
    out.cpu_ms = ms(usage.ru_utime) + ms(usage.ru_stime);
    out.minor_faults = usage.ru_minflt;
    out.max_rss_kb = usage.ru_maxrss;
    out.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (timed) {
        std::ifstream peak(peak_file);
        long kb = 0;
        if (peak >> kb) out.max_rss_kb = kb;
    }
    return out;
}

void Fixture::pack(const std::string& workdir) {
    if (!run_measured({"git", "gc", "-q"}, workdir).ok) throw std::runtime_error("git gc failed");
}

// A thread spinning for as long as it lives: the second core taken.
class Spinner {
  public:
    Spinner()
        : thread_([this] {
              volatile std::uint64_t sink = 0;
              while (!stop_.load(std::memory_order_relaxed)) sink = sink + 1;
          }) {}
    ~Spinner() {
        stop_ = true;
        thread_.join();
    }

  private:
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

void blame_against_git(benchmark::State& state, const std::string& name, bool busy) {
    Fixture& f = fixture(name);
    std::unique_ptr<Spinner> spinner;
    if (busy) spinner = std::make_unique<Spinner>();
    const std::vector<std::string> git = {"git", "blame", "--line-porcelain", f.repo.path};
    const char* binary = std::getenv("ACCORD_BENCH_BINARY");
    std::vector<std::string> accord = {binary != nullptr ? binary : ACCORD_BINARY, "blame",
                                       "--format", "json", f.repo.path};
    if (f.across_texts) accord.push_back("--across-texts");
    // accord four ways: as the first run in a clone (nothing under
    // .git/accord), with the commits known and nothing of blame (the blame
    // results, walks and checkpoints removed), again (everything
    // remembered), and after a new proposal (blamed at HEAD~1 first).
    const std::filesystem::path cache = std::filesystem::path(f.repo.workdir) / ".git" / "accord";
    const auto forget_blame = [&] {
        std::error_code ignored;
        for (const auto& table : std::filesystem::directory_iterator(cache / "cache", ignored)) {
            if (table.path().filename().string().starts_with("blame-"))
                std::filesystem::remove_all(table.path(), ignored);
        }
    };
    std::vector<std::string> accord_before = accord;
    accord_before.insert(accord_before.begin() + 2, {"--at", "HEAD~1"});
    Run git_total, accord_total, first_total, again_total, next_total;
    double ratio_sum = 0, first_ratio_sum = 0, again_ratio_sum = 0, next_ratio_sum = 0;
    for (auto _ : state) {
        const Run g = run_measured(git, f.repo.workdir);
        std::filesystem::remove_all(cache);
        const Run first = run_measured(accord, f.repo.workdir);
        forget_blame();
        const Run a = run_measured(accord, f.repo.workdir);
        const Run again = run_measured(accord, f.repo.workdir);
        std::filesystem::remove_all(cache);
        const Run before = run_measured(accord_before, f.repo.workdir);
        const Run next = run_measured(accord, f.repo.workdir);
        if (!g.ok || !a.ok || !first.ok || !again.ok || !before.ok || !next.ok) {
            state.SkipWithError("git blame or accord blame failed");
            break;
        }
        state.SetIterationTime(a.wall_ms / 1000.0);
        ratio_sum += a.wall_ms / g.wall_ms;
        first_ratio_sum += first.wall_ms / g.wall_ms;
        again_ratio_sum += again.wall_ms / g.wall_ms;
        next_ratio_sum += next.wall_ms / g.wall_ms;
        next_total.wall_ms += next.wall_ms;
        next_total.max_rss_kb = std::max(next_total.max_rss_kb, next.max_rss_kb);
        first_total.wall_ms += first.wall_ms, again_total.wall_ms += again.wall_ms;
        first_total.max_rss_kb = std::max(first_total.max_rss_kb, first.max_rss_kb);
        again_total.max_rss_kb = std::max(again_total.max_rss_kb, again.max_rss_kb);
        git_total.wall_ms += g.wall_ms, accord_total.wall_ms += a.wall_ms;
        git_total.cpu_ms += g.cpu_ms, accord_total.cpu_ms += a.cpu_ms;
        git_total.minor_faults += g.minor_faults, accord_total.minor_faults += a.minor_faults;
        git_total.max_rss_kb = std::max(git_total.max_rss_kb, g.max_rss_kb);
        accord_total.max_rss_kb = std::max(accord_total.max_rss_kb, a.max_rss_kb);
    }
    const double n =
        static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
    // accord's wall time over git's, per iteration: attributing (the time
    // reported), as the first run in a clone, again, and after a new proposal.
    state.counters["ratio"] = ratio_sum / n;
    state.counters["ratio_first"] = first_ratio_sum / n;
    state.counters["ratio_again"] = again_ratio_sum / n;
    state.counters["first_ms"] = first_total.wall_ms / n;
    state.counters["again_ms"] = again_total.wall_ms / n;
    state.counters["ratio_next"] = next_ratio_sum / n;
    state.counters["next_ms"] = next_total.wall_ms / n;
    state.counters["next_MB"] = static_cast<double>(next_total.max_rss_kb) / 1024.0;
    state.counters["first_MB"] = static_cast<double>(first_total.max_rss_kb) / 1024.0;
    state.counters["again_MB"] = static_cast<double>(again_total.max_rss_kb) / 1024.0;
    state.counters["git_ms"] = git_total.wall_ms / n;
    state.counters["accord_cpu_ms"] = accord_total.cpu_ms / n;
    state.counters["git_cpu_ms"] = git_total.cpu_ms / n;
    state.counters["accord_faults"] = static_cast<double>(accord_total.minor_faults) / n;
    state.counters["git_faults"] = static_cast<double>(git_total.minor_faults) / n;
    state.counters["accord_MB"] = static_cast<double>(accord_total.max_rss_kb) / 1024.0;
    state.counters["git_MB"] = static_cast<double>(git_total.max_rss_kb) / 1024.0;
    state.counters["words"] = static_cast<double>(f.words);
    state.counters["brackets"] = static_cast<double>(f.brackets);
}

void BM_BlameVsGit(benchmark::State& state, const char* name) {
    blame_against_git(state, name, false);
}
void BM_BlameVsGitBusy(benchmark::State& state, const char* name) {
    blame_against_git(state, name, true);
}
BENCHMARK_CAPTURE(BM_BlameVsGit, benchmark, "benchmark")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_BlameVsGit, bracketed, "bracketed")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_BlameVsGit, texts, "texts")->Unit(benchmark::kMillisecond)->UseManualTime();
BENCHMARK_CAPTURE(BM_BlameVsGit, benchmark_packed, "benchmark-packed")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_BlameVsGit, bracketed_packed, "bracketed-packed")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_BlameVsGit, texts_packed, "texts-packed")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_BlameVsGitBusy, benchmark, "benchmark")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_BlameVsGitBusy, bracketed, "bracketed")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_BlameVsGitBusy, texts, "texts")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();

// The engine alone, in process: reading the history and attributing.
void BM_AccordBlameInProcess(benchmark::State& state, const char* name) {
    Fixture& f = fixture(name);
    for (auto _ : state) {
        const accord::Workspace ws = accord::Workspace::open(f.repo.workdir);
        benchmark::DoNotOptimize(accord::blame_file(ws, f.repo.path, ws.repo().resolve("HEAD")));
    }
}
BENCHMARK_CAPTURE(BM_AccordBlameInProcess, benchmark, "benchmark")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_AccordBlameInProcess, bracketed, "bracketed")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

std::string paris_text(const std::string& name) {
    std::ifstream in(std::string(ACCORD_SOURCE_DIR) + "/../shared/corpus/paris-2015/" + name,
                     std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// Parsing both texts included; target under 100 ms.
void BM_DiffParis4To9December(benchmark::State& state) {
    const std::string a = paris_text("agreement-4-dec-2015.md"),
                      b = paris_text("agreement-9-dec-2015.md");
    for (auto _ : state) {
        const accord::Document before = accord::parse(a), after = accord::parse(b);
        benchmark::DoNotOptimize(accord::structural_diff(before, after));
    }
}
BENCHMARK(BM_DiffParis4To9December)->Unit(benchmark::kMillisecond);

// Describing one proposal, as `log` does: both versions parsed and
// interned beforehand, then the structural diff, which compares only the
// stretch around the change (diff_window) or, as before it, the whole
// texts. Texts: the 4 December Paris text (107 KB, 370 paragraphs) and
// generated texts of 12 paragraphs (3 KB, as in the scale benchmark's
// repository); each version a few proposals on from the one before.
void BM_DescribeProposal(benchmark::State& state, bool paris, bool whole) {
    std::vector<std::string> versions;
    accord::ParseOptions options;
    if (paris) {
        std::string text = paris_text("agreement-4-dec-2015.md");
        std::size_t at = 0;
        for (int k = 0; k < 40; ++k) {
            versions.push_back(text);
            at = text.find(" the ", (at + 2477) % text.size());
            if (at == std::string::npos) at = text.find(" the ");
            text.insert(at + 5, k % 2 ? "[enhanced] " : "~~further~~ ");
        }
    } else {
        accord::test::GeneratorOptions generated;
        generated.proposals = 41;
        generated.initial_paragraphs = 12;
        const accord::test::GeneratedHistory history = accord::test::generate_history(generated);
        for (const auto& version : history.versions) versions.push_back(version.text);
        options = history.parse_options;
    }
    std::vector<accord::Document> docs;
    std::vector<accord::InternedTokens> tokens;
    accord::TokenInterner interner;
    interner.skip_unit_ids();
    for (const std::string& v : versions) {
        docs.push_back(accord::parse(v, options));
        tokens.push_back(interner.intern(docs.back()));
    }
    std::size_t changes = 0;
    for (auto _ : state) {
        for (std::size_t k = 1; k < docs.size(); ++k) {
            const std::vector<accord::Change> found =
                whole ? accord::structural_diff_whole(docs[k - 1], docs[k])
                      : accord::structural_diff(docs[k - 1], docs[k], tokens[k - 1], tokens[k]);
            changes += found.size();
        }
    }
    benchmark::DoNotOptimize(changes);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * (docs.size() - 1)));
}
BENCHMARK_CAPTURE(BM_DescribeProposal, paris_stretch, true, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DescribeProposal, paris_whole, true, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DescribeProposal, short_stretch, false, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DescribeProposal, short_whole, false, true)->Unit(benchmark::kMicrosecond);

// Accuracy per behaviour: every history of the behaviour generated, blamed
// and compared with its truth (support/blame_accuracy.hpp); the time is
// generating and blaming them all.
void BM_BlameAccuracy(benchmark::State& state, const accord::test::Behaviour* behaviour,
                      bool across_texts, std::size_t run_words) {
    accord::BlameOptions options =
        across_texts ? accord::test::across_texts() : accord::BlameOptions{};
    if (run_words != 0) options.restored_run_words = run_words;
    accord::test::Tally tally;
    for (auto _ : state) tally = accord::test::measure_behaviour(*behaviour, options).total;
    const auto percent = [](const accord::test::Count& c) { return 100.0 * c.share(); };
    state.counters["words_pc"] = percent(tally.words);
    state.counters["words"] = static_cast<double>(tally.words.all);
    state.counters["restored_by_pc"] = percent(tally.restored_by);
    state.counters["restored"] = static_cast<double>(tally.restored_by.all);
    state.counters["marks_pc"] = percent(tally.marks);
    if (tally.travelled.all > 0) state.counters["travelled_pc"] = percent(tally.travelled);
    if (tally.moved.all > 0) state.counters["moved_only_pc"] = percent(tally.moved);
    if (tally.repeated.all > 0) state.counters["repeated_pc"] = percent(tally.repeated);
    if (tally.openers.all > 0) state.counters["openers_pc"] = percent(tally.openers);
    if (tally.openers_restored.all > 0)
        state.counters["openers_back_pc"] = percent(tally.openers_restored);
}
BENCHMARK_CAPTURE(BM_BlameAccuracy, ordinary, &accord::test::kOrdinary, false, 0)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_BlameAccuracy, long_2000_proposals, &accord::test::kLong, false, 0)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_BlameAccuracy, moves_across_texts, &accord::test::kMoves, true, 0)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_BlameAccuracy, moves_without_across_texts, &accord::test::kMoves, false, 0)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_BlameAccuracy, repeats, &accord::test::kRepeats, false, 0)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_BlameAccuracy, redrafts, &accord::test::kRedrafts, false, 0)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_BlameAccuracy, stock_phrases, &accord::test::kPhrases, false, 0)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_BlameAccuracy, paragraph_openers, &accord::test::kOpeners, false, 0)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_BlameAccuracy, long_2000_proposals_run_minus_1, &accord::test::kLong, false,
                  accord::kRestoredRunWords - 1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_BlameAccuracy, moves_across_texts_run_minus_1, &accord::test::kMoves, true,
                  accord::kRestoredRunWords - 1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
