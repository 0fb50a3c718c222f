#pragma once
// What a merge of redrafts did of its own, told apart from what its merged
// branches brought: the log lists the former at the merge and the latter at
// the branches' own proposals.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/notation/document.hpp"
#include "core/notation/source_map.hpp"
#include "merge/diff/structural_diff.hpp"

namespace accord {

// Which changes a merge made to a text against its first parent
// (`first_parent` to `merged`) the merged branches (`branches`: the text at
// each other parent) brought though none of them made it so: two branches'
// edits side by side that the merge's comparison reads as one ("five
// years." -> "ten years, as appropriate." from one branch's "ten" and
// another's ", as appropriate"). So it is when every word, number or mark
// the change put in stands in some branch (that branch's text compared with
// the merge keeps it) and every one it took out is gone from exactly one
// branch (compared with the first parent): two branches that took out the
// same word made changes that met, and the merge settled them, which is its
// own doing. The brackets a merge draws around a disagreement stand in no
// branch: such a change is the merge's own; so is a change on a line the
// merge listed as a disagreement it kept (`disagreement_lines`, 1-based, in
// `merged`). A change that puts in and takes out no token (a status, a move
// told by ranges alone) is not said to be brought. The texts are compared
// once, when made; the documents must outlive it.
class BranchEvidence {
  public:
    BranchEvidence(const Document& first_parent, const Document& merged,
                   const std::vector<Document>& branches,
                   const std::vector<std::size_t>& disagreement_lines);
    bool brought(const Change& change) const;

  private:
    struct Piece {
        std::size_t begin = 0, end = 0;  // bytes, in its text
        bool evidence = false;  // put in: stands in a branch; taken out: gone from exactly one
    };
    std::vector<Piece> put_in_, taken_out_;  // wording tokens the merge added, removed
    std::vector<std::size_t> disagreement_lines_;
    SourceMap merged_lines_;
};

// The disagreements an `accord merge` listed in its message ("Disagreements
// kept in the text:", one "PATH:LINE: ..." each): the lines of each path.
// `complete` is false where the list was cut short ("and N more").
struct ListedDisagreements {
    std::map<std::string, std::vector<std::size_t>> lines;
    bool complete = true;
};
ListedDisagreements listed_disagreements(const std::string& message);

}  // namespace accord
