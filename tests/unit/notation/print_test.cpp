#include "core/notation/print.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

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

// markup_pieces merges lists it takes to be in order (the closing marks of
// nested brackets put in order through a stack); the same pieces sorted
// naively must come out.
TEST(Print, MarkupPiecesOfNestedAndInterleavedMarksAreInTextOrder) {
    const std::vector<std::string> inputs = {
        "[[[a] b] [c [d / e]]] ~~f~~ [g]",
        "Alt1: [x ~~y~~ [z]] (agreed)\n\n**Option 2:** [p\n\nq] [r][s / t]",
        "(agreed) [a [b [c [d [e]]]]] ~~u~~ ~~v~~ [w / [x]] y]",
        std::string(200, '[') + "deep" + std::string(200, ']'),
    };
    for (const std::string& input : inputs) {
        const Document d = parse(input);
        std::vector<MarkupPiece> naive;
        for (const Paragraph& p : d.paragraphs) {
            if (!p.label.empty()) naive.push_back({p.label, MarkupKind::label});
            if (!p.status_tag.empty()) naive.push_back({p.status_tag, MarkupKind::status_tag});
        }
        for (const Bracket& b : d.brackets) {
            naive.push_back({{b.open, b.open + 1}, MarkupKind::bracket_open});
            naive.push_back({{b.close, b.close + 1}, MarkupKind::bracket_close});
        }
        for (const Separator& s : d.separators)
            naive.push_back({{s.at, s.at + 1}, MarkupKind::separator});
        for (const Strike& s : d.strikes) {
            naive.push_back({{s.open, s.open + 2}, MarkupKind::strike_open});
            naive.push_back({{s.close, s.close + 2}, MarkupKind::strike_close});
        }
        std::sort(naive.begin(), naive.end(), [](const MarkupPiece& a, const MarkupPiece& b) {
            return a.range.begin < b.range.begin;
        });
        const std::vector<MarkupPiece> pieces = markup_pieces(d);
        ASSERT_EQ(pieces.size(), naive.size()) << input;
        EXPECT_GE(d.brackets.size(), 3u) << input;
        for (std::size_t k = 0; k < pieces.size(); ++k) {
            EXPECT_EQ(pieces[k].range, naive[k].range) << input << " piece " << k;
            EXPECT_EQ(pieces[k].kind, naive[k].kind) << input << " piece " << k;
        }
    }
}

}  // namespace
}  // namespace accord
