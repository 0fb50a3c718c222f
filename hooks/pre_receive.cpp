#include "hooks/pre_receive.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "core/store/config.hpp"
#include "core/store/proposal_record.hpp"
#include "core/store/redraft.hpp"
#include "core/store/workspace.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "hooks/checks.hpp"
#include "hooks/verify.hpp"

namespace accord::hooks {

namespace {

const std::string kZeroId(40, '0');
constexpr std::string_view kBranchPrefix = "refs/heads/";
constexpr std::string_view kTagPrefix = "refs/tags/";

bool is_hex_id(std::string_view text) {
    return text.size() == 40 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::string first_line(const std::string& message) {
    return message.substr(0, message.find('\n'));
}

// The reference as people name it: "main", "redraft/a".
std::string short_ref(const std::string& ref) {
    return ref.rfind(kBranchPrefix, 0) == 0 ? ref.substr(kBranchPrefix.size()) : ref;
}

// N of a `Notation-errors: N` trailer (propose --allow-errors); 0 when
// there is none or it is not a number.
std::size_t declared_notation_errors(const std::string& message) {
    std::size_t declared = 0;
    for (const std::string& value : trailer_values(trailers(message), kNotationErrorsTrailer)) {
        if (value.empty() || value.size() > 9 ||
            !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        declared = std::max<std::size_t>(declared, std::stoul(value));
    }
    return declared;
}

class PushCheck {
  public:
    PushCheck(const Repository& repo, const ReceiveOptions& options)
        : repo_(repo), verifier_(repo) {
        now_ = options.now != 0 ? options.now : static_cast<std::int64_t>(std::time(nullptr));
        try {
            mainline_ = repo.current_branch();
        } catch (const Error&) {
            mainline_ = "main";
        }
        for (const std::string& branch : repo.branches()) {
            tips_.push_back(repo.resolve(std::string(kBranchPrefix) + branch));
        }
    }

    void check(const RefUpdate& update) {
        if (update.ref.rfind(kTagPrefix, 0) == 0) {
            check_tag(update);
            return;
        }
        const std::string name = short_ref(update.ref);
        const bool is_main = update.ref == std::string(kBranchPrefix) + mainline_;
        std::optional<std::string> redraft;
        if (!is_main && update.ref.rfind(kBranchPrefix, 0) == 0)
            redraft = redraft_name_of_branch(name);
        if (!is_main && !redraft) {
            refuse(update.ref, "",
                   "this server keeps only the negotiation's branch " + mainline_ +
                       " and redraft branches (redraft/NAME)",
                   "propose on " + mainline_ +
                       ", or start a redraft for a small group: accord redraft start NAME");
            return;
        }
        if (redraft) {
            try {
                validate_redraft_name(*redraft);
            } catch (const Error& e) {
                refuse(name, "", e.what(), "name redraft branches redraft/NAME");
                return;
            }
        }
        const bool creating = update.old_id == kZeroId;
        if (update.new_id == kZeroId) {
            check_deletion(update, name, is_main);
            return;
        }
        if (!creating && !repo_.is_ancestor(update.old_id, update.new_id)) {
            refuse(name, update.new_id,
                   "the push would rewrite " + name + ": it is at " + update.old_id.substr(0, 10) +
                       " here, and the pushed commit does not descend from it (a force-push), "
                       "so proposals recorded here would be lost",
                   "fetch and merge first: git pull (accord's merge driver merges the texts), "
                   "then push again; never force-push a negotiation's branches");
            return;
        }
        if (!known_) known_ = reachable_commits(repo_, tips_);
        const std::vector<CommitInfo> missing = commits_missing_from(repo_, update.new_id, *known_);
        for (const CommitInfo& commit : missing) {
            if (checked_.insert(commit.id).second) {
                ++commits_checked_;
                check_commit(commit, name, redraft);
            } else if (redraft) {
                // Pushed to two branches at once: checked once, but the
                // redraft's rule holds for it whichever branch came first
                // (main, holding it through a merge, comes first).
                check_redraft_rule(commit, name, *redraft);
            }
        }
        check_merged_redrafts(missing, name);
    }

    ReceiveDecision decision() && {
        ReceiveDecision d;
        d.refusals = std::move(refusals_);
        d.commits_checked = commits_checked_;
        d.notes = std::move(notes_);
        return d;
    }

  private:
    void refuse(const std::string& ref, const std::string& commit, std::string message,
                std::string help, const std::string& subject = "") {
        refusals_.push_back({ref, commit, subject, std::move(message), std::move(help)});
    }

    // A tag marks a point of the record (the text as a meeting left it): a
    // new one may name a commit the negotiation's branches hold (those
    // pushed in the same push included: git sends branches first); one
    // pushed is never moved or deleted, so that everyone's "WGEC-3" is the same.
    void check_tag(const RefUpdate& update) {
        const std::string name = update.ref.substr(kTagPrefix.size());
        if (update.old_id != kZeroId) {
            refuse(update.ref, "",
                   "the tag " + name + " exists here; " +
                       (update.new_id == kZeroId ? "deleting" : "moving") +
                       " it would change what it names for everyone",
                   "leave it as it is, and tag the new point with a new name (git tag NAME-2)");
            return;
        }
        std::string commit;
        try {
            commit = repo_.resolve(update.new_id + "^{commit}");
        } catch (const Error&) {
            refuse(update.ref, update.new_id, "the tag " + name + " names no commit",
                   "tag a commit of " + mainline_ + " (git tag NAME COMMIT)");
            return;
        }
        if (!known_) known_ = reachable_commits(repo_, tips_);
        if (known_->count(commit) == 0 && checked_.count(commit) == 0) {
            refuse(update.ref, commit,
                   "the tag " + name + " names a commit this server's branches do not hold",
                   "push the branch that holds it first (git push origin " + mainline_ +
                       "), then the tag");
        }
    }

    void check_deletion(const RefUpdate& update, const std::string& name, bool is_main) {
        if (is_main) {
            refuse(name, "", "deleting " + name + " is refused: it is the negotiation's record",
                   "nothing to do: the server keeps it; to start over, ask the secretariat");
            return;
        }
        const std::optional<std::string> main_tip =
            repo_.branch_exists(mainline_)
                ? std::optional<std::string>(repo_.resolve(std::string(kBranchPrefix) + mainline_))
                : std::nullopt;
        if (update.old_id != kZeroId &&
            (!main_tip || !repo_.is_ancestor(update.old_id, *main_tip))) {
            refuse(
                name, update.old_id,
                "deleting " + name + " would lose proposals that " + mainline_ + " does not have",
                "merge it first (accord merge " + name.substr(8) + ", then push " + mainline_ +
                    "), then delete it");
        }
    }

    void check_commit(const CommitInfo& commit, const std::string& ref,
                      const std::optional<std::string>& redraft) {
        const std::string subject = first_line(commit.message);
        if (commit.parents.empty() && !tips_.empty()) {
            refuse(ref, commit.id, "a commit with no parent: a second, unrelated history",
                   "clone the server's repository and record your proposals there", subject);
            return;
        }
        const CommitVerification v = verifier_.verify(commit);
        for (const VerifyProblem& p : v.problems) {
            if (p.fails) refuse(ref, commit.id, p.message, p.help, subject);
        }
        // Dated in the future: after today in the latest time zone there is.
        const std::int64_t day = local_day(commit.author.time, commit.author.offset_minutes);
        const std::int64_t latest = latest_day_anywhere(now_);
        if (day > latest) {
            refuse(ref, commit.id,
                   "dated " + format_iso_date(day) + ", after today anywhere on Earth (" +
                       format_iso_date(latest) + " in UTC+14, by this server's clock)",
                   "record it with the day it was made (accord propose --date YYYY-MM-DD), and "
                   "check the clock of the computer that recorded it",
                   subject);
        }
        check_texts(commit, ref, subject);
        // A registry no clone could read stops every command there, so none
        // is accepted, whoever signed it.
        if (v.registry_changed) {
            try {
                verifier_.registry_at(commit.id);
            } catch (const Error& e) {
                refuse(ref, commit.id,
                       std::string("leaves ") + kConfigFileName + " unreadable: " + e.what(),
                       std::string("fix ") + kConfigFileName +
                           " in that commit (git commit --amend when it is the last one, "
                           "git rebase -i otherwise) and push again: no commit may hold a "
                           "registry every clone would refuse",
                       subject);
            }
        }
        if (redraft) check_redraft_rule(commit, v, ref, *redraft);
        if (!v.failed() && v.registry_changed && !v.is_signed) {
            notes_.push_back(short_ref(ref) + " " + commit.id.substr(0, 10) + " changes " +
                             kConfigFileName +
                             " unsigned: the registry lists no secretariat key yet, so anyone "
                             "who can push may change it; list one under secretariat:");
        }
    }

    // No text may gain an error against the parent it comes from, unless the
    // proposal declares them (`Notation-errors: N`, as `accord propose
    // --allow-errors` records a document as it was issued): then up to N new
    // notation errors in all, and its front matter must still be valid. A
    // text must be UTF-8, as accord records it.
    void check_texts(const CommitInfo& commit, const std::string& ref, const std::string& subject) {
        const std::size_t declared = declared_notation_errors(commit.message);
        std::size_t added = 0;
        const std::map<std::string, std::string> files = repo_.file_ids(commit.id);
        std::vector<std::map<std::string, std::string>> parent_files;
        for (const std::string& parent : commit.parents)
            parent_files.push_back(repo_.file_ids(parent));
        NotationOptions notation;
        try {
            if (const Config* registry = verifier_.registry_at(commit.id))
                notation = registry->notation;
        } catch (const Error&) {
            // A malformed registry is the verifier's to report; the texts are read with defaults.
        }
        const ParseOptions options = check_parse_options(notation);
        for (const auto& [path, blob] : files) {
            if (!is_text_path(path)) continue;
            bool unchanged = false;
            for (const auto& pf : parent_files) {
                const auto it = pf.find(path);
                if (it != pf.end() && it->second == blob) unchanged = true;
            }
            if (unchanged) continue;
            const std::string after = repo_.read_blob(blob);
            if (const TextBytes bytes = check_text_bytes(path, after); bytes.problem) {
                refuse(ref, commit.id, render(*bytes.problem),
                       "record texts with accord propose, which refuses what it cannot read",
                       subject);
                continue;
            } else if (bytes.converted) {
                refuse(ref, commit.id,
                       path + ": saved as UTF-16, and accord records texts as UTF-8",
                       "record it with accord propose, which converts it, or save it as UTF-8",
                       subject);
                continue;
            }
            std::optional<TextCheck> least;
            const std::string& text_path =
                path;  // a structured binding cannot be captured in C++20
            const auto against = [&](const std::optional<std::string>& before) {
                TextCheck found = check_text(text_path, before, after, options);
                if (!least || found.problems.size() < least->problems.size())
                    least = std::move(found);
            };
            if (parent_files.empty()) against(std::nullopt);
            for (const auto& pf : parent_files) {
                const auto it = pf.find(path);
                against(it == pf.end() ? std::nullopt
                                       : std::optional<std::string>(repo_.read_blob(it->second)));
            }
            if (declared > 0) {
                added += least->new_errors;
                std::erase_if(least->problems, [](const Problem& p) {
                    return p.code.rfind("front-matter-", 0) != 0;
                });
            }
            for (const Problem& p : least->problems) {
                refuse(ref, commit.id, render(p),
                       "fix the text and record the fix; accord check " + path +
                           " shows the errors before you propose",
                       subject);
            }
        }
        if (added > declared) {
            refuse(ref, commit.id,
                   "adds " + std::to_string(added) + " notation errors, more than the " +
                       std::to_string(declared) + " its " + std::string(kNotationErrorsTrailer) +
                       ": trailer declares",
                   "record it with accord propose --allow-errors, which counts them", subject);
        }
    }

    bool names_a_delegation(const std::string& commit, const std::string& name) {
        try {
            const Config* registry = verifier_.registry_at(commit);
            return registry && registry->resolve_delegation(name).has_value();
        } catch (const Error&) {
            return false;  // a malformed registry is the verifier's to report
        }
    }

    // A proposal on redraft/NAME is a member's: every commit credited to a
    // delegation, not only those with a Proposed-by trailer (a plain commit
    // is credited to its author); merges and what the secretariat signed
    // are no proposals of the group. Each commit once per redraft.
    void check_redraft_rule(const CommitInfo& commit, const CommitVerification& v,
                            const std::string& ref, const std::string& redraft) {
        if (!membership_checked_.insert(commit.id + "\n" + redraft).second) return;
        if (v.kind != CommitKind::merge && !(v.signer && v.signer->secretariat) &&
            (v.kind == CommitKind::proposal || names_a_delegation(commit.id, v.author)))
            check_membership(commit, v, ref, redraft, first_line(commit.message));
    }
    void check_redraft_rule(const CommitInfo& commit, const std::string& ref,
                            const std::string& redraft) {
        if (membership_checked_.count(commit.id + "\n" + redraft) > 0) return;
        check_redraft_rule(commit, verifier_.verify(commit), ref, redraft);
    }

    // A merge of redrafts pushed (`accord merge` names each merged redraft,
    // in the order of its other parents, `Merged-redraft:`) brings the
    // redrafts' proposals with it, whether or not their branches are pushed
    // too: those new here, reachable from a redraft's parent and not from
    // the first parent, are held to that redraft's rule.
    void check_merged_redrafts(const std::vector<CommitInfo>& pushed, const std::string& ref) {
        for (const CommitInfo& merge : pushed) {
            if (merge.parents.size() < 2) continue;
            const std::vector<std::string> redrafts =
                trailer_values(trailers(merge.message), kMergedRedraftTrailer);
            if (redrafts.empty()) continue;
            std::set<std::string> on_main;
            for (const CommitInfo& c : commits_missing_from(repo_, merge.parents.front(), *known_))
                on_main.insert(c.id);
            for (std::size_t k = 1; k < merge.parents.size() && k - 1 < redrafts.size(); ++k) {
                try {
                    validate_redraft_name(redrafts[k - 1]);
                } catch (const Error&) {
                    continue;  // no redraft's name: no redraft's rule
                }
                for (const CommitInfo& c : commits_missing_from(repo_, merge.parents[k], *known_))
                    if (on_main.count(c.id) == 0) check_redraft_rule(c, ref, redrafts[k - 1]);
            }
        }
    }

    void check_membership(const CommitInfo& commit, const CommitVerification& v,
                          const std::string& ref, const std::string& redraft,
                          const std::string& subject) {
        const std::string record_path = redraft_record_path(redraft);
        const std::optional<std::string> text =
            commit.parents.empty() ? std::nullopt
                                   : repo_.read_file_at(commit.parents.front(), record_path);
        if (!text) return;  // not started yet: the start commit is not a proposal
        std::vector<std::string> members;
        try {
            members = parse_redraft_record(*text, record_path).members;
        } catch (const Error& e) {
            refuse(ref, commit.id, e.what(), "fix the redraft's record file", subject);
            return;
        }
        if (members.empty()) return;  // open to every delegation
        const Config* registry = nullptr;
        try {
            registry = verifier_.registry_at(commit.id);
        } catch (const Error&) {
        }
        const auto canonical = [&](const std::string& name) {
            return registry ? registry->resolve_delegation(name).value_or(name) : name;
        };
        std::set<std::string> allowed;
        for (const std::string& m : members) allowed.insert(canonical(m));
        const std::string author = v.proposers.empty() ? v.author : v.proposers.front();
        if (allowed.count(canonical(author)) == 0) {
            std::string list;
            for (const std::string& m : allowed) list += (list.empty() ? "" : ", ") + m;
            refuse(ref, commit.id,
                   author + " is not a member of redraft " + redraft + " (members: " + list + ")",
                   "propose on " + mainline_ + " instead, or ask the secretariat to add " + author +
                       " to the redraft",
                   subject);
        }
    }

    const Repository& repo_;
    Verifier verifier_;
    std::int64_t now_ = 0;
    std::string mainline_;
    std::vector<std::string> tips_;
    std::optional<std::set<std::string>> known_;  // what the server has, read once
    std::set<std::string> checked_;
    std::set<std::string> membership_checked_;  // commit id, "\n", redraft
    std::size_t commits_checked_ = 0;
    std::vector<Refusal> refusals_;
    std::vector<std::string> notes_;
};

}  // namespace

std::vector<RefUpdate> parse_ref_updates(std::string_view input) {
    std::vector<RefUpdate> updates;
    std::size_t begin = 0, number = 0;
    while (begin < input.size()) {
        std::size_t end = input.find('\n', begin);
        if (end == std::string_view::npos) end = input.size();
        const std::string_view line = input.substr(begin, end - begin);
        begin = end + 1;
        ++number;
        if (line.empty()) continue;
        const std::size_t first = line.find(' ');
        const std::size_t second =
            first == std::string_view::npos ? first : line.find(' ', first + 1);
        if (second == std::string_view::npos) {
            throw usage_error("pre-receive: line " + std::to_string(number) +
                              " is not 'OLD NEW REF', as git gives the hook");
        }
        RefUpdate update{std::string(line.substr(0, first)),
                         std::string(line.substr(first + 1, second - first - 1)),
                         std::string(line.substr(second + 1))};
        if (!is_hex_id(update.old_id) || !is_hex_id(update.new_id) || update.ref.empty()) {
            throw usage_error("pre-receive: line " + std::to_string(number) +
                              " is not 'OLD NEW REF' with two full commit ids");
        }
        updates.push_back(std::move(update));
    }
    return updates;
}

ReceiveDecision check_push(const Repository& repo, const std::vector<RefUpdate>& updates,
                           const ReceiveOptions& options) {
    PushCheck check(repo, options);
    for (const RefUpdate& update : updates) check.check(update);
    return std::move(check).decision();
}

std::string render(const ReceiveDecision& decision) {
    std::string out;
    for (const std::string& note : decision.notes) out += "accord: note: " + note + "\n";
    if (decision.accepted()) return out;
    const std::size_t n = decision.refusals.size();
    out += "accord: push refused; the server changed nothing (" + std::to_string(n) +
           (n == 1 ? " problem" : " problems") + "):\n";
    for (const Refusal& r : decision.refusals) {
        std::string head = "  " + r.ref;
        if (!r.commit.empty()) {
            head += " " + r.commit.substr(0, 10);
            if (!r.subject.empty()) head += " \"" + r.subject + "\"";
        }
        std::string message = r.message;
        while (!message.empty() && message.back() == '\n') message.pop_back();
        out += head + ": " + message + "\n";
        out += "    what to do: " + r.help + "\n";
    }
    return out;
}

std::string pre_receive_script(std::string_view accord_path) {
    std::string quoted = "'";
    for (const char c : accord_path) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    quoted += "'";
    std::string s;
    s += "#!/bin/sh\n";
    s += "# accord-managed hook: pre-receive\n";
    s += "# Installed by 'accord init --bare'. It refuses pushes that rewrite the negotiation's\n";
    s += "# branch, carry forged or unsigned proposals where signatures are required, change\n";
    s += "# accord.yaml without the secretariat, add notation errors or are dated in the future.\n";
    s += "# Refusing refuses the whole push: git then changes no reference.\n";
    s += "installed=" + quoted + "\n";
    s += "accord=$installed\n";
    s += "if [ -z \"$accord\" ] || [ ! -x \"$accord\" ]; then\n";
    s += "    accord=$(command -v accord) || {\n";
    s += "        echo \"accord: the server cannot check this push: no accord binary at "
         "'$installed' nor on PATH; the push is refused. The server's administrator should "
         "reinstall the hook with 'accord init --bare'.\" >&2\n";
    s += "        exit 1\n";
    s += "    }\n";
    s += "fi\n";
    s += "exec \"$accord\" hook pre-receive\n";
    return s;
}

ServerSetup install_server_hook(Repository& bare, const std::string& accord_path) {
    ServerSetup setup;
    std::string hooks_dir = bare.git_dir();
    if (!hooks_dir.empty() && hooks_dir.back() != '/') hooks_dir += '/';
    hooks_dir += "hooks";
    std::error_code ec;
    std::filesystem::create_directories(hooks_dir, ec);
    if (ec) throw failure("cannot create the hooks directory " + hooks_dir + ": " + ec.message());
    setup.hook_path = hooks_dir + "/pre-receive";
    if (const std::string error =
            write_file_atomically(setup.hook_path, pre_receive_script(accord_path));
        !error.empty()) {
        throw failure("cannot write the pre-receive hook " + error);
    }
    if (::chmod(setup.hook_path.c_str(), 0755) != 0) {
        throw failure("cannot make the hook " + setup.hook_path +
                      " executable: " + std::strerror(errno));
    }
    const std::vector<std::pair<std::string, std::string>> settings = {
        {"core.hooksPath", hooks_dir},
        {"receive.fsckObjects", "true"},
    };
    for (const auto& [key, value] : settings) {
        if (bare.get_config(key) == value) continue;
        bare.set_config(key, value);
        setup.config_set.push_back(key);
    }
    return setup;
}

}  // namespace accord::hooks
