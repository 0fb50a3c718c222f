// The Word documents accord writes, opened by real clients: pandoc reads
// each tracked change with its author and date; LibreOffice converts the
// document to PDF without error; the first page is rendered to PNG and kept
// under build/tests/artifacts for a person to look at. The programs come
// from Debian's pandoc, libreoffice-writer-nogui and poppler-utils, which
// `.ci/setup-debian --office` installs; without them each test fails saying
// which is missing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

namespace fs = std::filesystem;
using test::in;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string artifacts() {
    const fs::path dir = fs::path(test::accord_binary()).parent_path() / "tests" / "artifacts";
    fs::create_directories(dir);
    return dir.string();
}

// The programs these tests open documents with that are not on PATH, each
// with the Debian package that has it; "" when all are there.
std::string missing_office_programs() {
    const std::vector<std::pair<std::string, std::string>> programs = {
        {"pandoc", "pandoc"},
        {"soffice", "libreoffice-writer-nogui"},
        {"pdftoppm", "poppler-utils"}};
    const char* path = std::getenv("PATH");
    std::string missing;
    for (const auto& [program, package] : programs) {
        bool found = false;
        std::istringstream dirs(path ? path : "");
        for (std::string dir; !found && std::getline(dirs, dir, ':');)
            found = !dir.empty() && fs::exists(fs::path(dir) / program);
        if (!found)
            missing += (missing.empty() ? "" : ", ") + program + " (Debian's " + package + ")";
    }
    return missing;
}

class Office : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::string missing = missing_office_programs();
        ASSERT_EQ(missing, "") << "the office tests open Word documents in pandoc and LibreOffice "
                                  "and render a page with pdftoppm; not found on PATH: "
                               << missing << ". Install them with .ci/setup-debian --office";
    }
};

