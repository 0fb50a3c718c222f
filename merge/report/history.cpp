#include "merge/report/history.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/store/proposal_record.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "merge/diff/renames.hpp"
#include "merge/report/file_changes.hpp"
#include "merge/report/merged_changes.hpp"

namespace accord {

namespace {

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// The message without its trailer block.
std::string message_body(const std::string& message, const Trailers& all) {
    if (all.empty()) return trimmed(message);
    const std::size_t last_blank = trimmed(message).rfind("\n\n");
    return last_blank == std::string::npos ? "" : trimmed(message.substr(0, last_blank));
}

// One text a merge changed: its version at the merge's first parent and
// at each other parent (nullopt where a parent does not have it).
struct MergedVersions {
    std::optional<std::string> first_parent;
    std::optional<std::string> merged;
    // At the text's path, or at the path it had before where the merge
    // moved it and the parent did not.
    std::vector<std::optional<std::string>> other_parents;
    bool moved_by_a_branch = false;  // the merge moved it, as a branch had
};

bool same_change(const Change& a, const Change& b) {
    return a.kind == b.kind && a.text == b.text && a.before == b.before && a.after == b.after;
}

// Leaves out of a merge's `file` the changes a merged branch had made
// (against the first parent, as the merge's own are described), each once,
// and those the branches' changes together made (`BranchEvidence`):
// what is left is what the merge made of its own.
void leave_out_branch_changes(ChangeDescriber& describer, const MergedVersions& versions,
                              const ListedDisagreements& disagreements, FileChanges& file) {
    std::vector<Change> branches;
    for (const std::optional<std::string>& other : versions.other_parents) {
        if (other == versions.first_parent) continue;
        FileChanges made = describer.describe(file.path, versions.first_parent, other);
        if (made.status_before != made.status_after && made.status_after == file.status_after)
            file.status_from_merged = true;
        for (Change& c : made.changes) branches.push_back(std::move(c));
    }
    std::erase_if(file.changes, [&](const Change& c) {
        const auto found = std::find_if(branches.begin(), branches.end(),
                                        [&](const Change& b) { return same_change(b, c); });
        if (found == branches.end()) return false;
        branches.erase(found);
        ++file.from_merged;
        return true;
    });
    if (versions.moved_by_a_branch) ++file.from_merged;  // the move itself
    if (file.changes.empty() || file.too_large > 0 || file.binary || !disagreements.complete)
        return;
    const auto listed = disagreements.lines.find(file.path);
    const std::vector<std::size_t> no_lines;
    const std::vector<std::size_t>& lines =
        listed == disagreements.lines.end() ? no_lines : listed->second;
    const Document first_parent = describer.document(file.path, versions.first_parent);
    const Document merged = describer.document(file.path, versions.merged);
    std::vector<Document> branch_texts;
    for (const std::optional<std::string>& other : versions.other_parents)
        if (other && other != versions.first_parent)
            branch_texts.push_back(describer.document(file.path, other));
    const BranchEvidence evidence(first_parent, merged, branch_texts, lines);
    std::erase_if(file.changes, [&](const Change& c) {
        if (!evidence.brought(c)) return false;
        ++file.from_merged;
        return true;
    });
}

// Describes the changes of the walk's entries on worker threads while the
// walk goes on, and hands the entries back in the walk's order as soon as
// each is whole. Each worker has its own repository handle and parsed
// versions, and a file always goes to the same worker: its newer version,
// parsed for one change, is the older version of its next.
class ParallelDescriber {
  public:
    using Emit = std::function<bool(LogEntry&& entry)>;

    // The workers start with the first change the cache does not know.
    ParallelDescriber(const Workspace& ws, std::size_t workers, std::function<bool()> abandoned)
        : ws_(ws), worker_count_(workers), remembered_(ws), abandoned_(std::move(abandoned)) {}

    ~ParallelDescriber() {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        work_ready_.notify_all();
        for (auto& worker : workers_) worker->thread.join();
    }

    ParallelDescriber(const ParallelDescriber&) = delete;
    ParallelDescriber& operator=(const ParallelDescriber&) = delete;

