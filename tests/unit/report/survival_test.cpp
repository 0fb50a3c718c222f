// accord survival's engine on a history the test writes, where the true fate
// of every proposal's wording is known: one kept, one modified, one still
// bracketed, one struck, one deleted, one that added no words.
#include "merge/report/survival.hpp"

#include <gtest/gtest.h>

#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"

namespace accord {
namespace {

class Survival : public ::testing::Test {
  protected:
    void SetUp() override {
        repo_.emplace(Repository::init(dir.path()));
        record("Chair", "2014-01-01",
               {{"accord.yaml",
                 "negotiation: test\ndelegations:\n  - name: Japan\n    aliases: [JP]\n"
                 "  - name: Sweden\n  - name: Chair\n  - name: Brazil\n"},
                {"kept.md", "Intro.\n"},
                {"modified.md", "Intro.\n"},
                {"bracketed.md", "Intro.\n"},
                {"struck.md", "Intro.\n"},
                {"deleted.md", "Intro.\n"}});
        // Japan's wording, one proposal per file.
        record("Japan", "2014-01-02", {{"kept.md", "Intro. Parties shall cooperate closely.\n"}});
        record("Japan", "2014-01-03",
               {{"modified.md", "Intro. States should share data openly.\n"}});
        record("Japan", "2014-01-04", {{"bracketed.md", "Intro. Funding comes from donors.\n"}});
        record("Japan", "2014-01-05", {{"struck.md", "Intro. Reports are due by 2015.\n"}});
        record("Japan", "2014-01-06", {{"deleted.md", "Intro. Observers may attend sessions.\n"}});
        // What the others made of it.
        record("Sweden", "2014-02-01",
               {{"modified.md", "Intro. States should share data freely.\n"}});
        record("Sweden", "2014-02-02", {{"bracketed.md", "Intro. Funding comes [from donors].\n"}});
        record("Sweden", "2014-02-03", {{"struck.md", "Intro. ~~Reports are due by 2015.~~\n"}});
        record("Sweden", "2014-02-04", {{"deleted.md", "Intro.\n"}});
        // Japan brackets the Chair's word: an act on wording, no wording of its own.
        record("Japan", "2014-03-01", {{"kept.md", "[Intro.] Parties shall cooperate closely.\n"}});
    }

    void record(const std::string& by, const std::string& day,
                std::vector<std::pair<std::string, std::optional<std::string>>> files) {
        const std::string subject = "Proposal on " + files.front().first;
        test::record_proposal(*repo_, {by, day, std::move(files), subject});
    }

    SurvivalReport survival(const std::string& name) {
        SurvivalOptions options;
        options.delegation = name;
        return wording_survival(Workspace::open(dir.path()), options);
    }

