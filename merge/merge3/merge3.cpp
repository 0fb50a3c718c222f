#include "merge/merge3/merge3.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "core/notation/diagnostic.hpp"
#include "core/notation/front_matter.hpp"
#include "core/notation/source_map.hpp"
#include "core/notation/tokens.hpp"
#include "merge/merge3/merge3_lifts.hpp"
#include "merge/merge3/merge3_sections.hpp"
#include "merge/diff/token_diff.hpp"
#include "merge/diff/token_view.hpp"

namespace accord {

std::string_view to_string(DisagreementKind kind) {
    switch (kind) {
        case DisagreementKind::alternatives:
            return "alternatives";
        case DisagreementKind::kept_bracketed:
            return "kept-bracketed";
        case DisagreementKind::edited_deleted:
            return "edited-deleted";
        case DisagreementKind::status:
            return "status";
        case DisagreementKind::metadata:
            return "metadata";
        case DisagreementKind::conflict:
            return "conflict";
    }
    return "?";
}

namespace {

// A region of the three token sequences: [b0,b1) of base, [o0,o1) of ours,
// [t0,t1) of theirs. Stable regions are equal on all three sides.
struct Chunk {
    std::uint32_t b0, b1, o0, o1, t0, t1;
    bool stable;
};

struct Text {
    const Document& doc;
    const std::vector<Token>& tokens;
};

class Merger {
  public:
    Merger(Document base, Document ours, Document theirs, const MergeOptions& options)
        : options_(options),
          base_(std::move(base)),
          ours_(std::move(ours)),
          theirs_(std::move(theirs)),
          base_tokens_(interner_.intern_units(base_)),
          diff_o_(diff_with_base(ours_, ours_tokens_)),
          diff_t_(diff_with_base(theirs_, theirs_tokens_)) {}

    MergeResult run() {
        undo_lifts_over_edits();
        const std::size_t input_errors =
            std::max({count_errors(base_.diagnostics), count_errors(ours_.diagnostics),
                      count_errors(theirs_.diagnostics)});
        // Merging chunk by chunk can, rarely, pair one side's '[' with the
        // other's ']' into text that does not balance. Each paragraph where
        // that happens is merged again as a whole, as paragraph alternatives.
        std::vector<bool> whole(base_.paragraphs.size() + 1, false);
        for (int attempt = 0; attempt < 4; ++attempt) {
            attempt_merge(whole);
            const Document merged = parse(out_, options_.parse);
            if (count_errors(merged.diagnostics) <= input_errors) break;
            bool more = false;
            for (const Diagnostic& d : merged.diagnostics) {
                if (d.severity != Severity::error) continue;
                for (const auto& [chunk, from, to] : emitted_) {
                    if (d.offset < from || d.offset > to) continue;
                    const std::uint32_t p = base_paragraph(chunk.b0);
                    more = more || !whole[p];
                    whole[p] = true;
                }
            }
            if (!more) break;
        }
        // Lines of the disagreements, now that the text is complete.
        const SourceMap map(out_);
        for (std::size_t k = 0; k < result_.disagreements.size(); ++k) {
            result_.disagreements[k].line = map.locate(offsets_[k]).line;
        }
        result_.text = std::move(out_);
        return std::move(result_);
    }

