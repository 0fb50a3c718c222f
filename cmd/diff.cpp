// accord diff [REV [REV]] [-- PATH...]   and   accord diff --no-index A B
#include <iostream>

#include "cmd/command.hpp"
#include "core/store/workspace.hpp"
#include "core/util/encoding.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "merge/diff/diff_view.hpp"
#include "merge/diff/revision_diff.hpp"
#include "merge/report/history.hpp"

namespace accord::cmd {

namespace {

struct DiffOptions {
    std::vector<std::string> revisions;  // or, with --no-index, the two files
    bool no_index = false;
    Format format = Format::text;
    std::size_t context = 12;
};

std::string read_or_fail(const std::string& path) {
    FileResult file = read_file(path);
    if (!file.contents) throw usage_error("diff: cannot read " + file.error);
    // Read as propose would record it (UTF-16 as UTF-8, carriage returns as line feeds).
    if (std::optional<ConvertedText> converted = convert_to_recorded(*file.contents))
        return std::move(converted->text);
    return std::move(*file.contents);
}

// Prints each described text as it comes: the text view at once, the JSON
// document once every file is in.
class DiffPrinter {
  public:
    DiffPrinter(const DiffOptions& options, const Context& context)
        : options_(options), context_(context) {
        if (options_.format == Format::json) json_.key("files").begin_array();
    }
    void print(const DescribedPair& pair) {
        total_ += pair.changes.size();
        if (options_.format == Format::json) {
            write_diff_json(json_, pair.texts.path, pair.before, pair.after, pair.changes,
                            pair.texts.moved_from);
            return;
        }
        std::cout << (pair.rendered.empty() ? render(pair) : pair.rendered);
    }
    // The text view of one file.
    std::string render(const DescribedPair& pair) const {
        DiffViewOptions view;
        view.style = context_.style;
        view.context_tokens = options_.context;
        return render_diff_text(pair.before, pair.after, pair.changes, pair.texts.old_label,
                                pair.texts.new_label, view);
    }
    ExitCode finish() {
        if (options_.format == Format::json) {
            json_.end_array().field("changes", total_);
            std::cout << json_.finish();
        }
        return kExitOk;
    }

  private:
    const DiffOptions& options_;
    const Context& context_;
    JsonWriter json_ = JsonWriter::with_schema("accord.diff/1");
    std::size_t total_ = 0;
};

ExitCode run_no_index(const DiffOptions& options, const Context& context) {
    if (options.revisions.size() != 2 || !context.paths.empty())
        throw usage_error("diff --no-index takes two files: accord diff --no-index A B");
    TextPair pair{options.revisions[1], options.revisions[0], options.revisions[1],
                  read_or_fail(options.revisions[0]), read_or_fail(options.revisions[1])};
    ParseOptions parse_options;
    try {  // inside a negotiation repository, its notation applies
        parse_options = Workspace::open(".").parse_options();
    } catch (const Error&) {
    }
    DiffPrinter printer(options, context);
    printer.print(describe_pair(std::move(pair), parse_options));
    return printer.finish();
}

ExitCode run_in_repository(const DiffOptions& options, const Context& context) {
    Workspace ws = Workspace::open(".");
    RevisionDiffRequest request = revision_diff_request(ws, options.revisions, context.paths);
    follow_moved_paths(ws, request);
    note_skipped_links(request.skipped_links);
    DiffPrinter printer(options, context);
    RevisionDiffOptions diff_options;
    diff_options.parse = ws.parse_options();
    if (options.format == Format::text)  // rendered on the describing threads
        diff_options.render = [&](const DescribedPair& pair) { return printer.render(pair); };
    diff_revisions(ws, request, diff_options,
                   [&](const DescribedPair& pair) { printer.print(pair); });
    return printer.finish();
}

}  // namespace

void register_diff(CLI::App& app, Run& run) {
    auto options = std::make_shared<DiffOptions>();
    CLI::App* command = app.add_subcommand("diff", "Show what changed, in negotiation terms");
    command->footer(
        "Show what changed between two versions of a text, in negotiation terms: brackets lifted\n"
        "(bracket-removed), options added or chosen, strikes, status changes, then the changed\n"
        "words in context ([-removed-] {+added+}, or red and green on a terminal).\n\n"
        "  accord diff                         the working tree against the last proposal\n"
        "  accord diff 2014-02-25              the end of 25 February 2014 against the working "
        "tree\n"
        "  accord diff WGEC-3 HEAD -- recs/A-1.md   a meeting's end against now, one file\n"
        "  accord diff HEAD~3..HEAD~1          git's range form: the two revisions\n"
        "  accord diff recs/A-1.md             one file against its last proposal ('--' only\n"
        "                                      needed where a file's name is also a revision)\n"
        "  accord diff --no-index old.md new.md     two files, no repository needed\n"
        "  accord diff --format json ...       schema accord.diff/1: each change's kind, text,\n"
        "                                      old and new byte ranges and lines, path\n\n"
        "Change kinds: text-inserted text-deleted text-replaced bracket-added bracket-removed\n"
        "bracketed-text-inserted bracket-deleted option-added option-removed option-chosen\n"
        "strike-added strike-removed struck-text-deleted paragraph-added paragraph-deleted\n"
        "alternative-paragraph-added alternative-paragraph-removed status-changed "
        "metadata-changed\n"
        "paragraph-moved paragraph-split paragraph-merged (paragraphs are paired before words:\n"
        "a moved, split or merged paragraph is named so, and its edits shown in place)");
    command->add_option("revisions", options->revisions,
                        "Up to two revisions (git revision, YYYY-MM-DD, meeting)");
    command->add_flag("--no-index", options->no_index, "Compare two files outside any repository");
    command->add_option("--context", options->context, "Unchanged tokens shown around each change")
        ->default_str("12");
    add_format_option(*command, options->format);
    command->callback([options, &run] {
        run = [options](const Context& c) {
            return options->no_index ? run_no_index(*options, c) : run_in_repository(*options, c);
        };
    });
}

}  // namespace accord::cmd
