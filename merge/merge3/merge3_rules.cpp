#include "merge/merge3/merge3_rules.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/util/text.hpp"
#include "merge/diff/sequence_diff.hpp"
#include "merge/diff/token_view.hpp"
#include "merge/merge3/merge3_headings.hpp"

namespace accord::token_merge {

namespace {

// Text that stands on its own beside its neighbours: nothing, whole
// brackets ("[b]", "[b][c]"), or whole lines and paragraphs.
bool whole_units(std::string_view s) {
    if (s.empty() || s.front() == '\n' || s.back() == '\n') return true;
    const std::size_t first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return true;
    const std::size_t last = s.find_last_not_of(" \t");
    return s[first] == '[' && s[last] == ']';
}

// `part` is `whole` with one stretch cut out and nothing added: the
// stretch, or nullopt.
std::optional<std::string_view> cut_from(const std::string& part, const std::string& whole) {
    if (part.size() >= whole.size()) return std::nullopt;
    std::size_t x = 0;
    while (x < part.size() && part[x] == whole[x]) ++x;
    const std::size_t y = part.size() - x;
    if (whole.compare(whole.size() - y, y, part, x, y) != 0) return std::nullopt;
    return std::string_view(whole).substr(x, whole.size() - y - x);
}

// `x` without the tokens all three sides share at its start and, with
// `at_end`, at its end: the texts that differ ("Parties act" of "Parties
// act now (agreed)", an "Option 2:" label both kept).
Chunk past_shared_ends(const MergeInputs& in, Chunk x, bool at_end) {
    const auto same = [&](std::uint32_t b, std::uint32_t o, std::uint32_t t) {
        const std::string_view text = in.base().doc.text(in.base().tokens[b].range);
        return text == in.ours().doc.text(in.ours().tokens[o].range) &&
               text == in.theirs().doc.text(in.theirs().tokens[t].range);
    };
    while (x.b0 < x.b1 && x.o0 < x.o1 && x.t0 < x.t1 && same(x.b0, x.o0, x.t0))
        ++x.b0, ++x.o0, ++x.t0;
    while (at_end && x.b0 < x.b1 && x.o0 < x.o1 && x.t0 < x.t1 &&
           same(x.b1 - 1, x.o1 - 1, x.t1 - 1))
        --x.b1, --x.o1, --x.t1;
    return x;
}

// A chunk where one side only deleted part of the base text and the other
// kept the base text whole while adding around it ("[a][b]": ours drops
// "[b]", theirs adds "[c]" after it): the deletion and the additions both
// hold. Deleted words (not a whole bracket or paragraph) hold only beside
// whole added brackets or paragraphs: words added next to them ("full"
// deleted, "truly full" added) edit them, a conflict.
std::optional<std::string> deletion_beside_additions(const std::string& o, const std::string& t,
                                                     const std::string& b) {
    if (b.empty()) return std::nullopt;
    for (const auto& [deleter, adder] : {std::pair(&o, &t), std::pair(&t, &o)}) {
        const std::optional<std::string_view> deleted = cut_from(*deleter, b);
        if (!deleted) continue;
        const std::size_t at = adder->find(b);
        if (at == std::string::npos || adder->find(b, at + 1) != std::string::npos) continue;
        if (!whole_units(*deleted) &&
            !(whole_units(std::string_view(*adder).substr(0, at)) &&
              whole_units(std::string_view(*adder).substr(at + b.size()))))
            continue;
        std::string before = adder->substr(0, at), after = adder->substr(at + b.size());
        // The deleted text took with it the white space that parted the
        // base text from what followed it (or went before it); words added
        // right against the deleted text ("[must]" before "[shall] ") keep
        // that space, not run into the next word.
        const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
        const std::string_view cut = *deleted;
        const bool at_start = cut.data() == b.data(),
                   at_end = cut.data() + cut.size() == b.data() + b.size();
        if (at_start && !before.empty() && !is_space(before.back()) && !cut.empty() &&
            is_space(cut.back()) && (deleter->empty() || !is_space(deleter->front()))) {
            before += cut.substr(cut.find_last_not_of(" \t") + 1);
        } else if (at_end && !after.empty() && !is_space(after.front()) && !cut.empty() &&
                   is_space(cut.front()) && (deleter->empty() || !is_space(deleter->back()))) {
            const std::size_t words = cut.find_first_not_of(" \t");
            after.insert(0, cut.substr(0, words == std::string_view::npos ? cut.size() : words));
        }
        return before + *deleter + after;
    }
    return std::nullopt;
}

// The words of `text`, split at white space and punctuation.
std::vector<std::string_view> words_of(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !is_word_byte(text[i])) ++i;
        const std::size_t start = i;
        while (i < text.size() && is_word_byte(text[i])) ++i;
        if (i > start) out.push_back(text.substr(start, i - start));
    }
    return out;
}

// Some word of `more` stood in the base and is gone from `smaller`.
bool shares_deleted_words(std::string_view more, std::string_view base, std::string_view smaller) {
    const std::vector<std::string_view> in_base = words_of(base), kept = words_of(smaller);
    for (const std::string_view w : words_of(more)) {
        if (std::find(in_base.begin(), in_base.end(), w) != in_base.end() &&
            std::find(kept.begin(), kept.end(), w) == kept.end())
            return true;
    }
    return false;
}

// One side made the other's change and added more right before or after it
// ("(revisit)" on both, and ours a new paragraph after): the larger. A
// smaller side that is itself the start (or end) of the base only cut the
// rest away, a change the larger did not make: the base's first paragraph
// kept by both, and the last deleted by one and edited by the other, is a
// conflict, not the edit. Where the larger's "more" is base text it kept
// and the smaller deleted ("shall promptly report": both replace "report",
// one also deletes "promptly"), both changes hold: the smaller.
std::optional<std::string> change_within_change(const std::string& o, const std::string& t,
                                                const std::string& b) {
    const auto starts = [](const std::string& s, const std::string& part) {
        return s.size() >= part.size() && s.compare(0, part.size(), part) == 0;
    };
    const auto ends = [](const std::string& s, const std::string& part) {
        return s.size() >= part.size() && s.compare(s.size() - part.size(), part.size(), part) == 0;
    };
    // Whole words only: "contribution" is no part of "contributions", nor
    // "5" of "45" (each side's own wording, a disagreement).
    const auto cut_between_words = [&](const std::string& s, std::size_t at) {
        return at == 0 || at >= s.size() || !is_word_byte(s[at - 1]) || !is_word_byte(s[at]);
    };
    for (const auto& [larger, smaller] : {std::pair(&o, &t), std::pair(&t, &o)}) {
        if (smaller->size() >= larger->size() || smaller->empty()) continue;
        const bool prefix = starts(*larger, *smaller) && !starts(b, *smaller) &&
                            cut_between_words(*larger, smaller->size());
        const bool suffix = ends(*larger, *smaller) && !ends(b, *smaller) &&
                            cut_between_words(*larger, larger->size() - smaller->size());
        if (!(prefix || suffix) || (!b.empty() && larger->find(b) != std::string::npos)) continue;
        // The larger's more: after the shared change (prefix), or before it.
        const std::string more = prefix ? larger->substr(smaller->size())
                                        : larger->substr(0, larger->size() - smaller->size());
        const bool words = more.find_first_not_of(" \t\r\n") != std::string::npos;
        const bool kept_base = words && (prefix ? ends(b, more) : starts(b, more));
        if (kept_base) return *smaller;
        // The more holds base words the smaller deleted, among words of its
        // own (", indeed, very" where one side deleted "very"): which of
        // the two stands is a disagreement, not the larger side's.
        if (shares_deleted_words(more, b, *smaller)) return std::nullopt;
        return *larger;
    }
    return std::nullopt;
}

