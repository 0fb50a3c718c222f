// The real binary against what a clumsy user or a hostile file gives it:
// a stale lock, an import killed half-way, dates git cannot hold, UTF-16
// and binary files, and the clear words each of those deserves.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>

#include "support/repo_fixture.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

long dead_pid() {
    const pid_t child = fork();
    if (child == 0) _exit(0);
    int status = 0;
    waitpid(child, &status, 0);
    return child;
}

std::string host() {
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    return name;
}

struct Recorded : test::NegotiationRepo {
    Recorded() {
        write("a.md", "The Parties [shall] cooperate.\n");
        const test::RunResult r = accord({"propose", "accord.yaml", ".gitattributes", "a.md",
                                          "--by", "Japan", "--date", "2014-01-01"});
        if (r.exit_code != 0) ADD_FAILURE() << r.err;
    }
};

// A compilation document with one item, submitted by `who` on `day`.
std::string compilation(const std::string& who, const std::string& day) {
    return "Draft declaration\n\nGROUP A: Rights\n\n1. Draft recommendation submitted by " + who +
           " (" + day + ")\n\nAll human beings are born free and equal [in dignity and rights].\n";
}

// ---------------------------------------------------------------- a stale lock, a killed import

TEST(Hardening, AStaleLockIsTakenOverSayingSo) {
    Recorded repo;
    repo.write(".git/accord.lock", "pid " + std::to_string(dead_pid()) + "\nhost " + host() + "\n");
    repo.write("a.md", "The Parties [must] cooperate.\n");
    const auto started = std::chrono::steady_clock::now();
    const test::RunResult r =
        repo.accord({"propose", "a.md", "--by", "Sweden", "--date", "2014-01-02"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
    EXPECT_TRUE(contains(r.err, "took over the lock")) << r.err;
    EXPECT_TRUE(contains(r.err, "which is no longer running")) << r.err;
    EXPECT_FALSE(fs::exists(repo.path(".git/accord.lock")));
}

TEST(Hardening, WhatAKilledImportLeftIsRemovedByTheNextImport) {
    test::TempDir tmp;
    const std::string excerpt = test::source_dir() + "/examples/wgec-excerpt.txt";
    const test::RunOptions in_tmp = test::in(tmp.path());
    // Killed once the hidden repository is built, before it is moved into place.
    test::RunOptions killed = in_tmp;
    killed.environment.push_back("ACCORD_TEST_CRASH_AT=branch-moved");
    EXPECT_EQ(test::accord({"import", excerpt, "--into", "out"}, killed).exit_code, 128 + 9);
    std::vector<std::string> left;
    for (const fs::directory_entry& e : fs::directory_iterator(tmp.path()))
        left.push_back(e.path().filename().string());
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].rfind(".out.import-", 0), 0u) << left[0];
    // A leftover whose process still runs (this test) is not touched.
    fs::create_directories(tmp.file(".out.import-" + std::to_string(getpid())));

    const test::RunResult again = test::accord({"import", excerpt, "--into", "out"}, in_tmp);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(contains(again.err, "removed " + tmp.file(left[0]) + ", left by an import into " +
                                        tmp.file("out") + " that was interrupted"))
        << again.err;
    EXPECT_FALSE(fs::exists(tmp.file(left[0])));
    EXPECT_TRUE(fs::exists(tmp.file(".out.import-" + std::to_string(getpid()))));
    EXPECT_TRUE(fs::exists(tmp.file("out/agreed/C/04-nigeria.md")));
}

// ---------------------------------------------------------------- dates

