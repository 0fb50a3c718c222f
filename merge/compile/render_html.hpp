#pragma once
// The compilation as one self-contained HTML page: inline CSS, no script, no
// font, image or other request. Brackets, alternatives, options and strikes
// are styled so that they stand out; every attributed run of wording shows
// its proposer and date on hover (a title attribute) and carries
// data-proposer, data-date and data-commit; a legend gives each delegation a
// colour that stays distinguishable; each text ends with its timeline of
// proposals.
#include <string>

#include "core/util/file.hpp"
#include "merge/compile/compilation.hpp"

namespace accord {

// Needs a compilation made with CompilationOptions::attribute; without blame
// the texts are shown unattributed. Legend entries carry data-delegation and
// data-words (the words of the current text each delegation proposed).
std::string render_compilation_html(const Compilation& compilation);
// The same page handed to `write` in pieces, in order (a text at a time):
// the page of a large negotiation, hundreds of megabytes, is never held whole.
void render_compilation_html(const Compilation& compilation, const PieceSink& write);

}  // namespace accord
