// accord status [--at REV] [--format text|json] [-- PATH...]
#include <iostream>

#include "cmd/command.hpp"
#include "merge/report/status.hpp"

namespace accord::cmd {

namespace {

struct StatusCommandOptions {
    std::string at;
    std::vector<std::string> paths;
    Format format = Format::text;
};

ExitCode run_status(const StatusCommandOptions& options, const Context& context) {
    const Workspace ws = Workspace::open(".");
    StatusOptions status;
    status.at = options.at;
    for (const std::string& path : paths_with_dashes(options.paths, context))
        status.paths.push_back(ws.repo().relative_path(path));
    const StatusReport report = negotiation_status(ws, status);
    note_skipped_links(ws.skipped_links(report.revision));
    if (options.format == Format::json) {
        std::cout << render_status_json(report);
    } else {
        StatusViewOptions view;
        view.style = context.style;
        std::cout << render_status_text(report, view);
    }
    return kExitOk;
}

}  // namespace

void register_status(CLI::App& app, Run& run) {
    auto options = std::make_shared<StatusCommandOptions>();
    CLI::App* command = app.add_subcommand(
        "status", "Per recommendation: status, open brackets, alternatives, last proposal");
    command->footer(
        "Where the negotiation stands, one row per recommendation in the order of the\n"
        "compilation, under a heading per group: its status (front matter, or the status tags\n"
        "when they all agree), the brackets still open (matched pairs), the alternatives groups\n"
        "([a][b] runs, and runs of Alt/Option paragraphs), the strikes (~~proposed\n"
        "deletions~~), notation errors (an unclosed or stray bracket or strike, marked !;\n"
        "'accord check FILE' shows where), and the last proposal that changed it (day,\n"
        "proposers). Totals per group and overall; the figures are those 'accord check'\n"
        "reports for the same files.\n\n"
        "Without --at it describes the work tree (HEAD's texts as they are on disk), so an\n"
        "edit not yet proposed shows up at once, marked 'edited, not yet proposed'.\n\n"
        "Examples:\n"
        "  accord status                        the whole negotiation\n"
        "  accord status agreed/A               one directory (or: accord status -- agreed/A)\n"
        "  accord status --at WGEC-3            as it stood at the end of a meeting\n"
        "  accord status --at 2014-02-25        ... or of a day, or at any git revision\n"
        "  accord status --format json          schema accord.status/1 (see README.md): per\n"
        "                                       group its recommendations, each with path, id,\n"
        "                                       title, status, counts (as accord.check/1) and\n"
        "                                       last_proposal, edited; totals and by_status");
    command->add_option("paths", options->paths, "Files or directories (default: every text)");
    command->add_option("--at", options->at,
                        "A git revision, a date (YYYY-MM-DD) or a meeting (default: the work "
                        "tree)");
    add_format_option(*command, options->format);
    command->callback(
        [options, &run] { run = [options](const Context& c) { return run_status(*options, c); }; });
}

}  // namespace accord::cmd
