// hooks/pre_receive in process: the decision on a push, made over a real
// repository that plays the server, whose "pushed" commits are written but
// named by no branch (as git holds a push's objects until the hook accepts).
#include "hooks/pre_receive.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <ctime>
#include <memory>

#include "core/store/commit_signer.hpp"
#include "core/store/proposal_record.hpp"
#include "core/store/redraft.hpp"
#include "core/util/errors.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/ssh_fixture.hpp"

namespace accord {
namespace {

using hooks::RefUpdate;

const std::string kZero(40, '0');
constexpr std::int64_t kNow = 1765000000;  // 2025-12-06T05:46:40Z

struct Keys {
    test::TempDir dir;
    test::SshKeyFiles japan, clerk;
    Keys() {
        japan = test::make_ssh_key(dir.path(), "japan", "ed25519", 0, "delegate@mofa.go.jp");
        clerk = test::make_ssh_key(dir.path(), "clerk", "ed25519", 0, "clerk@unctad.org");
    }
};

const Keys& keys() {
    static const Keys k;  // made once: ssh-keygen takes a while; removed at exit
    return k;
}

CommitSigner signer(const test::SshKeyFiles& key) {
    return ssh_commit_signer(SigningSetup{key.private_path, "ssh-keygen"});
}

std::string registry(const std::string& policy) {
    return "negotiation: Test\n"
           "delegations:\n"
           "  - name: Japan\n"
           "    keys: [" +
           keys().japan.public_line +
           "]\n"
           "  - Brazil\n"
           "  - Chile\n"
           "secretariat:\n"
           "  - {name: Secretariat, keys: [" +
           keys().clerk.public_line +
           "]}\n"
           "policy: {signatures: " +
           policy + "}\n";
}

class PreReceive : public ::testing::Test {
  protected:
    void SetUp() override { repo_.emplace(Repository::init(tmp_.path())); }

    // A commit on `branch` (created from `parent` when missing), or, with
    // `pushed`, on a branch deleted afterwards: written but unnamed.
    std::string commit(std::vector<std::pair<std::string, std::optional<std::string>>> files,
                       const std::string& author, const std::vector<std::string>& by,
                       CommitSigner sign, std::optional<std::string> parent,
                       std::int64_t time = kNow - 86400, std::size_t notation_errors = 0) {
        const std::string branch = "incoming";
        if (parent) repo_->create_branch(branch, *parent);
        CommitRequest request;
        request.files = std::move(files);
        request.author = Signature{author, delegation_email(author), time, 0};
        request.committer = Signature{"Clerk", "clerk@unctad.org", time, 0};
        ProposalMessage message;
        message.text = "Change by " + author;
        message.proposers = by;
        message.notation_errors = notation_errors;
        request.message = format_proposal_message(message);
        request.branch = branch;
        request.parent = parent;
        request.allow_empty = true;
        request.signer = std::move(sign);
        const std::string id = repo_->commit_files(request);
        repo_->delete_branch(branch);
        return id;
    }

    // The commit starting redraft informal-a from `root` with `members`.
    std::string start_redraft(const std::string& root, std::vector<std::string> members) {
        RedraftRecord record;
        record.name = "informal-a";
        record.from = "main";
        record.fork = root;
        record.started = "2025-12-05";
        record.started_by = "Clerk";
        record.members = std::move(members);
        return commit({{redraft_record_path("informal-a"), emit_redraft_record(record)}},
                      "Secretariat", {}, {}, root);
    }

    // The server's main branch at `id`.
    void accept(const std::string& id, const std::string& branch = "main") {
        if (repo_->branch_exists(branch)) repo_->delete_branch(branch);
        repo_->create_branch(branch, id);
    }

    // The server with the secretariat's first commit on main.
    std::string start(const std::string& policy) {
        const std::string root = commit({{"accord.yaml", registry(policy)}, {"A.md", "Text.\n"}},
                                        "Secretariat", {}, signer(keys().clerk), std::nullopt);
        accept(root);
        return root;
    }

    hooks::ReceiveDecision push(const std::string& old_id, const std::string& new_id,
                                const std::string& ref = "refs/heads/main") {
        return hooks::check_push(*repo_, {{old_id, new_id, ref}}, {kNow});
    }

