#include "merge/merge3.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "core/front_matter.hpp"
#include "core/source_map.hpp"
#include "core/tokens.hpp"
#include "merge/token_diff.hpp"
#include "merge/token_view.hpp"

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
    Merger(std::string_view base, std::string_view ours, std::string_view theirs,
           const MergeOptions& options)
        : options_(options),
          base_(parse(base, options.parse)),
          ours_(parse(ours, options.parse)),
          theirs_(parse(theirs, options.parse)),
          diff_o_(diff_tokens(base_, ours_)),
          diff_t_(diff_tokens(base_, theirs_)) {}

    MergeResult run() {
        merge_front_matter();
        protect_agreements_on_edited_text();
        std::vector<Chunk> chunks = split();
        // First grow every real conflict to balanced bounds (it may take in
        // neighbours that alone would have merged), then emit in order.
        for (std::size_t c = 0; c < chunks.size(); ++c) {
            if (!chunks[c].stable && is_conflict(chunks[c])) expand(chunks, c);
        }
        for (std::size_t c = 0; c < chunks.size(); ++c) {
            if (chunks[c].stable) {
                emit_range(base(), chunks[c].b0, chunks[c].b1);
                continue;
            }
            resolve(chunks[c]);
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
    Text base() const { return {base_, diff_o_.old_tokens}; }
    Text ours() const { return {ours_, diff_o_.new_tokens}; }
    Text theirs() const { return {theirs_, diff_t_.new_tokens}; }

    static std::uint32_t body_start(const std::vector<Token>& tokens) {
        return !tokens.empty() && tokens[0].kind == TokenKind::front_matter ? 1 : 0;
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

    // A bracket one side lifted while the other edited inside it keeps its
    // marks. For a bracket of an alternatives group (a choice), an option the
    // other side added to the group counts as an edit inside: the choice did
    // not cover it.
    void protect_agreements_on_edited_text() {
        keep_mark_.assign(base().tokens.size(), false);
        const TokenView bo(base_, diff_o_.old_tokens, diff_o_.old_to_new);
        const TokenView bt(base_, diff_t_.old_tokens, diff_t_.old_to_new);
        for (const Bracket& b : base_.brackets) {
            const std::uint32_t open = bo.token_at(b.open), close = bo.token_at(b.close);
            std::uint32_t first = open, last = close;
            if (b.group != kNone) {
                first = bo.token_at(base_.brackets[base_.groups[b.group].brackets.front()].open);
                last = bo.token_at(base_.brackets[base_.groups[b.group].brackets.back()].close);
            }
            const bool ours_lifted =
                bo.changed(open) && bo.changed(close) && kept_inside(bo, open, close);
            const bool theirs_lifted =
                bt.changed(open) && bt.changed(close) && kept_inside(bt, open, close);
            const bool ours_edited = edited_inside(bo, diff_o_.new_to_old, first, last) ||
                                     (b.group != kNone && option_added_after(bo, diff_o_, last));
            const bool theirs_edited = edited_inside(bt, diff_t_.new_to_old, first, last) ||
                                       (b.group != kNone && option_added_after(bt, diff_t_, last));
            if ((ours_lifted && theirs_edited && !theirs_lifted) ||
                (theirs_lifted && ours_edited && !ours_lifted)) {
                keep_mark_[open] = keep_mark_[close] = true;
                disagree(DisagreementKind::kept_bracketed, ours_lifted ? "lifted" : "edited",
                         theirs_lifted ? "lifted" : "edited", std::string(base_.text(b.inner())));
                pending_offset_fix_.push_back(result_.disagreements.size() - 1);
            }
        }
    }

    // The side put a new bracket right after the group's last ']'.
    static bool option_added_after(const TokenView& v, const TokenDiff& diff, std::uint32_t last) {
        if (v.changed(last)) return false;
        const std::uint32_t after = v.mapping[last] + 1;
        return after < diff.new_tokens.size() && diff.new_to_old[after] == kNone &&
               diff.new_tokens[after].kind == TokenKind::bracket_open;
    }

    static bool kept_inside(const TokenView& v, std::uint32_t open, std::uint32_t close) {
        for (std::uint32_t t = open + 1; t < close; ++t) {
            if (!is_space_token(v.tokens[t].kind) && v.changed(t)) return false;
        }
        return true;
    }

    static bool edited_inside(const TokenView& v, const std::vector<std::uint32_t>& new_to_old,
                              std::uint32_t open, std::uint32_t close) {
        for (std::uint32_t t = open + 1; t < close; ++t) {
            if (!is_space_token(v.tokens[t].kind) && v.changed(t)) return true;
        }
        if (v.changed(open) || v.changed(close)) return false;
        for (std::uint32_t n = v.mapping[open] + 1; n < v.mapping[close]; ++n) {
            if (new_to_old[n] == kNone) return true;  // words added inside
        }
        return false;
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

    // Grows chunks[c] over its neighbours until each side's part is balanced
    // (and, in strict mode, whole paragraphs). Absorbed neighbours are emptied.
    void expand(std::vector<Chunk>& chunks, std::size_t c) const {
        Chunk& x = chunks[c];
        auto empty = [](const Chunk& n) { return n.b0 == n.b1 && n.o0 == n.o1 && n.t0 == n.t1; };
        std::size_t left = c, right = c;
        for (;;) {
            bool need_left = false, need_right = false;
            for (const auto& [side, from, to] :
                 {std::tuple(base(), x.b0, x.b1), std::tuple(ours(), x.o0, x.o1),
                  std::tuple(theirs(), x.t0, x.t1)}) {
                const auto [l, r] = unbalanced(side, from, to);
                need_left = need_left || l || (options_.strict && !at_paragraph_edge(side, from));
                need_right = need_right || r || (options_.strict && !at_paragraph_edge(side, to));
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

    // One side's part of a chunk as it would be emitted: with the base marks
    // of a bracket whose agreement did not cover the other side's edit put back.
    std::string effective(Text side, std::uint32_t from, std::uint32_t to, std::uint32_t b0,
                          std::uint32_t b1) const {
        std::string prefix, suffix;
        for (std::uint32_t b = b0; b < b1; ++b) {
            if (!keep_mark_[b]) continue;
            bool present = false;
            for (std::uint32_t t = from; t < to; ++t)
                present = present || side.tokens[t].kind == base().tokens[b].kind;
            if (present) continue;
            if (base().tokens[b].kind == TokenKind::bracket_open) {
                prefix += "[";
            } else {
                suffix += "]";
            }
        }
        return prefix + text_of(side, from, to) + suffix;
    }

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

    bool is_conflict(const Chunk& x) const {
        const std::string b = text_of(base(), x.b0, x.b1);
        const std::string o = effective(ours(), x.o0, x.o1, x.b0, x.b1);
        const std::string t = effective(theirs(), x.t0, x.t1, x.b0, x.b1);
        return !(o == t || t == b || o == b || deletion_beside_additions(o, t, b));
    }

    void resolve(const Chunk& x) {
        if (x.b0 == x.b1 && x.o0 == x.o1 && x.t0 == x.t1) return;  // absorbed by a neighbour
        {
            const std::string b = text_of(base(), x.b0, x.b1);
            const std::string oe = effective(ours(), x.o0, x.o1, x.b0, x.b1);
            const std::string te = effective(theirs(), x.t0, x.t1, x.b0, x.b1);
            if (oe == te || te == b) {
                if (oe != text_of(ours(), x.o0, x.o1)) fix_offsets();
                out_ += oe;
                return;
            }
            if (oe == b) {
                if (te != text_of(theirs(), x.t0, x.t1)) fix_offsets();
                out_ += te;
                return;
            }
            if (const auto merged = deletion_beside_additions(oe, te, b)) {
                out_ += *merged;
                return;
            }
        }
        const std::string o = text_of(ours(), x.o0, x.o1), t = text_of(theirs(), x.t0, x.t1);
        if (o == t) {
            out_ += o;
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

    void fix_offsets() {
        for (std::size_t k : pending_offset_fix_) offsets_[k] = out_.size();
        pending_offset_fix_.clear();
    }

    void emit_range(Text side, std::uint32_t from, std::uint32_t to) {
        out_ += text_of(side, from, to);
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
            out_ += o;
            return;
        }
        const TokenKind first = ours().tokens[first_word(ours(), x.o0, x.o1)].kind;
        if (first == TokenKind::separator) {
            out_ += o + t;  // "[a / b" + " / c" + " / d" + "]"
            return;
        }
        const bool brackets = first == TokenKind::bracket_open;
        if (brackets) {
            // "[b]" + "[c]" -> "[b][c]": one group, ours first, the white space around kept once.
            const std::string ot = trim(o), tt = trim(t);
            const std::size_t lead = o.find(ot);
            out_ += o.substr(0, lead) + ot + tt + o.substr(lead + ot.size());
        } else {
            // Paragraphs: ours, then theirs, separated as ours separates paragraphs.
            const std::string ot = trim(o), tt = trim(t);
            const std::size_t lead = o.find(ot);
            out_ += o.substr(0, lead) + ot + "\n\n" + tt + o.substr(lead + ot.size());
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
        out_ += ours_agreed ? t : o;
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
            for (const std::string& option : unique) out_ += option;
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
    TokenDiff diff_o_, diff_t_;
    std::vector<bool> keep_mark_;  // per base token: a bracket mark that stays
    std::vector<std::size_t> pending_offset_fix_;
    std::vector<std::size_t> offsets_;  // per disagreement: where in out_ it is
    std::string out_;
    MergeResult result_;
};

}  // namespace

MergeResult merge3(std::string_view base, std::string_view ours, std::string_view theirs,
                   const MergeOptions& options) {
    return Merger(base, ours, theirs, options).run();
}

}  // namespace accord
