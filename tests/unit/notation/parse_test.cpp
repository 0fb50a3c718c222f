// One test per notation construct of README.md, and each corpus
// quirk met so far as a small named case.
#include <gtest/gtest.h>

#include "core/notation/parse.hpp"
#include "core/notation/print.hpp"

namespace accord {
namespace {

std::string_view text_of(const Document& d, const Bracket& b) {
    return d.text(b.inner());
}

std::vector<std::string> codes(const Document& d) {
    std::vector<std::string> out;
    for (const auto& diagnostic : d.diagnostics) out.push_back(diagnostic.code);
    return out;
}

Document parse_any_slash(std::string_view text) {
    ParseOptions options;
    options.notation.slash_options = SlashOptions::any;
    return parse(text, options);
}

TEST(Parse, PlainTextHasOneParagraphAndNoMarkup) {
    const Document d = parse("Maintains the multi-stakeholder approach.\n");
    ASSERT_EQ(d.paragraphs.size(), 1u);
    EXPECT_TRUE(d.brackets.empty());
    EXPECT_TRUE(d.diagnostics.empty());
    EXPECT_EQ(d.text(d.paragraphs[0].range), "Maintains the multi-stakeholder approach.");
}

TEST(Parse, ParagraphsAreSeparatedByBlankLines) {
    const Document d = parse("one\nstill one\n\n  \t\ntwo\r\n\r\nthree");
    ASSERT_EQ(d.paragraphs.size(), 3u);
    EXPECT_EQ(d.text(d.paragraphs[0].range), "one\nstill one");
    EXPECT_EQ(d.text(d.paragraphs[1].range), "two\r");
    EXPECT_EQ(d.text(d.paragraphs[2].range), "three");
}

TEST(Parse, NestedBracketsRecordParentAndDepth) {
    const Document d = parse("[a [b [c]] d]");
    ASSERT_EQ(d.brackets.size(), 3u);
    EXPECT_EQ(text_of(d, d.brackets[0]), "a [b [c]] d");
    EXPECT_EQ(d.brackets[1].parent, 0u);
    EXPECT_EQ(d.brackets[2].parent, 1u);
    EXPECT_EQ(d.brackets[2].depth, 2u);
    EXPECT_EQ(text_of(d, d.brackets[2]), "c");
    EXPECT_TRUE(d.diagnostics.empty());
}

TEST(Parse, AdjacentBracketsFormAnAlternativesGroup) {
    const Document d = parse("to [strengthen][improve][enhance] the [a] [b]");
    ASSERT_EQ(d.groups.size(), 1u);
    EXPECT_EQ(d.groups[0].brackets, (std::vector<std::uint32_t>{0, 1, 2}));
    EXPECT_EQ(d.brackets[1].group, 0u);
    EXPECT_EQ(d.brackets[3].group, kNone) << "[a] [b] have a space between: not alternatives";
    EXPECT_EQ(d.brackets[4].group, kNone);
}

TEST(Parse, NestedGroupsBelongToTheirOwnLevel) {
    const Document d = parse("[x [a][b] y][z]");
    ASSERT_EQ(d.groups.size(), 2u);
    EXPECT_EQ(text_of(d, d.brackets[d.groups[0].brackets[0]]), "a");
    EXPECT_EQ(text_of(d, d.brackets[d.groups[1].brackets[0]]), "x [a][b] y");
    EXPECT_EQ(text_of(d, d.brackets[d.groups[1].brackets[1]]), "z");
}

TEST(Parse, WithoutGroupsTheBracketsAreTheSameAndNoneIsGrouped) {
    const std::string text = "[x [a][b] y][z] to [strengthen][improve / enhance] the [a] [b]";
    ParseOptions brackets_alone;
    brackets_alone.groups = false;
    const Document with = parse(text), without = parse(text, brackets_alone);
    EXPECT_EQ(with.groups.size(), 3u);
    EXPECT_TRUE(without.groups.empty());
    ASSERT_EQ(without.brackets.size(), with.brackets.size());
    for (std::size_t b = 0; b < with.brackets.size(); ++b) {
        EXPECT_EQ(without.brackets[b].open, with.brackets[b].open) << b;
        EXPECT_EQ(without.brackets[b].close, with.brackets[b].close) << b;
        EXPECT_EQ(without.brackets[b].parent, with.brackets[b].parent) << b;
        EXPECT_EQ(without.brackets[b].separators, with.brackets[b].separators) << b;
        EXPECT_EQ(without.brackets[b].group, kNone) << b;
    }
    EXPECT_EQ(print(without), text);
}

TEST(Parse, SpacedSlashSeparatesOptions) {
    const Document d = parse("[below 2 °C / below 1.5 °C / well below 2 °C]");
    ASSERT_EQ(d.brackets.size(), 1u);
    EXPECT_EQ(d.brackets[0].separators, 2u);
    ASSERT_EQ(d.separators.size(), 2u);
    EXPECT_EQ(d.source[d.separators[0].at], '/');
}

TEST(Parse, UnspacedSlashIsLiteralByDefault) {
    const Document d = parse("[W/m2 and/or 1/CP.21] and / outside");
    EXPECT_EQ(d.brackets[0].separators, 0u);
    EXPECT_TRUE(d.separators.empty()) << "a spaced slash outside brackets is text";
}

TEST(Parse, AnySlashSeparatesWhenTheNotationSaysSo) {
    const Document d = parse_any_slash("the [continuing/full] implementation, see http://x.org/a");
    ASSERT_EQ(d.separators.size(), 1u);
    EXPECT_EQ(d.brackets[0].separators, 1u);
}

TEST(Parse, SeparatorBelongsToTheInnermostBracket) {
    const Document d = parse("[a [b / c] d / e]");
    ASSERT_EQ(d.separators.size(), 2u);
    EXPECT_EQ(d.separators[0].bracket, 1u);
    EXPECT_EQ(d.separators[1].bracket, 0u);
}

TEST(Parse, StrikesPairWithinAParagraph) {
    const Document d = parse("encourages [~~as many~~] stakeholders ~~to~~");
    ASSERT_EQ(d.strikes.size(), 2u);
    EXPECT_EQ(d.text(d.strikes[0].inner()), "as many");
    EXPECT_EQ(d.text(d.strikes[1].inner()), "to");
    EXPECT_TRUE(d.diagnostics.empty());
}

TEST(Parse, UnclosedStrikeIsLiteralWithAnError) {
    const Document d = parse("first ~~struck\n\nsecond~~ paragraph");
    EXPECT_TRUE(d.strikes.empty()) << "a strike never spans paragraphs";
    EXPECT_EQ(codes(d), (std::vector<std::string>{"unclosed-strike", "unclosed-strike"}));
    EXPECT_EQ(d.diagnostics[0].line, 1u);
    EXPECT_EQ(d.diagnostics[0].column, 7u);
    EXPECT_EQ(d.diagnostics[1].line, 3u);
}

TEST(Parse, TildeRunsOtherThanTwoAreLiteral) {
    const Document d = parse("~ approx ~~~ fence ~~~~ four");
    EXPECT_TRUE(d.strikes.empty());
    EXPECT_TRUE(d.diagnostics.empty());
}

TEST(Parse, MarkdownLinksAreNotBrackets) {
    const Document d = parse(
        "See [the text](http://example.org/a_b) and [^2] and [draft][source].\n\n"
        "[source]: http://unfccc.int/x.pdf\n[^2]: A footnote [with] text");
    EXPECT_EQ(d.brackets.size(), 1u) << "only '[with]' in the footnote text is a bracket";
    EXPECT_EQ(text_of(d, d.brackets[0]), "with");
    EXPECT_TRUE(d.diagnostics.empty());
}

// Links as CommonMark writes them: a title in quotes, parentheses that
// balance in the address, an address in angle brackets. A bracket followed
// by a remark in parentheses stays a bracket.
TEST(Parse, LinksWithTitlesParenthesesAndAngleBracketsAreNotBrackets) {
    for (const char* link :
         {"[text](http://x.org \"The title\")", "[text](http://x.org 'title')",
          "[text](https://en.wikipedia.org/wiki/Paris_(city))", "[text](<decision 1 CP.21.pdf>)"}) {
        const Document d = parse(std::string("See ") + link + " and [shall] act.\n");
        ASSERT_EQ(d.brackets.size(), 1u) << link;
        EXPECT_EQ(text_of(d, d.brackets[0]), "shall") << link;
        EXPECT_TRUE(d.diagnostics.empty()) << link;
    }
    for (const char* remark :
         {"[shall](as appropriate)", "[shall](a (b))", "[shall]( a)", "[shall](a(b)"}) {
        const Document d = parse(std::string("Parties ") + remark + " act.\n");
        ASSERT_EQ(d.brackets.size(), 1u) << remark;
        EXPECT_EQ(text_of(d, d.brackets[0]), "shall") << remark;
    }
}

TEST(Parse, UndefinedReferenceIsAnAlternativesGroup) {
    const Document d = parse("[below 2 °C][below 1.5 °C]");
    EXPECT_EQ(d.brackets.size(), 2u);
    EXPECT_EQ(d.groups.size(), 1u);
}

TEST(Parse, ShortcutReferenceLinkIsNotABracket) {
    const Document d = parse("As in [source], the text.\n\n[source]: http://x.org");
    EXPECT_TRUE(d.brackets.empty());
}

TEST(Parse, EscapedBracketsAreLiteral) {
    const Document d = parse("a \\[literal\\] and [real]");
    ASSERT_EQ(d.brackets.size(), 1u);
    EXPECT_EQ(text_of(d, d.brackets[0]), "real");
    EXPECT_TRUE(d.diagnostics.empty());
}

TEST(Parse, UnmatchedCloseIsReportedAtItsLineAndColumn) {
    const Document d = parse("first line\nsecond ] here");
    ASSERT_EQ(d.diagnostics.size(), 1u);
    EXPECT_EQ(d.diagnostics[0].code, "unmatched-bracket");
    EXPECT_EQ(d.diagnostics[0].severity, Severity::error);
    EXPECT_EQ(d.diagnostics[0].line, 2u);
    EXPECT_EQ(d.diagnostics[0].column, 8u);
    EXPECT_FALSE(d.diagnostics[0].help.empty());
    EXPECT_TRUE(d.brackets.empty());
}

TEST(Parse, ColumnsCountCharactersNotBytes) {
    const Document d = parse("«déjà» ° [open");
    ASSERT_EQ(d.diagnostics.size(), 1u);
    EXPECT_EQ(d.diagnostics[0].code, "unclosed-bracket");
    EXPECT_EQ(d.diagnostics[0].column, 10u);
    EXPECT_EQ(d.diagnostics[0].offset, 14u);
}

TEST(Parse, UnclosedBracketInsideBalancedOnesKeepsTheOthers) {
    const Document d = parse("[a] text [b [c] and [d]");
    EXPECT_EQ(codes(d), std::vector<std::string>{"unclosed-bracket"});
    EXPECT_EQ(d.diagnostics[0].column, 10u);
    ASSERT_EQ(d.brackets.size(), 3u);
    EXPECT_EQ(text_of(d, d.brackets[1]), "c");
}

TEST(Parse, BracketAtParagraphStartMaySpanParagraphs) {
    const Document d = parse("[Option 1: first paragraph\n\nsecond paragraph\n\nthird.]\n\nafter");
    ASSERT_EQ(d.brackets.size(), 1u);
    EXPECT_EQ(d.brackets[0].open_paragraph, 0u);
    EXPECT_EQ(d.brackets[0].close_paragraph, 2u);
    EXPECT_EQ(codes(d),
              (std::vector<std::string>{"bracket-spans-paragraphs", "bracket-spans-paragraphs"}));
    EXPECT_EQ(d.diagnostics[0].severity, Severity::note);
    EXPECT_NE(d.diagnostics[0].message.find("closes at line 5"), std::string::npos)
        << d.diagnostics[0].message;
}

TEST(Parse, IntroducingParagraphMayOpenAListBracket) {
    const Document d = parse(
        "1. The purpose is [to enhance cooperation so as to:\n\n    (a) hold the increase;\n\n"
        "    (b) increase the ability.]");
    ASSERT_EQ(d.brackets.size(), 1u);
    EXPECT_TRUE(d.brackets[0].spans_paragraphs());
    EXPECT_EQ(count_errors(d.diagnostics), 0u);
}

TEST(Parse, NumberedParagraphOpeningWithABracketMaySpan) {
    const Document d =
        parse("36. [*Also decides* that the IPC shall ensure\n\n    (a) integrity.]");
    ASSERT_EQ(d.brackets.size(), 1u);
    EXPECT_EQ(count_errors(d.diagnostics), 0u);
}

TEST(Parse, StrayBracketMidParagraphDoesNotSwallowLaterParagraphs) {
    const Document d = parse("text [stray\n\n[a] balanced [b]\n\nmore text] here");
    EXPECT_EQ(codes(d), (std::vector<std::string>{"unclosed-bracket", "unmatched-bracket"}));
    EXPECT_EQ(d.diagnostics[0].line, 1u);
    EXPECT_EQ(d.diagnostics[1].line, 5u);
    ASSERT_EQ(d.brackets.size(), 2u);
    EXPECT_EQ(text_of(d, d.brackets[0]), "a");
}

TEST(Parse, HeadingEndsAnOpenSpanningBracket) {
    const Document d = parse("[Opening paragraph\n\n## Article 2\n\ntext.]");
    EXPECT_EQ(codes(d), (std::vector<std::string>{"unclosed-bracket", "unmatched-bracket"}));
    EXPECT_TRUE(d.brackets.empty());
}

TEST(Parse, PlainTextHeadingEndsAnOpenSpanningBracket) {
    const Document d = parse(
        "[Calls for the implementation\n\nGROUP B: Public policy issues (Questions 4 and 8)\n\n"
        "Recommendation 1: text; (10)] (no consensus)");
    EXPECT_EQ(codes(d), (std::vector<std::string>{"unclosed-bracket", "unmatched-bracket"}));
}

TEST(Parse, BalancedParagraphsNeverGetErrors) {
    const Document d = parse("Alt1: To continue [a] ~~b~~] extra\n\n[c][d] fine\n\n[e [f]] fine");
    ASSERT_EQ(d.diagnostics.size(), 1u);
    EXPECT_EQ(d.diagnostics[0].line, 1u);
}

TEST(Parse, AlternativeLabels) {
    for (const char* label :
         {"Alt:", "Alt1:", "Alt 3", "ALT E.1:", "Alternative 1 to last sentence:", "Option 2:",
          "**Option 1:**", "Alt0:", "Alt2.", "Option A:", "Alt1"}) {
        const std::string text =
            std::string(label) + (std::string(label) == "Alt1" ? "[Calls] for" : " To continue.");
        const Document d = parse(text);
        ASSERT_EQ(d.paragraphs.size(), 1u);
        EXPECT_EQ(d.text(d.paragraphs[0].label), label) << text;
    }
}

TEST(Parse, WordsThatStartLikeLabelsAreNotLabels) {
    for (const char* text : {"Alternatively, the Parties", "Alternative approaches are possible",
                             "Options exist", "Altogether", "Optional text", "Alternate wording"}) {
        EXPECT_TRUE(parse(text).paragraphs[0].label.empty()) << text;
    }
}

TEST(Parse, LabelInsideEmphasisWithTextIsTheWordsOnly) {
    const Document d = parse("    **Option 1:** [Each Party shall]");
    EXPECT_EQ(d.text(d.paragraphs[0].label), "**Option 1:**");
}

TEST(Parse, StatusTags) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Text (agreed)", "(agreed)"},
        {"Text **(agreed)**.", "**(agreed)**"},
        {"Text (revisit).", "(revisit)"},
        {"Text (no consensus)", "(no consensus)"},
        {"Text (agreed ad ref)", "(agreed ad ref)"},
        {"Text (**agreed**).", "(**agreed**)"},
        {"Text (No consensus)", "(No consensus)"},
        {"Text (10)] (no consensus)", "(no consensus)"},
        // A status with the compiler's remark after it (WGEC, Recommendation 19).
        {"Text (no consensus, issue contained in TA).", "(no consensus, issue contained in TA)"},
        {"Text (agreed; pending translation)", "(agreed; pending translation)"},
    };
    for (const auto& [text, tag] : cases) {
        const Document d = parse(text);
        EXPECT_EQ(d.text(d.paragraphs[0].status_tag), tag) << text;
        EXPECT_FALSE(d.paragraphs[0].status.empty());
    }
    EXPECT_EQ(parse("Text (No consensus)").paragraphs[0].status, "no consensus");
    EXPECT_EQ(parse("Text (no consensus, issue contained in TA)").paragraphs[0].status,
              "no consensus");
}

