// The HTML legend's "words in the text": words each proposal introduced,
// counted word by word, not by the runs of words blame joins into a span.
#include <gtest/gtest.h>

#include "core/notation/parse.hpp"
#include "merge/compile/html_text.hpp"

namespace accord {
namespace {

TEST(HtmlLegend, CountsWordsNotSpans) {
    const Document doc = parse("Holding the increase [well below 2 °C] ~~above~~ levels.\n", {});
    const std::string& text = doc.source;
    const auto range = [&](std::string_view part) {
        const std::size_t at = text.find(part);
        return ByteRange{at, at + part.size()};
    };
    // "Holding the increase" and "levels." by 0; the bracket and its words
    // by 1, "above" by 0 struck by 2.
    const std::vector<BlameSpan> spans = {
        {range("Holding the increase"), SpanKind::text, 0, std::nullopt},
        {range("["), SpanKind::bracket, 1, std::nullopt},
        {range("well below 2 °C"), SpanKind::text, 1, std::nullopt},
        {range("]"), SpanKind::bracket, 1, std::nullopt},
        {{range("~~above").begin, range("~~above").begin + 2}, SpanKind::strike, 2, std::nullopt},
        {range("above"), SpanKind::text, 0, std::nullopt},
        {{range("above~~").end - 2, range("above~~").end}, SpanKind::strike, 2, std::nullopt},
        {range("levels."), SpanKind::text, 0, std::nullopt},
    };
    const std::vector<std::size_t> words = words_per_origin(doc, spans, 3);
    ASSERT_EQ(words.size(), 3u);
    EXPECT_EQ(words[0], 5u);  // Holding the increase above levels
    EXPECT_EQ(words[1], 4u);  // well below 2 C
    EXPECT_EQ(words[2], 0u);  // marks are no words
}

}  // namespace
}  // namespace accord