    test::TempDir dir;
    std::optional<Repository> repo_;
};

const FileSurvival& only_file(const ProposalSurvival& p) {
    EXPECT_EQ(p.files.size(), 1u);
    return p.files.front();
}

TEST_F(Survival, EachProposalGetsTheOutcomeItsWordingHad) {
    const SurvivalReport report = survival("Japan");
    EXPECT_EQ(report.delegation, "Japan");
    ASSERT_EQ(report.proposals.size(), 6u);
    std::map<std::string, const ProposalSurvival*> by_file;
    for (const ProposalSurvival& p : report.proposals) {
        if (p.proposal.day != "2014-03-01") by_file[only_file(p).path] = &p;
    }

    const WordFates& kept = by_file.at("kept.md")->words;
    EXPECT_EQ(by_file.at("kept.md")->outcome, Outcome::kept);
    EXPECT_EQ(kept.proposed, 4u);
    EXPECT_EQ(kept.standing, 4u);

    const WordFates& modified = by_file.at("modified.md")->words;
    EXPECT_EQ(by_file.at("modified.md")->outcome, Outcome::modified);
    EXPECT_EQ(modified.proposed, 5u);
    EXPECT_EQ(modified.standing, 4u);
    EXPECT_EQ(modified.gone, 1u) << "'openly' was replaced";

    const WordFates& bracketed = by_file.at("bracketed.md")->words;
    EXPECT_EQ(by_file.at("bracketed.md")->outcome, Outcome::bracketed);
    EXPECT_EQ(bracketed.standing, 2u);
    EXPECT_EQ(bracketed.bracketed, 2u);
    EXPECT_EQ(bracketed.gone, 0u);

    const WordFates& struck = by_file.at("struck.md")->words;
    EXPECT_EQ(by_file.at("struck.md")->outcome, Outcome::struck);
    EXPECT_EQ(struck.proposed, 5u) << "numbers are wording too";
    EXPECT_EQ(struck.struck, 5u);

    const WordFates& deleted = by_file.at("deleted.md")->words;
    EXPECT_EQ(by_file.at("deleted.md")->outcome, Outcome::deleted);
    EXPECT_EQ(deleted.proposed, 4u);
    EXPECT_EQ(deleted.gone, 4u);

    const ProposalSurvival& last = report.proposals.back();
    EXPECT_EQ(last.proposal.day, "2014-03-01");
    EXPECT_EQ(last.outcome, Outcome::no_wording) << "bracketing adds no wording";

    EXPECT_EQ(report.words.proposed, 4u + 5 + 4 + 5 + 4);
    EXPECT_EQ(report.words.standing, 4u + 4 + 2);
    EXPECT_EQ(report.words.bracketed, 2u);
    EXPECT_EQ(report.words.struck, 5u);
    EXPECT_EQ(report.words.gone, 1u + 4);
    for (Outcome o : {Outcome::kept, Outcome::modified, Outcome::bracketed, Outcome::struck,
                      Outcome::deleted, Outcome::no_wording}) {
        EXPECT_EQ(report.outcomes.at(o), 1u) << to_string(o);
    }
}

TEST_F(Survival, ASecondReportReadsWhatTheFirstRemembered) {
    const SurvivalReport first = survival("Japan");
    // Without the old versions' blobs, only what the first report remembered
    // (each proposal's words, every text's blame) can give the same figures.
    ASSERT_GE(test::remove_blobs_before_head(*repo_), 5u);
    const SurvivalReport again = survival("Japan");
    ASSERT_EQ(again.proposals.size(), first.proposals.size());
    for (std::size_t k = 0; k < first.proposals.size(); ++k) {
        const WordFates& a = first.proposals[k].words;
        const WordFates& b = again.proposals[k].words;
        EXPECT_EQ(b.proposed, a.proposed) << k;
        EXPECT_EQ(b.standing, a.standing) << k;
        EXPECT_EQ(b.bracketed, a.bracketed) << k;
        EXPECT_EQ(b.struck, a.struck) << k;
        EXPECT_EQ(b.gone, a.gone) << k;
        EXPECT_EQ(again.proposals[k].outcome, first.proposals[k].outcome) << k;
    }
    EXPECT_EQ(again.words.proposed, 4u + 5 + 4 + 5 + 4);
}

// A text renamed (deleted under its old name in the proposal that adds it
// under the new): the second report reads back what the first remembered,
// the old name's history ending in an empty version, and agrees with it.
TEST_F(Survival, ARenamedTextIsReadBackAndTheWordingStillStands) {
    record(
        "Chair", "2014-04-01",
        {{"kept.md", std::nullopt}, {"renamed.md", "[Intro.] Parties shall cooperate closely.\n"}});
    const SurvivalReport first = survival("Japan");
    const SurvivalReport again = survival("Japan");
    ASSERT_EQ(again.proposals.size(), first.proposals.size());
    for (std::size_t k = 0; k < first.proposals.size(); ++k) {
        EXPECT_EQ(again.proposals[k].words.standing, first.proposals[k].words.standing) << k;
        EXPECT_EQ(again.proposals[k].words.gone, first.proposals[k].words.gone) << k;
    }
    EXPECT_EQ(only_file(first.proposals[0]).words.standing,
              4u);  // "Parties shall cooperate closely"
    EXPECT_EQ(only_file(first.proposals[0]).words.gone, 0u);
}

// One paragraph of 200,000 words, replaced by a sentence: whether it was
// moved was asked once per word, copying the whole paragraph each time
// (quadratic: 27 s). Brazil proposed the words, all gone.
TEST_F(Survival, OneVeryLongParagraphIsCountedOnce) {
    std::string paragraph = "Intro.";
    for (int i = 0; i < 200000; ++i) paragraph += " w" + std::to_string(i);
    record("Brazil", "2014-04-01", {{"long.md", paragraph + "\n"}});
    record("Sweden", "2014-04-02", {{"long.md", "Hello.\n"}});
    const SurvivalReport report = survival("Brazil");
    ASSERT_FALSE(report.proposals.empty());
    const ProposalSurvival& own = report.proposals.back();
    EXPECT_GE(own.words.proposed, 200000u);
    EXPECT_EQ(own.words.standing, 0u);
    EXPECT_EQ(own.words.gone, own.words.proposed);
}

// A paragraph moved by another delegation from one of a proposal's texts
// to another of them still stands: it is not gone from the first text.
TEST_F(Survival, WordingMovedBetweenTheProposalsOwnTextsStillStands) {
    record("Japan", "2014-04-01",
           {{"x.md", "Intro.\n\nParties shall cooperate closely on data.\n"},
            {"y.md", "Other matters here.\n"}});
    record("Sweden", "2014-04-02",
           {{"x.md", "Intro.\n"},
            {"y.md", "Other matters here.\n\nParties shall cooperate closely on data.\n"}});
    const SurvivalReport report = survival("Japan");
    const ProposalSurvival& moved = report.proposals.back();
    ASSERT_EQ(moved.files.size(), 2u);
    EXPECT_EQ(moved.words.proposed, 10u);
    EXPECT_EQ(moved.words.standing, 10u);
    EXPECT_EQ(moved.words.gone, 0u);
    // Sweden, who only moved the paragraph, proposed no wording there.
    const SurvivalReport mover = survival("Sweden");
    const ProposalSurvival& move = mover.proposals.back();
    EXPECT_EQ(move.words.proposed, 0u);
    EXPECT_EQ(move.outcome, Outcome::no_wording);
}

// A paragraph deleted beside one that is extended: the words proposed are
// those added, counted as blame credits them (words aligned before the
// spaces between them), not the extended paragraph's old words.
TEST_F(Survival, AParagraphExtendedBesideADeletedOneProposedOnlyTheNewWords) {
    record(
        "Japan", "2014-04-01",
        {{"p.md", "First para here,\n\nSecond para about sinks,\n\nThird para on education,\n"}});
    record("Sweden", "2014-04-02",
           {{"p.md", "First para here,\n\nThird para on education, and more about sinks,\n"}});
    const ProposalSurvival& extension = survival("Sweden").proposals.back();
    EXPECT_EQ(extension.words.proposed, 4u);  // "and more about sinks"
    EXPECT_EQ(extension.words.standing, 4u);
}

// A text renamed and edited in one proposal: only the edit is its wording,
// as blame says (the rest is read in the text it was renamed from).
TEST_F(Survival, ATextRenamedAndEditedInOneProposalProposedOnlyTheEdit) {
    record("Japan", "2014-04-01", {{"b.md", "Parties agree to meet again next year in Geneva.\n"}});
    record("Sweden", "2014-04-02",
           {{"b.md", std::nullopt},
            {"sub/c.md", "Parties agree to meet again next year in Geneva or Bonn.\n"}});
    const ProposalSurvival& edit = survival("Sweden").proposals.back();
    EXPECT_EQ(edit.words.proposed, 2u);  // "or Bonn"
    EXPECT_EQ(edit.words.standing, 2u);
    EXPECT_EQ(edit.words.gone, 0u);
    EXPECT_EQ(edit.outcome, Outcome::kept);
    const ProposalSurvival& japan = survival("Japan").proposals.back();
    EXPECT_EQ(japan.words.standing, 9u);
    EXPECT_EQ(japan.words.gone, 0u);
}

// Several texts moved into a folder at once, one edited: each is compared
// with the text of its own name, not with every text the proposal deleted.
TEST_F(Survival, TextsMovedTogetherAreEachComparedWithTheirOwnOldText) {
    record("Japan", "2014-04-01",
           {{"p.md", "Parties agree to meet again next year.\n"},
            {"q.md", "Observers may attend every session.\n"}});
    record("Sweden", "2014-04-02",
           {{"p.md", std::nullopt},
            {"q.md", std::nullopt},
            {"moved/p.md", "Parties agree to meet again next year in Bonn.\n"},
            {"moved/q.md", "Observers may attend every session.\n"}});
    const ProposalSurvival& move = survival("Sweden").proposals.back();
    EXPECT_EQ(move.words.proposed, 2u);  // "in Bonn"
    EXPECT_EQ(move.words.gone, 0u);
}

TEST_F(Survival, TheOthersWordingIsTheirs) {
    const SurvivalReport report = survival("Sweden");
    ASSERT_EQ(report.proposals.size(), 4u);
    const ProposalSurvival& replaced = report.proposals[0];
    EXPECT_EQ(replaced.words.proposed, 1u) << "'freely'";
    EXPECT_EQ(replaced.outcome, Outcome::kept);
    for (std::size_t k = 1; k < 4; ++k)
        EXPECT_EQ(report.proposals[k].outcome, Outcome::no_wording)
            << "bracketing, striking and deleting add no words";
}

TEST_F(Survival, AnAliasResolvesAndTheCurrentTextCanBeEarlier) {
    SurvivalOptions options;
    options.delegation = "jp";
    options.at = "2014-01-31";  // before Sweden changed anything
    const SurvivalReport report = wording_survival(Workspace::open(dir.path()), options);
    EXPECT_EQ(report.delegation, "Japan");
    ASSERT_EQ(report.proposals.size(), 5u) << "proposals after --at are not counted";
    for (const ProposalSurvival& p : report.proposals) EXPECT_EQ(p.outcome, Outcome::kept);
}

TEST_F(Survival, UnknownDelegationSuggestsTheNearestNames) {
    try {
        survival("Japn");
        FAIL() << "expected a usage error";
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), kExitUsage);
        EXPECT_NE(std::string(e.what()).find("did you mean Japan"), std::string::npos) << e.what();
    }
}

