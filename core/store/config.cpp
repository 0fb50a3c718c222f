#include "core/store/config.hpp"

#include <sys/stat.h>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "core/util/date.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/ssh_keys.hpp"
#include "core/util/text.hpp"
#include "core/util/utf8.hpp"

namespace accord {

std::string normalise_name(std::string_view name) {
    std::string out;
    bool pending_space = false;
    for (const char c : utf8::fold_for_comparison(name)) {
        if (c == '.') continue;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

namespace {

// ---------------------------------------------------------------- reading

class Reader {
  public:
    explicit Reader(const std::string& path) : path_(path) {}

    [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
        std::string where = path_;
        if (!mark.is_null()) {
            where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
        }
        throw usage_error(where + ": " + message);
    }

    // The text `node` holds, counted toward kMaxRegistryTextBytes.
    std::string text(const YAML::Node& node, const std::string& what) {
        if (!node.IsScalar()) fail(node.Mark(), what + " must be a text, not " + kind(node));
        text_bytes_read_ += node.Scalar().size();
        if (text_bytes_read_ > kMaxRegistryTextBytes) {
            fail(node.Mark(), "here the registry passes " +
                                  std::to_string(kMaxRegistryTextBytes >> 20) +
                                  " MB of text in all, counting each use of a YAML alias (*name) "
                                  "again; " +
                                  kWhyALimit +
                                  ": write each text out instead of repeating it "
                                  "through an alias");
        }
        return node.Scalar();
    }

    std::string date(const YAML::Node& node, const std::string& what) {
        const std::string value = text(node, what);
        if (!parse_iso_date(value)) {
            fail(node.Mark(), what + " '" + value +
                                  (looks_like_iso_date(value)
                                       ? "' is written YYYY-MM-DD but is no day of the calendar"
                                       : "' is not a date written YYYY-MM-DD"));
        }
        return value;
    }

    // A list of texts; a single text is read as a list of one.
    std::vector<std::string> texts(const YAML::Node& node, const std::string& what) {
        if (node.IsScalar()) return {text(node, what)};
        if (!node.IsSequence()) fail(node.Mark(), what + " must be a list, not " + kind(node));
        std::vector<std::string> out;
        for (const YAML::Node& item : node) out.push_back(text(item, "each of " + what));
        return out;
    }

    // Every key of `map` (`what`: "a delegation") is one of `keys`, written once.
    void known_keys(const YAML::Node& map, std::initializer_list<const char*> keys,
                    const std::string& what) const {
        for (const auto& entry : map) {
            const std::string key = entry.first.Scalar();
            if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
            std::string list;
            for (const char* k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
            fail(entry.first.Mark(),
                 "unknown key '" + key + "' in " + what + " (known: " + list + ")");
        }
        unique_keys(map, what);
    }

    // No key is written twice in `map`: YAML would keep one of the two values
    // and drop the other without a word (and the rest of the reader, which
    // looks keys up, would see the first where the loop saw both). `what`
    // ("a delegation") names the mapping; empty for the file's top level.
    void unique_keys(const YAML::Node& map, const std::string& what) const {
        std::unordered_map<std::string, YAML::Mark> first_at;  // key -> where it was first
        for (const auto& entry : map) {
            if (!entry.first.IsScalar()) continue;  // refused as a key of its own
            const std::string& key = entry.first.Scalar();
            const auto [first, fresh] = first_at.emplace(key, entry.first.Mark());
            if (fresh) continue;
            const YAML::Mark& again = entry.first.Mark();
            std::string where = "line " + std::to_string(first->second.line + 1);
            if (first->second.line == again.line)
                where += ", column " + std::to_string(first->second.column + 1);
            fail(again, "duplicate key '" + key + "' (first at " + where + ")" +
                            (what.empty() ? "" : " in " + what) +
                            ": YAML would keep one of its values and drop the other; keep one '" +
                            key + "' holding everything meant for it");
        }
    }

    // Counts the names a list about to be read adds to the registry
    // (`list`: a sequence, or one item written alone), and refuses the file
    // at `where` once the registry passes kMaxRegistryNames. Called before
    // the list is copied: yaml-cpp shares an aliased list between its uses,
    // so that only the reader's copies of it cost memory and time.
    void count_names(const YAML::Node& list, const YAML::Mark& where) {
        names_read_ += list.IsSequence() ? list.size() : 1;
        if (names_read_ <= kMaxRegistryNames) return;
        fail(where, "here the registry passes " + std::to_string(kMaxRegistryNames) +
                        " names, aliases, keys, meetings and status words in all, counting each "
                        "use of a YAML alias (*name) again; " +
                        kWhyALimit +
                        ": write each delegation's own aliases and keys out instead of repeating "
                        "a list through an alias");
    }

    static std::string kind(const YAML::Node& node) {
        if (node.IsSequence()) return "a list";
        if (node.IsMap()) return "a mapping";
        if (node.IsNull()) return "empty";
        return "a text";
    }

  private:
    // Why the registry's size is bounded, for the messages that refuse it.
    static constexpr const char* kWhyALimit =
        "a negotiation needs far less, and accord refuses a registry this large rather than "
        "let a few lines of it exhaust the memory of every command";

    std::string path_;
    std::size_t names_read_ = 0;       // by count_names, so far
    std::size_t text_bytes_read_ = 0;  // by text, so far
};

// The keys of `holder` ("Japan", "secretariat member X"), each an
// authorized_keys line, kept in the form SshPublicKey::to_line() gives.
std::vector<std::string> read_keys(Reader& r, const YAML::Node& node, const std::string& holder) {
    const std::string what = "the keys of " + holder;
    if (node.IsNull()) return {};
    std::vector<YAML::Node> items;
    if (node.IsScalar()) {
        items.push_back(node);
    } else if (node.IsSequence()) {
        for (const YAML::Node& item : node) items.push_back(item);
    } else {
        r.fail(node.Mark(), what + " must be a list of SSH public keys, not " + Reader::kind(node));
    }
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string which = "key " + std::to_string(i + 1) + " of " + holder;
        const std::string line = r.text(items[i], which);
        const SshKeyParse parsed = parse_ssh_public_key(line);
        if (!parsed.key) r.fail(items[i].Mark(), which + ": " + parsed.error);
        keys.push_back(parsed.key->to_line());
    }
    return keys;
}

// (Its name is counted with the list that holds it.)
Delegation read_delegation(Reader& r, const YAML::Node& node) {
    Delegation d;
    if (node.IsScalar()) {  // "- Japan" is a delegation with no alias
        d.name = r.text(node, "a delegation's name");
    } else if (node.IsMap()) {
        r.known_keys(node, {"name", "aliases", "kind", "keys"}, "a delegation");
        if (!node["name"]) r.fail(node.Mark(), "a delegation needs a 'name'");
        for (const char* list : {"aliases", "keys"}) {
            if (node[list]) r.count_names(node[list], node.Mark());
        }
        d.name = r.text(node["name"], "a delegation's name");
        if (node["aliases"]) d.aliases = r.texts(node["aliases"], "the aliases of " + d.name);
        if (node["kind"]) d.kind = r.text(node["kind"], "the kind of " + d.name);
        if (node["keys"]) d.keys = read_keys(r, node["keys"], d.name);
    } else {
        r.fail(node.Mark(), "each delegation must be a name or a mapping with 'name', not " +
                                Reader::kind(node));
    }
    if (normalise_name(d.name).empty()) r.fail(node.Mark(), "a delegation's name is empty");
    return d;
}

Meeting read_meeting(Reader& r, const YAML::Node& node) {
    if (!node.IsMap()) {
        r.fail(node.Mark(),
               "each meeting must be a mapping with name, from and to, not " + Reader::kind(node));
    }
    r.known_keys(node, {"name", "from", "to"}, "a meeting");
    for (const char* key : {"name", "from", "to"}) {
        if (!node[key]) r.fail(node.Mark(), std::string("a meeting needs '") + key + "'");
    }
    Meeting m;
    m.name = r.text(node["name"], "a meeting's name");
    m.from = r.date(node["from"], "the start of " + m.name);
    m.to = r.date(node["to"], "the end of " + m.name);
    if (m.to < m.from) {
        r.fail(node["to"].Mark(),
               "meeting " + m.name + " ends (" + m.to + ") before it starts (" + m.from + ")");
    }
    return m;
}

// (Its name is counted with the list that holds it.)
SecretariatMember read_secretariat_member(Reader& r, const YAML::Node& node) {
    if (!node.IsMap()) {
        r.fail(node.Mark(), "each secretariat entry must be a mapping with name and keys, not " +
                                Reader::kind(node));
    }
    r.known_keys(node, {"name", "keys"}, "a secretariat entry");
    if (!node["name"]) r.fail(node.Mark(), "a secretariat entry needs a 'name'");
    SecretariatMember member;
    member.name = r.text(node["name"], "a secretariat entry's name");
    if (normalise_name(member.name).empty())
        r.fail(node.Mark(), "a secretariat entry's name is empty");
    if (node["keys"]) r.count_names(node["keys"], node.Mark());
    if (node["keys"]) member.keys = read_keys(r, node["keys"], "secretariat member " + member.name);
    return member;
}

SignaturePolicy read_policy(Reader& r, const YAML::Node& node) {
    if (node.IsNull()) return SignaturePolicy::optional;
    if (!node.IsMap())
        r.fail(node.Mark(),
               "policy must be a mapping (signatures: ...), not " + Reader::kind(node));
    r.known_keys(node, {"signatures"}, "policy");
    const YAML::Node signatures = node["signatures"];
    if (!signatures) return SignaturePolicy::optional;
    const std::string value = r.text(signatures, "signatures");
    if (value == "optional") return SignaturePolicy::optional;
    if (value == "required") return SignaturePolicy::required;
    r.fail(signatures.Mark(), "signatures must be 'optional' or 'required', not '" + value + "'");
}

// One key, one holder: a signature must name who made it. `where` gives the
// YAML node of each holder's keys for the message.
struct KeyEntry {
    const std::vector<std::string>* keys;
    std::string holder;
    YAML::Node node;
};
void check_keys_unique(const Reader& r, const std::vector<KeyEntry>& entries) {
    std::unordered_map<std::string, std::string> seen;  // blob -> holder, one pass over all keys
    for (const KeyEntry& entry : entries) {
        for (std::size_t i = 0; i < entry.keys->size(); ++i) {
            const SshKeyParse parsed = parse_ssh_public_key((*entry.keys)[i]);
            const auto [it, fresh] = seen.emplace(parsed.key->blob, entry.holder);
            if (fresh) continue;
            const YAML::Node item =
                entry.node.IsSequence() ? entry.node[i] : entry.node;  // one key written alone
            r.fail(item.Mark(),
                   "key " + std::to_string(i + 1) + " of " + entry.holder + " (" +
                       parsed.key->fingerprint() + ") is " +
                       (it->second == entry.holder ? "listed twice for it"
                                                   : "also listed for " + it->second) +
                       "; a key signs for one holder only: give each delegation and each "
                       "secretariat member its own key");
        }
    }
}

NotationOptions read_notation(Reader& r, const YAML::Node& node) {
    NotationOptions options;
    if (node.IsNull()) return options;
    if (!node.IsMap()) r.fail(node.Mark(), "notation must be a mapping, not " + Reader::kind(node));
    r.known_keys(node, {"slash-options", "status"}, "notation");
    if (const YAML::Node slash = node["slash-options"]) {
        const std::string value = r.text(slash, "slash-options");
        if (value == "spaced") {
            options.slash_options = SlashOptions::spaced;
        } else if (value == "any") {
            options.slash_options = SlashOptions::any;
        } else {
            r.fail(slash.Mark(), "slash-options must be 'spaced' or 'any', not '" + value + "'");
        }
    }
    if (const YAML::Node status = node["status"]) {
        r.count_names(status, status.Mark());
        options.status_vocabulary = r.texts(status, "the status vocabulary");
    }
    return options;
}

// Each normalised name or alias belongs to one delegation only: one pass,
// each name looked up among those claimed before it.
void check_unique(const Reader& r, const YAML::Node& list, const std::vector<Delegation>& all) {
    std::unordered_map<std::string, std::size_t> claimed;  // normalised -> owner's index
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto claim = [&](const std::string& name) {
            const auto [it, fresh] = claimed.emplace(normalise_name(name), i);
            if (fresh || it->second == i) return;  // new, or an alias repeating its own name
            const Delegation& owner = all[it->second];
            if (normalise_name(owner.name) == normalise_name(all[i].name)) {
                r.fail(list[i].Mark(), "delegation " + all[i].name + " is listed twice");
            }
            r.fail(list[i].Mark(),
                   "'" + name + "' would name both " + owner.name + " and " + all[i].name);
        };
        claim(all[i].name);
        for (const std::string& alias : all[i].aliases) claim(alias);
    }
}

// Keys are unique across delegations and the secretariat, and no
// secretariat member takes a delegation's name.
void check_key_holders(const Reader& r, const YAML::Node& root, const Config& config) {
    std::unordered_set<std::string> delegation_names;  // normalised names and aliases
    for (const Delegation& d : config.delegations) {
        delegation_names.insert(normalise_name(d.name));
        for (const std::string& alias : d.aliases) delegation_names.insert(normalise_name(alias));
    }
    std::vector<KeyEntry> entries;
    if (const YAML::Node list = root["delegations"]; list && list.IsSequence()) {
        for (std::size_t i = 0; i < config.delegations.size(); ++i) {
            const YAML::Node item = list[i];
            entries.push_back({&config.delegations[i].keys, config.delegations[i].name,
                               item.IsMap() && item["keys"] ? item["keys"] : item});
        }
    }
    if (const YAML::Node list = root["secretariat"]; list && list.IsSequence()) {
        for (std::size_t i = 0; i < config.secretariat.size(); ++i) {
            const SecretariatMember& member = config.secretariat[i];
            if (delegation_names.contains(normalise_name(member.name))) {
                r.fail(list[i].Mark(), "secretariat member '" + member.name +
                                           "' has the name of a delegation; name the secretariat "
                                           "apart from the delegations it serves");
            }
            entries.push_back({&member.keys, "secretariat member " + member.name,
                               list[i]["keys"] ? list[i]["keys"] : list[i]});
        }
    }
    check_keys_unique(r, entries);
}

}  // namespace

Config parse_config(std::string_view yaml_text, const std::string& path) {
    Reader r(path);
    // A merge that conflicted in accord.yaml leaves git's markers in it:
    // said as such, not as the YAML error they make.
    for (std::size_t at = 0, line = 0; at < yaml_text.size(); ++line) {
        const std::size_t end = std::min(yaml_text.find('\n', at), yaml_text.size());
        const std::string_view row = yaml_text.substr(at, end - at);
        for (const std::string_view marker : {"<<<<<<<", "=======", ">>>>>>>", "|||||||"}) {
            if (row.starts_with(marker) &&
                (row.size() == marker.size() || row[marker.size()] == ' ' ||
                 row[marker.size()] == '\r')) {
                YAML::Mark mark;
                mark.line = static_cast<int>(line);
                mark.column = 0;
                r.fail(mark, "a merge conflict is left here (" + std::string(marker) +
                                 "): keep the entries of both sides, remove the markers, then "
                                 "git add " +
                                 path);
            }
        }
        at = end + 1;
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml_text));
    } catch (const YAML::DeepRecursion& e) {  // its message says "bad file"
        r.fail(e.mark, "lists or maps nested too deeply for a YAML reader; write them flatter");
    } catch (const YAML::Exception& e) {
        r.fail(e.mark, "malformed YAML: " + e.msg);
    }
    Config config;
    if (!root || root.IsNull()) return config;
    if (!root.IsMap())
        r.fail(root.Mark(), "the file must be a mapping (negotiation:, delegations:, ...)");
    r.unique_keys(root, "");
    for (const auto& entry : root) {
        const std::string key = r.text(entry.first, "a key");
        const YAML::Node& value = entry.second;
        if (key == "negotiation") {
            config.negotiation = value.IsNull() ? "" : r.text(value, "negotiation");
        } else if (key == "delegations") {
            if (value.IsNull()) continue;
            if (!value.IsSequence())
                r.fail(value.Mark(), "delegations must be a list, not " + Reader::kind(value));
            r.count_names(value, value.Mark());
            for (const YAML::Node& item : value)
                config.delegations.push_back(read_delegation(r, item));
            check_unique(r, value, config.delegations);
        } else if (key == "meetings") {
            if (value.IsNull()) continue;
            if (!value.IsSequence())
                r.fail(value.Mark(), "meetings must be a list, not " + Reader::kind(value));
            r.count_names(value, value.Mark());
            std::unordered_set<std::string> seen;  // normalised names, as find_meeting compares
            for (const YAML::Node& item : value) {
                Meeting m = read_meeting(r, item);
                const std::string key = normalise_name(m.name);
                if (!key.empty() && !seen.insert(key).second)
                    r.fail(item.Mark(), "meeting " + m.name + " is listed twice");
                config.meetings.push_back(std::move(m));
            }
        } else if (key == "notation") {
            config.notation = read_notation(r, value);
        } else if (key == "secretariat") {
            if (value.IsNull()) continue;
            if (!value.IsSequence())
                r.fail(value.Mark(),
                       "secretariat must be a list of entries with name and keys, "
                       "not " +
                           Reader::kind(value));
            r.count_names(value, value.Mark());
            for (const YAML::Node& item : value)
                config.secretariat.push_back(read_secretariat_member(r, item));
        } else if (key == "policy") {
            config.signatures = read_policy(r, value);
        } else {
            // Other keys are kept as written (a secretariat's own notes), but
            // one a letter or two from accord's own is a misspelling that
            // would leave, say, every delegation unread in silence.
            static constexpr const char* kKnown[] = {"negotiation", "delegations", "meetings",
                                                     "notation",    "secretariat", "policy"};
            for (const char* known : kKnown) {
                const std::string_view k(known);
                if (edit_distance(key, k) <= std::max<std::size_t>(1, k.size() / 4))
                    r.fail(entry.first.Mark(),
                           "unknown key '" + key + "': did you mean '" + std::string(k) +
                               "'? (accord reads negotiation, delegations, meetings, notation, "
                               "secretariat and policy)");
            }
            YAML::Emitter out;
            out << value;
            config.other.emplace_back(key, out.c_str());
        }
    }
    check_key_holders(r, root, config);
    return config;
}

