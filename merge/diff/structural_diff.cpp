#include "merge/diff/structural_diff.hpp"

#include <cctype>
#include <optional>

#include <algorithm>
#include <map>
#include <tuple>

#include "merge/diff/diff_window.hpp"
#include "merge/diff/paragraph_diff.hpp"
#include "merge/diff/token_view.hpp"

namespace accord {

std::string_view to_string(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::text_inserted:
            return "text-inserted";
        case ChangeKind::text_deleted:
            return "text-deleted";
        case ChangeKind::text_replaced:
            return "text-replaced";
        case ChangeKind::bracket_added:
            return "bracket-added";
        case ChangeKind::bracket_removed:
            return "bracket-removed";
        case ChangeKind::bracketed_text_inserted:
            return "bracketed-text-inserted";
        case ChangeKind::bracket_deleted:
            return "bracket-deleted";
        case ChangeKind::option_added:
            return "option-added";
        case ChangeKind::option_removed:
            return "option-removed";
        case ChangeKind::option_chosen:
            return "option-chosen";
        case ChangeKind::strike_added:
            return "strike-added";
        case ChangeKind::strike_removed:
            return "strike-removed";
        case ChangeKind::struck_text_deleted:
            return "struck-text-deleted";
        case ChangeKind::paragraph_added:
            return "paragraph-added";
        case ChangeKind::paragraph_deleted:
            return "paragraph-deleted";
        case ChangeKind::alternative_paragraph_added:
            return "alternative-paragraph-added";
        case ChangeKind::alternative_paragraph_removed:
            return "alternative-paragraph-removed";
        case ChangeKind::status_changed:
            return "status-changed";
        case ChangeKind::metadata_changed:
            return "metadata-changed";
        case ChangeKind::paragraph_moved:
            return "paragraph-moved";
        case ChangeKind::paragraph_split:
            return "paragraph-split";
        case ChangeKind::paragraph_merged:
            return "paragraph-merged";
    }
    return "?";
}

namespace {

bool is_space(TokenKind k) {
    return is_space_token(k);
}

// `s` without the spaces and line breaks at either end.
std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

// Per bracket of `doc`: the offsets of its own " / " separators, in order.
std::vector<std::vector<std::size_t>> separators_by_bracket(const Document& doc) {
    std::vector<std::vector<std::size_t>> out(doc.brackets.size());
    for (const Separator& s : doc.separators) out[s.bracket].push_back(s.at);
    return out;
}

// Per bracket of `doc`: whether a bracket is nested in it.
std::vector<bool> holding_brackets(const Document& doc) {
    std::vector<bool> out(doc.brackets.size(), false);
    for (const Bracket& b : doc.brackets)
        if (b.parent != kNone) out[b.parent] = true;
    return out;
}

// One side of the diff, and which of its tokens a change explains already.
struct Side : TokenView {
    std::vector<bool> covered;
    std::vector<std::uint32_t> paired;  // per bracket: the same bracket on the other side
    // Per token index t: the last kept token before t (kNone if none); filled on first use.
    mutable std::vector<std::uint32_t> kept_before;

    const std::vector<std::uint32_t>& ids;  // equal ids, equal tokens (across the sides)
    const ParagraphTokens& paragraphs;
    std::vector<std::uint32_t> block;  // per token: its block of the paragraph diff

    Side(const Document& d, const std::vector<Token>& t, const std::vector<std::uint32_t>& m,
         const std::vector<std::uint32_t>& i, const ParagraphTokens& p)
        : TokenView(d, t, m), covered(t.size(), false), ids(i), paragraphs(p), block(t.size()) {}

    std::uint32_t paragraph(std::uint32_t token) const { return paragraph_of(paragraphs, token); }
    // Whether a line break starts an item of a list: "1.", "12bis.", "(a)", "a)".
    bool starts_list_item(std::uint32_t token) const {
        if (tokens[token].kind != TokenKind::line_break || token + 2 >= tokens.size()) return false;
        auto is = [&](std::uint32_t t, char c) {
            return doc.text(tokens[t].range) == std::string_view(&c, 1);
        };
        const TokenKind first = tokens[token + 1].kind;
        if (first == TokenKind::number || first == TokenKind::word)
            return is(token + 2, '.') || is(token + 2, ')');
        return is(token + 1, '(') && token + 3 < tokens.size() && is(token + 3, ')');
    }
    // Paragraph p's tokens, the white space after it included.
    std::pair<std::uint32_t, std::uint32_t> paragraph_span(std::uint32_t p) const {
        return {paragraphs.first[p], paragraphs.first[p + 1]};
    }

    // Non-space tokens strictly between two token indices: how many, how many changed.
    std::pair<std::size_t, std::size_t> content(std::uint32_t first, std::uint32_t last) const {
        std::size_t total = 0, changed_count = 0;
        for (std::uint32_t t = first; t < last; ++t) {
            if (is_space(tokens[t].kind)) continue;
            ++total;
            changed_count += changed(t);
        }
        return {total, changed_count};
    }
    // Like content(), without punctuation: a paragraph whose every word
    // changed is a new paragraph even if its full stop was kept.
    std::pair<std::size_t, std::size_t> words(std::uint32_t first, std::uint32_t last) const {
        std::size_t total = 0, changed_count = 0;
        for (std::uint32_t t = first; t < last; ++t) {
            if (is_space(tokens[t].kind) || tokens[t].kind == TokenKind::punctuation) continue;
            ++total;
            changed_count += changed(t);
        }
        return {total, changed_count};
    }
    // Words and numbers alone (no punctuation, no marks): how many, how many changed.
    std::pair<std::size_t, std::size_t> wording(std::uint32_t first, std::uint32_t last) const {
        std::size_t total = 0, changed_count = 0;
        for (std::uint32_t t = first; t < last; ++t) {
            if (!is_word_or_number(tokens[t].kind)) continue;
            ++total;
            changed_count += changed(t);
        }
        return {total, changed_count};
    }
    void cover(std::uint32_t first, std::uint32_t last, bool only_changed) {
        for (std::uint32_t t = first; t < last; ++t) {
            if (!only_changed || changed(t)) covered[t] = true;
        }
    }
    std::string text(std::uint32_t first, std::uint32_t last, bool only_changed = false) const {
        std::string out;
        for (std::uint32_t t = first; t < last; ++t) {
            if (!only_changed || changed(t) || is_space(tokens[t].kind))
                out += doc.text(tokens[t].range);
        }
        const auto begin = out.find_first_not_of(" \t\r\n");
        if (begin == std::string::npos) return "";
        return out.substr(begin, out.find_last_not_of(" \t\r\n") - begin + 1);
    }
    ByteRange range(std::uint32_t first, std::uint32_t last) const {
        if (first >= last) {
            const std::size_t at =
                first < tokens.size() ? tokens[first].range.begin : doc.source.size();
            return {at, at};
        }
        return {tokens[first].range.begin, tokens[last - 1].range.end};
    }
};

// Past this many pairs of removed and added runs in one hunk, they are
// paired in order rather than by the words they share.
constexpr std::uint64_t kMostRunPairs = 1u << 16;

bool mostly(std::pair<std::size_t, std::size_t> content_counts) {  // mostly changed
    const auto [total, changed] = content_counts;
    return total == 0 ? true : changed * 2 > total;
}

class Lifter {
  public:
    Lifter(const Document& before, const Document& after, ParagraphDiff diff)
        : diff_(std::move(diff)),
          old_(before, diff_.old_tokens, diff_.old_to_new, diff_.old_ids, diff_.old_paragraphs),
          new_(after, diff_.new_tokens, diff_.new_to_old, diff_.new_ids, diff_.new_paragraphs) {
        for (std::uint32_t b = 0; b < diff_.blocks.size(); ++b) {
            const DiffBlock& block = diff_.blocks[b];
            std::fill(old_.block.begin() + block.old_begin, old_.block.begin() + block.old_end, b);
            std::fill(new_.block.begin() + block.new_begin, new_.block.begin() + block.new_end, b);
        }
    }

    std::vector<Change> run() {
        pair();
        rewritten_options();
        metadata();
        paragraphs();
        chosen_options();
        whole_options();
        old_brackets();
        new_brackets();
        separators();
        strikes();
        plain_text();
        // In the order of the new text; at one spot, what was there before
        // what was only put in.
        std::stable_sort(changes_.begin(), changes_.end(), [](const Change& a, const Change& b) {
            return std::tuple(a.new_range.begin, a.old_range.empty(), a.old_range.begin) <
                   std::tuple(b.new_range.begin, b.old_range.empty(), b.old_range.begin);
        });
        return std::move(changes_);
    }

