#include "merge/merge3/merge3_options.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/util/text.hpp"

namespace accord::token_merge {

namespace {

// A list's form: brackets side by side, or one bracket with " / " inside.
enum class Form { group, slash };

struct OptionList {
    std::uint32_t b0, b1;  // base tokens, from its first '[' to past its last ']'
    Form form;
};

std::uint32_t token_at(const std::vector<Token>& tokens, std::size_t offset) {
    const auto it =
        std::upper_bound(tokens.begin(), tokens.end(), offset,
                         [](std::size_t o, const Token& t) { return o < t.range.begin; });
    return static_cast<std::uint32_t>(it - tokens.begin()) - 1;
}

// The base's groups of two or more brackets, and its brackets of slash
// options outside a group, that lie within one paragraph.
std::vector<OptionList> option_lists(const MergeInputs& in) {
    const Document& doc = in.base().doc;
    const std::vector<Token>& tokens = in.base().tokens;
    std::vector<OptionList> out;
    for (const AlternativesGroup& g : doc.groups) {
        if (g.brackets.size() < 2) continue;
        const Bracket &first = doc.brackets[g.brackets.front()],
                      &last = doc.brackets[g.brackets.back()];
        if (first.open_paragraph != last.close_paragraph) continue;
        out.push_back(
            {token_at(tokens, first.open), token_at(tokens, last.close) + 1, Form::group});
    }
    for (const Bracket& b : doc.brackets) {
        if (b.separators == 0 || b.group != kNone || b.spans_paragraphs() || b.parent != kNone)
            continue;
        out.push_back({token_at(tokens, b.open), token_at(tokens, b.close) + 1, Form::slash});
    }
    std::sort(out.begin(), out.end(),
              [](const OptionList& x, const OptionList& y) { return x.b0 < y.b0; });
    return out;
}

// The options of a side's tokens [from, to) in `form`, each as written
// (a bracket "[a]", or a slash option's words); nullopt when they are not
// such a list. `separator` gets how the side spells a slash between two
// options (" / ", or "/" where the notation allows it), when it has two.
std::optional<std::vector<std::string>> options_in(Text side, std::uint32_t from, std::uint32_t to,
                                                   Form form, std::string* separator = nullptr) {
    const auto [a, z] = words_within(side, from, to);
    if (a == z || side.tokens[a].kind != TokenKind::bracket_open ||
        side.tokens[z - 1].kind != TokenKind::bracket_close)
        return std::nullopt;
    std::vector<std::string> options;
    int depth = 0;
    std::uint32_t start = form == Form::group ? a : a + 1;
    for (std::uint32_t k = a; k < z; ++k) {
        const TokenKind kind = side.tokens[k].kind;
        if (kind == TokenKind::bracket_open) ++depth;
        if (kind == TokenKind::paragraph_break || kind == TokenKind::label) return std::nullopt;
        if (form == Form::group) {
            if (kind == TokenKind::bracket_close && --depth == 0) {
                options.push_back(text_of(side, start, k + 1));
                start = k + 1;
                if (k + 1 < z && side.tokens[k + 1].kind != TokenKind::bracket_open)
                    return std::nullopt;  // words between brackets: no group
            }
            continue;
        }
        const bool ends_option = (kind == TokenKind::separator && depth == 1) ||
                                 (kind == TokenKind::bracket_close && depth == 1 && k + 1 == z);
        if (kind == TokenKind::bracket_close) --depth;
        if (depth == 0 && k + 1 < z) return std::nullopt;  // more than one bracket
        if (!ends_option) continue;
        const auto [oa, oz] = words_within(side, start, k);
        if (oa == oz) return std::nullopt;
        options.push_back(text_of(side, oa, oz));
        if (separator && kind == TokenKind::separator && separator->empty()) {
            const std::uint32_t next = words_within(side, k + 1, z).begin;
            *separator = text_of(side, oz, next);
        }
        start = k + 1;
    }
    if (options.empty()) return std::nullopt;
    return options;
}

// A side's list of options, whichever its form: the options' own wording
// (a bracket's inside, or a slash option's words), so that a group a side
// turned into slash options, or back, merges option by option still.
struct AnyList {
    std::vector<std::string> options;
    Form form;
};

std::optional<AnyList> any_list(Text side, std::uint32_t from, std::uint32_t to,
                                std::string* separator = nullptr) {
    if (auto group = options_in(side, from, to, Form::group); group && group->size() >= 2) {
        for (std::string& option : *group) option = option.substr(1, option.size() - 2);
        return AnyList{std::move(*group), Form::group};
    }
    if (auto slash = options_in(side, from, to, Form::slash, separator))
        return AnyList{std::move(*slash), Form::slash};
    return std::nullopt;
}

// A side that chose one of the base's options (its brackets lifted, the
// others gone: "[shall / should]" made "shall") as a list of that one
// option, so that the other side's edit of the list merges with the choice
// ("[shall / should / may]" and "shall" make "[shall / may]") instead of
// standing beside it as an alternative; nullopt for any other wording.
std::optional<AnyList> chosen_option(Text side, std::uint32_t from, std::uint32_t to,
                                     const AnyList& base) {
    const auto [a, z] = words_within(side, from, to);
    if (a == z) return std::nullopt;
    for (std::uint32_t k = a; k < z; ++k) {
        const TokenKind kind = side.tokens[k].kind;
        if (is_mark(kind) || kind == TokenKind::paragraph_break || kind == TokenKind::label)
            return std::nullopt;
    }
    std::string words = text_of(side, a, z);
    if (std::find(base.options.begin(), base.options.end(), words) == base.options.end())
        return std::nullopt;
    return AnyList{{std::move(words)}, base.form};
}

// Both sides' lists over one place: each side's options as written, or the
// option a side chose. A choice is read so only where the other side kept
// that option among its own: a choice against the chosen option dropped,
// replaced or edited, or against another choice, is a disagreement for the
// usual rules, never a list with both sides' wordings gone.
struct SideLists {
    AnyList ours, theirs;
    bool ours_chose = false, theirs_chose = false;
};
std::optional<SideLists> side_lists(const MergeInputs& in, const AnyList& base, std::uint32_t o0,
                                    std::uint32_t o1, std::uint32_t t0, std::uint32_t t1,
                                    std::string* separator = nullptr) {
    std::optional<AnyList> ours = any_list(in.ours(), o0, o1, separator);
    std::optional<AnyList> theirs = any_list(in.theirs(), t0, t1, separator);
    const bool ours_chose = !ours, theirs_chose = !theirs;
    if (ours_chose) ours = chosen_option(in.ours(), o0, o1, base);
    if (theirs_chose) theirs = chosen_option(in.theirs(), t0, t1, base);
    if (!ours || !theirs || (ours_chose && theirs_chose)) return std::nullopt;
    const auto keeps = [](const AnyList& list, const std::string& option) {
        return std::find(list.options.begin(), list.options.end(), option) != list.options.end();
    };
    if (ours_chose && !keeps(*theirs, ours->options.front())) return std::nullopt;
    if (theirs_chose && !keeps(*ours, theirs->options.front())) return std::nullopt;
    return SideLists{std::move(*ours), std::move(*theirs), ours_chose, theirs_chose};
}

// The list merge: ours' options in ours' order, less those theirs dropped
// from the base; each option a side added stands after the base option it
// follows on that side (or first), ours' additions there before theirs'.
// An option that replaced another so stays in that one's place: "[a][b]"
// made "[a][d]" and "[c][b]" merges as "[c][d]". Every option once.
std::vector<std::string> merged_options(const std::vector<std::string>& base,
                                        const std::vector<std::string>& ours,
                                        const std::vector<std::string>& theirs) {
    // Looked up by hash: a group of thousands of options merges in linear time.
    const std::unordered_set<std::string_view> in_base(base.begin(), base.end()),
        in_ours(ours.begin(), ours.end()), in_theirs(theirs.begin(), theirs.end());
    std::unordered_set<std::string_view> taken;
    // Places: the base options in ours' order; "" is the first place.
    std::vector<std::string_view> places = {""};
    std::unordered_map<std::string_view, std::vector<std::string>> ours_after, theirs_after;
    std::string_view anchor;
    for (const std::string& o : ours) {
        if (taken.count(o)) continue;
        if (in_base.count(o)) {
            places.push_back(o);
            anchor = o;
            if (in_theirs.count(o)) taken.insert(o);  // else theirs dropped it
            continue;
        }
        taken.insert(o);
        ours_after[anchor].push_back(o);
    }
    // Theirs' additions follow the nearest base option before them that
    // ours has too (or come first).
    anchor = "";
    for (const std::string& t : theirs) {
        if (in_base.count(t)) {
            if (in_ours.count(t)) anchor = t;
            continue;  // kept above, or dropped by ours
        }
        if (taken.count(t)) continue;
        taken.insert(t);
        theirs_after[anchor].push_back(t);
    }
    std::vector<std::string> out;
    std::unordered_set<std::string_view> placed;
    for (const std::string_view place : places) {
        if (!place.empty() && in_theirs.count(place) && placed.insert(place).second)
            out.emplace_back(place);
        for (auto* additions : {&ours_after, &theirs_after}) {
            if (const auto it = additions->find(place); it != additions->end()) {
                out.insert(out.end(), it->second.begin(), it->second.end());
                additions->erase(it);
            }
        }
    }
    return out;
}

}  // namespace

std::vector<bool> gather_option_lists(const MergeInputs& in, std::vector<Chunk>& chunks) {
    std::vector<bool> lists(chunks.size(), false);
    for (const OptionList& list : option_lists(in)) {
        // The chunks over the list, and those inserting right at its edges.
        std::size_t first = chunks.size(), last = 0;
        bool ours_changed = false, theirs_changed = false;
        for (std::size_t c = 0; c < chunks.size(); ++c) {
            const Chunk& x = chunks[c];
            if (x.empty() || x.b0 > list.b1 || x.b1 < list.b0) continue;
            // Only touching the list: a stable stretch, or a change of the
            // words before or after it (an insertion at its edge is in).
            if ((x.stable || x.b0 < x.b1) && (x.b1 <= list.b0 || x.b0 >= list.b1)) continue;
            first = std::min(first, c), last = std::max(last, c);
            if (x.stable) continue;
            const std::string b = text_of(in.base(), x.b0, x.b1);
            ours_changed = ours_changed || text_of(in.ours(), x.o0, x.o1) != b;
            theirs_changed = theirs_changed || text_of(in.theirs(), x.t0, x.t1) != b;
        }
        if (!ours_changed || !theirs_changed) continue;
        // A change reaching past the list's edges is no change of the list.
        if ((!chunks[first].stable && chunks[first].b0 < list.b0) ||
            (!chunks[last].stable && chunks[last].b1 > list.b1))
            continue;
        if (std::any_of(lists.begin() + static_cast<std::ptrdiff_t>(first),
                        lists.begin() + static_cast<std::ptrdiff_t>(last) + 1,
                        [](bool b) { return b; }))
            continue;
        // Cut the stable chunks at the edges: the parts outside stay stable.
        Chunk before = chunks[first], after = chunks[last];
        Chunk joined{0, 0, 0, 0, 0, 0, false};
        if (before.stable && before.b0 < list.b0) {
            const std::uint32_t n = list.b0 - before.b0;
            joined.b0 = list.b0, joined.o0 = before.o0 + n, joined.t0 = before.t0 + n;
            before.b1 = joined.b0, before.o1 = joined.o0, before.t1 = joined.t0;
        } else {
            joined.b0 = before.b0, joined.o0 = before.o0, joined.t0 = before.t0;
            before.b1 = before.b0, before.o1 = before.o0, before.t1 = before.t0;  // nothing left
        }
        if (after.stable && after.b1 > list.b1) {
            const std::uint32_t n = list.b1 - after.b0;
            joined.b1 = list.b1, joined.o1 = after.o0 + n, joined.t1 = after.t0 + n;
            after.b0 = joined.b1, after.o0 = joined.o1, after.t0 = joined.t1;
        } else {
            joined.b1 = after.b1, joined.o1 = after.o1, joined.t1 = after.t1;
            after.b0 = after.b1, after.o0 = after.o1, after.t0 = after.t1;  // nothing left
        }
        // What each side now has there must still be a list of options (in
        // either form: slash options made a group merge option by option),
        // or one of the base's options chosen.
        const auto base_list = any_list(in.base(), joined.b0, joined.b1);
        if (!options_in(in.base(), joined.b0, joined.b1, list.form) || !base_list ||
            !side_lists(in, *base_list, joined.o0, joined.o1, joined.t0, joined.t1))
            continue;
        std::vector<Chunk> next(chunks.begin(),
                                chunks.begin() + static_cast<std::ptrdiff_t>(first));
        std::vector<bool> next_lists(lists.begin(),
                                     lists.begin() + static_cast<std::ptrdiff_t>(first));
        for (const auto& [x, is_list] :
             {std::pair(before, false), std::pair(joined, true), std::pair(after, false)}) {
            if (x.empty()) continue;
            next.push_back(x);
            next_lists.push_back(is_list);
        }
        next.insert(next.end(), chunks.begin() + static_cast<std::ptrdiff_t>(last) + 1,
                    chunks.end());
        next_lists.insert(next_lists.end(), lists.begin() + static_cast<std::ptrdiff_t>(last) + 1,
                          lists.end());
        chunks = std::move(next);
        lists = std::move(next_lists);
    }
    return lists;
}

namespace {

// The lower-cased words of an option, its marks and punctuation left out.
std::vector<std::string> option_words(std::string_view option) {
    std::vector<std::string> out;
    std::string word;
    for (const char c : option) {
        if (is_word_byte(c)) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

// The options one side added that the base and the other side do not
// have, in that side's order, found by the words they hold: the first not
// yet taken that shares a word with an option, in time linear in their
// words (a group of 40,000 options, each dropped and one added per side,
// compared each with each, took minutes).
class AddedOptions {
  public:
    AddedOptions(const std::vector<std::string>& side,
                 const std::unordered_set<std::string_view>& in_base,
                 const std::unordered_set<std::string_view>& in_other) {
        std::unordered_set<std::string_view> seen;
        for (const std::string& option : side) {
            if (in_base.count(option) || in_other.count(option) || !seen.insert(option).second)
                continue;
            const std::size_t index = options_.size();
            options_.push_back(&option);
            for (std::string& word : option_words(option)) {
                std::vector<std::size_t>& list = by_word_[std::move(word)].indices;
                if (list.empty() || list.back() != index) list.push_back(index);
            }
        }
        taken_.assign(options_.size(), false);
    }

    // The first option not taken that shares a word of `words`, taken; null
    // when there is none.
    const std::string* take_sharing(const std::vector<std::string>& words) {
        std::size_t first = options_.size();
        for (const std::string& word : words) {
            const auto it = by_word_.find(word);
            if (it == by_word_.end()) continue;
            Postings& p = it->second;
            while (p.head < p.indices.size() && taken_[p.indices[p.head]]) ++p.head;
            if (p.head < p.indices.size()) first = std::min(first, p.indices[p.head]);
        }
        if (first == options_.size()) return nullptr;
        taken_[first] = true;
        return options_[first];
    }

  private:
    struct Postings {
        std::vector<std::size_t> indices;  // ascending
        std::size_t head = 0;              // those before it are taken
    };
    std::vector<const std::string*> options_;
    std::vector<bool> taken_;
    std::unordered_map<std::string, Postings> by_word_;
};

// An option of the base both sides dropped, where one side added an option
// sharing its words ("full access" -> "full and fair access") that the
// other did not: that side edited it, the other deleted it. The edit is
// kept as an option (merged_options); the disagreement is the chair's to see.
// Each added option is named once, and each dropped wording once.
std::vector<Disagreement> edits_of_dropped_options(const std::vector<std::string>& base,
                                                   const std::vector<std::string>& ours,
                                                   const std::vector<std::string>& theirs) {
    std::vector<Disagreement> out;
    using Set = std::unordered_set<std::string_view>;
    const Set in_base(base.begin(), base.end()), in_ours(ours.begin(), ours.end()),
        in_theirs(theirs.begin(), theirs.end());
    AddedOptions ours_added(ours, in_base, in_theirs), theirs_added(theirs, in_base, in_ours);
    Set done;
    for (const std::string& dropped : base) {
        if (in_ours.count(dropped) || in_theirs.count(dropped) || !done.insert(dropped).second)
            continue;
        const std::vector<std::string> words = option_words(dropped);
        const std::string *by_ours = ours_added.take_sharing(words),
                          *by_theirs = theirs_added.take_sharing(words);
        if (!by_ours && !by_theirs) continue;
        if (by_ours && by_theirs) {  // each side edited it its own way: both options stand
            out.push_back({DisagreementKind::alternatives, 0, *by_ours, *by_theirs, ""});
        } else {
            out.push_back({DisagreementKind::edited_deleted, 0, by_ours ? *by_ours : "(deleted)",
                           by_theirs ? *by_theirs : "(deleted)", ""});
        }
    }
    return out;
}

}  // namespace

std::optional<std::string> merge_option_list(const MergeInputs& in, const Chunk& x,
                                             std::vector<Disagreement>& disagreements) {
    // Each side's list in its own form; the merged list in ours' form.
    std::string separator;                        // as ours spells it, else the base, else theirs
    any_list(in.ours(), x.o0, x.o1, &separator);  // ours' spelling first
    const auto base = any_list(in.base(), x.b0, x.b1, &separator);
    if (!base) return std::nullopt;
    const std::optional<SideLists> sides =
        side_lists(in, *base, x.o0, x.o1, x.t0, x.t1, &separator);
    if (!sides) return std::nullopt;
    const AnyList *ours = &sides->ours, *theirs = &sides->theirs;
    const bool ours_chose = sides->ours_chose, theirs_chose = sides->theirs_chose;
    if (separator.empty()) separator = " / ";
    const std::vector<std::string> merged =
        merged_options(base->options, ours->options, theirs->options);
    if (merged.empty()) return std::nullopt;
    disagreements = edits_of_dropped_options(base->options, ours->options, theirs->options);
    if (ours_chose || theirs_chose) {
        // One side's choice, the other's edit of the list: the list stays
        // bracketed, as a lift against an edit inside keeps the bracket
        // (agreement on the old options does not cover the edited list).
        disagreements.push_back(
            {DisagreementKind::kept_bracketed, 0, ours_chose ? "lifted" : "edited",
             theirs_chose ? "lifted" : "edited", text_of(in.base(), x.b0, x.b1)});
    }
    // A list of one option says nothing of its form: ours' form, else
    // theirs', else the base's.
    Form form = base->form;
    for (const AnyList* side : {&*ours, &*theirs}) {
        if (side->options.size() >= 2) {
            form = side->form;
            break;
        }
    }
    std::string core;
    if (form == Form::group) {
        for (const std::string& option : merged) core += "[" + option + "]";
    } else {
        core = "[";
        for (std::size_t k = 0; k < merged.size(); ++k)
            core += (k ? separator : std::string()) + merged[k];
        core += "]";
    }
    // Ours' white space around the list.
    const auto [a, z] = words_within(in.ours(), x.o0, x.o1);
    return text_of(in.ours(), x.o0, a) + core + text_of(in.ours(), z, x.o1);
}

}  // namespace accord::token_merge
