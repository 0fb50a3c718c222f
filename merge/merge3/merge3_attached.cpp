#include "merge/merge3/merge3_attached.hpp"

#include <algorithm>

#include "merge/diff/token_view.hpp"

namespace accord::token_merge {

namespace {

// The base's mark pairing with the bracket mark `mark` ('[' or ']'), or
// kNone when it pairs with none.
std::uint32_t matching_mark(Text base, std::uint32_t mark) {
    const bool open = base.tokens[mark].kind == TokenKind::bracket_open;
    const auto n = static_cast<std::int64_t>(base.tokens.size());
    int depth = 0;
    for (std::int64_t t = mark; t >= 0 && t < n; t += open ? 1 : -1) {
        const TokenKind kind = base.tokens[static_cast<std::size_t>(t)].kind;
        if (kind == TokenKind::paragraph_break) break;  // brackets pair within the paragraph here
        if (kind == TokenKind::bracket_open) depth += open ? 1 : -1;
        if (kind == TokenKind::bracket_close) depth += open ? -1 : 1;
        if (depth == 0) return static_cast<std::uint32_t>(t);
    }
    return kNone;
}

// A side (`mapping`: where each base token stands in it) still has the base
// bracket [open, close]: both its marks, and some of the words inside
// (a bracket whose every word changed was redrawn as another).
bool still_has_bracket(Text base, const std::vector<std::uint32_t>& mapping, std::uint32_t open,
                       std::uint32_t close) {
    if (mapping[open] == kNone || mapping[close] == kNone) return false;
    bool words = false;
    for (std::uint32_t t = open + 1; t < close; ++t) {
        if (is_space_token(base.tokens[t].kind)) continue;
        if (mapping[t] != kNone) return true;
        words = true;
    }
    return !words;  // an empty bracket, its marks kept
}

}  // namespace

bool take_in_bracket_of_option(const MergeInputs& in, std::vector<Chunk>& chunks, std::size_t c) {
    const Chunk& x = chunks[c];
    const Text base = in.base();
    if (x.stable || x.empty() || has_words(base, x.b0, x.b1)) return false;
    // One side's insertion only: where both inserted, the rules for two
    // insertions at one place apply.
    const bool ours_adds = has_words(in.ours(), x.o0, x.o1);
    if (ours_adds == has_words(in.theirs(), x.t0, x.t1)) return false;
    const Text side = ours_adds ? in.ours() : in.theirs();
    const std::uint32_t from = ours_adds ? x.o0 : x.t0, to = ours_adds ? x.o1 : x.t1;
    if (!is_option_group(side, from, to)) return false;
    // Flush against the bracket, as adds_options reads an option: set apart
    // by white space ("[cooperate] [closely]") a bracket is one of its own.
    const auto [a, z] = words_within(side, from, to);
    std::uint32_t mark = kNone;
    if (a == from && x.b0 > 0 && base.tokens[x.b0 - 1].kind == TokenKind::bracket_close)
        mark = x.b0 - 1;
    else if (z == to && x.b1 < base.tokens.size() &&
             base.tokens[x.b1].kind == TokenKind::bracket_open)
        mark = x.b1;
    if (mark == kNone) return false;
    const std::uint32_t other = matching_mark(base, mark);
    if (other == kNone) return false;
    const std::uint32_t open = std::min(mark, other), close = std::max(mark, other);
    if (still_has_bracket(base, ours_adds ? in.base_to_theirs() : in.base_to_ours(), open, close))
        return false;
    grow_to_cover(chunks, c, open, close + 1);
    return true;
}

}  // namespace accord::token_merge
