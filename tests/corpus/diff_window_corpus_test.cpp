// The structural diff compares only the stretch around a change
// (merge/diff/diff_window.hpp); on the real Paris texts (indented
// paragraphs, Option paragraphs, brackets across paragraphs, stray
// brackets) its changes must be exactly those of the whole comparison,
// whatever a proposal does: words, brackets, strikes, options, paragraphs
// moved, split, joined or re-indented, or a bracket left unclosed.
#include <gtest/gtest.h>

#include <random>

#include "core/notation/parse.hpp"
#include "merge/diff/diff_window.hpp"
#include "merge/diff/structural_diff.hpp"
#include "support/paths.hpp"
#include "support/stretch_check.hpp"

namespace accord {
namespace {

// One proposal's edit of `text`, drawn by `random`.
class Editor {
  public:
    explicit Editor(std::uint32_t seed) : random_(seed) {}

    std::string edit(std::string text) {
        switch (pick(12)) {
            case 0:
                return insert_at_space(text, pick(2) ? "[enhanced support] " : "further ");
            case 1:
                return delete_words(text);
            case 2:
                return lift_bracket(text);
            case 3:
                return bracket_words(text);
            case 4:
                return move_paragraph(text);
            case 5:
                return split_paragraph(text);
            case 6:
                return join_paragraphs(text);
            case 7:
                return add_option(text);
            case 8:
                return insert_at_space(text, "[unclosed ");
            case 9:
                return reindent(text);
            default:
                return insert_at_space(text, "~~the~~ ");
        }
    }

  private:
    std::size_t pick(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
    }

    // A space in the body (past the front matter), or npos.
    std::size_t some_space(const std::string& text) {
        const std::size_t from =
            text.find("\n---\n") != std::string::npos && text.rfind("---\n", 0) == 0
                ? text.find("\n---\n") + 5
                : 0;
        if (text.size() <= from + 2) return std::string::npos;
        return text.find(' ', from + pick(text.size() - from));
    }

    std::string insert_at_space(std::string text, const std::string& words) {
        const std::size_t at = some_space(text);
        if (at != std::string::npos) text.insert(at + 1, words);
        return text;
    }

    std::string delete_words(std::string text) {
        const std::size_t at = some_space(text);
        if (at == std::string::npos) return text;
        std::size_t end = at + 1;
        for (std::size_t words = 1 + pick(4); words > 0 && end < text.size(); --words) {
            const std::size_t next = text.find_first_of(" \n", end);
            if (next == std::string::npos || text[next] == '\n') break;
            end = next + 1;
        }
        text.erase(at + 1, end - at - 1);
        return text;
    }

    std::string lift_bracket(std::string text) {
        const std::size_t open = text.find('[', pick(text.size()));
        if (open == std::string::npos) return text;
        const std::size_t close = text.find(']', open);
        if (close == std::string::npos || text.find('[', open + 1) < close) return text;
        text.erase(close, 1);
        text.erase(open, 1);
        return text;
    }

    std::string bracket_words(std::string text) {
        const std::size_t at = some_space(text);
        if (at == std::string::npos) return text;
        const std::size_t end = text.find_first_of(" \n", at + 1);
        if (end == std::string::npos) return text;
        text.insert(end, "]");
        text.insert(at + 1, "[");
        return text;
    }

    std::vector<std::string> paragraphs(const std::string& text) {
        std::vector<std::string> out;
        std::size_t from = 0;
        while (from < text.size()) {
            std::size_t end = text.find("\n\n", from);
            end = end == std::string::npos ? text.size() : end + 2;
            out.push_back(text.substr(from, end - from));
            from = end;
        }
        return out;
    }
    static std::string joined(const std::vector<std::string>& parts) {
        std::string out;
        for (const std::string& p : parts) out += p;
        return out;
    }

    std::string move_paragraph(const std::string& text) {
        std::vector<std::string> parts = paragraphs(text);
        if (parts.size() < 4) return text;
        const std::size_t from = 1 + pick(parts.size() - 2), to = 1 + pick(parts.size() - 2);
        std::string moved = parts[from];
        if (moved.size() < 2 || moved.substr(moved.size() - 2) != "\n\n") return text;
        parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(from));
        parts.insert(parts.begin() + static_cast<std::ptrdiff_t>(to), moved);
        return joined(parts);
    }

    std::string split_paragraph(std::string text) {
        const std::size_t at = text.find(". ", pick(text.size()));
        if (at != std::string::npos) text.replace(at, 2, ".\n\n");
        return text;
    }

    std::string join_paragraphs(std::string text) {
        const std::size_t at = text.find("\n\n", pick(text.size()));
        if (at != std::string::npos && at > 0) text.replace(at, 2, " ");
        return text;
    }

    std::string add_option(std::string text) {
        const std::size_t at = text.find("\n\n", pick(text.size()));
        if (at != std::string::npos) text.insert(at + 2, "**Option 9:** No text\n\n");
        return text;
    }

    std::string reindent(std::string text) {
        const std::size_t at = text.find("\n\n", pick(text.size()));
        if (at == std::string::npos) return text;
        if (text.compare(at + 2, 4, "    ") == 0)
            text.erase(at + 2, 4);
        else
            text.insert(at + 2, "    ");
        return text;
    }

    // A blank line more or less between two paragraphs.
    std::string blank_line(std::string text) {
        const std::size_t at = text.find("\n\n", pick(text.size()));
        if (at == std::string::npos) return text;
        if (text.compare(at, 3, "\n\n\n") == 0)
            text.erase(at, 1);
        else
            text.insert(at, "\n");
        return text;
    }

    std::mt19937 random_;
};

TEST(DiffWindowOnParis, ChangesAreThoseOfTheWholeComparison) {
    const char* const texts[] = {"agreement-23-oct-2015.md", "agreement-4-dec-2015.md",
                                 "agreement-9-dec-2015.md",  "agreement-12-dec-2015.md",
                                 "agreement-final.md",       "decision-6-nov-2015.md"};
    test::StretchCheck all;
    std::uint32_t seed = 1;
    for (const char* name : texts) {
        std::string text = test::read_all(test::corpus_file(std::string("paris-2015/") + name));
        Editor editor(seed++);
        for (int proposal = 0; proposal < 60; ++proposal) {
            std::string next = text;
            for (int edits = 1 + proposal % 3; edits > 0; --edits) next = editor.edit(next);
            all.compare(text, next, {},
                        std::string(name) + " proposal " + std::to_string(proposal));
            text = std::move(next);
        }
    }
    // The neighbouring versions, rewritten throughout: mostly compared whole.
    for (std::size_t k = 0; k + 1 < std::size(texts) - 1; ++k) {
        all.compare(test::read_all(test::corpus_file(std::string("paris-2015/") + texts[k])),
                    test::read_all(test::corpus_file(std::string("paris-2015/") + texts[k + 1])),
                    {}, std::string(texts[k]) + " -> " + texts[k + 1]);
    }
    EXPECT_GT(all.windowed, all.pairs / 2) << "the stretch is rarely used: the test tests little";
    EXPECT_EQ(all.differing, 0u) << "first: " << all.first;
}

}  // namespace
}  // namespace accord
