#pragma once
// The front matter an imported file carries: id, kind,
// section, group (or after-group), title, heading and status, as YAML
// between "---" fences.
// Written here rather than through yaml-cpp so that the text stays exactly as
// planned: free text is always double-quoted, so that headings with ':' or
// '#' read back as written.
#include <string>
#include <string_view>

#include "core/import/plan.hpp"

namespace accord::importer {

// A YAML scalar for `value`: plain when it is a simple word or phrase that
// YAML reads back as the same string ("agreed-A-3", "no consensus"),
// double-quoted with escapes otherwise.
std::string yaml_scalar(std::string_view value, bool always_quote = false);

// "---\nid: ...\n---\n" for the file's fields as they stand; empty fields are
// left out.
std::string front_matter(const PlannedFile& file);

}  // namespace accord::importer
