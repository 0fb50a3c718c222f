#pragma once
// Minimal Word documents built in tests: each part's XML is written out (the
// body's paragraphs, comments, notes, numbering, styles) and zipped with the
// project's own writer, so every test shows the OOXML it reads.
#include <string>
#include <utility>
#include <vector>

namespace accord::test {

// Namespace declarations for a WordprocessingML part's root element.
extern const char* const kWordNamespaces;

struct DocxParts {
    std::string body;               // inside <w:body>
    std::string comments;           // inside <w:comments>; no part when empty
    std::string comments_extended;  // inside <w15:commentsEx>
    std::string footnotes;          // inside <w:footnotes>
    std::string endnotes;           // inside <w:endnotes>
    std::string header;             // inside <w:hdr> (word/header1.xml)
    std::string numbering;          // inside <w:numbering>
    std::string styles;             // inside <w:styles>
    std::string core;               // inside <cp:coreProperties>
    // Parts written as they are, after the ones above (a test that writes its
    // own word/document.xml sets omit_document).
    std::vector<std::pair<std::string, std::string>> raw;
    bool omit_document = false;
};

// The package's bytes.
std::string build_docx(const DocxParts& parts);

// A paragraph of one plain run: <w:p><w:r><w:t>text</w:t></w:r></w:p>.
std::string paragraph(const std::string& text);

}  // namespace accord::test
