// The two real Word files of the UNFCCC Article 6.2 negotiation (COP29):
// party-inputs.docx, where staff re-lettered table notes as tracked changes
// and Parties speak only in 95 comments; and the first iteration of the
// draft decision, whose text Word also saved as .txt beside it.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <set>

#include "core/import/docx/docx_reader.hpp"
#include "core/import/docx/word_import.hpp"
#include "core/notation/parse.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

const docx::Package& party_inputs() {
    static const docx::Package package = [] {
        docx::ReadResult result =
            docx::read_docx_file(test::corpus_file("unfccc-art6.2-2024/party-inputs.docx"));
        if (!result.ok()) throw std::runtime_error(result.error.message);
        return std::move(*result.package);
    }();
    return package;
}

std::multiset<std::pair<std::string, std::size_t>> problems(const std::string& text) {
    std::multiset<std::pair<std::string, std::size_t>> out;
    for (const Diagnostic& d : parse(text).diagnostics) {
        if (d.severity != Severity::note) out.insert({d.code, d.line});
    }
    return out;
}

// What `text` gets wrong that the same wording as typed does not.
std::vector<std::pair<std::string, std::size_t>> new_problems(const std::string& text,
                                                              const std::string& typed) {
    const auto found = problems(text);
    const auto expected = problems(typed);
    std::vector<std::pair<std::string, std::size_t>> out;
    std::set_difference(found.begin(), found.end(), expected.begin(), expected.end(),
                        std::back_inserter(out));
    return out;
}

TEST(PartyInputsDocx, NinetyOneTrackedChangesWithAuthorsAndDates) {
    const docx::Package& package = party_inputs();
    ASSERT_EQ(package.revisions.size(), 91u);
    std::size_t body = 0, insertions = 0;
    std::map<std::string, std::size_t> authors;
    for (const docx::Revision& revision : package.revisions) {
        EXPECT_FALSE(revision.date.empty());
        EXPECT_FALSE(revision.paragraph_mark);
        ++authors[revision.author];
        if (revision.story == 0) ++body;
        if (docx::inserts(revision.kind)) ++insertions;
    }
    EXPECT_EQ(body, 51u);
    EXPECT_EQ(package.revisions.size() - body, 40u) << "in the endnotes";
    EXPECT_EQ(insertions, 46u);
    EXPECT_EQ(authors, (std::map<std::string, std::size_t>{{"Joaquim Barris", 1},
                                                           {"Xavier Tibau Alberdi", 90}}));
    EXPECT_EQ(package.properties.creator, "Aisulu Aldasheva");
    EXPECT_EQ(package.properties.last_modified_by, "Julieta Nikova");
    EXPECT_EQ(package.properties.created, "2024-11-17T23:01:00Z");
}

TEST(PartyInputsDocx, EachChangeIsAnEditReplayedOldestFirst) {
    const docx::WordImport plan = docx::plan_word_import(party_inputs());
    ASSERT_EQ(plan.changes.size(), 91u);
    std::string text = plan.base;
    std::string last_date;
    for (const docx::ChangeStep& step : plan.changes) {
        EXPECT_LE(last_date, step.date);
        last_date = step.date;
        EXPECT_FALSE(step.wording.empty()) << step.revision;
        ASSERT_LE(step.before.end, text.size());
        // A re-lettered note: "c" struck, "d" inserted, and so on.
        EXPECT_NE(step.replacement.find(step.wording), std::string::npos) << step.replacement;
        text.replace(step.before.begin, step.before.size(), step.replacement);
    }
    EXPECT_EQ(text, plan.text);
}

