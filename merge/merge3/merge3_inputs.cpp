#include "merge/merge3/merge3_inputs.hpp"

#include <utility>

#include "merge/merge3/merge3_lifts.hpp"

namespace accord::token_merge {

MergeInputs::MergeInputs(Document base, Document ours, Document theirs, const ParseOptions& parse)
    : base_(std::move(base)), ours_(std::move(ours)), theirs_(std::move(theirs)) {
    base_tokens_ = interner_.intern_units(base_);
    to_ours_ = diff_with_base(ours_, ours_tokens_);
    to_theirs_ = diff_with_base(theirs_, theirs_tokens_);
    undo_lifts_over_edits(parse);
}

// The token diff of the base with one side, whose tokens go to `tokens`
// (the diff keeps no copy). Only the paragraphs the paragraph diff leaves
// unmatched are diffed by token, so only their tokens are interned: most
// of a redraft is the base's paragraphs.
TokenDiff MergeInputs::diff_with_base(const Document& side, InternedTokens& tokens) {
    tokens = interner_.intern_units(side);
    const ChangedUnits changed = changed_units(base_tokens_, tokens);
    for (std::uint32_t u = 0; u < changed.before.size(); ++u) {
        if (changed.before[u]) interner_.intern_unit_tokens(base_, base_tokens_, u);
    }
    for (std::uint32_t u = 0; u < changed.after.size(); ++u) {
        if (changed.after[u]) interner_.intern_unit_tokens(side, tokens, u);
    }
    TokenDiffOptions options;
    options.copy_tokens = false;
    return diff_interned(base_tokens_, tokens, changed, options);
}

// Agreement does not cover new text: a lift over the other side's edit is
// undone in the lifting side's text, which is then parsed and diffed again.
void MergeInputs::undo_lifts_over_edits(const ParseOptions& parse_options) {
    const LiftsOverEdits lifts =
        find_lifts_over_edits(base_, base_tokens_.tokens, {ours_, ours_tokens_.tokens, to_ours_},
                              {theirs_, theirs_tokens_.tokens, to_theirs_});
    lifts_undone_ = lifts.disagreements;
    if (!lifts.in_ours.empty()) {
        ours_ = parse(put_back_marks(base_tokens_.tokens, {ours_, ours_tokens_.tokens, to_ours_},
                                     lifts.in_ours),
                      parse_options);
        to_ours_ = diff_with_base(ours_, ours_tokens_);
    }
    if (!lifts.in_theirs.empty()) {
        theirs_ =
            parse(put_back_marks(base_tokens_.tokens, {theirs_, theirs_tokens_.tokens, to_theirs_},
                                 lifts.in_theirs),
                  parse_options);
        to_theirs_ = diff_with_base(theirs_, theirs_tokens_);
    }
}

}  // namespace accord::token_merge
