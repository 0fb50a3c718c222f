#pragma once
// Token-level diff of two parsed documents. Tokens are interned to integers
// (markup by kind, words by text); paragraphs that did not change are matched
// whole first, so the sequence diff only sees the paragraphs that changed.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/notation/document.hpp"
#include "core/notation/tokens.hpp"
#include "merge/diff/sequence_diff.hpp"

namespace accord {

// Word by word, a text takes some 150 to 200 bytes of memory per token (a
// word, a run of spaces, a mark, a punctuation sign: the tokens, their ids,
// the diff's tables) for every version a command holds: some forty times its
// size for prose, up to two hundred times for a text of one-letter words. No
// negotiated text comes near the limits below (the Paris Agreement is 150 KB,
// some 50,000 tokens), while a hostile one would take gigabytes: diff, log,
// blame and the compilations that attribute refuse, or leave out, a text
// larger than kMaxWordComparedBytes or holding more than
// kMaxWordComparedTokens tokens (16 MiB of English prose holds some 5.7 million),
// saying so (too_large_to_compare). Memory is then bounded near a gigabyte
// for one version (the Paris Agreement at 16 MiB would take 700 MB).
inline constexpr std::size_t kMaxWordComparedBytes = std::size_t{16} << 20;
inline constexpr std::size_t kMaxWordComparedTokens = 6'000'000;
// Whether `text` is within both limits. Tokens are counted roughly (a run of
// letters, a run of spaces, any other byte, each Chinese or Japanese
// character), and only when the text has more bytes than the token limit.
bool comparable_word_by_word(std::string_view text);
// "LABEL (N MiB) is more than accord compares word by word (the limits)":
// `label` a file, or a version of one, of `size` bytes.
std::string beyond_word_by_word(const std::string& label, std::size_t size);
// That, with what to do instead: the usage error diff and blame throw.
std::string too_large_to_compare(const std::string& label, std::size_t size);

struct TokenDiff {
    std::vector<Token> old_tokens;
    std::vector<Token> new_tokens;
    std::vector<Edit> script;               // over token indices, in order
    std::vector<std::uint32_t> old_to_new;  // kNone where the token was removed
    std::vector<std::uint32_t> new_to_old;  // kNone where the token was added
};

struct TokenDiffOptions {
    // Fold short common runs between rewordings into the change (readable
    // diffs). Blame turns it off: a coincidentally kept word keeps its author.
    bool fold_coincidences = true;
    // Copy both sides' tokens into the result (old_tokens, new_tokens). A
    // caller holding the InternedTokens already (blame) turns it off.
    bool copy_tokens = true;
    // Align words first (see diff_token_range). Blame's mapping
    // (merge/blame/blame_diff) does; the diff view and merges do not yet.
    bool words_first = false;
    // Slide a run of tokens only removed (or only added) that holds a
    // paragraph break onto whole paragraphs when it can stand there (see
    // slide_runs_to_paragraph_edges).
    bool paragraph_edges = true;
};

TokenDiff diff_tokens(const Document& before, const Document& after,
                      const TokenDiffOptions& options = {});

// Semantic clean-up (after diff-match-patch): a short run of common tokens
// between two changes is usually a coincidence ("the", "of", a space), and
// keeping it splits one rewording into many fragments. A common run is folded
// into the change around it when it has no more words than the smaller side
// of the changes before and after it. Runs holding markup or a paragraph
// break are kept, and runs of more than `most_folded_words` words. `script`
// indexes the two token vectors.
void fold_coincidences(std::vector<Edit>& script, const std::vector<Token>& old_tokens,
                       const std::vector<Token>& new_tokens,
                       std::size_t most_folded_words = SIZE_MAX);

// One document's tokens interned to integers, with its paragraph units: what
// a diff needs of a side. Made once per document and reused across diffs
// (blame diffs every version against its parent).
struct InternedTokens {
    std::vector<Token> tokens;
    std::vector<std::uint32_t> ids;         // per token
    std::vector<std::uint32_t> unit_ids;    // per paragraph unit
    std::vector<std::uint32_t> unit_first;  // first token of each unit, then the token count
};

// Interns tokens (markup by kind, words by text) and whole paragraphs. It
// keeps its own copy of each distinct text, so documents may go before it.
class TokenInterner {
  public:
    // Everything an interner has given out: a copy of one, to go on later
    // (a blame checkpoint) with the very ids it would have given.
    struct State {
        // Words and markup by their bytes; paragraphs by the SHA-256 of
        // their bytes alone, which would otherwise be most of a state.
        enum class Table : std::uint8_t { text, markup, unit_digest };
        struct Entry {
            Table table;
            std::string key;
            std::uint32_t id;
        };
        std::vector<Entry> entries;
        std::vector<std::uint32_t> text_bytes, markup_bytes;  // 256 each, kNone: not seen
        std::uint32_t next = 0;
    };

