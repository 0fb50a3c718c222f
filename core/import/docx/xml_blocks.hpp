#pragma once
// Private to core/import/docx: where each top-level element of a Word
// document's <w:body> lies in the part's bytes, found by scanning the markup
// without building a tree, so that the body can be parsed one paragraph or
// table at a time and a large document's tree never exists whole.
//
// The scan trusts nothing: anything it does not expect (text between
// elements, a declaration inside the body, markup cut short, an end tag that
// does not close the body) makes it give up, and the caller parses the part
// whole, which reports the error precisely.
#include <optional>
#include <string_view>
#include <vector>

namespace accord::docx {

struct XmlSpan {
    std::size_t begin = 0;  // the '<' of the element's start tag
    std::size_t end = 0;    // just past its end tag
};

struct BodyScan {
    bool doctype = false;         // the prolog declares a DOCTYPE: refuse the part
    std::vector<XmlSpan> blocks;  // the body's children, in order
};

// Nothing when the part is not laid out as `<?xml ...?><w:document ...>
// [other elements] <w:body> elements </w:body> ...` in UTF-8.
std::optional<BodyScan> scan_body(std::string_view xml);

}  // namespace accord::docx
