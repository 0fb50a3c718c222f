#include "hooks/pre_propose.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/process.hpp"
#include "hooks/installer.hpp"

namespace accord::hooks {

namespace {

// Each line of the hook's output indented, so that it reads as quoted.
std::string indent(const std::string& text) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        end = end == std::string::npos ? text.size() : end + 1;
        out += "    " + text.substr(at, end - at);
        at = end;
    }
    if (!out.empty() && out.back() != '\n') out += '\n';
    return out;
}

std::string short_id(const std::string& id) {
    return id.substr(0, 12);
}

// True for a hook file that can run: a regular executable file. A file
// that is there but not executable gets a warning.
bool runnable(const std::string& program, const std::string& origin,
              std::vector<std::string>& warnings) {
    struct stat st {};
    if (::stat(program.c_str(), &st) != 0) return false;
    if (!S_ISREG(st.st_mode)) return false;
    if (::access(program.c_str(), X_OK) != 0) {
        warnings.push_back(origin +
                           " is not executable, so it was not run; make it executable "
                           "(chmod +x) to have it check proposals");
        return false;
    }
    return true;
}

// One hook run; a refusal, or its output as a warning when it passed.
std::optional<Problem> run_one(const ChosenHook& hook, const std::string& workdir,
                               const PreProposeInput& input, std::vector<std::string>& warnings) {
    std::vector<std::string> argv = {hook.program};
    argv.insert(argv.end(), input.paths.begin(), input.paths.end());
    std::string names;
    for (const std::string& name : input.proposers) names += (names.empty() ? "" : "\n") + name;
    ProcessOptions options;
    options.cwd = workdir;
    options.merge_output = true;
    options.environment = {{"ACCORD_PROPOSERS", names},
                           {"ACCORD_DATE", input.date},
                           {"ACCORD_MEETING", input.meeting}};
    const ProcessResult result = run_process(argv, options);
    if (result.ok()) {
        if (!result.out.empty()) warnings.push_back("pre-propose said:\n" + indent(result.out));
        return std::nullopt;
    }
    Problem p;
    p.code = "pre-propose-refused";
    p.path = hook.origin;
    if (!result.started) {
        p.message = "the pre-propose hook could not run: " + result.error;
        p.help = "fix the hook (its first line must name an interpreter, e.g. #!/bin/sh)";
    } else {
        p.message = "the pre-propose hook refused the proposal (exit status " +
                    std::to_string(result.exit_code) + ")" +
                    (result.out.empty() ? std::string() : "; it said:");
        p.quote = indent(result.out);
        p.help = "address what the hook reports, then propose again";
    }
    return p;
}

// What trusting the committed hook covers: everything in its folder, since
// the hook may run the scripts beside it (`exec sh .accord/hooks/lint.sh`),
// and a pull that changes only one of them must stop it as surely as one
// that changes the hook. The hook alone is its content's blob id, as `git
// hash-object` gives it (and as trust was recorded before the folder
// counted); with other entries beside it, the blob id of a listing of every
// entry: path, kind and content's id (a link by its target, never read
// through), in name order.
// `first_link` is set to the first symbolic link found there, in name
// order, as a path from the work tree's top ("" when none).
std::string hooks_folder_id(const std::string& workdir, const std::string& hook_contents,
                            std::string& first_link) {
    namespace fs = std::filesystem;
    const fs::path hook(kPreProposeHook);
    const fs::path folder = fs::path(workdir) / hook.parent_path();
    std::vector<std::string> entries;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string relative = it->path().lexically_relative(workdir).generic_string();
        if (relative == kPreProposeHook) continue;
        const fs::file_status status = it->symlink_status(ec);
        std::string entry = relative + '\0';
        if (fs::is_symlink(status)) {
            if (first_link.empty() || relative < first_link) first_link = relative;
            entry += std::string("link") + '\0' + fs::read_symlink(it->path(), ec).string();
        } else if (fs::is_directory(status)) {
            continue;  // its files are listed
        } else if (fs::is_regular_file(status)) {
            const FileResult file = read_file_within(workdir, relative);
            const bool executable =
                (status.permissions() & fs::perms::owner_exec) != fs::perms::none;
            entry += std::string(executable ? "program" : "file") + '\0' +
                     (file.contents ? Repository::hash_blob(*file.contents) : "unreadable");
        } else {
            entry += "other";
        }
        entries.push_back(std::move(entry));
    }
    if (entries.empty()) return Repository::hash_blob(hook_contents);
    std::sort(entries.begin(), entries.end());
    std::string listing = std::string(kPreProposeHook) + '\0' + "program" + '\0' +
                          Repository::hash_blob(hook_contents) + '\n';
    for (const std::string& entry : entries) listing += entry + '\n';
    return Repository::hash_blob(listing);
}

