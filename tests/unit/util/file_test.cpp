// core/util/file: writes that never go through a link, temporary files under
// fresh names that never outlive a failure, reads that refuse links below a
// work tree, and -o targets that are written into rather than replaced.
#include "core/util/file.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "support/paths.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

std::vector<std::string> names_in(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

TEST(WriteFileAtomically, WritesAndKeepsPermissionsAndLeavesNoTemporaryFile) {
    TempDir tmp;
    const std::string path = tmp.write("hook", "old\n");
    fs::permissions(path, fs::perms::owner_all);
    EXPECT_EQ(write_file_atomically(path, "new\n"), "");
    EXPECT_EQ(test::read_all(path), "new\n");
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::all, fs::perms::owner_all);
    EXPECT_EQ(names_in(tmp.path()), std::vector<std::string>{"hook"});
}

TEST(WriteFileAtomically, ALinkAtTheOldTemporaryNameIsNeverWrittenThrough) {
    TempDir tmp;
    const std::string victim = tmp.write("victim", "secret\n");
    fs::create_directories(tmp.file("tree"));
    fs::create_symlink(victim, tmp.file("tree/f.md.accord-tmp"));
    EXPECT_EQ(write_file_atomically(tmp.file("tree/f.md"), "text\n", {tmp.file("tree"), false}),
              "");
    EXPECT_EQ(test::read_all(victim), "secret\n");
    EXPECT_EQ(test::read_all(tmp.file("tree/f.md")), "text\n");
    EXPECT_EQ(names_in(tmp.file("tree")), (std::vector<std::string>{"f.md", "f.md.accord-tmp"}));
}

TEST(WriteFileAtomically, RefusesALinkTargetAndLeavesItAsItIs) {
    TempDir tmp;
    const std::string victim = tmp.write("victim", "secret\n");
    fs::create_symlink(victim, tmp.file("f.md"));
    const std::string error = write_file_atomically(tmp.file("f.md"), "text\n");
    EXPECT_NE(error.find("is a symbolic link"), std::string::npos) << error;
    EXPECT_TRUE(fs::is_symlink(fs::symlink_status(tmp.file("f.md"))));
    EXPECT_EQ(test::read_all(victim), "secret\n");
    EXPECT_EQ(names_in(tmp.path()), (std::vector<std::string>{"f.md", "victim"}));
}

TEST(WriteFileAtomically, WithinAWorkTreeALinkedDirectoryIsRefused) {
    TempDir tmp;
    fs::create_directories(tmp.file("outside"));
    fs::create_directories(tmp.file("tree"));
    fs::create_symlink(tmp.file("outside"), tmp.file("tree/recs"));
    WriteOptions options;
    options.within = tmp.file("tree");
    options.create_directories = true;
    const std::string error = write_file_atomically(tmp.file("tree/recs/A-1.md"), "x\n", options);
    EXPECT_NE(error.find("symbolic link"), std::string::npos) << error;
    EXPECT_TRUE(fs::is_empty(tmp.file("outside")));
    // A real directory is made when missing.
    EXPECT_EQ(write_file_atomically(tmp.file("tree/new/deep/B.md"), "y\n", options), "");
    EXPECT_EQ(test::read_all(tmp.file("tree/new/deep/B.md")), "y\n");
}

TEST(WriteFileAtomically, RefusesPathsThatClimbOutOfTheWorkTree) {
    TempDir tmp;
    fs::create_directories(tmp.file("tree"));
    const std::string error =
        write_file_atomically(tmp.file("tree/../escaped.md"), "x\n", {tmp.file("tree"), false});
    EXPECT_NE(error, "");
    EXPECT_FALSE(fs::exists(tmp.file("escaped.md")));
}

TEST(WriteFileAtomically, ADirectoryInTheWayIsAnErrorAndNothingIsLeft) {
    TempDir tmp;
    fs::create_directories(tmp.file("f.md"));
    EXPECT_NE(write_file_atomically(tmp.file("f.md"), "x\n"), "");
    EXPECT_EQ(names_in(tmp.path()), std::vector<std::string>{"f.md"});
}

