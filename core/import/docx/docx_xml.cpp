#include "core/import/docx/docx_xml.hpp"

#include <pugixml.hpp>

#include <charconv>
#include <cstring>

#include "core/import/docx/symbol_font.hpp"
#include "core/import/docx/xml_blocks.hpp"
#include "core/util/encoding.hpp"
#include "core/util/text.hpp"
#include "core/util/utf8.hpp"

// The one file that includes pugixml.
//
// Elements are matched by their local name ("p" for "w:p"), whatever prefix a
// producer chose. Foreign markup that reuses those names (DrawingML's a:p,
// a:t; math's m:r, m:t) lives only inside drawings, text boxes and equations,
// which are skipped whole and counted.

namespace accord::docx {

namespace {

// Escapes and character references are decoded; entities a DTD would
// declare are never expanded (pugixml has no DTD support): a DOCTYPE is
// parsed only to be refused. Whitespace-only text is kept where it is an
// element's only content (<w:t xml:space="preserve"> </w:t>).
constexpr unsigned kParseFlags =
    pugi::parse_escapes | pugi::parse_eol | pugi::parse_wconv_attribute | pugi::parse_cdata |
    pugi::parse_ws_pcdata_single | pugi::parse_doctype | pugi::parse_embed_pcdata;

std::string_view local_name(const char* name) {
    const char* colon = std::strrchr(name, ':');
    return colon == nullptr ? std::string_view(name) : std::string_view(colon + 1);
}

std::string_view local(pugi::xml_node node) {
    return local_name(node.name());
}

const char* attr(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        if (local_name(a.name()) == name) return a.value();
    }
    return nullptr;
}

std::string attr_string(pugi::xml_node node, std::string_view name) {
    const char* value = attr(node, name);
    return value == nullptr ? std::string() : std::string(value);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element && local(c) == name) return c;
    }
    return {};
}

std::string_view child_val(pugi::xml_node node, std::string_view name) {
    const pugi::xml_node c = child(node, name);
    if (!c) return {};
    const char* value = attr(c, "val");
    return value == nullptr ? std::string_view() : std::string_view(value);
}

std::optional<std::uint32_t> number(const char* text) {
    if (text == nullptr) return std::nullopt;
    std::uint32_t value = 0;
    const char* end = text + std::strlen(text);
    const auto [at, error] = std::from_chars(text, end, value);
    if (error != std::errc() || at == text) return std::nullopt;
    return value;
}

std::optional<std::uint32_t> child_number(pugi::xml_node node, std::string_view name) {
    const pugi::xml_node c = child(node, name);
    return c ? number(attr(c, "val")) : std::nullopt;
}

// A toggle such as <w:b/>, <w:b w:val="0"/>: unset when the element is absent.
std::optional<bool> toggle(pugi::xml_node properties, std::string_view name) {
    const pugi::xml_node c = child(properties, name);
    if (!c) return std::nullopt;
    const char* value = attr(c, "val");
    if (value == nullptr) return true;
    const std::string_view v(value);
    return !(v == "0" || v == "false" || v == "off" || v == "none");
}

// "0xE9": a byte, for messages.
std::string hex_byte(char c) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(c);
    return std::string("0x") + kDigits[byte >> 4] + kDigits[byte & 0xF];
}

// The deepest nesting in the document, counted without recursion.
std::size_t depth_of(const pugi::xml_document& document, std::size_t limit) {
    std::size_t depth = 1, deepest = 1;
    pugi::xml_node node = document.first_child();
    while (node) {
        if (node.first_child()) {
            node = node.first_child();
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) return deepest;
            continue;
        }
        while (node != document && !node.next_sibling()) {
            node = node.parent();
            --depth;
        }
        if (node == document) break;
        node = node.next_sibling();
    }
    return deepest;
}