TEST(Parse, ParenthesesThatAreNotStatusTags) {
    for (const char* text :
         {"Text (first part revisit, second part agreed).", "Submitted by Japan (7 February 2014)",
          "Text (agreed text, see above)", "Parties shall act (agreed, see [para 5]).",
          "(We will revisit again)", "Text (revisit) and more"}) {
        EXPECT_TRUE(parse(text).paragraphs[0].status_tag.empty()) << text;
    }
}

TEST(Parse, StatusVocabularyIsConfigurable) {
    ParseOptions options;
    options.notation.status_vocabulary = {"adopted"};
    EXPECT_EQ(parse("Text (adopted)", options).paragraphs[0].status, "adopted");
    EXPECT_TRUE(parse("Text (agreed)", options).paragraphs[0].status_tag.empty());
}

TEST(Parse, MarkdownHeadingIsAParagraphOfItsOwn) {
    const Document d = parse("## Article 2\nThe purpose [of this Agreement]");
    ASSERT_EQ(d.paragraphs.size(), 2u);
    EXPECT_TRUE(d.paragraphs[0].heading);
    EXPECT_FALSE(d.paragraphs[1].heading);
}

TEST(Parse, FrontMatterIsReadAndKeptApart) {
    const Document d =
        parse("---\nid: A-1\ntitle: Implementation\nfuture_key: [x, y]\n---\nText [a].\n");
    ASSERT_TRUE(d.front_matter.present);
    ASSERT_EQ(d.front_matter.fields.size(), 3u);
    EXPECT_EQ(d.front_matter.find("id")->value, "A-1");
    EXPECT_EQ(d.front_matter.find("future_key")->value, "[x, y]");
    EXPECT_EQ(d.brackets.size(), 1u) << "'[x, y]' in front matter is YAML, not a bracket";
    EXPECT_EQ(d.paragraphs.size(), 1u);
}