TEST(ReadFileWithin, RefusesLinksAndLinkedDirectories) {
    TempDir tmp;
    const std::string victim = tmp.write("victim", "secret\n");
    tmp.write("tree/real/a.md", "text\n");
    fs::create_symlink(victim, tmp.file("tree/pw.md"));
    fs::create_symlink(tmp.path(), tmp.file("tree/up"));
    EXPECT_EQ(read_file_within(tmp.file("tree"), "real/a.md").contents.value_or(""), "text\n");
    const FileResult link = read_file_within(tmp.file("tree"), "pw.md");
    EXPECT_FALSE(link.contents);
    EXPECT_EQ(link.problem, FileProblem::link);
    const FileResult below = read_file_within(tmp.file("tree"), "up/victim");
    EXPECT_FALSE(below.contents);
    EXPECT_EQ(below.problem, FileProblem::link);
    EXPECT_EQ(read_file_within(tmp.file("tree"), "missing.md").problem, FileProblem::missing);
    EXPECT_EQ(read_file_within(tmp.file("tree"), "../victim").problem, FileProblem::other);
    EXPECT_TRUE(is_link_within(tmp.file("tree"), "pw.md"));
    EXPECT_TRUE(is_link_within(tmp.file("tree"), "up/victim"));
    EXPECT_FALSE(is_link_within(tmp.file("tree"), "real/a.md"));
}

TEST(ReadFileWithin, AFifoIsNotReadAndDoesNotBlock) {
    TempDir tmp;
    fs::create_directories(tmp.file("tree"));
    ASSERT_EQ(::mkfifo(tmp.file("tree/pipe.md").c_str(), 0600), 0);
    EXPECT_EQ(read_file_within(tmp.file("tree"), "pipe.md").problem, FileProblem::not_regular);
}

// A document the user names is read through a link they chose, but only
// when it ends at a regular file: a FIFO is refused at once (a blocking
// open would wait forever for a writer), a device before a byte is read.
TEST(ReadRegularFile, ReadsRegularFilesThroughLinksAndRefusesTheRestAtOnce) {
    TempDir tmp;
    const std::string real = tmp.write("real.docx", "PK bytes");
    ASSERT_EQ(::symlink(real.c_str(), tmp.file("link.docx").c_str()), 0);
    const FileResult through_link = read_regular_file(tmp.file("link.docx"), "document");
    ASSERT_TRUE(through_link.contents) << through_link.error;
    EXPECT_EQ(*through_link.contents, "PK bytes");

    ASSERT_EQ(::mkfifo(tmp.file("pipe.docx").c_str(), 0600), 0);
    const FileResult fifo = read_regular_file(tmp.file("pipe.docx"), "document");
    EXPECT_FALSE(fifo.contents);
    EXPECT_EQ(fifo.problem, FileProblem::not_regular);
    EXPECT_EQ(fifo.error, tmp.file("pipe.docx") +
                              ": is a FIFO (a named pipe), not a regular file; name the document "
                              "itself");

    ASSERT_EQ(::symlink("/dev/zero", tmp.file("zero.docx").c_str()), 0);
    const FileResult device = read_regular_file(tmp.file("zero.docx"), "document");
    EXPECT_FALSE(device.contents);
    EXPECT_EQ(device.problem, FileProblem::not_regular);
    EXPECT_NE(device.error.find("zero.docx: is a device, not a regular file"), std::string::npos)
        << device.error;

    const FileResult directory = read_regular_file(tmp.path(), "document");
    EXPECT_EQ(directory.problem, FileProblem::not_regular);
    EXPECT_EQ(read_regular_file(tmp.file("missing.docx"), "document").problem,
              FileProblem::missing);
}

