// core/import/docx/to_notation: the model written as notation in each way of
// showing tracked changes, marks nested and escaped so that the text parses
// as typed, and every comment anchored on the exact wording.
#include "core/import/docx/to_notation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <set>

#include "core/import/docx/comment_anchors.hpp"
#include "core/import/docx/docx_reader.hpp"
#include "core/import/docx/word_import.hpp"
#include "core/notation/parse.hpp"
#include "support/docx_samples.hpp"

namespace accord {
namespace {

docx::Package read_parts(const test::DocxParts& parts) {
    docx::ReadResult result = docx::read_docx_bytes(test::build_docx(parts), "test.docx");
    EXPECT_TRUE(result.ok()) << result.error.message;
    return result.ok() ? std::move(*result.package) : docx::Package{};
}

std::string convert(const docx::Package& package, docx::TrackedChanges changes) {
    docx::ConvertOptions options;
    options.changes = changes;
    return docx::to_notation(package, options).text;
}

// The body of a one-paragraph document, converted with changes bracketed.
std::string one_paragraph(const std::string& inner) {
    test::DocxParts parts;
    parts.body = "<w:p>" + inner + "</w:p>";
    return convert(read_parts(parts), docx::TrackedChanges::bracket);
}

std::string run(const std::string& text, const std::string& properties = "") {
    return "<w:r>" + (properties.empty() ? "" : "<w:rPr>" + properties + "</w:rPr>") +
           "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

std::string inserted(const std::string& author, const std::string& content) {
    return "<w:ins w:id=\"1\" w:author=\"" + author + "\" w:date=\"2024-01-01T00:00:00Z\">" +
           content + "</w:ins>";
}

std::string deleted(const std::string& text) {
    return "<w:del w:id=\"2\" w:author=\"B\" w:date=\"2024-01-02T00:00:00Z\"><w:r><w:delText "
           "xml:space=\"preserve\">" +
           text + "</w:delText></w:r></w:del>";
}

// Error and warning diagnostics as (code, line): columns move with markup.
std::multiset<std::pair<std::string, std::size_t>> problems(const std::string& text) {
    std::multiset<std::pair<std::string, std::size_t>> out;
    for (const Diagnostic& d : parse(text).diagnostics) {
        if (d.severity != Severity::note) out.insert({d.code, d.line});
    }
    return out;
}

// What `text` gets wrong that the same wording as typed does not.
std::vector<std::pair<std::string, std::size_t>> new_problems(const std::string& text,
                                                              const std::string& typed) {
    const auto found = problems(text);
    const auto expected = problems(typed);
    std::vector<std::pair<std::string, std::size_t>> out;
    std::set_difference(found.begin(), found.end(), expected.begin(), expected.end(),
                        std::back_inserter(out));
    return out;
}

// `parts` as a document accord wrote (its custom property says so): each
// body paragraph one line of notation, as typed.
docx::Package read_accords(test::DocxParts parts) {
    parts.raw.push_back(
        {"docProps/custom.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Properties "
         "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
         "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
         "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" "
         "name=\"accord-notation\"><vt:lpwstr>1</vt:lpwstr></property></Properties>"});
    return read_parts(parts);
}

const std::string kSampleHead = "# Scope\n\n";
const std::string kSampleTail =
    "| Head \\| er |  |\n| --- | --- |\n| a<br>b | c |\n\n[^1]: See decision 2/CMA.3.\n";

TEST(DocxNotation, RejectingEveryChangeGivesTheBase) {
    EXPECT_EQ(convert(read_parts(test::sample_docx_parts()), docx::TrackedChanges::reject),
              kSampleHead +
                  "1. *Decides* that authorized outcomes may be used[^1];\n\n"
                  "(a) **Strong** and plain words\n\n"
                  "(b) first half\n\n"
                  "second half, a line\\\nbreak and a link (field 7)\n\n"
                  "Moved early words  \\~\\~ \\*\n\n" +
                  kSampleTail);
}

TEST(DocxNotation, AcceptingEveryChangeJoinsParagraphsWhoseBreakWasDeleted) {
    EXPECT_EQ(convert(read_parts(test::sample_docx_parts()), docx::TrackedChanges::accept),
              kSampleHead +
                  "1. *Decides* that authorized outcomes [shall] be used[^1];\n\n"
                  "(a) **Strong** and plain words\n\n"
                  "first half second half, a line\\\nbreak and a link (field 7)\n\n"
                  "Moved words early \\~\\~ \\*\n\n" +
                  kSampleTail);
}

// Bob's join of "(b) first half" with the next paragraph is shown made, as
// accepted: the proposal is in the text.
TEST(DocxNotation, BracketingShowsInsertionsInBracketsAndDeletionsStruck) {
    EXPECT_EQ(convert(read_parts(test::sample_docx_parts()), docx::TrackedChanges::bracket),
              kSampleHead +
                  "1. *Decides* that authorized outcomes [[shall]]~~may~~ be used[^1];\n\n"
                  "(a) **Strong** and plain words\n\n"
                  "first half second half, a line\\\nbreak and a link (field 7)\n\n"
                  "Moved ~~early~~ words [early] \\~\\~ \\*\n\n" +
                  kSampleTail);
}

TEST(DocxNotation, ChosenRevisionsAloneAreShown) {
    const docx::Package package = read_parts(test::sample_docx_parts());
    docx::ConvertOptions options;
    options.changes = docx::TrackedChanges::bracket;
    options.shown.assign(package.revisions.size(), false);
    options.shown[0] = true;  // Alice's "[shall]"; Bob's deletion stays rejected
    const std::string text = docx::to_notation(package, options).text;
    EXPECT_NE(text.find("outcomes [[shall]]may be used"), std::string::npos) << text;
}

TEST(DocxNotation, EveryWayOfShowingChangesParsesAsTyped) {
    const docx::Package package = read_parts(test::sample_docx_parts());
    for (docx::TrackedChanges changes : {docx::TrackedChanges::reject, docx::TrackedChanges::accept,
                                         docx::TrackedChanges::bracket}) {
        docx::ConvertOptions options;
        options.changes = changes;
        const std::string text = docx::to_notation(package, options).text;
        options.formatting = false;
        const std::string typed = docx::to_notation(package, options).text;
        EXPECT_TRUE(new_problems(text, typed).empty()) << text;
        EXPECT_TRUE(problems(text).empty()) << text;
        // Typed as it is, the sample's literal "~~" would open a strike.
        EXPECT_EQ(problems(typed).count(
                      {"unclosed-strike", changes == docx::TrackedChanges::reject ? 12u : 10u}),
                  1u);
    }
}

TEST(DocxNotation, MarksNestAndMergeWithoutColliding) {
    // Strikes side by side are one, not "~~a~~~~b~~", unless white space
    // parts two of different sources (a strikethrough and a deletion: see
    // ADeletionBesideAnotherStrikeStaysApartFromIt).
    EXPECT_EQ(
        one_paragraph(run("keep ") + run("un", "<w:strike/>") + deleted("done") + run(" end")),
        "keep ~~undone~~ end\n");
    EXPECT_EQ(one_paragraph(run("keep ") + run("struck ", "<w:strike/>") +
                            run("twice", "<w:strike/>") + run(" end")),
              "keep ~~struck twice~~ end\n");
    // Two insertions side by side are one bracket, not alternatives "[a][b]".
    EXPECT_EQ(one_paragraph(run("x ") + inserted("A", run("one")) + inserted("B", run(" two")) +
                            run(" y")),
              "x [one two] y\n");
    // White space leaves emphasis, but stays in an insertion's brackets.
    EXPECT_EQ(one_paragraph(run("Bold ", "<w:b/>") + run("plain") +
                            inserted("A", run(" added", "<w:i/>"))),
              "**Bold** plain[ *added*]\n");
    // Bold and italic together, then italic alone.
    EXPECT_EQ(one_paragraph(run("both", "<w:b/><w:i/>") + run(" italic", "<w:i/>")),
              "***both*** *italic*\n");
    // A bracket or emphasis ending at a line break closes before it.
    EXPECT_EQ(one_paragraph(inserted("A", run("new") + "<w:r><w:br/></w:r>") +
                            run("old", "<w:b/>") + "<w:r><w:br/></w:r>" + run("plain")),
              "[new]\\\n**old**\\\nplain\n");
    // Superscript and subscript.
    EXPECT_EQ(one_paragraph(run("ID") + run("a", "<w:vertAlign w:val=\"superscript\"/>") +
                            run(" CO") + run("2", "<w:vertAlign w:val=\"subscript\"/>")),
              "ID<sup>a</sup> CO<sub>2</sub>\n");
}

// Wording a delegation deleted (a strike in bracket mode) beside wording
// the text already strikes is kept apart from that strike, the white space
// between them outside both: merged, the delegation's proposal would take
// over the other strike's marks (found by a tester). So too in a document
// accord wrote, whose runs are read as typed, and for a deletion of a whole
// paragraph holding strikes.
TEST(DocxNotation, ADeletionBesideAnotherStrikeStaysApartFromIt) {
    const std::string struck_deleted =
        "<w:del w:id=\"3\" w:author=\"B\" w:date=\"2024-01-02T00:00:00Z\"><w:r><w:rPr><w:strike/>"
        "</w:rPr><w:delText xml:space=\"preserve\">[struck bracket]</w:delText></w:r></w:del>";
    const std::string sentence = run("1. Parties ") + deleted("cooperate ") +
                                 run("on finance", "<w:strike/>") + run(" with others.");
    const std::string paragraph =
        deleted("b) item ") + struck_deleted + deleted(" and ") + run("kept", "<w:strike/>");
    EXPECT_EQ(one_paragraph(sentence), "1. Parties ~~cooperate~~ ~~on finance~~ with others.\n");
    EXPECT_EQ(one_paragraph(paragraph), "~~b) item~~ ~~[struck bracket]~~ ~~and~~ ~~kept~~\n");

    test::DocxParts parts;
    parts.body = "<w:p>" + sentence + "</w:p><w:p></w:p><w:p>" + paragraph + "</w:p>";
    const docx::Package accords = read_accords(parts);
    ASSERT_TRUE(accords.accord_notation());
    EXPECT_EQ(convert(accords, docx::TrackedChanges::bracket),
              "1. Parties ~~cooperate~~ ~~on finance~~ with others.\n\n"
              "~~b) item~~ ~~[struck bracket]~~ ~~and~~ ~~kept~~\n");
    EXPECT_EQ(convert(accords, docx::TrackedChanges::reject),
              "1. Parties cooperate ~~on finance~~ with others.\n\n"
              "b) item ~~[struck bracket]~~ and ~~kept~~\n");
}

TEST(DocxNotation, OnlyWhatWouldChangeTheMeaningIsEscaped) {
    EXPECT_EQ(one_paragraph(run("# not a heading")), "\\# not a heading\n");
    EXPECT_EQ(one_paragraph(run("a * b ~~c~~ d\\e")), "a \\* b \\~\\~c\\~\\~ d\\\\e\n");
    // Typed brackets stay as typed; "[18](a)" would read as a link, "[^x]"
    // as a footnote.
    EXPECT_EQ(one_paragraph(run("[shall][should] paragraph [18](a) and [^x]")),
              "[shall][should] paragraph [18]\\(a) and [\\^x]\n");
    EXPECT_EQ(one_paragraph(inserted("A", run("^2"))), "[\\^2]\n");
    // A table cell's pipe.
    test::DocxParts parts;
    parts.body = "<w:tbl><w:tr><w:tc>" + test::paragraph("a|b") + "</w:tc></w:tr></w:tbl>" +
                 test::paragraph("c|d");
    EXPECT_EQ(convert(read_parts(parts), docx::TrackedChanges::reject),
              "| a\\|b |\n| --- |\n\nc|d\n");
}

// In a document accord wrote, each paragraph is a line of notation as
// typed, but characters a delegate types that would read as marks there are
// escaped: a '#' that would make the paragraph a heading, '*' that would
// open or close an emphasis, "~~", a <sup> tag (found by a tester: "# of
// Parties" came back a heading, "5*3 tonnes or 2*4" italics, the characters
// gone). What reads as wording stays as typed, beside Word's own formats.
TEST(DocxNotation, CharactersTypedInADocumentAccordWroteThatWouldBeMarksAreEscaped) {
    test::DocxParts parts;
    parts.body = test::paragraph("# of Parties ratifying shall be reported.") + "<w:p></w:p>" +
                 "<w:p>" + run("1. Parties shall report ") + run("emissions", "<w:i/>") +
                 inserted("B", run(" at 5*3 tonnes or 2*4 units")) + run(".") + "</w:p>" +
                 "<w:p></w:p>" +
                 test::paragraph(
                     "**bold** typed, ~~struck~~ typed, x&lt;sup&gt;2&lt;/sup&gt;, "
                     "5 * 3, #5 and C# stay");
    const docx::Package package = read_accords(parts);
    ASSERT_TRUE(package.accord_notation());
    const std::string expected_tail =
        "\\*\\*bold\\*\\* typed, \\~~struck\\~~ typed, x\\<sup>2\\</sup>, 5 * 3, #5 and C# stay\n";
    EXPECT_EQ(convert(package, docx::TrackedChanges::accept),
              "\\# of Parties ratifying shall be reported.\n\n"
              "1. Parties shall report *emissions* at 5\\*3 tonnes or 2\\*4 units.\n\n" +
                  expected_tail);
    EXPECT_EQ(convert(package, docx::TrackedChanges::bracket),
              "\\# of Parties ratifying shall be reported.\n\n"
              "1. Parties shall report *emissions*[ at 5\\*3 tonnes or 2\\*4 units].\n\n" +
                  expected_tail);
    EXPECT_EQ(convert(package, docx::TrackedChanges::reject),
              "\\# of Parties ratifying shall be reported.\n\n"
              "1. Parties shall report *emissions*.\n\n" +
                  expected_tail);
}

// In a document accord wrote, bold or italic a delegate applied with the
// space before or after the wording selected too stands inside the space:
// "**" before a space opens nothing in Markdown (found by a tester:
// "support** in accordance with Article 9** in").
TEST(DocxNotation, WhiteSpaceAtTheEdgeOfEmphasisStandsOutsideIt) {
    test::DocxParts parts;
    parts.body = "<w:p>" + run("1. Parties are eligible for support") +
                 inserted("B", run(" in accordance with Article 9 ", "<w:b/>")) +
                 run("in the implementation of") + run(" this ", "<w:i/>") + run("Article.") +
                 "</w:p>";
    const docx::Package package = read_accords(parts);
    ASSERT_TRUE(package.accord_notation());
    EXPECT_EQ(convert(package, docx::TrackedChanges::accept),
              "1. Parties are eligible for support **in accordance with Article 9** in the "
              "implementation of *this* Article.\n");
    // A bold phrase in two runs stays one phrase.
    parts.body = "<w:p>" + run("Keep ") + run("one", "<w:b/>") + run(" phrase", "<w:b/>") +
                 run(" here.") + "</w:p>";
    EXPECT_EQ(convert(read_accords(parts), docx::TrackedChanges::accept),
              "Keep **one phrase** here.\n");
}

// Brackets a delegate types around wording, changes tracked, are the
// delegate's brackets, not an insertion of brackets shown in brackets
// (found by a tester: "[[]cooperation on finance[]]").
TEST(DocxNotation, BracketsTypedAroundWordingAreBrackets) {
    const std::string sentence = run("1. Parties shall ") + inserted("B", run("[")) +
                                 run("cooperation on finance") + inserted("B", run("]")) +
                                 run(" and ") + inserted("B", run("[new words]")) + run(".");
    EXPECT_EQ(one_paragraph(sentence),
              "1. Parties shall [cooperation on finance] and [[new words]].\n");
    test::DocxParts parts;
    parts.body = "<w:p>" + sentence + "</w:p>";
    EXPECT_EQ(convert(read_accords(parts), docx::TrackedChanges::bracket),
              "1. Parties shall [cooperation on finance] and [[new words]].\n");
}

// A word changed in part (Word tracks "To" changed to "to" as "T" deleted
// and "t" inserted) is shown changed whole, the word as it was struck and
// as it is in brackets, as accord compares words (found by a tester:
// "~~T~~[t]o"). Letters only inserted or only deleted, words changed whole
// and accepted changes stay as they are.
TEST(DocxNotation, AWordChangedInPartIsShownChangedWhole) {
    const std::string sentence = deleted("T") + inserted("B", run("t")) + run("o pursue the goal") +
                                 inserted("B", run("s")) + run(" of ") + deleted("the") +
                                 inserted("B", run("this")) + run(" Agreement.");
    EXPECT_EQ(one_paragraph(sentence),
              "~~To~~[to] pursue the goal[s] of ~~the~~[this] Agreement.\n");
    test::DocxParts parts;
    parts.body = "<w:p>" + sentence + "</w:p>";
    const docx::Package accords = read_accords(parts);
    EXPECT_EQ(convert(accords, docx::TrackedChanges::bracket),
              "~~To~~[to] pursue the goal[s] of ~~the~~[this] Agreement.\n");
    EXPECT_EQ(convert(accords, docx::TrackedChanges::accept),
              "to pursue the goals of this Agreement.\n");
}

// In a document accord wrote, an indented line added with changes tracked
// keeps its indentation before its bracket, not inside it (found by a
// tester: "[    Option 3: ...]"); an alternative paragraph's label stands
// before the bracket too.
TEST(DocxNotation, AnAddedLinesIndentationStandsBeforeItsBracket) {
    const std::string mark =
        "<w:pPr><w:rPr><w:ins w:id=\"5\" w:author=\"US\" "
        "w:date=\"2024-01-01T00:00:00Z\"/></w:rPr></w:pPr>";
    test::DocxParts parts;
    parts.body = test::paragraph("    Option 2: No text.") + "<w:p>" + mark + "</w:p><w:p>" +
                 inserted("US", run("    Option 3: Support.")) + "</w:p>";
    EXPECT_EQ(convert(read_accords(parts), docx::TrackedChanges::bracket),
              "    Option 2: No text.\n\n    Option 3: [Support.]\n");
}

// Word's tracked change of a paragraph break (w:rPr inside w:pPr): the
// break inserted ("ins") or deleted ("del") by Brazil.
std::string tracked_break(const std::string& kind) {
    return "<w:pPr><w:rPr><w:" + kind +
           " w:id=\"7\" w:author=\"Brazil\" w:date=\"2024-02-01T00:00:00Z\"/></w:rPr></w:pPr>";
}

// Two paragraphs joined in Word with changes tracked (the break after the
// first deleted, and the empty paragraph accord wrote between them): with
// changes bracketed the join is shown made, as a split is, the wording's
// own changes marked in it, so that the proposal is in the text (found by
// a tester: it vanished, the paragraphs left apart and nothing said).
// A paragraph deleted whole, its break with it, stays apart, struck.
TEST(DocxNotation, ParagraphsJoinedWithChangesTrackedAreShownJoined) {
    test::DocxParts parts;
    parts.body = "<w:p>" + tracked_break("del") + run("2. Parties shall adapt;") + "</w:p><w:p>" +
                 tracked_break("del") + "</w:p><w:p>" + deleted("3.") +
                 run(" and pursue development.") + "</w:p><w:p></w:p><w:p>" + tracked_break("del") +
                 deleted("4. Gone.") + "</w:p><w:p>" + tracked_break("del") + "</w:p>" +
                 test::paragraph("5. Last.");
    const docx::Package package = read_accords(parts);
    EXPECT_EQ(convert(package, docx::TrackedChanges::reject),
              "2. Parties shall adapt;\n\n3. and pursue development.\n\n4. Gone.\n\n5. Last.\n");
    EXPECT_EQ(convert(package, docx::TrackedChanges::accept),
              "2. Parties shall adapt; and pursue development.\n\n5. Last.\n");
    EXPECT_EQ(convert(package, docx::TrackedChanges::bracket),
              "2. Parties shall adapt;~~3.~~ and pursue development.\n\n~~4. Gone.~~\n\n5. "
              "Last.\n");
    // So in any document, not only one accord wrote.
    test::DocxParts plain;
    plain.body = "<w:p>" + tracked_break("del") + run("First half") + "</w:p>" +
                 test::paragraph(" second half.") + "<w:p>" + tracked_break("del") +
                 deleted("Gone.") + "</w:p>" + test::paragraph("Last.");
    EXPECT_EQ(convert(read_parts(plain), docx::TrackedChanges::bracket),
              "First half second half.\n\n~~Gone.~~\n\nLast.\n");
}

// A paragraph split in two with Enter (the first part's break inserted) in
// a document accord wrote is two paragraphs, a blank line between, as the
// text's paragraphs are parted (found by a tester: the parts came back as
// two lines of one paragraph, a change no comparison saw). A line among
// lines written line under line is split into two of them.
TEST(DocxNotation, AParagraphSplitWithEnterIsTwoParagraphs) {
    test::DocxParts parts;
    parts.body = test::paragraph("1. First.") + "<w:p></w:p><w:p>" + tracked_break("ins") +
                 run("2. On the basis of equity, ") + "</w:p>" +
                 test::paragraph("in the light of circumstances.") + "<w:p></w:p>" +
                 test::paragraph("Intro:") + "<w:p>" + tracked_break("ins") + run("(a) one;") +
                 "</w:p>" + test::paragraph("(b) two;");
    const docx::Package package = read_accords(parts);
    EXPECT_EQ(convert(package, docx::TrackedChanges::reject),
              "1. First.\n\n2. On the basis of equity, in the light of circumstances.\n\n"
              "Intro:\n(a) one;(b) two;\n");
    for (const auto changes : {docx::TrackedChanges::accept, docx::TrackedChanges::bracket})
        EXPECT_EQ(convert(package, changes),
                  "1. First.\n\n2. On the basis of equity, \n\nin the light of circumstances.\n\n"
                  "Intro:\n(a) one;\n(b) two;\n");
}

// Word numbering given to a paragraph with changes tracked (w:pPrChange,
// which holds the properties as they were): rejected, the paragraph has
// the number it had (none); shown, it has the new one, the change a
// proposal of its author (found by a tester: the base kept the new number,
// and the import of the document failed). A change of properties the text
// does not carry (indentation) is no revision.
TEST(DocxNotation, NumberingGivenWithChangesTrackedIsAChangeOfItsAuthor) {
    test::DocxParts parts;
    parts.numbering =
        "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"6\"/>"
        "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
    parts.body =
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"
        "<w:pPrChange w:id=\"30\" w:author=\"Brazil\" w:date=\"2024-02-01T00:00:00Z\"><w:pPr/>"
        "</w:pPrChange></w:pPr>" +
        run("Technology transfer.") +
        "</w:p><w:p><w:pPr><w:ind w:left=\"720\"/><w:pPrChange w:id=\"31\" w:author=\"Brazil\" "
        "w:date=\"2024-02-01T00:00:00Z\"><w:pPr/></w:pPrChange></w:pPr>" +
        run("Indented.") + "</w:p>";
    const docx::Package package = read_parts(parts);
    ASSERT_EQ(package.revisions.size(), 1u);
    EXPECT_EQ(package.revisions[0].kind, docx::RevisionKind::format);
    EXPECT_EQ(convert(package, docx::TrackedChanges::reject),
              "Technology transfer.\n\nIndented.\n");
    EXPECT_EQ(convert(package, docx::TrackedChanges::accept),
              "6. Technology transfer.\n\nIndented.\n");
    EXPECT_EQ(convert(package, docx::TrackedChanges::bracket),
              "6. Technology transfer.\n\nIndented.\n");
    const docx::WordImport plan = docx::plan_word_import(package);
    ASSERT_EQ(plan.changes.size(), 1u);
    EXPECT_EQ(plan.changes[0].author, "Brazil");
    EXPECT_EQ(plan.changes[0].replacement, "6. ");
}

// With changes bracketed, an alternative paragraph added whole has its
// label before its bracket, so that it reads as an alternative paragraph
// proposed (found by a tester: "[**Option 3:** ...]" was a paragraph of
// other wording).
TEST(DocxNotation, AnAddedAlternativeParagraphKeepsItsLabelBeforeItsBracket) {
    const std::string option3 = inserted(
        "US", run("    ") + run("Option 3:", "<w:b/>") + run(" Support through the Fund."));
    test::DocxParts parts;
    parts.body = test::paragraph("    Option 2: No text.") + "<w:p>" + tracked_break("ins") +
                 "</w:p><w:p>" + option3 + "</w:p>";
    const docx::Package accords = read_accords(parts);
    const std::string bracketed = convert(accords, docx::TrackedChanges::bracket);
    EXPECT_EQ(bracketed,
              "    Option 2: No text.\n\n    **Option 3:** [Support through the Fund.]\n");
    EXPECT_EQ(parse(bracketed).paragraphs.size(), 2u);
    for (const Paragraph& paragraph : parse(bracketed).paragraphs)
        EXPECT_TRUE(paragraph.is_alternative()) << bracketed;
    EXPECT_EQ(convert(accords, docx::TrackedChanges::accept),
              "    Option 2: No text.\n\n    **Option 3:** Support through the Fund.\n");
    // In any document; a paragraph of other wording stays bracketed whole.
    test::DocxParts plain;
    plain.body = test::paragraph("Option 2: No text.") + "<w:p>" + option3 + "</w:p><w:p>" +
                 inserted("US", run("Also notes.")) + "</w:p>";
    EXPECT_EQ(convert(read_parts(plain), docx::TrackedChanges::bracket),
              "Option 2: No text.\n\n**Option 3:** [Support through the Fund.]\n\n[Also "
              "notes.]\n");
}

TEST(DocxNotation, EmptyParagraphsAndLineEdgesLeaveNoTrace) {
    test::DocxParts parts;
    parts.body = test::paragraph("\t  Indented") + test::paragraph("\xC2\xA0 ") +
                 "<w:p><w:r><w:br/></w:r>" + run("after break ") + "<w:r><w:br/><w:br/></w:r>" +
                 run("  two breaks") + "<w:r><w:br/></w:r></w:p>";
    EXPECT_EQ(convert(read_parts(parts), docx::TrackedChanges::reject),
              "Indented\n\nafter break\\\ntwo breaks\n");
}

TEST(DocxNotation, CommentsAnchorOnTheirExactWording) {
    const docx::Package package = read_parts(test::sample_docx_parts());
    docx::ConvertOptions options;
    options.changes = docx::TrackedChanges::bracket;
    const docx::Converted converted = docx::to_notation(package, options);
    const std::vector<docx::CommentAnchor> anchors =
        docx::anchor_comments(package, converted, options);
    ASSERT_EQ(anchors.size(), 6u);
    auto text = [&](const docx::CommentAnchor& anchor) {
        return converted.text.substr(anchor.range.begin, anchor.range.size());
    };
    EXPECT_EQ(text(anchors[0]), "authorized");
    EXPECT_EQ(anchors[0].quoted, "authorized");
    EXPECT_FALSE(anchors[0].on_heading);
    EXPECT_FALSE(anchors[0].at_paragraph_start);
    EXPECT_EQ(converted.text.substr(anchors[0].paragraph_content.begin, 9), "*Decides*");
    EXPECT_EQ(text(anchors[1]), "authorized") << "the reply shares the anchor";

    // On a letter of the heading: the section under it, to the end of the body.
    EXPECT_EQ(anchors[2].quoted, "p");
    EXPECT_TRUE(anchors[2].on_heading);
    EXPECT_TRUE(anchors[2].inside_word);
    EXPECT_EQ(anchors[2].heading_level, 1u);
    EXPECT_EQ(anchors[2].section.begin, 0u);
    EXPECT_EQ(anchors[2].section.end, converted.map.body_end);

    EXPECT_EQ(text(anchors[3]), "Strong** and plain words");
    EXPECT_EQ(anchors[3].quoted, "Strong and plain words");
    EXPECT_TRUE(anchors[3].at_paragraph_start);
    EXPECT_EQ(anchors[4].range, anchors[3].range);
    EXPECT_EQ(text(anchors[5]), "plain");
    EXPECT_FALSE(anchors[5].inside_word);
}

TEST(DocxNotation, RevisionsAndNotesAreMapped) {
    const docx::Package package = read_parts(test::sample_docx_parts());
    docx::ConvertOptions options;
    options.changes = docx::TrackedChanges::bracket;
    const docx::Converted converted = docx::to_notation(package, options);
    auto text = [&](std::size_t revision) {
        const ByteRange range = converted.revisions.at(revision);
        return converted.text.substr(range.begin, range.size());
    };
    EXPECT_EQ(text(0), "[shall]");
    EXPECT_EQ(text(1), "may");
    EXPECT_EQ(text(3), "early");
    EXPECT_EQ(converted.note_numbers, std::vector<std::uint32_t>{1});
    EXPECT_EQ(converted.text.substr(converted.map.body_end), "\n\n[^1]: See decision 2/CMA.3.\n");
}

TEST(DocxNotation, AnImportPlanReplaysTheChangesOldestFirst) {
    const docx::Package package = read_parts(test::sample_docx_parts());
    const docx::WordImport plan = docx::plan_word_import(package);
    EXPECT_EQ(plan.base, convert(package, docx::TrackedChanges::reject));
    EXPECT_EQ(plan.text, convert(package, docx::TrackedChanges::bracket));
    ASSERT_EQ(plan.changes.size(), 5u);
    std::vector<std::string> order;
    for (const docx::ChangeStep& step : plan.changes)
        order.push_back(step.author + " " + step.wording);
    EXPECT_EQ(order, (std::vector<std::string>{"Bob may", "Bob ", "Alice [shall]", "Alice early ",
                                               "Alice early"}));
    std::string text = plan.base;
    for (const docx::ChangeStep& step : plan.changes) {
        ASSERT_LE(step.before.end, text.size());
        text.replace(step.before.begin, step.before.size(), step.replacement);
    }
    EXPECT_EQ(text, plan.text);
    EXPECT_EQ(plan.changes[0].replacement, "~~may~~");
}

// Striking wording with changes tracked is a change of format (w:rPrChange)
// on each run: read as one change of its author, the base without the
// strike, the text with it. A change of colour alone is no change of text.
TEST(DocxNotation, AStrikeMadeWithChangesTrackedIsItsAuthorsChange) {
    const std::string change =
        "<w:rPrChange w:id=\"7\" w:author=\"Japan\" w:date=\"2024-11-15T10:00:00Z\"><w:rPr/>"
        "</w:rPrChange>";
    test::DocxParts parts;
    parts.body = "<w:p>" + run("States should ") + run("further ", "<w:strike/>" + change) +
                 run("strengthen", "<w:strike/>" + change) + run(" cooperation.") + "</w:p>" +
                 "<w:p>" +
                 run("Colour alone.",
                     "<w:color w:val=\"FF0000\"/><w:rPrChange w:id=\"8\" w:author=\"Japan\" "
                     "w:date=\"2024-11-15T10:00:00Z\"><w:rPr/></w:rPrChange>") +
                 "</w:p>";
    const docx::Package package = read_parts(parts);
    ASSERT_EQ(package.revisions.size(), 1u) << "two runs, one change; the colour is not read";
    EXPECT_EQ(package.revisions[0].kind, docx::RevisionKind::format);
    EXPECT_EQ(package.dropped.at("formatting changes"), 1u);

    const docx::WordImport plan = docx::plan_word_import(package);
    EXPECT_EQ(plan.base, "States should further strengthen cooperation.\n\nColour alone.\n");
    EXPECT_EQ(plan.text, "States should ~~further strengthen~~ cooperation.\n\nColour alone.\n");
    ASSERT_EQ(plan.changes.size(), 1u);
    EXPECT_EQ(plan.changes[0].author, "Japan");
    EXPECT_EQ(plan.changes[0].wording, "further strengthen");
    EXPECT_EQ(convert(package, docx::TrackedChanges::accept), plan.text);

    // A strike lifted, and italics added, as tracked changes.
    test::DocxParts lifted;
    lifted.body = "<w:p>" +
                  run("kept",
                      "<w:rPrChange w:id=\"1\" w:author=\"Brazil\"><w:rPr><w:strike/>"
                      "</w:rPr></w:rPrChange>") +
                  run(" and ") +
                  run("stressed",
                      "<w:i/><w:rPrChange w:id=\"2\" w:author=\"Brazil\"><w:rPr/></w:rPrChange>") +
                  "</w:p>";
    const docx::Package other = read_parts(lifted);
    // Struck across a line break, still one change; italics given to an
    // insertion by its own author with it, part of the insertion.
    test::DocxParts across;
    across.body = "<w:p>" + run("one", "<w:strike/>" + change) + "<w:r><w:br/></w:r>" +
                  run("two", "<w:strike/>" + change) +
                  "<w:ins w:id=\"9\" w:author=\"Japan\" w:date=\"2024-11-15T10:00:00Z\">" +
                  run(" three", "<w:i/>" + change) + "</w:ins></w:p>";
    const docx::Package joined = read_parts(across);
    ASSERT_EQ(joined.revisions.size(), 2u);
    EXPECT_EQ(joined.revisions[0].kind, docx::RevisionKind::format);
    EXPECT_EQ(joined.revisions[1].kind, docx::RevisionKind::insertion);
    ASSERT_EQ(other.revisions.size(), 2u) << "two runs apart";
    EXPECT_EQ(convert(other, docx::TrackedChanges::reject), "~~kept~~ and stressed\n");
    EXPECT_EQ(convert(other, docx::TrackedChanges::bracket), "kept and *stressed*\n");
}

TEST(DocxNotation, AnImportPlanReadsTheComments) {
    const docx::Package package = read_parts(test::sample_docx_parts());
    docx::WordImportOptions options;
    options.registry = {{"United States of America", {"USA"}}, {"Brazil", {}}};
    const docx::WordImport plan = docx::plan_word_import(package, options);
    ASSERT_EQ(plan.comments.size(), 6u);
    const auto& us = plan.comments[0].segments.at(0);
    EXPECT_EQ(us.segment.speakers.at(0).name, "United States of America");
    EXPECT_EQ(us.request.kind, docx::RequestKind::delete_wording);
    EXPECT_EQ(us.request.target, "authorized");
    EXPECT_EQ(plan.comments[2].segments.at(0).request.kind, docx::RequestKind::delete_section);
    EXPECT_EQ(plan.comments[3].segments.size(), 2u);
    EXPECT_EQ(plan.comments[3].segments[1].request.kind, docx::RequestKind::delete_paragraph)
        << "a bare delete on a paragraph's first words";
    EXPECT_EQ(plan.comments[5].segments.at(0).request.kind, docx::RequestKind::replace);
    EXPECT_EQ(plan.comments[5].segments.at(0).request.replacement, "simple");
    EXPECT_FALSE(plan.comments[4].asks_for_text_change());

    EXPECT_EQ(plan.summary.replies, 1u);
    EXPECT_EQ(plan.summary.speakers.at("United States of America"), 1u);
    EXPECT_EQ(plan.summary.speakers.at("Canada"), 1u);
    EXPECT_EQ(plan.summary.text_requests, 4u);
    EXPECT_EQ(plan.summary.positions, 3u);
    EXPECT_TRUE(plan.summary.unknown_speakers.empty());
    EXPECT_EQ(plan.dropped, "1 field codes, 1 images, drawings and text boxes, 1 link targets");
}

}  // namespace
}  // namespace accord

namespace accord {
namespace {

TEST(DocxNotation, AnInsertedParagraphVanishesWhenRejected) {
    // Alice pressed Enter after "Recalls its decision," (that paragraph break
    // is hers) and typed a new paragraph.
    test::DocxParts parts;
    parts.body =
        "<w:p><w:pPr><w:rPr><w:ins w:id=\"1\" w:author=\"Alice\" "
        "w:date=\"2024-01-01T00:00:00Z\"/></w:rPr></w:pPr>" +
        run("Recalls its decision,") + "</w:p><w:p>" + inserted("Alice", run("Also recalls,")) +
        "</w:p>" + test::paragraph("Decides.");
    const docx::Package package = read_parts(parts);
    ASSERT_EQ(package.revisions.size(), 2u);
    EXPECT_TRUE(package.revisions[0].paragraph_mark);
    EXPECT_EQ(convert(package, docx::TrackedChanges::reject),
              "Recalls its decision,\n\nDecides.\n");
    EXPECT_EQ(convert(package, docx::TrackedChanges::accept),
              "Recalls its decision,\n\nAlso recalls,\n\nDecides.\n");
    EXPECT_EQ(convert(package, docx::TrackedChanges::bracket),
              "Recalls its decision,\n\n[Also recalls,]\n\nDecides.\n");
}

// A document accord wrote holds a line per paragraph, the blank line
// between two paragraphs an empty one. A paragraph a delegate adds with
// Enter (changes tracked) after or before a paragraph of one line is a
// paragraph of its own; one added among subparagraphs written line under
// line is one more line of them (found by a tester: a new paragraph came
// back as a new line of the one above it).
TEST(DocxNotation, AParagraphAddedInADocumentAccordWroteIsAParagraphOfItsOwn) {
    const std::string mark =
        "<w:pPr><w:rPr><w:ins w:id=\"5\" w:author=\"US\" "
        "w:date=\"2024-01-01T00:00:00Z\"/></w:rPr></w:pPr>";
    test::DocxParts parts;
    parts.body =
        // Its own break inserted, before the first paragraph.
        "<w:p>" + mark + inserted("US", run("0. Zero.")) + "</w:p>" + test::paragraph("1. First.") +
        "<w:p></w:p>" +
        // Word's Enter at the end of "2. Second.": that paragraph's break is the new one.
        "<w:p>" + mark + run("2. Second.") + "</w:p><w:p>" + inserted("US", run("3. Third.")) +
        "</w:p><w:p></w:p>" + test::paragraph("Intro:") + test::paragraph("(a) one;") + "<w:p>" +
        mark + inserted("US", run("(b) new;")) + "</w:p>" + "<w:p>" + mark + run("(c) two;") +
        "</w:p><w:p>" + inserted("US", run("(d) three;")) + "</w:p>";
    const docx::Package package = read_accords(parts);
    ASSERT_TRUE(package.accord_notation());
    EXPECT_EQ(convert(package, docx::TrackedChanges::reject),
              "1. First.\n\n2. Second.\n\nIntro:\n(a) one;\n(c) two;\n");
    EXPECT_EQ(convert(package, docx::TrackedChanges::accept),
              "0. Zero.\n\n1. First.\n\n2. Second.\n\n3. Third.\n\n"
              "Intro:\n(a) one;\n(b) new;\n(c) two;\n(d) three;\n");
    EXPECT_EQ(convert(package, docx::TrackedChanges::bracket),
              "[0. Zero.]\n\n1. First.\n\n2. Second.\n\n[3. Third.]\n\n"
              "Intro:\n(a) one;\n[(b) new;]\n(c) two;\n[(d) three;]\n");
}

// White space a tracked deletion takes at its edges stands outside its
// strike, as a negotiator writes one, in a document accord wrote as in any
// other (found by a tester: "issues~~ pertaining to the Internet~~.").
TEST(DocxNotation, WhiteSpaceAtADeletionsEdgesStandsOutsideItsStrike) {
    const std::string sentence = run("public policy issues") +
                                 deleted(" pertaining to the Internet") + run(". Parties ") +
                                 deleted("shall ") + run("cooperate.");
    const std::string expected =
        "public policy issues ~~pertaining to the Internet~~. Parties ~~shall~~ cooperate.\n";
    EXPECT_EQ(one_paragraph(sentence), expected);
    test::DocxParts parts;
    parts.body = "<w:p>" + sentence + "</w:p>";
    const docx::Package accords = read_accords(parts);
    EXPECT_EQ(convert(accords, docx::TrackedChanges::bracket), expected);
    EXPECT_EQ(convert(accords, docx::TrackedChanges::reject),
              "public policy issues pertaining to the Internet. Parties shall cooperate.\n");
}

TEST(DocxNotation, ACommentInAFootnoteIsAnchoredInItsDefinition) {
    test::DocxParts parts;
    parts.body = "<w:p>" + run("Decides") + "<w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p>";
    parts.footnotes = "<w:footnote w:id=\"2\"><w:p>" + run("See ") +
                      "<w:commentRangeStart w:id=\"0\"/>" + run("decision 2/CMA.3") +
                      "<w:commentRangeEnd w:id=\"0\"/></w:p></w:footnote>";
    parts.comments =
        "<w:comment w:id=\"0\" w:author=\"Staff\"><w:p>" + run("EU: delete") + "</w:p></w:comment>";
    const docx::Package package = read_parts(parts);
    ASSERT_EQ(package.comments.size(), 1u);
    EXPECT_EQ(package.comments[0].start.story, 1u);
    const docx::Converted converted = docx::to_notation(package);
    EXPECT_EQ(converted.text, "Decides[^1]\n\n[^1]: See decision 2/CMA.3\n");
    const std::vector<docx::CommentAnchor> anchors = docx::anchor_comments(package, converted, {});
    EXPECT_EQ(anchors.at(0).story, 1u);
    EXPECT_EQ(converted.text.substr(anchors[0].range.begin, anchors[0].range.size()),
              "decision 2/CMA.3");
    EXPECT_GT(anchors[0].range.begin, converted.map.body_end);
}

}  // namespace
}  // namespace accord

namespace accord {
namespace {

std::string sym(const std::string& font, const std::string& code) {
    return "<w:r><w:sym w:font=\"" + font + "\" w:char=\"" + code + "\"/></w:r>";
}

// Word writes a symbol inserted from the Symbol font as a private-use code,
// F000 plus the font's byte: the degree sign of "1.5°C" is F0B0.
TEST(DocxNotation, SymbolFontCharactersAreTheirUnicodeEquivalents) {
    EXPECT_EQ(one_paragraph(run("limit warming to 1.5") + sym("Symbol", "F0B0") + run("C")),
              "limit warming to 1.5°C\n");
    EXPECT_EQ(
        one_paragraph(run("a ") + sym("Symbol", "F0B1") + run(" b ") + sym("Symbol", "F0B4") +
                      run(" c ") + sym("Symbol", "F0B8") + run(" d ") + sym("Symbol", "F0A3") +
                      run(" e ") + sym("Symbol", "F0B3") + run(" f ") + sym("Symbol", "F0B9") +
                      run(" g ") + sym("Symbol", "F0AE") + run(" h ") + sym("Symbol", "F0B7")),
        "a ± b × c ÷ d ≤ e ≥ f ≠ g → h •\n");
    EXPECT_EQ(one_paragraph(run("CO") + sym("symbol", "B0") + sym("SYMBOL", "f061")), "CO°α\n")
        << "the font's name in any case, the code with or without F0";
    EXPECT_EQ(one_paragraph(run("at 20") + inserted("Japan", sym("Symbol", "F0B0")) + run("C")),
              "at 20[°]C\n")
        << "an inserted symbol is its author's insertion";
}

TEST(DocxNotation, ASymbolWithNoEquivalentIsDroppedNamingItsParagraph) {
    test::DocxParts parts;
    parts.body = "<w:p>" + run("First") + "</w:p><w:p>" + run("Done ") + sym("Wingdings", "F0FC") +
                 sym("Symbol", "F0E6") + sym("Symbol", "F0zz") + sym("Symbol", "F0B0") + "</w:p>";
    const docx::Package package = read_parts(parts);
    EXPECT_EQ(convert(package, docx::TrackedChanges::bracket), "First\n\nDone °\n");
    EXPECT_EQ(
        package.dropped.at("symbols with no Unicode equivalent (Wingdings F0FC in paragraph 2)"),
        1u);
    EXPECT_EQ(package.dropped.at("symbols with no Unicode equivalent (Symbol F0E6 in paragraph 2)"),
              1u)
        << "a piece of a large bracket";
    EXPECT_EQ(package.dropped.at("symbols with no Unicode equivalent (Symbol F0zz in paragraph 2)"),
              1u);
}

// Ruby sets a reading above its base text (きょう over 今日): the base is
// the wording, the reading is dropped, and said.
TEST(DocxNotation, RubyKeepsItsBaseTextAndDropsTheReading) {
    const std::string ruby =
        "<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val=\"distributeSpace\"/></w:rubyPr>"
        "<w:rt><w:r><w:t>きょう</w:t></w:r></w:rt>"
        "<w:rubyBase><w:r><w:t>今日</w:t></w:r></w:rubyBase></w:ruby></w:r>";
    test::DocxParts parts;
    parts.body = "<w:p>" + run("Parties meet ") + ruby + run(" in Bonn.") + "</w:p>";
    const docx::Package package = read_parts(parts);
    EXPECT_EQ(convert(package, docx::TrackedChanges::bracket), "Parties meet 今日 in Bonn.\n");
    EXPECT_EQ(package.dropped.at("ruby annotations"), 1u);
    EXPECT_EQ(one_paragraph("<w:r><w:t xml:space=\"preserve\">on </w:t>" +
                            ruby.substr(5, ruby.size() - 11) + "<w:t>.</w:t></w:r>"),
              "on 今日.\n")
        << "text before and after the ruby in one run";
    EXPECT_EQ(one_paragraph(inserted("Japan", ruby)), "[今日]\n")
        << "an inserted ruby base is its author's insertion";
}

}  // namespace
}  // namespace accord
