#pragma once
// Private to core/import/docx: writes one paragraph's pieces of wording as
// notation, opening and closing the marks around them so that they nest and
// never collide.
//
// Promises:
//  - An insertion's brackets are outermost. Other marks opened together
//    nest outer to inner: a strike's "~~", bold's "**", italic's "*", then
//    <sup> or <sub>. Where the marks change between two pieces, only those
//    that end are closed (with the marks opened inside them, reopened after),
//    so a mark spanning a phrase stays one ("*shall ~~strengthen~~
//    cooperate*"), and two strikes side by side become one ("~~a b~~",
//    never "~~a~~~~b~~", which would read as literal tildes), unless they
//    are of different sources (Marks::strike_source) with white space
//    between: then the white space goes between them ("~~a~~ ~~b~~").
//  - White space at the edge of a strike or emphasis is moved outside it
//    ("**word** next", as Markdown needs), but stays inside an insertion's
//    brackets, which belong to the wording. No-break spaces count as white
//    space at the edges and are kept between words.
//  - Characters that would otherwise change the notation's meaning are
//    escaped ('\', '*', '~', '#' opening a line, '|' in a table cell, '('
//    after ']' which would make a link, '^' after '[' which would make a
//    footnote); brackets typed in Word stay as typed.
//  - Leading and trailing white space of the paragraph and of each line is
//    dropped: indentation would turn the paragraph into code in Markdown.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accord::docx {

struct Marks {
    bool inserted = false;  // written in brackets: a proposed insertion
    bool struck = false;    // between "~~": a proposed deletion or strikethrough
    bool bold = false;
    bool italic = false;
    bool superscript = false;  // <sup>...</sup>, as for a table note's letter
    bool subscript = false;    // <sub>...</sub>
    // Whose strike "~~" is, when struck: the wording's own strikethrough, or
    // the tracked change that struck it. Strikes of different sources side by
    // side are kept apart where white space parts them ("~~a~~ ~~b~~"), so
    // that no proposal takes over another's marks. Not a mark of its own:
    // left out of ==.
    std::uint64_t strike_source = 0;
    friend bool operator==(const Marks& a, const Marks& b) {
        return a.inserted == b.inserted && a.struck == b.struck && a.bold == b.bold &&
               a.italic == b.italic && a.superscript == b.superscript && a.subscript == b.subscript;
    }
};

// The length of the white space at the start, or at the end, of `text`
// (spaces, tabs, newlines, no-break spaces).
std::size_t leading_space(std::string_view text);
std::size_t trailing_space(std::string_view text);

// The marks open at a point of the wording, and the order they opened in:
// both InlineWriter and the reading of a document accord wrote (its runs as
// typed) move between pieces through it, so that they nest alike.
class MarkStack {
  public:
    const Marks& open() const { return open_; }
    // Closes into `out` the marks `target` lacks, and those opened inside
    // them, innermost first; every mark but the bracket when the bracket
    // changes. Returns whether it wrote anything.
    bool close_for(std::string& out, const Marks& target);
    // Writes "[" or "]"; the other marks must be closed.
    void set_bracket(std::string& out, bool inserted);
    // Opens into `out` the marks of `target` not open, outer to inner.
    bool open_missing(std::string& out, const Marks& target);
    // close_for, the bracket, open_missing: nothing written between.
    void move(std::string& out, const Marks& target);
    // A strike is open, `target` is struck too, and by another source.
    bool strike_parts(const Marks& target) const {
        return open_.struck && target.struck && target.strike_source != open_.strike_source;
    }

  private:
    Marks open_;
    std::vector<int> opened_;  // the marks open but the bracket, in the order they opened
};

enum class LineBreaks : std::uint8_t {
    hard,   // a Markdown hard break: a backslash ending the line
    html,   // "<br>", in table cells where the line must not end
    space,  // one space, in headings, which are one line
};

class InlineWriter {
  public:
    // `at_line_start`: nothing precedes the wording on its line (no label),
    // so a '#' opening it would make a heading.
    InlineWriter(std::string& out, LineBreaks breaks, bool in_table, bool at_line_start)
        : out_(out), breaks_(breaks), in_table_(in_table), line_start_(at_line_start) {}

    // Writes `text` with `marks`; returns where its first and one past its
    // last non-space byte landed (equal when it is all white space).
    std::pair<std::size_t, std::size_t> text(std::string_view text, Marks marks);
    // Bytes written as they are, such as a footnote reference "[^3]".
    std::pair<std::size_t, std::size_t> raw(std::string_view bytes, Marks marks);
    void line_break();
    // Off: characters are written as they are (the text as typed).
    void set_escaping(bool on) { escaping_ = on; }
    // Closes every mark; pending white space is dropped.
    void finish();

    bool wrote_anything() const { return wrote_; }
    std::size_t offset() const { return out_.size(); }

  private:
    void move_to(Marks target);
    void write_escaped(std::string_view core);

    std::string& out_;
    LineBreaks breaks_;
    bool in_table_;
    MarkStack marks_;
    std::string pending_space_;  // white space waiting to know which side of a mark it goes
    bool wrote_ = false;         // some wording is on the current paragraph
    bool line_start_;            // nothing yet on the current line
    bool break_pending_ = false;
    bool escaping_ = true;
};

}  // namespace accord::docx
