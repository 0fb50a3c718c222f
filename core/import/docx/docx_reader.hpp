#pragma once
// Reading a Word document (.docx) into the plain model of docx_model.hpp.
//
// Promises, for documents from anyone:
//  - Bad input gets one clear error naming the file (and the part, line and
//    column for XML), and no model: not a zip, a truncated zip, a legacy .doc
//    or a password-protected document (both OLE files, told apart), a package
//    without its main document part, malformed XML, any DOCTYPE (entities are
//    never expanded), XML nested deeper than a limit, parts or archives over
//    the size limits (refused before they are inflated whole).
//  - Memory stays proportional to the document: parts are inflated one at a
//    time within the zip limits and parsed in place.
#include <cstddef>
#include <optional>
#include <string>

#include "core/import/docx/docx_model.hpp"
#include "core/util/zip_archive.hpp"

namespace accord::docx {

struct ReadOptions {
    // Word writes a few megabytes of XML for hundreds of pages (the 2024
    // draft with 95 comments and 91 tracked changes: 1.3 MB in all), and
    // its parsed form takes several times its size: these limits keep a
    // document from anyone well under a gigabyte of memory, where zip's own
    // (a gigabyte inflated) would let a few megabytes of .docx take many.
    zip::ReadLimits zip = {.max_entry_size = 64ull << 20, .max_total_size = 96ull << 20};
    std::size_t max_xml_depth = 256;  // Word's own documents nest a few dozen levels
};

enum class ReadErrorKind {
    none,
    io,                // cannot open or read the file
    not_a_docx,        // not a zip archive
    truncated,         // a zip cut short
    damaged,           // a zip with inconsistent headers or data
    legacy_doc,        // Word 97-2003 .doc (an OLE compound file)
    encrypted,         // password-protected (an OLE file holding EncryptionInfo), or
                       // an encrypted zip entry
    missing_document,  // no main document part
    malformed_xml,     // a part is not well-formed XML
    doctype,           // a part declares a DOCTYPE
    too_deep,          // a part nests elements deeper than max_xml_depth
    too_large,         // over a zip limit: entries, sizes, total, compression ratio
    library,           // libzip cannot be loaded
};

struct ReadError {
    ReadErrorKind kind = ReadErrorKind::none;
    std::string message;
    // For malformed XML: the byte offset in the part where the parser stopped.
    std::size_t xml_offset = 0;
    explicit operator bool() const { return kind != ReadErrorKind::none; }
};

struct ReadResult {
    std::optional<Package> package;
    ReadError error;
    bool ok() const { return package.has_value(); }
};

ReadResult read_docx_file(const std::string& path, const ReadOptions& options = {});
// `display_name` names the document in messages.
ReadResult read_docx_bytes(std::string bytes, const std::string& display_name,
                           const ReadOptions& options = {});

}  // namespace accord::docx
