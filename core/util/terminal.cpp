#include "core/util/terminal.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/util/utf8.hpp"

namespace accord {

TerminalFacts TerminalFacts::of_stdout() {
    TerminalFacts facts;
    const char* pager = std::getenv("GIT_PAGER_IN_USE");
    facts.is_terminal =
        isatty(STDOUT_FILENO) == 1 || (pager != nullptr && std::strcmp(pager, "true") == 0);
    const char* no_color = std::getenv("NO_COLOR");
    facts.no_color = no_color != nullptr && no_color[0] != '\0';
    const char* term = std::getenv("TERM");
    facts.dumb = term != nullptr && std::strcmp(term, "dumb") == 0;
    return facts;
}

TerminalStyle TerminalStyle::decide(ColourChoice choice, const TerminalFacts& facts) {
    switch (choice) {
        case ColourChoice::always:
            return TerminalStyle(true);
        case ColourChoice::never:
            return TerminalStyle(false);
        case ColourChoice::automatic:
            break;
    }
    return TerminalStyle(facts.is_terminal && !facts.no_color && !facts.dumb);
}

namespace {

void append_hex(std::string& out, const char* format, unsigned value) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, format, value);
    out += buffer;
}

}  // namespace

// The code point of a bidirectional embedding, override or isolate
// (U+202A-U+202E, U+2066-U+2069) starting at byte i, or 0: shown as it is,
// one reorders what follows it on the line, so that a delegation's name or
// a message could read as another ("Trojan Source").
unsigned bidi_control(std::string_view text, std::size_t i) {
    if (i + 2 >= text.size() || static_cast<unsigned char>(text[i]) != 0xE2) return 0;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    const auto third = static_cast<unsigned char>(text[i + 2]);
    if (second == 0x80 && third >= 0xAA && third <= 0xAE) return 0x2000u + (third - 0x80u);
    if (second == 0x81 && third >= 0xA6 && third <= 0xA9) return 0x2040u + (third - 0x80u);
    return 0;
}

std::string escape_controls(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t length = utf8::sequence_length(text, i);
            if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
                append_hex(out, "\\u%04x", static_cast<unsigned char>(text[i + 1]));  // C1
            } else if (const unsigned bidi = length == 3 ? bidi_control(text, i) : 0; bidi != 0) {
                append_hex(out, "\\u%04x", bidi);
            } else if (length == 0 && c < 0xA0) {
                append_hex(out, "\\x%02x", c);  // a lone byte a terminal may read as C1
            } else {
                out.append(text.substr(i, length == 0 ? 1 : length));
            }
            i += length == 0 ? 1 : length;
            continue;
        }
        const bool crlf = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
        if ((c < 0x20 && c != '\n' && c != '\t' && !crlf) || c == 0x7F) {
            append_hex(out, "\\x%02x", c);
        } else {
            out += static_cast<char>(c);
        }
        ++i;
    }
    return out;
}

std::string escape_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t from = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '\n' && text[i] != '\r' && text[i] != '\t') continue;
        out += escape_controls(text.substr(from, i - from));
        if (i < text.size()) append_hex(out, "\\x%02x", static_cast<unsigned char>(text[i]));
        from = i + 1;
    }
    return out;
}

}  // namespace accord
