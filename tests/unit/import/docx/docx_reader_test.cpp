// core/import/docx: a Word package read into the model, checked on a small
// document whose every part the test writes out.
#include "core/import/docx/docx_reader.hpp"

#include <gtest/gtest.h>

#include "support/docx_samples.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

using docx::kNoIndex;

docx::Package read_sample() {
    docx::ReadResult result =
        docx::read_docx_bytes(test::build_docx(test::sample_docx_parts()), "sample.docx");
    EXPECT_TRUE(result.ok()) << result.error.message;
    return result.ok() ? std::move(*result.package) : docx::Package{};
}

std::string text_of(const docx::Paragraph& paragraph) {
    std::string text;
    for (const docx::Run& run : paragraph.runs) text += run.text;
    return text;
}

const docx::Comment& comment(const docx::Package& package, const std::string& id) {
    for (const docx::Comment& c : package.comments) {
        if (c.word_id == id) return c;
    }
    throw std::runtime_error("no comment " + id);
}

TEST(DocxReader, ParagraphsHeadingsNumberingAndFormatting) {
    const docx::Package package = read_sample();
    const docx::Story& body = package.body;
    ASSERT_EQ(body.paragraphs.size(), 10u);  // 6 in the text, 4 in the table's cells
    EXPECT_EQ(text_of(body.paragraphs[0]), "Scope");
    EXPECT_EQ(body.paragraphs[0].heading, 1u) << "style named \"heading 1\"";
    EXPECT_EQ(body.paragraphs[1].numbering.num_id, 1u);
    EXPECT_EQ(body.paragraphs[1].numbering.level, 0u);
    EXPECT_EQ(body.paragraphs[2].numbering.level, 1u);
    EXPECT_FALSE(body.paragraphs[4].numbering.numbered());

    const docx::Run& decides = body.paragraphs[1].runs[0];
    EXPECT_EQ(decides.text, "Decides");
    EXPECT_TRUE(decides.format.italic);
    EXPECT_FALSE(decides.format.bold);
    EXPECT_TRUE(body.paragraphs[2].runs[0].format.bold) << "bold through its character style";
    EXPECT_FALSE(body.paragraphs[2].runs[1].format.bold);
    EXPECT_TRUE(body.paragraphs[0].runs[0].format.bold) << "bold through the paragraph style";

    // A line break is a run of its own; a field's result stays, its code goes.
    const docx::Paragraph& fourth = body.paragraphs[4];
    EXPECT_EQ(fourth.runs[1].kind, docx::RunKind::line_break);
    EXPECT_EQ(text_of(fourth), " second half, a linebreak and a link (field 7)");
    EXPECT_EQ(package.dropped.at("field codes"), 1u);
    EXPECT_EQ(package.dropped.at("images, drawings and text boxes"), 1u);
    EXPECT_EQ(docx::describe_dropped(package),
              "1 field codes, 1 images, drawings and text boxes, 1 link targets");
}

TEST(DocxReader, TrackedChangesKeepAuthorDateAndKind) {
    const docx::Package package = read_sample();
    ASSERT_EQ(package.revisions.size(), 5u);
    const auto& r = package.revisions;
    EXPECT_EQ(r[0].kind, docx::RevisionKind::insertion);
    EXPECT_EQ(r[0].author, "Alice");
    EXPECT_EQ(r[0].date, "2024-11-18T10:00:00Z");
    EXPECT_EQ(r[1].kind, docx::RevisionKind::deletion);
    EXPECT_EQ(r[1].author, "Bob");
    EXPECT_EQ(r[2].kind, docx::RevisionKind::deletion);
    EXPECT_TRUE(r[2].paragraph_mark);
    EXPECT_EQ(r[3].kind, docx::RevisionKind::move_from);
    EXPECT_EQ(r[4].kind, docx::RevisionKind::move_to);
    for (const docx::Revision& revision : r) EXPECT_EQ(revision.story, 0u);

    const docx::Paragraph& first = package.body.paragraphs[1];
    std::string inserted, deleted;
    for (const docx::Run& run : first.runs) {
        if (run.inserted == 0) inserted += run.text;
        if (run.deleted == 1) deleted += run.text;
    }
    EXPECT_EQ(inserted, "[shall]");
    EXPECT_EQ(deleted, "may") << "w:delText is read";
    EXPECT_EQ(package.body.paragraphs[3].mark_deleted, 2u);
    EXPECT_EQ(package.body.paragraphs[3].mark_inserted, kNoIndex);
}

