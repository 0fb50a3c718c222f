#include "core/util/utf8.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

TEST(Utf8, SequenceLengths) {
    EXPECT_EQ(utf8::sequence_length("a", 0), 1u);
    EXPECT_EQ(utf8::sequence_length("é", 0), 2u);
    EXPECT_EQ(utf8::sequence_length("€", 0), 3u);
    EXPECT_EQ(utf8::sequence_length("😀", 0), 4u);
}

TEST(Utf8, InvalidSequencesAreRejected) {
    EXPECT_EQ(utf8::sequence_length("\x80", 0), 0u);              // stray continuation
    EXPECT_EQ(utf8::sequence_length("\xC0\xAF", 0), 0u);          // overlong
    EXPECT_EQ(utf8::sequence_length("\xED\xA0\x80", 0), 0u);      // surrogate
    EXPECT_EQ(utf8::sequence_length("\xF4\x90\x80\x80", 0), 0u);  // past U+10FFFF
    EXPECT_EQ(utf8::sequence_length("\xE2\x82", 0), 0u);          // truncated
}

TEST(Utf8, CountCharsCountsInvalidBytesOneEach) {
    EXPECT_EQ(utf8::count_chars("déjà", 0, 6), 4u);
    EXPECT_EQ(utf8::count_chars("a\xFF\xFE"
                                "b",
                                0, 4),
              4u);
}

TEST(Utf8, FirstInvalid) {
    EXPECT_EQ(utf8::first_invalid("plain «text»"), std::string_view::npos);
    EXPECT_EQ(utf8::first_invalid("ok\xC3"), 2u);
}

}  // namespace
}  // namespace accord