// Corpus quirks (WGEC 2013-14): each is a paragraph that does not balance on its own.
TEST(ParseQuirk, WgecAltWithExtraClosingBracket) {
    const Document d = parse(
        "Alt1: To continue [fully] implement [~~in a multistakeholder manner~~] multilateral, "
        "democratic, manner] [~~with/by international cooperation~~]");
    EXPECT_EQ(codes(d), std::vector<std::string>{"unmatched-bracket"});
    EXPECT_EQ(d.text(d.paragraphs[0].label), "Alt1:");
}

TEST(ParseQuirk, WgecLabelGluedToBracketThenFootnoteCloses) {
    const Document d = parse_any_slash(
        "Alt2[Calls for the implementation of the Tunis Agenda with all stakeholders in their "
        "respective roles\n\n"
        "(1)] (no consensus)");
    EXPECT_EQ(d.text(d.paragraphs[0].label), "Alt2");
    ASSERT_EQ(d.brackets.size(), 1u);
    EXPECT_TRUE(d.brackets[0].spans_paragraphs());
    EXPECT_EQ(count_errors(d.diagnostics), 0u);
    EXPECT_EQ(d.paragraphs[1].status, "no consensus");
}

TEST(ParseQuirk, WgecBracketLeftOpenMidSentence) {
    const Document d = parse_any_slash(
        "Alt1[Calls for the [continuing/full] implementation pertaining to [the Internet, while "
        "recognizing\n\n"
        "This recommendation will be redrafted by Iran, SA, MCade, and others.\n\n"
        "2. Draft recommendations submitted by Saudi Arabia (20 February 2014)\n\n"
        "A1. Recognizes (no consensus)");
    EXPECT_EQ(codes(d), (std::vector<std::string>{"unclosed-bracket", "unclosed-bracket"}));
    EXPECT_EQ(d.brackets.size(), 1u);
    EXPECT_EQ(d.separators.size(), 1u);
}

