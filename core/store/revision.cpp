#include "core/store/revision.hpp"

#include <algorithm>

#include "core/store/proposal_record.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/notice.hpp"

namespace accord {

RevisionSpec classify_revision(std::string_view spec, const Config& config) {
    RevisionSpec out;
    out.text = std::string(spec);
    if (looks_like_iso_date(spec)) {
        if (!parse_iso_date(spec)) {
            throw usage_error("'" + out.text +
                              "' is written as a date (YYYY-MM-DD) but is no day of the calendar");
        }
        out.kind = RevisionKind::date;
        out.day = out.text;
    } else if (const Meeting* meeting = config.find_meeting(spec)) {
        out.kind = RevisionKind::meeting;
        out.day = meeting->to;
    }
    return out;
}

std::int64_t end_of_day(std::string_view day) {
    const std::optional<std::int64_t> days = parse_iso_date(day);
    if (!days) throw usage_error("'" + std::string(day) + "' is not a valid date (YYYY-MM-DD)");
    return day_start_utc(*days) + 86400 - 1;
}

bool authored_by(const Signature& author, std::int64_t local_cutoff) {
    return author.time + std::int64_t{author.offset_minutes} * 60 <= local_cutoff;
}

std::string resolve_revision(const Repository& repo, const RevisionSpec& spec,
                             const std::string& from) {
    if (spec.kind == RevisionKind::git) return repo.resolve(spec.text);
    const std::string what = spec.kind == RevisionKind::date
                                 ? spec.day
                                 : "the end of " + spec.text + " (" + spec.day + ")";
    if (repo.is_empty_branch() && from == "HEAD") {
        throw usage_error("no proposal on or before " + what + ": branch '" +
                          repo.current_branch() + "' has no commits yet");
    }
    const std::int64_t cutoff = end_of_day(spec.day);
    std::int64_t earliest = INT64_MAX;
    const std::vector<CommitInfo> history =
        repo.history(repo.resolve(from), {}, Walk::first_parent);
    for (std::size_t k = 0; k < history.size(); ++k) {
        const CommitInfo& commit = history[k];
        if (authored_by(commit.author, cutoff)) {
            // A proposal recorded late with an earlier date (propose
            // --backdate) stands on the text as it was recorded, which may
            // hold proposals dated after the day asked for: said, not hidden.
            // Only a proposal recorded between earlier-dated ones counts:
            // the commits that set a negotiation up are often made on the
            // day its past is recorded, below all of it.
            std::size_t in_time = k + 1;  // past the oldest ancestor dated in time
            for (std::size_t a = history.size(); a-- > k + 1;) {
                if (authored_by(history[a].author, cutoff)) {
                    in_time = a;
                    break;
                }
            }
            for (std::size_t a = k + 1; a < in_time; ++a) {
                if (authored_by(history[a].author, cutoff)) continue;
                // The merge `git pull` made is dated when it was made, and
                // is no proposal: what it holds was proposed on its own dates.
                if (is_plain_merge(history[a].parents.size(), history[a].message)) continue;
                notice(
                    "the text on " + what + " is the one recorded with the proposal of " +
                    format_iso_date(local_day(commit.author.time, commit.author.offset_minutes)) +
                    " (" + commit.id.substr(0, 10) + "), recorded after a proposal dated later (" +
                    format_iso_date(
                        local_day(history[a].author.time, history[a].author.offset_minutes)) +
                    ", " + history[a].id.substr(0, 10) +
                    "), whose wording it holds; give a commit to see the text before that");
                break;
            }
            return commit.id;
        }
        earliest = std::min(earliest, local_day(commit.author.time, commit.author.offset_minutes));
    }
    const std::optional<std::int64_t> day = parse_iso_date(spec.day);
    const std::string why = day && !is_recordable_day(*day)
                                ? " (git records no date before 1970-01-01, so no proposal can "
                                  "be dated before it)"
                                : "";
    throw usage_error("no proposal on or before " + what + why + "; the history starts on " +
                      format_iso_date(earliest));
}

namespace {

// Why git's name `spec` names no commit, in a user's terms: past the start
// of the history ("HEAD~9" with three proposals before HEAD), or no commit,
// branch, tag or meeting of that name (the meetings listed, as a name
// mistyped is most often one of them).
std::string unknown_revision(const Repository& repo, const Config& config,
                             const std::string& spec) {
    const std::size_t tilde = spec.rfind('~');
    if (tilde != std::string::npos && tilde > 0) {
        const std::string base = spec.substr(0, tilde);
        try {
            const std::size_t before =
                repo.history(repo.resolve(base), {}, Walk::first_parent).size() - 1;
            return "'" + spec + "' goes back further than the history: " + base + " has " +
                   std::to_string(before) + (before == 1 ? " commit" : " commits") +
                   " before it ('accord log' lists them)";
        } catch (const Error&) {
            // The base names nothing either: said below.
        }
    }
    std::string meetings;
    for (const Meeting& m : config.meetings) meetings += (meetings.empty() ? "" : ", ") + m.name;
    return "unknown revision '" + spec +
           "': no commit, branch or tag of that name, nor a meeting of accord.yaml (" +
           (meetings.empty() ? std::string("it lists none") : "its meetings: " + meetings) +
           "); a date is written YYYY-MM-DD";
}

}  // namespace

std::string resolve_revision(const Repository& repo, const Config& config, std::string_view spec,
                             const std::string& from) {
    const RevisionSpec classified = classify_revision(spec, config);
    if (classified.kind != RevisionKind::git) return resolve_revision(repo, classified, from);
    try {
        return repo.resolve(classified.text);
    } catch (const Error& e) {
        if (e.exit_code() != kExitUsage || repo.is_empty_branch()) throw;
        throw usage_error(unknown_revision(repo, config, classified.text));
    }
}

std::optional<std::pair<std::string, std::string>> revision_range(std::string_view text) {
    const std::size_t dots = text.find("..");
    if (dots == std::string_view::npos || text.find("...") != std::string_view::npos)
        return std::nullopt;
    const std::string_view from = text.substr(0, dots), to = text.substr(dots + 2);
    return std::pair(std::string(from.empty() ? "HEAD" : from),
                     std::string(to.empty() ? "HEAD" : to));
}

}  // namespace accord
