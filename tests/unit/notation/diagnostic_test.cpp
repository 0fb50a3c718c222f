#include "core/notation/diagnostic.hpp"

#include <gtest/gtest.h>

#include "core/notation/parse.hpp"
#include "core/notation/source_map.hpp"

namespace accord {
namespace {

TEST(Diagnostic, RendersLikeACompiler) {
    const Document d = parse("first line\nsome «text» ] here\n");
    ASSERT_EQ(d.diagnostics.size(), 1u);
    const std::string out = render(d.diagnostics[0], "draft.md", SourceMap(d.source));
    EXPECT_EQ(out,
              "draft.md:2:13: error[unmatched-bracket]: ']' has no matching '['\n"
              " 2 | some «text» ] here\n"
              "   |             ^\n"
              "   = help: " +
                  d.diagnostics[0].help + "\n");
}

// A right-to-left override in the quoted line would reorder it on the
// terminal: shown as '?', one character, so the caret stays under the mark.
TEST(Diagnostic, BidirectionalOverridesInTheQuotedLineAreShownAsAMark) {
    const Document d = parse(
        "a \xE2\x80\xAE"
        "bc ] d\n");
    ASSERT_EQ(d.diagnostics.size(), 1u);
    const std::string out = render(d.diagnostics[0], "x.md", SourceMap(d.source));
    EXPECT_NE(out.find(" 1 | a ?bc ] d\n   |       ^\n"), std::string::npos) << out;
    EXPECT_EQ(out.find("\xE2\x80\xAE"), std::string::npos) << out;
}

TEST(Diagnostic, LongLinesAreQuotedAroundTheSpot) {
    const std::string text = std::string(500, 'a') + "]" + std::string(500, 'b');
    const Document d = parse(text);
    const std::string out = render(d.diagnostics[0], "x.md", SourceMap(d.source));
    EXPECT_NE(out.find("..."), std::string::npos);
    // The caret stands under the ']' in the quoted excerpt.
    const std::size_t quoted = out.find(" | ");
    const std::size_t bracket = out.find(']', quoted) - quoted;
    const std::size_t caret_line = out.find('\n', quoted) + 1;
    const std::size_t caret = out.find('^', caret_line) - out.find(" | ", caret_line);
    EXPECT_EQ(bracket, caret);
}

TEST(Diagnostic, ColourOnlyWhenAsked) {
    const Document d = parse("]");
    EXPECT_EQ(render(d.diagnostics[0], "x", SourceMap(d.source)).find('\033'), std::string::npos);
    EXPECT_NE(render(d.diagnostics[0], "x", SourceMap(d.source), {TerminalStyle(true)})
                  .find("\033[1;31m"),
              std::string::npos);
}

TEST(SourceMap, LocatesLinesAndCharacterColumns) {
    const SourceMap map("ab\nçd\n\nx");
    EXPECT_EQ(map.locate(0).line, 1u);
    EXPECT_EQ(map.locate(6).line, 2u);
    EXPECT_EQ(map.locate(6).column, 3u);  // after "çd" (3 bytes, 2 characters)
    EXPECT_EQ(map.locate(8).line, 4u);
    EXPECT_EQ(map.line_text(4), "çd");
}

}  // namespace
}  // namespace accord
