// The Word compilation read back by accord's own reader gives every text's
// body byte for byte, with its tracked changes accepted; rejected, the text
// before the changes.
#include "merge/compile/render_docx.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/import/docx/accord_texts.hpp"
#include "core/import/docx/docx_reader.hpp"
#include "core/util/zip_archive.hpp"

namespace accord {
namespace {

Compilation compilation_of(const std::vector<std::pair<std::string, std::string>>& files) {
    Compilation c;
    c.revision = "0123456789012345678901234567890123456789";
    c.layout.title = "Draft decision";
    for (const auto& [path, source] : files) {
        CompiledText text;
        text.text.path = path;
        text.text.document = parse(source);
        LayoutEntry entry;
        entry.kind = LayoutEntry::Kind::text;
        entry.level = 2;
        entry.heading = path;
        entry.text = c.texts.size();
        c.layout.entries.push_back(entry);
        c.texts.push_back(std::move(text));
    }
    return c;
}

std::vector<std::string> read_back(const std::string& bytes, docx::TrackedChanges changes) {
    docx::ReadResult read = docx::read_docx_bytes(bytes, "test.docx");
    EXPECT_TRUE(read.ok()) << read.error.message;
    if (!read.ok()) return {};
    docx::ConvertOptions options;
    options.changes = changes;
    const docx::Converted converted = docx::to_notation(*read.package, options);
    std::vector<std::string> bodies;
    for (const docx::AccordText& text : docx::accord_texts(*read.package, &converted))
        bodies.push_back(text.body);
    return bodies;
}

// One text, a.md, rendered with `segments` as its tracked changes (and
// whatever else `options` holds): no warning, and read back with the
// changes accepted it is `new_text` again.
DocxRendering rendered_with_changes(const std::string& new_text, std::vector<DocxSegment> segments,
                                    DocxRenderOptions options = {}) {
    const Compilation compilation = compilation_of({{"a.md", new_text}});
    options.changes = {std::move(segments)};
    DocxRendering rendering = render_compilation_docx(compilation, options);
    EXPECT_TRUE(rendering.warnings.empty()) << rendering.warnings.front();
    EXPECT_EQ(read_back(rendering.bytes, docx::TrackedChanges::accept),
              std::vector<std::string>{new_text});
    return rendering;
}

// The wording a comment of a document read back covers, as it stands (its
// paragraphs joined by '\n', deleted runs left out).
std::string commented(const docx::Package& package, const docx::Comment& comment) {
    std::string out;
    for (std::uint32_t p = comment.start.paragraph;
         p <= comment.end.paragraph && p < package.body.paragraphs.size(); ++p) {
        const std::vector<docx::Run>& runs = package.body.paragraphs[p].runs;
        if (p > comment.start.paragraph) out += '\n';
        const std::size_t from = p == comment.start.paragraph ? comment.start.run : 0;
        const std::size_t to = p == comment.end.paragraph ? comment.end.run : runs.size();
        for (std::size_t r = from; r < to && r < runs.size(); ++r)
            if (runs[r].deleted == docx::kNoIndex) out += runs[r].text;
    }
    return out;
}

TEST(RenderDocx, EveryTextComesBackByteForByte) {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"a.md",
         "# Article 1\n\n1. Parties shall [cooperate][work] on ~~the~~ *implementation*.\n\n"
         "2. **Option 1:** The secretariat shall report. (agreed)\n"},
        {"b.md",
         "---\nid: B\n---\nOdd marks: **~~x~~** and ~~a~~~~b~~ and 5 * 3 and \\*escaped\\*\n"
         "  indented line\twith a tab  \n\n\n#not a heading\n##  two spaces\n"},
        {"c.md", "Windows\r\nline ends, <sup>a</sup> note, & < > \" ' signs"},
        {"d.md", "Control \x01 character and \xff byte\n"},
    };
    const Compilation compilation = compilation_of(files);
    const DocxRendering rendering = render_compilation_docx(compilation);
    const std::vector<std::string> bodies =
        read_back(rendering.bytes, docx::TrackedChanges::accept);
    ASSERT_EQ(bodies.size(), files.size());
    for (std::size_t i = 0; i + 1 < files.size(); ++i) {
        const Document& d = compilation.texts[i].text.document;
        EXPECT_EQ(bodies[i], std::string(d.text(d.body))) << files[i].first;
    }
    // What XML cannot hold is named, not silently changed.
    ASSERT_EQ(rendering.warnings.size(), 1u);
    EXPECT_NE(rendering.warnings[0].find("d.md:1"), std::string::npos) << rendering.warnings[0];
}

