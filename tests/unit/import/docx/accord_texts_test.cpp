// core/import/docx/accord_texts: which paragraphs of a compilation accord
// wrote are each text's, once a delegation has edited it in Word, and what
// lies outside every text.
#include "core/import/docx/accord_texts.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

using docx::kNoIndex;

// A compilation as Word gives it back, built paragraph by paragraph:
// texts a.md and b.md, each bookmarked under its heading.
class Edited {
  public:
    Edited() {
        package_.properties.custom[docx::kAccordNotationProperty] = "1";
        package_.properties.custom[docx::accord_text_property(0)] = "a.md";
        package_.properties.custom[docx::accord_text_property(1)] = "b.md";
    }

    // A paragraph of one run; `inserted` is the revision that inserted it.
    docx::Paragraph& add(const std::string& text, std::uint32_t heading = 0,
                         std::uint32_t inserted = kNoIndex) {
        docx::Story& body = package_.body;
        body.blocks.push_back(
            {docx::BlockKind::paragraph, static_cast<std::uint32_t>(body.paragraphs.size())});
        docx::Paragraph& paragraph = body.paragraphs.emplace_back();
        paragraph.heading = heading;
        docx::Run run;
        run.text = text;
        run.inserted = inserted;
        paragraph.runs.push_back(run);
        return paragraph;
    }

    std::uint32_t insertion(const std::string& author, bool paragraph_mark = false) {
        docx::Revision revision;
        revision.author = author;
        revision.date = "2024-03-01T10:00:00Z";
        revision.paragraph_mark = paragraph_mark;
        package_.revisions.push_back(revision);
        return static_cast<std::uint32_t>(package_.revisions.size() - 1);
    }

    // Text n's bookmark, from the start of `first` to the end of `last`.
    void bookmark(std::size_t n, std::uint32_t first, std::uint32_t last) {
        package_.bookmarks.push_back(
            {docx::accord_text_bookmark(n), {0, first, 0}, {0, last, 1}, true});
    }

    docx::Package& package() { return package_; }

  private:
    docx::Package package_;
};

std::string read(const docx::Package& package, docx::TrackedChanges changes) {
    docx::ConvertOptions options;
    options.changes = changes;
    return docx::to_notation(package, options).text;
}

// A paragraph Enter made after a text's last one (Word's own break on the
// new paragraph), and one made under the next text's heading (Word's break
// on the heading): each is the text's it is next to, and rejected, leaves
// that text as it was.
TEST(AccordTexts, ParagraphsAddedAtATextsEdgesAreItsOwn) {
    Edited c;
    const std::uint32_t end = c.insertion("Jane Doe");
    const std::uint32_t under = c.insertion("Jane Doe");
    c.add("Draft", 1);                                   // 0
    c.add("a", 2);                                       // 1
    c.add("A one.");                                     // 2
    c.add("A two.");                                     // 3
    c.add("A three, new.", 0, end).mark_inserted = end;  // 4
    c.add("b", 2).mark_inserted = under;                 // 5
    c.add("B zero, new.", 0, under);                     // 6
    c.add("B one.");                                     // 7
    c.bookmark(0, 2, 3);
    c.bookmark(1, 7, 7);
    const std::vector<docx::AccordText> texts = docx::accord_texts(c.package());
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_EQ(texts[0].first_paragraph, 2u);
    EXPECT_EQ(texts[0].last_paragraph, 4u);
    EXPECT_EQ(texts[1].first_paragraph, 6u);
    EXPECT_EQ(texts[1].last_paragraph, 7u);
    const docx::OutsideTexts outside = docx::outside_texts(c.package(), texts);
    EXPECT_TRUE(outside.revisions.empty()) << "the heading's break is the new paragraph's";
    EXPECT_TRUE(outside.comments.empty());

    const docx::Package a = docx::slice_body(c.package(), 2, 4);
    EXPECT_EQ(read(a, docx::TrackedChanges::reject), "A one.\nA two.\n");
    EXPECT_EQ(read(a, docx::TrackedChanges::accept), "A one.\nA two.\nA three, new.\n");
    const docx::Package b = docx::slice_body(c.package(), 6, 7);
    EXPECT_EQ(read(b, docx::TrackedChanges::reject), "B one.\n");
    // Added after "A two.", written line under "A one.", it is one more line
    // of them; added before "B one.", a paragraph of one line, it is a
    // paragraph of its own.
    EXPECT_EQ(read(b, docx::TrackedChanges::accept), "B zero, new.\n\nB one.\n");
}

// Between two texts with no heading between them, a new paragraph is the
// earlier text's; one that only follows a separator accord wrote is no
// text's.
TEST(AccordTexts, ANewParagraphBetweenTextsIsTheEarliersAndNoneCrossesALineAccordWrote) {
    Edited c;
    const std::uint32_t r = c.insertion("Jane Doe");
    const std::uint32_t s = c.insertion("Jane Doe");
    c.add("A one.");                        // 0
    c.add("New.", 0, r).mark_inserted = r;  // 1
    c.add("B one.");                        // 2
    c.add("* * *");                         // 3
    c.add("Stray.", 0, s).mark_inserted = s;
    c.bookmark(0, 0, 0);
    c.bookmark(1, 2, 2);
    const std::vector<docx::AccordText> texts = docx::accord_texts(c.package());
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_EQ(texts[0].last_paragraph, 1u);
    EXPECT_EQ(texts[1].first_paragraph, 2u);
    EXPECT_EQ(texts[1].last_paragraph, 2u);
    const docx::OutsideTexts outside = docx::outside_texts(c.package(), texts);
    EXPECT_EQ(outside.revisions, std::vector<std::uint32_t>{s});
}

// Words typed into the heading naming a text, and a comment on it, are in
// no text: each is named with its author, its words and the heading.
TEST(AccordTexts, ChangesAndCommentsOnAHeadingAreOutsideEveryTextAndNamed) {
    Edited c;
    const std::uint32_t r = c.insertion("Jane Doe");
    c.add("a", 2);  // 0
    c.add("A one.");
    docx::Paragraph& heading = c.add("b", 2);  // 2
    docx::Run words;
    words.text = " heading words";
    words.inserted = r;
    heading.runs.push_back(words);
    c.add("B one.");  // 3
    c.bookmark(0, 1, 1);
    c.bookmark(1, 3, 3);
    docx::Comment comment;
    comment.word_id = "7";
    comment.author = "Jane Doe";
    comment.text = "US: Delete this whole text";
    comment.has_range = true;
    comment.start = {0, 2, 0};
    comment.end = {0, 2, 2};
    c.package().comments.push_back(comment);

    const std::vector<docx::AccordText> texts = docx::accord_texts(c.package());
    const docx::OutsideTexts outside = docx::outside_texts(c.package(), texts);
    EXPECT_EQ(outside.revisions, std::vector<std::uint32_t>{r});
    EXPECT_EQ(outside.comments, std::vector<std::uint32_t>{0});
    EXPECT_EQ(
        docx::describe_outside_texts(c.package(), texts, outside),
        (std::vector<std::string>{
            "Jane Doe inserted \u201cheading words\u201d in the heading \u201cb\u201d above b.md",
            "comment 7 by Jane Doe (\u201cUS: Delete this whole text\u201d) on the heading "
            "\u201cb\u201d above b.md"}));
    // Neither is carried into the text under the heading.
    const docx::Package b = docx::slice_body(c.package(), 3, 3);
    EXPECT_TRUE(b.revisions.empty());
    EXPECT_TRUE(b.comments.empty());
}

}  // namespace
}  // namespace accord
