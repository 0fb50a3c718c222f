// core/proposal against real repositories in temporary directories: what a
// proposal records, what it refuses, and that a refusal changes nothing.
#include "hooks/record/proposal.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "core/util/date.hpp"
#include "hooks/pre_propose.hpp"
#include "hooks/record/init.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

using test::TempDir;

const char* kRegistry =
    "negotiation: WGEC 2013-14\n"
    "delegations:\n"
    "  - name: Russian Federation\n"
    "    aliases: [RF]\n"
    "  - name: Japan\n"
    "  - name: Avri Doria\n"
    "    kind: civil society\n"
    "meetings:\n"
    "  - {name: WGEC-3, from: 2014-02-24, to: 2014-02-26}\n";

test::RunResult git(const std::string& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"git", "-C", dir};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run(argv);
}

// A negotiation repository with a registry and one recorded text.
struct Fixture {
    TempDir tmp;
    Fixture() {
        InitRequest init;
        init.dir = tmp.path();
        init_negotiation(init);
        // The secretariat registers the delegations, as a commit of its own.
        tmp.write("accord.yaml", kRegistry);
        git(tmp.path(),
            {"-c", "user.name=Secretariat", "-c", "user.email=secretariat@un.org", "commit", "-q",
             "--no-verify", "-m", "Register the delegations", "accord.yaml"});
        tmp.write("recs/A-1.md", "---\nid: A-1\n---\nMaintains [the] approach.\n");
    }
    std::string path(const std::string& name) const { return tmp.file(name); }
    Workspace workspace() const { return Workspace::open(tmp.path()); }
    ProposeResult propose(ProposeRequest request) const {
        Workspace ws = workspace();
        return accord::propose(ws, request);
    }
    ProposeRequest request(const std::string& file, std::vector<std::string> by,
                           std::optional<std::string> date) const {
        ProposeRequest r;
        r.paths = {path(file)};
        r.proposers = std::move(by);
        r.date = std::move(date);
        return r;
    }
};

// Everything a refused proposal must leave as it was.
struct Snapshot {
    std::string head, index, status, files;
    bool operator==(const Snapshot&) const = default;
};
Snapshot snapshot(const std::string& dir) {
    Snapshot s;
    s.head = git(dir, {"rev-parse", "-q", "--verify", "HEAD"}).out;
    s.index = std::filesystem::exists(dir + "/.git/index") ? test::read_all(dir + "/.git/index")
                                                           : "(none)";
    s.status = git(dir, {"status", "--porcelain"}).out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        const std::string p = entry.path().string();
        if (p.find("/.git/") != std::string::npos || !entry.is_regular_file()) continue;
        s.files += p + "\n" + test::read_all(p) + "\n";
    }
    return s;
}

template <typename F>
Error error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no accord::Error thrown";
    return Error(0, "");
}

template <typename F>
std::vector<hooks::Problem> refusal_of(F&& f) {
    try {
        f();
    } catch (const ProposalRefused& e) {
        EXPECT_EQ(e.exit_code(), kExitFound);
        return e.problems();
    }
    ADD_FAILURE() << "not refused";
    return {};
}

TEST(Proposal, RecordsAuthorDateCommitterAndTrailers) {
    Fixture f;
    ProposeRequest r = f.request("recs/A-1.md", {"RF", "Japan"}, "2014-02-25");
    r.meeting = "wgec-3";
    const ProposeResult result = f.propose(r);
    EXPECT_EQ(result.proposers, (std::vector<std::string>{"Russian Federation", "Japan"}));
    EXPECT_EQ(result.date, "2014-02-25");
    EXPECT_EQ(result.meeting, "WGEC-3");
    EXPECT_EQ(result.paths, std::vector<std::string>{"recs/A-1.md"});
    EXPECT_EQ(result.branch, "main");
    EXPECT_EQ(result.subject, "Proposal by Russian Federation and Japan on recs/A-1.md");
    EXPECT_TRUE(result.warnings.empty());

    Workspace ws = f.workspace();
    const CommitInfo info = ws.repo().commit(result.commit);
    EXPECT_EQ(info.author.name, "Russian Federation");
    EXPECT_EQ(info.author.email, "russian-federation@delegations.accord");
    EXPECT_EQ(format_iso_timestamp(info.author.time, info.author.offset_minutes),
              "2014-02-25T12:00:00Z");
    EXPECT_EQ(info.committer.name, ws.repo().default_signature().name);
    EXPECT_EQ(info.message,
              "Proposal by Russian Federation and Japan on recs/A-1.md\n\n"
              "Proposed-by: Russian Federation\nProposed-by: Japan\nMeeting: WGEC-3\n");
    EXPECT_EQ(trailer_values(trailers(info.message), "proposed-by"),
              (std::vector<std::string>{"Russian Federation", "Japan"}));
    // The proposal records its file, nothing else.
    EXPECT_EQ(
        git(f.tmp.path(), {"diff-tree", "--no-commit-id", "--name-only", "-r", result.commit}).out,
        "recs/A-1.md\n");
    EXPECT_EQ(git(f.tmp.path(), {"status", "--porcelain"}).out, "");
}