// An Arabic paragraph is laid out right to left in Word (w:bidi), a
// Latin one not; the text reads back the same (found by a tester: Word
// put the numbers and brackets of Arabic paragraphs at the wrong end).
TEST(RenderDocx, ArabicParagraphsAreSetRightToLeft) {
    const std::string arabic = "1. \xD8\xAA\xD8\xAA\xD8\xB9\xD8\xA7\xD9\x88\xD9\x86 [x].";
    const std::vector<std::pair<std::string, std::string>> files = {
        {"a.md", arabic + "\n\n2. Parties shall cooperate [\xD8\xAA].\n"}};
    const Compilation compilation = compilation_of(files);
    const DocxRendering rendering = render_compilation_docx(compilation);
    EXPECT_EQ(read_back(rendering.bytes, docx::TrackedChanges::accept),
              std::vector<std::string>{files[0].second});
    zip::OpenResult zip = zip::open_memory(rendering.bytes, "test.docx");
    ASSERT_TRUE(zip.archive) << zip.error.message;
    const std::string xml = zip.archive->read("word/document.xml").bytes;
    const std::size_t first = xml.find("\xD8\xAA\xD8\xAA"), second = xml.find("Parties shall");
    ASSERT_NE(first, std::string::npos);
    ASSERT_NE(second, std::string::npos);
    const std::size_t first_paragraph = xml.rfind("<w:p>", first),
                      second_paragraph = xml.rfind("<w:p>", second);
    EXPECT_NE(xml.substr(first_paragraph, first - first_paragraph).find("<w:bidi/>"),
              std::string::npos);
    EXPECT_EQ(xml.substr(second_paragraph, second - second_paragraph).find("<w:bidi/>"),
              std::string::npos);
}

// A mark inside another (a struck word in an italic phrase, italics in
// bold) is Word formatting, and reads back as written: the reader keeps a
// mark that spans a phrase open over the marks inside it. Read with the
// marks nested in one fixed order, these lines came back otherwise and
// were written with their marks as typed ("*shall ~~strengthen~~ ...").
TEST(RenderDocx, MarksInsideMarksAreWordFormatting) {
    const std::string text =
        "Parties *shall ~~strengthen~~ cooperate* on **all *relevant* matters**, "
        "~~the **whole** text~~ and ~~*a*~~ *b*.\n";
    const Compilation compilation = compilation_of({{"a.md", text}});
    const DocxRendering rendering = render_compilation_docx(compilation);
    EXPECT_TRUE(rendering.warnings.empty()) << rendering.warnings.front();
    zip::OpenResult opened = zip::open_memory(rendering.bytes, "test.docx");
    ASSERT_TRUE(opened.archive) << opened.error.message;
    const zip::ReadResult xml = opened.archive->read("word/document.xml");
    ASSERT_TRUE(xml.ok()) << xml.error.message;
    EXPECT_EQ(xml.bytes.find("~~"), std::string::npos);
    EXPECT_EQ(xml.bytes.find("*"), std::string::npos);
    EXPECT_NE(xml.bytes.find("<w:i/><w:strike/></w:rPr><w:t xml:space=\"preserve\">strengthen"),
              std::string::npos)
        << xml.bytes;
    const std::vector<std::string> bodies =
        read_back(rendering.bytes, docx::TrackedChanges::accept);
    ASSERT_EQ(bodies.size(), 1u);
    EXPECT_EQ(bodies[0], text);
}

