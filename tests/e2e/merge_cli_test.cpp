// Merging end to end: redraft branches, `accord merge`, and plain git (pull,
// diff) using accord's merge and diff after `accord init`. The real binary
// and real git in temporary repositories.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/matchers.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

const char* kRegistry =
    "negotiation: WGEC 2013-14\n"
    "delegations:\n"
    "  - name: Japan\n"
    "  - name: Sweden\n"
    "    aliases: [SE]\n"
    "  - name: Russian Federation\n"
    "    aliases: [RF]\n"
    "  - name: Brazil\n"
    "  - name: Chair\n";

// A WGEC recommendation with brackets, a strike and an alternatives group.
const char* kRecommendation =
    "---\nid: A-1\ntitle: Enhanced cooperation\nstatus: revisit\n---\n"
    "Maintains [the] [democratic] multi-stakeholder approach, encourages [~~as many~~]\n"
    "stakeholders to participate in the implementation.\n"
    "\n"
    "To continue to [strengthen] the implementation of enhanced cooperation as envisaged\n"
    "in the Tunis Agenda.\n"
    "\n"
    "Recognizes the role of [governments][all stakeholders] in public policy issues.\n";

using test::HasSubstr;
using test::Not;

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "'" << from << "' not in the text";
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// A checkout of a negotiation repository: the accord binary and git run in it
// as the secretariat.
struct Clone {
    std::string dir;
    test::RunOptions here() const {
        test::RunOptions options;
        options.cwd = dir;
        options.environment = {"GIT_COMMITTER_NAME=Secretariat",
                               "GIT_COMMITTER_EMAIL=secretariat@un.org",
                               "GIT_AUTHOR_NAME=Secretariat",
                               "GIT_AUTHOR_EMAIL=secretariat@un.org",
                               "GIT_MERGE_AUTOEDIT=no",
                               "GIT_PAGER=cat",
                               "NO_COLOR=1"};
        return options;
    }
    test::RunResult accord(const std::vector<std::string>& args) const {
        return test::accord(args, here());
    }
    test::RunResult git(const std::vector<std::string>& args) const {
        std::vector<std::string> argv = {"git"};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run(argv, here());
    }
    std::string out(const std::vector<std::string>& args) const {
        const test::RunResult r = git(args);
        EXPECT_EQ(r.exit_code, 0) << "git failed: " << r.err;
        return r.out;
    }
    std::string read(const std::string& path) const { return test::read_all(dir + "/" + path); }
    void write(const std::string& path, const std::string& text) const {
        std::filesystem::create_directories(std::filesystem::path(dir + "/" + path).parent_path());
        std::ofstream(dir + "/" + path, std::ios::binary | std::ios::trunc) << text;
    }
    // Writes `text` to `path` and records it as a proposal.
    void propose(const std::string& path, const std::string& text,
                 const std::vector<std::string>& by, const std::string& date) const {
        write(path, text);
        std::vector<std::string> args = {"propose", path, "--date", date};
        for (const std::string& name : by) args.insert(args.end(), {"--by", name});
        const test::RunResult r = accord(args);
        ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    }
    // HEAD, the branch, the index's bytes, the status and every work tree
    // file: what a refused merge must leave as it was.
    std::string state() const {
        std::string s = out({"rev-parse", "HEAD"}) + out({"branch", "--show-current"}) +
                        test::read_all(dir + "/.git/index") + out({"status", "--porcelain"}) +
                        out({"for-each-ref"});
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
            const std::string p = entry.path().string();
            if (p.find("/.git/") != std::string::npos || p.ends_with("/.git") ||
                !entry.is_regular_file()) {
                continue;
            }
            s += p + "\n" + test::read_all(p) + "\n";
        }
        for (const char* leftover : {"MERGE_HEAD", "MERGE_MSG", "accord.lock"}) {
            if (std::filesystem::exists(dir + "/.git/" + leftover)) s += leftover;
        }
        return s;
    }
};

// A negotiation repository made with `accord init`, with the registry,
// .gitattributes and the recommendation recorded on main.
struct Negotiation {
    test::TempDir tmp;
    Clone main{tmp.file("wgec")};
    Negotiation() {
        const test::RunResult init = test::accord({"init", main.dir});
        EXPECT_EQ(init.exit_code, 0) << init.err;
        main.write("accord.yaml", kRegistry);
        main.out({"add", "accord.yaml", ".gitattributes"});
        main.out({"commit", "-q", "-m", "Registry and attributes"});
        main.propose("recs/A-1.md", kRecommendation, {"Japan"}, "2014-02-07");
    }
};

// Two sites of one negotiation: its repository published to a bare origin
// and cloned twice, each clone's head before `accord init` and what init said.
struct TwoSites {
    Negotiation n;
    Clone first{n.tmp.file("first")}, second{n.tmp.file("second")};
    std::vector<std::string> heads_before_init;
    std::vector<test::RunResult> inits;
    TwoSites() {
        const std::string origin = n.tmp.file("origin.git");
        EXPECT_EQ(test::run({"git", "clone", "-q", "--bare", n.main.dir, origin}).exit_code, 0);
        for (const Clone* c : {&first, &second}) {
            EXPECT_EQ(test::run({"git", "clone", "-q", origin, c->dir}).exit_code, 0);
            heads_before_init.push_back(c->out({"rev-parse", "HEAD"}));
            inits.push_back(c->accord({"init"}));
            EXPECT_EQ(inits.back().exit_code, 0) << inits.back().err;
        }
    }
};

// ------------------------------------------------------------------ accord init

