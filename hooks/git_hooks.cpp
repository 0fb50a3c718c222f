#include "hooks/git_hooks.hpp"

#include <optional>

#include "core/store/proposal_record.hpp"
#include "core/store/repository.hpp"
#include "core/store/workspace.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/process.hpp"

namespace accord::hooks {

std::string strip_commit_message(std::string_view raw, char comment) {
    const std::string scissors = std::string(1, comment) + " ------------------------ >8 ----";
    std::string out;
    std::size_t at = 0;
    while (at < raw.size()) {
        std::size_t end = raw.find('\n', at);
        end = end == std::string_view::npos ? raw.size() : end + 1;
        const std::string_view line = raw.substr(at, end - at);
        if (line.rfind(scissors, 0) == 0) break;
        if (line.empty() || line.front() != comment) out.append(line);
        at = end;
    }
    return out;
}

std::vector<Problem> check_commit_message(std::string_view message, const Config& registry) {
    const Trailers all = trailers(std::string(message));
    std::vector<Problem> problems =
        resolve_proposers(registry, trailer_values(all, kProposedByTrailer)).problems;
    for (Problem& p : problems) {
        p.message = "in the Proposed-by: trailer: " + p.message;
        p.help = "write a name or alias listed under 'delegations' in " +
                 std::string(kConfigFileName) +
                 " (add a new delegation there and stage it in the same commit)";
    }
    return problems;
}

namespace {

// The git command in the hook's repository, with git's own environment.
class Git {
  public:
    explicit Git(std::string cwd) : cwd_(std::move(cwd)) {}

    ProcessResult run(const std::vector<std::string>& args) const {
        std::vector<std::string> argv = {"git"};
        argv.insert(argv.end(), args.begin(), args.end());
        ProcessOptions options;
        options.cwd = cwd_;
        ProcessResult result = run_process(argv, options);
        if (!result.started) throw failure("cannot run git for the hook checks: " + result.error);
        return result;
    }

    std::string must(const std::vector<std::string>& args) const {
        ProcessResult result = run(args);
        if (result.exit_code != 0) {
            std::string command = "git";
            for (const std::string& a : args) command += " " + a;
            throw failure("'" + command + "' failed in " + cwd_ + ": " + result.err);
        }
        return std::move(result.out);
    }

    // A blob by git's name for it (":path" staged, "<commit>:path"), or nullopt.
    std::optional<std::string> blob(const std::string& name) const {
        ProcessResult result = run({"cat-file", "blob", name});
        if (result.exit_code != 0) return std::nullopt;
        return std::move(result.out);
    }

  private:
    std::string cwd_;
};

Config registry_for_commit(const Git& git, const std::string& cwd) {
    if (const std::optional<std::string> staged = git.blob(std::string(":") + kConfigFileName))
        return parse_config(*staged, std::string(kConfigFileName) + " (staged)");
    return Workspace::open(cwd).config();
}

char comment_char(const Git& git) {
    const ProcessResult result = git.run({"config", "--get", "core.commentChar"});
    std::string value = result.out;
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
    return result.exit_code == 0 && value.size() == 1 ? value[0] : '#';
}

// The NUL-separated fields of `git diff-index -z --name-status` output.
std::vector<std::string> split_nul(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\0', at);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

}  // namespace

std::vector<Problem> check_staged(const std::string& cwd) {
    {
        // An accord command killed while it moved the branch may have left
        // the index behind it: committing that index would record the old
        // text again. Opening finishes the command when it can (git reads
        // the index again after this hook, so the commit includes it); when
        // it cannot yet, no commit.
        const Repository repo = Repository::open(cwd);
        if (repo.has_interrupted_command()) {
            Problem p;
            p.code = "interrupted-command";
            p.message =
                "an accord command was interrupted in this repository, and the index does not "
                "match the branch yet: this commit could undo what it recorded";
            p.help = "run 'accord recover', then commit again";
            return {p};
        }
    }
    const Git git(cwd);
    const Config registry = registry_for_commit(git, cwd);
    const ParseOptions options = check_parse_options(registry.notation);

    const ProcessResult head_result = git.run({"rev-parse", "--verify", "-q", "HEAD^{commit}"});
    std::string head = head_result.exit_code == 0 ? head_result.out : "";
    while (!head.empty() && head.back() == '\n') head.pop_back();
    // git's empty tree: what an unborn branch is compared with.
    const std::string base = head.empty() ? "4b825dc642cb6eb9a060e54bf8d69288fbee4904" : head;
    const std::vector<std::string> fields = split_nul(git.must(
        {"diff-index", "--cached", "-z", "--name-status", "-M", "--diff-filter=ACMR", base}));

    std::vector<Problem> problems;
    for (std::size_t i = 0; i < fields.size();) {
        const std::string& status = fields[i];
        const bool renamed = !status.empty() && (status[0] == 'R' || status[0] == 'C');
        if (i + (renamed ? 2 : 1) >= fields.size()) break;
        const std::string old_path = fields[i + 1];
        const std::string path = renamed ? fields[i + 2] : old_path;
        i += renamed ? 3 : 2;
        if (!is_text_path(path)) continue;
        const std::optional<std::string> after = git.blob(":" + path);
        if (!after) continue;
        if (const TextBytes bytes = check_text_bytes(path, *after); bytes.problem) {
            problems.push_back(*bytes.problem);
            continue;
        } else if (bytes.converted) {
            Problem p;
            p.code = "not-a-text";
            p.path = path;
            p.message = "the file is saved as UTF-16, and accord records texts as UTF-8";
            p.help = "propose it with 'accord propose', which converts it, or save it as UTF-8";
            problems.push_back(std::move(p));
            continue;
        }
        std::optional<std::string> before;
        if (!head.empty() && status[0] != 'A') before = git.blob(head + ":" + old_path);
        std::vector<Problem> found = check_text_change(path, before, *after, options);
        problems.insert(problems.end(), found.begin(), found.end());
    }
    return problems;
}

std::vector<Problem> check_commit_message_file(const std::string& message_file,
                                               const std::string& cwd) {
    const FileResult file = read_file(message_file);
    if (!file.contents) throw failure("cannot read the commit message " + file.error);
    const Git git(cwd);
    const Config registry = registry_for_commit(git, cwd);
    return check_commit_message(strip_commit_message(*file.contents, comment_char(git)), registry);
}

}  // namespace accord::hooks
