#include "merge/report/stats.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "core/store/cache_texts.hpp"
#include "core/store/proposal_record.hpp"
#include "core/store/recommendations.hpp"
#include "core/util/chart_svg.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/text.hpp"

namespace accord {

namespace {

// Seconds since the epoch of an RFC 3339 timestamp as history.cpp writes it
// ("2015-10-23T12:00:00+01:00" or "...Z"); 0 if it is not one.
std::int64_t parse_timestamp(const std::string& text) {
    if (text.size() < 20 || text[10] != 'T') return 0;
    const std::optional<std::int64_t> day = parse_iso_date(std::string_view(text).substr(0, 10));
    if (!day) return 0;
    auto two = [&](std::size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); };
    std::int64_t time = day_start_utc(*day) + two(11) * 3600 + two(14) * 60 + two(17);
    if (text.size() >= 25 && (text[19] == '+' || text[19] == '-')) {
        const std::int64_t offset = two(20) * 3600 + two(23) * 60;
        time -= text[19] == '+' ? offset : -offset;
    }
    return time;
}

void write_tally(JsonWriter& json, const Tally& t) {
    json.begin_object();
    for (const MetricNames& m : kMetrics) json.field(m.key, value(t, m.metric));
    json.end_object();
}

}  // namespace

Tally Tally::of(const DocumentCounts& counts) {
    return {counts.brackets, counts.alternatives_groups, counts.options, counts.strikes};
}

Tally& Tally::operator+=(const Tally& other) {
    brackets += other.brackets;
    alternatives_groups += other.alternatives_groups;
    options += other.options;
    strikes += other.strikes;
    return *this;
}

Tally& Tally::operator-=(const Tally& other) {
    brackets -= other.brackets;
    alternatives_groups -= other.alternatives_groups;
    options -= other.options;
    strikes -= other.strikes;
    return *this;
}

std::size_t value(const Tally& tally, Metric metric) {
    switch (metric) {
        case Metric::brackets:
            return tally.brackets;
        case Metric::alternatives_groups:
            return tally.alternatives_groups;
        case Metric::options:
            return tally.options;
        case Metric::strikes:
            return tally.strikes;
    }
    return 0;
}

std::string_view metric_title(Metric metric) {
    for (const MetricNames& m : kMetrics) {
        if (m.metric == metric) return m.title;
    }
    return "";
}

std::optional<Metric> metric_named(std::string_view name) {
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "alternatives") return Metric::alternatives_groups;
    for (const MetricNames& m : kMetrics) {
        if (m.key == lower) return m.metric;
    }
    return std::nullopt;
}

