#include "core/import/docx/word_history.hpp"

#include "core/util/date.hpp"
#include "core/util/text.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>

namespace accord::docx {

namespace {

// A mark placed by a comment's request, kept in the offsets of the text
// Word's tracked changes give (`Composer::converted_`), so that a later
// tracked change moves it instead of being applied to text it never saw.
// Marks at one offset are ordered by (side, rank): closing marks, then
// insertions at a point, then opening marks; within a side by rank.
struct Mark {
    std::size_t at = 0;
    MarkSide side = MarkSide::point;
    double rank = 0;
    std::string text;
};

bool mark_less(const Mark& a, const Mark& b) {
    if (a.at != b.at) return a.at < b.at;
    if (a.side != b.side) return a.side < b.side;
    return a.rank < b.rank;
}

std::string one_line(std::string_view text) {
    return collapse_white_space(text);
}

std::string shortened(std::string_view text, std::size_t limit = 60) {
    std::string line = one_line(text);
    if (line.size() <= limit) return line;
    std::size_t cut = limit - 3;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    return line.substr(0, cut) + "...";
}

std::string quoted(std::string_view text) {
    return "\xE2\x80\x9C" + shortened(text) + "\xE2\x80\x9D";
}

class Composer {
  public:
    Composer(const Package& package, TrackedChanges changes) : package_(package) {
        convert_.changes = changes;
        convert_.shown.assign(package.revisions.size(), false);
        converted_ = to_notation(package_, convert_);
    }

    const std::string& converted_text() const { return converted_.text; }

    // Shows one more revision; marks move with the wording around them.
    void show(std::uint32_t revision) {
        convert_.shown[revision] = true;
        Converted next = to_notation(package_, convert_);
        const std::string& before = converted_.text;
        const std::string& after = next.text;
        std::size_t prefix = 0;
        while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix])
            ++prefix;
        std::size_t suffix = 0;
        while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
               before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
            ++suffix;
        const std::size_t b = prefix, e = before.size() - suffix;
        const std::size_t length = after.size() - suffix - prefix;
        for (Mark& mark : marks_) {
            if (mark.at < b) continue;
            if (mark.at > e) {
                mark.at = mark.at - e + b + length;
            } else if (mark.side == MarkSide::close) {
                mark.at = mark.at == b ? b : b + length;
            } else {
                mark.at = mark.at == e ? b + length : b;
            }
        }
        std::stable_sort(marks_.begin(), marks_.end(), mark_less);
        converted_ = std::move(next);
        anchors_.clear();
    }

    const std::vector<CommentAnchor>& anchors() {
        if (anchors_.empty() && !package_.comments.empty())
            anchors_ = anchor_comments(package_, converted_, convert_);
        return anchors_;
    }

    // The text as it stands: Word's text with every placed mark.
    std::string text() const {
        std::vector<Insertion> insertions;
        insertions.reserve(marks_.size());
        for (const Mark& mark : marks_) insertions.push_back({mark.at, mark.text, mark.side});
        return apply_insertions(converted_.text, insertions);
    }

    // Where offset `x` of Word's text is in text(): after the marks at x
    // whose side is at most `through` (-1: before all of them).
    std::size_t current(std::size_t x, int through) const {
        std::size_t out = x;
        for (const Mark& mark : marks_) {
            if (mark.at > x) break;
            if (mark.at < x || static_cast<int>(mark.side) <= through) out += mark.text.size();
        }
        return out;
    }

    // The placement, given in text()'s offsets, kept as marks. False when
    // an insertion would fall inside an earlier one's text.
    bool place(const std::vector<Insertion>& insertions) {
        std::vector<Mark> added;
        for (const Insertion& insertion : insertions) {
            std::optional<Mark> mark = locate(insertion);
            if (!mark) return false;
            added.push_back(std::move(*mark));
        }
        for (Mark& mark : added) marks_.push_back(std::move(mark));
        std::stable_sort(marks_.begin(), marks_.end(), mark_less);
        return true;
    }

