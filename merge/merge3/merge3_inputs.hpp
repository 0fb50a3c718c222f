#pragma once
// The three texts of a token merge, ready for diff3: parsed, tokenized, each
// side diffed by token against the base, and every lift over the other
// side's edit undone (merge3_lifts.hpp), so that every later step sees the
// bracket. Each step runs in the constructor's body, in the order written
// there: none depends on the order the members are declared in.
#include <cstdint>
#include <vector>

#include "core/notation/document.hpp"
#include "core/notation/parse.hpp"
#include "core/notation/tokens.hpp"
#include "merge/diff/token_diff.hpp"
#include "merge/merge3/disagreement.hpp"

namespace accord::token_merge {

// One text of the merge: its document and tokens.
struct Text {
    const Document& doc;
    const std::vector<Token>& tokens;
};

class MergeInputs {
  public:
    MergeInputs(Document base, Document ours, Document theirs, const ParseOptions& parse);
    MergeInputs(const MergeInputs&) = delete;
    MergeInputs& operator=(const MergeInputs&) = delete;

    Text base() const { return {base_, base_tokens_.tokens}; }
    Text ours() const { return {ours_, ours_tokens_.tokens}; }
    Text theirs() const { return {theirs_, theirs_tokens_.tokens}; }

    // Where each base token is in ours / theirs; kNone where the side changed it.
    const std::vector<std::uint32_t>& base_to_ours() const { return to_ours_.old_to_new; }
    const std::vector<std::uint32_t>& base_to_theirs() const { return to_theirs_.old_to_new; }

    // One kept_bracketed disagreement per bracket whose lift was undone.
    const std::vector<Disagreement>& lifts_undone() const { return lifts_undone_; }

    // Where ours / theirs has a bracket or strike mark that pairs with
    // nothing (the parser's errors), sorted byte offsets: wording that
    // holds one cannot stand bracketed as an option.
    const std::vector<std::size_t>& unpaired_in_ours() const { return unpaired_ours_; }
    const std::vector<std::size_t>& unpaired_in_theirs() const { return unpaired_theirs_; }

  private:
    TokenDiff diff_with_base(const Document& side, InternedTokens& tokens);
    void pair_paragraphs_first(const Document& side, const InternedTokens& tokens,
                               TokenDiff& diff) const;
    void undo_lifts_over_edits(const ParseOptions& parse);

    Document base_, ours_, theirs_;
    TokenInterner interner_;  // the base is interned once for both diffs
    InternedTokens base_tokens_, ours_tokens_, theirs_tokens_;
    TokenDiff to_ours_, to_theirs_;  // without copies of the tokens
    std::vector<Disagreement> lifts_undone_;
    std::vector<std::size_t> unpaired_ours_, unpaired_theirs_;
};

}  // namespace accord::token_merge
