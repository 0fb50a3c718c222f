// The generator of negotiation histories that blame is measured on: it must be
// deterministic, produce valid notation at every step, and its ground truth
// must point at the bytes it names, or the accuracy figures mean nothing.
#include "support/negotiation_generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/notation/parse.hpp"
#include "support/invariants.hpp"

namespace accord::test {
namespace {

GeneratorOptions options_for(std::uint64_t seed, std::size_t proposals = 150) {
    GeneratorOptions options;
    options.seed = seed;
    options.proposals = proposals;
    options.initial_paragraphs = 1 + seed % 5;
    return options;
}

// What a truth item's bytes must be, given its kind and role.
std::string broken_truth(const std::string& text, const TruthItem& item) {
    if (item.range.end > text.size() || item.range.empty()) return "range outside the text";
    const std::string_view bytes =
        std::string_view(text).substr(item.range.begin, item.range.size());
    switch (item.role) {
        case TruthRole::word: {
            const auto& vocabulary = negotiation_vocabulary();
            const auto& openers = paragraph_openers();
            if (item.kind != "text" ||
                (!std::binary_search(vocabulary.begin(), vocabulary.end(), bytes) &&
                 std::find(openers.begin(), openers.end(), bytes) == openers.end()))
                return "word '" + std::string(bytes) + "' is not a vocabulary word";
            const auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
            if (item.range.begin > 0 && letter(text[item.range.begin - 1]))
                return "word does not start at a word boundary";
            if (item.range.end < text.size() && letter(text[item.range.end]))
                return "word does not end at a word boundary";
            return "";
        }
        case TruthRole::punctuation:
            return bytes == "." && item.kind == "text" ? "" : "punctuation is not '.'";
        case TruthRole::label:
            return bytes == "Alt:" && item.kind == "text" ? "" : "label is not 'Alt:'";
        case TruthRole::status_tag:
            return bytes.front() == '(' && bytes.back() == ')' && item.kind == "text"
                       ? ""
                       : "status tag is not '(...)'";
        case TruthRole::mark:
            if (item.kind == "bracket" && (bytes == "[" || bytes == "]")) return "";
            if (item.kind == "separator" && bytes == "/") return "";
            if (item.kind == "strike" && bytes == "~~") return "";
            return "mark of kind " + item.kind + " is '" + std::string(bytes) + "'";
    }
    return "unknown role";
}

TEST(NegotiationGenerator, SameSeedSameBytes) {
    const GeneratedHistory a = generate_history(options_for(7));
    const GeneratedHistory b = generate_history(options_for(7));
    ASSERT_EQ(a.versions.size(), b.versions.size());
    for (std::size_t v = 0; v < a.versions.size(); ++v) {
        EXPECT_EQ(a.versions[v].text, b.versions[v].text) << "version " << v;
        EXPECT_EQ(a.versions[v].proposers, b.versions[v].proposers);
        EXPECT_EQ(a.operations[v], b.operations[v]);
    }
    const GeneratedHistory c = generate_history(options_for(8));
    EXPECT_NE(a.versions.back().text, c.versions.back().text);
}

TEST(NegotiationGenerator, LinearDatedHistoryOfSingleProposers) {
    GeneratorOptions options = options_for(3, 40);
    options.first_date = "2013-12-30";
    const GeneratedHistory history = generate_history(options);
    ASSERT_EQ(history.versions.size(), 40u);
    ASSERT_EQ(history.operations.size(), 40u);
    EXPECT_EQ(history.operations[0], Operation::draft);
    EXPECT_EQ(history.versions[0].date, "2013-12-30T12:00:00Z");
    EXPECT_EQ(history.versions[3].date, "2014-01-02T12:00:00Z");
    std::set<std::string> ids;
    for (std::size_t v = 0; v < history.versions.size(); ++v) {
        const BlameVersion& version = history.versions[v];
        ids.insert(version.id);
        ASSERT_EQ(version.proposers.size(), 1u);
        if (v == 0) {
            EXPECT_TRUE(version.parents.empty());
        } else {
            EXPECT_EQ(version.parents, std::vector<std::size_t>{v - 1});
            EXPECT_LT(history.versions[v - 1].date, version.date);
            EXPECT_NE(history.versions[v - 1].text, version.text) << "version " << v;
        }
    }
    EXPECT_EQ(ids.size(), history.versions.size());
}

// Every version of several histories, in every configuration, parses with
// no error and no warning, and stays lossless.
TEST(NegotiationGenerator, EveryVersionIsValidNotation) {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        GeneratorOptions options = options_for(seed, 120);
        options.compact_slashes = seed % 3 == 0;
        options.wrap_column = seed % 2 == 0 ? 72 : 0;
        options.document_id = seed == 5 ? "" : "A-" + std::to_string(seed);
        const GeneratedHistory history = generate_history(options);
        for (std::size_t v = 0; v < history.versions.size(); ++v) {
            const std::string& text = history.versions[v].text;
            const Document document = parse(text, history.parse_options);
            ASSERT_EQ(document.diagnostic_totals[static_cast<int>(Severity::error)], 0u)
                << "seed " << seed << " version " << v << ": " << document.diagnostics[0].message
                << "\n"
                << text;
            ASSERT_EQ(document.diagnostic_totals[static_cast<int>(Severity::warning)], 0u)
                << "seed " << seed << " version " << v;
            ASSERT_EQ(broken_invariant(document, text), "") << "seed " << seed << " version " << v;
        }
    }
}

// The truth names exactly the parser's marks: the same brackets, separators,
// strikes, labels and status tags, at the same offsets.
TEST(NegotiationGenerator, TruthAgreesWithTheParser) {
    for (std::uint64_t seed = 11; seed <= 14; ++seed) {
        GeneratorOptions options = options_for(seed, 100);
        options.compact_slashes = seed == 12;
        const GeneratedHistory history = generate_history(options);
        ASSERT_EQ(history.truth_by_version.size(), history.versions.size());
        for (std::size_t v = 0; v < history.versions.size(); ++v) {
            const std::string& text = history.versions[v].text;
            const Document document = parse(text, history.parse_options);
            std::set<std::size_t> brackets, separators, strikes, labels, tags;
            for (const Bracket& b : document.brackets) brackets.insert({b.open, b.close});
            for (const Separator& s : document.separators) separators.insert(s.at);
            for (const Strike& s : document.strikes) strikes.insert({s.open, s.close});
            for (const Paragraph& p : document.paragraphs) {
                if (!p.label.empty()) labels.insert(p.label.begin);
                if (!p.status_tag.empty()) tags.insert(p.status_tag.begin);
            }
            std::set<std::size_t> truth_brackets, truth_separators, truth_strikes, truth_labels,
                truth_tags;
            std::size_t previous_end = 0;
            for (const TruthItem& item : history.truth_by_version[v]) {
                ASSERT_EQ(broken_truth(text, item), "") << "seed " << seed << " version " << v;
                ASSERT_GE(item.range.begin, previous_end) << "truth out of order";
                previous_end = item.range.end;
                ASSERT_LE(item.origin, v);
                if (item.restored_by) {
                    ASSERT_LE(*item.restored_by, v);
                    ASSERT_LT(item.origin, *item.restored_by);
                }
                if (item.kind == "bracket") truth_brackets.insert(item.range.begin);
                if (item.kind == "separator") truth_separators.insert(item.range.begin);
                if (item.kind == "strike") truth_strikes.insert(item.range.begin);
                if (item.role == TruthRole::label) truth_labels.insert(item.range.begin);
                if (item.role == TruthRole::status_tag) truth_tags.insert(item.range.begin);
            }
            EXPECT_EQ(truth_brackets, brackets) << "seed " << seed << " version " << v;
            EXPECT_EQ(truth_separators, separators) << "seed " << seed << " version " << v;
            EXPECT_EQ(truth_strikes, strikes) << "seed " << seed << " version " << v;
            EXPECT_EQ(truth_labels, labels) << "seed " << seed << " version " << v;
            EXPECT_EQ(truth_tags, tags) << "seed " << seed << " version " << v;
        }
        // The last version's truth is the same as the one kept for every version.
        ASSERT_EQ(history.truth.size(), history.truth_by_version.back().size());
    }
}

// Every word of the body is in the truth, so measured accuracy covers all of them.
TEST(NegotiationGenerator, TruthCoversEveryWord) {
    const GeneratedHistory history = generate_history(options_for(21));
    std::string text = history.versions.back().text;
    const Document document = parse(text, history.parse_options);
    for (const Paragraph& p : document.paragraphs) {  // labels and tags are not words
        for (ByteRange r : {p.label, p.status_tag})
            std::fill(text.begin() + r.begin, text.begin() + r.end, ' ');
    }
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    std::size_t words_in_text = 0;
    for (std::size_t i = document.body.begin; i < text.size();) {
        if (letter(text[i])) {
            ++words_in_text;
            while (i < text.size() && letter(text[i])) ++i;
        } else {
            ++i;
        }
    }
    std::size_t words_in_truth = 0;
    for (const TruthItem& item : history.truth) words_in_truth += item.role == TruthRole::word;
    EXPECT_GT(words_in_truth, 100u);
    EXPECT_EQ(words_in_truth, words_in_text);
}

// The rules, as the truth records them: a word's origin never changes
// while it stays in the text, whatever is done around it.
TEST(NegotiationGenerator, WordsKeepTheirOriginAcrossVersions) {
    const GeneratedHistory history = generate_history(options_for(5, 200));
    // Words are identified by their origin and text; within one version the
    // multiset of (origin, word) of a non-new, non-restored word can only shrink.
    for (std::size_t v = 1; v < history.versions.size(); ++v) {
        std::map<std::pair<std::size_t, std::string>, int> before, after;
        const auto count = [&](std::size_t version, auto& into) {
            for (const TruthItem& item : history.truth_by_version[version]) {
                if (item.role != TruthRole::word) continue;
                if (item.restored_by == v) continue;
                const std::string word =
                    history.versions[version].text.substr(item.range.begin, item.range.size());
                ++into[{item.origin, word}];
            }
        };
        count(v - 1, before);
        count(v, after);
        for (const auto& [key, n] : after) {
            if (key.first == v) continue;  // this proposal's own wording
            ASSERT_LE(n, before[key]) << "version " << v << " (" << to_string(history.operations[v])
                                      << ") made '" << key.second << "' of version " << key.first;
        }
    }
}

// Options for histories of several texts, with wording moved and tabled again.
GeneratorOptions texts_for(std::uint64_t seed, std::size_t proposals = 200) {
    GeneratorOptions options = options_for(seed, proposals);
    options.texts = 3;
    options.weights[static_cast<std::size_t>(Operation::move_wording)] = 1.5;
    options.weights[static_cast<std::size_t>(Operation::table_again)] = 1.0;
    options.opener_share = 0.5;
    options.weights[static_cast<std::size_t>(Operation::swap_opener)] = 1.0;
    return options;
}

TEST(NegotiationGenerator, EveryOperationOccurs) {
    std::map<Operation, std::size_t> seen;
    std::size_t restored_words = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const GeneratedHistory history = generate_history(options_for(seed, 200));
        for (Operation operation : history.operations) ++seen[operation];
        for (const TruthItem& item : history.truth) restored_words += item.restored_by.has_value();
        const GeneratedHistory texts = generate_history(texts_for(seed));
        for (Operation operation : texts.operations) ++seen[operation];
    }
    for (std::size_t k = 0; k < kOperationCount; ++k) {
        const auto operation = static_cast<Operation>(k);
        EXPECT_GT(seen[operation], 0u) << to_string(operation) << " never occurred";
    }
    EXPECT_GT(restored_words, 0u);
}

