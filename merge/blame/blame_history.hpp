#pragma once
// Blame over a repository's history: the file's versions are read from git
// (only the commits that changed it), then handed to the engines.
#include <optional>
#include <string>
#include <vector>

#include "core/store/workspace.hpp"
#include "merge/blame/blame.hpp"
#include "merge/report/history.hpp"

namespace accord {

// The versions of `path` up to `commit`, oldest first, with each version's
// parents mapped onto earlier versions (a git parent that did not change the
// file maps to the version it holds). proposals[i] describes versions[i].
struct FileHistory {
    std::vector<BlameVersion> versions;
    std::vector<Proposal> proposals;
};
FileHistory file_history(const Workspace& workspace, const std::string& path,
                         const std::string& commit);

struct BlameFileOptions {
    // Also find wording deleted from any other text by an earlier proposal
    // (wording a proposal moved from another text is found either way).
    bool across_texts = false;
    // The revision as the user named it ("2014-02-25", "WGEC-3"), for
    // messages; "" names the commit.
    std::string at_label;
};

// The usage error for a path that holds no text at `commit`: absent (never
// recorded, or deleted: by whom, and where it last stood), a symbolic link
// (never read as a text), a directory or a submodule, said as such; the
// revision named `at_label` ("" for the commit).
[[noreturn]] void throw_no_text(const Workspace& workspace, const std::string& commit,
                                const std::string& path, const std::string& at_label = "");

struct FileBlame {
    std::string path;
    std::string revision;  // commit id
    // proposals[i] describes versions[i]; past versions.size() come the
    // proposals of other texts whose wording stands in this one (moved or
    // tabled again), which did not change this file. The versions' texts are
    // left empty (a long history is never held in memory whole).
    FileHistory history;
    BlameResult result;  // origins and restored_by index history.proposals
    // The names the text had, its path first, and per version of
    // history.versions the index of the one it stood at then (a text moved
    // since stood at an old name). Filled by blame_files; blame_file
    // leaves them empty.
    std::vector<std::string> names;
    std::vector<std::size_t> version_names;
};
// Blames `path` at `commit`. When other texts share a proposal with it (or
// any earlier one, with across_texts), they are walked with it in one pass
// (blame_texts), each only as far as it can give wording to this one.
FileBlame blame_file(const Workspace& workspace, const std::string& path, const std::string& commit,
                     const BlameFileOptions& options = {});

}  // namespace accord