TEST(PartyInputsDocx, TheTextParsesAsTypedInEveryMode) {
    const docx::Package& package = party_inputs();
    std::size_t base_brackets = 0, base_strikes = 0;
    for (docx::TrackedChanges changes : {docx::TrackedChanges::reject, docx::TrackedChanges::accept,
                                         docx::TrackedChanges::bracket}) {
        docx::ConvertOptions options;
        options.changes = changes;
        const std::string text = docx::to_notation(package, options).text;
        options.formatting = false;
        EXPECT_TRUE(new_problems(text, docx::to_notation(package, options).text).empty());
        const Document document = parse(text);
        if (changes == docx::TrackedChanges::reject) {
            base_brackets = document.brackets.size();
            base_strikes = document.strikes.size();
        }
        if (changes == docx::TrackedChanges::bracket) {
            // Every insertion a bracket of its own, every deletion a strike.
            EXPECT_EQ(document.brackets.size() - base_brackets, 46u);
            EXPECT_EQ(document.strikes.size() - base_strikes, 45u);
        }
    }
}

TEST(PartyInputsDocx, NinetyFiveCommentsAnchoredOnWordingOrASection) {
    const docx::WordImport plan = docx::plan_word_import(party_inputs());
    const docx::Package& package = party_inputs();
    ASSERT_EQ(plan.comments.size(), 95u);
    std::size_t on_headings = 0, in_words = 0;
    for (const docx::ImportedComment& imported : plan.comments) {
        const docx::Comment& comment = package.comments[imported.comment];
        const docx::CommentAnchor& anchor = imported.anchor;
        EXPECT_TRUE(comment.has_range) << comment.word_id;
        EXPECT_FALSE(imported.segments.empty()) << comment.word_id;
        EXPECT_TRUE(!anchor.quoted.empty() || anchor.on_heading) << comment.word_id;
        if (!anchor.quoted.empty()) {
            // The anchored bytes read as the quoted wording, markup aside.
            std::string bytes = plan.text.substr(anchor.range.begin, anchor.range.size());
            std::erase_if(bytes, [](char c) { return c == '*'; });
            EXPECT_EQ(bytes.substr(0, 20), anchor.quoted.substr(0, 20)) << comment.word_id;
        }
        if (anchor.on_heading) {
            ++on_headings;
            EXPECT_EQ(plan.text.compare(anchor.section.begin, 1, "#"), 0) << comment.word_id;
            EXPECT_GT(anchor.section.size(), anchor.paragraph_range.size()) << comment.word_id;
        }
        if (anchor.inside_word) ++in_words;
    }
    // Counted by hand: 30 comments on a heading (on one of its letters, or on
    // a space, or a word), 26 on a letter or two inside a word.
    EXPECT_EQ(on_headings, 30u);
    EXPECT_EQ(in_words, 26u);
    EXPECT_EQ(plan.summary.replies, 9u);
    // Replies keep their thread, and sit on their parent's anchor.
    for (const docx::ImportedComment& imported : plan.comments) {
        const docx::Comment& comment = package.comments[imported.comment];
        if (comment.parent == docx::kNoIndex) continue;
        EXPECT_EQ(imported.anchor.range, plan.comments[comment.parent].anchor.range)
            << comment.word_id;
    }
}

