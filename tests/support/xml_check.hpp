#pragma once
// A small XML well-formedness check for the SVG and HTML that accord writes:
// one root element, every tag closed in order, attributes quoted, '&' only
// in entity references, no raw '<' in text. Enough to catch what a renderer
// gets wrong (an unescaped title, a tag left open) without a dependency.
#include <string>
#include <string_view>

namespace accord::test {

// "" when `xml` is well formed, else what is wrong and at which byte.
std::string xml_problem(std::string_view xml);

}  // namespace accord::test
