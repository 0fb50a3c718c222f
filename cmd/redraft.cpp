// accord redraft start NAME [--members A,B,...] [--no-switch] [PATH...]
// accord redraft list [--format text|json]
#include <iostream>

#include "cmd/command.hpp"
#include "core/store/redraft.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"
#include "merge/report/redrafts.hpp"

namespace accord::cmd {

namespace {

struct RedraftStartOptions {
    StartRedraftRequest request;
    bool no_switch = false;
};

// The names, shown on a terminal, or `none` when there are none.
std::string shown(const std::vector<std::string>& names, const std::string& none) {
    return names.empty() ? none : escape_controls(join(names));
}

ExitCode run_start(const RedraftStartOptions& options, const Context& context) {
    StartRedraftRequest request = options.request;
    request.paths = paths_with_dashes(options.request.paths, context);
    request.switch_to = !options.no_switch;
    Workspace ws = Workspace::open(".");
    const StartRedraftResult result = start_redraft(ws, request);
    for (const std::string& warning : result.warnings)
        std::cerr << "accord: warning: " << escape_controls(warning) << "\n";
    const std::string name = escape_controls(result.record.name),
                      branch = escape_controls(result.branch),
                      from = escape_controls(result.record.from);
    std::cout << "started redraft " << name << " on branch " << branch << " from " << from << " at "
              << result.record.fork.substr(0, 12) << " (the start commit "
              << result.commit.substr(0, 12) << " records its members)\n";
    std::cout << "  members: " << shown(result.record.members, "(none named)") << "\n";
    std::cout << "  texts: " << shown(result.record.paths, "(any)") << "\n";
    if (result.switched) {
        std::cout << "switched to " << branch
                  << "; record the group's proposals with 'accord propose', then merge with "
                     "'git switch "
                  << from << " && accord merge " << name << "'\n";
    } else {
        std::cout << "to work on it: git switch " << branch << "\n";
    }
    return kExitOk;
}

ExitCode run_list(Format format) {
    Workspace ws = Workspace::open(".");
    const std::vector<RedraftSummary> redrafts = list_redrafts(ws);
    for (const RedraftSummary& s : redrafts)
        for (const std::string& warning : s.warnings)
            std::cerr << "accord: warning: " << escape_controls(warning) << "\n";
    if (format == Format::json) {
        std::cout << redrafts_json(redrafts);
        return kExitOk;
    }
    if (redrafts.empty()) {
        std::cout << "no redraft branches; start one with 'accord redraft start NAME --members "
                     "A,B PATH'\n";
        return kExitOk;
    }
    for (const RedraftSummary& s : redrafts) {
        std::cout << escape_controls(s.name) << "  (" << escape_controls(s.branch) << ", from "
                  << (s.record.from.empty() ? "?" : escape_controls(s.record.from))
                  << (s.record.started.empty() ? "" : " on " + escape_controls(s.record.started))
                  << ")" << (s.merged ? "  merged" : "")
                  << (s.remote && !s.merged
                          ? "  fetched, no branch here: accord merge " + escape_controls(s.branch)
                          : "")
                  << "\n";
        std::cout << "  members: " << shown(s.record.members, "(none named)") << "\n";
        std::cout << "  texts: " << shown(s.record.paths, "(any)") << "\n";
        std::cout << "  proposals: " << s.proposals;
        if (s.proposals > 0) {
            std::cout << ", last " << s.last_day << ", by " << shown(s.proposers, "");
        }
        std::cout << "\n";
    }
    return kExitOk;
}

}  // namespace

void register_redraft(CLI::App& app, Run& run) {
    CLI::App* redraft = app.add_subcommand("redraft", "Small-group redraft branches");
    redraft->footer(
        "A chair sends a text to a small group, which redrafts it on its own branch\n"
        "redraft/NAME; 'accord merge NAME' brings the groups' work back together.\n\n"
        "  accord redraft start informal-a --members Japan,Sweden recs/A-1.md\n"
        "  accord redraft list [--format json]\n\n"
        "The redraft's members, texts, origin branch and fork are recorded in\n"
        ".accord/redrafts/NAME.yaml, committed as the branch's first commit (trailer\n"
        "Redraft-started: NAME), so that they travel with the branch on push and clone and\n"
        "stay in the history once merged. That start commit is not a proposal.");
    redraft->require_subcommand(1);

    auto start = std::make_shared<RedraftStartOptions>();
    CLI::App* start_command =
        redraft->add_subcommand("start", "Start a redraft branch for a small group");
    start_command->footer(
        "Create branch redraft/NAME at the current commit, record the group's members and the\n"
        "texts it redrafts in .accord/redrafts/NAME.yaml (the branch's first commit) and switch\n"
        "to it, keeping uncommitted work as it is. Proposals on the branch are made with\n"
        "'accord propose' as usual. Members are resolved through accord.yaml (aliases become\n"
        "canonical names); a name it does not know is recorded as given, with a warning.\n\n"
        "  accord redraft start informal-a --members Japan,Sweden recs/A-1.md\n"
        "  accord redraft start informal-b --members RF --members Brazil --no-switch "
        "recs/A-1.md\n\n"
        "Exit: 0 started, 2 bad usage (a name in use or invalid, a text not in the current\n"
        "branch, no proposal yet), 3 repository failure.");
    start_command->add_option("name", start->request.name, "The redraft's name (informal-a)")
        ->required();
    start_command->add_option("paths", start->request.paths,
                              "The texts (files or directories) the group redrafts");
    start_command
        ->add_option("--members", start->request.members,
                     "The group's members, comma-separated or repeated")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    start_command->add_flag("--no-switch", start->no_switch,
                            "Create the branch but stay on the current one (to start several)");
    start_command->callback(
        [start, &run] { run = [start](const Context& c) { return run_start(*start, c); }; });

    auto format = std::make_shared<Format>(Format::text);
    CLI::App* list_command = redraft->add_subcommand("list", "The redraft branches");
    list_command->footer(
        "Every redraft branch (redraft/*): its members and texts, the branch it came from,\n"
        "the number of proposals since the fork with their proposers and the last one's day,\n"
        "and whether it has been merged.\n\n"
        "  accord redraft list\n"
        "  accord redraft list --format json   schema accord.redrafts/1: {schema, redrafts:\n"
        "      [{name, branch, tip, from, fork, started, started_by, members, paths,\n"
        "        proposals, proposers, last_proposal (RFC 3339 or null), merged}]}");
    add_format_option(*list_command, *format);
    list_command->callback(
        [format, &run] { run = [format](const Context&) { return run_list(*format); }; });
}

}  // namespace accord::cmd
