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
#include "core/parse.hpp"
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
      "Japan, Pakistan, United States, AOSIS, Norway, LMDC, Republic of Korea: delete-paragraph",
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
