#include "core/import/docx/comment_speakers.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/import/docx/known_parties.hpp"
#include "core/util/text.hpp"

namespace accord::docx {

namespace {

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// U+00C0..U+00FF folded to ASCII ("" for × and ÷).
std::string_view fold_latin1(unsigned char second) {
    static constexpr std::array<const char*, 64> kFold = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
    return kFold[(second - 0x80) & 0x3f];
}

// A character that can be part of a written name: letters, digits, full
// stops ("U.S."), apostrophes ("d'Ivoire", "d’Ivoire"), hyphens, letters
// outside ASCII. Dashes and quotes (U+2010..U+201F but ’) end a name.
std::size_t name_char_length(std::string_view text, std::size_t at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (is_ascii_alnum(static_cast<char>(c)) || c == '.' || c == '\'' || c == '-') return 1;
    if (c < 0x80) return 0;
    if (c == 0xE2 && at + 2 < text.size() && static_cast<unsigned char>(text[at + 1]) == 0x80) {
        const auto third = static_cast<unsigned char>(text[at + 2]);
        return third == 0x99 ? 3 : 0;  // ’ only
    }
    if (c == 0xC2) return 0;  // no-break space, «, », and other Latin-1 signs
    std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return std::min(length, text.size() - at);
}

bool starts_with_word(std::string_view text, std::size_t at, std::string_view word) {
    if (at + word.size() > text.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
    }
    return at + word.size() == text.size() || !is_ascii_alnum(text[at + word.size()]);
}

// Optimal string alignment distance, stopping early past 1.
bool within_one_edit(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (i == a.size()) return true;
    if (a.size() == b.size()) {
        if (a.substr(i + 1) == b.substr(i + 1)) return true;  // one substitution
        return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               a.substr(i + 2) == b.substr(i + 2);  // two letters swapped
    }
    return a.substr(i) == b.substr(i + 1);  // one insertion
}

void skip_spaces(std::string_view text, std::size_t& at, std::size_t end) {
    while (at < end) {
        if (text[at] == ' ' || text[at] == '\t') {
            ++at;
        } else if (text.compare(at, 2, "\xC2\xA0") == 0) {
            at += 2;
        } else {
            break;
        }
    }
}

std::string without_full_stops(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c != '.') out += c;
    }
    return out;
}

}  // namespace

std::string normalize_name(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x80) {
            if (is_ascii_alnum(static_cast<char>(c))) out += static_cast<char>(std::tolower(c));
            if (c == '&') out += "and";
        } else if (c == 0xC3 && i + 1 < name.size()) {
            out += fold_latin1(static_cast<unsigned char>(name[++i]));
        } else if (c == 0xE2 && i + 2 < name.size() &&
                   static_cast<unsigned char>(name[i + 1]) == 0x80) {
            i += 2;  // dashes, quotes, apostrophes
        } else if (c == 0xC2 && i + 1 < name.size()) {
            ++i;  // no-break space and Latin-1 signs
        } else {
            out += static_cast<char>(c);  // other scripts, kept as written
        }
    }
    return out;
}

