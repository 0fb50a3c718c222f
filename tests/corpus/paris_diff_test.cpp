// The structural diff between neighbouring Paris texts, 2015: where the
// texts were restructured (paragraphs split into options, moved, merged),
// each change is named once, in the paragraph it belongs to, and reads as
// a negotiator reads the two texts side by side.
#include <gtest/gtest.h>

#include <regex>

#include "core/notation/parse.hpp"
#include "core/notation/tokens.hpp"
#include "merge/diff/structural_diff.hpp"
#include "merge/diff/token_view.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

Document paris(const std::string& file) {
    return parse(test::read_all(test::corpus_file("paris-2015/" + file)));
}

struct Pair {
    const char* before;
    const char* after;
};

// Names the pair in test listings (ctest shows the parameter).
void PrintTo(const Pair& pair, std::ostream* os) {
    *os << pair.before << " -> " << pair.after;
}

const Pair kNeighbours[] = {
    {"agreement-23-oct-2015.md", "agreement-4-dec-2015.md"},
    {"agreement-4-dec-2015.md", "agreement-9-dec-2015.md"},
    {"agreement-9-dec-2015.md", "agreement-12-dec-2015.md"},
    {"agreement-12-dec-2015.md", "agreement-final.md"},
};

bool is_text_change(ChangeKind kind) {
    return kind == ChangeKind::text_inserted || kind == ChangeKind::text_deleted ||
           kind == ChangeKind::text_replaced;
}

// The tokens of a change's wording, white space aside, as the diff compares them.
std::vector<std::string> tokens_of(const std::string& text) {
    const Document d = parse(text);
    std::vector<std::string> out;
    for (const Token& t : tokenize(d))
        if (!is_space_token(t.kind)) out.emplace_back(d.text(t.range));
    return out;
}

class ParisNeighbours : public ::testing::TestWithParam<Pair> {};

// No change of wording runs across a blank line of either text.
TEST_P(ParisNeighbours, NoTextChangeCrossesAParagraphBreak) {
    const Document a = paris(GetParam().before), b = paris(GetParam().after);
    const std::regex blank_line("\n[ \t]*\n");
    for (const Change& c : structural_diff(a, b)) {
        if (!is_text_change(c.kind)) continue;
        const std::string old_text(a.text(c.old_range)), new_text(b.text(c.new_range));
        EXPECT_FALSE(std::regex_search(old_text, blank_line))
            << to_string(c.kind) << ": " << old_text;
        EXPECT_FALSE(std::regex_search(new_text, blank_line))
            << to_string(c.kind) << ": " << new_text;
    }
}

// A replacement starts and ends with tokens that changed.
TEST_P(ParisNeighbours, ReplacementsStartAndEndWithChangedWords) {
    const Document a = paris(GetParam().before), b = paris(GetParam().after);
    for (const Change& c : structural_diff(a, b)) {
        if (c.kind != ChangeKind::text_replaced) continue;
        const auto before = tokens_of(c.before), after = tokens_of(c.text);
        ASSERT_FALSE(before.empty());
        ASSERT_FALSE(after.empty());
        EXPECT_NE(before.front(), after.front()) << c.before << " → " << c.text;
        EXPECT_NE(before.back(), after.back()) << c.before << " → " << c.text;
    }
}

// The words of an added or deleted paragraph are not also an insertion, a
// deletion or another paragraph's: no change that takes in words overlaps a
// paragraph reported whole. (A bracket lifted or added, or a strike, is a
// change of marks: it may run over a paragraph that went.)
TEST_P(ParisNeighbours, NoChangeIsReportedTwice) {
    const Document a = paris(GetParam().before), b = paris(GetParam().after);
    const std::vector<Change> changes = structural_diff(a, b);
    auto marks_only = [](ChangeKind kind) {
        return kind == ChangeKind::status_changed || kind == ChangeKind::metadata_changed ||
               kind == ChangeKind::bracket_removed || kind == ChangeKind::bracket_added ||
               kind == ChangeKind::strike_added || kind == ChangeKind::strike_removed;
    };
    std::size_t wholes = 0;
    for (const Change& whole : changes) {
        const bool added = whole.kind == ChangeKind::paragraph_added ||
                           whole.kind == ChangeKind::alternative_paragraph_added;
        const bool deleted = whole.kind == ChangeKind::paragraph_deleted ||
                             whole.kind == ChangeKind::alternative_paragraph_removed;
        if (!added && !deleted) continue;
        ++wholes;
        const ByteRange range = added ? whole.new_range : whole.old_range;
        for (const Change& c : changes) {
            if (&c == &whole || marks_only(c.kind)) continue;
            const ByteRange other = added ? c.new_range : c.old_range;
            EXPECT_FALSE(!other.empty() && other.begin < range.end && range.begin < other.end)
                << to_string(c.kind) << " \"" << c.text.substr(0, 60) << "\" overlaps "
                << to_string(whole.kind) << " \"" << whole.text.substr(0, 60) << "\"";
        }
    }
    if (std::string(GetParam().after) != "agreement-final.md") {
        EXPECT_GT(wholes, 0u) << "restructured texts have paragraphs added or deleted";
    }
}

