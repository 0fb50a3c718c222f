#include "merge/diff/token_diff.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/notation/print.hpp"
#include "core/util/crypto.hpp"
#include "core/util/string_table.hpp"
#include "core/util/text.hpp"

namespace accord {

namespace {

constexpr std::uint32_t kOpen = 0, kClose = 1, kStrikeOpen = 2, kStrikeClose = 3, kSeparator = 4;

}  // namespace

bool comparable_word_by_word(std::string_view text) {
    if (text.size() > kMaxWordComparedBytes) return false;
    if (text.size() <= kMaxWordComparedTokens) return true;  // a token takes a byte at least
    enum class Run { none, letters, spaces };
    Run run = Run::none;
    std::size_t tokens = 0;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        // A byte starting a character from U+3000 to U+9FFF (kana, ideographs)
        // starts a token of its own; a letter a run of letters, a space or tab
        // a run of them; any other byte is a token.
        const bool own_token = u >= 0xE3 && u <= 0xE9;
        const Run now = is_word_byte(c)           ? Run::letters
                        : (c == ' ' || c == '\t') ? Run::spaces
                                                  : Run::none;
        if (own_token || now == Run::none || now != run) ++tokens;
        run = now;
        if (tokens > kMaxWordComparedTokens) return false;
    }
    return true;
}

std::string beyond_word_by_word(const std::string& label, std::size_t size) {
    return label + " (" + std::to_string((size + (std::size_t{1} << 20) - 1) >> 20) +
           " MiB) is more than accord compares word by word (at most " +
           std::to_string(kMaxWordComparedBytes >> 20) + " MiB, or " +
           std::to_string(kMaxWordComparedTokens / 1'000'000) + " million words, spaces and marks)";
}

std::string too_large_to_compare(const std::string& label, std::size_t size) {
    return beyond_word_by_word(label, size) +
           ": a negotiated text is never that large (split it into several texts, or compare it "
           "with git)";
}

struct TokenInterner::Tables {
    // Each keeps its own copies of the keys: documents may go before the interner.
    StringTable text, markup, units;
    std::uint32_t next = 5;

    std::uint32_t intern(StringTable& table, std::string_view key) {
        const std::uint32_t id = table.find_or_add(key, next);
        if (id == next) ++next;
        return id;
    }
    // A paragraph's id. Without digests, by its bytes (as intern(units,
    // key)). With them (a blame that leaves a checkpoint, goes on from one,
    // or keys units by digest), by its SHA-256 alone: a long history has a
    // new version of a paragraph in nearly every proposal, and keeping each
    // one's bytes made the interner hold every version of every paragraph
    // it saw (22 MB of 43 for 2,000 proposals of one 16 KB text; 117 MB for
    // every text of 100,000 proposals). Equal digests mean equal bytes.
    std::uint32_t unit(std::string_view key) {
        if (units_skipped) return kNone;
        if (!digests_wanted && !by_digest && unit_digests.empty()) return intern(units, key);
        std::string digest = crypto::digest(crypto::Digest::sha256, key);
        const auto [known, added] = unit_digests.try_emplace(std::move(digest), next);
        if (added) {
            ++next;
            if (digests_wanted) new_units.push_back(known->first);
        }
        return known->second;
    }
    // Paragraphs by their SHA-256: those of a state, and those first seen
    // here when digests are wanted.
    std::unordered_map<std::string, std::uint32_t> unit_digests;
    // With keep_unit_digests(): the digests first seen here, in order (state()).
    bool digests_wanted = false;
    std::vector<std::string> new_units;
    bool units_skipped = false;    // skip_unit_ids()
    bool by_digest = false;        // key_units_by_digest()
    bool breaks_by_bytes = false;  // keep_break_bytes()
    std::uint32_t token(const Document& doc, const Token& t) {
        switch (t.kind) {
            case TokenKind::bracket_open:
                return kOpen;
            case TokenKind::bracket_close:
                return kClose;
            case TokenKind::strike_open:
                return kStrikeOpen;
            case TokenKind::strike_close:
                return kStrikeClose;
            case TokenKind::separator:
                return kSeparator;
            default:
                break;
        }
        const bool markup_kind = is_markup(t.kind);
        // Every paragraph break is one token, however many blank lines or
        // whichever line ends it holds ("\n\n\n", "\r\n\r\n", the "\n"
        // before a heading): layout, not wording (unless breaks_by_bytes()).
        const std::string_view key = t.kind == TokenKind::paragraph_break && !breaks_by_bytes
                                         ? std::string_view("\n\n")
                                         : doc.text(t.range);
        if (key.size() == 1) {
            std::uint32_t& id =
                (markup_kind ? markup_bytes : text_bytes)[static_cast<unsigned char>(key[0])];
            if (id == kNone) id = next++;
            return id;
        }
        return intern(markup_kind ? markup : text, key);
    }
    // One-byte tokens (a space, most punctuation) are about half of a text's:
    // looked up by their byte, without hashing. kNone until seen.
    std::array<std::uint32_t, 256> text_bytes = all_none(), markup_bytes = all_none();
    static std::array<std::uint32_t, 256> all_none() {
        std::array<std::uint32_t, 256> ids;
        ids.fill(kNone);
        return ids;
    }
};

TokenInterner::TokenInterner() : tables_(std::make_unique<Tables>()) {}
TokenInterner::~TokenInterner() = default;

