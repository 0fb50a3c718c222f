// Placing a comment's request in the text: only marks are added, nothing
// of the text is removed, and a placement that would break the notation is
// refused.
#include "core/import/docx/comment_edits.hpp"

#include <gtest/gtest.h>

namespace accord::docx {
namespace {

// One paragraph per line of `text` (separated by blank lines), "N. " and
// "(a) " labels taken as labels, "# " as headings.
PlacementContext context_for(const std::string& text, std::string_view anchored,
                             std::uint32_t paragraph = 0) {
    PlacementContext context;
    context.text = &text;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find("\n\n", at);
        if (end == std::string::npos) end = text.size();
        while (end > at && text[end - 1] == '\n') --end;
        ParagraphSpan span;
        span.range = {at, end};
        std::size_t content = at;
        if (text.compare(at, 2, "# ") == 0) {
            span.heading = true;
            content += 2;
        } else if (const std::size_t dot = text.find(". ", at);
                   dot != std::string::npos && dot < end && dot - at <= 6) {
            content = dot + 2;
        } else if (const std::size_t close = text.find(") ", at); text[at] == '(' &&
                                                                  close != std::string::npos &&
                                                                  close < end && close - at <= 6) {
            content = close + 2;
        }
        span.content = {content, end};
        context.paragraphs.push_back(span);
        at = end + 2;
    }
    context.paragraph = paragraph;
    const std::size_t begin = text.find(anchored, context.paragraphs[paragraph].range.begin);
    context.range = {begin, begin + anchored.size()};
    context.section_end = static_cast<std::uint32_t>(context.paragraphs.size());
    return context;
}

std::string placed(const std::string& text, const Request& request,
                   const PlacementContext& context) {
    const Placement placement = place_request(request, context);
    EXPECT_TRUE(placement.placed()) << placement.refusal;
    return apply_insertions(text, placement.insertions);
}

TEST(CommentEdits, DeleteQuotedWordingIsAStrike) {
    const std::string text = "1. Parties that are authorized shall report.";
    Request request{RequestKind::delete_wording, "authorized", "", {}, "", false};
    EXPECT_EQ(placed(text, request, context_for(text, "Parties that are authorized")),
              "1. Parties that are ~~authorized~~ shall report.");
}

TEST(CommentEdits, WordingAlreadyStruckIsLeftAsItIs) {
    const std::string text = "Parties ~~that are~~ authorized shall report.";
    Request request{RequestKind::delete_wording, "", "", {}, "", false};
    EXPECT_EQ(placed(text, request, context_for(text, "~~that are~~ authorized")),
              "Parties ~~that are~~ ~~authorized~~ shall report.");
    const Placement all_struck = place_request(request, context_for(text, "~~that are~~"));
    EXPECT_FALSE(all_struck.placed());
}

TEST(CommentEdits, ReplaceIsAlternatives) {
    const std::string text = "The CMA shall check the reports.";
    Request request{RequestKind::replace, "check", "review", {}, "", false};
    EXPECT_EQ(placed(text, request, context_for(text, "check the reports")),
              "The CMA shall [check][review] the reports.");
    // On wording already in brackets, one more option.
    const std::string bracketed = "The CMA [shall] check.";
    Request modal{RequestKind::replace, "shall", "should", {}, "", false};
    EXPECT_EQ(placed(bracketed, modal, context_for(bracketed, "shall")),
              "The CMA [shall][should] check.");
    // Found inflected ("decide" in "decided"), the alternative holds the
    // wording as the Party wrote it: blame credits it with that, so accord
    // does not make up "agreed" for it.
    const std::string decided = "The Party decided to act.";
    Request agree{RequestKind::replace, "decide", "agree", {}, "", false};
    EXPECT_EQ(placed(decided, agree, context_for(decided, "decided")),
              "The Party [decided][agree] to act.");
}

// Wording that stands more than once where the comment points: which one
// it means is not said, so none is touched (the request stays a position,
// saying why), rather than the first.
TEST(CommentEdits, WordingStandingTwiceWhereTheCommentPointsIsNotGuessed) {
    const std::string text = "The Parties shall act and shall report.";
    for (const RequestKind kind : {RequestKind::delete_wording, RequestKind::replace}) {
        Request request{kind, "shall", kind == RequestKind::replace ? "should" : "", {}, "", false};
        const Placement placement = place_request(request, context_for(text, text));
        EXPECT_FALSE(placement.placed());
        EXPECT_NE(placement.refusal.find("stands more than once"), std::string::npos)
            << placement.refusal;
    }
    // Once in the anchored words, it is placed there, whatever the paragraph holds.
    Request once{RequestKind::delete_wording, "shall", "", {}, "", false};
    EXPECT_EQ(placed(text, once, context_for(text, "shall act")),
              "The Parties ~~shall~~ act and shall report.");
}

TEST(CommentEdits, InsertIsABracketAfterTheAnchor) {
    const std::string text = "Parties shall report.";
    Request request{RequestKind::insert, "", "in particular", {}, "", false};
    EXPECT_EQ(placed(text, request, context_for(text, "shall")),
              "Parties shall [in particular] report.");
}

TEST(CommentEdits, DeleteParagraphsByNumberStrikesTheirWordingNotTheirLabels) {
    const std::string text = "44. First.\n\n45. Second.\n\n46. Third.";
    Request request{RequestKind::delete_paragraph, "", "", {"44", "46"}, "", false};
    EXPECT_EQ(placed(text, request, context_for(text, "First")),
              "44. ~~First.~~\n\n45. Second.\n\n46. ~~Third.~~");
}

// "delete" on a selection running over several paragraphs deletes each
// (most of it selected: not one a drag went a word into).
TEST(CommentEdits, DeleteOverSeveralParagraphsStrikesEach) {
    const std::string text = "1. Intro.\n\n2. First to go.\n\n3. Second to go.\n\n4. Stays here.";
    Request request{RequestKind::delete_paragraph, "", "", {}, "", false};
    PlacementContext context = context_for(text, "First to go.\n\n3. Second to go.\n\n4. S", 1);
    EXPECT_EQ(placed(text, request, context),
              "1. Intro.\n\n2. ~~First to go.~~\n\n3. ~~Second to go.~~\n\n4. Stays here.");
}

// A chapeau ("...shall check:") deleted goes with its subparagraphs, up to
// the next numbered paragraph.
TEST(CommentEdits, DeleteAChapeauStrikesItsSubparagraphs) {
    const std::string text =
        "1. Decides.\n\n2. Also decides that it shall check:\n\n(a) One;\n\n(b) Two;\n\n3. Acts.";
    Request request{RequestKind::delete_paragraph, "", "", {"2"}, "", false};
    EXPECT_EQ(placed(text, request, context_for(text, "Decides", 0)),
              "1. Decides.\n\n2. ~~Also decides that it shall check:~~\n\n(a) ~~One;~~\n\n(b) "
              "~~Two;~~\n\n3. Acts.");
}

TEST(CommentEdits, DeleteSectionStrikesTheHeadingAndWhatFollows) {
    const std::string text = "# Reporting\n\n1. First.\n\n2. Second.";
    Request request{RequestKind::delete_section, "", "", {}, "", false};
    PlacementContext context = context_for(text, "R");
    context.on_heading = true;
    EXPECT_EQ(placed(text, request, context), "# ~~Reporting~~\n\n1. ~~First.~~\n\n2. ~~Second.~~");
}

TEST(CommentEdits, ProposedLanguageForAParagraphIsANewBracketedParagraph) {
    const std::string text = "50. Decides that reports are due.\n\n51. Next.";
    Request request{RequestKind::proposed_language, "", "50 bis. Decides also that", {}, "", false};
    EXPECT_EQ(placed(text, request, context_for(text, "Decides")),
              "50. Decides that reports are due.\n\n[50 bis. Decides also that]\n\n51. Next.");
}

TEST(CommentEdits, AStrikeAcrossABracketsEdgeIsRefused) {
    const std::string text = "Parties [shall report] annually.";
    Request request{RequestKind::delete_wording, "", "", {}, "", false};
    const Placement placement = place_request(request, context_for(text, "Parties [shall"));
    EXPECT_FALSE(placement.placed());
    EXPECT_TRUE(placement.insertions.empty());
}

TEST(CommentEdits, WordingNotThereIsRefusedWithTheReason) {
    const std::string text = "Parties shall report.";
    Request request{RequestKind::delete_wording, "authorized", "", {}, "", false};
    const Placement placement = place_request(request, context_for(text, "shall"));
    EXPECT_FALSE(placement.placed());
    EXPECT_NE(placement.refusal.find("authorized"), std::string::npos) << placement.refusal;
}

// A strike takes the words a Party named, whole: "recall" is not "Recalls"
// nor "recalling", so a request to remove it throughout a text holding only
// those strikes nothing and is refused (the segment stays a position); where
// the word stands, every place of it is struck, whatever its case.
TEST(CommentEdits, DeletionStrikesOnlyTheWordsNamedNeverAnInflection) {
    const std::string text =
        "Also recalling decision 6/CMA.4,\n\n1. Recalls decision 2/CMA.3.\n\n2. Decides.";
    Request throughout{RequestKind::delete_wording, "recall", "", {}, "", true};
    const Placement nowhere = place_request(throughout, context_for(text, "Decides", 2));
    EXPECT_FALSE(nowhere.placed());
    EXPECT_TRUE(nowhere.insertions.empty());
    EXPECT_NE(nowhere.refusal.find("recall"), std::string::npos) << nowhere.refusal;

    const std::string both = "Recall decision 6,\n\n1. Recalls and recall it.";
    EXPECT_EQ(placed(both, throughout, context_for(both, "it", 1)),
              "~~Recall~~ decision 6,\n\n1. Recalls and ~~recall~~ it.");

    Request here{RequestKind::delete_wording, "check", "", {}, "", false};
    const std::string checks = "The CMA checks the reports.";
    EXPECT_FALSE(place_request(here, context_for(checks, checks)).placed());
}

}  // namespace
}  // namespace accord::docx
