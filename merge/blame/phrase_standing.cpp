#include "merge/blame/phrase_standing.hpp"

#include <cctype>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <vector>

#include "core/notation/print.hpp"
#include "core/notation/tokens.hpp"

namespace accord {

namespace {

// The document's words as standing_of searches them, and where each of
// their bytes comes from.
struct PlainText {
    std::string text;  // white space collapsed, marks left out
    // Where a run of text's bytes starts, and the document offset of its
    // first byte: within a run, bytes follow one another in the document.
    // The space that stands for white space is given the offset of the byte
    // before the word after it, so that "a b" is one run; a space is never
    // the first or last byte of a phrase, whose offsets are all that is
    // asked for.
    struct Run {
        std::size_t plain;
        std::size_t source;
    };
    std::vector<Run> runs;  // by `plain`, increasing

    // The document offset of text[at].
    std::size_t source_of(std::size_t at) const {
        const auto after = std::upper_bound(
            runs.begin(), runs.end(), at, [](std::size_t x, const Run& r) { return x < r.plain; });
        const Run& run = *(after - 1);
        return run.source + (at - run.plain);
    }
};

// The bytes that are, or may begin, white space for the tokens: ' ', tab,
// CR, LF, and 0xC2, the first byte of the no-break space.
constexpr std::array<bool, 256> kMayBeSpace = [] {
    std::array<bool, 256> space{};
    for (const unsigned char c : {' ', '\t', '\r', '\n'}) space[c] = true;
    space[0xC2] = true;
    return space;
}();

// The words as the document's tokens give them (core/notation/tokens), read
// without making the tokens: the front matter, bracket and strike marks are
// left out; white space (runs of spaces, tabs and line endings, and each
// no-break space U+00A0, which the tokens count as white space wherever it
// stands) is one space between words; everything else, labels, status tags
// and option separators included, is kept as written.
//
// `skip` (sorted, apart) are ranges left out whole, their marks and words:
// the other options of a group or bracket, to read one option in its place.
class PlainWords {
  public:
    explicit PlainWords(const Document& doc) : PlainWords(doc.source, markup_pieces(doc)) {}
    // The words of `window` alone (one paragraph's, say), given the
    // document's markup pieces.
    PlainWords(const std::string& source, const std::vector<MarkupPiece>& pieces,
               const std::vector<ByteRange>& skip = {}, ByteRange window = {0, std::string::npos})
        : source_(source), skip_(skip) {
        window.end = std::min(window.end, source_.size());
        out_.text.reserve(window.end - window.begin);
        std::size_t at = window.begin;
        const auto first = std::lower_bound(
            pieces.begin(), pieces.end(), window.begin,
            [](const MarkupPiece& p, std::size_t offset) { return p.range.end <= offset; });
        for (auto it = first; it != pieces.end() && it->range.begin < window.end; ++it) {
            const MarkupPiece& piece = *it;
            if (piece.range.begin < window.begin || piece.range.end > window.end) {
                at = std::max(at, std::min(piece.range.end, window.end));
                continue;  // a piece across the window's edge (the front matter)
            }
            literal_outside(at, piece.range.begin);
            at = piece.range.end;
            if (const ByteRange* skip = skip_holding(piece.range.begin)) {
                // Past the skipped range's pieces at once: a group of
                // thousands of options is read once per option, not once
                // per option per option.
                it = std::lower_bound(it, pieces.end(), skip->end,
                                      [](const MarkupPiece& p, std::size_t offset) {
                                          return p.range.begin < offset;
                                      });
                at = std::max(at, skip->end);
                --it;  // after the piece at hand, so at least where it was
                continue;
            }
            switch (piece.kind) {
                case MarkupKind::front_matter:
                case MarkupKind::bracket_open:
                case MarkupKind::bracket_close:
                case MarkupKind::strike_open:
                case MarkupKind::strike_close:
                    break;
                case MarkupKind::label:
                case MarkupKind::status_tag:
                case MarkupKind::separator:
                    words(piece.range.begin, piece.range.end);
                    break;
            }
        }
        literal_outside(at, window.end);
    }
    PlainText take() { return std::move(out_); }

