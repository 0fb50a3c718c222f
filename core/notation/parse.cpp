#include "core/notation/parse.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <optional>

#include "core/notation/blocks.hpp"
#include "core/notation/front_matter.hpp"
#include "core/notation/source_map.hpp"
#include "core/util/utf8.hpp"

// How brackets are matched (a bracket may span paragraphs when it opens its
// paragraph or the paragraph ends with ':'):
//
// 1. Within each paragraph, brackets match with a stack. A paragraph that
//    balances is final: nothing outside can take its brackets.
// 2. What a paragraph leaves over is some ']' then some '['. A left-over '['
//    may stay open into the following paragraphs when it starts its paragraph
//    ("[Option 1: ...", "36. [*Also decides* ...") or its paragraph introduces
//    what follows (ends with ':'); a later paragraph's left-over ']' closes it.
// 3. A heading (Markdown "#", or a short line with no brackets and no final
//    punctuation, such as "GROUP B: Public policy ...") ends every bracket
//    still open, so one stray '[' never swallows the rest of the document.
// 4. A '[' left open in an alternative paragraph ("**Option 1:** [The ...",
//    "Alt2[...") may run on into the unlabelled paragraphs that continue
//    that alternative, never into the next alternative paragraph: the
//    options stand side by side, so a ']' in Option 2 cannot close what
//    Option 1 left open (it would hide Option 1's unclosed bracket).
// Everything left unmatched is literal text with an error at its own line.

namespace accord {

namespace {

enum class MarkKind : std::uint8_t { open, close, separator, strike_open, strike_close, literal };

struct Mark {
    std::size_t at;
    std::uint32_t paragraph;
    MarkKind kind;
};

// Diagnostics are collected cheaply (hostile input can produce millions) and
// only the first `max_diagnostics` by position become Diagnostic values.
struct PendingDiagnostic {
    std::size_t offset;
    Severity severity;
    std::string_view code;
    std::string_view message;
    std::string_view help;
    std::size_t related = SIZE_MAX;  // another offset whose line the message ends with
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

class Parser {
  public:
    Parser(std::string_view source, const ParseOptions& options, Document& document,
           FrontMatterMemo* memo = nullptr)
        : source_(source), options_(options), doc_(document), memo_(memo) {}

    void run() {
        std::vector<Diagnostic> front_diagnostics;
        doc_.front_matter = memo_ ? memo_->read(source_, front_diagnostics)
                                  : read_front_matter(source_, front_diagnostics);
        for (auto& d : front_diagnostics) {
            report(d.offset, d.severity, own(std::move(d.code)), own(std::move(d.message)),
                   own(std::move(d.help)));
        }
        doc_.body = {doc_.front_matter.present ? doc_.front_matter.range.end : 0, source_.size()};
        if (options_.diagnostics) {
            check_encoding();
            check_conflict_markers();
            check_front_matter_status();
        }

        BlockScan blocks = scan_blocks(source_, doc_.body);
        link_labels_ = std::move(blocks.link_labels);
        doc_.link_labels.assign(link_labels_.begin(), link_labels_.end());
        std::sort(doc_.link_labels.begin(), doc_.link_labels.end());
        for (const std::string& label : link_labels_)
            longest_link_label_ = std::max(longest_link_label_, label.size());
        if (options_.link_labels != nullptr) {
            for (const std::string& label : *options_.link_labels)
                longest_link_label_ = std::max(longest_link_label_, label.size());
        }
        has_link_labels_ = !link_labels_.empty() ||
                           (options_.link_labels != nullptr && !options_.link_labels->empty());
        link_definition_lines_ = std::move(blocks.link_definition_lines);
        doc_.paragraphs = std::move(blocks.paragraphs);

        for (std::uint32_t p = 0; p < doc_.paragraphs.size(); ++p) {
            Paragraph& paragraph = doc_.paragraphs[p];
            paragraph.label = find_alternative_label(source_, paragraph.range);
            StatusTag tag =
                find_status_tag(source_, paragraph.range, options_.notation.status_vocabulary);
            paragraph.status_tag = tag.range;
            paragraph.status = std::move(tag.status);
            if (is_section_break(paragraph)) close_section(p);
            if (paragraph.is_alternative()) close_alternative(p);
            scan_paragraph(p);
        }
        close_section(static_cast<std::uint32_t>(doc_.paragraphs.size()));
        build_structure();
        finish_diagnostics();
    }

