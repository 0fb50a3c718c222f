// Blame at a merge: each token of the merged text takes its origin from the
// parent it came from, and what the merge itself made (the brackets around
// two sides' competing edits) is the merge's, whatever identical tokens
// stand elsewhere in the text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "merge/blame/blame.hpp"

namespace accord {
namespace {

BlameVersion version(std::string text, std::vector<std::size_t> parents) {
    BlameVersion v;
    v.text = std::move(text);
    v.parents = std::move(parents);
    return v;
}

// "token=version" for every span, split at white space, in order.
std::string credits(const BlameResult& result) {
    std::string out;
    for (const BlameSpan& span : result.spans) {
        const std::string text =
            result.document.source.substr(span.range.begin, span.range.end - span.range.begin);
        std::size_t at = 0;
        while (at < text.size()) {
            const std::size_t space = text.find_first_of(" \n", at);
            const std::size_t end = space == std::string::npos ? text.size() : space;
            if (end > at) {
                out += (out.empty() ? "" : " ") + text.substr(at, end - at) + "=" +
                       std::to_string(span.origin);
            }
            at = end + 1;
        }
    }
    return out;
}

const char* const kDraft =
    "1. States should strengthen cooperation on policy issues.\n\n"
    "2. all stakeholders participate in their roles.\n";
const char* const kAlternatives =
    "1. States should [strengthen][improve] cooperation on policy issues.\n\n"
    "2. all stakeholders participate in their roles.\n";
const char* const kInternational =
    "1. States should [strengthen][improve] cooperation on international policy issues.\n\n"
    "2. all stakeholders participate in their roles.\n";
const char* const kAll =
    "1. States should [strengthen][improve] cooperation on all policy issues.\n\n"
    "2. all stakeholders participate in their roles and duties.\n";

// Two redrafts each put one word at one place; `accord merge` made them
// alternatives in one commit with three parents (main, then each redraft).
// "all" is the second redraft's, not the draft's "all" of paragraph 2, and
// the new brackets are the merge's, not those of "[strengthen][improve]".
TEST(BlameMerge, AlternativesMadeByAThreeParentMergeAreTheMerges) {
    const std::vector<BlameVersion> versions = {
        version(kDraft, {}),
        version(kAlternatives, {0}),
        version(kInternational, {1}),
        version(kAll, {1}),
        version("1. States should [strengthen][improve] cooperation on [international][all] "
                "policy issues.\n\n2. all stakeholders participate in their roles and duties.\n",
                {1, 2, 3}),
    };
    EXPECT_EQ(credits(blame_versions(versions, 4, ParseOptions{})),
              "1.=0 States=0 should=0 [=1 strengthen=0 ][=1 improve=1 ]=1 cooperation=0 on=0 [=4 "
              "international=2 ][=4 all=3 ]=4 policy=0 issues.=0 2.=0 all=0 stakeholders=0 "
              "participate=0 in=0 their=0 roles=0 and=3 duties=3 .=0");
}

// The same edits joined by a plain two-parent merge (git pull through
// accord's merge driver): main's side first.
TEST(BlameMerge, AlternativesMadeByATwoParentMergeAreTheMerges) {
    const std::vector<BlameVersion> versions = {
        version(kDraft, {}),
        version(kAlternatives, {0}),
        version(kInternational, {1}),
        version(kAll, {1}),
        version("1. States should [strengthen][improve] cooperation on [all][international] "
                "policy issues.\n\n2. all stakeholders participate in their roles and duties.\n",
                {3, 2}),
    };
    EXPECT_EQ(credits(blame_versions(versions, 4, ParseOptions{})),
              "1.=0 States=0 should=0 [=1 strengthen=0 ][=1 improve=1 ]=1 cooperation=0 on=0 [=4 "
              "all=3 ][=4 international=2 ]=4 policy=0 issues.=0 2.=0 all=0 stakeholders=0 "
              "participate=0 in=0 their=0 roles=0 and=3 duties=3 .=0");
}

// The words a span restored (restored_by set), in order.
std::string restorations(const BlameResult& result) {
    std::string out;
    for (const BlameSpan& span : result.spans) {
        if (!span.restored_by) continue;
        out += (out.empty() ? "" : " ") +
               result.document.source.substr(span.range.begin, span.range.end - span.range.begin);
    }
    return out;
}

// A redraft deleted paragraph 4 while main added its closing words to
// paragraph 3: main's words are its proposer's, before the merge as after
// it, though the redraft's deletion came first (a deletion on another line
// is no wording main's proposer could bring back).
TEST(BlameMerge, WordsAddedOnMainAreNotRestoredFromARedraftsDeletion) {
    const char* const kMain =
        "3. To adapt and foster climate resilience [and low greenhouse gas emissions "
        "development].\n\n4. To make finance flows consistent with low greenhouse gas "
        "emissions.\n";
    const std::vector<BlameVersion> versions = {
        version("3. To adapt and foster climate resilience.\n\n4. To make finance flows "
                "consistent with low greenhouse gas emissions.\n",
                {}),
        version("3. To adapt and foster climate resilience.\n", {0}),
        version(kMain, {0}),
        version("3. To adapt and foster climate resilience [and low greenhouse gas emissions "
                "development].\n",
                {2, 1}),
    };
    const std::string expected =
        "3.=0 To=0 adapt=0 and=0 foster=0 climate=0 resilience=0 [=2 and=2 low=2 greenhouse=2 "
        "gas=2 emissions=2 development=2 ]=2 .=0";
    const BlameResult on_main = blame_versions(versions, 2, ParseOptions{});
    EXPECT_EQ(restorations(on_main), "");
    EXPECT_EQ(credits(on_main).substr(0, expected.size()), expected);
    const BlameResult merged = blame_versions(versions, 3, ParseOptions{});
    EXPECT_EQ(restorations(merged), "");
    EXPECT_EQ(credits(merged), expected);
}

// Two redrafts merged cleanly: one deleted a clause of paragraph 2, the
// other put "[starting in 2020]" before the draft's "[in accordance ...]".
// Each "in" is its own proposer's, in either order of the merged redrafts:
// the draft's is the one of "in accordance", which stood where it stands.
TEST(BlameMerge, AWordARedraftAddedBesideTheSameWordOfTheDraftIsTheRedrafts) {
    const char* const kDraft =
        "1. Each Party shall communicate a contribution every five years [in accordance with "
        "decision 1/CP.21] and be informed by the stocktake.\n\n"
        "2. Parties shall account for their contributions, promoting integrity, transparency "
        "and consistency.\n";
    const char* const kDeleted =
        "1. Each Party shall communicate a contribution every five years [in accordance with "
        "decision 1/CP.21] and be informed by the stocktake.\n\n"
        "2. Parties shall account for their contributions.\n";
    const char* const k2020 =
        "1. Each Party shall communicate a contribution every five years [starting in 2020] [in "
        "accordance with decision 1/CP.21] and be informed by the stocktake.\n\n"
        "2. Parties shall account for their contributions, promoting integrity, transparency "
        "and consistency.\n";
    const char* const kMerged =
        "1. Each Party shall communicate a contribution every five years [starting in 2020] [in "
        "accordance with decision 1/CP.21] and be informed by the stocktake.\n\n"
        "2. Parties shall account for their contributions.\n";
    for (const bool deletion_first : {true, false}) {
        const std::vector<BlameVersion> versions = {
            version(kDraft, {}),
            version(kDeleted, {0}),
            version(k2020, {0}),
            version(kMerged, deletion_first ? std::vector<std::size_t>{0, 1, 2}
                                            : std::vector<std::size_t>{0, 2, 1}),
        };
        EXPECT_EQ(credits(blame_versions(versions, 3, ParseOptions{})),
                  "1.=0 Each=0 Party=0 shall=0 communicate=0 a=0 contribution=0 every=0 five=0 "
                  "years=0 [=2 starting=2 in=2 2020=2 ]=2 [=0 in=0 accordance=0 with=0 "
                  "decision=0 1/CP.21=0 ]=0 and=0 be=0 informed=0 by=0 the=0 stocktake.=0 2.=0 "
                  "Parties=0 shall=0 account=0 for=0 their=0 contributions.=0")
            << (deletion_first ? "the deletion merged first" : "the addition merged first");
    }
}

// The same words tabled on a redraft, then as an option on main, and
// merged: they are the redraft's, who tabled them first, as `who` says,
// and stay so once the chair agrees them; main's option is main's.
TEST(BlameMerge, TheSameWordsTabledOnBothSidesAreTheirFirstProposers) {
    const std::vector<BlameVersion> versions = {
        version("4. To make finance flows consistent with low emissions.\n", {}),
        version("4. To make finance flows consistent with low emissions and climate-resilient "
                "development.\n",
                {0}),
        version("4. To make finance flows consistent with low emissions [and climate-resilient "
                "development][, taking into account national circumstances].\n",
                {0}),
        version("4. To make finance flows consistent with low emissions [and climate-resilient "
                "development][, taking into account national circumstances].\n",
                {2, 1}),
        version("4. To make finance flows consistent with low emissions and climate-resilient "
                "development.\n",
                {3}),
    };
    EXPECT_EQ(credits(blame_versions(versions, 3, ParseOptions{})),
              "4.=0 To=0 make=0 finance=0 flows=0 consistent=0 with=0 low=0 emissions=0 [=2 "
              "and=1 climate-resilient=1 development=1 ][=2 ,=2 taking=2 into=2 account=2 "
              "national=2 circumstances=2 ]=2 .=0");
    EXPECT_EQ(credits(blame_versions(versions, 4, ParseOptions{})),
              "4.=0 To=0 make=0 finance=0 flows=0 consistent=0 with=0 low=0 emissions=0 and=1 "
              "climate-resilient=1 development=1 .=0");
}

}  // namespace
}  // namespace accord