  private:
    const ByteRange* skip_holding(std::size_t offset) const {
        for (const ByteRange& r : skip_)
            if (r.begin <= offset && offset < r.end) return &r;
        return nullptr;
    }
    // Literal text [begin, end) but for the skipped ranges.
    void literal_outside(std::size_t begin, std::size_t end) {
        for (const ByteRange& r : skip_) {
            if (r.end <= begin || r.begin >= end) continue;
            if (r.begin > begin) literal(begin, r.begin);
            begin = std::max(begin, r.end);
        }
        if (begin < end) literal(begin, end);
    }

    bool space_at(std::size_t i) const {
        const unsigned char c = static_cast<unsigned char>(source_[i]);
        return kMayBeSpace[c] && (c != 0xC2 || no_break_space_at(i));
    }
    bool no_break_space_at(std::size_t i) const {
        return source_[i] == '\xC2' && i + 1 < source_.size() && source_[i + 1] == '\xA0';
    }

    // Literal text between markup pieces.
    void literal(std::size_t begin, std::size_t end) {
        std::size_t i = begin;
        while (i < end) {
            if (space_at(i)) {
                space_ = !out_.text.empty();
                i += no_break_space_at(i) ? 2 : 1;
                continue;
            }
            // Words with one ' ' between them are kept as they are.
            std::size_t j = i + 1;
            for (;;) {
                while (j < end && !space_at(j)) ++j;
                if (j + 1 < end && source_[j] == ' ' && !space_at(j + 1)) {
                    j += 2;
                    continue;
                }
                break;
            }
            words(i, j);
            i = j;
        }
    }

    // Bytes kept as written, after one space if white space came before.
    void words(std::size_t begin, std::size_t end) {
        if (space_) {
            begin_run(begin - 1);
            out_.text += ' ';
        } else {
            begin_run(begin);
        }
        space_ = false;
        out_.text.append(source_, begin, end - begin);
    }

    // The next byte of text stands for the document's byte at `source`: a new
    // run unless it continues the last one.
    void begin_run(std::size_t source) {
        const bool continues =
            !out_.runs.empty() &&
            out_.runs.back().source + (out_.text.size() - out_.runs.back().plain) == source;
        if (!continues) out_.runs.push_back({out_.text.size(), source});
    }

