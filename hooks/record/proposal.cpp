#include "hooks/record/proposal.hpp"

#include <algorithm>
#include <filesystem>

#include "core/store/proposal_record.hpp"
#include "core/util/date.hpp"
#include "core/util/encoding.hpp"
#include "core/util/file.hpp"
#include "core/util/text.hpp"
#include "hooks/pre_propose.hpp"
#include "hooks/record/registry_edit.hpp"
#include "merge/diff/renames.hpp"

namespace accord {

namespace {

// ---------------------------------------------------------------- when

struct When {
    std::int64_t day = 0;  // the proposal's calendar day
    std::int64_t time = 0;
    int offset_minutes = 0;
    const Meeting* meeting = nullptr;
};

std::int64_t parse_day(const std::string& text, const std::string& what) {
    if (const std::optional<std::int64_t> day = parse_iso_date(text)) return *day;
    if (looks_like_iso_date(text)) {
        throw usage_error("malformed " + what + " '" + text +
                          "': there is no such day; write a real date as YYYY-MM-DD");
    }
    throw usage_error("malformed " + what + " '" + text +
                      "': write it as YYYY-MM-DD, for example 2014-02-25");
}

std::string meeting_list(const Config& config) {
    std::string list;
    for (const Meeting& m : config.meetings) list += (list.empty() ? "" : ", ") + m.name;
    return list;
}

When proposal_time(const ProposeRequest& request, const Config& config, const Repository& repo,
                   std::vector<std::string>& warnings) {
    When when;
    if (request.meeting) {
        when.meeting = config.find_meeting(*request.meeting);
        if (when.meeting == nullptr) {
            throw usage_error(
                "unknown meeting '" + *request.meeting + "': " +
                (config.meetings.empty()
                     ? std::string(kConfigFileName) + " lists no meetings; add it under 'meetings:'"
                     : std::string(kConfigFileName) + " lists " + meeting_list(config)));
        }
    }
    const std::optional<std::string> day_text =
        request.date ? request.date
                     : (when.meeting ? std::optional<std::string>(when.meeting->to) : std::nullopt);
    if (!day_text) {
        const Signature now = repo.default_signature();
        when.time = now.time;
        when.offset_minutes = now.offset_minutes;
        when.day = local_day(now.time, now.offset_minutes);
        return when;
    }
    when.day = parse_day(*day_text, "date");
    if (!is_recordable_day(when.day)) {
        throw usage_error("cannot record the proposal: " + unrecordable_day_message(*day_text));
    }
    const Signature now = repo.default_signature();
    if (!request.date && when.meeting) {
        // A meeting still under way: today, not its last day (the server
        // refuses a proposal dated in the future).
        when.day = std::min(when.day, std::max(local_day(now.time, now.offset_minutes),
                                               parse_day(when.meeting->from, "date")));
    }
    if (const std::string future =
            future_day_message(format_iso_date(when.day), when.day, now.time);
        !future.empty()) {
        throw usage_error(
            "cannot record the proposal: " + future +
            (request.date ? "" : " (the meeting " + when.meeting->name + " has not begun)") +
            "; nothing was recorded");
    }
    // Noon UTC: the same calendar day in every time zone a reader may be in.
    when.time = day_start_utc(when.day) + 12 * 3600;
    when.offset_minutes = 0;
    if (request.date && when.meeting &&
        (*request.date < when.meeting->from || *request.date > when.meeting->to)) {
        warnings.push_back("the date " + *request.date + " is outside meeting " +
                           when.meeting->name + " (" + when.meeting->from + " to " +
                           when.meeting->to + ")");
    }
    return when;
}

// ---------------------------------------------------------------- files

struct Change {
    std::string path;  // relative to the work tree
    std::optional<std::string> before, after;
    // Non-empty when `after` is the work tree's text converted (from UTF-16,
    // or from carriage-return line endings): what it was, and how it is read.
    std::string converted_from = {}, converted_as = {};
};

// Whether accord reads `path` as a text (and so records it only as UTF-8).
bool is_text_file(const std::string& path) {
    return is_text_path(path) || path == kConfigFileName;
}

// A text as accord records it: UTF-8 (hooks::check_text_bytes).
std::optional<hooks::Problem> as_recorded_text(Change& change) {
    if (!change.after || !is_text_file(change.path)) return std::nullopt;
    hooks::TextBytes bytes = hooks::check_text_bytes(change.path, *change.after);
    if (bytes.converted) {
        change.after = std::move(*bytes.converted);
        change.converted_from = std::move(bytes.converted_from);
        change.converted_as = std::move(bytes.converted_as);
    }
    return std::move(bytes.problem);
}

// Texts are recorded with line feeds: CRLF line ends that git's own
// conversion left as they were (a clone without core.autocrlf, an editor
// that saves CRLF) are recorded as line feeds, said, and the work tree's
// copy rewritten, as for a text saved in UTF-16; otherwise the next
// delegation's copy with line feeds would differ from it on every line.
void record_with_line_feeds(Change& change) {
    if (!change.after || !is_text_path(change.path)) return;
    const ByteOrderMark mark = byte_order_mark(*change.after);
    if (mark != ByteOrderMark::none && mark != ByteOrderMark::utf8) return;  // converted later
    if (change.after->find("\r\n") == std::string::npos) return;
    change.after = with_line_feeds(std::move(*change.after)).text;
    change.converted_from = "with CRLF line endings";
    change.converted_as = "with line feeds";
}

std::string list_paths(const std::vector<std::string>& paths) {
    if (paths.size() <= 3) return join_names(paths);
    return paths.front() + " and " + std::to_string(paths.size() - 1) + " other files";
}

// The work-tree change of each named file against the branch's last commit.
std::vector<Change> collect_changes(const Repository& repo, const std::optional<std::string>& head,
                                    const std::vector<std::string>& paths,
                                    std::vector<std::string>& unchanged) {
    std::vector<Change> changes;
    std::vector<std::string> seen;
    const std::string root = repo.workdir();
    for (const std::string& given : paths) {
        const std::string path = repo.relative_path(given);
        if (path.empty()) {
            throw usage_error("'" + given +
                              "' is the whole work tree; name the files to propose, e.g. "
                              "recs/A-1.md");
        }
        if (path.find_first_of("\n\r") != std::string::npos) {
            // Every listing shows one name per line: such a name would be
            // split (and could forge a line), so no command would show it.
            std::string shown;
            for (const char ch : given)
                shown += ch == '\n' ? "\\n" : ch == '\r' ? "\\r" : std::string(1, ch);
            throw usage_error("'" + shown +
                              "' has a line break in its name; rename the file (texts are named "
                              "on one line, e.g. recs/A-1.md)");
        }
        if (std::find(seen.begin(), seen.end(), path) != seen.end()) continue;
        seen.push_back(path);
        std::error_code ec;
        if (std::filesystem::is_directory(root + path, ec)) {
            throw usage_error("'" + given + "' is a directory; name the files in it (e.g. " + path +
                              "/*.md)");
        }
        Change change{path, head ? repo.read_file_at(*head, path) : std::nullopt, std::nullopt};
        if (std::filesystem::exists(std::filesystem::symlink_status(root + path, ec))) {
            FileResult file = read_file_within(root, path);
            if (file.problem == FileProblem::link) {
                throw usage_error("'" + given +
                                  "' is (or lies below) a symbolic link; accord records texts, "
                                  "never links (replace the link with the file itself)");
            }
            if (!file.contents) throw failure("cannot read " + file.error);
            change.after = repo.as_stored(path, std::move(*file.contents));
            record_with_line_feeds(change);
        } else if (!change.before) {
            throw usage_error("'" + given + "' does not exist in the work tree" +
                              (head ? " nor in the last proposal" : std::string()) +
                              "; check the path");
        }
        if (change.before == change.after) {
            unchanged.push_back(path);
            continue;
        }
        changes.push_back(std::move(change));
    }
    return changes;
}

// A text moved with git mv whose new path alone is named: recorded so, it
// would be a copy, and the staged deletion of the old path would be swept
// into whatever is committed next. Refused, naming both paths, when a
// deletion staged and not named holds the new text, or most of its words
// (paired as a merge pairs moves: merge/diff/renames), and whose old file is
// gone from the work tree as git mv leaves it.
void refuse_half_moves(const Repository& repo, const std::optional<std::string>& head,
                       const std::vector<std::string>& named, const std::vector<Change>& changes) {
    if (!head) return;
    TreeFiles added;
    RenameBlobs blobs(repo);
    for (const Change& change : changes) {
        if (change.before || !change.after || !is_text_path(change.path)) continue;
        std::string id = Repository::hash_blob(*change.after);
        added.emplace(change.path, id);
        blobs.put(id, *change.after);
    }
    if (added.empty()) return;
    std::vector<std::string> deleted;
    for (std::string& path : repo.staged_deletions()) {
        if (!is_text_path(path) || std::find(named.begin(), named.end(), path) != named.end())
            continue;
        // git mv removes the old file from the work tree. A path still there
        // is no move: it is a concurrent proposal whose commit has moved HEAD
        // before its index caught up, or a `git rm --cached`.
        std::error_code missing;
        if (std::filesystem::symlink_status(repo.workdir() + path, missing).type() !=
            std::filesystem::file_type::not_found)
            continue;
        deleted.push_back(std::move(path));
    }
    if (deleted.empty()) return;
    const TreeFiles at_head = repo.file_ids(*head);
    TreeFiles removed;
    for (const std::string& path : deleted) {
        if (const auto it = at_head.find(path); it != at_head.end())
            removed.emplace(path, it->second);
    }
    const std::vector<Rename> moves = find_renames(removed, added, std::ref(blobs));
    if (moves.empty()) return;
    const Rename& move = moves.front();
    throw usage_error(move.from + " was moved to " + move.to + " (staged by git mv); proposing " +
                      move.to + " alone would record a copy and leave the deletion of " +
                      move.from + " staged. Name both: accord propose " + move.from + " " +
                      move.to + (moves.size() > 1 ? " (and the other moved texts)" : "") +
                      "; nothing was recorded");
}

// The newest proposal day among the commits that changed `path`.
std::optional<hooks::LastProposal> last_proposal(const Repository& repo,
                                                 const std::optional<std::string>& head,
                                                 const std::string& path) {
    if (!head) return std::nullopt;
    std::optional<hooks::LastProposal> last;
    for (const CommitInfo& commit : repo.history(*head, {path})) {
        if (is_plain_merge(commit.parents.size(), commit.message)) continue;  // no proposal
        const std::int64_t day = local_day(commit.author.time, commit.author.offset_minutes);
        if (!last || day > last->day) last = hooks::LastProposal{commit.id, day};
    }
    return last;
}

// ---------------------------------------------------------------- registry

// Adds the requested delegations to `registry`; returns the ones added.
std::vector<std::string> add_delegations(Config& registry, const std::vector<std::string>& names,
                                         std::vector<std::string>& warnings) {
    std::vector<std::string> added;
    for (const std::string& given : names) {
        std::string name = given;
        std::replace(name.begin(), name.end(), '\n', ' ');
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        if (normalise_name(name).empty()) {
            throw usage_error("--add-delegation needs a name, not '" + given + "'");
        }
        if (const std::optional<std::string> known = registry.resolve_delegation(name)) {
            warnings.push_back("delegation '" + name + "' is already registered" +
                               (*known == name ? std::string() : " as " + *known) +
                               "; not added again");
            continue;
        }
        registry.delegations.push_back(Delegation{name, {}, ""});
        added.push_back(name);
    }
    return added;
}

// ---------------------------------------------------------------- message

std::string commit_message(const ProposeRequest& request, const std::vector<std::string>& names,
                           const std::vector<std::string>& paths, const When& when,
                           std::size_t notation_errors) {
    ProposalMessage message;
    message.notation_errors = notation_errors;
    message.text = request.message;
    if (one_line(message.text).empty()) {
        // accord.yaml rewritten for --add-delegation is not what the proposal is about.
        std::vector<std::string> shown;
        for (const std::string& path : paths) {
            if (path != kConfigFileName || request.add_delegations.empty()) shown.push_back(path);
        }
        message.text =
            "Proposal by " + join_names(names) + " on " + list_paths(shown.empty() ? paths : shown);
    }
    message.proposers = names;
    if (when.meeting) message.meeting = when.meeting->name;
    return format_proposal_message(message);
}

}  // namespace

// ---------------------------------------------------------------- public

namespace {

std::string refusal_message(const std::vector<hooks::Problem>& problems, std::size_t more) {
    std::string out = "proposal refused; nothing was recorded:\n" + hooks::render(problems, more);
    const bool only_notation =
        std::all_of(problems.begin(), problems.end(), [](const hooks::Problem& p) {
            return p.path.empty()
                       ? false
                       : p.code.rfind("front-matter-", 0) != 0 && p.code != "not-a-text" &&
                             p.code != "date-before-last-proposal" &&
                             p.code != "pre-propose-refused";
        });
    if (!problems.empty() && only_notation) {
        out +=
            "to record the text with these errors on purpose (a document as it was issued), "
            "propose again with --allow-errors\n";
    }
    return out;
}

}  // namespace

ProposalRefused::ProposalRefused(std::vector<hooks::Problem> problems, std::size_t more)
    : Error(kExitFound, refusal_message(problems, more)), problems_(std::move(problems)) {}

namespace {

// With delegations added, accord.yaml is one of the changes: the registry
// extended by one line per delegation, recorded whole when it was never
// recorded, and refused when the work tree's copy has edits the user did
// not name. Returns the new registry's text, or nullopt when nothing was
// added.
std::optional<std::string> add_registry_change(Repository& repo,
                                               const std::optional<std::string>& head,
                                               const Config& registry,
                                               const std::vector<std::string>& added,
                                               std::vector<Change>& changes,
                                               std::vector<std::string>& unchanged) {
    if (added.empty()) return std::nullopt;
    auto named = std::find_if(changes.begin(), changes.end(),
                              [](const Change& c) { return c.path == kConfigFileName; });
    const bool listed = named != changes.end() || std::find(unchanged.begin(), unchanged.end(),
                                                            kConfigFileName) != unchanged.end();
    const std::optional<std::string> recorded =
        head ? repo.read_file_at(*head, kConfigFileName) : std::nullopt;
    const FileResult on_disk = read_file_within(repo.workdir(), kConfigFileName);
    if (!listed && recorded && on_disk.contents && on_disk.contents != recorded) {
        throw usage_error(std::string(kConfigFileName) +
                          " has changes not yet recorded; name it among the files to record "
                          "them with the new delegation, or propose them first");
    }
    std::vector<Delegation> delegations;
    for (const std::string& name : added) delegations.push_back(Delegation{name, {}, ""});
    std::optional<std::string> new_registry =
        registry_with_added(on_disk.contents, registry, delegations,
                            std::string("then propose again naming ") + kConfigFileName +
                                " among the files, without --add-delegation");
    if (named != changes.end()) {
        named->after = new_registry;
    } else if (new_registry != recorded) {
        changes.push_back({kConfigFileName, recorded, new_registry});
        std::erase(unchanged, std::string(kConfigFileName));
    }
    return new_registry;
}

// Nothing to record is an error; files named but unchanged are a warning.
void require_changes(const std::vector<Change>& changes, const std::vector<std::string>& unchanged,
                     std::vector<std::string>& warnings) {
    if (changes.empty()) {
        const bool one = unchanged.size() == 1;
        throw usage_error("no change to record in " + list_paths(unchanged) + ": " +
                          (one ? "the file is" : "the files are") +
                          " as in the last proposal; edit " + (one ? "it" : "them") +
                          " first, or name the file you changed");
    }
    for (const std::string& path : unchanged) {
        warnings.push_back(path + " is as in the last proposal, so it is not part of this one");
    }
}

// Every check of every change, before anything is written: texts as UTF-8,
// notation errors new in this proposal (unless allowed), dates after the
// text's last proposal. Throws ProposalRefused with all that fails.
void check_changes(Repository& repo, const std::optional<std::string>& head,
                   const ProposeRequest& request, const Config& registry, const When& when,
                   std::vector<hooks::Problem> problems, std::vector<Change>& changes,
                   ProposeResult& result) {
    std::size_t more_problems = 0;
    const ParseOptions options = hooks::check_parse_options(registry.notation);
    for (Change& change : changes) {
        if (std::optional<hooks::Problem> not_text = as_recorded_text(change)) {
            problems.push_back(std::move(*not_text));
            continue;
        }
        if (!change.converted_from.empty()) {
            // UTF-16 read as UTF-8 keeps its CRLF: stored as git stores text.
            change.after = repo.as_stored(change.path, std::move(*change.after));
            result.converted.push_back(change.path);
            result.warnings.push_back(change.path + " was saved " + change.converted_from +
                                      "; it is recorded " + change.converted_as +
                                      ", and the work tree's copy rewritten so");
        }
        if (!is_text_path(change.path)) continue;  // accord.yaml: no notation, no dates
        if (change.after) {
            const std::size_t room = problems.size() < hooks::kMaxProblemsShown
                                         ? hooks::kMaxProblemsShown - problems.size()
                                         : 0;
            hooks::TextCheck found =
                hooks::check_text(change.path, change.before, *change.after, options, room);
            if (request.allow_errors) {
                // Notation errors are recorded on purpose; the front matter must still be valid.
                std::erase_if(found.problems, [](const hooks::Problem& p) {
                    return p.code.rfind("front-matter-", 0) != 0;
                });
                result.notation_errors += found.new_errors;
                found.more = found.front_matter_errors > found.problems.size()
                                 ? found.front_matter_errors - found.problems.size()
                                 : 0;
            }
            problems.insert(problems.end(), std::make_move_iterator(found.problems.begin()),
                            std::make_move_iterator(found.problems.end()));
            more_problems += found.more;
        }
        if (auto late = hooks::check_date(
                change.path, when.day, last_proposal(repo, head, change.path), request.backdate)) {
            problems.push_back(std::move(*late));
        }
    }
    if (!problems.empty() || more_problems > 0)
        throw ProposalRefused(std::move(problems), more_problems);
    if (result.notation_errors > 0) {
        result.warnings.push_back("recorded with " +
                                  plural(result.notation_errors, "new notation error") +
                                  " on purpose (--allow-errors); the commit says so "
                                  "(Notation-errors: " +
                                  std::to_string(result.notation_errors) + ")");
    } else if (request.allow_errors) {
        result.warnings.push_back(
            "--allow-errors: the proposal adds no notation error, so there was none to allow");
    }
}

// The registry recorded at HEAD, by which verify and the server judge the
// proposal: absent (no commit, or none recorded), or unreadable (verify
// reports that itself, so the checks below leave it be).
struct RecordedRegistry {
    std::optional<Config> config;
    bool unreadable = false;
};

RecordedRegistry recorded_registry(const Repository& repo, const std::optional<std::string>& head) {
    RecordedRegistry out;
    if (!head) return out;
    const std::optional<std::string> text = repo.read_file_at(*head, kConfigFileName);
    if (!text) return out;
    try {
        out.config = parse_config(*text, kConfigFileName);
    } catch (const Error&) {
        out.unreadable = true;
    }
    return out;
}

// Proposers the work tree's accord.yaml lists but the recorded one does
// not, when the proposal does not record accord.yaml: verify and the
// server judge a proposal by the registry before it, so it would be
// refused after the fact, and committing the registry then does not help.
void refuse_unrecorded_registrations(const RecordedRegistry& recorded,
                                     const std::vector<Change>& changes,
                                     const std::vector<std::string>& names,
                                     std::vector<hooks::Problem>& problems) {
    if (!recorded.config) return;
    for (const Change& change : changes)
        if (change.path == kConfigFileName) return;  // recorded with it
    const Config* before = &*recorded.config;
    for (const std::string& name : names) {
        if (before->resolve_delegation(name)) continue;
        hooks::Problem p;
        p.code = "unrecorded-delegation";
        p.path = kConfigFileName;
        p.message = name + " is listed in accord.yaml in the work tree, not in the registry " +
                    "recorded on this branch, and this proposal does not record accord.yaml";
        p.help =
            "record the registry first (git commit accord.yaml), or with the proposal: "
            "accord propose accord.yaml PATH... --by " +
            name;
        problems.push_back(std::move(p));
    }
}

// The signing key, against the registry before the proposal (the recorded
// one; the work tree's when none is): another delegation's key, or one no
// entry lists under `signatures: required`, makes a commit verify calls bad.
void refuse_foreign_signing_key(const RecordedRegistry& recorded, const Config& work_tree_registry,
                                const SshPublicKey& key, const std::string& author,
                                std::vector<hooks::Problem>& problems) {
    if (recorded.unreadable) return;
    const Config& registry = recorded.config ? *recorded.config : work_tree_registry;
    if (!registry.lists_keys()) return;
    const std::optional<KeyHolder> holder = registry.key_holder(key.blob);
    hooks::Problem p;
    p.path = kConfigFileName;
    if (!holder && registry.signatures == SignaturePolicy::required) {
        p.code = "unknown-key";
        p.message = "your signing key " + key.fingerprint() +
                    " is listed under no delegation in accord.yaml, which requires signatures";
        p.help =
            "list the key under your delegation (a change the secretariat signs) first, or "
            "sign with a listed key";
    } else if (holder && !holder->secretariat && holder->name != author) {
        p.code = "key-of-another";
        p.message = "your signing key " + key.fingerprint() + " is " + holder->name +
                    "'s in accord.yaml; a proposal by " + author +
                    " signed with it would be refused by verify and the server";
        p.help = "propose in your own delegation's name (--by " + holder->name +
                 "), or let the secretariat or " + author + " sign it";
    } else {
        return;
    }
    problems.push_back(std::move(p));
}

}  // namespace

ProposeResult propose(Workspace& workspace, const ProposeRequest& request) {
    Repository& repo = workspace.repo();
    if (request.paths.empty()) {
        throw usage_error(
            "name the files to propose, e.g. 'accord propose recs/A-1.md --by Japan'");
    }
    if (request.proposers.empty()) {
        throw usage_error("name at least one proposer with --by, e.g. --by Japan");
    }
    ProposeResult result;
    result.branch = repo.current_branch();  // a detached HEAD is refused here
    const std::optional<std::string> head = repo.head();

    const When when = proposal_time(request, workspace.config(), repo, result.warnings);
    Config registry = workspace.config();
    result.added_delegations = add_delegations(registry, request.add_delegations, result.warnings);

    std::vector<std::string> unchanged;
    std::vector<Change> changes = collect_changes(repo, head, request.paths, unchanged);
    {
        std::vector<std::string> named;
        for (const std::string& given : request.paths) named.push_back(repo.relative_path(given));
        refuse_half_moves(repo, head, named, changes);
    }
    const std::optional<std::string> new_registry =
        add_registry_change(repo, head, registry, result.added_delegations, changes, unchanged);
    require_changes(changes, unchanged, result.warnings);

    hooks::Proposers proposers = hooks::resolve_proposers(registry, request.proposers);
    const RecordedRegistry recorded = recorded_registry(repo, head);
    refuse_unrecorded_registrations(recorded, changes, proposers.names, proposers.problems);
    if (request.signing_key && !proposers.names.empty()) {
        refuse_foreign_signing_key(recorded, registry, *request.signing_key,
                                   proposers.names.front(), proposers.problems);
    }
    check_changes(repo, head, request, registry, when, proposers.problems, changes, result);

    for (const Change& change : changes) result.paths.push_back(change.path);
    hooks::PreProposeOutcome hook =
        hooks::run_pre_propose(repo, {result.paths, proposers.names, format_iso_date(when.day),
                                      when.meeting ? when.meeting->name : ""});
    result.warnings.insert(result.warnings.end(), hook.warnings.begin(), hook.warnings.end());
    if (hook.refusal) throw ProposalRefused({std::move(*hook.refusal)});

    // The one step that writes: on top of the HEAD checked above, or not at
    // all. A registry extended in memory and a text converted to UTF-8 are
    // written to the work tree in the same journaled step; the other files
    // are there already, as recorded.
    CommitRequest commit;
    for (const Change& change : changes) commit.files.emplace_back(change.path, change.after);
    const std::string& author = proposers.names.front();
    commit.author =
        Signature{author_name(author), delegation_email(author), when.time, when.offset_minutes};
    commit.committer = repo.default_signature();
    commit.message =
        commit_message(request, proposers.names, result.paths, when, result.notation_errors);
    commit.parent = head;
    commit.write_worktree = new_registry.has_value() || !result.converted.empty();
    commit.operation = "propose";
    commit.signer = request.signer;
    result.commit = repo.commit_files(commit);

    result.proposers = proposers.names;
    result.date = format_iso_date(when.day);
    result.meeting = when.meeting ? when.meeting->name : "";
    result.subject = commit.message.substr(0, commit.message.find('\n'));
    return result;
}

}  // namespace accord
