// Signing with the user's own key through ssh-keygen (core/util/ssh_sign),
// for each way git's user.signingkey can name it: a private key file, a
// public key file or a literal public key with the private half in a real
// ssh-agent started for the test. Every signature made is checked here
// in-process, and the failures say what to do.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include "core/util/ssh_sign.hpp"
#include "core/util/ssh_signature.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/ssh_fixture.hpp"

namespace accord {
namespace {

const std::string kMessage = "Propose: delete [paragraph 7 alt]\n";

// An ssh-agent listening on a socket in a temporary directory, stopped at the end.
class Agent {
  public:
    Agent() {
        socket_ = dir_.file("agent.sock");
        const test::RunResult started = test::run({"ssh-agent", "-s", "-a", socket_});
        const std::size_t at = started.out.find("SSH_AGENT_PID=");
        if (started.exit_code != 0 || at == std::string::npos) {
            throw std::runtime_error("ssh-agent did not start: " + started.err);
        }
        pid_ = std::stoi(started.out.substr(at + 14));
    }
    ~Agent() {
        if (pid_ > 0) ::kill(pid_, SIGTERM);
    }
    Agent(const Agent&) = delete;
    Agent& operator=(const Agent&) = delete;

    void add(const test::SshKeyFiles& key) const {
        test::RunOptions options;
        options.environment = {"SSH_AUTH_SOCK=" + socket_};
        const test::RunResult added = test::run({"ssh-add", "-q", key.private_path}, options);
        if (added.exit_code != 0) throw std::runtime_error("ssh-add failed: " + added.err);
    }
    SshSigningOptions signing_options() const {
        SshSigningOptions options;
        options.environment = {{"SSH_AUTH_SOCK", socket_}};
        return options;
    }

  private:
    test::TempDir dir_;
    std::string socket_;
    int pid_ = -1;
};

class SshSign : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        key_ = test::make_ssh_key(dir_->path(), "id_ed25519", "ed25519");
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    // Without an agent: only the key file can sign.
    static SshSigningOptions no_agent() {
        SshSigningOptions options;
        options.environment = {{"SSH_AUTH_SOCK", ""}};
        return options;
    }
    static void expect_signed_by_key(const SshSigningResult& result, const std::string& message,
                                     const std::string& name_space = "git") {
        ASSERT_TRUE(result.ok()) << result.error;
        EXPECT_EQ(result.fingerprint, test::ssh_keygen_fingerprint(key_.public_path));
        EXPECT_EQ(result.signature.rfind("-----BEGIN SSH SIGNATURE-----\n", 0), 0u);
        EXPECT_EQ(result.signature.back(), '\n');
        const SignatureCheck check = verify_ssh_signature(result.signature, message, name_space);
        EXPECT_TRUE(check.good()) << check.error;
        EXPECT_EQ(check.fingerprint, result.fingerprint);
    }
    static inline test::TempDir* dir_ = nullptr;
    static inline test::SshKeyFiles key_;
};

TEST_F(SshSign, WithThePrivateKeyFile) {
    expect_signed_by_key(sign_with_ssh_keygen(kMessage, key_.private_path, no_agent()), kMessage);
}

TEST_F(SshSign, AHomeRelativePathIsExpandedAsGitDoes) {
    const char* saved = ::getenv("HOME");
    const std::string previous = saved ? saved : "";
    ::setenv("HOME", dir_->path().c_str(), 1);
    const SshSigningResult result = sign_with_ssh_keygen(kMessage, "~/id_ed25519", no_agent());
    if (saved) ::setenv("HOME", previous.c_str(), 1);
    expect_signed_by_key(result, kMessage);
}

TEST_F(SshSign, WithThePublicKeyFileOrALiteralKeyAndTheAgent) {
    Agent agent;
    agent.add(key_);
    expect_signed_by_key(sign_with_ssh_keygen(kMessage, key_.public_path, agent.signing_options()),
                         kMessage);
    expect_signed_by_key(
        sign_with_ssh_keygen(kMessage, "key::" + key_.public_line, agent.signing_options()),
        kMessage);
    // The form without key:: that git still accepts.
    expect_signed_by_key(sign_with_ssh_keygen(kMessage, key_.public_line, agent.signing_options()),
                         kMessage);
}

TEST_F(SshSign, AKeyTheAgentDoesNotHoldIsSaidSo) {
    Agent agent;  // empty
    const SshSigningResult result =
        sign_with_ssh_keygen(kMessage, "key::" + key_.public_line, agent.signing_options());
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(result.signature.empty());
    EXPECT_NE(result.error.find("ssh-keygen could not sign"), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("ssh-add"), std::string::npos) << result.error;
}

TEST_F(SshSign, AnotherNamespace) {
    SshSigningOptions options = no_agent();
    options.name_space = "file";
    const SshSigningResult result = sign_with_ssh_keygen(kMessage, key_.private_path, options);
    expect_signed_by_key(result, kMessage, "file");
    EXPECT_FALSE(verify_ssh_signature(result.signature, kMessage, "git").good());
}

TEST_F(SshSign, TheTemporaryFilesAreRemoved) {
    test::TempDir scratch;
    SshSigningOptions options = no_agent();
    options.temp_dir = scratch.path();
    ASSERT_TRUE(sign_with_ssh_keygen(kMessage, key_.private_path, options).ok());
    EXPECT_EQ(test::run({"find", scratch.path(), "-mindepth", "1"}).out, "");
}

TEST_F(SshSign, FailuresSayWhatToDo) {
    const auto error = [](const std::string& key, const SshSigningOptions& options) {
        const SshSigningResult result = sign_with_ssh_keygen(kMessage, key, options);
        EXPECT_FALSE(result.ok()) << key;
        EXPECT_TRUE(result.signature.empty());
        return result.error;
    };
    EXPECT_NE(error("", no_agent()).find("git config user.signingkey"), std::string::npos);
    EXPECT_NE(error(dir_->file("missing"), no_agent()).find("not a key file"), std::string::npos);
    EXPECT_NE(error(dir_->path(), no_agent()).find("not a key file"), std::string::npos);
    EXPECT_NE(error("key::ssh-ed25519 AAAA", no_agent()).find("not usable"), std::string::npos);
    SshSigningOptions no_program = no_agent();
    no_program.program = "/nonexistent/ssh-keygen";
    EXPECT_NE(error(key_.private_path, no_program).find("openssh-client"), std::string::npos);
    // A file that is no key at all: ssh-keygen's own words are passed on.
    test::TempDir scratch;
    const std::string junk = scratch.write("junk", "hello\n");
    EXPECT_NE(error(junk, no_agent()).find("ssh-keygen could not sign"), std::string::npos);
}

}  // namespace
}  // namespace accord
