// accord merge-file [--strict] [-o OUT] BASE OURS THEIRS
// accord merge-driver BASE OURS THEIRS [PATH]   (git's merge driver: %O %A %B %P)
// accord registry-merge-driver BASE OURS THEIRS [PATH]   (the same, for accord.yaml)
#include <cstdio>
#include <iostream>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cmd/command.hpp"
#include "core/store/config.hpp"
#include "core/store/notation_lookup.hpp"
#include "core/store/workspace.hpp"
#include "core/util/encoding.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "merge/merge3/merge3.hpp"
#include "merge/merge3/registry_merge.hpp"

namespace accord::cmd {

namespace {

struct MergeFileOptions {
    std::string base, ours, theirs;
    std::string output;
    std::string path;  // merge-driver: the file's path in the repository, for messages
    bool strict = false;
    std::optional<SlashOptions> slash_options;  // none: as the file's accord.yaml says
};

// A merge-file process is short-lived: memory it frees is better kept for
// its next allocations than handed back to the system and faulted in again.
// (glibc returns freed blocks above 128 KiB; merging two redrafts of the
// Paris text touched a quarter more pages that way.)
void keep_freed_memory() {
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);  // the heap grows in one step, not a dozen
#endif
}

// Read as propose records a text (UTF-16 as UTF-8, lone carriage returns as
// line feeds), CRLF as LF (see as_merge_input).
MergeInput read_input(const std::string& path, const std::string& role) {
    FileResult file = read_file(path);
    if (!file.contents) throw usage_error("merge-file: cannot read " + role + " " + file.error);
    MergeInput input = as_merge_input(std::move(*file.contents));
    if (looks_binary(input.text))
        throw usage_error("merge-file: " + role + " " + path + " is a binary file");
    return input;
}

// The merge driver's inputs are git's temporary copies (.merge_file_8kJNkh):
// messages name the file's path in the repository and which version it is.
MergeInput read_driver_input(const std::string& path, const MergeFileOptions& o,
                             const std::string& version) {
    const std::string shown =
        (o.path.empty() ? std::string("the file") : o.path) + " (" + version + ")";
    FileResult file = read_file(path);
    if (!file.contents) {
        throw usage_error("merge-driver: cannot read " + shown + ": " +
                          file.error.substr(file.error.find(": ") + 2));
    }
    MergeInput input = as_merge_input(std::move(*file.contents));
    if (looks_binary(input.text)) {
        throw usage_error("merge-driver: " + shown +
                          " is a binary file, which accord cannot merge as a text; merge it by "
                          "hand and commit the result");
    }
    return input;
}

MergeOptions merge_options(const MergeFileOptions& o) {
    MergeOptions options;
    // The notation of the accord.yaml that governs the merged file, as
    // `accord check` reads it: for the merge driver the file's path in the
    // repository (git runs it at the top of the work tree), else OURS. It is
    // found on the file system, without opening the repository: starting
    // libgit2 (which loads the TLS certificates) would cost more than the merge.
    options.parse.notation = notation_for(o.path.empty() ? o.ours : o.path, o.slash_options);
    options.strict = o.strict;
    return options;
}

// -o may not write through a link inside the work tree around us.
OutputOptions output_options() {
    OutputOptions options;
    options.refuse_links_below = work_tree_around(".").value_or("");
    return options;
}

// Each disagreement on standard error, written at once (it is unbuffered),
// then what the merged text still fails of the notation (`merged_file`:
// where it was written, "" for standard output).
void report(const MergeResult& result, const std::string& name, const std::string& merged_file,
            const MergeInput& base, const MergeOptions& options) {
    std::cerr << render_disagreements(name, result.disagreements)
              << conflict_markers_note(name, result.disagreements)
              << notation_errors_note(merged_file, result.text, base.text, options.parse);
}

ExitCode run_merge_file(const MergeFileOptions& o, const Context& context) {
    keep_freed_memory();
    const MergeInput base = read_input(o.base, "BASE"), ours = read_input(o.ours, "OURS"),
                     theirs = read_input(o.theirs, "THEIRS");
    MergeOptions options = merge_options(o);
    options.ours_label = o.ours;
    options.theirs_label = o.theirs;
    const MergeResult result = merge3_line_ends(base, ours, theirs, options);
    if (o.output.empty()) {
        print_document(result.text, context);
    } else if (const std::string error = write_output(o.output, result.text, output_options());
               !error.empty()) {
        throw failure("merge-file: cannot write " + error);
    }
    report(result, o.output.empty() ? o.ours : o.output, o.output, base, options);
    return result.clean() ? kExitOk : kExitFound;
}

// git runs: accord merge-driver %O %A %B %P. The result replaces %A; exit 0
// tells git the file merged (alternatives are a resolution), non-zero that
// conflict markers remain (--strict).
ExitCode run_merge_driver(const MergeFileOptions& o) {
    keep_freed_memory();
    const MergeInput base = read_driver_input(o.base, o, "the common ancestor"),
                     ours = read_driver_input(o.ours, o, "our version"),
                     theirs = read_driver_input(o.theirs, o, "their version");
    MergeOptions options = merge_options(o);
    options.ours_label = "ours";
    options.theirs_label = "theirs";
    const MergeResult result = merge3_line_ends(base, ours, theirs, options);
    if (const std::string error = write_file_atomically(o.ours, result.text); !error.empty()) {
        throw failure("merge-driver: cannot write the merged " +
                      (o.path.empty() ? std::string("file") : o.path) + ": " +
                      error.substr(error.find(": ") + 2));
    }
    report(result, o.path.empty() ? o.ours : o.path, o.path.empty() ? o.ours : o.path, base,
           options);
    if (!result.disagreements.empty() && !result.has_conflict_markers) {
        std::cerr << escape_controls(o.path.empty() ? o.ours : o.path) << ": accord merged "
                  << result.disagreements.size()
                  << " disagreement(s) by the negotiation rules, listed above\n";
    }
    return result.has_conflict_markers ? kExitFound : kExitOk;
}

// git runs: accord registry-merge-driver %O %A %B %P for accord.yaml (accord
// init routes it there in .git/info/attributes). The registry is merged by
// line, both sides' new entries kept (merge_registry). Exit 0: merged; 1:
// conflict markers remain, or the merged registry does not load.
ExitCode run_registry_merge_driver(const MergeFileOptions& o) {
    const std::string name = o.path.empty() ? std::string(kConfigFileName) : o.path;
    auto read = [&](const std::string& file, const std::string& version) {
        FileResult result = read_file(file);
        if (!result.contents) {
            throw usage_error("registry-merge-driver: cannot read " + name + " (" + version +
                              "): " + result.error.substr(result.error.find(": ") + 2));
        }
        return std::move(*result.contents);
    };
    const std::string base = read(o.base, "the common ancestor"),
                      ours = read(o.ours, "our version"), theirs = read(o.theirs, "their version");
    RegistryMergeOptions options;
    options.path = name;
    const RegistryMerge merged = merge_registry(base, ours, theirs, options);
    if (const std::string error = write_file_atomically(o.ours, merged.text); !error.empty()) {
        throw failure("registry-merge-driver: cannot write the merged " + name + ": " +
                      error.substr(error.find(": ") + 2));
    }
    const std::string shown = escape_controls(name);
    if (merged.united > 0) {
        std::cerr << shown << ": accord kept both sides' new entries at " << merged.united
                  << " place(s) where both added lines\n";
    }
    if (merged.conflicts > 0) {
        std::cerr << shown << ": " << merged.conflicts
                  << " place(s) left between conflict markers (both sides changed the same "
                     "lines); keep what the negotiation agreed, remove the markers, then 'git add "
                  << shown << "'\n";
    } else if (!merged.problem.empty()) {
        std::cerr << escape_controls(merged.problem) << "\n"
                  << shown
                  << ": the lines merged, but the registry they give does not load; correct it, "
                     "then 'git add "
                  << shown << "'\n";
    }
    return merged.clean() ? kExitOk : kExitFound;
}

// The drivers' %P comes after "--" (accord init writes `... %O %A %B -- %P`),
// since a text at the top of the work tree may be named "-A1.md"; a driver
// set up by an older accord passes it before.
MergeFileOptions with_path(MergeFileOptions o, const Context& context) {
    if (context.paths.empty()) return o;
    if (context.paths.size() != 1 || !o.path.empty())
        throw usage_error("a merge driver takes one path, the file's (%P)");
    o.path = context.paths.front();
    return o;
}

void add_common(CLI::App* command, MergeFileOptions& o) {
    command->add_option("base", o.base, "The common ancestor")->required();
    command->add_option("ours", o.ours, "Our version")->required();
    command->add_option("theirs", o.theirs, "Their version")->required();
    command->add_flag("--strict", o.strict, "Conflict markers instead of bracketed alternatives");
    add_slash_options_option(*command, o.slash_options);
}

}  // namespace

