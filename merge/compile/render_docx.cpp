#include "merge/compile/render_docx.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "core/import/docx/accord_texts.hpp"
#include "core/import/docx/docx_reader.hpp"
#include "core/import/docx/line_marks.hpp"
#include "core/import/docx/to_notation.hpp"
#include "merge/compile/render_docx_package.hpp"

namespace accord {

namespace {

using docx::kNoIndex;

// A run of plain text, changed by no revision.
docx::Run text_run(std::string text) {
    docx::Run run;
    run.text = std::move(text);
    return run;
}

// How each byte of a line is written: as a character of a run with a
// format, or taken as a mark (consumed). A byte whose format a change made
// (a strike proposed on wording that stays) also names that change's
// revision, its mark's, and the format it had before.
struct ByteFormat {
    bool consumed = false;
    docx::Format format;
    std::uint32_t format_changed_by = kNoIndex;
    docx::Format before;
};

// The marks of a line read as Word formats (docx::scan_line_marks), per
// byte; `line_start`: the line is a whole paragraph that is no heading.
std::optional<std::vector<ByteFormat>> scan_marks(std::string_view line, bool line_start,
                                                  bool escapes_read_back = true) {
    const std::optional<std::vector<docx::LineByte>> bytes =
        docx::scan_line_marks(line, line_start, escapes_read_back);
    if (!bytes) return std::nullopt;
    std::vector<ByteFormat> out(bytes->size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].consumed = (*bytes)[i].consumed;
        out[i].format = (*bytes)[i].format;
    }
    return out;
}

using docx::heading_level;

struct Piece {
    char byte = 0;
    std::uint32_t inserted = kNoIndex;
    std::uint32_t deleted = kNoIndex;
    std::size_t offset = SIZE_MAX;  // in the body as it stands; SIZE_MAX when deleted
};

// The Word formats of a changed line's pieces, one per piece: a byte that
// stands takes its format in the line as it stands, a deleted byte its
// format in the line as it stood. A mark inserted or deleted is not written:
// a byte that the change keeps but formats otherwise (wording struck, or
// its strike lifted) is a change of format in Word, made by the revision of
// the nearest changed mark before it (after it, when none is before).
// nullopt (the marks are then written as typed) when a byte is both
// inserted and deleted, a mark is left open, or a byte's format changed
// with no changed mark in the line.
// Escapes stay as typed in a changed line: the reader escapes what a
// delegate typed only in a line no change touches or one added whole.
std::optional<std::vector<ByteFormat>> changed_line_formats(const std::vector<Piece>& pieces) {
    std::string now, before;
    for (const Piece& piece : pieces) {
        if (piece.inserted != kNoIndex && piece.deleted != kNoIndex) return std::nullopt;
        if (piece.deleted == kNoIndex) now += piece.byte;
        if (piece.inserted == kNoIndex) before += piece.byte;
    }
    const std::optional<std::vector<ByteFormat>> formats_now = scan_marks(now, false, false);
    const std::optional<std::vector<ByteFormat>> formats_before = scan_marks(before, false, false);
    if (!formats_now || !formats_before) return std::nullopt;
    std::vector<ByteFormat> out;
    out.reserve(pieces.size());
    std::vector<bool> reformatted(pieces.size(), false);
    std::size_t i = 0, j = 0;  // into `now`, `before`
    for (const Piece& piece : pieces) {
        const bool stands = piece.deleted == kNoIndex;
        const bool stood = piece.inserted == kNoIndex;
        ByteFormat format = stands ? (*formats_now)[i] : (*formats_before)[j];
        if (stands && stood) {
            const ByteFormat& was = (*formats_before)[j];
            if (was.consumed != format.consumed) return std::nullopt;
            if (!format.consumed && was.format != format.format) {
                format.before = was.format;
                reformatted[out.size()] = true;
            }
        }
        out.push_back(format);
        i += stands ? 1 : 0;
        j += stood ? 1 : 0;
    }
    // Each reformatted byte's change: the nearest changed mark before it, else after it.
    std::uint32_t mark = kNoIndex;  // the last changed mark so far
    auto changed_mark = [&](std::size_t k) -> std::uint32_t {
        if (!out[k].consumed) return kNoIndex;
        return pieces[k].inserted != kNoIndex ? pieces[k].inserted : pieces[k].deleted;
    };
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        if (const std::uint32_t r = changed_mark(k); r != kNoIndex) mark = r;
        if (!reformatted[k]) continue;
        std::uint32_t by = mark;
        for (std::size_t after = k + 1; by == kNoIndex && after < pieces.size(); ++after)
            by = changed_mark(after);
        if (by == kNoIndex) return std::nullopt;
        out[k].format_changed_by = by;
    }
    return out;
}

