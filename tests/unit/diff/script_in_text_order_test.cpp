// The paragraph diff as one pass through both texts
// (merge/diff/script_in_text_order.hpp): each text's tokens once, in its
// order; a paragraph standing as it stood kept, whatever was deleted or
// added around it; a moved paragraph removed where it stood and added
// where it stands.
#include "merge/diff/script_in_text_order.hpp"

#include <gtest/gtest.h>

#include "core/notation/parse.hpp"
#include "merge/diff/token_view.hpp"

namespace accord {
namespace {

// The script over the two texts, "[-removed-]" and "{+added+}", after
// checking that it passes through each text's tokens once, in order, and
// keeps only tokens alike (the same, or both white space).
std::string in_order(const std::string& before, const std::string& after) {
    const Document old_doc = parse(before), new_doc = parse(after);
    const ParagraphDiff diff = diff_paragraphs(old_doc, new_doc);
    const std::vector<Edit> script = script_in_text_order(diff);
    std::uint32_t old_next = 0, new_next = 0;
    std::string out;
    EditKind open = EditKind::common;
    for (const Edit& e : script) {
        if (e.kind != open) {
            out += open == EditKind::removed ? "-]" : open == EditKind::added ? "+}" : "";
            out += e.kind == EditKind::removed ? "[-" : e.kind == EditKind::added ? "{+" : "";
            open = e.kind;
        }
        if (e.kind != EditKind::added) {
            EXPECT_EQ(e.old_index, old_next++) << out;
        }
        if (e.kind != EditKind::removed) {
            EXPECT_EQ(e.new_index, new_next++) << out;
        }
        if (e.kind == EditKind::common) {
            const bool spaces = is_space_token(diff.old_tokens[e.old_index].kind) &&
                                is_space_token(diff.new_tokens[e.new_index].kind);
            EXPECT_TRUE(spaces || diff.old_ids[e.old_index] == diff.new_ids[e.new_index]) << out;
        }
        out += e.kind == EditKind::removed ? old_doc.text(diff.old_tokens[e.old_index].range)
                                           : new_doc.text(diff.new_tokens[e.new_index].range);
    }
    out += open == EditKind::removed ? "-]" : open == EditKind::added ? "+}" : "";
    EXPECT_EQ(old_next, diff.old_tokens.size());
    EXPECT_EQ(new_next, diff.new_tokens.size());
    return out;
}

// The last paragraph's break is not a middle one's: the word diff of the
// whole text paired "2. Two" with "3. Three" and "3. Three" with "4. Four"
// (numbers, points and breaks alike), deleting and inserting "3. Three".
TEST(ScriptInTextOrder, AParagraphThatStandsIsKeptWhateverWasDeletedAndAddedAroundIt) {
    EXPECT_EQ(in_order("1. One\n\n2. Two\n\n3. Three\n", "1. One\n\n3. Three\n\n4. Four\n"),
              "1. One\n\n[-2. Two\n\n-]3. Three\n\n{+4. Four\n+}");
}

TEST(ScriptInTextOrder, AMovedParagraphIsRemovedWhereItStoodAndAddedWhereItStands) {
    EXPECT_EQ(in_order("Alpha beta gamma.\n\nDelta epsilon.\n\nZeta eta theta.\n",
                       "Delta epsilon.\n\nZeta eta theta.\n\nAlpha beta gamma.\n"),
              "[-Alpha beta gamma.\n\n-]Delta epsilon.\n\nZeta eta theta.\n\n"
              "{+Alpha beta gamma.\n+}");
}

TEST(ScriptInTextOrder, AnEditedParagraphKeepsItsWordsBesideAnAddedOne) {
    EXPECT_EQ(in_order("---\nstatus: draft\n---\nParties shall report annually.\n",
                       "---\nstatus: open\n---\nNew first paragraph.\n\nParties shall report "
                       "in good faith.\n"),
              "[----\nstatus: draft\n---\n-]{+---\nstatus: open\n---\nNew first paragraph.\n\n+}"
              "Parties shall report [-annually-]{+in good faith+}.\n");
}

}  // namespace
}  // namespace accord
