// The redraft merge below the commands: the branch merge plan over a real
// temporary repository, the line mapping of its report, redraft records, and
// what accord init adds for plain git (.gitattributes lines, driver config).
#include <gtest/gtest.h>

#include <filesystem>

#include "core/store/redraft.hpp"
#include "core/store/repository.hpp"
#include "core/store/workspace.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "hooks/installer.hpp"
#include "merge/diff/renames.hpp"
#include "merge/merge3/branch_merge.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

// ------------------------------------------------------------------ map_line

TEST(MapLine, UnchangedLinesFollowInsertionsAndDeletions) {
    const std::string before = "a\nb\nc\nd\n";
    EXPECT_EQ(map_line(before, before, 3), 3u);
    EXPECT_EQ(map_line(before, "new\nnew\na\nb\nc\nd\n", 3), 5u);
    EXPECT_EQ(map_line(before, "a\nc\nd\n", 4), 3u);
    EXPECT_EQ(map_line(before, "a\nb\nc\nd\ne\n", 4), 4u);
}

TEST(MapLine, AChangedLineGoesToWhatReplacedIt) {
    EXPECT_EQ(map_line("a\nb\nc\n", "x\na\nB1\nB2\nc\n", 2), 3u);
    EXPECT_EQ(map_line("a\nb\nc\n", "a\nc\n", 2), 2u);  // deleted: where it was
    EXPECT_EQ(map_line("a\nb\n", "", 2), 1u);
    EXPECT_EQ(map_line("a\nb\n", "a\nb\n", 0), 0u);
    EXPECT_EQ(map_line("a\nb", "z\na\nb", 2), 3u);  // no final newline
}

// ------------------------------------------------------- redraft records

TEST(RedraftRecord, RoundTripsAndNamesItsErrors) {
    RedraftRecord r;
    r.name = "informal-a";
    r.from = "main";
    r.fork = std::string(40, 'a');
    r.started = "2014-02-25";
    r.started_by = "Secretariat";
    r.members = {"Japan", "Russian Federation", "Avri Doria: civil society"};
    r.paths = {"recs/A-1.md", "recs/B [draft].md"};
    EXPECT_EQ(parse_redraft_record(emit_redraft_record(r), "x.yaml"), r);
    RedraftRecord empty;
    empty.name = "b";
    EXPECT_EQ(parse_redraft_record(emit_redraft_record(empty), "x.yaml"), empty);
    try {
        parse_redraft_record("redraft: a\nmembers: {x: 1}\n", "r.yaml");
        ADD_FAILURE() << "a mapping of members was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), kExitUsage);
        EXPECT_EQ(std::string(e.what()).rfind("r.yaml:2:", 0), 0u) << e.what();
    }
}

TEST(RedraftRecord, NamesBranchesAndMembers) {
    EXPECT_EQ(redraft_branch("a"), "redraft/a");
    EXPECT_EQ(redraft_record_path("a"), ".accord/redrafts/a.yaml");
    EXPECT_EQ(redraft_name_of_branch("redraft/informal-a"), "informal-a");
    EXPECT_EQ(redraft_name_of_branch("redraft/"), std::nullopt);
    EXPECT_EQ(redraft_name_of_branch("main"), std::nullopt);
    EXPECT_EQ(split_names({"Japan, RF", " Brazil ,", "Avri Doria"}),
              (std::vector<std::string>{"Japan", "RF", "Brazil", "Avri Doria"}));
    for (const char* ok : {"informal-a", "G77_text", "v2.1", "A"})
        EXPECT_NO_THROW(validate_redraft_name(ok)) << ok;
    for (const char* bad : {"", "-a", ".a", "a b", "a/b", "a..b", "x.lock", "é"}) {
        EXPECT_THROW(validate_redraft_name(bad), Error) << bad;
    }
    EXPECT_TRUE(is_redraft_start("Start redraft a\n\nRedraft-started: a\n"));
    EXPECT_FALSE(is_redraft_start("Proposal\n\nProposed-by: Japan\n"));
}

// --------------------------------------------------- what accord init adds

