#pragma once
// The negotiation as a set of recommendations: every text of a commit (or of
// the work tree) parsed, described by its front matter and counted, in the
// order the secretariat's compilation lists them. `accord status`, `compile`,
// `stats` and `survival` all start from here.
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/counts.hpp"
#include "core/notation/document.hpp"
#include "core/notation/parse.hpp"

namespace accord {

class Workspace;

struct Recommendation {
    std::string path;  // relative to the work tree
    // From the front matter; `id` falls back to the file name without its
    // extension, `kind` to "recommendation". The others may be empty.
    std::string id, kind, section, group, title, heading, status;
    // With no group, "after-group": the group whose texts it follows in the
    // compilation (import writes it for opinions after the last group).
    std::string after_group;
    Document document;
    DocumentCounts counts;

    // The outline (preamble, contents, headings) that `accord import` writes
    // is a text of the negotiation but not a recommendation.
    bool is_outline() const { return kind == "outline"; }
};

// Parses one text and reads its description from the front matter. A file
// whose front matter does not name a status takes the status of its status
// tags when they all agree ("(agreed)" on every tagged paragraph).
Recommendation read_recommendation(std::string path, std::string_view bytes,
                                   const ParseOptions& options);

// Sorts into compilation order: the outline first; then by section, in the
// order the outline names the sections (sections it does not name come after,
// alphabetically); within a section, texts with no group before the groups,
// groups alphabetically, a text with no group but an after-group right
// after that group's texts; then by path (import numbers the files in
// document order). Stable for equal keys, so it is deterministic.
void sort_for_compilation(std::vector<Recommendation>& recommendations);

// The texts (.md and .txt files) at `commit` parsed, in compilation order.
// With an empty `commit`, the files HEAD tracks as they are in the work tree
// (a tracked file deleted from the work tree is left out). Binary files are
// skipped. An unborn branch gives none.
std::vector<Recommendation> read_recommendations(const Workspace& workspace,
                                                 const std::string& commit);

}  // namespace accord
