#include "core/import/docx/comment_requests.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>

#include "core/import/docx/comment_speakers.hpp"
#include "core/util/text.hpp"

namespace accord::docx {

namespace {

constexpr std::string_view kOpenQuote = "\xE2\x80\x9C";    // “
constexpr std::string_view kCloseQuote = "\xE2\x80\x9D";   // ”
constexpr std::string_view kOpenSingle = "\xE2\x80\x98";   // ‘
constexpr std::string_view kCloseSingle = "\xE2\x80\x99";  // ’ (also an apostrophe)

struct Quote {
    std::size_t begin = 0;  // the opening mark
    std::size_t end = 0;    // just past the closing mark
    std::string text;       // between the marks, trimmed
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : text) {
        const bool space = is_space(c);
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

// The closing single quote from `from`: a ’ or ' not followed by a letter
// (in "don’t" and "Parties' views" it is an apostrophe); npos when none.
std::size_t single_quote_close(std::string_view text, std::size_t from) {
    for (std::size_t at = from; at < text.size(); ++at) {
        std::size_t length = 0;
        if (text.compare(at, kCloseSingle.size(), kCloseSingle) == 0) {
            length = kCloseSingle.size();
        } else if (text[at] == '\'') {
            length = 1;
        } else {
            continue;
        }
        const std::size_t after = at + length;
        if (at > from && (after >= text.size() || !is_word_byte(text[after]))) return at;
    }
    return std::string_view::npos;
}

// A single quote opening at `at`, at the start of a word: its length, or 0.
std::size_t single_quote_open(std::string_view text, std::size_t at) {
    std::size_t length = 0;
    if (text.compare(at, kOpenSingle.size(), kOpenSingle) == 0) {
        length = kOpenSingle.size();
    } else if (text[at] == '\'' && (at == 0 || !is_word_byte(text[at - 1]))) {
        length = 1;
    }
    if (length == 0 || at + length >= text.size() || is_space(text[at + length])) return 0;
    return length;
}

// “typographic” and "straight" quotes, double (a quote left open runs to the
// end) or single (‘by 2025’, 'by 2025': staff write both).
std::vector<Quote> find_quotes(std::string_view text) {
    std::vector<Quote> quotes;
    // A single quote that never closes is an apostrophe; none after it closes
    // either, so they are no longer looked for (the reading stays linear).
    bool singles_close = true;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t inner_end = std::string_view::npos;
        std::size_t end = std::string_view::npos;
        std::size_t inner = 0;
        if (text.compare(i, kOpenQuote.size(), kOpenQuote) == 0 || text[i] == '"') {
            const bool typographic = text[i] != '"';
            const std::string_view close = typographic ? kCloseQuote : "\"";
            inner = i + (typographic ? kOpenQuote.size() : 1);
            inner_end = text.find(close, inner);
            end = inner_end == std::string_view::npos ? text.size() : inner_end + close.size();
            if (inner_end == std::string_view::npos) inner_end = text.size();
        } else if (const std::size_t open = singles_close ? single_quote_open(text, i) : 0) {
            inner = i + open;
            inner_end = single_quote_close(text, inner);
            if (inner_end == std::string_view::npos) {
                singles_close = false;
                ++i;
                continue;
            }
            end = inner_end + (text[inner_end] == '\'' ? 1 : kCloseSingle.size());
        } else {
            ++i;
            continue;
        }
        quotes.push_back({i, end, std::string(trim(text.substr(inner, inner_end - inner)))});
        i = end;
    }
    return quotes;
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// `word` as a whole word in `lower`, from `from`; npos when absent.
std::size_t find_word(std::string_view lower, std::string_view word, std::size_t from = 0) {
    for (std::size_t at = lower.find(word, from); at != std::string_view::npos;
         at = lower.find(word, at + 1)) {
        const bool starts = at == 0 || !is_word_byte(lower[at - 1]);
        const bool ends =
            at + word.size() >= lower.size() || !is_word_byte(lower[at + word.size()]);
        if (starts && ends) return at;
    }
    return std::string_view::npos;
}

void skip_spaces(std::string_view text, std::size_t& at) {
    while (at < text.size() && is_space(text[at])) ++at;
}

// The quote starting at `at` (after spaces), if one does.
const Quote* quote_at(const std::vector<Quote>& quotes, std::string_view text, std::size_t at) {
    skip_spaces(text, at);
    for (const Quote& quote : quotes) {
        if (quote.begin == at) return &quote;
    }
    return nullptr;
}

// Words up to punctuation that ends a phrase, at most `limit` of them.
std::string phrase_at(std::string_view text, std::size_t at, std::size_t limit) {
    skip_spaces(text, at);
    std::size_t end = at;
    while (end < text.size() &&
           std::string_view(".,;:()\n").find(text[end]) == std::string_view::npos)
        ++end;
    const std::string phrase(trim(text.substr(at, end - at)));
    return count_words(phrase) <= limit ? phrase : "";
}

std::string without_outer_quotes(std::string text) {
    text = trim(text);
    const std::vector<Quote> quotes = find_quotes(text);
    if (quotes.size() == 1 && quotes[0].begin == 0 && quotes[0].end == text.size())
        return quotes[0].text;
    return text;
}

// "44", "45", "46 and 48", "50 bis": the paragraph numbers listed at `at`.
std::vector<std::string> paragraph_numbers(std::string_view lower, std::size_t at) {
    std::vector<std::string> numbers;
    while (true) {
        skip_spaces(lower, at);
        std::size_t end = at;
        while (end < lower.size() && std::isdigit(static_cast<unsigned char>(lower[end]))) ++end;
        if (end == at) break;
        std::string number(lower.substr(at, end - at));
        std::size_t after = end;
        skip_spaces(lower, after);
        for (std::string_view suffix : {"bis", "ter", "quater"}) {
            if (find_word(lower, suffix, after) == after) {
                number += ' ';
                number += suffix;
                end = after + suffix.size();
            }
        }
        numbers.push_back(std::move(number));
        at = end;
        skip_spaces(lower, at);
        if (at < lower.size() && (lower[at] == ',' || lower[at] == '&')) {
            ++at;
            skip_spaces(lower, at);
        }
        if (find_word(lower, "and", at) == at) at += 3;
    }
    return numbers;
}

// The word "para", "paras", "paragraph" or "paragraphs" at `at`: its length.
std::size_t paragraph_word(std::string_view lower, std::size_t at) {
    for (std::string_view word : {"paragraphs", "paragraph", "paras", "para"}) {
        if (find_word(lower, word, at) == at) return word.size();
    }
    return 0;
}

// A verb that asks for a deletion: the first one's position and length, or
// npos. Whether it is negated or opposed is read before (`opposes_change`).
std::pair<std::size_t, std::size_t> find_delete_verb(std::string_view lower) {
    static constexpr std::string_view kVerbs[] = {"delete", "deleted", "deleting", "deletion",
                                                  "remove", "removed", "removing", "removal",
                                                  "strike", "del",     "detele",   "delte"};
    std::pair<std::size_t, std::size_t> best{std::string_view::npos, 0};
    for (std::string_view verb : kVerbs) {
        const std::size_t at = find_word(lower, verb);
        if (at < best.first) best = {at, verb.size()};
    }
    return best;
}

// A word of the segment outside quoted wording: lower case, ’ read as ',
// and the clause it stands in (clauses end at . ; ! ? and line breaks).
struct ClauseWord {
    std::string text;
    std::size_t clause = 0;
};

struct Clauses {
    std::vector<ClauseWord> words;
    std::vector<bool> question;  // per clause: it ends with '?'
    // The word whose colon introduces wording asked for ("language" of
    // "Proposed language:"), the last of `words`; npos when none does.
    std::size_t introducer = std::string_view::npos;
};

bool ends_clause(std::string_view text, std::size_t at) {
    const char c = text[at];
    if (c == ';' || c == '!' || c == '?' || c == '\n') return true;
    return c == '.' && (at + 1 == text.size() || is_space(text[at + 1]));
}

// A word after which a colon introduces the wording asked for: "Proposed
// language: ...", "insert: ...", "to read as follows: ...".
bool introduces_wording(std::string_view word) {
    static constexpr std::string_view kWords[] = {"language",    "text",   "wording",
                                                  "add",         "insert", "proposal",
                                                  "alternative", "read",   "follows"};
    return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// The segment's words in clauses. Quoted wording is the wording spoken of,
// not the speaker's words; so is what follows a colon that introduces
// wording.
Clauses clause_words(std::string_view text, const std::vector<Quote>& quotes) {
    Clauses out;
    out.question.push_back(false);
    std::size_t q = 0;
    std::string word;
    auto finish_word = [&] {
        if (word.empty()) return;
        out.words.push_back({word, out.question.size() - 1});
        word.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        while (q < quotes.size() && quotes[q].begin < i) ++q;
        if (q < quotes.size() && i == quotes[q].begin) {
            finish_word();
            i = quotes[q++].end;
            continue;
        }
        const char c = text[i];
        if (text.compare(i, kCloseSingle.size(), kCloseSingle) == 0 || c == '\'') {
            if (!word.empty()) word += '\'';
            i += c == '\'' ? 1 : kCloseSingle.size();
            continue;
        }
        if (is_word_byte(c)) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            ++i;
            continue;
        }
        finish_word();
        if (c == ':' && !out.words.empty() && introduces_wording(out.words.back().text)) {
            out.introducer = out.words.size() - 1;
            break;
        }
        if (ends_clause(text, i)) {
            out.question.back() = c == '?';
            out.question.push_back(false);
        }
        ++i;
    }
    finish_word();
    return out;
}

// A word that asks for a change of the text, in any of the forms the
// readers below take ("language", "text" and "wording" only when they
// introduce wording with a colon: `Clauses::introducer`).
bool asks_for_change(std::string_view word) {
    static constexpr std::string_view kWords[] = {
        "delete",       "deleted",   "deleting",  "deletion",    "deletions",    "del",
        "detele",       "delte",     "remove",    "removed",     "removing",     "removal",
        "strike",       "striking",  "replace",   "replaced",    "replacing",    "replacement",
        "change",       "changed",   "changing",  "substitute",  "substituting", "substitution",
        "add",          "added",     "adding",    "addition",    "insert",       "inserted",
        "inserting",    "insertion", "bracket",   "bracketed",   "bracketing",   "instead",
        "proposed",     "proposal",  "suggested", "alternative", "redraft",      "reformulate",
        "reformulation"};
    return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// A change named as a thing ("the deletion", "replacing it"), which a
// judgement after it can refuse: "deletion not acceptable".
bool names_a_change(std::string_view word) {
    static constexpr std::string_view kWords[] = {
        "deletion",  "deletions",    "deleting",     "removal",  "removing",    "replacement",
        "replacing", "substitution", "substituting", "addition", "adding",      "insertion",
        "inserting", "bracketing",   "striking",     "changing", "alternative", "proposal"};
    return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// A word that turns a request into something else: a negation ("not",
// "don't", "cannot", "no need"), opposition ("against", "oppose", "object",
// "reject", "disagree", "unacceptable", "concerns"), the wish to keep the text
// ("retain", "keep", "maintain", "preserve"), a concession or condition
// ("could accept", "flexible", "if", "unless"): the speaker does not ask for
// the change as theirs.
bool turns_request_away(std::string_view word) {
    static constexpr std::string_view kWords[] = {
        "not",          "no",           "never",        "nor",        "neither",   "cannot",
        "dont",         "doesnt",       "cant",         "wont",       "against",   "oppose",
        "opposes",      "opposed",      "opposing",     "opposition", "object",    "objects",
        "objected",     "objecting",    "objection",    "objections", "reject",    "rejects",
        "rejected",     "rejecting",    "rejection",    "disagree",   "disagrees", "disagreed",
        "disagreement", "unacceptable", "inacceptable", "concern",    "concerns",  "concerned",
        "retain",       "retains",      "retained",     "retaining",  "retention", "keep",
        "keeps",        "keeping",      "kept",         "maintain",   "maintains", "maintaining",
        "preserve",     "preserves",    "preserving",   "could",      "might",     "flexible",
        "flexibility",  "if",           "unless"};
    if (word.size() > 3 && word.substr(word.size() - 3) == "n't") return true;  // don't, can't
    return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// Whether the segment speaks against a change rather than asking for it: a
// word asking for a change that a negation, opposition, wish to keep,
// concession or condition governs, that is, stands before it in its clause
// ("against the deletion", "cannot accept deleting", "do not add “urgent”",
// "not in favour of deletion"), or after it when the change is named as a
// thing ("deletion not acceptable"), or that is asked about ("delete?").
// One such word makes the whole segment a position: a wrong position loses
// nothing (the comment is kept, with its words), a wrong proposal puts words
// in a Party's mouth. A clause does not end at a comma ("we do not, at this
// stage, support deletion"), so "not needed, delete" is a position too.
bool opposes_change(std::string_view text, const std::vector<Quote>& quotes) {
    const Clauses clauses = clause_words(text, quotes);
    const std::vector<ClauseWord>& words = clauses.words;
    // Per clause, its first and last word that turns a request away.
    constexpr std::size_t kNone = SIZE_MAX;
    std::vector<std::size_t> first(clauses.question.size(), kNone);
    std::vector<std::size_t> last(clauses.question.size(), kNone);
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (!turns_request_away(words[i].text)) continue;
        if (first[words[i].clause] == kNone) first[words[i].clause] = i;
        last[words[i].clause] = i;
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (!asks_for_change(words[i].text) && i != clauses.introducer) continue;
        const std::size_t clause = words[i].clause;
        if (clauses.question[clause]) return true;
        if (first[clause] != kNone && first[clause] < i) return true;
        if (last[clause] != kNone && last[clause] > i && names_a_change(words[i].text)) return true;
    }
    return false;
}

bool same_wording(std::string_view a, std::string_view b) {
    return !a.empty() && normalize_name(a) == normalize_name(b);
}

std::optional<Request> instead_of(std::string_view text, std::string_view lower) {
    const std::size_t at = lower.find("instead of ");
    if (at == std::string_view::npos) return std::nullopt;
    std::string rest = without_outer_quotes(std::string(text.substr(at + 11)));
    while (!rest.empty() && (rest.back() == '.' || rest.back() == '"')) rest.pop_back();
    if (rest.size() >= kCloseQuote.size() &&
        rest.compare(rest.size() - kCloseQuote.size(), kCloseQuote.size(), kCloseQuote) == 0)
        rest.resize(rest.size() - kCloseQuote.size());
    while (!rest.empty() && rest.back() == '.') rest.pop_back();
    const std::size_t comma = rest.find(',');
    if (comma == std::string::npos) return std::nullopt;
    const std::string target = without_outer_quotes(rest.substr(0, comma));
    const std::string replacement = without_outer_quotes(rest.substr(comma + 1));
    if (target.empty() || replacement.empty() || count_words(target) > 8 ||
        count_words(replacement) > 8)
        return std::nullopt;
    Request request;
    request.kind = RequestKind::replace;
    request.target = target;
    request.replacement = replacement;
    return request;
}

std::optional<Request> proposed_language(std::string_view text, std::string_view lower,
                                         const std::vector<Quote>& quotes) {
    static constexpr std::string_view kIntroductions[] = {
        "proposed language", "suggested language", "proposed text",   "suggested text",
        "proposed wording",  "suggested wording",  "new language",    "language proposal",
        "text proposal",     "proposed new text",  "proposed to read"};
    for (std::string_view introduction : kIntroductions) {
        std::size_t at = lower.find(introduction);
        if (at == std::string_view::npos) continue;
        at += introduction.size();
        skip_spaces(lower, at);
        if (at < lower.size() && lower[at] == ':') ++at;
        const std::string language = without_outer_quotes(std::string(text.substr(at)));
        if (language.empty()) continue;
        Request request;
        request.kind = RequestKind::proposed_language;
        request.replacement = language;
        return request;
    }
    // A long quoted passage offered as an alternative or a paragraph of its own.
    const Quote* longest = nullptr;
    for (const Quote& quote : quotes) {
        if (count_words(quote.text) >= 6 &&
            (longest == nullptr || quote.text.size() > longest->text.size()))
            longest = &quote;
    }
    if (longest == nullptr) return std::nullopt;
    std::string outside(lower.substr(0, longest->begin));
    outside += lower.substr(longest->end);
    for (std::string_view hint :
         {"alternative", "language", "stand-alone", "standalone", "new paragraph", "to read",
          "reads as", "redraft", "reformulat"}) {
        if (outside.find(hint) != std::string::npos) {
            Request request;
            request.kind = RequestKind::proposed_language;
            request.replacement = longest->text;
            return request;
        }
    }
    return std::nullopt;
}

std::optional<Request> not_but(std::string_view text, std::string_view lower,
                               const std::vector<Quote>& quotes, const AnchorContext& anchor) {
    // not “check”, but “review”
    for (std::size_t q = 0; q + 1 < quotes.size(); ++q) {
        std::size_t before = quotes[q].begin;
        while (before > 0 && is_space(lower[before - 1])) --before;
        const std::string between(
            trim(lower.substr(quotes[q].end, quotes[q + 1].begin - quotes[q].end)));
        if (before >= 3 && lower.compare(before - 3, 3, "not") == 0 &&
            (between == "but" || between == ", but" || between == ",but")) {
            Request request;
            request.kind = RequestKind::replace;
            request.target = quotes[q].text;
            request.replacement = quotes[q + 1].text;
            return request;
        }
    }
    // "Clarifies not decides" on "Decides"
    const std::string whole(trim(text));
    const std::size_t not_at = find_word(lower, "not");
    if (not_at != std::string_view::npos && count_words(whole) == 3) {
        const std::string first(trim(whole.substr(0, not_at)));
        const std::string second(trim(whole.substr(not_at + 3)));
        if (count_words(first) == 1 && same_wording(second, anchor.quoted)) {
            Request request;
            request.kind = RequestKind::replace;
            request.replacement = first;
            return request;
        }
    }
    return std::nullopt;
}

std::optional<Request> change_to(std::string_view text, std::string_view lower,
                                 const std::vector<Quote>& quotes) {
    for (std::string_view verb : {"change", "replace", "substitute", "replacing", "changing"}) {
        const std::size_t at = find_word(lower, verb);
        if (at == std::string_view::npos) continue;
        std::size_t i = at + verb.size();
        Request request;
        request.kind = RequestKind::replace;
        if (const Quote* quote = quote_at(quotes, text, i)) {
            request.target = quote->text;
            i = quote->end;
        } else {
            skip_spaces(lower, i);
            std::size_t end = i;
            while (end < lower.size() && is_word_byte(lower[end])) ++end;
            const std::string word(text.substr(i, end - i));
            const std::string lowered = lower_ascii(word);
            if (lowered != "it" && lowered != "this" && lowered != "that") request.target = word;
            i = end;
        }
        skip_spaces(lower, i);
        std::size_t joiner = 0;
        for (std::string_view word : {"to", "with", "by", "into"}) {
            if (find_word(lower, word, i) == i) joiner = word.size();
        }
        if (joiner == 0) continue;
        i += joiner;
        if (const Quote* quote = quote_at(quotes, text, i)) {
            request.replacement = quote->text;
        } else {
            request.replacement = phrase_at(text, i, 6);
        }
        if (!request.replacement.empty()) return request;
    }
    return std::nullopt;
}

std::optional<Request> deletion(std::string_view text, std::string_view lower,
                                const std::vector<Quote>& quotes, const AnchorContext& anchor) {
    const auto [verb, verb_length] = find_delete_verb(lower);
    if (verb == std::string_view::npos) return std::nullopt;
    const std::size_t after = verb + verb_length;
    Request request;
    // "Remove/concern" for a list of Parties: some asked for the deletion,
    // some only voiced a concern, and which is not said. A position.
    const bool either_or =
        (after < lower.size() && lower[after] == '/') || (verb > 0 && lower[verb - 1] == '/');
    if (either_or) return request;

    const std::size_t section = find_word(lower, "section", after);
    if ((section != std::string_view::npos && section - after < 30) ||
        lower.find("whole section") != std::string_view::npos) {
        request.kind = RequestKind::delete_section;
        if (section != std::string_view::npos) {
            std::size_t i = section + 7;
            skip_spaces(lower, i);
            std::size_t end = i;
            while (end < lower.size() && std::isalnum(static_cast<unsigned char>(lower[end])))
                ++end;
            const std::string name(text.substr(i, end - i));
            const bool numeral =
                !name.empty() && (std::isdigit(static_cast<unsigned char>(name[0])) ||
                                  name.find_first_not_of("IVXLivxl") == std::string::npos);
            if (numeral) request.section = name;
        }
        return request;
    }
    // "delete paras 44, 45 and 46 and 48", "delete the recalling paras", "remove this para"
    for (std::size_t i = after; i < lower.size() && i - after < 30; ++i) {
        if (const std::size_t length = paragraph_word(lower, i)) {
            request.kind = RequestKind::delete_paragraph;
            request.paragraphs = paragraph_numbers(lower, i + length);
            return request;
        }
    }
    // "para 55 be deleted", "paras 44 and 45 to be deleted"
    const std::string_view before = lower.substr(0, verb);
    for (std::size_t p = before.rfind("para"); p != std::string_view::npos;
         p = p == 0 ? std::string_view::npos : before.rfind("para", p - 1)) {
        const std::size_t length = paragraph_word(lower, p);
        if (length == 0) continue;
        const std::string tail(trim(before.substr(p + length)));
        const std::vector<std::string> numbers = paragraph_numbers(lower, p + length);
        const bool joined = tail.size() >= 2 && (tail.compare(tail.size() - 2, 2, "be") == 0);
        if (!numbers.empty() && joined) {
            request.kind = RequestKind::delete_paragraph;
            request.paragraphs = numbers;
            return request;
        }
        break;
    }
    if (const Quote* quote = quote_at(quotes, text, after)) {
        request.kind = RequestKind::delete_wording;
        request.target = quote->text;
        request.everywhere = lower.find("throughout") != std::string_view::npos;
        return request;
    }
    if (lower.compare(verb, 3, "del") == 0 && verb_length == 3) return std::nullopt;
    // A bare "delete": of what the comment is anchored on.
    const bool words = find_word(lower, "words") != std::string_view::npos ||
                       find_word(lower, "word") != std::string_view::npos;
    if (anchor.on_heading && !words) {
        request.kind = RequestKind::delete_section;
    } else if ((anchor.at_paragraph_start || anchor.inside_word) && !words) {
        request.kind = RequestKind::delete_paragraph;
    } else {
        request.kind = RequestKind::delete_wording;
    }
    return request;
}

std::optional<Request> addition(std::string_view text, std::string_view lower,
                                const std::vector<Quote>& quotes) {
    for (std::string_view verb : {"add", "insert", "adding", "inserting"}) {
        for (std::size_t at = find_word(lower, verb); at != std::string_view::npos;
             at = find_word(lower, verb, at + 1)) {
            std::size_t i = at + verb.size();
            Request request;
            request.kind = RequestKind::insert;
            if (const Quote* quote = quote_at(quotes, text, i)) {
                request.replacement = quote->text;
                return request;
            }
            skip_spaces(lower, i);
            if (i < lower.size() && lower[i] == ':') {
                request.replacement = without_outer_quotes(std::string(text.substr(i + 1)));
                if (!request.replacement.empty()) return request;
            }
        }
    }
    return std::nullopt;
}

// "should" alone, or “shall” alone, on other anchored wording: that wording instead.
std::optional<Request> bare_wording(std::string_view text, const AnchorContext& anchor) {
    static constexpr std::string_view kModals[] = {"shall", "should", "may",   "must",
                                                   "will",  "could",  "might", "can"};
    if (anchor.on_heading || anchor.inside_word || anchor.quoted.empty() ||
        count_words(anchor.quoted) > 4)
        return std::nullopt;
    std::string whole(trim(text));
    while (!whole.empty() && std::string_view(".;,").find(whole.back()) != std::string_view::npos)
        whole.pop_back();
    const std::vector<Quote> quotes = find_quotes(whole);
    std::string wording;
    if (quotes.size() == 1 && quotes[0].begin == 0 && quotes[0].end == whole.size()) {
        wording = quotes[0].text;
        if (count_words(wording) > 4) return std::nullopt;
    } else {
        const std::string lowered = lower_ascii(whole);
        if (std::find(std::begin(kModals), std::end(kModals), lowered) == std::end(kModals))
            return std::nullopt;
        wording = whole;
    }
    if (wording.empty() || same_wording(wording, anchor.quoted)) return std::nullopt;
    Request request;
    request.kind = RequestKind::replace;
    request.replacement = wording;
    return request;
}

}  // namespace

std::string_view to_string(RequestKind kind) {
    switch (kind) {
        case RequestKind::position:
            return "position";
        case RequestKind::delete_wording:
            return "delete-wording";
        case RequestKind::delete_paragraph:
            return "delete-paragraph";
        case RequestKind::delete_section:
            return "delete-section";
        case RequestKind::replace:
            return "replace";
        case RequestKind::insert:
            return "insert";
        case RequestKind::proposed_language:
            return "proposed-language";
    }
    return "position";
}

Request read_request(std::string_view segment_text, const AnchorContext& anchor) {
    const std::string text(trim(segment_text));
    const std::string lower = lower_ascii(text);
    const std::vector<Quote> quotes = find_quotes(text);
    if (opposes_change(text, quotes)) return {};
    if (auto request = instead_of(text, lower)) return *request;
    if (auto request = proposed_language(text, lower, quotes)) return *request;
    if (auto request = not_but(text, lower, quotes, anchor)) return *request;
    if (auto request = change_to(text, lower, quotes)) return *request;
    if (auto request = deletion(text, lower, quotes, anchor)) return *request;
    if (auto request = addition(text, lower, quotes)) return *request;
    if (auto request = bare_wording(text, anchor)) return *request;
    return {};
}

}  // namespace accord::docx
