#include "core/notation/diagnostic.hpp"

#include <algorithm>

#include "core/notation/source_map.hpp"
#include "core/util/terminal.hpp"
#include "core/util/utf8.hpp"

namespace accord {

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::note:
            return "note";
        case Severity::warning:
            return "warning";
        case Severity::error:
            return "error";
    }
    return "error";
}

namespace {

std::string_view colour_of(Severity severity, const TerminalStyle& style) {
    switch (severity) {
        case Severity::note:
            return style.bold_cyan();
        case Severity::warning:
            return style.bold_magenta();
        case Severity::error:
            return style.bold_red();
    }
    return "";
}

// Printable form of a source line: tabs kept, control characters (C0, DEL,
// C1), bidirectional overrides and isolates, and invalid UTF-8 shown as '?', so the caret line
// stays aligned character for character.
std::string printable(std::string_view line) {
    std::string out;
    for (std::size_t i = 0; i < line.size();) {
        const unsigned char c = static_cast<unsigned char>(line[i]);
        if (c < 0x80) {
            out += (c < 0x20 && c != '\t') || c == 0x7F ? '?' : static_cast<char>(c);
            ++i;
            continue;
        }
        const std::size_t length = utf8::sequence_length(line, i);
        if (length == 0) {
            out += '?';
            ++i;
        } else if (length == 2 && c == 0xC2 && static_cast<unsigned char>(line[i + 1]) < 0xA0) {
            out += '?';  // U+0080 to U+009F
            i += 2;
        } else if (length == 3 && bidi_control(line, i) != 0) {
            out += '?';  // it would reorder the rest of the line
            i += 3;
        } else {
            out.append(line.substr(i, length));
            i += length;
        }
    }
    return out;
}

constexpr std::size_t kMaxQuotedChars = 160;

}  // namespace

std::string render(const Diagnostic& d, std::string_view path, const SourceMap& map,
                   const RenderOptions& options) {
    const std::string_view bold = options.style.bold();
    const std::string_view reset = options.style.reset();
    const std::string_view severity_colour = colour_of(d.severity, options.style);
    std::string out;
    out += bold;
    out += escape_controls(path);
    out.append(":")
        .append(std::to_string(d.line))
        .append(":")
        .append(std::to_string(d.column))
        .append(": ");
    out += reset;
    out += severity_colour;
    out += to_string(d.severity);
    out.append("[").append(d.code).append("]");
    out += reset;
    out += bold;
    out.append(": ").append(escape_controls(d.message));
    out += reset;
    out += '\n';

    if (d.line > 0 && d.offset <= map.size()) {
        std::string_view line = map.line_text(d.offset);
        std::size_t column = d.column;
        // Very long lines (a whole paragraph on one line is common) are quoted
        // around the spot, so the caret stays on screen.
        std::size_t skip_chars = 0;
        if (column > kMaxQuotedChars / 2) skip_chars = column - kMaxQuotedChars / 2;
        std::size_t begin = 0;
        for (std::size_t n = 0; n < skip_chars && begin < line.size(); ++n) {
            const std::size_t length = utf8::sequence_length(line, begin);
            begin += length == 0 ? 1 : length;
        }
        std::size_t end = begin;
        for (std::size_t n = 0; n < kMaxQuotedChars && end < line.size(); ++n) {
            const std::size_t length = utf8::sequence_length(line, end);
            end += length == 0 ? 1 : length;
        }
        const std::string prefix = skip_chars > 0 ? "..." : "";
        const std::string suffix = end < line.size() ? "..." : "";
        const std::string number = std::to_string(d.line);
        const std::string gutter(number.size(), ' ');
        // Appended piece by piece: GCC 12 at -O3 misreads chains of string
        // temporaries here as overlapping copies (-Werror=restrict).
        out.append(" ").append(number).append(" | ").append(prefix);
        out.append(printable(line.substr(begin, end - begin))).append(suffix).append("\n");
        std::string pad;
        const std::string_view shown = line.substr(begin, end - begin);
        const std::size_t caret_at = column - 1 - skip_chars + prefix.size();
        std::size_t counted = 0;
        for (std::size_t i = 0; i < prefix.size(); ++i, ++counted) pad += ' ';
        for (std::size_t i = 0; i < shown.size() && counted < caret_at; ++counted) {
            pad += shown[i] == '\t' ? '\t' : ' ';
            const std::size_t length = utf8::sequence_length(shown, i);
            i += length == 0 ? 1 : length;
        }
        out.append(" ").append(gutter).append(" | ").append(pad);
        out += severity_colour;
        out += "^";
        out += reset;
        out += "\n";
        if (!d.help.empty())
            out.append(" ")
                .append(gutter)
                .append(" = help: ")
                .append(escape_controls(d.help))
                .append("\n");
    } else if (!d.help.empty()) {
        out.append("  = help: ").append(escape_controls(d.help)).append("\n");
    }
    return out;
}

std::size_t count_errors(const std::vector<Diagnostic>& diagnostics) {
    return static_cast<std::size_t>(
        std::count_if(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

}  // namespace accord
