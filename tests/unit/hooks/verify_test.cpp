// hooks/verify over real repositories whose commits are signed by the real
// ssh-keygen (core/store/commit_signer): who signed each commit, checked
// against the registry as it stood before it.
#include "hooks/verify.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "core/store/commit_signer.hpp"
#include "core/store/proposal_record.hpp"
#include "core/util/errors.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/ssh_fixture.hpp"

namespace accord {
namespace {

using hooks::CommitVerification;
using hooks::SignatureMark;

struct Keys {
    test::TempDir dir;
    test::SshKeyFiles japan, us, clerk, stranger;
    Keys() {
        japan = test::make_ssh_key(dir.path(), "japan", "ed25519", 0, "delegate@mofa.go.jp");
        us = test::make_ssh_key(dir.path(), "us", "ecdsa", 256, "delegate@state.gov");
        clerk = test::make_ssh_key(dir.path(), "clerk", "ed25519", 0, "clerk@unctad.org");
        stranger = test::make_ssh_key(dir.path(), "stranger", "ed25519", 0, "who@example.org");
    }
};

const Keys& keys() {
    static const Keys k;  // made once: ssh-keygen takes a while; removed at exit
    return k;
}

CommitSigner signer(const test::SshKeyFiles& key) {
    return ssh_commit_signer(SigningSetup{key.private_path, "ssh-keygen"});
}

std::string registry(const std::string& policy, const std::string& extra_japan_key = "") {
    std::string text =
        "negotiation: Test\n"
        "delegations:\n"
        "  - name: Japan\n"
        "    keys:\n"
        "      - " +
        keys().japan.public_line + "\n";
    if (!extra_japan_key.empty()) text += "      - " + extra_japan_key + "\n";
    text +=
        "  - name: United States of America\n"
        "    aliases: [US]\n"
        "    keys: [" +
        keys().us.public_line +
        "]\n"
        "  - Brazil\n"
        "secretariat:\n"
        "  - name: Secretariat\n"
        "    keys: [" +
        keys().clerk.public_line +
        "]\n"
        "policy: {signatures: " +
        policy + "}\n";
    return text;
}

class Verify : public ::testing::Test {
  protected:
    void SetUp() override { fresh(); }

    // A new, empty repository (tests that try both policies start over).
    void fresh() {
        repo_.reset();
        tmp_ = std::make_unique<test::TempDir>();
        repo_.emplace(Repository::init(tmp_->path()));
        day_ = 0;
    }

    // A commit on main: `files` on top of the branch, authored by `author`
    // (a delegation address unless it is the secretariat), with one
    // Proposed-by: per name of `by`.
    std::string record(std::vector<std::pair<std::string, std::optional<std::string>>> files,
                       const std::string& author, const std::vector<std::string>& by,
                       CommitSigner sign, std::vector<std::string> merged = {}) {
        CommitRequest request;
        request.files = std::move(files);
        const bool delegation = author != "Secretariat";
        request.author =
            Signature{author, delegation ? delegation_email(author) : "clerk@unctad.org",
                      1392811200 + 86400 * ++day_, 0};
        request.committer = Signature{"Clerk", "clerk@unctad.org", request.author.time, 0};
        ProposalMessage message;
        message.text = "Change " + std::to_string(day_);
        message.proposers = by;
        request.message = format_proposal_message(message);
        request.parent = repo_->head();
        request.merged = std::move(merged);
        request.allow_empty = true;
        request.signer = std::move(sign);
        return repo_->commit_files(request);
    }

    // The secretariat's first commit with the registry, signed by the clerk.
    void start(const std::string& policy) {
        record({{"accord.yaml", registry(policy)}}, "Secretariat", {}, signer(keys().clerk));
    }

    std::string text(int n) {
        return "1. Parties [shall][should] act " + std::to_string(n) + ".\n";
    }

    CommitVerification check(const std::string& id) {
        hooks::Verifier verifier(*repo_);
        return verifier.verify(repo_->commit(id));
    }

    static bool has(const CommitVerification& v, const std::string& code) {
        return std::any_of(v.problems.begin(), v.problems.end(),
                           [&](const hooks::VerifyProblem& p) { return p.code == code; });
    }

    test::RunResult git(const std::vector<std::string>& args, const std::string& input = "") {
        std::vector<std::string> argv = {"git", "-C", tmp_->path()};
        argv.insert(argv.end(), args.begin(), args.end());
        test::RunOptions options;
        options.input = input;
        return test::run(argv, options);
    }

