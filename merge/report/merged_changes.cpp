#include "merge/report/merged_changes.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "merge/diff/token_diff.hpp"

namespace accord {

namespace {

// White space and breaks carry no wording: a merge may lay out two
// branches' words with spaces neither had at that spot.
bool carries_wording(TokenKind kind) {
    return kind != TokenKind::space && kind != TokenKind::line_break &&
           kind != TokenKind::paragraph_break;
}

TokenDiff compared(const Document& before, const Document& after) {
    TokenDiffOptions options;
    options.fold_coincidences = false;  // a kept word is kept, as blame reads it
    options.words_first = true;
    return diff_tokens(before, after, options);
}

}  // namespace

BranchEvidence::BranchEvidence(const Document& first_parent, const Document& merged,
                               const std::vector<Document>& branches,
                               const std::vector<std::size_t>& disagreement_lines)
    : disagreement_lines_(disagreement_lines), merged_lines_(merged.source) {
    if (branches.empty()) return;
    const TokenDiff made = compared(first_parent, merged);
    std::vector<TokenDiff> kept_by,
        removed_by;  // per branch: branch -> merge, first parent -> branch
    for (const Document& branch : branches) {
        kept_by.push_back(compared(branch, merged));
        removed_by.push_back(compared(first_parent, branch));
    }
    for (std::uint32_t t = 0; t < made.new_tokens.size(); ++t) {
        const Token& token = made.new_tokens[t];
        if (made.new_to_old[t] != kNone || !carries_wording(token.kind)) continue;
        const bool stands_in_a_branch =
            std::any_of(kept_by.begin(), kept_by.end(),
                        [&](const TokenDiff& d) { return d.new_to_old[t] != kNone; });
        put_in_.push_back({token.range.begin, token.range.end, stands_in_a_branch});
    }
    for (std::uint32_t o = 0; o < made.old_tokens.size(); ++o) {
        const Token& token = made.old_tokens[o];
        if (made.old_to_new[o] != kNone || !carries_wording(token.kind)) continue;
        const auto gone_from =
            std::count_if(removed_by.begin(), removed_by.end(),
                          [&](const TokenDiff& d) { return d.old_to_new[o] == kNone; });
        taken_out_.push_back({token.range.begin, token.range.end, gone_from == 1});
    }
}

bool BranchEvidence::brought(const Change& change) const {
    const std::size_t first_line = merged_lines_.locate(change.new_range.begin).line;
    const std::size_t last_line = merged_lines_.locate(change.new_range.end).line;
    for (const std::size_t line : disagreement_lines_)
        if (line >= first_line && line <= last_line) return false;
    std::size_t looked_at = 0;
    const auto all_evidence = [&](const std::vector<Piece>& pieces, const ByteRange& range) {
        for (const Piece& piece : pieces) {
            if (piece.begin < range.begin || piece.end > range.end) continue;
            ++looked_at;
            if (!piece.evidence) return false;
        }
        return true;
    };
    return all_evidence(put_in_, change.new_range) && all_evidence(taken_out_, change.old_range) &&
           looked_at > 0;
}

ListedDisagreements listed_disagreements(const std::string& message) {
    ListedDisagreements out;
    constexpr std::string_view kHeading = "Disagreements kept in the text:\n";
    const std::size_t heading = message.find(kHeading);
    if (heading == std::string::npos) return out;
    std::size_t at = heading + kHeading.size();
    while (at < message.size() && message[at] != '\n') {
        std::size_t end = message.find('\n', at);
        if (end == std::string::npos) end = message.size();
        const std::string_view line(message.data() + at, end - at);
        at = end + 1;
        if (line.starts_with("and ") && line.ends_with(" more")) {
            out.complete = false;
            continue;
        }
        // "PATH:LINE: kind ...": the first ':' followed by digits and ": "
        // (a path may hold ':' or ": " itself).
        for (std::size_t colon = line.find(':'); colon != std::string_view::npos;
             colon = line.find(':', colon + 1)) {
            std::size_t digits_end = colon + 1;
            while (digits_end < line.size() && line[digits_end] >= '0' && line[digits_end] <= '9')
                ++digits_end;
            const std::size_t digits = digits_end - colon - 1;
            if (colon == 0 || digits == 0 || digits > 9 || line.substr(digits_end, 2) != ": ")
                continue;
            out.lines[std::string(line.substr(0, colon))].push_back(
                std::stoul(std::string(line.substr(colon + 1, digits))));
            break;
        }
    }
    return out;
}

}  // namespace accord