  private:
    // --- inline scan of one paragraph -------------------------------------------------

    void scan_paragraph(std::uint32_t p) {
        const Paragraph& paragraph = doc_.paragraphs[p];
        const std::size_t begin =
            paragraph.label.empty() ? paragraph.range.begin : paragraph.label.end;
        const std::size_t end = paragraph.range.end;
        local_.clear();
        residue_closes_.clear();
        strike_open_ = kNone;
        if (paragraph.status_tag.empty()) {
            scan_range(p, begin, end, begin);
        } else {
            scan_range(p, begin, paragraph.status_tag.begin, begin);
            scan_range(p, paragraph.status_tag.end, end, begin);
        }
        const std::uint32_t strike_open = strike_open_;
        if (strike_open != kNone) {
            marks_[strike_open].kind = MarkKind::literal;
            report(marks_[strike_open].at, Severity::error, "unclosed-strike",
                   "'~~' opened here is never closed in its paragraph",
                   "add '~~' where the proposed deletion ends; a strike cannot span paragraphs");
        }
        // Left over: first the ']' that found no '[', then the '[' still open.
        for (std::uint32_t close : residue_closes_) {
            if (!spanning_.empty()) {
                spanning_.pop_back();
                spanning_in_alternative_.pop_back();
            } else {
                marks_[close].kind = MarkKind::literal;
                report(
                    marks_[close].at, Severity::error, "unmatched-bracket",
                    "']' has no matching '['",
                    "add '[' where the unagreed text begins, or delete this ']'; write '\\]' for a "
                    "literal bracket");
            }
        }
        const bool introduces = !local_.empty() && ends_with_colon(paragraph);
        const std::size_t start = local_.empty() ? 0 : content_start(begin, end);
        for (std::uint32_t open : local_) {
            if (introduces || marks_[open].at == start) {
                spanning_.push_back(open);
                spanning_in_alternative_.push_back(paragraph.is_alternative());
            } else {
                marks_[open].kind = MarkKind::literal;
                report(
                    marks_[open].at, Severity::error, "unclosed-bracket",
                    "'[' opened here is never closed in its paragraph",
                    "add ']' where the unagreed text ends; a bracket may stay open across "
                    "paragraphs only when it starts its paragraph or the paragraph ends with ':'");
            }
        }
    }

    // Where the line holding offset `at` starts: memrchr, which reads
    // many bytes at a time (a paragraph of one long line is searched back
    // whole after its status tag; string_view::rfind went byte by byte).
    std::size_t line_start_at(std::size_t at) const {
        if (at == 0) return 0;
        const void* newline = ::memrchr(source_.data(), '\n', at);
        return newline == nullptr ? 0 : static_cast<const char*>(newline) - source_.data() + 1;
    }

    void scan_range(std::uint32_t p, std::size_t from, std::size_t to,
                    std::size_t paragraph_begin) {
        std::size_t line_start = line_start_at(from);
        for (std::size_t i = from; i < to;) {
            switch (source_[i]) {
                case '\n':
                    line_start = ++i;
                    break;
                case '\\':
                    i += (i + 1 < to && is_escapable(source_[i + 1])) ? 2 : 1;
                    break;
                case '[':
                    i = on_open(p, i, to, line_start);
                    break;
                case ']':
                    i = on_close(p, i, to);
                    break;
                case '~': {
                    std::size_t run = 1;
                    while (i + run < to && source_[i + run] == '~') ++run;
                    if (run == 2) {  // "~" and "~~~" are literal
                        if (strike_open_ == kNone) {
                            strike_open_ = static_cast<std::uint32_t>(marks_.size());
                            marks_.push_back({i, p, MarkKind::strike_open});
                        } else {
                            marks_.push_back({i, p, MarkKind::strike_close});
                            strike_open_ = kNone;
                        }
                    }
                    i += run;
                    break;
                }
                case '/':
                    if (is_separator(i, paragraph_begin, to))
                        marks_.push_back({i, p, MarkKind::separator});
                    ++i;
                    break;
                default:
                    ++i;
                    i = next_special(i, to);
            }
        }
    }

