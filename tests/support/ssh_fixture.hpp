#pragma once
// SSH keys and signatures made by the real ssh-keygen, for tests of signing
// and verification: keys without passphrase in a temporary directory, and
// signatures made the way git makes them (ssh-keygen -Y sign).
#include <string>
#include <vector>

namespace accord::test {

struct SshKeyFiles {
    std::string private_path;
    std::string public_path;  // private_path + ".pub"
    std::string public_line;  // its contents, without the final newline
};

// Makes a key in `dir` named `name`: type "ed25519", "rsa" or "ecdsa", with
// `bits` when not 0 (RSA size, ECDSA curve 256/384/521). Throws when
// ssh-keygen fails.
SshKeyFiles make_ssh_key(const std::string& dir, const std::string& name, const std::string& type,
                         int bits = 0, const std::string& comment = "delegate@example.org");

// `message` signed by ssh-keygen -Y sign -n `name_space` with the key, the
// message given on standard input and `extra` arguments before -f (such as
// {"-O", "hashalg=sha256"}). Throws when ssh-keygen fails.
std::string ssh_keygen_sign(const SshKeyFiles& key, const std::string& message,
                            const std::string& name_space = "git",
                            const std::vector<std::string>& extra = {});

// The fingerprint ssh-keygen -l prints for a public key file.
std::string ssh_keygen_fingerprint(const std::string& public_path);

// The armored form of a signature blob, wrapped at 70 characters as
// ssh-keygen wraps it.
std::string armor_ssh_signature(const std::string& blob);

}  // namespace accord::test
