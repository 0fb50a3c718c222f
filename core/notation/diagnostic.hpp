#pragma once
// A finding about a document: a stable code other tools can rely on, a
// severity, where it is, what is wrong and what to do about it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/terminal.hpp"

namespace accord {

enum class Severity { note, warning, error };
std::string_view to_string(Severity severity);

struct Diagnostic {
    std::string code;  // stable: "unclosed-bracket", "unmatched-bracket", ...
    Severity severity = Severity::error;
    std::size_t offset = 0;  // byte offset into the document
    std::size_t line = 0;    // 1-based
    std::size_t column = 0;  // 1-based, in characters
    std::string message;     // what is wrong
    std::string help;        // what to do about it
};

struct RenderOptions {
    TerminalStyle style;  // colour or not; names and texts are shown through escape_controls
};

// Renders as compilers do:
//   draft.md:14:32: error[unclosed-bracket]: '[' opened here is never closed
//      14 | text [here and
//         |      ^
//      = help: ...
// `source` maps the document the diagnostic was found in (for the quoted line);
// build it once per document, not once per diagnostic.
class SourceMap;
std::string render(const Diagnostic& diagnostic, std::string_view path, const SourceMap& source,
                   const RenderOptions& options = {});

std::size_t count_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace accord