// The Word heading a changed line is, its change inside it: a heading
// whose "## " and break stood and stand unchanged, or a heading line
// inserted or deleted whole with its break (it stands, or stood, alone as a
// heading). A heading whose break changed joins, or is joined by, another
// line on one side, which would not read back as that heading.
// 0 otherwise: a line made or unmade a heading, or one whose level changed,
// keeps its "#" as typed, since Word would carry that change as the
// paragraph's, which the reader does not take back.
std::uint32_t changed_heading(const std::vector<Piece>& pieces, bool break_inserted,
                              bool break_deleted) {
    std::string now, before;
    bool all_inserted = !pieces.empty(), all_deleted = !pieces.empty();
    for (const Piece& piece : pieces) {
        if (piece.deleted == kNoIndex) now += piece.byte;
        if (piece.inserted == kNoIndex) before += piece.byte;
        all_inserted = all_inserted && piece.inserted != kNoIndex && piece.deleted == kNoIndex;
        all_deleted = all_deleted && piece.deleted != kNoIndex && piece.inserted == kNoIndex;
    }
    if (all_inserted) return break_inserted ? heading_level(now) : 0;
    if (all_deleted) return break_deleted ? heading_level(before) : 0;
    if (break_inserted || break_deleted) return 0;
    const std::uint32_t level = heading_level(now);
    if (level == 0 || heading_level(before) != level) return 0;
    for (std::size_t i = 0; i <= level; ++i)
        if (pieces[i].inserted != kNoIndex || pieces[i].deleted != kNoIndex) return 0;
    return level;
}

class Builder {
  public:
    Builder(const Compilation& compilation, const DocxRenderOptions& options,
            const std::vector<std::vector<bool>>& literal,
            const std::vector<bool>& changes_as_typed)
        : compilation_(compilation),
          options_(options),
          literal_(literal),
          changes_as_typed_(changes_as_typed) {}

    docx::Package build() {
        docx::Properties& properties = package_.properties;
        properties.title = compilation_.layout.title;
        properties.creator = "accord";
        properties.last_modified_by = "accord";
        properties.created = options_.created;
        properties.modified = options_.created;
        properties.custom[docx::kAccordNotationProperty] = "1";
        if (!options_.changes.empty()) properties.custom[docx::kAccordTrackedChangesProperty] = "1";
        if (!compilation_.revision.empty())
            properties.custom["accord-revision"] = compilation_.revision;

        heading(compilation_.layout.title, 1);
        for (const std::string& paragraph : compilation_.layout.preamble) {
            plain_lines(paragraph);
            plain_lines("");
        }
        for (const LayoutEntry& entry : compilation_.layout.entries) {
            if (entry.kind == LayoutEntry::Kind::separator) {
                plain_lines("* * *");
                plain_lines("");
                continue;
            }
            if (!entry.heading.empty())
                heading(entry.heading, static_cast<std::uint32_t>(entry.level));
            if (entry.kind == LayoutEntry::Kind::text) text(entry.text);
        }
        return std::move(package_);
    }