// One side's change holds the other's whole: the smaller side only added
// to the base, and the larger holds every token of the smaller's in order,
// each run the smaller added still in one piece, with more of its own
// ("provide new resources" and "[provide][mobilize] new resources", "new"
// and "[new]"): the larger, which loses no one's wording. A run split
// apart ("new additional" made "[new][additional]") is a change of its
// meaning, and strikes have rules of their own. White space aside.
std::optional<std::string> change_held_whole(const MergeInputs& in, const Chunk& x) {
    using Part = std::vector<std::string_view>;  // the tokens, white space left out
    const auto part_of = [&](Text side, std::uint32_t from,
                             std::uint32_t to) -> std::optional<Part> {
        Part part;
        for (std::uint32_t k = from; k < to; ++k) {
            const TokenKind kind = side.tokens[k].kind;
            if (kind == TokenKind::strike_open || kind == TokenKind::strike_close)
                return std::nullopt;
            if (!is_space_token(kind)) part.push_back(side.doc.text(side.tokens[k].range));
        }
        return part;
    };
    // Where each token of `small` stands in `large`, taken in order (the
    // first place each fits); empty when they do not all fit.
    const auto places_in = [](const Part& small, const Part& large) {
        std::vector<std::size_t> at;
        std::size_t k = 0;
        for (const std::string_view token : small) {
            while (k < large.size() && large[k] != token) ++k;
            if (k == large.size()) return std::vector<std::size_t>{};
            at.push_back(k++);
        }
        return at;
    };
    const std::optional<Part> b = part_of(in.base(), x.b0, x.b1),
                              o = part_of(in.ours(), x.o0, x.o1),
                              t = part_of(in.theirs(), x.t0, x.t1);
    if (!b || !o || !t) return std::nullopt;
    for (const bool ours_larger : {true, false}) {
        const Part &large = ours_larger ? *o : *t, &small = ours_larger ? *t : *o;
        if (small.empty() || small.size() >= large.size()) continue;
        const std::vector<std::size_t> in_small = places_in(*b, small);
        const std::vector<std::size_t> in_large = places_in(small, large);
        if ((in_small.empty() && !b->empty()) || in_large.empty()) continue;
        std::vector<bool> from_base(small.size(), false);
        for (const std::size_t k : in_small) from_base[k] = true;
        bool whole = true;
        for (std::size_t k = 1; k < small.size() && whole; ++k)
            whole = from_base[k] || from_base[k - 1] || in_large[k] == in_large[k - 1] + 1;
        if (whole)
            return ours_larger ? text_of(in.ours(), x.o0, x.o1) : text_of(in.theirs(), x.t0, x.t1);
    }
    return std::nullopt;
}

bool parts_balanced(const MergeInputs& in, const Chunk& x) {
    return balance_of(in.ours(), x.o0, x.o1).balanced() &&
           balance_of(in.theirs(), x.t0, x.t1).balanced() &&
           balance_of(in.base(), x.b0, x.b1).balanced();
}

// The tokens of [from, to) of a side other than strike marks, as text:
// its wording and layout, whatever of it the side proposes to delete.
std::vector<std::string_view> wording_without_strikes(Text side, std::uint32_t from,
                                                      std::uint32_t to) {
    std::vector<std::string_view> out;
    for (std::uint32_t k = from; k < to; ++k) {
        const TokenKind kind = side.tokens[k].kind;
        if (kind != TokenKind::strike_open && kind != TokenKind::strike_close)
            out.push_back(side.doc.text(side.tokens[k].range));
    }
    return out;
}

// Per token of [from, to) other than a strike mark: whether a strike of
// the side covers it. nullopt when the strikes do not pair within the
// range (one opened before it, or left open at its end).
std::optional<std::vector<bool>> struck_within(Text side, std::uint32_t from, std::uint32_t to) {
    if (inside_strike(side, from)) return std::nullopt;
    std::vector<bool> struck;
    bool open = false;
    for (std::uint32_t k = from; k < to; ++k) {
        const TokenKind kind = side.tokens[k].kind;
        if (kind == TokenKind::strike_open || kind == TokenKind::strike_close) {
            if (open != (kind == TokenKind::strike_close)) return std::nullopt;
            open = !open;
            continue;
        }
        struck.push_back(open);
    }
    if (open) return std::nullopt;
    return struck;
}

// Both sides kept the base's wording of `x` and changed only which of it
// stands struck (proposed for deletion): each word struck as the side that
// changed its strike left it (a word neither changed, as the base had it),
// so that the merge strikes every word a side proposed to delete and none
// that no side did ("~~a b~~ c" and "a ~~b c~~" give "~~a b c~~"). The
// strikes are drawn anew over the runs of struck words, opening and closing
// on a word, none across a paragraph break. nullopt when the wording
// differs, or a side's strikes do not pair within the chunk.
std::optional<std::string> united_strikes(const MergeInputs& in, const Chunk& x) {
    const Text base = in.base();
    const std::vector<std::string_view> wording = wording_without_strikes(base, x.b0, x.b1);
    if (wording != wording_without_strikes(in.ours(), x.o0, x.o1) ||
        wording != wording_without_strikes(in.theirs(), x.t0, x.t1))
        return std::nullopt;
    const std::optional<std::vector<bool>> b = struck_within(base, x.b0, x.b1),
                                           o = struck_within(in.ours(), x.o0, x.o1),
                                           t = struck_within(in.theirs(), x.t0, x.t1);
    if (!b || !o || !t) return std::nullopt;
    std::string out, gap;  // gap: the white space since the last word written
    bool open = false;
    std::size_t k = 0;
    for (std::uint32_t at = x.b0; at < x.b1; ++at) {
        const TokenKind kind = base.tokens[at].kind;
        if (kind == TokenKind::strike_open || kind == TokenKind::strike_close) continue;
        const std::string_view text = wording[k];
        const bool struck = (*o)[k] != (*b)[k] ? (*o)[k] : (*t)[k];
        ++k;
        if (is_space_token(kind)) {
            if (kind == TokenKind::paragraph_break && open) out += "~~", open = false;
            gap += text;
            continue;
        }
        if (struck != open) {
            out += open ? "~~" + gap : gap + "~~";
            open = struck;
        } else {
            out += gap;
        }
        gap.clear();
        out += text;
    }
    if (open) out += "~~";
    return out + gap;
}

// Anything but white space and emphasis marks in [from, to): a lone "*"
// (an emphasis that ran into wording the side deleted, closed there) is
// formatting, no wording to offer as an option.
bool has_wording(Text side, std::uint32_t from, std::uint32_t to) {
    for (std::uint32_t t = from; t < to; ++t) {
        const TokenKind kind = side.tokens[t].kind;
        if (!is_space_token(kind) && kind != TokenKind::emphasis) return true;
    }
    return false;
}

// The chunk's merged text when it needs no negotiation rule: the same
// change on both sides, one side's change, or both sides' changes side by
// side; nullopt for a conflict.
// One side added paragraphs in the chunk where the other joined two
// paragraphs at its edge (it has no paragraph break there, the adder and
// the base have one): put in, the added paragraphs would be glued to the
// joined one's wording ("a report.2bis. Notes the study."). Not settled
// by the words alone.
bool paragraphs_added_at_a_join(const MergeInputs& in, const Chunk& x) {
    const auto breaks_at = [](Text side, std::uint32_t at) {
        return at < side.tokens.size() && side.tokens[at].kind == TokenKind::paragraph_break;
    };
    const auto adds_paragraphs = [&](Text side, std::uint32_t from, std::uint32_t to) {
        for (std::uint32_t k = from; k < to; ++k)
            if (side.tokens[k].kind == TokenKind::paragraph_break) return true;
        return false;
    };
    const auto joined = [&](Text adder, std::uint32_t a0, std::uint32_t a1, Text joiner,
                            std::uint32_t j0, std::uint32_t j1) {
        if (!adds_paragraphs(adder, a0, a1)) return false;
        // The paragraph the chunk opens (or closes) goes on past it, kept by
        // the joiner: a join, not a paragraph deleted whole.
        const std::size_t base_end = in.base().tokens.size();
        const bool before = a0 > 0 && breaks_at(adder, a0 - 1) && x.b0 > 0 &&
                            breaks_at(in.base(), x.b0 - 1) &&
                            (j0 == 0 || !breaks_at(joiner, j0 - 1)) && x.b1 < base_end &&
                            !breaks_at(in.base(), x.b1);
        const bool after = breaks_at(adder, a1) && breaks_at(in.base(), x.b1) &&
                           j1 < joiner.tokens.size() && !breaks_at(joiner, j1) &&
                           x.b0 > body_start(in.base().tokens) && !breaks_at(in.base(), x.b0 - 1);
        return before || after;
    };
    return joined(in.ours(), x.o0, x.o1, in.theirs(), x.t0, x.t1) ||
           joined(in.theirs(), x.t0, x.t1, in.ours(), x.o0, x.o1);
}