// XML holds no character NUL, no lone surrogate, nothing past U+10FFFF, and
// no control character but tab, line feed and carriage return (XML 1.0,
// "Char"), written as a reference or as a byte. pugixml would decode
// "&#0;" and the string would end there (the words after it lost without a
// word), and write a surrogate as bytes no UTF-8 reader takes. Refused, as
// malformed XML, at the offset of the first. A part in UTF-16 (Word writes
// UTF-8) is checked for references alone, its ASCII read without the zero
// bytes between.
bool xml_char(std::uint32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

ReadError check_characters(std::string_view xml, const std::string& part) {
    const bool utf16 = xml.size() >= 2 && (xml[0] == '\0' || xml[1] == '\0' ||
                                           (static_cast<unsigned char>(xml[0]) == 0xFF &&
                                            static_cast<unsigned char>(xml[1]) == 0xFE) ||
                                           (static_cast<unsigned char>(xml[0]) == 0xFE &&
                                            static_cast<unsigned char>(xml[1]) == 0xFF));
    const auto refuse = [&](std::size_t at, const std::string& what) {
        return ReadError{
            ReadErrorKind::malformed_xml,
            part + ": malformed XML: " + what +
                ", which XML cannot hold (the part is damaged or was not written by Word)",
            utf16 ? 0 : at};
    };
    const std::size_t step = utf16 ? 2 : 1;
    const auto at = [&](std::size_t k) {  // the k-th character's ASCII byte, or 0
        const std::size_t i = utf16 ? k * 2 : k;
        if (i + (utf16 ? 1 : 0) >= xml.size()) return '\0';
        if (!utf16) return xml[i];
        return xml[i] != '\0' ? xml[i] : xml[i + 1];
    };
    const std::size_t count = xml.size() / step;
    for (std::size_t k = 0; k < count; ++k) {
        const char c = at(k);
        if (!utf16 && static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return refuse(k,
                          "a control character (byte " + std::to_string(static_cast<int>(c)) + ")");
        if (c != '&' || at(k + 1) != '#') continue;
        const bool hex = at(k + 2) == 'x';
        std::uint64_t value = 0;
        std::size_t digits = 0, j = k + (hex ? 3 : 2);
        for (;; ++j, ++digits) {
            const char d = at(j);
            int v = -1;
            if (d >= '0' && d <= '9') v = d - '0';
            if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
            if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
            if (v < 0) break;
            value = std::min<std::uint64_t>(value * (hex ? 16 : 10) + static_cast<unsigned>(v),
                                            0x110000);
        }
        if (digits == 0 || at(j) != ';') continue;  // not a reference pugixml decodes
        if (!xml_char(static_cast<std::uint32_t>(value))) {
            std::string reference;
            for (std::size_t r = k; r <= j; ++r) reference += at(r);
            return refuse(k, "the character reference " + reference);
        }
    }
    return {};
}

// The encoding the XML declaration names, in lower case; "" when none.
std::string declared_encoding(std::string_view xml) {
    if (xml.substr(0, 3) == "\xEF\xBB\xBF") xml.remove_prefix(3);
    if (xml.substr(0, 5) != "<?xml") return "";
    const std::string_view declaration = xml.substr(0, xml.find("?>"));
    const std::size_t key = declaration.find("encoding");
    if (key == std::string_view::npos) return "";
    const std::size_t quote = declaration.find_first_of("'\"", key);
    if (quote == std::string_view::npos) return "";
    const std::size_t end = declaration.find(declaration[quote], quote + 1);
    if (end == std::string_view::npos) return "";
    return ascii_lowercase(std::string(declaration.substr(quote + 1, end - quote - 1)));
}

bool single_byte_latin(const std::string& encoding) {
    return encoding == "iso-8859-1" || encoding == "iso8859-1" || encoding == "latin1" ||
           encoding == "latin-1" || encoding == "l1" || encoding == "windows-1252" ||
           encoding == "cp1252";
}

// A part as UTF-8, which the readers below take (a block of the body is
// parsed as UTF-8 whatever the declaration says). UTF-16 is left to
// pugixml, which decodes it. A part declaring ISO-8859-1 or Windows-1252 is
// decoded from Windows-1252 (what such documents mean) and its declaration
// made to say UTF-8. Any other part must be well-formed UTF-8: a byte that
// is not is refused as malformed XML, where it stands, never recorded (the
// text would show it as U+FFFD in every later view, the Party's wording lost).
ReadError as_utf8(std::string& xml, const std::string& part) {
    if (xml.size() >= 2 &&
        (xml[0] == '\0' || xml[1] == '\0' || byte_order_mark(xml) == ByteOrderMark::utf16_le ||
         byte_order_mark(xml) == ByteOrderMark::utf16_be))
        return {};
    const std::string encoding = declared_encoding(xml);
    const auto refuse = [&](std::size_t at, const std::string& why) {
        return ReadError{ReadErrorKind::malformed_xml,
                         part + ": malformed XML: " + why +
                             "; open the document in Word and save it again as .docx",
                         at};
    };
    if (single_byte_latin(encoding)) {
        std::size_t at = 0;
        std::optional<std::string> decoded = windows1252_to_utf8(xml, &at);
        if (!decoded)
            return refuse(at, "the byte " + hex_byte(xml[at]) + ", which " + encoding +
                                  " (read as Windows-1252) does not define");
        // The declaration is ASCII, so where it was: its value now says UTF-8,
        // lest pugixml decode the part a second time.
        const std::size_t quote = decoded->find_first_of("'\"", decoded->find("encoding"));
        decoded->replace(quote + 1, encoding.size(), "UTF-8");
        xml = std::move(*decoded);
        return {};
    }
    const std::size_t bad = utf8::first_invalid(xml);
    if (bad == std::string::npos) return {};
    return refuse(
        bad, "the byte " + hex_byte(xml[bad]) + ", which is not UTF-8" +
                 (encoding.empty() || encoding == "utf-8" || encoding == "utf8"
                      ? std::string()
                      : " (the part declares '" + encoding + "', which accord does not read)"));
}

ReadError parse(std::string& xml, const std::string& part, std::size_t max_depth,
                pugi::xml_document& document) {
    if (ReadError error = as_utf8(xml, part)) return error;
    if (ReadError error = check_characters(xml, part)) return error;
    const pugi::xml_parse_result result =
        document.load_buffer_inplace(xml.data(), xml.size(), kParseFlags, pugi::encoding_auto);
    for (pugi::xml_node node = document.first_child(); node; node = node.next_sibling()) {
        if (node.type() == pugi::node_doctype) {
            return {ReadErrorKind::doctype,
                    part + ": declares a DOCTYPE, which Word never writes; refused without " +
                        "expanding its entities",
                    0};
        }
    }
    if (!result) {
        return {ReadErrorKind::malformed_xml, part + ": malformed XML: " + result.description(),
                static_cast<std::size_t>(result.offset)};
    }
    if (depth_of(document, max_depth) > max_depth) {
        return {ReadErrorKind::too_deep,
                part + ": nests elements more than " + std::to_string(max_depth) +
                    " levels deep; Word's own documents never do",
                0};
    }
    return {};
}

// The document element, refusing a part that has none or the wrong one.
ReadError root_of(const pugi::xml_document& document, const std::string& part,
                  std::string_view expected, pugi::xml_node& root) {
    root = document.document_element();
    if (!root || local(root) != expected) {
        return {ReadErrorKind::malformed_xml,
                part + ": expected <" + std::string(expected) + "> as the root element, found <" +
                    (root ? std::string(root.name()) : std::string("nothing")) + ">",
                0};
    }
    return {};
}

// --- stories -------------------------------------------------------------------

class StoryReader {
  public:
    StoryReader(XmlReadState& state, std::uint32_t story_index)
        : state_(state), story_index_(story_index) {}

    void blocks(pugi::xml_node container, Cell* cell) {
        for (pugi::xml_node node = container.first_child(); node; node = node.next_sibling()) {
            if (node.type() != pugi::node_element) continue;
            const std::string_view name = local(node);
            if (name == "p") {
                const std::uint32_t index = paragraph(node, cell != nullptr);
                if (cell != nullptr) {
                    cell->paragraphs.push_back(index);
                } else {
                    story().blocks.push_back({BlockKind::paragraph, index});
                }
            } else if (name == "tbl") {
                table(node, cell);
            } else if (name == "sdt") {
                blocks(child(node, "sdtContent"), cell);
            } else if (name == "customXml") {
                blocks(node, cell);
            } else if (name == "ins" || name == "moveTo" || name == "del" || name == "moveFrom") {
                with_revision(node, name, [&] { blocks(node, cell); });
            } else if (name == "commentRangeStart" || name == "commentRangeEnd") {
                comment_mark(node, name == "commentRangeStart" ? Mark::start : Mark::end);
            } else if (name == "bookmarkStart" || name == "bookmarkEnd") {
                bookmark(node, name == "bookmarkStart");
            } else if (name == "altChunk") {
                ++dropped("embedded documents");
            }
        }
    }

  private:
    enum class Mark { start, end, reference };

    Story& story() {
        return story_index_ == 0 ? state_.package.body
                                 : state_.package.notes[story_index_ - 1].story;
    }
    Paragraph& current() { return story().paragraphs[paragraph_]; }
    std::size_t& dropped(const std::string& what) { return state_.package.dropped[what]; }

    // The character a w:sym stands for, as UTF-8; "" when it has none.
    static std::string_view symbol_character(pugi::xml_node sym) {
        const std::string code = attr_string(sym, "char");
        std::uint32_t value = 0;
        const auto [end, error] =
            std::from_chars(code.data(), code.data() + code.size(), value, 16);
        if (error != std::errc() || end != code.data() + code.size()) return {};
        return symbol_font_character(attr_string(sym, "font"), value);
    }

    // What the warning for a w:sym read as nothing says: its font and code
    // (printable ASCII only, as a document may hold anything there) and the
    // paragraph it stands in, counted from 1 in its story.
    std::string unmapped_symbol(pugi::xml_node sym) const {
        auto printable = [](const std::string& value) {
            std::string out;
            for (char c : value.substr(0, 40))
                if (c >= ' ' && c <= '~') out += c;
            return out;
        };
        std::string what = printable(attr_string(sym, "font"));
        const std::string code = printable(attr_string(sym, "char"));
        what += (what.empty() || code.empty() ? "" : " ") + code;
        return "symbols with no Unicode equivalent (" + (what.empty() ? "" : what + " ") +
               "in paragraph " + std::to_string(paragraph_ + 1) +
               (story_index_ == 0 ? "" : " of a note") + ")";
    }

    std::uint32_t add_revision(pugi::xml_node node, RevisionKind kind, bool mark, bool row) {
        Revision revision;
        revision.kind = kind;
        revision.author = attr_string(node, "author");
        revision.date = attr_string(node, "date");
        revision.word_id = attr_string(node, "id");
        revision.story = story_index_;
        revision.paragraph_mark = mark;
        revision.table_row = row;
        state_.package.revisions.push_back(std::move(revision));
        return static_cast<std::uint32_t>(state_.package.revisions.size() - 1);
    }

    static RevisionKind revision_kind(std::string_view name) {
        if (name == "ins") return RevisionKind::insertion;
        if (name == "del") return RevisionKind::deletion;
        if (name == "moveTo") return RevisionKind::move_to;
        return RevisionKind::move_from;
    }

    // Runs inside `node` are inserted or deleted by the revision it records.
    template <class Read>
    void with_revision(pugi::xml_node node, std::string_view name, Read read) {
        const RevisionKind kind = revision_kind(name);
        std::uint32_t& slot = inserts(kind) ? inserted_ : deleted_;
        const std::uint32_t saved = slot;
        slot = add_revision(node, kind, false, false);
        read();
        slot = saved;
    }

    void comment_mark(pugi::xml_node node, Mark mark) {
        const auto it = state_.comments.find(attr_string(node, "id"));
        if (it == state_.comments.end()) return;  // a mark without its comment
        Comment& comment = state_.package.comments[it->second];
        Position at{story_index_, 0, 0};
        if (in_paragraph_) {
            at.paragraph = paragraph_;
            at.run = static_cast<std::uint32_t>(current().runs.size());
        } else if (mark == Mark::start) {
            at.paragraph = static_cast<std::uint32_t>(story().paragraphs.size());  // the next one
        } else if (!story().paragraphs.empty()) {
            at.paragraph = static_cast<std::uint32_t>(story().paragraphs.size() - 1);
            at.run = static_cast<std::uint32_t>(story().paragraphs.back().runs.size());
        }
        switch (mark) {
            case Mark::start:
                comment.start = at;
                started_.push_back(it->second);
                break;
            case Mark::end:
                comment.end = at;
                for (std::uint32_t started : started_) {
                    if (started == it->second) comment.has_range = true;
                }
                break;
            case Mark::reference:
                comment.reference = at;
                comment.has_reference = true;
                break;
        }
    }

    // Where a mark between runs or paragraphs stands.
    Position here(bool start) {
        Position at{story_index_, 0, 0};
        if (in_paragraph_) {
            at.paragraph = paragraph_;
            at.run = static_cast<std::uint32_t>(current().runs.size());
        } else if (start) {
            at.paragraph = static_cast<std::uint32_t>(story().paragraphs.size());  // the next one
        } else if (!story().paragraphs.empty()) {
            at.paragraph = static_cast<std::uint32_t>(story().paragraphs.size() - 1);
            at.run = static_cast<std::uint32_t>(story().paragraphs.back().runs.size());
        }
        return at;
    }

    // accord's bookmarks in the body; any other is Word's own business.
    void bookmark(pugi::xml_node node, bool start) {
        if (story_index_ != 0) return;
        const std::string id = attr_string(node, "id");
        std::vector<Bookmark>& bookmarks = state_.package.bookmarks;
        if (start) {
            const std::string name = attr_string(node, "name");
            if (name.rfind(kAccordBookmarkPrefix, 0) != 0 || state_.bookmarks.count(id) > 0 ||
                bookmarks.size() >= 100'000)
                return;
            state_.bookmarks[id] = static_cast<std::uint32_t>(bookmarks.size());
            bookmarks.push_back({name, here(true), {}, false});
            return;
        }
        const auto it = state_.bookmarks.find(id);
        if (it == state_.bookmarks.end() || bookmarks[it->second].has_end) return;
        bookmarks[it->second].end = here(false);
        bookmarks[it->second].has_end = true;
    }

    std::uint32_t paragraph(pugi::xml_node node, bool in_table) {
        const auto index = static_cast<std::uint32_t>(story().paragraphs.size());
        story().paragraphs.emplace_back();
        paragraph_ = index;
        in_paragraph_ = true;
        Paragraph& p = current();
        p.in_table = in_table;
        std::optional<std::uint32_t> num_id, level, outline;
        pugi::xml_node change;
        if (const pugi::xml_node properties = child(node, "pPr")) {
            p.style = std::string(child_val(properties, "pStyle"));
            if (const pugi::xml_node numbering = child(properties, "numPr")) {
                num_id = child_number(numbering, "numId");
                level = child_number(numbering, "ilvl");
            }
            outline = child_number(properties, "outlineLvl");
            if (const pugi::xml_node mark = child(properties, "rPr")) {
                for (pugi::xml_node c = mark.first_child(); c; c = c.next_sibling()) {
                    const std::string_view name = local(c);
                    if (name == "ins" || name == "moveTo") {
                        p.mark_inserted = add_revision(c, revision_kind(name), true, false);
                    } else if (name == "del" || name == "moveFrom") {
                        p.mark_deleted = add_revision(c, revision_kind(name), true, false);
                    }
                }
            }
            change = child(properties, "pPrChange");
        }
        p.numbering = resolve_numbering(state_.styles, p.style, num_id, level);
        p.heading = heading_level_from_style(state_.styles, p.style, outline);
        if (change) paragraph_change(change, p);
        inline_content(node);
        in_paragraph_ = false;
        return index;
    }

    // A tracked change of the paragraph's properties (w:pPrChange, which
    // holds them as they were). Where it changed what the notation shows of
    // the paragraph (its number, its heading level) it is a change of its
    // author, the paragraph read as it was until it is shown; any other
    // (indentation, spacing) is formatting the text does not carry.
    void paragraph_change(pugi::xml_node change, Paragraph& p) {
        const pugi::xml_node was = child(change, "pPr");
        const std::string style = was ? std::string(child_val(was, "pStyle")) : std::string();
        std::optional<std::uint32_t> num_id, level, outline;
        if (was) {
            if (const pugi::xml_node numbering = child(was, "numPr")) {
                num_id = child_number(numbering, "numId");
                level = child_number(numbering, "ilvl");
            }
            outline = child_number(was, "outlineLvl");
        }
        const NumberingRef numbering = resolve_numbering(state_.styles, style, num_id, level);
        const std::uint32_t heading = heading_level_from_style(state_.styles, style, outline);
        if (numbering.num_id == p.numbering.num_id &&
            (!numbering.numbered() || numbering.level == p.numbering.level) &&
            heading == p.heading) {
            ++dropped("formatting changes");
            return;
        }
        p.reformatted = add_revision(change, RevisionKind::format, false, false);
        p.numbering_before = numbering;
        p.heading_before = heading;
    }

    void inline_content(pugi::xml_node parent) {
        for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
            if (node.type() != pugi::node_element) continue;
            const std::string_view name = local(node);
            if (name == "r") {
                run(node);
            } else if (name == "ins" || name == "moveTo" || name == "del" || name == "moveFrom") {
                with_revision(node, name, [&] { inline_content(node); });
            } else if (name == "hyperlink") {
                if (attr(node, "id") != nullptr) ++dropped("link targets");
                inline_content(node);
            } else if (name == "fldSimple") {
                ++dropped("field codes");
                inline_content(node);
            } else if (name == "smartTag" || name == "customXml" || name == "dir" ||
                       name == "bdo") {
                inline_content(node);
            } else if (name == "sdt") {
                inline_content(child(node, "sdtContent"));
            } else if (name == "commentRangeStart" || name == "commentRangeEnd") {
                comment_mark(node, name == "commentRangeStart" ? Mark::start : Mark::end);
            } else if (name == "bookmarkStart" || name == "bookmarkEnd") {
                bookmark(node, name == "bookmarkStart");
            } else if (name == "oMath" || name == "oMathPara") {
                ++dropped("equations");
            }
        }
    }

    // What a run's properties (w:rPr) say of the formatting the notation carries.
    struct RunProperties {
        std::string style;
        FormatSettings direct;
        Baseline baseline = Baseline::normal;
    };

    static RunProperties run_properties(pugi::xml_node properties) {
        RunProperties out;
        if (!properties) return out;
        out.style = std::string(child_val(properties, "rStyle"));
        out.direct.bold = toggle(properties, "b");
        out.direct.italic = toggle(properties, "i");
        const std::optional<bool> strike = toggle(properties, "strike");
        const std::optional<bool> double_strike = toggle(properties, "dstrike");
        if (strike || double_strike)
            out.direct.strike = strike.value_or(false) || double_strike.value_or(false);
        const std::string_view align = child_val(properties, "vertAlign");
        if (align == "superscript") out.baseline = Baseline::superscript;
        if (align == "subscript") out.baseline = Baseline::subscript;
        return out;
    }

    Format format_of(const RunProperties& properties) {
        const ResolvedFormat resolved =
            resolve_format(state_.styles, current().style, properties.style, properties.direct);
        return Format{resolved.bold, resolved.italic, resolved.strike, properties.baseline};
    }

    // The revision of a tracked change of format (w:rPrChange). Word records
    // one per run; runs next to each other that one author changed at one
    // time are one change, as a w:ins around them would be.
    // A line break between them (which has no format) does not part them.
    std::uint32_t format_revision(pugi::xml_node change) {
        const std::vector<Run>& runs = current().runs;
        auto last = runs.rbegin();
        while (last != runs.rend() && last->kind == RunKind::line_break) ++last;
        if (last != runs.rend() && last->reformatted != kNoIndex) {
            const Revision& before = state_.package.revisions[last->reformatted];
            if (before.author == attr_string(change, "author") &&
                before.date == attr_string(change, "date"))
                return last->reformatted;
        }
        return add_revision(change, RevisionKind::format, false, false);
    }

    void run(pugi::xml_node node) {
        const pugi::xml_node properties = child(node, "rPr");
        const RunProperties read = run_properties(properties);
        bool hidden = false;
        // Formatting the notation cannot carry, counted when the run has text.
        std::vector<const char*> lost;
        pugi::xml_node format_change;
        if (properties) {
            hidden = toggle(properties, "vanish").value_or(false);
            const std::string_view colour = child_val(properties, "color");
            if (!colour.empty() && colour != "auto" && colour != "000000")
                lost.push_back("colours");
            const std::string_view highlight = child_val(properties, "highlight");
            if (!highlight.empty() && highlight != "none") lost.push_back("highlights");
            if (toggle(properties, "u").value_or(false) && child_val(properties, "u") != "none")
                lost.push_back("underlines");
            format_change = child(properties, "rPrChange");
        }
        if (hidden) {
            ++dropped("hidden text");
            return;
        }
        const Format format = format_of(read);
        // A tracked change of format is read when it changes what the
        // notation shows (bold, italics, a strike, a baseline): striking
        // wording is how a Party proposes deleting it.
        std::optional<Format> format_before;  // the run's format was changed from it
        if (format_change) {
            const Format before = format_of(run_properties(child(format_change, "rPr")));
            // Formatting an insertion as its author made it is part of
            // inserting it: the inserted run reads with its format already.
            const bool own_insertion =
                inserted_ != kNoIndex &&
                state_.package.revisions[inserted_].author ==
                    attr_string(format_change, "author") &&
                state_.package.revisions[inserted_].date == attr_string(format_change, "date");
            if (before == format) {
                ++dropped("formatting changes");
            } else if (!own_insertion) {
                format_before = before;
            }
        }
        std::uint32_t reformatted = kNoIndex;  // its revision, made with the first run pushed

        bool open_text = false;  // the last run pushed takes more text
        auto push = [&](RunKind kind) -> Run& {
            Run run;
            run.kind = kind;
            run.format = format;
            run.inserted = inserted_;
            run.deleted = deleted_;
            if (format_before && kind != RunKind::line_break) {
                if (reformatted == kNoIndex) reformatted = format_revision(format_change);
                run.reformatted = reformatted;
                run.format_before = *format_before;
            }
            current().runs.push_back(std::move(run));
            open_text = kind == RunKind::text;
            return current().runs.back();
        };
        bool had_text = false;
        auto text = [&](std::string_view more) {
            had_text = true;
            if (!open_text) push(RunKind::text);
            current().runs.back().text += more;
        };
        for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) continue;
            const std::string_view name = local(c);
            if (name == "t" || name == "delText") {
                text(c.child_value());
            } else if (name == "tab" || name == "ptab") {
                text("\t");
            } else if (name == "br") {
                const std::string_view type = attr(c, "type") ? attr(c, "type") : "";
                if (type != "page" && type != "column") push(RunKind::line_break);
            } else if (name == "cr") {
                push(RunKind::line_break);
            } else if (name == "noBreakHyphen") {
                text("-");
            } else if (name == "footnoteReference" || name == "endnoteReference") {
                const auto& notes =
                    name == "footnoteReference" ? state_.footnotes : state_.endnotes;
                const auto it = notes.find(attr_string(c, "id"));
                if (it == notes.end()) {
                    ++dropped("references to missing notes");
                } else {
                    push(RunKind::note_reference).note = it->second;
                }
            } else if (name == "commentReference") {
                open_text = false;
                comment_mark(c, Mark::reference);
            } else if (name == "fldChar") {
                if (attr_string(c, "fldCharType") == "begin") ++dropped("field codes");
            } else if (name == "drawing" || name == "pict" || name == "AlternateContent") {
                ++dropped("images, drawings and text boxes");
            } else if (name == "object") {
                ++dropped("embedded objects");
            } else if (name == "sym") {
                const std::string_view character = symbol_character(c);
                if (character.empty()) {
                    ++dropped(unmapped_symbol(c));
                } else {
                    text(character);
                }
            } else if (name == "ruby") {
                // The base text is the wording; its reading (w:rt, the
                // pronunciation set above it) is not, and is what is lost.
                ++dropped("ruby annotations");
                if (const pugi::xml_node base = child(c, "rubyBase")) {
                    inline_content(base);
                    open_text = false;  // the base's runs come after the one open
                }
            }
            // Left out on purpose: rPr (read above), instrText (a field's code:
            // its result is in ordinary runs), footnoteRef/endnoteRef (a note's
            // own number), annotationRef, separators, softHyphen, page breaks.
        }
        if (had_text) {
            for (const char* what : lost) ++dropped(what);
        }
    }

    void table(pugi::xml_node node, Cell* outer) {
        std::uint32_t index = kNoIndex;
        if (outer != nullptr) {
            ++dropped("nested tables (flattened into their cell)");
        } else {
            index = static_cast<std::uint32_t>(story().tables.size());
            story().tables.emplace_back();
            story().blocks.push_back({BlockKind::table, index});
        }
        for_each_element(node, "tr", [&](pugi::xml_node row_node) {
            Row row;
            const std::uint32_t saved_inserted = inserted_, saved_deleted = deleted_;
            if (const pugi::xml_node properties = child(row_node, "trPr")) {
                for (pugi::xml_node c = properties.first_child(); c; c = c.next_sibling()) {
                    const std::string_view name = local(c);
                    if (name == "ins") {
                        inserted_ = row.inserted =
                            add_revision(c, revision_kind(name), false, true);
                    } else if (name == "del") {
                        deleted_ = row.deleted = add_revision(c, revision_kind(name), false, true);
                    }
                }
            }
            for_each_element(row_node, "tc", [&](pugi::xml_node cell_node) {
                Cell cell;
                if (const pugi::xml_node properties = child(cell_node, "tcPr")) {
                    cell.span = std::max<std::uint32_t>(
                        child_number(properties, "gridSpan").value_or(1), 1);
                    if (const pugi::xml_node merge = child(properties, "vMerge")) {
                        cell.merged_with_above = attr_string(merge, "val") != "restart";
                    }
                    if (child(properties, "cellIns") || child(properties, "cellDel"))
                        ++dropped("cell insertions and deletions");
                }
                blocks(cell_node, outer != nullptr ? outer : &cell);
                if (outer == nullptr) row.cells.push_back(std::move(cell));
            });
            inserted_ = saved_inserted;
            deleted_ = saved_deleted;
            if (outer == nullptr) story().tables[index].rows.push_back(std::move(row));
        });
    }

    // Calls `visit` on each `name` element directly inside `node`, looking
    // through content controls and custom XML wrapped around them.
    template <class Visit>
    void for_each_element(pugi::xml_node node, std::string_view name, Visit visit) {
        for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) continue;
            const std::string_view n = local(c);
            if (n == name) {
                visit(c);
            } else if (n == "sdt") {
                for_each_element(child(c, "sdtContent"), name, visit);
            } else if (n == "customXml") {
                for_each_element(c, name, visit);
            }
        }
    }

    XmlReadState& state_;
    std::uint32_t story_index_;
    std::uint32_t paragraph_ = 0;
    bool in_paragraph_ = false;
    std::uint32_t inserted_ = kNoIndex;
    std::uint32_t deleted_ = kNoIndex;
    std::vector<std::uint32_t> started_;  // comments whose range started in this story
};

