#pragma once
// A small Word document written out part by part, with one of each thing the
// reader must handle: a heading, automatic numbering at two levels, bold and
// italic, tracked insertions and deletions by two authors (one deleting a
// paragraph break, one moving words), a footnote, a table, a line break, a
// hyperlink, a field, a picture, and comments with a reply, a shared anchor,
// a nested anchor and one on a letter of the heading.
#include "support/docx_builder.hpp"

namespace accord::test {

DocxParts sample_docx_parts();

}  // namespace accord::test