  private:
    void attempt_merge(const std::vector<bool>& whole) {
        out_.clear();
        result_ = MergeResult{};
        offsets_.clear();
        emitted_.clear();
        merge_front_matter();
        for (const Disagreement& d : lifts_undone_) {
            result_.disagreements.push_back(d);
            offsets_.push_back(out_.size());
        }
        std::vector<Chunk> chunks = split();
        // First grow every real conflict to balanced bounds (it may take in
        // neighbours that alone would have merged), then emit in order.
        std::vector<bool> forced(chunks.size(), false);
        for (std::size_t c = 0; c < chunks.size(); ++c) {
            const Chunk& x = chunks[c];
            if (x.stable || (x.b0 == x.b1 && x.o0 == x.o1 && x.t0 == x.t1))
                continue;  // or taken in already
            forced[c] = whole[base_paragraph(chunks[c].b0)];
            if (forced[c] || (is_conflict(chunks[c]) && !settles_in_place(chunks[c]))) {
                expand(chunks, c, forced[c]);
            }
        }
        for (std::size_t c = 0; c < chunks.size(); ++c) {
            const std::size_t from = out_.size();
            if (chunks[c].stable) {
                emit_range(base(), chunks[c].b0, chunks[c].b1);
            } else if (forced[c]) {
                resolve_paragraphs(chunks[c]);
            } else {
                resolve(chunks[c]);
            }
            emitted_.push_back({chunks[c], from, out_.size()});
        }
    }

    // The base paragraph a token lies in (or, between paragraphs, the next one).
    std::uint32_t base_paragraph(std::uint32_t token) const {
        const std::size_t at =
            token < base().tokens.size() ? base().tokens[token].range.begin : base_.source.size();
        const auto it =
            std::upper_bound(base_.paragraphs.begin(), base_.paragraphs.end(), at,
                             [](std::size_t o, const Paragraph& p) { return o < p.range.end; });
        return static_cast<std::uint32_t>(it - base_.paragraphs.begin());
    }

    // A chunk grown to whole paragraphs: one side's paragraphs if the other
    // kept the base's, else both, bracketed, ours first.
    void resolve_paragraphs(const Chunk& x) {
        if (x.b0 == x.b1 && x.o0 == x.o1 && x.t0 == x.t1) return;
        const std::string b = text_of(base(), x.b0, x.b1), o = text_of(ours(), x.o0, x.o1),
                          t = text_of(theirs(), x.t0, x.t1);
        if (o == t || t == b) return put(o);
        if (o == b) return put(t);
        disagree(DisagreementKind::alternatives, trim(o), trim(t));
        const std::string ot = trim(o), tt = trim(t);
        if (ot.empty() || tt.empty()) return put(o.empty() ? t : o);
        const std::size_t lead = o.find(ot);
        put(o.substr(0, lead) + "[" + ot + "]\n\n[" + tt + "]" + o.substr(lead + ot.size()));
    }

    Text base() const { return {base_, base_tokens_.tokens}; }
    Text ours() const { return {ours_, ours_tokens_.tokens}; }
    Text theirs() const { return {theirs_, theirs_tokens_.tokens}; }

    static std::uint32_t body_start(const std::vector<Token>& tokens) {
        return !tokens.empty() && tokens[0].kind == TokenKind::front_matter ? 1 : 0;
    }

    // The token diff of the base with one side, whose tokens go to `tokens`
    // (the diff keeps no copy). Only the paragraphs the paragraph diff leaves
    // unmatched are diffed by token, so only their tokens are interned: most
    // of a redraft is the base's paragraphs.
    TokenDiff diff_with_base(const Document& side, InternedTokens& tokens) {
        tokens = interner_.intern_units(side);
        const ChangedUnits changed = changed_units(base_tokens_, tokens);
        for (std::uint32_t u = 0; u < changed.before.size(); ++u) {
            if (changed.before[u]) interner_.intern_unit_tokens(base_, base_tokens_, u);
        }
        for (std::uint32_t u = 0; u < changed.after.size(); ++u) {
            if (changed.after[u]) interner_.intern_unit_tokens(side, tokens, u);
        }
        TokenDiffOptions options;
        options.copy_tokens = false;
        return diff_interned(base_tokens_, tokens, changed, options);
    }

    // --- front matter, key by key -------------------------------------------------