TEST(RemoveFileWithin, RemovesALinkNotItsTarget) {
    TempDir tmp;
    const std::string victim = tmp.write("victim", "secret\n");
    fs::create_directories(tmp.file("tree"));
    fs::create_symlink(tmp.path(), tmp.file("tree/up"));
    EXPECT_NE(remove_file_within(tmp.file("tree"), "up/victim"), "");
    EXPECT_TRUE(fs::exists(victim));
    EXPECT_EQ(remove_file_within(tmp.file("tree"), "up"), "");
    EXPECT_FALSE(fs::exists(fs::symlink_status(tmp.file("tree/up"))));
    EXPECT_TRUE(fs::exists(victim));
    EXPECT_EQ(remove_file_within(tmp.file("tree"), "never-there.md"), "");
}

TEST(WriteOutput, ADeviceIsWrittenIntoNotReplaced) {
    // /dev/full: a character device every Linux has, which refuses writes.
    // Replacing it would need root and would break the machine; writing into
    // it must fail with its own error and leave it a device.
    struct stat before {};
    ASSERT_EQ(::lstat("/dev/full", &before), 0);
    ASSERT_TRUE(S_ISCHR(before.st_mode));
    const std::string error = write_output("/dev/full", "text\n");
    EXPECT_NE(error.find("No space left on device"), std::string::npos) << error;
    struct stat after {};
    ASSERT_EQ(::lstat("/dev/full", &after), 0);
    EXPECT_TRUE(S_ISCHR(after.st_mode));
    EXPECT_EQ(write_output("/dev/null", "text\n"), "");
    ASSERT_EQ(::lstat("/dev/null", &after), 0);
    EXPECT_TRUE(S_ISCHR(after.st_mode));
}

// -o inside a repository never goes through a link the repository may have
// brought, as the final name or as a directory on the way; a link outside
// it (the user's own) is followed.
TEST(WriteOutput, ALinkInsideTheRepositoryIsRefusedAnywhereOnThePath) {
    TempDir tmp;
    fs::create_directories(tmp.file("repo/docs"));
    fs::create_directories(tmp.file("victim"));
    tmp.write("victim/target.html", "precious\n");
    fs::create_directory_symlink(tmp.file("victim"), tmp.file("repo/out"));
    fs::create_directory_symlink(tmp.file("victim"), tmp.file("repo/docs/deeper"));
    fs::create_symlink(tmp.file("victim/target.html"), tmp.file("repo/page.html"));
    OutputOptions options;
    options.refuse_links_below = tmp.file("repo");
    for (const std::string& path :
         {tmp.file("repo/out/target.html"), tmp.file("repo/out/new.svg"),
          tmp.file("repo/docs/deeper/target.html"), tmp.file("repo/docs/../out/target.html"),
          tmp.file("repo/page.html")}) {
        const std::string error = write_output(path, "<html>\n", options);
        EXPECT_NE(error.find("symbolic link inside the repository"), std::string::npos)
            << path << ": " << error;
    }
    EXPECT_EQ(test::read_all(tmp.file("victim/target.html")), "precious\n");
    EXPECT_EQ(names_in(tmp.file("victim")), (std::vector<std::string>{"target.html"}));
    // The user's link to the repository's folder, and a plain new file.
    fs::create_directory_symlink(tmp.file("repo/docs"), tmp.file("mine"));
    EXPECT_EQ(write_output(tmp.file("mine/report.html"), "ok\n", options), "");
    EXPECT_EQ(test::read_all(tmp.file("repo/docs/report.html")), "ok\n");
}

