#pragma once
// Private to core/store/repository*.cpp (it brings in git2.h): trees and
// commit headers read straight from the object database and parsed in
// place, for walks that read tens of thousands of them once each.
// libgit2's git_tree_lookup and git_commit_lookup parse every entry, name
// and message into allocations of their own; a long walk then spends most
// of its time allocating, for objects it reads once and mostly only to
// find where to go next.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/git_object_parse.hpp"
#include "core/store/pack_reader.hpp"
#include "core/store/repository_git.hpp"

namespace accord::git {

class RawTree {
  public:
    using Entry = TreeEntry;

    // Reads the tree `id` from `odb`; throws accord::Error (failure) naming `what`
    // (for example the tree's path and the repository) when it cannot be
    // read, is not a tree, or does not parse as one.
    RawTree(git_odb* odb, const git_oid& id, const std::string& what);
    // The same, read from `packs` when they hold it (see PackReader), and
    // from `odb` otherwise.
    RawTree(PackReader* packs, git_odb* odb, const git_oid& id, const std::string& what);

    // In the order the tree stores them (git's: by name, a tree's read as
    // if it ended in '/').
    const std::vector<Entry>& entries() const { return entries_; }
    const git_oid& id() const { return id_; }

    RawTree(const RawTree&) = delete;
    RawTree& operator=(const RawTree&) = delete;

  private:
    void read(git_odb* odb, const std::string& what);
    void parse(std::string_view bytes, const std::string& what);

    git_oid id_;
    OdbObjectPtr object_;
    std::shared_ptr<const std::string> bytes_;  // read from a pack, when not object_
    std::vector<Entry> entries_;
};

// The commit `id` read from `packs` when they hold it (else from `odb`)
// and its header parsed; nullopt when it cannot be read, is no commit or
// does not parse (as above).
std::optional<CommitHeader> read_commit_header(PackReader* packs, git_odb* odb, const git_oid& id);

}  // namespace accord::git