TEST_F(Survival, ADelegationWithoutProposalsGivesAnEmptyReport) {
    const SurvivalReport report = survival("Brazil");
    EXPECT_TRUE(report.proposals.empty());
    EXPECT_EQ(report.words.proposed, 0u);
    EXPECT_NE(render_survival_text(report).find("no proposals by Brazil"), std::string::npos);
}

TEST(SurvivalHistory, RestoredWordingCountsForTheRestorerAndMovedParagraphsForNobody) {
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    auto record = [&](const std::string& by, const std::string& day, const std::string& text) {
        test::record_proposal(repo, {by, day, {{"a.md", text}}});
    };
    record("Chair", "2014-01-01", "First paragraph stays.\n\nSecond one too.\n");
    record("Japan", "2014-01-02", "First paragraph stays with safeguards.\n\nSecond one too.\n");
    record("Sweden", "2014-01-03", "First paragraph stays.\n\nSecond one too.\n");
    record("Japan", "2014-01-04", "First paragraph stays with safeguards.\n\nSecond one too.\n");
    record("Japan", "2014-01-05", "Second one too.\n\nFirst paragraph stays with safeguards.\n");

    SurvivalOptions options;
    options.delegation = "Japan";
    const SurvivalReport report = wording_survival(Workspace::open(dir.path()), options);
    ASSERT_EQ(report.proposals.size(), 3u);
    EXPECT_EQ(report.proposals[0].words.proposed, 2u);
    EXPECT_EQ(report.proposals[0].outcome, Outcome::kept)
        << "restored wording keeps its first proposer";
    EXPECT_EQ(report.proposals[1].words.proposed, 2u);
    EXPECT_EQ(report.proposals[1].outcome, Outcome::kept) << "and stands for its restorer";
    EXPECT_EQ(report.proposals[2].words.proposed, 0u) << "moving a paragraph adds no wording";
    EXPECT_EQ(report.proposals[2].outcome, Outcome::no_wording);

    options.delegation = "japan";
    EXPECT_EQ(wording_survival(Workspace::open(dir.path()), options).delegation, "Japan")
        << "without a registry, the names the history carries";
    options.delegation = "Japn";
    try {
        wording_survival(Workspace::open(dir.path()), options);
        ADD_FAILURE() << "expected a usage error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("did you mean Japan"), std::string::npos) << e.what();
    }
}

