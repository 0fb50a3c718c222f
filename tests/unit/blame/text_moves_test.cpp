// follow_text_moves over histories written as data: which changes of which
// paths are one text's, across moves, moves back, parallel edits at the old
// path and another text tabled later under the old name.
#include "merge/blame/text_moves.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace accord {
namespace {

// A history as its changes per path (commit numbers: larger is newer),
// blobs by id.
class History {
  public:
    void change(const std::string& path, std::size_t commit, std::optional<std::string> old_blob,
                std::optional<std::string> new_blob) {
        changes_[path].push_back({commit, std::move(old_blob), std::move(new_blob)});
    }
    void blob(const std::string& id, const std::string& text) { blobs_[id] = text; }

    TextMoveSource source() const {
        TextMoveSource out;
        out.changes_of = [this](const std::string& path) {
            const auto it = changes_.find(path);
            return it == changes_.end() ? std::vector<PathChange>{} : it->second;
        };
        out.deleted_at = [this](std::size_t commit) {
            std::vector<std::pair<std::string, std::string>> deleted;
            for (const auto& [path, changes] : changes_) {
                for (const PathChange& c : changes)
                    if (c.commit == commit && c.old_blob && !c.new_blob)
                        deleted.emplace_back(path, *c.old_blob);
            }
            return deleted;
        };
        out.read = [this](const std::string& id) -> const std::string& { return blobs_.at(id); };
        return out;
    }

  private:
    std::map<std::string, std::vector<PathChange>> changes_;
    std::map<std::string, std::string> blobs_;
};

// The (commit, name) of each change of the followed text, and the blob it
// made ("-": deleted).
std::vector<std::pair<std::size_t, std::string>> steps(const FollowedText& text) {
    std::vector<std::pair<std::size_t, std::string>> out;
    for (const FollowedText::Change& c : text.changes)
        out.emplace_back(c.change.commit,
                         text.names[c.name] + ":" + c.change.new_blob.value_or("-"));
    return out;
}

const std::string kReport = "The Chair shall report annually to the Assembly on progress made.\n";
const std::string kReportEdited =
    "The Chair shall report annually to the Assembly on [all] progress made.\n";
const std::string kOther = "Observers may attend sessions of working groups as agreed.\n";

using Steps = std::vector<std::pair<std::size_t, std::string>>;

TEST(FollowTextMoves, AMovedTextHasItsOldPathsVersions) {
    History h;
    h.blob("r1", kReport);
    h.blob("r2", kReportEdited);
    h.change("a.md", 1, std::nullopt, "r1");
    h.change("a.md", 2, "r1", std::nullopt);  // moved to b.md
    h.change("b.md", 2, std::nullopt, "r1");
    h.change("b.md", 3, "r1", "r2");
    const FollowedText text = follow_text_moves("b.md", h.source());
    EXPECT_EQ(text.names, (std::vector<std::string>{"b.md", "a.md"}));
    EXPECT_EQ(steps(text), (Steps{{1, "a.md:r1"}, {2, "b.md:r1"}, {3, "b.md:r2"}}));
}

TEST(FollowTextMoves, ADifferentTextMadeInTheSameCommitIsNoMove) {
    History h;
    h.blob("r1", kReport);
    h.blob("o1", kOther);
    h.change("a.md", 1, std::nullopt, "r1");
    h.change("a.md", 2, "r1", std::nullopt);  // withdrawn
    h.change("b.md", 2, std::nullopt, "o1");  // another text tabled
    const FollowedText text = follow_text_moves("b.md", h.source());
    EXPECT_EQ(text.names, (std::vector<std::string>{"b.md"}));
    EXPECT_EQ(steps(text), (Steps{{2, "b.md:o1"}}));
}

// An edit made at the old path on another line after the move (merged
// later) is the text's; a text tabled under the old name later is not.
TEST(FollowTextMoves, ParallelEditsAtTheOldPathButNotALaterTextThere) {
    History h;
    h.blob("r1", kReport);
    h.blob("r2", kReportEdited);
    h.blob("o1", kOther);
    h.change("a.md", 1, std::nullopt, "r1");
    h.change("a.md", 2, "r1", std::nullopt);  // moved to b.md
    h.change("b.md", 2, std::nullopt, "r1");
    h.change("a.md", 3, "r1", "r2");          // another site, before it pulled the move
    h.change("b.md", 4, "r1", "r2");          // the merge
    h.change("a.md", 5, std::nullopt, "o1");  // a new text under the old name
    h.change("a.md", 6, "o1", std::nullopt);
    const FollowedText text = follow_text_moves("b.md", h.source());
    EXPECT_EQ(steps(text), (Steps{{1, "a.md:r1"}, {2, "b.md:r1"}, {3, "a.md:r2"}, {4, "b.md:r2"}}));
}

// Moved away and back: one text, whose move away is not a deletion.
TEST(FollowTextMoves, AMoveBackToAnEarlierName) {
    History h;
    h.blob("r1", kReport);
    h.change("a.md", 1, std::nullopt, "r1");
    h.change("a.md", 2, "r1", std::nullopt);
    h.change("b.md", 2, std::nullopt, "r1");
    h.change("b.md", 3, "r1", std::nullopt);
    h.change("a.md", 3, std::nullopt, "r1");
    const FollowedText text = follow_text_moves("a.md", h.source());
    EXPECT_EQ(text.names, (std::vector<std::string>{"a.md", "b.md"}));
    EXPECT_EQ(steps(text), (Steps{{1, "a.md:r1"}, {2, "b.md:r1"}, {3, "a.md:r1"}}));
}

}  // namespace
}  // namespace accord
