#pragma once
// How subcommands plug into the binary: each cmd/<name>.cpp defines one
// register function that adds its CLI11 subcommand, fills its options struct
// and sets `run`. registry.cpp lists them all.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace accord::cmd {

struct Context {
    bool colour = false;  // stdout is a terminal, NO_COLOR unset, --color not "never"
    // Arguments after a literal "--": paths, as git takes them ("accord diff HEAD~1 --
    // recs/A-1.md").
    std::vector<std::string> paths;
};

using Run = std::function<int(const Context&)>;

void register_all(CLI::App& app, Run& run);
// Only the command `args` (the command line, program name left out) names,
// or all when it names none (so that help and errors list them all).
void register_for(CLI::App& app, Run& run, const std::vector<std::string>& args);

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
void register_positions(CLI::App& app, Run& run);

// A note on standard error for each text left unread because it is a
// symbolic link (Workspace::skipped_links).
void note_skipped_links(const std::vector<std::string>& paths);

// Shared option: --format text|json.
enum class Format { text, json };
void add_format_option(CLI::App& command, Format& format);

}  // namespace accord::cmd
