#include "core/import/docx/comment_edits.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/notation/parse.hpp"
#include "core/util/text.hpp"

namespace accord::docx {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "“authorized”", shortened past 60 bytes on a character boundary.
std::string quote(std::string_view wording) {
    std::string text(wording);
    std::replace(text.begin(), text.end(), '\n', ' ');
    if (text.size() > 60) {
        std::size_t cut = 57;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text = text.substr(0, cut) + "...";
    }
    return "\xE2\x80\x9C" + text + "\xE2\x80\x9D";
}

ByteRange trimmed(const std::string& text, ByteRange range) {
    while (range.begin < range.end && is_space(text[range.begin])) ++range.begin;
    while (range.end > range.begin && is_space(text[range.end - 1])) --range.end;
    return range;
}

// `needle` as whole words in text[from, to): exact first, then ignoring ASCII case.
std::optional<ByteRange> find_words(const std::string& text, ByteRange within,
                                    std::string_view needle) {
    if (needle.empty() || within.size() < needle.size()) return std::nullopt;
    const std::string_view haystack = std::string_view(text).substr(within.begin, within.size());
    const std::string lower_haystack = lower_ascii(haystack);
    const std::string lower_needle = lower_ascii(needle);
    for (const bool ignore_case : {false, true}) {
        const std::string_view h = ignore_case ? std::string_view(lower_haystack) : haystack;
        const std::string_view n = ignore_case ? std::string_view(lower_needle) : needle;
        for (std::size_t at = h.find(n); at != std::string_view::npos; at = h.find(n, at + 1)) {
            const std::size_t begin = within.begin + at;
            const std::size_t end = begin + needle.size();
            const bool starts =
                begin == 0 || !is_word_byte(text[begin - 1]) || !is_word_byte(needle.front());
            const bool ends =
                end >= text.size() || !is_word_byte(text[end]) || !is_word_byte(needle.back());
            if (starts && ends) return ByteRange{begin, end};
        }
    }
    return std::nullopt;
}

// A word that starts with `needle` and goes on by an inflection ("checks"
// for "check", "Recalling" for "recall"): the whole word.
std::optional<ByteRange> find_inflected(const std::string& text, ByteRange within,
                                        std::string_view needle) {
    if (needle.empty() || within.size() < needle.size()) return std::nullopt;
    const std::string lower_haystack =
        lower_ascii(std::string_view(text).substr(within.begin, within.size()));
    const std::string lower_needle = lower_ascii(needle);
    for (std::size_t at = lower_haystack.find(lower_needle); at != std::string::npos;
         at = lower_haystack.find(lower_needle, at + 1)) {
        const std::size_t begin = within.begin + at;
        if (begin > 0 && is_word_byte(text[begin - 1])) continue;
        std::size_t end = begin + needle.size();
        while (end < within.end && is_word_byte(text[end])) ++end;
        const std::size_t extra = end - begin - needle.size();
        if (extra == 0 || extra > 3) continue;  // s, es, ed, ing
        return ByteRange{begin, end};
    }
    return std::nullopt;
}

// The range widened to whole words: a comment anchored on "r" of "reports"
// means the word.
ByteRange whole_words(const std::string& text, ByteRange range, ByteRange paragraph) {
    while (range.begin > paragraph.begin && is_word_byte(text[range.begin - 1])) --range.begin;
    while (range.end < paragraph.end && is_word_byte(text[range.end])) ++range.end;
    return range;
}

// Errors the notation's check finds, and brackets and strikes that cross
// each other's edges ("~~Parties [shall~~ report]"), which parse but read as
// nonsense.
std::size_t error_count(std::string_view text) {
    const Document document = parse(text);
    std::size_t errors = 0;
    for (const Diagnostic& d : document.diagnostics) errors += d.severity != Severity::note;
    for (const Strike& strike : document.strikes) {
        for (const Bracket& bracket : document.brackets) {
            const bool open_inside = bracket.open > strike.open && bracket.open < strike.close;
            const bool close_inside = bracket.close > strike.open && bracket.close < strike.close;
            errors += open_inside != close_inside;
        }
    }
    return errors;
}

class Builder {
  public:
    explicit Builder(const PlacementContext& context) : context_(context), text_(*context.text) {}

