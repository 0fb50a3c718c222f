#pragma once
// What a w:sym character of the Symbol font stands for. Word writes a
// symbol inserted from that font as <w:sym w:font="Symbol" w:char="F0B0"/>:
// a private-use code, F000 plus the byte of the Adobe Symbol encoding (B0,
// the degree sign). Read as text, "1.5°C" must not become "1.5C".
#include <cstdint>
#include <string>
#include <string_view>

namespace accord::docx {

// The character, as UTF-8, that `code` (F020-F0FF, or the byte 20-FF alone)
// stands for in `font`; "" when the font is not Symbol or the code has no
// Unicode equivalent (a piece of a large bracket drawn in several lines,
// an arrow's extender). Fonts are matched case aside.
std::string_view symbol_font_character(std::string_view font, std::uint32_t code);

}  // namespace accord::docx
