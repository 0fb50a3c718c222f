#include "merge/diff/paragraph_pairing.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "merge/diff/sequence_diff.hpp"

namespace accord {

ParagraphTokens paragraph_tokens(const Document& document, const std::vector<Token>& tokens) {
    ParagraphTokens out;
    out.first.reserve(document.paragraphs.size() + 1);
    std::uint32_t t = 0;
    for (const Paragraph& p : document.paragraphs) {
        // The white space before an indented paragraph belongs to the one before.
        while (t < tokens.size() && tokens[t].range.begin < p.range.begin) ++t;
        out.first.push_back(t);
    }
    out.first.push_back(static_cast<std::uint32_t>(tokens.size()));
    return out;
}

namespace {

// How alike two paragraphs must be, in weighted words shared:
// 2 * shared / (words of one + words of the other).
constexpr double kEditedLikeness = 0.3;  // one edited into the other
constexpr double kMovedLikeness = 0.6;   // one moved and perhaps edited
// A part of a split (or merge) has at least this share of its words in the
// paragraph it was split from (or merged into).
constexpr double kPartShare = 0.5;
constexpr std::uint32_t kMostParts = 12;
// The parts of a split (or merge) together share at most this share of the
// whole paragraph's words: each part brings words of its own. Parts that
// share more are matching the same words again, as paragraphs written
// alike do ("(d) Review finalized and significant inconsistencies ...",
// "(e) Review finalized and persistent inconsistencies ..."): those were
// edited one to one, not split or merged.
constexpr double kPartsOverlap = 1.1;
constexpr std::uint32_t kFewestMovedWords = 3;  // shorter paragraphs move only word for word
// Gaps whose paragraph pairs are more than this are paired in order, one to one.
constexpr std::uint64_t kMostComparedPairs = std::uint64_t{1} << 20;

// A paragraph's words and numbers, each distinct one with how often it occurs.
struct Entry {
    std::uint32_t id;
    std::uint32_t count;
};
struct Bag {
    std::uint32_t begin = 0, end = 0;  // its entries
    double weight = 0;                 // the words' weights, each counted as often as it occurs
    std::uint32_t words = 0;
    bool made = false;  // bags are made on first use: most paragraphs are kept whole
};

class Pairer {
  public:
    Pairer(const PairingInput& before, const PairingInput& after, const SharedParagraphs* around)
        : old_(before), new_(after) {
        std::uint32_t largest = 0;
        for (const PairingInput* side : {&before, &after}) {
            for (std::uint32_t t = 0; t < side->tokens.size(); ++t)
                if (is_word_or_number(side->tokens[t].kind))
                    largest = std::max(largest, side->ids[t]);
        }
        weight_.assign(std::size_t(largest) + 1, 0.0);
        count_holders(before, 0);
        count_holders(after, static_cast<std::uint32_t>(before.document.paragraphs.size()));
        double paragraphs =
            double(before.document.paragraphs.size() + after.document.paragraphs.size());
        if (around) {
            paragraphs += 2.0 * around->count;
            const std::size_t known = std::min(around->holders.size(), weight_.size());
            for (std::size_t id = 0; id < known; ++id) weight_[id] += 2.0 * around->holders[id];
        }
        // Rare words weigh more: log(1 + paragraphs / paragraphs holding the word).
        for (double& w : weight_) w = w > 0 ? std::log(1.0 + paragraphs / w) : 0.0;
        old_bags_.resize(before.document.paragraphs.size());
        new_bags_.resize(after.document.paragraphs.size());
        postings_head_.assign(weight_.size(), kNone);
    }

    std::vector<ParagraphPairing> run() {
        const auto old_keys = keys(old_), new_keys = keys(new_);
        const std::vector<Edit> edits = diff_sequences_anchored(old_keys, new_keys);
        find_moved_whole(old_keys, new_keys, edits);
        std::vector<ParagraphPairing> out;
        std::uint32_t o = 0, n = 0;
        auto gap_until = [&](std::uint32_t old_end, std::uint32_t new_end) {
            pair_gap(o, old_end, n, new_end, out);
            o = old_end, n = new_end;
        };
        for (const Edit& e : edits) {
            if (e.kind != EditKind::common) continue;
            gap_until(e.old_index, e.new_index);
            out.push_back({PairingKind::kept, o, o + 1, n, n + 1, {}, {}});
            ++o, ++n;
        }
        gap_until(static_cast<std::uint32_t>(old_keys.size()),
                  static_cast<std::uint32_t>(new_keys.size()));
        find_moves(out);
        return out;
    }