// Blame folds a coincidentally kept word of a rewording ("the") into it,
// where a plain token diff keeps it: it credits Sweden 9 words where that
// diff counts 8. The Chair then cuts "shared": gone, as blame, `who` and the
// HTML legend (Sweden 9 words, then 8) say. Counted against the diff's 8,
// the 8 that stand hid the cut ("kept 8 8 0 0 0"). Read back from the
// cache, the same figures.
TEST(SurvivalHistory, AWordCutFromARewordingIsGoneWhereBlameCreditsMoreThanThePlainDiff) {
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    auto record = [&](const std::string& by, const std::string& day, const std::string& text) {
        test::record_proposal(repo, {by, day, {{"a.md", text}}});
    };
    record("Japan", "2014-01-01", "Parties note the value of data.\n");
    record("Sweden", "2014-01-02",
           "Parties stress the role of open science and the value of shared data.\n");
    record("Chair", "2014-01-03",
           "Parties stress the role of open science and the value of data.\n");

    for (int run = 0; run < 2; ++run) {
        SurvivalOptions options;
        options.delegation = "Sweden";
        const SurvivalReport sweden = wording_survival(Workspace::open(dir.path()), options);
        ASSERT_EQ(sweden.proposals.size(), 1u);
        const WordFates& w = sweden.proposals[0].words;
        EXPECT_EQ(w.proposed, 9u) << "stress the role of open science and the ... shared";
        EXPECT_EQ(w.standing, 8u);
        EXPECT_EQ(w.gone, 1u) << "shared";
        EXPECT_EQ(sweden.proposals[0].outcome, Outcome::modified);

        options.delegation = "Japan";
        const SurvivalReport japan_report = wording_survival(Workspace::open(dir.path()), options);
        const WordFates& japan = japan_report.words;
        EXPECT_EQ(japan.proposed, 6u);
        EXPECT_EQ(japan.standing, 4u) << "Parties ... value of data";
        EXPECT_EQ(japan.gone, 2u) << "note the";

        options.delegation = "Chair";
        const SurvivalReport chair = wording_survival(Workspace::open(dir.path()), options);
        ASSERT_EQ(chair.proposals.size(), 1u);
        EXPECT_EQ(chair.proposals[0].outcome, Outcome::no_wording) << "a cut adds no wording";
    }
}