// --- comments -------------------------------------------------------------------

// A comment's text as Word shows it: insertions in, deletions out, paragraphs
// and line breaks as '\n'.
void comment_text(pugi::xml_node node, std::string& out) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const std::string_view name = local(c);
        if (name == "t") {
            out += c.child_value();
        } else if (name == "tab") {
            out += '\t';
        } else if (name == "br" || name == "cr") {
            out += '\n';
        } else if (name == "p") {
            if (!out.empty()) out += '\n';
            comment_text(c, out);
        } else if (name == "del" || name == "moveFrom" || name == "rPr" || name == "pPr" ||
                   name == "drawing" || name == "pict" || name == "AlternateContent" ||
                   name == "instrText") {
            continue;
        } else {
            comment_text(c, out);  // runs, insertions, hyperlinks, tables
        }
    }
}

void comment_paragraph_ids(pugi::xml_node node, std::uint32_t comment, XmlReadState& state) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (local(c) == "p") {
            if (const char* id = attr(c, "paraId")) state.comment_paragraphs[id] = comment;
        } else if (local(c) == "tbl" || local(c) == "tr" || local(c) == "tc" || local(c) == "sdt" ||
                   local(c) == "sdtContent") {
            comment_paragraph_ids(c, comment, state);
        }
    }
}

