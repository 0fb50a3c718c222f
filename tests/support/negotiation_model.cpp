#include "support/negotiation_model.hpp"

#include <algorithm>

namespace accord::test::model {

const std::vector<std::string_view>& function_words() {
    static const std::vector<std::string_view> words = {
        "the",     "of",      "and",     "to",    "in",    "for",       "on",       "with",
        "by",      "as",      "their",   "its",   "all",   "including", "through",  "within",
        "between", "among",   "at",      "from",  "such",  "other",     "relevant", "this",
        "that",    "these",   "those",   "which", "where", "while",     "under",    "into",
        "upon",    "towards", "without", "each",  "both",  "or",        "also",     "further",
        "more",    "well",    "be",      "are",   "is",    "should",    "shall",    "may",
        "could",   "would",   "not",     "any",   "an",    "a",
    };
    return words;
}

const std::vector<std::string_view>& content_words() {
    // clang-format off
    static const std::vector<std::string_view> words = {
        "cooperation", "enhanced", "implementation", "stakeholders", "multilateral", "transparent",
        "democratic", "governance", "internet", "public", "policy", "issues", "governments",
        "roles", "responsibilities", "respective", "equal", "footing", "development", "developing",
        "countries", "capacity", "building", "participation", "meaningful", "effective",
        "mechanisms", "existing", "new", "continuing", "full", "strengthen", "improve", "ensure",
        "promote", "encourage", "recognize", "recognizes", "acknowledges", "reaffirms", "recalls",
        "notes", "welcomes", "invites", "requests", "urges", "decides", "calls", "upon", "states",
        "member", "parties", "secretariat", "working", "group", "commission", "agenda", "summit",
        "information", "society", "world", "tunis", "geneva", "outcome", "documents", "principles",
        "international", "regional", "national", "local", "level", "levels", "private", "sector",
        "civil", "technical", "academic", "communities", "organizations", "intergovernmental",
        "bodies", "forum", "dialogue", "consultations", "process", "processes", "framework",
        "approach", "approaches", "accountable", "inclusive", "open", "accessible", "affordable",
        "secure", "stable", "resilient", "sustainable", "human", "rights", "freedom", "expression",
        "privacy", "protection", "data", "security", "trust", "confidence", "use", "technologies",
        "communication", "infrastructure", "access", "digital", "divide", "bridging", "gender",
        "women", "youth", "persons", "disabilities", "vulnerable", "groups", "resources",
        "financing", "funding", "financial", "support", "assistance", "transfer", "technology",
        "knowledge", "sharing", "best", "practices", "experiences", "lessons", "learned", "report",
        "reports", "recommendations", "measures", "actions", "steps", "efforts", "commitments",
        "obligations", "goals", "targets", "objectives", "priorities", "needs", "challenges",
        "opportunities", "benefits", "impacts", "risks", "threats", "emissions", "mitigation",
        "adaptation", "climate", "change", "loss", "damage", "finance", "contributions",
        "determined", "nationally", "global", "stocktake", "transparency", "compliance", "review",
        "assessment", "monitoring", "evaluation", "progress", "results", "annual", "periodic",
        "biennial", "session", "sessions", "meeting", "meetings", "conference", "assembly",
        "general", "council", "economic", "social", "environmental", "cultural", "diversity",
        "languages", "multilingualism", "content", "local", "domain", "names", "addresses",
        "resource", "critical", "management", "coordination", "coherence", "consistency",
        "complementarity", "synergies", "partnerships", "networks", "relevant", "appropriate",
        "necessary", "possible", "feasible", "timely", "adequate", "sufficient", "predictable",
        "voluntary", "mandatory", "binding", "legal", "legally", "consensus", "agreement",
        "agreed", "mandate", "scope", "terms", "reference", "modalities", "arrangements",
        "institutional", "operational", "practical", "concrete", "specific", "particular",
        "special", "attention", "account", "consideration", "taking", "bearing", "mind",
        "accordance", "consistent", "respect", "regard", "view", "context", "basis", "manner",
        "means", "ways", "role", "responsibility", "leadership", "ownership", "engagement",
        "outreach", "awareness", "education", "training", "research", "innovation", "investment",
        "trade", "markets", "competition", "consumers", "users", "providers", "operators",
        "industry", "business", "entities",
    };
    // clang-format on
    return words;
}

// Wording that negotiators write again and again, so that the same words in
// the same order turn up as new wording from different proposers, as in real
// texts (a blame that takes every repeated phrase for restored text is wrong).
const std::vector<std::vector<std::string_view>>& stock_phrases() {
    static const std::vector<std::vector<std::string_view>> phrases = {
        {"enhanced", "cooperation"},
        {"all", "stakeholders"},
        {"in", "their", "respective", "roles", "and", "responsibilities"},
        {"on", "an", "equal", "footing"},
        {"developing", "countries"},
        {"as", "appropriate"},
        {"the", "tunis", "agenda"},
        {"internet", "governance"},
        {"public", "policy", "issues"},
        {"capacity", "building"},
        {"the", "private", "sector"},
        {"civil", "society"},
        {"intergovernmental", "organizations"},
        {"the", "united", "nations"},
        {"human", "rights"},
        {"taking", "into", "account"},
        {"in", "accordance", "with"},
        {"at", "all", "levels"},
        {"including", "through"},
        {"the", "information", "society"},
        {"transfer", "of", "technology"},
        {"means", "of", "implementation"},
        {"nationally", "determined", "contributions"},
        {"loss", "and", "damage"},
    };
    return phrases;
}

std::size_t max_depth(const Node& node);

std::size_t max_depth(const Seq& seq) {
    std::size_t depth = 0;
    for (const Node& node : seq) depth = std::max(depth, max_depth(node));
    return depth;
}

// Brackets nested inside a node, itself included.
std::size_t max_depth(const Node& node) {
    const auto* group = std::get_if<Group>(&node.value);
    if (group == nullptr) return 0;
    std::size_t depth = 0;
    for (const Bracket& bracket : group->brackets)
        for (const Seq& option : bracket.options) depth = std::max(depth, max_depth(option));
    return depth + 1;
}

void mark_travelled(Node& node) {
    if (auto* word = std::get_if<Word>(&node.value)) {
        word->travelled = true;
    } else if (auto* strike = std::get_if<Strike>(&node.value)) {
        for (Word& w : strike->words) w.travelled = true;
    } else {
        for (Bracket& bracket : std::get<Group>(node.value).brackets)
            for (Seq& option : bracket.options)
                for (Node& inner : option) mark_travelled(inner);
    }
}

void flatten(const Seq& seq, std::vector<Word>& out);

void flatten(const Node& node, std::vector<Word>& out) {
    if (const auto* word = std::get_if<Word>(&node.value)) {
        out.push_back(*word);
    } else if (const auto* strike = std::get_if<Strike>(&node.value)) {
        out.insert(out.end(), strike->words.begin(), strike->words.end());
    } else {
        for (const Bracket& bracket : std::get<Group>(node.value).brackets)
            for (const Seq& option : bracket.options) flatten(option, out);
    }
}

void flatten(const Seq& seq, std::vector<Word>& out) {
    for (const Node& node : seq) flatten(node, out);
}

}  // namespace accord::test::model
