#include "support/negotiation_generator.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <variant>

#include "core/util/date.hpp"
#include "support/negotiation_model.hpp"

// Operations edit the model (support/negotiation_model.hpp), never the text,
// so the text is valid by construction and the origins are exact.

namespace accord::test {

namespace {

constexpr std::size_t kMaxDepth = 3;  // brackets nest at most this deep
constexpr std::size_t kMaxAttempts = 200;
// Wording this long is recognisable wherever it comes back (see restore).
constexpr std::size_t kRecognisableWords = 4;

using namespace model;  // NOLINT(google-build-using-namespace): the generator's own model

class Generator {
  public:
    explicit Generator(const GeneratorOptions& options) : options_(options), rng_(options.seed) {}

    GeneratedHistory run() {
        if (options_.delegations.empty()) throw std::invalid_argument("no delegations");
        const std::optional<std::int64_t> first_day = parse_iso_date(options_.first_date);
        if (!first_day) throw std::invalid_argument("first_date is not YYYY-MM-DD");
        const std::size_t text_count = std::clamp<std::size_t>(options_.texts, 1, 50);
        const std::size_t proposals = std::max(options_.proposals, text_count);
        texts_.resize(text_count);
        last_text_.resize(text_count);

        GeneratedHistory history;
        history.parse_options = parse_options(options_);
        if (text_count > 1) {
            history.texts.resize(text_count);
            for (std::size_t t = 0; t < text_count; ++t)
                history.texts[t].path = "recs/A-" + std::to_string(t + 1) + ".md";
        }
        for (std::size_t v = 0; v < proposals; ++v) {
            Operation operation = Operation::draft;
            proposer_ = delegation();
            if (v < text_count) {
                at_ = v;
                draft(v);
            } else {
                if (text_count > 1) at_ = below(text_count);
                operation = propose(v);
                if (options_.edits_per_proposal > 1) {
                    const std::string proposer = proposer_;
                    for (std::size_t more = below(options_.edits_per_proposal); more > 0; --more)
                        propose(v);
                    proposer_ = proposer;
                }
            }
            // Several edits may undo one another ("[a]" inserted, then
            // deleted): such a proposal edits once more.
            while (v >= text_count && options_.edits_per_proposal > 1 && !changes_something()) {
                const std::string proposer = proposer_;
                propose(v);
                proposer_ = proposer;
            }
            history.operations.push_back(operation);
            const bool last = v + 1 == proposals;
            const std::string date = format_iso_timestamp(
                day_start_utc(*first_day + static_cast<std::int64_t>(v)) + 12 * 3600, 0);
            bool changed = false;
            for (std::size_t t = 0; t < text_count; ++t) {
                const bool record = last || options_.truth_for_every_version || text_count > 1;
                std::vector<TruthItem> truth;
                Renderer renderer(options_.wrap_column, options_.compact_slashes,
                                  record ? &truth : nullptr);
                std::string text = renderer.document(document_id(t), texts_[t].paragraphs);
                const bool drafted = v == t;
                if (!drafted && (v < text_count || text == last_text_[t])) continue;
                changed = true;
                BlameVersion version;
                version.id = "p" + std::to_string(v);
                version.text = text;
                version.proposers = {proposer_};
                version.date = date;
                version.proposal = v;
                last_text_[t] = std::move(text);
                if (text_count == 1) {
                    if (v > 0) version.parents = {v - 1};
                    history.versions.push_back(std::move(version));
                    if (options_.truth_for_every_version) history.truth_by_version.push_back(truth);
                    if (last) history.truth = std::move(truth);
                    continue;
                }
                GeneratedText& out = history.texts[t];
                if (!out.versions.empty()) version.parents = {out.versions.size() - 1};
                out.versions.push_back(std::move(version));
                out.proposals.push_back(v);
                out.truth = std::move(truth);
            }
            if (!changed) throw std::logic_error("generator made a proposal that changes nothing");
        }
        return history;
    }

  private:
    // --- randomness (no std:: distributions: their output differs between libraries)

    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : rng_() % n; }
    std::size_t between(std::size_t low, std::size_t high) { return low + below(high - low + 1); }
    double unit() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    template <typename T>
    T& pick(std::vector<T>& items) {
        return items[below(items.size())];
    }

    std::string delegation() { return options_.delegations[below(options_.delegations.size())]; }

    std::string document_id(std::size_t text) const {
        if (texts_.size() == 1 || options_.document_id.empty()) return options_.document_id;
        return "A-" + std::to_string(text + 1);
    }

    std::vector<Para>& paragraphs() { return texts_[at_].paragraphs; }

    // Whether some text now differs from its last version.
    bool changes_something() {
        for (std::size_t t = 0; t < texts_.size(); ++t) {
            Renderer renderer(options_.wrap_column, options_.compact_slashes, nullptr);
            if (renderer.document(document_id(t), texts_[t].paragraphs) != last_text_[t])
                return true;
        }
        return false;
    }
    std::vector<DeletedRun>& deleted() { return texts_[at_].deleted; }

