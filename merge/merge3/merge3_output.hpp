#pragma once
// The merged text as the token merge writes it, and the disagreements found
// on the way, each held at the point of the text where it was found until
// the text is complete and its lines are known.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "merge/merge3/disagreement.hpp"
#include "merge/merge3/merge3.hpp"
#include "merge/merge3/merge3_inputs.hpp"

namespace accord::token_merge {

class MergedText {
  public:
    // Appends merged text. Pieces start and end at token boundaries, so a
    // word meeting a word within a chunk's resolution means a mark or space
    // between them was dropped ("[risks international]agreement" with the
    // brackets lifted): keep a space. Unless the piece goes on from the
    // text before it as one side wrote both (see continue_side).
    void put(std::string_view text);
    // The next piece is a side's own text from where the text so far ends,
    // at a chunk's start (where the three texts meet): a stable chunk, or a
    // chunk taken whole from one side. A word there that continues the word
    // before it ("CO" + "2", "9" + "bis") is one word in that side, and
    // stays one.
    void continue_side() { continues_ = true; }
    // put() of tokens [from, to) of a side.
    void put_range(Text side, std::uint32_t from, std::uint32_t to);
    // `core` within the white space that surrounds the words of `spacing`
    // (a side's text whose words `core` stands for): "\n\n[a]\n\n[b]\n\n"
    // from "\n\na\n\n" and "[a]\n\n[b]".
    void put_spaced_as(std::string_view spacing, std::string_view core);
    // Appends as it is: marks ("[", "][") and lines (front matter, conflict
    // markers) that no word runs into.
    void put_verbatim(std::string_view text) {
        if (!pending_.empty()) return put(text);
        space_before(text);
        text_ += text;
        if (!text.empty()) continues_ = false;
    }
    // A space before the next piece unless that piece starts with white
    // space, or the text so far ends with it: options set apart from a
    // bracket that follows them, when the next chunk may bring its own.
    void put_space_before_next() { space_pending_ = true; }

    // Closes a strike open in the text so far: `mark` ("~~") put before
    // the white space it ends with, so that the words after it are not
    // struck and the strike ends on a word.
    void close_before_space(std::string_view mark);
    // Opens it again before the next word put (so that it opens on a
    // word); where the next thing put is the strike's own closing mark,
    // that mark is dropped instead (the strike was closed already).
    void reopen_before_next_word(std::string mark) { pending_ = std::move(mark); }

    void disagree(DisagreementKind kind, std::string ours, std::string theirs,
                  std::string key = "");
    void disagree(Disagreement disagreement);
    void conflict_markers_written() { has_conflict_markers_ = true; }
    // Conflict markers stand in the front matter (--strict): until a person
    // settles them it is no YAML, an error the merge wrote on purpose.
    void front_matter_markers_written() { has_conflict_markers_ = front_matter_markers_ = true; }
    bool front_matter_has_markers() const { return front_matter_markers_; }
    // The spaces and tabs that begin the line the text so far ends in,
    // taken off it ("" when that line holds more): conflict markers stand
    // at the start of a line, and each side's text gets the indentation.
    std::string take_line_indentation();
    // Here (the end of the text so far) a side's wording was to be
    // bracketed as an option, but a bracket of its own does not pair within
    // it (a stray '[' of that side): the option's ']' would close the stray
    // '[' and leave the option's '[' open. The merge takes such a place
    // again as whole paragraphs, between conflict markers.
    void unwrappable_here() { unwrappable_.push_back(text_.size()); }
    const std::vector<std::size_t>& unwrappable() const { return unwrappable_; }

    const std::string& text() const { return text_; }
    std::size_t size() const { return text_.size(); }

    // The result, each disagreement with its line in the text.
    MergeResult finish() &&;

  private:
    std::string text_;
    std::vector<Disagreement> disagreements_;
    std::vector<std::size_t> offsets_;      // per disagreement: where in text_ it was found
    std::vector<std::size_t> unwrappable_;  // see unwrappable_here
    bool has_conflict_markers_ = false;
    bool front_matter_markers_ = false;
    bool continues_ = false;
    std::string pending_;         // see reopen_before_next_word
    bool space_pending_ = false;  // see put_space_before_next
    void space_before(std::string_view next);
};

// `s` without the white space at either end.
std::string trimmed(std::string_view s);

}  // namespace accord::token_merge
