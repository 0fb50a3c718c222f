#include "merge/blame/blame.hpp"

#include <algorithm>
#include <iterator>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

#include "core/notation/tokens.hpp"
#include "core/util/memory.hpp"
#include "core/util/string_table.hpp"
#include "merge/blame/attributed.hpp"
#include "merge/blame/blame_checkpoint.hpp"
#include "merge/blame/blame_diff.hpp"
#include "merge/blame/coincidences.hpp"
#include "merge/blame/graveyard.hpp"
#include "merge/diff/token_diff.hpp"
#include "merge/diff/token_view.hpp"

// How attribution flows from one version to the next:
//  1. Tokens the token diff keeps (no coincidence folding) keep their origin;
//     in a merge, a token kept from any parent takes that parent's origin.
//  2. A bracket that stands on both sides keeps its marks' origin even when
//     the diff aligned its '[' with a neighbour's (see pair_brackets).
//  3. Words the diff kept by coincidence inside a rewording are the
//     rewording's (coincidences.hpp).
//  4. What the diff removed is buried in the graveyard; added wording that
//     the evidence shows to be deleted wording coming back takes its first
//     proposer back (graveyard.hpp).
//  5. What is left is this proposal's own.
// Texts blamed together are walked in the order of their proposals; the
// versions one proposal made are diffed (and their removals buried) before
// any of them is restored, so that wording it moved between texts is found.

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

using namespace blame_detail;  // NOLINT(google-build-using-namespace): blame's own parts

// The tokens a single-parent diff maps one to one at the start and at the
// end: new tokens outside [prefix, new_end) are old tokens outside [prefix,
// old_end), in order. A merge's diffs have no frame (prefix 0, ends the sizes).
struct Frame {
    std::uint32_t prefix = 0, old_end = 0, new_end = 0;
};

Frame frame_of(const TokenMapping& diff) {
    const auto old_size = static_cast<std::uint32_t>(diff.old_to_new.size());
    const auto new_size = static_cast<std::uint32_t>(diff.new_to_old.size());
    std::uint32_t prefix = 0, suffix = 0;
    while (prefix < std::min(old_size, new_size) && diff.new_to_old[prefix] == prefix) ++prefix;
    while (suffix < std::min(old_size, new_size) - prefix &&
           diff.new_to_old[new_size - 1 - suffix] == old_size - 1 - suffix)
        ++suffix;
    return {prefix, old_size - suffix, new_size - suffix};
}

// True when the diff added or removed a bracket mark within the frame's middle.
bool marks_moved(const Attributed& parent, const Attributed& current, const TokenMapping& diff,
                 const Frame& frame) {
    for (std::uint32_t t = frame.prefix; t < frame.old_end; ++t) {
        if (diff.old_to_new[t] == kNone && is_bracket_mark(parent.tokens()[t].kind)) return true;
    }
    for (std::uint32_t t = frame.prefix; t < frame.new_end; ++t) {
        if (diff.new_to_old[t] == kNone && is_bracket_mark(current.tokens()[t].kind)) return true;
    }
    return false;
}

// One text's place in the walk.
struct TextState {
    std::span<const BlameVersion> versions;
    std::vector<std::uint32_t> proposal;  // per version
    std::vector<std::uint32_t> last_use;  // per version: the last version it is a parent of
    std::vector<std::unique_ptr<Attributed>> done;  // per version, while needed
    std::vector<std::uint32_t> own_words;           // per version, when counted
    // Per version, until it is restored: the proposals of this text's
    // versions walked before it that are not its ancestors (another line of
    // the history: a redraft not merged into it yet), in increasing order.
    // What they deleted was never deleted where the version stands, so no
    // wording of it is their deleted wording coming back.
    std::vector<std::vector<std::uint32_t>> unseen;
};

// A version attributed but not yet restored: the other versions its
// proposal made are diffed first.
struct Pending {
    std::uint32_t text = 0, version = 0;
    Flags claimed;
    Flags rewritten;  // per token: in a paragraph the proposal rewrote (empty: none)
    std::uint32_t first = 0, last = 0;  // every added token lies in [first, last)
};