  private:
    // --- paragraphs as words --------------------------------------------------

    // weight_[id] += 1 for each paragraph of `side` holding word `id` (the
    // paragraphs numbered from `first_number` on, across both sides).
    void count_holders(const PairingInput& side, std::uint32_t first_number) {
        if (last_holder_.size() != weight_.size()) last_holder_.assign(weight_.size(), kNone);
        for (std::uint32_t p = 0; p < side.document.paragraphs.size(); ++p) {
            const std::uint32_t number = first_number + p;
            for (std::uint32_t t = side.paragraphs.first[p]; t < side.paragraphs.first[p + 1];
                 ++t) {
                if (!is_word_or_number(side.tokens[t].kind)) continue;
                const std::uint32_t id = side.ids[t];
                if (last_holder_[id] != number) last_holder_[id] = number, weight_[id] += 1;
            }
        }
    }

    const Bag& old_bag(std::uint32_t p) { return bag(old_, old_bags_[p], p); }
    const Bag& new_bag(std::uint32_t p) { return bag(new_, new_bags_[p], p); }

    // Paragraph p's words, sorted by id, each with how often it occurs.
    const Bag& bag(const PairingInput& side, Bag& bag, std::uint32_t p) {
        if (bag.made) return bag;
        bag_ids_.clear();
        for (std::uint32_t t = side.paragraphs.first[p]; t < side.paragraphs.first[p + 1]; ++t)
            if (is_word_or_number(side.tokens[t].kind)) bag_ids_.push_back(side.ids[t]);
        std::sort(bag_ids_.begin(), bag_ids_.end());
        bag.begin = static_cast<std::uint32_t>(entries_.size());
        bag.words = static_cast<std::uint32_t>(bag_ids_.size());
        for (std::size_t k = 0; k < bag_ids_.size();) {
            std::size_t end = k;
            while (end < bag_ids_.size() && bag_ids_[end] == bag_ids_[k]) ++end;
            entries_.push_back({bag_ids_[k], static_cast<std::uint32_t>(end - k)});
            k = end;
        }
        bag.end = static_cast<std::uint32_t>(entries_.size());
        for (std::uint32_t e = bag.begin; e < bag.end; ++e)
            bag.weight += entries_[e].count * weight_[entries_[e].id];
        bag.made = true;
        return bag;
    }

    // Paragraphs that stand word for word on both sides but out of order
    // (not kept in place): each is moved whole, and is paired with nothing
    // else. Among paragraphs alike ("Requests Party A to report", "...Party
    // B...") the pairing by shared words would otherwise edit one into
    // another. Short ones (fewer than kFewestMovedWords words) are left to
    // the pairing, as find_moves leaves them.
    void find_moved_whole(const std::vector<std::uint32_t>& old_keys,
                          const std::vector<std::uint32_t>& new_keys,
                          const std::vector<Edit>& edits) {
        std::vector<bool> old_kept(old_keys.size(), false), new_kept(new_keys.size(), false);
        for (const Edit& e : edits) {
            if (e.kind != EditKind::common) continue;
            old_kept[e.old_index] = true;
            new_kept[e.new_index] = true;
        }
        std::unordered_set<std::uint32_t> old_loose, new_loose;  // keys of paragraphs not kept
        for (std::uint32_t p = 0; p < old_keys.size(); ++p)
            if (!old_kept[p]) old_loose.insert(old_keys[p]);
        for (std::uint32_t p = 0; p < new_keys.size(); ++p)
            if (!new_kept[p]) new_loose.insert(new_keys[p]);
        old_moved_whole_.assign(old_keys.size(), false);
        new_moved_whole_.assign(new_keys.size(), false);
        for (std::uint32_t p = 0; p < old_keys.size(); ++p)
            old_moved_whole_[p] = !old_kept[p] && new_loose.count(old_keys[p]) > 0 &&
                                  old_bag(p).words >= kFewestMovedWords;
        for (std::uint32_t p = 0; p < new_keys.size(); ++p)
            new_moved_whole_[p] = !new_kept[p] && old_loose.count(new_keys[p]) > 0 &&
                                  new_bag(p).words >= kFewestMovedWords;
    }

