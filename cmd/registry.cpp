#include "cmd/command.hpp"

#include <iostream>

namespace accord::cmd {

namespace {

struct Entry {
    std::vector<std::string_view> names;  // the subcommands it adds
    void (*add)(CLI::App&, Run&);
};

// In the order `accord --help` lists them.
const std::vector<Entry>& entries() {
    static const std::vector<Entry> all = {
        {{"check"}, register_check},     {{"diff"}, register_diff},
        {{"init"}, register_init},       {{"propose"}, register_propose},
        {{"hook"}, register_hook},       {{"hooks"}, register_hooks},
        {{"log"}, register_log},
        {{"show"}, register_show},       {{"blame"}, register_blame},
        {{"who"}, register_who},         {{"merge-file", "merge-driver"}, register_merge_file},
        {{"import"}, register_import},   {{"redraft"}, register_redraft},
        {{"merge"}, register_merge},     {{"git-diff"}, register_git_diff},
        {{"compile"}, register_compile}, {{"stats"}, register_stats},
        {{"status"}, register_status},   {{"survival"}, register_survival},
        {{"positions"}, register_positions},
    };
    return all;
}

}  // namespace

void register_all(CLI::App& app, Run& run) {
    for (const Entry& entry : entries()) entry.add(app, run);
}

void register_for(CLI::App& app, Run& run, const std::vector<std::string>& args) {
    // The first argument that names a command is the command: git runs the
    // merge driver once per merged file, and registering every command's
    // options costs more than the dynamic loader.
    for (const std::string& arg : args) {
        for (const Entry& entry : entries()) {
            for (std::string_view name : entry.names) {
                if (arg == name) return entry.add(app, run);
            }
        }
    }
    register_all(app, run);
}

void note_skipped_links(const std::vector<std::string>& paths) {
    for (const std::string& path : paths) {
        std::cerr << "accord: note: skipped " << path
                  << ": a symbolic link (accord never reads a link as a text)\n";
    }
}

void add_format_option(CLI::App& command, Format& format) {
    command.add_option("--format", format, "Output format: text for people, json for tools")
        ->transform(CLI::CheckedTransformer(
            std::map<std::string, Format>{{"text", Format::text}, {"json", Format::json}},
            CLI::ignore_case))
        ->default_str("text")
        ->option_text("text|json (default: text)");
}

}  // namespace accord::cmd