class Walk {
  public:
    Walk(std::vector<TextState> texts, const BlameOptions& options, const ReadVersionText& read,
         const BlameCheckpoints& checkpoints)
        : texts_(std::move(texts)),
          graveyard_(options.across_texts, options.restored_run_words),
          resume_(checkpoints.resume_from),
          save_(checkpoints.save_to),
          count_own_words_(options.count_own_words) {
        if (count_own_words_) {
            for (TextState& text : texts_)
                text.own_words.assign(text.versions.size(), BlameResult::kUnknownCount);
        }
        if (resume_) {
            check_fits(*resume_);
            next_serial_ = resume_->next_serial;
            try {
                graveyard_.restore_state(resume_->graveyard);
            } catch (const std::invalid_argument& e) {
                throw BlameCheckpointMismatch(e.what());
            }
            // Each text's version at the checkpoint is prepared again first
            // (its tokens and ids, as the checkpoint's interner gives them).
            for (std::uint32_t t = 0; t < texts_.size(); ++t) {
                if (resume_->texts[t].version != BlameCheckpoint::Text::kNoVersion)
                    items_.push_back({t, resume_->texts[t].version});
            }
            resumed_items_ = items_.size();
        }
        for (std::uint32_t t = 0; t < texts_.size(); ++t) {
            for (std::uint32_t v = 0; v < texts_[t].versions.size(); ++v) {
                if (!resume_ || texts_[t].proposal[v] > resume_->last_proposal)
                    items_.push_back({t, v});
            }
        }
        std::stable_sort(items_.begin() + static_cast<std::ptrdiff_t>(resumed_items_), items_.end(),
                         [&](const Item& a, const Item& b) {
                             return texts_[a.text].proposal[a.version] <
                                    texts_[b.text].proposal[b.version];
                         });
        std::vector<std::uint32_t> text_of_item;
        text_of_item.reserve(items_.size());
        for (const Item& item : items_) text_of_item.push_back(item.text);
        const ReadText read_item = [this, read](std::size_t k) {
            const Item& item = items_[k];
            if (read) return read(item.text, item.version);
            return texts_[item.text].versions[item.version].text;
        };
        if (save_) save_->texts.assign(texts_.size(), {});
        // Many texts' latest versions are held at once (memory.hpp).
        if (texts_.size() > 1) limit_allocation_arenas();
        try {
            preparer_.emplace(read_item, std::move(text_of_item), options.parse,
                              resume_ ? &resume_->interner : nullptr, save_ != nullptr);
        } catch (const std::invalid_argument& e) {
            if (!resume_) throw;
            throw BlameCheckpointMismatch(e.what());  // the interner's state does not hold
        }
    }

    // Attributes every version in the order of their proposals; hands each
    // text's result to `done` once its last version is attributed (and its
    // restorations made), and lets go of that text then.
    void run(const BlameTextDone& done) {
        std::uint32_t last_proposal = resume_ ? resume_->last_proposal : 0;
        for (std::size_t k = 0; k < resumed_items_; ++k) {
            const Item& item = items_[k];
            TextState& text = texts_[item.text];
            auto current = std::make_unique<Attributed>(preparer_->next());
            const std::vector<Origin>& origins = resume_->texts[item.text].origins;
            if (current->tokens().size() != origins.size() ||
                ids_hash(current->interned) != resume_->texts[item.text].ids_hash)
                throw BlameCheckpointMismatch("blame: a checkpoint's version has other tokens");
            current->origins = origins;
            current->proposal = text.proposal[item.version];
            text.done[item.version] = std::move(current);
            if (item.version + 1 == text.versions.size()) finish_text(item.text, done);
        }
        std::vector<Pending> pending;
        for (std::size_t k = resumed_items_; k < items_.size();) {
            const std::uint32_t proposal = proposal_of(items_[k]);
            std::size_t end = k;
            while (end < items_.size() && proposal_of(items_[end]) == proposal) ++end;
            pending.clear();
            for (std::size_t i = k; i < end; ++i) pending.push_back(attribute(items_[i]));
            for (Pending& p : pending) {
                Attributed& current = *texts_[p.text].done[p.version];
                graveyard_.restore(current, p.text, p.claimed, p.rewritten, p.first, p.last,
                                   texts_[p.text].unseen[p.version]);
                if (count_own_words_) texts_[p.text].own_words[p.version] = own_words(current);
            }
            for (std::size_t i = k; i < end; ++i) {
                const Item& item = items_[i];
                release_parents(item);
                if (item.version + 1 == texts_[item.text].versions.size())
                    finish_text(item.text, done);
            }
            last_proposal = proposal;
            k = end;
        }
        if (save_) {
            save_->last_proposal = last_proposal;
            save_->next_serial = next_serial_;
            save_->graveyard = graveyard_.state();
            save_->interner = preparer_->interner_state();
        }
    }

