#include "merge/merge3/merge3.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <tuple>

#include "core/notation/diagnostic.hpp"
#include "core/notation/front_matter.hpp"
#include "core/util/text.hpp"
#include "merge/diff/renames.hpp"
#include "merge/merge3/merge3_added_brackets.hpp"
#include "merge/merge3/merge3_attached.hpp"
#include "merge/merge3/merge3_chunks.hpp"
#include "merge/merge3/merge3_inputs.hpp"
#include "merge/merge3/merge3_moves.hpp"
#include "merge/merge3/merge3_numbering.hpp"
#include "merge/merge3/merge3_options.hpp"
#include "merge/merge3/merge3_output.hpp"
#include "merge/merge3/merge3_rules.hpp"
#include "merge/merge3/merge3_sections.hpp"

namespace accord {

namespace {

using token_merge::Chunk;
using token_merge::ChunkResolver;
using token_merge::MergedText;
using token_merge::MergeInputs;

// Errors of the notation, conflict markers aside: --strict writes them on
// purpose, and a merge is judged by the brackets it keeps paired. So is
// front matter that holds markers (`front_matter_marked`): no YAML until a
// person settles it.
std::size_t notation_errors(const std::vector<Diagnostic>& diagnostics,
                            bool front_matter_marked = false) {
    return static_cast<std::size_t>(
        std::count_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
            return d.severity == Severity::error && d.code != "conflict-marker" &&
                   !(front_matter_marked && d.code.starts_with("front-matter-"));
        }));
}

// Per base paragraph (and one more for the end): merge it as a whole, as
// paragraph alternatives, rather than chunk by chunk.
using WholeParagraphs = std::vector<bool>;

// The base paragraph a token lies in (or, between paragraphs, the next one).
std::uint32_t base_paragraph(const MergeInputs& in, std::uint32_t token) {
    const Document& base = in.base().doc;
    const std::size_t at =
        token < in.base().tokens.size() ? in.base().tokens[token].range.begin : base.source.size();
    const auto it =
        std::upper_bound(base.paragraphs.begin(), base.paragraphs.end(), at,
                         [](std::size_t o, const Paragraph& p) { return o < p.range.end; });
    return static_cast<std::uint32_t>(it - base.paragraphs.begin());
}

// A text with nothing but front matter and white space: no text at all.
// (Where the front matter ends is found without parsing the text: the
// merge driver asks this of each side of every file.)
bool without_text(std::string_view text) {
    return text.find_first_not_of(" \t\r\n", front_matter_end(text)) == std::string_view::npos;
}

// A chunk as written: its bytes in the merged text.
struct Emitted {
    Chunk chunk;
    std::size_t from, to;
};

// Writes a stable chunk. Its tokens are the same in all three texts, but
// a paragraph's end may read "\n" in one and "\n\n" in another: a side
// that put a paragraph after it made the break, and is written, so that the
// paragraph it put there is not run into the one before. (A side with fewer
// line breaks than the base deleted what came after; the other side may
// have kept it.)
void put_stable(const MergeInputs& in, const Chunk& x, MergedText& out) {
    const auto breaks = [](token_merge::Text side, std::uint32_t from, std::uint32_t to) {
        if (from >= to) return std::ptrdiff_t{0};
        const std::string_view text =
            side.doc.text({side.tokens[from].range.begin, side.tokens[to - 1].range.end});
        return std::count(text.begin(), text.end(), '\n');
    };
    const auto base = breaks(in.base(), x.b0, x.b1);
    out.continue_side();
    if (breaks(in.ours(), x.o0, x.o1) > base) {
        out.put_range(in.ours(), x.o0, x.o1);
    } else if (breaks(in.theirs(), x.t0, x.t1) > base) {
        out.put_range(in.theirs(), x.t0, x.t1);
    } else {
        out.put_range(in.base(), x.b0, x.b1);
    }
}

