// A clone is someone else's content: it may carry symbolic links that point
// anywhere on the machine and programs that would run on every delegate's
// machine. The real binary in clones made by plain git shows that accord
// never writes or reads through such a link and never runs a program a
// repository brings, and that -o writes into devices, FIFOs and the user's
// own links instead of replacing them.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "support/matchers.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

const char* kRegistry =
    "negotiation: Hostile\n"
    "delegations:\n"
    "  - name: Japan\n"
    "  - name: Brazil\n";

const char* kText = "---\nid: A-1\n---\nMaintains [the] approach.\n";
const char* kSecret = "SECRET-LINE root:x:0:0\n";

using test::HasSubstr;
using test::Not;

// A repository built with plain git by someone else (`origin`), its clone
// (`clone`), and a file outside both that the links in origin point at.
struct HostileOrigin {
    test::TempDir tmp;
    std::string origin = tmp.file("origin");
    std::string clone = tmp.file("clone");
    std::string victim = tmp.write("victim.txt", kSecret);

    HostileOrigin() {
        git(tmp.path(), {"init", "-q", "-b", "main", origin});
        write("accord.yaml", kRegistry);
        write("recs/A-1.md", kText);
    }
    std::string write(const std::string& name, const std::string& contents) const {
        return tmp.write("origin/" + name, contents);
    }
    void link(const std::string& name, const std::string& target) const {
        fs::create_directories(fs::path(origin + "/" + name).parent_path());
        fs::create_symlink(target, origin + "/" + name);
    }
    // Commits everything in origin and clones it.
    void publish() const {
        ASSERT_EQ(git(origin, {"add", "-A"}).exit_code, 0);
        ASSERT_EQ(git(origin, {"commit", "-q", "-m", "texts"}).exit_code, 0);
        ASSERT_EQ(git(tmp.path(), {"clone", "-q", origin, clone}).exit_code, 0);
    }
    static test::RunResult git(const std::string& dir, const std::vector<std::string>& args) {
        std::vector<std::string> argv = {
            "git", "-C", dir, "-c", "user.name=Someone", "-c", "user.email=someone@example.org"};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run(argv);
    }
    // Runs git plumbing in the clone with `input` (a printf format: "\\n",
    // "\\000") on its standard input; its output without the last newline.
    std::string plumb(const std::vector<std::string>& args, const std::string& input) const {
        std::vector<std::string> argv = {"sh", "-c", ""};
        std::string command = "git -C '" + clone + "'";
        for (const std::string& a : args) command += " '" + a + "'";
        argv[2] = "printf -- '" + input + "' | " + command;
        const test::RunResult r = test::run(argv);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        std::string out = r.out;
        while (!out.empty() && out.back() == '\n') out.pop_back();
        return out;
    }
    // A commit on main, the child of HEAD, whose root tree holds accord.yaml
    // as HEAD has it and a directory recs/ made of `recs_tree` (the bytes of
    // a tree object, as a printf format), written as they are.
    void commit_recs_tree(const std::string& recs_tree) const {
        const std::string recs =
            plumb({"hash-object", "-t", "tree", "--literally", "-w", "--stdin"}, recs_tree);
        const std::string yaml = plumb({"rev-parse", "HEAD:accord.yaml"}, "");
        const std::string root =
            plumb({"mktree", "--missing"},
                  "100644 blob " + yaml + "\\taccord.yaml\\n040000 tree " + recs + "\\trecs\\n");
        const std::string commit = plumb(
            {"commit-tree", root, "-p", "HEAD", "-m", "Lift", "-m", "Proposed-by: Japan"}, "");
        plumb({"update-ref", "refs/heads/main", commit}, "");
    }
    // The 20 bytes of the object id `hex`, as a printf format.
    static std::string raw_id(const std::string& hex) {
        std::string out;
        for (std::size_t at = 0; at + 1 < hex.size(); at += 2) {
            const int byte = std::stoi(hex.substr(at, 2), nullptr, 16);
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\%03o", byte);
            out += escape;
        }
        return out;
    }
    test::RunResult accord(const std::vector<std::string>& args) const {
        return test::accord(args, test::in(clone));
    }
    std::string victim_now() const { return test::read_all(victim); }
    bool is_link(const std::string& name) const {
        return fs::is_symlink(fs::symlink_status(clone + "/" + name));
    }
    // Files accord's temporary naming would leave behind after a failure.
    std::vector<std::string> leftovers() const {
        std::vector<std::string> found;
        for (const auto& entry : fs::recursive_directory_iterator(clone)) {
            const std::string name = entry.path().filename().string();
            if (std::regex_match(name, std::regex(R"(\..*\.accord-[0-9a-f]{16})")))
                found.push_back(name);
        }
        return found;
    }
};

