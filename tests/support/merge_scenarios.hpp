#pragma once
// Random merge scenarios: a base text (from the negotiation generator) and
// two branches that each apply a few random negotiation edits to it, as two
// small groups redrafting the same recommendation would.
#include <cstdint>
#include <ostream>
#include <random>
#include <string>

namespace accord::test {

struct MergeScenario {
    std::string base, ours, theirs;
};

// One random negotiation edit of `text`: bracketed wording inserted, an
// option added to a bracket, a bracket lifted or deleted, words bracketed,
// struck or replaced, a paragraph added, a status changed. Always valid notation.
std::string random_edit(const std::string& text, std::mt19937_64& rng);

MergeScenario random_scenario(std::uint64_t seed);

// The three texts, each under a "--- base" (ours, theirs) line: what a
// failing check on a scenario shows.
std::ostream& operator<<(std::ostream& out, const MergeScenario& scenario);

}  // namespace accord::test