// One pass of the token merge: the front matter, then the body chunk by chunk.
MergedText merge_once(const MergeInputs& in, const MergeOptions& options,
                      const WholeParagraphs& whole, bool no_base_text,
                      std::vector<Emitted>& emitted) {
    MergedText out;
    emitted.clear();
    token_merge::merge_front_matter(in.base().doc, in.ours().doc, in.theirs().doc, options, out);
    for (const Disagreement& d : in.lifts_undone()) out.disagree(d);
    std::vector<Chunk> chunks = token_merge::split_chunks(in);
    // Option lists both sides changed are merged as lists, option by option.
    const std::vector<bool> lists = token_merge::gather_option_lists(in, chunks);
    // First grow every real conflict to balanced bounds (it may take in
    // neighbours that alone would have merged), then write in order.
    std::vector<bool> forced(chunks.size(), false);
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        if (chunks[c].stable || chunks[c].empty() || lists[c]) continue;  // or taken in already
        forced[c] = whole[base_paragraph(in, chunks[c].b0)];
        // An option for a bracket the other side no longer has: grown over
        // that bracket, a conflict like any change both made at one place.
        const bool stranded = !forced[c] && token_merge::take_in_bracket_of_option(in, chunks, c);
        const bool strikes_meet = token_merge::strike_meets_strike(in, chunks[c]) ||
                                  token_merge::edit_meets_strike(in, chunks[c]);
        if (forced[c] || strikes_meet || stranded ||
            (token_merge::is_conflict(in, chunks[c]) &&
             !token_merge::settles_in_place(in, chunks[c]))) {
            token_merge::grow_to_balance(in, chunks, c, forced[c] || options.strict, strikes_meet);
        }
    }
    // Agreement on old text does not cover new text: one side's "(agreed)"
    // on a paragraph whose wording the other side changed does not stand.
    std::vector<bool> withheld(chunks.size(), false);
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        if (forced[c] || chunks[c].empty()) continue;
        const token_merge::AgreedBy by = token_merge::agreed_alone(in, chunks[c]);
        if (by == token_merge::AgreedBy::none) continue;
        // The paragraph a chunk changes: an insertion belongs with the token
        // before it (words appended to a paragraph, before its break).
        const auto paragraph_of = [&](const Chunk& x) {
            return base_paragraph(in, x.b0 == x.b1 && x.b0 > 0 ? x.b0 - 1 : x.b0);
        };
        const std::uint32_t paragraph = paragraph_of(chunks[c]);
        for (std::size_t d = 0; d < chunks.size() && !withheld[c]; ++d) {
            const Chunk& other = chunks[d];
            if (d == c || other.stable || other.empty() || paragraph_of(other) != paragraph)
                continue;
            // A change of the paragraph's wording, not paragraphs added or
            // removed beside it.
            const bool ours_changed = by == token_merge::AgreedBy::theirs;
            const token_merge::Text side = ours_changed ? in.ours() : in.theirs();
            const std::uint32_t from = ours_changed ? other.o0 : other.t0,
                                to = ours_changed ? other.o1 : other.t1;
            const auto breaks = [](token_merge::Text text, std::uint32_t a, std::uint32_t z) {
                for (std::uint32_t t = a; t < z; ++t)
                    if (text.tokens[t].kind == TokenKind::paragraph_break) return true;
                return false;
            };
            if (breaks(side, from, to) || breaks(in.base(), other.b0, other.b1)) continue;
            // Lines wrapped anew change no wording.
            withheld[c] =
                token_merge::without_layout(token_merge::text_of(side, from, to)) !=
                token_merge::without_layout(token_merge::text_of(in.base(), other.b0, other.b1));
        }
    }
    ChunkResolver resolver(in, options, out);
    if (no_base_text) resolver.no_base_text();
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        const std::size_t from = out.size();
        if (chunks[c].stable) {
            put_stable(in, chunks[c], out);
        } else if (forced[c]) {
            resolver.resolve_paragraphs(chunks[c]);
        } else if (withheld[c]) {
            resolver.withhold_agreement(chunks[c]);
        } else if (lists[c] && !chunks[c].empty()) {
            std::vector<Disagreement> edits;
            if (const std::optional<std::string> merged =
                    token_merge::merge_option_list(in, chunks[c], edits)) {
                for (Disagreement& d : edits) out.disagree(std::move(d));
                out.put(*merged);
            } else {
                resolver.resolve(chunks[c]);
            }
        } else {
            resolver.resolve(chunks[c]);
        }
        emitted.push_back({chunks[c], from, out.size()});
    }
    return out;
}

