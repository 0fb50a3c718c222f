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

// The places a position's wording stands, as bytes of the text: markup
// inside them kept, markup around them left out.
TEST(WordingPlaces, AreTheBytesOfTheTextAReaderSeesAsTheWording) {
    const std::string text = "*Decides* that Parties\nshall [report].\nParties shall act.\n";
    auto at = [&](const std::vector<ByteRange>& places) {
        std::vector<std::string> out;
        for (const ByteRange& r : places) out.push_back(text.substr(r.begin, r.size()));
        return out;
    };
    EXPECT_EQ(at(wording_places(text, "Decides that")), std::vector<std::string>{"Decides* that"});
    EXPECT_EQ(at(wording_places(text, "Parties shall report")),
              std::vector<std::string>{"Parties\nshall [report"});
    EXPECT_EQ(at(wording_places(text, "Parties shall")),
              (std::vector<std::string>{"Parties\nshall", "Parties shall"}));
    EXPECT_TRUE(wording_places(text, "internationally transferred").empty());
    EXPECT_TRUE(wording_places(text, "").empty());
    const std::string accented = "Il décidé.";
    const std::vector<ByteRange> places = wording_places(accented, "décidé");
    ASSERT_EQ(places.size(), 1u);
    EXPECT_EQ(accented.substr(places[0].begin, places[0].size()), "décidé");
}

}  // namespace
}  // namespace accord
