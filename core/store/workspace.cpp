#include "core/store/workspace.hpp"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <set>

#include "core/store/revision.hpp"
#include "core/util/encoding.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/notice.hpp"
#include "core/util/terminal.hpp"

namespace accord {

Workspace::Workspace(Repository repo, Config config, bool has_config)
    : repo_(std::move(repo)), config_(std::move(config)), has_config_(has_config) {}

Workspace Workspace::open(const std::string& path_inside) {
    Repository repo = Repository::open(path_inside);
    const std::string config_path = repo.workdir() + kConfigFileName;
    std::error_code ec;
    if (!std::filesystem::exists(config_path, ec))
        return Workspace(std::move(repo), Config{}, false);
    Config config = load_config(config_path);
    return Workspace(std::move(repo), std::move(config), true);
}

ParseOptions Workspace::parse_options() const {
    ParseOptions options;
    options.notation = config_.notation;
    return options;
}

std::string Workspace::resolve(std::string_view spec) const {
    return resolve_revision(repo_, config_, spec);
}

std::optional<std::string> Workspace::read(const std::string& commit,
                                           const std::string& path) const {
    if (!commit.empty()) return repo_.read_file_at(commit, path);
    // The work tree as a clone made it: a tracked link is never followed.
    FileResult file = read_file_within(repo_.workdir(), path);
    // Absent (or a link or directory where the text was, which the callers
    // name): nullopt. A file there that cannot be read (too large, no
    // permission) is no deletion: said, naming it, rather than reported as
    // "deleted" by status and diff or left out of a compilation.
    if (!file.contents && file.problem == FileProblem::too_large) throw usage_error(file.error);
    if (!file.contents && file.problem == FileProblem::other)
        throw failure("cannot read " + file.error);
    // A text as propose would record it: as git stores it (CRLF line ends of
    // a Windows clone as LF), UTF-16 as UTF-8, lines ended by line feeds, so
    // that status, diff and compile read what would be recorded.
    if (!file.contents) return std::nullopt;
    if (!is_text_path(path)) return repo_.as_stored(path, std::move(*file.contents));
    if (std::optional<ConvertedText> converted = convert_to_recorded(*file.contents))
        file.contents = std::move(converted->text);
    // CRLF that git's conversion leaves is recorded as LF too (propose).
    return with_line_feeds(repo_.as_stored(path, std::move(*file.contents))).text;
}

namespace {

bool has_text_extension(std::string_view path) {
    const std::string extension = std::filesystem::path(path).extension().string();
    return extension == ".md" || extension == ".txt";
}

bool has_line_break(std::string_view path) {
    return path.find_first_of("\n\r") != std::string_view::npos;
}

// A tracked file whose name holds a line break is never read as a text
// (is_text_path); said once per run, so that its wording is not left out
// without a word.
void note_unread_name(const std::string& path) {
    static std::mutex mutex;
    static std::set<std::string> noted;
    if (!has_text_extension(path)) return;
    const std::lock_guard lock(mutex);
    if (!noted.insert(path).second) return;
    notice("'" + escape_line(path) +
           "' is not read as a text: its name holds a line break (rename it: git mv)");
}

}  // namespace

std::vector<std::string> Workspace::texts(const std::string& commit) const {
    std::vector<std::string> out;
    const std::optional<std::string> head = repo_.head();
    const std::string from = commit.empty() ? head.value_or("") : commit;
    if (from.empty()) return out;
    for (const std::string& path : repo_.list_files(from)) {
        if (is_text_path(path)) {
            out.push_back(path);
        } else if (has_line_break(path)) {
            note_unread_name(path);
        }
    }
    return out;
}

Workspace::WorkTreeTexts Workspace::work_tree_texts() const {
    WorkTreeTexts out;
    std::vector<std::string> texts = this->texts("");
    const std::vector<std::string> links = skipped_links("");
    for (const std::string& link : links) {
        if (std::find(texts.begin(), texts.end(), link) == texts.end()) texts.push_back(link);
    }
    std::sort(texts.begin(), texts.end());
    out.tracked_any = !texts.empty();
    for (std::string& path : texts) {
        const bool link = std::binary_search(links.begin(), links.end(), path);
        std::error_code error;
        const std::filesystem::file_status kind =
            std::filesystem::symlink_status(repo_.workdir() + path, error);
        if (!link && !std::filesystem::exists(kind)) {
            out.notes.push_back(escape_line(path) +
                                ": deleted in the work tree, not yet proposed; not checked");
        } else if (!link && std::filesystem::is_directory(kind)) {
            out.notes.push_back(escape_line(path) +
                                ": a directory in the work tree now, not a text; not checked");
        } else {
            out.paths.push_back(std::move(path));
        }
    }
    return out;
}

std::vector<std::string> Workspace::skipped_links(const std::string& commit) const {
    std::vector<std::string> out;
    const std::optional<std::string> head = repo_.head();
    const std::string from = commit.empty() ? head.value_or("") : commit;
    if (from.empty()) return out;
    for (const std::string& path : repo_.list_links(from)) {
        if (is_text_path(path)) out.push_back(path);
    }
    if (commit.empty()) {
        for (std::string& path : links_within(repo_.workdir(), texts(commit)))
            out.push_back(std::move(path));
        std::sort(out.begin(), out.end());
    }
    return out;
}

bool is_text_path_noted(std::string_view path) {
    if (is_text_path(path)) return true;
    if (has_line_break(path)) note_unread_name(std::string(path));
    return false;
}

bool is_text_path(std::string_view path) {
    // A name with a line break is no text's: shown in a listing, it could
    // forge lines of accord's own output. (Other control characters are
    // shown escaped where a name is shown.)
    return !has_line_break(path) && has_text_extension(path);
}

bool path_within(std::string_view path, std::string_view root) {
    while (!root.empty() && root.back() == '/') root.remove_suffix(1);
    if (root.empty() || root == ".") return true;
    return path.substr(0, root.size()) == root &&
           (path.size() == root.size() || path[root.size()] == '/');
}

bool path_within_any(std::string_view path, const std::vector<std::string>& roots) {
    if (roots.empty()) return true;
    for (const std::string& root : roots) {
        if (path_within(path, root)) return true;
    }
    return false;
}

bool inside_work_tree(const std::string& path) {
    return work_tree_around(path).has_value();
}

Workspace::WorkTreeTexts tracked_texts_below(const std::string& directory) {
    namespace fs = std::filesystem;
    if (!inside_work_tree(directory))
        throw usage_error("'" + directory +
                          "' is a directory outside any repository; name the texts in it (" +
                          directory + "/*.md)");
    const Workspace workspace = Workspace::open(directory);
    Workspace::WorkTreeTexts texts = workspace.work_tree_texts();
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(workspace.repo().workdir(), ec);
    const std::string below =
        fs::weakly_canonical(fs::absolute(directory), ec).lexically_relative(root).generic_string();
    const fs::path here = fs::current_path();
    std::vector<std::string> paths;
    for (const std::string& text : texts.paths)
        if (path_within(text, below))
            paths.push_back((root / text).lexically_proximate(here).string());
    if (paths.empty())
        throw usage_error("'" + directory + "' holds no text this repository tracks");
    texts.paths = std::move(paths);
    return texts;
}

bool looks_binary(std::string_view bytes) {
    return bytes.substr(0, 8000).find('\0') != std::string_view::npos;
}

}  // namespace accord