    // Queues `entry` with the changes to describe into its files, then emits
    // the entries at the front that are whole. Returns false once `emit` did.
    bool add(LogEntry&& entry, const std::vector<Repository::FileChange>& changes,
             const Emit& emit) {
        auto slot = std::make_shared<Slot>();
        slot->entry = std::move(entry);
        slot->entry.files.resize(changes.size());
        slot->remaining = changes.size();
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            slots_.push_back(slot);
        }
        for (std::size_t k = 0; k < changes.size(); ++k) {
            const Repository::FileChange& change = changes[k];
            // What the cache knows is read here, without a trip to a worker.
            if (std::optional<FileChanges> known =
                    remembered_.remembered(change.path, change.old_blob, change.new_blob)) {
                const std::lock_guard<std::mutex> lock(mutex_);
                slot->entry.files[k] = std::move(*known);
                --slot->remaining;
                continue;
            }
            start_workers();
            const std::lock_guard<std::mutex> lock(mutex_);
            const std::size_t w = std::hash<std::string>()(change.path) % workers_.size();
            workers_[w]->jobs.push_back({slot, k, change});
        }
        work_ready_.notify_all();
        // A window of entries in flight: enough to keep the workers busy,
        // few enough that memory does not grow with the history.
        return flush(emit, slots_.size() > kWindow ? slots_.size() - kWindow : 0);
    }

    // Emits every entry still queued, waiting for their descriptions.
    bool finish(const Emit& emit) { return flush(emit, std::numeric_limits<std::size_t>::max()); }

  private:
    static constexpr std::size_t kWindow = 256;

    struct Slot {
        LogEntry entry;
        std::size_t remaining = 0;
        std::exception_ptr error;
    };
    struct Job {
        std::shared_ptr<Slot> slot;
        std::size_t file;
        Repository::FileChange change;
    };
    struct Worker {
        std::unique_ptr<Repository> repository;
        std::unique_ptr<ChangeDescriber> describer;
        std::deque<Job> jobs;
        std::thread thread;
    };

    void start_workers() {
        if (!workers_.empty()) return;
        for (std::size_t k = 0; k < worker_count_; ++k) {
            auto worker = std::make_unique<Worker>();
            worker->repository =
                std::make_unique<Repository>(Repository::open(ws_.repo().git_dir()));
            worker->describer = std::make_unique<ChangeDescriber>(ws_, worker->repository.get());
            workers_.push_back(std::move(worker));
        }
        for (auto& worker : workers_)
            worker->thread = std::thread([this, w = worker.get()] { run(*w); });
    }

    void run(Worker& worker) {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            work_ready_.wait(lock, [&] { return stopping_ || !worker.jobs.empty(); });
            if (stopping_) return;
            Job job = std::move(worker.jobs.front());
            worker.jobs.pop_front();
            lock.unlock();
            FileChanges described;
            std::exception_ptr error;
            try {
                // The walking thread asked the cache already.
                described = worker.describer->compute(job.change.path, job.change.old_blob,
                                                      job.change.new_blob);
            } catch (...) {
                error = std::current_exception();
            }
            lock.lock();
            job.slot->entry.files[job.file] = std::move(described);
            if (error && !job.slot->error) job.slot->error = error;
            if (--job.slot->remaining == 0) entry_done_.notify_all();
        }
    }

