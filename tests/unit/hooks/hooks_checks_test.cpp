// The proposal checks as pure functions: new errors against old ones, front
// matter, proposers against the registry, dates; and the commit-msg rule.
#include "hooks/checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/util/date.hpp"
#include "hooks/git_hooks.hpp"

namespace accord::hooks {
namespace {

const ParseOptions kOptions = check_parse_options({});

Config registry() {
    Config config;
    config.delegations = {{"Russian Federation", {"RF", "Russia"}, "state"},
                          {"Japan", {"JP"}, "state"},
                          {"Avri Doria", {}, "civil society"}};
    return config;
}

std::vector<std::string> codes(const std::vector<Problem>& problems) {
    std::vector<std::string> out;
    for (const Problem& p : problems) out.push_back(p.code);
    return out;
}

TEST(HooksChecks, NewFileMustHaveNoErrors) {
    EXPECT_TRUE(
        check_text_change("A-1.md", std::nullopt, "To [strengthen][improve] it.\n", kOptions)
            .empty());
    const auto problems =
        check_text_change("A-1.md", std::nullopt, "First.\n\nSecond [open and\n", kOptions);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].code, "unclosed-bracket");
    EXPECT_EQ(problems[0].path, "A-1.md");
    EXPECT_EQ(problems[0].line, 3u);
    EXPECT_EQ(problems[0].column, 8u);
    EXPECT_NE(problems[0].message.find("in a new file"), std::string::npos);
    const std::string text = render(problems[0]);
    EXPECT_EQ(text.rfind("A-1.md:3:8: error[unclosed-bracket]: ", 0), 0u) << text;
    EXPECT_NE(text.find(" 3 | Second [open and\n   |        ^\n"), std::string::npos) << text;
    EXPECT_NE(text.find("   = help: "), std::string::npos) << text;
}

TEST(HooksChecks, OldDefectsDoNotBlockNewWork) {
    const std::string before = "Intro.\n\nMaintains [the approach.\n\nOther text.\n";
    // The old unclosed bracket is still there, the edit is elsewhere, and
    // lines moved: not new.
    const std::string after =
        "Intro, revised.\n\nNew paragraph.\n\nMaintains [the approach.\n\n"
        "Other text.\n";
    EXPECT_TRUE(check_text_change("A-1.md", before, after, kOptions).empty());
    // A second copy of the same defect is new.
    const std::string twice = after + "\nMaintains [the approach.\n";
    const auto problems = check_text_change("A-1.md", before, twice, kOptions);
    ASSERT_EQ(problems.size(), 1u) << render(problems);
    EXPECT_EQ(problems[0].line, 9u);
    EXPECT_NE(problems[0].message.find("new in this proposal"), std::string::npos);
}

TEST(HooksChecks, NewStrayBracketAndStrikeAreRefused) {
    const std::string before = "Agreed text.\n";
    const auto problems = check_text_change("B.md", before, "Agreed ] text ~~struck.\n", kOptions);
    EXPECT_EQ(codes(problems), (std::vector<std::string>{"unmatched-bracket", "unclosed-strike"}));
    EXPECT_EQ(problems[0].column, 8u);
}

TEST(HooksChecks, WarningsAndFixesPass) {
    // Fixing an old defect is always fine; warnings (a status outside the
    // vocabulary) never block. A NUL byte or a byte that is not UTF-8 does:
    // texts are recorded as UTF-8; one already there is an old defect.
    EXPECT_TRUE(check_text_change("a.md", "x [y\n", "x [y]\n", kOptions).empty());
    EXPECT_EQ(codes(check_text_change("a.md", "x\n", "x\xFFy\n", kOptions)),
              (std::vector<std::string>{"invalid-utf8"}));
    EXPECT_TRUE(check_text_change("a.md", "x\xFFy\n", "x\xFFy z\n", kOptions).empty());
    EXPECT_EQ(codes(check_text_change("a.md", "x\n", std::string("x\0y\n", 4), kOptions)),
              (std::vector<std::string>{"nul-byte"}));
}

