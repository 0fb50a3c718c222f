#include "core/store/commit_signer.hpp"

#include "core/util/commit_signature.hpp"
#include "core/util/errors.hpp"
#include "core/util/ssh_sign.hpp"
#include "core/util/text.hpp"

namespace accord {

namespace {

// A git boolean (git config --type=bool): nullopt when git would refuse it.
std::optional<bool> git_boolean(const std::string& value) {
    const std::string v = ascii_lowercase(value);
    if (v == "true" || v == "yes" || v == "on" || v == "1") return true;
    if (v == "false" || v == "no" || v == "off" || v == "0" || v.empty()) return false;
    return std::nullopt;
}

}  // namespace

bool wants_signing(const Repository& repo, std::optional<bool> requested) {
    if (requested) return *requested;
    const std::optional<std::string> configured = repo.get_config("accord.sign");
    if (!configured) return false;
    const std::optional<bool> value = git_boolean(*configured);
    if (!value) {
        throw usage_error("the git config accord.sign is '" + *configured +
                          "', which is not a boolean: set it to true or false (git config "
                          "accord.sign true)");
    }
    return *value;
}

SigningSetup signing_setup(const Repository& repo) {
    SigningSetup setup;
    const std::string format = ascii_lowercase(repo.get_config("gpg.format").value_or("openpgp"));
    const std::optional<std::string> key = repo.get_config("user.signingkey");
    if (!key || key->empty()) {
        throw usage_error(
            "cannot sign: no SSH key is named in the git config; name yours as git does for "
            "signed commits: git config --global user.signingkey ~/.ssh/id_ed25519.pub and git "
            "config --global gpg.format ssh");
    }
    if (format != "ssh") {
        throw usage_error(
            "cannot sign: accord signs with SSH keys, as git does when gpg.format is "
            "ssh, and gpg.format is '" +
            format + "' here; set it: git config --global gpg.format ssh");
    }
    setup.key = *key;
    if (const std::optional<std::string> program = repo.get_config("gpg.ssh.program");
        program && !program->empty()) {
        setup.program = *program;
    }
    return setup;
}

CommitSigner ssh_commit_signer(SigningSetup setup) {
    return [setup = std::move(setup)](std::string_view content) {
        SshSigningOptions options;
        options.program = setup.program;
        const SshSigningResult result = sign_commit_content(content, setup.key, options);
        if (!result.ok()) {
            throw usage_error("cannot sign the commit: " + result.error +
                              "; nothing was recorded (or record it unsigned with --no-sign)");
        }
        return result.signature;
    };
}

SshPublicKey signing_public_key(const SigningSetup& setup) {
    SshKeyParse parsed = accord::signing_public_key(setup.key);
    if (!parsed.key) throw usage_error("cannot read your signing key: " + parsed.error);
    return std::move(*parsed.key);
}

CommitSigner commit_signer_for(const Repository& repo, std::optional<bool> requested) {
    if (!wants_signing(repo, requested)) return {};
    return ssh_commit_signer(signing_setup(repo));
}

}  // namespace accord