TEST(HostileClone, LinksAtTheOldTemporaryNamesNeverReceiveAWrite) {
    HostileOrigin o;
    for (const char* name : {".gitattributes.accord-tmp", "accord.yaml.accord-tmp",
                             "recs/A-1.md.accord-tmp", ".git-attributes.accord-tmp"})
        o.link(name, o.victim);
    o.publish();

    const test::RunResult init = o.accord({"init"});
    EXPECT_EQ(init.exit_code, 0) << init.err;
    o.write("../clone/recs/A-1.md", "---\nid: A-1\n---\nMaintains [the] [new] approach.\n");
    const test::RunResult r = o.accord(
        {"propose", "recs/A-1.md", "--by", "Kenya", "--add-delegation", "Kenya", "-m", "New"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(test::read_all(o.clone + "/accord.yaml"), HasSubstr("Kenya"));

    EXPECT_EQ(o.victim_now(), kSecret);
    EXPECT_TRUE(o.is_link("accord.yaml.accord-tmp"));
    EXPECT_TRUE(o.is_link("recs/A-1.md.accord-tmp"));
    EXPECT_TRUE(o.leftovers().empty());
}

TEST(HostileClone, ALinkedGitattributesIsNeitherReadNorReplaced) {
    HostileOrigin o;
    o.link(".gitattributes", o.victim);
    o.publish();

    const test::RunResult init = o.accord({"init"});
    EXPECT_EQ(init.exit_code, 0) << init.err;
    EXPECT_THAT(init.err, HasSubstr(".gitattributes is a symbolic link"));
    EXPECT_EQ(o.victim_now(), kSecret);
    EXPECT_TRUE(o.is_link(".gitattributes"));
    EXPECT_EQ(HostileOrigin::git(o.clone, {"status", "--porcelain"}).out, "");
}

TEST(HostileClone, ATrackedLinkIsNeverReadAsAText) {
    HostileOrigin o;
    o.publish();
    ASSERT_EQ(o.accord({"init"}).exit_code, 0);
    // A second proposal adds the link, as a pushed commit would.
    fs::create_symlink(o.victim, o.clone + "/pw.md");
    ASSERT_EQ(HostileOrigin::git(o.clone, {"add", "pw.md"}).exit_code, 0);
    ASSERT_EQ(HostileOrigin::git(o.clone, {"commit", "-q", "--no-verify", "-m", "link"}).exit_code,
              0);

    for (const std::vector<std::string>& args : {std::vector<std::string>{"diff"},
                                                 {"diff", "HEAD~1", "HEAD"},
                                                 {"check"},
                                                 {"status"},
                                                 {"compile"},
                                                 {"compile", "--format", "html"},
                                                 {"diff", "--format", "json"}}) {
        const test::RunResult r = o.accord(args);
        EXPECT_THAT(r.out + r.err, Not(HasSubstr("SECRET-LINE")))
            << args[0] << ": " << r.out << r.err;
        EXPECT_THAT(r.out + r.err, Not(HasSubstr(o.victim))) << args[0] << ": " << r.out << r.err;
        EXPECT_THAT(r.out + r.err, HasSubstr("pw.md")) << args[0] << " does not name the link";
        EXPECT_LT(r.exit_code, 2) << args[0] << ": " << r.err;
    }
    const test::RunResult check = o.accord({"check"});
    EXPECT_THAT(check.out, HasSubstr("pw.md: note: skipped: a symbolic link"));

    const test::RunResult propose = o.accord({"propose", "pw.md", "--by", "Japan"});
    EXPECT_EQ(propose.exit_code, 2) << propose.err;
    EXPECT_THAT(propose.err, HasSubstr("symbolic link"));

    // blame names the link as one, rather than calling it absent.
    const test::RunResult blame = o.accord({"blame", "pw.md"});
    EXPECT_EQ(blame.exit_code, 2) << blame.err;
    EXPECT_THAT(blame.err, HasSubstr("'pw.md' is a symbolic link"));
    EXPECT_THAT(blame.out + blame.err, Not(HasSubstr("SECRET-LINE")));
}

TEST(HostileClone, ATextReplacedByALinkInTheWorkTreeIsNotRead) {
    HostileOrigin o;
    o.publish();
    ASSERT_EQ(o.accord({"init"}).exit_code, 0);
    fs::remove(o.clone + "/recs/A-1.md");
    fs::create_symlink(o.victim, o.clone + "/recs/A-1.md");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"diff"}, {"check"}, {"status"}}) {
        const test::RunResult r = o.accord(args);
        EXPECT_THAT(r.out + r.err, Not(HasSubstr("SECRET-LINE")))
            << args[0] << ": " << r.out << r.err;
    }
    o.write("../clone/recs/B-1.md", "New text.\n");
    const std::string before = HostileOrigin::git(o.clone, {"rev-parse", "HEAD"}).out;
    const test::RunResult r = o.accord({"propose", "recs/A-1.md", "recs/B-1.md", "--by", "Japan"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(HostileOrigin::git(o.clone, {"rev-parse", "HEAD"}).out, before);  // nothing recorded
}

TEST(HostileClone, ALinkedDirectoryDoesNotLeadAWriteOutside) {
    HostileOrigin o;
    o.publish();
    ASSERT_EQ(o.accord({"init"}).exit_code, 0);
    const std::string outside = o.tmp.file("outside");
    fs::create_directories(outside);
    fs::create_symlink(outside, o.clone + "/drafts");
    const test::RunResult r = o.accord({"propose", "drafts/new.md", "--by", "Japan"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(fs::is_empty(outside));
}

// A tracked link to a directory of texts ("shortcut" -> "recs"): a log of
// a text through it is not followed, and says so, naming the link, rather
// than "no proposals" as if the text had no history.
TEST(HostileClone, ALogThroughALinkedDirectorySaysTheLinkIsNotFollowed) {
    HostileOrigin o;
    o.link("shortcut", "recs");
    o.publish();
    ASSERT_EQ(o.accord({"init"}).exit_code, 0);
    ASSERT_EQ(o.accord({"log", "recs/A-1.md"}).exit_code, 0);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"log", "shortcut/A-1.md"},
          std::vector<std::string>{"log", "--format", "json", "shortcut/A-1.md"}}) {
        const test::RunResult r = o.accord(args);
        EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
        EXPECT_NE(r.err.find("'shortcut' is a symbolic link, never followed"), std::string::npos)
            << r.err;
        EXPECT_EQ(r.out.find("no proposals"), std::string::npos) << r.out;
    }
}

