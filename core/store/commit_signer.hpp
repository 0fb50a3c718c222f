#pragma once
// Signing accord's commits with the user's own SSH key, found as git finds
// it for `git commit -S`, so that plain `git log --show-signature` (with an
// allowed-signers file) checks accord's signatures too:
//   user.signingkey   the key: a private key file, a .pub whose private half
//                     is in ssh-agent, or "key::ssh-ed25519 AAAA..."
//   gpg.format        "ssh" (accord signs only with SSH keys)
//   gpg.ssh.program   the ssh-keygen to run (default: ssh-keygen)
//   accord.sign       true: sign without being asked (--no-sign overrides)
// The private key never passes through accord: ssh-keygen reads it, or
// asks ssh-agent.
#include <optional>
#include <string>

#include "core/store/repository.hpp"
#include "core/util/ssh_keys.hpp"

namespace accord {

struct SigningSetup {
    std::string key;                     // user.signingkey, as written
    std::string program = "ssh-keygen";  // gpg.ssh.program
};

// Whether to sign: `requested` (from --sign / --no-sign) when given, else
// the git config accord.sign (a git boolean; unset is false). A value git
// would not read as a boolean: usage error naming it.
bool wants_signing(const Repository& repo, std::optional<bool> requested);

// The user's setup from the git config. No user.signingkey, or gpg.format
// other than ssh: usage error (exit 2) saying which git config to set.
SigningSetup signing_setup(const Repository& repo);

// A signer for CommitRequest::signer: each commit signed by ssh-keygen in
// git's SSH signature format (namespace "git") and checked in-process
// before it is used. Failing to sign: usage error with ssh-keygen's reason
// and what to do.
CommitSigner ssh_commit_signer(SigningSetup setup);

// The public half of the signing key, without touching the private key;
// usage error when it cannot be found.
SshPublicKey signing_public_key(const SigningSetup& setup);

// ssh_commit_signer(signing_setup(repo)) when wants_signing, else an empty signer.
CommitSigner commit_signer_for(const Repository& repo, std::optional<bool> requested);

}  // namespace accord
