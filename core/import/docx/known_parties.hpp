#pragma once
// The names under which Parties and negotiating groups are usually written in
// UN meeting notes: "US", "U.S.", "USA"; "CfRN"; "Grupo Sur", "SUR"; "CH".
// A fallback for speakers a negotiation's own registry does not list.
#include <string>
#include <vector>

namespace accord::docx {

struct PartyNames {
    std::string name;                  // the common short name: "United States"
    std::vector<std::string> aliases;  // other spellings and abbreviations
};

const std::vector<PartyNames>& known_parties();

}  // namespace accord::docx
