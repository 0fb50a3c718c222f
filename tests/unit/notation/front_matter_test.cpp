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

}  // namespace
}  // namespace accord