    // Each paragraph's text as a number, equal numbers for equal texts.
    std::vector<std::uint32_t> keys(const PairingInput& side) {
        std::vector<std::uint32_t> out;
        out.reserve(side.document.paragraphs.size());
        for (const Paragraph& p : side.document.paragraphs) {
            const auto [it, added] = key_numbers_.try_emplace(
                side.document.text(p.range), static_cast<std::uint32_t>(key_numbers_.size()));
            out.push_back(it->second);
        }
        return out;
    }

    double shared(const Bag& a, const Bag& b) const {
        double sum = 0;
        std::uint32_t i = a.begin, j = b.begin;
        while (i < a.end && j < b.end) {
            if (entries_[i].id < entries_[j].id) {
                ++i;
            } else if (entries_[j].id < entries_[i].id) {
                ++j;
            } else {
                sum += std::min(entries_[i].count, entries_[j].count) * weight_[entries_[i].id];
                ++i, ++j;
            }
        }
        return sum;
    }

    static double likeness(double shared_weight, double a, double b) {
        return a + b > 0 ? 2 * shared_weight / (a + b) : 0.0;
    }

    // Words shared by each of old paragraphs [o0, o1) with each of new
    // paragraphs [n0, n1), row by row; through the new paragraphs' word
    // lists, so that pairs sharing nothing cost nothing.
    std::vector<float> shared_matrix(std::uint32_t o0, std::uint32_t o1, std::uint32_t n0,
                                     std::uint32_t n1) {
        const std::uint32_t rows = o1 - o0, columns = n1 - n0;
        std::vector<float> out(std::size_t(rows) * columns, 0.0f);
        postings_.clear();
        for (std::uint32_t j = n0; j < n1; ++j) {
            const Bag& bag = new_bag(j);
            for (std::uint32_t e = bag.begin; e < bag.end; ++e) {
                const std::uint32_t id = entries_[e].id;
                postings_.push_back({j - n0, entries_[e].count, postings_head_[id]});
                postings_head_[id] = static_cast<std::uint32_t>(postings_.size() - 1);
            }
        }
        for (std::uint32_t i = o0; i < o1; ++i) {
            float* row = out.data() + std::size_t(i - o0) * columns;
            const Bag& bag = old_bag(i);
            for (std::uint32_t e = bag.begin; e < bag.end; ++e) {
                const Entry& entry = entries_[e];
                const double w = weight_[entry.id];
                for (std::uint32_t p = postings_head_[entry.id]; p != kNone; p = postings_[p].next)
                    row[postings_[p].column] +=
                        float(std::min(entry.count, postings_[p].count) * w);
            }
        }
        for (std::uint32_t j = n0; j < n1; ++j) {
            for (std::uint32_t e = new_bags_[j].begin; e < new_bags_[j].end; ++e)
                postings_head_[entries_[e].id] = kNone;
        }
        return out;
    }

    // --- pairing between two anchors -------------------------------------------

    enum class Step : std::uint8_t { none, deleted, added, edited, split, merged };

    // A label standing alone ("**Option 1:**", its text in the paragraph
    // after it) on one side, as the first part of a split or merge whose
    // other parts are the text: the label and its text were cut apart or
    // joined, not the label deleted and written again. It shares no words,
    // so it is preferred by a weight no word has.
    static constexpr double kLabelJoined = 1e-3;
    static double part_score(double shared, double weight) { return 2 * shared - weight; }
    static bool label_alone(double weight, bool labelled, bool other_labelled, std::uint32_t parts,
                            std::uint32_t k) {
        return weight == 0 && labelled && other_labelled && parts >= 1 && parts + 1 == k;
    }

