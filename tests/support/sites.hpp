#pragma once
// Many sites of one negotiation, for end-to-end tests with real git
// clients: each site (the secretariat, a delegation) has its own home
// directory with its own git configuration and SSH key, and its own clone;
// a server is a bare repository made by `accord init --bare`, reached by
// file:// or through `git daemon` on the loopback interface.
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/ssh_fixture.hpp"

namespace accord::test {

struct DaemonOptions {
    std::vector<std::string> environment;  // extra "NAME=value" entries
    // Above 0: no file the server writes may grow beyond this many bytes
    // (RLIMIT_FSIZE, with SIGXFSZ ignored so that the write fails instead).
    long long file_size_limit = 0;
};

// `git daemon --enable=receive-pack` serving `base` on 127.0.0.1 at a free
// port, stopped (and waited for) when destroyed.
class GitDaemon {
  public:
    explicit GitDaemon(const std::string& base, const DaemonOptions& options = {});
    ~GitDaemon();
    GitDaemon(const GitDaemon&) = delete;
    GitDaemon& operator=(const GitDaemon&) = delete;
    // git://127.0.0.1:PORT/NAME
    std::string url(const std::string& name) const;
    int port() const { return port_; }

  private:
    pid_t pid_ = -1;
    int port_ = 0;
};

// A program started in the background in its own process group, so that
// it can be killed with everything it started.
class Background {
  public:
    Background(const std::vector<std::string>& argv, const RunOptions& options);
    ~Background();
    Background(const Background&) = delete;
    Background& operator=(const Background&) = delete;
    // Waits for it; the exit code, or 128 + the signal that ended it.
    RunResult wait();
    // SIGKILL to the whole process group.
    void kill_group();
    pid_t pid() const { return pid_; }

  private:
    pid_t pid_ = -1;
    std::unique_ptr<TempDir> scratch_;
    bool waited_ = false;
    RunResult result_;
};

class Site {
  public:
    // A home directory with a git identity (`name` <`email`>), a fresh
    // Ed25519 key (its private file) in user.signingkey (gpg.format ssh), signing on for
    // accord (accord.sign) and for git's own commits and merges
    // (commit.gpgsign), and the negotiation's allowed signers for git log.
    Site(const std::string& name, const std::string& email);

    const std::string& name() const { return name_; }
    const std::string& email() const { return email_; }
    const SshKeyFiles& key() const { return key_; }
    // The site's working copy, home/negotiation.
    std::string dir() const { return home_.file("negotiation"); }
    std::string home() const { return home_.path(); }

    // Lists `signers` (each "EMAIL KEY-LINE") for git log --show-signature.
    void set_allowed_signers(const std::vector<std::string>& lines) const;

    // Runs in the working copy, as this site: its home, its git config.
    RunResult git(const std::vector<std::string>& args, const std::string& input = "") const;
    RunResult accord(const std::vector<std::string>& args) const;
    RunOptions options(const std::string& cwd = "") const;
    // git clone URL into dir().
    RunResult clone(const std::string& url) const;
    // The file's contents in the working copy, and writing it there.
    std::string read(const std::string& path) const;
    void write(const std::string& path, const std::string& contents) const;

  private:
    std::string name_, email_;
    TempDir home_;
    SshKeyFiles key_;
};

// "NAME <EMAIL> namespaces="git" KEY" lines are what git's allowed-signers
// file takes; this one: "EMAIL namespaces=\"git\" KEY-LINE".
std::string allowed_signer(const std::string& email, const SshKeyFiles& key);

// The WGEC registry of the site tests: Japan and the United States of America
// (alias US) with their sites' keys, the secretariat with the clerk's, and
// signatures `policy` ("required" or "optional").
std::string signed_registry(const Site& clerk, const Site& japan, const Site& us,
                            const std::string& policy);

// `git fsck --strict` in `git_dir` (a bare repository or a work tree).
RunResult fsck(const std::string& dir);

}  // namespace accord::test
