#pragma once
// What `accord init` installs into a repository so that plain git gets
// accord's behaviour: git hooks that run the proposal checks on `git commit`
// (pre-commit: no new error diagnostic in the staged texts, valid front
// matter; commit-msg: Proposed-by: trailers name known delegations).
//
// Promises:
//  - Idempotent: installing again rewrites accord's own hooks (for example
//    to point at a moved binary) and leaves everything else alone.
//  - Never clobbers: a hook accord did not write (no marker line) stays as it
//    is and the report carries a warning that says how to chain accord's.
//  - The scripts call the accord binary by the absolute path it had at
//    install time, falling back to `accord` on PATH, and refuse the commit
//    with a clear message when neither runs (bypass: git commit --no-verify).
//
// So that plain `git merge`, `git pull` and `git diff` use accord's merge and
// diff, install() also:
//  - makes sure .gitattributes at the top of the work tree has the lines
//    `*.md merge=accord diff=accord` and `*.txt merge=accord diff=accord`
//    (written, or appended to a file without them; not committed: committing
//    it is the user's choice, and clones then carry it);
//  - sets in the repository's own git config (.git/config, which no clone
//    copies, hence running `accord init` in a fresh clone) the merge driver
//    merge.accord.{name,driver} = `'ACCORD' merge-driver %O %A %B -- %P` and
//    the diff driver diff.accord.command = `'ACCORD' git-diff --` (after
//    "--" a path starting with '-' is no option);
//  - routes accord.yaml to the registry's merge driver
//    (merge.accord-registry.driver = `'ACCORD' registry-merge-driver %O %A
//    %B -- %P`: by line, both sides' new entries kept) with the line
//    `/accord.yaml merge=accord-registry` in .git/info/attributes, which no
//    clone copies and no commit records (so the other sites see no change).
// Both steps are idempotent: what is already right is left untouched.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/store/repository.hpp"

namespace accord::hooks {

struct InstallOptions {
    // The binary the hooks call; empty: `accord` on PATH. The command passes
    // current_executable().
    std::string accord_path;
};

struct InstallReport {
    std::vector<std::string> installed;  // new hook files, by name ("pre-commit")
    std::vector<std::string> updated;    // accord's own hooks rewritten with other content
    std::vector<std::string> unchanged;  // accord's own hooks already as they should be
    std::vector<std::string> warnings;   // a foreign hook left in place, and why it matters
    std::string hooks_dir;               // where they went, absolute, ends with '/'
    // The hooks directory lies outside the repository (core.hooksPath): no
    // hook was written there (see warnings).
    bool outside = false;
    // .gitattributes: "written" (new file), "appended", "unchanged", or
    // "link" (a symbolic link, left alone with a warning).
    std::string attributes;
    // .git/info/attributes, for accord.yaml: the same words.
    std::string registry_attribute;
    std::vector<std::string> config_set;        // driver keys set or changed
    std::vector<std::string> config_unchanged;  // driver keys already right
    // pull.rebase set to false in .git/config, where no level of git's
    // configuration said how `git pull` joins diverged lines (pull.rebase,
    // pull.ff): git then refuses to pull, and a rebase would rewrite a
    // site's proposals; a merge is what accord's driver makes semantic.
    bool pull_merges_set = false;
};

// Everything it does is settled before anything is written: a
// .gitattributes that cannot be read (too large, not a file) throws first.
InstallReport install(Repository& repo, const InstallOptions& options);

// Throws, naming the file and why, when install would fail to read the
// work tree's .gitattributes or .git/info/attributes: for init to say so
// before it writes anything.
void check_attributes_readable(const Repository& repo);

// The git hooks accord installs, in order.
const std::vector<std::string>& hook_names();

// The script for `hook` ("pre-commit", "commit-msg") calling `accord_path`.
std::string hook_script(std::string_view hook, std::string_view accord_path);

// True if `script` is one accord wrote (it carries accord's marker line).
bool is_accord_hook(std::string_view script);

// The .gitattributes lines that route negotiation texts through accord.
const std::vector<std::string>& attribute_lines();
// `existing` (a .gitattributes, possibly empty) with the attribute lines that
// it lacks appended, each on its own line; `existing` itself when it has them
// all (compared line by line, ignoring surrounding white space).
std::string with_attribute_lines(std::string_view existing);

// The git config entries of accord's merge and diff drivers calling
// `accord_path` (empty: `accord` on PATH), in the order they are set.
std::vector<std::pair<std::string, std::string>> driver_config(std::string_view accord_path);

// The hooks directory git uses for `repo`: core.hooksPath when set (relative
// to the work tree), else .git/hooks. Absolute, ends with '/'.
std::string hooks_directory(const Repository& repo);

// This process's binary (/proc/self/exe), or "" when it cannot be found.
std::string current_executable();

}  // namespace accord::hooks