// A character escaped in the notation because it would otherwise be a
// mark ("\\# of Parties", "5\\*3 tonnes or 2\\*4") is the plain character in
// Word, as a delegate typed it, and the reader escapes it again: the text
// comes back byte for byte. An escape the reader would not write again
// ("\\*" before a space, "C\\#") stays as typed.
TEST(RenderDocx, EscapedCharactersAreThePlainCharactersInWord) {
    const std::string text =
        "\\# of Parties ratifying shall be reported.\n\n"
        "1. Parties shall report *emissions* at 5\\*3 tonnes or 2\\*4 units.\n\n"
        "2. \\*\\*Not bold\\*\\* and \\~~not struck\\~~ but ~~struck~~.\n\n"
        "3. [means of implementation]\\* [towards] and C\\# stay.\n";
    const Compilation compilation = compilation_of({{"a.md", text}});
    const DocxRendering rendering = render_compilation_docx(compilation);
    EXPECT_TRUE(rendering.warnings.empty()) << rendering.warnings.front();
    zip::OpenResult opened = zip::open_memory(rendering.bytes, "test.docx");
    ASSERT_TRUE(opened.archive) << opened.error.message;
    const zip::ReadResult xml = opened.archive->read("word/document.xml");
    ASSERT_TRUE(xml.ok()) << xml.error.message;
    EXPECT_NE(xml.bytes.find("># of Parties ratifying"), std::string::npos) << xml.bytes;
    EXPECT_NE(xml.bytes.find(" at 5*3 tonnes or 2*4 units."), std::string::npos) << xml.bytes;
    EXPECT_NE(xml.bytes.find("2. **Not bold** and ~~not struck~~ but "), std::string::npos)
        << xml.bytes;
    EXPECT_NE(xml.bytes.find("implementation]\\* [towards] and C\\# stay."), std::string::npos)
        << xml.bytes;
    EXPECT_EQ(read_back(rendering.bytes, docx::TrackedChanges::accept),
              std::vector<std::string>{text});
}

// U+FFFE and U+FFFF are no XML characters: written as they were, Word
// refused the document. They are written as U+FFFD, and the line is named.
TEST(RenderDocx, NoncharactersAreNotWrittenIntoTheXml) {
    const Compilation compilation = compilation_of({{"f.md", "a \xEF\xBF\xBE b \xEF\xBF\xBF c\n"}});
    const DocxRendering rendering = render_compilation_docx(compilation);
    zip::OpenResult opened = zip::open_memory(rendering.bytes, "test.docx");
    ASSERT_TRUE(opened.archive) << opened.error.message;
    const zip::ReadResult xml = opened.archive->read("word/document.xml");
    ASSERT_TRUE(xml.ok()) << xml.error.message;
    EXPECT_EQ(xml.bytes.find("\xEF\xBF\xBE"), std::string::npos);
    EXPECT_EQ(xml.bytes.find("\xEF\xBF\xBF"), std::string::npos);
    EXPECT_NE(xml.bytes.find("a \xEF\xBF\xBD b \xEF\xBF\xBD c"), std::string::npos);
    ASSERT_EQ(rendering.warnings.size(), 1u);
    EXPECT_NE(rendering.warnings[0].find("f.md:1"), std::string::npos) << rendering.warnings[0];
}

// A text of a megabyte repeating one sentence compresses some 500 times: the
// document accord writes must still read back (it was taken for a zip bomb).
TEST(RenderDocx, ALongRepetitiveTextReadsBack) {
    std::string text;
    for (int i = 0; i < 40000; ++i) text += "The parties shall cooperate. ";
    text += "\n";
    const Compilation compilation = compilation_of({{"a.md", text}});
    const DocxRendering rendering = render_compilation_docx(compilation);
    EXPECT_TRUE(rendering.warnings.empty()) << rendering.warnings.front();
    const std::vector<std::string> bodies =
        read_back(rendering.bytes, docx::TrackedChanges::accept);
    ASSERT_EQ(bodies.size(), 1u);
    EXPECT_EQ(bodies[0], text);
}

TEST(RenderDocx, TrackedChangesAcceptedGiveTheNewTextRejectedTheOld) {
    const std::string old_text = "Parties shall ~~report~~ annually.\nSecond line stays.\n";
    const std::string new_text =
        "Parties shall report in good faith.\nSecond line stays.\nA new line.\n";
    DocxRenderOptions options;
    options.comments = {{0, {8, 13}, "Pakistan", "2024-02-03T12:00:00Z", "Pakistan: against"}};
    const DocxRendering rendering = rendered_with_changes(
        new_text,
        {
            {"Parties shall ", DocxSegment::Change::none, "", ""},
            {"~~", DocxSegment::Change::deleted, "Brazil", "2024-02-01T12:00:00Z"},
            {"report", DocxSegment::Change::none, "", ""},
            {"~~ annually", DocxSegment::Change::deleted, "Brazil", "2024-02-01T12:00:00Z"},
            {" in good faith", DocxSegment::Change::inserted, "Brazil", "2024-02-01T12:00:00Z"},
            {".\nSecond line stays.\n", DocxSegment::Change::none, "", ""},
            {"A new line.\n", DocxSegment::Change::inserted, "Japan", "2024-02-02T12:00:00Z"},
        },
        options);
    EXPECT_EQ(read_back(rendering.bytes, docx::TrackedChanges::reject),
              std::vector<std::string>{old_text});
    docx::ReadResult read = docx::read_docx_bytes(rendering.bytes, "test.docx");
    ASSERT_TRUE(read.ok());
    ASSERT_EQ(read.package->comments.size(), 1u);
    EXPECT_EQ(read.package->comments[0].author, "Pakistan");
    EXPECT_EQ(read.package->comments[0].text, "Pakistan: against");
    std::set<std::string> authors;
    for (const docx::Revision& r : read.package->revisions) authors.insert(r.author + " " + r.date);
    EXPECT_EQ(authors,
              (std::set<std::string>{"Brazil 2024-02-01T12:00:00Z", "Japan 2024-02-02T12:00:00Z"}));
}

