#pragma once
// What `accord log` prints: one entry per proposal, its changes told in
// negotiation terms, as text for people or JSON (schema accord.log/1).
#include <string>
#include <vector>

#include "core/util/json_writer.hpp"
#include "core/util/terminal.hpp"
#include "merge/report/history.hpp"

namespace accord {

struct LogViewOptions {
    TerminalStyle style;   // colour or not; names and texts are shown through escape_controls
    bool details = false;  // list each named change, not only the summary
};

std::string render_log_text(const std::vector<LogEntry>& entries, const LogViewOptions& options);
std::string render_log_json(const std::vector<LogEntry>& entries);

// The same, one entry at a time, for printing while the history is walked:
// render_log_text is the concatenation of render_log_entry_text over its
// entries, and render_log_json that of LogJson's pieces.
std::string render_log_entry_text(const LogEntry& entry, const LogViewOptions& options);
class LogJson {
  public:
    LogJson();
    std::string begin();  // the document up to the first proposal
    std::string entry(const LogEntry& entry);
    std::string end();  // the rest of the document

  private:
    JsonWriter json_;
};

}  // namespace accord
