// Reading Word: party-inputs.docx (UNFCCC Article 6.2, COP29: 91 tracked
// changes, 95 comments) read and written as notation, in this process, and
// pandoc's conversion of the same file side by side:
//   BM_ReadDocx             the package read into the model
//   BM_ToNotation           the model written as notation, changes bracketed
//   BM_PlanWordImport       base text, each of the 91 changes replayed as an
//                           edit, every comment split and read
//   BM_PandocProcess        `pandoc --track-changes=all -f docx -t markdown`,
//                           a fresh process each time (skipped without pandoc)
//   BM_ImportProcess        `accord import party-inputs.docx --as decision.md
//                           --add-delegations` into a new repository: every
//                           commit written (repository made outside the timing)
//   BM_CompileDocxWgec      `accord compile --format docx` of the WGEC import
//   BM_PandocWgecDocx       pandoc's conversion of that compiled document
//   build-bench/tests/bench/accord_docx_bench
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/import/docx/docx_reader.hpp"
#include "core/import/docx/word_import.hpp"
#include "support/paths.hpp"

extern char** environ;

namespace {

std::string party_inputs() {
    return accord::test::corpus_file("unfccc-art6.2-2024/party-inputs.docx");
}

const accord::docx::Package& package() {
    static const accord::docx::Package read = [] {
        accord::docx::ReadResult result = accord::docx::read_docx_file(party_inputs());
        if (!result.ok()) throw std::runtime_error(result.error.message);
        return std::move(*result.package);
    }();
    return read;
}

void BM_ReadDocx(benchmark::State& state) {
    const std::string path = party_inputs();
    for (auto _ : state) {
        accord::docx::ReadResult result = accord::docx::read_docx_file(path);
        if (!result.ok()) state.SkipWithError(result.error.message.c_str());
        benchmark::DoNotOptimize(result.package->body.paragraphs.data());
    }
}
BENCHMARK(BM_ReadDocx)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ToNotation(benchmark::State& state) {
    accord::docx::ConvertOptions options;
    options.changes = accord::docx::TrackedChanges::bracket;
    for (auto _ : state) {
        const accord::docx::Converted converted = accord::docx::to_notation(package(), options);
        benchmark::DoNotOptimize(converted.text.data());
    }
}
BENCHMARK(BM_ToNotation)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PlanWordImport(benchmark::State& state) {
    for (auto _ : state) {
        const accord::docx::WordImport plan = accord::docx::plan_word_import(package());
        benchmark::DoNotOptimize(plan.text.data());
    }
}
BENCHMARK(BM_PlanWordImport)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PandocProcess(benchmark::State& state) {
    const std::string path = party_inputs();
    std::vector<std::string> argv = {
        "pandoc", "--track-changes=all", "-f", "docx", "-t", "markdown", path};
    std::vector<char*> args;
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    for (auto _ : state) {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        int status = 0;
        if (rc != 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0) {
            state.SkipWithError("pandoc could not be run (apt-get install pandoc)");
            break;
        }
    }
}
BENCHMARK(BM_PandocProcess)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

// Runs a program to its end with its output discarded; false when it fails.
bool run_quiet(std::vector<std::string> argv, const std::string& cwd = "") {
    std::vector<char*> args;
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    return rc == 0 && waitpid(pid, &status, 0) >= 0 && WIFEXITED(status) &&
           WEXITSTATUS(status) == 0;
}

void BM_ImportProcess(benchmark::State& state) {
    accord::test::TempDir tmp;
    int n = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const std::string repo = tmp.file("r" + std::to_string(n++));
        if (!run_quiet({ACCORD_BINARY, "init", repo})) state.SkipWithError("accord init failed");
        state.ResumeTiming();
        if (!run_quiet({ACCORD_BINARY, "import", party_inputs(), "--as", "decision.md",
                        "--add-delegations"},
                       repo))
            state.SkipWithError("accord import failed");
    }
}
BENCHMARK(BM_ImportProcess)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

// The WGEC compilation imported once, for the export benchmarks.
const std::string& wgec_repo() {
    static accord::test::TempDir tmp;
    static const std::string repo = [] {
        const std::string dir = tmp.file("wgec");
        run_quiet({ACCORD_BINARY, "import",
                   accord::test::corpus_file("wgec-2013-14/draft-recommendations.txt"), "--into",
                   dir});
        return dir;
    }();
    return repo;
}

void BM_CompileDocxWgec(benchmark::State& state) {
    const std::string& repo = wgec_repo();
    for (auto _ : state) {
        if (!run_quiet(
                {ACCORD_BINARY, "compile", "--format", "docx", "-o", "/tmp/accord-bench-wgec.docx"},
                repo))
            state.SkipWithError("accord compile failed");
    }
}
BENCHMARK(BM_CompileDocxWgec)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

void BM_PandocWgecDocx(benchmark::State& state) {
    const std::string& repo = wgec_repo();
    run_quiet({ACCORD_BINARY, "compile", "--format", "docx", "-o", "/tmp/accord-bench-wgec.docx"},
              repo);
    for (auto _ : state) {
        if (!run_quiet({"pandoc", "-f", "docx", "-t", "markdown", "/tmp/accord-bench-wgec.docx"}))
            state.SkipWithError("pandoc could not be run (apt-get install pandoc)");
    }
}
BENCHMARK(BM_PandocWgecDocx)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

}  // namespace
