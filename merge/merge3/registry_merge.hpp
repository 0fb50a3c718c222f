#pragma once
// accord.yaml merged as git merges any file, line by line, so that its
// layout, comments and line ends stay as the sites wrote them, with one
// difference: where both sides added lines at the same place (two sites
// each registering a delegation or a meeting at the end of a list, the
// usual case when several sites work on one negotiation), both additions
// are kept, ours first, instead of standing between conflict markers. That
// union is kept only when the registry it gives means exactly what the
// entry-by-entry merge of the three registries (merge_configs) says: the
// same delegations, meetings, secretariat and settings, whatever their
// order. Anything else the lines disagree on (one setting changed two
// ways, one entry edited on both sides, a union that would list a name
// twice) stands between git's conflict markers for a person to settle, as
// git would have left it.
#include <cstddef>
#include <string>
#include <string_view>

namespace accord {

struct RegistryMerge {
    std::string text;
    // Places left between conflict markers.
    std::size_t conflicts = 0;
    // Places where both sides' added lines were both kept.
    std::size_t united = 0;
    // Set when the lines merged without markers but the registry they give
    // does not load ("accord.yaml:7:5: delegation Brazil is listed twice"):
    // the text is git's line merge, for a person to correct.
    std::string problem;
    bool clean() const { return conflicts == 0 && problem.empty(); }
};

struct RegistryMergeOptions {
    std::string path = "accord.yaml";  // for messages
    std::string ours_label = "ours", theirs_label = "theirs";
};

RegistryMerge merge_registry(std::string_view base, std::string_view ours, std::string_view theirs,
                             const RegistryMergeOptions& options = {});

}  // namespace accord
