#include "merge/diff/paragraph_diff.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "merge/diff/sequence_diff.hpp"
#include "merge/diff/token_diff.hpp"
#include "merge/diff/token_view.hpp"

namespace accord {

std::uint32_t paragraph_of(const ParagraphTokens& paragraphs, std::uint32_t token) {
    const std::vector<std::uint32_t>& first = paragraphs.first;
    if (first.size() < 2 || token < first.front()) return kNone;
    const auto it = std::upper_bound(first.begin(), first.end() - 1, token);
    return static_cast<std::uint32_t>(it - first.begin()) - 1;
}

namespace {

// A part of a split or a merge keeps at least this share of its words
// through the word diff; a part that keeps fewer stands apart after all.
constexpr double kPartKept = 0.3;

// A run of kept words longer than this between two rewordings is no
// coincidence: it stays kept, and the rewordings stay two changes.

// Ids no real token has, one per token of a paragraph standing apart, so
// that nothing matches it (interned ids are far smaller).
constexpr std::uint32_t kApartOld = 0x80000000u, kApartNew = 0xC0000000u;

bool contains(const std::vector<std::uint32_t>& sorted, std::uint32_t value) {
    return std::binary_search(sorted.begin(), sorted.end(), value);
}

// The words of a paired block, compared phrase first: runs of three tokens
// (white space aside) found once in each side are anchors, in the longest
// chain that keeps their order on both sides (patience diff, over phrases);
// the stretches between anchors are compared token by token. A phrase that
// stands once on each side is kept whole, where a plain longest common
// subsequence may keep a few of its words and pair them with another
// occurrence ("[the right to] development" against "the right to health":
// the words "the right to" occur twice, "right to health" once).
constexpr std::size_t kPhrase = 3;

std::vector<Edit> diff_by_phrases(const std::vector<std::uint32_t>& a,
                                  const std::vector<std::uint32_t>& b,
                                  const std::vector<bool>& a_space,
                                  const std::vector<bool>& b_space) {
    // What is alike at the start and at the end needs no anchor.
    std::uint32_t prefix = 0, suffix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    std::vector<std::uint32_t> a_words, b_words;  // positions of the tokens that are not space
    for (std::uint32_t i = prefix; i < a.size() - suffix; ++i)
        if (!a_space[i]) a_words.push_back(i);
    for (std::uint32_t j = prefix; j < b.size() - suffix; ++j)
        if (!b_space[j]) b_words.push_back(j);
    if (a_words.size() < kPhrase || b_words.size() < kPhrase) return diff_sequences(a, b);
    auto key = [](const std::vector<std::uint32_t>& ids, const std::vector<std::uint32_t>& words,
                  std::size_t at) {
        std::uint64_t h = 0;
        for (std::size_t k = 0; k < kPhrase; ++k)
            h = h * 0x9E3779B97F4A7C15ull + ids[words[at + k]] + 1;
        return h;
    };
    struct Seen {
        std::uint32_t a_count = 0, b_count = 0, a_at = 0, b_at = 0;
    };
    std::unordered_map<std::uint64_t, Seen> seen;
    seen.reserve(a_words.size() + b_words.size());
    for (std::size_t p = 0; p + kPhrase <= a_words.size(); ++p) {
        Seen& s = seen[key(a, a_words, p)];
        ++s.a_count, s.a_at = static_cast<std::uint32_t>(p);
    }
    for (std::size_t q = 0; q + kPhrase <= b_words.size(); ++q) {
        const auto it = seen.find(key(b, b_words, q));
        if (it == seen.end()) continue;
        ++it->second.b_count, it->second.b_at = static_cast<std::uint32_t>(q);
    }
    // Phrases once on each side (and truly alike), in order of a.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> unique;
    for (std::size_t p = 0; p + kPhrase <= a_words.size(); ++p) {
        const Seen& s = seen[key(a, a_words, p)];
        if (s.a_count != 1 || s.b_count != 1) continue;
        bool alike = true;
        for (std::size_t k = 0; k < kPhrase; ++k)
            alike = alike && a[a_words[p + k]] == b[b_words[s.b_at + k]];
        if (alike) unique.push_back({static_cast<std::uint32_t>(p), s.b_at});
    }
    const std::vector<PositionPair> chain = longest_increasing_chain(unique);
    // Each anchor's tokens kept, the stretches between compared.
    std::vector<Edit> script;
    std::uint32_t a_at = 0, b_at = 0;  // the first tokens not yet in the script
    auto stretch = [&](std::uint32_t a_end, std::uint32_t b_end) {
        const std::vector<std::uint32_t> x(a.begin() + a_at, a.begin() + a_end),
            y(b.begin() + b_at, b.begin() + b_end);
        for (Edit e : diff_sequences(x, y)) {
            if (e.kind != EditKind::added) e.old_index += a_at;
            if (e.kind != EditKind::removed) e.new_index += b_at;
            script.push_back(e);
        }
    };
    for (const auto& [p, q] : chain) {
        for (std::size_t k = 0; k < kPhrase; ++k) {
            const std::uint32_t i = a_words[p + k], j = b_words[q + k];
            if (i < a_at || j < b_at) continue;  // overlapping anchors: kept already
            stretch(i, j);
            script.push_back({EditKind::common, i, j});
            a_at = i + 1, b_at = j + 1;
        }
    }
    stretch(static_cast<std::uint32_t>(a.size()), static_cast<std::uint32_t>(b.size()));
    order_hunks(script);
    return script;
}

// A block's token ids as its words are compared: the tokens of paragraphs
// standing apart have ids that nothing else has.
struct BlockIds {
    std::vector<std::uint32_t> old_ids, new_ids;  // from old_begin, from new_begin
    std::uint32_t old_begin = 0, new_begin = 0;
    std::uint32_t old_id(std::uint32_t token) const { return old_ids[token - old_begin]; }
    std::uint32_t new_id(std::uint32_t token) const { return new_ids[token - new_begin]; }
};

}  // namespace

// Renumbers the token ids of both sides in order of first appearance (the
// older side's tokens, then the newer's), the fixed ids of the marks kept:
// ids that depend on the two texts alone, not on what else the interner
// that numbered them had seen. The order of ids is the order a fresh
// interner gives (the pairing sorts words by id and sums their weights in
// that order), and the largest id, which sizes the pairing's tables, is
// the number of distinct tokens of the two texts.
void number_by_first_appearance(std::vector<std::uint32_t>& old_ids,
                                std::vector<std::uint32_t>& new_ids) {
    constexpr std::uint32_t kFirst = kFirstWordId;
    std::uint32_t largest = 0;
    for (const auto* ids : {&old_ids, &new_ids})
        for (const std::uint32_t id : *ids) largest = std::max(largest, id);
    // Per old id its new one, kNone between calls; the old ids met, to
    // clear after.
    thread_local std::vector<std::uint32_t> renumbered, met;
    if (renumbered.size() <= largest) renumbered.resize(std::size_t(largest) + 1, kNone);
    met.clear();
    for (auto* ids : {&old_ids, &new_ids}) {
        for (std::uint32_t& id : *ids) {
            if (id < kFirst) continue;
            std::uint32_t& to = renumbered[id];
            if (to == kNone)
                to = kFirst + static_cast<std::uint32_t>(met.size()), met.push_back(id);
            id = to;
        }
    }
    for (const std::uint32_t id : met) renumbered[id] = kNone;
}

namespace {

class Builder {
  public:
    // `a` and `b` interned by one interner (any: the ids are renumbered;
    // `around`, if any, counts words by their renumbered ids).
    Builder(const Document& before, const Document& after, InternedTokens a, InternedTokens b,
            const SharedParagraphs* around = nullptr, ParagraphDiffOptions options = {})
        : options_(options) {
        number_by_first_appearance(a.ids, b.ids);
        d_.old_tokens = std::move(a.tokens), d_.old_ids = std::move(a.ids);
        d_.new_tokens = std::move(b.tokens), d_.new_ids = std::move(b.ids);
        d_.old_paragraphs = paragraph_tokens(before, d_.old_tokens);
        d_.new_paragraphs = paragraph_tokens(after, d_.new_tokens);
        d_.old_to_new.assign(d_.old_tokens.size(), kNone);
        d_.new_to_old.assign(d_.new_tokens.size(), kNone);
        d_.script.reserve(std::max(d_.old_tokens.size(), d_.new_tokens.size()) + 16);
        pairings_ = pair_paragraphs({before, d_.old_tokens, d_.old_ids, d_.old_paragraphs},
                                    {after, d_.new_tokens, d_.new_ids, d_.new_paragraphs}, around);
    }