TokenInterner::TokenInterner(const State& state) : tables_(std::make_unique<Tables>()) {
    constexpr std::uint32_t kFirst = 5;  // after the fixed ids of the marks
    if (state.next < kFirst || state.next >= kNone - 1 || state.text_bytes.size() != 256 ||
        state.markup_bytes.size() != 256)
        throw std::invalid_argument("interner state: malformed");
    const auto valid = [&](std::uint32_t id) { return id >= kFirst && id < state.next; };
    for (std::size_t b = 0; b < 256; ++b) {
        for (const auto* bytes : {&state.text_bytes, &state.markup_bytes}) {
            if ((*bytes)[b] != kNone && !valid((*bytes)[b]))
                throw std::invalid_argument("interner state: an id out of range");
        }
        tables_->text_bytes[b] = state.text_bytes[b];
        tables_->markup_bytes[b] = state.markup_bytes[b];
    }
    for (const State::Entry& entry : state.entries) {
        if (entry.table == State::Table::unit_digest) {
            if (!valid(entry.id) || !tables_->unit_digests.emplace(entry.key, entry.id).second)
                throw std::invalid_argument("interner state: a bad or repeated digest");
            continue;
        }
        StringTable* table = entry.table == State::Table::text     ? &tables_->text
                             : entry.table == State::Table::markup ? &tables_->markup
                                                                   : nullptr;
        if (table == nullptr || !valid(entry.id) ||
            table->find_or_add(entry.key, entry.id) != entry.id)
            throw std::invalid_argument("interner state: a bad or repeated entry");
    }
    tables_->next = state.next;
}

void TokenInterner::keep_unit_digests() {
    if ((tables_->units.size() != 0 && !tables_->digests_wanted) || tables_->units_skipped)
        throw std::logic_error("interner: digests asked for after paragraphs were interned");
    tables_->digests_wanted = true;
}

void TokenInterner::keep_break_bytes() {
    tables_->breaks_by_bytes = true;
}

void TokenInterner::skip_unit_ids() {
    if (tables_->next != 5 || tables_->digests_wanted)
        throw std::logic_error("interner: unit ids skipped after interning, or with digests");
    tables_->units_skipped = true;
}

void TokenInterner::key_units_by_digest() {
    if (tables_->units.size() != 0 || tables_->units_skipped)
        throw std::logic_error("interner: units keyed by digest after paragraphs were interned");
    tables_->by_digest = true;
}

std::uint32_t TokenInterner::ids_given() const {
    return tables_->next;
}

TokenInterner::State TokenInterner::state() const {
    if (!tables_->digests_wanted)
        throw std::logic_error("interner: state() without keep_unit_digests()");
    State out;
    out.next = tables_->next;
    out.text_bytes.assign(tables_->text_bytes.begin(), tables_->text_bytes.end());
    out.markup_bytes.assign(tables_->markup_bytes.begin(), tables_->markup_bytes.end());
    out.entries.reserve(tables_->text.size() + tables_->markup.size() +
                        tables_->unit_digests.size());
    const auto add = [&](const StringTable& table, State::Table which) {
        table.for_each([&](std::string_view key, std::uint32_t id) {
            out.entries.push_back({which, std::string(key), id});
        });
    };
    add(tables_->text, State::Table::text);
    add(tables_->markup, State::Table::markup);
    // Paragraphs first seen here, in the order seen, then those known by
    // their digest from the start (come again or not).
    for (const std::string& digest : tables_->new_units)
        out.entries.push_back(
            {State::Table::unit_digest, digest, tables_->unit_digests.at(digest)});
    const std::unordered_set<std::string_view> fresh(tables_->new_units.begin(),
                                                     tables_->new_units.end());
    for (const auto& [digest, id] : tables_->unit_digests) {
        if (!fresh.contains(digest)) out.entries.push_back({State::Table::unit_digest, digest, id});
    }
    return out;
}

InternedTokens TokenInterner::intern(const Document& doc) {
    InternedTokens out = intern_units(doc);
    for (std::uint32_t k = 0; k < out.tokens.size(); ++k)
        out.ids[k] = tables_->token(doc, out.tokens[k]);
    return out;
}

void TokenInterner::intern_unit_tokens(const Document& doc, InternedTokens& interned,
                                       std::uint32_t unit) {
    for (std::uint32_t k = interned.unit_first[unit]; k < interned.unit_first[unit + 1]; ++k) {
        if (interned.ids[k] == kNone) interned.ids[k] = tables_->token(doc, interned.tokens[k]);
    }
}

namespace {

// Whether token k ends a paragraph unit: a paragraph break, the last
// token, or the front matter with the blank after it. The blank line after
// the front matter goes with it, so that the first paragraph is the same
// unit whether the front matter or another paragraph stands before it (a
// paragraph put first, before an unchanged one, left that one unmatched).
bool is_blank(TokenKind kind) {
    return kind == TokenKind::space || kind == TokenKind::line_break;
}

bool closes_unit(const std::vector<Token>& tokens, std::uint32_t k) {
    const TokenKind kind = tokens[k].kind;
    if (kind == TokenKind::paragraph_break || k + 1 == tokens.size()) return true;
    if (kind != TokenKind::front_matter && !is_blank(kind)) return false;
    if (is_blank(tokens[k + 1].kind) || tokens[k + 1].kind == TokenKind::paragraph_break)
        return false;  // the blank goes on
    while (k > 0 && is_blank(tokens[k].kind)) --k;
    return tokens[k].kind == TokenKind::front_matter;
}

// Calls unit(first, last) for each unit of `tokens`, in order: a paragraph
// with the break after it, or the front matter and the blank after it
// (tokens [first, last]).
template <typename Unit>
void for_each_unit(const std::vector<Token>& tokens, Unit unit) {
    std::uint32_t start = 0;
    for (std::uint32_t k = 0; k < tokens.size(); ++k) {
        if (!closes_unit(tokens, k)) continue;
        unit(start, k);
        start = k + 1;
    }
}

}  // namespace

