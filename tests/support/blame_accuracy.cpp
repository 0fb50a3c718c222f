#include "support/blame_accuracy.hpp"

#include <algorithm>
#include <cstdio>
#include <random>

namespace accord::test {

// The span containing byte `offset`, or nullptr.
const BlameSpan* span_at(const BlameResult& result, std::size_t offset) {
    const auto it = std::upper_bound(
        result.spans.begin(), result.spans.end(), offset,
        [](std::size_t at, const BlameSpan& span) { return at < span.range.begin; });
    if (it == result.spans.begin()) return nullptr;
    const BlameSpan& span = *std::prev(it);
    return offset < span.range.end ? &span : nullptr;
}

std::string Count::percent() const {
    char out[64];
    std::snprintf(out, sizeof out, "%.2f%% (%zu/%zu)", 100.0 * share(), right, all);
    return out;
}

void Tally::add(const Tally& other) {
    words.add(other.words), marks.add(other.marks), restored_by.add(other.restored_by);
    travelled.add(other.travelled), moved.add(other.moved), repeated.add(other.repeated);
    openers.add(other.openers), openers_restored.add(other.openers_restored);
    for (const std::string& miss : other.misses)
        if (misses.size() < kMissesKept) misses.push_back(miss);
}

std::string Tally::line() const {
    std::string out = "words " + words.percent() + ", marks " + marks.percent() + ", restored_by " +
                      restored_by.percent();
    if (travelled.all > 0) out += ", moved/tabled " + travelled.percent();
    if (moved.all > 0) out += ", moved only " + moved.percent();
    if (repeated.all > 0) out += ", repeated " + repeated.percent();
    if (openers.all > 0) out += ", openers " + openers.percent();
    if (openers_restored.all > 0) out += ", openers put back " + openers_restored.percent();
    return out;
}

std::string Tally::missed() const {
    std::string out = "first words blamed wrongly:";
    for (const std::string& miss : misses) out += "\n  " + miss;
    return out;
}

namespace {

// "'word' at 1234 is proposal 12's (replace), blamed on 40 (strike): ...context..."
std::string describe_miss(const std::string& text, const std::vector<Operation>& operations,
                          const TruthItem& item, const BlameSpan* span) {
    const auto proposal = [&](std::size_t p) {
        return std::to_string(p) + " (" +
               (p < operations.size() ? std::string(to_string(operations[p])) : "?") + ")";
    };
    std::string out = "'" + text.substr(item.range.begin, item.range.size()) + "' at " +
                      std::to_string(item.range.begin) + " is proposal " + proposal(item.origin);
    if (item.restored_by) out += ", restored by " + proposal(*item.restored_by);
    if (span == nullptr) {
        out += ", not blamed";
    } else {
        out += ", blamed on " + proposal(span->origin);
        if (span->restored_by) out += " restored by " + proposal(*span->restored_by);
    }
    const std::size_t from = item.range.begin > 40 ? item.range.begin - 40 : 0;
    std::string context = text.substr(from, item.range.end + 40 - from);
    std::replace(context.begin(), context.end(), '\n', ' ');
    return out + ": ..." + context + "...";
}

// Words next to a copy of themselves, with only white space and marks between.
std::vector<bool> repeated_words(const std::string& text, const std::vector<TruthItem>& truth) {
    std::vector<bool> out(truth.size(), false);
    std::size_t previous = SIZE_MAX;
    for (std::size_t k = 0; k < truth.size(); ++k) {
        if (truth[k].role != TruthRole::word) {
            if (truth[k].role != TruthRole::mark) previous = SIZE_MAX;
            continue;
        }
        if (previous != SIZE_MAX) {
            const TruthItem& a = truth[previous];
            const std::string between =
                text.substr(a.range.end, truth[k].range.begin - a.range.end);
            const bool adjacent = between.find_first_not_of(" \n[]/~") == std::string::npos;
            if (adjacent && text.compare(a.range.begin, a.range.size(), text, truth[k].range.begin,
                                         truth[k].range.size()) == 0)
                out[previous] = out[k] = true;
        }
        previous = k;
    }
    return out;
}

}  // namespace

// Compares one blamed text with its truth: a word counts as right when the
// span holding its first byte has its origin.
Tally measure(const std::string& text, const std::vector<TruthItem>& truth,
              const BlameResult& result, const std::vector<Operation>& operations) {
    Tally tally;
    const std::vector<bool> repeated = repeated_words(text, truth);
    for (std::size_t k = 0; k < truth.size(); ++k) {
        const TruthItem& item = truth[k];
        const BlameSpan* span = span_at(result, item.range.begin);
        const bool right = span != nullptr && span->origin == item.origin;
        if (item.role == TruthRole::word) {
            tally.words.add(right);
            if (!right && tally.misses.size() < Tally::kMissesKept)
                tally.misses.push_back(describe_miss(text, operations, item, span));
            if (item.restored_by) {
                const bool restored_right = right && span->restored_by == item.restored_by;
                tally.restored_by.add(restored_right);
                if (right && !restored_right && tally.misses.size() < Tally::kMissesKept)
                    tally.misses.push_back(describe_miss(text, operations, item, span));
            }
            if (item.travelled) tally.travelled.add(right);
            if (item.travelled && !item.restored_by) tally.moved.add(right);
            if (repeated[k]) tally.repeated.add(right);
            const auto& openers = paragraph_openers();
            const std::string_view word =
                std::string_view(text).substr(item.range.begin, item.range.end - item.range.begin);
            if (std::find(openers.begin(), openers.end(), word) != openers.end()) {
                const bool exact = right && span->restored_by == item.restored_by;
                tally.openers.add(exact);
                if (item.restored_by) tally.openers_restored.add(exact);
            }
        } else if (item.role == TruthRole::mark) {
            tally.marks.add(right && to_string(span->kind) == item.kind);
        }
    }
    return tally;
}

// Blames the last version of every text of `history` (in one walk when
// there are several) and measures each against its truth.
Tally blame_and_measure(const GeneratedHistory& history, const BlameOptions& options) {
    if (history.texts.empty()) {
        std::vector<TextVersions> one{{history.versions}};
        const BlameResult result = blame_texts(one, options).front();
        return measure(history.versions.back().text, history.truth, result, history.operations);
    }
    std::vector<std::vector<BlameVersion>> versions;
    std::vector<TextVersions> texts;
    for (const GeneratedText& text : history.texts) {
        versions.push_back(text.versions);
        for (std::size_t k = 0; k < text.versions.size(); ++k)
            versions.back()[k].proposal = text.proposals[k];
    }
    for (const auto& v : versions) texts.push_back({v});
    const std::vector<BlameResult> results = blame_texts(texts, options);
    Tally tally;
    for (std::size_t t = 0; t < history.texts.size(); ++t) {
        tally.add(measure(history.texts[t].versions.back().text, history.texts[t].truth, results[t],
                          history.operations));
    }
    return tally;
}

// Each history's operation weights, each scaled by a factor between 0.5
// and 1.5 drawn from `seed`: no two histories mix their operations alike.
namespace {

void jitter(GeneratorOptions& options, std::uint64_t seed) {
    std::mt19937_64 rng(seed * 7919 + 17);
    for (double& weight : options.weights)
        weight *= 0.5 + static_cast<double>(rng() % 1001) / 1000.0;
}

}  // namespace

BehaviourTally measure_behaviour(const Behaviour& behaviour, const BlameOptions& blame) {
    BehaviourTally out;
    for (std::uint64_t seed : behaviour.seeds) {
        Tally per_seed;
        for (std::size_t file = 0; file < behaviour.files_per_seed; ++file) {
            GeneratorOptions options = behaviour.configure(seed, file);
            options.seed = seed * 1000 + file;
            options.truth_for_every_version = false;
            jitter(options, options.seed);
            BlameOptions with_notation = blame;
            const GeneratedHistory history = generate_history(options);
            with_notation.parse = history.parse_options;
            Tally tally = blame_and_measure(history, with_notation);
            for (std::string& miss : tally.misses)
                miss =
                    "(seed " + std::to_string(seed) + " file " + std::to_string(file) + ") " + miss;
            per_seed.add(tally);
        }
        out.total.add(per_seed);
        out.per_seed.push_back(std::move(per_seed));
    }
    return out;
}

// --- the behaviours -------------------------------------------------------------------

GeneratorOptions ordinary(std::uint64_t seed, std::size_t file) {
    GeneratorOptions options;
    options.proposals = 150;
    options.initial_paragraphs = 1 + (seed + file) % 5;
    options.slash_options = file % 4 != 3;
    options.compact_slashes = file % 4 == 2;
    options.wrap_column = file % 4 == 1 ? 80 : 0;
    options.document_id = "A-" + std::to_string(file + 1);
    return options;
}

GeneratorOptions long_small_vocabulary(std::uint64_t seed, std::size_t file) {
    GeneratorOptions options = ordinary(seed, file);
    options.proposals = 2000;
    options.max_words = 400;
    options.vocabulary = 30 + (seed * 37) % 120;
    options.weights[static_cast<std::size_t>(Operation::lift_bracket)] = 0.5;
    options.weights[static_cast<std::size_t>(Operation::choose_option)] = 0.35;
    options.weights[static_cast<std::size_t>(Operation::add_paragraph)] = 0.1;
    options.weights[static_cast<std::size_t>(Operation::add_alternative_paragraph)] = 0.05;
    return options;
}

GeneratorOptions moves_across_texts(std::uint64_t seed, std::size_t file) {
    GeneratorOptions options = ordinary(seed, file);
    options.proposals = 600;
    options.texts = 3 + (seed + file) % 3;
    options.weights[static_cast<std::size_t>(Operation::move_wording)] = 1.5;
    options.weights[static_cast<std::size_t>(Operation::table_again)] = 1.0;
    return options;
}

GeneratorOptions repeated_adjacent(std::uint64_t seed, std::size_t file) {
    GeneratorOptions options = ordinary(seed, file);
    options.repeat_share = 0.35;
    options.vocabulary = file % 2 == 0 ? 0 : 60;
    return options;
}

GeneratorOptions redrafts(std::uint64_t seed, std::size_t file) {
    GeneratorOptions options = ordinary(seed, file);
    options.edits_per_proposal = 4;
    return options;
}

GeneratorOptions paragraph_openers(std::uint64_t seed, std::size_t file) {
    GeneratorOptions options = ordinary(seed, file);
    options.initial_paragraphs = 3 + (seed + file) % 4;
    options.opener_share = 0.8;
    options.weights[static_cast<std::size_t>(Operation::swap_opener)] = 3;
    options.weights[static_cast<std::size_t>(Operation::add_paragraph)] = 1;
    options.weights[static_cast<std::size_t>(Operation::delete_bracket)] = 1.5;
    return options;
}

GeneratorOptions stock_phrases(std::uint64_t seed, std::size_t file) {
    GeneratorOptions options = ordinary(seed, file);
    options.phrase_share = 0.2;
    return options;
}

const Behaviour kOrdinary{"ordinary", ordinary, {1, 2, 3, 5, 8}, 4};
const Behaviour kLong{"long", long_small_vocabulary, {11, 12, 13, 14, 15, 16}, 1};
const Behaviour kMoves{"moves", moves_across_texts, {21, 22, 23, 24}, 2};
const Behaviour kRepeats{"repeats", repeated_adjacent, {31, 32, 33, 34, 35}, 4};
const Behaviour kRedrafts{"redrafts", redrafts, {41, 42, 43}, 4};
const Behaviour kPhrases{"phrases", stock_phrases, {1, 2, 3, 5, 8}, 4};
const Behaviour kOpeners{"openers", paragraph_openers, {51, 52, 53, 54}, 4};

BlameOptions across_texts() {
    BlameOptions options;
    options.across_texts = true;
    return options;
}

}  // namespace accord::test