// A clone whose .gitattributes accord cannot read (here a directory; a
// file over the read limit is refused the same way): init says so before
// it writes anything, and leaves no hook, registry or setting behind.
TEST(HostileClone, AnUnreadableGitattributesStopsInitBeforeAnythingIsWritten) {
    HostileOrigin o;
    o.publish();
    fs::create_directories(o.clone + "/.gitattributes");
    const test::RunResult r = o.accord({"init"});
    EXPECT_NE(r.exit_code, 0) << r.out;
    EXPECT_NE(r.err.find(".gitattributes"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("nothing was changed"), std::string::npos) << r.err;
    for (const char* hook : {"pre-commit", "commit-msg", "pre-push"})
        EXPECT_FALSE(fs::exists(o.clone + "/.git/hooks/" + hook)) << hook;
    EXPECT_EQ(o.git(o.clone, {"config", "--local", "--get-regexp", "accord"}).out, "");
    EXPECT_EQ(o.git(o.clone, {"status", "--porcelain"}).out, "");
    // In a directory that was no repository yet, the repository init made
    // is taken away again.
    const std::string fresh = o.tmp.file("fresh");
    fs::create_directories(fresh + "/.gitattributes");
    const test::RunResult again = test::accord({"init", fresh});
    EXPECT_NE(again.exit_code, 0) << again.out;
    EXPECT_FALSE(fs::exists(fresh + "/.git"));
    EXPECT_FALSE(fs::exists(fresh + "/accord.yaml"));
}

// ---------------------------------------------------------------- hooks

const char* kHook = "#!/bin/sh\necho \"hook ran\" > \"$MARKER\"\necho 'no sponsor'\nexit 1\n";

struct CloneWithHook : HostileOrigin {
    std::string marker = tmp.file("marker");
    CloneWithHook() {
        const std::string hook = write(".accord/hooks/pre-propose", kHook);
        fs::permissions(hook, fs::perms::owner_all);
        publish();
        EXPECT_EQ(accord({"init"}).exit_code, 0);
    }
    test::RunResult propose(const std::string& text) const {
        tmp.write("clone/recs/A-1.md", text);
        test::RunOptions options = test::in(clone);
        options.environment.push_back("MARKER=" + marker);
        return test::accord({"propose", "recs/A-1.md", "--by", "Japan"}, options);
    }
    bool hook_ran() const { return fs::exists(marker); }
};

// git refuses to check out a tree holding an entry named ".." (or ".git"),
// but a commit can hold one, and a clone's HEAD then names it: the path
// "../victim.txt" would be a file outside the work tree. accord lists no
// such path, so `check` (which reads the work tree) never reads outside.
TEST(HostileClone, ATreeEntryNamedDotDotIsNoPathOfTheRepository) {
    HostileOrigin o;
    o.publish();
    const auto plumb = [&](const std::vector<std::string>& args, const std::string& input) {
        return o.plumb(args, input);
    };
    // A tree "..", holding victim.txt as a text, beside what HEAD has.
    const std::string blob = plumb({"hash-object", "-w", "--stdin"}, "x\\n");
    const std::string inner = plumb({"mktree"}, "100644 blob " + blob + "\\tvictim.md\\n");
    const std::string head_tree = plumb({"rev-parse", "HEAD^{tree}"}, "");
    const std::string listing = plumb({"ls-tree", head_tree}, "");
    std::string entries;
    for (std::size_t at = 0; at < listing.size();) {
        const std::size_t end = std::min(listing.find('\n', at), listing.size());
        entries += listing.substr(at, end - at) + "\\n";
        at = end + 1;
    }
    const std::string root =
        plumb({"mktree", "--missing"}, entries + "040000 tree " + inner + "\\t..\\n");
    const std::string commit = plumb({"commit-tree", root, "-p", "HEAD", "-m", "hostile"}, "");
    plumb({"update-ref", "refs/heads/main", commit}, "");
    o.tmp.write("victim.md", "Unclosed [bracket outside the repository\n");

    const test::RunResult check = o.accord({"check"});
    EXPECT_THAT(check.out + check.err, Not(HasSubstr("victim")));
    EXPECT_THAT(check.out + check.err, Not(HasSubstr("outside the repository")));
    const test::RunResult log = o.accord({"log", "--format", "json"});
    EXPECT_EQ(log.exit_code, 0) << log.err;
    EXPECT_THAT(log.out, Not(HasSubstr("victim")));
}

// A redraft branch whose tree lists a text twice (which git fsck refuses):
// accord merge refuses it, naming the entry, instead of taking one of the
// two and reporting the branch merged.
TEST(HostileClone, ARedraftWhoseTreeNoWorkTreeCanHoldIsRefusedNotMergedWithout) {
    HostileOrigin o;
    o.publish();
    const std::string one = o.plumb({"hash-object", "-w", "--stdin"}, "Maintains the approach.\\n");
    const std::string two = o.plumb({"hash-object", "-w", "--stdin"}, "Second [y].\\n");
    const std::string recs = o.plumb({"hash-object", "-t", "tree", "--literally", "-w", "--stdin"},
                                     "100644 A-1.md\\000" + HostileOrigin::raw_id(one) +
                                         "100644 A-1.md\\000" + HostileOrigin::raw_id(two));
    const std::string yaml = o.plumb({"rev-parse", "HEAD:accord.yaml"}, "");
    const std::string root =
        o.plumb({"mktree", "--missing"},
                "100644 blob " + yaml + "\\taccord.yaml\\n040000 tree " + recs + "\\trecs\\n");
    const std::string head = o.plumb({"rev-parse", "HEAD"}, "");
    const std::string commit = o.plumb(
        {"commit-tree", root, "-p", "HEAD", "-m", "Redraft", "-m", "Proposed-by: Japan"}, "");
    o.plumb({"update-ref", "refs/heads/redraft/evil", commit}, "");

    const test::RunResult merge = o.accord({"merge", "evil"});
    EXPECT_EQ(merge.exit_code, 2) << merge.out << merge.err;
    EXPECT_THAT(merge.err, HasSubstr("'recs/A-1.md'"));
    EXPECT_THAT(merge.err, HasSubstr("nothing was merged"));
    EXPECT_EQ(o.plumb({"rev-parse", "HEAD"}, ""), head);
    EXPECT_EQ(test::read_all(o.clone + "/recs/A-1.md"), kText);
}

// The branch itself names a text twice in one tree: the attributed
// compilation says so, where to look and what still reads, instead of an
// internal error; the Markdown compilation reads.
TEST(HostileClone, ATreeNamingATextTwiceIsSaidToInTheAttributedCompilation) {
    HostileOrigin o;
    o.publish();
    // A new text, B-1.md, named twice with two wordings, beside A-1.md.
    const std::string kept = o.plumb({"rev-parse", "HEAD:recs/A-1.md"}, "");
    const std::string one = o.plumb({"hash-object", "-w", "--stdin"}, "First [x].\\n");
    const std::string two = o.plumb({"hash-object", "-w", "--stdin"}, "Second [y].\\n");
    o.commit_recs_tree("100644 A-1.md\\000" + HostileOrigin::raw_id(kept) + "100644 B-1.md\\000" +
                       HostileOrigin::raw_id(one) + "100644 B-1.md\\000" +
                       HostileOrigin::raw_id(two));

    const test::RunResult html =
        o.accord({"compile", "--format", "html", "-o", o.tmp.file("out.html")});
    EXPECT_EQ(html.exit_code, 3) << html.out << html.err;
    EXPECT_THAT(html.err, HasSubstr("'recs/B-1.md'"));
    EXPECT_THAT(html.err, HasSubstr("git fsck"));
    EXPECT_THAT(html.err, Not(HasSubstr("internal error")));
    const test::RunResult md = o.accord({"compile", "-o", o.tmp.file("out.md")});
    EXPECT_EQ(md.exit_code, 0) << md.err;
}

// A name longer than a file system holds, or a path longer than a system
// call takes, cannot be checked out: a merge that moved the branch first
// and then failed to write it left the repository waiting for a recovery
// that failed the same way each time. Both are refused before anything
// moves, as is a submodule the branch adds (no text of a redraft).
TEST(HostileClone, ARedraftWithANameOrPathNoFileSystemHoldsIsRefusedBeforeTheBranchMoves) {
    HostileOrigin o;
    o.publish();
    const std::string head = o.plumb({"rev-parse", "HEAD"}, "");
    const std::string head_tree = o.plumb({"rev-parse", "HEAD^{tree}"}, "");
    const std::string listing = o.plumb({"ls-tree", head_tree}, "");
    std::string entries;
    for (std::size_t at = 0; at < listing.size();) {
        const std::size_t end = std::min(listing.find('\n', at), listing.size());
        entries += listing.substr(at, end - at) + "\\n";
        at = end + 1;
    }
    const std::string blob = o.plumb({"hash-object", "-w", "--stdin"}, "Long [name].\\n");
    // A path of 17 directories of 250 bytes each (4,250 bytes) holding one text.
    const std::string level(250, 'd');
    std::string deep = o.plumb({"mktree"}, "100644 blob " + blob + "\\tdeep.md\\n");
    for (int k = 0; k < 16; ++k)
        deep = o.plumb({"mktree"}, "040000 tree " + deep + "\\t" + level + "\\n");
    const std::string commit_id = o.plumb({"rev-parse", "HEAD"}, "");
    const struct {
        std::string branch, entry, named;
    } cases[] = {
        {"long-name", "100644 blob " + blob + "\\t" + std::string(300, 'n') + ".md", "too long"},
        {"deep", "040000 tree " + deep + "\\t" + level, "too long"},
        {"submodule", "160000 commit " + commit_id + "\\tsub", "(a submodule)"},
    };
    for (const auto& c : cases) {
        const std::string root = o.plumb({"mktree", "--missing"}, entries + c.entry + "\\n");
        const std::string commit = o.plumb(
            {"commit-tree", root, "-p", "HEAD", "-m", "Redraft", "-m", "Proposed-by: Japan"}, "");
        o.plumb({"update-ref", "refs/heads/redraft/" + c.branch, commit}, "");
        const test::RunResult merge = o.accord({"merge", c.branch});
        EXPECT_EQ(merge.exit_code, 2) << c.branch << merge.out << merge.err;
        EXPECT_THAT(merge.err, HasSubstr(c.named)) << c.branch;
        EXPECT_THAT(merge.err, HasSubstr("nothing was merged")) << c.branch;
        EXPECT_EQ(o.plumb({"rev-parse", "HEAD"}, ""), head) << c.branch;
        EXPECT_FALSE(fs::exists(o.clone + "/.git/accord-journal")) << c.branch;
        const test::RunResult status = o.accord({"status"});
        EXPECT_EQ(status.exit_code, 0) << c.branch << status.err;
    }
}

// A commit on main whose tree holds, beside HEAD's files, deep.md below
// `depth` directories 'd' (written by git fast-import, which nests them);
// returns its id.
std::string commit_deep_tree(const HostileOrigin& o, int depth) {
    std::string path;
    for (int k = 0; k < depth; ++k) path += "d/";
    path += "deep.md";
    const std::string message = "Deep\n\nProposed-by: Japan\n", text = "1. Deep [text].\n";
    const std::string stream =
        "commit refs/heads/main\ncommitter Japan <japan@example.org> 1400000000 +0000\ndata " +
        std::to_string(message.size()) + "\n" + message +
        "from refs/heads/main^0\nM 100644 inline " + path + "\ndata " +
        std::to_string(text.size()) + "\n" + text + "\n";
    test::RunOptions options;
    options.input = stream;
    const test::RunResult r = test::run({"git", "-C", o.clone, "fast-import", "--quiet"}, options);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return o.plumb({"rev-parse", "HEAD"}, "");
}

// A tree nested deeper than git reads (core.maxTreeDepth, 4096) is refused
// by every command that walks it, naming the commit, instead of the walk
// recursing until the stack overflows (found by a tester: 30,000 levels
// crashed log, status, stats, compile, who, survival, diff). One as deep as
// git reads is read.
TEST(HostileClone, ATreeNestedDeeperThanGitReadsIsRefusedNamingTheCommit) {
    HostileOrigin o;
    o.publish();
    commit_deep_tree(o, 4000);
    const test::RunResult read = o.accord({"log"});
    EXPECT_EQ(read.exit_code, 0) << read.err;
    const std::string deep = commit_deep_tree(o, 4200);
    for (const std::vector<std::string>& command : std::vector<std::vector<std::string>>{
             {"log"},
             {"status", "--at", "HEAD"},
             {"stats"},
             {"compile"},
             {"compile", "--format", "html", "-o", o.tmp.file("out.html")},
             {"who", "Deep"},
             {"survival", "--by", "Japan"},
             {"diff", "HEAD~1", "HEAD"}}) {
        const test::RunResult r = o.accord(command);
        EXPECT_EQ(r.exit_code, 3) << command[0] << ": " << r.out << r.err;
        EXPECT_THAT(r.err, HasSubstr("nests directories more than 4096 deep")) << command[0];
        EXPECT_THAT(r.err, HasSubstr(deep)) << command[0];
    }
}

// A repository copied as files with a damaged pack index (its fan-out
// table all 0xff, claiming 4 billion objects) is refused by every command
// that opens it, naming the index and how to write it again, instead of
// crashing inside libgit2 (found by a tester); written again as the
// message says, it reads.
TEST(HostileClone, ADamagedPackIndexIsRefusedNamingItNotACrash) {
    HostileOrigin o;
    o.publish();
    ASSERT_EQ(HostileOrigin::git(o.clone, {"repack", "-adq"}).exit_code, 0);
    std::string index;
    for (const auto& entry : fs::directory_iterator(o.clone + "/.git/objects/pack"))
        if (entry.path().extension() == ".idx") index = entry.path().string();
    ASSERT_FALSE(index.empty());
    fs::permissions(index, fs::perms::owner_write, fs::perm_options::add);
    std::string bytes = test::read_all(index);
    bytes.replace(8, 1024, std::string(1024, '\xff'));
    std::ofstream(index, std::ios::binary | std::ios::trunc) << bytes;
    const std::string pack = index.substr(0, index.size() - 4) + ".pack";
    for (const std::vector<std::string>& command : std::vector<std::vector<std::string>>{
             {"log"}, {"status"}, {"check"}, {"verify"}, {"blame", "recs/A-1.md"}}) {
        const test::RunResult r = o.accord(command);
        EXPECT_EQ(r.exit_code, 3) << command[0] << ": " << r.out << r.err;
        EXPECT_THAT(r.err, HasSubstr("the pack index " + index)) << command[0];
        EXPECT_THAT(r.err, HasSubstr("is damaged (wrong index v2 file size)")) << command[0];
        EXPECT_THAT(r.err, HasSubstr("'git index-pack " + pack + "'")) << command[0];
    }
    ASSERT_EQ(HostileOrigin::git(o.clone, {"index-pack", pack}).exit_code, 0);
    const test::RunResult log = o.accord({"log"});
    EXPECT_EQ(log.exit_code, 0) << log.err;
}

// Trees are read byte by byte on the history walk: one whose bytes do not
// parse (an entry without the end of its name) is named as corrupted, with
// the command that checks the repository, instead of being read past its end.
TEST(HostileClone, ACorruptedTreeInTheHistoryIsNamedNotReadPastItsEnd) {
    HostileOrigin o;
    o.publish();
    o.commit_recs_tree("100644 A-1.md");
    const test::RunResult log = o.accord({"log"});
    EXPECT_NE(log.exit_code, 0);
    EXPECT_THAT(log.err, HasSubstr("corrupted"));
    EXPECT_THAT(log.err, HasSubstr("git fsck"));
    EXPECT_THAT(log.err, Not(HasSubstr("internal")));
}

// A walk along one text reads only the header of a commit it passes by; a
// commit libgit2 refuses (no committer line, an author without an e-mail, a
// time that is no number or too large, a second author line without an
// e-mail) is refused there too, named, as when the commit is read whole, not
// passed by in silence (a second commit on top keeps it off the branch's
// tip). Where git's commit-graph holds such a commit, the walk takes its tree
// and parents from the graph without reading it, as `git log -- PATH` does.
TEST(HostileClone, ACommitWithoutCommitterIsNamedWhenAWalkPassesItBy) {
    const std::string committer = "committer Someone <s@example.org> 1400000000 +0000\\n";
    for (const std::string& people :
         {std::string("author Someone <s@example.org> 1400000000 +0000\\n"),
          "author Someone 1400000000 +0000\\n" + committer,
          "author Someone <s@example.org> notanumber +0000\\n" + committer,
          "author Someone <s@example.org> 1400000000 +0000\\nauthor Other\\n" + committer,
          std::string("author Someone <s@example.org> 1400000000 +0000\\n"
                      "committer Someone <s@example.org> 99999999999999999999999 +0000\\n")}) {
        HostileOrigin o;
        o.publish();
        const std::string tree = o.plumb({"rev-parse", "HEAD^{tree}"}, "");
        const std::string head = o.plumb({"rev-parse", "HEAD"}, "");
        const std::string bad =
            o.plumb({"hash-object", "-t", "commit", "--literally", "-w", "--stdin"},
                    "tree " + tree + "\\nparent " + head + "\\n" + people + "\\nodd\\n");
        const std::string top = o.plumb({"commit-tree", tree, "-p", bad, "-m", "on top"}, "");
        o.plumb({"update-ref", "refs/heads/main", top}, "");
        const test::RunResult log = o.accord({"log", "recs/A-1.md"});
        EXPECT_NE(log.exit_code, 0) << people;
        EXPECT_THAT(log.err, HasSubstr("cannot read commit " + bad));
        EXPECT_THAT(log.err, Not(HasSubstr("internal")));
    }
}

// Old repositories hold files with the mode 100664 (git wrote it before
// 2006; libgit2 reads it as a file): the walk reads it as git does, so a text
// with that mode is a text, and its change is the proposal's.
TEST(HostileClone, AFileWithTheOldGroupWritableModeIsAText) {
    HostileOrigin o;
    o.publish();
    const std::string blob = o.plumb({"hash-object", "-w", "--stdin"},
                                     "---\\nid: A-1\\n---\\nMaintains the approach.\\n");
    o.commit_recs_tree("100664 A-1.md\\000" + HostileOrigin::raw_id(blob));
    const test::RunResult log = o.accord({"log", "--format", "json", "recs/A-1.md"});
    ASSERT_EQ(log.exit_code, 0) << log.err;
    EXPECT_THAT(log.out, HasSubstr("bracket"));  // [the] lifted: a change of the text
    EXPECT_THAT(log.out, HasSubstr("Japan"));
}

// A text whose name holds a line break is never read (shown in a listing,
// the name could forge lines of accord's output), but it is not left out
// without a word: each command that lists texts says so, once, escaped.
TEST(HostileClone, ATextNamedWithALineBreakIsNamedNotSilentlyLeftOut) {
    HostileOrigin o;
    o.write("recs/A\n2.md", "Oceans [shall] be protected.\n");
    o.publish();
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"check"}, {"status"}, {"compile"}, {"log"}}) {
        const test::RunResult r = o.accord(args);
        EXPECT_LT(r.exit_code, 2) << args[0] << ": " << r.err;
        EXPECT_THAT(r.err, HasSubstr("'recs/A\\x0a2.md' is not read as a text")) << args[0];
        EXPECT_EQ(r.err.find("recs/A\n2.md"), std::string::npos) << args[0] << ": " << r.err;
        const std::string said = "is not read as a text";
        EXPECT_EQ(r.err.find(said), r.err.rfind(said)) << args[0] << " says it once: " << r.err;
    }
}

