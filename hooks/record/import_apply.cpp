#include "hooks/record/import_apply.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "core/store/config.hpp"
#include "core/store/proposal_record.hpp"
#include "core/store/repository.hpp"
#include "core/store/repository_lock.hpp"
#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/notice.hpp"
#include "core/util/text.hpp"
#include "hooks/checks.hpp"
#include "hooks/record/init.hpp"
#include "hooks/record/proposal.hpp"

namespace accord {

namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- commits

// `notation_errors`: those the proposal's text has that its text before
// had not, recorded as the document gave them (Notation-errors: N, as
// `accord propose --allow-errors` says it, and as a server's pre-receive
// hook requires of a text that gains errors).
std::string commit_message(const PlannedProposal& proposal, const std::string& path,
                           const std::vector<std::string>& proposers, std::size_t notation_errors) {
    ProposalMessage message;
    message.text = one_line(proposal.message);
    if (message.text.empty()) message.text = "Proposal by " + join_names(proposers) + " on " + path;
    message.proposers = proposers;
    message.on_behalf_of = proposal.on_behalf_of;
    message.notation_errors = notation_errors;
    return format_proposal_message(message);
}

// ---------------------------------------------------------------- target

std::string without_trailing_slash(std::string path) {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path;
}

std::string canonical_text(const fs::path& path) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(fs::absolute(path), ec);
    return without_trailing_slash((ec ? path : canonical).lexically_normal().string());
}

bool exists_no_follow(const std::string& path) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(path, ec));
}

// What in the work tree `root` stands where the import would write `path`:
// the path itself (anything there, a link never followed), or a directory on
// the way that is no real directory (a file, a link: lstat), which would
// stop the writing after the branch had moved. nullopt when there is room.
std::optional<std::string> taken_in(const std::string& root, const std::string& path) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
        std::error_code ec;
        const fs::file_status above = fs::symlink_status(root + path.substr(0, slash), ec);
        if (!fs::exists(above)) return std::nullopt;
        if (!fs::is_directory(above)) return path.substr(0, slash);
    }
    if (exists_no_follow(root + path)) return path;
    return std::nullopt;
}

std::string list_some(const std::vector<std::string>& paths) {
    std::string out;
    for (std::size_t i = 0; i < paths.size() && i < 3; ++i) out += (i ? ", " : "") + paths[i];
    if (paths.size() > 3) out += " and " + std::to_string(paths.size() - 3) + " more";
    return out;
}

// The existing repository an import goes into: checked whole before any write.
// Returns its accord.yaml text.
std::string check_existing(const Repository& repo, const ImportPlan& plan) {
    const std::string where = without_trailing_slash(repo.workdir());
    const std::string branch = repo.current_branch();  // a detached HEAD is refused here
    if (!repo.is_empty_branch() && !holds_only_setup(repo)) {
        throw usage_error("branch '" + branch + "' of " + where +
                          " already has proposals; accord import records a whole history and "
                          "needs a branch with none (at most the first commit of accord init): "
                          "import into a new repository with --into DIR");
    }
    const std::string config_path = repo.workdir() + registry_file_name();
    if (!exists_no_follow(config_path)) {
        throw usage_error(where + " is not an accord repository (it has no " +
                          registry_file_name() +
                          "); run 'accord init' there first, or import into a new repository "
                          "with --into DIR");
    }
    FileResult config = read_file_within(repo.workdir(), registry_file_name());
    if (!config.contents) throw failure("cannot read the negotiation registry " + config.error);

    std::vector<std::string> present;
    for (const PlannedFile& file : plan.files) {
        if (std::optional<std::string> taken = taken_in(repo.workdir(), file.path))
            present.push_back(std::move(*taken));
    }
    std::sort(present.begin(), present.end());
    present.erase(std::unique(present.begin(), present.end()), present.end());
    if (!present.empty()) {
        throw usage_error("the import would overwrite " + list_some(present) + " in " + where +
                          "; move them away, or import into a new repository with --into DIR");
    }
    return std::move(*config.contents);
}

