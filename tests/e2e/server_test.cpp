// A negotiation across sites: a secretariat and two delegations, each with
// its own home, key and clone, and a server made by `accord init --bare`,
// reached with real git clients over file:// and through git daemon on
// 127.0.0.1. Forgeries and faults are tried one by one; after each, the
// server's branch is where it was and `git fsck --strict` finds nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <thread>

#include "core/store/commit_signer.hpp"
#include "core/store/proposal_record.hpp"
#include "core/store/repository.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/sites.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

const char* const kTextA =
    "---\nid: A-1\n---\n"
    "1. Parties [shall][should] strengthen cooperation.\n\n"
    "2. The secretariat [will][may] report annually.\n";
const char* const kTextB = "---\nid: B-2\n---\n1. Capacity building [for all].\n";

class Negotiation : public ::testing::Test {
  public:
    // The secretariat's repository with the registry (keys, required
    // signatures) and two texts, pushed to a new server; the delegations'
    // clones made with plain git and `accord init`.
    void SetUp() override { start(); }

    void start(const std::string& base = "") {
        base_ = base.empty() ? tmp_.file("srv") : base;
        fs::create_directories(base_);
        const test::RunResult server = test::accord({"init", "--bare", server_dir()});
        ASSERT_EQ(server.exit_code, 0) << server.err;
        ASSERT_EQ(test::run({test::accord_binary(), "init", clerk.dir(), "--negotiation", "WGEC",
                             "--secretariat", "WGEC secretariat"},
                            clerk.options(clerk.home()))
                      .exit_code,
                  0);
        clerk.write("accord.yaml", registry());
        ASSERT_EQ(
            clerk.git({"commit", "-q", "-m", "Register the delegations", "accord.yaml"}).exit_code,
            0);
        clerk.write("recs/A-1.md", kTextA);
        clerk.write("recs/B-2.md", kTextB);
        const test::RunResult proposed =
            clerk.accord({"propose", "recs/A-1.md", "recs/B-2.md", "--by", "Japan", "-m",
                          "The texts as the meeting left them"});
        ASSERT_EQ(proposed.exit_code, 0) << proposed.err;
        const std::vector<std::string> signers = {test::allowed_signer(clerk.email(), clerk.key()),
                                                  test::allowed_signer(japan.email(), japan.key()),
                                                  test::allowed_signer(us.email(), us.key())};
        for (const test::Site* site : {&clerk, &japan, &us}) site->set_allowed_signers(signers);
    }

    std::string registry() const { return test::signed_registry(clerk, japan, us, "required"); }

    std::string server_dir() const { return base_ + "/wgec.git"; }
    std::string file_url() const { return "file://" + server_dir(); }

    // The secretariat's first push, and the delegations' clones of `url`.
    void publish(const std::string& url) {
        ASSERT_EQ(clerk.git({"remote", "add", "origin", url}).exit_code, 0);
        const test::RunResult pushed = clerk.git({"push", "-q", "origin", "main"});
        ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
        for (const test::Site* site : {&japan, &us}) {
            const test::RunResult cloned = site->clone(url);
            ASSERT_EQ(cloned.exit_code, 0) << cloned.err;
            const test::RunResult init = site->accord({"init"});
            ASSERT_EQ(init.exit_code, 0) << init.err;
            ASSERT_FALSE(contains(init.out, "recorded")) << init.out;
        }
    }

    std::string server_main() const {
        return trimmed(test::run({"git", "-C", server_dir(), "rev-parse", "main"}).out);
    }
    std::string refs() const {
        return test::run({"git", "-C", server_dir(), "for-each-ref", "--format=%(refname)"}).out;
    }

    void expect_clean(const std::string& dir) const {
        const test::RunResult checked = test::fsck(dir);
        EXPECT_EQ(checked.exit_code, 0) << dir << "\n" << checked.out << checked.err;
        EXPECT_FALSE(contains(checked.err, "error")) << checked.err;
    }