TEST(ParseQuirk, WgecBackslashEditMarksInsideAStrike) {
    const Document d = parse("ensure ~~\\equal possibility for\\~~ economic development");
    ASSERT_EQ(d.strikes.size(), 1u);
    EXPECT_EQ(d.text(d.strikes[0].inner()), "\\equal possibility for\\");
    EXPECT_TRUE(d.diagnostics.empty());
}

TEST(Parse, PlainParagraphsInsideASpanAreNotHeadings) {
    const Document d = parse("[Option 1: First paragraph\n\nSecond paragraph\n\nthird.]");
    ASSERT_EQ(d.brackets.size(), 1u);
    EXPECT_EQ(count_errors(d.diagnostics), 0u);
}

TEST(ParseQuirk, ParisEmphasisCrossesBracketBoundaries) {
    const Document d = parse("*[Recognizing* the intrinsic relationship]");
    ASSERT_EQ(d.brackets.size(), 1u);
    EXPECT_TRUE(d.diagnostics.empty());
}

TEST(ParseQuirk, ParisOptionLabelWithBracketInside) {
    const Document d =
        parse("**[Option 2**\n\n53. *Encourages* Parties to develop early warning systems.]");
    ASSERT_EQ(d.brackets.size(), 1u);
    EXPECT_TRUE(d.brackets[0].spans_paragraphs());
}

