// The Paris Agreement's last seven weeks as a history: the five versions in
// ../shared/corpus/paris-2015/ recorded as five proposals to one file, then
// `accord stats` (the real binary) must show the brackets going away, each
// figure equal to what `accord check` counts in that version.
//
// Dates: the ADP texts of 23 October and 4 December 2015, the COP Presidency's
// draft of 9 December, its text of 12 December (FCCC/CP/2015/L.9/Rev.1,
// published that afternoon), and the Agreement as adopted at the closing
// plenary on the evening of 12 December. The adoption is a proposal of that
// same day, so the last two are two points on one day.
#include <gtest/gtest.h>

#include <regex>

#include "core/store/repository.hpp"
#include "core/util/date.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"
#include "support/xml_check.hpp"

namespace accord {
namespace {

struct Version {
    const char* file;
    const char* day;
    int hour, minute;  // Paris time, UTC+01:00
    const char* by;
};

const Version kVersions[] = {
    {"agreement-23-oct-2015.md", "2015-10-23", 18, 0, "ADP Co-Chairs"},
    {"agreement-4-dec-2015.md", "2015-12-04", 18, 0, "ADP Co-Chairs"},
    {"agreement-9-dec-2015.md", "2015-12-09", 15, 0, "COP Presidency"},
    {"agreement-12-dec-2015.md", "2015-12-12", 13, 30, "COP Presidency"},
    {"agreement-final.md", "2015-12-12", 19, 30, "COP 21"},
};

std::vector<std::size_t> all_numbers(const std::string& text, const std::regex& pattern) {
    std::vector<std::size_t> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
         it != std::sregex_iterator(); ++it)
        out.push_back(std::stoul((*it)[1]));
    return out;
}

// `accord check --format json` on one version: its total brackets and alternatives groups.
std::pair<std::size_t, std::size_t> check_counts(const std::string& path) {
    const test::RunResult r = test::accord({"check", "--format", "json", path});
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    const std::size_t totals = r.out.find("\"totals\"");
    EXPECT_NE(totals, std::string::npos) << r.out;
    const std::string tail = r.out.substr(totals);
    const auto brackets = all_numbers(tail, std::regex("\"brackets\": (\\d+)"));
    const auto groups = all_numbers(tail, std::regex("\"alternatives_groups\": (\\d+)"));
    if (brackets.empty() || groups.empty()) return {0, 0};
    return {brackets.front(), groups.front()};
}

class ParisHistory : public ::testing::Test {
  protected:
    void SetUp() override {
        Repository repo = Repository::init(dir.path());
        bool first = true;
        for (const Version& v : kVersions) {
            const std::string text =
                test::read_all(test::corpus_file(std::string("paris-2015/") + v.file));
            ASSERT_FALSE(text.empty()) << v.file;
            CommitRequest request;
            request.files = {{"paris/agreement.md", text}};
            if (first)
                request.files.push_back({"accord.yaml", "negotiation: Paris Agreement 2015\n"});
            first = false;
            const std::int64_t time =
                day_start_utc(*parse_iso_date(v.day)) + (v.hour - 1) * 3600 + v.minute * 60;
            request.author = {"UNFCCC secretariat", "secretariat@example.org", time, 60};
            request.committer = request.author;
            request.message = std::string(v.file) + "\n\nProposed-by: " + v.by + "\n";
            request.write_worktree = true;
            repo.commit_files(request);
        }
    }

    test::RunResult run(const std::vector<std::string>& args) {
        test::RunOptions options;
        options.cwd = dir.path();
        return test::accord(args, options);
    }

    test::TempDir dir;
};

TEST_F(ParisHistory, OpenBracketsFallFromAboutAThousandToNoneAsCheckCountsThem) {
    const test::RunResult r = run({"stats", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_NE(r.out.find("\"schema\": \"accord.stats/1\""), std::string::npos);
    const std::string proposals = r.out.substr(0, r.out.find("\"texts\": ["));
    const auto brackets =
        all_numbers(proposals, std::regex("\"totals\": \\{\\s*\"brackets\": (\\d+)"));
    const auto groups = all_numbers(
        proposals,
        std::regex("\"totals\": \\{\\s*\"brackets\": \\d+,\\s*\"alternatives_groups\": (\\d+)"));
    const auto days = [&] {
        std::vector<std::string> out;
        const std::regex day("\"day\": \"([0-9-]+)\"");
        for (auto it = std::sregex_iterator(proposals.begin(), proposals.end(), day);
             it != std::sregex_iterator(); ++it)
            out.push_back((*it)[1]);
        return out;
    }();
    ASSERT_EQ(brackets.size(), std::size(kVersions)) << r.out;
    ASSERT_EQ(groups.size(), std::size(kVersions));
    ASSERT_EQ(days.size(), std::size(kVersions));

    for (std::size_t i = 0; i < std::size(kVersions); ++i) {
        SCOPED_TRACE(kVersions[i].file);
        EXPECT_EQ(days[i], kVersions[i].day);
        const auto [checked_brackets, checked_groups] =
            check_counts(test::corpus_file(std::string("paris-2015/") + kVersions[i].file));
        EXPECT_EQ(brackets[i], checked_brackets) << "stats and check count the same text";
        EXPECT_EQ(groups[i], checked_groups);
        if (i > 0) {
            EXPECT_LE(brackets[i], brackets[i - 1]) << "brackets only go away";
        }
    }
    EXPECT_GE(brackets.front(), 900u) << "about a thousand on 23 October";
    EXPECT_LE(brackets.front(), 1200u);
    EXPECT_LT(brackets[2], brackets[1] / 2) << "the 9 December draft settled most of them";
    EXPECT_EQ(brackets.back(), 0u) << "the adopted Agreement has none";
}

TEST_F(ParisHistory, ReferenceLinksInTheLastTextsAreNotBrackets) {
    // The last two versions still contain '[' (Markdown reference links and
    // their definitions); none of them may count as an open bracket.
    for (const char* file : {"agreement-12-dec-2015.md", "agreement-final.md"}) {
        const std::string path = test::corpus_file(std::string("paris-2015/") + file);
        const std::string text = test::read_all(path);
        EXPECT_NE(text.find('['), std::string::npos) << file << " has link brackets";
        EXPECT_EQ(check_counts(path).first, 0u) << file;
    }
}

TEST_F(ParisHistory, SvgChartIsReadableXml) {
    const std::string out = dir.file("paris.svg");
    const test::RunResult r = run({"stats", "--format", "svg", "-o", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "") << "-o writes the file, not standard output";
    const std::string svg = test::read_all(out);
    EXPECT_EQ(test::xml_problem(svg), "") << svg.substr(0, 2000);
    EXPECT_NE(svg.find("Open brackets over time: Paris Agreement 2015"), std::string::npos);
    EXPECT_NE(svg.find(">Proposal date</text>"), std::string::npos);
    EXPECT_NE(svg.find("Oct 2015</text>"), std::string::npos) << "dates on the x axis";
    EXPECT_NE(svg.find(">1,000</text>"), std::string::npos) << "round counts on the y axis";
    EXPECT_EQ(svg.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace accord
