// accord import FILE [--into DIR] [--dry-run] [--negotiation NAME]
#include <iostream>

#include "cmd/command.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"
#include "hooks/installer.hpp"
#include "hooks/record/import_apply.hpp"

namespace accord::cmd {

namespace {

struct ImportCommandOptions {
    std::string file;
    std::string into;  // empty: the current repository
    std::string negotiation;
    bool dry_run = false;
};

// Quoted for a POSIX shell when it needs to be, so the suggested commands paste.
std::string shell_word(const std::string& word) {
    if (!word.empty() &&
        word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789-_./+:@") == std::string::npos)
        return word;
    std::string quoted = "'";
    for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

ExitCode run_import(const ImportCommandOptions& options) {
    const ImportPlan plan = plan_import_file(options.file);
    if (options.dry_run) {
        std::cout << escape_controls(render_plan(plan));
        return kExitOk;
    }
    ImportRequest request;
    if (!options.into.empty()) request.into = options.into;
    if (!options.negotiation.empty()) request.negotiation = options.negotiation;
    request.accord_path = hooks::current_executable();
    request.source_name = options.file;
    const ImportResult result = import_compilation(plan, request);
    // After the import, so that a refused target is not buried under them.
    for (const ImportWarning& warning : plan.warnings) {
        std::cerr << escape_controls(options.file) << ":" << warning.line
                  << ": warning: " << escape_controls(warning.message) << "\n";
    }
    for (const std::string& warning : result.warnings)
        std::cerr << "accord: warning: " << escape_controls(warning) << "\n";

    std::string where = result.workdir;
    if (where.size() > 1) where.pop_back();
    std::cout << "imported " << escape_controls(options.file) << " into " << escape_controls(where)
              << " (" << (result.created_repository ? "new repository, " : "") << "branch "
              << escape_controls(result.branch) << ", negotiation '"
              << escape_controls(result.negotiation) << "')\n";
    std::cout << "  " << plural(result.files, "file") << ", " << plural(result.commits, "proposal")
              << " from " << result.first_date << " to " << result.last_date << ", "
              << plural(result.delegations, "delegation") << " in accord.yaml";
    if (!result.created_repository && !result.added.empty())
        std::cout << " (" << result.added.size() << " new)";
    std::cout << "\n";
    if (!plan.warnings.empty()) {
        std::cout << "  " << plural(plan.warnings.size(), "warning")
                  << " about the source (on stderr): check those places in the imported files\n";
    }
    std::cout << "next:\n";
    if (request.into) std::cout << "  cd " << escape_controls(shell_word(where)) << "\n";
    std::cout << "  accord log --reverse\n";
    if (!result.busiest_path.empty()) {
        const std::string path = escape_controls(shell_word(result.busiest_path));
        std::cout << "  accord log " << path << "\n";
        std::cout << "  accord show " << path << " --at " << result.busiest_first_date << "\n";
        std::cout << "  accord blame " << path << "\n";
    }
    return kExitOk;
}

}  // namespace

void register_import(CLI::App& app, Run& run) {
    auto options = std::make_shared<ImportCommandOptions>();
    CLI::App* command = app.add_subcommand(
        "import", "Turn a compilation document into a repository with attributed history");
    command->footer(
        "Split a compilation document (in the style of the WGEC 2013-14 draft\n"
        "recommendations) into one file per recommendation, statement or opinion, and record\n"
        "each submission as an attributed proposal: one commit per submission, in date order\n"
        "across the repository. A resubmission or revision is a later commit of the same file.\n"
        "Author: the (first) submitter, dated the day the heading gives (12:00 UTC); committer:\n"
        "you; one 'Proposed-by:' trailer per co-sponsor, 'On-behalf-of:' when the heading says\n"
        "so. Files are named <section>/<group>/<NN>-<proposers>.md, with front matter (id,\n"
        "kind, group, title, heading, status). Text outside any item goes to outline.md, or to\n"
        "unclassified.md with a warning: nothing of the source is lost.\n\n"
        "accord.yaml gets the negotiation's name, the delegations found with the aliases the\n"
        "text uses for them (RF, US, JP, ...), and notation: {slash-options: any}. Warnings\n"
        "(a date without a year, an undated item, text nobody signed) go to stderr as\n"
        "FILE:LINE: warning: ...\n\n"
        "With --into DIR the repository is created there (DIR must not exist, be empty, or be\n"
        "the top of an accord repository without proposals); the import is built beside it and\n"
        "moved into place at the end, so a failed import leaves nothing. Without --into the\n"
        "current repository takes it: it must have accord.yaml ('accord init') and no proposal\n"
        "on its branch yet (accord init's first commit is fine).\n\n"
        "Examples:\n"
        "  accord import draft-recommendations.txt --dry-run        # the plan; writes nothing\n"
        "  accord import draft-recommendations.txt --into wgec\n"
        "  accord init wgec && cd wgec && accord import ../draft-recommendations.txt\n\n"
        "Exit: 0 imported (or planned), 2 bad input (unreadable, empty, no recognisable item)\n"
        "or a target that cannot take it (not empty, commits on the branch), nothing written;\n"
        "3 a repository or I/O failure.");
    command->add_option("file", options->file, "The compilation document (plain text)")->required();
    command->add_option("--into", options->into,
                        "Create the repository in this directory (default: import into the "
                        "current, empty accord repository)");
    command->add_flag("--dry-run,-n", options->dry_run,
                      "Print the plan (date, file, proposers, heading per proposal) and the "
                      "warnings; write nothing");
    command->add_option("--negotiation", options->negotiation,
                        "The negotiation's name in accord.yaml (default: the document's title "
                        "line)");
    command->callback(
        [options, &run] { run = [options](const Context&) { return run_import(*options); }; });
}

}  // namespace accord::cmd
