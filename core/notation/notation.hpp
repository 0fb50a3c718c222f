#pragma once
// Notation options: what a repository's accord.yaml may change about how its
// texts are read.
#include <string>
#include <vector>

namespace accord {

enum class SlashOptions {
    spaced,  // only " / " (white space on both sides) separates options: W/m2 stays literal
    any,     // any single '/' inside a bracket separates options ("[continuing/full]")
};

struct NotationOptions {
    SlashOptions slash_options = SlashOptions::spaced;
    // Status tags recognised at the end of a paragraph, as "(agreed)".
    std::vector<std::string> status_vocabulary = {"agreed", "agreed ad ref", "revisit",
                                                  "no consensus"};
    bool operator==(const NotationOptions&) const = default;
};

}  // namespace accord
