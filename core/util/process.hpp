#pragma once
// Running another program and collecting what it prints: the repository's
// own hooks (.accord/hooks/pre-propose) and, inside git hooks, git itself.
// No shell is involved, so arguments need no quoting.
#include <string>
#include <utility>
#include <vector>

namespace accord {

struct ProcessOptions {
    std::string cwd;  // empty: the current directory
    // Set (or replaced) in the child's environment, on top of ours.
    std::vector<std::pair<std::string, std::string>> environment;
    // Standard error joined to standard output in the order printed (for
    // showing a hook's output as the user would see it in a terminal).
    bool merge_output = false;
};

struct ProcessResult {
    bool started = false;  // false: the program could not be run; `error` says why
    int exit_code = -1;    // its exit status, or 128 + signal
    std::string out;
    std::string err;
    std::string error;
    bool ok() const { return started && exit_code == 0; }
};

// Runs argv[0] (searched on PATH when it has no '/') with standard input
// from /dev/null, and waits for it.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace accord