// Output given in pieces (a compilation's page, a text at a time) is the
// pieces in order; a producer that fails leaves neither the file nor a
// temporary, and an old file stays as it was.
TEST(WriteOutput, PiecesAreWrittenInOrderAndAFailingProducerLeavesNothing) {
    TempDir tmp;
    const std::string big(100'000, 'x');  // more than one buffered write
    const ContentProducer pieces = [&](const PieceSink& write) {
        write("<html>");
        for (int k = 0; k < 3; ++k) write(big), write(std::to_string(k));
        write("</html>\n");
    };
    const std::string path = tmp.file("page.html");
    EXPECT_EQ(write_output(path, pieces), "");
    EXPECT_EQ(test::read_all(path), "<html>" + big + "0" + big + "1" + big + "2" + "</html>\n");

    tmp.write("old.html", "old\n");
    const ContentProducer failing = [&](const PieceSink& write) {
        write(big);
        throw std::runtime_error("rendering failed");
    };
    EXPECT_THROW(write_output(tmp.file("old.html"), failing), std::runtime_error);
    EXPECT_THROW(write_output(tmp.file("new.html"), failing), std::runtime_error);
    EXPECT_EQ(test::read_all(tmp.file("old.html")), "old\n");
    EXPECT_EQ(names_in(tmp.path()), (std::vector<std::string>{"old.html", "page.html"}));

    const std::string error = write_output("/dev/full", pieces);
    EXPECT_NE(error.find("No space left on device"), std::string::npos) << error;
}

TEST(WriteOutput, LinksInsideTheRepositoryAreRefusedOthersWrittenThrough) {
    TempDir tmp;
    const std::string target = tmp.write("target.md", "old\n");
    fs::create_directories(tmp.file("repo"));
    fs::create_symlink(target, tmp.file("repo/out.md"));
    fs::create_symlink(target, tmp.file("mine.md"));
    OutputOptions options;
    options.refuse_links_below = tmp.file("repo");
    EXPECT_NE(write_output(tmp.file("repo/out.md"), "x\n", options), "");
    EXPECT_EQ(test::read_all(target), "old\n");
    EXPECT_EQ(write_output(tmp.file("mine.md"), "new\n", options), "");
    EXPECT_EQ(test::read_all(target), "new\n");
    EXPECT_TRUE(fs::is_symlink(fs::symlink_status(tmp.file("mine.md"))));
    EXPECT_EQ(write_output(tmp.file("plain.md"), "plain\n", options), "");
    EXPECT_EQ(test::read_all(tmp.file("plain.md")), "plain\n");
}

TEST(WorkTreeAround, FindsTheTopByItsGitEntry) {
    TempDir tmp;
    fs::create_directories(tmp.file("repo/.git"));
    fs::create_directories(tmp.file("repo/a/b"));
    EXPECT_EQ(work_tree_around(tmp.file("repo/a/b")).value_or(""),
              fs::path(tmp.file("repo")).string() + "/");
    EXPECT_EQ(work_tree_around(tmp.file("repo/a/b/file.md")).value_or(""),
              fs::path(tmp.file("repo")).string() + "/");
}

TEST(LeftoverTemporaries, OnlyAccordsTemporaryFilesBesideTheNamedOneAreRemoved) {
    TempDir tmp;
    tmp.write("tree/a.md", "text\n");
    const std::string left = temporary_name("a.md");
    EXPECT_TRUE(is_temporary_name_of(left, "a.md"));
    EXPECT_FALSE(is_temporary_name_of(left, "b.md"));
    tmp.write("tree/" + left, "half written");
    tmp.write("tree/.a.md.accord-notrandomhexdigit", "someone's file\n");
    tmp.write("tree/" + temporary_name("b.md"), "another file's\n");
    const std::string victim = tmp.write("victim", "secret\n");
    const std::string linked = temporary_name("a.md");
    fs::create_symlink(victim, tmp.file("tree/" + linked));

    EXPECT_EQ(remove_leftover_temporaries(tmp.file("tree/"), "a.md"), 1);
    const std::vector<std::string> names = names_in(tmp.file("tree"));
    EXPECT_EQ(std::count(names.begin(), names.end(), left), 0);
    EXPECT_EQ(names.size(), 4u);  // a.md, the look-alike, b.md's, the link
    EXPECT_EQ(test::read_all(victim), "secret\n");
}

// The writing end of a pipe whose reader closed is gone; one still read,
// a file and /dev/null are not.
TEST(OutputReaderGone, APipeWhoseReaderClosed) {
    int ends[2];
    ASSERT_EQ(::pipe(ends), 0);
    EXPECT_FALSE(output_reader_gone(ends[1]));
    ::close(ends[0]);
    EXPECT_TRUE(output_reader_gone(ends[1]));
    ::close(ends[1]);
    const test::TempDir dir;
    const std::string path = dir.write("out.txt", "");
    const int file = ::open(path.c_str(), O_WRONLY);
    ASSERT_GE(file, 0);
    EXPECT_FALSE(output_reader_gone(file));
    ::close(file);
    const int null = ::open("/dev/null", O_WRONLY);
    ASSERT_GE(null, 0);
    EXPECT_FALSE(output_reader_gone(null));
    ::close(null);
}

// links_within gives, in one pass over the directories, what is_link_within
// gives path by path: links, texts below a linked directory, and not the
// regular files, missing ones, files under a file, or paths that climb out.
TEST(LinksWithin, WhatIsLinkWithinFindsPathByPath) {
    namespace fs = std::filesystem;
    const test::TempDir dir;
    const test::TempDir outside;
    outside.write("x.md", "outside\n");
    dir.write("a/one.md", "1\n");
    dir.write("a/b/two.md", "2\n");
    dir.write("c/three.md", "3\n");
    dir.write("plain.md", "p\n");
    fs::create_symlink(outside.path() + "/x.md", dir.path() + "/a/linked.md");
    fs::create_symlink(outside.path(), dir.path() + "/a/b/dirlink");
    fs::create_symlink(outside.path(), dir.path() + "/d");
    const std::vector<std::string> paths = {
        "plain.md",     "a/one.md",    "a/linked.md", "a/b/two.md",   "a/b/dirlink/x.md",
        "d/x.md",       "d/y/z.md",    "c/three.md",  "c/missing.md", "plain.md/under.md",
        "../escape.md", "a/b/dirlink", "zz/top.md",   "a/b/c/d/e.md"};
    std::vector<std::string> expected;
    for (const std::string& path : paths)
        if (is_link_within(dir.path(), path)) expected.push_back(path);
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(expected, (std::vector<std::string>{"a/b/dirlink", "a/b/dirlink/x.md", "a/linked.md",
                                                  "d/x.md", "d/y/z.md"}));
    EXPECT_EQ(links_within(dir.path(), paths), expected);
    EXPECT_TRUE(links_within(dir.path() + "/nowhere", paths).empty());
}

// A directory as a clone may hold it: a file, a link to one, a FIFO, an
// empty file and a directory, each named as if it were what is looked for.
TEST(MappedFile, MapsRegularFilesOnlyAndListsNamesBySuffix) {
    TempDir dir;
    const std::string root = dir.path();
    std::ofstream(root + "/a.idx") << "index bytes";
    std::ofstream(root + "/empty.idx");
    std::filesystem::create_symlink(root + "/a.idx", root + "/link.idx");
    ASSERT_EQ(::mkfifo((root + "/fifo.idx").c_str(), 0600), 0);
    std::filesystem::create_directory(root + "/dir.idx");
    std::ofstream(root + "/a.pack") << "pack";
    std::ofstream(root + "/.idx") << "no name before the suffix";
    const int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(names_ending_in(fd, ".idx"),
              (std::vector<std::string>{"a.idx", "dir.idx", "empty.idx", "fifo.idx", "link.idx"}));
    const std::unique_ptr<MappedFile> mapped = MappedFile::open(fd, "a.idx");
    ASSERT_TRUE(mapped);
    EXPECT_EQ(mapped->bytes(), "index bytes");
    for (const std::string name : {"empty.idx", "link.idx", "fifo.idx", "dir.idx", "none.idx"})
        EXPECT_FALSE(MappedFile::open(fd, name)) << name;
    const int regular = open_regular_file(fd, "a.pack");
    EXPECT_GE(regular, 0);
    if (regular >= 0) ::close(regular);
    EXPECT_EQ(open_regular_file(fd, "link.idx"), -1);
    EXPECT_EQ(open_regular_file(fd, "fifo.idx"), -1);  // without waiting for a writer
    ::close(fd);
}

}  // namespace
}  // namespace accord
