#include "core/import/docx/inline_writer.hpp"

namespace accord::docx {

namespace {

// Outer to inner: inserted, struck, bold, italic, superscript, subscript.
constexpr int kLevels = 6;

bool Marks::*const kMember[kLevels] = {&Marks::inserted, &Marks::struck,      &Marks::bold,
                                       &Marks::italic,   &Marks::superscript, &Marks::subscript};

bool has(const Marks& marks, int level) {
    return marks.*kMember[level];
}

void set(Marks& marks, int level, bool on) {
    marks.*kMember[level] = on;
}

// The length of the white space at `at`: an ASCII space, tab or newline, or
// a no-break space (U+00A0); 0 for anything else.
std::size_t space_length(std::string_view text, std::size_t at) {
    const char c = text[at];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
    if (c == '\xC2' && at + 1 < text.size() && text[at + 1] == '\xA0') return 2;
    return 0;
}

}  // namespace

std::size_t leading_space(std::string_view text) {
    std::size_t at = 0;
    for (std::size_t n; at < text.size() && (n = space_length(text, at)) > 0;) at += n;
    return at;
}

std::size_t trailing_space(std::string_view text) {
    std::size_t at = text.size();
    while (at > 0) {
        if (text[at - 1] == ' ' || text[at - 1] == '\t' || text[at - 1] == '\n' ||
            text[at - 1] == '\r') {
            --at;
        } else if (at >= 2 && text[at - 2] == '\xC2' && text[at - 1] == '\xA0') {
            at -= 2;
        } else {
            break;
        }
    }
    return text.size() - at;
}

constexpr const char* kOpen[kLevels] = {"[", "~~", "**", "*", "<sup>", "<sub>"};
constexpr const char* kClose[kLevels] = {"]", "~~", "**", "*", "</sup>", "</sub>"};

bool MarkStack::close_for(std::string& out, const Marks& target) {
    const bool bracket_changes = open_.inserted != target.inserted;
    std::size_t keep = 0;  // the first mark, in opening order, that closes
    while (keep < opened_.size() && !bracket_changes && has(target, opened_[keep])) ++keep;
    const bool wrote = opened_.size() > keep;
    while (opened_.size() > keep) {
        out += kClose[opened_.back()];
        set(open_, opened_.back(), false);
        opened_.pop_back();
    }
    return wrote;
}

void MarkStack::set_bracket(std::string& out, bool inserted) {
    if (open_.inserted == inserted) return;
    out += inserted ? kOpen[0] : kClose[0];
    open_.inserted = inserted;
}

bool MarkStack::open_missing(std::string& out, const Marks& target) {
    bool wrote = false;
    for (int level = 1; level < kLevels; ++level) {
        if (has(target, level) && !has(open_, level)) {
            out += kOpen[level];
            set(open_, level, true);
            if (level == 1) open_.strike_source = target.strike_source;
            opened_.push_back(level);
            wrote = true;
        }
    }
    return wrote;
}

void MarkStack::move(std::string& out, const Marks& target) {
    close_for(out, target);
    set_bracket(out, target.inserted);
    open_missing(out, target);
}

// Closes the marks `target` lacks (with those opened inside them), writes
// what was waiting (a line break, or white space) between, and opens
// `target`'s others, outer to inner. Marks that stay open are not closed:
// an italic phrase holding a struck word stays one phrase ("*shall
// ~~strengthen~~ cooperate*"). A change of bracket closes all.
void InlineWriter::move_to(Marks target) {
    auto between = [&] {
        if (break_pending_) {
            out_ += breaks_ == LineBreaks::hard   ? "\\\n"
                    : breaks_ == LineBreaks::html ? "<br>"
                                                  : " ";
            line_start_ = breaks_ == LineBreaks::hard;
            break_pending_ = false;
        } else {
            out_ += pending_space_;
        }
        pending_space_.clear();
    };
    const Marks open = marks_.open();
    if (open == target) {
        between();
        return;
    }
    if (marks_.close_for(out_, target)) line_start_ = false;
    // White space waiting has the bracket state of what came before it, so
    // it goes inside a bracket being closed, before one being opened; a line
    // break goes after a bracket being closed.
    const bool bracket_changes = open.inserted != target.inserted;
    if (bracket_changes && open.inserted && break_pending_) {
        marks_.set_bracket(out_, false);
        line_start_ = false;
        between();
    } else {
        between();
        if (bracket_changes) {
            marks_.set_bracket(out_, target.inserted);
            line_start_ = false;
        }
    }
    if (marks_.open_missing(out_, target)) line_start_ = false;
}

void InlineWriter::write_escaped(std::string_view core) {
    if (!escaping_) {
        out_ += core;
        line_start_ = false;
        return;
    }
    for (std::size_t i = 0; i < core.size(); ++i) {
        const char c = core[i];
        const char before = out_.empty() ? '\n' : out_.back();
        switch (c) {
            case '\\':
                out_ += "\\\\";
                break;
            case '*':
                out_ += "\\*";
                break;
            case '~':
                out_ += "\\~";
                break;
            case '|':
                out_ += in_table_ ? "\\|" : "|";
                break;
            case '#':
                out_ += line_start_ ? "\\#" : "#";
                break;
            case '(':
                out_ += before == ']' ? "\\(" : "(";
                break;
            case '^':
                out_ += before == '[' ? "\\^" : "^";
                break;
            case '\n':
            case '\r':
                out_ += ' ';
                break;
            default:
                out_ += c;
        }
        line_start_ = false;
    }
}

std::pair<std::size_t, std::size_t> InlineWriter::text(std::string_view text, Marks marks) {
    std::size_t first = std::string::npos, last = std::string::npos;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t j = i;
        if (space_length(text, i) > 0) {
            std::string space;
            for (std::size_t n; j < text.size() && (n = space_length(text, j)) > 0; j += n)
                space += n == 1 ? std::string_view(" ") : text.substr(j, n);
            i = j;
            if (!wrote_ || line_start_ || break_pending_) continue;  // a line's leading space
            if (marks.inserted != marks_.open().inserted) {
                // Inserted white space goes inside the brackets, other white
                // space outside: the bracket changes here.
                Marks bracket_only;
                bracket_only.inserted = marks.inserted;
                move_to(bracket_only);
            }
            pending_space_ += space;
            continue;
        }
        while (j < text.size() && space_length(text, j) == 0) ++j;
        if (marks_.strike_parts(marks) && !pending_space_.empty()) {
            // Another source's strike: this one closes before the white
            // space, the next opens after it.
            Marks apart = marks;
            apart.struck = false;
            move_to(apart);
        }
        move_to(marks);
        if (first == std::string::npos) first = out_.size();
        write_escaped(text.substr(i, j - i));
        last = out_.size();
        wrote_ = true;
        i = j;
    }
    if (first == std::string::npos) return {out_.size(), out_.size()};
    return {first, last};
}

std::pair<std::size_t, std::size_t> InlineWriter::raw(std::string_view bytes, Marks marks) {
    move_to(marks);
    const std::size_t first = out_.size();
    out_ += bytes;
    line_start_ = false;
    wrote_ = true;
    return {first, out_.size()};
}

void InlineWriter::line_break() {
    if (line_start_ || !wrote_) return;  // at a line's start it would make a blank line
    pending_space_.clear();
    break_pending_ = true;
}

void InlineWriter::finish() {
    pending_space_.clear();
    break_pending_ = false;
    move_to(Marks{});
}

}  // namespace accord::docx