  private:
    docx::Paragraph& new_paragraph() {
        docx::Story& body = package_.body;
        body.blocks.push_back(
            {docx::BlockKind::paragraph, static_cast<std::uint32_t>(body.paragraphs.size())});
        return body.paragraphs.emplace_back();
    }

    void heading(const std::string& words, std::uint32_t level) {
        docx::Paragraph& p = new_paragraph();
        p.heading = std::min<std::uint32_t>(std::max<std::uint32_t>(level, 1), 6);
        std::string line = words;
        for (char& c : line) c = c == '\n' ? ' ' : c;
        p.runs.push_back(text_run(line));
    }

    void plain_lines(const std::string& words) {
        std::size_t at = 0;
        while (at <= words.size()) {
            std::size_t end = words.find('\n', at);
            if (end == std::string::npos) end = words.size();
            docx::Paragraph& p = new_paragraph();
            if (end > at) p.runs.push_back(text_run(words.substr(at, end - at)));
            at = end + 1;
        }
    }

    std::uint32_t revision(const DocxSegment& segment) {
        docx::Revision r;
        r.kind = segment.change == DocxSegment::Change::inserted ? docx::RevisionKind::insertion
                                                                 : docx::RevisionKind::deletion;
        r.author = segment.author.empty() ? "accord" : segment.author;
        r.date = segment.date;
        package_.revisions.push_back(std::move(r));
        return static_cast<std::uint32_t>(package_.revisions.size() - 1);
    }

    // The change of format that inserting or deleting a mark (revision
    // `mark`) makes to the wording it keeps: one per mark revision, by its
    // author on its date.
    std::uint32_t format_revision(std::uint32_t mark) {
        const auto [it, added] = format_revisions_.try_emplace(mark, kNoIndex);
        if (added) {
            docx::Revision r = package_.revisions[mark];
            r.kind = docx::RevisionKind::format;
            package_.revisions.push_back(std::move(r));
            it->second = static_cast<std::uint32_t>(package_.revisions.size() - 1);
        }
        return it->second;
    }

