#pragma once
// Blame's graveyard: everything ever deleted from the texts blamed
// together, word by word with each word's origin, in runs (what one
// proposal took out of one place), indexed for the restorations of later
// versions. What counts as evidence that added wording is deleted wording
// coming back is said in blame.hpp; this is where it is decided.
#include <cstdint>
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
    // added token lies in tokens [first, last).
    void restore(Attributed& to, std::uint32_t text, const Flags& claimed, const Flags& rewritten,
                 std::uint32_t first, std::uint32_t last);

    // The word (or number) next to a run, within its paragraph, punctuation
    // passed over: the same occurrence has the same id and origin. `edge`: there is none (the
    // paragraph starts or ends there).
    struct Neighbour {
        bool edge = true;
        std::uint32_t id = 0;
        std::uint32_t proposal = kNoProposal;  // its origin
        bool operator==(const Neighbour&) const = default;
    };
    struct Word {
        std::uint32_t id;
        Origin origin;
        std::uint32_t run;
    };
    struct Run {
        std::uint32_t first = 0, length = 0;  // its tokens in words_
        std::uint32_t words = 0;              // of which words and numbers
        std::uint32_t text = 0, deleted_by = 0;
        Neighbour before, after;
        bool between_marks = false;  // a bracket, option, strike or paragraph's whole wording
    };
    // Everything buried so far, to go on from later (a blame checkpoint):
    // the index is made again from it.
    struct State {
        std::vector<Word> words;
        std::vector<Run> runs;
    };
    State state() const { return {words_, runs_}; }
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

    bool may_come_back(const Run& run, std::uint32_t text, std::uint32_t proposal) const;
    bool evidence(const Run& run, const Attributed& to, std::uint32_t text,
                  const Stretch& stretch) const;
    void assign(Attributed& to, std::uint32_t token, const Word& word) const;

    std::uint64_t hash_words(std::size_t first, std::size_t length) const;

    bool across_texts_;
    std::size_t run_words_;
    std::vector<Word> words_;
    std::vector<Run> runs_;
    PositionChains grams_;  // kGram consecutive ids of one run -> their first word
    PositionChains whole_;  // a whole run's ids -> the run
    // Per token of the version at hand, all zero between calls (kept, not
    // made again for every version).
    Flags is_removed_, assigned_;
};

}  // namespace accord::blame_detail