InternedTokens TokenInterner::intern_units(const Document& doc) {
    InternedTokens out;
    out.tokens = tokenize(doc);
    out.ids.assign(out.tokens.size(), kNone);
    for_each_unit(out.tokens, [&](std::uint32_t first, std::uint32_t last) {
        const ByteRange range{out.tokens[first].range.begin, out.tokens[last].range.end};
        out.unit_ids.push_back(tables_->unit(doc.text(range)));
        out.unit_first.push_back(first);
    });
    out.unit_first.push_back(static_cast<std::uint32_t>(out.tokens.size()));
    return out;
}

namespace {

// Where a token or paragraph of a later text lies in the bytes it shares
// with an earlier text: `shift` maps its offsets onto the earlier text.
struct SharedBytes {
    std::size_t prefix = 0;        // bytes equal at the start
    std::size_t suffix_begin = 0;  // in the later text: from here to the end, equal at the end
    std::size_t shift = 0;         // earlier size - later size, modulo 2^64

    SharedBytes(std::string_view later, std::string_view earlier) {
        const std::size_t common = std::min(later.size(), earlier.size());
        constexpr std::size_t kBlock = 64;  // compared with memcmp first, then byte by byte
        while (prefix + kBlock <= common &&
               std::memcmp(later.data() + prefix, earlier.data() + prefix, kBlock) == 0)
            prefix += kBlock;
        while (prefix < common && later[prefix] == earlier[prefix]) ++prefix;
        std::size_t suffix = 0;
        const char* const later_end = later.data() + later.size();
        const char* const earlier_end = earlier.data() + earlier.size();
        while (suffix + kBlock <= common - prefix &&
               std::memcmp(later_end - suffix - kBlock, earlier_end - suffix - kBlock, kBlock) == 0)
            suffix += kBlock;
        while (suffix < common - prefix &&
               later_end[-1 - static_cast<std::ptrdiff_t>(suffix)] ==
                   earlier_end[-1 - static_cast<std::ptrdiff_t>(suffix)])
            ++suffix;
        suffix_begin = later.size() - suffix;
        shift = earlier.size() - later.size();
    }
    // The same bytes in the earlier text, if `range` lies wholly in shared bytes.
    std::optional<ByteRange> earlier_range(ByteRange range) const {
        if (range.end <= prefix) return range;
        if (range.begin >= suffix_begin) return ByteRange{range.begin + shift, range.end + shift};
        return std::nullopt;
    }
};

// The earlier text's runs of literal text (between markup tokens), with
// the indices of their tokens: tokens of a run depend on its bytes alone.
// Run k ends at the earlier text's k-th markup token (runs[k].last); the
// last run ends the text.
struct Run {
    std::size_t begin, end;
    std::uint32_t first, last;  // its tokens: [first, last)
};

std::vector<Run> literal_runs(const Document& earlier_doc, const InternedTokens& earlier,
                              std::size_t expected) {
    std::vector<Run> runs;
    runs.reserve(expected + 16);
    bool markup[256] = {};
    for (int kind = 0; kind < 256; ++kind) markup[kind] = is_markup(static_cast<TokenKind>(kind));
    std::size_t at = 0;
    std::uint32_t first = 0;
    for (std::uint32_t k = 0; k < earlier.tokens.size(); ++k) {
        if (!markup[static_cast<std::uint8_t>(earlier.tokens[k].kind)]) continue;
        runs.push_back({at, earlier.tokens[k].range.begin, first, k});
        at = earlier.tokens[k].range.end, first = k + 1;
    }
    runs.push_back(
        {at, earlier_doc.source.size(), first, static_cast<std::uint32_t>(earlier.tokens.size())});
    return runs;
}

// How much of the text stands as it stood at its two ends: the leading
// markup pieces that stand where the earlier text's markup stood, in the
// bytes both share, each with the text before it (`lead`), and the trailing
// ones, each with the text after it (`trail`). Those have the earlier text's
// tokens and ids (a piece's id depends on its kind and bytes alone).
struct StandingEnds {
    std::size_t lead = 0, trail = 0;  // markup pieces
    std::uint32_t lead_tokens = 0;    // the tokens up to the last leading piece
    std::uint32_t trail_from = 0;     // in the earlier text: the first trailing token
};

StandingEnds standing_ends(const std::vector<MarkupPiece>& pieces, const std::vector<Run>& runs,
                           const InternedTokens& earlier, const SharedBytes& shared) {
    const std::size_t marks = runs.size() - 1;  // the earlier text's markup tokens
    auto same_mark = [&](const MarkupPiece& piece, std::size_t mark, std::size_t back) {
        const Token& token = earlier.tokens[runs[mark].last];
        return token.range.begin - back == piece.range.begin &&
               token.range.end - back == piece.range.end && token.kind == markup_token_kind(piece);
    };
    StandingEnds ends;
    std::size_t& lead = ends.lead;
    std::size_t& trail = ends.trail;
    while (lead < pieces.size() && lead < marks && pieces[lead].range.begin + 3 < shared.prefix &&
           pieces[lead].range.end <= shared.prefix && same_mark(pieces[lead], lead, 0))
        ++lead;
    while (trail < pieces.size() - lead && trail < marks - lead &&
           pieces[pieces.size() - 1 - trail].range.begin >= shared.suffix_begin &&
           same_mark(pieces[pieces.size() - 1 - trail], marks - 1 - trail, shared.shift))
        ++trail;
    ends.lead_tokens = lead > 0 ? runs[lead - 1].last + 1 : 0;
    ends.trail_from =
        trail > 0 ? runs[marks - trail].last : static_cast<std::uint32_t>(earlier.tokens.size());
    return ends;
}

// The tokens of `doc` into `out`: the standing ends copied (two copies, of
// the tokens and of the ids), and between them each piece with the text
// before it. A run of text whose bytes, and the 3 after them, are shared,
// between the same pieces as an earlier run, has that run's tokens and ids;
// other runs are tokenized, their ids kNone. Returns where the copied
// trailing tokens start in `out`.
std::uint32_t copy_and_tokenize(const Document& doc, const InternedTokens& earlier,
                                const std::vector<MarkupPiece>& pieces,
                                const std::vector<Run>& runs, const SharedBytes& shared,
                                const StandingEnds& ends, InternedTokens& out) {
    out.tokens.reserve(earlier.tokens.size() + 64);
    out.ids.reserve(earlier.tokens.size() + 64);
    out.tokens.assign(earlier.tokens.begin(), earlier.tokens.begin() + ends.lead_tokens);
    out.ids.assign(earlier.ids.begin(), earlier.ids.begin() + ends.lead_tokens);
    std::size_t r = ends.lead;  // runs are asked for in order of offset
    auto text_run = [&](std::size_t begin, std::size_t end) {
        std::optional<ByteRange> from;
        if (end + 3 < shared.prefix) {
            from = ByteRange{begin, end};
        } else if (begin >= shared.suffix_begin) {
            from = ByteRange{begin + shared.shift, end + shared.shift};
        }
        if (from) {
            while (r < runs.size() && runs[r].begin < from->begin) ++r;
            if (r < runs.size() && runs[r].begin == from->begin && runs[r].end == from->end) {
                const std::size_t back = from->begin - begin;  // modulo 2^64, as shift
                const std::size_t made = out.tokens.size();
                out.tokens.insert(out.tokens.end(), earlier.tokens.begin() + runs[r].first,
                                  earlier.tokens.begin() + runs[r].last);
                out.ids.insert(out.ids.end(), earlier.ids.begin() + runs[r].first,
                               earlier.ids.begin() + runs[r].last);
                if (back != 0) {
                    for (std::size_t k = made; k < out.tokens.size(); ++k)
                        out.tokens[k].range.begin -= back, out.tokens[k].range.end -= back;
                }
                return;
            }
        }
        tokenize_text(doc.source, begin, end, out.tokens);
        out.ids.resize(out.tokens.size(), kNone);  // interned later, after the units
    };
    std::size_t at = ends.lead > 0 ? pieces[ends.lead - 1].range.end : 0;
    for (std::size_t p = ends.lead; p < pieces.size() - ends.trail; ++p) {
        text_run(at, pieces[p].range.begin);
        out.tokens.push_back({TokenRange(pieces[p].range), markup_token_kind(pieces[p])});
        out.ids.push_back(kNone);
        at = pieces[p].range.end;
    }
    text_run(at,
             ends.trail > 0 ? pieces[pieces.size() - ends.trail].range.begin : doc.source.size());
    const auto middle_end = static_cast<std::uint32_t>(out.tokens.size());
    out.tokens.insert(out.tokens.end(), earlier.tokens.begin() + ends.trail_from,
                      earlier.tokens.end());
    out.ids.insert(out.ids.end(), earlier.ids.begin() + ends.trail_from, earlier.ids.end());
    for (std::size_t k = middle_end; k < out.tokens.size(); ++k)
        out.tokens[k].range.begin -= shared.shift, out.tokens[k].range.end -= shared.shift;
    mark_paragraph_ends(doc, out.tokens);  // as tokenize(doc) does
    return middle_end;
}

// The paragraph units of `out`: those wholly in the copied tokens, their
// terminator included, are the earlier text's; the units between are found
// as for_each_unit finds them, and take an earlier unit's id when their
// bytes are shared, or intern_unit(range) otherwise.
template <typename InternUnit>
void copy_and_find_units(const InternedTokens& earlier, const SharedBytes& shared,
                         const StandingEnds& ends, std::uint32_t middle_end, InternedTokens& out,
                         InternUnit intern_unit) {
    std::size_t u = 0;
    // A unit the front matter closed is found again: whether the front
    // matter closes it depends on the token after it (closes_unit), which
    // may be new.
    while (u + 1 < earlier.unit_ids.size() && earlier.unit_first[u + 1] <= ends.lead_tokens &&
           earlier.tokens[earlier.unit_first[u + 1] - 1].kind != TokenKind::front_matter) {
        out.unit_ids.push_back(earlier.unit_ids[u]);
        out.unit_first.push_back(earlier.unit_first[u]);
        ++u;
    }
    std::size_t tail_unit = earlier.unit_ids.size();  // the first earlier unit copied at the end
    while (tail_unit > u && earlier.unit_first[tail_unit - 1] > ends.trail_from) --tail_unit;
    const std::uint32_t middle_units_end =  // in out.tokens
        tail_unit < earlier.unit_ids.size()
            ? earlier.unit_first[tail_unit] - ends.trail_from + middle_end
            : static_cast<std::uint32_t>(out.tokens.size());
    auto earlier_unit = [&](ByteRange range) -> std::optional<std::uint32_t> {
        auto unit_range = [&](std::size_t unit) {
            return ByteRange{earlier.tokens[earlier.unit_first[unit]].range.begin,
                             earlier.tokens[earlier.unit_first[unit + 1] - 1].range.end};
        };
        while (u < earlier.unit_ids.size() && unit_range(u).begin < range.begin) ++u;
        if (u < earlier.unit_ids.size() && unit_range(u) == range) return earlier.unit_ids[u];
        return std::nullopt;
    };
    const std::uint32_t middle_begin = earlier.unit_first[u];  // the first unit not copied
    for (std::uint32_t first = middle_begin, k = middle_begin; k < middle_units_end; ++k) {
        if (!closes_unit(out.tokens, k)) continue;
        const ByteRange range{out.tokens[first].range.begin, out.tokens[k].range.end};
        std::optional<std::uint32_t> id;
        if (const auto shared_range = shared.earlier_range(range)) id = earlier_unit(*shared_range);
        out.unit_ids.push_back(id ? *id : intern_unit(range));
        out.unit_first.push_back(first);
        first = k + 1;
    }
    for (std::size_t unit = tail_unit; unit < earlier.unit_ids.size(); ++unit) {
        out.unit_ids.push_back(earlier.unit_ids[unit]);
        out.unit_first.push_back(earlier.unit_first[unit] - ends.trail_from + middle_end);
    }
    out.unit_first.push_back(static_cast<std::uint32_t>(out.tokens.size()));
}

}  // namespace

