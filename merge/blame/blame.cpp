#include "merge/blame/blame.hpp"

#include <algorithm>
#include <memory>

#include "core/notation/tokens.hpp"
#include "merge/blame/blame_diff.hpp"
#include "merge/blame/blame_positions.hpp"
#include "merge/blame/blame_prepare.hpp"
#include "merge/diff/token_diff.hpp"
#include "merge/diff/token_view.hpp"

// How attribution flows from one version to the next:
//  1. Tokens the token diff keeps (no coincidence folding) keep their origin;
//     in a merge, a token kept from any parent takes that parent's origin.
//  2. A bracket that stands on both sides keeps its marks' origin even when
//     the diff aligned its '[' with a neighbour's (see pair_brackets).
//  3. Added words are matched against everything ever deleted (WikiWho's
//     idea): a run of three or more words found there, or a whole short run
//     deleted before, takes the first proposer back; restored_by names this
//     version unless the words were deleted by this same version (a move).
//  4. What is left is this version's own.

namespace accord {

std::string_view to_string(SpanKind kind) {
    switch (kind) {
        case SpanKind::text:
            return "text";
        case SpanKind::bracket:
            return "bracket";
        case SpanKind::separator:
            return "separator";
        case SpanKind::strike:
            return "strike";
    }
    return "text";
}

namespace {

// Versions are numbered in 32 bits in an origin: every version's origins
// are copied from its parent's, and half the bytes copy in half the time.
constexpr std::uint32_t kNoVersion = UINT32_MAX;
constexpr std::size_t kGram = 3;  // words in a restored run's anchor

struct Origin {
    std::uint32_t version = kNoVersion;
    std::uint32_t restored_by = kNoVersion;
    bool operator==(const Origin&) const = default;
};

// The origin of a token that version `v` itself added.
Origin own(std::size_t v) {
    return {static_cast<std::uint32_t>(v), kNoVersion};
}

// One flag per token; bytes, not std::vector<bool>'s bits, which cost more
// to test and set in the per-token loops of every version.
using Flags = std::vector<std::uint8_t>;

bool is_word(TokenKind k) {
    return !is_space_token(k) && !is_markup(k);
}

// One parsed version with the origin of each of its tokens.
struct Attributed {
    explicit Attributed(std::shared_ptr<const PreparedVersion> p)
        : prepared(std::move(p)), document(prepared->document), interned(prepared->interned) {}
    std::shared_ptr<const PreparedVersion> prepared;
    const Document& document;
    const InternedTokens& interned;  // its tokens and their ids, made once
    std::vector<Origin> origins;
    const std::vector<Token>& tokens() const { return interned.tokens; }

    // Its TokenView over `mapping` (a side of the diff at hand). The view's
    // lookups depend on the version alone, so it is made once and kept: a
    // version is the new side of one diff and the old side of the next.
    const TokenView& view(const std::vector<std::uint32_t>& mapping) const {
        view_mapping_ = mapping;
        if (!view_) view_ = std::make_unique<TokenView>(document, tokens(), view_mapping_);
        return *view_;
    }

  private:
    mutable std::vector<std::uint32_t> view_mapping_;  // what view_ reads as its mapping
    mutable std::unique_ptr<TokenView> view_;
};

// Everything ever deleted, in runs of word ids, indexed for restoration
// lookups by three-word anchors and by whole runs.
class Graveyard {
  public:
    struct Word {
        std::uint32_t id;
        Origin origin;
        std::size_t deleted_by;
    };

    // The removed words of a version, in runs: a run goes on across removed
    // marks and white space ("[assembly names [knowledge]]" deleted is one
    // run "assembly names knowledge"), and ends where a kept token stands.
    void bury(const Attributed& from, const std::vector<std::uint32_t>& removed,
              std::size_t deleted_by) {
        Flags is_removed(from.tokens().size(), false);
        for (std::uint32_t t : removed) is_removed[t] = true;
        std::size_t run_start = words_.size();
        auto flush = [&] {
            const std::size_t length = words_.size() - run_start;
            if (length == 0) return;
            whole_runs_.insert_first(hash_of(run_start, length), run_start);
            for (std::size_t k = run_start; k + kGram <= words_.size(); ++k)
                grams_.insert_first(hash_of(k, kGram), k);
            run_start = words_.size();
        };
        std::uint32_t previous = kNone;
        for (std::uint32_t t : removed) {
            if (!is_word(from.tokens()[t].kind)) continue;
            if (previous != kNone) {
                for (std::uint32_t between = previous + 1; between < t; ++between) {
                    const TokenKind k = from.tokens()[between].kind;
                    if ((!is_removed[between] && !is_space_token(k)) ||
                        k == TokenKind::paragraph_break) {
                        flush();
                        break;
                    }
                }
            }
            words_.push_back({from.interned.ids[t], from.origins[t], deleted_by});
            previous = t;
        }
        flush();
    }