MergeResult merge_tokens(Document base, Document ours, Document theirs, const MergeOptions& options,
                         bool no_base_text) {
    // Each side as it wrote it, for conflict markers: MergeInputs puts back
    // in a side's text the brackets it lifted over the other side's edits.
    const std::string ours_written(ours.source), theirs_written(theirs.source);
    const MergeInputs in(std::move(base), std::move(ours), std::move(theirs), options.parse);
    const std::size_t input_errors = std::max({notation_errors(in.base().doc.diagnostics),
                                               notation_errors(in.ours().doc.diagnostics),
                                               notation_errors(in.theirs().doc.diagnostics)});
    // Merging chunk by chunk can, rarely, pair one side's '[' with the
    // other's ']' into text that does not balance. Each paragraph where
    // that happens is merged again as a whole, as paragraph alternatives.
    WholeParagraphs whole(in.base().doc.paragraphs.size() + 1, false);
    std::vector<Emitted> emitted;
    // A paragraph with an unmatched bracket of its own may stand in both
    // alternatives of a disagreement: the merge may hold both sides' errors,
    // but none that neither side's wording had.
    const std::size_t tolerated =
        notation_errors(in.ours().doc.diagnostics) + notation_errors(in.theirs().doc.diagnostics);
    MergedText out = merge_once(in, options, whole, no_base_text, emitted);
    std::size_t errors = 0;
    for (int attempt = 1; attempt < 4; ++attempt) {
        const Document merged = parse(out.text(), options.parse);
        errors = notation_errors(merged.diagnostics, out.front_matter_has_markers());
        if (errors <= input_errors && out.unwrappable().empty()) break;
        bool more = false;
        const auto take_whole = [&](std::size_t offset) {
            for (const auto& [chunk, from, to] : emitted) {
                if (offset < from || offset > to) continue;
                const std::uint32_t p = base_paragraph(in, chunk.b0);
                more = more || !whole[p];
                whole[p] = true;
            }
        };
        for (const Diagnostic& d : merged.diagnostics)
            if (d.severity == Severity::error) take_whole(d.offset);
        for (const std::size_t offset : out.unwrappable()) take_whole(offset);
        if (!more) break;
        out = merge_once(in, options, whole, no_base_text, emitted);
        errors = notation_errors(parse(out.text(), options.parse).diagnostics,
                                 out.front_matter_has_markers());
    }
    if (errors > std::max(input_errors, tolerated) || !out.unwrappable().empty()) {
        // Still text the notation does not read (brackets that no longer
        // pair): both sides as they stand, between conflict markers, for a
        // person to settle. A merge never records a text that checks worse
        // than what it merged.
        MergedText marked;
        const std::string_view o = ours_written, t = theirs_written;
        const auto ended = [](std::string_view s) {
            return std::string(s) + (s.empty() || s.back() == '\n' ? "" : "\n");
        };
        marked.disagree(DisagreementKind::conflict, "(the whole text)", "(the whole text)",
                        "brackets would not pair");
        marked.put_verbatim("<<<<<<< " + options.ours_label + "\n" + ended(o) + "=======\n" +
                            ended(t) + ">>>>>>> " + options.theirs_label + "\n");
        marked.conflict_markers_written();
        return std::move(marked).finish();
    }
    return std::move(out).finish();
}