    void pair_gap(std::uint32_t o0, std::uint32_t o1, std::uint32_t n0, std::uint32_t n1,
                  std::vector<ParagraphPairing>& out) {
        const std::uint32_t m = o1 - o0, n = n1 - n0;
        if (m == 0 || n == 0 || std::uint64_t(m) * n > kMostComparedPairs) {
            // Nothing to pair with, or too many to compare: one to one in order.
            const std::uint32_t together = m == 0 || n == 0 ? 0 : std::min(m, n);
            for (std::uint32_t k = 0; k < together; ++k)
                out.push_back(
                    {PairingKind::edited, o0 + k, o0 + k + 1, n0 + k, n0 + k + 1, {}, {}});
            for (std::uint32_t i = o0 + together; i < o1; ++i)
                out.push_back({PairingKind::deleted, i, i + 1, n1, n1, {}, {}});
            for (std::uint32_t j = n0 + together; j < n1; ++j)
                out.push_back({PairingKind::added, o1, o1, j, j + 1, {}, {}});
            return;
        }
        const std::vector<float> s = shared_matrix(o0, o1, n0, n1);
        auto shared_at = [&](std::uint32_t i, std::uint32_t j) {  // gap-relative
            if (old_moved_whole_[o0 + i] || new_moved_whole_[n0 + j]) return 0.0;
            return double(s[std::size_t(i) * n + j]);
        };
        auto old_weight = [&](std::uint32_t i) { return old_bag(o0 + i).weight; };
        auto new_weight = [&](std::uint32_t j) { return new_bag(n0 + j).weight; };
        auto old_labelled = [&](std::uint32_t i) {
            return old_.document.paragraphs[o0 + i].is_alternative();
        };
        auto new_labelled = [&](std::uint32_t j) {
            return new_.document.paragraphs[n0 + j].is_alternative();
        };
        auto old_heading = [&](std::uint32_t i) {
            return old_.document.paragraphs[o0 + i].heading;
        };
        auto new_heading = [&](std::uint32_t j) {
            return new_.document.paragraphs[n0 + j].heading;
        };
        // best[i][j]: the most word weight paired between the first i old and
        // first j new paragraphs of the gap; step and size say how it ends.
        const std::size_t width = n + 1;
        std::vector<double> best(std::size_t(m + 1) * width, 0.0);
        std::vector<Step> step(best.size(), Step::none);
        std::vector<std::uint8_t> size(best.size(), 0);
        auto at = [&](std::uint32_t i, std::uint32_t j) { return std::size_t(i) * width + j; };
        for (std::uint32_t i = 1; i <= m; ++i) step[at(i, 0)] = Step::deleted;
        for (std::uint32_t j = 1; j <= n; ++j) step[at(0, j)] = Step::added;
        for (std::uint32_t i = 1; i <= m; ++i) {
            for (std::uint32_t j = 1; j <= n; ++j) {
                const std::size_t here = at(i, j);
                auto consider = [&](double score, Step how, std::uint32_t parts) {
                    if (score > best[here]) {
                        best[here] = score, step[here] = how;
                        size[here] = static_cast<std::uint8_t>(parts);
                    }
                };
                // Read back from the end: on a tie the addition is taken
                // first, so that the deletion comes first in reading order.
                best[here] = best[at(i, j - 1)], step[here] = Step::added;
                consider(best[at(i - 1, j)], Step::deleted, 1);
                // One edited into the other. A heading pairs only with a
                // heading, and two headings sharing a word are one heading
                // renumbered or reworded ("## Article 18 *(entry into
                // force)*", "## Article 21"); a heading is never part of a
                // split or a merge.
                const double one = shared_at(i - 1, j - 1);
                if (one > 0 && old_heading(i - 1) == new_heading(j - 1) &&
                    (likeness(one, old_weight(i - 1), new_weight(j - 1)) >= kEditedLikeness ||
                     old_heading(i - 1)))
                    consider(best[at(i - 1, j - 1)] + one, Step::edited, 1);
                if (old_heading(i - 1) || new_heading(j - 1)) continue;
                // Old paragraph i - 1 split into new [j - k, j): each part is
                // mostly its words; new alternatives between the parts stand
                // apart (the group neither starts nor ends with one). An
                // alternative is a part only of an alternative.
                // A part counts what it shares less what it does not: a
                // paragraph that gave only some of its words to a split or
                // merge, the rest standing in a paragraph beside it, was
                // edited, and what it gave moved ("A. B." "C." -> "A." "C. B.").
                double sum = 0, parts_weight = 0, score = 0;
                std::uint32_t parts = 0;
                for (std::uint32_t k = 1; k <= std::min(j, kMostParts); ++k) {
                    const std::uint32_t member = j - k;
                    const double w = shared_at(i - 1, member);
                    if (new_heading(member)) break;
                    if (label_alone(new_weight(member), new_labelled(member), old_labelled(i - 1),
                                    parts, k)) {
                        if (likeness(sum, old_weight(i - 1), parts_weight) >= kEditedLikeness)
                            consider(best[at(i - 1, member)] + score + kLabelJoined, Step::split,
                                     k);
                        break;
                    }
                    const bool part = new_weight(member) > 0 &&
                                      w >= kPartShare * new_weight(member) &&
                                      (!new_labelled(member) || old_labelled(i - 1));
                    if (part && sum + w > kPartsOverlap * old_weight(i - 1)) break;
                    if (part && parts >= 1 &&
                        likeness(sum + w, old_weight(i - 1), parts_weight + new_weight(member)) >=
                            kEditedLikeness)
                        consider(
                            best[at(i - 1, member)] + score + part_score(w, new_weight(member)),
                            Step::split, k);
                    if (new_labelled(member)) {
                        if (k == 1) break;
                        continue;
                    }
                    if (!part) break;
                    sum += w, parts_weight += new_weight(member), ++parts;
                    score += part_score(w, new_weight(member));
                }
                // Old paragraphs [i - k, i) merged into new paragraph j - 1.
                sum = 0, parts_weight = 0, score = 0, parts = 0;
                for (std::uint32_t k = 1; k <= std::min(i, kMostParts); ++k) {
                    const std::uint32_t member = i - k;
                    const double w = shared_at(member, j - 1);
                    if (old_heading(member)) break;
                    if (label_alone(old_weight(member), old_labelled(member), new_labelled(j - 1),
                                    parts, k)) {
                        if (likeness(sum, parts_weight, new_weight(j - 1)) >= kEditedLikeness)
                            consider(best[at(member, j - 1)] + score + kLabelJoined, Step::merged,
                                     k);
                        break;
                    }
                    const bool part = old_weight(member) > 0 &&
                                      w >= kPartShare * old_weight(member) &&
                                      (!old_labelled(member) || new_labelled(j - 1));
                    if (part && sum + w > kPartsOverlap * new_weight(j - 1)) break;
                    if (part && parts >= 1 &&
                        likeness(sum + w, parts_weight + old_weight(member), new_weight(j - 1)) >=
                            kEditedLikeness)
                        consider(
                            best[at(member, j - 1)] + score + part_score(w, old_weight(member)),
                            Step::merged, k);
                    if (old_labelled(member)) {
                        if (k == 1) break;
                        continue;
                    }
                    if (!part) break;
                    sum += w, parts_weight += old_weight(member), ++parts;
                    score += part_score(w, old_weight(member));
                }
            }
        }
        // Back from the end of the gap.
        std::vector<ParagraphPairing> found;
        for (std::uint32_t i = m, j = n; i > 0 || j > 0;) {
            const std::size_t here = at(i, j);
            switch (step[here]) {
                case Step::deleted:
                    --i;
                    found.push_back(
                        {PairingKind::deleted, o0 + i, o0 + i + 1, n0 + j, n0 + j, {}, {}});
                    break;
                case Step::added:
                    --j;
                    found.push_back(
                        {PairingKind::added, o0 + i, o0 + i, n0 + j, n0 + j + 1, {}, {}});
                    break;
                case Step::edited:
                    --i, --j;
                    found.push_back(
                        {PairingKind::edited, o0 + i, o0 + i + 1, n0 + j, n0 + j + 1, {}, {}});
                    break;
                case Step::split: {
                    const std::uint32_t k = size[here];
                    --i, j -= k;
                    ParagraphPairing p{PairingKind::split, o0 + i, o0 + i + 1, n0 + j,
                                       n0 + j + k,         {},     {}};
                    for (std::uint32_t member = j + 1; member + 1 < j + k; ++member)
                        if (new_labelled(member)) p.new_apart.push_back(n0 + member);
                    found.push_back(std::move(p));
                    break;
                }
                case Step::merged: {
                    const std::uint32_t k = size[here];
                    i -= k, --j;
                    ParagraphPairing p{PairingKind::merged, o0 + i, o0 + i + k, n0 + j,
                                       n0 + j + 1,          {},     {}};
                    for (std::uint32_t member = i + 1; member + 1 < i + k; ++member)
                        if (old_labelled(member)) p.old_apart.push_back(o0 + member);
                    found.push_back(std::move(p));
                    break;
                }
                case Step::none:
                    i = j = 0;
                    break;
            }
        }
        out.insert(out.end(), found.rbegin(), found.rend());
    }