    // Gives back origins to added words found among the deleted ones. Runs
    // of words are matched whole (the added words between kept ones) and by
    // three-word anchors across kept and added words alike: the token diff
    // may have matched a common word of restored wording ("should", "more")
    // to another copy, which must not split the restoration. A stretch found
    // among the deleted words takes their origins when at least half of it
    // was added; otherwise only its added words do.
    void restore(Attributed& to, const Flags& claimed, std::size_t version) {
        restore(to, claimed, version, 0, static_cast<std::uint32_t>(to.tokens().size()));
    }

    // The same, when every added word of `to` lies in tokens [first, last):
    // only the runs holding one are looked at, as restore skips the others.
    void restore(Attributed& to, const Flags& claimed, std::size_t version, std::uint32_t first,
                 std::uint32_t last) {
        if (words_.empty()) return;
        std::vector<std::uint32_t> words;  // the run at hand
        for (std::uint32_t t = first; t < last; ++t) {
            if (claimed[t] || !is_word(to.tokens()[t].kind)) continue;
            words.clear();
            for (std::uint32_t w = run_start(to, t); w != kNone; w = next_in_run(to, w))
                words.push_back(w);
            restore_run(to, words, claimed, version);
            t = words.back();
        }
    }

  private:
    // A run's first word: `word` or the earliest word before it that the
    // words between keep contiguous with it.
    static std::uint32_t run_start(const Attributed& a, std::uint32_t word) {
        for (std::uint32_t t = word; t-- > 0;) {
            const TokenKind k = a.tokens()[t].kind;
            if (is_word(k)) {
                word = t;
            } else if (breaks_run(k)) {
                break;
            }
        }
        return word;
    }
    // The next word of the run `word` is in, or kNone where the run ends.
    static std::uint32_t next_in_run(const Attributed& a, std::uint32_t word) {
        for (std::uint32_t t = word + 1; t < a.tokens().size(); ++t) {
            const TokenKind k = a.tokens()[t].kind;
            if (is_word(k)) return t;
            if (breaks_run(k)) break;
        }
        return kNone;
    }

    // One run of words holding at least one added word (restore). Runs of
    // added words are matched whole, then the run by anchors.
    void restore_run(Attributed& to, const std::vector<std::uint32_t>& words, const Flags& claimed,
                     std::size_t version) {
        const std::size_t end = words.size();
        for (std::size_t a = 0; a < end;) {
            if (claimed[words[a]]) {
                ++a;
                continue;
            }
            std::size_t z = a + 1;
            while (z < end && !claimed[words[z]]) ++z;
            match_whole(to, words, a, z, version);
            a = z;
        }
        match_anchors(to, words, claimed, 0, end, version);
    }

    // Words next to each other in one paragraph, with only white space and
    // marks between, make a run: restored wording may come back struck or
    // bracketed. These tokens end a run.
    static bool breaks_run(TokenKind k) {
        return k == TokenKind::paragraph_break || k == TokenKind::label ||
               k == TokenKind::status_tag || k == TokenKind::front_matter;
    }

    static std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
        h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
        return h;
    }
    std::uint64_t hash_of(std::size_t first, std::size_t length) const {
        std::uint64_t h = length;
        for (std::size_t k = first; k < first + length; ++k) h = mix(h, words_[k].id);
        return h;
    }
    static std::uint64_t hash_ids(const std::vector<std::uint32_t>& ids) {
        std::uint64_t h = ids.size();
        for (std::uint32_t id : ids) h = mix(h, id);
        return h;
    }
    bool same(std::size_t first, const std::vector<std::uint32_t>& ids) const {
        if (first + ids.size() > words_.size()) return false;
        for (std::size_t k = 0; k < ids.size(); ++k) {
            if (words_[first + k].id != ids[k]) return false;
        }
        return true;
    }

    void assign(Attributed& to, std::uint32_t token, const Word& word, std::size_t version) {
        to.origins[token].version = word.origin.version;
        // A move (deleted by this very version) is no restoration.
        to.origins[token].restored_by = word.deleted_by == version
                                            ? word.origin.restored_by
                                            : static_cast<std::uint32_t>(version);
    }

