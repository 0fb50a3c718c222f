#include "core/import/registry.hpp"

#include <algorithm>

#include "core/store/config.hpp"
#include "core/store/config_append.hpp"
#include "core/store/proposal_record.hpp"
#include "core/util/errors.hpp"

namespace accord {

namespace {

// The delegation of `config` that `found` names, by its name or an alias.
Delegation* registered(Config& config, const FoundDelegation& found) {
    std::optional<std::string> name = config.resolve_delegation(found.name);
    for (std::size_t i = 0; !name && i < found.aliases.size(); ++i)
        name = config.resolve_delegation(found.aliases[i]);
    if (!name) return nullptr;
    auto it = std::find_if(config.delegations.begin(), config.delegations.end(),
                           [&](const Delegation& d) { return d.name == *name; });
    return it == config.delegations.end() ? nullptr : &*it;
}

// Adds the aliases that name nothing yet in `config` to `delegation`: an
// alias another delegation already answers to stays that one's.
void add_aliases(Config& config, Delegation& delegation, const std::vector<std::string>& aliases) {
    for (const std::string& alias : aliases) {
        if (config.resolve_delegation(alias)) continue;
        delegation.aliases.push_back(alias);
    }
}

// The registry `wanted` written into `existing` (which reads as `old`) as
// it stands: the slash-options setting changed in place and the new
// delegations added as lines, every comment and line of the file kept.
// Nullopt when the import changes more than that (another negotiation name,
// aliases for delegations already listed) or the file's shape does not
// allow it.
std::optional<std::string> registry_as_it_stands(const std::string& existing,
                                                 const std::string& path, const Config& old,
                                                 const Config& wanted) {
    if (old.negotiation != wanted.negotiation || wanted.delegations.size() < old.delegations.size())
        return std::nullopt;
    if (!std::equal(old.delegations.begin(), old.delegations.end(), wanted.delegations.begin()))
        return std::nullopt;
    std::string text = existing;
    if (old.notation.slash_options != wanted.notation.slash_options) {
        std::optional<std::string> set =
            with_slash_options(text, path, wanted.notation.slash_options);
        if (!set) return std::nullopt;
        text = std::move(*set);
    }
    const std::vector<Delegation> added(
        wanted.delegations.begin() + static_cast<std::ptrdiff_t>(old.delegations.size()),
        wanted.delegations.end());
    try {
        if (!added.empty()) text = append_delegation_entries(text, path, added);
        if (parse_config(text, path) == wanted) return text;
    } catch (const Error&) {
    }
    return std::nullopt;
}

}  // namespace

const std::string& ImportRegistry::canonical(const std::string& found) const {
    for (const auto& [from, to] : renamed) {
        if (from == found) return to;
    }
    return found;
}

ImportRegistry import_registry(const RegistryRequest& request) {
    Config config;
    if (request.existing_yaml) config = parse_config(*request.existing_yaml, request.existing_path);
    const Config old = config;
    ImportRegistry registry;
    if (request.negotiation) {
        config.negotiation = *request.negotiation;
    } else if (!request.existing_yaml || config.negotiation.empty()) {
        config.negotiation = request.default_negotiation;
    }
    config.notation.slash_options = SlashOptions::any;

    for (const FoundDelegation& found : request.found) {
        if (Delegation* known = registered(config, found)) {
            if (known->name != found.name) registry.renamed.emplace_back(found.name, known->name);
            add_aliases(config, *known, std::vector<std::string>{found.name});
            add_aliases(config, *known, found.aliases);
            continue;
        }
        // Added first without aliases, so that the aliases are checked
        // against the registry including it (an alias equal to the name is
        // then recognised as its own).
        config.delegations.push_back(Delegation{found.name, {}, found.kind});
        registry.added.push_back(found.name);
        add_aliases(config, config.delegations.back(), found.aliases);
    }

    registry.negotiation = config.negotiation;
    registry.delegations = config.delegations.size();
    registry.yaml = emit_config(config);
    if (request.existing_yaml && *request.existing_yaml != emit_config(old)) {
        // A registry someone wrote (comments, an order, a style of its own)
        // is edited where it can be, and said to be written afresh where not.
        if (std::optional<std::string> kept =
                registry_as_it_stands(*request.existing_yaml, request.existing_path, old, config)) {
            registry.yaml = std::move(*kept);
        } else {
            registry.rewritten = true;
        }
    }
    // What is recorded must load again: a registry that does not is a bug
    // here, not the user's, and is better stopped than committed.
    try {
        parse_config(registry.yaml, kConfigFileName);
    } catch (const Error& e) {
        throw failure(std::string("the registry prepared for the import does not read back: ") +
                      e.what());
    }
    return registry;
}

std::string registry_file_name() {
    return kConfigFileName;
}

std::string import_author_email(const std::string& name) {
    return delegation_email(name);
}

}  // namespace accord
