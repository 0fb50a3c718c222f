// accord init [DIR] [--negotiation NAME] [--sign|--no-sign] [--secretariat NAME]
// accord init --bare DIR
#include <iostream>
#include <optional>

#include "cmd/command.hpp"
#include "core/store/config.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"
#include "hooks/record/init.hpp"

namespace accord::cmd {

namespace {

struct InitOptions {
    std::string dir = ".";
    std::string negotiation;  // empty: the directory's name
    bool sign = false, no_sign = false;
    std::string secretariat;
    bool bare = false;
};

ExitCode report_bare(const InitResult& result) {
    std::string where = result.workdir;
    if (where.size() > 1) where.pop_back();
    where = escape_controls(where);  // only shown
    std::cout << (result.created_repository ? "created the bare repository " + where +
                                                  " (branch main), a negotiation's server copy"
                                            : "bare repository " + where + " exists; left as it is")
              << "\n";
    std::cout << "wrote the pre-receive hook " << escape_controls(result.server_hook)
              << ": every push is checked by 'accord hook pre-receive'\n";
    if (!result.server_config.empty())
        std::cout << "set in its git config: " << join(result.server_config) << "\n";
    std::cout << "next: serve it (git daemon, git http-backend, or ssh), then from the "
                 "secretariat's repository: git remote add origin URL && git push origin main\n";
    return kExitOk;
}

ExitCode run_init(const InitOptions& options) {
    InitRequest request;
    request.dir = options.dir;
    if (!options.negotiation.empty()) request.negotiation = options.negotiation;
    if (!options.secretariat.empty()) request.secretariat = options.secretariat;
    if (options.sign || options.no_sign) request.sign = options.sign;
    request.bare = options.bare;
    request.accord_path = hooks::current_executable();
    const InitResult result = init_negotiation(request);
    if (options.bare) return report_bare(result);

    std::string where = result.workdir;
    if (where.size() > 1) where.pop_back();
    where = escape_controls(where);  // only shown
    std::cout << (result.created_repository
                      ? "created the git repository " + where + " (branch main)"
                      : "git repository " + where + " exists; left as it is")
              << "\n";
    std::cout << (result.wrote_config ? "wrote " : "") << kConfigFileName
              << (result.wrote_config
                      ? " (negotiation: " + escape_controls(result.negotiation) + ")"
                      : " exists; left as it is")
              << "\n";
    const hooks::InstallReport& h = result.hooks;
    if (!h.installed.empty())
        std::cout << "installed git hooks in " << escape_controls(h.hooks_dir) << ": "
                  << join(h.installed) << "\n";
    if (!h.updated.empty())
        std::cout << "updated git hooks in " << escape_controls(h.hooks_dir) << ": "
                  << join(h.updated) << "\n";
    if (!h.unchanged.empty()) std::cout << "git hooks up to date: " << join(h.unchanged) << "\n";
    if (h.attributes == "written" || h.attributes == "appended") {
        std::cout << (h.attributes == "written" ? "wrote" : "added accord's lines to")
                  << " .gitattributes (*.md, *.txt: merge=accord diff=accord)\n";
    } else if (h.attributes == "unchanged") {
        std::cout << ".gitattributes up to date\n";
    }
    if (h.registry_attribute == "written" || h.registry_attribute == "appended") {
        std::cout << "routed " << kConfigFileName
                  << " to accord's registry merge in .git/info/attributes (both sides' new "
                     "entries kept; a setting of this clone alone, never committed)\n";
    }
    if (!h.config_set.empty())
        std::cout << "set the merge and diff drivers in .git/config: " << join(h.config_set)
                  << "\n";
    if (!h.config_unchanged.empty() && h.config_set.empty())
        std::cout << "merge and diff drivers up to date\n";
    if (h.pull_merges_set)
        std::cout << "set pull.rebase=false in .git/config: 'git pull' merges another site's "
                     "proposals with accord's driver (git asks how to join diverged lines "
                     "otherwise)\n";
    if (!result.secretariat_key.empty())
        std::cout << "listed your signing key " << result.secretariat_key
                  << " as the secretariat's in " << kConfigFileName << "\n";
    if (!result.commit.empty()) {
        std::cout << "recorded " << join(result.recorded) << " as commit "
                  << result.commit.substr(0, 12)
                  << (result.signed_with.empty() ? "" : ", signed with " + result.signed_with)
                  << ", so that clones have them\n";
    }
    for (const std::string& warning : result.warnings)
        std::cerr << "accord: warning: " << escape_controls(warning) << "\n";
    for (const std::string& warning : h.warnings)
        std::cerr << "accord: warning: " << escape_controls(warning) << "\n";
    if (result.created_repository || result.wrote_config) {
        std::cout << "next: list the delegations in " << kConfigFileName
                  << " and record it (git commit " << kConfigFileName
                  << "), add a text, then 'accord propose FILE --by NAME'\n";
    }
    return kExitOk;
}

}  // namespace

void register_init(CLI::App& app, Run& run) {
    auto options = std::make_shared<InitOptions>();
    CLI::App* command = app.add_subcommand(
        "init", "Create a negotiation repository (or a server's copy), or install its git hooks");
    command->footer(
        "Create a negotiation repository: the directory (if missing), a git repository with\n"
        "branch main, an accord.yaml registry (the negotiation's name; delegations, meetings and\n"
        "notation options to fill in) and git hooks, so that plain 'git commit' gets the same\n"
        "checks as 'accord propose'. A first commit by you (the secretariat) records accord.yaml\n"
        "and .gitattributes, so that every clone has the registry and the merge driver.\n"
        "With --sign (or git config accord.sign true) that commit is signed with your SSH key\n"
        "(user.signingkey, gpg.format ssh) and a new accord.yaml lists the key under\n"
        "secretariat:, which from then on guards the registry.\n\n"
        "Safe to run again: what exists is left as it is. In a fresh clone of a negotiation it\n"
        "only installs the git hooks (git does not copy hooks with a clone). A hook accord did\n"
        "not write is never replaced; a warning says how to chain accord's.\n\n"
        "With --bare DIR it makes the server's copy instead: a bare repository whose pre-receive\n"
        "hook runs 'accord hook pre-receive', refusing pushes that rewrite main, carry forged or\n"
        "(under policy required) unsigned proposals, change accord.yaml without the\n"
        "secretariat, add notation errors or are dated in the future.\n\n"
        "It also makes plain git use accord's merge and diff: .gitattributes gets the lines\n"
        "'*.md merge=accord diff=accord' and '*.txt merge=accord diff=accord' (appended if the\n"
        "file lacks them; commit it), and the repository's .git/config gets\n"
        "merge.accord.driver = 'ACCORD' merge-driver %O %A %B %P and\n"
        "diff.accord.command = 'ACCORD' git-diff (ACCORD: this binary's absolute path). Then\n"
        "'git merge' and 'git pull' merge negotiated texts the way 'accord merge' does\n"
        "(disagreements become bracketed alternatives, not conflict markers) and 'git diff'\n"
        "names the changes (bracket-removed, option-added, ...). git never copies .git/config\n"
        "or hooks with a clone: run 'accord init' once in every fresh clone to turn them on;\n"
        "it touches nothing else there.\n\n"
        "Examples:\n"
        "  accord init wgec --negotiation 'WGEC 2013-14'   # a new repository in ./wgec\n"
        "  accord init                                     # here: new, or hooks and drivers\n"
        "                                                  # for a fresh clone\n"
        "  accord init wgec --sign --secretariat 'WGEC secretariat'\n"
        "  accord init --bare /srv/git/wgec.git            # the server's copy\n\n"
        "accord.yaml:\n"
        "  negotiation: WGEC 2013-14\n"
        "  delegations:\n"
        "    - name: Russian Federation\n"
        "      aliases: [RF, Russia]\n"
        "  meetings:\n"
        "    - {name: WGEC-3, from: 2014-02-24, to: 2014-02-26}\n"
        "  notation: {slash-options: spaced, status: [agreed, agreed ad ref, revisit, no "
        "consensus]}");
    command->add_option("dir", options->dir, "The directory (default: the current one)");
    command->add_option("--negotiation", options->negotiation,
                        "The negotiation's name in a new accord.yaml (default: the directory's "
                        "name)");
    command->add_flag("--sign", options->sign,
                      "Sign the first commit with your SSH key (default: git config accord.sign)");
    command->add_flag("--no-sign", options->no_sign, "Do not sign, whatever accord.sign says")
        ->excludes("--sign");
    command->add_option("--secretariat", options->secretariat,
                        "The secretariat's name in a new accord.yaml when signing (default: your "
                        "git name)");
    command->add_flag("--bare", options->bare,
                      "Make DIR a server's copy: a bare repository whose pre-receive hook checks "
                      "every push");
    command->callback([options, &run] {
        if (options->bare && options->dir == ".") {
            throw CLI::ValidationError("--bare", "name the directory: accord init --bare DIR");
        }
        run = [options](const Context&) { return run_init(*options); };
    });
}

}  // namespace accord::cmd