    const std::string& source_;
    const std::vector<ByteRange>& skip_;
    PlainText out_;
    bool space_ = false;
};

// "**Alt1:**" -> true: a paragraph written as an alternative to the main
// paragraph before it (not one of a numbered list of options).
bool is_alt_label(std::string_view label) {
    while (!label.empty() && (label.front() == '*' || label.front() == ' ')) label.remove_prefix(1);
    return label.substr(0, 3) == "Alt";
}

// Whether paragraph `p` is one of several alternatives standing side by
// side: Option or Alt paragraphs next to one another, or a paragraph with
// the Alt paragraphs that follow it.
bool among_options(const Document& doc, std::size_t p) {
    const auto& paragraphs = doc.paragraphs;
    const auto labelled = [&](std::size_t k) {
        return k < paragraphs.size() && paragraphs[k].is_alternative();
    };
    const auto alt = [&](std::size_t k) {
        return labelled(k) && is_alt_label(doc.text(paragraphs[k].label));
    };
    if (labelled(p)) return (p > 0 && labelled(p - 1)) || labelled(p + 1) || (alt(p) && p > 0);
    return alt(p + 1);
}

Standing standing_at(const Document& doc, std::size_t begin, std::size_t end) {
    for (const Strike& s : doc.strikes) {
        if (s.open < end && begin < s.close) return Standing::struck;
    }
    // Wholly inside one option of a group or slash bracket ("[well below 2
    // °C][below 1.5 °C]"): one of several options, as in Option paragraphs.
    // A phrase running out of a bracket, or in one alone, is bracketed.
    bool bracketed = false;
    for (const Bracket& b : doc.brackets) {
        if (!(b.open < end && begin < b.close)) continue;
        const bool inside = b.open < begin && end <= b.close;
        if (inside && (b.group != kNone || b.separators > 0)) return Standing::option;
        bracketed = true;
    }
    if (bracketed) return Standing::bracketed;
    const auto agreed = [](std::string_view status) {
        std::string lower(status);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return lower == "agreed";
    };
    // The text's own status, when its front matter gives one.
    const FrontMatterField* text_status = doc.front_matter.find("status");
    for (std::size_t p = 0; p < doc.paragraphs.size(); ++p) {
        const Paragraph& paragraph = doc.paragraphs[p];
        if (!(paragraph.range.begin <= begin && begin < paragraph.range.end)) continue;
        if (among_options(doc, p)) return Standing::option;
        const std::string_view status =
            !paragraph.status.empty()
                ? std::string_view(paragraph.status)
                : (text_status && text_status->scalar ? std::string_view(text_status->value)
                                                      : std::string_view());
        return status.empty() || agreed(status) ? Standing::free : Standing::unbracketed;
    }
    return Standing::free;
}

// The bytes the sieve drops: those standing_of can leave out of the text it
// searches or turn into a space (see PhraseSieve).
constexpr std::array<bool, 256> kDropped = [] {
    std::array<bool, 256> dropped{};
    for (const unsigned char c : {' ', '\t', '\r', '\n', '[', ']', '~'}) dropped[c] = true;
    dropped[0xC2] = dropped[0xA0] = true;  // U+00A0, the no-break space, is white space
    return dropped;
}();

bool dropped(char c) {
    return kDropped[static_cast<unsigned char>(c)];
}

// How rarely a byte occurs in negotiated prose, roughly: lower-case letters
// from the most frequent in English to the least, then '.' and ',', then
// capitals, digits and everything else. The sieve looks for the key's rarest
// byte first.
int rarity(char c) {
    static constexpr std::string_view kLetters = "etaoinsrhldcumfpgwybvkxjqz";
    if (const std::size_t at = kLetters.find(c); at != std::string_view::npos)
        return static_cast<int>(at);
    if (c == '.' || c == ',') return 10;
    return 30;
}

// Whether the byte before `begin` and the one at `end` part words: the
// text's edges, white space, or (after) punctuation. Options are read in
// place only where they stand as whole words, so that a word of a reading
// is always whole in the text (what the sieve relies on).
bool stands_apart(std::string_view source, std::size_t begin, std::size_t end) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    // A Chinese or Japanese character on either side of an edge parts words
    // there: each is a word of its own ("[削減][抑制]温室効果ガス").
    const auto parted = [&](std::size_t outside, std::size_t inside) {
        return ideograph_ends_at(source, outside) || ideograph_length_at(source, outside) > 0 ||
               ideograph_length_at(source, inside) > 0 || ideograph_ends_at(source, inside);
    };
    const bool before = begin == 0 || space(source[begin - 1]) || parted(begin, begin + 1);
    const bool after = end >= source.size() || space(source[end]) ||
                       std::string_view(".,;:!?)").find(source[end]) != std::string_view::npos ||
                       parted(end, end - 1);
    return before && after;
}

// The readings of the text with one option of a group or of a slash bracket
// in place of all (the others left out), one per option: "provide
// [new][adequate] finance" reads "provide new finance" and "provide
// adequate finance". Each is read within `margin` bytes of its list (and
// its paragraphs): room for the phrase with the marks and white space
// written around it; a phrase spread wider is not read through an option.
// Then a list of thousands of options costs as many short readings, not as
// many readings of its whole paragraph. Given to `read` one at a time, as the
// ranges left out (at most two: the options before it and those after
// it), the option's range and the window read.
using ReadOne =
    std::function<void(const std::vector<ByteRange>& skip, ByteRange option, ByteRange window)>;
void for_each_reading(const Document& doc, std::size_t margin, const ReadOne& read) {
    const std::string_view source = doc.source;
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    // Around the list [begin, end), cut at white space, so that no word is
    // read in part, and within its paragraphs.
    const auto window_of = [&](std::size_t begin, std::size_t end, const Bracket& first,
                               const Bracket& last) {
        ByteRange w{doc.paragraphs[first.open_paragraph].range.begin,
                    doc.paragraphs[last.close_paragraph].range.end};
        if (begin > w.begin + margin) {
            w.begin = begin - margin;
            while (w.begin < begin && !is_space(source[w.begin])) ++w.begin;
        }
        if (end + margin < w.end) {
            w.end = end + margin;
            while (w.end > end && !is_space(source[w.end - 1])) --w.end;
        }
        return w;
    };
    std::vector<ByteRange> skip;
    // Options [first, last] of a list whose k-th option is [bounds...):
    // everything of the list but option k left out.
    const auto read_list = [&](const std::vector<ByteRange>& options, ByteRange list,
                               ByteRange window) {
        for (std::size_t k = 0; k < options.size(); ++k) {
            skip.clear();
            if (k > 0) skip.push_back({list.begin, options[k].begin});
            if (k + 1 < options.size()) skip.push_back({options[k].end, list.end});
            read(skip, options[k], window);
        }
    };
    std::vector<ByteRange> options;
    for (const AlternativesGroup& g : doc.groups) {
        if (g.brackets.size() < 2) continue;
        const Bracket &first = doc.brackets[g.brackets.front()],
                      &last = doc.brackets[g.brackets.back()];
        if (!stands_apart(source, first.open, last.close + 1)) continue;
        options.clear();
        for (const std::uint32_t b : g.brackets) options.push_back(doc.brackets[b].outer());
        read_list(options, {first.open, last.close + 1},
                  window_of(first.open, last.close + 1, first, last));
    }
    // Slash options: between '[', its separators and ']', each separator
    // left out with the options on its far side.
    std::vector<std::vector<std::size_t>> separators(doc.brackets.size());
    for (const Separator& s : doc.separators)
        if (s.bracket < separators.size()) separators[s.bracket].push_back(s.at);
    for (std::uint32_t b = 0; b < doc.brackets.size(); ++b) {
        const Bracket& bracket = doc.brackets[b];
        if (separators[b].empty() || !stands_apart(source, bracket.open, bracket.close + 1))
            continue;
        options.clear();
        std::size_t from = bracket.open + 1;
        for (const std::size_t at : separators[b]) {
            options.push_back({from, at});
            from = at;  // the separator goes with the option after it
        }
        options.push_back({from, bracket.close});
        // The separator standing before option k is not its wording.
        for (std::size_t k = 1; k < options.size(); ++k) ++options[k].begin;
        read_list(options, {bracket.open + 1, bracket.close},
                  window_of(bracket.open, bracket.close + 1, bracket, bracket));
    }
}

// Whether text[begin, end) stands as whole words and numbers: no word or
// number goes on past either edge ("financial in" is not in "financial
// indicators", "1" not in "1.5"). A phrase that starts or ends with a
// mark of its own ("-based") may stand beside a word there.
bool whole_words(std::string_view text, std::size_t begin, std::size_t end) {
    const auto digit = [&](std::size_t at) {
        return at < text.size() && text[at] >= '0' && text[at] <= '9';
    };
    const auto decimal_mark = [&](std::size_t at) {
        return at < text.size() && (text[at] == '.' || text[at] == ',');
    };
    if (letter_at(text, begin) && letter_ends_at(text, begin)) return false;
    if (letter_ends_at(text, end) && letter_at(text, end)) return false;
    if (digit(begin) && begin >= 2 && decimal_mark(begin - 1) && digit(begin - 2)) return false;
    if (end >= 1 && digit(end - 1) && decimal_mark(end) && digit(end + 1)) return false;
    return true;
}

// The best standing of `phrase` in `plain`, where it stands as whole words;
// with `within`, only of the occurrences that reach into it.
Standing best_standing(const Document& doc, const PlainText& plain, std::string_view phrase,
                       const ByteRange* within = nullptr) {
    Standing best = Standing::absent;
    for (std::size_t found = plain.text.find(phrase); found != std::string::npos;
         found = plain.text.find(phrase, found + 1)) {
        if (!whole_words(plain.text, found, found + phrase.size())) continue;
        const std::size_t begin = plain.source_of(found),
                          end = plain.source_of(found + phrase.size() - 1) + 1;
        if (within && (end <= within->begin || begin >= within->end)) continue;
        best = std::max(best, standing_at(doc, begin, end));
        if (best == Standing::free) break;
    }
    return best;
}

}  // namespace

