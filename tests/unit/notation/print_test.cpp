#include "core/notation/print.hpp"

#include <gtest/gtest.h>

#include "core/notation/parse.hpp"

namespace accord {
namespace {

TEST(Print, RoundTripsEveryConstruct) {
    const std::vector<std::string> inputs = {
        "",
        "\n\n\n",
        "---\nid: A-1\n---\n",
        "---\nid: A-1\n---\nAlt1: To [a][b / c] ~~d~~ (agreed)\n\n**Option 2:** [x\n\ny]\r\n",
        "[unclosed ~~ and ] stray",
        "[link](http://x) [^1] [a][ref]\n\n[ref]: http://y",
        "---\nnot: [closed\n",
    };
    for (const std::string& input : inputs) EXPECT_EQ(print(parse(input)), input) << input;
}

TEST(Print, MarkupPiecesAreOrderedAndDisjoint) {
    const Document d = parse("Alt: [a][b / c] ~~d~~ (agreed)");
    const auto pieces = markup_pieces(d);
    ASSERT_EQ(pieces.size(), 9u);  // label, [ ] [ / ] ~~ ~~, tag
    EXPECT_EQ(pieces.front().kind, MarkupKind::label);
    EXPECT_EQ(pieces.back().kind, MarkupKind::status_tag);
    for (std::size_t k = 1; k < pieces.size(); ++k)
        EXPECT_LE(pieces[k - 1].range.end, pieces[k].range.begin);
}

}  // namespace
}  // namespace accord