    ParagraphDiff run() {
        const std::uint32_t old_head = d_.old_paragraphs.first.front(),
                            new_head = d_.new_paragraphs.first.front();
        if (old_head > 0 || new_head > 0) {
            const bool same = std::equal(d_.old_ids.begin(), d_.old_ids.begin() + old_head,
                                         d_.new_ids.begin(), d_.new_ids.begin() + new_head);
            add_block({same ? PairingKind::kept : PairingKind::edited, 0, 0, 0, 0, {}, {}}, true);
        }
        for (ParagraphPairing& pairing : pairings_) add_block(std::move(pairing), false);
        return std::move(d_);
    }

  private:
    std::uint32_t old_token(std::uint32_t paragraph) const {
        return d_.old_paragraphs.first[paragraph];
    }
    std::uint32_t new_token(std::uint32_t paragraph) const {
        return d_.new_paragraphs.first[paragraph];
    }

    // `head`: the tokens before the first paragraph, whatever the pairing's ranges say.
    void add_block(ParagraphPairing pairing, bool head) {
        DiffBlock block;
        block.old_begin = head ? 0 : old_token(pairing.old_first);
        block.old_end = head ? d_.old_paragraphs.first.front() : old_token(pairing.old_last);
        block.new_begin = head ? 0 : new_token(pairing.new_first);
        block.new_end = head ? d_.new_paragraphs.first.front() : new_token(pairing.new_last);
        if (same_tokens(block, pairing)) {
            // All kept, as the word diff would find them (most blocks:
            // paragraphs kept whole), written straight into the script.
            block.script_begin = static_cast<std::uint32_t>(d_.script.size());
            for (std::uint32_t k = 0; k < block.old_end - block.old_begin; ++k) {
                d_.old_to_new[block.old_begin + k] = block.new_begin + k;
                d_.new_to_old[block.new_begin + k] = block.old_begin + k;
                d_.script.push_back({EditKind::common, block.old_begin + k, block.new_begin + k});
            }
            block.script_end = static_cast<std::uint32_t>(d_.script.size());
            block.pairing = std::move(pairing);
            d_.blocks.push_back(std::move(block));
            return;
        }
        std::vector<Edit> edits = compare(block, pairing);
        if (pairing.kind == PairingKind::split || pairing.kind == PairingKind::merged) {
            // Parts that kept too few of their words stand apart; compare again.
            for (int round = 0; round < 4 && set_apart_weak_parts(pairing, edits); ++round)
                edits = compare(block, pairing);
            const std::uint32_t old_parts =
                pairing.old_last - pairing.old_first - std::uint32_t(pairing.old_apart.size());
            const std::uint32_t new_parts =
                pairing.new_last - pairing.new_first - std::uint32_t(pairing.new_apart.size());
            if (old_parts <= 1 && new_parts <= 1) pairing.kind = PairingKind::edited;
        }
        block.script_begin = static_cast<std::uint32_t>(d_.script.size());
        for (const Edit& e : edits) {
            if (e.kind == EditKind::common) {
                d_.old_to_new[e.old_index] = e.new_index;
                d_.new_to_old[e.new_index] = e.old_index;
            }
            d_.script.push_back(e);
        }
        block.script_end = static_cast<std::uint32_t>(d_.script.size());
        block.pairing = std::move(pairing);
        d_.blocks.push_back(std::move(block));
    }