TEST(InstallerDrivers, AttributeLinesAreAddedOnce) {
    const std::string both = "*.md merge=accord diff=accord\n*.txt merge=accord diff=accord\n";
    EXPECT_EQ(hooks::with_attribute_lines(""), both);
    EXPECT_EQ(hooks::with_attribute_lines(both), both);
    EXPECT_EQ(hooks::with_attribute_lines("*.pdf binary"), "*.pdf binary\n" + both);
    EXPECT_EQ(hooks::with_attribute_lines("  *.md merge=accord diff=accord  \r\n"),
              "  *.md merge=accord diff=accord  \r\n*.txt merge=accord diff=accord\n");
}

TEST(InstallerDrivers, DriverCommandsQuoteTheBinary) {
    const auto config = hooks::driver_config("/opt/my tools/it's/accord");
    ASSERT_EQ(config.size(), 5u);
    EXPECT_EQ(config[1].first, "merge.accord.driver");
    EXPECT_EQ(config[1].second, "'/opt/my tools/it'\\''s/accord' merge-driver %O %A %B -- %P");
    EXPECT_EQ(config[2].first, "diff.accord.command");
    EXPECT_EQ(config[2].second, "'/opt/my tools/it'\\''s/accord' git-diff --");
    EXPECT_EQ(hooks::driver_config("")[2].second, "accord git-diff --");
    EXPECT_EQ(config[4].first, "merge.accord-registry.driver");
    EXPECT_EQ(config[4].second,
              "'/opt/my tools/it'\\''s/accord' registry-merge-driver %O %A %B -- %P");
}

// ------------------------------------------------- the merge plan, in a repository

Signature on(const std::string& name, const std::string& day) {
    return {name, "x@accord.invalid", day_start_utc(*parse_iso_date(day)) + 12 * 3600, 0};
}

class BranchMerge : public ::testing::Test {
  protected:
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());

    // A commit on `branch` (not checked out: the work tree stays as it is).
    std::string commit(const std::string& branch, const std::string& by,
                       const std::vector<std::pair<std::string, std::optional<std::string>>>& files,
                       const std::string& message = "") {
        CommitRequest request;
        request.files = files;
        request.author = on(by, "2014-02-25");
        request.committer = on("Secretariat", "2014-02-25");
        request.message = message.empty() ? "Proposal\n\nProposed-by: " + by + "\n" : message;
        if (branch != "main") request.branch = branch;
        return repo.commit_files(request);
    }
    // main with `files`, checked out (work tree and index written).
    void base(const std::vector<std::pair<std::string, std::optional<std::string>>>& files) {
        CommitRequest request;
        request.files = files;
        request.author = request.committer = on("Secretariat", "2014-02-01");
        request.message = "Base";
        request.write_worktree = true;
        repo.commit_files(request);
    }
    BranchMergePlan plan(const std::vector<std::string>& branches, bool strict = false) {
        BranchMergeRequest request;
        request.branches = branches;
        request.strict = strict;
        return plan_branch_merge(Workspace::open(dir.path()), request);
    }
    std::optional<std::string> result(const BranchMergePlan& p, const std::string& path) {
        for (const auto& [file, contents] : p.files)
            if (file == path) return contents;
        return std::nullopt;
    }
};

TEST_F(BranchMerge, RecordingOnAnotherBranchLeavesTheWorkTreeAlone) {
    base({{"a.md", "one\n"}});
    const std::string index = test::read_all(dir.file(".git/index"));
    repo.create_branch("redraft/x", *repo.head());
    commit("redraft/x", "Japan", {{"a.md", "two\n"}});
    EXPECT_EQ(test::read_all(dir.file("a.md")), "one\n");
    EXPECT_EQ(test::read_all(dir.file(".git/index")), index);
    EXPECT_EQ(repo.current_branch(), "main");
    EXPECT_EQ(repo.read_file_at("redraft/x", "a.md"), "two\n");
    EXPECT_EQ(repo.branches("redraft/"), std::vector<std::string>{"redraft/x"});
}

