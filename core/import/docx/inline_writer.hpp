#pragma once
// Private to core/import/docx: writes one paragraph's pieces of wording as
// notation, opening and closing the marks around them so that they nest and
// never collide.
//
// Promises:
//  - Marks nest outer to inner: an insertion's brackets, a strike's "~~",
//    bold's "**", italic's "*", then <sup> or <sub>. Where the marks change between two pieces,
//    those from the first changed one inward are closed and reopened, so two
//    strikes side by side become one ("~~a b~~", never "~~a~~~~b~~", which
//    would read as literal tildes).
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

namespace accord::docx {

struct Marks {
    bool inserted = false;  // written in brackets: a proposed insertion
    bool struck = false;    // between "~~": a proposed deletion or strikethrough
    bool bold = false;
    bool italic = false;
    bool superscript = false;  // <sup>...</sup>, as for a table note's letter
    bool subscript = false;    // <sub>...</sub>
    friend bool operator==(const Marks&, const Marks&) = default;
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
    void write_mark(int level, bool open);

    std::string& out_;
    LineBreaks breaks_;
    bool in_table_;
    Marks open_;
    std::string pending_space_;  // white space waiting to know which side of a mark it goes
    bool wrote_ = false;         // some wording is on the current paragraph
    bool line_start_;            // nothing yet on the current line
    bool break_pending_ = false;
    bool escaping_ = true;
};

}  // namespace accord::docx
