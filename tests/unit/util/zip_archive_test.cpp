// core/util/zip_archive: archives written in order and read back within hard
// limits; every way an archive can be wrong or lie gets its own error.
#include "core/util/zip_archive.hpp"

#include <gtest/gtest.h>

#include "support/paths.hpp"
#include "support/zip_bytes.hpp"

namespace accord {
namespace {

std::string archive_of(const std::vector<std::pair<std::string, std::string>>& entries) {
    zip::Writer writer;
    for (const auto& [name, bytes] : entries) writer.add(name, bytes);
    zip::Writer::Result result = writer.finish();
    EXPECT_FALSE(result.error) << result.error.message;
    return result.bytes;
}

zip::OpenResult open(std::string bytes, const zip::ReadLimits& limits = {}) {
    return zip::open_memory(std::move(bytes), "test.zip", limits);
}

bool mentions(const zip::Error& error, std::string_view text) {
    return error.message.find(text) != std::string::npos;
}

TEST(ZipArchive, WritesEntriesInOrderAndReadsThemBack) {
    std::string binary;
    for (int i = 0; i < 256; ++i) binary += static_cast<char>(i);
    const std::string text(100000, 'x');
    const std::string bytes = archive_of({{"[Content_Types].xml", "<Types/>"},
                                          {"word/document.xml", text},
                                          {"empty", ""},
                                          {"Résumé/ü.bin", binary}});
    EXPECT_LT(bytes.size(), text.size() / 10) << "entries are deflated";
    EXPECT_EQ(bytes, archive_of({{"[Content_Types].xml", "<Types/>"},
                                 {"word/document.xml", text},
                                 {"empty", ""},
                                 {"Résumé/ü.bin", binary}}))
        << "the same entries give the same bytes";

    zip::OpenResult opened = open(bytes);
    ASSERT_TRUE(opened.archive) << opened.error.message;
    zip::Archive& archive = *opened.archive;
    ASSERT_EQ(archive.entries().size(), 4u);
    EXPECT_EQ(archive.entries()[0].name, "[Content_Types].xml");
    EXPECT_EQ(archive.entries()[1].name, "word/document.xml");
    EXPECT_EQ(archive.entries()[1].size, text.size());
    EXPECT_EQ(archive.entries()[3].name, "Résumé/ü.bin");
    EXPECT_EQ(archive.read("word/document.xml").bytes, text);
    EXPECT_EQ(archive.read("Résumé/ü.bin").bytes, binary);
    const zip::ReadResult empty = archive.read("empty");
    EXPECT_TRUE(empty.ok());
    EXPECT_EQ(empty.bytes, "");
    EXPECT_EQ(archive.total_read(), text.size() + binary.size());
    EXPECT_EQ(archive.find("nothing"), nullptr);

    const zip::ReadResult missing = archive.read("word/missing.xml");
    EXPECT_EQ(missing.error.kind, zip::ErrorKind::missing_entry);
    EXPECT_TRUE(mentions(missing.error, "test.zip: has no entry word/missing.xml"))
        << missing.error.message;
}

TEST(ZipArchive, AnArchiveWithNoEntriesIsStillAnArchive) {
    zip::OpenResult opened = open(archive_of({}));
    ASSERT_TRUE(opened.archive) << opened.error.message;
    EXPECT_TRUE(opened.archive->entries().empty());
}

TEST(ZipArchive, ReadsFromAFileAndNamesAMissingOne) {
    test::TempDir tmp;
    const std::string path = tmp.write("a.zip", archive_of({{"a.txt", "hello"}}));
    zip::OpenResult opened = zip::open_file(path);
    ASSERT_TRUE(opened.archive) << opened.error.message;
    EXPECT_EQ(opened.archive->read("a.txt").bytes, "hello");

    const zip::OpenResult missing = zip::open_file(tmp.file("none.zip"));
    EXPECT_EQ(missing.error.kind, zip::ErrorKind::io);
    EXPECT_TRUE(mentions(missing.error, "none.zip: No such file")) << missing.error.message;
}

TEST(ZipArchive, NotAZipAndTruncatedAreToldApart) {
    for (const std::string& bytes : {std::string(), std::string("hello, world"),
                                     std::string(2000, '\0'), std::string("\xD0\xCF\x11\xE0")}) {
        const zip::OpenResult opened = open(bytes);
        EXPECT_EQ(opened.error.kind, zip::ErrorKind::not_a_zip) << opened.error.message;
        EXPECT_TRUE(mentions(opened.error, "not a zip archive")) << opened.error.message;
    }
    const std::string whole = archive_of({{"a.xml", std::string(5000, 'a')}, {"b.xml", "b"}});
    for (std::size_t keep : {whole.size() / 2, whole.size() - 10, std::size_t{30}}) {
        const zip::OpenResult opened = open(whole.substr(0, keep));
        EXPECT_EQ(opened.error.kind, zip::ErrorKind::truncated)
            << "kept " << keep << ": " << opened.error.message;
        EXPECT_TRUE(mentions(opened.error, "truncated")) << opened.error.message;
    }
}

TEST(ZipArchive, AnEntryClaimingAHugeSizeIsRefusedBeforeReading) {
    std::string bytes = archive_of({{"word/document.xml", "<w:document/>"}});
    test::set_declared_size(bytes, "word/document.xml", 0xF0000000u);
    zip::OpenResult opened = open(bytes);
    ASSERT_TRUE(opened.archive) << opened.error.message;
    const zip::ReadResult read = opened.archive->read("word/document.xml");
    EXPECT_EQ(read.error.kind, zip::ErrorKind::entry_too_large);
    EXPECT_TRUE(mentions(read.error, "test.zip: word/document.xml: declares 4026531840 bytes"))
        << read.error.message;
    EXPECT_EQ(opened.archive->total_read(), 0u);
}

TEST(ZipArchive, AnEntryInflatingPastItsDeclaredSizeIsStoppedThere) {
    // 4 MB of text that declares 1000 bytes: reading stops at 1001.
    std::string bytes = archive_of({{"word/document.xml", std::string(4 << 20, 'a')}});
    test::set_declared_size(bytes, "word/document.xml", 1000);
    zip::OpenResult opened = open(bytes);
    ASSERT_TRUE(opened.archive) << opened.error.message;
    const zip::ReadResult read = opened.archive->read("word/document.xml");
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error.kind, zip::ErrorKind::entry_too_large) << read.error.message;
    EXPECT_TRUE(mentions(read.error, "inflates past its declared 1000 bytes"))
        << read.error.message;
    EXPECT_EQ(opened.archive->total_read(), 0u);
}

TEST(ZipArchive, AnEntryInflatingShortOfItsDeclaredSizeIsRefused) {
    std::string bytes = archive_of({{"a.xml", std::string(1000, 'a')}});
    test::set_declared_size(bytes, "a.xml", 5000);
    zip::OpenResult opened = open(bytes);
    ASSERT_TRUE(opened.archive) << opened.error.message;
    const zip::ReadResult read = opened.archive->read("a.xml");
    EXPECT_FALSE(read.ok());
    EXPECT_TRUE(read.error.kind == zip::ErrorKind::truncated ||
                read.error.kind == zip::ErrorKind::damaged)
        << read.error.message;
}

TEST(ZipArchive, ACompressionRatioOfAZipBombIsRefused) {
    const std::string zeros(40 << 20, '\0');  // deflates about a thousand times
    const std::string bytes = archive_of({{"bomb.xml", zeros}});
    zip::OpenResult opened = open(bytes);
    ASSERT_TRUE(opened.archive) << opened.error.message;
    const zip::ReadResult read = opened.archive->read("bomb.xml");
    EXPECT_EQ(read.error.kind, zip::ErrorKind::ratio_too_high);
    EXPECT_TRUE(mentions(read.error, "a zip bomb?")) << read.error.message;

    zip::ReadLimits generous;
    generous.max_ratio = 100000;
    zip::OpenResult again = open(bytes, generous);
    ASSERT_TRUE(again.archive);
    EXPECT_EQ(again.archive->read("bomb.xml").bytes.size(), zeros.size());
}

TEST(ZipArchive, LimitsOnEntriesSizesAndTotal) {
    const std::string bytes =
        archive_of({{"a", std::string(600, 'a')}, {"b", std::string(600, 'b')}, {"c", "c"}});
    zip::ReadLimits two_entries;
    two_entries.max_entries = 2;
    const zip::OpenResult too_many = open(bytes, two_entries);
    EXPECT_EQ(too_many.error.kind, zip::ErrorKind::too_many_entries);
    EXPECT_TRUE(mentions(too_many.error, "holds 3 entries, over the limit of 2"));

    zip::ReadLimits small_entries;
    small_entries.max_entry_size = 500;
    zip::OpenResult opened = open(bytes, small_entries);
    ASSERT_TRUE(opened.archive);
    EXPECT_EQ(opened.archive->read("a").error.kind, zip::ErrorKind::entry_too_large);
    EXPECT_TRUE(opened.archive->read("c").ok());

    zip::ReadLimits small_total;
    small_total.max_total_size = 1000;
    zip::OpenResult totals = open(bytes, small_total);
    ASSERT_TRUE(totals.archive);
    EXPECT_TRUE(totals.archive->read("a").ok());
    const zip::ReadResult second = totals.archive->read("b");
    EXPECT_EQ(second.error.kind, zip::ErrorKind::total_too_large);
    EXPECT_TRUE(mentions(second.error, "test.zip: b: reading it would take the archive past 1000"))
        << second.error.message;
}

TEST(ZipArchive, AnEncryptedEntryIsRefusedWithTheFix) {
    std::string bytes = archive_of({{"word/document.xml", "<w:document/>"}});
    test::set_encrypted_flag(bytes, "word/document.xml");
    zip::OpenResult opened = open(bytes);
    ASSERT_TRUE(opened.archive) << opened.error.message;
    EXPECT_TRUE(opened.archive->entries()[0].encrypted);
    const zip::ReadResult read = opened.archive->read("word/document.xml");
    EXPECT_EQ(read.error.kind, zip::ErrorKind::encrypted);
    EXPECT_TRUE(mentions(read.error, "without a password")) << read.error.message;
}

TEST(ZipArchive, TwoEntriesWithOneNameAreAmbiguous) {
    std::string bytes = archive_of({{"word/a.xml", "first"}, {"word/b.xml", "second"}});
    test::rename_entry(bytes, "word/b.xml", "word/a.xml");
    const zip::OpenResult opened = open(bytes);
    EXPECT_FALSE(opened.archive);
    EXPECT_EQ(opened.error.kind, zip::ErrorKind::duplicate_entry) << opened.error.message;
    EXPECT_TRUE(mentions(opened.error, "ambiguous")) << opened.error.message;
    EXPECT_TRUE(mentions(opened.error, "two entries are named word/a.xml")) << opened.error.message;
}

}  // namespace
}  // namespace accord
