#pragma once
// Wording a compilation credits inline, inside an item's text, to a
// delegation: "Respect for human rights (and responsibilities) (RF) should
// ..." in Sweden's recommendation is the Russian Federation's insertion.
// The secretariat writes the proposer's name in parentheses right after
// the wording, itself in parentheses or brackets.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord::importer {

struct InlineCredit {
    // What the wording and its credit take up in the paragraph, with one
    // space beside them: without it the paragraph reads as before the
    // insertion ("Respect for human rights should ...").
    std::size_t begin = 0, end = 0;
    std::string delegation;  // as `delegation_named` gave it
};

// The inline credits of a paragraph, in order: "(WORDING) (NAME)",
// "(WORDING)(NAME)", "[WORDING] (NAME)" or "[WORDING](NAME)", where NAME is
// a delegation's name or an alias (`delegation_named` gives the delegation,
// or nullopt: "(Priv sector)" names none, and "(revisit)" is a status) and
// WORDING is balanced and holds a letter. Never two that overlap.
std::vector<InlineCredit> inline_credits(
    std::string_view paragraph,
    const std::function<std::optional<std::string>(std::string_view)>& delegation_named);

}  // namespace accord::importer