// Records `commits` on the current (empty) branch of `repo` as one step
// (Repository::commit_series): the branch moves once, to the last of them,
// so that a failed or killed import leaves the branch as it found it, or
// wholly imported. Returns the last id.
std::string record(Repository& repo, std::vector<PreparedCommit> commits) {
    if (commits.empty()) return repo.head().value_or("");
    for (auto& file : setup_files(repo)) commits.front().files.push_back(std::move(file));
    const Signature committer = repo.default_signature();
    std::vector<CommitRequest> requests;
    requests.reserve(commits.size());
    for (const PreparedCommit& c : commits) {
        const std::optional<std::int64_t> day = parse_iso_date(c.date);
        if (!day || c.proposers.empty()) {
            throw failure("the import plan for " + c.path + " (line " + std::to_string(c.line) +
                          ") has no date or no proposer; nothing was recorded");
        }
        CommitRequest request;
        for (const auto& [path, contents] : c.files) request.files.emplace_back(path, contents);
        const std::string& author = c.proposers.front();
        // Noon UTC, as `accord propose --date` records a day.
        request.author = Signature{author_name(author), import_author_email(author),
                                   day_start_utc(*day) + 12 * 3600, 0};
        request.committer = committer;
        request.message = c.message;
        requests.push_back(std::move(request));
    }
    requests.front().parent = repo.head();
    requests.front().write_worktree = true;
    requests.front().operation = "import";
    return repo.commit_series(requests);
}

void fill_result(ImportResult& result, const ImportPlan& plan, const ImportRegistry& registry,
                 const std::vector<PreparedCommit>& commits) {
    result.negotiation = registry.negotiation;
    result.files = plan.files.size();
    result.commits = commits.size();
    result.delegations = registry.delegations;
    result.added = registry.added;
    if (registry.rewritten) {
        result.warnings.push_back(
            "accord.yaml was written afresh in accord's own layout, its comments not kept: the "
            "import changes more of it than a line-by-line edit can (other names for delegations "
            "already listed, another negotiation name, or a layout the edit does not handle); the "
            "import's first commit shows the change");
    }
    if (!commits.empty()) {
        result.first_date = commits.front().date;
        result.last_date = commits.back().date;
    }
    std::size_t most = 0;
    for (const PlannedFile& file : plan.files) {
        if (file.proposals.size() > most && file.kind != "outline" && file.kind != "unclassified") {
            most = file.proposals.size();
            result.busiest_path = file.path;
            result.busiest_first_date = file.proposals.front().date;
        }
    }
}

// The outermost directory of `dir`'s ancestry (itself included) that does not exist yet.
std::optional<fs::path> first_missing(const fs::path& dir) {
    std::optional<fs::path> missing;
    for (fs::path p = dir; !p.empty() && !exists_no_follow(p.string()); p = p.parent_path()) {
        missing = p;
        if (p == p.parent_path()) break;
    }
    return missing;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// ---------------------------------------------------------------- leftovers

// The marker an import in progress leaves in its hidden repository's .git:
// who is building it (repository_lock's format), so that what a killed
// import left can be told from one still running.
constexpr const char* kImportMarker = "accord-import";

// The process id in a staging directory's name ".NAME.import-PID[-N]", or 0.
long staging_pid(const std::string& entry, const std::string& prefix) {
    if (entry.rfind(prefix, 0) != 0) return 0;
    const std::string rest = entry.substr(prefix.size());
    const std::string digits = rest.substr(0, rest.find('-'));
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string::npos)
        return 0;
    const std::string tail = rest.substr(digits.size());
    if (!tail.empty() &&
        (tail.size() < 2 || tail.find_first_not_of("0123456789", 1) != std::string::npos))
        return 0;
    return std::stol(digits);
}

// Removes the hidden directories that imports into `final_dir`, killed
// before they finished, left beside it (".NAME.import-PID"), saying so. Only
// directories (never links) whose builder is provably gone: one still
// running, or on another host, is left alone.
void remove_leftovers(const fs::path& final_dir) {
    const fs::path parent = final_dir.parent_path();
    const std::string prefix = "." + final_dir.filename().string() + ".import-";
    std::error_code ec;
    fs::directory_iterator entries(parent, ec);
    if (ec) return;
    for (const fs::directory_entry& entry : entries) {
        const std::string name = entry.path().filename().string();
        const long pid = staging_pid(name, prefix);
        if (pid <= 0) continue;
        std::error_code status_ec;
        if (!fs::is_directory(entry.symlink_status(status_ec))) continue;
        LockHolder holder;
        holder.pid = pid;
        const FileResult marker =
            read_file_within(entry.path().string(), std::string(".git/") + kImportMarker);
        if (marker.contents) {
            const std::optional<LockHolder> recorded = parse_lock_holder(*marker.contents);
            if (recorded) holder = *recorded;
        }
        if (!lock_holder_is_gone(holder)) continue;
        std::error_code removed_ec;
        fs::remove_all(entry.path(), removed_ec);
        if (removed_ec) {
            notice("could not remove " + entry.path().string() +
                   ", left by an import that was interrupted: " + removed_ec.message());
            continue;
        }
        notice("removed " + entry.path().string() + ", left by an import into " +
               final_dir.string() + " that was interrupted (process " + std::to_string(holder.pid) +
               " is no longer running)");
    }
}