SpeakerMatcher::SpeakerMatcher(const std::vector<SpeakerNames>& registry) {
    for (const SpeakerNames& delegation : registry) {
        by_key_[normalize_name(delegation.name)] = {delegation.name, SpeakerSource::registry};
        for (const std::string& alias : delegation.aliases)
            by_key_[normalize_name(alias)] = {delegation.name, SpeakerSource::registry};
    }
    // A built-in entry that the registry knows under any of its spellings
    // resolves to the registry's name: "U.S" finds "United States of America"
    // when accord.yaml lists it with the alias "USA".
    for (const PartyNames& party : known_parties()) {
        Entry entry{party.name, SpeakerSource::builtin};
        std::vector<std::string> keys = {normalize_name(party.name)};
        for (const std::string& alias : party.aliases) keys.push_back(normalize_name(alias));
        for (const std::string& key : keys) {
            const auto it = by_key_.find(key);
            if (it != by_key_.end() && it->second.source == SpeakerSource::registry) {
                entry = it->second;
                break;
            }
        }
        for (const std::string& key : keys) by_key_.emplace(key, entry);
    }
    for (const auto& [key, entry] : by_key_) {
        if (key.size() >= 7) long_keys_[key.size()].push_back(key);
    }
    auto remember_short = [&](const std::string& spelling) {
        if (normalize_name(spelling).size() <= 3)
            short_spellings_[without_full_stops(spelling)] = true;
    };
    for (const SpeakerNames& delegation : registry) {
        remember_short(delegation.name);
        for (const std::string& alias : delegation.aliases) remember_short(alias);
    }
    for (const PartyNames& party : known_parties()) {
        remember_short(party.name);
        for (const std::string& alias : party.aliases) remember_short(alias);
    }
    for (auto& [length, keys] : long_keys_) std::sort(keys.begin(), keys.end());
}

const SpeakerMatcher::Entry* SpeakerMatcher::find(const std::string& key, bool& approximate) const {
    approximate = false;
    if (const auto it = by_key_.find(key); it != by_key_.end()) return &it->second;
    if (key.size() < 7) return nullptr;
    for (std::size_t length = key.size() - 1; length <= key.size() + 1; ++length) {
        const auto bucket = long_keys_.find(length);
        if (bucket == long_keys_.end()) continue;
        for (const std::string& candidate : bucket->second) {
            if (within_one_edit(key, candidate)) {
                approximate = true;
                return &by_key_.at(candidate);
            }
        }
    }
    return nullptr;
}

std::optional<Speaker> SpeakerMatcher::match_at(std::string_view text, std::size_t at,
                                                std::size_t& length) const {
    std::vector<std::size_t> word_ends;
    for (std::size_t i = at; word_ends.size() < 6 && i < text.size();) {
        std::size_t j = i;
        for (std::size_t n; j < text.size() && (n = name_char_length(text, j)) > 0;) j += n;
        if (j == i) break;
        word_ends.push_back(j);
        i = j;
        skip_spaces(text, i, text.size());
        if (i == j) break;  // no space: the name cannot go on
    }
    for (std::size_t k = word_ends.size(); k > 0; --k) {
        std::string_view written = text.substr(at, word_ends[k - 1] - at);
        // A full stop ending a sentence is not part of the name, but one
        // ending an abbreviation is ("U.S."): both normalize the same.
        const std::string key = normalize_name(written);
        if (key.empty()) continue;
        bool approximate = false;
        const Entry* entry = find(key, approximate);
        if (entry == nullptr) continue;
        const bool lower_case = std::any_of(written.begin(), written.end(),
                                            [](char c) { return c >= 'a' && c <= 'z'; });
        if (key.size() <= 3 && lower_case &&
            short_spellings_.count(without_full_stops(written)) == 0) {
            continue;  // "us", "can": words, not delegations
        }
        length = written.size();
        if (written.size() > 1 && written.back() == '.' &&
            std::count(written.begin(), written.end(), '.') == 1) {
            written.remove_suffix(1);  // "Japan." at a sentence's end
        }
        return Speaker{std::string(written), entry->name, entry->source, approximate, false};
    }
    return std::nullopt;
}

