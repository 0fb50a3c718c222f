#pragma once
// `accord check`: parse files and report their diagnostics and counts, as a
// compiler-style text report or as JSON (schema in README.md).
#include <string>
#include <vector>

#include "core/notation/counts.hpp"
#include "core/notation/diagnostic.hpp"
#include "core/notation/parse.hpp"
#include "core/util/errors.hpp"

namespace accord {

class JsonWriter;

struct FileCheck {
    std::string path;
    std::string read_error;  // non-empty when the file could not be read
    // Non-empty when the file was left unread on purpose: a symbolic link
    // inside a work tree (a clone's link may point anywhere), with the reason.
    std::string skipped;
    // Non-empty when the file is checked as propose records it, converted
    // (convert_to_recorded): what it was saved in, and how it is read.
    std::string converted_from, converted_as;
    // Its source and diagnostics; the structure is let go once counted.
    Document document;
    DocumentCounts counts;
    bool readable() const { return read_error.empty() && skipped.empty(); }
};

FileCheck check_text(std::string path, std::string_view bytes, const ParseOptions& options);
// Reads and checks `path`. Inside a git work tree, a link (or a path below a
// linked directory) of that work tree is skipped, never read. A file in
// UTF-16, or with carriage-return line endings, is checked as it would be
// recorded (convert_to_recorded), with a note saying so.
FileCheck check_file(const std::string& path, const ParseOptions& options);

struct CheckReport {
    std::vector<FileCheck> files;
    DocumentCounts totals;  // over the readable files
    std::size_t unreadable = 0;
    std::size_t skipped = 0;  // links left unread
};

CheckReport make_report(std::vector<FileCheck> files);

// The exit code of `accord check`: usage (2) if a file could not be read,
// found (1) if any error diagnostic, ok (0) otherwise.
ExitCode exit_code(const CheckReport& report);

// The counts object of the accord.check/1 schema, which accord.status/1 reuses.
void write_counts(JsonWriter& json, const DocumentCounts& counts);

std::string render_text(const CheckReport& report, const RenderOptions& options);
std::string render_json(const CheckReport& report);

}  // namespace accord
