#pragma once
// The whole negotiation at one revision, gathered for `accord compile`: every
// text in compilation order under the outline's headings and, for the HTML
// view, who proposed each word (blame) and each text's timeline of proposals.
#include <optional>
#include <string>
#include <vector>

#include "merge/compile/compilation_layout.hpp"
#include "core/store/recommendations.hpp"
#include "core/store/workspace.hpp"
#include "merge/blame/blame_history.hpp"
#include "merge/report/history.hpp"
#include "merge/report/positions.hpp"

namespace accord {

struct CompiledText {
    Recommendation text;
    // With CompilationOptions::attribute: the text blamed at the revision (its
    // spans index blame->history.proposals, the text's timeline, oldest first).
    std::optional<FileBlame> blame;
    // With CompilationOptions::attribute: the positions recorded on this
    // text up to the revision, oldest first.
    std::vector<PositionEntry> positions;
};

struct Compilation {
    std::string negotiation;           // accord.yaml's name, may be empty
    std::string revision;              // the commit compiled; empty: no proposals yet
    std::optional<Proposal> proposal;  // the proposal that made `revision`
    std::optional<Recommendation> outline;
    std::vector<CompiledText> texts;    // compilation order, the outline excluded
    CompilationLayout layout;           // indexes `texts`
    std::vector<std::string> registry;  // delegation names in accord.yaml's order
};

struct CompilationOptions {
    std::string at = "HEAD";  // a revision, a date (YYYY-MM-DD) or a meeting
    bool attribute = false;   // blame every text (the HTML view needs it)
};

// An unborn branch gives an empty compilation (no revision, no texts), not an
// error; an `at` that names nothing is a usage error naming it.
Compilation compile_negotiation(const Workspace& workspace, const CompilationOptions& options);

}  // namespace accord
