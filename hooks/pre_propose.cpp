#include "hooks/pre_propose.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include "core/util/process.hpp"

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

}  // namespace

PreProposeOutcome run_pre_propose(const std::string& workdir, const PreProposeInput& input) {
    PreProposeOutcome outcome;
    const std::string hook = workdir + kPreProposeHook;
    struct stat st {};
    if (::stat(hook.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return outcome;
    if (::access(hook.c_str(), X_OK) != 0) {
        outcome.warnings.push_back(std::string(kPreProposeHook) +
                                   " is not executable, so it was not run; make it executable "
                                   "(chmod +x) to have it check proposals");
        return outcome;
    }
    std::vector<std::string> argv = {hook};
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
        if (!result.out.empty())
            outcome.warnings.push_back("pre-propose said:\n" + indent(result.out));
        return outcome;
    }
    Problem p;
    p.code = "pre-propose-refused";
    p.path = kPreProposeHook;
    if (!result.started) {
        p.message = "the repository's pre-propose hook could not run: " + result.error;
        p.help = "fix the hook (its first line must name an interpreter, e.g. #!/bin/sh)";
    } else {
        p.message = "the repository's pre-propose hook refused the proposal (exit status " +
                    std::to_string(result.exit_code) + ")" +
                    (result.out.empty() ? std::string() : "; it said:");
        p.quote = indent(result.out);
        p.help = "address what the hook reports, then propose again";
    }
    outcome.refusal = std::move(p);
    return outcome;
}

}  // namespace accord::hooks