    // Whether the block is one paragraph (or the head) on each side with the
    // same tokens: then the word diff keeps them all, and nothing after it
    // looks again (as it does at the parts of a split or a merge).
    bool same_tokens(const DiffBlock& block, const ParagraphPairing& pairing) const {
        return (pairing.kind == PairingKind::kept || pairing.kind == PairingKind::edited ||
                pairing.kind == PairingKind::moved) &&
               pairing.old_apart.empty() && pairing.new_apart.empty() &&
               block.old_end - block.old_begin == block.new_end - block.new_begin &&
               std::equal(d_.old_ids.begin() + block.old_begin, d_.old_ids.begin() + block.old_end,
                          d_.new_ids.begin() + block.new_begin);
    }

    // The word diff of one block, over the tokens of its two ranges.
    std::vector<Edit> compare(const DiffBlock& block, const ParagraphPairing& pairing) const {
        std::vector<Edit> script;
        if (pairing.kind == PairingKind::added || pairing.kind == PairingKind::deleted) {
            for (std::uint32_t t = block.old_begin; t < block.old_end; ++t)
                script.push_back({EditKind::removed, t, 0});
            for (std::uint32_t t = block.new_begin; t < block.new_end; ++t)
                script.push_back({EditKind::added, 0, t});
            return script;
        }
        std::vector<std::uint32_t> a(d_.old_ids.begin() + block.old_begin,
                                     d_.old_ids.begin() + block.old_end);
        std::vector<std::uint32_t> b(d_.new_ids.begin() + block.new_begin,
                                     d_.new_ids.begin() + block.new_end);
        for (const std::uint32_t p : pairing.old_apart) {
            for (std::uint32_t t = old_token(p); t < old_token(p + 1); ++t)
                a[t - block.old_begin] = kApartOld + t;
        }
        for (const std::uint32_t p : pairing.new_apart) {
            for (std::uint32_t t = new_token(p); t < new_token(p + 1); ++t)
                b[t - block.new_begin] = kApartNew + t;
        }
        std::vector<bool> a_space(a.size()), b_space(b.size());
        for (std::uint32_t t = block.old_begin; t < block.old_end; ++t)
            a_space[t - block.old_begin] = is_space_token(d_.old_tokens[t].kind);
        for (std::uint32_t t = block.new_begin; t < block.new_end; ++t)
            b_space[t - block.new_begin] = is_space_token(d_.new_tokens[t].kind);
        script = diff_by_phrases(a, b, a_space, b_space);
        for (Edit& e : script) {
            if (e.kind != EditKind::added) e.old_index += block.old_begin;
            if (e.kind != EditKind::removed) e.new_index += block.new_begin;
        }
        fold_coincidences(script, d_.old_tokens, d_.new_tokens, options_.most_folded_words);
        order_hunks(script);
        const BlockIds ids{std::move(a), std::move(b), block.old_begin, block.new_begin};
        give_back_unchanged_ends(script, ids);
        join_runs(script, ids);
        slide_to_marks(script, ids);
        return script;
    }

