#include "hooks/installer.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/store/config.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"

namespace accord::hooks {

namespace {

constexpr std::string_view kMarker = "# accord-managed hook";

// `text` as one single-quoted shell word.
std::string shell_quote(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

enum class Outcome { installed, updated, unchanged, foreign };

Outcome install_hook(const std::string& dir, const std::string& name, const std::string& script) {
    const std::string path = dir + name;
    std::error_code ec;
    const bool exists = std::filesystem::exists(std::filesystem::symlink_status(path, ec));
    if (exists) {
        const FileResult existing = read_file(path);
        if (!existing.contents || !is_accord_hook(*existing.contents)) return Outcome::foreign;
        if (*existing.contents == script && ::access(path.c_str(), X_OK) == 0)
            return Outcome::unchanged;
    }
    if (const std::string error = write_file_atomically(path, script); !error.empty()) {
        throw failure("cannot install the git hook " + error);
    }
    if (::chmod(path.c_str(), 0755) != 0) {
        throw failure("cannot make the git hook " + path + " executable: " + std::strerror(errno));
    }
    return exists ? Outcome::updated : Outcome::installed;
}

std::string trimmed(std::string_view line) {
    const auto begin = line.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return "";
    const auto end = line.find_last_not_of(" \t\r");
    return std::string(line.substr(begin, end - begin + 1));
}

// The driver command: the binary by absolute path, quoted for git's shell.
std::string driver_command(std::string_view accord_path, std::string_view arguments) {
    const std::string binary = accord_path.empty() ? "accord" : shell_quote(accord_path);
    return binary + " " + std::string(arguments);
}

// An attributes file as install_attributes finds it.
struct AttributesFile {
    bool exists = false;
    bool link = false;
    std::string contents;
};

// `relative` below `root` (the work tree's .gitattributes, or
// info/attributes in the git directory). A clone, or a repository handed
// over whole, may carry it as a link to any file of the machine: never read
// through it (its target would be copied into the repository) nor write
// through it.
AttributesFile read_attributes(const std::string& root, const std::string& relative) {
    AttributesFile out;
    std::error_code ec;
    out.exists = std::filesystem::exists(std::filesystem::symlink_status(root + relative, ec));
    if (!out.exists) return out;
    const FileResult file = read_file_within(root, relative);
    out.link = file.problem == FileProblem::link;
    if (out.link) return out;
    if (!file.contents) throw failure("cannot read " + file.error + "; nothing was changed");
    out.contents = *file.contents;
    return out;
}

AttributesFile read_attributes(const Repository& repo) {
    return read_attributes(repo.workdir(), ".gitattributes");
}

// The line that routes accord.yaml to the registry's merge driver. It goes
// in .git/info/attributes, which no clone copies and no commit records:
// running accord init in a clone of a negotiation changes nothing the other
// sites see, and a site whose accord predates the driver merges accord.yaml
// as git always did.
constexpr std::string_view kRegistryAttribute = "/accord.yaml merge=accord-registry";
constexpr const char* kLocalAttributes = "info/attributes";

// `existing` with `lines` it lacks appended, each on its own line (compared
// line by line, ignoring surrounding white space).
std::string with_lines(std::string_view existing, const std::vector<std::string>& lines) {
    std::vector<std::string> present;
    std::size_t begin = 0;
    while (begin < existing.size()) {
        std::size_t end = existing.find('\n', begin);
        if (end == std::string_view::npos) end = existing.size();
        present.push_back(trimmed(existing.substr(begin, end - begin)));
        begin = end + 1;
    }
    std::string out(existing);
    for (const std::string& line : lines) {
        if (std::find(present.begin(), present.end(), line) != present.end()) continue;
        if (!out.empty() && out.back() != '\n') out += '\n';
        out += line + "\n";
    }
    return out;
}

void install_registry_attribute(const Repository& repo, const AttributesFile& file,
                                InstallReport& report) {
    const std::string where = repo.git_dir() + kLocalAttributes;
    if (file.link) {
        report.registry_attribute = "link";
        report.warnings.push_back(
            where +
            " is a symbolic link; accord neither reads nor writes through it, so git "
            "will merge accord.yaml line by line without keeping both sides' new "
            "entries. Replace the link with a regular file and run 'accord init' again");
        return;
    }
    const std::string wanted = with_lines(file.contents, {std::string(kRegistryAttribute)});
    if (file.exists && wanted == file.contents) {
        report.registry_attribute = "unchanged";
        return;
    }
    if (const std::string error =
            write_file_atomically(where, wanted, WriteOptions{repo.git_dir(), true});
        !error.empty()) {
        throw failure("cannot write " + error);
    }
    report.registry_attribute = file.exists ? "appended" : "written";
}

void install_attributes(const Repository& repo, const AttributesFile& file, InstallReport& report) {
    if (file.link) {
        report.attributes = "link";
        report.warnings.push_back(
            ".gitattributes is a symbolic link; accord neither reads nor writes through it, "
            "so git will not use accord's merge and diff drivers here. Replace the link with "
            "a regular file and run 'accord init' again");
        return;
    }
    const std::string wanted = with_attribute_lines(file.contents);
    if (file.exists && wanted == file.contents) {
        report.attributes = "unchanged";
        return;
    }
    if (const std::string error = write_file_atomically(repo.workdir() + ".gitattributes", wanted,
                                                        WriteOptions{repo.workdir(), false});
        !error.empty()) {
        throw failure("cannot write " + error);
    }
    report.attributes = file.exists ? "appended" : "written";
}

// What git will use for each kind of file, read back once the lines are in
// place: a later line (`*.md merge=union`), or one in another attributes
// file, can override accord's, and then "up to date" would be false.
void check_attributes_in_effect(const Repository& repo, InstallReport& report) {
    const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> wanted = {
        {"a.md", {"merge", "accord"}},
        {"a.md", {"diff", "accord"}},
        {"a.txt", {"merge", "accord"}},
        {"a.txt", {"diff", "accord"}},
        {kConfigFileName, {"merge", "accord-registry"}},
    };
    for (const auto& [path, attribute] : wanted) {
        if (path == kConfigFileName ? report.registry_attribute == "link"
                                    : report.attributes == "link")
            continue;  // said already
        const std::optional<std::string> value = repo.attribute(path, attribute.first);
        if (value == attribute.second) continue;
        const std::string kind = path == kConfigFileName ? path : "*" + path.substr(1) + " files";
        report.warnings.push_back(
            "git will not use accord's " + attribute.first + " driver for " + kind +
            ": another attributes line overrides accord's (" + attribute.first + "=" +
            (value ? *value : "nothing") + "); find it with 'git check-attr " + attribute.first +
            " -- " + path + "' in .gitattributes or .git/info/attributes, and remove it");
    }
}

void install_drivers(Repository& repo, const InstallOptions& options, InstallReport& report) {
    for (const auto& [key, value] : driver_config(options.accord_path)) {
        if (repo.get_config(key) == value) {
            report.config_unchanged.push_back(key);
            continue;
        }
        repo.set_config(key, value);
        report.config_set.push_back(key);
    }
    if (!repo.get_config("pull.rebase") && !repo.get_config("pull.ff")) {
        repo.set_config("pull.rebase", "false");
        report.pull_merges_set = true;
    }
}

}  // namespace

const std::vector<std::string>& attribute_lines() {
    static const std::vector<std::string> lines = {"*.md merge=accord diff=accord",
                                                   "*.txt merge=accord diff=accord"};
    return lines;
}

std::string with_attribute_lines(std::string_view existing) {
    return with_lines(existing, attribute_lines());
}

std::vector<std::pair<std::string, std::string>> driver_config(std::string_view accord_path) {
    return {
        {"merge.accord.name", "accord: negotiation-aware merge (brackets and alternatives)"},
        {"merge.accord.driver", driver_command(accord_path, "merge-driver %O %A %B -- %P")},
        {"diff.accord.command", driver_command(accord_path, "git-diff --")},
        {"merge.accord-registry.name",
         "accord: the registry merged by line, both sides' new entries kept"},
        {"merge.accord-registry.driver",
         driver_command(accord_path, "registry-merge-driver %O %A %B -- %P")},
    };
}

const std::vector<std::string>& hook_names() {
    static const std::vector<std::string> names = {"pre-commit", "commit-msg"};
    return names;
}

std::string hook_script(std::string_view hook, std::string_view accord_path) {
    const std::string what =
        hook == "commit-msg"
            ? "checks that the Proposed-by: trailers of the message name delegations in accord.yaml"
            : "checks the staged negotiation texts: no new bracket or strike error, valid front "
              "matter";
    std::string s;
    s += "#!/bin/sh\n";
    s += std::string(kMarker) + ": " + std::string(hook) + "\n";
    s += "# Installed by 'accord init', which rewrites it when run again. It " + what + ".\n";
    s += "# To run your own checks too, put them in a hook of another name and call it from\n";
    s += "# here, or call 'accord hook " + std::string(hook) + "' from your own hook.\n";
    s += "installed=" + shell_quote(accord_path) + "\n";
    s += "accord=$installed\n";
    s += "if [ -z \"$accord\" ] || [ ! -x \"$accord\" ]; then\n";
    s += "    accord=$(command -v accord) || {\n";
    s += "        echo \"accord: cannot run the " + std::string(hook) +
         " checks: no accord binary at '$installed' nor on PATH.\" >&2\n";
    s += "        echo \"Reinstall the hooks with 'accord init', or skip the checks once with "
         "'git commit --no-verify'.\" >&2\n";
    s += "        exit 1\n";
    s += "    }\n";
    s += "fi\n";
    s += "exec \"$accord\" hook " + std::string(hook) + " \"$@\"\n";
    return s;
}

bool is_accord_hook(std::string_view script) {
    return script.find(kMarker) != std::string_view::npos;
}

std::string hooks_directory(const Repository& repo) {
    namespace fs = std::filesystem;
    std::string dir = repo.git_dir() + "hooks";
    if (const std::optional<std::string> configured = repo.get_config("core.hooksPath")) {
        if (!configured->empty()) {
            fs::path path(*configured);
            if (configured->rfind("~/", 0) == 0) {
                const char* home = std::getenv("HOME");
                path = fs::path(home ? home : "") / configured->substr(2);
            } else if (path.is_relative()) {
                path = fs::path(repo.workdir()) / path;
            }
            dir = path.lexically_normal().string();
        }
    }
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    return dir + "/";
}

std::string current_executable() {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : self.string();
}

namespace {

// Whether `dir` lies inside the repository: its git directory or its work
// tree, links resolved. A hooks directory elsewhere (core.hooksPath set in
// the global configuration, or by a repository handed over whole) serves
// other repositories too, or none: hooks written there would run on every
// commit in every repository that shares it.
bool inside_repository(const Repository& repo, const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(dir, ec);
    if (ec) return false;
    for (const std::string& root : {repo.git_dir(), repo.workdir()}) {
        if (root.empty()) continue;
        const fs::path base = fs::weakly_canonical(root, ec);
        if (ec) continue;
        const auto [stop, unused] =
            std::mismatch(base.begin(), base.end(), resolved.begin(), resolved.end());
        (void)unused;
        if (stop == base.end()) return true;
    }
    return false;
}

// Why accord writes no hook into `dir`, outside the repository, and how to
// have them: core.hooksPath names it, or, with none set, git's own
// .git/hooks is a symbolic link leading there (the fix is then the link's).
std::string outside_warning(const Repository& repo, const std::string& dir) {
    const std::optional<std::string> configured = repo.get_config("core.hooksPath");
    const bool by_config = configured && !configured->empty();
    const std::string names = by_config ? "core.hooksPath names " + dir
                                        : repo.git_dir() + "hooks is a symbolic link to " +
                                              std::filesystem::weakly_canonical(dir).string() + "/";
    const std::string fix =
        by_config ? "run 'git config --local core.hooksPath .git/hooks'"
                  : "replace the link with a directory of this repository's own (rm " +
                        repo.git_dir() + "hooks && mkdir " + repo.git_dir() + "hooks)";
    return names +
           ", outside this repository (other repositories may share it), so accord installed no "
           "git hooks there and plain 'git commit' skips accord's checks here. To have them, " +
           fix +
           " and run 'accord init' again, or add 'accord hook pre-commit || exit 1' to the "
           "pre-commit hook there yourself";
}

}  // namespace

void check_attributes_readable(const Repository& repo) {
    (void)read_attributes(repo);
    (void)read_attributes(repo.git_dir(), kLocalAttributes);
}

InstallReport install(Repository& repo, const InstallOptions& options) {
    InstallReport report;
    const AttributesFile attributes = read_attributes(repo);
    const AttributesFile local_attributes = read_attributes(repo.git_dir(), kLocalAttributes);
    report.hooks_dir = hooks_directory(repo);
    if (!inside_repository(repo, report.hooks_dir)) {
        report.outside = true;
        report.warnings.push_back(outside_warning(repo, report.hooks_dir));
        install_attributes(repo, attributes, report);
        install_registry_attribute(repo, local_attributes, report);
        install_drivers(repo, options, report);
        check_attributes_in_effect(repo, report);
        return report;
    }
    std::error_code ec;
    std::filesystem::create_directories(report.hooks_dir, ec);
    if (ec) {
        throw failure("cannot create the git hooks directory " + report.hooks_dir + ": " +
                      ec.message());
    }
    for (const std::string& name : hook_names()) {
        switch (install_hook(report.hooks_dir, name, hook_script(name, options.accord_path))) {
            case Outcome::installed:
                report.installed.push_back(name);
                break;
            case Outcome::updated:
                report.updated.push_back(name);
                break;
            case Outcome::unchanged:
                report.unchanged.push_back(name);
                break;
            case Outcome::foreign:
                report.warnings.push_back(
                    "a " + name + " hook that accord did not write exists at " + report.hooks_dir +
                    name + "; it was left as it is, so plain 'git commit' skips accord's " + name +
                    " checks. To have both, add this line to it: accord hook " + name +
                    (name == "commit-msg" ? " \"$1\"" : "") + " || exit 1");
                break;
        }
    }
    install_attributes(repo, attributes, report);
    install_registry_attribute(repo, local_attributes, report);
    install_drivers(repo, options, report);
    check_attributes_in_effect(repo, report);
    return report;
}

}  // namespace accord::hooks
