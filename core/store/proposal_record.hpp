#pragma once
// How a proposal is written down in git, in one place. `accord propose`, the
// importer and `accord merge` write proposals this way; the history views
// and the commit-msg hook read them back by the same names.
//
//  - author: the first proposer by canonical name, with the address
//    delegation_email(name), at the proposal's date;
//  - committer: whoever recorded it (their git identity);
//  - message: a one-line subject, a blank line, then trailers, one per line:
//    `Proposed-by: NAME` per proposer (co-sponsors each get one),
//    `On-behalf-of: GROUP`, `Meeting: NAME`, `Merged-redraft: NAME` per
//    redraft branch a merge takes in, `Notation-errors: N` for errors
//    recorded on purpose. Values are on one line each.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace accord {

inline constexpr std::string_view kProposedByTrailer = "Proposed-by";
inline constexpr std::string_view kOnBehalfOfTrailer = "On-behalf-of";
inline constexpr std::string_view kMeetingTrailer = "Meeting";
inline constexpr std::string_view kMergedRedraftTrailer = "Merged-redraft";
inline constexpr std::string_view kSourceTrailer = "Source";
// `Source-digest: ID`: the git blob id of the document an import read, byte
// for byte, so that importing it again is found and refused.
inline constexpr std::string_view kSourceDigestTrailer = "Source-digest";
// `Notation-errors: N`: the proposal was recorded on purpose with N notation
// errors that the checks would have refused (propose --allow-errors).
inline constexpr std::string_view kNotationErrorsTrailer = "Notation-errors";

// Whether a commit with `parent_count` parents and `message` records no
// proposal of its own: a merge that names no proposer (Proposed-by:), as
// `git pull` and `git merge` make when two sites recorded proposals at once.
// Its changes are the other side's proposals, listed as they were made; it
// is not a proposal by whoever pulled. (`accord merge` names the proposers
// of what it merges.)
bool is_plain_merge(std::size_t parent_count, std::string_view message);
// Who such a merge is credited to where wording or marks of its own stand
// (blame, who, the HTML compilation): the brackets accord's merge driver
// drew around two sites' competing wordings are the merge's, not a
// proposal of whoever ran `git pull` (their git identity may be a person's
// name, or a delegation's that proposed neither wording).
inline constexpr std::string_view kPlainMergeProposer = "git merge";

// The address recorded for a delegation: its name lower-cased, runs of other
// characters than ASCII letters and digits made one '-', at delegations.accord.
std::string delegation_email(const std::string& name);

// A delegation's name as git can hold it in a commit's author: '<' and '>'
// (which would end git's identity early) become '‹' and '›', line breaks and
// other control characters a space, spaces at either end dropped. The
// Proposed-by: trailer keeps the name exactly; readers take it from there.
std::string author_name(const std::string& name);

// "Japan", "Japan and Sweden", "Japan, Sweden and Brazil": names in a message.
std::string join_names(const std::vector<std::string>& names);

struct ProposalMessage {
    // The subject line, optionally followed by a blank line and a body, kept
    // as written but for blank lines and spaces at either end. The caller
    // supplies a default when it is empty.
    std::string text;
    std::vector<std::string> proposers;
    std::string on_behalf_of;  // empty: no trailer
    std::string meeting;       // empty: no trailer
    std::vector<std::string> merged_redrafts;
    std::size_t notation_errors = 0;  // 0: no trailer
};

// The commit message: subject, blank line, trailers in the order above.
std::string format_proposal_message(const ProposalMessage& message);

}  // namespace accord
