#pragma once
// The repository's own proposal check: an executable `.accord/hooks/pre-propose`
// in the work tree, run after accord's checks pass and before anything is
// written, so that a negotiation can add rules of its own (a sponsor per
// group, a document symbol in the message...). It runs from the work tree's
// top with the proposed paths as arguments and in its environment:
//   ACCORD_PROPOSERS  the proposers' canonical names, one per line (UN names
//                     contain commas: "Venezuela, Bolivarian Republic of")
//   ACCORD_DATE       the proposal's day, YYYY-MM-DD
//   ACCORD_MEETING    the meeting's name, or empty
// A non-zero exit refuses the proposal; what it printed (standard output and
// error, interleaved) is shown to the user either way.
#include <optional>
#include <string>
#include <vector>

#include "hooks/checks.hpp"

namespace accord::hooks {

inline constexpr const char* kPreProposeHook = ".accord/hooks/pre-propose";

struct PreProposeInput {
    std::vector<std::string> paths;  // relative to the work tree
    std::vector<std::string> proposers;
    std::string date;
    std::string meeting;
};

struct PreProposeOutcome {
    std::optional<Problem> refusal;     // "pre-propose-refused", with the hook's output quoted
    std::vector<std::string> warnings;  // its output when it passed; a hook not executable
};

// No hook (or not a regular file): nothing to do. `workdir` ends with '/'.
PreProposeOutcome run_pre_propose(const std::string& workdir, const PreProposeInput& input);

}  // namespace accord::hooks