    // Markdown escapes for the marks that would otherwise be brackets or
    // separators. Not '~': the WGEC text marks delegations' edits with
    // backslashes ("~~\\equal possibility for\\~~" is a strike).
    static bool is_escapable(char c) { return c == '[' || c == ']' || c == '/' || c == '\\'; }

    // The characters scan_range stops at; a table, as it runs over every byte.
    static constexpr std::array<bool, 256> kSpecial = [] {
        std::array<bool, 256> special{};
        for (const char c : std::string_view("[]~/\\\n"))
            special[static_cast<unsigned char>(c)] = true;
        return special;
    }();
    static bool is_special(char c) { return kSpecial[static_cast<unsigned char>(c)]; }

    // The first byte in [i, to) scan_range stops at, or `to`. Most bytes are
    // plain text: on x86-64, sixteen are compared at a time (SSE2 is part of
    // the architecture's baseline).
    std::size_t next_special(std::size_t i, std::size_t to) const {
#ifdef __SSE2__
        const __m128i open = _mm_set1_epi8('['), close = _mm_set1_epi8(']'),
                      tilde = _mm_set1_epi8('~'), slash = _mm_set1_epi8('/'),
                      backslash = _mm_set1_epi8('\\'), newline = _mm_set1_epi8('\n');
        for (; i + 16 <= to; i += 16) {
            const __m128i bytes =
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(source_.data() + i));
            const __m128i hits = _mm_or_si128(
                _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(bytes, open), _mm_cmpeq_epi8(bytes, close)),
                    _mm_or_si128(_mm_cmpeq_epi8(bytes, tilde), _mm_cmpeq_epi8(bytes, slash))),
                _mm_or_si128(_mm_cmpeq_epi8(bytes, backslash), _mm_cmpeq_epi8(bytes, newline)));
            if (const int mask = _mm_movemask_epi8(hits); mask != 0)
                return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        }
#endif
        while (i < to && !is_special(source_[i])) ++i;
        return i;
    }

    bool is_separator(std::size_t i, std::size_t begin, std::size_t end) const {
        if (local_.empty() && spanning_.empty()) return false;
        if (options_.notation.slash_options == SlashOptions::any) {
            return !(i > begin && source_[i - 1] == '/') && !(i + 1 < end && source_[i + 1] == '/');
        }
        return i > begin && (source_[i - 1] == ' ' || source_[i - 1] == '\t') &&
               (i + 1 >= end || is_space(source_[i + 1]));
    }

    std::size_t on_open(std::uint32_t p, std::size_t i, std::size_t end, std::size_t line_start) {
        // "[^2]" footnote reference or "[^2]: ..." definition: not a bracket.
        if (i + 1 < end && source_[i + 1] == '^') {
            for (std::size_t j = i + 2; j < end; ++j) {
                const char c = source_[j];
                if (c == ']') return j + 1;
                if (is_space(c) || c == '[') break;
            }
        }
        // "[label]: url" definition line: the whole line is literal.
        // (A definition's '[' has at most three spaces before it.)
        if (i - line_start <= 3 && !link_definition_lines_.empty() &&
            link_definition_lines_.count(line_start)) {
            bool indent_only = true;
            for (std::size_t k = line_start; k < i; ++k)
                indent_only = indent_only && source_[k] == ' ';
            if (indent_only) {
                const std::size_t newline = source_.find('\n', i);
                return std::min(newline == std::string_view::npos ? end : newline, end);
            }
        }
        local_.push_back(static_cast<std::uint32_t>(marks_.size()));
        marks_.push_back({i, p, MarkKind::open});
        return i + 1;
    }