InternedTokens TokenInterner::intern(const Document& doc, const Document& earlier_doc,
                                     const InternedTokens& earlier) {
    const SharedBytes shared(doc.source, earlier_doc.source);
    const std::vector<MarkupPiece> pieces = markup_pieces(doc);
    // The earlier text has about as many pieces as this one.
    const std::vector<Run> runs = literal_runs(earlier_doc, earlier, pieces.size());
    const StandingEnds ends = standing_ends(pieces, runs, earlier, shared);
    InternedTokens out;
    const std::uint32_t middle_end =
        copy_and_tokenize(doc, earlier, pieces, runs, shared, ends, out);
    copy_and_find_units(earlier, shared, ends, middle_end, out,
                        [&](ByteRange range) { return tables_->unit(doc.text(range)); });
    // New tokens last, in text order, as intern(doc) does (units first, then
    // tokens): new wording gets the very ids interning it alone would give.
    for (std::uint32_t k = ends.lead_tokens; k < middle_end; ++k) {
        if (out.ids[k] == kNone) out.ids[k] = tables_->token(doc, out.tokens[k]);
    }
    return out;
}

void fold_coincidences(std::vector<Edit>& script, const std::vector<Token>& old_tokens,
                       const std::vector<Token>& new_tokens, std::size_t most_folded_words) {
    bool folded = true;
    for (int pass = 0; folded && pass < 8; ++pass) {
        folded = false;
        std::vector<Edit> out;
        out.reserve(script.size());
        std::size_t k = 0;
        // Words removed and added in a run of changes. Markup does not count:
        // a changed status tag or bracket is no rewording of the words around it.
        auto is_word = [](TokenKind k) {
            return !is_blank(k) && !is_markup(k) && k != TokenKind::paragraph_break;
        };
        auto change_words = [&](std::size_t from, std::size_t to) {
            std::size_t removed = 0, added = 0;
            for (std::size_t e = from; e < to; ++e) {
                if (script[e].kind == EditKind::removed) {
                    removed += is_word(old_tokens[script[e].old_index].kind);
                } else {
                    added += is_word(new_tokens[script[e].new_index].kind);
                }
            }
            return std::pair(removed, added);
        };
        while (k < script.size()) {
            if (script[k].kind != EditKind::common) {
                out.push_back(script[k++]);
                continue;
            }
            std::size_t end = k;
            while (end < script.size() && script[end].kind == EditKind::common) ++end;
            // The changes on either side of this common run.
            std::size_t before = k;
            while (before > 0 && script[before - 1].kind != EditKind::common) --before;
            std::size_t after = end;
            while (after < script.size() && script[after].kind != EditKind::common) ++after;
            const auto [removed_before, added_before] = change_words(before, k);
            const auto [removed_after, added_after] = change_words(end, after);
            // Only rewordings merge: a kept option between two deletions is a choice, not a
            // coincidence.
            const bool rewording =
                (removed_before > 0 && added_before > 0) || (removed_after > 0 && added_after > 0);
            // The run folds when it holds no markup and no paragraph break, and
            // no more words than the smaller change around it. Read only as far
            // as it takes to tell: most runs are whole paragraphs.
            bool fold = before < k && after > end && rewording;
            const std::size_t most_words =
                std::min({std::max(removed_before, added_before),
                          std::max(removed_after, added_after), most_folded_words});
            std::size_t words = 0;
            for (std::size_t e = k; fold && e < end; ++e) {
                const TokenKind kind = old_tokens[script[e].old_index].kind;
                words += !is_blank(kind);
                fold =
                    !is_markup(kind) && kind != TokenKind::paragraph_break && words <= most_words;
            }
            if (fold) {
                for (std::size_t e = k; e < end; ++e)
                    out.push_back({EditKind::removed, script[e].old_index, 0});
                for (std::size_t e = k; e < end; ++e)
                    out.push_back({EditKind::added, 0, script[e].new_index});
                folded = true;
            } else {
                out.insert(out.end(), script.begin() + k, script.begin() + end);
            }
            k = end;
        }
        script = std::move(out);
    }
}