    // Strikes the wording of `range` that is not struck already, a piece
    // per line; false when all of it is struck.
    bool strike(ByteRange range, std::uint32_t paragraph) {
        const ParagraphSpan& span = context_.paragraphs[paragraph];
        const ByteRange whole = span.range;
        const Document parsed =
            parse(std::string_view(text_).substr(whole.begin, whole.size()), structure_only());
        std::vector<ByteRange> struck;
        for (const Strike& s : parsed.strikes)
            struck.push_back({whole.begin + s.open, whole.begin + s.close + 2});
        bool any = false;
        std::size_t at = range.begin;
        while (at < range.end) {
            std::size_t end = range.end;
            for (const ByteRange& s : struck) {
                if (s.begin <= at && at < s.end) {
                    at = s.end;
                    end = at;
                    break;
                }
                if (at < s.begin && s.begin < end) end = s.begin;
            }
            if (end <= at) continue;
            // One piece per line: a strike does not cross a line break.
            const std::size_t newline = text_.find('\n', at);
            if (newline != std::string::npos && newline < end) end = newline;
            ByteRange piece = trimmed(text_, {at, end});
            // A hard break's backslash and a table's "<br>" stay outside.
            while (piece.end > piece.begin && text_[piece.end - 1] == '\\') --piece.end;
            piece = trimmed(text_, piece);
            // Emphasis around exactly this wording goes inside the strike
            // ("~~*Recalling*~~"), as Word's formats read back.
            while (piece.begin > whole.begin && piece.end < whole.end &&
                   text_[piece.begin - 1] == '*' && text_[piece.end] == '*') {
                --piece.begin;
                ++piece.end;
            }
            if (!piece.empty()) {
                add(piece.begin, "~~", MarkSide::open);
                add(piece.end, "~~", MarkSide::close);
                any = true;
            }
            at = end == newline ? end + 1 : end;
        }
        touch(paragraph);
        return any;
    }

    // [X][Y]; when X already stands in brackets, [Y] after them.
    void alternatives(ByteRange x, const std::string& y, std::uint32_t paragraph) {
        const std::string option = "[" + collapse_white_space(y) + "]";
        if (x.begin > 0 && text_[x.begin - 1] == '[' && x.end < text_.size() &&
            text_[x.end] == ']') {
            add(x.end + 1, option, MarkSide::point);
        } else {
            add(x.begin, "[", MarkSide::open);
            add(x.end, "]" + option, MarkSide::close);
        }
        touch(paragraph);
    }

    void insert_after(std::size_t at, const std::string& y, std::uint32_t paragraph) {
        const bool space_before = at > 0 && !is_space(text_[at - 1]);
        add(at, (space_before ? " [" : "[") + collapse_white_space(y) + "]", MarkSide::point);
        touch(paragraph);
    }

    void new_paragraph_after(std::uint32_t paragraph, const std::string& y) {
        std::string wording = y;
        // Paragraphs of the proposal stay paragraphs, inside one bracket.
        std::string joined;
        std::size_t start = 0;
        while (start <= wording.size()) {
            std::size_t end = wording.find('\n', start);
            if (end == std::string::npos) end = wording.size();
            std::string line = collapse_white_space(wording.substr(start, end - start));
            if (!line.empty()) joined += (joined.empty() ? "" : "\n\n") + line;
            start = end + 1;
        }
        add(context_.paragraphs[paragraph].range.end, "\n\n[" + joined + "]", MarkSide::point);
        touch(paragraph);
    }

    // Refuses the placement when the touched paragraphs parse with more
    // errors than before.
    std::string check() const {
        if (touched_.empty()) return "nothing to change";
        std::size_t begin = SIZE_MAX, end = 0;
        for (std::uint32_t p : touched_) {
            begin = std::min(begin, context_.paragraphs[p].range.begin);
            end = std::max(end, context_.paragraphs[p].range.end);
        }
        std::vector<Insertion> local;
        for (const Insertion& insertion : sorted()) {
            if (insertion.at < begin || insertion.at > end) continue;
            local.push_back({insertion.at - begin, insertion.text, insertion.side});
        }
        const std::string before = text_.substr(begin, end - begin);
        if (error_count(apply_insertions(before, local)) > error_count(before))
            return "its marks would cross a bracket's or strike's edge";
        return "";
    }

    std::vector<Insertion> sorted() const {
        std::vector<Insertion> out = insertions_;
        std::stable_sort(out.begin(), out.end(), [](const Insertion& a, const Insertion& b) {
            if (a.at != b.at) return a.at < b.at;
            return a.side < b.side;
        });
        return out;
    }