    std::size_t on_close(std::uint32_t p, std::size_t i, std::size_t end) {
        if (local_.empty()) {
            residue_closes_.push_back(static_cast<std::uint32_t>(marks_.size()));
            marks_.push_back({i, p, MarkKind::close});
            return i + 1;
        }
        const std::uint32_t open = local_.back();
        local_.pop_back();
        if (const std::size_t after = link_end(open, i, end)) {
            marks_[open].kind = MarkKind::literal;
            return after;
        }
        marks_.push_back({i, p, MarkKind::close});
        return i + 1;
    }

    // When "[...]" ending at `close` is a Markdown link, the offset just past
    // the link; otherwise 0.
    std::size_t link_end(std::uint32_t open, std::size_t close, std::size_t end) const {
        const std::size_t next = close + 1;
        if (next < end && source_[next] == '(') return inline_link_end(next, end);
        if (!has_link_labels_) return 0;
        const std::size_t text_begin = marks_[open].at + 1;
        const bool nothing_inside = marks_.size() == open + 1;
        if (next < end && source_[next] == '[') {  // [text][ref] or [text][]
            for (std::size_t j = next + 1; j < end && j - next < 1000; ++j) {
                const char c = source_[j];
                if (c == '[' || c == '\n') break;
                if (c == ']') {
                    std::string_view label = source_.substr(next + 1, j - next - 1);
                    if (label.empty()) label = source_.substr(text_begin, close - text_begin);
                    return is_link_label(label) ? j + 1 : 0;
                }
            }
        }
        if (nothing_inside &&  // [ref] shortcut
            is_link_label(source_.substr(text_begin, close - text_begin))) {
            return next;
        }
        return 0;
    }

    // "(url)" at `paren` after a "[text]", as CommonMark reads a link's
    // destination: a run without white space whose parentheses balance
    // ("https://en.wikipedia.org/wiki/Foo_(bar)"), or one in angle brackets
    // ("<a b>"); then, after white space, a title in quotes ("title"). The
    // offset past its ')', or 0 when it is no link: "[shall](as
    // appropriate)" is a bracket and a remark, not a link.
    std::size_t inline_link_end(std::size_t paren, std::size_t end) const {
        std::size_t j = paren + 1;
        if (j < end && source_[j] == '<') {
            for (++j; j < end && source_[j] != '>'; ++j) {
                if (source_[j] == '<' || source_[j] == '\n') return 0;
            }
            if (j >= end) return 0;
            ++j;
        } else {
            const std::size_t start = j;
            int depth = 0;
            for (; j < end; ++j) {
                const char c = source_[j];
                if (is_space(c) || c == '[' || c == ']') break;
                if (c == '(') ++depth;
                if (c == ')' && depth-- == 0) break;
            }
            if (j == start || depth > 0) return 0;
        }
        std::size_t k = j;
        while (k < end && (source_[k] == ' ' || source_[k] == '\t')) ++k;
        if (k > j && k < end && (source_[k] == '"' || source_[k] == '\'')) {
            const char quote = source_[k];
            std::size_t t = k + 1;
            while (t < end && source_[t] != quote && source_[t] != '\n') ++t;
            if (t >= end || source_[t] != quote) return 0;
            for (k = t + 1; k < end && (source_[k] == ' ' || source_[k] == '\t');) ++k;
        }
        return k < end && source_[k] == ')' ? k + 1 : 0;
    }

    // Whether `text`, normalized, is a defined link label. Most brackets hold
    // more than any label does: those are turned down without normalizing
    // (a normalized label keeps every character that is not white space).
    bool is_link_label(std::string_view text) const {
        std::size_t kept = 0;
        for (const char c : text) {
            const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
            if (!blank && ++kept > longest_link_label_) return false;
        }
        const std::string label = normalize_link_label(text);
        return link_labels_.count(label) != 0 ||
               (options_.link_labels != nullptr && options_.link_labels->count(label) != 0);
    }

    // --- paragraph-spanning brackets ------------------------------------------------

