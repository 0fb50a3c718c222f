#include "merge/merge3/branch_merge.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/notation/front_matter.hpp"
#include "core/store/config_merge.hpp"
#include "core/store/proposal_record.hpp"
#include "core/store/redraft.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/lines.hpp"
#include "core/util/text.hpp"
#include "merge/diff/renames.hpp"
#include "merge/diff/sequence_diff.hpp"
#include "merge/merge3/registry_merge.hpp"
#include "merge/report/history.hpp"

namespace accord {

namespace {

template <typename T>
void add_distinct(std::vector<T>& to, const T& value) {
    if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
}

// Files by path -> blob id, with the contents of merged blobs that exist only
// in memory until the merge is recorded.
class Files {
  public:
    explicit Files(const Repository& repo) : repo_(repo) {}

    const std::string& text(const std::string& id) {
        if (auto it = texts_.find(id); it != texts_.end()) return it->second;
        return texts_.emplace(id, repo_.read_blob(id)).first->second;
    }
    std::string add(std::string contents) {
        std::string id = Repository::hash_blob(contents);
        texts_.emplace(id, std::move(contents));
        return id;
    }

  private:
    const Repository& repo_;
    std::unordered_map<std::string, std::string> texts_;
};

using Tree = std::map<std::string, std::string>;

std::optional<std::string> entry(const Tree& tree, const std::string& path) {
    const auto it = tree.find(path);
    if (it == tree.end()) return std::nullopt;
    return it->second;
}

// Which branch the user means by `given`.
MergedBranch resolve_branch(const Repository& repo, const std::string& given) {
    MergedBranch b;
    b.given = given;
    if (repo.branch_exists(given)) {
        b.ref = given;
    } else if (Repository::is_valid_branch_name(redraft_branch(given)) &&
               repo.branch_exists(redraft_branch(given))) {
        b.ref = redraft_branch(given);
    } else {
        try {
            b.tip = repo.resolve(given);
        } catch (const Error&) {
            throw usage_error("unknown branch '" + given + "': there is no branch " + given +
                              " nor " + redraft_branch(given) +
                              "; 'accord redraft list' shows the redrafts");
        }
        b.ref = given;
    }
    if (b.tip.empty()) b.tip = repo.resolve("refs/heads/" + b.ref);
    // The redraft's name: what follows "redraft/" (also in origin/redraft/x).
    const std::size_t at = b.ref.rfind(kRedraftBranchPrefix);
    b.redraft = at == std::string::npos ? b.ref : b.ref.substr(at + kRedraftBranchPrefix.size());
    if (b.redraft.empty()) b.redraft = b.ref;
    return b;
}

// The result so far of folding the branches into the current one.
struct Fold {
    Tree ours;                        // the merged tree
    std::vector<std::string> merged;  // HEAD and the branches folded in: for the merge bases
    std::string ours_label;           // "main + redraft/informal-a": the side called ours
    std::string branch;               // the current branch, "main"
    // The branch folded in that put a path's text there whole (its own
    // text, not merged): who moved a text there, for a refusal to name.
    std::map<std::string, std::string> brought_by;
};

// What the branch brings: its proposals the current branch lacks (start and
// merge commits left out) and their proposers, also added to `all_proposers`.
void count_proposals(const Workspace& workspace, const std::string& head, MergedBranch& b,
                     std::vector<std::string>& all_proposers) {
    const std::vector<CommitInfo> commits = workspace.repo().commits_between(b.tip, {head});
    for (auto it = commits.rbegin(); it != commits.rend(); ++it) {
        if (it->parents.size() > 1 || is_redraft_start(it->message)) continue;
        ++b.proposals;
        for (const std::string& name : read_proposal(*it, workspace.config()).proposers) {
            add_distinct(b.proposers, name);
            add_distinct(all_proposers, name);
        }
    }
}

// The merged blob of a file changed on both sides, or nullopt when it is
// deleted; notes its disagreements, or refuses it (and keeps ours).
std::optional<std::string> merge_changed_file(Files& files, const MergeOptions& step,
                                              const std::string& path,
                                              const std::optional<std::string>& was,
                                              const std::optional<std::string>& o,
                                              const std::optional<std::string>& t,
                                              BranchMergePlan& plan) {
    const bool text = is_text_path(path) && (!was || !looks_binary(files.text(*was))) &&
                      (!o || !looks_binary(files.text(*o))) &&
                      (!t || !looks_binary(files.text(*t)));
    // The registry: merged by line as git would, each group's new entries
    // kept (merge_registry: layout and comments as written); else entry by
    // entry (each group registers those who join it), written in its
    // canonical form as propose writes it; else a person decides.
    if (path == kConfigFileName && was && o && t) {
        RegistryMergeOptions by_line;
        by_line.path = path;
        RegistryMerge lines =
            merge_registry(files.text(*was), files.text(*o), files.text(*t), by_line);
        if (lines.clean()) return files.add(std::move(lines.text));
        try {
            const std::optional<Config> merged = merge_configs(parse_config(files.text(*was), path),
                                                               parse_config(files.text(*o), path),
                                                               parse_config(files.text(*t), path));
            if (merged) {
                std::string yaml = emit_config(*merged);
                parse_config(yaml, path);  // still one registry: no name claimed twice
                return files.add(std::move(yaml));
            }
        } catch (const Error&) {
            // not mergeable entry by entry: refused, for a person to merge
        }
        plan.refused.push_back(path + ": the registry, changed on " + step.ours_label + " and on " +
                               step.theirs_label +
                               ", where both changed one entry or setting differently" +
                               (lines.problem.empty() ? "" : " (" + lines.problem + ")") +
                               "; merge it by hand (git merge " + step.theirs_label +
                               "), keeping what the negotiation agreed");
        return o;
    }
    if (!text) {
        plan.refused.push_back(path + ": changed on " + step.ours_label + " and on " +
                               step.theirs_label +
                               ", and accord merges only negotiation texts (.md, .txt); merge it "
                               "by hand (git merge " +
                               step.theirs_label + ")");
        return o;
    }
    if (!o || !t) {
        // Deleted on one side, edited on the other: the edit is kept and,
        // as inside a text (one side deletes wording the other edits), its
        // wording stands bracketed, so that the text shows its deletion was
        // proposed. The deletion is merged as the text's body deleted, its
        // front matter (id, title) kept.
        Disagreement d;
        d.kind = DisagreementKind::edited_deleted;
        d.line = 1;
        d.ours = o ? "(the file, edited)" : "(file deleted)";
        d.theirs = t ? "(the file, edited)" : "(file deleted)";
        plan.notes.push_back({path, d, step.theirs_label, step.ours_label});
        if (!was || !text) return o ? o : t;
        std::vector<Diagnostic> ignored;
        const std::string& base = files.text(*was);
        const FrontMatter front = read_front_matter(base, ignored);
        const std::string deleted = front.present ? base.substr(0, front.range.end) : "";
        const std::string& edited = files.text(o ? *o : *t);
        MergeResult merged =
            merge3_line_ends(with_line_feeds(base), with_line_feeds(o ? edited : deleted),
                             with_line_feeds(o ? deleted : edited), step);
        plan.has_conflict_markers |= merged.has_conflict_markers;
        return files.add(std::move(merged.text));
    }
    if (!was) {
        // Added on both sides: two texts with different ids are two texts,
        // which one path cannot hold.
        const std::string ours_id = front_matter_id(files.text(*o)),
                          theirs_id = front_matter_id(files.text(*t));
        if (!ours_id.empty() && !theirs_id.empty() && ours_id != theirs_id) {
            plan.refused.push_back(path + ": text " + ours_id + " stands there on " +
                                   step.ours_label + " and text " + theirs_id + " on " +
                                   step.theirs_label +
                                   ", two different texts at one path; move one of them to "
                                   "another path on its branch (git mv, then accord propose "
                                   "with both paths), then merge again");
            return o;
        }
    }
    MergeResult merged =
        merge3_line_ends(with_line_feeds(was ? files.text(*was) : std::string()),
                         with_line_feeds(files.text(*o)), with_line_feeds(files.text(*t)), step);
    plan.has_conflict_markers |= merged.has_conflict_markers;
    for (Disagreement& d : merged.disagreements)
        plan.notes.push_back({path, std::move(d), step.theirs_label, step.ours_label});
    return files.add(std::move(merged.text));
}

// A merge carries a redraft's texts, not its links or file modes: a branch
// that added, changed or removed a symbolic link, or made a file executable
// (or no longer), is refused, naming them, rather than merged without them.
void refuse_links_and_modes(const Repository& repo, const MergedBranch& b) {
    // Entries no work tree can hold ("..", ".git", a name twice) are no
    // texts to merge: refused, not left out of a merge reported done.
    if (const std::vector<std::string> unsafe = repo.unsafe_entries(b.tip); !unsafe.empty()) {
        std::string named;
        for (std::size_t k = 0; k < unsafe.size() && k < 5; ++k)
            named += (k ? ", '" : "'") + unsafe[k] + "'";
        if (unsafe.size() > 5) named += " and " + std::to_string(unsafe.size() - 5) + " more";
        throw usage_error("merge: '" + b.given + "' holds " + named +
                          ", which no work tree can hold (git fsck refuses such a tree); nothing "
                          "was merged. Ask whoever wrote the branch to record it again with "
                          "accord propose");
    }
    const auto before = repo.special_entries(b.base), after = repo.special_entries(b.tip);
    std::set<std::string> paths;
    for (const auto* entries : {&before, &after})
        for (const auto& [path, mode] : *entries) paths.insert(path);
    std::string named;
    std::size_t count = 0;
    for (const std::string& path : paths) {
        const auto was = before.find(path), now = after.find(path);
        const std::uint32_t old_mode = was == before.end() ? 0 : was->second,
                            new_mode = now == after.end() ? 0 : now->second;
        if (old_mode == new_mode) continue;
        const bool link = old_mode == 0120000 || new_mode == 0120000;
        const bool submodule = old_mode == 0160000 || new_mode == 0160000;
        if (++count <= 5)
            named += (named.empty() ? "" : ", ") + path +
                     (link        ? " (a symbolic link)"
                      : submodule ? " (a submodule)"
                                  : " (its executable bit)");
    }
    if (count == 0) return;
    if (count > 5) named += " and " + std::to_string(count - 5) + " more";
    throw usage_error(
        "merge: '" + b.given + "' changes " + named +
        "; accord merge carries the texts of a redraft, not links, submodules or file "
        "modes, "
        "and nothing was merged. Undo that change on the branch, or merge it with "
        "git merge");
}

void move_entry(Tree& tree, const std::string& from, const std::string& to) {
    auto node = tree.extract(from);
    if (node.empty()) return;
    node.key() = to;
    tree.insert(std::move(node));
}

// A text one side moved and the other kept at its old path: the base's and
// the other side's copies are taken to the new path, so that the text merges
// there as one (the move and the edit both kept), as git's merge follows a
// rename. Moved by both sides to two different paths, it is refused for a
// person to choose the path.
void follow_moves(Files& files, Tree& base, Tree& ours, Tree& theirs, const MergeOptions& step,
                  Fold& fold, BranchMergePlan& plan) {
    const ReadBlob read = [&files](const std::string& id) -> const std::string& {
        return files.text(id);
    };
    std::map<std::string, std::string> ours_to, theirs_to;
    for (const Rename& r : find_renames(base, ours, read)) ours_to[r.from] = r.to;
    for (const Rename& r : find_renames(base, theirs, read)) theirs_to[r.from] = r.to;
    const auto moved_by = [](const std::map<std::string, std::string>& moves,
                             const std::string& path) -> std::optional<std::string> {
        const auto it = moves.find(path);
        if (it == moves.end()) return std::nullopt;
        return it->second;
    };
    std::set<std::string> moved;  // old paths, moved by either side
    for (const auto* moves : {&ours_to, &theirs_to})
        for (const auto& [from, to] : *moves) moved.insert(from);
    for (const std::string& path : moved) {
        const std::optional<std::string> o = moved_by(ours_to, path), t = moved_by(theirs_to, path);
        if (o && t) {
            if (*o != *t) {
                // Ours is the fold so far ("main + redraft/a"): the branch
                // that moved the text is named, not the fold.
                const auto by = fold.brought_by.find(*o);
                const std::string& mover = by == fold.brought_by.end() ? fold.branch : by->second;
                plan.refused.push_back(path + ": moved to " + *o + " on " + mover + " and to " +
                                       *t + " on " + step.theirs_label +
                                       "; move it to one path on both (git mv), then merge again");
            } else {
                move_entry(base, path, *o);
            }
            continue;
        }
        const std::string& to = o ? *o : *t;
        Tree& kept_by = o ? theirs : ours;  // the side that left it where it was
        if (!kept_by.count(path)) {
            // Deleted there, moved here: kept (no one's wording is lost), and
            // said, as a text deleted on one side and edited on the other.
            Disagreement d;
            d.kind = DisagreementKind::edited_deleted;
            d.line = 1;
            d.ours = o ? "(the file, moved here from " + path + ")" : "(file deleted)";
            d.theirs = t ? "(the file, moved here from " + path + ")" : "(file deleted)";
            plan.notes.push_back({to, d, step.theirs_label, step.ours_label});
            continue;
        }
        if (kept_by.count(to)) continue;  // another text stands there on that side
        move_entry(kept_by, path, to);
        move_entry(base, path, to);
        // The branch that moved it, not the fold so far ("main + redraft/a"),
        // and each move said once, however many branches followed it.
        const auto by = fold.brought_by.find(to);
        const std::string mover = t                             ? step.theirs_label
                                  : by != fold.brought_by.end() ? by->second
                                                                : step.ours_label;
        if (t) fold.brought_by[to] = step.theirs_label;
        const std::string said = path + " -> " + to + " (on " + mover + ")";
        if (std::find(plan.followed_moves.begin(), plan.followed_moves.end(), said) ==
            plan.followed_moves.end())
            plan.followed_moves.push_back(said);
    }
}

// Folds branch `b` into the result so far, file by file since its merge base.
void fold_branch(const Repository& repo, Files& files, const MergeOptions& options,
                 const MergedBranch& b, Fold& fold, BranchMergePlan& plan) {
    refuse_links_and_modes(repo, b);
    Tree base_tree = repo.file_ids(b.base);
    Tree theirs = repo.file_ids(b.tip);
    MergeOptions step = options;
    step.ours_label = fold.ours_label;
    step.theirs_label = b.ref;
    follow_moves(files, base_tree, fold.ours, theirs, step, fold, plan);
    std::set<std::string> paths;
    for (const Tree* tree : std::array<const Tree*, 3>{&base_tree, &fold.ours, &theirs})
        for (const auto& [path, id] : *tree) paths.insert(path);
    for (const std::string& path : paths) {
        const auto was = entry(base_tree, path), o = entry(fold.ours, path),
                   t = entry(theirs, path);
        if (o == t || was == t) continue;  // same on both sides, or theirs unchanged
        const std::size_t earlier_notes = plan.notes.size();
        const std::optional<std::string> result =
            was == o ? t : merge_changed_file(files, step, path, was, o, t, plan);
        // The notes of earlier steps on this file: where their lines are now.
        if (o && result && *result != *o) {
            for (std::size_t i = 0; i < earlier_notes; ++i) {
                MergeNote& note = plan.notes[i];
                if (note.path != path) continue;
                note.disagreement.line =
                    map_line(files.text(*o), files.text(*result), note.disagreement.line);
            }
        }
        if (was == o && result) fold.brought_by[path] = b.ref;
        if (result) {
            fold.ours[path] = *result;
        } else {
            fold.ours.erase(path);
        }
    }
}

// The plan's files (the merged tree's changes to HEAD's) and its notes in
// the order of the files and their lines.
void list_changes(const Tree& head_tree, const Tree& merged, Files& files, BranchMergePlan& plan) {
    std::set<std::string> all;
    for (const Tree* tree : {&head_tree, &merged})
        for (const auto& [path, id] : *tree) all.insert(path);
    for (const std::string& path : all) {
        const auto before = entry(head_tree, path), after = entry(merged, path);
        if (before == after) continue;
        plan.files.emplace_back(
            path, after ? std::optional<std::string>(files.text(*after)) : std::nullopt);
    }
    std::stable_sort(plan.notes.begin(), plan.notes.end(), [](const auto& a, const auto& b) {
        return std::tie(a.path, a.disagreement.line) < std::tie(b.path, b.disagreement.line);
    });
}

}  // namespace

std::size_t map_line(std::string_view before, std::string_view after, std::size_t line) {
    const std::vector<std::string_view> a = lines_with_ends(before), b = lines_with_ends(after);
    if (line == 0) return 0;
    std::unordered_map<std::string_view, std::uint32_t> ids;
    auto intern = [&](const std::vector<std::string_view>& lines) {
        std::vector<std::uint32_t> out;
        for (const std::string_view l : lines)
            out.push_back(ids.emplace(l, static_cast<std::uint32_t>(ids.size())).first->second);
        return out;
    };
    const std::vector<std::uint32_t> ia = intern(a), ib = intern(b);
    const std::size_t target = line - 1;
    const std::size_t last = std::max<std::size_t>(b.size(), 1);
    if (target >= a.size()) return std::min(line + b.size() - std::min(b.size(), a.size()), last);
    std::size_t next_new = 0;  // lines of `after` before the current point
    for (const Edit& e : diff_sequences(ia, ib)) {
        switch (e.kind) {
            case EditKind::common:
                if (e.old_index == target) return e.new_index + 1;
                next_new = e.new_index + 1;
                break;
            case EditKind::removed:
                if (e.old_index == target) return std::min(next_new + 1, last);
                break;
            case EditKind::added:
                break;
        }
    }
    return std::min(next_new + 1, last);
}

BranchMergePlan plan_branch_merge(const Workspace& workspace, const BranchMergeRequest& request) {
    const Repository& repo = workspace.repo();
    if (request.branches.empty()) {
        throw usage_error("merge: name the branches to merge (accord merge informal-a informal-b)");
    }
    BranchMergePlan plan;
    plan.branch = repo.current_branch();
    const std::optional<std::string> head = repo.head();
    if (!head) {
        throw usage_error("merge: branch '" + plan.branch +
                          "' has no proposals yet; there is nothing to merge into");
    }
    plan.head = *head;

    MergeOptions options;
    options.parse = workspace.parse_options();
    options.strict = request.strict;
    Files files(repo);
    const Tree head_tree = repo.file_ids(plan.head);
    Fold fold{head_tree, {plan.head}, plan.branch, plan.branch, {}};
    for (const std::string& given : request.branches) {
        MergedBranch b = resolve_branch(repo, given);
        if (b.ref == plan.branch) {
            throw usage_error("merge: '" + given + "' is the current branch; switch to the " +
                              "branch to merge into first (git switch main)");
        }
        if (std::any_of(fold.merged.begin(), fold.merged.end(),
                        [&](const std::string& c) { return repo.is_ancestor(b.tip, c); })) {
            plan.already_merged.push_back(given);
            continue;
        }
        std::vector<std::string> bases = {b.tip};
        bases.insert(bases.end(), fold.merged.begin(), fold.merged.end());
        const std::optional<std::string> base = repo.merge_base(bases);
        if (!base) {
            throw usage_error("merge: '" + given + "' shares no history with branch '" +
                              plan.branch + "'");
        }
        b.base = *base;
        count_proposals(workspace, plan.head, b, plan.proposers);
        fold_branch(repo, files, options, b, fold, plan);
        fold.merged.push_back(b.tip);
        fold.ours_label += " + " + b.ref;
        plan.merged.push_back(std::move(b));
    }
    if (plan.merged.empty()) {
        throw usage_error("merge: nothing to merge: " + join(plan.already_merged) +
                          " already merged into '" + plan.branch + "'");
    }
    list_changes(head_tree, fold.ours, files, plan);
    return plan;
}

std::string merge_commit_message(const BranchMergePlan& plan, const std::string& message) {
    std::string subject = message;
    while (!subject.empty() && (subject.back() == '\n' || subject.back() == ' '))
        subject.pop_back();
    if (subject.empty()) {
        std::string names;
        for (const MergedBranch& b : plan.merged) names += (names.empty() ? "" : ", ") + b.redraft;
        subject = std::string(plan.merged.size() == 1 ? "Merge redraft " : "Merge redrafts ") +
                  names + " into " + plan.branch;
    }
    // The disagreements the merge kept in the text, as the merge listed
    // them: the history says how the redrafts were settled (a lift undone,
    // wordings set side by side), not only that they were merged.
    if (!plan.notes.empty()) {
        subject += "\n\nDisagreements kept in the text:\n";
        constexpr std::size_t kMostListed = 50;
        for (std::size_t k = 0; k < plan.notes.size() && k < kMostListed; ++k) {
            const MergeNote& note = plan.notes[k];
            subject += render_disagreement(note.path, note.disagreement, note.theirs,
                                           note.ours == plan.branch ? "" : note.ours);
        }
        if (plan.notes.size() > kMostListed)
            subject += "and " + std::to_string(plan.notes.size() - kMostListed) + " more\n";
    }
    ProposalMessage record;
    record.text = subject;
    record.proposers = plan.proposers;
    for (const MergedBranch& b : plan.merged) record.merged_redrafts.push_back(b.redraft);
    return format_proposal_message(record);
}

std::string record_branch_merge(Workspace& workspace, const BranchMergePlan& plan,
                                const RecordMergeRequest& request) {
    Repository& repo = workspace.repo();
    if (!plan.can_record()) {
        throw usage_error("merge: the merge has " +
                          std::string(plan.has_conflict_markers ? "conflicts" : "files") +
                          " that must be resolved by hand; nothing was merged");
    }
    std::vector<std::string> paths;
    for (const auto& [path, contents] : plan.files) paths.push_back(path);
    if (const std::vector<std::string> unclean = repo.unclean_paths(paths); !unclean.empty()) {
        std::string names;
        for (const std::string& p : unclean) names += (names.empty() ? "" : ", ") + p;
        throw usage_error("merge: uncommitted changes to " + names +
                          " would be overwritten by the merge; record them (accord propose) or "
                          "set them aside (git stash) first. Nothing was merged");
    }
    CommitRequest commit;
    commit.files = plan.files;
    commit.committer = repo.default_signature();
    commit.author = commit.committer;
    if (request.by) {
        const std::string name =
            workspace.config().resolve_delegation(*request.by).value_or(*request.by);
        commit.author.name = name;
        commit.author.email = delegation_email(name);
    }
    if (request.date) {
        const std::optional<std::int64_t> day = parse_iso_date(*request.date);
        if (!day)
            throw usage_error("merge: malformed date '" + *request.date +
                              "': write a real day as YYYY-MM-DD, for example 2014-02-25");
        if (!is_recordable_day(*day))
            throw usage_error("merge: cannot record the merge: " +
                              unrecordable_day_message(*request.date));
        if (const std::string future =
                future_day_message(*request.date, *day, repo.default_signature().time);
            !future.empty()) {
            throw usage_error("merge: cannot record the merge: " + future + "; nothing was merged");
        }
        // Noon UTC, as propose records a date: the same day in every time zone.
        commit.author.time = day_start_utc(*day) + 12 * 3600;
        commit.author.offset_minutes = 0;
        std::vector<std::string> tips = {plan.head};
        for (const MergedBranch& b : plan.merged) tips.push_back(b.tip);
        for (const std::string& tip : tips) {
            const Signature last = repo.commit(tip).author;
            const std::int64_t last_day = local_day(last.time, last.offset_minutes);
            if (last_day > *day)
                throw usage_error("merge: the merge cannot be dated " + *request.date +
                                  ", before the proposal it merges of " +
                                  format_iso_date(last_day) + " (" + tip.substr(0, 10) +
                                  "); nothing was merged");
        }
    }
    commit.message = merge_commit_message(plan, request.message);
    commit.parent = plan.head;
    for (const MergedBranch& b : plan.merged) commit.merged.push_back(b.tip);
    commit.write_worktree = true;
    commit.operation = "merge";
    commit.signer = request.signer;
    return repo.commit_files(commit);
}

}  // namespace accord
