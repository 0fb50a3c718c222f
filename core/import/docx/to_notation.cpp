#include "core/import/docx/to_notation.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/import/docx/accord_texts.hpp"
#include "core/import/docx/inline_writer.hpp"
#include "core/import/docx/line_marks.hpp"
#include "core/notation/blocks.hpp"
#include "core/notation/tokens.hpp"
#include "core/util/utf8.hpp"

namespace accord::docx {

namespace {

bool applied(std::uint32_t revision, const ConvertOptions& options) {
    if (revision == kNoIndex || options.changes == TrackedChanges::reject) return false;
    return options.shown.empty() || (revision < options.shown.size() && options.shown[revision]);
}

// The run's formatting in this text: before a change of format that is not shown.
const Format& format_shown(const Run& run, const ConvertOptions& options) {
    if (run.reformatted == kNoIndex || applied(run.reformatted, options)) return run.format;
    return run.format_before;
}

// Whose strike a visible run's "~~" is (Marks::strike_source): the
// wording's own strikethrough (1), or the tracked change that made it (a
// change of format that struck it, else the deletion shown as a strike); 0
// when it is not struck. Struck wording deleted keeps its own strike.
std::uint64_t strike_source(const Run& run, const RunView& view, const ConvertOptions& options) {
    if (format_shown(run, options).strike) {
        const bool struck_by_change = run.reformatted != kNoIndex &&
                                      applied(run.reformatted, options) &&
                                      !run.format_before.strike;
        return struck_by_change ? 2 + std::uint64_t{run.reformatted} : 1;
    }
    return view.struck ? 2 + std::uint64_t{run.deleted} : 0;
}

// A run of nothing but square brackets (and white space): typed into
// Word with changes tracked, around wording or between options, they are
// the delegate's brackets and read as such, not as an insertion of
// brackets shown in brackets ("[[]cooperation[]]").
bool only_brackets(const Run& run) {
    if (run.kind != RunKind::text) return false;
    bool bracket = false;
    for (const char c : run.text) {
        if (c == '[' || c == ']') {
            bracket = true;
        } else if (c != ' ' && c != '\t') {
            return false;
        }
    }
    return bracket;
}

// The marks a visible run is written with. A heading's bold is its style's,
// not the wording's; `heading_italics` keeps italics in a heading.
Marks marks_of(const Run& run, const RunView& view, const ConvertOptions& options, bool heading,
               bool heading_italics) {
    const Format& format = format_shown(run, options);
    const bool formatted = options.formatting;
    Marks marks;
    marks.inserted = view.bracketed && !only_brackets(run);
    marks.struck = format.strike || view.struck;
    marks.strike_source = strike_source(run, view, options);
    marks.bold = formatted && !heading && format.bold;
    marks.italic = formatted && (!heading || heading_italics) && format.italic;
    marks.superscript = formatted && format.baseline == Baseline::superscript;
    marks.subscript = formatted && format.baseline == Baseline::subscript;
    return marks;
}

// Only spaces, tabs, newlines and no-break spaces.
bool is_blank(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
            ++i;
            continue;
        }
        return false;
    }
    return true;
}

// Per byte: part of a letter or digit of a word or number, as the
// notation's words are read (letter_at).
std::vector<bool> word_bytes(std::string_view text) {
    std::vector<bool> out(text.size(), false);
    for (std::size_t at = 0; at < text.size();) {
        // A byte that starts no character counts as one.
        const std::size_t length = std::max<std::size_t>(1, utf8::sequence_length(text, at));
        if (letter_at(text, at))
            for (std::size_t k = 0; k < length; ++k) out[at + k] = true;
        at += length;
    }
    return out;
}

// A body where changes are shown in brackets, its words changed in part
// (Word tracks a change of "To" to "to" as the letter "T" deleted and "t"
// inserted) shown changed whole: the word as it was struck, then as it is in
// brackets ("~~To~~[to]"), as accord compares words. `origin`: per story,
// paragraph and run of `package`, the run of the document it came from
// (empty for a paragraph that stands as it was).
struct WholeWords {
    Package package;
    std::vector<std::vector<std::vector<std::uint32_t>>> origin;
};

