#pragma once
// Revision specs: what `--at`, `--since` and friends
// accept. Besides git's own spellings (HEAD~2, a branch, a sha):
// - a date "2014-02-25": the state at the end of that day by AUTHOR date,
//   i.e. the proposal date. A commit belongs to the calendar day of its author
//   date in the commit's own UTC offset (a proposal made on the 25th in
//   Geneva counts as the 25th wherever the reader is);
// - a meeting name from accord.yaml: the state at the end of its `to` day.
// The pure part (classifying a spec, the cut-off of a day) is apart from the
// walk over a repository, so it can be tested without one.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/store/config.hpp"
#include "core/store/repository.hpp"

namespace accord {

enum class RevisionKind { git, date, meeting };

struct RevisionSpec {
    RevisionKind kind = RevisionKind::git;
    std::string text;  // as given
    std::string day;   // date and meeting: the YYYY-MM-DD whose end is meant
};

// A string shaped NNNN-NN-NN is a date (an impossible one, such as
// 2014-02-30, is a usage error); then a meeting of `config` (a meeting whose
// name is also a branch name means the meeting); anything else is for git.
RevisionSpec classify_revision(std::string_view spec, const Config& config);

// The last second of `day` (YYYY-MM-DD, already valid) as seconds since the
// epoch on the author's local clock: compare it with author.time plus the
// author's offset, as authored_by does.
std::int64_t end_of_day(std::string_view day);
bool authored_by(const Signature& author, std::int64_t local_cutoff);

// The commit `spec` names. Date and meeting specs pick the newest commit on
// the first-parent walk from `from` (the mainline: side-branch proposals count
// once merged) whose author date is on or before the cut-off; none: usage
// error "no proposal on or before D; the history starts on S".
std::string resolve_revision(const Repository& repo, const RevisionSpec& spec,
                             const std::string& from = "HEAD");
std::string resolve_revision(const Repository& repo, const Config& config, std::string_view spec,
                             const std::string& from = "HEAD");

// git's range form "A..B" as the two revisions A and B, either HEAD when
// left out; nullopt for any other text ("A...B" too). No ref name holds "..".
std::optional<std::pair<std::string, std::string>> revision_range(std::string_view text);

}  // namespace accord