    void merge_front_matter() {
        const FrontMatter &b = base_.front_matter, &o = ours_.front_matter,
                          &t = theirs_.front_matter;
        const std::string_view bt = base_.text(b.range), ot = ours_.text(o.range),
                               tt = theirs_.text(t.range);
        if (ot == tt || tt == bt) {
            out_ += ot;
            return;
        }
        if (ot == bt) {
            out_ += tt;
            return;
        }
        auto value_of = [](const FrontMatter& fm,
                           const std::string& key) -> const FrontMatterField* {
            return fm.find(key);
        };
        std::vector<FrontMatterField> merged;
        std::vector<std::string> keys;
        for (const auto* fm : {&o, &t, &b}) {
            for (const auto& f : fm->fields) {
                if (std::find(keys.begin(), keys.end(), f.key) == keys.end()) keys.push_back(f.key);
            }
        }
        for (const std::string& key : keys) {
            const auto *bf = value_of(b, key), *of = value_of(o, key), *tf = value_of(t, key);
            auto same = [](const FrontMatterField* x, const FrontMatterField* y) {
                return (!x && !y) || (x && y && x->value == y->value && x->scalar == y->scalar);
            };
            const FrontMatterField* pick = nullptr;
            if (same(of, tf) || same(tf, bf)) {
                pick = of;
            } else if (same(of, bf)) {
                pick = tf;
            } else {
                pick = of ? of : tf;  // ours, and the disagreement is reported by name
                disagree(DisagreementKind::metadata, of ? of->value : "(removed)",
                         tf ? tf->value : "(removed)", key);
            }
            if (pick) merged.push_back(*pick);
        }
        out_ += emit_front_matter(merged);
    }

    // --- agreement does not cover new text ------------------------------------------

    // A lift over the other side's edit is undone in the lifting side's text
    // before the merge (merge3_lifts.hpp), so every later step sees the bracket.
    void undo_lifts_over_edits() {
        const LiftsOverEdits lifts =
            find_lifts_over_edits(base_, base_tokens_.tokens, {ours_, ours_tokens_.tokens, diff_o_},
                                  {theirs_, theirs_tokens_.tokens, diff_t_});
        lifts_undone_ = lifts.disagreements;
        if (!lifts.in_ours.empty()) {
            ours_ = parse(put_back_marks(base_tokens_.tokens, {ours_, ours_tokens_.tokens, diff_o_},
                                         lifts.in_ours),
                          options_.parse);
            diff_o_ = diff_with_base(ours_, ours_tokens_);
        }
        if (!lifts.in_theirs.empty()) {
            theirs_ =
                parse(put_back_marks(base_tokens_.tokens, {theirs_, theirs_tokens_.tokens, diff_t_},
                                     lifts.in_theirs),
                      options_.parse);
            diff_t_ = diff_with_base(theirs_, theirs_tokens_);
        }
    }

    // --- diff3 ------------------------------------------------------------------

