#pragma once
// The negotiation rules of the token merge: how a chunk both sides changed
// is settled, and how the front matter merges, key by key.
//   the same change on both sides; one side's change; one side only
//   deleting beside the other's additions; one side making the other's
//   change and more                           taken as it stands
//   both add options to one bracket or group  united, ours first, each once
//   both add whole paragraphs at one place    both, ours first; reported
//   both add a whole text where there was none  each side's text an
//                                             alternative, ours first; reported
//   one adds paragraphs where the other adds words opening or closing a
//   paragraph                                 both, in the order of the text
//   both change a status tag, or one marks agreed
//   what the other deletes from               "agreed" gives way; reported
//   one deletes text, the other edits it      the edit, bracketed
//   both only struck words, overlapping       one strike over the words either struck
//   both put different wording in one place   an alternatives group [ours][theirs]
//   strict                                    conflict markers
#include "merge/merge3/merge3.hpp"
#include "merge/merge3/merge3_chunks.hpp"
#include "merge/merge3/merge3_inputs.hpp"
#include "merge/merge3/merge3_output.hpp"

namespace accord::token_merge {

// Writes the merged front matter: a side's whole block when the other kept
// the base's, else key by key: a list of delegations both changed united
// (merge3_front_matter_lists.hpp), another key both changed differently
// taking ours and reported by name, or, with `options.strict`, both sides'
// lines for it between conflict markers.
void merge_front_matter(const Document& base, const Document& ours, const Document& theirs,
                        const MergeOptions& options, MergedText& out);

// The sides changed the chunk differently, and no rule short of the
// negotiation rules (one side's change, or both sides' changes side by
// side) settles it.
bool is_conflict(const MergeInputs& in, const Chunk& x);

// A conflict a rule settles without looking at its neighbours: both added
// options or paragraphs at one place, or both changed a status tag.
bool settles_in_place(const MergeInputs& in, const Chunk& x);

// One side only moved strike marks in `x` (its wording is the base's) where
// the other side stands inside a strike the base did not have: two proposed
// deletions overlap. Settled in place, the one's mark would land inside the
// other's strike ("~~a ~~b~~ c~~"); grown until both strikes are whole,
// the chunk unites them (every word either side struck stays struck).
bool strike_meets_strike(const MergeInputs& in, const Chunk& x);

// One side kept the base's wording of `x`, standing inside a strike the
// base did not have, where the other side replaced that wording ("~~[a]~~"
// against "[b]"): a proposed deletion of words the other side rewrote.
// Settled in place, only the struck marks around the edit would stay struck
// ("~~[~~b~~]~~") and the struck wording would be lost; grown until the
// strike is whole, the chunk is a disagreement like any other.
bool edit_meets_strike(const MergeInputs& in, const Chunk& x);

// Writes the merged text of unstable chunks.
// `text` with its layout taken out: each run of white space within a
// paragraph as one space, a paragraph break (a blank line) as "\n\n". Two
// texts equal so differ only in how their lines are wrapped.
std::string without_layout(std::string_view text);

// Which side alone marks the paragraph agreed in chunk `x`: its part names
// the status "agreed" where the base's part and the other side's do not
// (the other kept the base's); none when neither or both.
enum class AgreedBy { none, ours, theirs };
AgreedBy agreed_alone(const MergeInputs& in, const Chunk& x);

class ChunkResolver {
  public:
    ChunkResolver(const MergeInputs& in, const MergeOptions& options, MergedText& out)
        : in_(in), options_(options), out_(out) {}

    // The whole base had no text (git's add/add, or a text moved where the
    // other side added another): paragraphs both added are each side's text,
    // not paragraphs added to one text (put_both_paragraphs).
    void no_base_text() { no_base_text_ = true; }

    void resolve(const Chunk& x);
    // A chunk in which one side alone marked its paragraph agreed while the
    // other changed that paragraph's wording (another chunk): agreement on
    // the old text does not cover the new, so the other side's status (the
    // base's) stands, and the disagreement is reported.
    void withhold_agreement(const Chunk& x);
    // One side only put a status tag where the other added words: see the
    // definition. False when the chunk is not that.
    bool resolve_tag_beside_words(const Chunk& x);
    // One side only put a tag of agreement beside the base's text where the
    // other deleted some of it ("[now] (agreed)" against the bracket
    // deleted): agreement on the words does not cover their deletion, nor
    // what is left, so the deletion stands, the tag gives way, and the
    // status disagreement is reported. False when the chunk is not that.
    bool resolve_agreement_beside_deletion(const Chunk& x, const std::string& b,
                                           const std::string& o, const std::string& t);
    // A chunk grown to whole paragraphs: one side's paragraphs if the other
    // kept the base's, else both, bracketed, ours first.
    void resolve_paragraphs(const Chunk& x);
    // Past the words all three share at the chunk's start and end ("**Option
    // 2:**"), one side deleted what the other edited: the edit, bracketed
    // (`bracket_the_edit`, unless it is one bracket or group already) or as
    // written, the shared words around it. False when the chunk is not that.
    bool resolve_deletion_past_shared_ends(const Chunk& x, bool bracket_the_edit);

  private:
    bool put_outside_strike(const Chunk& x, const std::string& o, const std::string& t);
    void resolve_conflict(const Chunk& x);
    void put_conflict_markers(const Chunk& x, const std::string& o, const std::string& t);
    // Each side's part of `x` keeps its brackets and strikes paired within
    // it, so that it can stand bracketed as an option.
    bool sides_wrap_cleanly(const Chunk& x) const;
    void union_of_options(const Chunk& x);
    void put_both_paragraphs(const Chunk& x);
    void put_paragraphs_beside_words(const Chunk& x);
    // Both inserted after a bracket of the base: one side an option for it,
    // flush against it, the other a bracket set apart by a space. Both stand,
    // the option beside its bracket.
    void put_options_beside_words(const Chunk& x);
    void resolve_status(const Chunk& x);
    void put_bracketed(Text side, std::uint32_t from, std::uint32_t to);
    bool put_bracketed_around_headings(Text side, std::uint32_t from, std::uint32_t to);
    void put_alternatives(const Chunk& x);
    // Both inserted wording at one place that opens or closes with the
    // same words: see the definition. False when the chunk is not that.
    bool put_alternatives_past_shared_words(const Chunk& x);
    void put_paragraph_alternatives(const std::string& o, const std::string& t);

    const MergeInputs& in_;
    const MergeOptions& options_;
    MergedText& out_;
    bool no_base_text_ = false;
};

}  // namespace accord::token_merge
