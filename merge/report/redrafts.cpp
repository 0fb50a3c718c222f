#include "merge/report/redrafts.hpp"

#include <algorithm>

#include "core/util/errors.hpp"
#include "merge/report/history.hpp"

namespace accord {

namespace {

// The commit `branch` points at, if it is a local branch.
std::optional<std::string> branch_tip(const Repository& repo, const std::string& branch) {
    if (branch.empty() || !repo.branch_exists(branch)) return std::nullopt;
    return repo.resolve("refs/heads/" + branch);
}

}  // namespace

std::vector<RedraftSummary> list_redrafts(const Workspace& workspace) {
    const Repository& repo = workspace.repo();
    std::string current;
    try {
        current = repo.current_branch();
    } catch (const Error&) {  // HEAD detached: compare with nothing
    }
    // The local redraft branches, then those a remote has that this clone
    // has no branch for yet ("origin/redraft/h", fetched by git pull).
    std::vector<std::pair<std::string, std::string>> listed;  // branch, its reference
    std::vector<std::string> local = repo.branches(kRedraftBranchPrefix);
    for (const std::string& branch : local) listed.emplace_back(branch, "refs/heads/" + branch);
    for (const std::string& remote : repo.remote_branches(kRedraftBranchPrefix)) {
        const std::string local_name = remote.substr(remote.find('/') + 1);
        if (std::find(local.begin(), local.end(), local_name) != local.end()) continue;
        listed.emplace_back(remote, "refs/remotes/" + remote);
    }
    std::vector<RedraftSummary> out;
    for (const auto& [branch, reference] : listed) {
        RedraftSummary s;
        s.branch = branch;
        const std::string local_name =
            reference.starts_with("refs/remotes/") ? branch.substr(branch.find('/') + 1) : branch;
        s.name = redraft_name_of_branch(local_name).value_or(local_name);
        s.remote = reference.starts_with("refs/remotes/");
        s.tip = repo.resolve(reference);
        const std::string record_path = redraft_record_path(s.name);
        if (const auto text = repo.read_file_at(s.tip, record_path)) {
            try {
                s.record = parse_redraft_record(*text, branch + ":" + record_path);
                s.has_record = true;
            } catch (const Error& e) {
                s.warnings.push_back(e.what());
            }
        }
        // The branch it came from: as recorded, else the current one.
        const std::string from =
            s.has_record && repo.branch_exists(s.record.from) ? s.record.from : current;
        const std::optional<std::string> from_tip =
            from == branch ? std::nullopt : branch_tip(repo, from);
        s.merged = from_tip && repo.is_ancestor(s.tip, *from_tip);

        std::vector<std::string> hide;
        bool fork_known = false;
        if (s.has_record && s.record.fork.size() == 40) {
            try {
                s.fork = repo.resolve(s.record.fork);
                fork_known = true;
            } catch (const Error&) {  // a fork commit this clone lacks
            }
        }
        if (!fork_known && from_tip) s.fork = repo.merge_base({s.tip, *from_tip}).value_or("");
        if (!s.fork.empty()) hide.push_back(s.fork);
        // Before the merge, what the origin branch has is not the group's
        // work (it may have been merged into the redraft); after it,
        // everything is there and the fork alone bounds the group's work.
        if (from_tip && !s.merged) hide.push_back(*from_tip);

        std::int64_t latest = 0;
        const std::vector<CommitInfo> commits = repo.commits_between(s.tip, hide);
        for (auto it = commits.rbegin(); it != commits.rend(); ++it) {  // oldest first
            const CommitInfo& commit = *it;
            if (commit.parents.size() > 1 || is_redraft_start(commit.message)) continue;
            const Proposal p = read_proposal(commit, workspace.config());
            ++s.proposals;
            for (const std::string& name : p.proposers) {
                if (std::find(s.proposers.begin(), s.proposers.end(), name) == s.proposers.end())
                    s.proposers.push_back(name);
            }
            if (s.last_proposal.empty() || commit.author.time > latest) {
                latest = commit.author.time;
                s.last_proposal = p.date;
                s.last_day = p.day;
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::string redrafts_json(const std::vector<RedraftSummary>& redrafts) {
    JsonWriter json = JsonWriter::with_schema("accord.redrafts/1");
    json.key("redrafts").begin_array();
    for (const RedraftSummary& s : redrafts) {
        json.begin_object()
            .field("name", s.name)
            .field("branch", s.branch)
            .field("remote", s.remote)
            .field("tip", s.tip)
            .field("from", s.record.from)
            .field("fork", s.fork)
            .field("started", s.record.started)
            .field("started_by", s.record.started_by);
        json.key("members").begin_array();
        for (const std::string& m : s.record.members) json.value(m);
        json.end_array().key("paths").begin_array();
        for (const std::string& p : s.record.paths) json.value(p);
        json.end_array().field("proposals", static_cast<std::uint64_t>(s.proposals));
        json.key("proposers").begin_array();
        for (const std::string& p : s.proposers) json.value(p);
        json.end_array().key("last_proposal");
        if (s.last_proposal.empty()) {
            json.null();
        } else {
            json.value(s.last_proposal);
        }
        json.field("merged", s.merged).end_object();
    }
    json.end_array();
    return json.finish();
}

}  // namespace accord
