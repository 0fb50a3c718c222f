#include "hooks/record/init.hpp"

#include <filesystem>

#include "core/store/commit_signer.hpp"
#include "core/store/config.hpp"
#include "core/store/repository.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "hooks/pre_receive.hpp"

namespace accord {

namespace {

namespace fs = std::filesystem;

constexpr const char* kAttributesFile = ".gitattributes";

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
    if (repo->is_bare()) {
        throw usage_error("'" + dir +
                          "' is a bare repository (a server's copy); run 'accord init --bare " +
                          dir + "' to install its hook, or clone it and run 'accord init' there");
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

// What the first commit records: accord.yaml when the branch lacks it, and
// .gitattributes when the branch lacks it or lacks accord's lines.
std::vector<std::pair<std::string, std::optional<std::string>>> setup_changes(
    const Repository& repo, bool config_usable, const hooks::InstallReport& hooks) {
    std::vector<std::pair<std::string, std::optional<std::string>>> files;
    const std::string root = repo.workdir();
    const std::optional<std::string> head = repo.head();
    if (config_usable && !(head && repo.blob_id_at(*head, kConfigFileName))) {
        FileResult file = read_file_within(root, kConfigFileName);
        if (file.contents) files.emplace_back(kConfigFileName, std::move(file.contents));
    }
    if (hooks.attributes != "link") {
        const std::optional<std::string> recorded =
            head ? repo.read_file_at(*head, kAttributesFile) : std::nullopt;
        if (!recorded) {
            FileResult file = read_file_within(root, kAttributesFile);
            if (file.contents) files.emplace_back(kAttributesFile, std::move(file.contents));
        } else if (const std::string wanted = hooks::with_attribute_lines(*recorded);
                   wanted != *recorded) {
            files.emplace_back(kAttributesFile, wanted);
        }
    }
    return files;
}

InitResult init_bare(const InitRequest& request) {
    const std::string dir = request.dir.empty() ? "." : request.dir;
    InitResult result;
    std::optional<Repository> repo;
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
        try {
            repo.emplace(Repository::open(dir));
        } catch (const Error& e) {
            if (e.exit_code() != kExitUsage) throw;
        }
        if (!repo || !repo->is_bare() || canonical_text(repo->git_dir()) != canonical_text(dir)) {
            throw usage_error("'" + dir +
                              "' exists and is neither empty nor a bare repository; name a new "
                              "directory for the server's copy (accord init --bare "
                              "/srv/git/negotiation.git)");
        }
    } else {
        repo.emplace(Repository::init_bare(dir, "main"));
        result.created_repository = true;
    }
    result.workdir = repo->git_dir();
    if (!result.workdir.empty() && result.workdir.back() != '/') result.workdir += '/';
    const hooks::ServerSetup setup = hooks::install_server_hook(*repo, request.accord_path);
    result.server_hook = setup.hook_path;
    result.server_config = setup.config_set;
    return result;
}

}  // namespace

std::string first_commit_message(const std::string& name) {
    return "Start the negotiation " + name +
           "\n\nThe registry (accord.yaml: delegations, meetings, keys, notation) and "
           ".gitattributes,\nwhich has git merge and diff the negotiated texts with accord.\n";
}

bool holds_only_setup(const Repository& repo) {
    const std::optional<std::string> head = repo.head();
    if (!head || !repo.commit(*head).parents.empty()) return false;
    for (const std::string& path : repo.list_files(*head)) {
        if (path != kConfigFileName && path != kAttributesFile) return false;
    }
    return repo.list_links(*head).empty();
}

InitResult init_negotiation(const InitRequest& request) {
    if (request.bare) return init_bare(request);
    const std::string dir = request.dir.empty() ? "." : request.dir;
    InitResult result;
    std::optional<Repository> repo = existing_repository(dir);
    const bool dir_existed = fs::exists(dir);
    if (!repo) {
        repo.emplace(Repository::init(dir, "main"));
        result.created_repository = true;
    }
    result.workdir = repo->workdir();

    // Signing is settled, and a .gitattributes accord cannot read is said,
    // before anything else is written: neither leaves a half-made
    // repository behind.
    std::optional<SigningSetup> signing;
    std::optional<SshPublicKey> signing_key;
    try {
        hooks::check_attributes_readable(*repo);
        // Only a commit to record needs a key (a clone's init records nothing).
        const std::optional<std::string> head = repo->head();
        const bool may_record = !head || !repo->blob_id_at(*head, kConfigFileName) ||
                                !repo->blob_id_at(*head, kAttributesFile);
        if (request.record && (may_record || request.sign.value_or(false)) &&
            wants_signing(*repo, request.sign)) {
            signing = signing_setup(*repo);
            signing_key = signing_public_key(*signing);
        }
    } catch (...) {
        if (result.created_repository) {
            std::error_code ec;
            fs::remove_all(result.workdir + ".git", ec);
            if (!dir_existed) fs::remove_all(dir, ec);
        }
        throw;
    }

    const std::string config_path = result.workdir + kConfigFileName;
    bool config_usable = false;
    std::error_code ec;
    if (fs::exists(fs::symlink_status(config_path, ec))) {
        try {
            const Config existing = load_config(config_path);
            result.negotiation = existing.negotiation;
            config_usable = true;
            if (signing_key) {
                const std::optional<KeyHolder> holder = existing.key_holder(signing_key->blob);
                if (!holder || !holder->secretariat) {
                    result.warnings.push_back(
                        "your signing key " + signing_key->fingerprint() + " is not listed under " +
                        "secretariat: in " + kConfigFileName +
                        ", so the first commit's signature guards nothing; list it there");
                }
            }
        } catch (const Error& e) {
            result.warnings.push_back(std::string(kConfigFileName) +
                                      " exists but cannot be used; it was left as it is and not "
                                      "recorded: " +
                                      e.what());
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
        if (signing_key) {
            std::string name = request.secretariat.value_or(repo->default_signature().name);
            if (name.empty() || name == "accord" || config.resolve_delegation(name))
                name = "Secretariat";
            config.secretariat.push_back({name, {signing_key->to_line()}});
            result.secretariat_key = signing_key->fingerprint();
        }
        if (const std::string error = write_file_atomically(config_path, emit_config(config),
                                                            WriteOptions{result.workdir, false});
            !error.empty()) {
            throw failure("cannot write the negotiation registry " + error);
        }
        result.wrote_config = true;
        config_usable = true;
        result.negotiation = config.negotiation;
    }

    hooks::InstallOptions install;
    install.accord_path = request.accord_path;
    result.hooks = hooks::install(*repo, install);

    if (!request.record) return result;
    CommitRequest commit;
    commit.files = setup_changes(*repo, config_usable, result.hooks);
    if (commit.files.empty()) return result;
    commit.author = repo->default_signature();
    commit.committer = commit.author;
    const std::optional<std::string> head = repo->head();
    commit.message = head ? "Record the negotiation's registry and attributes for accord\n"
                          : first_commit_message(result.negotiation);
    commit.parent = head;
    commit.operation = "init";
    if (signing) commit.signer = ssh_commit_signer(*signing);
    result.commit = repo->commit_files(commit);
    for (const auto& [path, contents] : commit.files) result.recorded.push_back(path);
    if (signing_key) result.signed_with = signing_key->fingerprint();
    return result;
}

}  // namespace accord