TokenDiff diff_tokens(const Document& before, const Document& after,
                      const TokenDiffOptions& options) {
    TokenInterner interner;
    return diff_interned(interner.intern(before), interner.intern(after), options);
}

ChangedUnits changed_units(const InternedTokens& before, const InternedTokens& after) {
    ChangedUnits changed{diff_sequences(before.unit_ids, after.unit_ids),
                         std::vector<bool>(before.unit_ids.size(), true),
                         std::vector<bool>(after.unit_ids.size(), true)};
    for (const Edit& u : changed.unit_script) {
        if (u.kind != EditKind::common) continue;
        changed.before[u.old_index] = false;
        changed.after[u.new_index] = false;
    }
    return changed;
}

std::vector<Edit> diff_token_range(const InternedTokens& before, std::uint32_t a0, std::uint32_t a1,
                                   const InternedTokens& after, std::uint32_t b0, std::uint32_t b1,
                                   bool words_first) {
    std::vector<Edit> out;
    if (!words_first) {
        const std::vector<std::uint32_t> a(before.ids.begin() + a0, before.ids.begin() + a1);
        const std::vector<std::uint32_t> b(after.ids.begin() + b0, after.ids.begin() + b1);
        out = diff_sequences(a, b);
        for (Edit& e : out) {
            e.old_index += e.kind == EditKind::added ? 0 : a0;
            e.new_index += e.kind == EditKind::removed ? 0 : b0;
        }
        return out;
    }
    out.reserve((a1 - a0) + (b1 - b0));
    // The tokens equal at the start and at the end are kept as they are
    // (a long paragraph edited in a few words is mostly those).
    while (a0 < a1 && b0 < b1 && before.ids[a0] == after.ids[b0])
        out.push_back({EditKind::common, a0++, b0++});
    std::uint32_t same_end = 0;
    while (a1 - same_end > a0 && b1 - same_end > b0 &&
           before.ids[a1 - same_end - 1] == after.ids[b1 - same_end - 1])
        ++same_end;
    a1 -= same_end, b1 -= same_end;
    // The wording first (every token but white space and the marks), then
    // between each two kept words the marks and what else is left: a
    // bracket or separator kept is never worth a word. (Aligned with the
    // marks, "[below 2 C][well below 2 C][below 1.5 C]" against "[below
    // 1.5 C] [or] [well] [below 2 C]" kept "] [ below C ]" of the third
    // option and lost the "2" of the second.)
    // Where the tokens that are not white space stand, and which of them are wording.
    std::vector<std::uint32_t> a_at, b_at, a_words, b_words, a_wording, b_wording;
    for (std::uint32_t t = a0; t < a1; ++t) {
        if (is_blank(before.tokens[t].kind)) continue;
        a_at.push_back(t);
        if (!is_mark(before.tokens[t].kind))
            a_wording.push_back(t), a_words.push_back(before.ids[t]);
    }
    for (std::uint32_t t = b0; t < b1; ++t) {
        if (is_blank(after.tokens[t].kind)) continue;
        b_at.push_back(t);
        if (!is_mark(after.tokens[t].kind)) b_wording.push_back(t), b_words.push_back(after.ids[t]);
    }
    std::uint32_t a = a0, b = b0;  // the first token of each side not in the script yet
    // White space up to a_end and b_end: kept where equal in order when
    // `kept` (the tokens on both sides of it are kept), else removed and added.
    const auto blanks = [&](std::uint32_t a_end, std::uint32_t b_end, bool kept) {
        while (kept && a < a_end && b < b_end && before.ids[a] == after.ids[b])
            out.push_back({EditKind::common, a++, b++});
        while (a < a_end) out.push_back({EditKind::removed, a++, 0});
        while (b < b_end) out.push_back({EditKind::added, 0, b++});
    };
    bool last_kept = true;  // the range's start stands beside a kept token
    const auto keep = [&](std::uint32_t old_token, std::uint32_t new_token) {
        blanks(old_token, new_token, last_kept);
        out.push_back({EditKind::common, a++, b++});
        last_kept = true;
    };
    // The tokens not white space of a_at[ai, a_end) and b_at[bi, b_end),
    // between two kept words (or an end), aligned by their ids.
    std::size_t ai = 0, bi = 0;
    std::vector<std::uint32_t> a_ids, b_ids;
    const auto between = [&](std::size_t a_end, std::size_t b_end) {
        if (ai == a_end && bi == b_end) return;  // two kept words side by side
        a_ids.clear(), b_ids.clear();
        for (std::size_t k = ai; k < a_end; ++k) a_ids.push_back(before.ids[a_at[k]]);
        for (std::size_t k = bi; k < b_end; ++k) b_ids.push_back(after.ids[b_at[k]]);
        for (const Edit& e : diff_sequences(a_ids, b_ids)) {
            switch (e.kind) {
                case EditKind::removed:
                    while (a <= a_at[ai + e.old_index]) out.push_back({EditKind::removed, a++, 0});
                    last_kept = false;
                    break;
                case EditKind::added:
                    while (b <= b_at[bi + e.new_index]) out.push_back({EditKind::added, 0, b++});
                    last_kept = false;
                    break;
                case EditKind::common:
                    keep(a_at[ai + e.old_index], b_at[bi + e.new_index]);
                    break;
            }
        }
        ai = a_end, bi = b_end;
    };
    for (const Edit& e : diff_sequences(a_words, b_words)) {
        if (e.kind != EditKind::common) continue;
        const std::uint32_t old_token = a_wording[e.old_index], new_token = b_wording[e.new_index];
        between(std::size_t(std::lower_bound(a_at.begin(), a_at.end(), old_token) - a_at.begin()),
                std::size_t(std::lower_bound(b_at.begin(), b_at.end(), new_token) - b_at.begin()));
        keep(old_token, new_token);
        ++ai, ++bi;
    }
    between(a_at.size(), b_at.size());
    blanks(a1, b1, last_kept);  // and so does its end
    for (std::uint32_t k = 0; k < same_end; ++k) out.push_back({EditKind::common, a1 + k, b1 + k});
    order_hunks(out);
    return out;
}

