#include "merge/blame/blame_view.hpp"

#include <algorithm>

#include "core/util/json_writer.hpp"
#include "core/util/text.hpp"

namespace accord {

namespace {

std::string flat(std::string_view text) {
    std::string out;
    for (char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
    return out;
}

}  // namespace

std::string render_blame_text(const FileBlame& blame, const BlameViewOptions& options) {
    const auto& spans = blame.result.spans;
    const Document& doc = blame.result.document;
    const auto& proposals = blame.history.proposals;
    std::size_t width = 0;
    for (const BlameSpan& s : spans)
        width = std::max(width, display_width(escape_line(join(proposals[s.origin].proposers))));
    width = std::min<std::size_t>(width, 28);
    const std::string dim(options.style.dim()), reset(options.style.reset()),
        yellow(options.style.yellow());

    std::string out;
    std::size_t paragraph = 0;
    for (std::size_t k = 0; k < spans.size();) {
        // A line: the spans of one origin in a row (marks included), within one paragraph.
        while (paragraph + 1 < doc.paragraphs.size() &&
               spans[k].range.begin >= doc.paragraphs[paragraph].range.end) {
            ++paragraph;
            out += "\n";
        }
        const std::size_t origin = spans[k].origin;
        const auto restored = spans[k].restored_by;
        const std::size_t paragraph_end =
            doc.paragraphs.empty() ? doc.source.size() : doc.paragraphs[paragraph].range.end;
        std::size_t end = k + 1;
        while (end < spans.size() && spans[end].origin == origin &&
               spans[end].restored_by == restored && spans[end].range.begin < paragraph_end) {
            ++end;
        }
        const Proposal& p = proposals[origin];
        // Padded and cut by characters: "Türkiye" is 7 wide, and a cut
        // never falls inside a character.
        const std::string who = clip_to_width(escape_line(join(p.proposers)), width);
        out += yellow + p.commit.substr(0, 8) + reset + " " + pad_right(who, width) + " " + dim +
               p.day + reset + "  " +
               escape_controls(flat(doc.text({spans[k].range.begin, spans[end - 1].range.end})));
        if (restored)
            out += dim + "  (restored by " + escape_controls(join(proposals[*restored].proposers)) +
                   ", " + proposals[*restored].day + ")" + reset;
        out += "\n";
        k = end;
    }
    return out;
}

std::string render_blame_json(const FileBlame& blame) {
    JsonWriter json = JsonWriter::with_schema("accord.blame/1");
    const Document& doc = blame.result.document;
    const auto& proposals = blame.history.proposals;
    json.field("path", blame.path).field("revision", blame.revision);
    json.key("spans").begin_array();
    for (const BlameSpan& s : blame.result.spans) {
        const Proposal& p = proposals[s.origin];
        json.begin_object()
            .field("start", s.range.begin)
            .field("end", s.range.end)
            .field("kind", to_string(s.kind))
            .field("text", doc.text(s.range))
            .field("commit", p.commit);
        json.key("proposers").begin_array();
        for (const std::string& n : p.proposers) json.value(n);
        json.end_array().field("date", p.date).key("restored_by");
        if (s.restored_by) {
            json.value(proposals[*s.restored_by].commit);
        } else {
            json.null();
        }
        json.end_object();
    }
    json.end_array();
    return json.finish();
}

std::string render_who_text(const WhoReport& report) {
    std::string out;
    const WordingEvent& first = report.events.front();
    out += "\"" + escape_controls(report.phrase) + "\" was first proposed by " +
           escape_controls(join(first.proposal.proposers)) + " on " + first.proposal.day + " in " +
           escape_controls(first.path) + " (" + first.proposal.commit.substr(0, 10) + ")\n";
    if (!first.proposal.subject.empty())
        out += "    " + escape_controls(first.proposal.subject) + "\n";
    std::string path = first.path;
    for (std::size_t k = 1; k < report.events.size(); ++k) {
        const WordingEvent& e = report.events[k];
        std::string what = std::string(to_string(e.state));
        if (e.state == WordingState::option) what = "made one of several options";
        if (e.state == WordingState::standing) what = "unbracketed, its status not agreement,";
        if (e.state == WordingState::moved) what = "moved to " + escape_controls(e.path);
        out += "  " + e.proposal.day + "  " + what + " by " +
               escape_controls(join(e.proposal.proposers)) + " (" +
               e.proposal.commit.substr(0, 10) + ")";
        if (e.path != path && e.state != WordingState::moved)
            out += " in " + escape_controls(e.path);
        out += "\n";
        path = e.path;
    }
    const std::string state = report.current_state == "option" ? "one of several options"
                              : report.current_state == "unbracketed"
                                  ? "unbracketed, in a paragraph not agreed"
                                  : report.current_state;
    if (!report.stands) return out + "It is not in the current text.\n";
    out += "It stands in the current text (" + state + ")";
    if (report.current_path != first.path) out += ", in " + escape_controls(report.current_path);
    return out + ".\n";
}

std::string render_who_json(const WhoReport& report) {
    JsonWriter json = JsonWriter::with_schema("accord.who/1");
    json.field("phrase", report.phrase).key("events").begin_array();
    for (const WordingEvent& e : report.events) {
        json.begin_object()
            .field("state", to_string(e.state))
            .field("path", e.path)
            .field("commit", e.proposal.commit);
        json.field("date", e.proposal.date).key("proposers").begin_array();
        for (const std::string& n : e.proposal.proposers) json.value(n);
        json.end_array().end_object();
    }
    json.end_array()
        .field("stands", report.stands)
        .field("current_state", report.current_state)
        .field("current_path", report.current_path);
    return json.finish();
}

}  // namespace accord