    // --- wording

    Word new_word(std::size_t v) {
        const bool function = chance(0.3);
        const auto& list = function ? function_words() : content_words();
        std::size_t size = list.size();
        if (options_.vocabulary > 0)
            size = std::min(size, function ? std::max<std::size_t>(options_.vocabulary / 5, 3)
                                           : options_.vocabulary);
        return {std::string(list[below(size)]), v, std::nullopt, next_id_++, false};
    }

    // With repeat_share, new wording put at `at` starts with a copy of the
    // word before it or ends with one of the word after it (not one of
    // `avoid`): "coverage of [of the parties]".
    void repeat_neighbour(const Slot& at, std::size_t end, Seq& wording,
                          const std::vector<Word>& avoid = {}) {
        if (options_.repeat_share <= 0 || wording.empty() || !chance(options_.repeat_share)) return;
        const Seq& seq = *at.seq;
        const bool before = chance(0.5);
        const Node* neighbour = before ? (at.index > 0 ? &seq[at.index - 1] : nullptr)
                                       : (end < seq.size() ? &seq[end] : nullptr);
        const auto* word = neighbour ? std::get_if<Word>(&neighbour->value) : nullptr;
        if (word == nullptr) return;
        for (const Word& w : avoid)
            if (w.text == word->text) return;
        Node& copy = before ? wording.front() : wording.back();
        if (!std::holds_alternative<Word>(copy.value)) return;
        std::get<Word>(copy.value).text = word->text;
    }

    // About `count` new words (a stock phrase may run a few over), none equal
    // to any of `avoid`.
    Seq new_wording(std::size_t v, std::size_t count, const std::vector<Word>& avoid = {}) {
        const auto avoided = [&](std::string_view text) {
            return std::any_of(avoid.begin(), avoid.end(),
                               [&](const Word& w) { return w.text == text; });
        };
        Seq seq;
        while (seq.size() < count) {
            if (count - seq.size() >= 2 && chance(options_.phrase_share)) {
                const auto& phrase = stock_phrases()[below(stock_phrases().size())];
                if (std::none_of(phrase.begin(), phrase.end(), avoided)) {
                    for (std::string_view text : phrase)
                        seq.push_back(
                            {Word{std::string(text), v, std::nullopt, next_id_++, false}});
                }
                continue;
            }
            Word word = new_word(v);
            if (!avoided(word.text)) seq.push_back({std::move(word)});
        }
        return seq;
    }

    static Node bracketed(std::size_t v, Seq content) {
        Bracket bracket{v, v, {}, {}};
        bracket.options.push_back(std::move(content));
        return {Group{{std::move(bracket)}}};
    }

    // A new paragraph's wording: plain words with, often, a bracketed part
    // and sometimes alternatives, all of version v.
    Seq paragraph_content(std::size_t v, std::size_t low, std::size_t high) {
        Seq seq = new_wording(v, between(low, high));
        if (chance(0.5)) {
            const std::size_t length = between(1, std::min<std::size_t>(4, seq.size() - 1));
            const std::size_t start = below(seq.size() - length + 1);
            Seq inner(
                std::make_move_iterator(seq.begin() + static_cast<std::ptrdiff_t>(start)),
                std::make_move_iterator(seq.begin() + static_cast<std::ptrdiff_t>(start + length)));
            seq.erase(seq.begin() + static_cast<std::ptrdiff_t>(start),
                      seq.begin() + static_cast<std::ptrdiff_t>(start + length));
            Node group = bracketed(v, std::move(inner));
            if (chance(0.3)) {
                Bracket other{v, v, {new_wording(v, between(1, 4))}, {}};
                std::get<Group>(group.value).brackets.push_back(std::move(other));
            }
            seq.insert(seq.begin() + static_cast<std::ptrdiff_t>(start), std::move(group));
        }
        return seq;
    }

    void draft(std::size_t v) {
        const std::size_t count = std::clamp<std::size_t>(options_.initial_paragraphs, 1, 50);
        for (std::size_t p = 0; p < count; ++p) {
            Para para;
            para.origin = v;
            para.status_origin = v;
            para.content = paragraph_content(v, 12, 35);
            open_paragraph(v, para.content);
            if (chance(0.2)) para.status = "revisit";
            paragraphs().push_back(std::move(para));
        }
    }

    // --- walking the model

    template <typename F>
    void each_seq(Seq& seq, std::size_t depth, F& f) {
        f(seq, depth);
        for (Node& node : seq) {
            if (auto* group = std::get_if<Group>(&node.value)) {
                for (Bracket& bracket : group->brackets)
                    for (Seq& option : bracket.options) each_seq(option, depth + 1, f);
            }
        }
    }