namespace {

// A run that no slide puts on whole paragraphs may still cover them once
// the tokens that close the paragraph it stands in are kept elsewhere. The
// diff keeps a paragraph's last tokens as the same tokens closing another
// one: "Bb two." against "Bb two edited.\n\nXx new." keeps the "." as the
// one after "new" and adds " edited.\n\nXx new" before it, an edit
// of "Bb two." running into the paragraph added after it; the other side
// adding that paragraph then adds it again, at its own place after the ".".
// Where the run's tokens before its first break end with the tokens kept
// after it to the paragraph's end (".", ".]", ";"), those are kept there
// instead: " edited" added, the "." kept, "\n\nXx new." added on whole
// paragraphs, the paragraph's end kept as the paragraph's end. The same,
// mirrored, for the tokens that open the paragraph ("[", "1."), kept before a
// run whose tokens after its last break open with them. `script[begin,
// end)` is the run, consecutive on `side`, kept tokens on either side.
void realign_paragraph_edge(std::vector<Edit>& script, std::size_t begin, std::size_t end,
                            const InternedTokens& side, bool removal) {
    const std::vector<Token>& tokens = side.tokens;
    const auto index = [&](const Edit& e) { return removal ? e.old_index : e.new_index; };
    const auto other = [&](const Edit& e) { return removal ? e.new_index : e.old_index; };
    const auto is_break = [&](std::uint32_t t) {
        return tokens[t].kind == TokenKind::paragraph_break;
    };
    const auto same = [&](std::uint32_t a, std::uint32_t b) {
        return side.ids[a] != kNone && side.ids[a] == side.ids[b];
    };
    const auto changed = [&](std::uint32_t t) {
        return removal ? Edit{EditKind::removed, t, 0} : Edit{EditKind::added, 0, t};
    };
    const auto kept = [&](std::uint32_t t, std::uint32_t o) {
        return removal ? Edit{EditKind::common, t, o} : Edit{EditKind::common, o, t};
    };
    const std::uint32_t first = index(script[begin]);
    const auto last = static_cast<std::uint32_t>(first + (end - begin));  // one past the run
    std::uint32_t first_break = first, last_break = last - 1;
    while (!is_break(first_break)) ++first_break;
    while (!is_break(last_break)) --last_break;
    // The tokens kept after the run to the end of its paragraph (the text's
    // last line ending left out).
    std::size_t k = 0;
    while (end + k < script.size() && script[end + k].kind == EditKind::common &&
           index(script[end + k]) == last + k && !is_break(last + k) &&
           !(last + k + 1 == tokens.size() && tokens[last + k].kind == TokenKind::line_break))
        ++k;
    const bool closes =
        last + k == tokens.size() || is_break(last + k) ||
        (last + k + 1 == tokens.size() && tokens[last + k].kind == TokenKind::line_break);
    if (k > 0 && closes && first_break - first >= k) {
        bool match = true;
        for (std::uint32_t j = 0; j < k && match; ++j)
            match = same(first_break - std::uint32_t(k) + j, last + j);
        if (match) {
            std::vector<std::uint32_t> others;
            for (std::size_t j = 0; j < k; ++j) others.push_back(other(script[end + j]));
            const std::uint32_t kept_from = first_break - std::uint32_t(k);
            std::size_t e = begin;
            for (std::uint32_t t = first; t < kept_from; ++t) script[e++] = changed(t);
            for (std::uint32_t j = 0; j < k; ++j) script[e++] = kept(kept_from + j, others[j]);
            for (std::uint32_t t = first_break; t < last + k; ++t) script[e++] = changed(t);
            return;
        }
    }
    // The tokens kept before the run from the start of its paragraph.
    k = 0;
    while (k < begin && script[begin - k - 1].kind == EditKind::common &&
           index(script[begin - k - 1]) + k + 1 == first && !is_break(first - k - 1))
        ++k;
    const bool opens = first == k || is_break(first - std::uint32_t(k) - 1);
    if (k > 0 && opens && last - (last_break + 1) >= k) {
        for (std::uint32_t j = 0; j < k; ++j)
            if (!same(last_break + 1 + j, first - std::uint32_t(k) + j)) return;
        std::vector<std::uint32_t> others;
        for (std::size_t j = begin - k; j < begin; ++j) others.push_back(other(script[j]));
        const std::uint32_t from = first - std::uint32_t(k);
        std::size_t e = begin - k;
        for (std::uint32_t t = from; t <= last_break; ++t) script[e++] = changed(t);
        for (std::uint32_t j = 0; j < k; ++j) script[e++] = kept(last_break + 1 + j, others[j]);
        for (std::uint32_t t = last_break + 1 + std::uint32_t(k); t < last; ++t)
            script[e++] = changed(t);
    }
}

// Slides the run script[begin, end) (one kind, kept tokens on either side)
// onto whole paragraphs, when it holds a break and can stand there.
void slide_run_to_paragraph_edges(std::vector<Edit>& script, std::size_t begin, std::size_t end,
                                  const InternedTokens& side, bool removal) {
    const auto stretch = stretch_around(script, begin, end, removal);
    if (!stretch) return;
    const auto [left, right] = *stretch;
    const std::vector<Token>& tokens = side.tokens;
    const auto is_break = [&](std::size_t t) {
        return tokens[t].kind == TokenKind::paragraph_break;
    };
    const std::uint32_t first = removal ? script[begin].old_index : script[begin].new_index;
    const auto size = static_cast<std::uint32_t>(end - begin);
    bool holds_break = false;
    for (std::uint32_t t = first; t < first + size && !holds_break; ++t) holds_break = is_break(t);
    if (!holds_break) return;
    // The end of the text is an edge too, its last line's ending with it.
    const auto ends_text = [&](std::uint32_t t) {
        return t == tokens.size() ||
               (t + 1 == tokens.size() && tokens[t].kind == TokenKind::line_break);
    };
    const auto on_edges = [&](std::uint32_t from) {
        const std::uint32_t last = from + size - 1;
        const bool starts = is_break(from) || from == 0 || is_break(from - 1);
        const bool ends = is_break(last) || ends_text(last + 1) || is_break(last + 1);
        return starts && ends;
    };
    if (on_edges(first)) return;
    const auto same = [&](std::uint32_t a, std::uint32_t b) {
        return side.ids[a] != kNone && side.ids[a] == side.ids[b];
    };
    std::uint32_t back = 0, ahead = 0;
    while (back < begin - left && first > back && same(first - back - 1, first + size - back - 1))
        ++back;
    while (ahead < right - end && same(first + ahead, first + size + ahead)) ++ahead;
    std::optional<std::uint32_t> best;
    for (std::uint32_t from = first - back; from <= first + ahead; ++from) {
        const std::uint32_t distance = from > first ? from - first : first - from;
        if (on_edges(from) && (!best || distance < (*best > first ? *best - first : first - *best)))
            best = from;
    }
    if (best) {
        put_run_at(script, left, right, removal, *best, size);
        return;
    }
    realign_paragraph_edge(script, begin, end, side, removal);
}

}  // namespace