NumberFormat number_format(std::string_view name) {
    if (name == "decimalZero") return NumberFormat::decimal_zero;
    if (name == "lowerLetter") return NumberFormat::lower_letter;
    if (name == "upperLetter") return NumberFormat::upper_letter;
    if (name == "lowerRoman") return NumberFormat::lower_roman;
    if (name == "upperRoman") return NumberFormat::upper_roman;
    if (name == "ordinal") return NumberFormat::ordinal;
    if (name == "cardinalText") return NumberFormat::cardinal_text;
    if (name == "ordinalText") return NumberFormat::ordinal_text;
    if (name == "bullet") return NumberFormat::bullet;
    if (name == "none") return NumberFormat::none;
    return NumberFormat::decimal;  // and the scripts accord does not write out
}

NumberingLevel numbering_level(pugi::xml_node lvl) {
    NumberingLevel level;
    level.start = child_number(lvl, "start").value_or(1);
    level.format = number_format(child_val(lvl, "numFmt"));
    level.text = std::string(child_val(lvl, "lvlText"));
    if (const auto restart = child_number(lvl, "lvlRestart"))
        level.restart = static_cast<std::int32_t>(std::min<std::uint32_t>(*restart, 9));
    level.legal = toggle(lvl, "isLgl").value_or(false);
    return level;
}

}  // namespace

