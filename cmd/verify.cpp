// accord verify [RANGE] [--format text|json]
#include <iostream>

#include "cmd/command.hpp"
#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "hooks/verify.hpp"

namespace accord::cmd {

namespace {

struct VerifyOptions {
    std::string range;
    Format format = Format::text;
};

ExitCode run_verify(const VerifyOptions& options, const Context& context) {
    const Repository repo = Repository::open(".");
    const hooks::VerifyReport report = hooks::verify_range(repo, options.range);
    if (options.format == Format::json) {
        std::cout << hooks::render_verify_json(report);
    } else {
        std::cout << hooks::render_verify_text(report, context.style);
    }
    return report.ok() ? kExitOk : kExitFound;
}

}  // namespace

void register_verify(CLI::App& app, Run& run) {
    auto options = std::make_shared<VerifyOptions>();
    CLI::App* command = app.add_subcommand(
        "verify", "Check who signed each proposal against the registry before it");
    command->footer(
        "For every commit of RANGE (default: the whole history of HEAD), newest first: is it\n"
        "signed, by which key, and does the key belong to its proposer in the registry AS IT\n"
        "STOOD BEFORE the commit (its parent's accord.yaml), so that no proposal can authorise\n"
        "itself by adding its own key. Also: do the author and the first Proposed-by: agree, and\n"
        "is every change of accord.yaml signed by the secretariat. The first commit's registry\n"
        "is the anchor: check its secretariat key's fingerprint with the secretariat.\n\n"
        "Marks: verified (a registered key of the proposer or the secretariat), unsigned, bad\n"
        "(a signature that does not verify, a key of someone else or of no one, an author who\n"
        "is not the first proposer). Signatures are checked in-process, as git writes them\n"
        "(ssh-keygen -Y sign -n git), Ed25519, RSA (SHA-2) and ECDSA.\n\n"
        "  accord verify                        the whole history\n"
        "  accord verify origin/main..HEAD      what you are about to push\n"
        "  accord verify --format json          schema accord.verify/1\n\n"
        "accord.yaml:\n"
        "  delegations:\n"
        "    - name: Japan\n"
        "      keys: [ssh-ed25519 AAAAC3Nza... delegate@mofa.go.jp]\n"
        "  secretariat:\n"
        "    - {name: WGEC secretariat, keys: [ssh-ed25519 AAAAC3Nza... clerk@unctad.org]}\n"
        "  policy: {signatures: required}      # optional (the default) or required\n\n"
        "Exit: 0 nothing fails, 1 something fails (a bad signature, a key of another, an author\n"
        "who is not the proposer, a registry change without the secretariat; under required,\n"
        "also an unsigned commit or an unregistered key), 2 bad usage (unknown revision),\n"
        "3 a repository failure.");
    command->add_option("range", options->range,
                        "REV (its history) or A..B (B's commits that A lacks); default HEAD");
    add_format_option(*command, options->format);
    command->callback(
        [options, &run] { run = [options](const Context& c) { return run_verify(*options, c); }; });
}

}  // namespace accord::cmd
