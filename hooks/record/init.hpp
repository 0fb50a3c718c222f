#pragma once
// `accord init`: a directory made ready for a negotiation. Creates what is
// missing and leaves alone what exists, so that it is safe to run again, and
// in a fresh clone of an existing negotiation (where it only installs the
// git hooks, which a clone does not carry):
//  - the directory, and a git repository there (branch main) unless the
//    directory already is the top of one;
//  - accord.yaml (the negotiation's name, no delegations or meetings yet,
//    the default notation) unless one exists;
//  - the git hooks of hooks/installer.hpp.
// Nothing is committed: the first proposal (or `accord import`) starts the
// history.
#include <optional>
#include <string>
#include <vector>

#include "hooks/installer.hpp"

namespace accord {

struct InitRequest {
    std::string dir = ".";
    std::optional<std::string> negotiation;  // default: the directory's name
    std::string accord_path;                 // the binary the git hooks call
};

struct InitResult {
    std::string workdir;  // absolute, ends with '/'
    bool created_repository = false;
    bool wrote_config = false;
    std::string negotiation;  // as accord.yaml names it ("" if it could not be read)
    hooks::InstallReport hooks;
    std::vector<std::string> warnings;
};

// Usage error (exit 2) if `dir` lies inside another repository's work tree
// without being its top: a negotiation repository nested in another one is
// almost always a mistake (run it at the top instead).
InitResult init_negotiation(const InitRequest& request);

}  // namespace accord