  private:
    void pair() {
        BracketPairs pairs = pair_brackets(old_, new_);
        old_.paired = std::move(pairs.old_to_new);
        new_.paired = std::move(pairs.new_to_old);
        // The marks of a bracket that stands on both sides explain themselves,
        // whichever '[' the token diff aligned them with.
        for (std::uint32_t ob = 0; ob < old_.doc.brackets.size(); ++ob) {
            if (old_.paired[ob] == kNone) continue;
            const Bracket& b = old_.doc.brackets[ob];
            const Bracket& n = new_.doc.brackets[old_.paired[ob]];
            old_.covered[old_.token_at(b.open)] = old_.covered[old_.token_at(b.close)] = true;
            new_.covered[new_.token_at(n.open)] = new_.covered[new_.token_at(n.close)] = true;
        }
    }

    // A paragraph's status tag as it reads: without emphasis, in lower case,
    // white space collapsed.
    static std::string tag_reading(const Document& doc, const Paragraph& paragraph) {
        std::string out;
        for (const char c : doc.text(paragraph.status_tag)) {
            if (c == '*') continue;
            const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            if (blank && (out.empty() || out.back() == ' ')) continue;
            out += blank ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return out;
    }

    // The options of bracket `b` written "[a / b]" (its separators at
    // `separators`), trimmed, in order.
    static std::vector<std::string_view> slash_options(const Side& side, std::uint32_t b,
                                                       const std::vector<std::size_t>& separators) {
        const Bracket& bracket = side.doc.brackets[b];
        std::vector<std::string_view> out;
        std::size_t start = bracket.open + 1;
        for (const std::size_t at : separators) {
            out.push_back(trimmed(side.doc.text({start, at})));
            start = at + 1;
        }
        out.push_back(trimmed(side.doc.text({start, bracket.close})));
        return out;
    }

    // The options of an alternatives group "[a][b]", trimmed, in order;
    // nullopt when one of its brackets holds a bracket or a " / ".
    static std::optional<std::vector<std::string_view>> group_options(
        const Side& side, const AlternativesGroup& g, const std::vector<bool>& holds) {
        std::vector<std::string_view> out;
        for (const std::uint32_t b : g.brackets) {
            const Bracket& bracket = side.doc.brackets[b];
            if (bracket.separators > 0 || holds[b]) return std::nullopt;
            out.push_back(trimmed(side.doc.text(bracket.inner())));
        }
        return out;
    }

    // The nearest token before `t` (step -1) or after it (step +1) that is
    // no space; kNone at the edge.
    static std::uint32_t next_solid(const Side& side, std::uint32_t t, int step) {
        for (std::int64_t k = static_cast<std::int64_t>(t) + step;
             k >= 0 && k < static_cast<std::int64_t>(side.tokens.size()); k += step) {
            if (!is_space(side.tokens[static_cast<std::size_t>(k)].kind))
                return static_cast<std::uint32_t>(k);
        }
        return kNone;
    }

    // Old tokens [old_first, old_last] and new tokens [new_first, new_last]
    // stand in one place: the wording on each side of them is kept, and is
    // the same wording.
    bool same_place(std::uint32_t old_first, std::uint32_t old_last, std::uint32_t new_first,
                    std::uint32_t new_last) const {
        const std::uint32_t ob = next_solid(old_, old_first, -1),
                            nb = next_solid(new_, new_first, -1);
        const std::uint32_t oa = next_solid(old_, old_last, +1),
                            na = next_solid(new_, new_last, +1);
        const auto matches = [&](std::uint32_t o, std::uint32_t n) {
            if (o == kNone || n == kNone) return o == kNone && n == kNone;
            return !old_.changed(o) && old_.mapping[o] == n;
        };
        return matches(ob, nb) && matches(oa, na);
    }

    // The same options written the other way in the same place: "[a / b]"
    // rewritten as "[a][b]", or back. No option and no bracket changed, so
    // nothing is reported but the text itself (the hunks show it).
    void rewritten_options() {
        const auto rewritten = [&](bool old_slash) {
            Side& slash = old_slash ? old_ : new_;
            Side& grouped = old_slash ? new_ : old_;
            if (slash.doc.separators.empty() || grouped.doc.groups.empty()) return;
            const std::vector<std::vector<std::size_t>> separators =
                separators_by_bracket(slash.doc);
            const std::vector<bool> slash_holds = holding_brackets(slash.doc);
            const std::vector<bool> grouped_holds = holding_brackets(grouped.doc);
            // The groups by their options, in order: each bracket of options
            // looks up those written alike (not every group: a text of
            // thousands of each took seconds).
            std::map<std::vector<std::string_view>, std::vector<std::size_t>> groups;
            for (std::size_t k = 0; k < grouped.doc.groups.size(); ++k) {
                if (auto options = group_options(grouped, grouped.doc.groups[k], grouped_holds))
                    groups[std::move(*options)].push_back(k);
            }
            for (std::uint32_t b = 0; b < slash.doc.brackets.size(); ++b) {
                const Bracket& bracket = slash.doc.brackets[b];
                if (separators[b].empty() || bracket.group != kNone || slash_holds[b]) continue;
                const auto alike = groups.find(slash_options(slash, b, separators[b]));
                if (alike == groups.end()) continue;
                for (const std::size_t k : alike->second) {
                    const AlternativesGroup& g = grouped.doc.groups[k];
                    const std::uint32_t s_first = slash.token_at(bracket.open),
                                        s_last = slash.token_at(bracket.close);
                    const std::uint32_t g_first =
                        grouped.token_at(grouped.doc.brackets[g.brackets.front()].open);
                    const std::uint32_t g_last =
                        grouped.token_at(grouped.doc.brackets[g.brackets.back()].close);
                    const bool placed = old_slash ? same_place(s_first, s_last, g_first, g_last)
                                                  : same_place(g_first, g_last, s_first, s_last);
                    if (!placed) continue;
                    slash.cover(s_first, s_last + 1, false);
                    grouped.cover(g_first, g_last + 1, false);
                    break;
                }
            }
        };
        rewritten(true);
        rewritten(false);
    }

    std::uint32_t kept_as(const Bracket& b) const {
        return old_.paired[&b - old_.doc.brackets.data()];
    }
    bool new_bracket_kept(std::uint32_t nb) const { return new_.paired[nb] != kNone; }

    // Where in the new document a removal happened: just after the last
    // kept token before it in its block, or where the block starts. The kept
    // token before each is found in one sweep, on first use: a new text of
    // many paragraphs asks for every paragraph, and searching back each time
    // grew with the square of the text (a 50 MB text took hours to log).
    ByteRange new_spot(std::uint32_t old_token) const { return spot(old_, new_, old_token); }
    ByteRange old_spot(std::uint32_t new_token) const { return spot(new_, old_, new_token); }
    ByteRange spot(const Side& from, const Side& to, std::uint32_t token) const {
        if (token >= from.tokens.size()) token = static_cast<std::uint32_t>(from.tokens.size());
        const std::uint32_t b = token < from.tokens.size() ? from.block[token]
                                : diff_.blocks.empty()     ? kNone
                                                           : std::uint32_t(diff_.blocks.size() - 1);
        if (b == kNone) return {0, 0};
        const DiffBlock& block = diff_.blocks[b];
        const bool from_old = &from == &old_;
        const std::uint32_t begin = from_old ? block.old_begin : block.new_begin;
        if (from.kept_before.empty()) {
            from.kept_before.resize(from.tokens.size() + 1, kNone);
            for (std::uint32_t t = 0; t < from.tokens.size(); ++t)
                from.kept_before[t + 1] = from.changed(t) ? from.kept_before[t] : t;
        }
        const std::uint32_t kept = from.kept_before[token];
        if (kept != kNone && kept >= begin) {
            const std::size_t at = to.tokens[from.mapping[kept]].range.end;
            return {at, at};
        }
        const std::uint32_t other = from_old ? block.new_begin : block.old_begin;
        const std::size_t at =
            other < to.tokens.size() ? to.tokens[other].range.begin : to.doc.source.size();
        return {at, at};
    }

    void add(ChangeKind kind, std::string text, ByteRange old_range, ByteRange new_range,
             std::string before = "", std::string after = "") {
        changes_.push_back(
            {kind, std::move(text), old_range, new_range, std::move(before), std::move(after)});
    }

    void metadata() {
        const auto& a = old_.doc.front_matter.fields;
        const auto& b = new_.doc.front_matter.fields;
        std::map<std::string, std::pair<std::string, std::string>> keys;  // key -> (old, new)
        std::map<std::string, std::pair<bool, bool>> present;
        for (const auto& f : a) keys[f.key].first = f.value, present[f.key].first = true;
        for (const auto& f : b) keys[f.key].second = f.value, present[f.key].second = true;
        for (const auto& [key, values] : keys) {
            if (values.first == values.second && present[key].first == present[key].second)
                continue;
            add(ChangeKind::metadata_changed, key, old_.doc.front_matter.range,
                new_.doc.front_matter.range, values.first, values.second);
        }
        if (old_.doc.front_matter.present || new_.doc.front_matter.present) {
            for (std::uint32_t t = 0; t < old_.tokens.size(); ++t) {
                if (old_.tokens[t].kind == TokenKind::front_matter) old_.covered[t] = true;
            }
            for (std::uint32_t t = 0; t < new_.tokens.size(); ++t) {
                if (new_.tokens[t].kind == TokenKind::front_matter) new_.covered[t] = true;
            }
        }
    }

    std::pair<std::uint32_t, std::uint32_t> token_span(const Side& side, ByteRange range) const {
        return {side.token_at(range.begin), side.token_at(range.end - 1) + 1};
    }

    // Paragraphs added, deleted, moved, split and merged, as the paragraph
    // diff paired them; then each paragraph's status against its old one.
    void paragraphs() {
        for (const DiffBlock& block : diff_.blocks) {
            const ParagraphPairing& p = block.pairing;
            if (block.old_begin == block.old_end && block.new_begin == block.new_end) continue;
            switch (p.kind) {
                case PairingKind::added:
                    for (std::uint32_t k = p.new_first; k < p.new_last; ++k) paragraph_added(k);
                    break;
                case PairingKind::deleted:
                    for (std::uint32_t k = p.old_first; k < p.old_last; ++k) paragraph_deleted(k);
                    break;
                case PairingKind::moved: {
                    const auto [first, last] = new_.paragraph_span(p.new_first);
                    add(ChangeKind::paragraph_moved, new_.text(first, last),
                        old_.doc.paragraphs[p.old_first].range,
                        new_.doc.paragraphs[p.new_first].range);
                    break;
                }
                case PairingKind::kept:
                    break;
                case PairingKind::edited:
                case PairingKind::split:
                case PairingKind::merged:
                    paired_paragraphs(p);
                    break;
            }
        }
        statuses();
    }

    void paragraph_added(std::uint32_t paragraph) {
        ++whole_paragraph_changes_;
        const auto [first, last] = new_.paragraph_span(paragraph);
        const Paragraph& p = new_.doc.paragraphs[paragraph];
        add(p.is_alternative() ? ChangeKind::alternative_paragraph_added
                               : ChangeKind::paragraph_added,
            new_.text(first, last), old_spot(first), p.range);
        new_.cover(first, last, false);
    }

    void paragraph_deleted(std::uint32_t paragraph) {
        ++whole_paragraph_changes_;
        const auto [first, last] = old_.paragraph_span(paragraph);
        const Paragraph& p = old_.doc.paragraphs[paragraph];
        add(p.is_alternative() ? ChangeKind::alternative_paragraph_removed
                               : ChangeKind::paragraph_deleted,
            old_.text(first, last), p.range, new_spot(first));
        old_.cover(first, last, false);
    }

    // An edited, split or merged pairing: the paragraphs standing apart in it
    // were added or deleted; each part after the first of a split was split
    // off, each after the first of a merge joined the one before.
    void paired_paragraphs(const ParagraphPairing& p) {
        std::vector<std::uint32_t> old_parts, new_parts;
        for (std::uint32_t k = p.old_first; k < p.old_last; ++k) {
            if (std::binary_search(p.old_apart.begin(), p.old_apart.end(), k)) {
                paragraph_deleted(k);
            } else {
                old_parts.push_back(k);
            }
        }
        for (std::uint32_t k = p.new_first; k < p.new_last; ++k) {
            if (std::binary_search(p.new_apart.begin(), p.new_apart.end(), k)) {
                paragraph_added(k);
            } else {
                new_parts.push_back(k);
            }
        }
        if (old_parts.size() == 1) {
            for (std::size_t k = 1; k < new_parts.size(); ++k) {
                const auto [first, last] = new_.paragraph_span(new_parts[k]);
                add(ChangeKind::paragraph_split, new_.text(first, last),
                    old_mapped_range(first, last), new_.doc.paragraphs[new_parts[k]].range);
            }
        } else if (new_parts.size() == 1) {
            for (std::size_t k = 1; k < old_parts.size(); ++k) {
                const auto [first, last] = old_.paragraph_span(old_parts[k]);
                add(ChangeKind::paragraph_merged, old_.text(first, last),
                    old_.doc.paragraphs[old_parts[k]].range, new_mapped_range(first, last));
            }
        } else {
            // Many to many (a gap too large to pair): a paragraph all of whose
            // words changed was added or deleted.
            for (const std::uint32_t k : new_parts) {
                const auto [first, last] = new_.paragraph_span(k);
                const auto counts = new_.words(first, last);
                if (counts.first > 0 && counts.first == counts.second) paragraph_added(k);
            }
            for (const std::uint32_t k : old_parts) {
                const auto [first, last] = old_.paragraph_span(k);
                const auto counts = old_.words(first, last);
                if (counts.first > 0 && counts.first == counts.second) paragraph_deleted(k);
            }
        }
    }

    void statuses() {
        // Each new paragraph's status against the old paragraph it shares
        // most kept tokens with.
        std::vector<std::pair<std::uint32_t, std::size_t>> shared;
        for (const Paragraph& p : new_.doc.paragraphs) {
            const auto [first, last] = token_span(new_, p.range);
            // (old paragraph, kept tokens shared): a paragraph's kept tokens
            // mostly come from one old paragraph, so a short list, not a map.
            shared.clear();
            std::uint32_t last_op = kNone;
            for (std::uint32_t t = first; t < last; ++t) {
                if (!new_.changed(t) && !is_space(new_.tokens[t].kind)) {
                    // Kept tokens come in runs from one old paragraph:
                    // the last one found is tried before searching.
                    const std::uint32_t old_token = new_.mapping[t];
                    const std::vector<std::uint32_t>& starts = old_.paragraphs.first;
                    if (last_op == kNone || old_token < starts[last_op] ||
                        old_token >= starts[last_op + 1])
                        last_op = old_.paragraph(old_token);
                    const std::uint32_t op = last_op;
                    if (op == kNone) continue;
                    auto it = std::find_if(shared.begin(), shared.end(),
                                           [&](const auto& entry) { return entry.first == op; });
                    if (it == shared.end()) it = shared.insert(shared.end(), {op, 0});
                    ++it->second;
                }
            }
            if (shared.empty()) continue;
            // The most shared; on a tie, the first old paragraph.
            std::pair<std::uint32_t, std::size_t> best = shared.front();
            for (const auto& entry : shared) {
                if (entry.second > best.second ||
                    (entry.second == best.second && entry.first < best.first))
                    best = entry;
            }
            const Paragraph& old_p = old_.doc.paragraphs[best.first];
            // A tag whose status stayed but whose remark changed ("(agreed,
            // pending translation)" -> "(agreed, as amended)") is left to the
            // word diff, which says what changed in it.
            const bool explained = old_p.status != p.status ||
                                   tag_reading(old_.doc, old_p) == tag_reading(new_.doc, p);
            for (std::uint32_t t = first; t < last && explained; ++t) {
                if (new_.tokens[t].kind == TokenKind::status_tag) new_.covered[t] = true;
            }
            const auto [of, ol] = token_span(old_, old_p.range);
            for (std::uint32_t t = of; t < ol && explained; ++t) {
                if (old_.tokens[t].kind == TokenKind::status_tag) old_.covered[t] = true;
            }
            if (old_p.status != p.status) {
                add(ChangeKind::status_changed, p.status.empty() ? old_p.status : p.status,
                    old_p.status_tag.empty() ? ByteRange{old_p.range.end, old_p.range.end}
                                             : old_p.status_tag,
                    p.status_tag.empty() ? ByteRange{p.range.end, p.range.end} : p.status_tag,
                    old_p.status, p.status);
            }
        }
    }

    // An alternatives group (or a bracket of " / " options) that no longer
    // stands, with exactly one of its options kept: that option was chosen.
    void chosen_options() {
        for (const AlternativesGroup& g : old_.doc.groups) {
            std::vector<ByteRange> options;
            bool any_kept = false;
            for (std::uint32_t b : g.brackets) {
                any_kept = any_kept || kept_as(old_.doc.brackets[b]) != kNone;
                options.push_back(old_.doc.brackets[b].inner());
            }
            if (any_kept) continue;
            const ByteRange outer{old_.doc.brackets[g.brackets.front()].open,
                                  old_.doc.brackets[g.brackets.back()].close + 1};
            choose(options, outer);
        }
        for (const Bracket& b : old_.doc.brackets) {
            if (b.separators == 0 || b.group != kNone || kept_as(b) != kNone) continue;
            std::vector<ByteRange> options;
            std::size_t start = b.open + 1;
            for (const Separator& s : old_.doc.separators) {
                if (&old_.doc.brackets[s.bracket] != &b) continue;
                options.push_back({start, s.at});
                start = s.at + 1;
            }
            options.push_back({start, b.close});
            choose(options, b.outer());
        }
    }

    void choose(const std::vector<ByteRange>& options, ByteRange outer) {
        const std::uint32_t first = old_.token_at(outer.begin),
                            last = old_.token_at(outer.end - 1) + 1;
        if (old_.covered[first]) return;
        if (chosen_by_wording(options, outer, first, last)) return;
        int kept = -1;
        // Decided on words: the marks of brackets nested in an option are
        // its wording's, and the token diff may keep a '[' of the group's
        // for the chosen option's own ("[[x]][y]" -> "[x]").
        for (std::size_t k = 0; k < options.size(); ++k) {
            if (options[k].empty()) return;
            const auto [a, z] = token_span(old_, options[k]);
            const auto counts = old_.wording(a, z);
            if (counts.first == 0) return;
            if (counts.second == 0) {
                if (kept != -1) return;  // two options survive: not a choice
                kept = static_cast<int>(k);
            } else if (counts.second != counts.first) {
                return;  // an option edited, not chosen or dropped
            }
        }
        if (kept == -1) return;
        const auto [a, z] = token_span(old_, options[kept]);
        // Its words now in a bracket this change drew: still open, not chosen.
        for (std::uint32_t t = a; t < z; ++t) {
            if (!is_word_or_number(old_.tokens[t].kind) || old_.changed(t)) continue;
            const std::uint32_t nb = new_.innermost(old_.mapping[t]);
            if (nb != kNone && !new_bracket_kept(nb)) return;
        }
        std::uint32_t new_first = kNone, new_last = 0;
        for (std::uint32_t t = a; t < z; ++t) {
            if (old_.changed(t)) continue;
            new_first = std::min(new_first, old_.mapping[t]);
            new_last = std::max(new_last, old_.mapping[t] + 1);
        }
        // The chosen wording must stand outside any bracket it did not have before.
        add(ChangeKind::option_chosen, old_.text(a, z), outer,
            new_first == kNone ? new_spot(first) : new_.range(new_first, new_last));
        old_.cover(first, last, true);
        cover_option_marks(options);
        leave_nested_brackets(a, z);
        if (new_first != kNone) {
            for (std::uint32_t t = new_first; t < new_last; ++t)
                new_.covered[t] = new_.covered[t] || new_.changed(t);
        }
    }

    // The marks around and between the options of a choice: the choice
    // says what became of them (a kept ']' of the chosen option is not a
    // bracket lifted as well).
    void cover_option_marks(const std::vector<ByteRange>& options) {
        for (const ByteRange& option : options) {
            for (const std::uint32_t t :
                 {old_.token_at(option.begin - 1), old_.token_at(option.end)})
                if (t < old_.tokens.size() && is_markup(old_.tokens[t].kind))
                    old_.covered[t] = true;
        }
    }

    // A bracket nested in the chosen option (old tokens [a, z)) that did not
    // stay was lifted with the choice, and says so itself ("[every five
    // years [unless decided]][at intervals]" -> "every five years unless
    // decided": the choice, and "unless decided" agreed).
    void leave_nested_brackets(std::uint32_t a, std::uint32_t z) {
        for (std::uint32_t t = a; t < z; ++t) {
            const std::uint32_t ob = old_.bracket_opening_at(t);
            if (ob == kNone || kept_as(old_.doc.brackets[ob]) != kNone) continue;
            old_.covered[t] = false;
            old_.covered[old_.close_token[ob]] = false;
        }
    }

    // The words that stand where the group stood are those of exactly one
    // of its options: that option was chosen, though the token diff may have
    // paired its words with another option's ("[fully implement][implement]"
    // -> "implement" pairs "implement" with the first option's).
    bool chosen_by_wording(const std::vector<ByteRange>& options, ByteRange outer,
                           std::uint32_t first, std::uint32_t last) {
        if (first == 0 || last >= old_.tokens.size() || old_.changed(first - 1) ||
            old_.changed(last))
            return false;
        const std::uint32_t new_first = old_.mapping[first - 1] + 1, new_last = old_.mapping[last];
        if (new_first >= new_last) return false;
        const std::string_view now = trimmed(new_.doc.text(new_.range(new_first, new_last)));
        int chosen = -1;
        for (std::size_t k = 0; k < options.size(); ++k) {
            if (trimmed(old_.doc.text(options[k])) != now) continue;
            if (chosen != -1) return false;  // two options read the same
            chosen = static_cast<int>(k);
        }
        if (chosen == -1 || now.find_first_of("[]") != std::string_view::npos) return false;
        const auto [a, z] = token_span(old_, options[static_cast<std::size_t>(chosen)]);
        add(ChangeKind::option_chosen, old_.text(a, z), outer, new_.range(new_first, new_last));
        old_.cover(first, last, true);
        cover_option_marks(options);
        leave_nested_brackets(a, z);
        for (std::uint32_t t = new_first; t < new_last; ++t) new_.covered[t] = true;
        return true;
    }

    // A " / " option removed whole from a bracket that stays, or added
    // whole to one, its separator with it: one option removed or added,
    // brackets nested in it included ("[[x] y / b]" -> "[b]" removed the
    // option "[x] y", not a bracket and some words).
    void whole_options() {
        const auto old_separators = separators_by_bracket(old_.doc);
        for (std::uint32_t ob = 0; ob < old_.doc.brackets.size(); ++ob) {
            if (kept_as(old_.doc.brackets[ob]) != kNone && !old_separators[ob].empty())
                whole_options_of(old_, ob, old_separators[ob], ChangeKind::option_removed);
        }
        const auto new_separators = separators_by_bracket(new_.doc);
        for (std::uint32_t nb = 0; nb < new_.doc.brackets.size(); ++nb) {
            if (new_bracket_kept(nb) && !new_separators[nb].empty())
                whole_options_of(new_, nb, new_separators[nb], ChangeKind::option_added);
        }
    }

    // `separators`: the bracket's own, in the order of the text.
    void whole_options_of(Side& side, std::uint32_t b, const std::vector<std::size_t>& separators,
                          ChangeKind kind) {
        const Bracket& bracket = side.doc.brackets[b];
        std::vector<std::uint32_t> marks{side.token_at(bracket.open)};
        for (const std::size_t at : separators) marks.push_back(side.token_at(at));
        marks.push_back(side.token_at(bracket.close));
        for (std::size_t k = 0; k + 1 < marks.size(); ++k) {
            const std::uint32_t first = marks[k] + 1, last = marks[k + 1];
            const auto counts = side.content(first, last);
            if (counts.first == 0 || counts.second != counts.first) continue;
            if (side.wording(first, last).first == 0) continue;
            // Its separator: the one before it, else the one after it.
            std::uint32_t separator = kNone;
            for (const std::uint32_t t : {marks[k], marks[k + 1]}) {
                const TokenKind mark = side.tokens[t].kind;
                if (separator == kNone && mark == TokenKind::separator && side.changed(t) &&
                    !side.covered[t])
                    separator = t;
            }
            if (separator == kNone) continue;
            bool free = true;
            for (std::uint32_t t = first; t < last; ++t) free = free && !side.covered[t];
            if (!free) continue;
            const std::uint32_t lo = std::min(separator, first);
            const std::uint32_t hi = std::max(separator + 1, last);
            const bool removed = kind == ChangeKind::option_removed;
            add(kind, side.text(first, last), removed ? side.range(lo, hi) : old_spot(separator),
                removed ? new_spot(separator) : side.range(lo, hi));
            side.cover(lo, hi, true);
        }
    }

    void old_brackets() {
        for (std::uint32_t i = 0; i < old_.doc.brackets.size(); ++i) {
            const Bracket& b = old_.doc.brackets[i];
            const std::uint32_t open = old_.token_at(b.open), close = old_.token_at(b.close);
            if (old_.covered[open] || kept_as(b) != kNone) continue;
            // Decided on what it held itself: a bracket nested in it says
            // what became of its own words ("[developing countries [and
            // LDCs]]" -> "developing countries" lifted the one and deleted
            // the other). Only a bracket that held nothing itself but
            // brackets goes by all it held.
            auto counts = direct_content(i);
            if (counts.first == 0) counts = old_.content(open + 1, close);
            const bool in_group = b.group != kNone;
            // Every word of it gone, only punctuation kept ("[countries,]"):
            // deleted, not lifted.
            const auto words = old_.words(open + 1, close);
            const bool no_word_kept = words.first > 0 && words.second == words.first;
            if ((mostly(counts) && counts.second > 0) || no_word_kept) {
                add(in_group ? ChangeKind::option_removed : ChangeKind::bracket_deleted,
                    old_.text(open + 1, close), b.outer(), new_spot(open));
                absorb_whole_paragraphs(Direction::deleted, b.outer());
                old_.cover(open, close + 1, true);
                old_.covered[open] = old_.covered[close] = true;
            } else if (const KeptWords kept = kept_words(i); kept.redrawn > 0) {
                // Kept wording of it stands in a bracket this change drew:
                // that part was redrawn ("[below 2 °C][below 1.5 °C]" ->
                // "below [2 °C][1.5 °C]", "[a b] c" -> "[a b c]"), not lifted,
                // and is no more agreed than it was. What stands outside any
                // new bracket was lifted, and says so. One option wholly
                // redrawn as another is an option removed and one added;
                // otherwise the new bracket (bracket-added) says where the
                // rest of the wording went.
                if (kept.lifted == 0 && in_group &&
                    new_.doc.brackets[kept.redrawn_into].group != kNone) {
                    add(ChangeKind::option_removed, old_.text(open + 1, close), b.outer(),
                        new_spot(open));
                    old_.cover(open, close + 1, true);
                    redrawn_option_[kept.redrawn_into] = true;
                }
                for (const auto& [first, last] : kept.lifted_stretches)
                    add(ChangeKind::bracket_removed, lifted_text(i, first, last),
                        old_.range(first, last + 1), new_mapped_range(first, last + 1));
                old_.covered[open] = old_.covered[close] = true;
            } else {
                add(ChangeKind::bracket_removed, old_.text(open + 1, close), b.outer(),
                    new_mapped_range(open + 1, close));
                old_.covered[open] = true;
                old_.covered[close] = true;
            }
        }
    }

    // Non-space tokens old bracket `ob` held itself (not those of brackets
    // nested in it, marks included): how many, how many changed.
    std::pair<std::size_t, std::size_t> direct_content(std::uint32_t ob) const {
        const Bracket& b = old_.doc.brackets[ob];
        std::size_t total = 0, changed_count = 0;
        for (std::uint32_t t = old_.token_at(b.open) + 1; t < old_.token_at(b.close); ++t) {
            if (is_space(old_.tokens[t].kind) || old_.innermost(t) != ob ||
                old_.bracket_opening_at(t) != kNone ||
                old_.tokens[t].kind == TokenKind::bracket_close)
                continue;
            ++total;
            changed_count += old_.changed(t);
        }
        return {total, changed_count};
    }

    // The kept wording old bracket `ob` directly held in tokens [first,
    // last]: what was lifted, without the words deleted from among it or
    // the brackets nested in it.
    std::string lifted_text(std::uint32_t ob, std::uint32_t first, std::uint32_t last) const {
        std::string out;
        bool gap = false;
        for (std::uint32_t t = first; t <= last; ++t) {
            const TokenKind kind = old_.tokens[t].kind;
            if (is_space(kind) || old_.changed(t) || old_.innermost(t) != ob || is_markup(kind)) {
                gap = gap || is_space(kind) || (old_.changed(t) && !is_markup(kind));
                continue;
            }
            if (gap && !out.empty()) out += ' ';
            gap = false;
            out += old_.doc.text(old_.tokens[t].range);
        }
        return out;
    }

    // Where the kept words old bracket `ob` directly held (its nested
    // brackets aside; punctuation is not counted) stand now: in a bracket
    // this change drew (redrawn), or not (lifted: unbracketed, or in a
    // bracket that stood before too).
    struct KeptWords {
        std::size_t redrawn = 0, lifted = 0;
        std::uint32_t redrawn_into = kNone;  // the new bracket of the first redrawn word
        // The lifted words, in stretches no redrawn word interrupts: old tokens [first, last].
        std::vector<std::pair<std::uint32_t, std::uint32_t>> lifted_stretches;
    };
    KeptWords kept_words(std::uint32_t ob) const {
        const Bracket& b = old_.doc.brackets[ob];
        const std::uint32_t open = old_.token_at(b.open), close = old_.token_at(b.close);
        KeptWords out;
        bool in_stretch = false;
        for (std::uint32_t t = open + 1; t < close; ++t) {
            if (!is_word_or_number(old_.tokens[t].kind) || old_.changed(t) ||
                old_.innermost(t) != ob)
                continue;
            const std::uint32_t nb = new_.innermost(old_.mapping[t]);
            if (nb != kNone && !new_bracket_kept(nb)) {
                if (out.redrawn++ == 0) out.redrawn_into = nb;
                in_stretch = false;
                continue;
            }
            ++out.lifted;
            if (in_stretch)
                out.lifted_stretches.back().second = t;
            else
                out.lifted_stretches.emplace_back(t, t);
            in_stretch = true;
        }
        return out;
    }

    enum class Direction { added, deleted };

    // A bracket inserted or deleted with its text may hold whole paragraphs
    // ("[Each Party may submit ... that may include:" and the items of its
    // list): the bracket says what happened to them, so they are not also
    // paragraphs added or deleted. A paragraph is held when all its words
    // are (its closing punctuation may stand after the ']').
    void absorb_whole_paragraphs(Direction direction, ByteRange bracket) {
        if (whole_paragraph_changes_ == 0) return;  // nothing to absorb, no scan of every change
        const bool added = direction == Direction::added;
        const Side& side = added ? new_ : old_;
        auto held = [&](ByteRange paragraph) {
            const auto [first, last] = token_span(side, paragraph);
            for (std::uint32_t t = first; t < last; ++t) {
                const Token& token = side.tokens[t];
                if (is_space(token.kind) || token.kind == TokenKind::punctuation) continue;
                if (token.range.begin < bracket.begin || token.range.end > bracket.end)
                    return false;
            }
            return true;
        };
        std::erase_if(changes_, [&](const Change& c) {
            const bool whole = added ? c.kind == ChangeKind::paragraph_added ||
                                           c.kind == ChangeKind::alternative_paragraph_added
                                     : c.kind == ChangeKind::paragraph_deleted ||
                                           c.kind == ChangeKind::alternative_paragraph_removed;
            return whole && held(added ? c.new_range : c.old_range);
        });
    }

    // Where the kept words of old tokens [first, last) stand in the new text;
    // white space aside, so the range never reaches across a paragraph break
    // into the paragraph next to them.
    ByteRange new_mapped_range(std::uint32_t first, std::uint32_t last) const {
        std::uint32_t lo = kNone, hi = 0;
        for (std::uint32_t t = first; t < last; ++t) {
            if (old_.changed(t) || is_space(old_.tokens[t].kind)) continue;
            lo = std::min(lo, old_.mapping[t]);
            hi = std::max(hi, old_.mapping[t] + 1);
        }
        return lo == kNone ? new_spot(first) : new_.range(lo, hi);
    }

    void new_brackets() {
        for (std::uint32_t i = 0; i < new_.doc.brackets.size(); ++i) {
            const Bracket& b = new_.doc.brackets[i];
            const std::uint32_t open = new_.token_at(b.open), close = new_.token_at(b.close);
            if (new_.covered[open] || new_bracket_kept(i)) continue;
            const auto counts = new_.content(open + 1, close);
            if (redrawn_option_[i] && !(mostly(counts) && counts.second > 0)) {
                // An option redrawn from an old one (old_brackets).
                add(ChangeKind::option_added, new_.text(open + 1, close),
                    old_mapped_range(open + 1, close), b.outer());
                new_.cover(open, close + 1, true);
                new_.covered[open] = new_.covered[close] = true;
            } else if (mostly(counts) && counts.second > 0) {
                bool joins_existing = false;
                if (b.group != kNone) {
                    for (std::uint32_t member : new_.doc.groups[b.group].brackets) {
                        const Bracket& m = new_.doc.brackets[member];
                        const std::uint32_t m_open = new_.token_at(m.open),
                                            m_close = new_.token_at(m.close);
                        if (member != i && !mostly(new_.content(m_open + 1, m_close)))
                            joins_existing = true;
                        if (member != i && new_bracket_kept(member)) joins_existing = true;
                    }
                }
                if (b.group != kNone && !joins_existing) {
                    // A whole new group: one insertion of bracketed alternatives.
                    const auto& members = new_.doc.groups[b.group].brackets;
                    if (members.front() != i) continue;
                    const std::uint32_t last =
                        new_.token_at(new_.doc.brackets[members.back()].close) + 1;
                    add(ChangeKind::bracketed_text_inserted, new_.text(open, last), old_spot(open),
                        new_.range(open, last));
                    absorb_whole_paragraphs(Direction::added, new_.range(open, last));
                    new_.cover(open, last, true);
                    continue;
                }
                add(joins_existing ? ChangeKind::option_added : ChangeKind::bracketed_text_inserted,
                    new_.text(open + 1, close), old_spot(open), b.outer());
                absorb_whole_paragraphs(Direction::added, b.outer());
                new_.cover(open, close + 1, true);
                new_.covered[open] = new_.covered[close] = true;
            } else {
                add(ChangeKind::bracket_added, new_.text(open + 1, close),
                    old_mapped_range(open + 1, close), b.outer());
                new_.covered[open] = new_.covered[close] = true;
            }
        }
    }

    // The same, for new tokens in the old text.
    ByteRange old_mapped_range(std::uint32_t first, std::uint32_t last) const {
        std::uint32_t lo = kNone, hi = 0;
        for (std::uint32_t t = first; t < last; ++t) {
            if (new_.changed(t) || is_space(new_.tokens[t].kind)) continue;
            lo = std::min(lo, new_.mapping[t]);
            hi = std::max(hi, new_.mapping[t] + 1);
        }
        return lo == kNone ? old_spot(first) : old_.range(lo, hi);
    }

    // " / " options added to or removed from a bracket that stays.
    void separators() {
        for (const Separator& s : new_.doc.separators) {
            const std::uint32_t t = new_.token_at(s.at);
            if (new_.covered[t] || !new_.changed(t)) continue;
            const auto [first, last] = changed_option(new_, t, new_.doc.brackets[s.bracket]);
            const std::string text = new_.text(first, last, true);
            add(ChangeKind::option_added, text.empty() ? new_.text(first, last) : text, old_spot(t),
                new_.range(std::min(t, first), std::max(t + 1, last)));
            new_.covered[t] = true;
            new_.cover(first, last, true);
        }
        for (const Separator& s : old_.doc.separators) {
            const std::uint32_t t = old_.token_at(s.at);
            if (old_.covered[t] || !old_.changed(t)) continue;
            const auto [first, last] = changed_option(old_, t, old_.doc.brackets[s.bracket]);
            const std::string text = old_.text(first, last, true);
            add(ChangeKind::option_removed, text.empty() ? old_.text(first, last) : text,
                old_.range(std::min(t, first), std::max(t + 1, last)), new_spot(t));
            old_.covered[t] = true;
            old_.cover(first, last, true);
        }
    }

    // The option a separator added or removed with: the one before it when
    // that one changed and no other separator took it (the diff took
    // "should / " out of "[shall / should / may]", not " / may"), else the
    // one after it.
    static std::pair<std::uint32_t, std::uint32_t> changed_option(const Side& side,
                                                                  std::uint32_t separator,
                                                                  const Bracket& bracket) {
        const std::uint32_t after_end = option_end(side, separator, bracket.close);
        const std::uint32_t start = option_start(side, separator, bracket.open);
        bool before_changed = false;
        for (std::uint32_t t = start; t < separator; ++t) {
            if (is_space(side.tokens[t].kind)) continue;
            if (side.covered[t]) return {separator + 1, after_end};
            before_changed = before_changed || side.changed(t);
        }
        if (before_changed) return {start, separator};
        return {separator + 1, after_end};
    }

    // The first token of the option before a separator: after the previous
    // separator of the same bracket, or after its opening mark.
    static std::uint32_t option_start(const Side& side, std::uint32_t separator, std::size_t open) {
        const std::uint32_t open_token = side.token_at(open);
        std::uint32_t t = separator;
        int depth = 0;
        for (; t > open_token + 1; --t) {
            const TokenKind k = side.tokens[t - 1].kind;
            if (k == TokenKind::bracket_close) ++depth;
            if (k == TokenKind::bracket_open) --depth;
            if (k == TokenKind::separator && depth == 0) break;
        }
        return t;
    }

    // The token after an option's text: the next separator of the same
    // bracket or its closing mark.
    static std::uint32_t option_end(const Side& side, std::uint32_t separator, std::size_t close) {
        std::uint32_t t = separator + 1;
        const std::uint32_t close_token = side.token_at(close);
        int depth = 0;
        for (; t < close_token; ++t) {
            const TokenKind k = side.tokens[t].kind;
            if (k == TokenKind::bracket_open) ++depth;
            if (k == TokenKind::bracket_close) --depth;
            if (k == TokenKind::separator && depth == 0) break;
        }
        return t;
    }

    void strikes() {
        for (const Strike& s : old_.doc.strikes) {
            const std::uint32_t open = old_.token_at(s.open), close = old_.token_at(s.close);
            if (old_.covered[open] || (!old_.changed(open) && !old_.changed(close))) continue;
            const auto counts = old_.content(open + 1, close);
            if (mostly(counts) && counts.second > 0) {
                add(ChangeKind::struck_text_deleted, old_.text(open + 1, close),
                    old_.range(open, close + 1), new_spot(open));
                old_.cover(open, close + 1, true);
            } else {
                add(ChangeKind::strike_removed, old_.text(open + 1, close),
                    old_.range(open, close + 1), new_mapped_range(open + 1, close));
            }
            old_.covered[open] = old_.covered[close] = true;
        }
        for (const Strike& s : new_.doc.strikes) {
            const std::uint32_t open = new_.token_at(s.open), close = new_.token_at(s.close);
            if (new_.covered[open] || (!new_.changed(open) && !new_.changed(close))) continue;
            add(ChangeKind::strike_added, new_.text(open + 1, close),
                old_mapped_range(open + 1, close), new_.range(open, close + 1));
            new_.covered[open] = new_.covered[close] = true;
        }
    }

    // What is left: words inserted, deleted or replaced. A hunk is a run of
    // changed tokens in a block's edits; what it removed from one paragraph
    // and added to one paragraph is one change, so a hunk across a
    // paragraph break (in a split or merge) is as many changes as it takes.
    void plain_text() {
        const auto& script = diff_.script;
        for (const DiffBlock& block : diff_.blocks) {
            for (std::size_t k = block.script_begin; k < block.script_end;) {
                if (script[k].kind == EditKind::common) {
                    ++k;
                    continue;
                }
                std::size_t end = k;
                while (end < block.script_end && script[end].kind != EditKind::common) ++end;
                hunk(k, end);
                k = end;
            }
        }
    }

    // The words a hunk changed that no change explains yet, in runs: a run
    // ends at a paragraph break, at the line break before an item of a list
    // ("\n    2. To increase"), and at a token explained already (the
    // deleted bracket between two deleted phrases is not said again).
    void hunk(std::size_t begin, std::size_t end) {
        std::vector<std::vector<std::uint32_t>> removed, added;
        auto collect = [](const Side& side, std::uint32_t t,
                          std::vector<std::vector<std::uint32_t>>& runs, std::uint32_t& paragraph,
                          bool& broken) {
            if (is_space(side.tokens[t].kind)) {
                broken = broken || side.starts_list_item(t);
                return;
            }
            if (side.covered[t]) {
                broken = true;
                return;
            }
            if (runs.empty() || broken || side.paragraph(t) != paragraph) runs.emplace_back();
            paragraph = side.paragraph(t), broken = false;
            runs.back().push_back(t);
        };
        std::uint32_t old_paragraph = kNone, new_paragraph = kNone;
        bool old_broken = false, new_broken = false;
        for (std::size_t e = begin; e < end; ++e) {
            const Edit& edit = diff_.script[e];
            if (edit.kind == EditKind::removed) {
                collect(old_, edit.old_index, removed, old_paragraph, old_broken);
            } else {
                collect(new_, edit.new_index, added, new_paragraph, new_broken);
            }
        }
        pair_runs(removed, added);
    }

    // Which removed run became which added run: in order, the pairs sharing
    // the most words (2 * shared / both); a pair sharing none still beats
    // two lone runs, so runs that share nothing pair in order. A run left
    // alone was deleted or inserted.
    void pair_runs(const std::vector<std::vector<std::uint32_t>>& removed,
                   const std::vector<std::vector<std::uint32_t>>& added) {
        const std::size_t m = removed.size(), n = added.size();
        if (m == 1 && n == 1) return text_change(removed[0], added[0]);
        if (m == 0 || n == 0) {
            for (const auto& run : removed) text_change(run, {});
            for (const auto& run : added) text_change({}, run);
            return;
        }
        // Too many runs to weigh each pair (a page rewritten at random): in
        // order, as runs that share nothing pair.
        if (std::uint64_t(m) * n > kMostRunPairs) {
            for (std::size_t k = 0; k < std::max(m, n); ++k) {
                text_change(k < m ? removed[k] : std::vector<std::uint32_t>{},
                            k < n ? added[k] : std::vector<std::uint32_t>{});
            }
            return;
        }
        // Each run's ids, sorted once.
        const auto sorted_ids = [](const std::vector<std::vector<std::uint32_t>>& runs,
                                   const std::vector<std::uint32_t>& ids) {
            std::vector<std::vector<std::uint32_t>> out;
            out.reserve(runs.size());
            for (const auto& run : runs) {
                std::vector<std::uint32_t>& x = out.emplace_back();
                for (const std::uint32_t t : run) x.push_back(ids[t]);
                std::sort(x.begin(), x.end());
            }
            return out;
        };
        const auto removed_ids = sorted_ids(removed, old_.ids),
                   added_ids = sorted_ids(added, new_.ids);
        auto likeness = [&](std::size_t i, std::size_t j) {
            const std::vector<std::uint32_t>& x = removed_ids[i];
            const std::vector<std::uint32_t>& y = added_ids[j];
            std::size_t both = 0;
            for (std::size_t a = 0, b = 0; a < x.size() && b < y.size();) {
                if (x[a] < y[b]) {
                    ++a;
                } else if (y[b] < x[a]) {
                    ++b;
                } else {
                    ++both, ++a, ++b;
                }
            }
            return 2.0 * double(both) / double(x.size() + y.size()) + 0.01;
        };
        std::vector<double> best((m + 1) * (n + 1), 0.0);
        auto at = [&](std::size_t i, std::size_t j) { return i * (n + 1) + j; };
        for (std::size_t i = 1; i <= m; ++i) {
            for (std::size_t j = 1; j <= n; ++j) {
                best[at(i, j)] = std::max({best[at(i - 1, j)], best[at(i, j - 1)],
                                           best[at(i - 1, j - 1)] + likeness(i - 1, j - 1)});
            }
        }
        std::vector<std::pair<std::size_t, std::size_t>> steps;  // (i, j), kNone for alone
        for (std::size_t i = m, j = n; i > 0 || j > 0;) {
            if (i > 0 && j > 0 &&
                best[at(i, j)] == best[at(i - 1, j - 1)] + likeness(i - 1, j - 1)) {
                steps.push_back({--i, --j});
            } else if (i > 0 && (j == 0 || best[at(i, j)] == best[at(i - 1, j)])) {
                steps.push_back({--i, kNone});
            } else {
                steps.push_back({kNone, --j});
            }
        }
        for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
            text_change(it->first == kNone ? std::vector<std::uint32_t>{} : removed[it->first],
                        it->second == kNone ? std::vector<std::uint32_t>{} : added[it->second]);
        }
    }

