// The proposal log's engine on a repository the test writes: the entries in
// the walk's order however the describing is spread over threads, each
// change the structural diff of its two versions, the same from the cache,
// a reader that stops early, and an error met while describing a change
// reaching the caller.
#include "merge/report/history.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/notation/parse.hpp"
#include "core/store/config.hpp"
#include "core/util/errors.hpp"
#include "merge/report/file_changes.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"

namespace accord {
namespace {

// More proposals than the describer keeps in flight, so that entries leave
// the window while later ones are still being described.
constexpr int kProposals = 300;
const char* const kFiles[] = {"a.md", "b.md", "c.md", "d.md", "e.md"};

// Version `step` of file `f`: a few paragraphs whose brackets, options and
// status change from one step to the next, and the step's number.
std::string version(int f, int step) {
    std::string text = "---\nstatus: " + std::string(step % 3 == 0 ? "open" : "draft") + "\n---\n";
    for (int p = 0; p < 4; ++p) {
        const int n = (step + p * f) % 5;
        text += "Paragraph " + std::to_string(p) + " of text " + std::to_string(f) + " shall " +
                (n == 0   ? "[ensure][promote] the goal"
                 : n == 1 ? "[ensure] the goal"
                 : n == 2 ? "ensure the ~~whole~~ goal"
                 : n == 3 ? "ensure the goal of step " + std::to_string(step)
                          : "[ensure the goal] (agreed)") +
                ".\n\n";
    }
    return text + "Revision " + std::to_string(step) + ".\n";
}

// What the entries must say of a change, written out for comparison.
std::string describe(const std::vector<Change>& changes) {
    std::string out;
    for (const Change& c : changes) {
        out += std::string(to_string(c.kind)) + " '" + c.text + "' " +
               std::to_string(c.old_range.begin) + "-" + std::to_string(c.old_range.end) + " " +
               std::to_string(c.new_range.begin) + "-" + std::to_string(c.new_range.end) + " '" +
               c.before + "' '" + c.after + "'\n";
    }
    return out;
}

struct Expected {
    std::string commit;
    std::vector<std::string> paths;         // sorted
    std::vector<std::string> descriptions;  // per path
    std::vector<std::string> statuses;      // "before > after", per path
};

// One history for the suite (recording it is most of the time); each test
// starts without the cache, and the one that damages it works on a copy.
class ProposalLog : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        newest_last_ = new std::vector<Expected>;
        test::TempDir& dir = *dir_;
        std::vector<Expected>& newest_last = *newest_last_;
        Repository repo = Repository::init(dir.path());
        std::vector<std::optional<std::string>> current(std::size(kFiles));
        const ParseOptions options = Workspace::open(dir.path()).parse_options();
        for (int step = 0; step < kProposals; ++step) {
            // One or two texts a proposal; every text at the start.
            std::vector<int> touched;
            if (step == 0) {
                for (int f = 0; f < int(std::size(kFiles)); ++f) touched.push_back(f);
            } else {
                touched.push_back(step % 5);
                if (step % 4 == 0) touched.push_back((step + 2) % 5);
            }
            std::sort(touched.begin(), touched.end());
            test::FileTexts files;
            Expected expected;
            for (const int f : touched) {
                const std::string text = version(f, step);
                files.push_back({kFiles[f], text});
                const Document before = parse(current[f].value_or(""), options);
                const Document after = parse(text, options);
                expected.paths.push_back(kFiles[f]);
                expected.descriptions.push_back(describe(structural_diff(before, after)));
                auto status = [](const Document& d) {
                    const auto* s = d.front_matter.find("status");
                    return s ? s->value : std::string();
                };
                expected.statuses.push_back(status(before) + " > " + status(after));
                current[f] = text;
            }
            const int day = 1 + step % 28;
            expected.commit = test::record_proposal(
                repo, {"Delegation " + std::to_string(step % 7),
                       "2014-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day), files,
                       "Proposal " + std::to_string(step)});
            newest_last.push_back(std::move(expected));
        }
    }
    static void TearDownTestSuite() {
        delete dir_;
        delete newest_last_;
    }
    void SetUp() override { std::filesystem::remove_all(dir.file(".git/accord")); }