    static std::string messages(const hooks::ReceiveDecision& d) {
        std::string out;
        for (const hooks::Refusal& r : d.refusals) out += r.message + " | " + r.help + "\n";
        return out;
    }
    static bool mentions(const hooks::ReceiveDecision& d, const std::string& text) {
        return messages(d).find(text) != std::string::npos;
    }

    test::TempDir tmp_;
    std::optional<Repository> repo_;
};

TEST(PreReceiveInput, ReadsWhatGitGives) {
    const std::string a(40, 'a'), b(40, 'b');
    const std::vector<RefUpdate> updates = hooks::parse_ref_updates(
        a + " " + b + " refs/heads/main\n" + kZero + " " + b + " refs/heads/redraft/x\n");
    ASSERT_EQ(updates.size(), 2u);
    EXPECT_EQ(updates[0].old_id, a);
    EXPECT_EQ(updates[0].new_id, b);
    EXPECT_EQ(updates[1].ref, "refs/heads/redraft/x");
    EXPECT_TRUE(hooks::parse_ref_updates("").empty());
    EXPECT_THROW(hooks::parse_ref_updates("garbage\n"), Error);
    EXPECT_THROW(hooks::parse_ref_updates(a + " xyz refs/heads/main\n"), Error);
}

TEST_F(PreReceive, TheFirstPushAndAGoodProposalAreAccepted) {
    const std::string root = commit({{"accord.yaml", registry("required")}}, "Secretariat", {},
                                    signer(keys().clerk), std::nullopt);
    hooks::ReceiveDecision d = push(kZero, root);
    EXPECT_TRUE(d.accepted()) << messages(d);
    EXPECT_EQ(d.commits_checked, 1u);
    accept(root);
    const std::string proposal = commit({{"A.md", "1. Parties [shall] act.\n"}}, "Japan", {"Japan"},
                                        signer(keys().japan), root);
    d = push(root, proposal);
    EXPECT_TRUE(d.accepted()) << messages(d);
    EXPECT_TRUE(hooks::render(d).empty());
}

TEST_F(PreReceive, RewritingOrDeletingMainIsRefused) {
    const std::string root = start("optional");
    const std::string one = commit({{"A.md", "One.\n"}}, "Japan", {"Japan"}, {}, root);
    accept(one);
    const std::string other = commit({{"A.md", "Other.\n"}}, "Brazil", {"Brazil"}, {}, root);
    hooks::ReceiveDecision d = push(one, other);
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "the push would rewrite main")) << messages(d);
    EXPECT_TRUE(mentions(d, "git pull")) << messages(d);
    d = push(one, kZero);
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "deleting main is refused")) << messages(d);
    EXPECT_NE(hooks::render(d).find("accord: push refused; the server changed nothing (1 problem)"),
              std::string::npos)
        << hooks::render(d);
}

TEST_F(PreReceive, OnlyMainAndRedraftsAreKept) {
    const std::string root = start("optional");
    const std::string one = commit({{"A.md", "One.\n"}}, "Japan", {"Japan"}, {}, root);
    for (const char* ref : {"refs/heads/feature", "refs/tags/v1", "refs/heads/redraft/-bad"}) {
        const hooks::ReceiveDecision d = push(kZero, one, ref);
        EXPECT_FALSE(d.accepted()) << ref;
    }
    EXPECT_TRUE(push(kZero, one, "refs/heads/redraft/informal-a").accepted());
}

