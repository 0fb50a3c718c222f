#include "merge/report/log_view.hpp"

#include "core/util/json_writer.hpp"
#include "core/util/text.hpp"
#include "merge/diff/diff_view.hpp"
#include "merge/diff/token_diff.hpp"

namespace accord {

namespace {

std::string file_summary(const FileChanges& file) {
    std::string out;
    if (file.added) out = "new; ";
    if (file.deleted) out = "removed; ";
    if (!file.moved_from.empty() || !file.moved_to.empty()) {
        out = file.moved_to.empty() ? "moved from " + escape_controls(file.moved_from)
                                    : "moved to " + escape_controls(file.moved_to);
        if (file.changes.empty() && file.status_before == file.status_after && !file.binary &&
            file.too_large == 0 && file.from_merged == 0)
            return out;
        out += "; ";
    }
    if (file.binary) return out + "not text (a binary file, not a negotiation text)";
    if (file.too_large > 0)
        return out + std::to_string((file.too_large + (std::size_t{1} << 20) - 1) >> 20) +
               " MiB, too large to describe (accord compares texts of up to " +
               std::to_string(kMaxWordComparedBytes >> 20) + " MiB, or " +
               std::to_string(kMaxWordComparedTokens / 1'000'000) +
               " million words, spaces and marks, word by word)";
    if (file.from_merged > 0 && file.changes.empty()) {
        out += "no change of its own (" + plural(file.from_merged, "change") +
               " from the merged branches)";
    } else {
        out += summarize_changes(file.changes);
        if (file.from_merged > 0)
            out += "; " + plural(file.from_merged, "change") + " from the merged branches";
    }
    if (file.status_before != file.status_after && !file.status_from_merged) {
        const std::string status =
            "status " + (file.status_before.empty() ? std::string("(none)") : file.status_before) +
            " → " + (file.status_after.empty() ? std::string("(none)") : file.status_after);
        if (out.find(status) == std::string::npos)
            out += "; " + status;  // the text's own tag may say it already
    }
    return out;
}

}  // namespace

std::string render_log_entry_text(const LogEntry& e, const LogViewOptions& options) {
    const std::string yellow(options.style.yellow()), bold(options.style.bold()),
        reset(options.style.reset());
    std::string out;
    const Proposal& p = e.proposal;
    out += yellow + p.commit.substr(0, 10) + reset + "  " + p.day + "  " + bold +
           escape_controls(join(p.proposers, ", ")) + reset;
    if (!p.on_behalf_of.empty()) out += " (on behalf of " + escape_controls(p.on_behalf_of) + ")";
    if (!p.merged_by.empty()) out += " (merged by " + escape_controls(p.merged_by) + ")";
    if (!p.meeting.empty()) out += "  at " + escape_controls(p.meeting);
    if (!e.signature.empty()) {
        const std::string_view shade = e.signature == "verified" ? options.style.green()
                                       : e.signature == "bad"    ? options.style.red()
                                                                 : options.style.dim();
        out += "  " + std::string(shade) + "[" + escape_controls(e.signature) + "]" + reset;
    }
    out += "\n";
    if (!p.subject.empty()) out += "    " + escape_controls(p.subject) + "\n";
    // With details, the rest of the message too (an accord merge lists there
    // the disagreements it kept in the text).
    if (options.details && p.message.size() > p.subject.size()) {
        std::string_view body = std::string_view(p.message).substr(p.subject.size());
        while (!body.empty() && body.front() == '\n') body.remove_prefix(1);
        for (std::size_t at = 0; at < body.size();) {
            const std::size_t end = std::min(body.find('\n', at), body.size());
            out += "    " + escape_controls(body.substr(at, end - at)) + "\n";
            at = end + 1;
        }
    }
    if (p.notation_errors > 0) {
        out += "    recorded with " + plural(p.notation_errors, "new notation error") +
               " on purpose\n";
    }
    for (const FileChanges& file : e.files) {
        out += "    " + escape_controls(file.path + ": " + file_summary(file)) + "\n";
        if (!options.details) continue;
        for (const Change& c : file.changes) {
            // Cut between characters, never inside one.
            std::string text = clip_to_width(c.text, 71);
            for (char& ch : text) ch = ch == '\n' ? ' ' : ch;
            out += "        " + std::string(to_string(c.kind)) + " \"" + escape_controls(text) +
                   "\"\n";
        }
    }
    out += "\n";
    return out;
}

std::string render_log_text(const std::vector<LogEntry>& entries, const LogViewOptions& options) {
    std::string out;
    for (const LogEntry& e : entries) out += render_log_entry_text(e, options);
    return out;
}

LogJson::LogJson() : json_(JsonWriter::with_schema("accord.log/1")) {}

std::string LogJson::begin() {
    json_.key("proposals").begin_array();
    return json_.take();
}

std::string LogJson::entry(const LogEntry& e) {
    JsonWriter& json = json_;
    const Proposal& p = e.proposal;
    json.begin_object().field("commit", p.commit).field("date", p.date);
    json.key("proposers").begin_array();
    for (const std::string& name : p.proposers) json.value(name);
    json.end_array();
    json.field("meeting", p.meeting)
        .field("on_behalf_of", p.on_behalf_of)
        .field("source", p.source);
    json.field("message", p.message).field("recorded_by", p.recorded_by);
    json.field("merged_by", p.merged_by);
    json.field("notation_errors", p.notation_errors);
    json.key("signature");
    if (e.signature.empty()) {
        json.null();
    } else {
        json.value(e.signature);
    }
    json.key("files").begin_array();
    for (const FileChanges& file : e.files) {
        json.begin_object()
            .field("path", file.path)
            .field("added", file.added)
            .field("deleted", file.deleted)
            .field("binary", file.binary)
            .field("too_large", file.too_large > 0)
            .field("moved_from", file.moved_from)
            .field("moved_to", file.moved_to);
        json.field("status_before", file.status_before).field("status_after", file.status_after);
        json.field("summary", file_summary(file)).field("from_merged", file.from_merged);
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
    return json.take();
}

std::string LogJson::end() {
    json_.end_array();
    return json_.finish();
}

std::string render_log_json(const std::vector<LogEntry>& entries) {
    LogJson json;
    std::string out = json.begin();
    for (const LogEntry& e : entries) out += json.entry(e);
    return out + json.end();
}

}  // namespace accord
