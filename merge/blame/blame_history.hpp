#pragma once
// Blame and "who proposed this wording" over a repository's history: the
// file's versions are read from git (only the commits that changed it), then
// handed to the engines.
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

struct FileBlame {
    std::string path;
    std::string revision;  // commit id
    FileHistory history;
    BlameResult result;
};
FileBlame blame_file(const Workspace& workspace, const std::string& path,
                     const std::string& commit);

// accord who: the first proposal whose text held the wording, and what became of it.
enum class WordingState { proposed, bracketed, struck, agreed, deleted, restored, standing };
std::string_view to_string(WordingState state);

struct WordingEvent {
    WordingState state;
    Proposal proposal;
    std::string path;
};

struct WhoReport {
    std::string phrase;
    std::vector<WordingEvent> events;  // oldest first; the first is the proposal that introduced it
    bool stands = false;               // in the current text
    std::string current_state;         // "agreed", "bracketed", "struck" or "absent"
};

// Searches the given paths (default: every text) for `phrase`, compared with
// white space collapsed. Returns nullopt when no version ever held it.
std::optional<WhoReport> who_proposed(const Workspace& workspace, const std::string& phrase,
                                      const std::vector<std::string>& paths);

}  // namespace accord