    void match_whole(Attributed& to, const std::vector<std::uint32_t>& words, std::size_t begin,
                     std::size_t end, std::size_t version) {
        // A single short word is too common to tell ("and", "the") and stays
        // with the version adding it.
        const bool distinctive = end - begin >= 2 || to.tokens()[words[begin]].range.size() >= 6;
        if (!distinctive) return;
        std::vector<std::uint32_t> ids;
        for (std::size_t k = begin; k < end; ++k) ids.push_back(to.interned.ids[words[k]]);
        const std::optional<std::size_t> first = whole_runs_.find(hash_ids(ids));
        if (!first || !same(*first, ids)) return;
        for (std::size_t k = begin; k < end; ++k)
            assign(to, words[k], words_[*first + (k - begin)], version);
    }

    void match_anchors(Attributed& to, const std::vector<std::uint32_t>& words,
                       const Flags& claimed, std::size_t begin, std::size_t end,
                       std::size_t version) {
        auto id_of = [&](std::size_t k) { return to.interned.ids[words[k]]; };
        std::vector<std::uint32_t> gram(kGram);
        for (std::size_t k = begin; k + kGram <= end;) {
            for (std::size_t g = 0; g < kGram; ++g) gram[g] = id_of(k + g);
            const std::optional<std::size_t> first = grams_.find(hash_ids(gram));
            if (!first || !same(*first, gram)) {
                ++k;
                continue;
            }
            // Extend the match as far as the deleted run goes.
            const std::size_t w = *first;
            std::size_t matched = 0, added = 0;
            while (k + matched < end && w + matched < words_.size() &&
                   words_[w + matched].id == id_of(k + matched) &&
                   (matched < kGram || words_[w + matched].deleted_by == words_[w].deleted_by)) {
                added += !claimed[words[k + matched]];
                ++matched;
            }
            if (added > 0) {
                const bool whole_stretch = added * 2 >= matched;
                for (std::size_t m = 0; m < matched; ++m) {
                    if (whole_stretch || !claimed[words[k + m]])
                        assign(to, words[k + m], words_[w + m], version);
                }
            }
            k += std::max<std::size_t>(matched, 1);
        }
    }

    std::vector<Word> words_;
    FirstPositions whole_runs_;  // run hash -> first word
    FirstPositions grams_;       // first occurrence wins: the first proposer
};

class Blamer {
  public:
    Blamer(const std::vector<BlameVersion>& versions, std::size_t last, const ParseOptions& options,
           const ReadText& read_text)
        : versions_(versions), done_(versions.size()), preparer_(read_text, last, options) {}

    // Versions are attributed oldest first; a version is let go once no
    // later version up to `v` needs it as a parent (a long history would
    // otherwise hold every version in memory). Called once, with `last`.
    const Attributed& attribute(std::size_t v) {
        std::vector<std::size_t> last_use(v + 1, 0);
        for (std::size_t k = 0; k <= v; ++k) {
            for (std::size_t p : versions_[k].parents) last_use[p] = std::max(last_use[p], k);
        }
        for (std::size_t k = 0; k <= v; ++k) {
            if (!done_[k]) step(k);
            for (std::size_t p : versions_[k].parents) {
                if (last_use[p] == k && p != v) done_[p].reset();
            }
        }
        return *done_[v];
    }