  private:
    struct Item {
        std::uint32_t text, version;
    };

    static std::uint64_t ids_hash(const InternedTokens& interned) {
        return hash_bytes(std::string_view(reinterpret_cast<const char*>(interned.ids.data()),
                                           interned.ids.size() * sizeof(std::uint32_t)));
    }

    // Hands on a text's result once its last version is attributed (and
    // leaves that version's origins in the checkpoint to save), and lets go of it.
    void finish_text(std::uint32_t t, const BlameTextDone& done) {
        TextState& text = texts_[t];
        if (save_) {
            save_->texts[t].version = static_cast<std::uint32_t>(text.versions.size() - 1);
            save_->texts[t].origins = text.done.back()->origins;
            save_->texts[t].ids_hash = ids_hash(text.done.back()->interned);
        }
        BlameResult result = result_of(*text.done.back());
        result.own_words = std::move(text.own_words);
        text.done.back().reset();
        done(t, std::move(result));
    }

    // The words (and numbers) of `a` its own proposal worded or restored.
    static std::uint32_t own_words(const Attributed& a) {
        std::uint32_t words = 0;
        for (std::uint32_t t = 0; t < a.tokens().size(); ++t) {
            const TokenKind kind = a.tokens()[t].kind;
            if (kind != TokenKind::word && kind != TokenKind::number) continue;
            const Origin& origin = a.origins[t];
            words += origin.proposal == a.proposal || origin.restored_by == a.proposal;
        }
        return words;
    }

    // Throws BlameCheckpointMismatch unless `checkpoint` can be gone on
    // from with these texts: one entry per text, at its last version up to
    // the checkpoint's proposal, no later version with a parent before it,
    // and no origin, burial or word id the checkpoint could not have made.
    void check_fits(const BlameCheckpoint& checkpoint) const {
        const auto refuse = [](const char* why) {
            throw BlameCheckpointMismatch(std::string("blame: a checkpoint does not fit: ") + why);
        };
        const std::uint32_t last = checkpoint.last_proposal;
        if (checkpoint.texts.size() != texts_.size()) refuse("another number of texts");
        for (std::size_t t = 0; t < texts_.size(); ++t) {
            const TextState& text = texts_[t];
            const std::uint32_t at = checkpoint.texts[t].version;
            const auto size = static_cast<std::uint32_t>(text.versions.size());
            // The first version after the checkpoint.
            std::uint32_t after = 0;
            while (after < size && text.proposal[after] <= last) ++after;
            if (at == BlameCheckpoint::Text::kNoVersion ? after != 0 : at + 1 != after)
                refuse("a text's version at the checkpoint");
            const std::uint32_t oldest_parent = after == 0 ? 0 : at;
            for (std::uint32_t v = after; v < size; ++v) {
                for (const std::size_t p : text.versions[v].parents) {
                    if (p < oldest_parent) refuse("a parent before the checkpoint");
                }
            }
        }
        // Serials it gave out: below next_serial (0 for the marks and spaces
        // of no proposal).
        const auto named = [&](const Origin& o) {
            return o.proposal <= last && (o.restored_by == kNoProposal || o.restored_by <= last) &&
                   o.serial < checkpoint.next_serial;
        };
        if (checkpoint.next_serial == 0) refuse("no serial to give out");
        for (const BlameCheckpoint::Text& text : checkpoint.texts) {
            if (!std::all_of(text.origins.begin(), text.origins.end(), named))
                refuse("an origin past it");
        }
        for (const Graveyard::Word& word : checkpoint.graveyard.words) {
            if (!named(word.origin) || word.id >= checkpoint.interner.next)
                refuse("a buried word it could not have made");
        }
        for (const Graveyard::Run& run : checkpoint.graveyard.runs) {
            if (run.deleted_by > last || run.text >= texts_.size())
                refuse("a burial it could not have made");
        }
        for (const Graveyard::Mark& mark : checkpoint.graveyard.marks) {
            if (!named(mark.origin) || mark.id >= checkpoint.interner.next)
                refuse("a buried mark it could not have made");
        }
    }

