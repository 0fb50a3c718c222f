#include "hooks/verify.hpp"

#include <algorithm>
#include <unordered_set>

#include "core/store/position_record.hpp"
#include "core/store/proposal_record.hpp"
#include "core/store/workspace.hpp"
#include "core/util/commit_signature.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/terminal.hpp"
#include "core/util/text.hpp"

namespace accord::hooks {

namespace {

constexpr const char* kSignHelp =
    "sign proposals: accord propose --sign (or once: git config accord.sign true), with your key "
    "named as git names it (git config user.signingkey ~/.ssh/id_ed25519.pub and git config "
    "gpg.format ssh); sign plain git commits and merges with git commit -S (or git config "
    "commit.gpgsign true)";

std::string short_id(const std::string& id) {
    return id.substr(0, 10);
}

std::string first_line(const std::string& message) {
    return message.substr(0, message.find('\n'));
}

std::string holder_text(const KeyHolder& holder) {
    return holder.secretariat ? "secretariat member " + holder.name : holder.name;
}

void add(CommitVerification& v, std::string code, std::string message, std::string help,
         bool fails) {
    v.problems.push_back({std::move(code), std::move(message), std::move(help), fails});
}

}  // namespace

bool Verifier::changes_texts(const CommitInfo& commit) const {
    if (commit.parents.empty()) return false;  // the first commit: accord init's, or an import
    for (const auto& entry : repo_.changed_entries(commit.parents.front(), commit.id))
        if (is_text_path(entry.path)) return true;
    return false;
}

std::string_view to_string(SignatureMark mark) {
    switch (mark) {
        case SignatureMark::verified:
            return "verified";
        case SignatureMark::unsigned_:
            return "unsigned";
        case SignatureMark::bad:
            return "bad";
    }
    return "bad";
}

bool CommitVerification::failed() const {
    return std::any_of(problems.begin(), problems.end(),
                       [](const VerifyProblem& p) { return p.fails; });
}

bool signatures_in_use(const Config& registry) {
    return registry.lists_keys() || registry.signatures == SignaturePolicy::required;
}

// ---------------------------------------------------------------- Verifier

Verifier::Verifier(const Repository& repo) : repo_(repo) {}

std::optional<std::string> Verifier::registry_blob(const std::string& commit) {
    auto it = blob_at_.find(commit);
    if (it != blob_at_.end()) return it->second;
    std::optional<std::string> blob = repo_.blob_id_at(commit, kConfigFileName);
    blob_at_.emplace(commit, blob);
    return blob;
}

const Verifier::Registry* Verifier::registry_entry(const std::string& commit) {
    const std::optional<std::string> blob = registry_blob(commit);
    if (!blob) return nullptr;
    auto it = registries_.find(*blob);
    if (it != registries_.end()) return &it->second;
    Registry registry;
    try {
        const std::string text = repo_.read_blob_unverified(*blob);
        registry.config =
            parse_config(text, std::string(kConfigFileName) + " of " + short_id(commit));
        for (auto& [key, holder] : registry.config->registered_keys())
            registry.key_holders.emplace(key, holder);
    } catch (const Error& e) {
        if (e.exit_code() != kExitUsage) throw;
        registry.error = e.what();
    }
    return &registries_.emplace(*blob, std::move(registry)).first->second;
}

const Config* Verifier::registry_at(const std::string& commit) {
    const Registry* entry = registry_entry(commit);
    if (entry == nullptr) return nullptr;
    if (!entry->config) throw usage_error(entry->error);
    return &*entry->config;
}

CommitVerification Verifier::verify(const CommitInfo& commit) {
    CommitVerification v;
    v.commit = commit.id;
    v.parents = commit.parents;
    v.subject = first_line(commit.message);
    v.author = commit.author.name;
    v.author_time = commit.author.time;
    v.author_offset = commit.author.offset_minutes;
    const Trailers all = trailers(commit.message);
    const std::vector<std::string> named = trailer_values(all, kProposedByTrailer);
    if (commit.parents.size() > 1) {
        v.kind = CommitKind::merge;
    } else if (!named.empty()) {
        v.kind = CommitKind::proposal;
    }

    // The registry before the commit (its first parent's; the first
    // commit's own), and its own, for the names it may add.
    const std::string before_commit = commit.parents.empty() ? commit.id : commit.parents.front();
    const Registry* before = registry_entry(before_commit);
    const Registry* own = registry_entry(commit.id);
    const Config* before_config = before && before->config ? &*before->config : nullptr;
    const Config* own_config = own && own->config ? &*own->config : nullptr;
    const Config* names = own_config ? own_config : before_config;
    if (before_config) {
        v.policy = before_config->signatures;
    } else if (own_config) {
        v.policy = own_config->signatures;
    }
    const bool required = v.policy == SignaturePolicy::required;
    if (before && !before->config) {
        add(v, "unreadable-registry",
            "the registry before this commit cannot be read, so its keys cannot be checked: " +
                before->error,
            "fix accord.yaml in a later commit signed by the secretariat", required);
    }
    std::unordered_set<std::string> listed;  // a set: a commit may carry 100,000 trailers
    for (const std::string& name : named) {
        const std::optional<std::string> canonical =
            names ? names->resolve_delegation(name) : std::nullopt;
        if (listed.insert(canonical.value_or(name)).second)
            v.proposers.push_back(canonical.value_or(name));
        if (!canonical && names) {  // without any registry there is nothing to check against
            add(v, "unknown-proposer",
                "Proposed-by: " + name + " names no delegation of the registry",
                "register the delegation in accord.yaml (a change the secretariat signs) before "
                "it proposes",
                true);
        }
    }
    // Whom the commit speaks for: log, blame and positions credit a commit
    // to its author when no trailer names a proposer (a plain commit, a
    // merge that adds words of its own, a position). So the author is
    // checked against the signing key whatever the kind, not only for
    // proposals: a key of one delegation never signs words credited to
    // another.
    const std::optional<std::string> author_delegation =
        names                            ? names->resolve_delegation(commit.author.name)
        : v.kind == CommitKind::proposal ? std::optional<std::string>(commit.author.name)
                                         : std::nullopt;
    if (v.kind == CommitKind::proposal) {
        // An author no registry names matches a first proposer written alike
        // (that name is reported as unknown above).
        const bool matches = author_delegation ? *author_delegation == v.proposers.front()
                                               : commit.author.name == named.front();
        if (!matches) {
            add(v, "author-mismatch",
                "the author is '" + commit.author.name + "' but the first Proposed-by: is '" +
                    named.front() + "'; a proposal's author is its first proposer",
                "record proposals with accord propose --by, which writes both", true);
        }
    }
    // A position is its first speaker's: `accord positions` shows it under
    // every Position-of name, so the author (whose key may sign it) must be
    // the first of them.
    const std::vector<std::string> speakers = trailer_values(all, kPositionOfTrailer);
    if (!speakers.empty() && v.kind != CommitKind::merge) {
        const auto canonical = [&](const std::string& name) {
            return names ? names->resolve_delegation(name).value_or(name) : name;
        };
        if (canonical(commit.author.name) != canonical(speakers.front())) {
            add(v, "author-mismatch",
                "the author is '" + commit.author.name + "' but the first Position-of: is '" +
                    speakers.front() + "'; a position's author is its first speaker",
                "record positions with accord positions or an import, which write both", true);
        }
    }

    // The signature.
    const std::optional<SignedCommit> parts = split_signed_commit(repo_.raw_commit(commit.id));
    std::optional<KeyHolder> holder;
    bool good_signature = false;
    if (!parts) {
        add(v, "unsigned", "not signed", kSignHelp, required);
    } else {
        v.is_signed = true;
        const SignatureCheck check = verify_commit_signature(parts->signature, parts->payload);
        v.fingerprint = check.fingerprint;
        if (check.signer) v.key_type = std::string(check.signer->type_name());
        if (!check.good()) {
            add(v, "bad-signature",
                "the signature does not verify: " + check.error +
                    (check.verdict == SignatureVerdict::bad
                         ? " (the commit is not what was signed: changed after signing?)"
                         : ""),
                "do not accept it; record the proposal again, signed", true);
        } else {
            good_signature = true;
            if (before) {
                const auto found = before->key_holders.find(check.signer->blob);
                if (found != before->key_holders.end()) holder = found->second;
            }
            v.signer = holder;
            if (!holder) {
                add(v, "unknown-key",
                    "signed with " + v.key_type + " key " + v.fingerprint +
                        ", which the registry before this commit does not list",
                    "list the key under its delegation's keys: in accord.yaml, in a commit the "
                    "secretariat signs, before the proposals it signs",
                    required);
            } else if (!holder->secretariat && author_delegation &&
                       holder->name != *author_delegation) {
                add(v, "key-of-another",
                    "signed with a key of " + holder->name + " (" + v.fingerprint + "), but " +
                        (v.kind == CommitKind::proposal ? "proposed as " : "authored as ") +
                        *author_delegation +
                        "; only the author's own keys or the secretariat's may sign it",
                    "a delegation records proposals in its own name: --by " + holder->name, true);
            }
        }
    }

    // A commit that changes texts and names no proposer (a plain `git
    // commit`) is credited to its author by log, blame and who: that must be
    // a name the registry lists, a delegation or a member of the secretariat
    // (an editorial change; or signed by a secretariat key), not whatever
    // name a clerk's git has.
    if (names && v.kind == CommitKind::other && !author_delegation &&
        !names->is_secretariat_member(commit.author.name) && !(holder && holder->secretariat) &&
        changes_texts(commit)) {
        add(v, "unregistered-author",
            "changes texts with no Proposed-by: trailer, so it would be credited to its author '" +
                commit.author.name + "', whom " + kConfigFileName +
                " lists neither as a delegation nor under secretariat",
            "record proposals with accord propose --by DELEGATION; an editorial change of the "
            "secretariat is authored by a member listed under 'secretariat:' in " +
                std::string(kConfigFileName) + " (git commit --amend --author='NAME <EMAIL>')",
            true);
    }

    // A change of the registry needs the secretariat.
    const std::optional<std::string> own_blob = registry_blob(commit.id);
    if (commit.parents.empty()) {
        v.registry_changed = own_blob.has_value();
    } else if (own_blob != registry_blob(commit.parents.front())) {
        v.registry_changed = true;
        if (commit.parents.size() > 1) {
            // A merge that takes the side that changed accord.yaml changes nothing.
            const std::optional<std::string> base = repo_.merge_base(commit.parents);
            const std::optional<std::string> base_blob = base ? registry_blob(*base) : std::nullopt;
            const bool taken =
                std::any_of(commit.parents.begin() + 1, commit.parents.end(),
                            [&](const std::string& p) { return registry_blob(p) == own_blob; });
            const bool others_plain = std::all_of(
                commit.parents.begin(), commit.parents.end(), [&](const std::string& p) {
                    const std::optional<std::string> b = registry_blob(p);
                    return b == own_blob || (base && b == base_blob);
                });
            if (taken && others_plain) v.registry_changed = false;
        }
    }
    if (v.registry_changed && !(good_signature && holder && holder->secretariat)) {
        const bool guarded = required || (before_config && before_config->secretariat_has_keys());
        add(v, "registry-change-unsigned",
            std::string("changes ") + kConfigFileName + " without a secretariat signature" +
                (v.is_signed && holder ? " (signed by " + holder_text(*holder) + ")" : ""),
            std::string("only the secretariat changes the registry: a secretariat member records "
                        "it, signed (git commit -S ") +
                kConfigFileName + ")",
            guarded);
    }

    const bool failing = v.failed();
    if (good_signature && holder && !failing) {
        v.mark = SignatureMark::verified;
    } else if (!v.is_signed &&
               std::all_of(v.problems.begin(), v.problems.end(), [](const VerifyProblem& p) {
                   return !p.fails || p.code == "unsigned" || p.code == "registry-change-unsigned";
               })) {
        v.mark = SignatureMark::unsigned_;
    } else {
        v.mark = SignatureMark::bad;
    }
    return v;
}

// ---------------------------------------------------------------- ranges

VerifyReport verify_range(const Repository& repo, const std::string& range) {
    VerifyReport report;
    report.range = range.empty() ? "HEAD" : range;
    std::vector<CommitInfo> commits;
    if (const std::size_t dots = range.find(".."); dots != std::string::npos) {
        if (range.find("...") != std::string::npos) {
            throw usage_error("verify takes A..B (the commits of B that A lacks), not '" + range +
                              "'");
        }
        const std::string from = range.substr(0, dots), to = range.substr(dots + 2);
        const std::string tip = repo.resolve(to.empty() ? "HEAD" : to);
        commits = commits_missing_from(
            repo, tip, reachable_commits(repo, {repo.resolve(from.empty() ? "HEAD" : from)}));
        std::reverse(commits.begin(), commits.end());  // newest first
    } else {
        if (range.empty() && repo.head() == std::nullopt) return report;  // nothing recorded yet
        commits = repo.history(repo.resolve(range.empty() ? "HEAD" : range));
    }
    Verifier verifier(repo);
    for (const CommitInfo& commit : commits) {
        CommitVerification v = verifier.verify(commit);
        switch (v.mark) {
            case SignatureMark::verified:
                ++report.verified;
                break;
            case SignatureMark::unsigned_:
                ++report.unsigned_count;
                break;
            case SignatureMark::bad:
                ++report.bad;
                break;
        }
        if (v.failed()) ++report.failed;
        report.commits.push_back(std::move(v));
    }
    return report;
}

std::set<std::string> reachable_commits(const Repository& repo,
                                        const std::vector<std::string>& tips) {
    std::set<std::string> all;
    for (const std::string& tip : tips) {
        if (all.count(tip)) continue;
        for (const CommitInfo& commit : repo.history(tip)) all.insert(commit.id);
    }
    return all;
}

std::vector<CommitInfo> commits_missing_from(const Repository& repo, const std::string& tip,
                                             const std::set<std::string>& known) {
    // Depth first, each commit written after its parents.
    struct Frame {
        CommitInfo commit;
        std::size_t next_parent = 0;
    };
    std::vector<CommitInfo> out;
    std::set<std::string> seen;
    std::vector<Frame> stack;
    const auto enter = [&](const std::string& id) {
        if (known.count(id) == 0 && seen.insert(id).second) stack.push_back({repo.commit(id)});
    };
    enter(tip);
    while (!stack.empty()) {
        Frame& top = stack.back();
        if (top.next_parent < top.commit.parents.size()) {
            const std::string parent = top.commit.parents[top.next_parent++];
            enter(parent);  // may move `top`
            continue;
        }
        out.push_back(std::move(top.commit));
        stack.pop_back();
    }
    return out;
}

// ---------------------------------------------------------------- views

namespace {

std::string who(const CommitVerification& v) {
    if (v.kind == CommitKind::merge) return "merge by " + v.author;
    if (!v.proposers.empty()) return join_names(v.proposers);
    return v.author;
}

std::string signed_text(const CommitVerification& v) {
    if (!v.is_signed) return "unsigned";
    std::string text = "signed";
    if (v.signer) text += " by " + holder_text(*v.signer);
    if (!v.fingerprint.empty()) text += " (" + v.fingerprint + ")";
    return text;
}

}  // namespace

std::string render_verify_text(const VerifyReport& report, const TerminalStyle& style) {
    const std::string green(style.green()), red(style.red()), dim(style.dim()),
        reset(style.reset());
    std::string out;
    for (const CommitVerification& v : report.commits) {
        const std::string mark(to_string(v.mark));
        const std::string shade = v.mark == SignatureMark::verified ? green
                                  : v.mark == SignatureMark::bad    ? red
                                                                    : dim;
        out += shade + pad_right(mark, 8) + reset + " " + short_id(v.commit) + "  " +
               format_iso_date(local_day(v.author_time, v.author_offset)) + "  " +
               escape_controls(who(v) + ": " + signed_text(v)) + "\n";
        out += "         " + escape_controls(v.subject) + "\n";
        // What fails, and what to do; the rest is in the mark (and the JSON).
        for (const VerifyProblem& p : v.problems) {
            if (!p.fails) continue;
            out += "         " + red + "fails" + reset + " [" + p.code + "] " +
                   escape_controls(p.message) + "\n";
            out += "           what to do: " + escape_controls(p.help) + "\n";
        }
    }
    out += std::to_string(report.commits.size()) +
           (report.commits.size() == 1 ? " commit" : " commits") + ": " +
           std::to_string(report.verified) + " verified, " + std::to_string(report.unsigned_count) +
           " unsigned, " + std::to_string(report.bad) + " bad; " +
           (report.ok() ? "nothing fails"
                        : std::to_string(report.failed) +
                              (report.failed == 1 ? " commit fails" : " commits fail")) +
           "\n";
    return out;
}

std::string render_verify_json(const VerifyReport& report) {
    JsonWriter json = JsonWriter::with_schema("accord.verify/1");
    json.field("range", report.range);
    json.field("ok", report.ok());
    json.key("totals")
        .begin_object()
        .field("commits", static_cast<std::uint64_t>(report.commits.size()))
        .field("verified", static_cast<std::uint64_t>(report.verified))
        .field("unsigned", static_cast<std::uint64_t>(report.unsigned_count))
        .field("bad", static_cast<std::uint64_t>(report.bad))
        .field("failed", static_cast<std::uint64_t>(report.failed))
        .end_object();
    json.key("commits").begin_array();
    for (const CommitVerification& v : report.commits) {
        json.begin_object().field("commit", v.commit);
        json.field("kind", v.kind == CommitKind::proposal ? "proposal"
                           : v.kind == CommitKind::merge  ? "merge"
                                                          : "other");
        json.field("date", format_iso_timestamp(v.author_time, v.author_offset));
        json.field("author", v.author);
        json.key("proposers").begin_array();
        for (const std::string& name : v.proposers) json.value(name);
        json.end_array();
        json.field("subject", v.subject);
        json.field("mark", to_string(v.mark));
        json.field("signed", v.is_signed);
        json.key("key");
        if (v.is_signed && !v.fingerprint.empty()) {
            json.begin_object().field("type", v.key_type).field("fingerprint", v.fingerprint);
            json.key("holder");
            if (v.signer) {
                json.begin_object()
                    .field("name", v.signer->name)
                    .field("role", v.signer->secretariat ? "secretariat" : "delegation")
                    .end_object();
            } else {
                json.null();
            }
            json.end_object();
        } else {
            json.null();
        }
        json.field("policy", to_string(v.policy));
        json.field("registry_changed", v.registry_changed);
        json.field("failed", v.failed());
        json.key("problems").begin_array();
        for (const VerifyProblem& p : v.problems) {
            json.begin_object()
                .field("code", p.code)
                .field("message", p.message)
                .field("help", p.help)
                .field("fails", p.fails)
                .end_object();
        }
        json.end_array().end_object();
    }
    json.end_array();
    return json.finish();
}

}  // namespace accord::hooks
