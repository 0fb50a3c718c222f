// accord: version control for negotiated text.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cmd/command.hpp"
#include "core/util/errors.hpp"

namespace {

bool want_colour(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour != nullptr && no_colour[0] != '\0') return false;
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
    return isatty(STDOUT_FILENO) == 1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "accord: version control for negotiated text.\n"
        "Keeps each recommendation as a file in a git repository, understands [brackets],\n"
        "[alternatives][like these], options [a / b], ~~strikes~~ and Alt paragraphs, and\n"
        "records each delegation's proposal as an attributed commit.\n",
        "accord"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "accord 0.1.0");
    std::string colour_mode = "auto";
    app.add_option("--color,--colour", colour_mode,
                   "Colour: auto (only on a terminal, never with NO_COLOR), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->default_str("auto");
    app.footer(
        "Run 'accord <command> --help' for a command's options. Exit codes: 0 success, 1 found\n"
        "something (errors for check), 2 bad usage or input, 3 repository or I/O failure.");

    // Everything after "--" is a path list for the command, as in git.
    std::vector<std::string> args(argv + 1, argv + argc);
    std::vector<std::string> paths;
    if (const auto dashes = std::find(args.begin(), args.end(), "--"); dashes != args.end()) {
        paths.assign(dashes + 1, args.end());
        args.erase(dashes, args.end());
    }
    accord::cmd::Run run;
    accord::cmd::register_for(app, run, args);
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    try {
        app.parse(args);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return accord::kExitUsage;
    }
    try {
        accord::cmd::Context context;
        context.colour = want_colour(colour_mode);
        context.paths = std::move(paths);
        accord::cmd::check_traits(accord::cmd::chosen_command(app), context);
        return run ? run(context) : accord::kExitUsage;
    } catch (const accord::Error& e) {
        std::cerr << "accord: error: " << e.what() << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "accord: internal error: " << e.what() << "\n";
        return accord::kExitFailure;
    }
}