// The texts merged as they stand: paragraph by paragraph, then by token
// where both sides changed a section.
MergeResult merge_by_sections(std::string_view base, std::string_view ours, std::string_view theirs,
                              const MergeOptions& options) {
    const bool no_base_text = without_text(base);
    const std::optional<MergeSections> split = split_sections(base, ours, theirs, options.parse);
    if (!split) return merge3_whole_text(base, ours, theirs, options);
    MergeOptions section_options = options;
    section_options.parse.link_labels = &split->link_labels;
    auto parsed = [&](std::string_view text) { return parse(text, section_options.parse); };
    MergeResult result;
    result.text.reserve(std::max(ours.size(), theirs.size()) + 4096);  // grown once, not doubled
    std::size_t counted = 0, lines = 0;  // newlines in result.text[0, counted)
    for (const MergeSection& section : split->sections) {
        if (!section.contested) {
            result.text += section.settled();
            continue;
        }
        lines += static_cast<std::size_t>(std::count(
            result.text.begin() + static_cast<std::ptrdiff_t>(counted), result.text.end(), '\n'));
        counted = result.text.size();
        MergeResult part = merge_tokens(parsed(section.base), parsed(section.ours),
                                        parsed(section.theirs), section_options, no_base_text);
        for (Disagreement& d : part.disagreements) {
            d.line += lines;
            result.disagreements.push_back(std::move(d));
        }
        result.has_conflict_markers = result.has_conflict_markers || part.has_conflict_markers;
        result.text += part.text;
    }
    return result;
}

// Two texts whose front matter gives them different ids, added at one path
// with no base text (git's add/add): two texts, not two positions on one,
// which no merge of their words can say. Both as they stand, between
// conflict markers, for a person to move one of them to another path.
std::optional<MergeResult> two_texts_at_one_path(std::string_view base, std::string_view ours,
                                                 std::string_view theirs,
                                                 const MergeOptions& options) {
    if (base.find_first_not_of(" \t\r\n") != std::string_view::npos) return std::nullopt;
    const std::string ours_id = front_matter_id(ours), theirs_id = front_matter_id(theirs);
    if (ours_id.empty() || theirs_id.empty() || ours_id == theirs_id) return std::nullopt;
    const auto ended = [](std::string_view s) {
        return std::string(s) + (s.empty() || s.back() == '\n' ? "" : "\n");
    };
    MergedText marked;
    marked.disagree(DisagreementKind::conflict, "(the whole text, id " + ours_id + ")",
                    "(the whole text, id " + theirs_id + ")", "two different texts at one path");
    marked.put_verbatim("<<<<<<< " + options.ours_label + "\n" + ended(ours) + "=======\n" +
                        ended(theirs) + ">>>>>>> " + options.theirs_label + "\n");
    marked.conflict_markers_written();
    return std::move(marked).finish();
}

// A paragraph both sides moved apart, named at its line in the merged text
// (line_of_moved), as the base had it, with where each side put it; the
// disagreements stay in the order of their lines.
void name_moved_apart(MergeResult& result, const MovedApart& moved) {
    const auto place = [](const std::string& after) {
        return after.empty() ? std::string("first") : "after " + std::string(trim(after));
    };
    Disagreement d{DisagreementKind::moved_apart, line_of_moved(result.text, moved),
                   place(moved.ours_after), place(moved.theirs_after),
                   std::string(trim(moved.shown))};
    const auto before =
        std::upper_bound(result.disagreements.begin(), result.disagreements.end(), d.line,
                         [](std::size_t l, const Disagreement& other) { return l < other.line; });
    result.disagreements.insert(before, std::move(d));
}

