#pragma once
// Blame accuracy on generated negotiation histories whose true proposer of
// every word is known, per behaviour: ordinary histories, long histories
// over a small vocabulary, wording moved and tabled again across texts,
// repeated adjacent words, redrafts that change several places at once.
// Every behaviour is measured over several seeds, with the generator's
// parameters varied per history (operation weights jittered, vocabulary,
// paragraphs, notation), so that the figures do not hold for one generator
// only. Shared by the accuracy tests and the blame benchmark.
#include <cstdint>
#include <string>
#include <vector>

#include "merge/blame/blame.hpp"
#include "support/negotiation_generator.hpp"

namespace accord::test {

// The span containing byte `offset`, or nullptr.
const BlameSpan* span_at(const BlameResult& result, std::size_t offset);

struct Count {
    std::size_t all = 0, right = 0;
    void add(bool ok) { ++all, right += ok; }
    void add(const Count& other) { all += other.all, right += other.right; }
    double share() const {
        return all == 0 ? 1.0 : static_cast<double>(right) / static_cast<double>(all);
    }
    std::string percent() const;  // "99.50% (398/400)"
};

struct Tally {
    Count words, marks;
    Count restored_by;                // restored words: is restored_by right (and the origin)?
    Count travelled;                  // words moved or tabled again
    Count moved;                      // of those, words moved only, never restored
    Count repeated;                   // words next to a copy of themselves ("of of")
    Count openers;                    // paragraph openers (opener_share)
    Count openers_restored;           // of those, openers put back in their place
    std::vector<std::string> misses;  // the first words blamed wrongly, described
    static constexpr std::size_t kMissesKept = 12;

    void add(const Tally& other);
    std::string line() const;    // the figures on one line
    std::string missed() const;  // the misses kept, one a line
};

// Compares one blamed text with its truth: a word counts as right when the
// span holding its first byte has its origin.
Tally measure(const std::string& text, const std::vector<TruthItem>& truth,
              const BlameResult& result, const std::vector<Operation>& operations);

// Blames the last version of every text of `history` (in one walk when
// there are several) and measures each against its truth.
Tally blame_and_measure(const GeneratedHistory& history, const BlameOptions& options);

// The options of one history of a behaviour: `file` of `seed`.
using Configure = GeneratorOptions (*)(std::uint64_t seed, std::size_t file);

struct Behaviour {
    std::string name;
    Configure configure;
    std::vector<std::uint64_t> seeds;
    std::size_t files_per_seed;
};

struct BehaviourTally {
    std::vector<Tally> per_seed;  // in the order of the behaviour's seeds
    Tally total;
};

// Every history of `behaviour` generated, blamed with `blame` and measured.
BehaviourTally measure_behaviour(const Behaviour& behaviour, const BlameOptions& blame);

// The behaviours.
// A recommendation of a few paragraphs over 150 proposals, every notation
// the generator writes (slash options, compact slashes, wrapped lines).
GeneratorOptions ordinary(std::uint64_t seed, std::size_t file);
// One recommendation of about 400 words over 2,000 proposals, new words
// drawn from a small vocabulary (so that nearly every new word was deleted
// somewhere before), the Chair making about 5% of the proposals.
GeneratorOptions long_small_vocabulary(std::uint64_t seed, std::size_t file);
// Three to five recommendations over 600 proposals; wording moves between
// them (and within one), and wording deleted from one is tabled again in
// another.
GeneratorOptions moves_across_texts(std::uint64_t seed, std::size_t file);
// New wording that often starts or ends with a copy of its neighbour.
GeneratorOptions repeated_adjacent(std::uint64_t seed, std::size_t file);
// Proposals that change up to four places at once, as redrafts do.
GeneratorOptions redrafts(std::uint64_t seed, std::size_t file);
// Ordinary histories where a fifth of new wording is a stock phrase that
// the text already holds elsewhere.
GeneratorOptions stock_phrases(std::uint64_t seed, std::size_t file);
// Preambles: most paragraphs open "Recognizing the ...", "Noting the ...",
// and proposals swap one paragraph's opener for another or put back the one
// it had: single words restored in their place, and the same word opening
// another paragraph before a "the" of the same proposer, which is new.
GeneratorOptions paragraph_openers(std::uint64_t seed, std::size_t file);

extern const Behaviour kOrdinary, kLong, kMoves, kRepeats, kRedrafts, kPhrases, kOpeners;

// Blame options that find wording across texts (accord blame --across-texts).
BlameOptions across_texts();

}  // namespace accord::test