TEST_F(BranchMerge, LaterFoldsMoveTheLinesOfEarlierDisagreements) {
    base({{"a.md", "Intro.\n\nTo strengthen the process.\n"}});
    const std::string fork = *repo.head();
    for (const char* b : {"redraft/b", "redraft/c", "redraft/d"}) repo.create_branch(b, fork);
    commit("main", "Japan", {{"a.md", "Intro.\n\nTo improve the process.\n"}});
    commit("redraft/b", "Brazil", {{"a.md", "Intro.\n\nTo enhance the process.\n"}});
    commit("redraft/c", "Sweden",
           {{"a.md",
             "New first paragraph,\nover two lines.\n\nIntro.\n\nTo strengthen the "
             "process.\n"}});
    commit("redraft/d", "Ghana", {{"a.md", "Intro.\n\nTo strengthen [the] process.\n"}});
    const BranchMergePlan p = plan({"b", "c", "redraft/d"});
    ASSERT_TRUE(p.can_record());
    const std::string merged = *result(p, "a.md");
    EXPECT_EQ(merged,
              "New first paragraph,\nover two lines.\n\nIntro.\n\nTo [improve][enhance] [the] "
              "process.\n");
    ASSERT_EQ(p.notes.size(), 1u);
    EXPECT_EQ(p.notes[0].path, "a.md");
    EXPECT_EQ(p.notes[0].theirs, "redraft/b");
    EXPECT_EQ(p.notes[0].disagreement.kind, DisagreementKind::alternatives);
    EXPECT_EQ(p.notes[0].disagreement.line, 6u);  // found at line 3, moved by redraft/c
    EXPECT_EQ(p.proposers, (std::vector<std::string>{"Brazil", "Sweden", "Ghana"}));
    ASSERT_EQ(p.merged.size(), 3u);
    EXPECT_EQ(p.merged[0].redraft, "b");
    EXPECT_EQ(p.merged[2].ref, "redraft/d");
    EXPECT_EQ(p.merged[1].base, fork);
}

TEST_F(BranchMerge, OtherFilesTakeTheChangedSideOrAreRefused) {
    base({{"a.md", "Text.\n"}, {"data.bin", std::string("\0one", 4)}, {"notes.yaml", "x: 1\n"}});
    repo.create_branch("redraft/b", *repo.head());
    commit("main", "Japan", {{"notes.yaml", "x: 2\n"}});
    commit("redraft/b", "Brazil",
           {{"notes.yaml", "x: 3\n"}, {"data.bin", std::string("\0two", 4)}, {"new.txt", "N.\n"}});
    const BranchMergePlan p = plan({"b"});
    EXPECT_FALSE(p.can_record());
    ASSERT_EQ(p.refused.size(), 1u);
    EXPECT_EQ(p.refused[0].rfind("notes.yaml: changed on main and on redraft/b", 0), 0u)
        << p.refused[0];
    EXPECT_EQ(result(p, "data.bin"), std::string("\0two", 4));
    EXPECT_EQ(result(p, "new.txt"), "N.\n");
    Workspace ws = Workspace::open(dir.path());
    EXPECT_THROW(record_branch_merge(ws, p, {}), Error);
}

// Each group registers who joined it: both kept, the registry's comments
// and layout as written; one setting changed two ways is refused, naming it.
TEST_F(BranchMerge, TheRegistryKeepsEachGroupsDelegationsAndItsLayout) {
    const std::string registry =
        "negotiation: WGEC\n# States, then groups.\ndelegations:\n  - name: Japan\n";
    base({{"a.md", "Text.\n"}, {"accord.yaml", registry}});
    repo.create_branch("redraft/b", *repo.head());
    commit("main", "Japan", {{"accord.yaml", registry + "  - name: Ghana  # joined\n"}});
    commit("redraft/b", "Japan", {{"accord.yaml", registry + "  - {name: Chile}\n"}});
    const BranchMergePlan p = plan({"b"});
    ASSERT_TRUE(p.can_record()) << (p.refused.empty() ? "" : p.refused[0]);
    EXPECT_EQ(result(p, "accord.yaml"),
              registry + "  - name: Ghana  # joined\n  - {name: Chile}\n");

    repo.create_branch("redraft/c", *repo.head());
    commit("main", "Japan", {{"accord.yaml", "negotiation: WGEC-A\n" + registry.substr(17)}});
    commit("redraft/c", "Japan", {{"accord.yaml", "negotiation: WGEC-B\n" + registry.substr(17)}});
    const BranchMergePlan q = plan({"c"});
    ASSERT_EQ(q.refused.size(), 1u);
    EXPECT_EQ(q.refused[0].rfind("accord.yaml: the registry, changed on main and on redraft/c, "
                                 "where both changed one entry or setting differently",
                                 0),
              0u)
        << q.refused[0];
}