// A changed line keeps its formatting where both sides of the change read
// back as they were; a mark inserted or deleted itself stays typed, since
// Word would show it as a change of format, not of the wording.
TEST(RenderDocx, AChangedLineKeepsItsFormattingWhereEachSideReadsBack) {
    const std::string date = "2024-02-01T12:00:00Z";
    const std::string new_text =
        "Parties *shall enhance* cooperation on **all** matters.\nThey shall *act*.\n";
    const DocxRendering rendering = rendered_with_changes(
        new_text,
        {
            {"Parties *shall ", DocxSegment::Change::none, "", ""},
            {"strengthen", DocxSegment::Change::deleted, "Brazil", date},
            {"enhance", DocxSegment::Change::inserted, "Brazil", date},
            {"* cooperation on **all** matters.\nThey shall ", DocxSegment::Change::none, "", ""},
            {"*", DocxSegment::Change::inserted, "Japan", date},
            {"act", DocxSegment::Change::none, "", ""},
            {"*", DocxSegment::Change::inserted, "Japan", date},
            {".\n", DocxSegment::Change::none, "", ""},
        });
    EXPECT_EQ(read_back(rendering.bytes, docx::TrackedChanges::reject),
              std::vector<std::string>{
                  "Parties *shall strengthen* cooperation on **all** matters.\nThey shall act.\n"});
    zip::OpenResult opened = zip::open_memory(rendering.bytes, "test.docx");
    ASSERT_TRUE(opened.archive) << opened.error.message;
    const std::string xml = opened.archive->read("word/document.xml").bytes;
    // The first line's marks are Word's italics and bold, the deleted word
    // in italics too; the second line's inserted marks are Japan's tracked
    // change of format: "act" in italics, plain before.
    EXPECT_EQ(xml.find("*shall"), std::string::npos) << xml;
    EXPECT_EQ(xml.find("**all"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<w:i/></w:rPr><w:delText xml:space=\"preserve\">strengthen"),
              std::string::npos)
        << xml;
    EXPECT_EQ(xml.find("<w:t xml:space=\"preserve\">*</w:t>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<w:i/><w:rPrChange w:id=\"1002\" w:author=\"Japan\" w:date=\"" + date +
                       "\"><w:rPr></w:rPr></w:rPrChange></w:rPr><w:t xml:space=\"preserve\">act<"),
              std::string::npos)
        << xml;
}

// A strike lifted (the chair deletes the marks around wording that stays)
// is the chair's tracked change of format in Word: rejected, the wording is
// struck again; the marks are never typed.
TEST(RenderDocx, AStrikeLiftedIsAChangeOfFormatByWhoLiftedIt) {
    const std::string date = "2024-03-01T09:00:00Z";
    const std::string new_text = "Parties shall cooperate.\n";
    const DocxRendering rendering =
        rendered_with_changes(new_text, {
                                            {"Parties ", DocxSegment::Change::none, "", ""},
                                            {"~~", DocxSegment::Change::deleted, "Chair", date},
                                            {"shall", DocxSegment::Change::none, "", ""},
                                            {"~~", DocxSegment::Change::deleted, "Chair", date},
                                            {" cooperate.\n", DocxSegment::Change::none, "", ""},
                                        });
    EXPECT_EQ(read_back(rendering.bytes, docx::TrackedChanges::reject),
              std::vector<std::string>{"Parties ~~shall~~ cooperate.\n"});
    zip::OpenResult opened = zip::open_memory(rendering.bytes, "test.docx");
    ASSERT_TRUE(opened.archive) << opened.error.message;
    const std::string xml = opened.archive->read("word/document.xml").bytes;
    EXPECT_EQ(xml.find("~~"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<w:rPrChange w:id=\"1000\" w:author=\"Chair\" w:date=\"" + date +
                       "\"><w:rPr><w:strike/></w:rPr></w:rPrChange></w:rPr><w:t "
                       "xml:space=\"preserve\">shall<"),
              std::string::npos)
        << xml;
}