std::optional<std::string> settled_without_conflict(const MergeInputs& in, const Chunk& x,
                                                    const std::string& b, const std::string& o,
                                                    const std::string& t) {
    if (o == t || t == b) return o;
    if (o == b) return t;
    if (auto united = united_strikes(in, x)) return united;
    if (!paragraphs_added_at_a_join(in, x))
        if (auto merged = deletion_beside_additions(o, t, b)) return merged;
    if (auto larger = change_held_whole(in, x)) return larger;
    if (parts_balanced(in, x)) return change_within_change(o, t, b);
    return std::nullopt;
}

// Tokens [a, z) of a side hold nothing but status tags, white space and
// full stops; `tags` gets whether they hold a tag.
bool only_tags(Text side, std::uint32_t a, std::uint32_t z, bool& tags) {
    tags = false;
    for (std::uint32_t t = a; t < z; ++t) {
        const TokenKind k = side.tokens[t].kind;
        if (k == TokenKind::status_tag) {
            tags = true;
        } else if (!is_space_token(k) &&
                   !(k == TokenKind::punctuation && side.doc.text(side.tokens[t].range) == ".")) {
            return false;
        }
    }
    return true;
}

// Only a status tag (and white space, and the full stop after it) on both sides.
bool status_only(const MergeInputs& in, const Chunk& x) {
    bool ours_tag = false, theirs_tag = false;
    return only_tags(in.ours(), x.o0, x.o1, ours_tag) && ours_tag &&
           only_tags(in.theirs(), x.t0, x.t1, theirs_tag) && theirs_tag;
}

// A status of agreement: "agreed", or a kind of it ("agreed ad ref",
// agreed subject to confirmation): none covers wording it was not given on.
// (Between two statuses, only "agreed" needs both sides: resolve_status.)
bool agrees(std::string_view status) {
    return status == "agreed" || status.starts_with("agreed ");
}

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
    const bool group = is_option_group(side, a, z);
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

// How a side's part of a chunk meets the text around it: whether it
// continues the paragraph before it, and the one after it. A part that does
// neither is whole paragraphs.
struct Attachment {
    bool to_previous = false, to_next = false;
    bool whole_paragraphs() const { return !to_previous && !to_next; }
};

Attachment attachment_of(Text side, std::uint32_t from, std::uint32_t to) {
    const std::vector<Token>& tokens = side.tokens;
    const auto [first, last] = words_within(side, from, to);
    Attachment a;
    if (first == last) return a;
    // From the part's first word back, and from its last word on, over
    // white space: a word before a paragraph break (or the body's start or
    // end) is the text the part continues.
    for (std::uint32_t t = first; t > body_start(tokens);) {
        const TokenKind k = tokens[--t].kind;
        if (k == TokenKind::paragraph_break) break;
        if (!is_space_token(k)) {
            a.to_previous = true;
            break;
        }
    }
    for (std::uint32_t t = last; t < tokens.size(); ++t) {
        const TokenKind k = tokens[t].kind;
        if (k == TokenKind::paragraph_break) break;
        if (!is_space_token(k)) {
            a.to_next = true;
            break;
        }
    }
    return a;
}

// The base's bracket closes right before chunk `x` / opens right after it.
bool after_bracket(const MergeInputs& in, const Chunk& x) {
    return x.b0 > 0 && in.base().tokens[x.b0 - 1].kind == TokenKind::bracket_close;
}
bool before_bracket(const MergeInputs& in, const Chunk& x) {
    const std::vector<Token>& base = in.base().tokens;
    return x.b1 < base.size() && base[x.b1].kind == TokenKind::bracket_open;
}

// One more option for a bracket or group of the base's: " / may" inside a
// bracket, "[may]" flush against a bracket. Set apart by a space
// ("[cooperate] [closely]") a bracket is one of its own, not an option.
bool adds_options(const MergeInputs& in, const Chunk& x, Text side, std::uint32_t from,
                  std::uint32_t to) {
    const auto [a, z] = words_within(side, from, to);
    if (side.tokens[a].kind == TokenKind::separator) return true;
    const bool flush = (after_bracket(in, x) && a == from) || (before_bracket(in, x) && z == to);
    return flush && is_option_group(side, from, to);
}

// Brackets a side put at `x` set apart from the base's bracket before it
// (they start with white space): brackets of their own.
bool apart_after(const MergeInputs& in, const Chunk& x, Text side, std::uint32_t from,
                 std::uint32_t to) {
    return after_bracket(in, x) && from < to && is_space_token(side.tokens[from].kind) &&
           is_option_group(side, from, to);
}

// Plain wording a side put flush after the base's bracket, with no mark of
// the notation: the text that follows the bracket, grown at its start.
// Chinese and Japanese run on without a space ("[削減][抑制]温室効果ガス").
bool words_flush_after(const MergeInputs& in, const Chunk& x, Text side, std::uint32_t from,
                       std::uint32_t to) {
    if (!after_bracket(in, x) || from == to || is_space_token(side.tokens[from].kind)) return false;
    for (std::uint32_t k = from; k < to; ++k) {
        const TokenKind kind = side.tokens[k].kind;
        if (is_mark(kind) || kind == TokenKind::paragraph_break || kind == TokenKind::label)
            return false;
    }
    return true;
}

// What both sides inserted at one place (where the base has no words).
enum class BothInserted {
    no,                     // not an insertion by both sides
    options,                // options for one bracket or group: united
    options_then_words,     // one side's options for the bracket before, the other's words apart
    paragraphs,             // whole paragraphs on both sides: both kept, reported
    paragraphs_then_words,  // one side's paragraphs, then the other's words opening the next one
    words_then_paragraphs,  // one side's words closing a paragraph, then the other's paragraphs
    wording,                // different wording in a paragraph: alternatives
};

BothInserted both_inserted(const MergeInputs& in, const Chunk& x) {
    const Text o = in.ours(), t = in.theirs();
    if (has_words(in.base(), x.b0, x.b1) || !has_words(o, x.o0, x.o1) || !has_words(t, x.t0, x.t1))
        return BothInserted::no;
    // Whole new paragraphs first: a bracketed paragraph each side put after
    // the last one is a paragraph of its own, not an option of the bracket
    // that paragraph ends with.
    const Attachment ao = attachment_of(o, x.o0, x.o1), at = attachment_of(t, x.t0, x.t1);
    if (ao.whole_paragraphs() && at.whole_paragraphs()) return BothInserted::paragraphs;
    const bool ours_options = adds_options(in, x, o, x.o0, x.o1),
               theirs_options = adds_options(in, x, t, x.t0, x.t1);
    if (ours_options && theirs_options) return BothInserted::options;
    // "[cooperate][collaborate]" and "[cooperate] [closely]": an option for
    // the group, and a bracket of its own after it; both stand.
    if ((ours_options && apart_after(in, x, t, x.t0, x.t1)) ||
        (theirs_options && apart_after(in, x, o, x.o0, x.o1)))
        return BothInserted::options_then_words;
    // An option for the group, and words glued to what follows it.
    if ((ours_options && words_flush_after(in, x, t, x.t0, x.t1)) ||
        (theirs_options && words_flush_after(in, x, o, x.o0, x.o1)))
        return BothInserted::options_then_words;
    // One side's new paragraphs beside the other's words: words opening the
    // next paragraph come after paragraphs that end in their break, words
    // closing the previous one before paragraphs that start with it.
    for (const auto& [whole, words, side, from, to] :
         {std::tuple(ao, at, o, x.o0, x.o1), std::tuple(at, ao, t, x.t0, x.t1)}) {
        if (!whole.whole_paragraphs()) continue;
        if (!words.to_previous && words.to_next &&
            side.tokens[to - 1].kind == TokenKind::paragraph_break)
            return BothInserted::paragraphs_then_words;
        if (words.to_previous && !words.to_next &&
            side.tokens[from].kind == TokenKind::paragraph_break)
            return BothInserted::words_then_paragraphs;
    }
    return BothInserted::wording;
}