// The merged text with each copy of a paragraph that stands more times
// than the sides have it taken out (stand_once): the disagreements after
// it move up by its lines, and the places the sides gave it, where they
// differ, are named, unless follow_moves named that paragraph already.
void take_out_copies(MergeResult& result, std::string_view base, std::string_view ours,
                     std::string_view theirs, const std::vector<MovedApart>& named) {
    if (result.has_conflict_markers) return;
    std::optional<StandingOnce> once = stand_once(result.text, base, ours, theirs);
    if (!once) return;
    result.text = std::move(once->text);
    for (Disagreement& d : result.disagreements) {
        std::size_t up = 0;
        for (const LinesTakenOut& lines : once->taken_out)
            if (d.line >= lines.first + lines.count) up += lines.count;
        d.line -= up;
    }
    for (const MovedApart& apart : once->moved_apart) {
        const bool already = std::any_of(named.begin(), named.end(), [&](const MovedApart& m) {
            return trim(m.shown) == trim(apart.shown);
        });
        if (!already) name_moved_apart(result, apart);
    }
}

// Paragraphs one side moved followed on the other side (merge3_moves),
// then merged by sections; no paragraph left standing more times than the
// sides have it.
MergeResult merge_moved_paragraphs(std::string_view base, std::string_view ours,
                                   std::string_view theirs, const MergeOptions& options) {
    if (const std::optional<MergeTexts> moved = follow_moves(base, ours, theirs)) {
        MergeResult result = merge_by_sections(moved->base, moved->ours, moved->theirs, options);
        for (const MovedApart& apart : moved->moved_apart) name_moved_apart(result, apart);
        take_out_copies(result, base, ours, theirs, moved->moved_apart);
        return result;
    }
    MergeResult result = merge_by_sections(base, ours, theirs, options);
    take_out_copies(result, base, ours, theirs, {});
    return result;
}

// Numbers set aside where merge3_numbering says so, then moves followed.
MergeResult merge_numbered(std::string_view base, std::string_view ours, std::string_view theirs,
                           const MergeOptions& options) {
    if (const std::optional<NumbersSetAside> aside = set_numbers_aside(base, ours, theirs)) {
        MergeResult result = merge_moved_paragraphs(aside->texts.base, aside->texts.ours,
                                                    aside->texts.theirs, options);
        std::optional<std::string> numbered;
        if (numbered_inside_a_bracket(result.text) &&
            !numbered_inside_a_bracket(aside->texts.base) &&
            !numbered_inside_a_bracket(aside->texts.ours) &&
            !numbered_inside_a_bracket(aside->texts.theirs)) {
            // Set side by side by the merge: each alternative would take the
            // other's numbers. (A bracket a text had open over numbered
            // paragraphs already, "[Requests the Committee to:" above its
            // items, numbers by position as that text does.)
        } else if (aside->numbering == Numbering::labels) {
            numbered = number_as_labels(result.text, base, ours, theirs);
        } else {
            numbered = number_by_position(result.text, aside->numbering, aside->first);
        }
        if (numbered) {
            result.text = std::move(*numbered);
            for (Disagreement& d : result.disagreements) {
                d.ours = with_side_numbers(d.ours, ours);
                d.theirs = with_side_numbers(d.theirs, theirs);
            }
            // The numbers as words may still merge better where a text is
            // malformed (a paragraph the move pass cannot follow, its
            // brackets not closing in it, is told apart by its number): the
            // merge with fewer conflict markers, then notation errors, then
            // (with a malformed text) disagreements; the numbers set aside
            // on a tie. (Between well-formed texts fewer disagreements alone
            // may be a number merged as a word, "5." twice.)
            MergeResult as_written = merge_moved_paragraphs(base, ours, theirs, options);
            const std::array<std::string_view, 3> texts{base, ours, theirs};
            const bool malformed =
                std::any_of(texts.begin(), texts.end(), [&](std::string_view text) {
                    return notation_errors(parse(text, options.parse).diagnostics) > 0;
                });
            const auto cost = [&](const MergeResult& r) {
                return std::tuple(r.has_conflict_markers,
                                  notation_errors(parse(r.text, options.parse).diagnostics),
                                  malformed ? r.disagreements.size() : 0);
            };
            return cost(as_written) < cost(result) ? as_written : result;
        }
    }
    return merge_moved_paragraphs(base, ours, theirs, options);
}