    // Where one side's tokens are only removed (or only added) between kept
    // ones, a run may slide onto the run before or after it when the tokens
    // it passes read as the tokens it leaves: the same wording kept, one
    // change instead of two. "[the] [the WSIS]" -> "the WSIS" keeps the
    // second bracket's words and removes "[the] [" and "]", the first
    // bracket deleted whole and the second lifted, rather than keeping the
    // first "the" and removing pieces of both brackets (as git's diff joins
    // hunks that can slide together).
    void join_runs(std::vector<Edit>& script, const BlockIds& block_ids) const {
        for (std::size_t left = 0; left < script.size();) {
            // A stretch of kept tokens and changes of one kind only.
            std::size_t right = left;
            std::optional<EditKind> kind;
            while (right < script.size() && (script[right].kind == EditKind::common || !kind ||
                                             script[right].kind == *kind)) {
                if (script[right].kind != EditKind::common) kind = script[right].kind;
                ++right;
            }
            if (kind) join_runs_in(script, left, right, *kind == EditKind::removed, block_ids);
            left = right == left ? right + 1 : right;
        }
    }

    void join_runs_in(std::vector<Edit>& script, std::size_t left, std::size_t right, bool removal,
                      const BlockIds& block_ids) const {
        const auto index = [&](std::size_t e) {
            return removal ? script[e].old_index : script[e].new_index;
        };
        for (std::size_t e = left; e < right; ++e)
            if (index(e) != index(left) + (e - left)) return;  // out of order: left as it is
        const std::vector<Token>& tokens = removal ? d_.old_tokens : d_.new_tokens;
        const std::uint32_t base = index(left);
        const auto id = [&](std::size_t at) {
            return removal ? block_ids.old_id(base + static_cast<std::uint32_t>(at))
                           : block_ids.new_id(base + static_cast<std::uint32_t>(at));
        };
        const auto movable = [&](std::size_t at) {
            return tokens[base + at].kind != TokenKind::paragraph_break;
        };
        const std::size_t n = right - left;
        std::vector<bool> changed(n);
        for (std::size_t e = left; e < right; ++e)
            changed[e - left] = script[e].kind != EditKind::common;
        // Runs as [begin, end) in the stretch.
        const auto runs = [&] {
            std::vector<std::pair<std::size_t, std::size_t>> out;
            for (std::size_t at = 0; at < n;) {
                if (!changed[at]) {
                    ++at;
                    continue;
                }
                std::size_t end = at;
                while (end < n && changed[end]) ++end;
                out.push_back({at, end});
                at = end;
            }
            return out;
        };
        bool joined = false;
        for (bool again = true; again;) {
            again = false;
            const auto found = runs();
            for (std::size_t r = 1; r < found.size() && !again; ++r) {
                const auto [p_begin, p_end] = found[r - 1];
                const auto [r_begin, r_end] = found[r];
                const std::size_t gap = r_begin - p_end;
                // A run against a change of the other kind (a replacement's
                // half) stays with it.
                const bool p_pinned = p_begin == 0 && left > 0;
                const bool r_pinned = r_end == n && right < script.size();
                bool back = !r_pinned;  // run r slides back onto run r-1
                for (std::size_t i = 0; i < gap && back; ++i)
                    back = id(r_begin - 1 - i) == id(r_end - 1 - i) && movable(r_begin - 1 - i);
                bool ahead = !back && !p_pinned;  // run r-1 slides on onto run r
                for (std::size_t i = 0; i < gap && ahead; ++i)
                    ahead = id(p_end + i) == id(p_begin + i) && movable(p_end + i);
                if (back) {
                    for (std::size_t at = r_end - gap; at < r_end; ++at) changed[at] = false;
                    for (std::size_t at = p_end; at < r_begin; ++at) changed[at] = true;
                } else if (ahead) {
                    for (std::size_t at = p_begin; at < p_begin + gap; ++at) changed[at] = false;
                    for (std::size_t at = p_end; at < r_begin; ++at) changed[at] = true;
                }
                again = back || ahead;
                joined = joined || again;
            }
        }
        if (!joined) return;
        // Rewrite the stretch: the other side's kept tokens, in order, paired
        // with this side's tokens that are kept now.
        std::vector<std::uint32_t> other;
        for (std::size_t e = left; e < right; ++e) {
            if (script[e].kind == EditKind::common)
                other.push_back(removal ? script[e].new_index : script[e].old_index);
        }
        std::size_t o = 0;
        for (std::size_t at = 0; at < n; ++at) {
            const std::uint32_t t = base + static_cast<std::uint32_t>(at);
            if (changed[at]) {
                script[left + at] =
                    removal ? Edit{EditKind::removed, t, 0} : Edit{EditKind::added, 0, t};
            } else {
                script[left + at] = removal ? Edit{EditKind::common, t, other[o++]}
                                            : Edit{EditKind::common, other[o++], t};
            }
        }
    }

