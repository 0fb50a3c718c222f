#pragma once
// Private to core/store/repository*.cpp: the libgit2 handles and error
// helpers the repository layer shares. Nothing else may include this file:
// it brings in git2.h, which stays inside the repository layer.
#include "core/store/git_api.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/store/repository.hpp"
#include "core/util/errors.hpp"

namespace accord::git {

// Owning handles: each libgit2 object is freed by its own function, named
// by its member of the loaded table (core/store/git_api.hpp).
template <typename T, void (*Api::*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { (api().*Free)(p); }
};
template <typename T, void (*Api::*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryPtr = Handle<git_repository, &Api::git_repository_free>;
using ObjectPtr = Handle<git_object, &Api::git_object_free>;
using CommitPtr = Handle<git_commit, &Api::git_commit_free>;
using TreePtr = Handle<git_tree, &Api::git_tree_free>;
using TreeEntryPtr = Handle<git_tree_entry, &Api::git_tree_entry_free>;
using BlobPtr = Handle<git_blob, &Api::git_blob_free>;
using ReferencePtr = Handle<git_reference, &Api::git_reference_free>;
using IndexPtr = Handle<git_index, &Api::git_index_free>;
using ConfigPtr = Handle<git_config, &Api::git_config_free>;
using SignaturePtr = Handle<git_signature, &Api::git_signature_free>;
using RevwalkPtr = Handle<git_revwalk, &Api::git_revwalk_free>;

// A git_buf that frees itself.
struct Buffer {
    git_buf buf = GIT_BUF_INIT;
    Buffer() = default;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer() { git_buf_dispose(&buf); }
    std::string str() const { return buf.ptr ? std::string(buf.ptr, buf.size) : std::string(); }
};

// git_libgit2_init once per process, git_libgit2_shutdown at exit.
void ensure_initialised();

// libgit2's explanation of the last failure on this thread.
std::string last_message();

// Throw failure (exit 3) / usage error (exit 2): "<what>: <libgit2 message>".
[[noreturn]] void fail(const std::string& what);
[[noreturn]] void fail_usage(const std::string& what);
inline void check(int rc, const char* what) {
    if (rc < 0) fail(what);
}

std::string hex(const git_oid& id);

// A file accord reads as a text: a blob that is not a symbolic link. A link's
// blob holds its target ("/etc/passwd"), which is not a text of the
// negotiation; a submodule is not a blob at all.
inline bool is_file_entry(const git_tree_entry* entry) {
    return git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
           git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK;
}
inline bool is_link_entry(const git_tree_entry* entry) {
    return git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK;
}
// A full 40-digit id; usage error naming `what` otherwise.
git_oid parse_id(const std::string& text, const std::string& what);

Signature from_git(const git_signature* signature);
SignaturePtr to_git(const Signature& signature, const char* role);

// Writes a commit object (no reference moves): as git_commit_create does
// when `signer` is empty, else signed with what it returns
// (core/store/repository_server.cpp).
git_oid create_commit(git_repository* repo, const CommitSigner& signer, const git_signature* author,
                      const git_signature* committer, const std::string& message,
                      const git_tree* tree, std::vector<const git_commit*>& parents,
                      const std::string& where);

}  // namespace accord::git

namespace accord {

struct Repository::Impl {
    git::RepositoryPtr repo;
    std::string where;  // the work tree (or git dir) for messages

    git::CommitPtr lookup_commit(const std::string& commit_id) const;
    git::TreePtr tree_of(const git_commit* commit) const;
    // The id of the entry at `path` in `tree` (blob or subtree), if any.
    std::optional<git_oid> entry_id(const git_tree* tree, const std::string& path) const;
    CommitInfo info(const git_commit* commit) const;
};

}  // namespace accord
