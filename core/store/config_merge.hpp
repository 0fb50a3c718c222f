#pragma once
// Two redrafts' registries (accord.yaml) merged entry by entry: small
// groups each register the delegations that join them, and merging the
// groups must not make a person merge the registry by hand.
#include <optional>

#include "core/store/config.hpp"

namespace accord {

// The three-way merge of `ours` and `theirs` from `base`: delegations,
// meetings and secretariat members by name (an entry one side added or
// changed is taken; ours' order, then theirs' new entries), every other
// setting as one side changed it. Nullopt when both sides changed one entry
// or one setting differently: a person decides.
std::optional<Config> merge_configs(const Config& base, const Config& ours, const Config& theirs);

}  // namespace accord
