// accord propose PATH... --by NAME [--by NAME...] [--date D] [--meeting M] [-m MSG]
//                [--add-delegation NAME]... [--backdate] [--allow-errors] [--sign|--no-sign]
#include <iostream>

#include "cmd/command.hpp"
#include "core/store/commit_signer.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"
#include "hooks/record/proposal.hpp"

namespace accord::cmd {

namespace {

struct SignChoice {
    bool sign = false, no_sign = false;
};

ExitCode run_propose(const ProposeRequest& given, const SignChoice& choice,
                     const Context& context) {
    ProposeRequest request = given;
    request.paths = paths_with_dashes(given.paths, context);
    Workspace workspace = Workspace::open(".");
    if (wants_signing(workspace.repo(), choice.sign || choice.no_sign
                                            ? std::optional<bool>(choice.sign)
                                            : std::nullopt)) {
        const SigningSetup setup = signing_setup(workspace.repo());
        request.signer = ssh_commit_signer(setup);
        try {
            request.signing_key = signing_public_key(setup);
        } catch (const Error&) {
            // Its public half is not at hand: the signature is checked after.
        }
    }
    const ProposeResult result = propose(workspace, request);
    for (const std::string& warning : result.warnings)
        std::cerr << "accord: warning: " << escape_controls(warning) << "\n";
    std::cout << "[" << escape_controls(result.branch) << " " << result.commit.substr(0, 12) << "] "
              << escape_controls(result.subject) << "\n";
    std::cout << "  by " << escape_controls(join(result.proposers)) << ", " << result.date
              << (result.meeting.empty() ? "" : " (" + escape_controls(result.meeting) + ")")
              << "; " << plural(result.paths.size(), "file");
    if (!result.added_delegations.empty())
        std::cout << "; registered " << escape_controls(join(result.added_delegations));
    std::cout << "\n";
    return kExitOk;
}

}  // namespace

void register_propose(CLI::App& app, Run& run) {
    auto request = std::make_shared<ProposeRequest>();
    auto date = std::make_shared<std::string>();
    auto meeting = std::make_shared<std::string>();
    CLI::App* command = app.add_subcommand(
        "propose", "Record the working-tree change of files as one delegation's proposal");
    command->footer(
        "Record the working-tree change of the named files as one attributed proposal: a\n"
        "commit whose author is the (first) proposing delegation, dated the day of the\n"
        "proposal, with one 'Proposed-by:' trailer per proposer and 'Meeting:' when given. The\n"
        "committer is you (your git identity). A date is recorded as 12:00 UTC of that day.\n\n"
        "Before anything is written the proposal must pass the checks: each text parses with no\n"
        "error that its last proposal did not have (old defects do not block new work), its\n"
        "front matter is valid, every proposer is in accord.yaml (by name or alias), and the\n"
        "date is not before the file's last proposal (unless --backdate). Then the pre-propose\n"
        "hooks you chose run (see 'accord hooks': a committed .accord/hooks/pre-propose only\n"
        "once you trust it) with the paths as arguments and ACCORD_PROPOSERS (one per line),\n"
        "ACCORD_DATE, ACCORD_MEETING set; if one exits non-zero the proposal is refused and\n"
        "its output shown. A refused proposal changes\n"
        "nothing: not the files, the index or any branch. An error is known by its mark and\n"
        "the words around it, so an old defect stays old when its line is edited elsewhere.\n"
        "--allow-errors records new notation errors on purpose (a document as it was issued),\n"
        "with a 'Notation-errors: N' trailer that 'accord log' shows. Texts are recorded as\n"
        "UTF-8: a file saved as UTF-16 with a byte-order mark is converted (and rewritten),\n"
        "as are lines ended by a carriage return alone (classic Mac OS); a binary file is\n"
        "refused. Dates go back to 1970-01-01, the earliest git records.\n\n"
        "Examples:\n"
        "  accord propose recs/A-1.md --by Japan --date 2014-02-07\n"
        "  accord propose recs/A-1.md --by RF --by Japan --by 'Avri Doria' --meeting WGEC-3 \\\n"
        "      -m 'Common proposal on enhanced cooperation'\n"
        "  accord propose recs/B-2.md --by Ghana --add-delegation Ghana --date 2014-05-01\n"
        "  accord propose recs/A-1.md --by Sweden --date 2013-12-02 --backdate   # a late "
        "entry\n"
        "  accord propose paris.md --by Chair --date 2015-10-23 --allow-errors   # as issued\n"
        "  accord propose recs/A-1.md --by Japan --sign   # signed with your SSH key\n\n"
        "Signed proposals ('accord verify' checks them; so does 'git log --show-signature' with\n"
        "an allowed-signers file) carry the signature in git's own format. Sign by default with\n"
        "'git config accord.sign true' once user.signingkey and gpg.format ssh are set.\n\n"
        "Exit: 0 recorded, 1 refused by a check or the pre-propose hook, 2 bad usage (unknown\n"
        "meeting, malformed date, a file outside the repository, nothing to record), 3 a\n"
        "repository failure, or another proposal landed first: then run it again.");
    command->add_option("paths", request->paths, "The files whose change is the proposal");
    command
        ->add_option("--by", request->proposers,
                     "A proposing delegation, by name or alias; repeat for co-sponsors (the "
                     "first is the author)")
        ->required()
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command->add_option("--date", *date,
                        "The day of the proposal, YYYY-MM-DD (default: the "
                        "meeting's last day, else today)");
    command->add_option("--meeting", *meeting,
                        "The meeting it was made at, as accord.yaml "
                        "names it");
    command->add_option("-m,--message", request->message,
                        "What the proposal does (default: 'Proposal by X on FILE')");
    command
        ->add_option("--add-delegation", request->add_delegations,
                     "Register a new delegation in accord.yaml, in the same commit")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command->add_flag("--backdate", request->backdate,
                      "Allow a date earlier than the file's last proposal");
    command->add_flag("--allow-errors", request->allow_errors,
                      "Record notation errors on purpose (a document as it was issued); the "
                      "commit carries 'Notation-errors: N'");
    auto sign = std::make_shared<SignChoice>();
    command->add_flag("--sign", sign->sign,
                      "Sign it with your SSH key, as git signs commits (user.signingkey, "
                      "gpg.format ssh); default: git config accord.sign");
    command->add_flag("--no-sign", sign->no_sign, "Do not sign, whatever accord.sign says")
        ->excludes("--sign");
    command->callback([request, date, meeting, sign, &run] {
        if (!date->empty()) request->date = *date;
        if (!meeting->empty()) request->meeting = *meeting;
        run = [request, sign](const Context& c) { return run_propose(*request, *sign, c); };
    });
}

}  // namespace accord::cmd