    // A proposal of `site` on `path`; the push of it must be refused with
    // `reason`, leaving the server as it was.
    void expect_refused(const test::Site& site, const std::string& reason) {
        const std::string before = server_main();
        const std::string refs_before = refs();
        const test::RunResult pushed = site.git({"push", "origin", "main"});
        EXPECT_NE(pushed.exit_code, 0) << pushed.err;
        EXPECT_TRUE(contains(pushed.err, "accord: push refused; the server changed nothing"))
            << pushed.err;
        EXPECT_TRUE(contains(pushed.err, reason)) << pushed.err;
        EXPECT_TRUE(contains(pushed.err, "what to do:")) << pushed.err;
        EXPECT_EQ(server_main(), before);
        EXPECT_EQ(refs(), refs_before);
        expect_clean(server_dir());
    }

    test::TempDir tmp_;
    std::string base_;
    test::Site clerk{"Clerk", "clerk@unctad.org"};
    test::Site japan{"Japan delegate", "delegate@mofa.go.jp"};
    test::Site us{"US delegate", "delegate@state.gov"};
};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// ---------------------------------------------------------------- the day's work

TEST_F(Negotiation, ThreeSitesProposeOfflinePushAtOnceAndStayInStep) {
    test::GitDaemon daemon(base_);
    publish(daemon.url("wgec.git"));

    // Offline, each delegation records its own proposals.
    japan.write("recs/A-1.md", replaced(kTextA, "[shall][should] strengthen", "shall strengthen"));
    ASSERT_EQ(japan.accord({"propose", "recs/A-1.md", "--by", "Japan"}).exit_code, 0);
    japan.write("recs/B-2.md", replaced(kTextB, "[for all]", "for all"));
    ASSERT_EQ(japan.accord({"propose", "recs/B-2.md", "--by", "Japan"}).exit_code, 0);
    us.write("recs/A-1.md", replaced(kTextA, "[will][may] report", "will report"));
    ASSERT_EQ(us.accord({"propose", "recs/A-1.md", "--by", "US"}).exit_code, 0);
    us.write("recs/C-3.md", "---\nid: C-3\n---\n1. A new [recommendation].\n");
    ASSERT_EQ(us.accord({"propose", "recs/C-3.md", "--by", "US"}).exit_code, 0);

    // Both push at once: one lands, the other is refused as not fast-forward.
    test::Background from_japan({"git", "push", "origin", "main"}, japan.options());
    test::Background from_us({"git", "push", "origin", "main"}, us.options());
    const test::RunResult japan_push = from_japan.wait();
    const test::RunResult us_push = from_us.wait();
    ASSERT_EQ((japan_push.exit_code == 0) + (us_push.exit_code == 0), 1)
        << japan_push.err << "\n---\n"
        << us_push.err;
    const test::Site& loser = japan_push.exit_code == 0 ? us : japan;
    const test::RunResult& refused = japan_push.exit_code == 0 ? us_push : japan_push;
    EXPECT_TRUE(contains(refused.err, "rejected") || contains(refused.err, "failed to update") ||
                contains(refused.err, "cannot lock"))
        << refused.err;

    // The refused site pulls (accord's driver merges the text), and pushes again.
    const test::RunResult pulled = loser.git({"pull", "-q", "origin", "main"});
    ASSERT_EQ(pulled.exit_code, 0) << pulled.err << pulled.out;
    EXPECT_EQ(trimmed(loser.git({"rev-list", "--count", "--merges", "HEAD"}).out), "1");
    EXPECT_EQ(trimmed(loser.git({"log", "-1", "--format=%G?"}).out), "G");  // the merge is signed
    const test::RunResult again = loser.git({"push", "-q", "origin", "main"});
    ASSERT_EQ(again.exit_code, 0) << again.err;

    // Everyone pulls; every copy is the same, and nothing was lost.
    for (const test::Site* site : {&clerk, &japan, &us}) {
        const test::RunResult p = site->git({"pull", "-q", "origin", "main"});
        ASSERT_EQ(p.exit_code, 0) << site->name() << ": " << p.err;
        EXPECT_EQ(trimmed(site->git({"rev-parse", "HEAD"}).out), server_main()) << site->name();
    }
    const std::string merged = clerk.read("recs/A-1.md");
    EXPECT_TRUE(contains(merged, "1. Parties shall strengthen cooperation.")) << merged;
    EXPECT_TRUE(contains(merged, "2. The secretariat will report annually.")) << merged;
    EXPECT_EQ(clerk.read("recs/B-2.md"), replaced(kTextB, "[for all]", "for all"));
    EXPECT_TRUE(fs::exists(clerk.dir() + "/recs/C-3.md"));
    std::vector<std::string> authors;
    std::istringstream lines(clerk.git({"log", "--no-merges", "--format=%an"}).out);
    for (std::string line; std::getline(lines, line);) authors.push_back(line);
    std::sort(authors.begin(), authors.end());
    EXPECT_EQ(authors,
              (std::vector<std::string>{"Clerk", "Clerk", "Japan", "Japan", "Japan",
                                        "United States of America", "United States of America"}));

    // Every proposal verifies on every copy, with accord and with plain git.
    for (const test::Site* site : {&clerk, &japan, &us}) {
        const test::RunResult verify = site->accord({"verify"});
        EXPECT_EQ(verify.exit_code, 0) << site->name() << "\n" << verify.out;
        EXPECT_TRUE(contains(verify.out, "0 unsigned, 0 bad; nothing fails")) << verify.out;
        EXPECT_FALSE(contains(site->git({"log", "--format=%G?"}).out, "N"));
        expect_clean(site->dir());
    }
    expect_clean(server_dir());
    EXPECT_EQ(refs(), "refs/heads/main\n");
}