    // One change of wording: `removed` old tokens, `added` new ones (no
    // spaces), each within one paragraph. Tokens alike at both ends are no
    // change, and emphasis alone is formatting, with no negotiation meaning.
    void text_change(const std::vector<std::uint32_t>& removed_run,
                     const std::vector<std::uint32_t>& added_run) {
        auto words = [](const Side& side, const std::vector<std::uint32_t>& run) {
            std::vector<std::uint32_t> out;
            for (const std::uint32_t t : run)
                if (side.tokens[t].kind != TokenKind::emphasis) out.push_back(t);
            return out;
        };
        const std::vector<std::uint32_t> old_words = words(old_, removed_run),
                                         new_words = words(new_, added_run);
        std::size_t lead = 0, trail = 0;
        while (lead < old_words.size() && lead < new_words.size() &&
               old_.ids[old_words[lead]] == new_.ids[new_words[lead]])
            ++lead;
        while (trail < old_words.size() - lead && trail < new_words.size() - lead &&
               old_.ids[old_words[old_words.size() - 1 - trail]] ==
                   new_.ids[new_words[new_words.size() - 1 - trail]])
            ++trail;
        // What changed: from the first word that changed (the run's start if
        // none was alike before it) to the last.
        auto changed = [&](const std::vector<std::uint32_t>& run,
                           const std::vector<std::uint32_t>& kept) -> std::vector<std::uint32_t> {
            if (lead + trail >= kept.size()) return {};
            return {lead == 0 ? run.front() : kept[lead],
                    trail == 0 ? run.back() : kept[kept.size() - 1 - trail]};
        };
        const std::vector<std::uint32_t> removed = changed(removed_run, old_words),
                                         added = changed(added_run, new_words);
        std::string before, after;
        if (!removed.empty()) before = old_.text(removed.front(), removed.back() + 1);
        if (!added.empty()) after = new_.text(added.front(), added.back() + 1);
        const ByteRange old_range = !removed.empty()
                                        ? old_.range(removed.front(), removed.back() + 1)
                                    : !added.empty() ? old_spot(added.front())
                                                     : ByteRange{};
        const ByteRange new_range = !added.empty()     ? new_.range(added.front(), added.back() + 1)
                                    : !removed.empty() ? new_spot(removed.front())
                                                       : ByteRange{};
        if (before == after) {
            // The same words taken out and put back: no change in wording.
        } else if (!before.empty() && !after.empty()) {
            add(ChangeKind::text_replaced, after, old_range, new_range, before);
        } else if (!after.empty()) {
            add(ChangeKind::text_inserted, after, old_range, new_range);
        } else {
            add(ChangeKind::text_deleted, before, old_range, new_range);
        }
    }

