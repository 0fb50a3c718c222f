#include "support/docx_builder.hpp"

#include <stdexcept>

#include "core/util/zip_archive.hpp"

namespace accord::test {

const char* const kWordNamespaces =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
    "xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/wordml\"";

namespace {

std::string part(const std::string& root, const std::string& inner) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<" + root + " " +
           kWordNamespaces + ">" + inner + "</" + root.substr(0, root.find(' ')) + ">";
}

}  // namespace

std::string paragraph(const std::string& text) {
    return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

std::string build_docx(const DocxParts& parts) {
    const std::string relationship =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    std::string document_rels;
    std::vector<std::pair<std::string, std::string>> entries;
    auto add = [&](const std::string& name, const std::string& type, const std::string& root,
                   const std::string& inner) {
        if (inner.empty()) return;
        entries.emplace_back("word/" + name, part(root, inner));
        document_rels += "<Relationship Id=\"r" + std::to_string(entries.size()) + "\" Type=\"" +
                         type + "\" Target=\"" + name + "\"/>";
    };
    add("styles.xml", relationship + "styles", "w:styles", parts.styles);
    add("numbering.xml", relationship + "numbering", "w:numbering", parts.numbering);
    add("comments.xml", relationship + "comments", "w:comments", parts.comments);
    add("commentsExtended.xml",
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended", "w15:commentsEx",
        parts.comments_extended);
    add("footnotes.xml", relationship + "footnotes", "w:footnotes", parts.footnotes);
    add("endnotes.xml", relationship + "endnotes", "w:endnotes", parts.endnotes);
    add("header1.xml", relationship + "header", "w:hdr", parts.header);

    zip::Writer writer;
    writer.add("[Content_Types].xml",
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
               "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
               "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
    writer.add("_rels/.rels",
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
               "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
               "<Relationship Id=\"rId1\" Type=\"" +
                   relationship +
                   "officeDocument\" "
                   "Target=\"word/document.xml\"/><Relationship Id=\"rId2\" "
                   "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                   "core-properties\" Target=\"docProps/core.xml\"/></Relationships>");
    if (!parts.omit_document) {
        writer.add("word/document.xml", part("w:document", "<w:body>" + parts.body + "</w:body>"));
    }
    writer.add("word/_rels/document.xml.rels",
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
               "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                   document_rels + "</Relationships>");
    for (auto& [name, bytes] : entries) writer.add(name, bytes);
    if (!parts.core.empty()) {
        writer.add("docProps/core.xml",
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties "
                   "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                   "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                   "xmlns:dcterms=\"http://purl.org/dc/terms/\">" +
                       parts.core + "</cp:coreProperties>");
    }
    for (const auto& [name, bytes] : parts.raw) writer.add(name, bytes);
    zip::Writer::Result result = writer.finish();
    if (result.error) throw std::runtime_error(result.error.message);
    return result.bytes;
}

}  // namespace accord::test