Standing standing_of(const Document& doc, std::string_view phrase) {
    if (phrase.empty()) return Standing::absent;
    const std::vector<MarkupPiece> pieces = markup_pieces(doc);
    Standing best = best_standing(doc, PlainWords(doc.source, pieces).take(), phrase);
    if (best >= Standing::bracketed) return best;
    // Read with one option in place of its group: a phrase that runs
    // through an option stands, bracketed, from the proposal that offered it.
    // A phrase is looked for within the option's paragraphs (one running on
    // into the next paragraph is not read through an option).
    const std::size_t margin = 4 * phrase.size() + 64;
    for_each_reading(
        doc, margin, [&](const std::vector<ByteRange>& skip, ByteRange option, ByteRange window) {
            const PlainText plain = PlainWords(doc.source, pieces, skip, window).take();
            best = std::max(best, best_standing(doc, plain, phrase, &option));
        });
    return best;
}

std::string_view state_name(Standing standing) {
    switch (standing) {
        case Standing::absent:
            return "absent";
        case Standing::struck:
            return "struck";
        case Standing::bracketed:
            return "bracketed";
        case Standing::option:
            return "option";
        case Standing::unbracketed:
            return "unbracketed";
        case Standing::free:
            return "agreed";
    }
    return "absent";
}

