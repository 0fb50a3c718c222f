// core/util/text: widths in characters, so that tables line up.
#include "core/util/text.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

// Blame's and status's columns: cut by whole characters, never inside one.
TEST(Text, ClipToWidthCutsWholeCharacters) {
    EXPECT_EQ(clip_to_width("Japan", 8), "Japan");
    EXPECT_EQ(clip_to_width("Côte d'Ivoire", 13), "Côte d'Ivoire");
    EXPECT_EQ(clip_to_width("Côte d'Ivoire", 4), "Côt…");
    EXPECT_EQ(clip_to_width("日本代表団", 3), "日本…");
    EXPECT_EQ(display_width(clip_to_width("Türkiye, 日本代表団", 9)), 9U);
}

TEST(Text, JoinAndPadByCharacters) {
    EXPECT_EQ(join({"Japan", "Sweden", "Chair"}), "Japan, Sweden, Chair");
    EXPECT_EQ(join({"a"}, " / "), "a");
    EXPECT_EQ(join({}), "");
    EXPECT_EQ(display_width("C\xC3\xB4te"), 4u);
    EXPECT_EQ(pad_right("C\xC3\xB4te", 6), "C\xC3\xB4te  ");
    EXPECT_EQ(pad_left("7", 3), "  7");
    EXPECT_EQ(pad_right("too wide", 3), "too wide");
}

}  // namespace
}  // namespace accord
