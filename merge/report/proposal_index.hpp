#pragma once
// Which proposal changed which texts: the history read once, for the views
// that summarise a whole negotiation (`accord status`, `stats`, `survival`).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/store/workspace.hpp"
#include "merge/report/history.hpp"

namespace accord {

struct ProposalTouch {
    Proposal proposal;
    // The texts (.md, .txt) whose blob differs from the first parent's,
    // sorted; a root commit touches every text it has. Deleted ones included.
    std::vector<std::string> paths;
    // With ProposalIndexOptions::blobs, per path: its blob in the first
    // parent and in the proposal (nullopt: absent there, or not a file).
    struct Blobs {
        std::optional<std::string> before, after;
    };
    std::vector<Blobs> blobs;
};

struct ProposalIndexOptions {
    std::string from = "HEAD";  // a revision as git spells it
    Walk walk = Walk::first_parent;
    // Keep proposals that touched no text (for example a commit of accord.yaml only).
    bool keep_untouching = false;
    // Fill in ProposalTouch::blobs.
    bool blobs = false;
};

// The history walk of these views: from `options.from` along `options.walk`,
// each commit's texts found by a tree diff against its first parent.
Repository::WalkOptions text_walk(const Repository& repo, const ProposalIndexOptions& options);

// Oldest first (the reverse of `git log`'s order). An unborn branch gives none.
std::vector<ProposalTouch> index_proposals(const Workspace& workspace,
                                           const ProposalIndexOptions& options = {});

// For each text path, the newest proposal in `index` that touched it.
std::map<std::string, const ProposalTouch*> last_touch_by_path(
    const std::vector<ProposalTouch>& index);

}  // namespace accord