TEST(ParseQuirk, UnfcccByteOrderMarkIsText) {
    const Document d = parse(
        "\xEF\xBB\xBF"
        "Draft decision -/CMA.6 [text]");
    EXPECT_EQ(d.brackets.size(), 1u);
    EXPECT_TRUE(d.diagnostics.empty());
}

// Kept as they are, and errors, as propose refuses the file: texts are
// recorded as UTF-8.
TEST(Parse, InvalidUtf8AndANulByteAreErrors) {
    const std::string text = std::string("ab\xFF") + '\0' + "c [d]";
    const Document d = parse(text);
    EXPECT_EQ(d.source, text);
    EXPECT_EQ(codes(d), (std::vector<std::string>{"invalid-utf8", "nul-byte"}));
    EXPECT_EQ(d.diagnostics[0].severity, Severity::error);
    EXPECT_EQ(d.diagnostics[1].severity, Severity::error);
    EXPECT_NE(d.diagnostics[0].message.find("the byte 0xFF is not UTF-8"), std::string::npos);
    EXPECT_EQ(d.brackets.size(), 1u);
}

// The first invalid byte of each line: one added on another line than an
// old one is a diagnostic of its own (propose finds it new).
TEST(Parse, InvalidUtf8IsFoundOnEachLine) {
    const Document d = parse("1. Les \xC9tats \xE9\n\n2. coop\xE9ration\n\n3. fine\n");
    ASSERT_EQ(codes(d), (std::vector<std::string>{"invalid-utf8", "invalid-utf8"}));
    EXPECT_EQ(d.diagnostics[0].offset, 7u);
    EXPECT_EQ(d.diagnostics[1].offset, 23u);
}

