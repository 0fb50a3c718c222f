#pragma once
// The diff3 step of the token merge: the three token sequences cut into
// chunks, stable where both sides kept the base's tokens and unstable
// between, and the questions the merge rules ask of a range of tokens.
#include <cstdint>
#include <string>
#include <vector>

#include "merge/merge3/merge3_inputs.hpp"

namespace accord::token_merge {

// A region of the three token sequences: [b0,b1) of base, [o0,o1) of ours,
// [t0,t1) of theirs. Stable regions are equal on all three sides. A chunk
// another one took in while growing is left empty.
struct Chunk {
    std::uint32_t b0, b1, o0, o1, t0, t1;
    bool stable;
    bool empty() const { return b0 == b1 && o0 == o1 && t0 == t1; }
};

// The chunks of the three texts' bodies (the front matter merges apart), in order.
std::vector<Chunk> split_chunks(const MergeInputs& in);

// Grows chunks[c] over its neighbours until each side's part is balanced
// (no mark closed that it did not open, none left open) and, with
// `whole_paragraphs` or when it spans a paragraph break, whole paragraphs;
// with `whole_strikes`, until no side's part starts or ends inside a
// strike (a strike within another side's is settled with all of it).
// The neighbours it takes in are left empty.
void grow_to_balance(const MergeInputs& in, std::vector<Chunk>& chunks, std::size_t c,
                     bool whole_paragraphs, bool whole_strikes = false);

// Grows chunks[c] over its neighbours until its base part covers base
// tokens [from, to). The neighbours it takes in are left empty.
void grow_to_cover(std::vector<Chunk>& chunks, std::size_t c, std::uint32_t from, std::uint32_t to);

// Whether the point before token `at` of `side` lies inside one of its
// strikes, between its "~~" marks.
bool inside_strike(Text side, std::uint32_t at);

// The first token of the body: 1 after front matter, else 0.
std::uint32_t body_start(const std::vector<Token>& tokens);

// The text of tokens [from, to) of a side.
std::string text_of(Text side, std::uint32_t from, std::uint32_t to);

// Anything but white space in [from, to).
bool has_words(Text side, std::uint32_t from, std::uint32_t to);

// [from, to) without the white space at either end.
struct Words {
    std::uint32_t begin, end;
    bool empty() const { return begin == end; }
};
Words words_within(Text side, std::uint32_t from, std::uint32_t to);

// Which way a range must grow for its marks ('[' ']', '~~') to balance:
// left when it closes what it did not open, right when it leaves something open.
struct Balance {
    bool grow_left = false, grow_right = false;
    bool balanced() const { return !grow_left && !grow_right; }
};
Balance balance_of(Text side, std::uint32_t from, std::uint32_t to);

// The words of [from, to) are one or more whole brackets side by side
// ("[a]", "[a][b]"): a group of options.
bool is_option_group(Text side, std::uint32_t from, std::uint32_t to);

// Some side's part of the chunk crosses a paragraph break.
bool spans_paragraphs(const MergeInputs& in, const Chunk& x);

}  // namespace accord::token_merge
