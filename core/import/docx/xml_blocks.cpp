#include "core/import/docx/xml_blocks.hpp"

namespace accord::docx {

namespace {

constexpr std::size_t kNone = std::string_view::npos;

bool at(std::string_view xml, std::size_t i, std::string_view what) {
    return xml.compare(i, what.size(), what) == 0;
}

void skip_space(std::string_view xml, std::size_t& i) {
    while (i < xml.size() && (xml[i] == ' ' || xml[i] == '\t' || xml[i] == '\n' || xml[i] == '\r'))
        ++i;
}

// Past a comment or processing instruction at `i`; kNone when `i` holds
// neither or it is not closed.
std::size_t skip_aside(std::string_view xml, std::size_t i) {
    if (at(xml, i, "<!--")) {
        const std::size_t end = xml.find("-->", i + 4);
        return end == kNone ? kNone : end + 3;
    }
    if (at(xml, i, "<?")) {
        const std::size_t end = xml.find("?>", i + 2);
        return end == kNone ? kNone : end + 2;
    }
    return kNone;
}

// The '>' ending the tag that starts at `i`, skipping quoted attribute values.
std::size_t tag_end(std::string_view xml, std::size_t i) {
    char quote = 0;
    for (std::size_t j = i + 1; j < xml.size(); ++j) {
        const char c = xml[j];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return j;
        } else if (c == '<') {
            return kNone;
        }
    }
    return kNone;
}

// The local name of the tag at `i` ("body" for "<w:body ...>", "</w:body>").
std::string_view local_name(std::string_view xml, std::size_t i) {
    std::size_t begin = i + 1;
    if (begin < xml.size() && xml[begin] == '/') ++begin;
    std::size_t end = begin;
    while (end < xml.size() && xml[end] != ' ' && xml[end] != '>' && xml[end] != '/' &&
           xml[end] != '\t' && xml[end] != '\n' && xml[end] != '\r')
        ++end;
    std::string_view name = xml.substr(begin, end - begin);
    const std::size_t colon = name.rfind(':');
    return colon == kNone ? name : name.substr(colon + 1);
}

// Just past the element whose start tag is at `i`.
std::size_t element_end(std::string_view xml, std::size_t i) {
    std::size_t depth = 0;
    while (i < xml.size()) {
        if (xml[i] != '<') {
            i = xml.find('<', i);
            if (i == kNone) return kNone;
            continue;
        }
        if (at(xml, i, "<![CDATA[")) {
            const std::size_t end = xml.find("]]>", i + 9);
            if (end == kNone) return kNone;
            i = end + 3;
            continue;
        }
        if (at(xml, i, "<!--") || at(xml, i, "<?")) {
            i = skip_aside(xml, i);
            if (i == kNone) return kNone;
            continue;
        }
        if (at(xml, i, "<!")) return kNone;  // a declaration has no place here
        const std::size_t end = tag_end(xml, i);
        if (end == kNone) return kNone;
        if (xml[i + 1] == '/') {
            if (depth == 0) return kNone;
            if (--depth == 0) return end + 1;
        } else if (xml[end - 1] != '/') {
            ++depth;
        } else if (depth == 0) {
            return end + 1;  // <w:bookmarkEnd .../> at the top
        }
        i = end + 1;
    }
    return kNone;
}

}  // namespace

std::optional<BodyScan> scan_body(std::string_view xml) {
    BodyScan scan;
    std::size_t i = at(xml, 0, "\xEF\xBB\xBF") ? 3 : 0;
    // The prolog: declarations, comments, perhaps a DOCTYPE.
    for (;;) {
        skip_space(xml, i);
        if (at(xml, i, "<!DOCTYPE")) {
            scan.doctype = true;
            return scan;
        }
        const std::size_t after = skip_aside(xml, i);
        if (after == kNone) break;
        i = after;
    }
    if (i >= xml.size() || xml[i] != '<' || local_name(xml, i) != "document") return std::nullopt;
    std::size_t end = tag_end(xml, i);
    if (end == kNone || xml[end - 1] == '/') return std::nullopt;
    i = end + 1;
    // The document's children, up to and into the body.
    for (;;) {
        skip_space(xml, i);
        if (i >= xml.size() || xml[i] != '<' || at(xml, i, "</")) return std::nullopt;
        if (const std::size_t after = skip_aside(xml, i); after != kNone) {
            i = after;
            continue;
        }
        if (local_name(xml, i) == "body") break;
        i = element_end(xml, i);
        if (i == kNone) return std::nullopt;
    }
    end = tag_end(xml, i);
    if (end == kNone) return std::nullopt;
    if (xml[end - 1] == '/') return scan;  // <w:body/>
    i = end + 1;
    for (;;) {
        skip_space(xml, i);
        if (i >= xml.size() || xml[i] != '<') return std::nullopt;
        if (at(xml, i, "</")) {
            if (local_name(xml, i) != "body") return std::nullopt;
            return scan;
        }
        if (const std::size_t after = skip_aside(xml, i); after != kNone) {
            i = after;
            continue;
        }
        if (at(xml, i, "<!")) return std::nullopt;
        const std::size_t block_end = element_end(xml, i);
        if (block_end == kNone) return std::nullopt;
        scan.blocks.push_back({i, block_end});
        i = block_end;
    }
}

}  // namespace accord::docx
