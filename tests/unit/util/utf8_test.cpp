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

TEST(Utf8, FoldForComparisonMakesAccentedLatinLettersPlain) {
    EXPECT_EQ(utf8::fold_for_comparison("C\u00f4te d\u2019Ivoire"), "Cote d'Ivoire");
    EXPECT_EQ(utf8::fold_for_comparison("S\u00e3o Tom\u00e9 and Pr\u00edncipe"),
              "Sao Tome and Principe");
    EXPECT_EQ(utf8::fold_for_comparison("\u00c5land \u0152uvre \u00df \u0141\u00f3d\u017a"),
              "aland oeuvre ss lodz");
    EXPECT_EQ(utf8::fold_for_comparison("\ufeffa\u00a0b\u202fc\u200bd\u00ade"), "a b cde");
    EXPECT_EQ(utf8::fold_for_comparison("Co\u0302te"), "Cote");  // a combining circumflex
    EXPECT_EQ(utf8::fold_for_comparison("\u0218\u021b"), "st");
    // Not letters, not Latin, not valid: as they are.
    EXPECT_EQ(utf8::fold_for_comparison("2 \u00d7 3"), "2 \u00d7 3");
    EXPECT_EQ(utf8::fold_for_comparison("\u65e5\u672c \u0420\u043e\u0441\u0441\u0438\u044f"),
              "\u65e5\u672c \u0420\u043e\u0441\u0441\u0438\u044f");
    EXPECT_EQ(utf8::fold_for_comparison("a\xC3"), "a\xC3");
    EXPECT_EQ(utf8::fold_for_comparison("\xC3\xA9\xFF"), "e\xFF");
}

}  // namespace
}  // namespace accord
