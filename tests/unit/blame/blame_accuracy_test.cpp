// Blame accuracy: on generated negotiation histories whose true
// proposer of every word is known, at least 99% of words are attributed to
// their true proposer. Also one small hand-written case per attribution rule,
// so that a failure names the rule it breaks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "merge/blame/blame.hpp"
#include "support/negotiation_generator.hpp"

namespace accord {
namespace {

using test::GeneratedHistory;
using test::GeneratorOptions;
using test::TruthItem;
using test::TruthRole;

// The span containing byte `offset`, or nullptr.
const BlameSpan* span_at(const BlameResult& result, std::size_t offset) {
    const auto it = std::upper_bound(
        result.spans.begin(), result.spans.end(), offset,
        [](std::size_t at, const BlameSpan& span) { return at < span.range.begin; });
    if (it == result.spans.begin()) return nullptr;
    const BlameSpan& span = *std::prev(it);
    return offset < span.range.end ? &span : nullptr;
}

struct Tally {
    std::size_t words = 0, words_right = 0;
    std::size_t marks = 0, marks_right = 0;
    std::size_t restored = 0, restored_right = 0;  // restored words whose restored_by is right
    void add(const Tally& other) {
        words += other.words, words_right += other.words_right;
        marks += other.marks, marks_right += other.marks_right;
        restored += other.restored, restored_right += other.restored_right;
        for (const std::string& miss : other.misses)
            if (misses.size() < kMissesKept) misses.push_back(miss);
    }
    static constexpr std::size_t kMissesKept = 12;
    std::vector<std::string> misses;  // the first words blamed wrongly, described
};

double share(std::size_t right, std::size_t all) {
    return all == 0 ? 1.0 : static_cast<double>(right) / static_cast<double>(all);
}

std::string percent(std::size_t right, std::size_t all) {
    char out[64];
    std::snprintf(out, sizeof out, "%.2f%% (%zu/%zu)", 100.0 * share(right, all), right, all);
    return out;
}

// "'word' at 1234 is version 12's (replace), blamed on 40 (strike): ...context..."
std::string describe_miss(const GeneratedHistory& history, const TruthItem& item,
                          const BlameSpan* span) {
    const std::string& text = history.versions.back().text;
    const auto version = [&](std::size_t v) {
        return std::to_string(v) + " (" +
               (v < history.operations.size() ? std::string(test::to_string(history.operations[v]))
                                              : std::string("?")) +
               ")";
    };
    std::string out = "'" + text.substr(item.range.begin, item.range.size()) + "' at " +
                      std::to_string(item.range.begin) + " is version " + version(item.origin);
    if (item.restored_by) out += ", restored by " + version(*item.restored_by);
    out += span == nullptr ? ", not blamed" : ", blamed on " + version(span->origin);
    const std::size_t from = item.range.begin > 40 ? item.range.begin - 40 : 0;
    std::string context = text.substr(from, item.range.end + 40 - from);
    std::replace(context.begin(), context.end(), '\n', ' ');
    return out + ": ..." + context + "...";
}

// Blames the last version and compares each word and mark with the truth:
// a word counts as right when the span holding its first byte has its origin.
Tally measure(const GeneratedHistory& history) {
    const BlameResult result =
        blame_versions(history.versions, history.versions.size() - 1, history.parse_options);
    Tally tally;
    for (const TruthItem& item : history.truth) {
        const BlameSpan* span = span_at(result, item.range.begin);
        const bool right = span != nullptr && span->origin == item.origin;
        if (item.role == TruthRole::word) {
            ++tally.words;
            tally.words_right += right;
            if (!right && tally.misses.size() < Tally::kMissesKept)
                tally.misses.push_back(describe_miss(history, item, span));
            if (item.restored_by) {
                ++tally.restored;
                tally.restored_right += right && span->restored_by == item.restored_by;
            }
        } else if (item.role == TruthRole::mark) {
            ++tally.marks;
            tally.marks_right += right && to_string(span->kind) == item.kind;
        }
    }
    return tally;
}

// Generates `files` histories per seed, in every configuration the generator
// has (slash options, compact slashes, wrapped lines, one to five paragraphs
// to start with), blames each one's last version and prints the figures per
// seed and in total.
Tally measure_seeds(const std::string& name, std::size_t files, std::size_t proposals,
                    double phrase_share) {
    constexpr std::uint64_t kSeeds[] = {1, 2, 3, 5, 8};
    Tally total;
    for (std::uint64_t seed : kSeeds) {
        Tally per_seed;
        for (std::size_t file = 0; file < files; ++file) {
            GeneratorOptions options;
            options.seed = seed * 1000 + file;
            options.proposals = proposals;
            options.initial_paragraphs = 1 + (seed + file) % 5;
            options.slash_options = file % 4 != 3;
            options.compact_slashes = file % 4 == 2;
            options.wrap_column = file % 4 == 1 ? 80 : 0;
            options.document_id = "A-" + std::to_string(file + 1);
            options.phrase_share = phrase_share;
            options.truth_for_every_version = false;
            per_seed.add(measure(test::generate_history(options)));
        }
        std::cout << "[ " << name << " ] seed " << seed << ": words "
                  << percent(per_seed.words_right, per_seed.words) << ", marks "
                  << percent(per_seed.marks_right, per_seed.marks) << ", restored_by "
                  << percent(per_seed.restored_right, per_seed.restored) << "\n";
        total.add(per_seed);
    }
    std::cout << "[ " << name << " ] all: words " << percent(total.words_right, total.words)
              << ", marks " << percent(total.marks_right, total.marks) << ", restored_by "
              << percent(total.restored_right, total.restored) << "\n";
    ::testing::Test::RecordProperty(name + "_words", percent(total.words_right, total.words));
    ::testing::Test::RecordProperty(name + "_marks", percent(total.marks_right, total.marks));
    ::testing::Test::RecordProperty(name + "_restored_by",
                                    percent(total.restored_right, total.restored));
    return total;
}

std::string misses(const Tally& tally) {
    std::string out = "first words blamed wrongly (seed 1 first):";
    for (const std::string& miss : tally.misses) out += "\n  " + miss;
    return out;
}

// The figure: 5 seeds x 4 histories x 150 proposals (20 files, 3,000
// proposals), at least 99% of words attributed to their true proposer.
// Longer histories are harder (errors accumulate): when this was written,
// 99.2% here, 98.7% at 200 proposals a file, 98.6% at 300.
TEST(BlameAccuracy, NinetyNinePercentOfWordsOnGeneratedHistories) {
    const Tally total = measure_seeds("accuracy", 4, 150, 0.0);
    EXPECT_GE(share(total.words_right, total.words), 0.99) << misses(total);
    // Marks and restored_by have no figure in the issue; these floors only
    // catch a collapse (say, marks given their words' origin).
    EXPECT_GE(share(total.marks_right, total.marks), 0.90);
    EXPECT_GE(share(total.restored_right, total.restored), 0.90);
}

// Harder histories, where a fifth of new wording is a stock phrase that the
// text already holds elsewhere. Part of what is missed here no blame can
// get (which of two adjacent copies of "loss and damage" is the new one),
// so this prints the figure and only guards against a fall (it stood at 96.8%
// when written).
TEST(BlameAccuracy, StockPhrasesRepeatedAcrossTheText) {
    const Tally total = measure_seeds("phrases", 4, 150, 0.2);
    EXPECT_GE(share(total.words_right, total.words), 0.95) << misses(total);
}

// --- one rule at a time -------------------------------------------------------------

BlameVersion version(std::size_t index, std::string text, std::string proposer) {
    BlameVersion v;
    v.id = "v" + std::to_string(index);
    if (index > 0) v.parents = {index - 1};
    v.text = std::move(text);
    v.proposers = {std::move(proposer)};
    v.date = "2014-02-0" + std::to_string(index + 1) + "T12:00:00Z";
    return v;
}

// Blames the last of `texts` (each by the matching proposer).
BlameResult blame_last(const std::vector<std::pair<std::string, std::string>>& texts) {
    std::vector<BlameVersion> versions;
    for (const auto& [text, proposer] : texts)
        versions.push_back(version(versions.size(), text, proposer));
    return blame_versions(versions, versions.size() - 1, {});
}

// The span at the `nth` occurrence (0-based) of `needle` in the blamed text.
const BlameSpan& at(const BlameResult& result, std::string_view needle, std::size_t nth = 0) {
    std::size_t offset = result.document.source.find(needle);
    for (std::size_t k = 0; k < nth && offset != std::string::npos; ++k)
        offset = result.document.source.find(needle, offset + 1);
    static const BlameSpan none{{0, 0}, SpanKind::text, SIZE_MAX, std::nullopt};
    if (offset == std::string::npos) {
        ADD_FAILURE() << "'" << needle << "' not in " << result.document.source;
        return none;
    }
    const BlameSpan* span = span_at(result, offset);
    if (span == nullptr) {
        ADD_FAILURE() << "no span at '" << needle << "'";
        return none;
    }
    return *span;
}

std::size_t count_kind(const BlameResult& result, SpanKind kind) {
    return static_cast<std::size_t>(
        std::count_if(result.spans.begin(), result.spans.end(),
                      [&](const BlameSpan& s) { return s.kind == kind; }));
}

TEST(BlameRules, BracketedWordKeepsItsProposer) {
    const BlameResult result = blame_last({
        {"We support enhanced cooperation.\n", "Japan"},
        {"We support [enhanced] cooperation.\n", "Sweden"},
    });
    EXPECT_EQ(at(result, "enhanced").origin, 0u);
    EXPECT_EQ(at(result, "enhanced").kind, SpanKind::text);
    EXPECT_EQ(at(result, "[").origin, 1u);
    EXPECT_EQ(at(result, "[").kind, SpanKind::bracket);
    EXPECT_EQ(at(result, "]").origin, 1u);
}

TEST(BlameRules, LiftedBracketsLeaveTheWordsToTheirProposer) {
    const BlameResult result = blame_last({
        {"We support cooperation.\n", "Japan"},
        {"We support [full] cooperation.\n", "Sweden"},
        {"We support full cooperation.\n", "Chair"},
    });
    EXPECT_EQ(at(result, "full").origin, 1u);
    EXPECT_EQ(at(result, "support").origin, 0u);
    EXPECT_EQ(count_kind(result, SpanKind::bracket), 0u);  // the marks went with the brackets
}

TEST(BlameRules, StruckWordKeepsItsProposerAndTheStrikeIsTheStriker) {
    const BlameResult result = blame_last({
        {"We support enhanced cooperation.\n", "Japan"},
        {"We support ~~enhanced~~ cooperation.\n", "Russian Federation"},
    });
    EXPECT_EQ(at(result, "enhanced").origin, 0u);
    EXPECT_EQ(at(result, "~~").origin, 1u);
    EXPECT_EQ(at(result, "~~").kind, SpanKind::strike);
    EXPECT_EQ(at(result, "~~", 1).origin, 1u);
}

TEST(BlameRules, RestoredWordingKeepsItsFirstProposer) {
    const BlameResult result = blame_last({
        {"We support full and enhanced cooperation among stakeholders.\n", "Japan"},
        {"We support cooperation among stakeholders.\n", "Russian Federation"},
        {"We support full and enhanced cooperation among stakeholders.\n", "Sweden"},
    });
    for (std::string_view word : {"full", "and", "enhanced"}) {
        const BlameSpan& span = at(result, word);
        EXPECT_EQ(span.origin, 0u) << word;
        EXPECT_EQ(span.restored_by, std::optional<std::size_t>(2)) << word;
    }
    EXPECT_EQ(at(result, "cooperation").restored_by, std::nullopt);
}

TEST(BlameRules, ChosenOptionKeepsItsProposer) {
    const BlameResult group = blame_last({
        {"We support [continuing] cooperation.\n", "Japan"},
        {"We support [continuing][full] cooperation.\n", "Sweden"},
        {"We support full cooperation.\n", "Chair"},
    });
    EXPECT_EQ(at(group, "full").origin, 1u);
    EXPECT_EQ(group.document.source.find("continuing"), std::string::npos);

    const BlameResult slash = blame_last({
        {"We support [continuing] cooperation.\n", "Japan"},
        {"We support [continuing / full] cooperation.\n", "Sweden"},
        {"We support [full] cooperation.\n", "Chair"},
    });
    EXPECT_EQ(at(slash, "full").origin, 1u);
    EXPECT_EQ(at(slash, "[").origin, 0u);  // the bracket Japan put there still stands
}

TEST(BlameRules, AddedOptionAndSeparatorBelongToTheirProposer) {
    const BlameResult result = blame_last({
        {"We support [continuing] cooperation.\n", "Japan"},
        {"We support [continuing / full] cooperation.\n", "Sweden"},
        {"We support [continuing / full][enhanced] cooperation.\n", "Brazil"},
    });
    EXPECT_EQ(at(result, "continuing").origin, 0u);
    EXPECT_EQ(at(result, "/").origin, 1u);
    EXPECT_EQ(at(result, "/").kind, SpanKind::separator);
    EXPECT_EQ(at(result, "full").origin, 1u);
    EXPECT_EQ(at(result, "enhanced").origin, 2u);
    EXPECT_EQ(at(result, "][").origin, 0u);  // "continuing / full"'s closing mark
    EXPECT_EQ(at(result, "[enhanced").origin, 2u);
}

}  // namespace
}  // namespace accord