// ---------------------------------------------------------------- forgeries

TEST_F(Negotiation, ByUsSignedWithJapansKeyIsRefused) {
    publish(file_url());
    japan.write("recs/A-1.md", replaced(kTextA, "[will][may]", "may"));
    // propose refuses it; git makes it, signed with Japan's key.
    EXPECT_EQ(japan.accord({"propose", "recs/A-1.md", "--by", "US"}).exit_code, 1);
    ASSERT_EQ(japan
                  .git({"commit", "-q", "-S", "--no-verify", "-a", "--author",
                        "United States of America <us@delegations.accord>", "-m",
                        "Proposal\n\nProposed-by: United States of America"})
                  .exit_code,
              0);
    expect_refused(japan, "signed with a key of Japan");
}

TEST_F(Negotiation, AnUnsignedProposalIsRefusedUnderRequired) {
    publish(file_url());
    japan.write("recs/A-1.md", replaced(kTextA, "[will][may]", "may"));
    ASSERT_EQ(japan.accord({"propose", "recs/A-1.md", "--by", "Japan", "--no-sign"}).exit_code, 0);
    expect_refused(japan, "not signed");
}

TEST_F(Negotiation, AKeyAddedToTheRegistryByADelegationIsRefused) {
    publish(file_url());
    const test::SshKeyFiles extra = test::make_ssh_key(japan.home(), "second", "ed25519");
    japan.write("accord.yaml", replaced(registry(), japan.key().public_line,
                                        japan.key().public_line + ", " + extra.public_line));
    ASSERT_EQ(japan.git({"commit", "-q", "-m", "Another key for Japan", "accord.yaml"}).exit_code,
              0);
    expect_refused(japan, "changes accord.yaml without a secretariat signature");
}