INSTANTIATE_TEST_SUITE_P(Paris, ParisNeighbours, ::testing::ValuesIn(kNeighbours),
                         [](const auto& info) {
                             std::string name = info.param.before;
                             name = name.substr(10, name.size() - 18);  // "23-oct", ...
                             for (char& c : name) c = c == '-' ? '_' : c;
                             return "from_" + name;
                         });

const Change* find(const std::vector<Change>& changes, ChangeKind kind, std::string_view prefix) {
    for (const Change& c : changes) {
        if (c.kind == kind && c.text.compare(0, prefix.size(), prefix) == 0) return &c;
    }
    return nullptr;
}

// 4 to 9 December, Article 2: the temperature goal in brackets became three
// Option paragraphs. Each is named as an alternative paragraph added; the
// old brackets are deleted, not lifted; no change of wording in the article
// takes in an Option paragraph's label.
TEST(ParisDiff, TemperatureGoalOptionsAreAlternativeParagraphs) {
    const Document a = paris("agreement-4-dec-2015.md"), b = paris("agreement-9-dec-2015.md");
    const std::vector<Change> changes = structural_diff(a, b);
    EXPECT_NE(find(changes, ChangeKind::alternative_paragraph_added,
                   "**Option 1:** below 2 °C above pre-industrial levels"),
              nullptr);
    EXPECT_NE(find(changes, ChangeKind::alternative_paragraph_added,
                   "**Option 2:** well below 2°C above pre-industrial levels"),
              nullptr);
    EXPECT_NE(find(changes, ChangeKind::alternative_paragraph_added,
                   "**Option 3:** below 1.5°C above pre-industrial levels"),
              nullptr);
    EXPECT_EQ(find(changes, ChangeKind::bracket_removed, "below 1.5 °C"), nullptr);
    EXPECT_NE(find(changes, ChangeKind::bracket_deleted, "below 1.5 °C"), nullptr);
    const std::size_t article = b.source.find("## Article 2 *(purpose)*"),
                      next = b.source.find("## Article 2bis");
    ASSERT_LT(article, next);
    for (const Change& c : changes) {
        if (!is_text_change(c.kind) || c.new_range.begin < article || c.new_range.begin > next)
            continue;
        for (const char* label : {"**Option 1:**", "**Option 2:**", "**Option 3:**"})
            EXPECT_EQ(c.text.find(label), std::string::npos) << c.text;
    }
}

// 4 to 9 December, the preamble line on human rights: "[the right to
// health,]" was lifted; the alternatives "[to promote sustainable][the
// right to] development" went, and "the right to development" was added
// further on. No option was chosen, and "development" did not become "health".
TEST(ParisDiff, HumanRightsLineLiftsTheRightToHealth) {
    const Document a = paris("agreement-4-dec-2015.md"), b = paris("agreement-9-dec-2015.md");
    const std::vector<Change> changes = structural_diff(a, b);
    EXPECT_NE(find(changes, ChangeKind::bracket_removed, "the right to health,"), nullptr);
    EXPECT_EQ(find(changes, ChangeKind::option_chosen, "the right to"), nullptr);
    bool development_added = false;
    for (const Change& c : changes) {
        EXPECT_FALSE(c.kind == ChangeKind::text_replaced && c.before == "development");
        development_added =
            development_added || (c.kind == ChangeKind::text_inserted &&
                                  c.text.find("the right to development") != std::string::npos);
    }
    EXPECT_TRUE(development_added);
}

// 9 to 12 December: Article 1 gained its definitions, Article 2.1 was
// redrafted, and the sub-paragraphs of the temperature goal became one
// paragraph. The definitions are a paragraph added; the old Article 2.1 is
// never a replacement of them; the three temperature options are
// alternative paragraphs removed and the sub-paragraphs merged.
TEST(ParisDiff, DefinitionsAddedAndPurposeRedrafted) {
    const Document a = paris("agreement-9-dec-2015.md"), b = paris("agreement-12-dec-2015.md");
    const std::vector<Change> changes = structural_diff(a, b);
    EXPECT_NE(find(changes, ChangeKind::paragraph_added, "1. \"Convention\" means the United"),
              nullptr);
    for (const Change& c : changes) {
        if (!is_text_change(c.kind)) continue;
        EXPECT_EQ(c.before.find("The purpose of this Agreement"), std::string::npos)
            << c.before << " → " << c.text;
    }
    EXPECT_NE(find(changes, ChangeKind::alternative_paragraph_removed,
                   "**Option 1:** below 2 °C above pre-industrial levels"),
              nullptr);
    EXPECT_NE(find(changes, ChangeKind::paragraph_merged, "2. To increase their ability"), nullptr);
}

// 9 to 12 December, entry into force: the 13 words from "have deposited" to
// "accession" stand in both texts and are in no change.
TEST(ParisDiff, EntryIntoForceKeepsTheWordsThatStayed) {
    const Document a = paris("agreement-9-dec-2015.md"), b = paris("agreement-12-dec-2015.md");
    bool inserted = false;
    for (const Change& c : structural_diff(a, b)) {
        EXPECT_EQ(c.text.find("have deposited their instruments"), std::string::npos) << c.text;
        EXPECT_EQ(c.before.find("have deposited their instruments"), std::string::npos) << c.before;
        inserted = inserted || (c.kind == ChangeKind::text_inserted &&
                                c.text.starts_with("accounting in total for at least"));
    }
    EXPECT_TRUE(inserted);
}

}  // namespace
}  // namespace accord