    std::uint32_t proposal_of(const Item& item) const {
        return texts_[item.text].proposal[item.version];
    }

    // Steps 1, 2, 3 and 5 for one version, and burying what it removed from
    // its first parent.
    Pending attribute(const Item& item) {
        TextState& text = texts_[item.text];
        auto current = std::make_unique<Attributed>(preparer_->next());
        current->proposal = text.proposal[item.version];
        const auto size = static_cast<std::uint32_t>(current->tokens().size());
        const std::vector<std::size_t>& parents = text.versions[item.version].parents;
        Pending out{item.text, item.version, {}, {}, 0, size};
        std::vector<std::uint32_t> unclaimed_marks;  // frame marks the bracket pairing reopened
        if (parents.size() == 1) {
            const Attributed& parent = *text.done[parents.front()];
            TokenMapping diff = map_tokens(parent.interned, current->interned);
            Frame frame = frame_of(diff);
            out.rewritten = fold_coincidences(parent.tokens(), current->tokens(), diff,
                                              frame.prefix, frame.old_end, frame.new_end);
            // Paragraphs moved word for word: their own origins, whatever the
            // diff paired them with; the frame around what changed is then
            // found again (a paragraph moved to the top is no kept prefix).
            if (map_moved_paragraphs(parent.interned, current->interned, diff) > 0)
                frame = frame_of(diff);
            current->origins.resize(size);
            std::copy_n(parent.origins.begin(), frame.prefix, current->origins.begin());
            std::copy(parent.origins.begin() + frame.old_end, parent.origins.end(),
                      current->origins.begin() + frame.new_end);
            out.claimed.assign(size, 1);
            std::fill(out.claimed.begin() + frame.prefix, out.claimed.begin() + frame.new_end, 0);
            carry(parent, *current, diff, frame, out.claimed, unclaimed_marks);
            bury_removed(parent, item.text, diff, frame, current->proposal);
            out.first = frame.prefix, out.last = frame.new_end;
        } else {
            current->origins.assign(size, Origin{});
            out.claimed.assign(size, 0);
            std::vector<std::uint32_t> carried_from(size, kNone);  // per token: which parent
            for (std::uint32_t k = 0; k < parents.size(); ++k) {
                const Attributed& parent = *text.done[parents[k]];
                TokenMapping diff = k == 0 ? map_tokens(parent.interned, current->interned)
                                           : map_set_apart(parent, *current, out.claimed);
                map_moved_paragraphs(parent.interned, current->interned, diff);
                const Frame whole{0, static_cast<std::uint32_t>(parent.tokens().size()), size};
                carry(parent, *current, diff, whole, out.claimed, unclaimed_marks);
                for (std::uint32_t t = 0; t < size; ++t)
                    if (out.claimed[t] && carried_from[t] == kNone) carried_from[t] = k;
                if (k == 0) bury_removed(parent, item.text, diff, whole, current->proposal);
            }
            credit_what_each_line_added(text, parents, carried_from, *current);
        }
        // What the proposal itself added: each word an occurrence of its own.
        const std::uint32_t mine = current->proposal;
        for (std::uint32_t t = out.first; t < out.last; ++t) {
            if (out.claimed[t]) continue;
            const bool word = is_word_or_number(current->tokens()[t].kind);
            current->origins[t] = {mine, kNoProposal, word ? next_serial_++ : 0};
        }
        for (const std::uint32_t t : unclaimed_marks) {
            if (!out.claimed[t]) current->origins[t] = {mine, kNoProposal, 0};
        }
        text.done[item.version] = std::move(current);
        return out;
    }

