// accord blame and accord who through the real binary, on a repository whose
// history the test writes: every word's true proposer is known.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include <cstring>
#include <map>
#include <regex>
#include <sstream>

#include "core/store/repository.hpp"
#include "core/util/date.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

class Blame : public ::testing::Test {
  protected:
    void SetUp() override {
        repo_.emplace(Repository::init(dir.path()));
        dir.write("accord.yaml",
                  "negotiation: test\ndelegations:\n  - name: Japan\n  - name: Sweden\n"
                  "  - name: Russian Federation\n    aliases: [RF]\n  - name: Chair\n");
        propose("Japan", "2014-02-07",
                "Maintains the democratic multistakeholder approach and encourages stakeholders to "
                "participate.\n");
        propose("Sweden", "2014-02-20",
                "Maintains the approach and encourages [all] stakeholders to participate.\n");
        propose("RF", "2014-02-25",
                "Maintains the democratic multistakeholder approach and encourages [all][relevant] "
                "stakeholders "
                "to ~~participate~~.\n");
        propose("Chair", "2014-05-01",
                "Maintains the democratic multistakeholder approach and encourages relevant "
                "stakeholders "
                "to ~~participate~~.\n");
    }

    void propose(const std::string& by, const std::string& day, const std::string& text) {
        CommitRequest request;
        request.files = {{"A/01.md", text}};
        if (!config_written_)
            request.files.push_back({"accord.yaml", test::read_all(dir.file("accord.yaml"))});
        config_written_ = true;
        const std::int64_t time = day_start_utc(*parse_iso_date(day)) + 12 * 3600;
        request.author = {"Secretariat", "secretariat@example.org", time, 0};
        request.committer = request.author;
        request.message = "Proposal\n\nProposed-by: " + by + "\n";
        request.write_worktree = true;
        commits.push_back(repo_->commit_files(request));
    }

    test::RunResult run(const std::vector<std::string>& args) {
        test::RunOptions options;
        options.cwd = dir.path();
        return test::accord(args, options);
    }

    // The proposers of the span covering the first byte of `word` in the JSON.
    std::string proposer_of(const std::string& json, const std::string& text) {
        std::string escaped;
        for (char c : text)
            escaped += std::string(std::strchr("[]().*+?^$|{}\\", c) ? "\\" : "") + c;
        const std::regex span(
            "\"text\": \"" + escaped +
            "\",\\s*\"commit\": \"[0-9a-f]+\",\\s*\"proposers\": \\[\\s*\"([^\"]+)\"");
        std::smatch m;
        return std::regex_search(json, m, span) ? m[1].str() : "(no span \"" + text + "\")";
    }

    // Every span's text and first proposer, in order.
    std::vector<std::pair<std::string, std::string>> spans(const std::string& json) {
        const std::regex span(
            "\"text\": \"([^\"]*)\",\\s*\"commit\": \"[0-9a-f]+\",\\s*\"proposers\": "
            "\\[\\s*\"([^\"]+)\"");
        std::vector<std::pair<std::string, std::string>> out;
        for (auto it = std::sregex_iterator(json.begin(), json.end(), span);
             it != std::sregex_iterator(); ++it) {
            out.emplace_back((*it)[1], (*it)[2]);
        }
        return out;
    }

    test::TempDir dir;
    std::optional<Repository> repo_;
    std::vector<std::string> commits;
    bool config_written_ = false;
};

TEST_F(Blame, JsonAttributesWordsMarksAndRestorations) {
    const auto r = run({"blame", "--format", "json", "A/01.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"revision\": \"" + commits.back() + "\""), std::string::npos);
    // Japan's words, though Sweden deleted some and RF restored them.
    EXPECT_EQ(proposer_of(r.out, "Maintains the"), "Japan");
    EXPECT_EQ(proposer_of(r.out, "democratic multistakeholder"), "Japan");
    EXPECT_NE(r.out.find("\"restored_by\": \"" + commits[2] + "\""), std::string::npos) << r.out;
    // RF's option, chosen by the Chair, stays RF's; the strike marks are RF's.
    EXPECT_EQ(proposer_of(r.out, "relevant"), "Russian Federation");
    EXPECT_EQ(proposer_of(r.out, "~~"), "Russian Federation");
    EXPECT_EQ(proposer_of(r.out, "participate"), "Japan");
    EXPECT_EQ(r.out.find("\"text\": \"[\""), std::string::npos)
        << "the Chair's text has no brackets left";
}

TEST_F(Blame, SpansCoverEveryNonSpaceByteOnce) {
    const auto r = run({"blame", "--format", "json", "A/01.md"});
    const std::string text = test::read_all(dir.file("A/01.md"));
    std::vector<int> covered(text.size(), 0);
    const std::regex range("\"start\": (\\d+),\\s*\"end\": (\\d+)");
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), range);
         it != std::sregex_iterator(); ++it) {
        for (std::size_t i = std::stoul((*it)[1]); i < std::stoul((*it)[2]); ++i) ++covered[i];
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ' || text[i] == '\n') continue;
        EXPECT_EQ(covered[i], 1) << "byte " << i << " '" << text[i] << "'";
    }
}

TEST_F(Blame, TextViewGroupsRunsByProposal) {
    const auto r = run({"blame", "A/01.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Japan              2014-02-07  Maintains the\n"), std::string::npos)
        << r.out;
    EXPECT_NE(
        r.out.find("democratic multistakeholder  (restored by Russian Federation, 2014-02-25)"),
        std::string::npos)
        << r.out;
}

