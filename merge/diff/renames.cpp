#include "merge/diff/renames.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/store/workspace.hpp"
#include "core/util/errors.hpp"
#include "merge/diff/token_diff.hpp"

namespace accord {

namespace {

constexpr double kSimilarEnough = 0.5;  // git's default for renames
constexpr std::size_t kMostCompared = 200;

std::unordered_map<std::string_view, std::size_t> word_counts(std::string_view text) {
    std::unordered_map<std::string_view, std::size_t> counts;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t start = text.find_first_not_of(" \t\r\n", at);
        if (start == std::string_view::npos) break;
        std::size_t end = text.find_first_of(" \t\r\n", start);
        if (end == std::string_view::npos) end = text.size();
        ++counts[text.substr(start, end - start)];
        at = end;
    }
    return counts;
}

// A text's front matter (between "---" lines at its top) and its body.
std::pair<std::string_view, std::string_view> front_and_body(std::string_view text) {
    if (!text.starts_with("---\n") && !text.starts_with("---\r\n")) return {{}, text};
    for (std::size_t at = text.find('\n') + 1; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(at, end - at);
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line == "---") return {text.substr(0, at), text.substr(std::min(end + 1, text.size()))};
        at = end + 1;
    }
    return {{}, text};
}

// The value of the front matter's "id:" line, or "".
std::string_view text_id(std::string_view front) {
    for (std::size_t at = 0; at < front.size();) {
        std::size_t end = front.find('\n', at);
        if (end == std::string_view::npos) end = front.size();
        std::string_view line = front.substr(at, end - at);
        if (line.starts_with("id:")) {
            // As YAML reads a plain scalar: a comment after " #" is no part
            // of it, nor are the quotes around a quoted one.
            line.remove_prefix(3);
            const auto trim = [&] {
                while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
                    line.remove_prefix(1);
                while (!line.empty() &&
                       (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
                    line.remove_suffix(1);
            };
            trim();
            if (!line.empty() && (line.front() == '"' || line.front() == '\'')) {
                const std::size_t close = line.find(line.front(), 1);
                return close == std::string_view::npos ? line.substr(1) : line.substr(1, close - 1);
            }
            if (const std::size_t comment = line.find(" #"); comment != std::string_view::npos)
                line = line.substr(0, comment);
            trim();
            return line;
        }
        at = end + 1;
    }
    return {};
}

// What a version is compared by: its body's words (front matter alike in
// every text of a negotiation says nothing) and its id, counted once per
// version however many others it is compared with. The words are kept as
// sorted (hash, count) pairs, so that comparing two versions is one merge
// of two sorted lists (a re-filing of 200 long texts compares 40,000 pairs).
struct Profile {
    std::vector<std::pair<std::uint64_t, std::size_t>> words;
    std::size_t total = 0;
    std::string_view id;
};

Profile profile_from(const std::unordered_map<std::string_view, std::size_t>& counts,
                     std::string_view id) {
    Profile p;
    p.id = id;
    p.words.reserve(counts.size());
    for (const auto& [word, count] : counts) {
        p.words.emplace_back(std::hash<std::string_view>{}(word), count);
        p.total += count;
    }
    std::sort(p.words.begin(), p.words.end());
    return p;
}

Profile profile_of(std::string_view text) {
    const auto [front, body] = front_and_body(text);
    return profile_from(word_counts(body), text_id(front));
}

double similarity(const Profile& a, const Profile& b) {
    const std::size_t longer = std::max(a.total, b.total);
    if (longer == 0) return 0.0;
    // The words in common are at most the shorter text's.
    if (2 * std::min(a.total, b.total) < longer) return 0.0;
    std::size_t shared = 0;
    auto x = a.words.begin(), y = b.words.begin();
    while (x != a.words.end() && y != b.words.end()) {
        if (x->first < y->first) {
            ++x;
        } else if (y->first < x->first) {
            ++y;
        } else {
            shared += std::min(x->second, y->second);
            ++x, ++y;
        }
    }
    return static_cast<double>(shared) / static_cast<double>(longer);
}

// A name with each run of digits made '#', and those numbers without their
// leading zeros: "art/04-mitigation.md" is "art/#-mitigation.md" and 4.
struct Numbered {
    std::string shape;
    std::vector<std::string_view> numbers;
};

Numbered numbered(std::string_view name) {
    Numbered n;
    for (std::size_t at = 0; at < name.size();) {
        if (name[at] < '0' || name[at] > '9') {
            n.shape += name[at++];
            continue;
        }
        std::size_t end = at;
        while (end < name.size() && name[end] >= '0' && name[end] <= '9') ++end;
        while (at + 1 < end && name[at] == '0') ++at;
        n.numbers.push_back(name.substr(at, end - at));
        n.shape += '#';
        at = end;
    }
    return n;
}

// Whether a text whose id changed as it moved was renumbered with its path
// (art/04-mitigation.md, id art-4, made art/03-mitigation.md, id art-3: a
// secretariat's renumbering) rather than withdrawn for another text: the
// ids differ only in their numbers, the paths only in theirs, and each
// id's numbers stand in its own path.
bool renumbered_with_path(std::string_view from, std::string_view from_id, std::string_view to,
                          std::string_view to_id) {
    const Numbered old_id = numbered(from_id), new_id = numbered(to_id);
    const Numbered old_path = numbered(from), new_path = numbered(to);
    if (old_id.shape != new_id.shape || old_path.shape != new_path.shape) return false;
    const auto numbers_stand_in = [](const Numbered& id, const Numbered& path) {
        return std::all_of(id.numbers.begin(), id.numbers.end(), [&](std::string_view number) {
            return std::find(path.numbers.begin(), path.numbers.end(), number) !=
                   path.numbers.end();
        });
    };
    return !old_id.numbers.empty() && numbers_stand_in(old_id, old_path) &&
           numbers_stand_in(new_id, new_path);
}

// The file name after the last '/'.
std::string_view file_name(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string front_matter_id(std::string_view text) {
    return std::string(text_id(front_and_body(text).first));
}

void RenameBlobs::put(const std::string& blob_id, std::string text) {
    blobs_.try_emplace(blob_id, std::move(text));
}

const std::string& RenameBlobs::operator()(const std::string& blob_id) {
    auto it = blobs_.find(blob_id);
    if (it != blobs_.end()) return it->second;
    std::string text;
    try {
        text = repo_.read_blob_unverified(blob_id);
    } catch (const Error&) {
        text.clear();  // beyond what accord reads as a text, or unreadable
    }
    if (!comparable_word_by_word(text)) text.clear();
    return blobs_.emplace(blob_id, std::move(text)).first->second;
}

double word_similarity(std::string_view a, std::string_view b) {
    const Profile x = profile_from(word_counts(a), {}), y = profile_from(word_counts(b), {});
    if (x.total == 0 && y.total == 0) return a == b ? 1.0 : 0.0;
    return similarity(x, y);
}

std::vector<Rename> find_renames(const TreeFiles& base, const TreeFiles& side,
                                 const ReadBlob& read) {
    std::vector<const TreeFiles::value_type*> removed, added;
    for (const auto& entry : base)
        if (!side.count(entry.first) && is_text_path(entry.first)) removed.push_back(&entry);
    for (const auto& entry : side)
        if (!base.count(entry.first) && is_text_path(entry.first)) added.push_back(&entry);
    if (removed.empty() || added.empty()) return {};

    // Candidate pairs, scored; identical blobs score above any similarity.
    // Two texts whose ids differ (A-1 withdrawn, A-2 tabled) are never one,
    // unless the id was renumbered with the path.
    const bool compare_words = removed.size() <= kMostCompared && added.size() <= kMostCompared;
    std::vector<Profile> removed_profiles, added_profiles;
    if (compare_words) {
        for (const auto* from : removed) removed_profiles.push_back(profile_of(read(from->second)));
        for (const auto* to : added) added_profiles.push_back(profile_of(read(to->second)));
    }
    // Scored; among equal scores (two identical texts filed at once), the
    // pair that keeps its file name first.
    std::vector<std::tuple<double, const std::string*, const std::string*>> pairs;
    const auto score_of = [](double score, const std::string& from, const std::string& to) {
        return file_name(from) == file_name(to) ? score + 1e-9 : score;
    };
    for (std::size_t r = 0; r < removed.size(); ++r) {
        for (std::size_t a = 0; a < added.size(); ++a) {
            const auto *from = removed[r], *to = added[a];
            if (from->second == to->second) {
                pairs.emplace_back(score_of(2.0, from->first, to->first), &from->first, &to->first);
                continue;
            }
            if (!compare_words) continue;
            const Profile &x = removed_profiles[r], &y = added_profiles[a];
            if (!x.id.empty() && !y.id.empty() && x.id != y.id &&
                !renumbered_with_path(from->first, x.id, to->first, y.id))
                continue;
            const double score = similarity(x, y);
            if (score >= kSimilarEnough)
                pairs.emplace_back(score_of(score, from->first, to->first), &from->first,
                                   &to->first);
        }
    }
    // Best first; equal scores in path order, so the result does not depend
    // on how the trees were listed.
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const auto& x, const auto& y) { return std::get<0>(x) > std::get<0>(y); });
    std::vector<Rename> renames;
    std::set<std::string> taken_from, taken_to;
    for (const auto& [score, from, to] : pairs) {
        if (taken_from.count(*from) || taken_to.count(*to)) continue;
        taken_from.insert(*from);
        taken_to.insert(*to);
        renames.push_back({*from, *to});
    }
    std::sort(renames.begin(), renames.end(),
              [](const Rename& x, const Rename& y) { return x.from < y.from; });
    return renames;
}

}  // namespace accord
