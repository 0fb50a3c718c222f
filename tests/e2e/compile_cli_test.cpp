// accord compile through the real binary: on the real WGEC 2013-14 import
// (every text once, in compilation order, under the outline's headings) and
// on a repository whose history the test writes (every word's proposer is
// known), in Markdown and in HTML; and its errors.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "core/import/docx/docx_reader.hpp"
#include "core/store/position_record.hpp"
#include "core/store/recommendations.hpp"
#include "core/store/repository.hpp"
#include "core/store/workspace.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

using test::in;

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++n;
    return n;
}

std::string trimmed_body(const Recommendation& r) {
    std::string body(r.document.text(r.document.body));
    while (!body.empty() && (body.front() == '\n')) body.erase(body.begin());
    while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
    return body;
}

class CompileWgec : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        tmp_ = new test::TempDir();
        if (!test::missing_corpus({"wgec-2013-14/draft-recommendations.txt"}).empty()) return;
        const test::RunResult imported =
            test::accord({"import", test::corpus_file("wgec-2013-14/draft-recommendations.txt"),
                          "--into", "wgec"},
                         in(tmp_->path()));
        ASSERT_EQ(imported.exit_code, 0) << imported.err;
    }
    static void TearDownTestSuite() {
        delete tmp_;
        tmp_ = nullptr;
    }
    void SetUp() override { ACCORD_REQUIRE_CORPUS("wgec-2013-14/draft-recommendations.txt"); }
    static std::string dir() { return tmp_->file("wgec"); }
    static test::RunResult accord(const std::vector<std::string>& args) {
        return test::accord(args, in(dir()));
    }

  private:
    static test::TempDir* tmp_;
};
test::TempDir* CompileWgec::tmp_ = nullptr;

TEST_F(CompileWgec, MarkdownHoldsEveryTextOnceInCompilationOrder) {
    const test::RunResult md = accord({"compile"});
    ASSERT_EQ(md.exit_code, 0) << md.err;
    const Workspace ws = Workspace::open(dir());
    const std::vector<Recommendation> texts = read_recommendations(ws, ws.resolve("HEAD"));
    ASSERT_GT(texts.size(), 40u);
    std::size_t previous = 0, compiled = 0;
    for (const Recommendation& r : texts) {
        if (r.is_outline()) continue;
        const std::string body = trimmed_body(r);
        ASSERT_FALSE(body.empty()) << r.path;
        EXPECT_EQ(occurrences(md.out, body), 1u) << r.path << " must appear exactly once";
        const std::size_t at = md.out.find(body);
        EXPECT_GT(at, previous) << r.path << " is out of compilation order";
        previous = at;
        ++compiled;
    }
    EXPECT_EQ(compiled, texts.size() - 1) << "every text but the outline";
    EXPECT_EQ(md.out.find("kind: recommendation"), std::string::npos) << "no front matter";
}

TEST_F(CompileWgec, MarkdownFollowsTheOutlinesHeadings) {
    const std::string md = accord({"compile", "--format", "md"}).out;
    EXPECT_EQ(md.rfind("# Draft recommendations WGEC 2013-14\n", 0), 0u) << md.substr(0, 200);
    const std::size_t agreed = md.find(
        "\n## Agreed recommendations and recommendations to be "
        "revisited\n");
    const std::size_t group_a =
        md.find("\n### GROUP A: Implementation of the Tunis Agenda (Questions 2 and 3)\n");
    const std::size_t japan =
        md.find("\n#### 1. Draft recommendations submitted by Japan (7 February 2014)\n");
    const std::size_t statements = md.find("\n## Statements and Opinions\n");
    ASSERT_NE(agreed, std::string::npos);
    ASSERT_NE(group_a, std::string::npos);
    ASSERT_NE(japan, std::string::npos);
    ASSERT_NE(statements, std::string::npos);
    EXPECT_LT(agreed, group_a);
    EXPECT_LT(group_a, japan);
    EXPECT_LT(japan, statements);
    EXPECT_EQ(occurrences(md, "\n## "), 4u) << "the four sections, each once";
    // The preamble comes before the first section; the title is not repeated in it.
    EXPECT_LT(md.find("This document contains the draft recommendations"), agreed);
    EXPECT_EQ(occurrences(md, "Draft recommendations WGEC 2013-14\n"), 1u);
}

