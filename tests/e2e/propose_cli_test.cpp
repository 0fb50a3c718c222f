// accord init, accord propose and the installed git hooks, as a secretariat
// uses them: the real binary in temporary repositories, checked with plain git.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "support/matchers.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

const char* kRegistry =
    "negotiation: WGEC 2013-14\n"
    "delegations:\n"
    "  - name: Russian Federation\n"
    "    aliases: [RF, Russia]\n"
    "  - name: Japan\n"
    "  - name: Avri Doria\n"
    "    kind: civil society\n"
    "meetings:\n"
    "  - {name: WGEC-3, from: 2014-02-24, to: 2014-02-26}\n";

const char* kText =
    "---\nid: A-1\ntitle: Enhanced cooperation\n---\n"
    "Maintains [the] [democratic] multi-stakeholder approach.\n";

// The registry with Peru listed among the delegations.
std::string replaced_registry_with_peru() {
    std::string registry = kRegistry;
    registry.insert(registry.find("meetings:"), "  - name: Peru\n");
    return registry;
}

// A negotiation repository made with `accord init`, with a registry.
struct Negotiation {
    test::TempDir tmp;
    std::string dir = tmp.file("wgec");
    Negotiation() {
        const test::RunResult r = test::accord({"init", dir, "--negotiation", "WGEC 2013-14"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        // The secretariat registers the delegations: a commit of its own.
        write("accord.yaml", kRegistry);
        const test::RunResult registered =
            git({"commit", "-q", "--no-verify", "-m", "Register the delegations", "accord.yaml"});
        EXPECT_EQ(registered.exit_code, 0) << registered.err;
    }
    std::string write(const std::string& name, const std::string& contents) const {
        return tmp.write("wgec/" + name, contents);
    }
    test::RunOptions here() const {
        test::RunOptions options;
        options.cwd = dir;
        options.environment = {"GIT_COMMITTER_NAME=Secretariat",
                               "GIT_COMMITTER_EMAIL=secretariat@un.org"};
        return options;
    }
    test::RunResult accord(const std::vector<std::string>& args) const {
        return test::accord(args, here());
    }
    test::RunResult git(const std::vector<std::string>& args) const {
        std::vector<std::string> argv = {"git", "-c", "user.name=Secretariat", "-c",
                                         "user.email=secretariat@un.org"};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run(argv, here());
    }
    std::string head() const { return git({"rev-parse", "-q", "--verify", "HEAD"}).out; }
    void expect_fsck_clean() const {
        const test::RunResult fsck = git({"fsck", "--strict", "--no-dangling"});
        EXPECT_EQ(fsck.exit_code, 0) << fsck.out << fsck.err;
        EXPECT_EQ(fsck.err, "");
    }
    // HEAD, the status and the index's bytes: what a refusal must not change.
    std::string state() const {
        return head() + "\n" + git({"status", "--porcelain"}).out + "\n" +
               (std::filesystem::exists(dir + "/.git/index") ? test::read_all(dir + "/.git/index")
                                                             : "(no index)");
    }
};

using test::HasSubstr;
using test::Not;

TEST(ProposeCli, InitCreatesARepositoryAndIsIdempotent) {
    test::TempDir tmp;
    const test::RunResult first = test::accord({"init", tmp.file("neg")});
    EXPECT_EQ(first.exit_code, 0) << first.err;
    EXPECT_THAT(first.out, HasSubstr("created the git repository"));
    EXPECT_THAT(first.out, HasSubstr("wrote accord.yaml (negotiation: neg)"));
    EXPECT_THAT(first.out, HasSubstr("installed git hooks"));
    const std::string hook = test::read_all(tmp.file("neg/.git/hooks/pre-commit"));
    EXPECT_THAT(hook, HasSubstr(std::filesystem::canonical(test::accord_binary()).string()));

    const test::RunResult again = test::accord({"init"}, {tmp.file("neg"), {}, ""});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_THAT(again.out, HasSubstr("exists; left as it is"));
    EXPECT_THAT(again.out, HasSubstr("git hooks up to date: pre-commit, commit-msg"));
    // The first commit holds both, so that clones have them.
    EXPECT_EQ(test::run({"git", "-C", tmp.file("neg"), "status", "--porcelain"}).out, "");
    EXPECT_EQ(test::run({"git", "-C", tmp.file("neg"), "ls-files"}).out,
              ".gitattributes\naccord.yaml\n");
}

TEST(ProposeCli, PlainGitLogShowsDelegationsDatesAndTrailers) {
    Negotiation n;
    n.write("recs/A-1.md", kText);
    const test::RunResult r = n.accord({"propose", "recs/A-1.md", "--by", "RF", "--by", "Japan",
                                        "--date", "2014-02-07", "-m", "Common proposal"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::string id = n.head().substr(0, 12);
    EXPECT_EQ(r.out.rfind("[main " + id + "] Common proposal\n", 0), 0u) << r.out;
    EXPECT_THAT(r.out, HasSubstr("by Russian Federation, Japan, 2014-02-07"));

    const test::RunResult log =
        n.git({"log", "-1", "--format=%an|%ad|%cn|%(trailers:key=Proposed-by,valueonly)",
               "--date=short"});
    EXPECT_EQ(log.out, "Russian Federation|2014-02-07|Secretariat|Russian Federation\nJapan\n\n");
    n.expect_fsck_clean();
}

TEST(ProposeCli, MeetingTrailerAndPathsAfterDashes) {
    Negotiation n;
    n.write("recs/A-1.md", kText);
    const test::RunResult r =
        n.accord({"propose", "--by", "Avri Doria", "--meeting", "WGEC-3", "--", "recs/A-1.md"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(
        n.git({"log", "-1", "--format=%ad|%(trailers:key=Meeting,valueonly)", "--date=short"}).out,
        "2014-02-26|WGEC-3\n\n");
}

// A date after today anywhere is a typo ("2041" for "2014") or a wrong
// clock, which the server would refuse after the fact: propose refuses it
// first. A meeting still under way dates a proposal today, not its last day.
TEST(ProposeCli, AProposalIsNeverDatedInTheFuture) {
    Negotiation n;
    n.write("accord.yaml", std::string(kRegistry) +
                               "  - {name: Now, from: 2014-03-01, to: 2099-12-31}\n"
                               "  - {name: Later, from: 2099-01-01, to: 2099-01-03}\n");
    ASSERT_EQ(n.git({"commit", "-q", "--no-verify", "-m", "Meetings", "accord.yaml"}).exit_code, 0);
    n.write("recs/A-1.md", kText);
    const std::string before = n.state();
    const test::RunResult typo =
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2041-02-07"});
    EXPECT_EQ(typo.exit_code, 2);
    EXPECT_THAT(typo.err, HasSubstr("2041-02-07 is after today anywhere on Earth"));
    EXPECT_THAT(typo.err, HasSubstr("nothing was recorded"));
    const test::RunResult later =
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--meeting", "Later"});
    EXPECT_EQ(later.exit_code, 2);
    EXPECT_THAT(later.err, HasSubstr("the meeting Later has not begun"));
    EXPECT_EQ(n.state(), before);

    const test::RunResult now =
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--meeting", "Now"});
    EXPECT_EQ(now.exit_code, 0) << now.err;
    const std::string day = n.git({"log", "-1", "--format=%ad", "--date=short"}).out;
    EXPECT_EQ(day, n.git({"log", "-1", "--format=%cd", "--date=short"}).out);  // today
    EXPECT_LT(day, "2099");
}

// A delegation listed in the work tree's accord.yaml only: the proposal
// would be judged (by verify, by the server) against the recorded registry,
// which does not list it. Recorded together, it is fine.
TEST(ProposeCli, ADelegationRegisteredOnlyInTheWorkTreeIsRefusedUntilRecorded) {
    Negotiation n;
    n.write("recs/A-1.md", kText);
    ASSERT_EQ(
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2014-02-07"}).exit_code, 0);
    n.write("accord.yaml", replaced_registry_with_peru());
    n.write("recs/A-1.md", "Maintains the [open] multi-stakeholder approach.\n");
    const std::string before = n.state();
    const test::RunResult r =
        n.accord({"propose", "recs/A-1.md", "--by", "Peru", "--date", "2014-02-08"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_THAT(r.err, HasSubstr("error[unrecorded-delegation]"));
    EXPECT_THAT(r.err, HasSubstr("accord propose accord.yaml PATH... --by Peru"));
    EXPECT_EQ(n.state(), before);
    const test::RunResult together =
        n.accord({"propose", "accord.yaml", "recs/A-1.md", "--by", "Peru", "--date", "2014-02-08"});
    EXPECT_EQ(together.exit_code, 0) << together.err;
}

TEST(ProposeCli, UnknownProposerIsRefusedWithASuggestionAndChangesNothing) {
    Negotiation n;
    n.write("recs/A-1.md", kText);
    ASSERT_EQ(
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2014-02-07"}).exit_code, 0);
    n.write("recs/A-1.md", "Maintains the multi-stakeholder approach.\n");
    n.git({"add", "accord.yaml"});
    const std::string before = n.state();
    const test::RunResult r =
        n.accord({"propose", "recs/A-1.md", "--by", "Japon", "--date", "2014-02-25"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr("unknown proposer 'Japon'"));
    EXPECT_THAT(r.err, HasSubstr("did you mean Japan?"));
    EXPECT_THAT(r.err, HasSubstr("--add-delegation"));
    EXPECT_THAT(r.err, HasSubstr("nothing was recorded"));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(n.state(), before);

    // Registering it deliberately records the registry in the same commit.
    const test::RunResult added = n.accord({"propose", "recs/A-1.md", "--by", "Japon",
                                            "--add-delegation", "Japon", "--date", "2014-02-25"});
    EXPECT_EQ(added.exit_code, 0) << added.err;
    EXPECT_THAT(added.out, HasSubstr("registered Japon"));
    EXPECT_EQ(n.git({"show", "--name-only", "--format=%an"}).out,
              "Japon\n\naccord.yaml\nrecs/A-1.md\n");
    n.expect_fsck_clean();
}

// A delegation named as a Word document or an e-mail spells it (accent
// dropped, typographic apostrophe, a no-break space at the end) is the one
// registered: recorded under the registered name, never added a second time.
TEST(ProposeCli, ADelegationSpelledWithoutItsAccentIsTheOneRegistered) {
    Negotiation n;
    n.write("accord.yaml", "negotiation: WGEC 2013-14\ndelegations:\n  - \"C\u00f4te d'Ivoire\"\n");
    ASSERT_EQ(n.git({"commit", "-q", "--no-verify", "-m", "c", "accord.yaml"}).exit_code, 0);
    n.write("recs/A-1.md", kText);
    const test::RunResult r = n.accord({"propose", "recs/A-1.md", "--by", "Cote d\u2019Ivoire",
                                        "--add-delegation", "Cote d\u2019Ivoire\u00a0", "-m", "t"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.err, HasSubstr("is already registered as C\u00f4te d'Ivoire; not added again"));
    EXPECT_EQ(n.git({"show", "--name-only", "--format=%an"}).out,
              "C\u00f4te d'Ivoire\n\nrecs/A-1.md\n");
    EXPECT_EQ(n.git({"show", "HEAD:accord.yaml"}).out,
              "negotiation: WGEC 2013-14\ndelegations:\n  - \"C\u00f4te d'Ivoire\"\n");
}

// --add-delegation adds one line to the registry as the secretariat wrote
// it: its comments, its layout and the style of its entries stay, in the
// commit and in the work tree.
TEST(ProposeCli, AddDelegationAppendsOneLineAndKeepsTheRestOfTheRegistry) {
    Negotiation n;
    const std::string block =
        "# Registry: do not edit without the chair\n"
        "negotiation: WGEC 2013-14\n"
        "delegations:\n"
        "  - name: Russian Federation   # since 2013\n"
        "    aliases: [RF, Russia]\n"
        "  - {name: Japan, aliases: [JP]}\n"
        "  - Sweden   # since 2013\n"
        "\n"
        "# Meetings of the working group\n"
        "meetings:\n"
        "  - {name: WGEC-3, from: 2014-02-24, to: 2014-02-26}\n";
    n.write("accord.yaml", block);
    ASSERT_EQ(n.git({"commit", "-q", "--no-verify", "-m", "c", "accord.yaml"}).exit_code, 0);
    n.write("recs/A-1.md", kText);
    const test::RunResult r = n.accord(
        {"propose", "recs/A-1.md", "--by", "Ghana", "--add-delegation", "Ghana", "-m", "t"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string expected = block;
    expected.insert(expected.find("\n\n# Meetings") + 1, "  - Ghana\n");
    EXPECT_EQ(n.git({"show", "HEAD:accord.yaml"}).out, expected);
    EXPECT_EQ(test::read_all(n.dir + "/accord.yaml"), expected);
    EXPECT_EQ(n.git({"status", "--porcelain"}).out, "");

    // A flow list gets the name before its ']', quoted when YAML needs it.
    const std::string flow = "negotiation: WGEC 2013-14\ndelegations: [Japan, Ghana]  # founders\n";
    n.write("accord.yaml", flow);
    ASSERT_EQ(n.git({"commit", "-q", "--no-verify", "-m", "c", "accord.yaml"}).exit_code, 0);
    n.write("recs/A-1.md", "Maintains the approach.\n");
    const test::RunResult korea =
        n.accord({"propose", "recs/A-1.md", "--by", "Ghana", "--add-delegation",
                  "Korea, Republic of", "--add-delegation", "Chile", "-m", "t"});
    ASSERT_EQ(korea.exit_code, 0) << korea.err;
    EXPECT_EQ(n.git({"show", "HEAD:accord.yaml"}).out,
              "negotiation: WGEC 2013-14\n"
              "delegations: [Japan, Ghana, \"Korea, Republic of\", Chile]  # founders\n");
    n.expect_fsck_clean();
}

// A registry whose list the one-line edit cannot extend safely is left as
// it is, and the message says to add the delegation by hand.
TEST(ProposeCli, AddDelegationRefusesAListItCannotExtendSafely) {
    Negotiation n;
    const std::string aliased =
        "negotiation: WGEC 2013-14\n"
        "founders: &founders   # also the delegations\n"
        "  - Japan\n"
        "delegations: *founders\n";
    n.write("accord.yaml", aliased);
    ASSERT_EQ(n.git({"commit", "-q", "--no-verify", "-m", "c", "accord.yaml"}).exit_code, 0);
    n.write("recs/A-1.md", kText);
    const std::string before = n.state();
    const test::RunResult r = n.accord(
        {"propose", "recs/A-1.md", "--by", "Ghana", "--add-delegation", "Ghana", "-m", "t"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_THAT(r.err, HasSubstr("accord.yaml:4:1: cannot add Ghana to the delegations list as it "
                                 "is written: the list is written elsewhere"));
    EXPECT_THAT(r.err, HasSubstr("by hand"));
    EXPECT_THAT(r.err, HasSubstr("without --add-delegation"));
    EXPECT_EQ(n.state(), before);
    EXPECT_EQ(test::read_all(n.dir + "/accord.yaml"), aliased);
}

// A file whose name holds a line break is refused (no listing could show
// it: the name would be split over two lines), and nothing is recorded.
TEST(ProposeCli, ANameWithALineBreakIsRefused) {
    Negotiation n;
    n.write("new\nline.md", kText);
    const std::string before = n.state();
    const test::RunResult r =
        n.accord({"propose", "--by", "Japan", "--date", "2014-02-07", "--", "new\nline.md"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("'new\\nline.md' has a line break in its name"));
    EXPECT_EQ(n.state(), before);
}

TEST(ProposeCli, NewUnclosedBracketIsRefusedButAnOldOneIsNot) {
    Negotiation n;
    // An old defect, recorded before accord checked anything.
    n.write("recs/A-1.md", "Maintains [the approach.\n\nSecond paragraph.\n");
    n.git({"add", "recs/A-1.md"});
    ASSERT_EQ(
        n.git({"commit", "-q", "--no-verify", "-m", "import", "--date", "2014-01-01T12:00:00Z"})
            .exit_code,
        0);
    n.write("recs/A-1.md", "Maintains [the approach.\n\nSecond paragraph, revised.\n");
    const test::RunResult fine =
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2014-02-07"});
    EXPECT_EQ(fine.exit_code, 0) << fine.err;

    n.write("recs/A-1.md", "Maintains [the approach.\n\nSecond [paragraph, revised.\n");
    const std::string before = n.state();
    const test::RunResult r =
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2014-02-08"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr("recs/A-1.md:3:8: error[unclosed-bracket]: "));
    EXPECT_THAT(r.err, HasSubstr(" 3 | Second [paragraph, revised.\n   |        ^\n"));
    EXPECT_THAT(r.err, Not(HasSubstr("recs/A-1.md:1:")));
    EXPECT_EQ(n.state(), before);
}

TEST(ProposeCli, FailingPreProposeHookRefusesWithItsOutput) {
    Negotiation n;
    n.write("recs/A-1.md", kText);
    const std::string hook =
        n.write(".accord/hooks/pre-propose",
                "#!/bin/sh\necho \"no sponsor for $1 ($ACCORD_DATE)\"\nexit 1\n");
    std::filesystem::permissions(hook, std::filesystem::perms::owner_all);
    ASSERT_EQ(n.accord({"hooks", "trust"}).exit_code, 0);
    const std::string before = n.state();
    const test::RunResult r =
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2014-02-07"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr("error[pre-propose-refused]"));
    EXPECT_THAT(r.err, HasSubstr("no sponsor for recs/A-1.md (2014-02-07)"));
    EXPECT_EQ(n.state(), before);
}

TEST(ProposeCli, EarlierDateIsRefusedWithoutBackdate) {
    Negotiation n;
    n.write("recs/A-1.md", kText);
    ASSERT_EQ(
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2014-02-25"}).exit_code, 0);
    n.write("recs/A-1.md", "Maintains the approach.\n");
    const std::string before = n.state();
    const test::RunResult r =
        n.accord({"propose", "recs/A-1.md", "--by", "RF", "--date", "2014-02-07"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr("recs/A-1.md: error[date-before-last-proposal]"));
    EXPECT_THAT(r.err, HasSubstr("--backdate"));
    EXPECT_EQ(n.state(), before);
    const test::RunResult late =
        n.accord({"propose", "recs/A-1.md", "--by", "RF", "--date", "2014-02-07", "--backdate"});
    EXPECT_EQ(late.exit_code, 0) << late.err;
}

TEST(ProposeCli, BadUsageExitsTwoAndSaysWhy) {
    Negotiation n;
    n.write("recs/A-1.md", kText);
    auto err_of = [&](const std::vector<std::string>& args) {
        const test::RunResult r = n.accord(args);
        EXPECT_EQ(r.exit_code, 2) << r.err;
        return r.err;
    };
    EXPECT_THAT(err_of({"propose", "recs/A-1.md"}), HasSubstr("--by"));
    EXPECT_THAT(err_of({"propose", "recs/A-1.md", "--by", "Japan", "--date", "7 Feb"}),
                HasSubstr("malformed date '7 Feb'"));
    EXPECT_THAT(err_of({"propose", "recs/A-1.md", "--by", "Japan", "--meeting", "X"}),
                HasSubstr("unknown meeting 'X': accord.yaml lists WGEC-3"));
    EXPECT_THAT(err_of({"propose", "/etc/hostname", "--by", "Japan"}),
                HasSubstr("is outside the repository"));
    ASSERT_EQ(n.accord({"propose", "recs/A-1.md", "--by", "Japan"}).exit_code, 0);
    EXPECT_THAT(err_of({"propose", "recs/A-1.md", "--by", "Japan"}),
                HasSubstr("no change to record in recs/A-1.md: the file is as in the last "
                          "proposal"));
}

TEST(ProposeCli, PlainGitCommitGetsTheSameChecks) {
    Negotiation n;
    n.write("recs/A-1.md", kText);
    ASSERT_EQ(
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2014-02-07"}).exit_code, 0);
    const std::string head = n.head();

    n.write("recs/A-1.md", std::string(kText) + "\nAlt: To [strengthen it.\n");
    n.git({"add", "recs/A-1.md"});
    const test::RunResult bracket = n.git({"commit", "-q", "-m", "Alternative"});
    EXPECT_NE(bracket.exit_code, 0);
    EXPECT_THAT(bracket.err, HasSubstr("recs/A-1.md:7:9: error[unclosed-bracket]"));
    EXPECT_THAT(bracket.err, HasSubstr("pre-commit hook refused the commit"));
    EXPECT_EQ(n.head(), head);
    // `git commit -a` uses a temporary index: the hook reads that one.
    n.write("recs/A-1.md", std::string(kText) + "\nAlt: To [strengthen] it.\n");
    const test::RunResult unknown =
        n.git({"commit", "-q", "-a", "-m", "Alternative\n\nProposed-by: Japon"});
    EXPECT_NE(unknown.exit_code, 0);
    EXPECT_THAT(unknown.err, HasSubstr("did you mean Japan?"));
    EXPECT_EQ(n.head(), head);

    const test::RunResult good =
        n.git({"commit", "-q", "-a", "-m", "Alternative\n\nProposed-by: RF"});
    EXPECT_EQ(good.exit_code, 0) << good.err;
    EXPECT_NE(n.head(), head);
    n.expect_fsck_clean();
}

TEST(ProposeCli, ConcurrentProposalsNeverLoseAnUpdate) {
    Negotiation n;
    n.write("recs/A-1.md", kText);
    ASSERT_EQ(
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2014-02-07"}).exit_code, 0);
    int landed = 1, retried = 0;
    for (int round = 0; round < 4; ++round) {
        if (round == 2) {
            // From here on both processes pass their checks, then wait in the
            // pre-propose hook, so both have read the same HEAD when they record.
            const std::string hook = n.write(".accord/hooks/pre-propose", "#!/bin/sh\nsleep 1\n");
            std::filesystem::permissions(hook, std::filesystem::perms::owner_all);
            ASSERT_EQ(n.accord({"hooks", "trust"}).exit_code, 0);
        }
        const std::string a = "recs/R" + std::to_string(round) + "-a.md";
        const std::string b = "recs/R" + std::to_string(round) + "-b.md";
        n.write(a, "Text a.\n");
        n.write(b, "Text b.\n");
        test::RunResult ra, rb;
        std::thread ta([&] {
            ra = n.accord({"propose", a, "--by", "Japan", "--date", "2014-03-01"});
        });
        std::thread tb([&] {
            rb = n.accord({"propose", b, "--by", "RF", "--date", "2014-03-01"});
        });
        ta.join();
        tb.join();
        for (const auto& [r, path] : {std::pair{&ra, a}, std::pair{&rb, b}}) {
            const bool recorded = n.git({"cat-file", "-e", "HEAD:" + path}).exit_code == 0;
            if (r->exit_code == 0) {
                ++landed;
                EXPECT_TRUE(recorded) << path << " reported recorded but is not in HEAD";
            } else {
                ++retried;
                EXPECT_EQ(r->exit_code, 3) << r->err;
                EXPECT_THAT(r->err, HasSubstr("Retry"));
                EXPECT_FALSE(recorded);
                // Retrying lands it.
                const test::RunResult again =
                    n.accord({"propose", path, "--by", "Japan", "--date", "2014-03-01"});
                EXPECT_EQ(again.exit_code, 0) << again.err;
                ++landed;
            }
        }
    }
    // Besides accord init's first commit and the registry's.
    EXPECT_EQ(n.git({"rev-list", "--count", "HEAD"}).out, std::to_string(landed + 2) + "\n");
    EXPECT_EQ(n.git({"ls-tree", "-r", "--name-only", "HEAD", "recs"}).out.size(),
              std::string("recs/A-1.md\n").size() + 8 * std::string("recs/R0-a.md\n").size());
    EXPECT_EQ(n.git({"status", "--porcelain"}).out, "?? .accord/\n");
    EXPECT_GE(retried, 1) << "the overlapping rounds should have made one proposal retry";
    n.expect_fsck_clean();
    std::cerr << "concurrent proposals: " << landed << " landed, " << retried
              << " refused with a retry message first\n";
}

// A delegation on Windows: its clone checks texts out with CRLF line ends
// (core.autocrlf, git for Windows' default, or eol=crlf in .gitattributes).
// A proposal records what `git commit` would (LF), changes only the lines it
// changes, and leaves the work tree clean and as the editor saved it.
TEST(ProposeCli, WindowsLineEndsAreRecordedAsGitStoresThem) {
    for (const bool by_attribute : {false, true}) {
        SCOPED_TRACE(by_attribute ? "eol=crlf in .gitattributes" : "core.autocrlf=true");
        Negotiation n;
        if (by_attribute) {
            n.write(".gitattributes",
                    test::read_all(n.dir + "/.gitattributes") + "*.md text eol=crlf\n");
            ASSERT_EQ(
                n.git({"commit", "-q", "--no-verify", "-m", "eol", ".gitattributes"}).exit_code, 0);
        } else {
            ASSERT_EQ(n.git({"config", "core.autocrlf", "true"}).exit_code, 0);
        }
        const std::string saved =
            "Maintains [the] [democratic] approach.\r\n\r\nSecond "
            "paragraph [of] text.\r\n";
        n.write("A-1.md", saved);
        const test::RunResult first = n.accord({"propose", "A-1.md", "--by", "Japan"});
        ASSERT_EQ(first.exit_code, 0) << first.err;
        EXPECT_EQ(n.git({"cat-file", "blob", "HEAD:A-1.md"}).out,
                  "Maintains [the] [democratic] approach.\n\nSecond paragraph [of] text.\n");
        EXPECT_EQ(n.git({"status", "--porcelain", "--", "A-1.md"}).out, "");
        EXPECT_EQ(test::read_all(n.dir + "/A-1.md"), saved) << "the work tree keeps its CRLF";
        EXPECT_THAT(n.accord({"status"}).out, Not(HasSubstr("not yet proposed")));

        std::string edited = saved;
        edited.replace(edited.find("[of]"), 4, "[on]");
        n.write("A-1.md", edited);
        EXPECT_THAT(n.accord({"diff", "A-1.md"}).out, HasSubstr("1 change"));
        const test::RunResult second = n.accord({"propose", "A-1.md", "--by", "Japan"});
        ASSERT_EQ(second.exit_code, 0) << second.err;
        EXPECT_EQ(n.git({"diff", "--numstat", "HEAD~1", "HEAD", "--", "A-1.md"}).out,
                  "1\t1\tA-1.md\n")
            << "one line changed, not every line's ending";
        EXPECT_EQ(n.git({"status", "--porcelain", "--", "A-1.md"}).out, "");
        n.expect_fsck_clean();
    }
}

// A clone that does not convert line ends (no core.autocrlf), with an
// editor that saved CRLF: the text is recorded with line feeds all the same,
// said, and the work tree's copy rewritten so; the next delegation's copy
// with line feeds differs from it only where it was edited.
TEST(ProposeCli, CrlfThatGitLeavesIsRecordedWithLineFeedsAndSaid) {
    Negotiation n;
    ASSERT_EQ(n.git({"config", "core.autocrlf", "false"}).exit_code, 0);
    n.write("A-1.md", "---\r\nid: A-1\r\n---\r\n\r\nMaintains [the] [democratic] approach.\r\n");
    const test::RunResult first = n.accord({"propose", "A-1.md", "--by", "Japan"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_THAT(first.err, HasSubstr("A-1.md was saved with CRLF line endings; it is recorded "
                                     "with line feeds, and the work tree's copy rewritten so"));
    const std::string recorded = "---\nid: A-1\n---\n\nMaintains [the] [democratic] approach.\n";
    EXPECT_EQ(n.git({"cat-file", "blob", "HEAD:A-1.md"}).out, recorded);
    EXPECT_EQ(test::read_all(n.dir + "/A-1.md"), recorded);
    EXPECT_EQ(n.git({"status", "--porcelain", "--", "A-1.md"}).out, "");

    // Saved with CRLF again and edited: diff and status read it as it will
    // be recorded, one word inserted, nothing of the front matter.
    n.write("A-1.md",
            "---\r\nid: A-1\r\n---\r\n\r\nMaintains [the] [democratic] open approach.\r\n");
    const test::RunResult diff = n.accord({"diff", "A-1.md"});
    EXPECT_THAT(diff.out, HasSubstr("1 change: 1 insertion"));
    EXPECT_THAT(diff.out, Not(HasSubstr("[-"))) << "nothing shown deleted";
    const test::RunResult second = n.accord({"propose", "A-1.md", "--by", "Japan"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(n.git({"diff", "--numstat", "HEAD~1", "HEAD", "--", "A-1.md"}).out, "1\t1\tA-1.md\n");
    n.expect_fsck_clean();
}

// A clone's .gitattributes may name a filter driver, and its configuration
// the program for it: git would run that program on `git add`. accord
// applies git's built-in conversions only, never a program.
TEST(ProposeCli, FilterDriverNamedByAttributesIsNeverRun) {
    Negotiation n;
    const std::string marker = n.tmp.file("filter-ran");
    n.write(".gitattributes", test::read_all(n.dir + "/.gitattributes") + "*.md filter=tidy\n");
    ASSERT_EQ(n.git({"config", "filter.tidy.clean", "touch " + marker + "; cat"}).exit_code, 0);
    ASSERT_EQ(n.git({"config", "filter.tidy.smudge", "touch " + marker + "; cat"}).exit_code, 0);
    n.write("A-1.md", kText);
    const test::RunResult r = n.accord({"propose", "A-1.md", "--by", "Japan"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(n.git({"cat-file", "blob", "HEAD:A-1.md"}).out, kText);
    EXPECT_FALSE(std::filesystem::exists(marker)) << "the filter's program was run";
}

// A plain `git commit` that changes a text names no proposer: log, blame and
// who credit it to its author. The server refuses it when the registry
// does not list that author (a clerk's git name), and takes it once the
// author is a delegation; `accord verify` says the same.
TEST(ProposeCli, APlainCommitByAnAuthorNoRegistryListsIsRefused) {
    Negotiation n;
    n.write("A-1.md", kText);
    ASSERT_EQ(n.accord({"propose", "A-1.md", "--by", "Japan"}).exit_code, 0);
    const std::string server = n.tmp.file("srv.git");
    ASSERT_EQ(test::accord({"init", "--bare", server}).exit_code, 0);
    ASSERT_EQ(n.git({"remote", "add", "origin", server}).exit_code, 0);
    ASSERT_EQ(n.git({"push", "-q", "origin", "HEAD:main"}).exit_code, 0);

    std::string edited = kText;
    edited.replace(edited.find("Maintains"), 9, "Keeps");
    n.write("A-1.md", edited);
    ASSERT_EQ(n.git({"commit", "-q", "-a", "--author", "Random Person <r@example.org>", "-m",
                     "plain edit"})
                  .exit_code,
              0);
    const test::RunResult refused = n.git({"push", "-q", "origin", "HEAD:main"});
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_THAT(refused.err, HasSubstr("credited to its author 'Random Person'"));
    const test::RunResult verify = n.accord({"verify"});
    EXPECT_EQ(verify.exit_code, 1) << verify.out;
    EXPECT_THAT(verify.out, HasSubstr("[unregistered-author]"));

    ASSERT_EQ(n.git({"commit", "-q", "--amend", "--no-edit", "--author", "Japan <j@example.org>"})
                  .exit_code,
              0);
    const test::RunResult accepted = n.git({"push", "-q", "origin", "HEAD:main"});
    EXPECT_EQ(accepted.exit_code, 0) << accepted.err;
}

// A clerk moves a text with git mv and names only the new path: recorded
// so, the text would be a copy and the staged deletion of the old path would
// go into whatever is committed next. Refused, naming both paths, with
// nothing changed; naming both records the move.
TEST(ProposeCli, AMoveStagedByGitMvNeedsBothPathsNamed) {
    Negotiation n;
    n.write("recs/A-1.md", kText);
    ASSERT_EQ(
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2014-02-07"}).exit_code, 0);
    ASSERT_EQ(n.git({"mv", "recs/A-1.md", "recs/B-1.md"}).exit_code, 0);
    const std::string before = n.state();
    const test::RunResult half =
        n.accord({"propose", "recs/B-1.md", "--by", "Japan", "--date", "2014-02-08"});
    EXPECT_EQ(half.exit_code, 2) << half.out << half.err;
    EXPECT_THAT(half.err, HasSubstr("recs/A-1.md was moved to recs/B-1.md (staged by git mv)"));
    EXPECT_THAT(half.err, HasSubstr("accord propose recs/A-1.md recs/B-1.md"));
    EXPECT_EQ(n.state(), before);

    // Edited on the way, it is still the moved text.
    n.write("recs/B-1.md",
            "---\nid: A-1\ntitle: Enhanced cooperation\n---\n"
            "Maintains [the] democratic multi-stakeholder approach.\n");
    EXPECT_EQ(
        n.accord({"propose", "recs/B-1.md", "--by", "Japan", "--date", "2014-02-08"}).exit_code, 2);

    const test::RunResult both = n.accord(
        {"propose", "recs/A-1.md", "recs/B-1.md", "--by", "Japan", "--date", "2014-02-08"});
    EXPECT_EQ(both.exit_code, 0) << both.out << both.err;
    EXPECT_EQ(n.git({"status", "--porcelain"}).out, "");
    EXPECT_EQ(n.git({"ls-tree", "-r", "--name-only", "HEAD", "recs"}).out, "recs/B-1.md\n");
}

// A new text beside a deletion staged of another text is no move.
TEST(ProposeCli, ANewTextBesideAnotherTextsStagedDeletionIsRecorded) {
    Negotiation n;
    n.write("recs/A-1.md", kText);
    ASSERT_EQ(
        n.accord({"propose", "recs/A-1.md", "--by", "Japan", "--date", "2014-02-07"}).exit_code, 0);
    ASSERT_EQ(n.git({"rm", "-q", "recs/A-1.md"}).exit_code, 0);
    n.write("recs/C-1.md", "---\nid: C-1\n---\nOn the protection of the oceans and fisheries.\n");
    const test::RunResult r =
        n.accord({"propose", "recs/C-1.md", "--by", "Japan", "--date", "2014-02-08"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

// Two clerks propose at once: the first one's commit can move HEAD a moment
// before its index holds the new text, so the second one sees that text as
// "deleted" in the index. A text still in the work tree was not moved: the
// second proposal is recorded, not refused as half a move (the state is made
// here with git rm --cached, which leaves the same index and work tree).
TEST(ProposeCli, ATextStillInTheWorkTreeIsNoHalfMove) {
    Negotiation n;
    n.write("recs/R0-a.md", "Text a.\n");
    ASSERT_EQ(
        n.accord({"propose", "recs/R0-a.md", "--by", "Japan", "--date", "2014-02-07"}).exit_code,
        0);
    ASSERT_EQ(n.git({"rm", "-q", "--cached", "recs/R0-a.md"}).exit_code, 0);
    n.write("recs/R0-b.md", "Text b.\n");
    const test::RunResult r =
        n.accord({"propose", "recs/R0-b.md", "--by", "RF", "--date", "2014-02-08"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(n.git({"ls-tree", "-r", "--name-only", "HEAD", "recs"}).out,
              "recs/R0-a.md\nrecs/R0-b.md\n");
}

TEST(ProposeCli, HelpTeaches) {
    for (const char* command : {"init", "propose"}) {
        const test::RunResult r = test::accord({command, "--help"});
        EXPECT_EQ(r.exit_code, 0);
        EXPECT_THAT(r.out, HasSubstr("Examples:")) << command;
    }
    EXPECT_THAT(test::accord({"propose", "--help"}).out, HasSubstr("--backdate"));
    const test::RunResult top = test::accord({"--help"});
    EXPECT_THAT(top.out, HasSubstr("propose"));
    EXPECT_THAT(top.out, Not(HasSubstr("\n  hook "))) << "the git hook entry point stays hidden";
}

}  // namespace
}  // namespace accord