ReadError read_relationships(std::string& xml, const std::string& part, std::size_t max_depth,
                             std::vector<Relationship>& out) {
    pugi::xml_document document;
    pugi::xml_node root;
    if (ReadError error = parse(xml, part, max_depth, document)) return error;
    if (ReadError error = root_of(document, part, "Relationships", root)) return error;
    for (pugi::xml_node node = root.first_child(); node; node = node.next_sibling()) {
        if (local(node) != "Relationship") continue;
        out.push_back({attr_string(node, "Type"), attr_string(node, "Target"),
                       attr_string(node, "TargetMode") == "External"});
    }
    return {};
}

ReadError read_styles(std::string& xml, const std::string& part, XmlReadState& state) {
    pugi::xml_document document;
    pugi::xml_node root;
    if (ReadError error = parse(xml, part, state.max_depth, document)) return error;
    if (ReadError error = root_of(document, part, "styles", root)) return error;
    for (pugi::xml_node node = root.first_child(); node; node = node.next_sibling()) {
        if (local(node) != "style") continue;
        const std::string id = attr_string(node, "styleId");
        const std::string type = attr_string(node, "type");
        StyleDefinition style;
        style.name = std::string(child_val(node, "name"));
        style.based_on = std::string(child_val(node, "basedOn"));
        style.paragraph = type != "character";
        if (const pugi::xml_node properties = child(node, "pPr")) {
            if (const pugi::xml_node numbering = child(properties, "numPr")) {
                style.num_id = child_number(numbering, "numId");
                style.level = child_number(numbering, "ilvl");
            }
            style.outline = child_number(properties, "outlineLvl");
        }
        if (const pugi::xml_node properties = child(node, "rPr")) {
            style.bold = toggle(properties, "b");
            style.italic = toggle(properties, "i");
            style.strike = toggle(properties, "strike");
        }
        if (type == "numbering" && style.num_id) {
            state.package.numbering.style_instances[id] = *style.num_id;
        }
        const std::string is_default = attr_string(node, "default");
        if (type == "paragraph" && (is_default == "1" || is_default == "true")) {
            state.styles.default_paragraph = id;
        }
        if (type == "paragraph" || type == "character") state.styles.by_id[id] = std::move(style);
    }
    return {};
}

