#include "support/docx_samples.hpp"

namespace accord::test {

namespace {

std::string run(const std::string& text, const std::string& properties = "") {
    return "<w:r>" + (properties.empty() ? "" : "<w:rPr>" + properties + "</w:rPr>") +
           "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

std::string numbered(int level, const std::string& content) {
    return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(level) +
           "\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>" + content + "</w:p>";
}

}  // namespace

DocxParts sample_docx_parts() {
    DocxParts parts;
    parts.styles =
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
        "w:val=\"Normal\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
        "<w:basedOn w:val=\"Normal\"/><w:rPr><w:b/></w:rPr></w:style>"
        "<w:style w:type=\"character\" w:styleId=\"Strong\"><w:name "
        "w:val=\"Strong\"/><w:rPr><w:b/></w:rPr></w:style>";
    parts.numbering =
        "<w:abstractNum w:abstractNumId=\"0\">"
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText "
        "w:val=\"%1.\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText "
        "w:val=\"(%2)\"/></w:lvl>"
        "</w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
    parts.body =
        // 0: a heading, comment 3 anchored on its letter "p"
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" + run("Sco") +
        "<w:commentRangeStart w:id=\"3\"/>" + run("p") + "<w:commentRangeEnd w:id=\"3\"/>" +
        run("e") + "<w:r><w:commentReference w:id=\"3\"/></w:r></w:p>" +
        // 1: "1." with italic, an insertion, a deletion, comment 1 and its reply 2
        numbered(0, run("Decides", "<w:i/>") + run(" that ") +
                        "<w:commentRangeStart w:id=\"1\"/><w:commentRangeStart w:id=\"2\"/>" +
                        run("authorized") +
                        "<w:commentRangeEnd w:id=\"1\"/><w:commentRangeEnd w:id=\"2\"/>" +
                        "<w:r><w:commentReference w:id=\"1\"/></w:r>" + run(" outcomes ") +
                        "<w:ins w:id=\"10\" w:author=\"Alice\" w:date=\"2024-11-18T10:00:00Z\">" +
                        run("[shall]") + "</w:ins>" +
                        "<w:del w:id=\"11\" w:author=\"Bob\" w:date=\"2024-11-17T09:00:00Z\">"
                        "<w:r><w:delText xml:space=\"preserve\">may</w:delText></w:r></w:del>" +
                        run(" be used") + "<w:r><w:footnoteReference w:id=\"1\"/></w:r>" +
                        run(";")) +
        // 2: "(a)" with bold by character style, comments 4 and 5 on one anchor, 6 inside
        numbered(1, "<w:commentRangeStart w:id=\"4\"/><w:commentRangeStart w:id=\"5\"/>" +
                        run("Strong", "<w:rStyle w:val=\"Strong\"/>") + run(" and ") +
                        "<w:commentRangeStart w:id=\"6\"/>" + run("plain") +
                        "<w:commentRangeEnd w:id=\"6\"/>" + run(" words") +
                        "<w:commentRangeEnd w:id=\"4\"/><w:commentRangeEnd w:id=\"5\"/>") +
        // 3: "(b)" whose paragraph break Bob deleted: it joins the next
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr><w:rPr>"
        "<w:del w:id=\"12\" w:author=\"Bob\" w:date=\"2024-11-17T09:05:00Z\"/></w:rPr></w:pPr>" +
        run("first half") + "</w:p>" + "<w:p>" + run(" second half, a line") +
        "<w:r><w:br/></w:r>" + run("break and a ") + "<w:hyperlink r:id=\"rIdLink\">" +
        run("link") + "</w:hyperlink>" + run(" (field ") +
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE "
        "</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" +
        run("7") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" + run(")") +
        "<w:r><w:drawing/></w:r></w:p>" +
        // 5: words moved by Alice
        "<w:p>" + run("Moved ") +
        "<w:moveFrom w:id=\"13\" w:author=\"Alice\" w:date=\"2024-11-18T11:00:00Z\">" +
        run("early ") + "</w:moveFrom>" + run("words ") +
        "<w:moveTo w:id=\"14\" w:author=\"Alice\" w:date=\"2024-11-18T11:00:00Z\">" + run("early") +
        "</w:moveTo>" + run(" ~~ *") + "</w:p>" +
        // a table: a header spanning two columns, then two cells
        "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" + paragraph("Head | er") +
        "</w:tc></w:tr><w:tr><w:tc>" + paragraph("a") + paragraph("b") + "</w:tc><w:tc>" +
        paragraph("c") + "</w:tc></w:tr></w:tbl>";
    parts.footnotes =
        "<w:footnote w:type=\"separator\" "
        "w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
        "<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:tab/></w:r>" +
        run("See decision 2/CMA.3.") + "</w:p></w:footnote>";
    parts.comments =
        "<w:comment w:id=\"1\" w:author=\"Staff One\" w:date=\"2024-11-18T20:49:00Z\" "
        "w:initials=\"SO\">"
        "<w:p w14:paraId=\"0000000A\"><w:r><w:annotationRef/></w:r>" +
        run("US: Delete “authorized”") +
        "</w:p></w:comment>"
        "<w:comment w:id=\"2\" w:author=\"Staff Two\" w:date=\"2024-11-19T08:00:00Z\" "
        "w:initials=\"ST\">"
        "<w:p w14:paraId=\"0000000B\">" +
        run("Japan") +
        "<w:r><w:cr/><w:t>agrees</w:t></w:r></w:p></w:comment>"
        "<w:comment w:id=\"3\" w:author=\"Staff One\" w:date=\"2024-11-18T21:00:00Z\">"
        "<w:p w14:paraId=\"0000000C\">" +
        run("LMDC: Delete whole section") +
        "</w:p></w:comment>"
        "<w:comment w:id=\"4\" w:author=\"Staff One\" w:date=\"2024-11-18T21:01:00Z\">"
        "<w:p w14:paraId=\"0000000D\">" +
        run("EU ok") +
        "</w:p>"
        "<w:p w14:paraId=\"0000000E\">" +
        run("CAN, UK delete") +
        "</w:p></w:comment>"
        "<w:comment w:id=\"5\" w:author=\"Staff One\" w:date=\"2024-11-18T21:02:00Z\">"
        "<w:p w14:paraId=\"0000000F\">" +
        run("Norway: against") +
        "</w:p></w:comment>"
        "<w:comment w:id=\"6\" w:author=\"Staff One\" w:date=\"2024-11-18T21:03:00Z\">"
        "<w:p w14:paraId=\"00000010\">" +
        run("Brazil: replace “plain” with “simple”") + "</w:p></w:comment>";
    parts.comments_extended =
        "<w15:commentEx w15:paraId=\"0000000A\" w15:done=\"0\"/>"
        "<w15:commentEx w15:paraId=\"0000000B\" w15:paraIdParent=\"0000000A\" w15:done=\"0\"/>"
        "<w15:commentEx w15:paraId=\"0000000C\" w15:done=\"1\"/>";
    parts.core =
        "<dc:title>Sample</dc:title><dc:creator>Author A</dc:creator>"
        "<cp:lastModifiedBy>Editor B</cp:lastModifiedBy>"
        "<dcterms:created>2024-11-17T23:01:00Z</dcterms:created>";
    return parts;
}

}  // namespace accord::test