    // The paragraphs of a story, in text()'s offsets.
    std::vector<ParagraphSpan> paragraphs(std::uint32_t story,
                                          std::vector<std::uint32_t>& index_of) const {
        std::vector<ParagraphSpan> out;
        index_of.assign(0, 0);
        if (story >= converted_.map.stories.size()) return out;
        const auto& places = converted_.map.stories[story];
        const auto& model = package_.story(story).paragraphs;
        index_of.assign(places.size(), UINT32_MAX);
        std::size_t last_end = 0;  // in Word's text
        for (std::uint32_t p = 0; p < places.size(); ++p) {
            const ParagraphPlace& place = places[p];
            if (!place.written) continue;
            const bool joined = !out.empty() && place.range.begin < last_end;
            last_end = std::max(last_end, place.range.end);
            if (joined) {
                index_of[p] = static_cast<std::uint32_t>(out.size() - 1);
                continue;  // joined with the one before (a removed paragraph mark)
            }
            ParagraphSpan span;
            span.range = {current(place.range.begin, -1), current(place.range.end, 0)};
            span.content = {current(place.content.begin, -1), current(place.content.end, 0)};
            span.heading = story == 0 && model[p].heading > 0 && !model[p].in_table;
            span.in_table = model[p].in_table;
            index_of[p] = static_cast<std::uint32_t>(out.size());
            out.push_back(span);
        }
        // A paragraph joined with the next one is shown with that one.
        for (std::uint32_t p = static_cast<std::uint32_t>(places.size()); p-- > 0;) {
            if (index_of[p] == UINT32_MAX && p + 1 < places.size()) index_of[p] = index_of[p + 1];
        }
        return out;
    }

  private:
    std::optional<Mark> locate(const Insertion& insertion) const {
        // Walk text(): the marks at each offset of Word's text, then its
        // bytes up to the next mark.
        const std::size_t y = insertion.at;
        std::size_t cur = 0, x = 0, m = 0;
        while (true) {
            const std::size_t group = m;
            while (m < marks_.size() && marks_[m].at == x) ++m;
            std::size_t boundary = cur;
            for (std::size_t i = group; i <= m; ++i) {
                if (y == boundary)
                    return between(x, i > group ? &marks_[i - 1] : nullptr,
                                   i < m ? &marks_[i] : nullptr, insertion);
                if (i == m) break;
                if (y < boundary + marks_[i].text.size()) return std::nullopt;  // inside a mark
                boundary += marks_[i].text.size();
            }
            cur = boundary;
            const std::size_t next = std::min(
                m < marks_.size() ? marks_[m].at : converted_.text.size(), converted_.text.size());
            if (next <= x && m >= marks_.size()) return std::nullopt;  // past the end
            if (y < cur + (next - x)) return Mark{x + (y - cur), insertion.side, 0, insertion.text};
            cur += next - x;
            x = next;
        }
    }

    static Mark between(std::size_t x, const Mark* before, const Mark* after,
                        const Insertion& insertion) {
        Mark mark{x, insertion.side, 0, insertion.text};
        const auto key_ok = [&](MarkSide side, double rank) {
            const Mark probe{x, side, rank, {}};
            return (before == nullptr || mark_less(*before, probe)) &&
                   (after == nullptr || mark_less(probe, *after));
        };
        auto rank_in = [&](MarkSide side) -> std::optional<double> {
            const bool low = before != nullptr && before->side == side;
            const bool high = after != nullptr && after->side == side;
            double rank = 0;
            if (low && high)
                rank = (before->rank + after->rank) / 2;
            else if (low)
                rank = before->rank + 1;
            else if (high)
                rank = after->rank - 1;
            if (key_ok(side, rank)) return rank;
            return std::nullopt;
        };
        for (MarkSide side : {insertion.side, MarkSide::close, MarkSide::point, MarkSide::open}) {
            if (auto rank = rank_in(side)) {
                mark.side = side;
                mark.rank = *rank;
                return mark;
            }
        }
        return mark;
    }

    const Package& package_;
    ConvertOptions convert_;
    Converted converted_;
    std::vector<CommentAnchor> anchors_;
    std::vector<Mark> marks_;
};

