#include "core/import/docx/accord_texts.hpp"

#include <algorithm>

#include "core/util/text.hpp"

namespace accord::docx {

std::string accord_text_bookmark(std::size_t n) {
    return std::string(kAccordBookmarkPrefix) + "text_" + std::to_string(n);
}

std::string accord_text_property(std::size_t n) {
    return "accord-text-" + std::to_string(n);
}

std::string accord_text_newline_property(std::size_t n) {
    return "accord-text-" + std::to_string(n) + "-final-newline";
}

std::string accord_text_front_property(std::size_t n) {
    return "accord-text-" + std::to_string(n) + "-front-matter";
}

std::string accord_text_front_before_property(std::size_t n) {
    return "accord-text-" + std::to_string(n) + "-front-matter-before";
}

bool new_paragraph(const Story& body, std::uint32_t p) {
    if (p >= body.paragraphs.size()) return false;
    const Paragraph& paragraph = body.paragraphs[p];
    if (paragraph.in_table) return false;
    for (const Run& run : paragraph.runs)
        if (run.inserted == kNoIndex) return false;
    if (paragraph.mark_inserted != kNoIndex) return true;
    return p > 0 && body.paragraphs[p - 1].mark_inserted != kNoIndex;
}

namespace {

// Widens each text (in document order) over the new paragraphs next to it:
// first those after its last paragraph, then those before its first, so
// that a paragraph between two texts with no heading between is the
// earlier text's (see accord_texts).
void take_in_new_paragraphs(const Story& body, std::vector<AccordText>& texts) {
    const auto count = static_cast<std::uint32_t>(body.paragraphs.size());
    for (std::size_t t = 0; t < texts.size(); ++t) {
        const std::uint32_t limit = t + 1 < texts.size() ? texts[t + 1].first_paragraph : count;
        std::uint32_t& last = texts[t].last_paragraph;
        while (last + 1 < limit && new_paragraph(body, last + 1)) ++last;
    }
    for (std::size_t t = 0; t < texts.size(); ++t) {
        const std::uint32_t floor = t > 0 ? texts[t - 1].last_paragraph + 1 : 0;
        std::uint32_t& first = texts[t].first_paragraph;
        while (first > floor && new_paragraph(body, first - 1)) --first;
    }
}

// The text's body as `converted` gives it: its lines, each ending in a
// newline but the last when final_newline is false; empty when none of its
// paragraphs is written.
std::string body_of(const AccordText& text, const Converted& converted) {
    if (converted.map.stories.empty()) return "";
    const auto& places = converted.map.stories[0];
    std::size_t begin = SIZE_MAX, end = 0;
    for (std::uint32_t p = text.first_paragraph; p <= text.last_paragraph; ++p) {
        if (!places[p].written) continue;
        begin = std::min(begin, places[p].range.begin);
        end = std::max(end, places[p].range.end);
    }
    if (begin == SIZE_MAX) return "";
    return converted.text.substr(begin, end - begin) + (text.final_newline ? "\n" : "");
}

}  // namespace

std::vector<AccordText> accord_texts(const Package& package, const Converted* converted) {
    std::vector<AccordText> out;
    if (!package.accord_notation()) return out;
    const std::string prefix = std::string(kAccordBookmarkPrefix) + "text_";
    const auto& custom = package.properties.custom;
    for (const Bookmark& bookmark : package.bookmarks) {
        if (!bookmark.has_end || bookmark.name.rfind(prefix, 0) != 0) continue;
        const std::string n = bookmark.name.substr(prefix.size());
        const auto path = custom.find("accord-text-" + n);
        if (path == custom.end() || path->second.empty()) continue;
        AccordText text;
        text.path = path->second;
        text.first_paragraph = bookmark.start.paragraph;
        text.last_paragraph = bookmark.end.paragraph;
        if (text.last_paragraph < text.first_paragraph ||
            text.last_paragraph >= package.body.paragraphs.size())
            continue;
        const auto newline = custom.find("accord-text-" + n + "-final-newline");
        text.final_newline = newline == custom.end() || newline->second != "no";
        if (const auto front = custom.find("accord-text-" + n + "-front-matter");
            front != custom.end())
            text.front_matter = front->second;
        if (const auto before = custom.find("accord-text-" + n + "-front-matter-before");
            before != custom.end())
            text.front_matter_before = before->second;
        out.push_back(std::move(text));
    }
    take_in_new_paragraphs(package.body, out);
    if (converted != nullptr)
        for (AccordText& text : out) text.body = body_of(text, *converted);
    return out;
}

OutsideTexts outside_texts(const Package& package, const std::vector<AccordText>& texts) {
    const Story& body = package.body;
    std::vector<bool> inside(body.paragraphs.size(), false);
    for (const AccordText& text : texts)
        for (std::uint32_t p = text.first_paragraph; p <= text.last_paragraph; ++p)
            inside[p] = true;
    OutsideTexts out;
    std::vector<bool> seen(package.revisions.size(), false);
    auto note = [&](std::uint32_t r) {
        if (r >= seen.size() || seen[r]) return;
        seen[r] = true;
        out.revisions.push_back(r);
    };
    for (std::uint32_t p = 0; p < body.paragraphs.size(); ++p) {
        if (inside[p]) continue;
        const Paragraph& paragraph = body.paragraphs[p];
        for (const Run& run : paragraph.runs) {
            note(run.inserted);
            note(run.deleted);
            note(run.reformatted);
        }
        note(paragraph.mark_deleted);
        note(paragraph.reformatted);
        // A break inserted before a text's new first paragraph is that
        // paragraph's (slice_body), not a change outside.
        const bool opens_text =
            p + 1 < body.paragraphs.size() && inside[p + 1] && new_paragraph(body, p + 1);
        if (!opens_text) note(paragraph.mark_inserted);
    }
    for (const Table& table : body.tables) {
        bool all_inside = true;
        for (const Row& row : table.rows)
            for (const Cell& cell : row.cells)
                for (std::uint32_t p : cell.paragraphs)
                    all_inside = all_inside && p < inside.size() && inside[p];
        if (all_inside) continue;
        for (const Row& row : table.rows) {
            note(row.inserted);
            note(row.deleted);
        }
    }
    for (std::uint32_t c = 0; c < package.comments.size(); ++c) {
        const Position& start = package.comments[c].start;
        if (start.story == 0 && (start.paragraph >= inside.size() || !inside[start.paragraph]))
            out.comments.push_back(c);
    }
    return out;
}

namespace {

// On one line, cut to `limit` characters with "…" (clip_to_width): a
// document may hold a name or a comment of megabytes.
std::string cut(std::string_view text, std::size_t limit = 60) {
    return clip_to_width(collapse_white_space(text), limit);
}

std::string quoted(std::string_view text) {
    return "\u201c" + cut(text) + "\u201d";
}

// Where body paragraph `p` is: "the heading “b” above texts/b.md", "the
// line “* * *” after texts/a.md".
std::string place_of(const Package& package, const std::vector<AccordText>& texts,
                     std::uint32_t p) {
    const Paragraph& paragraph = package.body.paragraphs[p];
    std::string stood, inserted;
    for (const Run& run : paragraph.runs) (run.inserted == kNoIndex ? stood : inserted) += run.text;
    const std::string place = paragraph.heading > 0 && !stood.empty()
                                  ? "the heading " + quoted(stood)
                              : !stood.empty()   ? "the line " + quoted(stood)
                              : inserted.empty() ? std::string("an empty line")
                                                 : std::string("a line of its own");
    const AccordText* above = nullptr;
    const AccordText* after = nullptr;
    for (const AccordText& text : texts) {
        if (text.first_paragraph > p &&
            (above == nullptr || text.first_paragraph < above->first_paragraph))
            above = &text;
        if (text.last_paragraph < p &&
            (after == nullptr || text.last_paragraph > after->last_paragraph))
            after = &text;
    }
    if (above != nullptr) return place + " above " + cut(above->path, 200);
    if (after != nullptr) return place + " after " + cut(after->path, 200);
    return place;
}

// What a revision did outside the texts, its wording there given:
// "inserted “x”", "joined two paragraphs".
std::string revision_action(const Revision& revision, const std::string& wording) {
    if (revision.paragraph_mark)
        return inserts(revision.kind) ? "split a paragraph" : "joined two paragraphs";
    if (revision.table_row)
        return inserts(revision.kind) ? "inserted a table row" : "deleted a table row";
    const std::string verb = revision.kind == RevisionKind::format ? "changed the formatting of "
                             : inserts(revision.kind)              ? "inserted "
                                                                   : "deleted ";
    return verb + quoted(wording);
}

}  // namespace

std::vector<std::string> describe_outside_texts(const Package& package,
                                                const std::vector<AccordText>& texts,
                                                const OutsideTexts& outside) {
    // Each revision's wording outside the texts, and its first paragraph
    // there, in one pass over the body.
    std::vector<bool> in_text(package.body.paragraphs.size(), false);
    for (const AccordText& text : texts)
        for (std::uint32_t p = text.first_paragraph; p <= text.last_paragraph; ++p)
            in_text[p] = true;
    std::vector<std::string> wording(package.revisions.size());
    std::vector<std::uint32_t> where(package.revisions.size(), kNoIndex);
    for (std::uint32_t p = 0; p < package.body.paragraphs.size(); ++p) {
        if (in_text[p]) continue;
        const Paragraph& paragraph = package.body.paragraphs[p];
        auto touch = [&](std::uint32_t r, const std::string& words) {
            if (r >= where.size()) return;
            if (where[r] == kNoIndex) where[r] = p;
            if (wording[r].size() < 4096) wording[r] += words;
        };
        touch(paragraph.mark_inserted, "");
        touch(paragraph.mark_deleted, "");
        touch(paragraph.reformatted, "");
        for (const Run& run : paragraph.runs)
            for (std::uint32_t r : {run.inserted, run.deleted, run.reformatted}) touch(r, run.text);
    }
    std::vector<std::string> lines;
    for (const std::uint32_t r : outside.revisions) {
        std::string line = cut(package.revisions[r].author) + " " +
                           revision_action(package.revisions[r], wording[r]);
        if (where[r] != kNoIndex) line += " in " + place_of(package, texts, where[r]);
        lines.push_back(std::move(line));
    }
    for (const std::uint32_t c : outside.comments) {
        const Comment& comment = package.comments[c];
        std::string line = "comment " + cut(comment.word_id, 20) + " by " + cut(comment.author) +
                           " (" + quoted(comment.text) + ")";
        if (comment.start.paragraph < package.body.paragraphs.size())
            line += " on " + place_of(package, texts, comment.start.paragraph);
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace accord::docx

namespace accord::docx {

Package slice_body(const Package& package, std::uint32_t first, std::uint32_t last) {
    Package out;
    out.notes = package.notes;
    out.properties = package.properties;
    out.numbering = package.numbering;
    out.dropped = package.dropped;
    const Story& body = package.body;
    last = std::min<std::uint32_t>(
        last, body.paragraphs.empty() ? 0 : static_cast<std::uint32_t>(body.paragraphs.size() - 1));
    auto inside = [&](std::uint32_t p) { return p >= first && p <= last; };
    for (std::uint32_t p = first; p <= last && p < body.paragraphs.size(); ++p)
        out.body.paragraphs.push_back(body.paragraphs[p]);
    // New paragraphs opening the slice whose break Word put on the paragraph
    // before: each takes the break before it, so that rejected they are gone.
    for (std::uint32_t p = first; p <= last && new_paragraph(body, p); ++p) {
        Paragraph& paragraph = out.body.paragraphs[p - first];
        if (paragraph.mark_inserted == kNoIndex)
            paragraph.mark_inserted = body.paragraphs[p - 1].mark_inserted;
    }
    for (const Block& block : body.blocks) {
        if (block.kind == BlockKind::paragraph) {
            if (inside(block.index))
                out.body.blocks.push_back({BlockKind::paragraph, block.index - first});
            continue;
        }
        Table table = body.tables[block.index];
        bool all = true;
        for (Row& row : table.rows)
            for (Cell& cell : row.cells)
                for (std::uint32_t& p : cell.paragraphs) {
                    all = all && inside(p);
                    p -= std::min(p, first);
                }
        if (!all) continue;
        out.body.blocks.push_back(
            {BlockKind::table, static_cast<std::uint32_t>(out.body.tables.size())});
        out.body.tables.push_back(std::move(table));
    }
    // Revisions the kept paragraphs and the notes use, renumbered.
    std::vector<std::uint32_t> renumbered(package.revisions.size(), kNoIndex);
    auto keep = [&](std::uint32_t& r) {
        if (r == kNoIndex || r >= package.revisions.size()) return;
        if (renumbered[r] == kNoIndex) {
            renumbered[r] = static_cast<std::uint32_t>(out.revisions.size());
            out.revisions.push_back(package.revisions[r]);
        }
        r = renumbered[r];
    };
    auto keep_story = [&](Story& story) {
        for (Paragraph& paragraph : story.paragraphs) {
            keep(paragraph.mark_inserted);
            keep(paragraph.mark_deleted);
            keep(paragraph.reformatted);
            for (Run& run : paragraph.runs) {
                keep(run.inserted);
                keep(run.deleted);
                keep(run.reformatted);
            }
        }
        for (Table& table : story.tables)
            for (Row& row : table.rows) {
                keep(row.inserted);
                keep(row.deleted);
            }
    };
    keep_story(out.body);
    for (Note& note : out.notes) keep_story(note.story);
    // Comments anchored in the kept paragraphs (or in notes).
    std::vector<std::uint32_t> comment_index(package.comments.size(), kNoIndex);
    for (std::uint32_t c = 0; c < package.comments.size(); ++c) {
        const Comment& comment = package.comments[c];
        if (comment.start.story == 0 && !inside(comment.start.paragraph)) continue;
        comment_index[c] = static_cast<std::uint32_t>(out.comments.size());
        Comment copy = comment;
        auto shift = [&](Position& at) {
            if (at.story != 0) return;
            if (at.paragraph < first)
                at = {0, 0, 0};
            else if (at.paragraph > last)
                at = {0, last - first,
                      static_cast<std::uint32_t>(body.paragraphs[last].runs.size())};
            else
                at.paragraph -= first;
        };
        shift(copy.start);
        shift(copy.end);
        shift(copy.reference);
        out.comments.push_back(std::move(copy));
    }
    for (Comment& comment : out.comments) {
        if (comment.parent != kNoIndex)
            comment.parent =
                comment.parent < comment_index.size() ? comment_index[comment.parent] : kNoIndex;
    }
    return out;
}

}  // namespace accord::docx