TEST(Proposal, MessageAndDatesFromMeetingOrNow) {
    Fixture f;
    ProposeRequest r = f.request("recs/A-1.md", {"Japan"}, std::nullopt);
    r.meeting = "WGEC-3";
    r.message = "Brackets 'the'\n\n";
    const ProposeResult at_meeting = f.propose(r);
    EXPECT_EQ(at_meeting.date, "2014-02-26");  // the meeting's last day
    EXPECT_EQ(f.workspace().repo().commit(at_meeting.commit).message,
              "Brackets 'the'\n\nProposed-by: Japan\nMeeting: WGEC-3\n");

    f.tmp.write("recs/A-1.md", "Maintains the approach.\n");
    const ProposeResult now = f.propose(f.request("recs/A-1.md", {"JAPAN"}, std::nullopt));
    const Signature author = f.workspace().repo().commit(now.commit).author;
    EXPECT_LE(std::abs(author.time - f.workspace().repo().default_signature().time), 60);
    EXPECT_EQ(now.date, format_iso_date(local_day(author.time, author.offset_minutes)));
}

TEST(Proposal, DateWithinAMeetingIsCheckedLoosely) {
    Fixture f;
    ProposeRequest r = f.request("recs/A-1.md", {"Japan"}, "2014-03-10");
    r.meeting = "WGEC-3";
    const ProposeResult result = f.propose(r);
    EXPECT_EQ(result.date, "2014-03-10");
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_NE(result.warnings[0].find("outside meeting WGEC-3"), std::string::npos);
}

TEST(Proposal, UnknownProposerIsRefusedAndChangesNothing) {
    Fixture f;
    f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-07"));
    f.tmp.write("recs/A-1.md", "Maintains the approach.\n");
    git(f.tmp.path(), {"add", "accord.yaml"});  // some staged work of the user's
    const Snapshot before = snapshot(f.tmp.path());
    const auto problems =
        refusal_of([&] { f.propose(f.request("recs/A-1.md", {"Japon"}, "2014-02-25")); });
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].code, "unknown-proposer");
    EXPECT_NE(problems[0].message.find("did you mean Japan?"), std::string::npos);
    EXPECT_EQ(snapshot(f.tmp.path()), before);
}

