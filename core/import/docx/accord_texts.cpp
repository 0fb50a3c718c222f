#include "core/import/docx/accord_texts.hpp"

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
        if (converted != nullptr && !converted->map.stories.empty()) {
            const auto& places = converted->map.stories[0];
            std::size_t begin = SIZE_MAX, end = 0;
            for (std::uint32_t p = text.first_paragraph; p <= text.last_paragraph; ++p) {
                if (!places[p].written) continue;
                begin = std::min(begin, places[p].range.begin);
                end = std::max(end, places[p].range.end);
            }
            if (begin != SIZE_MAX) {
                text.body = converted->text.substr(begin, end - begin);
                if (text.final_newline) text.body += '\n';
            }
        }
        out.push_back(std::move(text));
    }
    return out;
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
