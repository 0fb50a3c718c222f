#include "core/import/docx/word_import.hpp"

#include <algorithm>
#include <numeric>

#include "core/import/docx/numbering.hpp"

namespace accord::docx {

namespace {

// The one contiguous edit that turns `before` into `after`: their common
// start and end kept, the middle replaced. Cut on character boundaries.
void single_edit(const std::string& before, const std::string& after, ChangeStep& step) {
    auto continues_a_character = [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
    };
    std::size_t prefix = 0;
    while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix])
        ++prefix;
    while (prefix > 0 && prefix < before.size() && continues_a_character(before[prefix])) --prefix;
    std::size_t suffix = 0;
    while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
           before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
        ++suffix;
    while (suffix > 0 && continues_a_character(before[before.size() - suffix])) --suffix;
    step.before = {prefix, before.size() - suffix};
    step.replacement = after.substr(prefix, after.size() - suffix - prefix);
}

std::string wording_of(const Package& package, std::uint32_t revision) {
    const Story& story = package.story(package.revisions[revision].story);
    std::string wording;
    for (const Paragraph& paragraph : story.paragraphs) {
        // A change of the paragraph's number or heading: its wording.
        const bool whole = paragraph.reformatted == revision;
        for (const Run& run : paragraph.runs) {
            if (run.kind == RunKind::text &&
                (whole || run.inserted == revision || run.deleted == revision ||
                 run.reformatted == revision))
                wording += run.text;
        }
    }
    return wording;
}

}  // namespace

bool ImportedComment::asks_for_text_change() const {
    return std::any_of(segments.begin(), segments.end(), [](const CommentSegment& s) {
        return s.request.kind != RequestKind::position;
    });
}

WordImport plan_word_import(const Package& package, const WordImportOptions& options) {
    WordImport result;
    ConvertOptions convert;
    convert.changes = TrackedChanges::reject;
    result.base = to_notation(package, convert).text;

    // Oldest first; within one date, the body before the notes, in document order.
    const std::vector<Revision>& revisions = package.revisions;
    std::vector<std::uint32_t> order(revisions.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const Revision& x = revisions[a];
        const Revision& y = revisions[b];
        if (x.date != y.date) return x.date < y.date;
        return (x.story != 0) < (y.story != 0);
    });
    convert.changes = options.changes;
    convert.shown.assign(revisions.size(), false);
    std::string previous = result.base;
    for (std::uint32_t r : order) {
        convert.shown[r] = true;
        std::string next = to_notation(package, convert).text;
        ChangeStep step;
        step.revision = r;
        step.author = revisions[r].author;
        step.date = revisions[r].date;
        step.kind = revisions[r].kind;
        step.in_note = revisions[r].story != 0;
        step.wording = wording_of(package, r);
        single_edit(previous, next, step);
        result.changes.push_back(std::move(step));
        previous = std::move(next);
    }

    convert.shown.clear();
    const Converted converted = to_notation(package, convert);
    result.text = converted.text;
    const std::vector<CommentAnchor> anchors = anchor_comments(package, converted, convert);
    const SpeakerMatcher matcher(options.registry);
    std::vector<std::string> unknown;
    for (std::uint32_t c = 0; c < package.comments.size(); ++c) {
        ImportedComment imported;
        imported.comment = c;
        imported.anchor = anchors[c];
        const AnchorContext context{anchors[c].quoted, anchors[c].on_heading,
                                    anchors[c].at_paragraph_start, anchors[c].inside_word};
        for (Segment& segment : split_speakers(package.comments[c].text, matcher)) {
            Request request = read_request(segment.text, context);
            (request.kind == RequestKind::position ? result.summary.positions
                                                   : result.summary.text_requests)++;
            for (const Speaker& speaker : segment.speakers) {
                if (speaker.source == SpeakerSource::unknown) {
                    if (std::find(unknown.begin(), unknown.end(), speaker.written) == unknown.end())
                        unknown.push_back(speaker.written);
                } else {
                    ++result.summary.speakers[speaker.name];
                }
            }
            imported.segments.push_back({std::move(segment), std::move(request)});
        }
        if (package.comments[c].parent != kNoIndex) ++result.summary.replies;
        result.comments.push_back(std::move(imported));
    }
    result.summary.unknown_speakers = std::move(unknown);
    result.dropped = describe_dropped(package);
    return result;
}

std::uint64_t wording_bytes(const Package& package) {
    std::uint64_t bytes = 0;
    for (std::uint32_t s = 0; s < package.story_count(); ++s) {
        NumberingCounter numbers(package.numbering);
        for (const Paragraph& paragraph : package.story(s).paragraphs) {
            if (paragraph.numbering.numbered())
                bytes += numbers.next(paragraph.numbering).size() + 1;
            if (paragraph.numbering_before.numbered())  // a change of it not shown
                bytes += numbers.next(paragraph.numbering_before).size() + 1;
            for (const Run& run : paragraph.runs) bytes += run.text.size();
            bytes += 2;
        }
    }
    return bytes;
}

}  // namespace accord::docx