    void text(std::size_t index) {
        const Document& document = compilation_.texts[index].text.document;
        const std::string body(document.text(document.body));
        std::vector<DocxSegment> unchanged;
        const std::vector<DocxSegment>* segments = &unchanged;
        if (index < options_.changes.size() && !options_.changes[index].empty()) {
            segments = &options_.changes[index];
        } else {
            unchanged.push_back({body, DocxSegment::Change::none, {}, {}});
        }
        // The body's lines, each a list of pieces and the change of its newline.
        struct Line {
            std::vector<Piece> pieces;
            std::uint32_t mark_inserted = kNoIndex, mark_deleted = kNoIndex;
            bool ended = false;
            std::size_t next = 0;  // the body offset after its standing bytes, newline included
        };
        std::vector<Line> lines(1);
        std::size_t offset = 0;
        for (const DocxSegment& segment : *segments) {
            const std::uint32_t r =
                segment.change == DocxSegment::Change::none ? kNoIndex : revision(segment);
            const bool deleted = segment.change == DocxSegment::Change::deleted;
            for (char c : segment.text) {
                const std::size_t at = deleted ? SIZE_MAX : offset++;
                lines.back().next = offset;
                if (c == '\n') {
                    Line& line = lines.back();
                    line.ended = true;
                    if (segment.change == DocxSegment::Change::inserted) line.mark_inserted = r;
                    if (deleted) line.mark_deleted = r;
                    lines.emplace_back().next = offset;
                    continue;
                }
                Piece piece{c, kNoIndex, kNoIndex, at};
                if (segment.change == DocxSegment::Change::inserted) piece.inserted = r;
                if (deleted) piece.deleted = r;
                lines.back().pieces.push_back(piece);
            }
        }
        if (lines.size() > 1 && lines.back().pieces.empty()) lines.pop_back();  // the final newline
        // As the text stands: a final line break deleted is none.
        const bool final_newline =
            !lines.empty() && lines.back().ended && lines.back().mark_deleted == kNoIndex;
        // An empty text is one empty paragraph, bookmarked as any other: it
        // comes back from Word as the empty text it is, not as no text.

        // The comments on this text, each covering the bytes of its range
        // that stand: it opens before the first of them and closes after the
        // last, at the end of a paragraph when its range ends there (at or
        // after the newline, which is no byte of a run).
        struct Anchored {
            ByteRange range;
            std::uint32_t id = 0;
            bool opened = false, closed = false;
        };
        std::vector<Anchored> anchored;
        for (const DocxComment& comment : options_.comments) {
            if (comment.text != index || comment.range.begin > body.size()) continue;
            docx::Comment c;
            c.author = comment.author;
            c.date = comment.date;
            c.text = comment.words;
            c.has_range = true;
            c.start.paragraph = c.end.paragraph = UINT32_MAX;  // set where the text reaches them
            std::string initials;
            for (std::size_t i = 0; i < comment.author.size(); ++i)
                if (std::isupper(static_cast<unsigned char>(comment.author[i])) &&
                    initials.size() < 4)
                    initials += comment.author[i];
            c.initials = initials;
            package_.comments.push_back(std::move(c));
            const auto id = static_cast<std::uint32_t>(package_.comments.size() - 1);
            anchored.push_back(
                {{comment.range.begin, std::min(comment.range.end, body.size())}, id});
        }

        const std::size_t n = package_.bookmarks.size();
        const auto first = static_cast<std::uint32_t>(package_.body.paragraphs.size());
        const std::vector<bool>* literal = index < literal_.size() ? &literal_[index] : nullptr;
        for (std::size_t l = 0; l < lines.size(); ++l) {
            const Line& line = lines[l];
            const auto p_index = static_cast<std::uint32_t>(package_.body.paragraphs.size());
            docx::Paragraph& p = new_paragraph();
            p.mark_inserted = line.mark_inserted;
            p.mark_deleted = line.mark_deleted;
            // The line as it stands, for its marks and heading.
            std::string standing;
            bool changed = false;
            for (const Piece& piece : line.pieces) {
                if (piece.deleted == kNoIndex) standing += piece.byte;
                changed |= piece.deleted != kNoIndex || piece.inserted != kNoIndex;
            }
            const bool as_typed = literal != nullptr && l < literal->size() && (*literal)[l];
            std::optional<std::vector<ByteFormat>> formats;        // per byte as the line stands
            std::optional<std::vector<ByteFormat>> piece_formats;  // per piece, a changed line's
            std::size_t skip = 0;                                  // bytes of a heading's "## "
            const std::uint32_t level = as_typed ? 0 : heading_level(standing);
            if (!as_typed && !changed) {
                if (level > 0) {
                    p.heading = level;
                    skip = level + 1;
                }
                formats = scan_marks(std::string_view(standing).substr(skip), skip == 0);
            } else if (!as_typed && !changes_as_typed_[index]) {
                // A changed line is formatted only where each side of the
                // change reads back as it was (changed_line_formats); a
                // heading on both sides is a Word heading with the change
                // inside it (changed_heading).
                const std::uint32_t changed_level = changed_heading(
                    line.pieces, line.mark_inserted != kNoIndex, line.mark_deleted != kNoIndex);
                if (changed_level > 0) {
                    p.heading = changed_level;
                    skip = changed_level + 1;
                }
                if (changed_level > 0 || level == 0)
                    piece_formats = changed_line_formats(
                        std::vector<Piece>(line.pieces.begin() + static_cast<std::ptrdiff_t>(skip),
                                           line.pieces.end()));
            }
            std::size_t k = 0;  // index into `standing`
            docx::Run run;
            bool open = false;
            auto flush = [&] {
                if (open && !run.text.empty()) p.runs.push_back(run);
                open = false;
                run = docx::Run{};
            };
            for (std::size_t piece_index = 0; piece_index < line.pieces.size(); ++piece_index) {
                const Piece& piece = line.pieces[piece_index];
                const bool standing_byte = piece.deleted == kNoIndex;
                // Comments open and close between runs, before a standing byte.
                if (standing_byte) {
                    for (Anchored& a : anchored) {
                        if (!a.opened && piece.offset >= a.range.begin) {
                            flush();
                            package_.comments[a.id].start = {
                                0, p_index, static_cast<std::uint32_t>(p.runs.size())};
                            a.opened = true;
                        }
                        if (a.opened && !a.closed && piece.offset >= a.range.end) {
                            flush();
                            package_.comments[a.id].end = {
                                0, p_index, static_cast<std::uint32_t>(p.runs.size())};
                            a.closed = true;
                        }
                    }
                }
                ByteFormat format;
                if (piece_formats && piece_index >= skip)
                    format = (*piece_formats)[piece_index - skip];
                // A heading's "## " is its style (an unchanged line's pieces
                // are its standing bytes, k == piece_index).
                if (piece_index < skip) {
                    k += standing_byte ? 1 : 0;
                    continue;
                }
                if (standing_byte) {
                    if (formats) format = (*formats)[k - skip];
                    ++k;
                }
                if (format.consumed) continue;
                const std::uint32_t reformatted = format.format_changed_by == kNoIndex
                                                      ? kNoIndex
                                                      : format_revision(format.format_changed_by);
                if (open && (run.format != format.format || run.inserted != piece.inserted ||
                             run.deleted != piece.deleted || run.reformatted != reformatted ||
                             (reformatted != kNoIndex && run.format_before != format.before)))
                    flush();
                if (!open) {
                    run.kind = docx::RunKind::text;
                    run.format = format.format;
                    run.inserted = piece.inserted;
                    run.deleted = piece.deleted;
                    run.reformatted = reformatted;
                    if (reformatted != kNoIndex) run.format_before = format.before;
                    open = true;
                }
                run.text += piece.byte;
            }
            flush();
            // A range that ends with this paragraph closes at its end.
            for (Anchored& a : anchored) {
                if (a.opened && !a.closed && a.range.end <= line.next) {
                    package_.comments[a.id].end = {0, p_index,
                                                   static_cast<std::uint32_t>(p.runs.size())};
                    a.closed = true;
                }
            }
        }
        // A range past every standing byte (at the body's end) opens and
        // closes at the end of the last paragraph.
        const auto last = static_cast<std::uint32_t>(package_.body.paragraphs.size() - 1);
        const docx::Position end = {
            0, last, static_cast<std::uint32_t>(package_.body.paragraphs[last].runs.size())};
        for (const Anchored& a : anchored) {
            docx::Comment& c = package_.comments[a.id];
            if (!a.opened) c.start = end;
            if (!a.closed) c.end = end;
        }
        package_.bookmarks.push_back(
            {docx::accord_text_bookmark(n),
             {0, first, 0},
             {0, last, static_cast<std::uint32_t>(package_.body.paragraphs[last].runs.size())},
             true});
        package_.properties.custom[docx::accord_text_property(n)] =
            compilation_.texts[index].text.path;
        if (!final_newline)
            package_.properties.custom[docx::accord_text_newline_property(n)] = "no";
        if (document.front_matter.present)
            package_.properties.custom[docx::accord_text_front_property(n)] =
                std::string(document.text(document.front_matter.range));
        if (index < options_.front_matter_before.size() && options_.front_matter_before[index])
            package_.properties.custom[docx::accord_text_front_before_property(n)] =
                *options_.front_matter_before[index];
        bookmarked_.push_back(index);
    }

