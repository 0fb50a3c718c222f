#include "merge/merge3/merge3_lifts.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/notation/blocks.hpp"
#include "merge/diff/token_view.hpp"

namespace accord {

namespace {

// The base's tokens as one side's diff sees them. (A TokenView also
// tabulates brackets per token, which finding lifts does not need.)
struct BaseView {
    const std::vector<Token>& tokens;
    const std::vector<std::uint32_t>& mapping;  // to the side; kNone when changed

    // The token holding byte `offset`.
    std::uint32_t token_at(std::size_t offset) const {
        const auto it =
            std::upper_bound(tokens.begin(), tokens.end(), offset,
                             [](std::size_t o, const Token& t) { return o < t.range.begin; });
        return static_cast<std::uint32_t>(it - tokens.begin()) - 1;
    }
    bool changed(std::uint32_t token) const { return mapping[token] == kNone; }
};

// The side put a new bracket right after the group's last ']'.
bool option_added_after(const BaseView& v, const MergeSide& side, std::uint32_t last) {
    if (v.changed(last)) return false;
    const std::uint32_t after = v.mapping[last] + 1;
    return after < side.tokens.size() && side.diff.new_to_old[after] == kNone &&
           side.tokens[after].kind == TokenKind::bracket_open;
}

bool kept_inside(const BaseView& v, std::uint32_t open, std::uint32_t close) {
    for (std::uint32_t t = open + 1; t < close; ++t) {
        if (!is_space_token(v.tokens[t].kind) && v.changed(t)) return false;
    }
    return true;
}

// The side changed the bracket's text but kept some of it (deleting the
// whole bracket is a deletion, not an edit inside). Words added beside the
// bracket are not inside, though the diff may read them so: "[x] [b c]"
// for "[b c]" as the bracket's '[' kept and "x] [" added after it.
bool edited_inside(const BaseView& v, const MergeSide& side, std::uint32_t open,
                   std::uint32_t close) {
    const std::vector<std::uint32_t>& new_to_old = side.diff.new_to_old;
    bool kept = false, changed = false;
    for (std::uint32_t t = open + 1; t < close; ++t) {
        if (is_space_token(v.tokens[t].kind)) continue;
        (v.changed(t) ? changed : kept) = true;
    }
    const bool marks_kept = !v.changed(open) && !v.changed(close);
    if (changed) return kept || marks_kept;  // rewording inside, or new text in the same bracket
    if (!marks_kept) return false;
    std::uint32_t from = v.mapping[open] + 1, to = v.mapping[close];
    // A run added after the '[' that ends with a '[' stands before the
    // bracket; one added before the ']' that starts with a ']', after it.
    std::uint32_t run = from;
    while (run < to && new_to_old[run] == kNone) ++run;
    if (run > from && side.tokens[run - 1].kind == TokenKind::bracket_open) from = run;
    run = to;
    while (run > from && new_to_old[run - 1] == kNone) --run;
    if (run < to && side.tokens[run].kind == TokenKind::bracket_close) to = run;
    for (std::uint32_t n = from; n < to; ++n) {
        if (new_to_old[n] == kNone) return true;  // words added inside
    }
    return false;
}

// The side lifted the bracket [open, close] and kept its text, compared as
// text between the nearest tokens the side kept on either side: a label
// that opened the bracket ("[**Option 1:** ...]") reads as a label only once
// the '[' is gone, so the token diff sees it changed though no word was.
// The changed runs of a side's diff: for each token, the first of the run of
// changed tokens it ends (the token itself when unchanged), and the end of
// the run it starts, so that a bracket's stretch is found at once (walking
// it per bracket made thousands of deleted brackets quadratic).
struct ChangedRuns {
    std::vector<std::uint32_t> first, end;
    explicit ChangedRuns(const BaseView& v) : first(v.tokens.size()), end(v.tokens.size()) {
        const auto n = static_cast<std::uint32_t>(v.tokens.size());
        for (std::uint32_t t = 0; t < n; ++t)
            first[t] = t > 0 && v.changed(t - 1) && v.changed(t) ? first[t - 1] : t;
        for (std::uint32_t t = n; t-- > 0;)
            end[t] = t + 1 < n && v.changed(t) && v.changed(t + 1) ? end[t + 1] : t + 1;
    }
};

bool lifted_as_text(const Document& base, const BaseView& v, const ChangedRuns& runs,
                    const MergeSide& side, std::uint32_t open, std::uint32_t close) {
    if (!v.changed(open) || !v.changed(close)) return false;
    // The changed stretch around the bracket: from the first changed token
    // before `open` to the last after `close`.
    const std::uint32_t before = runs.first[open];
    const std::uint32_t after =
        close + 1 < v.tokens.size() && v.changed(close + 1) ? runs.end[close + 1] : close + 1;
    const std::size_t base_from = before == 0 ? 0 : v.tokens[before - 1].range.end;
    const std::size_t base_to =
        after < v.tokens.size() ? v.tokens[after].range.begin : base.source.size();
    const std::size_t side_from = before == 0 ? 0 : side.tokens[v.mapping[before - 1]].range.end;
    const std::size_t side_to = after < v.tokens.size() ? side.tokens[v.mapping[after]].range.begin
                                                        : side.doc.source.size();
    if (side_from > side_to) return false;
    // The base's text there without the bracket's two marks.
    const std::size_t at_open = v.tokens[open].range.begin, at_close = v.tokens[close].range.begin;
    if (at_open < base_from || at_close >= base_to) return false;
    // Texts are compared only where their lengths agree (else a side that
    // deleted thousands of brackets had the whole stretch copied for each).
    const std::size_t side_length = side_to - side_from, base_length = base_to - base_from;
    const std::string_view side_text(side.doc.source.data() + side_from, side_length);
    if (side_length + 2 == base_length) {
        std::string unbracketed = base.source.substr(base_from, at_open - base_from);
        unbracketed += base.source.substr(at_open + 1, at_close - at_open - 1);
        unbracketed += base.source.substr(at_close + 1, base_to - at_close - 1);
        if (unbracketed == side_text) return true;
    }
    // An Option or Alt paragraph chosen: its brackets and its label gone.
    const ByteRange label = find_alternative_label(base.source, {at_open + 1, at_close});
    if (label.begin == label.end) return false;
    std::size_t label_end = label.end;
    while (label_end < at_close &&
           (base.source[label_end] == ' ' || base.source[label_end] == '\t'))
        ++label_end;
    if (side_length + 2 + (label_end - at_open - 1) != base_length) return false;
    std::string chosen = base.source.substr(base_from, at_open - base_from);
    chosen += base.source.substr(label_end, at_close - label_end);
    chosen += base.source.substr(at_close + 1, base_to - at_close - 1);
    return chosen == side_text;
}

}  // namespace

LiftsOverEdits find_lifts_over_edits(const Document& base, const std::vector<Token>& base_tokens,
                                     const MergeSide& ours, const MergeSide& theirs) {
    const BaseView bo{base_tokens, ours.diff.old_to_new};
    const BaseView bt{base_tokens, theirs.diff.old_to_new};
    const ChangedRuns ours_runs(bo), theirs_runs(bt);
    LiftsOverEdits lifts;
    // Whether each side edited inside a group, looked at once per group (a
    // group of thousands of options is not read again for each of them).
    std::uint32_t group_seen = kNone;
    bool group_ours_edited = false, group_theirs_edited = false;
    for (const Bracket& b : base.brackets) {
        const std::uint32_t open = bo.token_at(b.open), close = bo.token_at(b.close);
        std::uint32_t first = open, last = close;
        if (b.group != kNone) {
            first = bo.token_at(base.brackets[base.groups[b.group].brackets.front()].open);
            last = bo.token_at(base.brackets[base.groups[b.group].brackets.back()].close);
        }
        const bool ours_lifted =
            (bo.changed(open) && bo.changed(close) && kept_inside(bo, open, close)) ||
            lifted_as_text(base, bo, ours_runs, ours, open, close);
        const bool theirs_lifted =
            (bt.changed(open) && bt.changed(close) && kept_inside(bt, open, close)) ||
            lifted_as_text(base, bt, theirs_runs, theirs, open, close);
        const bool ours_lifted_now = ours_lifted, theirs_lifted_now = theirs_lifted;
        if (!ours_lifted_now && !theirs_lifted_now) continue;  // no lift: nothing to put back
        bool ours_edited = false, theirs_edited = false;
        if (b.group != kNone && b.group == group_seen) {
            ours_edited = group_ours_edited, theirs_edited = group_theirs_edited;
        } else {
            ours_edited = edited_inside(bo, ours, first, last) ||
                          (b.group != kNone && option_added_after(bo, ours, last));
            theirs_edited = edited_inside(bt, theirs, first, last) ||
                            (b.group != kNone && option_added_after(bt, theirs, last));
            if (b.group != kNone) {
                group_seen = b.group;
                group_ours_edited = ours_edited, group_theirs_edited = theirs_edited;
            }
        }
        std::vector<std::uint32_t>* restore = nullptr;
        if (ours_lifted && theirs_edited && !theirs_lifted) restore = &lifts.in_ours;
        if (theirs_lifted && ours_edited && !ours_lifted) restore = &lifts.in_theirs;
        if (!restore) continue;
        restore->push_back(open);
        restore->push_back(close);
        lifts.disagreements.push_back(
            {DisagreementKind::kept_bracketed, 0, ours_lifted ? "lifted" : "edited",
             theirs_lifted ? "lifted" : "edited", std::string(base.text(b.inner()))});
    }
    return lifts;
}

std::string put_back_marks(const std::vector<Token>& base_tokens, const MergeSide& side,
                           const std::vector<std::uint32_t>& marks, bool in_each_paragraph) {
    const TokenDiff& diff = side.diff;
    std::vector<std::pair<std::size_t, char>> inserts;      // byte offset in the side's text, mark
    std::unordered_map<std::uint32_t, std::size_t> put_at;  // base mark -> its offset there
    for (std::uint32_t m : marks) {
        const bool open = base_tokens[m].kind == TokenKind::bracket_open;
        const auto kept = [&](std::uint32_t n) { return diff.old_to_new[n] != kNone; };
        // The nearest token the side kept inside the bracket (step into it)
        // and outside it, and whether only white space lies between.
        const int in_step = open ? 1 : -1;
        std::int64_t inside = static_cast<std::int64_t>(m) + in_step,
                     outside = static_cast<std::int64_t>(m) - in_step;
        const auto within = [&](std::int64_t n) {
            return n >= 0 && n < static_cast<std::int64_t>(base_tokens.size());
        };
        bool changed_inside = false, changed_outside = false;
        for (; within(inside) && !kept(static_cast<std::uint32_t>(inside)); inside += in_step)
            changed_inside = changed_inside || !is_space_token(base_tokens[inside].kind);
        for (; within(outside) && !kept(static_cast<std::uint32_t>(outside)); outside -= in_step)
            changed_outside = changed_outside || !is_space_token(base_tokens[outside].kind);
        std::size_t at = open ? side.doc.source.size() : 0;
        if (changed_inside && !changed_outside) {
            // What stood right inside the mark reads differently now (a label
            // "[**Option 1:**" that is a label once the '[' is gone): the mark
            // goes where it stood, beside the outside token.
            if (within(outside))
                at = open ? side.tokens[diff.old_to_new[outside]].range.end
                          : side.tokens[diff.old_to_new[outside]].range.begin;
            else
                at = open ? 0 : side.doc.source.size();
        } else {
            // Next to the nearest word the side kept inside (white space
            // stays outside the bracket).
            for (std::int64_t n = static_cast<std::int64_t>(m) + in_step; within(n); n += in_step) {
                const auto k = static_cast<std::uint32_t>(n);
                if (kept(k) && !is_space_token(base_tokens[k].kind)) {
                    at = open ? side.tokens[diff.old_to_new[k]].range.begin
                              : side.tokens[diff.old_to_new[k]].range.end;
                    break;
                }
            }
        }
        inserts.push_back({at, open ? '[' : ']'});
        put_at[m] = at;
    }
    // A bracket whose wording the side has since cut into paragraphs, in
    // each of them.
    std::vector<std::uint32_t> open_marks;
    for (std::uint32_t t = 0; in_each_paragraph && t < base_tokens.size(); ++t) {
        if (base_tokens[t].kind == TokenKind::bracket_open) open_marks.push_back(t);
        if (base_tokens[t].kind != TokenKind::bracket_close || open_marks.empty()) continue;
        const std::uint32_t open = open_marks.back();
        open_marks.pop_back();
        const auto a = put_at.find(open), z = put_at.find(t);
        if (a == put_at.end() || z == put_at.end()) continue;
        const std::vector<Token>& tokens = side.tokens;
        const auto from = std::partition_point(tokens.begin(), tokens.end(), [&](const Token& x) {
            return x.range.begin < a->second;
        });
        for (auto k = static_cast<std::size_t>(from - tokens.begin());
             k < tokens.size() && tokens[k].range.end <= z->second; ++k) {
            if (tokens[k].kind != TokenKind::paragraph_break) continue;
            std::size_t before = k, after = k + 1;
            while (before > 0 && is_space_token(tokens[before - 1].kind)) --before;
            while (after < tokens.size() && is_space_token(tokens[after].kind)) ++after;
            if (before == 0 || after == tokens.size()) continue;
            inserts.push_back({tokens[before - 1].range.end, ']'});
            inserts.push_back({tokens[after].range.begin, '['});
        }
    }
    std::stable_sort(inserts.begin(), inserts.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::string out;
    std::size_t at = 0;
    for (const auto& [offset, mark] : inserts) {
        out.append(side.doc.source, at, offset - at);
        out += mark;
        at = offset;
    }
    out.append(side.doc.source, at, std::string::npos);
    return out;
}

}  // namespace accord
