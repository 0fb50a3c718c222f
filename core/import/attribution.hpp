#pragma once
// Whom a heading names as proposers: "submitted by X", "Common Proposal of A,
// B and C", "on behalf of G (A, B and C)". Names are returned as written, only
// cleaned of articles, titles and marks; import_names resolves them.
#include <string>
#include <string_view>
#include <vector>

namespace accord::importer {

struct WrittenName {
    std::string name;     // without "the", titles and footnote marks: "Avri Doria"
    bool titled = false;  // written with "Ms.", "Mr.", ...: a person
};

// Whom a heading or a lead-in sentence names as proposers.
struct Attribution {
    std::vector<WrittenName> names;  // in the order written, each once
    std::string on_behalf_of;        // "a group of WGEC Members and Observers", "Japan Group"
    bool and_others = false;         // "..., and others": co-sponsors left unnamed
};

// Reads "submitted by X", "proposed by X", "Common Proposal of A, B and C",
// "recommendations from A and B submitted by C", "Resubmission (by) X",
// "re-submitted by X", "Proposal by X", "received from X". Lists split on
// commas and "and". A list in parentheses after a name ("Japan Group (Japan,
// Iran and ITU, RHill)", "on behalf of G (A, B and C)") names the members:
// they are the proposers and the name before it is on_behalf_of.
Attribution read_attribution(std::string_view text);

}  // namespace accord::importer
