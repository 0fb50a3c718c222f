#include "core/notation/print.hpp"

#include <algorithm>
#include <stdexcept>

namespace accord {

std::vector<MarkupPiece> markup_pieces(const Document& doc) {
    std::vector<MarkupPiece> pieces;
    pieces.reserve(doc.paragraphs.size() + doc.brackets.size() * 2 + doc.separators.size() +
                   doc.strikes.size() * 2 + 1);
    if (doc.front_matter.present)
        pieces.push_back({doc.front_matter.range, MarkupKind::front_matter});
    for (const Paragraph& p : doc.paragraphs) {
        if (!p.label.empty()) pieces.push_back({p.label, MarkupKind::label});
        if (!p.status_tag.empty()) pieces.push_back({p.status_tag, MarkupKind::status_tag});
    }
    for (const Bracket& b : doc.brackets) {
        pieces.push_back({{b.open, b.open + 1}, MarkupKind::bracket_open});
        pieces.push_back({{b.close, b.close + 1}, MarkupKind::bracket_close});
    }
    for (const Separator& s : doc.separators)
        pieces.push_back({{s.at, s.at + 1}, MarkupKind::separator});
    for (const Strike& s : doc.strikes) {
        pieces.push_back({{s.open, s.open + 2}, MarkupKind::strike_open});
        pieces.push_back({{s.close, s.close + 2}, MarkupKind::strike_close});
    }
    std::sort(pieces.begin(), pieces.end(), [](const MarkupPiece& a, const MarkupPiece& b) {
        return a.range.begin < b.range.begin;
    });
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
