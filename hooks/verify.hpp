#pragma once
// Who really made each commit: its SSH signature checked in-process, and
// checked against the registry (accord.yaml) AS IT STOOD BEFORE the commit,
// that is in its first parent, so that a commit cannot authorise itself by
// adding its own key. The first commit of a history has no registry before
// it: its own registry is the anchor, and its secretariat key is what
// readers check out of band.
//
// A commit is good when:
//  - its signature, if it has one, verifies (the text is what was signed);
//  - for a proposal (one parent at most, Proposed-by: trailers): the author
//    and the first Proposed-by: name the same delegation, every proposer is
//    registered, and the key is the author's or a secretariat member's;
//  - for any other commit (a merge, the registry's own commits, a redraft's
//    start): the key is registered to someone;
//  - a change of accord.yaml is signed by a secretariat member once the
//    registry lists a secretariat key (or signatures are required). A merge
//    that takes one side's accord.yaml, the side that changed it, does not
//    change it;
//  - and, under `policy: {signatures: required}` in the registry before it,
//    it is signed at all, by a registered key.
// A signature that does not verify, a key of another delegation, or an
// author who is not the first proposer fail under either policy: they are
// evidence of a forgery or a mistake, not of a missing key.
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/store/config.hpp"
#include "core/store/repository.hpp"
#include "core/util/terminal.hpp"

namespace accord::hooks {

enum class CommitKind {
    proposal,  // Proposed-by: trailers, at most one parent
    merge,     // two parents or more
    other,     // the registry's commits, a redraft's start, plain git commits
};

// The mark `accord log` and `accord verify` show.
enum class SignatureMark {
    verified,   // signed by a key the registry gave it, nothing wrong
    unsigned_,  // no signature (and nothing else wrong)
    bad,        // anything else: a signature that fails, a key of someone else...
};
std::string_view to_string(SignatureMark mark);

struct VerifyProblem {
    // Stable: "unsigned", "bad-signature", "unknown-key", "key-of-another",
    // "author-mismatch", "unknown-proposer", "registry-change-unsigned",
    // "unreadable-registry".
    std::string code;
    std::string message;  // what is wrong
    std::string help;     // what to do
    bool fails = false;   // counts under the commit's policy
};

struct CommitVerification {
    std::string commit;
    std::vector<std::string> parents;
    CommitKind kind = CommitKind::other;
    std::string subject;
    std::string author;                  // the author's name as recorded
    std::vector<std::string> proposers;  // Proposed-by:, canonical where registered
    std::int64_t author_time = 0;
    int author_offset = 0;
    SignaturePolicy policy = SignaturePolicy::optional;  // in force before it
    bool is_signed = false;
    std::string key_type;             // "ssh-ed25519", ... when signed
    std::string fingerprint;          // of the signing key, when it could be read
    std::optional<KeyHolder> signer;  // whom the registry before gave the key
    bool registry_changed = false;    // accord.yaml differs from what its parents give
    SignatureMark mark = SignatureMark::bad;
    std::vector<VerifyProblem> problems;

    bool failed() const;
};

// Checks commits one by one, keeping what they share (registries read once
// per version, the registry's blob per commit). Not thread-safe.
class Verifier {
  public:
    explicit Verifier(const Repository& repo);
    CommitVerification verify(const CommitInfo& commit);

    // The registry in `commit`'s tree; nullptr when it has none. Throws the
    // registry's own parse error (usage error naming the line) when it is
    // malformed.
    const Config* registry_at(const std::string& commit);

  private:
    struct Registry {
        std::optional<Config> config;
        std::string error;                             // when config is empty
        std::map<std::string, KeyHolder> key_holders;  // by key blob
    };
    const Registry* registry_entry(const std::string& commit);
    std::optional<std::string> registry_blob(const std::string& commit);

    // The commit changes a negotiation text against its first parent.
    bool changes_texts(const CommitInfo& commit) const;
    const Repository& repo_;
    std::map<std::string, std::optional<std::string>> blob_at_;  // commit -> accord.yaml blob
    std::map<std::string, Registry> registries_;                 // blob -> parsed
};

struct VerifyReport {
    std::string range;                        // as given, or "HEAD"
    std::vector<CommitVerification> commits;  // newest first
    std::size_t verified = 0, unsigned_count = 0, bad = 0;
    std::size_t failed = 0;  // commits with a failing problem
    bool ok() const { return failed == 0; }
};

// The commits of `range`: "" (HEAD's history), "REV" (its history) or
// "A..B" (B's history without A's), each checked. An unknown revision: usage
// error; an empty branch gives an empty report.
VerifyReport verify_range(const Repository& repo, const std::string& range);

// Every commit `tips` reach, by id.
std::set<std::string> reachable_commits(const Repository& repo,
                                        const std::vector<std::string>& tips);

// The commits `tip` reaches that are not in `known`, parents before
// children. Unlike git's revision walk with hidden tips, this does not lean
// on commit dates, which the clocks of many sites make disagree (a walk
// that does may take an old commit for a new one).
std::vector<CommitInfo> commits_missing_from(const Repository& repo, const std::string& tip,
                                             const std::set<std::string>& known);

// True when marks are worth showing (`accord log` shows each commit's, from
// a Verifier): the registry lists a key or requires signatures.
bool signatures_in_use(const Config& registry);

// Text for people: one line per commit (mark, short id, date, who, what),
// its problems under it, and a summary line; names, subjects and messages
// shown through escape_controls. JSON: schema accord.verify/1.
std::string render_verify_text(const VerifyReport& report, const TerminalStyle& style);
std::string render_verify_json(const VerifyReport& report);

}  // namespace accord::hooks
