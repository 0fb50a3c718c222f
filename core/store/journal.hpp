#pragma once
// The journal of a command that moves a branch: what the index and the work
// tree must hold once the branch has moved, written before it moves.
//
// Moving a branch and bringing the index and the work tree in line with it
// cannot be one atomic step. A command killed between the two (kill -9, a
// crash, a closed laptop lid on a dying battery) used to leave the branch
// moved and the index old: `git status` showed MM, and an innocent
// `git add && git commit` recorded the old text again, silently reverting
// the proposal. So the command writes this journal first (under
// .git/accord.lock), then moves the branch, then updates the index and the
// work tree, then removes the journal. Whoever finds a journal left behind
// (the next accord command, or `accord recover`) looks at the branch:
//  - at the journal's new commit: the command recorded it; finish it (HEAD,
//    then the work tree files as the journal says, then the index);
//  - still at the old commit: nothing was recorded, and nothing else was
//    written either; the journal is dropped;
//  - anywhere else: someone moved the branch since; nothing is touched.
//
// The format is a few lines of text, one field per line, values
// percent-encoded (a path may hold any byte but NUL), ending with "end" so
// that a truncated journal is never taken for a whole one.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord {

struct JournalFile {
    std::string path;  // relative to the work tree, '/'-separated
    std::string blob;  // the new contents' blob id; empty: the path is deleted
    std::uint32_t mode = 0;
    // Whether the work tree file is written (or deleted), and what stood
    // there before the command (the blob id its bytes would have; empty: no
    // file). A file found neither so nor as recorded was changed by someone
    // since, and recovery leaves it as it is.
    bool write_worktree = false;
    std::string worktree_before;
    bool operator==(const JournalFile&) const = default;
};

struct Journal {
    std::string operation;     // what the user ran: "propose", "merge", "import", "redraft start"
    std::string branch;        // the branch that moves, a short name ("main")
    std::string old_tip;       // its commit before; empty: it did not exist
    std::string new_tip;       // the commit it moves to
    std::string head_before;   // the branch HEAD named when the command started; empty: detached
    bool switch_head = false;  // HEAD is to name `branch` once it has moved
    // The index (and, per file, the work tree) follow the branch: it is, or
    // becomes, the one HEAD names.
    bool sync_index = false;
    std::vector<JournalFile> files;
    std::int64_t pid = 0;  // the process that wrote it, for messages
    bool operator==(const Journal&) const = default;
};

std::string format_journal(const Journal& journal);
// nullopt when `text` is not a whole journal of this format.
std::optional<Journal> parse_journal(std::string_view text);

// For the crash-safety tests: when the environment variable
// ACCORD_TEST_CRASH_AT names `point`, the process kills itself there with
// SIGKILL, as kill -9 or a crash would stop it. The points are named where
// they are called ("journal-written", "branch-moved", "worktree-written").
void crash_point(const char* point);

}  // namespace accord
