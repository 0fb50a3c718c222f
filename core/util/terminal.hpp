#pragma once
// What text output may send to a terminal: the colour sequences, only when
// colour was chosen, and nothing else that a terminal would act on. Colour is
// decided once per run (TerminalStyle::decide); every text view takes the
// resulting style and shows names, paths and texts through escape_controls,
// so that a file named "\x1b[2J.md" cannot clear the screen.
#include <string>
#include <string_view>

namespace accord {

// --color / --colour: auto (the default), always, never.
enum class ColourChoice { automatic, always, never };

// What `auto` looks at, read from the process by TerminalFacts::of_stdout.
struct TerminalFacts {
    // Standard output is a terminal, or git's pager (GIT_PAGER_IN_USE=true:
    // git runs accord's diff driver with its output piped to the pager).
    bool is_terminal = false;
    bool no_color = false;  // NO_COLOR is set and not empty
    bool dumb = false;      // TERM=dumb
    static TerminalFacts of_stdout();
};

class TerminalStyle {
  public:
    TerminalStyle() = default;  // plain text, no colour
    explicit TerminalStyle(bool colour) : colour_(colour) {}

    // always: colour; never: none; auto: only on a terminal that is not dumb,
    // and never when NO_COLOR is set.
    static TerminalStyle decide(ColourChoice choice, const TerminalFacts& facts);

    bool colour() const { return colour_; }

    // The SGR sequences, or "" without colour.
    std::string_view bold() const { return pick("\033[1m"); }
    std::string_view dim() const { return pick("\033[2m"); }
    std::string_view red() const { return pick("\033[31m"); }
    std::string_view green() const { return pick("\033[32m"); }
    std::string_view yellow() const { return pick("\033[33m"); }
    std::string_view cyan() const { return pick("\033[36m"); }
    std::string_view bold_red() const { return pick("\033[1;31m"); }
    std::string_view bold_magenta() const { return pick("\033[1;35m"); }
    std::string_view bold_cyan() const { return pick("\033[1;36m"); }
    std::string_view reset() const { return pick("\033[0m"); }

  private:
    std::string_view pick(std::string_view sequence) const { return colour_ ? sequence : ""; }
    bool colour_ = false;
};

// `text` with every control character a terminal could act on shown
// visibly: C0 controls (ESC as \x1b), DEL (\x7f), a carriage return not
// followed by a line feed (\x0d), a byte 0x80-0x9F that is not part of a
// UTF-8 character (\x9b), the C1 controls U+0080-U+009F (\u009b), and the
// bidirectional embeddings, overrides and isolates U+202A-U+202E and
// U+2066-U+2069 (\u202e), which reorder what follows them. Line
// feeds, tabs and CRLF line ends stay as they are; everything else, invalid
// UTF-8 included, is copied unchanged.
std::string escape_controls(std::string_view text);
// The code point of a bidirectional embedding, override or isolate
// (U+202A-U+202E, U+2066-U+2069) starting at byte `i` of `text`, or 0.
unsigned bidi_control(std::string_view text, std::size_t i);
// escape_controls for a field shown on one line (an id, a status, a name):
// line feeds, carriage returns and tabs shown as \x0a, \x0d, \x09 too, so
// that a value cannot start a line of its own in a listing.
std::string escape_line(std::string_view text);

}  // namespace accord