    std::vector<LogEntry> log() { return proposal_log(Workspace::open(dir.path()), {}); }

    // The entries against what each proposal recorded, newest first.
    void expect_as_recorded(const std::vector<LogEntry>& entries) {
        ASSERT_EQ(entries.size(), newest_last.size());
        for (std::size_t k = 0; k < entries.size(); ++k) {
            const Expected& expected = newest_last[newest_last.size() - 1 - k];
            const LogEntry& entry = entries[k];
            ASSERT_EQ(entry.proposal.commit, expected.commit) << "entry " << k;
            ASSERT_EQ(entry.files.size(), expected.paths.size()) << "entry " << k;
            for (std::size_t f = 0; f < entry.files.size(); ++f) {
                const FileChanges& file = entry.files[f];
                EXPECT_EQ(file.path, expected.paths[f]) << "entry " << k;
                EXPECT_EQ(describe(file.changes), expected.descriptions[f])
                    << "entry " << k << ", " << file.path;
                EXPECT_EQ(file.status_before + " > " + file.status_after, expected.statuses[f])
                    << "entry " << k << ", " << file.path;
                EXPECT_EQ(file.added, k == entries.size() - 1);
                EXPECT_FALSE(file.deleted);
            }
        }
    }

    static test::TempDir* dir_;
    static std::vector<Expected>* newest_last_;
    const test::TempDir& dir = *dir_;
    const std::vector<Expected>& newest_last = *newest_last_;
};

test::TempDir* ProposalLog::dir_ = nullptr;
std::vector<Expected>* ProposalLog::newest_last_ = nullptr;

TEST_F(ProposalLog, EntriesComeInTheWalksOrderEachChangeTheDiffOfItsTwoVersions) {
    expect_as_recorded(log());
}

TEST_F(ProposalLog, TheCacheGivesTheSameEntriesAgain) {
    const std::vector<LogEntry> first = log();
    ASSERT_TRUE(std::filesystem::exists(dir.file(".git/accord")));
    expect_as_recorded(log());
}

TEST_F(ProposalLog, AReaderThatStopsEndsTheWalkThere) {
    for (const std::size_t wanted : {std::size_t{1}, std::size_t{3}, std::size_t{280}}) {
        std::vector<std::string> seen;
        stream_proposal_log(Workspace::open(dir.path()), {}, [&](LogEntry&& entry) {
            seen.push_back(entry.proposal.commit);
            return seen.size() < wanted;
        });
        ASSERT_EQ(seen.size(), wanted);
        for (std::size_t k = 0; k < wanted; ++k)
            EXPECT_EQ(seen[k], newest_last[newest_last.size() - 1 - k].commit);
    }
}

// A log whose reader went away (abandoned() says so, asked every 16
// entries queued or emitted, and while one is awaited) ends there.
TEST_F(ProposalLog, AnAbandonedLogEndsThere) {
    LogOptions options;
    std::size_t emitted = 0;
    bool gone = false;
    options.abandoned = [&] { return gone; };
    stream_proposal_log(Workspace::open(dir.path()), options, [&](LogEntry&&) {
        ++emitted;
        gone = true;  // the reader leaves after the first entry
        return true;
    });
    EXPECT_GE(emitted, 1u);
    EXPECT_LE(emitted, 16u);
    EXPECT_GT(newest_last.size(), 100u);
}