std::optional<WholeWords> changed_words_whole(const Package& package,
                                              const ConvertOptions& options) {
    if (options.changes != TrackedChanges::bracket) return std::nullopt;
    std::optional<WholeWords> out;
    for (std::uint32_t s = 0; s < package.story_count(); ++s) {
        const Story& story = package.story(s);
        for (std::size_t p = 0; p < story.paragraphs.size(); ++p) {
            const std::vector<Run>& runs = story.paragraphs[p].runs;
            // The paragraph's visible characters: run, byte, and how shown.
            // own_strike: standing, struck by its own format.
            enum class Shown : std::uint8_t { plain, own_strike, struck, bracketed };
            struct Byte {
                std::uint32_t run;
                std::uint32_t at;
                Shown shown;
                bool word;
                bool hidden = false;  // a run not shown, kept in its place
                Format format{};      // as shown: a change of it parts words
            };
            std::vector<Byte> bytes;
            for (std::size_t r = 0; r < runs.size(); ++r) {
                const RunView view = view_of(runs[r], options);
                if (!view.visible || (runs[r].kind == RunKind::text && runs[r].text.empty())) {
                    bytes.push_back({static_cast<std::uint32_t>(r), 0, Shown::plain, false, true});
                    continue;
                }
                if (runs[r].kind != RunKind::text) {
                    bytes.push_back({static_cast<std::uint32_t>(r), 0, Shown::plain, false});
                    continue;
                }
                const Shown shown = view.bracketed                          ? Shown::bracketed
                                    : view.struck                           ? Shown::struck
                                    : format_shown(runs[r], options).strike ? Shown::own_strike
                                                                            : Shown::plain;
                const std::vector<bool> word = word_bytes(runs[r].text);
                const Format& format = format_shown(runs[r], options);
                for (std::size_t i = 0; i < runs[r].text.size(); ++i)
                    bytes.push_back({static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(i),
                                     shown, word[i], false, format});
            }
            // Words standing in part, their other letters replaced.
            std::vector<std::pair<std::size_t, std::size_t>> words;
            for (std::size_t b = 0; b < bytes.size();) {
                if (!bytes[b].word) {
                    ++b;
                    continue;
                }
                std::size_t e = b;
                bool plain = false, struck = false, bracketed = false;
                // Marks part words too ("ID<sup>d</sup>" is "ID" and "d").
                const Format& format = bytes[b].format;
                for (; e < bytes.size() &&
                       (bytes[e].hidden || (bytes[e].word && bytes[e].format == format));
                     ++e) {
                    if (bytes[e].hidden) continue;
                    // A word that reads struck whole ("~~un~~" and "done"
                    // deleted) stands struck as it is.
                    plain = plain || bytes[e].shown == Shown::plain;
                    struck = struck || bytes[e].shown == Shown::struck;
                    bracketed = bracketed || bytes[e].shown == Shown::bracketed;
                }
                // Letters replaced: an insertion or deletion alone stands as
                // one ("goal[s]").
                if (plain && struck && bracketed) words.push_back({b, e});
                b = e;
            }
            if (words.empty()) continue;
            if (!out) {
                out.emplace();
                out->package = package;
                out->origin.resize(package.story_count());
                for (std::uint32_t k = 0; k < package.story_count(); ++k)
                    out->origin[k].resize(package.story(k).paragraphs.size());
            }
            std::vector<Run> rewritten;
            std::vector<std::uint32_t>& origin = out->origin[s][p];
            // Appends byte `b` as part of a run like its own, changed by
            // `inserted` and `deleted`.
            auto append = [&](const Byte& byte, std::uint32_t inserted, std::uint32_t deleted) {
                const Run& source = runs[byte.run];
                if (byte.hidden || source.kind != RunKind::text) {
                    rewritten.push_back(source);
                    origin.push_back(byte.run);
                    return;
                }
                if (rewritten.empty() || origin.back() != byte.run ||
                    rewritten.back().inserted != inserted || rewritten.back().deleted != deleted) {
                    Run piece = source;
                    piece.text.clear();
                    piece.inserted = inserted;
                    piece.deleted = deleted;
                    rewritten.push_back(std::move(piece));
                    origin.push_back(byte.run);
                }
                rewritten.back().text += source.text[byte.at];
            };
            std::size_t next_word = 0;
            for (std::size_t b = 0; b < bytes.size();) {
                if (next_word < words.size() && words[next_word].first == b) {
                    const auto [begin, end] = words[next_word++];
                    std::uint32_t deletion = kNoIndex, insertion = kNoIndex;
                    for (std::size_t k = begin; k < end; ++k) {
                        const Run& run = runs[bytes[k].run];
                        if (bytes[k].shown == Shown::struck && deletion == kNoIndex)
                            deletion = run.deleted;
                        if (bytes[k].shown == Shown::bracketed && insertion == kNoIndex)
                            insertion = run.inserted;
                    }
                    if (deletion == kNoIndex) deletion = insertion;
                    if (insertion == kNoIndex) insertion = deletion;
                    for (std::size_t k = begin; k < end; ++k) {  // the word as it was
                        if (bytes[k].shown == Shown::bracketed && !bytes[k].hidden) continue;
                        const Run& run = runs[bytes[k].run];
                        append(bytes[k], kNoIndex,
                               bytes[k].shown == Shown::struck ? run.deleted : deletion);
                    }
                    for (std::size_t k = begin; k < end; ++k) {  // the word as it is
                        if (bytes[k].shown == Shown::struck || bytes[k].hidden) continue;
                        const Run& run = runs[bytes[k].run];
                        append(bytes[k],
                               bytes[k].shown == Shown::bracketed ? run.inserted : insertion,
                               kNoIndex);
                    }
                    b = end;
                    continue;
                }
                const Run& run = runs[bytes[b].run];
                append(bytes[b], run.inserted, run.deleted);
                ++b;
            }
            Story& target = s == 0 ? out->package.body : out->package.notes[s - 1].story;
            target.paragraphs[p].runs = std::move(rewritten);
        }
    }
    return out;
}

enum class Where : std::uint8_t { body, note, cell };

class Converter {
  public:
    Converter(const Package& package, const ConvertOptions& options)
        : whole_words_(changed_words_whole(package, options)),
          package_(whole_words_ ? whole_words_->package : package),
          options_(options),
          verbatim_(package.accord_notation()) {}

    Converted run() {
        result_.map.stories.resize(package_.story_count());
        for (std::uint32_t s = 0; s < package_.story_count(); ++s) {
            const Story& story = package_.story(s);
            auto& places = result_.map.stories[s];
            places.resize(story.paragraphs.size());
            for (std::size_t p = 0; p < places.size(); ++p)
                places[p].runs.resize(story.paragraphs[p].runs.size());
        }
        revision_spans_.assign(package_.revisions.size(), {SIZE_MAX, 0});
        result_.note_numbers.assign(package_.notes.size(), 0);

        write_story(0, Where::body);
        result_.map.body_end = out_.size();
        for (std::size_t k = 0; k < note_order_.size(); ++k) {  // grows as notes cite notes
            const std::uint32_t note = note_order_[k];
            out_ += "\n\n[^" + std::to_string(result_.note_numbers[note]) + "]:";
            note_first_block_ = true;
            write_story(note + 1, Where::note);
        }
        if (!out_.empty() || (verbatim_ && body_lines_ > 0)) out_ += '\n';

        result_.revisions.resize(revision_spans_.size());
        for (std::size_t r = 0; r < revision_spans_.size(); ++r) {
            const auto [begin, end] = revision_spans_[r];
            result_.revisions[r] = begin == SIZE_MAX ? ByteRange{} : ByteRange{begin, end};
        }
        result_.text = std::move(out_);
        if (whole_words_) places_of_document_runs();
        return std::move(result_);
    }

  private:
    // The places of the runs whole_words_ rewrote, as places of the
    // document's runs they came from: each the span of its pieces.
    void places_of_document_runs() {
        for (std::size_t s = 0; s < whole_words_->origin.size(); ++s) {
            for (std::size_t p = 0; p < whole_words_->origin[s].size(); ++p) {
                const std::vector<std::uint32_t>& origin = whole_words_->origin[s][p];
                if (origin.empty()) continue;
                std::vector<RunPlace>& places = result_.map.stories[s][p].runs;
                std::vector<RunPlace> document_places;
                std::vector<bool> placed;
                for (std::size_t r = 0; r < origin.size() && r < places.size(); ++r) {
                    const std::uint32_t from = origin[r];
                    if (document_places.size() <= from) {
                        document_places.resize(from + 1, places[r]);
                        placed.resize(from + 1, false);
                    }
                    RunPlace& place = document_places[from];
                    if (places[r].begin == places[r].end) {
                        if (!placed[from]) place = places[r];
                        continue;
                    }
                    if (!placed[from] || place.begin == place.end) {
                        place = places[r];
                    } else {
                        place.begin = std::min(place.begin, places[r].begin);
                        place.end = std::max(place.end, places[r].end);
                    }
                    placed[from] = true;
                }
                places = std::move(document_places);
            }
        }
    }

