#pragma once
// Texts a side of a merge (or a commit) moved to another path
// (recs/B-1.md moved to agreed/B-1.md, perhaps edited on the way), found as
// git's merge finds renames: a text the side no longer has at its old path,
// and one it added, that share at least half the words of their bodies
// (front matter left out; two texts whose front matter gives different ids
// are never one, unless the id was renumbered with the path: art-4 at
// art/04-mitigation.md made art-3 at art/03-mitigation.md). So a redraft
// that moves a text while the other side edits it merges the edit into the
// moved text instead of leaving two copies, and a log of the text goes on
// before the move.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/store/repository.hpp"

namespace accord {

struct Rename {
    std::string from, to;
};

// Path -> blob id.
using TreeFiles = std::map<std::string, std::string>;
// The contents of a blob by id; what it returns must stay where it is for
// the whole call (a cache that never moves its entries).
using ReadBlob = std::function<const std::string&(const std::string& blob_id)>;

// Blobs read once each through a repository, as find_renames reads them:
// a blob too large to compare word by word (or to read at all: a hostile
// clone's) reads as empty, so it pairs only with the very same blob and
// never stops the command that looks for moves. What it returns stays
// where it is while it lives.
class RenameBlobs {
  public:
    explicit RenameBlobs(const Repository& repo) : repo_(repo) {}
    // A text the caller already holds (one not in the repository yet).
    void put(const std::string& blob_id, std::string text);
    const std::string& operator()(const std::string& blob_id);

  private:
    const Repository& repo_;
    std::unordered_map<std::string, std::string> blobs_;
};

// The renames from `base` to `side`: only negotiation texts (.md, .txt);
// each old path and each new path in at most one rename, the most similar
// pairs first, an identical text before any other. With more than 200
// removed or added texts only identical ones are paired (the pairing
// compares every removed text with every added one).
std::vector<Rename> find_renames(const TreeFiles& base, const TreeFiles& side,
                                 const ReadBlob& read);

// The share of words two texts have in common (as multisets), against the
// longer one's count: 1 for the same words, 0 for none in common.
double word_similarity(std::string_view a, std::string_view b);

// The id a text's front matter gives it (its "id:" line), or "" when none.
std::string front_matter_id(std::string_view text);

}  // namespace accord
