// accord diff [REV [REV]] [-- PATH...]   and   accord diff --no-index A B
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cmd/command.hpp"
#include "core/store/revision.hpp"
#include "core/store/workspace.hpp"
#include "core/util/encoding.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "merge/diff/diff_view.hpp"

namespace accord::cmd {

namespace {

struct DiffOptions {
    std::vector<std::string> revisions;  // or, with --no-index, the two files
    bool no_index = false;
    Format format = Format::text;
    std::size_t context = 12;
};

struct FilePair {
    std::string old_label, new_label, path;
    std::string old_text, new_text;
};

std::string read_or_fail(const std::string& path) {
    FileResult file = read_file(path);
    if (!file.contents) throw usage_error("diff: cannot read " + file.error);
    // Read as propose would record it (UTF-16 as UTF-8, carriage returns as line feeds).
    if (std::optional<ConvertedText> converted = convert_to_recorded(*file.contents))
        return std::move(converted->text);
    return std::move(*file.contents);
}

void refuse_binary(const std::string& label, const std::string& text) {
    if (looks_binary(text)) {
        throw usage_error("diff: " + label +
                          " is a binary file; accord compares negotiation texts (UTF-8 Markdown)");
    }
}

ExitCode print_pairs(const std::vector<FilePair>& pairs, const ParseOptions& parse_options,
                     const DiffOptions& options, const Context& context) {
    JsonWriter json = JsonWriter::with_schema("accord.diff/1");
    if (options.format == Format::json) json.key("files").begin_array();
    std::size_t total = 0;
    for (const FilePair& pair : pairs) {
        refuse_binary(pair.old_label, pair.old_text);
        refuse_binary(pair.new_label, pair.new_text);
        const Document before = parse(pair.old_text, parse_options),
                       after = parse(pair.new_text, parse_options);
        const std::vector<Change> changes = structural_diff(before, after);
        total += changes.size();
        if (options.format == Format::json) {
            write_diff_json(json, pair.path, before, after, changes);
        } else {
            DiffViewOptions view;
            view.style = context.style;
            view.context_tokens = options.context;
            std::cout << render_diff_text(before, after, changes, pair.old_label, pair.new_label,
                                          view);
        }
    }
    if (options.format == Format::json) {
        json.end_array().field("changes", total);
        std::cout << json.finish();
    }
    return kExitOk;
}

ExitCode run_no_index(const DiffOptions& options, const Context& context) {
    if (options.revisions.size() != 2 || !context.paths.empty())
        throw usage_error("diff --no-index takes two files: accord diff --no-index A B");
    FilePair pair{options.revisions[0], options.revisions[1], options.revisions[1],
                  read_or_fail(options.revisions[0]), read_or_fail(options.revisions[1])};
    ParseOptions parse_options;
    try {  // inside a negotiation repository, its notation applies
        parse_options = Workspace::open(".").parse_options();
    } catch (const Error&) {
    }
    return print_pairs({pair}, parse_options, options, context);
}

bool is_revision(const Workspace& ws, const std::string& name) {
    try {
        ws.resolve(name);
        return true;
    } catch (const Error&) {
        return false;
    }
}

ExitCode run_in_repository(const DiffOptions& options, const Context& context) {
    Workspace ws = Workspace::open(".");
    if (ws.repo().is_empty_branch()) throw usage_error("diff: the repository has no proposals yet");
    // git's rule: without '--', the last arguments may name files of the
    // work tree rather than revisions ('accord diff a.md').
    std::vector<std::string> revisions = options.revisions;
    std::vector<std::string> given_paths = context.paths;
    if (given_paths.empty()) {
        // A file of the work tree, or one HEAD holds (deleted, not yet proposed).
        const auto names_a_file = [&](const std::string& arg) {
            if (std::filesystem::exists(arg)) return true;
            try {
                const std::vector<std::string> tracked = ws.texts("");
                return std::find(tracked.begin(), tracked.end(), ws.repo().relative_path(arg)) !=
                       tracked.end();
            } catch (const Error&) {
                return false;  // outside the work tree: no file of it
            }
        };
        while (!revisions.empty() && names_a_file(revisions.back()) &&
               !is_revision(ws, revisions.back())) {
            given_paths.insert(given_paths.begin(), revisions.back());
            revisions.pop_back();
        }
    }
    if (revisions.size() == 1) {  // git's range form, A..B
        if (const auto range = revision_range(revisions.front()))
            revisions = {range->first, range->second};
    }
    if (revisions.size() > 2) {
        throw usage_error(
            "diff takes at most two revisions; put paths after '--': accord diff HEAD~1 -- "
            "recs/A-1.md");
    }
    const std::string old_commit = ws.resolve(revisions.empty() ? "HEAD" : revisions[0]);
    const std::string new_commit = revisions.size() == 2 ? ws.resolve(revisions[1]) : "";
    const std::string old_name = revisions.empty() ? "HEAD" : revisions[0];
    const std::string new_name = revisions.size() == 2 ? revisions[1] : "working tree";

    std::vector<std::string> paths;
    for (const std::string& path : given_paths) paths.push_back(ws.repo().relative_path(path));
    if (paths.empty()) {
        paths = ws.texts(old_commit);
        for (const std::string& p : ws.texts(new_commit)) {
            if (std::find(paths.begin(), paths.end(), p) == paths.end()) paths.push_back(p);
        }
        std::sort(paths.begin(), paths.end());
    }
    std::vector<std::string> links = ws.skipped_links(old_commit);
    for (const std::string& path : ws.skipped_links(new_commit)) links.push_back(path);
    std::sort(links.begin(), links.end());
    links.erase(std::unique(links.begin(), links.end()), links.end());
    note_skipped_links(links);
    std::vector<FilePair> pairs;
    for (const std::string& path : paths) {
        if (std::binary_search(links.begin(), links.end(), path)) continue;
        const auto old_text = ws.read(old_commit, path);
        const auto new_text = ws.read(new_commit, path);
        if (!old_text && !new_text) {
            throw usage_error("diff: '" + path + "' is in neither " + old_name + " nor " +
                              new_name);
        }
        if (old_text == new_text) continue;
        pairs.push_back({old_text ? old_name + ":" + path : "/dev/null",
                         new_text ? new_name + ":" + path : "/dev/null", path,
                         old_text.value_or(""), new_text.value_or("")});
    }
    return print_pairs(pairs, ws.parse_options(), options, context);
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