TEST_F(BranchMerge, ATextDeletedOnOneSideAndEditedOnTheOtherKeepsTheEdit) {
    base({{"a.md", "To strengthen.\n"}, {"b.md", "Other.\n"}});
    repo.create_branch("redraft/b", *repo.head());
    commit("main", "Japan", {{"a.md", std::nullopt}});
    commit("redraft/b", "Brazil", {{"a.md", "To [improve].\n"}});
    const BranchMergePlan p = plan({"b"});
    ASSERT_TRUE(p.can_record());
    EXPECT_EQ(result(p, "a.md"), "[To [improve].]\n");
    ASSERT_EQ(p.notes.size(), 1u);
    EXPECT_EQ(p.notes[0].disagreement.kind, DisagreementKind::edited_deleted);
}

// A text one side moved (recs/ to agreed/, perhaps editing it on the way)
// while the other edited it where it was: one text, at the new path, with
// both sides' changes, as git's merge follows a rename.
TEST_F(BranchMerge, ATextMovedOnOneSideAndEditedOnTheOtherIsMergedAtItsNewPath) {
    const std::string text =
        "Calls upon governments to strengthen national frameworks.\n\nAnd "
        "to cooperate on capacity building.\n";
    base({{"recs/B-1.md", text}, {"recs/B-2.md", "Another text entirely.\n"}});
    for (const char* b : {"redraft/move", "redraft/edit"}) repo.create_branch(b, *repo.head());
    std::string edited = text;
    edited.replace(edited.find("strengthen"), 10, "[reinforce][strengthen]");
    std::string moved = text;
    moved.replace(moved.find("cooperate"), 9, "[work together]");
    commit("main", "Japan", {{"recs/B-1.md", edited}});
    commit("redraft/move", "Sweden", {{"recs/B-1.md", std::nullopt}, {"agreed/B-1.md", moved}});
    const BranchMergePlan p = plan({"move"});
    ASSERT_TRUE(p.can_record()) << (p.refused.empty() ? "" : p.refused[0]);
    EXPECT_EQ(result(p, "agreed/B-1.md"),
              "Calls upon governments to [reinforce][strengthen] national frameworks.\n\nAnd to "
              "[work together] on capacity building.\n");
    bool old_path_deleted = false;
    for (const auto& [file, contents] : p.files)
        if (file == "recs/B-1.md") old_path_deleted = !contents.has_value();
    EXPECT_TRUE(old_path_deleted) << "the text stands twice";
    EXPECT_TRUE(p.notes.empty());
    EXPECT_EQ(p.followed_moves,
              std::vector<std::string>{"recs/B-1.md -> agreed/B-1.md (on redraft/move)"});
}

// Two redrafts merged at once, one moving the text and the other editing it
// where it was: the move is followed once, named by the branch that made it.
TEST_F(BranchMerge, AMoveFollowedForTwoRedraftsIsSaidOnceByItsBranch) {
    const std::string text = "Calls upon governments to strengthen national frameworks.\n";
    base({{"recs/B-1.md", text}, {"recs/B-2.md", "Another text entirely.\n"}});
    for (const char* b : {"redraft/move", "redraft/edit"}) repo.create_branch(b, *repo.head());
    commit("redraft/move", "Sweden", {{"recs/B-1.md", std::nullopt}, {"agreed/B-1.md", text}});
    commit("redraft/edit", "Brazil",
           {{"recs/B-1.md", "Calls upon [all] governments to strengthen national frameworks.\n"}});
    const BranchMergePlan p = plan({"move", "edit"});
    ASSERT_TRUE(p.can_record()) << (p.refused.empty() ? "" : p.refused[0]);
    EXPECT_EQ(result(p, "agreed/B-1.md"),
              "Calls upon [all] governments to strengthen national frameworks.\n");
    EXPECT_EQ(p.followed_moves,
              std::vector<std::string>{"recs/B-1.md -> agreed/B-1.md (on redraft/move)"});
}

