// Whether the wording a position speaks of still stands.
#include "merge/report/positions.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

TEST(WordingStanding, ComparedAsAReaderSeesIt) {
    const std::string text = "Parties **that are** [authorized]\nshall ~~report annually~~.";
    EXPECT_EQ(wording_standing(text, "that are authorized shall"), Standing::stands);
    EXPECT_EQ(wording_standing(text, "report annually"), Standing::struck);
    EXPECT_EQ(wording_standing(text, "internationally transferred"), Standing::gone);
    EXPECT_EQ(wording_standing(text, ""), Standing::unknown);
}

}  // namespace
}  // namespace accord
