// The cache under .git/accord/cache: what one run remembers the next reads,
// and nothing on disk (flipped bytes, truncation, garbage, links, files of
// another version) can make it answer wrongly, crash, or write outside it.
#include "core/store/cache.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "support/paths.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

// A git directory is just a directory to the cache.
std::string git_dir(const TempDir& dir) {
    fs::create_directories(dir.file(".git"));
    return dir.file(".git");
}

std::map<std::string, std::string> sample_entries() {
    std::map<std::string, std::string> entries;
    entries[CacheTable::id_key("0123456789abcdef0123456789abcdef01234567")] =
        CacheWriter().number(3).text("1 bracket added").take();
    entries[CacheTable::id_key("fedcba9876543210fedcba9876543210fedcba98")] =
        CacheWriter().number(300).text("status revisit → agreed").flag(true).take();
    entries["plain key"] = std::string(200, 'x');
    return entries;
}

std::vector<fs::path> files_of(const CacheTable& table) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(table.directory(), ec))
        if (entry.path().extension() == ".cache") files.push_back(entry.path());
    return files;
}

// Where a table file's count of entries lies: after the magic (8 bytes), the
// fingerprint's size (8, little-endian) and the fingerprint.
std::size_t count_offset(const std::string& file) {
    std::size_t size = 0;
    for (int k = 7; k >= 0; --k) size = (size << 8) | static_cast<unsigned char>(file[8 + k]);
    return 16 + size;
}

std::string bytes_of(const fs::path& path) {
    return test::read_all(path.string());
}

void overwrite(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Every key of `entries` is either missing or found with exactly its value.
void expect_never_wrong(const std::string& git, const std::map<std::string, std::string>& entries,
                        const std::string& what) {
    const CacheTable table(git, "changes", "notation: default");
    for (const auto& [key, value] : entries) {
        const std::optional<std::string> found = table.find(key);
        if (found) {
            EXPECT_EQ(*found, value) << what;
        }
    }
}

TEST(CacheValues, ReadBackWhatWasWrittenAndStopAtTheFirstThingThatDoesNotFit) {
    const std::string bytes =
        CacheWriter().number(0).number(127).number(128).number(~0ULL).text("añb").flag(true).take();
    CacheReader in(bytes);
    EXPECT_EQ(in.number(), 0U);
    EXPECT_EQ(in.number(), 127U);
    EXPECT_EQ(in.number(), 128U);
    EXPECT_EQ(in.number(), ~0ULL);
    EXPECT_EQ(in.text(), "añb");
    EXPECT_TRUE(in.flag());
    EXPECT_TRUE(in.complete());

    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
        CacheReader part(std::string_view(bytes).substr(0, cut));
        part.number(), part.number(), part.number(), part.number(), part.text(), part.flag();
        EXPECT_FALSE(part.complete()) << "cut at " << cut;
    }
    // A length past the end, and a number that never ends.
    const std::string long_bytes = CacheWriter().number(1000).take() + "abc";
    CacheReader long_text(long_bytes);
    EXPECT_EQ(long_text.text(), "");
    EXPECT_FALSE(long_text.ok());
    const std::string endless_bytes(20, '\xff');
    CacheReader endless(endless_bytes);
    endless.number();
    EXPECT_FALSE(endless.ok());
}

TEST(CacheTable, WhatOneRunSavesTheNextFinds) {
    TempDir dir;
    const std::string git = git_dir(dir);
    const auto entries = sample_entries();
    {
        CacheTable table(git, "changes", "notation: default");
        for (const auto& [key, value] : entries) {
            EXPECT_FALSE(table.find(key));
            table.put(key, value);
            EXPECT_EQ(table.find(key), value);  // this run's own entries too
        }
        EXPECT_TRUE(table.save());
        EXPECT_EQ(files_of(table).size(), 1U);
    }
    const CacheTable again(git, "changes", "notation: default");
    for (const auto& [key, value] : entries) EXPECT_EQ(again.find(key), value);
    EXPECT_EQ(again.hits(), entries.size());
    EXPECT_FALSE(again.find("absent"));
    EXPECT_EQ(again.misses(), 1U);
}

