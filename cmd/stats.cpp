// accord stats [PATH...] [--format json|svg] [--metric M] [--top N] [-o FILE] [-- PATH...]
#include <cctype>
#include <iostream>

#include "cmd/command.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/text.hpp"
#include "merge/report/stats.hpp"

namespace accord::cmd {

namespace {

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// The --metric values: each metric's key, and "alternatives" for short.
std::vector<std::string> metric_choices() {
    std::vector<std::string> choices;
    for (const MetricNames& m : kMetrics) choices.emplace_back(m.key);
    choices.insert(choices.begin() + 2, "alternatives");
    return choices;
}

std::string metric_keys() {
    std::vector<std::string> keys;
    for (const MetricNames& m : kMetrics) keys.emplace_back(m.key);
    return join(keys, "|");
}

struct StatsCommandOptions {
    std::vector<std::string> paths;
    std::string format = "json";      // json|svg in any case, checked by CLI11
    std::string metric = "brackets";  // a key of kMetrics, or "alternatives"
    std::size_t top = 8;
    std::string from = "HEAD";
    std::string output;
};

ExitCode run_stats(const StatsCommandOptions& options, const Context& context) {
    Workspace ws = Workspace::open(".");
    StatsOptions stats;
    if (!ws.repo().is_empty_branch()) stats.index.from = ws.resolve(options.from);
    for (const std::string& path : paths_with_dashes(options.paths, context))
        stats.paths.push_back(ws.repo().relative_path(path));
    const StatsReport report = compute_stats(ws, stats);

    if (lower(options.format) != "svg" && options.output.empty()) {
        // Printed as it is written: a long history's document is not held whole.
        write_stats_json(report, [](std::string_view piece) { std::cout << piece; });
        return kExitOk;
    }
    std::string out;
    if (lower(options.format) == "svg") {
        StatsChartOptions chart;
        chart.metric = metric_named(options.metric).value_or(Metric::brackets);
        chart.top = options.top;
        chart.name = ws.config().negotiation;
        out = render_stats_svg(report, chart);
    } else {
        out = render_stats_json(report);
    }
    if (options.output.empty()) {
        std::cout << out;
    } else if (const std::string error =
                   write_output(options.output, out, OutputOptions{ws.repo().workdir()});
               !error.empty()) {
        throw failure("stats: cannot write " + error);
    }
    return kExitOk;
}

}  // namespace

void register_stats(CLI::App& app, Run& run) {
    auto options = std::make_shared<StatsCommandOptions>();
    CLI::App* command = app.add_subcommand(
        "stats", "Open brackets and alternatives over time, in total and per text (JSON, SVG)");
    command->footer(
        "How fast the brackets go away: after each proposal (first-parent history, oldest\n"
        "first), the open brackets, alternatives groups, options offered and strikes of every\n"
        "text and their total. One point per proposal at its author time; several proposals on a\n"
        "day are several points, the last one giving the state at the end of that day.\n\n"
        "JSON (the default) is for tools; SVG is a chart to look at: the total in black and the\n"
        "texts with the highest peak, dates on the x axis, no script, opens in any browser.\n\n"
        "Examples:\n"
        "  accord stats                                  schema accord.stats/1, see README.md\n"
        "  accord stats --format svg -o brackets.svg     the bracket burn-down chart\n"
        "  accord stats --format svg --metric alternatives_groups --top 5 -o alts.svg\n"
        "  accord stats -- C/                            only the texts under C/\n"
        "  accord stats --from 2014-02-28                the history up to that day (or a tag,\n"
        "                                                a meeting, any revision)");
    command->add_option("paths", options->paths, "Files or directories to follow (default: all)");
    command->add_option("--format", options->format, "Output format: json for tools, svg chart")
        ->transform(one_of_words({"json", "svg"}))
        ->option_text("json|svg (default: json)");
    command->add_option("--metric", options->metric, "Which figure the SVG chart plots")
        ->transform(one_of_words(metric_choices()))
        ->option_text(metric_keys() + " (default: brackets)");
    command
        ->add_option("--top", options->top,
                     "SVG: how many texts get their own line (0-12, each its own colour), highest "
                     "peak first")
        ->check(CLI::Range(0, 12))
        ->default_str("8");
    command
        ->add_option("--from", options->from,
                     "Walk the history back from this revision, date (YYYY-MM-DD) or meeting")
        ->default_str("HEAD");
    command->add_option("-o,--output", options->output,
                        "Write to this file instead of standard output");
    command->callback(
        [options, &run] { run = [options](const Context& c) { return run_stats(*options, c); }; });
}

}  // namespace accord::cmd