// The Chair, and only the Chair, lifts brackets and picks options.
TEST(NegotiationGenerator, ChairLiftsAndChooses) {
    const GeneratedHistory history = generate_history(options_for(9, 200));
    for (std::size_t v = 1; v < history.versions.size(); ++v) {
        const Operation operation = history.operations[v];
        const bool chair = history.versions[v].proposers[0] == "Chair";
        if (operation == Operation::lift_bracket || operation == Operation::choose_option) {
            EXPECT_TRUE(chair) << "version " << v;
        } else if (operation != Operation::set_status) {
            EXPECT_FALSE(chair) << "version " << v;
        }
    }
}

TEST(NegotiationGenerator, WordCapHoldsTheTextNearASize) {
    GeneratorOptions options = options_for(4, 600);
    options.max_words = 300;
    options.truth_for_every_version = false;
    const GeneratedHistory history = generate_history(options);
    EXPECT_TRUE(history.truth_by_version.empty());
    std::size_t words = 0;
    for (const TruthItem& item : history.truth) words += item.role == TruthRole::word;
    EXPECT_GT(words, 150u);
    EXPECT_LT(words, 400u);
}

// Several texts: every version of every text is valid notation, its truth
// names the parser's marks, each text's versions are the proposals that
// changed it (increasing, each different from the one before), and every
// proposal changed at least one text.
TEST(NegotiationGenerator, SeveralTextsAreValidAndEveryProposalChangesOne) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        GeneratorOptions options = texts_for(seed, 150);
        options.edits_per_proposal = seed == 2 ? 3 : 1;
        options.wrap_column = seed == 3 ? 70 : 0;
        const GeneratedHistory history = generate_history(options);
        ASSERT_TRUE(history.versions.empty());
        ASSERT_EQ(history.texts.size(), 3u);
        std::vector<bool> changed(history.operations.size(), false);
        std::set<std::string> paths;
        for (const GeneratedText& text : history.texts) {
            paths.insert(text.path);
            ASSERT_EQ(text.versions.size(), text.proposals.size());
            for (std::size_t k = 0; k < text.versions.size(); ++k) {
                const BlameVersion& version = text.versions[k];
                EXPECT_EQ(version.proposal, text.proposals[k]);
                changed[text.proposals[k]] = true;
                if (k > 0) {
                    EXPECT_LT(text.proposals[k - 1], text.proposals[k]);
                    EXPECT_EQ(version.parents, std::vector<std::size_t>{k - 1});
                    EXPECT_NE(text.versions[k - 1].text, version.text);
                }
                const Document document = parse(version.text, history.parse_options);
                ASSERT_EQ(document.diagnostic_totals[static_cast<int>(Severity::error)], 0u)
                    << text.path << " version " << k << "\n"
                    << version.text;
                ASSERT_EQ(broken_invariant(document, version.text), "");
            }
            const std::string& last = text.versions.back().text;
            const Document document = parse(last, history.parse_options);
            std::set<std::size_t> brackets, truth_brackets;
            for (const Bracket& b : document.brackets) brackets.insert({b.open, b.close});
            for (const TruthItem& item : text.truth) {
                ASSERT_EQ(broken_truth(last, item), "") << text.path;
                if (item.kind == "bracket") truth_brackets.insert(item.range.begin);
            }
            EXPECT_EQ(brackets, truth_brackets) << text.path;
        }
        EXPECT_EQ(paths.size(), 3u);
        for (std::size_t p = 0; p < changed.size(); ++p)
            EXPECT_TRUE(changed[p]) << "proposal " << p;
    }
}

