#pragma once
// Front-matter keys whose value is a list of delegations (`sponsors`),
// merged as lists of names rather than as one value: sponsorship is
// additive, so two small groups each adding a co-sponsor both stand.
#include <optional>
#include <string>
#include <string_view>

#include "core/notation/document.hpp"

namespace accord::token_merge {

// The key's value is a list of delegations: `sponsors`, the one key the
// notation gives that meaning (README, "Front matter"). Other keys, lists
// or not, merge as one value.
bool is_delegation_list(std::string_view key);

// The key's lines (as merge3_front_matter cuts a block: the key's line and
// those below it) when both sides changed the list differently:
//   - a name the base holds stays only while both sides keep it: a side
//     that withdrew a sponsorship may, and the other side's keeping the
//     name is no claim on it (a side can add only a name the base lacked,
//     so a withdrawal never meets an addition of the same name);
//   - a name the base lacked comes in when either side added it;
//   - in the base's order, then ours' additions, then theirs', each once,
//     each name as the side it comes from wrote it;
//   - written in ours' style: a flow list on the key's line ("[a, b]") or
//     a block list below it ("- a"), ours' spacing and line ends.
// `base_lines` is null when the base has no such key (an empty list).
// Nullopt, for the one-value merge to settle, where any of the three is
// not a plain list of names on the lines given: a mapping, nested lists,
// anchors, tags, comments, a flow list over several lines, a name listed
// twice, escapes in quotes; or where a side put the base's names in
// another order (a new order is a change the union would silently drop).
std::optional<std::string> united_delegation_list(
    const std::string_view* base_lines, std::string_view ours_lines, std::string_view theirs_lines,
    const FrontMatterField* base, const FrontMatterField& ours, const FrontMatterField& theirs);

}  // namespace accord::token_merge
