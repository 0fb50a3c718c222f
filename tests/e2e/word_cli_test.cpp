// Word in and out through the real binary: party-inputs.docx imported into
// a negotiation (tracked changes, comments as proposals and positions),
// accord positions, accord compile --format docx, and the round trips.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "core/util/zip_archive.hpp"
#include "support/docx_builder.hpp"
#include "support/paths.hpp"
#include "support/repo_fixture.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;
using test::in;

std::string party_inputs() {
    return test::corpus_file("unfccc-art6.2-2024/party-inputs.docx");
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

test::RunResult git(const std::string& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"git", "-C", dir};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run(argv, in(dir));
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) out.push_back(line);
    return out;
}

// party-inputs.docx imported once into a new negotiation.
class PartyInputsImport : public ::testing::Test {
  protected:
    void SetUp() override { ACCORD_REQUIRE_CORPUS("unfccc-art6.2-2024/party-inputs.docx"); }
    static void SetUpTestSuite() {
        tmp_ = new test::TempDir();
        init_ = new test::RunResult(test::accord({"init", dir()}, in(tmp_->path())));
        result_ = new test::RunResult(test::accord(
            {"import", party_inputs(), "--as", "decision.md", "--add-delegations"}, in(dir())));
    }
    static void TearDownTestSuite() {
        delete result_;
        delete init_;
        delete tmp_;
    }
    static std::string dir() { return tmp_->file("art6"); }
    static const test::RunResult& result() { return *result_; }

    static test::TempDir* tmp_;
    static test::RunResult* init_;
    static test::RunResult* result_;
};
test::TempDir* PartyInputsImport::tmp_ = nullptr;
test::RunResult* PartyInputsImport::init_ = nullptr;
test::RunResult* PartyInputsImport::result_ = nullptr;

TEST_F(PartyInputsImport, EveryTrackedChangeIsAProposalOfItsAuthor) {
    ASSERT_EQ(init_->exit_code, 0) << init_->err;
    ASSERT_EQ(result().exit_code, 0) << result().err << result().out;
    // Author, subject and the Source trailer of every commit.
    const test::RunResult log = git(
        dir(),
        {"log", "--reverse", "--format=%an|%aI|%s|%(trailers:key=Source,valueonly,separator=)"});
    ASSERT_EQ(log.exit_code, 0) << log.err;
    std::map<std::string, std::size_t> changes_by;
    std::size_t from_docx = 0;
    for (const std::string& line : lines(log.out)) {
        if (!contains(line, "party-inputs.docx")) continue;
        ++from_docx;
        const std::string author = line.substr(0, line.find('|'));
        if (contains(line, ": inserted ") || contains(line, ": deleted ")) ++changes_by[author];
    }
    EXPECT_EQ(changes_by, (std::map<std::string, std::size_t>{{"Joaquim Barris", 1},
                                                              {"Xavier Tibau Alberdi", 90}}));
    EXPECT_GT(from_docx, 91u + 95u);
    // After accord init's first commit, the first is the base, by the document's last author.
    const std::vector<std::string> all = lines(log.out);
    ASSERT_GE(all.size(), 2u);
    EXPECT_TRUE(contains(all[0], "Start the negotiation")) << all[0];
    EXPECT_TRUE(contains(all[1], "Julieta Nikova|")) << all[1];
    EXPECT_TRUE(contains(all[1], "Base text of party-inputs.docx")) << all[1];
}

TEST_F(PartyInputsImport, CommentsAskingForChangesBecomeTheirSpeakersProposals) {
    ASSERT_EQ(result().exit_code, 0) << result().err;
    const std::string text = slurp(dir() + "/decision.md");
    // "US: Delete “authorized”": a strike by the United States.
    EXPECT_TRUE(contains(text, "~~authorized~~")) << "the strike the US asked for";
    const test::RunResult us = git(dir(), {"log", "--format=%an|%s", "--author=United States"});
    EXPECT_TRUE(contains(us.out,
                         "United States|United States: delete \xE2\x80\x9C"
                         "authorized"))
        << us.out;
    // "not “check”, but “review”", anchored on "checks": alternatives, the
    // US wording as the US wrote it (no inflection accord made up).
    EXPECT_TRUE(contains(text, "[checks][review]")) << "the US replacement";
    // "Remove “recall” throughout the text", where the word "recall" stands
    // nowhere: no "Recalls" nor "Recalling" is struck in the US's name.
    EXPECT_FALSE(contains(text, "~~*Recalling*~~")) << "no US deletion of other words";
    EXPECT_TRUE(contains(text, "*Recalling*")) << "the wording stays";
    // The summary lists the comments turned into proposals, and the speakers.
    EXPECT_TRUE(contains(result().out, "text proposals from comments:")) << result().out;
    EXPECT_TRUE(contains(result().out, "speakers (")) << result().out;
    EXPECT_TRUE(contains(result().out, "95 (9 replies kept in their thread)")) << result().out;
    // The text parses as typed: no error the notation's check finds.
    const test::RunResult check = test::accord({"check", "decision.md"}, in(dir()));
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(PartyInputsImport, EveryOtherCommentIsAPosition) {
    ASSERT_EQ(result().exit_code, 0) << result().err;
    const test::RunResult json = test::accord({"positions", "--format", "json"}, in(dir()));
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_TRUE(contains(json.out, "\"schema\": \"accord.positions/1\""))
        << json.out.substr(0, 200);
    std::size_t positions = 0;
    for (std::size_t at = json.out.find("\"commit\""); at != std::string::npos;
         at = json.out.find("\"commit\"", at + 1))
        ++positions;
    EXPECT_GT(positions, 100u);
    // Pakistan's position on unilateral approaches, with its standing.
    const test::RunResult pakistan = test::accord({"positions", "--by", "Pakistan"}, in(dir()));
    ASSERT_EQ(pakistan.exit_code, 0) << pakistan.err;
    EXPECT_TRUE(contains(pakistan.out, "A unilateral approach is not supported")) << pakistan.out;
    EXPECT_TRUE(contains(pakistan.out, "(stands)") || contains(pakistan.out, "(struck)"));
    // accord log shows them among the proposals.
    const test::RunResult log = test::accord({"log"}, in(dir()));
    EXPECT_TRUE(contains(log.out, "Position of Pakistan on decision.md")) << log.out.substr(0, 500);
}

TEST_F(PartyInputsImport, CompiledToWordAndImportedAgainGivesTheSameText) {
    ASSERT_EQ(result().exit_code, 0) << result().err;
    const std::string docx = tmp_->file("compiled.docx");
    const test::RunResult compile =
        test::accord({"compile", "--format", "docx", "-o", docx}, in(dir()));
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_EQ(compile.err, "");
    const std::string again = tmp_->file("again");
    ASSERT_EQ(test::accord({"init", again}, in(tmp_->path())).exit_code, 0);
    const test::RunResult import = test::accord(
        {"import", docx, "--as", "decision.md", "--changes", "accept", "--by", "Secretariat"},
        in(again));
    ASSERT_EQ(import.exit_code, 0) << import.err;
    EXPECT_EQ(slurp(again + "/decision.md"), slurp(dir() + "/decision.md"));
}

TEST_F(PartyInputsImport, ChangesSinceTheBaseComeBackAsTheSameProposals) {
    ASSERT_EQ(result().exit_code, 0) << result().err;
    // The document's base: the first commit after accord init's.
    const std::string base = git(dir(), {"rev-list", "--reverse", "HEAD"}).out.substr(41, 40);
    const std::string docx = tmp_->file("changes.docx");
    const test::RunResult compile = test::accord(
        {"compile", "--format", "docx", "--changes-since", base, "-o", docx}, in(dir()));
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    // Imported into a negotiation holding the base: the changes are carried
    // onto it, and the text comes out as it stands.
    const std::string other = tmp_->file("other");
    ASSERT_EQ(test::run({"git", "clone", "-q", dir(), other}).exit_code, 0);
    ASSERT_EQ(git(other, {"reset", "-q", "--hard", base}).exit_code, 0);
    const test::RunResult import = test::accord(
        {"import", docx, "--as", "decision.md", "--changes", "accept", "--add-delegations"},
        in(other));
    ASSERT_EQ(import.exit_code, 0) << import.err << import.out;
    EXPECT_EQ(slurp(other + "/decision.md"), slurp(dir() + "/decision.md"));
    // The same proposals: each proposal that came back is one of the
    // original's, by the same delegations on the same date, and so is each
    // position.
    const std::string format =
        "--format=%an|%aI|%(trailers:key=Proposed-by,valueonly,separator=%x2C)";
    std::set<std::string> original;
    for (const std::string& line : lines(git(dir(), {"log", format}).out)) original.insert(line);
    std::size_t back = 0;
    for (const std::string& line : lines(git(other, {"log", format, base + "..HEAD"}).out)) {
        EXPECT_TRUE(original.count(line) > 0) << line;
        ++back;
    }
    EXPECT_GT(back, 100u);
}

// A position noted in Word, compiled --changes-since a revision before it
// and imported back into a clone at that revision, is the same position:
// its meeting, and who noted it, come back with its speaker's words.
TEST(WordRoundTrip, APositionsSessionAndNoteTakerComeBack) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    test::DocxParts parts;
    parts.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">1. Decides that </w:t></w:r>"
        "<w:commentRangeStart w:id=\"1\"/><w:r><w:t>flagged</w:t></w:r>"
        "<w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference w:id=\"1\"/></w:r>"
        "<w:r><w:t xml:space=\"preserve\"> outcomes shall be reported.</w:t></w:r></w:p>";
    parts.comments =
        "<w:comment w:id=\"1\" w:author=\"Note Taker\" w:date=\"2024-11-16T23:31:00Z\">"
        "<w:p><w:r><w:t>16 November – IC</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>EU: need clarity on flagging</w:t></w:r></w:p></w:comment>";
    const std::string docx = tmp.write("noted.docx", test::build_docx(parts));
    ASSERT_EQ(test::accord({"import", docx, "--as", "a.md", "--by", "Chair", "--date", "2024-11-14",
                            "--add-delegations"},
                           in(repo))
                  .exit_code,
              0);
    const std::string base = git(repo, {"rev-parse", "HEAD~1"}).out.substr(0, 40);
    const auto positions_of = [](const std::string& dir) {
        const test::RunResult json = test::accord({"positions", "--format", "json"}, in(dir));
        EXPECT_EQ(json.exit_code, 0) << json.err;
        return json.out;
    };
    const std::string noted = positions_of(repo);
    ASSERT_TRUE(contains(noted, "\"session\": \"16 November – IC\"")) << noted;
    ASSERT_TRUE(contains(noted, "\"noted_by\": \"Note Taker\"")) << noted;

    const std::string changes = tmp.file("changes.docx");
    ASSERT_EQ(test::accord({"compile", "--format", "docx", "--changes-since", base, "-o", changes},
                           in(repo))
                  .exit_code,
              0);
    const std::string other = tmp.file("other");
    ASSERT_EQ(test::run({"git", "clone", "-q", repo, other}).exit_code, 0);
    ASSERT_EQ(git(other, {"reset", "-q", "--hard", base}).exit_code, 0);
    const test::RunResult back =
        test::accord({"import", changes, "--changes", "accept"}, in(other));
    ASSERT_EQ(back.exit_code, 0) << back.err << back.out;
    const std::string again = positions_of(other);
    for (const std::string field :
         {"\"European Union\"", "\"said\": \"need clarity on flagging\"",
          "\"session\": \"16 November – IC\"", "\"noted_by\": \"Note Taker\"",
          "\"date\": \"2024-11-16T23:31:00Z\""})
        EXPECT_TRUE(contains(again, field)) << field << "\n" << again;
}

