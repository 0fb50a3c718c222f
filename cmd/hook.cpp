// accord hook pre-commit | accord hook commit-msg FILE | accord hook pre-receive
// The entry points of the git hooks `accord init` installs; hidden from the
// command list because people do not run them by hand.
#include <cstdlib>
#include <iostream>
#include <iterator>

#include "cmd/command.hpp"
#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"
#include "hooks/git_hooks.hpp"
#include "hooks/pre_receive.hpp"

namespace accord::cmd {

namespace {

struct HookOptions {
    std::string hook;
    std::vector<std::string> args;
};

ExitCode report(const std::vector<hooks::Problem>& problems, const std::string& hook) {
    if (problems.empty()) return kExitOk;
    std::cerr << escape_controls(hooks::render(problems));
    std::cerr << "accord: the " << hook << " hook refused the commit ("
              << plural(problems.size(), "problem")
              << "); fix it and commit again, or skip the checks once with 'git commit "
                 "--no-verify'\n";
    return kExitFound;
}

// The server's hook: git gives the reference updates on standard input
// and runs it in the repository; exit 1 refuses the whole push.
ExitCode run_pre_receive() {
    const std::string input{std::istreambuf_iterator<char>(std::cin),
                            std::istreambuf_iterator<char>()};
    const std::vector<hooks::RefUpdate> updates = hooks::parse_ref_updates(input);
    const char* git_dir = std::getenv("GIT_DIR");
    const Repository repo = Repository::open_receiving(git_dir && *git_dir ? git_dir : ".");
    const hooks::ReceiveDecision decision = hooks::check_push(repo, updates);
    std::cerr << escape_controls(hooks::render(decision));
    return decision.accepted() ? kExitOk : kExitFound;
}

ExitCode run_hook(const HookOptions& options) {
    if (options.hook == "pre-receive") return run_pre_receive();
    if (options.hook == "pre-commit") return report(hooks::check_staged("."), options.hook);
    if (options.hook == "commit-msg") {
        if (options.args.empty()) {
            throw usage_error("hook commit-msg: give the message file, as git does");
        }
        return report(hooks::check_commit_message_file(options.args.front(), "."), options.hook);
    }
    throw usage_error("hook: unknown hook '" + options.hook +
                      "'; accord provides pre-commit, commit-msg and pre-receive");
}

}  // namespace

void register_hook(CLI::App& app, Run& run) {
    auto options = std::make_shared<HookOptions>();
    CLI::App* command =
        app.add_subcommand("hook", "Run the checks of an installed git hook (used by git)");
    command->footer(
        "The checks behind the git hooks 'accord init' installs:\n"
        "  accord hook pre-commit          staged .md/.txt files: no new bracket or strike error\n"
        "                                  against HEAD, valid front matter\n"
        "  accord hook commit-msg FILE     Proposed-by: trailers name delegations in accord.yaml\n"
        "  accord hook pre-receive         a server's check of a push (accord init --bare): no\n"
        "                                  rewrite of main, no forged or bad signature, registry\n"
        "                                  changes by the secretariat, no new notation error, no\n"
        "                                  date in the future\n"
        "Exit 1 refuses the commit (or the whole push), with the problems on standard error.");
    command->group("");  // hidden from 'accord --help'
    command->add_option("hook", options->hook, "pre-commit, commit-msg or pre-receive")->required();
    command->add_option("args", options->args, "What git passes to the hook");
    command->callback(
        [options, &run] { run = [options](const Context&) { return run_hook(*options); }; });
}

}  // namespace accord::cmd
