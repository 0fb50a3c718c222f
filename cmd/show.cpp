// accord show PATH [--at REV|DATE|MEETING]
#include <algorithm>
#include <iostream>

#include "cmd/command.hpp"
#include "core/store/proposal_record.hpp"
#include "core/store/workspace.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
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
    const auto text = ws.read(commit, path);
    if (!text) {
        const std::vector<std::string> links = ws.skipped_links(commit);
        if (std::find(links.begin(), links.end(), path) != links.end()) {
            throw usage_error("show: " + path +
                              " is a symbolic link in this repository, not a text: accord never "
                              "reads a link (it may point anywhere)");
        }
        // Deleted before that revision: by whom, and when it last stood.
        const auto before = ws.repo().history(commit, {path});
        if (!before.empty()) {
            const Proposal deletion = read_proposal(before.front(), ws.config());
            std::string message = "show: '" + path + "' did not stand at " + options.at + ": " +
                                  join_names(deletion.proposers) + " deleted it on " +
                                  deletion.day + " (" + deletion.commit.substr(0, 10) + ")";
            if (!deletion.parents.empty())
                message += "; it last stood at " + deletion.parents.front().substr(0, 10) +
                           " (try --at " + deletion.parents.front().substr(0, 10) + ")";
            throw usage_error(message);
        }
        const auto history = ws.repo().history(ws.repo().resolve("HEAD"), {path});
        if (history.empty())
            throw usage_error("show: '" + path + "' has never been proposed in this repository");
        const CommitInfo& first = history.back();
        const std::string day(date_of_timestamp(
            format_iso_timestamp(first.author.time, first.author.offset_minutes)));
        throw usage_error("show: '" + path + "' did not exist at " + options.at +
                          "; its first proposal is dated " + day + " (try --at " + day + ")");
    }
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
