#pragma once
// What `accord log` prints: one entry per proposal, its changes told in
// negotiation terms, as text for people or JSON (schema accord.log/1).
#include <string>
#include <vector>

#include "core/util/terminal.hpp"
#include "merge/report/history.hpp"

namespace accord {

struct LogViewOptions {
    TerminalStyle style;   // colour or not; names and texts are shown through escape_controls
    bool details = false;  // list each named change, not only the summary
};

std::string render_log_text(const std::vector<LogEntry>& entries, const LogViewOptions& options);
std::string render_log_json(const std::vector<LogEntry>& entries);

}  // namespace accord
