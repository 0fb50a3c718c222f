// accord: version control for negotiated text.
#include <algorithm>
#include <iostream>
#include <sstream>

#include "cmd/command.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"

namespace {

// git's spelling of what accord's commands spell otherwise.
const std::vector<std::pair<std::string, std::string>> kGitSpellings = {
    {"--author", "--by"},     {"--max-count", "-n"},
    {"--delegation", "--by"}, {"--proposer", "--by"},
    {"--message", "-m"},      {"--rev", "--at"},
    {"--revision", "--at"},   {"--output-format", "--format"}};

// The first option in `args` that `command` does not take ("--author" to
// log), with the option meant when one is near ("did you mean --by?"); ""
// when every option is known. Said before what CLI11 found first (a
// required option missing), which would otherwise hide the mistyped one.
std::string unknown_option(const CLI::App& command, const std::vector<std::string>& args) {
    std::vector<std::string> known = {"--help", "--color", "--colour"};
    for (const CLI::Option* option : command.get_options()) {
        for (const std::string& name : option->get_lnames()) known.push_back("--" + name);
        for (const std::string& name : option->get_snames()) known.push_back("-" + name);
    }
    for (const std::string& arg : args) {
        if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) continue;
        const std::string name = arg.substr(0, arg.find('='));
        if (std::find(known.begin(), known.end(), name) != known.end()) continue;
        std::string meant;
        for (const auto& [git, ours] : kGitSpellings)
            if (name == git) meant = ours;
        std::size_t nearest = 3;
        for (const std::string& k : known) {
            if (!meant.empty()) break;
            const std::size_t distance = accord::edit_distance(name, k);
            if (distance < nearest) nearest = distance, meant = k;
        }
        // Only an option this command takes is suggested.
        if (std::find(known.begin(), known.end(), meant) == known.end()) meant.clear();
        std::string path = command.get_name();
        for (const CLI::App* up = command.get_parent(); up && up->get_parent();
             up = up->get_parent())
            path = up->get_name() + " " + path;
        return "'accord " + path + "' has no option " + name +
               (meant.empty() ? "" : " (did you mean " + meant + "?)");
    }
    return "";
}

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
    const std::vector<std::string> given = args;  // parse() consumes args
    std::reverse(args.begin(), args.end());       // CLI11 takes them last first
    try {
        app.parse(args);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        if (word < given.size()) {
            CLI::App* command = app.get_subcommand(given[word]);
            // `accord redraft start ...`: the options are the innermost command's.
            for (std::size_t k = word + 1; k < given.size(); ++k) {
                const std::vector<CLI::App*> inner = command->get_subcommands(
                    [&](CLI::App* sub) { return sub->check_name(given[k]); });
                if (!inner.empty()) command = inner.front();
            }
            if (const std::string unknown = unknown_option(*command, given); !unknown.empty()) {
                std::cerr << "accord: error: " << accord::escape_controls(unknown)
                          << "\nRun it with --help for the options and what each takes.\n";
                return accord::kExitUsage;
            }
        }
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
