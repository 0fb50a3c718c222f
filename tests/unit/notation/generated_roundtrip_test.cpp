// Lossless and well-formed on generated input: random bytes and random mixes
// of the notation's marks, invalid UTF-8 and NUL, in both slash modes.
#include <gtest/gtest.h>

#include <random>

#include "core/notation/parse.hpp"
#include "support/invariants.hpp"

namespace accord {
namespace {

std::string random_bytes(std::mt19937_64& rng) {
    std::string out(rng() % 300, '\0');
    for (char& c : out) c = static_cast<char>(rng() % 256);
    return out;
}

std::string random_notation(std::mt19937_64& rng) {
    static const std::vector<std::string> pieces = {"[",
                                                    "]",
                                                    "[",
                                                    "]",
                                                    "/",
                                                    " / ",
                                                    "~",
                                                    "~~",
                                                    "~~",
                                                    "*",
                                                    "**",
                                                    "\n",
                                                    "\n\n",
                                                    "\xFF",
                                                    std::string(1, '\0'),
                                                    "word ",
                                                    "text",
                                                    " ",
                                                    "Alt1: ",
                                                    "**Option 2:** ",
                                                    "(agreed)",
                                                    "(no consensus).",
                                                    "---\n",
                                                    "[^2]",
                                                    "](x)",
                                                    "](",
                                                    "[ref]: http://x\n",
                                                    "][",
                                                    "\\[",
                                                    "\\",
                                                    "## ",
                                                    "# Heading\n",
                                                    ":",
                                                    "é",
                                                    "°",
                                                    "\r\n",
                                                    "1. ",
                                                    "(a) ",
                                                    "\xE2\x80",
                                                    "\xC3",
                                                    "...\n",
                                                    "id: A\n"};
    std::string out;
    const std::size_t n = rng() % 60;
    for (std::size_t k = 0; k < n; ++k) out += pieces[rng() % pieces.size()];
    return out;
}

void check_many(std::uint64_t seed, std::size_t count, std::string (*generate)(std::mt19937_64&)) {
    std::mt19937_64 rng(seed);
    for (std::size_t k = 0; k < count; ++k) {
        const std::string input = generate(rng);
        for (SlashOptions slash : {SlashOptions::spaced, SlashOptions::any}) {
            ParseOptions options;
            options.notation.slash_options = slash;
            const Document d = parse(input, options);
            const std::string broken = test::broken_invariant(d, input);
            ASSERT_EQ(broken, "") << "seed " << seed << " case " << k
                                  << " input: " << ::testing::PrintToString(input);
        }
    }
}

TEST(GeneratedRoundTrip, RandomBytes) {
    check_many(1, 5000, random_bytes);
}
TEST(GeneratedRoundTrip, RandomNotation) {
    check_many(2, 10000, random_notation);
}
TEST(GeneratedRoundTrip, RandomNotationAnotherSeed) {
    check_many(3, 5000, random_notation);
}

}  // namespace
}  // namespace accord