// A new repository at `final_dir` (missing, or an empty directory).
ImportResult import_fresh(const ImportPlan& plan, const ImportRequest& request,
                          const fs::path& final_dir) {
    RegistryRequest ask;
    ask.found = found_delegations(plan);
    ask.negotiation = request.negotiation;
    ask.default_negotiation = plan.title.empty() ? final_dir.filename().string() : plan.title;
    const ImportRegistry registry = import_registry(ask);
    const std::vector<PreparedCommit> commits = prepare_import(plan, registry);

    const fs::path parent = final_dir.parent_path();
    const std::optional<fs::path> created = first_missing(parent);
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) throw failure("cannot create " + parent.string() + ": " + ec.message());
    remove_leftovers(final_dir);
    fs::path staging;
    for (int n = 0;; ++n) {
        staging = parent / ("." + final_dir.filename().string() + ".import-" +
                            std::to_string(::getpid()) + (n ? "-" + std::to_string(n) : ""));
        if (!exists_no_follow(staging.string())) break;
    }

    ImportResult result;
    try {
        InitRequest init;
        init.dir = staging.string();
        init.negotiation = registry.negotiation;
        init.accord_path = request.accord_path;
        init.record = false;  // the registry goes into the import's first commit
        const InitResult made = init_negotiation(init);
        if (const std::string error =
                write_file_atomically(made.workdir + ".git/" + kImportMarker,
                                      this_process_lock_text(), WriteOptions{made.workdir, false});
            !error.empty()) {
            throw failure("cannot write " + error + "; nothing was imported");
        }
        result.warnings = made.warnings;
        result.warnings.insert(result.warnings.end(), made.hooks.warnings.begin(),
                               made.hooks.warnings.end());
        {
            Repository repo = Repository::open(staging.string());
            result.branch = repo.current_branch();
            result.head = record(repo, commits);
        }
        ::unlink((staging / ".git" / kImportMarker).c_str());
        fs::rename(staging, final_dir, ec);
        if (ec) {
            throw failure("cannot move the imported repository from " + staging.string() + " to " +
                          final_dir.string() + ": " + ec.message() + "; nothing was kept");
        }
    } catch (...) {
        fs::remove_all(staging, ec);
        if (created) fs::remove_all(*created, ec);
        throw;
    }
    for (std::string& warning : result.warnings)
        warning = replace_all(warning, staging.string(), final_dir.string());
    result.workdir = final_dir.string() + "/";
    result.created_repository = true;
    fill_result(result, plan, registry, commits);
    return result;
}

// The existing accord repository `repo`, with an empty branch.
ImportResult import_existing(const ImportPlan& plan, const ImportRequest& request,
                             Repository repo) {
    RegistryRequest ask;
    ask.found = found_delegations(plan);
    ask.existing_yaml = check_existing(repo, plan);
    ask.existing_path = repo.workdir() + registry_file_name();
    ask.negotiation = request.negotiation;
    ask.default_negotiation = plan.title;
    const ImportRegistry registry = import_registry(ask);
    const std::vector<PreparedCommit> commits = prepare_import(plan, registry);

    ImportResult result;
    result.workdir = repo.workdir();
    result.branch = repo.current_branch();
    result.head = record(repo, commits);
    fill_result(result, plan, registry, commits);
    return result;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> setup_files(const Repository& repo) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const char* name : {".gitattributes"}) {
        if (!exists_no_follow(repo.workdir() + name)) continue;
        if (const std::optional<std::string> head = repo.head();
            head && repo.blob_id_at(*head, name))
            continue;
        FileResult file = read_file_within(repo.workdir(), name);
        if (file.problem == FileProblem::link) continue;  // never recorded through a link
        if (!file.contents) throw failure("cannot read " + file.error);
        files.emplace_back(name, std::move(*file.contents));
    }
    return files;
}

