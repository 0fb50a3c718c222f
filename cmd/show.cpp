// accord show PATH [--at REV|DATE|MEETING]
#include <iostream>

#include "cmd/command.hpp"
#include "core/store/workspace.hpp"
#include "core/util/errors.hpp"
#include "core/util/notice.hpp"
#include "merge/report/history.hpp"

namespace accord::cmd {

namespace {

struct ShowOptions {
    std::string path;
    std::string at = "HEAD";
};

ExitCode run_show(const ShowOptions& options, const Context& context) {
    Workspace ws = Workspace::open(".");
    const std::string path = ws.repo().relative_path(one_path(options.path, context, "show"));
    if (ws.repo().is_empty_branch()) throw usage_error("show: the repository has no proposals yet");
    const std::string commit = ws.resolve(options.at);
    // A text moved since is shown where it stood then, and said so.
    const std::string stood_at = path_of_text_at(ws, path, commit).value_or(path);
    const auto text = ws.read(commit, stood_at);
    if (!text) throw usage_error("show: " + why_no_text(ws, path, commit, options.at));
    if (stood_at != path) notice(path + " stood at " + stood_at + " at " + options.at);
    print_document(*text, context);
    return kExitOk;
}

}  // namespace

void register_show(CLI::App& app, Run& run) {
    auto options = std::make_shared<ShowOptions>();
    CLI::App* command = app.add_subcommand("show", "The text as it stood");
    command->footer(
        "Print a text as it stood at a revision, a date or the end of a meeting.\n\n"
        "  accord show C/04-nigeria.md                 as it stands now\n"
        "  accord show C/04-nigeria.md --at 2014-02-25 at the end of 25 February 2014\n"
        "  accord show A/01-japan.md --at WGEC-3       at the end of the meeting WGEC-3 "
        "(accord.yaml)\n"
        "  accord show A/01-japan.md --at HEAD~2       git revisions work too");
    command->add_option("path", options->path, "The file (or give it after '--')");
    command
        ->add_option("--at", options->at, "A git revision, a date (YYYY-MM-DD) or a meeting name")
        ->default_str("HEAD");
    command->callback(
        [options, &run] { run = [options](const Context& c) { return run_show(*options, c); }; });
}

}  // namespace accord::cmd