// What each comment says, as I read it: per segment, the speakers (the
// built-in names) and the request ("position" when none), with the wording
// it targets and the wording it proposes.
const std::vector<std::pair<std::string, std::vector<std::string>>> kReading = {
    {"3", {"Norway: position"}},
    {"4", {"LMDC: delete-section"}},
    {"5", {"United States: replace -> \"Clarifies\""}},
    {"6", {"Pakistan: position"}},
    {"7", {"United States: delete-wording \"authorized\""}},
    {"8", {"Canada: position"}},
    {"9", {"United States: proposed-language -> \"that are internationally trans...\""}},
    {"10", {"United States: position"}},
    {"11", {"AOSIS: delete-wording \"the achievement of an NDC or\""}},
    {"12", {"Pakistan: position"}},
    {"13", {"Coalition for Rainforest Nations: position"}},
    {"14", {"India: position"}},
    {"15",
     {"Grupo Sur: position", "Canada: position", "Coalition for Rainforest Nations: position",
      "Russian Federation: position"}},
    {"16", {"Grupo Sur: position"}},
    {"17",
     {"LMDC, Pakistan: position", "Russian Federation: position", "Arab Group: position",
      "China: delete-section section 2"}},
    {"18", {"European Union, Tuvalu: position"}},
    {"19", {"United States: position"}},
    {"20", {"Suriname: position"}},
    {"22", {"Coalition for Rainforest Nations: position"}},
    {"23", {"European Union: position"}},
    {"24", {"Coalition for Rainforest Nations, Mozambique, Panama: position"}},
    {"25", {"Türkiye: position"}},
    {"26", {"Pakistan: position"}},
    {"27", {"Morocco, India: position"}},
    {"28", {"United States: position"}},
    {"29", {"Russian Federation: position"}},
    {"30", {"Arab Group: position"}},
    {"31", {": position"}},
    {"32", {"United States: position"}},
    {"34", {"Russian Federation, China: position"}},
    {"35", {"United States: position"}},
    {"36", {"China: position"}},
    {"37", {"Grupo Sur: position"}},
    {"38", {"Canada, Norway: position"}},
    {"39", {"United States: position"}},
    {"40", {"United Kingdom, Environmental Integrity Group: position"}},
    {"41", {"Canada, United Kingdom: delete-wording"}},
    {"42", {"LMDC: replace -> \"should\"", "Coalition for Rainforest Nations: position"}},
    {"43", {"Canada, United Kingdom: delete-wording"}},
    {"44", {"Suriname: position"}},
    {"45", {"United States: position"}},
    {"46", {"United States: replace -> \"OR\""}},
    {"47", {"United States: position"}},
    {"48", {"Environmental Integrity Group: position"}},
    {"49", {"AILAC: delete-wording"}},
    {"50", {"United States: delete-wording"}},
    {"51",
     {"African Group of Negotiators: position", "European Union: position", "AOSIS: position",
      "Russian Federation: position"}},
    {"52", {"AOSIS: position"}},
    {"53", {"AOSIS: position"}},
    {"54", {"India: position", "Coalition for Rainforest Nations: position"}},
    {"55", {"United States: position"}},
    {"57", {"United States: position", "Pakistan, European Union: position"}},
    {"58", {"United States, Canada, Japan: delete-paragraph", "European Union: position"}},
    {"59", {"United States: position"}},
    {"60", {"United States, Canada, Japan: delete-paragraph", "European Union: position"}},
    {"61", {"Canada: position", "European Union: position"}},
    {"62", {"European Union: position", "United States: position", "Pakistan: position"}},
    {"63", {"European Union: position"}},
    {"64", {"AILAC: delete-wording"}},
    {"65", {"Canada: position"}},
    {"66", {"United States, Canada, Japan: delete-paragraph", "European Union: position"}},
    {"67", {"United States, Canada, Japan: delete-paragraph", "European Union: position"}},
    {"68", {"United States, Canada, Japan: delete-paragraph", "European Union: position"}},
    {"69",
     {"Coalition for Rainforest Nations: position",
      "European Union, African Group of Negotiators, AOSIS, Morocco: position",
      "African Group of Negotiators, AOSIS: position", "Tuvalu: position",
      "Japan, Canada, United States, New Zealand, Norway: position", "LMDC: position",
      "New Zealand, Canada, United States: position", "European Union: position",
      "Grupo Sur: position", "Grupo Sur: position", "AILAC: position",
      "Coalition for Rainforest Nations: position", "United States, Pakistan: position"}},
    {"70",
     {"African Group of Negotiators, Coalition for Rainforest Nations: position",
      "Japan, Pakistan, United States, AOSIS, Norway, LMDC, Republic of Korea: position",
      "AILAC: replace \"shall not be used\" -> \"shall not be accounted\"",
      "Morocco, European Union: position", "Japan, Canada: delete-paragraph",
      "United States, Norway: position", "New Zealand: position"}},
    {"71",
     {"New Zealand: position", "Coalition for Rainforest Nations, AOSIS: position",
      "European Union: position", "Grupo Sur: position", "Japan: position",
      "United States: position"}},
    {"72",
     {"AILAC: position", "United States: position", "European Union: position",
      "United States: position", "United States: delete-wording \"recall\"",
      "European Union: position", "LMDC: position"}},
    {"73", {"United States: delete-paragraph 44 45 46 48"}},
    {"74", {"United States: replace \"check\" -> \"review\""}},
    {"75",
     {"United Kingdom, Coalition for Rainforest Nations: replace -> \"shall\"",
      "United States: position"}},
    {"76", {"Pakistan: position"}},
    {"77", {"United States: position"}},
    {"79", {"United States: position"}},
    {"80", {"United States: replace \"check\" -> \"review\""}},
    {"81", {"United States: position"}},
    {"82", {"United States: proposed-language -> \"Decides that  an Article 6.2 t...\""}},
    {"83",
     {"Coalition for Rainforest Nations, Pakistan, AOSIS: position", "United States: position",
      "Pakistan, AOSIS, European Union: position", "Coalition for Rainforest Nations: position",
      "United States: position", "LMDC: position", "European Union: position",
      "European Union: position", "Tuvalu: position"}},
    {"84", {"United States: proposed-language -> \"[50 bis] Decides that the CMA ...\""}},
    {"86", {"United States: delete-paragraph"}},
    {"87", {"United States: delete-paragraph"}},
    {"88", {"United States: position"}},
    {"85",
     {"African Group of Negotiators, Coalition for Rainforest Nations, AOSIS: position",
      "Japan: position", "Republic of Korea: replace \"shall\" -> \"should\"", "LMDC: position",
      "African Group of Negotiators, New Zealand, Coalition for Rainforest Nations, Canada: "
      "position",
      "European Union: position", "Grupo Sur: position", "LMDC: position", "Pakistan: position"}},
    {"90", {"United States, LMDC: position", "European Union: position"}},
    {"89", {"United States: delete-paragraph"}},
    {"91", {"United States: delete-paragraph 55"}},
    {"92", {": position", "European Union: position"}},
    {"93", {"Canada: position"}},
    {"94", {"Pakistan: position"}},
    {"95", {"Morocco: position"}},
    {"96", {"Japan, United States: position"}},
    {"97", {"Norway: position"}},
    {"98", {"AILAC: position"}},
    {"99", {"Chile: position"}},
    {"100", {"Türkiye: position"}},
    {"101", {"Switzerland: position"}},
};

