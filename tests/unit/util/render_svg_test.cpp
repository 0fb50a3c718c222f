// The generic line chart (core/chart_svg): round ticks, calendar ticks, and
// an SVG that is well-formed XML with its title, axes, legend and no script.
#include <gtest/gtest.h>

#include <regex>

#include "core/util/chart_svg.hpp"
#include "core/util/date.hpp"
#include "support/xml_check.hpp"

namespace accord {
namespace {

std::int64_t at(const char* day, int hour = 12) {
    return day_start_utc(*parse_iso_date(day)) + hour * 3600;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t i = text.find(what); i != std::string::npos; i = text.find(what, i + 1)) ++n;
    return n;
}

TEST(NiceTicks, RoundStepsCoveringTheRange) {
    EXPECT_EQ(nice_ticks(0, 1050, 6), (std::vector<double>{0, 200, 400, 600, 800, 1000, 1200}));
    EXPECT_EQ(nice_ticks(0, 6, 6), (std::vector<double>{0, 1, 2, 3, 4, 5, 6}));
    const std::vector<double> unit = nice_ticks(0, 1, 6);
    ASSERT_EQ(unit.size(), 6u);
    EXPECT_DOUBLE_EQ(unit[1], 0.2);
    EXPECT_DOUBLE_EQ(unit.back(), 1.0);
    const std::vector<double> big = nice_ticks(0, 37'000, 5);
    EXPECT_EQ(big.front(), 0);
    EXPECT_GE(big.back(), 37'000);
    EXPECT_LE(big.size(), 7u);
    EXPECT_EQ(nice_ticks(0, 3, 6, 1), (std::vector<double>{0, 1, 2, 3})) << "counts: whole numbers";
    const std::vector<double> flat = nice_ticks(5, 5, 5);
    EXPECT_GE(flat.size(), 2u) << "an empty range still gets an axis";
}

TEST(TimeTicks, WeeksForSevenWeeksWithTheYearOnTheFirst) {
    const auto ticks = time_ticks(at("2015-10-23"), at("2015-12-12"), 9);
    ASSERT_GE(ticks.size(), 5u);
    ASSERT_LE(ticks.size(), 9u);
    EXPECT_EQ(ticks.front().label, "26 Oct 2015") << "the first Monday in range";
    EXPECT_EQ(ticks[1].label, "2 Nov");
    for (std::size_t i = 1; i < ticks.size(); ++i)
        EXPECT_EQ(ticks[i].time - ticks[i - 1].time, 7 * 86400);
}

TEST(TimeTicks, MonthsForAYearAndTheYearWhenItChanges) {
    const auto ticks = time_ticks(at("2013-06-04"), at("2014-05-30"), 8);
    ASSERT_FALSE(ticks.empty());
    EXPECT_EQ(ticks.front().label, "Jul 2013");
    bool saw_new_year = false;
    for (const TimeTick& t : ticks) saw_new_year |= t.label == "Jan 2014";
    EXPECT_TRUE(saw_new_year) << "two-monthly ticks from July reach January with its year";
    EXPECT_LE(ticks.size(), 8u);
}

TEST(TimeTicks, DaysForAShortRangeAndYearsForALongOne) {
    const auto days = time_ticks(at("2015-12-09", 0), at("2015-12-12", 23), 8);
    ASSERT_EQ(days.size(), 4u);
    EXPECT_EQ(days[0].label, "9 Dec 2015");
    EXPECT_EQ(days[3].label, "12 Dec");
    const auto years = time_ticks(at("1995-03-01"), at("2015-12-12"), 8);
    ASSERT_FALSE(years.empty());
    EXPECT_EQ(years.front().label, "2000");
}

TEST(FormatCount, ThousandsSeparated) {
    EXPECT_EQ(format_count(0), "0");
    EXPECT_EQ(format_count(1050), "1,050");
    EXPECT_EQ(format_count(1234567), "1,234,567");
    EXPECT_EQ(format_count(2.5), "2.5");
}

TEST(XmlEscape, MarkupQuotesAndBadBytes) {
    EXPECT_EQ(xml_escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    EXPECT_EQ(xml_escape("°C"), "°C") << "UTF-8 passes through";
    EXPECT_EQ(xml_escape(std::string("x\xff\x01y")), "x\xEF\xBF\xBD y");
}

LineChart sample_chart() {
    LineChart chart;
    chart.title = "Open brackets <&> \"over\" time";
    chart.subtitle = "4 proposals";
    chart.x_label = "Proposal date";
    chart.y_label = "Open brackets";
    chart.series.push_back({"All texts",
                            "",
                            {{at("2015-10-23"), 1050},
                             {at("2015-12-04"), 1040},
                             {at("2015-12-09"), 220},
                             {at("2015-12-12"), 0}},
                            true});
    chart.series.push_back({"Art. 2 & <purpose>",
                            "Article 2 <purpose>",
                            {{at("2015-10-23"), 40}, {at("2015-12-12"), 0}}});
    return chart;
}

TEST(LineChartSvg, WellFormedWithTitleAxesLegendAndNoScript) {
    const std::string svg = render_line_chart_svg(sample_chart());
    EXPECT_EQ(test::xml_problem(svg), "") << svg;
    EXPECT_NE(svg.find("Open brackets &lt;&amp;&gt; &quot;over&quot; time"), std::string::npos);
    EXPECT_NE(svg.find(">Proposal date</text>"), std::string::npos) << "x axis label";
    EXPECT_NE(svg.find("rotate(-90"), std::string::npos) << "y axis label, upright";
    EXPECT_NE(svg.find(">1,000</text>"), std::string::npos) << "round y ticks";
    EXPECT_NE(svg.find(">26 Oct 2015</text>"), std::string::npos) << "date ticks";
    EXPECT_NE(svg.find(">Art. 2 &amp; &lt;purpose&gt;</text>"), std::string::npos) << "legend";
    EXPECT_NE(svg.find(">1,050</text>"), std::string::npos) << "the total's values written";
    EXPECT_NE(svg.find("<title>Article 2 &lt;purpose&gt;</title>"), std::string::npos)
        << "the tooltip on hover";
    EXPECT_EQ(occurrences(svg, "<path d=\"M"), 3u) << "axes and one path per series";
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find("href"), std::string::npos) << "nothing fetched";
    EXPECT_EQ(svg.find("@import"), std::string::npos);
}

TEST(LineChartSvg, StepsHoldEachValueUntilTheNextPoint) {
    const std::string svg = render_line_chart_svg(sample_chart());
    // The total's path: M x y, then H x V y per later point.
    const std::regex total("<path d=\"(M[^\"]+)\" fill=\"none\" stroke=\"#111111\"");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(svg, m, total));
    EXPECT_EQ(occurrences(m[1], " H"), 3u);
    EXPECT_EQ(occurrences(m[1], " V"), 3u);
    ChartStyle straight;
    straight.steps = false;
    const std::string lines = render_line_chart_svg(sample_chart(), straight);
    ASSERT_TRUE(std::regex_search(lines, m, total));
    EXPECT_EQ(occurrences(m[1], " L"), 3u);
}

TEST(LineChartSvg, HigherValuesAreHigherOnThePage) {
    const std::string svg = render_line_chart_svg(sample_chart());
    const std::regex dot("<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\" r=\"4.5\"");
    std::vector<std::pair<double, double>> dots;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), dot); it != std::sregex_iterator();
         ++it)
        dots.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]));
    ASSERT_EQ(dots.size(), 4u);
    for (std::size_t i = 1; i < dots.size(); ++i) {
        EXPECT_GT(dots[i].first, dots[i - 1].first) << "later is further right";
        EXPECT_GE(dots[i].second, dots[i - 1].second) << "fewer brackets is lower";
    }
}