TEST(HooksChecks, FrontMatterMustBeValidEvenIfItWasNot) {
    const std::string bad = "---\nid: [A-1\n---\nText.\n";
    const auto fresh = check_text_change("A-1.md", std::nullopt, bad, kOptions);
    ASSERT_EQ(fresh.size(), 1u) << render(fresh);
    EXPECT_EQ(fresh[0].code, "front-matter-invalid");
    EXPECT_EQ(fresh[0].line, 2u);  // where the unclosed '[' opens
    EXPECT_NE(fresh[0].quote.find("^"), std::string::npos);
    const auto old = check_text_change("A-1.md", bad, bad + "More.\n", kOptions);
    EXPECT_EQ(codes(old), std::vector<std::string>{"front-matter-invalid"});
    EXPECT_TRUE(check_text_change("A-1.md", bad, "---\nid: A-1\n---\nText.\n", kOptions).empty());
}

TEST(HooksChecks, NotationOfTheRegistryApplies) {
    NotationOptions any;
    any.slash_options = SlashOptions::any;
    // Same text either way: slash options never create errors, but the
    // options are passed through.
    EXPECT_EQ(check_parse_options(any).notation.slash_options, SlashOptions::any);
    EXPECT_EQ(check_parse_options(any).max_diagnostics, SIZE_MAX);
}

TEST(HooksChecks, ProposersResolveThroughAliases) {
    const Proposers p =
        resolve_proposers(registry(), {"RF", "japan", "Russia", "avri  doria", "JP."});
    EXPECT_TRUE(p.problems.empty()) << render(p.problems);
    // Repeats of one delegation count once, in the order first given.
    EXPECT_EQ(p.names, (std::vector<std::string>{"Russian Federation", "Japan", "Avri Doria"}));
}

TEST(HooksChecks, UnknownProposerGetsASuggestionAndAHint) {
    const Proposers p = resolve_proposers(registry(), {"Japon", "Avri Doria", "Narnia"});
    EXPECT_EQ(p.names, std::vector<std::string>{"Avri Doria"});
    ASSERT_EQ(p.problems.size(), 2u);
    EXPECT_EQ(p.problems[0].code, "unknown-proposer");
    EXPECT_NE(p.problems[0].message.find("'Japon'"), std::string::npos);
    EXPECT_NE(p.problems[0].message.find("did you mean Japan?"), std::string::npos)
        << p.problems[0].message;
    EXPECT_NE(p.problems[0].help.find("--add-delegation 'Japon'"), std::string::npos);
    EXPECT_EQ(p.problems[1].message.find("did you mean"), std::string::npos);
}

TEST(HooksChecks, DateNotBeforeTheLastProposalUnlessBackdating) {
    const std::int64_t feb7 = *parse_iso_date("2014-02-07"), feb25 = *parse_iso_date("2014-02-25");
    const LastProposal last{"0123456789abcdef0123456789abcdef01234567", feb25};
    EXPECT_FALSE(check_date("A-1.md", feb7, std::nullopt, false));
    EXPECT_FALSE(check_date("A-1.md", feb25, last, false));  // the same day is fine
    EXPECT_FALSE(check_date("A-1.md", feb7, last, true));
    const std::optional<Problem> late = check_date("A-1.md", feb7, last, false);
    ASSERT_TRUE(late);
    EXPECT_EQ(late->code, "date-before-last-proposal");
    EXPECT_EQ(late->path, "A-1.md");
    EXPECT_NE(late->message.find("2014-02-07"), std::string::npos);
    EXPECT_NE(late->message.find("2014-02-25"), std::string::npos);
    EXPECT_NE(late->message.find("0123456789ab"), std::string::npos);
    EXPECT_NE(late->help.find("--backdate"), std::string::npos);
    EXPECT_EQ(render(*late).rfind("A-1.md: error[date-before-last-proposal]: ", 0), 0u);
}

