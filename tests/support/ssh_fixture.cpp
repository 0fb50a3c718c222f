#include "support/ssh_fixture.hpp"

#include <stdexcept>

#include "core/util/base64.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord::test {

namespace {

std::string without_final_newline(std::string text) {
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

}  // namespace

SshKeyFiles make_ssh_key(const std::string& dir, const std::string& name, const std::string& type,
                         int bits, const std::string& comment) {
    SshKeyFiles key;
    key.private_path = dir + "/" + name;
    key.public_path = key.private_path + ".pub";
    std::vector<std::string> argv = {"ssh-keygen", "-q", "-t",    type, "-N",
                                     "",           "-C", comment, "-f", key.private_path};
    if (bits != 0) argv.insert(argv.begin() + 4, {"-b", std::to_string(bits)});
    const RunResult made = run(argv);
    if (made.exit_code != 0) throw std::runtime_error("ssh-keygen failed: " + made.err);
    key.public_line = without_final_newline(read_all(key.public_path));
    return key;
}

std::string ssh_keygen_sign(const SshKeyFiles& key, const std::string& message,
                            const std::string& name_space, const std::vector<std::string>& extra) {
    std::vector<std::string> argv = {"ssh-keygen", "-q", "-Y", "sign", "-n", name_space};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.insert(argv.end(), {"-f", key.private_path});
    RunOptions options;
    options.input = message;
    const RunResult signed_ = run(argv, options);
    if (signed_.exit_code != 0)
        throw std::runtime_error("ssh-keygen -Y sign failed: " + signed_.err);
    return signed_.out;
}

std::string ssh_keygen_fingerprint(const std::string& public_path) {
    const RunResult listed = run({"ssh-keygen", "-l", "-E", "sha256", "-f", public_path});
    if (listed.exit_code != 0) throw std::runtime_error("ssh-keygen -l failed: " + listed.err);
    // "256 SHA256:abc... comment (ED25519)"
    const std::size_t start = listed.out.find(' ') + 1;
    return listed.out.substr(start, listed.out.find(' ', start) - start);
}

std::string armor_ssh_signature(const std::string& blob) {
    const std::string encoded = base64_encode(blob);
    std::string out = "-----BEGIN SSH SIGNATURE-----\n";
    for (std::size_t i = 0; i < encoded.size(); i += 70) out += encoded.substr(i, 70) + "\n";
    return out + "-----END SSH SIGNATURE-----\n";
}

}  // namespace accord::test