TEST(LineChartSvg, EmptyChartSaysSo) {
    LineChart chart;
    chart.title = "Open brackets over time";
    chart.empty_message = "no proposals";
    const std::string svg = render_line_chart_svg(chart);
    EXPECT_EQ(test::xml_problem(svg), "");
    EXPECT_NE(svg.find(">no proposals</text>"), std::string::npos);
    EXPECT_EQ(svg.find("<path"), std::string::npos);
}

TEST(LineChartSvg, SinglePointStillDrawsAnAxis) {
    LineChart chart;
    chart.series.push_back({"Total", "", {{at("2015-12-12"), 0}}, true});
    const std::string svg = render_line_chart_svg(chart);
    EXPECT_EQ(test::xml_problem(svg), "");
    EXPECT_EQ(svg.find("nan"), std::string::npos);
    EXPECT_EQ(svg.find("inf"), std::string::npos);
    EXPECT_NE(svg.find(">12 Dec 2015</text>"), std::string::npos);
}

TEST(LineChartSvg, LegendSaysHowManyDidNotFit) {
    LineChart chart;
    for (int i = 0; i < 40; ++i)
        chart.series.push_back({"Series " + std::to_string(i), "", {{at("2015-10-23"), 1.0 * i}}});
    const std::string svg = render_line_chart_svg(chart);
    EXPECT_EQ(test::xml_problem(svg), "");
    EXPECT_NE(svg.find(" more</text>"), std::string::npos);
}

TEST(XmlCheck, CatchesWhatARendererGetsWrong) {
    EXPECT_EQ(test::xml_problem("<svg><g><text>a &amp; b</text></g></svg>"), "");
    EXPECT_NE(test::xml_problem("<svg><g></svg>"), "");
    EXPECT_NE(test::xml_problem("<svg><text>a & b</text></svg>"), "");
    EXPECT_NE(test::xml_problem("<svg><text>a < b</text></svg>"), "");
    EXPECT_NE(test::xml_problem("<svg x=1></svg>"), "");
    EXPECT_NE(test::xml_problem("<svg></svg><svg></svg>"), "");
}

}  // namespace
}  // namespace accord
