// follow_text_moves over histories written as data: which changes of which
// paths are one text's, across moves, moves back, parallel edits at the old
// path and another text tabled later under the old name.
#include "merge/blame/text_moves.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
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

    TextMoveSource source() {
        moves_ = std::make_unique<CommitMoves>(
            [this](const std::string& id) -> const std::string& { return blobs_.at(id); });
        for (const auto& [path, changes] : changes_) {
            for (const PathChange& c : changes) moves_->add(c.commit, path, c.old_blob, c.new_blob);
        }
        TextMoveSource out;
        out.changes_of = [this](const std::string& path) {
            const auto it = changes_.find(path);
            return it == changes_.end() ? std::vector<PathChange>{} : it->second;
        };
        out.moved_from = [this](std::size_t commit, const std::string& path) {
            return moves_->moved_from(commit, path);
        };
        return out;
    }

  private:
    std::map<std::string, std::vector<PathChange>> changes_;
    std::map<std::string, std::string> blobs_;
    std::unique_ptr<CommitMoves> moves_;
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
// later) is the text's.
TEST(FollowTextMoves, ParallelEditsAtTheOldPathAreTheTexts) {
    History h;
    h.blob("r1", kReport);
    h.blob("r2", kReportEdited);
    h.change("a.md", 1, std::nullopt, "r1");
    h.change("a.md", 2, "r1", std::nullopt);  // moved to b.md
    h.change("b.md", 2, std::nullopt, "r1");
    h.change("a.md", 3, "r1", "r2");  // another site, before it pulled the move
    h.change("b.md", 4, "r1", "r2");  // the merge
    const FollowedText text = follow_text_moves("b.md", h.source());
    EXPECT_EQ(steps(text), (Steps{{1, "a.md:r1"}, {2, "b.md:r1"}, {3, "a.md:r2"}, {4, "b.md:r2"}}));
}

// Another text tabled later under the old name is not the moved text's.
TEST(FollowTextMoves, AnotherTextLaterAtTheOldNameIsNotTheTexts) {
    History h;
    h.blob("r1", kReport);
    h.blob("o1", kOther);
    h.change("a.md", 1, std::nullopt, "r1");
    h.change("a.md", 2, "r1", std::nullopt);  // moved to b.md
    h.change("b.md", 2, std::nullopt, "r1");
    h.change("a.md", 5, std::nullopt, "o1");  // a new text under the old name
    h.change("a.md", 6, "o1", std::nullopt);
    const FollowedText text = follow_text_moves("b.md", h.source());
    EXPECT_EQ(steps(text), (Steps{{1, "a.md:r1"}, {2, "b.md:r1"}}));
}

TEST(FollowTextMoves, RenumberingInCascadeIsFollowedOnlyWherePlain) {
    History h;
    h.blob("x", kReport);
    h.blob("y", kOther);
    h.change("2.md", 1, std::nullopt, "x");
    h.change("1.md", 1, std::nullopt, "y");
    h.change("2.md", 2, "x", std::nullopt);  // 2 -> 3
    h.change("3.md", 2, std::nullopt, "x");
    h.change("1.md", 3, "y", std::nullopt);  // 1 -> 2
    h.change("2.md", 3, std::nullopt, "y");
    h.change("3.md", 4, "x", std::nullopt);  // 3 -> agreed/3
    h.change("agreed/3.md", 4, std::nullopt, "x");
    h.change("2.md", 5, "y", std::nullopt);  // 2 -> 3 again
    h.change("3.md", 5, std::nullopt, "y");
    EXPECT_EQ(follow_text_moves("3.md", h.source()).names, (std::vector<std::string>{"3.md"}));
    // The text filed under agreed/ has a plain chain: followed, each old
    // name only while it held the text.
    const FollowedText filed = follow_text_moves("agreed/3.md", h.source());
    EXPECT_EQ(filed.names, (std::vector<std::string>{"agreed/3.md", "3.md", "2.md"}));
    EXPECT_EQ(steps(filed), (Steps{{1, "2.md:x"}, {2, "3.md:x"}, {4, "agreed/3.md:x"}}));
}

// Moved away and back: not followed (the name held the text twice).
TEST(FollowTextMoves, AMoveBackToAnEarlierNameIsNotFollowed) {
    History h;
    h.blob("r1", kReport);
    h.change("a.md", 1, std::nullopt, "r1");
    h.change("a.md", 2, "r1", std::nullopt);
    h.change("b.md", 2, std::nullopt, "r1");
    h.change("b.md", 3, "r1", std::nullopt);
    h.change("a.md", 3, std::nullopt, "r1");
    const FollowedText text = follow_text_moves("a.md", h.source());
    EXPECT_EQ(text.names, (std::vector<std::string>{"a.md"}));
    EXPECT_EQ(steps(text), (Steps{{1, "a.md:r1"}, {2, "a.md:-"}, {3, "a.md:r1"}}));
}

}  // namespace
}  // namespace accord
