// core/util/terminal: colour decided once, and control characters shown
// instead of acted on.
#include "core/util/terminal.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

TerminalFacts terminal() {
    TerminalFacts facts;
    facts.is_terminal = true;
    return facts;
}

TEST(TerminalStyle, AutoColoursOnlyAPlainTerminal) {
    EXPECT_TRUE(TerminalStyle::decide(ColourChoice::automatic, terminal()).colour());
    EXPECT_FALSE(TerminalStyle::decide(ColourChoice::automatic, TerminalFacts{}).colour());
    TerminalFacts no_color = terminal();
    no_color.no_color = true;
    EXPECT_FALSE(TerminalStyle::decide(ColourChoice::automatic, no_color).colour());
    TerminalFacts dumb = terminal();
    dumb.dumb = true;
    EXPECT_FALSE(TerminalStyle::decide(ColourChoice::automatic, dumb).colour());
}

TEST(TerminalStyle, AlwaysAndNeverOverrideTheFacts) {
    TerminalFacts no_color;
    no_color.no_color = true;
    EXPECT_TRUE(TerminalStyle::decide(ColourChoice::always, no_color).colour());
    EXPECT_FALSE(TerminalStyle::decide(ColourChoice::never, terminal()).colour());
}

TEST(TerminalStyle, SequencesOnlyWithColour) {
    const TerminalStyle plain;
    EXPECT_EQ(plain.bold(), "");
    EXPECT_EQ(plain.reset(), "");
    const TerminalStyle coloured(true);
    EXPECT_EQ(coloured.bold(), "\033[1m");
    EXPECT_EQ(coloured.red(), "\033[31m");
    EXPECT_EQ(coloured.reset(), "\033[0m");
}

TEST(EscapeControls, ShowsC0ControlsDelAndLoneCarriageReturns) {
    EXPECT_EQ(escape_controls("\x1b[2J.md"), "\\x1b[2J.md");
    EXPECT_EQ(escape_controls("a\x07"
                              "b\x7f"
                              "c\x01"),
              "a\\x07b\\x7fc\\x01");
    EXPECT_EQ(escape_controls("Japan\rUSA"), "Japan\\x0dUSA");
    EXPECT_EQ(escape_controls(std::string_view("nul\0here", 8)), "nul\\x00here");
}

TEST(EscapeControls, KeepsLineFeedsTabsAndCrlf) {
    EXPECT_EQ(escape_controls("one\ttwo\nthree\r\nfour"), "one\ttwo\nthree\r\nfour");
    EXPECT_EQ(escape_controls("end\r"), "end\\x0d");
}

TEST(EscapeControls, OneLineFieldsShowLineBreaksAndTabsToo) {
    EXPECT_EQ(escape_line("X-1\nagreed-C-4  agreed"), "X-1\\x0aagreed-C-4  agreed");
    EXPECT_EQ(escape_line("a\r\nb\tc\x1b"), "a\\x0d\\x0ab\\x09c\\x1b");
    EXPECT_EQ(escape_line("Côte d'Ivoire"), "Côte d'Ivoire");
}

TEST(EscapeControls, ShowsC1ControlsEncodedOrLone) {
    EXPECT_EQ(escape_controls("a\xC2\x9B"
                              "2Jb"),
              "a\\u009b2Jb");  // U+009B, CSI
    EXPECT_EQ(escape_controls("a\x9B"
                              "2Jb"),
              "a\\x9b2Jb");  // a lone 0x9B byte
    EXPECT_EQ(escape_controls("\xC2\x85"), "\\u0085");
}

// A right-to-left override in a trailer ("Proposed-by: \u202eJapan") would
// make a name read as another: embeddings, overrides and isolates are shown;
// Arabic text, and the marks LRM and RLM that do not reorder, are not.
TEST(EscapeControls, ShowsBidirectionalOverridesAndIsolates) {
    EXPECT_EQ(escape_controls("\xE2\x80\xAE"
                              "napaJ"),
              "\\u202enapaJ");
    EXPECT_EQ(escape_controls("a\xE2\x80\xAA"
                              "b\xE2\x81\xA6"
                              "c\xE2\x81\xA9"),
              "a\\u202ab\\u2066c\\u2069");
    const std::string arabic = "\xD9\x85\xD8\xB5\xD8\xB1 \xE2\x80\x8F(1)";  // مصر, RLM
    EXPECT_EQ(escape_controls(arabic), arabic);
    EXPECT_EQ(escape_controls("\xE2\x80\x94 \xE2\x81\xA5"), "\xE2\x80\x94 \xE2\x81\xA5");
}

TEST(EscapeControls, LeavesPrintableTextAlone) {
    const std::string text = "C\xC3\xB4te d'Ivoire \xE2\x80\x94 [a / b] ~~c~~ \\x1b \xC2\xA0";
    EXPECT_EQ(escape_controls(text), text);
    EXPECT_EQ(escape_controls("\xFF\xFE"), "\xFF\xFE");  // invalid, but no control
}

}  // namespace
}  // namespace accord
