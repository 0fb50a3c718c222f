#pragma once
// accord.yaml, the negotiation's registry: its name,
// the delegations that may propose (with the aliases the texts use for them
// and the SSH keys that sign for them), who keeps the registry (the
// secretariat, with its keys), whether proposals must be signed, the meetings
// (so that "WGEC-3" can name a revision) and the notation options. This file
// and config.cpp are the only users of yaml-cpp for it; callers see plain
// structs.
//
//   delegations:
//     - name: Japan
//       keys:
//         - ssh-ed25519 AAAAC3Nza... delegate@mofa.go.jp
//   secretariat:
//     - name: WGEC secretariat
//       keys: [ssh-ed25519 AAAAC3Nza... clerk@unctad.org]
//   policy: {signatures: required}
//
// A key is an authorized_keys line (core/util/ssh_keys.hpp says which kinds
// are accepted). One key signs for one holder only: the same key listed for
// two delegations, or for a delegation and the secretariat, is an error, so
// that a signature always names who made it.
#include <cstddef>
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
    // The SSH public keys that sign for it, as authorized_keys lines in the
    // form SshPublicKey::to_line() gives ("ssh-ed25519 AAAA... comment").
    // (The initializer lets {name, aliases, kind} leave it out.)
    std::vector<std::string> keys = {};
    bool operator==(const Delegation&) const = default;
};

// One who keeps the registry: only a signature by one of these keys may
// change accord.yaml once it lists any.
struct SecretariatMember {
    std::string name;
    std::vector<std::string> keys;  // as Delegation::keys
    bool operator==(const SecretariatMember&) const = default;
};

enum class SignaturePolicy {
    optional,  // a signature, when there is one, must be good; none is fine
    required,  // every commit must carry a good signature by a registered key
};

// Whoever a registered key signs for.
struct KeyHolder {
    std::string name;          // the delegation's canonical name or the secretariat member's
    bool secretariat = false;  // listed under secretariat:, not under delegations:
    std::string fingerprint;   // "SHA256:..."
    bool operator==(const KeyHolder&) const = default;
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
    std::vector<SecretariatMember> secretariat;
    SignaturePolicy signatures = SignaturePolicy::optional;
    // Top-level keys accord does not know, kept (as YAML text) so that
    // rewriting the file does not drop them.
    std::vector<std::pair<std::string, std::string>> other;

    // The canonical delegation name for a name or alias, compared without
    // regard to ASCII case, dots or runs of white space ("russian fed",
    // "Russian Fed.", "RF" all find "Russian Federation" when listed).
    std::optional<std::string> resolve_delegation(std::string_view name_or_alias) const;
    // `name` is a member of the secretariat (compared as resolve_delegation compares).
    bool is_secretariat_member(std::string_view name) const;
    // For "did you mean ...?": up to three canonical names close to `unknown`
    // (by edit distance over names and aliases, or containing it as a word
    // prefix), nearest first; empty if nothing is close.
    std::vector<std::string> suggest(std::string_view unknown) const;
    // The meeting called `name` (same comparison as delegations).
    const Meeting* find_meeting(std::string_view name) const;

    // Who the key with this wire encoding (SshPublicKey::blob) signs for;
    // nullopt when no entry lists it.
    std::optional<KeyHolder> key_holder(std::string_view key_blob) const;
    // Every registered key's wire encoding with its holder, delegations
    // first, in file order: for callers that look many keys up.
    std::vector<std::pair<std::string, KeyHolder>> registered_keys() const;
    // True when some delegation or secretariat member has a key.
    bool lists_keys() const;
    // True when some secretariat member has a key: from then on only the
    // secretariat may change the registry.
    bool secretariat_has_keys() const;
    bool operator==(const Config&) const = default;
};

// "optional" or "required", as accord.yaml writes it.
std::string_view to_string(SignaturePolicy policy);

// The file name at the repository root.
inline constexpr const char* kConfigFileName = "accord.yaml";

// The most names a registry may hold in all: delegation names, aliases,
// keys, secretariat members, meetings and status words, each use of a YAML
// alias (*name) counted again. A negotiation lists a few hundred
// delegations; the bound is there because the file comes with the
// repository, and a few kilobytes of aliases repeating one long list would
// otherwise make every command copy it until the memory runs out.
inline constexpr std::size_t kMaxRegistryNames = 100'000;
// And the most bytes of text it may hold in all, each use of an alias
// counted again (a long text behind an anchor would be copied for each).
inline constexpr std::size_t kMaxRegistryTextBytes = std::size_t{32} << 20;

// Parses accord.yaml. `path` is used in messages. Malformed YAML, a wrong type
// (delegations not a list, a date not YYYY-MM-DD, slash-options other than
// spaced|any, signatures other than optional|required), a key written twice in
// one mapping, a delegation without a name or two entries claiming one name, a
// key that is not an accepted SSH public key or that is listed twice, more
// than kMaxRegistryNames names or kMaxRegistryTextBytes of text: usage error
// (exit 2) "PATH:LINE:COLUMN: what is wrong", naming the entry and the key.
// The limits are checked before the lists are copied, and the checks are
// linear in the size of the registry (aliases counted through).
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

// The form in which delegation and meeting names are compared: accents,
// typographic apostrophes and no-break spaces folded (utf8::fold_for_comparison),
// ASCII lower-cased, dots removed, white space collapsed to one space and
// trimmed. "Côte d’Ivoire " is "Cote d'Ivoire": a registry cannot list both,
// and either spelling finds the one listed.
std::string normalise_name(std::string_view name);

}  // namespace accord
