// The cache under .git/accord through the real binary: log, status and stats
// say the same thing whether their cache is missing, whole, damaged byte by
// byte, truncated, replaced by garbage or by a link, or deleted.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/store/repository.hpp"
#include "core/util/date.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;
using test::in;

Signature on(const std::string& name, const std::string& day) {
    return {name, "proposals@accord.invalid", day_start_utc(*parse_iso_date(day)) + 12 * 3600, 0};
}

// The WGEC compilation as `accord import` records it, then proposals that
// bracket, add options and change the status of some of its texts.
class CacheCli : public ::testing::Test {
  protected:
    void SetUp() override {
        const test::RunResult imported =
            test::accord({"import", test::corpus_file("wgec-2013-14/draft-recommendations.txt"),
                          "--into", dir()},
                         in(tmp.path()));
        ASSERT_EQ(imported.exit_code, 0) << imported.err << imported.out;
        std::vector<std::string> texts;
        for (const auto& entry : fs::recursive_directory_iterator(dir())) {
            const std::string relative = fs::relative(entry.path(), dir()).string();
            if (entry.path().extension() == ".md" && relative.rfind(".git", 0) != 0 &&
                relative != "outline.md")
                texts.push_back(relative);
        }
        std::sort(texts.begin(), texts.end());
        ASSERT_GE(texts.size(), 6U);
        Repository repo = Repository::open(dir());
        const char* days[] = {"2014-02-24", "2014-02-25", "2014-02-26", "2014-05-01"};
        for (std::size_t k = 0; k < 4; ++k) {
            CommitRequest request;
            for (std::size_t t = k; t < texts.size(); t += 5) {
                std::string text = test::read_all(dir() + "/" + texts[t]);
                text += k % 2 ? "\nAlt: [To report on progress] at the next session.\n"
                              : "\nThat the [continuing] work be /sustained/optimised/.\n";
                request.files.push_back({texts[t], text});
            }
            request.author = on("Secretariat", days[k]);
            request.committer = on("Secretariat", days[k]);
            request.message = "Amendments\n\nProposed-by: Brazil\n";
            request.write_worktree = true;
            repo.commit_files(request);
        }
    }

    std::string dir() const { return tmp.file("wgec"); }
    std::string cache() const { return dir() + "/.git/accord"; }

    // What each command prints, failing the test if one fails.
    std::vector<std::string> outputs() {
        std::vector<std::string> out;
        for (const std::vector<std::string>& args : {std::vector<std::string>{"log"},
                                                     {"log", "--format", "json"},
                                                     {"status"},
                                                     {"stats", "--format", "json"}}) {
            const test::RunResult r = test::accord(args, in(dir()));
            EXPECT_EQ(r.exit_code, 0) << args.front() << ": " << r.err;
            EXPECT_EQ(r.err, "") << args.front();
            out.push_back(r.out);
        }
        return out;
    }

    std::vector<fs::path> cache_files() const {
        std::vector<fs::path> files;
        for (const auto& entry : fs::recursive_directory_iterator(cache()))
            if (entry.is_regular_file()) files.push_back(entry.path());
        return files;
    }

    test::TempDir tmp;
};

TEST_F(CacheCli, DamagedDeletedOrPlantedTheAnswersStayTheSame) {
    const std::vector<std::string> fresh = outputs();
    ASSERT_TRUE(fs::exists(cache())) << "the first run remembers what it computed";
    ASSERT_FALSE(cache_files().empty());
    EXPECT_EQ(outputs(), fresh) << "read back from the cache";

    // Every file damaged: a byte in every 7 flipped, the first half of the
    // rest of the files truncated.
    std::size_t k = 0;
    for (const fs::path& file : cache_files()) {
        std::string bytes = test::read_all(file.string());
        if (k++ % 2) {
            for (std::size_t at = 3; at < bytes.size(); at += 7)
                bytes[at] = static_cast<char>(bytes[at] ^ 0x21);
        } else {
            bytes.resize(bytes.size() / 2);
        }
        std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
    }
    EXPECT_EQ(outputs(), fresh) << "damaged entries are ignored";
    EXPECT_EQ(outputs(), fresh) << "and computed again";

    // Garbage in place of every file, under the names accord would read.
    for (const fs::path& file : cache_files())
        std::ofstream(file, std::ios::binary | std::ios::trunc) << std::string(4096, 'A');
    EXPECT_EQ(outputs(), fresh) << "garbage is ignored";

    fs::remove_all(cache());
    EXPECT_EQ(outputs(), fresh) << "deleted";

    // A file where the directory should be, then a link to a directory
    // outside the repository: neither breaks a command, nothing is written
    // through the link.
    fs::remove_all(cache());
    std::ofstream(cache()) << "not a directory";
    EXPECT_EQ(outputs(), fresh) << "a file in place of the cache";
    fs::remove(cache());
    const std::string outside = tmp.file("outside");
    fs::create_directories(outside);
    fs::create_directory_symlink(outside, cache());
    EXPECT_EQ(outputs(), fresh) << "a link in place of the cache";
    EXPECT_TRUE(fs::is_empty(outside));
}

}  // namespace
}  // namespace accord