// A level within the bounds of numbering.hpp (kMaxLevelTextChars,
// kMaxNumberingStart), or an error naming it and saying how to fix it.
ReadError check_level(const NumberingLevel& level, std::optional<std::uint32_t> start_override,
                      const std::string& part, const std::string& which) {
    const auto refuse = [&](const std::string& what) {
        return ReadError{ReadErrorKind::too_large,
                         part + ": " + which + " " + what +
                             "; Word's lists have short labels starting at small numbers, and "
                             "accord writes the label before every paragraph of the list: set "
                             "the list's number format in Word (Define New Number Format), save, "
                             "and import again",
                         0};
    };
    const std::size_t chars = utf8::count_chars(level.text, 0, level.text.size());
    if (chars > kMaxLevelTextChars)
        return refuse("writes a label (w:lvlText) of " + std::to_string(chars) +
                      " characters, more than the " + std::to_string(kMaxLevelTextChars) +
                      " accord reads");
    const std::uint32_t start = std::max(level.start, start_override.value_or(0));
    if (start > kMaxNumberingStart)
        return refuse("starts at " + std::to_string(start) + ", past the " +
                      std::to_string(kMaxNumberingStart) + " accord reads");
    return {};
}

std::string level_name(std::uint32_t level, const char* list_kind, std::uint32_t id) {
    return "level " + std::to_string(level + 1) + " of " + list_kind + " " + std::to_string(id);
}