TEST_F(Negotiation, ARegistryNoCloneCouldReadIsRefusedEvenSignedByTheSecretariat) {
    publish(file_url());
    // A key written twice: every clone would refuse this registry, and with
    // it every command, so the server takes no commit that leaves it so.
    clerk.write("accord.yaml", registry() + "delegations: [Japan]\n");
    ASSERT_EQ(clerk.git({"commit", "-q", "--no-verify", "-m", "List Japan again", "accord.yaml"})
                  .exit_code,
              0);  // past the local hook, which refuses it too
    EXPECT_EQ(trimmed(clerk.git({"log", "-1", "--format=%G?"}).out), "G");
    expect_refused(clerk, "leaves accord.yaml unreadable");
    const test::RunResult pushed = clerk.git({"push", "origin", "main"});
    EXPECT_TRUE(contains(pushed.err, "duplicate key 'delegations'")) << pushed.err;
    EXPECT_TRUE(contains(pushed.err, "git commit --amend when it is the last one")) << pushed.err;
}

TEST_F(Negotiation, TextChangedAfterSigningIsRefused) {
    publish(file_url());
    japan.write("recs/A-1.md", replaced(kTextA, "[will][may]", "may"));
    ASSERT_EQ(japan.accord({"propose", "recs/A-1.md", "--by", "Japan"}).exit_code, 0);
    // The same commit (message and signature) over another text.
    japan.write("recs/A-1.md", replaced(kTextA, "[will][may]", "will"));
    ASSERT_EQ(japan.git({"add", "recs/A-1.md"}).exit_code, 0);
    const std::string tree = trimmed(japan.git({"write-tree"}).out);
    std::string raw = japan.git({"cat-file", "commit", "HEAD"}).out;
    raw.replace(5, 40, tree);
    const test::RunResult forged = japan.git({"hash-object", "-t", "commit", "-w", "--stdin"}, raw);
    ASSERT_EQ(forged.exit_code, 0) << forged.err;
    ASSERT_EQ(japan.git({"reset", "-q", "--soft", trimmed(forged.out)}).exit_code, 0);
    EXPECT_EQ(trimmed(japan.git({"log", "-1", "--format=%G?"}).out), "B");  // git agrees
    expect_refused(japan, "the signature does not verify");
}

TEST_F(Negotiation, AForcePushIsRefused) {
    publish(file_url());
    japan.write("recs/A-1.md", replaced(kTextA, "[will][may]", "may"));
    ASSERT_EQ(japan.accord({"propose", "recs/A-1.md", "--by", "Japan"}).exit_code, 0);
    ASSERT_EQ(japan.git({"push", "-q", "origin", "main"}).exit_code, 0);
    // Japan thinks better of it and rewrites history.
    ASSERT_EQ(japan.git({"reset", "-q", "--hard", "HEAD~1"}).exit_code, 0);
    japan.write("recs/A-1.md", replaced(kTextA, "[will][may]", "will"));
    ASSERT_EQ(japan.accord({"propose", "recs/A-1.md", "--by", "Japan"}).exit_code, 0);
    const std::string before = server_main();
    const test::RunResult forced = japan.git({"push", "--force", "origin", "main"});
    EXPECT_NE(forced.exit_code, 0);
    EXPECT_TRUE(contains(forced.err, "the push would rewrite main")) << forced.err;
    EXPECT_TRUE(contains(forced.err, "never force-push")) << forced.err;
    EXPECT_EQ(server_main(), before);
    expect_clean(server_dir());
}

