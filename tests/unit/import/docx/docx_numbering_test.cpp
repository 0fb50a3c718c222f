// core/import/docx/numbering: the labels Word shows for numbered paragraphs.
#include "core/import/docx/numbering.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

using docx::NumberFormat;

docx::NumberingLevel level(NumberFormat format, const std::string& text, std::uint32_t start = 1,
                           std::int32_t restart = -1) {
    docx::NumberingLevel l;
    l.format = format;
    l.text = text;
    l.start = start;
    l.restart = restart;
    return l;
}

// The UN template's list: I., A., 1., (a), (i) headings; 1. paragraphs that
// never restart; (a), (i) under them.
docx::AbstractNumbering un_list() {
    docx::AbstractNumbering list;
    list.levels[0] = level(NumberFormat::upper_roman, "%1.");
    list.levels[1] = level(NumberFormat::upper_letter, "%2.");
    list.levels[5] = level(NumberFormat::decimal, "%6.", 1, 0);
    list.levels[6] = level(NumberFormat::lower_letter, "(%7)");
    list.levels[7] = level(NumberFormat::lower_roman, "(%8)");
    return list;
}

std::vector<std::string> labels(docx::NumberingCounter& counter,
                                const std::vector<std::pair<std::uint32_t, std::uint32_t>>& refs) {
    std::vector<std::string> out;
    for (const auto& [num, lvl] : refs) out.push_back(counter.next({num, lvl}));
    return out;
}

TEST(DocxNumbering, FormatsAsWordWritesThem) {
    EXPECT_EQ(docx::format_number(4, NumberFormat::decimal), "4");
    EXPECT_EQ(docx::format_number(4, NumberFormat::decimal_zero), "04");
    EXPECT_EQ(docx::format_number(1, NumberFormat::lower_letter), "a");
    EXPECT_EQ(docx::format_number(26, NumberFormat::upper_letter), "Z");
    EXPECT_EQ(docx::format_number(27, NumberFormat::lower_letter), "aa");
    EXPECT_EQ(docx::format_number(53, NumberFormat::lower_letter), "aaa");
    EXPECT_EQ(docx::format_number(14, NumberFormat::lower_roman), "xiv");
    EXPECT_EQ(docx::format_number(1994, NumberFormat::upper_roman), "MCMXCIV");
    EXPECT_EQ(docx::format_number(0, NumberFormat::upper_roman), "0");
    EXPECT_EQ(docx::format_number(22, NumberFormat::ordinal), "22nd");
    EXPECT_EQ(docx::format_number(13, NumberFormat::ordinal), "13th");
    EXPECT_EQ(docx::format_number(3, NumberFormat::cardinal_text), "three");
    EXPECT_EQ(docx::format_number(2, NumberFormat::ordinal_text), "second");
    EXPECT_EQ(docx::format_number(7, NumberFormat::bullet), "-");
    EXPECT_EQ(docx::format_number(7, NumberFormat::none), "");
}

TEST(DocxNumbering, DeeperLevelsRestartUnlessTheySayNever) {
    docx::Numbering numbering;
    numbering.abstracts[0] = un_list();
    numbering.instances[1] = {0, {}, {}};
    docx::NumberingCounter counter(numbering);
    EXPECT_EQ(labels(counter, {{1, 0},
                               {1, 5},
                               {1, 6},
                               {1, 6},
                               {1, 7},
                               {1, 5},
                               {1, 6},
                               {1, 0},
                               {1, 1},
                               {1, 5},
                               {1, 1},
                               {1, 0},
                               {1, 1}}),
              (std::vector<std::string>{"I.", "1.", "(a)", "(b)", "(i)", "2.", "(a)", "II.", "A.",
                                        "3.", "B.", "III.", "A."}));
}

TEST(DocxNumbering, InstancesOfOneDefinitionShareCountsAndOverridesRestartTheirLevel) {
    // As in the UNFCCC draft: chapters through numId 1, sections through
    // numId 8 (the same definition, every level's start overridden).
    docx::Numbering numbering;
    numbering.abstracts[22] = un_list();
    numbering.instances[1] = {22, {}, {}};
    docx::NumberingInstance sections{22, {}, {}};
    for (auto& start : sections.start_override) start = 1;
    numbering.instances[8] = sections;
    docx::NumberingCounter counter(numbering);
    EXPECT_EQ(
        labels(counter, {{1, 0}, {1, 0}, {1, 0}, {8, 1}, {8, 1}, {1, 0}, {8, 1}, {1, 1}, {8, 1}}),
        (std::vector<std::string>{"I.", "II.", "III.", "A.", "B.", "IV.", "A.", "B.", "C."}));
}

TEST(DocxNumbering, ALevelUsedFirstCountsTheLevelAboveAsBegun) {
    // Word writes (i), (ii), then (b): the (a) above them is taken as given.
    docx::Numbering numbering;
    numbering.abstracts[30] = un_list();
    numbering.instances[29] = {30, {}, {}};
    docx::NumberingCounter counter(numbering);
    EXPECT_EQ(labels(counter, {{29, 7}, {29, 7}, {29, 6}, {29, 7}}),
              (std::vector<std::string>{"(i)", "(ii)", "(b)", "(i)"}));
}

TEST(DocxNumbering, MultiLevelTextLegalNumbersBulletsAndStarts) {
    docx::Numbering numbering;
    docx::AbstractNumbering list;
    list.levels[0] = level(NumberFormat::upper_roman, "Article %1", 3);
    list.levels[1] = level(NumberFormat::lower_letter, "%1.%2");
    list.levels[1].legal = true;
    list.levels[2] = level(NumberFormat::bullet, "\xEF\x82\xB7");
    list.levels[3] = level(NumberFormat::decimal, "%4 bis");
    numbering.abstracts[0] = list;
    numbering.instances[5] = {0, {}, {}};
    docx::NumberingInstance overridden{0, {}, {}};
    overridden.level_override[0] = level(NumberFormat::decimal, "(%1)", 9);
    numbering.instances[6] = overridden;
    docx::NumberingCounter counter(numbering);
    EXPECT_EQ(labels(counter, {{5, 0}, {5, 1}, {5, 1}, {5, 2}, {5, 3}, {6, 0}, {7, 0}, {0, 0}}),
              (std::vector<std::string>{"Article III", "3.1", "3.2", "-", "1 bis", "(9)", "", ""}));
    EXPECT_EQ(counter.format({5, 0}), NumberFormat::upper_roman);
    EXPECT_FALSE(counter.format({7, 0}).has_value());
}

}  // namespace
}  // namespace accord