struct Pending {
    std::string date;
    bool comment = false;
    std::uint32_t index = 0;  // revision or comment
    // A comment is planned a session at a time: the segments under one
    // meeting line ("" where it names none), the first of them counting the
    // comment.
    std::string session;
    bool first_of_comment = true;
};

// When a comment's segments were said: the day their meeting line names
// ("18 November – IC"), at 12:00 UTC as accord dates a day, when that is
// another day than the comment's own date (the day staff began it: notes
// of later sessions are added to it, of earlier ones gathered in it);
// the comment's date otherwise. The year is the comment's, or the one
// before or after when that brings the day nearer ("2 January" noted in a
// comment of 30 December).
std::string said_on(const std::string& comment_date, const std::string& session) {
    const std::optional<SessionDay> named = session_day(session);
    if (!named || comment_date.size() < 10) return comment_date;
    const std::optional<std::int64_t> written = parse_iso_date(comment_date.substr(0, 10));
    if (!written) return comment_date;
    const int year = std::stoi(comment_date.substr(0, 4));
    std::optional<std::int64_t> nearest;
    for (const int y : {year - 1, year, year + 1}) {
        char day[40];
        std::snprintf(day, sizeof day, "%04d-%02d-%02d", y, named->month, named->day);
        const std::optional<std::int64_t> days = parse_iso_date(day);
        if (days && (!nearest || std::llabs(*days - *written) < std::llabs(*nearest - *written)))
            nearest = days;
    }
    if (!nearest || *nearest == *written) return comment_date;
    return format_iso_date(*nearest) + "T12:00:00Z";
}

// An event's one line, "WHO: ACTION", and its ACTION alone.
void set_subject(HistoryEvent& event, const std::string& who, const std::string& action) {
    event.subject = who + ": " + action;
    event.action = action;
}

// What a tracked change did: "inserted “…”", "joined two paragraphs".
std::string revision_action(const Package& package, const ChangeStep& step) {
    const Revision& revision = package.revisions[step.revision];
    std::string action = inserts(revision.kind) ? "inserted " : "deleted ";
    if (revision.kind == RevisionKind::format) {
        // Striking wording proposes deleting it; lifting a strike, keeping it.
        bool struck = false, lifted = false;
        for (const Paragraph& paragraph : package.story(revision.story).paragraphs) {
            for (const Run& run : paragraph.runs) {
                if (run.reformatted != step.revision) continue;
                struck = struck || (run.format.strike && !run.format_before.strike);
                lifted = lifted || (!run.format.strike && run.format_before.strike);
            }
        }
        action = struck && !lifted   ? "struck "
                 : lifted && !struck ? "lifted the strike from "
                                     : "changed the formatting of ";
    }
    if (revision.paragraph_mark)
        action = inserts(revision.kind) ? "split a paragraph" : "joined two paragraphs";
    if (!revision.paragraph_mark) action += quoted(step.wording);
    if (step.in_note) action += " in a note";
    return action;
}

std::string speakers_line(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

std::string_view request_verb(RequestKind kind) {
    switch (kind) {
        case RequestKind::delete_wording:
            return "delete";
        case RequestKind::delete_paragraph:
            return "delete";
        case RequestKind::delete_section:
            return "delete";
        case RequestKind::replace:
            return "replace";
        case RequestKind::insert:
            return "insert";
        case RequestKind::proposed_language:
            return "proposed language";
        case RequestKind::position:
            break;
    }
    return "";
}

// "delete “authorized”", "replace “check” with “review”".
std::string describe(const Request& request, const std::string& where) {
    switch (request.kind) {
        case RequestKind::replace:
            return "replace " + where + " with " + quoted(request.replacement);
        case RequestKind::insert:
            return "insert " + quoted(request.replacement) + " " + where;
        case RequestKind::proposed_language:
            return "proposed language " + quoted(request.replacement) + " for " + where;
        default:
            return std::string(request_verb(request.kind)) + " " + where;
    }
}

}  // namespace

