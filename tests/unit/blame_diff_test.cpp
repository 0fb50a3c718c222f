// Blame's shortcuts give what the general code gives: interning a version
// against the one before equals interning it alone, and map_tokens equals
// the mapping of diff_interned without coincidence folding, on every
// version of generated negotiation histories. And its pipeline of threads
// passes errors on.
#include <gtest/gtest.h>

#include <stdexcept>

#include "merge/blame.hpp"
#include "merge/blame_diff.hpp"
#include "merge/token_diff.hpp"
#include "support/negotiation_generator.hpp"

namespace accord {
namespace {

bool same_tokens(const std::vector<Token>& a, const std::vector<Token>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (a[k].range != b[k].range || a[k].kind != b[k].kind) return false;
    }
    return true;
}

TEST(BlameShortcuts, EqualTheGeneralCodeOnGeneratedHistories) {
    for (std::uint64_t seed : {1, 2, 3}) {
        test::GeneratorOptions options;
        options.seed = seed;
        options.proposals = 120;
        const test::GeneratedHistory history = test::generate_history(options);
        TokenInterner alone, incremental;
        std::vector<Document> documents;
        std::vector<InternedTokens> interned;
        for (std::size_t v = 0; v < history.versions.size(); ++v) {
            documents.push_back(parse(history.versions[v].text, history.parse_options));
            const InternedTokens expected = alone.intern(documents[v]);
            InternedTokens got =
                v == 0 ? incremental.intern(documents[v])
                       : incremental.intern(documents[v], documents[v - 1], interned[v - 1]);
            ASSERT_TRUE(same_tokens(got.tokens, expected.tokens)) << "seed " << seed << " v " << v;
            ASSERT_EQ(got.ids, expected.ids) << "seed " << seed << " v " << v;
            ASSERT_EQ(got.unit_ids, expected.unit_ids) << "seed " << seed << " v " << v;
            ASSERT_EQ(got.unit_first, expected.unit_first) << "seed " << seed << " v " << v;
            interned.push_back(std::move(got));
            TokenDiffOptions raw;
            raw.fold_coincidences = false;
            for (std::size_t p : history.versions[v].parents) {
                const TokenDiff diff = diff_interned(interned[p], interned[v], raw);
                const TokenMapping mapping = map_tokens(interned[p], interned[v]);
                ASSERT_EQ(mapping.old_to_new, diff.old_to_new) << "seed " << seed << " v " << v;
                ASSERT_EQ(mapping.new_to_old, diff.new_to_old) << "seed " << seed << " v " << v;
            }
        }
    }
}

// A text that cannot be read stops the blame with the reader's error, and
// the threads preparing versions ahead stop with it.
TEST(BlamePipeline, AReadErrorReachesTheCaller) {
    test::GeneratorOptions options;
    options.proposals = 60;
    const test::GeneratedHistory history = test::generate_history(options);
    const ReadText failing = [&](std::size_t v) -> std::string_view {
        if (v == 30) throw std::runtime_error("cannot read version 30");
        return history.versions[v].text;
    };
    EXPECT_THROW(blame_versions(history.versions, history.versions.size() - 1,
                                history.parse_options, failing),
                 std::runtime_error);
    const BlameResult whole =
        blame_versions(history.versions, history.versions.size() - 1, history.parse_options);
    EXPECT_FALSE(whole.spans.empty());
}

}  // namespace
}  // namespace accord