// A text a merge left with conflict markers holds two versions: an error
// (propose refuses it), at each marker line. A setext heading's "=====" and
// a quotation's ">>" are no markers.
TEST(Parse, ConflictMarkersAreErrors) {
    const Document d = parse(
        "Title\n=======\n\n<<<<<<< ours.md\nThe Parties shall act.\n=======\nThe Parties may "
        "act.\n>>>>>>> theirs.md\n\n>> quoted <<\n");
    EXPECT_EQ(codes(d), (std::vector<std::string>{"conflict-marker", "conflict-marker"}));
    ASSERT_EQ(d.diagnostics.size(), 2u);
    EXPECT_EQ(d.diagnostics[0].severity, Severity::error);
    EXPECT_EQ(d.diagnostics[0].line, 4u);
    EXPECT_EQ(d.diagnostics[1].line, 8u);
}

TEST(Parse, DiagnosticsAreCappedButCounted) {
    ParseOptions options;
    options.max_diagnostics = 10;
    const Document d = parse(std::string(100, ']'), options);
    EXPECT_EQ(d.diagnostics.size(), 10u);
    EXPECT_EQ(d.suppressed_diagnostics, 90u);
    EXPECT_EQ(d.diagnostic_totals[static_cast<int>(Severity::error)], 100u);
}

}  // namespace
}  // namespace accord