// A '.md' of binary bytes committed with git does not end a comparison of
// every text: it is said and skipped, the other texts are compared. Named,
// it is refused.
TEST(HostileClone, ABinaryTextIsSkippedWhenEveryTextIsCompared) {
    HostileOrigin o;
    o.publish();
    o.write("recs/A-1.md", "---\nid: A-1\n---\nMaintains the approach, [fully].\n");
    o.write("recs/bin.md", std::string("x\0y\n", 4));
    ASSERT_EQ(HostileOrigin::git(o.origin, {"add", "-A"}).exit_code, 0);
    ASSERT_EQ(HostileOrigin::git(o.origin, {"commit", "-q", "-m", "more"}).exit_code, 0);
    ASSERT_EQ(HostileOrigin::git(o.clone, {"pull", "-q"}).exit_code, 0);
    const test::RunResult all = o.accord({"diff", "HEAD~1", "HEAD"});
    EXPECT_EQ(all.exit_code, 0) << all.err;
    EXPECT_THAT(all.err, HasSubstr("recs/bin.md is a binary file"));
    EXPECT_THAT(all.out, HasSubstr("recs/A-1.md"));
    EXPECT_THAT(all.out, HasSubstr("fully"));
    const test::RunResult named = o.accord({"diff", "HEAD~1", "HEAD", "--", "recs/bin.md"});
    EXPECT_EQ(named.exit_code, 2) << named.err;
    // The log says the same of it, and describes no paragraphs in it.
    const test::RunResult log = o.accord({"log", "recs/bin.md"});
    EXPECT_EQ(log.exit_code, 0) << log.err;
    EXPECT_THAT(log.out, HasSubstr("recs/bin.md: new; not text (a binary file"));
    const test::RunResult json = o.accord({"log", "recs/bin.md", "--format", "json"});
    EXPECT_THAT(json.out, HasSubstr("\"path\": \"recs/bin.md\",\n          \"added\": true,\n"
                                    "          \"deleted\": false,\n          \"binary\": true"));
    EXPECT_THAT(json.out, HasSubstr("\"changes\": []"));
}

