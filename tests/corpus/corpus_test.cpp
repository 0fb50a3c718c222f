// The real corpus (../shared/corpus): every file round-trips, and the WGEC and
// Paris texts show the counts and diagnostics a reader finds by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/notation/counts.hpp"
#include "core/notation/parse.hpp"
#include "support/invariants.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> corpus_files() {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(test::corpus_dir())) {
        if (entry.is_regular_file()) files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

TEST(Corpus, EveryFileRoundTripsInBothSlashModes) {
    const auto files = corpus_files();
    ASSERT_GE(files.size(), 10u) << "corpus not found at " << test::corpus_dir();
    for (const std::string& path : files) {
        const std::string bytes = test::read_all(path);
        for (SlashOptions slash : {SlashOptions::spaced, SlashOptions::any}) {
            ParseOptions options;
            options.notation.slash_options = slash;
            EXPECT_EQ(test::broken_invariant(parse(bytes, options), bytes), "") << path;
        }
    }
}

// --- WGEC 2013-14 -------------------------------------------------------------

struct Wgec {
    std::string text = test::read_all(test::corpus_file("wgec-2013-14/draft-recommendations.txt"));
    Document doc = [this] {
        ParseOptions options;
        options.notation.slash_options = SlashOptions::any;
        return parse(text, options);
    }();

    const Paragraph& paragraph_starting(std::string_view prefix) const {
        for (const Paragraph& p : doc.paragraphs) {
            if (doc.text(p.range).substr(0, prefix.size()) == prefix) return p;
        }
        throw std::runtime_error("no paragraph starts with " + std::string(prefix));
    }
    std::vector<const Diagnostic*> diagnostics_in(const Paragraph& p) const {
        std::vector<const Diagnostic*> out;
        for (const Diagnostic& d : doc.diagnostics) {
            if (d.offset >= p.range.begin && d.offset < p.range.end) out.push_back(&d);
        }
        return out;
    }
};

// Independent of the parser: does the paragraph's bracket count balance with
// no ']' before its '['? (The WGEC text has no links, escapes or footnotes.)
bool balances_on_its_own(std::string_view text, std::size_t* pairs = nullptr) {
    long depth = 0;
    std::size_t matched = 0;
    bool negative = false;
    for (char c : text) {
        if (c == '[') ++depth;
        if (c == ']') {
            if (depth == 0) {
                negative = true;
            } else {
                --depth;
                ++matched;
            }
        }
    }
    if (pairs) *pairs = matched;
    return depth == 0 && !negative;
}

TEST(CorpusWgec, RawBracketCounts) {
    const Wgec w;
    EXPECT_EQ(std::count(w.text.begin(), w.text.end(), '['), 77);
    EXPECT_EQ(std::count(w.text.begin(), w.text.end(), ']'), 76);
}

TEST(CorpusWgec, TheSixUnbalancedParagraphsEachGetADiagnostic) {
    const Wgec w;
    for (const char* prefix :
         {"Alt1: To continue", "[Recommendation 18", "Alt1[Calls for", "Alt2[Calls for",
          "(1)] (no consensus)", "Recommendation 1: Calls upon ITU"}) {
        const Paragraph& p = w.paragraph_starting(prefix);
        EXPECT_FALSE(balances_on_its_own(w.doc.text(p.range))) << prefix;
        EXPECT_FALSE(w.diagnostics_in(p).empty()) << prefix;
    }
}

TEST(CorpusWgec, EveryUnmatchedMarkIsReportedAtItsOwnPosition) {
    const Wgec w;
    std::size_t unclosed = 0, unmatched = 0;
    for (const Diagnostic& d : w.doc.diagnostics) {
        if (d.code == "unclosed-bracket") {
            EXPECT_EQ(w.text[d.offset], '[') << d.line << ":" << d.column;
            ++unclosed;
        } else if (d.code == "unmatched-bracket") {
            EXPECT_EQ(w.text[d.offset], ']') << d.line << ":" << d.column;
            ++unmatched;
        }
    }
    // Every '[' is in a matched pair or reported; likewise every ']'.
    EXPECT_EQ(w.doc.brackets.size() + unclosed, 77u);
    EXPECT_EQ(w.doc.brackets.size() + unmatched, 76u);
    EXPECT_EQ(unclosed, 3u);   // Recommendation 18; Alt1[Calls for (two)
    EXPECT_EQ(unmatched, 2u);  // Alt1: To continue; Recommendation 1: Calls upon ITU
}

