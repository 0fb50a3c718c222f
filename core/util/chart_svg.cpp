#include "core/util/chart_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/util/date.hpp"
#include "core/util/markup_escape.hpp"

namespace accord {

namespace {

constexpr std::int64_t kDay = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

struct Civil {
    int year = 1970;
    int month = 1;
    int day = 1;
};

Civil civil(std::int64_t days) {
    const std::string iso = format_iso_date(days);
    // "YYYY-MM-DD"; years before 1000 or after 9999 do not occur in a negotiation.
    Civil c;
    std::sscanf(iso.c_str(), "%d-%d-%d", &c.year, &c.month, &c.day);
    return c;
}

std::int64_t first_of_month(int year, int month) {
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-01", year, month);
    return parse_iso_date(iso).value_or(0);
}

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

enum class Unit { day, week, month, year };

struct Step {
    Unit unit;
    int count;
};

std::vector<std::int64_t> tick_days(std::int64_t low, std::int64_t high, Step step) {
    std::vector<std::int64_t> days;
    const std::int64_t first = floor_div(low + kDay - 1, kDay), last = floor_div(high, kDay);
    if (step.unit == Unit::day || step.unit == Unit::week) {
        // 1970-01-05, day 4, was a Monday.
        const std::int64_t period = step.unit == Unit::week ? 7 * step.count : step.count;
        const std::int64_t anchor = step.unit == Unit::week ? 4 : 0;
        for (std::int64_t d = first; d <= last; ++d) {
            if (floor_div(d - anchor, period) * period == d - anchor) days.push_back(d);
            if (days.size() > 400) break;
        }
        return days;
    }
    const Civil from = civil(first);
    int year = from.year, month = step.unit == Unit::year ? 1 : from.month;
    for (std::int64_t d = first_of_month(year, month); d <= last && days.size() <= 400;) {
        const bool aligned =
            step.unit == Unit::year ? year % step.count == 0 : (month - 1) % step.count == 0;
        if (d >= first && aligned) days.push_back(d);
        if (step.unit == Unit::year) {
            ++year;
        } else if (++month > 12) {
            month = 1;
            ++year;
        }
        d = first_of_month(year, month);
    }
    return days;
}

std::string tick_label(std::int64_t day, Unit unit, bool with_year) {
    const Civil c = civil(day);
    const std::string year = std::to_string(c.year);
    const std::string month = kMonths[(c.month - 1) % 12];
    switch (unit) {
        case Unit::day:
        case Unit::week:
            return std::to_string(c.day) + " " + month + (with_year ? " " + year : "");
        case Unit::month:
            return month + (with_year ? " " + year : "");
        case Unit::year:
            break;
    }
    return year;
}

std::string num(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

// Distinguishable on white and for the common colour-vision deficiencies
// (Okabe and Ito's palette, then Tableau's for more).
const char* const kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
                                "#8C564B", "#BCBD22", "#7F7F7F", "#9467BD", "#17BECF", "#F0E442"};

std::string shorten(const std::string& text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t cut = limit - 1;
    // Never cut a UTF-8 sequence in half.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
}

struct Frame {
    double left, top, right, bottom;
    std::int64_t t0, t1;
    double y_max;
    double x(std::int64_t t) const {
        return left + (right - left) * static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
    }
    double y(double v) const { return bottom - (bottom - top) * v / y_max; }
};

std::string text_element(double x, double y, const std::string& text, const std::string& attrs) {
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" " + attrs + ">" + xml_escape(text) +
           "</text>\n";
}

std::string series_path(const ChartSeries& s, const Frame& f, bool steps) {
    std::string d;
    for (std::size_t i = 0; i < s.points.size(); ++i) {
        const double x = f.x(s.points[i].time), y = f.y(s.points[i].value);
        if (i == 0) {
            d += "M" + num(x) + " " + num(y);
        } else if (steps) {
            d += " H" + num(x) + " V" + num(y);
        } else {
            d += " L" + num(x) + " " + num(y);
        }
    }
    return d;
}

// Values beside an emphasised series' points, from the last backwards (the
// latest figure matters most), skipping any that would overlap one already written.
std::string value_labels(const ChartSeries& s, const Frame& f) {
    std::string out;
    std::vector<std::pair<double, double>> placed;
    for (std::size_t i = s.points.size(); i-- > 0;) {
        const double x = f.x(s.points[i].time) + 4, y = f.y(s.points[i].value) - 7;
        const bool crowded = std::any_of(placed.begin(), placed.end(), [&](const auto& p) {
            return std::fabs(p.first - x) < 40 && std::fabs(p.second - y) < 14;
        });
        if (crowded) continue;
        out += text_element(x, y, format_count(s.points[i].value),
                            "font-size=\"12\" font-weight=\"bold\" fill=\"#111\"");
        placed.emplace_back(x, y);
    }
    return out;
}

}  // namespace

std::string xml_escape(const std::string& text) {
    return escape_markup(text);
}

std::string format_count(double value) {
    const long long rounded = std::llround(value);
    if (std::fabs(value - static_cast<double>(rounded)) > 1e-9) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.1f", value);
        return buffer;
    }
    std::string digits = std::to_string(rounded < 0 ? -rounded : rounded);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), ",");
    return (rounded < 0 ? "-" : "") + digits;
}