    ParagraphDiff diff_;
    Side old_;
    Side new_;
    std::vector<Change> changes_;
    // Paragraphs reported added or deleted (absorb_whole_paragraphs may
    // take some back): none, and no bracket needs to look for them.
    std::size_t whole_paragraph_changes_ = 0;
    // Per new bracket: an option redrawn from an old option (old_brackets).
    std::vector<bool> redrawn_option_ = std::vector<bool>(new_.doc.brackets.size(), false);
};

}  // namespace

namespace {

// Tokens [from, to) of `all`, at offsets from `begin`.
InternedTokens slice_tokens(const InternedTokens& all, std::uint32_t from, std::uint32_t to,
                            std::size_t begin) {
    InternedTokens out;
    out.tokens.assign(all.tokens.begin() + from, all.tokens.begin() + to);
    const auto shift = static_cast<std::uint32_t>(begin);
    for (Token& t : out.tokens) t.range = TokenRange(t.range.begin - shift, t.range.end - shift);
    out.ids.assign(all.ids.begin() + from, all.ids.begin() + to);
    return out;
}

// The tokens [from, to) that tile bytes [begin, end), if a token starts
// at `begin` and one ends at `end`.
std::optional<std::pair<std::uint32_t, std::uint32_t>> tokens_tiling(
    const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
    auto starting_at = [&](std::size_t at) {
        return static_cast<std::uint32_t>(
            std::lower_bound(tokens.begin(), tokens.end(), at,
                             [](const Token& t, std::size_t x) { return t.range.begin < x; }) -
            tokens.begin());
    };
    const std::uint32_t from = starting_at(begin), to = starting_at(end);
    if (from >= to || tokens[from].range.begin != begin || tokens[to - 1].range.end != end)
        return std::nullopt;
    return std::pair{from, to};
}

// Dense ids by interned id, for the few hundred words of a stretch: open
// addressing in a table that stays in the processor's cache.
class IdTable {
  public:
    explicit IdTable(std::size_t most) {
        std::size_t size = 16;
        while (size < 2 * most) size *= 2;
        slots_.assign(size, {kNone, 0});
        mask_ = size - 1;
    }
    void add(std::uint32_t id, std::uint32_t value) {
        std::size_t k = slot(id);
        while (slots_[k].first != kNone && slots_[k].first != id) k = (k + 1) & mask_;
        slots_[k] = {id, value};
    }
    // The value of `id`, or kNone if it was not added.
    std::uint32_t find(std::uint32_t id) const {
        std::size_t k = slot(id);
        while (slots_[k].first != id) {
            if (slots_[k].first == kNone) return kNone;
            k = (k + 1) & mask_;
        }
        return slots_[k].second;
    }

