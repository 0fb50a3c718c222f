// accord: version control for negotiated text.
#include <algorithm>
#include <iostream>
#include <sstream>

#include "cmd/command.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"

namespace {

// --color before or after the command: `accord --color never diff` and
// `accord diff --color never` alike.
void add_colour_option(CLI::App& command, accord::ColourChoice& choice) {
    using accord::ColourChoice;
    command
        .add_option("--color,--colour", choice,
                    "Colour: auto (only on a terminal, never with NO_COLOR), always, never")
        ->transform(accord::cmd::one_of<ColourChoice>({{"auto", ColourChoice::automatic},
                                                       {"always", ColourChoice::always},
                                                       {"never", ColourChoice::never}}))
        ->default_str("auto");
    for (CLI::App* sub : command.get_subcommands([](CLI::App*) { return true; }))
        add_colour_option(*sub, choice);
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
    // A mistake on the command line reads as any other error: "accord: error: ...".
    app.failure_message([](const CLI::App*, const CLI::Error& e) {
        return "accord: error: " + std::string(e.what()) +
               "\nRun with --help for the options and what each takes.\n";
    });
    app.set_version_flag("--version", "accord 0.1.0");
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
    accord::ColourChoice colour = accord::ColourChoice::automatic;
    add_colour_option(app, colour);
    // A word where the command goes that names none: say so, not that a command is missing.
    // (The words before it are accord's own options: --color takes a value.)
    std::size_t word = 0;
    while (word < args.size() && !args[word].empty() && args[word][0] == '-')
        word += args[word] == "--color" || args[word] == "--colour" ? 2 : 1;
    if (word < args.size() && !args[word].empty() &&
        app.get_subcommands([&](CLI::App* sub) { return sub->check_name(args[word]); }).empty()) {
        std::cerr << "accord: error: '" << accord::escape_controls(args[word])
                  << "' is not an accord command; 'accord --help' lists them\n";
        return accord::kExitUsage;
    }
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
        // The message may quote the command line, which may quote a file name.
        std::ostringstream out, err;
        app.exit(e, out, err);
        std::cout << accord::escape_controls(out.str());
        std::cerr << accord::escape_controls(err.str());
        return accord::kExitUsage;
    }
    try {
        accord::cmd::Context context;
        const accord::TerminalFacts facts = accord::TerminalFacts::of_stdout();
        context.style = accord::TerminalStyle::decide(colour, facts);
        context.to_terminal = facts.is_terminal;
        context.paths = std::move(paths);
        accord::cmd::check_traits(accord::cmd::chosen_command(app), context);
        return run ? run(context) : accord::kExitUsage;
    } catch (const accord::Error& e) {
        std::cerr << "accord: error: " << accord::escape_controls(e.what()) << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "accord: internal error: " << accord::escape_controls(e.what()) << "\n";
        return accord::kExitFailure;
    }
}
