// accord init (its first commit, --sign, --bare), accord propose --sign,
// accord verify and the marks of accord log, with the real binary, the real
// git and the real ssh-keygen, each site with its own home and key.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/sites.hpp"

namespace accord {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

TEST(InitCli, RecordsTheRegistryAndAttributesSoThatAFreshCloneWorks) {
    test::Site clerk("Clerk", "clerk@unctad.org");
    test::TempDir tmp;
    const test::RunResult init = test::run(
        {test::accord_binary(), "init", clerk.dir(), "--negotiation", "WGEC", "--no-sign"},
        clerk.options(clerk.home()));
    ASSERT_EQ(init.exit_code, 0) << init.err;
    EXPECT_TRUE(contains(init.out, "recorded accord.yaml, .gitattributes as commit")) << init.out;
    EXPECT_EQ(trimmed(clerk.git({"log", "--format=%an <%ae>|%s"}).out),
              "Clerk <clerk@unctad.org>|Start the negotiation WGEC");
    EXPECT_EQ(clerk.git({"status", "--porcelain"}).out, "");
    EXPECT_EQ(clerk.git({"ls-files"}).out, ".gitattributes\naccord.yaml\n");

    // The secretariat registers a delegation with plain git, then a clone
    // made with plain git and `accord init` proposes and merges as accord does.
    clerk.write("accord.yaml", "negotiation: WGEC\ndelegations: [Japan]\n");
    ASSERT_EQ(clerk.git({"commit", "-q", "--no-gpg-sign", "-m", "Register Japan", "accord.yaml"})
                  .exit_code,
              0);
    test::Site japan("Japan delegate", "delegate@mofa.go.jp");
    ASSERT_EQ(japan.clone(clerk.dir()).exit_code, 0);
    const test::RunResult again = japan.accord({"init"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_FALSE(contains(again.out, "recorded")) << again.out;
    EXPECT_TRUE(contains(again.out, "set the merge and diff drivers")) << again.out;
    EXPECT_EQ(japan.git({"status", "--porcelain"}).out, "");
    EXPECT_EQ(trimmed(japan.git({"check-attr", "merge", "--", "recs/A.md"}).out),
              "recs/A.md: merge: accord");
    japan.write("recs/A.md", "1. Parties [shall][should] act.\n");
    const test::RunResult proposed =
        japan.accord({"propose", "recs/A.md", "--by", "Japan", "--no-sign"});
    EXPECT_EQ(proposed.exit_code, 0) << proposed.err;

    // Run again in the secretariat's repository: nothing more to record.
    const test::RunResult third = clerk.accord({"init"});
    EXPECT_EQ(third.exit_code, 0) << third.err;
    EXPECT_FALSE(contains(third.out, "recorded")) << third.out;
    EXPECT_EQ(trimmed(clerk.git({"rev-list", "--count", "HEAD"}).out), "2");
}

TEST(InitCli, SignsTheFirstCommitAndListsTheKeyAsTheSecretariats) {
    test::Site clerk("Clerk", "clerk@unctad.org");
    clerk.set_allowed_signers({test::allowed_signer(clerk.email(), clerk.key())});
    const test::RunResult init =
        test::run({test::accord_binary(), "init", clerk.dir(), "--negotiation", "WGEC",
                   "--secretariat", "WGEC secretariat"},
                  clerk.options(clerk.home()));  // accord.sign is true for this site
    ASSERT_EQ(init.exit_code, 0) << init.err;
    const std::string fingerprint = test::ssh_keygen_fingerprint(clerk.key().public_path);
    EXPECT_TRUE(contains(init.out, "listed your signing key " + fingerprint)) << init.out;
    EXPECT_TRUE(contains(init.out, "signed with " + fingerprint)) << init.out;
    const std::string yaml = clerk.read("accord.yaml");
    EXPECT_TRUE(contains(yaml, "name: WGEC secretariat")) << yaml;
    EXPECT_TRUE(contains(yaml, clerk.key().public_line)) << yaml;
    // Plain git checks the signature too.
    const test::RunResult shown = clerk.git({"log", "--show-signature", "-1"});
    EXPECT_TRUE(contains(shown.out, "Good \"git\" signature for clerk@unctad.org"))
        << shown.out << shown.err;
    EXPECT_EQ(clerk.git({"verify-commit", "HEAD"}).exit_code, 0);
    const test::RunResult verify = clerk.accord({"verify"});
    EXPECT_EQ(verify.exit_code, 0) << verify.out;
    EXPECT_TRUE(contains(verify.out, "verified")) << verify.out;
    EXPECT_TRUE(contains(verify.out, "signed by secretariat member WGEC secretariat"))
        << verify.out;
}

TEST(InitCli, SigningWithoutAKeyWritesNothing) {
    test::TempDir home;  // no git configuration at all: no key
    test::RunOptions options;
    options.cwd = home.path();
    options.environment = {"HOME=" + home.path(), "XDG_CONFIG_HOME=" + home.file(".config"),
                           "GIT_CONFIG_NOSYSTEM=1"};
    const test::RunResult init = test::accord({"init", home.file("neg"), "--sign"}, options);
    EXPECT_EQ(init.exit_code, 2) << init.out;
    EXPECT_TRUE(contains(init.err, "git config --global user.signingkey")) << init.err;
    EXPECT_FALSE(std::filesystem::exists(home.file("neg")));
}

TEST(InitCli, BareMakesAServersCopyWithItsOwnHook) {
    test::TempDir tmp;
    const test::RunResult init = test::accord({"init", "--bare", tmp.file("wgec.git")});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    EXPECT_TRUE(contains(init.out, "created the bare repository")) << init.out;
    EXPECT_TRUE(contains(init.out, "wrote the pre-receive hook")) << init.out;
    const std::string hook = tmp.file("wgec.git/hooks/pre-receive");
    EXPECT_TRUE(contains(test::read_all(hook), "hook pre-receive"));
    EXPECT_EQ(
        trimmed(test::run({"git", "-C", tmp.file("wgec.git"), "rev-parse", "--is-bare-repository"})
                    .out),
        "true");
    // Again: the hook is rewritten, nothing else.
    const test::RunResult again = test::accord({"init", "--bare", tmp.file("wgec.git")});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(contains(again.out, "exists; left as it is")) << again.out;
    // Not over a work tree, nor without a directory.
    test::accord({"init", tmp.file("work")});
    EXPECT_EQ(test::accord({"init", "--bare", tmp.file("work")}).exit_code, 2);
    EXPECT_EQ(test::accord({"init", "--bare"}).exit_code, 2);
    EXPECT_EQ(test::accord({"init", tmp.file("wgec.git")}).exit_code, 2);
}

// A secretariat and two delegations sharing one repository through file
// paths (the server tests use a real server).
class SignedNegotiation : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(test::run({test::accord_binary(), "init", clerk.dir(), "--negotiation", "WGEC"},
                            clerk.options(clerk.home()))
                      .exit_code,
                  0);
        clerk.write("accord.yaml", test::signed_registry(clerk, japan, us, "required"));
        ASSERT_EQ(clerk
                      .git({"commit", "-q", "-m", "Register the delegations and their keys",
                            "accord.yaml"})
                      .exit_code,
                  0);
        const std::vector<std::string> signers = {test::allowed_signer(clerk.email(), clerk.key()),
                                                  test::allowed_signer(japan.email(), japan.key()),
                                                  test::allowed_signer(us.email(), us.key())};
        for (const test::Site* site : {&clerk, &japan, &us}) site->set_allowed_signers(signers);
    }

    test::Site clerk{"Clerk", "clerk@unctad.org"};
    test::Site japan{"Japan delegate", "delegate@mofa.go.jp"};
    test::Site us{"US delegate", "delegate@state.gov"};
};

TEST_F(SignedNegotiation, ProposeSignsAndPlainGitVerifiesIt) {
    clerk.write("recs/A-1.md", "1. Parties [shall][should] act.\n");
    // The secretariat records for Japan; Japan's own key is not on this machine.
    const test::RunResult r = clerk.accord({"propose", "recs/A-1.md", "--by", "Japan"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const test::RunResult raw = clerk.git({"cat-file", "commit", "HEAD"});
    EXPECT_TRUE(contains(raw.out, "\ngpgsig -----BEGIN SSH SIGNATURE-----\n")) << raw.out;
    const test::RunResult shown = clerk.git({"log", "--show-signature", "-1", "--format=%G?|%an"});
    EXPECT_TRUE(contains(shown.out, "Good \"git\" signature for clerk@unctad.org")) << shown.out;
    EXPECT_TRUE(contains(shown.out, "G|Japan")) << shown.out;
    EXPECT_EQ(trimmed(clerk.git({"log", "--format=%G?"}).out), "G\nG\nG");

    const test::RunResult verify = clerk.accord({"verify"});
    EXPECT_EQ(verify.exit_code, 0) << verify.out;
    EXPECT_TRUE(contains(verify.out, "3 commits: 3 verified, 0 unsigned, 0 bad; nothing fails"))
        << verify.out;

    // Unsigned, by choice: verify fails under required, and log marks it.
    clerk.write("recs/A-1.md", "1. Parties shall act.\n");
    ASSERT_EQ(clerk.accord({"propose", "recs/A-1.md", "--by", "Japan", "--no-sign"}).exit_code, 0);
    const test::RunResult failing = clerk.accord({"verify"});
    EXPECT_EQ(failing.exit_code, 1) << failing.out;
    EXPECT_TRUE(contains(failing.out, "fails [unsigned] not signed")) << failing.out;
    const test::RunResult log = clerk.accord({"log"});
    EXPECT_EQ(log.exit_code, 0) << log.err;
    EXPECT_TRUE(contains(log.out, "Japan  [unsigned]")) << log.out;
    EXPECT_TRUE(contains(log.out, "Japan  [verified]")) << log.out;
    // Oldest first, the marks are the same: the first proposal was signed.
    const test::RunResult reversed = clerk.accord({"log", "--reverse"});
    EXPECT_LT(reversed.out.find("[verified]"), reversed.out.find("[unsigned]")) << reversed.out;
    // Only what is new since the last good state.
    EXPECT_EQ(clerk.accord({"verify", "HEAD~1"}).exit_code, 0);
    EXPECT_EQ(clerk.accord({"verify", "HEAD~1..HEAD"}).exit_code, 1);
    EXPECT_EQ(clerk.accord({"verify", "nowhere"}).exit_code, 2);
}

// Under `signatures: required` a redraft merge must be signed too, or the
// server refuses it: accord merge signs as propose does (accord.sign).
TEST_F(SignedNegotiation, AMergeOfRedraftsIsSignedAsProposalsAre) {
    clerk.write("recs/A-1.md", "1. Parties [shall][should] act.\n");
    ASSERT_EQ(clerk.accord({"propose", "recs/A-1.md", "--by", "Japan"}).exit_code, 0);
    ASSERT_EQ(clerk.git({"checkout", "-q", "-b", "redraft/informal"}).exit_code, 0);
    clerk.write("recs/A-1.md", "1. Parties [shall][should] act together.\n");
    ASSERT_EQ(clerk.accord({"propose", "recs/A-1.md", "--by", "Japan"}).exit_code, 0);
    ASSERT_EQ(clerk.git({"checkout", "-q", "main"}).exit_code, 0);
    clerk.write("notes.txt", "Room 3.\n");
    ASSERT_EQ(clerk.git({"add", "notes.txt"}).exit_code, 0);
    ASSERT_EQ(clerk.git({"commit", "-q", "-m", "Notes"}).exit_code, 0);

    const test::RunResult merged = clerk.accord({"merge", "informal"});
    ASSERT_EQ(merged.exit_code, 0) << merged.out << merged.err;
    EXPECT_EQ(trimmed(clerk.git({"log", "-1", "--format=%G?|%p"}).out).substr(0, 2), "G|");
    const test::RunResult verify = clerk.accord({"verify"});
    EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

TEST_F(SignedNegotiation, ByUsWithJapansKeyIsBadInVerifyAndLog) {
    ASSERT_EQ(japan.clone(clerk.dir()).exit_code, 0);
    ASSERT_EQ(japan.accord({"init"}).exit_code, 0);
    japan.write("recs/A-1.md", "1. Parties [shall][should] act.\n");
    // propose refuses it before recording anything...
    const test::RunResult r =
        japan.accord({"propose", "recs/A-1.md", "--by", "US", "-m", "Proposal of the US"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(contains(r.err, "error[key-of-another]")) << r.err;
    EXPECT_TRUE(
        contains(r.err, "is Japan's in accord.yaml; a proposal by United States of America"))
        << r.err;
    // ...but git can make it: verify and log find it.
    ASSERT_EQ(japan.git({"add", "recs/A-1.md"}).exit_code, 0);
    ASSERT_EQ(japan
                  .git({"commit", "-q", "-S", "--no-verify", "-a", "--author",
                        "United States of America <us@delegations.accord>", "-m",
                        "Proposal of the US\n\nProposed-by: United States of America"})
                  .exit_code,
              0);
    const test::RunResult verify = japan.accord({"verify", "--format", "json"});
    EXPECT_EQ(verify.exit_code, 1) << verify.out;
    EXPECT_TRUE(contains(verify.out, "\"schema\": \"accord.verify/1\"")) << verify.out;
    EXPECT_TRUE(contains(verify.out, "\"code\": \"key-of-another\"")) << verify.out;
    EXPECT_TRUE(contains(verify.out, "\"name\": \"Japan\"")) << verify.out;
    const test::RunResult log = japan.accord({"log"});
    EXPECT_TRUE(contains(log.out, "United States of America  [bad]")) << log.out;
    const test::RunResult json = japan.accord({"log", "--format", "json"});
    EXPECT_EQ(json.exit_code, 0) << json.err;
    EXPECT_TRUE(contains(json.out, "\"signature\": \"bad\"")) << json.out;
}

// The credit of a commit without a Proposed-by trailer goes to its author
// (log, blame): Japan's key must not sign a plain commit authored as the US,
// nor a position in another delegation's name.
TEST_F(SignedNegotiation, JapansKeyOnAPlainCommitOrPositionOfAnotherIsBad) {
    ASSERT_EQ(japan.clone(clerk.dir()).exit_code, 0);
    ASSERT_EQ(japan.accord({"init"}).exit_code, 0);
    japan.write("recs/A-1.md", "1. Parties [shall][should] act, and the US withdraws.\n");
    ASSERT_EQ(japan.git({"add", "recs/A-1.md"}).exit_code, 0);
    const test::RunResult plain =
        japan.git({"commit", "-q", "-S", "--no-verify", "--author", "US <us@delegations.accord>",
                   "-m", "Revision of the US"});
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    const test::RunResult verify = japan.accord({"verify", "--format", "json", "HEAD~1..HEAD"});
    EXPECT_EQ(verify.exit_code, 1) << verify.out;
    EXPECT_TRUE(contains(verify.out, "\"code\": \"key-of-another\"")) << verify.out;
    EXPECT_TRUE(contains(verify.out, "authored as United States of America")) << verify.out;
    EXPECT_TRUE(contains(japan.accord({"log"}).out, "[bad]"));

    // Signed by Japan as Japan, but shown as the US's position.
    const test::RunResult position = japan.git(
        {"commit", "-q", "-S", "--no-verify", "--allow-empty", "-m",
         "Position of the US on recs/A-1.md: we withdraw\n\nPosition-of: US\nPosition-on: "
         "recs/A-1.md"});
    ASSERT_EQ(position.exit_code, 0) << position.err;
    const test::RunResult second = japan.accord({"verify", "--format", "json", "HEAD~1..HEAD"});
    EXPECT_EQ(second.exit_code, 1) << second.out;
    EXPECT_TRUE(contains(second.out, "\"code\": \"author-mismatch\"")) << second.out;
    EXPECT_TRUE(contains(second.out, "first Position-of: is 'US'")) << second.out;
}

TEST_F(SignedNegotiation, ASigningFailureRecordsNothing) {
    clerk.write("recs/A-1.md", "1. Parties act.\n");
    const std::string before = clerk.git({"rev-parse", "HEAD"}).out;
    // This repository names a key that is not there.
    ASSERT_EQ(clerk.git({"config", "user.signingkey", clerk.home() + "/missing"}).exit_code, 0);
    const test::RunResult r = clerk.accord({"propose", "recs/A-1.md", "--by", "Japan"});
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_TRUE(contains(r.err, "cannot sign the commit")) << r.err;
    EXPECT_TRUE(contains(r.err, "nothing was recorded")) << r.err;
    EXPECT_EQ(clerk.git({"rev-parse", "HEAD"}).out, before);
    EXPECT_EQ(clerk.git({"status", "--porcelain"}).out, "?? recs/\n");
}

}  // namespace
}  // namespace accord
