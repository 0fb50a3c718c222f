// accord log [PATH...] [--since D] [--until D] [--by NAME] [--reverse] [-n N] [--format text|json]
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cmd/command.hpp"
#include "core/util/file.hpp"
#include "core/util/text.hpp"
#include "hooks/verify.hpp"
#include "merge/report/log_view.hpp"

namespace accord::cmd {

namespace {

struct LogCommandOptions {
    std::vector<std::string> paths;
    std::string since, until;
    std::vector<std::string> by;
    bool reverse = false;
    bool details = false;
    std::optional<std::size_t> max_count;  // -n N, or git's -N
    Format format = Format::text;
};

// git's "-3" for "-n 3": a number after a dash, where no file of that name
// is meant (CLI11 hands a negative number on as a path).
std::optional<std::size_t> dash_count(const std::string& arg) {
    if (arg.size() < 2 || arg.size() > 10 || arg[0] != '-') return std::nullopt;
    std::size_t n = 0;
    for (std::size_t k = 1; k < arg.size(); ++k) {
        if (arg[k] < '0' || arg[k] > '9') return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(arg[k] - '0');
    }
    return n;
}

// Standard output for a stream of entries. For the first second each entry
// is written as soon as it is known: `accord log | head -1` answers while the
// walk goes on, and a reader that stopped reading is noticed at the next
// entry (the write fails: SIGPIPE ends the process, or, where SIGPIPE is
// ignored, EPIPE stops the walk). Later, entries are gathered and written
// every tenth of a second.
class StreamOutput {
  public:
    bool write(const std::string& text) {
        std::cout << text;
        const auto now = std::chrono::steady_clock::now();
        if (now - start_ < std::chrono::seconds(1) ||
            now - last_flush_ > std::chrono::milliseconds(100)) {
            std::cout.flush();
            last_flush_ = now;
        }
        return static_cast<bool>(std::cout);
    }

