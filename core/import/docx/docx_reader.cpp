#include "core/import/docx/docx_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unordered_map>

#include "core/import/docx/docx_xml.hpp"
#include "core/util/text.hpp"
#include "core/util/utf8.hpp"

namespace accord::docx {

namespace {

// Word 97-2003 documents and password-protected .docx are both OLE compound
// files; the protected ones hold an "EncryptionInfo" stream.
constexpr std::string_view kOleMagic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

bool contains_utf16(std::string_view bytes, std::string_view ascii) {
    std::string wide;
    for (char c : ascii) {
        wide += c;
        wide += '\0';
    }
    return bytes.find(wide) != std::string_view::npos;
}

ReadError ole_error(const std::string& name, std::string_view bytes) {
    if (contains_utf16(bytes, "EncryptionInfo") || contains_utf16(bytes, "EncryptedPackage")) {
        return {ReadErrorKind::encrypted,
                name + ": is password-protected (an encrypted Word document); open it in Word " +
                    "and save it as .docx without a password",
                0};
    }
    return {ReadErrorKind::legacy_doc,
            name + ": is a Word 97-2003 document (.doc), not .docx; open it in Word or " +
                "LibreOffice and save it as .docx",
            0};
}

ReadError from_zip(const zip::Error& error) {
    ReadErrorKind kind = ReadErrorKind::damaged;
    switch (error.kind) {
        case zip::ErrorKind::none:
            return {};
        case zip::ErrorKind::io:
            kind = ReadErrorKind::io;
            break;
        case zip::ErrorKind::not_a_zip:
            kind = ReadErrorKind::not_a_docx;
            break;
        case zip::ErrorKind::truncated:
            kind = ReadErrorKind::truncated;
            break;
        case zip::ErrorKind::encrypted:
            kind = ReadErrorKind::encrypted;
            break;
        case zip::ErrorKind::library:
            kind = ReadErrorKind::library;
            break;
        case zip::ErrorKind::too_many_entries:
        case zip::ErrorKind::entry_too_large:
        case zip::ErrorKind::total_too_large:
        case zip::ErrorKind::ratio_too_high:
            kind = ReadErrorKind::too_large;
            break;
        case zip::ErrorKind::damaged:
        case zip::ErrorKind::duplicate_entry:
        case zip::ErrorKind::missing_entry:
        case zip::ErrorKind::unsupported:
            kind = ReadErrorKind::damaged;
            break;
    }
    std::string message = error.message;
    if (kind == ReadErrorKind::not_a_docx) message += "; a .docx is a zip package";
    return {kind, std::move(message), 0};
}

// A relationship's target as a part name: relative to the directory of the
// part that names it, or to the root when it starts with '/'. "" when it
// climbs out of the package.
std::string resolve_target(const std::string& source_part, const std::string& target) {
    std::vector<std::string> parts;
    std::string path;
    if (!target.empty() && target[0] == '/') {
        path = target.substr(1);
    } else {
        const std::size_t slash = source_part.rfind('/');
        path = (slash == std::string::npos ? "" : source_part.substr(0, slash + 1)) + target;
    }
    std::size_t at = 0;
    while (at <= path.size()) {
        std::size_t next = path.find('/', at);
        if (next == std::string::npos) next = path.size();
        const std::string segment = path.substr(at, next - at);
        if (segment == "..") {
            if (parts.empty()) return "";
            parts.pop_back();
        } else if (!segment.empty() && segment != ".") {
            parts.push_back(segment);
        }
        at = next + 1;
    }
    std::string out;
    for (const std::string& segment : parts) out += (out.empty() ? "" : "/") + segment;
    return out;
}

std::string relationships_of(const std::string& part) {
    const std::size_t slash = part.rfind('/');
    const std::string directory = slash == std::string::npos ? "" : part.substr(0, slash + 1);
    const std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
    return directory + "_rels/" + file + ".rels";
}

bool type_ends_with(const Relationship& relationship, std::string_view suffix) {
    const std::string& type = relationship.type;
    return !relationship.external && type.size() >= suffix.size() &&
           type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class PackageReader {
  public:
    PackageReader(zip::Archive& archive, std::string name, const ReadOptions& options,
                  Package& package)
        : archive_(archive), name_(std::move(name)), state_(package) {
        state_.max_depth = options.max_xml_depth;
    }

    ReadError run() {
        if (ReadError error = parts_named_once()) return error;
        std::string main_part = "word/document.xml";
        std::string core_part = "docProps/core.xml";
        std::string custom_part = "docProps/custom.xml";
        std::vector<Relationship> package_relationships;
        if (ReadError error = relationships("_rels/.rels", package_relationships)) return error;
        for (const Relationship& r : package_relationships) {
            const std::string part = resolve_target("", r.target);
            if (part.empty()) continue;
            if (type_ends_with(r, "/officeDocument")) main_part = part;
            if (type_ends_with(r, "/core-properties")) core_part = part;
            if (type_ends_with(r, "/custom-properties")) custom_part = part;
        }
        if (archive_.find(main_part) == nullptr) return missing_main(main_part);

        std::map<std::string, std::string> parts = {
            {"styles", "word/styles.xml"},       {"numbering", "word/numbering.xml"},
            {"footnotes", "word/footnotes.xml"}, {"endnotes", "word/endnotes.xml"},
            {"comments", "word/comments.xml"},   {"commentsExtended", "word/commentsExtended.xml"}};
        std::vector<Relationship> document_relationships;
        if (ReadError error = relationships(relationships_of(main_part), document_relationships))
            return error;
        for (const Relationship& r : document_relationships) {
            for (auto& [type, part] : parts) {
                if (type_ends_with(r, "/" + type)) part = resolve_target(main_part, r.target);
            }
        }

        using Reader = ReadError (*)(std::string&, const std::string&, XmlReadState&);
        const std::pair<const char*, Reader> in_order[] = {
            {"styles", read_styles},
            {"numbering", read_numbering},
            {"comments", read_comments},
            {"commentsExtended", read_comment_threads},
            {"footnotes",
             [](std::string& xml, const std::string& part, XmlReadState& state) {
                 return read_notes(xml, part, NoteKind::footnote, state);
             }},
            {"endnotes",
             [](std::string& xml, const std::string& part, XmlReadState& state) {
                 return read_notes(xml, part, NoteKind::endnote, state);
             }},
        };
        for (const auto& [type, reader] : in_order) {
            if (ReadError error = optional_part(parts[type], reader)) return error;
        }
        if (ReadError error = part(main_part, read_document)) return error;
        // Headers and footers are not part of the negotiated text: what they
        // hold is counted among what was left out, tracked changes apart (a
        // change there is someone's proposal the import does not record).
        for (const Relationship& r : document_relationships) {
            if (!type_ends_with(r, "/header") && !type_ends_with(r, "/footer")) continue;
            const std::string part_name = resolve_target(main_part, r.target);
            if (part_name.empty() || archive_.find(part_name) == nullptr) continue;
            if (ReadError error = part(part_name, read_header_or_footer)) return error;
        }
        if (ReadError error = optional_part(core_part, read_core_properties)) return error;
        return optional_part(custom_part, read_custom_properties);
    }

  private:
    // A package's part names are compared without case (ASCII), so two
    // entries whose names differ only in case are one part twice: which one
    // Word would read is not accord's to guess.
    ReadError parts_named_once() const {
        std::unordered_map<std::string, const std::string*> seen;
        for (const zip::EntryInfo& entry : archive_.entries()) {
            const auto [it, inserted] = seen.emplace(ascii_lowercase(entry.name), &entry.name);
            if (!inserted && *it->second != entry.name)
                return {ReadErrorKind::damaged,
                        name_ + ": two parts are named " + *it->second + " and " + entry.name +
                            ", which a package reads as one name; which one is meant is "
                            "ambiguous"};
        }
        return {};
    }

    ReadError read_bytes(const std::string& part, std::string& bytes) {
        zip::ReadResult read = archive_.read(part);
        if (!read.ok()) return from_zip(read.error);
        bytes = std::move(read.bytes);
        return {};
    }

    // Runs `reader` on the part; a malformed one is read again to say where.
    template <class Reader>
    ReadError part(const std::string& part_name, Reader reader) {
        std::string bytes;
        if (ReadError error = read_bytes(part_name, bytes)) return error;
        ReadError error = reader(bytes, name_ + ": " + part_name, state_);
        if (error.kind == ReadErrorKind::malformed_xml && error.xml_offset > 0) {
            locate(part_name, error);
        }
        return error;
    }

    template <class Reader>
    ReadError optional_part(const std::string& part_name, Reader reader) {
        if (part_name.empty() || archive_.find(part_name) == nullptr) return {};
        return part(part_name, reader);
    }

    ReadError relationships(const std::string& part_name, std::vector<Relationship>& out) {
        if (archive_.find(part_name) == nullptr) return {};
        return part(part_name, [&](std::string& xml, const std::string& label, XmlReadState&) {
            return read_relationships(xml, label, state_.max_depth, out);
        });
    }

    // "doc.docx: word/document.xml:3:14: malformed XML: ..."
    void locate(const std::string& part_name, ReadError& error) {
        std::string bytes;
        if (read_bytes(part_name, bytes)) return;
        const std::size_t offset = std::min(error.xml_offset, bytes.size());
        const std::size_t line =
            1 + static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
        const std::size_t line_start = bytes.rfind('\n', offset == 0 ? 0 : offset - 1);
        const std::size_t from = line_start == std::string::npos ? 0 : line_start + 1;
        const std::size_t column = 1 + utf8::count_chars(bytes, std::min(from, offset), offset);
        const std::string prefix = name_ + ": " + part_name;
        error.message = prefix + ":" + std::to_string(line) + ":" + std::to_string(column) +
                        error.message.substr(prefix.size());
    }

    ReadError missing_main(const std::string& main_part) const {
        std::string hint = "; it is not a Word document";
        if (archive_.find("xl/workbook.xml") != nullptr) hint = "; it looks like an Excel workbook";
        if (archive_.find("ppt/presentation.xml") != nullptr)
            hint = "; it looks like a PowerPoint presentation";
        if (archive_.find("content.xml") != nullptr)
            hint = "; it looks like an OpenDocument file: save it as .docx";
        return {ReadErrorKind::missing_document, name_ + ": has no " + main_part + hint, 0};
    }

    zip::Archive& archive_;
    std::string name_;
    XmlReadState state_;
};

// A paragraph Word numbers like a chapter or section ("IV.", "B.") and sets
// all in bold, short and not ending like a sentence, is a heading even
// without a heading style: secretariats' templates make headings that way.
bool looks_like_numbered_heading(const Paragraph& paragraph, NumberingRef numbering,
                                 const NumberingCounter& numbers) {
    if (paragraph.in_table || !numbering.numbered()) return false;
    const std::optional<NumberFormat> format = numbers.format(numbering);
    if (format != NumberFormat::upper_roman && format != NumberFormat::upper_letter) return false;
    std::size_t letters = 0;
    char last = 0;
    for (const Run& run : paragraph.runs) {
        if (run.kind != RunKind::text) continue;
        for (char c : run.text) {
            if (c == ' ' || c == '\t') continue;
            // Bold in the base text and after every change: a heading
            // whose bold a tracked change adds or takes away is none.
            if (!run.format.bold || (run.reformatted != kNoIndex && !run.format_before.bold))
                return false;
            if (++letters > 200) return false;
            last = c;
        }
    }
    return letters > 0 && std::strchr(".;:,", last) == nullptr;
}

void finish(Package& package) {
    const NumberingCounter numbers(package.numbering);
    for (Paragraph& paragraph : package.body.paragraphs) {
        if (paragraph.heading == 0 &&
            looks_like_numbered_heading(paragraph, paragraph.numbering, numbers))
            paragraph.heading = std::min<std::uint32_t>(paragraph.numbering.level + 1, 6);
        if (paragraph.reformatted != kNoIndex && paragraph.heading_before == 0 &&
            looks_like_numbered_heading(paragraph, paragraph.numbering_before, numbers))
            paragraph.heading_before =
                std::min<std::uint32_t>(paragraph.numbering_before.level + 1, 6);
    }
    // A mark placed after the last paragraph of a story belongs at its end.
    auto clamp = [&](Position& at) {
        const Story& story = package.story(std::min(at.story, package.story_count() - 1));
        if (story.paragraphs.empty()) {
            at.paragraph = at.run = 0;
        } else if (at.paragraph >= story.paragraphs.size()) {
            at.paragraph = static_cast<std::uint32_t>(story.paragraphs.size() - 1);
            at.run = static_cast<std::uint32_t>(story.paragraphs.back().runs.size());
        }
    };
    for (Comment& comment : package.comments) {
        clamp(comment.start);
        clamp(comment.end);
        clamp(comment.reference);
        if (!comment.has_range && comment.has_reference)
            comment.start = comment.end = comment.reference;
        if (comment.has_range && comment.end < comment.start) std::swap(comment.start, comment.end);
    }
}

ReadResult read_archive(zip::OpenResult opened, const std::string& name,
                        const ReadOptions& options) {
    if (!opened.archive) return {std::nullopt, from_zip(opened.error)};
    Package package;
    if (ReadError error = PackageReader(*opened.archive, name, options, package).run())
        return {std::nullopt, std::move(error)};
    finish(package);
    return {std::move(package), {}};
}

}  // namespace

ReadResult read_docx_file(const std::string& path, const ReadOptions& options) {
    // The first bytes tell an OLE file; then up to 64 MB of it (where its
    // stream directory is) tell a protected .docx from a .doc.
    std::string head;
    if (std::FILE* file = std::fopen(path.c_str(), "rb")) {
        head.resize(kOleMagic.size());
        head.resize(std::fread(head.data(), 1, head.size(), file));
        if (head == kOleMagic) {
            head.resize(64u << 20);
            head.resize(kOleMagic.size() + std::fread(head.data() + kOleMagic.size(), 1,
                                                      head.size() - kOleMagic.size(), file));
        }
        std::fclose(file);
    }
    if (std::string_view(head).substr(0, kOleMagic.size()) == kOleMagic)
        return {std::nullopt, ole_error(path, head)};
    return read_archive(zip::open_file(path, options.zip), path, options);
}

ReadResult read_docx_bytes(std::string bytes, const std::string& display_name,
                           const ReadOptions& options) {
    if (std::string_view(bytes).substr(0, kOleMagic.size()) == kOleMagic)
        return {std::nullopt, ole_error(display_name, bytes)};
    return read_archive(zip::open_memory(std::move(bytes), display_name, options.zip), display_name,
                        options);
}

std::string describe_dropped(const Package& package) {
    std::vector<std::pair<std::string, std::size_t>> counts;
    for (const auto& [what, count] : package.dropped) {
        if (count > 0) counts.emplace_back(what, count);
    }
    std::stable_sort(counts.begin(), counts.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string out;
    for (const auto& [what, count] : counts) {
        out += (out.empty() ? "" : ", ") + std::to_string(count) + " " + what;
    }
    return out;
}

}  // namespace accord::docx
