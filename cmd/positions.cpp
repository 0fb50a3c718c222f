// accord positions [PATH...] [--by NAME] [--at REV] [--format text|json] [-- PATH...]
#include <iostream>

#include "cmd/command.hpp"
#include "core/util/terminal.hpp"
#include "merge/report/positions.hpp"

namespace accord::cmd {

namespace {

struct PositionsCommandOptions {
    std::vector<std::string> paths;
    std::vector<std::string> by;
    std::string at = "HEAD";
    Format format = Format::text;
};

ExitCode run_positions(const PositionsCommandOptions& options, const Context& context) {
    Workspace ws = Workspace::open(".");
    PositionsOptions list;
    for (const std::string& path : paths_with_dashes(options.paths, context))
        list.paths.push_back(ws.repo().relative_path(path));
    list.by = options.by;
    list.at = options.at;
    const std::vector<PositionEntry> entries = list_positions(ws, list);
    if (options.format == Format::json) {
        std::cout << render_positions_json(entries);
        return kExitOk;
    }
    std::cout << escape_controls(render_positions_text(entries));
    if (entries.empty())
        std::cout << "no positions" << (list.paths.empty() ? "" : " on those texts")
                  << (list.by.empty() ? "" : " by those delegations") << "\n";
    return kExitOk;
}

}  // namespace

void register_positions(CLI::App& app, Run& run) {
    auto options = std::make_shared<PositionsCommandOptions>();
    CLI::App* command = app.add_subcommand(
        "positions", "What delegations said about the text without proposing a change");
    command->footer(
        "The positions recorded in the history, oldest first: who said what, when, about which\n"
        "wording, and whether that wording still stands in the text (stands; struck: only inside\n"
        "a proposed deletion; gone). A Word document's comments become positions when they ask\n"
        "for no change to the text ('Pakistan: A unilateral approach is not supported').\n\n"
        "  accord positions                       every position\n"
        "  accord positions decision.md --by US   one text, one delegation\n"
        "  accord positions --at 2024-11-17       as the history stood that evening\n"
        "  accord positions --format json         schema accord.positions/1");
    command->add_option("paths", options->paths, "Texts or directories (default: all)");
    command
        ->add_option("--by", options->by,
                     "Only positions of this delegation (name or alias); repeatable")
        ->allow_extra_args(false);
    command->add_option("--at", options->at, "A git revision, a date (YYYY-MM-DD) or a meeting")
        ->default_str("HEAD");
    add_format_option(*command, options->format);
    command->callback([options, &run] {
        run = [options](const Context& c) { return run_positions(*options, c); };
    });
}

}  // namespace accord::cmd
