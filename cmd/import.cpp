// accord import FILE [--into DIR] [--dry-run] [--negotiation NAME]
// accord import FILE.docx [--as PATH] [--by NAME] [--date D] [--changes bracket|accept]
//                         [--add-delegations] [--author 'Word name=Delegation'] [--dry-run]
#include <cctype>
#include <iostream>

#include "cmd/command.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"
#include "hooks/installer.hpp"
#include "hooks/record/import_apply.hpp"
#include "hooks/record/word_record.hpp"

namespace accord::cmd {

namespace {

struct ImportCommandOptions {
    std::string file;
    std::string into;  // empty: the current repository
    std::string negotiation;
    bool dry_run = false;
    // A Word document (.docx): its history recorded into one text.
    std::string as;
    std::string by, date;
    docx::TrackedChanges changes = docx::TrackedChanges::bracket;
    bool add_delegations = false;
    std::vector<std::string> authors;
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

bool is_word_document(const std::string& file) {
    if (file.size() < 5) return false;
    std::string tail = file.substr(file.size() - 5);
    for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return tail == ".docx";
}

// accord import FILE.docx --as PATH: the Word branch.
ExitCode run_word_import(const ImportCommandOptions& options) {
    if (!options.into.empty() || !options.negotiation.empty())
        throw usage_error(
            "--into and --negotiation are for compilation documents; a Word document "
            "goes into a text of the current repository with --as PATH");
    WordImportRequest request;
    request.file = options.file;
    request.as = options.as;
    if (!options.by.empty()) request.by = options.by;
    if (!options.date.empty()) request.date = options.date;
    request.changes = options.changes;
    request.add_delegations = options.add_delegations;
    for (const std::string& value : options.authors)
        request.authors.push_back(parse_author_mapping(value));
    Workspace workspace = Workspace::open(".");
    const std::vector<WordImportPlan> plans = plan_word_records(workspace, request);
    for (const WordImportPlan& plan : plans)
        for (const std::string& warning : plan.warnings)
            std::cerr << "accord: warning: " << escape_controls(warning) << "\n";
    if (options.dry_run) {
        for (const WordImportPlan& plan : plans)
            std::cout << "would import " << escape_controls(options.file) << " into "
                      << escape_controls(plan.path) << (plan.existing ? " (existing)" : " (new)")
                      << "\n"
                      << escape_controls(render_word_plan(plan, true));
        return kExitOk;
    }
    const WordImportResult result = record_word_imports(workspace, plans);
    for (const WordImportPlan& plan : plans) {
        std::cout << "imported " << escape_controls(options.file) << " into "
                  << escape_controls(plan.path) << " (branch " << escape_controls(result.branch)
                  << ")\n"
                  << escape_controls(render_word_plan(plan, false));
    }
    std::size_t added = 0;
    for (const WordImportPlan& plan : plans) added += plan.added.size();
    if (added > 0) std::cout << "  accord.yaml: " << plural(added, "delegation") << " added\n";
    const std::string path =
        plans.size() == 1 ? " " + escape_controls(shell_word(plans.front().path)) : "";
    std::cout << "next:\n  accord log" << path << "\n  accord positions" << path << "\n";
    if (!path.empty()) std::cout << "  accord blame" << path << "\n";
    return kExitOk;
}

ExitCode run_import(const ImportCommandOptions& options) {
    if (is_word_document(options.file) || !options.as.empty()) return run_word_import(options);
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

// The options of a Word document's import.
void add_word_options(CLI::App& command, ImportCommandOptions& options) {
    command.add_option("--as", options.as,
                       "Word documents: the text to record its history in (new, or one whose "
                       "earlier version the document was made from)");
    command.add_option("--by", options.by,
                       "Word documents: who the base text is by (default: the document's last "
                       "author)");
    command.add_option("--date", options.date,
                       "Word documents: the base text's date, YYYY-MM-DD (default: the document's "
                       "creation date)");
    command
        .add_option("--changes", options.changes,
                    "Word documents: tracked changes as pending proposals (bracket: insertions "
                    "[bracketed], deletions ~~struck~~) or as accepted")
        ->transform(one_of<docx::TrackedChanges>(
            {{"bracket", docx::TrackedChanges::bracket}, {"accept", docx::TrackedChanges::accept}}))
        ->option_text("bracket|accept (default: bracket)");
    command.add_flag("--add-delegations", options.add_delegations,
                     "Word documents: register in accord.yaml the authors and speakers it does "
                     "not know, one line each, the rest of the file kept");
    command.add_option("--author", options.authors,
                       "Word documents: 'Word name=Delegation', the delegation a Word author or a "
                       "speaker stands for; repeatable");
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
        "Wording credited inline to another delegation, '(and responsibilities) (RF)', is\n"
        "recorded as that delegation's proposal, right after the submission it stands in.\n"
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
        "A Word document (.docx) goes into one text of the current repository, --as PATH: the\n"
        "document with its tracked changes rejected is a proposal by --by on --date, then each\n"
        "tracked change a proposal of its author on its date, oldest first. Each comment is split\n"
        "into its speakers (\"US: Delete 'authorized'\", \"LMDC, Pakistan against\"): a speaker "
        "who\n"
        "asks to delete, replace or add wording gets a proposal at that place (a strike, [X][Y]\n"
        "alternatives, a bracketed insertion); anything else is a position, recorded in the\n"
        "history (accord positions lists them). When PATH exists and the document was made from\n"
        "one of its earlier versions, the changes are carried onto the current text by the\n"
        "three-way merge.\n\n"
        "Examples:\n"
        "  accord import party-inputs.docx --as decision.md --dry-run   # the plan; writes "
        "nothing\n"
        "  accord import party-inputs.docx --as decision.md --add-delegations\n"
        "  accord import draft-recommendations.txt --dry-run        # the plan; writes nothing\n"
        "  accord import draft-recommendations.txt --into wgec\n"
        "  accord init wgec && cd wgec && accord import ../draft-recommendations.txt\n\n"
        "Exit: 0 imported (or planned), 2 bad input (unreadable, empty, no recognisable item)\n"
        "or a target that cannot take it (not empty, commits on the branch), nothing written;\n"
        "3 a repository or I/O failure.");
    command
        ->add_option("file", options->file,
                     "The compilation document (plain text), or a Word document (.docx)")
        ->required();
    command->add_option("--into", options->into,
                        "Create the repository in this directory (default: import into the "
                        "current, empty accord repository)");
    command->add_flag("--dry-run,-n", options->dry_run,
                      "Print the plan (date, file, proposers, heading per proposal) and the "
                      "warnings; write nothing");
    command->add_option("--negotiation", options->negotiation,
                        "The negotiation's name in accord.yaml (default: the document's title "
                        "line)");
    add_word_options(*command, *options);
    command->callback(
        [options, &run] { run = [options](const Context&) { return run_import(*options); }; });
}

}  // namespace accord::cmd