ReadError read_numbering(std::string& xml, const std::string& part, XmlReadState& state) {
    pugi::xml_document document;
    pugi::xml_node root;
    if (ReadError error = parse(xml, part, state.max_depth, document)) return error;
    if (ReadError error = root_of(document, part, "numbering", root)) return error;
    Numbering& numbering = state.package.numbering;
    for (pugi::xml_node node = root.first_child(); node; node = node.next_sibling()) {
        if (local(node) == "abstractNum") {
            const auto id = number(attr(node, "abstractNumId"));
            if (!id) continue;
            AbstractNumbering definition;
            definition.num_style_link = std::string(child_val(node, "numStyleLink"));
            for (pugi::xml_node lvl = node.first_child(); lvl; lvl = lvl.next_sibling()) {
                if (local(lvl) != "lvl") continue;
                const auto level = number(attr(lvl, "ilvl"));
                if (!level || *level >= kLevels) continue;
                definition.levels[*level] = numbering_level(lvl);
                if (ReadError error =
                        check_level(definition.levels[*level], std::nullopt, part,
                                    level_name(*level, "list definition (w:abstractNum)", *id)))
                    return error;
            }
            numbering.abstracts[*id] = std::move(definition);
        } else if (local(node) == "num") {
            const auto id = number(attr(node, "numId"));
            const auto abstract = child_number(node, "abstractNumId");
            if (!id || !abstract) continue;
            NumberingInstance instance;
            instance.abstract = *abstract;
            for (pugi::xml_node o = node.first_child(); o; o = o.next_sibling()) {
                if (local(o) != "lvlOverride") continue;
                const auto level = number(attr(o, "ilvl"));
                if (!level || *level >= kLevels) continue;
                instance.start_override[*level] = child_number(o, "startOverride");
                const pugi::xml_node lvl = child(o, "lvl");
                if (lvl) instance.level_override[*level] = numbering_level(lvl);
                if (ReadError error =
                        check_level(instance.level_override[*level].value_or(NumberingLevel{}),
                                    instance.start_override[*level], part,
                                    level_name(*level, "list (w:num)", *id)))
                    return error;
            }
            numbering.instances[*id] = std::move(instance);
        }
    }
    return {};
}

ReadError read_comments(std::string& xml, const std::string& part, XmlReadState& state) {
    pugi::xml_document document;
    pugi::xml_node root;
    if (ReadError error = parse(xml, part, state.max_depth, document)) return error;
    if (ReadError error = root_of(document, part, "comments", root)) return error;
    for (pugi::xml_node node = root.first_child(); node; node = node.next_sibling()) {
        if (local(node) != "comment") continue;
        Comment comment;
        comment.word_id = attr_string(node, "id");
        comment.author = attr_string(node, "author");
        comment.date = attr_string(node, "date");
        comment.initials = attr_string(node, "initials");
        comment_text(node, comment.text);
        const auto index = static_cast<std::uint32_t>(state.package.comments.size());
        comment_paragraph_ids(node, index, state);
        state.comments[comment.word_id] = index;
        state.package.comments.push_back(std::move(comment));
    }
    return {};
}

ReadError read_comment_threads(std::string& xml, const std::string& part, XmlReadState& state) {
    pugi::xml_document document;
    pugi::xml_node root;
    if (ReadError error = parse(xml, part, state.max_depth, document)) return error;
    if (ReadError error = root_of(document, part, "commentsEx", root)) return error;
    // A comment is known by the paraId of its last paragraph; a reply names
    // its parent's the same way.
    for (pugi::xml_node node = root.first_child(); node; node = node.next_sibling()) {
        if (local(node) != "commentEx") continue;
        const auto self = state.comment_paragraphs.find(attr_string(node, "paraId"));
        if (self == state.comment_paragraphs.end()) continue;
        Comment& comment = state.package.comments[self->second];
        comment.done = attr_string(node, "done") == "1";
        const char* parent_id = attr(node, "paraIdParent");
        if (parent_id == nullptr) continue;
        const auto parent = state.comment_paragraphs.find(parent_id);
        if (parent != state.comment_paragraphs.end() && parent->second != self->second)
            comment.parent = parent->second;
    }
    return {};
}