std::string link_beside_message(const CommittedHook& hook) {
    return std::string(kPreProposeHook) + " has a symbolic link beside it (" + hook.link_beside +
           "): what a link reaches is outside what trusting the hook covers, and could change "
           "with a pull while the trust held. Replace the link with a copy of the file it "
           "names (trust covers what .accord/hooks holds) and commit that";
}

}  // namespace

CommittedHook committed_hook(const Repository& repo) {
    CommittedHook hook;
    hook.trusted_id = repo.get_config(kTrustedPreProposeKey);
    if (hook.trusted_id && hook.trusted_id->empty()) hook.trusted_id.reset();
    const std::string path = repo.workdir() + kPreProposeHook;
    std::error_code ec;
    hook.present = std::filesystem::exists(std::filesystem::symlink_status(path, ec)) ||
                   is_link_within(repo.workdir(), kPreProposeHook);
    if (!hook.present) return hook;
    const FileResult file = read_file_within(repo.workdir(), kPreProposeHook);
    if (file.problem == FileProblem::link) {
        hook.link = true;
        return hook;
    }
    if (!file.contents) {
        hook.present = false;  // a directory, or unreadable: nothing that could run
        return hook;
    }
    hook.id = hooks_folder_id(repo.workdir(), *file.contents, hook.link_beside);
    return hook;
}

std::string trust_committed_hook(Repository& repo) {
    const CommittedHook hook = committed_hook(repo);
    if (!hook.present)
        throw usage_error(std::string("there is no ") + kPreProposeHook + " to trust in " +
                          repo.workdir());
    if (hook.link)
        throw usage_error(std::string(kPreProposeHook) +
                          " is a symbolic link; accord never runs a link, trusted or not");
    if (!hook.link_beside.empty())
        throw usage_error(link_beside_message(hook) + "; nothing was trusted");
    repo.set_config(kTrustedPreProposeKey, hook.id);
    return hook.id;
}

bool untrust_committed_hook(Repository& repo) {
    const std::optional<std::string> trusted = repo.get_config(kTrustedPreProposeKey);
    if (!trusted || trusted->empty()) return false;
    repo.unset_config(kTrustedPreProposeKey);
    return true;
}

HookPlan pre_propose_hooks(const Repository& repo) {
    HookPlan plan;
    const std::string workdir = repo.workdir();
    if (const std::optional<std::string> named = repo.get_config(kPreProposeProgramKey);
        named && !named->empty()) {
        const std::filesystem::path path(*named);
        const std::string program =
            path.is_absolute() ? path.string() : (std::filesystem::path(workdir) / path).string();
        const std::string origin = std::string(kPreProposeProgramKey) + " (" + program + ")";
        if (runnable(program, origin, plan.warnings)) {
            plan.hooks.push_back({program, origin});
        } else {
            plan.warnings.push_back(std::string("git config ") + kPreProposeProgramKey + " names " +
                                    program +
                                    ", which is not a program that can "
                                    "run; fix the setting or unset it");
        }
    }
    const std::string local = hooks_directory(repo) + "pre-propose";
    if (runnable(local, local, plan.warnings)) plan.hooks.push_back({local, local});

    const CommittedHook committed = committed_hook(repo);
    if (!committed.present) return plan;
    const std::string program = workdir + kPreProposeHook;
    if (committed.link) {
        plan.warnings.push_back(std::string(kPreProposeHook) +
                                " is a symbolic link, so it was not run (accord never runs a "
                                "link a repository carries)");
    } else if (!committed.link_beside.empty()) {
        plan.warnings.push_back(link_beside_message(committed) + "; it was not run");
    } else if (committed.trusted()) {
        if (runnable(program, kPreProposeHook, plan.warnings))
            plan.hooks.push_back({program, kPreProposeHook});
    } else if (committed.trusted_id) {
        plan.warnings.push_back(
            std::string(kPreProposeHook) + " changed since you trusted it (trusted " +
            short_id(*committed.trusted_id) + ", now " + short_id(committed.id) +
            "), so it was not run; read the change (git log -p -- .accord/hooks), then run "
            "'accord hooks trust' to run it again");
    } else {
        plan.warnings.push_back(
            std::string(kPreProposeHook) +
            " came with the repository and was not run: accord "
            "runs no program a repository brings until you trust it. Read it, then run "
            "'accord hooks trust' to have it check your proposals (content " +
            short_id(committed.id) + ")");
    }
    return plan;
}

PreProposeOutcome run_pre_propose(const Repository& repo, const PreProposeInput& input) {
    PreProposeOutcome outcome;
    HookPlan plan = pre_propose_hooks(repo);
    outcome.warnings = std::move(plan.warnings);
    for (const ChosenHook& hook : plan.hooks) {
        if (std::optional<Problem> refusal =
                run_one(hook, repo.workdir(), input, outcome.warnings)) {
            outcome.refusal = std::move(refusal);
            break;
        }
    }
    return outcome;
}

}  // namespace accord::hooks
