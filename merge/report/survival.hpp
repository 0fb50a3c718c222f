#pragma once
// `accord survival --by NAME`: what became of one delegation's wording. For
// each of its proposals, the words it put in the text are followed into the
// current text through blame (merge/blame/blame_many.hpp: every text in
// one walk), so the answer agrees with `accord blame` word for word, except
// for wording moved along a chain of texts, which is followed here to its
// first proposer.
//
// A proposal's wording, in each file it changed, is the words (and numbers)
// blame gives it in its own version there, as their first proposer or as the
// one that restored them (BlameResult::own_words): what it inserted, as blame
// reads a rewording, wording it only moved left out. For a text the current
// revision no longer holds: the token diff of its version against its parent
// (every parent, for a merge), whole paragraphs it only moved left out.
// Marks (brackets, option separators, strikes) are acts on wording, not
// wording, and are not counted. A word of the current text is the
// proposal's when blame gives it to that proposal, as its first proposer or
// as the one that restored it. Each of the proposal's words is then in one
// state:
//   standing   present, outside any bracket or strike
//   bracketed  present inside an open bracket, not struck
//   struck     present inside a strike (~~proposed for deletion~~)
//   gone       absent (deleted, replaced, or its file removed)
// and the proposal's outcome follows from them, the first rule that applies:
//   no-wording  it added no words (it only bracketed, struck, chose or deleted)
//   deleted     none of its words is present
//   struck      some of its words are struck
//   bracketed   some of its words are bracketed
//   kept        all of its words are standing
//   modified    some are standing, the others gone
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/workspace.hpp"
#include "core/util/terminal.hpp"
#include "merge/report/history.hpp"

namespace accord {

enum class Outcome { kept, modified, bracketed, struck, deleted, no_wording };
std::string_view to_string(Outcome outcome);  // "kept", ..., "no-wording"

struct WordFates {
    std::size_t proposed = 0;
    std::size_t standing = 0, bracketed = 0, struck = 0, gone = 0;  // they sum to proposed
    WordFates& operator+=(const WordFates& other);
};

// The outcome the rules above give for these words.
Outcome outcome_of(const WordFates& words);

struct FileSurvival {
    std::string path;
    WordFates words;
    Outcome outcome = Outcome::no_wording;
};

struct ProposalSurvival {
    Proposal proposal;
    std::vector<FileSurvival> files;  // the texts it changed, sorted by path
    WordFates words;                  // over its files
    Outcome outcome = Outcome::no_wording;
};

struct SurvivalReport {
    std::string delegation;  // canonical name
    std::string revision;    // the commit taken as the current text; "" for an empty repository
    std::vector<ProposalSurvival> proposals;  // oldest first
    WordFates words;                          // over all its proposals
    std::map<Outcome, std::size_t> outcomes;  // proposals per outcome
};

struct SurvivalOptions {
    std::string delegation;     // a name or alias of accord.yaml's registry
    std::string at = "HEAD";    // the current text: a revision, date or meeting
    bool across_texts = false;  // blame as accord blame --across-texts does
};

// Every text of the current revision blamed in one walk of the history
// (blame_files), which also counts what each version's proposal worded
// (remembered by commit and path); a token diff per proposal only for texts
// deleted since: linear in the history, not quadratic.
//
// Every proposal that names the delegation among its proposers (co-sponsored
// ones included), on any branch merged into `at`. A name the registry does
// not know and no proposal carries: usage error naming the nearest
// delegations. A delegation with no proposals, or an empty repository: an
// empty report.
SurvivalReport wording_survival(const Workspace& workspace, const SurvivalOptions& options);

struct SurvivalViewOptions {
    TerminalStyle style;  // colour or not; names and texts are shown through escape_controls
};

std::string render_survival_text(const SurvivalReport& report,
                                 const SurvivalViewOptions& options = {});

// Schema accord.survival/1:
// {"schema", "delegation", "revision" (sha, or null for an empty repository),
//  "proposals": [{"commit", "date", "day", "proposers", "subject", "outcome", "words",
//                 "files": [{"path", "outcome", "words"}]}],
//  "totals": {"proposals", "outcomes": {outcome: n}, "words"}}
// where "words" is {"proposed", "standing", "bracketed", "struck", "gone"}.
std::string render_survival_json(const SurvivalReport& report);

}  // namespace accord