ImportPlan plan_import_file(const std::string& path, ImportOptions options) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        throw usage_error("cannot import " + path +
                          ": it is a directory; name the compilation file, e.g. "
                          "draft-recommendations.txt");
    }
    FileResult file = read_file(path);
    if (!file.contents) throw usage_error("cannot import: cannot read " + file.error);
    options.source_name = path;
    return plan_import(*file.contents, options);
}

std::vector<FoundDelegation> found_delegations(const ImportPlan& plan) {
    std::vector<FoundDelegation> found;
    for (const PlannedDelegation& d : plan.delegations)
        found.push_back({d.name, d.aliases, d.kind});
    return found;
}

std::vector<PreparedCommit> prepare_import(const ImportPlan& plan, const ImportRegistry& registry) {
    std::vector<PreparedCommit> commits;
    // The texts read as the registry's notation says, as the hooks read them.
    const ParseOptions options =
        hooks::check_parse_options(parse_config(registry.yaml, registry_file_name()).notation);
    std::map<std::string, std::string> latest;  // each text as the commits so far leave it
    for (const ProposalRef& ref : date_order(plan)) {
        const PlannedFile& file = plan.files[ref.file];
        const PlannedProposal& proposal = file.proposals[ref.proposal];
        PreparedCommit commit;
        if (commits.empty()) commit.files.emplace_back(registry_file_name(), registry.yaml);
        commit.files.emplace_back(file.path, proposal.text);
        for (const std::string& name : proposal.proposers) {
            const std::string& registered = registry.canonical(name);
            // Two spellings the plan kept apart may be one delegation here.
            if (std::find(commit.proposers.begin(), commit.proposers.end(), registered) ==
                commit.proposers.end())
                commit.proposers.push_back(registered);
        }
        commit.date = proposal.date;
        std::optional<std::string> before;
        if (const auto it = latest.find(file.path); it != latest.end()) before = it->second;
        const std::size_t added_errors =
            hooks::check_text(file.path, before, proposal.text, options, 0).new_errors;
        latest[file.path] = proposal.text;
        commit.message = commit_message(proposal, file.path, commit.proposers, added_errors);
        commit.path = file.path;
        commit.line = proposal.line;
        commits.push_back(std::move(commit));
    }
    return commits;
}

ImportResult import_compilation(const ImportPlan& plan, const ImportRequest& request) {
    // Every proposal date git can hold, before anything is written.
    for (const PlannedFile& file : plan.files) {
        for (const PlannedProposal& proposal : file.proposals) {
            const std::optional<std::int64_t> day = parse_iso_date(proposal.date);
            if (day && !is_recordable_day(*day)) {
                throw usage_error(request.source_name + ":" + std::to_string(proposal.line) +
                                  ": cannot import the proposal of " + file.path + ": " +
                                  unrecordable_day_message(proposal.date) +
                                  "; nothing was imported");
            }
        }
    }
    if (!request.into) {
        std::optional<Repository> here;
        try {
            here.emplace(Repository::open(request.cwd));
        } catch (const Error& e) {
            if (e.exit_code() != kExitUsage) throw;
            throw usage_error(std::string(e.what()) +
                              ", or import into a new repository with --into DIR");
        }
        return import_existing(plan, request, std::move(*here));
    }
    if (request.into->empty()) throw usage_error("--into needs a directory");
    const fs::path given = fs::path(request.cwd) / *request.into;
    const fs::path final_dir = fs::path(canonical_text(given));
    std::error_code ec;
    const fs::file_status status = fs::status(final_dir, ec);
    if (!fs::exists(status)) return import_fresh(plan, request, final_dir);
    if (!fs::is_directory(status)) {
        throw usage_error("cannot import into " + *request.into +
                          ": it exists and is not a directory; name a new directory");
    }
    if (fs::is_empty(final_dir, ec) && !ec) return import_fresh(plan, request, final_dir);
    // A repository's top (made by `accord init`, say) takes the import like
    // the current repository would; any other non-empty directory is refused.
    std::optional<Repository> repo;
    try {
        repo.emplace(Repository::open(final_dir.string()));
    } catch (const Error& e) {
        if (e.exit_code() != kExitUsage) throw;
    }
    if (!repo || canonical_text(repo->workdir()) != final_dir.string()) {
        throw usage_error("cannot import into " + *request.into +
                          ": it exists and is not empty (nor the top of a repository); name a "
                          "new directory and accord import creates it");
    }
    return import_existing(plan, request, std::move(*repo));
}

}  // namespace accord
