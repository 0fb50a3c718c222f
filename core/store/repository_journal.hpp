#pragma once
// Private to core/store/repository*: the journal of a command that moves a
// branch (core/store/journal.hpp) as the repository layer writes, applies
// and recovers it. Recording (repository_commit.cpp) and recovery share
// apply_journal, so that finishing an interrupted command does exactly what
// the command would have done.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/store/journal.hpp"
#include "core/store/repository_git.hpp"

namespace accord::journal {

// .git/accord-journal (per work tree: the index it describes is).
std::string path_of(git_repository* repo);
// .git/accord.lock, shared by every work tree of the repository.
std::string lock_path_of(git_repository* repo);

// A write into the repository failed before the branch moved: a full disk
// says so plainly (libgit2's own words for it were "index does not contain
// ..." or "target OID for the reference doesn't exist"), a file size limit
// too, anything else with libgit2's reason; each says nothing was recorded.
// `wanted_bytes`: what the write needed, to tell a nearly full disk.
[[noreturn]] void fail_write(git_repository* repo, const std::string& what,
                             const std::string& where, std::size_t wanted_bytes,
                             const std::string& reason = "");

// Writes the journal atomically. An error (a full disk) throws, before
// anything else was changed, saying that nothing was recorded.
void write(const Repository::Impl& impl, const Journal& journal);
void remove(git_repository* repo);

// Why the index cannot be written while git holds its lock: the lock file,
// what holds it, what to do (one sentence, no final stop).
std::string index_locked(git_repository* repo, const std::string& where);

// The contents a journal file's blob stands for: given by the caller when it
// has them in memory, else read from the object database.
using ContentsOf = std::function<std::string(const JournalFile&)>;

struct Applied {
    bool head_switched = false;
    bool index_synced = false;
    std::vector<std::string> kept;  // work tree files left as someone changed them
    std::string skipped_why;        // why the index was left alone, when it was
};

// Once the branch points at journal.new_tip: HEAD switched if asked (and
// still where the command left it), then, when HEAD names the branch, the
// work tree files the journal writes and the index entries of its paths.
// `patient`: wait up to 5 s for an index another program holds, rather than
// about 0.3 s. Throws on I/O errors; everything it does is idempotent.
Applied apply(Repository::Impl& impl, const Journal& journal, const ContentsOf& contents,
              bool patient);

// With the lock held: finishes or rolls back the journal a killed command
// left, if any, and says so (notice). Called before recording and when a
// repository is opened.
std::optional<Recovery> recover_locked(Repository::Impl& impl, bool patient);

}  // namespace accord::journal
