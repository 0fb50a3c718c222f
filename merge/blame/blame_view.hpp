#pragma once
// What `accord blame` and `accord who` print: text for people, JSON for
// tools (schemas accord.blame/1 and accord.who/1, described in README.md).
#include <string>

#include "core/util/terminal.hpp"
#include "merge/blame/blame_history.hpp"
#include "merge/blame/who.hpp"

namespace accord {

struct BlameViewOptions {
    TerminalStyle style;  // colour or not; names and texts are shown through escape_controls
};

// Per paragraph, runs of words grouped by proposal, with proposer and date beside them.
std::string render_blame_text(const FileBlame& blame, const BlameViewOptions& options);
std::string render_blame_json(const FileBlame& blame);

std::string render_who_text(const WhoReport& report);
std::string render_who_json(const WhoReport& report);

}  // namespace accord
