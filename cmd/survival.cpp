// accord survival --by NAME [--at REV] [--across-texts] [--format text|json]
#include <iostream>

#include "cmd/command.hpp"
#include "merge/report/survival.hpp"

namespace accord::cmd {

namespace {

struct SurvivalCommandOptions {
    std::string by;
    std::string at = "HEAD";
    bool across_texts = false;
    Format format = Format::text;
};

ExitCode run_survival(const SurvivalCommandOptions& options, const Context& context) {
    const Workspace ws = Workspace::open(".");
    SurvivalOptions survival;
    survival.delegation = options.by;
    survival.at = options.at;
    survival.across_texts = options.across_texts;
    const SurvivalReport report = wording_survival(ws, survival);
    if (options.format == Format::json) {
        std::cout << render_survival_json(report);
    } else {
        SurvivalViewOptions view;
        view.style = context.style;
        std::cout << render_survival_text(report, view);
    }
    return kExitOk;
}

}  // namespace

void register_survival(CLI::App& app, Run& run) {
    auto options = std::make_shared<SurvivalCommandOptions>();
    CLI::App* command = app.add_subcommand(
        "survival", "What became of one delegation's wording: kept, modified, bracketed, struck");
    command->footer(
        "For one delegation, each of its proposals (co-sponsored ones included, on any merged\n"
        "branch) and what became of the wording it added, in the current text.\n\n"
        "A proposal's wording is the words (and numbers) it inserted into each file: the token\n"
        "diff against its parent, word by word, not counting whole paragraphs it only\n"
        "moved. Brackets, separators and strikes are acts on wording, not wording. A word\n"
        "of the current text is the proposal's when 'accord blame' gives it to that proposal,\n"
        "as its first proposer or as the one that restored it, in whichever text it now\n"
        "stands: wording a later proposal moved to another text counts there (with\n"
        "--across-texts, wording deleted from another text and tabled again counts too).\n"
        "Each of its words is then\n"
        "  standing   present, outside any bracket or strike\n"
        "  bracketed  present inside an open bracket, not struck\n"
        "  struck     present inside a ~~strike~~ (proposed for deletion)\n"
        "  gone       absent: deleted, replaced, or its file removed\n"
        "and each proposal's outcome is the first of these that applies:\n"
        "  no-wording  it added no words (it only bracketed, struck, chose or deleted)\n"
        "  deleted     none of its words is present\n"
        "  struck      some of its words are struck\n"
        "  bracketed   some of its words are bracketed\n"
        "  kept        all of its words are standing: kept as proposed\n"
        "  modified    some are standing, the others gone\n\n"
        "Examples:\n"
        "  accord survival --by Nigeria\n"
        "  accord survival --by RF                 an alias of accord.yaml's registry\n"
        "  accord survival --by Japan --at WGEC-3  the text at the end of a meeting as 'current'\n"
        "  accord survival --by Japan --format json\n"
        "        schema accord.survival/1 (see README.md): per proposal its commit, date, day,\n"
        "        proposers, subject, outcome, words {proposed, standing, bracketed, struck,\n"
        "        gone} and files (each with path, outcome, words); totals.\n\n"
        "An unknown name exits 2 and names the nearest delegations; a delegation without\n"
        "proposals, or an empty repository, gives an empty report and exits 0.");
    command->add_option("--by", options->by, "The delegation (a name or alias)")->required();
    command
        ->add_option("--at", options->at,
                     "The text taken as current: a git revision, a date (YYYY-MM-DD) or a meeting")
        ->default_str("HEAD");
    command->add_flag("--across-texts", options->across_texts,
                      "Blame each text as accord blame --across-texts does");
    add_format_option(*command, options->format);
    command->callback([options, &run] {
        run = [options](const Context& c) { return run_survival(*options, c); };
    });
}

}  // namespace accord::cmd
