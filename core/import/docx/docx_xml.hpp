#pragma once
// Private to core/import/docx: the XML parts of a Word package, read into the
// model. docx_xml.cpp is the one file that includes pugixml.
//
// Every function parses `xml` in place (its bytes are overwritten), refuses a
// DOCTYPE and nesting deeper than `max_depth`, and returns an error naming
// `part` (kind none when it went well).
#include <map>
#include <string>
#include <vector>

#include "core/import/docx/docx_model.hpp"
#include "core/import/docx/docx_reader.hpp"
#include "core/import/docx/styles.hpp"

namespace accord::docx {

struct Relationship {
    std::string type;  // "http://.../relationships/officeDocument"
    std::string target;
    bool external = false;
};

// What reading one part leaves for the next: styles before the document,
// comments and notes before the stories that point at them.
struct XmlReadState {
    explicit XmlReadState(Package& into) : package(into) {}
    Package& package;
    Styles styles;
    std::size_t max_depth = 256;
    std::map<std::string, std::uint32_t> footnotes;  // Word id -> index into Package::notes
    std::map<std::string, std::uint32_t> endnotes;
    std::map<std::string, std::uint32_t> comments;            // Word id -> index
    std::map<std::string, std::uint32_t> comment_paragraphs;  // w14:paraId -> comment index
    std::map<std::string, std::uint32_t> bookmarks;           // Word id -> index, accord's only
};

ReadError read_relationships(std::string& xml, const std::string& part, std::size_t max_depth,
                             std::vector<Relationship>& out);
ReadError read_styles(std::string& xml, const std::string& part, XmlReadState& state);
ReadError read_numbering(std::string& xml, const std::string& part, XmlReadState& state);
ReadError read_comments(std::string& xml, const std::string& part, XmlReadState& state);
ReadError read_comment_threads(std::string& xml, const std::string& part, XmlReadState& state);
ReadError read_notes(std::string& xml, const std::string& part, NoteKind kind, XmlReadState& state);
ReadError read_document(std::string& xml, const std::string& part, XmlReadState& state);
ReadError read_core_properties(std::string& xml, const std::string& part, XmlReadState& state);
ReadError read_custom_properties(std::string& xml, const std::string& part, XmlReadState& state);
// A header or footer: not part of the negotiated text, so only counted
// among what was left out (its wording once, each tracked change in it),
// whatever prefix its producer gave Word's namespace.
ReadError read_header_or_footer(std::string& xml, const std::string& part, XmlReadState& state);

}  // namespace accord::docx