// The paragraphs of a side's part [from, to), each without the white space
// around it.
std::vector<std::string> paragraphs_of(Text side, std::uint32_t from, std::uint32_t to) {
    const auto [a, z] = words_within(side, from, to);
    std::vector<std::string> paragraphs;
    std::uint32_t start = a;
    for (std::uint32_t t = a; t <= z; ++t) {
        if (t < z && side.tokens[t].kind != TokenKind::paragraph_break) continue;
        if (std::string p = trimmed(text_of(side, start, t)); !p.empty())
            paragraphs.push_back(std::move(p));
        start = t + 1;
    }
    return paragraphs;
}

// Paragraphs both sides added at one place, each once: those both added
// where they stand in both (or, in another order, where ours has them), and
// between them ours then theirs.
struct ParagraphUnion {
    std::vector<std::string> paragraphs;
    std::vector<bool> both;  // per paragraph: both sides added it
    std::vector<std::string> only_ours, only_theirs;
};

ParagraphUnion union_of_paragraphs(const std::vector<std::string>& ours,
                                   const std::vector<std::string>& theirs) {
    std::unordered_map<std::string_view, std::uint32_t> ids;
    auto numbered = [&](const std::vector<std::string>& paragraphs) {
        std::vector<std::uint32_t> numbers;
        for (const std::string& p : paragraphs)
            numbers.push_back(
                ids.try_emplace(p, static_cast<std::uint32_t>(ids.size())).first->second);
        return numbers;
    };
    const std::vector<std::uint32_t> o = numbered(ours), t = numbered(theirs);
    // A paragraph both added, in another order among the rest, is both
    // sides' too: it stands once, where ours has it.
    const std::unordered_set<std::uint32_t> in_ours(o.begin(), o.end()),
        in_theirs(t.begin(), t.end());
    ParagraphUnion u;
    for (const Edit& e : diff_sequences(o, t)) {
        if (e.kind == EditKind::added) {
            if (in_ours.count(t[e.new_index]) != 0) continue;
            u.paragraphs.push_back(theirs[e.new_index]);
            u.only_theirs.push_back(theirs[e.new_index]);
            u.both.push_back(false);
            continue;
        }
        const bool both = e.kind == EditKind::common || in_theirs.count(o[e.old_index]) != 0;
        u.paragraphs.push_back(ours[e.old_index]);
        if (!both) u.only_ours.push_back(ours[e.old_index]);
        u.both.push_back(both);
    }
    return u;
}

}  // namespace

bool is_conflict(const MergeInputs& in, const Chunk& x) {
    return !settled_without_conflict(in, x, text_of(in.base(), x.b0, x.b1),
                                     text_of(in.ours(), x.o0, x.o1),
                                     text_of(in.theirs(), x.t0, x.t1));
}

bool settles_in_place(const MergeInputs& in, const Chunk& x) {
    if (status_only(in, x)) return true;
    const BothInserted inserted = both_inserted(in, x);
    return inserted != BothInserted::no && inserted != BothInserted::wording &&
           balance_of(in.ours(), x.o0, x.o1).balanced() &&
           balance_of(in.theirs(), x.t0, x.t1).balanced();
}

bool strike_meets_strike(const MergeInputs& in, const Chunk& x) {
    if (x.stable || x.empty()) return false;
    const std::string b = text_of(in.base(), x.b0, x.b1), o = text_of(in.ours(), x.o0, x.o1),
                      t = text_of(in.theirs(), x.t0, x.t1);
    if (o == t || (o != b && t != b)) return false;
    const bool ours_changed = o != b;
    const Text changing = ours_changed ? in.ours() : in.theirs();
    const Text other = ours_changed ? in.theirs() : in.ours();
    const std::uint32_t from = ours_changed ? x.o0 : x.t0, to = ours_changed ? x.o1 : x.t1;
    return wording_without_strikes(changing, from, to) ==
               wording_without_strikes(in.base(), x.b0, x.b1) &&
           inside_strike(other, ours_changed ? x.t0 : x.o0) && !inside_strike(in.base(), x.b0);
}

bool edit_meets_strike(const MergeInputs& in, const Chunk& x) {
    if (x.stable || x.empty() || !has_words(in.base(), x.b0, x.b1) ||
        inside_strike(in.base(), x.b0))
        return false;
    const std::string b = text_of(in.base(), x.b0, x.b1), o = text_of(in.ours(), x.o0, x.o1),
                      t = text_of(in.theirs(), x.t0, x.t1);
    if (o == t || (o != b && t != b)) return false;
    const bool theirs_edit = o == b;
    const Text editing = theirs_edit ? in.theirs() : in.ours();
    const Text striking = theirs_edit ? in.ours() : in.theirs();
    const std::uint32_t from = theirs_edit ? x.t0 : x.o0, to = theirs_edit ? x.t1 : x.o1;
    return has_words(editing, from, to) &&
           wording_without_strikes(editing, from, to) !=
               wording_without_strikes(in.base(), x.b0, x.b1) &&
           inside_strike(striking, theirs_edit ? x.o0 : x.t0) && !inside_strike(editing, from);
}

void ChunkResolver::resolve(const Chunk& x) {
    if (x.empty()) return;  // taken in by a neighbour
    const std::string b = text_of(in_.base(), x.b0, x.b1), o = text_of(in_.ours(), x.o0, x.o1),
                      t = text_of(in_.theirs(), x.t0, x.t1);
    if (o == t || t == b || o == b) {  // one side's text, as it wrote it
        if (o != t && put_outside_strike(x, o, t)) return;
        out_.continue_side();
        return out_.put(o == b ? t : o);
    }
    // A side that only wrapped its lines differently changed no wording:
    // the other side's change stands (its own layout with it); both only
    // wrapped them: ours.
    const std::string plain = without_layout(b);
    const bool ours_layout = plain == without_layout(o), theirs_layout = plain == without_layout(t);
    if (ours_layout || theirs_layout) {
        out_.continue_side();
        return out_.put(ours_layout && !theirs_layout ? t : o);
    }
    // Both made the same change, one laid out otherwise (its lines wrapped
    // elsewhere): one change, as ours lays it out, never two alternatives
    // of the same words.
    if (without_layout(o) == without_layout(t)) {
        out_.continue_side();
        return out_.put(o);
    }
    // A status tag against new words first: the text merges below would
    // keep both tags ("now (agreed) (revisit)").
    if (resolve_tag_beside_words(x)) return;
    if (resolve_agreement_beside_deletion(x, b, o, t)) return;
    if (const std::optional<std::string> merged = settled_without_conflict(in_, x, b, o, t))
        return out_.put(*merged);
    if (options_.strict) return put_conflict_markers(x, o, t);
    switch (both_inserted(in_, x)) {
        case BothInserted::options:
            return union_of_options(x);
        case BothInserted::options_then_words:
            return put_options_beside_words(x);
        case BothInserted::paragraphs:
            return put_both_paragraphs(x);
        case BothInserted::paragraphs_then_words:
        case BothInserted::words_then_paragraphs:
            return put_paragraphs_beside_words(x);
        case BothInserted::no:
        case BothInserted::wording:
            break;  // different wording at one place: alternatives, below
    }
    // A side whose part is emphasis marks alone against the other's
    // wording deleted the wording there: its marks are no option ("[*]").
    const bool ours_wording = has_wording(in_.ours(), x.o0, x.o1),
               theirs_wording = has_wording(in_.theirs(), x.t0, x.t1);
    const bool ours_words = has_words(in_.ours(), x.o0, x.o1) && (ours_wording || !theirs_wording),
               theirs_words =
                   has_words(in_.theirs(), x.t0, x.t1) && (theirs_wording || !ours_wording);
    if (status_only(in_, x)) return resolve_status(x);
    // Written as below all the same: the merge takes this place again as
    // whole paragraphs (resolve_paragraphs), where markers stand on lines
    // of their own.
    if (!sides_wrap_cleanly(x)) out_.unwrappable_here();
    if (!ours_words || !theirs_words) {
        // One side deleted what the other edited: the edit, bracketed.
        out_.disagree(DisagreementKind::edited_deleted, ours_words ? trimmed(o) : "(deleted)",
                      ours_words ? "(deleted)" : trimmed(t));
        if (ours_words) return put_bracketed(in_.ours(), x.o0, x.o1);
        return put_bracketed(in_.theirs(), x.t0, x.t1);
    }
    if (resolve_deletion_past_shared_ends(x, true)) return;
    if (put_alternatives_past_shared_words(x)) return;
    out_.disagree(DisagreementKind::alternatives, trimmed(o), trimmed(t));
    // Whole paragraphs: each side's run bracketed, ours first; a bracket
    // opening its paragraph may span the paragraphs it holds.
    if (spans_paragraphs(in_, x)) return put_paragraph_alternatives(o, t);
    put_alternatives(x);
}

