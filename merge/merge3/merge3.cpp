#include "merge/merge3/merge3.hpp"

#include <algorithm>
#include <optional>

#include "core/notation/diagnostic.hpp"
#include "merge/merge3/merge3_chunks.hpp"
#include "merge/merge3/merge3_inputs.hpp"
#include "merge/merge3/merge3_moves.hpp"
#include "merge/merge3/merge3_output.hpp"
#include "merge/merge3/merge3_rules.hpp"
#include "merge/merge3/merge3_sections.hpp"

namespace accord {

namespace {

using token_merge::Chunk;
using token_merge::ChunkResolver;
using token_merge::MergedText;
using token_merge::MergeInputs;

// Per base paragraph (and one more for the end): merge it as a whole, as
// paragraph alternatives, rather than chunk by chunk.
using WholeParagraphs = std::vector<bool>;

// The base paragraph a token lies in (or, between paragraphs, the next one).
std::uint32_t base_paragraph(const MergeInputs& in, std::uint32_t token) {
    const Document& base = in.base().doc;
    const std::size_t at =
        token < in.base().tokens.size() ? in.base().tokens[token].range.begin : base.source.size();
    const auto it =
        std::upper_bound(base.paragraphs.begin(), base.paragraphs.end(), at,
                         [](std::size_t o, const Paragraph& p) { return o < p.range.end; });
    return static_cast<std::uint32_t>(it - base.paragraphs.begin());
}

// A chunk as written: its bytes in the merged text.
struct Emitted {
    Chunk chunk;
    std::size_t from, to;
};

// One pass of the token merge: the front matter, then the body chunk by chunk.
MergedText merge_once(const MergeInputs& in, const MergeOptions& options,
                      const WholeParagraphs& whole, std::vector<Emitted>& emitted) {
    MergedText out;
    emitted.clear();
    token_merge::merge_front_matter(in.base().doc, in.ours().doc, in.theirs().doc, out);
    for (const Disagreement& d : in.lifts_undone()) out.disagree(d);
    std::vector<Chunk> chunks = token_merge::split_chunks(in);
    // First grow every real conflict to balanced bounds (it may take in
    // neighbours that alone would have merged), then write in order.
    std::vector<bool> forced(chunks.size(), false);
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        if (chunks[c].stable || chunks[c].empty()) continue;  // or taken in already
        forced[c] = whole[base_paragraph(in, chunks[c].b0)];
        if (forced[c] || (token_merge::is_conflict(in, chunks[c]) &&
                          !token_merge::settles_in_place(in, chunks[c]))) {
            token_merge::grow_to_balance(in, chunks, c, forced[c] || options.strict);
        }
    }
    ChunkResolver resolver(in, options, out);
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        const std::size_t from = out.size();
        if (chunks[c].stable) {
            out.continue_side();
            out.put_range(in.base(), chunks[c].b0, chunks[c].b1);
        } else if (forced[c]) {
            resolver.resolve_paragraphs(chunks[c]);
        } else {
            resolver.resolve(chunks[c]);
        }
        emitted.push_back({chunks[c], from, out.size()});
    }
    return out;
}

MergeResult merge_tokens(Document base, Document ours, Document theirs,
                         const MergeOptions& options) {
    const MergeInputs in(std::move(base), std::move(ours), std::move(theirs), options.parse);
    const std::size_t input_errors =
        std::max({count_errors(in.base().doc.diagnostics), count_errors(in.ours().doc.diagnostics),
                  count_errors(in.theirs().doc.diagnostics)});
    // Merging chunk by chunk can, rarely, pair one side's '[' with the
    // other's ']' into text that does not balance. Each paragraph where
    // that happens is merged again as a whole, as paragraph alternatives.
    WholeParagraphs whole(in.base().doc.paragraphs.size() + 1, false);
    std::vector<Emitted> emitted;
    MergedText out = merge_once(in, options, whole, emitted);
    for (int attempt = 1; attempt < 4; ++attempt) {
        const Document merged = parse(out.text(), options.parse);
        if (count_errors(merged.diagnostics) <= input_errors) break;
        bool more = false;
        for (const Diagnostic& d : merged.diagnostics) {
            if (d.severity != Severity::error) continue;
            for (const auto& [chunk, from, to] : emitted) {
                if (d.offset < from || d.offset > to) continue;
                const std::uint32_t p = base_paragraph(in, chunk.b0);
                more = more || !whole[p];
                whole[p] = true;
            }
        }
        if (!more) break;
        out = merge_once(in, options, whole, emitted);
    }
    return std::move(out).finish();
}

// The texts merged as they stand: paragraph by paragraph, then by token
// where both sides changed a section.
MergeResult merge_by_sections(std::string_view base, std::string_view ours, std::string_view theirs,
                              const MergeOptions& options) {
    const std::optional<MergeSections> split = split_sections(base, ours, theirs, options.parse);
    if (!split) return merge3_whole_text(base, ours, theirs, options);
    MergeOptions section_options = options;
    section_options.parse.link_labels = &split->link_labels;
    auto parsed = [&](std::string_view text) { return parse(text, section_options.parse); };
    MergeResult result;
    result.text.reserve(std::max(ours.size(), theirs.size()) + 4096);  // grown once, not doubled
    std::size_t counted = 0, lines = 0;  // newlines in result.text[0, counted)
    for (const MergeSection& section : split->sections) {
        if (!section.contested) {
            result.text += section.settled();
            continue;
        }
        lines += static_cast<std::size_t>(std::count(
            result.text.begin() + static_cast<std::ptrdiff_t>(counted), result.text.end(), '\n'));
        counted = result.text.size();
        MergeResult part = merge_tokens(parsed(section.base), parsed(section.ours),
                                        parsed(section.theirs), section_options);
        for (Disagreement& d : part.disagreements) {
            d.line += lines;
            result.disagreements.push_back(std::move(d));
        }
        result.has_conflict_markers = result.has_conflict_markers || part.has_conflict_markers;
        result.text += part.text;
    }
    return result;
}

}  // namespace

MergeResult merge3_whole_text(std::string_view base, std::string_view ours, std::string_view theirs,
                              const MergeOptions& options) {
    return merge_tokens(parse(base, options.parse), parse(ours, options.parse),
                        parse(theirs, options.parse), options);
}

MergeResult merge3(std::string_view base, std::string_view ours, std::string_view theirs,
                   const MergeOptions& options) {
    if (const std::optional<MergeTexts> moved = follow_moves(base, ours, theirs))
        return merge_by_sections(moved->base, moved->ours, moved->theirs, options);
    return merge_by_sections(base, ours, theirs, options);
}

}  // namespace accord