TEST_F(CompileWgec, AtAnEarlierDateHoldsTheTextsOfThatDate) {
    const test::RunResult then = accord({"compile", "--at", "2014-02-26"});
    ASSERT_EQ(then.exit_code, 0) << then.err;
    const Workspace ws = Workspace::open(dir());
    const std::vector<Recommendation> texts = read_recommendations(ws, ws.resolve("2014-02-26"));
    const std::vector<Recommendation> now = read_recommendations(ws, ws.resolve("HEAD"));
    ASSERT_LT(texts.size(), now.size());
    for (const Recommendation& r : texts) {
        // Some files the import creates early are still empty then.
        if (!r.is_outline() && !trimmed_body(r).empty()) {
            EXPECT_EQ(occurrences(then.out, trimmed_body(r)), 1u) << r.path;
        }
    }
    EXPECT_EQ(then.out.find("Resubmission by Nigeria (1 May 2014)"), std::string::npos)
        << "wording proposed in May is not there in February";
}

TEST_F(CompileWgec, HtmlHasEveryTextAttributedWithALegendAndTimelines) {
    const test::RunResult html = accord({"compile", "--format", "html"});
    ASSERT_EQ(html.exit_code, 0) << html.err;
    const Workspace ws = Workspace::open(dir());
    for (const Recommendation& r : read_recommendations(ws, ws.resolve("HEAD"))) {
        if (r.is_outline()) continue;
        EXPECT_EQ(occurrences(html.out, "data-path=\"" + r.path + "\""), 1u) << r.path;
    }
    EXPECT_GT(occurrences(html.out, "data-proposer=\""), 500u);
    EXPECT_GE(occurrences(html.out, "class=\"legend-entry"), 15u);
    EXPECT_NE(html.out.find("data-delegation=\"Japan\""), std::string::npos);
    EXPECT_GE(occurrences(html.out, "<ol class=\"timeline\""), 45u);
}

// A history written by the test: Japan drafts, Sweden brackets, the Russian
// Federation adds an option and proposes a deletion, the Chair agrees.
class CompileSmall : public ::testing::Test {
  protected:
    void SetUp() override {
        repo_.emplace(Repository::init(dir.path()));
        propose("Japan", "2014-02-07", "Japan's draft",
                {{"accord.yaml",
                  "negotiation: Test talks\ndelegations:\n  - name: Japan\n  - name: Sweden\n"
                  "  - name: Russian Federation\n    aliases: [RF]\n  - name: Chair\n"},
                 {"A/01.md",
                  "---\nid: A-1\ngroup: A\ntitle: Tunis\n---\nMaintains the "
                  "democratic multistakeholder approach.\n"},
                 {"B/01.md",
                  "---\nid: B-1\ngroup: B\ntitle: Mechanisms\n---\nIf a < b & "
                  "\"c\" then <script>alert('x')</script> stays text.\n"}});
        propose("Sweden", "2014-02-20", "Sweden brackets <b>democratic</b>",
                {{"A/01.md",
                  "---\nid: A-1\ngroup: A\ntitle: Tunis\n---\nMaintains the "
                  "[democratic] multistakeholder approach.\n"}});
        propose("RF", "2014-02-25", "Russian option",
                {{"A/01.md",
                  "---\nid: A-1\ngroup: A\ntitle: Tunis\n---\nMaintains the "
                  "[democratic][multilateral] multistakeholder ~~approach~~.\n"}});
        propose("Chair", "2014-05-01", "Chair's text",
                {{"A/01.md",
                  "---\nid: A-1\ngroup: A\ntitle: Tunis\n---\nMaintains the "
                  "[democratic][multilateral] multistakeholder ~~approach~~.\n\n"
                  "Alt1: **Keeps** the approach. (agreed)\n"}});
    }

