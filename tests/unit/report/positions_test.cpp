// Whether the wording a position speaks of still stands.
#include "merge/report/positions.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

TEST(WordingStanding, ComparedAsAReaderSeesIt) {
    const std::string text = "Parties **that are** [authorized]\nshall ~~report annually~~.";
    EXPECT_EQ(wording_standing(text, "that are authorized shall"), WordingStanding::stands);
    EXPECT_EQ(wording_standing(text, "report annually"), WordingStanding::struck);
    EXPECT_EQ(wording_standing(text, "internationally transferred"), WordingStanding::gone);
    EXPECT_EQ(wording_standing(text, ""), WordingStanding::unknown);
}

}  // namespace
}  // namespace accord
