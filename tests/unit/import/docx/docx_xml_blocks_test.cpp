// core/import/docx/xml_blocks: the body's top-level elements found without a
// tree, or a refusal to guess that sends the part to the whole-tree parser.
#include "core/import/docx/xml_blocks.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

std::vector<std::string> blocks(std::string_view xml) {
    const std::optional<docx::BodyScan> scan = docx::scan_body(xml);
    if (!scan) return {"(whole)"};
    if (scan->doctype) return {"(doctype)"};
    std::vector<std::string> out;
    for (const docx::XmlSpan& span : scan->blocks)
        out.emplace_back(xml.substr(span.begin, span.end - span.begin));
    return out;
}

using Blocks = std::vector<std::string>;

TEST(DocxXmlBlocks, FindsTheBodysChildren) {
    EXPECT_EQ(blocks("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c --><w:document a=\"x>y\">"
                     "<w:background/><w:body>\n<w:p><w:r><w:t>a &lt; b</w:t></w:r></w:p>"
                     "<w:bookmarkEnd w:id=\"1\"/><!-- note --><w:tbl><w:tr><w:tc><w:p/></w:tc>"
                     "</w:tr></w:tbl><w:p><w:r><w:t><![CDATA[</w:p>]]></w:t></w:r></w:p>"
                     "<w:sectPr/></w:body></w:document>"),
              (Blocks{"<w:p><w:r><w:t>a &lt; b</w:t></w:r></w:p>", "<w:bookmarkEnd w:id=\"1\"/>",
                      "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>",
                      "<w:p><w:r><w:t><![CDATA[</w:p>]]></w:t></w:r></w:p>", "<w:sectPr/>"}));
    EXPECT_EQ(blocks("<document><body/></document>"), Blocks{});
    EXPECT_EQ(blocks("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"b\">]><document/>"),
              Blocks{"(doctype)"});
}

TEST(DocxXmlBlocks, GivesUpOnAnythingUnexpected) {
    for (const char* xml : {
             "",
             "<html><body><p/></body></html>",                    // not a Word document
             "<document><body><p>text</body></document>",         // an element never closed
             "<document><body>loose text<p/></body></document>",  // text between elements
             "<document><body><p/></document>",                   // the body never closed
             "<document><body><p/></other></document>",           // closed by another end tag
             "<document><body><!DOCTYPE x><p/></body></document>",
             "<document><body><p a=\"1></p></body></document>",  // a quote never closed
             "\xFF\xFE<\0d\0",                                   // UTF-16
         }) {
        EXPECT_EQ(blocks(xml), Blocks{"(whole)"}) << xml;
    }
}

}  // namespace
}  // namespace accord
