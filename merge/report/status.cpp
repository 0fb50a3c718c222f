#include "merge/report/status.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/notation/check.hpp"
#include "core/store/cache_texts.hpp"
#include "core/store/proposal_record.hpp"
#include "core/store/recommendations.hpp"
#include "core/util/errors.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/text.hpp"
#include "core/util/utf8.hpp"

namespace accord {

namespace {

// The newest proposal (first-parent history from `from`) that changed each
// of `paths`: one walk, newest first, that stops once every path is found.
std::map<std::string, Proposal> last_proposals(const Workspace& workspace, const std::string& from,
                                               std::set<std::string> paths) {
    std::map<std::string, Proposal> last;
    if (paths.empty()) return last;
    Repository::WalkOptions walk;
    walk.from = from;
    // Every commit, not the first parents alone: the merge `git pull` makes
    // is no proposal, and a text's last proposal may be on either side of it.
    walk.walk = Walk::full;
    walk.keep = [&](std::string_view path) { return paths.count(std::string(path)) > 0; };
    workspace.repo().walk_history(walk, [&](Repository::WalkStep& step) {
        if (step.changes.empty()) return true;
        if (is_plain_merge(step.commit.parents.size(), step.commit.message)) return true;
        const Proposal proposal = read_proposal(step.commit, workspace.config());
        for (const Repository::FileChange& change : step.changes) {
            last.emplace(change.path, proposal);
            paths.erase(change.path);
        }
        return !paths.empty();
    });
    return last;
}

}  // namespace

StatusReport negotiation_status(const Workspace& workspace, const StatusOptions& options) {
    StatusReport report;
    if (workspace.repo().is_empty_branch()) return report;
    report.revision = options.at.empty() ? "" : workspace.resolve(options.at);

    // The texts described from their summaries (counts and front matter,
    // remembered by blob id), not parsed again on every run.
    TextSummaries summaries(workspace);
    std::map<std::string, std::string> blobs;
    std::vector<Recommendation> texts = summaries.recommendations(report.revision, &blobs);
    summaries.save();
    std::vector<bool> filter_used(options.paths.size(), false);
    std::set<std::string> read_as_text;
    for (const Recommendation& r : texts) read_as_text.insert(r.path);
    for (const auto& [path, blob] : blobs) {
        if (read_as_text.count(path)) continue;
        bool selected = options.paths.empty();
        for (std::size_t k = 0; k < options.paths.size(); ++k) {
            if (path_within(path, options.paths[k])) selected = filter_used[k] = true;
        }
        if (selected) report.not_texts.push_back(path);
    }
    if (report.revision.empty()) {
        const std::vector<std::string> links = workspace.skipped_links("");
        for (const std::string& path : workspace.texts("")) {
            if (blobs.count(path) || std::find(links.begin(), links.end(), path) != links.end())
                continue;
            bool selected = options.paths.empty();
            for (std::size_t k = 0; k < options.paths.size(); ++k) {
                if (path_within(path, options.paths[k])) selected = filter_used[k] = true;
            }
            if (selected) report.deleted.push_back(path);
        }
    }
    std::vector<const Recommendation*> shown;
    for (const Recommendation& r : texts) {
        bool selected = options.paths.empty();
        for (std::size_t k = 0; k < options.paths.size(); ++k) {
            if (path_within(r.path, options.paths[k])) selected = filter_used[k] = true;
        }
        if (!r.is_outline() && selected) shown.push_back(&r);
    }
    for (std::size_t k = 0; k < options.paths.size(); ++k) {
        if (!filter_used[k])
            throw usage_error("status: no text at '" + options.paths[k] +
                              "'; name a file or directory of the negotiation (.md, .txt)");
    }
    std::set<std::string> wanted;
    for (const Recommendation* r : shown) wanted.insert(r->path);
    const std::string head = workspace.repo().resolve("HEAD");
    const std::map<std::string, Proposal> last =
        last_proposals(workspace, report.revision.empty() ? head : report.revision, wanted);
    std::map<std::string, std::string> head_blobs;
    if (report.revision.empty()) head_blobs = workspace.repo().file_ids(head);

    for (const Recommendation* shown_text : shown) {
        const Recommendation& r = *shown_text;
        const std::string after_group = r.group.empty() ? r.after_group : "";
        if (report.groups.empty() || report.groups.back().section != r.section ||
            report.groups.back().group != r.group ||
            report.groups.back().after_group != after_group) {
            report.groups.push_back({r.section, r.group, after_group, {}, {}});
        }
        GroupStatus& group = report.groups.back();
        RecommendationStatus row;
        row.path = r.path;
        row.id = r.id;
        row.title = r.title.empty() ? r.heading : r.title;
        row.status = r.status;
        row.counts = r.counts;
        if (const auto found = last.find(r.path); found != last.end()) row.last = found->second;
        if (report.revision.empty()) {
            const auto in_head = head_blobs.find(r.path);
            row.edited = in_head == head_blobs.end() || in_head->second != blobs[r.path];
        }
        group.totals += row.counts;
        report.totals += row.counts;
        ++report.by_status[row.status];
        ++report.recommendations;
        group.recommendations.push_back(std::move(row));
    }
    return report;
}

namespace {

std::string trim_end(std::string text) {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
}

std::string group_heading(const GroupStatus& group) {
    const std::string after = group.after_group.empty() ? "" : "after group " + group.after_group;
    if (group.section.empty() && group.group.empty()) return after.empty() ? "(no group)" : after;
    if (group.section.empty()) return "Group " + group.group;
    if (group.group.empty()) return group.section + (after.empty() ? "" : " — " + after);
    return group.section + " — group " + group.group;
}

struct Columns {
    std::size_t id = 2, status = 6;
};

}  // namespace

namespace {

// The texts status could not read, and those deleted in the work tree,
// named with what to do.
std::string not_texts_note(const StatusReport& report) {
    std::string deleted;
    for (const std::string& path : report.deleted)
        deleted += (deleted.empty() ? "" : ", ") + escape_line(path);
    if (!deleted.empty())
        deleted = "note: deleted in the work tree, not yet proposed: " + deleted +
                  " ('accord propose' records the deletion; 'git restore' brings the file back)\n";
    if (report.not_texts.empty()) return deleted;
    std::string names;
    for (const std::string& path : report.not_texts)
        names += (names.empty() ? "" : ", ") + escape_line(path);
    return deleted +
           "note: left out, not readable as text (NUL bytes, or an encoding accord does not "
           "read): " +
           names + "; 'accord check' says what each holds\n";
}

}  // namespace

std::string render_status_text(const StatusReport& report, const StatusViewOptions& options) {
    if (report.recommendations == 0) return "no recommendations\n" + not_texts_note(report);
    const std::string bold(options.style.bold()), dim(options.style.dim()),
        red(options.style.red()), green(options.style.green()), yellow(options.style.yellow()),
        reset(options.style.reset());
    Columns w;
    for (const GroupStatus& g : report.groups) {
        for (const RecommendationStatus& r : g.recommendations) {
            w.id = std::max(w.id, std::min<std::size_t>(display_width(escape_line(r.id)), 24));
            w.status =
                std::max(w.status, std::min<std::size_t>(display_width(escape_line(r.status)), 16));
        }
    }
    w.id = std::max<std::size_t>(w.id, 5);  // "total"
    const std::string gap = "  ";
    auto figures = [&](const DocumentCounts& c) {
        return pad_left(std::to_string(c.brackets), 8) + gap +
               pad_left(std::to_string(c.alternatives_groups), 4) + gap +
               pad_left(std::to_string(c.strikes), 7) + gap +
               pad_left(c.errors == 0 ? "" : std::to_string(c.errors), 6);
    };
    std::string out;
    out += bold + pad_right("id", w.id) + gap + pad_right("status", w.status) + gap + "brackets" +
           gap + "alts" + gap + "strikes" + gap + "errors" + gap + "last proposal" + reset + "\n";
    for (const GroupStatus& g : report.groups) {
        out += "\n" + bold + escape_line(group_heading(g)) + reset + "\n";
        for (const RecommendationStatus& r : g.recommendations) {
            const bool open =
                r.counts.brackets + r.counts.alternatives_groups + r.counts.strikes > 0;
            const std::string status_colour = r.status == "agreed" ? green : "";
            std::string line = pad_right(clip_to_width(escape_line(r.id), w.id), w.id) + gap +
                               status_colour +
                               pad_right(clip_to_width(escape_line(r.status), w.status), w.status) +
                               (status_colour.empty() ? "" : reset) + gap + (open ? "" : dim) +
                               figures(r.counts) + (open ? "" : reset);
            if (r.counts.errors > 0) line = line + red + "!" + reset;
            line += gap;
            if (r.last) {
                line += r.last->day + " " + clip_to_width(escape_line(join(r.last->proposers)), 40);
            } else {
                line += dim + "(not yet proposed)" + reset;
            }
            if (r.edited) line += yellow + "  + edited, not yet proposed" + reset;
            out += trim_end(line) + "\n";
        }
        // A group of one needs no totals row, nor a report of one group two.
        if (g.recommendations.size() > 1 && report.groups.size() > 1) {
            out +=
                dim +
                trim_end(pad_right("total", w.id) + gap +
                         pad_right(std::to_string(g.recommendations.size()) + " texts", w.status) +
                         gap + figures(g.totals)) +
                reset + "\n";
        }
    }
    std::string statuses;
    for (const auto& [status, n] : report.by_status)
        statuses += (statuses.empty() ? "" : ", ") + std::to_string(n) + " " +
                    (status.empty() ? "without status" : status);
    out += "\n" + bold +
           trim_end(pad_right("total", w.id) + gap +
                    pad_right(std::to_string(report.recommendations) + " texts", w.status) + gap +
                    figures(report.totals)) +
           reset + "\n";
    out += escape_controls(statuses) + "\n";
    if (report.totals.errors > 0)
        out += red +
               "Notation errors (an unclosed or stray bracket or strike): run 'accord check' "
               "on the files marked !" +
               reset + "\n";
    out += not_texts_note(report);
    return out;
}

std::string render_status_json(const StatusReport& report) {
    JsonWriter json = JsonWriter::with_schema("accord.status/1");
    json.key("revision");
    if (report.revision.empty()) {
        json.null();
    } else {
        json.value(report.revision);
    }
    json.key("groups").begin_array();
    for (const GroupStatus& g : report.groups) {
        json.begin_object().field("section", g.section).field("group", g.group);
        if (!g.after_group.empty()) json.field("after_group", g.after_group);
        json.key("recommendations").begin_array();
        for (const RecommendationStatus& r : g.recommendations) {
            json.begin_object()
                .field("path", r.path)
                .field("id", r.id)
                .field("title", r.title)
                .field("status", r.status);
            json.key("counts");
            write_counts(json, r.counts);
            json.key("last_proposal");
            if (r.last) {
                json.begin_object().field("commit", r.last->commit).key("proposers").begin_array();
                for (const std::string& n : r.last->proposers) json.value(n);
                json.end_array()
                    .field("date", r.last->date)
                    .field("day", r.last->day)
                    .field("subject", r.last->subject)
                    .end_object();
            } else {
                json.null();
            }
            json.field("edited", r.edited).end_object();
        }
        json.end_array().key("totals");
        write_counts(json, g.totals);
        json.end_object();
    }
    json.end_array().key("totals");
    write_counts(json, report.totals);
    json.field("recommendations", report.recommendations).key("by_status").begin_object();
    for (const auto& [status, n] : report.by_status) json.field(status, n);
    json.end_object().key("not_texts").begin_array();
    for (const std::string& path : report.not_texts) json.value(path);
    json.end_array().key("deleted").begin_array();
    for (const std::string& path : report.deleted) json.value(path);
    json.end_array();
    return json.finish();
}

}  // namespace accord
