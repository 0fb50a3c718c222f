// The negotiation rules of the token merge on small texts, one rule each:
// the status rule reads the parsed status.
#include <gtest/gtest.h>

#include "merge/merge3/merge3.hpp"
#include "support/matchers.hpp"

namespace accord {
namespace {

using test::ElementsAre;
using test::IsDisagreement;
using test::IsEmpty;

MergeResult merged(const std::string& base, const std::string& ours, const std::string& theirs,
                   const MergeOptions& options = {}) {
    return merge3(base, ours, theirs, options);
}

// --- status: agreement needs both -----------------------------------------

MergeOptions with_status_vocabulary(std::vector<std::string> vocabulary) {
    MergeOptions options;
    options.parse.notation.status_vocabulary = std::move(vocabulary);
    return options;
}

TEST(MergeStatus, AConfiguredStatusThatSpellsAgreedInsideIsNotAgreement) {
    const MergeOptions options =
        with_status_vocabulary({"agreed", "not agreed", "revisit", "no consensus"});
    const MergeResult r = merged("Recommends it (revisit).\n", "Recommends it (not agreed).\n",
                                 "Recommends it (no consensus).\n", options);
    EXPECT_EQ(r.text, "Recommends it (not agreed).\n");  // ours stands: it did not agree
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::status, 1)));
}

TEST(MergeStatus, AgreedGivesWayToTheOtherSidesStatus) {
    const MergeOptions options =
        with_status_vocabulary({"agreed", "not agreed", "revisit", "no consensus"});
    EXPECT_EQ(merged("Recommends it (revisit).\n", "Recommends it (agreed).\n",
                     "Recommends it (not agreed).\n", options)
                  .text,
              "Recommends it (not agreed).\n");
    EXPECT_EQ(merged("Recommends it (revisit).\n", "Recommends it (not agreed).\n",
                     "Recommends it (agreed).\n", options)
                  .text,
              "Recommends it (not agreed).\n");
}

TEST(MergeStatus, AgreedAdReferendumIsNotAgreement) {
    const MergeResult r = merged("Recommends it (revisit).\n", "Recommends it (agreed ad ref).\n",
                                 "Recommends it (no consensus).\n");
    EXPECT_EQ(r.text, "Recommends it (agreed ad ref).\n");
    EXPECT_THAT(r.disagreements, ElementsAre(IsDisagreement(DisagreementKind::status, 1)));
}

}  // namespace
}  // namespace accord