    void propose(const std::string& by, const std::string& day, const std::string& subject,
                 std::vector<std::pair<std::string, std::string>> files) {
        test::FileTexts texts;
        for (auto& [path, text] : files) texts.push_back({path, text});
        test::record_proposal(*repo_, {by, day, std::move(texts), subject});
    }

    test::RunResult run(const std::vector<std::string>& args) {
        return test::accord(args, in(dir.path()));
    }

    test::TempDir dir;

  private:
    std::optional<Repository> repo_;
};

TEST_F(CompileSmall, MarkdownIsTheBodiesUnderGroupHeadings) {
    const test::RunResult md = run({"compile"});
    ASSERT_EQ(md.exit_code, 0) << md.err;
    EXPECT_EQ(md.out.rfind("# Test talks\n", 0), 0u) << md.out;
    // A-1 has no heading, and its title is its group's: it stands unheaded.
    EXPECT_NE(md.out.find("## Group A: Tunis\n\n"
                          "Maintains the [democratic][multilateral] multistakeholder "
                          "~~approach~~.\n\nAlt1: **Keeps** the approach. (agreed)\n"),
              std::string::npos)
        << md.out;
    EXPECT_LT(md.out.find("## Group A"), md.out.find("## Group B"));

    const test::RunResult then = run({"compile", "--at", "2014-02-20"});
    ASSERT_EQ(then.exit_code, 0) << then.err;
    EXPECT_NE(then.out.find("Maintains the [democratic] multistakeholder approach.\n"),
              std::string::npos)
        << then.out;
}

TEST_F(CompileSmall, HtmlAttributesEveryRunToItsProposer) {
    const test::RunResult html = run({"compile", "--format", "html", "-o", "page.html"});
    ASSERT_EQ(html.exit_code, 0) << html.err;
    EXPECT_EQ(html.out, "") << "with -o nothing goes to standard output";
    const std::string page = test::read_all(dir.file("page.html"));
    auto has = [&](const std::string& pattern) {
        return std::regex_search(page, std::regex(pattern));
    };
    EXPECT_TRUE(
        has("data-proposer=\"Japan\" data-date=\"2014-02-07\" data-commit=\"[0-9a-f]{40}\""
            " title=\"Wording proposed by Japan on 7 Feb 2014[^\"]*\">Maintains the<"));
    // Sweden's brackets and the word it put in them is still Japan's.
    EXPECT_TRUE(
        has("class=\"a p1 b1 mb o\" data-proposer=\"Sweden\"[^>]*title=\"Bracket "
            "proposed by Sweden[^>]*>\\["));
    EXPECT_TRUE(has("class=\"a p0 b1 o\" data-proposer=\"Japan\"[^>]*>democratic<"));
    EXPECT_TRUE(
        has("class=\"a p2 b1 o\" data-proposer=\"Russian Federation\"[^>]*>"
            "multilateral<"));
    EXPECT_TRUE(
        has("class=\"a p2 mk\" data-proposer=\"Russian Federation\"[^>]*title=\"Strike "
            "\\(proposed deletion\\) proposed by Russian Federation"));
    EXPECT_TRUE(has("class=\"a p0 st\" data-proposer=\"Japan\"[^>]*>approach<"));
    EXPECT_TRUE(
        has("<p class=\"alt\" dir=\"auto\"><span class=\"a p3 lbl\" data-proposer=\"Chair\""));
    EXPECT_TRUE(has("class=\"a p3 em\"[^>]*>Keeps<")) << "Markdown bold, its ** hidden";
    EXPECT_TRUE(has("class=\"a p3 tag t-agreed\"[^>]*>\\(agreed\\)<"));
    // The legend and the timeline of A/01.md, oldest first.
    for (const char* name : {"Japan", "Sweden", "Russian Federation", "Chair"})
        EXPECT_NE(page.find(std::string("data-delegation=\"") + name + "\""), std::string::npos)
            << name;
    const std::size_t article = page.find("data-path=\"A/01.md\"");
    const std::size_t timeline = page.find("<ol class=\"timeline\"", article);
    const std::size_t end = page.find("</ol>", timeline);
    ASSERT_NE(timeline, std::string::npos);
    const std::string proposals = page.substr(timeline, end - timeline);
    EXPECT_EQ(occurrences(proposals, "<li "), 4u) << proposals;
    EXPECT_LT(proposals.find("7 Feb 2014"), proposals.find("1 May 2014"));
    EXPECT_NE(proposals.find("Sweden brackets &lt;b&gt;democratic&lt;/b&gt;"), std::string::npos)
        << "subjects are escaped";
}