// Delegations a Word import adds are lines added to accord.yaml as it
// stands: its comments stay, each new delegation is one line.
TEST(WordImport, AddedDelegationsAreLinesAddedToTheRegistryAsItStands) {
    ACCORD_REQUIRE_CORPUS("unfccc-art6.2-2024/party-inputs.docx");
    test::TempDir tmp;
    const std::string dir = tmp.file("art6");
    ASSERT_EQ(test::accord({"init", dir}, in(tmp.path())).exit_code, 0);
    {
        std::ofstream out(dir + "/accord.yaml", std::ios::app);
        out << "# Kept by the secretariat; ask before editing.\n";
    }
    ASSERT_EQ(git(dir, {"commit", "-q", "-am", "A note for the registry"}).exit_code, 0);
    const std::string before = slurp(dir + "/accord.yaml");
    const std::string base = git(dir, {"rev-parse", "HEAD"}).out.substr(0, 40);
    const test::RunResult import = test::accord(
        {"import", party_inputs(), "--as", "decision.md", "--add-delegations"}, in(dir));
    ASSERT_EQ(import.exit_code, 0) << import.err << import.out;
    const std::string after = slurp(dir + "/accord.yaml");
    EXPECT_NE(after.find("# Kept by the secretariat; ask before editing.\n"), std::string::npos)
        << after;
    EXPECT_NE(after.find("\n  - {name: United States, aliases: [US, USA, U.S, U.S.]}\n"),
              std::string::npos)
        << after;
    // Only lines added, but the empty "[]" that the list replaced.
    const std::vector<std::string> numstat =
        lines(git(dir, {"diff", "--numstat", base, "HEAD", "--", "accord.yaml"}).out);
    ASSERT_EQ(numstat.size(), 1u);
    EXPECT_TRUE(numstat[0].ends_with("\t1\taccord.yaml")) << numstat[0];
    EXPECT_GE(std::stoi(numstat[0]), 30) << numstat[0];  // one line per delegation added
    std::string kept = after;
    for (const std::string& line : lines(after))
        if (line.starts_with("  - ")) kept.erase(kept.find(line + "\n"), line.size() + 1);
    EXPECT_EQ(kept, std::string(before).replace(before.find("  []\n"), 5, "")) << kept;
}

// The texts `accord import` wrote for the WGEC compilation, to Word and back.
TEST(WordRoundTrip, EveryWgecTextComesBackByteForByte) {
    ACCORD_REQUIRE_CORPUS("wgec-2013-14/draft-recommendations.txt");
    test::TempDir tmp;
    const std::string wgec = tmp.file("wgec");
    const test::RunResult imported = test::accord(
        {"import", test::corpus_file("wgec-2013-14/draft-recommendations.txt"), "--into", wgec},
        in(tmp.path()));
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const std::string docx = tmp.file("wgec.docx");
    const test::RunResult compile =
        test::accord({"compile", "--format", "docx", "-o", docx}, in(wgec));
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_EQ(compile.err, "");
    const std::string back = tmp.file("back");
    ASSERT_EQ(test::accord({"init", back}, in(tmp.path())).exit_code, 0);
    const test::RunResult again = test::accord(
        {"import", docx, "--changes", "accept", "--by", "Secretariat", "--add-delegations"},
        in(back));
    ASSERT_EQ(again.exit_code, 0) << again.err;
    std::size_t compared = 0;
    for (const auto& entry : fs::recursive_directory_iterator(wgec)) {
        const std::string relative = fs::relative(entry.path(), wgec).string();
        if (!entry.is_regular_file() || entry.path().extension() != ".md" ||
            relative.rfind(".git", 0) == 0 || relative == "outline.md")
            continue;
        ++compared;
        ASSERT_TRUE(fs::exists(back + "/" + relative)) << relative;
        EXPECT_EQ(slurp(back + "/" + relative), slurp(entry.path().string())) << relative;
    }
    EXPECT_GE(compared, 45u) << "the WGEC import's texts";
}

// Texts Word has little to hold for: an empty one, one of front matter
// alone, one without a final newline. Each comes back as it was.
TEST(WordRoundTrip, EmptyAndNearlyEmptyTextsComeBack) {
    test::TempDir tmp;
    const std::string source = tmp.file("source");
    ASSERT_EQ(test::accord({"init", source}, in(tmp.path())).exit_code, 0);
    const std::map<std::string, std::string> texts = {
        {"a.md", "Some [text].\n"},
        {"empty.md", ""},
        {"front.md", "---\nid: B-2\nstatus: revisit\n---\n"},
        {"open.md", "No final newline [here]."}};
    std::vector<std::string> propose = {"propose", "--by",   "Japan",     "--add-delegation",
                                        "Japan",   "--date", "2024-01-01"};
    for (const auto& [path, text] : texts) {
        tmp.write("source/" + path, text);
        propose.push_back(path);
    }
    const test::RunResult proposed = test::accord(propose, in(source));
    ASSERT_EQ(proposed.exit_code, 0) << proposed.err;
    const std::string docx = tmp.file("c.docx");
    const test::RunResult compile =
        test::accord({"compile", "--format", "docx", "-o", docx}, in(source));
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_EQ(compile.err, "");
    const std::string back = tmp.file("back");
    ASSERT_EQ(test::accord({"init", back}, in(tmp.path())).exit_code, 0);
    const test::RunResult again = test::accord(
        {"import", docx, "--changes", "accept", "--by", "Japan", "--add-delegations"}, in(back));
    ASSERT_EQ(again.exit_code, 0) << again.err;
    for (const auto& [path, text] : texts) {
        ASSERT_TRUE(fs::exists(back + "/" + path)) << path;
        EXPECT_EQ(slurp(back + "/" + path), text) << path;
    }
}

TEST(WordImportRefusals, BadInputWritesNothing) {
    ACCORD_REQUIRE_CORPUS("unfccc-art6.2-2024/party-inputs.docx");
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    const std::string head_before = git(repo, {"log", "--oneline"}).out;
    const std::string not_docx = tmp.write("notes.docx", "this is not a zip archive at all\n");
    const test::RunResult bad = test::accord({"import", not_docx, "--as", "x.md"}, in(repo));
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_TRUE(contains(bad.err, "nothing was imported")) << bad.err;
    EXPECT_EQ(git(repo, {"log", "--oneline"}).out, head_before);
    EXPECT_FALSE(fs::exists(repo + "/x.md"));
    // No --as, a path that is no text, a date that is no day.
    EXPECT_EQ(test::accord({"import", party_inputs()}, in(repo)).exit_code, 2);
    EXPECT_EQ(test::accord({"import", party_inputs(), "--as", "x.pdf"}, in(repo)).exit_code, 2);
    EXPECT_EQ(
        test::accord({"import", party_inputs(), "--as", "x.md", "--date", "2024-02-30"}, in(repo))
            .exit_code,
        2);
    EXPECT_EQ(
        test::accord({"import", party_inputs(), "--as", "x.md", "--author", "nobody"}, in(repo))
            .exit_code,
        2);
    EXPECT_EQ(git(repo, {"log", "--oneline"}).out, head_before);
    EXPECT_FALSE(fs::exists(repo + "/x.md"));
}

// Git records no date before 1970, and Word writes 1601-01-01 for a change
// it knows no date of: such a change is undated, following the change
// before it, and the warning names the document and the change. The base
// keeps the date of the first change that has one (a tester's import
// failed whole, naming neither the document nor the change).
TEST(WordImportDates, AChangeDatedBefore1970FollowsTheOneBefore) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    test::DocxParts parts;
    parts.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">States should </w:t></w:r><w:ins w:id=\"1\" "
        "w:author=\"Japan\" w:date=\"2024-11-15T10:00:00Z\"><w:r><w:t xml:space=\"preserve\">"
        "further </w:t></w:r></w:ins><w:ins w:id=\"2\" w:author=\"Jane Doe\" "
        "w:date=\"1601-01-01T00:00:00Z\"><w:r><w:t xml:space=\"preserve\">greatly </w:t></w:r>"
        "</w:ins><w:r><w:t>act.</w:t></w:r></w:p>";
    const std::string docx = tmp.write("old.docx", test::build_docx(parts));
    const test::RunResult run = test::accord(
        {"import", docx, "--as", "d.md", "--by", "Chair", "--add-delegations"}, in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(contains(run.err,
                         "old.docx: Jane Doe: inserted “greatly”: dated "
                         "'1601-01-01T00:00:00Z', before 1970-01-01, the earliest date "
                         "git records; recorded right after the change before it"))
        << run.err;
    const std::string dates = git(repo, {"log", "-3", "--format=%an %ad", "--date=iso-strict"}).out;
    // Replayed first (Word's order for it is its date), right after the base.
    EXPECT_TRUE(contains(dates, "Japan 2024-11-15T10:00:01")) << dates;
    EXPECT_TRUE(contains(dates, "Jane Doe 2024-11-15T10:00:00")) << dates;
    EXPECT_TRUE(contains(dates, "Chair 2024-11-15T10:00:00")) << dates;
    EXPECT_EQ(slurp(repo + "/d.md"), "States should [further greatly ]act.\n");

    // Given with --date, it is refused, saying why.
    parts.body = test::paragraph("States should act.");
    const std::string plain = tmp.write("plain.docx", test::build_docx(parts));
    const test::RunResult early = test::accord(
        {"import", plain, "--as", "e.md", "--by", "Chair", "--date", "1969-12-31"}, in(repo));
    EXPECT_EQ(early.exit_code, 2) << early.err;
    EXPECT_TRUE(contains(early.err, "--date '1969-12-31': git records no date before 1970-01-01"))
        << early.err;
}

// A tracked change dated past today (which the negotiation's server would
// refuse) or with a date Word never writes keeps its place after the change
// before it, and the import says so; no commit is dated in year 10000.
TEST(WordImportDates, AChangeDatedInTheFutureOrUnreadablyFollowsTheOneBefore) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    test::DocxParts parts;
    const auto inserted = [](const std::string& id, const std::string& date,
                             const std::string& words) {
        return "<w:ins w:id=\"" + id + "\" w:author=\"Japan\" w:date=\"" + date +
               "\"><w:r><w:t xml:space=\"preserve\">" + words + "</w:t></w:r></w:ins>";
    };
    parts.body = "<w:p><w:r><w:t xml:space=\"preserve\">States should </w:t></w:r>" +
                 inserted("1", "2024-11-15T10:00:00Z", "further ") +
                 inserted("2", "9999-12-31T23:59:59Z", "greatly ") +
                 inserted("3", "bogus", "really ") +
                 "<w:r><w:t>strengthen cooperation.</w:t></w:r></w:p>";
    const std::string docx = tmp.write("dates.docx", test::build_docx(parts));
    const test::RunResult run = test::accord({"import", docx, "--as", "d.md", "--by", "Chair",
                                              "--date", "2024-11-14", "--add-delegations"},
                                             in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(contains(run.err, "dated '9999-12-31T23:59:59Z', in the future")) << run.err;
    EXPECT_TRUE(contains(run.err, "dated 'bogus', not a date Word writes")) << run.err;
    const std::string dates = git(repo, {"log", "--format=%ad", "--date=iso-strict"}).out;
    EXPECT_FALSE(contains(dates, "9999")) << dates;
    EXPECT_FALSE(contains(dates, "10000")) << dates;
    EXPECT_TRUE(contains(dates, "2024-11-15T10:00:01")) << dates;  // right after "further"
    EXPECT_TRUE(
        contains(slurp(repo + "/d.md"), "States should [further greatly really ]strengthen"))
        << slurp(repo + "/d.md");
}