std::vector<double> nice_ticks(double low, double high, int target, double min_step) {
    if (!(high > low)) high = low + 1;
    target = std::max(target, 2);
    const double raw = (high - low) / target;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10;
    for (double factor : {1.0, 2.0, 5.0}) {
        if (magnitude * factor >= raw) {
            step = magnitude * factor;
            break;
        }
    }
    step = std::max(step, min_step);
    std::vector<double> ticks;
    const double first = std::floor(low / step) * step;
    for (int i = 0;; ++i) {
        const double value = first + i * step;
        ticks.push_back(std::fabs(value) < step * 1e-9 ? 0.0 : value);
        if (value >= high - step * 1e-9) break;
    }
    return ticks;
}

std::vector<TimeTick> time_ticks(std::int64_t low, std::int64_t high, int target) {
    static const Step kSteps[] = {{Unit::day, 1},   {Unit::day, 2},    {Unit::week, 1},
                                  {Unit::week, 2},  {Unit::month, 1},  {Unit::month, 2},
                                  {Unit::month, 3}, {Unit::month, 6},  {Unit::year, 1},
                                  {Unit::year, 2},  {Unit::year, 5},   {Unit::year, 10},
                                  {Unit::year, 50}, {Unit::year, 100}, {Unit::year, 1000}};
    std::vector<std::int64_t> days;
    Unit unit = Unit::day;
    for (const Step& step : kSteps) {
        days = tick_days(low, high, step);
        unit = step.unit;
        if (static_cast<int>(days.size()) <= std::max(target, 2)) break;
    }
    std::vector<TimeTick> ticks;
    int previous_year = 0;
    for (std::int64_t d : days) {
        const int year = civil(d).year;
        ticks.push_back({d * kDay, tick_label(d, unit, ticks.empty() || year != previous_year)});
        previous_year = year;
    }
    return ticks;
}

namespace {

std::string svg_opening(const LineChart& chart, const ChartStyle& style) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(style.width) +
           "\" height=\"" + std::to_string(style.height) + "\" viewBox=\"0 0 " +
           std::to_string(style.width) + " " + std::to_string(style.height) +
           "\" font-family=\"sans-serif\">\n";
    out += "<title>" + xml_escape(chart.title) + "</title>\n";
    out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    out += text_element(20, 30, chart.title, "font-size=\"19\" font-weight=\"bold\" fill=\"#111\"");
    if (!chart.subtitle.empty())
        out += text_element(20, 52, chart.subtitle, "font-size=\"13\" fill=\"#555\"");
    return out;
}

// The series that have something to draw, the emphasised ones first.
std::vector<const ChartSeries*> drawn_series(const LineChart& chart) {
    std::vector<const ChartSeries*> drawn;
    for (const ChartSeries& s : chart.series)
        if (!s.points.empty() && s.emphasised) drawn.push_back(&s);
    for (const ChartSeries& s : chart.series)
        if (!s.points.empty() && !s.emphasised) drawn.push_back(&s);
    return drawn;
}

// The plot's frame: every point's time and value inside it, with the
// legend's room on the right when there is one.
Frame frame_around(const std::vector<const ChartSeries*>& drawn, const ChartStyle& style,
                   bool legend) {
    std::int64_t t0 = drawn.front()->points.front().time, t1 = t0;
    double v_max = 0;
    for (const ChartSeries* s : drawn) {
        for (const ChartPoint& p : s->points) {
            t0 = std::min(t0, p.time);
            t1 = std::max(t1, p.time);
            v_max = std::max(v_max, p.value);
        }
    }
    if (t1 - t0 < kDay) {
        t0 -= kDay / 2;
        t1 += kDay / 2;
    }
    const std::int64_t pad = (t1 - t0) / 30;
    const double width = style.width, height = style.height;
    return Frame{78, 74, width - (legend ? 250 : 30), height - 62, t0 - pad, t1 + pad, v_max};
}

