// The structural diff compares only the stretch where two versions differ
// (merge/diff/diff_window.hpp): its changes must be exactly those of the
// whole comparison, wherever it cuts, on histories of every kind of
// proposal, and it must not cut where something runs across the cut.
#include <gtest/gtest.h>

#include <string>

#include "core/notation/parse.hpp"
#include "merge/diff/diff_window.hpp"
#include "merge/diff/structural_diff.hpp"
#include "support/negotiation_generator.hpp"
#include "support/stretch_check.hpp"

namespace accord {
namespace {

using test::Operation;

// Every kind of proposal the generator makes, moves and alternative
// paragraphs included, on texts of 4 to 12 paragraphs, some wrapped.
TEST(DiffWindow, ChangesAreThoseOfTheWholeComparisonOnGeneratedHistories) {
    test::StretchCheck all;
    for (std::uint64_t seed = 1; seed <= 24; ++seed) {
        test::GeneratorOptions options;
        options.seed = seed;
        options.proposals = 120;
        options.initial_paragraphs = 4 + seed % 9;
        options.wrap_column = seed % 3 == 1 ? 70 : 0;
        options.compact_slashes = seed % 4 == 2;
        options.repeat_share = seed % 5 == 0 ? 0.3 : 0;
        options.edits_per_proposal = seed % 2 == 0 ? 2 : 1;
        options.weights[static_cast<std::size_t>(Operation::move_wording)] = 2;
        options.weights[static_cast<std::size_t>(Operation::add_paragraph)] = 2;
        options.weights[static_cast<std::size_t>(Operation::add_alternative_paragraph)] = 2;
        const test::GeneratedHistory history = test::generate_history(options);
        for (std::size_t v = 1; v < history.versions.size(); ++v) {
            // Each version against the one before and against one a few
            // proposals back (several changes at once).
            all.compare(history.versions[v - 1].text, history.versions[v].text,
                        history.parse_options,
                        "seed " + std::to_string(seed) + " version " + std::to_string(v));
            if (v >= 5)
                all.compare(history.versions[v - 5].text, history.versions[v].text,
                            history.parse_options,
                            "seed " + std::to_string(seed) + " versions " + std::to_string(v - 5) +
                                ".." + std::to_string(v));
        }
    }
    EXPECT_GT(all.pairs, 5000u);
    EXPECT_GT(all.windowed, all.pairs / 3) << "the stretch is rarely used: the test tests little";
    EXPECT_EQ(all.differing, 0u) << "first:\n" << all.first;
}

std::string paragraphs(int count, const std::string& tail = "") {
    std::string text = "---\nid: A-1\n---\n\n";
    for (int k = 1; k <= count; ++k)
        text += std::to_string(k) + ". Paragraph " + std::to_string(k) + " of the text.\n\n";
    return text + tail;
}

TEST(DiffWindow, CutsAroundTheChangeWithAParagraphOfContext) {
    const std::string a = paragraphs(10);
    std::string b = a;
    b.insert(b.find("5 of the") + 2, "[and more]");
    const Document before = parse(a), after = parse(b);
    const std::optional<DiffWindow> window = find_diff_window(before, after);
    ASSERT_TRUE(window);
    EXPECT_EQ(window->first_paragraph, 3u);  // paragraphs 4, 5 and 6
    EXPECT_EQ(window->old_paragraphs, 3u);
    EXPECT_EQ(window->new_paragraphs, 3u);
    // From the end of paragraph 3's text to the end of paragraph 6's.
    EXPECT_EQ(window->begin, a.find("4. ") - 2);
    EXPECT_EQ(window->old_end, a.find("7. ") - 2);
    EXPECT_EQ(window->new_end, b.find("7. ") - 2);
    const std::vector<Change> changes = structural_diff(before, after);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].kind, ChangeKind::bracketed_text_inserted);
    EXPECT_EQ(b.substr(changes[0].new_range.begin, changes[0].new_range.size()), "[and more]");
}