namespace {

struct SpeakerList {
    std::vector<Speaker> speakers;
    std::size_t end = 0;  // just past the last name (and its ')')
};

// Names separated by ',', '/', '&' or "and", some in parentheses:
// "Japan, Canada, U.S, NZ, (Norway)".
std::optional<SpeakerList> parse_list(std::string_view text, std::size_t at, std::size_t end,
                                      const SpeakerMatcher& matcher) {
    SpeakerList list;
    std::size_t i = at;
    skip_spaces(text, i, end);
    while (i < end) {
        std::size_t k = i;
        const bool tentative = text[k] == '(';
        if (tentative) ++k;
        std::size_t length = 0;
        std::optional<Speaker> speaker = matcher.match_at(text.substr(0, end), k, length);
        if (!speaker) break;
        k += length;
        if (tentative) {
            skip_spaces(text, k, end);
            if (k >= end || text[k] != ')') break;
            ++k;
        }
        speaker->tentative = tentative;
        list.speakers.push_back(std::move(*speaker));
        list.end = k;
        std::size_t j = k;
        skip_spaces(text, j, end);
        if (j < end && (text[j] == ',' || text[j] == '/' || text[j] == '&')) {
            ++j;
            skip_spaces(text, j, end);
            if (starts_with_word(text, j, "and")) j += 3;
        } else if (starts_with_word(text, j, "and")) {
            j += 3;
        } else {
            break;
        }
        skip_spaces(text, j, end);
        i = j;
    }
    if (list.speakers.empty()) return std::nullopt;
    return list;
}

// Past a ':', a dash or a comma after a list of names, and the spaces around.
std::size_t skip_delimiter(std::string_view text, std::size_t at, std::size_t end) {
    skip_spaces(text, at, end);
    if (at < end && (text[at] == ':' || text[at] == ',' || text[at] == '-')) {
        ++at;
    } else if (text.compare(at, 3, "\xE2\x80\x93") == 0 ||
               text.compare(at, 3, "\xE2\x80\x94") == 0) {
        at += 3;  // en dash, em dash
    }
    skip_spaces(text, at, end);
    return std::min(at, end);
}

// What may follow a list of names that starts a line: nothing, a delimiter,
// or a space before what they said. Not a letter ("Chinas"), not a '('.
bool ends_speaker_list(std::string_view text, std::size_t at) {
    if (at >= text.size()) return true;
    const char c = text[at];
    return c == ' ' || c == '\t' || c == ':' || c == ',' || c == '-' || c == '{' ||
           text.compare(at, 3, "\xE2\x80\x93") == 0 || text.compare(at, 3, "\xE2\x80\x94") == 0 ||
           text.compare(at, 2, "\xC2\xA0") == 0;
}

bool is_session_line(std::string_view line) {
    return session_day(line).has_value();
}

bool is_topic_line(std::string_view line) {
    return line.size() >= 2 && line.front() == '[' && line.back() == ']' &&
           line.find(']') == line.size() - 1;
}

// "Xyz: ..." at a line's start, one to four capitalized words that name no
// one known: an unknown speaker, unless a word that labels text ("Note:").
std::optional<Speaker> unknown_speaker(std::string_view line, std::size_t& end) {
    static constexpr std::string_view kLabels[] = {
        "note",       "nb",        "option",    "alt",      "alternative", "proposal",   "proposed",
        "suggestion", "suggested", "comment",   "question", "answer",      "response",   "reply",
        "text",       "para",      "paragraph", "section",  "rationale",   "background", "summary",
        "conclusion", "example",   "update",    "status",   "action",      "issue",      "topic",
        "new",        "old",       "original",  "current",  "revised",     "language",   "see",
        "ps",         "eg",        "ie"};
    std::size_t delimiter = std::string_view::npos;
    for (std::size_t i = 0; i < line.size() && i <= 40; ++i) {
        if (line[i] == ':' || line.compare(i, 3, "\xE2\x80\x93") == 0) {
            delimiter = i;
            break;
        }
    }
    if (delimiter == std::string_view::npos || delimiter == 0) return std::nullopt;
    const std::string written(trim(line.substr(0, delimiter)));
    std::size_t words = 0;
    for (std::size_t i = 0; i < written.size();) {
        std::size_t j = written.find(' ', i);
        if (j == std::string::npos) j = written.size();
        const std::string_view word = std::string_view(written).substr(i, j - i);
        const bool joins = word == "of" || word == "and" || word == "the" || word == "de";
        if (word.empty() || (!joins && !(word[0] >= 'A' && word[0] <= 'Z'))) return std::nullopt;
        ++words;
        i = j + 1;
    }
    if (words == 0 || words > 4) return std::nullopt;
    const std::string first = normalize_name(written.substr(0, written.find(' ')));
    for (std::string_view label : kLabels) {
        if (first == label) return std::nullopt;
    }
    end = delimiter;
    return Speaker{written, "", SpeakerSource::unknown, false, false};
}

struct Piece {
    std::vector<Speaker> speakers;
    std::string text;
};

void add_speakers(std::vector<Speaker>& to, const std::vector<Speaker>& more) {
    for (const Speaker& speaker : more) {
        const bool known = std::any_of(to.begin(), to.end(), [&](const Speaker& s) {
            return s.written == speaker.written && s.name == speaker.name;
        });
        if (!known) to.push_back(speaker);
    }
}

// Splits one line's words, from `from`, into what each speaker said: a new
// speaker list after ';' or ',' (when they said something), or inside '('.
// Quoted wording is never split. The first piece has `speakers`.
std::vector<Piece> split_content(std::string_view line, std::size_t from,
                                 std::vector<Speaker> speakers, const SpeakerMatcher& matcher) {
    std::vector<Piece> pieces;
    Piece current{std::move(speakers), ""};
    std::vector<Piece> asides;  // parenthesized speakers, after the piece they interrupt
    bool in_quote = false;
    std::size_t copied = from;
    auto flush = [&](std::size_t to) { current.text.append(line.substr(copied, to - copied)); };
    auto close_current = [&] {
        pieces.push_back(std::move(current));
        for (Piece& aside : asides) pieces.push_back(std::move(aside));
        asides.clear();
        current = Piece{};
    };
    for (std::size_t i = from; i < line.size();) {
        if (line.compare(i, 3, "\xE2\x80\x9C") == 0) in_quote = true;
        if (line.compare(i, 3, "\xE2\x80\x9D") == 0) in_quote = false;
        if (line[i] == '"') in_quote = !in_quote;
        const char c = line[i];
        if (!in_quote && (c == ';' || c == ',')) {
            const std::optional<SpeakerList> list = parse_list(line, i + 1, line.size(), matcher);
            if (list && ends_speaker_list(line, list->end)) {
                const std::size_t said = skip_delimiter(line, list->end, line.size());
                std::size_t stop = said;
                while (stop < line.size() && line[stop] != ';' && line[stop] != ',') ++stop;
                const bool says_something = !trim(line.substr(said, stop - said)).empty();
                if (says_something || c == ';') {
                    flush(i);
                    close_current();
                    current.speakers = list->speakers;
                    copied = i = said;
                    continue;
                }
                if (list->end >= line.size() || trim(line.substr(list->end)).empty()) {
                    // "EU {SHALL, Tuvalu": Tuvalu said the same.
                    flush(i);
                    add_speakers(current.speakers, list->speakers);
                    copied = i = line.size();
                    continue;
                }
            }
        }
        if (!in_quote && c == '(') {
            const std::optional<SpeakerList> list = parse_list(line, i + 1, line.size(), matcher);
            if (list) {
                const std::size_t said = skip_delimiter(line, list->end, line.size());
                // An aside ends at its ')', or a few thousand bytes on.
                std::size_t close = said, depth = 1;
                for (; close < line.size() && close - said < 4000; ++close) {
                    if (line[close] == '(') ++depth;
                    if (line[close] == ')' && --depth == 0) break;
                }
                const std::string aside(trim(line.substr(said, close - said)));
                if (!aside.empty()) {
                    flush(i);
                    asides.push_back({list->speakers, aside});
                    copied = i = std::min(close + 1, line.size());
                    continue;
                }
            }
        }
        ++i;
    }
    flush(line.size());
    close_current();
    for (Piece& piece : pieces) {
        piece.text = trim(piece.text);
        while (!piece.text.empty() && (piece.text.back() == ',' || piece.text.back() == ';')) {
            piece.text.pop_back();
            piece.text = trim(piece.text);
        }
    }
    return pieces;
}

}  // namespace