  private:
    void step(std::size_t v) {
        auto current = std::make_unique<Attributed>(preparer_.next());
        const auto& parents = versions_[v].parents;
        if (parents.size() == 1) {
            step_from(*done_[parents.front()], *current, v);
            done_[v] = std::move(current);
            return;
        }
        current->origins.assign(current->tokens().size(), Origin{});

        Flags claimed(current->tokens().size(), false);
        // Bracket marks follow their bracket, not the token diff's alignment:
        // a bracket standing in a parent keeps its marks' origin; any other
        // bracket is this version's.
        Flags bracket_mark(current->tokens().size(), false);
        for (std::uint32_t t = 0; t < current->tokens().size(); ++t) {
            const TokenKind k = current->tokens()[t].kind;
            bracket_mark[t] = k == TokenKind::bracket_open || k == TokenKind::bracket_close;
        }
        for (std::size_t p : parents) {
            Attributed& parent = *done_[p];
            const TokenMapping diff = map_tokens(parent.interned, current->interned);
            for (std::uint32_t t = 0; t < diff.new_to_old.size(); ++t) {
                if (claimed[t] || bracket_mark[t] || diff.new_to_old[t] == kNone) continue;
                current->origins[t] = parent.origins[diff.new_to_old[t]];
                claimed[t] = true;
            }
            if (marks_moved(parent, *current, diff)) {
                const TokenView& old_view = parent.view(diff.old_to_new);
                const TokenView& new_view = current->view(diff.new_to_old);
                const BracketPairs pairs = pair_brackets(old_view, new_view);
                for (std::uint32_t nb = 0; nb < pairs.new_to_old.size(); ++nb) {
                    const std::uint32_t ob = pairs.new_to_old[nb];
                    if (ob == kNone) continue;
                    const Bracket& n = current->document.brackets[nb];
                    const Bracket& o = parent.document.brackets[ob];
                    for (const auto& [new_at, old_at] :
                         {std::pair(n.open, o.open), std::pair(n.close, o.close)}) {
                        const std::uint32_t nt = new_view.token_at(new_at);
                        if (claimed[nt]) continue;
                        current->origins[nt] = parent.origins[old_view.token_at(old_at)];
                        claimed[nt] = true;
                    }
                }
            } else {
                // No bracket mark was added or removed: the diff's alignment of marks is the
                // brackets'.
                for (std::uint32_t t = 0; t < diff.new_to_old.size(); ++t) {
                    if (claimed[t] || !bracket_mark[t]) continue;
                    current->origins[t] = parent.origins[diff.new_to_old[t]];
                    claimed[t] = true;
                }
            }
            if (p == parents.front()) {
                std::vector<std::uint32_t> removed;
                for (std::uint32_t t = 0; t < diff.old_to_new.size(); ++t) {
                    if (diff.old_to_new[t] == kNone) removed.push_back(t);
                }
                graveyard_.bury(parent, removed, v);
            }
        }
        for (std::uint32_t t = 0; t < current->tokens().size(); ++t) {
            if (!claimed[t]) current->origins[t] = own(v);
        }
        if (!parents.empty()) graveyard_.restore(*current, claimed, v);
        done_[v] = std::move(current);
    }

    // step for a version with one parent, the same attribution with work
    // in proportion to what changed: the tokens the diff maps one to one at
    // the start and the end (the frame) take their parent's origins in one
    // copy, and only the tokens between are looked at one by one. Bracket
    // marks in the frame are set right after, when the marks moved.
    void step_from(const Attributed& parent, Attributed& current, std::size_t v) {
        const TokenMapping diff = map_tokens(parent.interned, current.interned);
        const std::uint32_t old_size = static_cast<std::uint32_t>(parent.tokens().size());
        const std::uint32_t new_size = static_cast<std::uint32_t>(current.tokens().size());
        std::uint32_t prefix = 0, suffix = 0;
        while (prefix < std::min(old_size, new_size) && diff.new_to_old[prefix] == prefix) ++prefix;
        while (suffix < std::min(old_size, new_size) - prefix &&
               diff.new_to_old[new_size - 1 - suffix] == old_size - 1 - suffix)
            ++suffix;
        const std::uint32_t new_end = new_size - suffix, old_end = old_size - suffix;

        current.origins.resize(new_size);
        std::copy_n(parent.origins.begin(), prefix, current.origins.begin());
        std::copy_n(parent.origins.begin() + old_end, suffix, current.origins.begin() + new_end);
        Flags claimed(new_size, true);
        for (std::uint32_t t = prefix; t < new_end; ++t) {
            const std::uint32_t o = diff.new_to_old[t];
            claimed[t] = o != kNone && !is_mark(current.tokens()[t].kind);
            if (claimed[t]) current.origins[t] = parent.origins[o];
        }
        std::vector<std::uint32_t> unclaimed_marks;  // bracket marks of the frame left unclaimed
        if (marks_moved(parent, current, diff, prefix, old_end, new_end)) {
            const TokenView& old_view = parent.view(diff.old_to_new);
            const TokenView& new_view = current.view(diff.new_to_old);
            for (std::uint32_t nb = 0; nb < current.document.brackets.size(); ++nb) {
                for (const std::uint32_t nt : {new_view.open_token[nb], new_view.close_token[nb]}) {
                    if (nt >= prefix && nt < new_end) continue;
                    claimed[nt] = false;
                    unclaimed_marks.push_back(nt);
                }
            }
            const BracketPairs pairs = pair_brackets(old_view, new_view);
            for (std::uint32_t nb = 0; nb < pairs.new_to_old.size(); ++nb) {
                const std::uint32_t ob = pairs.new_to_old[nb];
                if (ob == kNone) continue;
                for (const auto& [nt, ot] :
                     {std::pair(new_view.open_token[nb], old_view.open_token[ob]),
                      std::pair(new_view.close_token[nb], old_view.close_token[ob])}) {
                    if (claimed[nt]) continue;
                    current.origins[nt] = parent.origins[ot];
                    claimed[nt] = true;
                }
            }
        } else {
            for (std::uint32_t t = prefix; t < new_end; ++t) {
                const std::uint32_t o = diff.new_to_old[t];
                if (claimed[t] || o == kNone) continue;
                current.origins[t] = parent.origins[o];
                claimed[t] = true;
            }
        }
        std::vector<std::uint32_t> removed;
        for (std::uint32_t t = prefix; t < old_end; ++t) {
            if (diff.old_to_new[t] == kNone) removed.push_back(t);
        }
        graveyard_.bury(parent, removed, v);
        for (std::uint32_t t = prefix; t < new_end; ++t) {
            if (!claimed[t]) current.origins[t] = own(v);
        }
        for (const std::uint32_t t : unclaimed_marks) {
            if (!claimed[t]) current.origins[t] = own(v);
        }
        graveyard_.restore(current, claimed, v, prefix, new_end);
    }

