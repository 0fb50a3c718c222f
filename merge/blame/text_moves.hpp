#pragma once
// A text moved to another path (git mv, renumbering, re-filing) is one text
// for blame: its versions at the old path are versions of it, and a merge
// whose other parent still holds it at the old path (a site that edited it
// before pulling the move; a redraft that moved it while main edited it)
// maps that parent onto them. Without this, wording written before a move
// was credited to the mover, or to the merge that joined the two lines.
//
// Moves are found as merge/diff/renames pairs them: in one commit, a text
// deleted at one path and one created at another that share half their
// words (front matter left out; different ids never paired).
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/store/repository.hpp"
#include "merge/blame/blame.hpp"
#include "merge/diff/renames.hpp"

namespace accord {

// One change of one path, as a history walk met it.
struct PathChange {
    std::size_t commit = 0;               // the caller's index of the commit: larger is newer
    std::optional<std::string> old_blob;  // in the first parent; nullopt: absent
    std::optional<std::string> new_blob;  // nullopt: deleted here
};

// A text followed back across its moves: the paths it had, the followed
// path first, and its changes at them, oldest first. The deletion of an old
// path by the commit that moved it is not a change of the text; nor is
// anything at an old path after a later creation there (another text tabled
// under the old name).
struct FollowedText {
    std::vector<std::string> names;
    struct Change {
        PathChange change;
        std::size_t name = 0;  // index into names
    };
    std::vector<Change> changes;
};

// The moves of each commit: the texts it deleted and those it made, paired
// as find_renames pairs them (once per commit, whatever the number of
// texts asked about).
class CommitMoves {
  public:
    using Read = std::function<const std::string&(const std::string& blob_id)>;
    explicit CommitMoves(Read read) : read_(std::move(read)) {}
    // A change of a text by commit `commit` (only deletions and creations
    // are kept).
    void add(std::size_t commit, const std::string& path,
             const std::optional<std::string>& old_blob,
             const std::optional<std::string>& new_blob);
    // The path `path` was moved from by `commit`, if it was made there by a move.
    std::optional<std::string> moved_from(std::size_t commit, const std::string& path);

  private:
    struct Sides {
        std::map<std::string, std::string> deleted, made;         // path -> blob
        std::optional<std::map<std::string, std::string>> moves;  // new -> old, once paired
    };
    Read read_;
    std::map<std::size_t, Sides> commits_;
};

struct TextMoveSource {
    // The changes of a path, oldest first (empty when the walk met none).
    std::function<std::vector<PathChange>(const std::string& path)> changes_of;
    // The path that `commit` moved `path` from, if it made it by a move.
    std::function<std::optional<std::string>(std::size_t commit, const std::string& path)>
        moved_from;
};
// At an old name, the text's life there is followed: back from the move
// away to the creation before it, and after it the edits of a line that
// had not moved it, up to another text made there. A name is followed back
// only where that is plain: every creation of the name in the text's life
// there is a move from one and the same old name, or none is (the text's
// first name). Where it is not (renumbering in cascade, a swap through a
// temporary name, a text moved onto a name just freed, moved back), nothing
// is followed: the texts are then attributed as separate texts whose
// wording moves between them in one proposal, which reads those right.
FollowedText follow_text_moves(const std::string& path, const TextMoveSource& source);

// The versions a text's changes make (oldest first), with each version's
// git parents mapped onto earlier versions: a parent that made a version
// gives it; another the latest version holding the blob the parent holds
// at any of the text's names. With `deletions`, a commit that deleted the
// text after a version makes an empty version (blob id ""), so that what a
// deleted text loses goes where the wording went, and a text deleted and
// made again goes on from the deletion.
struct VersionChange {
    const CommitInfo* commit = nullptr;
    std::optional<std::string> new_blob;
    // The blob at `name` in the first parent, when the walk knows it.
    std::optional<std::optional<std::string>> first_parent_blob;
    std::size_t name = 0;  // index into the names
};
struct MadeVersions {
    std::vector<BlameVersion> versions;  // id and parents filled in
    std::vector<std::size_t> made_by;    // the index into the changes of each version
};
MadeVersions make_versions(const Repository& repo, const std::vector<std::string>& names,
                           const std::vector<VersionChange>& changes, bool deletions);

}  // namespace accord