// A tracked change that leaves the text as accord reads it (here, an
// inserted field code, which the text does not keep) is no proposal: it is
// not recorded as a commit that changes nothing, and the import says so.
TEST(WordImportWarnings, AChangeThatChangesNothingIsSaidNotRecorded) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    test::DocxParts parts;
    parts.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">States should </w:t></w:r>"
        "<w:ins w:id=\"1\" w:author=\"Japan\" w:date=\"2024-11-15T10:00:00Z\"><w:r><w:t "
        "xml:space=\"preserve\">further </w:t></w:r></w:ins>"
        "<w:ins w:id=\"2\" w:author=\"Canada\" w:date=\"2024-11-15T11:00:00Z\"><w:r>"
        "<w:instrText>PAGE</w:instrText></w:r></w:ins>"
        "<w:r><w:t>strengthen cooperation.</w:t></w:r></w:p>";
    const std::string docx = tmp.write("noop.docx", test::build_docx(parts));
    const test::RunResult run = test::accord({"import", docx, "--as", "d.md", "--by", "Chair",
                                              "--date", "2024-11-14", "--add-delegations"},
                                             in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(contains(run.err, "1 change leaves the text as accord reads it unchanged"))
        << run.err;
    EXPECT_TRUE(contains(run.err, "Canada")) << run.err;
    // The base and Japan's change; no commit by Canada, and none that changes nothing.
    const std::string all = git(repo, {"log", "--format=%an|%s", "--name-only"}).out;
    EXPECT_FALSE(contains(all, "Canada|")) << all;
    // Nor is Canada registered for a change that was not recorded.
    EXPECT_FALSE(contains(test::read_all(repo + "/accord.yaml"), "Canada"));
    EXPECT_TRUE(contains(all, "Japan|")) << all;
    EXPECT_TRUE(contains(slurp(repo + "/d.md"), "States should [further ]strengthen"))
        << slurp(repo + "/d.md");
}

// A change the text already holds (imported onto a later text) is still
// the Party's proposal: recorded, saying who asked, not left out as a
// change of formatting.
TEST(WordImportWarnings, AChangeTheTextAlreadyHoldsIsStillRecorded) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    // The document's base, then a later text that holds its change already.
    tmp.write("neg/d.md", "States should strengthen cooperation.\n");
    ASSERT_EQ(test::accord({"propose", "d.md", "--by", "Chair", "--add-delegation", "Chair",
                            "--date", "2024-11-14"},
                           in(repo))
                  .exit_code,
              0);
    tmp.write("neg/d.md", "States should further strengthen cooperation.\n");
    ASSERT_EQ(test::accord({"propose", "d.md", "--by", "Chair", "--date", "2024-11-16"}, in(repo))
                  .exit_code,
              0);
    test::DocxParts parts;
    parts.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">States should </w:t></w:r>"
        "<w:ins w:id=\"1\" w:author=\"Japan\" w:date=\"2024-11-15T10:00:00Z\"><w:r><w:t "
        "xml:space=\"preserve\">further </w:t></w:r></w:ins>"
        "<w:r><w:t>strengthen cooperation.</w:t></w:r></w:p>";
    const std::string docx = tmp.write("later.docx", test::build_docx(parts));
    const test::RunResult run =
        test::accord({"import", docx, "--as", "d.md", "--by", "Chair", "--changes", "accept",
                      "--date", "2024-11-14", "--add-delegations"},
                     in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_FALSE(contains(run.err, "unchanged")) << run.err;
    EXPECT_TRUE(contains(git(repo, {"log", "--format=%an|%s"}).out, "Japan|")) << run.out;
}

// A Word author whose name holds ": " (an office before a country) is
// mapped to its delegation, and the subject names the delegation once.
TEST(WordImportWarnings, AnAuthorNameWithAColonKeepsTheSubjectWhole) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    test::DocxParts parts;
    parts.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">States should </w:t></w:r>"
        "<w:ins w:id=\"1\" w:author=\"MOFA: Japan\" w:date=\"2024-11-15T10:00:00Z\"><w:r><w:t "
        "xml:space=\"preserve\">further </w:t></w:r></w:ins>"
        "<w:r><w:t>strengthen cooperation.</w:t></w:r></w:p>";
    const std::string docx = tmp.write("colon.docx", test::build_docx(parts));
    const test::RunResult run =
        test::accord({"import", docx, "--as", "d.md", "--by", "Chair", "--date", "2024-11-14",
                      "--add-delegations", "--author", "MOFA: Japan=Japan"},
                     in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::string subjects = git(repo, {"log", "--format=%an|%s"}).out;
    EXPECT_TRUE(contains(subjects, "Japan|Japan: inserted")) << subjects;
    EXPECT_FALSE(contains(subjects, "Japan: Japan")) << subjects;
}

// A Party that strikes wording in Word with changes tracked proposes its
// deletion: the strike is that Party's proposal, not part of the base text.
TEST(WordImport, AStrikeMadeWithChangesTrackedIsThePartysProposal) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    const std::string change =
        "<w:rPrChange w:id=\"7\" w:author=\"Japan\" w:date=\"2024-11-15T10:00:00Z\"><w:rPr/>"
        "</w:rPrChange>";
    test::DocxParts parts;
    parts.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">States should </w:t></w:r>"
        "<w:r><w:rPr><w:strike/>" +
        change +
        "</w:rPr><w:t xml:space=\"preserve\">further </w:t></w:r>"
        "<w:r><w:rPr><w:b/><w:strike/>" +
        change +
        "</w:rPr><w:t>strengthen</w:t></w:r>"
        "<w:r><w:t xml:space=\"preserve\"> cooperation.</w:t></w:r></w:p>";
    const std::string docx = tmp.write("strike.docx", test::build_docx(parts));
    const test::RunResult run = test::accord({"import", docx, "--as", "d.md", "--by", "Chair",
                                              "--date", "2024-11-14", "--add-delegations"},
                                             in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_FALSE(contains(run.err, "formatting changes")) << run.err;
    const std::string subjects = git(repo, {"log", "--format=%an|%s"}).out;
    EXPECT_TRUE(contains(subjects, "Japan|Japan: struck")) << subjects;
    // The base, as the Chair's, has no strike; Japan's commit adds it.
    const std::string base = git(repo, {"show", "HEAD~1:d.md"}).out;
    EXPECT_EQ(base, "States should further strengthen cooperation.\n") << base;
    const std::string text = slurp(repo + "/d.md");
    EXPECT_TRUE(contains(text, "~~further **strengthen**~~")) << text;
    const test::RunResult blame = test::accord({"blame", "d.md", "--format", "json"}, in(repo));
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_TRUE(contains(blame.out, "Japan")) << blame.out;
}

// Word numbering given to a paragraph with changes tracked (w:pPrChange,
// the properties as they were inside it) is its author's change: the base
// has the paragraph as it was, unnumbered, and the import records the new
// number as Japan's proposal; a change of indentation alone, which the text
// does not carry, is no change (found by a tester: the base kept the new
// number, and the import failed).
TEST(WordImport, NumberingGivenWithChangesTrackedIsThePartysProposal) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    auto changed = [](const std::string& id, const std::string& properties) {
        return "<w:pPr>" + properties + "<w:pPrChange w:id=\"" + id +
               "\" w:author=\"Japan\" w:date=\"2024-11-15T10:00:00Z\"><w:pPr/></w:pPrChange>"
               "</w:pPr>";
    };
    test::DocxParts parts;
    parts.numbering =
        "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"6\"/>"
        "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
    parts.body = "<w:p>" +
                 changed("7", "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>") +
                 "<w:r><w:t>Parties shall cooperate.</w:t></w:r></w:p><w:p>" +
                 changed("8", "<w:ind w:left=\"720\"/>") + "<w:r><w:t>Indented.</w:t></w:r></w:p>";
    const std::string docx = tmp.write("numbered.docx", test::build_docx(parts));
    const test::RunResult run = test::accord({"import", docx, "--as", "d.md", "--by", "Chair",
                                              "--date", "2024-11-14", "--add-delegations"},
                                             in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(git(repo, {"show", "HEAD~1:d.md"}).out, "Parties shall cooperate.\n\nIndented.\n");
    EXPECT_EQ(slurp(repo + "/d.md"), "6. Parties shall cooperate.\n\nIndented.\n");
    EXPECT_EQ(git(repo, {"log", "-1", "--format=%an"}).out, "Japan\n");
}

// A path through a directory the branch holds as a symbolic link is
// refused, saying so: the link is never followed, so nothing is written
// where it points.
TEST(WordImportRefusals, APathThroughALinkedDirectoryIsRefusedNamingTheLink) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    const std::string outside = tmp.file("outside");
    std::filesystem::create_directories(outside);
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    std::filesystem::create_symlink(outside, repo + "/out");
    ASSERT_EQ(git(repo, {"add", "out"}).exit_code, 0);
    ASSERT_EQ(git(repo, {"commit", "-q", "--no-verify", "-m", "A link"}).exit_code, 0);
    test::DocxParts parts;
    parts.body = test::paragraph("States should strengthen cooperation.");
    const std::string docx = tmp.write("d.docx", test::build_docx(parts));
    const test::RunResult run = test::accord(
        {"import", docx, "--as", "out/d.md", "--by", "Chair", "--add-delegations"}, in(repo));
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_TRUE(contains(run.err, "'out' is a symbolic link, never followed")) << run.err;
    EXPECT_TRUE(std::filesystem::is_empty(outside));
}

// A compilation of one text as accord writes one: its body between the
// text's bookmarks, its path (and, when given, its front matter) in the
// document's properties, which a document can fill with anything.
std::string one_text_compilation(const test::TempDir& tmp, const std::string& named,
                                 const std::optional<std::string>& front_matter = std::nullopt) {
    test::DocxParts parts;
    parts.body =
        "<w:p><w:bookmarkStart w:id=\"0\" w:name=\"_accord_text_0\"/><w:r><w:t>"
        "States should strengthen cooperation.</w:t></w:r>"
        "<w:bookmarkEnd w:id=\"0\"/></w:p>";
    const std::string property =
        "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"";
    std::string properties =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties "
        "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
        "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">" +
        property + "2\" name=\"accord-notation\"><vt:lpwstr>1</vt:lpwstr></property>" + property +
        "3\" name=\"accord-text-0\"><vt:lpwstr>" + named + "</vt:lpwstr></property>";
    if (front_matter)
        properties += property + "4\" name=\"accord-text-0-front-matter\"><vt:lpwstr>" +
                      *front_matter + "</vt:lpwstr></property>";
    parts.raw.push_back({"docProps/custom.xml", properties + "</Properties>"});
    return tmp.write("c.docx", test::build_docx(parts));
}

