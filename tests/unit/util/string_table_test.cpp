// StringTable: each key keeps the first number given for it, through the
// table's growth, and after the strings it was given are gone.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/util/string_table.hpp"

namespace accord {
namespace {

TEST(StringTable, KeysKeepTheirFirstNumberThroughGrowth) {
    StringTable table;
    {
        std::vector<std::string> keys;  // freed before the lookups below
        for (std::uint32_t k = 0; k < 5000; ++k) {
            keys.push_back("word" + std::to_string(k) + std::string(k % 40, 'x'));
            EXPECT_EQ(table.find_or_add(keys.back(), k), k);
        }
        EXPECT_EQ(table.find_or_add("", 9000), 9000u);
    }
    for (std::uint32_t k = 0; k < 5000; ++k) {
        const std::string key = "word" + std::to_string(k) + std::string(k % 40, 'x');
        EXPECT_EQ(table.find_or_add(key, 99999), k) << key;
    }
    EXPECT_EQ(table.find_or_add("", 1), 9000u);
    EXPECT_EQ(table.find_or_add("word1x", 7), 1u);  // key 1 is "word1" and one 'x'
    EXPECT_EQ(table.find_or_add("word1", 7), 7u) << "a new key";
}

TEST(StringTable, HashTellsApartKeysOfEveryLength) {
    // Eight-byte words and the tail are both hashed: keys that differ only
    // in their last byte, at every length up to 24, hash differently.
    for (std::size_t n = 1; n <= 24; ++n) {
        const std::string a(n, 'a');
        std::string b = a;
        b.back() = 'b';
        EXPECT_NE(hash_bytes(a), hash_bytes(b)) << n;
    }
    EXPECT_NE(hash_bytes("ab"), hash_bytes(std::string_view("ab\0", 3)));  // lengths differ
}

}  // namespace
}  // namespace accord