// One side added words (and may have removed some) inside a strike the
// other side added: the strike proposed deleting the base's words, not
// words it never saw. They stand unstruck where they were put, the strike
// closed before them and opened again after, and the disagreement is
// reported (taken whole, the other side's words would stand struck, a
// deletion their proposer never made, and nobody told).
bool ChunkResolver::put_outside_strike(const Chunk& x, const std::string& o, const std::string& t) {
    const bool theirs_edit = o == text_of(in_.base(), x.b0, x.b1);
    const Text striking = theirs_edit ? in_.ours() : in_.theirs();
    const Text editing = theirs_edit ? in_.theirs() : in_.ours();
    const std::uint32_t striking_at = theirs_edit ? x.o0 : x.t0;
    const std::uint32_t from = theirs_edit ? x.t0 : x.o0, to = theirs_edit ? x.t1 : x.o1;
    if (!has_words(editing, from, to) || !inside_strike(striking, striking_at) ||
        inside_strike(in_.base(), x.b0) || inside_strike(editing, from))
        return false;
    const std::string& words = theirs_edit ? t : o;
    out_.disagree(DisagreementKind::edited_struck, theirs_edit ? "(struck)" : trimmed(words),
                  theirs_edit ? trimmed(words) : "(struck)");
    out_.close_before_space("~~");
    out_.put_verbatim(words);
    out_.reopen_before_next_word("~~");
    return true;
}

void ChunkResolver::resolve_paragraphs(const Chunk& x) {
    if (x.empty()) return;
    const std::string b = text_of(in_.base(), x.b0, x.b1), o = text_of(in_.ours(), x.o0, x.o1),
                      t = text_of(in_.theirs(), x.t0, x.t1);
    if (o == t || t == b) return out_.put(o);
    if (o == b) return out_.put(t);
    // One side deleted what the other changed (a side of white space alone
    // deleted it too): the changed wording stands, as it was written (these
    // paragraphs do not take brackets whole: a heading, a list).
    if (trimmed(o).empty() || trimmed(t).empty()) {
        const bool ours_deleted = trimmed(o).empty();
        out_.disagree(DisagreementKind::edited_deleted, ours_deleted ? "(deleted)" : trimmed(o),
                      ours_deleted ? trimmed(t) : "(deleted)");
        return out_.put(ours_deleted ? t : o);
    }
    if (resolve_deletion_past_shared_ends(x, false)) return;
    // A side's stray bracket would pair with an option's own: as each side
    // wrote it, for a person to settle.
    if (!sides_wrap_cleanly(x)) return put_conflict_markers(x, o, t);
    out_.disagree(DisagreementKind::alternatives, trimmed(o), trimmed(t));
    put_paragraph_alternatives(o, t);
}

namespace {

// Tokens [from, to) of `side` pair their brackets and strikes among
// themselves, and hold none of the marks the parser found pairing with
// nothing (`unpaired`, sorted offsets).
bool wraps_cleanly(Text side, std::uint32_t from, std::uint32_t to,
                   const std::vector<std::size_t>& unpaired) {
    if (from >= to) return true;
    const auto first =
        std::lower_bound(unpaired.begin(), unpaired.end(), side.tokens[from].range.begin);
    if (first != unpaired.end() && *first < side.tokens[to - 1].range.end) return false;
    return balance_of(side, from, to).balanced();
}

}  // namespace

bool ChunkResolver::sides_wrap_cleanly(const Chunk& x) const {
    return wraps_cleanly(in_.ours(), x.o0, x.o1, in_.unpaired_in_ours()) &&
           wraps_cleanly(in_.theirs(), x.t0, x.t1, in_.unpaired_in_theirs());
}

void ChunkResolver::put_conflict_markers(const Chunk& x, const std::string& o,
                                         const std::string& t) {
    out_.disagree(DisagreementKind::conflict, trimmed(o), trimmed(t));
    const std::string indentation = out_.take_line_indentation();
    out_.put_verbatim("<<<<<<< " + options_.ours_label + "\n" + indentation + o +
                      ensure_newline(o) + "=======\n" + indentation + t + ensure_newline(t) +
                      ">>>>>>> " + options_.theirs_label + "\n");
    if (x.o1 < in_.ours().tokens.size() && !o.empty() && o.back() != '\n') out_.put_verbatim("\n");
    out_.conflict_markers_written();
}

// Options both added to one bracket or group: one side's when it holds the
// other's, else both, ours first, in one bracket or group.
void ChunkResolver::union_of_options(const Chunk& x) {
    const std::string o = text_of(in_.ours(), x.o0, x.o1), t = text_of(in_.theirs(), x.t0, x.t1);
    if (o.find(trimmed(t)) != std::string::npos) return out_.put(o);  // theirs adds nothing more
    const TokenKind first = in_.ours().tokens[words_within(in_.ours(), x.o0, x.o1).begin].kind;
    if (first == TokenKind::separator) return out_.put(o + t);  // "[a / b" + " / c" + " / d" + "]"
    // "[b]" + "[c]" -> "[b][c]": one group, ours first, the white space around kept once.
    out_.put_spaced_as(o, trimmed(o) + trimmed(t));
}

// Whole paragraphs both added at one place: each paragraph once, those
// both added where they stand in both and the others ours first (no one's
// wording is lost). Reported when each side added one the other did not:
// a side that added what the other did and more is taken as it stands.
void ChunkResolver::put_both_paragraphs(const Chunk& x) {
    const ParagraphUnion u = union_of_paragraphs(paragraphs_of(in_.ours(), x.o0, x.o1),
                                                 paragraphs_of(in_.theirs(), x.t0, x.t1));
    const std::string o = text_of(in_.ours(), x.o0, x.o1);
    // No base text at all (git's add/add, or a text moved where the other
    // side added another): each side's text is a position of its own, not
    // paragraphs of one text both agreed. Written one after the other they
    // would read as agreed; they stand as alternatives, ours first.
    if (no_base_text_ && !u.only_ours.empty() && !u.only_theirs.empty()) {
        out_.disagree(DisagreementKind::both_added, join(u.only_ours, "\n\n"),
                      join(u.only_theirs, "\n\n"));
        return put_paragraph_alternatives(o, text_of(in_.theirs(), x.t0, x.t1));
    }
    // In ours' white space around; the report names the line of the first
    // paragraph not both added.
    out_.put(o.substr(0, o.find_first_not_of(" \t\r\n")));
    bool report = !u.only_ours.empty() && !u.only_theirs.empty();
    for (std::size_t k = 0; k < u.paragraphs.size(); ++k) {
        if (k > 0) out_.put("\n\n");
        if (report && !u.both[k]) {
            out_.disagree(DisagreementKind::both_added, join(u.only_ours, "\n\n"),
                          join(u.only_theirs, "\n\n"));
            report = false;
        }
        out_.put(u.paragraphs[k]);
    }
    out_.put(o.substr(o.find_last_not_of(" \t\r\n") + 1));
}

