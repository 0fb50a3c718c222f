// What a negotiation's server copy and its signed commits need from the
// repository layer: bare repositories, the objects of a push being
// received and raw commit objects (to check their signatures as git does).
// Signing a commit happens where it is written (repository_commit.cpp).
#include <cstdlib>

#include "core/store/repository.hpp"
#include "core/store/repository_git.hpp"

namespace accord {

namespace {

using OdbObjectPtr = git::Handle<git_odb_object, &git::Api::git_odb_object_free>;

}  // namespace

Repository Repository::init_bare(const std::string& dir, const std::string& initial_branch) {
    git_repository* repo = git::init_repository(dir, initial_branch, GIT_REPOSITORY_INIT_BARE);
    auto impl = std::make_unique<Impl>();
    impl->repo.reset(repo);
    impl->where = git_repository_path(repo);
    return Repository(std::move(impl));
}

Repository Repository::open_receiving(const std::string& git_dir) {
    Repository repository = open(git_dir);
    // git keeps a push's objects in a quarantine directory until the
    // pre-receive hook accepts it, and tells the hook where that is.
    if (const char* quarantine = std::getenv("GIT_QUARANTINE_PATH");
        quarantine != nullptr && *quarantine != '\0') {
        git_odb* raw = nullptr;
        if (git_repository_odb(&raw, repository.impl_->repo.get()) < 0) {
            git::fail("cannot open the objects of " + repository.impl_->where);
        }
        const git::OdbPtr odb(raw);
        if (git_odb_add_disk_alternate(raw, quarantine) < 0) {
            git::fail(std::string("cannot read the objects being received in ") + quarantine);
        }
    }
    return repository;
}

bool Repository::is_bare() const {
    return git_repository_is_bare(impl_->repo.get()) == 1;
}

std::string Repository::raw_commit(const std::string& commit_id) const {
    const git_oid id = git::parse_id(commit_id, "a commit to read");
    git_odb* raw_odb = nullptr;
    if (git_repository_odb(&raw_odb, impl_->repo.get()) < 0) {
        git::fail("cannot open the objects of " + impl_->where);
    }
    const git::OdbPtr odb(raw_odb);
    git_odb_object* raw_object = nullptr;
    if (git_odb_read(&raw_object, raw_odb, &id) < 0) {
        git::fail("cannot read commit " + commit_id + " in " + impl_->where);
    }
    const OdbObjectPtr object(raw_object);
    if (git_odb_object_type(raw_object) != GIT_OBJECT_COMMIT) {
        throw usage_error(commit_id + " in " + impl_->where + " is not a commit");
    }
    return std::string(static_cast<const char*>(git_odb_object_data(raw_object)),
                       git_odb_object_size(raw_object));
}

}  // namespace accord