namespace {

std::size_t rarest(std::string_view key) {
    std::size_t anchor = 0;
    for (std::size_t k = 1; k < key.size(); ++k)
        if (rarity(key[k]) > rarity(key[anchor])) anchor = k;
    return anchor;
}

}  // namespace

PhraseSieve::PhraseSieve(std::string_view phrase) {
    std::string word;
    for (std::size_t at = 0; at < phrase.size();) {
        // A Chinese or Japanese character is a word of its own, written
        // without a space beside the next.
        if (const std::size_t length = ideograph_length_at(phrase, at); length > 0) {
            if (!word.empty()) words_.push_back(std::move(word)), word.clear();
            // Its bytes as the search reads text: dropped ones left out
            // (a byte 0xA0 inside a character, as in a no-break space).
            std::string character;
            for (const char c : phrase.substr(at, length))
                if (!dropped(c)) character += c;
            key_ += character;
            words_.push_back(std::move(character));
            at += length;
            continue;
        }
        const char c = phrase[at++];
        if (!dropped(c)) key_ += c, word += c;
        if (c == ' ' && !word.empty()) words_.push_back(std::move(word)), word.clear();
    }
    if (!word.empty()) words_.push_back(std::move(word));
    anchor_ = rarest(key_);
}

// Why nothing standing_of finds is missed: standing_of searches the text of
// the document's tokens with the front matter (a prefix of the text) and the
// mark tokens left out, and each white-space token made a space or nothing.
// Mark and white-space tokens consist of dropped bytes only, and the space is
// one, so dropping those bytes from what standing_of searches gives the same
// bytes as dropping them from the text after its front matter, a suffix of
// the whole. Dropping bytes from an occurrence of the phrase gives a
// substring of that: the key is in the text with its dropped bytes dropped.
//
// That search runs on the text as it is: each occurrence of the key's
// rarest byte (found by memchr) is extended both ways, the dropped bytes
// skipped. Not a search for the phrase's words one by one: a mark may split
// a word ("en[hanced]" holds "enhanced").
// A phrase read through an option (standing_of's readings, which leave the
// group's other options out) is in the text word by word: each option stands
// as whole words there, so every word of the phrase is in the text whole,
// with only dropped bytes inside. Looked for only in a text that has options
// at all ("][" or '/').
bool PhraseSieve::may_stand_in(std::string_view text) const {
    if (holds(text, key_, anchor_)) return true;
    if (words_.size() < 2 ||
        (text.find("][") == std::string_view::npos && text.find('/') == std::string_view::npos))
        return false;
    for (const std::string& word : words_)
        if (!holds(text, word, rarest(word))) return false;
    return true;
}

bool PhraseSieve::holds(std::string_view text, std::string_view key, std::size_t at_rarest) {
    if (key.empty()) return true;
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char anchor = key[at_rarest];
    for (const char* at = begin; (at = static_cast<const char*>(
                                      std::memchr(at, anchor, static_cast<std::size_t>(end - at))));
         ++at) {
        // The kept bytes after the anchor are the rest of the key...
        const char* next = at + 1;
        std::size_t k = at_rarest + 1;
        for (; k < key.size(); ++k, ++next) {
            while (next < end && dropped(*next)) ++next;
            if (next == end || *next != key[k]) break;
        }
        if (k < key.size()) continue;
        // ... and those before it its beginning.
        const char* before = at;
        k = at_rarest;
        for (; k > 0; --k, --before) {
            while (before > begin && dropped(before[-1])) --before;
            if (before == begin || before[-1] != key[k - 1]) break;
        }
        if (k == 0) return true;
    }
    return false;
}

}  // namespace accord