namespace {

// A proposal and the texts it changed (with their blob after it; nullopt
// where it deleted one), oldest first, from one walk of the history.
struct TextChanges {
    Proposal proposal;
    std::vector<Repository::FileChange> texts;
};

std::vector<TextChanges> text_changes(const Workspace& workspace,
                                      const ProposalIndexOptions& options) {
    std::vector<TextChanges> out;
    const Repository& repo = workspace.repo();
    if (repo.is_empty_branch()) return out;
    repo.walk_history(text_walk(repo, options), [&](Repository::WalkStep& step) {
        if (step.changes.empty() && !options.keep_untouching) return true;
        if (is_plain_merge(step.commit.parents.size(), step.commit.message)) return true;
        out.push_back({read_proposal(step.commit, workspace.config()), std::move(step.changes)});
        return true;
    });
    std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace

StatsReport compute_stats(const Workspace& workspace, const StatsOptions& options) {
    StatsReport report;
    std::vector<TextChanges> index = text_changes(workspace, options.index);
    const bool any_proposal = !index.empty();
    // Each version's counts and description, remembered by blob id: a text
    // is parsed once in the life of the repository, not on every run.
    TextSummaries summaries(workspace);
    // The latest reading of each text followed, by path, and where its series is.
    std::map<std::string, Recommendation> latest;
    std::map<std::string, std::size_t> series_of;
    Tally totals;
    for (TextChanges& touch : index) {
        std::vector<const Repository::FileChange*> changes;
        for (const Repository::FileChange& change : touch.texts)
            if (path_within_any(change.path, options.paths)) changes.push_back(&change);
        if (changes.empty()) continue;  // changed only texts not followed
        const std::size_t at = report.proposals.size();
        for (const Repository::FileChange* change : changes) {
            const std::string& path = change->path;
            auto found = latest.find(path);
            if (found != latest.end()) {
                totals -= Tally::of(found->second.counts);
                latest.erase(found);
            }
            std::optional<Recommendation> read;
            if (change->new_blob) read = summaries.at_blob(path, *change->new_blob);
            auto slot = series_of.find(path);
            if (slot == series_of.end()) {
                if (!read) continue;  // a binary or vanished file never seen as a text
                slot = series_of.emplace(path, report.texts.size()).first;
                report.texts.push_back({});
                report.texts.back().path = path;
            }
            TextSeries& series = report.texts[slot->second];
            TextPoint point{at, false, {}};
            if (read) {
                point = {at, true, Tally::of(read->counts)};
                totals += point.counts;
                series.id = read->id;
                series.group = read->group;
                series.title = read->title;
                series.outline = read->is_outline();
                latest.emplace(path, std::move(*read));
            }
            const Tally& c = point.counts;
            series.peak = {std::max(series.peak.brackets, c.brackets),
                           std::max(series.peak.alternatives_groups, c.alternatives_groups),
                           std::max(series.peak.options, c.options),
                           std::max(series.peak.strikes, c.strikes)};
            series.last = c;
            series.points.push_back(point);
        }
        StatsProposal entry;
        entry.time = parse_timestamp(touch.proposal.date);
        entry.proposal = std::move(touch.proposal);
        touch.texts = {};
        entry.text_count = latest.size();
        entry.totals = totals;
        report.proposals.push_back(std::move(entry));
    }
    index = {};
    summaries.save();
    if (!workspace.repo().is_empty_branch())
        report.revision = workspace.repo().resolve(options.index.from);

    // Compilation order for the texts that stand at the end, then the deleted ones by path.
    std::vector<Recommendation> standing;
    for (auto& [path, r] : latest) standing.push_back(std::move(r));
    sort_for_compilation(standing);
    std::vector<TextSeries> ordered;
    std::vector<bool> placed(report.texts.size(), false);
    for (const Recommendation& r : standing) {
        const std::size_t k = series_of.at(r.path);
        placed[k] = true;
        ordered.push_back(std::move(report.texts[k]));
    }
    std::vector<TextSeries> deleted;
    for (std::size_t k = 0; k < report.texts.size(); ++k)
        if (!placed[k]) deleted.push_back(std::move(report.texts[k]));
    std::sort(deleted.begin(), deleted.end(),
              [](const TextSeries& a, const TextSeries& b) { return a.path < b.path; });
    for (TextSeries& series : deleted) ordered.push_back(std::move(series));
    report.texts = std::move(ordered);
    if (!options.paths.empty() && report.texts.empty() && any_proposal) {
        throw usage_error("stats: no text at '" + join(options.paths, "', '") +
                          "' in the history; name files or directories as 'accord status' lists "
                          "them, relative to the current directory");
    }
    return report;
}

std::string render_stats_json(const StatsReport& report) {
    std::string out;
    write_stats_json(report, [&](std::string_view piece) { out += piece; });
    return out;
}

void write_stats_json(const StatsReport& report,
                      const std::function<void(std::string_view piece)>& write) {
    JsonWriter json = JsonWriter::with_schema("accord.stats/1");
    json.field("revision", report.revision);
    json.key("proposals").begin_array();
    for (const StatsProposal& p : report.proposals) {
        json.begin_object()
            .field("commit", p.proposal.commit)
            .field("date", p.proposal.date)
            .field("day", p.proposal.day);
        json.key("proposers").begin_array();
        for (const std::string& name : p.proposal.proposers) json.value(name);
        json.end_array();
        json.field("subject", p.proposal.subject).field("text_count", p.text_count);
        json.key("totals");
        write_tally(json, p.totals);
        json.end_object();
        write(json.take());
    }
    json.end_array();
    json.key("texts").begin_array();
    for (const TextSeries& t : report.texts) {
        json.begin_object()
            .field("path", t.path)
            .field("id", t.id)
            .field("group", t.group)
            .field("title", t.title)
            .field("outline", t.outline);
        json.key("peak");
        write_tally(json, t.peak);
        json.key("last");
        write_tally(json, t.last);
        json.key("points").begin_array();
        for (const TextPoint& point : t.points) {
            const Proposal& p = report.proposals[point.proposal].proposal;
            json.begin_object()
                .field("proposal", point.proposal)
                .field("commit", p.commit)
                .field("day", p.day)
                .field("present", point.present);
            json.key("counts");
            write_tally(json, point.counts);
            json.end_object();
        }
        json.end_array().end_object();
        write(json.take());
    }
    json.end_array();
    write(json.finish());
}

std::string render_stats_svg(const StatsReport& report, const StatsChartOptions& options) {
    LineChart chart;
    const std::string what(metric_title(options.metric));
    chart.title = what + " over time" + (options.name.empty() ? "" : ": " + options.name);
    chart.x_label = "Proposal date";
    chart.y_label = what;
    chart.empty_message = "no proposals";
    chart.integer_values = true;
    if (report.proposals.empty()) return render_line_chart_svg(chart);

    const auto& proposals = report.proposals;
    ChartSeries total;
    total.label = report.texts.size() > 1 ? "All texts" : "Total";
    total.emphasised = true;
    for (const StatsProposal& p : proposals)
        total.points.push_back({p.time, static_cast<double>(value(p.totals, options.metric))});
    chart.series.push_back(std::move(total));

    // The texts whose figure ever rose above zero, highest peak first (ties: compilation order).
    std::vector<const TextSeries*> ranked;
    if (report.texts.size() > 1) {
        for (const TextSeries& t : report.texts)
            if (value(t.peak, options.metric) > 0) ranked.push_back(&t);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [&](const TextSeries* a, const TextSeries* b) {
        return value(a->peak, options.metric) > value(b->peak, options.metric);
    });
    // The chart's palette has twelve colours: more lines would repeat one.
    const std::size_t shown = std::min({ranked.size(), options.top, std::size_t{12}});
    for (std::size_t k = 0; k < shown; ++k) {
        const TextSeries& t = *ranked[k];
        ChartSeries line;
        line.label = t.id;
        line.tooltip = t.id + (t.title.empty() ? "" : ": " + t.title) + " (" + t.path + ")";
        for (const TextPoint& point : t.points) {
            line.points.push_back({proposals[point.proposal].time,
                                   static_cast<double>(value(point.counts, options.metric))});
        }
        // Held until the last proposal, so that a text untouched lately still reaches the end.
        if (t.points.back().present && t.points.back().proposal + 1 < proposals.size())
            line.points.push_back({proposals.back().time, line.points.back().value});
        chart.series.push_back(std::move(line));
    }

    const std::string first = proposals.front().proposal.day, last = proposals.back().proposal.day;
    chart.subtitle =
        std::to_string(proposals.size()) + (proposals.size() == 1 ? " proposal" : " proposals") +
        ", " + first + (first == last ? "" : " to " + last) + "; now " +
        format_count(static_cast<double>(value(proposals.back().totals, options.metric)));
    if (ranked.size() > shown) {
        chart.subtitle += "; lines for the " + std::to_string(shown) + " of " +
                          std::to_string(ranked.size()) + " texts with the highest peak";
    }
    return render_line_chart_svg(chart);
}

}  // namespace accord