// A compilation names each of its texts' paths in a document property,
// and a document can say anything there: an absolute path, '..', a
// backslash. Each is refused naming the document, nothing is written
// inside or outside the repository, and --as still imports the text.
TEST(WordImportRefusals, ACompilationNamingNoPathOfTheRepositoryIsRefused) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    const std::string head_before = git(repo, {"rev-parse", "HEAD"}).out;
    const auto compilation = [&](const std::string& named) {
        return one_text_compilation(tmp, named);
    };
    const std::string outside = tmp.file("outside.md");
    fs::create_directories(tmp.file("elsewhere"));
    fs::create_symlink(tmp.file("elsewhere"), repo + "/linked");
    for (const std::string& named :
         {outside, std::string("/etc/accord-test.md"), std::string("../outside.md"),
          std::string("recs/../../outside.md"), std::string("recs\\..\\x.md"),
          std::string("./a.md"), std::string("recs//a.md"), std::string(".GIT/x.md"),
          std::string("sub/.git/x.md"), std::string("linked/x.md")}) {
        const test::RunResult run = test::accord(
            {"import", compilation(named), "--by", "Chair", "--add-delegations"}, in(repo));
        EXPECT_EQ(run.exit_code, 2) << named << "\n" << run.out << run.err;
        EXPECT_TRUE(contains(run.err, "c.docx names its text")) << run.err;
        EXPECT_TRUE(contains(run.err, "--as PATH")) << run.err;
        EXPECT_EQ(git(repo, {"rev-parse", "HEAD"}).out, head_before) << named;
        EXPECT_EQ(git(repo, {"status", "--porcelain", "--untracked-files=all"}).out, "?? linked\n")
            << named;
        EXPECT_TRUE(fs::is_empty(tmp.file("elsewhere"))) << named;
        EXPECT_FALSE(fs::exists(outside)) << named;
        EXPECT_FALSE(fs::exists(repo + "/etc")) << named;
        EXPECT_FALSE(fs::exists(repo + "/tmp")) << named;
    }
    // A plain path inside the repository is taken, and so is --as.
    const test::RunResult plain = test::accord(
        {"import", compilation("recs/a.md"), "--by", "Chair", "--add-delegations"}, in(repo));
    EXPECT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_EQ(slurp(repo + "/recs/a.md"), "States should strengthen cooperation.\n");
}

// A compilation keeps each text's front matter in a document property, and
// a document can hold anything there: text that is no front matter (it
// would go before every version), YAML that does not read, or a few lines
// of aliases that would take hours to read (each a list of nine uses of the
// one before). Each is refused naming the document and the text, before
// anything is written; front matter as accord writes it is taken.
TEST(WordImportRefusals, FrontMatterKeptInTheDocumentMustReadAsFrontMatter) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    const std::string head_before = git(repo, {"rev-parse", "HEAD"}).out;
    const auto compilation = [&](const std::string& front) {
        return one_text_compilation(tmp, "recs/a.md", front);
    };
    std::string bomb = "---\na: &amp;a [x,x,x,x,x,x,x,x,x]\n";
    for (char c = 'b'; c <= 'k'; ++c) {
        bomb += std::string(1, c) + ": &amp;" + c + " [";
        for (int k = 0; k < 9; ++k) bomb += std::string(k ? "," : "") + "*" + char(c - 1);
        bomb += "]\n";
    }
    bomb += "---\n";
    const std::pair<std::string, std::string> refused[] = {
        {"Injected wording.\n", "is not one block between '---' lines"},
        {"---\nid: a\n---\nInjected wording.\n", "is not one block between '---' lines"},
        {"---\nid: [a\n---\n", "does not read, at its line"},
        {bomb, "front matter holds more than 100000 values"},
    };
    for (const auto& [front, why] : refused) {
        const test::RunResult run = test::accord(
            {"import", compilation(front), "--by", "Chair", "--add-delegations"}, in(repo));
        EXPECT_EQ(run.exit_code, 2) << front << "\n" << run.out << run.err;
        EXPECT_TRUE(contains(run.err, "c.docx: the front matter it keeps for recs/a.md"))
            << run.err;
        EXPECT_TRUE(contains(run.err, why)) << run.err;
        EXPECT_EQ(git(repo, {"rev-parse", "HEAD"}).out, head_before) << front;
        EXPECT_FALSE(fs::exists(repo + "/recs")) << front;
    }
    const test::RunResult taken =
        test::accord({"import", compilation("---\nid: a-1\nstatus: open\n---\n"), "--by", "Chair",
                      "--add-delegations"},
                     in(repo));
    EXPECT_EQ(taken.exit_code, 0) << taken.err;
    EXPECT_EQ(slurp(repo + "/recs/a.md"),
              "---\nid: a-1\nstatus: open\n---\nStates should strengthen cooperation.\n");
}

// Every change is recorded as a named delegation's proposal: a tracked
// change or comment whose author is missing, blank, or holds a control
// character or a direction override (which git, logs and terminals would
// show as another name) is refused, naming the file and the change, and
// nothing is written; it is never credited to the base text's author.
TEST(WordImportRefusals, AChangeWithoutAReadableAuthorIsRefused) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    const std::string head_before = git(repo, {"log", "--oneline"}).out;
    const std::string yaml_before = slurp(repo + "/accord.yaml");
    const auto inserted_by = [](const std::string& author_attribute) {
        return "<w:p><w:r><w:t xml:space=\"preserve\">States should </w:t></w:r><w:ins w:id=\"1\"" +
               author_attribute +
               " w:date=\"2024-11-15T10:00:00Z\"><w:r><w:t xml:space=\"preserve\">further "
               "</w:t></w:r></w:ins><w:r><w:t>act.</w:t></w:r></w:p>";
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "names no author"},
        {" w:author=\"\"", "names no author"},
        {" w:author=\"   \"", "names no author"},
        {" w:author=\"Mallory&#13;United States\"", "holds a control character"},
        {" w:author=\"&#x202E;setatS detinU\"", "holds a control character"},
        {" w:author=\"Evil&#x9B;31m\"", "holds a control character"},
        {" w:author=\"Unknown Author\"", "names no author but 'Unknown Author'"},
        {" w:author=\" author \"", "names no author but ' author '"},
    };
    for (const auto& [attribute, why] : cases) {
        test::DocxParts parts;
        parts.body = inserted_by(attribute);
        const std::string docx = tmp.write("anonymous.docx", test::build_docx(parts));
        const test::RunResult run = test::accord({"import", docx, "--as", "a.md", "--by", "Chair",
                                                  "--date", "2024-11-14", "--add-delegations"},
                                                 in(repo));
        EXPECT_EQ(run.exit_code, 2) << attribute << "\n" << run.err;
        EXPECT_TRUE(
            contains(run.err, "anonymous.docx: a tracked change (inserted “further”) " + why))
            << run.err;
        EXPECT_EQ(git(repo, {"log", "--oneline"}).out, head_before) << attribute;
        EXPECT_EQ(slurp(repo + "/accord.yaml"), yaml_before) << attribute;
        EXPECT_FALSE(fs::exists(repo + "/a.md")) << attribute;
    }
    // A comment asking for a change, with no author and no speaker named.
    test::DocxParts parts;
    parts.body =
        "<w:p><w:commentRangeStart w:id=\"5\"/><w:r><w:t>The Parties shall act.</w:t></w:r>"
        "<w:commentRangeEnd w:id=\"5\"/><w:r><w:commentReference w:id=\"5\"/></w:r></w:p>";
    parts.comments =
        "<w:comment w:id=\"5\" w:author=\"\" w:date=\"2024-11-18T12:00:00Z\"><w:p><w:r><w:t "
        "xml:space=\"preserve\">Delete “shall”</w:t></w:r></w:p></w:comment>";
    const std::string docx = tmp.write("comment.docx", test::build_docx(parts));
    const test::RunResult run = test::accord({"import", docx, "--as", "a.md", "--by", "Chair",
                                              "--date", "2024-11-14", "--add-delegations"},
                                             in(repo));
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_TRUE(contains(run.err, "comment.docx: comment 5 (delete “shall”) names no author"))
        << run.err;
    EXPECT_EQ(git(repo, {"log", "--oneline"}).out, head_before);
}

// A name longer than any delegation's (256 bytes) is refused like a
// nameless one, naming the document and the change, and shown cut: a
// tester's 30 MB w:author became a 30 MB commit author and warning.
// Warnings list at most ten unknown names.
TEST(WordImportRefusals, ANameLongerThanAnyDelegationsIsRefusedAndShownCut) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    const std::string head_before = git(repo, {"log", "--oneline"}).out;
    const std::string huge(300'000, 'A');
    const auto import = [&](const test::DocxParts& parts, const std::string& by) {
        const std::string docx = tmp.write("long.docx", test::build_docx(parts));
        std::vector<std::string> args = {"import", docx, "--as", "a.md", "--date", "2024-11-14"};
        if (!by.empty()) args.insert(args.end(), {"--by", by});
        return test::accord(args, in(repo));
    };
    const auto expect_refused = [&](const test::RunResult& run, const std::string& says) {
        EXPECT_EQ(run.exit_code, 2) << run.err.substr(0, 400);
        EXPECT_TRUE(contains(run.err, says)) << run.err.substr(0, 400);
        EXPECT_LT(run.err.size(), 1000u);
        EXPECT_EQ(git(repo, {"log", "--oneline"}).out, head_before);
        EXPECT_FALSE(fs::exists(repo + "/a.md"));
    };
    test::DocxParts change;
    change.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">States should </w:t></w:r><w:ins w:id=\"1\" "
        "w:author=\"" +
        huge +
        "\" w:date=\"2024-11-15T10:00:00Z\"><w:r><w:t xml:space=\"preserve\">further "
        "</w:t></w:r></w:ins><w:r><w:t>act.</w:t></w:r></w:p>";
    expect_refused(import(change, "Chair"),
                   "long.docx: a tracked change (inserted “further”) names an author of 300000 "
                   "bytes ('" +
                       std::string(59, 'A') +
                       "\u2026'), longer than any delegation's name (accord takes 256)");

    test::DocxParts comment;
    comment.body =
        "<w:p><w:commentRangeStart w:id=\"5\"/><w:r><w:t>The Parties shall act.</w:t></w:r>"
        "<w:commentRangeEnd w:id=\"5\"/><w:r><w:commentReference w:id=\"5\"/></w:r></w:p>";
    comment.comments = "<w:comment w:id=\"5\" w:author=\"" + huge +
                       "\" w:date=\"2024-11-18T12:00:00Z\"><w:p><w:r><w:t "
                       "xml:space=\"preserve\">US: Delete “shall”</w:t></w:r></w:p></w:comment>";
    expect_refused(import(comment, "Chair"),
                   "long.docx: comment 5 (delete “shall”) names an "
                   "author of 300000 bytes");

    test::DocxParts created;
    created.body = test::paragraph("States should act.");
    created.core = "<dc:creator>" + huge + "</dc:creator>";
    expect_refused(import(created, ""), "long.docx: the base text's author ('" +
                                            std::string(59, 'A') +
                                            "\u2026', in its properties) is 300000 bytes long");

    // Twelve authors no registry knows: ten named, and how many more.
    test::DocxParts many;
    for (int i = 0; i < 12; ++i)
        many.body += "<w:p><w:r><w:t xml:space=\"preserve\">Text </w:t></w:r><w:ins w:id=\"" +
                     std::to_string(i) + "\" w:author=\"Author " + std::to_string(i) +
                     "\" w:date=\"2024-11-15T10:00:00Z\"><w:r><w:t>more</w:t></w:r></w:ins>"
                     "</w:p>";
    const test::RunResult run = import(many, "Chair");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(contains(run.err,
                         "13 names are not in accord.yaml and are recorded as written: "
                         "Chair, Author 0, Author 1"))
        << run.err;
    EXPECT_TRUE(contains(run.err, "Author 8 and 3 more;")) << run.err;
}

