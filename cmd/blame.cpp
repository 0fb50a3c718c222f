// accord blame PATH [--at REV] [--format text|json]
#include <iostream>

#include "cmd/command.hpp"
#include "core/util/errors.hpp"
#include "merge/blame/blame_view.hpp"

namespace accord::cmd {

namespace {

struct BlameOptions {
    std::string path;
    std::string at = "HEAD";
    Format format = Format::text;
};

ExitCode run_blame(const BlameOptions& options, const Context& context) {
    Workspace ws = Workspace::open(".");
    const std::string path = ws.repo().relative_path(one_path(options.path, context, "blame"));
    if (ws.repo().is_empty_branch())
        throw usage_error("blame: the repository has no proposals yet");
    const FileBlame blame = blame_file(ws, path, ws.resolve(options.at));
    if (options.format == Format::json) {
        std::cout << render_blame_json(blame);
    } else {
        BlameViewOptions view;
        view.style = context.style;
        std::cout << render_blame_text(blame, view);
    }
    return kExitOk;
}

}  // namespace

void register_blame(CLI::App& app, Run& run) {
    auto options = std::make_shared<BlameOptions>();
    CLI::App* command =
        app.add_subcommand("blame", "Who proposed each word, bracket, option and strike");
    command->footer(
        "Who proposed each word, bracket, option separator and strike mark of a text.\n\n"
        "A word belongs to the delegation whose proposal first put it in the text; bracketing,\n"
        "striking, lifting brackets or choosing an option does not change that, and those acts\n"
        "are attributed to the marks they add. Wording deleted and later restored keeps its first\n"
        "proposer, and the view says who restored it.\n\n"
        "  accord blame C/04-nigeria.md\n"
        "  accord blame A/01-japan.md --at WGEC-3\n"
        "  accord blame A/01-japan.md --format json   spans with byte offsets, kind (text, "
        "bracket,\n"
        "                                             separator, strike), commit, proposers, "
        "date,\n"
        "                                             restored_by");
    command->add_option("path", options->path, "The file (or give it after '--')");
    command->add_option("--at", options->at, "A git revision, a date (YYYY-MM-DD) or a meeting")
        ->default_str("HEAD");
    add_format_option(*command, options->format);
    command->callback(
        [options, &run] { run = [options](const Context& c) { return run_blame(*options, c); }; });
}

}  // namespace accord::cmd
