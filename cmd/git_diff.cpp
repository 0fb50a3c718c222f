// accord git-diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE [NEW-PATH INFO]
// git's external diff driver (diff.accord.command, set by accord init), so
// that plain `git diff` shows accord's named changes and word-level view for
// the files .gitattributes marks diff=accord.
#include <iostream>

#include "cmd/command.hpp"
#include "core/store/workspace.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/terminal.hpp"
#include "merge/diff/diff_view.hpp"

namespace accord::cmd {

namespace {

struct GitDiffOptions {
    std::vector<std::string> args;
};

ExitCode run_git_diff(const GitDiffOptions& options, const Context& context) {
    // accord init writes `accord git-diff --`: a path git passes may start
    // with '-' (a text "-A1.md" at the top), and after "--" none is an option.
    const std::vector<std::string> a = paths_with_dashes(options.args, context);
    if (a.size() == 1) {  // git's call for an unmerged path
        std::cout << "* Unmerged path " << escape_controls(a[0]) << "\n";
        return kExitOk;
    }
    if (a.size() != 7 && a.size() != 9) {
        throw usage_error(
            "git-diff is git's external diff driver: it takes PATH OLD-FILE OLD-HEX OLD-MODE "
            "NEW-FILE NEW-HEX NEW-MODE; use 'accord diff' yourself");
    }
    const std::string& path = a[0];
    const std::string& new_path = a.size() == 9 ? a[7] : a[0];
    auto read = [](const std::string& file) {
        FileResult r = read_file(file);
        if (!r.contents) throw failure("git-diff: cannot read " + r.error);
        return std::move(*r.contents);
    };
    const std::string old_text = read(a[1]), new_text = read(a[4]);
    const std::string old_label = a[1] == "/dev/null" ? "/dev/null" : "a/" + path;
    const std::string new_label = a[4] == "/dev/null" ? "/dev/null" : "b/" + new_path;
    if (looks_binary(old_text) || looks_binary(new_text)) {
        std::cout << "Binary files " << escape_controls(old_label) << " and "
                  << escape_controls(new_label) << " differ\n";
        return kExitOk;
    }
    ParseOptions parse_options;
    try {  // git runs this at the top of the work tree: the repository's notation
        parse_options = Workspace::open(".").parse_options();
    } catch (const Error&) {
    }
    const Document before = parse(old_text, parse_options), after = parse(new_text, parse_options);
    const std::vector<Change> changes = structural_diff(before, after);
    DiffViewOptions view;
    view.style = context.style;
    std::cout << render_diff_text(before, after, changes, old_label, new_label, view);
    if (a[3] != a[6] && a[3] != "." && a[6] != ".") {
        std::cout << "mode " << escape_controls(a[3]) << " -> " << escape_controls(a[6]) << "\n";
    }
    return kExitOk;
}

}  // namespace

void register_git_diff(CLI::App& app, Run& run) {
    auto options = std::make_shared<GitDiffOptions>();
    CLI::App* command =
        app.add_subcommand("git-diff", "git's external diff driver (accord init configures it)");
    command->group("");  // not listed: git calls it
    command->footer(
        "Called by git for files marked diff=accord in .gitattributes (diff.accord.command):\n"
        "[--] PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE. Prints accord's diff\n"
        "view.");
    command->add_option("args", options->args, "git's external diff arguments");
    command->allow_extras(false);
    command->callback([options, &run] {
        run = [options](const Context& c) { return run_git_diff(*options, c); };
    });
}

}  // namespace accord::cmd