// A new text's base is some delegation's proposal. A compilation accord
// wrote names accord as its author, and an editor that knows no user
// writes "Unknown Author": neither is a delegation, and without --by the
// import is refused, registering no one; with --by it goes ahead.
TEST(WordImportRefusals, ABaseByAccordOrAnUnknownAuthorNeedsBy) {
    test::TempDir tmp;
    const std::string source = tmp.file("source");
    ASSERT_EQ(test::accord({"init", source}, in(tmp.path())).exit_code, 0);
    tmp.write("source/a.md", "Some [text].\n");
    ASSERT_EQ(
        test::accord({"propose", "a.md", "--by", "Japan", "--add-delegation", "Japan"}, in(source))
            .exit_code,
        0);
    const std::string compiled = tmp.file("c.docx");
    ASSERT_EQ(test::accord({"compile", "--format", "docx", "-o", compiled}, in(source)).exit_code,
              0);
    test::DocxParts parts;
    parts.body = test::paragraph("States should strengthen cooperation.");
    parts.core = "<cp:lastModifiedBy>Unknown Author</cp:lastModifiedBy>";
    const std::string unknown = tmp.write("unknown.docx", test::build_docx(parts));
    const std::string back = tmp.file("back");
    ASSERT_EQ(test::accord({"init", back}, in(tmp.path())).exit_code, 0);
    const std::string head_before = git(back, {"rev-parse", "HEAD"}).out;
    const std::string yaml_before = slurp(back + "/accord.yaml");
    const test::RunResult from_accord =
        test::accord({"import", compiled, "--add-delegations"}, in(back));
    EXPECT_EQ(from_accord.exit_code, 2) << from_accord.out << from_accord.err;
    EXPECT_TRUE(contains(from_accord.err,
                         "c.docx is a compilation accord wrote, and names no "
                         "author of its base text"))
        << from_accord.err;
    EXPECT_TRUE(contains(from_accord.err, "--by NAME")) << from_accord.err;
    const test::RunResult from_unknown =
        test::accord({"import", unknown, "--as", "u.md", "--add-delegations"}, in(back));
    EXPECT_EQ(from_unknown.exit_code, 2) << from_unknown.out << from_unknown.err;
    EXPECT_TRUE(contains(from_unknown.err, "but 'Unknown Author'")) << from_unknown.err;
    EXPECT_EQ(git(back, {"rev-parse", "HEAD"}).out, head_before);
    EXPECT_EQ(slurp(back + "/accord.yaml"), yaml_before);
    EXPECT_FALSE(fs::exists(back + "/a.md"));
    const test::RunResult by =
        test::accord({"import", compiled, "--by", "Secretariat", "--add-delegations"}, in(back));
    EXPECT_EQ(by.exit_code, 0) << by.err;
    EXPECT_EQ(slurp(back + "/a.md"), "Some [text].\n");
    EXPECT_FALSE(contains(slurp(back + "/accord.yaml"), "accord\n"))
        << slurp(back + "/accord.yaml");
}

// The same document imported twice would record each change twice, merged
// with itself into alternatives of the same wording: the second import is
// refused, naming the commit that holds it, and writes nothing.
TEST(WordImportRefusals, TheSameDocumentImportedAgainIsRefused) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    test::DocxParts parts;
    parts.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">The Parties </w:t></w:r>"
        "<w:ins w:id=\"1\" w:author=\"Japan\" w:date=\"2024-11-15T10:00:00Z\"><w:r><w:t "
        "xml:space=\"preserve\">shall </w:t></w:r></w:ins><w:r><w:t>act.</w:t></w:r></w:p>";
    const std::string docx = tmp.write("in.docx", test::build_docx(parts));
    const std::vector<std::string> import = {"import", docx,         "--as",
                                             "a.md",   "--by",       "Chair",
                                             "--date", "2024-11-14", "--add-delegations"};
    ASSERT_EQ(test::accord(import, in(repo)).exit_code, 0);
    const std::string log_before = git(repo, {"log", "--oneline"}).out;
    const std::string text_before = slurp(repo + "/a.md");
    EXPECT_TRUE(contains(git(repo, {"log", "-1", "--format=%B"}).out, "Source-digest: "));
    const test::RunResult again = test::accord(import, in(repo));
    EXPECT_EQ(again.exit_code, 2) << again.err;
    EXPECT_TRUE(contains(again.err, "in.docx was imported already, byte for byte, in "))
        << again.err;
    EXPECT_EQ(git(repo, {"log", "--oneline"}).out, log_before);
    EXPECT_EQ(slurp(repo + "/a.md"), text_before);
}

// The document named must be a regular file (a link to one is followed):
// a FIFO named like a .docx is refused at once instead of blocking the
// import forever, and a link to a device before anything is read from it.
TEST(WordImportRefusals, AFifoOrADeviceIsNoDocument) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    const std::string head_before = git(repo, {"log", "--oneline"}).out;
    ASSERT_EQ(::mkfifo(tmp.file("pipe.docx").c_str(), 0600), 0);
    fs::create_symlink("/dev/zero", tmp.file("zero.docx"));
    for (const auto& [name, kind] : std::vector<std::pair<std::string, std::string>>{
             {"pipe.docx", "a FIFO (a named pipe)"}, {"zero.docx", "a device"}}) {
        const test::RunResult run =
            test::accord({"import", tmp.file(name), "--as", "a.md", "--by", "Japan"}, in(repo));
        EXPECT_EQ(run.exit_code, 2) << run.err;
        EXPECT_TRUE(contains(
            run.err, name + ": is " + kind + ", not a regular file; name the document itself"))
            << run.err;
    }
    // A link to a real document is the user's choice, and is read.
    test::DocxParts parts;
    parts.body = test::paragraph("States should act.");
    fs::create_symlink(tmp.write("real.docx", test::build_docx(parts)), tmp.file("link.docx"));
    EXPECT_EQ(git(repo, {"log", "--oneline"}).out, head_before);
    const test::RunResult linked = test::accord(
        {"import", tmp.file("link.docx"), "--as", "a.md", "--by", "Japan", "--add-delegations"},
        in(repo));
    EXPECT_EQ(linked.exit_code, 0) << linked.err;
    EXPECT_EQ(slurp(repo + "/a.md"), "States should act.\n");
}

// Each change is planned as a commit holding the whole text after it: a
// document of thousands of insertions on a long text, built to take
// gigabytes that way, is refused before planning, saying how to import it.
TEST(WordImportRefusals, AHistoryTooLargeToPlanIsRefusedBeforePlanning) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    test::DocxParts parts;
    for (int i = 0; i < 6000; ++i) {
        parts.body += "<w:p><w:r><w:t xml:space=\"preserve\">Paragraph " + std::to_string(i) +
                      " of the long text, which the Parties negotiate. </w:t></w:r><w:ins w:id=\"" +
                      std::to_string(i) +
                      "\" w:author=\"Japan\" w:date=\"2024-11-15T10:00:00Z\"><w:r><w:t>more</w:t>"
                      "</w:r></w:ins></w:p>";
    }
    const std::string docx = tmp.write("many.docx", test::build_docx(parts));
    const test::RunResult run = test::accord({"import", docx, "--as", "a.md", "--by", "Chair",
                                              "--date", "2024-11-14", "--add-delegations"},
                                             in(repo));
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_TRUE(contains(run.err, "many.docx: 6000 tracked changes and 0 comments on a text of"))
        << run.err;
    EXPECT_FALSE(fs::exists(repo + "/a.md"));
}

// A text is held to what diff, blame and the compilations compare word by
// word (16 MiB, six million tokens), counted before the document is
// converted: Word's numbering labels, written before every paragraph, can
// make a small document a large text (a tester's 13 KB made 132 MB, and 84
// KB took 15 GB of memory and was killed after the branch had moved). Such
// a document is refused, naming it, and nothing is written.
TEST(WordImportRefusals, ATextLargerThanAccordComparesIsRefusedBeforeItIsWritten) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    const std::string head_before = git(repo, {"log", "--oneline"}).out;
    // Labels of 32 seven-digit numbers (a lvlText of 64 characters, the
    // most read) before 80,000 paragraphs of one letter: some 18 MB.
    std::string label;
    for (int i = 0; i < 32; ++i) label += "%1";
    test::DocxParts labelled;
    labelled.numbering =
        "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1000000\"/>"
        "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"" +
        label +
        "\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/>"
        "</w:num>";
    for (int i = 0; i < 80'000; ++i)
        labelled.body +=
            "<w:p><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>x</w:t>"
            "</w:r></w:p>";
    const std::string numbered = tmp.write("numbered.docx", test::build_docx(labelled));
    test::RunResult run = test::accord(
        {"import", numbered, "--as", "a.md", "--by", "Japan", "--add-delegations"}, in(repo));
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_TRUE(contains(run.err,
                         "numbered.docx: its wording with Word's numbering labels (18 "
                         "MiB) is more than accord compares word by word"))
        << run.err;
    EXPECT_TRUE(contains(run.err, "nothing was imported")) << run.err;
    EXPECT_EQ(git(repo, {"log", "--oneline"}).out, head_before);
    EXPECT_FALSE(fs::exists(repo + "/a.md"));

    // Under 16 MiB, but more than six million words and spaces.
    test::DocxParts words;
    std::string many;
    for (int i = 0; i < 3'100'000; ++i) many += "a ";
    words.body = "<w:p><w:r><w:t>" + many + "</w:t></w:r></w:p>";
    const std::string wordy = tmp.write("wordy.docx", test::build_docx(words));
    run = test::accord({"import", wordy, "--as", "a.md", "--by", "Japan", "--add-delegations"},
                       in(repo));
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_TRUE(contains(run.err,
                         "wordy.docx: its text as a.md (6 MiB) is more than accord "
                         "compares word by word (at most 16 MiB, or 6 million words"))
        << run.err;
    EXPECT_EQ(git(repo, {"log", "--oneline"}).out, head_before);
    EXPECT_FALSE(fs::exists(repo + "/a.md"));
}

// A comment whose range and reference mark are nowhere in the document
// points at no wording: what it asks is kept as a position, saying so, not
// placed at the first place its wording stands.
TEST(WordImportComments, ACommentPointingNowhereIsNotPlaced) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    test::DocxParts parts;
    parts.body = test::paragraph("Parties shall report.") +
                 test::paragraph("The secretariat shall publish.");
    parts.comments =
        "<w:comment w:id=\"5\" w:author=\"Carol\" w:date=\"2024-11-18T12:00:00Z\"><w:p><w:r>"
        "<w:t xml:space=\"preserve\">US: Delete “shall”</w:t></w:r></w:p></w:comment>";
    const std::string docx = tmp.write("in.docx", test::build_docx(parts));
    const test::RunResult run = test::accord({"import", docx, "--as", "a.md", "--by", "Chair",
                                              "--date", "2024-11-14", "--add-delegations"},
                                             in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(slurp(repo + "/a.md"), "Parties shall report.\n\nThe secretariat shall publish.\n");
    const std::string positions = test::accord({"positions", "a.md"}, in(repo)).out;
    EXPECT_TRUE(contains(positions, "could not be placed")) << positions;
}