// A meeting's tag marks the text as the meeting left it: pushed with the
// branch or after it, accepted; moved, deleted, or naming a commit the
// server's branches do not hold, refused.
TEST_F(Negotiation, AMeetingsTagIsKeptButNeverMoved) {
    publish(file_url());
    japan.write("recs/A-1.md", replaced(kTextA, "[will][may]", "may"));
    ASSERT_EQ(japan.accord({"propose", "recs/A-1.md", "--by", "Japan"}).exit_code, 0);
    ASSERT_EQ(japan.git({"tag", "-a", "WGEC-3", "-m", "As WGEC-3 left it"}).exit_code, 0);
    const test::RunResult pushed = japan.git({"push", "-q", "--follow-tags", "origin", "main"});
    EXPECT_EQ(pushed.exit_code, 0) << pushed.err;
    EXPECT_TRUE(contains(refs(), "refs/tags/WGEC-3")) << refs();

    ASSERT_EQ(japan.git({"tag", "-f", "-a", "WGEC-3", "-m", "moved", "HEAD~1"}).exit_code, 0);
    const test::RunResult moved = japan.git({"push", "-f", "origin", "WGEC-3"});
    EXPECT_NE(moved.exit_code, 0);
    EXPECT_TRUE(contains(moved.err, "the tag WGEC-3 exists here; moving it")) << moved.err;
    const test::RunResult deleted = japan.git({"push", "origin", ":refs/tags/WGEC-3"});
    EXPECT_NE(deleted.exit_code, 0);
    EXPECT_TRUE(contains(deleted.err, "deleting it")) << deleted.err;

    japan.write("recs/A-1.md", replaced(kTextA, "[will][may]", "will"));
    ASSERT_EQ(japan.accord({"propose", "recs/A-1.md", "--by", "Japan"}).exit_code, 0);
    ASSERT_EQ(japan.git({"tag", "WGEC-4"}).exit_code, 0);
    const test::RunResult alone = japan.git({"push", "origin", "WGEC-4"});
    EXPECT_NE(alone.exit_code, 0);
    EXPECT_TRUE(contains(alone.err, "names a commit this server's branches do not hold"))
        << alone.err;
    EXPECT_FALSE(contains(refs(), "refs/tags/WGEC-4")) << refs();
    expect_clean(server_dir());
}

TEST_F(Negotiation, ANotationErrorAndAFutureDateAreRefused) {
    publish(file_url());
    // Past the local hook (which would refuse it): the server checks again.
    japan.write("recs/A-1.md", replaced(kTextA, "[will][may]", "[will"));
    ASSERT_EQ(japan
                  .git({"commit", "-q", "--no-verify", "-a", "--author",
                        "Japan <japan@delegations.accord>", "-m", "Proposal\n\nProposed-by: Japan"})
                  .exit_code,
              0);
    expect_refused(japan, "unclosed-bracket");
    ASSERT_EQ(japan.git({"reset", "-q", "--hard", "origin/main"}).exit_code, 0);

    // accord propose refuses such a date itself; a clock set wrong gives one.
    japan.write("recs/A-1.md", replaced(kTextA, "[will][may]", "will"));
    const test::RunResult future =
        japan.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2099-01-01"});
    EXPECT_EQ(future.exit_code, 2);
    EXPECT_TRUE(contains(future.err, "2099-01-01 is after today anywhere on Earth")) << future.err;
    ASSERT_EQ(japan
                  .git({"commit", "-q", "--no-verify", "-a", "--author",
                        "Japan <japan@delegations.accord>", "--date", "2099-01-01T12:00:00Z", "-m",
                        "Proposal\n\nProposed-by: Japan"})
                  .exit_code,
              0);
    expect_refused(japan, "dated 2099-01-01, after today anywhere on Earth");
}

// ---------------------------------------------------------------- faults

// Objects of a push still being received, in the server's quarantine.
std::uintmax_t incoming_bytes(const std::string& server) {
    std::uintmax_t total = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(server + "/objects", ec)) {
        if (entry.path().filename().string().rfind("tmp_objdir-incoming", 0) != 0) continue;
        for (const auto& file : fs::recursive_directory_iterator(entry.path(), ec)) {
            if (file.is_regular_file(ec)) total += file.file_size(ec);
        }
    }
    return total;
}

bool quarantine_left(const std::string& server) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(server + "/objects", ec)) {
        if (entry.path().filename().string().rfind("tmp_objdir-incoming", 0) == 0) return true;
    }
    return false;
}