// A long walk saves in the middle of its run: what it saved is found again
// in the same run, beside what pending entries and the files found at the
// start hold, and what none holds is a miss (the run's own files are passed
// over for keys it never put).
TEST(CacheTable, ARunFindsWhatItSavedWhatItHoldsAndWhatItFoundAtTheStart) {
    TempDir dir;
    const std::string git = git_dir(dir);
    {
        CacheTable earlier(git, "commits", "walk");
        earlier.put("found at the start", "earlier run");
        ASSERT_TRUE(earlier.save());
    }
    CacheTable table(git, "commits", "walk");
    for (int k = 0; k < 3000; ++k) {
        const std::string key = "commit " + std::to_string(k);
        EXPECT_FALSE(table.find(key)) << key;
        table.put(key, "record " + std::to_string(k));
        if (k % 1000 == 999) {
            ASSERT_TRUE(table.save());  // three files saved by this run
        }
    }
    table.put("still pending", "pending");
    for (int k = 0; k < 3000; ++k)
        EXPECT_EQ(table.find("commit " + std::to_string(k)), "record " + std::to_string(k));
    EXPECT_EQ(table.find("still pending"), "pending");
    EXPECT_EQ(table.find("found at the start"), "earlier run");
    for (int k = 3000; k < 6000; ++k) EXPECT_FALSE(table.find("commit " + std::to_string(k)));
}

TEST(CacheTable, AnswersForOtherOptionsOrAnotherTableAreNotRead) {
    TempDir dir;
    const std::string git = git_dir(dir);
    {
        CacheTable table(git, "changes", "notation: default");
        table.put("key", "value under the default notation");
        ASSERT_TRUE(table.save());
    }
    EXPECT_FALSE(CacheTable(git, "changes", "notation: slash-options any").find("key"));
    EXPECT_FALSE(CacheTable(git, "summaries", "notation: default").find("key"));
    EXPECT_TRUE(CacheTable(git, "changes", "notation: default").find("key"));

    // A file of the other options copied into this table's directory is
    // refused by the fingerprint it carries, not only by where it lies.
    CacheTable other(git, "changes", "notation: slash-options any");
    other.put("key", "value under another notation");
    ASSERT_TRUE(other.save());
    const CacheTable mine(git, "changes", "notation: default");
    for (const fs::path& file : files_of(other))
        fs::copy_file(file, fs::path(mine.directory()) / ("copied-" + file.filename().string()));
    EXPECT_EQ(CacheTable(git, "changes", "notation: default").find("key"),
              "value under the default notation");
}

TEST(CacheTable, EveryFlippedByteAndEveryTruncationGivesMissesNeverWrongAnswers) {
    TempDir dir;
    const std::string git = git_dir(dir);
    const auto entries = sample_entries();
    CacheTable table(git, "changes", "notation: default");
    for (const auto& [key, value] : entries) table.put(key, value);
    ASSERT_TRUE(table.save());
    const std::vector<fs::path> files = files_of(table);
    ASSERT_EQ(files.size(), 1U);
    const std::string good = bytes_of(files.front());

    std::size_t missed = 0;
    for (std::size_t at = 0; at < good.size(); ++at) {
        std::string bad = good;
        bad[at] = static_cast<char>(bad[at] ^ 0x5A);
        overwrite(files.front(), bad);
        expect_never_wrong(git, entries, "byte " + std::to_string(at) + " flipped");
        const CacheTable read(git, "changes", "notation: default");
        for (const auto& [key, value] : entries) missed += read.find(key) ? 0 : 1;
    }
    EXPECT_GE(missed, good.size());  // each flipped byte costs at least one entry
    for (std::size_t size = 0; size < good.size(); ++size) {
        overwrite(files.front(), good.substr(0, size));
        expect_never_wrong(git, entries, "truncated to " + std::to_string(size));
    }
    // Garbage of every small size, and a huge count in a valid-looking header.
    for (std::size_t size = 0; size < 128; ++size) {
        overwrite(files.front(), std::string(size, static_cast<char>(0xff)));
        expect_never_wrong(git, entries, "garbage of " + std::to_string(size));
    }
    std::string huge_count = good;
    for (std::size_t k = 0; k < 8; ++k) huge_count[count_offset(good) + k] = '\xff';
    overwrite(files.front(), huge_count);
    expect_never_wrong(git, entries, "huge count");

    // Put back whole, the entries are found again.
    overwrite(files.front(), good);
    const CacheTable healed(git, "changes", "notation: default");
    for (const auto& [key, value] : entries) EXPECT_EQ(healed.find(key), value);
}