TEST_F(PreReceive, ForgedUnsignedAndRegistryChangesAreRefusedUnderRequired) {
    const std::string root = start("required");
    const std::string forged =
        commit({{"A.md", "Forged.\n"}}, "Brazil", {"Brazil"}, signer(keys().japan), root);
    hooks::ReceiveDecision d = push(root, forged);
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "signed with a key of Japan")) << messages(d);

    const std::string plain = commit({{"A.md", "Plain.\n"}}, "Japan", {"Japan"}, {}, root);
    d = push(root, plain);
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "not signed")) << messages(d);

    std::string changed = registry("required");
    changed.replace(changed.find("  - Chile\n"), 10, "");
    const std::string registry_change =
        commit({{"accord.yaml", changed}}, "Japan", {"Japan"}, signer(keys().japan), root);
    d = push(root, registry_change);
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "without a secretariat signature")) << messages(d);
    const std::string by_clerk =
        commit({{"accord.yaml", changed}}, "Secretariat", {}, signer(keys().clerk), root);
    EXPECT_TRUE(push(root, by_clerk).accepted());

    // One bad commit among good ones refuses the whole push.
    const std::string good =
        commit({{"A.md", "Good.\n"}}, "Japan", {"Japan"}, signer(keys().japan), root);
    const std::string after_bad =
        commit({{"B.md", "More.\n"}}, "Japan", {"Japan"}, signer(keys().japan), forged);
    d = hooks::check_push(
        *repo_, {{root, after_bad, "refs/heads/main"}, {kZero, good, "refs/heads/redraft/a"}},
        {kNow});
    EXPECT_FALSE(d.accepted());
    EXPECT_EQ(d.refusals.size(), 1u) << messages(d);
}

TEST_F(PreReceive, UnsignedIsAcceptedUnderOptionalButRegistryChangesNeedTheSecretariat) {
    const std::string root = start("optional");
    const std::string plain = commit({{"A.md", "Plain.\n"}}, "Japan", {"Japan"}, {}, root);
    EXPECT_TRUE(push(root, plain).accepted());
    // The registry lists a secretariat key: it guards the registry under either policy.
    const std::string change =
        commit({{"accord.yaml", registry("optional") + "# note\n"}}, "Japan", {"Japan"}, {}, root);
    EXPECT_FALSE(push(root, change).accepted());
}

TEST_F(PreReceive, ProposalsDatedInTheFutureAreRefused) {
    const std::string root = start("optional");
    // Today in UTC+14 is fine: somewhere it is already that day.
    const std::string kiribati =
        commit({{"A.md", "Early.\n"}}, "Japan", {"Japan"}, {}, root, kNow + 14 * 3600);
    EXPECT_TRUE(push(root, kiribati).accepted()) << messages(push(root, kiribati));
    const std::string future =
        commit({{"A.md", "Late.\n"}}, "Japan", {"Japan"}, {}, root, kNow + 3 * 86400);
    const hooks::ReceiveDecision d = push(root, future);
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "dated 2025-12-09, after today anywhere on Earth")) << messages(d);
}

TEST_F(PreReceive, NewNotationErrorsAreRefusedOldOnesAreNot) {
    const std::string root = start("optional");
    const std::string broken =
        commit({{"A.md", "1. Parties [shall act.\n"}}, "Japan", {"Japan"}, {}, root);
    hooks::ReceiveDecision d = push(root, broken);
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "unclosed-bracket")) << messages(d);
    EXPECT_TRUE(mentions(d, "accord check A.md")) << messages(d);
    // Once there (accepted by hand here), editing elsewhere in the text is fine.
    accept(broken);
    const std::string edit =
        commit({{"A.md", "1. Parties [shall act.\n\n2. More.\n"}}, "Japan", {"Japan"}, {}, broken);
    d = push(broken, edit);
    EXPECT_TRUE(d.accepted()) << messages(d);
}

TEST_F(PreReceive, DeclaredNotationErrorsPassUpToTheirNumber) {
    // A document recorded as issued (propose --allow-errors) says how many
    // errors it brings: so many pass, one more does not.
    const std::string root = start("optional");
    const std::string issued = "1. Parties [shall act.\n\n2. Parties [may act.\n";
    const std::string declared =
        commit({{"A.md", issued}}, "Japan", {"Japan"}, {}, root, kNow - 86400, 2);
    hooks::ReceiveDecision d = push(root, declared);
    EXPECT_TRUE(d.accepted()) << messages(d);

    const std::string too_few =
        commit({{"A.md", issued}}, "Japan", {"Japan"}, {}, root, kNow - 86400, 1);
    d = push(root, too_few);
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "adds 2 notation errors, more than the 1")) << messages(d);
    EXPECT_TRUE(mentions(d, "--allow-errors")) << messages(d);
}

