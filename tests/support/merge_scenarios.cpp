#include "support/merge_scenarios.hpp"

#include "core/notation/parse.hpp"
#include "core/notation/tokens.hpp"
#include "support/negotiation_generator.hpp"

namespace accord::test {

namespace {

std::string words(std::mt19937_64& rng, std::size_t count) {
    const auto& vocabulary = negotiation_vocabulary();
    std::string out;
    for (std::size_t k = 0; k < count; ++k) {
        if (k > 0) out += ' ';
        out += vocabulary[rng() % vocabulary.size()];
    }
    return out;
}

std::size_t pick(std::mt19937_64& rng, std::size_t n) {
    return n == 0 ? 0 : rng() % n;
}

}  // namespace

std::string random_edit(const std::string& text, std::mt19937_64& rng) {
    const Document doc = parse(text);
    const std::vector<Token> tokens = tokenize(doc);
    std::vector<const Token*> word_tokens;
    for (const Token& t : tokens) {
        if (t.kind == TokenKind::word) word_tokens.push_back(&t);
    }
    const std::size_t op = pick(rng, 9);
    auto insert_at = [&](std::size_t at, const std::string& what) {
        return text.substr(0, at) + what + text.substr(at);
    };
    switch (op) {
        case 0:  // bracketed wording inserted before a word
            if (word_tokens.empty()) break;
            return insert_at(word_tokens[pick(rng, word_tokens.size())]->range.begin,
                             "[" + words(rng, 1 + pick(rng, 3)) + "] ");
        case 1:  // an option added to a bracket
            if (doc.brackets.empty()) break;
            return insert_at(doc.brackets[pick(rng, doc.brackets.size())].close + 1,
                             "[" + words(rng, 1 + pick(rng, 2)) + "]");
        case 2: {  // brackets lifted
            if (doc.brackets.empty()) break;
            const Bracket& b = doc.brackets[pick(rng, doc.brackets.size())];
            return text.substr(0, b.open) + text.substr(b.open + 1, b.close - b.open - 1) +
                   text.substr(b.close + 1);
        }
        case 3: {  // a bracket deleted with its text
            if (doc.brackets.empty()) break;
            const Bracket& b = doc.brackets[pick(rng, doc.brackets.size())];
            return text.substr(0, b.open) + text.substr(b.close + 1);
        }
        case 4:
        case 5: {  // words put in brackets, or struck
            if (word_tokens.size() < 2) break;
            const std::size_t first = pick(rng, word_tokens.size() - 1);
            const std::size_t last = std::min(word_tokens.size() - 1, first + pick(rng, 3));
            const Token *a = word_tokens[first], *z = word_tokens[last];
            // Only within one stretch of plain words (no mark between).
            bool plain = true;
            for (const Token& t : tokens) {
                if (t.range.begin >= a->range.begin && t.range.end <= z->range.end) {
                    plain = plain && (t.kind == TokenKind::word || t.kind == TokenKind::space);
                }
            }
            if (!plain) break;
            const std::string open = op == 4 ? "[" : "~~", close = op == 4 ? "]" : "~~";
            return text.substr(0, a->range.begin) + open +
                   text.substr(a->range.begin, z->range.end - a->range.begin) + close +
                   text.substr(z->range.end);
        }
        case 6: {  // a word replaced
            if (word_tokens.empty()) break;
            const Token* w = word_tokens[pick(rng, word_tokens.size())];
            return text.substr(0, w->range.begin) + words(rng, 1 + pick(rng, 2)) +
                   text.substr(w->range.end);
        }
        case 7: {  // a paragraph added after another
            if (doc.paragraphs.empty()) break;
            const Paragraph& p = doc.paragraphs[pick(rng, doc.paragraphs.size())];
            const bool alternative = pick(rng, 2) == 0;
            return insert_at(p.range.end, "\n\n" + std::string(alternative ? "Alt: " : "") +
                                              words(rng, 3 + pick(rng, 5)) + ".");
        }
        case 8: {  // a status tag set
            if (doc.paragraphs.empty()) break;
            const Paragraph& p = doc.paragraphs[pick(rng, doc.paragraphs.size())];
            static const char* const kTags[] = {"(agreed)", "(revisit)", "(no consensus)"};
            const std::string tag = kTags[pick(rng, 3)];
            if (!p.status_tag.empty())
                return text.substr(0, p.status_tag.begin) + tag + text.substr(p.status_tag.end);
            return insert_at(p.range.end, " " + tag);
        }
    }
    return text;
}

MergeScenario random_scenario(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    GeneratorOptions options;
    options.seed = seed;
    options.proposals = 4 + seed % 12;
    options.initial_paragraphs = 1 + seed % 3;
    options.slash_options = false;
    options.truth_for_every_version = false;
    options.document_id = "";
    MergeScenario s;
    s.base = generate_history(options).versions.back().text;
    s.ours = s.base;
    s.theirs = s.base;
    for (std::size_t k = 1 + pick(rng, 4); k > 0; --k) s.ours = random_edit(s.ours, rng);
    for (std::size_t k = 1 + pick(rng, 4); k > 0; --k) s.theirs = random_edit(s.theirs, rng);
    return s;
}

std::ostream& operator<<(std::ostream& out, const MergeScenario& scenario) {
    return out << "--- base\n"
               << scenario.base << "--- ours\n"
               << scenario.ours << "--- theirs\n"
               << scenario.theirs;
}

}  // namespace accord::test
