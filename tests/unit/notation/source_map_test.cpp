// Positions of byte offsets: the column counts characters from the line's
// start, the same whether the line is short or long (long lines are counted
// from the nearest stride), with multi-byte and invalid UTF-8 about.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/notation/source_map.hpp"
#include "core/util/utf8.hpp"

namespace accord {
namespace {

// Line and column counted from the start, byte by byte.
Position counted(const std::string& text, std::size_t offset) {
    std::size_t line = 1, start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') ++line, start = i + 1;
    }
    return {line, utf8::count_chars(text, start, offset) + 1};
}

TEST(SourceMap, ColumnsInLongLinesAreCountedAsInShortOnes) {
    std::mt19937 random(7);
    const std::string pieces[] = {"a",    "Parties ", "é",        "€",       "\xF0\x9F\x8C\x8D",
                                  "\xC3", "\xA9",     "\xE2\x82", "[shall]", "\n",
                                  " "};
    for (int round = 0; round < 4; ++round) {
        std::string text;
        while (text.size() < 40000) {
            const std::size_t k = random() % std::size(pieces);
            // Line breaks rare: lines of some thousands of bytes and more.
            if (pieces[k] == "\n" && random() % 400 != 0) continue;
            text += pieces[k];
        }
        const SourceMap map(text);
        for (int probe = 0; probe < 400; ++probe) {
            const std::size_t offset = random() % (text.size() + 1);
            const Position got = map.locate(offset), want = counted(text, offset);
            ASSERT_EQ(got.line, want.line) << "offset " << offset;
            ASSERT_EQ(got.column, want.column) << "offset " << offset;
        }
    }
}

// A long line without a single ASCII byte (Cyrillic words joined by
// no-break spaces) is counted from strides too, and alike.
TEST(SourceMap, ALongLineWithoutASCIIIsCountedAlike) {
    std::string text;
    while (text.size() < 30000) text += "\xD1\x81\xD1\x82\xD0\xBE\xC2\xA0";  // "сто" + U+00A0
    const SourceMap map(text);
    for (std::size_t offset = 0; offset <= text.size(); offset += 997) {
        const Position want = counted(text, offset);
        EXPECT_EQ(map.locate(offset).column, want.column) << offset;
    }
    EXPECT_EQ(map.locate(text.size()).column, utf8::count_chars(text, 0, text.size()) + 1);
}

TEST(SourceMap, ALineOfOneCharacterPerByteCountsEveryByte) {
    const std::string text = std::string(10000, 'x') + "\n" + std::string(9000, 'y');
    const SourceMap map(text);
    EXPECT_EQ(map.locate(9999).column, 10000u);
    EXPECT_EQ(map.locate(10001).line, 2u);
    EXPECT_EQ(map.locate(10001 + 8500).column, 8501u);
    EXPECT_EQ(map.locate(text.size()).column, 9001u);
}

}  // namespace
}  // namespace accord