void slide_runs_to_paragraph_edges(std::vector<Edit>& script, const InternedTokens& before,
                                   const InternedTokens& after) {
    for (std::size_t k = 0; k < script.size();) {
        if (script[k].kind == EditKind::common) {
            ++k;
            continue;
        }
        std::size_t end = k;
        while (end < script.size() && script[end].kind == script[k].kind) ++end;
        const bool pure = (k == 0 || script[k - 1].kind == EditKind::common) &&
                          (end == script.size() || script[end].kind == EditKind::common);
        if (pure) {
            const bool removal = script[k].kind == EditKind::removed;
            slide_run_to_paragraph_edges(script, k, end, removal ? before : after, removal);
        }
        k = end;
    }
}

TokenDiff diff_interned(const InternedTokens& before, const InternedTokens& after,
                        const TokenDiffOptions& options) {
    return diff_interned(before, after,
                         ChangedUnits{diff_sequences(before.unit_ids, after.unit_ids), {}, {}},
                         options);
}

TokenDiff diff_interned(const InternedTokens& before, const InternedTokens& after,
                        const ChangedUnits& units, const TokenDiffOptions& options) {
    TokenDiff result;
    if (options.copy_tokens) {
        result.old_tokens = before.tokens;
        result.new_tokens = after.tokens;
    }
    struct UnitsView {
        const std::vector<std::uint32_t>& ids;
        const std::vector<std::uint32_t>& first_token;
    };
    const UnitsView old_units{before.unit_ids, before.unit_first};
    const UnitsView new_units{after.unit_ids, after.unit_first};
    const std::vector<Edit>& unit_script = units.unit_script;

    // Walk the unit script; each run of changed units is diffed token by token.
    auto& script = result.script;
    std::uint32_t old_gap = 0, new_gap = 0;  // first unit of the current gap
    auto flush_gap = [&](std::uint32_t old_unit_end, std::uint32_t new_unit_end) {
        const std::uint32_t a0 = old_units.first_token[old_gap],
                            a1 = old_units.first_token[old_unit_end];
        const std::uint32_t b0 = new_units.first_token[new_gap],
                            b1 = new_units.first_token[new_unit_end];
        if (a0 == a1 && b0 == b1) return;
        for (const Edit& e : diff_token_range(before, a0, a1, after, b0, b1, options.words_first))
            script.push_back(e);
    };
    std::uint32_t old_unit = 0, new_unit = 0;
    for (const Edit& u : unit_script) {
        if (u.kind != EditKind::common) {
            old_unit += u.kind == EditKind::removed;
            new_unit += u.kind == EditKind::added;
            continue;
        }
        flush_gap(u.old_index, u.new_index);
        for (std::uint32_t a = old_units.first_token[u.old_index],
                           b = new_units.first_token[u.new_index];
             a < old_units.first_token[u.old_index + 1]; ++a, ++b) {
            script.push_back({EditKind::common, a, b});
        }
        old_unit = u.old_index + 1, new_unit = u.new_index + 1;
        old_gap = old_unit, new_gap = new_unit;
    }
    flush_gap(static_cast<std::uint32_t>(old_units.ids.size()),
              static_cast<std::uint32_t>(new_units.ids.size()));

    if (options.fold_coincidences) fold_coincidences(script, before.tokens, after.tokens);
    order_hunks(script);
    if (options.paragraph_edges) slide_runs_to_paragraph_edges(script, before, after);

    result.old_to_new.assign(before.tokens.size(), kNone);
    result.new_to_old.assign(after.tokens.size(), kNone);
    for (const Edit& e : script) {
        if (e.kind == EditKind::common) {
            result.old_to_new[e.old_index] = e.new_index;
            result.new_to_old[e.new_index] = e.old_index;
        }
    }
    return result;
}

}  // namespace accord