    // The paragraph's number and heading level in this text: as they were
    // before a change of its properties not shown.
    NumberingRef numbering_shown(const Paragraph& paragraph) const {
        return paragraph.reformatted == kNoIndex || applied(paragraph.reformatted, options_)
                   ? paragraph.numbering
                   : paragraph.numbering_before;
    }
    std::uint32_t heading_shown(const Paragraph& paragraph) const {
        return paragraph.reformatted == kNoIndex || applied(paragraph.reformatted, options_)
                   ? paragraph.heading
                   : paragraph.heading_before;
    }

    // The paragraph's break is not in this text, whatever its neighbours:
    // an inserted break left out, or a deleted one accepted.
    bool joins_next(const Paragraph& paragraph) const {
        return (paragraph.mark_inserted != kNoIndex &&
                !applied(paragraph.mark_inserted, options_)) ||
               (paragraph.mark_deleted != kNoIndex && applied(paragraph.mark_deleted, options_) &&
                options_.changes == TrackedChanges::accept);
    }

    // The paragraph's wording in this text: whether it has any, and whether
    // any of it stands (no tracked change deletes it, shown or not yet: a
    // history that shows a paragraph's deletion after the deletion of its
    // break never joins it to its neighbour on the way).
    struct Wording {
        bool any = false;
        bool standing = false;
    };
    Wording wording_of(const Paragraph& paragraph) const {
        Wording out;
        for (const Run& run : paragraph.runs) {
            if (!view_of(run, options_).visible || run.kind == RunKind::line_break) continue;
            if (run.kind == RunKind::text && is_blank(run.text)) continue;
            out.any = true;
            out.standing = out.standing || run.deleted == kNoIndex;
        }
        return out;
    }

    // The wording nearest paragraph `k` of `paragraphs` on the side `step`
    // says (-1 before, +1 after), `k` itself included, stands.
    bool standing_wording_beside(const Story& story, const std::vector<std::uint32_t>& paragraphs,
                                 std::size_t k, int step) const {
        for (; k < paragraphs.size(); k += static_cast<std::size_t>(step)) {
            const Wording wording = wording_of(story.paragraphs[paragraphs[k]]);
            if (wording.any) return wording.standing;
        }
        return false;
    }

    // Per paragraph of `paragraphs` (following each other in their story,
    // no table between), whether its break is not in this text, so that it
    // joins the next one. With changes bracketed, a deleted break (two
    // paragraphs joined in Word) is shown made where wording stands on both
    // of its sides, as a split is shown made: the paragraphs joined, their
    // wording's own changes shown in it, the join the proposal the history
    // records (paragraph-merged). A break deleted beside wording all struck
    // is part of deleting that paragraph whole, which its strike shows: the
    // paragraph stays apart, as it was, not run into its neighbour.
    std::vector<bool> breaks_gone(const Story& story,
                                  const std::vector<std::uint32_t>& paragraphs) const {
        std::vector<bool> gone(paragraphs.size(), false);
        for (std::size_t k = 0; k + 1 < paragraphs.size(); ++k) {
            const Paragraph& paragraph = story.paragraphs[paragraphs[k]];
            if (joins_next(paragraph)) {
                gone[k] = true;
                continue;
            }
            if (options_.changes != TrackedChanges::bracket || paragraph.mark_deleted == kNoIndex ||
                !applied(paragraph.mark_deleted, options_))
                continue;
            gone[k] = standing_wording_beside(story, paragraphs, k, -1) &&
                      standing_wording_beside(story, paragraphs, k + 1, +1);
        }
        return gone;
    }

    bool row_shown(const Row& row) const {
        if (row.inserted != kNoIndex && !applied(row.inserted, options_)) return false;
        return !(row.deleted != kNoIndex && applied(row.deleted, options_) &&
                 options_.changes == TrackedChanges::accept);
    }

