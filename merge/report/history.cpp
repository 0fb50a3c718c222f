#include "merge/report/history.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/store/proposal_record.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"

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

class DocumentCache {
  public:
    DocumentCache(const Workspace& ws) : ws_(ws), options_(ws.parse_options()) {}

    const Document& at(const std::string& commit, const std::string& path) {
        const std::optional<std::string> blob = ws_.repo().blob_id_at(commit, path);
        const std::string key = blob.value_or("");
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
        const std::string text = blob ? ws_.repo().read_file_at(commit, path).value_or("") : "";
        return cache_.emplace(key, parse(text, options_)).first->second;
    }

  private:
    const Workspace& ws_;
    ParseOptions options_;
    std::map<std::string, Document> cache_;
};

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
    if (const std::string errors = first(kNotationErrorsTrailer);
        !errors.empty() && errors.find_first_not_of("0123456789") == std::string::npos &&
        errors.size() < 10)
        p.notation_errors = std::stoul(errors);
    return p;
}

std::vector<LogEntry> proposal_log(const Workspace& ws, const LogOptions& options) {
    std::vector<LogEntry> entries;
    if (ws.repo().is_empty_branch()) return entries;
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

    DocumentCache cache(ws);
    const std::string from = ws.repo().resolve(options.from);
    for (const CommitInfo& commit : ws.repo().history(from, options.paths, Walk::full)) {
        LogEntry entry;
        entry.proposal = read_proposal(commit, ws.config());
        const Proposal& p = entry.proposal;
        if (options.since && p.day < *options.since) continue;
        if (options.until && p.day > *options.until) continue;
        if (!wanted.empty() &&
            std::none_of(p.proposers.begin(), p.proposers.end(),
                         [&](const std::string& n) { return wanted.count(n) > 0; })) {
            continue;
        }
        const std::string parent = commit.parents.empty() ? "" : commit.parents.front();
        std::set<std::string> paths;
        for (const std::string& path : ws.repo().list_files(commit.id)) paths.insert(path);
        if (!parent.empty()) {
            for (const std::string& path : ws.repo().list_files(parent)) paths.insert(path);
        }
        for (const std::string& path : paths) {
            if (!is_text_path(path) || !path_within_any(path, options.paths)) continue;
            const auto new_blob = ws.repo().blob_id_at(commit.id, path);
            const auto old_blob =
                parent.empty() ? std::nullopt : ws.repo().blob_id_at(parent, path);
            if (new_blob == old_blob) continue;
            FileChanges file;
            file.path = path;
            file.added = !old_blob;
            file.deleted = !new_blob;
            static const Document kEmpty = parse("");
            const Document& before = old_blob ? cache.at(parent, path) : kEmpty;
            const Document& after = new_blob ? cache.at(commit.id, path) : kEmpty;
            if (const auto* s = before.front_matter.find("status")) file.status_before = s->value;
            if (const auto* s = after.front_matter.find("status")) file.status_after = s->value;
            file.changes = structural_diff(before, after);
            entry.files.push_back(std::move(file));
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace accord