    template <typename F>
    void each_seq(F f) {
        for (Para& para : paragraphs()) each_seq(para.content, 0, f);
    }

    // Every node for which `keep(node)` holds.
    template <typename P>
    std::vector<Slot> slots(P keep) {
        std::vector<Slot> out;
        each_seq([&](Seq& seq, std::size_t depth) {
            for (std::size_t k = 0; k < seq.size(); ++k)
                if (keep(seq[k])) out.push_back({&seq, depth, k});
        });
        return out;
    }

    static bool is_word(const Node& node) { return std::holds_alternative<Word>(node.value); }
    static bool is_strike(const Node& node) { return std::holds_alternative<Strike>(node.value); }
    static bool is_group(const Node& node) { return std::holds_alternative<Group>(node.value); }

    // A place between two nodes, chosen uniformly among all such places in
    // sequences enclosed by fewer than `depth_below` brackets.
    Slot insertion_point(std::size_t depth_below) {
        std::vector<Slot> places;
        each_seq([&](Seq& seq, std::size_t depth) {
            if (depth >= depth_below) return;
            for (std::size_t k = 0; k <= seq.size(); ++k) places.push_back({&seq, depth, k});
        });
        return pick(places);
    }

    std::size_t word_count() {
        std::size_t count = 0;
        each_seq([&](Seq& seq, std::size_t) {
            for (const Node& node : seq) {
                if (is_word(node)) ++count;
                if (const auto* strike = std::get_if<Strike>(&node.value))
                    count += strike->words.size();
            }
        });
        return count;
    }

    // Consecutive plain words from `slot`, at most `most`, at least one.
    static std::size_t word_run(const Slot& slot, std::size_t most) {
        std::size_t length = 0;
        while (length < most && slot.index + length < slot.seq->size() &&
               is_word((*slot.seq)[slot.index + length]))
            ++length;
        return length;
    }

    // Keeps the words of nodes about to leave the text, with the ids of the
    // words around them, so that a later proposal can restore them. Call
    // before removing them.
    // The words around them are looked for in their paragraph: wording comes
    // back in the paragraph it left, not at the end of the one before.
    // `whole`: the words were all of a bracket, an option or a strike.
    // Words this very proposal added or restored never stood in a recorded
    // version: no one could tell them restored later, so they are left out
    // (the words around them stood side by side before).
    void archive(const std::vector<Word>& taken, bool whole = false) {
        std::vector<Word> words;
        for (const Word& word : taken)
            if (word.origin != proposal_ && word.restored_by != proposal_) words.push_back(word);
        if (words.empty()) return;
        whole = whole && words.size() == taken.size();
        DeletedRun run{words, 0, 0, proposal_, whole};
        for (const Para& para : paragraphs()) {
            std::vector<Word> all;
            flatten(para.content, all);
            for (std::size_t k = 0; k < all.size(); ++k) {
                if (all[k].id == words.front().id && k > 0) run.before = all[k - 1].id;
                if (all[k].id == words.back().id && k + 1 < all.size()) run.after = all[k + 1].id;
            }
        }
        deleted().push_back(std::move(run));
    }

    void archive(const Seq& seq) {
        std::vector<Word> words;
        flatten(seq, words);
        archive(words, true);
    }

    // Where the word `id` is: the slot of the node holding it (a strike
    // holding it counts), searched everywhere.
    std::optional<Slot> find_word(std::uint64_t id) {
        std::optional<Slot> found;
        each_seq([&](Seq& seq, std::size_t depth) {
            for (std::size_t k = 0; k < seq.size() && !found; ++k) {
                if (const auto* word = std::get_if<Word>(&seq[k].value)) {
                    if (word->id == id) found = Slot{&seq, depth, k};
                } else if (const auto* strike = std::get_if<Strike>(&seq[k].value)) {
                    for (const Word& w : strike->words)
                        if (w.id == id) found = Slot{&seq, depth, k};
                }
            }
        });
        return found;
    }

    // --- operations

    static bool is_growth(Operation operation) {
        return operation == Operation::insert_bracketed || operation == Operation::add_option ||
               operation == Operation::restore || operation == Operation::add_paragraph ||
               operation == Operation::add_alternative_paragraph ||
               operation == Operation::table_again;
    }

    Operation draw() {
        const bool capped = options_.max_words > 0 && word_count() > options_.max_words;
        double total = 0;
        for (std::size_t k = 1; k < kOperationCount; ++k) {
            if (!(capped && is_growth(static_cast<Operation>(k))))
                total += std::max(0.0, options_.weights[k]);
        }
        if (total <= 0) return Operation::insert_bracketed;
        double at = unit() * total;
        for (std::size_t k = 1; k < kOperationCount; ++k) {
            const auto operation = static_cast<Operation>(k);
            if (capped && is_growth(operation)) continue;
            at -= std::max(0.0, options_.weights[k]);
            if (at < 0) return operation;
        }
        return Operation::insert_bracketed;
    }