    // A run of tokens only removed (or only added) between kept tokens can
    // often stand a few tokens earlier or later: "[a][-[b]-][c]" is also
    // "[a][[-b][-]c]". It is put where it reads best: starting with a '['
    // and ending with a ']', starting with a word and ending with a space.
    void slide_to_marks(std::vector<Edit>& script, const BlockIds& ids) const {
        for (std::size_t k = 0; k < script.size();) {
            if (script[k].kind == EditKind::common) {
                ++k;
                continue;
            }
            std::size_t end = k;
            while (end < script.size() && script[end].kind == script[k].kind) ++end;
            const bool pure = end == script.size() || script[end].kind == EditKind::common;
            if (pure && k > 0 && end < script.size()) slide(script, k, end, ids);
            k = end;
            while (k < script.size() && script[k].kind != EditKind::common) ++k;
        }
    }

    void slide(std::vector<Edit>& script, std::size_t begin, std::size_t end,
               const BlockIds& block_ids) const {
        const bool removal = script[begin].kind == EditKind::removed;
        const std::vector<Token>& tokens = removal ? d_.old_tokens : d_.new_tokens;
        auto id = [&](std::uint32_t t) {
            return removal ? block_ids.old_id(t) : block_ids.new_id(t);
        };
        // Kept tokens on each side of the run, as far as it may slide.
        const auto stretch = stretch_around(script, begin, end, removal);
        if (!stretch) return;
        const auto [left, right] = *stretch;
        const std::uint32_t first = removal ? script[begin].old_index : script[begin].new_index;
        const auto size = static_cast<std::uint32_t>(end - begin);
        auto movable = [&](std::uint32_t t) {
            return tokens[t].kind != TokenKind::paragraph_break;
        };
        std::uint32_t back = 0, ahead = 0;
        while (back < begin - left && first > back &&
               id(first - back - 1) == id(first + size - back - 1) && movable(first - back - 1))
            ++back;
        while (ahead < right - end && id(first + ahead) == id(first + size + ahead) &&
               movable(first + size + ahead))
            ++ahead;
        if (back == 0 && ahead == 0) return;
        auto score = [&](std::uint32_t from) {
            const TokenKind head = tokens[from].kind, tail = tokens[from + size - 1].kind;
            return 3 * (head == TokenKind::bracket_open || head == TokenKind::strike_open) +
                   3 * (tail == TokenKind::bracket_close || tail == TokenKind::strike_close) +
                   !is_space_token(head) + is_space_token(tail);
        };
        std::uint32_t best = first;
        for (std::uint32_t from = first - back; from <= first + ahead; ++from)
            if (score(from) > score(best)) best = from;
        if (best == first) return;
        put_run_at(script, left, right, removal, best, size);
    }