// "Remove “recall” throughout the text" on a text holding "Recalls" and
// "recalling" but never "recall": no word is struck in the United States'
// name (those are not the words it named); its request is its position,
// saying why it was not placed.
TEST(WordImportComments, ARequestStrikesOnlyTheWordsItNames) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    test::DocxParts parts;
    parts.body = test::paragraph("Also recalling decision 6/CMA.4,") +
                 test::paragraph("1. Recalls decision 2/CMA.3.") +
                 "<w:p><w:r><w:t xml:space=\"preserve\">2. Decides that </w:t></w:r>"
                 "<w:commentRangeStart w:id=\"1\"/><w:r><w:t>reviews</w:t></w:r>"
                 "<w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference w:id=\"1\"/></w:r>"
                 "<w:r><w:t xml:space=\"preserve\"> shall be annual.</w:t></w:r></w:p>";
    parts.comments =
        "<w:comment w:id=\"1\" w:author=\"Note Taker\" w:date=\"2024-11-16T22:46:00Z\"><w:p>"
        "<w:r><w:t xml:space=\"preserve\">US: Remove “recall” throughout the text</w:t></w:r>"
        "</w:p></w:comment>";
    const std::string docx = tmp.write("recall.docx", test::build_docx(parts));
    const test::RunResult run = test::accord({"import", docx, "--as", "a.md", "--by", "Chair",
                                              "--date", "2024-11-14", "--add-delegations"},
                                             in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(slurp(repo + "/a.md"),
              "Also recalling decision 6/CMA.4,\n\n1. Recalls decision 2/CMA.3.\n\n"
              "2. Decides that reviews shall be annual.\n");
    EXPECT_EQ(git(repo, {"log", "--format=%s", "--author=United States", "--", "a.md"}).out, "");
    const std::string positions =
        test::accord({"positions", "--by", "United States"}, in(repo)).out;
    EXPECT_TRUE(contains(positions, "Remove “recall” throughout the text")) << positions;
    EXPECT_TRUE(contains(positions, "could not be placed")) << positions;
}

// One comment begun on 16 November holds the notes of two sessions (as
// staff gather them): Canada's and Japan's deletion on 15 November, the
// European Union's on 18 November. Each is its speakers' on the day and in
// the session it was asked; one proposal never joins Parties of two
// sessions, nor dates one of them on a day it did not speak.
TEST(WordImportComments, EachSessionsRequestsKeepTheirDayAndSession) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    test::DocxParts parts;
    parts.body =
        "<w:p><w:commentRangeStart w:id=\"1\"/><w:r><w:t xml:space=\"preserve\">"
        "43. Decides that</w:t></w:r><w:commentRangeEnd w:id=\"1\"/>"
        "<w:r><w:commentReference w:id=\"1\"/></w:r><w:r><w:t xml:space=\"preserve\">"
        " mitigation outcomes shall not be used.</w:t></w:r></w:p>" +
        test::paragraph("44. Parties shall report.");
    std::string said;
    for (const char* line : {"18 November – IC", "EU: Remove this para", "", "15 November – HODs",
                             "Japan, Canada: Remove this para"})
        said += std::string("<w:p><w:r><w:t xml:space=\"preserve\">") + line + "</w:t></w:r></w:p>";
    parts.comments =
        "<w:comment w:id=\"1\" w:author=\"Note Taker\" w:date=\"2024-11-16T22:46:00Z\">" + said +
        "</w:comment>";
    const std::string docx = tmp.write("sessions.docx", test::build_docx(parts));
    const test::RunResult run = test::accord({"import", docx, "--as", "a.md", "--by", "Chair",
                                              "--date", "2024-11-14", "--add-delegations"},
                                             in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(contains(slurp(repo + "/a.md"),
                         "~~43. Decides that mitigation outcomes shall not be used.~~"))
        << slurp(repo + "/a.md");
    const std::string deletion = git(repo, {"log", "-1",
                                            "--format=%an|%aI|%(trailers:key=Proposed-by,valueonly,"
                                            "separator=%x2C)|%(trailers:key=Session,valueonly)",
                                            "--", "a.md"})
                                     .out;
    EXPECT_TRUE(
        deletion.starts_with("Japan|2024-11-15T12:00:00+00:00|Japan,Canada|15 November – HODs\n"))
        << deletion;
    const test::RunResult json =
        test::accord({"positions", "--by", "European Union", "--format", "json"}, in(repo));
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_TRUE(contains(json.out, "\"date\": \"2024-11-18")) << json.out;
    EXPECT_TRUE(contains(json.out, "\"session\": \"18 November – IC\"")) << json.out;
    EXPECT_EQ(git(repo, {"log", "--format=%s", "--author=European Union", "--", "a.md"}).out, "");
}

// Comments opposing a change on "submissions by 2025" are their speakers'
// positions, never proposals in their names; a reply against the deletion
// asked for in its thread is a position too. Canada's deletion, and
// Switzerland's support of it, are the only changes to the text.
TEST(WordImportComments, CommentsOpposingAChangeArePositionsNotProposals) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    const std::vector<std::string> said = {
        "Canada: Delete 'by 2025'",
        "China: against the deletion",
        "China: against the deletion",  // a reply to Canada's
        "Brazil: opposes deletion",
        "India: cannot accept deletion of this",
        "Japan: we object to deleting “by 2025”",
        "Mexico: not in favour of deletion",
        "EU: oppose replacing “submissions” with “views”",
        "US: do not add “urgent” before “submissions”",
        "Norway: does not support deleting this",
        "Peru: no deletion",
        "Chile: Strongly oppose the deletion proposed by Canada"};
    test::DocxParts parts;
    std::string starts, ends, references;
    for (std::size_t i = 0; i < said.size(); ++i) {
        const std::string id = std::to_string(i + 1);
        const std::string para_id = "0000010" + std::to_string(i);
        starts += "<w:commentRangeStart w:id=\"" + id + "\"/>";
        ends += "<w:commentRangeEnd w:id=\"" + id + "\"/>";
        references += "<w:r><w:commentReference w:id=\"" + id + "\"/></w:r>";
        parts.comments += "<w:comment w:id=\"" + id +
                          "\" w:author=\"Staff\" w:date=\"2024-11-18T12:0" +
                          std::to_string(i % 10) + ":00Z\"><w:p w14:paraId=\"" + para_id +
                          "\"><w:r><w:t>" + said[i] + "</w:t></w:r></w:p></w:comment>";
        parts.comments_extended += "<w15:commentEx w15:paraId=\"" + para_id + "\"" +
                                   (i == 2 ? " w15:paraIdParent=\"00000100\"" : "") +
                                   " w15:done=\"0\"/>";
    }
    parts.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">Parties are invited to provide </w:t></w:r>" +
        starts + "<w:r><w:t>submissions by 2025</w:t></w:r>" + ends + references +
        "<w:r><w:t xml:space=\"preserve\"> on their experience.</w:t></w:r></w:p>";
    const std::string docx = tmp.write("opposed.docx", test::build_docx(parts));
    const test::RunResult run = test::accord({"import", docx, "--as", "a.md", "--by", "Chair",
                                              "--date", "2024-11-14", "--add-delegations"},
                                             in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(slurp(repo + "/a.md"),
              "Parties are invited to provide submissions ~~by 2025~~ on their experience.\n");
    const std::string subjects = git(repo, {"log", "--format=%an|%s"}).out;
    EXPECT_TRUE(contains(subjects, "Canada|Canada: delete")) << subjects;
    for (const std::string name : {"China", "Brazil", "India", "Japan", "Mexico", "European Union",
                                   "United States", "Norway", "Peru", "Chile"}) {
        const test::RunResult positions = test::accord({"positions", "--by", name}, in(repo));
        ASSERT_EQ(positions.exit_code, 0) << positions.err;
        EXPECT_TRUE(contains(positions.out, "submissions by 2025")) << name << positions.out;
        const std::string proposals =
            git(repo, {"log", "--format=%s", "--author=" + name, "--", "a.md"}).out;
        EXPECT_EQ(proposals, "") << name << " proposed nothing";
    }
    const std::string china = test::accord({"positions", "--by", "China"}, in(repo)).out;
    std::size_t said_by_china = 0;
    for (std::size_t at = china.find("against the deletion"); at != std::string::npos;
         at = china.find("against the deletion", at + 1))
        ++said_by_china;
    EXPECT_EQ(said_by_china, 2u) << "the comment and the reply: " << china;
}

// What the import could not take as given is said: an --author mapping no
// name of the document matched (a typo would otherwise leave the change
// with the person's name), and changes with no date or dated before the base.
TEST(WordImportWarnings, UnmatchedMappingsAndDatesNotTakenAreSaid) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    test::DocxParts parts;
    parts.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">States should </w:t></w:r>"
        "<w:ins w:id=\"1\" w:author=\"Xavier Tibau Alberdi\" w:date=\"2024-10-01T10:00:00Z\">"
        "<w:r><w:t xml:space=\"preserve\">further </w:t></w:r></w:ins>"
        "<w:ins w:id=\"2\" w:author=\"Japan\"><w:r><w:t xml:space=\"preserve\">greatly "
        "</w:t></w:r></w:ins><w:r><w:t>act.</w:t></w:r></w:p>";
    const std::string docx = tmp.write("in.docx", test::build_docx(parts));
    const test::RunResult run =
        test::accord({"import", docx, "--as", "a.md", "--by", "Chair", "--date", "2024-11-01",
                      "--add-delegations", "--author", "Xavier Tibau=European Union"},
                     in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(contains(run.err, "--author 'Xavier Tibau=European Union' matches no author"))
        << run.err;
    EXPECT_TRUE(contains(run.err, "1 tracked change(s) or comment(s) carry no date")) << run.err;
    EXPECT_TRUE(contains(run.err,
                         "1 tracked change(s) or comment(s) are dated before the base "
                         "text (2024-11-01T12:00:00Z)"))
        << run.err;
}

TEST(WordImportRefusals, DryRunPlansAndWritesNothing) {
    ACCORD_REQUIRE_CORPUS("unfccc-art6.2-2024/party-inputs.docx");
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    const test::RunResult dry =
        test::accord({"import", party_inputs(), "--as", "decision.md", "--dry-run"}, in(repo));
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_TRUE(contains(dry.out, "would import")) << dry.out;
    EXPECT_TRUE(contains(dry.err, "not in accord.yaml")) << dry.err;
    EXPECT_FALSE(fs::exists(repo + "/decision.md"));
}

// An import killed while it records (SIGKILL where ACCORD_TEST_CRASH_AT
// names) is whole or absent once the next accord command has run: killed
// after the branch moved, `accord recover` finishes it, as uninterrupted;
// killed before, nothing was recorded and the import can be run again.
TEST(WordImportKilled, IsFinishedOrLeavesNothing) {
    ACCORD_REQUIRE_CORPUS("unfccc-art6.2-2024/party-inputs.docx");
    const std::vector<std::string> import = {"import", party_inputs(), "--as", "decision.md",
                                             "--add-delegations"};
    constexpr int kKilled = 128 + 9;

    test::NegotiationRepo before;
    const std::string registry = before.read("accord.yaml");
    const std::string started = before.head();  // accord init's first commit
    ASSERT_EQ(before.accord(import, {"ACCORD_TEST_CRASH_AT=journal-written"}).exit_code, kKilled);
    const test::RunResult nothing = before.accord({"recover"});
    EXPECT_EQ(nothing.exit_code, 0) << nothing.err;
    EXPECT_EQ(before.head(), started);  // the branch as it was
    EXPECT_EQ(before.read("accord.yaml"), registry);
    EXPECT_FALSE(fs::exists(before.path("decision.md")));
    const test::RunResult again = before.accord(import);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(before.status(), "");

    test::NegotiationRepo after;
    ASSERT_EQ(after.accord(import, {"ACCORD_TEST_CRASH_AT=branch-moved"}).exit_code, kKilled);
    const test::RunResult recover = after.accord({"recover"});
    EXPECT_TRUE(contains(recover.out, "finished the interrupted 'accord import'")) << recover.out;
    EXPECT_EQ(after.status(), "");
    EXPECT_EQ(after.read("decision.md"), after.show("HEAD:decision.md"));
    // The same history as the import that ran to its end.
    for (const std::vector<std::string>& question :
         {std::vector<std::string>{"rev-parse", "HEAD^{tree}"},
          std::vector<std::string>{"rev-list", "--count", "HEAD"},
          // Not accord init's own commits, made at different moments.
          std::vector<std::string>{"log", "--format=%an %ad %s", "--date=iso",
                                   "--min-parents=1"}}) {
        EXPECT_EQ(after.git(question).out, before.git(question).out) << question[0];
    }
}