    Operation propose(std::size_t v) {
        proposal_ = v;
        for (std::size_t attempt = 0; attempt < kMaxAttempts; ++attempt) {
            const Operation operation = draw();
            proposer_ = delegation();
            if (apply(operation, v)) return operation;
        }
        insert_bracketed(v);  // always possible
        return Operation::insert_bracketed;
    }

    bool apply(Operation operation, std::size_t v) {
        switch (operation) {
            case Operation::draft:
                return false;
            case Operation::insert_bracketed:
                return insert_bracketed(v);
            case Operation::add_option:
                return add_option(v);
            case Operation::bracket_existing:
                return bracket_existing(v);
            case Operation::strike:
                return strike(v);
            case Operation::replace:
                return replace(v);
            case Operation::lift_bracket:
                return lift_bracket();
            case Operation::choose_option:
                return choose_option();
            case Operation::delete_bracket:
                return delete_bracket();
            case Operation::accept_strike:
                return accept_strike();
            case Operation::restore:
                return restore(v);
            case Operation::add_paragraph:
                return add_paragraph(v);
            case Operation::add_alternative_paragraph:
                return add_alternative_paragraph(v);
            case Operation::set_status:
                return set_status(v);
            case Operation::move_wording:
                return move_wording(v);
            case Operation::table_again:
                return table_again(v);
            case Operation::swap_opener:
                return swap_opener(v);
        }
        return false;
    }

    // With opener_share, `seq` (a new paragraph's wording) opens with an
    // opener and "the", of version v.
    void open_paragraph(std::size_t v, Seq& seq) {
        if (options_.opener_share <= 0 || !chance(options_.opener_share)) return;
        const auto& openers = paragraph_openers();
        seq.insert(seq.begin(), {Node{Word{std::string(openers[below(openers.size())]), v,
                                           std::nullopt, next_id_++, false}},
                                 Node{Word{"the", v, std::nullopt, next_id_++, false}}});
    }

    static bool opens(const Para& para) {
        if (para.content.size() < 2 || !is_word(para.content[1])) return false;
        const auto* first = std::get_if<Word>(&para.content[0].value);
        const auto& openers = paragraph_openers();
        return first != nullptr &&
               std::find(openers.begin(), openers.end(), first->text) != openers.end();
    }

    bool swap_opener(std::size_t v) {
        std::vector<std::size_t> opened;
        for (std::size_t p = 0; p < paragraphs().size(); ++p)
            if (opens(paragraphs()[p])) opened.push_back(p);
        if (opened.empty()) return false;
        Para& para = paragraphs()[pick(opened)];
        Word& opener = std::get<Word>(para.content[0].value);
        const std::uint64_t follower = std::get<Word>(para.content[1].value).id;
        // Put back the one it had, beside the very word that followed it.
        if (!para.replaced_openers.empty() && chance(0.5)) {
            const auto [back, after] = para.replaced_openers.back();
            if (after == follower && back.text != opener.text) {
                para.replaced_openers.back() = {opener, follower};
                opener = back;
                opener.restored_by = v;
                return true;
            }
        }
        // Another opener, one this paragraph never had: new wording.
        std::vector<std::string_view> others;
        for (std::string_view text : paragraph_openers()) {
            bool had = text == opener.text;
            for (const auto& [word, after] : para.replaced_openers) had = had || word.text == text;
            if (!had) others.push_back(text);
        }
        if (others.empty()) return false;
        para.replaced_openers.emplace_back(opener, follower);
        opener = Word{std::string(pick(others)), v, std::nullopt, next_id_++, false};
        return true;
    }

    bool insert_bracketed(std::size_t v) {
        const Slot at = insertion_point(kMaxDepth);
        Seq wording = new_wording(v, between(1, 8));
        repeat_neighbour(at, at.index, wording);
        at.seq->insert(at.seq->begin() + static_cast<std::ptrdiff_t>(at.index),
                       bracketed(v, std::move(wording)));
        return true;
    }

    bool add_option(std::size_t v) {
        std::vector<Slot> groups = slots(is_group);
        if (groups.empty()) return false;
        const Slot at = pick(groups);
        Group& group = std::get<Group>((*at.seq)[at.index].value);
        Seq wording = new_wording(v, between(1, 6));
        if (options_.slash_options && chance(0.35)) {
            Bracket& bracket = pick(group.brackets);
            bracket.options.push_back(std::move(wording));
            bracket.separators.push_back(v);
        } else {
            const std::size_t position =
                chance(0.8) ? group.brackets.size() : below(group.brackets.size() + 1);
            Bracket bracket{v, v, {}, {}};
            bracket.options.push_back(std::move(wording));
            group.brackets.insert(group.brackets.begin() + static_cast<std::ptrdiff_t>(position),
                                  std::move(bracket));
        }
        return true;
    }