    std::vector<Chunk> split() const {
        const auto& bo = diff_o_.old_to_new;
        const auto& bt = diff_t_.old_to_new;
        const std::uint32_t nb = static_cast<std::uint32_t>(base().tokens.size());
        const std::uint32_t no = static_cast<std::uint32_t>(ours().tokens.size());
        const std::uint32_t nt = static_cast<std::uint32_t>(theirs().tokens.size());
        std::uint32_t i = body_start(base().tokens), j = body_start(ours().tokens),
                      k = body_start(theirs().tokens);
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

    std::string text_of(Text side, std::uint32_t from, std::uint32_t to) const {
        if (from >= to) return "";
        return std::string(
            side.doc.text({side.tokens[from].range.begin, side.tokens[to - 1].range.end}));
    }

    static bool has_words(Text side, std::uint32_t from, std::uint32_t to) {
        for (std::uint32_t t = from; t < to; ++t) {
            if (!is_space_token(side.tokens[t].kind)) return true;
        }
        return false;
    }

    // Which way a range must grow for its marks to balance: left when it
    // closes what it did not open, right when it leaves something open.
    static std::pair<bool, bool> unbalanced(Text side, std::uint32_t from, std::uint32_t to) {
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
        return {lowest_brackets < 0 || lowest_strikes<0, brackets> lowest_brackets ||
                strikes > lowest_strikes};
    }

    static bool at_paragraph_edge(Text side, std::uint32_t at) {
        return at == body_start(side.tokens) || at >= side.tokens.size() ||
               side.tokens[at - 1].kind == TokenKind::paragraph_break;
    }

    // A disagreement across a paragraph break is settled paragraph by paragraph.
    bool spans_paragraphs(const Chunk& x) const {
        for (const auto& [side, from, to] :
             {std::tuple(ours(), x.o0, x.o1), std::tuple(theirs(), x.t0, x.t1),
              std::tuple(base(), x.b0, x.b1)}) {
            for (std::uint32_t t = from; t < to; ++t) {
                if (side.tokens[t].kind == TokenKind::paragraph_break && t + 1 < to) return true;
            }
        }
        return false;
    }

    // Grows chunks[c] over its neighbours until each side's part is balanced
    // (and, in strict mode, whole paragraphs). Absorbed neighbours are emptied.
    void expand(std::vector<Chunk>& chunks, std::size_t c, bool whole_paragraphs = false) const {
        Chunk& x = chunks[c];
        auto empty = [](const Chunk& n) { return n.b0 == n.b1 && n.o0 == n.o1 && n.t0 == n.t1; };
        std::size_t left = c, right = c;
        for (;;) {
            bool need_left = false, need_right = false;
            for (const auto& [side, from, to] :
                 {std::tuple(base(), x.b0, x.b1), std::tuple(ours(), x.o0, x.o1),
                  std::tuple(theirs(), x.t0, x.t1)}) {
                const auto [l, r] = unbalanced(side, from, to);
                const bool paragraphs = whole_paragraphs || options_.strict || spans_paragraphs(x);
                need_left = need_left || l || (paragraphs && !at_paragraph_edge(side, from));
                need_right = need_right || r || (paragraphs && !at_paragraph_edge(side, to));
            }
            if (!need_left && !need_right) return;
            while (left > 0 && empty(chunks[left - 1])) --left;
            while (right + 1 < chunks.size() && empty(chunks[right + 1])) ++right;
            const bool can_left = need_left && left > 0,
                       can_right = need_right && right + 1 < chunks.size();
            if (!can_left && !can_right)
                return;  // the whole text: balanced as far as the inputs are
            if (can_left) {
                Chunk& n = chunks[left - 1];
                if (n.stable) {
                    --n.b1, --n.o1, --n.t1;
                    --x.b0, --x.o0, --x.t0;
                } else {
                    x.b0 = n.b0, x.o0 = n.o0, x.t0 = n.t0;
                    n.b1 = n.b0, n.o1 = n.o0, n.t1 = n.t0;
                }
            }
            if (can_right) {
                Chunk& n = chunks[right + 1];
                if (n.stable) {
                    ++n.b0, ++n.o0, ++n.t0;
                    ++x.b1, ++x.o1, ++x.t1;
                } else {
                    x.b1 = n.b1, x.o1 = n.o1, x.t1 = n.t1;
                    n.b0 = n.b1, n.o0 = n.o1, n.t0 = n.t1;
                }
            }
        }
    }

    // --- resolving an unstable chunk --------------------------------------------------

    // A chunk where one side only deleted part of the base text and the
    // other kept the base text whole while adding around it ("[a][b]": ours
    // drops "[b]", theirs adds "[c]" after it): the deletion and the
    // additions both hold.
    static std::optional<std::string> deletion_beside_additions(const std::string& o,
                                                                const std::string& t,
                                                                const std::string& b) {
        if (b.empty()) return std::nullopt;
        for (const auto& [deleter, adder] : {std::pair(&o, &t), std::pair(&t, &o)}) {
            if (deleter->size() >= b.size()) continue;
            // b = x + deleted + y, and the deleting side is x + y.
            std::size_t x = 0;
            while (x < deleter->size() && (*deleter)[x] == b[x]) ++x;
            const std::string y = deleter->substr(x);
            if (b.size() < y.size() || b.compare(b.size() - y.size(), y.size(), y) != 0 ||
                b.size() - y.size() < x) {
                continue;
            }
            const std::size_t at = adder->find(b);
            if (at == std::string::npos || adder->find(b, at + 1) != std::string::npos) continue;
            return adder->substr(0, at) + *deleter + adder->substr(at + b.size());
        }
        return std::nullopt;
    }

    // One side made the other's change and added more right before or after
    // it ("(revisit)" on both, and ours a new paragraph after): the larger.
    static std::optional<std::string> change_within_change(const std::string& o,
                                                           const std::string& t,
                                                           const std::string& b) {
        for (const auto& [larger, smaller] : {std::pair(&o, &t), std::pair(&t, &o)}) {
            if (smaller->size() >= larger->size() || smaller->empty()) continue;
            const bool prefix = larger->compare(0, smaller->size(), *smaller) == 0;
            const bool suffix =
                larger->compare(larger->size() - smaller->size(), smaller->size(), *smaller) == 0;
            if ((prefix || suffix) && (b.empty() || larger->find(b) == std::string::npos))
                return *larger;
        }
        return std::nullopt;
    }

    // Conflicts a rule settles without looking further: both added options
    // or paragraphs at one spot, or both changed a status tag.
    bool settles_in_place(const Chunk& x) const {
        if (status_only(x)) return true;
        return !has_words(base(), x.b0, x.b1) && is_unit(ours(), x.o0, x.o1) &&
               is_unit(theirs(), x.t0, x.t1) &&
               unbalanced(ours(), x.o0, x.o1) == std::pair(false, false) &&
               unbalanced(theirs(), x.t0, x.t1) == std::pair(false, false);
    }

    bool parts_balanced(const Chunk& x) const {
        const auto fine = std::pair(false, false);
        return unbalanced(ours(), x.o0, x.o1) == fine && unbalanced(theirs(), x.t0, x.t1) == fine &&
               unbalanced(base(), x.b0, x.b1) == fine;
    }

    bool is_conflict(const Chunk& x) const {
        const std::string b = text_of(base(), x.b0, x.b1);
        const std::string o = text_of(ours(), x.o0, x.o1);
        const std::string t = text_of(theirs(), x.t0, x.t1);
        return !(o == t || t == b || o == b || deletion_beside_additions(o, t, b) ||
                 (parts_balanced(x) && change_within_change(o, t, b)));
    }

    void resolve(const Chunk& x) {
        if (x.b0 == x.b1 && x.o0 == x.o1 && x.t0 == x.t1) return;  // absorbed by a neighbour
        {
            const std::string b = text_of(base(), x.b0, x.b1);
            const std::string oe = text_of(ours(), x.o0, x.o1);
            const std::string te = text_of(theirs(), x.t0, x.t1);
            if (oe == te || te == b) {
                put(oe);
                return;
            }
            if (oe == b) {
                put(te);
                return;
            }
            if (const auto merged = deletion_beside_additions(oe, te, b)) {
                put(*merged);
                return;
            }
            if (const auto merged =
                    parts_balanced(x) ? change_within_change(oe, te, b) : std::nullopt) {
                put(*merged);
                return;
            }
        }
        const std::string o = text_of(ours(), x.o0, x.o1), t = text_of(theirs(), x.t0, x.t1);
        if (o == t) {
            put(o);
            return;
        }
        if (options_.strict) {
            disagree(DisagreementKind::conflict, o, t);
            out_ += "<<<<<<< " + options_.ours_label + "\n" + o + ensure_newline(o) + "=======\n" +
                    t + ensure_newline(t) + ">>>>>>> " + options_.theirs_label + "\n";
            if (x.o1 < ours().tokens.size() && !o.empty() && o.back() != '\n') out_ += "\n";
            result_.has_conflict_markers = true;
            return;
        }
        const bool ours_words = has_words(ours(), x.o0, x.o1),
                   theirs_words = has_words(theirs(), x.t0, x.t1);
        const bool base_words = has_words(base(), x.b0, x.b1);
        if (!base_words && ours_words && theirs_words &&
            (is_unit(ours(), x.o0, x.o1) && is_unit(theirs(), x.t0, x.t1))) {
            union_of(x);  // both added options or paragraphs at one spot
            return;
        }
        if (status_only(x)) {
            resolve_status(x);
            return;
        }
        if (!ours_words || !theirs_words) {
            // One side deleted what the other edited: the edit, bracketed.
            const bool ours_kept = ours_words;
            const Text side = ours_kept ? ours() : theirs();
            const std::uint32_t from = ours_kept ? x.o0 : x.t0, to = ours_kept ? x.o1 : x.t1;
            disagree(DisagreementKind::edited_deleted, ours_kept ? trim(o) : "(deleted)",
                     ours_kept ? "(deleted)" : trim(t));
            emit_bracketed(side, from, to);
            return;
        }
        disagree(DisagreementKind::alternatives, trim(o), trim(t));
        if (spans_paragraphs(x)) {
            // Whole paragraphs: each side's run bracketed, ours first; a
            // bracket opening its paragraph may span the paragraphs it holds.
            const std::string ot = trim(o), tt = trim(t);
            const std::size_t lead = o.find(ot);
            put(o.substr(0, lead) + "[" + ot + "]\n\n[" + tt + "]" + o.substr(lead + ot.size()));
            return;
        }
        emit_alternatives(x);
    }

    static std::string ensure_newline(const std::string& s) {
        return s.empty() || s.back() == '\n' ? "" : "\n";
    }

    static std::string trim(const std::string& s) {
        const auto b = s.find_first_not_of(" \t\r\n");
        if (b == std::string::npos) return "";
        return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
    }

    // Appends merged text. Pieces start and end at token boundaries, so a word
    // meeting a word means a mark or space between them was dropped
    // ("[risks international]agreement" with the brackets lifted): keep a space.
    void put(std::string_view text) {
        auto word_char = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80);
        };
        if (!out_.empty() && !text.empty() && word_char(out_.back()) && word_char(text.front()))
            out_ += ' ';
        out_ += text;
    }

