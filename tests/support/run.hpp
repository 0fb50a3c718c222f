#pragma once
// Runs the real binary (or any program) and captures what it prints.
#include <string>
#include <vector>

namespace accord::test {

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

struct RunOptions {
    std::string cwd;                       // empty: the current directory
    std::vector<std::string> environment;  // extra "NAME=value" entries
    std::string input;                     // standard input
};

RunResult run(const std::vector<std::string>& argv, const RunOptions& options = {});

// Running in `dir` as a secretariat clerk on a machine where git has no
// identity configured: the committer is given as "Secretariat"
// <secretariat@un.org> through the environment, as git reads it.
RunOptions in(const std::string& dir);
// Runs the accord binary with these arguments.
RunResult accord(const std::vector<std::string>& args, const RunOptions& options = {});

}  // namespace accord::test