// Two line breaks deleted by one proposal and wording put at the end by
// another (the Paris text's link definitions, 12 December to final): the
// lines joined stand as one line, accepted, and as they stood, rejected.
TEST(RenderDocx, LinesJoinedByADeletedBreakStandAsOneLine) {
    const std::string new_text = "Intro.\n[source]: http://x/final.pdf\n[report]: y\n";
    const DocxRendering rendering = rendered_with_changes(
        new_text, {
                      {"Intro.\n[source]: http://x/", DocxSegment::Change::none, "", ""},
                      {"draft.pdf\n\n## Draft", DocxSegment::Change::deleted, "AOSIS",
                       "2015-12-12T12:00:00Z"},
                      {"final.pdf", DocxSegment::Change::inserted, "COP", "2015-12-12T12:00:00Z"},
                      {"\n[report]: y\n", DocxSegment::Change::none, "", ""},
                  });
    EXPECT_EQ(read_back(rendering.bytes, docx::TrackedChanges::reject),
              std::vector<std::string>{
                  "Intro.\n[source]: http://x/draft.pdf\n\n## Draft\n[report]: y\n"});
}

// The text's last breaks deleted ("a\nb\n" joined into "a b"): the line
// ends with the story and still stands.
TEST(RenderDocx, ALineWhoseBreakWasDeletedAtTheEndStands) {
    const std::string new_text = "a b";
    const DocxRendering rendering = rendered_with_changes(
        new_text, {
                      {"a", DocxSegment::Change::none, "", ""},
                      {"\n", DocxSegment::Change::deleted, "Chair", "2024-03-01T09:00:00Z"},
                      {" ", DocxSegment::Change::inserted, "Chair", "2024-03-01T09:00:00Z"},
                      {"b", DocxSegment::Change::none, "", ""},
                      {"\n", DocxSegment::Change::deleted, "Chair", "2024-03-01T09:00:00Z"},
                  });
}

// A comment covers the wording its range holds and no more. A range that
// ends with its paragraph (at the newline, or taking it in) ends there: it
// ran to the end of the whole text, the newline being no byte of a run.
// Marks inside the range are formatting, not wording.
TEST(RenderDocx, ACommentCoversItsRangeEvenWhereItEndsAParagraph) {
    const std::string text =
        "*Decides* that Parties shall report.\nThe secretariat shall publish.\nThird.\n";
    const std::size_t shall = text.find("shall report."), second = text.find("The secretariat");
    DocxRenderOptions options;
    const std::string date = "2024-02-03T12:00:00Z";
    options.comments = {
        {0, {shall, shall + 13}, "Pakistan", date, "Pakistan: against"},
        {0, {1, 14}, "Japan", date, "Japan: support"},
        {0, {second, text.find("Third")}, "Brazil", date, "Brazil: concerns"},
        {0, {text.size() - 7, text.size()}, "Chile", date, "Chile: fine"},
    };
    const DocxRendering rendering =
        render_compilation_docx(compilation_of({{"a.md", text}}), options);
    EXPECT_TRUE(rendering.warnings.empty()) << rendering.warnings.front();
    docx::ReadResult read = docx::read_docx_bytes(rendering.bytes, "test.docx");
    ASSERT_TRUE(read.ok());
    const std::vector<docx::Comment>& comments = read.package->comments;
    ASSERT_EQ(comments.size(), 4u);
    EXPECT_EQ(commented(*read.package, comments[0]), "shall report.");
    EXPECT_EQ(commented(*read.package, comments[1]), "Decides that");
    EXPECT_EQ(commented(*read.package, comments[2]), "The secretariat shall publish.");
    EXPECT_EQ(commented(*read.package, comments[3]), "Third.");
}

// The same in a changed text: a range ending its paragraph, where the
// paragraph ends with an insertion, ends with it.
TEST(RenderDocx, ACommentInAChangedTextCoversItsRange) {
    const std::string date = "2024-02-01T12:00:00Z";
    const std::string new_text = "Parties shall report in good faith.\nSecond line stays.\n";
    const std::size_t report = new_text.find("report");
    DocxRenderOptions options;
    options.comments = {{0, {report, new_text.find('\n')}, "Pakistan", date, "Pakistan: no"}};
    const DocxRendering rendering =
        rendered_with_changes(new_text,
                              {
                                  {"Parties shall report", DocxSegment::Change::none, "", ""},
                                  {" annually", DocxSegment::Change::deleted, "Brazil", date},
                                  {" in good faith", DocxSegment::Change::inserted, "Brazil", date},
                                  {".\nSecond line stays.\n", DocxSegment::Change::none, "", ""},
                              },
                              options);
    docx::ReadResult read = docx::read_docx_bytes(rendering.bytes, "test.docx");
    ASSERT_TRUE(read.ok());
    ASSERT_EQ(read.package->comments.size(), 1u);
    EXPECT_EQ(commented(*read.package, read.package->comments[0]), "report in good faith.");
}

