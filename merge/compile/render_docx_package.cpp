#include "merge/compile/render_docx_package.hpp"

#include <map>

#include "core/util/errors.hpp"
#include "core/util/utf8.hpp"
#include "core/util/zip_archive.hpp"

namespace accord {

namespace {

using docx::kNoIndex;

constexpr const char* kMainNamespace =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kRelationshipNamespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Character data and attribute values: entities for markup, a character
// reference for a carriage return (which XML would otherwise turn into a
// newline), U+FFFD for what XML cannot hold.
void append_escaped(std::string& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            switch (c) {
                case '&':
                    out += "&amp;";
                    break;
                case '<':
                    out += "&lt;";
                    break;
                case '>':
                    out += "&gt;";
                    break;
                case '"':
                    out += "&quot;";
                    break;
                case '\r':
                    out += "&#13;";
                    break;
                case '\t':
                case '\n':
                    out += static_cast<char>(c);
                    break;
                default:
                    if (c < 0x20 || c == 0x7F)
                        out += "\xEF\xBF\xBD";
                    else
                        out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        const std::size_t length = utf8::sequence_length(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        // U+FFFE and U+FFFF are no XML characters either (Word refuses the file).
        if (length == 3 && c == 0xEF && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
            static_cast<unsigned char>(text[i + 2]) >= 0xBE) {
            out += "\xEF\xBF\xBD";
            i += length;
            continue;
        }
        out.append(text, i, length);
        i += length;
    }
}

std::string escaped(std::string_view text) {
    std::string out;
    append_escaped(out, text);
    return out;
}

// Whether the paragraph's first letter that has a direction of its own is
// Arabic or Hebrew: Word then lays the paragraph out right to left (its
// w:bidi), as the Arabic text of a UN document is set; without it Word puts
// the numbers and brackets of an Arabic paragraph at the wrong end.
bool right_to_left(const docx::Paragraph& p) {
    for (const docx::Run& run : p.runs) {
        const std::string_view text = run.text;
        for (std::size_t at = 0; at < text.size();) {
            const auto c = static_cast<unsigned char>(text[at]);
            if (c < 0x80) {
                if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return false;
                ++at;
                continue;
            }
            const std::size_t length = utf8::sequence_length(text, at);
            if (length == 0) {
                ++at;
                continue;
            }
            char32_t code = static_cast<unsigned char>(text[at]) & (0x7F >> length);
            for (std::size_t k = 1; k < length; ++k)
                code = (code << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3F);
            if ((code >= 0x0590 && code <= 0x08FF) || (code >= 0xFB1D && code <= 0xFDFF) ||
                (code >= 0xFE70 && code <= 0xFEFF))
                return true;
            // A Latin, Greek or Cyrillic letter, or a Chinese or Japanese one.
            if ((code >= 0x00C0 && code <= 0x058F) || (code >= 0x3040 && code <= 0x9FFF))
                return false;
            at += length;
        }
    }
    return false;
}

class DocumentWriter {
  public:
    explicit DocumentWriter(const docx::Package& package) : package_(package) {}

    std::string body() {
        const docx::Story& story = package_.body;
        // Where each bookmark and comment opens and closes, by paragraph and run.
        for (std::uint32_t b = 0; b < package_.bookmarks.size(); ++b) {
            const docx::Bookmark& bookmark = package_.bookmarks[b];
            const std::string start = "<w:bookmarkStart w:id=\"" + std::to_string(b) +
                                      "\" w:name=\"" + escaped(bookmark.name) + "\"/>";
            const std::string end = "<w:bookmarkEnd w:id=\"" + std::to_string(b) + "\"/>";
            // An empty bookmark (an empty text's one empty paragraph) opens
            // and closes at one place: written in that order, as a pair.
            if (key(bookmark.start) == key(bookmark.end)) {
                opens_[key(bookmark.start)] += start + end;
            } else {
                opens_[key(bookmark.start)] += start;
                closes_[key(bookmark.end)] += end;
            }
        }
        for (std::uint32_t c = 0; c < package_.comments.size(); ++c) {
            const docx::Comment& comment = package_.comments[c];
            if (!comment.has_range || comment.start.story != 0) continue;
            const std::string id = std::to_string(c);
            opens_[key(comment.start)] += "<w:commentRangeStart w:id=\"" + id + "\"/>";
            closes_[key(comment.end)] +=
                "<w:commentRangeEnd w:id=\"" + id +
                "\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr>"
                "<w:commentReference w:id=\"" +
                id + "\"/></w:r>";
        }
        std::string out;
        out.reserve(1 << 16);
        out +=
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"";
        out += kMainNamespace;
        out += "\" xmlns:r=\"";
        out += kRelationshipNamespace;
        out += "\"><w:body>";
        for (std::uint32_t p = 0; p < story.paragraphs.size(); ++p)
            paragraph(out, p, story.paragraphs[p]);
        out +=
            "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1417\" "
            "w:right=\"1417\" w:bottom=\"1417\" w:left=\"1417\" w:header=\"708\" "
            "w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
        return out;
    }

  private:
    static std::uint64_t key(const docx::Position& at) {
        return (static_cast<std::uint64_t>(at.paragraph) << 32) | at.run;
    }

    std::string change_attributes(std::uint32_t revision) {
        const docx::Revision& r = package_.revisions[revision];
        std::string out = " w:id=\"" + std::to_string(next_id_++) + "\" w:author=\"" +
                          escaped(r.author.empty() ? "accord" : r.author) + "\"";
        if (!r.date.empty()) out += " w:date=\"" + escaped(r.date) + "\"";
        return out;
    }

    void marks_at(std::string& out, std::uint32_t paragraph, std::uint32_t run) {
        const std::uint64_t k = (static_cast<std::uint64_t>(paragraph) << 32) | run;
        if (auto it = closes_.find(k); it != closes_.end()) out += it->second;
        if (auto it = opens_.find(k); it != opens_.end()) out += it->second;
    }

    void paragraph(std::string& out, std::uint32_t index, const docx::Paragraph& p) {
        out += "<w:p>";
        std::string properties;
        if (p.heading > 0) {
            properties +=
                "<w:pStyle w:val=\"Heading" + std::to_string(std::min(p.heading, 6u)) + "\"/>";
        } else if (!p.style.empty()) {
            properties += "<w:pStyle w:val=\"" + escaped(p.style) + "\"/>";
        }
        if (right_to_left(p)) properties += "<w:bidi/>";
        if (p.mark_inserted != kNoIndex || p.mark_deleted != kNoIndex) {
            properties += "<w:rPr>";
            if (p.mark_inserted != kNoIndex)
                properties += "<w:ins" + change_attributes(p.mark_inserted) + "/>";
            if (p.mark_deleted != kNoIndex)
                properties += "<w:del" + change_attributes(p.mark_deleted) + "/>";
            properties += "</w:rPr>";
        }
        if (!properties.empty()) out += "<w:pPr>" + properties + "</w:pPr>";
        std::uint32_t open_insertion = kNoIndex, open_deletion = kNoIndex;
        auto close_changes = [&] {
            if (open_deletion != kNoIndex) out += "</w:del>";
            if (open_insertion != kNoIndex) out += "</w:ins>";
            open_insertion = open_deletion = kNoIndex;
        };
        for (std::uint32_t r = 0; r < p.runs.size(); ++r) {
            const docx::Run& run = p.runs[r];
            const std::uint64_t k = (static_cast<std::uint64_t>(index) << 32) | r;
            if (closes_.count(k) || opens_.count(k) || run.inserted != open_insertion ||
                run.deleted != open_deletion) {
                close_changes();
                marks_at(out, index, r);
            }
            if (run.inserted != open_insertion) {
                open_insertion = run.inserted;
                if (run.inserted != kNoIndex)
                    out += "<w:ins" + change_attributes(run.inserted) + ">";
            }
            if (run.deleted != open_deletion) {
                open_deletion = run.deleted;
                if (run.deleted != kNoIndex) out += "<w:del" + change_attributes(run.deleted) + ">";
            }
            write_run(out, run);
        }
        close_changes();
        marks_at(out, index, static_cast<std::uint32_t>(p.runs.size()));
        out += "</w:p>";
    }

    // A format's run properties, without the w:rPr around them.
    static std::string format_properties(const docx::Format& f) {
        std::string out;
        if (f.bold) out += "<w:b/>";
        if (f.italic) out += "<w:i/>";
        if (f.strike) out += "<w:strike/>";
        if (f.baseline == docx::Baseline::superscript)
            out += "<w:vertAlign w:val=\"superscript\"/>";
        if (f.baseline == docx::Baseline::subscript) out += "<w:vertAlign w:val=\"subscript\"/>";
        return out;
    }

    void write_run(std::string& out, const docx::Run& run) {
        out += "<w:r>";
        std::string properties = format_properties(run.format);
        // A tracked change of format comes last in the run's properties.
        if (run.reformatted != kNoIndex)
            properties += "<w:rPrChange" + change_attributes(run.reformatted) + "><w:rPr>" +
                          format_properties(run.format_before) + "</w:rPr></w:rPrChange>";
        if (!properties.empty()) out += "<w:rPr>" + properties + "</w:rPr>";
        const bool deleted = run.deleted != kNoIndex;
        switch (run.kind) {
            case docx::RunKind::line_break:
                out += "<w:br/>";
                break;
            case docx::RunKind::note_reference:
                break;
            case docx::RunKind::text: {
                const char* open =
                    deleted ? "<w:delText xml:space=\"preserve\">" : "<w:t xml:space=\"preserve\">";
                const char* close = deleted ? "</w:delText>" : "</w:t>";
                std::size_t at = 0;
                while (at <= run.text.size()) {
                    std::size_t tab = run.text.find('\t', at);
                    if (tab == std::string::npos) tab = run.text.size();
                    if (tab > at) {
                        out += open;
                        append_escaped(out, std::string_view(run.text).substr(at, tab - at));
                        out += close;
                    }
                    if (tab < run.text.size()) out += "<w:tab/>";
                    at = tab + 1;
                }
                break;
            }
        }
        out += "</w:r>";
    }

    const docx::Package& package_;
    std::map<std::uint64_t, std::string> opens_, closes_;
    std::uint32_t next_id_ = 1000;
};

std::string comments_part(const docx::Package& package) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"";
    out += kMainNamespace;
    out += "\">";
    for (std::uint32_t c = 0; c < package.comments.size(); ++c) {
        const docx::Comment& comment = package.comments[c];
        out += "<w:comment w:id=\"" + std::to_string(c) + "\" w:author=\"" +
               escaped(comment.author) + "\"";
        if (!comment.date.empty()) out += " w:date=\"" + escaped(comment.date) + "\"";
        if (!comment.initials.empty()) out += " w:initials=\"" + escaped(comment.initials) + "\"";
        out += ">";
        std::size_t at = 0;
        bool first = true;
        while (at <= comment.text.size()) {
            std::size_t end = comment.text.find('\n', at);
            if (end == std::string::npos) end = comment.text.size();
            out += "<w:p><w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr>";
            if (first)
                out +=
                    "<w:r><w:rPr><w:rStyle "
                    "w:val=\"CommentReference\"/></w:rPr><w:annotationRef/></w:r>";
            first = false;
            out += "<w:r><w:t xml:space=\"preserve\">";
            append_escaped(out, std::string_view(comment.text).substr(at, end - at));
            out += "</w:t></w:r></w:p>";
            at = end + 1;
        }
        out += "</w:comment>";
    }
    out += "</w:comments>";
    return out;
}

std::string styles_part() {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"";
    out += kMainNamespace;
    out +=
        "\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
        "w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:eastAsia=\"Times New Roman\"/>"
        "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>"
        "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr>"
        "</w:pPrDefault></w:docDefaults>"
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
        "w:val=\"Normal\"/>"
        "<w:qFormat/></w:style>"
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
        "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority "
        "w:val=\"1\"/><w:semiHidden/></w:style>";
    static constexpr int kSizes[6] = {32, 28, 26, 24, 24, 24};
    for (int level = 1; level <= 6; ++level) {
        const std::string n = std::to_string(level);
        out +=
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading" + n +
            "\"><w:name w:val=\"heading " + n +
            "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/>"
            "<w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>"
            "<w:outlineLvl w:val=\"" +
            std::to_string(level - 1) +
            "\"/></w:pPr><w:rPr><w:b/>"
            "<w:sz w:val=\"" +
            std::to_string(kSizes[level - 1]) + "\"/></w:rPr></w:style>";
    }
    out +=
        "<w:style w:type=\"paragraph\" w:styleId=\"CommentText\"><w:name w:val=\"annotation "
        "text\"/>"
        "<w:basedOn w:val=\"Normal\"/><w:rPr><w:sz w:val=\"20\"/></w:rPr></w:style>"
        "<w:style w:type=\"character\" w:styleId=\"CommentReference\"><w:name w:val=\"annotation "
        "reference\"/><w:rPr><w:sz w:val=\"16\"/></w:rPr></w:style></w:styles>";
    return out;
}

std::string core_part(const docx::Properties& properties) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
    if (!properties.title.empty()) out += "<dc:title>" + escaped(properties.title) + "</dc:title>";
    if (!properties.creator.empty())
        out += "<dc:creator>" + escaped(properties.creator) + "</dc:creator>";
    if (!properties.last_modified_by.empty())
        out +=
            "<cp:lastModifiedBy>" + escaped(properties.last_modified_by) + "</cp:lastModifiedBy>";
    if (!properties.created.empty())
        out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + escaped(properties.created) +
               "</dcterms:created>";
    if (!properties.modified.empty())
        out += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + escaped(properties.modified) +
               "</dcterms:modified>";
    out += "</cp:coreProperties>";
    return out;
}

std::string custom_part(const docx::Properties& properties) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties "
        "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
        "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">";
    int pid = 2;  // Word numbers them from 2
    for (const auto& [name, value] : properties.custom) {
        out += "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"" +
               std::to_string(pid++) + "\" name=\"" + escaped(name) + "\"><vt:lpwstr>" +
               escaped(value) + "</vt:lpwstr></property>";
    }
    out += "</Properties>";
    return out;
}

}  // namespace