std::optional<SessionDay> session_day(std::string_view line) {
    // "16 Nov – IC", "17 November – IC", "15 November – HODs"
    static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                   "jul", "aug", "sep", "oct", "nov", "dec"};
    if (line.size() > 48) return std::nullopt;
    std::size_t i = 0;
    int day = 0;
    while (i < line.size() && i < 2 && line[i] >= '0' && line[i] <= '9')
        day = day * 10 + (line[i++] - '0');
    if (i == 0 || i >= line.size() || line[i] != ' ') return std::nullopt;
    ++i;
    if (line.size() < i + 3) return std::nullopt;
    for (int month = 0; month < 12; ++month) {
        bool same = true;
        for (std::size_t k = 0; k < 3; ++k)
            same =
                same && std::tolower(static_cast<unsigned char>(line[i + k])) == kMonths[month][k];
        if (same) return SessionDay{month + 1, day};
    }
    return std::nullopt;
}

std::vector<Segment> split_speakers(std::string_view whole, const SpeakerMatcher& matcher) {
    std::vector<Segment> segments;
    const std::string_view comment = whole.substr(0, kMaxAnalysed);
    std::string session, topic;
    std::vector<Speaker> waiting;  // a line of names alone: what they said comes next
    bool is_waiting = false;
    bool goes_on = false;  // a line without names continues the last segment

    auto join_waiting = [&] {
        if (!is_waiting) return;
        if (segments.empty()) {
            segments.push_back({waiting, "", session, topic});
        } else {
            add_speakers(segments.back().speakers, waiting);
        }
        is_waiting = false;
    };
    auto add = [&](std::vector<Piece> pieces, bool continues) {
        for (std::size_t k = 0; k < pieces.size(); ++k) {
            Piece& piece = pieces[k];
            if (k == 0 && continues && !segments.empty()) {
                if (!piece.text.empty()) {
                    std::string& text = segments.back().text;
                    text += (text.empty() ? "" : "\n") + piece.text;
                }
                continue;
            }
            if (piece.speakers.empty() && piece.text.empty()) continue;
            segments.push_back({std::move(piece.speakers), std::move(piece.text), session, topic});
        }
    };

    std::size_t at = 0;
    while (at <= comment.size()) {
        std::size_t newline = comment.find('\n', at);
        if (newline == std::string_view::npos) newline = comment.size();
        const std::string line(trim(comment.substr(at, newline - at)));
        at = newline + 1;
        if (line.empty()) continue;
        if (is_session_line(line)) {
            join_waiting();
            session = line;
            topic.clear();
            goes_on = false;
            continue;
        }
        if (is_topic_line(line)) {
            join_waiting();
            topic = line.substr(1, line.size() - 2);
            goes_on = false;
            continue;
        }
        std::optional<SpeakerList> list = parse_list(line, 0, line.size(), matcher);
        if (list && !ends_speaker_list(line, list->end)) list.reset();
        std::size_t unknown_end = 0;
        if (!list) {
            if (std::optional<Speaker> unknown = unknown_speaker(line, unknown_end))
                list = SpeakerList{{std::move(*unknown)}, unknown_end};
        }
        if (list) {
            join_waiting();
            const std::size_t said = skip_delimiter(line, list->end, line.size());
            if (said >= line.size()) {
                waiting = std::move(list->speakers);
                is_waiting = true;
                continue;
            }
            add(split_content(line, said, std::move(list->speakers), matcher), false);
        } else if (is_waiting) {
            is_waiting = false;
            add(split_content(line, 0, std::move(waiting), matcher), false);
        } else {
            add(split_content(line, 0, {}, matcher), goes_on);
        }
        goes_on = true;
    }
    join_waiting();
    if (whole.size() > comment.size()) {
        if (segments.empty()) segments.push_back({});
        segments.back().text += whole.substr(comment.size());
    }
    return segments;
}

}  // namespace accord::docx