void ChunkResolver::put_options_beside_words(const Chunk& x) {
    const std::string o = text_of(in_.ours(), x.o0, x.o1), t = text_of(in_.theirs(), x.t0, x.t1);
    const bool ours_options = adds_options(in_, x, in_.ours(), x.o0, x.o1);
    const std::string &options = ours_options ? o : t, &words = ours_options ? t : o;
    out_.put(options + words);
}

// One side's new paragraphs beside the other's words at the edge of the
// next paragraph (or the previous one): both, in the order of the text.
void ChunkResolver::put_paragraphs_beside_words(const Chunk& x) {
    const std::string o = text_of(in_.ours(), x.o0, x.o1), t = text_of(in_.theirs(), x.t0, x.t1);
    const bool ours_whole = attachment_of(in_.ours(), x.o0, x.o1).whole_paragraphs();
    const std::string &paragraphs = ours_whole ? o : t, &words = ours_whole ? t : o;
    out_.put(both_inserted(in_, x) == BothInserted::paragraphs_then_words ? paragraphs + words
                                                                          : words + paragraphs);
}

// Both changed a status: agreement needs both, so a side's "agreed" gives
// way to the other's status; otherwise ours stands. Reported either way.
// The status is the parsed one: a configured "(not agreed)" is not agreement.
// `text` with its layout taken out: each run of white space within a
// paragraph as one space, a paragraph break (a blank line) as "\n\n".
std::string without_layout(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            out += c;
            ++i;
            continue;
        }
        std::size_t newlines = 0;
        for (; i < text.size() &&
               (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n');
             ++i)
            newlines += text[i] == '\n';
        out += newlines >= 2 ? "\n\n" : " ";
    }
    return out;
}

AgreedBy agreed_alone(const MergeInputs& in, const Chunk& x) {
    if (x.stable) return AgreedBy::none;
    const bool base_agreed = agrees(status_in(in.base(), x.b0, x.b1));
    const bool ours = agrees(status_in(in.ours(), x.o0, x.o1));
    const bool theirs = agrees(status_in(in.theirs(), x.t0, x.t1));
    if (base_agreed || ours == theirs) return AgreedBy::none;
    // The agreeing side puts nothing but the tag there: a chunk that also
    // adds words (a new paragraph marked agreed) is no mere agreement. It
    // may remove words: the chair deletes the bracketed text left and marks
    // the rest agreed, which the other side's new wording elsewhere in the
    // paragraph then does not have.
    bool tags = false;
    if (!only_tags(ours ? in.ours() : in.theirs(), ours ? x.o0 : x.t0, ours ? x.o1 : x.t1, tags))
        return AgreedBy::none;
    const std::string b = text_of(in.base(), x.b0, x.b1);
    if (ours && text_of(in.theirs(), x.t0, x.t1) == b) return AgreedBy::ours;
    if (theirs && text_of(in.ours(), x.o0, x.o1) == b) return AgreedBy::theirs;
    return AgreedBy::none;
}

// Where one side only put a status tag and the other added words (both at
// the end of a paragraph), the tag is no option against the words: the
// words stand, and a tag of agreement, which would now cover them, gives
// way (a status disagreement); any other tag follows the words.
namespace {

bool base_wording_with_tags(Text side, std::uint32_t a, std::uint32_t z, Text base,
                            std::uint32_t b0, std::uint32_t b1);

// Which side's part of `x` is the base's wording with a status tag added
// at the paragraph's end (true: ours), while the other side changed the
// wording or its marks without a tag, within the paragraph, and kept some
// of it (a paragraph deleted whole is edited-deleted): a chunk grown
// over the paragraph to balance the other side's marks ("[The Parties ...
// finance.]" against "The Parties ... finance. (agreed)"), where the tag
// alone is not a part of its own. nullopt otherwise.
std::optional<bool> tag_added_to_base_wording(const MergeInputs& in, const Chunk& x) {
    const auto ends_paragraph = [](Text side, std::uint32_t to) {
        return to >= side.tokens.size() || side.tokens[to].kind == TokenKind::paragraph_break ||
               side.tokens[to].kind == TokenKind::line_break;
    };
    const auto last_is_tag = [](Text side, std::uint32_t from, std::uint32_t to) {
        const Words words = words_within(side, from, to);
        return !words.empty() && side.tokens[words.end - 1].kind == TokenKind::status_tag;
    };
    const auto holds = [](Text side, std::uint32_t from, std::uint32_t to, TokenKind kind) {
        for (std::uint32_t k = from; k < to; ++k)
            if (side.tokens[k].kind == kind) return true;
        return false;
    };
    if (holds(in.base(), x.b0, x.b1, TokenKind::status_tag)) return std::nullopt;
    for (const bool ours : {true, false}) {
        const Text tagged = ours ? in.ours() : in.theirs(), other = ours ? in.theirs() : in.ours();
        const std::uint32_t a0 = ours ? x.o0 : x.t0, a1 = ours ? x.o1 : x.t1;
        const std::uint32_t w0 = ours ? x.t0 : x.o0, w1 = ours ? x.t1 : x.o1;
        if (last_is_tag(tagged, a0, a1) && ends_paragraph(tagged, a1) &&
            ends_paragraph(other, w1) &&
            base_wording_with_tags(tagged, a0, a1, in.base(), x.b0, x.b1) &&
            !holds(other, w0, w1, TokenKind::status_tag) &&
            !holds(other, w0, w1, TokenKind::paragraph_break) && has_words(other, w0, w1) &&
            text_of(other, w0, w1) != text_of(in.base(), x.b0, x.b1))
            return ours;
    }
    return std::nullopt;
}

}  // namespace

