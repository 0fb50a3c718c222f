#include "merge/merge3/merge3_inputs.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "merge/diff/paragraph_diff.hpp"
#include "merge/diff/token_view.hpp"
#include "merge/merge3/merge3_lifts.hpp"

namespace accord::token_merge {

namespace {

std::vector<std::size_t> unpaired_marks(const Document& doc) {
    std::vector<std::size_t> out;
    for (const Diagnostic& d : doc.diagnostics) {
        if (d.severity == Severity::error &&
            (d.code == "unclosed-bracket" || d.code == "unmatched-bracket" ||
             d.code == "unclosed-strike"))
            out.push_back(d.offset);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

MergeInputs::MergeInputs(Document base, Document ours, Document theirs, const ParseOptions& parse)
    : base_(std::move(base)), ours_(std::move(ours)), theirs_(std::move(theirs)) {
    base_tokens_ = interner_.intern_units(base_);
    to_ours_ = diff_with_base(ours_, ours_tokens_);
    to_theirs_ = diff_with_base(theirs_, theirs_tokens_);
    undo_lifts_over_edits(parse);
    unpaired_ours_ = unpaired_marks(ours_);
    unpaired_theirs_ = unpaired_marks(theirs_);
}

// The token diff of the base with one side, whose tokens go to `tokens`
// (the diff keeps no copy). Only the paragraphs the paragraph diff leaves
// unmatched are diffed by token, so only their tokens are interned: most
// of a redraft is the base's paragraphs.
TokenDiff MergeInputs::diff_with_base(const Document& side, InternedTokens& tokens) {
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
    TokenDiff diff = diff_interned(base_tokens_, tokens, changed, options);
    pair_paragraphs_first(side, tokens, diff);
    return diff;
}

namespace {

bool has_words_from(const std::vector<Token>& tokens, std::uint32_t from) {
    return std::any_of(tokens.begin() + from, tokens.end(),
                       [](const Token& t) { return !is_space_token(t.kind); });
}

// How many tokens from old `o` (new `n`) on are white space within a
// paragraph that the diff kept between two changes: a space the word diff
// matched by coincidence ("\n\n2." removed, " " kept, "Parties report."
// replaced by "(agreed)"), which keeps no wording and so does not part the
// changes around it. 0 when what follows is not that.
std::uint32_t kept_space_between_changes(const std::vector<Token>& before,
                                         const std::vector<Token>& after, const TokenDiff& diff,
                                         std::uint32_t o, std::uint32_t n) {
    std::uint32_t k = 0;
    while (o + k < before.size() && diff.old_to_new[o + k] == n + k &&
           (before[o + k].kind == TokenKind::space || before[o + k].kind == TokenKind::line_break))
        ++k;
    const bool change_follows = (o + k < before.size() && diff.old_to_new[o + k] == kNone) ||
                                (n + k < after.size() && diff.new_to_old[n + k] == kNone);
    return change_follows ? k : 0;
}

bool replaces_across_paragraphs(const std::vector<Token>& before, const std::vector<Token>& after,
                                const TokenDiff& diff) {
    std::uint32_t o = 0, n = 0;
    while (o < before.size() || n < after.size()) {
        if (o < before.size() && diff.old_to_new[o] == n) {
            ++o, ++n;
            continue;
        }
        bool old_words = false, new_words = false, breaks = false;
        for (;;) {
            for (; o < before.size() && diff.old_to_new[o] == kNone; ++o) {
                old_words = old_words || !is_space_token(before[o].kind);
                breaks = breaks || before[o].kind == TokenKind::paragraph_break;
            }
            for (; n < after.size() && diff.new_to_old[n] == kNone; ++n) {
                new_words = new_words || !is_space_token(after[n].kind);
                breaks = breaks || after[n].kind == TokenKind::paragraph_break;
            }
            const std::uint32_t kept = kept_space_between_changes(before, after, diff, o, n);
            if (kept == 0) break;
            o += kept, n += kept;
        }
        // A replacement across a break, or the last paragraphs deleted
        // (the side's text then ends its new last paragraph as the base
        // ended the old one, and the word diff takes the break with them).
        if (old_words && breaks && (new_words || !has_words_from(before, o))) return true;
        if (o < before.size() && diff.old_to_new[o] != n) return false;  // not in order
    }
    return false;
}

// The paragraphs of the base the diff kept nothing of but punctuation,
// numbers and white space ("C c.\n\nD d." against "W a.\n\nC c.": each
// "." and the break kept, every word replaced), as token ranges: where the
// side in fact added a paragraph before and deleted one after, the two
// texts share no wording there, only the marks that end (or number) every
// paragraph.
std::vector<ByteRange> paragraphs_kept_only_by_punctuation(const std::vector<Token>& before,
                                                           const TokenDiff& diff) {
    std::vector<ByteRange> out;
    bool words = false, kept_words = false, kept_marks = false;
    std::uint32_t start = 0;
    for (std::uint32_t o = 0; o <= before.size(); ++o) {
        if (o == before.size() || before[o].kind == TokenKind::paragraph_break) {
            if (words && !kept_words && kept_marks) out.push_back({start, o});
            words = kept_words = kept_marks = false;
            start = o + 1;
            continue;
        }
        const TokenKind kind = before[o].kind;
        // A number is no wording here: "1." opens many paragraphs.
        const bool wording = kind == TokenKind::word;
        const bool kept = diff.old_to_new[o] != kNone;
        words = words || wording;
        kept_words = kept_words || (wording && kept);
        kept_marks = kept_marks || (!wording && kept && !is_space_token(kind));
    }
    return out;
}

}  // namespace

// Where a run of paragraphs changed, the word diff alone may pair a word at
// the end of one paragraph with the same word ending another ("governments."
// with the "." of the next paragraph, which the side deleted): a
// replacement then runs across a paragraph break, and the other side's
// edit of the first paragraph meets it. When the word diff replaces words
// across a paragraph break (through white space it kept by chance between
// two changes), paragraphs are paired first (as `accord diff`
// pairs them) and each pairing's words compared on their own; a paragraph
// the side moved counts as deleted and added here (follow_moves merged
// moves before). That mapping is kept only when it stays in the order of
// both texts, as diff3 needs.
void MergeInputs::pair_paragraphs_first(const Document& side, const InternedTokens& tokens,
                                        TokenDiff& diff) const {
    const bool across = replaces_across_paragraphs(base_tokens_.tokens, tokens.tokens, diff);
    const std::vector<ByteRange> only_punctuation =
        across ? std::vector<ByteRange>{}
               : paragraphs_kept_only_by_punctuation(base_tokens_.tokens, diff);
    if (!across && only_punctuation.empty()) return;
    ParagraphDiff paired = diff_paragraphs(base_, side);
    if (paired.old_to_new.size() != diff.old_to_new.size() ||
        paired.new_to_old.size() != diff.new_to_old.size())
        return;
    // Paired by paragraphs only where that finds the words of such a
    // paragraph on the side (the paragraph kept elsewhere, or edited): a
    // paragraph rewritten whole stays the word diff's replacement.
    const auto words_found = [&](const ByteRange& p) {
        for (std::size_t t = p.begin; t < p.end; ++t)
            if (base_tokens_.tokens[t].kind == TokenKind::word && paired.old_to_new[t] != kNone)
                return true;
        return false;
    };
    if (!across && std::none_of(only_punctuation.begin(), only_punctuation.end(), words_found))
        return;
    for (const DiffBlock& block : paired.blocks) {
        if (block.pairing.kind != PairingKind::moved) continue;
        for (std::uint32_t t = block.old_begin; t < block.old_end; ++t) {
            if (paired.old_to_new[t] != kNone) paired.new_to_old[paired.old_to_new[t]] = kNone;
            paired.old_to_new[t] = kNone;
        }
    }
    std::uint32_t last = 0;
    bool first = true;
    for (const std::uint32_t n : paired.old_to_new) {
        if (n == kNone) continue;
        if (!first && n <= last) return;  // out of order: the word diff's mapping stands
        last = n, first = false;
    }
    diff.old_to_new = std::move(paired.old_to_new);
    diff.new_to_old = std::move(paired.new_to_old);
}

// Agreement does not cover new text: a lift over the other side's edit is
// undone in the lifting side's text, which is then parsed and diffed again.
void MergeInputs::undo_lifts_over_edits(const ParseOptions& parse_options) {
    const LiftsOverEdits lifts =
        find_lifts_over_edits(base_, base_tokens_.tokens, {ours_, ours_tokens_.tokens, to_ours_},
                              {theirs_, theirs_tokens_.tokens, to_theirs_});
    if (lifts.in_ours.empty() && lifts.in_theirs.empty()) return;
    const auto errors = [](const Document& d) {
        return std::count_if(d.diagnostics.begin(), d.diagnostics.end(),
                             [](const Diagnostic& x) { return x.severity == Severity::error; });
    };
    // The side with its marks put back. They must pair: where the side also
    // cut the bracketed wording into paragraphs, one bracket across them may
    // not (it may run across paragraphs only from a paragraph's start), and
    // the bracket is put back in each paragraph instead.
    // nullopt when neither way pairs.
    const auto put_back = [&](const Document& doc, const TokenDiff& diff,
                              const std::vector<Token>& tokens,
                              const std::vector<std::uint32_t>& marks) -> std::optional<Document> {
        for (const bool in_each_paragraph : {false, true}) {
            Document out = parse(
                put_back_marks(base_tokens_.tokens, {doc, tokens, diff}, marks, in_each_paragraph),
                parse_options);
            if (errors(out) <= errors(doc)) return out;
        }
        return std::nullopt;
    };
    const bool in_ours = !lifts.in_ours.empty(), in_theirs = !lifts.in_theirs.empty();
    std::optional<Document> ours, theirs;
    if (in_ours) ours = put_back(ours_, to_ours_, ours_tokens_.tokens, lifts.in_ours);
    if (in_theirs) theirs = put_back(theirs_, to_theirs_, theirs_tokens_.tokens, lifts.in_theirs);
    // Marks that pair in neither way: the lift stands then, and meets the
    // other side's edit as any two changes do.
    if ((in_ours && !ours) || (in_theirs && !theirs)) return;
    lifts_undone_ = lifts.disagreements;
    if (ours) {
        ours_ = std::move(*ours);
        to_ours_ = diff_with_base(ours_, ours_tokens_);
    }
    if (theirs) {
        theirs_ = std::move(*theirs);
        to_theirs_ = diff_with_base(theirs_, theirs_tokens_);
    }
}

}  // namespace accord::token_merge
