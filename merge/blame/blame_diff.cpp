#include "merge/blame/blame_diff.hpp"

#include <algorithm>
#include <deque>
#include <numeric>
#include <unordered_map>

#include "merge/diff/sequence_diff.hpp"
#include "merge/diff/token_view.hpp"

// Why this equals diff_interned's mapping (words first, without folding or
// sliding runs onto paragraph edges): diff_interned diffs the paragraph
// units with diff_sequences, which takes the units equal at the start and at
// the end (in that order, the end bounded by the start) as common and diffs
// only what lies between; then each run of units between two common ones is
// diffed token by token (diff_token_range, words first). The mapping is the set of common pairs,
// which the order of the script does not change. Here the units shared at the start and end are
// taken off the same way, the rest goes through the same two steps.

namespace accord {

TokenMapping map_tokens(const InternedTokens& before, const InternedTokens& after) {
    TokenMapping out;
    out.old_to_new.assign(before.tokens.size(), kNone);
    out.new_to_old.assign(after.tokens.size(), kNone);
    const std::vector<std::uint32_t>& old_units = before.unit_ids;
    const std::vector<std::uint32_t>& new_units = after.unit_ids;

    // Units [o, o + count) and [n, n + count), equal one to one.
    auto common_units = [&](std::uint32_t o, std::uint32_t n, std::uint32_t count) {
        const std::uint32_t a0 = before.unit_first[o], a1 = before.unit_first[o + count];
        const std::uint32_t b0 = after.unit_first[n];
        std::iota(out.old_to_new.begin() + a0, out.old_to_new.begin() + a1, b0);
        std::iota(out.new_to_old.begin() + b0, out.new_to_old.begin() + b0 + (a1 - a0), a0);
    };
    // Units [o0, o1) of the old side against [n0, n1) of the new, token by
    // token (diff_token_range maps their common first and last tokens
    // without diffing them).
    auto gap = [&](std::uint32_t o0, std::uint32_t o1, std::uint32_t n0, std::uint32_t n1) {
        const std::uint32_t a0 = before.unit_first[o0], a1 = before.unit_first[o1];
        const std::uint32_t b0 = after.unit_first[n0], b1 = after.unit_first[n1];
        if (a0 == a1 || b0 == b1) return;  // only removals or only additions
        for (const Edit& e : diff_token_range(before, a0, a1, after, b0, b1, true)) {
            if (e.kind != EditKind::common) continue;
            out.old_to_new[e.old_index] = e.new_index;
            out.new_to_old[e.new_index] = e.old_index;
        }
    };

    const std::uint32_t old_count = static_cast<std::uint32_t>(old_units.size());
    const std::uint32_t new_count = static_cast<std::uint32_t>(new_units.size());
    std::uint32_t prefix = 0;
    while (prefix < old_count && prefix < new_count && old_units[prefix] == new_units[prefix])
        ++prefix;
    common_units(0, 0, prefix);
    std::uint32_t suffix = 0;
    while (old_count - suffix > prefix && new_count - suffix > prefix &&
           old_units[old_count - suffix - 1] == new_units[new_count - suffix - 1])
        ++suffix;
    const std::vector<std::uint32_t> old_middle(old_units.begin() + prefix,
                                                old_units.end() - suffix);
    const std::vector<std::uint32_t> new_middle(new_units.begin() + prefix,
                                                new_units.end() - suffix);
    std::uint32_t old_gap = prefix, new_gap = prefix;  // first unit of the current gap
    for (const Edit& u : diff_sequences(old_middle, new_middle)) {
        if (u.kind != EditKind::common) continue;
        const std::uint32_t o = prefix + u.old_index, n = prefix + u.new_index;
        gap(old_gap, o, new_gap, n);
        common_units(o, n, 1);
        old_gap = o + 1, new_gap = n + 1;
    }
    gap(old_gap, old_count - suffix, new_gap, new_count - suffix);
    common_units(old_count - suffix, new_count - suffix, suffix);
    return out;
}

namespace {

// The unit of `side` holding token `t`.
std::uint32_t unit_of(const InternedTokens& side, std::uint32_t t) {
    const auto it = std::upper_bound(side.unit_first.begin(), side.unit_first.end(), t);
    return static_cast<std::uint32_t>(it - side.unit_first.begin()) - 1;
}

// A paragraph's wording: its tokens without the white space that ends it
// (the last paragraph ends in "\n", the same one elsewhere in "\n\n").
struct Wording {
    std::uint32_t first = 0, end = 0;
    std::uint32_t size() const { return end - first; }
};

Wording wording_of(const InternedTokens& side, std::uint32_t unit) {
    Wording w{side.unit_first[unit], side.unit_first[unit + 1]};
    while (w.end > w.first && is_space_token(side.tokens[w.end - 1].kind)) --w.end;
    return w;
}

bool has_words(const InternedTokens& side, Wording w) {
    for (std::uint32_t t = w.first; t < w.end; ++t)
        if (is_word_or_number(side.tokens[t].kind)) return true;
    return false;
}

std::uint64_t hash_of(const InternedTokens& side, Wording w) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the ids
    for (std::uint32_t t = w.first; t < w.end; ++t) h = (h ^ side.ids[t]) * 1099511628211ull;
    return h ^ w.size();
}

bool same_wording(const InternedTokens& a, Wording x, const InternedTokens& b, Wording y) {
    return x.size() == y.size() &&
           std::equal(a.ids.begin() + x.first, a.ids.begin() + x.end, b.ids.begin() + y.first);
}

}  // namespace

