#include "merge/merge3/merge3_chunks.hpp"

#include <algorithm>
#include <tuple>

#include "merge/diff/token_view.hpp"

namespace accord::token_merge {

std::vector<Chunk> split_chunks(const MergeInputs& in) {
    const std::vector<std::uint32_t>&bo = in.base_to_ours(), &bt = in.base_to_theirs();
    const auto nb = static_cast<std::uint32_t>(in.base().tokens.size());
    const auto no = static_cast<std::uint32_t>(in.ours().tokens.size());
    const auto nt = static_cast<std::uint32_t>(in.theirs().tokens.size());
    std::uint32_t i = body_start(in.base().tokens), j = body_start(in.ours().tokens),
                  k = body_start(in.theirs().tokens);
    std::vector<Chunk> chunks;
    while (i < nb || j < no || k < nt) {
        if (i < nb && bo[i] == j && bt[i] == k) {
            if (!chunks.empty() && chunks.back().stable) {
                ++chunks.back().b1, ++chunks.back().o1, ++chunks.back().t1;
            } else {
                chunks.push_back({i, i + 1, j, j + 1, k, k + 1, true});
            }
            ++i, ++j, ++k;
            continue;
        }
        std::uint32_t next = i;
        while (next < nb && (bo[next] == kNone || bt[next] == kNone)) ++next;
        const std::uint32_t j2 = next < nb ? bo[next] : no, k2 = next < nb ? bt[next] : nt;
        chunks.push_back({i, next, j, j2, k, k2, false});
        i = next, j = j2, k = k2;
    }
    return chunks;
}

namespace {

bool at_paragraph_edge(Text side, std::uint32_t at) {
    return at == body_start(side.tokens) || at >= side.tokens.size() ||
           side.tokens[at - 1].kind == TokenKind::paragraph_break;
}

// Moves the edge between a chunk and its neighbour one step outwards: a
// stable neighbour gives one token on each side, an unstable one all of it.
void take_left(Chunk& x, Chunk& n) {
    if (n.stable) {
        --n.b1, --n.o1, --n.t1;
        --x.b0, --x.o0, --x.t0;
    } else {
        x.b0 = n.b0, x.o0 = n.o0, x.t0 = n.t0;
        n.b1 = n.b0, n.o1 = n.o0, n.t1 = n.t0;
    }
}

void take_right(Chunk& x, Chunk& n) {
    if (n.stable) {
        ++n.b0, ++n.o0, ++n.t0;
        ++x.b1, ++x.o1, ++x.t1;
    } else {
        x.b1 = n.b1, x.o1 = n.o1, x.t1 = n.t1;
        n.b0 = n.b1, n.o0 = n.o1, n.t0 = n.t1;
    }
}

}  // namespace

void grow_to_balance(const MergeInputs& in, std::vector<Chunk>& chunks, std::size_t c,
                     bool whole_paragraphs, bool whole_strikes) {
    Chunk& x = chunks[c];
    std::size_t left = c, right = c;
    for (;;) {
        bool need_left = false, need_right = false;
        const bool paragraphs = whole_paragraphs || spans_paragraphs(in, x);
        for (const auto& [side, from, to] :
             {std::tuple(in.base(), x.b0, x.b1), std::tuple(in.ours(), x.o0, x.o1),
              std::tuple(in.theirs(), x.t0, x.t1)}) {
            const Balance balance = balance_of(side, from, to);
            need_left = need_left || balance.grow_left ||
                        (paragraphs && !at_paragraph_edge(side, from)) ||
                        (whole_strikes && inside_strike(side, from));
            need_right = need_right || balance.grow_right ||
                         (paragraphs && !at_paragraph_edge(side, to)) ||
                         (whole_strikes && inside_strike(side, to));
        }
        if (!need_left && !need_right) return;
        while (left > 0 && chunks[left - 1].empty()) --left;
        while (right + 1 < chunks.size() && chunks[right + 1].empty()) ++right;
        const bool can_left = need_left && left > 0,
                   can_right = need_right && right + 1 < chunks.size();
        if (!can_left && !can_right) return;  // the whole text: balanced as far as the inputs are
        if (can_left) take_left(x, chunks[left - 1]);
        if (can_right) take_right(x, chunks[right + 1]);
    }
}

void grow_to_cover(std::vector<Chunk>& chunks, std::size_t c, std::uint32_t from,
                   std::uint32_t to) {
    Chunk& x = chunks[c];
    std::size_t left = c, right = c;
    while (x.b0 > from) {
        while (left > 0 && chunks[left - 1].empty()) --left;
        if (left == 0) break;
        take_left(x, chunks[left - 1]);
    }
    while (x.b1 < to) {
        while (right + 1 < chunks.size() && chunks[right + 1].empty()) ++right;
        if (right + 1 == chunks.size()) break;
        take_right(x, chunks[right + 1]);
    }
}

bool inside_strike(Text side, std::uint32_t at) {
    const std::size_t offset =
        at < side.tokens.size() ? side.tokens[at].range.begin : side.doc.source.size();
    const std::vector<Strike>& strikes = side.doc.strikes;
    auto after = std::upper_bound(strikes.begin(), strikes.end(), offset,
                                  [](std::size_t o, const Strike& s) { return o <= s.open; });
    if (after == strikes.begin()) return false;
    const Strike& strike = *std::prev(after);
    return strike.open < offset && offset <= strike.close;
}

std::uint32_t body_start(const std::vector<Token>& tokens) {
    return !tokens.empty() && tokens[0].kind == TokenKind::front_matter ? 1 : 0;
}

std::string text_of(Text side, std::uint32_t from, std::uint32_t to) {
    if (from >= to) return "";
    return std::string(
        side.doc.text({side.tokens[from].range.begin, side.tokens[to - 1].range.end}));
}

bool has_words(Text side, std::uint32_t from, std::uint32_t to) {
    for (std::uint32_t t = from; t < to; ++t) {
        if (!is_space_token(side.tokens[t].kind)) return true;
    }
    return false;
}

Words words_within(Text side, std::uint32_t from, std::uint32_t to) {
    while (from < to && is_space_token(side.tokens[from].kind)) ++from;
    while (to > from && is_space_token(side.tokens[to - 1].kind)) --to;
    return {from, to};
}

Balance balance_of(Text side, std::uint32_t from, std::uint32_t to) {
    int brackets = 0, strikes = 0, lowest_brackets = 0, lowest_strikes = 0;
    for (std::uint32_t t = from; t < to; ++t) {
        switch (side.tokens[t].kind) {
            case TokenKind::bracket_open:
                ++brackets;
                break;
            case TokenKind::bracket_close:
                lowest_brackets = std::min(lowest_brackets, --brackets);
                break;
            case TokenKind::strike_open:
                ++strikes;
                break;
            case TokenKind::strike_close:
                lowest_strikes = std::min(lowest_strikes, --strikes);
                break;
            default:
                break;
        }
    }
    Balance balance;
    balance.grow_left = lowest_brackets < 0 || lowest_strikes < 0;
    balance.grow_right = brackets > lowest_brackets || strikes > lowest_strikes;
    return balance;
}

bool is_option_group(Text side, std::uint32_t from, std::uint32_t to) {
    const auto [a, z] = words_within(side, from, to);
    if (a == z || side.tokens[a].kind != TokenKind::bracket_open ||
        side.tokens[z - 1].kind != TokenKind::bracket_close)
        return false;
    int depth = 0;
    for (std::uint32_t t = a; t < z; ++t) {
        const TokenKind k = side.tokens[t].kind;
        if (k == TokenKind::bracket_open) ++depth;
        if (k == TokenKind::bracket_close) --depth;
        if (depth == 0 && t + 1 < z && side.tokens[t + 1].kind != TokenKind::bracket_open)
            return false;
    }
    return true;
}

bool spans_paragraphs(const MergeInputs& in, const Chunk& x) {
    for (const auto& [side, from, to] :
         {std::tuple(in.ours(), x.o0, x.o1), std::tuple(in.theirs(), x.t0, x.t1),
          std::tuple(in.base(), x.b0, x.b1)}) {
        for (std::uint32_t t = from; t < to; ++t) {
            if (side.tokens[t].kind == TokenKind::paragraph_break && t + 1 < to) return true;
        }
    }
    return false;
}

}  // namespace accord::token_merge