    // Emits the whole entries at the front, waiting for the first `wait_for`
    // entries (all of them, for the maximum) to be whole. False once `emit`
    // returned false or the log was abandoned.
    bool flush(const Emit& emit, std::size_t wait_for) {
        if (abandoned_now()) return false;
        for (;;) {
            std::shared_ptr<Slot> front;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                if (slots_.empty()) return true;
                if (wait_for > 0) {
                    const auto whole = [&] { return slots_.front()->remaining == 0; };
                    if (!abandoned_) {
                        entry_done_.wait(lock, whole);
                    } else {
                        while (!entry_done_.wait_for(lock, kAskEvery, whole)) {
                            lock.unlock();
                            if (abandoned_now(true)) return false;
                            lock.lock();
                        }
                    }
                } else if (slots_.front()->remaining != 0) {
                    return true;
                }
                front = std::move(slots_.front());
                slots_.pop_front();
            }
            if (wait_for > 0 && wait_for != std::numeric_limits<std::size_t>::max()) --wait_for;
            if (front->error) std::rethrow_exception(front->error);
            if (!emit(std::move(front->entry)) || abandoned_now()) return false;
        }
    }

    // abandoned_, asked once per kAskEveryEntries entries queued or emitted,
    // and every kAskEvery while waiting for one.
    bool abandoned_now(bool waiting = false) {
        if (!abandoned_) return false;
        if (!waiting && ++entries_since_asked_ < kAskEveryEntries) return false;
        entries_since_asked_ = 0;
        return abandoned_();
    }

    static constexpr std::chrono::milliseconds kAskEvery{20};
    static constexpr std::size_t kAskEveryEntries = 16;

    const Workspace& ws_;
    std::size_t worker_count_;
    ChangeDescriber remembered_;  // only its remembered(): reads the cache
    std::function<bool()> abandoned_;
    std::size_t entries_since_asked_ = 0;
    std::vector<std::unique_ptr<Worker>> workers_;
    std::deque<std::shared_ptr<Slot>> slots_;
    std::mutex mutex_;
    std::condition_variable work_ready_, entry_done_;
    bool stopping_ = false;
};

}  // namespace

Proposal read_proposal(const CommitInfo& commit, const Config& config) {
    Proposal p;
    p.commit = commit.id;
    p.parents = commit.parents;
    const Trailers all = trailers(commit.message);
    // A name written twice ("Japan" and its alias "JP") is one proposer
    // (a set, not a search of the list: a hostile commit may carry a
    // hundred thousand trailers).
    std::unordered_set<std::string> seen;
    for (std::string name : trailer_values(all, kProposedByTrailer)) {
        std::string proposer = config.resolve_delegation(name).value_or(name);
        if (seen.insert(proposer).second) p.proposers.push_back(std::move(proposer));
    }
    // No Proposed-by: a merge is a plain one (is_plain_merge), any other
    // commit its author's.
    if (p.proposers.empty() && commit.parents.size() > 1) {
        p.proposers.emplace_back(kPlainMergeProposer);
    } else if (p.proposers.empty()) {
        p.proposers.push_back(
            config.resolve_delegation(commit.author.name).value_or(commit.author.name));
    }
    p.date = format_iso_timestamp(commit.author.time, commit.author.offset_minutes);
    p.day = std::string(date_of_timestamp(p.date));
    const auto first = [&](std::string_view key) {
        const auto values = trailer_values(all, key);
        return values.empty() ? std::string() : values.front();
    };
    p.meeting = first(kMeetingTrailer);
    p.on_behalf_of = first(kOnBehalfOfTrailer);
    p.source = first(kSourceTrailer);
    p.message = message_body(commit.message, all);
    p.subject = p.message.substr(0, p.message.find('\n'));
    p.recorded_by = commit.committer.name;
    if (commit.parents.size() > 1)
        p.merged_by = config.resolve_delegation(commit.author.name).value_or(commit.author.name);
    p.merges_redrafts = !trailer_values(all, kMergedRedraftTrailer).empty();
    if (const std::string errors = first(kNotationErrorsTrailer);
        !errors.empty() && errors.find_first_not_of("0123456789") == std::string::npos &&
        errors.size() < 10)
        p.notation_errors = std::stoul(errors);
    return p;
}

Proposal credited_for_own_wording(Proposal proposal) {
    if (proposal.merges_redrafts && proposal.parents.size() > 1 && !proposal.merged_by.empty())
        proposal.proposers = {proposal.merged_by};
    return proposal;
}

std::optional<std::string> revision_not_text(const Workspace& ws, const std::string& path) {
    if (!ws.repo().history(ws.repo().resolve("HEAD"), {path}).empty()) return std::nullopt;
    try {
        if (ws.resolve(path).empty()) return std::nullopt;
    } catch (const Error&) {
        return std::nullopt;
    }
    return "'" + path +
           "' is a revision, not a text: name the text and give the revision with --at (TEXT "
           "--at " +
           path + "); 'accord log' lists what each proposal changed";
}