TEST_F(BranchMerge, ATextMovedOnTheCurrentBranchTakesARedraftsEditsToItsNewPath) {
    const std::string text = "Calls upon governments to strengthen national frameworks.\n";
    base({{"recs/B-1.md", text}});
    repo.create_branch("redraft/b", *repo.head());
    commit("main", "Japan", {{"recs/B-1.md", std::nullopt}, {"agreed/B-1.md", text}});
    commit("redraft/b", "Brazil",
           {{"recs/B-1.md",
             "Calls upon [all] governments to strengthen "
             "national frameworks.\n"}});
    const BranchMergePlan p = plan({"b"});
    ASSERT_TRUE(p.can_record());
    EXPECT_EQ(result(p, "agreed/B-1.md"),
              "Calls upon [all] governments to strengthen national frameworks.\n");
    for (const auto& [file, contents] : p.files) EXPECT_NE(file, "recs/B-1.md");
    EXPECT_EQ(p.followed_moves, std::vector<std::string>{"recs/B-1.md -> agreed/B-1.md (on main)"});
}

// Moved on one side, deleted on the other: the text stays where it was
// moved (no one's wording is lost) and the deletion is reported, as a text
// deleted on one side and edited on the other.
TEST_F(BranchMerge, ATextMovedOnOneSideAndDeletedOnTheOtherIsKeptAndReported) {
    const std::string text = "Calls upon governments to strengthen national frameworks.\n";
    base({{"recs/B-1.md", text}, {"recs/B-2.md", "Another text.\n"}});
    repo.create_branch("redraft/b", *repo.head());
    commit("main", "Japan", {{"recs/B-1.md", std::nullopt}});
    commit("redraft/b", "Brazil", {{"recs/B-1.md", std::nullopt}, {"agreed/B-1.md", text}});
    const BranchMergePlan p = plan({"b"});
    ASSERT_TRUE(p.can_record());
    EXPECT_EQ(result(p, "agreed/B-1.md"), text);
    ASSERT_EQ(p.notes.size(), 1u);
    EXPECT_EQ(p.notes[0].path, "agreed/B-1.md");
    EXPECT_EQ(p.notes[0].disagreement.kind, DisagreementKind::edited_deleted);
    EXPECT_EQ(p.notes[0].disagreement.ours, "(file deleted)");
    EXPECT_EQ(p.notes[0].disagreement.theirs, "(the file, moved here from recs/B-1.md)");
}

// Deleted on one side, edited on the other: the edited text is kept, its
// wording bracketed as inside a text, so that the text shows its deletion
// was proposed; its front matter stays as it was.
TEST_F(BranchMerge, ATextDeletedOnOneSideAndEditedOnTheOtherStandsBracketed) {
    base({{"recs/X-1.md",
           "---\nid: X-1\n---\nParagraph one about finance.\n\nParagraph two about "
           "technology.\n"}});
    repo.create_branch("redraft/b", *repo.head());
    commit("main", "Japan", {{"recs/X-1.md", std::nullopt}});
    commit("redraft/b", "Brazil",
           {{"recs/X-1.md",
             "---\nid: X-1\n---\nParagraph one about new and additional finance.\n\nParagraph "
             "two about technology.\n"}});
    const BranchMergePlan p = plan({"b"});
    ASSERT_TRUE(p.can_record());
    EXPECT_EQ(result(p, "recs/X-1.md"),
              "---\nid: X-1\n---\n[Paragraph one about new and additional finance.\n\nParagraph "
              "two about technology.]\n");
    ASSERT_EQ(p.notes.size(), 1u);
    EXPECT_EQ(p.notes[0].disagreement.kind, DisagreementKind::edited_deleted);
    EXPECT_EQ(p.notes[0].disagreement.ours, "(file deleted)");
    EXPECT_EQ(p.notes[0].disagreement.theirs, "(the file, edited)");
}

