#pragma once
// Negotiation repositories of any size, for measuring how accord's commands
// grow with the number of texts and proposals. The repository is written as
// a `git fast-import` stream: one commit per proposal, in the shape accord
// itself records (author = the first proposer, Proposed-by trailers, the
// Secretariat as committer), over texts in the notation with brackets,
// alternatives, options inside brackets, strikes, Option and Alt paragraphs,
// status tags and front matter.
//
// Promises:
//  - Deterministic: the same options give the same bytes on every platform
//    (a splitmix64 generator and integer arithmetic only).
//  - Exactly `proposals` commits on refs/heads/main, the first recording
//    accord.yaml (about 30 delegations, aliases, meetings), .gitattributes,
//    the outline and a first batch of texts; the other texts appear in the
//    first third of the history, and `texts` texts stand at the end.
//  - Each later proposal edits 1-3 texts (most often one), a few also table
//    new texts, withdraw one or move an agreed one to another folder.
//    Delegations bracket, add options, strike and replace wording; the Chair
//    lifts brackets, chooses options and agrees paragraphs. Texts keep a size
//    of their own (a few hundred to a few thousand words).
//  - Every text stays valid notation: brackets and strikes balance, options
//    are never empty, labels and tags sit where the parser looks for them.
#include <cstdint>
#include <ostream>

namespace accord::bench {

struct ScaleOptions {
    std::uint64_t texts = 1000;
    std::uint64_t proposals = 10000;
    std::uint64_t seed = 1;
};

// Writes the fast-import stream (ending with "done") to `out`.
void write_scale_repository(const ScaleOptions& options, std::ostream& out);

}  // namespace accord::bench
