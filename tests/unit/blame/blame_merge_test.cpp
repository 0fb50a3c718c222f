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

}  // namespace
}  // namespace accord
