// accord hooks [list] | accord hooks trust | accord hooks untrust
// Which pre-propose hooks run in this clone, and trusting the one the
// negotiation's repository carries.
#include <iostream>

#include "cmd/command.hpp"
#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"
#include "hooks/pre_propose.hpp"

namespace accord::cmd {

namespace {

struct HooksOptions {
    std::string action = "list";
};

ExitCode list_hooks(const Repository& repo) {
    const hooks::HookPlan plan = hooks::pre_propose_hooks(repo);
    if (plan.hooks.empty()) {
        std::cout << "no pre-propose hook runs in this clone\n";
    } else {
        std::cout << "pre-propose hooks that run, in order:\n";
        for (const hooks::ChosenHook& hook : plan.hooks)
            std::cout << "  " << escape_controls(hook.origin) << "\n";
    }
    for (const std::string& warning : plan.warnings)
        std::cout << "note: " << escape_controls(warning) << "\n";
    return kExitOk;
}

ExitCode run_hooks(const HooksOptions& options) {
    Repository repo = Repository::open(".");
    if (options.action == "list") return list_hooks(repo);
    if (options.action == "trust") {
        const std::string id = hooks::trust_committed_hook(repo);
        std::cout << "trusted " << hooks::kPreProposeHook << " as it is now (content "
                  << id.substr(0, 12) << "); it runs before each proposal until it changes\n";
        return kExitOk;
    }
    if (options.action == "untrust") {
        std::cout << (hooks::untrust_committed_hook(repo)
                          ? std::string("forgot the trust in ") + hooks::kPreProposeHook +
                                "; it no longer runs\n"
                          : std::string("nothing was trusted; nothing changed\n"));
        return kExitOk;
    }
    throw usage_error("hooks: unknown action '" + options.action + "'; use list, trust or untrust");
}

}  // namespace

void register_hooks(CLI::App& app, Run& run) {
    auto options = std::make_shared<HooksOptions>();
    CLI::App* command = app.add_subcommand(
        "hooks", "Which pre-propose hooks run here; trust the one the repository carries");
    command->footer(
        "accord propose runs pre-propose hooks after its own checks, before anything is\n"
        "recorded. Only hooks you chose run, as git never runs hooks a clone brings:\n"
        "  1. the program named by 'git config accord.prePropose PATH'\n"
        "  2. pre-propose in git's hooks directory (.git/hooks)\n"
        "  3. .accord/hooks/pre-propose, which a negotiation may commit for everyone, only\n"
        "     after you read it and run 'accord hooks trust'. That records the id of what\n"
        "     .accord/hooks holds (the hook and any script beside it that it may run) in\n"
        "     .git/config; if any of it changes, the hook stops running until you trust it\n"
        "     again. Keep the scripts a hook runs in .accord/hooks: trust covers no other\n"
        "     file. A hook with a symbolic link beside it is never trusted, never run.\n\n"
        "  accord hooks            which hooks run, and which are skipped and why\n"
        "  accord hooks trust      trust .accord/hooks/pre-propose as it is now\n"
        "  accord hooks untrust    stop running it\n\n"
        "Exit: 0 done, 2 nothing to trust or not in a repository.");
    command->add_option("action", options->action, "list (default), trust or untrust")
        ->transform(one_of_words({"list", "trust", "untrust"}));
    command->callback(
        [options, &run] { run = [options](const Context&) { return run_hooks(*options); }; });
}

}  // namespace accord::cmd