TEST(DiffWindow, DoesNotCutThroughABracketSpanningParagraphs) {
    std::string a = paragraphs(10);
    a.replace(a.find("2. Paragraph"), 3, "2. [Paragraph");
    a.replace(a.find("4 of the text."), 14, "4 of the text.]");
    std::string b = a;
    b.replace(b.find("Paragraph 5 of"), 11, "Paragraph five of");
    const Document before = parse(a), after = parse(b);
    ASSERT_EQ(before.brackets.size(), 1u);
    ASSERT_TRUE(before.brackets[0].spans_paragraphs());
    const std::optional<DiffWindow> window = find_diff_window(before, after);
    ASSERT_TRUE(window);
    EXPECT_EQ(window->first_paragraph, 1u);  // from the bracket's opening paragraph
    EXPECT_EQ(test::told(structural_diff(before, after)),
              test::told(structural_diff_whole(before, after)));
}

// Brackets chained across paragraphs ("[a ... b] [b ... c] ..."): no
// boundary is free of one, so the texts are compared whole, found at once
// (the boundaries are read once, not again at every paragraph the cut
// moves past).
TEST(DiffWindow, ComparesWholeWhereEveryBoundaryIsCrossed) {
    std::string a = "First paragraph, free.\n\nSecond [paragraph:\n\n";
    for (int k = 0; k < 3000; ++k) a += "words] and [more:\n\n";
    a += "words] at the end.\n";
    std::string b = a;
    b.replace(b.rfind("at the end"), 10, "at the [very] end");
    const Document before = parse(a), after = parse(b);
    ASSERT_GT(before.brackets.size(), 3000u);
    EXPECT_FALSE(find_diff_window(before, after));
    const std::vector<Change> changes = structural_diff(before, after);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].kind, ChangeKind::bracketed_text_inserted);
}

TEST(DiffWindow, TakesAlternativeParagraphsAsAGroup) {
    std::string a = paragraphs(4) + "Option 1: keep the text.\n\nOption 2: change the text.\n\n" +
                    "Option 3: delete the text.\n\n" + paragraphs(6).substr(17);
    std::string b = a;
    b.replace(b.find("Option 3: delete"), 16, "Option 3: [delete]");
    const Document before = parse(a), after = parse(b);
    const std::optional<DiffWindow> window = find_diff_window(before, after);
    ASSERT_TRUE(window);
    // The cut falls before the paragraph ahead of Option 1, not between options.
    EXPECT_EQ(window->first_paragraph, 3u);
    EXPECT_EQ(test::told(structural_diff(before, after)),
              test::told(structural_diff_whole(before, after)));
}

// The stretch ends with its last paragraph and the blank lines after it
// (found by a tester): a paragraph added after that one stands after the
// blank lines, before the next paragraph, as in the whole comparison.
TEST(DiffWindow, AParagraphAddedAtTheEndOfTheStretchStandsAfterItsBlankLines) {
    const std::string a = "Head one.\n\n\nX x.\n\nT t.\n\nX x.\n";
    const std::string b = "Head one.\n\nX x.\n\nX x.\n\nT t.\n\nX x.\n";
    const Document before = parse(a), after = parse(b);
    ASSERT_TRUE(find_diff_window(before, after));
    const std::vector<Change> changes = structural_diff(before, after);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].kind, ChangeKind::paragraph_added);
    EXPECT_EQ(changes[0].old_range.begin, a.find("T t."));
    EXPECT_EQ(test::told(changes), test::told(structural_diff_whole(before, after)));
}

TEST(DiffWindow, ComparesWholeWhereTheFrontMatterOrLinkLabelsDiffer) {
    const std::string a = paragraphs(10);
    std::string b = a;
    b.replace(b.find("A-1"), 3, "A-2");
    b.replace(b.find("Paragraph 5 of"), 11, "Paragraph five of");
    EXPECT_FALSE(find_diff_window(parse(a), parse(b)));
    std::string c = a + "[five]: https://example.org\n";
    std::string d = c;
    d.replace(d.find("Paragraph 5 of"), 11, "Paragraph [five] of");
    const Document with_label = parse(d);
    EXPECT_FALSE(find_diff_window(parse(a), with_label));  // only one text defines it
    EXPECT_TRUE(find_diff_window(parse(c), with_label));
    EXPECT_EQ(test::told(structural_diff(parse(c), with_label)),
              test::told(structural_diff_whole(parse(c), with_label)));
    EXPECT_FALSE(find_diff_window(parse(a), parse(a)));  // nothing changed
}

}  // namespace
}  // namespace accord