  private:
    std::size_t slot(std::uint32_t id) const {
        return static_cast<std::size_t>((id * std::uint64_t{0x9E3779B97F4A7C15}) >> 40) & mask_;
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> slots_;
    std::size_t mask_ = 0;
};

// The ids of a stretch's tokens, as interned and as numbered by first appearance.
struct StretchIds {
    const std::vector<std::uint32_t>& interned;
    const std::vector<std::uint32_t>& dense;
};

// How many of `doc`'s paragraphs outside the stretch (paragraphs [first,
// first + count), whose tokens end before token `to` of `all`) hold each
// word of the stretches of both texts: holders[dense id]. Read in the older
// text: the newer holds the same paragraphs around.
SharedParagraphs words_around(const Document& doc, const InternedTokens& all, std::uint32_t first,
                              std::uint32_t count, std::uint32_t to,
                              std::initializer_list<StretchIds> stretches) {
    SharedParagraphs out;
    out.count = static_cast<std::uint32_t>(doc.paragraphs.size()) - count;
    // The stretch's words, by their interned id: a bit each (the ids an
    // interner of many texts gives run to millions; the words of a stretch
    // are a few hundred), then their dense id.
    thread_local std::vector<std::uint64_t> bits;
    // Dense ids number the distinct words (and marks) of the stretches.
    std::uint32_t distinct = 0;
    for (const StretchIds& ids : stretches)
        for (const std::uint32_t id : ids.dense) distinct = std::max(distinct, id + 1);
    IdTable dense_of(distinct);
    std::uint32_t largest = 0, largest_dense = 0;
    for (const StretchIds& ids : stretches)
        for (const std::uint32_t id : ids.interned) largest = std::max(largest, id);
    if (bits.size() <= largest / 64) bits.resize(largest / 64 + 1, 0);
    // All clear again on the way out, whatever happens.
    struct Clear {
        std::initializer_list<StretchIds> stretches;
        ~Clear() {
            for (const StretchIds& ids : stretches)
                for (const std::uint32_t id : ids.interned) bits[id / 64] = 0;
        }
    } clear{stretches};
    for (const StretchIds& ids : stretches) {
        for (std::size_t k = 0; k < ids.interned.size(); ++k) {
            const std::uint32_t id = ids.interned[k];
            if (ids.dense[k] < kFirstWordId || (bits[id / 64] >> (id % 64) & 1)) continue;
            bits[id / 64] |= std::uint64_t{1} << (id % 64);
            dense_of.add(id, ids.dense[k]);
            largest_dense = std::max(largest_dense, ids.dense[k]);
        }
    }
    out.holders.assign(std::size_t(largest_dense) + 1, 0);
    std::vector<std::uint32_t> last(out.holders.size(), kNone);
    // Paragraph by paragraph outside the stretch: paragraph p's tokens run
    // from its start to the next paragraph's (the tokens before the first
    // paragraph belong to none).
    const std::uint64_t* const bit = bits.data();
    const std::uint32_t words = largest / 64 + 1;
    const std::uint32_t paragraphs = static_cast<std::uint32_t>(doc.paragraphs.size());
    auto count_paragraphs = [&](std::uint32_t p, std::uint32_t p_end, std::uint32_t t) {
        for (; p < p_end; ++p) {
            const std::size_t begin = doc.paragraphs[p].range.begin;
            const std::size_t end =
                p + 1 < paragraphs ? doc.paragraphs[p + 1].range.begin : SIZE_MAX;
            while (t < all.tokens.size() && all.tokens[t].range.begin < begin) ++t;
            for (; t < all.tokens.size() && all.tokens[t].range.begin < end; ++t) {
                if (!is_word_or_number(all.tokens[t].kind)) continue;
                const std::uint32_t id = all.ids[t];
                if (id / 64 >= words || !(bit[id / 64] >> (id % 64) & 1)) continue;
                const std::uint32_t dense = dense_of.find(id);
                if (dense != kNone && last[dense] != p) last[dense] = p, ++out.holders[dense];
            }
        }
    };
    count_paragraphs(0, first, 0);
    count_paragraphs(first + count, paragraphs, to);
    return out;
}

// The changes between the stretches of `window`, at their places in the
// whole texts, from the whole texts' tokens (interned by one interner);
// nullopt if the tokens do not tile the stretches (a token across a cut).
std::optional<std::vector<Change>> diff_in_window(const Document& before, const Document& after,
                                                  DiffWindow window, const InternedTokens& a,
                                                  const InternedTokens& b) {
    auto old_tokens = tokens_tiling(a.tokens, window.begin, window.old_end);
    auto new_tokens = tokens_tiling(b.tokens, window.begin, window.new_end);
    if (!old_tokens || !new_tokens) return std::nullopt;
    // The white space after the stretch's last paragraph is the stretch's,
    // as the whole comparison gives it to that paragraph: a paragraph added
    // after it stands after that space, as in the whole comparison.
    auto take_space_after = [](const std::vector<Token>& tokens, std::uint32_t& to,
                               std::size_t& end) {
        if (to < tokens.size() && tokens[to].range.begin == end && is_space_token(tokens[to].kind))
            end = tokens[to++].range.end;
    };
    take_space_after(a.tokens, old_tokens->second, window.old_end);
    take_space_after(b.tokens, new_tokens->second, window.new_end);
    InternedTokens old_slice = slice_tokens(a, old_tokens->first, old_tokens->second, window.begin);
    InternedTokens new_slice = slice_tokens(b, new_tokens->first, new_tokens->second, window.begin);
    const std::vector<std::uint32_t> old_interned = old_slice.ids, new_interned = new_slice.ids;
    number_by_first_appearance(old_slice.ids, new_slice.ids);
    const SharedParagraphs around =
        words_around(before, a, window.first_paragraph, window.old_paragraphs, old_tokens->second,
                     {{old_interned, old_slice.ids}, {new_interned, new_slice.ids}});

    const Document old_part = slice_document(before, window.begin, window.old_end,
                                             window.first_paragraph, window.old_paragraphs);
    const Document new_part = slice_document(after, window.begin, window.new_end,
                                             window.first_paragraph, window.new_paragraphs);
    std::vector<Change> changes = Lifter(old_part, new_part,
                                         diff_paragraphs(old_part, new_part, std::move(old_slice),
                                                         std::move(new_slice), around))
                                      .run();
    for (Change& c : changes) {
        c.old_range = {c.old_range.begin + window.begin, c.old_range.end + window.begin};
        c.new_range = {c.new_range.begin + window.begin, c.new_range.end + window.begin};
    }
    return changes;
}

}  // namespace

namespace {

// The changes from both texts' tokens: in `window` if there is one and its
// cuts fall between tokens, else over the whole texts.
std::vector<Change> diff_interned_texts(const Document& before, const Document& after,
                                        const std::optional<DiffWindow>& window,
                                        const InternedTokens& a, const InternedTokens& b) {
    if (window) {
        if (std::optional<std::vector<Change>> changes =
                diff_in_window(before, after, *window, a, b))
            return std::move(*changes);
    }
    return Lifter(before, after, diff_paragraphs(before, after, a, b)).run();
}

}  // namespace

std::vector<Change> structural_diff(const Document& before, const Document& after) {
    const std::optional<DiffWindow> window = find_diff_window(before, after);
    if (!window) return structural_diff_whole(before, after);
    const auto [a, b] = intern_for_diff(before, after);
    return diff_interned_texts(before, after, window, a, b);
}

std::vector<Change> structural_diff(const Document& before, const Document& after,
                                    const InternedTokens& before_tokens,
                                    const InternedTokens& after_tokens) {
    return diff_interned_texts(before, after, find_diff_window(before, after), before_tokens,
                               after_tokens);
}

std::vector<Change> structural_diff_whole(const Document& before, const Document& after) {
    return Lifter(before, after, diff_paragraphs(before, after)).run();
}

}  // namespace accord