// Moved and tabled-again words are marked so, keep their origin, and come
// from another text at least sometimes.
TEST(NegotiationGenerator, MovedAndTabledWordsAreMarked) {
    std::size_t travelled = 0, tabled = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const GeneratedHistory history = generate_history(texts_for(seed, 300));
        for (const GeneratedText& text : history.texts) {
            for (const TruthItem& item : text.truth) {
                if (!item.travelled) continue;
                ++travelled;
                if (item.restored_by &&
                    history.operations[*item.restored_by] == Operation::table_again)
                    ++tabled;
                EXPECT_LE(item.origin, history.operations.size());
            }
        }
    }
    EXPECT_GT(travelled, 50u);
    EXPECT_GT(tabled, 5u);
}

// A small vocabulary keeps new words to its first words; repeated adjacent
// words appear when asked for.
TEST(NegotiationGenerator, SmallVocabularyAndRepeatedNeighbours) {
    GeneratorOptions options = options_for(4, 300);
    options.vocabulary = 20;
    options.repeat_share = 0.5;
    const GeneratedHistory history = generate_history(options);
    std::set<std::string> words;
    std::size_t repeats = 0;
    const std::string& text = history.versions.back().text;
    std::string previous;
    for (const TruthItem& item : history.truth) {
        if (item.role != TruthRole::word) continue;
        const std::string word = text.substr(item.range.begin, item.range.size());
        if (item.origin > 0) words.insert(word);
        repeats += word == previous;
        previous = word;
    }
    EXPECT_LE(words.size(), 20u + 4u);  // 20 content words, 4 function words
    EXPECT_GT(repeats, 5u);
}

}  // namespace
}  // namespace accord::test