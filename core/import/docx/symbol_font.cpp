#include "core/import/docx/symbol_font.hpp"

#include <array>

#include "core/util/text.hpp"

namespace accord::docx {

namespace {

// The Adobe Symbol encoding from byte 20 to FF, one row of eight per line
// (the comment names the row's first byte): each byte's Unicode character,
// "" where it has none (7F-9F and F0 are not used; 60, BD, BE, E6-EF and
// F3-FE are pieces of larger glyphs: an extender, a large bracket's or
// integral's top, middle or bottom). The angle brackets are the
// mathematical ones (⟨ ⟩), which Unicode prefers to the older 〈 〉.
// Letters are Greek ("a" is α), as the font draws them.
constexpr std::array<std::string_view, 0xE0> kSymbolEncoding = {
    " ", "!",  "∀", "#", "∃", "%", "&", "∋",  // 20
    "(", ")",  "∗", "+", ",", "−", ".", "/",  // 28
    "0", "1",  "2", "3", "4", "5", "6", "7",  // 30
    "8", "9",  ":", ";", "<", "=", ">", "?",  // 38
    "≅", "Α",  "Β", "Χ", "Δ", "Ε", "Φ", "Γ",  // 40
    "Η", "Ι",  "ϑ", "Κ", "Λ", "Μ", "Ν", "Ο",  // 48
    "Π", "Θ",  "Ρ", "Σ", "Τ", "Υ", "ς", "Ω",  // 50
    "Ξ", "Ψ",  "Ζ", "[", "∴", "]", "⊥", "_",  // 58
    "",  "α",  "β", "χ", "δ", "ε", "φ", "γ",  // 60
    "η", "ι",  "ϕ", "κ", "λ", "μ", "ν", "ο",  // 68
    "π", "θ",  "ρ", "σ", "τ", "υ", "ϖ", "ω",  // 70
    "ξ", "ψ",  "ζ", "{", "|", "}", "∼", "",   // 78
    "",  "",   "",  "",  "",  "",  "",  "",   // 80
    "",  "",   "",  "",  "",  "",  "",  "",   // 88
    "",  "",   "",  "",  "",  "",  "",  "",   // 90
    "",  "",   "",  "",  "",  "",  "",  "",   // 98
    "€", "ϒ",  "′", "≤", "⁄", "∞", "ƒ", "♣",  // A0
    "♦", "♥",  "♠", "↔", "←", "↑", "→", "↓",  // A8
    "°", "±",  "″", "≥", "×", "∝", "∂", "•",  // B0
    "÷", "≠",  "≡", "≈", "…", "",  "",  "↵",  // B8
    "ℵ", "ℑ",  "ℜ", "℘", "⊗", "⊕", "∅", "∩",  // C0
    "∪", "⊃",  "⊇", "⊄", "⊂", "⊆", "∈", "∉",  // C8
    "∠", "∇",  "®", "©", "™", "∏", "√", "⋅",  // D0
    "¬", "∧",  "∨", "⇔", "⇐", "⇑", "⇒", "⇓",  // D8
    "◊", "〈", "®", "©", "™", "∑", "",  "",   // E0
    "",  "",   "",  "",  "",  "",  "",  "",   // E8
    "",  "〉", "∫", "",  "",  "",  "",  "",   // F0
    "",  "",   "",  "",  "",  "",  "",  "",   // F8
};

}  // namespace

std::string_view symbol_font_character(std::string_view font, std::uint32_t code) {
    if (ascii_lowercase(std::string(font)) != "symbol") return {};
    if (code >= 0xF000 && code <= 0xF0FF) code -= 0xF000;
    if (code < 0x20 || code > 0xFF) return {};
    return kSymbolEncoding[code - 0x20];
}

}  // namespace accord::docx