// A submodule entry named like a text is said to be one, not sent to a
// revision where "it last stood" (where it is no text either).
TEST(HostileClone, ASubmoduleNamedLikeATextIsSaidToBeOne) {
    HostileOrigin o;
    o.publish();
    const std::string head = o.plumb({"rev-parse", "HEAD"}, "");
    ASSERT_EQ(HostileOrigin::git(o.clone, {"update-index", "--add", "--cacheinfo",
                                           "160000," + head + ",recs/sub.md"})
                  .exit_code,
              0);
    ASSERT_EQ(HostileOrigin::git(o.clone, {"commit", "-q", "--no-verify", "-m", "sub"}).exit_code,
              0);
    const test::RunResult show = o.accord({"show", "recs/sub.md"});
    EXPECT_EQ(show.exit_code, 2) << show.err;
    EXPECT_THAT(show.err, HasSubstr("submodule"));
    EXPECT_THAT(show.err, Not(HasSubstr("try --at")));
}

// A history may hold a blob of gigabytes in a repository of a megabyte (it
// compresses): a blob larger than what accord reads of a file (128 MiB) is
// refused before it is read, with the reason, instead of taking gigabytes.
// A text too large to compare word by word (which would take some forty
// times its size in memory) is refused by diff and blame, naming it; check
// still reads it.
TEST(HostileClone, ATextTooLargeToCompareIsRefusedNamingIt) {
    test::TempDir tmp;
    std::string big = "1. ";
    while (big.size() <= (std::size_t{16} << 20)) big += "the Parties [shall][should] act ";
    tmp.write("old.md", big + "\n");
    tmp.write("new.md", big + "now.\n");
    const test::RunResult diff =
        test::accord({"diff", "--no-index", "old.md", "new.md"}, test::in(tmp.path()));
    EXPECT_EQ(diff.exit_code, 2) << diff.err;
    EXPECT_THAT(
        diff.err,
        HasSubstr("old.md (17 MiB) is more than accord compares word by word (at most 16 MiB"));
    EXPECT_EQ(test::accord({"check", "old.md"}, test::in(tmp.path())).exit_code, 0);
}

