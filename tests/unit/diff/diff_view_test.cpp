// The words in context: each hunk starts and ends at white space, so the
// context never cuts a word or a run of marks in two.
#include <gtest/gtest.h>

#include "core/notation/parse.hpp"
#include "merge/diff/diff_view.hpp"

namespace accord {
namespace {

std::string hunks(const std::string& old_text, const std::string& new_text, std::size_t context) {
    const Document before = parse(old_text), after = parse(new_text);
    DiffViewOptions options;
    options.context_tokens = context;
    const std::string view =
        render_diff_text(before, after, structural_diff(before, after), "a", "b", options);
    return view.substr(view.find("@@ line"));
}

TEST(DiffView, ContextDoesNotCutAHeadingMarkInTwo) {
    // Twelve tokens before the change reach into "##": the hunk shows it whole.
    const std::string view = hunks("## Article 2 *(purpose)*\n\n**Option 1:**\n\nThe purpose.\n",
                                   "## Article 2 *(purpose)*\n\nThe purpose.\n", 12);
    EXPECT_NE(view.find("\n## Article 2"), std::string::npos) << view;
}

TEST(DiffView, ContextStartsAndEndsAtWordBoundaries) {
    const std::string view =
        hunks("Deposit instruments of ratification, acceptance, approval or accession.\n",
              "Deposit instruments of ratification, acceptance, approval or adhesion.\n", 6);
    // Six tokens (white space counts) before "accession" reach the comma
    // after "acceptance": the hunk starts at the word, not at its comma.
    EXPECT_EQ(view, "@@ line 1 @@\nacceptance, approval or [-accession-]{+adhesion+}.\n") << view;
}

TEST(DiffView, ContextReachesOnlyAFewTokensForALongRunWithoutSpaces) {
    const std::string url = "https://example.org/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p";
    const std::string view =
        hunks("See " + url + " for the old text.\n", "See " + url + " for the new text.\n", 2);
    EXPECT_EQ(view.find("https"), std::string::npos) << view;
}

}  // namespace
}  // namespace accord