std::string why_no_text(const Workspace& ws, const std::string& path, const std::string& commit,
                        const std::string& at) {
    const std::vector<std::string> links = ws.skipped_links(commit);
    if (std::find(links.begin(), links.end(), path) != links.end()) {
        return path +
               " is a symbolic link in this repository, not a text: accord never reads a "
               "link (it may point anywhere)";
    }
    // Something else stands at the path: a directory, or a submodule (a
    // commit of another repository); history would find its commits and
    // send the user to a revision where it is no text either.
    switch (ws.repo().entry_kind_at(commit, path)) {
        case Repository::EntryKind::directory:
            return "'" + path + "' is a directory at " + at + ", not a text (name the texts in it)";
        case Repository::EntryKind::other:
            return "'" + path + "' is not a text at " + at +
                   " (a submodule: a commit of another repository); accord reads only texts "
                   "tracked as files";
        case Repository::EntryKind::absent:
        case Repository::EntryKind::file:
        case Repository::EntryKind::link:
            break;
    }
    // Deleted before that revision: by whom, and when it last stood.
    const std::vector<CommitInfo> before = ws.repo().history(commit, {path});
    if (!before.empty()) {
        const Proposal deletion = read_proposal(before.front(), ws.config());
        std::string message = "'" + path + "' did not stand at " + at + ": " +
                              join_names(deletion.proposers) + " deleted it on " + deletion.day +
                              " (" + deletion.commit.substr(0, 10) + ")";
        if (!deletion.parents.empty()) {
            const std::string last = deletion.parents.front().substr(0, 10);
            message += "; it last stood at " + last + " (try --at " + last + ")";
        }
        return message;
    }
    // Its first proposal under any name it had (a text moved since was
    // proposed first at its old path).
    const std::string head = ws.repo().resolve("HEAD");
    const FollowedMoves followed = follow_moves(ws, head, {path});
    const std::vector<CommitInfo> history = ws.repo().history(
        head, followed.paths.empty() ? std::vector<std::string>{path} : followed.paths);
    if (history.empty()) {
        if (std::optional<std::string> why = revision_not_text(ws, path)) return *why;
        return "'" + path + "' has never been proposed in this repository";
    }
    const Proposal first = read_proposal(history.back(), ws.config());
    return "'" + path + "' did not exist at " + at + "; its first proposal is dated " + first.day +
           " (try --at " + first.day + ")";
}