    void emit_range(Text side, std::uint32_t from, std::uint32_t to) {
        put(text_of(side, from, to));
    }

    // A whole bracket group ("[a][b]") or whole paragraphs, with white space around.
    static bool is_unit(Text side, std::uint32_t from, std::uint32_t to) {
        std::uint32_t a = from, z = to;
        while (a < z && is_space_token(side.tokens[a].kind)) ++a;
        while (z > a && is_space_token(side.tokens[z - 1].kind)) --z;
        if (a == z) return false;
        if (side.tokens[a].kind == TokenKind::separator) return true;  // " / may": one more option
        const bool paragraphs =
            (a > from && side.tokens[a - 1].kind == TokenKind::paragraph_break) ||
            (z < to && side.tokens[z].kind == TokenKind::paragraph_break) ||
            (a == body_start(side.tokens)) ||
            (a > 0 && side.tokens[a - 1].kind == TokenKind::paragraph_break);
        if (paragraphs) return true;
        if (side.tokens[a].kind != TokenKind::bracket_open ||
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

    void union_of(const Chunk& x) {
        const std::string o = text_of(ours(), x.o0, x.o1), t = text_of(theirs(), x.t0, x.t1);
        if (o.find(trim(t)) != std::string::npos) {  // theirs adds nothing ours does not
            put(o);
            return;
        }
        const TokenKind first = ours().tokens[first_word(ours(), x.o0, x.o1)].kind;
        if (first == TokenKind::separator) {
            put(o + t);  // "[a / b" + " / c" + " / d" + "]"
            return;
        }
        const bool brackets = first == TokenKind::bracket_open;
        if (brackets) {
            // "[b]" + "[c]" -> "[b][c]": one group, ours first, the white space around kept once.
            const std::string ot = trim(o), tt = trim(t);
            const std::size_t lead = o.find(ot);
            put(o.substr(0, lead) + ot + tt + o.substr(lead + ot.size()));
        } else {
            // Paragraphs: ours, then theirs, separated as ours separates paragraphs.
            const std::string ot = trim(o), tt = trim(t);
            const std::size_t lead = o.find(ot);
            put(o.substr(0, lead) + ot + "\n\n" + tt + o.substr(lead + ot.size()));
        }
    }

    static std::uint32_t first_word(Text side, std::uint32_t from, std::uint32_t to) {
        while (from < to && is_space_token(side.tokens[from].kind)) ++from;
        return from;
    }

    bool status_only(const Chunk& x) const {
        auto only_tag = [](Text side, std::uint32_t a, std::uint32_t z) {
            bool tag = false;
            for (std::uint32_t t = a; t < z; ++t) {
                const TokenKind k = side.tokens[t].kind;
                if (k == TokenKind::status_tag) {
                    tag = true;
                } else if (!is_space_token(k) && !(k == TokenKind::punctuation &&
                                                   side.doc.text(side.tokens[t].range) == ".")) {
                    return false;
                }
            }
            return tag;
        };
        return only_tag(ours(), x.o0, x.o1) && only_tag(theirs(), x.t0, x.t1);
    }

    // Both changed a status: agreement needs both, so a side's "agreed" gives
    // way to the other's status; otherwise ours stands. Reported either way.
    void resolve_status(const Chunk& x) {
        const std::string o = text_of(ours(), x.o0, x.o1), t = text_of(theirs(), x.t0, x.t1);
        disagree(DisagreementKind::status, trim(o), trim(t));
        const bool ours_agreed =
            o.find("agreed") != std::string::npos && o.find("ad ref") == std::string::npos;
        put(ours_agreed ? t : o);
    }

    void emit_bracketed(Text side, std::uint32_t from, std::uint32_t to) {
        std::uint32_t a = first_word(side, from, to), z = to;
        while (z > a && is_space_token(side.tokens[z - 1].kind)) --z;
        emit_range(side, from, a);
        const bool already = side.tokens[a].kind == TokenKind::bracket_open && is_unit(side, a, z);
        if (!already) out_ += "[";
        emit_range(side, a, z);
        if (!already) out_ += "]";
        emit_range(side, z, to);
    }

    // "[ours][theirs]": each side's wording as an option; a side that is
    // already a group of options contributes its options as they are.
    void emit_alternatives(const Chunk& x) {
        const Text o = ours(), t = theirs();
        std::uint32_t oa = first_word(o, x.o0, x.o1), oz = x.o1;
        while (oz > oa && is_space_token(o.tokens[oz - 1].kind)) --oz;
        std::uint32_t ta = first_word(t, x.t0, x.t1), tz = x.t1;
        while (tz > ta && is_space_token(t.tokens[tz - 1].kind)) --tz;
        // Inside a bracket that both kept, the options replace its content.
        const bool inside = x.b0 > 0 && x.b1 < base().tokens.size() &&
                            base().tokens[x.b0 - 1].kind == TokenKind::bracket_open &&
                            base().tokens[x.b1].kind == TokenKind::bracket_close && x.o0 == oa &&
                            x.t0 == ta && x.o1 == oz && x.t1 == tz;
        emit_range(o, x.o0, oa);
        if (inside) {
            // The base's '[' is already out; close it after ours and open theirs.
            emit_range(o, oa, oz);
            out_ += "][";
            emit_range(t, ta, tz);
        } else {
            // Each side's options once, ours first.
            std::vector<std::string> options;
            auto collect = [&](Text side, std::uint32_t a, std::uint32_t z) {
                const bool group =
                    side.tokens[a].kind == TokenKind::bracket_open && is_unit(side, a, z);
                if (!group) {
                    options.push_back("[" + text_of(side, a, z) + "]");
                    return;
                }
                int depth = 0;
                std::uint32_t start = a;
                for (std::uint32_t k = a; k < z; ++k) {
                    const TokenKind kind = side.tokens[k].kind;
                    if (kind == TokenKind::bracket_open) ++depth;
                    if (kind == TokenKind::bracket_close && --depth == 0) {
                        options.push_back(text_of(side, start, k + 1));
                        start = k + 1;
                    }
                }
            };
            collect(o, oa, oz);
            collect(t, ta, tz);
            std::vector<std::string> unique;
            for (const std::string& option : options) {
                if (std::find(unique.begin(), unique.end(), option) == unique.end())
                    unique.push_back(option);
            }
            for (const std::string& option : unique) put(option);
        }
        emit_range(o, oz, x.o1);
    }

    void disagree(DisagreementKind kind, std::string ours_text, std::string theirs_text,
                  std::string key = "") {
        result_.disagreements.push_back(
            {kind, 0, std::move(ours_text), std::move(theirs_text), std::move(key)});
        offsets_.push_back(out_.size());
    }

    const MergeOptions& options_;
    Document base_, ours_, theirs_;
    TokenInterner interner_;  // the base is interned once for both diffs
    InternedTokens base_tokens_, ours_tokens_, theirs_tokens_;
    TokenDiff diff_o_, diff_t_;  // base to ours, base to theirs; without copies of the tokens
    std::vector<Disagreement> lifts_undone_;
    struct Emitted {
        Chunk chunk;
        std::size_t from, to;  // its bytes in out_
    };
    std::vector<Emitted> emitted_;
    std::vector<std::size_t> offsets_;  // per disagreement: where in out_ it is
    std::string out_;
    MergeResult result_;
};

}  // namespace

MergeResult merge3_whole_text(std::string_view base, std::string_view ours, std::string_view theirs,
                              const MergeOptions& options) {
    return Merger(parse(base, options.parse), parse(ours, options.parse),
                  parse(theirs, options.parse), options)
        .run();
}

MergeResult merge3(std::string_view base, std::string_view ours, std::string_view theirs,
                   const MergeOptions& options) {
    const std::optional<MergeSections> split = split_sections(base, ours, theirs, options.parse);
    if (!split) return merge3_whole_text(base, ours, theirs, options);
    MergeOptions section_options = options;
    section_options.parse.link_labels = &split->link_labels;
    auto parsed = [&](std::string_view text) { return parse(text, section_options.parse); };
    MergeResult result;
    result.text.reserve(std::max(ours.size(), theirs.size()) + 4096);  // grown once, not doubled
    std::size_t counted = 0, lines = 0;  // newlines in result.text[0, counted)
    for (const MergeSection& section : split->sections) {
        if (!section.contested) {
            result.text += section.settled();
            continue;
        }
        lines += static_cast<std::size_t>(std::count(
            result.text.begin() + static_cast<std::ptrdiff_t>(counted), result.text.end(), '\n'));
        counted = result.text.size();
        MergeResult part = Merger(parsed(section.base), parsed(section.ours),
                                  parsed(section.theirs), section_options)
                               .run();
        for (Disagreement& d : part.disagreements) {
            d.line += lines;
            result.disagreements.push_back(std::move(d));
        }
        result.has_conflict_markers = result.has_conflict_markers || part.has_conflict_markers;
        result.text += part.text;
    }
    return result;
}

}  // namespace accord