TEST_F(CompileSmall, HtmlEscapesTextAndRequestsNothing) {
    const test::RunResult html = run({"compile", "--format", "html"});
    ASSERT_EQ(html.exit_code, 0) << html.err;
    EXPECT_NE(html.out.find("If a &lt; b &amp; &quot;c&quot; then "
                            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; stays text."),
              std::string::npos);
    for (const char* outside :
         {"<script", "<link", "<img", "<iframe", "@import", "url(", "http://", "https://", "src="})
        EXPECT_EQ(html.out.find(outside), std::string::npos) << outside;
}

TEST_F(CompileSmall, BadRevisionOutputAndFormatAreNamed) {
    const test::RunResult revision = run({"compile", "--at", "no-such-revision"});
    EXPECT_EQ(revision.exit_code, 2);
    EXPECT_NE(revision.err.find("no-such-revision"), std::string::npos) << revision.err;

    const std::string unwritable = dir.file("no-such-dir/deeper/page.html");
    const test::RunResult output = run({"compile", "--format", "html", "-o", unwritable});
    EXPECT_EQ(output.exit_code, 3);
    EXPECT_NE(output.err.find(unwritable), std::string::npos) << output.err;

    const test::RunResult format = run({"compile", "--format", "pdf"});
    EXPECT_EQ(format.exit_code, 2);
    EXPECT_NE(format.err.find("pdf"), std::string::npos) << format.err;
}

// The five Paris texts as five proposals of one file: the final text's wording
// is attributed to the drafts it came from, and the Markdown is the final
// text itself.
TEST(CompileParis, FinalTextAttributedToTheDraftsItCameFrom) {
    ACCORD_REQUIRE_CORPUS("paris-2015/agreement-23-oct-2015.md",
                          "paris-2015/agreement-4-dec-2015.md",
                          "paris-2015/agreement-9-dec-2015.md",
                          "paris-2015/agreement-12-dec-2015.md", "paris-2015/agreement-final.md");
    test::TempDir dir;
    Repository repo = Repository::init(dir.path());
    const std::vector<std::pair<std::string, std::string>> versions = {
        {"agreement-23-oct-2015.md", "2015-10-23"},
        {"agreement-4-dec-2015.md", "2015-12-04"},
        {"agreement-9-dec-2015.md", "2015-12-09"},
        {"agreement-12-dec-2015.md", "2015-12-12"},
        {"agreement-final.md", "2015-12-12"}};
    for (const auto& [file, day] : versions) {
        const std::string text = test::read_all(test::corpus_file("paris-2015/" + file));
        test::record_proposal(
            repo, {file.substr(10, file.size() - 13), day, {{"agreement.md", text}}, file, 18});
    }
    const test::RunResult md = test::accord({"compile"}, in(dir.path()));
    ASSERT_EQ(md.exit_code, 0) << md.err;
    const Workspace ws = Workspace::open(dir.path());
    const std::vector<Recommendation> texts = read_recommendations(ws, ws.resolve("HEAD"));
    ASSERT_EQ(texts.size(), 1u);
    EXPECT_EQ(occurrences(md.out, trimmed_body(texts[0])), 1u);

    const test::RunResult html = test::accord({"compile", "--format", "html"}, in(dir.path()));
    ASSERT_EQ(html.exit_code, 0) << html.err;
    for (const char* draft : {"23-oct-2015", "4-dec-2015", "9-dec-2015", "final"})
        EXPECT_NE(html.out.find(std::string("data-proposer=\"") + draft + "\""), std::string::npos)
            << "some of the final wording comes from " << draft;
    EXPECT_EQ(occurrences(html.out, "<ol class=\"timeline\""), 1u);
    EXPECT_EQ(occurrences(html.out, "<li data-commit="), 5u) << "five proposals in the timeline";
    const std::size_t main = html.out.find("<main>");
    EXPECT_EQ(html.out.substr(main, html.out.find("</main>") - main).find("class=\"b1"),
              std::string::npos)
        << "no brackets in the final text: reference links are not brackets";
}

// The Word document of the changes since 9 December imports back as the
// final text, byte for byte: lines a proposal joined by deleting their
// breaks (the link definitions at the top) are not lost.
TEST(CompileParis, WordWithTheChangesSinceDecemberNinthImportsBackAsTheFinalText) {
    ACCORD_REQUIRE_CORPUS("paris-2015/agreement-9-dec-2015.md",
                          "paris-2015/agreement-12-dec-2015.md", "paris-2015/agreement-final.md");
    test::TempDir dir;
    const std::string negotiation = dir.file("paris");
    Repository repo = Repository::init(negotiation);
    const std::vector<std::pair<std::string, std::string>> versions = {
        {"agreement-9-dec-2015.md", "2015-12-09"},
        {"agreement-12-dec-2015.md", "2015-12-12"},
        {"agreement-final.md", "2015-12-12"}};
    std::string final_text;
    for (const auto& [file, day] : versions) {
        final_text = test::read_all(test::corpus_file("paris-2015/" + file));
        test::record_proposal(
            repo,
            {file.substr(10, file.size() - 13), day, {{"agreement.md", final_text}}, file, 18});
    }
    const std::string docx = dir.file("changes.docx");
    const test::RunResult compile = test::accord(
        {"compile", "--format", "docx", "--changes-since", "HEAD~2", "-o", docx}, in(negotiation));
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_EQ(compile.err.find("cannot carry"), std::string::npos) << compile.err;
    const std::string other = dir.file("other");
    ASSERT_EQ(test::accord({"init", other}, in(dir.path())).exit_code, 0);
    const test::RunResult import = test::accord(
        {"import", docx, "--changes", "accept", "--by", "Secretariat", "--add-delegations"},
        in(other));
    ASSERT_EQ(import.exit_code, 0) << import.err;
    EXPECT_EQ(test::read_all(other + "/agreement.md"), final_text);
}

// A text whose front matter changed since the revision (its title: no
// tracked change) imports back into a clone at that revision: the document
// keeps the front matter as it was then for the text with its changes
// rejected, and the text comes out as it stands. Imported into the
// negotiation it came from, it is carried onto the text as it stands.
TEST(CompileWord, ATextWhoseFrontMatterChangedSinceImportsBack) {
    test::TempDir dir;
    const std::string negotiation = dir.file("neg");
    Repository repo = Repository::init(negotiation);
    const std::string base = test::record_proposal(
        repo, {"Chair",
               "2015-01-01",
               {{"rec.md", "---\ntitle: Draft of 1 May\n---\n1. Parties shall cooperate.\n"}},
               "Draft"});
    const std::string now =
        "---\ntitle: Draft of 2 May\n---\n1. Parties shall [closely] cooperate.\n";
    test::record_proposal(repo, {"Brazil", "2015-01-02", {{"rec.md", now}}, "Closely"});
    const std::string docx = dir.file("changes.docx");
    const test::RunResult compile = test::accord(
        {"compile", "--format", "docx", "--changes-since", base, "-o", docx}, in(negotiation));
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    const std::string other = dir.file("other");
    ASSERT_EQ(test::run({"git", "clone", "-q", negotiation, other}).exit_code, 0);
    ASSERT_EQ(test::run({"git", "-C", other, "reset", "-q", "--hard", base}).exit_code, 0);
    ASSERT_EQ(test::accord({"init"}, in(other)).exit_code, 0);
    const test::RunResult import =
        test::accord({"import", docx, "--changes", "accept", "--add-delegations"}, in(other));
    ASSERT_EQ(import.exit_code, 0) << import.err << import.out;
    EXPECT_EQ(test::read_all(other + "/rec.md"), now);
    const std::string commits =
        test::run({"git", "-C", negotiation, "rev-list", "--count", "HEAD"}).out;
    const test::RunResult again =
        test::accord({"import", docx, "--changes", "accept", "--add-delegations"}, in(negotiation));
    ASSERT_EQ(again.exit_code, 0) << again.err << again.out;
    EXPECT_EQ(test::read_all(negotiation + "/rec.md"), now);
    // Brazil's proposal, a tracked change of the document, is not recorded
    // a second time in the negotiation that holds it.
    EXPECT_EQ(test::run({"git", "-C", negotiation, "rev-list", "--count", "HEAD"}).out, commits);
    EXPECT_NE(again.err.find("1 tracked change is a proposal the text already holds"),
              std::string::npos)
        << again.err;
}

// Positions since the revision are Word comments covering the wording
// they speak of, found in the text as it stands: a wording that holds
// formatting and ends its paragraph, and a wording changed since (its
// paragraph). Both covered the whole text. A heading changed since is a
// Word heading with the change inside, not "# Section ..." typed.
TEST(CompileWord, PositionsCoverTheirWordingAndChangedHeadingsStayHeadings) {
    test::TempDir dir;
    const std::string negotiation = dir.file("neg");
    Repository repo = Repository::init(negotiation);
    const std::string before =
        "# Section one\n\n*Decides* that Parties shall report.\n\n"
        "The secretariat shall publish.\n\nFinal paragraph.\n";
    const std::string base =
        test::record_proposal(repo, {"Japan", "2024-01-10", {{"a.md", before}}, "Base"});
    // Positions as a Word import records them: plain wording, its bytes.
    auto position = [&](const std::string& by, const std::string& wording, const std::string& bytes,
                        const std::string& said) {
        PositionRecord p;
        p.speakers = {by};
        p.path = "a.md";
        p.said = said;
        p.wording = wording;
        const std::size_t at = before.find(bytes);
        p.anchor = ByteRange{at, at + bytes.size()};
        CommitRequest request = test::proposal_request({by, "2024-01-15", {}});
        request.message = format_position_message(p);
        request.allow_empty = true;
        repo.commit_files(request);
    };
    position("Brazil", "Decides that Parties shall report.", "Decides* that Parties shall report.",
             "Brazil: support");
    position("Sweden", "shall publish", "shall publish", "Sweden: concerns");
    const std::string after =
        "# Section [first] one\n\n*Decides* that Parties shall report.\n\n"
        "The secretariat shall issue.\n\nFinal paragraph.\n";
    test::record_proposal(repo, {"Japan", "2024-01-20", {{"a.md", after}}, "Reworded"});

    const std::string docx = dir.file("changes.docx");
    const test::RunResult compile = test::accord(
        {"compile", "--format", "docx", "--changes-since", base, "-o", docx}, in(negotiation));
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_EQ(compile.err, "");
    std::ifstream file(docx, std::ios::binary);
    std::ostringstream bytes;
    bytes << file.rdbuf();
    docx::ReadResult read = docx::read_docx_bytes(bytes.str(), "changes.docx");
    ASSERT_TRUE(read.ok()) << read.error.message;
    const docx::Package& package = *read.package;
    // Each comment's wording as it stands, paragraphs joined by '\n'.
    std::map<std::string, std::string> covered;
    for (const docx::Comment& c : package.comments) {
        std::string text;
        for (std::uint32_t p = c.start.paragraph; p <= c.end.paragraph; ++p) {
            const std::vector<docx::Run>& runs = package.body.paragraphs.at(p).runs;
            if (p > c.start.paragraph) text += '\n';
            const std::size_t to = p == c.end.paragraph ? c.end.run : runs.size();
            for (std::size_t r = p == c.start.paragraph ? c.start.run : 0; r < to; ++r)
                if (runs.at(r).deleted == docx::kNoIndex) text += runs.at(r).text;
        }
        covered[c.author] = text;
    }
    EXPECT_EQ(covered,
              (std::map<std::string, std::string>{{"Brazil", "Decides that Parties shall report."},
                                                  {"Sweden", "The secretariat shall issue."}}));
    bool heading = false;
    for (const docx::Paragraph& p : package.body.paragraphs) {
        std::string text;
        for (const docx::Run& run : p.runs) text += run.text;
        EXPECT_EQ(text.find("# Section"), std::string::npos) << text;
        if (text.starts_with("Section")) {
            EXPECT_EQ(p.heading, 1u) << text;
            heading = true;
        }
    }
    EXPECT_TRUE(heading);
}

// Each Word paragraph of a document with words, in order, and how it
// reads: "kept", or "deleted by X", "inserted by X" when every run of it
// is, else "changed". Headings (the title, each text's) left out.
std::vector<std::pair<std::string, std::string>> paragraphs_as_changed(const std::string& docx) {
    std::ifstream file(docx, std::ios::binary);
    std::ostringstream bytes;
    bytes << file.rdbuf();
    docx::ReadResult read = docx::read_docx_bytes(bytes.str(), "changes.docx");
    EXPECT_TRUE(read.ok()) << read.error.message;
    if (!read.ok()) return {};
    const docx::Package& package = *read.package;
    const auto by = [&](std::uint32_t revision) { return package.revisions.at(revision).author; };
    std::vector<std::pair<std::string, std::string>> out;
    for (const docx::Paragraph& p : package.body.paragraphs) {
        if (p.heading != 0) continue;
        std::string text, reads;
        for (const docx::Run& run : p.runs) {
            text += run.text;
            const std::string run_reads =
                run.deleted != docx::kNoIndex    ? "deleted by " + by(run.deleted)
                : run.inserted != docx::kNoIndex ? "inserted by " + by(run.inserted)
                                                 : "kept";
            reads = reads.empty() || reads == run_reads ? run_reads : "changed";
        }
        if (!text.empty()) out.push_back({text, reads});
    }
    return out;
}

// A paragraph deleted and another added after the last: Word showed the
// paragraph between them, which no one touched, deleted and inserted again
// by Brazil (the whole body's word diff paired each paragraph's number
// with the next one's). Paragraphs are paired first, as `accord diff` pairs
// them.
TEST(CompileWord, AParagraphNoOneTouchedIsNeitherDeletedNorInserted) {
    test::TempDir dir;
    const std::string negotiation = dir.file("neg");
    Repository repo = Repository::init(negotiation);
    const std::string base = test::record_proposal(
        repo, {"Norway", "2024-01-10", {{"a.md", "1. One\n\n2. Two\n\n3. Three\n"}}, "Base"});
    test::record_proposal(
        repo, {"Brazil", "2024-01-20", {{"a.md", "1. One\n\n3. Three\n\n4. Four\n"}}, "Two out"});

    const std::string docx = dir.file("changes.docx");
    const test::RunResult compile = test::accord(
        {"compile", "--format", "docx", "--changes-since", base, "-o", docx}, in(negotiation));
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_EQ(compile.err, "");
    EXPECT_EQ(paragraphs_as_changed(docx), (std::vector<std::pair<std::string, std::string>>{
                                               {"1. One", "kept"},
                                               {"2. Two", "deleted by Brazil"},
                                               {"3. Three", "kept"},
                                               {"4. Four", "inserted by Brazil"}}));
}

// A deletion is credited to the proposal that took the wording out,
// found by following the text's versions since the revision: they are
// paired as the body is, paragraphs first. Followed word for word across
// paragraphs, Brazil's version (which deleted "2. Two" and added "4. Four")
// deleted "3. Three" and inserted it again, and Japan's deletion of it was
// credited to Brazil.
TEST(CompileWord, EachDeletionIsCreditedToWhoTookTheParagraphOut) {
    test::TempDir dir;
    const std::string negotiation = dir.file("neg");
    Repository repo = Repository::init(negotiation);
    const std::string base = test::record_proposal(
        repo, {"Norway", "2024-01-10", {{"a.md", "1. One\n\n2. Two\n\n3. Three\n"}}, "Base"});
    test::record_proposal(
        repo, {"Brazil", "2024-01-20", {{"a.md", "1. One\n\n3. Three\n\n4. Four\n"}}, "Two out"});
    test::record_proposal(repo,
                          {"Japan", "2024-01-25", {{"a.md", "1. One\n\n4. Four\n"}}, "Three out"});

    const std::string docx = dir.file("changes.docx");
    const test::RunResult compile = test::accord(
        {"compile", "--format", "docx", "--changes-since", base, "-o", docx}, in(negotiation));
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_EQ(compile.err, "");
    EXPECT_EQ(paragraphs_as_changed(docx), (std::vector<std::pair<std::string, std::string>>{
                                               {"1. One", "kept"},
                                               {"2. Two", "deleted by Brazil"},
                                               {"3. Three", "deleted by Japan"},
                                               {"4. Four", "inserted by Brazil"}}));
}

// A moved paragraph is deleted where it stood by the proposal that moved
// it, not by a later one (its wording, followed to where it went, stands).
TEST(CompileWord, AMovedParagraphIsDeletedWhereItStoodByWhoMovedIt) {
    test::TempDir dir;
    const std::string negotiation = dir.file("neg");
    Repository repo = Repository::init(negotiation);
    const std::string base = test::record_proposal(
        repo, {"Norway",
               "2024-01-10",
               {{"a.md", "Alpha beta gamma.\n\nDelta epsilon.\n\nZeta eta theta.\n"}},
               "Base"});
    test::record_proposal(repo,
                          {"Brazil",
                           "2024-01-20",
                           {{"a.md", "Delta epsilon.\n\nZeta eta theta.\n\nAlpha beta gamma.\n"}},
                           "Moved"});
    test::record_proposal(repo,
                          {"Japan",
                           "2024-01-25",
                           {{"a.md", "Delta epsilon.\n\nZeta eta iota.\n\nAlpha beta gamma.\n"}},
                           "Reworded"});

    const std::string docx = dir.file("changes.docx");
    const test::RunResult compile = test::accord(
        {"compile", "--format", "docx", "--changes-since", base, "-o", docx}, in(negotiation));
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_EQ(compile.err, "");
    const std::vector<std::pair<std::string, std::string>> paragraphs = paragraphs_as_changed(docx);
    ASSERT_FALSE(paragraphs.empty());
    EXPECT_EQ(paragraphs.front(),
              (std::pair<std::string, std::string>{"Alpha beta gamma.", "deleted by Brazil"}));
}

TEST(CompileEmpty, AnEmptyRepositoryGivesAnEmptyCompilation) {
    test::TempDir dir;
    Repository::init(dir.path());
    const test::RunResult md = test::accord({"compile"}, in(dir.path()));
    EXPECT_EQ(md.exit_code, 0) << md.err;
    EXPECT_NE(md.out.find("no proposals"), std::string::npos) << md.out;
    const test::RunResult html = test::accord({"compile", "--format", "html"}, in(dir.path()));
    EXPECT_EQ(html.exit_code, 0) << html.err;
    EXPECT_NE(html.out.find("</html>"), std::string::npos);
    EXPECT_NE(html.out.find("no proposals"), std::string::npos);
}

}  // namespace
}  // namespace accord
