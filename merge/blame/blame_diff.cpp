#include "merge/blame/blame_diff.hpp"

#include <algorithm>
#include <deque>
#include <numeric>
#include <unordered_map>

#include "merge/diff/sequence_diff.hpp"

// Why this equals diff_interned's mapping: diff_interned diffs the paragraph
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

bool has_words(const InternedTokens& side, std::uint32_t unit) {
    for (std::uint32_t t = side.unit_first[unit]; t < side.unit_first[unit + 1]; ++t)
        if (is_word_or_number(side.tokens[t].kind)) return true;
    return false;
}

}  // namespace

std::size_t map_moved_paragraphs(const InternedTokens& before, const InternedTokens& after,
                                 TokenMapping& mapping) {
    const auto units = [](const InternedTokens& side) {
        return static_cast<std::uint32_t>(side.unit_ids.size());
    };
    // Whether old unit o is mapped whole onto a new unit with its id.
    std::vector<bool> new_whole(units(after), false);
    std::vector<std::uint32_t> old_loose;
    for (std::uint32_t o = 0; o < units(before); ++o) {
        const std::uint32_t id = before.unit_ids[o];
        if (id == kNone || !has_words(before, o)) continue;
        const std::uint32_t first = before.unit_first[o], end = before.unit_first[o + 1];
        const std::uint32_t to = mapping.old_to_new[first];
        bool whole = false;
        if (to != kNone) {
            const std::uint32_t n = unit_of(after, to);
            whole = after.unit_first[n] == to && after.unit_ids[n] == id &&
                    after.unit_first[n + 1] - to == end - first &&
                    mapping.old_to_new[end - 1] == to + (end - first) - 1;
            if (whole) new_whole[n] = true;
        }
        if (!whole) old_loose.push_back(o);
    }
    if (old_loose.empty()) return 0;
    std::unordered_map<std::uint32_t, std::deque<std::uint32_t>> new_loose;  // id -> units
    for (std::uint32_t n = 0; n < units(after); ++n) {
        if (!new_whole[n] && after.unit_ids[n] != kNone && has_words(after, n))
            new_loose[after.unit_ids[n]].push_back(n);
    }
    std::size_t moved = 0;
    for (const std::uint32_t o : old_loose) {
        const auto it = new_loose.find(before.unit_ids[o]);
        if (it == new_loose.end() || it->second.empty()) continue;
        const std::uint32_t n = it->second.front();
        it->second.pop_front();
        const std::uint32_t a0 = before.unit_first[o], a1 = before.unit_first[o + 1];
        const std::uint32_t b0 = after.unit_first[n];
        for (std::uint32_t t = a0; t < a1; ++t) {
            if (mapping.old_to_new[t] != kNone) mapping.new_to_old[mapping.old_to_new[t]] = kNone;
        }
        for (std::uint32_t t = b0; t < b0 + (a1 - a0); ++t) {
            if (mapping.new_to_old[t] != kNone) mapping.old_to_new[mapping.new_to_old[t]] = kNone;
        }
        for (std::uint32_t k = 0; k < a1 - a0; ++k) {
            mapping.old_to_new[a0 + k] = b0 + k;
            mapping.new_to_old[b0 + k] = a0 + k;
        }
        ++moved;
    }
    return moved;
}

}  // namespace accord