  private:
    static ParseOptions structure_only() {
        ParseOptions options;
        options.diagnostics = false;
        return options;
    }
    void add(std::size_t at, std::string text, MarkSide side) {
        insertions_.push_back({at, std::move(text), side});
    }
    void touch(std::uint32_t paragraph) {
        if (std::find(touched_.begin(), touched_.end(), paragraph) == touched_.end())
            touched_.push_back(paragraph);
    }

    const PlacementContext& context_;
    const std::string& text_;
    std::vector<Insertion> insertions_;
    std::vector<std::uint32_t> touched_;
};

// The subparagraphs of paragraph `p` when it is a chapeau (its words end
// with ':'): the paragraphs after it labelled "(a)", "b)", "(iv)"... up to
// the first that is not (a paragraph numbered as it is, a heading).
std::vector<std::uint32_t> subparagraphs(const std::string& text,
                                         const std::vector<ParagraphSpan>& paragraphs,
                                         std::uint32_t p) {
    std::vector<std::uint32_t> out;
    const ParagraphSpan& chapeau = paragraphs[p];
    const std::string_view words =
        std::string_view(text).substr(chapeau.content.begin, chapeau.content.size());
    const std::size_t last = words.find_last_not_of(" \t\r\n");
    if (last == std::string_view::npos || words[last] != ':') return out;
    for (std::uint32_t q = p + 1; q < paragraphs.size(); ++q) {
        const ParagraphSpan& span = paragraphs[q];
        if (span.heading || span.content.begin <= span.range.begin) break;
        std::string_view label =
            std::string_view(text).substr(span.range.begin, span.content.begin - span.range.begin);
        while (!label.empty() && (label.back() == ' ' || label.back() == '\t'))
            label.remove_suffix(1);
        const bool lettered = label.size() >= 2 && label.size() <= 7 &&
                              (label.front() == '(' || label.back() == ')') &&
                              std::all_of(label.begin(), label.end(), [](char c) {
                                  return c == '(' || c == ')' || (c >= 'a' && c <= 'z');
                              });
        if (!lettered) break;
        out.push_back(q);
    }
    return out;
}

// "44." / "(a)" / "50 bis." -> "44" / "a" / "50 bis"
std::string label_key(std::string_view label) {
    std::string out;
    for (char c : label) {
        if (c == '(' || c == ')' || c == '.' || c == '[' || c == ']' || c == '*') continue;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const std::size_t first = out.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return out.substr(first, out.find_last_not_of(" \t") - first + 1);
}

// The wording a request names, looked for in the anchored range, its
// paragraph, then its section; the anchored wording when it names none.
struct Found {
    ByteRange range;
    std::uint32_t paragraph = 0;
    // The wording stands again further on where it was found: which one
    // the comment means is not known.
    bool ambiguous = false;
};
std::string more_than_once(const std::string& target) {
    return quote(target) +
           " stands more than once where the comment points, and which one it means is not "
           "said";
}

// Inflected wording is looked for only where the wording the Party named is
// kept beside it (alternatives): a strike takes exactly the words named.
enum class Inflections : std::uint8_t { exact_only, allowed };

std::optional<Found> locate(const PlacementContext& context, const std::string& target,
                            Inflections inflections) {
    const std::string& text = *context.text;
    const ParagraphSpan& anchored = context.paragraphs[context.paragraph];
    if (target.empty()) {
        ByteRange range = context.range;
        if (context.inside_word || range.empty())
            range = whole_words(text, range, anchored.content);
        range = trimmed(text, range);
        if (range.empty()) return std::nullopt;
        return Found{range, context.paragraph};
    }
    const std::uint32_t last = context.on_heading ? context.section_end : context.paragraph + 1;
    // As written first, then inflected ("check" finds "checks").
    for (const bool inflected : {false, true}) {
        if (inflected && inflections == Inflections::exact_only) break;
        auto find = [&](ByteRange within) {
            return inflected ? find_inflected(text, within, target)
                             : find_words(text, within, target);
        };
        const auto found_in = [&](ByteRange within, std::uint32_t paragraph) {
            std::optional<Found> out;
            if (auto found = find(within)) {
                out = Found{*found, paragraph};
                out->ambiguous = find(ByteRange{found->end, within.end}).has_value();
            }
            return out;
        };
        if (!context.range.empty()) {
            if (auto found = found_in(context.range, context.paragraph)) return found;
        }
        for (std::uint32_t p = context.paragraph; p < last && p < context.paragraphs.size(); ++p) {
            if (auto found = found_in(context.paragraphs[p].content, p)) return found;
        }
    }
    return std::nullopt;
}

bool reads_as_new_paragraph(const Request& request, const PlacementContext& context) {
    const std::string& y = request.replacement;
    const std::size_t first = y.find_first_not_of(" \t\n[(");
    const bool numbered =
        first != std::string::npos && std::isdigit(static_cast<unsigned char>(y[first]));
    const ParagraphSpan& anchored = context.paragraphs[context.paragraph];
    const bool whole = context.range.empty() || context.inside_word ||
                       trimmed(*context.text, context.range).size() * 2 >= anchored.content.size();
    std::size_t words = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
        words += !is_space(y[i]) && (i == 0 || is_space(y[i - 1]));
    const bool paragraph_sized = context.at_paragraph_start && words >= 8;
    return !anchored.in_table && (numbered || context.on_heading || whole || paragraph_sized);
}

}  // namespace

Placement place_request(const Request& request, const PlacementContext& context) {
    Placement out;
    if (context.text == nullptr || context.paragraph >= context.paragraphs.size()) {
        out.refusal = "its anchor is not in the text";
        return out;
    }
    const std::string& text = *context.text;
    Builder builder(context);
    auto refuse = [&](std::string why) {
        out.refusal = std::move(why);
        out.insertions.clear();
        return out;
    };
    switch (request.kind) {
        case RequestKind::position:
            return refuse("it asks for no change");
        case RequestKind::delete_wording: {
            if (request.everywhere && !request.target.empty()) {
                // "throughout the text": every paragraph of the story, the
                // wording as named, whole words ("recall" strikes no
                // "Recalls" nor "recalling": those are not the words asked).
                std::size_t count = 0;
                for (std::uint32_t p = 0; p < context.paragraphs.size(); ++p) {
                    ByteRange rest = context.paragraphs[p].content;
                    while (rest.begin < rest.end) {
                        const auto found = find_words(text, rest, request.target);
                        if (!found) break;
                        count += builder.strike(*found, p);
                        rest.begin = found->end;
                    }
                }
                if (count == 0)
                    return refuse(quote(request.target) +
                                  " is nowhere in the text as a word of its own");
                out.where = quote(request.target) + " throughout the text (" +
                            std::to_string(count) + (count == 1 ? " place)" : " places)");
                break;
            }
            const auto found = locate(context, request.target, Inflections::exact_only);
            if (!found) return refuse(quote(request.target) + " is not in the anchored paragraph");
            if (found->ambiguous) return refuse(more_than_once(request.target));
            out.where = quote(text.substr(found->range.begin, found->range.size()));
            if (!builder.strike(found->range, found->paragraph))
                return refuse(out.where + " is struck already");
            break;
        }
        case RequestKind::delete_paragraph: {
            std::vector<std::uint32_t> chosen;
            std::vector<std::string> missing;
            for (const std::string& number : request.paragraphs) {
                const std::string key = label_key(number);
                bool found = false;
                for (std::uint32_t p = 0; p < context.paragraphs.size() && !found; ++p) {
                    const ParagraphSpan& span = context.paragraphs[p];
                    if (span.heading || span.content.begin <= span.range.begin) continue;
                    const std::string label = label_key(std::string_view(text).substr(
                        span.range.begin, span.content.begin - span.range.begin));
                    if (label == key) {
                        chosen.push_back(p);
                        found = true;
                    }
                }
                if (!found) missing.push_back(number);
            }
            if (request.paragraphs.empty()) {
                // The anchored paragraph, and every other the anchor runs
                // into: "delete" on paragraphs 52 to 54 is all three.
                chosen.push_back(context.paragraph);
                // (Most of it: a selection dragged a word into the next one
                // does not delete that one.)
                for (std::uint32_t p = context.paragraph + 1; p < context.paragraphs.size(); ++p) {
                    const ByteRange content = context.paragraphs[p].content;
                    if (context.range.end < content.begin + (content.size() + 1) / 2) break;
                    chosen.push_back(p);
                }
            }
            if (chosen.empty()) return refuse("no paragraph is numbered as it says");
            // A chapeau ("...shall check:") goes with its subparagraphs, as a
            // section goes with what it heads.
            for (std::size_t c = 0; c < chosen.size(); ++c) {
                for (const std::uint32_t p : subparagraphs(text, context.paragraphs, chosen[c]))
                    if (std::find(chosen.begin(), chosen.end(), p) == chosen.end())
                        chosen.push_back(p);
            }
            bool any = false;
            for (std::uint32_t p : chosen) any |= builder.strike(context.paragraphs[p].content, p);
            if (!any) return refuse("the paragraph is struck already");
            out.where =
                chosen.size() == 1 ? "paragraph" : std::to_string(chosen.size()) + " paragraphs";
            for (std::uint32_t p : chosen) {
                const ParagraphSpan& span = context.paragraphs[p];
                const std::string label(
                    text.substr(span.range.begin, span.content.begin - span.range.begin));
                std::string shown =
                    label.empty()
                        ? quote(text.substr(span.content.begin,
                                            std::min<std::size_t>(40, span.content.size())))
                        : label;
                while (!shown.empty() && is_space(shown.back())) shown.pop_back();
                out.where += " " + shown;
            }
            for (const std::string& number : missing) out.where += " (no paragraph " + number + ")";
            break;
        }
        case RequestKind::delete_section: {
            std::uint32_t first = context.paragraph;
            std::uint32_t last = context.on_heading ? context.section_end : first + 1;
            if (!request.section.empty()) {
                // A section named by its number: the heading whose label is it.
                const std::string key = label_key(request.section);
                for (std::uint32_t p = 0; p < context.paragraphs.size(); ++p) {
                    const ParagraphSpan& span = context.paragraphs[p];
                    if (!span.heading) continue;
                    std::string_view heading =
                        std::string_view(text).substr(span.content.begin, span.content.size());
                    const std::size_t space = heading.find(' ');
                    if (label_key(heading.substr(0, space)) != key) continue;
                    first = p;
                    last = p + 1;
                    while (last < context.paragraphs.size() && !context.paragraphs[last].heading)
                        ++last;
                    break;
                }
            }
            if (!context.on_heading && request.section.empty())
                return refuse("it is not anchored on a heading");
            bool any = false;
            for (std::uint32_t p = first; p < last && p < context.paragraphs.size(); ++p)
                any |= builder.strike(context.paragraphs[p].content, p);
            if (!any) return refuse("the section is struck already");
            const ParagraphSpan& heading = context.paragraphs[first];
            out.where =
                "section " + quote(text.substr(heading.content.begin, heading.content.size()));
            break;
        }
        case RequestKind::replace: {
            const auto found = locate(context, request.target, Inflections::allowed);
            if (!found) return refuse(quote(request.target) + " is not in the anchored paragraph");
            if (found->ambiguous) return refuse(more_than_once(request.target));
            out.where = quote(text.substr(found->range.begin, found->range.size()));
            // "checks" for "check" asked to become "review": [checks][review].
            // The alternative holds the Party's words as it wrote them: an
            // inflection accord made up would be credited to it by blame.
            builder.alternatives(found->range, request.replacement, found->paragraph);
            break;
        }
        case RequestKind::insert: {
            const ByteRange range = trimmed(text, context.range);
            const std::size_t at = range.empty() ? context.range.end : range.end;
            out.where = "after " + quote(text.substr(range.begin, range.size()));
            builder.insert_after(at, request.replacement, context.paragraph);
            break;
        }
        case RequestKind::proposed_language: {
            if (reads_as_new_paragraph(request, context)) {
                std::uint32_t after = context.paragraph;
                if (context.on_heading && context.section_end > 0) after = context.section_end - 1;
                out.where = "a new paragraph";
                builder.new_paragraph_after(after, request.replacement);
                break;
            }
            const auto found = locate(context, request.target, Inflections::allowed);
            if (!found) return refuse("its anchor holds no wording");
            if (found->ambiguous) return refuse(more_than_once(request.target));
            out.where = quote(text.substr(found->range.begin, found->range.size()));
            builder.alternatives(found->range, request.replacement, found->paragraph);
            break;
        }
    }
    if (std::string why = builder.check(); !why.empty()) return refuse(std::move(why));
    out.insertions = builder.sorted();
    return out;
}

std::string apply_insertions(const std::string& text, const std::vector<Insertion>& insertions) {
    std::string out;
    std::size_t size = text.size();
    for (const Insertion& insertion : insertions) size += insertion.text.size();
    out.reserve(size);
    std::size_t at = 0;
    for (const Insertion& insertion : insertions) {
        const std::size_t to = std::min(insertion.at, text.size());
        if (to > at) out.append(text, at, to - at);
        at = std::max(at, to);
        out += insertion.text;
    }
    out.append(text, at, std::string::npos);
    return out;
}

}  // namespace accord::docx
