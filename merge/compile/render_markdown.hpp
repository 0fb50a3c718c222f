#pragma once
// The compilation as the secretariat circulates it, in Markdown: the title,
// the outline's preamble, then section, group and text headings with each
// text's body as it stands (front matter left out), every text once.
#include <string>

#include "merge/compile/compilation.hpp"

namespace accord {

// Bodies are copied byte for byte (surrounding blank lines trimmed); a
// comment under the title records the revision compiled. A compilation with
// no texts gives the title and a note saying so.
std::string render_compilation_markdown(const Compilation& compilation);

}  // namespace accord
