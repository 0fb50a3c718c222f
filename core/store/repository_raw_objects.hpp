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

#include "core/store/repository_git.hpp"

namespace accord::git {

class RawTree {
  public:
    struct Entry {
        std::string_view name;  // within the object's bytes
        std::uint32_t mode;     // normalised, as git_tree_entry_filemode gives it
        const git_oid* id;      // within the object's bytes
        bool is_tree() const { return mode == GIT_FILEMODE_TREE; }
    };

    // Reads the tree `id` from `odb`; throws accord::Error (failure) naming `what`
    // (for example the tree's path and the repository) when it cannot be
    // read, is not a tree, or does not parse as one.
    RawTree(git_odb* odb, const git_oid& id, const std::string& what);

    // In the order the tree stores them (git's: by name, a tree's read as
    // if it ended in '/').
    const std::vector<Entry>& entries() const { return entries_; }
    const git_oid& id() const { return id_; }

  private:
    git_oid id_;
    OdbObjectPtr object_;
    std::vector<Entry> entries_;
};

// What a walk needs of a commit to go on: its tree and its parents.
struct CommitHeader {
    git_oid tree;
    std::vector<git_oid> parents;  // first parent first
};

// The header of the commit object `bytes`: a "tree" line, then the
// "parent" lines, as git writes them (and libgit2 requires). Nullopt when
// the bytes do not start so: the caller reads the commit with libgit2, which
// names the fault.
std::optional<CommitHeader> parse_commit_header(std::string_view bytes);
// The commit `id` read from `odb` and its header parsed; nullopt when it
// cannot be read, is no commit or does not parse (as above).
std::optional<CommitHeader> read_commit_header(git_odb* odb, const git_oid& id);

// The mode of a tree entry as libgit2 reports it: a tree, a submodule, a
// link, an executable file or a file, whatever permission bits were written.
std::uint32_t normalised_mode(std::uint32_t raw_mode);

// Parses the bytes of a tree object into `out`; false when they do not
// parse (a mode that is not octal, a name without its end, a short id).
bool parse_tree(std::string_view bytes, std::vector<RawTree::Entry>& out);

}  // namespace accord::git