ReadError read_notes(std::string& xml, const std::string& part, NoteKind kind,
                     XmlReadState& state) {
    pugi::xml_document document;
    pugi::xml_node root;
    if (ReadError error = parse(xml, part, state.max_depth, document)) return error;
    const std::string_view element = kind == NoteKind::footnote ? "footnote" : "endnote";
    if (ReadError error =
            root_of(document, part, kind == NoteKind::footnote ? "footnotes" : "endnotes", root))
        return error;
    auto& ids = kind == NoteKind::footnote ? state.footnotes : state.endnotes;
    for (pugi::xml_node node = root.first_child(); node; node = node.next_sibling()) {
        if (local(node) != element) continue;
        const std::string type = attr_string(node, "type");
        if (!type.empty() && type != "normal") continue;  // separators and notices
        Note note;
        note.kind = kind;
        note.word_id = attr_string(node, "id");
        state.package.notes.push_back(std::move(note));
        const auto index = static_cast<std::uint32_t>(state.package.notes.size() - 1);
        ids[state.package.notes.back().word_id] = index;
        StoryReader(state, index + 1).blocks(node, nullptr);
    }
    return {};
}

ReadError read_document(std::string& xml, const std::string& part, XmlReadState& state) {
    // The body one top-level element at a time when the markup allows it:
    // the tree of a large document then never exists whole.
    if (ReadError error = as_utf8(xml, part)) return error;
    if (ReadError error = check_characters(xml, part)) return error;
    if (const std::optional<BodyScan> scan = scan_body(xml)) {
        if (scan->doctype) {
            return {ReadErrorKind::doctype,
                    part + ": declares a DOCTYPE, which Word never writes; refused without " +
                        "expanding its entities",
                    0};
        }
        StoryReader reader(state, 0);
        for (const XmlSpan& block : scan->blocks) {
            pugi::xml_document fragment;
            const pugi::xml_parse_result result = fragment.load_buffer_inplace(
                xml.data() + block.begin, block.end - block.begin,
                kParseFlags | pugi::parse_fragment, pugi::encoding_utf8);
            if (!result) {
                return {ReadErrorKind::malformed_xml,
                        part + ": malformed XML: " + result.description(),
                        block.begin + static_cast<std::size_t>(result.offset)};
            }
            // The document and body elements hold each block.
            if (depth_of(fragment, state.max_depth) + 2 > state.max_depth) {
                return {ReadErrorKind::too_deep,
                        part + ": nests elements more than " + std::to_string(state.max_depth) +
                            " levels deep; Word's own documents never do",
                        0};
            }
            reader.blocks(fragment, nullptr);
        }
        return {};
    }
    pugi::xml_document document;
    pugi::xml_node root;
    if (ReadError error = parse(xml, part, state.max_depth, document)) return error;
    if (ReadError error = root_of(document, part, "document", root)) return error;
    const pugi::xml_node body = child(root, "body");
    if (!body) {
        return {ReadErrorKind::malformed_xml, part + ": has no <w:body>", 0};
    }
    StoryReader(state, 0).blocks(body, nullptr);
    return {};
}

ReadError read_core_properties(std::string& xml, const std::string& part, XmlReadState& state) {
    pugi::xml_document document;
    pugi::xml_node root;
    if (ReadError error = parse(xml, part, state.max_depth, document)) return error;
    if (ReadError error = root_of(document, part, "coreProperties", root)) return error;
    Properties& properties = state.package.properties;
    for (pugi::xml_node node = root.first_child(); node; node = node.next_sibling()) {
        const std::string_view name = local(node);
        std::string* field = name == "title"            ? &properties.title
                             : name == "creator"        ? &properties.creator
                             : name == "lastModifiedBy" ? &properties.last_modified_by
                             : name == "created"        ? &properties.created
                             : name == "modified"       ? &properties.modified
                                                        : nullptr;
        if (field != nullptr) *field = node.child_value();
    }
    return {};
}

ReadError read_header_or_footer(std::string& xml, const std::string& part, XmlReadState& state) {
    pugi::xml_document document;
    if (ReadError error = parse(xml, part, state.max_depth, document)) return error;
    // Every element (pugixml's walk is iterative: no recursion on depth).
    struct Counter : pugi::xml_tree_walker {
        bool text = false;
        std::size_t changes = 0;
        bool for_each(pugi::xml_node& node) override {
            if (node.type() != pugi::node_element) return true;
            const std::string_view name = local(node);
            text = text || name == "t";
            if (name == "ins" || name == "del") ++changes;
            return true;
        }
    } counter;
    document.traverse(counter);
    if (counter.text) ++state.package.dropped["header or footer texts"];
    if (counter.changes > 0)
        state.package.dropped["tracked changes in headers or footers"] += counter.changes;
    return {};
}

ReadError read_custom_properties(std::string& xml, const std::string& part, XmlReadState& state) {
    pugi::xml_document document;
    pugi::xml_node root;
    if (ReadError error = parse(xml, part, state.max_depth, document)) return error;
    if (ReadError error = root_of(document, part, "Properties", root)) return error;
    auto& custom = state.package.properties.custom;
    for (pugi::xml_node node = root.first_child(); node && custom.size() < 10'000;
         node = node.next_sibling()) {
        if (local(node) != "property") continue;
        const std::string name = node.attribute("name").value();
        const pugi::xml_node value = node.first_child();
        if (!name.empty() && value) custom[name] = value.child_value();
    }
    return {};
}

}  // namespace accord::docx
