#pragma once
// `accord init`: a directory made ready for a negotiation. Creates what is
// missing and leaves alone what exists, so that it is safe to run again, and
// in a fresh clone of an existing negotiation (where it only installs the
// git hooks and drivers, which a clone does not carry):
//  - the directory, and a git repository there (branch main) unless the
//    directory already is the top of one;
//  - accord.yaml (the negotiation's name, no delegations or meetings yet,
//    the default notation) unless one exists; when signing, the user's key
//    as the secretariat's, so that the registry is guarded from the start;
//  - the git hooks, .gitattributes and drivers of hooks/installer.hpp;
//  - a first commit by the user (the secretariat) holding accord.yaml and
//    .gitattributes, when the branch has none of them yet, signed when
//    asked: a clone then has the registry and the merge driver attribute,
//    and `accord init` there gives a working negotiation.
//
// With `bare`, a server's copy instead (hooks/pre_receive.hpp): a bare
// repository whose pre-receive hook runs `accord hook pre-receive`; run
// again on it, only the hook is rewritten.
#include <optional>
#include <string>
#include <vector>

#include "core/store/repository.hpp"
#include "hooks/installer.hpp"

namespace accord {

struct InitRequest {
    std::string dir = ".";
    std::optional<std::string> negotiation;  // default: the directory's name
    std::string accord_path;                 // the binary the git hooks call
    // Record the first commit. `accord import` records the registry in its
    // own first proposal instead.
    bool record = true;
    // Sign the first commit: true/false from --sign/--no-sign, nullopt: the
    // git config accord.sign (core/store/commit_signer.hpp).
    std::optional<bool> sign;
    // The secretariat's name in a new accord.yaml when signing (default: the
    // user's git name).
    std::optional<std::string> secretariat;
    bool bare = false;
};

struct InitResult {
    std::string workdir;  // absolute, ends with '/' (the repository itself when bare)
    bool created_repository = false;
    bool wrote_config = false;
    std::string negotiation;  // as accord.yaml names it ("" if it could not be read)
    hooks::InstallReport hooks;
    std::vector<std::string> warnings;
    // The first commit, when one was recorded: its id, the files in it, and
    // the fingerprint of the key that signed it ("" unsigned).
    std::string commit;
    std::vector<std::string> recorded;
    std::string signed_with;
    std::string secretariat_key;  // fingerprint of the key written into a new accord.yaml
    // Bare: the server hook written and the git config keys set.
    std::string server_hook;
    std::vector<std::string> server_config;
};

// Usage error (exit 2) if `dir` lies inside another repository's work tree
// without being its top: a negotiation repository nested in another one is
// almost always a mistake (run it at the top instead). For `bare`: usage
// error if `dir` exists and is neither empty nor a bare repository.
InitResult init_negotiation(const InitRequest& request);

// The message of the first commit for the negotiation `name`.
std::string first_commit_message(const std::string& name);

// True when the current branch holds one commit, with no parent, whose tree
// has nothing but accord.yaml and .gitattributes: what `accord init`
// records, and what an import may still build on.
bool holds_only_setup(const Repository& repo);

}  // namespace accord