TEST(HostileClone, ABlobLargerThanAnyTextIsRefusedBeforeItIsRead) {
    HostileOrigin o;
    std::string line = "Word [bracket] ~~strike~~ text.\n";
    std::string huge;
    huge.reserve((std::size_t{129} << 20) + line.size());
    while (huge.size() <= (std::size_t{129} << 20)) huge += line;
    o.write("recs/big.md", huge);
    huge.clear();
    huge.shrink_to_fit();
    o.publish();
    ASSERT_EQ(HostileOrigin::git(o.clone, {"rm", "-q", "recs/big.md"}).exit_code, 0);
    ASSERT_EQ(HostileOrigin::git(o.clone, {"commit", "-q", "-m", "gone"}).exit_code, 0);
    const test::RunResult blame = o.accord({"blame", "recs/big.md", "--at", "HEAD~1"});
    EXPECT_EQ(blame.exit_code, 2);
    EXPECT_THAT(blame.err, HasSubstr("larger than the 128 MiB accord reads as a text"));
    const test::RunResult log = o.accord({"log"});
    EXPECT_EQ(log.exit_code, 2);
    EXPECT_THAT(log.err, HasSubstr("larger than the 128 MiB"));
    EXPECT_THAT(log.err, HasSubstr("'recs/big.md' (blob "));  // named by its path, not its id alone
    // Refused before it is read: with its memory for data capped below the
    // blob's size (prlimit, from util-linux), accord still says why, where
    // reading the blob first would fail for want of memory.
    const test::RunResult capped =
        test::run({"prlimit", "--data=" + std::to_string(std::size_t{96} << 20), "--",
                   test::accord_binary(), "blame", "recs/big.md", "--at", "HEAD~1"},
                  test::in(o.clone));
    EXPECT_EQ(capped.exit_code, 2) << capped.err;
    EXPECT_THAT(capped.err, HasSubstr("is 129 MiB, larger than the 128 MiB"));
}

