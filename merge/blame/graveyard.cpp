#include "merge/blame/graveyard.hpp"

#include <algorithm>

namespace accord::blame_detail {

namespace {

constexpr std::size_t kGram = 3;             // wording tokens in a long run's anchor
constexpr std::size_t kMostCandidates = 48;  // deleted places looked at per anchor
// The longest stretch, in tokens, tried as a whole unit come back (a unit of
// fewer than run_words_ words is far shorter).
constexpr std::size_t kMostWholeTokens = 64;
// Carried tokens a restored stretch may start with before its first added one.
constexpr std::size_t kLead = 8;

// Tokens that end a run of wording: restored wording may come back struck
// or bracketed, but not across a paragraph, a label or a status tag.
bool breaks_run(TokenKind k) {
    return k == TokenKind::paragraph_break || k == TokenKind::label || k == TokenKind::status_tag ||
           k == TokenKind::front_matter;
}

// What is buried with the run beside it and comes back with it: the marks,
// and at a paragraph's edges its label ("Option 2:") and status tag.
bool goes_with_run(TokenKind k) {
    return is_mark(k) || k == TokenKind::label || k == TokenKind::status_tag;
}

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

// A run's first wording token: `token` or the earliest one before it that
// only white space and marks keep contiguous with it.
std::uint32_t run_start(const Attributed& a, std::uint32_t token) {
    for (std::uint32_t t = token; t-- > 0;) {
        const TokenKind k = a.tokens()[t].kind;
        if (is_wording(k)) {
            token = t;
        } else if (breaks_run(k)) {
            break;
        }
    }
    return token;
}

// The next wording token of the run `token` is in, or kNone where it ends.
std::uint32_t next_in_run(const Attributed& a, std::uint32_t token) {
    for (std::uint32_t t = token + 1; t < a.tokens().size(); ++t) {
        const TokenKind k = a.tokens()[t].kind;
        if (is_wording(k)) return t;
        if (breaks_run(k)) break;
    }
    return kNone;
}

// Whether only white space and marks stand between `token` and the nearest
// mark or paragraph edge on one side (step -1: before it, +1: after it):
// whether the wording ends there at a bracket, an option, a strike or the
// paragraph.
bool marks_on_side(const Attributed& a, std::uint32_t token, int step) {
    const auto& tokens = a.tokens();
    for (std::int64_t t = static_cast<std::int64_t>(token) + step;
         t >= 0 && t < static_cast<std::int64_t>(tokens.size()); t += step) {
        const TokenKind k = tokens[static_cast<std::size_t>(t)].kind;
        if (k == TokenKind::space || k == TokenKind::line_break) continue;
        return is_mark(k) || breaks_run(k);
    }
    return true;
}

}  // namespace

// --- burying ----------------------------------------------------------------------------

Graveyard::Neighbour Graveyard::nearest_word(const Attributed& a, std::uint32_t token, int step) {
    const auto& tokens = a.tokens();
    for (std::int64_t t = static_cast<std::int64_t>(token) + step;
         t >= 0 && t < static_cast<std::int64_t>(tokens.size()); t += step) {
        const auto at = static_cast<std::size_t>(t);
        const TokenKind k = tokens[at].kind;
        if (breaks_run(k)) break;
        if (is_word_or_number(k))
            return {false, a.interned.ids[at], a.origins[at].proposal, a.origins[at].serial};
    }
    return {};
}

void Graveyard::bury(const Attributed& from, std::uint32_t text,
                     const std::vector<std::uint32_t>& removed, std::uint32_t by) {
    const auto& tokens = from.tokens();
    if (is_removed_.size() < tokens.size()) is_removed_.resize(tokens.size(), 0);
    for (std::uint32_t t : removed) is_removed_[t] = 1;
    const Flags& is_removed = is_removed_;

    // The run at hand, and its segments: the stretches of it that marks
    // delimit, each the whole of a bracket or an option taken out with it
    // ("[a b / c d]" deleted is the run "a b c d" and the segments "a b"
    // and "c d"), each found again whole as well.
    struct Segment {
        std::uint32_t first, first_token, last_token, words;
    };
    std::vector<Segment> segments;
    Run run;
    run.text = text;
    run.deleted_by = by;
    const auto add_run = [&](std::uint32_t first, std::uint32_t length, std::uint32_t words,
                             std::uint32_t first_token, std::uint32_t last_token) {
        run.first = first;
        run.length = length;
        run.words = words;
        run.before = nearest_word(from, first_token, -1);
        run.after = nearest_word(from, last_token, +1);
        const bool mark_before = marks_on_side(from, first_token, -1);
        const bool mark_after = marks_on_side(from, last_token, +1);
        run.between_marks = mark_before && mark_after;
        run.beside_mark = mark_before || mark_after;
        whole_.add(hash_words(first, length), static_cast<std::uint32_t>(runs_.size()));
        runs_.push_back(run);
    };
    const auto flush = [&] {
        if (segments.empty()) return;
        const std::uint32_t first = segments.front().first;
        const auto end = static_cast<std::uint32_t>(words_.size());
        std::uint32_t words = 0;
        for (const Segment& segment : segments) words += segment.words;
        add_run(first, end - first, words, segments.front().first_token,
                segments.back().last_token);
        for (std::uint32_t k = first; k + kGram <= end; ++k) grams_.add(hash_words(k, kGram), k);
        for (std::size_t k = 0; segments.size() > 1 && k < segments.size(); ++k) {
            const Segment& segment = segments[k];
            const std::uint32_t segment_end = k + 1 < segments.size() ? segments[k + 1].first : end;
            add_run(segment.first, segment_end - segment.first, segment.words, segment.first_token,
                    segment.last_token);
        }
        segments.clear();
    };
    std::uint32_t previous = kNone;
    std::vector<std::uint32_t> gap_marks;  // removed marks between two removed words
    for (std::uint32_t t : removed) {
        const TokenKind kind = tokens[t].kind;
        if (!is_wording(kind)) continue;
        bool new_segment = segments.empty();
        bool new_run = segments.empty();
        if (previous != kNone) {
            gap_marks.clear();
            for (std::uint32_t between = previous + 1; between < t; ++between) {
                const TokenKind k = tokens[between].kind;
                if ((!is_removed[between] && !is_space_token(k)) || breaks_run(k)) {
                    bury_marks_beside(from, previous, +1,
                                      static_cast<std::uint32_t>(words_.size() - 1), is_removed);
                    flush();
                    new_segment = new_run = true;
                    break;
                }
                if (is_mark(k)) gap_marks.push_back(between);
                new_segment = new_segment || is_mark(k);
            }
            if (!new_run) {
                for (const std::uint32_t m : gap_marks)
                    marks_.push_back({static_cast<std::uint32_t>(words_.size()),
                                      from.interned.ids[m], from.origins[m], false});
            }
        }
        if (new_run)
            bury_marks_beside(from, t, -1, static_cast<std::uint32_t>(words_.size()), is_removed);
        if (new_segment) {
            segments.push_back({static_cast<std::uint32_t>(words_.size()), t, t, 0});
        }
        segments.back().last_token = t;
        segments.back().words += is_word_or_number(kind);
        // The run's own record comes first when it is flushed.
        words_.push_back(
            {from.interned.ids[t], from.origins[t], static_cast<std::uint32_t>(runs_.size())});
        previous = t;
    }
    if (previous != kNone)
        bury_marks_beside(from, previous, +1, static_cast<std::uint32_t>(words_.size() - 1),
                          is_removed);
    flush();
    for (std::uint32_t t : removed) is_removed_[t] = 0;
}

void Graveyard::bury_marks_beside(const Attributed& from, std::uint32_t token, int step,
                                  std::uint32_t word, const Flags& is_removed) {
    const auto& tokens = from.tokens();
    std::vector<std::uint32_t> found;
    for (std::int64_t t = static_cast<std::int64_t>(token) + step;
         t >= 0 && t < static_cast<std::int64_t>(tokens.size()); t += step) {
        const auto at = static_cast<std::uint32_t>(t);
        const TokenKind k = tokens[at].kind;
        if (is_space_token(k)) continue;
        if (!goes_with_run(k) || !is_removed[at]) break;
        found.push_back(at);
    }
    if (step < 0) std::reverse(found.begin(), found.end());
    for (const std::uint32_t m : found)
        marks_.push_back({word, from.interned.ids[m], from.origins[m], step > 0});
}

std::uint64_t Graveyard::hash_words(std::size_t first, std::size_t length) const {
    std::uint64_t h = length;
    for (std::size_t k = first; k < first + length; ++k) h = mix(h, words_[k].id);
    return h;
}

void Graveyard::restore_state(State state) {
    const std::size_t word_count = state.words.size();
    for (const Run& run : state.runs) {
        if (run.first > word_count || run.length > word_count - run.first || run.length == 0)
            throw std::invalid_argument("graveyard state: a run past its words");
    }
    for (const Word& word : state.words) {
        if (word.run >= state.runs.size())
            throw std::invalid_argument("graveyard state: a word of no run");
    }
    for (std::size_t m = 0; m < state.marks.size(); ++m) {
        if (state.marks[m].word >= word_count ||
            (m > 0 && state.marks[m].place() < state.marks[m - 1].place()))
            throw std::invalid_argument("graveyard state: a mark out of place");
    }
    words_ = std::move(state.words);
    runs_ = std::move(state.runs);
    marks_ = std::move(state.marks);
    grams_ = PositionChains();
    whole_ = PositionChains();
    // As bury() indexed them: every run whole, and the anchors of each run
    // buried (the run its words name; the others are its segments).
    for (std::uint32_t r = 0; r < runs_.size(); ++r) {
        const Run& run = runs_[r];
        whole_.add(hash_words(run.first, run.length), r);
        if (words_[run.first].run != r) continue;
        for (std::uint32_t k = run.first; k + kGram <= run.first + run.length; ++k)
            grams_.add(hash_words(k, kGram), k);
    }
}

// --- restoring --------------------------------------------------------------------------

void Graveyard::restore(Attributed& to, std::uint32_t text, const Flags& claimed,
                        const Flags& rewritten, std::uint32_t first, std::uint32_t last,
                        std::span<const std::uint32_t> unseen) {
    if (words_.empty()) return;
    unseen_ = unseen;
    if (assigned_.size() < to.tokens().size()) assigned_.resize(to.tokens().size(), 0);
    Flags& assigned = assigned_;
    std::vector<std::uint32_t> run;                   // the wording tokens of the run at hand
    std::uint32_t looked_from = last, looked_to = 0;  // the tokens of the runs looked at
    for (std::uint32_t t = first; t < last; ++t) {
        if (claimed[t] || !is_wording(to.tokens()[t].kind)) continue;
        run.clear();
        for (std::uint32_t w = run_start(to, t); w != kNone; w = next_in_run(to, w))
            run.push_back(w);
        looked_from = std::min(looked_from, run.front());
        looked_to = std::max(looked_to, run.back() + 1);
        // A run lies in one paragraph.
        if (!rewritten.empty() && rewritten[t]) {
            restore_long(to, text, run, claimed, assigned, 2 * run_words_);
        } else {
            restore_long(to, text, run, claimed, assigned, run_words_);
            restore_whole(to, text, run, claimed, assigned);
        }
        // The full stop closing a paragraph whose last words came back (a
        // paragraph moved): the old one was the diff's to match elsewhere,
        // so it was not buried with them; it comes back with them.
        if (run.size() >= 2) {
            const std::uint32_t stop = run.back(), word = run[run.size() - 2];
            if (to.tokens()[stop].kind == TokenKind::punctuation && !claimed[stop] &&
                !assigned[stop] && assigned[word] && is_word_or_number(to.tokens()[word].kind)) {
                to.origins[stop] = to.origins[word];
                assigned[stop] = 1;
            }
        }
        t = run.back();
    }
    if (looked_from < looked_to)
        std::fill(assigned.begin() + looked_from, assigned.begin() + looked_to, 0);
    for (const std::uint32_t t : marks_assigned_) assigned[t] = 0;
    marks_assigned_.clear();
    unseen_ = {};
}

bool Graveyard::may_come_back(const Run& run, std::uint32_t text, std::uint32_t proposal) const {
    if (run.deleted_by == proposal) return true;
    if (run.text != text) return across_texts_;
    return !std::binary_search(unseen_.begin(), unseen_.end(), run.deleted_by);
}

void Graveyard::assign(Attributed& to, std::uint32_t token, const Word& word) const {
    const Run& run = runs_[word.run];
    to.origins[token].proposal = word.origin.proposal;
    to.origins[token].serial = word.origin.serial;  // the same occurrence, back
    // A move (deleted by this very proposal) is no restoration.
    to.origins[token].restored_by =
        run.deleted_by == to.proposal ? word.origin.restored_by : to.proposal;
}

// Stretches of at least `fewest_words` words equal to a stretch of one
// deleted run, found by their kGram-token anchors across carried and added
// tokens alike: the token diff may have matched a common word of restored
// wording ("should", "more") to another copy, which must not split the
// restoration. A stretch takes the deleted words' origins when at least half
// of it was added; otherwise only its added tokens do.
void Graveyard::restore_long(Attributed& to, std::uint32_t text,
                             const std::vector<std::uint32_t>& run, const Flags& claimed,
                             Flags& assigned, std::size_t fewest_words) {
    const std::size_t end = run.size();
    const auto id_of = [&](std::size_t k) { return to.interned.ids[run[k]]; };
    const auto free = [&](std::size_t k) { return !claimed[run[k]] && !assigned[run[k]]; };
    std::size_t next_free = 0;  // the first added token at or after k
    for (std::size_t k = 0; k + kGram <= end;) {
        // A stretch holds an added token: those starting far before the next
        // one are not looked for (a paragraph is one run, mostly carried).
        next_free = std::max(next_free, k);
        while (next_free < end && !free(next_free)) ++next_free;
        if (next_free == end) break;
        if (next_free > k + kLead) k = next_free - kLead;
        std::uint64_t h = kGram;
        for (std::size_t g = 0; g < kGram; ++g) h = mix(h, id_of(k + g));
        std::size_t best_at = 0, best_length = 0, best_words = 0, best_added = 0;
        bool best_move = false;
        std::size_t looked = 0;
        for (std::uint32_t w = grams_.first(h);
             w != PositionChains::kEnd && looked < kMostCandidates; w = grams_.next(w), ++looked) {
            const Run& buried = runs_[words_[w].run];
            if (!may_come_back(buried, text, to.proposal)) continue;
            const std::size_t run_end = buried.first + buried.length;
            std::size_t length = 0, words = 0, added = 0, added_words = 0;
            bool same_occurrence = true;  // every carried token has the buried word's origin
            while (k + length < end && w + length < run_end &&
                   words_[w + length].id == id_of(k + length)) {
                const std::uint32_t t = run[k + length];
                const bool word = is_word_or_number(to.tokens()[t].kind);
                words += word;
                const bool is_added = !claimed[t] && !assigned[t];
                added += is_added;
                added_words += word && is_added;
                if (!is_added && to.origins[t].proposal != words_[w + length].origin.proposal)
                    same_occurrence = false;
                ++length;
            }
            // A move (this proposal's own deletion) first, then the longest,
            // then the first proposer's.
            const bool move = buried.deleted_by == to.proposal;
            // Mostly carried, the stretch is a copy of the deleted wording
            // that stood still: its few added tokens are no evidence. Unless
            // the proposal deleted that wording itself and its carried words
            // are the very words it deleted (same origins): a text renamed on
            // one branch and edited on another, joined by a merge, whose edit
            // comes from the text the merge deleted, in its place.
            if (added * 2 < length && added_words < fewest_words && !(move && same_occurrence))
                continue;
            if (words >= fewest_words && added > 0 &&
                (move ? !best_move || words > best_words : !best_move && words > best_words)) {
                best_at = w, best_length = length, best_words = words, best_added = added;
                best_move = move;
            }
        }
        if (best_words < fewest_words || best_added == 0) {
            ++k;
            continue;
        }
        const bool whole_stretch = best_added * 2 >= best_length;
        // A carried word restored before, with the deleted word's first
        // proposer, stood there all along: who restored it is unchanged.
        const auto stood_there = [&](std::size_t m) {
            const std::uint32_t t = run[k + m];
            return claimed[t] && to.origins[t].restored_by != kNoProposal &&
                   to.origins[t].proposal == words_[best_at + m].origin.proposal;
        };
        // Words that stood there split the stretch into pieces, each
        // restored only when long enough alone: "any [subsequent] decisions
        // of the [CMA]" made "any relevant decisions of the Conference of the
        // Parties" keeps "decisions of the" as it stood, and "relevant" is
        // no restoration of an old "relevant decisions of the Conference".
        for (std::size_t piece = 0; piece < best_length;) {
            std::size_t end_of_piece = piece, piece_words = 0;
            while (end_of_piece < best_length && !stood_there(end_of_piece))
                piece_words += is_word_or_number(to.tokens()[run[k + end_of_piece++]].kind);
            const bool split = piece > 0 || end_of_piece < best_length;
            if (!split || piece_words >= fewest_words) {
                for (std::size_t m = piece; m < end_of_piece; ++m) {
                    const std::uint32_t t = run[k + m];
                    if (assigned[t] || (claimed[t] && !whole_stretch)) continue;
                    assign(to, t, words_[best_at + m]);
                    assigned[t] = 1;
                }
                restore_marks(to, run, k + piece, static_cast<std::uint32_t>(best_at + piece),
                              end_of_piece - piece, claimed, assigned);
            }
            piece = end_of_piece + 1;  // past the word that stood there
        }
        k += best_length;
    }
}

// Shorter stretches of added wording that are the whole of one deleted run,
// on the evidence of where they stand (Graveyard::evidence); the longest
// such stretch from each added token, the first proposer's when several
// runs had the same words.
void Graveyard::restore_whole(Attributed& to, std::uint32_t text,
                              const std::vector<std::uint32_t>& run, const Flags& claimed,
                              Flags& assigned) {
    const std::size_t end = run.size();
    const auto free = [&](std::size_t k) { return !claimed[run[k]] && !assigned[run[k]]; };
    // The deleted run whose whole wording run[b, e) is, with the
    // evidence; a move (this proposal's own) first, then the first
    // proposer's. With moves_only, only this proposal's own.
    const auto whole_run = [&](std::size_t b, std::size_t e, bool moves_only) {
        std::uint64_t h = e - b;
        for (std::size_t k = b; k < e; ++k) h = mix(h, to.interned.ids[run[k]]);
        std::uint32_t found = PositionChains::kEnd;
        std::size_t looked = 0;
        for (std::uint32_t r = whole_.first(h);
             r != PositionChains::kEnd && looked < kMostCandidates; r = whole_.next(r), ++looked) {
            const Run& buried = runs_[r];
            if (buried.length != e - b || !may_come_back(buried, text, to.proposal)) continue;
            const bool move = buried.deleted_by == to.proposal;
            if (moves_only && !move) continue;
            if (found != PositionChains::kEnd && (!move || runs_[found].deleted_by == to.proposal))
                continue;
            bool same = true;
            for (std::size_t k = 0; k < e - b && same; ++k)
                same = words_[buried.first + k].id == to.interned.ids[run[b + k]];
            if (same && evidence(buried, to, text, {&run, b, e})) found = r;
        }
        return found;
    };
    // Gives run[from, until) the origins of the deleted run `found`,
    // whose wording is run[b, e): carried words at its ends keep theirs.
    const auto take = [&](std::uint32_t found, std::size_t b, std::size_t from, std::size_t until) {
        const std::uint32_t first = runs_[found].first + static_cast<std::uint32_t>(from - b);
        for (std::size_t k = from; k < until; ++k) {
            assign(to, run[k], words_[first + (k - from)]);
            assigned[run[k]] = 1;
        }
        restore_marks(to, run, from, first, until - from, claimed, assigned);
    };
    for (std::size_t i = 0; i < end;) {
        if (!free(i)) {
            ++i;
            continue;
        }
        // The ends of stretches from i, of fewer than run_words_ words, and
        // of at most kMostWholeTokens tokens (a run of thousands of commas
        // has no words: every stretch was tried, each hashed anew).
        std::size_t limit = i, words = 0;
        while (limit < end && limit - i < kMostWholeTokens && free(limit)) {
            words += is_word_or_number(to.tokens()[run[limit]].kind);
            if (words >= run_words_) break;
            ++limit;
        }
        std::size_t taken = 0;
        for (std::size_t j = limit; j > i && taken == 0; --j) {
            if (const std::uint32_t found = whole_run(i, j, false); found != PositionChains::kEnd) {
                take(found, i, i, j);
                taken = j - i;
            }
        }
        // A bracket or option this proposal took out and wrote again whole
        // elsewhere, of which the diff kept a first or last word from
        // another copy: "[below 2 C][well below 2 C][below 1.5 C]" made
        // "[below 1.5 C] [or] [well] [below 2 C]" kept "below" and "C" of
        // the first option, and "1.5" moved with its bracket. Only wording
        // that stood at a mark and stands at one again: "the Parties"
        // deleted from a sentence is no evidence that "Parties" after
        // another kept "the" moved. Punctuation alone never moves: a run of
        // commas is not tried.
        const bool carried_before = i > 0 && claimed[run[i - 1]];
        for (std::size_t j = limit; j > i && taken == 0 && words > 0; --j) {
            bool any_word = false;
            for (std::size_t k = i; k < j && !any_word; ++k)
                any_word = is_word_or_number(to.tokens()[run[k]].kind);
            if (!any_word) continue;
            const bool carried_after = j < end && claimed[run[j]];
            for (const auto& [before, after] :
                 {std::pair{true, true}, std::pair{true, false}, std::pair{false, true}}) {
                if (taken != 0 || (before && !carried_before) || (after && !carried_after))
                    continue;
                const std::size_t b = before ? i - 1 : i, e = after ? j + 1 : j;
                if (!marks_on_side(to, run[b], -1) && !marks_on_side(to, run[e - 1], +1)) continue;
                if (const std::uint32_t found = whole_run(b, e, true);
                    found != PositionChains::kEnd && runs_[found].beside_mark) {
                    take(found, b, i, j);
                    taken = j - i;
                }
            }
        }
        i += std::max<std::size_t>(taken, 1);
    }
}

void Graveyard::restore_marks(Attributed& to, const std::vector<std::uint32_t>& run, std::size_t k,
                              std::uint32_t w, std::size_t length, const Flags& claimed,
                              Flags& assigned) {
    if (marks_.empty() || length == 0) return;
    const auto& tokens = to.tokens();
    const auto free_mark = [&](std::uint32_t t) {
        return goes_with_run(tokens[t].kind) && !claimed[t] && !assigned[t];
    };
    const std::uint32_t last_word = w + static_cast<std::uint32_t>(length) - 1;
    const bool run_goes_on =
        last_word + 1 < words_.size() && words_[last_word + 1].run == words_[last_word].run;
    std::vector<std::uint32_t> gap;  // the added marks of `to` in one gap, in order
    for (std::size_t m = 0; m <= length; ++m) {
        gap.clear();
        if (m == 0) {  // before the first word, back over white space and marks
            for (std::uint32_t t = run[k]; t-- > 0;) {
                if (is_space_token(tokens[t].kind)) continue;
                if (!free_mark(t)) break;
                gap.push_back(t);
            }
            std::reverse(gap.begin(), gap.end());
        } else if (m == length) {  // after the last word
            for (std::uint32_t t = run[k + length - 1] + 1; t < tokens.size(); ++t) {
                if (is_space_token(tokens[t].kind)) continue;
                if (!free_mark(t)) break;
                gap.push_back(t);
            }
        } else {
            for (std::uint32_t t = run[k + m - 1] + 1; t < run[k + m]; ++t)
                if (free_mark(t)) gap.push_back(t);
        }
        if (gap.empty()) continue;
        // The buried marks of the same gap: before word w + m; after the
        // last word, those that closed its run (or stood before the next
        // word of the run, when the stretch ends inside it).
        std::uint64_t from_place = std::uint64_t{w + static_cast<std::uint32_t>(m)} * 2;
        std::uint64_t to_place = from_place;
        if (m == length) {
            from_place = std::uint64_t{last_word} * 2 + 1;
            to_place = run_goes_on ? std::uint64_t{last_word + 1} * 2 : from_place;
        }
        auto buried = std::lower_bound(
            marks_.begin(), marks_.end(), from_place,
            [](const Mark& mark, std::uint64_t place) { return mark.place() < place; });
        for (const std::uint32_t t : gap) {
            auto same = buried;
            while (same != marks_.end() && same->place() <= to_place &&
                   same->id != to.interned.ids[t])
                ++same;
            if (same == marks_.end() || same->place() > to_place) continue;
            assign(to, t, {same->id, same->origin, words_[same->word].run});
            assigned[t] = 1;
            marks_assigned_.push_back(t);
            buried = same + 1;
        }
    }
}

// Whether the whole deleted run `run`, found again as `stretch` of `to`,
// is that wording coming back rather than new wording with the same words.
bool Graveyard::evidence(const Run& run, const Attributed& to, std::uint32_t text,
                         const Stretch& stretch) const {
    const std::uint32_t first = (*stretch.run)[stretch.begin];
    const std::uint32_t last = (*stretch.run)[stretch.end - 1];
    const bool has_word = run.words > 0;
    const auto between_marks = [&] {
        return run.between_marks && marks_on_side(to, first, -1) && marks_on_side(to, last, +1);
    };
    if (run.deleted_by == to.proposal) {  // a move
        return run.words >= 2 || (has_word && between_marks());
    }
    if (run.text != text) return run.words >= 2 && between_marks();
    // Back in the place it left: the same words around it.
    const Neighbour before = nearest_word(to, first, -1), after = nearest_word(to, last, +1);
    const bool word_before = before.same_word(run.before);
    const bool word_after = after.same_word(run.after);
    const bool edge_before = before.edge && run.before.edge;
    const bool edge_after = after.edge && run.after.edge;
    // Beside a word that stood next to it then: that very word ("all the"
    // deleted before "parties" of one paragraph is not back before
    // "parties" of another).
    if (run.words >= 2)
        return before.same_occurrence(run.before) || after.same_occurrence(run.after) ||
               (edge_before && edge_after);
    // A single word between both of its old neighbours; at a paragraph's
    // edge, beside the very word it had: "*Recognizing* the" opens many
    // preamble paragraphs, each "the" of the same first draft, and only one
    // "the" is the place it left. Between two words, the same word and
    // proposer on both sides, one of them the very word: "for the parties"
    // of one paragraph is not "for parties" of the next, though one draft
    // wrote both (a neighbour the graveyard gave back, or the diff paired
    // with another of its copies, may be another occurrence: one side
    // suffices).
    if (!has_word) return false;
    if (word_before && word_after)
        return before.same_occurrence(run.before) || after.same_occurrence(run.after);
    return (edge_before && after.same_occurrence(run.after)) ||
           (edge_after && before.same_occurrence(run.before));
}

}  // namespace accord::blame_detail