// `docx` (a file) with its word/document.xml passed through `edit`, as
// Word would edit it, and `comments` (the inside of <w:comments>) added
// when given; every other part as it was.
std::string edited_docx(const std::string& docx,
                        const std::function<std::string(std::string)>& edit,
                        const std::string& comments = "") {
    zip::OpenResult opened = zip::open_file(docx);
    EXPECT_TRUE(opened.archive) << opened.error.message;
    if (!opened.archive) return "";
    zip::Writer writer;
    for (const zip::EntryInfo& entry : opened.archive->entries()) {
        std::string bytes = opened.archive->read(entry.name).bytes;
        if (entry.name == "word/document.xml") bytes = edit(bytes);
        if (entry.name == "word/_rels/document.xml.rels" && !comments.empty())
            bytes.insert(
                bytes.rfind("</Relationships>"),
                "<Relationship Id=\"rIdComments\" Type=\"http://schemas.openxmlformats.org/"
                "officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/>");
        writer.add(entry.name, bytes);
    }
    if (!comments.empty())
        writer.add("word/comments.xml", std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                                    "<w:comments ") +
                                            test::kWordNamespaces + ">" + comments +
                                            "</w:comments>");
    return writer.finish().bytes;
}

// `text` with its one `old` replaced by `now`; a test failure when `old`
// is not there exactly once (the compiled document is not as the test
// expects).
std::string replaced_once(std::string text, const std::string& old, const std::string& now) {
    const std::size_t at = text.find(old);
    EXPECT_TRUE(at != std::string::npos && text.find(old, at + 1) == std::string::npos)
        << old << "\nin\n"
        << text;
    if (at != std::string::npos) text.replace(at, old.size(), now);
    return text;
}

// Word's XML for wording the United States typed with changes tracked: a
// run, and a whole paragraph (its break inserted too).
std::string us_inserted(const std::string& words) {
    return "<w:ins w:id=\"901\" w:author=\"United States\" w:date=\"2024-03-01T10:00:00Z\">"
           "<w:r><w:t xml:space=\"preserve\">" +
           words + "</w:t></w:r></w:ins>";
}
std::string us_paragraph(const std::string& words) {
    return "<w:p><w:pPr><w:rPr><w:ins w:id=\"902\" w:author=\"United States\" "
           "w:date=\"2024-03-01T10:00:00Z\"/></w:rPr></w:pPr>" +
           us_inserted(words) + "</w:p>";
}

// A negotiation of two texts, a.md by Japan and b.md by Sweden, compiled
// into c.docx, each text under a heading naming it.
class TwoTextCompilation : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
        tmp.write("neg/a.md", "1. Parties shall cooperate.\n\n2. Second paragraph.\n");
        tmp.write("neg/b.md", "1. Text b.\n");
        for (const auto& [path, by] : {std::pair{"a.md", "Japan"}, std::pair{"b.md", "Sweden"}})
            ASSERT_EQ(test::accord({"propose", path, "--by", by, "--add-delegation", by}, in(repo))
                          .exit_code,
                      0);
        ASSERT_EQ(test::accord({"compile", "--format", "docx", "-o", compiled}, in(repo)).exit_code,
                  0);
    }

    test::RunResult import(const std::string& docx) {
        return test::accord({"import", docx, "--add-delegations"}, in(repo));
    }

    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    const std::string compiled = tmp.file("c.docx");
    // What accord writes around the texts: a's last paragraph closing its
    // bookmark, and the heading naming b.md.
    const std::string a_end = "2. Second paragraph.</w:t></w:r><w:bookmarkEnd w:id=\"0\"/></w:p>";
    const std::string b_heading =
        "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t "
        "xml:space=\"preserve\">b</w:t></w:r></w:p>";
};

// Word leaves a paragraph added after a text's last one (Enter at its end)
// or just under its heading outside the text's bookmark: it is still that
// text's, the delegation's proposal like any tracked insertion (found by a
// tester: both were dropped without a word).
TEST_F(TwoTextCompilation, ParagraphsAddedAtATextsEdgesAreItsOwn) {
    const std::string docx = tmp.write(
        "us.docx", edited_docx(compiled, [&](std::string xml) {
            xml = replaced_once(xml, a_end, a_end + us_paragraph("3. A new last paragraph."));
            return replaced_once(xml, b_heading, b_heading + us_paragraph("0. A new first one."));
        }));
    const test::RunResult run = import(docx);
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_FALSE(contains(run.err, "left out")) << run.err;
    EXPECT_EQ(slurp(repo + "/a.md"),
              "1. Parties shall cooperate.\n\n2. Second paragraph.\n\n[3. A new last "
              "paragraph.]\n");
    EXPECT_EQ(slurp(repo + "/b.md"), "[0. A new first one.]\n\n1. Text b.\n");
    for (const std::string path : {"a.md", "b.md"})
        EXPECT_EQ(git(repo, {"log", "-1", "--format=%an", "--", path}).out, "United States\n")
            << path;
}

// A delegate presses Enter at the end of a paragraph and types a new one
// (changes tracked): accord wrote the blank line between paragraphs as an
// empty Word paragraph, so the new one sits right under the old one. It is
// a paragraph of the text, a blank line before it, with either --changes
// (found by a tester: it came back as a new line of the paragraph above).
TEST_F(TwoTextCompilation, AParagraphAddedWithEnterIsAParagraphOfItsOwn) {
    const std::string first = "1. Parties shall cooperate.</w:t></w:r></w:p>";
    const std::string docx =
        tmp.write("us.docx", edited_docx(compiled, [&](std::string xml) {
                      return replaced_once(xml, first, first + us_paragraph("2. A new paragraph."));
                  }));
    const std::string before = git(repo, {"rev-parse", "HEAD"}).out;
    for (const std::string changes : {"bracket", "accept"}) {
        ASSERT_EQ(git(repo, {"reset", "-q", "--hard", before.substr(0, 40)}).exit_code, 0);
        const test::RunResult run =
            test::accord({"import", docx, "--add-delegations", "--changes", changes}, in(repo));
        ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
        EXPECT_EQ(slurp(repo + "/a.md"), changes == "bracket"
                                             ? "1. Parties shall cooperate.\n\n[2. A new "
                                               "paragraph.]\n\n2. Second paragraph.\n"
                                             : "1. Parties shall cooperate.\n\n2. A new "
                                               "paragraph.\n\n2. Second paragraph.\n")
            << changes;
        const test::RunResult check = test::accord({"check", "a.md"}, in(repo));
        EXPECT_TRUE(contains(check.out, "3 paragraphs")) << changes << "\n" << check.out;
    }
}

// Word's XML for a paragraph break Brazil inserted ("ins", Enter) or
// deleted ("del", two paragraphs joined) with changes tracked.
std::string brazil_break(const std::string& kind) {
    return "<w:pPr><w:rPr><w:" + kind +
           " w:id=\"903\" w:author=\"Brazil\" w:date=\"2024-03-01T10:00:00Z\"/></w:rPr></w:pPr>";
}

// A delegate joins two paragraphs in Word (deleting the break after the
// first and the empty paragraph between, changes tracked) and deletes the
// second's number: with either --changes the join is in the text, Brazil's
// proposal, and the log and diff name it (found by a tester: with changes
// bracketed it vanished, the commit saying "3 changes" and holding one).
TEST_F(TwoTextCompilation, ParagraphsJoinedInWordAreJoinedAndSaidSo) {
    const std::string opening = "<w:p><w:bookmarkStart w:id=\"0\"";
    const std::string docx = tmp.write(
        "br.docx", edited_docx(compiled, [&](std::string xml) {
            xml = replaced_once(xml, opening, "<w:p>" + brazil_break("del") + opening.substr(5));
            xml = replaced_once(xml, "<w:p></w:p>", "<w:p>" + brazil_break("del") + "</w:p>");
            return replaced_once(
                xml, "<w:r><w:t xml:space=\"preserve\">2. Second paragraph.</w:t></w:r>",
                "<w:del w:id=\"904\" w:author=\"Brazil\" w:date=\"2024-03-01T10:00:00Z\"><w:r>"
                "<w:delText>2.</w:delText></w:r></w:del><w:r><w:t xml:space=\"preserve\"> "
                "Second paragraph.</w:t></w:r>");
        }));
    const std::string before = git(repo, {"rev-parse", "HEAD"}).out;
    for (const std::string changes : {"bracket", "accept"}) {
        ASSERT_EQ(git(repo, {"reset", "-q", "--hard", before.substr(0, 40)}).exit_code, 0);
        const test::RunResult run =
            test::accord({"import", docx, "--add-delegations", "--changes", changes}, in(repo));
        ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
        EXPECT_EQ(slurp(repo + "/a.md"), changes == "bracket"
                                             ? "1. Parties shall cooperate.~~2.~~ Second "
                                               "paragraph.\n"
                                             : "1. Parties shall cooperate. Second paragraph.\n")
            << changes;
        EXPECT_EQ(git(repo, {"log", "-1", "--format=%an", "--", "a.md"}).out, "Brazil\n");
        const test::RunResult diff = test::accord({"diff", "HEAD~1", "HEAD"}, in(repo));
        EXPECT_TRUE(contains(diff.out, "paragraph-merged")) << changes << "\n" << diff.out;
    }
}

// A delegate splits a paragraph with Enter (changes tracked): the parts are
// two paragraphs, a blank line between, and the diff names the split
// (found by a tester: they came back as two lines of one paragraph, and
// diff and log said nothing changed).
TEST_F(TwoTextCompilation, AParagraphSplitInWordIsTwoParagraphsAndSaidSo) {
    const std::string opening =
        "<w:p><w:bookmarkStart w:id=\"0\" w:name=\"_accord_text_0\"/><w:r><w:t "
        "xml:space=\"preserve\">1. Parties shall cooperate.</w:t></w:r></w:p>";
    const std::string docx = tmp.write(
        "br.docx", edited_docx(compiled, [&](std::string xml) {
            return replaced_once(xml, opening,
                                 "<w:p>" + brazil_break("ins") +
                                     "<w:bookmarkStart w:id=\"0\" w:name=\"_accord_text_0\"/>"
                                     "<w:r><w:t xml:space=\"preserve\">1. Parties shall "
                                     "</w:t></w:r></w:p><w:p><w:r><w:t>cooperate.</w:t></w:r>"
                                     "</w:p>");
        }));
    const std::string before = git(repo, {"rev-parse", "HEAD"}).out;
    for (const std::string changes : {"bracket", "accept"}) {
        ASSERT_EQ(git(repo, {"reset", "-q", "--hard", before.substr(0, 40)}).exit_code, 0);
        const test::RunResult run =
            test::accord({"import", docx, "--add-delegations", "--changes", changes}, in(repo));
        ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
        EXPECT_EQ(slurp(repo + "/a.md"),
                  "1. Parties shall \n\ncooperate.\n\n2. Second paragraph.\n")
            << changes;
        const test::RunResult diff = test::accord({"diff", "HEAD~1", "HEAD"}, in(repo));
        EXPECT_TRUE(contains(diff.out, "paragraph-split")) << changes << "\n" << diff.out;
    }
}