    static bool is_mark(TokenKind k) {
        return k == TokenKind::bracket_open || k == TokenKind::bracket_close;
    }

    // True when the diff added or removed a bracket mark on either side.
    static bool marks_moved(const Attributed& parent, const Attributed& current,
                            const TokenMapping& diff) {
        return marks_moved(parent, current, diff, 0,
                           static_cast<std::uint32_t>(parent.tokens().size()),
                           static_cast<std::uint32_t>(current.tokens().size()));
    }
    // The same, when the diff maps every token outside old tokens [first,
    // old_end) and new tokens [first, new_end).
    static bool marks_moved(const Attributed& parent, const Attributed& current,
                            const TokenMapping& diff, std::uint32_t first, std::uint32_t old_end,
                            std::uint32_t new_end) {
        for (std::uint32_t t = first; t < old_end; ++t) {
            if (diff.old_to_new[t] == kNone && is_mark(parent.tokens()[t].kind)) return true;
        }
        for (std::uint32_t t = first; t < new_end; ++t) {
            if (diff.new_to_old[t] == kNone && is_mark(current.tokens()[t].kind)) return true;
        }
        return false;
    }

    const std::vector<BlameVersion>& versions_;
    std::vector<std::unique_ptr<Attributed>> done_;
    Graveyard graveyard_;
    VersionPreparer preparer_;
};

SpanKind span_kind(TokenKind k) {
    switch (k) {
        case TokenKind::bracket_open:
        case TokenKind::bracket_close:
            return SpanKind::bracket;
        case TokenKind::separator:
            return SpanKind::separator;
        case TokenKind::strike_open:
        case TokenKind::strike_close:
            return SpanKind::strike;
        default:
            return SpanKind::text;
    }
}

}  // namespace

BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const ParseOptions& options) {
    return blame_versions(versions, target, options,
                          [&](std::size_t v) { return std::string_view(versions[v].text); });
}

BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const ParseOptions& options, const ReadText& read_text) {
    Blamer blamer(versions, target, options, read_text);
    const Attributed& a = blamer.attribute(target);
    BlameResult result;
    for (std::uint32_t t = 0; t < a.tokens().size(); ++t) {
        const Token& token = a.tokens()[t];
        if (is_space_token(token.kind) || token.kind == TokenKind::front_matter) continue;
        const SpanKind kind = span_kind(token.kind);
        const Origin& origin = a.origins[t];
        const std::optional<std::size_t> restored =
            origin.restored_by == kNoVersion ? std::nullopt
                                             : std::optional<std::size_t>(origin.restored_by);
        if (!result.spans.empty()) {
            BlameSpan& last = result.spans.back();
            // Words of one origin, with only spaces or line breaks between, make one span.
            bool joinable =
                last.kind == kind && last.origin == origin.version && last.restored_by == restored;
            for (std::size_t k = t;
                 joinable && k-- > 0 && a.tokens()[k].range.begin >= last.range.end;) {
                joinable = a.tokens()[k].kind == TokenKind::space ||
                           a.tokens()[k].kind == TokenKind::line_break;
            }
            if (joinable) {
                last.range.end = token.range.end;
                continue;
            }
        }
        result.spans.push_back({token.range, kind, origin.version, restored});
    }
    result.document = a.document;
    return result;
}

}  // namespace accord
