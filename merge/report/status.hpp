#pragma once
// `accord status`: where the negotiation stands. Per recommendation (in the
// order of the compilation; the outline is not one) its status, what is still
// open in it (brackets, alternatives groups, strikes, notation errors) and the
// last proposal that changed it; totals per group and overall. The figures are
// those of `accord check` (core/counts), so the two always agree on the same
// files.
#include <optional>
#include <string>
#include <vector>

#include "core/notation/counts.hpp"
#include "core/store/workspace.hpp"
#include "core/util/terminal.hpp"
#include "merge/report/history.hpp"

namespace accord {

struct RecommendationStatus {
    std::string path, id, title, status;
    DocumentCounts counts;
    // The newest proposal (first-parent history) whose commit changed this
    // file; none when the file is new in the work tree.
    std::optional<Proposal> last;
    // Describing the work tree: the file differs from HEAD's (an edit not yet proposed).
    bool edited = false;
};

// One heading of the compilation: a group within a section. Either may be
// empty ("GROUP A" of the imported WGEC texts has no section; a text with
// neither front-matter key falls in the unnamed group).
struct GroupStatus {
    std::string section, group;
    // With no group: the group its texts follow in the compilation (their
    // front matter's after-group: the opinions after GROUP E), or "".
    std::string after_group;
    std::vector<RecommendationStatus> recommendations;
    DocumentCounts totals;
};

struct StatusReport {
    // The commit described, or "" for the work tree (HEAD's tracked files as
    // they are on disk).
    std::string revision;
    std::vector<GroupStatus> groups;  // in compilation order
    DocumentCounts totals;
    std::size_t recommendations = 0;
    // Recommendations per status; "" for those with none.
    std::map<std::string, std::size_t> by_status;
    // Texts (.md, .txt) left out because they cannot be read as text: NUL
    // bytes (a binary file, UTF-16 without a byte-order mark), UTF-32,
    // malformed UTF-16. Named, never left out silently.
    std::vector<std::string> not_texts;
    // Texts of the last proposal missing from the work tree: deleted, not
    // yet proposed (work-tree reports only).
    std::vector<std::string> deleted;
};

struct StatusOptions {
    // A revision (anything Workspace::resolve takes); empty: the work tree.
    std::string at;
    // Files or directories relative to the work tree; empty: every text.
    std::vector<std::string> paths;
};

// An unborn branch gives an empty report. A path that names no text: usage
// error.
StatusReport negotiation_status(const Workspace& workspace, const StatusOptions& options = {});

struct StatusViewOptions {
    TerminalStyle style;  // colour or not; names and texts are shown through escape_controls
};

// An aligned table: a heading per group, a row per recommendation, a totals
// row per group and overall.
std::string render_status_text(const StatusReport& report, const StatusViewOptions& options = {});

// Schema accord.status/1:
// {"schema", "revision" (sha or null for the work tree),
//  "groups": [{"section", "group", "after_group" (only when not empty),
//              "recommendations": [{"path", "id", "title", "status", "counts",
//                                   "last_proposal": null | {"commit", "proposers",
//                                                            "date", "day", "subject"},
//                                   "edited"}],
//              "totals"}],
//  "totals", "recommendations", "by_status": {status: n}}
// where "counts" and "totals" are accord.check/1's counts objects.
std::string render_status_json(const StatusReport& report);

}  // namespace accord
