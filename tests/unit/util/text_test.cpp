// core/util/text: widths in characters, so that tables line up.
#include "core/util/text.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

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
