#pragma once
// Text made safe for HTML and XML (SVG) character data and attribute values,
// in one place so that the two renderers cannot drift apart.
#include <string>
#include <string_view>

namespace accord {

// & < > " ' become entities (' as &#39;, which HTML and XML both read);
// bytes that are not UTF-8 become U+FFFD; a carriage return is dropped and
// other control characters but tab and newline become a space (XML forbids
// them). Valid UTF-8 passes through unchanged.
std::string escape_markup(std::string_view text);

}  // namespace accord