// Grid, ticks, axes and their labels.
std::string axes(const LineChart& chart, const ChartStyle& style, const Frame& f,
                 const std::vector<double>& y_ticks) {
    const double height = style.height;
    std::string out = "<g font-size=\"12\" fill=\"#333\">\n";
    for (double v : y_ticks) {
        const double y = f.y(v);
        out += "<line x1=\"" + num(f.left) + "\" y1=\"" + num(y) + "\" x2=\"" + num(f.right) +
               "\" y2=\"" + num(y) + "\" stroke=\"#e3e3e3\"/>\n";
        out += text_element(f.left - 8, y + 4, format_count(v), "text-anchor=\"end\"");
    }
    const int x_target = std::max(2, static_cast<int>((f.right - f.left) / 95));
    for (const TimeTick& tick : time_ticks(f.t0, f.t1, x_target)) {
        const double x = f.x(tick.time);
        out += "<line x1=\"" + num(x) + "\" y1=\"" + num(f.top) + "\" x2=\"" + num(x) + "\" y2=\"" +
               num(f.bottom + 5) + "\" stroke=\"#eeeeee\"/>\n";
        out += "<line x1=\"" + num(x) + "\" y1=\"" + num(f.bottom) + "\" x2=\"" + num(x) +
               "\" y2=\"" + num(f.bottom + 5) + "\" stroke=\"#333\"/>\n";
        out += text_element(x, f.bottom + 19, tick.label, "text-anchor=\"middle\"");
    }
    out += "<path d=\"M" + num(f.left) + " " + num(f.top) + " V" + num(f.bottom) + " H" +
           num(f.right) + "\" fill=\"none\" stroke=\"#333\"/>\n";
    out += "</g>\n";
    out += text_element((f.left + f.right) / 2, height - 16, chart.x_label,
                        "font-size=\"13\" fill=\"#333\" text-anchor=\"middle\"");
    const double y_mid = (f.top + f.bottom) / 2;
    out += text_element(
        22, y_mid, chart.y_label,
        "font-size=\"13\" fill=\"#333\" text-anchor=\"middle\" transform=\"rotate(-90 " + num(22) +
            " " + num(y_mid) + ")\"");
    return out;
}

// Lines: the emphasised ones first and thickest, so that a thin coloured
// line that coincides with them stays visible on top; their values last of all.
std::string lines(const std::vector<const ChartSeries*>& drawn,
                  const std::vector<std::string>& colours, const ChartStyle& style,
                  const Frame& f) {
    std::string out, labels;
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        const ChartSeries& s = *drawn[i];
        out += "<g>\n<title>" + xml_escape(s.tooltip.empty() ? s.label : s.tooltip) + "</title>\n";
        out += "<path d=\"" + series_path(s, f, style.steps) + "\" fill=\"none\" stroke=\"" +
               colours[i] + "\" stroke-width=\"" + (s.emphasised ? "4" : "1.8") +
               "\" stroke-linejoin=\"round\"/>\n";
        if (s.points.size() <= style.mark_points_up_to) {
            for (const ChartPoint& p : s.points) {
                out += "<circle cx=\"" + num(f.x(p.time)) + "\" cy=\"" + num(f.y(p.value)) +
                       "\" r=\"" + (s.emphasised ? "4.5" : "3") + "\" fill=\"" + colours[i] +
                       "\"/>\n";
            }
            if (s.emphasised) labels += value_labels(s, f);
        }
        out += "</g>\n";
    }
    return out + labels;
}

// Legend: as many rows as fit beside the plot.
std::string legend_beside(const std::vector<const ChartSeries*>& drawn,
                          const std::vector<std::string>& colours, const Frame& f) {
    std::string out;
    const double x = f.right + 24;
    double y = f.top + 4;
    const auto rows = static_cast<std::size_t>((f.bottom - f.top) / 20);
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        if (i + 1 == rows && drawn.size() > rows) {
            out += text_element(x, y + 4, "+ " + std::to_string(drawn.size() - i) + " more",
                                "font-size=\"12\" fill=\"#555\"");
            break;
        }
        out += "<line x1=\"" + num(x) + "\" y1=\"" + num(y) + "\" x2=\"" + num(x + 22) +
               "\" y2=\"" + num(y) + "\" stroke=\"" + colours[i] + "\" stroke-width=\"" +
               (drawn[i]->emphasised ? "3" : "2") + "\"/>\n";
        out += text_element(x + 30, y + 4, shorten(drawn[i]->label, 28),
                            std::string("font-size=\"12\" fill=\"#222\"") +
                                (drawn[i]->emphasised ? " font-weight=\"bold\"" : ""));
        y += 20;
    }
    return out;
}

}  // namespace

std::string render_line_chart_svg(const LineChart& chart, const ChartStyle& style) {
    std::string out = svg_opening(chart, style);
    const std::vector<const ChartSeries*> drawn = drawn_series(chart);
    if (drawn.empty()) {
        out += text_element(style.width / 2.0, style.height / 2.0, chart.empty_message,
                            "font-size=\"16\" fill=\"#555\" text-anchor=\"middle\"");
        return out + "</svg>\n";
    }
    const bool legend = drawn.size() > 1;
    Frame f = frame_around(drawn, style, legend);
    // A little headroom, so that the highest line does not run along the frame.
    const std::vector<double> y_ticks =
        nice_ticks(0, std::max(f.y_max * 1.06, 1.0), 6, chart.integer_values ? 1.0 : 0.0);
    f.y_max = y_ticks.back();
    out += axes(chart, style, f, y_ticks);

    std::vector<std::string> colours(drawn.size());
    std::size_t palette = 0;
    for (std::size_t i = 0; i < drawn.size(); ++i)
        colours[i] = drawn[i]->emphasised ? "#111111" : kPalette[palette++ % std::size(kPalette)];
    out += lines(drawn, colours, style, f);
    if (legend) out += legend_beside(drawn, colours, f);
    return out + "</svg>\n";
}

}  // namespace accord