  public:
    std::vector<std::size_t> bookmarked_;  // text index per bookmark

  private:
    const Compilation& compilation_;
    const DocxRenderOptions& options_;
    const std::vector<std::vector<bool>>& literal_;
    const std::vector<bool>& changes_as_typed_;  // per text: its changed lines' marks as typed
    docx::Package package_;
    std::map<std::uint32_t, std::uint32_t> format_revisions_;  // mark revision -> format one
};

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

}  // namespace

DocxRendering render_compilation_docx(const Compilation& compilation,
                                      const DocxRenderOptions& options) {
    DocxRendering out;
    std::vector<std::vector<bool>> literal(compilation.texts.size());
    std::vector<bool> changes_as_typed(compilation.texts.size(), false);
    for (int pass = 0; pass < 2; ++pass) {
        Builder builder(compilation, options, literal, changes_as_typed);
        const docx::Package package = builder.build();
        out.bytes = write_docx_package(package);

        // Read it back as any document would be, and compare each text.
        docx::ReadResult read = docx::read_docx_bytes(out.bytes, "the compiled document");
        if (!read.ok()) {
            out.warnings.push_back("the written document does not read back: " +
                                   read.error.message);
            return out;
        }
        docx::ConvertOptions accept;
        accept.changes = docx::TrackedChanges::accept;
        const docx::Converted converted = docx::to_notation(*read.package, accept);
        const std::vector<docx::AccordText> texts = docx::accord_texts(*read.package, &converted);
        bool all_back = texts.size() == builder.bookmarked_.size();
        std::vector<std::string> failures;
        for (std::size_t t = 0; t < texts.size() && t < builder.bookmarked_.size(); ++t) {
            const std::size_t index = builder.bookmarked_[t];
            const Document& document = compilation.texts[index].text.document;
            const std::string body(document.text(document.body));
            if (texts[t].body == body) continue;
            all_back = false;
            const std::vector<std::string> want = split_lines(body),
                                           got = split_lines(texts[t].body);
            std::vector<bool>& lines = literal[index];
            lines.resize(want.size(), false);
            for (std::size_t l = 0; l < want.size(); ++l) {
                if (want.size() != got.size() || want[l] != got[l]) {
                    if (pass == 1)
                        failures.push_back(compilation.texts[index].text.path + ":" +
                                           std::to_string(l + 1));
                    lines[l] = true;
                }
            }
        }
        // Rejected, the changes give each text as it stood: where its changed
        // lines' formatting does not (an edge a reader could place on either
        // side of a change), their marks are written as typed instead.
        if (!options.changes.empty()) {
            docx::ConvertOptions reject;
            reject.changes = docx::TrackedChanges::reject;
            const docx::Converted rejected = docx::to_notation(*read.package, reject);
            const std::vector<docx::AccordText> before =
                docx::accord_texts(*read.package, &rejected);
            for (std::size_t t = 0; t < before.size() && t < builder.bookmarked_.size(); ++t) {
                const std::size_t index = builder.bookmarked_[t];
                if (index >= options.changes.size() || options.changes[index].empty() ||
                    changes_as_typed[index])
                    continue;
                std::string stood;
                for (const DocxSegment& segment : options.changes[index])
                    if (segment.change != DocxSegment::Change::inserted) stood += segment.text;
                if (before[t].body == stood) continue;
                changes_as_typed[index] = true;
                if (pass == 0) all_back = false;
            }
        }
        if (all_back) return out;
        if (pass == 1) {
            std::string list;
            for (std::size_t i = 0; i < failures.size() && i < 5; ++i)
                list += (i ? ", " : "") + failures[i];
            if (failures.size() > 5)
                list += " and " + std::to_string(failures.size() - 5) + " more";
            out.warnings.push_back(
                "Word cannot carry some lines exactly (control characters or bytes that "
                "are not UTF-8): " +
                (list.empty() ? std::string("a text's structure") : list));
        }
    }
    return out;
}

}  // namespace accord