    // Where a paragraph's own text starts: after its label, white space,
    // emphasis and a list number ("36.", "(a)", "46bis."). A '[' there opens
    // the paragraph, and may stay open into the following ones.
    std::size_t content_start(std::size_t begin, std::size_t end) const {
        std::size_t i = begin;
        auto skip_decoration = [&] {
            while (i < end && (source_[i] == ' ' || source_[i] == '\t' || source_[i] == '*' ||
                               source_[i] == '_'))
                ++i;
        };
        skip_decoration();
        const std::size_t after_decoration = i;
        if (i < end && source_[i] == '(') ++i;
        std::size_t alnum = 0;
        while (i < end && alnum < 8 && std::isalnum(static_cast<unsigned char>(source_[i])))
            ++i, ++alnum;
        if (alnum == 0 || i >= end || (source_[i] != '.' && source_[i] != ')'))
            return after_decoration;
        ++i;
        skip_decoration();
        return i;
    }

    bool ends_with_colon(const Paragraph& paragraph) const {
        std::size_t end =
            paragraph.status_tag.empty() ? paragraph.range.end : paragraph.status_tag.begin;
        while (end > paragraph.range.begin) {
            const char c = source_[end - 1];
            if (!(is_space(c) || c == '*' || c == '_' || c == ']')) break;
            --end;
        }
        return end > paragraph.range.begin && source_[end - 1] == ':';
    }