TEST_F(ProposalLog, AVersionThatCannotBeReadIsAnErrorForTheCaller) {
    // An old version of a.md taken from the object store: the walk compares
    // ids only, so describing that change is where it is missed.
    const test::TempDir copy;
    std::filesystem::copy(dir.path(), copy.path(), std::filesystem::copy_options::recursive);
    Repository repo = Repository::open(copy.path());
    const std::string old_commit = newest_last[10].commit;
    const std::optional<std::string> blob = repo.blob_id_at(old_commit, "a.md");
    ASSERT_TRUE(blob);
    const std::filesystem::path object =
        copy.file(".git/objects/" + blob->substr(0, 2) + "/" + blob->substr(2));
    ASSERT_TRUE(std::filesystem::exists(object)) << object;
    std::filesystem::remove(object);
    std::size_t emitted = 0;
    EXPECT_THROW(stream_proposal_log(Workspace::open(copy.path()), {},
                                     [&](LogEntry&&) {
                                         ++emitted;
                                         return true;
                                     }),
                 Error);
    EXPECT_LT(emitted, newest_last.size()) << "no entry after the one that failed";
}

// A describer interns every version it reads with one interner (a
// file's older version through its newer, kept from the change after),
// starts afresh once that interner has given out its limit of ids, and
// keeps within its budgets the versions it parsed and, beyond those, their
// bytes. With limits small enough to start afresh every few changes and to
// let go of versions and bytes, each description is still the structural
// diff of its two versions alone: a file's changes newest first (as one
// worker of the log meets them), and all changes in the walk's order (the
// files taking turns, so that a file's newer version has gone out of the
// parsed versions by its next change).
TEST_F(ProposalLog, ADescriberThatLetsGoAndStartsAfreshDescribesEachChangeAlike) {
    const Workspace ws = Workspace::open(dir.path());
    struct Change {
        std::size_t proposal, file;
    };
    std::vector<Change> walk_order, file_by_file;
    for (std::size_t k = newest_last.size(); k-- > 1;)
        for (std::size_t f = 0; f < newest_last[k].paths.size(); ++f) walk_order.push_back({k, f});
    for (const char* path : kFiles) {
        for (const Change& c : walk_order)
            if (newest_last[c.proposal].paths[c.file] == path) file_by_file.push_back(c);
    }
    ASSERT_EQ(file_by_file.size(), walk_order.size());
    // Parsed versions: about three, or all; the bytes of those let go of:
    // about two versions, or all.
    const std::pair<std::size_t, std::size_t> budgets[] = {
        {2000, 1000}, {2000, std::size_t{1} << 20}, {std::size_t{1} << 20, 1000}};
    for (const auto* order : {&file_by_file, &walk_order}) {
        for (const auto& [budget, source_budget] : budgets) {
            ChangeDescriber::Limits limits;
            limits.version_bytes = budget;
            limits.source_bytes = source_budget;
            limits.interned_ids = 40;  // about one version's words and marks
            ChangeDescriber describer(ws, nullptr, limits);
            for (const Change& c : *order) {
                const Expected& expected = newest_last[c.proposal];
                const std::string& path = expected.paths[c.file];
                const FileChanges file = describer.compute(
                    path, ws.repo().blob_id_at(newest_last[c.proposal - 1].commit, path),
                    ws.repo().blob_id_at(expected.commit, path));
                ASSERT_EQ(describe(file.changes), expected.descriptions[c.file])
                    << "proposal " << c.proposal << ", " << path << ", budgets " << budget << " "
                    << source_budget << (order == &walk_order ? ", walk order" : ", file by file");
            }
        }
    }
}

TEST(ReadProposal, ANameWrittenTwiceIsOneProposerAndAnEmptyTrailerNoOne) {
    const Config config = parse_config(
        "negotiation: t\ndelegations:\n  - name: Japan\n    aliases: [JP]\n", "accord.yaml");
    CommitInfo commit;
    commit.id = std::string(40, 'a');
    commit.author = {"Japan", "japan@example.org", 1392811200, 0};
    commit.committer = commit.author;
    commit.message = "Text\n\nProposed-by: Japan\nProposed-by: JP\n";
    EXPECT_EQ(read_proposal(commit, config).proposers, std::vector<std::string>{"Japan"});
    commit.author.name = "Clerk";
    commit.message = "Text\n\nProposed-by:\n";
    EXPECT_EQ(read_proposal(commit, config).proposers, std::vector<std::string>{"Clerk"});
}

}  // namespace
}  // namespace accord