WordHistory plan_word_history(const Package& package, const WordImportOptions& options) {
    WordHistory history;
    history.plan = plan_word_import(package, options);
    const WordImport& plan = history.plan;
    history.base = plan.base;

    // Tracked changes in the order plan_word_import replays them, comments
    // by date; ties keep tracked changes first, then document order.
    std::vector<Pending> pending;
    for (const ChangeStep& step : plan.changes)
        pending.push_back({step.date, false, step.revision, "", true});
    for (std::uint32_t c = 0; c < package.comments.size(); ++c) {
        // Each session's requests are their speakers' on its day: one
        // proposal joins only Parties who asked the same in one session.
        std::vector<std::string> sessions;
        for (const CommentSegment& segment : plan.comments[c].segments) {
            if (std::find(sessions.begin(), sessions.end(), segment.segment.session) ==
                sessions.end())
                sessions.push_back(segment.segment.session);
        }
        if (sessions.empty()) sessions.emplace_back();
        for (std::size_t k = 0; k < sessions.size(); ++k)
            pending.push_back(
                {said_on(package.comments[c].date, sessions[k]), true, c, sessions[k], k == 0});
    }
    std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
        if (a.date != b.date) return a.date < b.date;
        return a.comment < b.comment;
    });
    std::vector<std::uint32_t> step_of(package.revisions.size(), 0);
    for (std::uint32_t s = 0; s < plan.changes.size(); ++s) step_of[plan.changes[s].revision] = s;

    Composer composer(package, options.changes);
    std::string current = composer.text();
    // In a document accord wrote, the changes one proposal made share their
    // author and date (to the second): they are one proposal again.
    const bool grouped = package.accord_notation();
    for (std::size_t i = 0; i < pending.size(); ++i) {
        const Pending& item = pending[i];
        if (!item.comment) {
            composer.show(item.index);
            const ChangeStep& step = plan.changes[step_of[item.index]];
            std::size_t together = 1;
            while (grouped && i + 1 < pending.size() && !pending[i + 1].comment &&
                   pending[i + 1].date == item.date &&
                   package.revisions[pending[i + 1].index].author ==
                       package.revisions[item.index].author) {
                composer.show(pending[++i].index);
                ++together;
            }
            HistoryEvent event;
            event.kind = EventKind::tracked_change;
            event.date = item.date;
            event.authors = {package.revisions[item.index].author};
            event.known = {false};
            event.revision = item.index;
            const std::string& author = package.revisions[item.index].author;
            set_subject(event, author.empty() ? std::string("Word") : author,
                        together > 1 ? std::to_string(together) + " changes"
                                     : revision_action(package, step));
            current = composer.text();
            event.text = current;
            history.events.push_back(std::move(event));
            ++history.counts.tracked_changes;
            continue;
        }
        const Comment& comment = package.comments[item.index];
        const ImportedComment& imported = plan.comments[item.index];
        const CommentAnchor& anchor = composer.anchors()[item.index];
        history.counts.comments += item.first_of_comment;
        std::string thread;
        if (comment.parent != kNoIndex) {
            history.counts.replies += item.first_of_comment;
            std::uint32_t root = comment.parent;
            for (std::size_t guard = 0;
                 package.comments[root].parent != kNoIndex && guard < package.comments.size();
                 ++guard)
                root = package.comments[root].parent;
            thread = package.comments[root].word_id;
        }
        // Identical requests of one comment's session are one proposal,
        // co-sponsored.
        std::vector<std::pair<std::uint32_t, std::size_t>> placed_here;  // segment -> event
        for (std::uint32_t s = 0; s < imported.segments.size(); ++s) {
            const CommentSegment& segment = imported.segments[s];
            if (segment.segment.session != item.session) continue;
            HistoryEvent event;
            event.date = item.date;
            for (const Speaker& speaker : segment.segment.speakers) {
                const std::string& name = speaker.name.empty() ? speaker.written : speaker.name;
                if (std::find(event.authors.begin(), event.authors.end(), name) !=
                    event.authors.end())
                    continue;
                event.authors.push_back(name);
                event.known.push_back(!speaker.name.empty());
            }
            event.comment = item.index;
            event.segment = s;
            event.noted_by = comment.author;
            event.comment_id = comment.word_id;
            event.thread = thread;
            event.said = segment.segment.text;
            event.session = segment.segment.session;
            event.topic = segment.segment.topic;
            event.request = segment.request.kind;
            event.on_section = anchor.on_heading;
            event.quoted = anchor.quoted;

            std::vector<std::uint32_t> index_of;
            const std::vector<ParagraphSpan> spans = composer.paragraphs(anchor.story, index_of);
            const bool anchored =
                anchor.paragraph < index_of.size() && index_of[anchor.paragraph] != UINT32_MAX;
            if (anchored) {
                event.anchor = {composer.current(anchor.range.begin, -1),
                                composer.current(anchor.range.end, 0)};
                if (anchor.on_heading) {
                    const ParagraphSpan& heading = spans[index_of[anchor.paragraph]];
                    event.quoted =
                        one_line(current.substr(heading.content.begin, heading.content.size()));
                    event.anchor = {heading.range.begin, composer.current(anchor.section.end, 0)};
                }
            }

            if (segment.request.kind != RequestKind::position) {
                const std::string names = speakers_line(event.authors);
                auto same =
                    std::find_if(placed_here.begin(), placed_here.end(), [&](const auto& p) {
                        const Request& other = imported.segments[p.first].request;
                        return other.kind == segment.request.kind &&
                               other.target == segment.request.target &&
                               other.replacement == segment.request.replacement &&
                               other.paragraphs == segment.request.paragraphs &&
                               other.section == segment.request.section;
                    });
                if (same != placed_here.end()) {
                    HistoryEvent& earlier = history.events[same->second];
                    for (std::size_t a = 0; a < event.authors.size(); ++a) {
                        if (std::find(earlier.authors.begin(), earlier.authors.end(),
                                      event.authors[a]) == earlier.authors.end()) {
                            earlier.authors.push_back(event.authors[a]);
                            earlier.known.push_back(event.known[a]);
                        }
                    }
                    set_subject(
                        earlier, speakers_line(earlier.authors),
                        describe(imported.segments[earlier.segment].request, earlier.where));
                    ++history.counts.requests_placed;
                    continue;
                }
                Placement placement;
                if (!anchored) {
                    placement.refusal = "its anchor is not in the text";
                } else {
                    PlacementContext context;
                    context.text = &current;
                    context.range = event.anchor;
                    if (anchor.on_heading)
                        context.range = {composer.current(anchor.range.begin, -1),
                                         composer.current(anchor.range.end, 0)};
                    context.paragraph = index_of[anchor.paragraph];
                    context.on_heading = anchor.on_heading;
                    context.inside_word = anchor.inside_word;
                    context.at_paragraph_start = anchor.at_paragraph_start;
                    context.paragraphs = spans;
                    context.section_end = static_cast<std::uint32_t>(spans.size());
                    if (anchor.on_heading) {
                        const std::size_t end = composer.current(anchor.section.end, 0);
                        for (std::uint32_t p = context.paragraph + 1; p < spans.size(); ++p) {
                            if (spans[p].range.begin >= end) {
                                context.section_end = p;
                                break;
                            }
                        }
                    }
                    placement = place_request(segment.request, context);
                    if (placement.placed() && !composer.place(placement.insertions))
                        placement.refusal =
                            "its wording is itself inside an earlier request's marks";
                }
                if (placement.placed()) {
                    event.kind = EventKind::comment_request;
                    event.where = placement.where;
                    set_subject(event, names.empty() ? comment.author : names,
                                describe(segment.request, placement.where));
                    current = composer.text();
                    event.text = current;
                    placed_here.push_back({s, history.events.size()});
                    history.events.push_back(std::move(event));
                    ++history.counts.requests_placed;
                    continue;
                }
                event.unplaced = placement.refusal;
                ++history.counts.requests_unplaced;
            }
            event.kind = EventKind::position;
            const std::string names = speakers_line(event.authors);
            set_subject(event,
                        names.empty() ? "Noted by " + comment.author : "Position of " + names,
                        shortened(event.said.empty() ? comment.text : event.said));
            event.text = current;
            history.events.push_back(std::move(event));
            ++history.counts.positions;
        }
    }
    history.text = current;
    return history;
}

}  // namespace accord::docx