Config load_config(const std::string& path) {
    // The registry comes with the repository: a link there could make accord
    // read (and quote in its errors) any file of the machine.
    struct stat info {};
    if (::lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode)) {
        throw usage_error("cannot read the negotiation registry " + path +
                          ": it is a symbolic link, and accord reads its registry only from a "
                          "regular file (replace the link with the file itself)");
    }
    const FileResult file = read_file(path);
    if (!file.contents) throw failure("cannot read the negotiation registry " + file.error);
    return parse_config(*file.contents, path);
}

std::optional<std::string> find_config(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path dir = fs::absolute(path, ec);
    if (ec) return std::nullopt;
    if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
    while (true) {
        const fs::path candidate = dir / kConfigFileName;
        // A link is returned too, for load_config to refuse by name.
        const fs::file_status found = fs::symlink_status(candidate, ec);
        if (fs::is_regular_file(found) || fs::is_symlink(found)) return candidate.string();
        if (fs::exists(dir / ".git", ec) || !dir.has_parent_path() || dir.parent_path() == dir)
            return std::nullopt;
        dir = dir.parent_path();
    }
}

// ---------------------------------------------------------------- writing

std::string emit_config(const Config& config) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "negotiation" << YAML::Value << config.negotiation;
    out << YAML::Key << "delegations" << YAML::Value << YAML::BeginSeq;
    for (const Delegation& d : config.delegations) {
        out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << d.name;
        if (!d.aliases.empty()) {
            out << YAML::Key << "aliases" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const std::string& alias : d.aliases) out << alias;
            out << YAML::EndSeq;
        }
        if (!d.kind.empty()) out << YAML::Key << "kind" << YAML::Value << d.kind;
        if (!d.keys.empty()) {
            out << YAML::Key << "keys" << YAML::Value << YAML::BeginSeq;
            for (const std::string& key : d.keys) out << key;
            out << YAML::EndSeq;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::Key << "meetings" << YAML::Value << YAML::BeginSeq;
    for (const Meeting& m : config.meetings) {
        out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << m.name;
        out << YAML::Key << "from" << YAML::Value << m.from;
        out << YAML::Key << "to" << YAML::Value << m.to << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::Key << "notation" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "slash-options" << YAML::Value
        << (config.notation.slash_options == SlashOptions::any ? "any" : "spaced");
    out << YAML::Key << "status" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const std::string& status : config.notation.status_vocabulary) out << status;
    out << YAML::EndSeq << YAML::EndMap;
    out << YAML::Key << "secretariat" << YAML::Value;
    if (config.secretariat.empty()) out << YAML::Flow;  // "secretariat: []" shows where it goes
    out << YAML::BeginSeq;
    for (const SecretariatMember& member : config.secretariat) {
        out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << member.name;
        out << YAML::Key << "keys" << YAML::Value << YAML::BeginSeq;
        for (const std::string& key : member.keys) out << key;
        out << YAML::EndSeq << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::Key << "policy" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "signatures" << YAML::Value << std::string(to_string(config.signatures));
    out << YAML::EndMap;
    for (const auto& [key, yaml] : config.other) {
        out << YAML::Key << key << YAML::Value << YAML::Load(yaml);
    }
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

// ---------------------------------------------------------------- names

std::optional<std::string> Config::resolve_delegation(std::string_view name_or_alias) const {
    const std::string key = normalise_name(name_or_alias);
    if (key.empty()) return std::nullopt;
    for (const Delegation& d : delegations) {
        if (normalise_name(d.name) == key) return d.name;
        for (const std::string& alias : d.aliases) {
            if (normalise_name(alias) == key) return d.name;
        }
    }
    return std::nullopt;
}

bool Config::is_secretariat_member(std::string_view name) const {
    const std::string key = normalise_name(name);
    return !key.empty() &&
           std::any_of(secretariat.begin(), secretariat.end(),
                       [&](const SecretariatMember& m) { return normalise_name(m.name) == key; });
}

const Meeting* Config::find_meeting(std::string_view name) const {
    const std::string key = normalise_name(name);
    for (const Meeting& m : meetings) {
        if (!key.empty() && normalise_name(m.name) == key) return &m;
    }
    return nullptr;
}

std::string_view to_string(SignaturePolicy policy) {
    return policy == SignaturePolicy::required ? "required" : "optional";
}

std::vector<std::pair<std::string, KeyHolder>> Config::registered_keys() const {
    std::vector<std::pair<std::string, KeyHolder>> out;
    const auto add = [&](const std::vector<std::string>& keys, const std::string& name,
                         bool secretariat) {
        for (const std::string& line : keys) {
            // Checked when the file was read; a Config built in code may hold anything.
            const SshKeyParse parsed = parse_ssh_public_key(line);
            if (!parsed.key) continue;
            out.emplace_back(parsed.key->blob,
                             KeyHolder{name, secretariat, parsed.key->fingerprint()});
        }
    };
    for (const Delegation& d : delegations) add(d.keys, d.name, false);
    for (const SecretariatMember& m : secretariat) add(m.keys, m.name, true);
    return out;
}

std::optional<KeyHolder> Config::key_holder(std::string_view key_blob) const {
    for (auto& [blob, holder] : registered_keys()) {
        if (blob == key_blob) return holder;
    }
    return std::nullopt;
}

bool Config::lists_keys() const {
    return secretariat_has_keys() ||
           std::any_of(delegations.begin(), delegations.end(),
                       [](const Delegation& d) { return !d.keys.empty(); });
}

bool Config::secretariat_has_keys() const {
    return std::any_of(secretariat.begin(), secretariat.end(),
                       [](const SecretariatMember& m) { return !m.keys.empty(); });
}

namespace {

// `prefix` starts `text` or one of its words.
bool word_prefix(std::string_view prefix, std::string_view text) {
    for (std::size_t at = 0; at < text.size(); ++at) {
        if ((at == 0 || text[at - 1] == ' ') && text.substr(at, prefix.size()) == prefix)
            return true;
    }
    return false;
}

}  // namespace

std::vector<std::string> Config::suggest(std::string_view unknown) const {
    const std::string key = normalise_name(unknown);
    if (key.empty()) return {};
    const std::size_t limit = std::max<std::size_t>(1, key.size() / 3);
    std::vector<std::pair<std::size_t, std::string>> scored;  // (score, name), lower is nearer
    for (const Delegation& d : delegations) {
        std::size_t best = SIZE_MAX;
        std::vector<std::string> names = {d.name};
        names.insert(names.end(), d.aliases.begin(), d.aliases.end());
        for (const std::string& name : names) {
            const std::string candidate = normalise_name(name);
            const std::size_t distance = edit_distance(key, candidate);
            if (distance <= limit) best = std::min(best, distance * 2);
            if (key.size() >= 3 && word_prefix(key, candidate))
                best = std::min<std::size_t>(best, 1);
        }
        if (best != SIZE_MAX) scored.emplace_back(best, d.name);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (const auto& [score, name] : scored) {
        if (out.size() == 3) break;
        out.push_back(name);
    }
    return out;
}

}  // namespace accord
