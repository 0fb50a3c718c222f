#include "core/notation/tokens.hpp"

#include <gtest/gtest.h>

#include "core/notation/parse.hpp"

namespace accord {
namespace {

std::vector<std::pair<std::string, std::string>> kinds_and_text(std::string_view text) {
    const Document d = parse(text);
    std::vector<std::pair<std::string, std::string>> out;
    for (const Token& t : tokenize(d))
        out.emplace_back(std::string(to_string(t.kind)), std::string(d.text(t.range)));
    return out;
}

TEST(Tokens, WordsNumbersPunctuationAndMarks) {
    using P = std::pair<std::string, std::string>;
    const auto tokens = kinds_and_text("To [strengthen][improve] 1.5 °C, ~~as~~ *x*");
    const std::vector<P> expected = {
        {"word", "To"},         {"space", " "},         {"bracket-open", "["},
        {"word", "strengthen"}, {"bracket-close", "]"}, {"bracket-open", "["},
        {"word", "improve"},    {"bracket-close", "]"}, {"space", " "},
        {"number", "1.5"},      {"space", " "},         {"punctuation", "°"},
        {"word", "C"},          {"punctuation", ","},   {"space", " "},
        {"strike-open", "~~"},  {"word", "as"},         {"strike-close", "~~"},
        {"space", " "},         {"emphasis", "*"},      {"word", "x"},
        {"emphasis", "*"},
    };
    EXPECT_EQ(tokens, expected);
}

TEST(Tokens, LabelsTagsSeparatorsAndBreaks) {
    using P = std::pair<std::string, std::string>;
    const auto tokens = kinds_and_text("Alt1: [a / b] (agreed)\n\nnext\nline");
    const std::vector<P> expected = {
        {"label", "Alt1:"},
        {"space", " "},
        {"bracket-open", "["},
        {"word", "a"},
        {"space", " "},
        {"separator", "/"},
        {"space", " "},
        {"word", "b"},
        {"bracket-close", "]"},
        {"space", " "},
        {"status-tag", "(agreed)"},
        {"paragraph-break", "\n\n"},
        {"word", "next"},
        {"line-break", "\n"},
        {"word", "line"},
    };
    EXPECT_EQ(tokens, expected);
}

TEST(Tokens, AHeadingRightAfterALineStartsAParagraph) {
    using P = std::pair<std::string, std::string>;
    // The parser reads "A," and the heading as two paragraphs, so the line
    // break between them is a paragraph break; a plain line break stays one.
    const auto tokens = kinds_and_text("A,\n## Article 1\n\nB\nC");
    const std::vector<P> expected = {
        {"word", "A"},
        {"punctuation", ","},
        {"paragraph-break", "\n"},
        {"punctuation", "#"},
        {"punctuation", "#"},
        {"space", " "},
        {"word", "Article"},
        {"space", " "},
        {"number", "1"},
        {"paragraph-break", "\n\n"},
        {"word", "B"},
        {"line-break", "\n"},
        {"word", "C"},
    };
    EXPECT_EQ(tokens, expected);
}

TEST(Tokens, UnicodePunctuationSplitsWords) {
    const auto tokens = kinds_and_text("cooperation—to “authorized”\xC2\xA0now");
    std::vector<std::string> words;
    for (const auto& [kind, text] : tokens) {
        if (kind == "word") words.push_back(text);
    }
    EXPECT_EQ(words, (std::vector<std::string>{"cooperation", "to", "authorized", "now"}));
}

// Chinese and Japanese run without spaces: each ideograph or kana is a
// word, their punctuation and ideographic space split as Latin ones do, and
// Korean (written with spaces) keeps its words whole.
TEST(Tokens, EachChineseOrJapaneseCharacterIsAWord) {
    const auto tokens =
        kinds_and_text("发达国家，应当提供资金。\xE3\x80\x80しかし2020年 국가 Parties资金");
    std::vector<std::string> words, other;
    for (const auto& [kind, text] : tokens)
        (kind == "word" ? words : other).push_back(kind + ":" + text);
    EXPECT_EQ(words, (std::vector<std::string>{
                         "word:发", "word:达", "word:国", "word:家", "word:应", "word:当",
                         "word:提", "word:供", "word:资", "word:金", "word:し", "word:か",
                         "word:し", "word:年", "word:국가", "word:Parties", "word:资", "word:金"}));
    EXPECT_EQ(other,
              (std::vector<std::string>{"punctuation:，", "punctuation:。", "space:\xE3\x80\x80",
                                        "number:2020", "space: ", "space: "}));
}

TEST(Tokens, LiteralBracketsArePunctuation) {
    const auto tokens = kinds_and_text("a ] b");
    EXPECT_EQ(tokens[2], (std::pair<std::string, std::string>{"punctuation", "]"}));
}

TEST(Tokens, TokensTileTheDocument) {
    const Document d = parse("---\nid: x\n---\nAlt: [a\xFF][b] ~~c~~ d/e (revisit).\n");
    std::string rebuilt;
    std::size_t at = 0;
    for (const Token& t : tokenize(d)) {
        EXPECT_EQ(t.range.begin, at);
        EXPECT_LT(t.range.begin, t.range.end);
        rebuilt += d.text(t.range);
        at = t.range.end;
    }
    EXPECT_EQ(rebuilt, d.source);
}

}  // namespace
}  // namespace accord
