#pragma once
// Who is who in a compilation: the proposers its headings name, each resolved
// to one delegation name, with the other spellings the text uses as aliases
// (what becomes the registry in accord.yaml).
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/import/plan.hpp"

namespace accord::importer {

struct NameOccurrence {
    std::string written;  // as cleaned by read_attribution: "US", "Avri Doria"
    bool titled = false;  // written with "Ms.", "Mr.", ...
    std::size_t line = 0;
};

struct NameRegistry {
    std::vector<PlannedDelegation> delegations;    // sorted by name
    std::map<std::string, std::string> canonical;  // each written name -> its delegation's name
    std::vector<ImportWarning> warnings;
};

// A written name resolves, first rule that applies:
//  1. a known name (its alias or name compared without case, spaces and
//     dots: "M Cade" = "MCade" = "M. Cade");
//  2. the same name in other case, to its most frequent spelling ("IRAN" -> "Iran");
//  3. capitals that are the initials of exactly one other name, or their
//     start ("USA", "US" -> "United States of America", "RF");
//  4. one word that is the first word of exactly one other name ("Avri" ->
//     "Avri Doria");
//  5. a name of 8 bytes or more that differs from exactly one more frequent
//     name only in its last word, by at most two edits or swaps of letters
//     ("Lea Kapser" -> "Lea Kaspar"), with a warning; not among more than 64
//     names that share all but their last word, which are a list.
// Then each delegation's other spellings (initials, known aliases, a person's
// first name and "M. Cade" forms, other case) that the source uses as whole
// words become its aliases; a spelling that would fit two delegations fits
// neither. A delegation is a person if written with a title or known as one.
NameRegistry resolve_names(const std::vector<NameOccurrence>& names, std::string_view source,
                           const std::vector<KnownName>& known);

// The delegation whose name or alias `written` is (compared without case,
// spaces and dots: "RF", "r.f."), or nullopt.
std::optional<std::string> delegation_named(const std::vector<PlannedDelegation>& delegations,
                                            std::string_view written);

}  // namespace accord::importer