TEST_F(BranchMerge, ATextMovedToTwoDifferentPathsIsRefused) {
    const std::string text = "Calls upon governments to strengthen national frameworks.\n";
    base({{"recs/B-1.md", text}});
    repo.create_branch("redraft/b", *repo.head());
    commit("main", "Japan", {{"recs/B-1.md", std::nullopt}, {"agreed/B-1.md", text}});
    commit("redraft/b", "Brazil", {{"recs/B-1.md", std::nullopt}, {"annex/B-1.md", text}});
    const BranchMergePlan p = plan({"b"});
    ASSERT_EQ(p.refused.size(), 1u);
    EXPECT_EQ(p.refused[0],
              "recs/B-1.md: moved to agreed/B-1.md on main and to annex/B-1.md on redraft/b; "
              "move it to one path on both (git mv), then merge again");
}

// A text deleted and another, different one added is no move: the edit of
// the deleted text is kept where it was, as before.
TEST(BranchRenames, OnlyTextsSharingHalfTheirWordsArePaired) {
    const std::map<std::string, std::string> blobs = {
        {"1", "one two three four five six"},
        {"2", "one two three four seven eight"},  // 4 of 6 words
        {"3", "one two nine ten eleven twelve"},  // 2 of 6
        {"4", "one two three four five six"}};    // the same blob as 1, by content
    const ReadBlob read = [&](const std::string& id) -> const std::string& { return blobs.at(id); };
    EXPECT_EQ(word_similarity(blobs.at("1"), blobs.at("2")), 4.0 / 6.0);
    EXPECT_EQ(word_similarity(blobs.at("1"), blobs.at("3")), 2.0 / 6.0);
    EXPECT_EQ(word_similarity("", ""), 1.0);

    const auto renamed = find_renames({{"a.md", "1"}, {"keep.md", "3"}},
                                      {{"b.md", "2"}, {"keep.md", "3"}, {"c.md", "3"}}, read);
    ASSERT_EQ(renamed.size(), 1u);
    EXPECT_EQ(renamed[0].from, "a.md");
    EXPECT_EQ(renamed[0].to, "b.md");
    EXPECT_TRUE(find_renames({{"a.md", "1"}}, {{"c.md", "3"}}, read).empty());
    // An identical text is preferred to a similar one; files other than texts never move.
    const auto exact = find_renames({{"a.md", "1"}}, {{"b.md", "2"}, {"z.md", "1"}}, read);
    ASSERT_EQ(exact.size(), 1u);
    EXPECT_EQ(exact[0].to, "z.md");
    EXPECT_TRUE(find_renames({{"a.yaml", "1"}}, {{"b.yaml", "1"}}, read).empty());
}

// Front matter alike in every text of a negotiation makes no two texts one;
// texts whose ids differ (A-1 withdrawn, A-2 tabled) are never a move.
TEST(BranchRenames, FrontMatterIsNoEvidenceAndDifferentIdsAreNoMove) {
    const std::string front =
        "---\nid: A-1\ntitle: Enhanced cooperation\nstatus: revisit\n"
        "sponsors: [Japan, Sweden, Brazil]\nmeeting: WGEC-3\n---\n";
    std::string other_id = front;
    other_id.replace(other_id.find("A-1"), 3, "A-2");
    const std::map<std::string, std::string> blobs = {
        {"1", front + "Calls upon governments to act.\n"},
        {"2", front + "Encourages the private sector to invest.\n"},
        {"3", front + "Calls upon governments to act now.\n"},
        {"4", other_id + "Calls upon governments to act now.\n"}};
    const ReadBlob read = [&](const std::string& id) -> const std::string& { return blobs.at(id); };
    EXPECT_TRUE(find_renames({{"a.md", "1"}}, {{"b.md", "2"}}, read).empty());
    EXPECT_EQ(find_renames({{"a.md", "1"}}, {{"b.md", "3"}}, read).size(), 1u);
    EXPECT_TRUE(find_renames({{"a.md", "1"}}, {{"b.md", "4"}}, read).empty());
}

