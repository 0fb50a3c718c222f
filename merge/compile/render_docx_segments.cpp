#include "merge/compile/render_docx_segments.hpp"

#include <algorithm>
#include <string_view>

#include "core/store/proposal_record.hpp"
#include "merge/diff/paragraph_diff.hpp"
#include "merge/diff/script_in_text_order.hpp"

namespace accord {

namespace {

std::string author_of(const Proposal* proposal) {
    if (proposal == nullptr) return "accord";
    return proposal->proposers.empty() ? std::string("accord") : join_names(proposal->proposers);
}

std::string date_of(const Proposal* proposal) {
    return proposal ? proposal->date : std::string();
}

// Segments in order, each next to one of the same change and credit joined to it.
class Segments {
  public:
    void add(std::string_view text, DocxSegment::Change change, const Proposal* who) {
        if (text.empty()) return;
        const std::string author = change == DocxSegment::Change::none ? "" : author_of(who);
        const std::string date = change == DocxSegment::Change::none ? "" : date_of(who);
        if (!out_.empty() && out_.back().change == change && out_.back().author == author &&
            out_.back().date == date) {
            out_.back().text += text;
            return;
        }
        out_.push_back({std::string(text), change, author, date});
    }
    std::vector<DocxSegment> take() { return std::move(out_); }

  private:
    std::vector<DocxSegment> out_;
};

// The bytes of a token on each side of an edit.
struct EditText {
    std::string_view old_bytes, new_bytes;
};

EditText text_of(const Edit& edit, const ParagraphDiff& diff, std::string_view old_text,
                 std::string_view new_text) {
    EditText out;
    if (edit.kind != EditKind::added) {
        const ByteRange r = diff.old_tokens[edit.old_index].range;
        out.old_bytes = old_text.substr(r.begin, r.size());
    }
    if (edit.kind != EditKind::removed) {
        const ByteRange r = diff.new_tokens[edit.new_index].range;
        out.new_bytes = new_text.substr(r.begin, r.size());
    }
    return out;
}

// A token kept whose bytes differ (the paragraph diff pairs any two runs of
// white space, and every paragraph break or option separator alike):
// inserted in part.
bool changed_in_place(const Edit& edit, const EditText& text) {
    return edit.kind == EditKind::common && text.old_bytes != text.new_bytes;
}

// Per edit, the proposal its insertion is credited to (nullptr where it
// inserts nothing): its wording's, else, for white space, a token changed
// in place and wording older than the revision, that of the insertions
// beside it (the one before first), else `otherwise`.
std::vector<const Proposal*> insertions_credited(const std::vector<Edit>& script,
                                                 const std::vector<EditText>& texts,
                                                 const ParagraphDiff& diff,
                                                 const ChangeCredits& credits) {
    std::vector<const Proposal*> by(script.size(), nullptr);
    const auto inserts = [&](std::size_t e) {
        return script[e].kind == EditKind::added || changed_in_place(script[e], texts[e]);
    };
    for (std::size_t e = 0; e < script.size(); ++e) {
        if (script[e].kind != EditKind::added) continue;
        if (texts[e].new_bytes.find_first_not_of(" \t\n\r") != std::string_view::npos)
            by[e] = credits.inserted_by(diff.new_tokens[script[e].new_index].range.begin);
    }
    for (std::size_t e = 1; e < script.size(); ++e)
        if (inserts(e) && !by[e] && inserts(e - 1)) by[e] = by[e - 1];
    for (std::size_t e = script.size(); e-- > 1;)
        if (inserts(e - 1) && !by[e - 1] && inserts(e)) by[e - 1] = by[e];
    for (std::size_t e = 0; e < script.size(); ++e)
        if (inserts(e) && !by[e]) by[e] = credits.otherwise;
    return by;
}

}  // namespace

std::vector<DocxSegment> tracked_segments(const Document& old_body, const Document& new_body,
                                          const ChangeCredits& credits) {
    // No word folded: a word that stayed is never shown deleted and inserted
    // again (credited to the proposal beside it), as the diff view folds it.
    const ParagraphDiff diff = diff_paragraphs(old_body, new_body, ParagraphDiffOptions{0});
    const std::vector<Edit> script = script_in_text_order(diff);
    std::vector<EditText> texts;
    texts.reserve(script.size());
    for (const Edit& edit : script)
        texts.push_back(text_of(edit, diff, old_body.source, new_body.source));
    const std::vector<const Proposal*> inserted_by =
        insertions_credited(script, texts, diff, credits);
    Segments segments;
    for (std::size_t e = 0; e < script.size(); ++e) {
        const Edit& edit = script[e];
        const EditText& text = texts[e];
        switch (edit.kind) {
            case EditKind::removed:
                segments.add(text.old_bytes, DocxSegment::Change::deleted,
                             credits.deleted_by(diff.old_tokens[edit.old_index].range.begin));
                break;
            case EditKind::added:
                segments.add(text.new_bytes, DocxSegment::Change::inserted, inserted_by[e]);
                break;
            case EditKind::common: {
                // The bytes both sides begin with kept, the rest of each changed.
                const std::size_t same = static_cast<std::size_t>(
                    std::mismatch(text.old_bytes.begin(), text.old_bytes.end(),
                                  text.new_bytes.begin(), text.new_bytes.end())
                        .first -
                    text.old_bytes.begin());
                segments.add(text.new_bytes.substr(0, same), DocxSegment::Change::none, nullptr);
                if (same < text.old_bytes.size())
                    segments.add(
                        text.old_bytes.substr(same), DocxSegment::Change::deleted,
                        credits.deleted_by(diff.old_tokens[edit.old_index].range.begin + same));
                segments.add(text.new_bytes.substr(same), DocxSegment::Change::inserted,
                             inserted_by[e]);
                break;
            }
        }
    }
    return segments.take();
}

}  // namespace accord
