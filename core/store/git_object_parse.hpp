#pragma once
// Private to core/store/repository*.cpp (it brings in git2.h): the bytes of
// git objects parsed in place, as libgit2 parses them, without libgit2:
// a tree's entries and a commit's tree and parents. Pure functions over
// bytes a cloned repository hands over, so fuzzed on their own
// (tests/fuzz/git_objects_fuzzer.cpp).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/store/git_api.hpp"

namespace accord::git {

// One entry of a tree, pointing into the tree's bytes.
struct TreeEntry {
    std::string_view name;  // within the object's bytes
    std::uint32_t mode;     // normalised, as git_tree_entry_filemode gives it
    const git_oid* id;      // within the object's bytes
    bool is_tree() const { return mode == GIT_FILEMODE_TREE; }
};

// What a walk needs of a commit to go on: its tree and its parents.
struct CommitHeader {
    git_oid tree;
    std::vector<git_oid> parents;  // first parent first
};

// The header of the commit object `bytes`: a "tree" line, the "parent"
// lines, an author and a committer, in the form git writes them (which
// libgit2 takes). Nullopt when the bytes are not so: the caller reads the
// commit with libgit2, which takes it or names the fault. Never takes a
// header libgit2 would refuse.
std::optional<CommitHeader> parse_commit_header(std::string_view bytes);

// The mode of a tree entry as libgit2 reports it: a tree, a submodule, a
// link, an executable file or a file, whatever permission bits were written.
std::uint32_t normalised_mode(std::uint32_t raw_mode);

// Parses the bytes of a tree object into `out`; false when they do not
// parse (a mode that is not octal, a name without its end, a short id).
bool parse_tree(std::string_view bytes, std::vector<TreeEntry>& out);

}  // namespace accord::git