// A text renumbered with its path (a secretariat's renumbering: moved from
// art/04-mitigation.md to art/03-mitigation.md, its id art-4 made art-3) is
// a move; ids that differ otherwise, or that no longer match their paths'
// numbers, still part two texts.
TEST(BranchRenames, AnIdRenumberedWithItsPathIsAMove) {
    const auto text = [](const std::string& id, const std::string& body) {
        return "---\nid: " + id + "\ntitle: Mitigation\n---\n## Article\n\n" + body;
    };
    const std::string body = "1. Parties aim to reach global peaking of emissions.\n";
    const std::map<std::string, std::string> blobs = {
        {"4", text("art-4", body)},
        {"3", text("art-3", body + "\n2. Each Party shall prepare contributions.\n")},
        {"3b", text("art-3b", body)},
        {"7", text("art-7", body)},
        {"mit", text("mitigation", body)}};
    const ReadBlob read = [&](const std::string& id) -> const std::string& { return blobs.at(id); };
    const auto moved =
        find_renames({{"art/04-mitigation.md", "4"}}, {{"art/03-mitigation.md", "3"}}, read);
    ASSERT_EQ(moved.size(), 1u);
    EXPECT_EQ(moved[0].to, "art/03-mitigation.md");
    EXPECT_TRUE(
        find_renames({{"art/04-mitigation.md", "4"}}, {{"art/03-mitigation.md", "3b"}}, read)
            .empty());
    EXPECT_TRUE(find_renames({{"art/04-mitigation.md", "4"}}, {{"art/03-mitigation.md", "7"}}, read)
                    .empty());
    EXPECT_TRUE(find_renames({{"art/04-mitigation.md", "4"}}, {{"art/03-adaptation.md", "3"}}, read)
                    .empty());
    EXPECT_TRUE(find_renames({{"art/04-mitigation.md", "4"}}, {{"art/mitigation.md", "mit"}}, read)
                    .empty());
}

TEST_F(BranchMerge, ATextBothRedraftsCreatedDifferentlyKeepsBothAsAlternatives) {
    base({{"a.md", "Text.\n"}});
    repo.create_branch("redraft/b", *repo.head());
    commit("main", "Japan", {{"new.md", "Japan proposes a text.\n"}});
    commit("redraft/b", "Brazil", {{"new.md", "Brazil proposes another.\n"}});
    const BranchMergePlan p = plan({"b"});
    ASSERT_TRUE(p.can_record());
    EXPECT_EQ(result(p, "new.md"), "[Japan proposes a text.]\n\n[Brazil proposes another.]\n");
    ASSERT_EQ(p.notes.size(), 1u);
    EXPECT_EQ(p.notes[0].path, "new.md");
    EXPECT_EQ(p.notes[0].disagreement.kind, DisagreementKind::both_added);
    EXPECT_EQ(p.notes[0].disagreement.theirs, "Brazil proposes another.");
}

// Two texts with different ids at one path are two texts: refused, naming both.
TEST_F(BranchMerge, TwoTextsWithDifferentIdsCreatedAtOnePathAreRefused) {
    base({{"a.md", "Text.\n"}});
    repo.create_branch("redraft/b", *repo.head());
    commit("main", "Japan", {{"new.md", "---\nid: B-1\n---\nJapan proposes a text.\n"}});
    commit("redraft/b", "Brazil", {{"new.md", "---\nid: B-2\n---\nBrazil proposes another.\n"}});
    const BranchMergePlan p = plan({"b"});
    EXPECT_FALSE(p.can_record());
    ASSERT_EQ(p.refused.size(), 1u);
    EXPECT_EQ(
        p.refused[0].rfind("new.md: text B-1 stands there on main and text B-2 on redraft/b", 0),
        0u)
        << p.refused[0];
}

