// One case per change kind of the diff vocabulary (README.md, `accord diff`).
#include "merge/diff/structural_diff.hpp"

#include <gtest/gtest.h>

#include "core/notation/parse.hpp"

namespace accord {
namespace {

std::vector<std::pair<std::string, std::string>> changes(std::string_view before,
                                                         std::string_view after) {
    const Document a = parse(before), b = parse(after);
    std::vector<std::pair<std::string, std::string>> out;
    for (const Change& c : structural_diff(a, b))
        out.emplace_back(std::string(to_string(c.kind)), c.text);
    return out;
}

using Changes = std::vector<std::pair<std::string, std::string>>;

TEST(StructuralDiff, NoChange) {
    EXPECT_EQ(changes("a [b][c] ~~d~~ (agreed)", "a [b][c] ~~d~~ (agreed)"), Changes{});
}

// An inner bracket lifted inside an outer one: the diff may keep the inner
// ']' rather than the outer one, so the new bracket's marks come from both;
// the outer bracket stood and the inner one was lifted (found by the diff
// test on generated histories).
TEST(StructuralDiff, InnerBracketLiftedWhicheverCloseTheDiffKept) {
    EXPECT_EQ(changes("[trade levels [stable account outcome access]] results",
                      "[trade levels stable account outcome access] results"),
              (Changes{{"bracket-removed", "stable account outcome access"}}));
    EXPECT_EQ(
        changes("[[stable account] trade levels] results", "[stable account trade levels] results"),
        (Changes{{"bracket-removed", "stable account"}}));
}

// The same when an option is chosen inside a bracket that stays, or the
// outermost of three brackets is lifted: the diff kept an inner mark of the
// outer bracket (found on generated histories).
TEST(StructuralDiff, OptionChosenInsideABracketWhicheverCloseTheDiffKept) {
    EXPECT_EQ(changes("trust through [processes [levels][governance each]] may.",
                      "trust through [processes levels] may."),
              (Changes{{"option-chosen", "levels"}}));
    EXPECT_EQ(changes("sector [[vulnerable necessary threats][~~content~~] context] domain.",
                      "sector [~~content~~ context] domain."),
              (Changes{{"option-chosen", "~~content~~"}}));
    EXPECT_EQ(
        changes("persons more [[[gender session] approach group] training entities] open.",
                "persons more [[gender session] approach group] training entities open."),
        (Changes{{"bracket-removed", "[[gender session] approach group] training entities"}}));
}

TEST(StructuralDiff, OptionAddedToABracket) {
    EXPECT_EQ(changes("the [continuing] implementation", "the [continuing][full] implementation"),
              (Changes{{"option-added", "full"}}));
}

TEST(StructuralDiff, OptionAddedBeforeAnExistingOne) {
    EXPECT_EQ(changes("to [improve] it", "to [strengthen][improve] it"),
              (Changes{{"option-added", "strengthen"}}));
}

TEST(StructuralDiff, OptionRemoved) {
    EXPECT_EQ(changes("to [a][b][c] it", "to [a][c] it"), (Changes{{"option-removed", "b"}}));
}

TEST(StructuralDiff, OptionChosenFromAGroup) {
    EXPECT_EQ(
        changes("hold [below 2 °C][well below 2 °C][below 1.5 °C] now", "hold well below 2 °C now"),
        (Changes{{"option-chosen", "well below 2 °C"}}));
}

// Options whose words overlap: the word diff may pair the kept words with
// another option's, yet the wording that stands is one option's own.
TEST(StructuralDiff, OptionChosenWhereTheOptionsShareWords) {
    EXPECT_EQ(changes("Decides to [fully implement][implement] it.", "Decides to implement it."),
              (Changes{{"option-chosen", "implement"}}));
    EXPECT_EQ(changes("Adopts the [Paris][Paris Implementing] Agreement.",
                      "Adopts the Paris Implementing Agreement."),
              (Changes{{"option-chosen", "Paris Implementing"}}));
}

TEST(StructuralDiff, OptionChosenFromSlashOptions) {
    EXPECT_EQ(changes("the [shall / should] act", "the should act"),
              (Changes{{"option-chosen", "should"}}));
}

TEST(StructuralDiff, SlashOptionAdded) {
    EXPECT_EQ(changes("the [shall / should] act", "the [shall / should / may] act"),
              (Changes{{"option-added", "may"}}));
}

TEST(StructuralDiff, BracketRemovedIsAgreement) {
    EXPECT_EQ(changes("the [multistakeholder] approach", "the multistakeholder approach"),
              (Changes{{"bracket-removed", "multistakeholder"}}));
}

TEST(StructuralDiff, BracketAddedAroundExistingText) {
    EXPECT_EQ(changes("the democratic approach", "the [democratic] approach"),
              (Changes{{"bracket-added", "democratic"}}));
}

TEST(StructuralDiff, BracketedTextInserted) {
    EXPECT_EQ(changes("the approach", "the [democratic] approach"),
              (Changes{{"bracketed-text-inserted", "democratic"}}));
}

TEST(StructuralDiff, BracketDeleted) {
    EXPECT_EQ(changes("the [democratic] approach", "the approach"),
              (Changes{{"bracket-deleted", "democratic"}}));
}

TEST(StructuralDiff, StrikeAddedRemovedAndAccepted) {
    EXPECT_EQ(changes("encourages as many stakeholders", "encourages ~~as many~~ stakeholders"),
              (Changes{{"strike-added", "as many"}}));
    EXPECT_EQ(changes("encourages ~~as many~~ stakeholders", "encourages as many stakeholders"),
              (Changes{{"strike-removed", "as many"}}));
    EXPECT_EQ(changes("encourages ~~as many~~ stakeholders", "encourages stakeholders"),
              (Changes{{"struck-text-deleted", "as many"}}));
}

TEST(StructuralDiff, PlainTextChanges) {
    EXPECT_EQ(changes("to strengthen the process", "to improve the process"),
              (Changes{{"text-replaced", "improve"}}));
    EXPECT_EQ(changes("to the process", "to fully implement the process"),
              (Changes{{"text-inserted", "fully implement"}}));
    EXPECT_EQ(changes("to fully implement the process", "to the process"),
              (Changes{{"text-deleted", "fully implement"}}));
}

TEST(StructuralDiff, ReplacementKeepsTheOldWording) {
    const Document a = parse("to strengthen it"), b = parse("to improve it");
    const auto c = structural_diff(a, b);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].before, "strengthen");
    EXPECT_EQ(a.text(c[0].old_range), "strengthen");
    EXPECT_EQ(b.text(c[0].new_range), "improve");
}

