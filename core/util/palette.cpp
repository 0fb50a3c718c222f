#include "core/util/palette.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace accord {

namespace {

// Kelly (1965), without white and black, which do not show on a page.
constexpr std::array<const char*, 20> kKelly = {
    "#f3c300", "#875692", "#f38400", "#a1caf1", "#be0032", "#c2b280", "#848482",
    "#008856", "#e68fac", "#0067a5", "#f99379", "#604e97", "#f6a600", "#b3446c",
    "#dcd300", "#882d17", "#8db600", "#654522", "#e25822", "#2b3d26"};

std::string hex_from_hsl(double hue, double saturation, double lightness) {
    const double chroma = (1 - std::fabs(2 * lightness - 1)) * saturation;
    const double h = hue / 60.0;
    const double x = chroma * (1 - std::fabs(std::fmod(h, 2.0) - 1));
    double r = 0, g = 0, b = 0;
    if (h < 1)
        r = chroma, g = x;
    else if (h < 2)
        r = x, g = chroma;
    else if (h < 3)
        g = chroma, b = x;
    else if (h < 4)
        g = x, b = chroma;
    else if (h < 5)
        r = x, b = chroma;
    else
        r = chroma, b = x;
    const double m = lightness - chroma / 2;
    char out[8];
    std::snprintf(out, sizeof out, "#%02x%02x%02x", static_cast<int>(std::lround((r + m) * 255)),
                  static_cast<int>(std::lround((g + m) * 255)),
                  static_cast<int>(std::lround((b + m) * 255)));
    return out;
}

}  // namespace

std::string distinct_colour(std::size_t index) {
    if (index < kKelly.size()) return kKelly[index];
    const std::size_t k = index - kKelly.size();
    // Start in the blues and greens, where Kelly's colours are sparse (his are
    // mostly reds, oranges and yellows).
    const double hue = std::fmod(200.0 + 137.50776 * static_cast<double>(k), 360.0);
    return hex_from_hsl(hue, 0.7, k % 2 == 0 ? 0.4 : 0.58);
}

}  // namespace accord
