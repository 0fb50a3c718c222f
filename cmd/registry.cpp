#include "cmd/command.hpp"

#include <cstdio>
#include <iostream>

#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"

namespace accord::cmd {

namespace {

struct Entry {
    std::string_view name;  // the command as typed: "log", "redraft start"
    void (*add)(CLI::App&, Run&);
    CommandTraits traits;
};

constexpr CommandTraits kPaths{.takes_paths = true, .needs_repository = false};
constexpr CommandTraits kRepository{.takes_paths = false, .needs_repository = true};
constexpr CommandTraits kPathsInRepository{.takes_paths = true, .needs_repository = true};
constexpr CommandTraits kNeither{};

// In the order `accord --help` lists them. A function that adds several
// commands (merge-file and merge-driver, redraft's start and list) has a
// row for each.
const std::vector<Entry>& entries() {
    static const std::vector<Entry> all = {
        {"check", register_check, kPaths},  // inside a repository: all its texts
        {"diff", register_diff, kPaths},    // --no-index needs no repository
        {"init", register_init, kNeither},
        {"propose", register_propose, kPathsInRepository},
        {"hook", register_hook, kNeither},  // pre-receive runs in a bare repository
        {"hooks", register_hooks, kRepository},
        {"log", register_log, kPathsInRepository},
        {"show", register_show, kPathsInRepository},
        {"blame", register_blame, kPathsInRepository},
        {"who", register_who, kPathsInRepository},
        {"merge-file", register_merge_file, kNeither},
        {"merge-driver", register_merge_file, kPaths},  // %P after "--"
        {"registry-merge-driver", register_merge_file, kPaths},
        {"import", register_import, kNeither},  // --into creates one
        {"redraft start", register_redraft, kPathsInRepository},
        {"redraft list", register_redraft, kRepository},
        {"merge", register_merge, kRepository},
        {"git-diff", register_git_diff, kPaths},  // git's arguments after "--"
        {"compile", register_compile, kRepository},
        {"stats", register_stats, kPathsInRepository},
        {"status", register_status, kPathsInRepository},
        {"survival", register_survival, kRepository},
        {"positions", register_positions, kPathsInRepository},
        {"recover", register_recover, kRepository},
        {"verify", register_verify, kRepository},
    };
    return all;
}

std::string_view first_word(std::string_view name) {
    return name.substr(0, name.find(' '));
}

}  // namespace

void register_all(CLI::App& app, Run& run) {
    void (*previous)(CLI::App&, Run&) = nullptr;
    for (const Entry& entry : entries()) {
        if (entry.add != previous) entry.add(app, run);
        previous = entry.add;
    }
}

void register_for(CLI::App& app, Run& run, const std::vector<std::string>& args) {
    // The first argument that names a command is the command: git runs the
    // merge driver once per merged file, and registering every command's
    // options costs more than the dynamic loader.
    for (const std::string& arg : args) {
        for (const Entry& entry : entries()) {
            if (arg == first_word(entry.name)) return entry.add(app, run);
        }
    }
    register_all(app, run);
}

CommandTraits traits_of(std::string_view command) {
    for (const Entry& entry : entries()) {
        if (entry.name == command) return entry.traits;
    }
    return kNeither;
}

std::string chosen_command(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* at = &app;;) {
        const auto chosen = at->get_subcommands();
        if (chosen.empty()) break;
        at = chosen.front();
        names.push_back(at->get_name());
    }
    return join(names, " ");
}

void check_traits(std::string_view command, const Context& context) {
    const CommandTraits traits = traits_of(command);
    if (!traits.takes_paths && !context.paths.empty()) {
        throw usage_error(std::string(command) + " takes no paths, but '-- " +
                          join(context.paths, " ") + "' names some; see 'accord " +
                          std::string(command) + " --help'");
    }
    if (traits.needs_repository && !work_tree_around(".")) {
        throw usage_error(std::string(command) +
                          ": not inside a git work tree; run it in a negotiation's repository, "
                          "or create one with 'accord init'");
    }
}

std::vector<std::string> paths_with_dashes(std::vector<std::string> positional,
                                           const Context& context) {
    positional.insert(positional.end(), context.paths.begin(), context.paths.end());
    return positional;
}

std::string one_path(const std::string& positional, const Context& context,
                     std::string_view command) {
    const std::vector<std::string> paths = paths_with_dashes(
        positional.empty() ? std::vector<std::string>{} : std::vector<std::string>{positional},
        context);
    if (paths.size() != 1) {
        throw usage_error(std::string(command) + " takes one file" +
                          (paths.empty() ? "" : ", not " + std::to_string(paths.size())) +
                          ": accord " + std::string(command) + " PATH (or -- PATH)");
    }
    return paths.front();
}

void print_document(std::string_view document, const Context& context) {
    const std::string shown = context.to_terminal ? escape_controls(document) : std::string();
    const std::string_view out = context.to_terminal ? std::string_view(shown) : document;
    // One write: a merged text or a compilation is often larger than stdio's buffer.
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
}

void note_skipped_links(const std::vector<std::string>& paths) {
    for (const std::string& path : paths) {
        std::cerr << "accord: note: skipped " << escape_controls(path)
                  << ": a symbolic link (accord never reads a link as a text)\n";
    }
}

std::optional<std::size_t> index_among(const std::vector<std::string>& words,
                                       const std::string& input) {
    const std::string lowered = ascii_lowercase(input);
    for (std::size_t k = 0; k < words.size(); ++k)
        if (words[k] == lowered) return k;
    return std::nullopt;
}

std::string not_one_of(const std::string& input, const std::vector<std::string>& words) {
    return "'" + input + "' is not one of: " + join(words, ", ");
}

CLI::Validator one_of_words(const std::vector<std::string>& words) {
    std::vector<std::string> lowered;
    for (const std::string& word : words) lowered.push_back(ascii_lowercase(word));
    return CLI::Validator(
        [lowered](std::string& input) -> std::string {
            const std::optional<std::size_t> k = index_among(lowered, input);
            if (!k) return not_one_of(input, lowered);
            input = lowered[*k];
            return {};
        },
        join(lowered, ", "));
}

void add_format_option(CLI::App& command, Format& format) {
    command.add_option("--format", format, "Output format: text for people, json for tools")
        ->transform(one_of<Format>({{"text", Format::text}, {"json", Format::json}}))
        ->default_str("text")
        ->option_text("text|json (default: text)");
}

void add_slash_options_option(CLI::App& command, std::optional<SlashOptions>& slash_options) {
    command
        .add_option_function<std::string>(
            "--slash-options",
            [&slash_options](const std::string& value) {
                slash_options = value == "any" ? SlashOptions::any : SlashOptions::spaced;
            },
            "Which '/' separates options inside a bracket: spaced (' / ' only) or any "
            "(default: as accord.yaml says, else spaced)")
        ->transform(one_of_words({"spaced", "any"}));
}

}  // namespace accord::cmd
