#include "merge/report/log_view.hpp"

#include "core/util/json_writer.hpp"
#include "core/util/text.hpp"
#include "merge/diff/diff_view.hpp"

namespace accord {

namespace {

std::string file_summary(const FileChanges& file) {
    std::string out;
    if (file.added) out = "new; ";
    if (file.deleted) out = "removed; ";
    out += summarize_changes(file.changes);
    if (file.status_before != file.status_after) {
        const std::string status =
            "status " + (file.status_before.empty() ? std::string("(none)") : file.status_before) +
            " → " + (file.status_after.empty() ? std::string("(none)") : file.status_after);
        if (out.find(status) == std::string::npos)
            out += "; " + status;  // the text's own tag may say it already
    }
    return out;
}

}  // namespace

std::string render_log_text(const std::vector<LogEntry>& entries, const LogViewOptions& options) {
    const std::string yellow = options.colour ? "\033[33m" : "",
                      bold = options.colour ? "\033[1m" : "",
                      reset = options.colour ? "\033[0m" : "";
    std::string out;
    for (const LogEntry& e : entries) {
        const Proposal& p = e.proposal;
        out += yellow + p.commit.substr(0, 10) + reset + "  " + p.day + "  " + bold +
               join(p.proposers, ", ") + reset;
        if (!p.on_behalf_of.empty()) out += " (on behalf of " + p.on_behalf_of + ")";
        if (!p.meeting.empty()) out += "  at " + p.meeting;
        if (const auto mark = options.marks.find(p.commit); mark != options.marks.end())
            out += "  [" + mark->second + "]";
        out += "\n";
        if (!p.subject.empty()) out += "    " + p.subject + "\n";
        for (const FileChanges& file : e.files) {
            out += "    " + file.path + ": " + file_summary(file) + "\n";
            if (!options.details) continue;
            for (const Change& c : file.changes) {
                std::string text = c.text.size() > 70 ? c.text.substr(0, 70) + "…" : c.text;
                for (char& ch : text) ch = ch == '\n' ? ' ' : ch;
                out += "        " + std::string(to_string(c.kind)) + " \"" + text + "\"\n";
            }
        }
        out += "\n";
    }
    return out;
}

std::string render_log_json(const std::vector<LogEntry>& entries) {
    JsonWriter json(true);
    json.begin_object().field("schema", "accord.log/1").key("proposals").begin_array();
    for (const LogEntry& e : entries) {
        const Proposal& p = e.proposal;
        json.begin_object().field("commit", p.commit).field("date", p.date);
        json.key("proposers").begin_array();
        for (const std::string& name : p.proposers) json.value(name);
        json.end_array();
        json.field("meeting", p.meeting)
            .field("on_behalf_of", p.on_behalf_of)
            .field("source", p.source);
        json.field("message", p.message).field("recorded_by", p.recorded_by);
        json.key("files").begin_array();
        for (const FileChanges& file : e.files) {
            json.begin_object()
                .field("path", file.path)
                .field("added", file.added)
                .field("deleted", file.deleted);
            json.field("status_before", file.status_before)
                .field("status_after", file.status_after);
            json.field("summary", file_summary(file));
            json.key("changes").begin_array();
            for (const Change& c : file.changes) {
                json.begin_object().field("kind", to_string(c.kind)).field("text", c.text);
                if (!c.before.empty()) json.field("before", c.before);
                if (!c.after.empty()) json.field("after", c.after);
                json.end_object();
            }
            json.end_array().end_object();
        }
        json.end_array().end_object();
    }
    json.end_array().end_object();
    return json.str() + "\n";
}

}  // namespace accord
