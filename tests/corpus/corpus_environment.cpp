// Every test of this executable reads the real negotiated texts of
// ../shared/corpus. A clone without them beside it skips all of them, with a
// message naming what is missing, instead of failing on the first read
// (.ci/run fails on a skip: CI has the corpus).
#include <gtest/gtest.h>

#include "support/paths.hpp"

namespace accord {
namespace {

class CorpusEnvironment : public ::testing::Environment {
  public:
    void SetUp() override {
        ACCORD_REQUIRE_CORPUS(
            "wgec-2013-14/draft-recommendations.txt", "paris-2015/agreement-23-oct-2015.md",
            "paris-2015/decision-6-nov-2015.md", "paris-2015/agreement-4-dec-2015.md",
            "paris-2015/agreement-9-dec-2015.md", "paris-2015/agreement-12-dec-2015.md",
            "paris-2015/agreement-final.md", "unfccc-art6.2-2024/party-inputs.docx",
            "unfccc-art6.2-2024/draft-decision-1st-iteration.docx",
            "unfccc-art6.2-2024/draft-decision-1st-iteration.txt");
    }
};

const ::testing::Environment* const kCorpus =
    ::testing::AddGlobalTestEnvironment(new CorpusEnvironment);

}  // namespace
}  // namespace accord