std::string describe(const docx::CommentSegment& s) {
    std::string names;
    for (const docx::Speaker& speaker : s.segment.speakers)
        names += (names.empty() ? "" : ", ") +
                 (speaker.name.empty() ? "?" + speaker.written : speaker.name);
    std::string out = names + ": " + std::string(docx::to_string(s.request.kind));
    if (!s.request.target.empty()) out += " \"" + s.request.target + "\"";
    const std::string& replacement = s.request.replacement;
    if (!replacement.empty())
        out += " -> \"" +
               (replacement.size() < 40 ? replacement : replacement.substr(0, 30) + "...") + "\"";
    for (const std::string& paragraph : s.request.paragraphs) out += " " + paragraph;
    if (!s.request.section.empty()) out += " section " + s.request.section;
    return out;
}

TEST(PartyInputsDocx, EachCommentsSpeakersAndRequests) {
    const docx::WordImport plan = docx::plan_word_import(party_inputs());
    const docx::Package& package = party_inputs();
    ASSERT_EQ(plan.comments.size(), kReading.size());
    for (std::size_t c = 0; c < kReading.size(); ++c) {
        const docx::ImportedComment& imported = plan.comments[c];
        ASSERT_EQ(package.comments[imported.comment].word_id, kReading[c].first);
        std::vector<std::string> found;
        for (const docx::CommentSegment& segment : imported.segments)
            found.push_back(describe(segment));
        EXPECT_EQ(found, kReading[c].second)
            << "comment " << kReading[c].first << ": " << package.comments[imported.comment].text;
    }
    EXPECT_TRUE(plan.summary.unknown_speakers.empty());
    std::size_t asking = 0;
    for (const docx::ImportedComment& imported : plan.comments)
        asking += imported.asks_for_text_change();
    EXPECT_EQ(asking, 31u) << "about a third of the comments ask for a text change";
}