TEST(DocxReader, NotesTablesAndProperties) {
    const docx::Package package = read_sample();
    ASSERT_EQ(package.notes.size(), 1u) << "the separator is not a note";
    EXPECT_EQ(package.notes[0].kind, docx::NoteKind::footnote);
    EXPECT_EQ(text_of(package.notes[0].story.paragraphs[0]), "\tSee decision 2/CMA.3.");
    bool referenced = false;
    for (const docx::Run& run : package.body.paragraphs[1].runs)
        referenced = referenced || (run.kind == docx::RunKind::note_reference && run.note == 0);
    EXPECT_TRUE(referenced);

    ASSERT_EQ(package.body.tables.size(), 1u);
    const docx::Table& table = package.body.tables[0];
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].cells[0].span, 2u);
    EXPECT_EQ(table.rows[1].cells[0].paragraphs.size(), 2u);
    EXPECT_TRUE(package.body.paragraphs[table.rows[1].cells[1].paragraphs[0]].in_table);

    EXPECT_EQ(package.properties.title, "Sample");
    EXPECT_EQ(package.properties.creator, "Author A");
    EXPECT_EQ(package.properties.last_modified_by, "Editor B");
    EXPECT_EQ(package.properties.created, "2024-11-17T23:01:00Z");
}

TEST(DocxReader, CommentsKeepAnchorsThreadsAndText) {
    const docx::Package package = read_sample();
    ASSERT_EQ(package.comments.size(), 6u);
    const docx::Comment& first = comment(package, "1");
    EXPECT_EQ(first.author, "Staff One");
    EXPECT_EQ(first.initials, "SO");
    EXPECT_EQ(first.date, "2024-11-18T20:49:00Z");
    EXPECT_EQ(first.text, "US: Delete “authorized”") << "the annotation mark is not text";
    ASSERT_TRUE(first.has_range);
    EXPECT_EQ(first.start, (docx::Position{0, 1, 2}));
    EXPECT_EQ(first.end, (docx::Position{0, 1, 3}));
    EXPECT_TRUE(first.has_reference);

    const docx::Comment& reply = comment(package, "2");
    EXPECT_EQ(reply.text, "Japan\nagrees") << "a carriage return inside a run is a line break";
    ASSERT_NE(reply.parent, kNoIndex);
    EXPECT_EQ(package.comments[reply.parent].word_id, "1");
    EXPECT_EQ(reply.start, first.start);
    EXPECT_TRUE(comment(package, "3").done);
    EXPECT_EQ(comment(package, "3").start, (docx::Position{0, 0, 1})) << "on the heading's letter";

    const docx::Comment& shared_a = comment(package, "4");
    const docx::Comment& shared_b = comment(package, "5");
    const docx::Comment& nested = comment(package, "6");
    EXPECT_EQ(shared_a.text, "EU ok\nCAN, UK delete") << "paragraphs joined by a newline";
    EXPECT_EQ(shared_a.start, shared_b.start);
    EXPECT_EQ(shared_a.end, shared_b.end);
    EXPECT_LT(shared_a.start, nested.start);
    EXPECT_LT(nested.end, shared_a.end);
    EXPECT_EQ(nested.parent, kNoIndex);
}

TEST(DocxReader, NumberingAndStylesComeFromTheirParts) {
    const docx::Package package = read_sample();
    ASSERT_EQ(package.numbering.instances.count(1), 1u);
    const docx::AbstractNumbering& list = package.numbering.abstracts.at(0);
    EXPECT_EQ(list.levels[1].format, docx::NumberFormat::lower_letter);
    EXPECT_EQ(list.levels[1].text, "(%2)");
}

TEST(DocxReader, TheMainPartIsWhereThePackageRelationshipsSay) {
    test::DocxParts parts;
    parts.body = test::paragraph("Found");
    zip::OpenResult opened = zip::open_memory(test::build_docx(parts), "built.docx");
    ASSERT_TRUE(opened.archive);
    // The same package with its document at word/main.xml, named in _rels/.rels.
    zip::Writer writer;
    for (const zip::EntryInfo& entry : opened.archive->entries()) {
        std::string content = opened.archive->read(entry.name).bytes;
        std::string name = entry.name;
        if (name == "_rels/.rels")
            content.replace(content.find("word/document.xml"), 17, "word/main.xml");
        if (name == "word/document.xml") name = "word/main.xml";
        writer.add(name, content);
    }
    const docx::ReadResult result = docx::read_docx_bytes(writer.finish().bytes, "renamed.docx");
    ASSERT_TRUE(result.ok()) << result.error.message;
    EXPECT_EQ(text_of(result.package->body.paragraphs.at(0)), "Found");
}

}  // namespace
}  // namespace accord