TEST_F(PreReceive, TextsThatAreNotUtf8AreRefused) {
    const std::string root = start("optional");
    const std::string utf16(
        "\xFF\xFE"
        "1\0.\0 \0T\0e\0x\0t\0.\0\n\0",
        20);
    const std::string pushed = commit({{"B.md", utf16}}, "Japan", {"Japan"}, {}, root);
    const hooks::ReceiveDecision d = push(root, pushed);
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "UTF-16")) << messages(d);
}

TEST_F(PreReceive, RedraftsTakeTheirMembersProposals) {
    const std::string root = start("optional");
    const std::string started = start_redraft(root, {"Japan", "Brazil"});
    hooks::ReceiveDecision d = push(kZero, started, "refs/heads/redraft/informal-a");
    EXPECT_TRUE(d.accepted()) << messages(d);
    accept(started, "redraft/informal-a");
    const std::string member = commit({{"A.md", "Japan's.\n"}}, "Japan", {"Japan"}, {}, started);
    EXPECT_TRUE(push(started, member, "refs/heads/redraft/informal-a").accepted());
    const std::string outsider = commit({{"A.md", "Chile's.\n"}}, "Chile", {"Chile"}, {}, started);
    d = push(started, outsider, "refs/heads/redraft/informal-a");
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "Chile is not a member of redraft informal-a (members: Brazil, Japan)"))
        << messages(d);
    // The same words as a plain commit (no Proposed-by): still Chile's.
    const std::string plain = commit({{"A.md", "Chile's, plainly.\n"}}, "Chile", {}, {}, started);
    d = push(started, plain, "refs/heads/redraft/informal-a");
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "Chile is not a member of redraft informal-a")) << messages(d);
    // A redraft main lacks may not be deleted; once merged, it may.
    d = push(started, kZero, "refs/heads/redraft/informal-a");
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "would lose proposals")) << messages(d);
    accept(started);  // main now has it
    EXPECT_TRUE(push(started, kZero, "refs/heads/redraft/informal-a").accepted());
}

// A redraft's proposals reach the server through main too, once the chair
// merged them: the redraft's rule holds for them there, whether main comes
// alone or with the redraft's branch (git sends main first; the commit was
// checked once, as main's, and the redraft's rule was not asked).
TEST_F(PreReceive, AnOutsidersProposalMergedFromARedraftIsRefusedOnMainToo) {
    const std::string root = start("optional");
    const std::string started = start_redraft(root, {"Japan"});
    const auto merged = [&](const std::string& tip, const std::string& proposer) {
        repo_->create_branch("incoming", root);
        CommitRequest request;
        request.files = {{"A.md", proposer + "'s.\n"}};
        request.author = Signature{"Chair", delegation_email("Chair"), kNow - 3600, 0};
        request.committer = request.author;
        ProposalMessage message;
        message.text = "Merge redraft informal-a into main";
        message.proposers = {proposer};
        message.merged_redrafts = {"informal-a"};
        request.message = format_proposal_message(message);
        request.branch = "incoming";
        request.parent = root;
        request.merged = {tip};
        const std::string id = repo_->commit_files(request);
        repo_->delete_branch("incoming");
        return id;
    };
    const std::string outsider = commit({{"A.md", "Chile's.\n"}}, "Chile", {"Chile"}, {}, started);
    const std::string merge = merged(outsider, "Chile");
    hooks::ReceiveDecision d = push(root, merge);
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "Chile is not a member of redraft informal-a")) << messages(d);
    d = hooks::check_push(
        *repo_,
        {{root, merge, "refs/heads/main"}, {kZero, outsider, "refs/heads/redraft/informal-a"}},
        {kNow});
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "Chile is not a member of redraft informal-a")) << messages(d);

    // A member's proposal merged the same way passes, alone or with its branch.
    const std::string member = commit({{"A.md", "Japan's.\n"}}, "Japan", {"Japan"}, {}, started);
    const std::string member_merge = merged(member, "Japan");
    d = push(root, member_merge);
    EXPECT_TRUE(d.accepted()) << messages(d);
    d = hooks::check_push(
        *repo_,
        {{root, member_merge, "refs/heads/main"}, {kZero, member, "refs/heads/redraft/informal-a"}},
        {kNow});
    EXPECT_TRUE(d.accepted()) << messages(d);
}

