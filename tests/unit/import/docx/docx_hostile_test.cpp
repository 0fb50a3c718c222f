// core/import/docx: documents that are not what they claim, or are built to
// hurt, each get one clear error and no model.
#include <gtest/gtest.h>

#include "core/import/docx/docx_reader.hpp"
#include "support/docx_builder.hpp"
#include "support/paths.hpp"
#include "support/zip_bytes.hpp"

namespace accord {
namespace {

docx::ReadResult read(std::string bytes, const docx::ReadOptions& options = {}) {
    return docx::read_docx_bytes(std::move(bytes), "in.docx", options);
}

std::string document_with(const std::string& body) {
    test::DocxParts parts;
    parts.body = body;
    return test::build_docx(parts);
}

// A package whose word/document.xml is `xml`, as written.
std::string document_xml(const std::string& xml) {
    test::DocxParts parts;
    parts.omit_document = true;
    parts.raw = {{"word/document.xml", xml}};
    return test::build_docx(parts);
}

void expect_error(const docx::ReadResult& result, docx::ReadErrorKind kind,
                  const std::string& says) {
    EXPECT_FALSE(result.ok());
    EXPECT_FALSE(result.package.has_value());
    EXPECT_EQ(result.error.kind, kind) << result.error.message;
    EXPECT_NE(result.error.message.find(says), std::string::npos) << result.error.message;
}

// An OLE compound file's signature, then `content`.
std::string ole_file(const std::string& content) {
    return std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0') + content;
}

std::string utf16(const std::string& ascii) {
    std::string out;
    for (char c : ascii) out += std::string{c, '\0'};
    return out;
}

TEST(DocxHostile, NotAZipAndTruncated) {
    expect_error(read("Dear delegates, please find the text below."),
                 docx::ReadErrorKind::not_a_docx, "in.docx: not a zip archive; a .docx is a zip");
    const std::string whole = document_with(test::paragraph("Decides"));
    expect_error(read(whole.substr(0, whole.size() / 2)), docx::ReadErrorKind::truncated,
                 "in.docx: the zip archive is truncated");
}

TEST(DocxHostile, LegacyDocAndPasswordProtectedDocumentsSayHowToFixThem) {
    expect_error(read(ole_file(utf16("WordDocument") + std::string(2000, 'x'))),
                 docx::ReadErrorKind::legacy_doc,
                 "in.docx: is a Word 97-2003 document (.doc), not .docx; open it in Word or "
                 "LibreOffice and save it as .docx");
    expect_error(read(ole_file(utf16("EncryptionInfo") + utf16("EncryptedPackage"))),
                 docx::ReadErrorKind::encrypted, "save it as .docx without a password");

    test::TempDir tmp;
    const std::string path =
        tmp.write("protected.docx", ole_file(std::string(4096, '\1') + utf16("EncryptionInfo")));
    const docx::ReadResult from_file = docx::read_docx_file(path);
    expect_error(from_file, docx::ReadErrorKind::encrypted, path + ": is password-protected");
    expect_error(docx::read_docx_file(tmp.file("missing.docx")), docx::ReadErrorKind::io,
                 "missing.docx: No such file");
}

TEST(DocxHostile, AZipWithoutTheMainDocumentIsNotWord) {
    test::DocxParts parts;
    parts.omit_document = true;
    expect_error(read(test::build_docx(parts)), docx::ReadErrorKind::missing_document,
                 "in.docx: has no word/document.xml; it is not a Word document");
    parts.raw = {{"xl/workbook.xml", "<workbook/>"}};
    expect_error(read(test::build_docx(parts)), docx::ReadErrorKind::missing_document,
                 "it looks like an Excel workbook");
}

TEST(DocxHostile, MalformedXmlNamesThePartLineAndColumn) {
    const docx::ReadResult result = read(
        document_xml(std::string("<?xml version=\"1.0\"?>\n<w:document ") + test::kWordNamespaces +
                     ">\n<w:body>\n  <w:p><w:r><w:t>Decides</w:r></w:p>\n</w:body></w:document>"));
    expect_error(result, docx::ReadErrorKind::malformed_xml, "in.docx: word/document.xml:4:");
    EXPECT_NE(result.error.message.find("malformed XML"), std::string::npos);

    expect_error(read(document_xml("<html><body>not Word</body></html>")),
                 docx::ReadErrorKind::malformed_xml,
                 "word/document.xml: expected <document> as the root element, found <html>");
}

// "&#0;" would end the run's text there (the words after it lost without a
// word) and "&#xD800;" would be written as bytes no UTF-8 reader takes:
// characters XML cannot hold are refused, where they stand.
TEST(DocxHostile, CharactersXmlCannotHoldAreRefusedWhereTheyStand) {
    const auto with_text = [](const std::string& text) {
        return document_xml(std::string("<?xml version=\"1.0\"?>\n<w:document ") +
                            test::kWordNamespaces + ">\n<w:body>\n<w:p><w:r><w:t>" + text +
                            "</w:t></w:r></w:p>\n</w:body></w:document>");
    };
    for (const std::string& bad :
         std::vector<std::string>{"&#0;", "&#x0;", "&#xD800;", "&#x110000;", "&#1;", "a\x01 b"}) {
        SCOPED_TRACE(bad);
        const docx::ReadResult result = read(with_text("First words " + bad + " second words."));
        expect_error(result, docx::ReadErrorKind::malformed_xml, "in.docx: word/document.xml:4:");
        EXPECT_NE(result.error.message.find("which XML cannot hold"), std::string::npos);
    }
    // References XML allows are read as before.
    const docx::ReadResult fine = read(with_text("A &#x41; &#233; &amp; &#9; &#x1F600; B"));
    EXPECT_FALSE(fine.error) << fine.error.message;
}

// Texts are recorded as UTF-8. A part declaring ISO-8859-1 (or
// Windows-1252, which such documents mean) is decoded; bytes that are not
// UTF-8 in any other part are refused where they stand, never recorded as
// they are (a tester found "caf\xE9" recorded, shown as U+FFFD ever after).
TEST(DocxHostile, PartsNotInUtf8AreDecodedOrRefused) {
    const auto declaring = [](const std::string& encoding, const std::string& text) {
        return document_xml("<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n<w:document " +
                            test::kWordNamespaces + ">\n<w:body>\n<w:p><w:r><w:t>" + text +
                            "</w:t></w:r></w:p>\n</w:body></w:document>");
    };
    const std::string latin = "caf\xE9 [na\xEFve] \x93quoted\x94 \x96 \x80";
    for (const std::string encoding : {"ISO-8859-1", "windows-1252", "latin1"}) {
        SCOPED_TRACE(encoding);
        const docx::ReadResult read_back = read(declaring(encoding, latin));
        ASSERT_TRUE(read_back.ok()) << read_back.error.message;
        EXPECT_EQ(read_back.package->body.paragraphs.at(0).runs.at(0).text,
                  "café [naïve] “quoted” – €");
    }
    expect_error(read(declaring("ISO-8859-1", "bad \x81 byte")), docx::ReadErrorKind::malformed_xml,
                 "in.docx: word/document.xml:4:20: malformed XML: the byte 0x81, which iso-8859-1 "
                 "(read as Windows-1252) does not define");
    // Declared UTF-8 (or nothing) but holding Latin-1 bytes: refused at the first.
    expect_error(read(declaring("UTF-8", latin)), docx::ReadErrorKind::malformed_xml,
                 "in.docx: word/document.xml:4:19: malformed XML: the byte 0xE9, which is not "
                 "UTF-8; open the document in Word and save it again");
    expect_error(read(declaring("Shift_JIS", "\x82\xA0")), docx::ReadErrorKind::malformed_xml,
                 "which is not UTF-8 (the part declares 'shift_jis', which accord does not read)");
    // Any part, not only the body.
    test::DocxParts parts;
    parts.body = test::paragraph("Decides");
    parts.core = "<dc:title>caf\xE9</dc:title>";
    expect_error(read(test::build_docx(parts)), docx::ReadErrorKind::malformed_xml,
                 "in.docx: docProps/core.xml:1:");
}

TEST(DocxHostile, ADoctypeIsRefusedAndItsEntitiesNeverExpanded) {
    // A billion laughs: expanding it would take gigabytes.
    std::string entities = "<!DOCTYPE w:document [<!ENTITY a0 \"lol\">";
    for (int i = 1; i < 10; ++i) {
        entities += "<!ENTITY a" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) entities += "&a" + std::to_string(i - 1) + ";";
        entities += "\">";
    }
    entities += "]>";
    expect_error(read(document_xml("<?xml version=\"1.0\"?>" + entities + "<w:document " +
                                   test::kWordNamespaces + "><w:body>" + test::paragraph("&a9;") +
                                   "</w:body></w:document>")),
                 docx::ReadErrorKind::doctype,
                 "word/document.xml: declares a DOCTYPE, which Word never writes; refused");
    // An external entity is refused the same way, never fetched.
    expect_error(read(document_xml("<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                   "<w:document><w:body/></w:document>")),
                 docx::ReadErrorKind::doctype, "DOCTYPE");
}

TEST(DocxHostile, ZipBombsAreRefusedBeforeTheyAreInflated) {
    // An entry that claims four gigabytes.
    std::string claims = document_with(test::paragraph("Decides"));
    test::set_declared_size(claims, "word/document.xml", 0xF0000000u);
    expect_error(read(claims), docx::ReadErrorKind::too_large,
                 "in.docx: word/document.xml: declares 4026531840 bytes uncompressed, over the "
                 "limit");

    // An entry that declares little and inflates far more: stopped at its word.
    std::string body;
    for (int i = 0; i < 20000; ++i) body += test::paragraph("same words again");
    std::string lies = document_with(body);
    test::set_declared_size(lies, "word/document.xml", 4000);
    expect_error(read(lies), docx::ReadErrorKind::too_large, "inflates past its declared 4000");

    // An honest entry whose compression ratio is a bomb's.
    std::string zeros_body =
        "<w:p><w:r><w:t>" + std::string(40u << 20, ' ') + "x</w:t></w:r></w:p>";
    expect_error(read(document_with(zeros_body)), docx::ReadErrorKind::too_large, "a zip bomb?");

    // A part over the configured size limit.
    docx::ReadOptions small;
    small.zip.max_entry_size = 1000;
    expect_error(read(document_with(body), small), docx::ReadErrorKind::too_large,
                 "word/document.xml: declares");
}

// A few megabytes of .docx whose parts each stay under zip's own limits
// (and under its ratio, being varied text) could still take gigabytes once
// parsed: a Word document's parts are held to what a document of hundreds
// of pages needs, before they are inflated.
TEST(DocxHostile, PartsLargerThanAnyDocumentNeedsAreRefusedByDefault) {
    std::string body;
    for (std::uint64_t i = 0; body.size() < (2u << 20); ++i)
        body += test::paragraph(std::to_string(i * 2654435761u % 1000000007u));
    std::string large = document_with(body);
    test::set_declared_size(large, "word/document.xml", 70u << 20);
    expect_error(read(large), docx::ReadErrorKind::too_large,
                 "word/document.xml: declares 73400320 bytes uncompressed, over the limit of "
                 "67108864");
}

// Headers and footers are not the negotiated text: what they hold is
// counted among what was left out, and a tracked change there (someone's
// proposal the import does not record) is counted apart, not lost unsaid.
TEST(DocxHostile, HeadersAreCountedAsLeftOut) {
    test::DocxParts parts;
    parts.body = test::paragraph("Decides");
    parts.header =
        "<w:p><w:r><w:t>DRAFT TEXT</w:t></w:r><w:ins w:id=\"1\" w:author=\"Alice\" "
        "w:date=\"2024-11-18T10:00:00Z\"><w:r><w:t>Version 2</w:t></w:r></w:ins></w:p>";
    const docx::ReadResult result = read(test::build_docx(parts));
    ASSERT_TRUE(result.ok()) << result.error.message;
    EXPECT_EQ(result.package->dropped.at("header or footer texts"), 1u);
    EXPECT_EQ(result.package->dropped.at("tracked changes in headers or footers"), 1u);
    EXPECT_TRUE(result.package->revisions.empty());
}

// Another producer may give Word's namespace another prefix: the header is
// counted all the same (it was looked for as "<w:t>" and missed).
TEST(DocxHostile, HeadersUnderAnotherPrefixAreCountedToo) {
    test::DocxParts parts;
    parts.body = test::paragraph("Decides");
    parts.header =
        "<x:p xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<x:r><x:t>DRAFT TEXT</x:t></x:r><x:del x:id=\"1\" x:author=\"Alice\" "
        "x:date=\"2024-11-18T10:00:00Z\"><x:r><x:delText>v1</x:delText></x:r></x:del>"
        "<x:ins x:id=\"2\" x:author=\"Alice\"><x:r><x:t>v2</x:t></x:r></x:ins></x:p>";
    const docx::ReadResult result = read(test::build_docx(parts));
    ASSERT_TRUE(result.ok()) << result.error.message;
    EXPECT_EQ(result.package->dropped.at("header or footer texts"), 1u);
    EXPECT_EQ(result.package->dropped.at("tracked changes in headers or footers"), 2u);
    // A header that is not XML is named, as any part is.
    parts.header = "<w:p><w:r><w:t>broken</w:r></w:p>";
    const docx::ReadResult broken = read(test::build_docx(parts));
    ASSERT_FALSE(broken.ok());
    EXPECT_NE(broken.error.message.find("word/header1.xml"), std::string::npos)
        << broken.error.message;
}

// Part names are compared without case: "word/Document.xml" beside
// "word/document.xml" is one part twice, which Word might read either way.
TEST(DocxHostile, PartsWhoseNamesDifferOnlyInCaseAreRefused) {
    test::DocxParts parts;
    parts.body = test::paragraph("Decides");
    parts.raw = {{"word/Document.xml", "<w:document/>"}};
    const docx::ReadResult result = read(test::build_docx(parts));
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error.message.find("two parts are named"), std::string::npos)
        << result.error.message;
    EXPECT_NE(result.error.message.find("word/Document.xml"), std::string::npos)
        << result.error.message;
}

TEST(DocxHostile, DeeplyNestedXmlIsRefused) {
    std::string nested;
    for (int i = 0; i < 5000; ++i) nested += "<w:customXml>";
    nested += test::paragraph("deep");
    for (int i = 0; i < 5000; ++i) nested += "</w:customXml>";
    expect_error(read(document_with(nested)), docx::ReadErrorKind::too_deep,
                 "word/document.xml: nests elements more than 256 levels deep");

    // Word's real nesting, a few dozen levels, is read.
    std::string shallow;
    for (int i = 0; i < 40; ++i) shallow += "<w:customXml>";
    shallow += test::paragraph("fine");
    for (int i = 0; i < 40; ++i) shallow += "</w:customXml>";
    const docx::ReadResult read_fine = read(document_with(shallow));
    ASSERT_TRUE(read_fine.ok()) << read_fine.error.message;
    EXPECT_EQ(read_fine.package->body.paragraphs.at(0).runs.at(0).text, "fine");
}

TEST(DocxHostile, MarksPointingNowhereAreIgnored) {
    const docx::ReadResult result = read(document_with(
        "<w:p><w:commentRangeStart w:id=\"99\"/><w:r><w:footnoteReference w:id=\"7\"/></w:r>"
        "<w:r><w:t>text</w:t></w:r><w:commentRangeEnd w:id=\"99\"/></w:p>"));
    ASSERT_TRUE(result.ok()) << result.error.message;
    EXPECT_TRUE(result.package->comments.empty());
    EXPECT_EQ(result.package->dropped.at("references to missing notes"), 1u);
}

// Word's labels are a few characters and its lists start at small numbers;
// the label is written before every numbered paragraph, so a long lvlText
// or an absurd start would turn a few kilobytes of numbering.xml into a
// text of hundreds of megabytes (a tester's 13 KB document made 132 MB).
TEST(DocxHostile, NumberingLabelsAndStartsBeyondWordsAreRefused) {
    const auto with_level = [](const std::string& level, const std::string& num_extra = "") {
        test::DocxParts parts;
        parts.body =
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
            "<w:r><w:t>Decides</w:t></w:r></w:p>";
        parts.numbering = "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\">" + level +
                          "</w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId "
                          "w:val=\"0\"/>" +
                          num_extra + "</w:num>";
        return test::build_docx(parts);
    };
    const auto text = [](const std::string& label) {
        return "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"" + label + "\"/>";
    };
    std::string long_label;
    for (int i = 0; i < 3000; ++i) long_label += "%1.";
    expect_error(read(with_level("<w:start w:val=\"1\"/>" + text(long_label))),
                 docx::ReadErrorKind::too_large,
                 "in.docx: word/numbering.xml: level 1 of list definition (w:abstractNum) 0 "
                 "writes a label (w:lvlText) of 9000 characters, more than the 64 accord reads");
    expect_error(read(with_level("<w:start w:val=\"1000000000\"/>" + text("%1."))),
                 docx::ReadErrorKind::too_large,
                 "level 1 of list definition (w:abstractNum) 0 starts at 1000000000, past the "
                 "1000000 accord reads; Word's lists have short labels");
    expect_error(read(with_level(text("%1."),
                                 "<w:lvlOverride w:ilvl=\"0\"><w:startOverride "
                                 "w:val=\"4294967295\"/></w:lvlOverride>")),
                 docx::ReadErrorKind::too_large, "level 1 of list (w:num) 1 starts at 4294967295");
    // At the limits: read, and labelled as written.
    const std::string longest = "Article %1 of the Agreement, as adopted at the session, para. %1";
    ASSERT_EQ(longest.size(), docx::kMaxLevelTextChars);
    const docx::ReadResult read_back =
        read(with_level("<w:start w:val=\"1000000\"/>" + text(longest)));
    ASSERT_TRUE(read_back.ok()) << read_back.error.message;
    docx::NumberingCounter numbers(read_back.package->numbering);
    EXPECT_EQ(numbers.next(read_back.package->body.paragraphs[0].numbering),
              "Article 1000000 of the Agreement, as adopted at the session, para. 1000000");
}

TEST(DocxHostile, ALargeDocumentIsRead) {
    // About 25 MB of document.xml; its memory is measured by hand (see the
    // report), never timed here.
    std::string body;
    body.reserve(26u << 20);
    for (int i = 0; body.size() < (25u << 20); ++i) {
        body +=
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
            "<w:r><w:rPr><w:i/></w:rPr><w:t>Decides</w:t></w:r><w:r><w:t xml:space=\"preserve\">"
            " that paragraph " +
            std::to_string(i) + " stands [as agreed] by " + std::to_string(i * 7919 % 104729) +
            " delegations</w:t></w:r></w:p>";
    }
    const std::size_t paragraphs =
        static_cast<std::size_t>(std::count(body.begin(), body.end(), 'D'));
    const docx::ReadResult result = read(document_with(body));
    ASSERT_TRUE(result.ok()) << result.error.message;
    EXPECT_EQ(result.package->body.paragraphs.size(), paragraphs);
}

}  // namespace
}  // namespace accord
