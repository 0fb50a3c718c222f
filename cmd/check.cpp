// accord check [PATH...] [--format text|json]
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cmd/command.hpp"
#include "core/notation/check.hpp"
#include "core/store/notation_lookup.hpp"
#include "core/store/workspace.hpp"
#include "core/util/errors.hpp"
#include "core/util/notice.hpp"
#include "core/util/parallel.hpp"
#include "core/util/terminal.hpp"

namespace accord::cmd {

namespace {

struct CheckOptions {
    std::vector<std::string> paths;
    Format format = Format::text;
    std::optional<SlashOptions> slash_options;  // none: as the file's accord.yaml says
};

// No paths: every text the repository around the current directory tracks,
// as it stands in the work tree.
// Paths are given relative to the current directory, as git prints them.
std::vector<std::string> default_paths() {
    if (!inside_work_tree(".")) {
        throw usage_error(
            "check: name the files to check ('accord check recs/A-1.md'), or run "
            "it inside a negotiation repository to check all its texts");
    }
    const Workspace workspace = Workspace::open(".");
    const Workspace::WorkTreeTexts texts = workspace.work_tree_texts();
    for (const std::string& note : texts.notes) notice(note);
    const std::filesystem::path here = std::filesystem::current_path();
    std::vector<std::string> paths;
    for (const std::string& path : texts.paths)
        paths.push_back(
            std::filesystem::path(workspace.repo().workdir() + path).lexically_proximate(here));
    if (!texts.tracked_any)
        throw usage_error(
            "check: this repository has no texts yet; name files to check, e.g. "
            "'accord check draft.md'");
    return paths;
}

// A directory named stands for the texts the repository tracks below it (as
// `accord status DIR` reads it).
std::vector<std::string> with_directories_expanded(const std::vector<std::string>& given) {
    std::vector<std::string> out;
    for (const std::string& path : given) {
        std::error_code ec;
        if (!std::filesystem::is_directory(std::filesystem::symlink_status(path, ec))) {
            out.push_back(path);
            continue;
        }
        const Workspace::WorkTreeTexts texts = tracked_texts_below(path);
        for (const std::string& note : texts.notes) notice(note);
        out.insert(out.end(), texts.paths.begin(), texts.paths.end());
    }
    return out;
}

ExitCode run_check(const CheckOptions& options, const Context& context) {
    std::vector<std::string> paths =
        with_directories_expanded(paths_with_dashes(options.paths, context));
    if (paths.empty()) paths = default_paths();
    // Each file's notation found first (the lookup remembers directories),
    // then the files read and parsed on two threads, kept in order.
    NotationLookup notation(options.slash_options);
    std::vector<ParseOptions> parse_options(paths.size());
    for (std::size_t k = 0; k < paths.size(); ++k)
        parse_options[k].notation = notation.of(paths[k]);
    std::vector<FileCheck> files(paths.size());
    for_each_index(paths.size(),
                   [&](std::size_t k) { files[k] = check_file(paths[k], parse_options[k]); });
    const CheckReport report = make_report(std::move(files));
    if (options.format == Format::json) {
        std::cout << render_json(report);
    } else {
        RenderOptions render_options;
        render_options.style = context.style;
        std::cout << render_text(report, render_options);
    }
    return exit_code(report);
}

}  // namespace

void register_check(CLI::App& app, Run& run) {
    auto options = std::make_shared<CheckOptions>();
    CLI::App* command =
        app.add_subcommand("check", "Parse negotiated texts and report what does not match");
    command->footer(
        "Parse negotiated texts and report what does not match.\n\n"
        "Reports every bracket, strike and front-matter problem at its line and column, with the\n"
        "line quoted and a caret under the spot, and counts what each file holds: paragraphs,\n"
        "brackets, alternatives groups, options, strikes, Alt/Option paragraphs, status tags.\n\n"
        "Examples:\n"
        "  accord check                                   # every text of this repository\n"
        "  accord check recs/A-1.md\n"
        "  accord check recs/                             # the texts tracked below a directory\n"
        "  accord check --slash-options any draft.txt     # '[continuing/full]' is two options\n"
        "  accord check --format json recs/*.md           # schema: accord.check/1, see "
        "README.md\n\n"
        "Files inside a negotiation repository are read with the notation its accord.yaml sets\n"
        "(notation: slash-options); --slash-options overrides it, and files outside any\n"
        "repository use the default, spaced.\n\n"
        "Exit: 0 clean, 1 some file has an error diagnostic, 2 bad usage or an unreadable file.");
    command->add_option("paths", options->paths,
                        "Files to check (default: every text of the current repository)");
    add_format_option(*command, options->format);
    add_slash_options_option(*command, options->slash_options);
    command->callback(
        [options, &run] { run = [options](const Context& c) { return run_check(*options, c); }; });
}

}  // namespace accord::cmd