void register_merge_file(CLI::App& app, Run& run) {
    auto options = std::make_shared<MergeFileOptions>();
    CLI::App* command =
        app.add_subcommand("merge-file", "Three-way merge of one file, like git merge-file -p");
    command->footer(
        "Three-way merge of one negotiated text; the result goes to standard output (or -o).\n"
        "Disagreements do not stop the merge: both sides' wording is kept as bracketed\n"
        "alternatives [ours][theirs], an edit to text the other side deleted or agreed stays\n"
        "bracketed, options both sides added to one bracket are united, brackets both added\n"
        "across each other become one over the wording of both. A paragraph one side\n"
        "moved (or a text it reordered) takes the other side's edit or deletion along to\n"
        "where it went; a paragraph both moved or added, to different places, stands once\n"
        "and is listed as moved-apart. Each disagreement is listed on standard error with its "
        "line.\n\n"
        "  accord merge-file base.md ours.md theirs.md > merged.md\n"
        "  accord merge-file --strict base.md ours.md theirs.md   git-style conflict markers\n\n"
        "Exit: 0 merged cleanly, 1 disagreements became alternatives (or, with --strict,\n"
        "conflicts remain), 2 bad input.");
    add_common(command, *options);
    command->add_option("-o,--output", options->output, "Write the result to this file");
    command->callback([options, &run] {
        run = [options](const Context& c) { return run_merge_file(*options, c); };
    });

    auto driver = std::make_shared<MergeFileOptions>();
    CLI::App* hidden =
        app.add_subcommand("merge-driver", "git's merge driver (accord init configures it)");
    hidden->group("");  // not listed: git calls it
    add_common(hidden, *driver);
    hidden->add_option("path", driver->path, "The file's path in the repository (%P)");
    hidden->callback([driver, &run] {
        run = [driver](const Context& c) { return run_merge_driver(with_path(*driver, c)); };
    });

    auto registry = std::make_shared<MergeFileOptions>();
    CLI::App* registry_driver = app.add_subcommand(
        "registry-merge-driver", "git's merge driver for accord.yaml (accord init configures it)");
    registry_driver->group("");  // not listed: git calls it
    registry_driver->add_option("base", registry->base, "The common ancestor")->required();
    registry_driver->add_option("ours", registry->ours, "Our version")->required();
    registry_driver->add_option("theirs", registry->theirs, "Their version")->required();
    registry_driver->add_option("path", registry->path, "The file's path in the repository (%P)");
    registry_driver->callback([registry, &run] {
        run = [registry](const Context& c) {
            return run_registry_merge_driver(with_path(*registry, c));
        };
    });
}

}  // namespace accord::cmd