TEST(HostileClone, AHookThatCameWithTheCloneDoesNotRun) {
    CloneWithHook c;
    const test::RunResult r = c.propose("Maintains the approach.\n");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(c.hook_ran());
    EXPECT_THAT(r.err, HasSubstr("came with the repository and was not run"));
    EXPECT_THAT(r.err, HasSubstr("accord hooks trust"));
    EXPECT_THAT(c.accord({"hooks"}).out, HasSubstr("not run"));
}

TEST(HostileClone, ATrustedHookRunsUntilItChanges) {
    CloneWithHook c;
    const test::RunResult trust = c.accord({"hooks", "trust"});
    ASSERT_EQ(trust.exit_code, 0) << trust.err;
    const test::RunResult refused = c.propose("Maintains the approach.\n");
    EXPECT_EQ(refused.exit_code, 1) << refused.err;
    EXPECT_TRUE(c.hook_ran());
    EXPECT_THAT(refused.err, HasSubstr("no sponsor"));
    fs::remove(c.marker);

    // Someone pushes a new version of the hook: it is untrusted again.
    const std::string hook = c.clone + "/.accord/hooks/pre-propose";
    c.tmp.write("clone/.accord/hooks/pre-propose", std::string(kHook) + "# changed\n");
    fs::permissions(hook, fs::perms::owner_all);
    const test::RunResult changed = c.propose("Maintains the approach.\n");
    EXPECT_EQ(changed.exit_code, 0) << changed.err;
    EXPECT_FALSE(c.hook_ran());
    EXPECT_THAT(changed.err, HasSubstr("changed since you trusted it"));

    EXPECT_EQ(c.accord({"hooks", "untrust"}).exit_code, 0);
    EXPECT_EQ(c.accord({"hooks", "untrust"}).out, "nothing was trusted; nothing changed\n");
}

// Trust covers what the hook may run beside it: a pull that changes only a
// script in .accord/hooks stops the hook as a change of the hook does.
TEST(HostileClone, TrustCoversTheScriptsBesideTheHook) {
    CloneWithHook c;
    const std::string hook = c.clone + "/.accord/hooks/pre-propose";
    c.tmp.write("clone/.accord/hooks/pre-propose", "#!/bin/sh\nexec sh .accord/hooks/lint.sh\n");
    fs::permissions(hook, fs::perms::owner_all);
    c.tmp.write("clone/.accord/hooks/lint.sh", "exit 0\n");
    ASSERT_EQ(c.accord({"hooks", "trust"}).exit_code, 0);
    EXPECT_THAT(c.accord({"hooks"}).out, Not(HasSubstr("not run")));

    c.tmp.write("clone/.accord/hooks/lint.sh", "echo ran > \"$MARKER\"\nexit 0\n");
    const test::RunResult changed = c.propose("Maintains the approach.\n");
    EXPECT_EQ(changed.exit_code, 0) << changed.err;
    EXPECT_FALSE(c.hook_ran());
    EXPECT_THAT(changed.err, HasSubstr("changed since you trusted it"));
    // A link put beside it stops it too.
    ASSERT_EQ(c.accord({"hooks", "trust"}).exit_code, 0);
    fs::create_symlink("/bin/true", c.clone + "/.accord/hooks/helper");
    EXPECT_THAT(c.accord({"hooks"}).out, HasSubstr("symbolic link beside it"));
}