TEST(StructuralDiff, ParagraphsAddedAndDeleted) {
    EXPECT_EQ(changes("First.\n\nSecond.", "First.\n\nNew one here.\n\nSecond."),
              (Changes{{"paragraph-added", "New one here."}}));
    EXPECT_EQ(changes("First.\n\nGone away.\n\nSecond.", "First.\n\nSecond."),
              (Changes{{"paragraph-deleted", "Gone away."}}));
}

TEST(StructuralDiff, AlternativeParagraphs) {
    EXPECT_EQ(changes("Main text.", "Main text.\n\nAlt: Other text."),
              (Changes{{"alternative-paragraph-added", "Alt: Other text."}}));
    EXPECT_EQ(changes("Main text.\n\nAlt1: Other text.", "Main text."),
              (Changes{{"alternative-paragraph-removed", "Alt1: Other text."}}));
}

TEST(StructuralDiff, StatusChanged) {
    const Document a = parse("Recommends it (revisit)."), b = parse("Recommends it (agreed).");
    const auto c = structural_diff(a, b);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(to_string(c[0].kind), "status-changed");
    EXPECT_EQ(c[0].before, "revisit");
    EXPECT_EQ(c[0].after, "agreed");
}

TEST(StructuralDiff, MetadataChangedPerKey) {
    const Document a = parse("---\nid: A-1\nstatus: revisit\n---\nText"),
                   b = parse("---\nid: A-1\nstatus: agreed\ntitle: T\n---\nText");
    const auto c = structural_diff(a, b);
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0].text, "status");
    EXPECT_EQ(c[0].before, "revisit");
    EXPECT_EQ(c[0].after, "agreed");
    EXPECT_EQ(c[1].text, "title");
}

TEST(StructuralDiff, SeveralChangesInOneParagraph) {
    EXPECT_EQ(
        changes("Maintains [the] [democratic] approach, encourages [~~as many~~] stakeholders",
                "Maintains the approach, encourages [~~as many~~] [all] stakeholders"),
        (Changes{{"bracket-removed", "the"},
                 {"bracket-deleted", "democratic"},
                 {"bracketed-text-inserted", "all"}}));
}

}  // namespace
// One long paragraph of a few repeated words rewritten as another: the
// diff's script ran out of order there, and sliding a removed run to a mark
// read past its end (a crash of diff and log on a 35,000-word paragraph).
// It now finishes, and names what changed.
TEST(StructuralDiff, ALongRepetitiveParagraphRewrittenIsDiffed) {
    std::string before, after;
    for (int i = 0; i < 35000; ++i) {
        before += (i ? " w" : "w") + std::to_string(i % 7);
        after += (i ? " w" : "w") + std::to_string((i * 3) % 11);
    }
    const Document a = parse(before + "\n"), b = parse(after + "\n");
    const std::vector<Change> changes = structural_diff(a, b);
    EXPECT_FALSE(changes.empty());
}

// Brackets nested 20,000 deep, their innermost words changed: the bracket
// pairing once walked every token of every bracket and every parent of each
// (cubic: 5,000 levels took over 30 s). The nest is kept, the word replaced.
TEST(StructuralDiff, DeeplyNestedBracketsStayLinear) {
    const std::string open(20000, '['), close(20000, ']');
    const Document a = parse("Parties " + open + "shall report" + close + " each year.\n");
    const Document b = parse("Parties " + open + "may report" + close + " each year.\n");
    bool replaced = false;
    for (const Change& change : structural_diff(a, b)) {
        EXPECT_NE(change.kind, ChangeKind::bracket_deleted) << change.text;
        replaced = replaced || (change.kind == ChangeKind::text_replaced &&
                                change.before == "shall" && change.text == "may");
    }
    EXPECT_TRUE(replaced);
}

}  // namespace accord
