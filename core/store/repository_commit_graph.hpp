#pragma once
// Private to core/store/repository*.cpp (it brings in git2.h): git's
// commit-graph file (objects/info/commit-graph, written by `git gc` and
// `git commit-graph write`), read for what a walk needs of the commits it
// passes by: their tree and parents, without reading the commits. It is
// what lets `git log -- PATH` pass 10,000 commits in a few milliseconds.
//
// The file is git's cache, keyed by commit id: a commit's id fixes its tree
// and parents, so an entry found is right whatever the age of the file, and
// a commit missing from it (newer than the file) is read from the object
// database. A file that does not hold together (short, offsets or positions
// out of range, ids out of order or twice, a chain of split graphs) is not
// used at all; a position out of range in one entry leaves that commit to
// be read.
#include <optional>
#include <string>

#include "core/store/git_object_parse.hpp"

namespace accord::git {

class CommitGraph {
  public:
    // The graph of the repository whose common git directory is
    // `common_dir` (ending in '/'); empty when there is none or it is not
    // usable (see above). Never follows a symbolic link.
    static CommitGraph open(const std::string& common_dir);
    // The graph in `bytes`, a commit-graph file's contents.
    static CommitGraph parse(std::string bytes);

    bool empty() const { return commits_ == 0; }
    std::size_t size() const { return commits_; }
    // The tree and parents of commit `id`, when the graph holds it.
    std::optional<CommitHeader> find(const git_oid& id) const;

  private:
    std::string bytes_;
    std::size_t commits_ = 0;
    std::size_t fanout_ = 0, ids_ = 0, data_ = 0, edges_ = 0, edge_count_ = 0;
};

}  // namespace accord::git
