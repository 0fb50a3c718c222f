#pragma once
// accord.yaml, the negotiation's registry: its name,
// the delegations that may propose (with the aliases the texts use for them),
// the meetings (so that "WGEC-3" can name a revision) and the notation
// options. This file and config.cpp are the only users of yaml-cpp for
// it; callers see plain structs.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/notation/notation.hpp"

namespace accord {

struct Delegation {
    std::string name;  // canonical, as it appears in Proposed-by: trailers
    std::vector<std::string> aliases;
    std::string kind;  // free text: "state", "civil society", "group"...; may be empty
    bool operator==(const Delegation&) const = default;
};

struct Meeting {
    std::string name;
    std::string from, to;  // YYYY-MM-DD, from <= to
    bool operator==(const Meeting&) const = default;
};

struct Config {
    std::string negotiation;
    std::vector<Delegation> delegations;
    std::vector<Meeting> meetings;
    NotationOptions notation;
    // Top-level keys accord does not know, kept (as YAML text) so that
    // rewriting the file does not drop them.
    std::vector<std::pair<std::string, std::string>> other;

    // The canonical delegation name for a name or alias, compared without
    // regard to ASCII case, dots or runs of white space ("russian fed",
    // "Russian Fed.", "RF" all find "Russian Federation" when listed).
    std::optional<std::string> resolve_delegation(std::string_view name_or_alias) const;
    // For "did you mean ...?": up to three canonical names close to `unknown`
    // (by edit distance over names and aliases, or containing it as a word
    // prefix), nearest first; empty if nothing is close.
    std::vector<std::string> suggest(std::string_view unknown) const;
    // The meeting called `name` (same comparison as delegations).
    const Meeting* find_meeting(std::string_view name) const;
};

// The file name at the repository root.
inline constexpr const char* kConfigFileName = "accord.yaml";

// Parses accord.yaml. `path` is used in messages. Malformed YAML, a wrong type
// (delegations not a list, a date not YYYY-MM-DD, slash-options other than
// spaced|any), a delegation without a name or two entries claiming one name:
// usage error (exit 2) "PATH:LINE:COLUMN: what is wrong".
Config parse_config(std::string_view yaml_text, const std::string& path);

// Reads and parses the file; unreadable: failure (exit 3) naming it.
Config load_config(const std::string& path);

// The accord.yaml that governs `path` (a file or a directory): the first one
// found walking up from it. The walk stops at the top of a git work tree (a
// directory holding .git) or the filesystem root; nullopt when none is found,
// so that files outside any negotiation are read with the defaults.
std::optional<std::string> find_config(const std::string& path);

// accord.yaml text for `config`, block style, keys in the documented order;
// parse_config(emit_config(c)) == c.
std::string emit_config(const Config& config);

// The form in which delegation and meeting names are compared: ASCII
// lower-cased, dots removed, white space collapsed to one space and trimmed.
std::string normalise_name(std::string_view name);

}  // namespace accord