TEST(PartyInputsDocx, SpeakersMapToTheRegistryNames) {
    docx::WordImportOptions options;
    options.registry = {{"United States of America", {"USA"}},
                        {"Coalition for Rainforest Nations", {"CfRN"}},
                        {"Grupo SUR", {"SUR"}},
                        {"Switzerland", {"CH"}}};
    const docx::WordImport plan = docx::plan_word_import(party_inputs(), options);
    EXPECT_EQ(plan.summary.speakers.at("United States of America"), 49u);
    EXPECT_EQ(plan.summary.speakers.at("Coalition for Rainforest Nations"), 15u);
    EXPECT_EQ(plan.summary.speakers.at("Grupo SUR"), 7u);
    EXPECT_EQ(plan.summary.speakers.count("United States"), 0u);
}

}  // namespace
}  // namespace accord

namespace accord {
namespace {

// One line per paragraph (and per line break, table cell and cell
// paragraph), white space collapsed: how Word's .txt and the notation can be
// set side by side.
std::string collapse(std::string_view text) {
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool nbsp = text.compare(i, 2, "\xC2\xA0") == 0;
        if (nbsp || text[i] == ' ' || text[i] == '\t' || text[i] == '\r') {
            space = !out.empty();
            i += nbsp ? 1 : 0;
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += text[i];
    }
    return out;
}

void split_into(std::string_view text, std::string_view separator, std::vector<std::string>& out,
                bool collapsed = true) {
    for (std::size_t at = 0; at <= text.size();) {
        std::size_t next = text.find(separator, at);
        if (next == std::string_view::npos) next = text.size();
        std::string line(text.substr(at, next - at));
        if (collapsed) line = collapse(line);
        if (!line.empty()) out.push_back(std::move(line));
        at = next + separator.size();
    }
}

std::vector<std::string> word_txt_lines(const std::string& txt) {
    std::vector<std::string> lines;
    split_into(txt.compare(0, 3, "\xEF\xBB\xBF") == 0 ? txt.substr(3) : txt, "\n", lines);
    return lines;
}

std::vector<std::string> notation_lines(const std::string& body) {
    std::vector<std::string> lines;
    std::vector<std::string> blocks;
    for (std::size_t at = 0; at < body.size();) {
        std::size_t next = body.find("\n\n", at);
        if (next == std::string::npos) next = body.size();
        blocks.push_back(body.substr(at, next - at));
        at = next + 2;
    }
    for (std::string block : blocks) {
        // Footnote references: Word's text shows their numbers instead.
        for (std::size_t at; (at = block.find("[^")) != std::string::npos;)
            block.erase(at, block.find(']', at) - at + 1);
        if (block.compare(0, 1, "|") == 0) {
            std::vector<std::string> rows;
            split_into(block, "\n", rows, false);
            for (const std::string& row : rows) {
                if (row.compare(0, 5, "| ---") == 0) continue;
                std::vector<std::string> cells;
                split_into(std::string_view(row).substr(1, row.size() - 2), " | ", cells);
                for (const std::string& cell : cells) split_into(cell, "<br>", lines);
            }
            continue;
        }
        const std::size_t hashes = block.find_first_not_of('#');
        if (hashes > 0 && hashes != std::string::npos) block = block.substr(hashes + 1);
        split_into(block, "\\\n", lines);
    }
    return lines;
}

bool is_mark(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
}

// Equal once white space is ignored and Word's note marks (up to three
// digits or small letters: "information10", "Partya") are skipped in `txt`.
bool same_but_note_marks(const std::string& txt, const std::string& mine) {
    std::string t, m;
    for (char c : txt)
        if (c != ' ') t += c;
    for (char c : mine)
        if (c != ' ') m += c;
    std::size_t i = 0, k = 0;
    while (k < m.size()) {
        if (i < t.size() && t[i] == m[k]) {
            ++i, ++k;
            continue;
        }
        std::size_t skip = 0;
        while (skip < 3 && i + skip < t.size() && is_mark(t[i + skip])) {
            ++skip;
            if (i + skip < t.size() && t[i + skip] == m[k]) break;
        }
        if (skip == 0 || i + skip >= t.size() || t[i + skip] != m[k]) return false;
        i += skip;
    }
    return t.size() - i <= 3 && std::all_of(t.begin() + i, t.end(), is_mark);
}

TEST(DraftDecisionDocx, TheTextComesOutAsWordWroteIt) {
    const std::string dir = "unfccc-art6.2-2024/";
    docx::ReadResult read =
        docx::read_docx_file(test::corpus_file(dir + "draft-decision-1st-iteration.docx"));
    ASSERT_TRUE(read.ok()) << read.error.message;
    docx::ConvertOptions options;
    options.formatting = false;  // the wording alone, as Word's .txt has it
    const docx::Converted converted = docx::to_notation(*read.package, options);
    const std::vector<std::string> mine =
        notation_lines(converted.text.substr(0, converted.map.body_end));
    const std::vector<std::string> theirs =
        word_txt_lines(test::read_all(test::corpus_file(dir + "draft-decision-1st-iteration.txt")));
    ASSERT_GT(theirs.size(), 800u);

    auto labelled = [](const std::string& line) {
        return line.find_first_of("0123456789(") == 0 && line.find(' ') < 6;
    };
    // The longest common sequence of lines, equal up to note marks.
    const std::size_t n = theirs.size(), m = mine.size();
    std::vector<std::vector<std::uint16_t>> common(n + 1, std::vector<std::uint16_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            common[i][j] = same_but_note_marks(theirs[i], mine[j])
                               ? common[i + 1][j + 1] + 1
                               : std::max(common[i + 1][j], common[i][j + 1]);
        }
    }
    std::size_t matched = 0, numbered = 0;
    std::vector<std::string> unmatched;
    for (std::size_t i = 0, j = 0; i < n;) {
        if (j < m && same_but_note_marks(theirs[i], mine[j]) &&
            common[i][j] == common[i + 1][j + 1] + 1) {
            ++matched;
            if (labelled(theirs[i])) ++numbered;
            ++i, ++j;
        } else if (j < m && common[i][j + 1] >= common[i + 1][j]) {
            ++j;
        } else {
            unmatched.push_back(theirs[i++]);
        }
    }
    // Every line Word numbered ("12.", "(c)", "(iv)") came out with the same label.
    EXPECT_EQ(numbered,
              static_cast<std::size_t>(std::count_if(theirs.begin(), theirs.end(), labelled)));
    EXPECT_GT(numbered, 350u);
    // What does not match line for line are headings and table titles Word
    // broke across lines, which the notation writes on one ("Table 1
    // Submissions"), and note marks standing alone in a cell.
    for (const std::string& line : unmatched) {
        const bool broken_line = std::any_of(mine.begin(), mine.end(), [&](const std::string& m) {
            return m.size() > line.size() &&
                   (m.compare(0, line.size(), line) == 0 ||
                    m.compare(m.size() - line.size(), line.size(), line) == 0);
        });
        EXPECT_TRUE(broken_line ||
                    (line.size() <= 3 && std::all_of(line.begin(), line.end(), is_mark)))
            << line;
    }
    EXPECT_GE(matched * 100, theirs.size() * 99) << matched << " of " << theirs.size();
}

}  // namespace
}  // namespace accord
