#pragma once
// The registry an import records: accord.yaml for the delegations a
// compilation names (hooks/record/import_apply.hpp records it with the first proposal).
//
// This header names neither core/store/config.hpp's nor core/import/plan.hpp's
// types: import_registry.cpp sees only the registry side, import_apply.cpp
// only the plan side (PlannedDelegation), and they talk through the plain
// structs below.
//
// Promises:
//  - The registry resolves every name the plan found to one delegation, and
//    its canonical name is what the commits' Proposed-by: trailers say.
//  - A registry that already exists (`accord init` was run, or delegations
//    were listed by hand) is extended, never contradicted: a delegation it
//    already knows, by name or by one of the plan's aliases, keeps its name
//    and kind and gains the aliases it lacks; meetings and unknown keys stay.
//  - `notation: {slash-options: any}`: compilations in the WGEC style write
//    options as [continuing/full], which the default reading keeps literal.
//  - An existing accord.yaml is edited as it stands where the import only
//    sets slash-options and adds delegations (its comments and layout
//    kept, one line per delegation); otherwise, and for a new repository,
//    the text is emit_config's canonical form (`rewritten` says when that
//    replaced a file someone wrote). Either way it parses back.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace accord {

// A delegation as the plan found it.
struct FoundDelegation {
    std::string name;
    std::vector<std::string> aliases;
    std::string kind;
};

struct ImportRegistry {
    std::string negotiation;
    std::string yaml;  // accord.yaml to record
    // Plan names that the registry knows under another name (found -> registered).
    std::vector<std::pair<std::string, std::string>> renamed;
    std::vector<std::string> added;  // delegations new to the registry, by name
    std::size_t delegations = 0;     // in the registry, old and new
    // An existing accord.yaml, not in canonical form, was written afresh
    // (its comments and layout not kept): the import changes more of it
    // than a line-by-line edit can.
    bool rewritten = false;

    // The registered name for a name the plan found.
    const std::string& canonical(const std::string& found) const;
};

struct RegistryRequest {
    std::vector<FoundDelegation> found;
    // accord.yaml of the repository imported into, and its path for messages;
    // nullopt: a new repository.
    std::optional<std::string> existing_yaml;
    std::string existing_path;
    // --negotiation; without it an existing registry keeps its name and a new
    // one takes `default_negotiation`.
    std::optional<std::string> negotiation;
    std::string default_negotiation;
};

// Pure. A malformed existing accord.yaml: usage error (exit 2) with its line.
ImportRegistry import_registry(const RegistryRequest& request);

// accord.yaml's name (config.hpp's kConfigFileName), for the same reason.
std::string registry_file_name();

// The author address of a proposer's commits (core/store/proposal_record's
// delegation_email, as for every proposal).
std::string import_author_email(const std::string& name);

}  // namespace accord