TEST(CacheTable, DeletingItAtAnyTimeOnlyCostsTheAnswersAgain) {
    TempDir dir;
    const std::string git = git_dir(dir);
    CacheTable table(git, "changes", "notation: default");
    table.put("key", "value");
    ASSERT_TRUE(table.save());
    fs::remove_all(git + "/accord");
    EXPECT_FALSE(CacheTable(git, "changes", "notation: default").find("key"));
    // The table opened before the deletion still answers from its mapping,
    // and saving again recreates the directories.
    EXPECT_EQ(table.find("key"), "value");
    table.put("other", "value 2");
    EXPECT_TRUE(table.save());
    EXPECT_EQ(CacheTable(git, "changes", "notation: default").find("other"), "value 2");
}

TEST(CacheTable, ManyRunsAreMergedIntoFewFilesKeepingEveryEntry) {
    TempDir dir;
    const std::string git = git_dir(dir);
    for (int run = 0; run < 20; ++run) {
        CacheTable table(git, "changes", "notation: default");
        table.put("key " + std::to_string(run), "value " + std::to_string(run));
        ASSERT_TRUE(table.save());
        EXPECT_LE(files_of(table).size(), 9U);
    }
    const CacheTable table(git, "changes", "notation: default");
    for (int run = 0; run < 20; ++run)
        EXPECT_EQ(table.find("key " + std::to_string(run)), "value " + std::to_string(run));
}

TEST(CacheTable, LinksAreNeitherReadNorWrittenThrough) {
    TempDir dir;
    const std::string git = git_dir(dir);
    TempDir outside;
    // A valid table made elsewhere...
    const std::string elsewhere = outside.file("git");
    fs::create_directories(elsewhere);
    CacheTable made(elsewhere, "changes", "notation: default");
    made.put("key", "planted");
    ASSERT_TRUE(made.save());

    // ...reached through a link to the whole cache directory: not read, and
    // saving does not write into the link's target.
    fs::create_directories(git + "/accord");
    fs::create_directory_symlink(elsewhere + "/accord/cache", git + "/accord/cache");
    {
        CacheTable table(git, "changes", "notation: default");
        EXPECT_FALSE(table.find("key"));
        table.put("mine", "value");
        EXPECT_FALSE(table.save());
    }
    EXPECT_EQ(files_of(made).size(), 1U);
    fs::remove(git + "/accord/cache");

    // ...and a link to one of its files, inside a real table directory.
    CacheTable table(git, "changes", "notation: default");
    table.put("mine", "value");
    ASSERT_TRUE(table.save());
    fs::create_symlink(files_of(made).front(), fs::path(table.directory()) / "planted.cache");
    const CacheTable read(git, "changes", "notation: default");
    EXPECT_FALSE(read.find("key"));
    EXPECT_EQ(read.find("mine"), "value");
}

// A FIFO (or any file that is not a regular one) among a table's files is
// passed over: opening one to read would wait for a writer for ever.
TEST(CacheTable, AFifoAmongItsFilesIsPassedOverWithoutWaiting) {
    TempDir dir;
    const std::string git = git_dir(dir);
    {
        CacheTable table(git, "changes", "notation: default");
        table.put("mine", "value");
        ASSERT_TRUE(table.save());
    }
    const CacheTable probe(git, "changes", "notation: default");
    const std::vector<fs::path> files = files_of(probe);
    ASSERT_EQ(files.size(), 1U);
    ASSERT_EQ(::mkfifo((fs::path(probe.directory()) / "planted.cache").c_str(), 0644), 0);
    const CacheTable read(git, "changes", "notation: default");
    EXPECT_EQ(read.find("mine"), "value");
    EXPECT_FALSE(read.find("other"));
    fs::remove(files.front());
    ASSERT_EQ(::mkfifo(files.front().c_str(), 0644), 0);
    const CacheTable only_fifos(git, "changes", "notation: default");
    EXPECT_FALSE(only_fifos.find("mine"));
}

}  // namespace
}  // namespace accord