TEST_F(Blame, BlameAtAnEarlierDate) {
    const auto r = run({"blame", "--format", "json", "--at", "2014-02-26", "A/01.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // "[all][relevant]": Sweden's bracket, RF's option beside it.
    using P = std::pair<std::string, std::string>;
    const auto all = spans(r.out);
    const auto it = std::find(all.begin(), all.end(), P{"all", "Sweden"});
    ASSERT_NE(it, all.end()) << r.out;
    ASSERT_GE(all.end() - it, 5);
    EXPECT_EQ(*(it - 1), (P{"[", "Sweden"}));
    EXPECT_EQ(*(it + 1), (P{"]", "Sweden"}));
    EXPECT_EQ(*(it + 2), (P{"[", "Russian Federation"}));
    EXPECT_EQ(*(it + 3), (P{"relevant", "Russian Federation"}));
    EXPECT_EQ(*(it + 4), (P{"]", "Russian Federation"}));
}

TEST_F(Blame, WhoTellsTheStoryOfAWording) {
    auto r = run({"who", "democratic multistakeholder"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("first proposed by Japan on 2014-02-07 in A/01.md"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("2014-02-20  deleted by Sweden"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2014-02-25  restored by Russian Federation"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("It stands in the current text (agreed)."), std::string::npos) << r.out;

    r = run({"who", "relevant"});
    EXPECT_NE(r.out.find("first proposed by Russian Federation on 2014-02-25"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("agreed by Chair"), std::string::npos) << r.out;

    r = run({"who", "never said"});
    EXPECT_EQ(r.exit_code, 1);
    // With --format json, still one object for a tool to read.
    r = run({"who", "never said", "--format", "json"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("\"events\": []"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"current_state\": \"absent\""), std::string::npos) << r.out;
}

// The HTML legend counts the words each delegation proposed, as blame
// attributes them, not the runs of words.
TEST_F(Blame, HtmlLegendCountsWordsNotSpans) {
    const auto blame = run({"blame", "--format", "json", "A/01.md"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    std::map<std::string, std::size_t> words;
    const std::regex span(
        "\"kind\": \"text\",\\s*\"text\": \"([^\"]*)\",\\s*\"commit\": \"[0-9a-f]+\",\\s*"
        "\"proposers\": \\[\\s*\"([^\"]+)\"");
    const std::regex word("[A-Za-z0-9]+");
    for (auto it = std::sregex_iterator(blame.out.begin(), blame.out.end(), span);
         it != std::sregex_iterator(); ++it) {
        const std::string text = (*it)[1];
        words[(*it)[2]] += static_cast<std::size_t>(std::distance(
            std::sregex_iterator(text.begin(), text.end(), word), std::sregex_iterator()));
    }
    ASSERT_GT(words["Japan"], 5u);
    const auto html = run({"compile", "--format", "html"});
    ASSERT_EQ(html.exit_code, 0) << html.err;
    for (const auto& [name, count] : words) {
        const std::string entry = "data-delegation=\"" + name + "\" data-words=\"";
        const std::size_t at = html.out.find(entry);
        ASSERT_NE(at, std::string::npos) << name;
        EXPECT_EQ(std::stoul(html.out.substr(at + entry.size())), count) << name;
    }
}

// Several texts: what a proposal moves from one to another keeps its
// proposer; wording tabled again from another text is found with
// --across-texts; `who` follows wording from text to text.
class BlameAcrossTexts : public ::testing::Test {
  protected:
    void SetUp() override {
        repo_.emplace(Repository::init(dir.path()));
        propose("Japan", "2014-02-07",
                {{"A/01.md",
                  "Encourages cooperation [on capacity building for developing countries].\n"},
                 {"A/02.md", "Invites reports from the secretariat.\n"},
                 {"accord.yaml", "negotiation: test\n"}});
        propose("Sweden", "2014-02-10",
                {{"A/01.md",
                  "Encourages cooperation [with all relevant stakeholders] [on capacity building "
                  "for developing countries].\n"}});
        propose("Russian Federation", "2014-02-12",
                {{"A/01.md",
                  "Encourages cooperation [on capacity building for developing countries].\n"}});
        // India moves Japan's bracket to a new text, in one proposal.
        propose("India", "2014-02-14",
                {{"A/01.md", "Encourages cooperation [and participation].\n"},
                 {"A/03.md", "Notes [on capacity building for developing countries].\n"}});
        // Kenya tables again in A/02 what the Russian Federation deleted from A/01.
        propose("Kenya", "2014-02-20",
                {{"A/02.md",
                  "Invites reports from the secretariat [with all relevant stakeholders].\n"}});
    }

    // A file given without contents is deleted.
    void propose(const std::string& by, const std::string& day,
                 std::vector<std::pair<std::string, std::optional<std::string>>> files) {
        CommitRequest request;
        request.files = std::move(files);
        const std::int64_t time = day_start_utc(*parse_iso_date(day)) + 12 * 3600;
        request.author = {"Secretariat", "secretariat@example.org", time, 0};
        request.committer = request.author;
        request.message = "Proposal\n\nProposed-by: " + by + "\n";
        request.write_worktree = true;
        repo_->commit_files(request);
    }

    test::RunResult run(const std::vector<std::string>& args) {
        test::RunOptions options;
        options.cwd = dir.path();
        return test::accord(args, options);
    }

    // The first proposer and restored_by commit of the span holding `text`.
    std::pair<std::string, bool> of(const std::string& json, const std::string& text) {
        const std::regex span("\"text\": \"" + text +
                              "\",\\s*\"commit\": \"[0-9a-f]+\",\\s*\"proposers\": "
                              "\\[\\s*\"([^\"]+)\"\\s*\\],\\s*\"date\": \"[^\"]+\",\\s*"
                              "\"restored_by\": (null|\"[0-9a-f]+\")");
        std::smatch m;
        if (!std::regex_search(json, m, span)) return {"(no span \"" + text + "\")", false};
        return {m[1].str(), m[2].str() != "null"};
    }

    test::TempDir dir;
    std::optional<Repository> repo_;
};

TEST_F(BlameAcrossTexts, WordingMovedInOneProposalKeepsItsProposer) {
    const auto r = run({"blame", "--format", "json", "A/03.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto [who, restored] = of(r.out, "on capacity building for developing countries");
    EXPECT_EQ(who, "Japan") << r.out;
    EXPECT_FALSE(restored) << "a move is no restoration";
    EXPECT_EQ(of(r.out, "\\[").first, "India") << "the mover wrote the marks there";
}

// A text renamed (deleted under one name, added under another in one
// proposal) keeps its proposers; so does one deleted and then restored, its
// wording restored by whoever brought it back. Blame, and survival (which
// blames every text together), agree.
TEST_F(BlameAcrossTexts, ARenamedOrRestoredTextKeepsItsProposers) {
    const std::string invites =
        "Invites reports from the secretariat [with all relevant stakeholders].\n";
    propose("Chair", "2014-03-01", {{"A/02.md", std::nullopt}, {"B/02.md", invites}});
    const auto renamed = run({"blame", "--format", "json", "B/02.md"});
    ASSERT_EQ(renamed.exit_code, 0) << renamed.err;
    EXPECT_EQ(of(renamed.out, "Invites reports from the secretariat").first, "Japan");
    EXPECT_EQ(of(renamed.out, "with all relevant stakeholders").first, "Kenya");
    const auto kept = run({"survival", "--by", "Japan", "--format", "json"});
    ASSERT_EQ(kept.exit_code, 0) << kept.err;
    // Japan's 13 words stand (7) or stand bracketed (6): none gone with the old name.
    EXPECT_TRUE(std::regex_search(kept.out, std::regex("\"proposed\": 13,\\s*\"standing\": 7,"
                                                       "\\s*\"bracketed\": 6,\\s*\"struck\": "
                                                       "0,\\s*\"gone\": 0")))
        << kept.out;

    propose("Chair", "2014-03-05", {{"B/02.md", std::nullopt}});
    propose("Sweden", "2014-03-09", {{"B/02.md", invites}});
    const auto restored = run({"blame", "--format", "json", "B/02.md"});
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    EXPECT_EQ(of(restored.out, "Invites reports from the secretariat"),
              std::make_pair(std::string("Japan"), true));
}

// Renamed twice, by two proposals (A/02 -> B/02 by the Chair, B/02 ->
// decision.md by Sweden): blame follows both renames back to the
// proposers, as `who` does; the second renamer only moved the text.
TEST_F(BlameAcrossTexts, ATextRenamedTwiceKeepsItsProposers) {
    const std::string invites =
        "Invites reports from the secretariat [with all relevant stakeholders].\n";
    propose("Chair", "2014-03-01", {{"A/02.md", std::nullopt}, {"B/02.md", invites}});
    propose("Sweden", "2014-03-05", {{"B/02.md", std::nullopt}, {"decision.md", invites}});
    const auto r = run({"blame", "--format", "json", "decision.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(of(r.out, "Invites reports from the secretariat"),
              std::make_pair(std::string("Japan"), false))
        << r.out;
    EXPECT_EQ(of(r.out, "with all relevant stakeholders").first, "Kenya") << r.out;
    const auto sweden = run({"survival", "--by", "Sweden", "--format", "json"});
    ASSERT_EQ(sweden.exit_code, 0) << sweden.err;
    EXPECT_EQ(sweden.out.find("\"proposed\": 1"), std::string::npos)
        << "Sweden only moved the text: " << sweden.out;
}

// A paragraph G77 moved into a text that already stood (and renumbered on
// the way) stays the Chair's after that text is renamed: its versions at
// the old name are its own, and the wording moved into it there keeps its
// first proposer, as before the rename. Blame (with and without
// --across-texts), survival, who and the HTML legend agree: G77 proposed
// only the new number.
TEST_F(BlameAcrossTexts, WordingMovedIntoATextRenamedSinceKeepsItsProposer) {
    const std::string adapt =
        "Increasing the ability to adapt to the adverse impacts of climate change.";
    propose("Chair", "2015-10-01",
            {{"C/a.md", "1. First paragraph stays here in text a.\n\n2. " + adapt + "\n"},
             {"C/b.md", "1. Parties aim to reach global peaking.\n"}});
    const std::string moved = "1. Parties aim to reach global peaking.\n\n3. " + adapt + "\n";
    propose("G77", "2015-10-02",
            {{"C/a.md", "1. First paragraph stays here in text a.\n"}, {"C/b.md", moved}});
    const auto before = run({"blame", "--format", "json", "C/b.md"});
    ASSERT_EQ(before.exit_code, 0) << before.err;
    // The number G77 gave it is G77's, the rest (from ". Increasing") the Chair's.
    const std::string chairs = "\\. " + adapt;
    EXPECT_EQ(of(before.out, chairs).first, "Chair") << before.out;
    propose("Chair", "2015-10-03", {{"C/b.md", std::nullopt}, {"C/c.md", moved}});

    for (const bool across_texts : {false, true}) {
        std::vector<std::string> args = {"blame", "--format", "json", "C/c.md"};
        if (across_texts) args.push_back("--across-texts");
        const auto r = run(args);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(of(r.out, chairs), std::make_pair(std::string("Chair"), false)) << r.out;
        EXPECT_EQ(of(r.out, "3").first, "G77") << r.out;
    }
    // The new number stands; no word is gone.
    const auto survival = run({"survival", "--by", "G77", "--format", "json"});
    ASSERT_EQ(survival.exit_code, 0) << survival.err;
    EXPECT_TRUE(
        std::regex_search(survival.out, std::regex("\"outcome\": \"kept\",\\s*\"words\": "
                                                   "\\{\\s*\"proposed\": 1,\\s*\"standing\": 1,")))
        << survival.out;
    EXPECT_FALSE(std::regex_search(survival.out, std::regex("\"gone\": [1-9]"))) << survival.out;
    const auto who = run({"who", "adverse impacts of climate change"});
    ASSERT_EQ(who.exit_code, 0) << who.err;
    EXPECT_NE(who.out.find("first proposed by Chair on 2015-10-01 in C/a.md"), std::string::npos)
        << who.out;
    EXPECT_NE(who.out.find("in C/c.md."), std::string::npos) << who.out;
    const auto html = run({"compile", "--format", "html"});
    ASSERT_EQ(html.exit_code, 0) << html.err;
    EXPECT_NE(html.out.find("data-delegation=\"G77\" data-words=\"1\""), std::string::npos);
}

TEST_F(BlameAcrossTexts, WordingTabledAgainFromAnotherTextNeedsAcrossTexts) {
    auto r = run({"blame", "--format", "json", "A/02.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(of(r.out, "with all relevant stakeholders").first, "Kenya");
    r = run({"blame", "--format", "json", "--across-texts", "A/02.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto [who, restored] = of(r.out, "with all relevant stakeholders");
    EXPECT_EQ(who, "Sweden") << r.out;
    EXPECT_TRUE(restored);
    // The text view names the proposal of the other text and who restored it.
    r = run({"blame", "--across-texts", "A/02.md"});
    EXPECT_NE(r.out.find("(restored by Kenya, 2014-02-20)"), std::string::npos) << r.out;
}

TEST_F(BlameAcrossTexts, WhoFollowsWordingFromTextToText) {
    const auto r = run({"who", "capacity building for developing"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("first proposed by Japan on 2014-02-07 in A/01.md"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("moved to A/03.md by India"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("It stands in the current text (bracketed), in A/03.md."),
              std::string::npos)
        << r.out;
}

// Paths narrow `who` to some texts: a text, a directory (its texts), given
// relative to the current directory; JSON tells the same story.
TEST_F(BlameAcrossTexts, WhoWithPathsAndJson) {
    const std::string phrase = "capacity building for developing";
    auto r = run({"who", phrase, "--", "A/01.md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("first proposed by Japan on 2014-02-07 in A/01.md"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("2014-02-14  deleted by India"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("It is not in the current text."), std::string::npos) << r.out;

    test::RunOptions inside;
    inside.cwd = dir.file("A");
    r = test::accord({"who", phrase, "--", "03.md"}, inside);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("first proposed by India on 2014-02-14 in A/03.md"), std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("A/01.md"), std::string::npos) << r.out;

    const auto everywhere = run({"who", phrase});
    r = run({"who", phrase, "--", "A/"});
    EXPECT_EQ(r.out, everywhere.out);
    r = test::accord({"who", phrase, "--", "."}, inside);
    EXPECT_EQ(r.out, everywhere.out);

    r = run({"who", phrase, "--", "A/02.md"});
    EXPECT_EQ(r.exit_code, 1);

    r = run({"who", phrase, "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::regex events(
        "\"schema\": \"accord.who/1\",\\s*\"phrase\": \"capacity building for developing\",\\s*"
        "\"events\": \\[\\s*\\{\\s*\"state\": \"proposed\",\\s*\"path\": \"A/01.md\",[^}]*"
        "\"proposers\": \\[\\s*\"Japan\"\\s*\\]\\s*\\},\\s*"
        "\\{\\s*\"state\": \"moved\",\\s*\"path\": \"A/03.md\",[^}]*"
        "\"proposers\": \\[\\s*\"India\"\\s*\\]\\s*\\}\\s*\\],\\s*"
        "\"stands\": true,\\s*\"current_state\": \"bracketed\",\\s*\"current_path\": \"A/03.md\"");
    EXPECT_TRUE(std::regex_search(r.out, events)) << r.out;
}

// survival counts a proposal's words where they stand now: moved to another
// text, and with --across-texts tabled again in another text.
TEST_F(BlameAcrossTexts, SurvivalCountsWordingWhereItNowStands) {
    // proposed, standing, bracketed, struck, gone of the delegation's one proposal
    const auto figures = [](const std::string& out) {
        const std::regex line(
            "\\d{4}-\\d\\d-\\d\\d  \\w+ +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)  A/");
        std::smatch m;
        if (!std::regex_search(out, m, line)) return std::string("(no figures)");
        return m[1].str() + " " + m[2].str() + " " + m[3].str() + " " + m[4].str() + " " +
               m[5].str();
    };
    // Japan's bracket, moved by India to A/03, is bracketed there, not gone.
    auto r = run({"survival", "--by", "Japan"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(figures(r.out), "13 7 6 0 0") << r.out;
    // Sweden's bracket, deleted from A/01 and tabled again by Kenya in A/02.
    r = run({"survival", "--by", "Sweden"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(figures(r.out), "4 0 0 0 4") << r.out;
    r = run({"survival", "--by", "Sweden", "--across-texts"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(figures(r.out), "4 0 4 0 0") << r.out;
}

// The HTML compilation attributes as blame does, --across-texts included.
TEST_F(BlameAcrossTexts, HtmlCompilationAcrossTexts) {
    const auto words_of = [](const std::string& html, const std::string& delegation) {
        const std::regex entry("data-delegation=\"" + delegation + "\" data-words=\"(\\d+)\"");
        std::smatch m;
        return std::regex_search(html, m, entry) ? std::stoi(m[1].str()) : -1;
    };
    auto r = run({"compile", "--format", "html"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(words_of(r.out, "Kenya"), 4) << r.out;
    EXPECT_EQ(words_of(r.out, "Sweden"), 0);
    r = run({"compile", "--format", "html", "--across-texts"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(words_of(r.out, "Kenya"), 0);
    EXPECT_EQ(words_of(r.out, "Sweden"), 4);
}

// A proposal by `by` of `text` as `file`, `day` days after `first_day`,
// written to the work tree too.
void propose_text(Repository& repo, const std::string& file, const std::string& first_day,
                  const std::string& by, int day, const std::string& text) {
    CommitRequest request;
    request.files = {{file, text}};
    const std::int64_t time = day_start_utc(*parse_iso_date(first_day)) + day * 86400;
    request.author = {"Secretariat", "secretariat@example.org", time, 0};
    request.committer = request.author;
    request.message = "Proposal\n\nProposed-by: " + by + "\n";
    request.write_worktree = true;
    repo.commit_files(request);
}

// An Option paragraph is no agreement while other options stand beside it.
TEST(BlameWho, AnOptionIsNotAgreedUntilTheOthersAreGone) {
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    const auto propose = [&](const std::string& by, int day, const std::string& text) {
        propose_text(repo, "goal.md", "2015-12-01", by, day, text);
    };
    propose("ADP", 0, "To hold the increase [well below 2 degrees].\n");
    propose("Presidency", 3,
            "To hold the increase to\n\n**Option 1:** below 2 degrees,\n\n"
            "**Option 2:** well below 2 degrees,\n\n**Option 3:** below 1.5 degrees.\n");
    propose("COP", 5, "To hold the increase to well below 2 degrees.\n");
    test::RunOptions options;
    options.cwd = dir.path();
    const auto r = test::accord({"who", "well below 2"}, options);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2015-12-04  made one of several options by Presidency"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("agreed by Presidency"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2015-12-06  agreed by COP"), std::string::npos) << r.out;
}

// A bracket given a competing option (`[a]` becoming `[a][b]`) makes its
// wording one of several options, as Option paragraphs do.
TEST(BlameWho, ABracketGivenAnotherOptionMakesItsWordingAnOption) {
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    const auto propose = [&](const std::string& by, int day, const std::string& text) {
        propose_text(repo, "a.md", "2015-10-23", by, day, text);
    };
    propose("Chairs", 0, "Holding the increase [well below 2 degrees].\n");
    propose("AOSIS", 42, "Holding the increase [well below 2 degrees][below 1.5 degrees].\n");
    test::RunOptions options;
    options.cwd = dir.path();
    const auto r = test::accord({"who", "well below 2"}, options);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2015-12-04  made one of several options by AOSIS"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("It stands in the current text (one of several options)."),
              std::string::npos)
        << r.out;
}

// A phrase that runs through one option of a group was proposed with that
// option: the chair who later chose it agreed it, and did not propose it.
TEST(BlameWho, APhraseThroughAnOptionIsTheOptionsProposers) {
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    const auto propose = [&](const std::string& by, int day, const std::string& text) {
        propose_text(repo, "f.md", "2014-01-01", by, day, text);
    };
    propose("Sweden", 0, "Developed countries shall provide finance.\n");
    propose("Brazil", 1, "Developed countries shall provide [new and additional] finance.\n");
    propose("Japan", 2,
            "Developed countries shall provide [new and additional][adequate] finance.\n");
    propose("Chair", 3, "Developed countries shall provide adequate finance.\n");
    test::RunOptions options;
    options.cwd = dir.path();
    const auto r = test::accord({"who", "provide adequate finance"}, options);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("first proposed by Japan on 2014-01-03"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2014-01-04  agreed by Chair"), std::string::npos) << r.out;
}

TEST(BlameWho, APhraseStartingWithADashIsGivenWithE) {
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    CommitRequest request;
    request.files = {{"goal.md", "Emission reductions, -based on science, [shall] follow.\n"}};
    request.author = {"Secretariat", "secretariat@example.org", 1449000000, 0};
    request.committer = request.author;
    request.message = "Proposal\n\nProposed-by: Sweden\n";
    request.write_worktree = true;
    repo.commit_files(request);
    test::RunOptions options;
    options.cwd = dir.path();
    const auto found = test::accord({"who", "-e", "-based on"}, options);
    ASSERT_EQ(found.exit_code, 0) << found.err;
    EXPECT_NE(found.out.find("Sweden"), std::string::npos) << found.out;
    const auto missing = test::accord({"who"}, options);
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("-e PHRASE"), std::string::npos) << missing.err;
    const auto both = test::accord({"who", "based", "-e", "-based"}, options);
    EXPECT_EQ(both.exit_code, 2) << both.out;
}

// A history made with plain git (branches, merges resolved by hand), as a
// clone may bring: three delegations registered, a repository on main.
class PlainGitHistory : public ::testing::Test {
  protected:
    void SetUp() override {
        in.cwd = dir.path();
        git({"init", "-q", "-b", "main"});
        dir.write("accord.yaml",
                  "negotiation: t\ndelegations:\n  - name: Japan\n  - name: Sweden\n"
                  "  - name: Chair\n");
    }
    // Runs git in the repository; a failure is the test's unless `may_fail`
    // (a merge that conflicts on purpose).
    void git(const std::vector<std::string>& args, bool may_fail = false) {
        std::vector<std::string> argv = {"git", "-c", "user.name=S", "-c", "user.email=s@x"};
        argv.insert(argv.end(), args.begin(), args.end());
        const test::RunResult r = test::run(argv, in);
        if (!may_fail) {
            EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
        }
    }
    test::RunResult accord(const std::vector<std::string>& args) { return test::accord(args, in); }
    // The proposer blame gives the line that ends with `words`.
    std::string blamed(const std::string& blame, const std::string& words) {
        const std::size_t at = blame.find(words + "\n");
        if (at == std::string::npos) return "(not found)";
        const std::size_t start = blame.rfind('\n', at) + 1;
        return blame.substr(start, at - start);
    }

    test::TempDir dir;
    test::RunOptions in;
};

// Renamed on one branch, edited on the other, joined by a plain git merge:
// the edit is the editor's (git's merge found the rename), and blame and
// survival say so alike.
TEST_F(PlainGitHistory, AnEditMergedIntoARenamedTextKeepsItsProposer) {
    dir.write("a.md", "1. The Chair shall report annually to the Assembly on progress.\n");
    git({"add", "-A"});
    git({"commit", "-qm", "c", "-m", "Proposed-by: Chair"});
    git({"checkout", "-qb", "j"});
    git({"mv", "a.md", "b.md"});
    git({"commit", "-qm", "rename", "-m", "Proposed-by: Japan"});
    git({"checkout", "-q", "main"});
    dir.write("a.md", "1. The Chair shall report annually to the Assembly on progress made.\n");
    git({"commit", "-qam", "edit", "-m", "Proposed-by: Sweden"});
    git({"merge", "-q", "--no-ff", "j", "-m", "merge", "-m", "Proposed-by: Chair"});
    ASSERT_NE(test::read_all(dir.file("b.md")).find("progress made"), std::string::npos);

    const auto blame = accord({"blame", "b.md"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_NE(blamed(blame.out, "made").find("Sweden"), std::string::npos) << blame.out;
    EXPECT_NE(blamed(blame.out, "on progress").find("Chair"), std::string::npos) << blame.out;
    const auto survival = accord({"survival", "--by", "Sweden"});
    EXPECT_NE(survival.out.find("1 proposal: 1 kept"), std::string::npos) << survival.out;
}

// The text was moved on one line and edited at its old path on the other
// (a site that pulls after moving it): the merge's first parent holds the
// moved text. The edit is the editor's, the rest the first proposer's.
TEST_F(PlainGitHistory, AnEditPulledAcrossAMoveKeepsItsProposer) {
    dir.write("a.md",
              "1. The Chair shall report annually to the Assembly on progress.\n\n"
              "2. Observers may attend the sessions.\n");
    git({"add", "-A"});
    git({"commit", "-qm", "c", "-m", "Proposed-by: Chair"});
    git({"checkout", "-qb", "site"});
    dir.write("a.md",
              "1. The Chair shall report annually to the Assembly on progress.\n\n"
              "2. Observers may attend [all] the sessions.\n");
    git({"commit", "-qam", "edit", "-m", "Proposed-by: Sweden"});
    git({"checkout", "-q", "main"});
    git({"mv", "a.md", "b.md"});
    git({"commit", "-qm", "move", "-m", "Proposed-by: Japan"});
    git({"merge", "-q", "--no-ff", "site", "-m", "pull", "-m", "Proposed-by: Japan"});
    ASSERT_NE(test::read_all(dir.file("b.md")).find("[all]"), std::string::npos);

    const auto blame = accord({"blame", "b.md"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_NE(blamed(blame.out, "[all]").find("Sweden"), std::string::npos) << blame.out;
    EXPECT_NE(blamed(blame.out, "on progress.").find("Chair"), std::string::npos) << blame.out;
    EXPECT_EQ(blame.out.find("Japan"), std::string::npos) << "Japan only moved it: " << blame.out;
    const auto survival = accord({"survival", "--by", "Sweden"});
    EXPECT_NE(survival.out.find("1 bracketed"), std::string::npos) << survival.out;
}

// A merge that kept its first parent's text against the other side's
// later edit (git merge -s ours; a conflict settled with one side's file):
// blame, the attributed compilation and survival read the text the merge
// holds, not the edit it set aside (found by a tester: blame printed the
// branch's wording, and compile --format html failed).
TEST_F(PlainGitHistory, AMergeKeepingOneSidesTextIsBlamedAsItStands) {
    dir.write("a.md", "1. Parties [shall][should] cooperate.\n");
    git({"add", "-A"});
    git({"commit", "-qm", "c", "-m", "Proposed-by: Chair"});
    git({"checkout", "-qb", "site"});
    dir.write("a.md", "1. Parties [shall][should] cooperate from the branch.\n");
    git({"commit", "-qam", "edit", "-m", "Proposed-by: Sweden"});
    git({"checkout", "-q", "main"});
    git({"merge", "-q", "-s", "ours", "site", "-m", "keep ours", "-m", "Proposed-by: Japan"});
    ASSERT_EQ(test::read_all(dir.file("a.md")), "1. Parties [shall][should] cooperate.\n");

    const auto blame = accord({"blame", "a.md"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_EQ(blame.out.find("from the branch"), std::string::npos) << blame.out;
    EXPECT_EQ(blame.out.find("Sweden"), std::string::npos) << blame.out;
    EXPECT_NE(blamed(blame.out, "cooperate.").find("Chair"), std::string::npos) << blame.out;
    const auto html = accord({"compile", "--format", "html", "-o", "c.html"});
    EXPECT_EQ(html.exit_code, 0) << html.err;
    const auto survival = accord({"survival", "--by", "Sweden"});
    EXPECT_EQ(survival.exit_code, 0) << survival.err;
    EXPECT_NE(survival.out.find("1 deleted"), std::string::npos) << survival.out;
}

// The same when the site edited the old path after the move was made (a
// walk newest first meets the edit before the move that names its path).
TEST_F(PlainGitHistory, AnEditMadeAfterTheMoveAndPulledKeepsItsProposer) {
    const auto at_day = [&](int day) {
        const std::string date = "2014-01-0" + std::to_string(day) + "T10:00:00";
        in.environment = {"GIT_COMMITTER_DATE=" + date, "GIT_AUTHOR_DATE=" + date};
    };
    at_day(1);
    dir.write("a.md",
              "1. The Chair shall report annually to the Assembly on progress.\n\n"
              "2. Observers may attend the sessions.\n\n3. More text here.\n");
    git({"add", "-A"});
    git({"commit", "-qm", "c", "-m", "Proposed-by: Chair"});
    git({"branch", "site"});
    at_day(2);
    git({"mv", "a.md", "b.md"});
    git({"commit", "-qm", "move", "-m", "Proposed-by: Japan"});
    git({"checkout", "-q", "site"});
    at_day(3);
    dir.write("a.md",
              "1. The Chair shall report annually to the Assembly on progress.\n\n"
              "2. Observers may attend [all] the sessions.\n\n3. More text here.\n");
    git({"commit", "-qam", "edit", "-m", "Proposed-by: Sweden"});
    git({"checkout", "-q", "main"});
    at_day(4);
    git({"merge", "-q", "--no-ff", "site", "-m", "pull", "-m", "Proposed-by: Japan"});
    ASSERT_NE(test::read_all(dir.file("b.md")).find("[all]"), std::string::npos);

    const auto blame = accord({"blame", "b.md"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_NE(blamed(blame.out, "[all]").find("Sweden 2014-01-03"), std::string::npos) << blame.out;
    EXPECT_EQ(blame.out.find("Japan"), std::string::npos) << "Japan only moved it: " << blame.out;
}

// Both lines moved the text to the same path, one edited it after: the
// wording is still the first proposer's, the edit the editor's.
TEST_F(PlainGitHistory, ATextBothSidesMovedKeepsItsProposers) {
    const std::string first = "1. The Chair shall report annually to the Assembly on progress.\n\n";
    const std::string rest =
        "3. The secretariat shall publish the reports.\n\n"
        "4. The Assembly shall review them every second year.\n";
    dir.write("a.md", first + "2. Observers may attend the sessions.\n\n" + rest);
    git({"add", "-A"});
    git({"commit", "-qm", "c", "-m", "Proposed-by: Chair"});
    git({"checkout", "-qb", "site"});
    git({"mv", "a.md", "b.md"});
    git({"commit", "-qm", "move", "-m", "Proposed-by: Sweden"});
    dir.write("b.md", first + "2. Observers may attend [all] the sessions.\n\n" + rest);
    git({"commit", "-qam", "edit", "-m", "Proposed-by: Sweden"});
    git({"checkout", "-q", "main"});
    git({"mv", "a.md", "b.md"});
    git({"commit", "-qm", "move", "-m", "Proposed-by: Japan"});
    git({"merge", "-q", "--no-ff", "site", "-m", "merge", "-m", "Proposed-by: Chair"});
    ASSERT_NE(test::read_all(dir.file("b.md")).find("[all]"), std::string::npos);

    const auto blame = accord({"blame", "b.md"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_NE(blamed(blame.out, "[all]").find("Sweden"), std::string::npos) << blame.out;
    EXPECT_NE(blamed(blame.out, "second year.").find("Chair"), std::string::npos) << blame.out;
    EXPECT_EQ(blame.out.find("Japan"), std::string::npos) << "Japan only moved it: " << blame.out;
    // survival attributes every text in one walk: it follows the moves too.
    const auto survival = accord({"survival", "--by", "Chair"});
    EXPECT_NE(survival.out.find("1 kept"), std::string::npos) << survival.out;
}

// A redraft moved the text while main bracketed a word in it; the merge
// (main first) follows git's rename: the brackets are main's proposer's.
TEST_F(PlainGitHistory, BracketsMadeWhileARedraftMovedTheTextKeepTheirProposer) {
    dir.write("a.md", "1. Parties shall provide support.\n\n2. Second para.\n");
    git({"add", "-A"});
    git({"commit", "-qm", "c", "-m", "Proposed-by: Chair"});
    git({"checkout", "-qb", "redraft"});
    git({"mv", "a.md", "b.md"});
    git({"commit", "-qm", "move", "-m", "Proposed-by: Sweden"});
    git({"checkout", "-q", "main"});
    dir.write("a.md", "1. Parties shall provide support.\n\n2. [Second] para.\n");
    git({"commit", "-qam", "bracket", "-m", "Proposed-by: Japan"});
    git({"merge", "-q", "--no-ff", "redraft", "-m", "merge", "-m", "Proposed-by: Sweden"});
    ASSERT_NE(test::read_all(dir.file("b.md")).find("[Second]"), std::string::npos);

    const auto blame = accord({"blame", "b.md"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_NE(blamed(blame.out, "[").find("Japan"), std::string::npos) << blame.out;
    EXPECT_NE(blamed(blame.out, "Second").find("Chair"), std::string::npos) << blame.out;
    EXPECT_EQ(blame.out.find("Sweden"), std::string::npos) << "Sweden only moved it: " << blame.out;
}

// Two groups table a text at one path, most of its words alike; the merge
// brackets both. Each paragraph is its group's: the second group's words
// were paired with the first group's paragraph (the earlier of two alike)
// and credited to the merge.
TEST_F(PlainGitHistory, TwoGroupsTablingATextAtOnePathKeepTheirOwnParagraphs) {
    dir.write("t.md", "Existing text.\n");
    git({"add", "-A"});
    git({"commit", "-qm", "c", "-m", "Proposed-by: Chair"});
    git({"checkout", "-qb", "c"});
    dir.write("new.md", "New text on finance by group C.\n");
    git({"add", "-A"});
    git({"commit", "-qm", "c", "-m", "Proposed-by: Japan"});
    git({"checkout", "-qb", "d", "main"});
    dir.write("new.md", "New text on finance by group D.\n");
    git({"add", "-A"});
    git({"commit", "-qm", "d", "-m", "Proposed-by: Sweden"});
    git({"checkout", "-q", "c"});
    git({"merge", "-q", "--no-ff", "d", "-m", "merge"}, /*may_fail=*/true);
    dir.write("new.md", "[New text on finance by group C.]\n\n[New text on finance by group D.]\n");
    git({"add", "-A"});
    git({"commit", "-qm", "merge", "-m", "Proposed-by: Chair"});

    const auto blame = accord({"blame", "new.md"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_NE(blamed(blame.out, "New text on finance by group C.").find("Japan"), std::string::npos)
        << blame.out;
    EXPECT_NE(blamed(blame.out, "New text on finance by group D.").find("Sweden"),
              std::string::npos)
        << blame.out;
    const auto survival = accord({"survival", "--by", "Sweden"});
    EXPECT_NE(survival.out.find("0  new.md"), std::string::npos) << "none gone: " << survival.out;
}

// Moved away, edited there, and moved back to its first name: one text.
TEST_F(PlainGitHistory, ATextMovedBackKeepsItsProposers) {
    dir.write("a.md", "1. The Chair shall report annually to the Assembly on progress.\n");
    git({"add", "-A"});
    git({"commit", "-qm", "c", "-m", "Proposed-by: Japan"});
    git({"mv", "a.md", "b.md"});
    git({"commit", "-qm", "move", "-m", "Proposed-by: Chair"});
    dir.write("b.md", "1. The Chair shall report annually to the Assembly on [all] progress.\n");
    git({"commit", "-qam", "edit", "-m", "Proposed-by: Sweden"});
    git({"mv", "b.md", "a.md"});
    git({"commit", "-qm", "back", "-m", "Proposed-by: Chair"});
    const auto blame = accord({"blame", "a.md"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_NE(blamed(blame.out, "progress.").find("Japan"), std::string::npos) << blame.out;
    EXPECT_NE(blamed(blame.out, "[all]").find("Sweden"), std::string::npos) << blame.out;
    EXPECT_EQ(blame.out.find("restored"), std::string::npos) << blame.out;
    const auto survival = accord({"survival", "--by", "Japan"});
    EXPECT_NE(survival.out.find("1 kept"), std::string::npos) << survival.out;
}

// Names used by several texts in turn (renumbering in cascade, a text
// filed, reopened and filed again): each text keeps its proposers, and no
// move is credited with the wording.
TEST_F(PlainGitHistory, RenumberingInCascadeKeepsEachTextsProposers) {
    const auto commit = [&](const std::string& by) {
        git({"add", "-A"});
        git({"commit", "-qm", "p", "-m", "Proposed-by: " + by});
    };
    const auto move = [&](const std::string& from, const std::string& to) {
        std::filesystem::create_directories(std::filesystem::path(dir.file(to)).parent_path());
        git({"mv", from, to});
        commit("Chair");
    };
    dir.write("recs/2.md", "Japan text about oceans seas and coasts.\n");
    commit("Japan");
    dir.write("recs/1.md", "Brazil text about water and sanitation for all.\n");
    commit("Brazil");
    move("recs/2.md", "recs/3.md");
    move("recs/1.md", "recs/2.md");
    dir.write("recs/2.md", "Brazil text about [water] and sanitation for all.\n");
    commit("Kenya");
    move("recs/3.md", "agreed/3.md");
    move("recs/2.md", "recs/3.md");
    // Filed, reopened, bracketed, filed again.
    move("agreed/3.md", "recs/4.md");
    dir.write("recs/4.md", "Japan text about [oceans] seas and coasts.\n");
    commit("Kenya");
    move("recs/4.md", "agreed/3.md");

    const auto brazil = accord({"blame", "recs/3.md"});
    ASSERT_EQ(brazil.exit_code, 0) << brazil.err;
    EXPECT_NE(blamed(brazil.out, "Brazil text about").find("Brazil"), std::string::npos)
        << brazil.out;
    EXPECT_NE(blamed(brazil.out, "water").find("Brazil"), std::string::npos) << brazil.out;
    EXPECT_NE(blamed(brazil.out, "[").find("Kenya"), std::string::npos) << brazil.out;
    const auto japan = accord({"blame", "agreed/3.md"});
    ASSERT_EQ(japan.exit_code, 0) << japan.err;
    EXPECT_NE(blamed(japan.out, "Japan text about").find("Japan"), std::string::npos) << japan.out;
    EXPECT_NE(blamed(japan.out, "[").find("Kenya"), std::string::npos) << japan.out;
    for (const std::string& out : {brazil.out, japan.out}) {
        EXPECT_EQ(out.find("Chair"), std::string::npos) << out;
        EXPECT_EQ(out.find("restored"), std::string::npos) << out;
    }
}

// A text moved sixty times (renumbered, re-filed) is still its proposer's.
TEST_F(PlainGitHistory, ALongChainOfMovesKeepsTheProposer) {
    dir.write("t0.md", "1. Chain text about water and sanitation for all people.\n");
    git({"add", "-A"});
    git({"commit", "-qm", "c", "-m", "Proposed-by: Japan"});
    for (int i = 1; i <= 60; ++i) {
        git({"mv", "t" + std::to_string(i - 1) + ".md", "t" + std::to_string(i) + ".md"});
        git({"commit", "-qm", "move", "-m", "Proposed-by: Chair"});
    }
    const auto blame = accord({"blame", "t60.md"});
    ASSERT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_NE(blamed(blame.out, "all people.").find("Japan"), std::string::npos) << blame.out;
    EXPECT_EQ(blame.out.find("Chair"), std::string::npos) << blame.out;
}

// Both sides of a plain git merge reworded one phrase; the merge took the
// branch's: the mainline's wording was deleted by the merge, and who says so.
// A merge taking a side the mainline had not changed tells nothing new.
TEST_F(PlainGitHistory, WhoNamesTheMergeThatChoseTheOtherSidesWording) {
    dir.write("a.md", "1. Member States should strengthen cooperation on internet matters.\n");
    dir.write("b.md", "1. Observers may attend.\n");
    git({"add", "-A"});
    git({"commit", "-qm", "c", "-m", "Proposed-by: Chair"});
    git({"checkout", "-qb", "j"});
    dir.write("a.md", "1. Member States should deepen partnership on internet matters.\n");
    dir.write("b.md", "1. Observers may attend all sessions.\n");
    git({"commit", "-qam", "j", "-m", "Proposed-by: Japan"});
    git({"checkout", "-q", "main"});
    dir.write("a.md", "1. Member States should enhance collaboration on internet matters.\n");
    git({"commit", "-qam", "s", "-m", "Proposed-by: Sweden"});
    git({"merge", "-q", "j"}, /*may_fail=*/true);  // a.md conflicts
    git({"checkout", "--theirs", "a.md"});
    git({"commit", "-qam", "take Japan", "-m", "Proposed-by: Chair"});
    ASSERT_NE(test::read_all(dir.file("a.md")).find("deepen partnership"), std::string::npos);

    const auto deleted = accord({"who", "enhance collaboration"});
    ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
    EXPECT_NE(deleted.out.find("deleted by Chair"), std::string::npos) << deleted.out;
    const auto kept = accord({"who", "all sessions"});
    ASSERT_EQ(kept.exit_code, 0) << kept.err;
    EXPECT_NE(kept.out.find("first proposed by Japan"), std::string::npos) << kept.out;
    EXPECT_EQ(kept.out.find("Chair"), std::string::npos) << kept.out;
}

// Two lines of work each put one word in paragraph 1 at one place, and a
// merge made the two words alternatives. Each word is its proposer's, the
// brackets around them the merge's: not the draft's, whose "all" stands in
// paragraph 2, nor Sweden's, whose brackets stand around another word.
class MergedAlternatives : public ::testing::Test {
  protected:
    void SetUp() override {
        in = test::in(dir.path());
        in.environment.insert(in.environment.end(),
                              {"GIT_AUTHOR_NAME=Secretariat", "GIT_AUTHOR_EMAIL=secretariat@un.org",
                               "GIT_MERGE_AUTOEDIT=no"});
        ASSERT_EQ(accord({"init", "."}).exit_code, 0);
        dir.write("accord.yaml",
                  "negotiation: t\ndelegations:\n  - name: Japan\n  - name: Sweden\n"
                  "  - name: Brazil\n  - name: Chair\n");
        git({"add", "-A"});
        git({"commit", "-qm", "registry"});
        propose("Japan", "2014-02-07",
                "1. States should strengthen cooperation on policy issues.\n\n"
                "2. all stakeholders participate in their roles.\n");
        propose("Sweden", "2014-02-24",
                "1. States should [strengthen][improve] cooperation on policy issues.\n\n"
                "2. all stakeholders participate in their roles.\n");
    }
    void git(const std::vector<std::string>& args) {
        std::vector<std::string> argv = {"git"};
        argv.insert(argv.end(), args.begin(), args.end());
        const test::RunResult r = test::run(argv, in);
        EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
    }
    test::RunResult accord(const std::vector<std::string>& args) { return test::accord(args, in); }
    void propose(const std::string& by, const std::string& day, const std::string& text) {
        dir.write("a.md", text);
        const test::RunResult r = accord({"propose", "a.md", "--by", by, "--date", day});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    // Japan's edit of paragraph 1, and Brazil's of paragraphs 1 and 2.
    void propose_international() {
        propose("Japan", "2014-05-01",
                "1. States should [strengthen][improve] cooperation on international policy "
                "issues.\n\n2. all stakeholders participate in their roles.\n");
    }
    void propose_all() {
        propose("Brazil", "2014-05-01",
                "1. States should [strengthen][improve] cooperation on all policy issues.\n\n"
                "2. all stakeholders participate in their roles and duties.\n");
    }
    std::string head() { return test::run({"git", "rev-parse", "HEAD"}, in).out.substr(0, 40); }
    // Each span of `accord blame --format json`: its text, commit and first proposer.
    struct Span {
        std::string text, commit, proposer;
    };
    std::vector<Span> spans() {
        const test::RunResult blame = accord({"blame", "a.md", "--format", "json"});
        EXPECT_EQ(blame.exit_code, 0) << blame.err;
        const std::regex span(
            "\"text\": \"([^\"]*)\",\\s*\"commit\": \"([0-9a-f]+)\",\\s*\"proposers\": "
            "\\[\\s*\"([^\"]+)\"");
        std::vector<Span> out;
        for (auto it = std::sregex_iterator(blame.out.begin(), blame.out.end(), span);
             it != std::sregex_iterator(); ++it)
            out.push_back({(*it)[1], (*it)[2], (*it)[3]});
        return out;
    }
    // The merge's alternatives, `first` then `second`: each word its
    // proposer's, every mark around them the merge's (HEAD); Brazil's
    // wording stands, as survival and who say too.
    void expect_alternatives(const std::string& first, const std::string& second) {
        const std::string merge = head();
        const std::vector<Span> all = spans();
        const auto at =
            std::find_if(all.begin(), all.end(), [&](const Span& s) { return s.text == first; });
        ASSERT_TRUE(at != all.end() && at - all.begin() >= 1 && all.end() - at >= 5)
            << "no span \"" << first << "\"";
        const std::map<std::string, std::string> by = {{"international", "Japan"},
                                                       {"all", "Brazil"}};
        EXPECT_EQ(at[-1].text, "[");
        EXPECT_EQ(at[-1].commit, merge) << "the merge's '[' is " << at[-1].proposer << "'s";
        EXPECT_EQ(at[0].proposer, by.at(first));
        EXPECT_EQ(at[1].text, "][");
        EXPECT_EQ(at[1].commit, merge) << "the merge's '][' is " << at[1].proposer << "'s";
        EXPECT_EQ(at[2].text, second);
        EXPECT_EQ(at[2].proposer, by.at(second));
        EXPECT_EQ(at[3].text, "]");
        EXPECT_EQ(at[3].commit, merge) << "the merge's ']' is " << at[3].proposer << "'s";
        const auto survival = accord({"survival", "--by", "Brazil"});
        EXPECT_NE(survival.out.find("1 bracketed"), std::string::npos) << survival.out;
        // proposed, standing, bracketed, struck, gone
        EXPECT_TRUE(std::regex_search(survival.out, std::regex("total +3 +2 +1 +0 +0\\b")))
            << "none gone: " << survival.out;
        const auto who = accord({"who", "all policy"});
        EXPECT_NE(who.out.find("first proposed by Brazil"), std::string::npos) << who.out;
    }

    test::TempDir dir;
    test::RunOptions in;
};

// Two redrafts joined by `accord merge`: one commit with three parents.
TEST_F(MergedAlternatives, ByAccordMerge) {
    ASSERT_EQ(accord({"redraft", "start", "ga", "--members", "Japan", "a.md"}).exit_code, 0);
    propose_international();
    git({"switch", "-q", "main"});
    ASSERT_EQ(accord({"redraft", "start", "gb", "--members", "Brazil", "a.md"}).exit_code, 0);
    propose_all();
    git({"switch", "-q", "main"});
    const auto merge = accord({"merge", "ga", "gb", "--by", "Chair", "--date", "2014-05-02"});
    ASSERT_EQ(merge.exit_code, 1) << "a disagreement kept in the text: " << merge.err;
    ASSERT_NE(test::read_all(dir.file("a.md")).find("on [international][all] policy"),
              std::string::npos);
    expect_alternatives("international", "all");
    // The merge names Brazil among the proposers of what it merged, but
    // proposed no wording of its own: no proposal of Brazil's.
    const auto survival = accord({"survival", "--by", "Brazil"});
    EXPECT_EQ(survival.out.find("  " + head().substr(0, 10) + "  "), std::string::npos)
        << survival.out;
    EXPECT_NE(survival.out.find("1 proposal: "), std::string::npos) << survival.out;
}

// The marks an `accord merge` drew around the disagreement it kept are
// credited to who merged (the Chair, as the log says "merged by Chair"),
// not to every merged group; the brackets a group drew around the draft's
// words it kept as an option ("[policy][trade]") stay the group's, though
// the merge set them inside its own.
TEST_F(MergedAlternatives, AnAccordMergesOwnMarksAreWhoMergedAndAGroupsMarksTheGroups) {
    ASSERT_EQ(accord({"redraft", "start", "ga", "--members", "Japan", "a.md"}).exit_code, 0);
    propose("Japan", "2014-05-01",
            "1. States should [strengthen][improve] cooperation on international issues, [as "
            "appropriate].\n\n2. all stakeholders participate in their roles.\n");
    git({"switch", "-q", "main"});
    ASSERT_EQ(accord({"redraft", "start", "gb", "--members", "Brazil", "a.md"}).exit_code, 0);
    propose("Brazil", "2014-05-01",
            "1. States should [strengthen][improve] cooperation on [policy][trade] issues.\n\n"
            "2. all stakeholders participate in their roles.\n");
    git({"switch", "-q", "main"});
    const auto merge = accord({"merge", "ga", "gb", "--by", "Chair", "--date", "2014-05-02"});
    ASSERT_EQ(merge.exit_code, 1) << "a disagreement kept in the text: " << merge.err;
    ASSERT_NE(test::read_all(dir.file("a.md"))
                  .find("on [international issues, [as appropriate]][[policy][trade] issues]."),
              std::string::npos)
        << test::read_all(dir.file("a.md"));
    const std::string merged = head();
    const std::vector<Span> all = spans();
    const auto policy =
        std::find_if(all.begin(), all.end(), [&](const Span& s) { return s.text == "policy"; });
    ASSERT_TRUE(policy != all.end() && policy - all.begin() >= 2 && all.end() - policy >= 6);
    EXPECT_EQ(policy[-2].text, "][");
    EXPECT_EQ(policy[-2].commit, merged);
    EXPECT_EQ(policy[-2].proposer, "Chair");
    EXPECT_EQ(policy[-1].text, "[");
    EXPECT_EQ(policy[-1].proposer, "Brazil");
    EXPECT_EQ(policy[0].proposer, "Japan");  // the draft's word
    for (int i : {1, 2, 3}) EXPECT_EQ(policy[i].proposer, "Brazil") << policy[i].text;
    EXPECT_EQ(policy[1].text + policy[2].text + policy[3].text, "][trade]");
    EXPECT_EQ(policy[5].text, "]");
    EXPECT_EQ(policy[5].proposer, "Chair");
    for (const Span& s : all) EXPECT_FALSE(s.commit == merged && s.proposer != "Chair") << s.text;
}

// A site's edit pulled into main's by plain git through accord's merge
// driver: a merge with two parents.
TEST_F(MergedAlternatives, ByAGitMergeThroughTheDriver) {
    git({"switch", "-qc", "site"});
    propose_international();
    git({"switch", "-q", "main"});
    propose_all();
    git({"merge", "-q", "--no-ff", "site", "-m", "pull", "-m", "Proposed-by: Chair"});
    ASSERT_NE(test::read_all(dir.file("a.md")).find("on [all][international] policy"),
              std::string::npos);
    expect_alternatives("all", "international");
}

// The merge `git pull` makes names no proposer: the marks its driver drew
// are credited to "git merge", not to whoever pulled (here the git identity
// "Secretariat", which the registry does not list, nor may any delegation's
// name stand for a merge it did not propose); the HTML legend says so too.
TEST_F(MergedAlternatives, APullThatNamesNoProposerCreditsItsMarksToTheMerge) {
    git({"switch", "-qc", "site"});
    propose_international();
    git({"switch", "-q", "main"});
    propose_all();
    git({"merge", "-q", "--no-ff", "site", "-m", "Merge branch 'site'"});
    ASSERT_NE(test::read_all(dir.file("a.md")).find("on [all][international] policy"),
              std::string::npos);
    const std::vector<Span> all = spans();
    const auto words =
        std::find_if(all.begin(), all.end(), [&](const Span& s) { return s.text == "all"; });
    ASSERT_TRUE(words != all.end() && all.end() - words >= 2);
    const auto mark = words + 1;
    ASSERT_EQ(mark->text, "][");
    EXPECT_EQ(mark->commit, head());
    EXPECT_EQ(mark->proposer, "git merge");
    for (const Span& s : all) EXPECT_NE(s.proposer, "Secretariat") << s.text;
    const test::RunResult html = accord({"compile", "--format", "html", "-o", "-"});
    ASSERT_EQ(html.exit_code, 0) << html.err;
    EXPECT_NE(html.out.find("data-delegation=\"git merge\" data-words=\"0\""), std::string::npos);
    EXPECT_EQ(html.out.find("data-delegation=\"Secretariat\""), std::string::npos);
}

// Redrafts merged back by `accord merge`, each history written by the test
// through the binary: the draft (Chair's), then what each line did.
class RedraftMerges : public ::testing::Test {
  protected:
    void SetUp() override {
        in = test::in(dir.path());
        in.environment.insert(in.environment.end(),
                              {"GIT_AUTHOR_NAME=Secretariat", "GIT_AUTHOR_EMAIL=secretariat@un.org",
                               "GIT_MERGE_AUTOEDIT=no"});
        ASSERT_EQ(accord({"init", "."}).exit_code, 0);
        dir.write("accord.yaml",
                  "negotiation: t\ndelegations:\n  - name: Chair\n  - name: Saudi Arabia\n"
                  "  - name: European Union\n    aliases: [EU]\n  - name: LMDC\n");
        git({"add", "-A"});
        git({"commit", "-qm", "registry"});
    }
    void git(const std::vector<std::string>& args) {
        std::vector<std::string> argv = {"git"};
        argv.insert(argv.end(), args.begin(), args.end());
        const test::RunResult r = test::run(argv, in);
        EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
    }
    test::RunResult accord(const std::vector<std::string>& args) { return test::accord(args, in); }
    void propose(const std::string& by, const std::string& day, const std::string& text) {
        dir.write("t.md", text);
        const test::RunResult r = accord({"propose", "t.md", "--by", by, "--date", day});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    void redraft(const std::string& name, const std::string& member) {
        ASSERT_EQ(accord({"redraft", "start", name, "--members", member, "t.md"}).exit_code, 0);
    }
    // `accord blame`'s lines, each "PROPOSER WORDS" (commit and date left out).
    std::string blame() {
        const test::RunResult r = accord({"blame", "t.md"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        static const std::regex line("[0-9a-f]{8} (.*?) +\\d{4}-\\d\\d-\\d\\d  (.*)");
        std::string out;
        std::istringstream lines(r.out);
        for (std::string l; std::getline(lines, l);) {
            std::smatch m;
            if (std::regex_match(l, m, line)) out += m[1].str() + ": " + m[2].str() + "\n";
        }
        return out;
    }

    test::TempDir dir;
    test::RunOptions in;
};

// A redraft deleted paragraph 4 while Saudi Arabia added its closing words
// to paragraph 3 on main: after the merge they are still Saudi Arabia's own
// wording, not the Chair's restored by Saudi Arabia, in blame and in the
// HTML compilation's legend.
TEST_F(RedraftMerges, WordsAddedOnMainAreNotRestoredFromTheRedraftsDeletion) {
    propose("Chair", "2015-10-20",
            "3. To foster climate resilience.\n\n"
            "4. To make finance flows consistent with low greenhouse gas emissions.\n");
    redraft("g", "LMDC");
    propose("LMDC", "2015-10-21", "3. To foster climate resilience.\n");
    git({"switch", "-q", "main"});
    propose("Saudi Arabia", "2015-10-22",
            "3. To foster climate resilience [and low greenhouse gas emissions development].\n\n"
            "4. To make finance flows consistent with low greenhouse gas emissions.\n");
    ASSERT_EQ(accord({"merge", "g", "--by", "Chair", "--date", "2015-10-23"}).exit_code, 0);
    EXPECT_EQ(blame(),
              "Chair: 3. To foster climate resilience\n"
              "Saudi Arabia: [and low greenhouse gas emissions development]\n"
              "Chair: .\n");
    const test::RunResult html = accord({"compile", "--format", "html", "-o", "-"});
    ASSERT_EQ(html.exit_code, 0) << html.err;
    EXPECT_EQ(html.out.find("restored"), std::string::npos) << html.out;
}

// Two redrafts merged cleanly: LMDC's deletion in paragraph 2 and the EU's
// "[starting in 2020]" in paragraph 1, before the draft's "[in accordance
// ...]". Every word of the EU's stands as the EU's, whichever redraft is
// merged first, and survival counts none of them gone.
class TwoRedraftsMerged : public RedraftMerges {
  protected:
    void merge_and_check(bool deletion_first) {
        propose("Chair", "2015-12-01",
                "1. Each Party shall communicate a contribution every five years [in accordance "
                "with decision 1/CP.21].\n\n2. Parties shall account for their contributions, "
                "promoting integrity and transparency.\n");
        redraft("del", "LMDC");
        propose("LMDC", "2015-12-02",
                "1. Each Party shall communicate a contribution every five years [in accordance "
                "with decision 1/CP.21].\n\n2. Parties shall account for their contributions.\n");
        git({"switch", "-q", "main"});
        redraft("ed", "EU");
        propose("EU", "2015-12-03",
                "1. Each Party shall communicate a contribution every five years [starting in "
                "2020] [in accordance with decision 1/CP.21].\n\n2. Parties shall account for "
                "their contributions, promoting integrity and transparency.\n");
        git({"switch", "-q", "main"});
        const std::string first = deletion_first ? "del" : "ed",
                          second = deletion_first ? "ed" : "del";
        ASSERT_EQ(
            accord({"merge", first, second, "--by", "Chair", "--date", "2015-12-04"}).exit_code, 0);
        EXPECT_EQ(blame(),
                  "Chair: 1. Each Party shall communicate a contribution every five years\n"
                  "European Union: [starting in 2020]\n"
                  "Chair: [in accordance with decision 1/CP.21].\n"
                  "Chair: 2. Parties shall account for their contributions.\n");
        const test::RunResult survival = accord({"survival", "--by", "EU"});
        // proposed, standing, bracketed, struck, gone
        EXPECT_TRUE(std::regex_search(survival.out, std::regex("total +3 +0 +3 +0 +0\\b")))
            << survival.out;
    }
};

TEST_F(TwoRedraftsMerged, TheDeletionFirst) {
    merge_and_check(true);
}
TEST_F(TwoRedraftsMerged, TheAdditionFirst) {
    merge_and_check(false);
}

// The same words tabled on a redraft by the EU, then on main by Saudi
// Arabia as an option, merged (the merge bringing another edit of the EU's
// too) and agreed: they are the EU's, who tabled them first, in blame,
// survival and who alike.
TEST_F(RedraftMerges, TheSameWordsTabledOnBothLinesAreTheirFirstProposers) {
    propose("Chair", "2015-10-20", "4. To make finance flows consistent with low emissions.\n");
    redraft("g", "EU");
    propose("EU", "2015-10-21",
            "4. To make all finance flows consistent with low emissions and climate-resilient "
            "development.\n");
    git({"switch", "-q", "main"});
    propose("Saudi Arabia", "2015-10-23",
            "4. To make finance flows consistent with low emissions [and climate-resilient "
            "development][, taking into account national circumstances].\n");
    ASSERT_EQ(accord({"merge", "g", "--by", "Chair", "--date", "2015-10-23"}).exit_code, 0);
    propose("Chair", "2015-10-24",
            "4. To make all finance flows consistent with low emissions and climate-resilient "
            "development.\n");
    EXPECT_EQ(blame(),
              "Chair: 4. To make\n"
              "European Union: all\n"
              "Chair: finance flows consistent with low emissions\n"
              "European Union: and climate-resilient development\n"
              "Chair: .\n");
    const test::RunResult survival = accord({"survival", "--by", "EU"});
    EXPECT_TRUE(std::regex_search(survival.out, std::regex("total +\\d+ +\\d+ +0 +0 +0\\b")))
        << "none gone: " << survival.out;
    const test::RunResult who = accord({"who", "and climate-resilient development"});
    EXPECT_NE(who.out.find("first proposed by European Union"), std::string::npos) << who.out;
    EXPECT_NE(who.out.find("(agreed)"), std::string::npos) << who.out;
}

TEST_F(Blame, BadInput) {
    auto r = run({"blame", "A/none.md"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("A/none.md"), std::string::npos) << r.err;
    r = run({"blame", "A/01.md", "--at", "nope"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("unknown revision 'nope'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace accord
