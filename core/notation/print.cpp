#include "core/notation/print.hpp"

#include <algorithm>
#include <stdexcept>

namespace accord {

namespace {

bool starts_before(const MarkupPiece& a, const MarkupPiece& b) {
    return a.range.begin < b.range.begin;
}

// Sorts pieces that are usually in order already.
void sort_if_needed(std::vector<MarkupPiece>& pieces) {
    if (!std::is_sorted(pieces.begin(), pieces.end(), starts_before))
        std::sort(pieces.begin(), pieces.end(), starts_before);
}

// `into` followed by `more`, both in order, merged in order.
void merge_into(std::vector<MarkupPiece>& into, const std::vector<MarkupPiece>& more,
                std::vector<MarkupPiece>& scratch) {
    if (more.empty()) return;
    scratch.resize(into.size() + more.size());
    std::merge(into.begin(), into.end(), more.begin(), more.end(), scratch.begin(), starts_before);
    into.swap(scratch);
}

}  // namespace

// Each kind of piece comes from the document in order (paragraphs, the '['
// of brackets, separators, strikes; the ']' of brackets through a stack), so
// the lists are merged rather than the whole sorted: this runs once per
// version in blame. A list found out of order is sorted, so the result does
// not depend on these promises.
std::vector<MarkupPiece> markup_pieces(const Document& doc) {
    std::vector<MarkupPiece> pieces, more, scratch;
    pieces.reserve(doc.paragraphs.size() * 2 + 1);
    if (doc.front_matter.present)
        pieces.push_back({doc.front_matter.range, MarkupKind::front_matter});
    for (const Paragraph& p : doc.paragraphs) {
        if (!p.label.empty()) pieces.push_back({p.label, MarkupKind::label});
        if (!p.status_tag.empty()) pieces.push_back({p.status_tag, MarkupKind::status_tag});
    }
    sort_if_needed(pieces);  // a paragraph's tag may stand before its label
    more.reserve(doc.brackets.size() + doc.strikes.size() * 2 + doc.separators.size());
    for (const Bracket& b : doc.brackets)
        more.push_back({{b.open, b.open + 1}, MarkupKind::bracket_open});
    sort_if_needed(more);
    merge_into(pieces, more, scratch);
    more.clear();
    // Brackets nest (the parser pairs them as a stack does), so their ']'
    // come in order from a stack: before each '[', the brackets still open
    // that close before it.
    std::vector<std::size_t> open_closes;
    for (const Bracket& b : doc.brackets) {
        while (!open_closes.empty() && open_closes.back() < b.open) {
            more.push_back(
                {{open_closes.back(), open_closes.back() + 1}, MarkupKind::bracket_close});
            open_closes.pop_back();
        }
        open_closes.push_back(b.close);
    }
    for (; !open_closes.empty(); open_closes.pop_back())
        more.push_back({{open_closes.back(), open_closes.back() + 1}, MarkupKind::bracket_close});
    sort_if_needed(more);  // in order already unless brackets crossed
    merge_into(pieces, more, scratch);
    more.clear();
    for (const Separator& s : doc.separators)
        more.push_back({{s.at, s.at + 1}, MarkupKind::separator});
    sort_if_needed(more);
    merge_into(pieces, more, scratch);
    more.clear();
    for (const Strike& s : doc.strikes) {
        more.push_back({{s.open, s.open + 2}, MarkupKind::strike_open});
        more.push_back({{s.close, s.close + 2}, MarkupKind::strike_close});
    }
    sort_if_needed(more);  // strikes do not overlap: in order already
    merge_into(pieces, more, scratch);
    return pieces;
}

std::string print(const Document& doc) {
    const std::vector<MarkupPiece> pieces = markup_pieces(doc);
    std::string out;
    out.reserve(doc.source.size());
    std::size_t at = 0;
    auto emit_until = [&](std::size_t offset) {  // literal text, or a gap between paragraphs
        if (offset < at || offset > doc.source.size()) {
            throw std::logic_error("document parts overlap or run past the end at byte " +
                                   std::to_string(offset));
        }
        out.append(doc.source, at, offset - at);
        at = offset;
    };
    std::size_t next_piece = 0;
    auto emit_pieces_until = [&](std::size_t limit) {
        for (; next_piece < pieces.size() && pieces[next_piece].range.begin < limit; ++next_piece) {
            const MarkupPiece& piece = pieces[next_piece];
            emit_until(piece.range.begin);
            out.append(doc.text(piece.range));
            at = piece.range.end;
        }
    };
    if (doc.front_matter.present) emit_pieces_until(doc.front_matter.range.end);
    for (const Paragraph& p : doc.paragraphs) {
        emit_until(p.range.begin);  // the blank lines before it
        emit_pieces_until(p.range.end);
        emit_until(p.range.end);
    }
    emit_pieces_until(doc.source.size());
    emit_until(doc.source.size());
    return out;
}

}  // namespace accord