TEST(CorpusWgec, NoBalancedParagraphGetsAnError) {
    const Wgec w;
    std::size_t balanced = 0;
    for (const Paragraph& p : w.doc.paragraphs) {
        if (!balances_on_its_own(w.doc.text(p.range))) continue;
        ++balanced;
        for (const Diagnostic* d : w.diagnostics_in(p)) {
            EXPECT_NE(d->severity, Severity::error)
                << d->line << ":" << d->column << " " << d->message;
        }
    }
    EXPECT_GT(balanced, 200u);
}

TEST(CorpusWgec, CountsAgreeWithIndependentCounts) {
    const Wgec w;
    const DocumentCounts c = count(w.doc);
    std::size_t paragraph_pairs = 0, tildes = 0, adjacent = 0;
    for (const Paragraph& p : w.doc.paragraphs) {
        std::size_t pairs = 0;
        balances_on_its_own(w.doc.text(p.range), &pairs);
        paragraph_pairs += pairs;
    }
    for (std::size_t i = w.text.find("~~"); i != std::string::npos; i = w.text.find("~~", i + 2))
        ++tildes;
    for (std::size_t i = w.text.find("]["); i != std::string::npos; i = w.text.find("][", i + 2))
        ++adjacent;
    // Per-paragraph pairs, plus the one bracket that spans "Alt2[..." to "(1)]".
    EXPECT_EQ(c.spanning_brackets, 1u);
    EXPECT_EQ(c.brackets, paragraph_pairs + 1);
    EXPECT_EQ(c.strikes * 2, tildes);
    // No run of three brackets in this text; and six groups of alternative
    // paragraphs: Alt0-Alt2 (Japan), Alt1-Alt 3 (Russian Federation), three
    // lone "Alt:"/"Alt." against the paragraph before, "Alternative 1 to last
    // sentence".
    EXPECT_EQ(c.alternatives_groups, adjacent + 6);
    EXPECT_EQ(c.errors, 5u);
}

