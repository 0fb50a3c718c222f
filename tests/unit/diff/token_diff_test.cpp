// Interning in two steps (merge/diff/token_diff.hpp): interning only the units
// the paragraph diff leaves unmatched gives the diff that interning
// everything gives.
#include <gtest/gtest.h>

#include "core/notation/parse.hpp"
#include "merge/diff/token_diff.hpp"
#include "support/merge_scenarios.hpp"

namespace accord {
namespace {

void expect_same(const TokenDiff& x, const TokenDiff& y) {
    ASSERT_EQ(x.script.size(), y.script.size());
    for (std::size_t k = 0; k < x.script.size(); ++k) {
        EXPECT_EQ(x.script[k].kind, y.script[k].kind) << k;
        EXPECT_EQ(x.script[k].old_index, y.script[k].old_index) << k;
        EXPECT_EQ(x.script[k].new_index, y.script[k].new_index) << k;
    }
    EXPECT_EQ(x.old_to_new, y.old_to_new);
    EXPECT_EQ(x.new_to_old, y.new_to_old);
}

// Both sides' changed units interned, as merge3 does.
TokenDiff diff_changed_only(TokenInterner& interner, const Document& before,
                            const Document& after) {
    InternedTokens b = interner.intern_units(before), a = interner.intern_units(after);
    const ChangedUnits changed = changed_units(b, a);
    for (std::uint32_t u = 0; u < changed.before.size(); ++u) {
        if (changed.before[u]) interner.intern_unit_tokens(before, b, u);
    }
    for (std::uint32_t u = 0; u < changed.after.size(); ++u) {
        if (changed.after[u]) interner.intern_unit_tokens(after, a, u);
    }
    return diff_interned(b, a);
}

// A script over [a0, a1) and [b0, b1): every token once, in order on each
// side, common pairs equal and increasing on both.
void expect_valid(const std::vector<Edit>& script, const InternedTokens& before, std::uint32_t a0,
                  std::uint32_t a1, const InternedTokens& after, std::uint32_t b0,
                  std::uint32_t b1) {
    std::uint32_t a = a0, b = b0;
    for (const Edit& e : script) {
        if (e.kind != EditKind::added) {
            ASSERT_EQ(e.old_index, a++);
        }
        if (e.kind != EditKind::removed) {
            ASSERT_EQ(e.new_index, b++);
        }
        if (e.kind == EditKind::common) {
            EXPECT_EQ(before.ids[e.old_index], after.ids[e.new_index]);
        }
    }
    EXPECT_EQ(a, a1);
    EXPECT_EQ(b, b1);
}

// Words are aligned before the white space between them: counting spaces
// as words, keeping "para about sinks" and the spaces around them outweighed
// keeping "Third para on education".
TEST(TokenDiff, WordsFirstAlignsWordsNotSpaces) {
    const Document before =
        parse("First para here, Second para about sinks, Third para on education,\n");
    const Document after =
        parse("First para here, Third para on education, and more about sinks,\n");
    TokenInterner interner;
    const InternedTokens b = interner.intern(before), a = interner.intern(after);
    const auto n = [](const InternedTokens& t) { return static_cast<std::uint32_t>(t.ids.size()); };
    const auto kept_words = [&](const std::vector<Edit>& script) {
        std::string out;
        for (const Edit& e : script) {
            const Token& t = a.tokens[e.new_index];
            if (e.kind == EditKind::common && t.kind == TokenKind::word)
                out += std::string(after.source.substr(t.range.begin, t.range.size())) + " ";
        }
        return out;
    };
    const std::vector<Edit> words_first = diff_token_range(b, 0, n(b), a, 0, n(a), true);
    expect_valid(words_first, b, 0, n(b), a, 0, n(a));
    EXPECT_EQ(kept_words(words_first), "First para here Third para on education ");
    const std::vector<Edit> plain = diff_token_range(b, 0, n(b), a, 0, n(a), false);
    expect_valid(plain, b, 0, n(b), a, 0, n(a));
    EXPECT_NE(kept_words(plain), kept_words(words_first));
    // Ranges of the texts, empty ones, and white space alone.
    for (std::uint32_t a0 = 0; a0 <= n(b); a0 += 3) {
        for (std::uint32_t b0 = 0; b0 <= n(a); b0 += 5) {
            expect_valid(diff_token_range(b, a0, n(b), a, b0, n(a), true), b, a0, n(b), a, b0,
                         n(a));
            expect_valid(diff_token_range(b, 0, a0, a, 0, b0, true), b, 0, a0, a, 0, b0);
        }
    }
    const Document spaces = parse("a  \n b\n"), other = parse("a \n\n  b\n");
    const InternedTokens s = interner.intern(spaces), o = interner.intern(other);
    expect_valid(diff_token_range(s, 0, n(s), o, 0, n(o), true), s, 0, n(s), o, 0, n(o));
}

TEST(TokenDiff, InternUnitsLeavesTokenIdsUnset) {
    const Document d = parse("One [two] three.\n\nFour five.\n");
    TokenInterner interner;
    InternedTokens t = interner.intern_units(d);
    ASSERT_EQ(t.unit_ids.size(), 2u);
    ASSERT_EQ(t.unit_first.size(), 3u);
    for (std::uint32_t id : t.ids) EXPECT_EQ(id, kNone);
    interner.intern_unit_tokens(d, t, 1);
    for (std::uint32_t k = 0; k < t.ids.size(); ++k)
        EXPECT_EQ(t.ids[k] == kNone, k < t.unit_first[1]) << k;
}

TEST(TokenDiff, ChangedUnitsAreTheUnmatchedParagraphs) {
    // A unit is a paragraph with the break after it.
    const Document before = parse("Alpha.\n\nBeta [gamma].\n\nDelta.\n\nOmega.\n");
    const Document after = parse("Alpha.\n\nBeta [gamma][epsilon].\n\nDelta.\n\nZeta.\n\nOmega.\n");
    TokenInterner interner;
    const ChangedUnits changed =
        changed_units(interner.intern_units(before), interner.intern_units(after));
    EXPECT_EQ(changed.before, (std::vector<bool>{false, true, false, false}));
    EXPECT_EQ(changed.after, (std::vector<bool>{false, true, false, true, false}));
}

TEST(TokenDiff, InterningChangedUnitsOnlyGivesTheSameDiff) {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        const test::MergeScenario s = test::random_scenario(seed);
        const Document base = parse(s.base), ours = parse(s.ours);
        TokenInterner all, some;
        expect_same(diff_interned(all.intern(base), all.intern(ours)),
                    diff_changed_only(some, base, ours));
    }
}

}  // namespace
}  // namespace accord

