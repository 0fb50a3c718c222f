#pragma once
// How subcommands plug into the binary: each cmd/<name>.cpp defines one
// register function that adds its CLI11 subcommand, fills its options struct
// and sets `run`. registry.cpp lists them all, with what main.cpp checks
// before a command runs.
#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/notation.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"

namespace accord::cmd {

struct Context {
    // Colour or not, decided once (--color, a terminal, NO_COLOR, TERM=dumb);
    // every text view prints through it.
    TerminalStyle style;
    // Standard output is a terminal (or git's pager): a whole document printed
    // there has its control characters shown (print_document).
    bool to_terminal = false;
    // Arguments after a literal "--": paths, as git takes them ("accord diff HEAD~1 --
    // recs/A-1.md"). Only commands whose traits say takes_paths get any.
    std::vector<std::string> paths;
};

using Run = std::function<ExitCode(const Context&)>;

void register_all(CLI::App& app, Run& run);
// Only the command `args` (the command line, program name left out) names,
// or all when it names none (so that help and errors list them all).
void register_for(CLI::App& app, Run& run, const std::vector<std::string>& args);

// What the command table says of a command ("log", "redraft start").
struct CommandTraits {
    bool takes_paths = false;       // files or directories, also after "--"
    bool needs_repository = false;  // runs only inside a git work tree
};
CommandTraits traits_of(std::string_view command);
// The command the parsed command line chose, "redraft start" for a nested one.
std::string chosen_command(const CLI::App& app);
// Throws a usage error when the command takes no paths but `context` has
// some, or needs a repository and the current directory is in none.
void check_traits(std::string_view command, const Context& context);

// The paths a command was given: its positional ones, then those after "--".
std::vector<std::string> paths_with_dashes(std::vector<std::string> positional,
                                           const Context& context);
// The one file of `blame` or `show`, given either way; a usage error names
// `command` when there is none or more than one.
std::string one_path(const std::string& positional, const Context& context,
                     std::string_view command);

void register_check(CLI::App& app, Run& run);
void register_diff(CLI::App& app, Run& run);
void register_init(CLI::App& app, Run& run);
void register_propose(CLI::App& app, Run& run);
void register_hook(CLI::App& app, Run& run);
void register_hooks(CLI::App& app, Run& run);
void register_log(CLI::App& app, Run& run);
void register_show(CLI::App& app, Run& run);
void register_blame(CLI::App& app, Run& run);
void register_who(CLI::App& app, Run& run);
void register_merge_file(CLI::App& app, Run& run);
void register_import(CLI::App& app, Run& run);
void register_redraft(CLI::App& app, Run& run);
void register_merge(CLI::App& app, Run& run);
void register_git_diff(CLI::App& app, Run& run);
void register_compile(CLI::App& app, Run& run);
void register_stats(CLI::App& app, Run& run);
void register_status(CLI::App& app, Run& run);
void register_survival(CLI::App& app, Run& run);
void register_recover(CLI::App& app, Run& run);
void register_verify(CLI::App& app, Run& run);
void register_positions(CLI::App& app, Run& run);

// A whole document (a text as it stood, a compilation, a merged text): byte
// for byte into a file or a pipe, with its control characters shown
// (escape_controls) on a terminal.
void print_document(std::string_view document, const Context& context);

// A note on standard error for each text left unread because it is a
// symbolic link (Workspace::skipped_links).
void note_skipped_links(const std::vector<std::string>& paths);

// The index of `input` among `words` (in lower case), ASCII case ignored;
// nullopt when it is none of them.
std::optional<std::size_t> index_among(const std::vector<std::string>& words,
                                       const std::string& input);
// "'pdf' is not one of: md, markdown, html, docx".
std::string not_one_of(const std::string& input, const std::vector<std::string>& words);

// A validator for an option that takes one of a few words (ASCII case
// ignored), each standing for a value of T: the word is turned into its
// value, and any other word is refused saying which words there are.
template <class T>
CLI::Validator one_of(const std::vector<std::pair<std::string, T>>& choices) {
    std::vector<std::string> words;
    std::vector<T> values;
    for (const auto& [word, value] : choices) {
        words.push_back(ascii_lowercase(word));
        values.push_back(value);
    }
    return CLI::Validator(
        [words, values](std::string& input) -> std::string {
            const std::optional<std::size_t> k = index_among(words, input);
            if (!k) return not_one_of(input, words);
            input = std::to_string(static_cast<long long>(values[*k]));  // CLI11 reads an enum so
            return {};
        },
        join(words, ", "));
}

// The same for an option kept as the word itself (in lower case).
CLI::Validator one_of_words(const std::vector<std::string>& words);

// Shared option: --format text|json.
enum class Format { text, json };
void add_format_option(CLI::App& command, Format& format);

// Shared option: --slash-options spaced|any, left empty when not given (the
// governing accord.yaml decides: notation_for).
void add_slash_options_option(CLI::App& command, std::optional<SlashOptions>& slash_options);

}  // namespace accord::cmd
