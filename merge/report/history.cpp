#include "merge/report/history.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/store/proposal_record.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "merge/report/file_changes.hpp"

namespace accord {

namespace {

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// The message without its trailer block.
std::string message_body(const std::string& message, const Trailers& all) {
    if (all.empty()) return trimmed(message);
    const std::size_t last_blank = trimmed(message).rfind("\n\n");
    return last_blank == std::string::npos ? "" : trimmed(message.substr(0, last_blank));
}

}  // namespace

Proposal read_proposal(const CommitInfo& commit, const Config& config) {
    Proposal p;
    p.commit = commit.id;
    p.parents = commit.parents;
    const Trailers all = trailers(commit.message);
    for (std::string name : trailer_values(all, kProposedByTrailer)) {
        p.proposers.push_back(config.resolve_delegation(name).value_or(name));
    }
    if (p.proposers.empty()) {
        p.proposers.push_back(
            config.resolve_delegation(commit.author.name).value_or(commit.author.name));
    }
    p.date = format_iso_timestamp(commit.author.time, commit.author.offset_minutes);
    p.day = p.date.substr(0, 10);
    const auto first = [&](std::string_view key) {
        const auto values = trailer_values(all, key);
        return values.empty() ? std::string() : values.front();
    };
    p.meeting = first(kMeetingTrailer);
    p.on_behalf_of = first(kOnBehalfOfTrailer);
    p.source = first(kSourceTrailer);
    p.message = message_body(commit.message, all);
    p.subject = p.message.substr(0, p.message.find('\n'));
    p.recorded_by = commit.committer.name;
    return p;
}

void stream_proposal_log(const Workspace& ws, const LogOptions& options,
                         const std::function<bool(LogEntry&& entry)>& emit) {
    if (ws.repo().is_empty_branch()) return;
    for (const auto* d : {&options.since, &options.until}) {
        if (*d && !parse_iso_date(**d))
            throw usage_error("'" + **d + "' is not a date: write YYYY-MM-DD");
    }
    std::set<std::string> wanted;
    for (const std::string& name : options.by) {
        const auto resolved = ws.config().resolve_delegation(name);
        if (!resolved && ws.has_config()) {
            std::string hint;
            for (const std::string& s : ws.config().suggest(name))
                hint += (hint.empty() ? "" : ", ") + s;
            throw usage_error("unknown delegation '" + name + "'" +
                              (hint.empty() ? "" : "; did you mean " + hint + "?"));
        }
        wanted.insert(resolved.value_or(name));
    }

    ChangeDescriber describer(ws);
    Repository::WalkOptions walk;
    walk.from = ws.repo().resolve(options.from);
    walk.walk = Walk::full;
    walk.paths = options.paths;
    walk.keep = [](std::string_view path) { return is_text_path(path); };
    ws.repo().walk_history(walk, [&](Repository::WalkStep& step) {
        LogEntry entry;
        entry.proposal = read_proposal(step.commit, ws.config());
        const Proposal& p = entry.proposal;
        if (options.since && p.day < *options.since) return true;
        if (options.until && p.day > *options.until) return true;
        if (!wanted.empty() &&
            std::none_of(p.proposers.begin(), p.proposers.end(),
                         [&](const std::string& n) { return wanted.count(n) > 0; })) {
            return true;
        }
        for (const Repository::FileChange& change : step.changes)
            entry.files.push_back(describer.describe(change.path, change.old_blob, change.new_blob));
        return emit(std::move(entry));
    });
}

std::vector<LogEntry> proposal_log(const Workspace& ws, const LogOptions& options) {
    std::vector<LogEntry> entries;
    stream_proposal_log(ws, options, [&](LogEntry&& entry) {
        entries.push_back(std::move(entry));
        return true;
    });
    return entries;
}

}  // namespace accord