    // Wording a later parent's line added, at a place of the merge an
    // earlier parent's comparison gave to other wording, is the later
    // line's when the earlier line never had it and either
    //  - the same wording was tabled at that place on both lines, each
    //    unaware of the other (a redraft's words tabled on main too, as an
    //    option): the merge holds it once, and it goes to the proposal that
    //    tabled it first, whichever parent that was; or
    //  - the wording the earlier parent put there stands in the merge a
    //    second time, where the later parent has it (a redraft's
    //    "[starting in 2020]" before the draft's "[in accordance ...]": the
    //    first parent's comparison may pair the draft's "in" with either).
    // Wording a line inherited from before the two parted (the draft's, a
    // rewording's) is left as it was carried.
    static void credit_what_each_line_added(const TextState& text,
                                            const std::vector<std::size_t>& parents,
                                            const std::vector<std::uint32_t>& carried_from,
                                            Attributed& current) {
        // Not before `version` on its line: later, or walked before it on another.
        const auto unseen_by = [&](std::size_t version, std::uint32_t proposal) {
            const std::vector<std::uint32_t>& unseen = text.unseen[version];
            return proposal > text.proposal[version] ||
                   std::binary_search(unseen.begin(), unseen.end(), proposal);
        };
        // How many tokens of the merge hold each word occurrence.
        const auto occurrence = [](const Origin& o) {
            return (std::uint64_t{o.proposal} << 32) | o.serial;
        };
        std::unordered_map<std::uint64_t, std::uint32_t> held;
        for (const Origin& o : current.origins)
            if (o.serial != 0) ++held[occurrence(o)];
        for (std::uint32_t k = 1; k < parents.size(); ++k) {
            const Attributed& parent = *text.done[parents[k]];
            const TokenMapping whole = map_tokens(parent.interned, current.interned);
            for (std::uint32_t o = 0; o < parent.tokens().size(); ++o) {
                const std::uint32_t n = whole.old_to_new[o];
                if (n == kNone || carried_from[n] == kNone || carried_from[n] == k ||
                    !is_wording(current.tokens()[n].kind))
                    continue;
                Origin& here = current.origins[n];
                const Origin& there = parent.origins[o];
                if (there.proposal == here.proposal || here.restored_by != kNoProposal ||
                    there.restored_by != kNoProposal ||
                    !unseen_by(parents[carried_from[n]], there.proposal))
                    continue;
                const bool tabled_on_both =
                    there.proposal < here.proposal && unseen_by(parents[k], here.proposal);
                const bool held_twice = here.serial != 0 && held[occurrence(here)] > 1 &&
                                        !unseen_by(parents[k], here.proposal);
                if (!tabled_on_both && !held_twice) continue;
                if (here.serial != 0) --held[occurrence(here)];
                here = there;
                if (here.serial != 0) ++held[occurrence(here)];
            }
        }
    }

    // A merge's text as its second (or later) parent is compared with it:
    // the tokens an earlier parent gave their origin to are set apart
    // (kClaimedIds), and so are the parent's own tokens that already stand
    // in the merge through an earlier parent (`placed`). Two groups tabling
    // a text at one path, merged as "[ours text.]\n\n[their text.]", would
    // otherwise have the second group's words paired with the first group's
    // paragraph (the earlier of two alike), and credited to the merge.
    // Setting apart only the merge's side would in turn free the parent's
    // tokens to pair with any unclaimed token alike, however far: the
    // draft's "all" of paragraph 2 with the "all" a redraft put in paragraph
    // 1, the brackets of "[strengthen][improve]" with those the merge made
    // around two redrafts' competing words. A token set apart on both sides
    // as one occurrence keeps one id on both (kPlacedIds and the merge's
    // index): it anchors the comparison, so that the marks the parent drew
    // around the common wording ("[five]" of "every [five][three] years")
    // pair with the marks around that wording in the merge, not with those
    // the merge drew around the other side's words.
    static constexpr std::uint32_t kClaimedIds = 0xC0000000u, kPlacedIds = 0xA0000000u;