// A negotiation of one text: Japan's base, then Brazil inserts, deletes and
// proposes a strike.
class SmallNegotiation : public Office {
  protected:
    void SetUp() override {
        Office::SetUp();
        if (HasFatalFailure()) return;
        repo_ = tmp_.file("neg");
        ASSERT_EQ(test::accord({"init", repo_}, in(tmp_.path())).exit_code, 0);
        tmp_.write("neg/a.md",
                   "# Article 1\n\n1. Parties shall [cooperate] on the *implementation* of this "
                   "decision.\n\n2. The secretariat shall report annually. (agreed)\n");
        propose("Japan", "2024-01-10");
        base_ = head();
        tmp_.write("neg/a.md",
                   "# Article 1\n\n1. Parties shall [cooperate][work together] on the "
                   "*implementation* in good faith.\n\n2. The secretariat shall "
                   "~~report annually~~. (agreed)\n");
        propose("Brazil", "2024-02-01");
    }
    void propose(const std::string& by, const std::string& date) {
        const test::RunResult r = test::accord(
            {"propose", "a.md", "--by", by, "--date", date, "--add-delegation", by}, in(repo_));
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    std::string head() {
        return test::run({"git", "-C", repo_, "rev-parse", "HEAD"}, in(repo_)).out.substr(0, 40);
    }
    std::string compile(const std::string& name, bool since_base) {
        const std::string out = tmp_.file(name);
        std::vector<std::string> args = {"compile", "--format", "docx", "-o", out};
        if (since_base) {
            args.push_back("--changes-since");
            args.push_back(base_);
        }
        const test::RunResult r = test::accord(args, in(repo_));
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return out;
    }

    test::TempDir tmp_;
    std::string repo_;
    std::string base_;
};

TEST_F(SmallNegotiation, PandocSeesEachChangeWithItsAuthorAndDate) {
    const std::string docx = compile("changes.docx", true);
    const test::RunResult pandoc =
        test::run({"pandoc", "--track-changes=all", "-f", "docx", "-t", "json", docx});
    ASSERT_EQ(pandoc.exit_code, 0) << pandoc.err;
    // Spans of class insertion/deletion carry author and date attributes.
    const std::regex change(
        R"re(\["(insertion|deletion)"\],\[\["author","([^"]*)"\],\["date","([^"]*)"\]\])re");
    std::set<std::string> seen;
    for (auto it = std::sregex_iterator(pandoc.out.begin(), pandoc.out.end(), change);
         it != std::sregex_iterator(); ++it) {
        seen.insert((*it)[1].str() + " " + (*it)[2].str() + " " + (*it)[3].str().substr(0, 10));
    }
    EXPECT_TRUE(seen.count("insertion Brazil 2024-02-01")) << pandoc.out.substr(0, 2000);
    EXPECT_TRUE(seen.count("deletion Brazil 2024-02-01")) << pandoc.out.substr(0, 2000);
    for (const std::string& s : seen) EXPECT_TRUE(contains(s, "Brazil 2024-02-01")) << s;
    // The inserted wording is there.
    EXPECT_TRUE(contains(pandoc.out, "\"good\"")) << pandoc.out.substr(0, 2000);
    // And a document without changes reads as plain text, brackets as typed.
    const test::RunResult plain =
        test::run({"pandoc", "-f", "docx", "-t", "plain", compile("plain.docx", false)});
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_TRUE(contains(plain.out, "[cooperate][work together]")) << plain.out;
    EXPECT_TRUE(contains(plain.out, "(agreed)")) << plain.out;
}

TEST_F(SmallNegotiation, LibreOfficeConvertsItAndItsFirstPageIsKept) {
    const std::string docx = compile("changes.docx", true);
    const std::string out = tmp_.file("pdf");
    const test::RunResult soffice =
        test::run({"soffice", "-env:UserInstallation=file://" + tmp_.file("profile"), "--headless",
                   "--convert-to", "pdf", "--outdir", out, docx});
    ASSERT_EQ(soffice.exit_code, 0) << soffice.out << soffice.err;
    const std::string pdf = out + "/changes.pdf";
    ASSERT_TRUE(fs::exists(pdf)) << soffice.out << soffice.err;
    EXPECT_GT(fs::file_size(pdf), 1000u);
    const std::string png = artifacts() + "/compile-docx-changes";
    const test::RunResult page =
        test::run({"pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, png});
    ASSERT_EQ(page.exit_code, 0) << page.err;
    ASSERT_TRUE(fs::exists(png + ".png"));
    EXPECT_GT(fs::file_size(png + ".png"), 2000u);
}

using PartyInputsInWord = Office;

TEST_F(PartyInputsInWord, PandocAndLibreOfficeReadTheCompiledImport) {
    ACCORD_REQUIRE_CORPUS("unfccc-art6.2-2024/party-inputs.docx");
    test::TempDir tmp;
    const std::string repo = tmp.file("art6");
    ASSERT_EQ(test::accord({"init", repo}, in(tmp.path())).exit_code, 0);
    const test::RunResult import =
        test::accord({"import", test::corpus_file("unfccc-art6.2-2024/party-inputs.docx"), "--as",
                      "decision.md", "--add-delegations"},
                     in(repo));
    ASSERT_EQ(import.exit_code, 0) << import.err;
    const std::string base =
        test::run({"git", "-C", repo, "rev-list", "--max-parents=0", "HEAD"}).out.substr(0, 40);
    const std::string docx = tmp.file("art6.docx");
    const test::RunResult compile = test::accord(
        {"compile", "--format", "docx", "--changes-since", base, "-o", docx}, in(repo));
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    const test::RunResult pandoc =
        test::run({"pandoc", "--track-changes=all", "-f", "docx", "-t", "json", docx});
    ASSERT_EQ(pandoc.exit_code, 0) << pandoc.err;
    EXPECT_TRUE(contains(pandoc.out, "[\"author\",\"United States\"]")) << "a US proposal";
    EXPECT_TRUE(contains(pandoc.out, "[\"author\",\"Xavier Tibau Alberdi\"]"));
    EXPECT_TRUE(contains(pandoc.out, "\"comment-start\"")) << "positions as comments";
    const test::RunResult soffice =
        test::run({"soffice", "-env:UserInstallation=file://" + tmp.file("profile"), "--headless",
                   "--convert-to", "pdf", "--outdir", tmp.file("pdf"), docx});
    ASSERT_EQ(soffice.exit_code, 0) << soffice.err;
    const std::string pdf = tmp.file("pdf") + "/art6.pdf";
    ASSERT_TRUE(fs::exists(pdf));
    const test::RunResult page =
        test::run({"pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf,
                   artifacts() + "/party-inputs-docx"});
    EXPECT_EQ(page.exit_code, 0) << page.err;
}

}  // namespace
}  // namespace accord
