#include "core/import/structure.hpp"

#include <map>
#include <utility>

#include "core/notation/blocks.hpp"

namespace accord::importer {

namespace {

bool is_heading(std::string_view text) {
    return read_group_heading(text) || is_separator(text) || read_item_heading(text) ||
           !footnote_mark(text).empty();
}

// Whether a footnote goes on past its paragraphs so far: after one that ends in
// ':' or while a quotation is open. Counted paragraph by paragraph, so that a
// long footnote costs its length once.
class FootnoteBlock {
  public:
    void add(std::string_view paragraph) {
        for (char c : paragraph) straight_ += c == '"' ? 1 : 0;
        opened_ += count(paragraph, "\u201C");
        closed_ += count(paragraph, "\u201D");
        while (!paragraph.empty() && (paragraph.back() == ' ' || paragraph.back() == '\t'))
            paragraph.remove_suffix(1);
        colon_ = !paragraph.empty() && paragraph.back() == ':';
    }
    bool continues() const { return colon_ || straight_ % 2 == 1 || opened_ > closed_; }

  private:
    static std::size_t count(std::string_view text, std::string_view mark) {
        std::size_t n = 0;
        for (std::size_t at = text.find(mark); at != std::string_view::npos;
             at = text.find(mark, at + 1))
            ++n;
        return n;
    }
    std::size_t straight_ = 0;
    std::size_t opened_ = 0;
    std::size_t closed_ = 0;
    bool colon_ = false;
};

class Walker {
  public:
    Walker(std::string_view source, const std::vector<std::string>& vocabulary)
        : source_(source), vocabulary_(vocabulary) {
        s_.paragraphs = split_paragraphs(source);
    }

    Structure run() {
        const std::size_t n = s_.paragraphs.size();
        for (std::size_t i = 0; i < n; ++i) {
            const std::string_view t = text(i);
            if (auto group = read_group_heading(t)) {
                close();
                group_ = group->letter;
                last_group_ = group_;
                group_title_ = group->title;
                to_outline(i);
            } else if (is_separator(t)) {
                close();
                group_.clear();
                group_title_.clear();
                to_outline(i);
            } else if (is_section_heading(i)) {
                close();
                s_.sections.emplace_back(trim_heading(t));
                section_ = s_.sections.size() - 1;
                group_.clear();
                group_title_.clear();
                last_group_.clear();
                to_outline(i);
            } else if (const std::size_t last = footnote(i); last != kNoIndex) {
                i = last;
            } else if (auto heading = read_item_heading(t); heading && accepts(*heading)) {
                if (heading->form == HeadingForm::later_proposal && open_ != kNoIndex) {
                    s_.items[open_].proposals.push_back(
                        DraftProposal{*heading, line(i), line(i), {}});
                    add(open_, s_.items[open_].proposals.size() - 1, i);
                } else {
                    start_item(i, *heading);
                }
            } else if (!started_) {
                s_.outline.push_back(i);
            } else if (open_ != kNoIndex) {
                add(open_, s_.items[open_].proposals.size() - 1, i);
            } else {
                waiting_.push_back(i);
            }
        }
        flush_waiting();
        return std::move(s_);
    }

  private:
    std::string_view text(std::size_t i) const {
        const SourceParagraph& p = s_.paragraphs[i];
        return source_.substr(p.begin, p.end - p.begin);
    }
    std::size_t line(std::size_t i) const { return s_.paragraphs[i].line; }

    void warn(std::size_t at_line, std::string message) {
        s_.warnings.push_back({at_line, std::move(message)});
    }

    void to_outline(std::size_t i) {
        started_ = true;
        s_.outline.push_back(i);
    }

    void close() {
        flush_waiting();
        open_ = kNoIndex;
    }

    // A short title line directly followed by a GROUP heading. Not a line of
    // text that a page break left just before one: that is long, or starts or
    // ends like a sentence, a note or a list item.
    bool is_section_heading(std::size_t i) const {
        if (!s_.paragraphs[i].single_line || i + 1 >= s_.paragraphs.size()) return false;
        if (!read_group_heading(text(i + 1))) return false;
        const std::string_view t = trim_heading(text(i));
        if (t.empty() || t.size() > 150 || !(t.front() >= 'A' && t.front() <= 'Z')) return false;
        if (std::string_view(".;,)]\"").find(t.back()) != std::string_view::npos) return false;
        const auto heading = read_item_heading(text(i));
        return !heading || heading->form == HeadingForm::bare_item;
    }

    // A bare heading ("Opinion A", "Recommendation 3") starts an item only
    // where none is open; inside one it is a label of the text.
    bool accepts(const ItemHeading& heading) const {
        return heading.form != HeadingForm::bare_item || (open_ == kNoIndex && started_);
    }

