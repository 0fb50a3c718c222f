// Blame checkpoints: going on from where an earlier walk ended gives the
// very result of the whole walk, on generated histories of every behaviour
// (one text; several texts with moves and wording tabled again, with and
// without --across-texts) cut at several places; a checkpoint that does not
// fit is refused before any result is made.
#include "merge/blame/blame_checkpoint.hpp"

#include <gtest/gtest.h>

#include "merge/blame/blame.hpp"
#include "support/blame_accuracy.hpp"
#include "support/negotiation_generator.hpp"

namespace accord {
namespace {

void expect_same(const BlameResult& resumed, const BlameResult& whole) {
    EXPECT_EQ(resumed.document.source, whole.document.source);
    ASSERT_EQ(resumed.spans.size(), whole.spans.size());
    for (std::size_t k = 0; k < whole.spans.size(); ++k) {
        if (resumed.spans[k] == whole.spans[k]) continue;
        ADD_FAILURE() << "span " << k << " differs: origin " << resumed.spans[k].origin << " for "
                      << whole.spans[k].origin << " at byte " << whole.spans[k].range.begin;
        return;
    }
}

// One text: blamed through `cut` with a checkpoint left, then through the
// last version from that checkpoint, against the whole walk.
void check_one_text(const test::GeneratorOptions& generator, const BlameOptions& blame) {
    const test::GeneratedHistory history = test::generate_history(generator);
    const std::vector<BlameVersion>& versions = history.versions;
    const std::size_t last = versions.size() - 1;
    const BlameResult whole = blame_versions(versions, last, blame);
    for (const std::size_t cut : {std::size_t{0}, last / 3, last / 2, last - 1, last}) {
        SCOPED_TRACE("cut at version " + std::to_string(cut));
        BlameCheckpoint at_cut;
        blame_versions(versions, cut, blame, {}, BlameCheckpoints{nullptr, &at_cut});
        EXPECT_EQ(at_cut.last_proposal, cut);
        BlameCheckpoint at_end;
        const BlameResult resumed =
            blame_versions(versions, last, blame, {}, BlameCheckpoints{&at_cut, &at_end});
        expect_same(resumed, whole);
        // Where the resumed walk ended is where the whole one ends: going on
        // from it with nothing new gives the result again.
        EXPECT_EQ(at_end.last_proposal, last);
        expect_same(blame_versions(versions, last, blame, {}, BlameCheckpoints{&at_end, nullptr}),
                    whole);
    }
}

TEST(BlameCheckpoint, GoingOnFromACheckpointGivesTheWholeWalksResult) {
    const BlameOptions blame;
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        check_one_text(test::ordinary(seed, 0), blame);
        check_one_text(test::repeated_adjacent(seed, 0), blame);
        check_one_text(test::redrafts(seed, 0), blame);
        check_one_text(test::stock_phrases(seed, 0), blame);
    }
}

TEST(BlameCheckpoint, ALongHistoryOverASmallVocabularyGoesOnExactly) {
    // Nearly every new word was deleted somewhere before: the graveyard and
    // the interner carried over decide most of the result.
    test::GeneratorOptions generator = test::long_small_vocabulary(7, 0);
    generator.proposals = 700;
    check_one_text(generator, BlameOptions{});
}

// Several texts: the walk up to proposal `cut` (each text's versions up to
// it), then the whole walk going on from its checkpoint.
void check_texts(const test::GeneratedHistory& history, const BlameOptions& blame) {
    std::vector<TextVersions> texts;
    std::size_t last = 0;
    for (const test::GeneratedText& text : history.texts) {
        texts.push_back({text.versions});
        last = std::max(last, text.versions.back().proposal);
    }
    const std::vector<BlameResult> whole = blame_texts(texts, blame);
    for (const std::size_t cut : {history.texts.size() - 1, last / 3, last / 2, last - 1}) {
        SCOPED_TRACE("cut at proposal " + std::to_string(cut));
        std::vector<TextVersions> before;
        for (const test::GeneratedText& text : history.texts) {
            std::size_t count = 0;
            while (count < text.versions.size() && text.versions[count].proposal <= cut) ++count;
            ASSERT_GT(count, 0u) << text.path << " is drafted after the cut";
            before.push_back({std::span(text.versions).first(count)});
        }
        BlameCheckpoint at_cut;
        blame_texts(
            before, blame, {}, [](std::size_t, BlameResult&&) {},
            BlameCheckpoints{nullptr, &at_cut});
        std::vector<BlameResult> resumed(texts.size());
        blame_texts(
            texts, blame, {},
            [&](std::size_t t, BlameResult&& result) { resumed[t] = std::move(result); },
            BlameCheckpoints{&at_cut, nullptr});
        for (std::size_t t = 0; t < texts.size(); ++t) {
            SCOPED_TRACE(history.texts[t].path);
            expect_same(resumed[t], whole[t]);
        }
    }
}

TEST(BlameCheckpoint, TextsThatGiveEachOtherWordingGoOnExactly) {
    for (const std::uint64_t seed : {1u, 2u}) {
        test::GeneratorOptions generator = test::moves_across_texts(seed, 0);
        generator.proposals = 300;
        test::GeneratedHistory history = test::generate_history(generator);
        for (test::GeneratedText& text : history.texts) {
            for (std::size_t v = 0; v < text.versions.size(); ++v)
                text.versions[v].proposal = text.proposals[v];
        }
        check_texts(history, BlameOptions{});
        check_texts(history, test::across_texts());
    }
}

class BlameCheckpointRefused : public ::testing::Test {
  protected:
    void SetUp() override {
        history = test::generate_history(test::ordinary(4, 0));
        blame_versions(history.versions, 20, blame, {}, BlameCheckpoints{nullptr, &at_20});
    }
    BlameResult go_on(const std::vector<BlameVersion>& versions, const BlameCheckpoint& from) {
        return blame_versions(versions, versions.size() - 1, blame, {},
                              BlameCheckpoints{&from, nullptr});
    }
    test::GeneratedHistory history;
    BlameOptions blame;
    BlameCheckpoint at_20;
};

TEST_F(BlameCheckpointRefused, WhenTheVersionAtTheCheckpointIsAnother) {
    std::vector<BlameVersion> versions = history.versions;
    versions[20].text = versions[21].text;  // same history, another text at the checkpoint
    EXPECT_THROW(go_on(versions, at_20), BlameCheckpointMismatch);
    // A word changed for another of the same length: the same number of tokens.
    versions = history.versions;
    std::string& text = versions[20].text;
    const std::size_t body = text.rfind("---\n");  // after the front matter
    ASSERT_NE(body, std::string::npos);
    std::size_t at = body + 4;
    while (at < text.size() && !(text[at] >= 'a' && text[at] <= 'y')) ++at;
    ASSERT_LT(at, text.size());
    ++text[at];  // "cooperate" -> "dooperate"
    EXPECT_THROW(go_on(versions, at_20), BlameCheckpointMismatch);
}

TEST_F(BlameCheckpointRefused, WhenALaterVersionHasAParentBeforeIt) {
    std::vector<BlameVersion> versions = history.versions;
    versions[25].parents = {24, 10};  // a merge with a version the checkpoint let go of
    EXPECT_THROW(go_on(versions, at_20), BlameCheckpointMismatch);
}

TEST_F(BlameCheckpointRefused, WhenItNamesWhatItCouldNotHaveMade) {
    BlameCheckpoint late = at_20;
    late.texts.front().origins.back().proposal = 21;  // a proposal after it
    EXPECT_THROW(go_on(history.versions, late), BlameCheckpointMismatch);
    BlameCheckpoint two = at_20;
    two.texts.push_back(two.texts.front());
    EXPECT_THROW(go_on(history.versions, two), BlameCheckpointMismatch);
    BlameCheckpoint buried = at_20;
    ASSERT_FALSE(buried.graveyard.words.empty());
    buried.graveyard.words.front().id = buried.interner.next;  // no word had that id
    EXPECT_THROW(go_on(history.versions, buried), BlameCheckpointMismatch);
    BlameCheckpoint runs = at_20;
    ASSERT_FALSE(runs.graveyard.runs.empty());
    runs.graveyard.runs.front().length =
        static_cast<std::uint32_t>(runs.graveyard.words.size() + 1);
    EXPECT_THROW(go_on(history.versions, runs), BlameCheckpointMismatch);
    BlameCheckpoint interner = at_20;
    interner.interner.text_bytes.pop_back();
    EXPECT_THROW(go_on(history.versions, interner), BlameCheckpointMismatch);
    // An occurrence it never numbered, or no number left to give.
    BlameCheckpoint serial = at_20;
    serial.texts.front().origins.back().serial = serial.next_serial;
    EXPECT_THROW(go_on(history.versions, serial), BlameCheckpointMismatch);
    BlameCheckpoint none_left = at_20;
    none_left.next_serial = 0;
    EXPECT_THROW(go_on(history.versions, none_left), BlameCheckpointMismatch);
}

}  // namespace
}  // namespace accord