std::size_t map_moved_paragraphs(const InternedTokens& before, const InternedTokens& after,
                                 TokenMapping& mapping) {
    if (before.unit_ids.empty() || after.unit_ids.empty() || before.unit_ids.front() == kNone ||
        after.unit_ids.front() == kNone)
        return 0;  // units not interned (skip_unit_ids)
    const auto units = [](const InternedTokens& side) {
        return static_cast<std::uint32_t>(side.unit_ids.size());
    };
    // Old paragraphs the mapping keeps whole, word for word, onto a new one.
    std::vector<bool> new_whole(units(after), false);
    std::vector<std::uint32_t> old_loose;
    for (std::uint32_t o = 0; o < units(before); ++o) {
        const Wording w = wording_of(before, o);
        if (!has_words(before, w)) continue;
        const std::uint32_t to = mapping.old_to_new[w.first];
        bool whole = false;
        if (to != kNone) {
            const std::uint32_t n = unit_of(after, to);
            const Wording there = wording_of(after, n);
            // Equal unit ids are equal bytes (one interner): most paragraphs
            // are not compared token by token.
            whole =
                there.first == to && mapping.old_to_new[w.end - 1] == to + w.size() - 1 &&
                (before.unit_ids[o] == after.unit_ids[n] || same_wording(before, w, after, there));
            if (whole) new_whole[n] = true;
        }
        if (!whole) old_loose.push_back(o);
    }
    if (old_loose.empty()) return 0;
    std::unordered_map<std::uint64_t, std::deque<std::uint32_t>> new_loose;  // by wording
    for (std::uint32_t n = 0; n < units(after); ++n) {
        const Wording w = wording_of(after, n);
        if (!new_whole[n] && has_words(after, w)) new_loose[hash_of(after, w)].push_back(n);
    }
    std::size_t moved = 0;
    for (const std::uint32_t o : old_loose) {
        const Wording from = wording_of(before, o);
        const auto it = new_loose.find(hash_of(before, from));
        if (it == new_loose.end()) continue;
        std::deque<std::uint32_t>& candidates = it->second;
        const auto found = std::find_if(candidates.begin(), candidates.end(), [&](std::uint32_t n) {
            return same_wording(before, from, after, wording_of(after, n));
        });
        if (found == candidates.end()) continue;
        const Wording to = wording_of(after, *found);
        candidates.erase(found);
        for (std::uint32_t t = from.first; t < from.end; ++t) {
            if (mapping.old_to_new[t] != kNone) mapping.new_to_old[mapping.old_to_new[t]] = kNone;
        }
        for (std::uint32_t t = to.first; t < to.end; ++t) {
            if (mapping.new_to_old[t] != kNone) mapping.old_to_new[mapping.new_to_old[t]] = kNone;
        }
        for (std::uint32_t k = 0; k < from.size(); ++k) {
            mapping.old_to_new[from.first + k] = to.first + k;
            mapping.new_to_old[to.first + k] = from.first + k;
        }
        ++moved;
    }
    return moved;
}

}  // namespace accord
