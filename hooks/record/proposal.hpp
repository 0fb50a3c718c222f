#pragma once
// `accord propose`: recording the working-tree change of some files as one
// attributed proposal.
//
// What a recorded proposal looks like in git:
//  - author: the first proposer, by canonical name, with a slug address
//    (`russian-federation@delegations.accord`), at the proposal date. A date
//    given as YYYY-MM-DD (or a meeting's last day) is recorded as 12:00 UTC
//    of that day, so that the calendar day reads the same in every time zone;
//    without a date or meeting, the current time in the local offset;
//  - committer: the user's git identity (whoever typed it in);
//  - message: the -m text (default "Proposal by X on PATHS"), a blank line,
//    one `Proposed-by: NAME` trailer per proposer and `Meeting: NAME` when
//    a meeting is given;
//  - `Notation-errors: N` when --allow-errors records N notation errors that
//    the checks would have refused;
//  - --add-delegation NAME registers NAME in accord.yaml in the same commit,
//    as one line appended to its delegations list in the list's style; the
//    rest of the file (comments, layout) is kept byte for byte. A list
//    written in a shape that edit does not handle is refused with a message
//    to add the delegation by hand (core/store/config_append.hpp).
//
// Texts are recorded as UTF-8: a .md or .txt file (or accord.yaml) saved as
// UTF-16 with a byte-order mark, or with lines ended by a carriage return
// alone, is converted (UTF-8, line feeds), with a warning, and written
// back to the work tree as recorded; one that is not text (NUL bytes: a
// binary file, or UTF-16 without a byte-order mark; UTF-32) is refused with
// the reason, since the reports could not read it.
//
// Before anything is written, the proposal passes the checks of
// hooks/checks.hpp (all problems are collected and reported together) and
// then the repository's own `.accord/hooks/pre-propose` (hooks/pre_propose.hpp)
// when it exists and is executable. A refused
// or failed proposal leaves the work tree, the index and the refs exactly as
// they were: every check runs before the one step that writes, and that step
// records on top of the HEAD the checks saw or not at all, so a proposal
// landing concurrently makes this one fail with a message to retry.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/store/proposal_record.hpp"
#include "core/store/workspace.hpp"
#include "core/util/errors.hpp"
#include "core/util/ssh_keys.hpp"
#include "hooks/checks.hpp"

namespace accord {

struct ProposeRequest {
    std::vector<std::string> paths;      // absolute, or relative to the current directory
    std::vector<std::string> proposers;  // names or aliases; the first is the author
    std::optional<std::string> date;     // YYYY-MM-DD
    std::optional<std::string> meeting;  // a meeting of accord.yaml
    std::string message;                 // empty: "Proposal by X on PATHS"
    std::vector<std::string> add_delegations;
    bool backdate = false;  // allow a date earlier than a file's last proposal
    // Record notation errors the checks would refuse, on purpose (a document
    // as it was issued); the commit says how many (Notation-errors: N).
    bool allow_errors = false;
    CommitSigner signer;  // empty: unsigned (core/store/commit_signer.hpp makes one)
    // The public half of the key `signer` signs with, when known: a key the
    // registry gives another delegation (or none, under `signatures:
    // required`) is refused before anything is recorded, as verify and the
    // server would refuse the commit after.
    std::optional<SshPublicKey> signing_key;
};

struct ProposeResult {
    std::string commit;                  // full id
    std::string branch;                  // where it was recorded
    std::vector<std::string> paths;      // recorded, relative to the work tree
    std::vector<std::string> proposers;  // canonical names, author first
    std::string date;                    // the proposal's day, YYYY-MM-DD
    std::string meeting;                 // canonical name, or ""
    std::string subject;                 // the message's first line
    std::vector<std::string> added_delegations;
    std::size_t notation_errors = 0;  // recorded on purpose (allow_errors)
    // Files recorded (and rewritten) converted: UTF-16 as UTF-8, carriage-return line endings as
    // line feeds
    std::vector<std::string> converted;
    std::vector<std::string> warnings;  // recorded anyway, but worth saying
};

// A proposal the checks or the pre-propose hook refused. Exit code 1 (the
// command ran and found problems); the message renders every problem.
class ProposalRefused : public Error {
  public:
    // `more`: problems found beyond those given (the message says how many).
    explicit ProposalRefused(std::vector<hooks::Problem> problems, std::size_t more = 0);
    const std::vector<hooks::Problem>& problems() const { return problems_; }

  private:
    std::vector<hooks::Problem> problems_;
};

// Validates `request` against the workspace's repository and registry and
// records it as one commit on the current branch. Bad input (no paths or
// proposers, a file outside the repository or missing, nothing changed, an
// unknown meeting, a malformed date): usage error (exit 2). Refused by a
// check or the hook: ProposalRefused. A lost race or an I/O failure: failure
// (exit 3) saying whether to retry.
ProposeResult propose(Workspace& workspace, const ProposeRequest& request);

}  // namespace accord