bool ChunkResolver::resolve_tag_beside_words(const Chunk& whole) {
    if (const std::optional<bool> ours_tagged = tag_added_to_base_wording(in_, whole)) {
        const Text tag_side = *ours_tagged ? in_.ours() : in_.theirs();
        const Text words_side = *ours_tagged ? in_.theirs() : in_.ours();
        const std::uint32_t tag_from = *ours_tagged ? whole.o0 : whole.t0,
                            tag_to = *ours_tagged ? whole.o1 : whole.t1;
        const std::uint32_t from = *ours_tagged ? whole.t0 : whole.o0,
                            to = *ours_tagged ? whole.t1 : whole.o1;
        const Words tag = words_within(tag_side, tag_from, tag_to);
        if (agrees(status_in(tag_side, tag_from, tag_to))) {
            out_.disagree(DisagreementKind::status,
                          trimmed(text_of(in_.ours(), whole.o0, whole.o1)),
                          trimmed(text_of(in_.theirs(), whole.t0, whole.t1)));
            out_.put(text_of(words_side, from, to));
            return true;
        }
        // The other side's wording, one space, the tag, then what followed.
        const Words words = words_within(words_side, from, to);
        out_.put(text_of(words_side, from, words.end) + " " +
                 text_of(tag_side, tag.end - 1, tag.end) + text_of(words_side, words.end, to));
        return true;
    }
    // Past the words all three share at the start (a chunk grown to its paragraph).
    const Chunk x = past_shared_ends(in_, whole, false);
    const std::string lead = text_of(in_.ours(), whole.o0, x.o0);
    bool base_tag = false, ours_tag = false, theirs_tag = false;
    if (!only_tags(in_.base(), x.b0, x.b1, base_tag)) return false;
    const bool ours_only_tag = only_tags(in_.ours(), x.o0, x.o1, ours_tag) && ours_tag;
    const bool theirs_only_tag = only_tags(in_.theirs(), x.t0, x.t1, theirs_tag) && theirs_tag;
    if (ours_only_tag == theirs_only_tag) return false;
    const Text tag_side = ours_only_tag ? in_.ours() : in_.theirs();
    const Text words_side = ours_only_tag ? in_.theirs() : in_.ours();
    const std::uint32_t tag_from = ours_only_tag ? x.o0 : x.t0,
                        tag_to = ours_only_tag ? x.o1 : x.t1;
    const std::uint32_t words_from = ours_only_tag ? x.t0 : x.o0,
                        words_to = ours_only_tag ? x.t1 : x.o1;
    bool words_tag = false;
    if (only_tags(words_side, words_from, words_to, words_tag)) return false;
    // Words of this paragraph only; they may end in the base's own tag,
    // unchanged ("now (agreed)" against "(revisit)"): their words, then
    // the tag in question.
    const std::string base_tag_text(trimmed(text_of(in_.base(), x.b0, x.b1)));
    std::uint32_t kept_tag = kNone;
    for (std::uint32_t k = words_from; k < words_to; ++k) {
        const TokenKind kind = words_side.tokens[k].kind;
        if (kind == TokenKind::paragraph_break) return false;
        if (kind != TokenKind::status_tag) continue;
        if (kept_tag != kNone || words_side.doc.text(words_side.tokens[k].range) != base_tag_text)
            return false;
        kept_tag = k;
    }
    const std::string o = text_of(in_.ours(), whole.o0, whole.o1),
                      t = text_of(in_.theirs(), whole.t0, whole.t1);
    if (agrees(status_in(tag_side, tag_from, tag_to))) {
        out_.disagree(DisagreementKind::status, trimmed(o), trimmed(t));
        out_.put(lead + text_of(words_side, words_from, words_to));
        return true;
    }
    // The words (without the tag they kept), one space, the tag, then what
    // followed the words ("now (revisit)", never "now(revisit)").
    const std::uint32_t words_end =
        kept_tag != kNone ? kept_tag : words_within(words_side, words_from, words_to).end;
    std::string words = text_of(words_side, words_from, words_end);
    while (!words.empty() && std::isspace(static_cast<unsigned char>(words.back())))
        words.pop_back();
    const std::string after =
        text_of(words_side, kept_tag != kNone ? kept_tag + 1 : words_end, words_to);
    out_.put(lead + words + " " + std::string(trimmed(text_of(tag_side, tag_from, tag_to))) +
             after);
    return true;
}

namespace {

// Tokens [a, z) of `side` are those of [b0, b1) of `base` with status tags
// (and white space) added: its wording is the base's, token by token.
bool base_wording_with_tags(Text side, std::uint32_t a, std::uint32_t z, Text base,
                            std::uint32_t b0, std::uint32_t b1) {
    const auto skip = [](Text text, std::uint32_t& k, std::uint32_t end) {
        while (k < end && (is_space_token(text.tokens[k].kind) ||
                           text.tokens[k].kind == TokenKind::status_tag))
            ++k;
    };
    for (;;) {
        skip(side, a, z);
        skip(base, b0, b1);
        if (a == z || b0 == b1) return a == z && b0 == b1;
        if (side.doc.text(side.tokens[a].range) != base.doc.text(base.tokens[b0].range))
            return false;
        ++a, ++b0;
    }
}

// Some word of the paragraph holding base tokens [b0, b1) lies outside
// them: deleting them leaves the paragraph standing.
bool paragraph_outlives(Text base, std::uint32_t b0, std::uint32_t b1) {
    const auto wording = [&](std::uint32_t k) {
        const TokenKind kind = base.tokens[k].kind;
        return kind != TokenKind::paragraph_break && !is_space_token(kind);
    };
    for (std::uint32_t k = b0; k-- > 0;) {
        if (base.tokens[k].kind == TokenKind::paragraph_break) break;
        if (wording(k)) return true;
    }
    for (std::uint32_t k = b1; k < base.tokens.size(); ++k) {
        if (base.tokens[k].kind == TokenKind::paragraph_break) break;
        if (wording(k)) return true;
    }
    return false;
}

}  // namespace

bool ChunkResolver::resolve_agreement_beside_deletion(const Chunk& x, const std::string& b,
                                                      const std::string& o, const std::string& t) {
    if (b.empty() || agrees(status_in(in_.base(), x.b0, x.b1))) return false;
    for (const bool ours_tagged : {true, false}) {
        const Text tag_side = ours_tagged ? in_.ours() : in_.theirs();
        const std::uint32_t from = ours_tagged ? x.o0 : x.t0, to = ours_tagged ? x.o1 : x.t1;
        const std::string& other = ours_tagged ? t : o;
        // Some of the paragraph's words stay on the other side: a paragraph
        // it deleted whole against one marked agreed is an edit against a
        // deletion (below), kept in brackets, not a deletion taken quietly.
        const bool other_keeps_words =
            ours_tagged ? has_words(in_.theirs(), x.t0, x.t1) : has_words(in_.ours(), x.o0, x.o1);
        if (!agrees(status_in(tag_side, from, to)) ||
            !base_wording_with_tags(tag_side, from, to, in_.base(), x.b0, x.b1) ||
            !(other_keeps_words || paragraph_outlives(in_.base(), x.b0, x.b1)) ||
            !cut_from(other, b))
            continue;
        out_.disagree(DisagreementKind::status, trimmed(o), trimmed(t));
        out_.put(other);
        return true;
    }
    return false;
}

bool ChunkResolver::resolve_deletion_past_shared_ends(const Chunk& x, bool bracket_the_edit) {
    const Text base = in_.base(), ours = in_.ours(), theirs = in_.theirs();
    const Chunk rest = past_shared_ends(in_, x, true);
    if (rest.b0 == x.b0 && rest.b1 == x.b1) return false;  // nothing shared: the caller's rules
    const bool ours_words = has_words(ours, rest.o0, rest.o1),
               theirs_words = has_words(theirs, rest.t0, rest.t1);
    if (ours_words == theirs_words || !has_words(base, rest.b0, rest.b1)) return false;
    const Text edit = ours_words ? ours : theirs;
    const std::uint32_t from = ours_words ? rest.o0 : rest.t0, to = ours_words ? rest.o1 : rest.t1;
    const std::string edited(trimmed(text_of(edit, from, to)));
    out_.disagree(DisagreementKind::edited_deleted, ours_words ? edited : "(deleted)",
                  ours_words ? "(deleted)" : edited);
    out_.put_range(ours, x.o0, rest.o0);
    if (bracket_the_edit) {
        put_bracketed(edit, from, to);
    } else {
        out_.put_range(edit, from, to);
    }
    out_.put_range(ours, rest.o1, x.o1);
    return true;
}

void ChunkResolver::withhold_agreement(const Chunk& x) {
    const std::string o = text_of(in_.ours(), x.o0, x.o1), t = text_of(in_.theirs(), x.t0, x.t1);
    out_.disagree(DisagreementKind::status, trimmed(o), trimmed(t));
    out_.put_range(in_.base(), x.b0, x.b1);
}

void ChunkResolver::resolve_status(const Chunk& x) {
    const std::string o = text_of(in_.ours(), x.o0, x.o1), t = text_of(in_.theirs(), x.t0, x.t1);
    out_.disagree(DisagreementKind::status, trimmed(o), trimmed(t));
    out_.put(status_in(in_.ours(), x.o0, x.o1) == "agreed" ? t : o);
}