// A delegation on Windows may record its text with CRLF line ends. Its
// redraft then merges line for line with main's edits (no paragraph seen as
// changed for its line ends alone, no mix of line ends in the result), and
// the change of line ends is kept as any change one side made.
TEST_F(BranchMerge, ARedraftWrittenWithCrlfMergesLineForLine) {
    const auto crlf = [](const std::string& text) {
        std::string out;
        for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
        return out;
    };
    base({{"a.md", "To strengthen the process.\n\nRecognizes the role of States.\n"},
          {"b.md", "One.\n\nTwo.\n"}});
    repo.create_branch("redraft/b", *repo.head());
    commit("main", "Japan",
           {{"a.md", "To improve the process.\n\nRecognizes the role of States.\n"},
            {"b.md", crlf("One, edited.\n\nTwo.\n")}});
    commit(
        "redraft/b", "Brazil",
        {{"a.md", crlf("To strengthen the whole process.\n\nRecognizes the role of all States.\n")},
         {"b.md", "One.\n\nTwo, edited.\n"}});
    const BranchMergePlan p = plan({"b"});
    ASSERT_TRUE(p.can_record());
    EXPECT_TRUE(p.notes.empty()) << p.notes[0].disagreement.ours;
    EXPECT_EQ(result(p, "a.md"),
              crlf("To improve the whole process.\n\nRecognizes the role of all States.\n"));
    EXPECT_EQ(result(p, "b.md"), crlf("One, edited.\n\nTwo, edited.\n"));
}

TEST_F(BranchMerge, StrictConflictsCannotBeRecorded) {
    base({{"a.md", "To strengthen the process.\n"}});
    repo.create_branch("redraft/b", *repo.head());
    commit("main", "Japan", {{"a.md", "To improve the process.\n"}});
    commit("redraft/b", "Brazil", {{"a.md", "To enhance the process.\n"}});
    const BranchMergePlan p = plan({"b"}, true);
    EXPECT_TRUE(p.has_conflict_markers);
    EXPECT_FALSE(p.can_record());
    EXPECT_TRUE(plan({"b"}).can_record());
}

TEST_F(BranchMerge, StartAndMergeCommitsAreNotProposals) {
    base({{"a.md", "Text.\n"}});
    repo.create_branch("redraft/b", *repo.head());
    commit("redraft/b", "Secretariat", {{".accord/redrafts/b.yaml", "redraft: b\n"}},
           "Start redraft b\n\nRedraft-started: b\n");
    commit("redraft/b", "Brazil", {{"a.md", "Text [more].\n"}});
    const BranchMergePlan p = plan({"b"});
    ASSERT_EQ(p.merged.size(), 1u);
    EXPECT_EQ(p.merged[0].proposals, 1u);
    EXPECT_EQ(p.proposers, std::vector<std::string>{"Brazil"});
    EXPECT_EQ(merge_commit_message(p, ""),
              "Merge redraft b into main\n\nProposed-by: Brazil\nMerged-redraft: b\n");
    EXPECT_EQ(merge_commit_message(p, "Chair's merge\n"),
              "Chair's merge\n\nProposed-by: Brazil\nMerged-redraft: b\n");

    Workspace ws = Workspace::open(dir.path());
    const std::string merge = record_branch_merge(ws, p, {});
    EXPECT_EQ(repo.commit(merge).parents.size(), 2u);
    EXPECT_EQ(test::read_all(dir.file("a.md")), "Text [more].\n");
    EXPECT_EQ(test::run({"git", "-C", dir.path(), "status", "--porcelain"}).out, "");
    // Merged: nothing to do any more.
    try {
        plan({"b"});
        ADD_FAILURE() << "an already merged branch was merged again";
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), kExitUsage);
        EXPECT_NE(std::string(e.what()).find("nothing to merge"), std::string::npos) << e.what();
    }
}

TEST_F(BranchMerge, UnknownAndSelfAreBadUsage) {
    base({{"a.md", "Text.\n"}});
    for (const std::vector<std::string>& branches :
         {std::vector<std::string>{"nope"}, std::vector<std::string>{"main"},
          std::vector<std::string>{}}) {
        try {
            plan(branches);
            ADD_FAILURE() << "accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.exit_code(), kExitUsage) << e.what();
        }
    }
}

}  // namespace
}  // namespace accord
