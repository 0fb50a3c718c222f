// accord recover
#include <iostream>

#include "cmd/command.hpp"
#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "core/util/notice.hpp"

namespace accord::cmd {

namespace {

ExitCode run_recover() {
    // Opening finishes an interrupted command already when it can; this
    // command says so in its own words rather than as a note.
    std::vector<std::string> said;
    const NoticeSink previous =
        set_notice_sink([&said](const std::string& text) { said.push_back(text); });
    std::optional<Recovery> recovery;
    try {
        Repository repo = Repository::open(".");
        recovery = repo.recover();
        set_notice_sink(previous);
    } catch (...) {
        set_notice_sink(previous);
        for (const std::string& text : said) std::cerr << "accord: note: " << text << "\n";
        throw;
    }
    for (const std::string& text : said) std::cout << text << "\n";
    if (said.empty()) {
        std::cout << "nothing to recover: no accord command was interrupted here\n";
    }
    if (recovery && recovery->outcome == Recovery::Outcome::pending) return kExitFailure;
    return kExitOk;
}

}  // namespace

void register_recover(CLI::App& app, Run& run) {
    CLI::App* command =
        app.add_subcommand("recover", "Finish or roll back an accord command that was interrupted");
    command->footer(
        "An accord command that moves a branch (propose, merge, import, redraft start) writes\n"
        "a journal of what the index and the work tree must become before the branch moves,\n"
        "and removes it when they are. If the command was killed in between (kill -9, a\n"
        "crash, a power cut), the next accord command finishes it, or, when the branch had not\n"
        "moved yet, drops the journal: nothing was recorded and nothing changed. It says which.\n"
        "'accord recover' does the same on demand and says what it did; with nothing to do it\n"
        "says so. Until then, commit nothing with plain git: the index may still hold the old\n"
        "text (accord's pre-commit hook refuses such a commit).\n\n"
        "  accord recover\n\n"
        "Exit: 0 done (or nothing to do), 3 the index could not be written yet (another program\n"
        "holds it, or the disk is full): solve that and run it again.");
    command->callback([&run] { run = [](const Context&) { return run_recover(); }; });
}

}  // namespace accord::cmd
