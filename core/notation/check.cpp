#include "core/notation/check.hpp"

#include <filesystem>

#include "core/notation/source_map.hpp"
#include "core/util/encoding.hpp"
#include "core/util/file.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"

namespace accord {

FileCheck check_text(std::string path, std::string_view bytes, const ParseOptions& options) {
    FileCheck check;
    check.path = std::move(path);
    check.document = parse(bytes, options);
    check.counts = count(check.document);
    // The report reads the counts, the diagnostics and the source they
    // quote: the structure goes now, so that checking many texts holds one
    // text's structure at a time, not every text's (a text of dense
    // brackets parses to twenty times its size).
    Document& d = check.document;
    std::vector<std::string>().swap(d.link_labels);
    std::vector<Paragraph>().swap(d.paragraphs);
    std::vector<Bracket>().swap(d.brackets);
    std::vector<AlternativesGroup>().swap(d.groups);
    std::vector<Separator>().swap(d.separators);
    std::vector<Strike>().swap(d.strikes);
    return check;
}

FileCheck check_file(const std::string& path, const ParseOptions& options) {
    FileResult file;
    const std::optional<std::string> top = work_tree_around(path);
    const std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
    if (top && absolute.size() > top->size() && absolute.compare(0, top->size(), *top) == 0) {
        file = read_file_within(*top, absolute.substr(top->size()));
    } else {
        file = read_file(path);
    }
    if (file.problem == FileProblem::link) {
        FileCheck check;
        check.path = path;
        check.skipped = "a symbolic link; accord never reads a link as a text";
        return check;
    }
    if (!file.contents) {
        FileCheck check;
        check.path = path;
        check.read_error = file.error;
        return check;
    }
    if (std::optional<ConvertedText> converted = convert_to_recorded(*file.contents)) {
        FileCheck check = check_text(path, converted->text, options);
        check.converted_from = std::move(converted->from);
        check.converted_as = std::move(converted->as);
        return check;
    }
    return check_text(path, *file.contents, options);
}

CheckReport make_report(std::vector<FileCheck> files) {
    CheckReport report;
    report.files = std::move(files);
    for (const FileCheck& f : report.files) {
        if (f.readable()) {
            report.totals += f.counts;
        } else if (!f.skipped.empty()) {
            ++report.skipped;
        } else {
            ++report.unreadable;
        }
    }
    return report;
}

ExitCode exit_code(const CheckReport& report) {
    if (report.unreadable > 0) return kExitUsage;
    return report.totals.errors > 0 ? kExitFound : kExitOk;
}

namespace {

std::string summary(const DocumentCounts& c) {
    std::string out = plural(c.paragraphs, "paragraph") + ", " + plural(c.brackets, "bracket") +
                      ", " + plural(c.alternatives_groups, "alternatives group") + ", " +
                      plural(c.options, "option") + ", " + plural(c.strikes, "strike") + ", " +
                      plural(c.alternative_paragraphs, "alternative paragraph");
    for (const auto& [status, n] : c.paragraphs_by_status)
        out += ", " + std::to_string(n) + " " + status;
    return out;
}

}  // namespace

void write_counts(JsonWriter& json, const DocumentCounts& c) {
    json.begin_object()
        .field("paragraphs", c.paragraphs)
        .field("brackets", c.brackets)
        .field("spanning_brackets", c.spanning_brackets)
        .field("max_depth", c.max_depth)
        .field("alternatives_groups", c.alternatives_groups)
        .field("options", c.options)
        .field("strikes", c.strikes)
        .field("alternative_paragraphs", c.alternative_paragraphs);
    json.key("paragraphs_by_status").begin_object();
    for (const auto& [status, n] : c.paragraphs_by_status) json.field(status, n);
    json.end_object();
    json.field("errors", c.errors).field("warnings", c.warnings).field("notes", c.notes);
    json.end_object();
}

std::string render_text(const CheckReport& report, const RenderOptions& options) {
    std::string out;
    for (const FileCheck& f : report.files) {
        const std::string path = escape_controls(f.path);
        if (!f.skipped.empty()) {
            out += path + ": note: skipped: " + escape_controls(f.skipped) + "\n";
            continue;
        }
        if (!f.readable()) {
            out += escape_controls(f.read_error) + "\n";
            continue;
        }
        if (!f.converted_from.empty()) {
            out += path + ": note: saved " + f.converted_from + "; checked " + f.converted_as +
                   ", as 'accord propose' records it (and rewrites the file)\n";
        }
        const SourceMap map(f.document.source);
        for (const Diagnostic& d : f.document.diagnostics) out += render(d, f.path, map, options);
        if (f.document.suppressed_diagnostics > 0) {
            out += path + ": " + std::to_string(f.document.suppressed_diagnostics) +
                   " more diagnostics not shown\n";
        }
        out += path + ": " + escape_controls(summary(f.counts)) + "; " +
               plural(f.counts.errors, "error") + ", " + plural(f.counts.warnings, "warning") +
               "\n";
    }
    if (report.files.size() > 1) {
        out += "checked " + plural(report.files.size(), "file") + ": " +
               plural(report.totals.errors, "error") + ", " +
               plural(report.totals.warnings, "warning");
        if (report.unreadable > 0) out += ", " + std::to_string(report.unreadable) + " unreadable";
        if (report.skipped > 0) out += ", " + std::to_string(report.skipped) + " skipped";
        out += "\n";
    }
    return out;
}

std::string render_json(const CheckReport& report) {
    JsonWriter json = JsonWriter::with_schema("accord.check/1");
    json.key("files").begin_array();
    for (const FileCheck& f : report.files) {
        json.begin_object().field("path", f.path);
        if (!f.skipped.empty()) {
            json.field("skipped", f.skipped).end_object();
            continue;
        }
        if (!f.readable()) {
            json.field("error", f.read_error).end_object();
            continue;
        }
        json.field("bytes", f.document.source.size());
        if (!f.converted_from.empty())
            json.field("converted", "saved " + f.converted_from + ", checked " + f.converted_as);
        json.key("counts");
        write_counts(json, f.counts);
        json.key("diagnostics").begin_array();
        for (const Diagnostic& d : f.document.diagnostics) {
            json.begin_object()
                .field("code", d.code)
                .field("severity", to_string(d.severity))
                .field("line", d.line)
                .field("column", d.column)
                .field("offset", d.offset)
                .field("message", d.message)
                .field("help", d.help)
                .end_object();
        }
        json.end_array();
        json.field("suppressed_diagnostics", f.document.suppressed_diagnostics);
        json.end_object();
    }
    json.end_array();
    json.key("totals");
    write_counts(json, report.totals);
    json.field("unreadable", report.unreadable);
    return json.finish();
}

}  // namespace accord
