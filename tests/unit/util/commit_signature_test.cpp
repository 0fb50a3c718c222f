// Signed commits (core/util/commit_signature) against the real git: a
// commit signed here is accepted by git verify-commit and git log
// --show-signature, a commit git signed itself verifies here, and the
// signature header is taken apart and put back byte for byte as git does.
#include <gtest/gtest.h>

#include "core/util/commit_signature.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/ssh_fixture.hpp"

namespace accord {
namespace {

class SignedCommits : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        keys_ = new test::TempDir;
        key_ = test::make_ssh_key(keys_->path(), "japan", "ed25519", 0, "japan@example.org");
        other_ = test::make_ssh_key(keys_->path(), "france", "ed25519", 0, "france@example.org");
        allowed_signers_ = keys_->write(
            "allowed_signers", "japan@example.org namespaces=\"git\" " + key_.public_line + "\n");
    }
    static void TearDownTestSuite() {
        delete keys_;
        keys_ = nullptr;
    }
    void SetUp() override {
        ASSERT_EQ(git({"init", "-q", "-b", "main"}).exit_code, 0);
        repo_.write("agreement.md", "# Article 2\n\n1. Parties [shall][should] act.\n");
        ASSERT_EQ(git({"add", "agreement.md"}).exit_code, 0);
    }
    test::RunResult git(std::vector<std::string> args, const std::string& input = "") const {
        args.insert(args.begin(), {"git", "-c", "gpg.format=ssh", "-c",
                                   "gpg.ssh.allowedSignersFile=" + allowed_signers_});
        test::RunOptions options = test::in(repo_.path());
        options.environment.insert(options.environment.end(),
                                   {"GIT_AUTHOR_NAME=Japan", "GIT_AUTHOR_EMAIL=japan@example.org",
                                    "GIT_AUTHOR_DATE=1700000000 +0900",
                                    "GIT_COMMITTER_DATE=1700000000 +0900", "SSH_AUTH_SOCK="});
        options.input = input;
        return test::run(args, options);
    }
    std::string git_out(const std::vector<std::string>& args, const std::string& input = "") const {
        const test::RunResult result = git(args, input);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        std::string out = result.out;
        while (!out.empty() && out.back() == '\n') out.pop_back();
        return out;
    }
    // An unsigned commit object's content, as git_commit_create_buffer would make it.
    std::string unsigned_commit_content(const std::string& message) const {
        const std::string tree = git_out({"write-tree"});
        const std::string id = git_out({"commit-tree", tree, "-m", message});
        return git_out({"cat-file", "commit", id}) + "\n";
    }
    std::string write_commit(const std::string& content) const {
        return git_out({"hash-object", "-t", "commit", "-w", "--stdin"}, content);
    }

    test::TempDir repo_;
    static inline test::TempDir* keys_ = nullptr;
    static inline test::SshKeyFiles key_, other_;
    static inline std::string allowed_signers_;
};

TEST_F(SignedCommits, ACommitSignedHereIsGoodForGit) {
    const std::string content = unsigned_commit_content("Propose: [shall] in 2.1\n\nBy: Japan");
    const SshSigningResult signature = sign_commit_content(content, key_.private_path);
    ASSERT_TRUE(signature.ok()) << signature.error;
    EXPECT_NE(signature.signature.back(), '\n');  // ready for git_commit_create_with_signature
    const std::string id = write_commit(add_signature_header(content, signature.signature));

    const test::RunResult verified = git({"verify-commit", id});
    EXPECT_EQ(verified.exit_code, 0) << verified.err;
    EXPECT_NE(verified.err.find("Good \"git\" signature for japan@example.org with ED25519 key " +
                                signature.fingerprint),
              std::string::npos)
        << verified.err;
    EXPECT_EQ(git_out({"log", "-1", "--format=%G?", id}), "G");
    EXPECT_EQ(git({"fsck", "--strict"}).exit_code, 0);

    // And it reads back here as it was signed.
    const auto split = split_signed_commit(git_out({"cat-file", "commit", id}) + "\n");
    ASSERT_TRUE(split);
    EXPECT_EQ(split->payload, content);
    EXPECT_TRUE(verify_commit_signature(split->signature, split->payload).good());
}