// An Option paragraph a delegate adds in Word with changes tracked, as
// accord's compilation shows options, is read as an alternative paragraph
// proposed, its label before its bracket (found by a tester:
// "[    **Option 3:** ...]" was a paragraph of other wording).
TEST(WordImport, AnOptionAddedInWordIsAnAlternativeParagraph) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    tmp.write("neg/a.md",
              "5. Support\n\n    Option 1: Developed countries shall provide support.\n\n"
              "    Option 2: No text.\n\n6. Final paragraph.\n");
    ASSERT_EQ(
        test::accord({"propose", "a.md", "--by", "Japan", "--add-delegation", "Japan"}, in(repo))
            .exit_code,
        0);
    const std::string compiled = tmp.file("c.docx");
    ASSERT_EQ(test::accord({"compile", "--format", "docx", "-o", compiled}, in(repo)).exit_code, 0);
    const std::string us = "w:author=\"United States\" w:date=\"2024-03-01T10:00:00Z\"";
    // Enter twice at the end of Option 2: its break and the empty
    // paragraph's are new, the new paragraph ends with Option 2's old one.
    const std::string option2 =
        "<w:r><w:t xml:space=\"preserve\">    Option 2: No text.</w:t></w:r></w:p>";
    const std::string docx = tmp.write(
        "us.docx", edited_docx(compiled, [&](std::string xml) {
            const std::string mark =
                "<w:pPr><w:rPr><w:ins w:id=\"905\" " + us + "/></w:rPr></w:pPr>";
            return replaced_once(
                xml, "<w:p>" + option2,
                "<w:p>" + mark + option2 + "<w:p>" + mark + "</w:p><w:p><w:ins w:id=\"906\" " + us +
                    "><w:r><w:t xml:space=\"preserve\">    </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
                    "<w:t>Option 3:</w:t></w:r><w:r><w:t xml:space=\"preserve\"> Support through "
                    "the Fund.</w:t></w:r></w:ins></w:p>");
        }));
    const test::RunResult run = test::accord({"import", docx, "--add-delegations"}, in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_EQ(slurp(repo + "/a.md"),
              "5. Support\n\n    Option 1: Developed countries shall provide support.\n\n"
              "    Option 2: No text.\n\n    **Option 3:** [Support through the Fund.]\n\n"
              "6. Final paragraph.\n");
    const test::RunResult check = test::accord({"check", "a.md"}, in(repo));
    EXPECT_TRUE(contains(check.out, "3 alternative paragraphs")) << check.out;
    const test::RunResult diff = test::accord({"diff", "HEAD~1", "HEAD"}, in(repo));
    EXPECT_TRUE(contains(diff.out, "alternative-paragraph-added")) << diff.out;
}

// A compilation of three texts, one of them changed by a Word author the
// import maps with --author: the mapping is used, so it is not said to
// match nothing, and no warning is said once per text. The document's last
// author ("accord", which wrote it) names no base: the texts are in the
// repository, so nothing is recorded under that name and it is not said to
// be unknown; nor is a base said to be dated before the document's
// creation, as none is recorded (found by a tester). The change keeps its
// date.
TEST(WordImportWarnings, ACompilationsWarningsAreSaidOnceAndOnlyWhenTrue) {
    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    tmp.write("neg/accord.yaml",
              "negotiation: T\ndelegations:\n  - name: Japan\n  - name: Sweden\n");
    ASSERT_EQ(git(repo, {"commit", "-qam", "registry"}).exit_code, 0);
    tmp.write("neg/a.md", "One text here.\n");
    tmp.write("neg/b.md", "Two text here.\n");
    tmp.write("neg/c.md", "Three text here.\n");
    ASSERT_EQ(test::accord({"propose", "a.md", "b.md", "c.md", "--by", "Japan", "--date",
                            "2014-02-07", "-m", "draft"},
                           in(repo))
                  .exit_code,
              0);
    const std::string compiled = tmp.file("c.docx");
    ASSERT_EQ(test::accord({"compile", "--format", "docx", "-o", compiled}, in(repo)).exit_code, 0);
    const std::string docx = tmp.write(
        "c2.docx", edited_docx(compiled, [&](std::string xml) {
            return replaced_once(
                xml, "One text here.</w:t></w:r>",
                "One </w:t></w:r><w:ins w:id=\"9\" w:author=\"Sweden delegate\" "
                "w:date=\"2014-01-10T10:00:00Z\"><w:r><w:t xml:space=\"preserve\">new "
                "</w:t></w:r></w:ins><w:r><w:t xml:space=\"preserve\">text here.</w:t></w:r>");
        }));
    const test::RunResult run =
        test::accord({"import", docx, "--author", "Sweden delegate=Sweden"}, in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_EQ(slurp(repo + "/a.md"), "One [new ]text here.\n");
    EXPECT_EQ(git(repo, {"log", "-1", "--format=%an %aI"}).out,
              "Sweden 2014-01-10T10:00:00+00:00\n");
    EXPECT_FALSE(contains(run.err, "matches no author")) << run.err;
    EXPECT_FALSE(contains(run.err, "recorded as written")) << run.err;
    EXPECT_FALSE(contains(run.err, "before the document's creation date")) << run.err;
    std::set<std::string> said;
    for (const std::string& line : lines(run.err))
        EXPECT_TRUE(said.insert(line).second) << "said twice: " << line;
}

// Words typed into the heading that names a text, and a comment anchored
// on it, are in no text: accord writes the headings itself. The texts'
// changes are imported, and each of those is named in a warning with its
// author, its words and where it is (found by a tester: both were dropped
// without a word).
TEST_F(TwoTextCompilation, ChangesAndCommentsOutsideEveryTextAreNamed) {
    const std::string on_heading =
        "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:commentRangeStart w:id=\"1\"/>"
        "<w:r><w:t xml:space=\"preserve\">b</w:t></w:r>" +
        us_inserted(" [heading words]") +
        "<w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference w:id=\"1\"/></w:r></w:p>";
    const std::string docx = tmp.write(
        "us.docx",
        edited_docx(
            compiled,
            [&](std::string xml) {
                xml = replaced_once(xml, b_heading, on_heading);
                return replaced_once(xml, "1. Text b.</w:t></w:r>",
                                     "1. Text b.</w:t></w:r>" + us_inserted(" Revised."));
            },
            "<w:comment w:id=\"1\" w:author=\"Secretariat\" w:date=\"2024-03-07T10:00:00Z\"><w:p>"
            "<w:r><w:t>US: Delete this whole text; China against</w:t></w:r></w:p></w:comment>"));
    const test::RunResult run = import(docx);
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_TRUE(contains(run.err, "us.docx: left out, in no text")) << run.err;
    EXPECT_TRUE(contains(run.err,
                         "United States inserted \u201c[heading words]\u201d in the "
                         "heading \u201c"
                         "b\u201d above b.md"))
        << run.err;
    EXPECT_TRUE(contains(run.err,
                         "comment 1 by Secretariat (\u201cUS: Delete this whole text; "
                         "China against\u201d) on the heading \u201c"
                         "b\u201d above b.md"))
        << run.err;
    // The change inside the text is recorded; the texts hold nothing else.
    EXPECT_EQ(slurp(repo + "/b.md"), "1. Text b.[ Revised.]\n");
    EXPECT_EQ(slurp(repo + "/a.md"), "1. Parties shall cooperate.\n\n2. Second paragraph.\n");
    EXPECT_EQ(git(repo, {"log", "-1", "--format=%an", "--", "b.md"}).out, "United States\n");
}

// The United States deletes "cooperate " (tracked) just before Japan's
// strike of "on finance": its strike stays apart from Japan's, and blame
// still gives Japan's marks to Japan (found by a tester: the two became one
// strike, its opening mark credited to the United States).
// Japan's text with a strike, compiled into c.docx.
class JapansStrikeCompiled : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
        tmp.write("neg/a.md", "Parties shall cooperate ~~on finance~~ with all.\n");
        ASSERT_EQ(test::accord({"propose", "a.md", "--by", "Japan", "--add-delegation", "Japan"},
                               in(repo))
                      .exit_code,
                  0);
        ASSERT_EQ(test::accord({"compile", "--format", "docx", "-o", compiled}, in(repo)).exit_code,
                  0);
    }

    test::TempDir tmp;
    const std::string repo = tmp.file("neg");
    const std::string compiled = tmp.file("c.docx");
};

TEST_F(JapansStrikeCompiled, ADeletionBesideAnotherPartysStrikeKeepsItsMarksApart) {
    const std::string docx = tmp.write(
        "us.docx", edited_docx(compiled, [](std::string xml) {
            return replaced_once(
                xml, "Parties shall cooperate </w:t></w:r>",
                "Parties shall </w:t></w:r><w:del w:id=\"901\" w:author=\"United States\" "
                "w:date=\"2024-03-01T10:00:00Z\"><w:r><w:delText xml:space=\"preserve\">cooperate "
                "</w:delText></w:r></w:del>");
        }));
    const test::RunResult run = test::accord({"import", docx, "--add-delegations"}, in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_EQ(slurp(repo + "/a.md"), "Parties shall ~~cooperate~~ ~~on finance~~ with all.\n");
    const test::RunResult blame = test::accord({"blame", "a.md"}, in(repo));
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    bool japans_strike = false;
    for (const std::string& line : lines(blame.out))
        japans_strike =
            japans_strike || (contains(line, "Japan") && contains(line, "~~on finance~~"));
    EXPECT_TRUE(japans_strike) << blame.out;
}

// The United States types "~~fully " into a tracked insertion beside
// Japan's strike: the typed "~~" pairs with Japan's marks and the text no
// longer checks. It is recorded as the document gives it, but said: the
// commit carries Notation-errors (as a server's guard requires) and a
// warning names the document, the change and the error (found by a
// tester: neither was said).
TEST_F(JapansStrikeCompiled, TypedMarksThatBreakTheTextAreRecordedSayingSo) {
    const std::string docx = tmp.write(
        "us.docx", edited_docx(compiled, [](std::string xml) {
            return replaced_once(xml, "Parties shall cooperate </w:t></w:r>",
                                 "Parties shall cooperate </w:t></w:r>" + us_inserted("~~fully "));
        }));
    const test::RunResult run = test::accord({"import", docx, "--add-delegations"}, in(repo));
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_TRUE(contains(run.err,
                         "us.docx: United States: inserted \u201c~~fully\u201d: leaves "
                         "a.md with 1 new notation error, the first at a.md:1:"))
        << run.err;
    EXPECT_TRUE(contains(run.err, "(unclosed-strike)")) << run.err;
    EXPECT_EQ(git(repo, {"log", "-1", "--format=%(trailers:key=Notation-errors,valueonly)"}).out,
              "1\n\n");
    EXPECT_EQ(test::accord({"check", "a.md"}, in(repo)).exit_code, 1);
}

}  // namespace
}  // namespace accord