TEST(Hardening, ADateBefore1970IsRefusedClearly) {
    Recorded repo;
    repo.write("a.md", "The Parties [must] cooperate.\n");
    const std::string before = repo.head();
    const test::RunResult r =
        repo.accord({"propose", "a.md", "--by", "Sweden", "--date", "1969-12-31", "--backdate"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(
        contains(r.err, "1969-12-31 is before 1970-01-01, the earliest date git can record"))
        << r.err;
    EXPECT_EQ(repo.head(), before);
}

TEST(Hardening, ADateAfter2106IsReadBackExactly) {
    Recorded repo;
    repo.write("a.md", "The Parties [must] cooperate.\n");
    // propose refuses a day in the future; a clock set wrong, or a commit
    // made with git, can still carry one, and it is read back as written.
    const test::RunResult refused =
        repo.accord({"propose", "a.md", "--by", "Sweden", "--date", "2200-03-01"});
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_TRUE(contains(refused.err, "2200-03-01 is after today anywhere")) << refused.err;
    const test::RunResult r =
        repo.git({"commit", "-q", "--no-verify", "-a", "--author", "Sweden <sweden@x>", "--date",
                  "@7263259200 +0000", "-m", "Proposal\n\nProposed-by: Sweden"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(repo.git({"log", "-1", "--format=%ad", "--date=short"}).out, "2200-03-01\n");
    EXPECT_TRUE(contains(repo.accord({"log"}).out, "2200-03-01  Sweden"));
    EXPECT_EQ(repo.accord({"show", "a.md", "--at", "2200-03-01"}).out,
              "The Parties [must] cooperate.\n");
    EXPECT_EQ(repo.accord({"show", "a.md", "--at", "2200-02-28"}).out,
              "The Parties [shall] cooperate.\n");
    const test::RunResult fsck = repo.git({"fsck", "--strict"});
    EXPECT_EQ(fsck.exit_code, 0) << fsck.err;
}

TEST(Hardening, ADocumentOf1948IsRefusedClearlyAndWritesNothing) {
    test::TempDir tmp;
    const std::string source = tmp.write("udhr.txt", compilation("France", "10 December 1948"));
    const test::RunResult r = test::accord({"import", source, "--into", tmp.file("udhr")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(
        contains(r.err, "1948-12-10 is before 1970-01-01, the earliest date git can record"))
        << r.err;
    EXPECT_TRUE(contains(r.err, "udhr.txt:5")) << r.err;
    EXPECT_FALSE(fs::exists(tmp.file("udhr")));
    EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()), 1);

    Recorded repo;
    const test::RunResult show = repo.accord({"show", "a.md", "--at", "1948-12-10"});
    EXPECT_EQ(show.exit_code, 2);
    EXPECT_TRUE(contains(show.err, "git records no date before 1970-01-01")) << show.err;
}

// ---------------------------------------------------------------- encodings

TEST(Hardening, AUtf16TextIsRecordedAsUtf8WithAWarning) {
    Recorded repo;
    const std::string text = "Les Parties [doivent] coop\xC3\xA9rer.\n";
    std::string utf16 = "\xFF\xFE";
    for (const char c : std::string("Les Parties [doivent] coop")) utf16 += std::string{c, '\0'};
    utf16 += std::string("\xE9\0", 2);
    for (const char c : std::string("rer.\n")) utf16 += std::string{c, '\0'};
    repo.write("b.md", utf16);
    const test::RunResult r =
        repo.accord({"propose", "b.md", "--by", "Sweden", "--date", "2014-01-02"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(
        contains(r.err, "b.md was saved in UTF-16 (little-endian); it is recorded as UTF-8"))
        << r.err;
    EXPECT_EQ(repo.show("HEAD:b.md"), text);
    EXPECT_EQ(repo.read("b.md"), text);
    EXPECT_EQ(repo.status(), "");
    EXPECT_TRUE(contains(repo.accord({"status"}).out, "b ")) << repo.accord({"status"}).out;
}

// Before propose records it, every command reads a UTF-16 text as propose
// will record it: status lists it, diff compares it, check checks it.
TEST(Hardening, AUtf16TextIsReadAsItWillBeRecordedBeforeItIsProposed) {
    Recorded repo;
    std::string utf16 = "\xFF\xFE";
    for (const char c : std::string("The Parties [must] cooperate.\n"))
        utf16 += std::string{c, '\0'};
    repo.write("a.md", utf16);
    const test::RunResult status = repo.accord({"status"});
    EXPECT_EQ(status.exit_code, 0) << status.err;
    EXPECT_TRUE(contains(status.out, "edited, not yet proposed")) << status.out;
    const test::RunResult diff = repo.accord({"diff", "--", "a.md"});
    EXPECT_EQ(diff.exit_code, 0) << diff.err;
    EXPECT_TRUE(contains(diff.out, "[-shall-]{+must+}")) << diff.out;
    const test::RunResult check = repo.accord({"check", "a.md"});
    EXPECT_EQ(check.exit_code, 0) << check.err;
    EXPECT_TRUE(
        contains(check.out, "a.md: note: saved in UTF-16 (little-endian); checked as UTF-8"))
        << check.out;
    EXPECT_TRUE(contains(check.out, "1 bracket,")) << check.out;
    EXPECT_TRUE(contains(check.out, "0 errors, 0 warnings")) << check.out;
}

// Lines ended by a carriage return alone (classic Mac OS) are lines: the
// file is not read as one paragraph, and propose records it with line feeds.
TEST(Hardening, CarriageReturnLineEndingsAreLines) {
    Recorded repo;
    repo.write("a.md", "The Parties [shall] cooperate.\r\rThey [report\ryearly].\r");
    const test::RunResult check = repo.accord({"check", "a.md"});
    EXPECT_EQ(check.exit_code, 0) << check.err;
    EXPECT_TRUE(contains(check.out,
                         "a.md: note: saved with carriage-return line endings; checked "
                         "with line feeds"))
        << check.out;
    EXPECT_TRUE(contains(check.out, "a.md: 2 paragraphs, 2 brackets")) << check.out;
    const test::RunResult diff = repo.accord({"diff", "--", "a.md"});
    EXPECT_TRUE(contains(diff.out, "paragraph-added")) << diff.out;
    EXPECT_FALSE(contains(diff.out, "\\x0d")) << diff.out;
    const test::RunResult r =
        repo.accord({"propose", "a.md", "--by", "Sweden", "--date", "2014-01-02"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.err,
                         "a.md was saved with carriage-return line endings; it is recorded "
                         "with line feeds"))
        << r.err;
    EXPECT_EQ(repo.show("HEAD:a.md"), "The Parties [shall] cooperate.\n\nThey [report\nyearly].\n");
    EXPECT_EQ(repo.read("a.md"), repo.show("HEAD:a.md"));
}

// A tracked text status cannot read is named, not left out in silence.
TEST(Hardening, StatusNamesATextItCannotRead) {
    Recorded repo;
    repo.write("b.md", std::string("PK\3\4\0\0binary", 12));
    repo.git({"add", "b.md"});
    ASSERT_EQ(repo.git({"commit", "-q", "--no-verify", "-m", "A binary text"}).exit_code, 0);
    const test::RunResult status = repo.accord({"status"});
    EXPECT_EQ(status.exit_code, 0) << status.err;
    EXPECT_TRUE(contains(status.out, "note: left out, not readable as text")) << status.out;
    EXPECT_TRUE(contains(status.out, "b.md")) << status.out;
    EXPECT_TRUE(contains(status.out, "a ")) << status.out;
    const test::RunResult json = repo.accord({"status", "--format", "json"});
    const std::size_t listed = json.out.find("\"not_texts\"");
    ASSERT_NE(listed, std::string::npos) << json.out;
    EXPECT_NE(json.out.find("\"b.md\"", listed), std::string::npos) << json.out;
}

// A text withdrawn in the work tree, not yet proposed: status says so, and
// diff names it without '--' though it no longer exists.
TEST(Hardening, ATextDeletedInTheWorkTreeIsNamed) {
    Recorded repo;
    fs::remove(repo.path("a.md"));
    const test::RunResult status = repo.accord({"status"});
    EXPECT_EQ(status.exit_code, 0) << status.err;
    EXPECT_TRUE(contains(status.out, "note: deleted in the work tree, not yet proposed: a.md"))
        << status.out;
    const test::RunResult diff = repo.accord({"diff", "a.md"});
    EXPECT_EQ(diff.exit_code, 0) << diff.err;
    EXPECT_TRUE(contains(diff.out, "paragraph-deleted")) << diff.out;
}

// A text too large to read is no deleted text: status and diff name it and
// why, where they called it deleted (a sparse file: nothing is written).
TEST(Hardening, ATextTooLargeToReadIsNotCalledDeleted) {
    Recorded repo;
    fs::resize_file(repo.path("a.md"), std::uintmax_t{129} << 20);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"status"}, {"diff", "a.md"}, {"diff"}}) {
        const test::RunResult r = repo.accord(args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.out;
        EXPECT_TRUE(contains(r.err, "a.md: larger than 128 MiB, more than accord reads"))
            << args[0] << ": " << r.err;
        EXPECT_FALSE(contains(r.out + r.err, "deleted")) << args[0] << ": " << r.out;
    }
}

// Texts are recorded as UTF-8: a file saved as Latin-1 is refused, naming
// the byte, its line and column, and how to save it; nothing is recorded.
TEST(Hardening, ATextSavedAsLatin1IsRefused) {
    Recorded repo;
    const std::string before = repo.head();
    repo.write("fr.md", "1. Les \xC9tats membres [devraient] renforcer la coop\xE9ration.\n");
    const test::RunResult check = repo.accord({"check", "fr.md"});
    EXPECT_EQ(check.exit_code, 1) << check.out;
    EXPECT_TRUE(contains(check.out, "fr.md:1:8: error[invalid-utf8]: the byte 0xC9 is not UTF-8"))
        << check.out;
    const test::RunResult r =
        repo.accord({"propose", "fr.md", "--by", "Sweden", "--date", "2014-01-02"});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_TRUE(contains(r.err, "fr.md:1:8: error[invalid-utf8]")) << r.err;
    EXPECT_TRUE(contains(r.err, "save the file as UTF-8")) << r.err;
    EXPECT_EQ(repo.head(), before);
}

TEST(Hardening, ABinaryFileIsRefusedWithTheReason) {
    Recorded repo;
    const std::string before = repo.head();
    repo.write("b.md", std::string("PK\3\4\0\0binary", 12));
    const test::RunResult r =
        repo.accord({"propose", "b.md", "--by", "Sweden", "--date", "2014-01-02"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.err,
                         "b.md: error[not-a-text]: the file is not text: it holds NUL "
                         "bytes"))
        << r.err;
    EXPECT_EQ(repo.head(), before);
}

TEST(Hardening, TheCommitHookRefusesWhatProposeRefuses) {
    Recorded repo;
    const std::string before = repo.head();
    repo.write("b.md", std::string("PK\3\4\0\0binary", 12));
    repo.git({"add", "b.md"});
    const test::RunResult commit = repo.git({"commit", "-q", "-m", "A binary text"});
    EXPECT_NE(commit.exit_code, 0);
    EXPECT_TRUE(contains(commit.err, "b.md: error[not-a-text]")) << commit.err;
    EXPECT_EQ(repo.head(), before);
}

// ---------------------------------------------------------------- clear words

// The proposal of a 1.5 MB text on a nearly full disk: a small tmpfs in a
// mount namespace of its own, filled up to `free` KiB below the text's size
// and above it in steps, so that each write of the proposal (blob, tree,
// commit, journal, branch, index) meets the full disk in turn. Each run
// either records the proposal whole or says "no space left" and records
// nothing. Without mount namespaces (some containers), a file size limit
// stands in for the full disk.
TEST(Hardening, AFullDiskSaysSoAndRecordsNothing) {
    Recorded repo;
    std::string text;
    unsigned long long seed = 12345;
    while (text.size() < 1500000) {
        std::string line = "The Parties ";
        for (int i = 0; i < 80; ++i) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            line += static_cast<char>('a' + (seed >> 33) % 26);
        }
        text += line + "\n";
    }
    const test::TempDir scratch;
    const std::string big = scratch.write("big.md", text);
    const std::string script =
        "set -u\n"
        "mnt=" +
        scratch.file("mnt") +
        "\n"
        "mkdir -p \"$mnt\"\n"
        "mount -t tmpfs -o size=8m tmpfs \"$mnt\" || exit 90\n"
        "for free in $(seq 640 24 1720); do\n"
        "  rm -rf \"$mnt\"/*\n"
        "  cp -a '" +
        repo.dir() + "' \"$mnt/repo\" && cp '" + big +
        "' \"$mnt/repo/a.md\"\n"
        "  avail=$(df -k --output=avail \"$mnt\" | tail -1)\n"
        "  dd if=/dev/zero of=\"$mnt/fill\" bs=1k count=$((avail - free)) 2>/dev/null\n"
        "  before=$(git -C \"$mnt/repo\" rev-parse HEAD)\n"
        "  (cd \"$mnt/repo\" && '" +
        test::accord_binary() +
        "' propose a.md --by Sweden --date 2014-01-02 >/dev/null 2>\"$mnt/err\")\n"
        "  code=$?\n"
        "  rm -f \"$mnt/fill\"\n"
        "  (cd \"$mnt/repo\" && '" +
        test::accord_binary() +
        "' status >/dev/null 2>&1)\n"
        "  after=$(git -C \"$mnt/repo\" rev-parse HEAD)\n"
        "  status=$(git -C \"$mnt/repo\" status --porcelain | tr '\\n' ';')\n"
        "  echo \"run $free $code $([ \"$before\" = \"$after\" ] && echo same || echo moved) "
        "$status\"\n"
        "  sed 's/^/err /' \"$mnt/err\"\n"
        "done\n";
    const test::RunResult r = test::run({"unshare", "-Urm", "sh", "-c", script});
    if (r.exit_code == 90 || contains(r.err, "unshare failed") ||
        contains(r.err, "Operation not permitted")) {
        // A file size limit instead: the text's object cannot be written.
        const test::RunResult limited =
            test::run({"sh", "-c",
                       "trap '' XFSZ; ulimit -f 256; cp '" + big + "' a.md; exec '" +
                           test::accord_binary() + "' propose a.md --by Sweden --date 2014-01-02"},
                      repo.here());
        EXPECT_EQ(limited.exit_code, 3) << limited.err;
        EXPECT_TRUE(contains(limited.err, "nothing was recorded")) << limited.err;
        EXPECT_EQ(repo.status(), " M a.md\n");
        return;
    }
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::size_t refused = 0, recorded = 0;
    // Each run: "run FREE CODE same|moved STATUS", then its errors as "err ..." lines.
    auto judge = [&](const std::string& run, const std::string& err) {
        if (run.empty()) return;
        std::istringstream fields(run);
        std::string word, free, code, head, status;
        fields >> word >> free >> code >> head;
        std::getline(fields, status);
        SCOPED_TRACE(run + "\n" + err);
        if (code == "0" || head == "moved") {
            // Recorded; when the index could not be written, the journal
            // kept it, and the next command (accord status) finished it.
            ++recorded;
            EXPECT_TRUE(code == "0" || contains(err, "could not bring the index")) << err;
            EXPECT_EQ(status, " ");
        } else {
            ++refused;
            EXPECT_EQ(code, "3");
            EXPECT_EQ(head, "same");
            EXPECT_EQ(status, "  M a.md;");
            EXPECT_TRUE(contains(err, "no space left on the device")) << err;
            EXPECT_TRUE(contains(err, "nothing was recorded")) << err;
        }
    };
    std::istringstream again(r.out);
    std::string line, current, errors;
    while (std::getline(again, line)) {
        if (line.rfind("err ", 0) == 0) {
            errors += line.substr(4) + "\n";
            continue;
        }
        judge(current, errors);
        current = line;
        errors.clear();
    }
    judge(current, errors);
    EXPECT_GT(refused, 3u) << r.out;
    EXPECT_GT(recorded, 0u) << r.out;
}

// A 50 MB text (a whole treaty series pasted into one file): log describes
// it and the HTML compilation shows it without attributing it word by word
// (the page says so, and that accord blame attributes it), both in memory
// that grows with the text, not with the square of it. Before, log ran past
// three minutes and compile ran out of memory.
TEST(Hardening, AFiftyMegabyteTextIsLoggedAndCompiled) {
    Recorded repo;
    std::string text;
    text.reserve(51u << 20);
    const char* words[] = {"The",      "Parties",    "shall", "[cooperate]",      "on",
                           "finance,", "technology", "and",   "capacity-building"};
    unsigned long long seed = 42;
    while (text.size() < 50'000'000) {
        for (int i = 0; i < 60; ++i) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            text += words[(seed >> 33) % std::size(words)];
            text += ' ';
        }
        text += "agreed.\n\n";
    }
    repo.write("big.md", text);
    text.clear();
    const test::RunResult proposed =
        repo.accord({"propose", "big.md", "--by", "Sweden", "--date", "2014-01-02"});
    ASSERT_EQ(proposed.exit_code, 0) << proposed.err;
    const test::RunResult log = repo.accord({"log"});
    EXPECT_EQ(log.exit_code, 0) << log.err;
    EXPECT_TRUE(contains(log.out, "big.md: new; 48 MiB, too large to describe"))
        << log.out.substr(0, 2000);
    const test::RunResult compiled = repo.accord({"compile", "--format", "html", "-o", "big.html"});
    ASSERT_EQ(compiled.exit_code, 0) << compiled.err;
    // Beyond what accord reads word by word, it is not rendered either (its
    // page would take some forty times its size in memory): a note stands
    // in its place, and the Markdown compilation prints it.
    const std::string page = repo.read("big.html");
    EXPECT_TRUE(contains(page, "big.md&#39; (48 MiB) is more than accord compares word by word"))
        << page.substr(0, 2000);
    EXPECT_TRUE(contains(page, "not shown here (the Markdown compilation")) << page.substr(0, 2000);
    EXPECT_FALSE(contains(page, "agreed.")) << page.substr(0, 2000);
    const test::RunResult markdown = repo.accord({"compile", "-o", "big-compiled.md"});
    ASSERT_EQ(markdown.exit_code, 0) << markdown.err;
    EXPECT_TRUE(contains(repo.read("big-compiled.md"), "agreed."));
}

// The limit of what accord compares word by word is in words as well as
// bytes: memory follows the tokens (words, spaces, marks), and a text of
// one-letter words holds five times as many per byte as prose. 7 MB of
// them (14 million tokens) would take some 2.8 GB to describe; log says it
// is too large, diff and blame refuse it, the HTML compilation shows a note
// and a Word document is not written without it. 7 MB of prose is compared.
TEST(Hardening, ATextOfTooManyWordsIsNotComparedWordByWord) {
    Recorded repo;
    std::string letters;
    while (letters.size() < 7'000'000) letters += "a b c d e f g\n\n";
    std::string prose;
    while (prose.size() < 7'000'000)
        prose += "The Parties [shall][should] cooperate on finance, technology and capacity.\n\n";
    repo.write("dense.md", letters);
    repo.write("prose.md", prose);
    ASSERT_EQ(repo.git({"add", "-A"}).exit_code, 0);
    ASSERT_EQ(repo.git({"commit", "-q", "--no-verify", "-m", "both", "--author",
                        "Japan <japan@example.org>"})
                  .exit_code,
              0);
    repo.write("dense.md", letters + "h\n");
    repo.write("prose.md", prose + "Agreed.\n");
    ASSERT_EQ(repo.git({"commit", "-q", "--no-verify", "-a", "-m", "more", "--author",
                        "Sweden <sweden@example.org>"})
                  .exit_code,
              0);
    const test::RunResult log = repo.accord({"log", "-1"});
    EXPECT_EQ(log.exit_code, 0) << log.err;
    EXPECT_TRUE(contains(log.out, "dense.md: 7 MiB, too large to describe")) << log.out;
    EXPECT_TRUE(contains(log.out, "or 6 million words, spaces and marks")) << log.out;
    EXPECT_TRUE(contains(log.out, "prose.md: 1 paragraph added")) << log.out;
    const test::RunResult diff = repo.accord({"diff", "HEAD~1", "HEAD", "--", "dense.md"});
    EXPECT_EQ(diff.exit_code, 2) << diff.out;
    EXPECT_TRUE(contains(diff.err, "dense.md (7 MiB) is more than accord compares word by word"))
        << diff.err;
    EXPECT_EQ(repo.accord({"diff", "HEAD~1", "HEAD", "--", "prose.md"}).exit_code, 0);
    const test::RunResult blame = repo.accord({"blame", "dense.md"});
    EXPECT_EQ(blame.exit_code, 2);
    EXPECT_TRUE(contains(blame.err, "'dense.md' (7 MiB) is more than accord")) << blame.err;
    const test::RunResult html = repo.accord({"compile", "--format", "html", "-o", "c.html"});
    ASSERT_EQ(html.exit_code, 0) << html.err;
    EXPECT_TRUE(contains(repo.read("c.html"), "not shown here"));
    const test::RunResult docx = repo.accord({"compile", "--format", "docx", "-o", "c.docx"});
    EXPECT_EQ(docx.exit_code, 2);
    EXPECT_TRUE(contains(docx.err, "'dense.md' (7 MiB) is more than accord compares word by word"))
        << docx.err;
    EXPECT_TRUE(contains(docx.err, "cannot be compiled into a Word document")) << docx.err;
    EXPECT_FALSE(fs::exists(repo.path("c.docx")));
}

// A commit naming its proposers 30,000 times over (a hostile history): each
// is one proposer, once, in the order first named, read in linear time.
TEST(Hardening, ThousandsOfProposedByTrailersNameEachProposerOnce) {
    Recorded repo;
    repo.write("a.md", "The Parties [shall] cooperate [closely].\n");
    std::string message = "Many names\n\n";
    const char* names[] = {"Japan", "Sweden", "Sweden"};
    for (int k = 0; k < 30000; ++k) message += std::string("Proposed-by: ") + names[k % 3] + "\n";
    repo.write(".git/many-names", message);
    ASSERT_EQ(repo.git({"commit", "-q", "--no-verify", "-a", "-F", ".git/many-names"}).exit_code,
              0);
    const std::string once = "\"proposers\": [\n        \"Japan\",\n        \"Sweden\"\n      ]";
    const test::RunResult log = repo.accord({"log", "--format", "json"});
    EXPECT_EQ(log.exit_code, 0) << log.err;
    EXPECT_TRUE(contains(log.out, once)) << log.out.substr(0, 1000);
    const test::RunResult verify = repo.accord({"verify", "--format", "json"});
    EXPECT_TRUE(contains(verify.out, once)) << verify.out.substr(0, 1000);
}

// A file of 17 MiB committed past accord's checks, beside an edit of a
// real text: the views that attribute every text leave it out, saying so,
// and answer for the others; blame of the text itself says why not.
TEST(Hardening, ATextTooLargeToCompareIsLeftOutOfSurvivalNotFatal) {
    Recorded repo;
    repo.write("huge.md", std::string(17u << 20, 'a'));
    repo.write("a.md", "The Parties [shall] cooperate [closely].\n");
    ASSERT_EQ(repo.git({"add", "-A"}).exit_code, 0);
    ASSERT_EQ(repo.git({"commit", "-q", "--no-verify", "-m", "huge", "--author",
                        "Japan <japan@example.org>"})
                  .exit_code,
              0);
    const test::RunResult survival = repo.accord({"survival", "--by", "Japan"});
    EXPECT_EQ(survival.exit_code, 0) << survival.err;
    EXPECT_TRUE(contains(survival.err, "'huge.md' (17 MiB) is more than accord")) << survival.err;
    EXPECT_TRUE(contains(survival.out, "a.md")) << survival.out;
    const test::RunResult blame = repo.accord({"blame", "a.md"});
    EXPECT_EQ(blame.exit_code, 0) << blame.err;
    EXPECT_TRUE(contains(blame.out, "closely")) << blame.out;
    const test::RunResult huge = repo.accord({"blame", "huge.md"});
    EXPECT_EQ(huge.exit_code, 2);
    EXPECT_TRUE(contains(huge.err, "'huge.md' (17 MiB) is more than accord")) << huge.err;
}

// A text recorded as it was issued, with its notation errors: refused
// first, saying how; recorded on purpose with --allow-errors, which the commit
// and accord log say.
TEST(Hardening, AllowErrorsRecordsATextWithItsErrorsAndSaysSo) {
    Recorded repo;
    repo.write("a.md", "The Parties [shall cooperate on finance.\n");
    const std::vector<std::string> propose = {"propose", "a.md",   "--by",
                                              "Sweden",  "--date", "2014-01-02"};
    const test::RunResult refused = repo.accord(propose);
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(contains(refused.err, "error[unclosed-bracket]")) << refused.err;
    EXPECT_TRUE(contains(refused.err, "propose again with --allow-errors")) << refused.err;

    std::vector<std::string> allowed = propose;
    allowed.push_back("--allow-errors");
    const test::RunResult recorded = repo.accord(allowed);
    ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
    EXPECT_TRUE(contains(repo.git({"log", "-1", "--format=%B"}).out, "Notation-errors: 1\n"));
    EXPECT_TRUE(
        contains(repo.accord({"log"}).out, "recorded with 1 new notation error on purpose"));

    // The old defect travels with its words: an edit elsewhere on its line goes through.
    repo.write("a.md", "The Parties [shall cooperate on technology.\n");
    const test::RunResult edited =
        repo.accord({"propose", "a.md", "--by", "Japan", "--date", "2014-01-03"});
    EXPECT_EQ(edited.exit_code, 0) << edited.err;
}

TEST(Hardening, ByTakesOneValueSoTheFileMayFollowIt) {
    Recorded repo;
    repo.write("a.md", "The Parties [must] cooperate.\n");
    const test::RunResult r =
        repo.accord({"propose", "--by", "Japan", "a.md", "--date", "2014-01-02"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(repo.status(), "");
}

TEST(Hardening, CheckOfAnEndlessDeviceStopsAtTheSizeLimit) {
    const test::RunResult r = test::accord({"check", "/dev/zero"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.out + r.err, "/dev/zero: larger than 128 MiB")) << r.out << r.err;
}

TEST(Hardening, AShallowCloneSaysSoAndHowToUnshallow) {
    Recorded repo;
    repo.write("a.md", "The Parties [must] cooperate.\n");
    ASSERT_EQ(repo.accord({"propose", "a.md", "--by", "Sweden", "--date", "2014-01-02"}).exit_code,
              0);
    test::TempDir tmp;
    ASSERT_EQ(
        test::run({"git", "clone", "-q", "--depth", "1", "file://" + repo.dir(), tmp.file("clone")})
            .exit_code,
        0);
    const test::RunResult log = test::accord({"log"}, test::in(tmp.file("clone")));
    EXPECT_EQ(log.exit_code, 3);
    EXPECT_TRUE(contains(log.err, "is a shallow clone")) << log.err;
    EXPECT_TRUE(contains(log.err, "git fetch --unshallow")) << log.err;
}

TEST(Hardening, APartialCloneSaysSoAndHowToFetchTheRest) {
    Recorded repo;
    repo.write("a.md", "The Parties [must] cooperate.\n");
    ASSERT_EQ(repo.accord({"propose", "a.md", "--by", "Sweden", "--date", "2014-01-02"}).exit_code,
              0);
    repo.write("a.md", "The Parties [shall] cooperate.\n");
    ASSERT_EQ(repo.accord({"propose", "a.md", "--by", "Japan", "--date", "2014-01-03"}).exit_code,
              0);
    repo.git({"config", "uploadpack.allowFilter", "true"});
    test::TempDir tmp;
    ASSERT_EQ(test::run({"git", "clone", "-q", "--filter=blob:none", "file://" + repo.dir(),
                         tmp.file("clone")})
                  .exit_code,
              0);
    const test::RunResult log = test::accord({"log"}, test::in(tmp.file("clone")));
    EXPECT_EQ(log.exit_code, 3);
    EXPECT_TRUE(contains(log.err, "is a partial clone")) << log.err;
    EXPECT_TRUE(contains(log.err, "git fetch --refetch origin")) << log.err;
    // Doing what it says makes the history readable.
    const test::RunOptions in_clone = test::in(tmp.file("clone"));
    ASSERT_EQ(test::run({"git", "config", "--unset", "remote.origin.partialclonefilter"}, in_clone)
                  .exit_code,
              0);
    ASSERT_EQ(test::run({"git", "fetch", "-q", "--refetch", "origin"}, in_clone).exit_code, 0);
    EXPECT_EQ(test::accord({"log"}, in_clone).exit_code, 0);
}

TEST(Hardening, ShowOfATrackedLinkSaysItIsALink) {
    Recorded repo;
    fs::create_symlink("/etc/passwd", repo.path("pw.md"));
    repo.git({"add", "pw.md"});
    repo.git({"commit", "-q", "--no-verify", "-m", "link"});
    const test::RunResult r = repo.accord({"show", "pw.md"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.err, "pw.md is a symbolic link")) << r.err;
    EXPECT_FALSE(contains(r.out, "root:")) << r.out;
}

TEST(Hardening, AnAngleBracketInADelegationNameImports) {
    test::TempDir tmp;
    const std::string source =
        tmp.write("doc.txt", compilation("Group <77> and China", "7 February 2014"));
    const test::RunResult r = test::accord({"import", source, "--into", tmp.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const test::RunResult log = test::accord({"log"}, test::in(tmp.file("out")));
    EXPECT_TRUE(contains(log.out, "Group <77> and China")) << log.out;
}

TEST(Hardening, TheMergeDriverNamesTheFileNotGitsTemporaryCopy) {
    Recorded repo;
    repo.git({"switch", "-q", "-c", "other"});
    repo.write("a.md", std::string("The Parties [must]\0 cooperate.\n", 31));
    repo.git({"commit", "-q", "--no-verify", "-am", "theirs"});
    repo.git({"switch", "-q", "main"});
    repo.write("a.md", "The Parties [may] cooperate.\n");
    repo.git({"commit", "-q", "--no-verify", "-am", "ours"});
    const test::RunResult merge = repo.git({"merge", "other"});
    EXPECT_NE(merge.exit_code, 0);
    EXPECT_TRUE(contains(merge.out + merge.err, "merge-driver: a.md (their version)"))
        << merge.out << merge.err;
    EXPECT_FALSE(contains(merge.out + merge.err, ".merge_file_")) << merge.out << merge.err;
}

// libgit2 is never handed the system's certificate authorities: the dynamic
// loader binds its call for them to the binary's own definition, which
// reads none (accord connects nowhere through libgit2; parsing them took
// three quarters of libgit2's start on every command).
TEST(Hardening, LibgitIsGivenNoCertificateAuthorities) {
    Recorded repo;
    test::RunOptions traced = test::in(repo.dir());
    traced.environment.push_back("LD_DEBUG=bindings");
    const test::RunResult r = test::accord({"log"}, traced);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::istringstream lines(r.err);
    std::string binding;
    for (std::string line; std::getline(lines, line);) {
        if (contains(line, "`mbedtls_x509_crt_parse_file'")) binding = line;
    }
    ASSERT_FALSE(binding.empty()) << "libgit2 asked for no certificate store";
    EXPECT_TRUE(contains(binding, "libgit2")) << binding;
    EXPECT_TRUE(contains(binding, " to " + test::accord_binary() + " ")) << binding;
}

}  // namespace
}  // namespace accord
