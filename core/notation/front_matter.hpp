#pragma once
// YAML front matter: "---" on the first line, YAML, then "---" (or "...").
// The only parse code that includes yaml-cpp; accord.yaml has its own reader.
#include <string_view>
#include <vector>

#include "core/notation/document.hpp"

namespace accord {

// Finds and reads the front matter at the top of `source`. A fence that never
// closes is not front matter: the text stays body and a warning says so.
// YAML errors become diagnostics at their line; the fields are then empty.
FrontMatter read_front_matter(std::string_view source, std::vector<Diagnostic>& diagnostics);

// Where the front matter read_front_matter finds ends (after its closing
// fence's line), without reading its YAML; 0 when `source` has none.
std::size_t front_matter_end(std::string_view source);

// The last front matter read through it, for a caller reading many versions
// of one text (blame): most versions change the body only, and reading the
// YAML is most of what parsing their front matter costs.
class FrontMatterMemo {
  public:
    // read_front_matter(source, diagnostics), the same fields and the same
    // diagnostics, without reading the YAML again when `source` opens with
    // the very block (fences included) of the last source read through it.
    FrontMatter read(std::string_view source, std::vector<Diagnostic>& diagnostics);

  private:
    std::string block_;  // the last front matter's bytes; empty when there was none
    FrontMatter front_matter_;
    std::vector<Diagnostic> diagnostics_;
};

// Front matter written back, fences included: one "key: value" per field,
// values quoted where YAML needs it. Used when a merge combines two sides'
// fields; an unchanged block is always kept byte for byte instead.
std::string emit_front_matter(const std::vector<FrontMatterField>& fields);

}  // namespace accord
