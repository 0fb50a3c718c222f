#pragma once
// Colours for delegations that stay distinguishable side by side: Kelly's
// twenty colours of maximum contrast first (in his order, so that a few
// delegations get the most distinct ones), then hues spaced by the golden
// angle at alternating lightness for any beyond twenty.
#include <cstddef>
#include <string>

namespace accord {

// "#rrggbb" for the index-th series or delegation; the same index always
// gives the same colour.
std::string distinct_colour(std::size_t index);

}  // namespace accord