    // Tokens that read alike: the same, or both white space (a line ending
    // become a paragraph break changes no wording).
    bool alike(std::uint32_t old_token, std::uint32_t new_token, const BlockIds& ids) const {
        return ids.old_id(old_token) == ids.new_id(new_token) ||
               (is_space_token(d_.old_tokens[old_token].kind) &&
                is_space_token(d_.new_tokens[new_token].kind));
    }

    // In each run of changes, the tokens removed and added alike at its start
    // and at its end (left by folding coincidences, or white space) are no change.
    void give_back_unchanged_ends(std::vector<Edit>& script, const BlockIds& ids) const {
        std::vector<Edit> out;
        out.reserve(script.size());
        for (std::size_t k = 0; k < script.size();) {
            if (script[k].kind == EditKind::common) {
                out.push_back(script[k++]);
                continue;
            }
            std::size_t end = k;
            while (end < script.size() && script[end].kind != EditKind::common) ++end;
            std::size_t removed_end = k;
            while (removed_end < end && script[removed_end].kind == EditKind::removed)
                ++removed_end;
            std::size_t r0 = k, r1 = removed_end, a0 = removed_end, a1 = end;
            while (r0 < r1 && a0 < a1 && alike(script[r0].old_index, script[a0].new_index, ids)) {
                out.push_back({EditKind::common, script[r0].old_index, script[a0].new_index});
                ++r0, ++a0;
            }
            std::size_t tail = 0;
            while (r0 < r1 - tail && a0 < a1 - tail &&
                   alike(script[r1 - tail - 1].old_index, script[a1 - tail - 1].new_index, ids))
                ++tail;
            out.insert(out.end(), script.begin() + r0, script.begin() + (r1 - tail));
            out.insert(out.end(), script.begin() + a0, script.begin() + (a1 - tail));
            for (std::size_t t = tail; t > 0; --t) {
                out.push_back(
                    {EditKind::common, script[r1 - t].old_index, script[a1 - t].new_index});
            }
            k = end;
        }
        script = std::move(out);
    }

