// accord merge BRANCH... [--strict] [-m MSG] [--by NAME] [--date D] [--sign|--no-sign] [--dry-run]
#include <iostream>

#include "cmd/command.hpp"
#include "core/store/commit_signer.hpp"
#include "core/util/errors.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"
#include "merge/merge3/branch_merge.hpp"

namespace accord::cmd {

namespace {

struct MergeCommandOptions {
    std::vector<std::string> branches;
    bool strict = false;
    bool dry_run = false;
    std::string message;
    std::string by;
    std::string date;
    bool sign = false, no_sign = false;
};

void print_notes(std::ostream& out, const BranchMergePlan& plan) {
    // Ours is named once redrafts were folded into it: "ours" alone would
    // read as the current branch's wording.
    for (const MergeNote& note : plan.notes)
        out << render_disagreement(note.path, note.disagreement, note.theirs,
                                   note.ours == plan.branch ? "" : note.ours);
}

ExitCode run_merge(const MergeCommandOptions& options) {
    Workspace ws = Workspace::open(".");
    BranchMergeRequest request;
    request.branches = options.branches;
    request.strict = options.strict;
    const BranchMergePlan plan = plan_branch_merge(ws, request);
    for (const std::string& name : plan.already_merged)
        std::cerr << "accord: " << escape_controls(name) << " is already merged into "
                  << escape_controls(plan.branch) << "; skipped\n";

    if (!plan.can_record()) {
        print_notes(std::cerr, plan);
        for (const std::string& refusal : plan.refused)
            std::cerr << escape_controls(refusal) << "\n";
        std::cerr << "accord: nothing was merged: "
                  << (plan.has_conflict_markers && options.strict
                          ? "the redrafts conflict (--strict); resolve the conflicts on the "
                            "branches, or merge without --strict to keep both wordings as "
                            "bracketed alternatives"
                      : plan.has_conflict_markers
                          ? "a text could not be merged with its brackets paired (the conflict "
                            "above); settle those brackets on one branch and merge again, or "
                            "merge that text by hand with git merge"
                          : "some files cannot be merged automatically")
                  << "\n";
        // Conflicts --strict was asked to stop at are what it found; a merge
        // refused is in the way of recording anything.
        return plan.refused.empty() && options.strict ? kExitFound : kExitUsage;
    }

    std::vector<std::string> names;
    for (const MergedBranch& b : plan.merged) names.push_back(b.ref);
    if (options.dry_run) {
        std::cout << "would merge " << escape_controls(join(names)) << " into "
                  << escape_controls(plan.branch) << ": " << plural(plan.files.size(), "file")
                  << " changed\n";
    } else {
        RecordMergeRequest record;
        record.message = options.message;
        if (!options.by.empty()) record.by = options.by;
        if (!options.date.empty()) record.date = options.date;
        record.signer = commit_signer_for(ws.repo(), options.sign || options.no_sign
                                                         ? std::optional<bool>(options.sign)
                                                         : std::nullopt);
        const std::string commit = record_branch_merge(ws, plan, record);
        const std::string message = merge_commit_message(plan, options.message);
        std::cout << "[" << escape_controls(plan.branch) << " " << commit.substr(0, 12) << "] "
                  << escape_controls(message.substr(0, message.find('\n'))) << "\n";
    }
    for (const std::string& move : plan.followed_moves)
        std::cout << "followed a move: " << escape_controls(move) << "\n";
    for (const MergedBranch& b : plan.merged) {
        std::cout << "  " << escape_controls(b.ref) << ": " << plural(b.proposals, "proposal");
        if (!b.proposers.empty()) std::cout << " by " << escape_controls(join(b.proposers));
        std::cout << "\n";
    }
    print_notes(std::cout, plan);
    if (!plan.notes.empty()) {
        std::cout << plan.notes.size()
                  << (plan.notes.size() == 1 ? " disagreement was" : " disagreements were")
                  << " kept in the text as listed above (bracketed wording, a status not "
                     "agreed, a front-matter value as a comment, a paragraph moved apart where "
                     "one side put it); settle them with a proposal\n";
        return kExitFound;
    }
    return kExitOk;
}

}  // namespace

void register_merge(CLI::App& app, Run& run) {
    auto options = std::make_shared<MergeCommandOptions>();
    CLI::App* command =
        app.add_subcommand("merge", "Merge small-group redraft branches into the current branch");
    command->footer(
        "Merge one or more redraft branches into the current branch as ONE merge commit whose\n"
        "parents are the current branch and every branch merged. The merge understands the\n"
        "notation: the same change once, changes in different places\n"
        "both, options added to one bracket united, an edit inside text the other side agreed\n"
        "or deleted kept in brackets, and two different replacements of the same words kept as\n"
        "alternatives [ours][theirs], so that no one's wording is lost. Several branches are\n"
        "merged one after another, each from its common ancestor with the result so far.\n"
        "Non-text files take the side that changed them; changed on both sides, the merge is\n"
        "refused, but for accord.yaml, merged entry by entry (each group's new delegations\n"
        "listed). The result is computed in memory: nothing is written until it is complete.\n\n"
        "The commit: author you (or --by NAME, e.g. the Chair), committer you, one\n"
        "'Proposed-by:' trailer per delegation that made a proposal on the merged branches\n"
        "since they forked, one 'Merged-redraft: NAME' per branch; signed with --sign (or\n"
        "'git config accord.sign true'), as propose signs. The merged files are\n"
        "written to the work tree and the index; uncommitted changes to them refuse the merge.\n"
        "The report lists each disagreement kept as alternatives as FILE:LINE: KIND.\n\n"
        "  accord merge informal-a informal-b informal-c\n"
        "  accord merge redraft/informal-a --by Chair -m 'Chair merges the informal groups'\n"
        "  accord merge informal-a informal-b --by Chair --date 2014-02-27   dated as the meeting\n"
        "  accord merge --strict informal-a    refuse (and write nothing) on a conflict\n"
        "  accord merge --dry-run informal-a   the report only\n\n"
        "Exit: 0 merged cleanly, 1 disagreements became alternatives (the merge is recorded)\n"
        "or, with --strict, conflicts (nothing recorded), 2 nothing merged: bad usage (unknown\n"
        "branch, nothing to merge, uncommitted changes in the way) or a file the merge refused\n"
        "(named above it: a text moved to two paths, a non-text file or the registry changed\n"
        "on both sides, brackets that would not pair), 3 repository failure (or the branch\n"
        "moved meanwhile: retry).");
    command
        ->add_option("branches", options->branches,
                     "Redraft names (informal-a), branches (redraft/informal-a) or revisions")
        ->required();
    command->add_flag("--strict", options->strict,
                      "Treat real disagreements as conflicts: report them and merge nothing");
    command->add_option("-m,--message", options->message,
                        "The merge commit's subject (default: 'Merge redrafts A, B into main')");
    command->add_option("--by", options->by,
                        "The author of the merge commit, e.g. Chair (default: your git identity)");
    command->add_option("--date", options->date,
                        "The merge's day, YYYY-MM-DD (recorded at 12:00 UTC, as propose does); "
                        "not before a proposal it merges (default: now)");
    command->add_flag("--sign", options->sign,
                      "Sign the merge commit with your SSH key (user.signingkey, gpg.format "
                      "ssh), as propose does; default: git config accord.sign");
    command->add_flag("--no-sign", options->no_sign, "Do not sign, whatever accord.sign says")
        ->excludes("--sign");
    command->add_flag("-n,--dry-run", options->dry_run, "Compute and report; record nothing");
    command->callback(
        [options, &run] { run = [options](const Context&) { return run_merge(*options); }; });
}

}  // namespace accord::cmd