    TokenInterner();
    // Goes on from `state` (as state() gave it); throws std::invalid_argument
    // when it does not hold together (ids out of range, tables of the wrong size).
    explicit TokenInterner(const State& state);
    ~TokenInterner();
    // Keeps the digest of each paragraph as it is first interned (on the
    // interning thread, not all at once at the end), for state(). Called
    // before any paragraph is interned; a paragraph costs a SHA-256 then.
    void keep_unit_digests();
    // Throws std::logic_error unless keep_unit_digests() came first.
    State state() const;
    // Keys paragraphs by their SHA-256 alone, as keep_unit_digests() does,
    // without listing them for state(): the same ids, but what the interner
    // holds no longer grows with the bytes of every version of every
    // paragraph it met (blame of every text of a long history). Called
    // before any paragraph is interned.
    void key_units_by_digest();
    // For a caller that reads token ids alone (the paragraph diff pairs
    // paragraphs by their words): paragraph units are still found
    // (unit_first) but not interned, every unit_ids entry kNone, so that no
    // paragraph is hashed or kept. Called before anything is interned.
    void skip_unit_ids();
    // Paragraph breaks by their bytes, as words are: "\n\n" and "\n\n\n"
    // differ. By default every paragraph break has one id (a blank line
    // more, or a heading right after a line, changes no wording for a diff
    // or a merge). Blame keeps the bytes: its restorations read a break as
    // the edge of the place a word stood, and had more false ones on the
    // Paris texts without them. Called before anything is interned.
    void keep_break_bytes();
    // How many ids it has given out: what its tables hold grows with it.
    std::uint32_t ids_given() const;
    TokenInterner(const TokenInterner&) = delete;
    TokenInterner& operator=(const TokenInterner&) = delete;

    InternedTokens intern(const Document& document);
    // The same as intern(document), made cheaper by an earlier version of
    // the text interned by this interner: tokens and paragraphs lying wholly
    // in the bytes the two texts share at their start and end take their ids
    // from `earlier` (same bytes, same kind: same id) instead of being hashed.
    InternedTokens intern(const Document& document, const Document& earlier_document,
                          const InternedTokens& earlier);

    // Interning in two steps, for a caller that diffs only the paragraphs
    // that changed (merge): first the tokens and the paragraph units, every
    // token id kNone; then, per unit the diff will look into, its token ids.
    // diff_interned reads the ids of the units its paragraph diff leaves
    // unmatched, and no others (changed_units tells which they are).
    InternedTokens intern_units(const Document& document);
    void intern_unit_tokens(const Document& document, InternedTokens& interned, std::uint32_t unit);

  private:
    struct Tables;
    std::unique_ptr<Tables> tables_;
};

// The paragraph diff of two interned documents, and per unit of `before`
// and of `after` whether it leaves the unit unmatched, so that diff_interned
// diffs its tokens.
struct ChangedUnits {
    std::vector<Edit> unit_script;
    std::vector<bool> before, after;
};
ChangedUnits changed_units(const InternedTokens& before, const InternedTokens& after);

// The edit script of tokens [a0, a1) of `before` against [b0, b1) of
// `after` (indices into the whole token lists), in order, removals before
// additions in each hunk. With `words_first`, the sequence diff sees the
// words, numbers, punctuation and breaks alone, and then, between each two
// of them kept, the marks (brackets, separators, strikes): no mark kept
// costs a word; white space is kept only between two tokens kept side by
// side (and at an end of the range beside a kept token). Otherwise every space counts as much as a
// word, and an alignment keeping more spaces wins over one keeping more
// words: "First. Second about sinks. Third on education." against "First.
// Third on education, and more about sinks." kept "about sinks" and a
// dozen spaces rather than "Third on education".
std::vector<Edit> diff_token_range(const InternedTokens& before, std::uint32_t a0, std::uint32_t a1,
                                   const InternedTokens& after, std::uint32_t b0, std::uint32_t b1,
                                   bool words_first);

// A run of tokens only removed (or only added) between kept tokens can
// often stand a few tokens earlier or later, the same tokens kept: "Option 1:
// A shall provide finance. Option 2: A should provide finance." against "A
// shall provide finance." removes either Option 2's paragraph or "provide
// finance. Option 2: A should" across the break. Where the run holds a
// paragraph break, it is put where it covers whole paragraphs, nearest to
// where it was; otherwise it stays. A merge then sees one side deleting a
// paragraph that the other edits, instead of an edit at the end of the
// paragraph kept. `script` (in order, as diff_interned makes it) indexes the
// two documents' tokens; tokens with no id (kNone) are never slid over.
void slide_runs_to_paragraph_edges(std::vector<Edit>& script, const InternedTokens& before,
                                   const InternedTokens& after);

// The diff of two interned documents (interned by the same interner).
TokenDiff diff_interned(const InternedTokens& before, const InternedTokens& after,
                        const TokenDiffOptions& options = {});
// The same, given their paragraph diff (the unit_script of changed_units),
// which it does not compute again.
TokenDiff diff_interned(const InternedTokens& before, const InternedTokens& after,
                        const ChangedUnits& units, const TokenDiffOptions& options = {});

}  // namespace accord