// A heading changed since the base stays a Word heading, the change inside
// it: its "#" is never typed. A strike proposed in it is a change of format,
// as anywhere else, not an insertion of "~~".
TEST(RenderDocx, AChangedHeadingIsAHeadingWithTheChangeInside) {
    const std::string date = "2024-02-01T12:00:00Z";
    const std::string new_text = "# Section [first] ~~one~~\nText.\n";
    const DocxRendering rendering = rendered_with_changes(
        new_text, {
                      {"# Section ", DocxSegment::Change::none, "", ""},
                      {"[first] ", DocxSegment::Change::inserted, "Brazil", date},
                      {"~~", DocxSegment::Change::inserted, "Japan", date},
                      {"one", DocxSegment::Change::none, "", ""},
                      {"~~", DocxSegment::Change::inserted, "Japan", date},
                      {"\nText.\n", DocxSegment::Change::none, "", ""},
                  });
    EXPECT_EQ(read_back(rendering.bytes, docx::TrackedChanges::reject),
              std::vector<std::string>{"# Section one\nText.\n"});
    docx::ReadResult read = docx::read_docx_bytes(rendering.bytes, "test.docx");
    ASSERT_TRUE(read.ok());
    const docx::Paragraph* heading = nullptr;
    for (const docx::Paragraph& p : read.package->body.paragraphs)
        if (!p.runs.empty() && p.runs[0].text.starts_with("Section")) heading = &p;
    ASSERT_NE(heading, nullptr);
    EXPECT_EQ(heading->heading, 1u);
    zip::OpenResult opened = zip::open_memory(rendering.bytes, "test.docx");
    ASSERT_TRUE(opened.archive) << opened.error.message;
    const std::string xml = opened.archive->read("word/document.xml").bytes;
    EXPECT_EQ(xml.find("# Section"), std::string::npos) << xml;
    EXPECT_EQ(xml.find("~~"), std::string::npos) << xml;
    EXPECT_NE(xml.find("w:author=\"Brazil\""), std::string::npos) << xml;
    const std::size_t struck = xml.find("<w:strike/><w:rPrChange ");
    ASSERT_NE(struck, std::string::npos) << xml;
    EXPECT_EQ(xml.find("w:author=\"Japan\"", struck), xml.find("w:author=", struck)) << xml;
}

// A heading line inserted whole, or deleted whole, is a Word heading
// inserted or deleted: its "#" is the paragraph's style, never typed.
TEST(RenderDocx, AHeadingInsertedOrDeletedWholeIsAHeading) {
    const std::string date = "2024-02-01T12:00:00Z";
    const DocxRendering rendering = rendered_with_changes(
        "Intro.\n# New section\nText.\n",
        {
            {"Intro.\n", DocxSegment::Change::none, "", ""},
            {"## Old heading\n", DocxSegment::Change::deleted, "Chair", date},
            {"# New section\n", DocxSegment::Change::inserted, "Brazil", date},
            {"Text.\n", DocxSegment::Change::none, "", ""},
        });
    EXPECT_EQ(read_back(rendering.bytes, docx::TrackedChanges::reject),
              std::vector<std::string>{"Intro.\n## Old heading\nText.\n"});
    docx::ReadResult read = docx::read_docx_bytes(rendering.bytes, "test.docx");
    ASSERT_TRUE(read.ok());
    std::map<std::string, std::uint32_t> headings;
    for (const docx::Paragraph& p : read.package->body.paragraphs) {
        std::string text;
        for (const docx::Run& run : p.runs) text += run.text;
        headings[text] = p.heading;
    }
    EXPECT_EQ(headings["New section"], 1u);
    EXPECT_EQ(headings["Old heading"], 2u);
    EXPECT_EQ(headings.count("# New section"), 0u);
    EXPECT_EQ(headings.count("## Old heading"), 0u);
}

}  // namespace
}  // namespace accord
