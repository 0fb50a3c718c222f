#pragma once
// A line chart over time as one self-contained SVG: title, labelled axes
// with round ticks (calendar dates on x, numbers on y), a legend, one line
// per series. No script, no external font or stylesheet, text escaped, so
// the file is valid XML that any browser or image viewer shows as it is.
// It knows nothing of negotiations: `accord stats` builds a LineChart and
// hands it over. The y axis starts at 0, as a chart of counts should.
#include <cstdint>
#include <string>
#include <vector>

namespace accord {

struct ChartPoint {
    std::int64_t time = 0;  // seconds since the epoch (UTC)
    double value = 0;
};

struct ChartSeries {
    std::string label;               // in the legend (long ones are shortened)
    std::string tooltip;             // shown on hover over the line; the label if empty
    std::vector<ChartPoint> points;  // in time order
    bool emphasised = false;         // drawn thicker, in black, and listed first (a total)
};

struct LineChart {
    std::string title;
    std::string subtitle;  // one line under the title; may be empty
    std::string x_label, y_label;
    std::vector<ChartSeries> series;
    std::string empty_message = "no data";  // shown when no series has a point
    bool integer_values = false;            // counts: no tick between two whole numbers
};

struct ChartStyle {
    int width = 960;
    int height = 540;
    // Step lines hold each value until the next point (a count that changes
    // only at proposals); otherwise points are joined by straight segments.
    bool steps = true;
    // Series with at most this many points get a dot at each point, and
    // emphasised ones their value written beside it.
    std::size_t mark_points_up_to = 16;
};

std::string render_line_chart_svg(const LineChart& chart, const ChartStyle& style = {});

// The pieces, exposed for tests.

// Round tick values (1, 2 or 5 times a power of ten apart) covering
// [low, high], at most about `target` of them, starting at or below `low`
// and ending at or above `high`; never closer than `min_step` (1 for counts).
std::vector<double> nice_ticks(double low, double high, int target, double min_step = 0);

struct TimeTick {
    std::int64_t time = 0;  // 00:00 UTC of a day
    std::string label;      // "23 Oct", "Dec 2015", "2015"
};

// Calendar ticks inside [low, high]: days, weeks (Mondays), months, quarters
// or years, whichever step gives at most `target` ticks. The first tick and
// any tick where the year changes carry the year.
std::vector<TimeTick> time_ticks(std::int64_t low, std::int64_t high, int target);

// "1,050" for 1050: numbers as a reader expects them on an axis.
std::string format_count(double value);

// Text escaped for XML character data and attribute values.
std::string xml_escape(const std::string& text);

}  // namespace accord
