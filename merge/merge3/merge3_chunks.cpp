#include "merge/merge3/merge3_chunks.hpp"

#include <algorithm>
#include <tuple>

#include "merge/diff/token_view.hpp"

namespace accord::token_merge {

namespace {

// The chunks as diff3 cuts them: stable where both sides kept the base's
// tokens, unstable between.
std::vector<Chunk> split_diff3(const MergeInputs& in);

// Which side changed an unstable chunk's base tokens: one of them alone,
// or neither or both (`none`).
enum class ChangedBy { none, ours, theirs };

ChangedBy changed_by(const MergeInputs& in, const Chunk& x) {
    const std::string base = text_of(in.base(), x.b0, x.b1);
    const bool ours = text_of(in.ours(), x.o0, x.o1) != base,
               theirs = text_of(in.theirs(), x.t0, x.t1) != base;
    if (ours == theirs) return ChangedBy::none;
    return ours ? ChangedBy::ours : ChangedBy::theirs;
}

bool is_blank(TokenKind kind) {
    return kind == TokenKind::space || kind == TokenKind::line_break;
}

// A side's tokens [from, to) are words, numbers and the blanks between
// them, and neither end runs into a word or number kept beside it: text
// glued onto a kept word ("9" made "9bis") is no word of its own.
bool plain_words(Text side, std::uint32_t from, std::uint32_t to) {
    for (std::uint32_t t = from; t < to; ++t) {
        const TokenKind kind = side.tokens[t].kind;
        if (!is_word_or_number(kind) && !is_blank(kind)) return false;
    }
    if (from == to) return true;
    const auto glued = [&](std::uint32_t outside, std::uint32_t inside) {
        return is_word_or_number(side.tokens[outside].kind) &&
               is_word_or_number(side.tokens[inside].kind);
    };
    return !(from > body_start(side.tokens) && glued(from - 1, from)) &&
           !(to < side.tokens.size() && glued(to, to - 1));
}

bool has_word_or_number(Text side, std::uint32_t from, std::uint32_t to) {
    for (std::uint32_t t = from; t < to; ++t) {
        if (is_word_or_number(side.tokens[t].kind)) return true;
    }
    return false;
}

// The chunk is a plain edit of wording by the side that changed it: words
// or numbers replaced, inserted or deleted, no bracket, option or strike.
bool plain_edit(const MergeInputs& in, const Chunk& x, ChangedBy by) {
    const Text side = by == ChangedBy::ours ? in.ours() : in.theirs();
    const std::uint32_t from = by == ChangedBy::ours ? x.o0 : x.t0,
                        to = by == ChangedBy::ours ? x.o1 : x.t1;
    return plain_words(in.base(), x.b0, x.b1) && plain_words(side, from, to) &&
           (has_word_or_number(in.base(), x.b0, x.b1) || has_word_or_number(side, from, to));
}

// What lies between two changes (the stable chunk `s`, the same on all
// sides) keeps them one phrase: blanks alone ("shall provide"), or the
// rest of one symbol written without blanks ("/CP." of "1/CP.21"), with
// no mark of the notation and no paragraph break.
bool joins_one_phrase(const MergeInputs& in, const Chunk& s) {
    if (s.b0 == s.b1) return false;
    bool all_blank = true, any_blank = false;
    for (std::uint32_t b = s.b0; b < s.b1; ++b) {
        const TokenKind kind = in.base().tokens[b].kind;
        if (!is_blank(kind) && !is_word_or_number(kind) && kind != TokenKind::punctuation)
            return false;
        all_blank = all_blank && is_blank(kind);
        any_blank = any_blank || is_blank(kind);
    }
    return all_blank || !any_blank;
}

// The words and numbers of a side's tokens [from, to), in order.
std::vector<std::string_view> words_in(Text side, std::uint32_t from, std::uint32_t to) {
    std::vector<std::string_view> words;
    for (std::uint32_t t = from; t < to; ++t)
        if (is_word_or_number(side.tokens[t].kind))
            words.push_back(side.doc.text(side.tokens[t].range));
    return words;
}

// Two insertions, one by each side, at the two ends of blanks the base
// has between them (the stable chunk `s`), of the same words (one side's
// all of them, the other's next to the blanks): one insertion the diff
// read at two places, as each side's own tokens
// matched the base's blank. "provide new resources" inserts "new " after
// the space of "provide resources"; "[provide] new resources" inserts
// "] new" before it (its "]" must follow "provide"). Settled apart, both
// would stand: "[provide] new new resources".
bool one_insertion_across_blanks(const MergeInputs& in, const Chunk& first, ChangedBy first_by,
                                 const Chunk& s, const Chunk& second, ChangedBy second_by) {
    if (first_by == ChangedBy::none || second_by == ChangedBy::none || first_by == second_by ||
        first.b0 != first.b1 || second.b0 != second.b1 || s.b0 == s.b1)
        return false;
    for (std::uint32_t b = s.b0; b < s.b1; ++b)
        if (!is_blank(in.base().tokens[b].kind)) return false;
    const auto words = [&](const Chunk& x, ChangedBy by) {
        return by == ChangedBy::ours ? words_in(in.ours(), x.o0, x.o1)
                                     : words_in(in.theirs(), x.t0, x.t1);
    };
    // The same words: all of one, at the end of the first ("][mobilize] new")
    // or the start of the second, next to the blanks.
    const std::vector<std::string_view> before = words(first, first_by),
                                        after = words(second, second_by);
    if (before.empty() || after.empty()) return false;
    if (before.size() >= after.size())
        return std::equal(after.begin(), after.end(),
                          before.end() - static_cast<std::ptrdiff_t>(after.size()));
    return std::equal(before.begin(), before.end(), after.begin());
}

// For each base token that is a bracket mark, the token of the mark it
// pairs with within its paragraph, else kNone: one pass with a stack, made
// once per merge (a text of thousands of brackets is not scanned again for
// each change beside one).
std::vector<std::uint32_t> paired_marks(Text base) {
    std::vector<std::uint32_t> partner(base.tokens.size(), kNone), open;
    for (std::uint32_t t = 0; t < base.tokens.size(); ++t) {
        const TokenKind kind = base.tokens[t].kind;
        if (kind == TokenKind::paragraph_break) {
            open.clear();
        } else if (kind == TokenKind::bracket_open) {
            open.push_back(t);
        } else if (kind == TokenKind::bracket_close && !open.empty()) {
            partner[t] = open.back();
            partner[open.back()] = t;
            open.pop_back();
        }
    }
    return partner;
}

// Whether one side lifted the base bracket whose mark is `mark` (both marks
// gone, wording inside kept) while the other kept both marks.
bool lifted_by_one(const MergeInputs& in, const std::vector<std::uint32_t>& partners,
                   std::uint32_t mark, ChangedBy lifter) {
    const std::uint32_t other = partners[mark];
    if (other == kNone) return false;
    const std::uint32_t open = std::min(mark, other), close = std::max(mark, other);
    const std::vector<std::uint32_t>& lifting =
        lifter == ChangedBy::ours ? in.base_to_ours() : in.base_to_theirs();
    const std::vector<std::uint32_t>& keeping =
        lifter == ChangedBy::ours ? in.base_to_theirs() : in.base_to_ours();
    if (lifting[open] != kNone || lifting[close] != kNone) return false;
    if (keeping[open] == kNone || keeping[close] == kNone) return false;
    for (std::uint32_t t = open + 1; t < close; ++t)
        if (lifting[t] != kNone) return true;
    return false;
}

// A bracket mark one side lifted, at the edge of a change that side made
// next to it ("Parties shall act. Parties [may] report." made "Parties may
// report.": "shall act. Parties " deleted, "[may]" lifted), as a piece of
// its own: the deletion alone meets the other side's edit, and the lift
// stays a lift, instead of both growing over the bracket into one
// alternative that holds its wording twice. So too where the side that
// kept the mark inserted wording beside it, white space between
// ("[starting in 2020] [in accordance ...]" against the bracket lifted):
// the insertion is no edit inside the bracket, the mark it ends with (as
// the diff may have read it, the bracket's own mark kept and "starting in
// 2020] [" inserted after it) being the one lifted. (Wording glued onto
// the mark stays with it: lifted, it would run into the bracket's words.)
void push_lifted_marks_apart(const MergeInputs& in, const std::vector<std::uint32_t>& partners,
                             const Chunk& x, std::vector<Chunk>& out) {
    Chunk rest = x;
    std::optional<Chunk> front, back;
    const auto kind = [&](std::uint32_t b) { return in.base().tokens[b].kind; };
    for (const ChangedBy lifter : {ChangedBy::ours, ChangedBy::theirs}) {
        const bool ours = lifter == ChangedBy::ours;
        const std::vector<std::uint32_t>& keeping = ours ? in.base_to_theirs() : in.base_to_ours();
        const Text keeper = ours ? in.theirs() : in.ours();
        // The mark `b` ends (starts) the chunk: the keeper's part ends
        // (starts) with its copy of it, something else beside it in the
        // chunk; or the keeper wrote wording beside it, set apart from it by
        // white space, that ends (starts) with a mark the same (its copy
        // then read before or after that wording).
        const auto mark_at_end = [&](std::uint32_t b) {
            const std::uint32_t k0 = ours ? rest.t0 : rest.o0, k1 = ours ? rest.t1 : rest.o1;
            if (keeping[b] == kNone || k0 == k1) return false;
            if (rest.b1 - rest.b0 >= 2 && keeping[b] == k1 - 1) return true;
            return k1 - k0 >= 2 && keeper.tokens[k1 - 1].kind == kind(b) &&
                   is_space_token(keeper.tokens[k1 - 2].kind);
        };
        const auto mark_at_start = [&](std::uint32_t b) {
            const std::uint32_t k0 = ours ? rest.t0 : rest.o0, k1 = ours ? rest.t1 : rest.o1;
            if (keeping[b] == kNone || k0 == k1) return false;
            if (rest.b1 - rest.b0 >= 2 && keeping[b] == k0) return true;
            return k1 - k0 >= 2 && keeper.tokens[k0].kind == kind(b) &&
                   is_space_token(keeper.tokens[k0 + 1].kind);
        };
        if (!back && rest.b0 < rest.b1 && kind(rest.b1 - 1) == TokenKind::bracket_open &&
            mark_at_end(rest.b1 - 1) && lifted_by_one(in, partners, rest.b1 - 1, lifter)) {
            back = Chunk{rest.b1 - 1, rest.b1, 0, 0, 0, 0, false};
            if (ours) {
                back->o0 = back->o1 = rest.o1, back->t0 = rest.t1 - 1, back->t1 = rest.t1;
                --rest.t1;
            } else {
                back->t0 = back->t1 = rest.t1, back->o0 = rest.o1 - 1, back->o1 = rest.o1;
                --rest.o1;
            }
            --rest.b1;
        }
        if (!front && rest.b0 < rest.b1 && kind(rest.b0) == TokenKind::bracket_close &&
            mark_at_start(rest.b0) && lifted_by_one(in, partners, rest.b0, lifter)) {
            front = Chunk{rest.b0, rest.b0 + 1, 0, 0, 0, 0, false};
            if (ours) {
                front->o0 = front->o1 = rest.o0, front->t0 = rest.t0, front->t1 = rest.t0 + 1;
                ++rest.t0;
            } else {
                front->t0 = front->t1 = rest.t0, front->o0 = rest.o0, front->o1 = rest.o0 + 1;
                ++rest.o0;
            }
            ++rest.b0;
        }
    }
    if (front) out.push_back(*front);
    out.push_back(rest);
    if (back) out.push_back(*back);
}

// A change where one side deleted everything and the other kept whole
// paragraphs of it unchanged at its start or end, cut at the paragraph
// break: those paragraphs are the deleter's alone to delete. Choosing
// Option 2 ("Option 1: A.\n\nOption 2: B." made "B.") deletes Option 1's
// paragraph and Option 2's label; against an edit of Option 1, the edit
// stands bracketed in its own paragraph, and the label goes, instead of
// the bracket taking in the chosen option's label.
void push_whole_paragraphs_apart(const MergeInputs& in, const Chunk& x, std::vector<Chunk>& out) {
    const bool ours_deleted = x.o0 == x.o1 && x.t0 < x.t1;
    const bool theirs_deleted = x.t0 == x.t1 && x.o0 < x.o1;
    if (x.stable || (!ours_deleted && !theirs_deleted) || x.b1 - x.b0 < 2) {
        out.push_back(x);
        return;
    }
    const std::vector<std::uint32_t>& kept = ours_deleted ? in.base_to_theirs() : in.base_to_ours();
    const std::uint32_t k0 = ours_deleted ? x.t0 : x.o0, k1 = ours_deleted ? x.t1 : x.o1;
    const auto is_break = [&](std::uint32_t b) {
        return in.base().tokens[b].kind == TokenKind::paragraph_break;
    };
    // The keeper's tokens [k0 + (from - x.b0) ...) for base [from, to) at the head.
    // Only between wording both kept: a deletion of everything to the
    // start or the end of the text (a whole text deleted against an edit)
    // stays one change, the edit bracketed with all that stood around it.
    const bool text_before = x.b0 > body_start(in.base().tokens);
    const bool text_after = x.b1 < in.base().tokens.size();
    std::uint32_t head = x.b0;  // base [x.b0, head) kept unchanged at the start
    for (std::uint32_t b = x.b0; text_before && b < x.b1 && kept[b] == k0 + (b - x.b0); ++b)
        if (is_break(b)) head = b + 1;
    std::uint32_t tail = x.b1;  // base [tail, x.b1) kept unchanged at the end
    for (std::uint32_t b = x.b1; text_after && b > head && kept[b - 1] == k1 - (x.b1 - (b - 1));
         --b)
        if (is_break(b - 1)) tail = b;  // the break stays with what stands before it
    if (head == x.b0 && tail == x.b1) {
        out.push_back(x);
        return;
    }
    // A piece of base [from, to), the deleter's part empty, the keeper's the
    // tokens given.
    const auto piece = [&](std::uint32_t from, std::uint32_t to, std::uint32_t keep_from,
                           std::uint32_t keep_to) {
        Chunk c{from, to, 0, 0, 0, 0, false};
        if (ours_deleted) {
            c.o0 = c.o1 = x.o0, c.t0 = keep_from, c.t1 = keep_to;
        } else {
            c.t0 = c.t1 = x.t0, c.o0 = keep_from, c.o1 = keep_to;
        }
        if (!c.empty()) out.push_back(c);
    };
    const std::uint32_t keep_head = k0 + (head - x.b0), keep_tail = k1 - (x.b1 - tail);
    piece(x.b0, head, k0, keep_head);
    piece(head, tail, keep_head, keep_tail);
    piece(tail, x.b1, keep_tail, k1);
}

// The point before token `at` of a side parts two sentences: at a
// paragraph's edge, or in white space after a full stop, question or
// exclamation mark that ends words ("They report annually. Stakeholders"),
// not a paragraph's number ("1. States") nor before a word in lower case
// ("e.g. the").
bool at_sentence_edge(Text side, std::uint32_t at) {
    const auto kind = [&](std::uint32_t t) { return side.tokens[t].kind; };
    const std::uint32_t start = body_start(side.tokens);
    const auto size = static_cast<std::uint32_t>(side.tokens.size());
    std::uint32_t a = at, z = at;
    while (a > start && is_blank(kind(a - 1))) --a;
    while (z < size && is_blank(kind(z))) ++z;
    if (a == start || kind(a - 1) == TokenKind::paragraph_break || z == size ||
        kind(z) == TokenKind::paragraph_break)
        return true;
    if (a == z || kind(a - 1) != TokenKind::punctuation) return false;
    const std::string_view mark = side.doc.text(side.tokens[a - 1].range);
    if (mark != "." && mark != "!" && mark != "?") return false;
    if (a < start + 2 || !is_word_or_number(kind(a - 2))) return false;
    if (kind(a - 2) == TokenKind::number &&
        (a - 2 == start || kind(a - 3) == TokenKind::paragraph_break))
        return false;
    const std::string_view next = side.doc.text(side.tokens[z].range);
    return !(kind(z) == TokenKind::word && next[0] >= 'a' && next[0] <= 'z');
}

// A chunk in which one side changed only whole sentences at its start (or
// its end) and the other only the sentences after (or before) them, cut
// where they part: "They report annually." deleted by one side and the
// next sentence edited by the other are two changes, each one side's,
// though no word parts them. The wording either side wrote stays in its
// own sentences, so that settled apart they make no sentence neither side
// wrote; the neighbouring words joined by split_chunks stay one change
// within a sentence.
void push_sentences_apart(const MergeInputs& in, const Chunk& x, std::vector<Chunk>& out) {
    // Both inserting at one place (no base text between) is a change both
    // made there, whatever sentences it holds; and sentences are parts of
    // one paragraph (across a break the rules of paragraphs hold).
    const auto breaks = [](Text side, std::uint32_t from, std::uint32_t to) {
        for (std::uint32_t t = from; t < to; ++t)
            if (side.tokens[t].kind == TokenKind::paragraph_break) return true;
        return false;
    };
    if (x.b0 == x.b1 || breaks(in.base(), x.b0, x.b1) || breaks(in.ours(), x.o0, x.o1) ||
        breaks(in.theirs(), x.t0, x.t1)) {
        out.push_back(x);
        return;
    }
    for (const bool ours_first : {true, false}) {
        // Side `first` changed [b0, p) alone, side `second` [p, b1) alone.
        const Text first = ours_first ? in.ours() : in.theirs(),
                   second = ours_first ? in.theirs() : in.ours();
        const std::vector<std::uint32_t>& to_first =
            ours_first ? in.base_to_ours() : in.base_to_theirs();
        const std::vector<std::uint32_t>& to_second =
            ours_first ? in.base_to_theirs() : in.base_to_ours();
        const std::uint32_t f0 = ours_first ? x.o0 : x.t0, f1 = ours_first ? x.o1 : x.t1,
                            s0 = ours_first ? x.t0 : x.o0, s1 = ours_first ? x.t1 : x.o1;
        // How much of the base's part the second side kept as it was at
        // its start, and the first at its end.
        std::uint32_t kept_head = 0, kept_tail = 0;
        while (x.b0 + kept_head < x.b1 && s0 + kept_head < s1 &&
               to_second[x.b0 + kept_head] == s0 + kept_head)
            ++kept_head;
        while (kept_tail < x.b1 - x.b0 && kept_tail < f1 - f0 &&
               to_first[x.b1 - 1 - kept_tail] == f1 - 1 - kept_tail)
            ++kept_tail;
        for (std::uint32_t p = std::max(x.b0, x.b1 - kept_tail);
             p <= std::min(x.b1, x.b0 + kept_head); ++p) {
            const std::uint32_t f = f1 - (x.b1 - p), s = s0 + (p - x.b0);
            if (text_of(first, f0, f) == text_of(in.base(), x.b0, p) ||
                text_of(second, s, s1) == text_of(in.base(), p, x.b1))
                continue;  // not each piece changed by one side
            if (!at_sentence_edge(in.base(), p) || !at_sentence_edge(first, f) ||
                !at_sentence_edge(second, s))
                continue;
            if (!balance_of(in.base(), x.b0, p).balanced() ||
                !balance_of(in.base(), p, x.b1).balanced() ||
                !balance_of(first, f0, f).balanced() || !balance_of(second, s, s1).balanced())
                continue;
            Chunk head{x.b0, p, 0, 0, 0, 0, false}, tail{p, x.b1, 0, 0, 0, 0, false};
            if (ours_first) {
                head.o0 = f0, head.o1 = f, head.t0 = s0, head.t1 = s;
                tail.o0 = f, tail.o1 = f1, tail.t0 = s, tail.t1 = s1;
            } else {
                head.t0 = f0, head.t1 = f, head.o0 = s0, head.o1 = s;
                tail.t0 = f, tail.t1 = f1, tail.o0 = s, tail.o1 = s1;
            }
            out.push_back(head);
            out.push_back(tail);
            return;
        }
    }
    out.push_back(x);
}

}  // namespace

// The chunks as diff3 cuts them, then two changes made one where each
// side changed a different one of two neighbouring pieces of wording:
// words or numbers parted by blanks alone ("shall provide": "should" on
// one side, "shall not" on the other), or two parts of one symbol
// ("1/CP.21": "1/CP.22" and "2/CP.21"). Settled apart, each side's change
// would stand and the text read wording neither side wrote ("should not
// provide", "2/CP.22"); as one change the rules offer both wordings whole,
// as git merge-file takes touching changes. Only plain edits of words and
// numbers are joined: brackets, options and strikes have rules of their
// own, words glued onto a kept word ("9bis") extend it, and changes with a
// word, number or punctuation mark between them stay apart. Last, a chunk
// whose two sides changed different sentences is cut between them
// (push_sentences_apart).
std::vector<Chunk> split_chunks(const MergeInputs& in) {
    std::vector<Chunk> chunks;
    ChangedBy last = ChangedBy::none;  // who changed the last unstable piece diff3 cut
    const std::vector<std::uint32_t> partners = paired_marks(in.base());
    std::vector<Chunk> cut, pieces;
    for (const Chunk& x : split_diff3(in)) {
        if (x.stable) {
            cut.push_back(x);
            continue;
        }
        pieces.clear();
        push_whole_paragraphs_apart(in, x, pieces);
        for (const Chunk& piece : pieces) push_lifted_marks_apart(in, partners, piece, cut);
    }
    ChangedBy last_by = ChangedBy::none;  // who changed the last unstable chunk kept
    for (const Chunk& x : cut) {
        if (x.stable) {
            chunks.push_back(x);
            continue;
        }
        const ChangedBy now = changed_by(in, x);
        const std::size_t n = chunks.size();
        const bool neighbours = n >= 2 && chunks[n - 1].stable && !chunks[n - 2].stable;
        const bool joined =
            neighbours &&
            ((now != ChangedBy::none && last != ChangedBy::none && now != last &&
              plain_edit(in, x, now) && joins_one_phrase(in, chunks[n - 1])) ||
             one_insertion_across_blanks(in, chunks[n - 2], last_by, chunks[n - 1], x, now));
        if (joined) {
            chunks.pop_back();
            Chunk& one = chunks.back();
            one.b1 = x.b1, one.o1 = x.o1, one.t1 = x.t1;
        } else {
            chunks.push_back(x);
        }
        last = now != ChangedBy::none && plain_edit(in, x, now) ? now : ChangedBy::none;
        last_by = joined ? ChangedBy::none : now;
    }
    std::vector<Chunk> apart;
    apart.reserve(chunks.size());
    for (const Chunk& x : chunks) {
        if (x.stable) {
            apart.push_back(x);
        } else {
            push_sentences_apart(in, x, apart);
        }
    }
    return apart;
}

namespace {

std::vector<Chunk> split_diff3(const MergeInputs& in) {
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
