#pragma once
// Signing with the user's own SSH key, the way git signs commits when
// gpg.format is ssh: by running `ssh-keygen -Y sign -n git -f KEY FILE`,
// which reads the private key (or asks ssh-agent) and writes FILE.sig. The
// private key never passes through accord.
//
// The key is named as in git's user.signingkey:
//   - a path to a private key ("~/.ssh/id_ed25519");
//   - a path to a public key whose private half is loaded in ssh-agent
//     ("~/.ssh/id_ed25519.pub");
//   - a literal public key, "key::ssh-ed25519 AAAA..." (or, as git still
//     accepts, "ssh-ed25519 AAAA..." alone), private half in ssh-agent.
// A leading "~/" or "~user/" is expanded as git expands it.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/ssh_keys.hpp"

namespace accord {

struct SshSigningOptions {
    std::string program = "ssh-keygen";  // git's gpg.ssh.program
    std::string name_space = "git";      // what the signature is for
    // Where the message is written for ssh-keygen to read (a private
    // directory is made inside and removed after); "": $TMPDIR or /tmp.
    std::string temp_dir;
    // Set in ssh-keygen's environment on top of ours (SSH_AUTH_SOCK, HOME).
    std::vector<std::pair<std::string, std::string>> environment;
};

struct SshSigningResult {
    std::string signature;    // armored, as ssh-keygen wrote it (ends with a newline)
    std::string fingerprint;  // of the key that signed
    std::string error;        // why there is no signature: what failed and what to do
    bool ok() const { return error.empty(); }
};

// Signs `message`. The signature is checked in-process before it is
// returned, so a key of a kind accord cannot check is refused here rather
// than at verification.
SshSigningResult sign_with_ssh_keygen(std::string_view message, std::string_view signing_key,
                                      const SshSigningOptions& options = {});

// The public half of the key `signing_key` names, without touching the
// private key: the literal key itself, the .pub file named, or the .pub
// beside the private key named. The parse's error says what to do when it
// cannot be found.
SshKeyParse signing_public_key(std::string_view signing_key);

}  // namespace accord