    // --- moves ------------------------------------------------

    // A deleted paragraph and an added one that are each other's likest, and
    // alike enough, are one paragraph moved: it stands where it was added.
    void find_moves(std::vector<ParagraphPairing>& pairings) {
        std::vector<std::uint32_t> gone, come;  // indices into pairings
        for (std::uint32_t k = 0; k < pairings.size(); ++k) {
            if (pairings[k].kind == PairingKind::deleted) gone.push_back(k);
            if (pairings[k].kind == PairingKind::added) come.push_back(k);
        }
        if (gone.empty() || come.empty()) return;
        auto old_of = [&](std::uint32_t k) { return pairings[k].old_first; };
        auto new_of = [&](std::uint32_t k) { return pairings[k].new_first; };
        auto can_move = [&](const Bag& bag) { return bag.words >= kFewestMovedWords; };
        // The likest added paragraph of each deleted one, and back.
        std::vector<std::uint32_t> likest_come(gone.size(), kNone), likest_gone(come.size(), kNone);
        std::vector<double> best_come(gone.size(), 0), best_gone(come.size(), 0);
        const bool compare_all = std::uint64_t(gone.size()) * come.size() <= kMostComparedPairs;
        std::unordered_map<std::string_view, std::uint32_t> come_by_text;
        if (!compare_all) {
            for (std::uint32_t c = 0; c < come.size(); ++c)
                come_by_text.emplace(
                    new_.document.text(new_.document.paragraphs[new_of(come[c])].range), c);
        }
        for (std::uint32_t g = 0; g < gone.size(); ++g) {
            const Bag& a = old_bag(old_of(gone[g]));
            if (!can_move(a)) continue;
            auto consider = [&](std::uint32_t c, double like) {
                if (like > best_come[g]) best_come[g] = like, likest_come[g] = c;
                if (like > best_gone[c]) best_gone[c] = like, likest_gone[c] = g;
            };
            if (!compare_all) {  // word for word only
                const auto it = come_by_text.find(
                    old_.document.text(old_.document.paragraphs[old_of(gone[g])].range));
                if (it != come_by_text.end()) consider(it->second, 1.0);
                continue;
            }
            for (std::uint32_t c = 0; c < come.size(); ++c) {
                const Bag& b = new_bag(new_of(come[c]));
                if (!can_move(b)) continue;
                consider(c, likeness(shared(a, b), a.weight, b.weight));
            }
        }
        std::vector<bool> moved_away(pairings.size(), false);
        for (std::uint32_t g = 0; g < gone.size(); ++g) {
            const std::uint32_t c = likest_come[g];
            if (c == kNone || likest_gone[c] != g || best_come[g] < kMovedLikeness) continue;
            ParagraphPairing& arrival = pairings[come[c]];
            arrival.kind = PairingKind::moved;
            arrival.old_first = old_of(gone[g]);
            arrival.old_last = arrival.old_first + 1;
            moved_away[gone[g]] = true;
        }
        std::size_t kept = 0;
        for (std::size_t k = 0; k < pairings.size(); ++k) {
            if (moved_away[k]) continue;
            if (kept != k) pairings[kept] = std::move(pairings[k]);
            ++kept;
        }
        pairings.resize(kept);
    }

    struct Posting {
        std::uint32_t column, count, next;
    };

    const PairingInput& old_;
    const PairingInput& new_;
    std::vector<Entry> entries_;
    std::vector<double> weight_;              // per word id
    std::vector<Bag> old_bags_, new_bags_;    // per paragraph, made on first use
    std::vector<std::uint32_t> last_holder_;  // per word id: the last paragraph counted
    std::vector<std::uint32_t> bag_ids_;      // scratch
    std::vector<bool> old_moved_whole_, new_moved_whole_;  // per paragraph: find_moved_whole
    std::unordered_map<std::string_view, std::uint32_t> key_numbers_;
    std::vector<std::uint32_t> postings_head_;  // per word id: its last posting, or kNone
    std::vector<Posting> postings_;
};

}  // namespace

std::vector<ParagraphPairing> pair_paragraphs(const PairingInput& before, const PairingInput& after,
                                              const SharedParagraphs* around) {
    return Pairer(before, after, around).run();
}

}  // namespace accord