    static TokenMapping map_set_apart(const Attributed& parent, const Attributed& current,
                                      const Flags& claimed) {
        const std::vector<std::uint32_t> counterpart = placed(parent, current, claimed);
        std::vector<std::uint32_t> merge_ids(current.tokens().size(), kNone);
        for (std::uint32_t t = 0; t < merge_ids.size(); ++t)
            if (claimed[t]) merge_ids[t] = kClaimedIds + t;
        std::vector<std::uint32_t> parent_ids(parent.tokens().size(), kNone);
        for (std::uint32_t o = 0; o < parent_ids.size(); ++o) {
            if (counterpart[o] == kNone) continue;
            parent_ids[o] = merge_ids[counterpart[o]] = kPlacedIds + counterpart[o];
        }
        return map_tokens(set_apart(parent.interned, parent_ids, kPlacedIds),
                          set_apart(current.interned, merge_ids, kClaimedIds));
    }

    // `side` with each token given an id in `apart_ids` (kNone: its own
    // kept), and each paragraph holding one given an id no other paragraph
    // of either side has (`unit_base` + its index).
    static InternedTokens set_apart(const InternedTokens& side,
                                    const std::vector<std::uint32_t>& apart_ids,
                                    std::uint32_t unit_base) {
        InternedTokens out = side;
        for (std::uint32_t t = 0; t < out.ids.size(); ++t)
            if (apart_ids[t] != kNone) out.ids[t] = apart_ids[t];
        for (std::uint32_t u = 0; u + 1 < out.unit_first.size() && u < out.unit_ids.size(); ++u) {
            for (std::uint32_t t = out.unit_first[u]; t < out.unit_first[u + 1]; ++t) {
                if (apart_ids[t] == kNone) continue;
                out.unit_ids[u] = unit_base + u;
                break;
            }
        }
        return out;
    }

    // Per token of `parent`, a later parent of the merge `current`: the
    // token of the merge that is the same occurrence, claimed by an earlier
    // parent (kNone: none). The whole texts' diff pairs it with a claimed
    // token the same proposal put there (for a word, the same serial): an
    // earlier parent shares it (the common ancestor's wording), so it is not
    // in the merge a second time, elsewhere.
    static std::vector<std::uint32_t> placed(const Attributed& parent, const Attributed& current,
                                             const Flags& claimed) {
        TokenMapping whole = map_tokens(parent.interned, current.interned);
        map_moved_paragraphs(parent.interned, current.interned, whole);
        std::vector<std::uint32_t> out(parent.tokens().size(), kNone);
        for (std::uint32_t o = 0; o < out.size(); ++o) {
            const std::uint32_t n = whole.old_to_new[o];
            if (n == kNone || !claimed[n]) continue;
            const Origin &here = current.origins[n], &there = parent.origins[o];
            if (here.proposal == there.proposal && here.serial == there.serial) out[o] = n;
        }
        return out;
    }

