#include "support/run.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "support/paths.hpp"

namespace accord::test {

RunOptions in(const std::string& dir) {
    RunOptions options;
    options.cwd = dir;
    options.environment = {"GIT_COMMITTER_NAME=Secretariat",
                           "GIT_COMMITTER_EMAIL=secretariat@un.org"};
    return options;
}

RunResult run(const std::vector<std::string>& argv, const RunOptions& options) {
    TempDir scratch;
    const std::string out_path = scratch.file("out"), err_path = scratch.file("err");
    const std::string in_path = scratch.write("in", options.input);
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(126);
        const int in = open(in_path.c_str(), O_RDONLY);
        const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(in, 0), dup2(out, 1), dup2(err, 2);
        for (const std::string& entry : options.environment)
            putenv(const_cast<char*>(entry.c_str()));
        std::vector<char*> args;
        for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_all(out_path);
    result.err = read_all(err_path);
    return result;
}

RunResult accord(const std::vector<std::string>& args, const RunOptions& options) {
    std::vector<std::string> argv{accord_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, options);
}

}  // namespace accord::test