    void write_story(std::uint32_t story_index, Where where) {
        const Story& story = package_.story(story_index);
        NumberingCounter numbers(package_.numbering);
        // Each paragraph group (paragraphs whose breaks are gone, and the
        // next), or a table (an empty group).
        std::vector<std::vector<std::uint32_t>> groups;
        for (std::size_t b = 0; b < story.blocks.size();) {
            if (story.blocks[b].kind == BlockKind::table) {
                groups.emplace_back();
                ++b;
                continue;
            }
            std::vector<std::uint32_t> paragraphs;  // up to the next table
            for (; b < story.blocks.size() && story.blocks[b].kind == BlockKind::paragraph; ++b)
                paragraphs.push_back(story.blocks[b].index);
            const std::vector<bool> gone = breaks_gone(story, paragraphs);
            std::vector<std::uint32_t> group;
            for (std::size_t k = 0; k < paragraphs.size(); ++k) {
                group.push_back(paragraphs[k]);
                if (gone[k]) continue;
                groups.push_back(std::move(group));
                group.clear();
            }
        }
        const std::vector<bool> apart = verbatim_ && where == Where::body
                                            ? new_paragraphs_apart(story_index, groups)
                                            : std::vector<bool>(groups.size(), false);
        std::size_t table = 0;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            if (groups[g].empty()) {
                while (story.blocks[table].kind != BlockKind::table) ++table;
                write_table(story_index, story.tables[story.blocks[table++].index], numbers, where);
                continue;
            }
            blank_line_before_ = apart[g];
            write_paragraph(story_index, groups[g], numbers, where);
            blank_line_before_ = false;
        }
    }

    // How a line of a document accord wrote stands among its neighbours.
    enum class LineKind : std::uint8_t {
        hidden,    // not in this text (an inserted paragraph left out)
        boundary,  // an empty line, a heading or a table: no paragraph runs across it
        standing,  // wording that was there before every change shown
        added,     // a paragraph tracked changes added, its wording all theirs (new_paragraph)
    };

    LineKind line_kind(std::uint32_t story_index, const std::vector<std::uint32_t>& group) const {
        if (group.empty()) return LineKind::boundary;
        if (!has_visible_paragraph(story_index, group)) return LineKind::hidden;
        const Story& story = package_.story(story_index);
        bool has_wording = false;
        plain_text(story_index, group, has_wording);
        if (!has_wording || heading_shown(story.paragraphs[group.back()]) > 0)
            return LineKind::boundary;
        const bool added =
            std::all_of(group.begin(), group.end(),
                        [&](std::uint32_t p) {
                            const auto& runs = story.paragraphs[p].runs;
                            return std::all_of(runs.begin(), runs.end(), [](const Run& run) {
                                return run.inserted != kNoIndex;
                            });
                        }) &&
            (new_paragraph(story, group.front()) || new_paragraph(story, group.back()));
        return added ? LineKind::added : LineKind::standing;
    }

    // Per paragraph of the story, whether it is on a line that stood alone
    // before every change (all rejected): an empty line, a heading, a table
    // or the story's edge above it and below it.
    std::vector<bool> alone_before_changes(const Story& story) const {
        std::vector<bool> alone(story.paragraphs.size(), false);
        std::vector<std::vector<std::uint32_t>> lines;  // a table: an empty one
        std::vector<bool> parting;                      // per line: no paragraph runs across it
        std::vector<std::uint32_t> line;
        for (std::size_t b = 0; b < story.blocks.size(); ++b) {
            const Block& block = story.blocks[b];
            if (block.kind == BlockKind::table) {
                lines.emplace_back();
                parting.push_back(true);
                continue;
            }
            const Paragraph& paragraph = story.paragraphs[block.index];
            line.push_back(block.index);
            const bool paragraph_follows =
                b + 1 < story.blocks.size() && story.blocks[b + 1].kind == BlockKind::paragraph;
            if (paragraph_follows && paragraph.mark_inserted != kNoIndex) continue;
            bool wording = false;
            for (const std::uint32_t p : line)
                for (const Run& run : story.paragraphs[p].runs)
                    wording = wording || (run.inserted == kNoIndex &&
                                          (run.kind == RunKind::note_reference ||
                                           (run.kind == RunKind::text && !is_blank(run.text))));
            parting.push_back(!wording ||
                              (paragraph.reformatted == kNoIndex ? paragraph.heading
                                                                 : paragraph.heading_before) > 0);
            lines.push_back(std::move(line));
            line.clear();
        }
        for (std::size_t l = 0; l < lines.size(); ++l) {
            const bool apart =
                (l == 0 || parting[l - 1]) && (l + 1 == lines.size() || parting[l + 1]);
            for (const std::uint32_t p : lines[l]) alone[p] = apart;
        }
        return alone;
    }

    // No change touches the group's wording (its break aside).
    bool unchanged(std::uint32_t story_index, const std::vector<std::uint32_t>& group) const {
        for (const std::uint32_t p : group)
            for (const Run& run : package_.story(story_index).paragraphs[p].runs)
                if (run.inserted != kNoIndex || run.deleted != kNoIndex ||
                    run.reformatted != kNoIndex)
                    return false;
        return true;
    }

    // In a document accord wrote, each line is a Word paragraph and the
    // blank line between two paragraphs of the text an empty one, so a
    // paragraph a delegate adds with Enter, changes tracked, sits right
    // under a line: read as written it would be a new line of that
    // paragraph. It is a paragraph of its own, a blank line before or after
    // it as the text's paragraphs are parted, where it was added right after
    // or before a paragraph that was one line before the changes and that
    // no change touched. Added among lines written line under line
    // (subparagraphs "(a) ...;" above "(b) ...;"), after the last of them or
    // before the first, it is one more of them. Several added together stay
    // lines of one paragraph, as accord writes a new paragraph of several
    // lines. (A compilation's changes that turn a paragraph into several
    // lines change its wording too, and read back as written; lines added
    // under an untouched paragraph of one line would read back apart, and
    // the compilation says it cannot carry them.) Per group: a blank line
    // goes before it.
    std::vector<bool> new_paragraphs_apart(std::uint32_t story_index,
                                           const std::vector<std::vector<std::uint32_t>>& groups) {
        std::vector<LineKind> kinds;
        std::vector<std::size_t> at;  // the group of each line that stands in this text
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const LineKind kind = line_kind(story_index, groups[g]);
            if (kind == LineKind::hidden) continue;
            kinds.push_back(kind);
            at.push_back(g);
        }
        std::vector<bool> apart(groups.size(), false);
        const Story& story = package_.story(story_index);
        // A line split in two with Enter (its first part's break inserted,
        // both parts standing, no other change touching their wording): a
        // paragraph split, where the line was a paragraph of its own before
        // the changes, its parts parted by a blank line as the text's
        // paragraphs are (not a line break inside one paragraph, which no
        // comparison would see). A line among lines written line under line
        // is split into two of them. (A compilation's changes that turn a
        // paragraph into several lines change its wording too, and read
        // back as written.)
        auto split_after = [&](std::size_t i) {
            return kinds[i] == LineKind::standing && kinds[i + 1] == LineKind::standing &&
                   story.paragraphs[groups[at[i]].back()].mark_inserted != kNoIndex &&
                   unchanged(story_index, groups[at[i]]) &&
                   unchanged(story_index, groups[at[i + 1]]);
        };
        bool split = false;
        for (std::size_t i = 0; i + 1 < kinds.size(); ++i) split = split || split_after(i);
        if (!split && std::find(kinds.begin(), kinds.end(), LineKind::added) == kinds.end())
            return apart;
        const std::vector<bool> alone = alone_before_changes(story);
        for (std::size_t i = 0; i + 1 < kinds.size(); ++i)
            if (split_after(i) && alone[groups[at[i]].back()]) apart[at[i + 1]] = true;
        auto kind = [&](std::size_t i, std::ptrdiff_t step) {
            const auto k = static_cast<std::ptrdiff_t>(i) + step;
            return k < 0 || k >= static_cast<std::ptrdiff_t>(kinds.size())
                       ? LineKind::boundary
                       : kinds[static_cast<std::size_t>(k)];
        };
        for (std::size_t i = 0; i < kinds.size();) {
            if (kinds[i] != LineKind::added) {
                ++i;
                continue;
            }
            std::size_t end = i;  // one past the added lines
            while (end < kinds.size() && kinds[end] == LineKind::added) ++end;
            const bool after = kind(i, -1) == LineKind::standing;
            const bool before = kind(end - 1, +1) == LineKind::standing;
            if (after && !before && alone[groups[at[i - 1]].back()] &&
                unchanged(story_index, groups[at[i - 1]]))
                apart[at[i]] = true;
            if (before && !after && alone[groups[at[end]].front()] &&
                unchanged(story_index, groups[at[end]]))
                apart[at[end]] = true;
            i = end;
        }
        return apart;
    }

    void start_block(Where where) {
        switch (where) {
            case Where::body:
                if (verbatim_) {
                    if (body_lines_++ > 0) out_ += blank_line_before_ ? "\n\n" : "\n";
                } else if (!out_.empty()) {
                    out_ += "\n\n";
                }
                break;
            case Where::note:
                out_ += note_first_block_ ? " " : "\n\n    ";
                note_first_block_ = false;
                break;
            case Where::cell:
                if (!cell_first_paragraph_) out_ += "<br>";
                cell_first_paragraph_ = false;
                break;
        }
    }

    // The group's wording in this text, without markup.
    std::string plain_text(std::uint32_t story_index, const std::vector<std::uint32_t>& group,
                           bool& has_wording) const {
        std::string text;
        has_wording = false;
        for (std::uint32_t p : group) {
            for (const Run& run : package_.story(story_index).paragraphs[p].runs) {
                if (!view_of(run, options_).visible) continue;
                if (run.kind == RunKind::note_reference) has_wording = true;
                if (run.kind != RunKind::text) continue;
                text += run.text;
                if (!is_blank(run.text)) has_wording = true;
            }
        }
        return text;
    }

    void write_paragraph(std::uint32_t story_index, const std::vector<std::uint32_t>& group,
                         NumberingCounter& numbers, Where where) {
        const Story& story = package_.story(story_index);
        const Paragraph& last = story.paragraphs[group.back()];
        const NumberingRef numbering = numbering_shown(last);
        std::string label = numbering.numbered() ? numbers.next(numbering) : "";
        const std::uint32_t heading = where == Where::body ? heading_shown(last) : 0;
        bool has_wording = false;
        const std::string plain = plain_text(story_index, group, has_wording);
        auto& places = result_.map.stories[story_index];
        const bool line = verbatim_ && where == Where::body;
        if (line ? !has_visible_paragraph(story_index, group) : !has_wording) {
            for (std::uint32_t p : group) place_unwritten(places[p]);
            return;
        }
        // A label the wording already starts with is not written twice.
        const std::size_t first = plain.find_first_not_of(" \t");
        if (!label.empty() && first != std::string::npos &&
            plain.compare(first, label.size(), label) == 0 &&
            (first + label.size() == plain.size() || plain[first + label.size()] == ' ' ||
             plain[first + label.size()] == '\t')) {
            label.clear();
        }

        label_end_ = heading == 0 && label.empty() && where == Where::body
                         ? alternative_label_end(story_index, group, plain)
                         : 0;
        start_block(where);
        const std::size_t begin = out_.size();
        if (heading > 0) out_ += std::string(heading, '#') + ' ';
        if (!label.empty()) out_ += label + ' ';
        const std::size_t content_begin = out_.size();
        if (last.reformatted != kNoIndex && begin != content_begin)
            extend_revision(last.reformatted, begin, content_begin);
        const LineBreaks breaks = heading > 0            ? LineBreaks::space
                                  : where == Where::cell ? LineBreaks::html
                                                         : LineBreaks::hard;
        if (line) {
            // A document accord wrote: the line's characters as typed, but
            // for those that would read as marks, escaped (written first
            // without escapes to find them).
            auto write_line = [&] {
                line_begin_ = out_.size();
                plain_at_ = 0;
                MarkStack open;
                for (std::uint32_t p : group)
                    write_runs_as_typed(story_index, p, open, heading > 0);
                open.move(out_, Marks{});
            };
            typed_offsets_.clear();
            escape_typed_.clear();
            typed_count_ = 0;
            deferring_revisions_ = true;
            write_line();
            deferring_revisions_ = false;
            std::vector<bool> typed(out_.size() - content_begin, false);
            for (const std::size_t at : typed_offsets_) typed[at - content_begin] = true;
            // In a document accord wrote with tracked changes of its own,
            // only in a line no change touches or one tracked changes added
            // whole (a delegate's): accord writes a line with a change inside
            // it with its marks as typed where Word formatting would not
            // carry it (a "#" making it a heading, a strike around italics).
            std::vector<bool> escaped;
            if (std::find(typed.begin(), typed.end(), true) != typed.end() &&
                (!package_.accord_tracked_changes() || unchanged(story_index, group) ||
                 line_kind(story_index, group) == LineKind::added))
                escaped = escape_typed_marks(std::string_view(out_).substr(content_begin), typed,
                                             heading == 0 && label.empty());
            if (escaped.empty()) {
                for (const auto& [revision, from, to] : deferred_revisions_)
                    extend_revision(revision, from, to);
            } else {
                for (const std::size_t at : typed_offsets_)
                    escape_typed_.push_back(escaped[at - content_begin]);
                out_.resize(content_begin);
                typed_count_ = 0;
                write_line();
            }
            deferred_revisions_.clear();
            escape_typed_.clear();
        } else {
            InlineWriter writer(out_, breaks, where == Where::cell,
                                heading == 0 && label.empty() && where != Where::cell);
            writer.set_escaping(options_.formatting);
            plain_at_ = 0;
            for (std::uint32_t p : group) write_runs(story_index, p, writer, heading > 0);
            writer.finish();
        }
        for (std::uint32_t p : group) {
            ParagraphPlace& place = places[p];
            place.written = true;
            place.range = {begin, out_.size()};
            place.content = {content_begin, out_.size()};
            const Paragraph& paragraph = story.paragraphs[p];
            for (std::uint32_t mark : {paragraph.mark_inserted, paragraph.mark_deleted}) {
                if (mark != kNoIndex) extend_revision(mark, out_.size(), out_.size());
            }
        }
    }

    // With changes bracketed, a paragraph added whole that opens with an
    // alternative paragraph's label ("Option 3:", "**Alt 2:**") has the
    // label, and the white space after it, before its bracket: "**Option
    // 3:** [wording]" is an alternative paragraph proposed, where
    // "[**Option 3:** wording]" would be a paragraph of other wording (the
    // label must open the paragraph). The length of that stretch of
    // `plain` (the group's wording as plain_text gives it), or 0.
    std::size_t alternative_label_end(std::uint32_t story_index,
                                      const std::vector<std::uint32_t>& group,
                                      const std::string& plain) const {
        if (options_.changes != TrackedChanges::bracket) return 0;
        bool any = false;
        for (const std::uint32_t p : group) {
            for (const Run& run : package_.story(story_index).paragraphs[p].runs) {
                const RunView view = view_of(run, options_);
                if (!view.visible || (run.kind == RunKind::text && run.text.empty())) continue;
                if (!view.bracketed || run.kind != RunKind::text) return 0;
                any = true;
            }
        }
        if (!any) return 0;
        const ByteRange found = find_alternative_label(plain, {0, plain.size()});
        if (found.empty()) return 0;
        std::size_t end = found.end;
        while (end < plain.size() && (plain[end] == ' ' || plain[end] == '\t')) ++end;
        return end < plain.size() ? end : 0;  // a label alone stays a proposal whole
    }

    // How much of `text`, a run's wording starting at `plain_at` of its
    // line's plain wording, is an alternative paragraph's label written
    // before the insertion's bracket (label_end_).
    std::size_t label_part(std::size_t plain_at, std::string_view text) const {
        return plain_at < label_end_ ? std::min(label_end_ - plain_at, text.size()) : 0;
    }

    // The group's line stands in this text (it is no inserted paragraph left
    // out): in a document accord wrote, an empty one is an empty line. A
    // paragraph whose break was deleted is joined to the next one, whose
    // break then ends the line, so that one decides ("[source]: x" whose
    // break was deleted, then "y" inserted, reads as the line "[source]: xy").
    bool has_visible_paragraph(std::uint32_t story_index,
                               const std::vector<std::uint32_t>& group) const {
        for (std::size_t k = 0; k < group.size(); ++k) {
            const Paragraph& paragraph = package_.story(story_index).paragraphs[group[k]];
            if (paragraph.in_table) return false;
            if (paragraph.mark_inserted != kNoIndex && !applied(paragraph.mark_inserted, options_))
                continue;  // an inserted paragraph left out
            const bool break_deleted = paragraph.mark_deleted != kNoIndex &&
                                       applied(paragraph.mark_deleted, options_) &&
                                       options_.changes == TrackedChanges::accept;
            if (!break_deleted) return true;
            // The story (or the body before a table) ends here, the break
            // deleted: the line stands if any of its wording does.
            if (k + 1 == group.size()) return any_run_visible(story_index, group);
        }
        return false;
    }

    bool any_run_visible(std::uint32_t story_index, const std::vector<std::uint32_t>& group) const {
        for (const std::uint32_t p : group) {
            for (const Run& run : package_.story(story_index).paragraphs[p].runs) {
                if (view_of(run, options_).visible && !run.text.empty()) return true;
            }
        }
        return false;
    }

    // Runs written with their characters as they are, marks exactly where
    // the formatting changes: what a document accord wrote reads back as.
    // A heading's bold is its style's, not the wording's. White space at
    // the edge of a run struck beside another source's strike goes between
    // the two strikes (Marks::strike_source), so that they stay apart.
    void write_runs_as_typed(std::uint32_t story_index, std::uint32_t paragraph_index,
                             MarkStack& open, bool heading) {
        const Paragraph& paragraph = package_.story(story_index).paragraphs[paragraph_index];
        auto& places = result_.map.stories[story_index][paragraph_index].runs;
        for (std::size_t r = 0; r < paragraph.runs.size(); ++r) {
            const Run& run = paragraph.runs[r];
            const RunView view = view_of(run, options_);
            if (!view.visible) {
                places[r] = {out_.size(), out_.size()};
                continue;
            }
            const Marks marks = marks_of(run, view, options_, heading, true);
            std::size_t label = 0;  // bytes of an alternative paragraph's label
            if (run.kind == RunKind::text) {
                label = marks.inserted ? label_part(plain_at_, run.text) : 0;
                plain_at_ += run.text.size();
            }
            if (run.kind == RunKind::line_break) {
                open.move(out_, Marks{});
                out_ += '\n';
                places[r] = {out_.size(), out_.size()};
                continue;
            }
            std::string_view text = run.kind == RunKind::text ? std::string_view(run.text) : "";
            Marks apart = marks;
            apart.struck = false;
            if (marks.inserted && out_.size() == line_begin_) {
                // A line's indentation stands before the bracket of its
                // insertion, as that of an alternative paragraph does
                // ("    [**Option 3:** ...]").
                const std::size_t lead = leading_space(text);
                append_typed(text.substr(0, lead));
                text.remove_prefix(lead);
                label -= std::min(label, lead);
                line_begin_ = out_.size();
            }
            std::size_t label_begin = out_.size();
            if (label > 0) {
                Marks outside = marks;
                outside.inserted = false;
                open.move(out_, outside);
                label_begin = out_.size();
                append_typed(text.substr(0, label));
                text.remove_prefix(label);
            }
            if (strikes_part(paragraph, r, -1, marks) ||
                change_strike_edge(paragraph, r, -1, marks)) {
                const std::size_t lead = leading_space(text);
                if (lead > 0) open.move(out_, apart);
                append_typed(text.substr(0, lead));
                text.remove_prefix(lead);
            }
            std::string_view trail;
            if (strikes_part(paragraph, r, +1, marks) ||
                change_strike_edge(paragraph, r, +1, marks)) {
                trail = text.substr(text.size() - trailing_space(text));
                text.remove_suffix(trail.size());
            }
            // White space at the edge of bold or italic wording a delegate
            // formatted (the selection taking the space before it) stands
            // outside the emphasis where it opens or closes there: "**"
            // before a space opens nothing in Markdown ("support** in").
            Marks unemphasised = marks;
            unemphasised.bold = unemphasised.italic = false;
            if (run.kind == RunKind::text && (marks.bold || marks.italic)) {
                const Marks& was = open.open();
                if ((marks.bold && !was.bold) || (marks.italic && !was.italic)) {
                    const std::size_t lead = leading_space(text);
                    if (lead > 0 && lead < text.size()) {
                        open.move(out_, unemphasised);
                        append_typed(text.substr(0, lead));
                        text.remove_prefix(lead);
                    }
                }
                if (trail.empty() && emphasis_closes_after(paragraph, r, marks)) {
                    const std::size_t space = trailing_space(text);
                    if (space > 0 && space < text.size()) {
                        trail = text.substr(text.size() - space);
                        text.remove_suffix(space);
                        apart = unemphasised;
                    }
                }
            }
            const std::size_t begin = out_.size();
            if (run.kind == RunKind::text) {
                if (!text.empty()) open.move(out_, marks);
                append_typed(text);
            } else {
                open.move(out_, marks);
                out_ += "[^" + std::to_string(note_number(run.note)) + "]";
            }
            const std::size_t from = label_begin != begin ? label_begin : begin;
            places[r] = {from, out_.size()};
            if (from != out_.size()) {
                for (std::uint32_t r : {run.inserted, run.deleted, run.reformatted})
                    if (r != kNoIndex) extend_revision(r, from, out_.size());
            }
            if (!trail.empty()) {
                open.move(out_, apart);
                append_typed(trail);
            }
        }
    }

    // Run `r`, written with `marks` (bold or italic), is followed by no
    // visible run of its paragraph with the same emphasis: the emphasis
    // closes after it.
    bool emphasis_closes_after(const Paragraph& paragraph, std::size_t r,
                               const Marks& marks) const {
        for (std::size_t k = r + 1; k < paragraph.runs.size(); ++k) {
            const Run& next = paragraph.runs[k];
            const RunView view = view_of(next, options_);
            if (!view.visible) continue;
            if (next.kind == RunKind::line_break) return true;
            const Marks other = marks_of(next, view, options_, false, true);
            return (marks.bold && !other.bold) || (marks.italic && !other.italic);
        }
        return true;
    }

    // Run `r`, written with `marks`, is struck, and so is the next visible
    // run of its paragraph on the side `step` says (-1 before, +1 after),
    // by another source.
    bool strikes_part(const Paragraph& paragraph, std::size_t r, int step,
                      const Marks& marks) const {
        if (!marks.struck) return false;
        for (std::size_t k = r + step; k < paragraph.runs.size(); k += step) {
            const Run& next = paragraph.runs[k];
            const RunView view = view_of(next, options_);
            if (!view.visible) continue;
            if (next.kind == RunKind::line_break) return false;
            const Marks other = marks_of(next, view, options_, false, true);
            return other.struck && other.strike_source != marks.strike_source;
        }
        return false;
    }

    // Run `r`, written with `marks`, is struck by a tracked change (a
    // deletion shown as a strike, or a strike made with changes tracked),
    // and the strike ends at its side `step` says (-1 before, +1 after)
    // with wording after it on the line: white space at that edge goes
    // outside the strike, as a negotiator writes one ("issues ~~pertaining
    // to the Internet~~."), not "issues~~ pertaining to the Internet~~."
    // (Word selects a word with the space after it, and a deletion often
    // takes the space before it.)
    bool change_strike_edge(const Paragraph& paragraph, std::size_t r, int step,
                            const Marks& marks) const {
        if (!marks.struck || marks.strike_source < 2) return false;
        for (std::size_t k = r + step; k < paragraph.runs.size(); k += step) {
            const Run& next = paragraph.runs[k];
            const RunView view = view_of(next, options_);
            if (!view.visible) continue;
            if (next.kind == RunKind::line_break) return false;
            if (next.kind == RunKind::text && next.text.empty()) continue;
            const Marks other = marks_of(next, view, options_, false, true);
            return !other.struck || other.strike_source != marks.strike_source;
        }
        return false;
    }

    void place_unwritten(ParagraphPlace& place) {
        place.written = false;
        place.range = place.content = {out_.size(), out_.size()};
        for (RunPlace& run : place.runs) run = {out_.size(), out_.size()};
    }

    void write_runs(std::uint32_t story_index, std::uint32_t paragraph_index, InlineWriter& writer,
                    bool heading) {
        const Paragraph& paragraph = package_.story(story_index).paragraphs[paragraph_index];
        auto& places = result_.map.stories[story_index][paragraph_index].runs;
        for (std::size_t r = 0; r < paragraph.runs.size(); ++r) {
            const Run& run = paragraph.runs[r];
            const RunView view = view_of(run, options_);
            RunPlace& place = places[r];
            if (!view.visible) {
                place = {writer.offset(), writer.offset()};
                continue;
            }
            const Marks marks = marks_of(run, view, options_, heading, false);
            std::pair<std::size_t, std::size_t> at{writer.offset(), writer.offset()};
            switch (run.kind) {
                case RunKind::text: {
                    const std::size_t label = marks.inserted ? label_part(plain_at_, run.text) : 0;
                    plain_at_ += run.text.size();
                    if (label == 0) {
                        at = writer.text(run.text, marks);
                        break;
                    }
                    Marks outside = marks;
                    outside.inserted = false;
                    at = writer.text(std::string_view(run.text).substr(0, label), outside);
                    if (label < run.text.size()) {
                        const auto rest =
                            writer.text(std::string_view(run.text).substr(label), marks);
                        if (at.first == at.second) at.first = rest.first;
                        if (rest.first != rest.second) at.second = rest.second;
                    }
                    break;
                }
                case RunKind::line_break:
                    writer.line_break();
                    break;
                case RunKind::note_reference:
                    at = writer.raw("[^" + std::to_string(note_number(run.note)) + "]", marks);
                    break;
            }
            place = {at.first, at.second};
            if (at.first != at.second) {
                for (std::uint32_t r : {run.inserted, run.deleted, run.reformatted})
                    if (r != kNoIndex) extend_revision(r, at.first, at.second);
            }
        }
    }

    void write_table(std::uint32_t story_index, const Table& table, NumberingCounter& numbers,
                     Where where) {
        auto& places = result_.map.stories[story_index];
        if (where != Where::body) {
            // No tables inside a note's definition: its cells as paragraphs.
            for (const Row& row : table.rows) {
                for (const Cell& cell : row.cells) {
                    for (std::uint32_t p : cell.paragraphs) {
                        if (row_shown(row)) {
                            write_paragraph(story_index, {p}, numbers, where);
                        } else {
                            place_unwritten(places[p]);
                        }
                    }
                }
            }
            return;
        }
        std::size_t columns = 0;
        bool any = false;
        for (const Row& row : table.rows) {
            if (!row_shown(row)) continue;
            any = true;
            std::size_t width = 0;
            for (const Cell& cell : row.cells) width += cell.span;
            columns = std::max(columns, width);
        }
        if (!any || columns == 0) {
            for (const Row& row : table.rows) {
                for (const Cell& cell : row.cells) {
                    for (std::uint32_t p : cell.paragraphs) place_unwritten(places[p]);
                }
            }
            return;
        }
        start_block(Where::body);
        bool header = true;
        for (const Row& row : table.rows) {
            if (!row_shown(row)) {
                for (const Cell& cell : row.cells) {
                    for (std::uint32_t p : cell.paragraphs) place_unwritten(places[p]);
                }
                continue;
            }
            out_ += '|';
            std::size_t width = 0;
            for (const Cell& cell : row.cells) {
                out_ += ' ';
                write_cell(story_index, cell, numbers);
                out_ += " |";
                for (std::uint32_t extra = 1; extra < cell.span; ++extra) out_ += "  |";
                width += cell.span;
            }
            for (; width < columns; ++width) out_ += "  |";
            if (header) {
                out_ += "\n|";
                for (std::size_t c = 0; c < columns; ++c) out_ += " --- |";
                header = false;
            }
            out_ += '\n';
        }
        out_.pop_back();  // blocks are separated by start_block
    }

    void write_cell(std::uint32_t story_index, const Cell& cell, NumberingCounter& numbers) {
        const Story& story = package_.story(story_index);
        cell_first_paragraph_ = true;
        const std::vector<bool> gone = breaks_gone(story, cell.paragraphs);
        std::vector<std::uint32_t> group;
        for (std::size_t k = 0; k < cell.paragraphs.size(); ++k) {
            const std::uint32_t p = cell.paragraphs[k];
            group.push_back(p);
            if (gone[k]) continue;
            write_paragraph(story_index, group, numbers, Where::cell);
            group.clear();
        }
    }

    std::uint32_t note_number(std::uint32_t note) {
        if (note >= result_.note_numbers.size()) return 0;
        std::uint32_t& number = result_.note_numbers[note];
        if (number == 0) {
            note_order_.push_back(note);
            number = static_cast<std::uint32_t>(note_order_.size());
        }
        return number;
    }

    // Characters of the wording written as typed, each escaped that the
    // line's first writing found would read as a mark (escape_typed_).
    void append_typed(std::string_view text) {
        for (const char c : text) {
            if (typed_count_ < escape_typed_.size() && escape_typed_[typed_count_]) out_ += '\\';
            ++typed_count_;
            typed_offsets_.push_back(out_.size());
            out_ += c;
        }
    }

    void extend_revision(std::uint32_t revision, std::size_t begin, std::size_t end) {
        if (deferring_revisions_) {
            deferred_revisions_.push_back({revision, begin, end});
            return;
        }
        if (revision >= revision_spans_.size()) return;
        auto& span = revision_spans_[revision];
        span.first = std::min(span.first, begin);
        span.second = std::max(span.second, end);
    }

    const std::optional<WholeWords> whole_words_;
    const Package& package_;  // the document, or whole_words_'s rewriting of it
    const ConvertOptions& options_;
    std::string out_;
    Converted result_;
    std::vector<std::pair<std::size_t, std::size_t>> revision_spans_;
    std::vector<std::uint32_t> note_order_;
    bool note_first_block_ = false;
    bool cell_first_paragraph_ = true;
    const bool verbatim_;             // a document accord wrote (Package::accord_notation)
    std::size_t body_lines_ = 0;      // verbatim: the body's paragraphs written so far
    bool blank_line_before_ = false;  // verbatim: the next line is a paragraph added apart
    // verbatim: the line being written. Offsets of its characters as typed
    // (not marks), which of them to escape (by their order), how many are
    // written, and the places of changes held back while it is first written.
    std::vector<std::size_t> typed_offsets_;
    std::vector<bool> escape_typed_;
    std::size_t typed_count_ = 0;
    std::size_t line_begin_ = 0;  // where the line's wording starts: nothing written before it
    // The paragraph being written: where its alternative paragraph's label
    // ends in its plain wording (alternative_label_end), and how much of
    // that wording is written so far.
    std::size_t label_end_ = 0;
    std::size_t plain_at_ = 0;
    bool deferring_revisions_ = false;
    struct RevisionSpan {
        std::uint32_t revision;
        std::size_t begin, end;
    };
    std::vector<RevisionSpan> deferred_revisions_;
};

}  // namespace