FollowedMoves follow_moves(const Workspace& ws, const std::string& from,
                           const std::vector<std::string>& paths) {
    FollowedMoves followed{paths, {}, {}};
    RenameBlobs read(ws.repo());
    // A walk back from `from` along `paths`, until each was created. The
    // first walks the names given from the tip; each move found starts
    // one from the moving commit along the old path, so a text moved many
    // times costs one walk of its history, not one per move.
    struct Item {
        std::string from;
        std::vector<std::string> paths;
        bool earlier;  // paths the text had before: their commits are recorded
    };
    std::deque<Item> items;
    Item first{from, {}, false};
    for (const std::string& path : paths)
        if (is_text_path(path)) first.paths.push_back(path);
    if (!first.paths.empty()) items.push_back(std::move(first));
    std::set<std::pair<std::string, std::string>> queued;  // (commit, old path)
    // A merge that brought edits made on another line to the text still at
    // its old name there (a site edited it while another moved it, and git's
    // merge followed the rename): that line's proposals are the text's too,
    // followed along the old name from the other parent.
    const auto follow_into_other_parents = [&](const CommitInfo& merge, const std::string& path,
                                               const std::string& blob) {
        for (std::size_t p = 1; p < merge.parents.size(); ++p) {
            const std::string& other = merge.parents[p];
            if (ws.repo().blob_id_at(other, path)) continue;  // the text stood there by this name
            TreeFiles left;
            for (const auto& entry : ws.repo().changed_entries(other, merge.id)) {
                if (entry.old_file && !entry.new_file && is_text_path(entry.path))
                    left.emplace(entry.path, *entry.old_file);
            }
            const std::vector<Rename> renames = find_renames(left, {{path, blob}}, std::ref(read));
            if (renames.empty()) continue;
            const std::string& old_path = renames.front().from;
            if (std::find(followed.paths.begin(), followed.paths.end(), old_path) ==
                followed.paths.end())
                followed.paths.push_back(old_path);
            if (queued.insert({other, old_path}).second) items.push_back({other, {old_path}, true});
        }
    };
    while (!items.empty()) {
        const Item item = std::move(items.front());
        items.pop_front();
        std::set<std::string> open(item.paths.begin(), item.paths.end());  // not yet created
        Repository::WalkOptions walk;
        walk.from = item.from;
        walk.walk = Walk::full;
        walk.paths = item.paths;
        walk.info_without_changes = false;
        ws.repo().walk_history(walk, [&](Repository::WalkStep& step) {
            for (const Repository::FileChange& change : step.changes) {
                if (!open.count(change.path)) continue;
                if (item.earlier) followed.earlier_commits[change.path].insert(step.commit.id);
                if (change.new_blob && step.commit.parents.size() > 1)
                    follow_into_other_parents(step.commit, change.path, *change.new_blob);
                if (change.old_blob || !change.new_blob) continue;
                // Appeared here (relative to the first parent: at a merge,
                // perhaps only brought from the other side).
                const bool created = step.commit.parents.size() <= 1;
                if (!step.commit.parents.empty()) {
                    // Did a text that leaves here bring its wording?
                    TreeFiles left;
                    for (const auto& entry :
                         ws.repo().changed_entries(step.commit.parents.front(), step.commit.id)) {
                        if (entry.old_file && !entry.new_file && is_text_path(entry.path))
                            left.emplace(entry.path, *entry.old_file);
                    }
                    const std::vector<Rename> renames =
                        find_renames(left, {{change.path, *change.new_blob}}, std::ref(read));
                    if (!renames.empty()) {
                        const std::string& old_path = renames.front().from;
                        followed.moves[step.commit.id][change.path] = old_path;
                        if (std::find(followed.paths.begin(), followed.paths.end(), old_path) ==
                            followed.paths.end())
                            followed.paths.push_back(old_path);
                        if (queued.insert({step.commit.id, old_path}).second)
                            items.push_back({step.commit.id, {old_path}, true});
                    }
                }
                if (created) open.erase(change.path);
            }
            return !open.empty();
        });
    }
    return followed;
}

std::optional<std::string> path_of_text_at(const Workspace& ws, const std::string& path,
                                           const std::string& commit) {
    if (ws.repo().blob_id_at(commit, path)) return path;
    if (ws.repo().is_empty_branch()) return std::nullopt;
    const FollowedMoves followed = follow_moves(ws, ws.repo().resolve("HEAD"), {path});
    for (std::size_t k = 1; k < followed.paths.size(); ++k) {
        const std::string& old_path = followed.paths[k];
        if (!ws.repo().blob_id_at(commit, old_path)) continue;
        // What stood there then was the text if the commit that last
        // changed that path was one of the text's own.
        const std::vector<CommitInfo> last = ws.repo().history(commit, {old_path});
        const auto earlier = followed.earlier_commits.find(old_path);
        if (!last.empty() && earlier != followed.earlier_commits.end() &&
            earlier->second.count(last.front().id))
            return old_path;
    }
    return std::nullopt;
}

void follow_moved_paths(const Workspace& ws, RevisionDiffRequest& request) {
    const auto follow = [&](const std::string& commit, std::map<std::string, std::string>& moved) {
        for (const std::string& path : request.paths) {
            if (!is_text_path(path) || ws.repo().blob_id_at(commit, path)) continue;
            if (const auto then = path_of_text_at(ws, path, commit); then && *then != path)
                moved[path] = *then;
        }
    };
    follow(request.old_commit, request.old_paths);
    if (!request.new_commit.empty()) follow(request.new_commit, request.new_paths);
}