TEST_F(SignedCommits, ACommitSignedByGitIsGoodHere) {
    ASSERT_EQ(git({"-c", "user.signingkey=" + key_.private_path, "commit", "-q", "-S", "-m",
                   "Propose: [should] in 2.1"})
                  .exit_code,
              0);
    const std::string raw = git_out({"cat-file", "commit", "HEAD"}) + "\n";
    const auto split = split_signed_commit(raw);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->signature.rfind("-----BEGIN SSH SIGNATURE-----\n", 0), 0u);
    EXPECT_EQ(split->payload.find("gpgsig"), std::string::npos);
    const SignatureCheck check = verify_commit_signature(split->signature, split->payload);
    EXPECT_TRUE(check.good()) << check.error;
    EXPECT_EQ(check.fingerprint, test::ssh_keygen_fingerprint(key_.public_path));
    // The header goes back where git put it, with or without the final newline.
    EXPECT_EQ(add_signature_header(split->payload, split->signature), raw);
    std::string trimmed = split->signature;
    trimmed.pop_back();
    EXPECT_EQ(add_signature_header(split->payload, trimmed), raw);
    // libgit2's git_commit_create_with_signature writes "gpgsig ", then the
    // signature with each '\n' followed by a space, then '\n', after the
    // header lines: given the trimmed signature, the same bytes.
    std::string libgit2_header = "gpgsig ";
    for (char c : trimmed) libgit2_header += c == '\n' ? std::string("\n ") : std::string(1, c);
    libgit2_header += '\n';
    const std::size_t end_of_headers = split->payload.find("\n\n") + 1;
    EXPECT_EQ(split->payload.substr(0, end_of_headers) + libgit2_header +
                  split->payload.substr(end_of_headers),
              raw);
}

TEST_F(SignedCommits, TextChangedAfterSigningIsBad) {
    ASSERT_EQ(git({"-c", "user.signingkey=" + key_.private_path, "commit", "-q", "-S", "-m",
                   "Propose: [should] in 2.1"})
                  .exit_code,
              0);
    const auto split = split_signed_commit(git_out({"cat-file", "commit", "HEAD"}) + "\n");
    ASSERT_TRUE(split);
    // Another tree under the same message, as a forger would make it.
    repo_.write("agreement.md", "# Article 2\n\n1. Parties [may] act.\n");
    std::string payload = split->payload;
    const std::string tree = git_out({"write-tree"});
    ASSERT_EQ(git({"add", "agreement.md"}).exit_code, 0);
    const std::string new_tree = git_out({"write-tree"});
    ASSERT_NE(tree, new_tree);
    payload.replace(5, 40, new_tree);
    const SignatureCheck check = verify_commit_signature(split->signature, payload);
    EXPECT_EQ(check.verdict, SignatureVerdict::bad);
    // git agrees.
    const std::string forged = write_commit(add_signature_header(payload, split->signature));
    EXPECT_NE(git({"verify-commit", forged}).exit_code, 0);
}

TEST_F(SignedCommits, AnotherKeysSignatureNamesThatKey) {
    const std::string content = unsigned_commit_content("Propose: [shall]\n\nBy: Japan");
    const SshSigningResult by_france = sign_commit_content(content, other_.private_path);
    ASSERT_TRUE(by_france.ok()) << by_france.error;
    const SignatureCheck check = verify_commit_signature(by_france.signature, content);
    EXPECT_TRUE(check.good());
    EXPECT_EQ(check.fingerprint, test::ssh_keygen_fingerprint(other_.public_path));
    EXPECT_NE(check.fingerprint, test::ssh_keygen_fingerprint(key_.public_path));
    // git, which allows only Japan's key, does not call it good either.
    const std::string id = write_commit(add_signature_header(content, by_france.signature));
    EXPECT_NE(git({"verify-commit", id}).exit_code, 0);
}

TEST(SplitSignedCommit, ReadsHeadersAsGitDoes) {
    const std::string headers =
        "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
        "author A <a@example.org> 1700000000 +0000\n"
        "committer A <a@example.org> 1700000000 +0000\n";
    EXPECT_FALSE(split_signed_commit(headers + "\nmessage\n"));
    // A "gpgsig " line in the message is text, not a signature.
    EXPECT_FALSE(split_signed_commit(headers + "\nmessage\ngpgsig -----BEGIN\n"));
    const std::string signed_ =
        headers + "gpgsig line one\n line two\n line three\n\nmessage\n gpgsig x\n";
    const auto split = split_signed_commit(signed_);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->signature, "line one\nline two\nline three\n");
    EXPECT_EQ(split->payload, headers + "\nmessage\n gpgsig x\n");
    // The SHA-256 signature of a dual-hash commit is left out of the payload.
    const auto dual =
        split_signed_commit(headers + "gpgsig-sha256 other\n other 2\ngpgsig sig\n\nm\n");
    ASSERT_TRUE(dual);
    EXPECT_EQ(dual->signature, "sig\n");
    EXPECT_EQ(dual->payload, headers + "\nm\n");
    // Headers after the signature stay in the payload.
    const auto later = split_signed_commit(headers + "gpgsig s\n s2\nencoding latin1\n\nm\n");
    ASSERT_TRUE(later);
    EXPECT_EQ(later->payload, headers + "encoding latin1\n\nm\n");
    EXPECT_EQ(add_signature_header(headers + "\nm\n", "s\ns2"), headers + "gpgsig s\n s2\n\nm\n");
}

}  // namespace
}  // namespace accord