RunView view_of(const Run& run, const ConvertOptions& options) {
    const bool inserted = applied(run.inserted, options);
    const bool deleted = applied(run.deleted, options);
    RunView view;
    view.visible = (run.inserted == kNoIndex || inserted) &&
                   !(deleted && options.changes == TrackedChanges::accept);
    view.bracketed = view.visible && inserted && options.changes == TrackedChanges::bracket;
    view.struck = view.visible && deleted && options.changes == TrackedChanges::bracket;
    return view;
}

std::size_t TextMap::start_offset(const Position& at) const {
    if (at.story >= stories.size() || at.paragraph >= stories[at.story].size()) return 0;
    const ParagraphPlace& place = stories[at.story][at.paragraph];
    for (std::size_t r = at.run; r < place.runs.size(); ++r) {
        if (place.runs[r].begin != place.runs[r].end) return place.runs[r].begin;
    }
    return place.content.end;
}

std::size_t TextMap::end_offset(const Position& at) const {
    if (at.story >= stories.size() || at.paragraph >= stories[at.story].size()) return 0;
    const ParagraphPlace& place = stories[at.story][at.paragraph];
    for (std::size_t r = std::min<std::size_t>(at.run, place.runs.size()); r > 0; --r) {
        if (place.runs[r - 1].begin != place.runs[r - 1].end) return place.runs[r - 1].end;
    }
    return place.content.begin;
}

Converted to_notation(const Package& package, const ConvertOptions& options) {
    return Converter(package, options).run();
}

}  // namespace accord::docx
