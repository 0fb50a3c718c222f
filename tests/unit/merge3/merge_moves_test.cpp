// Paragraphs moved on one side and edited in place on the other: when the
// move is followed (a paragraph moved unchanged, rewritten alone by the
// other side) and when the texts are left as they are.
#include <gtest/gtest.h>

#include "merge/merge3/merge3.hpp"
#include "merge/merge3/merge3_moves.hpp"

namespace accord {
namespace {

const std::string kBase = "A first.\n\nB second.\n\nC third.\n";

TEST(MergeMoves, TheBaseAndTheEditorMakeTheMoversMoveInTheirOwnShape) {
    const std::string ours = "B second.\n\nC third.\n\nA first.\n";
    const std::string theirs = "A first, edited.\n\nB second.\n\nC third.\n";
    const std::optional<MergeTexts> moved = follow_moves(kBase, ours, theirs);
    ASSERT_TRUE(moved);
    // The blank lines stay where they were: the last paragraph, moved or
    // not, ends the text without one.
    EXPECT_EQ(moved->base, "B second.\n\nC third.\n\nA first.\n");
    EXPECT_EQ(moved->ours, ours);
    EXPECT_EQ(moved->theirs, "B second.\n\nC third.\n\nA first, edited.\n");
    EXPECT_EQ(merge3(kBase, ours, theirs, MergeOptions{}).text,
              "B second.\n\nC third.\n\nA first, edited.\n");
}

TEST(MergeMoves, NothingToFollowLeavesTheTextsAlone) {
    // No move.
    EXPECT_FALSE(follow_moves(kBase, "A first.\n\nB second, edited.\n\nC third.\n",
                              "A first, edited.\n\nB second.\n\nC third.\n"));
    // A move the other side did not edit merges as it stands already.
    EXPECT_FALSE(follow_moves(kBase, "B second.\n\nC third.\n\nA first.\n", kBase));
    // Moved and edited: not the same paragraph any more.
    EXPECT_FALSE(follow_moves(kBase, "B second.\n\nC third.\n\nA first, moved.\n",
                              "A first, edited.\n\nB second.\n\nC third.\n"));
    // The moved paragraph stands twice in the base: which one moved is unknown.
    EXPECT_FALSE(follow_moves("A.\n\nB.\n\nA.\n", "B.\n\nA.\n\nA.\n", "A, edited.\n\nB.\n\nA.\n"));
    // A bracket opened in the paragraph and closed in the next one.
    EXPECT_FALSE(follow_moves("[A first.\n\nB second.]\n\nC third.\n",
                              "B second.]\n\nC third.\n\n[A first.\n",
                              "[A first, edited.\n\nB second.]\n\nC third.\n"));
    // No line end at the end, or front matter.
    EXPECT_FALSE(follow_moves("A first.\n\nB second.", "B second.\n\nA first.",
                              "A first, edited.\n\nB second."));
    EXPECT_FALSE(follow_moves("---\nx: 1\n---\nA.\n\nB.\n", "---\nx: 1\n---\nB.\n\nA.\n",
                              "---\nx: 1\n---\nA, edited.\n\nB.\n"));
}

}  // namespace
}  // namespace accord