    // Gives the tokens of the frame's middle that `diff` maps to `parent`
    // the parent's origin, unless `claimed` already; bracket marks follow
    // their brackets (pair_brackets) when the diff added or removed a mark,
    // and marks of the frame are then looked at again too (listed in
    // `reopened` when left unclaimed).
    static void carry(const Attributed& parent, Attributed& current, const TokenMapping& diff,
                      const Frame& frame, Flags& claimed, std::vector<std::uint32_t>& reopened) {
        for (std::uint32_t t = frame.prefix; t < frame.new_end; ++t) {
            const std::uint32_t o = diff.new_to_old[t];
            if (claimed[t] || o == kNone || is_bracket_mark(current.tokens()[t].kind)) continue;
            current.origins[t] = parent.origins[o];
            claimed[t] = 1;
        }
        if (!marks_moved(parent, current, diff, frame)) {
            for (std::uint32_t t = frame.prefix; t < frame.new_end; ++t) {
                const std::uint32_t o = diff.new_to_old[t];
                if (claimed[t] || o == kNone) continue;
                current.origins[t] = parent.origins[o];
                claimed[t] = 1;
            }
            return;
        }
        const TokenView& old_view = parent.view(diff.old_to_new);
        const TokenView& new_view = current.view(diff.new_to_old);
        for (std::uint32_t nb = 0; nb < current.document.brackets.size(); ++nb) {
            for (const std::uint32_t nt : {new_view.open_token[nb], new_view.close_token[nb]}) {
                if ((nt >= frame.prefix && nt < frame.new_end) || !claimed[nt]) continue;
                claimed[nt] = 0;
                reopened.push_back(nt);
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
                claimed[nt] = 1;
            }
        }
        parent.forget_mapping();
        current.forget_mapping();
    }

    void bury_removed(const Attributed& parent, std::uint32_t text, const TokenMapping& diff,
                      const Frame& frame, std::uint32_t proposal) {
        std::vector<std::uint32_t> removed;
        for (std::uint32_t t = frame.prefix; t < frame.old_end; ++t) {
            if (diff.old_to_new[t] == kNone) removed.push_back(t);
        }
        graveyard_.bury(parent, text, removed, proposal);
    }

    // Lets go of the versions no later version needs as a parent (a long
    // history would otherwise hold every version in memory).
    void release_parents(const Item& item) {
        TextState& text = texts_[item.text];
        const std::size_t last = text.versions.size() - 1;
        for (std::size_t p : text.versions[item.version].parents) {
            if (text.last_use[p] != item.version) continue;
            text.unseen[p] = {};
            if (p != last) text.done[p].reset();
        }
    }

    static SpanKind span_kind(TokenKind k) {
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

    static BlameResult result_of(const Attributed& a) {
        BlameResult result;
        for (std::uint32_t t = 0; t < a.tokens().size(); ++t) {
            const Token& token = a.tokens()[t];
            if (is_space_token(token.kind) || token.kind == TokenKind::front_matter) continue;
            const SpanKind kind = span_kind(token.kind);
            const Origin& origin = a.origins[t];
            const std::optional<std::size_t> restored =
                origin.restored_by == kNoProposal ? std::nullopt
                                                  : std::optional<std::size_t>(origin.restored_by);
            if (!result.spans.empty()) {
                BlameSpan& last = result.spans.back();
                // Words of one origin, with only spaces or line breaks between, make one span.
                bool joinable = last.kind == kind && last.origin == origin.proposal &&
                                last.restored_by == restored;
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
            result.spans.push_back({token.range, kind, origin.proposal, restored});
        }
        result.document = a.document;
        return result;
    }

    std::vector<TextState> texts_;
    // Every version of every text in the order of their proposals; going on
    // from a checkpoint, each text's version there first, then those after it.
    std::vector<Item> items_;
    Graveyard graveyard_;
    std::uint32_t next_serial_ = 1;  // the serial of the next token a proposal adds
    const BlameCheckpoint* resume_;
    BlameCheckpoint* save_;
    bool count_own_words_;                     // BlameOptions::count_own_words
    std::size_t resumed_items_ = 0;            // the first items_, prepared but not attributed
    std::optional<VersionPreparer> preparer_;  // last: its threads read items_
};

// TextState::unseen for every version, from the parents alone (so that a
// walk gone on from a checkpoint finds the same). A version's unseen are
// those of a parent and the versions between that parent and it; a merge's,
// those every parent's line left unseen. A version without parents (a text
// tabled again after its deletion) is taken to have seen every earlier one.
std::vector<std::vector<std::uint32_t>> unseen_versions(
    std::span<const BlameVersion> versions, const std::vector<std::uint32_t>& proposal) {
    std::vector<std::vector<std::uint32_t>> unseen(versions.size());
    std::vector<std::uint32_t> line, common;
    for (std::size_t v = 0; v < versions.size(); ++v) {
        const std::vector<std::size_t>& parents = versions[v].parents;
        for (std::size_t k = 0; k < parents.size(); ++k) {
            const std::size_t p = parents[k];
            line = unseen[p];
            for (std::size_t u = p + 1; u < v; ++u) line.push_back(proposal[u]);
            if (k == 0) {
                unseen[v].swap(line);
                continue;
            }
            common.clear();
            std::set_intersection(unseen[v].begin(), unseen[v].end(), line.begin(), line.end(),
                                  std::back_inserter(common));
            unseen[v].swap(common);
        }
    }
    return unseen;
}

TextState text_state(std::span<const BlameVersion> versions, bool own_index) {
    TextState state;
    state.versions = versions;
    state.proposal.resize(versions.size());
    state.last_use.assign(versions.size(), 0);
    state.done.resize(versions.size());
    for (std::size_t v = 0; v < versions.size(); ++v) {
        const std::size_t proposal = own_index ? v : versions[v].proposal;
        if (proposal >= kNoProposal)
            throw std::invalid_argument("blame: proposal index out of range");
        state.proposal[v] = static_cast<std::uint32_t>(proposal);
        if (v > 0 && state.proposal[v] <= state.proposal[v - 1])
            throw std::invalid_argument("blame: a text's versions must have increasing proposals");
        for (std::size_t p : versions[v].parents) {
            if (p >= v) throw std::invalid_argument("blame: a parent must come before its child");
            state.last_use[p] = static_cast<std::uint32_t>(v);
        }
    }
    state.unseen = unseen_versions(versions, state.proposal);
    return state;
}

}  // namespace

BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const ParseOptions& options) {
    return blame_versions(versions, target, options,
                          [&](std::size_t v) { return versions[v].text; });
}

BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const ParseOptions& options, const ReadText& read_text) {
    BlameOptions blame;
    blame.parse = options;
    return blame_versions(versions, target, blame, read_text);
}

BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const BlameOptions& options, const ReadText& read_text) {
    return blame_versions(versions, target, options, read_text, BlameCheckpoints{});
}

BlameResult blame_versions(const std::vector<BlameVersion>& versions, std::size_t target,
                           const BlameOptions& options, const ReadText& read_text,
                           const BlameCheckpoints& checkpoints) {
    if (target >= versions.size()) throw std::invalid_argument("blame: no such version");
    std::vector<TextState> texts;
    texts.push_back(text_state(std::span(versions).first(target + 1), true));
    ReadVersionText read;
    if (read_text) read = [&](std::size_t, std::size_t version) { return read_text(version); };
    Walk walk(std::move(texts), options, read, checkpoints);
    BlameResult out;
    walk.run([&](std::size_t, BlameResult&& result) { out = std::move(result); });
    return out;
}

void blame_texts(std::span<const TextVersions> texts, const BlameOptions& options,
                 const ReadVersionText& read_text, const BlameTextDone& done) {
    blame_texts(texts, options, read_text, done, BlameCheckpoints{});
}

void blame_texts(std::span<const TextVersions> texts, const BlameOptions& options,
                 const ReadVersionText& read_text, const BlameTextDone& done,
                 const BlameCheckpoints& checkpoints) {
    std::vector<TextState> states;
    for (const TextVersions& text : texts) {
        if (text.versions.empty()) throw std::invalid_argument("blame: a text without versions");
        states.push_back(text_state(text.versions, false));
    }
    Walk walk(std::move(states), options, read_text, checkpoints);
    walk.run(done);
}

std::vector<BlameResult> blame_texts(std::span<const TextVersions> texts,
                                     const BlameOptions& options,
                                     const ReadVersionText& read_text) {
    std::vector<BlameResult> out(texts.size());
    blame_texts(texts, options, read_text,
                [&](std::size_t text, BlameResult&& result) { out[text] = std::move(result); });
    return out;
}

}  // namespace accord
