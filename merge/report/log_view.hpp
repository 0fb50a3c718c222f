#pragma once
// What `accord log` prints: one entry per proposal, its changes told in
// negotiation terms, as text for people or JSON (schema accord.log/1).
#include <map>
#include <string>
#include <vector>

#include "merge/report/history.hpp"

namespace accord {

struct LogViewOptions {
    bool colour = false;
    bool details = false;  // list each named change, not only the summary
    // By commit id, a word shown in brackets after a proposal's header line
    // ("verified", "unsigned", "bad": who signed it); none when absent.
    std::map<std::string, std::string> marks;
};

std::string render_log_text(const std::vector<LogEntry>& entries, const LogViewOptions& options);
std::string render_log_json(const std::vector<LogEntry>& entries);

}  // namespace accord
