#include "core/store/revision.hpp"

#include <algorithm>

#include "core/util/date.hpp"
#include "core/util/errors.hpp"

namespace accord {

RevisionSpec classify_revision(std::string_view spec, const Config& config) {
    RevisionSpec out;
    out.text = std::string(spec);
    if (looks_like_iso_date(spec)) {
        if (!parse_iso_date(spec)) {
            throw usage_error("'" + out.text + "' is not a valid date (YYYY-MM-DD)");
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
    for (const CommitInfo& commit : repo.history(repo.resolve(from), {}, Walk::first_parent)) {
        if (authored_by(commit.author, cutoff)) return commit.id;
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

std::string resolve_revision(const Repository& repo, const Config& config, std::string_view spec,
                             const std::string& from) {
    return resolve_revision(repo, classify_revision(spec, config), from);
}

}  // namespace accord