namespace {

// A move found by follow_moves as one change of the moved text: from the old
// path's blob to the new path's, under the new path.
void join_moves(std::vector<Repository::FileChange>& changes,
                const std::map<std::string, std::string>& moves) {
    for (const auto& [to, from] : moves) {
        const auto at = [&](const std::string& path) {
            return std::find_if(changes.begin(), changes.end(),
                                [&](const Repository::FileChange& c) { return c.path == path; });
        };
        const auto old_change = at(from);
        if (old_change == changes.end() || at(to) == changes.end()) continue;
        const std::optional<std::string> old_blob = old_change->old_blob;
        changes.erase(old_change);
        at(to)->old_blob = old_blob;
    }
}

// The moves among one proposal's changes: a text it deleted and one it
// made that share half their words (merge/diff/renames), new path -> old.
// A log of the whole negotiation or of a directory then tells a moved
// text as moved, not as one text deleted and another added.
std::map<std::string, std::string> moves_among(const Workspace& ws,
                                               const std::vector<Repository::FileChange>& changes) {
    TreeFiles left, made;
    for (const Repository::FileChange& change : changes) {
        if (!is_text_path(change.path)) continue;
        if (change.old_blob && !change.new_blob) left.emplace(change.path, *change.old_blob);
        if (!change.old_blob && change.new_blob) made.emplace(change.path, *change.new_blob);
    }
    std::map<std::string, std::string> out;
    if (left.empty() || made.empty()) return out;
    RenameBlobs read(ws.repo());
    for (Rename& rename : find_renames(left, made, std::ref(read)))
        out.emplace(std::move(rename.to), std::move(rename.from));
    return out;
}

// The moves across the edge of the paths a log names, found in the whole
// commit: a text among the step's changes deleted while a text sharing half
// its words was made outside them (away: old path -> new path), or made
// while one was deleted outside them (into: new path -> old path). The
// change is made to read as from the old text to the moved one, so that the
// entry tells what the move changed.
struct MovesAcross {
    std::map<std::string, std::string> away, into;
};
MovesAcross moves_across(const Workspace& ws, Repository::WalkStep& step) {
    MovesAcross out;
    TreeFiles left, made;  // in the step's changes
    for (const Repository::FileChange& change : step.changes) {
        if (!is_text_path(change.path)) continue;
        if (change.old_blob && !change.new_blob) left.emplace(change.path, *change.old_blob);
        if (!change.old_blob && change.new_blob) made.emplace(change.path, *change.new_blob);
    }
    if ((left.empty() && made.empty()) || step.commit.parents.empty()) return out;
    TreeFiles left_outside, made_outside;
    for (const auto& entry :
         ws.repo().changed_entries(step.commit.parents.front(), step.commit.id)) {
        if (!is_text_path(entry.path) || left.count(entry.path) || made.count(entry.path)) continue;
        if (!entry.old_file && entry.new_file) made_outside.emplace(entry.path, *entry.new_file);
        if (entry.old_file && !entry.new_file) left_outside.emplace(entry.path, *entry.old_file);
    }
    RenameBlobs read(ws.repo());
    const auto change_at = [&](const std::string& path) {
        return std::find_if(step.changes.begin(), step.changes.end(),
                            [&](const Repository::FileChange& c) { return c.path == path; });
    };
    if (!left.empty() && !made_outside.empty()) {
        for (Rename& rename : find_renames(left, made_outside, std::ref(read))) {
            change_at(rename.from)->new_blob = made_outside.at(rename.to);
            out.away.emplace(std::move(rename.from), std::move(rename.to));
        }
    }
    if (!made.empty() && !left_outside.empty()) {
        for (Rename& rename : find_renames(left_outside, made, std::ref(read))) {
            change_at(rename.to)->old_blob = left_outside.at(rename.from);
            out.into.emplace(std::move(rename.to), std::move(rename.from));
        }
    }
    return out;
}

}  // namespace