namespace accord {
namespace {

// Paragraphs keyed by their digest get the very ids keying them by their
// bytes gives, for versions that share some paragraphs and not others.
TEST(TokenInterner, UnitsKeyedByDigestGetTheIdsTheirBytesGet) {
    const Document versions[] = {parse("One [two].\n\nThree four.\n\nFive.\n"),
                                 parse("One [two].\n\nThree, four.\n\nFive.\n"),
                                 parse("Five.\n\nOne [two].\n\nThree four.\n"),
                                 parse("One [two].\n\nSix.\n")};
    TokenInterner by_bytes, by_digest;
    by_digest.key_units_by_digest();
    for (const Document& d : versions) {
        const InternedTokens a = by_bytes.intern(d), b = by_digest.intern(d);
        EXPECT_EQ(a.unit_ids, b.unit_ids);
        EXPECT_EQ(a.ids, b.ids);
    }
    EXPECT_EQ(by_bytes.ids_given(), by_digest.ids_given());
    TokenInterner used;
    used.intern(versions[0]);
    EXPECT_THROW(used.key_units_by_digest(), std::logic_error);
}

}  // namespace
}  // namespace accord

namespace accord {
namespace {

std::string repeated(std::string_view piece, std::size_t bytes) {
    std::string out;
    out.reserve(bytes + piece.size());
    while (out.size() < bytes) out += piece;
    return out;
}

// The limit of what is compared word by word counts tokens as well as
// bytes: memory follows the tokens. Prose holds about one token in three
// bytes, a text of one-letter words one in each byte.
TEST(ComparableWordByWord, CountsTokensAsWellAsBytes) {
    EXPECT_TRUE(comparable_word_by_word("The Parties [shall] act.\n"));
    EXPECT_FALSE(comparable_word_by_word(std::string(kMaxWordComparedBytes + 1, 'a')));
    EXPECT_TRUE(comparable_word_by_word(std::string(kMaxWordComparedBytes, 'a')));  // one word
    const std::string prose = repeated("The Parties [shall][should] cooperate on finance. ",
                                       kMaxWordComparedTokens + 1000);
    EXPECT_TRUE(comparable_word_by_word(prose));
    // "a b\n": a word, a space, a word, a line ending.
    EXPECT_FALSE(comparable_word_by_word(repeated("a b\n", kMaxWordComparedTokens + 8)));
    EXPECT_TRUE(comparable_word_by_word(repeated("a b\n", kMaxWordComparedTokens - 8)));
    // Each punctuation sign or mark is a token: a run of brackets is as many.
    EXPECT_FALSE(comparable_word_by_word(std::string(kMaxWordComparedTokens + 1, '[')));
}

// Chinese and Japanese characters are words of their own (tokenize): two
// ideographs and a space are three tokens in seven bytes, 6.6 million
// tokens in 15.4 MB, beyond the limit though within 16 MiB.
TEST(ComparableWordByWord, CountsEachIdeographAsAToken) {
    const std::string cjk = repeated("\xe6\xb8\xa9\xe5\xae\xa4 ", 15'400'000);  // "温室 "
    ASSERT_LT(cjk.size(), kMaxWordComparedBytes);
    EXPECT_FALSE(comparable_word_by_word(cjk));
    // Accented Latin letters are not: "Côte " is two tokens in six bytes.
    EXPECT_TRUE(comparable_word_by_word(repeated("C\xc3\xb4te ", 15'400'000)));
}

}  // namespace
}  // namespace accord
