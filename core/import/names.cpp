#include "core/import/names.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/import/text.hpp"

namespace accord::importer {

namespace {

// Compared without case, spaces and dots: "M. Cade" = "MCade".
std::string folded(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c != ' ' && c != '.') out += lower(c);
    }
    return out;
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find(' ', at), text.size());
        if (end > at) out.emplace_back(text.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

// The capitals of the capitalised words: "United States of America" -> "USA".
std::string initials(std::string_view name) {
    std::string out;
    for (const std::string& word : words(name)) {
        if (is_upper(word[0])) out += word[0];
    }
    return out;
}

bool all_capitals(std::string_view text) {
    return text.size() >= 2 && text.size() <= 5 && std::all_of(text.begin(), text.end(), is_upper);
}

// Optimal string alignment distance: edits and swaps of neighbours.
std::size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

// "Lea Kapser" and "Lea Kaspar": the same words but for a misspelt last one.
bool misspelling(std::string_view a, std::string_view b) {
    const std::vector<std::string> x = words(a);
    const std::vector<std::string> y = words(b);
    if (x.size() < 2 || x.size() != y.size() || a.size() < 8) return false;
    for (std::size_t k = 0; k + 1 < x.size(); ++k) {
        if (x[k] != y[k]) return false;
    }
    const auto letters = [](const std::string& w) {
        return std::none_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    return x.back().size() >= 5 && y.back().size() >= 5 && letters(x.back()) && letters(y.back()) &&
           distance(x.back(), y.back()) <= 2;
}

// The source's words (runs of ASCII letters and digits), lower-cased, with
// where they start: so that looking for a spelling costs the occurrences of
// its rarest word, not a pass over the whole text.
class WordIndex {
  public:
    explicit WordIndex(std::string_view source) : source_(source) {
        for (std::size_t at = 0; at < source.size();) {
            if (!is_alnum(source[at])) {
                ++at;
                continue;
            }
            std::size_t end = at;
            while (end < source.size() && is_alnum(source[end])) ++end;
            words_[ascii_lower(source.substr(at, end - at))].push_back(at);
            at = end;
        }
    }

    // Offsets where `text` occurs as whole words (no ASCII letter or digit on
    // either side), compared with or without case.
    std::vector<std::size_t> find(std::string_view text, bool match_case) const {
        std::vector<std::size_t> hits;
        const std::vector<std::size_t>* rarest = nullptr;
        std::size_t offset = 0;
        for (std::size_t at = 0; at < text.size();) {
            if (!is_alnum(text[at])) {
                ++at;
                continue;
            }
            std::size_t end = at;
            while (end < text.size() && is_alnum(text[end])) ++end;
            const auto it = words_.find(ascii_lower(text.substr(at, end - at)));
            if (it == words_.end()) return hits;
            if (rarest == nullptr || it->second.size() < rarest->size()) {
                rarest = &it->second;
                offset = at;
            }
            at = end;
        }
        if (rarest == nullptr) return hits;
        const std::string wanted = match_case ? std::string(text) : ascii_lower(text);
        for (std::size_t position : *rarest) {
            if (position < offset) continue;
            const std::size_t begin = position - offset;
            const std::size_t end = begin + text.size();
            if (end > source_.size()) continue;
            if ((begin > 0 && is_alnum(source_[begin - 1])) ||
                (end < source_.size() && is_alnum(source_[end]))) {
                continue;
            }
            const std::string_view found = source_.substr(begin, text.size());
            if (match_case ? found == wanted : ascii_lower(found) == wanted) hits.push_back(begin);
        }
        return hits;
    }

  private:
    std::string_view source_;
    std::unordered_map<std::string, std::vector<std::size_t>> words_;
};

struct Written {
    std::size_t count = 0;
    bool titled = false;
    std::size_t line = 0;
};

// The written names, indexed for the resolution rules, so that resolving
// each costs lookups rather than a pass over all the others.
class Resolver {
  public:
    Resolver(const std::map<std::string, Written>& written, const std::vector<KnownName>& known)
        : written_(written) {
        for (const KnownName& k : known) {
            known_.emplace(folded(k.alias), k.name);
            known_.emplace(folded(k.name), k.name);
        }
        for (const auto& [name, info] : written) {
            by_lower_[ascii_lower(name)].push_back(name);
            const std::vector<std::string> parts = words(name);
            if (parts.size() < 2) continue;
            by_initials_[initials(name)].push_back(name);
            by_first_word_[parts.front()].push_back(name);
            by_stem_[name.substr(0, name.rfind(' '))].push_back(name);
        }
    }

    // The delegation name for `name`; `misspelt` tells whether rule 5 applied.
    std::string resolve(std::string name, bool& misspelt) const {
        for (int steps = 0; steps < 5; ++steps) {
            std::string next = step(name, misspelt);
            if (next == name) break;
            name = std::move(next);
        }
        return name;
    }

  private:
    std::size_t count(const std::string& name) const {
        const auto it = written_.find(name);
        return it == written_.end() ? 0 : it->second.count;
    }

    // `a` is a better spelling than `b`: more frequent, then not all capitals, then first in order.
    bool better(const std::string& a, const std::string& b) const {
        if (count(a) != count(b)) return count(a) > count(b);
        if (all_capitals(a) != all_capitals(b)) return !all_capitals(a);
        return a < b;
    }

    static const std::vector<std::string>& lookup(
        const std::map<std::string, std::vector<std::string>>& index, const std::string& key) {
        static const std::vector<std::string> kNone;
        const auto it = index.find(key);
        return it == index.end() ? kNone : it->second;
    }

    std::string step(const std::string& name, bool& misspelt) const {
        if (const auto it = known_.find(folded(name)); it != known_.end()) return it->second;
        std::string best = name;
        for (const std::string& other : lookup(by_lower_, ascii_lower(name))) {
            if (better(other, best)) best = other;
        }
        if (best != name) return best;
        std::set<std::string> matches;
        if (all_capitals(name)) {
            // "US", "USA", "RF": the initials of one other name, or their start.
            for (auto it = by_initials_.lower_bound(name);
                 it != by_initials_.end() && it->first.compare(0, name.size(), name) == 0 &&
                 matches.size() < 2;
                 ++it) {
                matches.insert(it->second.begin(), it->second.end());
            }
        } else if (words(name).size() == 1) {
            const std::vector<std::string>& firsts = lookup(by_first_word_, name);  // "Avri"
            matches.insert(firsts.begin(), firsts.end());
        }
        matches.erase(name);
        if (matches.size() == 1) return *matches.begin();
        matches.clear();
        const std::vector<std::string>& similar =
            name.find(' ') == std::string::npos ? lookup(by_stem_, "")
                                                : lookup(by_stem_, name.substr(0, name.rfind(' ')));
        // Many names alike ("John Smith1" ... "John Smith900") are a list, not misspellings.
        if (similar.size() <= kMaxSimilar) {
            for (const std::string& other : similar) {
                if (other != name && misspelling(name, other) && better(other, name))
                    matches.insert(other);
            }
        }
        if (matches.size() == 1) {
            misspelt = true;
            return *matches.begin();
        }
        return name;
    }

    const std::map<std::string, Written>& written_;
    std::map<std::string, std::string> known_;  // folded alias or name -> known name
    std::map<std::string, std::vector<std::string>> by_lower_;
    std::map<std::string, std::vector<std::string>> by_initials_;
    std::map<std::string, std::vector<std::string>> by_first_word_;
    std::map<std::string, std::vector<std::string>> by_stem_;  // all words but the last
    static constexpr std::size_t kMaxSimilar = 64;
};

struct Candidate {
    std::string text;
    bool first_word = false;  // a first name: not when a capitalised word follows ("Per Linner")
};

std::vector<Candidate> spellings(const PlannedDelegation& delegation,
                                 const std::vector<KnownName>& known) {
    std::vector<Candidate> out;
    for (const KnownName& k : known) {
        if (folded(k.name) == folded(delegation.name)) out.push_back({k.alias});
    }
    const std::vector<std::string> parts = words(delegation.name);
    if (parts.size() < 2) return out;
    if (delegation.kind == "person") {
        const std::string initial(1, parts.front()[0]);
        out.push_back({parts.front(), true});
        for (std::string_view between : {". ", " ", ""})
            out.push_back({initial + std::string(between) + parts.back()});
    } else {
        const std::string caps = initials(delegation.name);
        for (std::size_t n = 2; n <= caps.size(); ++n) out.push_back({caps.substr(0, n)});
    }
    return out;
}

bool used_in(std::string_view source, const WordIndex& index, const Candidate& candidate) {
    for (std::size_t at : index.find(candidate.text, true)) {
        const std::size_t end = at + candidate.text.size();
        const bool name_goes_on =
            end + 1 < source.size() && source[end] == ' ' && is_upper(source[end + 1]);
        if (!candidate.first_word || !name_goes_on) return true;
    }
    return false;
}

}  // namespace

NameRegistry resolve_names(const std::vector<NameOccurrence>& names, std::string_view source,
                           const std::vector<KnownName>& known) {
    NameRegistry registry;
    std::map<std::string, Written> written;
    for (const NameOccurrence& occurrence : names) {
        Written& w = written[occurrence.written];
        if (w.count++ == 0) w.line = occurrence.line;
        w.titled = w.titled || occurrence.titled;
    }
    const Resolver resolver(written, known);
    std::map<std::string, PlannedDelegation> delegations;
    for (const auto& [name, info] : written) {
        bool misspelt = false;
        const std::string target = resolver.resolve(name, misspelt);
        registry.canonical[name] = target;
        PlannedDelegation& d = delegations[target];
        d.name = target;
        if (info.titled) d.kind = "person";
        if (target != name) d.aliases.push_back(name);
        if (misspelt) {
            registry.warnings.push_back(
                {info.line, "'" + name + "' read as '" + target + "', spelt so elsewhere"});
        }
    }
    const WordIndex index(source);
    std::map<std::string, bool> used;                     // candidate (and its rule) -> found
    std::map<std::string, std::set<std::string>> owners;  // spelling -> delegations it fits
    for (auto& [name, d] : delegations) {
        for (const KnownName& k : known) {
            if (folded(k.name) == folded(name) && k.kind == "person") d.kind = "person";
        }
        for (std::string_view title : {"Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Mr ", "Ms "}) {
            if (!index.find(std::string(title) + name, true).empty()) d.kind = "person";
        }
        for (const Candidate& candidate : spellings(d, known)) {
            if (candidate.text == name) continue;
            const std::string key = candidate.text + (candidate.first_word ? "\n1" : "\n0");
            auto [it, fresh] = used.emplace(key, false);
            if (fresh) it->second = used_in(source, index, candidate);
            if (it->second) owners[candidate.text].insert(name);
        }
        // The name in other case: "IRAN", "sweden".
        for (std::size_t at : index.find(name, false)) {
            const std::string spelling(source.substr(at, name.size()));
            if (spelling != name) owners[spelling].insert(name);
        }
    }
    for (const auto& [spelling, fits] : owners) {
        if (fits.size() != 1 || delegations.count(spelling) > 0) continue;
        delegations[*fits.begin()].aliases.push_back(spelling);
    }
    for (auto& [name, d] : delegations) {
        std::sort(d.aliases.begin(), d.aliases.end());
        d.aliases.erase(std::unique(d.aliases.begin(), d.aliases.end()), d.aliases.end());
        registry.delegations.push_back(std::move(d));
    }
    return registry;
}

std::optional<std::string> delegation_named(const std::vector<PlannedDelegation>& delegations,
                                            std::string_view written) {
    const std::string wanted = folded(written);
    if (wanted.empty()) return std::nullopt;
    for (const PlannedDelegation& d : delegations) {
        if (folded(d.name) == wanted) return d.name;
        for (const std::string& alias : d.aliases) {
            if (folded(alias) == wanted) return d.name;
        }
    }
    return std::nullopt;
}

}  // namespace accord::importer
