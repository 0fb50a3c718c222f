#include "core/import/docx/comment_anchors.hpp"

#include <cctype>
#include <limits>

#include "core/util/text.hpp"

namespace accord::docx {

namespace {

bool blank(std::string_view text) {
    return text.find_first_not_of(" \t\n\r") == std::string_view::npos;
}

// The anchored wording from the model: the visible runs between the marks.
std::string quoted_wording(const Package& package, const Comment& comment,
                           const ConvertOptions& options) {
    const Story& story = package.story(comment.start.story);
    std::string out;
    for (std::uint32_t p = comment.start.paragraph;
         p <= comment.end.paragraph && p < story.paragraphs.size(); ++p) {
        const Paragraph& paragraph = story.paragraphs[p];
        const std::size_t from = p == comment.start.paragraph ? comment.start.run : 0;
        const std::size_t to = p == comment.end.paragraph
                                   ? std::min<std::size_t>(comment.end.run, paragraph.runs.size())
                                   : paragraph.runs.size();
        if (p != comment.start.paragraph && !out.empty()) out += ' ';
        for (std::size_t r = from; r < to; ++r) {
            const Run& run = paragraph.runs[r];
            if (!view_of(run, options).visible) continue;
            if (run.kind == RunKind::text) {
                for (char c : run.text) out += c == '\t' ? ' ' : c;
            } else if (run.kind == RunKind::line_break) {
                out += ' ';
            }
        }
    }
    return std::string(trim(out));
}

// The paragraph whose properties the text shows for paragraph `p`: the last
// of those written together with it (a removed paragraph break joins them).
std::uint32_t written_as(const std::vector<ParagraphPlace>& places, std::uint32_t p) {
    while (p + 1 < places.size() && places[p].written && places[p + 1].written &&
           places[p + 1].range == places[p].range)
        ++p;
    return p;
}

std::uint32_t heading_of(const Package& package, const std::vector<ParagraphPlace>& places,
                         std::uint32_t p) {
    const std::uint32_t shown = written_as(places, p);
    const Paragraph& paragraph = package.body.paragraphs[shown];
    return places[shown].written && !paragraph.in_table ? paragraph.heading : 0;
}

}  // namespace

std::vector<CommentAnchor> anchor_comments(const Package& package, const Converted& converted,
                                           const ConvertOptions& options) {
    std::vector<CommentAnchor> anchors;
    anchors.reserve(package.comments.size());
    const TextMap& map = converted.map;
    for (const Comment& comment : package.comments) {
        CommentAnchor anchor;
        anchor.story = comment.start.story;
        anchor.paragraph = comment.start.paragraph;
        // Neither its range nor its reference mark is in the document: it
        // points nowhere (not at the first paragraph), and what it asks
        // cannot be placed.
        if (!comment.has_range && !comment.has_reference)
            anchor.paragraph = std::numeric_limits<std::uint32_t>::max();
        if (anchor.story >= map.stories.size() ||
            anchor.paragraph >= map.stories[anchor.story].size()) {
            anchors.push_back(anchor);  // a story with no paragraph
            continue;
        }
        const std::size_t begin = map.start_offset(comment.start);
        const std::size_t end = std::max(begin, map.end_offset(comment.end));
        anchor.range = {begin, end};
        anchor.quoted = quoted_wording(package, comment, options);
        const std::string& text = converted.text;
        auto letter = [&](std::size_t at) { return at < text.size() && is_word_byte(text[at]); };
        anchor.inside_word = begin < end && ((begin > 0 && letter(begin - 1) && letter(begin)) ||
                                             (letter(end - 1) && letter(end)));

        const auto& places = map.stories[anchor.story];
        const ParagraphPlace& place = places[anchor.paragraph];
        anchor.paragraph_range = place.range;
        anchor.paragraph_content = place.content;
        const Paragraph& paragraph = package.story(anchor.story).paragraphs[anchor.paragraph];
        anchor.at_paragraph_start = true;
        for (std::size_t r = 0; r < comment.start.run && r < paragraph.runs.size(); ++r) {
            const Run& run = paragraph.runs[r];
            if (view_of(run, options).visible &&
                (run.kind == RunKind::note_reference ||
                 (run.kind == RunKind::text && !blank(run.text)))) {
                anchor.at_paragraph_start = false;
                break;
            }
        }

        if (anchor.story == 0) anchor.heading_level = heading_of(package, places, anchor.paragraph);
        if (anchor.heading_level > 0) {
            anchor.on_heading = true;
            std::size_t section_end = map.body_end;
            for (std::uint32_t q = written_as(places, anchor.paragraph) + 1; q < places.size();
                 ++q) {
                const std::uint32_t level = heading_of(package, places, q);
                if (places[q].written && level > 0 && level <= anchor.heading_level) {
                    section_end = places[q].range.begin;
                    break;
                }
            }
            while (section_end > place.range.begin && converted.text[section_end - 1] == '\n')
                --section_end;
            anchor.section = {place.range.begin, section_end};
        }
        anchors.push_back(std::move(anchor));
    }
    return anchors;
}

}  // namespace accord::docx
