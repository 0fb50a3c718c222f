#pragma once
// Blame's graveyard: everything ever deleted from the texts blamed
// together, word by word with each word's origin, in runs (what one
// proposal took out of one place), indexed for the restorations of later
// versions. What counts as evidence that added wording is deleted wording
// coming back is said in blame.hpp; this is where it is decided.
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "merge/blame/attributed.hpp"
#include "merge/blame/blame_positions.hpp"

namespace accord::blame_detail {

class Graveyard {
  public:
    // across_texts: wording deleted from another text by an earlier
    // proposal may come back (moves within one proposal always may).
    // run_words: the fewest words (and numbers) of a run found again that
    // are evidence enough alone.
    Graveyard(bool across_texts, std::size_t run_words)
        : across_texts_(across_texts), run_words_(run_words) {}

    // Records the removed tokens of `from`, a version of text `text`, as
    // removed by proposal `by`. `removed` is in increasing order. A run goes
    // on across removed marks and white space ("[assembly names
    // [knowledge]]" deleted is one run "assembly names knowledge") and ends
    // where a kept token stands or a paragraph ends.
    void bury(const Attributed& from, std::uint32_t text, const std::vector<std::uint32_t>& removed,
              std::uint32_t by);

    // Gives back their origins to the added wording of `to` (a version of
    // text `text`; `claimed[t]` is set for every token carried from a
    // parent) that the evidence shows to be deleted wording: a long enough
    // run, or a whole deleted run in its place or between marks. In a
    // paragraph the proposal rewrote (`rewritten[t]`, when not empty), only a
    // run twice as long: a rewrite reuses the drafters' stock phrases. Every
    // added token lies in tokens [first, last). Wording the proposals in
    // `unseen` (in increasing order) deleted from this text is not brought
    // back: they are on another line of the history than `to`, whose text
    // never lost it.
    void restore(Attributed& to, std::uint32_t text, const Flags& claimed, const Flags& rewritten,
                 std::uint32_t first, std::uint32_t last, std::span<const std::uint32_t> unseen);

    // The word (or number) next to a run, within its paragraph, punctuation
    // passed over. `edge`: there is none (the paragraph starts or ends there).
    struct Neighbour {
        bool edge = true;
        std::uint32_t id = 0;
        std::uint32_t proposal = kNoProposal;  // its origin
        std::uint32_t serial = 0;              // which occurrence (Origin::serial)
        // The same word of the same proposer: what a word kept where it
        // stood, or brought back with it from the graveyard, still is.
        bool same_word(const Neighbour& other) const {
            return !edge && !other.edge && id == other.id && proposal == other.proposal;
        }
        // The very word that stood there.
        bool same_occurrence(const Neighbour& other) const {
            return same_word(other) && serial == other.serial;
        }
    };
    struct Word {
        std::uint32_t id;
        Origin origin;
        std::uint32_t run;
    };
    // A mark (bracket, option separator, strike) deleted with wording: it
    // stood before word `word` of the graveyard, or after it (`after`, for
    // the marks that closed a run). It comes back with the words around it,
    // keeping its own origin: a bracket moved with its wording stays the
    // bracketing delegation's.
    struct Mark {
        std::uint32_t word = 0;
        std::uint32_t id = 0;
        Origin origin;
        bool after = false;
        // The order marks are buried in: by word, those before it first.
        std::uint64_t place() const { return std::uint64_t{word} * 2 + (after ? 1 : 0); }
    };
    struct Run {
        std::uint32_t first = 0, length = 0;  // its tokens in words_
        std::uint32_t words = 0;              // of which words and numbers
        std::uint32_t text = 0, deleted_by = 0;
        Neighbour before, after;
        bool between_marks = false;  // a bracket, option, strike or paragraph's whole wording
        bool beside_mark = false;    // a mark or paragraph edge on at least one side
    };
    // Everything buried so far, to go on from later (a blame checkpoint):
    // the index is made again from it.
    struct State {
        std::vector<Word> words;
        std::vector<Run> runs;
        std::vector<Mark> marks;  // in order of place()
    };
    State state() const { return {words_, runs_, marks_}; }
    // Replaces what is buried by `state` (as state() gave it, for the same
    // texts and word ids); throws std::invalid_argument when its runs do
    // not fit its words.
    void restore_state(State state);

  private:
    // The Neighbour of `token` on one side (step -1: before it, +1: after it).
    static Neighbour nearest_word(const Attributed& a, std::uint32_t token, int step);

    // A stretch of the version being restored: wording tokens [begin, end) of `run`.
    struct Stretch {
        const std::vector<std::uint32_t>* run;
        std::size_t begin, end;
    };

    void restore_long(Attributed& to, std::uint32_t text, const std::vector<std::uint32_t>& run,
                      const Flags& claimed, Flags& assigned, std::size_t fewest_words);
    void restore_whole(Attributed& to, std::uint32_t text, const std::vector<std::uint32_t>& run,
                       const Flags& claimed, Flags& assigned);
    // The added marks around and between run[k, k + length) of `to`, just
    // given words_[w, w + length), that were buried there with them.
    void restore_marks(Attributed& to, const std::vector<std::uint32_t>& run, std::size_t k,
                       std::uint32_t w, std::size_t length, const Flags& claimed, Flags& assigned);
    // Records the removed marks of `from` next to a run's first or last
    // word `token` (step -1: before it, +1: after it), as standing before or
    // after graveyard word `word`.
    void bury_marks_beside(const Attributed& from, std::uint32_t token, int step,
                           std::uint32_t word, const Flags& is_removed);

    bool may_come_back(const Run& run, std::uint32_t text, std::uint32_t proposal) const;
    bool evidence(const Run& run, const Attributed& to, std::uint32_t text,
                  const Stretch& stretch) const;
    void assign(Attributed& to, std::uint32_t token, const Word& word) const;

    std::uint64_t hash_words(std::size_t first, std::size_t length) const;

    bool across_texts_;
    std::size_t run_words_;
    std::vector<Word> words_;
    std::vector<Run> runs_;
    std::vector<Mark> marks_;  // in order of place()
    PositionChains grams_;     // kGram consecutive ids of one run -> their first word
    PositionChains whole_;     // a whole run's ids -> the run
    // Per token of the version at hand, all zero between calls (kept, not
    // made again for every version).
    Flags is_removed_, assigned_;
    std::vector<std::uint32_t> marks_assigned_;  // marks set in assigned_, to clear after
    std::span<const std::uint32_t> unseen_;      // restore's `unseen`, during the call
};

}  // namespace accord::blame_detail