    bool bracket_existing(std::size_t v) {
        // Mostly plain words; sometimes a run with strikes or brackets in it.
        const bool words_only = chance(0.75);
        std::vector<Slot> starts = slots([&](const Node& n) { return !words_only || is_word(n); });
        if (starts.empty()) return false;
        const Slot at = pick(starts);
        Seq& seq = *at.seq;
        std::size_t length = words_only ? word_run(at, between(1, 4))
                                        : std::min(between(1, 4), seq.size() - at.index);
        // "[[a]]" says nothing new; too deep is unreadable.
        if (length == 1 && is_group(seq[at.index])) return false;
        std::size_t depth = 0;
        for (std::size_t k = 0; k < length; ++k)
            depth = std::max(depth, max_depth(seq[at.index + k]));
        if (at.depth + depth + 1 > kMaxDepth) return false;
        const auto first = seq.begin() + static_cast<std::ptrdiff_t>(at.index);
        Seq inner(std::make_move_iterator(first),
                  std::make_move_iterator(first + static_cast<std::ptrdiff_t>(length)));
        seq.erase(first, first + static_cast<std::ptrdiff_t>(length));
        seq.insert(seq.begin() + static_cast<std::ptrdiff_t>(at.index),
                   bracketed(v, std::move(inner)));
        return true;
    }

    bool strike(std::size_t v) {
        std::vector<Slot> starts = slots(is_word);
        if (starts.empty()) return false;
        const Slot at = pick(starts);
        Seq& seq = *at.seq;
        const std::size_t length = word_run(at, between(1, 4));
        Strike strike{v, v, {}};
        for (std::size_t k = 0; k < length; ++k)
            strike.words.push_back(std::get<Word>(seq[at.index + k].value));
        const auto first = seq.begin() + static_cast<std::ptrdiff_t>(at.index);
        seq.erase(first, first + static_cast<std::ptrdiff_t>(length));
        seq.insert(seq.begin() + static_cast<std::ptrdiff_t>(at.index), Node{std::move(strike)});
        return true;
    }

    bool replace(std::size_t v) {
        std::vector<Slot> starts = slots(is_word);
        if (starts.empty()) return false;
        const Slot at = pick(starts);
        Seq& seq = *at.seq;
        const std::size_t length = word_run(at, between(1, 3));
        std::vector<Word> old;
        for (std::size_t k = 0; k < length; ++k)
            old.push_back(std::get<Word>(seq[at.index + k].value));
        archive(old);
        Seq wording = new_wording(v, between(1, 3), old);
        repeat_neighbour(at, at.index + length, wording, old);
        const auto first = seq.begin() + static_cast<std::ptrdiff_t>(at.index);
        seq.erase(first, first + static_cast<std::ptrdiff_t>(length));
        seq.insert(seq.begin() + static_cast<std::ptrdiff_t>(at.index),
                   std::make_move_iterator(wording.begin()),
                   std::make_move_iterator(wording.end()));
        return true;
    }

    // Replaces the node at `at` by the nodes of `content`.
    static void splice(const Slot& at, Seq content) {
        Seq& seq = *at.seq;
        seq.erase(seq.begin() + static_cast<std::ptrdiff_t>(at.index));
        seq.insert(seq.begin() + static_cast<std::ptrdiff_t>(at.index),
                   std::make_move_iterator(content.begin()),
                   std::make_move_iterator(content.end()));
    }

    bool lift_bracket() {
        std::vector<Slot> plain = slots([](const Node& n) {
            const auto* group = std::get_if<Group>(&n.value);
            return group != nullptr && group->brackets.size() == 1 &&
                   group->brackets[0].options.size() == 1;
        });
        if (plain.empty()) return false;
        const Slot at = pick(plain);
        proposer_ = options_.chair;
        Seq content = std::move(std::get<Group>((*at.seq)[at.index].value).brackets[0].options[0]);
        splice(at, std::move(content));
        return true;
    }

    bool choose_option() {
        std::vector<Slot> choices = slots([](const Node& n) {
            const auto* group = std::get_if<Group>(&n.value);
            return group != nullptr &&
                   (group->brackets.size() > 1 || group->brackets[0].options.size() > 1);
        });
        if (choices.empty()) return false;
        const Slot at = pick(choices);
        proposer_ = options_.chair;
        Group& group = std::get<Group>((*at.seq)[at.index].value);
        Bracket chosen;
        if (group.brackets.size() > 1) {
            const std::size_t keep = below(group.brackets.size());
            for (std::size_t k = 0; k < group.brackets.size(); ++k) {
                if (k == keep) continue;
                for (const Seq& option : group.brackets[k].options) archive(option);
            }
            chosen = std::move(group.brackets[keep]);
        } else {
            Bracket& bracket = group.brackets[0];
            const std::size_t keep = below(bracket.options.size());
            for (std::size_t k = 0; k < bracket.options.size(); ++k)
                if (k != keep) archive(bracket.options[k]);
            chosen = {bracket.open_origin, bracket.close_origin, {}, {}};
            chosen.options.push_back(std::move(bracket.options[keep]));
        }
        // Agreement usually lifts the brackets too; sometimes the choice stays bracketed.
        if (chosen.options.size() == 1 && chance(0.6)) {
            splice(at, std::move(chosen.options[0]));
        } else {
            group.brackets.clear();
            group.brackets.push_back(std::move(chosen));
        }
        return true;
    }