    std::unique_ptr<test::TempDir> tmp_;
    std::optional<Repository> repo_;
    int day_ = 0;
};

TEST_F(Verify, TheSecretariatsFirstCommitAnchorsTheRegistry) {
    start("required");
    const CommitVerification v = check(*repo_->head());
    EXPECT_EQ(v.mark, SignatureMark::verified) << v.problems.size();
    EXPECT_TRUE(v.is_signed);
    EXPECT_TRUE(v.registry_changed);
    ASSERT_TRUE(v.signer);
    EXPECT_TRUE(v.signer->secretariat);
    EXPECT_EQ(v.fingerprint, test::ssh_keygen_fingerprint(keys().clerk.public_path));
    EXPECT_EQ(v.key_type, "ssh-ed25519");
    EXPECT_EQ(v.kind, hooks::CommitKind::other);
    EXPECT_FALSE(v.failed());
}

TEST_F(Verify, AProposalSignedByItsDelegationIsVerified) {
    start("required");
    const std::string id = record({{"A.md", text(1)}}, "Japan", {"Japan"}, signer(keys().japan));
    const CommitVerification v = check(id);
    EXPECT_EQ(v.mark, SignatureMark::verified);
    EXPECT_EQ(v.kind, hooks::CommitKind::proposal);
    EXPECT_EQ(v.signer->name, "Japan");
    EXPECT_TRUE(v.problems.empty());
    // An ECDSA key, and an alias in the trailer, verify as well.
    const std::string us =
        record({{"A.md", text(2)}}, "United States of America", {"US"}, signer(keys().us));
    EXPECT_EQ(check(us).mark, SignatureMark::verified);
    EXPECT_EQ(check(us).proposers, std::vector<std::string>{"United States of America"});
}

TEST_F(Verify, TheSecretariatMaySignForADelegation) {
    start("required");
    const std::string id = record({{"A.md", text(1)}}, "Brazil", {"Brazil"}, signer(keys().clerk));
    EXPECT_EQ(check(id).mark, SignatureMark::verified);
}

TEST_F(Verify, ByUsSignedWithJapansKeyIsBad) {
    for (const char* policy : {"optional", "required"}) {
        SCOPED_TRACE(policy);
        fresh();
        start(policy);
        const std::string id = record({{"A.md", text(1)}}, "United States of America",
                                      {"United States of America"}, signer(keys().japan));
        const CommitVerification v = check(id);
        EXPECT_EQ(v.mark, SignatureMark::bad);
        EXPECT_TRUE(has(v, "key-of-another"));
        EXPECT_TRUE(v.failed());  // under either policy: a key of someone else is no accident
        ASSERT_TRUE(v.signer);
        EXPECT_EQ(v.signer->name, "Japan");
    }
}

TEST_F(Verify, UnsignedFailsOnlyUnderRequired) {
    start("optional");
    const std::string loose = record({{"A.md", text(1)}}, "Japan", {"Japan"}, {});
    CommitVerification v = check(loose);
    EXPECT_EQ(v.mark, SignatureMark::unsigned_);
    EXPECT_TRUE(has(v, "unsigned"));
    EXPECT_FALSE(v.failed());

    fresh();
    start("required");
    const std::string strict = record({{"A.md", text(1)}}, "Japan", {"Japan"}, {});
    v = check(strict);
    EXPECT_EQ(v.mark, SignatureMark::unsigned_);
    EXPECT_TRUE(v.failed());
    EXPECT_EQ(v.policy, SignaturePolicy::required);
}

TEST_F(Verify, AnUnregisteredKeyIsNotVerified) {
    start("optional");
    const std::string id = record({{"A.md", text(1)}}, "Japan", {"Japan"}, signer(keys().stranger));
    const CommitVerification v = check(id);
    EXPECT_EQ(v.mark, SignatureMark::bad);
    EXPECT_TRUE(has(v, "unknown-key"));
    EXPECT_FALSE(v.failed());  // optional: a key nobody registered proves nothing, and that is all
    EXPECT_FALSE(v.signer);
}

TEST_F(Verify, AKeyAddedByADelegationAuthorisesNothing) {
    start("required");
    // Japan adds the stranger's key to its own entry and signs with it in
    // the same commit: the registry before the commit does not know it.
    const std::string id = record(
        {{"accord.yaml", registry("required", keys().stranger.public_line)}, {"A.md", text(1)}},
        "Japan", {"Japan"}, signer(keys().stranger));
    const CommitVerification v = check(id);
    EXPECT_EQ(v.mark, SignatureMark::bad);
    EXPECT_TRUE(has(v, "unknown-key"));
    EXPECT_TRUE(has(v, "registry-change-unsigned"));
    EXPECT_TRUE(v.registry_changed);
    EXPECT_TRUE(v.failed());

    // Signed with Japan's registered key, the change is still not the secretariat's.
    const std::string own =
        record({{"accord.yaml", registry("optional")}}, "Japan", {"Japan"}, signer(keys().japan));
    const CommitVerification w = check(own);
    EXPECT_TRUE(has(w, "registry-change-unsigned"));
    EXPECT_TRUE(w.failed());
    EXPECT_EQ(w.mark, SignatureMark::bad);

    // The secretariat may change it.
    const std::string by_clerk =
        record({{"accord.yaml", registry("required", keys().stranger.public_line)}}, "Secretariat",
               {}, signer(keys().clerk));
    EXPECT_EQ(check(by_clerk).mark, SignatureMark::verified);
    // From the next commit on, the new key signs for Japan.
    const std::string next =
        record({{"A.md", text(2)}}, "Japan", {"Japan"}, signer(keys().stranger));
    EXPECT_EQ(check(next).mark, SignatureMark::verified);
}

TEST_F(Verify, ARegistryWithoutSecretariatKeysIsUnguardedUnderOptional) {
    record({{"accord.yaml", "negotiation: Test\ndelegations: [Japan]\n"}}, "Secretariat", {}, {});
    const std::string id =
        record({{"accord.yaml", "negotiation: Test\ndelegations: [Japan, Chile]\n"}}, "Japan",
               {"Japan"}, {});
    const CommitVerification v = check(id);
    EXPECT_TRUE(has(v, "registry-change-unsigned"));
    EXPECT_FALSE(v.failed());
    EXPECT_EQ(v.mark, SignatureMark::unsigned_);
}

TEST_F(Verify, TextChangedAfterSigningIsBad) {
    start("optional");
    record({{"A.md", text(1)}}, "Japan", {"Japan"}, signer(keys().japan));
    const std::string good = record({{"A.md", text(2)}}, "Japan", {"Japan"}, signer(keys().japan));
    // The same commit, signature and message, pointing at another tree.
    const std::string other_tree = git({"rev-parse", good + "~1^{tree}"}).out.substr(0, 40);
    std::string raw = repo_->raw_commit(good);
    ASSERT_EQ(raw.rfind("tree ", 0), 0u);
    raw.replace(5, 40, other_tree);
    const test::RunResult forged =
        git({"hash-object", "-t", "commit", "-w", "--stdin", "--literally"}, raw);
    ASSERT_EQ(forged.exit_code, 0) << forged.err;
    const std::string id = forged.out.substr(0, 40);
    ASSERT_EQ(repo_->commit(id).message, repo_->commit(good).message);
    const CommitVerification v = check(id);
    EXPECT_EQ(v.mark, SignatureMark::bad);
    EXPECT_TRUE(has(v, "bad-signature"));
    EXPECT_TRUE(v.failed());
    EXPECT_EQ(check(good).mark, SignatureMark::verified);
}

TEST_F(Verify, TheAuthorMustBeTheFirstProposer) {
    start("optional");
    const std::string id =
        record({{"A.md", text(1)}}, "Japan", {"United States of America"}, signer(keys().japan));
    const CommitVerification v = check(id);
    EXPECT_TRUE(has(v, "author-mismatch"));
    EXPECT_TRUE(v.failed());
    EXPECT_EQ(v.mark, SignatureMark::bad);
    const std::string unknown = record({{"A.md", text(2)}}, "Japan", {"Japan", "Atlantis"}, {});
    EXPECT_TRUE(has(check(unknown), "unknown-proposer"));
    // An author no registry knows, who is the first proposer as written: the
    // name is unknown, not a mismatch.
    const std::string stranger = record({{"A.md", text(3)}}, "Narnia", {"Narnia"}, {});
    EXPECT_TRUE(has(check(stranger), "unknown-proposer"));
    EXPECT_FALSE(has(check(stranger), "author-mismatch"));
}

TEST_F(Verify, AMergeTakingTheChangedSideChangesNoRegistry) {
    start("required");
    const std::string base = record({{"A.md", text(1)}}, "Japan", {"Japan"}, signer(keys().japan));
    // Side: the secretariat changes the registry.
    const std::string side =
        record({{"accord.yaml", registry("required", keys().stranger.public_line)}}, "Secretariat",
               {}, signer(keys().clerk));
    repo_->create_branch("side", side);
    // Main goes on from base without it (moved back by hand).
    ASSERT_EQ(git({"update-ref", "refs/heads/main", base}).exit_code, 0);
    record({{"B.md", text(2)}}, "Japan", {"Japan"}, signer(keys().japan));
    // A merge by Japan that takes the secretariat's registry.
    const std::string merge =
        record({{"accord.yaml", registry("required", keys().stranger.public_line)}}, "Japan", {},
               signer(keys().japan), {side});
    CommitVerification v = check(merge);
    EXPECT_EQ(v.kind, hooks::CommitKind::merge);
    EXPECT_FALSE(v.registry_changed);
    EXPECT_EQ(v.mark, SignatureMark::verified);
    // A merge writing a registry neither side had is a change.
    ASSERT_EQ(git({"update-ref", "refs/heads/main", base}).exit_code, 0);
    record({{"B.md", text(3)}}, "Japan", {"Japan"}, signer(keys().japan));
    const std::string evil =
        record({{"accord.yaml", registry("optional")}}, "Japan", {}, signer(keys().japan), {side});
    v = check(evil);
    EXPECT_TRUE(v.registry_changed);
    EXPECT_TRUE(has(v, "registry-change-unsigned"));
    EXPECT_TRUE(v.failed());
}

TEST_F(Verify, RangesMarksAndViews) {
    start("required");
    record({{"A.md", text(1)}}, "Japan", {"Japan"}, signer(keys().japan));
    const std::string middle = *repo_->head();
    const std::string forged = record({{"A.md", text(2)}}, "United States of America",
                                      {"United States of America"}, signer(keys().japan));
    record({{"A.md", text(3)}}, "Japan", {"Japan"}, {});

    const hooks::VerifyReport all = hooks::verify_range(*repo_, "");
    ASSERT_EQ(all.commits.size(), 4u);
    EXPECT_EQ(all.verified, 2u);
    EXPECT_EQ(all.unsigned_count, 1u);
    EXPECT_EQ(all.bad, 1u);
    EXPECT_EQ(all.failed, 2u);
    EXPECT_FALSE(all.ok());
    EXPECT_EQ(all.commits[1].commit, forged);  // newest first

    const hooks::VerifyReport since = hooks::verify_range(*repo_, middle + "..HEAD");
    EXPECT_EQ(since.commits.size(), 2u);
    const hooks::VerifyReport upto = hooks::verify_range(*repo_, middle);
    EXPECT_EQ(upto.commits.size(), 2u);
    EXPECT_TRUE(upto.ok());

    hooks::Verifier verifier(*repo_);  // one commit at a time, as accord log checks them
    EXPECT_EQ(verifier.verify(repo_->commit(forged)).mark, SignatureMark::bad);
    EXPECT_EQ(verifier.verify(repo_->commit(middle)).mark, SignatureMark::verified);

    const std::string text_view = hooks::render_verify_text(all, TerminalStyle());
    EXPECT_NE(text_view.find("bad      " + forged.substr(0, 10)), std::string::npos) << text_view;
    EXPECT_NE(text_view.find("fails [key-of-another] signed with a key of Japan"),
              std::string::npos)
        << text_view;
    EXPECT_NE(text_view.find("4 commits: 2 verified, 1 unsigned, 1 bad; 2 commits fail"),
              std::string::npos)
        << text_view;
    const std::string json = hooks::render_verify_json(all);
    EXPECT_NE(json.find("\"schema\": \"accord.verify/1\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"role\": \"secretariat\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"code\": \"key-of-another\""), std::string::npos) << json;

    EXPECT_THROW(hooks::verify_range(*repo_, "no-such-revision"), Error);
    EXPECT_THROW(hooks::verify_range(*repo_, "a...b"), Error);
}

TEST_F(Verify, AnEmptyBranchHasNothingToVerify) {
    const hooks::VerifyReport report = hooks::verify_range(*repo_, "");
    EXPECT_TRUE(report.commits.empty());
    EXPECT_TRUE(report.ok());
}

}  // namespace
}  // namespace accord
