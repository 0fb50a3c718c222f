#include "hooks/record/init.hpp"

#include <filesystem>

#include "core/store/config.hpp"
#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"

namespace accord {

namespace {

namespace fs = std::filesystem;

std::string canonical_text(const fs::path& path) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(fs::absolute(path), ec);
    std::string text = (ec ? path : canonical).lexically_normal().string();
    while (text.size() > 1 && text.back() == '/') text.pop_back();
    return text;
}

// The repository whose work tree top is `dir`, if there is one; the
// repository around it must not be another one's subdirectory.
std::optional<Repository> existing_repository(const std::string& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return std::nullopt;
    std::optional<Repository> repo;
    try {
        repo.emplace(Repository::open(dir));
    } catch (const Error& e) {
        if (e.exit_code() == kExitUsage) return std::nullopt;  // not inside any repository
        throw;
    }
    const std::string top = canonical_text(repo->workdir());
    if (top != canonical_text(dir)) {
        throw usage_error("'" + dir + "' is inside the git repository at " + top +
                          "; run 'accord init' at " + top +
                          " to make that one a negotiation repository, or choose a directory "
                          "outside it");
    }
    return repo;
}

}  // namespace

InitResult init_negotiation(const InitRequest& request) {
    const std::string dir = request.dir.empty() ? "." : request.dir;
    InitResult result;
    std::optional<Repository> repo = existing_repository(dir);
    if (!repo) {
        repo.emplace(Repository::init(dir, "main"));
        result.created_repository = true;
    }
    result.workdir = repo->workdir();

    const std::string config_path = result.workdir + kConfigFileName;
    std::error_code ec;
    if (fs::exists(fs::symlink_status(config_path, ec))) {
        try {
            result.negotiation = load_config(config_path).negotiation;
        } catch (const Error& e) {
            result.warnings.push_back(
                std::string(kConfigFileName) +
                " exists but cannot be used; it was left as it is: " + e.what());
        }
        if (request.negotiation && *request.negotiation != result.negotiation) {
            result.warnings.push_back(
                std::string(kConfigFileName) + " exists and names the negotiation '" +
                result.negotiation + "'; it was left as it is (edit it to rename the negotiation)");
        }
    } else {
        Config config;
        config.negotiation = request.negotiation
                                 ? *request.negotiation
                                 : fs::path(canonical_text(result.workdir)).filename().string();
        if (const std::string error = write_file_atomically(config_path, emit_config(config),
                                                            WriteOptions{result.workdir, false});
            !error.empty()) {
            throw failure("cannot write the negotiation registry " + error);
        }
        result.wrote_config = true;
        result.negotiation = config.negotiation;
    }

    hooks::InstallOptions install;
    install.accord_path = request.accord_path;
    result.hooks = hooks::install(*repo, install);
    return result;
}

}  // namespace accord