    bool delete_bracket() {
        std::vector<Slot> groups = slots(is_group);
        if (groups.empty()) return false;
        const Slot at = pick(groups);
        Group& group = std::get<Group>((*at.seq)[at.index].value);
        if (group.brackets.size() > 1 && chance(0.5)) {  // one option of a group
            const std::size_t k = below(group.brackets.size());
            for (const Seq& option : group.brackets[k].options) archive(option);
            group.brackets.erase(group.brackets.begin() + static_cast<std::ptrdiff_t>(k));
            return true;
        }
        if (group.brackets.size() == 1 && group.brackets[0].options.size() > 1 && chance(0.5)) {
            Bracket& bracket = group.brackets[0];  // one option of "[a / b]"
            const std::size_t k = below(bracket.options.size());
            archive(bracket.options[k]);
            bracket.options.erase(bracket.options.begin() + static_cast<std::ptrdiff_t>(k));
            bracket.separators.erase(bracket.separators.begin() +
                                     static_cast<std::ptrdiff_t>(k == 0 ? 0 : k - 1));
            return true;
        }
        if (at.seq->size() < 2) return false;  // would leave nothing: "[]" or an empty paragraph
        archive(Seq{(*at.seq)[at.index]});
        at.seq->erase(at.seq->begin() + static_cast<std::ptrdiff_t>(at.index));
        return true;
    }

    bool accept_strike() {
        std::vector<Slot> strikes = slots(is_strike);
        if (strikes.empty()) return false;
        const Slot at = pick(strikes);
        if (at.seq->size() < 2) return false;
        archive(std::get<Strike>((*at.seq)[at.index].value).words, true);
        at.seq->erase(at.seq->begin() + static_cast<std::ptrdiff_t>(at.index));
        return true;
    }

    // The runs of two words or more that an earlier proposal deleted from `text`.
    std::vector<std::size_t> restorable(std::size_t text, std::size_t v) {
        std::vector<std::size_t> out;
        const std::vector<DeletedRun>& runs = texts_[text].deleted;
        for (std::size_t k = 0; k < runs.size(); ++k)
            if (runs[k].words.size() >= 2 && runs[k].deleted_by < v) out.push_back(k);
        return out;
    }

    DeletedRun take_deleted(std::size_t text, std::size_t k) {
        std::vector<DeletedRun>& runs = texts_[text].deleted;
        DeletedRun run = std::move(runs[k]);
        runs.erase(runs.begin() + static_cast<std::ptrdiff_t>(k));
        return run;
    }

    // Wording put back where it was: after the word before it, else before
    // the word after it. When both are gone, only wording of
    // kRecognisableWords or more comes back (anywhere): a shorter phrase put
    // back elsewhere reads as new wording, and no reader of the texts could
    // tell it from new wording, so the truth would be undecidable.
    bool restore(std::size_t v) {
        std::vector<std::size_t> candidates = restorable(at_, v);
        if (candidates.empty()) return false;
        const std::size_t chosen = pick(candidates);
        const DeletedRun& candidate = texts_[at_].deleted[chosen];
        std::optional<Slot> at;
        if (candidate.before != 0 && (at = find_word(candidate.before))) {
            ++at->index;
        } else if (candidate.after != 0) {
            at = find_word(candidate.after);
        }
        if (!at && candidate.words.size() < kRecognisableWords) return false;
        if (!at) at = insertion_point(kMaxDepth + 1);
        DeletedRun run = take_deleted(at_, chosen);

        Seq words;
        for (Word& word : run.words) {
            word.restored_by = v;
            words.push_back({std::move(word)});
        }
        auto position = at->seq->begin() + static_cast<std::ptrdiff_t>(at->index);
        if (at->depth < kMaxDepth && chance(0.5)) {
            at->seq->insert(position, bracketed(v, std::move(words)));
        } else {
            at->seq->insert(position, std::make_move_iterator(words.begin()),
                            std::make_move_iterator(words.end()));
        }
        return true;
    }

