// accord who PHRASE [-- PATH...]
#include <iostream>

#include "cmd/command.hpp"
#include "merge/blame/blame_view.hpp"

namespace accord::cmd {

namespace {

struct WhoOptions {
    std::string phrase;
    Format format = Format::text;
};

ExitCode run_who(const WhoOptions& options, const Context& context) {
    Workspace ws = Workspace::open(".");
    std::vector<std::string> paths;
    for (const std::string& p : context.paths) paths.push_back(ws.repo().relative_path(p));
    if (const std::string wording = wording_of_phrase(options.phrase);
        !wording.empty() && wording != collapse_white_space(options.phrase))
        std::cerr
            << "accord: note: brackets and strike marks are marks, not wording: looking for \""
            << escape_controls(wording) << "\"\n";
    const auto report = who_proposed(ws, options.phrase, paths);
    if (!report) {
        std::cerr << "accord: no proposal ever contained \"" << escape_controls(options.phrase)
                  << "\"\n";
        // A tool reading JSON still gets one object: no events, standing nowhere.
        if (options.format == Format::json) {
            WhoReport none;
            none.phrase = options.phrase;
            none.current_state = "absent";
            std::cout << render_who_json(none);
        }
        return kExitFound;
    }
    std::cout << (options.format == Format::json ? render_who_json(*report)
                                                 : render_who_text(*report));
    return kExitOk;
}

}  // namespace

void register_who(CLI::App& app, Run& run) {
    auto options = std::make_shared<WhoOptions>();
    CLI::App* command =
        app.add_subcommand("who", "Who first proposed a wording, and what became of it");
    command->footer(
        "Who first proposed a wording (proposers, date, file), what became of it afterwards\n"
        "(bracketed, struck, made one of several options, deleted, restored, moved to another\n"
        "text, agreed) and whether it stands in the current text. The wording is followed\n"
        "from text to text: after each proposal it stands where it stands best (free, then as\n"
        "an option, bracketed, struck). Wording in one of several Option or Alt paragraphs is\n"
        "not agreed until the other options are gone.\n"
        "White space in the phrase and the texts is compared collapsed; brackets and strike\n"
        "marks in the phrase are marks, not wording (\"shall [strengthen]\" looks for\n"
        "\"shall strengthen\", found bracketed). Paths narrow the\n"
        "search to some texts (a directory: the texts in it).\n\n"
        "  accord who \"enhanced cooperation\"\n"
        "  accord who \"multistakeholder\" -- A/01-japan.md\n"
        "  accord who \"multistakeholder\" -- agreed/\n"
        "  accord who -e \"-based\"      (a phrase that starts with a dash)\n\n"
        "Exit: 0 found, 1 no proposal ever contained it.");
    CLI::Option* positional =
        command->add_option("phrase", options->phrase, "The wording to look for");
    CLI::Option* flagged =
        command->add_option("-e,--phrase", options->phrase,
                            "The wording to look for, when it starts with a dash (as git grep -e)");
    positional->excludes(flagged);
    add_format_option(*command, options->format);
    command->callback([options, &run] {
        if (options->phrase.empty())
            throw CLI::ValidationError(
                "phrase", "give the wording to look for (one that starts with a dash: -e PHRASE)");
        run = [options](const Context& c) { return run_who(*options, c); };
    });
}

}  // namespace accord::cmd