// The words of [from, to) in brackets, unless they are a bracket group
// already. A heading keeps its marks outside the bracket:
// "## [Heading]", for "[## Heading]" is no heading. Over more paragraphs,
// each heading among them is bracketed so and the paragraphs between
// headings together (put_bracketed_around_headings).
void ChunkResolver::put_bracketed(Text side, std::uint32_t from, std::uint32_t to) {
    auto [a, z] = words_within(side, from, to);
    out_.put_range(side, from, a);
    const bool line_start = a == 0 || side.tokens[a - 1].kind == TokenKind::paragraph_break ||
                            side.tokens[a - 1].kind == TokenKind::line_break ||
                            side.tokens[a - 1].kind == TokenKind::front_matter;
    std::uint32_t marks = a;
    const auto is_hash = [&](std::uint32_t t) {
        return side.tokens[t].kind == TokenKind::punctuation &&
               side.doc.text(side.tokens[t].range) == "#";
    };
    bool one_paragraph = true;
    for (std::uint32_t t = a; t < z && one_paragraph; ++t)
        one_paragraph = side.tokens[t].kind != TokenKind::paragraph_break;
    if (!one_paragraph && put_bracketed_around_headings(side, a, z)) {
        out_.put_range(side, z, to);
        return;
    }
    while (line_start && one_paragraph && marks < z && marks - a < 6 && is_hash(marks)) ++marks;
    if (marks > a && marks + 1 < z && side.tokens[marks].kind == TokenKind::space) {
        out_.put_range(side, a, marks + 1);
        a = marks + 1;
    }
    const bool already = is_option_group(side, a, z);
    if (!already) out_.put_verbatim("[");
    out_.put_range(side, a, z);
    if (!already) out_.put_verbatim("]");
    out_.put_range(side, z, to);
}

// Paragraphs [from, to) of `side` bracketed where they hold a heading: a
// bracket cannot run across one, so each heading keeps its marks outside
// its own bracket ("## [Article 8]") and the paragraphs between headings
// are bracketed together. False, writing nothing, where none is a heading.
bool ChunkResolver::put_bracketed_around_headings(Text side, std::uint32_t from, std::uint32_t to) {
    const std::vector<Paragraph>& paragraphs = side.doc.paragraphs;
    // Whether the paragraph holding token `t` is a heading.
    const auto heading_at = [&](std::uint32_t t) {
        const std::size_t at = side.tokens[t].range.begin;
        const auto p = std::partition_point(paragraphs.begin(), paragraphs.end(),
                                            [&](const Paragraph& x) { return x.range.end <= at; });
        return p != paragraphs.end() && p->range.begin <= at && p->heading;
    };
    // The paragraphs' first tokens, and `to` after the last.
    std::vector<std::uint32_t> starts = {from};
    for (std::uint32_t t = from; t < to; ++t) {
        if (side.tokens[t].kind != TokenKind::paragraph_break) continue;
        std::uint32_t next = t + 1;
        while (next < to && is_space_token(side.tokens[next].kind)) ++next;
        if (next < to) starts.push_back(next);
    }
    starts.push_back(to);
    bool any_heading = false;
    for (std::size_t k = 0; k + 1 < starts.size() && !any_heading; ++k)
        any_heading = heading_at(starts[k]);
    if (!any_heading) return false;
    std::uint32_t run = from;  // the first paragraph not yet written
    for (std::size_t k = 0; k + 1 < starts.size(); ++k) {
        if (!heading_at(starts[k])) continue;
        if (run < starts[k]) put_bracketed(side, run, starts[k]);
        put_bracketed(side, starts[k], starts[k + 1]);
        run = starts[k + 1];
    }
    if (run < to) put_bracketed(side, run, to);
    return true;
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
        // Each side's options once, ours first. Written flush against a
        // bracket of the text, they would join its group and make that
        // bracket one more option ("enhancement[, as appropriate,]"
        // replaced on both sides): a space keeps them apart.
        const bool bracket_before =
            x.o0 == oa && x.b0 > 0 && base.tokens[x.b0 - 1].kind == TokenKind::bracket_close;
        const bool bracket_after = x.o1 == oz && x.b1 < base.tokens.size() &&
                                   base.tokens[x.b1].kind == TokenKind::bracket_open;
        std::vector<std::string> options = options_of(o, oa, oz);
        for (std::string& option : options_of(t, ta, tz)) {
            if (std::find(options.begin(), options.end(), option) == options.end())
                options.push_back(std::move(option));
        }
        // (Not after white space already written: the chunk before may
        // have taken the bracket and the space after it.)
        const std::string& so_far = out_.text();
        if (bracket_before && !so_far.empty() && so_far.back() != ' ' && so_far.back() != '\n')
            out_.put_verbatim(" ");
        for (const std::string& option : options) out_.put(option);
        if (bracket_after) out_.put_space_before_next();
    }
    out_.put_range(o, oz, x.o1);
}

// Both inserted wording at one place, opening (or closing) with the same
// words (", in particular civil society" and ", in particular
// governments"): the same words stand once, before (or after) the
// alternatives of the wording that differs (", in particular [civil
// society][governments]"), for the same words both sides inserted stand
// once. Only whole words are shared, two or more, never a lone space or
// mark, nor part of a bracket; each alternative keeps a word or more. Not beside a mark of
// the base, where alternatives have rules of their own (put_alternatives).
bool ChunkResolver::put_alternatives_past_shared_words(const Chunk& x) {
    const Text o = in_.ours(), t = in_.theirs(), base = in_.base();
    if (x.b0 != x.b1 || spans_paragraphs(in_, x)) return false;
    if ((x.b0 > body_start(base.tokens) && is_mark(base.tokens[x.b0 - 1].kind)) ||
        (x.b1 < base.tokens.size() && is_mark(base.tokens[x.b1].kind)))
        return false;
    const auto [oa, oz] = words_within(o, x.o0, x.o1);
    const auto [ta, tz] = words_within(t, x.t0, x.t1);
    const auto same = [&](std::uint32_t ko, std::uint32_t kt) {
        return o.doc.text(o.tokens[ko].range) == t.doc.text(t.tokens[kt].range);
    };
    const auto count_words = [](Text side, std::uint32_t from, std::uint32_t to) {
        std::size_t n = 0;
        for (std::uint32_t k = from; k < to; ++k) n += is_word_or_number(side.tokens[k].kind);
        return n;
    };
    const auto words_in = [&](Text side, std::uint32_t from, std::uint32_t to) {
        return count_words(side, from, to) > 0;
    };
    // A cut at token `at` of a side between whole words: not inside a word
    // written of several tokens ("9bis").
    const auto between_words = [](Text side, std::uint32_t at) {
        return !is_word_or_number(side.tokens[at - 1].kind) ||
               !is_word_or_number(side.tokens[at].kind);
    };
    // The shared words [a, a + n) of ours and [c, c + n) of theirs may
    // stand once: a phrase (a lone "and" or "the" opening both is part of
    // each wording), balanced, cut between words on both sides.
    const auto shareable = [&](std::uint32_t a, std::uint32_t c, std::uint32_t n) {
        return count_words(o, a, a + n) >= 2 && balance_of(o, a, a + n).balanced() &&
               between_words(o, a) && between_words(o, a + n) && between_words(t, c) &&
               between_words(t, c + n);
    };
    std::uint32_t head = 0, tail = 0;
    while (oa + head < oz && ta + head < tz && same(oa + head, ta + head)) ++head;
    while (head > 0 && !shareable(oa, ta, head)) --head;
    while (tail < oz - oa - head && tail < tz - ta - head && same(oz - 1 - tail, tz - 1 - tail))
        ++tail;
    while (tail > 0 && !shareable(oz - tail, tz - tail, tail)) --tail;
    if (head == 0 && tail == 0) return false;
    Chunk y = x;
    y.o0 = oa + head, y.o1 = oz - tail, y.t0 = ta + head, y.t1 = tz - tail;
    if (!words_in(o, y.o0, y.o1) || !words_in(t, y.t0, y.t1) ||
        !balance_of(o, y.o0, y.o1).balanced() || !balance_of(t, y.t0, y.t1).balanced())
        return false;
    out_.disagree(DisagreementKind::alternatives, trimmed(text_of(o, y.o0, y.o1)),
                  trimmed(text_of(t, y.t0, y.t1)));
    out_.put_range(o, x.o0, y.o0);
    put_alternatives(y);
    out_.put_range(o, y.o1, x.o1);
    return true;
}

// Whole paragraphs of each side as alternatives: "[ours]\n\n[theirs]", in
// the white space around ours; headings among them stay out of the
// brackets (paragraph_alternatives).
void ChunkResolver::put_paragraph_alternatives(const std::string& o, const std::string& t) {
    out_.put_spaced_as(o, paragraph_alternatives(trimmed(o), trimmed(t), options_.parse));
}

}  // namespace accord::token_merge
