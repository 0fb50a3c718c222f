#pragma once
// An accord repository opened for a command: the git repository, its
// registry (accord.yaml at the top of the work tree, defaults when absent)
// and the parse options that follow from it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/parse.hpp"
#include "core/store/config.hpp"
#include "core/store/repository.hpp"

namespace accord {

class Workspace {
  public:
    // Opens the repository holding `path_inside`; a malformed accord.yaml is an
    // error naming its line, a missing one gives the defaults.
    static Workspace open(const std::string& path_inside = ".");

    Repository& repo() { return repo_; }
    const Repository& repo() const { return repo_; }
    const Config& config() const { return config_; }
    bool has_config() const { return has_config_; }
    std::string config_path() const { return repo_.workdir() + kConfigFileName; }
    ParseOptions parse_options() const;

    // A revision as git spells it, a date (YYYY-MM-DD, the end of that day)
    // or a meeting name (the end of the meeting): the commit id.
    std::string resolve(std::string_view spec) const;

    // The text of `path` (relative to the work tree) at a commit, or in the
    // work tree when `commit` is empty; nullopt when it does not exist there
    // (or a link or directory stands there). A work-tree file that cannot be
    // read (larger than accord reads, no permission) throws, naming it.
    // A work-tree text is read as propose would record it (UTF-16 as UTF-8,
    // carriage-return line endings as line feeds: convert_to_recorded).
    std::optional<std::string> read(const std::string& commit, const std::string& path) const;

    // Negotiation texts at a commit (or the work tree's tracked ones): .md and .txt files.
    std::vector<std::string> texts(const std::string& commit) const;

    // The text paths that texts() and read() leave out because they are
    // symbolic links (tracked as links at the commit, or, in the work tree,
    // a tracked text now standing as a link or below one): a link from a
    // clone may point anywhere, so it is never read. Commands that read
    // every text name these in a note.
    std::vector<std::string> skipped_links(const std::string& commit) const;

    // What `accord check` reads when named no file: the texts the work tree
    // tracks and the links among them (for the report to name them as
    // skipped), sorted, relative to the work tree. A text deleted there
    // (the first step of proposing its deletion), or a directory there now,
    // is nothing to check and no failure (status says the same): it is
    // left out, with a note in `notes` (its path escaped for one line).
    struct WorkTreeTexts {
        std::vector<std::string> paths;
        std::vector<std::string> notes;
        bool tracked_any = false;  // the repository tracks any text at all
    };
    WorkTreeTexts work_tree_texts() const;

  private:
    Workspace(Repository repo, Config config, bool has_config);
    Repository repo_;
    Config config_;
    bool has_config_;
};

// Negotiation texts are the .md and .txt files (not a file named ".md"):
// those Workspace::texts lists, the checks read and the reports count. A
// path holding a line break (in a hostile clone's file name) is none.
bool is_text_path(std::string_view path);
// The same, and a name refused for its line break is said once per run in a
// note (for a walk of the history, which would otherwise leave it out in
// silence).
bool is_text_path_noted(std::string_view path);

// `path` (relative to the work tree) is `root` or lies under the directory
// `root`; an empty root, "." or "/" take in everything. Trailing '/' on the
// root do not matter. path_within_any: any of `roots`, or no roots at all.
bool path_within(std::string_view path, std::string_view root);
bool path_within_any(std::string_view path, const std::vector<std::string>& roots);

// True when `path` lies in a git work tree: it or a directory above it holds
// .git (a directory, or a file as in linked work trees and submodules).
bool inside_work_tree(const std::string& path);

// The texts the repository holding `directory` tracks below it, as the
// work tree has them (Workspace::work_tree_texts, its notes included),
// each path given relative to the current directory, as a user names it:
// what `accord check DIR` checks. Throws a usage error when the directory lies
// outside any repository or holds no tracked text.
Workspace::WorkTreeTexts tracked_texts_below(const std::string& directory);

// True for files that look binary (a NUL byte near the start), as git decides.
bool looks_binary(std::string_view bytes);

}  // namespace accord
