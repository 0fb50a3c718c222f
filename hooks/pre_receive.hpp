#pragma once
// The server's guard: what a negotiation's shared repository accepts from a
// push (`accord hook pre-receive`, run by git's pre-receive hook that
// `accord init --bare` installs). git runs the hook once per push, with every
// reference update, before it changes any reference; refusing refuses the
// whole push, so nothing is ever accepted in part.
//
// Accepted: updates of the main branch (the branch the server's HEAD names)
// and of redraft branches (redraft/NAME); every other reference is refused.
// Refused, each with what to do:
//  - deleting the main branch, or moving it to a commit that does not
//    descend from where it is (a rewrite: a force-push); the same for a
//    redraft branch, which may only be deleted once the main branch has all
//    of it;
//  - a commit new to the server that fails verification (hooks/verify.hpp)
//    under the policy of the registry before it: a bad signature, a key of
//    another delegation, a change of accord.yaml not signed by the
//    secretariat, an unsigned commit under `signatures: required`, ...;
//  - a commit that adds an error to a negotiation text (an unclosed bracket,
//    a stray strike; the checks of hooks/checks.hpp against each parent),
//    beyond the notation errors its `Notation-errors: N` trailer declares
//    (propose --allow-errors), or a text that is not UTF-8;
//  - a proposal dated after today anywhere on Earth (the day in UTC+14);
//  - on a redraft branch, a proposal by a delegation that is not one of the
//    redraft's members (unless the secretariat signed it);
//  - a second history: a commit with no parent once the server has a branch.
// Only the pushed objects and the server's own state are read: the hook and
// the binary it runs belong to the server, never to the pushed content.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/repository.hpp"

namespace accord::hooks {

// One line of what git gives the hook on standard input.
struct RefUpdate {
    std::string old_id;  // 40 zeros when the reference is created
    std::string new_id;  // 40 zeros when it is deleted
    std::string ref;     // "refs/heads/main"
};

// "OLD NEW REF" lines. A malformed line: usage error naming it.
std::vector<RefUpdate> parse_ref_updates(std::string_view input);

struct ReceiveOptions {
    std::int64_t now = 0;  // seconds since the epoch; 0: the clock's
};

struct Refusal {
    std::string ref;      // "main", "redraft/informal-a", or the full name of another
    std::string commit;   // the commit at fault, "" when about the reference
    std::string subject;  // its first line
    std::string message;  // what is wrong
    std::string help;     // what to do
};

struct ReceiveDecision {
    std::vector<Refusal> refusals;
    std::size_t commits_checked = 0;
    std::vector<std::string> notes;  // accepted, but worth saying to the pusher
    bool accepted() const { return refusals.empty(); }
};

// The decision for a push of `updates` into `repo` (opened with
// Repository::open_receiving, so that the pushed objects are readable).
ReceiveDecision check_push(const Repository& repo, const std::vector<RefUpdate>& updates,
                           const ReceiveOptions& options = {});

// What the pusher sees (git prefixes each line with "remote: ").
std::string render(const ReceiveDecision& decision);

// The pre-receive script calling `accord_path` (falling back to `accord` on
// PATH; no accord at all refuses every push).
std::string pre_receive_script(std::string_view accord_path);

struct ServerSetup {
    std::string hook_path;                // the pre-receive hook written
    std::vector<std::string> config_set;  // git config keys set in the repository
};

// Writes the pre-receive hook into the bare repository's own hooks
// directory and points core.hooksPath there (so that a global hooks path
// cannot switch it off); makes git check every received object
// (receive.fsckObjects).
ServerSetup install_server_hook(Repository& bare, const std::string& accord_path);

}  // namespace accord::hooks
