#pragma once
// The failures a command can end with, each carrying its exit code
// (the exit codes every command documents): 2 bad usage or input, 3
// repository or I/O failure.
// Lower layers throw or return these; cmd/main.cpp alone turns them into a
// message and an exit code.
#include <stdexcept>
#include <string>

namespace accord {

enum ExitCode : int {
    kExitOk = 0,
    kExitFound = 1,    // the command worked and found something (errors, disagreements)
    kExitUsage = 2,    // bad usage or bad input
    kExitFailure = 3,  // repository or I/O failure
};

class Error : public std::runtime_error {
  public:
    Error(int exit_code, const std::string& message)
        : std::runtime_error(message), exit_code_(exit_code) {}
    int exit_code() const { return exit_code_; }

  private:
    int exit_code_;
};

inline Error usage_error(const std::string& message) {
    return Error(kExitUsage, message);
}
inline Error failure(const std::string& message) {
    return Error(kExitFailure, message);
}

}  // namespace accord