    // Whether a part of a split or merge kept fewer than half its words:
    // then it stands apart (added or deleted whole) and the block is compared again.
    bool set_apart_weak_parts(ParagraphPairing& pairing, const std::vector<Edit>& edits) const {
        std::vector<std::uint32_t> kept_old(pairing.old_last - pairing.old_first, 0),
            kept_new(pairing.new_last - pairing.new_first, 0);
        // A label standing alone ("**Option 1:**" above its text) has no
        // words: it is a part when the label itself was kept.
        std::vector<bool> label_old(kept_old.size(), false), label_new(kept_new.size(), false);
        for (const Edit& e : edits) {
            if (e.kind != EditKind::common) continue;
            const std::uint32_t old_part =
                paragraph_of(d_.old_paragraphs, e.old_index) - pairing.old_first;
            const std::uint32_t new_part =
                paragraph_of(d_.new_paragraphs, e.new_index) - pairing.new_first;
            if (d_.old_tokens[e.old_index].kind == TokenKind::label) {
                label_old[old_part] = label_new[new_part] = true;
                continue;
            }
            if (!is_word_or_number(d_.old_tokens[e.old_index].kind)) continue;
            ++kept_old[old_part];
            ++kept_new[new_part];
        }
        bool changed = false;
        auto weigh = [&](const ParagraphTokens& paragraphs, const std::vector<Token>& tokens,
                         std::uint32_t first, std::uint32_t last,
                         const std::vector<std::uint32_t>& kept,
                         const std::vector<bool>& label_kept, std::vector<std::uint32_t>& apart) {
            if (last - first < 2) return;
            for (std::uint32_t p = first; p < last; ++p) {
                if (contains(apart, p)) continue;
                std::uint32_t words = 0;
                for (std::uint32_t t = paragraphs.first[p]; t < paragraphs.first[p + 1]; ++t)
                    words += is_word_or_number(tokens[t].kind);
                if (words > 0 && kept[p - first] >= kPartKept * words) continue;
                if (words == 0 && label_kept[p - first]) continue;
                apart.insert(std::upper_bound(apart.begin(), apart.end(), p), p);
                changed = true;
            }
        };
        weigh(d_.old_paragraphs, d_.old_tokens, pairing.old_first, pairing.old_last, kept_old,
              label_old, pairing.old_apart);
        weigh(d_.new_paragraphs, d_.new_tokens, pairing.new_first, pairing.new_last, kept_new,
              label_new, pairing.new_apart);
        return changed;
    }

    ParagraphDiffOptions options_;
    ParagraphDiff d_;
    std::vector<ParagraphPairing> pairings_;
};

}  // namespace

std::pair<InternedTokens, InternedTokens> intern_for_diff(const Document& before,
                                                          const Document& after) {
    // The newer text interned through the older: the bytes both share at
    // their ends take the older text's tokens and ids without being
    // tokenized or hashed again. Paragraphs are paired by their words, so
    // the units need no ids.
    TokenInterner interner;
    interner.skip_unit_ids();
    InternedTokens a = interner.intern(before);
    InternedTokens b = interner.intern(after, before, a);
    return {std::move(a), std::move(b)};
}

ParagraphDiff diff_paragraphs(const Document& before, const Document& after) {
    auto [a, b] = intern_for_diff(before, after);
    return Builder(before, after, std::move(a), std::move(b)).run();
}

ParagraphDiff diff_paragraphs(const Document& before, const Document& after,
                              const ParagraphDiffOptions& options) {
    auto [a, b] = intern_for_diff(before, after);
    return Builder(before, after, std::move(a), std::move(b), nullptr, options).run();
}

ParagraphDiff diff_paragraphs(const Document& before, const Document& after,
                              InternedTokens before_tokens, InternedTokens after_tokens) {
    return Builder(before, after, std::move(before_tokens), std::move(after_tokens)).run();
}

ParagraphDiff diff_paragraphs(const Document& before, const Document& after,
                              InternedTokens before_tokens, InternedTokens after_tokens,
                              const SharedParagraphs& around) {
    return Builder(before, after, std::move(before_tokens), std::move(after_tokens), &around).run();
}

}  // namespace accord