TEST(Proposal, NewErrorsAreRefusedButOldOnesAreNot) {
    Fixture f;
    f.tmp.write("recs/A-1.md", "Maintains [the approach.\n");
    const auto fresh =
        refusal_of([&] { f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-07")); });
    ASSERT_EQ(fresh.size(), 1u);
    EXPECT_EQ(fresh[0].code, "unclosed-bracket");
    EXPECT_EQ(fresh[0].path, "recs/A-1.md");
    EXPECT_EQ(fresh[0].line, 1u);
    EXPECT_EQ(fresh[0].column, 11u);

    // Recorded despite the defect (say, by plain git before accord was used)...
    git(f.tmp.path(), {"add", "recs/A-1.md"});
    git(f.tmp.path(), {"-c", "user.name=Secretariat", "-c", "user.email=s@un.org", "commit", "-q",
                       "--no-verify", "-m", "import", "--date", "2014-01-01T12:00:00Z"});
    // ...it does not block the next proposal, which adds no defect of its own.
    f.tmp.write("recs/A-1.md", "Maintains [the approach.\n\nAlt: To keep it.\n");
    EXPECT_NO_THROW(f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-07")));
    f.tmp.write("recs/A-1.md", "Maintains [the approach.\n\nAlt: To keep ~~it.\n");
    const auto strike =
        refusal_of([&] { f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-08")); });
    ASSERT_EQ(strike.size(), 1u);
    EXPECT_EQ(strike[0].code, "unclosed-strike");
    EXPECT_EQ(strike[0].line, 3u);
}

TEST(Proposal, AllProblemsAreReportedAtOnce) {
    Fixture f;
    f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-25"));
    f.tmp.write("recs/A-1.md", "---\nid: [\n---\nMaintains ] approach.\n");
    const auto problems =
        refusal_of([&] { f.propose(f.request("recs/A-1.md", {"Nobody"}, "2014-02-07")); });
    std::vector<std::string> codes;
    for (const auto& p : problems) codes.push_back(p.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"unknown-proposer", "front-matter-invalid",
                                               "unmatched-bracket", "date-before-last-proposal"}));
}

TEST(Proposal, EarlierDateNeedsBackdate) {
    Fixture f;
    f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-25"));
    f.tmp.write("recs/A-1.md", "Maintains the approach.\n");
    const auto problems =
        refusal_of([&] { f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-07")); });
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].code, "date-before-last-proposal");
    ProposeRequest r = f.request("recs/A-1.md", {"Japan"}, "2014-02-07");
    r.backdate = true;
    EXPECT_EQ(f.propose(r).date, "2014-02-07");
    // The last proposal is the latest date among the file's proposals.
    f.tmp.write("recs/A-1.md", "Maintains an approach.\n");
    EXPECT_EQ(
        refusal_of([&] { f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-20")); }).size(),
        1u);
    // Another file's history does not count.
    f.tmp.write("recs/B-1.md", "Other.\n");
    EXPECT_NO_THROW(f.propose(f.request("recs/B-1.md", {"Japan"}, "2014-01-01")));
}

TEST(Proposal, BadInputIsAUsageErrorNamingIt) {
    Fixture f;
    f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-07"));
    auto usage = [&](ProposeRequest r) {
        const Snapshot before = snapshot(f.tmp.path());
        const Error e = error_of([&] { f.propose(r); });
        EXPECT_EQ(e.exit_code(), kExitUsage) << e.what();
        EXPECT_EQ(snapshot(f.tmp.path()), before);
        return std::string(e.what());
    };
    EXPECT_EQ(usage(f.request("recs/A-1.md", {"Japan"}, "2014-02-08")),
              "no change to record in recs/A-1.md: the file is as in the last proposal; edit it "
              "first, or name the file you changed");
    f.tmp.write("recs/A-1.md", "Maintains the approach.\n");
    TempDir elsewhere;
    elsewhere.write("x.md", "x\n");
    ProposeRequest outside = f.request("recs/A-1.md", {"Japan"}, "2014-02-08");
    outside.paths = {elsewhere.file("x.md")};
    EXPECT_NE(usage(outside).find("is outside the repository"), std::string::npos);
    EXPECT_NE(usage(f.request("recs/A-9.md", {"Japan"}, "2014-02-08")).find("does not exist"),
              std::string::npos);
    EXPECT_NE(usage(f.request("recs", {"Japan"}, "2014-02-08")).find("is a directory"),
              std::string::npos);
    EXPECT_NE(usage(f.request("recs/A-1.md", {"Japan"}, "25/02/2014")).find("YYYY-MM-DD"),
              std::string::npos);
    EXPECT_NE(usage(f.request("recs/A-1.md", {"Japan"}, "2014-02-30")).find("no such day"),
              std::string::npos);
    ProposeRequest meeting = f.request("recs/A-1.md", {"Japan"}, std::nullopt);
    meeting.meeting = "WGEC-9";
    EXPECT_EQ(usage(meeting), "unknown meeting 'WGEC-9': accord.yaml lists WGEC-3");
    EXPECT_NE(usage(f.request("recs/A-1.md", {}, "2014-02-08")).find("--by"), std::string::npos);
    ProposeRequest none = f.request("recs/A-1.md", {"Japan"}, "2014-02-08");
    none.paths.clear();
    EXPECT_NE(usage(none).find("name the files"), std::string::npos);
}

TEST(Proposal, UnchangedFilesAmongChangedOnesAreLeftOutWithAWarning) {
    Fixture f;
    f.tmp.write("recs/B-1.md", "B.\n");
    ProposeRequest both = f.request("recs/A-1.md", {"Japan"}, "2014-02-07");
    both.paths.push_back(f.path("recs/B-1.md"));
    EXPECT_EQ(f.propose(both).paths, (std::vector<std::string>{"recs/A-1.md", "recs/B-1.md"}));
    f.tmp.write("recs/B-1.md", "B, revised.\n");
    const ProposeResult one = f.propose(both);
    EXPECT_EQ(one.paths, std::vector<std::string>{"recs/B-1.md"});
    ASSERT_EQ(one.warnings.size(), 1u);
    EXPECT_NE(one.warnings[0].find("recs/A-1.md is as in the last proposal"), std::string::npos);
}

TEST(Proposal, DeletingAFileIsAProposalToo) {
    Fixture f;
    f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-07"));
    std::filesystem::remove(f.path("recs/A-1.md"));
    const ProposeResult result = f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-08"));
    EXPECT_EQ(f.workspace().repo().list_files(result.commit),
              (std::vector<std::string>{".gitattributes", "accord.yaml"}));
    EXPECT_EQ(git(f.tmp.path(), {"status", "--porcelain"}).out, "");
}

TEST(Proposal, AddDelegationRegistersItInTheSameCommit) {
    Fixture f;
    ProposeRequest r = f.request("recs/A-1.md", {"Ghana", "Japan"}, "2014-05-01");
    r.add_delegations = {"Ghana", "RF"};
    const ProposeResult result = f.propose(r);
    EXPECT_EQ(result.added_delegations, std::vector<std::string>{"Ghana"});
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_NE(result.warnings[0].find("already registered as Russian Federation"),
              std::string::npos);
    EXPECT_EQ(result.paths, (std::vector<std::string>{"recs/A-1.md", "accord.yaml"}));
    EXPECT_EQ(result.subject, "Proposal by Ghana and Japan on recs/A-1.md");
    Workspace ws = f.workspace();
    const Config recorded = parse_config(*ws.repo().read_file_at("HEAD", "accord.yaml"), "x");
    EXPECT_EQ(recorded.resolve_delegation("ghana"), "Ghana");
    EXPECT_EQ(recorded.resolve_delegation("RF"), "Russian Federation");
    EXPECT_EQ(recorded.meetings.size(), 1u);
    EXPECT_EQ(ws.repo().commit("HEAD").author.email, "ghana@delegations.accord");
    // The work tree holds what was recorded.
    EXPECT_EQ(git(f.tmp.path(), {"status", "--porcelain"}).out, "");

    // Once recorded, edits of the registry not yet proposed are not swept in silently.
    std::string edited = test::read_all(f.path("accord.yaml"));
    edited.replace(edited.find("  - name: Japan\n"), 0, "  - name: Brazil\n");
    f.tmp.write("accord.yaml", edited);
    f.tmp.write("recs/A-1.md", "Maintains the approach.\n");
    ProposeRequest again = f.request("recs/A-1.md", {"Ghana"}, "2014-05-02");
    again.add_delegations = {"Kenya"};
    const Error e = error_of([&] { f.propose(again); });
    EXPECT_EQ(e.exit_code(), kExitUsage);
    EXPECT_NE(std::string(e.what()).find("accord.yaml has changes not yet recorded"),
              std::string::npos);
    again.paths.push_back(f.path("accord.yaml"));
    EXPECT_NO_THROW(f.propose(again));
    const Config both =
        parse_config(*f.workspace().repo().read_file_at("HEAD", "accord.yaml"), "x");
    EXPECT_TRUE(both.resolve_delegation("Kenya"));
    EXPECT_TRUE(both.resolve_delegation("Brazil"));
}

// A pre-propose hook: a shell script in .accord/hooks, made executable and
// trusted as the user would after reading it.
void write_hook(const Fixture& f, const std::string& body) {
    const std::string path = f.tmp.write(".accord/hooks/pre-propose", "#!/bin/sh\n" + body);
    ::chmod(path.c_str(), 0755);
    Workspace ws = f.workspace();
    hooks::trust_committed_hook(ws.repo());
}

TEST(Proposal, PreProposeHookSeesTheProposalAndCanRefuseIt) {
    Fixture f;
    TempDir out;
    write_hook(f,
               "printf '%s|' \"$@\" \"$ACCORD_PROPOSERS\" \"$ACCORD_DATE\" \"$ACCORD_MEETING\" > " +
                   out.file("seen") + "\necho checked\n");
    ProposeRequest r = f.request("recs/A-1.md", {"RF", "Avri Doria"}, "2014-02-25");
    r.meeting = "WGEC-3";
    const ProposeResult result = f.propose(r);
    EXPECT_EQ(test::read_all(out.file("seen")),
              "recs/A-1.md|Russian Federation\nAvri Doria|2014-02-25|WGEC-3|");
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_NE(result.warnings[0].find("checked"), std::string::npos);

    write_hook(f, "echo 'A-1 needs a sponsor from group A' >&2\nexit 3\n");
    f.tmp.write("recs/A-1.md", "Maintains the approach.\n");
    const Snapshot before = snapshot(f.tmp.path());
    const auto problems =
        refusal_of([&] { f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-26")); });
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].code, "pre-propose-refused");
    EXPECT_NE(problems[0].message.find("exit status 3"), std::string::npos);
    EXPECT_NE(problems[0].quote.find("A-1 needs a sponsor from group A"), std::string::npos);
    EXPECT_EQ(snapshot(f.tmp.path()), before);

    // The checks come first: a refused proposal does not run the hook.
    write_hook(f, "touch " + out.file("ran") + "\n");
    refusal_of([&] { f.propose(f.request("recs/A-1.md", {"Nobody"}, "2014-02-26")); });
    EXPECT_FALSE(std::filesystem::exists(out.file("ran")));
}

TEST(Proposal, ANonExecutableHookIsSkippedWithAWarning) {
    Fixture f;
    f.tmp.write(".accord/hooks/pre-propose", "#!/bin/sh\nexit 1\n");
    Workspace ws = f.workspace();
    hooks::trust_committed_hook(ws.repo());
    const ProposeResult result = f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-07"));
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_NE(result.warnings[0].find("not executable"), std::string::npos);
}

TEST(Proposal, AProposalThatLandsMeanwhileMakesThisOneRetry) {
    Fixture f;
    f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-07"));
    // The hook runs between the checks and the commit: let it record another
    // proposal there, as a concurrent process would.
    write_hook(f,
               "git -c user.name=Other -c user.email=o@x commit -q --no-verify --allow-empty "
               "-m concurrent\n");
    f.tmp.write("recs/A-1.md", "Maintains the approach.\n");
    const Error e = error_of([&] { f.propose(f.request("recs/A-1.md", {"Japan"}, "2014-02-08")); });
    EXPECT_EQ(e.exit_code(), kExitFailure);
    EXPECT_NE(std::string(e.what()).find("Retry"), std::string::npos) << e.what();
    EXPECT_EQ(git(f.tmp.path(), {"log", "-1", "--format=%s"}).out, "concurrent\n");
    EXPECT_EQ(git(f.tmp.path(), {"status", "--porcelain", "recs"}).out, " M recs/A-1.md\n");
    EXPECT_EQ(git(f.tmp.path(), {"fsck", "--no-dangling"}).exit_code, 0);
}

TEST(Proposal, DelegationEmailIsASlug) {
    EXPECT_EQ(delegation_email("Russian Federation"), "russian-federation@delegations.accord");
    EXPECT_EQ(delegation_email("Côte d'Ivoire"), "c-te-d-ivoire@delegations.accord");
    EXPECT_EQ(delegation_email("G77 + China"), "g77-china@delegations.accord");
    EXPECT_EQ(delegation_email("日本"), "delegation@delegations.accord");
}

}  // namespace
}  // namespace accord