TEST(CorpusWgec, StatusTagsAgreeWithIndependentCount) {
    const Wgec w;
    std::map<std::string, std::size_t> expected;
    for (const Paragraph& p : w.doc.paragraphs) {
        std::string text(w.doc.text(p.range));
        while (!text.empty() && std::strchr(" \t\r.*", text.back())) text.pop_back();
        const std::size_t open = text.rfind('(');
        if (open == std::string::npos || text.back() != ')') continue;
        std::string inside;
        for (char c : text.substr(open + 1, text.size() - open - 2)) {
            if (c != '*') inside += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        // "(no consensus, issue contained in TA)": a status and a remark.
        const std::string before_remark = inside.substr(0, inside.find_first_of(",;"));
        for (const char* status : {"agreed", "agreed ad ref", "revisit", "no consensus"}) {
            if (before_remark == status) ++expected[status];
        }
    }
    EXPECT_EQ(count(w.doc).paragraphs_by_status, expected);
    EXPECT_GE(expected["no consensus"], 25u);
}

TEST(CorpusWgec, AltParagraphsAreLabelled) {
    const Wgec w;
    std::size_t alt_starts = 0;
    for (const Paragraph& p : w.doc.paragraphs) {
        const std::string_view text = w.doc.text(p.range);
        if (text.substr(0, 3) == "Alt") ++alt_starts;
    }
    EXPECT_EQ(count(w.doc).alternative_paragraphs, alt_starts);
    EXPECT_EQ(w.doc.text(w.paragraph_starting("Alt 3 Establish").label), "Alt 3");
}

// --- Paris 2015 ---------------------------------------------------------------

std::size_t paris_brackets(const std::string& file) {
    return parse(test::read_all(test::corpus_file("paris-2015/" + file))).brackets.size();
}

TEST(CorpusParis, BracketsFallFromAboutAThousandToNone) {
    const std::size_t october = paris_brackets("agreement-23-oct-2015.md");
    const std::size_t december4 = paris_brackets("agreement-4-dec-2015.md");
    const std::size_t december9 = paris_brackets("agreement-9-dec-2015.md");
    EXPECT_GT(october, 950u);
    EXPECT_GT(december4, 950u);
    EXPECT_LT(december9, 260u);
    EXPECT_GT(december9, 180u);
    // The '[' left in the last two texts are Markdown reference links.
    EXPECT_EQ(paris_brackets("agreement-12-dec-2015.md"), 0u);
    EXPECT_EQ(paris_brackets("agreement-final.md"), 0u);
}

// A parse for the structure alone (as the merge cuts texts) finds the same
// paragraphs and marks in every Paris text, and no diagnostics.
TEST(CorpusParis, StructureOnlyParseFindsTheSameMarks) {
    for (const char* file : {"agreement-23-oct-2015.md", "agreement-4-dec-2015.md",
                             "agreement-9-dec-2015.md", "agreement-final.md"}) {
        SCOPED_TRACE(file);
        const std::string text =
            test::read_all(test::corpus_file(std::string("paris-2015/") + file));
        ParseOptions structure;
        structure.diagnostics = false;
        const Document full = parse(text), bare = parse(text, structure);
        EXPECT_TRUE(bare.diagnostics.empty());
        if (std::strcmp(file, "agreement-4-dec-2015.md") == 0) {
            EXPECT_EQ(count_errors(full.diagnostics), 23u);  // unmatched brackets, not kept bare
        }
        EXPECT_EQ(bare.diagnostic_totals[0] + bare.diagnostic_totals[1] + bare.diagnostic_totals[2],
                  0u);
        ASSERT_EQ(bare.paragraphs.size(), full.paragraphs.size());
        for (std::size_t p = 0; p < full.paragraphs.size(); ++p)
            EXPECT_EQ(bare.paragraphs[p].range, full.paragraphs[p].range);
        ASSERT_EQ(bare.brackets.size(), full.brackets.size());
        for (std::size_t b = 0; b < full.brackets.size(); ++b) {
            EXPECT_EQ(bare.brackets[b].open, full.brackets[b].open);
            EXPECT_EQ(bare.brackets[b].close, full.brackets[b].close);
            EXPECT_EQ(bare.brackets[b].group, full.brackets[b].group);
        }
        EXPECT_EQ(bare.separators.size(), full.separators.size());
        EXPECT_EQ(bare.strikes.size(), full.strikes.size());
        EXPECT_EQ(bare.link_labels, full.link_labels);
    }
}

TEST(CorpusParis, SlashesInsideBracketsAreLiteral) {
    const Document d =
        parse(test::read_all(test::corpus_file("paris-2015/agreement-4-dec-2015.md")));
    for (const Separator& s : d.separators) {
        EXPECT_EQ(d.source[s.at - 1], ' ');
        EXPECT_NE(d.source.substr(s.at - 3, 7), "W/m2") << "W/m2 is literal";
    }
}

TEST(CorpusParis, OptionParagraphsAreAlternatives) {
    const Document d =
        parse(test::read_all(test::corpus_file("paris-2015/agreement-4-dec-2015.md")));
    std::size_t options = 0;
    for (const Paragraph& p : d.paragraphs) {
        if (d.text(p.label).find("Option") != std::string_view::npos) ++options;
    }
    EXPECT_GT(options, 50u);
}

// In the 23 October text, Option 1 of the compliance article's "Nature"
// paragraph (line 828) leaves a '[' open, and Option 2 of its "Measures"
// paragraph (line 869) has a stray ']'. Each is an error at its own line;
// the ']' does not close Option 1's bracket across the paragraphs between.
TEST(CorpusParis, BracketLeftOpenInAnOptionIsNotClosedByALaterOption) {
    const Document d =
        parse(test::read_all(test::corpus_file("paris-2015/agreement-23-oct-2015.md")));
    auto reported = [&](std::string_view code, std::size_t line) {
        return std::any_of(d.diagnostics.begin(), d.diagnostics.end(),
                           [&](const auto& x) { return x.code == code && x.line == line; });
    };
    EXPECT_TRUE(reported("unclosed-bracket", 828));
    EXPECT_TRUE(reported("unmatched-bracket", 869));
    for (const Bracket& b : d.brackets) {
        EXPECT_FALSE(b.spans_paragraphs() && d.paragraphs[b.open_paragraph].is_alternative() &&
                     d.paragraphs[b.close_paragraph].is_alternative())
            << "a bracket from one alternative paragraph into another, opened at byte " << b.open;
    }
}

}  // namespace
}  // namespace accord