// Blank lines the merge left after the last paragraph, where each text
// ends its last line and nothing more: a deleted last paragraph can take
// the side's last line ending with it while the break before it stays.
void end_as_the_texts_end(std::string& merged, std::string_view base, std::string_view ours,
                          std::string_view theirs) {
    const auto one_line_end = [](std::string_view t) {
        return t.ends_with("\n") && !t.ends_with("\n\n");
    };
    if (!one_line_end(base) || !one_line_end(ours) || !one_line_end(theirs)) return;
    while (merged.ends_with("\n\n")) merged.pop_back();
}

// Whether a text ends its last line (an empty text has none to end).
bool ends_its_last_line(std::string_view text) {
    return text.empty() || text.back() == '\n';
}

// The text with its last line ended as its other lines are ("\r\n" or "\n").
std::string with_last_line_ended(std::string_view text) {
    std::string ended(text);
    if (ends_its_last_line(text)) return ended;
    const std::size_t first_end = text.find('\n');
    const bool crlf =
        first_end != std::string_view::npos && first_end > 0 && text[first_end - 1] == '\r';
    ended += crlf ? "\r\n" : "\n";
    return ended;
}

}  // namespace

void one_blank_line_between_paragraphs(MergeResult& result, std::string_view base,
                                       std::string_view ours, std::string_view theirs) {
    for (const std::string_view text : {base, ours, theirs})
        if (text.find("\n\n\n") != std::string_view::npos) return;
    // The most line ends any text starts with (blank lines before its first
    // paragraph, or a text of line ends alone).
    std::size_t most_leading = 0;
    for (const std::string_view text : {base, ours, theirs})
        most_leading = std::max(most_leading, text.find_first_not_of('\n') == std::string_view::npos
                                                  ? text.size()
                                                  : text.find_first_not_of('\n'));
    const std::size_t leading = std::min(result.text.find_first_not_of('\n'), result.text.size());
    if (result.text.find("\n\n\n") == std::string::npos && leading <= most_leading) return;
    std::string text;
    text.reserve(result.text.size());
    // taken[n]: the line ends taken out among the first n of the text.
    std::vector<std::size_t> taken{0};
    for (const char c : result.text) {
        if (c != '\n') {
            text += c;
            continue;
        }
        const bool take =
            text.ends_with("\n\n") ||
            (text.find_first_not_of('\n') == std::string::npos && text.size() >= most_leading);
        if (!take) text += c;
        taken.push_back(taken.back() + (take ? 1 : 0));
    }
    // Line L starts after the first L-1 line ends.
    for (Disagreement& d : result.disagreements)
        if (d.line >= 1 && d.line - 1 < taken.size()) d.line -= taken[d.line - 1];
    result.text = std::move(text);
}

MergeResult merge3_whole_text(std::string_view base, std::string_view ours, std::string_view theirs,
                              const MergeOptions& options) {
    MergeResult result = merge_tokens(parse(base, options.parse), parse(ours, options.parse),
                                      parse(theirs, options.parse), options, without_text(base));
    end_as_the_texts_end(result.text, base, ours, theirs);
    one_blank_line_between_paragraphs(result, base, ours, theirs);
    return result;
}

