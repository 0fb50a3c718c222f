#include "merge/token_view.hpp"

#include <algorithm>

namespace accord {

TokenView::TokenView(const Document& document, const std::vector<Token>& t,
                     const std::vector<std::uint32_t>& m)
    : doc(document),
      tokens(t),
      mapping(m),
      bracket_at_token(t.size(), kNone),
      innermost(t.size(), kNone),
      open_token(document.brackets.size()),
      close_token(document.brackets.size()) {
    for (std::uint32_t b = 0; b < document.brackets.size(); ++b) {
        open_token[b] = token_at(document.brackets[b].open);
        close_token[b] = token_at(document.brackets[b].close);
        bracket_at_token[open_token[b]] = b;
        bracket_at_token[close_token[b]] = b;
    }
    std::vector<std::uint32_t> stack;
    for (std::uint32_t k = 0; k < t.size(); ++k) {
        if (t[k].kind == TokenKind::bracket_close && !stack.empty()) stack.pop_back();
        innermost[k] = stack.empty() ? kNone : stack.back();
        if (t[k].kind == TokenKind::bracket_open) stack.push_back(bracket_at_token[k]);
    }
}

std::uint32_t TokenView::token_at(std::size_t offset) const {
    const auto it =
        std::upper_bound(tokens.begin(), tokens.end(), offset,
                         [](std::size_t o, const Token& t) { return o < t.range.begin; });
    return static_cast<std::uint32_t>(it - tokens.begin()) - 1;
}

namespace {

// The bracket on the other side that directly holds every kept word this
// bracket directly holds, or kNone.
std::uint32_t counterpart(const TokenView& from, const TokenView& to, std::uint32_t bracket) {
    std::uint32_t found = kNone;
    for (std::uint32_t t = from.open_token[bracket] + 1, close = from.close_token[bracket];
         t < close; ++t) {
        if (from.innermost[t] != bracket || from.changed(t) || is_space_token(from.tokens[t].kind))
            continue;
        const std::uint32_t other = to.innermost[from.mapping[t]];
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
        const std::uint32_t nb = after.bracket_at_token[before.mapping[open]];
        if (nb == kNone || nb != after.bracket_at_token[before.mapping[close]]) continue;
        if (after.open_token[nb] != before.mapping[open]) continue;
        pairs.old_to_new[ob] = nb, pairs.new_to_old[nb] = ob;
    }
    for (std::uint32_t ob = 0; ob < before.doc.brackets.size(); ++ob) {
        if (pairs.old_to_new[ob] != kNone) continue;
        const std::uint32_t nb = counterpart(before, after, ob);
        if (nb == kNone || pairs.new_to_old[nb] != kNone) continue;
        if (counterpart(after, before, nb) != ob) continue;
        pairs.old_to_new[ob] = nb, pairs.new_to_old[nb] = ob;
    }
    return pairs;
}

}  // namespace accord
