#include "merge/merge3/merge3_output.hpp"

#include <cctype>
#include <utility>

#include "core/notation/source_map.hpp"
#include "core/util/text.hpp"
#include "merge/merge3/merge3_chunks.hpp"

namespace accord::token_merge {

namespace {

constexpr std::string_view kWhiteSpace = " \t\r\n";

}  // namespace

std::string MergedText::take_line_indentation() {
    const std::size_t line = text_.find_last_not_of(" \t");
    if (line != std::string::npos && text_[line] != '\n') return "";
    const std::size_t from = line == std::string::npos ? 0 : line + 1;
    std::string indentation = text_.substr(from);
    text_.erase(from);
    return indentation;
}

std::string trimmed(std::string_view s) {
    const std::size_t b = s.find_first_not_of(kWhiteSpace);
    if (b == std::string_view::npos) return "";
    return std::string(s.substr(b, s.find_last_not_of(kWhiteSpace) - b + 1));
}

void MergedText::space_before(std::string_view next) {
    if (!space_pending_ || next.empty()) return;
    space_pending_ = false;
    const auto spaced = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    if (spaced(next.front()) || (!text_.empty() && spaced(text_.back()))) return;
    text_ += ' ';
}

void MergedText::put(std::string_view text) {
    if (text.empty()) return;
    space_before(text);
    if (!pending_.empty()) {
        const std::size_t first = text.find_first_not_of(kWhiteSpace);
        if (first != std::string_view::npos) {
            // The mark goes before the first word, unless the text opens
            // with that very mark already (put it there once).
            const bool marked = text.substr(first, pending_.size()) == pending_;
            std::string rewritten(text.substr(0, first));
            if (!marked) rewritten += pending_;
            rewritten += text.substr(first + (marked ? pending_.size() : 0));
            pending_.clear();
            return put(rewritten);
        }
    }
    if (!continues_ && !text_.empty() && is_word_byte(text_.back()) && is_word_byte(text.front()))
        text_ += ' ';
    text_ += text;
    continues_ = false;
}

void MergedText::put_range(Text side, std::uint32_t from, std::uint32_t to) {
    put(text_of(side, from, to));
}

void MergedText::put_spaced_as(std::string_view spacing, std::string_view core) {
    const std::size_t first = spacing.find_first_not_of(kWhiteSpace);
    if (first == std::string_view::npos) return put(std::string(spacing) + std::string(core));
    const std::size_t end = spacing.find_last_not_of(kWhiteSpace) + 1;
    put(std::string(spacing.substr(0, first)) + std::string(core) +
        std::string(spacing.substr(end)));
}

void MergedText::close_before_space(std::string_view mark) {
    const std::size_t end = text_.find_last_not_of(kWhiteSpace) + 1;  // npos + 1: 0
    text_.insert(end, mark);
    continues_ = false;
}

void MergedText::disagree(DisagreementKind kind, std::string ours, std::string theirs,
                          std::string key) {
    disagree({kind, 0, std::move(ours), std::move(theirs), std::move(key)});
}

void MergedText::disagree(Disagreement disagreement) {
    disagreements_.push_back(std::move(disagreement));
    offsets_.push_back(text_.size());
}

MergeResult MergedText::finish() && {
    const SourceMap map(text_);
    for (std::size_t k = 0; k < disagreements_.size(); ++k) {
        disagreements_[k].line = map.locate(offsets_[k]).line;
    }
    MergeResult result;
    result.text = std::move(text_);
    result.disagreements = std::move(disagreements_);
    result.has_conflict_markers = has_conflict_markers_;
    return result;
}

}  // namespace accord::token_merge