MergeResult merge3(std::string_view base, std::string_view ours, std::string_view theirs,
                   const MergeOptions& options) {
    // A byte order mark is no wording of the first paragraph (kept there,
    // a side that deleted or renumbered that paragraph cut it loose, inside
    // brackets): the texts are merged without it, and the merged text
    // starts with one as the texts say, a side that changed it deciding.
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (base.starts_with(kBom) || ours.starts_with(kBom) || theirs.starts_with(kBom)) {
        const auto without = [&](std::string_view text) {
            return text.starts_with(kBom) ? text.substr(kBom.size()) : text;
        };
        MergeResult result = merge3(without(base), without(ours), without(theirs), options);
        const bool bom = ours.starts_with(kBom) != base.starts_with(kBom)
                             ? ours.starts_with(kBom)
                             : theirs.starts_with(kBom);
        if (bom) result.text.insert(0, kBom);
        return result;
    }
    // A text whose last line has no line end is merged with one: that its
    // last paragraph ends the text is a fact about the text, not about the
    // paragraph, which one side may delete, move or append after (each
    // would glue two paragraphs on one line). The merged text ends its last
    // line as the texts say, merged as any change is: a side that changed it
    // from the base decides.
    if (!ends_its_last_line(base) || !ends_its_last_line(ours) || !ends_its_last_line(theirs)) {
        MergeResult result = merge3(with_last_line_ended(base), with_last_line_ended(ours),
                                    with_last_line_ended(theirs), options);
        const bool ends = ends_its_last_line(ours) != ends_its_last_line(base)
                              ? ends_its_last_line(ours)
                              : ends_its_last_line(theirs);
        // (Conflict markers are lines, each ended.)
        if (!ends && !result.has_conflict_markers && result.text.ends_with('\n')) {
            result.text.pop_back();
            if (result.text.ends_with('\r')) result.text.pop_back();
        }
        return result;
    }
    // A last paragraph that ends the text with one line end is the same
    // paragraph as where a blank line follows it: where one side appends
    // after it, it is no edit of it (compared as written, it would be, and
    // a paragraph both sides appended after it, one deleting it, would
    // stand twice). Each text is merged with a blank line after its last
    // paragraph, and the merged text ends as they all do, with one line end.
    const auto ends_with_one_line_end = [&](std::string_view text) {
        return text.ends_with('\n') && !text.ends_with("\n\n") && !text.ends_with("\n\r\n") &&
               !without_text(text);
    };
    // (Strict, git's markers show the texts as written.)
    if (!options.strict && ends_with_one_line_end(base) && ends_with_one_line_end(ours) &&
        ends_with_one_line_end(theirs)) {
        const std::string_view line_end = ours.ends_with("\r\n") ? "\r\n" : "\n";
        const auto with_blank_line = [&](std::string_view text) {
            return std::string(text) + std::string(text.ends_with("\r\n") ? "\r\n" : "\n");
        };
        MergeResult result =
            merge3(with_blank_line(base), with_blank_line(ours), with_blank_line(theirs), options);
        // (Conflict markers around both texts show them as written.)
        if (!result.has_conflict_markers) {
            const std::string blank_line_end = std::string(line_end) + std::string(line_end);
            while (result.text.ends_with(blank_line_end))
                result.text.resize(result.text.size() - line_end.size());
            return result;
        }
    }
    // Paragraphs both sides only bracketed, made one (merge3_added_brackets).
    const std::optional<MergeTexts> bracketed = join_added_brackets(base, ours, theirs);
    if (bracketed) {
        ours = bracketed->ours;
        theirs = bracketed->theirs;
    }
    // One side's text when the other changed nothing, or both made the same:
    // as git merge-file, whatever the engine would make of the pieces.
    if (ours == theirs || theirs == base || ours == base) {
        MergeResult same;
        same.text = ours == base ? theirs : ours;
        return same;
    }
    if (std::optional<MergeResult> apart = two_texts_at_one_path(base, ours, theirs, options))
        return std::move(*apart);
    MergeResult result = merge_numbered(base, ours, theirs, options);
    end_as_the_texts_end(result.text, base, ours, theirs);
    one_blank_line_between_paragraphs(result, base, ours, theirs);
    return result;
}

MergeResult merge3_line_ends(const MergeInput& base, const MergeInput& ours,
                             const MergeInput& theirs, const MergeOptions& options) {
    MergeResult result = merge3(base.text, ours.text, theirs.text, options);
    if (merge_writes_crlf(base, ours, theirs)) result.text = with_crlf_line_ends(result.text);
    return result;
}

}  // namespace accord
