// accord status and accord survival through the real binary: on the WGEC
// compilation as `accord import` builds it (status must agree with accord
// check on the same files), on an empty repository, and on bad input.
#include <gtest/gtest.h>

#include <regex>

#include "core/store/repository.hpp"
#include "support/paths.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

using test::in;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The number after `"key": ` at the first occurrence from `from` on.
std::size_t number_after(const std::string& json, std::size_t from, const std::string& key) {
    std::smatch m;
    const std::string rest = json.substr(from);
    if (!std::regex_search(rest, m, std::regex("\"" + key + "\": ([0-9]+)")))
        ADD_FAILURE() << "no " << key << " in " << rest.substr(0, 400);
    return m.empty() ? 0 : std::stoul(m[1].str());
}

std::vector<std::string> all_matches(const std::string& text, const std::string& pattern) {
    std::vector<std::string> out;
    const std::regex re(pattern);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
         ++it)
        out.push_back((*it)[1]);
    return out;
}

class WgecStatus : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        tmp_ = new test::TempDir();
        import_ = new test::RunResult(
            test::accord({"import", test::corpus_file("wgec-2013-14/draft-recommendations.txt"),
                          "--into", dir()},
                         in(tmp_->path())));
    }
    static void TearDownTestSuite() {
        delete import_;
        delete tmp_;
    }
    static std::string dir() { return tmp_->file("wgec"); }
    static test::RunResult accord(const std::vector<std::string>& args) {
        return test::accord(args, in(dir()));
    }
    void SetUp() override {
        ACCORD_REQUIRE_CORPUS("wgec-2013-14/draft-recommendations.txt");
        ASSERT_EQ(import_->exit_code, 0) << import_->err << import_->out;
    }

    static test::TempDir* tmp_;
    static test::RunResult* import_;
};
test::TempDir* WgecStatus::tmp_ = nullptr;
test::RunResult* WgecStatus::import_ = nullptr;

TEST_F(WgecStatus, TotalsAgreeWithCheckOnTheSameFiles) {
    const test::RunResult status = accord({"status", "--format", "json"});
    ASSERT_EQ(status.exit_code, 0) << status.err;
    EXPECT_TRUE(contains(status.out, "\"schema\": \"accord.status/1\""));
    const std::vector<std::string> paths = all_matches(status.out, "\"path\": \"([^\"]+)\"");
    ASSERT_GT(paths.size(), 40u);

    const bool any_slash = contains(test::read_all(dir() + "/accord.yaml"), "slash-options: any");
    std::vector<std::string> args = {"check", "--format", "json", "--slash-options",
                                     any_slash ? "any" : "spaced"};
    args.insert(args.end(), paths.begin(), paths.end());
    const test::RunResult check = accord(args);
    ASSERT_NE(check.exit_code, 2) << check.err;

    const std::size_t status_totals = status.out.rfind("\"totals\": {");
    const std::size_t check_totals = check.out.rfind("\"totals\": {");
    ASSERT_NE(status_totals, std::string::npos);
    ASSERT_NE(check_totals, std::string::npos);
    for (const std::string key :
         {"brackets", "alternatives_groups", "options", "strikes", "errors", "paragraphs"}) {
        EXPECT_EQ(number_after(status.out, status_totals, key),
                  number_after(check.out, check_totals, key))
            << key;
    }
    EXPECT_GT(number_after(status.out, status_totals, "brackets"), 0u);
    EXPECT_EQ(number_after(status.out, status_totals, "recommendations"), paths.size());
}

TEST_F(WgecStatus, TextListsEveryRecommendationOnceWithItsLastProposal) {
    const test::RunResult json = accord({"status", "--format", "json"});
    const test::RunResult text = accord({"status"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    const std::vector<std::string> ids = all_matches(json.out, "\"id\": \"([^\"]+)\"");
    ASSERT_FALSE(ids.empty());
    for (const std::string& id : ids) {
        const std::regex row("\n" + id + " +[^\n]*20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [A-Z]");
        EXPECT_TRUE(std::regex_search(text.out, row)) << id << " in\n" << text.out;
    }
    EXPECT_TRUE(contains(text.out, "\ntotal ")) << text.out;
    EXPECT_FALSE(contains(text.out, "\033[")) << "no colour when not on a terminal";
    EXPECT_TRUE(contains(accord({"--color", "always", "status"}).out, "\033[1m"));
    EXPECT_TRUE(
        contains(accord({"--color", "always", "survival", "--by", "Japan"}).out, "\033[1m"));
}

TEST_F(WgecStatus, SurvivalOfADelegationAddsUp) {
    const test::RunResult r = accord({"survival", "--by", "Nigeria", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "\"schema\": \"accord.survival/1\""));
    EXPECT_TRUE(contains(r.out, "\"delegation\": \"Nigeria\""));
    const std::size_t totals = r.out.rfind("\"totals\": {");
    ASSERT_NE(totals, std::string::npos);
    EXPECT_GT(number_after(r.out, totals, "proposals"), 0u);
    const std::size_t words = r.out.find("\"words\": {", totals);
    const std::size_t proposed = number_after(r.out, words, "proposed");
    EXPECT_GT(proposed, 0u);
    EXPECT_EQ(proposed,
              number_after(r.out, words, "standing") + number_after(r.out, words, "bracketed") +
                  number_after(r.out, words, "struck") + number_after(r.out, words, "gone"));

    const test::RunResult text = accord({"survival", "--by", "Nigeria"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_TRUE(contains(text.out, "What became of Nigeria's wording")) << text.out;
}

TEST_F(WgecStatus, UnknownDelegationSuggestsTheNearestNames) {
    const test::RunResult r = accord({"survival", "--by", "Nigria"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.err, "unknown delegation 'Nigria'")) << r.err;
    EXPECT_TRUE(contains(r.err, "did you mean Nigeria")) << r.err;
}

TEST(StatusCli, AnEmptyRepositoryGivesAnEmptyReport) {
    test::TempDir tmp;
    Repository::init(tmp.path());
    const test::RunResult status = test::accord({"status"}, in(tmp.path()));
    EXPECT_EQ(status.exit_code, 0) << status.err;
    EXPECT_EQ(status.out, "no recommendations\n");
    const test::RunResult json = test::accord({"status", "--format", "json"}, in(tmp.path()));
    EXPECT_EQ(json.exit_code, 0) << json.err;
    EXPECT_TRUE(contains(json.out, "\"recommendations\": 0"));
    const test::RunResult survival = test::accord({"survival", "--by", "Japan"}, in(tmp.path()));
    EXPECT_EQ(survival.exit_code, 0) << survival.err;
    EXPECT_TRUE(contains(survival.out, "no proposals by Japan"));
}

TEST(StatusCli, HelpTeachesWithExamples) {
    for (const std::string command : {"status", "survival"}) {
        const test::RunResult r = test::accord({command, "--help"});
        EXPECT_EQ(r.exit_code, 0);
        EXPECT_TRUE(contains(r.out, "accord " + command + " --")) << r.out;
        EXPECT_TRUE(contains(r.out, "accord." + command + "/1")) << r.out;
    }
    const test::RunResult missing = test::accord({"survival"});
    EXPECT_EQ(missing.exit_code, 2) << "--by is required";
}

}  // namespace
}  // namespace accord
