// What every command does alike, through the real binary: a "schema" first
// in every JSON output.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/store/repository.hpp"
#include "support/paths.hpp"
#include "support/proposals.hpp"
#include "support/run.hpp"

namespace accord {
namespace {

using test::record_proposal;

// A small negotiation: Japan proposes A/01.md and B/01.md, Sweden brackets
// a word of A/01.md.
class Conventions : public ::testing::Test {
  protected:
    void SetUp() override {
        Repository repo = Repository::init(dir.path());
        record_proposal(repo,
                        {"Japan",
                         "2014-02-07",
                         {{"accord.yaml",
                           "negotiation: test\ndelegations:\n  - name: Japan\n  - name: Sweden\n"},
                          {"A/01.md", "To implement the approach (revisit).\n"},
                          {"B/01.md", "Another text.\n"}}});
        record_proposal(
            repo,
            {"Sweden", "2014-02-20", {{"A/01.md", "To implement the [approach] (revisit).\n"}}});
    }

    test::RunResult run(const std::vector<std::string>& args) const {
        return test::accord(args, test::in(dir.path()));
    }

    test::TempDir dir;
};

TEST_F(Conventions, EveryJsonOutputNamesItsSchemaFirst) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> outputs = {
        {"accord.check/1", {"check", "--format", "json"}},
        {"accord.log/1", {"log", "--format", "json"}},
        {"accord.diff/1", {"diff", "HEAD~1", "HEAD", "--format", "json"}},
        {"accord.blame/1", {"blame", "A/01.md", "--format", "json"}},
        {"accord.who/1", {"who", "implement", "--format", "json"}},
        {"accord.status/1", {"status", "--format", "json"}},
        {"accord.stats/1", {"stats"}},
        {"accord.survival/1", {"survival", "--by", "Japan", "--format", "json"}},
        {"accord.redrafts/1", {"redraft", "list", "--format", "json"}},
    };
    for (const auto& [schema, args] : outputs) {
        const test::RunResult r = run(args);
        EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
        EXPECT_EQ(r.out.rfind("{\n  \"schema\": \"" + schema + "\",\n", 0), 0u)
            << args[0] << ":\n"
            << r.out.substr(0, 200);
        EXPECT_EQ(r.out.back(), '\n') << args[0];
    }
}

}  // namespace
}  // namespace accord
