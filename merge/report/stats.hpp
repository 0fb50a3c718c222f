#pragma once
// `accord stats`: how the open brackets, alternatives, options and strikes of
// a negotiation evolved, proposal by proposal, in total and per text; as JSON
// for tools (schema accord.stats/1) and as an SVG chart for people.
//
// One point per proposal on the walk (first parent by default), at its author
// time: the counts as they stood just after it. Several proposals on one day
// stay several points, so nothing is hidden; the last of them is the state at
// the end of that day, which is where a chart's step line comes to rest.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/counts.hpp"
#include "core/store/workspace.hpp"
#include "merge/report/history.hpp"
#include "merge/report/proposal_index.hpp"

namespace accord {

// What `stats` follows in a text: the part of DocumentCounts that measures
// how much is still open.
struct Tally {
    std::size_t brackets = 0;             // matched pairs
    std::size_t alternatives_groups = 0;  // "[a][b]" runs, runs of Alt/Option paragraphs
    std::size_t options = 0;              // choices offered (see DocumentCounts)
    std::size_t strikes = 0;              // proposed deletions

    static Tally of(const DocumentCounts& counts);
    Tally& operator+=(const Tally& other);
    Tally& operator-=(const Tally& other);
    bool operator==(const Tally&) const = default;
};

enum class Metric { brackets, alternatives_groups, options, strikes };
std::size_t value(const Tally& tally, Metric metric);

// Each metric's names, in the order the JSON lists them: its key (in the
// JSON, and for --metric) and how a person says it (the chart's title).
struct MetricNames {
    Metric metric;
    std::string_view key;    // "alternatives_groups"
    std::string_view title;  // "Alternatives groups"
};
inline constexpr std::array<MetricNames, 4> kMetrics = {{
    {Metric::brackets, "brackets", "Open brackets"},
    {Metric::alternatives_groups, "alternatives_groups", "Alternatives groups"},
    {Metric::options, "options", "Options offered"},
    {Metric::strikes, "strikes", "Proposed deletions (strikes)"},
}};
std::string_view metric_title(Metric metric);
// The metric a key names, in any case; "alternatives" is short for
// alternatives_groups. nullopt for anything else.
std::optional<Metric> metric_named(std::string_view name);

struct StatsProposal {
    Proposal proposal;
    std::int64_t time = 0;       // the author time, seconds since the epoch
    std::size_t text_count = 0;  // texts present after it (among those followed)
    Tally totals;                // over those texts
};

// A text's counts at the proposals that changed it.
struct TextPoint {
    std::size_t proposal = 0;  // index into StatsReport::proposals
    bool present = true;       // false: this proposal deleted the text
    Tally counts;              // zero when not present
};

struct TextSeries {
    std::string path;
    std::string id, group, title;  // from its front matter, as last seen (deleted texts too)
    bool outline = false;
    std::vector<TextPoint> points;  // in proposal order; the first is where it appeared
    Tally peak;                     // the highest value of each figure
    Tally last;                     // as it stands after the last proposal
};

struct StatsReport {
    std::string revision;  // the commit the walk started from; empty on an unborn branch
    std::vector<StatsProposal> proposals;
    // In compilation order as they stand at the end; texts deleted on the way after them.
    std::vector<TextSeries> texts;
};

struct StatsOptions {
    ProposalIndexOptions index;
    // Files or directories relative to the top of the work tree; empty: every text.
    std::vector<std::string> paths;
};

// Walks the proposals oldest first and re-parses only the texts each one
// touched. An empty repository gives an empty report; paths that name no
// text anywhere in a history: usage error naming them.
StatsReport compute_stats(const Workspace& workspace, const StatsOptions& options = {});

// JSON, schema accord.stats/1:
// {"schema", "revision",
//  "proposals": [{"commit", "date", "day", "proposers": [..], "subject", "text_count",
//                 "totals": {"brackets", "alternatives_groups", "options", "strikes"}}],
//  "texts": [{"path", "id", "group", "title", "outline", "peak": {..}, "last": {..},
//             "points": [{"proposal": index, "commit", "day", "present", "counts": {..}}]}]}
std::string render_stats_json(const StatsReport& report);
// The same document handed to `write` piece by piece (a proposal or a text at
// a time), so that a long history is printed without being held twice.
void write_stats_json(const StatsReport& report,
                      const std::function<void(std::string_view piece)>& write);

struct StatsChartOptions {
    Metric metric = Metric::brackets;
    std::size_t top =
        8;             // per-text lines: the texts with the highest peaks, at most this many (12)
    std::string name;  // the negotiation's name, for the title; may be empty
};

// An SVG line chart of one figure: the total in black and, when there is more
// than one text, the `top` texts with the highest peak (the legend says how
// many were left out). "no proposals" when the report is empty.
std::string render_stats_svg(const StatsReport& report, const StatsChartOptions& options = {});

}  // namespace accord
