// accord check [PATH...] [--format text|json]
#include <iostream>

#include "cmd/command.hpp"
#include "core/check.hpp"
#include "core/errors.hpp"

namespace accord::cmd {

namespace {

struct CheckOptions {
    std::vector<std::string> paths;
    Format format = Format::text;
    std::string slash_options = "spaced";
};

int run_check(const CheckOptions& options, const Context& context) {
    if (options.paths.empty())
        throw usage_error("check: name at least one file, e.g. 'accord check recs/A-1.md'");
    ParseOptions parse_options;
    parse_options.notation.slash_options =
        options.slash_options == "any" ? SlashOptions::any : SlashOptions::spaced;
    std::vector<FileCheck> files;
    for (const std::string& path : options.paths) files.push_back(check_file(path, parse_options));
    const CheckReport report = make_report(std::move(files));
    if (options.format == Format::json) {
        std::cout << render_json(report);
    } else {
        RenderOptions render_options;
        render_options.colour = context.colour;
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
        "  accord check recs/A-1.md\n"
        "  accord check --slash-options any draft.txt     # '[continuing/full]' is two options\n"
        "  accord check --format json recs/*.md           # schema: accord.check/1, see "
        "README.md\n\n"
        "Exit: 0 clean, 1 some file has an error diagnostic, 2 bad usage or an unreadable file.");
    command->add_option("paths", options->paths, "Files to check")->required();
    add_format_option(*command, options->format);
    command
        ->add_option("--slash-options", options->slash_options,
                     "Which '/' separates options inside a bracket: spaced (' / ' only) or any")
        ->check(CLI::IsMember({"spaced", "any"}))
        ->default_str("spaced");
    command->callback(
        [options, &run] { run = [options](const Context& c) { return run_check(*options, c); }; });
}

}  // namespace accord::cmd
