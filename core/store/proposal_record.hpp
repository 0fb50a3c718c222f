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
//    redraft branch a merge takes in. Values are on one line each.
#include <string>
#include <string_view>
#include <vector>

namespace accord {

inline constexpr std::string_view kProposedByTrailer = "Proposed-by";
inline constexpr std::string_view kOnBehalfOfTrailer = "On-behalf-of";
inline constexpr std::string_view kMeetingTrailer = "Meeting";
inline constexpr std::string_view kMergedRedraftTrailer = "Merged-redraft";
inline constexpr std::string_view kSourceTrailer = "Source";

// The address recorded for a delegation: its name lower-cased, runs of other
// characters than ASCII letters and digits made one '-', at delegations.accord.
std::string delegation_email(const std::string& name);

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
};

// The commit message: subject, blank line, trailers in the order above.
std::string format_proposal_message(const ProposalMessage& message);

}  // namespace accord
