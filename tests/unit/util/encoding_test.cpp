// Byte-order marks and UTF-16 read as UTF-8.
#include "core/util/encoding.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

std::string utf16(const std::u16string& text, bool little) {
    std::string out = little ? std::string("\xFF\xFE") : std::string("\xFE\xFF");
    for (const char16_t unit : text) {
        const char high = static_cast<char>(unit >> 8), low = static_cast<char>(unit & 0xFF);
        out += little ? low : high;
        out += little ? high : low;
    }
    return out;
}

TEST(Encoding, NamesTheByteOrderMarks) {
    using namespace std::string_literals;
    EXPECT_EQ(byte_order_mark("plain"), ByteOrderMark::none);
    EXPECT_EQ(byte_order_mark("\xEF\xBB\xBFtext"), ByteOrderMark::utf8);
    EXPECT_EQ(byte_order_mark("\xFF\xFEt\0"s), ByteOrderMark::utf16_le);
    EXPECT_EQ(byte_order_mark("\xFE\xFF\0t"s), ByteOrderMark::utf16_be);
    EXPECT_EQ(byte_order_mark("\xFF\xFE\0\0"s), ByteOrderMark::utf32_le);
    EXPECT_EQ(byte_order_mark("\0\0\xFE\xFF"s), ByteOrderMark::utf32_be);
}

TEST(Encoding, Utf16WithAByteOrderMarkReadsAsUtf8) {
    const std::u16string text = u"C\u00f4te d'Ivoire [shall] \u2014 \U0001F4DC\r\n";
    const std::string expected = "C\xC3\xB4te d'Ivoire [shall] \xE2\x80\x94 \xF0\x9F\x93\x9C\r\n";
    EXPECT_EQ(utf16_to_utf8(utf16(text, true)), expected);
    EXPECT_EQ(utf16_to_utf8(utf16(text, false)), expected);
    EXPECT_EQ(utf16_to_utf8(utf16(u"", true)), "");
}

TEST(Encoding, MalformedUtf16IsRefused) {
    EXPECT_EQ(utf16_to_utf8("no mark"), std::nullopt);
    EXPECT_EQ(utf16_to_utf8(utf16(u"odd", true) + "x"), std::nullopt);
    EXPECT_EQ(utf16_to_utf8(utf16(std::u16string(1, char16_t(0xD800)), true)), std::nullopt);
    EXPECT_EQ(utf16_to_utf8(utf16(std::u16string(1, char16_t(0xDC00)) + u"a", true)), std::nullopt);
}

TEST(Encoding, Windows1252ReadsAsUtf8AndItsUndefinedBytesAreRefused) {
    EXPECT_EQ(windows1252_to_utf8("caf\xE9 \x93x\x94 \x80 \x9F \xFF"), "café “x” € Ÿ ÿ");
    EXPECT_EQ(windows1252_to_utf8(""), "");
    std::size_t at = 0;
    EXPECT_FALSE(windows1252_to_utf8("ab\x8D", &at));
    EXPECT_EQ(at, 2u);
}

TEST(Encoding, CarriageReturnLineEndingsAreRecordedAsLineFeeds) {
    const std::optional<ConvertedText> mac = convert_to_recorded("one [a]\r\rtwo\r");
    ASSERT_TRUE(mac);
    EXPECT_EQ(mac->text, "one [a]\n\ntwo\n");
    EXPECT_EQ(mac->from, "with carriage-return line endings");
    EXPECT_EQ(mac->as, "with line feeds");
    // Windows and Unix line endings, and a lone CR among them, stay as they are.
    EXPECT_EQ(convert_to_recorded("one\r\ntwo\r\n"), std::nullopt);
    EXPECT_EQ(convert_to_recorded("one\ntwo\rthree\n"), std::nullopt);
    EXPECT_EQ(convert_to_recorded("plain"), std::nullopt);
}

TEST(Encoding, Utf16IsRecordedAsUtf8AndItsCarriageReturnsAsLineFeeds) {
    const std::optional<ConvertedText> windows = convert_to_recorded(utf16(u"a\r\nb\r\n", true));
    ASSERT_TRUE(windows);
    EXPECT_EQ(windows->text, "a\r\nb\r\n");
    EXPECT_EQ(windows->from, "in UTF-16 (little-endian)");
    EXPECT_EQ(windows->as, "as UTF-8");
    const std::optional<ConvertedText> mac = convert_to_recorded(utf16(u"a\rb\r", false));
    ASSERT_TRUE(mac);
    EXPECT_EQ(mac->text, "a\nb\n");
    EXPECT_EQ(mac->from, "in UTF-16 (big-endian) with carriage-return line endings");
    EXPECT_EQ(mac->as, "as UTF-8 with line feeds");
    EXPECT_EQ(convert_to_recorded(utf16(u"odd", true) + "x"), std::nullopt);
}

}  // namespace
}  // namespace accord