TEST(MergeCli, InitWritesAttributesAndDriversAndIsIdempotent) {
    test::TempDir tmp;
    Clone c{tmp.file("neg")};
    ASSERT_EQ(test::accord({"init", c.dir}).exit_code, 0);
    EXPECT_EQ(c.read(".gitattributes"),
              "*.md merge=accord diff=accord\n*.txt merge=accord diff=accord\n");
    const std::string binary = std::filesystem::canonical(test::accord_binary()).string();
    EXPECT_EQ(c.out({"config", "merge.accord.driver"}),
              "'" + binary + "' merge-driver %O %A %B -- %P\n");
    EXPECT_EQ(c.out({"config", "diff.accord.command"}), "'" + binary + "' git-diff --\n");
    EXPECT_THAT(c.out({"config", "merge.accord.name"}), HasSubstr("accord"));
    EXPECT_EQ(c.out({"check-attr", "merge", "diff", "--", "recs/A-1.md"}),
              "recs/A-1.md: merge: accord\nrecs/A-1.md: diff: accord\n");

    // Again: nothing changes, and it says so.
    const std::string config = test::read_all(c.dir + "/.git/config");
    const test::RunResult again = c.accord({"init"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_THAT(again.out, HasSubstr(".gitattributes up to date"));
    EXPECT_THAT(again.out, HasSubstr("merge and diff drivers up to date"));
    EXPECT_EQ(test::read_all(c.dir + "/.git/config"), config);
    EXPECT_EQ(c.read(".gitattributes"),
              "*.md merge=accord diff=accord\n*.txt merge=accord diff=accord\n");
}

TEST(MergeCli, InitAppendsToAnExistingGitattributes) {
    test::TempDir tmp;
    Clone c{tmp.file("neg")};
    ASSERT_EQ(test::run({"git", "init", "-q", c.dir}).exit_code, 0);
    c.write(".gitattributes", "*.pdf binary\n*.md merge=accord diff=accord");
    const test::RunResult r = c.accord({"init"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("added accord's lines to .gitattributes"));
    EXPECT_EQ(c.read(".gitattributes"),
              "*.pdf binary\n*.md merge=accord diff=accord\n*.txt merge=accord diff=accord\n");
}

// A later line that overrides accord's (git reads the last match) would
// leave plain git without accord's merge: init says so, not "up to date".
TEST(MergeCli, InitWarnsWhenAnotherAttributesLineOverridesAccords) {
    test::TempDir tmp;
    Clone c{tmp.file("neg")};
    ASSERT_EQ(test::accord({"init", c.dir}).exit_code, 0);
    c.write(".gitattributes", c.read(".gitattributes") + "*.md merge=union\n");
    const test::RunResult again = c.accord({"init"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_THAT(again.err, HasSubstr("git will not use accord's merge driver for *.md files"));
    EXPECT_THAT(again.err, HasSubstr("(merge=union)"));
    EXPECT_THAT(again.err, Not(HasSubstr("*.txt files")));
    EXPECT_THAT(again.err, Not(HasSubstr("diff driver")));
}

// --------------------------------------------------- plain git: pull and diff

TEST(MergeCli, GitPullInASecondCloneMergesSemantically) {
    Negotiation n;
    const std::string origin = n.tmp.file("origin.git");
    ASSERT_EQ(test::run({"git", "clone", "-q", "--bare", n.main.dir, origin}).exit_code, 0);
    Clone first{n.tmp.file("first")}, second{n.tmp.file("second")};
    for (const Clone* c : {&first, &second}) {
        ASSERT_EQ(test::run({"git", "clone", "-q", origin, c->dir}).exit_code, 0);
        // A fresh clone turns accord's merge and diff on with accord init.
        const test::RunResult init = c->accord({"init"});
        ASSERT_EQ(init.exit_code, 0) << init.err;
        EXPECT_THAT(init.out, HasSubstr("set the merge and diff drivers"));
        // git pull merges: git refuses diverged lines when nothing says how.
        EXPECT_THAT(init.out, HasSubstr("set pull.rebase=false"));
        EXPECT_EQ(c->out({"config", "--local", "pull.rebase"}), "false\n");
        EXPECT_EQ(c->out({"status", "--porcelain"}), "");  // touched nothing else
    }

    // The same words replaced differently in each clone; the first pushes.
    first.propose("recs/A-1.md", replaced(kRecommendation, "[strengthen]", "[improve]"),
                  {"Russian Federation"}, "2014-02-25");
    ASSERT_EQ(first.git({"push", "-q"}).exit_code, 0);
    second.propose("recs/A-1.md", replaced(kRecommendation, "[strengthen]", "[enhance]"),
                   {"Brazil"}, "2014-02-25");

    const test::RunResult pull = second.git({"pull"});  // as README says it
    EXPECT_EQ(pull.exit_code, 0) << pull.out << pull.err;
    const std::string merged = second.read("recs/A-1.md");
    EXPECT_EQ(merged, replaced(kRecommendation, "[strengthen]", "[enhance][improve]"));
    EXPECT_THAT(merged, Not(HasSubstr("<<<<<<<")));
    EXPECT_THAT(pull.err, HasSubstr("accord merged 1 disagreement"));
    // The driver names the file by its path, not git's temporary copy.
    EXPECT_THAT(pull.err, HasSubstr("recs/A-1.md:"));
    EXPECT_THAT(pull.err, Not(HasSubstr(".merge_file")));
    EXPECT_EQ(second.out({"rev-list", "--parents", "-n", "1", "HEAD"}).size(), 3u * 41u);
    EXPECT_EQ(second.out({"status", "--porcelain"}), "");
}

// A redraft another site pushed reaches this clone as origin/redraft/NAME
// (git pull fetches it) with no branch of its own: listed under that name,
// to merge as it is named.
TEST(MergeCli, ARedraftAnotherSitePushedIsListedAndMerged) {
    Negotiation n;
    const std::string origin = n.tmp.file("origin.git");
    ASSERT_EQ(test::run({"git", "clone", "-q", "--bare", n.main.dir, origin}).exit_code, 0);
    Clone chair{n.tmp.file("chair")}, site{n.tmp.file("site")};
    for (const Clone* c : {&chair, &site}) {
        ASSERT_EQ(test::run({"git", "clone", "-q", origin, c->dir}).exit_code, 0);
        ASSERT_EQ(c->accord({"init"}).exit_code, 0);
    }
    ASSERT_EQ(
        chair.accord({"redraft", "start", "informal-a", "--members", "Japan,Sweden", "recs/A-1.md"})
            .exit_code,
        0);
    chair.propose("recs/A-1.md", replaced(kRecommendation, "[democratic]", "democratic"), {"Japan"},
                  "2014-02-25");
    ASSERT_EQ(chair.git({"push", "-q", "origin", "redraft/informal-a"}).exit_code, 0);

    ASSERT_EQ(site.git({"pull", "-q"}).exit_code, 0);
    const test::RunResult list = site.accord({"redraft", "list"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    EXPECT_THAT(list.out, HasSubstr("informal-a  (origin/redraft/informal-a, from main"));
    EXPECT_THAT(list.out, HasSubstr("accord merge origin/redraft/informal-a"));
    EXPECT_THAT(list.out, HasSubstr("proposals: 1, last 2014-02-25, by Japan"));
    EXPECT_THAT(site.accord({"redraft", "list", "--format", "json"}).out,
                HasSubstr("\"remote\": true"));
    const test::RunResult merge = site.accord({"merge", "origin/redraft/informal-a"});
    EXPECT_EQ(merge.exit_code, 0) << merge.out << merge.err;
    EXPECT_EQ(site.read("recs/A-1.md"), replaced(kRecommendation, "[democratic]", "democratic"));
    // Once this clone has the branch, it is listed once, as its own.
    site.out({"branch", "-q", "redraft/informal-a", "origin/redraft/informal-a"});
    const std::string again = site.accord({"redraft", "list"}).out;
    EXPECT_THAT(again, HasSubstr("informal-a  (redraft/informal-a, from main"));
    EXPECT_THAT(again, Not(HasSubstr("origin/redraft")));
}

// Two sites each register a delegation; plain git pull keeps both, the
// registry's layout and comments as written, and accord init in the clones
// recorded nothing (the route is in .git/info/attributes).
TEST(MergeCli, GitPullKeepsTheDelegationsEachSiteRegistered) {
    TwoSites sites;
    const Clone &first = sites.first, &second = sites.second;
    for (std::size_t i = 0; i < 2; ++i) {
        const Clone* c = i == 0 ? &first : &second;
        EXPECT_THAT(sites.inits[i].out, HasSubstr("routed accord.yaml"));
        EXPECT_EQ(c->out({"rev-parse", "HEAD"}), sites.heads_before_init[i]);
        EXPECT_EQ(c->out({"status", "--porcelain"}), "");
        EXPECT_EQ(c->out({"check-attr", "merge", "--", "accord.yaml"}),
                  "accord.yaml: merge: accord-registry\n");
    }
    first.write("accord.yaml", std::string(kRegistry) + "  - name: India  # joined at WGEC-4\n");
    first.out({"commit", "-q", "-am", "Register India"});
    ASSERT_EQ(first.git({"push", "-q"}).exit_code, 0);
    second.write("accord.yaml", std::string(kRegistry) + "  - name: Mexico\n    aliases: [MX]\n");
    second.out({"commit", "-q", "-am", "Register Mexico"});

    const test::RunResult pull = second.git({"pull", "--no-rebase"});
    EXPECT_EQ(pull.exit_code, 0) << pull.out << pull.err;
    EXPECT_EQ(second.read("accord.yaml"), std::string(kRegistry) +
                                              "  - name: Mexico\n    aliases: [MX]\n"
                                              "  - name: India  # joined at WGEC-4\n");
    EXPECT_THAT(pull.err, HasSubstr("kept both sides' new entries"));
    EXPECT_EQ(second.out({"status", "--porcelain"}), "");
    // Both are delegations now: each may propose.
    second.propose("recs/A-1.md", replaced(kRecommendation, "[strengthen]", "[enhance]"),
                   {"India", "Mexico"}, "2014-02-26");

    // A setting both sites changed differently is left to a person, as git does.
    first.out({"pull", "-q", "--no-rebase"});
    first.write("accord.yaml",
                replaced(second.read("accord.yaml"), "negotiation: ", "negotiation: First "));
    first.out({"commit", "-q", "-am", "Rename"});
    ASSERT_EQ(first.git({"push", "-q"}).exit_code, 0);
    second.write("accord.yaml",
                 replaced(second.read("accord.yaml"), "negotiation: ", "negotiation: Second "));
    second.out({"commit", "-q", "-am", "Rename"});
    const test::RunResult conflicted = second.git({"pull", "--no-rebase"});
    EXPECT_NE(conflicted.exit_code, 0);
    EXPECT_THAT(second.read("accord.yaml"), HasSubstr("<<<<<<< ours\nnegotiation: Second"));
    EXPECT_THAT(conflicted.err, HasSubstr("1 place(s) left between conflict markers"));
}

// A pull stopped on a conflict leaves the other side's wording in the work
// tree: proposing then would credit it to this proposal, outside the merge.
TEST(MergeCli, ProposeIsRefusedWhileAGitMergeIsUnfinished) {
    Negotiation n;
    n.main.write("notes.csv", "day,room\n");
    n.main.out({"add", "notes.csv"});
    n.main.out({"commit", "-q", "-m", "Notes"});
    n.main.out({"checkout", "-q", "-b", "side"});
    n.main.write("notes.csv", "day,room,chair\n");
    n.main.out({"commit", "-q", "-am", "Side notes"});
    n.main.out({"checkout", "-q", "main"});
    n.main.write("notes.csv", "day,hall\n");
    n.main.out({"commit", "-q", "-am", "Main notes"});
    ASSERT_NE(n.main.git({"merge", "side"}).exit_code, 0);  // notes.csv conflicts
    const std::string head = n.main.out({"rev-parse", "HEAD"});

    n.main.write("recs/A-1.md", replaced(kRecommendation, "[strengthen]", "[enhance]"));
    const test::RunResult r =
        n.main.accord({"propose", "recs/A-1.md", "--by", "Brazil", "--date", "2014-02-25"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("a git merge"));
    EXPECT_THAT(r.err, HasSubstr("git merge --abort"));
    EXPECT_THAT(r.err, HasSubstr("Nothing was recorded"));
    EXPECT_EQ(n.main.out({"rev-parse", "HEAD"}), head);
    EXPECT_TRUE(std::filesystem::exists(n.main.dir + "/.git/MERGE_HEAD"));

    // Once the merge is finished, the proposal is recorded.
    n.main.write("notes.csv", "day,hall,chair\n");
    n.main.out({"add", "notes.csv"});
    n.main.out({"commit", "-q", "--no-edit"});
    const test::RunResult after =
        n.main.accord({"propose", "recs/A-1.md", "--by", "Brazil", "--date", "2014-02-25"});
    EXPECT_EQ(after.exit_code, 0) << after.err;
}

// git hands the drivers a text's path; at the top of the work tree it may
// start with '-', and must not be read as an option (the merge then kept
// ours alone, without markers).
TEST(MergeCli, DriversTakeATextWhoseNameStartsWithADash) {
    Negotiation n;
    n.main.write("-A1.md", "Text [a].\n");
    n.main.out({"add", "--", "-A1.md"});
    n.main.out({"commit", "-q", "-m", "base"});
    n.main.out({"checkout", "-q", "-b", "side"});
    n.main.write("-A1.md", "Text [a][theirs].\n");
    n.main.out({"commit", "-q", "-am", "side"});
    n.main.out({"checkout", "-q", "main"});
    n.main.write("-A1.md", "Text [a][ours].\n");
    n.main.out({"commit", "-q", "-am", "main"});
    const test::RunResult merge = n.main.git({"merge", "-q", "side", "-m", "merged"});
    EXPECT_EQ(merge.exit_code, 0) << merge.out << merge.err;
    EXPECT_EQ(n.main.read("-A1.md"), "Text [a][ours][theirs].\n");

    n.main.write("-A1.md", "Text [a][ours][theirs][mine].\n");
    const test::RunResult diff = n.main.git({"diff", "--", "-A1.md"});
    EXPECT_EQ(diff.exit_code, 0) << diff.err;
    EXPECT_THAT(diff.out, HasSubstr("option-added"));
    EXPECT_THAT(diff.out, HasSubstr("b/-A1.md"));
}

// Two sites propose at once; the second pulls (git makes a merge) and
// pushes. That merge is no proposal by whoever pulled: log lists the two
// proposals, status names the last of them, and the next proposal dated
// the day after is not refused as earlier than the merge's date.
TEST(MergeCli, TheMergeGitPullMakesIsNoProposal) {
    TwoSites sites;
    const Clone &first = sites.first, &second = sites.second;
    first.propose("recs/A-1.md", replaced(kRecommendation, "[strengthen]", "[improve]"),
                  {"Russian Federation"}, "2014-02-25");
    ASSERT_EQ(first.git({"push", "-q"}).exit_code, 0);
    second.propose("recs/A-1.md", replaced(kRecommendation, "in the Tunis", "in [the] Tunis"),
                   {"Brazil"}, "2014-02-26");
    const test::RunResult pull = second.git({"pull", "-q", "--no-rebase"});
    ASSERT_EQ(pull.exit_code, 0) << pull.err;

    const test::RunResult log = second.accord({"log", "--format", "json"});
    EXPECT_EQ(log.exit_code, 0) << log.err;
    EXPECT_THAT(log.out, HasSubstr("\"Russian Federation\""));
    EXPECT_THAT(log.out, HasSubstr("\"Brazil\""));
    EXPECT_THAT(log.out, Not(HasSubstr("Secretariat\"]")));  // who pulled
    EXPECT_THAT(log.out, Not(HasSubstr("Merge branch")));
    const test::RunResult status = second.accord({"status"});
    EXPECT_THAT(status.out, HasSubstr("2014-02-26 Brazil"));
    EXPECT_THAT(status.out, Not(HasSubstr("Secretariat")));

    second.propose("recs/A-1.md",
                   replaced(second.read("recs/A-1.md"), "Recognizes", "[Also] recognizes"),
                   {"Japan"}, "2014-02-27");
}

TEST(MergeCli, GitDiffShowsAccordsChangeNames) {
    Negotiation n;
    n.main.write("recs/A-1.md", replaced(kRecommendation, "[democratic]", "democratic"));
    const test::RunResult diff = n.main.git({"diff"});
    EXPECT_EQ(diff.exit_code, 0) << diff.err;
    EXPECT_THAT(diff.out, HasSubstr("bracket-removed"));
    EXPECT_THAT(diff.out, HasSubstr("--- a/recs/A-1.md"));
    EXPECT_THAT(diff.out, HasSubstr("+++ b/recs/A-1.md"));

    // A new text compares against /dev/null; --no-ext-diff is git's own diff.
    n.main.write("recs/B-1.md", "To [promote] cooperation.\n");
    n.main.out({"add", "-N", "recs/B-1.md"});
    const std::string added = n.main.out({"diff", "--", "recs/B-1.md"});
    EXPECT_THAT(added, HasSubstr("--- /dev/null"));
    EXPECT_THAT(added, HasSubstr("paragraph-added"));
    EXPECT_THAT(n.main.out({"diff", "--no-ext-diff"}), Not(HasSubstr("bracket-removed")));
}

// ------------------------------------------------------------ redraft branches

TEST(MergeCli, RedraftStartRecordsMembersAndSwitches) {
    Negotiation n;
    const std::string fork = n.main.out({"rev-parse", "HEAD"});
    const test::RunResult r =
        n.main.accord({"redraft", "start", "informal-a", "--members", "Japan,SE", "recs/A-1.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("started redraft informal-a on branch redraft/informal-a"));
    // The commit named as where it came from is main's, not the start commit.
    EXPECT_THAT(r.out, HasSubstr("from main at " + fork.substr(0, 12) + " (the start commit "));
    EXPECT_EQ(n.main.out({"branch", "--show-current"}), "redraft/informal-a\n");
    const std::string record = n.main.read(".accord/redrafts/informal-a.yaml");
    EXPECT_THAT(record, HasSubstr("members: [Japan, Sweden]"));
    EXPECT_THAT(record, HasSubstr("paths: [recs/A-1.md]"));
    EXPECT_THAT(record, HasSubstr("from: main"));
    EXPECT_THAT(record, HasSubstr("fork: " + fork.substr(0, 40)));
    EXPECT_EQ(n.main.out({"log", "-1", "--format=%(trailers:key=Redraft-started,valueonly)"}),
              "informal-a\n\n");
    EXPECT_EQ(n.main.out({"status", "--porcelain"}), "");

    // Taken names, bad names and texts the branch lacks are refused.
    EXPECT_EQ(n.main.accord({"redraft", "start", "informal-a"}).exit_code, 2);
    EXPECT_EQ(n.main.accord({"redraft", "start", "no good"}).exit_code, 2);
    const test::RunResult missing = n.main.accord({"redraft", "start", "b", "recs/Z-9.md"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_THAT(missing.err, HasSubstr("not in branch"));
    EXPECT_EQ(n.main.out({"branch", "--list", "redraft/b"}), "");
}

// Three redrafts of A-1 from main: (a) Japan lifts a bracket, (b) the Russian
// Federation replaces "strengthen", (c) Brazil and Sweden replace it
// differently and Sweden adds an alternative in the last paragraph.
struct ThreeRedrafts : Negotiation {
    ThreeRedrafts() {
        for (const auto& [name, members] :
             std::vector<std::pair<std::string, std::string>>{{"informal-a", "Japan,Sweden"},
                                                              {"informal-b", "RF,Brazil"},
                                                              {"informal-c", "Brazil,Sweden"}}) {
            const test::RunResult r = main.accord(
                {"redraft", "start", name, "--members", members, "--no-switch", "recs/A-1.md"});
            EXPECT_EQ(r.exit_code, 0) << r.err;
        }
        on("redraft/informal-a");
        main.propose("recs/A-1.md", replaced(kRecommendation, "[democratic]", "democratic"),
                     {"Japan"}, "2014-02-25");
        on("redraft/informal-b");
        main.propose("recs/A-1.md", replaced(kRecommendation, "[strengthen]", "[improve]"), {"RF"},
                     "2014-02-25");
        on("redraft/informal-c");
        const std::string c = replaced(kRecommendation, "[strengthen]", "[enhance]");
        main.propose("recs/A-1.md", c, {"Brazil"}, "2014-02-25");
        main.propose("recs/A-1.md",
                     replaced(c, "[all stakeholders]", "[all stakeholders][every stakeholder]"),
                     {"SE"}, "2014-02-26");
        on("main");
    }
    void on(const std::string& branch) { main.out({"switch", "-q", branch}); }
};

TEST(MergeCli, RedraftListShowsMembersAndProposals) {
    ThreeRedrafts n;
    const test::RunResult text = n.main.accord({"redraft", "list"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_THAT(text.out, HasSubstr("informal-b  (redraft/informal-b, from main"));
    EXPECT_THAT(text.out, HasSubstr("members: Russian Federation, Brazil"));
    EXPECT_THAT(text.out, HasSubstr("proposals: 2, last 2014-02-26, by Brazil, Sweden"));

    const test::RunResult json = n.main.accord({"redraft", "list", "--format", "json"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_THAT(json.out, HasSubstr("\"schema\": \"accord.redrafts/1\""));
    EXPECT_THAT(json.out, HasSubstr("\"last_proposal\": \"2014-02-26T12:00:00Z\""));
    EXPECT_THAT(json.out, HasSubstr("\"merged\": false"));
}

TEST(MergeCli, MergeOfThreeRedraftsIsOneAttributedCommit) {
    ThreeRedrafts n;
    const std::string head = n.main.out({"rev-parse", "HEAD"});
    const test::RunResult r =
        n.main.accord({"merge", "informal-a", "redraft/informal-b", "informal-c"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;  // a disagreement became alternatives
    EXPECT_THAT(r.out, HasSubstr("Merge redrafts informal-a, informal-b, informal-c into main"));
    EXPECT_THAT(r.out, HasSubstr("recs/A-1.md:9: alternatives: ours (main + redraft/informal-a + "
                                 "redraft/informal-b) \"improve\", theirs (redraft/informal-c) "
                                 "\"enhance\""));

    // One commit, four parents: main and the three tips.
    std::string tips = head.substr(0, 40);
    for (const char* b : {"redraft/informal-a", "redraft/informal-b", "redraft/informal-c"})
        tips += " " + n.main.out({"rev-parse", b}).substr(0, 40);
    EXPECT_EQ(n.main.out({"log", "-1", "--format=%P"}), tips + "\n");
    EXPECT_EQ(n.main.out({"log", "-1", "--format=%an|%cn"}), "Secretariat|Secretariat\n");
    EXPECT_EQ(n.main.out({"log", "-1", "--format=%(trailers:key=Proposed-by,valueonly)"}),
              "Japan\nRussian Federation\nBrazil\nSweden\n\n");
    EXPECT_EQ(n.main.out({"log", "-1", "--format=%(trailers:key=Merged-redraft,valueonly)"}),
              "informal-a\ninformal-b\ninformal-c\n\n");

    // The text: each redraft's edit, the disagreement as alternatives.
    std::string expected = replaced(kRecommendation, "[democratic]", "democratic");
    expected = replaced(expected, "[strengthen]", "[improve][enhance]");
    expected = replaced(expected, "[all stakeholders]", "[all stakeholders][every stakeholder]");
    EXPECT_EQ(n.main.out({"show", "HEAD:recs/A-1.md"}), expected);
    // The work tree and the index hold the merge.
    EXPECT_EQ(n.main.read("recs/A-1.md"), expected);
    EXPECT_EQ(n.main.out({"status", "--porcelain"}), "");
    EXPECT_EQ(n.main.out({"ls-files", ".accord"}),
              ".accord/redrafts/informal-a.yaml\n.accord/redrafts/informal-b.yaml\n"
              ".accord/redrafts/informal-c.yaml\n");
    const test::RunResult fsck = n.main.git({"fsck", "--strict", "--no-dangling"});
    EXPECT_EQ(fsck.exit_code, 0) << fsck.err;

    // Merged now: listed as such, and merging again has nothing to do.
    EXPECT_THAT(n.main.accord({"redraft", "list"}).out,
                HasSubstr("informal-a  (redraft/informal-a"));
    EXPECT_THAT(n.main.accord({"redraft", "list", "--format", "json"}).out,
                HasSubstr("\"merged\": true"));
    const test::RunResult again = n.main.accord({"merge", "informal-b"});
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_THAT(again.err, HasSubstr("nothing to merge"));
}

// The merge's entry in the log says what the merge made of its own (the
// alternatives where two groups disagreed); each group's changes are told
// once, in its own proposal's entry, and counted at the merge.
TEST(MergeCli, LogOfAMergeListsWhatTheMergeMadeOfItsOwn) {
    ThreeRedrafts n;
    ASSERT_EQ(n.main.accord({"merge", "informal-a", "informal-b", "informal-c"}).exit_code, 1);
    const test::RunResult log = n.main.accord({"log", "--details"});
    ASSERT_EQ(log.exit_code, 0) << log.err;
    const std::string merge_entry = log.out.substr(0, log.out.find("\n\n"));
    EXPECT_THAT(merge_entry, HasSubstr("Merge redrafts informal-a, informal-b, informal-c"));
    EXPECT_THAT(merge_entry, HasSubstr("2 changes from the merged branches"));
    EXPECT_THAT(merge_entry, HasSubstr("improve"));
    EXPECT_THAT(merge_entry, Not(HasSubstr("democratic")));
    EXPECT_THAT(merge_entry, Not(HasSubstr("every stakeholder")));
    // Told once: in informal-a's proposal.
    const std::size_t first = log.out.find("bracket-removed \"democratic\"");
    ASSERT_NE(first, std::string::npos) << log.out;
    EXPECT_EQ(log.out.find("bracket-removed \"democratic\"", first + 1), std::string::npos)
        << log.out;
    const test::RunResult json = n.main.accord({"log", "--format", "json"});
    EXPECT_THAT(json.out, HasSubstr("\"from_merged\": 2"));
    // The commit says how the merge settled them, as the merge listed them;
    // the log with details shows it, the plain log its subject alone.
    const test::RunResult message = n.main.git({"log", "-1", "--format=%B"});
    EXPECT_THAT(message.out, HasSubstr("\n\nDisagreements kept in the text:\nrecs/A-1.md:"));
    EXPECT_THAT(message.out, HasSubstr("alternatives:"));
    EXPECT_THAT(message.out, HasSubstr("\n\nProposed-by: "));
    EXPECT_THAT(merge_entry, HasSubstr("\n    Disagreements kept in the text:\n    recs/A-1.md:"));
    const std::string plain = n.main.accord({"log", "-n", "1"}).out;
    EXPECT_THAT(plain, Not(HasSubstr("Disagreements")));

    // A merge that took a group's text as it was makes no change of its own.
    ThreeRedrafts clean;
    ASSERT_EQ(clean.main.accord({"merge", "informal-a"}).exit_code, 0);
    const std::string only = clean.main.accord({"log"}).out;
    EXPECT_THAT(only.substr(0, only.find("\n\n")),
                HasSubstr("recs/A-1.md: no change of its own (1 change from the merged branches)"));
}

// Two groups' edits side by side ("Tunis" reworded by one, ", as
// appropriate" added after "Agenda" by the other), merged cleanly: the merge's
// comparison with main reads them as one replacement that neither group
// made, yet the merge wrote nothing of its own.
TEST(MergeCli, LogOfAMergeCountsTwoGroupsEditsSideBySideAsTheBranches) {
    Negotiation n;
    for (const auto& [name, members] : std::vector<std::pair<std::string, std::string>>{
             {"informal-a", "Japan,Sweden"}, {"informal-b", "RF,Brazil"}}) {
        const test::RunResult r = n.main.accord(
            {"redraft", "start", name, "--members", members, "--no-switch", "recs/A-1.md"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    n.main.out({"switch", "-q", "redraft/informal-a"});
    n.main.propose("recs/A-1.md", replaced(kRecommendation, "Tunis", "WSIS"), {"Japan"},
                   "2014-02-25");
    n.main.out({"switch", "-q", "redraft/informal-b"});
    n.main.propose("recs/A-1.md",
                   replaced(kRecommendation, "Tunis Agenda.", "Tunis Agenda, as appropriate."),
                   {"RF"}, "2014-02-25");
    n.main.out({"switch", "-q", "main"});
    const test::RunResult r = n.main.accord({"merge", "informal-a", "informal-b", "--by", "Chair"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_THAT(n.main.read("recs/A-1.md"), HasSubstr("in the WSIS Agenda, as appropriate.\n"));
    const std::string log = n.main.accord({"log", "-n", "1", "--details"}).out;
    EXPECT_THAT(log, HasSubstr("recs/A-1.md: no change of its own ("));
    EXPECT_THAT(log, Not(HasSubstr("text-replaced"))) << log;

    // Bracketed by the merge as a disagreement, the same edits are its own.
    Negotiation apart;
    for (const auto& [name, members] : std::vector<std::pair<std::string, std::string>>{
             {"informal-a", "Japan,Sweden"}, {"informal-b", "RF,Brazil"}}) {
        ASSERT_EQ(apart.main
                      .accord({"redraft", "start", name, "--members", members, "--no-switch",
                               "recs/A-1.md"})
                      .exit_code,
                  0);
    }
    apart.main.out({"switch", "-q", "redraft/informal-a"});
    apart.main.propose("recs/A-1.md", replaced(kRecommendation, "Tunis", "WSIS"), {"Japan"},
                       "2014-02-25");
    apart.main.out({"switch", "-q", "redraft/informal-b"});
    apart.main.propose("recs/A-1.md", replaced(kRecommendation, "Tunis", "Geneva"), {"RF"},
                       "2014-02-25");
    apart.main.out({"switch", "-q", "main"});
    ASSERT_EQ(apart.main.accord({"merge", "informal-a", "informal-b"}).exit_code, 1);
    const std::string own = apart.main.accord({"log", "-n", "1"}).out;
    EXPECT_THAT(own, Not(HasSubstr("no change of its own"))) << own;
}

// A text one group moved and the other edited at its old path: the merge
// moved and edited it, both the groups' changes, none its own.
TEST(MergeCli, LogOfAMergeCountsAMoveAndAnEditAtTheOldPathAsTheBranches) {
    Negotiation n;
    for (const char* group : {"ga", "gb"}) {
        ASSERT_EQ(n.main
                      .accord({"redraft", "start", group, "--members", "Japan", "--no-switch",
                               "recs/A-1.md"})
                      .exit_code,
                  0);
    }
    n.main.out({"switch", "-q", "redraft/ga"});
    n.main.out({"mv", "recs/A-1.md", "recs/B-1.md"});
    ASSERT_EQ(n.main.accord({"propose", "recs/A-1.md", "recs/B-1.md", "--by", "Japan"}).exit_code,
              0);
    n.main.out({"switch", "-q", "redraft/gb"});
    n.main.propose("recs/A-1.md", replaced(kRecommendation, "[strengthen]", "[improve]"),
                   {"Brazil"}, "2014-02-25");
    n.main.out({"switch", "-q", "main"});
    const test::RunResult merge = n.main.accord({"merge", "ga", "gb"});
    ASSERT_EQ(merge.exit_code, 0) << merge.out << merge.err;
    const std::string log = n.main.accord({"log", "-n", "1"}).out;
    EXPECT_THAT(log, HasSubstr("recs/B-1.md: moved from recs/A-1.md; no change of its own (2 "
                               "changes from the merged branches)"))
        << log;
}

// A text one group renumbered (moved to the next number, its id made that
// number too, as a secretariat renumbers) while another edited it where it
// was merges at its new path, once (found by a tester: the changed id
// stopped the pairing, both texts stayed, the old one bracketed whole as
// edited-deleted, and the compiled text held the article twice).
TEST(MergeCli, ATextRenumberedWithItsIdByOneGroupAndEditedByAnotherMergesAtItsNewPath) {
    Negotiation n;
    for (const char* group : {"ga", "gb"}) {
        ASSERT_EQ(n.main
                      .accord({"redraft", "start", group, "--members", "Japan", "--no-switch",
                               "recs/A-1.md"})
                      .exit_code,
                  0);
    }
    n.main.out({"switch", "-q", "redraft/ga"});
    n.main.out({"mv", "recs/A-1.md", "recs/A-2.md"});
    n.main.write("recs/A-2.md", replaced(kRecommendation, "id: A-1", "id: A-2"));
    ASSERT_EQ(n.main.accord({"propose", "recs/A-1.md", "recs/A-2.md", "--by", "Japan"}).exit_code,
              0);
    n.main.out({"switch", "-q", "redraft/gb"});
    n.main.propose("recs/A-1.md", replaced(kRecommendation, "[strengthen]", "[improve]"),
                   {"Brazil"}, "2014-02-25");
    n.main.out({"switch", "-q", "main"});
    const test::RunResult merge = n.main.accord({"merge", "ga", "gb"});
    ASSERT_EQ(merge.exit_code, 0) << merge.out << merge.err;
    EXPECT_THAT(merge.out + merge.err, HasSubstr("followed a move: recs/A-1.md -> recs/A-2.md"));
    EXPECT_FALSE(std::filesystem::exists(n.main.dir + "/recs/A-1.md"));
    EXPECT_EQ(n.main.read("recs/A-2.md"), replaced(replaced(kRecommendation, "id: A-1", "id: A-2"),
                                                   "[strengthen]", "[improve]"));
}

// A text one group deleted while another edited it stands bracketed, its
// heading a heading still: the heading's words bracketed after its marks,
// the paragraphs under it in a bracket of their own (found by a tester:
// "[## Article 4" made the heading a paragraph, and the compiled text lost
// the Article).
TEST(MergeCli, ATextDeletedByOneGroupAndEditedByAnotherKeepsItsHeadingAHeading) {
    Negotiation n;
    const std::string text =
        "---\nid: art-4\ntitle: Mitigation\n---\n## Article 4\n\n1. Parties aim to reach "
        "global peaking of emissions.\n\n2. Each Party shall prepare contributions.\n";
    n.main.propose("art/04-mitigation.md", text, {"Chair"}, "2014-02-20");
    for (const char* group : {"ga", "gb"}) {
        ASSERT_EQ(n.main
                      .accord({"redraft", "start", group, "--members", "Japan", "--no-switch",
                               "art/04-mitigation.md"})
                      .exit_code,
                  0);
    }
    n.main.out({"switch", "-q", "redraft/ga"});
    n.main.out({"rm", "-q", "art/04-mitigation.md"});
    ASSERT_EQ(n.main.accord({"propose", "art/04-mitigation.md", "--by", "Japan"}).exit_code, 0);
    n.main.out({"switch", "-q", "redraft/gb"});
    n.main.propose("art/04-mitigation.md",
                   replaced(text, "prepare contributions", "prepare [ambitious] contributions"),
                   {"Brazil"}, "2014-02-25");
    n.main.out({"switch", "-q", "main"});
    const test::RunResult merge = n.main.accord({"merge", "ga", "gb"});
    ASSERT_EQ(merge.exit_code, 1) << merge.out << merge.err;
    EXPECT_THAT(merge.out + merge.err, HasSubstr("art/04-mitigation.md:1: edited-deleted"));
    EXPECT_EQ(n.main.read("art/04-mitigation.md"),
              "---\nid: art-4\ntitle: Mitigation\n---\n## [Article 4]\n\n[1. Parties aim to "
              "reach global peaking of emissions.\n\n2. Each Party shall prepare [ambitious] "
              "contributions.]\n");
    const test::RunResult check = n.main.accord({"check", "art/04-mitigation.md"});
    EXPECT_THAT(check.out + check.err, HasSubstr("0 errors, 0 warnings"));
}

// A status a group changed is told in its proposal, not again at the merge.
TEST(MergeCli, LogOfAMergeDoesNotRepeatAStatusABranchChanged) {
    Negotiation n;
    ASSERT_EQ(
        n.main
            .accord({"redraft", "start", "ga", "--members", "Japan", "--no-switch", "recs/A-1.md"})
            .exit_code,
        0);
    n.main.out({"switch", "-q", "redraft/ga"});
    n.main.propose("recs/A-1.md", replaced(kRecommendation, "status: revisit", "status: agreed"),
                   {"Japan"}, "2014-02-25");
    n.main.out({"switch", "-q", "main"});
    ASSERT_EQ(n.main.accord({"merge", "ga"}).exit_code, 0);
    const std::string log = n.main.accord({"log"}).out;
    const std::string merge_entry = log.substr(0, log.find("\n\n"));
    EXPECT_THAT(merge_entry, HasSubstr("recs/A-1.md: no change of its own"));
    EXPECT_THAT(merge_entry, Not(HasSubstr("status"))) << merge_entry;
    EXPECT_THAT(log.substr(merge_entry.size()), HasSubstr("status revisit → agreed")) << log;
}

TEST(MergeCli, CleanMergeExitsZeroAndTakesTheChairAsAuthor) {
    ThreeRedrafts n;
    const test::RunResult r = n.main.accord(
        {"merge", "informal-a", "informal-b", "--by", "Chair", "-m", "Chair merges two groups"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(n.main.out({"log", "-1", "--format=%an <%ae>|%cn|%s"}),
              "Chair <chair@delegations.accord>|Secretariat|Chair merges two groups\n");
    EXPECT_EQ(n.main.out({"log", "-1", "--format=%(trailers:key=Proposed-by,valueonly)"}),
              "Japan\nRussian Federation\n\n");
    std::string expected = replaced(kRecommendation, "[democratic]", "democratic");
    EXPECT_EQ(n.main.read("recs/A-1.md"), replaced(expected, "[strengthen]", "[improve]"));
    // The log says who merged, and lists the merge among the Chair's.
    EXPECT_THAT(n.main.accord({"log", "-n", "1"}).out,
                HasSubstr("Japan, Russian Federation (merged by Chair)"));
    EXPECT_THAT(n.main.accord({"log", "--by", "Chair"}).out, HasSubstr("Chair merges two groups"));
    EXPECT_THAT(n.main.accord({"log", "-n", "1", "--format", "json"}).out,
                HasSubstr("\"merged_by\": \"Chair\""));
}

// Two groups each moved one paragraph of a text, to different places: the
// merge keeps it once and lists where each group put it (moved-apart),
// exit 1, as for any disagreement to settle.
TEST(MergeCli, AParagraphTwoGroupsMovedApartIsListed) {
    Negotiation n;
    for (const std::string name : {"informal-a", "informal-b"}) {
        const test::RunResult r = n.main.accord(
            {"redraft", "start", name, "--members", "Japan", "--no-switch", "recs/A-1.md"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const std::string front = "---\nid: A-1\ntitle: Enhanced cooperation\nstatus: revisit\n---\n";
    const std::string first =
        "Maintains [the] [democratic] multi-stakeholder approach, encourages [~~as many~~]\n"
        "stakeholders to participate in the implementation.\n";
    const std::string second =
        "To continue to [strengthen] the implementation of enhanced cooperation as envisaged\n"
        "in the Tunis Agenda.\n";
    const std::string third =
        "Recognizes the role of [governments][all stakeholders] in public policy issues.\n";
    ASSERT_EQ(kRecommendation, front + first + "\n" + second + "\n" + third);
    n.main.out({"switch", "-q", "redraft/informal-a"});
    n.main.propose("recs/A-1.md", front + second + "\n" + first + "\n" + third, {"Japan"},
                   "2014-02-25");
    n.main.out({"switch", "-q", "redraft/informal-b"});
    n.main.propose("recs/A-1.md", front + second + "\n" + third + "\n" + first, {"RF"},
                   "2014-02-25");
    n.main.out({"switch", "-q", "main"});
    const test::RunResult r = n.main.accord({"merge", "informal-a", "informal-b", "--by", "Chair"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    const std::string merged = n.main.read("recs/A-1.md");
    EXPECT_EQ(merged.find("Maintains"), merged.rfind("Maintains")) << merged;
    EXPECT_THAT(r.out + r.err, HasSubstr("moved-apart '\"Maintains [the] [democratic]"));
    // Ours is main with informal-a folded in, named so.
    EXPECT_THAT(r.out + r.err, HasSubstr("ours (main + redraft/informal-a) \"after To continue to "
                                         "[strengthen]"));
    EXPECT_THAT(r.out + r.err,
                HasSubstr("theirs (redraft/informal-b) \"after Recognizes the role"));
    EXPECT_THAT(r.out, HasSubstr("a paragraph moved apart where one side put it"));
}

// Two small groups each register the delegation that joined them (propose
// --add-delegation): the registry merges entry by entry, both delegations
// listed, and the merge is recorded.
TEST(MergeCli, DelegationsEachGroupRegisteredAreBothListed) {
    ThreeRedrafts n;
    n.on("redraft/informal-a");
    n.main.write("recs/A-1.md", replaced(kRecommendation, "[democratic]", "[open]"));
    ASSERT_EQ(n.main
                  .accord({"propose", "recs/A-1.md", "--by", "Ghana", "--add-delegation", "Ghana",
                           "--date", "2014-02-27"})
                  .exit_code,
              0);
    n.on("redraft/informal-b");
    n.main.write("recs/A-1.md", replaced(kRecommendation, "[strengthen]", "[better]"));
    ASSERT_EQ(n.main
                  .accord({"propose", "recs/A-1.md", "--by", "Chile", "--add-delegation", "Chile",
                           "--date", "2014-02-27"})
                  .exit_code,
              0);
    n.on("main");
    const test::RunResult r = n.main.accord({"merge", "informal-a", "informal-b"});
    EXPECT_LE(r.exit_code, 1) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("[main "));
    const std::string registry = n.main.read("accord.yaml");
    EXPECT_THAT(registry, HasSubstr("Ghana"));
    EXPECT_THAT(registry, HasSubstr("Chile"));
    EXPECT_THAT(registry, HasSubstr("Japan"));
    EXPECT_EQ(n.main.accord({"check"}).exit_code, 0);
}

// A merge recorded after the meeting is dated as the meeting, as a
// proposal is; never before what it merges, and a refused date merges nothing.
TEST(MergeCli, DateRecordsTheMergeOnThatDay) {
    ThreeRedrafts n;
    const std::string before = n.main.state();
    test::RunResult r = n.main.accord({"merge", "informal-a", "--date", "2001-01-01"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("cannot be dated 2001-01-01, before the proposal it merges"));
    EXPECT_EQ(n.main.state(), before);
    r = n.main.accord({"merge", "informal-a", "--date", "2030-02-30"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("malformed date '2030-02-30'"));
    EXPECT_EQ(n.main.state(), before);
    r = n.main.accord({"merge", "informal-a", "--date", "2099-02-27"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("2099-02-27 is after today anywhere on Earth"));
    EXPECT_EQ(n.main.state(), before);
    r = n.main.accord({"merge", "informal-a", "--by", "Chair", "--date", "2014-03-27"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(n.main.out({"log", "-1", "--format=%an|%ad", "--date=iso-strict"}),
              "Chair|2014-03-27T12:00:00+00:00\n");
}

TEST(MergeCli, StrictWithAConflictChangesNothing) {
    ThreeRedrafts n;
    n.main.write("notes.txt", "an untracked file\n");
    const std::string before = n.main.state();
    const test::RunResult r = n.main.accord({"merge", "--strict", "informal-b", "informal-c"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("recs/A-1.md:"));
    EXPECT_THAT(r.err, HasSubstr(": conflict: "));
    EXPECT_THAT(r.err, HasSubstr("nothing was merged"));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(n.main.state(), before);

    // Without a conflict --strict merges as usual.
    EXPECT_EQ(n.main.accord({"merge", "--strict", "informal-a", "informal-b"}).exit_code, 0);
}

// ----------------------------------------------------- front matter: sponsors

// The recommendation sponsored by Japan and Sweden, recorded on main.
struct Sponsored : Negotiation {
    const std::string text = replaced(kRecommendation, "status: revisit\n",
                                      "sponsors: [Japan, Sweden]\nstatus: revisit\n");
    Sponsored() { main.propose("recs/A-1.md", text, {"Japan"}, "2014-02-10"); }
    // The text with `names` added to its sponsors.
    std::string adding(const std::string& names) const {
        return replaced(text, "Sweden]", "Sweden, " + names + "]");
    }
    // Redrafts informal-a and informal-b of A-1 from main, still on main.
    void start_redrafts() const {
        for (const char* name : {"informal-a", "informal-b"}) {
            const test::RunResult r = main.accord({"redraft", "start", name, "--members",
                                                   "Japan,Brazil", "--no-switch", "recs/A-1.md"});
            EXPECT_EQ(r.exit_code, 0) << r.err;
        }
    }
};

// Two small groups each add a co-sponsor: sponsorship is additive, so
// `accord merge` records both, a clean merge, --strict or not.
TEST(MergeCli, SponsorsEachRedraftAddedAreUnited) {
    Sponsored n;
    n.start_redrafts();
    n.main.out({"switch", "-q", "redraft/informal-a"});
    n.main.propose("recs/A-1.md", n.adding("Brazil"), {"Brazil"}, "2014-02-25");
    n.main.out({"switch", "-q", "redraft/informal-b"});
    n.main.propose("recs/A-1.md", n.adding("Russian Federation"), {"RF"}, "2014-02-25");
    n.main.out({"switch", "-q", "main"});
    const test::RunResult r = n.main.accord({"merge", "--strict", "informal-a", "informal-b"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(n.main.read("recs/A-1.md"), n.adding("Brazil, Russian Federation"));
    EXPECT_EQ(n.main.accord({"check"}).exit_code, 0);
}

// Plain git merge, through the driver accord init installed: the same union.
TEST(MergeCli, GitMergeUnitesSponsorsThroughTheDriver) {
    Sponsored n;
    n.main.out({"switch", "-q", "-c", "brazil"});
    n.main.propose("recs/A-1.md", n.adding("Brazil"), {"Brazil"}, "2014-02-25");
    n.main.out({"switch", "-q", "main"});
    n.main.propose("recs/A-1.md", n.adding("Russian Federation"), {"RF"}, "2014-02-25");
    const test::RunResult merge = n.main.git({"merge", "--no-edit", "brazil"});
    EXPECT_EQ(merge.exit_code, 0) << merge.out << merge.err;
    EXPECT_THAT(merge.err, Not(HasSubstr("accord merged")));  // nothing to settle
    EXPECT_EQ(n.main.read("recs/A-1.md"), n.adding("Russian Federation, Brazil"));
    EXPECT_EQ(n.main.out({"status", "--porcelain"}), "");
    EXPECT_EQ(n.main.out({"rev-list", "--parents", "-n", "1", "HEAD"}).size(), 3u * 41u);
}

// `site` pulls: Brazil's edit made at recs/A-1.md and Sweden's move of it
// to agreed/A-1.md meet, and the log of the new path lists the edit, the
// move and the text's first proposal.
void pull_and_expect_the_edit_in_the_moved_texts_log(const Clone& site) {
    const test::RunResult pull = site.git({"pull", "--no-rebase"});
    ASSERT_EQ(pull.exit_code, 0) << pull.out << pull.err;
    ASSERT_EQ(site.read("agreed/A-1.md"), replaced(kRecommendation, "[strengthen]", "[reinforce]"));
    const test::RunResult log = site.accord({"log", "agreed/A-1.md"});
    ASSERT_EQ(log.exit_code, 0) << log.err;
    EXPECT_THAT(log.out, HasSubstr("Brazil\n"));
    EXPECT_THAT(log.out, HasSubstr("recs/A-1.md: 1 replacement"));
    EXPECT_THAT(log.out, HasSubstr("agreed/A-1.md: moved from recs/A-1.md\n"));
    EXPECT_THAT(log.out, HasSubstr("2014-02-07  Japan"));
}

// One site moves the text (git mv, then propose), another edits it where it
// was and pulls. git's merge follows the move; accord's log of the new path
// tells the whole story (the move as a move, the edit and the first proposal
// at the old path), and the merge the puller made is no one's move.
TEST(MergeCli, LogAndWhoFollowATextMovedAtOneSiteAndEditedAtAnother) {
    TwoSites sites;
    const Clone &first = sites.first, &second = sites.second;
    first.out({"mv", "recs", "agreed"});
    const test::RunResult moved = first.accord(
        {"propose", "recs/A-1.md", "agreed/A-1.md", "--by", "Sweden", "--date", "2014-02-24"});
    ASSERT_EQ(moved.exit_code, 0) << moved.err;
    ASSERT_EQ(first.git({"push", "-q"}).exit_code, 0);
    second.propose("recs/A-1.md", replaced(kRecommendation, "[strengthen]", "[reinforce]"),
                   {"Brazil"}, "2014-02-25");
    pull_and_expect_the_edit_in_the_moved_texts_log(second);
    EXPECT_THAT(second.accord({"log", "agreed/A-1.md", "--format", "json"}).out,
                HasSubstr("\"moved_from\": \"recs/A-1.md\""));

    const test::RunResult who = second.accord({"who", "reinforce"});
    ASSERT_EQ(who.exit_code, 0) << who.err;
    EXPECT_THAT(who.out, HasSubstr("first proposed by Brazil"));
    EXPECT_THAT(who.out, Not(HasSubstr("moved to"))) << "the pull's merge moved nothing";
    EXPECT_THAT(who.out, HasSubstr("in agreed/A-1.md"));
}

// The other way round: the site that moved the text pulls the edit made at
// the old path. The edit came in through the merge's second parent, where
// the text still had its old name; the log of the new path lists it.
TEST(MergeCli, LogOfAMovedTextListsAnEditPulledFromWhereItStillHadItsOldName) {
    TwoSites sites;
    const Clone &first = sites.first, &second = sites.second;
    first.propose("recs/A-1.md", replaced(kRecommendation, "[strengthen]", "[reinforce]"),
                  {"Brazil"}, "2014-02-25");
    ASSERT_EQ(first.git({"push", "-q"}).exit_code, 0);
    second.out({"mv", "recs", "agreed"});
    const test::RunResult moved = second.accord(
        {"propose", "recs/A-1.md", "agreed/A-1.md", "--by", "Sweden", "--date", "2014-02-24"});
    ASSERT_EQ(moved.exit_code, 0) << moved.err;
    pull_and_expect_the_edit_in_the_moved_texts_log(second);
}

// After a move, another text may be tabled at the freed name: it is not
// the moved text's history. A text moved many times is followed through
// each move.
TEST(MergeCli, LogFollowsMovesButNotAnotherTextAtAnOldName) {
    Negotiation n;
    const Clone& c = n.main;
    c.out({"mv", "recs/A-1.md", "recs/B-1.md"});
    ASSERT_EQ(c.accord({"propose", "recs/A-1.md", "recs/B-1.md", "--by", "Sweden", "--date",
                        "2014-02-20"})
                  .exit_code,
              0);
    c.propose("recs/A-1.md", "---\nid: A-9\n---\nOn the protection of the oceans.\n", {"Brazil"},
              "2014-02-21");
    std::filesystem::create_directories(c.dir + "/agreed");
    c.out({"mv", "recs/B-1.md", "agreed/B-1.md"});
    ASSERT_EQ(c.accord({"propose", "recs/B-1.md", "agreed/B-1.md", "--by", "Chair", "--date",
                        "2014-02-22"})
                  .exit_code,
              0);
    const test::RunResult log = c.accord({"log", "agreed/B-1.md"});
    ASSERT_EQ(log.exit_code, 0) << log.err;
    EXPECT_THAT(log.out, HasSubstr("agreed/B-1.md: moved from recs/B-1.md\n"));
    EXPECT_THAT(log.out, HasSubstr("recs/B-1.md: moved from recs/A-1.md\n"));
    EXPECT_THAT(log.out, HasSubstr("2014-02-07  Japan"));
    EXPECT_THAT(log.out, Not(HasSubstr("Brazil"))) << "the oceans text is another";
    const test::RunResult old_name = c.accord({"log", "recs/A-1.md"});
    EXPECT_THAT(old_name.out, HasSubstr("Brazil"));
    // The old path's log says where the text went, not that it was removed.
    EXPECT_THAT(old_name.out, HasSubstr("recs/A-1.md: moved to recs/B-1.md\n"));
    EXPECT_THAT(c.accord({"log", "recs/A-1.md", "--format", "json"}).out,
                HasSubstr("\"moved_to\": \"recs/B-1.md\""));
    // So do the logs of the whole negotiation and of a directory.
    const test::RunResult all = c.accord({"log"});
    EXPECT_THAT(all.out, HasSubstr("recs/B-1.md: moved from recs/A-1.md\n"));
    EXPECT_THAT(all.out, HasSubstr("agreed/B-1.md: moved from recs/B-1.md\n"));
    EXPECT_THAT(all.out, Not(HasSubstr("removed"))) << all.out;
    const test::RunResult recs = c.accord({"log", "recs"});
    EXPECT_THAT(recs.out, HasSubstr("recs/B-1.md: moved to agreed/B-1.md\n"));
    EXPECT_THAT(recs.out, HasSubstr("recs/B-1.md: moved from recs/A-1.md\n"));
    EXPECT_THAT(recs.out, Not(HasSubstr("removed"))) << recs.out;
    const test::RunResult agreed = c.accord({"log", "agreed"});
    EXPECT_THAT(agreed.out, HasSubstr("agreed/B-1.md: moved from recs/B-1.md\n")) << agreed.out;
    // show and diff at a date before the moves find the text where it stood.
    const test::RunResult before = c.accord({"show", "agreed/B-1.md", "--at", "2014-02-10"});
    ASSERT_EQ(before.exit_code, 0) << before.err;
    EXPECT_EQ(before.out, c.read("agreed/B-1.md"));
    EXPECT_THAT(before.err, HasSubstr("agreed/B-1.md stood at recs/A-1.md at 2014-02-10"));
    const test::RunResult between = c.accord({"show", "agreed/B-1.md", "--at", "2014-02-21"});
    EXPECT_THAT(between.err, HasSubstr("stood at recs/B-1.md")) << between.err;
    // So does blame: the text as it stood then, each word its proposer's.
    const test::RunResult blame = c.accord({"blame", "agreed/B-1.md", "--at", "2014-02-10"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_THAT(blame.err, HasSubstr("agreed/B-1.md stood at recs/A-1.md at 2014-02-10"));
    EXPECT_THAT(blame.out, HasSubstr("Japan"));
    // Before it stood anywhere: its first proposal is the one at its first
    // path, not its last move.
    const std::string registry =
        c.out({"log", "--format=%H", "--grep", "Registry and attributes"}).substr(0, 40);
    const test::RunResult too_early = c.accord({"show", "agreed/B-1.md", "--at", registry});
    EXPECT_EQ(too_early.exit_code, 2);
    EXPECT_THAT(too_early.err, HasSubstr("its first proposal is dated 2014-02-07"))
        << too_early.err;
    const test::RunResult diff = c.accord({"diff", "2014-02-10", "HEAD", "--", "agreed/B-1.md"});
    ASSERT_EQ(diff.exit_code, 0) << diff.err;
    EXPECT_THAT(diff.out, Not(HasSubstr("paragraph-added"))) << "moved, not changed: " << diff.out;
    // Either side may be before a move: each is read where the text stood.
    for (const auto& sides : std::vector<std::pair<std::string, std::string>>{
             {"2014-02-10", "2014-02-21"}, {"HEAD", "2014-02-10"}}) {
        const test::RunResult d =
            c.accord({"diff", sides.first, sides.second, "--", "agreed/B-1.md"});
        EXPECT_EQ(d.exit_code, 0) << d.err;
        EXPECT_THAT(d.out, Not(HasSubstr("/dev/null"))) << sides.first << " " << d.out;
    }
}

// --strict leaves to a person what it would otherwise settle: a front-matter
// key both redrafts changed differently is a conflict, and nothing is merged.
TEST(MergeCli, StrictRefusesAFrontMatterKeyBothRedraftsChanged) {
    Sponsored n;
    n.start_redrafts();
    n.main.out({"switch", "-q", "redraft/informal-a"});
    n.main.propose("recs/A-1.md", replaced(n.text, "status: revisit", "status: agreed"), {"Japan"},
                   "2014-02-25");
    n.main.out({"switch", "-q", "redraft/informal-b"});
    n.main.propose("recs/A-1.md", replaced(n.text, "status: revisit", "status: no consensus"),
                   {"Brazil"}, "2014-02-25");
    n.main.out({"switch", "-q", "main"});
    const std::string before = n.main.state();
    const test::RunResult r = n.main.accord({"merge", "--strict", "informal-a", "informal-b"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("recs/A-1.md:1: conflict '\"status\"'"));
    EXPECT_THAT(r.err, HasSubstr("nothing was merged"));
    EXPECT_EQ(n.main.state(), before);
    // Without --strict the merge settles it as before: the status not agreed.
    EXPECT_EQ(n.main.accord({"merge", "informal-a", "informal-b"}).exit_code, 1);
    EXPECT_THAT(n.main.read("recs/A-1.md"),
                HasSubstr("status: no consensus\n# status, as the other side proposed: agreed\n"));
}

// Two groups move one text to two different paths: nothing is merged, with
// the exit code of a merge refused (2, not the 1 of a merge recorded with
// alternatives), and the refusal names the branch that made each move (not
// the merge so far, "main + g1").
TEST(MergeCli, ATextMovedToTwoPathsIsRefusedNamingEachBranch) {
    Negotiation n;
    const Clone& c = n.main;
    for (const auto& [branch, to] :
         {std::pair<std::string, std::string>{"g1", "agreed/A-1.md"}, {"g2", "annex/A-1.md"}}) {
        c.out({"switch", "-q", "-c", branch, "main"});
        std::filesystem::create_directories(c.dir + "/" + to.substr(0, to.find('/')));
        c.out({"mv", "recs/A-1.md", to});
        const test::RunResult moved =
            c.accord({"propose", "recs/A-1.md", to, "--by", "Sweden", "--date", "2014-02-20"});
        ASSERT_EQ(moved.exit_code, 0) << moved.err;
    }
    c.out({"switch", "-q", "main"});
    const std::string before = c.state();
    const test::RunResult r = c.accord({"merge", "g1", "g2"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("recs/A-1.md: moved to agreed/A-1.md on g1 and to "
                                 "annex/A-1.md on g2"));
    EXPECT_THAT(r.err, HasSubstr("nothing was merged"));
    EXPECT_EQ(c.state(), before);
    EXPECT_THAT(c.accord({"merge", "--help"}).out, HasSubstr("2 nothing merged"));
}

// Two different texts added at one path, by accord merge and by git's merge
// through the driver: the disagreement stays visible, each text an
// alternative, not both joined as if agreed.
TEST(MergeCli, TwoTextsAddedAtOnePathBecomeAlternatives) {
    Negotiation n;
    const Clone& c = n.main;
    c.out({"switch", "-q", "-c", "g1", "main"});
    c.propose("recs/B-1.md", "Alpha text about water and sanitation for all people.\n", {"Sweden"},
              "2014-02-20");
    c.out({"switch", "-q", "main"});
    c.propose("recs/B-1.md", "Oceans and fisheries management recommendation.\n", {"Japan"},
              "2014-02-21");
    const std::string expected =
        "[Oceans and fisheries management recommendation.]\n\n"
        "[Alpha text about water and sanitation for all people.]\n";
    const test::RunResult r = c.accord({"merge", "g1"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("recs/B-1.md:1: both-added"));
    EXPECT_EQ(c.read("recs/B-1.md"), expected);

    c.out({"reset", "-q", "--hard", "HEAD~1"});
    ASSERT_EQ(c.read("recs/B-1.md"), "Oceans and fisheries management recommendation.\n");
    c.git({"merge", "-q", "--no-edit", "g1"});
    EXPECT_EQ(c.read("recs/B-1.md"), expected);
}

// With front matter giving them different ids they are two texts, which one
// path cannot hold: refused, naming both.
TEST(MergeCli, TwoTextsWithDifferentIdsAddedAtOnePathAreRefused) {
    Negotiation n;
    const Clone& c = n.main;
    c.out({"switch", "-q", "-c", "g1", "main"});
    c.propose("recs/B-1.md", "---\nid: B-1\n---\nAlpha text about water and sanitation.\n",
              {"Sweden"}, "2014-02-20");
    c.out({"switch", "-q", "main"});
    c.propose("recs/B-1.md", "---\nid: B-2\n---\nOceans and fisheries management.\n", {"Japan"},
              "2014-02-21");
    const std::string before = c.state();
    const test::RunResult r = c.accord({"merge", "g1"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("recs/B-1.md: text B-2 stands there on main and text B-1 on g1"));
    EXPECT_EQ(c.state(), before);
}

TEST(MergeCli, UncommittedChangesInTheWayRefuseTheMerge) {
    ThreeRedrafts n;
    n.main.write("recs/A-1.md", std::string(kRecommendation) + "\nA note of our own.\n");
    const std::string before = n.main.state();
    const test::RunResult r = n.main.accord({"merge", "informal-a"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("uncommitted changes to recs/A-1.md"));
    EXPECT_EQ(n.main.state(), before);
}

// A redraft that adds a text in a new directory, where main's work tree
// holds an untracked file or a link by that directory's name: refused
// before the branch moves, naming it (found by a tester: the branch moved,
// the journal stayed and the index was half updated, or, past a link, the
// merge said done with the text unwritten).
TEST(MergeCli, AFileOrLinkWhereAMergedTextNeedsADirectoryRefusesTheMerge) {
    ThreeRedrafts n;
    n.on("redraft/informal-a");
    n.main.propose("sub/x.md", "1. New [text].\n", {"Japan"}, "2014-02-26");
    n.on("main");
    std::filesystem::create_directories(n.tmp.file("elsewhere"));
    for (const bool link : {false, true}) {
        if (link)
            std::filesystem::create_symlink(n.tmp.file("elsewhere"), n.main.dir + "/sub");
        else
            n.main.write("sub", "my untracked file\n");
        const std::string before = n.main.state();
        const test::RunResult r = n.main.accord({"merge", "informal-a"});
        EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
        EXPECT_THAT(r.err,
                    HasSubstr(link ? "'sub' is a symbolic link (never followed) in the work tree"
                                   : "'sub' is a file in the work tree"));
        EXPECT_THAT(r.err, HasSubstr("Move it away"));
        EXPECT_EQ(n.main.state(), before);
        EXPECT_FALSE(std::filesystem::exists(n.main.dir + "/.git/accord-journal"));
        EXPECT_TRUE(std::filesystem::is_empty(n.tmp.file("elsewhere")));
        std::filesystem::remove(n.main.dir + "/sub");
    }
    const test::RunResult r = n.main.accord({"merge", "informal-a"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(n.main.read("sub/x.md"), "1. New [text].\n");
}

TEST(MergeCli, UnknownBranchIsBadUsage) {
    ThreeRedrafts n;
    const std::string before = n.main.state();
    const test::RunResult r = n.main.accord({"merge", "informal-a", "informal-z"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("unknown branch 'informal-z'"));
    EXPECT_EQ(n.main.state(), before);
    EXPECT_EQ(n.main.accord({"merge"}).exit_code, 2);
    EXPECT_EQ(n.main.accord({"merge", "main"}).exit_code, 2);
}

// A redraft that added a link or made a file executable is refused, naming
// them, not merged without them.
TEST(MergeCli, ARedraftsLinksAndModesAreRefusedNotDropped) {
    ThreeRedrafts n;
    n.on("redraft/informal-a");
    const std::string script = n.main.dir + "/tools/run.sh";
    std::filesystem::create_directories(n.main.dir + "/tools");
    std::ofstream(script) << "#!/bin/sh\n";
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    std::filesystem::create_symlink("run.sh", n.main.dir + "/tools/link");
    n.main.out({"add", "tools"});
    n.main.out({"commit", "-q", "--no-verify", "-m", "tools"});
    n.on("main");
    const std::string before = n.main.state();
    const test::RunResult r = n.main.accord({"merge", "informal-a"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("tools/link (a symbolic link)"));
    EXPECT_THAT(r.err, HasSubstr("tools/run.sh (its executable bit)"));
    EXPECT_EQ(n.main.state(), before);
}

}  // namespace
}  // namespace accord