    bool add_paragraph(std::size_t v) {
        std::vector<std::size_t> places;  // before a main paragraph, or at the end
        for (std::size_t p = 0; p < paragraphs().size(); ++p)
            if (!paragraphs()[p].alternative) places.push_back(p);
        places.push_back(paragraphs().size());
        Para para;
        para.origin = v;
        para.content = paragraph_content(v, 6, 20);
        open_paragraph(v, para.content);
        paragraphs().insert(paragraphs().begin() + static_cast<std::ptrdiff_t>(pick(places)),
                            std::move(para));
        return true;
    }

    bool add_alternative_paragraph(std::size_t v) {
        std::vector<std::size_t> mains;
        for (std::size_t p = 0; p < paragraphs().size(); ++p)
            if (!paragraphs()[p].alternative) mains.push_back(p);
        if (mains.empty()) return false;
        std::size_t after = pick(mains) + 1;
        while (after < paragraphs().size() && paragraphs()[after].alternative) ++after;
        Para para;
        para.alternative = true;
        para.origin = v;
        para.content = paragraph_content(v, 5, 15);
        open_paragraph(v, para.content);
        paragraphs().insert(paragraphs().begin() + static_cast<std::ptrdiff_t>(after),
                            std::move(para));
        return true;
    }

    bool set_status(std::size_t v) {
        std::vector<std::size_t> mains;
        for (std::size_t p = 0; p < paragraphs().size(); ++p)
            if (!paragraphs()[p].alternative) mains.push_back(p);
        if (mains.empty()) return false;
        Para& para = paragraphs()[pick(mains)];
        if (para.status.empty() || para.status == "agreed") {
            para.status = chance(0.8) ? "revisit" : "no consensus";  // opened or reopened
        } else {
            para.status = "agreed";
            proposer_ = options_.chair;
        }
        para.status_origin = v;
        return true;
    }

    // A text other than the current one, at random; the current one when it is alone.
    std::size_t other_text() {
        if (texts_.size() < 2) return at_;
        const std::size_t k = below(texts_.size() - 1);
        return k >= at_ ? k + 1 : k;
    }

    // Words, a bracket group or a main paragraph cut from the current text
    // and put elsewhere in it or in another text. The words and the marks
    // keep their origins: who moves a bracket does not propose it. The
    // paragraph's status tag is the mover's.
    bool move_wording(std::size_t v) {
        const std::size_t from = at_;
        const std::size_t to = texts_.size() > 1 && chance(0.8) ? other_text() : at_;
        const std::uint64_t what = below(10);
        if (what < 2) return move_paragraph(v, from, to);
        std::vector<Slot> starts = slots(what < 6 ? is_group : is_word);
        if (starts.empty()) return false;
        const Slot at = pick(starts);
        Seq& seq = *at.seq;
        const std::size_t length = what < 6 ? 1 : word_run(at, between(3, 8));
        if ((what >= 6 && length < 3) || seq.size() <= length) return false;
        const auto first = seq.begin() + static_cast<std::ptrdiff_t>(at.index);
        Seq moving(std::make_move_iterator(first),
                   std::make_move_iterator(first + static_cast<std::ptrdiff_t>(length)));
        seq.erase(first, first + static_cast<std::ptrdiff_t>(length));
        std::size_t depth = 0;
        for (Node& node : moving) {
            mark_travelled(node);
            depth = std::max(depth, max_depth(node));
        }
        at_ = to;
        Slot place = insertion_point(kMaxDepth + 1 - depth);
        if (to == from && place.seq == at.seq && place.index == at.index)
            place.index = place.index == 0 ? seq.size() : 0;  // not back where it was
        place.seq->insert(place.seq->begin() + static_cast<std::ptrdiff_t>(place.index),
                          std::make_move_iterator(moving.begin()),
                          std::make_move_iterator(moving.end()));
        at_ = from;
        return true;
    }

    bool move_paragraph(std::size_t v, std::size_t from, std::size_t to) {
        std::vector<Para>& source = texts_[from].paragraphs;
        std::vector<std::size_t> movable;  // main paragraphs without Alt paragraphs after them
        for (std::size_t p = 0; p < source.size(); ++p) {
            if (!source[p].alternative && (p + 1 == source.size() || !source[p + 1].alternative))
                movable.push_back(p);
        }
        if (movable.empty() || source.size() < 2) return false;
        const std::size_t p = pick(movable);
        Para para = std::move(source[p]);
        source.erase(source.begin() + static_cast<std::ptrdiff_t>(p));
        for (Node& node : para.content) mark_travelled(node);
        para.status_origin = v;
        std::vector<Para>& target = texts_[to].paragraphs;
        std::vector<std::size_t> places;  // before a main paragraph, or at the end
        for (std::size_t q = 0; q < target.size(); ++q)
            if (!target[q].alternative && !(to == from && q == p)) places.push_back(q);
        if (!(to == from && p == target.size())) places.push_back(target.size());
        if (places.empty()) {
            source.insert(source.begin() + static_cast<std::ptrdiff_t>(p), std::move(para));
            return false;
        }
        target.insert(target.begin() + static_cast<std::ptrdiff_t>(pick(places)), std::move(para));
        return true;
    }