  private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_flush_ = start_;
};

// git's exit status when the reader of its output went away (128 + SIGPIPE).
constexpr ExitCode kReaderGone = static_cast<ExitCode>(141);

ExitCode run_log(const LogCommandOptions& options, const Context& context) {
    Workspace ws = Workspace::open(".");
    LogOptions log;
    std::optional<std::size_t> most = options.max_count;
    // "-3" before "--" only: after it, every argument is a path.
    std::vector<std::string> before_dashes;
    for (const std::string& arg : options.paths) {
        std::error_code absent;
        if (const std::optional<std::size_t> n = dash_count(arg);
            n && !std::filesystem::exists(std::filesystem::symlink_status(arg, absent))) {
            most = n;
        } else {
            before_dashes.push_back(arg);
        }
    }
    for (const std::string& path : paths_with_dashes(before_dashes, context))
        log.paths.push_back(ws.repo().relative_path(path));
    if (!options.since.empty()) log.since = options.since;
    if (!options.until.empty()) log.until = options.until;
    log.by = options.by;
    LogViewOptions view;
    view.style = context.style;
    view.details = options.details;
    // Who signed each proposal, once the registry lists keys or requires
    // signatures: checked as each entry is printed, against the registry
    // before it, as `accord verify` checks it.
    std::optional<hooks::Verifier> verifier;
    if (hooks::signatures_in_use(ws.config())) verifier.emplace(ws.repo());
    LogJson json;
    StreamOutput out;
    bool any = false, gone = false;
    // `accord log | head -1`, or a pager quit: end at once, as the next
    // write would end the process (as git's), not once the next entry is
    // described.
    log.abandoned = [&] {
        if (!output_reader_gone(STDOUT_FILENO)) return false;
        // Unless whoever started accord ignores SIGPIPE: then it ends with
        // git's status for that (141), as when a write fails.
        struct sigaction current {};
        if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler != SIG_IGN)
            std::raise(SIGPIPE);
        return gone = true;
    };
    std::size_t printed = 0;
    auto print = [&](LogEntry& entry) {
        if (most && printed >= *most) return false;
        ++printed;
        any = true;
        if (verifier) {
            const hooks::CommitVerification checked =
                verifier->verify(ws.repo().commit(entry.proposal.commit));
            entry.signature = std::string(hooks::to_string(checked.mark));
        }
        const std::string text =
            options.format == Format::json ? json.entry(entry) : render_log_entry_text(entry, view);
        gone = !out.write(text);
        return !gone && !(most && printed >= *most);
    };
    if (options.format == Format::json) out.write(json.begin());
    if (options.reverse) {
        // Oldest first: the whole history is known before the first entry.
        std::vector<LogEntry> entries = proposal_log(ws, log);
        for (auto it = entries.rbegin(); it != entries.rend() && print(*it); ++it) {
        }
    } else {
        stream_proposal_log(ws, log, [&](LogEntry&& entry) { return print(entry); });
    }
    if (gone) return kReaderGone;
    // A path no proposal ever touched and that is not in the work tree is
    // a mistyped one, not a text without history.
    if (const std::vector<std::string> missing =
            any ? std::vector<std::string>{} : paths_that_never_were(ws, log);
        !missing.empty()) {
        if (options.format == Format::json) out.write(json.end());
        std::cout.flush();
        std::cerr << "accord: error: no text at " << escape_controls(join(missing, ", "))
                  << ": not in the work tree, and no proposal ever touched "
                  << (missing.size() == 1 ? "it" : "them")
                  << " ('accord status' lists the texts)\n";
        return kExitUsage;
    }
    if (const std::optional<std::string> link = any ? std::nullopt : link_on_the_way(ws, log)) {
        if (options.format == Format::json) out.write(json.end());
        std::cout.flush();
        std::cerr << "accord: error: '" << escape_controls(*link)
                  << "' is a symbolic link, never followed: no proposal is recorded under it; "
                     "name the texts by the paths they are recorded at ('accord status' lists "
                     "them)\n";
        return kExitUsage;
    }
    if (options.format == Format::json) {
        out.write(json.end());
    } else if (!any) {
        out.write(std::string("no proposals") + (log.paths.empty() ? "" : " touching those files") +
                  "\n");
    }
    std::cout.flush();
    return std::cout ? kExitOk : kReaderGone;
}

}  // namespace

void register_log(CLI::App& app, Run& run) {
    auto options = std::make_shared<LogCommandOptions>();
    CLI::App* command =
        app.add_subcommand("log", "The evolution: one entry per proposal, in negotiation terms");
    command->footer(
        "The evolution of the negotiation: one entry per proposal (newest first), with its date,\n"
        "proposers, meeting and message, and for each file it touched what changed in negotiation\n"
        "terms: brackets lifted, options added or chosen, strikes, status before and after.\n"
        "Once accord.yaml lists keys (or requires signatures), each entry also says who signed\n"
        "it, as 'accord verify' checks it: [verified], [unsigned] or [bad].\n\n"
        "  accord log                          every proposal\n"
        "  accord log C/04-nigeria.md          one recommendation\n"
        "  accord log --by RF --since 2014-02-01 --until 2014-02-28\n"
        "  accord log --details                each named change, not only the summary\n"
        "  accord log -3                       the last three proposals\n"
        "  accord log --format json            schema accord.log/1");
    command->add_option("paths", options->paths, "Files or directories (default: all)");
    command->add_option("--since", options->since,
                        "Only proposals on or after this day (YYYY-MM-DD)");
    command->add_option("--until", options->until,
                        "Only proposals on or before this day (YYYY-MM-DD)");
    command
        ->add_option("--by", options->by,
                     "Only proposals by this delegation (name or alias); repeatable")
        ->allow_extra_args(false);
    command->add_flag("--reverse", options->reverse, "Oldest first");
    command->add_option("-n,--max-count", options->max_count,
                        "At most N proposals (the newest, or with --reverse the oldest); -N "
                        "says the same, as in git");
    command->add_flag("--details", options->details, "List each named change");
    add_format_option(*command, options->format);
    command->callback(
        [options, &run] { run = [options](const Context& c) { return run_log(*options, c); }; });
}

}  // namespace accord::cmd
