#include "merge/blame/coincidences.hpp"

#include <algorithm>

namespace accord::blame_detail {

namespace {

bool is_blank(TokenKind k) {
    return k == TokenKind::space || k == TokenKind::line_break;
}
// What a rewording changes: words, numbers and punctuation, not white space
// or the marks of the notation (a changed bracket is no rewording).
bool counts(TokenKind k) {
    return !is_blank(k) && !is_markup(k) && k != TokenKind::paragraph_break;
}

// The diff between the frame's ends, in order: runs of kept pairs, each with
// the changes before and after it.
struct KeptRun {
    std::uint32_t new_first = 0, new_end = 0;  // new tokens [new_first, new_end), all kept
    std::uint32_t removed_before = 0, added_before = 0;  // words of the change before
    std::uint32_t removed_after = 0, added_after = 0;    // and after
};

std::vector<KeptRun> kept_runs(const std::vector<Token>& before, const std::vector<Token>& after,
                               const TokenMapping& diff, std::uint32_t first, std::uint32_t old_end,
                               std::uint32_t new_end) {
    std::vector<KeptRun> runs;
    std::uint32_t removed = 0, added = 0;  // words of the change at hand
    std::uint32_t o = first;
    for (std::uint32_t t = first; t < new_end;) {
        const std::uint32_t mapped = diff.new_to_old[t];
        if (mapped == kNone || mapped < o) {  // (a mapping out of order: never stall on it)
            added += counts(after[t].kind);
            ++t;
            continue;
        }
        for (; o < mapped; ++o) removed += counts(before[o].kind);
        if (!runs.empty() && runs.back().new_end == t && removed == 0 && added == 0) {
            // Only white space taken out between: one run with the one before.
            while (t < new_end && diff.new_to_old[t] == o) ++t, ++o;
            runs.back().new_end = t;
            continue;
        }
        KeptRun run;
        run.new_first = t;
        run.removed_before = removed, run.added_before = added;
        while (t < new_end && diff.new_to_old[t] == o) ++t, ++o;
        run.new_end = t;
        if (!runs.empty()) runs.back().removed_after = removed, runs.back().added_after = added;
        runs.push_back(run);
        removed = added = 0;
    }
    for (; o < old_end; ++o) removed += counts(before[o].kind);
    if (!runs.empty()) runs.back().removed_after = removed, runs.back().added_after = added;
    return runs;
}

bool is_word_or_number_token(TokenKind k) {
    return k == TokenKind::word || k == TokenKind::number;
}

// Paragraphs rewritten whole: at least two thirds of their words new, the
// kept ones scattered (in two runs or more, none of 8 words), and more old
// words removed among them than kept. The token diff aligns the common words
// of the old and new sentence ("the", "of the Convention"), too far apart
// for a run-by-run clean-up to tell; here they are folded all at once. An
// insertion removes nothing, a replacement in a paragraph keeps most of it.
void fold_rewritten_paragraphs(const std::vector<Token>& before, const std::vector<Token>& after,
                               TokenMapping& diff, std::uint32_t first, std::uint32_t new_end,
                               Flags& folded_token) {
    constexpr std::uint32_t kLongKeptRun = 8;
    std::uint32_t paragraph = first;
    while (paragraph > 0 && after[paragraph - 1].kind != TokenKind::paragraph_break) --paragraph;
    while (paragraph < new_end) {
        std::uint32_t end = paragraph;
        while (end < after.size() && after[end].kind != TokenKind::paragraph_break) ++end;
        std::uint32_t kept = 0, added = 0, runs = 0, run = 0, longest = 0;
        std::uint32_t old_first = kNone, old_last = 0;
        for (std::uint32_t t = paragraph; t < end; ++t) {
            if (!is_word_or_number_token(after[t].kind)) continue;
            const std::uint32_t o = diff.new_to_old[t];
            if (o == kNone) {
                ++added;
                run = 0;
                continue;
            }
            ++kept;
            runs += run == 0;
            longest = std::max(longest, ++run);
            old_first = std::min(old_first, o);
            old_last = std::max(old_last, o);
        }
        std::uint32_t removed = 0;
        for (std::uint32_t o = old_first; kept > 0 && o <= old_last; ++o)
            removed += diff.old_to_new[o] == kNone && is_word_or_number_token(before[o].kind);
        if (kept > 0 && runs >= 2 && longest < kLongKeptRun && added >= 2 * kept &&
            removed > kept) {
            for (std::uint32_t t = paragraph; t < end; ++t) {
                const std::uint32_t o = diff.new_to_old[t];
                if (o == kNone || is_markup(after[t].kind)) continue;
                if (folded_token.empty()) folded_token.assign(after.size(), 0);
                diff.old_to_new[o] = kNone;
                diff.new_to_old[t] = kNone;
                folded_token[t] = 1;
            }
        }
        paragraph = end + 1;
    }
}

}  // namespace

Flags fold_coincidences(const std::vector<Token>& before, const std::vector<Token>& after,
                        TokenMapping& diff, std::uint32_t first, std::uint32_t old_end,
                        std::uint32_t new_end) {
    Flags folded_token;
    fold_rewritten_paragraphs(before, after, diff, first, new_end, folded_token);
    // White space kept between two changes is no coincidence worth keeping
    // (it is not attributed): the changes around it are one change.
    for (const KeptRun& run : kept_runs(before, after, diff, first, old_end, new_end)) {
        const bool changes_around = (run.removed_before + run.added_before > 0) &&
                                    (run.removed_after + run.added_after > 0);
        bool blank = true;
        for (std::uint32_t t = run.new_first; blank && t < run.new_end; ++t)
            blank = is_blank(after[t].kind);
        if (!blank || !changes_around) continue;
        for (std::uint32_t t = run.new_first; t < run.new_end; ++t) {
            diff.old_to_new[diff.new_to_old[t]] = kNone;
            diff.new_to_old[t] = kNone;
        }
    }
    // Folding joins the changes around a run, which may let a neighbour fold:
    // a few passes, as the diff view makes.
    for (int pass = 0; pass < 4; ++pass) {
        bool folded = false;
        for (const KeptRun& run : kept_runs(before, after, diff, first, old_end, new_end)) {
            const bool changes_around = (run.removed_before + run.added_before > 0) &&
                                        (run.removed_after + run.added_after > 0);
            const bool rewording = (run.removed_before > 0 && run.added_before > 0) ||
                                   (run.removed_after > 0 && run.added_after > 0);
            if (!changes_around || !rewording) continue;
            const std::uint32_t most = std::min(std::max(run.removed_before, run.added_before),
                                                std::max(run.removed_after, run.added_after));
            std::uint32_t words = 0;
            bool foldable = true;
            for (std::uint32_t t = run.new_first; foldable && t < run.new_end; ++t) {
                const TokenKind k = after[t].kind;
                words += !is_blank(k);
                foldable = !is_markup(k) && k != TokenKind::paragraph_break && words <= most;
            }
            if (!foldable || words == 0) continue;
            if (folded_token.empty()) folded_token.assign(after.size(), 0);
            for (std::uint32_t t = run.new_first; t < run.new_end; ++t) {
                diff.old_to_new[diff.new_to_old[t]] = kNone;
                diff.new_to_old[t] = kNone;
                folded_token[t] = 1;
            }
            folded = true;
        }
        if (!folded) break;
    }
    if (folded_token.empty()) return {};
    // Every token of a paragraph holding a folded one is in a rewrite.
    Flags rewritten(after.size(), 0);
    std::uint32_t paragraph = 0;  // first token of the paragraph at hand
    bool any = false;
    for (std::uint32_t t = 0; t <= after.size(); ++t) {
        const bool ends = t == after.size() || after[t].kind == TokenKind::paragraph_break;
        if (t < after.size()) any = any || folded_token[t];
        if (!ends) continue;
        if (any) std::fill(rewritten.begin() + paragraph, rewritten.begin() + t, 1);
        paragraph = t + 1;
        any = false;
    }
    return rewritten;
}

}  // namespace accord::blame_detail
