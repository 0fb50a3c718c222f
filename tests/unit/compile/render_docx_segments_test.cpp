// A text's changes as Word's tracked changes (merge/compile/render_docx_segments.hpp),
// rendered and read back: paragraphs are paired before words are compared,
// so a paragraph that stands as it stood is neither deleted nor inserted,
// and each change stays in its paragraph; rejected, the changes give the
// old body, accepted the new.
#include "merge/compile/render_docx_segments.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "core/import/docx/accord_texts.hpp"
#include "core/import/docx/docx_reader.hpp"
#include "core/notation/parse.hpp"

namespace accord {
namespace {

Proposal proposal_by(const std::string& delegation, const std::string& date) {
    Proposal p;
    p.proposers = {delegation};
    p.date = date;
    return p;
}

// One text, a.md, as it stands, in a compilation.
Compilation compilation_of(const std::string& body) {
    Compilation c;
    c.revision = "0123456789012345678901234567890123456789";
    c.layout.title = "Draft decision";
    CompiledText text;
    text.text.path = "a.md";
    text.text.document = parse(body);
    LayoutEntry entry;
    entry.kind = LayoutEntry::Kind::text;
    entry.level = 2;
    entry.heading = "a.md";
    entry.text = 0;
    c.layout.entries.push_back(entry);
    c.texts.push_back(std::move(text));
    return c;
}

using Paragraphs = std::vector<std::pair<std::string, std::string>>;

struct ReadBack {
    std::string accepted, rejected;
    // Each Word paragraph of the text's body with words, in order: its
    // text, and how it reads: "kept", or "deleted by X", "inserted by X"
    // when every run of it is, else "changed".
    Paragraphs paragraphs;
};

ReadBack rendered(const std::string& before, const std::string& after,
                  const ChangeCredits& credits) {
    const Compilation compilation = compilation_of(after);
    DocxRenderOptions options;
    options.changes = {tracked_segments(parse(before), parse(after), credits)};
    const DocxRendering rendering = render_compilation_docx(compilation, options);
    EXPECT_TRUE(rendering.warnings.empty()) << rendering.warnings.front();
    docx::ReadResult read = docx::read_docx_bytes(rendering.bytes, "test.docx");
    EXPECT_TRUE(read.ok()) << read.error.message;
    if (!read.ok()) return {};
    const docx::Package& package = *read.package;
    ReadBack out;
    for (const docx::TrackedChanges changes :
         {docx::TrackedChanges::accept, docx::TrackedChanges::reject}) {
        docx::ConvertOptions convert;
        convert.changes = changes;
        const docx::Converted converted = docx::to_notation(package, convert);
        const std::vector<docx::AccordText> texts = docx::accord_texts(package, &converted);
        EXPECT_EQ(texts.size(), 1u);
        if (texts.empty()) continue;
        (changes == docx::TrackedChanges::accept ? out.accepted : out.rejected) = texts[0].body;
    }
    const auto by = [&](std::uint32_t revision) { return package.revisions.at(revision).author; };
    for (const docx::Paragraph& p : package.body.paragraphs) {
        if (p.heading != 0) continue;  // the title and the text's heading
        std::string text, reads;
        for (const docx::Run& run : p.runs) {
            text += run.text;
            const std::string run_reads =
                run.deleted != docx::kNoIndex    ? "deleted by " + by(run.deleted)
                : run.inserted != docx::kNoIndex ? "inserted by " + by(run.inserted)
                                                 : "kept";
            reads = reads.empty() || reads == run_reads ? run_reads : "changed";
        }
        if (!text.empty()) out.paragraphs.push_back({text, reads});
    }
    return out;
}

TEST(TrackedSegments, AParagraphThatStandsIsNeitherDeletedNorInserted) {
    const Proposal brazil = proposal_by("Brazil", "2024-01-20T12:00:00Z");
    ChangeCredits credits;
    credits.deleted_by = [&](std::size_t) { return &brazil; };
    credits.inserted_by = [&](std::size_t) { return &brazil; };
    const std::string before = "1. One\n\n2. Two\n\n3. Three\n";
    const std::string after = "1. One\n\n3. Three\n\n4. Four\n";
    const ReadBack read = rendered(before, after, credits);
    EXPECT_EQ(read.accepted, after);
    EXPECT_EQ(read.rejected, before);
    EXPECT_EQ(read.paragraphs, (Paragraphs{{"1. One", "kept"},
                                           {"2. Two", "deleted by Brazil"},
                                           {"3. Three", "kept"},
                                           {"4. Four", "inserted by Brazil"}}));
}

TEST(TrackedSegments, AMovedParagraphIsDeletedWhereItStoodAndInsertedWhereItStands) {
    const Proposal chair = proposal_by("Chair", "2024-02-01T12:00:00Z");
    ChangeCredits credits;
    credits.deleted_by = [&](std::size_t) { return &chair; };
    credits.inserted_by = [](std::size_t) { return nullptr; };  // older wording, moved
    credits.otherwise = &chair;
    const std::string before = "Alpha beta gamma.\n\nDelta epsilon.\n\nZeta eta theta.\n";
    const std::string after = "Delta epsilon.\n\nZeta eta theta.\n\nAlpha beta gamma.\n";
    const ReadBack read = rendered(before, after, credits);
    EXPECT_EQ(read.accepted, after);
    EXPECT_EQ(read.rejected, before);
    EXPECT_EQ(read.paragraphs, (Paragraphs{{"Alpha beta gamma.", "deleted by Chair"},
                                           {"Delta epsilon.", "kept"},
                                           {"Zeta eta theta.", "kept"},
                                           {"Alpha beta gamma.", "inserted by Chair"}}));
}

// A word that stayed between two changes stays, as Word shows a delegate's
// edits: it is not deleted and inserted again, credited to the proposal
// beside it (the diff view folds such a word into one replacement).
TEST(TrackedSegments, AWordThatStayedBetweenTwoChangesIsKept) {
    const Proposal brazil = proposal_by("Brazil", "2024-01-20T12:00:00Z");
    ChangeCredits credits;
    credits.deleted_by = [&](std::size_t) { return &brazil; };
    credits.inserted_by = [&](std::size_t) { return &brazil; };
    const std::string before = "States should cooperate. Stakeholders should participate.\n";
    const std::string after =
        "States should cooperate. All stakeholders should fully participate.\n";
    const std::vector<DocxSegment> segments =
        tracked_segments(parse(before), parse(after), credits);
    std::string kept;
    for (const DocxSegment& segment : segments)
        if (segment.change == DocxSegment::Change::none) kept += segment.text;
    EXPECT_NE(kept.find("should participate"), std::string::npos)
        << "'should' kept between the two insertions: " << kept;
    const ReadBack read = rendered(before, after, credits);
    EXPECT_EQ(read.accepted, after);
    EXPECT_EQ(read.rejected, before);
}

// Wording inserted is credited to who proposed it; the white space inside
// an insertion, and wording older than the revision, to the wording beside it.
TEST(TrackedSegments, AnInsertionIsCreditedToItsWordingsProposer) {
    const Proposal brazil = proposal_by("Brazil", "2024-01-20T12:00:00Z");
    const Proposal japan = proposal_by("Japan", "2024-01-25T12:00:00Z");
    const std::string before = "Parties shall report.\n";
    const std::string after = "Parties shall report.\n\nEach Party shall act.\n";
    ChangeCredits credits;
    credits.deleted_by = [&](std::size_t) { return &brazil; };
    credits.inserted_by = [&](std::size_t at) {
        return after.compare(at, 5, "Party") == 0 ? nullptr : &japan;
    };
    credits.otherwise = &brazil;
    const std::vector<DocxSegment> segments =
        tracked_segments(parse(before), parse(after), credits);
    std::string inserted;
    for (const DocxSegment& s : segments) {
        if (s.change == DocxSegment::Change::inserted) {
            EXPECT_EQ(s.author, "Japan") << s.text;
            EXPECT_EQ(s.date, "2024-01-25T12:00:00Z") << s.text;
            inserted += s.text;
        }
        EXPECT_NE(s.change, DocxSegment::Change::deleted) << s.text;
    }
    EXPECT_NE(inserted.find("Each Party shall act."), std::string::npos) << inserted;
}

}  // namespace
}  // namespace accord
