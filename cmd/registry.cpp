#include "cmd/command.hpp"

namespace accord::cmd {

void register_all(CLI::App& app, Run& run) {
    register_check(app, run);
    register_diff(app, run);
    register_init(app, run);
    register_propose(app, run);
    register_hook(app, run);
    register_log(app, run);
    register_show(app, run);
    register_blame(app, run);
    register_who(app, run);
    register_merge_file(app, run);
    register_import(app, run);
    register_redraft(app, run);
    register_merge(app, run);
    register_git_diff(app, run);
    register_compile(app, run);
    register_stats(app, run);
    register_status(app, run);
    register_survival(app, run);
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
