// Blame and `accord who` on the Paris Agreement's last seven weeks: the five
// versions in ../shared/corpus/paris-2015/ recorded as five proposals to one
// file. Negotiators rewrote whole articles between them; blame must not
// read the common words of a rewrite as restored wording, and `who` must not
// call an option agreed.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <set>

#include "core/notation/parse.hpp"
#include "core/notation/tokens.hpp"
#include "core/store/repository.hpp"
#include "core/store/workspace.hpp"
#include "core/util/date.hpp"
#include "merge/blame/blame_history.hpp"
#include "merge/blame/who.hpp"
#include "support/paths.hpp"

namespace accord {
namespace {

struct Version {
    const char* file;
    const char* day;
    int hour;  // UTC
    const char* by;
};

const Version kVersions[] = {
    {"agreement-23-oct-2015.md", "2015-10-23", 17, "ADP Co-Chairs"},
    {"agreement-4-dec-2015.md", "2015-12-04", 17, "ADP Co-Chairs"},
    {"agreement-9-dec-2015.md", "2015-12-09", 14, "COP Presidency"},
    {"agreement-12-dec-2015.md", "2015-12-12", 12, "COP Presidency"},
    {"agreement-final.md", "2015-12-12", 18, "COP 21"},
};
constexpr std::size_t kTwelfthOfDecember = 3;  // the version index of the 12 December text

class ParisBlame : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();
        Repository repo = Repository::init(dir_->path());
        bool first = true;
        for (const Version& v : kVersions) {
            CommitRequest request;
            request.files = {{"agreement.md", test::read_all(test::corpus_file(
                                                  std::string("paris-2015/") + v.file))}};
            if (first) request.files.push_back({"accord.yaml", "negotiation: Paris Agreement\n"});
            first = false;
            const std::int64_t time = day_start_utc(*parse_iso_date(v.day)) + v.hour * 3600;
            request.author = {"UNFCCC secretariat", "secretariat@example.org", time, 0};
            request.committer = request.author;
            request.message = std::string(v.file) + "\n\nProposed-by: " + v.by + "\n";
            request.write_worktree = true;
            commits_.push_back(repo.commit_files(request));
        }
        const Workspace ws = Workspace::open(dir_->path());
        blame_ = new FileBlame(blame_file(ws, "agreement.md", ws.repo().resolve("HEAD")));
    }
    static void TearDownTestSuite() {
        delete blame_;
        delete dir_;
    }

    static const Document& document(const FileBlame& blame = *blame_) {
        return blame.result.document;
    }
    static const std::vector<BlameSpan>& spans(const FileBlame& blame = *blame_) {
        return blame.result.spans;
    }

    // The word and number tokens of the blamed text, and the span of each.
    struct Word {
        Token token;
        const BlameSpan* span;
        bool paragraph_start = false;  // the first word of its paragraph
    };
    static std::vector<Word> words(const FileBlame& blame = *blame_) {
        const std::vector<BlameSpan>& spans = blame.result.spans;
        std::vector<Word> out;
        std::size_t s = 0;
        bool paragraph_start = true;
        for (const Token& token : tokenize(blame.result.document)) {
            if (token.kind == TokenKind::paragraph_break) paragraph_start = true;
            if (token.kind != TokenKind::word && token.kind != TokenKind::number) continue;
            while (s < spans.size() && spans[s].range.end <= token.range.begin) ++s;
            out.push_back({token,
                           s < spans.size() && spans[s].range.begin <= token.range.begin ? &spans[s]
                                                                                         : nullptr,
                           paragraph_start});
            paragraph_start = false;
        }
        return out;
    }

    // The words of the text as one line, "|" between paragraphs: marks and
    // punctuation left out.
    static std::string plain(const std::string& text) {
        const Document doc = parse(text);
        std::string out = "|";
        for (const Token& token : tokenize(doc)) {
            if (token.kind == TokenKind::paragraph_break) out += " |";
            if (token.kind != TokenKind::word && token.kind != TokenKind::number) continue;
            out += ' ';
            out += doc.text(token.range);
        }
        return out + " |";
    }
    static std::string version_text(std::size_t v) {
        return test::read_all(test::corpus_file(std::string("paris-2015/") + kVersions[v].file));
    }

    static test::TempDir* dir_;
    static FileBlame* blame_;
    static std::vector<std::string> commits_;
};

test::TempDir* ParisBlame::dir_ = nullptr;
FileBlame* ParisBlame::blame_ = nullptr;
std::vector<std::string> ParisBlame::commits_;