std::string write_docx_package(const docx::Package& package) {
    const bool comments = !package.comments.empty();
    const bool custom = !package.properties.custom.empty();
    std::string types =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" "
        "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" "
        "ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        "<Override PartName=\"/word/styles.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/"
        ">"
        "<Override PartName=\"/word/settings.xml\" "
        "ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
        "<Override PartName=\"/docProps/core.xml\" "
        "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>";
    if (comments)
        types +=
            "<Override PartName=\"/word/comments.xml\" "
            "ContentType=\"application/"
            "vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>";
    if (custom)
        types +=
            "<Override PartName=\"/docProps/custom.xml\" "
            "ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>";
    types += "</Types>";

    std::string root_rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" "
        "Target=\"word/document.xml\"/>"
        "<Relationship Id=\"rId2\" "
        "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
        "core-properties\" "
        "Target=\"docProps/core.xml\"/>";
    if (custom)
        root_rels +=
            "<Relationship Id=\"rId3\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "custom-properties\" Target=\"docProps/custom.xml\"/>";
    root_rels += "</Relationships>";

    std::string document_rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
        "Target=\"styles.xml\"/>"
        "<Relationship Id=\"rId2\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
        "Target=\"settings.xml\"/>";
    if (comments)
        document_rels +=
            "<Relationship Id=\"rId3\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "comments\" Target=\"comments.xml\"/>";
    document_rels += "</Relationships>";

    const std::string settings =
        std::string(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings "
            "xmlns:w=\"") +
        kMainNamespace +
        "\"><w:defaultTabStop w:val=\"720\"/><w:compat><w:compatSetting "
        "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
        "w:val=\"15\"/></w:compat></w:settings>";

    zip::Writer writer;
    writer.add("[Content_Types].xml", std::move(types));
    writer.add("_rels/.rels", std::move(root_rels));
    writer.add("word/document.xml", DocumentWriter(package).body());
    writer.add("word/_rels/document.xml.rels", std::move(document_rels));
    writer.add("word/styles.xml", styles_part());
    writer.add("word/settings.xml", settings);
    if (comments) writer.add("word/comments.xml", comments_part(package));
    writer.add("docProps/core.xml", core_part(package.properties));
    if (custom) writer.add("docProps/custom.xml", custom_part(package.properties));
    zip::Writer::Result result = writer.finish();
    if (result.error) throw failure("cannot write the Word document: " + result.error.message);
    return std::move(result.bytes);
}

}  // namespace accord
