#include "core/store/config_merge.hpp"

#include <algorithm>

namespace accord {

namespace {

// One side's change of a value, the other's, or both the same; nullopt
// when each changed it differently.
template <class T>
std::optional<T> merged_value(const T& base, const T& ours, const T& theirs) {
    if (ours == theirs || theirs == base) return ours;
    if (ours == base) return theirs;
    return std::nullopt;
}

template <class Entry>
const Entry* entry_named(const std::vector<Entry>& list, const std::string& name) {
    const std::string key = normalise_name(name);
    for (const Entry& e : list)
        if (normalise_name(e.name) == key) return &e;
    return nullptr;
}

// A list of named entries merged entry by entry; nullopt on a clash.
template <class Entry>
std::optional<std::vector<Entry>> merged_entries(const std::vector<Entry>& base,
                                                 const std::vector<Entry>& ours,
                                                 const std::vector<Entry>& theirs) {
    std::vector<Entry> out;
    std::vector<std::string> names;  // ours' order, then theirs' new names, then the base's
    for (const auto* list : {&ours, &theirs, &base}) {
        for (const Entry& e : *list) {
            const bool listed = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
                return normalise_name(n) == normalise_name(e.name);
            });
            if (!listed) names.push_back(e.name);
        }
    }
    for (const std::string& name : names) {
        const Entry *b = entry_named(base, name), *o = entry_named(ours, name),
                    *t = entry_named(theirs, name);
        const auto same = [](const Entry* x, const Entry* y) {
            return (!x && !y) || (x && y && *x == *y);
        };
        const Entry* pick = nullptr;
        if (same(o, t) || same(t, b)) {
            pick = o;
        } else if (same(o, b)) {
            pick = t;
        } else {
            return std::nullopt;  // both changed (or one removed, one changed) this entry
        }
        if (pick) out.push_back(*pick);
    }
    return out;
}

}  // namespace

std::optional<Config> merge_configs(const Config& base, const Config& ours, const Config& theirs) {
    Config out;
    const auto negotiation = merged_value(base.negotiation, ours.negotiation, theirs.negotiation);
    const auto delegations = merged_entries(base.delegations, ours.delegations, theirs.delegations);
    const auto meetings = merged_entries(base.meetings, ours.meetings, theirs.meetings);
    const auto secretariat = merged_entries(base.secretariat, ours.secretariat, theirs.secretariat);
    const auto slash = merged_value(base.notation.slash_options, ours.notation.slash_options,
                                    theirs.notation.slash_options);
    const auto vocabulary =
        merged_value(base.notation.status_vocabulary, ours.notation.status_vocabulary,
                     theirs.notation.status_vocabulary);
    const auto signatures = merged_value(base.signatures, ours.signatures, theirs.signatures);
    const auto other = merged_value(base.other, ours.other, theirs.other);
    if (!negotiation || !delegations || !meetings || !secretariat || !slash || !vocabulary ||
        !signatures || !other)
        return std::nullopt;
    out.negotiation = *negotiation;
    out.delegations = *delegations;
    out.meetings = *meetings;
    out.secretariat = *secretariat;
    out.notation.slash_options = *slash;
    out.notation.status_vocabulary = *vocabulary;
    out.signatures = *signatures;
    out.other = *other;
    return out;
}

}  // namespace accord
