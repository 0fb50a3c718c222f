// Blame's shortcuts give what the general code gives: interning a version
// against the one before equals interning it alone, and map_tokens equals
// the mapping of diff_interned without coincidence folding, on every
// version of generated negotiation histories; parsing through a front
// matter memo equals parsing alone. And its pipeline of threads passes
// errors on.
#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "core/notation/front_matter.hpp"
#include "merge/blame/blame.hpp"
#include "merge/blame/blame_diff.hpp"
#include "merge/diff/token_diff.hpp"
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
            raw.words_first = true;
            raw.paragraph_edges = false;
            for (std::size_t p : history.versions[v].parents) {
                const TokenDiff diff = diff_interned(interned[p], interned[v], raw);
                const TokenMapping mapping = map_tokens(interned[p], interned[v]);
                ASSERT_EQ(mapping.old_to_new, diff.old_to_new) << "seed " << seed << " v " << v;
                ASSERT_EQ(mapping.new_to_old, diff.new_to_old) << "seed " << seed << " v " << v;
            }
        }
    }
}

// The front matter and the blank after it are one unit, whether a version
// is interned alone or through the one before: text right after the front
// matter, then a blank put there, then taken out again.
TEST(BlameShortcuts, InterningThroughTheVersionBeforeCutsTheFrontMatterAlike) {
    const std::vector<std::string> versions = {
        "---\nid: A-1\n---\nBody text here.\n",
        "---\nid: A-1\n---\n\nBody text here.\n",
        "---\nid: A-1\n---\n\n\nBody text here.\n",
        "---\nid: A-1\n---\n[a] b\n",
        "---\nid: A-1\n---\n \n[a] b\n",
        "---\nid: A-1\n---\n",
        "---\nid: A-1\n---\n\nBody [text] here.\n\nMore.\n",
        "---\nid: A-1\n---\nBody [text] here.\n\nMore.\n",
    };
    TokenInterner alone, incremental;
    std::vector<Document> documents;
    std::vector<InternedTokens> interned;
    for (std::size_t v = 0; v < versions.size(); ++v) {
        documents.push_back(parse(versions[v]));
        const InternedTokens expected = alone.intern(documents[v]);
        InternedTokens got =
            v == 0 ? incremental.intern(documents[v])
                   : incremental.intern(documents[v], documents[v - 1], interned[v - 1]);
        ASSERT_TRUE(same_tokens(got.tokens, expected.tokens)) << "v " << v;
        ASSERT_EQ(got.ids, expected.ids) << "v " << v;
        ASSERT_EQ(got.unit_ids, expected.unit_ids) << "v " << v;
        ASSERT_EQ(got.unit_first, expected.unit_first) << "v " << v;
        interned.push_back(std::move(got));
    }
}

// Versions in a row as blame reads them: the front matter kept, changed,
// broken, gone, and a closing fence at the very end of the text.
TEST(BlameShortcuts, FrontMatterMemoReadsAsParseAlone) {
    const std::vector<std::string> texts = {
        "---\nid: A-1\ntitle: One\n---\nText [a] b.\n",
        "---\nid: A-1\ntitle: One\n---\nText [a] c.\n",
        "---\nid: A-1\ntitle: Two\n---\nText [a] c.\n",
        "---\nid: [unclosed\n---\nBody.\n",
        "---\nid: [unclosed\n---\nBody, changed.\n",
        "---\nid: A-1\ntitle: Two\n",
        "No front matter.\n",
        "---\nid: A-1\n---",
        "---\nid: A-1\n----\nid: A-2\n---\nText.\n",
        "---\nid: A-1\n---",
        "---\nid: A-1\n---\nText.\n",
    };
    FrontMatterMemo memo;
    for (std::size_t v = 0; v < texts.size(); ++v) {
        const Document alone = parse(texts[v]);
        const Document got = parse(texts[v], ParseOptions{}, memo);
        const FrontMatter &a = alone.front_matter, &g = got.front_matter;
        ASSERT_EQ(g.present, a.present) << "text " << v;
        ASSERT_EQ(g.range, a.range) << "text " << v;
        ASSERT_EQ(g.yaml, a.yaml) << "text " << v;
        ASSERT_EQ(g.fields.size(), a.fields.size()) << "text " << v;
        for (std::size_t f = 0; f < a.fields.size(); ++f) {
            EXPECT_EQ(g.fields[f].key, a.fields[f].key) << "text " << v;
            EXPECT_EQ(g.fields[f].value, a.fields[f].value) << "text " << v;
            EXPECT_EQ(g.fields[f].scalar, a.fields[f].scalar) << "text " << v;
        }
        ASSERT_EQ(got.diagnostics.size(), alone.diagnostics.size()) << "text " << v;
        for (std::size_t d = 0; d < alone.diagnostics.size(); ++d) {
            const Diagnostic &x = got.diagnostics[d], &y = alone.diagnostics[d];
            EXPECT_EQ(x.code, y.code) << "text " << v;
            EXPECT_EQ(x.offset, y.offset) << "text " << v;
            EXPECT_EQ(x.line, y.line) << "text " << v;
            EXPECT_EQ(x.column, y.column) << "text " << v;
            EXPECT_EQ(x.message, y.message) << "text " << v;
        }
        EXPECT_EQ(got.body, alone.body) << "text " << v;
    }
}