TEST(SurvivalEmpty, AnEmptyRepositoryGivesAnEmptyReport) {
    test::TempDir dir;
    Repository::init(dir.path());
    SurvivalOptions options;
    options.delegation = "Anyone";
    const SurvivalReport report = wording_survival(Workspace::open(dir.path()), options);
    EXPECT_TRUE(report.proposals.empty());
    EXPECT_NE(render_survival_json(report).find("\"revision\": null"), std::string::npos);
}

TEST(SurvivalRules, OutcomeFollowsTheFirstRuleThatApplies) {
    EXPECT_EQ(outcome_of({}), Outcome::no_wording);
    EXPECT_EQ(outcome_of({.proposed = 3, .gone = 3}), Outcome::deleted);
    EXPECT_EQ(outcome_of({.proposed = 3, .standing = 1, .struck = 1, .gone = 1}), Outcome::struck);
    EXPECT_EQ(outcome_of({.proposed = 3, .standing = 1, .bracketed = 1, .gone = 1}),
              Outcome::bracketed);
    EXPECT_EQ(outcome_of({.proposed = 3, .standing = 3}), Outcome::kept);
    EXPECT_EQ(outcome_of({.proposed = 3, .standing = 2, .gone = 1}), Outcome::modified);
}

}  // namespace
}  // namespace accord
