#include "merge/merge3/merge3_rules.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "merge/diff/token_view.hpp"

namespace accord::token_merge {

namespace {

// A chunk where one side only deleted part of the base text and the other
// kept the base text whole while adding around it ("[a][b]": ours drops
// "[b]", theirs adds "[c]" after it): the deletion and the additions both hold.
std::optional<std::string> deletion_beside_additions(const std::string& o, const std::string& t,
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

// One side made the other's change and added more right before or after it
// ("(revisit)" on both, and ours a new paragraph after): the larger.
std::optional<std::string> change_within_change(const std::string& o, const std::string& t,
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

bool parts_balanced(const MergeInputs& in, const Chunk& x) {
    return balance_of(in.ours(), x.o0, x.o1).balanced() &&
           balance_of(in.theirs(), x.t0, x.t1).balanced() &&
           balance_of(in.base(), x.b0, x.b1).balanced();
}

// The chunk's merged text when it needs no negotiation rule: the same
// change on both sides, one side's change, or both sides' changes side by
// side; nullopt for a conflict.
std::optional<std::string> settled_without_conflict(const MergeInputs& in, const Chunk& x,
                                                    const std::string& b, const std::string& o,
                                                    const std::string& t) {
    if (o == t || t == b) return o;
    if (o == b) return t;
    if (auto merged = deletion_beside_additions(o, t, b)) return merged;
    if (parts_balanced(in, x)) return change_within_change(o, t, b);
    return std::nullopt;
}

// Only a status tag (and white space, and the full stop after it) on both sides.
bool status_only(const MergeInputs& in, const Chunk& x) {
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
    return only_tag(in.ours(), x.o0, x.o1) && only_tag(in.theirs(), x.t0, x.t1);
}

constexpr std::string_view kAgreed = "agreed";

// The status named by the status tag among tokens [from, to) of a side, as
// the vocabulary spells it ("agreed"); empty when there is none.
std::string_view status_in(Text side, std::uint32_t from, std::uint32_t to) {
    const std::vector<Paragraph>& paragraphs = side.doc.paragraphs;
    for (std::uint32_t t = from; t < to; ++t) {
        if (side.tokens[t].kind != TokenKind::status_tag) continue;
        const std::size_t at = side.tokens[t].range.begin;
        const auto p = std::upper_bound(paragraphs.begin(), paragraphs.end(), at,
                                        [](std::size_t offset, const Paragraph& paragraph) {
                                            return offset < paragraph.range.end;
                                        });
        if (p != paragraphs.end() && p->status_tag.begin == at) return p->status;
    }
    return {};
}

// The options a side's words [a, z) offer, each once: a group's own
// options ("[a]", "[b]"), else the words as one option "[words]".
std::vector<std::string> options_of(Text side, std::uint32_t a, std::uint32_t z) {
    const bool group = side.tokens[a].kind == TokenKind::bracket_open && is_unit(side, a, z);
    if (!group) return {"[" + text_of(side, a, z) + "]"};
    std::vector<std::string> options;
    int depth = 0;
    std::uint32_t start = a;
    for (std::uint32_t k = a; k < z; ++k) {
        const TokenKind kind = side.tokens[k].kind;
        if (kind == TokenKind::bracket_open) ++depth;
        if (kind == TokenKind::bracket_close && --depth == 0) {
            std::string option = text_of(side, start, k + 1);
            if (std::find(options.begin(), options.end(), option) == options.end())
                options.push_back(std::move(option));
            start = k + 1;
        }
    }
    return options;
}

std::string ensure_newline(const std::string& s) {
    return s.empty() || s.back() == '\n' ? "" : "\n";
}

}  // namespace

bool is_conflict(const MergeInputs& in, const Chunk& x) {
    return !settled_without_conflict(in, x, text_of(in.base(), x.b0, x.b1),
                                     text_of(in.ours(), x.o0, x.o1),
                                     text_of(in.theirs(), x.t0, x.t1));
}

bool settles_in_place(const MergeInputs& in, const Chunk& x) {
    if (status_only(in, x)) return true;
    return !has_words(in.base(), x.b0, x.b1) && is_unit(in.ours(), x.o0, x.o1) &&
           is_unit(in.theirs(), x.t0, x.t1) && balance_of(in.ours(), x.o0, x.o1).balanced() &&
           balance_of(in.theirs(), x.t0, x.t1).balanced();
}

void ChunkResolver::resolve(const Chunk& x) {
    if (x.empty()) return;  // taken in by a neighbour
    const std::string b = text_of(in_.base(), x.b0, x.b1), o = text_of(in_.ours(), x.o0, x.o1),
                      t = text_of(in_.theirs(), x.t0, x.t1);
    if (const std::optional<std::string> merged = settled_without_conflict(in_, x, b, o, t))
        return out_.put(*merged);
    if (options_.strict) return put_conflict_markers(x, o, t);
    const bool ours_words = has_words(in_.ours(), x.o0, x.o1),
               theirs_words = has_words(in_.theirs(), x.t0, x.t1),
               base_words = has_words(in_.base(), x.b0, x.b1);
    if (!base_words && ours_words && theirs_words && is_unit(in_.ours(), x.o0, x.o1) &&
        is_unit(in_.theirs(), x.t0, x.t1)) {
        return union_of(x);  // both added options or paragraphs at one spot
    }
    if (status_only(in_, x)) return resolve_status(x);
    if (!ours_words || !theirs_words) {
        // One side deleted what the other edited: the edit, bracketed.
        out_.disagree(DisagreementKind::edited_deleted, ours_words ? trimmed(o) : "(deleted)",
                      ours_words ? "(deleted)" : trimmed(t));
        if (ours_words) return put_bracketed(in_.ours(), x.o0, x.o1);
        return put_bracketed(in_.theirs(), x.t0, x.t1);
    }
    out_.disagree(DisagreementKind::alternatives, trimmed(o), trimmed(t));
    // Whole paragraphs: each side's run bracketed, ours first; a bracket
    // opening its paragraph may span the paragraphs it holds.
    if (spans_paragraphs(in_, x)) return put_paragraph_alternatives(o, t);
    put_alternatives(x);
}

void ChunkResolver::resolve_paragraphs(const Chunk& x) {
    if (x.empty()) return;
    const std::string b = text_of(in_.base(), x.b0, x.b1), o = text_of(in_.ours(), x.o0, x.o1),
                      t = text_of(in_.theirs(), x.t0, x.t1);
    if (o == t || t == b) return out_.put(o);
    if (o == b) return out_.put(t);
    out_.disagree(DisagreementKind::alternatives, trimmed(o), trimmed(t));
    if (trimmed(o).empty() || trimmed(t).empty()) return out_.put(o.empty() ? t : o);
    put_paragraph_alternatives(o, t);
}

void ChunkResolver::put_conflict_markers(const Chunk& x, const std::string& o,
                                         const std::string& t) {
    out_.disagree(DisagreementKind::conflict, o, t);
    out_.put_verbatim("<<<<<<< " + options_.ours_label + "\n" + o + ensure_newline(o) +
                      "=======\n" + t + ensure_newline(t) + ">>>>>>> " + options_.theirs_label +
                      "\n");
    if (x.o1 < in_.ours().tokens.size() && !o.empty() && o.back() != '\n') out_.put_verbatim("\n");
    out_.conflict_markers_written();
}

// Both added at one spot: one side's addition when it holds the other's,
// else both, ours first: options joined into one group, paragraphs one
// after the other.
void ChunkResolver::union_of(const Chunk& x) {
    const std::string o = text_of(in_.ours(), x.o0, x.o1), t = text_of(in_.theirs(), x.t0, x.t1);
    if (o.find(trimmed(t)) != std::string::npos) return out_.put(o);  // theirs adds nothing more
    const TokenKind first = in_.ours().tokens[words_within(in_.ours(), x.o0, x.o1).begin].kind;
    if (first == TokenKind::separator) return out_.put(o + t);  // "[a / b" + " / c" + " / d" + "]"
    if (first == TokenKind::bracket_open) {
        // "[b]" + "[c]" -> "[b][c]": one group, ours first, the white space around kept once.
        return out_.put_spaced_as(o, trimmed(o) + trimmed(t));
    }
    // Paragraphs: ours, then theirs, separated as ours separates paragraphs.
    out_.put_spaced_as(o, trimmed(o) + "\n\n" + trimmed(t));
}

// Both changed a status: agreement needs both, so a side's "agreed" gives
// way to the other's status; otherwise ours stands. Reported either way.
// The status is the parsed one: a configured "(not agreed)" is not agreement.
void ChunkResolver::resolve_status(const Chunk& x) {
    const std::string o = text_of(in_.ours(), x.o0, x.o1), t = text_of(in_.theirs(), x.t0, x.t1);
    out_.disagree(DisagreementKind::status, trimmed(o), trimmed(t));
    out_.put(status_in(in_.ours(), x.o0, x.o1) == kAgreed ? t : o);
}

// The words of [from, to) in brackets, unless they are a bracket group already.
void ChunkResolver::put_bracketed(Text side, std::uint32_t from, std::uint32_t to) {
    const auto [a, z] = words_within(side, from, to);
    out_.put_range(side, from, a);
    const bool already = side.tokens[a].kind == TokenKind::bracket_open && is_unit(side, a, z);
    if (!already) out_.put_verbatim("[");
    out_.put_range(side, a, z);
    if (!already) out_.put_verbatim("]");
    out_.put_range(side, z, to);
}

// "[ours][theirs]": each side's wording as an option; a side that is
// already a group of options contributes its options as they are.
void ChunkResolver::put_alternatives(const Chunk& x) {
    const Text o = in_.ours(), t = in_.theirs(), base = in_.base();
    const auto [oa, oz] = words_within(o, x.o0, x.o1);
    const auto [ta, tz] = words_within(t, x.t0, x.t1);
    // Inside a bracket that both kept, the options replace its content.
    const bool inside = x.b0 > 0 && x.b1 < base.tokens.size() &&
                        base.tokens[x.b0 - 1].kind == TokenKind::bracket_open &&
                        base.tokens[x.b1].kind == TokenKind::bracket_close && x.o0 == oa &&
                        x.t0 == ta && x.o1 == oz && x.t1 == tz;
    out_.put_range(o, x.o0, oa);
    if (inside) {
        // The base's '[' is already out; close it after ours and open theirs.
        out_.put_range(o, oa, oz);
        out_.put_verbatim("][");
        out_.put_range(t, ta, tz);
    } else {
        // Each side's options once, ours first.
        std::vector<std::string> options = options_of(o, oa, oz);
        for (std::string& option : options_of(t, ta, tz)) {
            if (std::find(options.begin(), options.end(), option) == options.end())
                options.push_back(std::move(option));
        }
        for (const std::string& option : options) out_.put(option);
    }
    out_.put_range(o, oz, x.o1);
}

// Whole paragraphs of each side as alternatives: "[ours]\n\n[theirs]", in
// the white space around ours.
void ChunkResolver::put_paragraph_alternatives(const std::string& o, const std::string& t) {
    out_.put_spaced_as(o, "[" + trimmed(o) + "]\n\n[" + trimmed(t) + "]");
}

}  // namespace accord::token_merge