    // Places the footnote that starts at paragraph i with the latest proposal
    // citing its mark. Returns the footnote's last paragraph, or kNoIndex when
    // i is no footnote or nothing cites it.
    std::size_t footnote(std::size_t i) {
        const std::string_view mark = footnote_mark(text(i));
        if (mark.empty()) return kNoIndex;
        const auto citing = cited_.find(std::string(mark));
        if (citing == cited_.end()) return kNoIndex;
        const auto [item, k] = citing->second;
        std::size_t last = i;
        FootnoteBlock block;
        block.add(text(i));
        while (block.continues() && last + 1 < s_.paragraphs.size() &&
               !is_heading(text(last + 1))) {
            block.add(text(++last));
        }
        for (std::size_t p = i; p <= last; ++p) add(item, k, p);
        warn(line(i), "footnote " + std::string(mark) + " placed with the proposal at line " +
                          std::to_string(s_.items[item].proposals[k].line) + " that cites it");
        return last;
    }

    // Paragraph p joins proposal k of `item`; the footnote marks it cites now
    // point there.
    void add(std::size_t item, std::size_t k, std::size_t p) {
        s_.items[item].proposals[k].paragraphs.push_back(p);
        note_citations(item, k, p);
    }

    void note_citations(std::size_t item, std::size_t k, std::size_t p) {
        for (std::string_view mark : cited_marks(text(p))) cited_[std::string(mark)] = {item, k};
    }

    void start_item(std::size_t i, ItemHeading heading) {
        started_ = true;
        DraftItem item;
        item.section = section_;
        item.group = group_;
        item.group_title = group_title_;
        if (group_.empty()) item.after_group = last_group_;
        item.heading = std::string(text(i));
        item.heading_paragraph = i;
        item.number = heading.number;
        DraftProposal proposal{std::move(heading), line(i), line(i), {}};
        if (proposal.heading.attribution.names.empty()) lead_in(proposal);
        flush_waiting();
        item.proposals.push_back(std::move(proposal));
        s_.items.push_back(std::move(item));
        open_ = s_.items.size() - 1;
        for (std::size_t p : s_.items[open_].proposals[0].paragraphs) note_citations(open_, 0, p);
        note_citations(open_, 0, i);
    }

    // Text before a heading that names no one may name the proposer:
    // "below is the contribution received from Mr. X on 28 February 2014."
    void lead_in(DraftProposal& proposal) {
        for (std::size_t p : waiting_) {
            if (text(p).size() > kMaxLeadIn) continue;
            Attribution attribution = read_attribution(text(p));
            if (attribution.names.empty()) continue;
            proposal.heading.attribution = std::move(attribution);
            if (!proposal.heading.date) proposal.heading.date = find_date(text(p));
            proposal.date_line = line(p);
            warn(proposal.line,
                 "'" + proposal.heading.message + "' names no proposer; taking " +
                     proposal.heading.attribution.names.front().name +
                     (proposal.heading.date ? " and " + proposal.heading.date->written : "") +
                     " from the text before it at line " + std::to_string(line(p)));
            proposal.paragraphs = std::move(waiting_);
            waiting_.clear();
            return;
        }
    }

    void flush_waiting() {
        if (waiting_.empty()) return;
        bool tagged = false;
        for (std::size_t p : waiting_) {
            const SourceParagraph& paragraph = s_.paragraphs[p];
            tagged =
                tagged || !find_status_tag(source_, {paragraph.begin, paragraph.end}, vocabulary_)
                               .range.empty();
        }
        const std::size_t first = line(waiting_.front());
        if (tagged) {
            DraftItem item;
            item.section = section_;
            item.group = group_;
            item.group_title = group_title_;
            if (group_.empty()) item.after_group = last_group_;
            item.number = 0;
            item.unattributed = true;
            DraftProposal proposal;
            proposal.heading.message = group_.empty()
                                           ? "Text without an item heading"
                                           : "Text in GROUP " + group_ + " without an item heading";
            proposal.heading.kind = "recommendation";
            proposal.line = proposal.date_line = first;
            proposal.paragraphs = std::move(waiting_);
            item.proposals.push_back(std::move(proposal));
            s_.items.push_back(std::move(item));  // import_plan warns, naming its file
        } else {
            s_.unclassified.insert(s_.unclassified.end(), waiting_.begin(), waiting_.end());
            warn(
                first,
                "text outside any item that the importer cannot classify; kept in unclassified.md");
        }
        waiting_.clear();
    }

    std::string_view source_;
    const std::vector<std::string>& vocabulary_;
    Structure s_;
    bool started_ = false;  // past the preamble
    std::size_t section_ = kNoIndex;
    std::string group_;
    std::string group_title_;
    std::string last_group_;       // the last group heading of the section, kept past a separator
    std::size_t open_ = kNoIndex;  // the item that text goes to
    std::vector<std::size_t> waiting_;  // text outside any item
    // Each footnote mark -> the latest proposal (item, index) whose text cites it.
    std::map<std::string, std::pair<std::size_t, std::size_t>> cited_;
    static constexpr std::size_t kMaxLeadIn = 1000;  // a sentence, not a chapter
};

}  // namespace

Structure read_structure(std::string_view source,
                         const std::vector<std::string>& status_vocabulary) {
    return Walker(source, status_vocabulary).run();
}

}  // namespace accord::importer
