#pragma once
// Proposal checks of the negotiation's or the user's own: pre-propose hooks,
// run after accord's checks pass and before anything is written, so that a
// negotiation can add rules of its own (a sponsor per group, a document
// symbol in the message...). Each runs from the work tree's top with the
// proposed paths as arguments and in its environment:
//   ACCORD_PROPOSERS  the proposers' canonical names, one per line (UN names
//                     contain commas: "Venezuela, Bolivarian Republic of")
//   ACCORD_DATE       the proposal's day, YYYY-MM-DD
//   ACCORD_MEETING    the meeting's name, or empty
// A non-zero exit refuses the proposal; what it printed (standard output and
// error, interleaved) is shown to the user either way.
//
// Only hooks this clone's user chose ever run, as git never runs hooks that
// come with a clone: a repository is someone else's content. In the order
// they run:
//   1. the program named by `accord.prePropose` in the git configuration
//      (a path; relative paths start at the work tree's top);
//   2. `pre-propose` in git's hooks directory (.git/hooks, or core.hooksPath);
//   3. `.accord/hooks/pre-propose` from the work tree (a negotiation's shared
//      rules, committed with its texts) only after `accord hooks trust`, which
//      records the git blob id of its content in .git/config. A hook whose
//      content changed since is untrusted again and skipped with a warning,
//      as is one never trusted. A symbolic link never runs, nor a hook with
//      a link beside it in .accord/hooks (what the link reaches is not
//      covered by the trust).
#include <optional>
#include <string>
#include <vector>

#include "core/store/repository.hpp"
#include "hooks/checks.hpp"

namespace accord::hooks {

inline constexpr const char* kPreProposeHook = ".accord/hooks/pre-propose";
inline constexpr const char* kPreProposeProgramKey = "accord.prePropose";
inline constexpr const char* kTrustedPreProposeKey = "accord.trustedPrePropose";

// The committed hook as it stands in the work tree, and whether this clone's
// user trusts that content.
struct CommittedHook {
    bool present = false;  // a file (or link) stands at .accord/hooks/pre-propose
    bool link = false;     // it is a symbolic link, or lies below one: never run
    // Its content's git blob id (`git hash-object`); with other files in
    // .accord/hooks (scripts it may run), the id of a listing of them all.
    std::string id;
    std::optional<std::string> trusted_id;  // what `accord hooks trust` recorded
    // A symbolic link in .accord/hooks beside the hook (its path from the
    // work tree's top), the first in name order; "" when none. Trust covers
    // the folder's content, and a link's target is not in it (a script
    // elsewhere that a pull may change): such a hook is never trusted, never run.
    std::string link_beside;
    bool trusted() const {
        return present && !link && link_beside.empty() && trusted_id && *trusted_id == id;
    }
};
CommittedHook committed_hook(const Repository& repo);

// Records the committed hook's current content as trusted; returns its id.
// Usage error when there is no hook, or it is a link.
std::string trust_committed_hook(Repository& repo);
// Forgets the trust; false when there was none.
bool untrust_committed_hook(Repository& repo);

struct ChosenHook {
    std::string program;  // absolute path
    std::string origin;   // where it was chosen, for messages
};

struct HookPlan {
    std::vector<ChosenHook> hooks;      // in the order they run
    std::vector<std::string> warnings;  // hooks skipped, and what to do
};
HookPlan pre_propose_hooks(const Repository& repo);

struct PreProposeInput {
    std::vector<std::string> paths;  // relative to the work tree
    std::vector<std::string> proposers;
    std::string date;
    std::string meeting;
};

struct PreProposeOutcome {
    std::optional<Problem> refusal;     // "pre-propose-refused", with the hook's output quoted
    std::vector<std::string> warnings;  // output of hooks that passed; hooks skipped
};

// Runs the chosen hooks in order; the first refusal stops.
PreProposeOutcome run_pre_propose(const Repository& repo, const PreProposeInput& input);

}  // namespace accord::hooks
