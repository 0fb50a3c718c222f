// accord log [PATH...] [--since D] [--until D] [--by NAME] [--reverse] [--format text|json]
#include <algorithm>
#include <iostream>

#include "cmd/command.hpp"
#include "hooks/verify.hpp"
#include "merge/report/log_view.hpp"

namespace accord::cmd {

namespace {

struct LogCommandOptions {
    std::vector<std::string> paths;
    std::string since, until;
    std::vector<std::string> by;
    bool reverse = false;
    bool details = false;
    Format format = Format::text;
};

int run_log(const LogCommandOptions& options, const Context& context) {
    Workspace ws = Workspace::open(".");
    LogOptions log;
    for (const std::string& path : options.paths)
        log.paths.push_back(ws.repo().relative_path(path));
    for (const std::string& path : context.paths)
        log.paths.push_back(ws.repo().relative_path(path));
    if (!options.since.empty()) log.since = options.since;
    if (!options.until.empty()) log.until = options.until;
    log.by = options.by;
    std::vector<LogEntry> entries = proposal_log(ws, log);
    if (options.reverse) std::reverse(entries.begin(), entries.end());
    if (options.format == Format::json) {
        std::cout << render_log_json(entries);
    } else {
        LogViewOptions view;
        view.colour = context.colour;
        view.details = options.details;
        if (hooks::signatures_in_use(ws.config())) {  // who signed each proposal
            std::vector<std::string> ids;
            for (const LogEntry& e : entries) ids.push_back(e.proposal.commit);
            for (const auto& [id, mark] : hooks::signature_marks(ws.repo(), ids))
                view.marks[id] = std::string(hooks::to_string(mark));
        }
        std::cout << render_log_text(entries, view);
        if (entries.empty())
            std::cout << "no proposals" << (log.paths.empty() ? "" : " touching those files")
                      << "\n";
    }
    return 0;
}

}  // namespace

void register_log(CLI::App& app, Run& run) {
    auto options = std::make_shared<LogCommandOptions>();
    CLI::App* command =
        app.add_subcommand("log", "The evolution: one entry per proposal, in negotiation terms");
    command->footer(
        "The evolution of the negotiation: one entry per proposal (newest first), with its date,\n"
        "proposers, meeting and message, and for each file it touched what changed in negotiation\n"
        "terms: brackets lifted, options added or chosen, strikes, status before and after.\n\n"
        "  accord log                          every proposal\n"
        "  accord log C/04-nigeria.md          one recommendation\n"
        "  accord log --by RF --since 2014-02-01 --until 2014-02-28\n"
        "  accord log --details                each named change, not only the summary\n"
        "  accord log --format json            schema accord.log/1");
    command->add_option("paths", options->paths, "Files or directories (default: all)");
    command->add_option("--since", options->since,
                        "Only proposals on or after this day (YYYY-MM-DD)");
    command->add_option("--until", options->until,
                        "Only proposals on or before this day (YYYY-MM-DD)");
    command->add_option("--by", options->by,
                        "Only proposals by this delegation (name or alias); repeatable");
    command->add_flag("--reverse", options->reverse, "Oldest first");
    command->add_flag("--details", options->details, "List each named change");
    add_format_option(*command, options->format);
    command->callback(
        [options, &run] { run = [options](const Context& c) { return run_log(*options, c); }; });
}

}  // namespace accord::cmd