void stream_proposal_log(const Workspace& ws, const LogOptions& options,
                         const std::function<bool(LogEntry&& entry)>& emit) {
    if (ws.repo().is_empty_branch()) return;
    for (const auto* d : {&options.since, &options.until}) {
        if (*d && !parse_iso_date(**d))
            throw usage_error("'" + **d + "' is not a date: write YYYY-MM-DD");
    }
    std::set<std::string> wanted;
    for (const std::string& name : options.by) {
        const auto resolved = ws.config().resolve_delegation(name);
        if (!resolved && ws.has_config()) {
            std::string hint;
            for (const std::string& s : ws.config().suggest(name))
                hint += (hint.empty() ? "" : ", ") + s;
            throw usage_error("unknown delegation '" + name + "'" +
                              (hint.empty() ? "" : "; did you mean " + hint + "?"));
        }
        wanted.insert(resolved.value_or(name));
    }

    // Two workers: describing (parsing both versions, the structural diff)
    // is most of a first run's work; the walk and the printing keep this thread.
    ParallelDescriber describer(ws, std::clamp(std::thread::hardware_concurrency(), 1U, 2U),
                                options.abandoned);
    bool stopped = false;
    Repository::WalkOptions walk;
    walk.from = ws.repo().resolve(options.from);
    walk.walk = Walk::full;
    const FollowedMoves followed =
        options.paths.empty() ? FollowedMoves{} : follow_moves(ws, walk.from, options.paths);
    walk.paths = options.paths.empty() ? options.paths : followed.paths;
    walk.keep = [](std::string_view path) { return is_text_path_noted(path); };
    // Moves found within one proposal's changes (moves_among): commit -> new -> old path;
    // across the edge of the paths the log names (moves_across): into them with
    // the first, away from them in moved_away: commit -> old -> new path.
    std::map<std::string, std::map<std::string, std::string>> moved_here, moved_away;
    // A merge's other parents' versions of each text it changed, by commit
    // and path: the merge's entry lists only what it made of its own.
    std::map<std::string, std::map<std::string, MergedVersions>> merged_versions;
    std::optional<ChangeDescriber> branch_describer;  // for the branches' changes, made once needed
    // Each moved text's entry says where it came from.
    const std::function<bool(LogEntry && entry)> emit_moves = [&](LogEntry&& entry) {
        if (const auto merged = merged_versions.find(entry.proposal.commit);
            merged != merged_versions.end()) {
            if (!branch_describer) branch_describer.emplace(ws);
            const ListedDisagreements disagreements = listed_disagreements(entry.proposal.message);
            for (FileChanges& file : entry.files) {
                if (const auto versions = merged->second.find(file.path);
                    versions != merged->second.end())
                    leave_out_branch_changes(*branch_describer, versions->second, disagreements,
                                             file);
            }
            merged_versions.erase(merged);
        }
        auto it = followed.moves.find(entry.proposal.commit);
        if (it == followed.moves.end()) {
            it = moved_here.find(entry.proposal.commit);
            if (it == moved_here.end()) it = followed.moves.end();
        }
        if (it != followed.moves.end()) {
            for (FileChanges& file : entry.files) {
                if (const auto move = it->second.find(file.path); move != it->second.end()) {
                    file.moved_from = move->second;
                    file.added = false;
                }
            }
        }
        if (const auto away = moved_away.find(entry.proposal.commit); away != moved_away.end()) {
            for (FileChanges& file : entry.files) {
                if (const auto move = away->second.find(file.path); move != away->second.end()) {
                    file.moved_to = move->second;
                    file.deleted = false;
                }
            }
        }
        return emit(std::move(entry));
    };
    ws.repo().walk_history(walk, [&](Repository::WalkStep& step) {
        // The merge `git pull` makes is no proposal: both sides' are listed.
        if (is_plain_merge(step.commit.parents.size(), step.commit.message)) return true;
        // A path the text had before counts only while it was the text's:
        // another text later written at that name is not its history.
        if (!followed.earlier_commits.empty()) {
            std::erase_if(step.changes, [&](const Repository::FileChange& c) {
                const auto earlier = followed.earlier_commits.find(c.path);
                return earlier != followed.earlier_commits.end() &&
                       std::find(options.paths.begin(), options.paths.end(), c.path) ==
                           options.paths.end() &&
                       !earlier->second.count(step.commit.id);
            });
            if (step.changes.empty()) return true;
        }
        if (const auto it = followed.moves.find(step.commit.id); it != followed.moves.end()) {
            join_moves(step.changes, it->second);
        } else if (std::map<std::string, std::string> moves = moves_among(ws, step.changes);
                   !moves.empty()) {
            join_moves(step.changes, moves);
            moved_here[step.commit.id] = std::move(moves);
        }
        if (!options.paths.empty()) {
            // A text the log names left here for a path it does not name, or
            // came from one.
            MovesAcross across = moves_across(ws, step);
            if (!across.away.empty()) moved_away[step.commit.id] = std::move(across.away);
            if (!across.into.empty()) moved_here[step.commit.id].merge(across.into);
        }
        LogEntry entry;
        entry.proposal = read_proposal(step.commit, ws.config());
        const Proposal& p = entry.proposal;
        if (options.since && p.day < *options.since) return true;
        if (options.until && p.day > *options.until) return true;
        if (!wanted.empty() && wanted.count(p.merged_by) == 0 &&
            std::none_of(p.proposers.begin(), p.proposers.end(),
                         [&](const std::string& n) { return wanted.count(n) > 0; })) {
            return true;
        }
        if (step.commit.parents.size() > 1) {
            // Whether the merge moved the text at `path` (against its first parent).
            const auto merge_moved = [&](const std::string& path) {
                using Moves = std::map<std::string, std::map<std::string, std::string>>;
                for (const Moves* moves :
                     {&followed.moves, static_cast<const Moves*>(&moved_here)}) {
                    const auto here = moves->find(step.commit.id);
                    if (here != moves->end() && here->second.count(path) > 0) return true;
                }
                return false;
            };
            for (std::size_t k = 1; k < step.commit.parents.size(); ++k) {
                const std::string& parent = step.commit.parents[k];
                // The texts the merge has at another path than this parent
                // (moved on either line): new path -> the parent's. Read
                // only when the parent lacks a text at the merge's path.
                std::optional<std::map<std::string, std::string>> moved;
                for (const Repository::FileChange& change : step.changes) {
                    MergedVersions& versions = merged_versions[step.commit.id][change.path];
                    versions.first_parent = change.old_blob;
                    versions.merged = change.new_blob;
                    std::optional<std::string> blob = ws.repo().blob_id_at(parent, change.path);
                    if (blob) {
                        // The merge moved it as this parent had: the move is the branch's.
                        versions.moved_by_a_branch =
                            versions.moved_by_a_branch || merge_moved(change.path);
                    } else {
                        if (!moved) {
                            std::vector<Repository::FileChange> against_parent;
                            for (Repository::EntryChange& e :
                                 ws.repo().changed_entries(parent, step.commit.id))
                                against_parent.push_back(
                                    {e.path, std::move(e.old_file), std::move(e.new_file)});
                            moved = moves_among(ws, against_parent);
                        }
                        if (const auto m = moved->find(change.path); m != moved->end())
                            blob = ws.repo().blob_id_at(parent, m->second);
                    }
                    versions.other_parents.push_back(std::move(blob));
                }
            }
        }
        stopped = !describer.add(std::move(entry), step.changes, emit_moves);
        return !stopped;
    });
    if (!stopped) describer.finish(emit_moves);
}

std::vector<LogEntry> proposal_log(const Workspace& ws, const LogOptions& options) {
    std::vector<LogEntry> entries;
    stream_proposal_log(ws, options, [&](LogEntry&& entry) {
        entries.push_back(std::move(entry));
        return true;
    });
    return entries;
}

std::vector<std::string> paths_that_never_were(const Workspace& workspace,
                                               const LogOptions& options) {
    if (options.paths.empty() || options.since || options.until || !options.by.empty()) return {};
    for (const std::string& path : options.paths) {
        std::error_code ec;  // lstat: a link there is there
        if (std::filesystem::exists(
                std::filesystem::symlink_status(workspace.repo().workdir() + path, ec)))
            return {};
    }
    return options.paths;
}

std::optional<std::string> link_on_the_way(const Workspace& workspace, const LogOptions& options) {
    for (const std::string& path : options.paths) {
        // The first directory on the way that is_link_within finds a link.
        for (std::size_t slash = path.find('/'); slash != std::string::npos;
             slash = path.find('/', slash + 1)) {
            if (is_link_within(workspace.repo().workdir(), path.substr(0, slash)))
                return path.substr(0, slash);
        }
    }
    return std::nullopt;
}

}  // namespace accord