// A link beside the hook reaches a file trust does not cover (a script
// elsewhere in the repository, which a pull may change while the trust
// holds): such a hook can be neither trusted nor run.
TEST(HostileClone, AHookWithALinkBesideItIsNeverTrusted) {
    CloneWithHook c;
    const std::string hook = c.clone + "/.accord/hooks/pre-propose";
    c.tmp.write("clone/.accord/hooks/pre-propose",
                "#!/bin/sh\nexec sh \"$(dirname \"$0\")/check\"\n");
    fs::permissions(hook, fs::perms::owner_all);
    c.tmp.write("clone/scripts/check.sh", "echo ran > \"$MARKER\"\nexit 0\n");
    fs::create_symlink("../../scripts/check.sh", c.clone + "/.accord/hooks/check");

    const test::RunResult trust = c.accord({"hooks", "trust"});
    EXPECT_EQ(trust.exit_code, 2);
    EXPECT_THAT(trust.err, HasSubstr("symbolic link beside it (.accord/hooks/check)"));
    EXPECT_THAT(trust.err, HasSubstr("nothing was trusted"));
    const test::RunResult proposed = c.propose("Maintains the approach.\n");
    EXPECT_EQ(proposed.exit_code, 0) << proposed.err;
    EXPECT_FALSE(c.hook_ran());
    EXPECT_THAT(proposed.err, HasSubstr("symbolic link beside it"));

    // Trusted before the link came (by a pull, say): not run either.
    fs::remove(c.clone + "/.accord/hooks/check");
    c.tmp.write("clone/.accord/hooks/check", "exit 0\n");
    ASSERT_EQ(c.accord({"hooks", "trust"}).exit_code, 0);
    fs::remove(c.clone + "/.accord/hooks/check");
    fs::create_symlink("../../scripts/check.sh", c.clone + "/.accord/hooks/check");
    EXPECT_EQ(c.propose("Maintains the approach, again.\n").exit_code, 0);
    EXPECT_FALSE(c.hook_ran());
}

TEST(HostileClone, AHookTheUserInstalledRunsWithoutTrust) {
    CloneWithHook c;
    const std::string mine =
        c.tmp.write("clone/.git/hooks/pre-propose", "#!/bin/sh\necho mine > \"$MARKER\"\nexit 0\n");
    fs::permissions(mine, fs::perms::owner_all);
    EXPECT_EQ(c.propose("Maintains the approach.\n").exit_code, 0);
    EXPECT_EQ(test::read_all(c.marker), "mine\n");
}

TEST(HostileClone, ALinkedHookNeverRunsEvenWhenTrustIsAsked) {
    HostileOrigin o;
    const std::string real = o.tmp.write("elsewhere.sh", "#!/bin/sh\nexit 1\n");
    fs::permissions(real, fs::perms::owner_all);
    o.link(".accord/hooks/pre-propose", real);
    o.publish();
    ASSERT_EQ(o.accord({"init"}).exit_code, 0);
    const test::RunResult trust = o.accord({"hooks", "trust"});
    EXPECT_EQ(trust.exit_code, 2);
    EXPECT_THAT(trust.err, HasSubstr("symbolic link"));
    o.write("../clone/recs/A-1.md", "Maintains the approach.\n");
    EXPECT_EQ(o.accord({"propose", "recs/A-1.md", "--by", "Japan"}).exit_code, 0);
}

// ---------------------------------------------------------------- -o

TEST(OutputTarget, AFifoIsWrittenIntoNotReplaced) {
    HostileOrigin o;
    o.publish();
    ASSERT_EQ(o.accord({"init"}).exit_code, 0);
    const std::string fifo = o.tmp.file("pipe");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] { received = test::read_all(fifo); });
    const test::RunResult r = o.accord({"compile", "-o", fifo});
    reader.join();
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(received, HasSubstr("Maintains [the] approach."));
    struct stat st {};
    ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST(OutputTarget, TheUsersOwnLinkOutsideTheRepositoryIsWrittenThrough) {
    HostileOrigin o;
    o.publish();
    ASSERT_EQ(o.accord({"init"}).exit_code, 0);
    const std::string target = o.tmp.write("reports/latest.md", "old\n");
    const std::string link = o.tmp.file("latest-link.md");
    fs::create_symlink(target, link);
    const test::RunResult r = o.accord({"compile", "-o", link});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
    EXPECT_THAT(test::read_all(target), HasSubstr("Maintains [the] approach."));
}

TEST(OutputTarget, ALinkInsideTheRepositoryIsRefused) {
    HostileOrigin o;
    o.link("compiled.md", o.victim);
    o.publish();
    ASSERT_EQ(o.accord({"init"}).exit_code, 0);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"compile", "-o", "compiled.md"},
          {"stats", "-o", "compiled.md"},
          {"merge-file", "recs/A-1.md", "recs/A-1.md", "recs/A-1.md", "-o", "compiled.md"}}) {
        const test::RunResult r = o.accord(args);
        EXPECT_NE(r.exit_code, 0) << args[0];
        EXPECT_THAT(r.err, HasSubstr("symbolic link")) << args[0] << ": " << r.err;
        EXPECT_EQ(o.victim_now(), kSecret) << args[0];
    }
}

TEST(OutputTarget, DashIsStandardOutput) {
    HostileOrigin o;
    o.publish();
    ASSERT_EQ(o.accord({"init"}).exit_code, 0);
    const test::RunResult r = o.accord({"compile", "-o", "-"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("Maintains [the] approach."));
    EXPECT_FALSE(fs::exists(o.clone + "/-"));
}

}  // namespace
}  // namespace accord