    // Wording an earlier proposal deleted from another text, proposed in
    // this one, anywhere: tabled again. As for restore, the truth must be
    // decidable: a phrase shorter than kRecognisableWords is tabled again
    // only when it was a whole bracket, option or strike there, and comes
    // in brackets here.
    bool table_again(std::size_t v) {
        if (texts_.size() < 2) return false;
        const std::size_t from = other_text();
        std::vector<std::size_t> candidates;
        for (std::size_t k : restorable(from, v)) {
            const DeletedRun& run = texts_[from].deleted[k];
            if (run.whole || run.words.size() >= kRecognisableWords) candidates.push_back(k);
        }
        if (candidates.empty()) return false;
        DeletedRun run = take_deleted(from, pick(candidates));
        const bool short_run = run.words.size() < kRecognisableWords;
        Seq words;
        for (Word& word : run.words) {
            word.restored_by = v;
            word.travelled = true;
            words.push_back({std::move(word)});
        }
        const Slot at = insertion_point(short_run ? kMaxDepth : kMaxDepth + 1);
        auto position = at.seq->begin() + static_cast<std::ptrdiff_t>(at.index);
        if (short_run || (at.depth < kMaxDepth && chance(0.6))) {
            at.seq->insert(position, bracketed(v, std::move(words)));
        } else {
            at.seq->insert(position, std::make_move_iterator(words.begin()),
                           std::make_move_iterator(words.end()));
        }
        return true;
    }

    const GeneratorOptions& options_;
    std::mt19937_64 rng_;
    std::vector<TextModel> texts_;
    std::size_t at_ = 0;        // the text the proposal at hand works in
    std::size_t proposal_ = 0;  // the proposal at hand
    std::vector<std::string> last_text_;
    std::uint64_t next_id_ = 1;
    std::string proposer_;
};

}  // namespace

std::string_view to_string(Operation operation) {
    switch (operation) {
        case Operation::draft:
            return "draft";
        case Operation::insert_bracketed:
            return "insert-bracketed";
        case Operation::add_option:
            return "add-option";
        case Operation::bracket_existing:
            return "bracket-existing";
        case Operation::strike:
            return "strike";
        case Operation::replace:
            return "replace";
        case Operation::lift_bracket:
            return "lift-bracket";
        case Operation::choose_option:
            return "choose-option";
        case Operation::delete_bracket:
            return "delete-bracket";
        case Operation::accept_strike:
            return "accept-strike";
        case Operation::restore:
            return "restore";
        case Operation::add_paragraph:
            return "add-paragraph";
        case Operation::add_alternative_paragraph:
            return "add-alternative-paragraph";
        case Operation::set_status:
            return "set-status";
        case Operation::move_wording:
            return "move-wording";
        case Operation::table_again:
            return "table-again";
        case Operation::swap_opener:
            return "swap-opener";
    }
    return "?";
}

const std::vector<std::string_view>& paragraph_openers() {
    static const std::vector<std::string_view> openers = {
        "Recognizing", "Noting", "Emphasizing", "Affirming", "Acknowledging", "Recalling"};
    return openers;
}

OperationWeights default_weights() {
    OperationWeights weights{};
    auto set = [&](Operation operation, double weight) {
        weights[static_cast<std::size_t>(operation)] = weight;
    };
    set(Operation::insert_bracketed, 3);
    set(Operation::add_option, 2);
    set(Operation::bracket_existing, 2);
    set(Operation::strike, 1.5);
    set(Operation::replace, 2);
    set(Operation::lift_bracket, 2.5);
    set(Operation::choose_option, 1.5);
    set(Operation::delete_bracket, 1);
    set(Operation::accept_strike, 1);
    set(Operation::restore, 1);
    set(Operation::add_paragraph, 0.4);
    set(Operation::add_alternative_paragraph, 0.3);
    set(Operation::set_status, 0.6);
    return weights;
}

ParseOptions parse_options(const GeneratorOptions& options) {
    ParseOptions parse;
    parse.notation.slash_options =
        options.compact_slashes ? SlashOptions::any : SlashOptions::spaced;
    return parse;
}

GeneratedHistory generate_history(const GeneratorOptions& options) {
    return Generator(options).run();
}

const std::vector<std::string_view>& negotiation_vocabulary() {
    static const std::vector<std::string_view> all = [] {
        std::vector<std::string_view> words = function_words();
        words.insert(words.end(), content_words().begin(), content_words().end());
        for (const auto& phrase : stock_phrases())
            words.insert(words.end(), phrase.begin(), phrase.end());
        std::sort(words.begin(), words.end());
        words.erase(std::unique(words.begin(), words.end()), words.end());
        return words;
    }();
    return all;
}

}  // namespace accord::test
