// accord hook pre-commit | accord hook commit-msg FILE
// The entry points of the git hooks `accord init` installs; hidden from the
// command list because people do not run them by hand.
#include <iostream>

#include "cmd/command.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"
#include "hooks/git_hooks.hpp"

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

ExitCode run_hook(const HookOptions& options) {
    if (options.hook == "pre-commit") return report(hooks::check_staged("."), options.hook);
    if (options.hook == "commit-msg") {
        if (options.args.empty()) {
            throw usage_error("hook commit-msg: give the message file, as git does");
        }
        return report(hooks::check_commit_message_file(options.args.front(), "."), options.hook);
    }
    throw usage_error("hook: unknown hook '" + options.hook +
                      "'; accord provides pre-commit and commit-msg");
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
        "Exit 1 refuses the commit, with the problems on standard error.");
    command->group("");  // hidden from 'accord --help'
    command->add_option("hook", options->hook, "pre-commit or commit-msg")->required();
    command->add_option("args", options->args, "What git passes to the hook");
    command->callback(
        [options, &run] { run = [options](const Context&) { return run_hook(*options); }; });
}

}  // namespace accord::cmd
