#include "core/notation/front_matter.hpp"

#include <gtest/gtest.h>

#include "core/notation/parse.hpp"

namespace accord {
namespace {

TEST(FrontMatter, AbsentWhenTheFileDoesNotStartWithAFence) {
    const Document d = parse("id: A-1\n---\n");
    EXPECT_FALSE(d.front_matter.present);
}

TEST(FrontMatter, UnclosedFenceIsTextWithAWarning) {
    const Document d = parse("---\nid: A-1\nText [a]");
    EXPECT_FALSE(d.front_matter.present);
    ASSERT_FALSE(d.diagnostics.empty());
    EXPECT_EQ(d.diagnostics[0].code, "front-matter-unclosed");
    EXPECT_EQ(d.diagnostics[0].severity, Severity::warning);
    EXPECT_EQ(d.brackets.size(), 1u);
}

TEST(FrontMatter, InvalidYamlIsReportedAtItsLine) {
    const Document d = parse("---\nid: A-1\ntitle: [unclosed\nstatus: x\n---\nText");
    ASSERT_TRUE(d.front_matter.present);
    ASSERT_EQ(d.diagnostics.size(), 1u);
    EXPECT_EQ(d.diagnostics[0].code, "front-matter-invalid");
    EXPECT_EQ(d.diagnostics[0].severity, Severity::error);
    EXPECT_GE(d.diagnostics[0].line, 3u);
    EXPECT_LE(d.diagnostics[0].line, 5u);
    EXPECT_TRUE(d.front_matter.fields.empty());
}

// yaml-cpp reads an unclosed quote to the end of the block as the value:
// "status: revisit" after it was lost without a word. And it names the end
// of the block, not the opener, for an unclosed bracket.
TEST(FrontMatter, AnUnclosedQuoteOrBracketIsReportedWhereItOpens) {
    struct Case {
        std::string yaml;
        std::size_t line, column;
    };
    for (const Case& c : {Case{"id: x\ntitle: \"unterminated\nstatus: revisit\n", 3, 8},
                          Case{"id: x\ntitle: [unclosed\nstatus: x\n", 3, 8},
                          Case{"id: x\ntitle: 'it''s open\n", 3, 8},
                          Case{"tags:\n  - {a: 1\n", 3, 5}, Case{"title: \"Côte\n", 2, 8}}) {
        const Document d = parse("---\n" + c.yaml + "---\nText.\n");
        ASSERT_EQ(d.diagnostics.size(), 1u) << c.yaml;
        EXPECT_EQ(d.diagnostics[0].code, "front-matter-invalid") << c.yaml;
        EXPECT_EQ(d.diagnostics[0].line, c.line) << c.yaml;
        EXPECT_EQ(d.diagnostics[0].column, c.column) << c.yaml;
        EXPECT_NE(d.diagnostics[0].message.find("never closed"), std::string::npos);
        EXPECT_TRUE(d.front_matter.fields.empty()) << c.yaml;
    }
    // Closed ones, over lines too, escaped quotes, and quotes inside plain
    // values or comments, are no error.
    for (const std::string yaml :
         {"title: \"a \\\" b\"\nstatus: revisit\n", "title: 'it''s'\n", "title: \"two\n  lines\"\n",
          "title: it's \"fine\"\n", "tags: [a, 'b]', {c: d}]\n", "# a \"comment\nid: A-1\n",
          "tags: [a, # note ]\n  b]\n", "sponsors: [Côte d'Ivoire, Japan]\n",
          "meta: {who: Côte d'Ivoire}\n",
          "summary: |\n  The Chair said: \"Let us\n  move on.\nid: A-1\n",
          "notes: >-\n  - \"Article 2\nid: A-1\n", "key: \"a: b\"\n", "list:\n  - [a, 'b, c']\n"}) {
        const Document d = parse("---\n" + yaml + "---\nText.\n");
        EXPECT_TRUE(d.diagnostics.empty()) << yaml << d.diagnostics[0].message;
        EXPECT_FALSE(d.front_matter.fields.empty()) << yaml;
    }
}

// Ten lines of aliases, each a list of nine uses of the one before, stand
// for billions of values: reported, not walked (every command that reads
// the text would spin), while an alias or two of honest use still reads.
TEST(FrontMatter, AliasesThatExpandToBillionsOfValuesAreAnErrorNotAWalk) {
    std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c < 'b' + 10; ++c) {
        yaml += std::string(1, c) + ": &" + c + " [";
        for (int k = 0; k < 9; ++k) yaml += std::string(k ? ", " : "") + "*" + char(c - 1);
        yaml += "]\n";
    }
    const Document d = parse("---\n" + yaml + "---\nSome [text].\n");
    ASSERT_EQ(d.diagnostics.size(), 1u);
    EXPECT_EQ(d.diagnostics[0].code, "front-matter-too-large");
    EXPECT_EQ(d.diagnostics[0].severity, Severity::error);
    EXPECT_TRUE(d.front_matter.fields.empty());
    EXPECT_EQ(d.brackets.size(), 1u);  // the text itself still reads
    const Document honest =
        parse("---\nid: A-1\nsponsors: &s [Japan, Norway]\nalso: *s\n---\nText\n");
    EXPECT_TRUE(honest.diagnostics.empty());
    EXPECT_EQ(honest.front_matter.fields.size(), 3u);
}

TEST(FrontMatter, ListsNestedPastTheReadersLimitAreSaidToBe) {
    const Document d =
        parse("---\nx: " + std::string(3000, '[') + std::string(3000, ']') + "\n---\nText\n");
    ASSERT_EQ(d.diagnostics.size(), 1u);
    EXPECT_EQ(d.diagnostics[0].code, "front-matter-invalid");
    EXPECT_NE(d.diagnostics[0].message.find("too deeply"), std::string::npos)
        << d.diagnostics[0].message;
}

TEST(FrontMatter, NotAMappingIsAnError) {
    const Document d = parse("---\n- a\n- b\n---\nText");
    ASSERT_EQ(d.diagnostics.size(), 1u);
    EXPECT_EQ(d.diagnostics[0].code, "front-matter-not-mapping");
}

TEST(FrontMatter, EmptyFrontMatterHasNoFields) {
    const Document d = parse("---\n---\nText");
    EXPECT_TRUE(d.front_matter.present);
    EXPECT_TRUE(d.front_matter.fields.empty());
    EXPECT_TRUE(d.diagnostics.empty());
}

TEST(FrontMatter, DotsCloseItAndCrlfWorks) {
    const Document d = parse("---\r\nid: A-1\r\n...\r\nText");
    ASSERT_TRUE(d.front_matter.present);
    EXPECT_EQ(d.front_matter.find("id")->value, "A-1");
    EXPECT_EQ(d.text(d.paragraphs[0].range), "Text");
}

// Notepad writes a byte-order mark, and a text converted from UTF-16 keeps
// it: the front matter after it is still the front matter.
TEST(FrontMatter, IsReadAfterAByteOrderMark) {
    const Document d = parse("\xEF\xBB\xBF---\nid: A-1\ntitle: T\n---\nText [a].\n");
    ASSERT_TRUE(d.front_matter.present);
    EXPECT_EQ(d.front_matter.find("id")->value, "A-1");
    ASSERT_EQ(d.paragraphs.size(), 1U);
    EXPECT_EQ(d.text(d.paragraphs[0].range), "Text [a].");
}

TEST(FrontMatter, DeepNestingIsAnErrorNotACrash) {
    const std::string text = "---\nx: " + std::string(100000, '[') + "\n---\nText";
    const Document d = parse(text);
    ASSERT_FALSE(d.diagnostics.empty());
    EXPECT_EQ(d.diagnostics[0].code, "front-matter-invalid");
}

// YAML forbids a key twice, and readers disagree on which value counts:
// `accord status` read the first "status" while the file's last line said
// "agreed". An error at the second key.
TEST(FrontMatter, AKeyGivenTwiceIsAnErrorAtTheSecond) {
    const Document d =
        parse("---\nid: A-3\nstatus: revisit\ntitle: Finance\nstatus: agreed\n---\nText.\n");
    ASSERT_EQ(d.diagnostics.size(), 1u);
    EXPECT_EQ(d.diagnostics[0].code, "front-matter-duplicate-key");
    EXPECT_EQ(d.diagnostics[0].severity, Severity::error);
    EXPECT_EQ(d.diagnostics[0].line, 5u);
    EXPECT_EQ(d.diagnostics[0].column, 1u);
    EXPECT_NE(d.diagnostics[0].message.find("'status' twice"), std::string::npos);
}

TEST(FrontMatter, AKeyGivenTwiceInANestedMappingIsAnErrorToo) {
    const Document d = parse(
        "---\nid: A-3\nmeta:\n  owner: Japan\n  owner: Brazil\nnotes:\n  - {a: 1, a: "
        "2}\n---\nText.\n");
    ASSERT_EQ(d.diagnostics.size(), 2u);
    EXPECT_EQ(d.diagnostics[0].code, "front-matter-duplicate-key");
    EXPECT_EQ(d.diagnostics[0].line, 5u);
    EXPECT_EQ(d.diagnostics[0].column, 3u);
    EXPECT_EQ(d.diagnostics[1].code, "front-matter-duplicate-key");
    EXPECT_EQ(d.diagnostics[1].line, 7u);
}

TEST(FrontMatter, AStatusOutsideTheVocabularyIsAWarningAtItsValue) {
    const Document d = parse("---\nid: A-4\nstatus:  agred\n---\nText.\n");
    ASSERT_EQ(d.diagnostics.size(), 1u);
    EXPECT_EQ(d.diagnostics[0].code, "unknown-status");
    EXPECT_EQ(d.diagnostics[0].severity, Severity::warning);
    EXPECT_EQ(d.diagnostics[0].line, 3u);
    EXPECT_EQ(d.diagnostics[0].column, 10u);
    EXPECT_NE(d.diagnostics[0].message.find("'agred'"), std::string::npos);

    EXPECT_TRUE(parse("---\nid: A-4\nstatus: agreed ad ref\n---\nText.\n").diagnostics.empty());
    EXPECT_TRUE(parse("---\nid: A-4\nstatus:\n---\nText.\n").diagnostics.empty());
    const Document list = parse("---\nid: A-4\nstatus: [agreed, revisit]\n---\nText.\n");
    ASSERT_EQ(list.diagnostics.size(), 1u);
    EXPECT_EQ(list.diagnostics[0].code, "unknown-status");
    ParseOptions own_words;
    own_words.notation.status_vocabulary = {"agred"};
    EXPECT_TRUE(parse("---\nid: A-4\nstatus: agred\n---\nText.\n", own_words).diagnostics.empty());
}

}  // namespace
}  // namespace accord