// Wording brought back is a restoration: words side by side restored by
// the same proposal (their first proposers may differ, as a deleted run
// held words of several). A restoration of one word is only a word that was
// deleted alone and came back in its place: in the version that restored
// it, it stands between two words (or paragraph edges) it stood between in
// an earlier version. Checked on each version as blame gave it then: later
// rewordings around a restored word leave it alone, restored still.
TEST_F(ParisBlame, ARestoredWordAloneCameBackInItsPlace) {
    const Workspace ws = Workspace::open(dir_->path());
    std::size_t single = 0;
    for (std::size_t v = 1; v < commits_.size(); ++v) {
        const FileBlame blame = blame_file(ws, "agreement.md", commits_[v]);
        const std::vector<Word> all = words(blame);
        const auto restored_by = [&](std::size_t k) {
            return all[k].span != nullptr ? all[k].span->restored_by : std::nullopt;
        };
        for (std::size_t k = 0; k < all.size(); ++k) {
            if (restored_by(k) != v) continue;
            const bool alone = (k == 0 || restored_by(k - 1) != v) &&
                               (k + 1 == all.size() || restored_by(k + 1) != v);
            if (!alone) continue;
            ++single;
            const auto text = [&](std::size_t at) {
                return std::string(blame.result.document.text(all[at].token.range));
            };
            const std::string before = k == 0 || all[k].paragraph_start ? "|" : text(k - 1);
            const std::string after =
                k + 1 == all.size() || all[k + 1].paragraph_start ? "|" : text(k + 1);
            const std::string in_place = " " + before + " " + text(k) + " " + after + " ";
            bool stood_there = false;
            for (std::size_t earlier = 0; earlier < v; ++earlier)
                stood_there =
                    stood_there || plain(version_text(earlier)).find(in_place) != std::string::npos;
            EXPECT_TRUE(stood_there) << "'" << text(k) << "' restored by version " << v
                                     << " never stood in its place:" << in_place;
        }
    }
    // The final text, for the record.
    const std::vector<Word> all = words();
    std::size_t restored_words = 0, restorations = 0;
    for (std::size_t k = 0; k < all.size(); ++k) {
        const auto by = all[k].span != nullptr ? all[k].span->restored_by : std::nullopt;
        if (!by) continue;
        ++restored_words;
        restorations += k == 0 || all[k - 1].span == nullptr || all[k - 1].span->restored_by != by;
    }
    std::cout << "[ paris ] final text: " << restored_words << " of " << all.size()
              << " words restored ("
              << 100.0 * static_cast<double>(restored_words) / static_cast<double>(all.size())
              << "%) in " << restorations << " restorations; restorations of one word made by "
              << "the five versions: " << single << "\n";
}

// "per cent" in the entry-into-force article was an editorial change of the
// final text, not wording restored from 4 December.
TEST_F(ParisBlame, PerCentIsNotRestored) {
    const std::string& text = document().source;
    std::size_t found = 0;
    for (std::size_t at = text.find("per cent"); at != std::string::npos;
         at = text.find("per cent", at + 1)) {
        ++found;
        for (const BlameSpan& span : spans()) {
            if (span.range.end <= at || span.range.begin >= at + 8) continue;
            EXPECT_FALSE(span.restored_by.has_value())
                << "'" << document().text(span.range) << "' at " << at << " restored by version "
                << *span.restored_by;
        }
    }
    EXPECT_GT(found, 0u);
}

// Article 2.1 as the 12 December text rewrote it ("This Agreement, in
// enhancing the implementation of the Convention ... including by:") is that
// day's wording, not the words of three versions.
TEST_F(ParisBlame, TheNewArticle2Paragraph1IsTheTwelfthOfDecember) {
    const std::string& text = document().source;
    const std::size_t begin = text.find("1. This Agreement, in enhancing the implementation");
    ASSERT_NE(begin, std::string::npos);
    const std::size_t end = text.find("including by:", begin);
    ASSERT_NE(end, std::string::npos);
    std::set<std::size_t> origins;
    std::size_t count = 0;
    for (const Word& word : words()) {
        if (word.token.range.begin < begin + 3 || word.token.range.begin >= end) continue;
        ++count;
        ASSERT_NE(word.span, nullptr);
        origins.insert(word.span->origin);
        EXPECT_EQ(word.span->origin, kTwelfthOfDecember)
            << "'" << document().text(word.token.range) << "'";
        EXPECT_FALSE(word.span->restored_by.has_value());
    }
    EXPECT_GT(count, 30u);
    EXPECT_EQ(origins.size(), 1u);
}

// "well below 2" stood on 9 December in Option 2 of three unbracketed
// Option paragraphs: one option among several, agreed only on 12 December
// when the others were gone.
TEST_F(ParisBlame, WhoDoesNotCallAnOptionAgreed) {
    const Workspace ws = Workspace::open(dir_->path());
    const std::optional<WhoReport> report = who_proposed(ws, "well below 2", {});
    ASSERT_TRUE(report.has_value());
    bool option_on_9th = false, agreed_on_12th = false;
    for (const WordingEvent& event : report->events) {
        if (event.proposal.day == "2015-12-09") {
            EXPECT_NE(event.state, WordingState::agreed) << "9 December: one of three options";
            option_on_9th = option_on_9th || event.state == WordingState::option ||
                            (event.state == WordingState::proposed);
        }
        if (event.proposal.day == "2015-12-12" && event.state == WordingState::agreed)
            agreed_on_12th = true;
    }
    EXPECT_TRUE(option_on_9th);
    EXPECT_TRUE(agreed_on_12th);
    EXPECT_TRUE(report->stands);
    EXPECT_EQ(report->current_state, "agreed");
}

}  // namespace
}  // namespace accord