// A signed commit by `site` adding `bytes` of random data.
void commit_random(const test::Site& site, const std::string& path, std::size_t bytes) {
    std::ifstream random("/dev/urandom", std::ios::binary);
    std::string data(bytes, '\0');
    random.read(data.data(), static_cast<std::streamsize>(bytes));
    site.write(path, data);
    ASSERT_EQ(site.git({"add", path}).exit_code, 0);
    const test::RunResult made = site.git({"commit", "-q", "-m", "Annex: the recordings"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
}

void wait_until(const std::function<bool()>& done, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

TEST_F(Negotiation, APushKilledMidTransferLeavesNoTrace) {
    test::GitDaemon daemon(base_);
    publish(daemon.url("wgec.git"));
    // Received into a pack as it arrives (below the limit git would unpack
    // loose objects, holding a large one in memory until its end).
    ASSERT_EQ(
        test::run({"git", "-C", server_dir(), "config", "receive.unpackLimit", "1"}).exit_code, 0);
    commit_random(japan, "annex/recordings.bin", 48u << 20);
    const std::string before = server_main();

    test::Background push({"git", "push", "origin", "main"}, japan.options());
    wait_until([&] { return incoming_bytes(server_dir()) > (1u << 20); },
               std::chrono::seconds(120));
    ASSERT_GT(incoming_bytes(server_dir()), 1u << 20) << "the transfer never started";
    push.kill_group();
    const test::RunResult killed = push.wait();
    EXPECT_EQ(killed.exit_code, 128 + SIGKILL);

    // No reference moved, and nothing of the push is among the server's
    // objects. (git 2.39 may leave the part it received in its quarantine
    // directory, objects/tmp_objdir-incoming-*, which nothing refers to.)
    EXPECT_EQ(server_main(), before);
    EXPECT_EQ(refs(), "refs/heads/main\n");
    expect_clean(server_dir());
    EXPECT_NE(test::run({"git", "-C", server_dir(), "cat-file", "-e",
                         trimmed(japan.git({"rev-parse", "HEAD"}).out)})
                  .exit_code,
              0);  // the commit being pushed is not among the server's objects
    // And it takes the push whole when it comes again.
    const test::RunResult again = japan.git({"push", "-q", "origin", "main"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(server_main(), trimmed(japan.git({"rev-parse", "HEAD"}).out));
    expect_clean(server_dir());
}

// A small tmpfs mounted for the test, or nothing when this process may not
// mount (then the server runs under a file size limit instead).
struct SmallDisk {
    std::string dir;
    bool mounted = false;
    explicit SmallDisk(std::string where) : dir(std::move(where)) {
        fs::create_directories(dir);
        mounted = test::run({"mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", dir}).exit_code == 0;
    }
    ~SmallDisk() {
        if (mounted) test::run({"umount", "-l", dir});
    }
};

// The server's repository on its own small disk.
class NegotiationOnASmallDisk : public Negotiation {
  public:
    void SetUp() override {
        disk_.emplace(tmp_.file("disk"));
        if (!disk_->mounted) {
            std::cerr << "note: cannot mount a tmpfs here (not root): the server runs with a 2 MB "
                         "file size limit (RLIMIT_FSIZE) instead\n";
        }
        start(disk_->dir);
    }
    std::optional<SmallDisk> disk_;  // unmounted before the directories go
};

TEST_F(NegotiationOnASmallDisk, AFullDiskRefusesThePushAndKeepsTheRepository) {
    test::DaemonOptions limits;
    if (!disk_->mounted) limits.file_size_limit = 2 << 20;
    test::GitDaemon daemon(disk_->dir, limits);
    publish(daemon.url("wgec.git"));
    commit_random(japan, "annex/recordings.bin", 16u << 20);
    const std::string before = server_main();
    const test::RunResult full = japan.git({"push", "origin", "main"});
    EXPECT_NE(full.exit_code, 0) << full.err;
    // What the client hears depends on when the server's disk filled: its
    // unpacker's report, or the connection closed under it.
    EXPECT_TRUE(contains(full.err, "unpack") || contains(full.err, "space") ||
                contains(full.err, "index-pack") || contains(full.err, "too large") ||
                contains(full.err, "hung up") || contains(full.err, "early EOF"))
        << full.err;
    EXPECT_EQ(server_main(), before);
    EXPECT_EQ(refs(), "refs/heads/main\n");
    wait_until([&] { return !quarantine_left(server_dir()); }, std::chrono::seconds(30));
    EXPECT_FALSE(quarantine_left(server_dir()));
    expect_clean(server_dir());
    // Intact: a proposal of ordinary size still lands.
    ASSERT_EQ(japan.git({"reset", "-q", "--hard", "origin/main"}).exit_code, 0);
    japan.write("recs/A-1.md", replaced(kTextA, "[will][may]", "may"));
    ASSERT_EQ(japan.accord({"propose", "recs/A-1.md", "--by", "Japan"}).exit_code, 0);
    const test::RunResult small = japan.git({"push", "-q", "origin", "main"});
    EXPECT_EQ(small.exit_code, 0) << small.err;
    EXPECT_EQ(server_main(), trimmed(japan.git({"rev-parse", "HEAD"}).out));
    expect_clean(server_dir());
}

TEST_F(Negotiation, ACloneFiveHundredProposalsBehindPullsAndMerges) {
    publish(file_url());
    // The United States records one proposal offline, then stays away.
    us.write("recs/A-1.md", replaced(kTextA, "[will][may] report", "will report"));
    ASSERT_EQ(us.accord({"propose", "recs/A-1.md", "--by", "US"}).exit_code, 0);

    // Meanwhile Japan records 500 signed proposals (in-process, for speed).
    {
        Repository repo = Repository::open(japan.dir());
        const CommitSigner sign = ssh_commit_signer(SigningSetup{japan.key().private_path});
        const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
        for (int i = 0; i < 500; ++i) {
            CommitRequest request;
            const bool on_a = i % 2 == 0;
            const std::string n = std::to_string(i);
            request.files = {{on_a ? "recs/A-1.md" : "recs/B-2.md",
                              on_a ? replaced(kTextA, "[shall][should] strengthen",
                                              "[shall " + n + "] strengthen")
                                   : replaced(kTextB, "[for all]", "[for all " + n + "]")}};
            request.author = Signature{"Japan", delegation_email("Japan"), now - (500 - i) * 60, 0};
            request.committer = request.author;
            ProposalMessage message;
            message.text = "Proposal " + n;
            message.proposers = {"Japan"};
            request.message = format_proposal_message(message);
            request.parent = repo.head();
            request.write_worktree = true;
            request.signer = sign;
            repo.commit_files(request);
        }
    }
    const test::RunResult pushed = japan.git({"push", "-q", "origin", "main"});
    ASSERT_EQ(pushed.exit_code, 0) << pushed.err;

    // The United States comes back: 500 behind, and one ahead.
    EXPECT_NE(us.git({"push", "origin", "main"}).exit_code, 0);
    const test::RunResult pulled = us.git({"pull", "-q", "origin", "main"});
    ASSERT_EQ(pulled.exit_code, 0) << pulled.err;
    const std::string merged = us.read("recs/A-1.md");
    EXPECT_TRUE(contains(merged, "[shall 498] strengthen")) << merged;
    EXPECT_TRUE(contains(merged, "will report annually")) << merged;
    const test::RunResult again = us.git({"push", "-q", "origin", "main"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(trimmed(us.git({"rev-list", "--count", "HEAD"}).out), "505");
    const test::RunResult verify = us.accord({"verify"});
    EXPECT_EQ(verify.exit_code, 0)
        << verify.out.substr(verify.out.size() > 2000 ? verify.out.size() - 2000 : 0);
    EXPECT_TRUE(contains(verify.out, "505 commits: 505 verified")) << verify.out.substr(0, 2000);
    expect_clean(us.dir());
    expect_clean(server_dir());
}

}  // namespace
}  // namespace accord