TEST_F(PreReceive, ASecondHistoryIsRefused) {
    const std::string root = start("optional");
    const std::string stranger =
        commit({{"A.md", "Elsewhere.\n"}}, "Japan", {"Japan"}, {}, std::nullopt);
    const std::string merge_request = [&] {
        repo_->create_branch("incoming", root);
        CommitRequest request;
        request.files = {{"B.md", "Merged.\n"}};
        request.author = Signature{"Clerk", "clerk@unctad.org", kNow - 3600, 0};
        request.committer = request.author;
        request.message = "Merge another history\n";
        request.branch = "incoming";
        request.parent = root;
        request.merged = {stranger};
        const std::string id = repo_->commit_files(request);
        repo_->delete_branch("incoming");
        return id;
    }();
    const hooks::ReceiveDecision d = push(root, merge_request);
    EXPECT_FALSE(d.accepted());
    EXPECT_TRUE(mentions(d, "a second, unrelated history")) << messages(d);
}

TEST_F(PreReceive, ClocksThatDisagreeDoNotMakeOldCommitsNew) {
    // The server's history: recent commits, then a site whose clock is
    // hours behind records on top of them.
    const std::string root = start("optional");
    const std::string a = commit({{"A.md", "A.\n"}}, "Japan", {"Japan"}, {}, root, kNow - 600);
    std::string tip = a;
    for (int i = 0; i < 5; ++i) {
        tip = commit({{"B.md", "B " + std::to_string(i) + ".\n"}}, "Japan", {"Japan"}, {}, tip,
                     kNow - 40000 + i);
    }
    accept(tip);
    // Pushed: a proposal on `a` with a right clock, and the merge of both.
    const std::string c = commit({{"C.md", "C.\n"}}, "Brazil", {"Brazil"}, {}, a, kNow - 60);
    repo_->create_branch("incoming", tip);
    CommitRequest request;
    request.files = {{"C.md", "C.\n"}};
    request.author = Signature{"Brazil", delegation_email("Brazil"), kNow - 30, 0};
    request.committer = request.author;
    request.message = "Merge\n";
    request.branch = "incoming";
    request.parent = tip;
    request.merged = {c};
    const std::string merge = repo_->commit_files(request);
    repo_->delete_branch("incoming");
    const hooks::ReceiveDecision d = push(tip, merge);
    EXPECT_TRUE(d.accepted()) << messages(d);
    EXPECT_EQ(d.commits_checked, 2u);  // c and the merge; nothing the server had
}

TEST(PreReceiveSetup, TheHookIsTheServersOwn) {
    test::TempDir tmp;
    Repository bare = Repository::init_bare(tmp.file("server.git"));
    EXPECT_TRUE(bare.is_bare());
    const hooks::ServerSetup setup = hooks::install_server_hook(bare, "/opt/accord/bin/accord");
    EXPECT_EQ(setup.hook_path, tmp.file("server.git") + "/hooks/pre-receive");
    const std::string script = test::read_all(setup.hook_path);
    EXPECT_EQ(script, hooks::pre_receive_script("/opt/accord/bin/accord"));
    EXPECT_NE(script.find("exec \"$accord\" hook pre-receive"), std::string::npos);
    EXPECT_NE(script.find("installed='/opt/accord/bin/accord'"), std::string::npos);
    struct stat info {};
    ASSERT_EQ(::stat(setup.hook_path.c_str(), &info), 0);
    EXPECT_TRUE(info.st_mode & S_IXUSR);
    EXPECT_EQ(bare.get_config("core.hooksPath"), tmp.file("server.git") + "/hooks");
    EXPECT_EQ(bare.get_config("receive.fsckObjects"), "true");
    // Again: nothing to change in the configuration.
    EXPECT_TRUE(hooks::install_server_hook(bare, "/opt/accord/bin/accord").config_set.empty());
}

}  // namespace
}  // namespace accord