    // Headings end every bracket still open. Besides Markdown headings, a
    // compilation's plain-text headings: one short line with no brackets, not
    // ending in punctuation that continues a sentence, and shaped like a
    // heading: "GROUP B: ...", "2. Draft recommendations submitted by Saudi
    // Arabia (20 February 2014)" (a parenthesis with a number, not a status
    // tag), "IV. WORKSTREAM 2".
    bool is_section_break(const Paragraph& paragraph) const {
        if (paragraph.heading) return true;
        const std::string_view text = source_.substr(paragraph.range.begin, paragraph.range.size());
        if (text.size() > 120 || text.find('\n') != std::string_view::npos) return false;
        if (text.find_first_of("[]") != std::string_view::npos) return false;
        std::size_t first = 0;
        while (first < text.size() && is_space(text[first])) ++first;
        std::size_t last = text.size();
        while (last > first &&
               (is_space(text[last - 1]) || text[last - 1] == '*' || text[last - 1] == '_'))
            --last;
        if (first >= last || text[first] == '(' || text[first] == '<') return false;
        if (std::strchr(".,;:", text[last - 1])) return false;
        if (text[last - 1] == ')') {
            // "(20 February 2014)", "(Questions 4, 8 and 9)"; not a status tag.
            if (!paragraph.status_tag.empty()) return false;
            const std::size_t open = text.rfind('(', last - 1);
            return open != std::string_view::npos &&
                   std::any_of(text.begin() + open, text.begin() + last,
                               [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        }
        std::size_t caps = 0;
        while (first + caps < last && std::isupper(static_cast<unsigned char>(text[first + caps])))
            ++caps;
        if (caps >= 2 && (first + caps == last ||
                          !std::isalpha(static_cast<unsigned char>(text[first + caps])))) {
            return true;  // "GROUP", "ANNEX", "IV."
        }
        std::size_t digits = 0;
        while (first + digits < last &&
               std::isdigit(static_cast<unsigned char>(text[first + digits])))
            ++digits;
        return digits > 0 && first + digits < last &&
               text[first + digits] == '.';  // "3. Finalise NDC"
    }

    void close_section(std::uint32_t at_paragraph) {
        for (std::uint32_t open : spanning_) {
            marks_[open].kind = MarkKind::literal;
            if (at_paragraph < doc_.paragraphs.size()) {
                report(marks_[open].at, Severity::error, "unclosed-bracket",
                       "'[' opened here is still open at the heading that starts the next section",
                       "add ']' where the unagreed text ends, before the heading");
            } else {
                report(marks_[open].at, Severity::error, "unclosed-bracket",
                       "'[' opened here is never closed", "add ']' where the unagreed text ends");
            }
        }
        spanning_.clear();
        spanning_in_alternative_.clear();
    }

    // Alternative paragraph p starts: a bracket an earlier alternative
    // paragraph left open, and any opened after it (inside it), end
    // unclosed before it.
    void close_alternative(std::uint32_t p) {
        std::size_t first = 0;
        while (first < spanning_.size() && !spanning_in_alternative_[first]) ++first;
        for (std::size_t k = first; k < spanning_.size(); ++k) {
            marks_[spanning_[k]].kind = MarkKind::literal;
            report(marks_[spanning_[k]].at, Severity::error, "unclosed-bracket",
                   "'[' opened here in an alternative paragraph is still open where the next "
                   "alternative begins, at line ",
                   "add ']' where the unagreed text of this alternative ends; a bracket may not "
                   "run from one Option or Alt paragraph into the next",
                   doc_.paragraphs[p].range.begin);
        }
        spanning_.resize(first);
        spanning_in_alternative_.resize(first);
    }

    // --- the final structure ------------------------------------------------

    void build_structure() {
        std::size_t count[6] = {0, 0, 0, 0, 0, 0};  // by MarkKind
        for (const Mark& mark : marks_) ++count[static_cast<int>(mark.kind)];
        doc_.brackets.reserve(count[static_cast<int>(MarkKind::open)]);
        doc_.separators.reserve(count[static_cast<int>(MarkKind::separator)]);
        doc_.strikes.reserve(count[static_cast<int>(MarkKind::strike_open)]);
        std::vector<std::uint32_t> stack;
        std::uint32_t last_closed = kNone;
        for (const Mark& mark : marks_) {
            switch (mark.kind) {
                case MarkKind::open: {
                    const auto index = static_cast<std::uint32_t>(doc_.brackets.size());
                    Bracket bracket;
                    bracket.open = mark.at;
                    bracket.parent = stack.empty() ? kNone : stack.back();
                    bracket.depth = static_cast<std::uint32_t>(stack.size());
                    bracket.open_paragraph = mark.paragraph;
                    if (options_.groups && last_closed != kNone &&
                        doc_.brackets[last_closed].close + 1 == mark.at) {
                        Bracket& previous = doc_.brackets[last_closed];
                        if (previous.group == kNone) {
                            previous.group = static_cast<std::uint32_t>(doc_.groups.size());
                            doc_.groups.push_back({{last_closed}});
                        }
                        bracket.group = previous.group;
                        doc_.groups[previous.group].brackets.push_back(index);
                    }
                    doc_.brackets.push_back(bracket);
                    stack.push_back(index);
                    break;
                }
                case MarkKind::close: {
                    const std::uint32_t index = stack.back();
                    stack.pop_back();
                    Bracket& bracket = doc_.brackets[index];
                    bracket.close = mark.at;
                    bracket.close_paragraph = mark.paragraph;
                    last_closed = index;
                    if (bracket.spans_paragraphs() && options_.diagnostics) {
                        const std::string paragraphs =
                            std::to_string(bracket.close_paragraph - bracket.open_paragraph + 1);
                        report(bracket.open, Severity::note, "bracket-spans-paragraphs",
                               own("'[' opened here stays open across " + paragraphs +
                                   " paragraphs and closes at line "),
                               "", bracket.close);
                        report(bracket.close, Severity::note, "bracket-spans-paragraphs",
                               own("']' here closes a bracket that spans " + paragraphs +
                                   " paragraphs, opened at line "),
                               "", bracket.open);
                    }
                    break;
                }
                case MarkKind::separator:
                    if (!stack.empty()) {
                        doc_.separators.push_back({mark.at, stack.back()});
                        ++doc_.brackets[stack.back()].separators;
                    }
                    break;
                case MarkKind::strike_open:
                    doc_.strikes.push_back({mark.at, mark.at, mark.paragraph});
                    break;
                case MarkKind::strike_close:
                    doc_.strikes.back().close = mark.at;
                    break;
                case MarkKind::literal:
                    break;
            }
        }
    }

    // --- diagnostics ------------------------------------------------

    void check_encoding() {
        // An error, as texts are recorded as UTF-8 (propose and the server's
        // hook refuse a new one): a file saved as Latin-1 or Windows-1252
        // would otherwise be recorded with bytes every reader shows wrongly.
        // The first such byte of each line, so that one added beside an old
        // one is still found new.
        for (std::size_t invalid = utf8::first_invalid(source_);
             invalid != std::string_view::npos;) {
            static constexpr char kHex[] = "0123456789ABCDEF";
            const auto byte = static_cast<unsigned char>(source_[invalid]);
            report(invalid, Severity::error, "invalid-utf8",
                   own(std::string("the byte 0x") + kHex[byte >> 4] + kHex[byte & 15] +
                       " is not UTF-8 (a file saved as Latin-1 or Windows-1252?), so accord "
                       "propose refuses the file"),
                   "save the file as UTF-8 (Save As, encoding UTF-8)");
            const std::size_t line_end = source_.find('\n', invalid);
            if (line_end == std::string_view::npos) break;
            invalid = utf8::first_invalid(source_, line_end + 1);
        }
        const void* nul = std::memchr(source_.data(), '\0', source_.size());
        if (nul != nullptr) {
            // An error, as `accord propose` refuses such a file: check must
            // not call clean what cannot be recorded.
            report(static_cast<const char*>(nul) - source_.data(), Severity::error, "nul-byte",
                   "the file holds a NUL byte, which no text holds, so accord propose refuses it "
                   "(a binary file, or text saved as UTF-16?)",
                   "remove the NUL byte, or save the file as UTF-8 text");
        }
    }

    // A line a merge left as a conflict marker ("<<<<<<< ours",
    // ">>>>>>> theirs"): the text holds two versions, not one, and must not
    // be recorded so by mistake. ("=======" alone may underline a heading.)
    void check_conflict_markers() {
        for (std::size_t at = doc_.body.begin; at < source_.size();) {
            const std::size_t end = std::min(source_.find('\n', at), source_.size());
            const std::string_view line = source_.substr(at, end - at);
            for (const std::string_view marker :
                 {std::string_view("<<<<<<<"), std::string_view(">>>>>>>")}) {
                if (line.substr(0, 7) == marker &&
                    (line.size() == 7 || line[7] == ' ' || line[7] == '\r')) {
                    report(at, Severity::error, "conflict-marker",
                           "a conflict marker: a merge left two versions of this text here",
                           "keep the wording to record, delete the lines from <<<<<<< to "
                           ">>>>>>> around it, then check again");
                    break;
                }
            }
            at = end + 1;
        }
    }

    // A front-matter status outside the vocabulary ("agred") is read by
    // `accord status` as written: most likely a slip of the keyboard.
    void check_front_matter_status() {
        const std::vector<std::string>& vocabulary = options_.notation.status_vocabulary;
        for (const FrontMatterField& field : doc_.front_matter.fields) {
            if (field.key != "status" || field.value.empty() ||
                (field.scalar &&
                 std::find(vocabulary.begin(), vocabulary.end(), field.value) != vocabulary.end()))
                continue;
            // The value's place: on the first line that opens with "status:".
            std::size_t offset = doc_.front_matter.yaml.begin;
            const std::string_view yaml = source_.substr(offset, doc_.front_matter.yaml.size());
            for (std::size_t at = 0; at < yaml.size();) {
                const std::size_t end = std::min(yaml.find('\n', at), yaml.size());
                if (yaml.substr(at, end - at).starts_with("status:")) {
                    at += 7;
                    while (at < end && (yaml[at] == ' ' || yaml[at] == '\t')) ++at;
                    offset += at;
                    break;
                }
                at = end + 1;
            }
            std::string known;
            for (const std::string& status : vocabulary)
                known += (known.empty() ? "" : ", ") + status;
            report(
                offset, Severity::warning, "unknown-status",
                own("status '" + field.value + "' is not in the status vocabulary (" + known + ")"),
                "write one of those, or add it to notation: status: in accord.yaml");
        }
    }

    void report(std::size_t offset, Severity severity, std::string_view code,
                std::string_view message, std::string_view help, std::size_t related = SIZE_MAX) {
        if (!options_.diagnostics) return;
        pending_.push_back({offset, severity, code, message, help, related});
    }

    std::string_view own(std::string text) {
        return owned_.emplace_back(std::move(text));
    }

    void finish_diagnostics() {
        std::vector<std::size_t> order(pending_.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return pending_[a].offset < pending_[b].offset;
        });
        for (const PendingDiagnostic& p : pending_)
            ++doc_.diagnostic_totals[static_cast<int>(p.severity)];
        const std::size_t kept = std::min(order.size(), options_.max_diagnostics);
        doc_.suppressed_diagnostics = order.size() - kept;

        // One sweep over the source gives every position, however many there are.
        std::size_t at = 0, line = 1, line_start = 0, column = 1;
        auto locate = [&](std::size_t offset) {
            offset = std::min(offset, source_.size());
            for (const char* nl; (nl = static_cast<const char*>(std::memchr(
                                      source_.data() + at, '\n', offset - at))) != nullptr;) {
                ++line;
                line_start = static_cast<std::size_t>(nl - source_.data()) + 1;
                at = line_start;
                column = 1;
            }
            column += utf8::count_chars(source_, std::max(at, line_start), offset);
            at = offset;
            return Position{line, column};
        };
        std::optional<SourceMap> map;  // only for the few messages that name another line
        doc_.diagnostics.reserve(kept);
        for (std::size_t k = 0; k < kept; ++k) {
            const PendingDiagnostic& p = pending_[order[k]];
            const Position position = locate(p.offset);
            std::string message(p.message);
            if (p.related != SIZE_MAX) {
                if (!map) map.emplace(source_);
                message += std::to_string(map->locate(p.related).line);
            }
            doc_.diagnostics.push_back({std::string(p.code), p.severity, p.offset, position.line,
                                        position.column, std::move(message), std::string(p.help)});
        }
    }

    std::string_view source_;
    const ParseOptions& options_;
    Document& doc_;
    FrontMatterMemo* memo_;  // optional

    std::vector<Mark> marks_;
    std::vector<std::uint32_t> local_;           // '[' open in the current paragraph
    std::vector<std::uint32_t> residue_closes_;  // ']' the current paragraph could not match
    std::vector<std::uint32_t> spanning_;        // '[' carried into the following paragraphs
    std::vector<bool> spanning_in_alternative_;  // per spanning_ entry: opened in an alternative
    std::uint32_t strike_open_ = kNone;          // the current paragraph's open "~~"
    std::unordered_set<std::string> link_labels_;
    std::size_t longest_link_label_ = 0;  // normalized, own and options_.link_labels
    bool has_link_labels_ = false;
    std::unordered_set<std::size_t> link_definition_lines_;

    std::vector<PendingDiagnostic> pending_;
    std::deque<std::string> owned_;  // text of the diagnostics that are not constants
};

}  // namespace

std::string reading_key(const ParseOptions& options) {
    // The parser's own version first: what it reads changed with it (2: a
    // status tag may carry a remark, "(no consensus, issue contained in TA)";
    // 3: each Chinese or Japanese character a word, a front-matter key given
    // twice an error, a status outside the vocabulary a warning).
    std::string out = "reading:3|";
    out += options.notation.slash_options == SlashOptions::any ? "slash:any" : "slash:spaced";
    for (const std::string& status : options.notation.status_vocabulary)
        out += "|" + std::to_string(status.size()) + ":" + status;
    return out;
}

Document parse(std::string_view bytes, const ParseOptions& options) {
    Document document;
    document.source.assign(bytes.data(), bytes.size());
    Parser(document.source, options, document).run();
    return document;
}

Document parse(std::string_view bytes, const ParseOptions& options, FrontMatterMemo& memo) {
    return parse(std::string(bytes), options, memo);
}

Document parse(std::string&& bytes, const ParseOptions& options, FrontMatterMemo& memo) {
    Document document;
    document.source = std::move(bytes);
    Parser(document.source, options, document, &memo).run();
    return document;
}

}  // namespace accord