TEST(GitHooks, CommitMessageIsStrippedAsGitDoes) {
    const std::string raw =
        "Proposal\n\nProposed-by: Japan\n# Please enter the commit message\n"
        "# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n";
    EXPECT_EQ(strip_commit_message(raw), "Proposal\n\nProposed-by: Japan\n");
    EXPECT_EQ(strip_commit_message("a\n; comment\nb", ';'), "a\nb");
}

TEST(GitHooks, ProposedByTrailersMustNameKnownDelegations) {
    EXPECT_TRUE(check_commit_message("Fix a typo\n", registry()).empty());
    EXPECT_TRUE(check_commit_message(
                    "Common proposal\n\nProposed-by: RF\nProposed-by: Avri Doria\n", registry())
                    .empty());
    const auto problems =
        check_commit_message("Proposal\n\nProposed-by: Japon\nMeeting: WGEC-3\n", registry());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].message.find("Proposed-by"), std::string::npos);
    EXPECT_NE(problems[0].message.find("did you mean Japan?"), std::string::npos);
}

}  // namespace
}  // namespace accord::hooks

// ---------------------------------------------------------------- errors known by what they are

namespace accord::hooks {
namespace {

TEST(HooksChecksIdentity, AnEditOnTheLineOfAnOldDefectIsNotBlocked) {
    const std::string before = "The Parties [shall cooperate on finance.\n";
    const std::string after = "The Parties [shall cooperate on technology.\n";
    EXPECT_TRUE(check_text_change("A-1.md", before, after, kOptions).empty());
    // An edit right against the mark still knows it by the word on its other side.
    EXPECT_TRUE(
        check_text_change("A-1.md", before, "The Parties [must cooperate on finance.\n", kOptions)
            .empty());
}

TEST(HooksChecksIdentity, AnOldDefectTravelsWithItsWordsWhenItsParagraphIsRewritten) {
    const std::string before =
        "Intro.\n\nParties shall [enhance action on adaptation and\n\nDecides ~~to note.\n";
    const std::string after =
        "Intro, revised at length.\n\nRecalling the Convention, Parties shall [enhance action on "
        "adaptation and, as appropriate, finance\n\nAlso decides ~~to note.\n";
    EXPECT_TRUE(check_text_change("A-1.md", before, after, kOptions).empty())
        << render(check_text_change("A-1.md", before, after, kOptions));
    // A new defect elsewhere on the same line is still new.
    const std::string another =
        "Intro.\n\nParties shall [enhance action on adaptation and [mitigation\n\nDecides ~~to "
        "note.\n";
    const auto problems = check_text_change("A-1.md", before, another, kOptions);
    ASSERT_EQ(problems.size(), 1u) << render(problems);
    EXPECT_EQ(problems[0].column, 49u);
}

TEST(HooksChecksIdentity, ManyDiagnosticsAreMatchedInOnePassAndOnlyAThousandShown) {
    const std::string before = "Intro.\n\n" + std::string(200000, '[') + "\n";
    const std::string after = "Intro, edited.\n\n" + std::string(200001, '[') + "\n";
    const TextCheck same = check_text("A-1.md", before, before, kOptions, kMaxProblemsShown);
    EXPECT_EQ(same.new_errors, 0u);
    const TextCheck one = check_text("A-1.md", before, after, kOptions, kMaxProblemsShown);
    EXPECT_EQ(one.new_errors, 1u);
    EXPECT_EQ(one.problems.size(), 1u);
    const TextCheck all = check_text("A-1.md", std::nullopt, after, kOptions, kMaxProblemsShown);
    EXPECT_EQ(all.new_errors, 200001u);
    EXPECT_EQ(all.problems.size(), kMaxProblemsShown);
    EXPECT_EQ(all.more, 200001u - kMaxProblemsShown);
    const std::string shown = render(all.problems, all.more);
    EXPECT_NE(shown.find("199001 more problems not shown"), std::string::npos);
    EXPECT_LT(std::count(shown.begin(), shown.end(), '\n'), 5000);
}

}  // namespace
}  // namespace accord::hooks
