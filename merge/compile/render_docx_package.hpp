#pragma once
// A Word document's model (core/import/docx/docx_model.hpp) written out as a
// .docx package: the reverse of reading it, for the parts accord writes —
// the body's paragraphs (styles, headings, runs with bold, italic,
// strikethrough, superscript and subscript, tabs and line breaks), tracked
// changes (w:ins, w:del, inserted and deleted paragraph marks) with their
// authors and dates, comments anchored on ranges, accord's bookmarks, and
// the core and custom document properties. Tables and notes are not written.
//
// The package is what Word itself writes for these parts, so Word,
// LibreOffice and pandoc open it: content types, relationships, styles with
// Heading 1-6, settings. The same model gives the same bytes.
#include <string>

#include "core/import/docx/docx_model.hpp"

namespace accord {

// The .docx bytes. Text that XML cannot carry (control characters other
// than tab, newline and carriage return; bytes that are not UTF-8) is
// replaced; a caller that needs the exact text back checks by reading it.
std::string write_docx_package(const docx::Package& package);

}  // namespace accord
