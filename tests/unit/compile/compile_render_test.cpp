// The pieces of `accord compile` that need no repository: the layout under
// the outline's headings, the palette, HTML escaping and the body rendered
// with its notation and attribution.
#include <gtest/gtest.h>

#include <set>

#include "core/util/palette.hpp"
#include "merge/compile/compilation_layout.hpp"
#include "merge/compile/html_text.hpp"

namespace accord {
namespace {

Recommendation text(const std::string& path, const std::string& front, const std::string& body) {
    return read_recommendation(path, "---\n" + front + "---\n" + body, {});
}

TEST(CompilationLayout, HeadingsComeFromTheOutlineInOrder) {
    const Recommendation outline = text("outline.md", "id: outline\nkind: outline\ntitle: Talks\n",
                                        "Talks\n\nA preamble.\n\nTable of contents\n\nAgreed\t2\n"
                                        "GROUP A: Tunis agenda.....2\nOpen\t7\n\n"
                                        "Agreed\n\nGROUP A: Tunis agenda\n\n"
                                        "* * *\n\nOpen\n\nGROUP A: Tunis, again\n");
    const Recommendation a1 =
        text("agreed/A/01.md", "section: Agreed\ngroup: A\ntitle: Tunis\nheading: 1. By Japan\n",
             "Text.\n");
    const Recommendation a2 =
        text("agreed/A/02.md", "section: Agreed\ngroup: A\ntitle: Tunis\n", "Text.\n");
    const Recommendation b1 =
        text("open/A/01.md", "section: Open\ngroup: A\nid: open-A-1\n", "Text.\n");
    const Recommendation c1 =
        text("open/C/01.md", "section: Open\ngroup: C\ntitle: Roles\n", "Text.\n");
    const CompilationLayout layout = lay_out_compilation(&outline, {&a1, &a2, &b1, &c1}, "x");
    EXPECT_EQ(layout.title, "Talks");
    EXPECT_EQ(layout.preamble, std::vector<std::string>{"A preamble."})
        << "without the title and the table of contents with its page numbers";
    std::vector<std::string> headings;
    for (const LayoutEntry& e : layout.entries)
        headings.push_back(std::to_string(e.level) + " " + e.heading);
    EXPECT_EQ(headings,
              (std::vector<std::string>{"2 Agreed", "3 GROUP A: Tunis agenda", "4 1. By Japan",
                                        "4 Tunis", "2 Open", "3 GROUP A: Tunis, again",
                                        "4 open-A-1", "3 Group C: Roles", "4 "}))
        << "a text titled as its group stands unheaded under the group heading";
    EXPECT_EQ(layout.entries[6].text, 2u) << "text entries index the texts given";
}

// Opinions the compilation printed after its last group, behind a
// separator, come after that group's texts with the separator again: they
// are not the group's.
TEST(CompilationLayout, ATextAfterAGroupStandsBehindASeparator) {
    const Recommendation e1 =
        text("s/E/01.md", "section: S\ngroup: E\nheading: 1. By Saudi Arabia\n", "Text.\n");
    const Recommendation opinion =
        text("s/01.md", "section: S\nafter-group: E\nheading: Opinion A\n", "Text.\n");
    const Recommendation first = text("s/00.md", "section: S\nheading: Foreword\n", "Text.\n");
    const CompilationLayout layout = lay_out_compilation(nullptr, {&first, &e1, &opinion}, "x");
    std::vector<std::string> entries;
    for (const LayoutEntry& e : layout.entries)
        entries.push_back(e.kind == LayoutEntry::Kind::separator ? "* * *" : e.heading);
    EXPECT_EQ(entries, (std::vector<std::string>{"S", "Foreword", "Group E", "1. By Saudi Arabia",
                                                 "* * *", "Opinion A"}))
        << "no separator before the first group: nothing closes there";
}

TEST(CompilationLayout, WithoutOutlineTheFallbackTitleAndFlatHeadings) {
    const Recommendation one = read_recommendation("paris.md", "# Paris Agreement\n", {});
    const CompilationLayout layout = lay_out_compilation(nullptr, {&one}, "UNFCCC");
    EXPECT_EQ(layout.title, "UNFCCC");
    ASSERT_EQ(layout.entries.size(), 1u);
    EXPECT_EQ(layout.entries[0].level, 2);
    EXPECT_EQ(layout.entries[0].heading, "paris");
}

TEST(Palette, FortyColoursAllDifferent) {
    std::set<std::string> seen;
    for (std::size_t k = 0; k < 40; ++k) {
        const std::string c = distinct_colour(k);
        EXPECT_EQ(c.size(), 7u) << c;
        EXPECT_EQ(c[0], '#');
        seen.insert(c);
        EXPECT_EQ(distinct_colour(k), c) << "stable";
    }
    EXPECT_EQ(seen.size(), 40u);
}

TEST(HtmlText, EscapesMarkupQuotesAndInvalidUtf8) {
    EXPECT_EQ(html_escape("a<b>&\"c\" 'd'"), "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39;");
    EXPECT_EQ(html_escape("caf\xC3\xA9 \xFF"), "caf\xC3\xA9 \xEF\xBF\xBD");
    EXPECT_EQ(human_date("2014-02-07"), "7 Feb 2014");
    EXPECT_EQ(human_date("soon"), "soon");
}

TEST(HtmlText, NotationWithoutAttributionIsStyledNotAttributed) {
    const Document doc = parse("Keep [a][b] and [x / y] ~~gone~~ **bold**.\n", {});
    const std::string html = render_body_html(doc, {}, {});
    EXPECT_EQ(html,
              "<p dir=\"auto\">Keep <span class=\"b1 mb o\">[</span><span class=\"b1 o\">a</span>"
              "<span class=\"b1 mb o\">][</span><span class=\"b1 o\">b</span>"
              "<span class=\"b1 mb o\">]</span> and <span class=\"b1 mb\">[</span>"
              "<span class=\"b1\">x </span><span class=\"b1 ms\">/</span>"
              "<span class=\"b1\"> y</span><span class=\"b1 mb\">]</span> "
              "<span class=\"mk\">~~</span><span class=\"st\">gone</span>"
              "<span class=\"mk\">~~</span> <span class=\"em\">bold</span>.</p>\n");
    EXPECT_EQ(html.find("data-proposer"), std::string::npos);
}

TEST(HtmlText, MarkdownEmphasisIsStyledAndItsMarkersHidden) {
    const Document doc = parse("*Recognizing* that **all** * items, 2 * 3\n\n## Article 2\n", {});
    EXPECT_EQ(render_body_html(doc, {}, {}),
              "<p dir=\"auto\"><span class=\"it\">Recognizing</span> that <span "
              "class=\"em\">all</span> * "
              "items, 2 * 3</p>\n<p class=\"hd\" dir=\"auto\">Article 2</p>\n");
}

TEST(HtmlText, RunsOfOneProposalAreOneAttributedSpan) {
    const Document doc = parse("One two [three]\n", {});
    // "One two" by version 0, the bracket marks and "three" by version 1.
    const std::vector<BlameSpan> spans = {{{0, 3}, SpanKind::text, 0, std::nullopt},
                                          {{4, 7}, SpanKind::text, 0, std::nullopt},
                                          {{8, 9}, SpanKind::bracket, 1, std::nullopt},
                                          {{9, 14}, SpanKind::text, 1, 0},
                                          {{14, 15}, SpanKind::bracket, 1, std::nullopt}};
    const std::vector<OriginLabel> origins = {
        {"p0", "Japan", "2014-02-07", std::string(40, 'a'), "First"},
        {"p1", "Brazil, Mexico", "2014-02-20", std::string(40, 'b'), "Second <draft>"}};
    const std::string html = render_body_html(doc, spans, origins);
    EXPECT_NE(html.find("<span class=\"a p0\" data-proposer=\"Japan\" data-date=\"2014-02-07\" "
                        "data-commit=\"" +
                        std::string(40, 'a') +
                        "\" title=\"Wording proposed by Japan on 7 Feb 2014\nFirst\">One "
                        "two</span> "),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<span class=\"a p1 b1 mb\" data-proposer=\"Brazil, Mexico\""),
              std::string::npos);
    EXPECT_NE(html.find("title=\"Wording proposed by Brazil, Mexico on 20 Feb 2014\nSecond "
                        "&lt;draft&gt;\nRestored by Japan on 7 Feb 2014\">three</span>"),
              std::string::npos)
        << html;
}

}  // namespace
}  // namespace accord