// A text that cannot be read stops the blame with the reader's error, and
// the threads preparing versions ahead stop with it.
TEST(BlamePipeline, AReadErrorReachesTheCaller) {
    test::GeneratorOptions options;
    options.proposals = 60;
    const test::GeneratedHistory history = test::generate_history(options);
    const ReadText failing = [&](std::size_t v) -> std::string {
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

// One paragraph of 3,200 words from 200 distinct ones, three in five or all
// of them replaced: no word is unique to anchor the word diff, whose search once gave
// pairs out of order, and blame looped forever folding them. Every span is
// credited to a version whose text holds it, in order.
TEST(BlamePipeline, RepetitiveParagraphReworded) {
    auto paragraph = [](std::uint32_t seed, std::uint32_t replaced_in_five) {
        std::mt19937 rng(1);
        std::mt19937 change(seed);
        std::string text;
        for (int k = 0; k < 6400; ++k) {
            std::uint32_t word = rng() % 200;
            if (change() % 5 < replaced_in_five) word = change() % 200;
            if (k) text += ' ';
            text += {char('a' + word % 26), char('a' + word / 26), 'x'};
        }
        return text + "\n";
    };
    for (std::uint32_t replaced_in_five : {3u, 5u}) {
        SCOPED_TRACE(replaced_in_five);
        std::vector<BlameVersion> versions(2);
        versions[0] = {"a", {}, paragraph(0, 0), {"Japan"}, "2026-01-01T12:00:00Z"};
        versions[1] = {"b", {0}, paragraph(2, replaced_in_five), {"EU"}, "2026-01-02T12:00:00Z"};
        const BlameResult result = blame_versions(versions, 1, ParseOptions{});
        ASSERT_FALSE(result.spans.empty());
        std::size_t by_second = 0;
        std::size_t end = 0;
        for (const BlameSpan& span : result.spans) {
            ASSERT_LE(end, span.range.begin);
            end = span.range.end;
            ASSERT_LE(span.origin, 1u);
            by_second += span.origin == 1;
        }
        EXPECT_GT(by_second, 0u);
        EXPECT_LE(end, versions[1].text.size());
        // The words credited to the first version, in order, are words it wrote
        // in that order (a pair of unequal words would break the chain).
        auto words_of = [](std::string_view text) {
            std::vector<std::string> words;
            std::size_t at = 0;
            while (at < text.size()) {
                const std::size_t space = std::min(text.find_first_of(" \n", at), text.size());
                if (space > at) words.emplace_back(text.substr(at, space - at));
                at = space + 1;
            }
            return words;
        };
        std::vector<std::string> credited;
        for (const BlameSpan& span : result.spans) {
            if (span.origin != 0 || span.kind != SpanKind::text) continue;
            for (std::string& word : words_of(std::string_view(versions[1].text)
                                                  .substr(span.range.begin, span.range.size())))
                credited.push_back(std::move(word));
        }
        const std::vector<std::string> written = words_of(versions[0].text);
        std::size_t next = 0;
        for (const std::string& word : credited) {
            while (next < written.size() && written[next] != word) ++next;
            ASSERT_LT(next, written.size())
                << "credited to the first version, not in its order: " << word;
            ++next;
        }
        // Kept single words between replacements are folded as coincidences: 278
        // stand of 3,200 with three in five replaced; none once all are.
        if (replaced_in_five == 3) {
            EXPECT_GT(credited.size(), 200u);
        }
    }
}

// A paragraph of 20,000 commas replacing a sentence: every stretch of the
// run was tried as a whole unit come back, each hashed anew (cubic: 6,000
// commas took a minute). The commas are the second version's.
TEST(BlamePipeline, ALongRunOfPunctuation) {
    std::vector<BlameVersion> versions(2);
    versions[0] = {"a", {}, "Hello world.\n", {"Japan"}, "2026-01-01T12:00:00Z"};
    versions[1] = {"b", {0}, std::string(20000, ',') + "\n", {"EU"}, "2026-01-02T12:00:00Z"};
    const BlameResult result = blame_versions(versions, 1, ParseOptions{});
    ASSERT_FALSE(result.spans.empty());
    for (const BlameSpan& span : result.spans) EXPECT_EQ(span.origin, 1u);
}

}  // namespace
}  // namespace accord
