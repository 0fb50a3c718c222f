// The plan in the order it is recorded, and as `accord import --dry-run` shows it.
#include <algorithm>
#include <tuple>

#include "core/import/plan.hpp"
#include "core/util/text.hpp"

namespace accord {

std::vector<ProposalRef> date_order(const ImportPlan& plan) {
    std::vector<ProposalRef> refs;
    for (std::size_t f = 0; f < plan.files.size(); ++f) {
        for (std::size_t p = 0; p < plan.files[f].proposals.size(); ++p) refs.push_back({f, p});
    }
    const auto key = [&](const ProposalRef& r) {
        const PlannedFile& file = plan.files[r.file];
        const bool whole_document = file.kind == "outline" || file.kind == "unclassified";
        return std::make_tuple(std::string_view(file.proposals[r.proposal].date), whole_document,
                               file.proposals[r.proposal].line, r.file, r.proposal);
    };
    std::sort(refs.begin(), refs.end(),
              [&](const ProposalRef& a, const ProposalRef& b) { return key(a) < key(b); });
    return refs;
}

std::string render_plan(const ImportPlan& plan) {
    const std::vector<ProposalRef> order = date_order(plan);
    std::size_t width = 0;
    for (const PlannedFile& file : plan.files) width = std::max(width, file.path.size());
    std::string out;
    for (const ProposalRef& r : order) {
        const PlannedFile& file = plan.files[r.file];
        const PlannedProposal& p = file.proposals[r.proposal];
        out += p.date + "  " + file.path + std::string(width - file.path.size(), ' ') + "  " +
               join(p.proposers) + "  " + p.message + "\n";
    }
    out += "\n" + plural(plan.files.size(), "file") + ", " + plural(order.size(), "proposal") +
           ", " + plural(plan.delegations.size(), "delegation") + ", " +
           plural(plan.warnings.size(), "warning") + "\n";
    if (!plan.warnings.empty()) out += "warnings:\n";
    for (const ImportWarning& w : plan.warnings)
        out += "  line " + std::to_string(w.line) + ": " + w.message + "\n";
    return out;
}

}  // namespace accord
