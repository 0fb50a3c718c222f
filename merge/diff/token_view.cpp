#include "merge/diff/token_view.hpp"

#include <algorithm>
#include <utility>

namespace accord {

TokenView::TokenView(const Document& document, const std::vector<Token>& t,
                     const std::vector<std::uint32_t>& m)
    : doc(document),
      tokens(t),
      mapping(m),
      open_token(document.brackets.size()),
      close_token(document.brackets.size()),
      parent_(document.brackets.size(), kNone) {
    if (read_nested(t)) return;
    std::fill(parent_.begin(), parent_.end(), kNone);
    innermost_.clear();
    const auto brackets = static_cast<std::uint32_t>(document.brackets.size());
    const std::vector<Bracket>& all = document.brackets;
    // Marks' tokens, as token_at finds them, in one sweep over the tokens
    // per kind of mark, taking the marks in the order of their offsets.
    // Brackets are numbered as they open and nest (as the parser makes
    // them), so the opens are in bracket order and a stack gives the closes'
    // order; other brackets are sorted.
    auto sweep = [&](const std::vector<std::uint32_t>& order, auto offset_of,
                     std::vector<std::uint32_t>& token_of) {
        std::uint32_t k = 0;
        for (const std::uint32_t b : order) {
            const std::size_t offset = offset_of(all[b]);
            while (k + 1 < t.size() && t[k + 1].range.begin <= offset) ++k;
            token_of[b] = k;
        }
    };
    auto by = [&](auto offset_of) {
        return [&, offset_of](std::uint32_t a, std::uint32_t b) {
            return offset_of(all[a]) < offset_of(all[b]);
        };
    };
    const auto open_of = [](const Bracket& b) { return b.open; };
    const auto close_of = [](const Bracket& b) { return b.close; };
    std::vector<std::uint32_t> order(brackets);
    for (std::uint32_t b = 0; b < brackets; ++b) order[b] = b;
    if (!std::is_sorted(order.begin(), order.end(), by(open_of)))
        std::sort(order.begin(), order.end(), by(open_of));
    sweep(order, open_of, open_token);
    std::vector<std::uint32_t> stack, by_close;
    by_close.reserve(brackets);
    for (const std::uint32_t b : order) {
        while (!stack.empty() && all[stack.back()].close < all[b].open) {
            by_close.push_back(stack.back());
            stack.pop_back();
        }
        stack.push_back(b);
    }
    by_close.insert(by_close.end(), stack.rbegin(), stack.rend());
    if (!std::is_sorted(by_close.begin(), by_close.end(), by(close_of)))
        std::sort(by_close.begin(), by_close.end(), by(close_of));
    sweep(by_close, close_of, close_token);
    // Nested: each bracket opens after the one before, on a '[' token, and
    // closes on a ']' token inside every bracket still open around it.
    std::vector<std::uint32_t>& open = stack;  // around the bracket at hand
    open.clear();
    for (std::uint32_t b = 0; b < brackets && nested_; ++b) {
        while (!open.empty() && close_token[open.back()] < open_token[b]) open.pop_back();
        nested_ = (b == 0 || open_token[b - 1] < open_token[b]) && open_token[b] < close_token[b] &&
                  (open.empty() || close_token[b] < close_token[open.back()]) &&
                  t[open_token[b]].kind == TokenKind::bracket_open &&
                  t[close_token[b]].kind == TokenKind::bracket_close;
        parent_[b] = open.empty() ? kNone : open.back();
        open.push_back(b);
    }
    if (nested_) return;
    at_token_.assign(t.size(), kNone);
    innermost_.assign(t.size(), kNone);
    for (std::uint32_t b = 0; b < brackets; ++b) {
        at_token_[open_token[b]] = b;
        at_token_[close_token[b]] = b;
    }
    stack.clear();
    for (std::uint32_t k = 0; k < t.size(); ++k) {
        if (t[k].kind == TokenKind::bracket_close && !stack.empty()) stack.pop_back();
        innermost_[k] = stack.empty() ? kNone : stack.back();
        if (t[k].kind == TokenKind::bracket_open) stack.push_back(at_token_[k]);
    }
}

bool TokenView::read_nested(const std::vector<Token>& t) {
    const std::vector<Bracket>& all = doc.brackets;
    const auto brackets = static_cast<std::uint32_t>(all.size());
    innermost_.resize(t.size());
    std::vector<std::uint32_t> open;  // the brackets open at the token at hand
    std::uint32_t next = 0;           // the next bracket to open
    for (std::uint32_t k = 0; k < t.size(); ++k) {
        const TokenKind kind = t[k].kind;
        if (kind == TokenKind::bracket_close) {
            if (open.empty() || t[k].range.begin != all[open.back()].close) return false;
            close_token[open.back()] = k;
            open.pop_back();
        }
        innermost_[k] = open.empty() ? kNone : open.back();
        if (kind == TokenKind::bracket_open) {
            if (next == brackets || t[k].range.begin != all[next].open) return false;
            open_token[next] = k;
            parent_[next] = open.empty() ? kNone : open.back();
            open.push_back(next++);
        }
    }
    return open.empty() && next == brackets;
}

std::uint32_t TokenView::bracket_opening_at(std::uint32_t token) const {
    if (!nested_) {
        const std::uint32_t b = at_token_[token];
        return b != kNone && open_token[b] == token ? b : kNone;
    }
    const auto it = std::lower_bound(open_token.begin(), open_token.end(), token);
    return it != open_token.end() && *it == token
               ? static_cast<std::uint32_t>(it - open_token.begin())
               : kNone;
}

std::uint32_t TokenView::innermost(std::uint32_t token) const {
    if (innermost_.empty() && !tokens.empty()) {
        // Nested brackets: the table is made on first use, in one sweep (a
        // walk up the parents per call costs the depth, and brackets nested
        // thousands deep made a diff cubic).
        innermost_.assign(tokens.size(), kNone);
        std::vector<std::uint32_t> open;
        std::uint32_t next = 0;  // the next bracket to open
        const auto brackets = static_cast<std::uint32_t>(open_token.size());
        for (std::uint32_t k = 0; k < tokens.size(); ++k) {
            while (!open.empty() && close_token[open.back()] <= k) open.pop_back();
            innermost_[k] = open.empty() ? kNone : open.back();
            while (next < brackets && open_token[next] == k) open.push_back(next++);
        }
    }
    return innermost_[token];
}

std::uint32_t TokenView::token_at(std::size_t offset) const {
    const auto it =
        std::upper_bound(tokens.begin(), tokens.end(), offset,
                         [](std::size_t o, const Token& t) { return o < t.range.begin; });
    return static_cast<std::uint32_t>(it - tokens.begin()) - 1;
}

namespace {

// The tokens each of some brackets directly holds (its innermost bracket),
// in order: held[first[b], first[b + 1]); empty for brackets not asked for.
struct HeldTokens {
    std::vector<std::uint32_t> first, held;
};
// `wanted[b]`: whether bracket b is asked for. Only the tokens inside a
// wanted bracket are looked at, each once however deep the nesting: a diff
// that pairs most brackets by their marks asks for a few.
HeldTokens held_tokens(const TokenView& view, const std::vector<std::uint8_t>& wanted) {
    HeldTokens out;
    const std::size_t brackets = view.open_token.size();
    out.first.assign(brackets + 1, 0);
    // The wanted brackets' spans, joined where they overlap, in order.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;  // [open, close] tokens
    for (std::uint32_t b = 0; b < brackets; ++b) {
        if (wanted[b]) spans.emplace_back(view.open_token[b], view.close_token[b]);
    }
    std::sort(spans.begin(), spans.end());
    std::size_t joined = 0;
    for (const auto& span : spans) {
        if (joined > 0 && span.first <= spans[joined - 1].second)
            spans[joined - 1].second = std::max(spans[joined - 1].second, span.second);
        else
            spans[joined++] = span;
    }
    spans.resize(joined);
    const auto each_held = [&](auto&& take) {
        for (const auto& [open, close] : spans) {
            for (std::uint32_t t = open; t <= close; ++t) {
                const std::uint32_t b = view.innermost(t);
                if (b != kNone && wanted[b]) take(b, t);
            }
        }
    };
    each_held([&](std::uint32_t b, std::uint32_t) { ++out.first[b + 1]; });
    for (std::size_t b = 0; b < brackets; ++b) out.first[b + 1] += out.first[b];
    out.held.resize(out.first[brackets]);
    std::vector<std::uint32_t> at(out.first.begin(), out.first.end() - 1);
    each_held([&](std::uint32_t b, std::uint32_t t) { out.held[at[b]++] = t; });
    return out;
}

// The bracket on the other side that directly holds every kept word this
// bracket directly holds, or kNone.
std::uint32_t counterpart(const TokenView& from, const HeldTokens& held, const TokenView& to,
                          std::uint32_t bracket) {
    std::uint32_t found = kNone;
    for (std::uint32_t k = held.first[bracket]; k < held.first[bracket + 1]; ++k) {
        const std::uint32_t t = held.held[k];
        if (from.changed(t) || is_space_token(from.tokens[t].kind)) continue;
        const std::uint32_t other = to.innermost(from.mapping[t]);
        if (other == kNone || (found != kNone && other != found)) return kNone;
        found = other;
    }
    return found;
}

}  // namespace

BracketPairs pair_brackets(const TokenView& before, const TokenView& after) {
    BracketPairs pairs;
    pairs.old_to_new.assign(before.doc.brackets.size(), kNone);
    pairs.new_to_old.assign(after.doc.brackets.size(), kNone);
    for (std::uint32_t ob = 0; ob < before.doc.brackets.size(); ++ob) {
        const std::uint32_t open = before.open_token[ob], close = before.close_token[ob];
        if (before.changed(open) || before.changed(close)) continue;
        // Both marks land on one bracket, its open on the open.
        const std::uint32_t nb = after.bracket_opening_at(before.mapping[open]);
        if (nb == kNone || after.close_token[nb] != before.mapping[close]) continue;
        pairs.old_to_new[ob] = nb, pairs.new_to_old[nb] = ob;
    }
    // A bracket lifted from inside another ("[a [b]]" -> "[a b]", "[[[a] b]
    // c]" -> "[[a] b] c"): the diff may keep either ']' (or either '['), so a
    // new bracket's marks can come from two old brackets, one inside the
    // other. The one that stood is the one whose wording stands in the new
    // bracket (all the new one kept coming from the two); the other was
    // lifted, or, an option inside a bracket that stood, chosen there.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> closing;  // unpaired old: ']', bracket
    for (std::uint32_t ob = 0; ob < before.doc.brackets.size(); ++ob)
        if (pairs.old_to_new[ob] == kNone) closing.emplace_back(before.close_token[ob], ob);
    std::sort(closing.begin(), closing.end());
    const auto closing_at = [&](std::uint32_t token) {
        const auto it = std::lower_bound(closing.begin(), closing.end(), std::pair(token, 0u));
        return it != closing.end() && it->first == token ? it->second : kNone;
    };
    const auto encloses = [&](std::uint32_t outer, std::uint32_t inner) {
        return before.open_token[outer] < before.open_token[inner] &&
               before.close_token[inner] < before.close_token[outer];
    };
    const auto kept_word = [](const TokenView& side, std::uint32_t t) {
        const TokenKind k = side.tokens[t].kind;
        return !side.changed(t) && !is_space_token(k) && !is_markup(k);
    };
    // Whether every kept word old bracket `ob` directly held stands directly in `nb` (one at
    // least).
    const auto stands_in = [&](std::uint32_t ob, std::uint32_t nb) {
        bool word = false;
        for (std::uint32_t t = before.open_token[ob] + 1; t < before.close_token[ob]; ++t) {
            if (before.innermost(t) != ob || !kept_word(before, t)) continue;
            if (after.innermost(before.mapping[t]) != nb) return false;
            word = true;
        }
        return word;
    };
    for (std::uint32_t nb = 0; nb < after.doc.brackets.size() && !closing.empty(); ++nb) {
        if (pairs.new_to_old[nb] != kNone) continue;
        const std::uint32_t open = after.mapping[after.open_token[nb]];
        const std::uint32_t close = after.mapping[after.close_token[nb]];
        if (open == kNone || close == kNone) continue;
        const std::uint32_t x = before.bracket_opening_at(open), y = closing_at(close);
        if (x == kNone || y == kNone || x == y) continue;
        const std::uint32_t outer = encloses(x, y) ? x : encloses(y, x) ? y : kNone;
        if (outer == kNone) continue;
        const std::uint32_t inner = outer == x ? y : x;
        if (pairs.old_to_new[outer] != kNone || pairs.old_to_new[inner] != kNone) continue;
        bool from_the_two = true;
        for (std::uint32_t t = after.open_token[nb] + 1; from_the_two && t < after.close_token[nb];
             ++t) {
            if (after.innermost(t) != nb || !kept_word(after, t)) continue;
            const std::uint32_t from = before.innermost(after.mapping[t]);
            from_the_two = from == outer || from == inner;
        }
        if (!from_the_two) continue;
        std::uint32_t stood = kNone;
        if (stands_in(outer, nb)) {
            stood = outer;
        } else if (stands_in(inner, nb)) {
            // The outer one lifted around it; an option's marks going is a
            // choice, not this.
            const Bracket& lifted = before.doc.brackets[outer];
            if (lifted.group == kNone && lifted.separators == 0) stood = inner;
        }
        if (stood == kNone) continue;
        pairs.old_to_new[stood] = nb, pairs.new_to_old[nb] = stood;
    }
    // Only brackets the marks left unpaired are paired by content.
    std::vector<std::uint8_t> unpaired_before(pairs.old_to_new.size()),
        unpaired_after(pairs.new_to_old.size());
    for (std::size_t b = 0; b < unpaired_before.size(); ++b)
        unpaired_before[b] = pairs.old_to_new[b] == kNone;
    for (std::size_t b = 0; b < unpaired_after.size(); ++b)
        unpaired_after[b] = pairs.new_to_old[b] == kNone;
    const HeldTokens held_before = held_tokens(before, unpaired_before),
                     held_after = held_tokens(after, unpaired_after);
    for (std::uint32_t ob = 0; ob < before.doc.brackets.size(); ++ob) {
        if (pairs.old_to_new[ob] != kNone) continue;
        const std::uint32_t nb = counterpart(before, held_before, after, ob);
        if (nb == kNone || pairs.new_to_old[nb] != kNone) continue;
        if (counterpart(after, held_after, before, nb) != ob) continue;
        pairs.old_to_new[ob] = nb, pairs.new_to_old[nb] = ob;
    }
    return pairs;
}

}  // namespace accord
