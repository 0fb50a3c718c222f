#pragma once
// How a line of notation in a document accord writes reads as Word
// formatting, shared by the Word renderer (which writes the marks as
// formats) and the reader of such a document (which writes formats back as
// marks, and escapes what the delegate typed that would otherwise read as
// marks), so that the two agree byte for byte.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/import/docx/docx_model.hpp"

namespace accord::docx {

// How one byte of a line is written into Word: a character with a format,
// or taken as markup (consumed: a mark, or the backslash of an escape that
// the reader puts back, see scan_line_marks).
struct LineByte {
    bool consumed = false;
    Format format;
};

// The marks of a line read as Word formats: "~~", "**", "*", <sup>, <sub>.
// A backslash escapes the byte after it. The backslash is consumed (Word
// shows the plain character) where the reader of the written document
// escapes that character again (escape_typed_marks), which is tried on the
// line as Word would show it: a '*' that would open or close an emphasis,
// the first '~' of "~~", the '<' of a <sup>/<sub> tag, and a '#' making a
// heading of a line that is a whole paragraph and no heading
// (`line_start`). Other escapes are written as typed.
// `escapes_read_back` false: every escape is written as typed (in a line
// the reader does not escape).
// nullopt when a mark is left open: the line is then written as typed.
std::optional<std::vector<LineByte>> scan_line_marks(std::string_view line, bool line_start,
                                                     bool escapes_read_back = true);

// "## Article 2" -> 2; 0 when the line is no Markdown heading.
std::uint32_t heading_level(std::string_view line);

// The bytes of `line` to escape with a backslash so that none of
// `typed` (per byte: a character of the wording, not a mark the reader
// wrote) reads as a mark: each typed byte that scan_line_marks would take as
// markup ('*', the first '~' of "~~", the '<' of a tag, a '#' that makes the
// line a heading when `line_start`), until none is. Empty when nothing needs
// it, or when the line leaves a mark open (it is then written as typed).
std::vector<bool> escape_typed_marks(std::string_view line, const std::vector<bool>& typed,
                                     bool line_start);

}  // namespace accord::docx
