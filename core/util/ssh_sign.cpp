#include "core/util/ssh_sign.hpp"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>

#include "core/util/file.hpp"
#include "core/util/process.hpp"
#include "core/util/ssh_keys.hpp"
#include "core/util/ssh_signature.hpp"

namespace accord {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// user.signingkey's literal-key forms, as git recognises them; "" for a path.
std::string_view literal_key(std::string_view signing_key) {
    if (starts_with(signing_key, "key::")) return signing_key.substr(5);
    if (starts_with(signing_key, "ssh-")) return signing_key;
    return {};
}

// "~/x" and "~user/x" as git's interpolate_path expands them; "" when the
// home directory is unknown.
std::string expand_home(std::string_view path) {
    if (!starts_with(path, "~")) return std::string(path);
    const std::size_t slash = path.find('/');
    const std::string_view user =
        path.substr(1, slash == std::string_view::npos ? slash : slash - 1);
    const std::string_view rest = slash == std::string_view::npos ? "" : path.substr(slash);
    std::string home;
    if (user.empty()) {
        const char* env = ::getenv("HOME");
        if (env != nullptr) home = env;
    } else {
        const passwd* entry = ::getpwnam(std::string(user).c_str());
        if (entry != nullptr && entry->pw_dir != nullptr) home = entry->pw_dir;
    }
    if (home.empty()) return "";
    return home + std::string(rest);
}

// A directory only we can read, removed with everything in it at the end.
class PrivateTempDir {
  public:
    explicit PrivateTempDir(const std::string& parent) {
        std::string base = parent;
        if (base.empty()) {
            const char* env = ::getenv("TMPDIR");
            base = env != nullptr && *env != '\0' ? env : "/tmp";
        }
        std::string pattern = base + "/accord-sign-XXXXXX";
        if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;  // mode 0700
    }
    ~PrivateTempDir() {
        if (path_.empty()) return;
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    PrivateTempDir(const PrivateTempDir&) = delete;
    PrivateTempDir& operator=(const PrivateTempDir&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

SshSigningResult failed(std::string message) {
    SshSigningResult result;
    result.error = std::move(message);
    return result;
}

std::string remove_carriage_returns(std::string text) {
    std::erase(text, '\r');
    return text;
}

}  // namespace

SshSigningResult sign_with_ssh_keygen(std::string_view message, std::string_view signing_key,
                                      const SshSigningOptions& options) {
    if (signing_key.empty()) {
        return failed(
            "no SSH key to sign with: name yours with git config user.signingkey "
            "~/.ssh/id_ed25519.pub (and git config gpg.format ssh)");
    }
    const std::string_view literal = literal_key(signing_key);
    if (!literal.empty()) {
        const SshKeyParse parsed = parse_ssh_public_key(literal);
        if (!parsed.key)
            return failed("user.signingkey holds a key that is not usable: " + parsed.error);
    }
    std::string key_path;
    if (literal.empty()) {
        key_path = expand_home(signing_key);
        if (key_path.empty()) {
            return failed("user.signingkey is " + std::string(signing_key) +
                          ", and its home directory is unknown: give the full path");
        }
        std::error_code error;
        if (!std::filesystem::is_regular_file(key_path, error)) {
            return failed("user.signingkey names " + key_path +
                          ", which is not a key file: give the path of your private key, or of "
                          "its .pub with the private key loaded in ssh-agent");
        }
    }

    PrivateTempDir dir(options.temp_dir);
    if (dir.path().empty()) {
        return failed(
            "cannot make a temporary directory to sign in" +
            (options.temp_dir.empty() ? std::string() : " (in " + options.temp_dir + ")"));
    }
    const std::string message_path = dir.path() + "/message";
    if (std::string error = write_file_atomically(message_path, std::string(message));
        !error.empty()) {
        return failed("cannot write the text to sign: " + error);
    }
    std::vector<std::string> argv = {options.program, "-Y", "sign", "-n", options.name_space};
    if (!literal.empty()) {
        key_path = dir.path() + "/signing-key.pub";
        if (std::string error = write_file_atomically(key_path, std::string(literal) + "\n");
            !error.empty()) {
            return failed("cannot write the signing key for ssh-keygen: " + error);
        }
        argv.insert(argv.end(), {"-f", key_path, "-U"});
    } else {
        argv.insert(argv.end(), {"-f", key_path});
    }
    argv.push_back(message_path);

    ProcessOptions process;
    process.environment = options.environment;
    const ProcessResult run = run_process(argv, process);
    if (!run.started) return failed(run.error + " (to sign with SSH keys, install openssh-client)");
    if (run.exit_code != 0) {
        std::string why = run.err.empty() ? run.out : run.err;
        while (!why.empty() && (why.back() == '\n' || why.back() == '\r')) why.pop_back();
        std::string hint;
        if (why.find("usage:") != std::string::npos) {
            hint = " (ssh-keygen -Y sign needs OpenSSH 8.2 or later)";
        } else if (why.find("agent") != std::string::npos) {
            hint = " (is the private key loaded in ssh-agent? ssh-add -l lists the keys it has)";
        } else if (why.find("passphrase") != std::string::npos) {
            hint = " (load the key into ssh-agent with ssh-add, then sign again)";
        }
        return failed(options.program + " could not sign (exit " + std::to_string(run.exit_code) +
                      "): " + why + hint);
    }
    const FileResult written = read_file(message_path + ".sig");
    if (!written.contents) {
        return failed(options.program +
                      " reported success but wrote no signature: " + written.error);
    }
    SshSigningResult result;
    result.signature = remove_carriage_returns(*written.contents);
    const SignatureCheck check =
        verify_ssh_signature(result.signature, message, options.name_space);
    if (!check.good()) {
        return failed(options.program + " made a signature accord cannot check: " + check.error);
    }
    result.fingerprint = check.fingerprint;
    return result;
}

SshKeyParse signing_public_key(std::string_view signing_key) {
    SshKeyParse result;
    if (signing_key.empty()) {
        result.error =
            "no SSH key to sign with: name yours with git config user.signingkey "
            "~/.ssh/id_ed25519.pub (and git config gpg.format ssh)";
        return result;
    }
    if (const std::string_view literal = literal_key(signing_key); !literal.empty()) {
        result = parse_ssh_public_key(literal);
        if (!result.key)
            result.error = "user.signingkey holds a key that is not usable: " + result.error;
        return result;
    }
    std::string path = expand_home(signing_key);
    if (path.empty()) {
        result.error = "user.signingkey is " + std::string(signing_key) +
                       ", and its home directory is unknown: give the full path";
        return result;
    }
    if (path.size() < 4 || path.compare(path.size() - 4, 4, ".pub") != 0) path += ".pub";
    const FileResult file = read_file(path);
    if (!file.contents) {
        result.error = "cannot find the public half of user.signingkey (" + file.error +
                       "); keep it beside the private key as KEY.pub, as ssh-keygen writes it";
        return result;
    }
    std::string line = *file.contents;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    result = parse_ssh_public_key(line);
    if (!result.key) result.error = path + ": " + result.error;
    return result;
}

}  // namespace accord
